import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The scenario files named on a command line: files as given, folders expanded to the
 * `.json` and `.gsim` (text form) files below them in sorted order, `-` kept for standard input.
 */
export async function collectScenarioFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    const info = await stat(path);
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
