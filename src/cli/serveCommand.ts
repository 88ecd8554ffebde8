import { createInterface } from 'node:readline';
import { runScenario } from '../executor/runScenario.js';
import { gather } from '../gather/gather.js';
import { describeValue, formatScenarioIssues, validateScenario } from '../scenario/validateScenario.js';
import { EXIT, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim serve`. */
export const SERVE_USAGE = `Usage: gather-sim serve

Serves the reference gather as a subject of the gather-sim/1 protocol (PROTOCOL.md) on
standard input and output: a hello line, then one answer per request line, in order.
Exits 0 when standard input closes, after answering every request.

  -h, --help  show this help

Example:
  echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | gather-sim serve`;

/** The hello line of the reference subject. */
export const REFERENCE_HELLO = { protocol: 'gather-sim/1', name: 'reference', supports: { returnExceptions: true, cancellation: true, dedupe: true } } as const;

/** The answer to one request line: an observation, or an error saying why not. */
export async function answerRequest(line: string): Promise<object> {
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
  if (extra.length > 0) return { id: answerId, error: `unknown key(s) in a request: ${extra.join(', ')}; a request has only "id" and "scenario"` };
  const validation = validateScenario(scenario);
  if (!validation.ok) {
    return { id: answerId, error: formatScenarioIssues(validation.issues.map((issue) => ({ ...issue, path: issue.path === '' ? 'scenario' : `scenario.${issue.path}` }))).replace(/\n/g, '; ') };
  }
  const run = await runScenario(validation.scenario, gather);
  return { id: answerId, observation: run.observation };
}

/** `gather-sim serve`: see {@link SERVE_USAGE}. Returns the exit status. */
export async function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('serve', SERVE_USAGE, { args: [...argv], options: { help: { type: 'boolean', short: 'h' } } }, io);
  if (typeof parsed === 'number') return parsed;
  io.stdout.write(`${JSON.stringify(REFERENCE_HELLO)}\n`);
  // One request at a time, in the order read: answers come out in request order.
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    io.stdout.write(`${JSON.stringify(await answerRequest(line))}\n`);
  }
  return EXIT.ok;
}
