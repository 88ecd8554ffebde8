import type { LanguageDriver } from '../LanguageDriver.js';
import { RUST_CRATE_NEEDS, RUST_CRATE_SOURCES, rustCrateBuild } from './rustCrate.js';

/** Rust's `futures::future::try_join_all` / `join_all` over the `JoinHandle`s of tokio tasks, on a paused `current_thread` runtime. */
export const rustTokioJoinAll: LanguageDriver = {
  name: 'rust-tokio-join-all',
  runtime: 'Rust (tokio 1)',
  primitive: 'futures::future::try_join_all / join_all over tokio::spawn JoinHandles',
  mapping:
    'Every child is tokio::spawned and the gather (try_join_all, or join_all over Results for returnExceptions) awaits the JoinHandles in a task of its own; cancelling the gather aborts that task, which drops the handles and so detaches the children, and cancelling a child aborts its task, which drops its future: onCancel cannot run. A child passed twice is one Shared future.',
  needs: [
    ...RUST_CRATE_NEEDS,
    { file: '/usr/share/doc/librust-tokio-dev/copyright', install: 'apt-get install librust-tokio-dev' },
  ],
  sources: RUST_CRATE_SOURCES,
  build: rustCrateBuild('rust-tokio-join-all', ['tokio']),
  run: '{out}/rust-tokio-join-all',
  why: {
    'cancel-gather':
      'Aborting the task that awaits the gather drops try_join_all and the JoinHandles, and "a JoinHandle detaches the associated task when it is dropped" (tokio 1.24, runtime/task/join.rs): the children run on, never asked to cancel.',
    'on-cancel-ignore':
      'JoinHandle::abort cancels a task by dropping its future; the task cannot catch or ignore that, so awaiting it gives a cancelled JoinError at once.',
    'on-cancel-cleanup':
      'An aborted task is dropped, and Rust has no async drop: no cleanup can take time after JoinHandle::abort.',
    'cancel-task':
      "Aborting a child's task ends it at once with a cancelled JoinError, whatever its script would do after a cancellation.",
  },
};
