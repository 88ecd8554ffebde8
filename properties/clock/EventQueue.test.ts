import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type ClockEvent } from '../../src/clock/EventQueue.js';
import { SUITE_SEED } from '../seed.js';

/** One step on a queue: schedule at a time, cancel the n-th event scheduled, take the k-th due one. */
type Step =
  | { readonly kind: 'add'; readonly at: number }
  | { readonly kind: 'cancel'; readonly nth: number }
  | { readonly kind: 'take'; readonly index: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('cancel' as const), nth: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('take' as const), index: fc.nat({ max: 4 }) }),
);

describe('EventQueue', () => {
  it('takes events as a sorted list would: earliest instant first, first-in-first-out within it, cancelled ones never', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const queue = new EventQueue();
        const made: { readonly id: number; readonly event: ClockEvent }[] = [];
        // The model: waiting ids with their times, in the order they were scheduled.
        let model: { readonly id: number; readonly at: number }[] = [];
        for (const one of steps) {
          if (one.kind === 'add') {
            const id = made.length;
            made.push({ id, event: queue.add(one.at, () => undefined) });
            model.push({ id, at: one.at });
          } else if (one.kind === 'cancel') {
            const target = made[one.nth];
            if (target === undefined) continue;
            target.event.cancel();
            model = model.filter((entry) => entry.id !== target.id);
          } else {
            const earliest = Math.min(...model.map((entry) => entry.at));
            const due = model.filter((entry) => entry.at === earliest);
            expect(queue.dueCount()).toBe(due.length);
            expect(queue.peek()).toBe(due[0] === undefined ? undefined : made[due[0].id]?.event);
            const expected = due[one.index];
            const taken = queue.take(one.index);
            expect(taken).toBe(expected === undefined ? undefined : made[expected.id]?.event);
            if (expected !== undefined) model = model.filter((entry) => entry.id !== expected.id);
          }
        }
      }),
      { seed: SUITE_SEED, numRuns: 500 },
    );
  });

  it('leaves a taken event out of the counts when it is cancelled afterwards', () => {
    const queue = new EventQueue();
    const first = queue.add(5, () => undefined);
    queue.add(5, () => undefined);
    expect(queue.take(0)).toBe(first);
    first.cancel();
    expect(queue.dueCount()).toBe(1);
  });
});
