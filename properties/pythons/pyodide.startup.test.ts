import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startExternalSubject, type ExternalSubject } from '../../src/conformance/externalSubject.js';
import { pyodideCommand, pyodideDriverPath } from '../../src/subjects/pyodideDriver.js';

// The start-up rule of docs/protocol.md#start-up, on small fake drivers with real-time limits
// of a few hundred ms (the only real waiting here: the harness's watchdog), and the Pyodide
// driver where the package is missing (no boot). About 3 s in all.

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-startup-'));
const scenario = { tasks: [] };
const observation = { gather: { at: 0, value: [] }, tasks: [], unhandled: [] };

/** A driver that says `hello` (or nothing: null), then answers request N after `delays[N-1]` real ms (never past the list). */
function driver(name: string, hello: Record<string, unknown> | null, delays: readonly number[]): string {
  const path = join(folder, `${name}.mjs`);
  writeFileSync(
    path,
    `import { createInterface } from 'node:readline';
const hello = ${JSON.stringify(hello === null ? null : { protocol: 'gather-sim/1', name, ...hello })};
const delays = ${JSON.stringify(delays)};
if (hello !== null) process.stdout.write(JSON.stringify(hello) + '\\n');
let answered = Promise.resolve();
for await (const line of createInterface({ input: process.stdin })) {
  const { id } = JSON.parse(line);
  const delay = delays[id - 1];
  if (delay === undefined) continue;
  answered = answered.then(() => new Promise((resolve) => setTimeout(resolve, delay))).then(() => {
    process.stdout.write(JSON.stringify({ id, observation: ${JSON.stringify(observation)} }) + '\\n');
  });
}
await answered;
`,
  );
  return `node ${path}`;
}

async function started(command: string, limits: { helloMs?: number; answerMs: number }): Promise<ExternalSubject> {
  const start = await startExternalSubject(command, limits);
  if (!start.ok) throw new Error(start.problem);
  return start.subject;
}

describe('the start-up rule (a hello with startupMs)', () => {
  it('still breaks a driver that hangs before its hello, at the hello limit', { timeout: 120_000 }, async () => {
    const start = await startExternalSubject(driver('hangs', null, []), { helloMs: 300, answerMs: 300 });
    expect(start.ok ? '' : start.problem).toMatch(/^"node .*hangs\.mjs" sent no hello within 300 ms/);
  });

  it(
    'lets the first answer be silent past the answer limit, within the start-up, and no later answer',
    { timeout: 120_000 },
    async () => {
      const booting = await started(driver('booting', { startupMs: 5_000 }, [600, 600]), { answerMs: 300 });
      const first = await booting.run(scenario);
      expect(first.problems).toEqual([]);
      expect(first.observation).toEqual(observation);
      const second = await booting.run(scenario);
      expect(second.problems[0]).toMatch(
        /went silent: no answer to request 2 within 300 ms \(nothing on its stderr\)$/,
      );
      await booting.close();
    },
  );

  it('gives a driver without startupMs only the answer limit for its first answer', { timeout: 120_000 }, async () => {
    const slow = await started(driver('slow', {}, [600]), { answerMs: 300 });
    expect((await slow.run(scenario)).problems[0]).toMatch(/went silent: no answer to request 1 within 300 ms \(/);
    await slow.close();
  });

  it('breaks a driver still silent after its start-up, naming both limits', { timeout: 120_000 }, async () => {
    const stuck = await started(driver('stuck', { startupMs: 200 }, []), { answerMs: 100 });
    expect((await stuck.run(scenario)).problems[0]).toMatch(
      /went silent: no answer to request 1 within 100 ms and its start-up of 200 ms/,
    );
    await stuck.close();
  });

  it('refuses a hello whose startupMs is not a whole number of ms', { timeout: 120_000 }, async () => {
    for (const startupMs of ['soon', -1, 1.5]) {
      const start = await startExternalSubject(driver('vague', { startupMs }, []), { answerMs: 300 });
      expect(start.ok ? '' : start.problem).toContain(
        `its hello's "startupMs" is not a whole number of ms: got ${startupMs === 'soon' ? '"soon"' : String(startupMs)}`,
      );
    }
  });
});

describe('the Pyodide driver without the npm package pyodide', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gather-sim-no-pyodide-'));
  const copy = join(folder, 'pyodide-cpython-3.14.mjs');
  copyFileSync(pyodideDriverPath(), copy);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is reported missing, with the install line, by the subject that runs it', () => {
    expect(pyodideCommand(copy)).toEqual({ missing: 'the npm package pyodide is not installed; npm install pyodide' });
    expect(pyodideCommand()).toEqual({ command: expect.stringContaining(pyodideDriverPath()) as unknown });
  });

  it('exits before its hello, saying what is missing and the install line', { timeout: 120_000 }, async () => {
    const start = await startExternalSubject(`node ${copy}`, { answerMs: 300 });
    expect(start.ok ? '' : start.problem).toMatch(
      /exited with status 1 before its hello; its stderr:\npyodide-cpython-3\.14: the npm package pyodide is not installed; npm install pyodide$/,
    );
  });
});
