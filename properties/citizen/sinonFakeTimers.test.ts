import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';

const twoTasks = {
  tasks: [
    { sleep: 10, value: 1 },
    { sleep: 20, value: 2 },
  ],
};

describe('a run inside a test that installed its own @sinonjs/fake-timers clock', () => {
  it('leaves that clock installed, where it was, and ticking its timers', async () => {
    const clock = FakeTimers.install({ now: 1000 });
    try {
      const installed = { setTimeout: globalThis.setTimeout, Date: globalThis.Date };
      const fired: number[] = [];
      setTimeout(() => fired.push(Date.now()), 10);
      await runScenario(twoTasks, gather);
      expect({ setTimeout: globalThis.setTimeout, Date: globalThis.Date }).toEqual(installed);
      expect([clock.now, fired]).toEqual([1000, []]);
      clock.tick(10);
      expect(fired).toEqual([1010]);
    } finally {
      clock.uninstall();
    }
  });
});
