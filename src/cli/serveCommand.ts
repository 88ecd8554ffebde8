import { createInterface } from 'node:readline';
import { loadSubject } from '../conformance/loadSubject.js';
import { toSubjectRunner, type SubjectRunner } from '../conformance/SubjectRunner.js';
import reference from '../subjects/reference.js';
import { describeValue, formatScenarioIssues, validateScenario } from '../scenario/validateScenario.js';
import { EXIT, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim serve`. */
export const SERVE_USAGE = `Usage: gather-sim serve [--subject MODULE]

Serves a gather (the reference unless told) as a subject of the gather-sim/1 protocol
(docs/protocol.md) on standard input and output: a hello line with the subject's name and
capabilities, then one answer per request line, in order. Exits 0 when standard input
closes, after answering every request.

  --subject MODULE  serve this subject: a module whose default export is
                    { name, supports?, gather }, or a bundled subject's name (p-map...)
  -h, --help        show this help

Exit status: 0 standard input closed, 2 bad usage or a subject module that cannot be loaded.

Example:
  echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | gather-sim serve`;

/** The hello line of a subject: its name and the capabilities it claims. */
export function helloOf(subject: SubjectRunner): object {
  return { protocol: 'gather-sim/1', name: subject.name, supports: subject.supports };
}

/** The answer to one request line: the subject's observation, or an error saying why not. */
export async function answerRequest(
  line: string,
  subject: SubjectRunner = toSubjectRunner(reference),
): Promise<object> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `not a JSON line: ${(error as Error).message}` };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { id: null, error: `expected a request {"id": integer, "scenario": {...}}, got ${describeValue(request)}` };
  }
  const { id, scenario, ...rest } = request as Record<string, unknown>;
  const answerId = Number.isInteger(id) ? id : null;
  if (answerId === null) return { id: null, error: `"id": expected an integer, got ${describeValue(id)}` };
  const extra = Object.keys(rest);
  if (extra.length > 0)
    return {
      id: answerId,
      error: `unknown key(s) in a request: ${extra.join(', ')}; a request has only "id" and "scenario"`,
    };
  const validation = validateScenario(scenario);
  if (!validation.ok) {
    return {
      id: answerId,
      error: formatScenarioIssues(
        validation.issues.map((issue) => ({
          ...issue,
          path: issue.path === '' ? 'scenario' : `scenario.${issue.path}`,
        })),
      ).replace(/\n/g, '; '),
    };
  }
  const run = await subject.run(validation.scenario);
  return { id: answerId, observation: run.observation };
}

/** `gather-sim serve`: see {@link SERVE_USAGE}. Returns the exit status. */
export async function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'serve',
    SERVE_USAGE,
    { args: [...argv], options: { subject: { type: 'string' }, help: { type: 'boolean', short: 'h' } } },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  let subject = toSubjectRunner(reference);
  if (parsed.values.subject !== undefined) {
    const loaded = await loadSubject(parsed.values.subject);
    if (!loaded.ok) {
      io.stderr.write(`gather-sim serve: --subject: ${loaded.problem}\n`);
      return EXIT.usage;
    }
    subject = toSubjectRunner(loaded.subject);
  }
  io.stdout.write(`${JSON.stringify(helloOf(subject))}\n`);
  // One request at a time, in the order read: answers come out in request order.
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    io.stdout.write(`${JSON.stringify(await answerRequest(line, subject))}\n`);
  }
  return EXIT.ok;
}
