import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/runCommand.js';
import { fakeIo } from './fakeIo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tieHeavy = (tasks: number): string => join(root, `properties/fixtures/oracle/tie-heavy-${String(tasks)}.json`);

describe("gather-sim run with the oracle's budget", () => {
  it('runs a tie-heavy scenario and shows its observation when the prediction gives up', async () => {
    const io = fakeIo();
    expect(await runCommand([tieHeavy(30), '--oracle-states', '25', '--oracle-ms', '100000'], io)).toBe(0);
    expect(io.out()).toContain('gather rejected at 10 ms with CleanupError("t0") from task 0');
    expect(io.out()).toContain(
      "spec: too many orderings (25 explored) of tied events to check them all within the oracle's budget: the observation above is unchecked (see --oracle-states)",
    );
  });

  it('gives up within its default budget on 100 tasks through the built CLI, the run shown', () => {
    const result = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'run', tieHeavy(100)], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('gather rejected at 10 ms');
    expect(result.stdout).toMatch(/spec: too many orderings \(\d+ explored\)/);
  });

  it('refuses a budget option that is not a whole number, naming it', async () => {
    const io = fakeIo();
    expect(await runCommand([tieHeavy(6), '--oracle-states', 'many'], io)).toBe(2);
    expect(io.err()).toContain('gather-sim run: --oracle-states: expected an integer of at least 0, got "many"');
    const zero = fakeIo();
    expect(await runCommand([tieHeavy(6), '--oracle-ms', '0'], zero)).toBe(2);
    expect(zero.err()).toContain('--oracle-ms: expected an integer of at least 1, got "0"');
  });

  it('lists the budget options in its help', async () => {
    const io = fakeIo();
    expect(await runCommand(['--help'], io)).toBe(0);
    expect(io.out()).toContain('--oracle-states N, --oracle-ms MS, --oracle-memory MB');
  });
});
