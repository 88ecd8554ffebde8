import { gather } from '../src/gather/gather.js';
import reference from '../src/subjects/reference.js';
import { describeGatherConformance } from '../src/vitest/describeGatherConformance.js';
import { SUITE_RUNS, SUITE_SEED } from './seed.js';

// The project's own suite checks the reference the way a user checks their gather.
describeGatherConformance(reference, { runs: SUITE_RUNS, seed: SUITE_SEED });
// A bare function claims every capability.
describeGatherConformance(gather, { runs: 50, seed: SUITE_SEED + 1 });
