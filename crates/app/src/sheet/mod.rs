//! Import and export of school records as CSV and XLSX.
//!
//! An import is planned in full before anything is written: every row is
//! read and checked, and every problem is reported with its row, column and
//! reason. If any row is bad, nothing is written — unless the caller asks to
//! skip invalid rows. Records are matched to what is stored (students by NISN;
//! teachers by NIP, NUPTK, then a name only one has; classes by year and
//! name; subjects by code; guardians by name among the child's), so importing
//! the same file twice changes nothing. A row that a weaker key matches but a
//! stronger key contradicts (a NIS held by a student with another NISN) is a
//! conflict, never an update: an import must not overwrite another person.
//! A checked import ([`ImportPlan`]) is written as it was checked, without
//! reading the file again.
//!
//! Exports write the same columns the import reads, so a school's export
//! imports into an empty school as the same records; they are safe from
//! formula injection: a CSV cell that a spreadsheet would run as a formula is
//! prefixed with `'`; XLSX cells are always written as text. This module
//! must not read a sheet as one grid sized by what the file declares.
//!
//! Here: the sheet kinds and formats, the import report, and the import
//! use-cases (plan, write, preview, import). Beside it:
//! - `formats`: reading CSV and XLSX into rows of cells (with the size
//!   limits), writing a sheet, the formula guard;
//! - `columns`: each kind's columns, their headers and aliases — the
//!   record's own from its declaration, the others (references by name)
//!   declared there — and how a field is written in a cell;
//! - `reading`: one row's cells read as values (dates, numbers, yes/no,
//!   gender), with the problems on the row;
//! - `planning`: a sheet turned into a plan (header matching, repeated keys,
//!   the current year), the staged writes and what is loaded to match;
//! - `planners`: one planner per kind, and how rows are matched to stored
//!   records (teachers, classes, guardians);
//! - `export`: each kind's rows, and writing a file whole or not at all.

mod columns;
mod export;
mod formats;
mod planners;
mod planning;
mod reading;

use crate::auth::require;
use crate::error::RowProblem;
use crate::{App, AppError, AppResult};
use planning::Plan;
pub use planning::{grade_of_class_name, ImportOptions, RejectedRows};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::{Actor, Id};
use std::path::Path;

pub use export::{write_file_whole, WholeFile};
pub use formats::{guard_formula, read_rows, write_sheet, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn from_path(path: &Path) -> AppResult<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("csv") => Ok(Format::Csv),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(AppError::Setup(
                schooldesk_core::Msg::new(
                    "not_sheet_file",
                    format!("{}: give a .csv or .xlsx file", path.display()),
                )
                .with("path", path.display()),
            )),
        }
    }
}

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Academic years, one row each with its two semesters.
    Years,
    Rooms,
    /// Teaching assignments: who teaches which subject to which class.
    Assignments,
    Students,
    Teachers,
    Classes,
    Subjects,
    Enrollments,
    Guardians,
}

impl Kind {
    /// In the order a school's export is imported into an empty school:
    /// each kind refers only to kinds before it.
    pub const ALL: [Kind; 9] = [
        Kind::Years,
        Kind::Teachers,
        Kind::Rooms,
        Kind::Subjects,
        Kind::Classes,
        Kind::Students,
        Kind::Enrollments,
        Kind::Guardians,
        Kind::Assignments,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Years => "years",
            Kind::Rooms => "rooms",
            Kind::Assignments => "assignments",
            Kind::Students => "students",
            Kind::Teachers => "teachers",
            Kind::Classes => "classes",
            Kind::Subjects => "subjects",
            Kind::Enrollments => "enrollments",
            Kind::Guardians => "guardians",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Students put into a class, or moved to another.
    pub enrolled: usize,
    /// Rows left out (only with skip-invalid; otherwise nothing is written).
    pub rejected: Vec<RowProblem>,
    /// Headers the import does not use.
    pub ignored_columns: Vec<String>,
    /// Classes the import creates (with [`ImportOptions::create_missing_classes`]).
    pub created_classes: Vec<String>,
    /// False for a preview.
    pub written: bool,
}

impl ImportReport {
    /// How many rows were left out (a row can have several problems).
    pub fn rejected_rows(&self) -> usize {
        let rows: std::collections::BTreeSet<usize> = self.rejected.iter().map(|p| p.row).collect();
        rows.len()
    }
}

/// A checked import: what the preview showed is what gets written.
pub struct ImportPlan {
    kind: Kind,
    plan: Plan,
    /// The user who checked it: only they may write it.
    actor: Id,
    /// The newest audit event when it was checked: any write since (a
    /// guardian or teacher added by hand, another import) may make a row
    /// checked as new a duplicate, which no version check would catch.
    newest_event: Option<Id>,
}

impl ImportPlan {
    pub fn report(&self) -> &ImportReport {
        &self.plan.report
    }
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// The rows left out, as the file has them.
    pub fn rejected_rows(&self) -> &RejectedRows {
        &self.plan.rejected_rows
    }
}

impl RejectedRows {
    /// The rows left out as a file to fix and import again: the file's
    /// own header and cells, and one more column (`problem_header`) saying
    /// per row what is wrong — `texts[i]` for `problems[i]` when given (the
    /// UI's language), else the English sentence — as "row 7: column: what",
    /// `words` naming that column and a row (`("problem", "row")` in
    /// English), so the fixed file still says where each line came from.
    pub fn file(
        &self,
        format: Format,
        problems: &[crate::RowProblem],
        words: (&str, &str),
        texts: Option<&[String]>,
    ) -> AppResult<Vec<u8>> {
        let (problem_header, row_word) = words;
        let mut headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        let width = self
            .rows
            .iter()
            .map(|(_, cells)| cells.len())
            .max()
            .unwrap_or(0)
            .max(headers.len());
        headers.resize(width, "");
        headers.push(problem_header);
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|(number, cells)| {
                let said: Vec<String> = problems
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.row == *number)
                    .map(|(i, p)| {
                        let what = texts
                            .and_then(|t| t.get(i))
                            .cloned()
                            .unwrap_or_else(|| p.reason.clone());
                        format!("{}: {what}", p.column)
                    })
                    .collect();
                let mut row = cells.clone();
                row.resize(width, String::new());
                row.push(format!("{row_word} {number}: {}", said.join("; ")));
                row
            })
            .collect();
        write_sheet(format, &headers, &rows)
    }
}

impl App {
    /// Reads and checks a file and plans what importing it would do,
    /// writing nothing; [`App::write_import`] writes the plan.
    pub async fn plan_import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<ImportPlan> {
        self.plan_import_with(actor, kind, format, bytes, ImportOptions::default())
            .await
    }

    /// [`App::plan_import`], with options (creating the classes a students
    /// file names).
    pub async fn plan_import_with(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
        options: ImportOptions,
    ) -> AppResult<ImportPlan> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "import records",
        )?;
        // Read before planning, so a write during planning counts too.
        let newest_event = self.newest_record_change().await?.map(|e| e.id);
        let plan = self.plan_sheet(actor, kind, format, bytes, options).await?;
        Ok(ImportPlan {
            kind,
            plan,
            actor: actor.user_id,
            newest_event,
        })
    }

    /// The newest audited change to the records an import reads (every
    /// table but accounts and the school profile: a login is audited on
    /// `users` and must not make a checked file stale).
    async fn newest_record_change(&self) -> AppResult<Option<schooldesk_core::AuditEvent>> {
        let mut newest: Option<schooldesk_core::AuditEvent> = None;
        for table in schooldesk_store::tables::ALL {
            if matches!(table.name, "users" | "school") {
                continue;
            }
            let query = schooldesk_store::AuditQuery {
                table_name: Some(table.name.to_string()),
                limit: 1,
                ..Default::default()
            };
            let latest = self.store.backend().audit(&query).await?.into_iter().next();
            if let Some(event) = latest {
                if newest
                    .as_ref()
                    .is_none_or(|n| (event.at, event.id) > (n.at, n.id))
                {
                    newest = Some(event);
                }
            }
        }
        Ok(newest)
    }

    /// Writes a plan as it was checked. With any bad row nothing is written
    /// and every problem is returned, unless `skip_invalid` (the CLI's
    /// `--skip-invalid`, the app's "import the good rows"), which writes the
    /// good rows, in one commit; the plan's [`ImportPlan::rejected_rows`]
    /// are what it leaves out. A plan another user made is refused; so is one whose
    /// records changed since it was checked (any audited change to a table
    /// an import reads: a guardian or teacher added by hand would otherwise
    /// be created twice, as no version check covers a new row; and a record
    /// it updates that changed is refused by the store's version check in
    /// the same commit). The check runs just before the commit, so only a
    /// write landing in between slips by, as when planning and writing ran
    /// back to back.
    pub async fn write_import(
        &self,
        actor: &Actor,
        plan: ImportPlan,
        skip_invalid: bool,
    ) -> AppResult<ImportReport> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "import records",
        )?;
        if plan.actor != actor.user_id {
            return Err(AppError::NotAllowed(schooldesk_core::Msg::new(
                "import_other_user",
                "you are not allowed to write an import another user checked; check the file again yourself",
            )));
        }
        let now = self.newest_record_change().await?;
        if now.as_ref().map(|e| e.id) != plan.newest_event {
            return Err(match now {
                Some(latest) => {
                    let what = schooldesk_store::tables::ALL
                        .iter()
                        .find(|t| t.name == latest.table_name)
                        .map_or(latest.table_name.as_str(), |t| t.label);
                    AppError::ImportStale {
                        action: format!("{} of a {what}", latest.action),
                        at: latest.at,
                    }
                }
                // Its events are gone: the database was replaced.
                None => AppError::ImportStale {
                    action: "the database replaced".into(),
                    at: self.now(),
                },
            });
        }
        let ImportPlan {
            kind,
            plan:
                Plan {
                    mut changes,
                    mut report,
                    ..
                },
            ..
        } = plan;
        if !report.rejected.is_empty() && !skip_invalid {
            return Err(AppError::ImportRejected(report.rejected));
        }
        // Written now, not when it was checked.
        changes.stamp(self.now());
        self.store.commit(changes).await?;
        report.written = true;
        tracing::info!(
            kind = kind.name(),
            created = report.created,
            updated = report.updated,
            "import written"
        );
        Ok(report)
    }

    /// Checks a file and reports what importing it would do, writing nothing.
    pub async fn preview_import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<ImportReport> {
        let plan = self.plan_import(actor, kind, format, bytes).await?;
        Ok(plan.plan.report)
    }

    /// Imports a file: [`App::plan_import`], then [`App::write_import`].
    pub async fn import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
        skip_invalid: bool,
    ) -> AppResult<ImportReport> {
        let plan = self.plan_import(actor, kind, format, bytes).await?;
        self.write_import(actor, plan, skip_invalid).await
    }
}

#[cfg(test)]
mod tests {
    /// The desktop shell keeps a checked plan between the preview and the
    /// write, across commands and threads.
    #[test]
    fn a_plan_can_wait_between_commands() {
        fn held<T: Send + Sync + 'static>() {}
        held::<super::ImportPlan>();
    }
}
