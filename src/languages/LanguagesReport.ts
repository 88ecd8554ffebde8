import type { ConformanceReport } from '../conformance/ConformanceReport.js';
import type { RuntimeDescription } from './RuntimeDescription.js';

/** A runtime in the cross-language report: its description and how long its check took. */
export interface ComparedRuntime extends RuntimeDescription {
  /** Real seconds its check took (departure search included), or null when it was not checked (skipped). */
  readonly seconds: number | null;
}

/**
 * The cross-language comparison (`npm run languages`): the conformance report of every
 * runtime, and `runtimes[i]` describing `report.subjects[i]`. Plain data; the Markdown and
 * HTML reports and README's table are rendered from it alone.
 */
export interface LanguagesReport {
  readonly report: ConformanceReport;
  readonly runtimes: readonly ComparedRuntime[];
}
