//! What the desktop's timetable screens need beyond `timetable.rs` (issue
//! 14, helper "ttui"): generating a draft while someone watches — the
//! engine's progress (placed / total, best score) reported as it searches
//! and a cancel that stops it with nothing stored — and the signed-in
//! user's own published week (a teacher's lessons, a student's, a
//! parent's children's) — and editing by hand (item 6): every target
//! cell's verdict for one dragged block in one call (`move_options`, the
//! records compiled once), a move that names the timetable's version so an
//! undo made after someone else's edit is refused by the write itself
//! (`move_block`), the score with its worst items and the blocks not
//! placed (`timetable_score`), and an editable copy of a timetable
//! (`copy_timetable`: a published one is never changed in place).
//!
//! The draft is stored by `generate_timetable`'s own code, given the watch.

use crate::auth::require;
use crate::timetable::{
    block_name, problem_words, CoverDay, GenerateOptions, Generated, MoveCheck, TimetableEntry,
    Week,
};
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

/// The checker's verdict on one target cell of a drag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellVerdict {
    pub weekday: i64,
    pub period: i64,
    /// The block that would change places with the dragged one.
    pub swap_with: Option<Id>,
    /// Hard rules the move would newly break, in words; empty: fine.
    pub broken: Vec<String>,
}

/// A move done, with the versions its undo must name.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub check: MoveCheck,
    /// The timetable's version after the move.
    pub timetable_version: i64,
    /// The moved block's version after the move.
    pub placement_version: i64,
}

/// One weighted rule the timetable pays for, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftItem {
    pub words: String,
    /// In hundredths of FET's units.
    pub cost: i64,
}

/// How good a timetable is, by the engine's checker on today's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimetableScore {
    pub placed: i64,
    pub total: i64,
    /// Every hard rule broken, in words (none for a complete timetable).
    pub hard: Vec<String>,
    /// The weighted rules' cost, in hundredths.
    pub soft_cost: i64,
    /// The costliest weighted items first, at most [`WORST_ITEMS`].
    pub worst: Vec<SoftItem>,
    /// The lesson blocks without a place, named.
    pub unplaced: Vec<String>,
}

/// How many of the costliest weighted items the score lists.
pub const WORST_ITEMS: usize = 5;

impl App {
    /// Where one lesson block of a timetable may go: the checker's verdict
    /// on every lesson period of the week (the block it would swap with,
    /// and each hard rule newly broken, in words), from one read and one
    /// compile of the records — what a drag shows on every cell. Writes
    /// nothing; the same verdict as [`App::check_move`] per cell.
    pub async fn move_options(
        &self,
        actor: &Actor,
        timetable_id: Id,
        placement_id: Id,
    ) -> AppResult<Vec<CellVerdict>> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "change the timetables",
        )?;
        let ctx = self.move_context(timetable_id).await?;
        let moved = ctx.index_of(placement_id)?;
        let week = &ctx.records.week;
        let mut out = Vec::new();
        for &day in &week.days {
            for period in 1..=week.lesson_periods(day).len() as i64 {
                let v = ctx.verdict(moved, day, period);
                out.push(CellVerdict {
                    weekday: day,
                    period,
                    swap_with: v.partner.map(|k| ctx.placements[k].id()),
                    broken: v.broken,
                });
            }
        }
        Ok(out)
    }

    /// Moves a lesson block like [`App::move_placement`] (swapping, refused
    /// in words when it breaks a hard rule), but only while the timetable
    /// is still at `timetable_version`: an undo or redo names the version
    /// its move left, so one made after anyone else's edit is refused (a
    /// conflict) rather than undoing their work. Answers the new versions.
    #[allow(clippy::too_many_arguments)]
    pub async fn move_block(
        &self,
        actor: &Actor,
        timetable_id: Id,
        timetable_version: i64,
        placement_id: Id,
        version: i64,
        weekday: i64,
        period: i64,
    ) -> AppResult<Moved> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "change the timetables",
        )?;
        let check = self
            .move_checked(
                actor,
                timetable_id,
                Some(timetable_version),
                placement_id,
                version,
                weekday,
                period,
            )
            .await?;
        // The versions this write made (each update adds one), not read
        // back afterwards: a colleague's move landing in between must make
        // the next undo a conflict, not hand it their version.
        Ok(Moved {
            check,
            timetable_version: timetable_version + 1,
            placement_version: version + 1,
        })
    }

    /// The timetable's score by the engine's checker on today's records:
    /// hard rules broken, the weighted cost and its costliest items, and
    /// the blocks without a place. Teachers may read it.
    pub async fn timetable_score(
        &self,
        actor: &Actor,
        timetable_id: Id,
    ) -> AppResult<TimetableScore> {
        require(
            actor,
            Action::ReadTimetable,
            &Target::School,
            "see the timetables",
        )?;
        let ctx = self.move_context(timetable_id).await?;
        let report = schooldesk_timetable::check(&ctx.compiled.instance, &ctx.base);
        let words = |v: &schooldesk_timetable::Violation| {
            problem_words(&ctx.compiled, &ctx.records, v.constraint, &v.message)
        };
        let mut soft: Vec<&schooldesk_timetable::Violation> =
            report.violations.iter().filter(|v| !v.hard).collect();
        soft.sort_by(|a, b| b.cost.total_cmp(&a.cost));
        let unplaced: Vec<String> = ctx
            .base
            .placements
            .iter()
            .enumerate()
            .filter(|(i, p)| p.start.is_none() && ctx.compiled.instance.activities[*i].active)
            .filter_map(|(i, _)| block_name(&ctx.compiled, &ctx.records, i + 1))
            .collect();
        let total = ctx.compiled.parts.len() as i64;
        Ok(TimetableScore {
            placed: total - unplaced.len() as i64,
            total,
            hard: report
                .hard()
                .filter(|v| !v.message.ends_with("is not placed"))
                .map(words)
                .collect(),
            soft_cost: (report.soft_cost() * 100.0).round() as i64,
            worst: soft
                .into_iter()
                .take(WORST_ITEMS)
                .map(|v| SoftItem {
                    words: words(v),
                    cost: (v.cost * 100.0).round() as i64,
                })
                .collect(),
            unplaced,
        })
    }

    /// A draft copy of a timetable, every block (and lock) where it is:
    /// how a published timetable is changed — edit the copy, then publish
    /// it in place of the old one. Audited.
    pub async fn copy_timetable(
        &self,
        actor: &Actor,
        timetable_id: Id,
        name: &str,
    ) -> AppResult<Stored<TermTimetable>> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "change the timetables",
        )?;
        let from = self.store().get::<TermTimetable>(timetable_id).await?;
        let copy = TermTimetable {
            name: name.trim().to_string(),
            status: "draft".into(),
            made_by: Some(actor.user_id),
            attention: None,
            ..from.data.clone()
        };
        copy.validate()?;
        let id = new_id();
        let mut cs = self.changes(actor);
        cs.insert_with_id(id, &copy);
        for p in self
            .store()
            .list::<LessonPlacement>(&Query::all().eq("timetable_id", timetable_id))
            .await?
        {
            cs.insert(&LessonPlacement {
                timetable_id: id,
                ..p.data
            });
        }
        self.store().commit(cs).await?;
        Ok(self.store().get::<TermTimetable>(id).await?)
    }

    /// Every teacher away on a date, each with their lessons that day in
    /// the published timetable, who could cover each (ranked) and how each
    /// is covered so far — the substitutions screen's day. The reasons are
    /// the office's to read (as in [`App::cover_day`]).
    pub async fn absences_on(
        &self,
        actor: &Actor,
        date: chrono::NaiveDate,
    ) -> AppResult<Vec<CoverDay>> {
        require(
            actor,
            Action::ReadTimetable,
            &Target::School,
            "see the substitutions",
        )?;
        let mut out = Vec::new();
        for a in self
            .store()
            .list::<TeacherAbsence>(&Query::all().eq("date", date))
            .await?
        {
            out.push(self.cover_day(actor, a.id()).await?);
        }
        out.sort_by(|a, b| a.teacher.cmp(&b.teacher));
        Ok(out)
    }
}
