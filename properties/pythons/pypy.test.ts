import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startExternalSubject } from '../../src/conformance/externalSubject.js';
import { canonicalJson } from '../../src/observation/canonicalJson.js';
import type { Observation } from '../../src/observation/Observation.js';
import { isAllowed, predict, withSortedUnhandled } from '../../src/oracle/predict.js';
import { pythonDriver } from '../../src/subjects/cpythonDriver.js';
import { readCpythonCorpus } from '../cpythonCorpus.js';

/** PyPy is Debian's pypy3 (.ci/run installs it); without it these tests say how to get it. */
const hasPypy = spawnSync('pypy3', ['--version']).status === 0;
const WHY = hasPypy ? '' : ' (skipped: pypy3 is not installed; apt-get install -y pypy3)';

/** Recorded CPython 3.11 scenarios replayed on PyPy: a slice, so the file stays cheap. */
const SLICE = 60;

/** Equal in everything but `unhandled`, whose order is never significant. */
const canonical = (observation: Observation): string => canonicalJson(withSortedUnhandled(observation));

describe(`PyPy's asyncio.gather (pypy3, Python 3.9's asyncio) through the bundled driver${WHY}`, () => {
  it.skipIf(!hasPypy)(
    `gives CPython 3.11's recorded observations on ${SLICE} corpus scenarios, but for errors reported unretrieved later, and the same bytes on a rerun`,
    { timeout: 120_000 },
    async () => {
      const found = await pythonDriver('pypy3', 60_000);
      if (!('command' in found)) expect.fail(found.problem);
      expect(found.name).toMatch(/^pypy-3\.\d+-asyncio$/);
      const started = await startExternalSubject(found.command, { helloMs: 60_000, answerMs: 60_000 });
      if (!started.ok) expect.fail(started.problem);
      const pypy = started.subject;
      const departures: string[] = [];
      let late = 0;
      try {
        for (const { scenario, observation } of readCpythonCorpus().slice(0, SLICE)) {
          const first = await pypy.run(scenario);
          const again = await pypy.run(scenario);
          const where = JSON.stringify(scenario);
          expect(first.problems, where).toEqual([]);
          expect(canonicalJson(again.observation), where).toBe(canonicalJson(first.observation));
          expect(isAllowed(predict(scenario), first.observation), where).toBe(true);
          if (canonical(first.observation) === canonical(observation)) continue;
          // The one difference allowed: PyPy finalizes later, so the driver's one collection
          // has not yet reported what CPython reported (repro/pypy-unretrieved-after-collections.py).
          const lateOnly =
            first.observation.unhandled.length === 0 &&
            canonical({ ...observation, unhandled: [] }) === canonical(first.observation);
          if (lateOnly) late += 1;
          else
            departures.push(
              `${where}: CPython ${JSON.stringify(observation)}, PyPy ${JSON.stringify(first.observation)}`,
            );
        }
      } finally {
        await pypy.close();
      }
      expect(departures).toEqual([]);
      expect(late).toBeLessThan(SLICE / 10);
    },
  );

  it.skipIf(!hasPypy)(
    'reports a never-retrieved task exception only after more than one garbage collection, where CPython needs one, on the real-time loop',
    { timeout: 120_000 },
    () => {
      const script = fileURLToPath(new URL('repro/pypy-unretrieved-after-collections.py', import.meta.url));
      expect(execFileSync('python3', [script], { encoding: 'utf8' })).toBe(
        "cpython: reported [APIError('boom')] after 1 gc.collect()\n",
      );
      expect(execFileSync('pypy3', [script], { encoding: 'utf8' })).toMatch(
        /^pypy: reported \[APIError\('boom'\)\] after [2-9] gc\.collect\(\)\n$/,
      );
    },
  );
});
