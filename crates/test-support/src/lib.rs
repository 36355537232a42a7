//! What tests share across crates, and nothing else: [`conformance`], the
//! one storage suite every backend passes (instantiated with
//! [`conformance_suite!`]), and [`postgres`], test databases on the
//! throw-away PostgreSQL server of `scripts/with-postgres.sh`.
//!
//! Only ever a dev-dependency: `scripts/check-boundaries.sh` fails when a
//! crate has it among its normal or build dependencies.

pub mod conformance;
pub mod postgres;

#[doc(hidden)]
pub use schooldesk_store as store;
