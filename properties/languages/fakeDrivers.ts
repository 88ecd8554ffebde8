import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';

const pythonDriver = fileURLToPath(new URL('../../src/drivers/cpython-asyncio.py', import.meta.url));

/** What every fake says of itself, besides its name, needs, build and run. */
const ABOUT = {
  runtime: 'Fake',
  primitive: 'asyncio.gather',
  mapping: 'A test double: the CPython driver, copied by a build step.',
  why: {},
} as const;

/**
 * Fake language drivers for the framework's tests, in a fresh folder: `working` (the
 * CPython driver, "built" by copying it into the cache, run by python3), `missing` (needs a
 * program nobody has) and `failing` (a build that prints and exits 3). `cache` is a fresh
 * cache folder for them, `sources` the working one's source folder.
 */
export function fakeDrivers(): {
  readonly working: LanguageDriver;
  readonly missing: LanguageDriver;
  readonly failing: LanguageDriver;
  readonly sources: string;
  readonly cache: string;
} {
  const folder = mkdtempSync(join(tmpdir(), 'gather-sim-languages-'));
  const sources = join(folder, 'fake-python');
  mkdirSync(sources);
  copyFileSync(pythonDriver, join(sources, 'driver.py'));
  const python = { program: 'python3', versionArgs: ['--version'], install: 'apt-get install python3' };
  const shell = { program: 'sh', versionArgs: ['-c', 'echo sh'], install: 'apt-get install dash' };
  return {
    working: {
      ...ABOUT,
      name: 'fake-python',
      needs: [python],
      sources,
      build: ['cp {src}/driver.py {out}/driver.py'],
      run: 'python3 {out}/driver.py --name fake-python',
    },
    missing: {
      ...ABOUT,
      name: 'fake-missing',
      needs: [
        shell,
        {
          program: 'gather-sim-no-such-compiler',
          versionArgs: ['--version'],
          install: 'apt-get install gather-sim-no-such-compiler',
        },
      ],
      sources,
      build: [],
      run: 'gather-sim-no-such-compiler',
    },
    failing: {
      ...ABOUT,
      name: 'fake-failing',
      needs: [shell],
      sources,
      build: ['echo "driver.x:1: the compiler says no" >&2; exit 3'],
      run: 'false',
    },
    sources,
    cache: join(folder, 'cache'),
  };
}
