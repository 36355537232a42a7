//! The app's error: what the UI and the CLI show. Each variant has a stable
//! `kind` for the UI to branch on and a message a person can act on; driver
//! details never reach it (they are logged by the store).

use chrono::{DateTime, Utc};
use schooldesk_core::{FieldError, Invalid};
use schooldesk_store::StoreError;

pub type AppResult<T> = Result<T, AppError>;

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The spreadsheet row number as the user sees it (the header is row 1).
    pub row: usize,
    pub column: String,
    /// The English sentence.
    pub reason: String,
    /// A code and its values for translation; empty code if none.
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl RowProblem {
    pub fn new(
        row: usize,
        column: impl Into<String>,
        reason: impl Into<schooldesk_core::Msg>,
    ) -> Self {
        let m = reason.into();
        RowProblem {
            row,
            column: column.into(),
            reason: m.text,
            code: m.code,
            params: m.params,
        }
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}, column {}: {}",
            self.row, self.column, self.reason
        )
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(Invalid),

    #[error("you are not allowed to {0}")]
    NotAllowed(&'static str),

    #[error("your session has ended; please log in again")]
    SessionExpired,

    /// The password was chosen by someone else (an initial password, an
    /// administrator's reset): nothing is allowed until it is changed.
    #[error("choose your own password first")]
    PasswordChangeRequired,

    #[error("wrong login or password")]
    WrongLogin,

    #[error("this account is disabled; ask the administrator")]
    AccountDisabled,

    #[error("too many failed logins; try again after {until}")]
    LockedOut { until: DateTime<Utc> },

    #[error("the file has {} problem(s); nothing was imported. First: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    ImportRejected(Vec<RowProblem>),

    #[error("{0}")]
    Setup(String),

    /// A checked import whose school changed before it was written: what
    /// was checked (who is new, who is the same person) may no longer hold.
    #[error("the school's records changed since this file was checked (the latest change: {action} at {at}); nothing was imported, check the file again")]
    ImportStale { action: String, at: DateTime<Utc> },

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        AppError::Invalid(e)
    }
}

impl AppError {
    /// A stable name for the UI and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotAllowed(_) => "forbidden",
            AppError::SessionExpired => "session_expired",
            AppError::PasswordChangeRequired => "password_change_required",
            AppError::WrongLogin => "wrong_login",
            AppError::AccountDisabled => "account_disabled",
            AppError::LockedOut { .. } => "locked_out",
            AppError::ImportRejected(_) => "import_rejected",
            AppError::Setup(_) => "setup",
            AppError::ImportStale { .. } => "import_stale",
            AppError::Store(e) => match e {
                StoreError::NotFound { .. } => "not_found",
                StoreError::Conflict { .. } => "conflict",
                StoreError::Duplicate { .. } => "duplicate",
                StoreError::InUse { .. } => "in_use",
                StoreError::MissingReference { .. } => "missing_reference",
                StoreError::NewerDatabase { .. } => "newer_database",
                StoreError::Unavailable(_) => "unavailable",
                StoreError::AccessDenied(_) => "access_denied",
                StoreError::Busy => "busy",
                StoreError::Corrupt(_) => "corrupt",
                StoreError::Refused(_) => "refused",
                StoreError::Internal(_) => "internal",
            },
        }
    }

    /// Per-field messages for forms.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(invalid) => &invalid.0,
            _ => &[],
        }
    }

    pub(crate) fn field(field: &'static str, message: impl Into<schooldesk_core::Msg>) -> AppError {
        AppError::Invalid(Invalid(vec![FieldError::new(field, message)]))
    }
}
