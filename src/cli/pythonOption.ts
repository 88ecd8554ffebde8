import type { CliIo } from './CliIo.js';

/** The help lines of `--python INTERPRETER` for `check` and `run`, the description at column `indent`. */
export function pythonOptionHelp(indent: number): string {
  return [
    '  --python INTERPRETER',
    'the bundled Python driver (cpython-asyncio) run by this interpreter',
    "instead of python3 (pypy3, python3.12, a path): that Python's own",
    'asyncio.gather, named after the implementation and version it',
    'reports (pypy-3.9-asyncio, cpython-3.12-asyncio)',
  ].join(`\n${' '.repeat(indent)}`);
}

/**
 * The subjects that `--python` names in `command`, one per interpreter (repeat the option
 * for more); undefined, after saying why on stderr, when one of them is empty.
 */
export function pythonOption(
  interpreters: readonly string[] | undefined,
  command: string,
  io: CliIo,
): readonly { readonly python: string }[] | undefined {
  const given = interpreters ?? [];
  if (given.some((interpreter) => interpreter.trim() === '')) {
    io.stderr.write(`gather-sim ${command}: --python: expected an interpreter (pypy3, python3.12, a path), got ""\n`);
    return undefined;
  }
  return given.map((python) => ({ python }));
}
