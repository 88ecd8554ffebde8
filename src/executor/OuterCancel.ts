/**
 * A top-level task's cancellation from outside (`cancelTasks`, rule R9): what a run aborts at
 * the scenario's time. The run's own tasks listen to it directly; a real `AbortSignal` is made
 * only for a subject that is handed one (the signal of a nested gather's call), because Node 20
 * makes AbortSignals slowly (each ~6 us, and a map V8 keeps until a full collection).
 */
export class OuterCancel {
  /** True once the run aborted it. */
  aborted = false;
  /** What it was aborted with. */
  private reason: unknown;
  /** Called once, when it aborts (set by the run, at most one: see listenForCancel). */
  onAbort: (() => void) | undefined;
  private controller: AbortController | undefined;

  /**
   * The signal a subject is given for it: made at the first read, the same object at every
   * read, aborted with the same reason, after the run's own listeners, as a real signal's
   * listeners added later would be.
   */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Aborts it with `reason`, once: its listener first, then the signal, if one was made. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.onAbort?.();
    this.controller?.abort(reason);
  }
}
