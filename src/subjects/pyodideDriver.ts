import { bundledDriverPath, nodeDriverCommand } from './bundledDriverPath.js';

/** The name CPython 3.14's asyncio.gather, run in WebAssembly by the npm package pyodide, has in the matrix and on the command line. */
export const PYODIDE_SUBJECT = 'cpython-3.14-pyodide';

/** The driver's file in `src/drivers/`: it runs `cpython-asyncio.py`, beside it, inside Pyodide. */
const DRIVER = 'pyodide-cpython-3.14.mjs';

/**
 * The path of the bundled Pyodide driver (`src/drivers/pyodide-cpython-3.14.mjs`), found
 * beside this module both in `src/` and in the built `dist/src/`.
 */
export function pyodideDriverPath(): string {
  return bundledDriverPath(DRIVER, 'the Pyodide driver');
}

/**
 * The command that runs the driver (the bundled one unless `driver` names a copy) with this
 * Node, or why it cannot run here: the npm package pyodide (a development dependency of
 * gather-sim, 14 MB) is not installed where the driver would import it from.
 */
export function pyodideCommand(
  driver: string = pyodideDriverPath(),
): { readonly command: string } | { readonly missing: string } {
  return nodeDriverCommand(driver, 'pyodide', 'the npm package pyodide is not installed; npm install pyodide');
}
