import { expect, it, vi } from 'vitest';
import { gather as myGather, runScenario } from 'gather-sim';

it('a run leaves my fake timers where they were', async () => {
  vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
  const done = vi.fn();
  setTimeout(done, 15); // my timer, on my fake clock
  const run = await runScenario({ tasks: [{ sleep: 20, value: 'slow' }] }, myGather);
  expect(run.observation.gather).toEqual({ at: 20, value: [{ value: 'slow' }] }); // 20 virtual ms passed in the run,
  expect(Date.now()).toBe(Date.UTC(2030, 0, 1)); // none on my clock,
  expect(done).not.toHaveBeenCalled(); // which fires my timer when I say so
  vi.advanceTimersByTime(15);
  expect(done).toHaveBeenCalledOnce();
  vi.useRealTimers();
});
