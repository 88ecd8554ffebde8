import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { fakeIo } from './fakeIo.js';

/** A scenario with tied events, so that the seed of --ties shuffle shows. */
const tutorial = fileURLToPath(new URL('../../scenarios/tutorial-3-return-exceptions.json', import.meta.url));

describe('GATHER_SIM_SEED in the command line', () => {
  it('check without --seed uses GATHER_SIM_SEED, prints it with the failure, exactly as --seed would', async () => {
    const fromVariable = { ...fakeIo(), env: { GATHER_SIM_SEED: '7' } };
    const given = fakeIo();
    const args = ['p-settle', '--property', 'fail-fast', '--runs', '30'];
    expect(await checkCommand(args, fromVariable)).toBe(1);
    expect(await checkCommand([...args, '--seed', '7'], given)).toBe(1);
    expect(fromVariable.out()).toBe(given.out());
    expect(fromVariable.out()).toMatch(/^gather-sim check: 1 property on 1 subject, 30 scenarios each, seed 7$/m);
    expect(fromVariable.out()).toMatch(/^ {2}failed after \d+ scenario\(s\) of seed 7/m);
    expect(fromVariable.out()).toMatch(/replay the property: npx gather-sim check .* --scenario '\{.*\}'$/m);
  });

  it('--seed wins over GATHER_SIM_SEED', async () => {
    const io = { ...fakeIo(), env: { GATHER_SIM_SEED: 'not a seed' } };
    expect(await checkCommand(['reference', '--property', 'order', '--runs', '5', '--seed', '3'], io)).toBe(0);
    expect(io.out()).toContain('seed 3');
  });

  it('a GATHER_SIM_SEED that is not an integer exits 2 naming the variable, in check and in run --ties shuffle', async () => {
    const check = { ...fakeIo(), env: { GATHER_SIM_SEED: '4.5' } };
    expect(await checkCommand(['reference', '--runs', '5'], check)).toBe(2);
    expect(check.err()).toBe(
      'gather-sim check: GATHER_SIM_SEED must be an integer (the seed of every check that is given none), got "4.5"\n',
    );
    const run = { ...fakeIo(), env: { GATHER_SIM_SEED: 'x' } };
    expect(await runCommand([tutorial, '--ties', 'shuffle'], run)).toBe(2);
    expect(run.err()).toBe(
      'gather-sim run: GATHER_SIM_SEED must be an integer (the seed of every check that is given none), got "x"\n',
    );
  });

  it('run --ties shuffle without --seed draws its order from GATHER_SIM_SEED', async () => {
    const fromVariable = { ...fakeIo(), env: { GATHER_SIM_SEED: '11' } };
    const given = fakeIo();
    expect(await runCommand([tutorial, '--ties', 'shuffle'], fromVariable)).toBe(0);
    expect(await runCommand([tutorial, '--ties', 'shuffle', '--seed', '11'], given)).toBe(0);
    expect(fromVariable.out()).toBe(given.out());
    // This scenario has tied events: another seed draws another order.
    const other = fakeIo();
    expect(await runCommand([tutorial, '--ties', 'shuffle', '--seed', '20261125'], other)).toBe(0);
    expect(other.out()).not.toBe(given.out());
  });
});
