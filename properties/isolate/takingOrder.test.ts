import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { fakeIo } from '../cli/fakeIo.js';

describe('check takes the slowest bundled subjects first and reports in the order given', () => {
  it('one slot checks effection before the reference named ahead of it, and the report still leads with the reference', async () => {
    const io = fakeIo();
    const code = await checkCommand(
      ['reference', 'effection', '--property', 'start', '--runs', '3', '--jobs', '1', '--json'],
      io,
    );
    expect(code).toBe(0);
    const progress = io
      .err()
      .split('\n')
      .filter((line) => line.startsWith('check ['));
    expect(progress).toEqual(['check [1/2] effection: start pass', 'check [2/2] reference: start pass']);
    const report = JSON.parse(io.out()) as { readonly subjects: readonly { readonly name: string }[] };
    expect(report.subjects.map((subject) => subject.name)).toEqual(['reference', 'effection']);
  }, 300_000);
});
