import { loadSubject } from '../conformance/loadSubject.js';
import { raceRealTime } from '../conformance/raceRealTime.js';
import { escapeTerminalOutput } from '../report/escapeControl.js';
import { toSubjectRunner, type SubjectRunner } from '../conformance/SubjectRunner.js';
import reference from '../subjects/reference.js';
import { describeValue, formatScenarioIssues, validateScenario } from '../scenario/validateScenario.js';
import { describeThrown } from '../report/describeThrown.js';
import { decodeUtf8 } from '../scenario/decodeUtf8.js';
import { checkJsonShape, INPUT_LIMITS } from '../scenario/inputLimits.js';
import { EXIT, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';
import { timeoutOption } from './timeoutOption.js';
import { rawRequestId } from './rawRequestId.js';
import { readLines } from './readLines.js';
import { catchStrayErrors } from './catchStrayErrors.js';

/** The help text of `gather-sim serve`. */
export const SERVE_USAGE = `Usage: gather-sim serve [--subject MODULE] [--timeout MS]

Serves a gather (the reference unless told) as a subject of the gather-sim/1 protocol
(docs/protocol.md) on standard input and output: a hello line with the subject's name and
capabilities, then one answer per request line (lines end at "\n"), in order, each with
the request's id as written. Input beyond the limits of docs/protocol.md#limits gets an
error answer, and serving goes on. Exits 0 when standard input closes, after answering
every request.

  --subject MODULE  serve this subject: a module whose default export is
                    { name, supports?, gather }, or a bundled subject's name (p-map...)
  --timeout MS      real-time limit for importing MODULE (default 10000, at most
                    2147483647): a top-level await that never settles is an error
  -h, --help        show this help

Exit status: 0 standard input closed, 2 bad usage or a subject module that cannot be loaded
(in time). A subject that throws, even from a timer or an abort listener, gets an error
answer; serving goes on.
Input limits (line length, nesting, number of tasks...): docs/protocol.md, section Limits.

Example:
  echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | gather-sim serve`;

/** The hello line of a subject: its name and the capabilities it claims. */
export function helloOf(subject: SubjectRunner): object {
  return { protocol: 'gather-sim/1', name: subject.name, supports: subject.supports };
}

/** An answer line: the id as the request wrote it (raw JSON text, or null), then the rest of the answer. */
function answerText(rawId: string | null, rest: { observation: unknown } | { error: string }): string {
  return `{"id":${rawId ?? 'null'},${JSON.stringify(rest).slice(1)}`;
}

/**
 * The answer to one request line (its bytes, without the newline): the subject's
 * observation, or an error saying why not, as one line of JSON text. The id comes back
 * exactly as written; a line beyond docs/protocol.md#limits, invalid UTF-8, a raw control
 * character in a string or a subject that throws anything at all gets an error answer.
 */
export async function answerLine(line: Buffer, subject: SubjectRunner = toSubjectRunner(reference)): Promise<string> {
  const decoded = decodeUtf8(line);
  if (!decoded.ok) return answerText(null, { error: `the line is ${decoded.problem}` });
  const text = decoded.text;
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    return answerText(null, { error: `not a JSON line: ${(error as Error).message}` });
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return answerText(null, {
      error: `expected a request {"id": integer, "scenario": {...}}, got ${describeValue(request)}`,
    });
  }
  const { id, scenario, ...rest } = request as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    const shown =
      typeof id === 'object' && id !== null ? (Array.isArray(id) ? 'an array' : 'an object') : describeValue(id);
    return answerText(null, { error: `"id": expected an integer, got ${shown}` });
  }
  const answerId = rawRequestId(text) ?? 'null';
  const shape = checkJsonShape(request);
  if (shape !== undefined) return answerText(answerId, { error: `${shape.path}: ${shape.message}` });
  const extra = Object.keys(rest);
  if (extra.length > 0)
    return answerText(answerId, {
      error: `unknown key(s) in a request: ${extra.join(', ')}; a request has only "id" and "scenario"`,
    });
  const validation = validateScenario(scenario);
  if (!validation.ok) {
    return answerText(answerId, {
      error: formatScenarioIssues(
        validation.issues.map((issue) => ({
          ...issue,
          path: issue.path === '' ? 'scenario' : `scenario.${issue.path}`,
        })),
      ).replace(/\n/g, '; '),
    });
  }
  try {
    const run = await subject.run(validation.scenario);
    // A run with problems (the subject threw from a timer or listener, ran away...) observed
    // nothing faithful: the answer says what went wrong instead.
    if (run.problems.length > 0) return answerText(answerId, { error: `${subject.name}: ${run.problems.join('; ')}` });
    return answerText(answerId, { observation: run.observation });
  } catch (error) {
    return answerText(answerId, { error: `${subject.name} could not run the scenario: ${describeThrown(error)}` });
  }
}

/**
 * Writes a line, then waits while the output's buffer is full (until it drains, or closes), so
 * unread answers do not pile up. Whichever event comes, both listeners go: a long session
 * against a slow reader leaves none behind.
 */
async function writeLine(stdout: CliIo['stdout'], line: string): Promise<void> {
  const room = stdout.write(`${line}\n`);
  const stream = stdout as Partial<NodeJS.WritableStream>;
  if (room === false && typeof stream.once === 'function') {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.removeListener?.('drain', done);
        stream.removeListener?.('close', done);
        resolve();
      };
      stream.once?.('drain', done);
      stream.once?.('close', done);
    });
  }
}

/** `gather-sim serve`: see {@link SERVE_USAGE}. Returns the exit status. */
export async function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'serve',
    SERVE_USAGE,
    {
      args: [...argv],
      options: { subject: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const timeout = timeoutOption(parsed.values.timeout, 'serve', io);
  if (timeout === undefined) return EXIT.usage;
  let subject = toSubjectRunner(reference);
  const module = parsed.values.subject;
  if (module !== undefined) {
    const loaded = await raceRealTime(loadSubject(module), timeout);
    if (loaded === 'timeout' || !loaded.ok) {
      const problem =
        loaded === 'timeout'
          ? `${module} did not finish importing within ${timeout} ms (a top-level await that never settles?)`
          : loaded.problem;
      io.stderr.write(escapeTerminalOutput(`gather-sim serve: --subject: ${problem}\n`));
      return EXIT.usage;
    }
    subject = toSubjectRunner(loaded.subject);
  }
  await writeLine(io.stdout, JSON.stringify(helloOf(subject)));
  const stray = catchStrayErrors();
  const describeStray = (errors: readonly unknown[]): string =>
    `${subject.name} threw where nothing could catch it (a timer or listener of this scenario or an earlier one): ${errors.map(describeThrown).join('; ')}`;
  try {
    // One request at a time, in the order read: answers come out in request order. Input is
    // read only as fast as answers are written out (backpressure), and split on "\n" only.
    for await (const line of readLines(io.stdin, INPUT_LIMITS.bytes)) {
      if ('tooLong' in line) {
        await writeLine(
          io.stdout,
          answerText(null, {
            error: `line ${line.number}: longer than the limit of ${INPUT_LIMITS.bytes} bytes a line (docs/protocol.md#limits)`,
          }),
        );
        continue;
      }
      if (line.bytes.toString('latin1').trim() === '') continue;
      const between = stray.take();
      if (between.length > 0) io.stderr.write(escapeTerminalOutput(`gather-sim serve: ${describeStray(between)}\n`));
      const answer = await answerLine(line.bytes, subject);
      const during = stray.take();
      await writeLine(io.stdout, during.length === 0 ? answer : errorInstead(answer, describeStray(during)));
    }
    return EXIT.ok;
  } finally {
    stray.stop();
  }
}

/** An error answer in place of `answer`, with its id (every answer starts `{"id":ID,`). */
function errorInstead(answer: string, error: string): string {
  return `${answer.slice(0, answer.indexOf(','))},${JSON.stringify({ error }).slice(1)}`;
}
