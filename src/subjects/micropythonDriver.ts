import { bundledDriverPath, nodeDriverCommand } from './bundledDriverPath.js';

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
  return bundledDriverPath('micropython-asyncio.mjs', 'the MicroPython driver');
}

/**
 * The command that runs the driver (by default the bundled one) with this Node, or why it
 * cannot run here: the MicroPython package is not installed where the driver imports it from.
 */
export function micropythonCommand(
  driver: string = micropythonDriverPath(),
): { readonly command: string } | { readonly missing: string } {
  return nodeDriverCommand(
    driver,
    MICROPYTHON_PACKAGE,
    `needs the npm package ${MICROPYTHON_PACKAGE} (npm install ${MICROPYTHON_PACKAGE}@~1.27.0)`,
  );
}
