import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, type CliIo } from './CliIo.js';

/**
 * Parses a command's arguments with Node's `util.parseArgs`. On a usage error it writes the
 * error and the usage to stderr, on `--help` the usage to stdout, and returns the exit
 * status to end with instead of the parsed arguments.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  usage: string,
  config: T,
  io: CliIo,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    io.stderr.write(`gather-sim ${command}: ${(error as Error).message}\n\n${usage}\n`);
    return EXIT.usage;
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    io.stdout.write(`${usage}\n`);
    return EXIT.ok;
  }
  return parsed;
}
