/** What became an unhandled rejection during a capture and was never handled after. */
export interface UnhandledCapture {
  /** Stops capturing, gives the process its own handling back, and returns the reasons. */
  stop(): readonly unknown[];
}

type Emit = typeof process.emit;

/**
 * Takes over the process's `unhandledRejection` and `rejectionHandled` events for a run:
 * Node announces them through `process.emit`, which the capture stands in for, so a
 * rejection nobody handled is recorded (and counts as handled, so Node neither warns nor
 * throws) instead of reaching the test runner's listeners, and is dropped again if it is
 * handled later. Every other event goes through as before. (Swapping `process.emit` costs
 * two assignments; moving the listeners, as this once did, cost more than a run.)
 */
export function captureUnhandled(): UnhandledCapture {
  const pending = new Map<Promise<unknown>, unknown>();
  const realEmit = process.emit;
  const capturing = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'unhandledRejection') {
      pending.set(args[1] as Promise<unknown>, args[0]);
      return true;
    }
    if (event === 'rejectionHandled') {
      pending.delete(args[0] as Promise<unknown>);
      return true;
    }
    return (realEmit as (this: NodeJS.Process, event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args);
  };
  process.emit = capturing as Emit;
  return {
    stop() {
      if (process.emit === (capturing as Emit)) process.emit = realEmit;
      return [...pending.values()];
    },
  };
}
