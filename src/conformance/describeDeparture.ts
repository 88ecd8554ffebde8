import { formatTieOrder } from '../clock/TieChoice.js';
import { formatDifferences } from '../report/formatDifferences.js';
import { shellQuote } from '../report/shellQuote.js';
import { TRIGGER_DESCRIPTIONS } from '../scenario/Trigger.js';
import type { SubjectReport } from './ConformanceReport.js';
import type { Departure } from './Departure.js';

/** A departure in words, the parts every report format shows. */
export interface DepartureText {
  /** `duplicates (the same child passed twice)`. */
  readonly trigger: string;
  /** `R1 start, R2 order`: the properties it breaks, with their rules. */
  readonly breaks: string;
  /** `found with duplicates left out of generation`, or empty for the first. */
  readonly found: string;
  /** The minimal scenario as JSON, as `gather-sim run` reads it. */
  readonly scenario: string;
  /** The property whose counterexample it is: `R1 start`. */
  readonly shownBy: string;
  /** Expected against observed by JSON path (`formatDifferences`). */
  readonly differences: { readonly heading: string; readonly lines: readonly string[] };
  /** The command that runs the scenario on the subject. */
  readonly replay: string;
}

/** The count of departures as a headline: `p-map: 2 departures from asyncio.gather`. */
export function departuresHeadline(subject: SubjectReport): string {
  const count = subject.departures?.length ?? 0;
  return `${subject.subject}: ${count} ${count === 1 ? 'departure' : 'departures'} from asyncio.gather`;
}

/**
 * The parts of a departure in words: trigger, the properties it breaks (with their rules,
 * as the subject's report names them), how it was found, its scenario, expected against
 * observed and its replay command. Pure.
 */
export function describeDeparture(departure: Departure, subject: SubjectReport): DepartureText {
  const label = (id: string): string => {
    const rule = subject.properties.find((report) => report.property.id === id)?.property.rule;
    return rule === undefined || !/^R\d+$/.test(rule) ? id : `${rule} ${id}`;
  };
  const { failure } = departure;
  const scenario = JSON.stringify(failure.scenario);
  const order = formatTieOrder(failure.ties?.picks ?? []);
  const tieOrder = order === '' ? '' : ` --tie-order ${order}`;
  return {
    trigger:
      departure.trigger === 'any'
        ? 'any scenario (no single feature needed)'
        : `${departure.trigger} (${TRIGGER_DESCRIPTIONS[departure.trigger]})`,
    breaks: departure.properties.map(label).join(', '),
    found: departure.without.length === 0 ? '' : `found with ${departure.without.join(', ')} left out of generation`,
    scenario,
    shownBy: label(failure.property.id),
    differences: formatDifferences(failure.failure.expected, failure.failure.observed),
    replay: `echo ${shellQuote(scenario)} | npx gather-sim run - ${subject.replay ?? '--subject MODULE'}${tieOrder}`,
  };
}
