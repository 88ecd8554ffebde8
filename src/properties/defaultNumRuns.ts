/** The scenarios `checkProperty` and `assertProperty` try unless told otherwise. */
export const DEFAULT_NUM_RUNS = 100;
