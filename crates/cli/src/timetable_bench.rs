//! `schooldesk timetable bench-school` (issue 14, item 12): the
//! timetable's school-sized path timed on the generated 3,000-student
//! school (90 classes, 150 teachers; `schooldesk_app::sample`, the school
//! `schooldesk demo` writes) on a throw-away SQLite file: building the
//! engine's model from the records, generating a complete timetable, one
//! drag-hover check, and printing every class and teacher to PDF. It
//! prints figures beside the targets and asserts nothing; not a test.

use anyhow::{Context, Result};
use schooldesk_app::sample::SampleSize;
use schooldesk_app::timetable::{GenerateOptions, SheetsOf, Week};
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::{BellPeriod, Term};
use schooldesk_store::Query;
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

pub async fn run(days: i64, periods: i64, time_limit: u64, out: Option<&Path>) -> Result<()> {
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
        "generate a timetable: {:.2} s, {} of {} blocks placed, {} hard, soft cost {:.2}{}",
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
