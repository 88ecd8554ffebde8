import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { root } from '../cli/runCli.js';

/** The bundled model driver, as a command for --external. */
export const driver = `node ${join(root, 'src/drivers/minimal-driver.mjs')}`;

/** A fixture of this folder, by file name. */
export const fixture = (name: string): string => join(root, 'properties/external/fixtures', name);

/**
 * Whether a process runs: it exists and is not a zombie (a killed process whose parent has
 * gone stays a zombie until the system reaps it, which some containers never do).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether the process has stopped running within `ms` of real time (a short poll: a kill takes a moment to land). */
export async function stopsRunning(pid: number, ms = 3000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (!isRunning(pid)) return true;
    await sleep(50);
  }
  return !isRunning(pid);
}

/** The process id a fixture wrote to `path` (with `echo $! > path`). */
export function readPid(path: string): number {
  return Number(readFileSync(path, 'utf8').trim());
}
