/**
 * The seed the suite's properties run with: pinned, so CI is reproducible; set
 * GATHER_SIM_SEED to explore other scenarios. Printed by the tests that use it.
 */
export const SUITE_SEED = Number(process.env['GATHER_SIM_SEED'] ?? 20261125);

/** Scenarios per property in the suite (GATHER_SIM_RUNS to change). */
export const SUITE_RUNS = Number(process.env['GATHER_SIM_RUNS'] ?? 200);
