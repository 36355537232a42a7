//! A sheet turned into a plan: the headers matched to the kind's columns,
//! each row planned by its kind's planner (`planners`), a key repeated in
//! the file or a second current year refused, and the rows without problems
//! staged as writes ([`Staged`], [`Write`]) into one change set. What is
//! stored already is loaded once per import ([`Lookups`]).

use super::formats::{normalize_header, read_sheet};
use super::planners::{
    plan_assignment, plan_class, plan_guardian, plan_room, plan_subject, plan_teacher, plan_year,
};
use super::reading::RowReader;
use super::{Format, ImportReport, Kind};
use crate::error::RowProblem;
use crate::{App, AppError, AppResult};
use chrono::NaiveDate;
use schooldesk_core::*;
use schooldesk_store::{ChangeSet, Query};
use std::collections::HashMap;

/// The rows that passed, turned into writes.
pub(super) struct Plan {
    pub(super) changes: ChangeSet,
    pub(super) report: ImportReport,
    /// Guardians this file creates, so a sibling's row links the same one.
    pub(super) guardians_made: HashMap<String, Id>,
    /// The rows left out, as the file has them, for fixing and importing again.
    pub(super) rejected_rows: RejectedRows,
}

/// The rows of a file an import left out, cell for cell as read, under the
/// file's own header: saved with a column naming what is wrong, fixed and
/// imported again (an import ignores that column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RejectedRows {
    pub headers: Vec<String>,
    /// (the sheet's row number, its cells).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl App {
    /// Reads and checks a sheet into a plan; writes nothing.
    pub(super) async fn plan_sheet(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
        options: ImportOptions,
    ) -> AppResult<Plan> {
        let sheet = read_sheet(kind, format, bytes)?;
        let mut columns: HashMap<&'static str, usize> = HashMap::new();
        let mut ignored = Vec::new();
        let mut header_problems = Vec::new();
        for (i, header) in sheet.headers.iter().enumerate() {
            match kind.column_for(&normalize_header(header)) {
                // Two ways to name one other record (a teacher's "NIP" and
                // "Nama PTK" side by side, as Dapodik prints them): the
                // first names it, the other is set aside and listed as
                // ignored, not a reason to refuse the file.
                Some(key) if columns.contains_key(key) && kind.is_reference(key) => {
                    ignored.push(header.clone())
                }
                Some(key) if columns.contains_key(key) => header_problems.push(RowProblem::new(
                    sheet.header_row,
                    header.clone(),
                    Msg::new("second_column", format!("a second column for {key}"))
                        .with("key", key),
                )),
                Some(key) => {
                    columns.insert(key, i);
                }
                None if header.trim().is_empty() => {}
                None => ignored.push(header.clone()),
            }
        }
        for column in kind.columns() {
            let key = column.key;
            if column.required && !columns.contains_key(key) {
                header_problems.push(RowProblem::new(
                    sheet.header_row,
                    key,
                    missing_column(column, &sheet.headers, &columns),
                ));
            }
        }
        if header_problems.is_empty() && sheet.rows.is_empty() {
            header_problems.push(RowProblem::new(
                sheet.header_row + 1,
                "-",
                Msg::new(
                    "no_rows",
                    "the file has a header row but no records below it; nothing to import",
                ),
            ));
        }
        if !header_problems.is_empty() {
            return Err(AppError::ImportRejected(header_problems));
        }
        let mut plan = Plan {
            changes: self.changes(actor),
            report: ImportReport {
                rows: sheet.rows.len(),
                ignored_columns: ignored,
                ..ImportReport::default()
            },
            guardians_made: HashMap::new(),
            rejected_rows: RejectedRows {
                headers: sheet.headers.clone(),
                rows: Vec::new(),
            },
        };
        let mut ctx = Lookups::load(self, kind).await?;
        // Classes the file names that will be created, each written only
        // when the first good row in it is (a class named only by rejected
        // rows is not created empty).
        let mut new_classes: HashMap<Id, Class> = HashMap::new();
        if options.create_missing_classes && kind == Kind::Students {
            new_classes = self.create_missing_classes(&sheet, &columns, &mut ctx);
        }
        let ctx = ctx;
        let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
        // Years: the row that makes one current, and those written.
        let mut current_row: Option<(usize, String)> = None;
        let mut years_written: Vec<(String, bool)> = Vec::new();
        for sheet_row in &sheet.rows {
            let mut row = RowReader::new(&sheet, &columns, &sheet_row.cells, sheet_row.number);
            let staged = match kind {
                Kind::Years => plan_year(&mut row, &ctx),
                Kind::Rooms => plan_room(&mut row, &ctx),
                Kind::Assignments => plan_assignment(&mut row, &ctx),
                Kind::Students => self.plan_student(&mut row, &ctx),
                Kind::Teachers => plan_teacher(&mut row, &ctx),
                Kind::Classes => plan_class(&mut row, &ctx),
                Kind::Subjects => plan_subject(&mut row, &ctx),
                Kind::Enrollments => self.plan_enrollment(&mut row, &ctx),
                Kind::Guardians => plan_guardian(&mut row, &ctx),
            };
            // The same key twice in one file is a mistake, not an update.
            for (key, value) in staged.keys.iter() {
                if let Some(first) = seen.insert((key, value.clone()), row.row) {
                    row.problem(
                        key,
                        Msg::new("repeated", format!("{value} is also on row {first}"))
                            .with("value", value)
                            .with("row", first),
                    );
                }
            }
            if let Some((name, true)) = &staged.year {
                match &current_row {
                    Some((first, other)) => row.problem(
                        "current",
                        Msg::new(
                            "second_current",
                            format!("{other} on row {first} is marked current too; only one academic year can be current"),
                        )
                        .with("value", other)
                        .with("row", first),
                    ),
                    None => current_row = Some((row.row, name.clone())),
                }
            }
            if row.problems.is_empty() {
                // A column the kind declares (a record field's `sheet:`)
                // that its planner never reads would be exported and
                // silently dropped on import: every import test fails.
                debug_assert_eq!(
                    row.unread(kind.columns().map(|c| c.key)),
                    None,
                    "the {} planner does not read this column",
                    kind.name()
                );
                years_written.extend(staged.year.clone());
                if !new_classes.is_empty() {
                    let named = columns
                        .get("class")
                        .and_then(|&col| sheet_row.cells.get(col))
                        .and_then(|cell| ctx.class_by_name(cell.text.trim()))
                        .map(|c| c.id());
                    if let Some(class) =
                        named.and_then(|id| new_classes.remove(&id).map(|c| (id, c)))
                    {
                        plan.changes.insert_with_id(class.0, &class.1);
                        plan.report.created_classes.push(class.1.name);
                    }
                }
                staged.apply(&mut plan);
            } else {
                plan.report.rejected.extend(row.problems);
                plan.rejected_rows.rows.push((
                    sheet_row.number,
                    sheet_row.cells.iter().map(|c| c.text.clone()).collect(),
                ));
            }
        }
        // A year made current ends the turn of a stored current year the
        // file does not mention (one it mentions is written as it says).
        if let Some((current, _)) = years_written.iter().find(|(_, c)| *c) {
            for other in ctx.years.iter().filter(|y| {
                y.data.is_current
                    && &y.data.name != current
                    && !years_written.iter().any(|(n, _)| *n == y.data.name)
            }) {
                let data = AcademicYear {
                    is_current: false,
                    ..other.data.clone()
                };
                plan.changes.update(other.id(), other.version(), &data);
                plan.report.updated += 1;
            }
        }
        Ok(plan)
    }
}

/// What an import may do beyond writing the file's rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// A students file naming classes the current year does not have
    /// creates them, when each one's grade level shows in its name (VII A,
    /// 7B, X IPA 1): in the same commit, audited like the rest.
    pub create_missing_classes: bool,
}

impl App {
    /// The classes a students sheet names that the current year lacks and
    /// whose grade level the name shows: known to the rows from here on (so
    /// the rows are planned into them), and answered to be written with
    /// the first good row of each.
    fn create_missing_classes(
        &self,
        sheet: &super::formats::Sheet,
        columns: &HashMap<&'static str, usize>,
        ctx: &mut Lookups,
    ) -> HashMap<Id, Class> {
        let mut made = HashMap::new();
        let (Some(year), Some(&col)) = (ctx.year.clone(), columns.get("class")) else {
            return made;
        };
        for row in &sheet.rows {
            let Some(name) = row.cells.get(col).map(|c| c.text.trim().to_string()) else {
                continue;
            };
            if name.is_empty() || ctx.class_by_name(&name).is_some() {
                continue;
            }
            let Some(grade_level) = grade_of_class_name(&name) else {
                continue;
            };
            let class = Class {
                name: name.clone(),
                grade_level,
                academic_year_id: year.id(),
                homeroom_teacher_id: None,
            };
            if class.validate().is_err() {
                continue; // left to the row's own problem
            }
            let id = new_id();
            let now = self.now();
            ctx.classes.push(Stored {
                meta: Meta {
                    id,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    updated_by: None,
                },
                data: class.clone(),
            });
            made.insert(id, class);
        }
        made
    }
}

/// The grade level a class's name shows, as schools name classes: a Roman
/// or Arabic number first ("VII A", "7B", "X IPA 1", "Kelas 8-C").
pub fn grade_of_class_name(name: &str) -> Option<i64> {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("kelas").unwrap_or(&lower).trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok().filter(|g| (1..=13).contains(g));
    }
    let roman: String = rest
        .chars()
        .take_while(|c| matches!(c, 'i' | 'v' | 'x'))
        .collect();
    // "XI" and "XII" but not the "I" of "IPA" or the "Vi" of "Vina": the
    // numeral ends the word, or one class letter follows it ("VIIA").
    let mut after = rest[roman.len()..].chars();
    let ends = match (after.next(), after.next()) {
        (None, _) => true,
        (Some(c), next) if c.is_alphabetic() => next.is_none_or(|n| !n.is_alphabetic()),
        (Some(c), _) => !c.is_alphanumeric(),
    };
    if roman.is_empty() || !ends {
        return None;
    }
    const NUMERALS: [&str; 13] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == roman)
        .map(|i| i as i64 + 1)
}

/// A required column the header lacks: the columns the file has, and the
/// one nearest to what was wanted (by the key and its other names), if any
/// is near enough to be a likely misspelling or a different wording.
fn missing_column(
    column: &super::columns::SheetColumn,
    headers: &[String],
    matched: &HashMap<&'static str, usize>,
) -> Msg {
    let key = column.key;
    let found: Vec<&str> = headers
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .collect();
    // Only a header not already used for another column can be the one.
    let unused = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.trim().is_empty() && !matched.values().any(|m| m == i));
    let nearest = unused
        .filter_map(|(_, h)| {
            let n = normalize_header(h);
            std::iter::once(key)
                .chain(column.aliases.iter().copied())
                .map(|name| nearness(&n, name))
                .min()
                .map(|d| (d, h.trim()))
        })
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, h)| h.to_string());
    let list = found.join(", ");
    let mut text = format!("the column {key} is missing from the header row; the file has: {list}");
    if let Some(n) = &nearest {
        text.push_str(&format!("; did you mean {n:?}?"));
    }
    let msg = Msg::new(
        if nearest.is_some() {
            "missing_column_near"
        } else {
            "missing_column_found"
        },
        text,
    )
    .with("key", key)
    .with("found", list);
    match nearest {
        Some(n) => msg.with("nearest", n),
        None => msg,
    }
}

/// How far a header is from a column's name: 0 when one contains the
/// other ("nama_siswa_lengkap" for "nama_siswa"), else the edit distance
/// with `_` and case ignored.
fn nearness(header: &str, name: &str) -> usize {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<Vec<char>>()
    };
    let (a, b) = (squash(header), squash(name));
    if a.is_empty() || b.is_empty() {
        return usize::MAX;
    }
    let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
    if b.len() >= 3 && (sa.contains(&sb) || (a.len() >= 3 && sb.contains(&sa))) {
        return 0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

pub(super) fn upsert<R: schooldesk_store::tables::Record + PartialEq>(
    existing: Option<&Stored<R>>,
    data: R,
) -> Write {
    match existing {
        Some(e) if e.data == data => Write::Unchanged,
        Some(e) => {
            let (id, version) = (e.id(), e.version());
            Write::Update(Box::new(move |cs| cs.update(id, version, &data)))
        }
        None => Write::Create(Box::new(move |cs| cs.insert(&data))),
    }
}

pub(super) type Deferred<T> = Box<dyn FnOnce(&mut ChangeSet) -> T + Send>;

pub(super) enum Write {
    Unchanged,
    Update(Deferred<()>),
    Create(Deferred<Id>),
    /// A guardian, made or found when the plan is built, and linked.
    Guardian(Box<dyn FnOnce(&mut Plan) + Send>),
}

/// One row's outcome, applied to the plan only if the row had no problems.
pub(super) struct Staged {
    pub(super) keys: Vec<(&'static str, String)>,
    pub(super) write: Option<Write>,
    /// (student, if already stored; class; from) to enroll or move.
    pub(super) enroll: Option<(Option<Id>, Stored<Class>, NaiveDate)>,
    pub(super) enroll_ctx: Vec<Stored<Enrollment>>,
    /// The row is an enrollment: one made counts as enrolled.
    pub(super) counts_as_enrollment: bool,
    /// A year row: its name and whether it is to be current.
    pub(super) year: Option<(String, bool)>,
}

impl Staged {
    pub(super) fn new(keys: Vec<(&'static str, String)>) -> Self {
        Staged {
            keys: keys.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
            write: None,
            enroll: None,
            enroll_ctx: Vec::new(),
            counts_as_enrollment: false,
            year: None,
        }
    }

    pub(super) fn apply(self, plan: &mut Plan) {
        if let Some(Write::Guardian(f)) = self.write {
            f(plan);
            plan.report.created += 1;
            return;
        }
        let cs = &mut plan.changes;
        let report = &mut plan.report;
        let created = match self.write {
            None | Some(Write::Guardian(_)) => return,
            // Counted below: enrolled, or unchanged if already in place.
            Some(Write::Unchanged) if self.counts_as_enrollment && self.enroll.is_some() => None,
            Some(Write::Unchanged) => {
                report.unchanged += 1;
                None
            }
            Some(Write::Create(f)) if self.counts_as_enrollment => {
                f(cs);
                report.enrolled += 1;
                None
            }
            Some(Write::Update(f)) => {
                f(cs);
                report.updated += 1;
                None
            }
            Some(Write::Create(f)) => {
                report.created += 1;
                Some(f(cs))
            }
        };
        let Some((student_id, class, from)) = self.enroll else {
            return;
        };
        let Some(student_id) = student_id.or(created) else {
            return;
        };
        let open = self
            .enroll_ctx
            .iter()
            .find(|e| e.data.academic_year_id == class.data.academic_year_id);
        if crate::records::place_in_class(cs, student_id, &class, open, from) {
            report.enrolled += 1;
        } else if self.counts_as_enrollment {
            report.unchanged += 1;
        }
    }
}

/// What is stored already, loaded once per import.
#[derive(Default)]
pub(super) struct Lookups {
    pub(super) year: Option<Stored<AcademicYear>>,
    pub(super) years: Vec<Stored<AcademicYear>>,
    pub(super) classes: Vec<Stored<Class>>,
    pub(super) teachers: Vec<Stored<Teacher>>,
    pub(super) subjects: Vec<Stored<Subject>>,
    pub(super) students_by_nisn: HashMap<String, Stored<Student>>,
    pub(super) students_by_nis: HashMap<String, Stored<Student>>,
    pub(super) open_enrollments: HashMap<Id, Vec<Stored<Enrollment>>>,
    /// Every enrollment, ended ones too (enrollment imports only).
    pub(super) enrollments: HashMap<Id, Vec<Stored<Enrollment>>>,
    pub(super) guardians: HashMap<Id, Stored<Guardian>>,
    pub(super) guardian_links: Vec<StudentGuardian>,
    pub(super) terms: Vec<Stored<Term>>,
    pub(super) rooms: Vec<Stored<Room>>,
    pub(super) assignments: Vec<Stored<TeachingAssignment>>,
}

impl Lookups {
    pub(super) async fn load(app: &App, kind: Kind) -> AppResult<Lookups> {
        let store = app.store();
        let mut ctx = Lookups {
            years: store.list(&Query::all()).await?,
            ..Lookups::default()
        };
        ctx.year = ctx.years.iter().find(|y| y.data.is_current).cloned();
        match kind {
            Kind::Students | Kind::Enrollments => {
                ctx.classes = store.list(&Query::all()).await?;
                for s in store.list::<Student>(&Query::all()).await? {
                    ctx.students_by_nis.insert(s.data.nis.clone(), s.clone());
                    ctx.students_by_nisn.insert(s.data.nisn.clone(), s);
                }
                for e in store.list::<Enrollment>(&Query::all()).await? {
                    if e.data.end_date.is_none() {
                        ctx.open_enrollments
                            .entry(e.data.student_id)
                            .or_default()
                            .push(e.clone());
                    }
                    ctx.enrollments
                        .entry(e.data.student_id)
                        .or_default()
                        .push(e);
                }
            }
            Kind::Guardians => {
                for s in store.list::<Student>(&Query::all()).await? {
                    ctx.students_by_nisn.insert(s.data.nisn.clone(), s);
                }
                ctx.guardians = store
                    .list::<Guardian>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|g| (g.id(), g))
                    .collect();
                ctx.guardian_links = store
                    .list::<StudentGuardian>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|l| l.data)
                    .collect();
            }
            Kind::Teachers => ctx.teachers = store.list(&Query::all()).await?,
            Kind::Classes => {
                ctx.classes = store.list(&Query::all()).await?;
                ctx.teachers = store.list(&Query::all()).await?;
            }
            Kind::Subjects => ctx.subjects = store.list(&Query::all()).await?,
            Kind::Years => ctx.terms = store.list(&Query::all()).await?,
            Kind::Rooms => ctx.rooms = store.list(&Query::all()).await?,
            Kind::Assignments => {
                ctx.classes = store.list(&Query::all()).await?;
                ctx.teachers = store.list(&Query::all()).await?;
                ctx.subjects = store.list(&Query::all()).await?;
                ctx.assignments = store.list(&Query::all()).await?;
            }
        }
        Ok(ctx)
    }

    pub(super) fn year_name(&self) -> String {
        self.year.as_ref().map_or_else(
            || "the current year (none is set)".into(),
            |y| y.data.name.clone(),
        )
    }

    pub(super) fn class_in_year(&self, name: &str, year: Option<&str>) -> Option<&Stored<Class>> {
        let year_id = match year {
            Some(y) => self.years.iter().find(|s| s.data.name == y)?.id(),
            None => self.year.as_ref()?.id(),
        };
        self.classes.iter().find(|c| {
            c.data.academic_year_id == year_id && c.data.name.eq_ignore_ascii_case(name.trim())
        })
    }

    pub(super) fn class_by_name(&self, name: &str) -> Option<&Stored<Class>> {
        self.class_in_year(name, None)
    }

    pub(super) fn enrollments_for(&self, student: Id) -> Vec<Stored<Enrollment>> {
        self.enrollments.get(&student).cloned().unwrap_or_default()
    }

    pub(super) fn open_enrollments_for(&self, student: Option<Id>) -> Vec<Stored<Enrollment>> {
        student
            .and_then(|id| self.open_enrollments.get(&id))
            .cloned()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_levels_as_schools_name_classes() {
        let grade = grade_of_class_name;
        assert_eq!(grade("VII A"), Some(7));
        assert_eq!(grade("VIIA"), Some(7));
        assert_eq!(grade("viii-b"), Some(8));
        assert_eq!(grade("IX"), Some(9));
        assert_eq!(grade("X IPA 1"), Some(10));
        assert_eq!(grade("XII IPS 2"), Some(12));
        assert_eq!(grade("7B"), Some(7));
        assert_eq!(grade("Kelas 8-C"), Some(8));
        assert_eq!(grade("1"), Some(1));
        // No number to read: never guessed.
        assert_eq!(grade("IPA 1"), None);
        assert_eq!(grade("Kelas Unggulan"), None);
        assert_eq!(grade("XIV"), None);
        assert_eq!(grade("14A"), None);
        assert_eq!(grade("Vina"), None);
    }

    #[test]
    fn the_nearest_column_by_name() {
        assert_eq!(nearness("nama_lengkap_siswa", "nama_lengkap"), 0);
        assert_eq!(nearness("tangal_lahir", "tanggal_lahir"), 1);
        assert_eq!(nearness("nisn", "nis"), 0);
        assert!(nearness("catatan", "full_name") > 2);
        assert!(
            nearness("no", "nis") > 0,
            "a short header is no part of a name"
        );
    }
}
