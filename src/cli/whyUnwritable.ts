import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Why a file named by an option (`--junit FILE`) cannot be written: a folder, a file without
 * write permission, or a folder that is missing or not writable. Undefined when it can be.
 * Writes nothing, so that a command can refuse the path before its work starts.
 */
export async function whyUnwritable(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).isDirectory()) return `${path} is a folder`;
    await access(path, constants.W_OK);
    return undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') return `cannot write ${path}: ${(error as Error).message}`;
  }
  const folder = dirname(path);
  try {
    if (!(await stat(folder)).isDirectory()) return `cannot write ${path}: ${folder} is not a folder`;
    await access(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    return `cannot write ${path}: ${(error as Error).message}`;
  }
}
