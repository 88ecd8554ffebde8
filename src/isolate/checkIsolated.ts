import { missingCapabilities } from '../conformance/Capabilities.js';
import type { SubjectReport } from '../conformance/ConformanceReport.js';
import type { CheckPropertyOptions, PropertyReport } from '../properties/checkProperty.js';
import type { GatherProperty } from '../properties/GatherProperty.js';
import { formatBreak, formatBreakScenario, type SubjectBreak } from './formatBreak.js';
import type { IsolatedSubject } from './loadIsolatedSubject.js';
import { unexpectedOutcome, type SubjectWorker } from './startSubjectWorker.js';
import { DEFAULT_DEPARTURE_BUDGET, type DepartureBudget } from '../conformance/findDepartures.js';
import type { Departure } from '../conformance/Departure.js';

/** How to check subjects in workers. */
export interface IsolatedCheck {
  readonly properties: readonly GatherProperty[];
  /** Passed to `checkProperty` in the worker as they are: plain, structured-clonable data. */
  readonly options: CheckPropertyOptions;
  /** Run every scenario twice (`check --check-determinism`). */
  readonly determinism: boolean;
  /** Workers at work at once. */
  readonly jobs: number;
  /** The options of `check` that give the same scenarios, after `--property ID`: ` --seed 7 --runs 20`. */
  readonly replayOptions: string;
  /** How far to search each subject's departures after the first round (default `DEFAULT_DEPARTURE_BUDGET`). */
  readonly departures?: DepartureBudget;
  /**
   * Subjects the slots take first, by name, in this order (the slowest to check first, so
   * that no slot is left with one alone at the end); the others after, in report order.
   */
  readonly first?: readonly string[];
  /** Called as each (subject, property) finishes, in finish order: `pass`, `fail`, `BROKEN`... */
  readonly onProgress: (subject: string, property: string, status: string) => void;
}

interface Job {
  readonly subject: number;
  readonly property: number;
  started: boolean;
}

/**
 * Checks each subject's properties in worker threads, `jobs` at a time, the subjects named
 * in `first` first: a worker keeps its subject while that subject has properties left, then
 * stops (or, shared, goes on: `sharedWorkers`), and the next job (of a subject no other
 * worker holds, while there is one) gets a fresh one. fast-check runs, and shrinks, inside the worker. A subject that breaks its worker
 * (see `startSubjectWorker`) gets `broken`, naming what happened, the scenario and its replay
 * lines; its later properties are not checked. Once a subject's last property is checked
 * and some failed, the slot that checked it searches its departures (`findDepartures`) in
 * the same worker, while the other slots go on checking. The reports come back in the order
 * of `subjects` and `properties`, whatever `jobs` is and whichever finished first.
 */
export async function checkIsolated(
  subjects: readonly IsolatedSubject[],
  check: IsolatedCheck,
): Promise<SubjectReport[]> {
  const jobs: Job[] = takingOrder(subjects, check.first ?? []).flatMap((subject) =>
    check.properties.map((_, property) => ({ subject, property, started: false })),
  );
  const reports: (PropertyReport | undefined)[][] = subjects.map(() => []);
  const breaks: ((SubjectBreak & { readonly index: number }) | undefined)[] = subjects.map(() => undefined);
  const open = (job: Job): boolean => {
    const broke = breaks[job.subject];
    return !job.started && (broke === undefined || job.property < broke.index);
  };
  // How many slots hold a worker of each subject: a slot moves on to a subject no other slot
  // holds, while there is one, so that each module loads about once.
  const holders = subjects.map(() => 0);
  const pick = (bound: number | undefined): Job | undefined =>
    jobs.find((job) => job.subject === bound && open(job)) ??
    jobs.find((job) => open(job) && holders[job.subject] === 0) ??
    jobs.find(open);
  const nameOf = (job: Job): string => subjects[job.subject]?.name ?? '';
  const idOf = (job: Job): string => check.properties[job.property]?.id ?? '';

  const breakAt = (job: Job, what: string, scenario?: SubjectBreak['scenario']): void => {
    check.onProgress(nameOf(job), idOf(job), 'BROKEN');
    const earlier = breaks[job.subject];
    if (earlier !== undefined && earlier.index < job.property) return;
    breaks[job.subject] = {
      index: job.property,
      property: idOf(job),
      what,
      ...(scenario === undefined ? {} : { scenario }),
    };
    for (const later of jobs.filter((other) => other.subject === job.subject && other.property > job.property)) {
      if (later.started) continue;
      later.started = true;
      check.onProgress(nameOf(later), idOf(later), 'not checked (the subject broke)');
    }
  };

  // Each subject's departures, searched by the slot that finished its last property.
  const searches: (Promise<Searched> | undefined)[] = subjects.map(() => undefined);
  const roundOver = (subject: number): boolean =>
    breaks[subject] === undefined &&
    jobs.every((job) => job.subject !== subject || (reports[subject] as unknown[])[job.property] !== undefined);
  const firstRound = (subject: number): PropertyReport[] =>
    (reports[subject] as (PropertyReport | undefined)[]).filter(
      (report): report is PropertyReport => report !== undefined,
    );

  const slot = async (): Promise<void> => {
    let worker: SubjectWorker | undefined;
    let bound: number | undefined;
    /** Once a subject's round is over with a failure: its departures, searched in this slot's worker of it if it has one. */
    const searchIfOver = async (subject: number): Promise<void> => {
      const round = firstRound(subject);
      if (searches[subject] !== undefined || !roundOver(subject) || !round.some((one) => one.status === 'fail')) return;
      const mine = bound === subject ? worker : undefined;
      if (bound === subject) worker = undefined;
      const search = searchDepartures(subjects[subject] as IsolatedSubject, mine, round, check);
      searches[subject] = search;
      const searched = await search;
      // A worker that came through the search keeps working for this slot.
      if (bound === subject && 'worker' in searched) worker = searched.worker;
      else if ('worker' in searched) await searched.worker.close();
    };
    try {
      for (let job = pick(bound); job !== undefined; job = pick(bound)) {
        job.started = true;
        const subject = subjects[job.subject] as IsolatedSubject;
        const property = check.properties[job.property] as GatherProperty;
        const missing = missingCapabilities(property.needs, subject.supports);
        if (missing.length > 0) {
          (reports[job.subject] as (PropertyReport | undefined)[])[job.property] = { status: 'n/a', property, missing };
          check.onProgress(subject.name, property.id, 'n/a');
          await searchIfOver(job.subject);
          continue;
        }
        if (bound !== job.subject) {
          // Claimed before the first await, so the other slots pick a subject no slot holds.
          const previous = worker;
          worker = undefined;
          if (bound !== undefined) holders[bound] = (holders[bound] ?? 1) - 1;
          bound = job.subject;
          holders[bound] = (holders[bound] ?? 0) + 1;
          await previous?.close();
        }
        if (worker === undefined) {
          const started = await subject.startWorker();
          if (!started.ok) {
            breakAt(job, `could not be loaded again: ${started.what}`);
            continue;
          }
          worker = started.worker;
        }
        const outcome = await worker.request({
          kind: 'check',
          property: property.id,
          options: check.options,
          determinism: check.determinism,
        });
        if (outcome.ok && outcome.reply.kind === 'checked') {
          // The verdict as checkProperty returned it, with the property it names by id put back.
          const report = { ...outcome.reply.report, property } as PropertyReport;
          (reports[job.subject] as (PropertyReport | undefined)[])[job.property] = report;
          check.onProgress(subject.name, property.id, report.status);
          await searchIfOver(job.subject);
          continue;
        }
        await worker.close();
        worker = undefined;
        breakAt(job, unexpectedOutcome(outcome), outcome.ok ? undefined : outcome.scenario);
      }
    } finally {
      await worker?.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(check.jobs, jobs.length)) }, slot));

  return Promise.all(
    subjects.map(async (subject, index): Promise<SubjectReport> => {
      const broke = breaks[index];
      const report = {
        subject: subject.name,
        supports: subject.supports,
        replay: subject.replay,
        ...(broke === undefined ? {} : { broken: formatBreak(broke, subject.replay, check.replayOptions) }),
        properties: (reports[index] as (PropertyReport | undefined)[])
          .slice(0, broke?.index)
          .filter((one): one is PropertyReport => one !== undefined),
      };
      const searched = await searches[index];
      if (searched === undefined) return { ...report, departures: [] };
      return 'departures' in searched
        ? { ...report, departures: searched.departures }
        : { ...report, broken: searched.broken };
    }),
  );
}

/** The indices of `subjects` in the order slots take them: those named in `first` in its order, then the others. */
function takingOrder(subjects: readonly IsolatedSubject[], first: readonly string[]): number[] {
  const rank = (index: number): number => {
    const at = first.indexOf(subjects[index]?.name ?? '');
    return at === -1 ? first.length : at;
  };
  return subjects.map((_, index) => index).sort((a, b) => rank(a) - rank(b) || a - b);
}

/** The outcome of a departure search: the departures (and the worker, still good), or how the subject broke. */
type Searched =
  { readonly departures: readonly Departure[]; readonly worker: SubjectWorker } | { readonly broken: string };

/**
 * The departures behind a subject's first round (`findDepartures`), re-checked in `held`, the
 * worker that checked its last property (a new one when there is none): a subject that breaks
 * it meanwhile is broken, saying so, with the scenario it was running. The worker comes back
 * with the departures; a broken one is closed.
 */
async function searchDepartures(
  subject: IsolatedSubject,
  held: SubjectWorker | undefined,
  firstRound: readonly PropertyReport[],
  check: IsolatedCheck,
): Promise<Searched> {
  let worker = held;
  if (worker === undefined) {
    const started = await subject.startWorker();
    if (!started.ok) return { broken: `while searching its departures, it could not be loaded again: ${started.what}` };
    worker = started.worker;
  }
  try {
    const outcome = await worker.request({
      kind: 'departures',
      reports: firstRound.map((report) => ({ ...report, property: report.property.id })),
      properties: check.properties.map((property) => property.id),
      options: check.options,
      budget: check.departures ?? DEFAULT_DEPARTURE_BUDGET,
      determinism: check.determinism,
    });
    if (outcome.ok && outcome.reply.kind === 'departed') {
      const byId = new Map(check.properties.map((property) => [property.id, property]));
      const kept = worker;
      worker = undefined;
      return {
        worker: kept,
        departures: outcome.reply.departures.map((departure) => ({
          ...departure,
          failure: { ...departure.failure, property: byId.get(departure.failure.property) } as Departure['failure'],
        })),
      };
    }
    const lines = [
      `while its departures were searched (properties checked again), it ${unexpectedOutcome(outcome)}`,
      ...(outcome.ok || outcome.scenario === undefined ? [] : formatBreakScenario(outcome.scenario, subject.replay)),
    ];
    return { broken: lines.join('\n') };
  } finally {
    await worker?.close();
  }
}
