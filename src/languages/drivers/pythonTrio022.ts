import type { LanguageDriver } from '../LanguageDriver.js';

/** trio 0.22's nursery on `trio.testing.MockClock`, run by Debian's python3 (where python3-trio installs). */
export const pythonTrio022: LanguageDriver = {
  name: 'python-trio-0.22',
  runtime: 'Python 3 trio 0.22',
  primitive: 'trio nursery',
  mapping:
    'One `start_soon` per distinct task in `async with open_nursery()`, each child in its own cancel scope, results read in argument order (a repeated index reads the same child: dedupe); cancelling the gather cancels a scope around the nursery; a child cancelled from outside leaves no result, so the gather ends as CancelledError; a MultiError becomes its first error; the scheduler randomness and id tie-breaks are fixed to creation order.',
  needs: [
    {
      program: '/usr/bin/python3',
      versionArgs: ['-c', 'import trio; print(trio.__version__)'],
      install: 'apt-get install python3-trio',
    },
  ],
  sources: 'python-trio-0.22',
  build: [],
  run: '/usr/bin/python3 {src}/trio_driver.py',
  why: {
    'on-cancel-cleanup':
      'A nursery exits only when every child has finished (trio/_core/_run.py:966-975, "still wait until our children finish"), so the first error surfaces once the cleanups it triggered have run.',
    'on-cancel-ignore':
      'A nursery exits only when every child has finished (trio/_core/_run.py:966-975), so a child that shields itself from the cancellation holds the first error back until the child ends.',
    error:
      "By design a child's error cancels the nursery's scope and with it every sibling (trio/_core/_run.py:941-943, `_add_exc` then `self.cancel_scope.cancel()`), where asyncio.gather lets siblings run on.",
    'cancel-gather':
      'A nursery closes one scheduling step after its last child (trio/_core/_run.py:945-950, `_check_nursery_closed` reschedules the parent), so cancelling the scope around it at the instant the last child returns ends the gather as CancelledError with every child finished, and a cancelled nursery still waits for every cleanup (:966-975).',
    'cancel-task':
      'A child whose own cancel scope caught its cancellation ends normally to its nursery (trio/_core/_run.py:952-956 reacts only to an Error outcome), so its siblings run on and the gather, with no result for it, ends as CancelledError only when the nursery closes.',
  },
};
