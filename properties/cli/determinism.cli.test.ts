import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { fakeIo } from './fakeIo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tutorial1 = join(root, 'scenarios/tutorial-1-two-calls.json');

/** A gather that settles one virtual millisecond late on every second call: right on its own, different on a rerun. */
const flaky = join(mkdtempSync(join(tmpdir(), 'gather-sim-flaky-')), 'flaky.mjs');
writeFileSync(
  flaky,
  `let calls = 0;
export default {
  name: 'flaky',
  gather: async (children) => {
    calls += 1;
    const results = await Promise.all(children.map((child) => child(new AbortController().signal)));
    if (calls % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 1)); // virtual: the run fakes setTimeout
    return results;
  },
};
`,
);

describe('--check-determinism', () => {
  it('passes a run whose rerun gives the same digest, and prints the digest', async () => {
    const io = fakeIo();
    expect(await runCommand([tutorial1, '--check-determinism'], io)).toBe(0);
    expect(io.out()).toMatch(/digest [0-9a-f]{16} \(of observation and trace/);
  });

  it('reports a subject that behaves differently on a rerun of the same scenario, with both digests', async () => {
    const once = fakeIo();
    expect(await runCommand([tutorial1, '--subject', flaky], once)).toBe(0);
    const twice = fakeIo();
    expect(await runCommand([tutorial1, '--subject', flaky, '--check-determinism'], twice)).toBe(1);
    expect(twice.out()).toMatch(
      /problem: not deterministic: a second run of the same scenario differed \(digest [0-9a-f]{16}, then [0-9a-f]{16}\); first difference: /,
    );
  });

  it('fails every property check of such a subject under check --check-determinism', async () => {
    const io = fakeIo();
    expect(await checkCommand([flaky, '--property', 'start', '--runs', '20', '--check-determinism'], io)).toBe(1);
    expect(io.out()).toContain('FAIL  R1 start');
    expect(io.out()).toContain('not deterministic: a second run of the same scenario differed');
  });
});
