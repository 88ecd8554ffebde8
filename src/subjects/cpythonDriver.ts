import { execFile } from 'node:child_process';
import { shellWord } from '../report/shellQuote.js';
import { bundledDriverPath } from './bundledDriverPath.js';

/** The name CPython's asyncio.gather has in the matrix and on the command line. */
export const CPYTHON_SUBJECT = 'cpython-asyncio';

/**
 * The path of the bundled CPython driver (`src/drivers/cpython-asyncio.py`, standard
 * library only), found beside this module both in `src/` and in the built `dist/src/`.
 */
export function cpythonDriverPath(): string {
  return bundledDriverPath('cpython-asyncio.py', 'the CPython driver');
}

/** Python that prints the path of the running interpreter itself (`sys.executable`). */
const EXECUTABLE = 'import sys; print(sys.executable)';

/**
 * The command that runs the bundled driver, or why it cannot run here (no python3 on the
 * PATH). It names the interpreter that `python3` runs, as that interpreter reports itself
 * (`sys.executable`), so that each driver process starts it directly: a launcher on the
 * PATH (pyenv's shim is a shell script that costs about half a second of CPU) is asked
 * once, here, without blocking the thread, instead of once for every driver process.
 */
export function cpythonCommand(): Promise<{ readonly command: string } | { readonly missing: string }> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', EXECUTABLE], { encoding: 'utf8' }, (error, stdout) => {
      const executable = stdout.trim();
      if (error !== null) resolve({ missing: 'python3 is not on the PATH' });
      else
        resolve({
          command: `${shellWord(executable === '' ? 'python3' : executable)} ${shellWord(cpythonDriverPath())}`,
        });
    });
  });
}

/** Python that prints the running interpreter's implementation and version, like `pypy 3 9`. */
const PROBE = 'import sys; print(sys.implementation.name, sys.version_info[0], sys.version_info[1])';

/** The bundled driver run by an interpreter: the command, and the subject's name in its hello. */
export interface PythonDriver {
  /** The implementation and version the interpreter reports, like `pypy-3.9-asyncio`. */
  readonly name: string;
  /** The shell command: the interpreter running the driver with `--name NAME`. */
  readonly command: string;
}

/** What the version probe of `interpreter` says: the driver it runs, or why it cannot. */
function probed(
  interpreter: string,
  error: (Error & { readonly code?: unknown; readonly killed?: boolean }) | null,
  stdout: string,
  stderr: string,
  timeoutMs: number,
): PythonDriver | { readonly problem: string } {
  if (error?.code === 'ENOENT') return { problem: 'not found (not on the PATH, no such file)' };
  if (error?.code === 'EACCES') return { problem: 'cannot be run (not executable)' };
  if (error?.killed === true) return { problem: `did not say its version within ${timeoutMs} ms` };
  const match = /^([A-Za-z]\w*) (3) (\d+)\r?\n$/.exec(stdout);
  if (error !== null || match === null) {
    const lines = (stderr.trim() || stdout.trim()).split('\n').map((line) => line.trim());
    const said =
      lines.length > 1 ? `${lines[0] ?? ''} ... ${lines.at(-1) ?? ''}` : lines[0] || `exit ${String(error?.code)}`;
    return { problem: `not a Python 3 interpreter (asked for its version: ${said})` };
  }
  const name = `${(match[1] ?? '').toLowerCase()}-${match[2] ?? ''}.${match[3] ?? ''}-asyncio`;
  return { name, command: `${shellWord(interpreter)} ${shellWord(cpythonDriverPath())} --name ${name}` };
}

/**
 * The bundled driver run by `interpreter` (a program on the PATH or a path), its subject
 * named after the interpreter's implementation and version as the interpreter itself
 * reports them (`sys.implementation.name`, `sys.version_info`: `pypy-3.9-asyncio`,
 * `cpython-3.12-asyncio`); or why it cannot run: no such program, or not a Python 3 that
 * answers within `timeoutMs`.
 */
export function pythonDriver(
  interpreter: string,
  timeoutMs: number,
): Promise<PythonDriver | { readonly problem: string }> {
  return new Promise((resolve) => {
    execFile(interpreter, ['-c', PROBE], { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve(probed(interpreter, error, stdout, stderr, timeoutMs));
    });
  });
}
