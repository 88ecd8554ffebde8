import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertCommand } from '../../src/cli/convertCommand.js';
import { runCommand } from '../../src/cli/runCommand.js';
import { fakeIo } from './fakeIo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tutorial3 = join(root, 'scenarios/tutorial-3-return-exceptions.json');

describe('gather-sim convert', () => {
  it('converts a JSON scenario file to the text form and back to the same JSON', async () => {
    const toText = fakeIo();
    expect(await convertCommand([tutorial3], toText)).toBe(0);
    expect(toText.out()).toContain(
      'return-exceptions\ntask 0: sleep 1000 value 100\ntask 1: sleep 2000 value 200\ntask 2: sleep 1000 error APIError "API failed"\nexpect {',
    );
    const back = fakeIo(toText.out());
    expect(await convertCommand(['-'], back)).toBe(0);
    expect(JSON.parse(back.out())).toEqual(JSON.parse(readFileSync(tutorial3, 'utf8')));
  });

  it('runs a scenario given in the text form, as run accepts it wherever it accepts JSON', async () => {
    const io = fakeIo('task 0: sleep 1000 value 100\ntask 1: sleep 2000 value 200\n');
    expect(await runCommand(['-'], io)).toBe(0);
    expect(io.out()).toContain('gather resolved at 2000 ms with [100, 200]');
  });

  it('names the line of a malformed text scenario, with exit 2', async () => {
    const io = fakeIo('task 0: sleep 1000 value 100\ntask 1: sleep later value 200\n');
    expect(await convertCommand(['-'], io)).toBe(2);
    expect(io.err()).toBe(
      'gather-sim convert: standard input is not a valid scenario file:\nline 2: expected the sleep in ms (a whole number), got "later"\n',
    );
  });

  it('refuses two files or an unknown form, with the usage', async () => {
    for (const args of [
      [tutorial3, tutorial3],
      [tutorial3, '--to', 'yaml'],
    ]) {
      const io = fakeIo();
      expect(await convertCommand(args, io)).toBe(2);
      expect(io.err()).toContain('Usage: gather-sim convert');
    }
  });
});
