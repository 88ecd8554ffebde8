import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { order } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';
import { checkGather } from '../../src/conformance/checkGather.js';
import { formatReport } from '../../src/conformance/formatReport.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { fakeIo } from './fakeIo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const threeErrors = join(root, 'scenarios/ties-three-errors.gsim');

describe('gather-sim run --ties', () => {
  it('checks three children failing at one instant in all 6 orders, each outcome with the order that replays it', async () => {
    const io = fakeIo();
    expect(await runCommand([threeErrors, '--ties', 'exhaustive'], io)).toBe(0);
    expect(io.out()).toContain('ties: checked all 6 orders of the events due together: 3 distinct observations');
    expect(io.out()).toContain(
      'gather rejected at 5 ms with APIError("child 2") from task 2 (2 of 6; first by --tie-order 2)',
    );
    expect(io.out()).toContain('spec: every order gives an observation rules R1-R12 allow');
  });

  it('replays an order from the --tie-order line a run printed', async () => {
    const shuffled = fakeIo();
    expect(await runCommand([threeErrors, '--ties', 'shuffle', '--seed', '1'], shuffled)).toBe(0);
    const order = /replays with --tie-order ([\d,]+)/.exec(shuffled.out())?.[1];
    expect(order).toBeDefined();
    const replayed = fakeIo();
    expect(await runCommand([threeErrors, '--tie-order', order as string], replayed)).toBe(0);
    expect(replayed.out()).toBe(shuffled.out());
  });

  it('rejects a malformed tie order, an unknown mode and --seed without shuffle, with exit 2', async () => {
    for (const args of [
      ['--tie-order', '1,x'],
      ['--ties', 'random'],
      ['--seed', '3'],
      ['--ties', 'exhaustive', '--json'],
    ]) {
      const io = fakeIo();
      expect(await runCommand([threeErrors, ...args], io), args.join(' ')).toBe(2);
      expect(io.err()).toMatch(/--tie-order|--ties|--seed|--json/);
    }
  });

  it('says a scenario with more than 6 events due together has too many orders for exhaustive', async () => {
    const io = fakeIo(JSON.stringify({ tasks: Array.from({ length: 7 }, (_, value) => ({ sleep: 1, value })) }));
    expect(await runCommand(['-', '--ties', 'exhaustive'], io)).toBe(2);
    expect(io.err()).toContain('7 events due together at 1 ms (at most 6)');
  });
});

describe('gather-sim check --ties', () => {
  it('prints a shuffled failure with the tie order and both replay lines carrying it', async () => {
    const completion = wrongGathers.find((wrong) => wrong.name === 'completion order');
    if (completion === undefined) throw new Error('no "completion order" wrong gather');
    const report = await checkGather(
      { name: 'completion order', gather: completion.gather },
      { ties: 'shuffle', runs: 100, properties: [order] },
    );
    const text = formatReport(report);
    expect(text).toContain('shuffle ties');
    expect(text).toMatch(/tie order: (first-in-first-out|[\d,]+) \(shuffle/);
    expect(text).toMatch(
      /replay the scenario on the reference: echo '.*' \| npx gather-sim run -( --tie-order [\d,]+)?$/m,
    );
  });
});
