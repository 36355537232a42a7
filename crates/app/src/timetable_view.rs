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
    block_name, class_label, editable, problem_words, refuse_broken, CoverDay, GenerateOptions,
    Generated, MoveCheck, TimetableEntry, Week,
};
use crate::{App, AppError, AppResult};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::week;
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
        Ok(MyTimetable {
            term: Some(term),
            week: self.read_week().await?,
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
    /// The lesson blocks without a place: the tray a block is dragged
    /// from into the grid.
    pub unplaced: Vec<TrayBlock>,
}

/// A lesson block without a place in a timetable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayBlock {
    pub lesson_id: Id,
    /// Which block of the lesson's split, from 1.
    pub part: i64,
    /// How many lesson periods it lasts.
    pub length: i64,
    /// "Matematika VII-A (Pak Guru), block 2".
    pub name: String,
    /// "VII-A", or "VII-A (Kristen)" for a group: the overview's rows it
    /// may go to.
    pub classes: Vec<String>,
}

/// A block placed from the tray, with the versions its undo must name.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The new placement (what its undo takes out again).
    pub placement_id: Id,
    pub placement_version: i64,
    /// The timetable's version after it.
    pub timetable_version: i64,
    /// The weighted rules' cost after it, in hundredths.
    pub soft_cost: i64,
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
        let unplaced: Vec<TrayBlock> = ctx
            .base
            .placements
            .iter()
            .enumerate()
            .filter(|(i, p)| p.start.is_none() && ctx.compiled.instance.activities[*i].active)
            .filter_map(|(i, _)| {
                let (lesson_id, part) = ctx.compiled.parts[i];
                Some(TrayBlock {
                    lesson_id,
                    part,
                    length: i64::from(ctx.compiled.instance.activities[i].duration),
                    name: block_name(&ctx.compiled, &ctx.records, i + 1)?,
                    classes: ctx
                        .records
                        .lessons
                        .iter()
                        .find(|l| l.lesson.id() == lesson_id)
                        .map(|l| {
                            l.classes
                                .iter()
                                .map(|c| class_label(&ctx.records.classes, &c.data))
                                .collect()
                        })
                        .unwrap_or_default(),
                })
            })
            .collect();
        let total = ctx.compiled.parts.len() as i64;
        Ok(TimetableScore {
            placed: total - unplaced.len() as i64,
            total,
            hard: crate::timetable::hard_broken(&ctx.compiled.instance, &ctx.base, &report)
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

    /// Where a block from the tray (not placed in this timetable) may go:
    /// the checker's verdict on every lesson period of the week, as for a
    /// move (a block placed from the tray swaps with nothing: a cell's
    /// clash is named as the rule it breaks). Writes nothing.
    pub async fn place_options(
        &self,
        actor: &Actor,
        timetable_id: Id,
        lesson_id: Id,
        part: i64,
    ) -> AppResult<Vec<CellVerdict>> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "change the timetables",
        )?;
        let ctx = self.move_context(timetable_id).await?;
        let activity = ctx.activity_of_block(lesson_id, part)?;
        let week = &ctx.records.week;
        let mut out = Vec::new();
        for &day in &week.days {
            for period in 1..=week.lesson_periods(day).len() as i64 {
                out.push(CellVerdict {
                    weekday: day,
                    period,
                    swap_with: None,
                    broken: ctx.place_verdict(activity, day, period).broken,
                });
            }
        }
        Ok(out)
    }

    /// Places a block from the tray at a day and lesson period (in its
    /// lesson's own room), in one audited change with the timetable's
    /// counts, while the timetable is still at `timetable_version`;
    /// refused in words when it would break a hard rule, when the block
    /// is placed already, and on a published timetable.
    #[allow(clippy::too_many_arguments)]
    pub async fn place_block(
        &self,
        actor: &Actor,
        timetable_id: Id,
        timetable_version: i64,
        lesson_id: Id,
        part: i64,
        weekday: i64,
        period: i64,
    ) -> AppResult<Placed> {
        let ctx = self.editing(actor, timetable_id, timetable_version).await?;
        let activity = ctx.activity_of_block(lesson_id, part)?;
        if let Some(k) = ctx.placement_of_block(lesson_id, part) {
            let p = &ctx.placements[k].data;
            let name = block_name(&ctx.compiled, &ctx.records, activity + 1).unwrap_or_default();
            return Err(AppError::field(
                "lesson_id",
                Msg::new(
                    "block_already_placed",
                    format!(
                        "{name} is placed already, on {} period {}",
                        week::day_name(p.weekday),
                        p.period
                    ),
                )
                .with("lesson", &name)
                .with("day", p.weekday)
                .with("period", p.period),
            ));
        }
        ctx.lesson_cell(weekday, period)?;
        let v = ctx.place_verdict(activity, weekday, period);
        refuse_broken(&v.broken, weekday, period)?;
        let placement = LessonPlacement {
            timetable_id,
            lesson_id,
            part,
            weekday,
            period,
            room_id: ctx.room_of(lesson_id),
            locked: false,
        };
        placement.validate()?;
        let t = &ctx.timetable;
        let mut cs = self.changes(actor);
        let placement_id = cs.insert(&placement);
        cs.update(t.id(), timetable_version, &counted(t, 1, &v));
        self.store().commit(cs).await?;
        Ok(Placed {
            placement_id,
            placement_version: 1,
            timetable_version: timetable_version + 1,
            soft_cost: v.soft_cost,
        })
    }

    /// Takes a placed block out to the tray, in one audited change with
    /// the timetable's counts, while the timetable is still at
    /// `timetable_version`; a locked block stays, and a published
    /// timetable is refused. Answers the timetable's new version.
    pub async fn unplace_block(
        &self,
        actor: &Actor,
        timetable_id: Id,
        timetable_version: i64,
        placement_id: Id,
        version: i64,
    ) -> AppResult<i64> {
        let ctx = self.editing(actor, timetable_id, timetable_version).await?;
        let moved = ctx.index_of(placement_id)?;
        let v = ctx.unplace_verdict(moved);
        if !v.broken.is_empty() {
            return Err(AppError::field(
                "lesson_id",
                Msg::new(
                    "unplace_refused",
                    format!("the lesson cannot be taken out: {}", v.broken.join("; ")),
                )
                .with("problems", v.broken.join("; ")),
            ));
        }
        let t = &ctx.timetable;
        let mut cs = self.changes(actor);
        cs.delete::<LessonPlacement>(placement_id, version);
        cs.update(t.id(), timetable_version, &counted(t, -1, &v));
        self.store().commit(cs).await?;
        Ok(timetable_version + 1)
    }

    /// What a hand edit of a timetable reads first: the office's, on a
    /// draft still at `timetable_version`.
    async fn editing(
        &self,
        actor: &Actor,
        timetable_id: Id,
        timetable_version: i64,
    ) -> AppResult<crate::timetable::MoveContext> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "change the timetables",
        )?;
        let ctx = self.move_context(timetable_id).await?;
        editable(&ctx.timetable, Some(timetable_version))?;
        Ok(ctx)
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

/// The timetable's counts after a block is placed (`placed` +1) or taken
/// out (-1), as the checker judged it.
fn counted(t: &Stored<TermTimetable>, placed: i64, v: &crate::timetable::Verdict) -> TermTimetable {
    TermTimetable {
        placed: (t.data.placed + placed).max(0),
        hard_violations: v.hard_after,
        soft_cost: v.soft_cost,
        ..t.data.clone()
    }
}

/// "07:00" for 420 minutes after midnight.
fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl App {
    /// The day's substitution sheet, ready to print: the teachers away
    /// (all day, or which periods) and each of their lessons that day in
    /// the published timetable by period — time, class, subject and how it
    /// is covered. The office's (it names who is away, not why).
    pub async fn cover_sheet(
        &self,
        actor: &Actor,
        date: chrono::NaiveDate,
        language: schooldesk_documents::Language,
    ) -> AppResult<schooldesk_documents::CoverSheet> {
        use chrono::Datelike;
        use schooldesk_documents as doc;
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "print the substitutions",
        )?;
        let days = self.absences_on(actor, date).await?;
        let week = self.read_week().await?;
        let weekday = i64::from(date.weekday().number_from_monday());
        let bells = week.lesson_periods(weekday);
        let en = language == doc::Language::En;
        let lang = if en {
            schooldesk_core::descriptions::Lang::En
        } else {
            schooldesk_core::descriptions::Lang::Id
        };
        let mut names: std::collections::HashMap<Id, String> = std::collections::HashMap::new();
        let mut lines = Vec::new();
        let mut absent = Vec::new();
        let mut timetable = String::new();
        for d in &days {
            absent.push(doc::CoverAbsent {
                teacher: d.teacher.clone(),
                periods: week::parse_periods(&d.absence.data.periods)
                    .unwrap_or_default()
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
            if let Some(t) = &d.timetable {
                timetable.clone_from(t);
            }
            for n in &d.lessons {
                let e = &n.entry;
                let last = e.period + e.length - 1;
                let bell = |p: i64| usize::try_from(p - 1).ok().and_then(|i| bells.get(i));
                let time = match (bell(e.period), bell(last)) {
                    (Some(a), Some(b)) => {
                        format!("{}–{}", clock(a.start_minute), clock(b.end_minute))
                    }
                    _ => String::new(),
                };
                let substitute = match n.cover.as_ref().and_then(|c| c.data.substitute_id) {
                    Some(id) => match names.get(&id) {
                        Some(name) => name.clone(),
                        None => {
                            let name = self
                                .store()
                                .find::<Teacher>(id)
                                .await?
                                .map(|t| t.data.full_name)
                                .unwrap_or_default();
                            names.insert(id, name.clone());
                            name
                        }
                    },
                    None => String::new(),
                };
                lines.push((
                    (e.period, e.classes.join(", ")),
                    doc::CoverLine {
                        period: if e.length > 1 {
                            format!("{}–{last}", e.period)
                        } else {
                            e.period.to_string()
                        },
                        time,
                        class: e.classes.join(", "),
                        subject: e.subject.clone(),
                        teacher: d.teacher.clone(),
                        kind: n
                            .cover
                            .as_ref()
                            .map_or_else(|| "open".to_string(), |c| c.data.kind.clone()),
                        substitute,
                    },
                ));
            }
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let day = if en {
            week::day_name(weekday)
        } else {
            crate::timetable::day_name_id(weekday)
        };
        Ok(doc::CoverSheet {
            language,
            school: self.printed_school().await?,
            date: format!("{day}, {}", crate::report::long_date(date, lang)),
            timetable,
            absent,
            lines: lines.into_iter().map(|(_, l)| l).collect(),
        })
    }
}

/// One lesson a teacher covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverItem {
    pub date: chrono::NaiveDate,
    /// The lesson period it starts in.
    pub period: i64,
    /// "IPA VII-A (Bu Ani)": the lesson as it was; empty when its lesson
    /// is gone from the records.
    pub lesson: String,
    /// substitute | supervised.
    pub kind: String,
}

/// How many lessons a teacher covered in the month and the semester of a
/// date, and which (newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverTally {
    pub teacher_id: Id,
    pub name: String,
    pub this_month: i64,
    pub this_term: i64,
    pub items: Vec<CoverItem>,
}

impl App {
    /// The cover history counted per teacher (item 7): every teacher who
    /// covered or supervised a lesson in the semester of `date`, with how
    /// many in its month and in the semester, and the list; most this
    /// month first. Teachers may read it (it is what the ranking counts).
    pub async fn cover_history(
        &self,
        actor: &Actor,
        date: chrono::NaiveDate,
    ) -> AppResult<Vec<CoverTally>> {
        use chrono::Datelike;
        require(
            actor,
            Action::ReadTimetable,
            &Target::School,
            "see the substitutions",
        )?;
        let Some(term) = self
            .store()
            .list::<Term>(&Query::all())
            .await?
            .into_iter()
            .find(|t| t.data.start_date <= date && date <= t.data.end_date)
        else {
            return Ok(Vec::new());
        };
        let records = self.term_records(&term).await?;
        let absences: std::collections::HashMap<Id, chrono::NaiveDate> = self
            .store()
            .list::<TeacherAbsence>(&Query::all())
            .await?
            .into_iter()
            .filter(|a| term.data.start_date <= a.data.date && a.data.date <= term.data.end_date)
            .map(|a| (a.id(), a.data.date))
            .collect();
        let mut tallies: std::collections::HashMap<Id, CoverTally> =
            std::collections::HashMap::new();
        for c in self.store().list::<LessonCover>(&Query::all()).await? {
            let (Some(teacher_id), Some(&day)) =
                (c.data.substitute_id, absences.get(&c.data.absence_id))
            else {
                continue;
            };
            let placement = self
                .store()
                .find::<LessonPlacement>(c.data.placement_id)
                .await?;
            let lesson = placement
                .as_ref()
                .and_then(|p| {
                    records
                        .lessons
                        .iter()
                        .find(|l| l.lesson.id() == p.data.lesson_id)
                })
                .map(|l| records.lesson_name(l))
                .unwrap_or_default();
            let tally = match tallies.entry(teacher_id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let name = match records.teachers.get(&teacher_id) {
                        Some(t) => t.data.full_name.clone(),
                        None => self
                            .store()
                            .find::<Teacher>(teacher_id)
                            .await?
                            .map(|t| t.data.full_name)
                            .unwrap_or_default(),
                    };
                    e.insert(CoverTally {
                        teacher_id,
                        name,
                        this_month: 0,
                        this_term: 0,
                        items: Vec::new(),
                    })
                }
            };
            tally.this_term += 1;
            if (day.year(), day.month()) == (date.year(), date.month()) {
                tally.this_month += 1;
            }
            tally.items.push(CoverItem {
                date: day,
                period: placement.map_or(0, |p| p.data.period),
                lesson,
                kind: c.data.kind,
            });
        }
        let mut out: Vec<CoverTally> = tallies.into_values().collect();
        for t in &mut out {
            t.items
                .sort_by(|a, b| (b.date, a.period).cmp(&(a.date, b.period)));
        }
        out.sort_by(|a, b| {
            (b.this_month, b.this_term, &a.name).cmp(&(a.this_month, a.this_term, &b.name))
        });
        Ok(out)
    }
}

impl App {
    /// A timetable's name for the files it is exported to: "Semester 1
    /// 2025/2026 - Draft 1" (the semester, its year, the timetable), so two
    /// semesters' drafts of the same name do not overwrite each other's
    /// exports. Whoever may read the timetables may have it.
    pub async fn timetable_file_title(&self, actor: &Actor, timetable_id: Id) -> AppResult<String> {
        require(
            actor,
            Action::ReadTimetable,
            &Target::School,
            "see the timetables",
        )?;
        let t = self.store().get::<TermTimetable>(timetable_id).await?;
        let term = self.store().get::<Term>(t.data.term_id).await?;
        let year = self
            .store()
            .find::<AcademicYear>(term.data.academic_year_id)
            .await?
            .map(|y| format!(" {}", y.data.name))
            .unwrap_or_default();
        Ok(format!("{}{year} - {}", term.data.name, t.data.name))
    }
}
