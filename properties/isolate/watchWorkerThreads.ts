import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach } from 'vitest';

/**
 * The worker threads started from this thread while each test of the calling file runs, by
 * thread id, as Node's `worker_threads` diagnostics channel announces them: one array,
 * emptied before each test. Call it once at the top of a test file.
 */
export function watchWorkerThreads(): readonly number[] {
  const threads: number[] = [];
  const count = (message: unknown): void => {
    threads.push((message as { readonly worker: Worker }).worker.threadId);
  };
  beforeEach(() => {
    threads.length = 0;
    subscribe('worker_threads', count);
  });
  afterEach(() => {
    unsubscribe('worker_threads', count);
  });
  return threads;
}
