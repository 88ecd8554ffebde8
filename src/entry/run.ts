/**
 * `gather-sim/run`: what a run records (trace, leaks, tie choices) and the orders of
 * events due together (docs/semantics.md#ties). `runScenario` itself is in the root entry.
 *
 * @packageDocumentation
 */

export type { Leak, LeakOwner } from '../executor/Leak.js';
export type { TraceEvent } from '../executor/TraceEvent.js';
export { forEachTieOrder } from '../executor/forEachTieOrder.js';
export type { TieOrdersExplored } from '../executor/forEachTieOrder.js';
export { runDigest } from '../executor/runDigest.js';
export { formatTieOrder, MAX_EXHAUSTIVE_ORDERS, MAX_EXHAUSTIVE_TIE, TIE_MODES } from '../clock/TieChoice.js';
export type { OrderedTieMode, TieChoice, TieMode } from '../clock/TieChoice.js';
