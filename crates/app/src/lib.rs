//! Schooldesk's use-cases: what the desktop shell and the command line call.
//!
//! Every use-case here checks the caller's permission (through
//! `schooldesk_core::policy`), validates input, and writes through the store in
//! one transaction with its audit events. Neither the shell nor the CLI holds
//! business logic of its own; neither depends on how a backend works.

pub mod accounts;
pub mod attendance;
pub mod auth;
pub mod calendar;
mod clock;
mod database;
pub mod descriptions;
mod error;
pub mod exam;
pub mod exam_gradebook;
pub mod exam_results;
pub mod fees;
pub mod fees_access;
pub mod fees_bank;
pub mod fees_print;
pub mod fees_view;
pub mod gradebook;
pub mod gradebook_sheet;
pub mod qbank;
pub mod qbank_view;
pub mod records;
pub mod report;
pub mod sample;
mod sample_results;
pub mod sheet;
pub mod timetable;
pub mod timetable_fet;
pub mod timetable_view;
pub mod transfer;

pub use accounts::{ClassLogins, InitialLogin, LoginLink};
pub use auth::{NewUser, Session, SessionPolicy};
pub use clock::{Clock, FixedClock, SystemClock};
pub use database::{probe, DatabaseUrl, Probe};
pub use error::{action_code, AppError, AppResult, RowProblem};

use schooldesk_store::Store;
use schooldesk_store_sqlite::SqliteStore;
use std::sync::Arc;

/// See [`App::health`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// "sqlite" or "postgres".
    pub backend: &'static str,
    pub schema: schooldesk_store::SchemaStatus,
}

/// An open school database and the services around it.
#[derive(Clone)]
pub struct App {
    store: Store,
    url: DatabaseUrl,
    /// Set when the backend is SQLite: backups use its file-level features.
    sqlite: Option<Arc<SqliteStore>>,
    clock: Arc<dyn Clock>,
    sessions: SessionPolicy,
}

impl App {
    /// Opens the database at `url`. With `create`, a missing SQLite file is
    /// created (that is what `init` does); otherwise it must exist.
    pub async fn open(url: &DatabaseUrl, create: bool) -> AppResult<App> {
        let (store, sqlite) = database::open(url, create).await?;
        Ok(App {
            store,
            url: url.clone(),
            sqlite,
            clock: Arc::new(SystemClock),
            sessions: SessionPolicy::default(),
        })
    }

    /// Replaces the clock (tests move time forward to expire sessions).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_session_policy(mut self, policy: SessionPolicy) -> Self {
        self.sessions = policy;
        self
    }

    /// The store, unchecked: for this crate's use-cases, which check the
    /// caller first. Not public, so the shell and the CLI cannot read past
    /// the policy (issue 10, item 11).
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Whether the database answers and its schema is current: what
    /// `doctor` shows before anyone signs in. Holds no school data.
    pub async fn health(&self) -> AppResult<Health> {
        let backend = self.store.backend();
        Ok(Health {
            backend: backend.kind(),
            schema: backend.schema_status().await?,
        })
    }

    pub async fn close(&self) {
        self.store.backend().close().await;
    }
}
