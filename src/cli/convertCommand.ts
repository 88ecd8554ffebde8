import { readFile } from 'node:fs/promises';
import { formatScenarioText } from '../scenario/formatScenarioText.js';
import { readScenarioFile, type ScenarioFile } from '../scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../scenario/validateScenario.js';
import { EXIT, readAll, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim convert`. */
export const CONVERT_USAGE = `Usage: gather-sim convert FILE [--to text|json]

Converts a scenario file between JSON and gather-sim's text form, which every command
that reads scenario files accepts as well (a file whose first character is "{" is JSON).
Converting back gives the same file.

  FILE          a scenario file, or - for standard input
  --to FORM     text or json (default: the form FILE is not in)
  -h, --help    show this help

The text form, one line per fact, a nested gather's lines indented two spaces below it:

  name "tutorial program 3"
  return-exceptions
  task 0: sleep 1000 value 100
  task 1: sleep 2000 value 200 on-cancel cleanup 300
  task 2: sleep 1000 error APIError "API failed"
  task 3: gather
    task 0: hang on-cancel ignore
  cancel gather at 1500
  cancel task 2 at 700

A task is "sleep MS value JSON", "sleep MS error NAME "MESSAGE"", "hang" or "gather",
then maybe "on-cancel raise|ignore|cleanup MS [error NAME "MESSAGE"]". A gather may say
"return-exceptions [true|false]", "args I J ..." and "no tasks"; the scenario "name",
"description" and "expect" (JSON). Lines starting with # are comments.

Exit status: 0 converted, 2 bad usage or an invalid scenario file.

Examples:
  gather-sim convert scenarios/tutorial-3-return-exceptions.json > tutorial-3.gsim
  gather-sim convert tutorial-3.gsim`;

/** A scenario file as JSON, keys in PROTOCOL.md's order, two-space indented. */
function formatScenarioJson(file: ScenarioFile): string {
  const { name, description, scenario, expect } = file;
  return `${JSON.stringify({ ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }), ...scenario, ...(expect === undefined ? {} : { expect }) }, null, 2)}\n`;
}

/** `gather-sim convert`: see {@link CONVERT_USAGE}. Returns the exit status. */
export async function convertCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('convert', CONVERT_USAGE, { args: [...argv], allowPositionals: true, options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }, io);
  if (typeof parsed === 'number') return parsed;
  const { to } = parsed.values;
  if (parsed.positionals.length !== 1 || (to !== undefined && to !== 'text' && to !== 'json')) {
    io.stderr.write(`gather-sim convert: ${parsed.positionals.length !== 1 ? `expected one FILE, got ${parsed.positionals.length}` : `--to: expected text or json, got "${to ?? ''}"`}\n\n${CONVERT_USAGE}\n`);
    return EXIT.usage;
  }
  const [path] = parsed.positionals as [string];
  let text: string;
  try {
    text = path === '-' ? await readAll(io.stdin) : await readFile(path, 'utf8');
  } catch (error) {
    io.stderr.write(`gather-sim convert: cannot read ${path}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const reading = readScenarioFile(text);
  if (!reading.ok) {
    io.stderr.write(`gather-sim convert: ${path === '-' ? 'standard input' : path} is not a valid scenario file:\n${formatScenarioIssues(reading.issues)}\n`);
    return EXIT.usage;
  }
  const form = to ?? (text.trimStart().startsWith('{') ? 'text' : 'json');
  io.stdout.write(form === 'text' ? formatScenarioText(reading.file) : formatScenarioJson(reading.file));
  return EXIT.ok;
}
