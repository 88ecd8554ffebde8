import { describeThrown } from '../report/describeThrown.js';
import { escapeTerminalOutput } from '../report/escapeControl.js';

/** Errors thrown where no one could catch them, collected while a command serves a subject. */
export interface StrayErrors {
  /** The errors caught since the last take, oldest first; the list starts empty again. */
  take(): readonly unknown[];
  /** Stops catching: such an error crashes the process again, as Node does by default. */
  stop(): void;
}

/**
 * Catches what a subject throws outside any caller's reach (from a timer it captured, an
 * abort listener, a rejection nobody handles), which would otherwise end the process, so a
 * serving command can report it and go on. Listens to the process's `uncaughtException`
 * event until stopped.
 */
export function catchStrayErrors(): StrayErrors {
  let caught: unknown[] = [];
  const onError = (error: unknown): void => {
    caught.push(error);
  };
  process.on('uncaughtException', onError);
  return {
    take() {
      const taken = caught;
      caught = [];
      return taken;
    },
    stop() {
      process.off('uncaughtException', onError);
    },
  };
}

/**
 * For the command line once its command has returned: what a subject still throws where no
 * one can catch it (a timer it left behind) is written to `stderr` as one line, instead of
 * Node's crash with a stack trace; the exit status stays the command's.
 */
export function reportStrayErrors(stderr: { write(text: string): unknown }): void {
  process.on('uncaughtException', (error) => {
    stderr.write(
      escapeTerminalOutput(
        `gather-sim: a subject threw after the command was done, where nothing could catch it: ${describeThrown(error)}\n`,
      ),
    );
  });
}
