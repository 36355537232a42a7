//! `schooldesk timetable bench-school` (issue 14, item 12): the
//! timetable's school-sized path timed on the generated 3,000-student
//! school (90 classes, 150 teachers; `schooldesk_app::sample`, the school
//! `schooldesk demo` writes) on a throw-away SQLite file: building the
//! engine's model from the records, generating a complete timetable, one
//! drag-hover check, and printing every class and teacher to PDF. It
//! prints figures beside the targets and asserts nothing; not a test.
//!
//! The school sets what schools set most (see [`school_rules`]): teachers
//! away for half a day, at most so many lessons a day and days a week,
//! few gaps for teachers and none for classes, a subject's lessons on
//! different days; the double periods are the lessons' 2-period blocks.
//! `--bare` leaves the rules out (the figures before they were added).

use anyhow::{Context, Result};
use schooldesk_app::sample::SampleSize;
use schooldesk_app::timetable::LessonRecord;
use schooldesk_app::timetable::{GenerateOptions, SheetsOf, Week};
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::{Actor, BellPeriod, Id, Term, TimetableRule};
use schooldesk_store::Query;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// `days` working days from Monday, `periods` lesson periods of 40
/// minutes from 07:00 with a break after the 3rd and the 6th.
fn week(days: i64, periods: i64) -> Week {
    let mut out = Vec::new();
    for day in 1..=days {
        let (mut at, mut position) = (7 * 60, 1);
        for k in 1..=periods {
            out.push(BellPeriod {
                weekday: day,
                position,
                kind: "lesson".into(),
                label: k.to_string(),
                start_minute: at,
                end_minute: at + 40,
            });
            at += 40;
            position += 1;
            if k == 3 || k == 6 {
                out.push(BellPeriod {
                    weekday: day,
                    position,
                    kind: "break".into(),
                    label: "Istirahat".into(),
                    start_minute: at,
                    end_minute: at + 15,
                });
                at += 15;
                position += 1;
            }
        }
    }
    Week {
        days: (1..=days).collect(),
        periods: out,
    }
}

/// A rule of the semester with nothing set but its kind and weight.
fn rule(term_id: Id, kind: &str, weight: i64) -> TimetableRule {
    TimetableRule {
        term_id,
        kind: kind.into(),
        weight,
        teacher_id: None,
        class_id: None,
        room_id: None,
        subject_id: None,
        lesson_id: None,
        other_lesson_id: None,
        number: None,
        slots: String::new(),
    }
}

/// What a school's curriculum office sets, stored through the constraint
/// editor's own call (`save_timetable_rule`), on the sample's lessons:
/// - every 4th teacher away for half a day (morning or afternoon, a
///   different day each), hard — when their load still fits around it;
/// - every teacher at most ⌈load ÷ days⌉ + 2 lessons a day (at least 6),
///   hard;
/// - every 10th other teacher at most one day a week fewer (a part-timer),
///   hard — when the load fits;
/// - every teacher at most 4 gaps a week, weighted 80 %;
/// - every class no gaps, hard (pupils are never left without a teacher);
/// - every subject taught in blocks on different days, weighted 95 %
///   (FET's default weight).
///
/// Double periods are the lessons' splits (2 + 2 + 1). Answers the rules'
/// counts in words.
async fn school_rules(
    app: &App,
    actor: &Actor,
    term_id: Id,
    lessons: &[LessonRecord],
    days: i64,
    periods: i64,
) -> Result<String> {
    let mut load: BTreeMap<Id, i64> = BTreeMap::new();
    let mut classes: BTreeMap<Id, ()> = BTreeMap::new();
    let mut subjects: BTreeMap<Id, bool> = BTreeMap::new();
    let mut doubles = 0usize;
    for l in lessons {
        for t in &l.teachers {
            *load.entry(t.data.teacher_id).or_default() += l.lesson.data.periods_per_week;
        }
        for c in &l.classes {
            classes.insert(c.data.class_id, ());
        }
        let blocks = schooldesk_core::week::parse_split(&l.lesson.data.split).unwrap_or_default();
        doubles += blocks.iter().filter(|b| **b == 2).count();
        *subjects.entry(l.lesson.data.subject_id).or_default() |= blocks.len() > 1;
    }
    let week = days * periods;
    let (mut away, mut per_day, mut part_time, mut gaps) = (0, 0, 0, 0);
    for (k, (&teacher, &hours)) in load.iter().enumerate() {
        let save = async |r: TimetableRule| app.save_timetable_rule(actor, None, &r).await;
        let half = periods / 2;
        let mut off = false;
        if k % 4 == 0 && hours + half + 4 <= week {
            let day = (k as i64 / 4) % days + 1;
            let cells: Vec<String> = if (k / 4) % 2 == 0 {
                (1..=half).map(|p| format!("{day}:{p}")).collect()
            } else {
                (periods - half + 1..=periods)
                    .map(|p| format!("{day}:{p}"))
                    .collect()
            };
            save(TimetableRule {
                teacher_id: Some(teacher),
                slots: cells.join(" "),
                ..rule(term_id, "teacher_unavailable", 100)
            })
            .await?;
            away += 1;
            off = true;
        }
        save(TimetableRule {
            teacher_id: Some(teacher),
            number: Some(((hours + days - 1) / days + 2).max(6).min(periods)),
            ..rule(term_id, "max_lessons_per_day", 100)
        })
        .await?;
        per_day += 1;
        if k % 10 == 5 && !off && hours + 6 <= (days - 1) * periods {
            save(TimetableRule {
                teacher_id: Some(teacher),
                number: Some(days - 1),
                ..rule(term_id, "max_days_per_week", 100)
            })
            .await?;
            part_time += 1;
        }
        save(TimetableRule {
            teacher_id: Some(teacher),
            number: Some(4),
            ..rule(term_id, "max_gaps_per_week", 80)
        })
        .await?;
        gaps += 1;
    }
    for &class in classes.keys() {
        app.save_timetable_rule(
            actor,
            None,
            &TimetableRule {
                class_id: Some(class),
                number: Some(0),
                ..rule(term_id, "max_gaps_per_week", 100)
            },
        )
        .await?;
    }
    let mut apart = 0;
    for (&subject, &split) in &subjects {
        if split {
            app.save_timetable_rule(
                actor,
                None,
                &TimetableRule {
                    subject_id: Some(subject),
                    number: Some(1),
                    ..rule(term_id, "min_days_between", 95)
                },
            )
            .await?;
            apart += 1;
        }
    }
    Ok(format!(
        "{away} teachers away half a day; {per_day} teachers' most lessons a day; {part_time} part-timers at most {} days; {gaps} teachers at most 4 gaps (80 %); {} classes without gaps; {apart} subjects' blocks on different days (95 %); {doubles} double periods",
        days - 1,
        classes.len()
    ))
}

pub async fn run(
    days: i64,
    periods: i64,
    time_limit: u64,
    out: Option<&Path>,
    bare: bool,
) -> Result<()> {
    anyhow::ensure!(
        (5..=6).contains(&days) && (8..=10).contains(&periods),
        "a realistic week: --days 5 or 6, --periods 8 to 10"
    );
    let dir = tempfile::tempdir()?;
    let url = DatabaseUrl::Sqlite(dir.path().join("bench.sqlite"));
    let app = App::open(&url, true).await?;
    let started = Instant::now();
    let created = app
        .create_sample_school(SampleSize {
            seed: 1,
            students: 3000,
            classes_per_grade: 30,
            teachers: 150,
        })
        .await
        .context("the sample school")?;
    let admin = created
        .logins
        .iter()
        .find(|l| l.login == "admin")
        .context("the sample has an admin")?;
    let session = app.login(&admin.login, &admin.password).await?;
    let actor = session.actor.clone();
    app.save_school_week(&actor, &week(days, periods)).await?;
    let mut term = None;
    for t in app.list::<Term>(&actor, &Query::all()).await? {
        if !app.lessons(&actor, t.id()).await?.is_empty() {
            term = Some(t);
        }
    }
    let term = term.context("the sample has lessons")?;
    let lessons = app.lessons(&actor, term.id()).await?;
    println!(
        "School: {} students, {} teachers, {} classes, {} lessons; week {days} days × {periods} periods (set up in {:.1} s)",
        created.sample.students.len(),
        created.sample.teachers.len(),
        created.sample.classes.len(),
        lessons.len(),
        started.elapsed().as_secs_f64()
    );

    if bare {
        println!("rules: none but the week (--bare)");
    } else {
        let t0 = Instant::now();
        let rules = school_rules(&app, &actor, term.id(), &lessons, days, periods).await?;
        println!(
            "rules: {rules} (stored in {:.1} s)",
            t0.elapsed().as_secs_f64()
        );
    }

    let t0 = Instant::now();
    let model = app.timetable_model(&actor, term.id()).await?;
    let build = t0.elapsed();
    println!(
        "build the engine's model from the records: {} ({} activities, {} constraints)",
        ms(build),
        model.instance.activities.len(),
        model.instance.constraints.len()
    );

    let t0 = Instant::now();
    let generated = app
        .generate_timetable(
            &actor,
            term.id(),
            &GenerateOptions {
                name: "Bench".into(),
                time_limit: Duration::from_secs(time_limit),
                ..Default::default()
            },
        )
        .await?;
    let solve = t0.elapsed();
    let t = &generated.timetable;
    println!(
        "generate a timetable: {:.2} s, {} of {} blocks placed, {} hard rule(s) broken, soft cost {:.2}{}",
        solve.as_secs_f64(),
        t.data.placed,
        t.data.total,
        t.data.hard_violations,
        t.data.soft_cost as f64 / 100.0,
        if generated.unplaced.is_empty() {
            " (complete)"
        } else {
            " (NOT complete)"
        }
    );

    let entries = app.timetable_entries(&actor, t.id()).await?;
    if let Some(block) = entries.first() {
        let t0 = Instant::now();
        let verdicts = app.move_options(&actor, t.id(), block.placement_id).await?;
        let drag = t0.elapsed();
        let cells = verdicts.len().max(1);
        println!(
            "drag-hover check: {} per cell ({} for all {cells} cells of one drag, one call; target ≤ 5 ms per cell)",
            ms(drag / cells as u32),
            ms(drag)
        );
        let t0 = Instant::now();
        let _ = app
            .check_move(
                &actor,
                t.id(),
                block.placement_id,
                block.weekday,
                block.period,
            )
            .await;
        println!(
            "one check_move (records read and compiled per call): {}",
            ms(t0.elapsed())
        );
    }

    let t0 = Instant::now();
    let sheets = app
        .timetable_sheets(
            &actor,
            t.id(),
            &SheetsOf::All,
            schooldesk_documents::Language::Id,
        )
        .await?;
    let sheets: Vec<_> = sheets.into_iter().filter(|s| s.kind != "room").collect();
    let data = t0.elapsed();
    use schooldesk_print::{Assets, Builtin, Engine, Layout, Options, Template};
    let t1 = Instant::now();
    let (pdf, report) = Engine::new().render(
        &Template::builtin(Builtin::Timetable),
        &Layout::default(),
        &Assets::default(),
        &Options::default(),
        &sheets,
        &mut |_| true,
    )?;
    let render = t1.elapsed();
    let path = match out {
        Some(p) => p.to_path_buf(),
        None => dir.path().join("timetable.pdf"),
    };
    std::fs::write(&path, &pdf).with_context(|| format!("cannot write {}", path.display()))?;
    let t = report.timings;
    println!(
        "  where the printing time goes: setup {}, Typst layout {:.2} s and PDF writing {:.2} s (each summed over {} thread(s), {} sheets a compile: {} compiles), joining {}",
        ms(t.setup),
        t.compile.as_secs_f64(),
        t.pdf.as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        schooldesk_print::BATCH,
        sheets.len().div_ceil(schooldesk_print::BATCH),
        ms(t.join)
    );
    println!(
        "print the whole school ({} class and teacher pages): {:.2} s ({} reading, {:.2} s laying out; {} KB){}",
        report.pages,
        (data + render).as_secs_f64(),
        ms(data),
        render.as_secs_f64(),
        pdf.len() / 1024,
        if out.is_some() {
            format!(", written to {}", path.display())
        } else {
            String::new()
        }
    );
    app.logout(&session.token).await?;
    Ok(())
}
