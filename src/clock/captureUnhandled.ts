/** What became an unhandled rejection during a capture and was never handled after. */
export interface UnhandledCapture {
  /** Stops capturing, puts the process's own listeners back, and returns the reasons. */
  stop(): readonly unknown[];
}

/**
 * Takes over the process's `unhandledRejection` and `rejectionHandled` events for a run:
 * a rejection nobody handled is recorded instead of reaching the test runner, and dropped
 * again if it is handled later. The process's own listeners come back on `stop()`.
 */
export function captureUnhandled(): UnhandledCapture {
  const saved = {
    unhandledRejection: process.rawListeners('unhandledRejection'),
    rejectionHandled: process.rawListeners('rejectionHandled'),
  };
  const pending = new Map<Promise<unknown>, unknown>();
  const onUnhandled = (reason: unknown, promise: Promise<unknown>): void => {
    pending.set(promise, reason);
  };
  const onHandled = (promise: Promise<unknown>): void => {
    pending.delete(promise);
  };
  process.removeAllListeners('unhandledRejection');
  process.removeAllListeners('rejectionHandled');
  process.on('unhandledRejection', onUnhandled);
  process.on('rejectionHandled', onHandled);
  return {
    stop() {
      process.off('unhandledRejection', onUnhandled);
      process.off('rejectionHandled', onHandled);
      for (const listener of saved.unhandledRejection) process.on('unhandledRejection', listener as (...args: unknown[]) => void);
      for (const listener of saved.rejectionHandled) process.on('rejectionHandled', listener as (...args: unknown[]) => void);
      return [...pending.values()];
    },
  };
}
