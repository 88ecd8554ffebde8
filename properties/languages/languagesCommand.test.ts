import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compareLanguages, languagesCommand } from '../../src/cli/languagesCommand.js';
import { fakeIo } from '../cli/fakeIo.js';
import { fakeDrivers } from './fakeDrivers.js';

const fakes = fakeDrivers();

describe('gather-sim languages', () => {
  beforeEach(() => {
    vi.stubEnv('GATHER_SIM_CACHE', fakes.cache);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it(
    'checks each runtime on its own with the departure search and times it, and lists one whose toolchain is missing as skipped',
    { timeout: 300_000 },
    async () => {
      const io = fakeIo();
      const languages = await compareLanguages({ runs: 5, seed: 3, jobs: 2 }, [fakes.working, fakes.missing], io, []);
      expect(languages.report).toMatchObject({ seed: 3, runs: 5 });
      const [working, missing] = languages.report.subjects;
      expect(working).toMatchObject({ subject: 'fake-python', departures: [] });
      expect(working?.properties).toHaveLength(16);
      expect(missing).toEqual({
        subject: 'fake-missing',
        supports: {},
        skipped: 'needs gather-sim-no-such-compiler: apt-get install gather-sim-no-such-compiler',
        properties: [],
      });
      expect(languages.runtimes.map((runtime) => [runtime.name, runtime.mapping])).toEqual([
        ['fake-python', fakes.working.mapping],
        ['fake-missing', fakes.missing.mapping],
      ]);
      expect(languages.runtimes[0]?.seconds).toBeGreaterThan(0);
      expect(languages.runtimes[1]?.seconds).toBeNull();
    },
  );

  it('refuses a --readme without the cross-language markers before checking anything (exit 2)', async () => {
    const readme = join(mkdtempSync(join(tmpdir(), 'gather-sim-readme-')), 'README.md');
    writeFileSync(readme, '# A project\n');
    const io = fakeIo();
    expect(await languagesCommand(['--readme', readme], io, [])).toBe(2);
    expect(io.err()).toBe(
      `gather-sim languages: --readme: ${readme} has no cross-language block (<!-- languages: ... --> to <!-- end of languages -->)\n`,
    );
  });
});
