//! The app's error: what the UI and the CLI show. Each variant has a stable
//! `kind` for the UI to branch on and a message a person can act on; driver
//! details never reach it (they are logged by the store).

use chrono::{DateTime, Utc};
use schooldesk_core::policy::Action;
use schooldesk_core::{FieldError, Invalid, Msg};
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

    /// What the user may not do: the sentence "you are not allowed to …",
    /// with a code and values for the UI's words (see [`AppError::refused`]).
    #[error("{0}")]
    NotAllowed(Msg),

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
    Setup(Msg),

    /// A checked import whose school changed before it was written: what
    /// was checked (who is new, who is the same person) may no longer hold.
    #[error("the school's records changed since this file was checked (the latest change: {action} at {at}); nothing was imported, check the file again")]
    ImportStale { action: String, at: DateTime<Utc> },

    /// Approved grades (issue 12, item 6): nothing of that class and
    /// semester changes until an administrator unlocks them.
    #[error("{0}")]
    Locked(Msg),

    /// Gradebook cells refused (issue 12, item 3): every bad one, by
    /// student and column; nothing was saved.
    #[error("{} cell(s) refused; nothing was saved. First: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    CellsRejected(Vec<crate::gradebook::CellProblem>),

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
            AppError::Locked(_) => "locked",
            AppError::CellsRejected(_) => "cells_rejected",
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

    /// "You are not allowed to `what`", refused by the policy for `action`:
    /// the UI says it with the action's own words.
    pub fn refused(action: Action, what: &str) -> AppError {
        AppError::NotAllowed(
            Msg::new("not_allowed", format!("you are not allowed to {what}"))
                .with("action", action_code(action)),
        )
    }

    /// A set-up or file problem with a code for the UI's words.
    pub fn setup(code: &'static str, text: impl Into<String>) -> AppError {
        AppError::Setup(Msg::new(code, text))
    }

    /// The error as a code and the values its sentence names, for a user
    /// interface to say in its own language; the English sentence is
    /// `to_string()`. An empty code means the kind says it all (with these
    /// values). Codes and kinds each have an entry in the UI's catalogue
    /// (`p_CODE`, `err_KIND`), checked by `tests/catalogue.rs`.
    ///
    /// Values: `what` is a table's name (`students`), `fields` column names
    /// joined by commas, `at` a moment (RFC 3339), `action` an
    /// [`action_code`].
    pub fn message(&self) -> Msg {
        let text = self.to_string();
        let kind = |m: Msg| Msg {
            text: text.clone(),
            ..m
        };
        match self {
            AppError::NotAllowed(m) | AppError::Setup(m) | AppError::Locked(m) => kind(m.clone()),
            AppError::CellsRejected(cells) => kind(Msg::new("", "").with("count", cells.len())),
            AppError::ImportStale { action, at } => {
                // `action` is "update of a student" or "the database replaced".
                let (what, table) = action
                    .split_once(" of a ")
                    .map(|(a, label)| (a, table_of_label(label).unwrap_or("")))
                    .unwrap_or(("restore", "database"));
                kind(
                    Msg::new("", "")
                        .with("change", what)
                        .with("what", table)
                        .with("at", at.to_rfc3339()),
                )
            }
            AppError::ImportRejected(problems) => {
                kind(Msg::new("", "").with("count", problems.len()))
            }
            AppError::Store(e) => match e {
                StoreError::NotFound { what, .. }
                | StoreError::Conflict { what, .. }
                | StoreError::InUse { what }
                | StoreError::MissingReference { what } => {
                    kind(Msg::new("", "").with("what", table_of_label(what).unwrap_or("")))
                }
                StoreError::Duplicate { what, field, value } => {
                    // The fields and their values, leaving out references
                    // (an academic year's id says nothing to a person).
                    let table = table_of_label(what);
                    let mut fields = Vec::new();
                    let mut values = Vec::new();
                    for (label, value) in field.split(" and ").zip(value.split(" / ")) {
                        match table.and_then(|t| column_of_label(t, label)) {
                            Some(c) if c.ty == schooldesk_store::ColType::Id => {}
                            Some(c) => {
                                fields.push(c.name);
                                values.push(value);
                            }
                            None => values.push(value),
                        }
                    }
                    kind(
                        Msg::new("", "")
                            .with("what", table.unwrap_or(""))
                            .with("fields", fields.join(","))
                            .with("value", values.join(" / ")),
                    )
                }
                StoreError::NewerDatabase { version } => {
                    kind(Msg::new("", "").with("version", version))
                }
                _ => kind(Msg::new("", "")),
            },
            AppError::LockedOut { until } => {
                kind(Msg::new("", "").with("until", until.to_rfc3339()))
            }
            _ => kind(Msg::new("", "")),
        }
    }
}

/// The name the UI's catalogue knows an action by (`act_CODE`).
pub fn action_code(action: Action) -> &'static str {
    match action {
        Action::ReadDirectory => "read_directory",
        Action::ManageDirectory => "manage_directory",
        Action::ReadRoster => "read_roster",
        Action::ReadStudent => "read_student",
        Action::EditStudent => "edit_student",
        Action::ManageEnrollment => "manage_enrollment",
        Action::ManageUsers => "manage_users",
        Action::ReadAudit => "read_audit",
        Action::ImportExport => "import_export",
        Action::ReadGrades => "read_grades",
        Action::EnterGrades => "enter_grades",
        Action::ManageScheme => "manage_scheme",
        Action::SubmitGrades => "submit_grades",
        Action::ApproveGrades => "approve_grades",
        Action::ReadResults => "read_results",
        Action::PrintReports => "print_reports",
        // issue 12: attendance, descriptions, notes
        Action::TakeAttendance => "take_attendance",
        Action::WriteDescription => "write_description",
        Action::ManageObjectives => "manage_objectives",
        Action::WriteTermReport => "write_term_report",
        // issue 17: fees
        Action::ManageFeePlans => "manage_fee_plans",
        Action::TakePayments => "take_payments",
        Action::ReadFees => "read_fees",
        Action::ReadClassArrears => "read_class_arrears",
        // issue 14: timetabling
        Action::ReadTimetable => "read_timetable",
        Action::ManageTimetable => "manage_timetable",
        // issue 13: the question bank
        Action::ReadQuestions => "read_questions",
        Action::WriteQuestions => "write_questions",
        Action::ReviewQuestions => "review_questions",
        Action::ReadExamPapers => "read_exam_papers",
        Action::DraftExamPapers => "draft_exam_papers",
        Action::AssembleExamPapers => "assemble_exam_papers",
    }
}

/// The table a store message's record label ("academic year") names.
fn table_of_label(label: &str) -> Option<&'static str> {
    schooldesk_store::tables::ALL
        .iter()
        .find(|t| t.label == label)
        .map(|t| t.name)
}

/// The column of `table` a store message's field label ("NISN") names.
fn column_of_label(table: &str, label: &str) -> Option<&'static schooldesk_store::Column> {
    let table = schooldesk_store::tables::ALL
        .iter()
        .find(|t| t.name == table)?;
    table.columns.iter().find(|c| c.label == label)
}
