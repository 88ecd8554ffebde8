import { readFile } from 'node:fs/promises';
import { realPerformanceNow } from '../clock/realTimers.js';
import { missingCapabilities } from '../conformance/Capabilities.js';
import { scenarioNeeds } from '../conformance/scenarioNeeds.js';
import { toSubjectRunner, type SubjectRunner } from '../conformance/SubjectRunner.js';
import reference from '../subjects/reference.js';
import { diffJson } from '../observation/diffJson.js';
import type { Observation } from '../observation/Observation.js';
import { isAllowed, predict, type Prediction } from '../oracle/predict.js';
import { formatGatherOutcome } from '../report/formatResult.js';
import { formatTimeline, TIMELINE_LEGEND } from '../report/formatTimeline.js';
import { readScenarioFile, type ScenarioFile } from '../scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../scenario/validateScenario.js';
import { EXIT, readAll, type CliIo } from './CliIo.js';
import { collectScenarioFiles } from './collectScenarioFiles.js';
import { openSubject } from './openSubject.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim run`. */
export const RUN_USAGE = `Usage: gather-sim run FILE... [--subject MODULE | --external CMD] [--json]

Runs scenario files on a gather (the reference, asyncio.gather's semantics, unless told) in
virtual time and shows the outcome with a lane-per-task timeline and what rules R1-R12
make of it. A file with "expect" is checked against it.

  FILE              a scenario file (JSON), a folder of them, or - for standard input
  --subject MODULE  run on this subject: a module whose default export is
                    { name, supports?, gather }, or a bundled subject's name (p-map,
                    cpython-asyncio...)
  --external CMD    run on a subject in another process: CMD (run with a shell) speaks
                    the gather-sim/1 protocol on stdin/stdout
  --json            print only the OBSERVATION as one JSON document (one FILE only)
  -h, --help        show this help

A scenario that needs a capability the subject does not claim (returnExceptions, or
cancelling the gather or a nested gather) is n/a for it: shown, never counted against it.

Exit status: 0 ran (and every "expect" matched, and the spec allows what the subject did),
1 an "expect" did not match or the spec rejects the subject's observation, 2 bad usage, an
invalid scenario file or a subject module that cannot be loaded.
An external subject that crashes, goes silent or breaks the protocol is reported with its
stderr (exit 1); nothing waits on it longer than 10 s.

Example:
  gather-sim run scenarios/tutorial-1-two-calls.json
  echo '{"tasks": [{"sleep": 1000, "value": 100}]}' | gather-sim run - --json
  gather-sim run scenarios/r04-fail-fast.json --subject p-map
  gather-sim run scenarios --subject cpython-asyncio`;

type Loaded = { readonly path: string; readonly file: ScenarioFile } | { readonly path: string; readonly problem: string };

async function load(path: string, io: CliIo): Promise<Loaded> {
  let text: string;
  try {
    text = path === '-' ? await readAll(io.stdin) : await readFile(path, 'utf8');
  } catch (error) {
    return { path, problem: `cannot read ${path}: ${(error as Error).message}` };
  }
  const reading = readScenarioFile(text);
  if (!reading.ok) return { path, problem: `${path === '-' ? 'standard input' : path} is not a valid scenario file:\n${formatScenarioIssues(reading.issues)}` };
  return { path, file: reading.file };
}

/** `gather-sim run`: see {@link RUN_USAGE}. Returns the exit status. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'run',
    RUN_USAGE,
    { args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, subject: { type: 'string' }, external: { type: 'string' }, help: { type: 'boolean', short: 'h' } } },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { subject, external, json } = parsed.values;
  if (subject !== undefined && external !== undefined) {
    io.stderr.write('gather-sim run: --subject and --external both name the subject: pick one\n');
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
    io.stderr.write(`gather-sim run: --json prints one OBSERVATION, so it takes exactly one FILE (got ${paths.length})\n`);
    return EXIT.usage;
  }
  const spec = external !== undefined ? { external } : subject !== undefined ? { module: subject } : undefined;
  const opened = spec === undefined ? { runner: toSubjectRunner(reference), close: () => Promise.resolve() } : await openSubject(spec, false, {});
  if ('problem' in opened) {
    io.stderr.write(`gather-sim run: ${external === undefined ? '--subject' : '--external'}: ${opened.problem}\n`);
    return EXIT.usage;
  }
  if ('report' in opened) {
    io.stderr.write(`gather-sim run: the subject is broken: ${opened.report.broken ?? opened.report.skipped ?? ''}\n`);
    return EXIT.finding;
  }
  try {
    return paths.length === 1 ? await runOne(paths[0] as string, opened.runner, json === true, io) : await runMany(paths, opened.runner, io);
  } finally {
    await opened.close();
  }
}

async function runOne(path: string, runner: SubjectRunner, json: boolean, io: CliIo): Promise<number> {
  const loaded = await load(path, io);
  if ('problem' in loaded) {
    io.stderr.write(`gather-sim run: ${loaded.problem}\n`);
    return EXIT.usage;
  }
  const { file } = loaded;
  const missing = missingCapabilities(scenarioNeeds(file.scenario), runner.supports);
  const started = realPerformanceNow();
  const run = await runner.run(file.scenario);
  const wall = realPerformanceNow() - started;
  const prediction = predict(file.scenario);
  const differences = file.expect === undefined ? [] : expectDifferences(file.expect, run.observation, prediction);
  if (json) {
    io.stdout.write(`${JSON.stringify(run.observation)}\n`);
  } else {
    const title = [file.name, file.description].filter((part) => part !== undefined).join(': ');
    const lines = [path === '-' ? 'standard input' : path, ...(title === '' ? [] : [title]), `subject ${runner.name}`, `gather ${formatGatherOutcome(run.observation.gather)}`, '', formatTimeline(run.observation, run.trace), TIMELINE_LEGEND];
    lines.push('', formatSpecVerdict(prediction, run.observation, runner.name));
    if (missing.length > 0) lines.push(`note: the scenario needs ${missing.join(' and ')}, which ${runner.name} does not claim: nothing here counts against it`);
    for (const problem of run.problems) lines.push(`problem: ${problem}`);
    if (file.expect !== undefined) {
      lines.push('', differences.length === 0 ? 'expect: matched' : ['expect: MISMATCH', ...differences.map((line) => `  ${line}`)].join('\n'));
      if (differences.length > 0 && isAllowed(prediction, file.expect)) {
        lines.push(`  (the expected observation is one the spec allows too: events tie, and ${runner.name === 'reference' ? 'the reference' : runner.name} took another order)`);
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  const settled = 'at' in run.observation.gather ? `gather settled at ${run.observation.gather.at} ms` : 'gather never settled';
  io.stderr.write(`virtual time: ${settled}; wall time: ${wall.toFixed(1)} ms\n`);
  const rejected = prediction.complete && !isAllowed(prediction, run.observation);
  if (missing.length > 0) return EXIT.ok;
  return differences.length > 0 || rejected || run.problems.length > 0 ? EXIT.finding : EXIT.ok;
}

/**
 * Where an observation departs from a file's "expect". Only `unhandled` differing counts as
 * a match when the spec allows both: CPython reports errors a return-exceptions gather that
 * never completed left unretrieved, and a JavaScript gather need not.
 */
function expectDifferences(expected: Observation, observation: Observation, prediction: Prediction): string[] {
  const differences = diffJson(expected, observation);
  const onlyUnhandled = differences.every((line) => line.startsWith('unhandled'));
  return onlyUnhandled && isAllowed(prediction, expected) && isAllowed(prediction, observation) ? [] : differences;
}

/** What rules R1-R12 (the oracle) make of a subject's observation. */
function formatSpecVerdict(prediction: Prediction, observation: Observation, subject: string): string {
  if (!prediction.complete) return 'spec: too many orderings of tied events to check them all';
  if (!isAllowed(prediction, observation)) {
    const expected = prediction.observations.length === 1 ? 'the one allowed' : `one of the ${prediction.observations.length} allowed`;
    const differences = diffJson(prediction.observations[0], observation).map((line) => `\n  ${line}`).join('');
    const blame = subject === 'reference' ? ' (a bug in the reference: please report it)' : `: ${subject} departs from asyncio.gather here`;
    return `spec: NOT an observation rules R1-R12 allow${blame}; against ${expected}:${differences}`;
  }
  const count = prediction.observations.length;
  if (prediction.tieFree) {
    const twin = count > 1 ? ' (with or without the errors asyncio never retrieved as unhandled: CPython reports them)' : '';
    return `spec: the one observation rules R1-R12 allow${twin}`;
  }
  return `spec: one of ${count} observations rules R1-R12 allow, as events tie at the same millisecond`;
}

async function runMany(paths: readonly string[], runner: SubjectRunner, io: CliIo): Promise<number> {
  const counts = { matched: 0, mismatched: 0, unchecked: 0, notApplicable: 0, invalid: 0 };
  const width = Math.max(...paths.map((path) => path.length));
  for (const path of paths) {
    const loaded = await load(path, io);
    if ('problem' in loaded) {
      counts.invalid += 1;
      io.stdout.write(`INVALID   ${loaded.problem.replace(/\n/g, '\n          ')}\n`);
      continue;
    }
    const missing = missingCapabilities(scenarioNeeds(loaded.file.scenario), runner.supports);
    if (missing.length > 0) {
      counts.notApplicable += 1;
      io.stdout.write(`n/a       ${path.padEnd(width)}  needs ${missing.join(' and ')}, which ${runner.name} does not claim\n`);
      continue;
    }
    const run = await runner.run(loaded.file.scenario);
    const outcome = formatGatherOutcome(run.observation.gather);
    if (loaded.file.expect === undefined) {
      counts.unchecked += 1;
      io.stdout.write(`ran       ${path.padEnd(width)}  ${outcome} (no "expect")\n`);
      continue;
    }
    const differences = expectDifferences(loaded.file.expect, run.observation, predict(loaded.file.scenario));
    if (differences.length === 0) {
      counts.matched += 1;
      io.stdout.write(`ok        ${path.padEnd(width)}  ${outcome}\n`);
    } else {
      counts.mismatched += 1;
      io.stdout.write(`MISMATCH  ${path.padEnd(width)}  ${differences.join('; ')}\n`);
    }
  }
  io.stdout.write(`\n${paths.length} scenarios: ${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.unchecked} without "expect", ${counts.notApplicable} n/a, ${counts.invalid} invalid\n`);
  if (counts.invalid > 0) return EXIT.usage;
  return counts.mismatched > 0 ? EXIT.finding : EXIT.ok;
}
