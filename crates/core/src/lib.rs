//! Schooldesk's domain: the school records, the rules that make a record
//! valid, and the role/permission policy.
//!
//! This crate does no IO — no database, no files, no network — so everything
//! here is quick to test and cannot fail for outside reasons. Storage lives in
//! `schooldesk-store`, use-cases in `schooldesk-app`.

pub mod attendance;
pub mod descriptions;
pub mod exam;
pub mod fees;
pub mod grading;
pub mod policy;
pub mod qbank;
pub mod records;
pub mod validate;
pub mod week;

pub use policy::{Abilities, Action, Actor, Role, Target};
pub use records::*;
pub use validate::{FieldError, Invalid, Msg};

/// Every record's identifier: a UUID v7, the same value on SQLite and on
/// PostgreSQL, so a school can move between backends without renumbering.
pub type Id = uuid::Uuid;

/// A new, time-ordered identifier.
pub fn new_id() -> Id {
    uuid::Uuid::now_v7()
}
