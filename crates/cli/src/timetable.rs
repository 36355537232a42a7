//! `schooldesk timetable …`: FET files in, FET files out. A school that uses
//! FET today can run our solver on its own files and have FET verify the
//! result. `lessons` and `generate` work on the school's own records
//! (issue 14): the lessons planned from the teaching assignments, and a
//! draft timetable generated from the week, lessons and rules.

use crate::{sign_in, with_app, AuthArgs};
use anyhow::{Context, Result};
use schooldesk_timetable::{check, fet, solve, Instance, Timetable};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(clap::Subcommand)]
pub enum TimetableCommand {
    /// Solve a .fet file and write it back with the solution locked.
    /// Exit status: 0 solved; 2 unsupported constraint types (listed);
    /// 3 no full solution within the limit; 1 any other error.
    Solve {
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Searches run side by side (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Keep lowering the soft cost for this many seconds after the
        /// first complete timetable (default 2; it stops sooner at a soft
        /// cost of 0); `--polish 0` returns the first one.
        #[arg(long, value_name = "SECONDS")]
        polish: Option<f64>,
        /// When no complete timetable is found, also look for the smallest
        /// set of hard constraints the search cannot satisfy together (one
        /// short search per candidate, at most 40 candidates).
        #[arg(long)]
        explain: bool,
    },
    /// Check a timetable FET wrote (`…_activities.xml`) against its .fet file.
    Check { input: PathBuf, activities: PathBuf },
    /// Run our solver and fet-cl one after the other on each file, with
    /// the same time limit, and print a table.
    Bench {
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// As for `solve`: our solver's polish after the first complete timetable.
        #[arg(long, value_name = "SECONDS")]
        polish: Option<f64>,
        /// Then run both again, with this time limit, on the files either
        /// left unsolved (a second table with its own summary row).
        #[arg(long, value_name = "SECONDS")]
        rerun_missed: Option<u64>,
    },
    /// Compare a semester's lessons with the teaching assignments and list
    /// what differs; with --apply, write those differences.
    Lessons {
        #[command(flatten)]
        term: TermArgs,
        /// Write the listed differences (default: only list them).
        #[arg(long)]
        apply: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Generate a draft timetable of a semester from the school's records
    /// (its week, lessons and timetable rules) and store it.
    ///
    /// Exit status: 0 every lesson placed; 3 a draft was stored but some
    /// lessons are unplaced (listed); 1 refused (nothing stored).
    Generate {
        #[command(flatten)]
        term: TermArgs,
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        /// The draft's name (default: "Draft" and the time).
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Publish a semester's draft timetable, checked against today's
    /// records and rules (what breaks them is listed and nothing changes).
    Publish {
        #[command(flatten)]
        term: TermArgs,
        /// The draft's name.
        #[arg(long)]
        draft: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Write a semester's timetable as a .fet file that FET opens, every
    /// placed lesson locked where it is (so `fet-cl` verifies it); and/or
    /// as an XLSX workbook (the master grid, a sheet per class and per
    /// teacher) and/or a static HTML site (an index and a page per class,
    /// teacher and room; no scripts, printable).
    Export {
        #[command(flatten)]
        term: TermArgs,
        /// The timetable's name (default: the published one).
        #[arg(long)]
        draft: Option<String>,
        /// The .fet file to write.
        out: Option<PathBuf>,
        /// The XLSX workbook to write.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// The folder to write the HTML site into (made if missing).
        #[arg(long)]
        html: Option<PathBuf>,
        /// id (Bahasa Indonesia) or en: the words of the XLSX and HTML.
        #[arg(long, default_value = "id")]
        language: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Import a .fet file into a semester: teachers, subjects, classes
    /// (FET years; groups as groups of them) and rooms matched by name and
    /// the rest created, lessons and rules written, after a preview that
    /// lists it all and what of the file cannot be taken (by line).
    ///
    /// Exit status: 0 imported (or, with --dry-run, previewed); 1 refused
    /// (nothing written).
    Import {
        /// The .fet file.
        file: PathBuf,
        #[command(flatten)]
        term: TermArgs,
        /// Print the preview only; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Time the school-sized path on a generated 3,000-student school
    /// (90 classes, 150 teachers): building the engine's model from the
    /// records, generating a complete timetable, one drag-hover check, and
    /// printing every class and teacher to PDF (issue 14, item 12). Runs on
    /// a throw-away SQLite file; the school's own records are not touched.
    BenchSchool {
        /// Working days (5 or 6).
        #[arg(long, default_value_t = 6)]
        days: i64,
        /// Lesson periods a day (8 to 10).
        #[arg(long, default_value_t = 9)]
        periods: i64,
        /// The generation's time limit, in seconds.
        #[arg(long, default_value_t = 600)]
        time_limit: u64,
        /// Where to put the PDF (default: a temporary folder, removed).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Leave out the rules a school sets (teachers away, most lessons
        /// a day, part-timers, gaps, a subject's lessons on different
        /// days): only the week and the lessons.
        #[arg(long)]
        bare: bool,
    },
    /// Print the day's substitution sheet to PDF: the teachers away that
    /// day (all day or which periods) and each of their lessons in the
    /// published timetable, by period, with how it is covered (a
    /// substitute, supervised, cancelled, or still open). The curriculum
    /// office's, as on the desktop's Substitutions screen.
    CoverSheet {
        /// The school day (YYYY-MM-DD).
        #[arg(long)]
        date: chrono::NaiveDate,
        /// id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Print a semester's timetable to PDF: one page per class, teacher or
    /// room, days across and lesson periods down with the bell times.
    Print {
        #[command(flatten)]
        term: TermArgs,
        /// The timetable's name (default: the published one).
        #[arg(long)]
        draft: Option<String>,
        /// One class's page.
        #[arg(long, group = "whose")]
        class: Option<String>,
        /// One teacher's page.
        #[arg(long, group = "whose")]
        teacher: Option<String>,
        /// One room's page.
        #[arg(long, group = "whose")]
        room: Option<String>,
        /// Every class, teacher and room (the default).
        #[arg(long, group = "whose")]
        all: bool,
        /// id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        /// A4, F4 or A3.
        #[arg(long, default_value = "A4")]
        paper: String,
        #[arg(long)]
        landscape: bool,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

/// A semester by the names the school uses.
#[derive(clap::Args)]
pub struct TermArgs {
    /// The semester's name ("Semester 1") or number.
    #[arg(long)]
    term: String,
    /// Its academic year ("2025/2026"; default: the current one).
    #[arg(long)]
    year: Option<String>,
}

impl TimetableCommand {
    /// Whether the command works on the school's records (and so needs
    /// the database) rather than on files alone.
    pub fn needs_database(&self) -> bool {
        matches!(
            self,
            TimetableCommand::Lessons { .. }
                | TimetableCommand::Generate { .. }
                | TimetableCommand::Publish { .. }
                | TimetableCommand::Export { .. }
                | TimetableCommand::Import { .. }
                | TimetableCommand::Print { .. }
                | TimetableCommand::CoverSheet { .. }
        )
    }
}

/// Names as typed on a command line: case, spaces, dots and dashes aside
/// ("vii-a" is "VII A").
fn same_name(stored: &str, typed: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(stored) == key(typed)
}

/// The semester's timetable named `name`, or its published one.
async fn timetable_named(
    app: &schooldesk_app::App,
    actor: &schooldesk_core::Actor,
    term: &schooldesk_core::Stored<schooldesk_core::Term>,
    name: Option<&str>,
) -> Result<schooldesk_core::Stored<schooldesk_core::TermTimetable>> {
    let all = app.timetables(actor, term.id()).await?;
    let found = match name {
        Some(name) => all.iter().find(|t| t.data.name == name.trim()),
        None => all.iter().find(|t| t.data.status == "published"),
    };
    match found {
        Some(t) => Ok(t.clone()),
        None => {
            let names: Vec<String> = all
                .iter()
                .map(|t| format!("{:?} ({})", t.data.name, t.data.status))
                .collect();
            let what = match name {
                Some(n) => format!("no timetable {n:?}"),
                None => "no published timetable".to_string(),
            };
            anyhow::bail!(
                "{}: {what}; it has: {}",
                term.data.name,
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )
        }
    }
}

/// `lessons` and `generate`: on the school's records.
pub(crate) async fn run_on_records(
    url: &schooldesk_app::DatabaseUrl,
    command: &TimetableCommand,
) -> Result<()> {
    use schooldesk_app::timetable::GenerateOptions;
    let app = schooldesk_app::App::open(url, false).await?;
    match command {
        TimetableCommand::Lessons { term, apply, auth } => {
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let term = app
                    .term_by_name(&actor, &term.term, term.year.as_deref())
                    .await?;
                let plan = app.plan_lessons(&actor, term.id()).await?;
                if plan.changes.is_empty() {
                    println!(
                        "{}: the lessons match the teaching assignments",
                        term.data.name
                    );
                    return Ok(());
                }
                for change in &plan.changes {
                    let placed = if change.timetables.is_empty() {
                        String::new()
                    } else {
                        format!(" [placed in {}]", change.timetables.join(", "))
                    };
                    println!("{}{placed}", change.description);
                }
                if *apply {
                    let n = app.apply_lesson_plan(&actor, &plan).await?;
                    println!("{n} change(s) written");
                } else {
                    println!(
                        "{} change(s) listed; nothing written (give --apply to write them)",
                        plan.changes.len()
                    );
                }
                Ok(())
            })
            .await
        }
        TimetableCommand::Generate {
            term,
            time_limit,
            name,
            seed,
            auth,
        } => {
            let unplaced = with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let term = app
                    .term_by_name(&actor, &term.term, term.year.as_deref())
                    .await?;
                let name = name.clone().unwrap_or_else(|| {
                    format!("Draft {}", app.now().format("%Y-%m-%d %H:%M"))
                });
                let generated = app
                    .generate_timetable(
                        &actor,
                        term.id(),
                        &GenerateOptions {
                            name,
                            time_limit: Duration::from_secs(*time_limit),
                            seed: *seed,
                            ..Default::default()
                        },
                    )
                    .await?;
                let t = &generated.timetable.data;
                println!(
                    "{}: draft {:?} stored: {} of {} lesson blocks placed ({} not placed), {} hard rule(s) broken, soft cost {:.2}",
                    term.data.name,
                    t.name,
                    t.placed,
                    t.total,
                    t.total - t.placed,
                    t.hard_violations,
                    t.soft_cost as f64 / 100.0
                );
                for lesson in &generated.unplaced {
                    println!("unplaced: {lesson}");
                }
                Ok(generated.unplaced.len())
            })
            .await?;
            if unplaced > 0 {
                return Err(anyhow::Error::new(crate::RowsRejected(
                    "some lessons could not be placed; the draft keeps the others",
                )));
            }
            Ok(())
        }
        TimetableCommand::Publish { term, draft, auth } => {
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let term = app
                    .term_by_name(&actor, &term.term, term.year.as_deref())
                    .await?;
                let t = timetable_named(app, &actor, &term, Some(draft)).await?;
                let t = app.publish_timetable(&actor, t.id(), t.version()).await?;
                println!(
                    "{}: {:?} published ({} lesson blocks)",
                    term.data.name, t.data.name, t.data.placed
                );
                Ok(())
            })
            .await
        }
        TimetableCommand::Export {
            term,
            draft,
            out,
            xlsx,
            html,
            language,
            auth,
        } => {
            let language = match language.as_str() {
                "id" => schooldesk_documents::Language::Id,
                "en" => schooldesk_documents::Language::En,
                other => anyhow::bail!("--language must be id or en, not {other}"),
            };
            if out.is_none() && xlsx.is_none() && html.is_none() {
                anyhow::bail!("give a .fet file to write, --xlsx FILE or --html FOLDER");
            }
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let term = app
                    .term_by_name(&actor, &term.term, term.year.as_deref())
                    .await?;
                let t = timetable_named(app, &actor, &term, draft.as_deref()).await?;
                if let Some(out) = out {
                    let fet = app.timetable_fet(&actor, t.id()).await?;
                    std::fs::write(out, fet)
                        .with_context(|| format!("cannot write {}", out.display()))?;
                    println!(
                        "{}: {:?} written to {} ({} lesson blocks locked)",
                        term.data.name,
                        t.data.name,
                        out.display(),
                        t.data.placed
                    );
                }
                if let Some(path) = xlsx {
                    let bytes = app.timetable_xlsx(&actor, t.id(), language).await?;
                    std::fs::write(path, bytes)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    println!(
                        "{}: {:?} written to {}",
                        term.data.name,
                        t.data.name,
                        path.display()
                    );
                }
                if let Some(dir) = html {
                    let pages = app.timetable_html(&actor, t.id(), language).await?;
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot make {}", dir.display()))?;
                    for (name, text) in &pages {
                        let path = dir.join(name);
                        std::fs::write(&path, text)
                            .with_context(|| format!("cannot write {}", path.display()))?;
                    }
                    println!(
                        "{}: {:?} written to {} ({} page(s); open index.html)",
                        term.data.name,
                        t.data.name,
                        dir.display(),
                        pages.len()
                    );
                }
                Ok(())
            })
            .await
        }
        TimetableCommand::Import {
            file,
            term,
            dry_run,
            auth,
        } => {
            let source =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let source = String::from_utf8(source).map_err(|_| {
                anyhow::anyhow!("{}: not a FET file (not UTF-8 text)", file.display())
            })?;
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let term = app
                    .term_by_name(&actor, &term.term, term.year.as_deref())
                    .await?;
                let preview = app
                    .preview_fet_import(&actor, term.id(), &source)
                    .await
                    .with_context(|| format!("{}", file.display()))?;
                print!("{}", crate::timetable_import::preview_text(&preview));
                if *dry_run {
                    println!(
                        "{} addition(s) listed; nothing written (--dry-run)",
                        preview.additions()
                    );
                    return Ok(());
                }
                let done = app
                    .import_fet(&actor, term.id(), &source, &preview.token)
                    .await?;
                println!(
                    "{}: written: {} teacher(s), {} subject(s), {} class(es), {} room(s), {} lesson(s), {} rule(s){}",
                    term.data.name,
                    done.teachers,
                    done.subjects,
                    done.classes,
                    done.rooms,
                    done.lessons,
                    done.rules,
                    if done.week { ", and the school's week" } else { "" }
                );
                Ok(())
            })
            .await
        }
        TimetableCommand::Print {
            term,
            draft,
            class,
            teacher,
            room,
            all: _,
            language,
            paper,
            landscape,
            out,
            auth,
        } => {
            use schooldesk_app::timetable::SheetsOf;
            use schooldesk_print::{
                Asset, Assets, Builtin, Engine, Layout, Options, Paper, Template,
            };
            let language = match language.as_str() {
                "id" => schooldesk_print::Language::Id,
                "en" => schooldesk_print::Language::En,
                other => anyhow::bail!("--language must be id or en, not {other}"),
            };
            let paper = Paper::parse(paper)
                .ok_or_else(|| anyhow::anyhow!("--paper must be A4, F4 or A3, not {paper}"))?;
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let term = app
                    .term_by_name(&actor, &term.term, term.year.as_deref())
                    .await?;
                let t = timetable_named(app, &actor, &term, draft.as_deref()).await?;
                let lessons = app.lessons(&actor, term.id()).await?;
                let of = if let Some(name) = class {
                    let classes = app
                        .list::<schooldesk_core::Class>(
                            &actor,
                            &schooldesk_store::Query::all()
                                .eq("academic_year_id", term.data.academic_year_id),
                        )
                        .await?;
                    let c = classes
                        .iter()
                        .find(|c| same_name(&c.data.name, name))
                        .ok_or_else(|| {
                            let mut names: Vec<&str> =
                                classes.iter().map(|c| c.data.name.as_str()).collect();
                            names.sort_unstable();
                            anyhow::anyhow!(
                                "there is no class {name:?} in {}; it has: {}",
                                term.data.name,
                                names.join(", ")
                            )
                        })?;
                    SheetsOf::Class(c.id())
                } else if let Some(name) = teacher {
                    let teachers = app
                        .list::<schooldesk_core::Teacher>(&actor, &schooldesk_store::Query::all())
                        .await?;
                    let x = teachers
                        .iter()
                        .filter(|x| {
                            lessons
                                .iter()
                                .any(|l| l.teachers.iter().any(|y| y.data.teacher_id == x.id()))
                        })
                        .find(|x| same_name(&x.data.full_name, name))
                        .ok_or_else(|| {
                            anyhow::anyhow!("no teacher {name:?} teaches in {}", term.data.name)
                        })?;
                    SheetsOf::Teacher(x.id())
                } else if let Some(name) = room {
                    let rooms = app
                        .list::<schooldesk_core::Room>(&actor, &schooldesk_store::Query::all())
                        .await?;
                    let x = rooms
                        .iter()
                        .find(|x| same_name(&x.data.name, name))
                        .ok_or_else(|| anyhow::anyhow!("there is no room {name:?}"))?;
                    SheetsOf::Room(x.id())
                } else {
                    SheetsOf::All
                };
                let sheets = app.timetable_sheets(&actor, t.id(), &of, language).await?;
                let logo = app.school_logo(&actor).await?;
                let assets = Assets {
                    logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
                    signature: None,
                };
                let layout = Layout {
                    paper,
                    landscape: *landscape,
                    ..Layout::default()
                };
                let (pdf, report) = Engine::new().render(
                    &Template::builtin(Builtin::Timetable),
                    &layout,
                    &assets,
                    &Options::default(),
                    &sheets,
                    &mut |_| true,
                )?;
                for w in &report.warnings {
                    eprintln!("template warning: {w}");
                }
                std::fs::write(out, pdf)
                    .with_context(|| format!("cannot write {}", out.display()))?;
                println!(
                    "{}: {:?}, {} page(s) written to {}",
                    term.data.name,
                    t.data.name,
                    report.pages,
                    out.display()
                );
                Ok(())
            })
            .await
        }
        TimetableCommand::CoverSheet {
            date,
            language,
            out,
            auth,
        } => {
            use schooldesk_print::{Asset, Assets, Builtin, Engine, Layout, Options, Template};
            let language = match language.as_str() {
                "id" => schooldesk_print::Language::Id,
                "en" => schooldesk_print::Language::En,
                other => anyhow::bail!("--language must be id or en, not {other}"),
            };
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                let sheet = app.cover_sheet(&actor, *date, language).await?;
                let logo = app.school_logo(&actor).await?;
                let assets = Assets {
                    logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
                    signature: None,
                };
                let (pdf, report) = Engine::new().render(
                    &Template::builtin(Builtin::CoverSheet),
                    &Layout::default(),
                    &assets,
                    &Options::default(),
                    std::slice::from_ref(&sheet),
                    &mut |_| true,
                )?;
                for w in &report.warnings {
                    eprintln!("template warning: {w}");
                }
                schooldesk_app::sheet::write_file_whole(out, &pdf, true)?;
                let open = sheet.lines.iter().filter(|l| l.kind == "open").count();
                println!(
                    "{}: {} teacher(s) away, {} lesson(s) to cover ({open} not yet covered), {} page(s) written to {}",
                    sheet.date,
                    sheet.absent.len(),
                    sheet.lines.len(),
                    report.pages,
                    out.display()
                );
                Ok(())
            })
            .await
        }
        _ => unreachable!("file commands are run by `run`"),
    }
}

/// `--polish SECONDS` as a duration; a negative or non-finite figure is an error.
fn polish_window(polish: Option<f64>) -> Result<Option<Duration>> {
    polish
        .map(|s| {
            Duration::try_from_secs_f64(s)
                .map_err(|_| anyhow::anyhow!("--polish {s}: give a number of seconds, 0 or more"))
        })
        .transpose()
}

fn load(path: &Path) -> Result<Instance> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let import = fet::read(&text).with_context(|| format!("{}", path.display()))?;
    for warning in &import.warnings {
        eprintln!("warning: {}: {warning}", path.display());
    }
    Ok(import.instance)
}

fn fail(err: anyhow::Error) -> ExitCode {
    eprintln!("error: {err:#}");
    ExitCode::from(1)
}

pub fn run(command: &TimetableCommand) -> ExitCode {
    match command {
        TimetableCommand::BenchSchool {
            days,
            periods,
            time_limit,
            out,
            bare,
        } => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => return fail(e.into()),
            };
            match runtime.block_on(crate::timetable_bench::run(
                *days,
                *periods,
                *time_limit,
                out.as_deref(),
                *bare,
            )) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e),
            }
        }
        TimetableCommand::Solve {
            input,
            out,
            time_limit,
            seed,
            threads,
            polish,
            explain,
        } => {
            let polish = match polish_window(*polish) {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            let inst = match load(input) {
                Ok(i) => i,
                Err(e) => return fail(e),
            };
            let unsupported = inst.unsupported();
            if !unsupported.is_empty() {
                let list: Vec<String> = unsupported
                    .iter()
                    .map(|(t, n)| format!("{t} ×{n}"))
                    .collect();
                eprintln!("unsupported: {} uses {}", input.display(), list.join(", "));
                return ExitCode::from(2);
            }
            let progress = |p: solve::Progress| {
                eprint!(
                    "\r{} / {} activities without conflict, best: hard {} soft {:.2}   ",
                    p.placed, p.total, p.best_penalty, p.best_soft
                );
            };
            let options = solve::Options {
                seed: *seed,
                time_limit: Duration::from_secs(*time_limit),
                progress: Some(&progress),
                threads: *threads,
                polish,
                ..Default::default()
            };
            let outcome = match solve::solve(&inst, &Timetable::empty(&inst), &options) {
                Ok(o) => o,
                Err(impossible) => {
                    eprintln!("{}: {impossible}", input.display());
                    return ExitCode::from(3);
                }
            };
            eprint!("\r");
            let report = check(&inst, &outcome.timetable);
            if let Err(e) = std::fs::write(out, fet::write_with_solution(&inst, &outcome.timetable))
            {
                return fail(anyhow::anyhow!("cannot write {}: {e}", out.display()));
            }
            println!(
                "{}: {} activities, {} unplaced, {} hard rule(s) broken, soft cost {:.2}, {:.2} s (first complete timetable: {}), {} iterations, seed {seed}; written to {}",
                input.display(),
                inst.activities.iter().filter(|a| a.active).count(),
                report.unplaced,
                schooldesk_app::timetable::hard_broken(&inst, &outcome.timetable, &report).count(),
                report.soft_cost(),
                outcome.elapsed.as_secs_f64(),
                outcome
                    .first_complete
                    .map_or("none".to_string(), |d| format!("{:.2} s", d.as_secs_f64())),
                outcome.iterations,
                out.display()
            );
            if report.is_valid() {
                ExitCode::SUCCESS
            } else {
                // Say what is still broken, by constraint and in words, so
                // the school knows what to relax.
                for b in solve::broken(&inst, &outcome.timetable).iter().take(15) {
                    eprintln!("  still broken ({}×): {}", b.count, b.what);
                    for e in &b.examples {
                        eprintln!("      e.g. {e}");
                    }
                }
                if *explain {
                    let why = solve::explain(&inst, &outcome.timetable, 20_000, *seed);
                    if why.core.is_empty() {
                        eprintln!(
                            "  no small set of constraints that cannot hold together was found ({} searches)",
                            why.searches
                        );
                    } else {
                        eprintln!(
                            "  these {} hard constraints could not be satisfied together (without any one of them a complete timetable was found; {} searches):",
                            why.core.len(),
                            why.searches
                        );
                        for w in &why.core_words {
                            eprintln!("    - {w}");
                        }
                    }
                }
                ExitCode::from(3)
            }
        }
        TimetableCommand::Check { input, activities } => {
            let result = (|| -> Result<bool> {
                let inst = load(input)?;
                let xml = std::fs::read_to_string(activities)
                    .with_context(|| format!("cannot read {}", activities.display()))?;
                let tt = fet::read_solution(&inst, &xml)?;
                let report = check(&inst, &tt);
                for v in &report.violations {
                    println!(
                        "{} {:.2}  {}",
                        if v.hard { "HARD" } else { "soft" },
                        v.cost,
                        v.message
                    );
                }
                println!(
                    "unplaced {}, hard rules broken {}, soft cost {:.2}",
                    report.unplaced,
                    schooldesk_app::timetable::hard_broken(&inst, &tt, &report).count(),
                    report.soft_cost()
                );
                Ok(report.is_valid())
            })();
            match result {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(3),
                Err(e) => fail(e),
            }
        }
        TimetableCommand::Bench {
            files,
            time_limit,
            seed,
            polish,
            rerun_missed,
        } => match polish_window(*polish)
            .and_then(|p| bench(files, *time_limit, *seed, p, *rerun_missed))
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        TimetableCommand::Lessons { .. }
        | TimetableCommand::Generate { .. }
        | TimetableCommand::Publish { .. }
        | TimetableCommand::Export { .. }
        | TimetableCommand::Import { .. }
        | TimetableCommand::Print { .. }
        | TimetableCommand::CoverSheet { .. } => {
            unreachable!("run on the records by `run_on_records`")
        }
    }
}

/// What one side of the comparison did on one file.
struct Run {
    solved: bool,
    /// fet-cl refused the file's data before searching ("Cannot precompute
    /// - data is wrong"): no timetable of it can be verified there.
    refused: bool,
    seconds: f64,
}

fn run_fet(input: &Path, time_limit: u64, dir: &Path) -> Result<(Run, PathBuf)> {
    let began = Instant::now();
    let mut child = Command::new("fet-cl")
        .arg(format!("--inputfile={}", input.display()))
        .arg(format!("--outputdir={}", dir.display()))
        .arg(format!("--timelimitseconds={time_limit}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("cannot run fet-cl (apt-get install fet)")?;
    // fet-cl does not always honour its own limit (a locked file it cannot
    // accept): stop it a little after.
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if began.elapsed() > Duration::from_secs(time_limit + 10) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = began.elapsed().as_secs_f64();
    let result = std::fs::read_to_string(dir.join("logs").join("result.txt")).unwrap_or_default();
    let solved = status.is_some_and(|s| s.success()) && result.contains("successful");
    let refused = result.contains("Cannot precompute");
    let stem = input
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    Ok((
        Run {
            solved,
            refused,
            seconds,
        },
        dir.join("timetables").join(stem),
    ))
}

/// The soft cost our checker gives the timetable fet-cl wrote for `file`
/// into `out` (FET's `<name>_activities.xml`), if it wrote one.
fn fet_soft(inst: &Instance, out: &Path, file: &Path) -> Option<f64> {
    let stem = file.file_stem()?.to_string_lossy().to_string();
    let xml = std::fs::read_to_string(out.join(format!("{stem}_activities.xml"))).ok()?;
    let tt = fet::read_solution(inst, &xml).ok()?;
    Some(check(inst, &tt).soft_cost())
}

/// fet-cl's verdict on our timetable: written with every activity locked
/// where we put it, it must go through fet-cl untouched ("yes").
///
/// fet-cl places a locked activity that breaks a constraint of weight below
/// 100 % only when a draw against that weight lets it, at each try, so a
/// timetable with several such breaks on one activity may never get through
/// however long it runs (South Africa's Collegiate_Junior_School2, where 10
/// lessons of a 10-day cycle at "95 %: one day apart" share days; Brazil's
/// EEBLJ-Diurno, whose own file locks five such lessons on one day). Then
/// the same timetable goes through again with the constraints below 100 %
/// switched off: "hard" when fet-cl accepts it so (every hard constraint
/// holds by FET's own judgement; the soft cost is our checker's), "NO" when
/// it does not.
///
/// `original_refused`: fet-cl refused the school's own file before
/// searching ("Cannot precompute"); only then is its refusing ours "n/a"
/// (else our placements broke what it checks first: NO).
fn fet_verdict(
    inst: &Instance,
    timetable: &Timetable,
    dir: &Path,
    time_limit: u64,
    original_refused: bool,
) -> Result<&'static str> {
    let refused = if original_refused { "n/a" } else { "NO" };
    let locked = dir.join("ours-locked.fet");
    std::fs::write(&locked, fet::write_with_solution(inst, timetable))?;
    let (run, _) = run_fet(&locked, time_limit, &dir.join("verify"))?;
    if run.solved {
        return Ok("yes");
    }
    if run.refused {
        return Ok(refused);
    }
    let mut hard = inst.clone();
    for c in hard.constraints.iter_mut().filter(|c| !c.is_hard()) {
        c.active = false;
    }
    let locked = dir.join("ours-locked-hard.fet");
    std::fs::write(&locked, fet::write_with_solution(&hard, timetable))?;
    let (run, _) = run_fet(&locked, time_limit, &dir.join("verify-hard"))?;
    Ok(if run.solved {
        "hard"
    } else if run.refused {
        refused
    } else {
        "NO"
    })
}

/// Our side of one bench row.
struct Ours {
    solved: bool,
    /// To the first complete timetable: the figure comparable with fet-cl,
    /// which stops there.
    first: Option<f64>,
    total: f64,
    soft: Option<f64>,
    accepted: &'static str,
}

fn bench_ours(
    inst: &Instance,
    dir: &Path,
    time_limit: u64,
    seed: u64,
    polish: Option<Duration>,
    original_refused: bool,
) -> Result<Ours> {
    let options = solve::Options {
        seed,
        time_limit: Duration::from_secs(time_limit),
        polish,
        ..Default::default()
    };
    let began = Instant::now();
    let outcome = solve::solve(inst, &Timetable::empty(inst), &options);
    let total = began.elapsed().as_secs_f64();
    let Ok(o) = outcome else {
        return Ok(Ours {
            solved: false,
            first: None,
            total,
            soft: None,
            accepted: "-",
        });
    };
    let report = check(inst, &o.timetable);
    let accepted = if report.is_valid() {
        fet_verdict(inst, &o.timetable, dir, time_limit, original_refused)?
    } else {
        "-"
    };
    Ok(Ours {
        solved: report.is_valid(),
        first: o.first_complete.map(|d| d.as_secs_f64()),
        total,
        soft: Some(report.soft_cost()),
        accepted,
    })
}

fn bench(
    files: &[PathBuf],
    time_limit: u64,
    seed: u64,
    polish: Option<Duration>,
    rerun_missed: Option<u64>,
) -> Result<()> {
    if let Some(limit) = rerun_missed.filter(|l| *l <= time_limit) {
        anyhow::bail!("--rerun-missed {limit} must be longer than --time-limit {time_limit}");
    }
    let missed = bench_pass(files, time_limit, seed, polish)?;
    if let Some(limit) = rerun_missed {
        println!();
        println!(
            "again at {limit} s, the {} file(s) either left unsolved at {time_limit} s:",
            missed.len()
        );
        if !missed.is_empty() {
            bench_pass(&missed, limit, seed, polish)?;
        }
    }
    Ok(())
}

/// One table of [`bench`] at one time limit; returns the files either tool
/// left unsolved (of those we support, leaving out fet-cl's refusals once
/// we solved them: fet-cl will refuse them again).
fn bench_pass(
    files: &[PathBuf],
    time_limit: u64,
    seed: u64,
    polish: Option<Duration>,
) -> Result<Vec<PathBuf>> {
    let mut missed = Vec::new();
    println!(
        "{:<40} {:>5} {:>4} {:>4} {:>8} {:>8} {:>8} {:>6} {:>9} {:>9} {:>5}",
        "instance",
        "supp.",
        "ours",
        "FET",
        "ours 1st",
        "ours all",
        "FET s",
        "ratio",
        "our soft",
        "FET soft",
        "FET✓"
    );
    let mut ratios = Vec::new();
    let (mut ours_solved, mut fet_solved, mut n) = (0, 0, 0);
    let (mut both, mut soft_no_worse) = (0, 0);
    let cell = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
    for file in files {
        n += 1;
        let name: String = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .chars()
            .take(40)
            .collect();
        let inst = load(file)?;
        let supported = inst.unsupported().is_empty();
        let dir = tempfile::tempdir()?;
        // fet-cl first: whether it refuses the file itself tells what its
        // refusing our timetable means.
        let (theirs, out) = run_fet(file, time_limit, &dir.path().join("fet"))?;
        let ours = if supported {
            bench_ours(&inst, dir.path(), time_limit, seed, polish, theirs.refused)?
        } else {
            Ours {
                solved: false,
                first: None,
                total: 0.0,
                soft: None,
                accepted: "-",
            }
        };
        let their_soft = if theirs.solved && supported {
            fet_soft(&inst, &out, file)
        } else {
            None
        };
        ours_solved += usize::from(ours.solved);
        fet_solved += usize::from(theirs.solved);
        if supported && (!ours.solved || !(theirs.solved || theirs.refused)) {
            missed.push(file.clone());
        }
        let ratio = match (ours.solved, theirs.solved, ours.first) {
            (true, true, Some(first)) => {
                let r = first.max(0.001) / theirs.seconds.max(0.001);
                ratios.push(r);
                format!("{r:.2}")
            }
            _ => "-".into(),
        };
        if let (true, Some(mine), Some(fets)) = (ours.solved, ours.soft, their_soft) {
            both += 1;
            soft_no_worse += usize::from(mine <= fets + 1e-9);
        }
        println!(
            "{:<40} {:>5} {:>4} {:>4} {:>8} {:>8.2} {:>8.2} {:>6} {:>9} {:>9} {:>5}",
            name,
            if supported { "yes" } else { "no" },
            if ours.solved { "yes" } else { "no" },
            if theirs.solved {
                "yes"
            } else if theirs.refused {
                "ref."
            } else {
                "no"
            },
            cell(ours.first),
            ours.total,
            theirs.seconds,
            ratio,
            cell(ours.soft),
            cell(their_soft),
            ours.accepted
        );
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let median = if ratios.is_empty() {
        "-".to_string()
    } else {
        format!("{:.2}", ratios[ratios.len() / 2])
    };
    println!(
        "solved: ours {ours_solved}/{n}, FET {fet_solved}/{n}; median of our time to the first complete timetable over FET's time, where both solved: {median}; our soft cost <= FET's on {soft_no_worse} of {both}"
    );
    println!("(\"ours 1st\": to our first complete timetable; \"ours all\": until we stopped polishing; \"FET soft\": our checker on FET's timetable; \"FET✓\": fet-cl given our timetable as locked placements accepted it (\"hard\": only with the constraints below 100 % switched off, as fet-cl lets a locked lesson break one only by a chance draw at each try); \"ref.\" and \"n/a\": fet-cl refused the file's data itself before searching)");
    Ok(missed)
}
