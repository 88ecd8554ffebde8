import { killLiveGroups } from '../conformance/endProcessGroup.js';

/**
 * Makes an interrupted command line (SIGINT, SIGTERM, SIGHUP) kill the process groups of the
 * external subjects it started before it dies of the signal, as it would have without this:
 * a driver runs in a group of its own, which a Ctrl-C at the terminal does not reach.
 */
export function endSubjectsOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killLiveGroups();
      process.kill(process.pid, signal);
    });
  }
}
