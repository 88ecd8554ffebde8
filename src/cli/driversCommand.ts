import type { LanguageDriver } from '../languages/LanguageDriver.js';
import { LANGUAGE_DRIVERS } from '../languages/languageDrivers.js';
import { driverCacheDir, findToolchain } from '../languages/prepareDriver.js';
import { escapeTerminalOutput } from '../report/escapeControl.js';
import { EXIT, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';

/** The help text of `gather-sim drivers`. */
export const DRIVERS_USAGE = `Usage: gather-sim drivers

Lists the drivers for other languages' gathers, in registry order: each one's name (for
gather-sim check --driver NAME), its runtime and primitive, and whether its toolchain is
here ("ready") or what it needs, with the line that installs it. Builds go to the cache
($GATHER_SIM_CACHE, else $XDG_CACHE_HOME/gather-sim, else ~/.cache/gather-sim) on first use.

  -h, --help  show this help

Exit status: 0 (a missing toolchain is information, not an error), 2 bad usage.`;

/** One driver's line: `name: runtime primitive: ready` or `...: needs X: install`. */
async function driverLine(driver: LanguageDriver): Promise<string> {
  const toolchain = await findToolchain(driver);
  const status = 'missing' in toolchain ? toolchain.missing : 'ready';
  return `${driver.name}: ${driver.runtime} ${driver.primitive}: ${status}`;
}

/**
 * `gather-sim drivers`: see {@link DRIVERS_USAGE}. Returns the exit status. `registry` is
 * the drivers listed.
 */
export async function driversCommand(
  argv: readonly string[],
  io: CliIo,
  registry: readonly LanguageDriver[] = LANGUAGE_DRIVERS,
): Promise<number> {
  const parsed = parseCommandArgs(
    'drivers',
    DRIVERS_USAGE,
    { args: [...argv], allowPositionals: false, options: { help: { type: 'boolean', short: 'h' } } },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const lines = await Promise.all(registry.map(driverLine));
  io.stdout.write(
    escapeTerminalOutput(
      [
        ...(lines.length === 0 ? ['no language drivers are registered'] : lines),
        `cache: ${driverCacheDir(io.env ?? process.env)}`,
        '',
      ].join('\n'),
    ),
  );
  return EXIT.ok;
}
