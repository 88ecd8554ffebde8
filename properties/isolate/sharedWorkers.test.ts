import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkIsolated } from '../../src/isolate/checkIsolated.js';
import { loadIsolatedSubject, type IsolatedSubject, type Isolation } from '../../src/isolate/loadIsolatedSubject.js';
import { sharedWorkers, type SharedWorkers } from '../../src/isolate/SharedWorkers.js';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import { reportToJson } from '../../src/conformance/reportToJson.js';

/** Every worker thread started for a subject, counted as `startSubjectWorker` starts it. */
const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/isolate/startSubjectWorker.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/isolate/startSubjectWorker.js')>();
  return {
    ...original,
    startSubjectWorker: (...args: Parameters<typeof original.startSubjectWorker>) => {
      started.count += 1;
      return original.startSubjectWorker(...args);
    },
  };
});

const SLOW = 300_000;
/** A module given by path: a gather that conforms (the reference's), under another name. */
const byPath = fileURLToPath(new URL('./fixtures/reference-by-path.mjs', import.meta.url));

/** Loads `modules` in turn, checks two properties of each (or those named) with `jobs` slots, and closes everything. */
async function check(
  modules: readonly string[],
  shared: SharedWorkers | undefined,
  options: { readonly jobs?: number; readonly runs?: number; readonly properties?: number } = {},
): Promise<string> {
  const isolation: Isolation = {
    budgetMs: 120_000,
    memoryMb: 1024,
    log: () => undefined,
    ...(shared === undefined ? {} : { shared }),
  };
  const subjects: IsolatedSubject[] = [];
  for (const module of modules) {
    const loaded = await loadIsolatedSubject(module, isolation);
    if (!loaded.ok) throw new Error(loaded.problem);
    subjects.push(loaded.subject);
  }
  try {
    const reports = await checkIsolated(subjects, {
      properties: gatherProperties.slice(0, options.properties ?? 2),
      options: { numRuns: options.runs ?? 5, seed: 7 },
      determinism: false,
      jobs: options.jobs ?? 1,
      replayOptions: ' --seed 7',
      onProgress: () => undefined,
    });
    return JSON.stringify(reportToJson({ seed: 7, runs: options.runs ?? 5, subjects: reports }));
  } finally {
    await Promise.all([...subjects.map((subject) => subject.close()), shared?.close()]);
  }
}

beforeEach(() => {
  started.count = 0;
});

describe('check lends the bundled subjects warm workers they share, and nobody else', () => {
  it(
    'bundled subjects checked one after another in one slot use a single worker thread',
    async () => {
      await check(['reference', 'Promise.all', 'p-map'], sharedWorkers());
      expect(started.count).toBe(1);
    },
    SLOW,
  );

  it(
    'without a pool each bundled subject gets a worker of its own',
    async () => {
      await check(['reference', 'Promise.all', 'p-map'], undefined);
      expect(started.count).toBe(3);
    },
    SLOW,
  );

  it(
    'a subject given by path gets a worker of its own and leaves none behind for the others',
    async () => {
      // reference's worker is shared; the module by path loads and is checked in a second one,
      // which is ended, not pooled: Promise.all, after it, takes reference's worker again.
      await check(['reference', byPath, 'Promise.all'], sharedWorkers());
      expect(started.count).toBe(2);
    },
    SLOW,
  );

  it(
    'two slots sharing workers give the same verdicts, failures and departures included, as workers of their own',
    async () => {
      const modules = ['p-map', 'reference', 'p-all', 'Promise.all'];
      const alone = await check(modules, undefined, { runs: 20, properties: gatherProperties.length });
      const sharing = await check(modules, sharedWorkers(), { jobs: 2, runs: 20, properties: gatherProperties.length });
      expect(sharing).toBe(alone);
      expect(alone).toContain('"status":"fail"');
    },
    SLOW,
  );
});
