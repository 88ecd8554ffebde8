/**
 * `gather-sim/vitest`: one vitest test per property for a gather, inside the user's suite.
 *
 * @packageDocumentation
 */

export { describeGatherConformance } from '../vitest/describeGatherConformance.js';
export type { DescribeGatherConformanceOptions } from '../vitest/describeGatherConformance.js';
