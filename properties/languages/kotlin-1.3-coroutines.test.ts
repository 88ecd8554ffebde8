import { describe, expect, it } from 'vitest';
import { kotlin13Coroutines } from '../../src/languages/drivers/kotlin13Coroutines.js';
import { checkVerdicts, observe, preparedDriver } from './javaAndKotlinDrivers.js';

const cancelled = { name: 'CancelledError', message: '' };

describe("Kotlin's coroutineScope { async } + awaitAll, through the kotlin-1.3-coroutines driver", () => {
  it(
    'departs on errors (structured concurrency cancels the siblings) and passes order, success, empty and determinism',
    { timeout: 300_000 },
    async ({ skip }) => {
      await preparedDriver(kotlin13Coroutines, skip);
      const verdicts = await checkVerdicts(kotlin13Coroutines.name, 25);
      expect(verdicts.statuses).toEqual({
        start: 'pass',
        order: 'pass',
        success: 'pass',
        'fail-fast': 'fail',
        'siblings-live-on': 'fail',
        'return-exceptions': 'n/a',
        empty: 'pass',
        'outer-cancellation': 'fail',
        'child-cancellation': 'fail',
        'cancel-after-done': 'fail',
        nesting: 'fail',
        concurrency: 'fail',
        'no-unhandled': 'pass',
        'no-leaked-timers': 'pass',
        determinism: 'pass',
        oracle: 'fail',
      });
      expect(verdicts.triggers).toEqual(['on-cancel-cleanup', 'on-cancel-ignore', 'error']);
    },
  );

  it(
    'cancels the siblings at the first failure and settles once they have finished, with that failure; a cancelled Job never returns a value',
    { timeout: 300_000 },
    async ({ skip }) => {
      const command = await preparedDriver(kotlin13Coroutines, skip);
      const [cleanupError, ignored, atOnce, cancelGather] = await observe(command, [
        {
          tasks: [
            { sleep: 10, error: { name: 'First', message: 'f' } },
            { sleep: 30, value: 1, onCancel: { cleanup: 5, error: { name: 'Cleanup', message: 'c' } } },
          ],
        },
        {
          tasks: [
            { sleep: 10, error: { name: 'First', message: 'f' } },
            { sleep: 30, value: 1, onCancel: 'ignore' },
          ],
        },
        {
          tasks: [
            { sleep: 0, error: { name: 'First', message: 'f' } },
            { sleep: 20, value: 1 },
          ],
        },
        { tasks: [{ sleep: 20, value: 1 }], cancelGatherAt: 10 },
      ]);
      expect(cleanupError?.gather).toEqual({ at: 15, error: { name: 'First', message: 'f', task: 0 } });
      expect(cleanupError?.tasks[1]).toEqual({ started: 0, settled: 15, outcome: 'error', cancelRequested: 10 });
      expect(ignored?.gather).toEqual({ at: 30, error: { name: 'First', message: 'f', task: 0 } });
      expect(ignored?.tasks[1]).toEqual({ started: 0, settled: 30, outcome: 'cancelled', cancelRequested: 10 });
      // A failure in the first step cancels a sibling before it ever ran.
      expect(atOnce?.tasks[1]).toEqual({ started: null, settled: 0, outcome: 'cancelled', cancelRequested: null });
      expect(cancelGather?.gather).toEqual({ at: 10, error: cancelled });
      expect(cancelGather?.tasks).toEqual([{ started: 0, settled: 10, outcome: 'cancelled', cancelRequested: 10 }]);
    },
  );
});
