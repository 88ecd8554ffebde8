import { CAPABILITIES } from '../conformance/Capabilities.js';
import type { SubjectReport } from '../conformance/ConformanceReport.js';
import type { Departure } from '../conformance/Departure.js';
import type { ComparedRuntime } from './LanguagesReport.js';

/** What a runtime claims, in words: `returnExceptions, cancellation (not dedupe)`. */
export function claimsText(subject: SubjectReport): string {
  if (subject.skipped !== undefined || subject.broken !== undefined) return '(not known: it was not checked)';
  const claimed = CAPABILITIES.filter((capability) => subject.supports[capability] === true);
  const not = CAPABILITIES.filter((capability) => subject.supports[capability] !== true);
  return [
    claimed.length === 0 ? 'no capability' : claimed.join(', '),
    not.length === 0 ? '' : ` (not ${not.join(', ')})`,
  ].join('');
}

/** How its check went, in words: `12.3 s`, `skipped: needs X: install`, `BROKEN: why`. */
export function checkText(subject: SubjectReport, runtime: ComparedRuntime): string {
  if (subject.skipped !== undefined) return `skipped: ${subject.skipped}`;
  const time = runtime.seconds === null ? '' : `${runtime.seconds.toFixed(1)} s`;
  return subject.broken === undefined ? time : `BROKEN after ${time}: ${subject.broken}`;
}

/** The runtime's one sentence of why for a departure's trigger, or a note that it has none yet. */
export function whyText(departure: Departure, runtime: ComparedRuntime): string {
  return runtime.why[departure.trigger] ?? '(no sentence of why recorded for this trigger: add one to its descriptor)';
}

/** How many departures it has, in words: `no departure`, `6 departures`, `skipped`, `BROKEN`, `not searched`. */
export function departuresCount(subject: SubjectReport): string {
  if (subject.skipped !== undefined) return 'skipped';
  if (subject.broken !== undefined) return 'BROKEN';
  const count = subject.departures?.length;
  if (count === undefined) return 'departures not searched';
  return count === 0 ? 'no departure' : `${count} ${count === 1 ? 'departure' : 'departures'}`;
}
