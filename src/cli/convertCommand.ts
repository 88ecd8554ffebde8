import { formatScenarioText } from '../scenario/formatScenarioText.js';
import { SCENARIO_TEXT_GRAMMAR } from '../scenario/parseScenarioText.js';
import {
  readScenarioFile,
  scenarioFormOf,
  scenarioFormOfPath,
  type ScenarioFile,
} from '../scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../scenario/validateScenario.js';
import { escapeControl } from '../report/escapeControl.js';
import { EXIT, type CliIo } from './CliIo.js';
import { readInputText } from './readInputText.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim convert`. */
export const CONVERT_USAGE = `Usage: gather-sim convert FILE [--to text|json]

Converts a scenario file between JSON and gather-sim's text form, which every command
that reads scenario files accepts as well. A .json file is JSON, a .gsim file the text
form; any other file or standard input is JSON when its first character (after blanks)
is {, [, ", - or a digit, and the text form otherwise.
Converting back gives the same file.

  FILE          a scenario file, or - for standard input
  --to FORM     text or json (default: the form FILE is not in)
  -h, --help    show this help

${SCENARIO_TEXT_GRAMMAR}

Exit status: 0 converted, 2 bad usage or an invalid scenario file.
Input limits (file size, nesting, number of tasks...): docs/protocol.md, section Limits.

Examples:
  gather-sim convert scenarios/tutorial-3-return-exceptions.json > tutorial-3.gsim
  gather-sim convert tutorial-3.gsim`;

/** A scenario file as JSON, keys in the order of docs/protocol.md#scenario, two-space indented. */
function formatScenarioJson(file: ScenarioFile): string {
  const { name, description, scenario, expect } = file;
  return `${JSON.stringify({ ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }), ...scenario, ...(expect === undefined ? {} : { expect }) }, null, 2)}\n`;
}

/** `gather-sim convert`: see {@link CONVERT_USAGE}. Returns the exit status. */
export async function convertCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'convert',
    CONVERT_USAGE,
    {
      args: [...argv],
      allowPositionals: true,
      options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { to } = parsed.values;
  if (parsed.positionals.length !== 1 || (to !== undefined && to !== 'text' && to !== 'json')) {
    io.stderr.write(
      `gather-sim convert: ${parsed.positionals.length !== 1 ? `expected one FILE, got ${parsed.positionals.length}` : `--to: expected text or json, got "${to ?? ''}"`}\n\n${CONVERT_USAGE}\n`,
    );
    return EXIT.usage;
  }
  const [path] = parsed.positionals as [string];
  const where = path === '-' ? 'standard input' : escapeControl(path);
  const input = await readInputText(path, io.stdin);
  if ('problem' in input) {
    io.stderr.write(`gather-sim convert: ${where}: ${input.problem}\n`);
    return EXIT.usage;
  }
  const given = scenarioFormOfPath(path) ?? scenarioFormOf(input.text);
  const reading = readScenarioFile(input.text, given);
  if (!reading.ok) {
    io.stderr.write(
      `gather-sim convert: ${where} is not a valid scenario file:\n${formatScenarioIssues(reading.issues)}\n`,
    );
    return EXIT.usage;
  }
  const form = to ?? (given === 'json' ? 'text' : 'json');
  io.stdout.write(form === 'text' ? formatScenarioText(reading.file) : formatScenarioJson(reading.file));
  return EXIT.ok;
}
