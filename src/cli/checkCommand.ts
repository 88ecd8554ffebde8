import { availableParallelism } from 'node:os';
import type { CheckPropertyOptions, Shard } from '../properties/checkProperty.js';
import { gatherProperties } from '../properties/gatherProperties.js';
import type { GatherProperty } from '../properties/GatherProperty.js';
import { realPerformanceNow } from '../clock/realTimers.js';
import { isOrderedTieMode, MAX_EXHAUSTIVE_ORDERS } from '../clock/TieChoice.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../conformance/checkGather.js';
import { conforms, type ConformanceReport, type SubjectReport } from '../conformance/ConformanceReport.js';
import { DEFAULT_DEPARTURE_BUDGET } from '../conformance/findDepartures.js';
import { checkIsolated } from '../isolate/checkIsolated.js';
import type { Isolation } from '../isolate/loadIsolatedSubject.js';
import { concurrencyLimit } from '../isolate/concurrencyLimit.js';
import { sharedWorkers, type SharedWorkers } from '../isolate/sharedWorkers.js';
import { DEFAULT_MEMORY_MB } from '../isolate/startSubjectWorker.js';
import type { ExternalSubjectOptions } from '../conformance/externalSubject.js';
import { BUNDLED_FIRST, BUNDLED_MATRIX } from '../subjects/bundledSubjects.js';
import { EXIT, type CliIo } from './CliIo.js';
import { openSubject, type OpenedSubject, type SubjectSpec } from './openSubject.js';
import { parseCommandArgs } from './parseCommandArgs.js';
import { seedOption } from './seedOption.js';
import { TIMEOUT_RANGE } from './timeoutOption.js';
import { parseTieMode } from './parseTieMode.js';
import { wrapList } from './wrapList.js';
import { writeReport } from './writeReport.js';
import { scenarioOption } from './scenarioOption.js';
import { checkWritablePath } from './checkWritablePath.js';
import { escapeTerminalOutput } from '../report/escapeControl.js';
import { parseIntegerOption, type IntegerRange } from './parseIntegerOption.js';
import { pythonOption, pythonOptionHelp } from './pythonOption.js';
import type { LanguageDriver } from '../languages/LanguageDriver.js';
import { LANGUAGE_DRIVERS } from '../languages/languageDrivers.js';

/** The help text of `gather-sim check`. */
export const CHECK_USAGE = `Usage: gather-sim check [MODULE...] [options]

Checks gather implementations against asyncio.gather's semantics, property by property,
on the virtual clock. The report leads with each subject's departures from asyncio.gather,
grouped by cause (the scenario feature that triggers each, the properties it breaks, a
minimal scenario, expected against observed, a replay line: docs/departures.md), then the
conformance matrix (subjects x properties: pass, FAIL, or n/a for a capability a subject
does not claim), then every failure in full: the rule, the simplified scenario, expected
against observed, the timelines and the replay lines.

  MODULE             a subject module: a file whose default export is
                     { name, supports?: { returnExceptions?, cancellation?, dedupe? },
                     gather }, or a bare gather function (named after its file, claiming
                     every capability); an ES module, CommonJS (exports.default too) or
                     TypeScript (through the project's tsx: npm i -D tsx);
                     or the name of a bundled subject (none given: every one):
                     ${wrapList(BUNDLED_MATRIX, 80, 21)}
  --subject MODULE   the same as a MODULE argument (repeat for more)
  --external CMD     a subject in another process: CMD (run with a shell) speaks the
                     gather-sim/1 protocol on stdin/stdout (repeat for more)
${pythonOptionHelp(21)} (repeat for more)
  --driver NAME      a driver for another language's gather (repeat for more), built on
                     first use into the cache (docs/languages.md); its toolchain missing:
                     exit 2 naming what to install; its build failing: BROKEN with the
                     build's output (gather-sim drivers lists them)
  --drivers all      every registered language driver, in registry order; one whose
                     toolchain is missing is skipped (needs X: the install line), which
                     fails nothing
  --timeout MS       real-time limit for loading a subject and for each scenario (an
                     external subject's hello and each answer) (default 10000); past it
                     the subject is BROKEN (stopped, never waited for)
  --jobs N           slots checking at once (default: the number of cores), one budget
                     for every subject: a slot is a worker thread checking one property
                     of one subject; a subject in another process (--external,
                     cpython-asyncio) gets up to N driver processes, each lent to one
                     slot at a time (some started when it is opened, the rest when a
                     slot needs one; a bundled one's in the workers the bundled
                     subjects share); a module subject runs in worker threads even
                     with 1; the report is the same bytes whatever N
  --memory-limit MB  the heap of each worker, in MB (default ${DEFAULT_MEMORY_MB}); past it the
                     subject is BROKEN
  --runs N           scenarios per property (default ${DEFAULT_RUNS})
  --departures N     find up to N departures per subject, grouped by cause (default
                     ${DEFAULT_DEPARTURE_BUDGET.departures}; 0: none)
  --rechecks N       property checks the departure search may run again, with a cause
                     left out, per subject (default ${DEFAULT_DEPARTURE_BUDGET.rechecks}); a subject
                     failing many properties for one cause may need more to show the rest
  --seed N           the fast-check seed (default $GATHER_SIM_SEED, else ${DEFAULT_SEED});
                     the same seed gives the same report
  --property ID      run only this property (repeat, or separate with commas); ids:
                     ${wrapList(
                       gatherProperties.map((property) => property.id),
                       80,
                       21,
                     )}
  --path PATH        with --seed and one --property, replay fast-check's path of a failure
  --scenario JSON|FILE
                     check this scenario alone (a failure's counterexample, as its replay
                     line prints it), no generated ones; FILE a scenario file, - stdin
  --tie-order PICKS  with --scenario and --ties: the order of its tied events a failure printed
  --ties MODE        how events due at the same instant are ordered in an in-process
                     subject: fifo (default), shuffle (an order drawn with each scenario,
                     shrunk toward fifo, printed with a failure) or exhaustive (every
                     order of each scenario whose events allow at most ${MAX_EXHAUSTIVE_ORDERS}); a subject in
                     another process orders ties on its own clock
  --shard I/N        check only slice I of N of every property's scenarios: the slices of
                     one seed are disjoint and together are the unsliced run; merge their
                     --json reports with gather-sim merge
  --check-determinism
                     run every scenario twice: a subject whose second run differs
                     from the first (a digest of observation and trace) fails
  --json             print the report as JSON
  --markdown         print the matrix as a Markdown table
  --html FILE        also write the report as a self-contained HTML page: the matrix and
                     every failure with its timeline drawn in SVG
  --junit FILE       also write the report as JUnit XML for CI systems: a test case per
                     subject and property, a failure with the report printed for it
  -h, --help         show this help

Progress goes to standard error, one line per property as it finishes, and so does what a
subject prints. A subject module is loaded and checked in worker threads, never in the
checker: one that loops, exits, throws from a timer, or allocates without bound is stopped
and shown as BROKEN, with what happened, the scenario it was running and replay lines; its
remaining properties are not checked, and the other subjects are checked as usual. A
subject in another process is checked in worker threads too, and so is a driver of it
that crashes, goes silent or prints something else: BROKEN, the same way.

Exit status: 0 every applicable property passed (for the bundled matrix, with no MODULE:
the matrix was produced and the reference conforms; a library that departs from
asyncio.gather is a finding shown in the matrix, not an error), 1 a property failed
(or a subject is BROKEN, a driver whose build failed included), 2 bad usage, a module
that cannot be loaded or has the wrong shape, or a --driver whose toolchain is missing.

Examples:
  gather-sim check
  gather-sim check ./my-gather.mjs --runs 500
  gather-sim check ./my-gather.mjs --runs 100000 --shard 2/8 --json > shard-2.json
  gather-sim check p-map --property fail-fast --seed 7
  gather-sim check p-map --property fail-fast --scenario '{"tasks":[{"sleep":10,"error":{"name":"E","message":""}}]}'
  gather-sim check ./my-gather.mjs --ties exhaustive
  gather-sim check cpython-asyncio --python pypy3
  gather-sim check micropython-1.27-asyncio --departures 10 --rechecks 60
  gather-sim check --drivers all --runs 25
  gather-sim check --html report.html
  gather-sim check ./my-gather.mjs --junit check.xml`;

/** What the counting options accept (a timer of Node's lasts at most 2^31-1 ms). */
const COUNT_RANGES: Record<
  '--runs' | '--timeout' | '--jobs' | '--memory-limit' | '--departures' | '--rechecks',
  IntegerRange
> = {
  '--runs': { min: 1, max: Number.MAX_SAFE_INTEGER, what: 'a positive integer' },
  '--timeout': TIMEOUT_RANGE,
  '--jobs': { min: 1, max: 1024, what: 'a whole number of workers from 1 to 1024' },
  '--memory-limit': { min: 16, max: 1024 * 1024, what: 'a whole number of MB from 16 to 1048576' },
  '--departures': { min: 0, max: 1000, what: 'a whole number of departures from 0 to 1000' },
  '--rechecks': { min: 0, max: 10_000, what: 'a whole number of property checks from 0 to 10000' },
};

function parseCount(
  text: string | undefined,
  option: keyof typeof COUNT_RANGES,
  fallback: number,
  io: CliIo,
): number | undefined {
  if (text === undefined) return fallback;
  const range = COUNT_RANGES[option];
  const value = parseIntegerOption(text, range);
  if (value === undefined) io.stderr.write(`gather-sim check: ${option}: expected ${range.what}, got "${text}"\n`);
  return value;
}

/** `--shard I/N`: undefined when absent, null (after saying why) when malformed. */
function parseShard(text: string | undefined, io: CliIo): Shard | undefined | null {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    io.stderr.write(`gather-sim check: --shard: expected I/N with 1 <= I <= N, like 2/4, got "${text}"\n`);
    return null;
  }
  return { index, count };
}

function pickProperties(requested: readonly string[], io: CliIo): readonly GatherProperty[] | undefined {
  if (requested.length === 0) return gatherProperties;
  const ids = requested
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = ids.filter((id) => !gatherProperties.some((property) => property.id === id));
  if (unknown.length > 0) {
    io.stderr.write(
      `gather-sim check: --property: unknown ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${gatherProperties.map((property) => property.id).join(', ')}\n`,
    );
    return undefined;
  }
  return gatherProperties.filter((property) => ids.includes(property.id));
}

type Opened = Exclude<OpenedSubject, { readonly problem: string }>;

/**
 * Opens the subjects to check (the bundled matrix when `bundled`), in order: modules and
 * bundled drivers in worker threads `jobs` at a time (the bundled ones in `shared` workers:
 * a bundled driver after the modules, so that its boot does not compete with their loading),
 * while the driver processes of other subjects in other processes start (`drivers` each
 * ahead, at once); undefined after writing a usage problem (and closing what was opened).
 */
async function openSubjects(
  specs: readonly { readonly spec: SubjectSpec; readonly optional: boolean }[],
  limits: ExternalSubjectOptions,
  isolation: Isolation,
  opening: {
    readonly jobs: number;
    readonly drivers: number;
    readonly registry: readonly LanguageDriver[];
    readonly shared: SharedWorkers;
  },
  io: CliIo,
  bundled: boolean,
): Promise<Opened[] | undefined> {
  const loadInTurn = concurrencyLimit(opening.jobs);
  const all = await Promise.all(
    (bundled ? BUNDLED_MATRIX.map((module) => ({ spec: { module }, optional: true })) : specs).map(
      ({ spec, optional }) =>
        openSubject(
          spec,
          optional,
          limits,
          isolation,
          { drivers: opening.drivers, loadInTurn, shared: opening.shared },
          opening.registry,
        ),
    ),
  );
  const problem = all.find((subject): subject is Extract<OpenedSubject, { problem: string }> => 'problem' in subject);
  if (problem === undefined) return all as Opened[];
  await Promise.all(all.map(closeOpened));
  io.stderr.write(escapeTerminalOutput(`gather-sim check: ${problem.problem}\n`));
  return undefined;
}

function closeOpened(subject: OpenedSubject): Promise<void> {
  if ('close' in subject) return subject.close();
  if ('isolated' in subject) return subject.isolated.close();
  return Promise.resolve();
}

/** The options of `check` after `--property ID` that give the same scenarios again. */
function replayOptionsOf(options: CheckPropertyOptions, determinism: boolean): string {
  return [
    ` --seed ${options.seed ?? DEFAULT_SEED} --runs ${options.numRuns ?? DEFAULT_RUNS}`,
    options.ties === undefined ? '' : ` --ties ${options.ties}`,
    options.shard === undefined ? '' : ` --shard ${options.shard.index}/${options.shard.count}`,
    options.path === undefined ? '' : ` --path ${options.path}`,
    determinism ? ' --check-determinism' : '',
  ].join('');
}

/** Says on standard error why each subject that cannot be checked is not (broken or skipped), and gives its report. */
function reportUnchecked(subject: Extract<Opened, { readonly report: SubjectReport }>, io: CliIo): SubjectReport {
  const { report } = subject;
  io.stderr.write(
    escapeTerminalOutput(
      `check: ${report.subject}: ${report.skipped === undefined ? `BROKEN, ${report.broken ?? ''}` : `skipped, ${report.skipped}`}\n`,
    ),
  );
  return report;
}

/**
 * The language drivers `--driver NAME` and `--drivers all` name, as subjects (`--drivers
 * all`'s optional: skipped where a toolchain is missing); undefined after saying why when
 * `--drivers` is given anything but `all`.
 */
function driverSpecs(
  named: readonly string[],
  all: string | undefined,
  registry: readonly LanguageDriver[],
  io: CliIo,
): { readonly spec: SubjectSpec; readonly optional: boolean }[] | undefined {
  if (all !== undefined && all !== 'all') {
    io.stderr.write(`gather-sim check: --drivers: expected "all" (or name one with --driver NAME), got "${all}"\n`);
    return undefined;
  }
  return [
    ...named.map((driver) => ({ spec: { driver }, optional: false })),
    ...(all === undefined ? [] : registry.map(({ name }) => ({ spec: { driver: name }, optional: true }))),
  ];
}

/**
 * `gather-sim check`: see {@link CHECK_USAGE}. Returns the exit status. `registry` is the
 * language drivers `--driver` and `--drivers` choose from.
 */
export async function checkCommand(
  argv: readonly string[],
  io: CliIo,
  registry: readonly LanguageDriver[] = LANGUAGE_DRIVERS,
): Promise<number> {
  const parsed = parseCommandArgs(
    'check',
    CHECK_USAGE,
    {
      args: [...argv],
      allowPositionals: true,
      options: {
        runs: { type: 'string' },
        seed: { type: 'string' },
        property: { type: 'string', multiple: true },
        path: { type: 'string' },
        scenario: { type: 'string' },
        'tie-order': { type: 'string' },
        subject: { type: 'string', multiple: true },
        external: { type: 'string', multiple: true },
        python: { type: 'string', multiple: true },
        driver: { type: 'string', multiple: true },
        drivers: { type: 'string' },
        timeout: { type: 'string' },
        jobs: { type: 'string' },
        departures: { type: 'string' },
        rechecks: { type: 'string' },
        'memory-limit': { type: 'string' },
        shard: { type: 'string' },
        ties: { type: 'string' },
        'check-determinism': { type: 'boolean' },
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        html: { type: 'string' },
        junit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const specs: SubjectSpec[] = [...parsed.positionals, ...(values.subject ?? [])].map((module) => ({ module }));
  specs.push(...(values.external ?? []).map((external) => ({ external })));
  const pythons = pythonOption(values.python, 'check', io);
  if (pythons === undefined) return EXIT.usage;
  specs.push(...pythons);
  const languageSpecs = driverSpecs(values.driver ?? [], values.drivers, registry, io);
  if (languageSpecs === undefined) return EXIT.usage;
  const subjectSpecs = [...specs.map((spec) => ({ spec, optional: false })), ...languageSpecs];
  const bundled = specs.length === 0 && values.driver === undefined && values.drivers === undefined;
  const runs = parseCount(values.runs, '--runs', DEFAULT_RUNS, io);
  const seed = seedOption(values.seed, 'check', io);
  const timeout = parseCount(values.timeout, '--timeout', 10_000, io);
  const jobs = parseCount(values.jobs, '--jobs', availableParallelism(), io);
  const memory = parseCount(values['memory-limit'], '--memory-limit', DEFAULT_MEMORY_MB, io);
  const departures = parseCount(values.departures, '--departures', DEFAULT_DEPARTURE_BUDGET.departures, io);
  const rechecks = parseCount(values.rechecks, '--rechecks', DEFAULT_DEPARTURE_BUDGET.rechecks, io);
  const properties = pickProperties(values.property ?? [], io);
  const shard = parseShard(values.shard, io);
  const ties = parseTieMode(values.ties, 'check', io);
  if (
    runs === undefined ||
    seed === undefined ||
    timeout === undefined ||
    jobs === undefined ||
    memory === undefined ||
    departures === undefined ||
    rechecks === undefined ||
    properties === undefined ||
    shard === null ||
    ties === null
  )
    return EXIT.usage;
  const replay = await scenarioOption(values, io);
  if (replay === null) return EXIT.usage;
  if (values.json === true && values.markdown === true) {
    io.stderr.write('gather-sim check: --json and --markdown are two formats of one report: pick one\n');
    return EXIT.usage;
  }
  if (values.path !== undefined && (values.seed === undefined || properties.length !== 1)) {
    io.stderr.write('gather-sim check: --path replays one failure: give it with --seed and exactly one --property\n');
    return EXIT.usage;
  }
  if (values.path !== undefined && shard !== undefined) {
    io.stderr.write('gather-sim check: --path replays one failure of the whole run: give it without --shard\n');
    return EXIT.usage;
  }
  if (shard !== undefined && shard.count > runs) {
    io.stderr.write(
      `gather-sim check: --shard ${shard.index}/${shard.count}: more slices than --runs (${runs}); a slice past the last scenario would check nothing\n`,
    );
    return EXIT.usage;
  }
  for (const [option, path] of [
    ['--html', values.html],
    ['--junit', values.junit],
  ] as const) {
    const unwritable = path === undefined ? undefined : await checkWritablePath(path);
    if (unwritable === undefined) continue;
    io.stderr.write(`gather-sim check: ${option}: ${unwritable}\n`);
    return EXIT.usage;
  }
  const isolation = { budgetMs: timeout, memoryMb: memory, log: (text: string) => io.stderr.write(text) };
  // Drivers started ahead for each subject in another process (but the bundled ones, which
  // start one, in a shared worker, for the hello): as many slots as could share it at once
  // when every subject has its own; a slot that finds none idle starts one then.
  const subjectCount = bundled ? BUNDLED_MATRIX.length : subjectSpecs.length;
  const drivers = Math.min(jobs, properties.length, Math.ceil(jobs / subjectCount));
  // The bundled subjects' workers go on, warm, from one to the next, modules and drivers alike (`sharedWorkers`).
  const shared = sharedWorkers(isolation, isolation.log);
  const opened = await openSubjects(
    subjectSpecs,
    { helloMs: timeout, answerMs: timeout },
    isolation,
    { jobs, drivers, registry, shared },
    io,
    bundled,
  );
  if (opened === undefined) {
    await shared.close();
    return EXIT.usage;
  }

  const total = opened.filter((subject) => !('report' in subject)).length * properties.length;
  let done = 0;
  const progress = (name: string, property: string, status: string): void => {
    done += 1;
    io.stderr.write(escapeTerminalOutput(`check [${done}/${total}] ${name}: ${property} ${status}\n`));
  };
  const started = realPerformanceNow();
  const options: CheckPropertyOptions = {
    numRuns: runs,
    seed,
    ...(values.path === undefined ? {} : { path: values.path }),
    ...replay,
    ...(shard === undefined ? {} : { shard }),
    ...(ties === undefined ? {} : { ties }),
  };
  const determinism = values['check-determinism'] === true;
  const isolated = opened.flatMap((subject) => ('isolated' in subject ? [subject.isolated] : []));
  const unchecked = opened.flatMap((subject) => ('report' in subject ? [reportUnchecked(subject, io)] : []));
  const inWorkers = await checkIsolated(isolated, {
    properties,
    options,
    determinism,
    jobs,
    departures: { departures, rechecks },
    first: BUNDLED_FIRST,
    replayOptions: replayOptionsOf(options, determinism),
    onProgress: progress,
  });
  await Promise.all([...isolated.map((subject) => subject.close()), shared.close()]);
  const subjects = opened.map((subject) =>
    'isolated' in subject ? (inWorkers.shift() as SubjectReport) : (unchecked.shift() as SubjectReport),
  );
  io.stderr.write(`check: ${total} checks in ${((realPerformanceNow() - started) / 1000).toFixed(1)} s (wall time)\n`);

  const report: ConformanceReport = {
    seed,
    runs,
    ...(isOrderedTieMode(ties) ? { ties } : {}),
    ...(shard === undefined ? {} : { shard }),
    subjects,
  };
  if (!(await writeReport(report, values, io))) return EXIT.usage;

  if (bundled) {
    const reference = subjects.find((subject) => subject.subject === 'reference');
    return reference !== undefined && conforms(reference) ? EXIT.ok : EXIT.finding;
  }
  return conforms(report) ? EXIT.ok : EXIT.finding;
}
