import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { shellWord } from '../report/shellQuote.js';

/** The name MicroPython 1.27's asyncio.gather has in the matrix and on the command line. */
export const MICROPYTHON_SUBJECT = 'micropython-1.27-asyncio';

/** The npm package that brings MicroPython (WebAssembly) to the driver: an optional dependency of gather-sim. */
export const MICROPYTHON_PACKAGE = '@micropython/micropython-webassembly-pyscript';

/**
 * The path of the bundled MicroPython driver (`src/drivers/micropython-asyncio.mjs`, which
 * loads `micropython-asyncio.py` beside it), found beside this module both in `src/` and in
 * the built `dist/src/`.
 */
export function micropythonDriverPath(): string {
  const candidates = [
    new URL('../drivers/micropython-asyncio.mjs', import.meta.url),
    new URL('../../../src/drivers/micropython-asyncio.mjs', import.meta.url),
  ];
  const found = candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (found === undefined)
    throw new Error(
      'gather-sim: the MicroPython driver src/drivers/micropython-asyncio.mjs is missing from the package',
    );
  return found;
}

/**
 * The command that runs the driver (by default the bundled one) with this Node, or why it
 * cannot run here: the MicroPython package is not installed where the driver imports it from.
 */
export function micropythonCommand(
  driver: string = micropythonDriverPath(),
): { readonly command: string } | { readonly missing: string } {
  try {
    createRequire(driver).resolve(`${MICROPYTHON_PACKAGE}/package.json`);
  } catch {
    return { missing: `needs the npm package ${MICROPYTHON_PACKAGE} (npm install ${MICROPYTHON_PACKAGE}@~1.27.0)` };
  }
  return { command: `${shellWord(process.execPath)} ${shellWord(driver)}` };
}
