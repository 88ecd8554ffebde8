import { describe, expect, it } from 'vitest';
import { root, runCli } from '../cli/runCli.js';

describe('gather-sim with the bundled MicroPython subject', () => {
  it('checks micropython-1.27-asyncio by name, through its driver', async () => {
    const result = await runCli(
      ['check', 'micropython-1.27-asyncio', '--property', 'empty,determinism', '--runs', '10'],
      root,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('micropython-1.27-asyncio: conforms (2 pass, 0 FAIL, 0 n/a)');
  }, 120_000);
});
