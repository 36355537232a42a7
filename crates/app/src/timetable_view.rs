//! What the desktop's timetable screens need beyond `timetable.rs` (issue
//! 14, helper "ttui"): generating a draft while someone watches — the
//! engine's progress (placed / total, best score) reported as it searches
//! and a cancel that stops it with nothing stored — and the signed-in
//! user's own published week (a teacher's lessons, a student's, a
//! parent's children's).
//!
//! The draft is stored by `generate_timetable`'s own code, given the watch.

use crate::auth::require;
use crate::timetable::{GenerateOptions, Generated, TimetableEntry, Week};
use crate::{App, AppResult};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::Query;
pub use schooldesk_timetable::solve::Progress;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// How a watched generation reports and is stopped.
#[derive(Clone)]
pub struct Watch {
    /// Set it to stop the search; nothing is stored then.
    pub cancel: Arc<AtomicBool>,
    /// Called from the search's thread as it improves.
    pub progress: Arc<dyn Fn(Progress) + Send + Sync>,
}

/// The signed-in user's own weeks, with the school's week to draw them on
/// (a student may not read the week on its own).
#[derive(Debug, Clone, PartialEq)]
pub struct MyTimetable {
    /// The semester shown: the current year's one today falls in (else
    /// the last begun, else its first); None without a current year.
    pub term: Option<Stored<Term>>,
    pub week: Week,
    pub people: Vec<OwnTimetable>,
}

/// One person's published week: a teacher's own lessons, or a student's.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnTimetable {
    /// The teacher's or student's name.
    pub who: String,
    /// None while the semester has no published timetable.
    pub entries: Option<Vec<TimetableEntry>>,
}

impl App {
    /// Generates a draft like `generate_timetable`, reporting the search's
    /// progress through `watch` and stopping when it is cancelled. Answers
    /// None when cancelled (nothing is stored); otherwise the stored draft
    /// and, in words, the lesson blocks it could not place.
    pub async fn generate_timetable_watched(
        &self,
        actor: &Actor,
        term_id: Id,
        options: &GenerateOptions,
        watch: &Watch,
    ) -> AppResult<Option<Generated>> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "generate timetables",
        )?;
        self.generate(actor, term_id, options, &[], Some(watch))
            .await
    }

    /// The signed-in user's own published week of the current semester
    /// (students and parents may not list the semesters themselves): a
    /// teacher's lessons, a student's, each of a parent's children's.
    /// Empty for anyone else (the office sees every timetable on its own
    /// screen).
    pub async fn my_timetable(&self, actor: &Actor) -> AppResult<MyTimetable> {
        let Some(year) = self
            .store()
            .first::<AcademicYear>(Query::all().eq("is_current", true))
            .await?
        else {
            return Ok(MyTimetable {
                term: None,
                week: Week::default(),
                people: Vec::new(),
            });
        };
        let terms = self
            .store()
            .list::<Term>(
                &Query::all()
                    .eq("academic_year_id", year.id())
                    .order("number"),
            )
            .await?;
        let today = self.today();
        let Some(term) = terms
            .iter()
            .find(|t| t.data.start_date <= today && today <= t.data.end_date)
            .or_else(|| terms.iter().rev().find(|t| t.data.start_date <= today))
            .or(terms.first())
            .cloned()
        else {
            return Ok(MyTimetable {
                term: None,
                week: Week::default(),
                people: Vec::new(),
            });
        };
        let term_id = term.id();
        let mut out = Vec::new();
        if let Some(teacher_id) = actor.teacher_id {
            let teacher = self.store().get::<Teacher>(teacher_id).await?;
            let published = self
                .timetables(actor, term_id)
                .await?
                .into_iter()
                .find(|t| t.data.status == "published");
            let entries = match published {
                None => None,
                Some(t) => {
                    let own: Vec<Id> = self
                        .lessons(actor, term_id)
                        .await?
                        .iter()
                        .filter(|l| l.teachers.iter().any(|x| x.data.teacher_id == teacher_id))
                        .map(|l| l.lesson.id())
                        .collect();
                    let mut e = self.timetable_entries(actor, t.id()).await?;
                    e.retain(|e| own.contains(&e.lesson_id));
                    Some(e)
                }
            };
            out.push(OwnTimetable {
                who: teacher.data.full_name,
                entries,
            });
        }
        let students: Vec<Id> = actor
            .student_id
            .into_iter()
            .chain(actor.child_ids.iter().copied())
            .collect();
        for student_id in students {
            let entries = self.student_timetable(actor, student_id, term_id).await?;
            let student = self.store().get::<Student>(student_id).await?;
            out.push(OwnTimetable {
                who: student.data.full_name,
                entries,
            });
        }
        let mut days: Vec<i64> = self
            .store()
            .list::<SchoolDay>(&Query::all())
            .await?
            .into_iter()
            .map(|d| d.data.weekday)
            .collect();
        days.sort_unstable();
        let mut periods: Vec<BellPeriod> = self
            .store()
            .list::<BellPeriod>(&Query::all())
            .await?
            .into_iter()
            .map(|p| p.data)
            .collect();
        periods.sort_by_key(|p| (p.weekday, p.position));
        Ok(MyTimetable {
            term: Some(term),
            week: Week { days, periods },
            people: out,
        })
    }
}
