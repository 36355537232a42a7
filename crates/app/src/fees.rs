//! Fees (issue 17): fee plans and discounts (an administrator's), invoices
//! per student per month, payments with their receipt numbers, voids and
//! refunds with a reason, statements, arrears, the day's cash report and
//! its closing.
//!
//! Money invariants, held by how every write is made:
//!
//! - Every change of a student's money updates their [`FeeAccount`] in the
//!   same transaction, so billed − discounts − payments + refunds = balance
//!   holds at every commit (the database checks it too), and two desktops
//!   working on one student take turns: the second one's stale version is a
//!   conflict, and the use-case starts again from what is now stored.
//! - Every desk write (a payment, a void, a refund, a day's closing) also
//!   updates the year's [`ReceiptCounter`]: receipt numbers come from it in
//!   the payment's own transaction, so they run 1, 2, 3 … per year with no
//!   gap and no number twice, however many desktops book at once, and a
//!   day's closing cannot miss a payment committed beside it.
//! - Nothing is deleted: a wrong invoice or payment is voided with a reason
//!   (audited), a credit is refunded with a reason. A plan changed after
//!   billing adds an adjustment line; lines are never changed.
//!
//! This module must not print or write files: the receipt's data goes to
//! the caller, which prints it through `schooldesk-print`.

use crate::auth::require;
use crate::{App, AppError, AppResult};
use chrono::{Datelike, NaiveDate};
use schooldesk_core::descriptions::Lang;
use schooldesk_core::fees::{self, Discount, OpenInvoice, Period, Rupiah};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_documents as doc;
use schooldesk_store::{ChangeSet, Filter, Query, StoreError, Val};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many times a use-case starts again after another desktop changed
/// what it read. Each round one of the writers wins, so this bounds how
/// many desktops can book at the very same moment, not how long it waits.
const ATTEMPTS: usize = 200;

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Cash,
    Transfer,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Transfer => "transfer",
        }
    }
    pub fn parse(s: &str) -> Option<Method> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cash" | "tunai" => Some(Method::Cash),
            "transfer" | "bank" => Some(Method::Transfer),
            _ => None,
        }
    }
}

/// A payment as the bursar types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub student_id: Id,
    pub amount: Rupiah,
    pub method: Method,
    /// The bank's reference: required for a transfer.
    pub reference: Option<String>,
    /// When it was paid (a transfer's date); today if none.
    pub paid_on: Option<NaiveDate>,
    /// Who handed it over, for the receipt; the student's name if none.
    pub payer: Option<String>,
    /// Invoices the bursar chose, in order; the oldest open first if none.
    pub invoices: Option<Vec<Id>>,
}

/// A booked payment, its receipt number and where the money went.
#[derive(Debug, Clone, PartialEq)]
pub struct Booked {
    pub payment: Stored<Payment>,
    /// As printed: "2025-00017".
    pub receipt: String,
    pub allocated: Vec<(Id, Rupiah)>,
    /// The part kept as the student's credit.
    pub credit: Rupiah,
}

/// The receipt number as printed: the year and the number, five digits.
pub fn receipt_label(year: i64, number: i64) -> String {
    format!("{year}-{number:05}")
}

/// Reads a receipt number: "2025-00017", "2025-17" or "2025/17".
pub fn parse_receipt(text: &str) -> AppResult<(i64, i64)> {
    let bad = || {
        AppError::field(
            "receipt",
            Msg::new(
                "not_a_receipt_number",
                format!(
                    "\"{text}\" is not a receipt number; write it as YEAR-NUMBER, e.g. 2025-00017"
                ),
            )
            .with("value", text),
        )
    };
    let (y, n) = text.trim().split_once(['-', '/']).ok_or_else(bad)?;
    let year: i64 = y.trim().parse().map_err(|_| bad())?;
    let number: i64 = n.trim().parse().map_err(|_| bad())?;
    if !(1900..=9999).contains(&year) || number <= 0 {
        return Err(bad());
    }
    Ok((year, number))
}

/// What a run of invoicing did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceRun {
    pub period: String,
    /// Students billed something this period.
    pub students: usize,
    pub invoices_created: usize,
    /// Lines added to invoices that already existed (a plan changed).
    pub adjustments: usize,
    /// Billed minus discounts, of the lines this run added.
    pub net_added: Rupiah,
}

/// One month of a student's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementMonth {
    pub invoice_id: Id,
    pub period: String,
    pub due_date: NaiveDate,
    pub billed: Rupiah,
    pub discount: Rupiah,
    /// Paid towards it (by payments not voided).
    pub paid: Rupiah,
    /// billed − discount − paid.
    pub owed: Rupiah,
    /// Set when the invoice was voided: it bills nothing.
    pub void_reason: Option<String>,
    pub lines: Vec<StatementLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub fee: String,
    pub billed: Rupiah,
    pub discount: Rupiah,
    pub note: Option<String>,
}

/// What a student was billed, was given off, paid and owes, by month.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub student: Stored<Student>,
    pub months: Vec<StatementMonth>,
    pub payments: Vec<Stored<Payment>>,
    pub refunds: Vec<Stored<FeeRefund>>,
    pub billed: Rupiah,
    pub discounted: Rupiah,
    pub paid: Rupiah,
    pub refunded: Rupiah,
    /// billed − discounted − paid + refunded: owed, or below zero a credit.
    pub balance: Rupiah,
    /// Money paid and not allocated to any invoice (nor refunded).
    pub credit: Rupiah,
}

/// One student in the arrears report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsRow {
    pub student_id: Id,
    pub nisn: String,
    pub name: String,
    /// The class the report counts them in: printed reports group by it,
    /// so two classes of one name stay apart.
    pub class_id: Option<Id>,
    pub class: String,
    /// Months with something still owed that were due by the day asked.
    pub months: usize,
    pub owed: Rupiah,
    /// The oldest of those months.
    pub oldest: Option<String>,
}

/// One fee item in one month of the income report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeRow {
    /// Printed reports group by it, so two fee items of one name stay apart.
    pub fee_item_id: Id,
    pub fee_item: String,
    pub period: String,
    /// Billed less discounts, of invoices not voided.
    pub billed: Rupiah,
    /// Received towards it (see [`App::fee_income`]).
    pub received: Rupiah,
    pub outstanding: Rupiah,
}

/// The day's desk: what was booked, voided and refunded on it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayReport {
    pub day: NaiveDate,
    /// Every payment booked that day (voided ones too, marked).
    pub payments: Vec<Stored<Payment>>,
    pub cash: Rupiah,
    pub transfers: Rupiah,
    /// Payments voided that day (whenever booked).
    pub voided: Rupiah,
    pub refunded: Rupiah,
    /// Cash in the drawer from the day: cash taken − cash voided − cash refunded.
    pub cash_net: Rupiah,
    pub closed: Option<Stored<CashDay>>,
}

/// A receipt's contents, read to print it (or reprint it: `copy`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptView {
    pub number: String,
    pub payment: Stored<Payment>,
    pub student: Stored<Student>,
    pub class: Option<String>,
    pub school: Option<Stored<School>>,
    /// The months the payment settled, with the amount each.
    pub items: Vec<(String, Rupiah)>,
    /// The part kept as credit.
    pub credit: Rupiah,
    pub words_id: String,
    pub words_en: String,
    /// A reprint: the receipt had been printed before.
    pub copy: bool,
    pub cashier: String,
}

/// Whether a store error means "someone else wrote first: read again".
pub(crate) fn retry(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Store(
            StoreError::Conflict { .. } | StoreError::Duplicate { .. } | StoreError::Busy
        )
    )
}

/// A short pause that differs per attempt, so writers that collided do not
/// collide again in step.
async fn back_off(attempt: usize) {
    let jitter = (fees_seed() ^ attempt as u64) % 7;
    tokio::time::sleep(std::time::Duration::from_millis(
        1 + jitter + attempt as u64 % 5,
    ))
    .await;
}

fn fees_seed() -> u64 {
    let id = new_id();
    let b = id.as_bytes();
    u64::from_le_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]])
}

/// Runs `body` until it commits without a conflict (see [`ATTEMPTS`]).
macro_rules! with_retry {
    ($body:expr) => {{
        let mut attempt = 0;
        loop {
            match $body.await {
                Err(e) if retry(&e) && attempt + 1 < ATTEMPTS => {
                    tracing::debug!(attempt, "fees: another desktop wrote first; again");
                    attempt += 1;
                    back_off(attempt).await;
                }
                other => break other,
            }
        }
    }};
}

fn no_such(field: &'static str, msg: Msg) -> AppError {
    AppError::field(field, msg)
}

fn reason_of(field: &'static str, reason: &str) -> AppResult<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            field,
            Msg::new(
                "reason_required",
                "give a reason; it is kept with the record",
            ),
        ));
    }
    validate::name(reason, 200).map_err(|m| AppError::field(field, m))?;
    Ok(reason.to_string())
}

/// Adds what a change does to a student's account (creating it if new).
pub(crate) fn account_change(
    cs: &mut ChangeSet,
    student_id: Id,
    stored: Option<&Stored<FeeAccount>>,
    billed: Rupiah,
    discounted: Rupiah,
    paid: Rupiah,
    refunded: Rupiah,
) -> AppResult<()> {
    let base = stored.map(|a| a.data.clone()).unwrap_or(FeeAccount {
        student_id,
        billed: 0,
        discounted: 0,
        paid: 0,
        refunded: 0,
        balance: 0,
    });
    let f = |m: Msg| AppError::field("amount", m);
    let next = FeeAccount {
        student_id,
        billed: fees::add(base.billed, billed, "total billed").map_err(f)?,
        discounted: fees::add(base.discounted, discounted, "total of discounts").map_err(f)?,
        paid: fees::add(base.paid, paid, "total paid").map_err(f)?,
        refunded: fees::add(base.refunded, refunded, "total refunded").map_err(f)?,
        balance: 0,
    };
    let balance = fees::sum(
        [next.billed, -next.discounted, -next.paid, next.refunded],
        "balance",
    )
    .map_err(f)?;
    let next = FeeAccount { balance, ..next };
    match stored {
        Some(a) => cs.update(a.id(), a.version(), &next),
        None => {
            cs.insert(&next);
        }
    }
    Ok(())
}

/// A student's money as stored: what every use-case on one student reads.
pub(crate) struct Ledger {
    pub(crate) account: Option<Stored<FeeAccount>>,
    invoices: Vec<Stored<Invoice>>,
    lines: Vec<Stored<InvoiceLine>>,
    payments: Vec<Stored<Payment>>,
    allocations: Vec<Stored<FeeAllocation>>,
    refunds: Vec<Stored<FeeRefund>>,
}

impl Ledger {
    fn empty() -> Ledger {
        Ledger {
            account: None,
            invoices: Vec::new(),
            lines: Vec::new(),
            payments: Vec::new(),
            allocations: Vec::new(),
            refunds: Vec::new(),
        }
    }

    fn live_payment(&self, id: Id) -> bool {
        self.payments
            .iter()
            .any(|p| p.id() == id && p.data.void_reason.is_none())
    }

    /// Net billed of an invoice (billed − discount of its lines).
    fn net(&self, invoice_id: Id) -> Rupiah {
        self.lines
            .iter()
            .filter(|l| l.data.invoice_id == invoice_id)
            .map(|l| l.data.billed - l.data.discount)
            .sum()
    }

    /// Paid towards an invoice by payments not voided.
    fn paid(&self, invoice_id: Id) -> Rupiah {
        self.allocations
            .iter()
            .filter(|a| a.data.invoice_id == invoice_id && self.live_payment(a.data.payment_id))
            .map(|a| a.data.amount)
            .sum()
    }

    /// The student's money as settling sees it, with the invoice and the
    /// payment given as voided too (a void being made).
    fn book_without(&self, voided_invoice: Option<Id>, voided_payment: Option<Id>) -> fees::Book {
        let invoices: Vec<fees::BookInvoice> = self
            .invoices
            .iter()
            .filter(|i| i.data.void_reason.is_none() && Some(i.id()) != voided_invoice)
            .map(|i| fees::BookInvoice {
                id: i.id(),
                period: Period::parse(&i.data.period).unwrap_or(Period {
                    year: 1900,
                    month: 1,
                }),
                due: i.data.due_date,
                net: self.net(i.id()),
            })
            .collect();
        let payments: Vec<(Id, Rupiah)> = self
            .payments
            .iter()
            .filter(|p| p.data.void_reason.is_none() && Some(p.id()) != voided_payment)
            .map(|p| (p.id(), p.data.amount))
            .collect();
        let mut placed: BTreeMap<(Id, Id), Rupiah> = BTreeMap::new();
        for a in &self.allocations {
            let (p, i) = (a.data.payment_id, a.data.invoice_id);
            if payments.iter().any(|(id, _)| *id == p) && invoices.iter().any(|inv| inv.id == i) {
                *placed.entry((p, i)).or_default() += a.data.amount;
            }
        }
        fees::Book {
            invoices,
            payments,
            placed,
            refunded: self.refunds.iter().map(|r| r.data.amount).sum(),
        }
    }

    pub(crate) fn book(&self) -> fees::Book {
        self.book_without(None, None)
    }

    fn open(&self) -> Vec<OpenInvoice> {
        self.book().open()
    }

    /// Money paid and not allocated to an invoice that stands, less refunds.
    fn credit(&self) -> Rupiah {
        self.book().credit()
    }

    /// The months of the student's invoices, for the audit of a move.
    pub(crate) fn periods(&self) -> HashMap<Id, String> {
        self.invoices
            .iter()
            .map(|i| (i.id(), i.data.period.clone()))
            .collect()
    }
}

/// Stores the allocation rows that settled a student's book
/// ([`fees::Book::settle`]), with one audit entry per kind of move in words:
/// "Rp 125.000 from 2025-08" (an invoice lowered under what was paid, the
/// part given back as credit), "Rp 125.000 to 2025-09" (credit applied).
pub(crate) fn record_moves(
    cs: &mut ChangeSet,
    student_id: Id,
    moves: &[fees::Move],
    periods: &HashMap<Id, String>,
) {
    for m in moves {
        cs.insert(&FeeAllocation {
            payment_id: m.payment,
            invoice_id: m.invoice,
            amount: m.amount,
            kind: m.kind.as_str().into(),
        });
    }
    for (kind, action, word) in [
        (fees::Placed::Release, "credit_released", "from"),
        (fees::Placed::Credit, "credit_applied", "to"),
    ] {
        let mut per_invoice: BTreeMap<String, Rupiah> = BTreeMap::new();
        for m in moves.iter().filter(|m| m.kind == kind) {
            let period = periods.get(&m.invoice).cloned().unwrap_or_default();
            *per_invoice.entry(period).or_default() += m.amount.abs();
        }
        if per_invoice.is_empty() {
            continue;
        }
        let detail = per_invoice
            .iter()
            .map(|(period, amount)| format!("{} {word} {period}", fees::format_rupiah(*amount)))
            .collect::<Vec<_>>()
            .join(", ");
        cs.event(action, "students", Some(student_id), Some(detail));
    }
}

fn ids(v: impl IntoIterator<Item = Id>) -> Vec<schooldesk_store::Val> {
    v.into_iter().map(Into::into).collect()
}

/// Students whose ledgers are read together (see [`App::ledgers`]).
const LEDGER_CHUNK: usize = 200;

impl App {
    // ------------------------------------------------------------------
    // Plans (an administrator's)

    /// Adds a fee item (`id` none) or changes one (its id and version). A
    /// change bills from the next invoicing on; what was billed stays.
    pub async fn fee_item_save(
        &self,
        actor: &Actor,
        id: Option<(Id, i64)>,
        item: &FeeItem,
    ) -> AppResult<Stored<FeeItem>> {
        require(
            actor,
            Action::ManageFeePlans,
            &Target::School,
            "set fee plans",
        )?;
        let mut item = item.clone();
        item.name = item.name.trim().to_string();
        item.validate()?;
        let year = self
            .store()
            .find::<AcademicYear>(item.academic_year_id)
            .await?
            .ok_or_else(|| {
                no_such(
                    "academic_year_id",
                    Msg::new("no_such_year", "no such academic year"),
                )
            })?;
        if let Some(Period { year: y, month: m }) = item
            .once_period
            .as_deref()
            .and_then(|p| Period::parse(p).ok())
        {
            let p = Period { year: y, month: m };
            if !fees::Schedule::Once(p).bills(p, year.data.start_date, year.data.end_date) {
                return Err(AppError::field(
                    "once_period",
                    Msg::new(
                        "month_outside_year",
                        format!("{p} is not a month of {}", year.data.name),
                    )
                    .with("period", p)
                    .with("year", &year.data.name),
                ));
            }
        }
        let mut cs = self.changes(actor);
        match id {
            Some((id, version)) => cs.update(id, version, &item),
            None => {
                cs.insert(&item);
            }
        }
        Ok(self.store().commit_returning(cs).await?)
    }

    /// The fee items of a year, by name: for the administrator and the bursar.
    pub async fn fee_items(&self, actor: &Actor, year_id: Id) -> AppResult<Vec<Stored<FeeItem>>> {
        require(
            actor,
            Action::ReadFees,
            &Target::School,
            "see the fee plans",
        )?;
        Ok(self
            .store()
            .list::<FeeItem>(&Query::all().eq("academic_year_id", year_id).order("name"))
            .await?)
    }

    /// Bills a fee item to a grade level, a class or one student.
    pub async fn fee_assign(
        &self,
        actor: &Actor,
        assignment: &FeeAssignment,
    ) -> AppResult<Stored<FeeAssignment>> {
        require(
            actor,
            Action::ManageFeePlans,
            &Target::School,
            "set fee plans",
        )?;
        assignment.validate()?;
        self.store()
            .find::<FeeItem>(assignment.fee_item_id)
            .await?
            .ok_or_else(|| {
                no_such(
                    "fee_item_id",
                    Msg::new("no_such_fee_item", "no such fee item"),
                )
            })?;
        let mut cs = self.changes(actor);
        cs.insert(assignment);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// Gives a student a discount or waiver, with a reason. It applies from
    /// the next invoicing on (an invoice of a period re-generated adds the
    /// difference).
    pub async fn fee_discount_give(
        &self,
        actor: &Actor,
        discount: &FeeDiscount,
    ) -> AppResult<Stored<FeeDiscount>> {
        require(
            actor,
            Action::ManageFeePlans,
            &Target::School,
            "give discounts",
        )?;
        let discount = FeeDiscount {
            reason: discount.reason.trim().to_string(),
            active: true,
            ..discount.clone()
        };
        discount.validate()?;
        self.store()
            .find::<Student>(discount.student_id)
            .await?
            .ok_or_else(|| no_such("student_id", Msg::new("no_such_student", "no such student")))?;
        if let Some(item) = discount.fee_item_id {
            self.store().find::<FeeItem>(item).await?.ok_or_else(|| {
                no_such(
                    "fee_item_id",
                    Msg::new("no_such_fee_item", "no such fee item"),
                )
            })?;
        }
        let mut cs = self.changes(actor);
        cs.insert(&discount);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// Ends a discount (kept, inactive, for the invoices it made).
    pub async fn fee_discount_end(&self, actor: &Actor, id: Id, version: i64) -> AppResult<()> {
        require(
            actor,
            Action::ManageFeePlans,
            &Target::School,
            "end discounts",
        )?;
        let stored = self.store().find::<FeeDiscount>(id).await?.ok_or_else(|| {
            no_such(
                "discount_id",
                Msg::new("no_such_discount", "no such discount"),
            )
        })?;
        let mut cs = self.changes(actor);
        cs.update(
            id,
            version,
            &FeeDiscount {
                active: false,
                ..stored.data
            },
        );
        self.store().commit(cs).await?;
        Ok(())
    }

    // ------------------------------------------------------------------
    // Invoices

    /// Bills `period` ("YYYY-MM") to every active student enrolled that
    /// month in a class of the year it falls in: per student one invoice
    /// with a line per fee item that applies (by grade level, class or the
    /// student), after their discounts. Safe to run again: an invoice
    /// already made gets a line only for a difference (a plan or a discount
    /// changed), so a second run with nothing changed adds nothing, and no
    /// line, paid or not, is ever changed. A voided invoice stays voided
    /// and no longer holds its month: the month is billed again, from the
    /// plans as they are, on a new invoice (a month not to be billed is a
    /// discount, which is the administrator's, not a void). A student's
    /// credit goes to what is billed; a paid invoice lowered below what was
    /// paid gives the part back as credit (see [`fees::Book::settle`]).
    /// All of it is one transaction, audited as one `period_invoiced`
    /// event with the run's counts (and the credit moved per student).
    pub async fn fee_invoice_period(&self, actor: &Actor, period: &str) -> AppResult<InvoiceRun> {
        let mut runs = self.fee_invoice_periods(actor, period, period).await?;
        Ok(runs.remove(0))
    }

    /// Invoices every month from `from` through `through` (one academic
    /// year at most, e.g. the whole year ahead at its start) as one
    /// change: each month is billed exactly as [`App::fee_invoice_period`]
    /// would bill it, and audited as its own `period_invoiced` event, but
    /// the school's records are read once and each student's account is
    /// written once. All months or none.
    pub async fn fee_invoice_periods(
        &self,
        actor: &Actor,
        from: &str,
        through: &str,
    ) -> AppResult<Vec<InvoiceRun>> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "generate invoices",
        )?;
        let from = Period::parse(from).map_err(|m| AppError::field("period", m))?;
        let through = Period::parse(through).map_err(|m| AppError::field("through", m))?;
        if through < from {
            return Err(AppError::field(
                "through",
                Msg::new(
                    "through_before_period",
                    format!("{through} is before {from}: invoicing runs from a month through a later one"),
                )
                .with("period", from)
                .with("through", through),
            ));
        }
        let periods = Period::months(from.first_day(), through.last_day());
        with_retry!(self.invoice_once(actor, &periods))
    }

    /// Bills `periods` (in order, all in one academic year) as one change;
    /// a run per month, in the same order.
    async fn invoice_once(&self, actor: &Actor, periods: &[Period]) -> AppResult<Vec<InvoiceRun>> {
        let (Some(&first_period), Some(&last_period)) = (periods.first(), periods.last()) else {
            return Ok(Vec::new());
        };
        let years = self.store().list::<AcademicYear>(&Query::all()).await?;
        let year_of = |period: Period| {
            years.iter().find(|y| {
                y.data.start_date <= period.last_day() && period.first_day() <= y.data.end_date
            })
        };
        let Some(year) = year_of(first_period) else {
            return Err(AppError::field(
                "period",
                Msg::new(
                    "period_outside_years",
                    format!("{first_period} is in no academic year of the school"),
                )
                .with("period", first_period),
            ));
        };
        if let Some(other) = periods
            .iter()
            .find(|p| year_of(**p).is_none_or(|y| y.id() != year.id()))
        {
            return Err(AppError::field(
                "through",
                Msg::new(
                    "months_span_years",
                    format!(
                        "{other} is not in {}, the academic year of {first_period}: invoice each year on its own",
                        year.data.name
                    ),
                )
                .with("period", other)
                .with("year", &year.data.name),
            ));
        }
        let year_items: Vec<Stored<FeeItem>> = self
            .store()
            .list::<FeeItem>(
                &Query::all()
                    .eq("academic_year_id", year.id())
                    .eq("active", true),
            )
            .await?;
        // The items each month bills.
        let items_of: Vec<Vec<&Stored<FeeItem>>> = periods
            .iter()
            .map(|period| {
                year_items
                    .iter()
                    .filter(|i| {
                        i.data.schedule().is_some_and(|s| {
                            s.bills(*period, year.data.start_date, year.data.end_date)
                        })
                    })
                    .collect()
            })
            .collect();
        let billing: BTreeSet<Id> = items_of.iter().flatten().map(|i| i.id()).collect();
        let assignments = self
            .store()
            .list::<FeeAssignment>(
                &Query::all().filter(Filter::In("fee_item_id", ids(billing.iter().copied()))),
            )
            .await?;
        let classes: HashMap<Id, Stored<Class>> = self
            .store()
            .list::<Class>(&Query::all().eq("academic_year_id", year.id()))
            .await?
            .into_iter()
            .map(|c| (c.id(), c))
            .collect();
        let enrollments = self
            .store()
            .list::<Enrollment>(
                &Query::all()
                    .eq("academic_year_id", year.id())
                    .order("start_date"),
            )
            .await?;
        // Who is in which class each month: the enrollment covering the
        // first day it covers in the month.
        let enrolled_in: Vec<BTreeMap<Id, Id>> = periods
            .iter()
            .map(|period| {
                let (first, last) = (period.first_day(), period.last_day());
                let mut enrolled: BTreeMap<Id, Id> = BTreeMap::new();
                for e in &enrollments {
                    let covers =
                        e.data.start_date <= last && e.data.end_date.is_none_or(|end| first < end);
                    if covers && classes.contains_key(&e.data.class_id) {
                        enrolled.entry(e.data.student_id).or_insert(e.data.class_id);
                    }
                }
                enrolled
            })
            .collect();
        let everyone: BTreeSet<Id> = enrolled_in.iter().flat_map(|e| e.keys().copied()).collect();
        let students: HashMap<Id, Stored<Student>> = self
            .store()
            .list::<Student>(&Query::all().filter(Filter::In("id", ids(everyone.iter().copied()))))
            .await?
            .into_iter()
            .filter(|s| s.data.status == StudentStatus::Active)
            .map(|s| (s.id(), s))
            .collect();
        let mut discounts: HashMap<Id, Vec<Stored<FeeDiscount>>> = HashMap::new();
        for d in self
            .store()
            .list::<FeeDiscount>(&Query::all().eq("active", true))
            .await?
        {
            discounts.entry(d.data.student_id).or_default().push(d);
        }
        // The months' invoices that stand: a voided one no longer holds its
        // month (it is billed again from the plans).
        let invoices: HashMap<(Id, String), Stored<Invoice>> = self
            .store()
            .list::<Invoice>(
                &Query::all()
                    .filter(Filter::In(
                        "period",
                        periods.iter().map(|p| Val::Text(p.to_string())).collect(),
                    ))
                    .filter(Filter::IsNull("void_reason")),
            )
            .await?
            .into_iter()
            .map(|i| ((i.data.student_id, i.data.period.clone()), i))
            .collect();
        // Their lines, by invoice.
        let mut lines: HashMap<Id, Vec<Stored<InvoiceLine>>> = HashMap::new();
        for line in self
            .store()
            .list::<InvoiceLine>(&Query::all().filter(Filter::In(
                "invoice_id",
                ids(invoices.values().map(|i| i.id())),
            )))
            .await?
        {
            lines.entry(line.data.invoice_id).or_default().push(line);
        }
        let accounts: HashMap<Id, Stored<FeeAccount>> = self
            .store()
            .list::<FeeAccount>(
                &Query::all().filter(Filter::In("student_id", ids(students.keys().copied()))),
            )
            .await?
            .into_iter()
            .map(|a| (a.data.student_id, a))
            .collect();

        let mut runs: Vec<InvoiceRun> = periods
            .iter()
            .map(|p| InvoiceRun {
                period: p.to_string(),
                ..InvoiceRun::default()
            })
            .collect();
        // The change is built table by table — the new invoices, then their
        // lines, then what settling moved, then the accounts — so the store
        // writes each table's rows many to a statement (item 9); each month
        // is audited as one event with its counts (see the commit below).
        let mut new_invoices: Vec<(Id, Invoice)> = Vec::new();
        let mut new_lines: Vec<InvoiceLine> = Vec::new();
        let mut moves_cs = self.changes(actor);
        let mut accounts_cs = self.changes(actor);
        // The ledgers of the students who hold credit (it goes to what this
        // run bills), read together in a few statements (item 5), not one
        // student at a time.
        let mut credit_ledgers = self
            .ledgers(
                accounts
                    .values()
                    .filter(|a| a.data.balance < 0)
                    .map(|a| a.data.student_id),
            )
            .await?;
        for student_id in &everyone {
            let Some(student) = students.get(student_id) else {
                continue;
            };
            let (mut total_billed, mut total_discount) = (0, 0);
            let mut lowered = false;
            // What this run adds to the student's invoices: (invoice, its
            // month, its due date, net added).
            let mut touched: Vec<(Id, Period, NaiveDate, Rupiah)> = Vec::new();
            for (m, period) in periods.iter().enumerate() {
                let Some(class_id) = enrolled_in[m].get(student_id) else {
                    continue;
                };
                let class = &classes[class_id];
                let mut due_day = 28;
                // What this student should be billed per fee item now.
                let mut wanted: BTreeMap<Id, fees::Priced> = BTreeMap::new();
                for item in &items_of[m] {
                    let applies = assignments.iter().any(|a| {
                        a.data.fee_item_id == item.id()
                            && (a.data.grade_level == Some(class.data.grade_level)
                                || a.data.class_id == Some(*class_id)
                                || a.data.student_id == Some(student.id()))
                    });
                    if !applies {
                        continue;
                    }
                    due_day = due_day.min(item.data.due_day);
                    let own: Vec<Discount> = discounts
                        .get(&student.id())
                        .into_iter()
                        .flatten()
                        .filter(|d| d.data.fee_item_id.is_none_or(|f| f == item.id()))
                        .filter_map(|d| d.data.discount())
                        .collect();
                    wanted.insert(item.id(), fees::apply_discounts(item.data.amount, &own));
                }
                let invoice = invoices.get(&(*student_id, period.to_string()));
                // What its invoice already bills per fee item.
                let mut have: BTreeMap<Id, (Rupiah, Rupiah)> = BTreeMap::new();
                if let Some(invoice) = invoice {
                    for l in lines.get(&invoice.id()).into_iter().flatten() {
                        let e = have.entry(l.data.fee_item_id).or_default();
                        e.0 += l.data.billed;
                        e.1 += l.data.discount;
                    }
                }
                let mut item_ids: Vec<Id> = wanted.keys().chain(have.keys()).copied().collect();
                item_ids.sort();
                item_ids.dedup();
                let mut lines_here = Vec::new();
                for item_id in item_ids {
                    let want = wanted.get(&item_id).copied().unwrap_or_default();
                    let (billed, discount) = have.get(&item_id).copied().unwrap_or_default();
                    let (d_billed, d_discount) = (want.gross - billed, want.discount - discount);
                    if d_billed != 0 || d_discount != 0 {
                        lines_here.push((item_id, d_billed, d_discount));
                        lowered |= d_billed - d_discount < 0;
                    }
                }
                if lines_here.is_empty() {
                    continue;
                }
                let run = &mut runs[m];
                let due_date = period.due_date(due_day as u32);
                let invoice_id = match invoice {
                    Some(i) => {
                        run.adjustments += lines_here.len();
                        i.id()
                    }
                    None => {
                        run.invoices_created += 1;
                        let id = new_id();
                        new_invoices.push((
                            id,
                            Invoice {
                                student_id: *student_id,
                                period: period.to_string(),
                                due_date,
                                void_reason: None,
                            },
                        ));
                        id
                    }
                };
                run.students += 1;
                let (mut billed_here, mut discount_here) = (0, 0);
                for (fee_item_id, billed, discount) in lines_here {
                    new_lines.push(InvoiceLine {
                        invoice_id,
                        fee_item_id,
                        billed,
                        discount,
                        note: invoice.map(|_| "adjustment".to_string()),
                    });
                    billed_here += billed;
                    discount_here += discount;
                }
                run.net_added += billed_here - discount_here;
                total_billed += billed_here;
                total_discount += discount_here;
                touched.push((invoice_id, *period, due_date, billed_here - discount_here));
            }
            if touched.is_empty() {
                continue;
            }
            let account = accounts.get(student_id);
            // The student's money moves when they had credit (it goes to
            // these invoices) or when a paid invoice was lowered (the part
            // paid beyond it becomes credit): only then is their whole
            // ledger read.
            if account.is_some_and(|a| a.data.balance < 0) || lowered {
                let ledger = match credit_ledgers.remove(student_id) {
                    Some(ledger) => ledger,
                    None => self.ledger(*student_id).await?,
                };
                let mut book = ledger.book();
                let mut periods_of = ledger.periods();
                for (invoice_id, period, due, net) in touched {
                    match book.invoices.iter_mut().find(|i| i.id == invoice_id) {
                        Some(i) => i.net += net,
                        None => {
                            book.invoices.push(fees::BookInvoice {
                                id: invoice_id,
                                period,
                                due,
                                net,
                            });
                            periods_of.insert(invoice_id, period.to_string());
                        }
                    }
                }
                let moves = book.settle();
                record_moves(&mut moves_cs, *student_id, &moves, &periods_of);
            }
            account_change(
                &mut accounts_cs,
                *student_id,
                account,
                total_billed,
                total_discount,
                0,
                0,
            )?;
        }
        let mut cs = self.changes(actor);
        for (id, invoice) in &new_invoices {
            cs.insert_with_id(*id, invoice);
        }
        for line in &new_lines {
            cs.insert(line);
        }
        cs.append(moves_cs);
        cs.append(accounts_cs);
        if !cs.is_empty() {
            // Audited as one event per month with its counts (and the
            // credit moves per student, above), not one per invoice, line
            // and account: a month of a whole school is thousands of rows,
            // each of which carries who wrote it and when (item 9).
            cs.audit_by_events();
            for run in runs.iter().filter(|r| r.students > 0) {
                cs.event(
                    "period_invoiced",
                    "invoices",
                    None,
                    Some(format!(
                        "{}: {} new invoice(s), {} adjustment line(s), {} student(s), {} net",
                        run.period,
                        run.invoices_created,
                        run.adjustments,
                        run.students,
                        fees::format_rupiah(run.net_added)
                    )),
                );
            }
            self.store().commit(cs).await?;
        }
        tracing::info!(
            from = %first_period,
            through = %last_period,
            students = runs.iter().map(|r| r.students).sum::<usize>(),
            "fees: invoiced"
        );
        Ok(runs)
    }

    /// The ledgers of many students, read table by table (six statements
    /// however many students, a chunk at a time); [`App::ledger`] is one
    /// student's.
    pub(crate) async fn ledgers(
        &self,
        student_ids: impl IntoIterator<Item = Id>,
    ) -> AppResult<HashMap<Id, Ledger>> {
        let wanted: Vec<Id> = student_ids.into_iter().collect();
        // A few hundred students at a time: each read lists their
        // invoices' and payments' ids, and a database takes only so many
        // parameters in one statement (PostgreSQL 65,535).
        let mut out: HashMap<Id, Ledger> = HashMap::new();
        for chunk in wanted.chunks(LEDGER_CHUNK) {
            out.extend(self.ledgers_of(chunk).await?);
        }
        Ok(out)
    }

    async fn ledgers_of(&self, wanted: &[Id]) -> AppResult<HashMap<Id, Ledger>> {
        let mut out: HashMap<Id, Ledger> = HashMap::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let store = self.store();
        let of_students =
            || Query::all().filter(Filter::In("student_id", ids(wanted.iter().copied())));
        let accounts = store.list::<FeeAccount>(&of_students()).await?;
        let invoices = store
            .list::<Invoice>(&of_students().order("period"))
            .await?;
        let lines = store
            .list::<InvoiceLine>(&Query::all().filter(Filter::In(
                "invoice_id",
                ids(invoices.iter().map(|i| i.id())),
            )))
            .await?;
        let payments = store
            .list::<Payment>(&of_students().order("booked_on"))
            .await?;
        let allocations = store
            .list::<FeeAllocation>(&Query::all().filter(Filter::In(
                "payment_id",
                ids(payments.iter().map(|p| p.id())),
            )))
            .await?;
        let refunds = store
            .list::<FeeRefund>(&of_students().order("booked_on"))
            .await?;
        for id in wanted {
            out.insert(*id, Ledger::empty());
        }
        let invoice_of: HashMap<Id, Id> = invoices
            .iter()
            .map(|i| (i.id(), i.data.student_id))
            .collect();
        let payment_of: HashMap<Id, Id> = payments
            .iter()
            .map(|p| (p.id(), p.data.student_id))
            .collect();
        for a in accounts {
            if let Some(l) = out.get_mut(&a.data.student_id) {
                l.account = Some(a);
            }
        }
        for i in invoices {
            if let Some(l) = out.get_mut(&i.data.student_id) {
                l.invoices.push(i);
            }
        }
        for line in lines {
            if let Some(l) = invoice_of
                .get(&line.data.invoice_id)
                .and_then(|s| out.get_mut(s))
            {
                l.lines.push(line);
            }
        }
        for p in payments {
            if let Some(l) = out.get_mut(&p.data.student_id) {
                l.payments.push(p);
            }
        }
        for a in allocations {
            if let Some(l) = payment_of
                .get(&a.data.payment_id)
                .and_then(|s| out.get_mut(s))
            {
                l.allocations.push(a);
            }
        }
        for r in refunds {
            if let Some(l) = out.get_mut(&r.data.student_id) {
                l.refunds.push(r);
            }
        }
        Ok(out)
    }

    pub(crate) async fn ledger(&self, student_id: Id) -> AppResult<Ledger> {
        Ok(self
            .ledgers([student_id])
            .await?
            .remove(&student_id)
            .unwrap_or_else(Ledger::empty))
    }

    /// Voids an invoice with a reason: it bills nothing from then on and
    /// stays on the statement, voided. What was paid towards it becomes
    /// the student's credit, applied at once to their other open invoices,
    /// the oldest first. The month is billed again, on a new invoice, by
    /// the next invoicing of it. Voiding twice is refused.
    pub async fn fee_void_invoice(
        &self,
        actor: &Actor,
        invoice_id: Id,
        reason: &str,
    ) -> AppResult<()> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "void invoices",
        )?;
        let reason = reason_of("reason", reason)?;
        with_retry!(self.void_invoice_once(actor, invoice_id, &reason))
    }

    async fn void_invoice_once(
        &self,
        actor: &Actor,
        invoice_id: Id,
        reason: &str,
    ) -> AppResult<()> {
        let invoice = self
            .store()
            .find::<Invoice>(invoice_id)
            .await?
            .ok_or_else(|| no_such("invoice_id", Msg::new("no_such_invoice", "no such invoice")))?;
        if let Some(why) = &invoice.data.void_reason {
            return Err(AppError::field(
                "invoice_id",
                Msg::new(
                    "already_voided",
                    format!(
                        "this invoice ({}) was already voided: {why}",
                        invoice.data.period
                    ),
                )
                .with("what", &invoice.data.period)
                .with("reason", why),
            ));
        }
        let ledger = self.ledger(invoice.data.student_id).await?;
        let (billed, discount) = ledger
            .lines
            .iter()
            .filter(|l| l.data.invoice_id == invoice_id)
            .fold((0, 0), |(b, d), l| (b + l.data.billed, d + l.data.discount));
        let mut cs = self.changes(actor);
        cs.update(
            invoice_id,
            invoice.version(),
            &Invoice {
                void_reason: Some(reason.to_string()),
                ..invoice.data.clone()
            },
        );
        // What was paid towards it is credit now, which goes to the
        // student's other open invoices, if any.
        let moves = ledger.book_without(Some(invoice_id), None).settle();
        record_moves(&mut cs, invoice.data.student_id, &moves, &ledger.periods());
        account_change(
            &mut cs,
            invoice.data.student_id,
            ledger.account.as_ref(),
            -billed,
            -discount,
            0,
            0,
        )?;
        cs.event(
            "invoice_voided",
            "invoices",
            Some(invoice_id),
            Some(reason.to_string()),
        );
        self.store().commit(cs).await?;
        Ok(())
    }

    // ------------------------------------------------------------------
    // The desk

    /// The year's receipt counter and whether `day` is closed: what every
    /// desk write reads first. The counter is read before the closed days:
    /// a closing touches the counter too, so a closing committed after this
    /// read makes the desk write's commit a conflict (and its retry finds
    /// the day closed), and one committed before it is seen here. Read the
    /// other way round, a closing landing between the two reads would let a
    /// payment into a closed day.
    pub(crate) async fn desk(&self, day: NaiveDate) -> AppResult<Option<Stored<ReceiptCounter>>> {
        let counter = self
            .store()
            .first::<ReceiptCounter>(Query::all().eq("year", day.year() as i64))
            .await?;
        if let Some(closed) = self
            .store()
            .first::<CashDay>(Query::all().eq("day", day))
            .await?
        {
            return Err(day_closed(closed.data.day));
        }
        Ok(counter)
    }

    /// Touches the year's counter (taking `take` numbers from it): every
    /// desk write does, so they take turns. Returns the first number taken.
    pub(crate) fn desk_change(
        cs: &mut ChangeSet,
        day: NaiveDate,
        counter: Option<&Stored<ReceiptCounter>>,
        take: i64,
    ) -> i64 {
        let year = day.year() as i64;
        let last = counter.map_or(0, |c| c.data.last_number);
        let data = ReceiptCounter {
            year,
            last_number: last + take,
        };
        match counter {
            Some(c) => cs.update(c.id(), c.version(), &data),
            None => {
                cs.insert(&data);
            }
        }
        last + 1
    }

    /// Books a payment and gives it the year's next receipt number. The
    /// money goes to the oldest open invoices (or the ones chosen), the
    /// rest is the student's credit.
    pub async fn fee_pay(&self, actor: &Actor, new: &NewPayment) -> AppResult<Booked> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "book payments",
        )?;
        fees::check_amount("amount", new.amount).map_err(|m| AppError::field("amount", m))?;
        let reference = new
            .reference
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        if new.method == Method::Transfer && reference.is_none() {
            return Err(AppError::field(
                "reference",
                Msg::new(
                    "transfer_needs_reference",
                    "a bank transfer needs the bank's reference",
                ),
            ));
        }
        let today = self.today();
        let paid_on = new.paid_on.unwrap_or(today);
        if paid_on > today {
            return Err(AppError::field(
                "paid_on",
                Msg::new(
                    "date_in_future",
                    format!("the payment date {paid_on} is after today ({today})"),
                )
                .with("date", paid_on),
            ));
        }
        let student = self
            .store()
            .find::<Student>(new.student_id)
            .await?
            .ok_or_else(|| no_such("student_id", Msg::new("no_such_student", "no such student")))?;
        if student.data.status != StudentStatus::Active {
            return Err(AppError::field(
                "student_id",
                Msg::new(
                    "student_has_left",
                    format!(
                        "{} has left the school ({}); no payment can be booked for them",
                        student.data.full_name,
                        student.data.status.as_str()
                    ),
                )
                .with("student", &student.data.full_name)
                .with("status", student.data.status.as_str()),
            ));
        }
        let payer = match new.payer.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => p.to_string(),
            _ => student.data.full_name.clone(),
        };
        let payment = Payment {
            student_id: student.id(),
            receipt_year: today.year() as i64,
            receipt_number: 1,
            amount: new.amount,
            method: new.method.as_str().into(),
            reference,
            paid_on,
            booked_on: today,
            payer,
            void_reason: None,
            voided_on: None,
            prints: 0,
        };
        payment.validate()?;
        with_retry!(self.pay_once(actor, &payment, new.invoices.as_deref()))
    }

    async fn pay_once(
        &self,
        actor: &Actor,
        payment: &Payment,
        chosen: Option<&[Id]>,
    ) -> AppResult<Booked> {
        let day = payment.booked_on;
        let counter = self.desk(day).await?;
        let ledger = self.ledger(payment.student_id).await?;
        let open = ledger.open();
        if let Some(chosen) = chosen {
            for id in chosen {
                if !open.iter().any(|o| o.id == *id) {
                    // Say which of the three it is, and nothing is booked:
                    // the invoice may have been voided or paid on another
                    // desktop since the bursar chose it.
                    let why = match ledger.invoices.iter().find(|i| i.id() == *id) {
                        None => "is not this student's".to_string(),
                        Some(i) => match &i.data.void_reason {
                            Some(reason) => {
                                format!("for {} was voided ({reason})", i.data.period)
                            }
                            None => format!("for {} is paid", i.data.period),
                        },
                    };
                    return Err(AppError::field(
                        "invoices",
                        Msg::new(
                            "invoice_not_open",
                            format!(
                                "the chosen invoice {why}; nothing was booked: choose the invoices again"
                            ),
                        )
                        .with("invoice", id),
                    ));
                }
            }
        }
        // The chosen invoices first, in the order chosen; what is left goes
        // to the other open invoices, the oldest first, and only then is
        // credit: a student never has credit beside an open invoice.
        let order: Option<Vec<Id>> = chosen.map(|chosen| {
            let mut rest: Vec<&OpenInvoice> =
                open.iter().filter(|o| !chosen.contains(&o.id)).collect();
            rest.sort_by_key(|o| (o.due, o.period, o.id));
            chosen
                .iter()
                .copied()
                .chain(rest.into_iter().map(|o| o.id))
                .collect()
        });
        let allocation = fees::allocate(payment.amount, &open, order.as_deref());
        let mut cs = self.changes(actor);
        let number = Self::desk_change(&mut cs, day, counter.as_ref(), 1);
        let payment = Payment {
            receipt_number: number,
            ..payment.clone()
        };
        let id = cs.insert(&payment);
        let mut book = ledger.book();
        book.payments.push((id, payment.amount));
        for (invoice_id, amount) in &allocation.parts {
            let m = fees::Move {
                payment: id,
                invoice: *invoice_id,
                amount: *amount,
                kind: fees::Placed::Payment,
            };
            book.place(m);
            record_moves(&mut cs, payment.student_id, &[m], &HashMap::new());
        }
        // Settled already unless the books were not (written before
        // credit was applied): then they are now.
        let moves = book.settle();
        record_moves(&mut cs, payment.student_id, &moves, &ledger.periods());
        account_change(
            &mut cs,
            payment.student_id,
            ledger.account.as_ref(),
            0,
            0,
            payment.amount,
            0,
        )?;
        self.store().commit(cs).await?;
        let payment = self.store().get::<Payment>(id).await?;
        tracing::info!(receipt = %receipt_label(payment.data.receipt_year, number), "fees: payment booked");
        Ok(Booked {
            receipt: receipt_label(payment.data.receipt_year, number),
            payment,
            allocated: allocation.parts,
            credit: allocation.credit,
        })
    }

    /// Voids a payment with a reason, on the day it is done (which must
    /// not be closed): its receipt number stays taken, its allocations no
    /// longer count, and the money is owed again. Voiding twice is refused.
    pub async fn fee_void_payment(
        &self,
        actor: &Actor,
        payment_id: Id,
        reason: &str,
    ) -> AppResult<()> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "void payments",
        )?;
        let reason = reason_of("reason", reason)?;
        with_retry!(self.void_payment_once(actor, payment_id, &reason))
    }

    async fn void_payment_once(
        &self,
        actor: &Actor,
        payment_id: Id,
        reason: &str,
    ) -> AppResult<()> {
        let payment = self
            .store()
            .find::<Payment>(payment_id)
            .await?
            .ok_or_else(|| no_such("payment_id", Msg::new("no_such_payment", "no such payment")))?;
        let label = receipt_label(payment.data.receipt_year, payment.data.receipt_number);
        if let Some(why) = &payment.data.void_reason {
            return Err(AppError::field(
                "payment_id",
                Msg::new(
                    "already_voided",
                    format!("receipt {label} was already voided: {why}"),
                )
                .with("what", &label)
                .with("reason", why),
            ));
        }
        let today = self.today();
        let counter = self.desk(today).await?;
        let ledger = self.ledger(payment.data.student_id).await?;
        // Credit this payment left was refunded: voiding it would take back
        // money already handed back, and leave a debt no invoice shows.
        let mut book = ledger.book_without(None, Some(payment_id));
        let credit_after = book.credit();
        if credit_after < 0 {
            return Err(AppError::field(
                "payment_id",
                Msg::new(
                    "void_after_refund",
                    format!(
                        "receipt {label} cannot be voided: {} of the credit it left has been refunded",
                        fees::format_rupiah(-credit_after)
                    ),
                )
                .with("what", &label)
                .with("amount", -credit_after),
            ));
        }
        let mut cs = self.changes(actor);
        Self::desk_change(&mut cs, today, counter.as_ref(), 0);
        cs.update(
            payment_id,
            payment.version(),
            &Payment {
                void_reason: Some(reason.to_string()),
                voided_on: Some(today),
                ..payment.data.clone()
            },
        );
        // The invoices it paid are open again: the student's other credit,
        // if any, goes to them.
        let moves = book.settle();
        record_moves(&mut cs, payment.data.student_id, &moves, &ledger.periods());
        account_change(
            &mut cs,
            payment.data.student_id,
            ledger.account.as_ref(),
            0,
            0,
            -payment.data.amount,
            0,
        )?;
        cs.event(
            "payment_voided",
            "payments",
            Some(payment_id),
            Some(reason.to_string()),
        );
        self.store().commit(cs).await?;
        Ok(())
    }

    /// Pays a student's credit back, with a reason: at most the credit
    /// (money paid and not settling any invoice).
    pub async fn fee_refund(
        &self,
        actor: &Actor,
        student_id: Id,
        amount: Rupiah,
        method: Method,
        reason: &str,
    ) -> AppResult<Stored<FeeRefund>> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "refund credit",
        )?;
        fees::check_amount("amount", amount).map_err(|m| AppError::field("amount", m))?;
        let reason = reason_of("reason", reason)?;
        self.store()
            .find::<Student>(student_id)
            .await?
            .ok_or_else(|| no_such("student_id", Msg::new("no_such_student", "no such student")))?;
        with_retry!(self.refund_once(actor, student_id, amount, method, &reason))
    }

    async fn refund_once(
        &self,
        actor: &Actor,
        student_id: Id,
        amount: Rupiah,
        method: Method,
        reason: &str,
    ) -> AppResult<Stored<FeeRefund>> {
        let today = self.today();
        let counter = self.desk(today).await?;
        let ledger = self.ledger(student_id).await?;
        let credit = ledger.credit();
        if amount > credit {
            return Err(AppError::field(
                "amount",
                Msg::new(
                    "refund_over_credit",
                    format!(
                        "the refund of {} is more than the student's credit ({})",
                        fees::format_rupiah(amount),
                        fees::format_rupiah(credit.max(0))
                    ),
                )
                .with("amount", amount)
                .with("credit", credit.max(0)),
            ));
        }
        let refund = FeeRefund {
            student_id,
            amount,
            method: method.as_str().into(),
            reason: reason.to_string(),
            booked_on: today,
        };
        refund.validate()?;
        let mut cs = self.changes(actor);
        Self::desk_change(&mut cs, today, counter.as_ref(), 0);
        account_change(
            &mut cs,
            student_id,
            ledger.account.as_ref(),
            0,
            0,
            0,
            amount,
        )?;
        cs.insert(&refund);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// The receipt of a payment, to print: a copy (`ReceiptView::copy`)
    /// when it was printed before. It is not marked printed here: the
    /// caller writes the file, then calls [`App::fee_receipt_printed`], so a
    /// print that fails to reach the disk does not make the next one a copy.
    pub async fn fee_receipt(
        &self,
        actor: &Actor,
        year: i64,
        number: i64,
    ) -> AppResult<ReceiptView> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "print receipts",
        )?;
        let payment = self.receipt_payment(year, number).await?;
        let copy = payment.data.prints > 0;
        self.receipt_view(payment, copy).await
    }

    /// Marks a receipt read with [`App::fee_receipt`] as printed (audited),
    /// once its file is written. Refused as a conflict when another desk
    /// printed it meanwhile: then this print was a copy, to be made again.
    ///
    /// A family printing its own receipt marks it too: there is one
    /// original, whoever printed it first.
    pub async fn fee_receipt_printed(&self, actor: &Actor, view: &ReceiptView) -> AppResult<()> {
        require(
            actor,
            Action::ReadFees,
            &Target::Student {
                id: view.payment.data.student_id,
                class_ids: Vec::new(),
            },
            "print receipts",
        )?;
        let payment = &view.payment;
        let mut cs = self.changes(actor);
        cs.update(
            payment.id(),
            payment.version(),
            &Payment {
                prints: payment.data.prints + 1,
                ..payment.data.clone()
            },
        );
        cs.event(
            "receipt_printed",
            "payments",
            Some(payment.id()),
            Some(view.number.clone()),
        );
        self.store().commit(cs).await?;
        Ok(())
    }

    async fn receipt_payment(&self, year: i64, number: i64) -> AppResult<Stored<Payment>> {
        self.store()
            .first::<Payment>(
                Query::all()
                    .eq("receipt_year", year)
                    .eq("receipt_number", number),
            )
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "receipt",
                    Msg::new(
                        "no_such_receipt",
                        format!("there is no receipt {}", receipt_label(year, number)),
                    )
                    .with("receipt", receipt_label(year, number)),
                )
            })
    }

    pub(crate) async fn receipt_view(
        &self,
        payment: Stored<Payment>,
        copy: bool,
    ) -> AppResult<ReceiptView> {
        let student = self.store().get::<Student>(payment.data.student_id).await?;
        // What the payment settled when it was booked: a reprint says what
        // the first print said, whatever moved later.
        let allocations = self
            .store()
            .list::<FeeAllocation>(
                &Query::all()
                    .eq("payment_id", payment.id())
                    .eq("kind", fees::Placed::Payment.as_str()),
            )
            .await?;
        let invoices: HashMap<Id, Stored<Invoice>> = self
            .store()
            .list::<Invoice>(&Query::all().filter(Filter::In(
                "id",
                ids(allocations.iter().map(|a| a.data.invoice_id)),
            )))
            .await?
            .into_iter()
            .map(|i| (i.id(), i))
            .collect();
        let mut items: Vec<(String, Rupiah)> = allocations
            .iter()
            .map(|a| {
                let period = invoices
                    .get(&a.data.invoice_id)
                    .map_or_else(String::new, |i| i.data.period.clone());
                (period, a.data.amount)
            })
            .collect();
        items.sort();
        let allocated: Rupiah = items.iter().map(|i| i.1).sum();
        let class_ids = self.open_class_ids(student.id()).await?;
        let class = match class_ids.first() {
            Some(id) => self.store().find::<Class>(*id).await?.map(|c| c.data.name),
            None => None,
        };
        Ok(ReceiptView {
            number: receipt_label(payment.data.receipt_year, payment.data.receipt_number),
            credit: payment.data.amount - allocated,
            words_id: fees::words_id(payment.data.amount),
            words_en: fees::words_en(payment.data.amount),
            school: self.find_school().await?,
            cashier: self.booked_by(&payment).await?,
            payment,
            student,
            class,
            items,
            copy,
        })
    }

    /// Who booked a payment, by their display name (item 6): the cashier
    /// its receipt names, whoever prints it later. Read from the audit
    /// entry of its creation.
    async fn booked_by(&self, payment: &Stored<Payment>) -> AppResult<String> {
        let events = self
            .store()
            .backend()
            .audit(&schooldesk_store::AuditQuery {
                table_name: Some("payments".into()),
                record_id: Some(payment.id()),
                text: None,
                // Every event of this one payment (newest first; two per
                // print), so the creation is found however often it was
                // printed — families print their own receipts too.
                limit: i64::from(u32::MAX),
            })
            .await?;
        match events.iter().find(|e| e.action == "create") {
            Some(e) => self.display_name(e.actor_id, &e.actor_login).await,
            None => Ok(String::new()),
        }
    }

    /// The payment behind a receipt number, without printing it.
    pub async fn fee_payment_of_receipt(
        &self,
        actor: &Actor,
        year: i64,
        number: i64,
    ) -> AppResult<Option<Stored<Payment>>> {
        require(actor, Action::TakePayments, &Target::School, "see receipts")?;
        Ok(self
            .store()
            .first::<Payment>(
                Query::all()
                    .eq("receipt_year", year)
                    .eq("receipt_number", number),
            )
            .await?)
    }

    // ------------------------------------------------------------------
    // Reading

    /// A student's statement: each month billed, given off, paid and owed,
    /// the payments and refunds, the totals and the credit. For the
    /// bursar, the administrator, the student and their parents.
    pub async fn fee_statement(&self, actor: &Actor, student_id: Id) -> AppResult<Statement> {
        require(
            actor,
            Action::ReadFees,
            &Target::Student {
                id: student_id,
                class_ids: Vec::new(),
            },
            "see this student's fees",
        )?;
        let student = self
            .store()
            .find::<Student>(student_id)
            .await?
            .ok_or_else(|| no_such("student_id", Msg::new("no_such_student", "no such student")))?;
        let ledger = self.ledger(student_id).await?;
        let items: HashMap<Id, String> = self
            .store()
            .list::<FeeItem>(&Query::all().filter(Filter::In(
                "id",
                ids(ledger.lines.iter().map(|l| l.data.fee_item_id)),
            )))
            .await?
            .into_iter()
            .map(|i| (i.id(), i.data.name))
            .collect();
        let months = ledger
            .invoices
            .iter()
            .map(|i| {
                let lines: Vec<StatementLine> = ledger
                    .lines
                    .iter()
                    .filter(|l| l.data.invoice_id == i.id())
                    .map(|l| StatementLine {
                        fee: items.get(&l.data.fee_item_id).cloned().unwrap_or_default(),
                        billed: l.data.billed,
                        discount: l.data.discount,
                        note: l.data.note.clone(),
                    })
                    .collect();
                let billed = lines.iter().map(|l| l.billed).sum();
                let discount = lines.iter().map(|l| l.discount).sum();
                let paid = ledger.paid(i.id());
                let void = i.data.void_reason.is_some();
                StatementMonth {
                    invoice_id: i.id(),
                    period: i.data.period.clone(),
                    due_date: i.data.due_date,
                    billed,
                    discount,
                    paid,
                    owed: if void { 0 } else { billed - discount - paid },
                    void_reason: i.data.void_reason.clone(),
                    lines,
                }
            })
            .collect();
        let account = ledger.account.as_ref().map(|a| a.data.clone());
        let a = account.unwrap_or(FeeAccount {
            student_id,
            billed: 0,
            discounted: 0,
            paid: 0,
            refunded: 0,
            balance: 0,
        });
        Ok(Statement {
            credit: ledger.credit(),
            student,
            months,
            payments: ledger.payments,
            refunds: ledger.refunds,
            billed: a.billed,
            discounted: a.discounted,
            paid: a.paid,
            refunded: a.refunded,
            balance: a.balance,
        })
    }

    /// Who owes money that was due by `as_of`: per student the months and
    /// the amount, the largest first; one class's students, or the whole
    /// school's. For the bursar and the administrator.
    pub async fn fee_arrears(
        &self,
        actor: &Actor,
        class_id: Option<Id>,
        as_of: NaiveDate,
    ) -> AppResult<Vec<ArrearsRow>> {
        require(actor, Action::ReadFees, &Target::School, "see arrears")?;
        self.arrears_rows(class_id, as_of).await
    }

    /// [`App::fee_arrears`] without its permission check: for the use-cases
    /// that check their own (a homeroom teacher's class).
    pub(crate) async fn arrears_rows(
        &self,
        class_id: Option<Id>,
        as_of: NaiveDate,
    ) -> AppResult<Vec<ArrearsRow>> {
        let store = self.store();
        // One aggregate query: what each student owes of what was due.
        let owing = store
            .backend()
            .report(
                &schooldesk_store::sql::reports::FEE_ARREARS,
                &[as_of.into()],
            )
            .await?;
        let classes: HashMap<Id, String> = store
            .list::<Class>(&Query::all())
            .await?
            .into_iter()
            .map(|c| (c.id(), c.data.name))
            .collect();
        use schooldesk_store::Val;
        let mut rows: BTreeMap<Id, ArrearsRow> = BTreeMap::new();
        for row in owing {
            let [Val::Id(student_id), Val::Int(months), Val::Int(owed), Val::Text(oldest), Val::Text(nisn), Val::Text(name), class] =
                row.as_slice()
            else {
                return Err(AppError::Store(StoreError::Refused(
                    "the arrears report answered an unexpected row".into(),
                )));
            };
            let student_class = match class {
                Val::Id(c) => Some(*c),
                _ => None,
            };
            if class_id.is_some() && student_class != class_id {
                continue;
            }
            rows.insert(
                *student_id,
                ArrearsRow {
                    student_id: *student_id,
                    nisn: nisn.clone(),
                    name: name.clone(),
                    class_id: student_class,
                    class: student_class
                        .and_then(|c| classes.get(&c).cloned())
                        .unwrap_or_default(),
                    months: *months as usize,
                    owed: *owed,
                    oldest: Some(oldest.clone()),
                },
            );
        }
        let mut rows: Vec<ArrearsRow> = rows.into_values().collect();
        rows.sort_by(|a, b| b.owed.cmp(&a.owed).then(a.name.cmp(&b.name)));
        Ok(rows)
    }

    /// Income by fee item and month, from `first` to `last` ("YYYY-MM"):
    /// per fee item and month billed (less discounts), received and still
    /// outstanding. A payment settles an invoice, not a fee item: what an
    /// invoice received is shared among its fee items in proportion to
    /// their net amounts, rounded down, and the rupiah left by rounding go
    /// to the largest items first — so the items of a month add up to
    /// exactly what its invoices received. For the bursar and the
    /// administrator.
    pub async fn fee_income(
        &self,
        actor: &Actor,
        first: &str,
        last: &str,
    ) -> AppResult<Vec<IncomeRow>> {
        use schooldesk_store::Val;
        require(actor, Action::ReadFees, &Target::School, "see income")?;
        let first = Period::parse(first).map_err(|m| AppError::field("from", m))?;
        let last = Period::parse(last).map_err(|m| AppError::field("to", m))?;
        let rows = self
            .store()
            .backend()
            .report(
                &schooldesk_store::sql::reports::FEE_INCOME,
                &[first.to_string().into(), last.to_string().into()],
            )
            .await?;
        // Per invoice: its month, its items' nets, what it received.
        type Received = (String, Vec<(Id, Rupiah)>, Rupiah);
        let mut invoices: BTreeMap<Id, Received> = BTreeMap::new();
        for row in rows {
            let [Val::Id(invoice), Val::Text(period), Val::Id(item), Val::Int(net), Val::Int(paid)] =
                row.as_slice()
            else {
                return Err(AppError::Store(StoreError::Refused(
                    "the income report answered an unexpected row".into(),
                )));
            };
            invoices
                .entry(*invoice)
                .or_insert_with(|| (period.clone(), Vec::new(), *paid))
                .1
                .push((*item, *net));
        }
        let mut totals: BTreeMap<(Id, String), (Rupiah, Rupiah)> = BTreeMap::new();
        for (period, mut items, paid) in invoices.into_values() {
            items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let net: Rupiah = items.iter().map(|i| i.1.max(0)).sum();
            let paid = paid.clamp(0, net.max(0));
            let mut shares: Vec<Rupiah> = items
                .iter()
                .map(|(_, n)| {
                    if net == 0 {
                        0
                    } else {
                        (paid as i128 * (*n).max(0) as i128 / net as i128) as Rupiah
                    }
                })
                .collect();
            let mut left = paid - shares.iter().sum::<Rupiah>();
            for (share, (_, n)) in shares.iter_mut().zip(&items) {
                if left == 0 {
                    break;
                }
                if *share < *n {
                    *share += 1;
                    left -= 1;
                }
            }
            for ((item, n), share) in items.iter().zip(shares) {
                let t = totals.entry((*item, period.clone())).or_default();
                t.0 += n;
                t.1 += share;
            }
        }
        let names: HashMap<Id, String> = self
            .store()
            .list::<FeeItem>(
                &Query::all().filter(Filter::In("id", ids(totals.keys().map(|(i, _)| *i)))),
            )
            .await?
            .into_iter()
            .map(|i| (i.id(), i.data.name))
            .collect();
        let mut out: Vec<IncomeRow> = totals
            .into_iter()
            .map(|((item, period), (billed, received))| IncomeRow {
                fee_item_id: item,
                fee_item: names.get(&item).cloned().unwrap_or_default(),
                period,
                billed,
                received,
                outstanding: billed - received,
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.fee_item, a.fee_item_id, &a.period).cmp(&(&b.fee_item, b.fee_item_id, &b.period))
        });
        Ok(out)
    }

    /// The desk's day: payments booked, voids and refunds made that day.
    pub async fn fee_day_report(&self, actor: &Actor, day: NaiveDate) -> AppResult<DayReport> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "see the day's cash report",
        )?;
        self.day_report(day).await
    }

    async fn day_report(&self, day: NaiveDate) -> AppResult<DayReport> {
        let store = self.store();
        let payments = store
            .list::<Payment>(&Query::all().eq("booked_on", day).order("receipt_number"))
            .await?;
        let voided_today = store
            .list::<Payment>(&Query::all().eq("voided_on", day))
            .await?;
        let refunds = store
            .list::<FeeRefund>(&Query::all().eq("booked_on", day))
            .await?;
        let by = |list: &[Stored<Payment>], m: &str| -> Rupiah {
            list.iter()
                .filter(|p| p.data.method == m)
                .map(|p| p.data.amount)
                .sum()
        };
        let cash = by(&payments, "cash");
        let transfers = by(&payments, "transfer");
        let voided: Rupiah = voided_today.iter().map(|p| p.data.amount).sum();
        let refunded: Rupiah = refunds.iter().map(|r| r.data.amount).sum();
        let cash_refunds: Rupiah = refunds
            .iter()
            .filter(|r| r.data.method == "cash")
            .map(|r| r.data.amount)
            .sum();
        Ok(DayReport {
            day,
            cash_net: cash - by(&voided_today, "cash") - cash_refunds,
            cash,
            transfers,
            voided,
            refunded,
            payments,
            closed: store.first::<CashDay>(Query::all().eq("day", day)).await?,
        })
    }

    /// Closes a day of the desk with its totals: from then on nothing is
    /// booked, voided or refunded on it. A day after today cannot be
    /// closed, nor a day twice.
    pub async fn fee_close_day(&self, actor: &Actor, day: NaiveDate) -> AppResult<Stored<CashDay>> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "close the day",
        )?;
        if day > self.today() {
            return Err(AppError::field(
                "day",
                Msg::new(
                    "date_in_future",
                    format!("{day} has not come yet; it cannot be closed"),
                )
                .with("date", day),
            ));
        }
        with_retry!(self.close_once(actor, day))
    }

    async fn close_once(&self, actor: &Actor, day: NaiveDate) -> AppResult<Stored<CashDay>> {
        let counter = self.desk(day).await?;
        let report = self.day_report(day).await?;
        let mut cs = self.changes(actor);
        Self::desk_change(&mut cs, day, counter.as_ref(), 0);
        cs.event("day_closed", "cash_days", None, Some(day.to_string()));
        cs.insert(&CashDay {
            day,
            cash_total: report.cash,
            transfer_total: report.transfers,
            voided_total: report.voided,
            refunded_total: report.refunded,
            payments: report.payments.len() as i64,
        });
        Ok(self.store().commit_returning(cs).await?)
    }

    /// A student found by NISN, for the bursar's desk and the command line.
    pub async fn fee_student_by_nisn(
        &self,
        actor: &Actor,
        nisn: &str,
    ) -> AppResult<Stored<Student>> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "find students for fees",
        )?;
        self.store()
            .first::<Student>(Query::all().eq("nisn", nisn.trim()))
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "student",
                    Msg::new(
                        "no_student_with_nisn",
                        format!("no student has NISN {nisn}"),
                    )
                    .with("nisn", nisn),
                )
            })
    }
}

/// A fee period in words: "Agustus 2025" / "August 2025".
pub(crate) fn period_words(period: &str, lang: Lang) -> String {
    match Period::parse(period) {
        Ok(p) => {
            let date = crate::report::long_date(p.first_day(), lang);
            // "1 Agustus 2025" without its day.
            date.split_once(' ')
                .map_or(date.clone(), |(_, rest)| rest.to_string())
        }
        Err(_) => period.to_string(),
    }
}

/// The receipt as the `receipt` template prints it, in `lang`.
pub fn receipt_document(view: &ReceiptView, lang: Lang) -> doc::Receipt {
    let p = &view.payment.data;
    let school = view.school.as_ref().map(|s| &s.data);
    let mut items: Vec<doc::ReceiptItem> = view
        .items
        .iter()
        .map(|(period, amount)| doc::ReceiptItem {
            description: match lang {
                Lang::Id => format!("Tagihan {}", period_words(period, lang)),
                Lang::En => format!("Invoice {}", period_words(period, lang)),
            },
            amount: fees::format_rupiah(*amount),
        })
        .collect();
    if view.credit > 0 {
        items.push(doc::ReceiptItem {
            description: match lang {
                Lang::Id => "Titipan (saldo lebih)".into(),
                Lang::En => "Credit kept for later".into(),
            },
            amount: fees::format_rupiah(view.credit),
        });
    }
    let method = match (p.method.as_str(), lang) {
        ("cash", Lang::Id) => "Tunai".to_string(),
        ("cash", Lang::En) => "Cash".to_string(),
        (_, _) => format!("Transfer {}", p.reference.as_deref().unwrap_or(""))
            .trim()
            .to_string(),
    };
    let date = crate::report::long_date(p.booked_on, lang);
    doc::Receipt {
        language: match lang {
            Lang::Id => doc::Language::Id,
            Lang::En => doc::Language::En,
        },
        school: doc::School {
            name: school.map(|s| s.name.clone()).unwrap_or_default(),
            npsn: school.map(|s| s.npsn.clone()).unwrap_or_default(),
            address: school.map(|s| s.address.clone()).unwrap_or_default(),
            principal: doc::Person {
                name: school.map(|s| s.principal_name.clone()).unwrap_or_default(),
                nip: school
                    .and_then(|s| s.principal_nip.clone())
                    .unwrap_or_default(),
            },
            place: String::new(),
            date: date.clone(),
        },
        number: view.number.clone(),
        date,
        payer: p.payer.clone(),
        student: view.student.data.full_name.clone(),
        nisn: view.student.data.nisn.clone(),
        class: view.class.clone().unwrap_or_default(),
        items,
        total: fees::format_rupiah(p.amount),
        words: match lang {
            Lang::Id => view.words_id.clone(),
            Lang::En => view.words_en.clone(),
        },
        method,
        cashier: view.cashier.clone(),
        copy: view.copy,
        voided: p.void_reason.clone().unwrap_or_default(),
    }
}

/// A class's name as searched: lower case, letters and digits only, so
/// "vii a", "VII-A" and "VIIA" are one.
fn class_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl App {
    /// Classes whose name holds `text` (any case; spaces and punctuation
    /// ignored: "7a" finds "7-A"), of `year_id`, the current academic year
    /// when none is given: the exact name first, then by name. Nothing for
    /// an empty text. For the bursar and the administrator.
    pub async fn fee_classes_matching(
        &self,
        actor: &Actor,
        text: &str,
        year_id: Option<Id>,
    ) -> AppResult<Vec<Stored<Class>>> {
        require(actor, Action::ReadFees, &Target::School, "see arrears")?;
        let wanted = class_key(text);
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let year_id = match year_id {
            Some(id) => Some(id),
            None => self.find_current_year().await?.map(|y| y.id()),
        };
        let mut query = Query::all();
        if let Some(year_id) = year_id {
            query = query.eq("academic_year_id", year_id);
        }
        let mut found: Vec<Stored<Class>> = self
            .store()
            .list::<Class>(&query)
            .await?
            .into_iter()
            .filter(|c| class_key(&c.data.name).contains(&wanted))
            .collect();
        found.sort_by_key(|c| (class_key(&c.data.name) != wanted, c.data.name.clone()));
        Ok(found)
    }

    /// The one class of the current year `name` means, for the arrears of
    /// one class (the command line's `--class`): the class of that name
    /// (any case, spaces and punctuation ignored), else the only class
    /// whose name holds it; several are named back to choose from.
    pub async fn fee_class_named(&self, actor: &Actor, name: &str) -> AppResult<Stored<Class>> {
        let mut found = self.fee_classes_matching(actor, name, None).await?;
        let exact = found
            .iter()
            .take_while(|c| class_key(&c.data.name) == class_key(name))
            .count();
        match (exact, found.len()) {
            (1, _) | (0, 1) => Ok(found.swap_remove(0)),
            (0, 0) => Err(AppError::field(
                "class",
                Msg::new(
                    "no_class_named",
                    format!("there is no class {name} this year"),
                )
                .with("class", name),
            )),
            _ => {
                let names = found
                    .iter()
                    .map(|c| c.data.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(AppError::field(
                    "class",
                    Msg::new(
                        "class_name_ambiguous",
                        format!("\"{name}\" names several classes this year: {names}; write one of them"),
                    )
                    .with("class", name)
                    .with("classes", names),
                ))
            }
        }
    }
}

fn day_closed(day: NaiveDate) -> AppError {
    AppError::Locked(
        Msg::new(
            "day_closed",
            format!("the desk's day {day} is closed; nothing more can be booked, voided or refunded on it"),
        )
        .with("date", day),
    )
}
