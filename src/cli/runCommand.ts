import { DEFAULT_SEED } from '../conformance/checkDefaults.js';
import { realPerformanceNow } from '../clock/realTimers.js';
import { missingCapabilities } from '../conformance/Capabilities.js';
import { checkingDeterminism } from '../conformance/checkingDeterminism.js';
import { scenarioNeeds } from '../conformance/scenarioNeeds.js';
import { toSubjectRunner, type SubjectRunner } from '../conformance/SubjectRunner.js';
import reference from '../subjects/reference.js';
import { diffJson } from '../observation/diffJson.js';
import type { Observation } from '../observation/Observation.js';
import { isAllowed, predict, type PredictOptions, type Prediction } from '../oracle/predict.js';
import { forEachTieOrder } from '../executor/forEachTieOrder.js';
import { runDigest } from '../executor/runDigest.js';
import { escapeControl } from '../report/escapeControl.js';
import { formatLeaks } from '../report/formatLeaks.js';
import { formatGatherOutcome } from '../report/formatResult.js';
import { formatTimeline, TIMELINE_LEGEND } from '../report/formatTimeline.js';
import { readScenarioFile, scenarioFormOfPath, type ScenarioFile } from '../scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../scenario/validateScenario.js';
import { EXIT, type CliIo } from './CliIo.js';
import { readInputText } from './readInputText.js';
import { collectScenarioFiles } from './collectScenarioFiles.js';
import { openSubject } from './openSubject.js';
import { parseCommandArgs } from './parseCommandArgs.js';
import { useColour } from './useColour.js';
import { expectDifferences } from './expectDifferences.js';
import { runEveryOrder } from './runEveryOrder.js';
import { formatTies, tieOrderOf, type TieOrder } from './tieOrderOption.js';
import { timeoutOption } from './timeoutOption.js';
import type { IsolatedSubject } from '../isolate/loadIsolatedSubject.js';
import { isolatedRunner } from '../isolate/isolatedRunner.js';
import { DEFAULT_MEMORY_MB } from '../isolate/startSubjectWorker.js';
import { pythonOption, pythonOptionHelp } from './pythonOption.js';
import { ORACLE_BUDGET_OPTIONS, ORACLE_BUDGET_USAGE, oracleBudgetOf } from './oracleBudgetOption.js';

/** The help text of `gather-sim run`. */
export const RUN_USAGE = `Usage: gather-sim run FILE... [--subject MODULE | --external CMD | --python INTERPRETER]
                      [--ties MODE] [--json]

Runs scenario files on a gather (the reference, asyncio.gather's semantics, unless told) in
virtual time and shows the outcome with a lane-per-task timeline and what rules R1-R12
make of it. A file with "expect" is checked against it.

  FILE              a scenario file (JSON, or the text form: see gather-sim convert), a
                    folder of them (.json and .gsim), or - for standard input; a
                    name that is not a file here is a bundled example scenario:
                    tutorial-1-two-calls, r04-fail-fast, scenarios/r07-empty.json...
  --subject MODULE  run on this subject: a module whose default export is
                    { name, supports?, gather }, or a bundled subject's name (p-map,
                    cpython-asyncio...)
  --external CMD    run on a subject in another process: CMD (run with a shell) speaks
                    the gather-sim/1 protocol on stdin/stdout
${pythonOptionHelp(20)}
  --timeout MS      real-time limit for loading a module subject and for each of its
                    scenarios (it runs in a worker thread, stopped past it, or when it
                    exits, crashes or runs out of memory), and for an external subject's
                    hello and each answer (default 10000, at most 2147483647)
  --ties MODE       how events due at the same instant are ordered (an in-process
                    subject only): fifo (default), shuffle (an order drawn from --seed)
                    or exhaustive (every order, each checked against rules R1-R12;
                    at most 6 events due together); the order a run took is printed
  --tie-order LIST  replay an order of tied events: the picks a run printed (2,0,1)
  --seed N          the seed of --ties shuffle (default $GATHER_SIM_SEED, else
                    ${DEFAULT_SEED})
  --check-determinism
                    run each scenario twice and report a subject whose second run
                    differs from the first (a digest of observation and trace)
  --json            print only the OBSERVATION as one JSON document (one FILE only)
${ORACLE_BUDGET_USAGE}
  -h, --help        show this help

A scenario that needs a capability the subject does not claim (returnExceptions, or
cancelling the gather or a nested gather) is n/a for it: shown, never counted against it.

Exit status: 0 ran (and every "expect" matched, and the spec allows what the subject did),
1 an "expect" did not match or the spec rejects the subject's observation, 2 bad usage, an
invalid scenario file or a subject module that cannot be loaded.
An external subject that crashes, goes silent or breaks the protocol is reported with its
An external subject that crashes, goes silent or breaks the protocol is reported with its
exit status and stderr (exit 1), with the files it did not run; what it started in its
process group is ended with it. A module subject that hangs, exits, crashes or runs out
of memory is reported as BROKEN for that file (exit 1), and the next file gets a fresh
worker. Nothing waits on a subject longer than --timeout.
Input limits (file size, nesting, number of tasks...): docs/protocol.md, section Limits.

Example:
  gather-sim run tutorial-1-two-calls
  gather-sim run scenarios/tutorial-1-two-calls.json
  echo '{"tasks": [{"sleep": 1000, "value": 100}]}' | gather-sim run - --json
  gather-sim run scenarios/r04-fail-fast.json --subject p-map
  gather-sim run scenarios --subject cpython-asyncio
  gather-sim run scenarios --python pypy3
  gather-sim run scenarios/ties-three-errors.gsim --ties exhaustive`;

type Loaded =
  { readonly path: string; readonly file: ScenarioFile } | { readonly path: string; readonly problem: string };

async function load(path: string, io: CliIo): Promise<Loaded> {
  const where = path === '-' ? 'standard input' : escapeControl(path);
  const input = await readInputText(path, io.stdin);
  if ('problem' in input) return { path, problem: `${where}: ${input.problem}` };
  const reading = readScenarioFile(input.text, scenarioFormOfPath(path));
  if (!reading.ok)
    return {
      path,
      problem: `${where} is not a valid scenario file:\n${formatScenarioIssues(reading.issues)}`,
    };
  return { path, file: reading.file };
}

function isolatedRunnerOpened(subject: IsolatedSubject): { runner: SubjectRunner; close: () => Promise<void> } {
  const runner = isolatedRunner(subject);
  return { runner, close: () => runner.close() };
}

/** `gather-sim run`: see {@link RUN_USAGE}. Returns the exit status. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'run',
    RUN_USAGE,
    {
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        subject: { type: 'string' },
        external: { type: 'string' },
        python: { type: 'string' },
        ties: { type: 'string' },
        'tie-order': { type: 'string' },
        seed: { type: 'string' },
        'check-determinism': { type: 'boolean' },
        timeout: { type: 'string' },
        ...ORACLE_BUDGET_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { subject, external, json } = parsed.values;
  const named = ['--subject', '--external', '--python'].filter(
    (option) => parsed.values[option.slice(2) as 'subject' | 'external' | 'python'] !== undefined,
  );
  if (named.length > 1) {
    io.stderr.write(
      `gather-sim run: ${named.join(' and ')} ${named.length === 2 ? 'both' : 'all'} name the subject: pick one\n`,
    );
    return EXIT.usage;
  }
  const python = pythonOption(parsed.values.python === undefined ? undefined : [parsed.values.python], 'run', io);
  if (python === undefined) return EXIT.usage;
  const order = tieOrderOf(parsed.values, io);
  if (order === undefined) return EXIT.usage;
  const budget = oracleBudgetOf('run', parsed.values, io);
  if (budget === undefined) return EXIT.usage;
  const timeout = timeoutOption(parsed.values.timeout, 'run', io);
  if (timeout === undefined) return EXIT.usage;
  if (json === true && order.kind === 'exhaustive') {
    io.stderr.write(
      'gather-sim run: --json prints one OBSERVATION, and --ties exhaustive makes one per order: pick one\n',
    );
    return EXIT.usage;
  }
  let paths: string[];
  try {
    paths = await collectScenarioFiles(parsed.positionals);
  } catch (error) {
    io.stderr.write(`gather-sim run: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (paths.length === 0) {
    io.stderr.write(`gather-sim run: name at least one scenario file\n\n${RUN_USAGE}\n`);
    return EXIT.usage;
  }
  if (json === true && paths.length !== 1) {
    io.stderr.write(
      `gather-sim run: --json prints one OBSERVATION, so it takes exactly one FILE (got ${paths.length})\n`,
    );
    return EXIT.usage;
  }
  const spec = external !== undefined ? { external } : subject !== undefined ? { module: subject } : python[0];
  const isolation = { budgetMs: timeout, memoryMb: DEFAULT_MEMORY_MB, log: (text: string) => io.stderr.write(text) };
  const found =
    spec === undefined
      ? { runner: toSubjectRunner(reference), close: () => Promise.resolve() }
      : await openSubject(spec, false, { helloMs: timeout, answerMs: timeout }, isolation);
  // A module runs in worker threads, each scenario under the watchdog; never imported here.
  const opened = 'isolated' in found ? isolatedRunnerOpened(found.isolated) : found;
  if ('problem' in opened) {
    const option = external !== undefined ? '--external: ' : subject !== undefined ? '--subject: ' : '';
    io.stderr.write(`gather-sim run: ${option}${opened.problem}\n`);
    return EXIT.usage;
  }
  if ('report' in opened) {
    io.stderr.write(`gather-sim run: the subject is broken: ${opened.report.broken ?? opened.report.skipped ?? ''}\n`);
    return EXIT.finding;
  }
  if (
    (parsed.values.ties !== undefined || parsed.values['tie-order'] !== undefined) &&
    opened.runner.ordersTies !== true
  ) {
    await opened.close();
    io.stderr.write(
      `gather-sim run: --ties and --tie-order order the events of a gather in this process; ${opened.runner.name} runs in another process and orders them on its own clock\n`,
    );
    return EXIT.usage;
  }
  const runner = parsed.values['check-determinism'] === true ? checkingDeterminism(opened.runner) : opened.runner;
  try {
    return paths.length === 1
      ? await runOne(paths[0] as string, runner, order, json === true, io, budget)
      : await runMany(paths, runner, order, io, budget);
  } finally {
    await opened.close();
  }
}

async function runOne(
  path: string,
  runner: SubjectRunner,
  order: TieOrder,
  json: boolean,
  io: CliIo,
  budget: PredictOptions,
): Promise<number> {
  const loaded = await load(path, io);
  if ('problem' in loaded) {
    io.stderr.write(`gather-sim run: ${loaded.problem}\n`);
    return EXIT.usage;
  }
  const { file } = loaded;
  const missing = missingCapabilities(scenarioNeeds(file.scenario), runner.supports);
  if (order.kind === 'exhaustive')
    return runEveryOrder(path === '-' ? 'standard input' : path, file, runner, predict(file.scenario, budget), io);
  const started = realPerformanceNow();
  const run = await runner.run(file.scenario, { ties: order.picks });
  const wall = realPerformanceNow() - started;
  // A broken subject observed nothing: its made-up "pending" observation is not worth a verdict.
  if (brokeOn(path === '-' ? 'standard input' : path, undefined, runner, json ? io.stderr : io.stdout))
    return EXIT.finding;
  // After the run: a prediction that gives up must not keep the run from being shown.
  const prediction = predict(file.scenario, budget);
  const found = file.expect === undefined ? [] : expectDifferences(file.expect, run.observation, prediction);
  // A file's "expect" is for first-in-first-out ties: another order asked for may give another allowed observation.
  const otherOrder =
    found.length > 0 &&
    run.ties.some((choice) => choice.pick !== 0) &&
    isAllowed(prediction, run.observation) &&
    file.expect !== undefined &&
    isAllowed(prediction, file.expect);
  const differences = otherOrder ? [] : found;
  if (json) {
    io.stdout.write(`${JSON.stringify(run.observation)}\n`);
  } else {
    const title = escapeControl([file.name, file.description].filter((part) => part !== undefined).join(': '));
    const lines = [
      path === '-' ? 'standard input' : path,
      ...(title === '' ? [] : [title]),
      `subject ${runner.name}`,
      `gather ${formatGatherOutcome(run.observation.gather)}`,
      '',
      formatTimeline(run.observation, run.trace, { colour: useColour(io) }),
      TIMELINE_LEGEND,
    ];
    lines.push(
      ...formatTies(run),
      `digest ${runDigest(run)} (of observation and trace: a rerun must give the same; --check-determinism checks)`,
      '',
      formatSpecVerdict(prediction, run.observation, runner.name),
    );
    if (missing.length > 0)
      lines.push(
        `note: the scenario needs ${missing.join(' and ')}, which ${runner.name} does not claim: nothing here counts against it`,
      );
    for (const problem of run.problems) lines.push(`problem: ${escapeControl(problem)}`);
    lines.push(
      ...(run.leaks.length === 0
        ? ['leaks: none (no timer of the gather pending once all had settled, no unhandled rejection)']
        : formatLeaks(run.leaks)),
    );
    if (file.expect !== undefined) {
      const verdict = otherOrder
        ? 'expect: another observation the spec allows, from this order of tied events (the expect is for first-in-first-out)'
        : differences.length === 0
          ? 'expect: matched'
          : ['expect: MISMATCH', ...differences.map((line) => `  ${line}`)].join('\n');
      lines.push('', verdict);
      if (differences.length > 0 && isAllowed(prediction, file.expect)) {
        lines.push(
          `  (the expected observation is one the spec allows too: events tie, and ${runner.name === 'reference' ? 'the reference' : runner.name} took another order)`,
        );
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  const settled =
    'at' in run.observation.gather ? `gather settled at ${run.observation.gather.at} ms` : 'gather never settled';
  io.stderr.write(`virtual time: ${settled}; wall time: ${wall.toFixed(1)} ms\n`);
  const rejected = prediction.complete && !isAllowed(prediction, run.observation);
  if (missing.length > 0) return EXIT.ok;
  return differences.length > 0 || rejected || run.problems.length > 0 ? EXIT.finding : EXIT.ok;
}

/** What rules R1-R12 (the oracle) make of a subject's observation. */
function formatSpecVerdict(prediction: Prediction, observation: Observation, subject: string): string {
  if (!prediction.complete)
    return `spec: too many orderings (${prediction.explored} explored) of tied events to check them all within the oracle's budget: the observation above is unchecked (see --oracle-states)`;
  if (!isAllowed(prediction, observation)) {
    const expected =
      prediction.observations.length === 1 ? 'the one allowed' : `one of the ${prediction.observations.length} allowed`;
    const differences = diffJson(prediction.observations[0], observation)
      .map((line) => `\n  ${line}`)
      .join('');
    const blame =
      subject === 'reference'
        ? ' (a bug in the reference: please report it)'
        : `: ${subject} departs from asyncio.gather here`;
    return `spec: NOT an observation rules R1-R12 allow${blame}; against ${expected}:${differences}`;
  }
  const count = prediction.observations.length;
  if (prediction.tieFree) {
    const twin =
      count > 1 ? ' (with or without the errors asyncio never retrieved as unhandled: CPython reports them)' : '';
    return `spec: the one observation rules R1-R12 allow${twin}`;
  }
  return `spec: one of ${count} observations rules R1-R12 allow, as events tie at the same millisecond`;
}

async function runMany(
  paths: readonly string[],
  runner: SubjectRunner,
  order: TieOrder,
  io: CliIo,
  budget: PredictOptions,
): Promise<number> {
  const counts = { matched: 0, mismatched: 0, unchecked: 0, notApplicable: 0, invalid: 0, broken: 0 };
  const width = Math.max(...paths.map((path) => path.length));
  for (const [index, path] of paths.entries()) {
    const loaded = await load(path, io);
    if ('problem' in loaded) {
      counts.invalid += 1;
      io.stdout.write(`INVALID   ${loaded.problem.replace(/\n/g, '\n          ')}\n`);
      continue;
    }
    const missing = missingCapabilities(scenarioNeeds(loaded.file.scenario), runner.supports);
    if (missing.length > 0) {
      counts.notApplicable += 1;
      io.stdout.write(
        `n/a       ${path.padEnd(width)}  needs ${missing.join(' and ')}, which ${runner.name} does not claim\n`,
      );
      continue;
    }
    if (order.kind === 'exhaustive') {
      const line = await everyOrderLine(loaded.file, runner, budget);
      if (brokeOn(path, paths.slice(index + 1), runner, io.stdout)) return EXIT.finding;
      counts[line.count] += 1;
      io.stdout.write(`${line.text.replace('PATH', path.padEnd(width))}\n`);
      continue;
    }
    const run = await runner.run(loaded.file.scenario, { ties: order.picks });
    // A module subject gets a fresh worker for the next file; a broken driver is gone.
    const recovers = runner.recovers === true;
    if (brokeOn(path, recovers ? undefined : paths.slice(index + 1), runner, io.stdout)) {
      if (!recovers) return EXIT.finding;
      counts.broken += 1;
      continue;
    }
    const outcome = formatGatherOutcome(run.observation.gather);
    if (loaded.file.expect === undefined) {
      counts.unchecked += 1;
      io.stdout.write(`ran       ${path.padEnd(width)}  ${outcome} (no "expect")\n`);
      continue;
    }
    const differences = expectDifferences(loaded.file.expect, run.observation, predict(loaded.file.scenario, budget));
    if (differences.length === 0) {
      counts.matched += 1;
      io.stdout.write(`ok        ${path.padEnd(width)}  ${outcome}\n`);
    } else {
      counts.mismatched += 1;
      io.stdout.write(`MISMATCH  ${path.padEnd(width)}  ${differences.join('; ')}\n`);
      const timeline = formatTimeline(run.observation, run.trace, { width: 70, colour: useColour(io) });
      io.stdout.write(
        `${timeline
          .split('\n')
          .map((line) => `          ${line}`)
          .join('\n')}\n`,
      );
    }
  }
  io.stdout.write(
    `\n${paths.length} scenarios: ${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.unchecked} without "expect", ${counts.notApplicable} n/a, ${counts.invalid} invalid${counts.broken === 0 ? '' : `, ${counts.broken} BROKEN`}\n`,
  );
  if (counts.invalid > 0) return EXIT.usage;
  return counts.mismatched > 0 || counts.broken > 0 ? EXIT.finding : EXIT.ok;
}

/**
 * Whether an external subject broke (crashed, went silent, broke the protocol) while it ran
 * `path`; if so, writes why (its exit status and stderr) and, in a multi-file run, the
 * files not run: the run stops there.
 */
function brokeOn(
  path: string,
  notRun: readonly string[] | undefined,
  runner: SubjectRunner,
  out: CliIo['stdout'],
): boolean {
  const broken = runner.broken?.();
  if (broken === undefined) return false;
  const why = broken
    .split('\n')
    .map((line) => escapeControl(line))
    .join('\n          ');
  const files = notRun?.map((file) => escapeControl(file)).join(', ');
  const after =
    notRun === undefined
      ? ''
      : `\n${notRun.length === 0 ? 'it was the last file' : `not run (${notRun.length}): ${files}`}\n`;
  out.write(`BROKEN    ${escapeControl(path)}  the subject broke while running this file: ${why}\n${after}`);
  return true;
}

/** One file of `run FILE... --ties exhaustive`: every order allowed by the spec, and the file's "expect" given by one. */
async function everyOrderLine(
  file: ScenarioFile,
  runner: SubjectRunner,
  budget: PredictOptions,
): Promise<{ count: 'matched' | 'mismatched' | 'unchecked'; text: string }> {
  const prediction = predict(file.scenario, budget);
  let rejected = 0;
  let matched = 0;
  const explored = await forEachTieOrder(
    async (picks) => {
      const run = await runner.run(file.scenario, { ties: picks });
      if ((prediction.complete && !isAllowed(prediction, run.observation)) || run.problems.length > 0) rejected += 1;
      if (file.expect !== undefined && expectDifferences(file.expect, run.observation, prediction).length === 0)
        matched += 1;
      return run.ties;
    },
    () => true,
  );
  const orders =
    explored.status === 'too-many'
      ? `${explored.orders}+ orders (too many to try all)`
      : `${explored.orders} ${explored.orders === 1 ? 'order' : 'orders'}`;
  if (rejected > 0)
    return { count: 'mismatched', text: `MISMATCH  PATH  ${rejected} of ${orders} not allowed by rules R1-R12` };
  if (file.expect === undefined)
    return { count: 'unchecked', text: `ran       PATH  ${orders}, each allowed by rules R1-R12 (no "expect")` };
  if (matched === 0)
    return { count: 'mismatched', text: `MISMATCH  PATH  no order of ${orders} gives the expected observation` };
  return {
    count: 'matched',
    text: `ok        PATH  ${orders}, each allowed; ${matched} ${matched === 1 ? 'gives' : 'give'} the expected observation`,
  };
}
