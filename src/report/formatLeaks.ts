import type { Leak, LeakOwner } from '../executor/Leak.js';
import { formatError } from './formatResult.js';

function who(owner: LeakOwner): string {
  return owner.by === 'gather' ? 'the gather' : `task ${owner.task}`;
}

/**
 * What a run left behind, one line each: `leak: the gather left a setTimeout pending (set
 * at 0 ms, due at 60000 ms) when it and every task had settled at 1000 ms`, or `leak: an
 * unhandled rejection with APIError("x") from task 1`. Pure.
 */
export function formatLeaks(leaks: readonly Leak[]): string[] {
  return leaks.map((leak) => {
    if (leak.kind === 'unhandled') {
      const { owner, error } = leak;
      const origin =
        owner.by === 'gather'
          ? ', raised by the gather'
          : error.task === owner.task
            ? ''
            : `, from within task ${owner.task} (its nested gather)`;
      return `leak: an unhandled rejection with ${formatError(error)}${origin}`;
    }
    const timer = leak.interval === undefined ? 'a setTimeout' : `a setInterval (every ${leak.interval} ms)`;
    const place = leak.owner.by === 'gather' ? 'the gather' : `${who(leak.owner)} (its nested gather)`;
    return `leak: ${place} left ${timer} pending (set at ${leak.createdAt} ms, due at ${leak.dueAt} ms) when the gather and every task had settled at ${leak.settledAt} ms`;
  });
}
