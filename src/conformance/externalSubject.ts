import { spawn } from 'node:child_process';
import type { Run } from '../executor/Run.js';
import { shellWord } from '../report/shellQuote.js';
import type { Scenario } from '../scenario/Scenario.js';
import { INPUT_LIMITS } from '../scenario/inputLimits.js';
import { describeValue, isRecord } from '../scenario/validateScenario.js';
import { answerToRun, failedRun } from './answerToRun.js';
import { CAPABILITIES, type Capabilities } from './Capabilities.js';
import { LineReader } from './LineReader.js';
import { endProcessGroup, killGroup, trackGroup } from './endProcessGroup.js';
import { raceRealTime } from './raceRealTime.js';
import type { SubjectRunner } from './SubjectRunner.js';

/** Wall-clock limits for an external subject, in real milliseconds. */
export interface ExternalSubjectOptions {
  /** How long the hello line may take (default 10,000, as docs/protocol.md says). */
  readonly helloMs?: number;
  /** How long one answer may take (default 10,000, as docs/protocol.md says). */
  readonly answerMs?: number;
}

/** A subject in another process, speaking gather-sim/1 on its stdin and stdout. */
export interface ExternalSubject extends SubjectRunner {
  /** Why it is broken (it crashed, printed something else, answered out of order, went silent), with its stderr; undefined while it works. */
  broken(): string | undefined;
  /**
   * Closes its stdin and waits for it to exit (killing its process group if it does not,
   * within the answer limit), then ends what it left running in its process group: SIGTERM,
   * and SIGKILL after a short grace. Never waits on a descendant that holds its stdout open.
   */
  close(): Promise<void>;
}

/** A started external subject, or why it could not start. */
export type ExternalStart =
  { readonly ok: true; readonly subject: ExternalSubject } | { readonly ok: false; readonly problem: string };

/** A started driver process (`startDriverProcess`), with the start-up its hello claims (0 when none), or why it could not start. */
export type DriverStart =
  | { readonly ok: true; readonly subject: ExternalSubject; readonly startupMs: number }
  | Extract<ExternalStart, { readonly ok: false }>;

/** The longest start-up a hello may claim, in real ms (docs/protocol.md#start-up). */
const MAX_STARTUP_MS = 120_000;

/** A hello's content: the subject's name, its capabilities, and the start-up it claims (0 when none). */
interface Hello {
  readonly name: string;
  readonly supports: Capabilities;
  readonly startupMs: number;
}

function parseHello(line: string): Hello | string {
  let hello: unknown;
  try {
    hello = JSON.parse(line);
  } catch {
    return `its first line is not JSON: ${JSON.stringify(line.slice(0, 200))}`;
  }
  if (!isRecord(hello) || hello['protocol'] !== 'gather-sim/1')
    return `its first line is not a gather-sim/1 hello: ${line.slice(0, 200)}`;
  const { name, supports, startupMs = 0 } = hello;
  if (typeof name !== 'string' || name === '') return `its hello has no "name" string: ${line.slice(0, 200)}`;
  if (supports !== undefined && !isRecord(supports))
    return `its hello's "supports" is not an object: got ${describeValue(supports)}`;
  if (typeof startupMs !== 'number' || !Number.isInteger(startupMs) || startupMs < 0)
    return `its hello's "startupMs" is not a whole number of ms: got ${describeValue(startupMs)}`;
  const claimed: Record<string, boolean> = {};
  for (const capability of CAPABILITIES) claimed[capability] = isRecord(supports) && supports[capability] === true;
  return { name, supports: claimed, startupMs: Math.min(startupMs, MAX_STARTUP_MS) };
}

/** How long the output of an exited subject is still read (a descendant may hold it open), in real ms. */
const OUTPUT_GRACE_MS = 300;
/** How long what the subject left running gets between SIGTERM and SIGKILL, in real ms. */
const GROUP_GRACE_MS = 300;

/**
 * How many requests of `prefetch`'s list are sent ahead of the runs that take their answers:
 * enough to keep the driver busy while the checker judges the answers before (a few
 * scenarios), few enough that a failure, after which the list is left, wastes little.
 */
const PREFETCH_DEPTH = 4;

/** A request's answer line, or why the subject broke before it came. */
type Exchanged = { readonly id: number; readonly line: string } | { readonly broken: string };

/** How a line over the size limit is described. */
const TOO_LONG = `longer than the limit of ${INPUT_LIMITS.answerBytes} bytes a line (docs/protocol.md#limits)`;

/**
 * Starts an external subject: runs COMMAND with a shell and speaks gather-sim/1 (docs/protocol.md) with it:
 * its hello (name and capabilities), then one request per scenario, answers in order. A
 * subject that crashes, prints anything that is not protocol, answers out of order or goes
 * silent past the limits is broken: every later run reports why, with its stderr, and the
 * process is killed, so the harness never hangs on it. Its start counts are not visible
 * across the process boundary: each started task counts as started once per slot it may
 * take (once, for a subject that claims de-duplication). A hello's `startupMs` (at most
 * {@link MAX_STARTUP_MS}) adds to the silence allowed before the first answer only.
 */
export function startExternalSubject(command: string, options: ExternalSubjectOptions = {}): Promise<ExternalStart> {
  return startDriverProcess(command, options);
}

/**
 * {@link startExternalSubject}, as `check --jobs` starts one in a subject worker
 * (`startDriverInWorker`): `onGroup` is told the id of the driver's process group as soon as
 * it is spawned (before anything else runs), so that the main thread can end it if the worker
 * is terminated; with the start-up its hello claims. Not exported by the package.
 */
export async function startDriverProcess(
  command: string,
  options: ExternalSubjectOptions = {},
  onGroup: (groupId: number) => void = () => undefined,
): Promise<DriverStart> {
  const helloMs = options.helloMs ?? 10_000;
  const answerMs = options.answerMs ?? 10_000;
  // In a process group of its own, so that ending it also ends what its shell started.
  const child = spawn(command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const groupId = child.pid;
  if (groupId !== undefined) {
    onGroup(groupId);
    trackGroup(groupId);
  }
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin.on('error', () => undefined); // a dead subject's stdin: reported through its exit
  const describeExit = (): string =>
    `exited${child.exitCode === null ? '' : ` with status ${child.exitCode}`}${child.signalCode === null ? '' : ` on ${child.signalCode}`}`;
  const reader = new LineReader(INPUT_LIMITS.answerBytes);
  child.stdout.on('data', (chunk: Buffer) => reader.take(chunk));
  const outputEnded = new Promise<void>((resolve) => child.stdout.once('end', resolve));
  // Once the process exited: what it printed is read until its stdout ends, or for a short
  // grace, as a descendant may hold stdout open; then the pipes are let go.
  const ended = new Promise<void>((resolve) => {
    const finish = (description: string): void => {
      child.stdout.destroy();
      child.stderr.destroy();
      reader.end(description);
      resolve();
    };
    child.once('exit', () => {
      void raceRealTime(outputEnded, OUTPUT_GRACE_MS).then(() => finish(describeExit()));
    });
    child.once('error', (error) => finish(`could not be started: ${error.message}`));
  });
  const withStderr = (problem: string): string =>
    stderr.trim() === '' ? `${problem} (nothing on its stderr)` : `${problem}; its stderr:\n${stderr.trimEnd()}`;
  const kill = (): void => {
    if (groupId !== undefined) killGroup(groupId);
  };

  const hello = await reader.next(helloMs);
  const parsed =
    hello === 'timeout'
      ? `sent no hello within ${helloMs} ms`
      : 'end' in hello
        ? `${hello.end} before its hello`
        : 'tooLong' in hello
          ? `printed a first line ${TOO_LONG}`
          : parseHello(hello.line);
  if (typeof parsed === 'string') {
    kill();
    return { ok: false, problem: withStderr(`"${command}" ${parsed}`) };
  }

  let brokenReason: string | undefined;
  let closed: Promise<void> | undefined;
  let nextId = 1;
  const breakWith = (problem: string): string => {
    brokenReason ??= withStderr(`"${command}" ${problem}`);
    kill();
    return brokenReason;
  };
  const brokenRun = (scenario: Scenario, reason: string): Run =>
    failedRun(scenario, `external subject broken: ${reason}`);

  // Sends a scenario, given as its JSON text, and reads its answer line as it is
  // (`answerToRun` says what it means), or, if the subject is or becomes broken meanwhile
  // (it crashed, went silent, the line is too long), why. Answers come in the order of the
  // requests: each read waits for the one before it, so requests sent ahead (`prefetch`)
  // are answered in turn while the checker works on earlier ones.
  let lastRead: Promise<unknown> = Promise.resolve();
  const send = (scenarioJson: string): Promise<Exchanged> => {
    if (brokenReason !== undefined) return Promise.resolve({ broken: brokenReason });
    const id = nextId;
    nextId += 1;
    // The bytes of JSON.stringify({ id, scenario }), with the scenario's text as it came.
    child.stdin.write(`{"id":${id},"scenario":${scenarioJson}}\n`);
    const read = lastRead.then(async (): Promise<Exchanged> => {
      if (brokenReason !== undefined) return { broken: brokenReason };
      const startup = id === 1 ? parsed.startupMs : 0;
      const answer = await reader.next(answerMs + startup);
      if (answer === 'timeout') {
        const limit = startup === 0 ? `${answerMs} ms` : `${answerMs} ms and its start-up of ${startup} ms`;
        return { broken: breakWith(`went silent: no answer to request ${id} within ${limit}`) };
      }
      if ('end' in answer) return { broken: breakWith(`${answer.end} while request ${id} was unanswered`) };
      if ('tooLong' in answer) return { broken: breakWith(`answered request ${id} with a line ${TOO_LONG}`) };
      return { id, line: answer.line };
    });
    lastRead = read;
    return read;
  };
  // Scenarios the checks will run next (`prefetch`): PREFETCH_DEPTH of them are sent ahead,
  // the next drawn from the list each time a run takes one.
  let upcoming: Iterator<Scenario> | undefined;
  const sentAhead: { readonly json: string; readonly answer: Promise<Exchanged> }[] = [];
  const sendAhead = (): void => {
    while (upcoming !== undefined && sentAhead.length < PREFETCH_DEPTH && brokenReason === undefined) {
      const next = upcoming.next();
      if (next.done === true) {
        upcoming = undefined;
        return;
      }
      const json = JSON.stringify(next.value);
      sentAhead.push({ json, answer: send(json) });
    }
  };
  // A run of the next scenario sent ahead takes its answer; any other run is a request of
  // its own, answered after those already sent.
  const exchange = (scenarioJson: string): Promise<Exchanged> => {
    if (sentAhead[0]?.json !== scenarioJson) return send(scenarioJson);
    const { answer } = sentAhead.shift() as (typeof sentAhead)[number];
    sendAhead();
    return answer;
  };

  const subject: ExternalSubject = {
    name: parsed.name,
    supports: parsed.supports,
    replay: `--external ${shellWord(command)}`,
    broken: () => brokenReason,
    prefetch(scenarios) {
      // Answers to scenarios sent ahead for an earlier list are read and let go.
      sentAhead.length = 0;
      upcoming = scenarios[Symbol.iterator]();
      sendAhead();
    },
    async run(scenario) {
      const exchanged = await exchange(JSON.stringify(scenario));
      if ('broken' in exchanged) return brokenRun(scenario, exchanged.broken);
      const run = answerToRun(exchanged.line, exchanged.id, scenario, parsed.supports.dedupe === true);
      return 'broken' in run ? brokenRun(scenario, breakWith(run.broken)) : run;
    },
    close() {
      closed ??= (async () => {
        child.stdin.end();
        if ((await raceRealTime(ended, answerMs)) === 'timeout') {
          kill();
          await ended;
        } else if (groupId !== undefined) await endProcessGroup(groupId, GROUP_GRACE_MS);
      })();
      return closed;
    },
  };
  return { ok: true, subject, startupMs: parsed.startupMs };
}
