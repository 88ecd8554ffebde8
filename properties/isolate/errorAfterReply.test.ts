import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/throws-after-import.mjs', import.meta.url));
const built = new URL('../../dist/src/isolate/startSubjectWorker.js', import.meta.url).href;

// Loads the fixture in a subject worker, keeping the main thread from reading any message
// until the fixture's timer has thrown (its marker written, and 200 ms more), then asks
// for a run: both outcomes, as JSON lines. In a process of its own: inside the suite's
// worker process, Node happened to read the reply first.
const script = `
import { existsSync } from 'node:fs';
import { startSubjectWorker } from ${JSON.stringify(built)};
const worker = startSubjectWorker({ budgetMs: 10000, memoryMb: 256 }, () => {});
const loading = worker.request({ kind: 'load', module: ${JSON.stringify(fixture)} });
await new Promise((resolve) => setTimeout(resolve, 0));
const giveUp = Date.now() + 30000;
while (!existsSync(process.env.GATHER_SIM_TEST_MARKER) && Date.now() < giveUp);
const end = Date.now() + 200;
while (Date.now() < end);
console.log(JSON.stringify(await loading));
console.log(JSON.stringify(await worker.request({ kind: 'run', scenario: { tasks: [] }, ties: undefined, determinism: false })));
await worker.close();
`;

describe('a subject worker whose module throws right after its import', () => {
  it('is loaded, then broken, even when its error reaches the main thread before its reply', () => {
    // The error and the reply travel on two channels; a busy main thread reads the error
    // first (it did under the suite's load, and made a broken subject a load problem).
    const folder = mkdtempSync(join(tmpdir(), 'gather-sim-'));
    const marker = join(folder, 'thrown');
    // A file, not --eval: a worker inherits the process's options, and --input-type breaks it.
    writeFileSync(join(folder, 'race.mjs'), script);
    const child = spawnSync(process.execPath, [join(folder, 'race.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, GATHER_SIM_TEST_MARKER: marker },
    });
    expect(child.stderr).toBe('');
    const [loaded, next] = child.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(loaded).toMatchObject({ ok: true, reply: { kind: 'loaded', name: 'throws-after-import' } });
    expect(next).toEqual({
      ok: false,
      what: 'threw an error nobody caught (from a real timer, a listener or a promise it left behind): Error: thrown after its import',
    });
  });
});
