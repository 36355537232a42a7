//! The fee screens' side of the shell (issue 17, helper "feesui"): the wire
//! types of the bursar's desk and the administrator's fee plans, and thin
//! adapters onto `crates/app`'s fee use-cases (`fees.rs`, `fees_bank.rs`).
//! Nothing here decides money: amounts arrive as integer rupiah (the page
//! parses what was typed) and the app checks them again. The one thing the
//! shell adds is the receipt's PDF: rendered through `crates/print`, written
//! whole, then marked printed — so a print that never reached the disk does
//! not make the next one a copy.

use crate::shell::{Shell, UiResult};
use crate::wire::{Rec, SheetFormat, UiError, UiFieldError, UiRowProblem};
use chrono::NaiveDate;
use schooldesk_app::fees::{
    parse_receipt, receipt_document, ArrearsRow, Method, NewPayment, ReceiptView, Statement,
};
use schooldesk_app::fees_access::ClassArrearsRow;
use schooldesk_app::fees_bank::ConfirmedLine;
use schooldesk_app::App;
use schooldesk_core::descriptions::Lang;
use schooldesk_core::{CashDay, FeeRefund, FeeSettings, Id, Msg, Payment, Student};
use schooldesk_print::{Asset, Assets, Builtin, Layout, Options, Template};
use schooldesk_store::Query;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

async fn done<T>(shell: &Shell, app: &App, r: schooldesk_app::AppResult<T>) -> UiResult<T> {
    match r {
        Ok(v) => Ok(v),
        Err(e) => Err(shell.explain(app, e).await),
    }
}

/// A refusal of one field, in the shape the app's own field errors have.
fn field_error(field: &str, msg: Msg) -> UiError {
    let mut e = UiError::new("invalid", format!("{field}: {}", msg.text));
    e.fields = vec![UiFieldError::new(field, &msg)];
    e
}

/// A change to a fee item that does not name the version it read.
pub(crate) fn version_missing() -> UiError {
    field_error(
        "version",
        Msg::new(
            "fee_item_version_missing",
            "a change to a fee item must name the version it read; reload the list and try again",
        ),
    )
}

fn method(text: &str, field: &str) -> UiResult<Method> {
    Method::parse(text).ok_or_else(|| {
        field_error(
            field,
            Msg::new(
                "fee_method_unknown",
                format!("\"{text}\" is not a way of paying; choose cash or transfer"),
            )
            .with("value", text),
        )
    })
}

fn language(text: &str) -> UiResult<Lang> {
    Lang::parse(text).ok_or_else(|| {
        UiError::coded(
            "invalid",
            "print_language",
            &[("value", text.to_string())],
            format!("no such language {text:?}"),
        )
    })
}

/// A student as the desk finds them: by name, NIS or NISN, with their class.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeStudent {
    pub student: Rec<Student>,
    pub class_name: Option<String>,
}

/// One fee on a month's invoice.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeLineView {
    pub fee: String,
    pub billed: i64,
    pub discount: i64,
    pub note: Option<String>,
}

/// A month of a student's statement.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeMonthView {
    pub invoice_id: Id,
    /// "2025-08".
    pub period: String,
    pub due_date: NaiveDate,
    pub billed: i64,
    pub discount: i64,
    pub paid: i64,
    pub owed: i64,
    pub void_reason: Option<String>,
    pub lines: Vec<FeeLineView>,
}

/// A payment on a statement, with its receipt number as printed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeePaymentView {
    pub receipt: String,
    pub payment: Rec<Payment>,
}

/// A student's statement: by month, the payments and refunds, the totals.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeStatementView {
    pub student: Rec<Student>,
    pub months: Vec<FeeMonthView>,
    pub payments: Vec<FeePaymentView>,
    pub refunds: Vec<Rec<FeeRefund>>,
    pub billed: i64,
    pub discounted: i64,
    pub paid: i64,
    pub refunded: i64,
    /// What the student owes; below zero, their credit.
    pub balance: i64,
    pub credit: i64,
}

fn receipt_of(p: &Payment) -> String {
    schooldesk_app::fees::receipt_label(p.receipt_year, p.receipt_number)
}

impl From<Statement> for FeeStatementView {
    fn from(s: Statement) -> Self {
        FeeStatementView {
            student: s.student.into(),
            months: s
                .months
                .into_iter()
                .map(|m| FeeMonthView {
                    invoice_id: m.invoice_id,
                    period: m.period,
                    due_date: m.due_date,
                    billed: m.billed,
                    discount: m.discount,
                    paid: m.paid,
                    owed: m.owed,
                    void_reason: m.void_reason,
                    lines: m
                        .lines
                        .into_iter()
                        .map(|l| FeeLineView {
                            fee: l.fee,
                            billed: l.billed,
                            discount: l.discount,
                            note: l.note,
                        })
                        .collect(),
                })
                .collect(),
            payments: s
                .payments
                .into_iter()
                .map(|p| FeePaymentView {
                    receipt: receipt_of(&p.data),
                    payment: p.into(),
                })
                .collect(),
            refunds: s.refunds.into_iter().map(Rec::from).collect(),
            billed: s.billed,
            discounted: s.discounted,
            paid: s.paid,
            refunded: s.refunded,
            balance: s.balance,
            credit: s.credit,
        }
    }
}

/// A payment as the bursar typed it (the amount already in whole rupiah).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PaymentForm {
    pub student_id: Id,
    pub amount: i64,
    /// cash | transfer.
    pub method: String,
    pub reference: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub payer: Option<String>,
    /// Invoices chosen, in order; none: the oldest open first.
    pub invoices: Option<Vec<Id>>,
}

/// Where a payment's money went.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeAllocationView {
    pub invoice_id: Id,
    pub amount: i64,
}

/// A booked payment and its receipt number.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeBookedView {
    pub receipt: String,
    pub payment: Rec<Payment>,
    pub allocated: Vec<FeeAllocationView>,
    pub credit: i64,
}

/// One line of a printed receipt.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ReceiptLineView {
    pub description: String,
    pub amount: String,
}

/// A receipt written as PDF: what it says, and where the file is.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ReceiptPrinted {
    pub number: String,
    /// A reprint: the PDF says COPY.
    pub copy: bool,
    pub path: String,
    pub date: String,
    pub payer: String,
    pub student: String,
    pub nisn: String,
    pub class: String,
    pub items: Vec<ReceiptLineView>,
    pub total: String,
    pub words: String,
    pub method: String,
    pub cashier: String,
    /// The reason, when the payment was voided.
    pub voided: String,
}

/// The desk's day.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct DayReportView {
    pub day: NaiveDate,
    pub payments: Vec<FeePaymentView>,
    /// The student of each payment, by id.
    pub students: Vec<FeeStudentName>,
    pub cash: i64,
    pub transfers: i64,
    pub voided: i64,
    pub refunded: i64,
    /// Cash in the drawer: cash taken less cash voided and refunded.
    pub cash_net: i64,
    pub closed: Option<Rec<CashDay>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeStudentName {
    pub id: Id,
    pub name: String,
}

/// What invoicing a month did.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct InvoiceRunView {
    pub period: String,
    pub students: i64,
    pub invoices_created: i64,
    pub adjustments: i64,
    pub net_added: i64,
}

/// A student in arrears.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ArrearsView {
    pub student_id: Id,
    pub nisn: String,
    pub name: String,
    pub class: String,
    pub months: i64,
    pub owed: i64,
    pub oldest: Option<String>,
}

impl From<ArrearsRow> for ArrearsView {
    fn from(r: ArrearsRow) -> Self {
        ArrearsView {
            student_id: r.student_id,
            nisn: r.nisn,
            name: r.name,
            class: r.class,
            months: r.months as i64,
            owed: r.owed,
            oldest: r.oldest,
        }
    }
}

/// Students whose name, NIS or NISN holds `text` (at most 30), after the
/// students of the current year's classes whose name holds it ("vii"
/// finds VII-A and VII-B; any case; "7a" finds "7-A"), the exact class
/// first. A student is listed once.
pub async fn students(shell: &Shell, text: String) -> UiResult<Vec<FeeStudent>> {
    let (app, actor) = shell.actor().await?;
    let classes = done(
        shell,
        &app,
        app.fee_classes_matching(&actor, &text, None).await,
    )
    .await?;
    let mut out: Vec<FeeStudent> = Vec::new();
    for class in &classes {
        let roster = done(shell, &app, app.roster(&actor, class.id()).await).await?;
        for s in roster {
            if out.iter().all(|f| f.student.id != s.id()) {
                out.push(FeeStudent {
                    class_name: Some(class.data.name.clone()),
                    student: s.into(),
                });
            }
        }
    }
    let rows = done(shell, &app, app.student_list(&actor, &text, 30).await).await?;
    let names: HashMap<Id, String> = done(
        shell,
        &app,
        app.list::<schooldesk_core::Class>(&actor, &Query::all())
            .await,
    )
    .await?
    .into_iter()
    .map(|c| (c.id(), c.data.name))
    .collect();
    for (s, class_id) in rows {
        if out.iter().any(|f| f.student.id == s.id()) {
            continue;
        }
        out.push(FeeStudent {
            class_name: class_id.and_then(|c| names.get(&c).cloned()),
            student: s.into(),
        });
    }
    Ok(out)
}

pub async fn statement(shell: &Shell, student_id: Id) -> UiResult<FeeStatementView> {
    let (app, actor) = shell.actor().await?;
    let s = done(shell, &app, app.fee_statement(&actor, student_id).await).await?;
    Ok(s.into())
}

pub async fn pay(shell: &Shell, form: PaymentForm) -> UiResult<FeeBookedView> {
    let (app, actor) = shell.actor().await?;
    let new = NewPayment {
        student_id: form.student_id,
        amount: form.amount,
        method: method(&form.method, "method")?,
        reference: form.reference,
        paid_on: form.paid_on,
        payer: form.payer,
        invoices: form.invoices,
    };
    let booked = done(shell, &app, app.fee_pay(&actor, &new).await).await?;
    Ok(FeeBookedView {
        receipt: booked.receipt,
        payment: booked.payment.into(),
        allocated: booked
            .allocated
            .into_iter()
            .map(|(invoice_id, amount)| FeeAllocationView { invoice_id, amount })
            .collect(),
        credit: booked.credit,
    })
}

/// Renders a receipt as PDF into the receipts folder (Kwitansi, beside
/// where report cards go), marks it printed, and answers what it says.
pub async fn print_receipt(
    shell: &Shell,
    receipt: String,
    lang: String,
) -> UiResult<ReceiptPrinted> {
    let lang = language(&lang)?;
    let (app, actor) = shell.actor().await?;
    let (year, number) = parse_receipt(&receipt).map_err(crate::shell::ui)?;
    let view = done(shell, &app, app.fee_receipt(&actor, year, number).await).await?;
    print_view(shell, &app, &actor, view, lang).await
}

/// A family's own receipt (the student's or their parent's), by its
/// payment: written as PDF like the desk's, a COPY when printed before;
/// another family's is not found.
pub async fn print_own_receipt(
    shell: &Shell,
    payment_id: Id,
    lang: String,
) -> UiResult<ReceiptPrinted> {
    let lang = language(&lang)?;
    let (app, actor) = shell.actor().await?;
    let view = done(
        shell,
        &app,
        app.fee_receipt_of_payment(&actor, payment_id).await,
    )
    .await?;
    print_view(shell, &app, &actor, view, lang).await
}

async fn print_view(
    shell: &Shell,
    app: &App,
    actor: &schooldesk_core::Actor,
    view: ReceiptView,
    lang: Lang,
) -> UiResult<ReceiptPrinted> {
    let (app, actor) = (app.clone(), actor.clone());
    let logo = done(shell, &app, app.school_logo(&actor).await).await?;
    let document = receipt_document(&view, lang);
    let assets = Assets {
        logo: logo.map(|(bytes, _)| Asset::new("the school logo", bytes)),
        signature: None,
    };
    let copy = document.clone();
    let pdf = tauri::async_runtime::spawn_blocking(move || {
        crate::printing::engine().render(
            &Template::builtin(Builtin::Receipt),
            &Layout::default(),
            &assets,
            &Options::default(),
            std::slice::from_ref(&copy),
            &mut |_| true,
        )
    })
    .await
    .map_err(|e| crate::printing::print_failed(e.to_string()))?
    .map_err(crate::printing::print_error)?
    .0;
    let folder = std::path::PathBuf::from(shell.print_folder_default()).join(match lang {
        Lang::Id => "Kwitansi",
        Lang::En => "Receipts",
    });
    let stem = match (lang, document.copy) {
        (Lang::Id, true) => format!("Kwitansi {} (salinan)", document.number),
        (Lang::Id, false) => format!("Kwitansi {}", document.number),
        (Lang::En, true) => format!("Receipt {} (copy)", document.number),
        (Lang::En, false) => format!("Receipt {}", document.number),
    };
    // Written whole and named (synced, renamed), and only then marked
    // printed: a print that does not reach the disk leaves no file and does
    // not make the next one a copy; if the marking fails the file stays an
    // original, written again by the next print.
    let path = crate::printing::write_document(&folder, &format!("{stem}.pdf"), &pdf)?;
    done(shell, &app, app.fee_receipt_printed(&actor, &view).await).await?;
    shell.remember_written(path.clone());
    Ok(ReceiptPrinted {
        number: document.number,
        copy: document.copy,
        path: path.display().to_string(),
        date: document.date,
        payer: document.payer,
        student: document.student,
        nisn: document.nisn,
        class: document.class,
        items: document
            .items
            .into_iter()
            .map(|i| ReceiptLineView {
                description: i.description,
                amount: i.amount,
            })
            .collect(),
        total: document.total,
        words: document.words,
        method: document.method,
        cashier: document.cashier,
        voided: document.voided,
    })
}

pub async fn void_payment(shell: &Shell, payment_id: Id, reason: String) -> UiResult<()> {
    let (app, actor) = shell.actor().await?;
    done(
        shell,
        &app,
        app.fee_void_payment(&actor, payment_id, &reason).await,
    )
    .await
}

pub async fn refund(
    shell: &Shell,
    student_id: Id,
    amount: i64,
    how: String,
    reason: String,
) -> UiResult<Rec<FeeRefund>> {
    let (app, actor) = shell.actor().await?;
    let how = method(&how, "method")?;
    done(
        shell,
        &app,
        app.fee_refund(&actor, student_id, amount, how, &reason)
            .await,
    )
    .await
    .map(Rec::from)
}

pub async fn day_report(shell: &Shell, day: NaiveDate) -> UiResult<DayReportView> {
    let (app, actor) = shell.actor().await?;
    let r = done(shell, &app, app.fee_day_report(&actor, day).await).await?;
    let mut students: Vec<FeeStudentName> = Vec::new();
    for p in &r.payments {
        if students.iter().any(|s| s.id == p.data.student_id) {
            continue;
        }
        let s = done(
            shell,
            &app,
            app.fee_statement(&actor, p.data.student_id).await,
        )
        .await?;
        students.push(FeeStudentName {
            id: p.data.student_id,
            name: s.student.data.full_name,
        });
    }
    Ok(DayReportView {
        day: r.day,
        payments: r
            .payments
            .into_iter()
            .map(|p| FeePaymentView {
                receipt: receipt_of(&p.data),
                payment: p.into(),
            })
            .collect(),
        students,
        cash: r.cash,
        transfers: r.transfers,
        voided: r.voided,
        refunded: r.refunded,
        cash_net: r.cash_net,
        closed: r.closed.map(Rec::from),
    })
}

pub async fn close_day(shell: &Shell, day: NaiveDate) -> UiResult<Rec<CashDay>> {
    let (app, actor) = shell.actor().await?;
    done(shell, &app, app.fee_close_day(&actor, day).await)
        .await
        .map(Rec::from)
}

pub async fn invoice_period(shell: &Shell, period: String) -> UiResult<InvoiceRunView> {
    let (app, actor) = shell.actor().await?;
    let run = done(shell, &app, app.fee_invoice_period(&actor, &period).await).await?;
    Ok(InvoiceRunView {
        period: run.period,
        students: run.students as i64,
        invoices_created: run.invoices_created as i64,
        adjustments: run.adjustments as i64,
        net_added: run.net_added,
    })
}

pub async fn arrears(
    shell: &Shell,
    class_id: Option<Id>,
    as_of: NaiveDate,
) -> UiResult<Vec<ArrearsView>> {
    let (app, actor) = shell.actor().await?;
    let rows = done(shell, &app, app.fee_arrears(&actor, class_id, as_of).await).await?;
    Ok(rows.into_iter().map(ArrearsView::from).collect())
}

/// Today as the app counts it (its clock), for the desk's day.
pub async fn today(shell: &Shell) -> UiResult<NaiveDate> {
    let (app, _) = shell.actor().await?;
    Ok(app.today())
}

/// Writes the arrears as an XLSX workbook to `path` (chosen in a save
/// dialog), whole or not at all; headers in `lang`.
pub async fn arrears_export(
    shell: &Shell,
    class_id: Option<Id>,
    as_of: NaiveDate,
    lang: String,
    path: String,
) -> UiResult<()> {
    let lang = language(&lang)?;
    let (app, actor) = shell.actor().await?;
    let path = shell.export_target(&app, SheetFormat::Xlsx, std::path::Path::new(&path))?;
    let bytes = done(
        shell,
        &app,
        app.fee_arrears_workbook(&actor, class_id, as_of, lang)
            .await,
    )
    .await?;
    schooldesk_app::sheet::write_file_whole(&path, &bytes, true).map_err(crate::shell::ui)
}

/// A bank statement's credit line, matched (or not) to a student.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct BankLineView {
    /// The row as the spreadsheet (or the CSV's line) numbers it.
    pub row: i64,
    pub date: NaiveDate,
    pub description: String,
    pub amount: i64,
    pub reference: Option<String>,
    pub student_id: Option<Id>,
    pub student_name: Option<String>,
    pub student_nisn: Option<String>,
    /// sure | uncertain | unmatched.
    pub confidence: String,
    /// Booked by an earlier import of the same statement.
    pub booked: bool,
    /// The receipt of a payment that may be this one, booked otherwise.
    pub possibly_booked: Option<String>,
}

/// A statement read and matched; nothing is booked.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct BankPreviewView {
    pub lines: Vec<BankLineView>,
    /// Lines that could not be read: row, column, reason.
    pub problems: Vec<UiRowProblem>,
    /// Money-out lines, not booked.
    pub debits: i64,
}

/// A line the bursar confirmed, for the student they confirmed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct BankConfirmLine {
    pub row: i64,
    pub student_id: Id,
}

/// One booked line and its receipt.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct BankBookedLine {
    pub row: i64,
    pub receipt: String,
    pub amount: i64,
}

/// What a confirmation booked, and the rows an earlier import had booked.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct BankBookedView {
    pub booked: Vec<BankBookedLine>,
    pub already: Vec<i64>,
}

pub async fn bank_preview(
    shell: &Shell,
    format: SheetFormat,
    bytes: &[u8],
) -> UiResult<BankPreviewView> {
    let (app, actor) = shell.actor().await?;
    let p = done(
        shell,
        &app,
        app.fee_bank_preview(&actor, format.into(), bytes).await,
    )
    .await?;
    Ok(BankPreviewView {
        lines: p
            .lines
            .into_iter()
            .map(|l| BankLineView {
                row: l.row as i64,
                date: l.date,
                description: l.description,
                amount: l.amount,
                reference: l.reference,
                student_id: l.student.as_ref().map(|s| s.id),
                student_name: l.student.as_ref().map(|s| s.name.clone()),
                student_nisn: l.student.as_ref().map(|s| s.nisn.clone()),
                confidence: l.confidence.as_str().into(),
                booked: l.booked,
                possibly_booked: l.possibly_booked,
            })
            .collect(),
        problems: p.problems.iter().map(UiRowProblem::from).collect(),
        debits: p.debits as i64,
    })
}

pub async fn bank_confirm(
    shell: &Shell,
    format: SheetFormat,
    bytes: &[u8],
    confirmed: Vec<BankConfirmLine>,
) -> UiResult<BankBookedView> {
    let (app, actor) = shell.actor().await?;
    let lines: Vec<ConfirmedLine> = confirmed
        .iter()
        .map(|c| ConfirmedLine {
            row: c.row.max(0) as usize,
            student_id: c.student_id,
        })
        .collect();
    let b = done(
        shell,
        &app,
        app.fee_bank_confirm(&actor, format.into(), bytes, &lines)
            .await,
    )
    .await?;
    Ok(BankBookedView {
        booked: b
            .booked
            .into_iter()
            .map(|(row, booked)| BankBookedLine {
                row: row as i64,
                receipt: booked.receipt,
                amount: booked.payment.data.amount,
            })
            .collect(),
        already: b.already.into_iter().map(|r| r as i64).collect(),
    })
}

/// The school's fee settings and the version to save against (none when
/// never saved).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FeeSettingsView {
    pub settings: FeeSettings,
    pub version: Option<i64>,
}

pub async fn settings(shell: &Shell) -> UiResult<FeeSettingsView> {
    let (app, actor) = shell.actor().await?;
    let (settings, version) = done(shell, &app, app.fee_settings(&actor).await).await?;
    Ok(FeeSettingsView { settings, version })
}

pub async fn settings_save(
    shell: &Shell,
    settings: FeeSettings,
    version: Option<i64>,
) -> UiResult<FeeSettingsView> {
    let (app, actor) = shell.actor().await?;
    let saved = done(
        shell,
        &app,
        app.fee_settings_save(&actor, &settings, version).await,
    )
    .await?;
    Ok(FeeSettingsView {
        version: Some(saved.version()),
        settings: saved.data,
    })
}

/// A student of a homeroom teacher's class: in arrears or not, and how much.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ClassArrearsView {
    pub student_id: Id,
    pub name: String,
    pub nisn: String,
    pub in_arrears: bool,
    pub owed: i64,
}

impl From<ClassArrearsRow> for ClassArrearsView {
    fn from(r: ClassArrearsRow) -> Self {
        ClassArrearsView {
            student_id: r.student_id,
            name: r.name,
            nisn: r.nisn,
            in_arrears: r.in_arrears,
            owed: r.owed,
        }
    }
}

pub async fn class_arrears(shell: &Shell, class_id: Id) -> UiResult<Option<Vec<ClassArrearsView>>> {
    let (app, actor) = shell.actor().await?;
    let rows = done(shell, &app, app.fee_class_arrears(&actor, class_id).await).await?;
    Ok(rows.map(|rows| rows.into_iter().map(ClassArrearsView::from).collect()))
}
