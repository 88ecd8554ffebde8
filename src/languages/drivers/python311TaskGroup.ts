import type { LanguageDriver } from '../LanguageDriver.js';

/** Python 3.11's `asyncio.TaskGroup`, on the CPython driver's virtual loop, run by Debian's python3. */
export const python311TaskGroup: LanguageDriver = {
  name: 'python-3.11-taskgroup',
  runtime: 'Python 3.11',
  primitive: 'asyncio.TaskGroup',
  mapping:
    'One `create_task` per distinct task in `async with TaskGroup()`, results read in argument order (a repeated index reads the same task: dedupe); cancelling the gather cancels the task running the `async with`; the ExceptionGroup becomes its first error (the earliest child to fail).',
  needs: [
    {
      program: '/usr/bin/python3',
      versionArgs: ['-c', 'import asyncio, sys; asyncio.TaskGroup; print(sys.version)'],
      install: 'apt-get install python3 (3.11 or later)',
    },
  ],
  sources: 'python-3.11-taskgroup',
  build: [],
  run: '/usr/bin/python3 {src}/taskgroup_driver.py',
  why: {
    'on-cancel-ignore':
      'A TaskGroup exits only when every child has finished (Lib/asyncio/taskgroups.py:93, `while self._tasks: await self._on_completed_fut`), so a child that ignores the cancellation the group sent it on the first error holds the error back until the child ends.',
    'on-cancel-cleanup':
      'A TaskGroup exits only when every child has finished (Lib/asyncio/taskgroups.py:93), so the first error surfaces when the cleanups it started have run, not at the instant of the failure.',
    error:
      'By design the first failing child cancels every sibling and the parent task (Lib/asyncio/taskgroups.py:216-218, `self._abort()` then `self._parent_task.cancel()`; the docs: "the remaining tasks in the group are cancelled"), where asyncio.gather lets siblings run on.',
    'cancel-gather':
      "Cancelling the task in `async with` is seen only in `__aexit__`, one step after the children (Lib/asyncio/taskgroups.py:105-110): at the instant the last child returns it still ends the gather as CancelledError with every child finished, and during a cleanup the group waits for it (:93), where asyncio.gather settles in its last child's done callback and rejects as soon as a child ends cancelled.",
    'cancel-task':
      'A child cancelled from outside is no error to a TaskGroup (Lib/asyncio/taskgroups.py:175, `if task.cancelled(): return`): its siblings run on and the group ends with the last of them, where asyncio.gather rejects at once with CancelledError.',
  },
};
