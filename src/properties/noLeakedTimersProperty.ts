import { formatLeaks } from '../report/formatLeaks.js';
import { scenarioArbitrary } from './arbitraries.js';
import type { GatherProperty } from './GatherProperty.js';

/**
 * No leaked timers: no timer a gather call set (a global `setTimeout` or `setInterval`) is
 * still pending once that call, the gather and every task have settled. A nested gather call
 * still running when the outer gather settled has left nothing behind yet: its timers count
 * only once it settles too, at whatever depth. asyncio's gather sets none; a JavaScript one
 * that races a deadline, or warns of a slow gather, must clear it when it settles.
 */
export const noLeakedTimers: GatherProperty = {
  id: 'no-leaked-timers',
  rule: 'no leaked timers',
  statement: 'no timer a gather call set is still pending once that call, the gather and every task have settled',
  needs: [],
  arbitrary: scenarioArbitrary(),
  async check(scenario, subject) {
    const run = await subject.run(scenario);
    const timers = run.leaks.filter((leak) => leak.kind === 'timer');
    if (run.problems.length > 0) {
      return {
        ok: false,
        reason: run.problems.join('; '),
        expected: 'a gather that returns a promise and settles through the virtual clock',
        observed: formatLeaks(timers),
        run,
      };
    }
    if (timers.length === 0) return { ok: true };
    return {
      ok: false,
      reason: 'no timer a gather call set is still pending once that call, the gather and every task have settled',
      expected: [],
      observed: formatLeaks(timers),
      run,
    };
  },
};
