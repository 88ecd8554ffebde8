// The Pyodide driver's memory snapshot, kept in gather-sim's cache: a booted Pyodide with the
// driver's Python already imported (docs/languages.md#the-cache). Restoring
// one skips CPython's start-up and the stdlib imports, seconds of WebAssembly, on every start
// but the first.
//
// The file is `<cache>/pyodide/<name>-<key>.snapshot`: `key` hashes everything the snapshot
// depends on (the pyodide package's version, and the sources of the driver, of its Python and
// of this module), so a change to any of them names another file. Its content is MAGIC, then
// the SHA-1 of the rest, then Pyodide's own snapshot (which checks its build id when
// restored): a truncated, corrupt or foreign file reads as missing and is made again. A new
// file is written beside its place and renamed into it, so two drivers making it at once
// never leave half a file. The hash is against accidents, not an adversary.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What every snapshot file starts with (16 bytes, so Pyodide's part stays 4-byte aligned). */
const MAGIC = Buffer.from('gather-sim/snap1', 'latin1');
/** The SHA-1 digest's length, after MAGIC. */
const DIGEST_BYTES = 20;
/** Where Pyodide's snapshot starts in the file. */
const BODY = MAGIC.length + DIGEST_BYTES;

const digestOf = (bytes) => createHash('sha1').update(bytes).digest();

/**
 * gather-sim's cache folder, by the rule of `driverCacheDir` (src/languages/prepareDriver.ts):
 * `$GATHER_SIM_CACHE`, else `$XDG_CACHE_HOME/gather-sim`, else `~/.cache/gather-sim`.
 */
function cacheDir(env) {
  if (env.GATHER_SIM_CACHE !== undefined && env.GATHER_SIM_CACHE !== '') return env.GATHER_SIM_CACHE;
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'gather-sim');
}

/**
 * The path of the snapshot named `name` whose content depends on `parts` (strings or bytes:
 * versions, sources), in the cache `env` names.
 */
export function snapshotPath(name, parts, env = process.env) {
  const key = createHash('sha256');
  for (const part of parts) key.update(createHash('sha256').update(part).digest());
  return join(cacheDir(env), 'pyodide', `${name}-${key.digest('hex').slice(0, 16)}.snapshot`);
}

/**
 * Pyodide's snapshot kept at `path`, or undefined when there is none or the file is not whole
 * (too short, another magic, a digest that does not match: truncated, corrupt or foreign).
 */
export function readSnapshot(path) {
  let file;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  if (file.length <= BODY || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const body = file.subarray(BODY);
  return digestOf(body).equals(file.subarray(MAGIC.length, BODY)) ? body : undefined;
}

/**
 * Keeps the snapshot `make()` returns at `path`: written to a file of its own beside it, then
 * renamed into place. `make` runs only once the folder is writable. Returns why it could not
 * (the snapshot is an optimisation: the caller goes on without it), or undefined.
 */
export function writeSnapshot(path, make) {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  let fd;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(temporary, 'wx');
    const body = make();
    writeFileSync(fd, MAGIC);
    writeFileSync(fd, digestOf(body));
    writeFileSync(fd, body);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
    return undefined;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Its folder is not one: there is nothing to remove.
    }
    return error instanceof Error ? error.message : String(error);
  }
}
