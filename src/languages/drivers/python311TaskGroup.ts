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
  why: {},
};
