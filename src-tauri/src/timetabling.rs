//! The timetable screens' side of the shell (issue 14, helper "ttui"): the
//! wire types, and generation as a background job the page polls — the
//! command that starts it answers at once, so the window never waits on
//! the search; the page asks for its progress (placed / total, best score)
//! and may cancel it. Everything else adapts `crates/app`'s timetable
//! use-cases.

use crate::shell::{Shell, UiResult};
use crate::wire::{Rec, UiError};
use chrono::{DateTime, Utc};
use schooldesk_app::timetable::{CoverDay, GenerateOptions, LessonChange, TimetableEntry, Week};
use schooldesk_app::timetable_view::{
    CellVerdict, CoverTally, Moved, Placed, Progress, TimetableScore, TrayBlock, Watch,
};
use schooldesk_app::App;
use schooldesk_core::{BellPeriod, Id, TermTimetable};
use schooldesk_store::Query;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// The school's week: working days (Monday 1 … Sunday 7) and every bell
/// period of each.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct WeekView {
    pub days: Vec<i64>,
    pub periods: Vec<BellPeriod>,
}

/// A lesson of the semester, named for reading.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct LessonRow {
    pub id: Id,
    pub version: i64,
    pub subject: String,
    pub teachers: Vec<String>,
    pub classes: Vec<String>,
    pub periods_per_week: i64,
    pub split: String,
    pub room: Option<String>,
}

/// One difference between the lessons and the teaching assignments.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PlanLine {
    /// add | change | remove
    pub kind: String,
    /// The app's sentence naming the lesson.
    pub description: String,
    /// Timetables that place the lesson now.
    pub timetables: Vec<String>,
}

/// A timetable with who made it and when.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct TimetableRow {
    pub timetable: Rec<TermTimetable>,
    pub made_by: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One lesson block of a timetable.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct EntryView {
    /// The stored block (what a move or a lock names).
    pub placement_id: Id,
    pub placement_version: i64,
    /// Kept where it is when the timetable is generated again; not dragged.
    pub locked: bool,
    pub lesson_id: Id,
    /// Which block of the lesson's split, from 1.
    pub part: i64,
    pub weekday: i64,
    /// The lesson period it starts in, from 1.
    pub period: i64,
    pub length: i64,
    pub subject: String,
    /// The subject's code (for the whole-school grid), where the reader
    /// may see the subjects.
    pub subject_code: Option<String>,
    pub teachers: Vec<String>,
    pub classes: Vec<String>,
    pub room: Option<String>,
}

impl From<TimetableEntry> for EntryView {
    fn from(e: TimetableEntry) -> Self {
        EntryView {
            placement_id: e.placement_id,
            placement_version: e.placement_version,
            locked: e.locked,
            lesson_id: e.lesson_id,
            part: e.part,
            weekday: e.weekday,
            period: e.period,
            length: e.length,
            subject: e.subject,
            subject_code: None,
            teachers: e.teachers,
            classes: e.classes,
            room: e.room,
        }
    }
}

/// A teacher's or a student's own published week.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct OwnTimetableView {
    pub who: String,
    /// None while nothing is published.
    pub entries: Option<Vec<EntryView>>,
}

/// The signed-in user's own weeks and the school's week they are drawn on.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MyTimetableView {
    /// The semester shown (the current one); None without a current year.
    pub term: Option<Rec<schooldesk_core::Term>>,
    pub week: WeekView,
    pub people: Vec<OwnTimetableView>,
}

/// A finished generation: the stored draft and, in words, what it could
/// not place.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct GenerationResult {
    pub timetable: Rec<TermTimetable>,
    pub unplaced: Vec<String>,
}

/// Where a generation is.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
pub struct GenerationStatus {
    pub running: bool,
    /// Lesson blocks placed without a hard conflict in the best so far.
    pub placed: u64,
    pub total: u64,
    /// Hard penalty of the best so far (0: every hard rule holds).
    pub best_hard: u64,
    /// Soft cost of the best so far, in hundredths of FET's units.
    pub best_soft: u64,
    pub elapsed_ms: u64,
    pub time_limit_ms: u64,
    pub cancelled: bool,
    pub result: Option<GenerationResult>,
    pub error: Option<UiError>,
}

/// The checker's verdict on one target cell of a drag.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CellVerdictView {
    pub weekday: i64,
    pub period: i64,
    /// The block it would change places with.
    pub swap_with: Option<Id>,
    /// Hard rules newly broken, in words; empty: the move is fine.
    pub broken: Vec<String>,
}

impl From<CellVerdict> for CellVerdictView {
    fn from(c: CellVerdict) -> Self {
        CellVerdictView {
            weekday: c.weekday,
            period: c.period,
            swap_with: c.swap_with,
            broken: c.broken,
        }
    }
}

/// A move done: the versions its undo names.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MovedView {
    pub timetable_version: i64,
    pub placement_version: i64,
    /// The block it changed places with.
    pub swapped_with: Option<Id>,
}

/// One weighted rule the timetable pays for, in words.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SoftItemView {
    pub words: String,
    /// In hundredths of FET's units.
    pub cost: i64,
}

/// A timetable's score by the engine's checker.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ScoreView {
    pub placed: i64,
    pub total: i64,
    pub hard: Vec<String>,
    /// In hundredths of FET's units.
    pub soft_cost: i64,
    /// The costliest weighted items first.
    pub worst: Vec<SoftItemView>,
    /// Lesson blocks without a place: the tray.
    pub unplaced: Vec<TrayBlockView>,
}

/// A lesson block without a place, dragged from the tray into the grid.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct TrayBlockView {
    pub lesson_id: Id,
    /// Which block of the lesson's split, from 1.
    pub part: i64,
    pub length: i64,
    pub name: String,
    /// "VII-A", or "VII-A (Kristen)" for a group.
    pub classes: Vec<String>,
}

impl From<TrayBlock> for TrayBlockView {
    fn from(b: TrayBlock) -> Self {
        TrayBlockView {
            lesson_id: b.lesson_id,
            part: b.part,
            length: b.length,
            name: b.name,
            classes: b.classes,
        }
    }
}

/// A block placed from the tray: what its undo names.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PlacedView {
    pub placement_id: Id,
    pub placement_version: i64,
    pub timetable_version: i64,
}

impl From<Placed> for PlacedView {
    fn from(p: Placed) -> Self {
        PlacedView {
            placement_id: p.placement_id,
            placement_version: p.placement_version,
            timetable_version: p.timetable_version,
        }
    }
}

impl From<TimetableScore> for ScoreView {
    fn from(s: TimetableScore) -> Self {
        ScoreView {
            placed: s.placed,
            total: s.total,
            hard: s.hard,
            soft_cost: s.soft_cost,
            worst: s
                .worst
                .into_iter()
                .map(|w| SoftItemView {
                    words: w.words,
                    cost: w.cost,
                })
                .collect(),
            unplaced: s.unplaced.into_iter().map(TrayBlockView::from).collect(),
        }
    }
}

impl From<Moved> for MovedView {
    fn from(m: Moved) -> Self {
        MovedView {
            timetable_version: m.timetable_version,
            placement_version: m.placement_version,
            swapped_with: m.check.swap_with.map(|e| e.placement_id),
        }
    }
}

/// A free teacher who could cover a lesson, best first.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CandidateView {
    pub teacher_id: Id,
    pub name: String,
    pub teaches_subject: bool,
    pub teaches_class: bool,
    /// Lessons covered in the month so far: the history counted.
    pub covers_this_month: i64,
}

/// How a lesson is covered so far.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CoverView {
    /// substitute | cancelled | supervised
    pub kind: String,
    pub substitute_id: Option<Id>,
}

/// One lesson of an absent teacher's day.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CoverNeedView {
    pub entry: EntryView,
    pub candidates: Vec<CandidateView>,
    pub cover: Option<CoverView>,
}

/// A teacher away on a date, and their lessons that day.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CoverDayView {
    pub absence_id: Id,
    pub teacher_id: Id,
    pub teacher: String,
    pub date: chrono::NaiveDate,
    /// Empty for readers outside the office.
    pub reason: String,
    /// The lesson periods away; empty: the whole day.
    pub periods: Vec<i64>,
    /// The published timetable the lessons come from.
    pub timetable: Option<String>,
    pub lessons: Vec<CoverNeedView>,
}

impl From<CoverDay> for CoverDayView {
    fn from(d: CoverDay) -> Self {
        CoverDayView {
            absence_id: d.absence.id(),
            teacher_id: d.absence.data.teacher_id,
            teacher: d.teacher,
            date: d.absence.data.date,
            reason: d.absence.data.reason,
            periods: schooldesk_core::week::parse_periods(&d.absence.data.periods)
                .unwrap_or_default(),
            timetable: d.timetable,
            lessons: d
                .lessons
                .into_iter()
                .map(|n| CoverNeedView {
                    entry: EntryView::from(n.entry),
                    candidates: n
                        .candidates
                        .into_iter()
                        .map(|c| CandidateView {
                            teacher_id: c.teacher_id,
                            name: c.name,
                            teaches_subject: c.teaches_subject,
                            teaches_class: c.teaches_class,
                            covers_this_month: c.covers_this_month,
                        })
                        .collect(),
                    cover: n.cover.map(|c| CoverView {
                        kind: c.data.kind,
                        substitute_id: c.data.substitute_id,
                    }),
                })
                .collect(),
        }
    }
}

struct Job {
    /// Who started it: only they may follow or cancel it.
    owner: Id,
    began: Instant,
    cancel: Arc<AtomicBool>,
    status: Mutex<GenerationStatus>,
}

fn jobs() -> &'static Mutex<HashMap<u64, Arc<Job>>> {
    static JOBS: OnceLock<Mutex<HashMap<u64, Arc<Job>>>> = OnceLock::new();
    JOBS.get_or_init(Default::default)
}

static NEXT_JOB: AtomicU64 = AtomicU64::new(1);

/// How long a finished job waits for its owner to read it.
const FORGET_AFTER: Duration = Duration::from_secs(30 * 60);

async fn done<T>(shell: &Shell, app: &App, r: schooldesk_app::AppResult<T>) -> UiResult<T> {
    match r {
        Ok(v) => Ok(v),
        Err(e) => Err(shell.explain(app, e).await),
    }
}

pub async fn week(shell: &Shell) -> UiResult<WeekView> {
    let (app, actor) = shell.actor().await?;
    let w = done(shell, &app, app.school_week(&actor).await).await?;
    Ok(WeekView {
        days: w.days,
        periods: w.periods,
    })
}

pub async fn save_week(shell: &Shell, week: WeekView) -> UiResult<WeekView> {
    let (app, actor) = shell.actor().await?;
    let w = Week {
        days: week.days,
        periods: week.periods,
    };
    let w = done(shell, &app, app.save_school_week(&actor, &w).await).await?;
    Ok(WeekView {
        days: w.days,
        periods: w.periods,
    })
}

pub async fn lessons(shell: &Shell, term_id: Id) -> UiResult<Vec<LessonRow>> {
    let (app, actor) = shell.actor().await?;
    let lessons = done(shell, &app, app.lessons(&actor, term_id).await).await?;
    let subjects = done(
        shell,
        &app,
        app.list::<schooldesk_core::Subject>(&actor, &Query::all())
            .await,
    )
    .await?;
    let teachers = done(
        shell,
        &app,
        app.list::<schooldesk_core::Teacher>(&actor, &Query::all())
            .await,
    )
    .await?;
    let classes = done(
        shell,
        &app,
        app.list::<schooldesk_core::Class>(&actor, &Query::all())
            .await,
    )
    .await?;
    let rooms = done(
        shell,
        &app,
        app.list::<schooldesk_core::Room>(&actor, &Query::all())
            .await,
    )
    .await?;
    let mut rows: Vec<LessonRow> = lessons
        .into_iter()
        .map(|l| LessonRow {
            id: l.lesson.id(),
            version: l.lesson.version(),
            subject: subjects
                .iter()
                .find(|s| s.id() == l.lesson.data.subject_id)
                .map_or_else(String::new, |s| s.data.name.clone()),
            teachers: l
                .teachers
                .iter()
                .filter_map(|t| teachers.iter().find(|x| x.id() == t.data.teacher_id))
                .map(|t| t.data.full_name.clone())
                .collect(),
            classes: l
                .classes
                .iter()
                .map(|c| {
                    let name = classes
                        .iter()
                        .find(|k| k.id() == c.data.class_id)
                        .map_or_else(String::new, |k| k.data.name.clone());
                    match &c.data.group_name {
                        Some(g) => format!("{name} ({g})"),
                        None => name,
                    }
                })
                .collect(),
            periods_per_week: l.lesson.data.periods_per_week,
            split: l.lesson.data.split.clone(),
            room: l
                .lesson
                .data
                .room_id
                .and_then(|r| rooms.iter().find(|x| x.id() == r))
                .map(|r| r.data.name.clone()),
        })
        .collect();
    rows.sort_by(|a, b| (&a.classes, &a.subject).cmp(&(&b.classes, &b.subject)));
    Ok(rows)
}

fn plan_lines(plan: &schooldesk_app::timetable::LessonPlan) -> Vec<PlanLine> {
    plan.changes
        .iter()
        .map(|c| PlanLine {
            kind: match c.change {
                LessonChange::Add { .. } => "add",
                LessonChange::Update { .. } => "change",
                LessonChange::Remove { .. } => "remove",
            }
            .into(),
            description: c.description.clone(),
            timetables: c.timetables.clone(),
        })
        .collect()
}

pub async fn lesson_plan(shell: &Shell, term_id: Id) -> UiResult<Vec<PlanLine>> {
    let (app, actor) = shell.actor().await?;
    let plan = done(shell, &app, app.plan_lessons(&actor, term_id).await).await?;
    Ok(plan_lines(&plan))
}

/// Plans again and applies only when the plan is the one the user read
/// (`seen`, its sentences): a plan changed meanwhile is shown again, not
/// applied.
pub async fn apply_lesson_plan(shell: &Shell, term_id: Id, seen: Vec<String>) -> UiResult<u32> {
    let (app, actor) = shell.actor().await?;
    let plan = done(shell, &app, app.plan_lessons(&actor, term_id).await).await?;
    let now: Vec<String> = plan.changes.iter().map(|c| c.description.clone()).collect();
    if now != seen {
        let mut e = UiError::new(
            "conflict",
            "the lessons or teaching assignments changed since the plan was shown; read the new plan and apply again",
        );
        e.code = Some("tt_plan_changed".into());
        return Err(e);
    }
    let n = done(shell, &app, app.apply_lesson_plan(&actor, &plan).await).await?;
    Ok(n as u32)
}

pub async fn timetables(shell: &Shell, term_id: Id) -> UiResult<Vec<TimetableRow>> {
    let (app, actor) = shell.actor().await?;
    let all = done(shell, &app, app.timetables(&actor, term_id).await).await?;
    // Who made each, as the app names a user to this reader.
    let mut names: HashMap<Id, Option<String>> = HashMap::new();
    for t in &all {
        if let Some(id) = t.data.made_by {
            if let std::collections::hash_map::Entry::Vacant(e) = names.entry(id) {
                e.insert(app.user_display_name(&actor, id).await.ok().flatten());
            }
        }
    }
    Ok(all
        .into_iter()
        .map(|t| TimetableRow {
            made_by: t
                .data
                .made_by
                .and_then(|id| names.get(&id).cloned().flatten()),
            created_at: t.meta.created_at,
            timetable: Rec::from(t),
        })
        .collect())
}

pub async fn entries(shell: &Shell, timetable_id: Id) -> UiResult<Vec<EntryView>> {
    let (app, actor) = shell.actor().await?;
    let e = done(
        shell,
        &app,
        app.timetable_entries(&actor, timetable_id).await,
    )
    .await?;
    let subjects = app
        .list::<schooldesk_core::Subject>(&actor, &Query::all())
        .await
        .unwrap_or_default();
    Ok(e.into_iter()
        .map(|e| {
            let code = subjects
                .iter()
                .find(|s| s.data.name == e.subject)
                .map(|s| s.data.code.clone());
            EntryView {
                subject_code: code,
                ..EntryView::from(e)
            }
        })
        .collect())
}

pub async fn my_timetable(shell: &Shell) -> UiResult<MyTimetableView> {
    let (app, actor) = shell.actor().await?;
    let own = done(shell, &app, app.my_timetable(&actor).await).await?;
    Ok(MyTimetableView {
        term: own.term.map(Rec::from),
        week: WeekView {
            days: own.week.days,
            periods: own.week.periods,
        },
        people: own
            .people
            .into_iter()
            .map(|o| OwnTimetableView {
                who: o.who,
                entries: o
                    .entries
                    .map(|e| e.into_iter().map(EntryView::from).collect()),
            })
            .collect(),
    })
}

/// Starts generating a draft in the background and answers its job
/// number at once. At most 1–600 seconds.
pub async fn generate_start(
    shell: &Shell,
    term_id: Id,
    name: String,
    time_limit_s: u32,
) -> UiResult<u64> {
    let (app, actor) = shell.actor().await?;
    let limit = Duration::from_secs(u64::from(time_limit_s.clamp(1, 600)));
    let job = Arc::new(Job {
        owner: actor.user_id,
        began: Instant::now(),
        cancel: Arc::new(AtomicBool::new(false)),
        status: Mutex::new(GenerationStatus {
            running: true,
            time_limit_ms: limit.as_millis() as u64,
            ..Default::default()
        }),
    });
    let id = NEXT_JOB.fetch_add(1, Ordering::Relaxed);
    {
        let mut all = jobs().lock().expect("jobs");
        // One search per user: a new one stops their earlier one (the
        // screen follows one at a time). Finished jobs nobody came back
        // for are forgotten after a while.
        for j in all.values().filter(|j| j.owner == actor.user_id) {
            j.cancel.store(true, Ordering::Relaxed);
        }
        all.retain(|_, j| {
            j.status.lock().expect("status").running || j.began.elapsed() < FORGET_AFTER
        });
        all.insert(id, job.clone());
    }
    let progress_job = job.clone();
    let watch = Watch {
        cancel: job.cancel.clone(),
        progress: Arc::new(move |p: Progress| {
            let mut s = progress_job.status.lock().expect("status");
            s.placed = p.placed as u64;
            s.total = p.total as u64;
            s.best_hard = p.best_penalty;
            s.best_soft = (p.best_soft * 100.0).round().max(0.0) as u64;
        }),
    };
    let options = GenerateOptions {
        name,
        time_limit: limit,
        ..Default::default()
    };
    tauri::async_runtime::spawn(async move {
        let r = app
            .generate_timetable_watched(&actor, term_id, &options, &watch)
            .await;
        let mut s = job.status.lock().expect("status");
        s.running = false;
        s.elapsed_ms = job.began.elapsed().as_millis() as u64;
        match r {
            Ok(Some(g)) => {
                s.placed = g.timetable.data.placed as u64;
                s.total = g.timetable.data.total as u64;
                // The search's measure to the end: blocks not placed and
                // hard rules broken together (the stored summary counts
                // them apart).
                let d = &g.timetable.data;
                s.best_hard = (d.hard_violations + (d.total - d.placed).max(0)) as u64;
                s.best_soft = g.timetable.data.soft_cost.max(0) as u64;
                s.result = Some(GenerationResult {
                    timetable: Rec::from(g.timetable),
                    unplaced: g.unplaced,
                });
            }
            Ok(None) => s.cancelled = true,
            Err(e) => s.error = Some(UiError::from_app(&e, None)),
        }
    });
    Ok(id)
}

/// The job, if this user started it (another user's is as unknown as a
/// job that never was).
fn job(id: u64, user: Id) -> UiResult<Arc<Job>> {
    jobs()
        .lock()
        .expect("jobs")
        .get(&id)
        .filter(|j| j.owner == user)
        .cloned()
        .ok_or_else(|| {
            UiError::new(
                "not_found",
                format!("no timetable generation {id} of yours is known"),
            )
        })
}

pub async fn generate_status(shell: &Shell, id: u64) -> UiResult<GenerationStatus> {
    let (_, actor) = shell.actor().await?;
    let job = job(id, actor.user_id)?;
    let mut s = job.status.lock().expect("status").clone();
    if s.running {
        s.elapsed_ms = job.began.elapsed().as_millis() as u64;
    } else {
        // Read once finished: forgotten.
        jobs().lock().expect("jobs").remove(&id);
    }
    Ok(s)
}

pub async fn generate_cancel(shell: &Shell, id: u64) -> UiResult<()> {
    let (_, actor) = shell.actor().await?;
    job(id, actor.user_id)?
        .cancel
        .store(true, Ordering::Relaxed);
    Ok(())
}

/// One lesson a teacher covered.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CoverItemView {
    pub date: chrono::NaiveDate,
    pub period: i64,
    /// "IPA VII-A (Bu Ani)"; empty when the lesson is gone.
    pub lesson: String,
    /// substitute | supervised
    pub kind: String,
}

/// A teacher's covers in the month and the semester of a date.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CoverTallyView {
    pub teacher_id: Id,
    pub name: String,
    pub this_month: i64,
    pub this_term: i64,
    pub items: Vec<CoverItemView>,
}

impl From<CoverTally> for CoverTallyView {
    fn from(t: CoverTally) -> Self {
        CoverTallyView {
            teacher_id: t.teacher_id,
            name: t.name,
            this_month: t.this_month,
            this_term: t.this_term,
            items: t
                .items
                .into_iter()
                .map(|i| CoverItemView {
                    date: i.date,
                    period: i.period,
                    lesson: i.lesson,
                    kind: i.kind,
                })
                .collect(),
        }
    }
}

/// Prints the day's substitution sheet as a PDF into the documents folder
/// ("Pengganti" / "Substitutions") and answers its path.
pub async fn print_cover_sheet(
    shell: &Shell,
    date: chrono::NaiveDate,
    lang: String,
) -> UiResult<String> {
    use schooldesk_core::descriptions::Lang;
    use schooldesk_print::{Assets, Builtin, Layout, Options, Template};
    let lang = Lang::parse(&lang).ok_or_else(|| {
        UiError::coded(
            "invalid",
            "print_language",
            &[("value", lang.to_string())],
            format!("no such language {lang:?}"),
        )
    })?;
    let (app, actor) = shell.actor().await?;
    let language = match lang {
        Lang::Id => schooldesk_print::Language::Id,
        Lang::En => schooldesk_print::Language::En,
    };
    let sheet = done(shell, &app, app.cover_sheet(&actor, date, language).await).await?;
    let logo = done(shell, &app, app.school_logo(&actor).await).await?;
    let assets = Assets {
        logo: logo.map(|(bytes, _)| schooldesk_print::Asset::new("the school logo", bytes)),
        signature: None,
    };
    let pdf = tauri::async_runtime::spawn_blocking(move || {
        crate::printing::engine().render(
            &Template::builtin(Builtin::CoverSheet),
            &Layout::default(),
            &assets,
            &Options::default(),
            std::slice::from_ref(&sheet),
            &mut |_| true,
        )
    })
    .await
    .map_err(|e| crate::printing::print_failed(e.to_string()))?
    .map_err(crate::printing::print_error)?
    .0;
    let (folder, stem) = match lang {
        Lang::Id => ("Pengganti", format!("Guru pengganti {date}")),
        Lang::En => ("Substitutions", format!("Substitutions {date}")),
    };
    let folder = std::path::PathBuf::from(shell.print_folder_default()).join(folder);
    let path = crate::printing::write_document(&folder, &format!("{stem}.pdf"), &pdf)?;
    shell.remember_written(path.clone());
    Ok(path.display().to_string())
}

/// Exports a timetable from the timetable screen into the documents folder
/// ("Jadwal" / "Timetables"), as receipts and the substitution sheet go,
/// and answers where: an XLSX workbook (`xlsx`: the whole-school grid, a
/// sheet per class and per teacher), a static web site (`html`: a folder
/// of pages; the answer is its `index.html`) or a `.fet` file FET opens
/// (`fet`: every placed block locked). Words in `lang` ("id" or "en").
/// Written again over an earlier export of the same timetable.
pub async fn export_timetable(
    shell: &Shell,
    timetable_id: Id,
    format: String,
    lang: String,
) -> UiResult<String> {
    use schooldesk_core::descriptions::Lang;
    let parsed = Lang::parse(&lang).ok_or_else(|| {
        UiError::coded(
            "invalid",
            "print_language",
            &[("value", lang.clone())],
            format!("no such language {lang:?}"),
        )
    })?;
    let language = match parsed {
        Lang::Id => schooldesk_documents::Language::Id,
        Lang::En => schooldesk_documents::Language::En,
    };
    if !matches!(format.as_str(), "xlsx" | "html" | "fet") {
        return Err(UiError::coded(
            "invalid",
            "export_format",
            &[("value", format.clone())],
            format!("no such export {format:?}: xlsx, html or fet"),
        ));
    }
    let (app, actor) = shell.actor().await?;
    let title = done(
        shell,
        &app,
        app.timetable_file_title(&actor, timetable_id).await,
    )
    .await?;
    let folder = std::path::PathBuf::from(shell.print_folder_default()).join(match parsed {
        Lang::Id => "Jadwal",
        Lang::En => "Timetables",
    });
    let path = match format.as_str() {
        "xlsx" => {
            let bytes = done(
                shell,
                &app,
                app.timetable_xlsx(&actor, timetable_id, language).await,
            )
            .await?;
            crate::printing::write_document(&folder, &format!("{title}.xlsx"), &bytes)?
        }
        "fet" => {
            let text = done(shell, &app, app.timetable_fet(&actor, timetable_id).await).await?;
            crate::printing::write_document(&folder, &format!("{title}.fet"), text.as_bytes())?
        }
        _ => {
            let pages = done(
                shell,
                &app,
                app.timetable_html(&actor, timetable_id, language).await,
            )
            .await?;
            let site = folder.join(schooldesk_app::report::safe_file_name(&format!(
                "{title} (web)"
            )));
            // The index last: once it is there, every page it links is.
            let mut index = None;
            for (name, text) in &pages {
                if name == "index.html" {
                    index = Some(text);
                    continue;
                }
                crate::printing::write_document(&site, name, text.as_bytes())?;
            }
            crate::printing::write_document(
                &site,
                "index.html",
                index.map_or(&[][..], |t| t.as_bytes()),
            )?
        }
    };
    shell.remember_written(path.clone());
    Ok(path.display().to_string())
}
