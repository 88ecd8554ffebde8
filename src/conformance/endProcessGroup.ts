import { realPerformanceNow, realSetTimeout } from '../clock/realTimers.js';

/** Process groups of external subjects not yet ended, by the id of their leader (the group's id). */
const liveGroups = new Set<number>();

/**
 * Cells (an Int32 in shared memory) where a worker thread stores the group of the driver it
 * spawned (0 when there is none), for the main thread to end it: see {@link trackGroupCell}.
 */
const liveCells = new Set<Int32Array>();

/** How often {@link endProcessGroup} looks whether the group has ended, in real milliseconds. */
const POLL_MS = 20;

/**
 * Sends `signal` to every process of the group `groupId` (a process started `detached`
 * leads a group of its own, with its id). False when no process of it is left (or none
 * may be signalled).
 */
export function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false;
  }
}

/** Remembers a group an external subject leads, so that {@link killLiveGroups} can end it. */
export function trackGroup(groupId: number): void {
  liveGroups.add(groupId);
}

/**
 * Remembers a cell where a worker thread stores the group of the driver it spawns, so that
 * {@link killLiveGroups} and {@link killGroupOfCell} can end it from this thread.
 */
export function trackGroupCell(cell: Int32Array): void {
  liveCells.add(cell);
}

/**
 * Kills at once (SIGKILL) the group a cell names, if any (its worker was terminated, or is
 * done), empties the cell (a group is killed once: its id may be reused) and forgets it.
 */
export function killGroupOfCell(cell: Int32Array): void {
  const groupId = Atomics.load(cell, 0);
  if (groupId !== 0 && Atomics.compareExchange(cell, 0, groupId, 0) === groupId) killGroup(groupId);
  liveCells.delete(cell);
}

/** Kills every group of an external subject still tracked, at once (SIGKILL): the process is being interrupted. */
export function killLiveGroups(): void {
  for (const cell of liveCells) killGroupOfCell(cell);
  for (const groupId of liveGroups) signalGroup(groupId, 'SIGKILL');
  liveGroups.clear();
}

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    realSetTimeout(resolve, ms);
  });

/**
 * Ends a process group: SIGTERM to all of it, then SIGKILL to whatever is left after
 * `graceMs` of real time. Resolves once the group is gone or SIGKILL was sent. A process
 * that left the group (`setsid`: a session of its own) is out of reach: the OS keeps it.
 * Killed members whose parent has gone stay zombies until the system reaps them; they count
 * as left until then, so this takes the whole grace where no one reaps them.
 */
export async function endProcessGroup(groupId: number, graceMs: number): Promise<void> {
  if (signalGroup(groupId, 'SIGTERM')) {
    const deadline = realPerformanceNow() + graceMs;
    while (realPerformanceNow() < deadline && signalGroup(groupId, 0)) await pause(POLL_MS);
    signalGroup(groupId, 'SIGKILL');
  }
  liveGroups.delete(groupId);
}

/** Kills a group at once (SIGKILL): a broken subject is not waited for. */
export function killGroup(groupId: number): void {
  signalGroup(groupId, 'SIGKILL');
  liveGroups.delete(groupId);
}
