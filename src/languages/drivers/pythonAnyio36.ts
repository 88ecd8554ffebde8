import type { LanguageDriver } from '../LanguageDriver.js';

/** anyio 3.6's task group on its asyncio backend, on the CPython driver's virtual loop, run by Debian's python3. */
export const pythonAnyio36: LanguageDriver = {
  name: 'python-anyio-3.6',
  runtime: 'Python 3 anyio 3.6 (asyncio backend)',
  primitive: 'anyio task group',
  mapping:
    "One `start_soon` per distinct task in `async with create_task_group()`, each child in its own cancel scope, results read in argument order (a repeated index reads the same child: dedupe); cancelling the gather cancels a scope around the group; a child cancelled from outside leaves no result, so the gather ends as CancelledError; anyio's ExceptionGroup becomes its first error that is not a cancellation; a cancel scope's tasks are kept in creation order, and anyio's re-delivery spinning counts as idle on the virtual clock.",
  needs: [
    {
      program: '/usr/bin/python3',
      versionArgs: ['-c', 'from importlib.metadata import version; import anyio; print(version("anyio"))'],
      install: 'apt-get install python3-anyio',
    },
  ],
  sources: 'python-anyio-3.6',
  build: [],
  run: '/usr/bin/python3 {src}/anyio_driver.py',
  why: {
    'on-cancel-ignore':
      'A task group exits only when every child has left its scope (anyio/_backends/_asyncio.py:640-644, `while self.cancel_scope._tasks: await asyncio.wait(...)`), so a child that shields itself from the cancellation holds the first error back until the child ends.',
    'on-cancel-cleanup':
      'A task group exits only when every child has left its scope (anyio/_backends/_asyncio.py:640-644), so the first error surfaces once the cleanups it triggered have run.',
    error:
      "By design a child's exception cancels the group's scope and with it every sibling (anyio/_backends/_asyncio.py:742-743, `self._exceptions.append(exc)` then `self.cancel_scope.cancel()`), where asyncio.gather lets siblings run on.",
    'cancel-gather':
      "A task group's host waits in `asyncio.wait` and leaves it one step after its last child (anyio/_backends/_asyncio.py:640-644), so cancelling the scope around it at the instant the last child returns still reaches the hosts on their way out, and a cancelled group waits for every cleanup before the gather ends.",
    'cancel-task':
      'A scope that was cancelled directly swallows the CancelledError it caused (anyio/_backends/_asyncio.py:388-397), so a child cancelled through its own scope ends normally to its group, its siblings run on, and the gather, with no result for it, ends as CancelledError only when the group closes.',
  },
};
