import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../dist/src/index.js', import.meta.url));

/**
 * In a child process with --expose-gc: a gather that never settles and keeps, for good,
 * everything a run hands it (the children, the options and their signal, the promise it
 * returned), as a library's global scope keeps a task that never ends. After one run, the
 * user drops the run; the child prints which of them the garbage
 * collector has reclaimed (seen through a FinalizationRegistry).
 */
const script = `
const { runScenario } = await import(process.argv[1]);
const kept = [];
const hoarding = (children, options) => {
  const signal = options.signal ?? new AbortController().signal;
  const promise = Promise.all(children.map((child) => child(signal)));
  kept.push(children, options, promise);
  return promise;
};
const reclaimed = new Set();
const registry = new FinalizationRegistry((name) => reclaimed.add(name));
await (async () => {
  const scenario = { tasks: [{ hang: true }, { sleep: 5, value: 1, onCancel: 'ignore' }], cancelGatherAt: 3 };
  const run = await runScenario(scenario, hoarding);
  registry.register(run.trace, 'trace');
  registry.register(run, 'run');
})();
for (let round = 0; round < 10 && reclaimed.size < 2; round += 1) {
  globalThis.gc();
  await new Promise((resolve) => setImmediate(resolve));
}
console.log(JSON.stringify({ kept: kept.length, reclaimed: [...reclaimed].sort() }));
`;

describe('a run whose subject keeps what it was handed, for good', () => {
  it(
    'is reclaimed once the user drops it: the subject keeps its children, signal and promise, not the run',
    { timeout: 60_000 },
    async () => {
      const stdout = await new Promise<string>((resolve) => {
        execFile(
          process.execPath,
          ['--expose-gc', '--input-type=module', '--eval', script, entry],
          { timeout: 50_000 },
          (_error, out, err) => {
            resolve(`${out}${err}`.trim());
          },
        );
      });
      expect(JSON.parse(stdout)).toEqual({ kept: 3, reclaimed: ['run', 'trace'] });
    },
  );
});
