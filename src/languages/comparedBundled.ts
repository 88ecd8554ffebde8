import type { RuntimeDescription } from './RuntimeDescription.js';

/** Why MicroPython's gather departs on a cancellation: it re-raises without waiting for its children. */
const MICROPYTHON_CANCELLED =
  "A cancelled MicroPython gather catches the cancellation (extmod/asyncio/funcs.py line 116), cancels its children (line 126) and re-raises at once (line 142) without waiting for them to settle, where CPython's waits for every child.";

/**
 * A bundled gather in the cross-language comparison: how `check` selects it (`args`) and
 * what the report says of it.
 */
export interface ComparedBundled extends RuntimeDescription {
  /** The arguments of `gather-sim check` that select it, like `["--python", "pypy3"]`. */
  readonly args: readonly string[];
}

/**
 * The gathers bundled with gather-sim that the cross-language report compares with the
 * language drivers (`npm run languages`), in its column order: Node's `Promise.all`, then
 * the four Pythons' own `asyncio.gather` (PyPy's when `pypy3` is installed). Their `why`
 * sentences are the findings of README's "asyncio.gather implementations compared".
 */
export const COMPARED_BUNDLED: readonly ComparedBundled[] = [
  {
    name: 'Promise.all',
    args: ['Promise.all'],
    runtime: `Node.js`,
    primitive: 'Promise.all (Promise.allSettled for return-exceptions)',
    mapping:
      'It takes no signal, so it claims no cancellation ("cancel the gather" is never sent); the first rejection is the one error, and a function passed twice is called twice (no de-duplication).',
    why: {},
  },
  {
    name: 'cpython-asyncio',
    args: ['cpython-asyncio'],
    runtime: 'CPython 3.11',
    primitive: 'asyncio.gather',
    mapping: 'The authority: the real asyncio.gather on an event loop whose selector jumps the clock.',
    why: {},
  },
  {
    name: 'cpython-3.14-pyodide',
    args: ['cpython-3.14-pyodide'],
    runtime: 'CPython 3.14 (Pyodide, WebAssembly)',
    primitive: 'asyncio.gather',
    mapping: "The 3.11 driver's own Python code, run inside Pyodide on a loop of its own that jumps the clock.",
    why: {},
  },
  {
    name: 'micropython-1.27-asyncio',
    args: ['micropython-1.27-asyncio'],
    runtime: 'MicroPython 1.27 (WebAssembly)',
    primitive: 'asyncio.gather',
    mapping:
      'Its gather has no future of its own, so "cancel the gather" is cancelling the task that awaits it; it claims returnExceptions and cancellation, not dedupe.',
    why: {
      duplicates:
        "MicroPython's gather refuses a task passed twice with RuntimeError(\"can't gather\") (extmod/asyncio/funcs.py line 105), and the slot's done callback then reads gather_task, which line 108 never assigned, so a NameError escapes the scheduler; CPython awaits the task once and gives its value twice.",
      error:
        "Once done, MicroPython's gather hands its children back as tasks nobody awaits (funcs.py line 124), and the port's loop reports a later failure as \"Task exception wasn't retrieved\" (ports/webassembly/asyncio/core.py lines 188 and 205); CPython's gather marks it retrieved.",
      'on-cancel-ignore': MICROPYTHON_CANCELLED,
      'on-cancel-cleanup': MICROPYTHON_CANCELLED,
      'cancel-gather': MICROPYTHON_CANCELLED,
      'cancel-task': MICROPYTHON_CANCELLED,
    },
  },
  {
    name: 'pypy-3.9-asyncio',
    args: ['--python', 'pypy3'],
    runtime: "PyPy 7.3 (Python 3.9's asyncio)",
    primitive: 'asyncio.gather',
    mapping:
      'The CPython driver run unchanged by pypy3; its finalizers run a major collection apart, so errors a never-completing return-exceptions gather leaves unretrieved go unreported (the protocol allows both).',
    why: {},
  },
];
