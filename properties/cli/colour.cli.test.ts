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
    env: { ...process.env, FORCE_COLOR: undefined, ...env, NO_COLOR: env['NO_COLOR'] ?? '' },
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
  it('is used on a terminal only, never with NO_COLOR set, nor with TERM=dumb, when FORCE_COLOR is not set', () => {
    expect(useColour(io(true, {}))).toBe(true);
    expect(useColour(io(true, { NO_COLOR: '' }))).toBe(true);
    expect(useColour(io(false, {}))).toBe(false);
    expect(useColour(io(true, { NO_COLOR: '1' }))).toBe(false);
    expect(useColour(io(true, { TERM: 'dumb' }))).toBe(false);
  });

  it('follows FORCE_COLOR first, as Node and chalk do: colour into a pipe, or none on a terminal despite it', () => {
    for (const force of ['1', '2', '3', 'true', '']) {
      expect(useColour(io(false, { FORCE_COLOR: force })), force).toBe(true);
      expect(useColour(io(false, { FORCE_COLOR: force, NO_COLOR: '1', TERM: 'dumb' })), force).toBe(true);
    }
    for (const force of ['0', 'false', 'no']) expect(useColour(io(true, { FORCE_COLOR: force })), force).toBe(false);
  });

  it('colours the timeline marks of gather-sim run in a real terminal', async () => {
    const output = await inTerminal({ TERM: 'xterm' });
    expect(output).toContain(`${ESCAPE}31mx${ESCAPE}39m`);
  });

  it('writes no escape at all in a terminal with NO_COLOR, nor into a pipe', async () => {
    expect(await inTerminal({ TERM: 'xterm', NO_COLOR: '1' })).not.toContain(ESCAPE);
    const { stdout } = await promisify(execFile)('sh', ['-c', command], {
      env: { ...process.env, FORCE_COLOR: undefined, TERM: 'xterm' },
    });
    expect(stdout).toContain('task 0');
    expect(stdout).not.toContain(ESCAPE);
  });

  it(
    'colours into a pipe with FORCE_COLOR=1, and not at all in a terminal with FORCE_COLOR=0',
    { timeout: 30_000 },
    async () => {
      const { stdout } = await promisify(execFile)('sh', ['-c', command], {
        env: { ...process.env, FORCE_COLOR: '1' },
      });
      expect(stdout).toContain(`${ESCAPE}31mx${ESCAPE}39m`);
      expect(await inTerminal({ TERM: 'xterm', FORCE_COLOR: '0' })).not.toContain(ESCAPE);
    },
  );
});
