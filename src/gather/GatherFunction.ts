/** One operation handed to a gather: started with the signal that cancels it. */
export type Child<T = unknown> = (signal: AbortSignal) => Promise<T>;

/** The options every gather under test accepts. */
export interface GatherOptions {
  /** When true, errors are results instead of failing the gather (rule R6). */
  readonly returnExceptions?: boolean;
  /**
   * Aborting it cancels the gather (rules R8, R10). gather-sim passes one only when the
   * scenario cancels the gather (`cancelGatherAt`): a gather must accept its absence.
   */
  readonly signal?: AbortSignal;
}

/** The shape of a gather under test: children in, results in argument order out. */
export type GatherFunction = (children: readonly Child[], options: GatherOptions) => Promise<unknown[]>;
