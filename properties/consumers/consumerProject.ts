import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, whose node_modules holds the test runners (its devDependencies). */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** What a command printed (stdout then stderr) and how it ended. */
export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Variables `npm test` and vitest set for their own children, and colour settings. */
const NOT_PASSED_ON = ['NODE_OPTIONS', 'INIT_CWD', 'FORCE_COLOR', 'NO_COLOR'];

/**
 * The environment of a consumer's commands: this process's, without npm's lifecycle
 * variables (lower-case `npm_*`: a nested npm would take the repository for its project;
 * a user's own `NPM_CONFIG_*` stay), vitest's own (a nested vitest would take itself for a
 * worker) or colours.
 */
function consumerEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST)/.test(name) && !NOT_PASSED_ON.includes(name)),
  );
  return { ...env, NO_COLOR: '1', CI: 'true' };
}

/** Runs a command in `cwd`, never rejecting: a failure is an outcome like any other. */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 180_000): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: consumerEnvironment(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Links a package of the repository's node_modules (a test runner, tsc) into a consumer's,
 * with its commands in node_modules/.bin, as `npm install` would have put them.
 */
function linkFromRoot(consumer: string, name: string): void {
  const target = join(root, 'node_modules', name);
  const link = join(consumer, 'node_modules', name);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
    readonly bin?: string | Readonly<Record<string, string>>;
  };
  const bins = typeof manifest.bin === 'string' ? { [name]: manifest.bin } : (manifest.bin ?? {});
  mkdirSync(join(consumer, 'node_modules', '.bin'), { recursive: true });
  for (const [command, file] of Object.entries(bins))
    symlinkSync(join(target, file), join(consumer, 'node_modules', '.bin', command));
}

/** A consumer project of properties/consumers/, and what the suite adds to it. */
export interface ConsumerSetup {
  /** Its folder under properties/consumers/. */
  readonly project: string;
  /** The subject copied in as myGather.js: the ES module or the CommonJS one. */
  readonly format: 'js' | 'cjs';
  /** Packages installed from the registry beside the tarball (npm's cache first). */
  readonly install: readonly string[];
  /** Packages linked from the repository's node_modules: the runners, which `npm ci` brought. */
  readonly link: readonly string[];
}

/** Installs the tarball and `packages` into `folder` as a user would (`npm install <tarball>`); what npm printed. */
export function installTarball(folder: string, tarball: string, packages: readonly string[]): Promise<Outcome> {
  return run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...packages], folder);
}

/**
 * Copies a consumer project into `into`, puts the correct subject in as myGather.js, and
 * installs the tarball as a user would; returns the folder and what npm printed. Given
 * `installed`, a folder where `installTarball` installed the tarball alone (what a project
 * that installs nothing else gets), its node_modules is copied instead: the same files, one
 * install for every project alike.
 */
export async function prepareConsumer(
  setup: ConsumerSetup,
  tarball: string,
  into: string,
  installed?: string,
): Promise<{ readonly folder: string; readonly install?: Outcome }> {
  const folder = join(into, setup.project);
  cpSync(join(root, 'properties/consumers', setup.project), folder, { recursive: true });
  useSubject(folder, setup.format, 'correct');
  if (installed !== undefined)
    cpSync(join(installed, 'node_modules'), join(folder, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  const install = installed === undefined ? await installTarball(folder, tarball, setup.install) : undefined;
  for (const name of setup.link) linkFromRoot(folder, name);
  return { folder, ...(install === undefined ? {} : { install }) };
}

/** Puts one of properties/consumers/subjects/ into a consumer as its myGather.js. */
export function useSubject(folder: string, format: 'js' | 'cjs', subject: 'correct' | 'wrong'): void {
  cpSync(join(root, 'properties/consumers/subjects', `${subject}.${format}`), join(folder, 'myGather.js'));
}
