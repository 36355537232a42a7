//! The one error type of the storage layer. Every variant carries a message a
//! school office can act on; driver text stays in the logs.

use chrono::{DateTime, Utc};
use schooldesk_core::Id;

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },

    /// An update or delete named a version that is no longer the stored one.
    #[error("this {what} was changed by someone else (now version {current_version}, changed {updated_at}); reload it and try again")]
    Conflict {
        what: &'static str,
        id: Id,
        current_version: i64,
        updated_at: DateTime<Utc>,
        updated_by: Option<Id>,
    },

    #[error("a {what} with {field} {value} already exists")]
    Duplicate {
        what: &'static str,
        field: String,
        value: String,
    },

    /// A delete refused because other records still point at this one.
    #[error("this {what} is still used by other records; remove those first")]
    InUse { what: &'static str },

    /// An insert or update pointing at a record that does not exist.
    #[error("the {what} refers to a record that does not exist")]
    MissingReference { what: &'static str },

    #[error("the database was written by a newer version of Schooldesk (schema version {version}); install the newer Schooldesk to open it")]
    NewerDatabase { version: i64 },

    #[error("cannot reach the database: {0}")]
    Unavailable(String),

    #[error("the database refused the login: {0}")]
    AccessDenied(String),

    #[error("the database file is locked by another program; close other copies of Schooldesk and try again")]
    Busy,

    #[error("the database is damaged: {0}")]
    Corrupt(String),

    #[error("{0}")]
    Refused(String),

    #[error("unexpected database error; see the log for details")]
    Internal(String),
}
