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
  why: {},
};
