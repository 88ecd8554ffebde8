import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/CliIo.js';
import { useColour } from '../../src/cli/useColour.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const command = `node ${join(root, 'dist/src/cli/main.js')} run ${join(root, 'scenarios/r04-fail-fast.json')}`;
const ESCAPE = '\u001b[';

/** Runs the built binary in a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
async function inTerminal(env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, ...env, NO_COLOR: env['NO_COLOR'] ?? '' },
  });
  return stdout;
}

const io = (isTTY: boolean, env: Record<string, string>): CliIo => ({
  stdin: process.stdin,
  stdout: { write: () => true, isTTY },
  stderr: { write: () => true },
  env,
});

describe('colour', () => {
  it('is used on a terminal only, never with NO_COLOR set, nor with TERM=dumb', () => {
    expect(useColour(io(true, {}))).toBe(true);
    expect(useColour(io(true, { NO_COLOR: '' }))).toBe(true);
    expect(useColour(io(false, {}))).toBe(false);
    expect(useColour(io(true, { NO_COLOR: '1' }))).toBe(false);
    expect(useColour(io(true, { TERM: 'dumb' }))).toBe(false);
  });

  it('colours the timeline marks of gather-sim run in a real terminal', async () => {
    const output = await inTerminal({ TERM: 'xterm' });
    expect(output).toContain(`${ESCAPE}31mx${ESCAPE}39m`);
  });

  it('writes no escape at all in a terminal with NO_COLOR, nor into a pipe', async () => {
    expect(await inTerminal({ TERM: 'xterm', NO_COLOR: '1' })).not.toContain(ESCAPE);
    const { stdout } = await promisify(execFile)('sh', ['-c', command], { env: { ...process.env, TERM: 'xterm' } });
    expect(stdout).toContain('task 0');
    expect(stdout).not.toContain(ESCAPE);
  });
});
