#!/usr/bin/env node
// CPython 3.14's own asyncio.gather, in WebAssembly through the npm package pyodide, as a
// subject of the gather-sim/1 protocol (docs/protocol.md). It runs the very Python code of
// cpython-asyncio.py (its `answer_line`, one request line in, one answer line out) inside
// Pyodide, so the driver is the same on CPython 3.11 and 3.14 and a difference is the runtime's.
//
//   gather-sim check --external "node src/drivers/pyodide-cpython-3.14.mjs"
//
// Start-up (docs/protocol.md#start-up): a cold Pyodide takes seconds of CPU to boot, so the
// driver says hello at once, with `startupMs`, and boots after; it reads requests meanwhile
// and answers them in order once Python is up. The boot restores a memory snapshot kept in
// gather-sim's cache when there is one (pyodideSnapshot.mjs), and makes it when there is not.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { URL } from 'node:url';

/** The CPython minor version this driver runs: Pyodide 314.x is CPython 3.14. */
const PYODIDE_MAJOR = 314;
/** The longest a cold boot may take, in real ms, on a loaded machine (docs/protocol.md#start-up). */
const STARTUP_MS = 120_000;
const HELLO = {
  protocol: 'gather-sim/1',
  name: 'cpython-3.14-pyodide',
  supports: { returnExceptions: true, cancellation: true, dedupe: true },
  startupMs: STARTUP_MS,
};

const fail = (why) => {
  process.stderr.write(`pyodide-cpython-3.14: ${why}\n`);
  process.exit(1);
};

// Before the hello: a missing or other Pyodide is said at once, not after a boot.
const require = createRequire(import.meta.url);
let version;
try {
  version = String(require('pyodide/package.json').version);
} catch {
  fail('the npm package pyodide is not installed; npm install pyodide');
}
if (Number.parseInt(version, 10) !== PYODIDE_MAJOR)
  fail(
    `expected the npm package pyodide ${PYODIDE_MAJOR}.x (CPython 3.14), found ${version} (npm install pyodide@${PYODIDE_MAJOR})`,
  );

process.stdout.write(`${JSON.stringify(HELLO)}\n`);

/** The driver's Python, run inside Pyodide. */
const CORE = readFileSync(new URL('cpython-asyncio.py', import.meta.url));

/** Imports the driver's Python as `core`, once per snapshot (or per boot without one). */
const SETUP = `
import gc, importlib.util, sys
if sys.version_info[:2] != (3, 14):
    raise RuntimeError("expected CPython 3.14, Pyodide runs %s" % sys.version)
spec = importlib.util.spec_from_file_location("cpython_asyncio", "/gather_sim/cpython_asyncio.py")
core = importlib.util.module_from_spec(spec)
spec.loader.exec_module(core)
# What lives now lives for the session: the per-scenario collections walk only what a run left.
gc.freeze()
`;

/**
 * Boots Pyodide with the shared core loaded, from the start-up snapshot when one is kept (a
 * snapshot that does not restore is made again), else from scratch, keeping a snapshot of that
 * boot for the next start. Resolves to its `answer_line`.
 */
async function boot() {
  const { loadPyodide } = await import('pyodide');
  // Imported here, not above: a copy of this file alone still says what is missing.
  const { readSnapshot, snapshotPath, writeSnapshot } = await import('./pyodideSnapshot.mjs');
  // The start-up snapshot's file: it changes with pyodide and with this driver's sources.
  const snapshot = snapshotPath('cpython-3.14', [
    version,
    readFileSync(new URL(import.meta.url)),
    CORE,
    readFileSync(new URL('pyodideSnapshot.mjs', import.meta.url)),
  ]);
  // Python's own output is the driver's log, never protocol.
  const log = (text) => process.stderr.write(`${text}\n`);
  // The source is in the file system for tracebacks (linecache), in a restored Pyodide too.
  const withCore = (pyodide) => {
    pyodide.FS.mkdirTree('/gather_sim');
    pyodide.FS.writeFile('/gather_sim/cpython_asyncio.py', CORE);
    return pyodide;
  };
  const kept = readSnapshot(snapshot);
  if (kept !== undefined) {
    try {
      const pyodide = withCore(await loadPyodide({ stdout: log, stderr: log, _loadSnapshot: kept }));
      return pyodide.runPython('core.answer_line');
    } catch {
      // Not this build's or not this driver's snapshot after all: boot from scratch, keep a new one.
    }
  }
  const pyodide = withCore(await loadPyodide({ stdout: log, stderr: log, _makeSnapshot: true }));
  pyodide.runPython(SETUP);
  const unkept = writeSnapshot(snapshot, () => pyodide.makeMemorySnapshot());
  if (unkept !== undefined) log(`pyodide-cpython-3.14: no start-up snapshot kept (${unkept})`);
  return pyodide.runPython('core.answer_line');
}

const answering = boot();
answering.catch((error) => fail(`could not boot Pyodide: ${error instanceof Error ? error.message : String(error)}`));

// Lines end at \n only (a \r before it is dropped), so a raw CR inside a line stays in it.
let parts = [];
let queue = Promise.resolve();
const answer = (bytes) => {
  const text = bytes.toString('utf8');
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (line.trim() === '') return;
  queue = queue.then(async () => {
    const answerLine = await answering;
    process.stdout.write(`${answerLine(line)}\n`);
  });
};
process.stdin.on('data', (chunk) => {
  let start = 0;
  for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
    answer(Buffer.concat([...parts, chunk.subarray(start, end)]));
    parts = [];
    start = end + 1;
  }
  if (start < chunk.length) parts.push(chunk.subarray(start));
});
process.stdin.on('end', () => {
  answer(Buffer.concat(parts));
  // Every request answered (or none was sent, even mid-boot): exit 0 at once.
  void queue.then(() => process.exit(0));
});
