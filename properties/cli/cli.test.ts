import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateObservation } from '../../src/observation/validateObservation.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { serveCommand } from '../../src/cli/serveCommand.js';
import { fakeIo } from './fakeIo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'dist/src/cli/main.js');
const tutorial1 = join(root, 'scenarios/tutorial-1-two-calls.json');

/** Each line of a protocol session's output, parsed. */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function tempFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gather-sim-')), 'scenario.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('gather-sim run', () => {
  it('shows the first tutorial program resolving to [100, 200] at 2000 ms, with a timeline, and matches its expect', async () => {
    const io = fakeIo();
    expect(await runCommand([tutorial1], io)).toBe(0);
    expect(io.out()).toContain('gather resolved at 2000 ms with [100, 200]');
    expect(io.out()).toContain('task 1  S---------v  value 200 at 2000');
    expect(io.out()).toContain('spec: the one observation rules R1-R12 allow');
    expect(io.out()).toContain('expect: matched');
  });

  it('says when the observation is one of several the spec allows because events tie', async () => {
    const io = fakeIo(
      '{"tasks": [{"sleep": 5, "error": {"name": "A", "message": ""}}, {"sleep": 5, "error": {"name": "B", "message": ""}}]}',
    );
    expect(await runCommand(['-'], io)).toBe(0);
    expect(io.out()).toContain('spec: one of 2 observations rules R1-R12 allow, as events tie at the same millisecond');
  });

  it('prints exactly one JSON observation with --json, also when the gather never settles', async () => {
    const io = fakeIo();
    expect(await runCommand([tempFile({ tasks: [{ hang: true }] }), '--json'], io)).toBe(0);
    const observation: unknown = JSON.parse(io.out());
    expect(validateObservation(observation).ok).toBe(true);
    expect(observation).toMatchObject({ gather: { pending: true } });
  });

  it('reads a scenario from standard input with -', async () => {
    const io = fakeIo('{"tasks": [{"sleep": 5, "value": "x"}]}');
    expect(await runCommand(['-', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ gather: { at: 5, value: [{ value: 'x' }] } });
  });

  it('exits 1 and shows where the run departs when expect does not match', async () => {
    const io = fakeIo();
    const file = tempFile({
      tasks: [{ sleep: 5, value: 1 }],
      expect: {
        gather: { at: 6, value: [{ value: 1 }] },
        tasks: [{ started: 0, settled: 5, outcome: 'value', cancelRequested: null }],
        unhandled: [],
      },
    });
    expect(await runCommand([file], io)).toBe(1);
    expect(io.out()).toContain('expect: MISMATCH\n  gather.at: expected 6, observed 5');
  });

  it('says so when a mismatching expect is another outcome that tied events allow', async () => {
    const io = fakeIo();
    const tasks = [
      { sleep: 5, error: { name: 'A', message: '' } },
      { sleep: 5, error: { name: 'B', message: '' } },
    ];
    const observed = { started: 0, settled: 5, outcome: 'error', cancelRequested: null };
    const file = tempFile({
      tasks,
      expect: {
        gather: { at: 5, error: { name: 'B', message: '', task: 1 } },
        tasks: [observed, observed],
        unhandled: [],
      },
    });
    expect(await runCommand([file], io)).toBe(1);
    expect(io.out()).toContain(
      '(the expected observation is one the spec allows too: events tie, and the reference took another order)',
    );
  });

  it('exits 2 naming the file, the JSON path and the bad value of an invalid scenario', async () => {
    const io = fakeIo();
    const file = tempFile({ tasks: [{ sleep: -1, value: 1 }] });
    expect(await runCommand([file], io)).toBe(2);
    expect(io.err()).toContain(
      `${file} is not a valid scenario file:\ntasks[0].sleep: expected a non-negative integer of at most 10^12 (ms), got -1`,
    );
  });

  it('exits 2 for an unknown option, --json with more than one file, and a missing file', async () => {
    const unknown = fakeIo();
    expect(await runCommand(['--bogus'], unknown)).toBe(2);
    expect(unknown.err()).toContain("gather-sim run: Unknown option '--bogus'");
    expect(await runCommand([tutorial1, tutorial1, '--json'], fakeIo())).toBe(2);
    const io = fakeIo();
    expect(await runCommand(['no/such/file.json'], io)).toBe(2);
    expect(io.err()).toContain('no/such/file.json');
  });

  it('runs a whole folder and sums up, one line per file', async () => {
    const io = fakeIo();
    expect(await runCommand([join(root, 'scenarios')], io)).toBe(0);
    expect(io.out()).toMatch(/\n\d+ scenarios: (\d+) matched, 0 mismatched, 0 without "expect", 0 n\/a, 0 invalid\n$/);
  });

  it('runs a scenario on another subject with --subject, and exits 1 where the spec rejects what it did', async () => {
    const file = tempFile({
      tasks: [
        { sleep: 5, value: 1 },
        { sleep: 3, error: { name: 'APIError', message: 'no' } },
      ],
    });
    const io = fakeIo();
    expect(await runCommand([file, '--subject', 'p-settle'], io)).toBe(1);
    expect(io.out()).toContain('subject p-settle\ngather rejected at 5 ms with APIError("no") from task 1');
    expect(io.out()).toContain(
      'spec: NOT an observation rules R1-R12 allow: p-settle departs from asyncio.gather here; against the one allowed:\n  gather.at: expected 3, observed 5',
    );
    const native = fakeIo();
    expect(await runCommand([file, '--subject', 'Promise.all'], native)).toBe(0);
    expect(native.out()).toContain('spec: the one observation rules R1-R12 allow');
  });

  it('runs every scenario file a subject can express, and marks the others n/a instead of failing them', async () => {
    const io = fakeIo();
    expect(await runCommand([join(root, 'scenarios'), '--subject', 'Promise.all'], io)).toBe(0);
    expect(io.out()).toMatch(/ok {8}\S*tutorial-3-return-exceptions\.json\s+resolved at 2000 ms/);
    expect(io.out()).toMatch(
      /n\/a {7}\S*r08-cancel-raise\.json\s+needs cancellation, which Promise\.all does not claim/,
    );
    expect(io.out()).toMatch(/ 0 mismatched, 0 without "expect", \d+ n\/a, 0 invalid\n$/);
    const one = fakeIo();
    expect(await runCommand([join(root, 'scenarios/r08-cancel-raise.json'), '--subject', 'Promise.all'], one)).toBe(0);
    expect(one.out()).toContain(
      'note: the scenario needs cancellation, which Promise.all does not claim: nothing here counts against it',
    );
  });

  it('exits 2 naming the module when --subject cannot be loaded', async () => {
    const io = fakeIo();
    expect(await runCommand([tutorial1, '--subject', './missing.mjs'], io)).toBe(2);
    expect(io.err()).toMatch(/^gather-sim run: --subject: cannot import \.\/missing\.mjs: /);
  });
});

describe('gather-sim serve', () => {
  it('says hello, then answers many requests written at once, in order, and ends when stdin closes', async () => {
    const requests = [
      { id: 7, scenario: { tasks: [{ sleep: 1000, value: 100 }] } },
      { id: 8, scenario: { tasks: [{ hang: true }], cancelGatherAt: 5 } },
      { id: 9, scenario: { tasks: [], name: 'file keys are not protocol' } },
    ];
    const io = fakeIo([...requests.map((request) => JSON.stringify(request)), 'not json', '{"id": "x"}'].join('\n'));
    expect(await serveCommand([], io)).toBe(0);
    const lines = jsonLines(io.out());
    expect(lines[0]).toEqual({
      protocol: 'gather-sim/1',
      name: 'reference',
      supports: { returnExceptions: true, cancellation: true, dedupe: true },
    });
    expect(lines.slice(1).map((line) => line['id'])).toEqual([7, 8, 9, null, null]);
    expect(lines[1]).toMatchObject({ observation: { gather: { at: 1000, value: [{ value: 100 }] } } });
    expect(lines[2]).toMatchObject({ observation: { gather: { at: 5, error: { name: 'CancelledError' } } } });
    expect(lines[3]).toEqual({
      id: 9,
      error:
        'scenario.name: unknown key in a scenario; allowed keys: tasks, args, returnExceptions, cancelGatherAt, cancelTasks',
    });
    expect(lines[5]).toEqual({ id: null, error: '"id": expected an integer, got "x"' });
  });

  it('waits for a slow reader at every full buffer and leaves no listener behind on its output', async () => {
    const written: string[] = [];
    // Every write fills the buffer (highWaterMark 1); the reader takes each chunk a turn later.
    const stdout = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        setImmediate(callback);
      },
    });
    const requests = Array.from({ length: 30 }, (_, id) => JSON.stringify({ id, scenario: { tasks: [] } }));
    const io = { ...fakeIo(requests.join('\n')), stdout };
    expect(await serveCommand([], io)).toBe(0);
    expect(jsonLines(written.join('')).map((line) => line['id'])).toEqual([undefined, ...requests.keys()]);
    expect([stdout.listenerCount('drain'), stdout.listenerCount('close')]).toEqual([0, 0]);
  });

  it('serves another subject with --subject, saying hello with its name and capabilities', async () => {
    const io = fakeIo(
      JSON.stringify({
        id: 1,
        scenario: {
          tasks: [
            { sleep: 3, error: { name: 'E', message: '' } },
            { sleep: 9, value: 1 },
          ],
        },
      }),
    );
    expect(await serveCommand(['--subject', 'p-map'], io)).toBe(0);
    const lines = jsonLines(io.out());
    expect(lines[0]).toEqual({
      protocol: 'gather-sim/1',
      name: 'p-map',
      supports: { returnExceptions: true, cancellation: true },
    });
    expect(lines[1]).toMatchObject({
      id: 1,
      observation: { gather: { at: 3, error: { name: 'E', message: '', task: 0 } } },
    });
  });
});

describe('the gather-sim binary (built by npm ci)', () => {
  const execute = promisify(execFile);

  it('runs the first tutorial program from the command line', async () => {
    const { stdout } = await execute('node', [bin, 'run', tutorial1]);
    expect(stdout).toContain('gather resolved at 2000 ms with [100, 200]');
  });

  it('runs under --unhandled-rejections=strict, where Node raises every unhandled rejection', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--unhandled-rejections=strict',
      bin,
      'run',
      tutorial1,
    ]);
    expect(stdout).toContain('expect: matched');
  });

  it('prints help naming where the spec is, with exit 0, and rejects an unknown command with exit 2', async () => {
    const help = (await execute('node', [bin, '--help'])).stdout;
    expect(help).toContain('Usage: gather-sim COMMAND');
    const docs = /^The spec ships with the package, in (\/.*\/docs\/):$/m.exec(help)?.[1] ?? '';
    for (const doc of ['semantics.md', 'protocol.md', 'architecture.md'])
      expect(existsSync(join(docs, doc)), doc).toBe(true);
    await expect(execute('node', [bin, 'frobnicate'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "frobnicate"') as unknown,
    });
  });

  it('serves piped requests and exits 0 when its input closes', async () => {
    const child = spawn('node', [bin, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end(
      `${JSON.stringify({ id: 1, scenario: { tasks: [{ sleep: 3, value: 3 }] } })}\n${JSON.stringify({ id: 2, scenario: { tasks: [] } })}\n`,
    );
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const answers = out
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { id: number; observation: unknown });
    expect(answers.map((answer) => answer.id)).toEqual([1, 2]);
    for (const answer of answers) expect(validateObservation(answer.observation).ok).toBe(true);
  });
});
