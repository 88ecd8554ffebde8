import { describe, expect, it } from 'vitest';
import { java17CompletableFuture } from '../../src/languages/drivers/java17CompletableFuture.js';
import { checkVerdicts, observe, preparedDriver } from './javaAndKotlinDrivers.js';

const cancelled = { name: 'CancelledError', message: '' };

describe("Java 17's CompletableFuture.allOf, through the java-17-completablefuture driver", () => {
  it(
    'departs on errors, gather cancellation and onCancel, and passes order, success, empty and determinism',
    { timeout: 300_000 },
    async ({ skip }) => {
      await preparedDriver(java17CompletableFuture, skip);
      const verdicts = await checkVerdicts(java17CompletableFuture.name, 25);
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
      expect(verdicts.triggers).toEqual(['error']);
    },
  );

  it(
    'waits for every child and fails with the first failed child by argument order; cancel() completes a future at once and reaches no child',
    { timeout: 300_000 },
    async ({ skip }) => {
      const command = await preparedDriver(java17CompletableFuture, skip);
      const [twoErrors, cancelGather, cancelTask] = await observe(command, [
        {
          tasks: [
            { sleep: 20, error: { name: 'Late', message: 'l' } },
            { sleep: 10, error: { name: 'Early', message: 'e' } },
          ],
        },
        { tasks: [{ sleep: 20, value: 1 }], cancelGatherAt: 10 },
        {
          tasks: [{ sleep: 20, value: 1, onCancel: { cleanup: 10, error: { name: 'Cleanup', message: 'c' } } }],
          cancelTasks: [{ task: 0, at: 5 }],
        },
      ]);
      expect(twoErrors?.gather).toEqual({ at: 20, error: { name: 'Late', message: 'l', task: 0 } });
      expect(cancelGather?.gather).toEqual({ at: 10, error: cancelled });
      expect(cancelGather?.tasks).toEqual([{ started: 0, settled: 20, outcome: 'value', cancelRequested: null }]);
      expect(cancelTask?.gather).toEqual({ at: 5, error: cancelled });
      expect(cancelTask?.tasks).toEqual([{ started: 0, settled: 5, outcome: 'cancelled', cancelRequested: 5 }]);
    },
  );
});
