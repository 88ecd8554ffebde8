import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Why a report cannot be written to `path` (`--html FILE`, `--junit FILE`), found before
 * any work starts: an empty path, a folder, a file or folder that is not writable, a folder
 * that does not exist. Undefined when it can be written. Creates nothing.
 */
export async function checkWritablePath(path: string): Promise<string | undefined> {
  if (path.trim() === '') return 'expected a file path, got an empty string';
  try {
    const found = await stat(path);
    if (found.isDirectory()) return `${path} is a folder, not a file`;
    await access(path, constants.W_OK);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot write ${path}: ${(error as Error).message}`;
  }
  const folder = dirname(path);
  try {
    if (!(await stat(folder)).isDirectory()) return `cannot write ${path}: ${folder} is not a folder`;
    await access(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? `cannot write ${path}: the folder ${folder} does not exist`
      : `cannot write ${path}: ${(error as Error).message}`;
  }
}
