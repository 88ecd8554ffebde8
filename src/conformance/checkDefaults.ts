/** The seed `check` and `checkGather` use unless told otherwise: fixed, so a matrix is reproducible. */
export const DEFAULT_SEED = 20261125;

/** The scenarios per property `check` and `checkGather` try unless told otherwise. */
export const DEFAULT_RUNS = 200;
