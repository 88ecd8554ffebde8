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
  why: {},
};
