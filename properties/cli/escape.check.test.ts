import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { escapeTerminalOutput } from '../../src/report/escapeControl.js';
import { fakeIo } from './fakeIo.js';

const folder = mkdtempSync(join(tmpdir(), 'gather-sim-escape-'));

describe('gather-sim check on a terminal', () => {
  it('writes the control characters of a subject name and its error visibly, never raw', async () => {
    const path = join(folder, 'hostile.mjs');
    writeFileSync(
      path,
      "export default { name: 'clear\\u001b[2Jscreen', gather() { throw new TypeError('bell\\u0007 and \\u001b[1A up'); } };\n",
    );
    const io = fakeIo();
    expect(await checkCommand([path, '--property', 'start', '--runs', '5'], io)).toBe(1);
    const written = io.out() + io.err();
    expect(written).toContain('clear\\u001b[2Jscreen');
    expect(written).not.toContain('\u001b[2J');
    expect(written).not.toContain('\u0007');
    expect(written).not.toContain('\u001b[1A');
  }, 60_000);

  it('keeps line breaks and colour sequences, and escapes every other control character', () => {
    expect(escapeTerminalOutput('a\n\u001b[31mred\u001b[0m\t\r\u001b[2J')).toBe(
      'a\n\u001b[31mred\u001b[0m\\u0009\\u000d\\u001b[2J',
    );
  });
});
