import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyodideDriverPath } from '../../src/subjects/pyodideDriver.js';
import { readCpythonCorpus } from '../cpythonCorpus.js';

// The Pyodide driver's start-up snapshot (src/drivers/pyodideSnapshot.mjs), each test in a
// cache folder of its own: made on the first start, restored on the next with the same
// answers, made again when it is not whole or not Pyodide's, made once by two drivers
// starting together. Five boots from scratch (about 4 s of CPU each; the first two are the
// drivers starting together, whose answers every other start must give) and one restore.

const driver = pyodideDriverPath();
const snapshotModule = join(driver, '..', 'pyodideSnapshot.mjs');

interface SnapshotModule {
  snapshotPath(name: string, parts: readonly (string | Uint8Array)[], env?: NodeJS.ProcessEnv): string;
  readSnapshot(path: string): Uint8Array | undefined;
  writeSnapshot(path: string, make: () => Uint8Array): string | undefined;
}
/** The module under test, imported by path: it is a driver's plain JavaScript, beside it. */
const snapshots = (await import(pathToFileURL(snapshotModule).href)) as SnapshotModule;

/** The first 300 scenarios of the CPython corpus, as the driver's request lines. */
const requests = readCpythonCorpus()
  .slice(0, 300)
  .map(({ scenario }, index) => `${JSON.stringify({ id: index + 1, scenario })}\n`)
  .join('');

/** What the driver wrote when given every request with the cache in `cache`. */
function drive(cache: string): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [driver], { env: { ...process.env, GATHER_SIM_CACHE: cache } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), status });
    });
    child.stdin.end(requests);
  });
}

/** The SHA-256 of a snapshot read back (31 MB: compared by digest, not element by element), or "none". */
const digest = (bytes: Uint8Array | undefined): string =>
  bytes === undefined ? 'none' : createHash('sha256').update(bytes).digest('hex');

/** The cache folders made here, removed after the file (31 MB each). */
const caches: string[] = [];
function newCache(): string {
  const cache = mkdtempSync(join(tmpdir(), 'gather-sim-snapshot-'));
  caches.push(cache);
  return cache;
}
afterAll(() => {
  for (const cache of caches) rmSync(cache, { recursive: true, force: true });
});

/** `file` with one bit of its byte `at` flipped. */
function flipped(file: Buffer, at: number): Buffer {
  const copy = Buffer.from(file);
  copy[at] = (copy[at] ?? 0) ^ 1;
  return copy;
}

/** A new cache holding `file` (or nothing) where the driver looks for its snapshot. */
function cacheHolding(file: Buffer | undefined): { cache: string; path: string } {
  const cache = newCache();
  const path = join(cache, 'pyodide', basename(theSnapshot(fromScratch.cache).path));
  if (file !== undefined) {
    mkdirSync(join(cache, 'pyodide'));
    writeFileSync(path, file);
  }
  return { cache, path };
}

/** The snapshot files in a cache (and anything else left beside them). */
const kept = (cache: string): string[] =>
  readdirSync(join(cache, 'pyodide')).map((file) => join(cache, 'pyodide', file));

/** The one file in the cache, whole (its digest matches), with its inode and mtime. */
function theSnapshot(cache: string): { path: string; ino: number; mtimeMs: number } {
  const files = kept(cache);
  expect(files).toHaveLength(1);
  const [path = ''] = files;
  expect(snapshots.readSnapshot(path)).toBeDefined();
  const { ino, mtimeMs } = statSync(path);
  return { path, ino, mtimeMs };
}

/** What the driver answers booted from scratch with no cache: the bytes every start must give. */
let fromScratch: { stdout: string; cache: string };
/** What two drivers started together with no snapshot, in one cache, answered; and what they left in it. */
let together: { stdouts: string[]; kept: string[] };

beforeAll(async () => {
  // The first boot is two drivers starting together in an empty cache: each boots from
  // scratch, and the test of the race reads what they did instead of booting twice more.
  const cache = newCache();
  const runs = await Promise.all([drive(cache), drive(cache)]);
  for (const run of runs) {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  fromScratch = { stdout: runs[0].stdout, cache };
  together = { stdouts: runs.map((run) => run.stdout), kept: kept(cache) };
}, 300_000);

describe('the Pyodide driver with its start-up snapshot', () => {
  it('keeps one snapshot on its first start, named by pyodide and the three sources it hangs on', () => {
    const version = (
      JSON.parse(readFileSync(join('node_modules', 'pyodide', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const expected = snapshots.snapshotPath(
      'cpython-3.14',
      [
        version,
        readFileSync(driver),
        readFileSync(join(driver, '..', 'cpython-asyncio.py')),
        readFileSync(snapshotModule),
      ],
      { GATHER_SIM_CACHE: fromScratch.cache },
    );
    expect(theSnapshot(fromScratch.cache).path).toBe(expected);
    expect(fromScratch.stdout.split('\n')).toHaveLength(302);
  });

  it(
    'restores it on the next start, answering the same bytes and leaving the file as it was',
    { timeout: 300_000 },
    async () => {
      const before = theSnapshot(fromScratch.cache);
      const run = await drive(fromScratch.cache);
      expect(run.stdout).toBe(fromScratch.stdout);
      expect(theSnapshot(fromScratch.cache)).toEqual(before);
    },
  );

  it.each([
    ['truncated', (file: Buffer) => file.subarray(0, file.length >> 1)],
    ['corrupt (one bit flipped)', (file: Buffer) => flipped(file, 1 << 20)],
  ])('makes it again when the file is %s, answering the same bytes', { timeout: 300_000 }, async (_, damage) => {
    const { cache, path } = cacheHolding(damage(readFileSync(theSnapshot(fromScratch.cache).path)));
    expect(snapshots.readSnapshot(path)).toBeUndefined();
    const run = await drive(cache);
    expect(run.stdout).toBe(fromScratch.stdout);
    expect(snapshots.readSnapshot(path)).toBeDefined();
  });

  it('makes it again when the file is whole but another Pyodide build made it', { timeout: 300_000 }, async () => {
    const body = snapshots.readSnapshot(theSnapshot(fromScratch.cache).path) ?? new Uint8Array();
    // Pyodide's own header: its magic, two lengths, a spare word, then its build id (from byte 16).
    const { cache, path } = cacheHolding(undefined);
    expect(snapshots.writeSnapshot(path, () => flipped(Buffer.from(body), 16))).toBeUndefined();
    const { ino } = theSnapshot(cache);
    const run = await drive(cache);
    expect(run.stdout).toBe(fromScratch.stdout);
    expect(theSnapshot(cache).ino).not.toBe(ino);
    // A new boot's snapshot (not the same bytes: each boot's memory differs), of this build.
    const made = snapshots.readSnapshot(path) ?? new Uint8Array();
    expect(digest(made.subarray(16, 48))).toBe(digest(body.subarray(16, 48)));
  });

  it('is made once, whole, by two drivers starting together with no snapshot', () => {
    expect(together.stdouts).toEqual([fromScratch.stdout, fromScratch.stdout]);
    expect(together.kept).toEqual([theSnapshot(fromScratch.cache).path]);
  });
});

describe('the snapshot file', () => {
  it('reads as missing where there is none, and as whole where it was written', () => {
    const path = join(newCache(), 'pyodide', 'x.snapshot');
    expect(snapshots.readSnapshot(path)).toBeUndefined();
    expect(snapshots.writeSnapshot(path, () => new Uint8Array([1, 2, 3, 4]))).toBeUndefined();
    expect([...(snapshots.readSnapshot(path) ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it('is not made where the cache cannot be written, and says why', () => {
    const notAFolder = join(newCache(), 'file');
    writeFileSync(notAFolder, '');
    let made = false;
    const why = snapshots.writeSnapshot(join(notAFolder, 'pyodide', 'x.snapshot'), () => {
      made = true;
      return new Uint8Array(4);
    });
    expect(why).toMatch(/ENOTDIR/);
    expect(made).toBe(false);
  });

  it('is named by every part it hangs on, and by the cache folder', () => {
    const path = (parts: readonly string[], cache = '/c'): string =>
      snapshots.snapshotPath('n', parts, { GATHER_SIM_CACHE: cache });
    expect(path(['a', 'b'])).toBe(path(['a', 'b']));
    expect(path(['a', 'b'])).toMatch(/^\/c\/pyodide\/n-[0-9a-f]{16}\.snapshot$/);
    expect(
      new Set([path(['a', 'b']), path(['a', 'c']), path(['b', 'a']), path(['ab']), path(['a', 'b'], '/d')]).size,
    ).toBe(5);
  });
});
