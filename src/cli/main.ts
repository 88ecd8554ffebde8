#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportStrayErrors } from './catchStrayErrors.js';
import { endSubjectsOnSignal } from './endSubjectsOnSignal.js';
import { EXIT, processOutput, type CliIo } from './CliIo.js';

const USAGE = `Usage: gather-sim COMMAND [options]

A deterministic simulation test harness for gather, with asyncio.gather's semantics,
on a virtual clock.

Commands:
  check [MODULE...]  check gathers property by property; print the conformance matrix
  convert FILE       convert a scenario file between JSON and the readable text form
  drivers            list the drivers for other languages' gathers and their toolchains
  languages          compare asyncio.gather with other runtimes' gathers: docs/languages/
  merge REPORT...    merge the --json reports of check --shard I/N into one
  run FILE...        run scenario files on a gather and show their timelines
  serve              serve a gather over the gather-sim/1 JSON-lines protocol

Options:
  -h, --help     show this help (or a command's: gather-sim run --help)
  -v, --version  show the version

Exit status: 0 ok, 1 a finding, 2 bad usage or input. Output piped into a reader that
stops early (| head -1) ends quietly, with the status of the whole run.

Colour: on a terminal only, never with NO_COLOR set or TERM=dumb; FORCE_COLOR comes
first, as in Node: FORCE_COLOR=1 (2, 3, true) colours even into a pipe, FORCE_COLOR=0
(false) never colours.

The spec ships with the package, in ${fileURLToPath(new URL('../../../docs/', import.meta.url))}:
  semantics.md     the rules R1-R12 and ties
  protocol.md      scenarios, observations and the gather-sim/1 protocol; its section
                   Limits lists what input is accepted (sizes, nesting, counts)
  architecture.md  the parts, and the files each common change touches`;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Runs the gather-sim command line and returns its exit status. Each command's module is
 * imported when that command runs, so `--help` or `convert` does not load fast-check, the
 * oracle and the executor that `check` needs.
 */
async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return (await import('./checkCommand.js')).checkCommand(rest, io);
    case 'convert':
      return (await import('./convertCommand.js')).convertCommand(rest, io);
    case 'drivers':
      return (await import('./driversCommand.js')).driversCommand(rest, io);
    case 'languages':
      return (await import('./languagesCommand.js')).languagesCommand(rest, io);
    case 'merge':
      return (await import('./mergeCommand.js')).mergeCommand(rest, io);
    case 'run':
      return (await import('./runCommand.js')).runCommand(rest, io);
    case 'serve':
      return (await import('./serveCommand.js')).serveCommand(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    case '-v':
    case '--version':
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    default:
      io.stderr.write(`gather-sim: unknown command "${command}"\n\n${USAGE}\n`);
      return EXIT.usage;
  }
}

endSubjectsOnSignal();
const stderr = processOutput(process.stderr);
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: processOutput(process.stdout),
  stderr,
  env: process.env,
});
reportStrayErrors(stderr);
