import { readFile } from 'node:fs/promises';
import { realPerformanceNow } from '../clock/realTimers.js';
import { runScenario } from '../executor/runScenario.js';
import { gather } from '../gather/gather.js';
import { diffJson } from '../observation/diffJson.js';
import type { Observation } from '../observation/Observation.js';
import { isAllowed, predict, type Prediction } from '../oracle/predict.js';
import { formatGatherOutcome } from '../report/formatResult.js';
import { formatTimeline, TIMELINE_LEGEND } from '../report/formatTimeline.js';
import { readScenarioFile, type ScenarioFile } from '../scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../scenario/validateScenario.js';
import { EXIT, readAll, type CliIo } from './CliIo.js';
import { collectScenarioFiles } from './collectScenarioFiles.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim run`. */
export const RUN_USAGE = `Usage: gather-sim run FILE... [--json]

Runs scenario files on the reference gather (asyncio.gather semantics) in virtual time and
shows the outcome with a lane-per-task timeline. A file with "expect" is checked against it.

  FILE        a scenario file (JSON), a folder of them, or - for standard input
  --json      print only the OBSERVATION as one JSON document (one FILE only)
  -h, --help  show this help

Exit status: 0 ran (and every "expect" matched), 1 an "expect" did not match,
2 bad usage or an invalid scenario file.

Example:
  gather-sim run scenarios/tutorial-1-two-calls.json
  echo '{"tasks": [{"sleep": 1000, "value": 100}]}' | gather-sim run - --json`;

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
  const parsed = parseCommandArgs('run', RUN_USAGE, { args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }, io);
  if (typeof parsed === 'number') return parsed;
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
  if (parsed.values.json === true && paths.length !== 1) {
    io.stderr.write(`gather-sim run: --json prints one OBSERVATION, so it takes exactly one FILE (got ${paths.length})\n`);
    return EXIT.usage;
  }
  return paths.length === 1 ? runOne(paths[0] as string, parsed.values.json === true, io) : runMany(paths, io);
}

async function runOne(path: string, json: boolean, io: CliIo): Promise<number> {
  const loaded = await load(path, io);
  if ('problem' in loaded) {
    io.stderr.write(`gather-sim run: ${loaded.problem}\n`);
    return EXIT.usage;
  }
  const { file } = loaded;
  const started = realPerformanceNow();
  const run = await runScenario(file.scenario, gather);
  const wall = realPerformanceNow() - started;
  const differences = file.expect === undefined ? [] : diffJson(file.expect, run.observation);
  if (json) {
    io.stdout.write(`${JSON.stringify(run.observation)}\n`);
  } else {
    const title = [file.name, file.description].filter((part) => part !== undefined).join(': ');
    const lines = [path === '-' ? 'standard input' : path, ...(title === '' ? [] : [title]), `gather ${formatGatherOutcome(run.observation.gather)}`, '', formatTimeline(run.observation, run.trace), TIMELINE_LEGEND];
    const prediction = predict(file.scenario);
    lines.push('', formatSpecVerdict(prediction, run.observation));
    if (file.expect !== undefined) {
      lines.push('', differences.length === 0 ? 'expect: matched' : ['expect: MISMATCH', ...differences.map((line) => `  ${line}`)].join('\n'));
      if (differences.length > 0 && isAllowed(prediction, file.expect)) {
        lines.push('  (the expected observation is one the spec allows too: events tie, and the reference took another order)');
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  const settledAt = 'at' in run.observation.gather ? run.observation.gather.at : 'no';
  io.stderr.write(`virtual time: gather settled at ${settledAt} ms; wall time: ${wall.toFixed(1)} ms\n`);
  return differences.length > 0 ? EXIT.finding : EXIT.ok;
}

/** What rules R1-R12 (the oracle) make of the reference's observation. */
function formatSpecVerdict(prediction: Prediction, observation: Observation): string {
  if (!prediction.complete) return 'spec: too many orderings of tied events to check them all';
  if (!isAllowed(prediction, observation)) return 'spec: NOT an observation rules R1-R12 allow (a bug in the reference: please report it)';
  const count = prediction.observations.length;
  return count === 1 ? 'spec: the one observation rules R1-R12 allow' : `spec: one of ${count} observations rules R1-R12 allow, as events tie at the same millisecond`;
}

async function runMany(paths: readonly string[], io: CliIo): Promise<number> {
  const counts = { matched: 0, mismatched: 0, unchecked: 0, invalid: 0 };
  const width = Math.max(...paths.map((path) => path.length));
  for (const path of paths) {
    const loaded = await load(path, io);
    if ('problem' in loaded) {
      counts.invalid += 1;
      io.stdout.write(`INVALID   ${loaded.problem.replace(/\n/g, '\n          ')}\n`);
      continue;
    }
    const run = await runScenario(loaded.file.scenario, gather);
    const outcome = formatGatherOutcome(run.observation.gather);
    if (loaded.file.expect === undefined) {
      counts.unchecked += 1;
      io.stdout.write(`ran       ${path.padEnd(width)}  ${outcome} (no "expect")\n`);
      continue;
    }
    const differences = diffJson(loaded.file.expect, run.observation);
    if (differences.length === 0) {
      counts.matched += 1;
      io.stdout.write(`ok        ${path.padEnd(width)}  ${outcome}\n`);
    } else {
      counts.mismatched += 1;
      io.stdout.write(`MISMATCH  ${path.padEnd(width)}  ${differences.join('; ')}\n`);
    }
  }
  io.stdout.write(`\n${paths.length} scenarios: ${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.unchecked} without "expect", ${counts.invalid} invalid\n`);
  if (counts.invalid > 0) return EXIT.usage;
  return counts.mismatched > 0 ? EXIT.finding : EXIT.ok;
}
