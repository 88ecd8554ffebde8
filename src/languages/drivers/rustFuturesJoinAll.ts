import type { LanguageDriver } from '../LanguageDriver.js';
import { RUST_CRATE_NEEDS, RUST_CRATE_SOURCES, rustCrateBuild } from './rustCrate.js';

/** Rust's `futures::future::try_join_all` / `join_all` over plain, lazy futures, on a `LocalPool` with a virtual clock. */
export const rustFuturesJoinAll: LanguageDriver = {
  name: 'rust-futures-join-all',
  runtime: 'Rust (futures 0.3)',
  primitive: 'futures::future::try_join_all / join_all',
  mapping:
    'try_join_all for a fail-fast gather, join_all over Result futures for returnExceptions; cancelling the gather or a child aborts its `abortable` wrapper, which drops the future: onCancel cannot run, and a child the gather drops before its first poll never starts. A child passed twice is one Shared future.',
  needs: RUST_CRATE_NEEDS,
  sources: RUST_CRATE_SOURCES,
  build: rustCrateBuild('rust-futures-join-all'),
  run: '{out}/rust-futures-join-all',
  why: {
    error:
      'try_join_all drops every other child the instant one fails ("If any future returns an error then all other futures will be canceled", futures-util 0.3 try_join_all.rs), and a child it had not polled yet never starts: futures are lazy.',
    'on-cancel-ignore':
      'A cancelled future cannot ignore the request: an aborted `abortable` "will complete immediately without making any further progress" (futures-util 0.3 abortable.rs) and drops the future, which runs no code after its last poll.',
    'on-cancel-cleanup':
      'A cancelled future cannot take time to clean up: Rust has no async drop, so dropping a future (as abortable and try_join_all do) ends it at once.',
    'cancel-gather':
      'Aborting the gather drops it and every unfinished child with it at that instant, so it rejects at once whatever the children would do after a cancellation.',
    'cancel-task':
      'An aborted child ends at once with Aborted, which is an error to try_join_all, and try_join_all drops every other child ' +
      'the instant one fails, so a sibling cancelled from outside takes the others with it where asyncio lets them live on.',
  },
};
