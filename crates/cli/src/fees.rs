//! `schooldesk fees …` (issue 17, item 8): invoice a month, book a payment
//! (printing its receipt number), print a receipt as PDF, arrears, a
//! student's statement, the day's cash report and its closing, a bank
//! statement's import. The rules
//! are `schooldesk_app::fees`'s; here are the words.

use crate::{sign_in, with_app, AuthArgs};
use anyhow::Result;
use chrono::NaiveDate;
use schooldesk_app::fees::{parse_receipt, receipt_document, Method, NewPayment};
use schooldesk_app::fees_bank::{Confidence, ConfirmedLine};
use schooldesk_app::sheet::{write_file_whole, write_sheet, Format, WholeFile};
use schooldesk_app::{App, AppError, DatabaseUrl};
use schooldesk_core::descriptions::Lang;
use schooldesk_core::fees::{format_rupiah, parse_rupiah};
use schooldesk_core::Msg;
use schooldesk_print::{Asset, Assets, Builtin, Engine, Layout, Options, Template};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub(crate) enum FeesCommand {
    /// Fee items of the current year: add one, or list them.
    Item {
        #[command(subcommand)]
        action: ItemCommand,
    },
    /// Bill a fee item to a grade level, a class or one student.
    Assign {
        /// The fee item's name (this year's).
        #[arg(long)]
        item: String,
        /// A grade level (7 for every class of grade 7).
        #[arg(long, group = "to")]
        grade: Option<i64>,
        /// A class of this year by name ("VII-A").
        #[arg(long, group = "to")]
        class: Option<String>,
        /// One student, by NISN.
        #[arg(long, group = "to")]
        student: Option<String>,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Give a student a discount or waiver, with a reason: a percentage
    /// (--percent 25, or 12,5) or a fixed amount in rupiah (--fixed 50000),
    /// on one fee item (--item) or on all.
    Discount {
        /// The student's NISN.
        #[arg(long)]
        student: String,
        #[arg(long)]
        item: Option<String>,
        #[arg(long, group = "size")]
        percent: Option<String>,
        #[arg(long, group = "size")]
        fixed: Option<String>,
        /// Why (scholarship, sibling, orphan…); kept with the discount.
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Bill a month (YYYY-MM) to every student its fee plans apply to,
    /// or with --through every month up to another of the same academic
    /// year (the year ahead at its start), as one change. Safe to run
    /// again: only differences are added.
    Invoice {
        #[arg(long)]
        period: String,
        /// The last month to bill (YYYY-MM), in the same academic year.
        #[arg(long)]
        through: Option<String>,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Book a payment; prints its receipt number.
    Pay {
        /// The student's NISN.
        #[arg(long)]
        student: String,
        /// In rupiah: 250000 or 250.000.
        #[arg(long)]
        amount: String,
        /// cash or transfer.
        #[arg(long, default_value = "cash")]
        method: String,
        /// The bank's reference (a transfer needs one).
        #[arg(long)]
        reference: Option<String>,
        /// When it was paid (a transfer's date), YYYY-MM-DD; today if left out.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Who handed the money over; the student if left out.
        #[arg(long)]
        payer: Option<String>,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Print a receipt (kwitansi) as PDF; a second print says COPY.
    Receipt {
        /// YEAR-NUMBER, e.g. 2025-00017.
        number: String,
        #[arg(long)]
        out: PathBuf,
        /// id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Void a payment (by its receipt number) with a reason; never deleted.
    Void {
        number: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Who owes what was due: per student, the largest first.
    Arrears {
        /// One class of the current year.
        #[arg(long)]
        class: Option<String>,
        /// Due by this day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Comma-separated values instead of a table.
        #[arg(long)]
        csv: bool,
        /// Write the list as an XLSX workbook too.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Print the list as PDF (per class, with the school's letterhead).
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The PDF's language: id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Income by fee item and month: billed (less discounts), received and
    /// outstanding; --xlsx writes it as a workbook too.
    Income {
        /// First month, YYYY-MM.
        #[arg(long)]
        from: String,
        /// Last month, YYYY-MM.
        #[arg(long)]
        to: String,
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Print the report as PDF (with the school's letterhead).
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The PDF's language: id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// A student's statement: billed, discounts, paid and owed by month.
    Statement {
        /// The student's NISN.
        #[arg(long)]
        student: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Measure fees (issue 17, item 9) on a fresh sample school: invoicing
    /// every month of the year, payments with their receipt numbers, the
    /// whole school's arrears. Prints figures; asserts nothing.
    Bench {
        /// Invoice the year month by month (twelve runs, as `fees invoice
        /// --period` each month) instead of in one run (`--through`).
        #[arg(long)]
        by_month: bool,
        /// Where the SQLite file goes (a fresh one; removed first).
        #[arg(long, default_value = "fees-bench.db")]
        sqlite: PathBuf,
        /// An empty PostgreSQL database to measure as well.
        #[arg(long)]
        postgres_url: Option<String>,
        #[arg(long, default_value_t = 3000)]
        students: usize,
        #[arg(long, default_value_t = 10_000)]
        payments: usize,
    },
    /// Import a bank's mutation statement (CSV or XLSX; the columns it
    /// reads are in schooldesk_app::fees_bank): lists each credit line with
    /// the student it matches (sure by NISN/NIS, uncertain by name, or
    /// none) and each line that cannot be read. Books nothing unless
    /// --confirm, which books the sure lines and the rows named by
    /// --accept as transfers; a line booked before is never booked again.
    Bank {
        file: PathBuf,
        #[arg(long)]
        confirm: bool,
        /// A row to book as well, for the student it was matched to (an
        /// uncertain match someone looked at). Repeat for more rows.
        #[arg(long)]
        accept: Vec<usize>,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// The day's cash report (today if no --day); --close closes the day.
    Day {
        #[arg(long)]
        day: Option<NaiveDate>,
        #[arg(long)]
        close: bool,
        /// Write the day's payments and totals as an XLSX workbook too.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Print the day's cash report as PDF (after --close if both are
        /// given, so the print shows the day closed).
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The PDF's language: id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

#[derive(clap::Subcommand)]
pub(crate) enum ItemCommand {
    /// Add a fee item to the current year: monthly (the default) or once in
    /// one month (--once YYYY-MM).
    Add {
        #[arg(long)]
        name: String,
        /// In whole rupiah: 250000 or 250.000.
        #[arg(long)]
        amount: String,
        /// A one-off fee's month, YYYY-MM.
        #[arg(long)]
        once: Option<String>,
        /// The day of the month it is due, 1 to 28.
        #[arg(long, default_value_t = 10)]
        due_day: i64,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// The current year's fee items.
    List {
        #[command(flatten)]
        auth: AuthArgs,
    },
}

/// A percentage as basis points: "25" is 2 500, "12,5" or "12.5" is 1 250;
/// at most two decimals, nothing but digits.
fn parse_percent(text: &str) -> Result<i64, Msg> {
    let bad = || {
        Msg::new(
            "not_a_percentage",
            format!("\"{text}\" is not a percentage (write it as 25 or 12,5)"),
        )
        .with("value", text)
    };
    let t = text.trim().trim_end_matches('%').trim();
    let (whole, frac) = t.split_once([',', '.']).unwrap_or((t, ""));
    if whole.is_empty()
        || whole.len() > 5
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (t.contains([',', '.']) && frac.is_empty())
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    Ok(whole * 100 + frac)
}

/// This year's fee item named `name` (any case).
async fn item_named(
    app: &App,
    actor: &schooldesk_core::Actor,
    year: schooldesk_core::Id,
    name: &str,
) -> Result<schooldesk_core::Stored<schooldesk_core::FeeItem>> {
    let items = app.fee_items(actor, year).await?;
    let wanted = name.trim().to_lowercase();
    items
        .into_iter()
        .find(|i| i.data.name.to_lowercase() == wanted)
        .ok_or_else(|| {
            bad(
                "item",
                Msg::new(
                    "no_fee_item_named",
                    format!("there is no fee item \"{name}\" this year (see: schooldesk fees item list)"),
                )
                .with("item", name),
            )
        })
}

async fn this_year(
    app: &App,
    actor: &schooldesk_core::Actor,
) -> Result<schooldesk_core::Stored<schooldesk_core::AcademicYear>> {
    app.current_year(actor)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the school has no current academic year"))
}

fn bad(field: &'static str, m: Msg) -> anyhow::Error {
    AppError::Invalid(schooldesk_core::Invalid(vec![
        schooldesk_core::FieldError::new(field, m),
    ]))
    .into()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn language_of(language: &str) -> Result<Lang> {
    match language {
        "id" => Ok(Lang::Id),
        "en" => Ok(Lang::En),
        other => anyhow::bail!("--language must be id or en, not {other}"),
    }
}

/// Prints one fee report with its built-in template to `out` (the whole
/// file or nothing), with the school's logo.
async fn print_report<T: schooldesk_print::Printable>(
    app: &App,
    actor: &schooldesk_core::Actor,
    builtin: Builtin,
    doc: &T,
    out: &std::path::Path,
) -> Result<()> {
    let logo = app.school_logo(actor).await?;
    let assets = Assets {
        logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
        signature: None,
    };
    let (pdf, report) = Engine::new().render(
        &Template::builtin(builtin),
        &Layout::default(),
        &assets,
        &Options::default(),
        std::slice::from_ref(doc),
        &mut |_| true,
    )?;
    for w in &report.warnings {
        eprintln!("template warning: {w}");
    }
    write_file_whole(out, &pdf, true)?;
    eprintln!("written: {} ({} page(s))", out.display(), report.pages);
    Ok(())
}

pub(crate) async fn run(url: &DatabaseUrl, command: &FeesCommand) -> Result<()> {
    if let FeesCommand::Bench {
        by_month,
        sqlite,
        postgres_url,
        students,
        payments,
    } = command
    {
        let _ = std::fs::remove_file(sqlite);
        bench(
            &DatabaseUrl::Sqlite(sqlite.clone()),
            *students,
            *payments,
            *by_month,
        )
        .await?;
        if let Some(pg) = postgres_url {
            bench(&DatabaseUrl::parse(pg)?, *students, *payments, *by_month).await?;
        }
        return Ok(());
    }
    let app = App::open(url, false).await?;
    with_app(app, async |app| run_with(app, command).await).await
}

async fn run_with(app: &App, command: &FeesCommand) -> Result<()> {
    match command {
        FeesCommand::Item {
            action:
                ItemCommand::Add {
                    name,
                    amount,
                    once,
                    due_day,
                    auth,
                },
        } => {
            let amount = parse_rupiah(amount).map_err(|m| bad("amount", m))?;
            let actor = sign_in(app, auth).await?;
            let year = this_year(app, &actor).await?;
            let item = app
                .fee_item_save(
                    &actor,
                    None,
                    &schooldesk_core::FeeItem {
                        academic_year_id: year.id(),
                        name: name.clone(),
                        amount,
                        schedule: if once.is_some() { "once" } else { "monthly" }.into(),
                        once_period: once.clone(),
                        due_day: *due_day,
                        active: true,
                    },
                )
                .await?;
            println!(
                "fee item \"{}\" added to {}: {} {}, due on day {}",
                item.data.name,
                year.data.name,
                format_rupiah(item.data.amount),
                item.data
                    .once_period
                    .as_deref()
                    .map_or("monthly".to_string(), |p| format!("once, in {p}")),
                item.data.due_day
            );
        }
        FeesCommand::Item {
            action: ItemCommand::List { auth },
        } => {
            let actor = sign_in(app, auth).await?;
            let year = this_year(app, &actor).await?;
            for i in app.fee_items(&actor, year.id()).await? {
                println!(
                    "{:<30} {:>16} {:<10} due day {:>2}{}",
                    i.data.name,
                    format_rupiah(i.data.amount),
                    i.data.once_period.as_deref().unwrap_or("monthly"),
                    i.data.due_day,
                    if i.data.active { "" } else { "  (inactive)" }
                );
            }
        }
        FeesCommand::Assign {
            item,
            grade,
            class,
            student,
            auth,
        } => {
            if grade.is_none() && class.is_none() && student.is_none() {
                return Err(bad(
                    "to",
                    Msg::new(
                        "assign_to_whom",
                        "say who is billed: --grade N, --class NAME or --student NISN",
                    ),
                ));
            }
            let actor = sign_in(app, auth).await?;
            let year = this_year(app, &actor).await?;
            let item = item_named(app, &actor, year.id(), item).await?;
            let class_id = match class {
                Some(name) => Some(app.fee_class_named(&actor, name).await?.id()),
                None => None,
            };
            let student_id = match student {
                Some(nisn) => Some(app.fee_student_by_nisn(&actor, nisn).await?.id()),
                None => None,
            };
            app.fee_assign(
                &actor,
                &schooldesk_core::FeeAssignment {
                    fee_item_id: item.id(),
                    grade_level: *grade,
                    class_id,
                    student_id,
                },
            )
            .await?;
            let whom = match (grade, class, student) {
                (Some(g), _, _) => format!("grade {g}"),
                (_, Some(c), _) => format!("class {c}"),
                (_, _, Some(s)) => format!("the student with NISN {s}"),
                _ => unreachable!("checked above"),
            };
            println!(
                "\"{}\" is billed to {whom} from the next invoicing",
                item.data.name
            );
        }
        FeesCommand::Discount {
            student,
            item,
            percent,
            fixed,
            reason,
            auth,
        } => {
            let (kind, value) = match (percent, fixed) {
                (Some(p), None) => ("percent", parse_percent(p).map_err(|m| bad("percent", m))?),
                (None, Some(f)) => ("fixed", parse_rupiah(f).map_err(|m| bad("fixed", m))?),
                _ => {
                    return Err(bad(
                        "percent",
                        Msg::new(
                            "discount_size",
                            "say how much: --percent P or --fixed AMOUNT",
                        ),
                    ))
                }
            };
            let actor = sign_in(app, auth).await?;
            let student = app.fee_student_by_nisn(&actor, student).await?;
            let item = match item {
                Some(name) => {
                    let year = this_year(app, &actor).await?;
                    Some(item_named(app, &actor, year.id(), name).await?)
                }
                None => None,
            };
            let given = app
                .fee_discount_give(
                    &actor,
                    &schooldesk_core::FeeDiscount {
                        student_id: student.id(),
                        fee_item_id: item.as_ref().map(|i| i.id()),
                        kind: kind.into(),
                        value,
                        reason: reason.clone(),
                        active: true,
                    },
                )
                .await?;
            let size = if kind == "percent" {
                format!("{},{:02} %", value / 100, value % 100)
            } else {
                format_rupiah(value)
            };
            println!(
                "{} off {} for {} ({}): {}",
                size,
                item.as_ref()
                    .map_or("every fee item", |i| i.data.name.as_str()),
                student.data.full_name,
                student.data.nisn,
                given.data.reason
            );
        }
        FeesCommand::Invoice {
            period,
            through,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let through = through.as_deref().unwrap_or(period);
            for run in app.fee_invoice_periods(&actor, period, through).await? {
                println!(
                    "{}: {} student(s) billed, {} new invoice(s), {} adjustment line(s), {} added",
                    run.period,
                    run.students,
                    run.invoices_created,
                    run.adjustments,
                    format_rupiah(run.net_added)
                );
            }
        }
        FeesCommand::Pay {
            student,
            amount,
            method,
            reference,
            date,
            payer,
            auth,
        } => {
            let amount = parse_rupiah(amount).map_err(|m| bad("amount", m))?;
            let method = Method::parse(method).ok_or_else(|| {
                bad(
                    "method",
                    Msg::new(
                        "not_a_method",
                        format!("\"{method}\" is not a payment method; write cash or transfer"),
                    )
                    .with("value", method),
                )
            })?;
            let actor = sign_in(app, auth).await?;
            let student = app.fee_student_by_nisn(&actor, student).await?;
            let booked = app
                .fee_pay(
                    &actor,
                    &NewPayment {
                        student_id: student.id(),
                        amount,
                        method,
                        reference: reference.clone(),
                        paid_on: *date,
                        payer: payer.clone(),
                        invoices: None,
                    },
                )
                .await?;
            println!("{}", booked.receipt);
            eprintln!(
                "{} from {} for {}: {} allocated to {} invoice(s), {} kept as credit",
                format_rupiah(amount),
                booked.payment.data.payer,
                student.data.full_name,
                format_rupiah(booked.allocated.iter().map(|a| a.1).sum()),
                booked.allocated.len(),
                format_rupiah(booked.credit)
            );
        }
        FeesCommand::Receipt {
            number,
            out,
            language,
            auth,
        } => {
            let lang = language_of(language)?;
            let (year, number) = parse_receipt(number)?;
            let actor = sign_in(app, auth).await?;
            let view = app.fee_receipt(&actor, year, number).await?;
            let logo = app.school_logo(&actor).await?;
            let receipt = receipt_document(&view, lang);
            let assets = Assets {
                logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
                signature: None,
            };
            let (pdf, report) = Engine::new().render(
                &Template::builtin(Builtin::Receipt),
                &Layout::default(),
                &assets,
                &Options::default(),
                std::slice::from_ref(&receipt),
                &mut |_| true,
            )?;
            for w in &report.warnings {
                eprintln!("template warning: {w}");
            }
            // Written, then marked printed, then named: a print that does
            // not reach the disk does not make the next one a copy.
            let mut whole = WholeFile::create(out, true)?;
            if let Err(e) = std::io::Write::write_all(whole.file(), &pdf) {
                return Err(whole.failed(e).into());
            }
            app.fee_receipt_printed(&actor, &view).await?;
            whole.commit()?;
            println!(
                "receipt {}{} written to {}",
                receipt.number,
                if receipt.copy { " (copy)" } else { "" },
                out.display()
            );
        }
        FeesCommand::Void {
            number,
            reason,
            auth,
        } => {
            let (year, n) = parse_receipt(number)?;
            let actor = sign_in(app, auth).await?;
            let payment = app
                .fee_payment_of_receipt(&actor, year, n)
                .await?
                .ok_or_else(|| anyhow::anyhow!("there is no receipt {number}"))?;
            app.fee_void_payment(&actor, payment.id(), reason).await?;
            println!("receipt {number} voided");
        }
        FeesCommand::Arrears {
            class,
            as_of,
            csv,
            xlsx,
            pdf,
            language,
            auth,
        } => {
            let lang = language_of(language)?;
            let actor = sign_in(app, auth).await?;
            let class_id = match class {
                Some(name) => Some(app.fee_class_named(&actor, name).await?.id()),
                None => None,
            };
            let as_of = as_of.unwrap_or_else(|| app.today());
            let rows = app.fee_arrears(&actor, class_id, as_of).await?;
            if let Some(path) = pdf {
                let doc = app
                    .fee_arrears_document(&actor, class_id, as_of, lang)
                    .await?;
                print_report(app, &actor, Builtin::FeeArrears, &doc, path).await?;
            }
            if let Some(path) = xlsx {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.nisn.clone(),
                            r.name.clone(),
                            r.class.clone(),
                            r.months.to_string(),
                            r.oldest.clone().unwrap_or_default(),
                            r.owed.to_string(),
                        ]
                    })
                    .collect();
                let headers = ["NISN", "Nama", "Kelas", "Bulan", "Tertua", "Tunggakan"];
                let bytes = write_sheet(Format::Xlsx, &headers, &cells)?;
                write_file_whole(path, &bytes, true)?;
                eprintln!("written: {}", path.display());
            }
            if *csv {
                println!("nisn,name,class,months,oldest,owed");
                for r in &rows {
                    println!(
                        "{},{},{},{},{},{}",
                        csv_field(&r.nisn),
                        csv_field(&r.name),
                        csv_field(&r.class),
                        r.months,
                        r.oldest.as_deref().unwrap_or(""),
                        r.owed
                    );
                }
            } else {
                println!(
                    "{:<12} {:<30} {:<10} {:>6} {:<8} {:>18}",
                    "NISN", "name", "class", "months", "oldest", "owed"
                );
                for r in &rows {
                    println!(
                        "{:<12} {:<30} {:<10} {:>6} {:<8} {:>18}",
                        r.nisn,
                        r.name,
                        r.class,
                        r.months,
                        r.oldest.as_deref().unwrap_or(""),
                        format_rupiah(r.owed)
                    );
                }
                let total: i64 = rows.iter().map(|r| r.owed).sum();
                println!(
                    "{} student(s) in arrears, {} in all",
                    rows.len(),
                    format_rupiah(total)
                );
            }
        }
        FeesCommand::Income {
            from,
            to,
            xlsx,
            pdf,
            language,
            auth,
        } => {
            let lang = language_of(language)?;
            let actor = sign_in(app, auth).await?;
            let rows = app.fee_income(&actor, from, to).await?;
            println!(
                "{:<24} {:<8} {:>18} {:>18} {:>18}",
                "fee item", "month", "billed", "received", "outstanding"
            );
            for r in &rows {
                println!(
                    "{:<24} {:<8} {:>18} {:>18} {:>18}",
                    r.fee_item,
                    r.period,
                    format_rupiah(r.billed),
                    format_rupiah(r.received),
                    format_rupiah(r.outstanding)
                );
            }
            let (billed, received): (i64, i64) = rows
                .iter()
                .fold((0, 0), |(b, r), row| (b + row.billed, r + row.received));
            println!(
                "in all: billed {}, received {}, outstanding {}",
                format_rupiah(billed),
                format_rupiah(received),
                format_rupiah(billed - received)
            );
            if let Some(path) = xlsx {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.fee_item.clone(),
                            r.period.clone(),
                            r.billed.to_string(),
                            r.received.to_string(),
                            r.outstanding.to_string(),
                        ]
                    })
                    .collect();
                let headers = ["Jenis biaya", "Bulan", "Tagihan", "Diterima", "Sisa"];
                let bytes = write_sheet(Format::Xlsx, &headers, &cells)?;
                write_file_whole(path, &bytes, true)?;
                eprintln!("written: {}", path.display());
            }
            if let Some(path) = pdf {
                let doc = app.fee_income_document(&actor, from, to, lang).await?;
                print_report(app, &actor, Builtin::FeeIncome, &doc, path).await?;
            }
        }
        FeesCommand::Statement { student, auth } => {
            let actor = sign_in(app, auth).await?;
            let student = app.fee_student_by_nisn(&actor, student).await?;
            let st = app.fee_statement(&actor, student.id()).await?;
            println!(
                "{} (NISN {})",
                st.student.data.full_name, st.student.data.nisn
            );
            println!(
                "{:<8} {:>16} {:>16} {:>16} {:>16}",
                "month", "billed", "discount", "paid", "owed"
            );
            for m in &st.months {
                println!(
                    "{:<8} {:>16} {:>16} {:>16} {:>16}{}",
                    m.period,
                    format_rupiah(m.billed),
                    format_rupiah(m.discount),
                    format_rupiah(m.paid),
                    format_rupiah(m.owed),
                    m.void_reason
                        .as_deref()
                        .map(|r| format!("  voided: {r}"))
                        .unwrap_or_default()
                );
            }
            println!(
                "billed {} − discounts {} − paid {} + refunded {} = balance {} (credit {})",
                format_rupiah(st.billed),
                format_rupiah(st.discounted),
                format_rupiah(st.paid),
                format_rupiah(st.refunded),
                format_rupiah(st.balance),
                format_rupiah(st.credit)
            );
        }
        FeesCommand::Bench { .. } => unreachable!("handled before the database is opened"),
        FeesCommand::Bank {
            file,
            confirm,
            accept,
            auth,
        } => {
            let format = Format::from_path(file)?;
            let bytes = std::fs::read(file)
                .map_err(|e| anyhow::anyhow!("{}: cannot read it: {e}", file.display()))?;
            let actor = sign_in(app, auth).await?;
            let preview = app.fee_bank_preview(&actor, format, &bytes).await?;
            println!(
                "{:>5} {:<10} {:>16} {:<10} {:<12} {:<25} description",
                "row", "date", "amount", "match", "NISN", "student"
            );
            for l in &preview.lines {
                println!(
                    "{:>5} {:<10} {:>16} {:<10} {:<12} {:<25} {}",
                    l.row,
                    l.date,
                    format_rupiah(l.amount),
                    if l.booked {
                        "booked"
                    } else {
                        l.confidence.as_str()
                    },
                    l.student.as_ref().map_or("", |s| s.nisn.as_str()),
                    l.student.as_ref().map_or("", |s| s.name.as_str()),
                    l.description
                );
            }
            for l in &preview.lines {
                if let Some(receipt) = &l.possibly_booked {
                    println!(
                        "row {}: perhaps booked already, as receipt {receipt} (same student and amount, within five days); book it only with --accept {}",
                        l.row, l.row
                    );
                }
            }
            for p in &preview.problems {
                println!("row {}, column {}: {}", p.row, p.column, p.reason);
            }
            println!(
                "{} credit line(s), {} debit line(s) left out, {} line(s) not readable",
                preview.lines.len(),
                preview.debits,
                preview.problems.len()
            );
            if !*confirm {
                eprintln!("nothing booked: run again with --confirm to book the sure lines (and --accept ROW for others)");
                return Ok(());
            }
            let mut lines = Vec::new();
            for l in &preview.lines {
                let wanted = l.confidence == Confidence::Sure || accept.contains(&l.row);
                if let (true, Some(s)) = (wanted, &l.student) {
                    lines.push(ConfirmedLine {
                        row: l.row,
                        student_id: s.id,
                    });
                }
            }
            for row in accept {
                if !preview
                    .lines
                    .iter()
                    .any(|l| l.row == *row && l.student.is_some())
                {
                    return Err(bad(
                        "row",
                        Msg::new(
                            "bank_row_not_matched",
                            format!("row {row} is not a credit line matched to a student"),
                        )
                        .with("row", row),
                    ));
                }
            }
            let booked = app.fee_bank_confirm(&actor, format, &bytes, &lines).await?;
            for (row, b) in &booked.booked {
                println!(
                    "row {row}: receipt {} — {} for {}",
                    b.receipt,
                    format_rupiah(b.payment.data.amount),
                    b.payment.data.payer
                );
            }
            println!(
                "{} line(s) booked, {} booked before",
                booked.booked.len(),
                booked.already.len()
            );
        }
        FeesCommand::Day {
            day,
            close,
            xlsx,
            pdf,
            language,
            auth,
        } => {
            let lang = language_of(language)?;
            let actor = sign_in(app, auth).await?;
            let day = day.unwrap_or_else(|| app.today());
            let r = app.fee_day_report(&actor, day).await?;
            for p in &r.payments {
                println!(
                    "{}-{:05} {:<9} {:>16}{}",
                    p.data.receipt_year,
                    p.data.receipt_number,
                    p.data.method,
                    format_rupiah(p.data.amount),
                    if p.data.void_reason.is_some() {
                        "  (voided)"
                    } else {
                        ""
                    }
                );
            }
            println!(
                "{day}: cash {}, transfers {}, voided {}, refunded {}, cash in the drawer {}",
                format_rupiah(r.cash),
                format_rupiah(r.transfers),
                format_rupiah(r.voided),
                format_rupiah(r.refunded),
                format_rupiah(r.cash_net)
            );
            if let Some(path) = xlsx {
                let mut cells: Vec<Vec<String>> = r
                    .payments
                    .iter()
                    .map(|p| {
                        vec![
                            format!("{}-{:05}", p.data.receipt_year, p.data.receipt_number),
                            p.data.payer.clone(),
                            p.data.method.clone(),
                            p.data.amount.to_string(),
                            p.data.void_reason.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                for (label, amount) in [
                    ("Tunai / Cash", r.cash),
                    ("Transfer", r.transfers),
                    ("Dibatalkan / Voided", r.voided),
                    ("Dikembalikan / Refunded", r.refunded),
                    ("Kas di laci / Cash in the drawer", r.cash_net),
                ] {
                    cells.push(vec![
                        String::new(),
                        label.to_string(),
                        String::new(),
                        amount.to_string(),
                        String::new(),
                    ]);
                }
                let headers = ["Kuitansi", "Penyetor", "Cara bayar", "Jumlah", "Batal"];
                let bytes = write_sheet(Format::Xlsx, &headers, &cells)?;
                write_file_whole(path, &bytes, true)?;
                eprintln!("written: {}", path.display());
            }
            if *close {
                app.fee_close_day(&actor, day).await?;
                println!("{day} closed");
            } else if r.closed.is_some() {
                println!("{day} is closed");
            }
            if let Some(path) = pdf {
                let doc = app.fee_day_document(&actor, day, lang).await?;
                print_report(app, &actor, Builtin::FeeDay, &doc, path).await?;
            }
        }
    }
    Ok(())
}

/// One backend's figures: see [`FeesCommand::Bench`].
async fn bench(url: &DatabaseUrl, students: usize, payments: usize, by_month: bool) -> Result<()> {
    use schooldesk_app::sample::SampleSize;
    use schooldesk_core::fees::Period;
    use schooldesk_core::Role;
    use std::time::{Duration, Instant};

    let app = App::open(url, true).await?;
    let started = Instant::now();
    let created = app
        .create_sample_school(SampleSize {
            students,
            classes_per_grade: students.div_ceil(100).max(1),
            teachers: (students / 20).max(10),
            seed: 1,
        })
        .await?;
    let kind = app.health().await?.backend;
    println!(
        "{kind}: sample school of {students} students written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let admin = created
        .logins
        .iter()
        .find(|l| l.roles.contains(&Role::Admin))
        .ok_or_else(|| anyhow::anyhow!("the sample has no administrator"))?;
    let actor = app.authenticate(&admin.login, &admin.password).await?;
    let year = app
        .current_year(&actor)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the sample has no current year"))?;
    let months = Period::months(year.data.start_date, year.data.end_date);
    let (Some(first_month), Some(last_month)) = (months.first(), months.last()) else {
        anyhow::bail!("the sample's year has no months");
    };
    let started = Instant::now();
    if by_month {
        let mut slowest = Duration::ZERO;
        let mut created = 0;
        for month in &months {
            let t = Instant::now();
            let run = app.fee_invoice_period(&actor, &month.to_string()).await?;
            slowest = slowest.max(t.elapsed());
            created += run.invoices_created;
        }
        println!(
            "{kind}: invoicing {} months month by month ({created} new invoices): {:.2} s in all, slowest month {:.0} ms (target: invoicing ≤ 2 s)",
            months.len(),
            started.elapsed().as_secs_f64(),
            slowest.as_secs_f64() * 1000.0
        );
    } else {
        let runs = app
            .fee_invoice_periods(&actor, &first_month.to_string(), &last_month.to_string())
            .await?;
        let created: usize = runs.iter().map(|r| r.invoices_created).sum();
        println!(
            "{kind}: invoicing {} months in one run ({created} new invoices): {:.2} s (target: invoicing ≤ 2 s; --by-month for twelve runs)",
            months.len(),
            started.elapsed().as_secs_f64(),
        );
    }

    let ids: Vec<_> = {
        let mut ids = Vec::new();
        for class in app
            .list::<schooldesk_core::Class>(&actor, &schooldesk_store::Query::all())
            .await?
        {
            for s in app.roster(&actor, class.id()).await? {
                ids.push(s.id());
            }
        }
        ids
    };
    anyhow::ensure!(!ids.is_empty(), "the sample has no students");
    let cash = |student_id, amount| NewPayment {
        student_id,
        amount,
        method: Method::Cash,
        reference: None,
        paid_on: None,
        payer: None,
        invoices: None,
    };
    let mut times = Vec::with_capacity(payments);
    let mut seed: u64 = 17;
    for _ in 0..payments {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let student = ids[(seed >> 33) as usize % ids.len()];
        let amount = 50_000 * (1 + (seed >> 40) as i64 % 6);
        let t = Instant::now();
        app.fee_pay(&actor, &cash(student, amount)).await?;
        times.push(t.elapsed());
    }
    times.sort();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)].as_secs_f64() * 1000.0;
    println!(
        "{kind}: {payments} payments, one at a time: median {:.1} ms, p95 {:.1} ms, slowest {:.1} ms (target: a payment ≤ 50 ms)",
        pct(50),
        pct(95),
        pct(100)
    );

    // Invoicing when students hold credit (issue 17, item 5): every third
    // student pays far beyond the year, then a new one-off fee bills the
    // first month again, so each of them has their ledger read to apply
    // the credit.
    let credited: Vec<_> = ids.iter().step_by(3).copied().collect();
    for student in &credited {
        app.fee_pay(&actor, &cash(*student, 20_000_000)).await?;
    }
    let first = first_month.to_string();
    let item = app
        .fee_item_save(
            &actor,
            None,
            &schooldesk_core::FeeItem {
                academic_year_id: year.id(),
                name: "Bench: kegiatan".into(),
                amount: 75_000,
                schedule: "once".into(),
                once_period: Some(first.clone()),
                due_day: 10,
                active: true,
            },
        )
        .await?;
    let mut grades: Vec<i64> = app
        .list::<schooldesk_core::Class>(&actor, &schooldesk_store::Query::all())
        .await?
        .iter()
        .map(|c| c.data.grade_level)
        .collect();
    grades.sort();
    grades.dedup();
    for grade in grades {
        app.fee_assign(
            &actor,
            &schooldesk_core::FeeAssignment {
                fee_item_id: item.id(),
                grade_level: Some(grade),
                class_id: None,
                student_id: None,
            },
        )
        .await?;
    }
    let t = Instant::now();
    let run = app.fee_invoice_period(&actor, &first).await?;
    println!(
        "{kind}: invoicing {first} again with a new fee ({} students, {} holding credit): {:.2} s",
        run.students,
        credited.len(),
        t.elapsed().as_secs_f64()
    );

    let mut arrears = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let t = Instant::now();
        rows = app
            .fee_arrears(&actor, None, year.data.end_date)
            .await?
            .len();
        arrears.push(t.elapsed());
    }
    arrears.sort();
    println!(
        "{kind}: the whole school's arrears ({rows} students): median {:.0} ms of 5 (target ≤ 200 ms)",
        arrears[2].as_secs_f64() * 1000.0
    );
    app.close().await;
    Ok(())
}
