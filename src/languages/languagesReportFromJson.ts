import { reportFromJson } from '../conformance/reportFromJson.js';
import { isTrigger } from '../scenario/Trigger.js';
import { describeValue, isRecord } from '../scenario/validateScenario.js';
import type { ComparedRuntime, LanguagesReport } from './LanguagesReport.js';
import { LANGUAGES_REPORT_FORMAT } from './languagesReportToJson.js';

/** A languages report read back from its JSON, or what is wrong with it (the first thing, with its place). */
export type LanguagesReading =
  { readonly ok: true; readonly languages: LanguagesReport } | { readonly ok: false; readonly problem: string };

function runtimeProblem(value: unknown, where: string): string | undefined {
  if (!isRecord(value)) return `${where}: expected a runtime, got ${describeValue(value)}`;
  for (const key of ['name', 'runtime', 'primitive', 'mapping'] as const)
    if (typeof value[key] !== 'string') return `${where}.${key}: expected a string, got ${describeValue(value[key])}`;
  const { why, seconds } = value;
  if (!isRecord(why)) return `${where}.why: expected an object, got ${describeValue(why)}`;
  const wrong = Object.entries(why).find(
    ([trigger, text]) => !(isTrigger(trigger) || trigger === 'any') || typeof text !== 'string',
  );
  if (wrong !== undefined) return `${where}.why.${wrong[0]}: expected a sentence for a departure trigger`;
  if (seconds !== null && (typeof seconds !== 'number' || !(seconds >= 0)))
    return `${where}.seconds: expected a number of seconds or null, got ${describeValue(seconds)}`;
  return undefined;
}

/**
 * Reads back what `languagesReportToJson` wrote: the conformance report (`reportFromJson`)
 * and one runtime per subject, in the same order and with the same names.
 */
export function languagesReportFromJson(value: unknown): LanguagesReading {
  if (!isRecord(value) || value['format'] !== LANGUAGES_REPORT_FORMAT)
    return { ok: false, problem: `(report): expected a languages report ("format": "${LANGUAGES_REPORT_FORMAT}")` };
  const read = reportFromJson(value['report']);
  if (!read.ok) return { ok: false, problem: `report.${read.problem}` };
  const { runtimes } = value;
  if (!Array.isArray(runtimes))
    return { ok: false, problem: `runtimes: expected a list, got ${describeValue(runtimes)}` };
  const names = read.report.subjects.map((subject) => subject.subject);
  for (const [index, runtime] of runtimes.entries()) {
    const problem = runtimeProblem(runtime, `runtimes[${index}]`);
    if (problem !== undefined) return { ok: false, problem };
  }
  const given = (runtimes as ComparedRuntime[]).map((runtime) => runtime.name);
  if (given.join('\n') !== names.join('\n'))
    return {
      ok: false,
      problem: `runtimes: expected one per subject, in order (${names.join(', ')}), got ${given.join(', ')}`,
    };
  return { ok: true, languages: { report: read.report, runtimes: runtimes as ComparedRuntime[] } };
}
