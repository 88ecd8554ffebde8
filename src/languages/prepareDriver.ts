import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { realPerformanceNow } from '../clock/realTimers.js';
import { shellWord } from '../report/shellQuote.js';
import { bundledDriverPath } from '../subjects/bundledDriverPath.js';
import type { DriverNeed, LanguageDriver } from './LanguageDriver.js';

/** A driver ready to run (`command`), one whose toolchain is missing, or one whose build failed (with its output). */
export type PreparedDriver =
  | { readonly command: string; readonly built: boolean }
  | { readonly missing: string }
  | { readonly buildFailed: string };

/** Where built drivers are kept: `$GATHER_SIM_CACHE`, else `$XDG_CACHE_HOME/gather-sim`, else `~/.cache/gather-sim`. */
export function driverCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GATHER_SIM_CACHE !== undefined && env.GATHER_SIM_CACHE !== '') return env.GATHER_SIM_CACHE;
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'gather-sim');
}

const requireHere = createRequire(import.meta.url);

/**
 * The folder of an installed npm package, found where Node would look for it from gather-sim,
 * whether or not the package exports its package.json (quickjs-emscripten-core does not).
 */
function npmPackageFolder(name: string): string | undefined {
  return (requireHere.resolve.paths(name) ?? [])
    .map((folder) => join(folder, name))
    .find((folder) => existsSync(join(folder, 'package.json')));
}

function run(command: string, cwd: string | undefined, timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-ec', command],
      { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ ok: error === null, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The version a need reports (`''` for a file or package), or `undefined` when it is missing. */
async function probe(need: DriverNeed): Promise<string | undefined> {
  if ('file' in need) return existsSync(need.file) ? need.file : undefined;
  if ('npmPackage' in need) return npmPackageFolder(need.npmPackage);
  const said = await run([need.program, ...need.versionArgs].map(shellWord).join(' '), undefined, 30_000);
  return said.ok ? said.output : undefined;
}

function needName(need: DriverNeed): string {
  return 'program' in need ? need.program : 'file' in need ? need.file : `the npm package ${need.npmPackage}`;
}

/**
 * Probes a driver's needs in order: the version each reports (they key the build cache), or
 * the first one missing as `needs X: the install line`.
 */
export async function findToolchain(
  driver: LanguageDriver,
): Promise<{ readonly versions: readonly string[] } | { readonly missing: string }> {
  const versions: string[] = [];
  for (const need of driver.needs) {
    const version = await probe(need);
    if (version === undefined) return { missing: `needs ${needName(need)}: ${need.install}` };
    versions.push(version);
  }
  return { versions };
}

/** A driver's source folder: `src/drivers/<sources>`, or `sources` itself when it is an absolute path. */
function sourceFolder(driver: LanguageDriver): string {
  return isAbsolute(driver.sources)
    ? driver.sources
    : bundledDriverPath(driver.sources, `the ${driver.runtime} driver`);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function substitute(command: string, paths: { src: string; out: string }): string {
  return command.replace(/\{(src|out|node|package:[^}]+)\}/g, (_, key: string) => {
    if (key === 'src') return shellWord(paths.src);
    if (key === 'out') return shellWord(paths.out);
    if (key === 'node') return shellWord(process.execPath);
    const name = key.slice('package:'.length);
    return shellWord(npmPackageFolder(name) ?? name);
  });
}

/** Real seconds since `started` (a `realPerformanceNow()`), to one decimal. */
function seconds(started: number): string {
  return ((realPerformanceNow() - started) / 1000).toFixed(1);
}

/** The last `lines` lines of a build's output, for an error that shows why it failed. */
function tail(output: string, lines = 40): string {
  const all = output.trimEnd().split('\n');
  return (all.length > lines ? ['...', ...all.slice(-lines)] : all).join('\n');
}

/**
 * Finds a driver's toolchain and builds the driver on first use into the cache, keyed by its
 * source files, its build commands and the toolchain's versions: a driver is not rebuilt when
 * none of them changed. Builds go to a fresh folder renamed into place when done, so two
 * processes building at once both end with one good build. `log` hears a line when a build
 * starts (`building NAME (first use, cached in DIR)...`) and one when it ends, with its time.
 */
export async function prepareDriver(
  driver: LanguageDriver,
  cacheDir: string = driverCacheDir(),
  buildTimeoutMs = 600_000,
  log: (text: string) => void = () => {},
): Promise<PreparedDriver> {
  const toolchain = await findToolchain(driver);
  if ('missing' in toolchain) return toolchain;
  const { versions } = toolchain;
  const src = sourceFolder(driver);
  const hash = createHash('sha256');
  for (const part of [driver.name, ...driver.build, ...versions]) hash.update(`${part}\0`);
  for (const file of filesUnder(src)) hash.update(`${file.slice(src.length)}\0`).update(readFileSync(file));
  const out = join(cacheDir, 'drivers', `${driver.name}-${hash.digest('hex').slice(0, 16)}`);
  const command = substitute(driver.run, { src, out });
  if (driver.build.length === 0) return { command, built: false };
  if (existsSync(join(out, '.built'))) return { command, built: false };
  log(`building ${driver.name} (first use, cached in ${out})...\n`);
  const started = realPerformanceNow();
  const scratch = `${out}.building-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const step of driver.build) {
    const line = substitute(step, { src, out: scratch });
    const result = await run(line, scratch, buildTimeoutMs);
    if (!result.ok) {
      rmSync(scratch, { recursive: true, force: true });
      log(`building ${driver.name} failed after ${seconds(started)} s\n`);
      return { buildFailed: `building ${driver.name} failed at: ${line}\n${tail(result.output)}` };
    }
  }
  writeFileSync(join(scratch, '.built'), `${driver.name}\n`);
  try {
    renameSync(scratch, out);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(join(out, '.built')))
      return { buildFailed: `building ${driver.name}: could not move the build to ${out}` };
  }
  log(`built ${driver.name} in ${seconds(started)} s\n`);
  return { command, built: true };
}
