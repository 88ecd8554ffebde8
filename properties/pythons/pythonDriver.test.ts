import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startExternalSubject } from '../../src/conformance/externalSubject.js';
import { pythonDriver } from '../../src/subjects/cpythonDriver.js';

/** What python3 says it is, asked without gather-sim: `cpython-3.11`. */
const python3 = spawnSync(
  'python3',
  ['-c', 'import sys; print("%s-%d.%d" % (sys.implementation.name, *sys.version_info[:2]))'],
  {
    encoding: 'utf8',
  },
).stdout.trim();

describe('the bundled Python driver run by a named interpreter (--python)', () => {
  it(
    'is named after the implementation and version the interpreter reports, and says that name in its hello',
    { timeout: 120_000 },
    async () => {
      const found = await pythonDriver('python3', 10_000);
      if (!('command' in found)) expect.fail(found.problem);
      expect(found.name).toBe(`${python3}-asyncio`);
      const started = await startExternalSubject(found.command);
      if (!started.ok) expect.fail(started.problem);
      try {
        expect(started.subject.name).toBe(found.name);
        const run = await started.subject.run({ tasks: [{ sleep: 1000, value: 100 }] });
        expect(run.observation.gather).toEqual({ at: 1000, value: [{ value: 100 }] });
      } finally {
        await started.subject.close();
      }
    },
  );

  it('refuses an interpreter that does not exist, saying it was not found', async () => {
    expect(await pythonDriver('no-such-python-9.9', 10_000)).toEqual({
      problem: 'not found (not on the PATH, no such file)',
    });
  });

  it('refuses a file that cannot be run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gather-sim-python-'));
    const file = join(folder, 'python');
    writeFileSync(file, 'not a program\n');
    chmodSync(file, 0o644);
    expect(await pythonDriver(file, 10_000)).toEqual({ problem: 'cannot be run (not executable)' });
  });

  it('refuses a program that is not Python 3, quoting what it said', async () => {
    const found = await pythonDriver(process.execPath, 10_000);
    expect('problem' in found ? found.problem : found.name).toMatch(
      /^not a Python 3 interpreter \(asked for its version: .+\)$/,
    );
  });
});
