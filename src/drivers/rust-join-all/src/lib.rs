//! What the two Rust drivers share: the scenario, the outcome of a child and the gather
//! itself (`join`: futures' `try_join_all` / `join_all`), the record of a run, and the
//! gather-sim/1 line loop. Each driver (`src/bin/`) brings its executor and virtual clock.

pub mod ledger;
pub mod outcome;
pub mod protocol;
pub mod scenario;
pub mod slots;
