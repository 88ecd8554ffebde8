import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example scenarios shipped with the package (its `scenarios/` folder). */
export const BUNDLED_SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/**
 * Where a path that does not exist from the current folder names a bundled example: its name
 * (`tutorial-1-two-calls`, with or without `.json` or `.gsim`), or the same below `scenarios/`
 * (`scenarios/tutorial-1-two-calls.json`, as the README writes it), or `scenarios` itself.
 * Undefined when it names none.
 */
async function bundledScenario(path: string): Promise<{ path: string; info: Stats } | undefined> {
  const name = normalize(path).replace(/^scenarios(?:[\\/]|$)/, '');
  for (const candidate of [name, `${name}.json`, `${name}.gsim`]) {
    const inside = resolve(BUNDLED_SCENARIOS, candidate);
    if (relative(BUNDLED_SCENARIOS, inside).split(sep).includes('..')) return undefined;
    try {
      return { path: inside, info: await stat(inside) };
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** A path as given when it exists; otherwise the bundled example it names; otherwise an error saying neither is there. */
async function locate(path: string): Promise<{ path: string; info: Stats }> {
  try {
    return { path, info: await stat(path) };
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    const bundled = await bundledScenario(path);
    if (bundled === undefined)
      throw new Error(`${path}: no such file or folder, nor a bundled example scenario (in ${BUNDLED_SCENARIOS})`, {
        cause: error,
      });
    return bundled;
  }
}

/**
 * The scenario files named on a command line: files as given, folders expanded to the
 * `.json` and `.gsim` (text form) files below them in sorted order, `-` kept for standard
 * input. A path that does not exist from the current folder but names a bundled example
 * scenario (see {@link BUNDLED_SCENARIOS}) is that example, by its full path.
 */
export async function collectScenarioFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    if (given === '-') {
      files.push(given);
      continue;
    }
    const { path, info } = await locate(given);
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true });
    files.push(
      ...entries
        .filter((entry) => entry.endsWith('.json') || entry.endsWith('.gsim'))
        .sort()
        .map((entry) => join(path, entry)),
    );
  }
  return files;
}
