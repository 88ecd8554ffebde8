import { drainPromiseJobs, realNextTick } from './realTimers.js';

/** What became an unhandled rejection during a capture and was never handled after. */
export interface UnhandledCapture {
  /**
   * Resolves once Node has announced every rejection left unhandled so far. Node does so
   * when its job and tick queues have run dry; a rejection of the capture's own, left
   * unhandled last, is announced last and resumes the caller, all within one macrotask.
   */
  flush(): Promise<void>;
  /** Stops capturing, gives the process its own handling back, and returns the reasons. */
  stop(): readonly unknown[];
  /** What was thrown uncaught during the capture, in order (an uncaught exception of the process, which did not crash). */
  uncaught(): readonly unknown[];
}

type Emit = (this: NodeJS.Process, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Whether Node runs with an `--unhandled-rejections` mode that raises or warns about every
 * unhandled rejection, whoever handles the event (`strict`, `warn`,
 * `warn-with-error-code`): no marker rejection then. The default (`throw`) and `none` only
 * announce them.
 */
const loudRejections = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((option) =>
  /^--unhandled-rejections=(strict|warn|warn-with-error-code)$/.test(option),
);

/**
 * The process Node announces unhandled rejections on: `process`, except inside a sandbox
 * such as jest's, where each test file runs in a vm context whose `process` is a copy that
 * Node never emits on. There it is the host's `process`, reached through a function of the
 * host's realm (Node's own `process.nextTick`, whose `Function` is the host's).
 */
function announcingProcess(): NodeJS.Process {
  const HostFunction = realNextTick.constructor as new (body: string) => () => unknown;
  if ((HostFunction as unknown) === Function) return process;
  try {
    // The one way to the host's global scope from a vm context: a fixed string, no input.
    const host = new HostFunction('return process')();
    return typeof (host as Partial<NodeJS.Process> | undefined)?.emit === 'function'
      ? (host as NodeJS.Process)
      : process;
  } catch {
    // Code generation from strings disallowed: the process at hand is all there is.
    return process;
  }
}

let announcing: NodeJS.Process | undefined;

/**
 * Whether the runtime announces unhandled rejections through `process.emit`, as Node does.
 * Bun and Deno call their `process.on('unhandledRejection')` listeners from elsewhere, and
 * with none, a rejection left unhandled kills the process (Deno at once, Bun soon after):
 * the marker rejection of {@link captureUnhandled}'s flush killed `gather-sim serve` on
 * both at its first scenario, with an uncaught `{}`.
 */
const announcesThroughEmit = process.versions['bun'] === undefined && process.versions['deno'] === undefined;

/**
 * The capture on Bun and Deno: listeners on the process's `unhandledRejection`,
 * `rejectionHandled` and `uncaughtException` events for the run. Both runtimes call them
 * before the next macrotask, so the flush is one real macrotask.
 */
function captureByListeners(
  host: NodeJS.Process,
  pending: Map<Promise<unknown>, unknown>,
  uncaught: unknown[],
): UnhandledCapture {
  const onUnhandled = (reason: unknown, promise: Promise<unknown>): void => {
    pending.set(promise, reason);
  };
  const onHandled = (promise: Promise<unknown>): void => {
    pending.delete(promise);
  };
  const onUncaught = (error: unknown): void => {
    uncaught.push(error);
  };
  host.on('unhandledRejection', onUnhandled);
  host.on('rejectionHandled', onHandled);
  host.on('uncaughtException', onUncaught);
  return {
    flush: drainPromiseJobs,
    stop() {
      host.off('unhandledRejection', onUnhandled);
      host.off('rejectionHandled', onHandled);
      host.off('uncaughtException', onUncaught);
      return [...pending.values()];
    },
    uncaught: () => uncaught,
  };
}

/**
 * Takes over the process's `unhandledRejection`, `rejectionHandled` and `uncaughtException`
 * events for a run:
 * Node announces them through `process.emit`, which the capture stands in for, so a
 * rejection nobody handled is recorded (and counts as handled, so Node neither warns nor
 * throws) instead of reaching the test runner's listeners, and is dropped again if it is
 * handled later; an exception thrown uncaught meanwhile (from a real timer the subject
 * captured before the run, say) is recorded too, and the process neither crashes nor tells
 * its `uncaughtException` listeners (the test runner's). Every other event goes through as before. (Swapping `process.emit` costs
 * two assignments; moving the listeners, as this once did, cost more than a run.)
 */
export function captureUnhandled(): UnhandledCapture {
  announcing ??= announcingProcess();
  const host = announcing;
  const pending = new Map<Promise<unknown>, unknown>();
  const uncaught: unknown[] = [];
  if (!announcesThroughEmit) return captureByListeners(host, pending, uncaught);
  // Read as an Emit, whose `this` is the process: it is only ever called with `.call(this, …)`.
  const realEmit = (host as { readonly emit: Emit }).emit;
  let marker: { readonly reason: object; readonly reached: () => void } | undefined;
  const capturing: Emit = function (event, ...args) {
    if (event === 'unhandledRejection') {
      if (marker !== undefined && args[0] === marker.reason) marker.reached();
      else pending.set(args[1] as Promise<unknown>, args[0]);
      return true;
    }
    if (event === 'uncaughtException') {
      uncaught.push(args[0]);
      return true;
    }
    if (event === 'uncaughtExceptionMonitor') return true;
    if (event === 'rejectionHandled') {
      pending.delete(args[0] as Promise<unknown>);
      return true;
    }
    return realEmit.call(this, event, ...args);
  };
  host.emit = capturing as typeof host.emit;
  return {
    flush() {
      // Should another hand have replaced process.emit meanwhile, or should Node raise or
      // warn about every unhandled rejection, one real macrotask does it.
      if (loudRejections || host.emit !== (capturing as typeof host.emit)) return drainPromiseJobs();
      return new Promise<void>((resolve) => {
        const reason = {};
        marker = {
          reason,
          reached: () => {
            marker = undefined;
            resolve();
          },
        };
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a marker known by identity and never surfaced: no stack to capture on every flush
        void Promise.reject(reason);
      });
    },
    stop() {
      if (host.emit === (capturing as typeof host.emit)) host.emit = realEmit as typeof host.emit;
      return [...pending.values()];
    },
    uncaught: () => uncaught,
  };
}
