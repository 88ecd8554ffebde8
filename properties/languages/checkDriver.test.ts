import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.js';
import { driversCommand } from '../../src/cli/driversCommand.js';
import { fakeIo } from '../cli/fakeIo.js';
import { fakeDrivers } from './fakeDrivers.js';

interface JsonReport {
  readonly subjects: readonly {
    readonly name: string;
    readonly skipped?: string;
    readonly broken?: string;
    readonly properties: readonly { readonly id: string; readonly status: string }[];
  }[];
}

const fakes = fakeDrivers();
const registry = [fakes.working, fakes.missing, fakes.failing];

describe('check --driver and --drivers all', () => {
  beforeEach(() => {
    vi.stubEnv('GATHER_SIM_CACHE', fakes.cache);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it(
    'checks every registered driver in registry order: built on first use with a progress line, a missing toolchain skipped with its install line, a failed build BROKEN with its output',
    { timeout: 300_000 },
    async () => {
      const io = fakeIo();
      const args = ['--drivers', 'all', '--property', 'empty', '--runs', '5', '--json'];
      expect(await checkCommand(args, io, registry), io.err()).toBe(1);
      const report = JSON.parse(io.out()) as JsonReport;
      expect(report.subjects.map((subject) => subject.name)).toEqual(['fake-python', 'fake-missing', 'fake-failing']);
      const [working, missing, failing] = report.subjects;
      expect(working?.properties).toEqual([expect.objectContaining({ id: 'empty', status: 'pass' })]);
      expect(missing?.skipped).toBe('needs gather-sim-no-such-compiler: apt-get install gather-sim-no-such-compiler');
      expect(failing?.broken).toContain('driver.x:1: the compiler says no');
      expect(io.err()).toMatch(/^building fake-python \(first use, cached in .*\)\.\.\.$/m);
      expect(io.err()).toMatch(/^built fake-python in \d+\.\d s$/m);
      expect(io.err()).toContain('check: fake-missing: skipped, needs gather-sim-no-such-compiler: apt-get install');

      const again = fakeIo();
      expect(
        await checkCommand(['--driver', 'fake-python', '--property', 'empty', '--runs', '5'], again, registry),
      ).toBe(0);
      expect(again.err()).not.toContain('building');
    },
  );

  it(
    'refuses a --driver whose toolchain is missing, naming what to install (exit 2)',
    { timeout: 300_000 },
    async () => {
      const io = fakeIo();
      expect(await checkCommand(['--driver', 'fake-missing', '--runs', '5'], io, registry)).toBe(2);
      expect(io.err()).toBe(
        'gather-sim check: fake-missing: needs gather-sim-no-such-compiler: apt-get install gather-sim-no-such-compiler\n',
      );
    },
  );

  it('refuses an unknown --driver name, listing the known ones (exit 2)', async () => {
    const io = fakeIo();
    expect(await checkCommand(['--driver', 'fake-pyhton'], io, registry)).toBe(2);
    expect(io.err()).toBe(
      'gather-sim check: --driver: unknown driver "fake-pyhton"; known: fake-python, fake-missing, fake-failing\n',
    );
  });

  it('takes only "all" after --drivers', async () => {
    const io = fakeIo();
    expect(await checkCommand(['--drivers', 'fake-python'], io, registry)).toBe(2);
    expect(io.err()).toContain('--drivers: expected "all" (or name one with --driver NAME), got "fake-python"');
  });
});

describe('gather-sim drivers', () => {
  it('lists each driver with its toolchain status or install line, and the cache', { timeout: 300_000 }, async () => {
    const io = { ...fakeIo(), env: { GATHER_SIM_CACHE: '/tmp/a-cache' } };
    expect(await driversCommand([], io, registry)).toBe(0);
    expect(io.out()).toBe(
      [
        'fake-python: Fake asyncio.gather: ready',
        'fake-missing: Fake asyncio.gather: needs gather-sim-no-such-compiler: apt-get install gather-sim-no-such-compiler',
        'fake-failing: Fake asyncio.gather: ready',
        'cache: /tmp/a-cache',
        '',
      ].join('\n'),
    );
  });
});
