import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startExternalSubject, type ExternalStart } from '../../src/conformance/externalSubject.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-external-'));
const scenario = { tasks: [{ sleep: 1000, value: 100 }] };
const observation = {
  gather: { at: 1000, value: [{ value: 100 }] },
  tasks: [{ started: 0, settled: 1000, outcome: 'value', cancelRequested: null }],
  unhandled: [],
};
const hello = JSON.stringify({ protocol: 'gather-sim/1', name: 'fake', supports: { returnExceptions: true } });

/** A subject script: `answer` turns each request line into the lines to print (none: stay silent). */
function subject(name: string, body: string): string {
  const path = join(folder, `${name}.mjs`);
  writeFileSync(
    path,
    `import { createInterface } from 'node:readline';\nconst hello = ${JSON.stringify(hello)};\nconst observation = ${JSON.stringify(observation)};\n${body}\n`,
  );
  return `node ${path}`;
}

const answering = (answer: string): string =>
  `process.stdout.write(hello + '\\n');\nfor await (const line of createInterface({ input: process.stdin })) {\n  const request = JSON.parse(line);\n  ${answer}\n}`;

async function started(command: string, limits = {}): Promise<Extract<ExternalStart, { ok: true }>['subject']> {
  const start = await startExternalSubject(command, limits);
  if (!start.ok) throw new Error(start.problem);
  return start.subject;
}

describe('an external subject', () => {
  it('says hello with its name and capabilities, answers each scenario, and exits when its stdin closes', async () => {
    const fake = await started(
      subject('good', answering("process.stdout.write(JSON.stringify({ id: request.id, observation }) + '\\n');")),
    );
    expect(fake.name).toBe('fake');
    expect(fake.supports).toEqual({ returnExceptions: true, cancellation: false, dedupe: false });
    const run = await fake.run(scenario);
    expect(run.observation).toEqual(observation);
    expect(run.problems).toEqual([]);
    expect(run.trace.map((event) => event.kind)).toEqual(['start', 'settle', 'gather-settle']);
    await fake.close();
    expect(fake.broken()).toBeUndefined();
  });

  it('is broken, with its stderr, when it crashes', async () => {
    const crashing = await started(
      subject('crash', answering("console.error('out of memory, allegedly'); process.exit(3);")),
    );
    const run = await crashing.run(scenario);
    expect(run.problems[0]).toMatch(
      /^external subject broken: "node .*crash\.mjs" exited with status 3 while request 1 was unanswered; its stderr:\nout of memory, allegedly$/,
    );
    expect((await crashing.run(scenario)).problems).toEqual(run.problems);
    await crashing.close();
  });

  it('is broken when it prints something that is not protocol', async () => {
    const chatty = await started(subject('chatty', answering("process.stdout.write('Loading scenario...\\n');")));
    expect((await chatty.run(scenario)).problems[0]).toMatch(
      /printed a line that is not protocol: "Loading scenario\.\.\."/,
    );
    await chatty.close();
  });

  it('is broken when it answers out of order', async () => {
    const muddled = await started(
      subject(
        'muddled',
        answering("process.stdout.write(JSON.stringify({ id: request.id + 1, observation }) + '\\n');"),
      ),
    );
    expect((await muddled.run(scenario)).problems[0]).toMatch(/answered out of order: expected id 1, got 2/);
    await muddled.close();
  });

  it('is broken, and killed, when it goes silent, without waiting on it longer than its limit', async () => {
    const silent = await started(subject('silent', answering('// never answers')), { answerMs: 1 });
    expect((await silent.run(scenario)).problems[0]).toMatch(/went silent: no answer to request 1 within 1 ms/);
    await silent.close();
  });

  it('does not start when its first line is not a hello, or when it says nothing', async () => {
    const rude = await startExternalSubject(subject('rude', "process.stdout.write('hi\\n'); process.stdin.resume();"));
    expect(rude.ok ? '' : rude.problem).toMatch(/its first line is not JSON: "hi"/);
    const mute = await startExternalSubject(subject('mute', 'process.stdin.resume();'), { helloMs: 1 });
    expect(mute.ok ? '' : mute.problem).toMatch(/sent no hello within 1 ms/);
    const missing = await startExternalSubject('no-such-command-gather-sim');
    expect(missing.ok ? '' : missing.problem).toMatch(
      /exited with status 127 before its hello; its stderr:\n.*not found/,
    );
  });

  it('counts an error answer or an invalid observation as a failure of that scenario, and goes on', async () => {
    const picky = await started(
      subject(
        'picky',
        answering(
          "process.stdout.write(JSON.stringify(request.scenario.tasks.length === 1 ? { id: request.id, error: 'one task is too few' } : { id: request.id, observation: { gather: { pending: true } } }) + '\\n');",
        ),
      ),
    );
    expect((await picky.run(scenario)).problems).toEqual([
      'the subject could not run the scenario: one task is too few',
    ]);
    expect((await picky.run({ tasks: [] })).problems[0]).toMatch(
      /^answered an invalid OBSERVATION: .*missing key "tasks"/,
    );
    expect(picky.broken()).toBeUndefined();
    await picky.close();
  });

  it('is killed when it does not exit after its stdin closes', async () => {
    const stubborn = await started(
      subject(
        'stubborn',
        "process.stdout.write(hello + '\\n'); process.stdin.on('end', () => setInterval(() => {}, 1000)); process.stdin.resume();",
      ),
      { answerMs: 1 },
    );
    await stubborn.close();
    expect(stubborn.broken()).toBeUndefined();
  });
});
