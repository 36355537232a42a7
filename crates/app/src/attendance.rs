//! Daily attendance (issue 12, item 4): a class's day marked by its
//! homeroom teacher or a teacher who teaches it, "everyone present" in one
//! action, a class's month (students × days), and each student's totals
//! for a term, which the report card prints. Students and parents read
//! their own totals only. Every write goes through one audited change set.
//!
//! Also the shared checks of term results: which term a date falls in, and
//! [`App::ensure_open`], where a signed-off term will refuse changes.

use crate::auth::require;
use crate::{App, AppError, AppResult};
use chrono::{Datelike, NaiveDate};
use schooldesk_core::attendance::{Status, Totals};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::tables::Record;
use schooldesk_store::{ChangeSet, Filter, Query, Row, StoreError};
use std::collections::HashMap;

/// A class's term found open for writing (see [`App::ensure_open`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OpenTerm {
    class_id: Id,
    term_id: Id,
    signoff_id: Id,
    version: i64,
}

/// One student's mark in a day's list. `status: None` clears the mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayMark {
    pub student_id: Id,
    pub status: Option<Status>,
    pub note: Option<String>,
}

/// A day of a month view, and the term it falls in (none: a holiday
/// between terms, which cannot be marked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthDay {
    pub date: NaiveDate,
    pub term_id: Option<Id>,
}

/// A class's month: the students in it at any time that month (by name),
/// the days, and the marks made.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceMonth {
    pub class: Stored<Class>,
    pub days: Vec<MonthDay>,
    pub students: Vec<Stored<Student>>,
    pub marks: Vec<Stored<AttendanceMark>>,
}

/// A student's totals for a term.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentTotals {
    pub student: Stored<Student>,
    pub totals: Totals,
}

/// Whether an enrollment covers `day`: it starts on or before it and has
/// not ended by it (a move ends the old enrollment on the day the new one
/// starts).
fn covers(e: &Enrollment, day: NaiveDate) -> bool {
    e.start_date <= day && e.end_date.is_none_or(|end| day < end)
}

/// Whether an enrollment covers any day of `from..=to`.
fn overlaps(e: &Enrollment, from: NaiveDate, to: NaiveDate) -> bool {
    e.start_date <= to && e.end_date.is_none_or(|end| from < end)
}

fn tidy_note(note: &Option<String>) -> Option<String> {
    note.as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

impl App {
    /// The sign-off lock of a class's term: nothing of it may change once
    /// its grades are approved (issue 12, item 6): every write of grades,
    /// attendance, ticks, descriptions, notes, extracurricular results and
    /// promotion calls it, and it refuses as the gradebook does. The answer
    /// is the sign-off row as found (a draft one is made the first time):
    /// the write commits through [`App::commit_open`], which holds that row
    /// in the same transaction, so an approval can never land between this
    /// check and the write.
    pub(crate) async fn ensure_open(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
    ) -> AppResult<OpenTerm> {
        use crate::gradebook::{status_of, SignoffStatus};
        let signoff = match self.signoff(class_id, term_id).await? {
            Some(s) => s,
            None => {
                let mut cs = self.changes(actor);
                cs.insert(&GradeSignoff {
                    class_id,
                    term_id,
                    status: SignoffStatus::Draft.as_str().to_string(),
                });
                // Two first writers at once: the unique (class, term)
                // refuses one, which then reads the other's row.
                let made = self.store().commit_returning::<GradeSignoff>(cs).await;
                match (made, self.signoff(class_id, term_id).await?) {
                    (_, Some(s)) => s,
                    (Err(e), None) => return Err(e.into()),
                    (Ok(s), None) => s,
                }
            }
        };
        if status_of(Some(&signoff)) == SignoffStatus::Approved {
            return Err(self.locked_error(class_id, term_id).await);
        }
        Ok(OpenTerm {
            class_id,
            term_id,
            signoff_id: signoff.id(),
            version: signoff.version(),
        })
    }

    /// Commits a write of a term found open by [`App::ensure_open`],
    /// holding its sign-off row: refused as locked if the grades were
    /// approved since; if the sign-off only moved otherwise (submitted,
    /// taken back), the write is still allowed and is tried again holding
    /// the new version. Nothing to write, nothing done.
    pub(crate) async fn commit_open(
        &self,
        open: &OpenTerm,
        cs: ChangeSet,
    ) -> AppResult<Vec<Option<Row>>> {
        if cs.is_empty() {
            return Ok(Vec::new());
        }
        let mut version = open.version;
        loop {
            let mut attempt = cs.clone();
            attempt.hold::<GradeSignoff>(open.signoff_id, version);
            match self.store().commit(attempt).await {
                Ok(rows) => return Ok(rows),
                Err(e) => version = self.still_open(open, version, e).await?,
            }
        }
    }

    /// [`App::commit_open`] for a write that concerns several classes (a
    /// subject's scheme): it holds every one's sign-off; when one moved
    /// meanwhile, all are looked at again (refused as locked if one was
    /// approved) and the write is tried again.
    pub(crate) async fn commit_open_all(
        &self,
        actor: &Actor,
        mut open: Vec<OpenTerm>,
        cs: ChangeSet,
    ) -> AppResult<()> {
        loop {
            let mut attempt = cs.clone();
            for o in &open {
                attempt.hold::<GradeSignoff>(o.signoff_id, o.version);
            }
            let e = match self.store().commit(attempt).await {
                Ok(_) => return Ok(()),
                Err(e) => e,
            };
            if !matches!(e, StoreError::Conflict { .. }) {
                return Err(e.into());
            }
            let mut moved = false;
            for o in &mut open {
                let now = self.ensure_open(actor, o.class_id, o.term_id).await?;
                moved |= now.signoff_id != o.signoff_id || now.version != o.version;
                *o = now;
            }
            if !moved {
                // The conflict was on the write's own rows.
                return Err(e.into());
            }
        }
    }

    /// [`App::commit_open`] answering the record its last write stored.
    pub(crate) async fn commit_open_returning<R: Record>(
        &self,
        open: &OpenTerm,
        cs: ChangeSet,
    ) -> AppResult<Stored<R>> {
        let mut version = open.version;
        loop {
            let mut attempt = cs.clone();
            attempt.hold::<GradeSignoff>(open.signoff_id, version);
            match self.store().commit_returning(attempt).await {
                Ok(stored) => return Ok(stored),
                Err(e) => version = self.still_open(open, version, e).await?,
            }
        }
    }

    /// After a write holding the sign-off at `version` failed with `e`:
    /// "locked" when the grades were approved meanwhile; the sign-off's
    /// new version when it moved but is still open (the write may be
    /// tried again); otherwise the failure itself.
    async fn still_open(&self, open: &OpenTerm, version: i64, e: StoreError) -> AppResult<i64> {
        use crate::gradebook::{status_of, SignoffStatus};
        if !matches!(e, StoreError::Conflict { .. }) {
            return Err(e.into());
        }
        let now = self.signoff(open.class_id, open.term_id).await?;
        if status_of(now.as_ref()) == SignoffStatus::Approved {
            return Err(self.locked_error(open.class_id, open.term_id).await);
        }
        match now {
            Some(s) if s.id() == open.signoff_id && s.version() != version => Ok(s.version()),
            _ => Err(e.into()),
        }
    }

    /// [`crate::gradebook::locked`] for a class and term by id.
    async fn locked_error(&self, class_id: Id, term_id: Id) -> AppError {
        let names = async {
            let class = self.store().get::<Class>(class_id).await?;
            let term = self.store().get::<Term>(term_id).await?;
            AppResult::Ok(crate::gradebook::locked(&class.data, &term.data))
        };
        names.await.unwrap_or_else(|e| e)
    }

    /// The class, or a clear "no such class".
    pub(crate) async fn class_named(&self, class_id: Id) -> AppResult<Stored<Class>> {
        self.store()
            .find::<Class>(class_id)
            .await?
            .ok_or_else(|| AppError::field("class_id", Msg::new("no_such_class", "no such class")))
    }

    /// The term of the class's year that `date` falls in, or an error that
    /// names the date and the year.
    pub(crate) async fn term_of_date(
        &self,
        class: &Stored<Class>,
        date: NaiveDate,
    ) -> AppResult<Stored<Term>> {
        let terms = self
            .store()
            .list::<Term>(&Query::all().eq("academic_year_id", class.data.academic_year_id))
            .await?;
        if let Some(term) = terms
            .into_iter()
            .find(|t| t.data.start_date <= date && date <= t.data.end_date)
        {
            return Ok(term);
        }
        let year = self
            .store()
            .get::<AcademicYear>(class.data.academic_year_id)
            .await?;
        Err(AppError::field(
            "date",
            Msg::new(
                "date_outside_term",
                format!(
                    "{date} is outside every semester of {} ({}'s year)",
                    year.data.name, class.data.name
                ),
            )
            .with("date", date)
            .with("year", &year.data.name)
            .with("class", &class.data.name),
        ))
    }

    /// The term, which must belong to the class's year.
    pub(crate) async fn term_of_class(
        &self,
        class: &Stored<Class>,
        term_id: Id,
    ) -> AppResult<Stored<Term>> {
        let term = self.store().find::<Term>(term_id).await?.ok_or_else(|| {
            AppError::field("term_id", Msg::new("no_such_term", "no such semester"))
        })?;
        crate::gradebook::same_year(&class.data, &term.data)?;
        Ok(term)
    }

    /// The class's enrollments that cover any day of `from..=to`.
    pub(crate) async fn enrollments_between(
        &self,
        class_id: Id,
        from: NaiveDate,
        to: NaiveDate,
    ) -> AppResult<Vec<Stored<Enrollment>>> {
        let mut all = self
            .store()
            .list::<Enrollment>(&Query::all().eq("class_id", class_id))
            .await?;
        all.retain(|e| overlaps(&e.data, from, to));
        Ok(all)
    }

    /// The students of those enrollments, by name.
    pub(crate) async fn students_between(
        &self,
        class_id: Id,
        from: NaiveDate,
        to: NaiveDate,
    ) -> AppResult<Vec<Stored<Student>>> {
        let enrollments = self.enrollments_between(class_id, from, to).await?;
        let mut ids: Vec<Id> = enrollments.iter().map(|e| e.data.student_id).collect();
        ids.sort();
        ids.dedup();
        Ok(self
            .store()
            .list::<Student>(
                &Query::all()
                    .filter(Filter::In("id", ids.into_iter().map(Into::into).collect()))
                    .order("full_name"),
            )
            .await?)
    }

    /// The classes of the current year whose attendance this session may
    /// take, by name.
    pub async fn attendance_classes(&self, actor: &Actor) -> AppResult<Vec<Stored<Class>>> {
        self.current_classes_for(actor, Action::TakeAttendance)
            .await
    }

    /// The current year's classes, by name, on which `actor` may do
    /// `action` (none without a current year).
    pub(crate) async fn current_classes_for(
        &self,
        actor: &Actor,
        action: Action,
    ) -> AppResult<Vec<Stored<Class>>> {
        let Some(year) = self.find_current_year().await? else {
            return Ok(Vec::new());
        };
        let mut classes = self
            .store()
            .list::<Class>(&Query::all().eq("academic_year_id", year.id()).order("name"))
            .await?;
        classes.retain(|c| policy::allowed(actor, action, &Target::Class(c.id())));
        Ok(classes)
    }

    /// Marks a day for a class, in one change: each listed student's status
    /// and note (a new mark, a changed one, or with no status the mark
    /// cleared). Every student must be in the class that day; a student
    /// already marked that day by another class is refused, naming it.
    pub async fn mark_attendance(
        &self,
        actor: &Actor,
        class_id: Id,
        date: NaiveDate,
        marks: &[DayMark],
    ) -> AppResult<Vec<Stored<AttendanceMark>>> {
        require(
            actor,
            Action::TakeAttendance,
            &Target::Class(class_id),
            "take this class's attendance",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_date(&class, date).await?;
        let open = self.ensure_open(actor, class_id, term.id()).await?;

        let in_class: HashMap<Id, Stored<Student>> = self
            .students_on(class_id, date)
            .await?
            .into_iter()
            .map(|s| (s.id(), s))
            .collect();
        let ids: Vec<_> = marks.iter().map(|m| m.student_id.into()).collect();
        let existing: HashMap<Id, Stored<AttendanceMark>> = self
            .store()
            .list::<AttendanceMark>(
                &Query::all()
                    .eq("date", date)
                    .filter(Filter::In("student_id", ids)),
            )
            .await?
            .into_iter()
            .map(|m| (m.data.student_id, m))
            .collect();

        let mut cs = self.changes(actor);
        let mut written = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for mark in marks {
            if !seen.insert(mark.student_id) {
                let name = in_class
                    .get(&mark.student_id)
                    .map_or_else(|| mark.student_id.to_string(), |s| s.data.full_name.clone());
                return Err(AppError::field(
                    "student_id",
                    Msg::new(
                        "marked_twice",
                        format!("{name} is listed twice for {date}; give one status"),
                    )
                    .with("student", name)
                    .with("date", date),
                ));
            }
            let Some(student) = in_class.get(&mark.student_id) else {
                let name = self
                    .store()
                    .find::<Student>(mark.student_id)
                    .await?
                    .map_or_else(|| mark.student_id.to_string(), |s| s.data.full_name);
                return Err(AppError::field(
                    "student_id",
                    Msg::new(
                        "not_in_class_on",
                        format!("{name} is not in {} on {date}", class.data.name),
                    )
                    .with("student", name)
                    .with("class", &class.data.name)
                    .with("date", date),
                ));
            };
            let stored = existing.get(&mark.student_id);
            if let Some(stored) = stored.filter(|s| s.data.class_id != class_id) {
                let other = self.store().get::<Class>(stored.data.class_id).await?;
                return Err(AppError::field(
                    "class_id",
                    Msg::new(
                        "marked_by_other_class",
                        format!(
                            "{} was already marked on {date} in {}; change it there",
                            student.data.full_name, other.data.name
                        ),
                    )
                    .with("student", &student.data.full_name)
                    .with("class", &other.data.name)
                    .with("date", date),
                ));
            }
            let data = mark.status.map(|status| AttendanceMark {
                student_id: mark.student_id,
                class_id,
                date,
                status: status.as_str().into(),
                note: tidy_note(&mark.note),
            });
            match (stored, data) {
                (None, None) => {}
                (Some(stored), None) => cs.delete::<AttendanceMark>(stored.id(), stored.version()),
                (None, Some(data)) => {
                    data.validate()?;
                    written.push(cs.insert(&data));
                }
                (Some(stored), Some(data)) => {
                    if stored.data != data {
                        data.validate()?;
                        cs.update(stored.id(), stored.version(), &data);
                    }
                    written.push(stored.id());
                }
            }
        }
        self.commit_open(&open, cs).await?;
        Ok(self
            .store()
            .list::<AttendanceMark>(&Query::all().filter(Filter::In(
                "id",
                written.into_iter().map(Into::into).collect(),
            )))
            .await?)
    }

    /// "Everyone present": marks every student of the class who has no
    /// mark yet that day as present, and leaves the marks already made (a
    /// sick student stays sick). Answers how many were added.
    pub async fn mark_everyone_present(
        &self,
        actor: &Actor,
        class_id: Id,
        date: NaiveDate,
    ) -> AppResult<usize> {
        require(
            actor,
            Action::TakeAttendance,
            &Target::Class(class_id),
            "take this class's attendance",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_date(&class, date).await?;
        let open = self.ensure_open(actor, class_id, term.id()).await?;
        let students = self.students_on(class_id, date).await?;
        let marked: Vec<Id> = self
            .store()
            .list::<AttendanceMark>(&Query::all().eq("date", date).filter(Filter::In(
                "student_id",
                students.iter().map(|s| s.id().into()).collect(),
            )))
            .await?
            .into_iter()
            .map(|m| m.data.student_id)
            .collect();
        let mut cs = self.changes(actor);
        let mut added = 0;
        for student in students.iter().filter(|s| !marked.contains(&s.id())) {
            cs.insert(&AttendanceMark {
                student_id: student.id(),
                class_id,
                date,
                status: Status::Present.as_str().into(),
                note: None,
            });
            added += 1;
        }
        self.commit_open(&open, cs).await?;
        Ok(added)
    }

    /// The students in the class on `date`, by name.
    async fn students_on(&self, class_id: Id, date: NaiveDate) -> AppResult<Vec<Stored<Student>>> {
        let mut students = self.students_between(class_id, date, date).await?;
        let enrollments = self.enrollments_between(class_id, date, date).await?;
        students.retain(|s| {
            enrollments
                .iter()
                .any(|e| e.data.student_id == s.id() && covers(&e.data, date))
        });
        Ok(students)
    }

    /// A class's month: every day of `month` of `year`, the students in the
    /// class at any time that month, and their marks in this class.
    pub async fn attendance_month(
        &self,
        actor: &Actor,
        class_id: Id,
        year: i32,
        month: u32,
    ) -> AppResult<AttendanceMonth> {
        require(
            actor,
            Action::TakeAttendance,
            &Target::Class(class_id),
            "see this class's attendance",
        )?;
        let class = self.class_named(class_id).await?;
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
            AppError::field(
                "month",
                Msg::new(
                    "no_such_month",
                    format!("there is no month {month} in {year}"),
                )
                .with("month", month)
                .with("year", year),
            )
        })?;
        let days: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| d.month() == first.month())
            .collect();
        let last = *days.last().expect("a month has days");
        let terms = self
            .store()
            .list::<Term>(&Query::all().eq("academic_year_id", class.data.academic_year_id))
            .await?;
        let days = days
            .into_iter()
            .map(|date| MonthDay {
                date,
                term_id: terms
                    .iter()
                    .find(|t| t.data.start_date <= date && date <= t.data.end_date)
                    .map(|t| t.id()),
            })
            .collect();
        let students = self.students_between(class_id, first, last).await?;
        let mut marks = self
            .store()
            .list::<AttendanceMark>(
                &Query::all()
                    .eq("class_id", class_id)
                    .filter(Filter::In(
                        "date",
                        first
                            .iter_days()
                            .take_while(|d| *d <= last)
                            .map(Into::into)
                            .collect(),
                    ))
                    .order("date"),
            )
            .await?;
        marks.sort_by_key(|m| (m.data.date, m.data.student_id));
        Ok(AttendanceMonth {
            class,
            days,
            students,
            marks,
        })
    }

    /// Each student of the class during the term with their totals for the
    /// term (every mark of theirs in the term, whichever class made it: a
    /// student who moved keeps their absences).
    pub async fn attendance_totals(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
    ) -> AppResult<Vec<StudentTotals>> {
        require(
            actor,
            Action::TakeAttendance,
            &Target::Class(class_id),
            "see this class's attendance",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        let students = self
            .students_between(class_id, term.data.start_date, term.data.end_date)
            .await?;
        let marks = self
            .term_marks(&students.iter().map(|s| s.id()).collect::<Vec<_>>(), &term)
            .await?;
        Ok(students
            .into_iter()
            .map(|student| {
                let totals = Totals::of(marks.iter().filter(|m| m.student_id == student.id()));
                StudentTotals { student, totals }
            })
            .collect())
    }

    /// One student's totals for a term: what their card prints. The
    /// student, their parents and their class's teachers may read it.
    pub async fn student_attendance(
        &self,
        actor: &Actor,
        student_id: Id,
        term_id: Id,
    ) -> AppResult<Totals> {
        require(
            actor,
            Action::ReadResults,
            &self.student_target(student_id).await?,
            "see this student's attendance",
        )?;
        let term = self.store().find::<Term>(term_id).await?.ok_or_else(|| {
            AppError::field("term_id", Msg::new("no_such_term", "no such semester"))
        })?;
        let marks = self.term_marks(&[student_id], &term).await?;
        Ok(Totals::of(&marks))
    }

    /// Every mark of `students` within the term.
    async fn term_marks(
        &self,
        students: &[Id],
        term: &Stored<Term>,
    ) -> AppResult<Vec<AttendanceMark>> {
        let mut marks = self
            .store()
            .list::<AttendanceMark>(&Query::all().filter(Filter::In(
                "student_id",
                students.iter().map(|s| (*s).into()).collect(),
            )))
            .await?;
        marks.retain(|m| term.data.start_date <= m.data.date && m.data.date <= term.data.end_date);
        Ok(marks.into_iter().map(|m| m.data).collect())
    }
}
