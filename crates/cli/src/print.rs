//! `schooldesk print`: report cards, the class ledger and the templates,
//! through the document engine (`schooldesk-print`). The app gathers what a
//! card says; the engine lays it out; this file only joins them and writes
//! files (each written whole, as exports are: `sheet::write_file_whole`).

use crate::{sign_in, with_app, AuthArgs};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use schooldesk_app::report::{CardOptions, CardScope, PrintedCard};
use schooldesk_app::sheet::{write_file_whole, WholeFile};
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::descriptions::Lang;
use schooldesk_print::{
    Asset, Assets, Builtin, Engine, Layout, Margins, Options, Paper, Progress, Template,
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum PrintCommand {
    /// Report cards of a class, a grade, the whole school or one student,
    /// in one combined PDF and/or one PDF per student.
    ReportCards(CardArgs),
    /// A class's grade ledger (leger): students × subjects, totals, averages, ranks.
    Ledger(LedgerArgs),
    /// Check a report card's QR code against the records: whose card, which
    /// semester, and whether its grades are still the school's grades
    /// (exit 1 when they are not).
    Verify(VerifyArgs),
    /// Write a built-in template (rapor, report, ledger) to a file to edit,
    /// or check an edited one (`--check FILE.typ --base rapor`).
    Template(TemplateArgs),
}

#[derive(clap::Args)]
pub struct PageArgs {
    /// A4, F4 (215 × 330 mm) or Letter (the ledger also A3).
    #[arg(long)]
    paper: Option<String>,
    /// Leave the top of the page blank for pre-printed letterhead paper,
    /// this many millimetres high.
    #[arg(long, value_name = "MM")]
    letterhead_mm: Option<f64>,
    /// id (Bahasa Indonesia) or en.
    #[arg(long, default_value = "id")]
    language: String,
}

#[derive(clap::Args)]
pub struct CardArgs {
    /// The semester, e.g. "Semester 1" (of the current year unless --year).
    #[arg(long)]
    term: String,
    /// The academic year, e.g. 2026/2027 (default: the current one).
    #[arg(long)]
    year: Option<String>,
    /// One class, by name ("VII A").
    #[arg(long, conflicts_with_all = ["grade", "all", "student"])]
    class: Option<String>,
    /// Every class of a grade level (7 for every class VII).
    #[arg(long, conflicts_with_all = ["all", "student"])]
    grade: Option<i64>,
    /// Every class of the year.
    #[arg(long, conflicts_with = "student")]
    all: bool,
    /// One student, by NISN or NIS.
    #[arg(long)]
    student: Option<String>,
    /// The combined PDF.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also (or only) one PDF per student in this folder, named by class and student.
    #[arg(long, value_name = "DIR")]
    per_student: Option<PathBuf>,
    /// A school's own template (a copy of `rapor` or `report` edited); if
    /// it does not compile, the built-in one prints and its errors are shown.
    #[arg(long, value_name = "FILE.typ")]
    template: Option<PathBuf>,
    /// The built-in layout: rapor (Kurikulum Merdeka) or report (international).
    #[arg(long, default_value = "rapor")]
    layout: String,
    /// Where the cards are signed (default: the last line of the school's address).
    #[arg(long)]
    place: Option<String>,
    /// The date printed beside the signatures (default: today).
    #[arg(long)]
    date: Option<NaiveDate>,
    /// The principal's signature image (PNG, JPEG or SVG).
    #[arg(long, value_name = "FILE")]
    signature: Option<PathBuf>,
    /// Print a subject without a complete grade as "belum lengkap"
    /// (a draft to check) instead of refusing.
    #[arg(long)]
    allow_incomplete: bool,
    #[command(flatten)]
    page: PageArgs,
    #[command(flatten)]
    auth: AuthArgs,
}

#[derive(clap::Args)]
pub struct LedgerArgs {
    #[arg(long)]
    term: String,
    #[arg(long)]
    year: Option<String>,
    #[arg(long)]
    class: String,
    #[arg(long)]
    out: PathBuf,
    #[arg(long, value_name = "FILE.typ")]
    template: Option<PathBuf>,
    #[command(flatten)]
    page: PageArgs,
    #[command(flatten)]
    auth: AuthArgs,
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The text of the card's QR code ("SCHOOLDESK-RAPOR|…", as a phone's
    /// camera or a scanner reads it).
    #[arg(long)]
    code: String,
    #[command(flatten)]
    auth: AuthArgs,
}

#[derive(clap::Args)]
pub struct TemplateArgs {
    /// rapor, report or ledger: the built-in template to write or check against.
    #[arg(long, default_value = "rapor")]
    base: String,
    /// Write the built-in template's text to this file.
    #[arg(long, value_name = "FILE.typ", conflicts_with = "check")]
    export: Option<PathBuf>,
    /// Check an edited template: compile it against sample data and list
    /// Typst's errors with line and column.
    #[arg(long, value_name = "FILE.typ")]
    check: Option<PathBuf>,
}

fn language(text: &str) -> Result<Lang> {
    Lang::parse(text.trim()).with_context(|| format!("--language must be id or en, not {text:?}"))
}

fn builtin(name: &str, allowed: &[Builtin]) -> Result<Builtin> {
    match Builtin::by_name(name.trim()) {
        Some(b) if allowed.contains(&b) => Ok(b),
        _ => bail!(
            "there is no built-in template {name:?} here; choose one of {}",
            allowed
                .iter()
                .map(|b| b.name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn template(base: Builtin, file: &Option<PathBuf>) -> Result<Template> {
    Ok(match file {
        None => Template::builtin(base),
        Some(path) => {
            let source = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the template {}", path.display()))?;
            Template::custom(path.display().to_string(), source, base)
        }
    })
}

fn layout(page: &PageArgs, mut base: Layout) -> Result<Layout> {
    if let Some(paper) = &page.paper {
        base.paper = Paper::parse(paper)
            .with_context(|| format!("--paper must be A4, F4, Letter or A3, not {paper:?}"))?;
    }
    if let Some(mm) = page.letterhead_mm {
        if !(0.0..=150.0).contains(&mm) {
            bail!("--letterhead-mm must be from 0 to 150, not {mm}");
        }
        base.letterhead = false;
        base.margins_mm = Margins {
            top: mm,
            ..base.margins_mm
        };
    }
    Ok(base)
}

fn report_problems(report: &schooldesk_print::Report) {
    if !report.template_problems.is_empty() {
        eprintln!("the template has errors, so the built-in one printed instead:");
        for p in &report.template_problems {
            eprintln!("  {p}");
        }
    }
    for w in &report.warnings {
        eprintln!("template warning: {w}");
    }
}

fn progress_line(p: Progress) -> bool {
    eprint!("\rprinting {}/{}", p.done, p.total);
    if p.done == p.total {
        eprintln!();
    }
    true
}

pub async fn run(url: &DatabaseUrl, command: &PrintCommand) -> Result<()> {
    match command {
        PrintCommand::Template(args) => template_command(args),
        PrintCommand::ReportCards(args) => {
            if args.out.is_none() && args.per_student.is_none() {
                bail!("say where the cards go: --out FILE.pdf and/or --per-student DIR");
            }
            let lang = language(&args.page.language)?;
            let base = builtin(&args.layout, &[Builtin::Rapor, Builtin::Report])?;
            let template = template(base, &args.template)?;
            let layout = layout(&args.page, Layout::default())?;
            let app = App::open(url, false).await?;
            let (cards, logo) = with_app(app, async |app| {
                let actor = sign_in(app, &args.auth).await?;
                let term = app
                    .term_by_name(&actor, &args.term, args.year.as_deref())
                    .await?;
                let scope = if let Some(name) = &args.class {
                    CardScope::Class(app.class_by_name(&actor, &term, name).await?.id())
                } else if let Some(level) = args.grade {
                    CardScope::Grade(level)
                } else if args.all {
                    CardScope::All
                } else if let Some(number) = &args.student {
                    CardScope::Student(app.student_numbered(&actor, number).await?.id())
                } else {
                    bail!("say whose cards: --class NAME, --grade N, --all or --student NISN");
                };
                let options = CardOptions {
                    language: lang,
                    place: args.place.clone().unwrap_or_default(),
                    date: args
                        .date
                        .unwrap_or_else(|| chrono::Local::now().date_naive()),
                    allow_incomplete: args.allow_incomplete,
                };
                let cards = app
                    .report_cards(&actor, term.id(), &scope, &options)
                    .await?;
                Ok((cards, app.school_logo(&actor).await?))
            })
            .await?;
            let assets = Assets {
                logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
                signature: match &args.signature {
                    Some(path) => Some(Asset::read("signature", path)?),
                    None => None,
                },
            };
            print_cards(&cards, &template, &layout, &assets, args)
        }
        PrintCommand::Verify(args) => {
            let app = App::open(url, false).await?;
            let check = with_app(app, async |app| {
                let actor = sign_in(app, &args.auth).await?;
                Ok(app.verify_card(&actor, &args.code).await?)
            })
            .await?;
            println!(
                "{} (NISN {}), class {}, {} {}",
                check.student, check.nisn, check.class, check.term, check.year
            );
            if !check.matches {
                bail!(
                    "the grades on this card are not the school's grades now: \
                     a grade changed after it was printed, or the card was altered"
                );
            }
            println!("the grades on this card are the school's grades");
            if !check.approved {
                println!("the class's grades are not approved yet: the card is a draft");
            }
            Ok(())
        }
        PrintCommand::Ledger(args) => {
            let lang = language(&args.page.language)?;
            let template = template(Builtin::Ledger, &args.template)?;
            let layout = layout(&args.page, Layout::ledger())?;
            let app = App::open(url, false).await?;
            let (ledger, logo) = with_app(app, async |app| {
                let actor = sign_in(app, &args.auth).await?;
                let term = app
                    .term_by_name(&actor, &args.term, args.year.as_deref())
                    .await?;
                let class = app.class_by_name(&actor, &term, &args.class).await?;
                let ledger = app
                    .class_ledger(&actor, term.id(), class.id(), lang)
                    .await?;
                Ok((ledger, app.school_logo(&actor).await?))
            })
            .await?;
            let assets = Assets {
                logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
                signature: None,
            };
            let engine = Engine::new();
            let (pdf, report) = engine.render(
                &template,
                &layout,
                &assets,
                &Options::default(),
                std::slice::from_ref(&ledger),
                &mut |_| true,
            )?;
            report_problems(&report);
            write_file_whole(&args.out, &pdf, true)?;
            println!(
                "ledger of {} ({} students, {} pages) written to {}",
                ledger.class,
                ledger.rows.len(),
                report.pages,
                args.out.display()
            );
            Ok(())
        }
    }
}

fn print_cards(
    cards: &[PrintedCard],
    template: &Template,
    layout: &Layout,
    assets: &Assets,
    args: &CardArgs,
) -> Result<()> {
    let engine = Engine::new();
    let copies: Vec<_> = cards.iter().map(|c| c.card.clone()).collect();
    let drafts = copies.iter().filter(|c| c.draft).count();
    if let Some(out) = &args.out {
        // Written as the batches finish (memory stays flat for a whole
        // school), into a temporary file given its name only when complete.
        let mut whole = WholeFile::create(out, true)?;
        let (_, report) = engine.render_to(
            template,
            layout,
            assets,
            &Options::default(),
            &copies,
            &mut progress_line,
            std::io::BufWriter::new(whole.file()),
        )?;
        whole.commit()?;
        report_problems(&report);
        println!(
            "{} report card(s), {} pages, written to {}",
            copies.len(),
            report.pages,
            out.display()
        );
    }
    if let Some(dir) = &args.per_student {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot make the folder {}", dir.display()))?;
        let mut written = 0;
        let report = engine.render_each(
            template,
            layout,
            assets,
            &Options::default(),
            &copies,
            &mut progress_line,
            &mut |index, _, pdf| {
                let path = dir.join(format!("{}.pdf", cards[index].file_stem));
                write_file_whole(&path, &pdf, true)
                    .map_err(|e| schooldesk_print::PrintError::Sink(format!("{e:#}")))?;
                written += 1;
                Ok(())
            },
        )?;
        report_problems(&report);
        println!("{written} file(s) written to {}", dir.display());
    }
    if drafts > 0 {
        println!("{drafts} card(s) are marked DRAFT: their class's grades are not approved yet");
    }
    Ok(())
}

fn template_command(args: &TemplateArgs) -> Result<()> {
    let base = builtin(&args.base, &Builtin::ALL)?;
    if let Some(path) = &args.export {
        write_file_whole(path, base.source().as_bytes(), true)?;
        println!(
            "the built-in template {} is written to {}; edit it and print with --template {}",
            base.name(),
            path.display(),
            path.display()
        );
        return Ok(());
    }
    let Some(path) = &args.check else {
        bail!("say what to do: --export FILE.typ or --check FILE.typ");
    };
    let template = template(base, &Some(path.clone()))?;
    match Engine::new().check(&template) {
        Ok(()) => {
            println!("{} compiles: it can print", path.display());
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                println!("{}: {p}", path.display());
            }
            bail!(
                "{} has {} problem(s); printing with it would use the built-in {} instead",
                path.display(),
                problems.len(),
                base.name()
            )
        }
    }
}
