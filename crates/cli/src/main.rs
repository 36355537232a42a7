//! `schooldesk`: the command line for a school's office and its IT person.
//! Every command calls `schooldesk-app`; none holds business logic.
// The CLI's output is its user interface.
#![allow(clippy::print_stdout)]

mod bench;
mod bench_print;
mod exam;
mod fees;
mod grades;
mod print;
mod qbank;
mod timetable;
mod timetable_bench;
mod timetable_import;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use schooldesk_app::sample::{CreatedSample, SampleSize};
use schooldesk_app::sheet::{Format, Kind};
use schooldesk_app::{App, AppError, DatabaseUrl, NewUser};
use schooldesk_core::{Actor, Role, School};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "schooldesk",
    version,
    about = "Schooldesk: timetables, exam papers and report cards for a school office"
)]
struct Cli {
    /// sqlite:PATH or postgres://USER@HOST/DATABASE. Default: school.db in
    /// the OS data directory.
    #[arg(
        long,
        global = true,
        env = "SCHOOLDESK_DATABASE_URL",
        visible_alias = "database"
    )]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database, the school and its first administrator.
    Init(InitArgs),
    /// Fill an empty database with a sample school to try Schooldesk: about
    /// 900 students with guardians in 27 classes, 40 teachers, the 13 SMP
    /// subjects, rooms, teaching assignments, and two logins per role, whose
    /// passwords it prints. Refused where a school already is.
    Demo {
        /// The same seed gives the same school (the passwords are new each time).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Check the database: reachable, schema current; signed in (--login),
    /// also the school, its year and how many records it holds.
    Doctor {
        #[command(flatten)]
        auth: OptionalAuthArgs,
    },
    /// Import years, teachers, rooms, subjects, classes, students, enrollments, guardians or assignments from CSV or XLSX.
    ///
    /// Exit status: 0 when every row was (or, with --dry-run, would be)
    /// imported; 1 when nothing was imported (a bad file, a bad row without
    /// --skip-invalid, or a file without records); 3 when some rows were
    /// rejected: with --skip-invalid the good rows were imported, with
    /// --dry-run nothing was.
    Import {
        /// years, teachers, rooms, subjects, classes, students, enrollments, guardians or
        /// assignments (a whole school in that order: each refers only to kinds before it)
        kind: String,
        file: PathBuf,
        /// Write the good rows and list the rejected ones (default: any bad row stops the import).
        #[arg(long)]
        skip_invalid: bool,
        /// Check the file and say what would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Export records to CSV or XLSX, in the columns the import reads.
    Export {
        /// years, teachers, rooms, subjects, classes, students, enrollments, guardians or assignments
        kind: String,
        file: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Write a backup (a SQLite file) while the database stays in use.
    Backup {
        file: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Replace the database with a backup, after checking the backup (as an
    /// administrator; refused while the database is in use).
    Restore {
        file: PathBuf,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Copy the whole school to another, empty database (SQLite file or PostgreSQL server).
    CopyTo {
        url: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// A class's gradebook as an XLSX file, and back.
    #[command(subcommand)]
    Grades(grades::GradesCommand),
    /// Measure import, roster and search on a generated school of 3,000 students.
    Bench(bench::BenchArgs),
    /// Timetables: solve and check FET files, and compare with fet-cl; plan
    /// a semester's lessons and generate its timetable from the records.
    #[command(subcommand)]
    Timetable(timetable::TimetableCommand),
    /// Print report cards and class ledgers as PDF; export and check templates.
    #[command(subcommand)]
    Print(print::PrintCommand),
    /// Fees: invoice a month, book payments, print receipts, arrears, the day's cash.
    #[command(subcommand)]
    Fees(fees::FeesCommand),
    /// The question bank: import (a preview, then --confirm), export, search,
    /// approve, and the search benchmark.
    #[command(subcommand)]
    Qbank(qbank::QbankCommand),
    /// Exam papers: assemble one from a blueprint and the bank, print its
    /// variants, answer sheets, keys and kisi-kisi.
    #[command(subcommand)]
    Exam(exam::ExamCommand),
}

#[derive(clap::Args)]
struct InitArgs {
    #[arg(long)]
    school_name: Option<String>,
    #[arg(long)]
    npsn: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    principal: Option<String>,
    #[arg(long)]
    principal_nip: Option<String>,
    #[arg(long)]
    admin_login: Option<String>,
    #[arg(long)]
    admin_name: Option<String>,
    /// The academic year to start with, e.g. 2025/2026 (default: the one today falls in).
    #[arg(long)]
    year: Option<String>,
    /// The admin's password. Leave it out to be asked, or set
    /// SCHOOLDESK_ADMIN_PASSWORD: given here, it shows in `ps` and the shell's history.
    #[arg(long, env = "SCHOOLDESK_ADMIN_PASSWORD", hide_env_values = true)]
    admin_password: Option<String>,
}

#[derive(clap::Args)]
struct AuthArgs {
    /// Who is doing this (an admin's login).
    #[arg(long, env = "SCHOOLDESK_LOGIN")]
    login: Option<String>,
    /// Their password. Leave it out to be asked, or set SCHOOLDESK_PASSWORD:
    /// given here, it shows in `ps` and the shell's history.
    #[arg(long, env = "SCHOOLDESK_PASSWORD", hide_env_values = true)]
    password: Option<String>,
}

/// Like [`AuthArgs`], for a command that works without signing in too.
#[derive(clap::Args)]
struct OptionalAuthArgs {
    /// Sign in as this user to see the school and its counts too.
    #[arg(long, env = "SCHOOLDESK_LOGIN")]
    login: Option<String>,
    /// Their password. Leave it out to be asked, or set SCHOOLDESK_PASSWORD:
    /// given here, it shows in `ps` and the shell's history.
    #[arg(long, env = "SCHOOLDESK_PASSWORD", hide_env_values = true)]
    password: Option<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user with one or more roles.
    Add {
        new_login: String,
        #[arg(long)]
        name: String,
        /// admin, teacher, homeroom, student, parent, bursar (repeat or comma-separate)
        #[arg(long = "role", value_delimiter = ',', required = true)]
        roles: Vec<String>,
        /// The new user's password. Leave it out to be asked, or set
        /// SCHOOLDESK_NEW_PASSWORD: given here, it shows in `ps` and the shell's history.
        #[arg(long, env = "SCHOOLDESK_NEW_PASSWORD", hide_env_values = true)]
        new_password: Option<String>,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Set a new password for a user (ends their sessions, lifts a lockout).
    ResetPassword {
        user_login: String,
        /// The new password. Leave it out to be asked, or set
        /// SCHOOLDESK_NEW_PASSWORD: given here, it shows in `ps` and the shell's history.
        #[arg(long, env = "SCHOOLDESK_NEW_PASSWORD", hide_env_values = true)]
        new_password: Option<String>,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// List user accounts.
    List {
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Change your own password (the one you sign in with here). A
    /// password someone else set (a reset, a first password) must be
    /// changed before anything else is allowed.
    ChangePassword {
        /// The new password. Leave it out to be asked twice, or set
        /// SCHOOLDESK_NEW_PASSWORD: given here, it shows in `ps` and the shell's history.
        #[arg(long, env = "SCHOOLDESK_NEW_PASSWORD", hide_env_values = true)]
        new_password: Option<String>,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

fn default_database() -> Result<DatabaseUrl> {
    let dirs = directories::ProjectDirs::from("id", "Schooldesk", "Schooldesk")
        .context("cannot find the OS data directory; give --database-url")?;
    Ok(DatabaseUrl::default_sqlite(dirs.data_dir()))
}

fn database_url(cli: &Cli) -> Result<DatabaseUrl> {
    match &cli.database_url {
        Some(text) => Ok(DatabaseUrl::parse(text)?),
        None => default_database(),
    }
}

/// Asks on the terminal; refuses when there is none, naming the flag to use.
fn ask(question: &str, flag: &str, default: Option<&str>) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        if let Some(d) = default {
            return Ok(d.to_string());
        }
        bail!("{question} is needed: give {flag}");
    }
    match default {
        Some(d) => print!("{question} [{d}]: "),
        None => print!("{question}: "),
    }
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let answer = line.trim();
    Ok(if answer.is_empty() {
        default.unwrap_or("").to_string()
    } else {
        answer.to_string()
    })
}

fn ask_password(question: &str, env: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        bail!("{question} is needed: set {env}");
    }
    Ok(rpassword::prompt_password(format!("{question}: "))?)
}

fn value(
    given: &Option<String>,
    question: &str,
    flag: &str,
    default: Option<&str>,
) -> Result<String> {
    match given {
        Some(v) => Ok(v.clone()),
        None => ask(question, flag, default),
    }
}

/// The login and password of whoever runs the command.
fn credentials(auth: &AuthArgs) -> Result<(String, String)> {
    let login = value(
        &auth.login,
        "Your login",
        "--login or SCHOOLDESK_LOGIN",
        None,
    )?;
    let password = match &auth.password {
        Some(p) => p.clone(),
        None => ask_password("Your password", "SCHOOLDESK_PASSWORD")?,
    };
    Ok((login, password))
}

/// Checks who is running the command. No session is started: the
/// command's run is its session, so none is left behind in the database.
async fn sign_in(app: &App, auth: &AuthArgs) -> Result<Actor> {
    let (login, password) = credentials(auth)?;
    Ok(app.authenticate(&login, &password).await?)
}

async fn authenticate(app: &App, login: &str, password: &Option<String>) -> Result<Actor> {
    let password = match password {
        Some(p) => p.clone(),
        None => ask_password("Your password", "SCHOOLDESK_PASSWORD")?,
    };
    Ok(app.authenticate(login, &password).await?)
}

/// The flags that put a password on the command line, where every user of
/// the computer can read it (`ps`, /proc, the shell's history).
const PASSWORD_FLAGS: [&str; 3] = ["--password", "--admin-password", "--new-password"];

fn warn_of_password_flags(args: impl Iterator<Item = String>) -> Option<String> {
    let given: Vec<String> = args
        .filter_map(|arg| {
            let flag = arg.split('=').next().unwrap_or(&arg).to_string();
            PASSWORD_FLAGS.contains(&flag.as_str()).then_some(flag)
        })
        .collect();
    (!given.is_empty()).then(|| {
        format!(
            "warning: {} on the command line can be read by other users of this computer; \
             leave it out to be asked, or use the SCHOOLDESK_…PASSWORD variables",
            given.join(", ")
        )
    })
}

fn kind(name: &str) -> Result<Kind> {
    Kind::parse(name).with_context(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown kind {name:?}; use one of {}", names.join(", "))
    })
}

/// Runs `body` on the open database and closes it whatever happens: closing
/// checkpoints SQLite's write-ahead log, so when a command ends the database
/// file alone is the whole school.
async fn with_app<T>(app: App, body: impl AsyncFnOnce(&App) -> Result<T>) -> Result<T> {
    let result = body(&app).await;
    app.close().await;
    result
}

async fn init(url: &DatabaseUrl, args: &InitArgs) -> Result<()> {
    let app = App::open(url, true).await?;
    with_app(app, async |app| init_school(app, url, args).await).await
}

async fn init_school(app: &App, url: &DatabaseUrl, args: &InitArgs) -> Result<()> {
    if !app.needs_setup().await? {
        println!(
            "{url} already holds a school; nothing to do. Run `schooldesk doctor` to check it."
        );
        return Ok(());
    }
    let school = School {
        name: value(&args.school_name, "School name", "--school-name", None)?,
        npsn: value(&args.npsn, "NPSN (8 characters)", "--npsn", None)?,
        // A school has an address; the set-up refuses an empty one.
        address: value(&args.address, "Address", "--address", None)?,
        principal_name: value(&args.principal, "Principal's name", "--principal", None)?,
        principal_nip: value(
            &args.principal_nip,
            "Principal's NIP (blank if none)",
            "--principal-nip",
            Some(""),
        )
        .map(|s| Some(s).filter(|s| !s.is_empty()))?,
        logo: None,
        logo_mime: None,
    };
    let admin = NewUser {
        login: value(
            &args.admin_login,
            "Administrator login",
            "--admin-login",
            Some("admin"),
        )?,
        display_name: value(
            &args.admin_name,
            "Administrator's name",
            "--admin-name",
            Some("Administrator"),
        )?,
        password: match &args.admin_password {
            Some(p) => p.clone(),
            None => {
                let first = ask_password(
                    "Administrator password (8+ characters)",
                    "SCHOOLDESK_ADMIN_PASSWORD",
                )?;
                if ask_password("Again", "SCHOOLDESK_ADMIN_PASSWORD")? != first {
                    bail!("the two passwords differ; nothing was created");
                }
                first
            }
        },
        roles: vec![Role::Admin],
        must_change_password: false,
    };
    let session = app
        .setup_school(school, admin, args.year.as_deref())
        .await?;
    // The session ends with the command.
    app.logout(&session.token).await?;
    let name = match app.current_year(&session.actor).await? {
        Some(year) => year.data.name,
        None => String::new(),
    };
    println!("Created the school, its administrator and academic year {name} in {url}.");
    Ok(())
}

async fn demo(url: &DatabaseUrl, seed: u64) -> Result<()> {
    let app = App::open(url, true).await?;
    with_app(app, async |app| {
        let size = SampleSize {
            seed,
            ..SampleSize::default()
        };
        let CreatedSample { sample, logins } = app.create_sample_school(size).await?;
        println!(
            "Created the sample school {} in {url}: {} students in {} classes, {} teachers, {} subjects, year {}.",
            sample.school.name,
            sample.students.len(),
            sample.classes.len(),
            sample.teachers.len(),
            sample.subjects.len(),
            sample.year.name
        );
        println!(
            "The semester today falls in has learning objectives, ticks, absences and homeroom notes for everyone, and grades in the first class of each grade (VII A, VIII A, IX A): their report cards print as drafts until the grades are approved (`schooldesk print report-cards --term \"Semester 1\" --class \"VII A\" --out rapor.pdf`, with that semester's name)."
        );
        demo_timetable(app, &logins).await;
        qbank::demo_bank(app, &logins).await;
        exam::demo_paper(app, &logins).await;
        println!("Sign in with one of these (the passwords are shown only now):");
        println!("{:<14} {:<18} {:<16} name", "login", "role", "password");
        for l in &logins {
            let roles: Vec<&str> = l.roles.iter().map(|r| r.as_str()).collect();
            println!(
                "{:<14} {:<18} {:<16} {}",
                l.login,
                roles.join(","),
                l.password,
                l.display_name
            );
        }
        Ok(())
    })
    .await
}

/// The demo's timetable (issue 14): the semester that has lessons,
/// generated from the sample's week and lessons as its administrator and
/// published when complete (a fraction of a second for the sample's 27
/// classes; capped by iterations, so the same seed gives the same week).
/// A failure is said and leaves the rest of the demo school as it is.
async fn demo_timetable(app: &App, logins: &[schooldesk_app::sample::SampleLogin]) {
    use schooldesk_app::timetable::GenerateOptions;
    let made = async {
        let admin = logins
            .iter()
            .find(|l| l.roles.contains(&Role::Admin))
            .context("the sample has no administrator")?;
        let actor = app.authenticate(&admin.login, &admin.password).await?;
        let year = app
            .current_year(&actor)
            .await?
            .context("the sample has no current year")?;
        let terms = app
            .list::<schooldesk_core::Term>(
                &actor,
                &schooldesk_store::Query::all()
                    .eq("academic_year_id", year.id())
                    .order("number"),
            )
            .await?;
        let today = app.today();
        let term = terms
            .iter()
            .find(|t| t.data.start_date <= today && today <= t.data.end_date)
            .or(terms.first())
            .context("the sample has no semester")?;
        let generated = app
            .generate_timetable(
                &actor,
                term.id(),
                &GenerateOptions {
                    name: "Contoh".into(),
                    time_limit: std::time::Duration::from_secs(60),
                    max_iterations: Some(2_000_000),
                    seed: 1,
                    threads: 1,
                },
            )
            .await?;
        let t = &generated.timetable;
        let published = t.data.placed == t.data.total && t.data.hard_violations == 0;
        if published {
            app.publish_timetable(&actor, t.id(), t.version()).await?;
        }
        anyhow::Ok((
            term.data.name.clone(),
            t.data.placed,
            t.data.total,
            published,
        ))
    };
    match made.await {
        Ok((term, placed, total, true)) => println!(
            "{term} has the week's bell schedule, a lesson per teaching assignment and a published timetable ({placed} of {total} lesson blocks placed)."
        ),
        Ok((term, placed, total, false)) => println!(
            "{term} has the week's bell schedule, a lesson per teaching assignment and a draft timetable with {placed} of {total} lesson blocks placed (not published)."
        ),
        Err(e) => println!("No timetable was generated for the sample school: {e:#}"),
    }
}

async fn doctor(url: &DatabaseUrl, auth: &OptionalAuthArgs) -> Result<()> {
    let app = App::open(url, false).await?;
    with_app(app, async |app| check(app, url, auth).await).await
}

async fn check(app: &App, url: &DatabaseUrl, auth: &OptionalAuthArgs) -> Result<()> {
    let health = app.health().await?;
    let status = health.schema;
    println!("database   {url} ({})", health.backend);
    println!("reachable  yes");
    println!(
        "schema     {} (migrations applied {:?}, this build knows {:?})",
        if status.is_current() {
            "current"
        } else {
            "NOT current"
        },
        status.applied,
        status.known
    );
    if app.needs_setup().await? {
        println!("school     not set up yet: run `schooldesk init`");
    } else if let Some(login) = &auth.login {
        let actor = authenticate(app, login, &auth.password).await?;
        if let Some(school) = app.school(&actor).await? {
            println!(
                "school     {} (NPSN {})",
                school.data.name, school.data.npsn
            );
        }
        if let Some(year) = app.current_year(&actor).await? {
            println!("year       {}", year.data.name);
        }
        for (table, n) in app.counts(&actor).await? {
            println!("  {table:<22}{n:>8}");
        }
    } else {
        println!("school     give --login (or SCHOOLDESK_LOGIN) to see the school and its records");
    }
    if !status.is_current() {
        bail!("the schema is not current");
    }
    Ok(())
}

fn print_problems(problems: &[schooldesk_app::RowProblem]) {
    for p in problems {
        eprintln!("  row {:>5}  {:<16} {}", p.row, p.column, p.reason);
    }
}

async fn run(cli: Cli) -> Result<()> {
    let url = database_url(&cli)?;
    match &cli.command {
        Command::Init(args) => init(&url, args).await,
        Command::Doctor { auth } => doctor(&url, auth).await,
        Command::Demo { seed } => demo(&url, *seed).await,
        Command::Import {
            kind: k,
            file,
            skip_invalid,
            dry_run,
            auth,
        } => {
            let kind = kind(k)?;
            let format = Format::from_path(file)?;
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let app = App::open(&url, false).await?;
            let result = with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                Ok(if *dry_run {
                    app.preview_import(&actor, kind, format, &bytes).await
                } else {
                    app.import(&actor, kind, format, &bytes, *skip_invalid)
                        .await
                })
            })
            .await?;
            let report = match result {
                Ok(report) => report,
                Err(AppError::ImportRejected(problems)) => {
                    eprintln!(
                        "{}: {} problem(s) in {} row(s); nothing was imported:",
                        file.display(),
                        problems.len(),
                        rows_of(&problems)
                    );
                    print_problems(&problems);
                    bail!("fix the rows above; nothing was imported");
                }
                Err(e) => return Err(anyhow::Error::new(e).context(file.display().to_string())),
            };
            if !report.rejected.is_empty() {
                eprintln!(
                    "{}: {} row(s) rejected ({} problems):",
                    file.display(),
                    report.rejected_rows(),
                    report.rejected.len()
                );
                print_problems(&report.rejected);
            }
            if !report.ignored_columns.is_empty() {
                eprintln!("columns not used: {}", report.ignored_columns.join(", "));
            }
            println!(
                "{} {}: {} rows, {} created, {} updated, {} unchanged, {} enrolled, {} rejected",
                if report.written {
                    "imported"
                } else {
                    "would import (dry run)"
                },
                kind.name(),
                report.rows,
                report.created,
                report.updated,
                report.unchanged,
                report.enrolled,
                report.rejected_rows()
            );
            if report.rejected.is_empty() {
                return Ok(());
            }
            Err(anyhow::Error::new(RowsRejected(if report.written {
                "the rows above were left out; the other rows were imported"
            } else if *skip_invalid {
                "dry run: the rows above would be left out; nothing was written"
            } else {
                "dry run: the import would stop at the rows above and write nothing; fix them, or give --skip-invalid"
            })))
        }
        Command::Export {
            kind: k,
            file,
            auth,
        } => {
            let kind = kind(k)?;
            let format = Format::from_path(file)?;
            let app = App::open(&url, false).await?;
            with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                app.export_to_file(&actor, kind, format, file, false)
                    .await?;
                Ok(())
            })
            .await?;
            println!("exported {} to {}", kind.name(), file.display());
            Ok(())
        }
        Command::Backup { file, auth } => {
            let app = App::open(&url, false).await?;
            let counts = with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                Ok(app.backup(&actor, file).await?)
            })
            .await?;
            println!(
                "backup written to {} and checked: {}",
                file.display(),
                summary(&counts)
            );
            Ok(())
        }
        Command::Restore { file, auth } => {
            let (login, password) = credentials(auth)?;
            let outcome = App::restore(file, &url, &login, &password).await?;
            if let Some(problem) = &outcome.replaced_problem {
                println!("the database that was there could not be opened: {problem}");
            }
            if let Some(kept) = outcome.kept {
                println!("the database that was there is kept as {}", kept.display());
            }
            println!(
                "restored {} into {url}: {}",
                file.display(),
                summary(&outcome.counts)
            );
            Ok(())
        }
        Command::CopyTo { url: target, auth } => {
            let target = DatabaseUrl::parse(target)?;
            let app = App::open(&url, false).await?;
            let counts = with_app(app, async |app| {
                let actor = sign_in(app, auth).await?;
                Ok(app.copy_to(&actor, &target).await?)
            })
            .await?;
            println!(
                "copied {url} to {target}; every table checked: {}",
                summary(&counts)
            );
            Ok(())
        }
        Command::User(command) => user(&url, command).await,
        Command::Grades(command) => grades::run(&url, command).await,
        Command::Bench(args) => bench::run(args).await,
        Command::Print(command) => print::run(&url, command).await,
        Command::Fees(command) => fees::run(&url, command).await,
        Command::Qbank(command) => qbank::run(&url, command).await,
        Command::Exam(command) => exam::run(&url, command).await,
        Command::Timetable(command) => timetable::run_on_records(&url, command).await,
    }
}

async fn user(url: &DatabaseUrl, command: &UserCommand) -> Result<()> {
    let app = App::open(url, false).await?;
    with_app(app, async |app| manage_user(app, command).await).await
}

async fn manage_user(app: &App, command: &UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            new_login,
            name,
            roles,
            new_password,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let roles = roles
                .iter()
                .map(|r| Role::parse(r).with_context(|| format!("unknown role {r:?}; use admin, teacher, homeroom, student, parent or bursar")))
                .collect::<Result<Vec<_>>>()?;
            let password = match new_password {
                Some(p) => p.clone(),
                None => ask_password("New user's password", "SCHOOLDESK_NEW_PASSWORD")?,
            };
            let user = app
                .create_user(
                    &actor,
                    NewUser {
                        login: new_login.clone(),
                        display_name: name.clone(),
                        password,
                        roles,
                        must_change_password: false,
                    },
                )
                .await?;
            println!("created user {}", user.data.login);
        }
        UserCommand::ResetPassword {
            user_login,
            new_password,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let users = app.list_users(&actor).await?;
            let user = users
                .iter()
                .find(|u| &u.data.login == user_login)
                .with_context(|| format!("there is no user {user_login:?}"))?;
            let password = match new_password {
                Some(p) => p.clone(),
                None => ask_password("New password", "SCHOOLDESK_NEW_PASSWORD")?,
            };
            app.reset_password(&actor, user.id(), &password).await?;
            println!("password of {user_login} reset; their sessions have ended");
        }
        UserCommand::ChangePassword { new_password, auth } => {
            let (login, password) = credentials(auth)?;
            let new = match new_password {
                Some(p) => p.clone(),
                None => {
                    let first = ask_password("New password", "SCHOOLDESK_NEW_PASSWORD")?;
                    if ask_password("Again", "SCHOOLDESK_NEW_PASSWORD")? != first {
                        bail!("the two passwords differ; nothing was changed");
                    }
                    first
                }
            };
            // A session of this one command, ended whatever happens.
            let session = app.login(&login, &password).await?;
            let changed = app
                .change_own_password(&session.token, &password, &new)
                .await;
            app.logout(&session.token).await?;
            changed?;
            println!("password of {} changed", session.actor.login);
        }
        UserCommand::List { auth } => {
            let actor = sign_in(app, auth).await?;
            for u in app.list_users(&actor).await? {
                let roles: Vec<&str> = u.data.roles.iter().map(|r| r.as_str()).collect();
                println!(
                    "{:<20} {:<30} {:<24} {}",
                    u.data.login,
                    u.data.display_name,
                    roles.join(","),
                    if u.data.active { "active" } else { "disabled" }
                );
            }
        }
    }
    Ok(())
}

fn summary(counts: &[(&str, i64)]) -> String {
    counts
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Some rows of an import were rejected, the rest done or checked: exit 3.
#[derive(Debug)]
struct RowsRejected(&'static str);

impl std::fmt::Display for RowsRejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for RowsRejected {}

fn rows_of(problems: &[schooldesk_app::RowProblem]) -> usize {
    let rows: std::collections::BTreeSet<usize> = problems.iter().map(|p| p.row).collect();
    rows.len()
}

/// Typst's layout allocates heavily, on two threads; mimalloc measured
/// faster than the system allocator (docs/ARCHITECTURE.md, "Printing speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SCHOOLDESK_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Some(warning) = warn_of_password_flags(std::env::args()) {
        eprintln!("{warning}");
    }
    // Timetable commands on files work alone: no database, no runtime.
    if let Command::Timetable(command) = &cli.command {
        if !command.needs_database() {
            return timetable::run(command);
        }
    }
    // So does the print benchmark (`bench report-cards`).
    if let Command::Bench(bench::BenchArgs {
        what: Some(what), ..
    }) = &cli.command
    {
        return bench_print::run(what);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: what happened and what to do.
            eprintln!("error: {err:#}");
            if err.downcast_ref::<RowsRejected>().is_some() {
                ExitCode::from(3)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
