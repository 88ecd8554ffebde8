import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findToolchain, prepareDriver } from '../../src/languages/prepareDriver.js';
import { fakeDrivers } from './fakeDrivers.js';

describe('prepareDriver', () => {
  it(
    'builds a driver once into the cache, reuses it while nothing changed, and rebuilds it when a source file changes',
    { timeout: 300_000 },
    async () => {
      const { working, sources, cache } = fakeDrivers();
      const heard: string[] = [];
      const log = (text: string): void => void heard.push(text);
      const first = await prepareDriver(working, cache, 60_000, log);
      expect(first).toMatchObject({ built: true });
      expect(heard[0]).toMatch(
        new RegExp(
          `^building fake-python \\(first use, cached in ${cache}/drivers/fake-python-[0-9a-f]{16}\\)\\.\\.\\.\\n$`,
        ),
      );
      expect(heard[1]).toMatch(/^built fake-python in \d+\.\d s\n$/);
      const command = 'command' in first ? first.command : '';
      expect(command).toMatch(/^python3 \S+\/driver\.py --name fake-python$/);
      expect(existsSync(command.split(' ')[1] as string)).toBe(true);

      expect(await prepareDriver(working, cache, 60_000, log)).toEqual({ command, built: false });
      expect(heard).toHaveLength(2);

      appendFileSync(join(sources, 'driver.py'), '\n# changed\n');
      const again = await prepareDriver(working, cache, 60_000, log);
      expect(again).toMatchObject({ built: true });
      expect('command' in again && again.command).not.toBe(command);
    },
  );

  it('names the first missing need with its install line, and builds nothing', { timeout: 300_000 }, async () => {
    const { missing, cache } = fakeDrivers();
    const expected = 'needs gather-sim-no-such-compiler: apt-get install gather-sim-no-such-compiler';
    expect(await findToolchain(missing)).toEqual({ missing: expected });
    expect(await prepareDriver(missing, cache)).toEqual({ missing: expected });
    expect(existsSync(cache)).toBe(false);
  });

  it(
    'reports a failed build with the step and the tail of its output, and leaves no build behind',
    { timeout: 300_000 },
    async () => {
      const { failing, cache } = fakeDrivers();
      const prepared = await prepareDriver(failing, cache);
      expect(prepared).toEqual({
        buildFailed:
          'building fake-failing failed at: echo "driver.x:1: the compiler says no" >&2; exit 3\ndriver.x:1: the compiler says no',
      });
      expect(await prepareDriver(failing, cache)).toEqual(prepared);
    },
  );
});
