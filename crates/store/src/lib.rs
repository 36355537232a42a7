//! Storage for Schooldesk: the [`Backend`] trait every database implements
//! (with [`SessionStore`] for sign-in bookkeeping), the typed [`Store`] on
//! top of it, and [`StoreError`]. The one conformance suite every backend
//! must pass is in the dev-only `schooldesk-test-support` crate.
//!
//! A backend knows tables, columns and values ([`Table`], [`Val`]), not
//! students or classes: the mapping between domain records and rows lives
//! once, in [`tables`], and the SQL text once, in [`sql`]. What a backend adds
//! is binding, decoding, transactions and its dialect's error codes. That keeps
//! SQLite and PostgreSQL from drifting apart.
//!
//! This crate does no IO itself.

mod error;
pub mod sql;
pub mod tables;
mod typed;
mod value;

pub use error::{StoreError, StoreResult};
pub use typed::{ChangeSet, Store};
pub use value::{ColType, Column, Reader, Row, Table, Val};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use schooldesk_core::{AuditEvent, Id};

/// One write inside a [`Change`].
#[derive(Debug, Clone)]
pub enum Op {
    Insert {
        table: &'static Table,
        id: Id,
        values: Vec<Val>,
    },
    /// Applied only if the stored version is `expected_version`; otherwise the
    /// whole change is refused with [`StoreError::Conflict`].
    Update {
        table: &'static Table,
        id: Id,
        expected_version: i64,
        values: Vec<Val>,
    },
    Delete {
        table: &'static Table,
        id: Id,
        expected_version: i64,
    },
    /// Writes and audits nothing: the row must still be at
    /// `expected_version` (else the whole change is refused with
    /// [`StoreError::Conflict`]) and stays locked until the change ends, so
    /// a write of it from another change waits for this one (PostgreSQL
    /// locks the row; SQLite's write transaction holds the whole file).
    /// A change that depends on a row it does not write (a score save on
    /// its class's sign-off) holds it.
    Hold {
        table: &'static Table,
        id: Id,
        expected_version: i64,
    },
    /// An audit entry with no row change of its own (a login, a password reset).
    Event {
        action: &'static str,
        table_name: &'static str,
        record_id: Option<Id>,
        detail: Option<String>,
    },
}

/// Writes that succeed or fail together, with who made them and when. The
/// backend writes one audit event per op in the same transaction, unless
/// `audit_each_row` is off: then only the change's [`Op::Event`]s are
/// audited, and they must say what the change did (a bulk write, such as a
/// month's invoicing, audited as one event with its counts; each row still
/// carries who wrote it and when in its own columns).
#[derive(Debug, Clone)]
pub struct Change {
    pub actor_id: Option<Id>,
    pub actor_login: String,
    pub at: DateTime<Utc>,
    pub ops: Vec<Op>,
    pub audit_each_row: bool,
}

impl Change {
    /// Refuses text no backend may hold alike: PostgreSQL cannot store a NUL
    /// character and SQLite would, so a school holding one could not be
    /// copied between them. Validation refuses it in every form first; this
    /// is the last line, naming the record and the field.
    pub fn refuse_unstorable(&self) -> StoreResult<()> {
        for op in &self.ops {
            let (table, values) = match op {
                Op::Insert { table, values, .. } | Op::Update { table, values, .. } => {
                    (table, values)
                }
                _ => continue,
            };
            for (column, value) in table.columns.iter().zip(values) {
                if matches!(value, Val::Text(t) if t.contains('\0')) {
                    return Err(StoreError::Refused(format!(
                        "the {}'s {} contains a NUL character (U+0000), which cannot be stored; remove it and try again",
                        table.label, column.label
                    )));
                }
            }
        }
        Ok(())
    }
}

/// A condition in a [`Query`].
#[derive(Debug, Clone)]
pub enum Filter {
    Eq(&'static str, Val),
    IsNull(&'static str),
    IsNotNull(&'static str),
    In(&'static str, Vec<Val>),
    /// Case-insensitive "contains" over any of the columns.
    Contains(Vec<&'static str>, String),
    /// Full-text match on a column the migrations index for it (issue 13):
    /// every word must be among the column's words, the last one as the
    /// start of a word. The column holds lower-case words one space apart
    /// and so must the words (anything but letters and digits is dropped
    /// from them); SQLite reads them through its FTS5 table
    /// `<table>_fts`, PostgreSQL through a GIN index on
    /// `to_tsvector('simple', <column>)`. No words: no condition.
    Words(&'static str, Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Query {
    pub filters: Vec<Filter>,
    /// Columns to sort by, ascending; the id breaks ties.
    pub order_by: Vec<&'static str>,
    pub limit: Option<i64>,
}

impl Query {
    pub fn all() -> Self {
        Query::default()
    }
    pub fn filter(mut self, f: Filter) -> Self {
        self.filters.push(f);
        self
    }
    pub fn eq(self, column: &'static str, value: impl Into<Val>) -> Self {
        self.filter(Filter::Eq(column, value.into()))
    }
    pub fn order(mut self, column: &'static str) -> Self {
        self.order_by.push(column);
        self
    }
    pub fn limit(mut self, n: i64) -> Self {
        self.limit = Some(n);
        self
    }
}

/// Failed-login bookkeeping for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginState {
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// The answer to [`Backend::claim_login_attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginClaim {
    /// Locked: no password may be checked before `until`.
    Locked { until: DateTime<Utc> },
    /// This attempt may check its password. It has already been counted as
    /// failed attempt number `number` in a row; `locked_until` is the lock
    /// that count started, if any (it stands unless the password is right).
    Claimed {
        number: i64,
        locked_until: Option<DateTime<Utc>>,
    },
}

/// How long a login is locked after `n` failed attempts in a row (None: not
/// locked). The app's policy, handed to the store so that counting and
/// locking happen in one step.
pub type LockSchedule<'a> = &'a (dyn Fn(i64) -> Option<chrono::Duration> + Send + Sync);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_id: Id,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// Which audit events to read, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub table_name: Option<String>,
    pub record_id: Option<Id>,
    /// Words a person typed (a student's name): events whose before or
    /// after holds every word (any case), every event of a record that one
    /// of those is about, and events of records that refer to such a record
    /// (a student's enrollments and guardian links; followed for the first
    /// [`sql::AUDIT_SEARCH_RECORDS`] records the words find).
    pub text: Option<String>,
    pub limit: i64,
}

/// Everything a school database holds, read at one moment.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub tables: Vec<(&'static Table, Vec<Row>)>,
    pub audit: Vec<AuditEvent>,
}

impl Snapshot {
    /// Records per table, then `audit_events`: what a copy must match.
    pub fn counts(&self) -> Vec<(&'static str, i64)> {
        self.tables
            .iter()
            .map(|(t, rows)| (t.name, rows.len() as i64))
            .chain([("audit_events", self.audit.len() as i64)])
            .collect()
    }
}

/// A column as the database describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveColumn {
    pub name: String,
    /// As the database names it: `TEXT` (SQLite), `timestamp with time zone`.
    pub sql_type: String,
    pub nullable: bool,
}

/// Where the schema stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaStatus {
    /// Migration versions this build of the app knows.
    pub known: Vec<i64>,
    /// Migration versions applied to the database.
    pub applied: Vec<i64>,
}

impl SchemaStatus {
    pub fn is_current(&self) -> bool {
        self.known == self.applied
    }
}

/// Who is signed in and how many sign-ins failed: the bookkeeping beside
/// the school records, reached through [`Backend::sessions`]. These rows are
/// not records: no version, no audit event per row, each call its own
/// transaction. What a person did is audited through [`Backend::apply`] (the
/// `login`, `login_failed` and `password_reset` events); the session and
/// counter rows only say what is in force now. Counting a failed attempt
/// happens *before* the password is checked and must not wait for the audit
/// write, which is why it is not an [`Op`].
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Claims one login attempt for `login` (a login name, whether or not an
    /// account has it), in one step that parallel attempts cannot interleave:
    /// while the login is locked the answer is [`LoginClaim::Locked`] and
    /// nothing changes; otherwise the failure count goes up by one *before*
    /// the password is checked, and the lock `schedule` gives for the new
    /// count starts at `now`. So however many attempts run at once, no more
    /// passwords are checked than the schedule allows.
    async fn claim_login_attempt(
        &self,
        login: &str,
        now: DateTime<Utc>,
        schedule: LockSchedule<'_>,
    ) -> StoreResult<LoginClaim>;
    /// The password of claim number `claimed` was right: that attempt and the
    /// ones claimed before it are forgotten; attempts claimed after it stay
    /// counted (and keep their lock if the rest still earns one).
    /// `i64::MAX` forgets every attempt (an admin's password reset).
    async fn forget_login_attempts(
        &self,
        login: &str,
        claimed: i64,
        schedule: LockSchedule<'_>,
    ) -> StoreResult<()>;
    /// The failure count and lock of a login name, for tests and `doctor`.
    async fn login_attempts(&self, login: &str) -> StoreResult<LoginState>;

    async fn login_state(&self, user_id: Id) -> StoreResult<LoginState>;
    async fn set_login_state(&self, user_id: Id, state: &LoginState) -> StoreResult<()>;
    async fn put_session(&self, session: &SessionRow) -> StoreResult<()>;
    async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRow>>;
    async fn touch_session(&self, token_hash: &str, at: DateTime<Utc>) -> StoreResult<()>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    async fn delete_user_sessions(&self, user_id: Id) -> StoreResult<()>;
}

/// What every database backend implements. Object-safe: the app chooses the
/// backend once, at start-up, and holds it as `Arc<dyn Backend>`.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// "sqlite" or "postgres", for messages and `doctor`.
    fn kind(&self) -> &'static str;
    /// Applies every op in one transaction with its audit events, or none.
    /// Returns the row each insert or update left (None for deletes, events,
    /// and the updates of a run in a change audited by its events alone,
    /// which are not read back; see [`Change::audit_each_row`]).
    async fn apply(&self, change: Change) -> StoreResult<Vec<Option<Row>>>;
    async fn get(&self, table: &'static Table, id: Id) -> StoreResult<Option<Row>>;
    async fn select(&self, table: &'static Table, query: &Query) -> StoreResult<Vec<Row>>;
    async fn count(&self, table: &'static Table) -> StoreResult<i64>;
    /// Runs one of the read-only aggregate reports in [`sql::reports`]
    /// with `values` bound in order; each row decoded by the report's
    /// column types.
    async fn report(&self, report: &sql::Report, values: &[Val]) -> StoreResult<Vec<Vec<Val>>>;
    async fn audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEvent>>;
    async fn count_audit(&self) -> StoreResult<i64>;

    /// Sessions and login state: see [`SessionStore`].
    fn sessions(&self) -> &dyn SessionStore;

    /// Reads every row of `tables` and the whole audit trail in one read-only
    /// transaction, so the result is one moment of the school even while
    /// others write (REPEATABLE READ on PostgreSQL, one read transaction on
    /// SQLite).
    async fn snapshot(&self, tables: &[&'static Table]) -> StoreResult<Snapshot>;

    /// Runs each query in one read-only transaction, as [`Backend::snapshot`]
    /// does for whole tables: the answers are one moment of the school even
    /// while others write (a paper and its questions read while a fill
    /// replaces them never mix the two).
    async fn select_many(&self, queries: &[(&'static Table, Query)]) -> StoreResult<Vec<Vec<Row>>>;

    /// Writes rows exactly as given (ids, versions, times) and audit events,
    /// with no new audit of its own: for copying a whole school between
    /// backends. Refused unless every table it writes to is empty; other
    /// writers are kept out while it runs; it checks every table's count
    /// before it commits, so it writes all or nothing. A record that cannot
    /// be written is named in the error (table, id, first text column).
    async fn load(&self, snapshot: Snapshot) -> StoreResult<()>;

    async fn schema_status(&self) -> StoreResult<SchemaStatus>;

    /// The names of the tables the database holds.
    async fn live_tables(&self) -> StoreResult<Vec<String>>;
    /// The columns of the table `table` as the database holds them, in its
    /// order (none if there is no such table): what the schema test holds
    /// every table declaration to.
    async fn live_columns(&self, table: &str) -> StoreResult<Vec<LiveColumn>>;
    /// The type [`Backend::live_columns`] reports for a column of type `ty`.
    fn sql_type(&self, ty: ColType) -> &'static str;

    async fn close(&self);
}
