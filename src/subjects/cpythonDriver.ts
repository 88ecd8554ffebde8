import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shellWord } from '../report/shellQuote.js';

/** The name CPython's asyncio.gather has in the matrix and on the command line. */
export const CPYTHON_SUBJECT = 'cpython-asyncio';

/**
 * The path of the bundled CPython driver (`src/drivers/cpython-asyncio.py`, standard
 * library only), found beside this module both in `src/` and in the built `dist/src/`.
 */
export function cpythonDriverPath(): string {
  const candidates = [
    new URL('../drivers/cpython-asyncio.py', import.meta.url),
    new URL('../../../src/drivers/cpython-asyncio.py', import.meta.url),
  ];
  const found = candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (found === undefined)
    throw new Error('gather-sim: the CPython driver src/drivers/cpython-asyncio.py is missing from the package');
  return found;
}

/** The command that runs the bundled driver, or why it cannot run here (no python3 on the PATH). */
export function cpythonCommand(): { readonly command: string } | { readonly missing: string } {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return { missing: 'python3 is not on the PATH' };
  return { command: `python3 ${shellWord(cpythonDriverPath())}` };
}
