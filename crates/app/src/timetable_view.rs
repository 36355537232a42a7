//! What the desktop's timetable screens need beyond `timetable.rs` (issue
//! 14, helper "ttui"): generating a draft while someone watches — the
//! engine's progress (placed / total, best score) reported as it searches
//! and a cancel that stops it with nothing stored — and the signed-in
//! user's own published week (a teacher's lessons, a student's, a
//! parent's children's).
//!
//! The draft is stored exactly as `generate_timetable` stores it: the same
//! model (`timetable_model`), the same counts, one audited change.

use crate::timetable::{GenerateOptions, Generated, LessonRecord, TimetableEntry, Week};
use crate::{App, AppError, AppResult};
use schooldesk_core::*;
use schooldesk_store::Query;
pub use schooldesk_timetable::solve::Progress;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
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
        let name = options.name.trim().to_string();
        // The model answers the permission (only the office generates).
        let compiled = self.timetable_model(actor, term_id).await?;
        validate::name(&name, 100).map_err(|m| AppError::field("name", m))?;
        let lessons = self.lessons(actor, term_id).await?;
        let total = compiled.parts.len();
        // The search reports at most every 100 ms: the bar shows the total
        // at once, and the end below, however quick the search.
        (watch.progress)(Progress {
            iteration: 0,
            placed: 0,
            total,
            best_penalty: total as u64,
            best_soft: 0.0,
        });
        let instance = compiled.instance.clone();
        let (time_limit, max_iterations, seed, threads) = (
            options.time_limit,
            options.max_iterations,
            options.seed,
            options.threads,
        );
        let w = watch.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let empty = schooldesk_timetable::Timetable::empty(&instance);
            let report = |p: Progress| (w.progress)(p);
            schooldesk_timetable::solve::solve(
                &instance,
                &empty,
                &schooldesk_timetable::solve::Options {
                    seed,
                    time_limit,
                    max_iterations,
                    threads,
                    cancel: Some(&w.cancel),
                    progress: Some(&report),
                    ..Default::default()
                },
            )
        })
        .await
        .map_err(|e| AppError::Store(schooldesk_store::StoreError::Internal(e.to_string())))?
        .map_err(|impossible| {
            AppError::field(
                "term_id",
                Msg::new(
                    "timetable_impossible",
                    format!("no timetable can be made: {}", impossible.0.join("; ")),
                )
                .with("reasons", impossible.0.join("; ")),
            )
        })?;
        if watch.cancel.load(Ordering::Relaxed) {
            tracing::info!("timetable generation cancelled");
            return Ok(None);
        }
        let report = schooldesk_timetable::check(&compiled.instance, &outcome.timetable);
        let names = self.lesson_names(&lessons).await?;
        let timetable_id = new_id();
        let mut rows = Vec::new();
        let mut unplaced = Vec::new();
        for (i, placement) in outcome.timetable.placements.iter().enumerate() {
            let (lesson_id, part) = compiled.parts[i];
            match placement.start {
                Some(slot) => rows.push(LessonPlacement {
                    timetable_id,
                    lesson_id,
                    part,
                    weekday: compiled.weekdays[slot.day as usize],
                    period: i64::from(slot.hour) + 1,
                    room_id: placement.room.map(|r| compiled.rooms[r as usize]),
                }),
                None => {
                    let (name, split) = names.get(&lesson_id).cloned().unwrap_or_default();
                    unplaced.push(format!("{name}, block {part} of {split}"));
                }
            }
        }
        (watch.progress)(Progress {
            iteration: outcome.iterations,
            placed: rows.len(),
            total,
            best_penalty: report.hard_count() as u64,
            best_soft: report.soft_cost(),
        });
        let timetable = TermTimetable {
            term_id,
            name,
            status: "draft".into(),
            made_by: Some(actor.user_id),
            placed: rows.len() as i64,
            total: total as i64,
            hard_violations: report.hard_count() as i64,
            soft_cost: (report.soft_cost() * 100.0).round() as i64,
        };
        timetable.validate()?;
        let mut cs = self.changes(actor);
        cs.insert_with_id(timetable_id, &timetable);
        for row in &rows {
            cs.insert(row);
        }
        self.store().commit(cs).await?;
        tracing::info!(
            placed = timetable.placed,
            total = timetable.total,
            hard = timetable.hard_violations,
            iterations = outcome.iterations,
            "timetable generated (watched)"
        );
        Ok(Some(Generated {
            timetable: self.store().get::<TermTimetable>(timetable_id).await?,
            unplaced,
        }))
    }

    /// "Matematika VII-A (Pak Guru)" and the split, per lesson.
    async fn lesson_names(
        &self,
        lessons: &[LessonRecord],
    ) -> AppResult<HashMap<Id, (String, String)>> {
        let subjects = self.store().list::<Subject>(&Query::all()).await?;
        let teachers = self.store().list::<Teacher>(&Query::all()).await?;
        let classes = self.store().list::<Class>(&Query::all()).await?;
        let mut out = HashMap::new();
        for l in lessons {
            let subject = subjects
                .iter()
                .find(|s| s.id() == l.lesson.data.subject_id)
                .map_or("?", |s| s.data.name.as_str());
            let class_names: Vec<String> = l
                .classes
                .iter()
                .map(|c| {
                    let name = classes
                        .iter()
                        .find(|k| k.id() == c.data.class_id)
                        .map_or("?", |k| k.data.name.as_str());
                    match &c.data.group_name {
                        Some(g) => format!("{name} ({g})"),
                        None => name.to_string(),
                    }
                })
                .collect();
            let teacher_names: Vec<&str> = l
                .teachers
                .iter()
                .map(|t| {
                    teachers
                        .iter()
                        .find(|x| x.id() == t.data.teacher_id)
                        .map_or("?", |x| x.data.full_name.as_str())
                })
                .collect();
            out.insert(
                l.lesson.id(),
                (
                    format!(
                        "{subject} {} ({})",
                        class_names.join(", "),
                        teacher_names.join(", ")
                    ),
                    l.lesson.data.split.clone(),
                ),
            );
        }
        Ok(out)
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
