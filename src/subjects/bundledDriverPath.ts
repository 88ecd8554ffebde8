import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { shellWord } from '../report/shellQuote.js';

/**
 * The path of a bundled driver, `src/drivers/<file>`, found beside this module both in `src/`
 * and in the built `dist/src/` (the package ships `src/drivers`); `what` names it in the error
 * of a package that lost the file.
 */
export function bundledDriverPath(file: string, what: string): string {
  const candidates = [
    new URL(`../drivers/${file}`, import.meta.url),
    new URL(`../../../src/drivers/${file}`, import.meta.url),
  ];
  const found = candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (found === undefined) throw new Error(`gather-sim: ${what} src/drivers/${file} is missing from the package`);
  return found;
}

/**
 * The command that runs a Node driver with this Node, or `missing` when the npm package it
 * imports (`packageName`) cannot be resolved from where the driver lies.
 */
export function nodeDriverCommand(
  driver: string,
  packageName: string,
  missing: string,
): { readonly command: string } | { readonly missing: string } {
  try {
    createRequire(driver).resolve(`${packageName}/package.json`);
  } catch {
    return { missing };
  }
  return { command: `${shellWord(process.execPath)} ${shellWord(driver)}` };
}
