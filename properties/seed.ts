import { defaultSeed } from '../src/conformance/checkDefaults.js';

/**
 * The seed the suite's properties run with: pinned, so CI is reproducible; set
 * GATHER_SIM_SEED to explore other scenarios (the library's checks then use it too).
 * Printed by the tests that use it.
 */
export const SUITE_SEED = defaultSeed();

/** Scenarios per property in the suite (GATHER_SIM_RUNS to change). */
export const SUITE_RUNS = Number(process.env['GATHER_SIM_RUNS'] ?? 200);
