//! Fee math (issue 17, item 1): money as whole rupiah in an `i64` with
//! checked arithmetic (never floating point), fee periods (a month of the
//! academic year), discounts applied in one documented order, the
//! allocation of a payment to open invoices, and the amount in words for a
//! receipt, in Indonesian and in English.
//!
//! Pure: no IO, no clock. The app stores what this computes.

use crate::records::{
    BankLine, CashDay, FeeAccount, FeeAllocation, FeeAssignment, FeeDiscount, FeeItem, FeeRefund,
    Invoice, InvoiceLine, Payment, ReceiptCounter,
};
use crate::validate::Checks;
use crate::{Id, Invalid, Msg};
use chrono::{Datelike, NaiveDate};

/// An amount of money in whole rupiah. The rupiah has no minor unit in use.
pub type Rupiah = i64;

/// The largest amount a single fee, discount or payment may be: a thousand
/// trillion rupiah, far beyond any school's, and small enough that sums of
/// millions of them cannot overflow an `i64`.
pub const MAX_AMOUNT: Rupiah = 1_000_000_000_000_000;

/// The id of the school's one [`crate::FeeSettings`] row: a fixed id, so two
/// desktops saving the settings for the first time at once cannot make two.
pub const SETTINGS_ID: Id = Id::from_u128(0x0000_0017_fee5_0000_0000_0000_0000_0001);

/// `a + b`, or an error naming `what` when the sum does not fit.
pub fn add(a: Rupiah, b: Rupiah, what: &str) -> Result<Rupiah, Msg> {
    a.checked_add(b).ok_or_else(|| overflow(what))
}

/// `a - b`, or an error naming `what` when the difference does not fit.
pub fn sub(a: Rupiah, b: Rupiah, what: &str) -> Result<Rupiah, Msg> {
    a.checked_sub(b).ok_or_else(|| overflow(what))
}

/// The sum of `amounts`, checked.
pub fn sum<I: IntoIterator<Item = Rupiah>>(amounts: I, what: &str) -> Result<Rupiah, Msg> {
    amounts.into_iter().try_fold(0, |acc, a| add(acc, a, what))
}

fn overflow(what: &str) -> Msg {
    Msg::new("amount_too_large", format!("the {what} is too large")).with("what", what)
}

/// Checks an amount a person typed: more than zero and at most
/// [`MAX_AMOUNT`]. `field` names it in the message.
pub fn check_amount(field: &str, amount: Rupiah) -> Result<(), Msg> {
    if amount <= 0 {
        return Err(Msg::new(
            "amount_not_positive",
            format!(
                "the {field} must be more than Rp 0 (it is {})",
                format_rupiah(amount)
            ),
        )
        .with("field", field)
        .with("amount", amount));
    }
    if amount > MAX_AMOUNT {
        return Err(
            Msg::new("amount_too_large", format!("the {field} is too large")).with("what", field),
        );
    }
    Ok(())
}

/// Reads an amount as people write it: `250000`, `250.000`, `Rp 250.000`,
/// `Rp250,000`. Dots, commas and spaces between digits group thousands; a
/// decimal part (`250.000,50`) is refused because the rupiah has no cents.
pub fn parse_rupiah(text: &str) -> Result<Rupiah, Msg> {
    let bad = || {
        Msg::new(
            "not_an_amount",
            format!("\"{text}\" is not an amount in rupiah (write it as 250000 or 250.000)"),
        )
        .with("value", text)
    };
    let t = text.trim();
    let t = match t.get(..2) {
        // "Rp 250.000", "Rp. 250.000"
        Some(p) if p.eq_ignore_ascii_case("rp") => t[2..].trim_start_matches('.').trim(),
        _ => t,
    };
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, t),
    };
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(bad());
    }
    // Grouping: every group after the first has exactly three digits.
    let groups: Vec<&str> = t.split(['.', ',', ' ']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad());
    }
    let digits: String = groups.concat();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let value: Rupiah = digits.parse().map_err(|_| bad())?;
    Ok(if negative { -value } else { value })
}

/// Reads an amount as a bank's statement prints it: `250,000.00` (the
/// English way, as BCA exports), `250.000,00` (the Indonesian way),
/// `Rp 250.000`, `250000`. A last separator followed by exactly two digits
/// starts the cents, which must be `00` (the rupiah has none in use);
/// other separators group thousands.
pub fn parse_bank_amount(text: &str) -> Result<Rupiah, Msg> {
    let bad = || {
        Msg::new(
            "not_a_bank_amount",
            format!("\"{text}\" is not an amount (a bank writes 250,000.00 or 250.000,00)"),
        )
        .with("value", text)
    };
    let t = text.trim();
    let t = match t.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("rp") => t[2..].trim_start_matches('.').trim(),
        _ => t,
    };
    let (whole, cents) = match t.rfind(['.', ',']) {
        Some(at) if t.len() - at - 1 == 2 => (&t[..at], Some(&t[at + 1..])),
        _ => (t, None),
    };
    if let Some(cents) = cents {
        if !cents.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if cents != "00" {
            return Err(Msg::new(
                "bank_amount_has_cents",
                format!("\"{text}\" has cents; the rupiah has none in use"),
            )
            .with("value", text));
        }
    }
    let groups: Vec<&str> = whole.split(['.', ',', ' ']).collect();
    if whole.is_empty()
        || (groups.len() > 1
            && (groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3)))
    {
        return Err(bad());
    }
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    digits.parse().map_err(|_| bad())
}

/// An amount as Indonesian offices print it: `Rp 1.250.000`, `-Rp 5.000`.
pub fn format_rupiah(amount: Rupiah) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if amount < 0 {
        format!("-Rp {grouped}")
    } else {
        format!("Rp {grouped}")
    }
}

// ---------------------------------------------------------------------------
// Periods

/// A billing period: one calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// Reads `YYYY-MM`; the message names the text.
    pub fn parse(text: &str) -> Result<Period, Msg> {
        let bad = || {
            Msg::new(
                "not_a_period",
                format!("\"{text}\" is not a month; write it as YYYY-MM, e.g. 2025-08"),
            )
            .with("value", text)
        };
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1900..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Period { year, month })
    }

    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid period")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a day before")
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The date a fee of this period is due: `due_day` of the month
    /// (1 to 28, so every month has it).
    pub fn due_date(self, due_day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, due_day.clamp(1, 28)).expect("day 1..=28")
    }

    /// The months from the one `start` falls in to the one `end` falls in:
    /// an academic year's months (July to June).
    pub fn months(start: NaiveDate, end: NaiveDate) -> Vec<Period> {
        let (first, last) = (Period::of(start), Period::of(end));
        let mut out = Vec::new();
        let mut p = first;
        while p <= last {
            out.push(p);
            p = p.next();
        }
        out
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// How often a fee item is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Once, in the given month (uang gedung, an exam fee, a uniform).
    Once(Period),
    /// Every month of the academic year (SPP).
    Monthly,
}

impl Schedule {
    /// Whether a fee on this schedule is billed in `period` of the academic
    /// year running `year_start..=year_end`.
    pub fn bills(self, period: Period, year_start: NaiveDate, year_end: NaiveDate) -> bool {
        let in_year = Period::of(year_start) <= period && period <= Period::of(year_end);
        match self {
            Schedule::Once(p) => p == period && in_year,
            Schedule::Monthly => in_year,
        }
    }
}

/// The stored names of the schedule kinds.
pub fn check_schedule(value: &str) -> Result<(), Msg> {
    crate::validate::one_of(value, &["once", "monthly"])
}

/// A due day: 1 to 28, so that every month has it.
pub fn check_due_day(value: i64) -> Result<(), Msg> {
    crate::validate::range("due day", value, 1, 28)
}

// ---------------------------------------------------------------------------
// Discounts

/// One discount or waiver given to a student.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// A share of the fee in basis points: 2_500 is 25 %, 10_000 is a full
    /// waiver.
    Percent(i64),
    /// A fixed amount off the fee.
    Fixed(Rupiah),
}

impl Discount {
    /// Checks a discount as an administrator types it; `field` names it.
    pub fn check(self) -> Result<(), Msg> {
        match self {
            Discount::Percent(bp) if !(1..=10_000).contains(&bp) => Err(Msg::new(
                "discount_percent_range",
                format!(
                    "a discount must be more than 0 % and at most 100 % (it is {})",
                    format_percent(bp)
                ),
            )
            .with("value", format_percent(bp))),
            Discount::Percent(_) => Ok(()),
            Discount::Fixed(amount) => check_amount("discount", amount),
        }
    }
}

/// Basis points as people write a percentage: `25 %`, `12,5 %`.
pub fn format_percent(bp: i64) -> String {
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    if frac == 0 {
        format!("{whole} %")
    } else if frac % 10 == 0 {
        format!("{whole},{} %", frac / 10)
    } else {
        format!("{whole},{frac:02} %")
    }
}

/// A fee after its discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Priced {
    pub gross: Rupiah,
    pub discount: Rupiah,
    pub net: Rupiah,
}

/// Applies a student's discounts to one fee of `gross` rupiah, in the one
/// order the school's statements explain:
///
/// 1. **Percentages first, together, on the gross fee.** Their basis
///    points are added (two discounts of 50 % waive the fee; more than
///    100 % in total counts as 100 %) and the discount is
///    `gross × points / 10 000` rounded **half up to the whole rupiah**
///    (Rp 12.345 at 50 % is Rp 6.173 off; at 25 % Rp 3.086). Adding first
///    means the order in which discounts were given does not matter.
/// 2. **Then fixed amounts**, each taking off what it says, but never more
///    than is left: a fee is never below Rp 0 and the rest of a fixed
///    discount is not carried anywhere.
///
/// A gross fee of zero or less is returned unchanged.
pub fn apply_discounts(gross: Rupiah, discounts: &[Discount]) -> Priced {
    if gross <= 0 {
        return Priced {
            gross,
            discount: 0,
            net: gross,
        };
    }
    let points: i64 = discounts
        .iter()
        .map(|d| match d {
            Discount::Percent(bp) => (*bp).clamp(0, 10_000),
            Discount::Fixed(_) => 0,
        })
        .fold(0i64, |a, b| a.saturating_add(b))
        .min(10_000);
    // In i128: gross × 10 000 cannot overflow there.
    let percent_off = ((gross as i128 * points as i128 + 5_000) / 10_000) as i64;
    let mut left = gross - percent_off;
    for d in discounts {
        if let Discount::Fixed(amount) = d {
            left -= (*amount).clamp(0, left);
        }
    }
    Priced {
        gross,
        discount: gross - left,
        net: left,
    }
}

// ---------------------------------------------------------------------------
// Allocation

/// An invoice with something left to pay, as allocation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub id: Id,
    pub period: Period,
    pub due: NaiveDate,
    /// What is left to pay; more than zero.
    pub owed: Rupiah,
}

/// Where a payment goes: amounts per invoice, and the rest kept as credit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    pub parts: Vec<(Id, Rupiah)>,
    pub credit: Rupiah,
}

/// Allocates `amount` to `open` invoices: the oldest first (by due date,
/// then period, then id), or, when the bursar chose invoices, only those
/// in the order chosen. Each invoice gets at most what it owes; what is
/// left is credit. Invoices that owe nothing are passed over. The parts
/// plus the credit are exactly `amount`.
pub fn allocate(amount: Rupiah, open: &[OpenInvoice], chosen: Option<&[Id]>) -> Allocation {
    let order: Vec<&OpenInvoice> = match chosen {
        Some(ids) => ids
            .iter()
            .filter_map(|id| open.iter().find(|o| o.id == *id))
            .collect(),
        None => {
            let mut all: Vec<&OpenInvoice> = open.iter().collect();
            all.sort_by_key(|o| (o.due, o.period, o.id));
            all
        }
    };
    let mut left = amount.max(0);
    let mut parts = Vec::new();
    for invoice in order {
        if left == 0 {
            break;
        }
        if invoice.owed <= 0 || parts.iter().any(|(id, _)| *id == invoice.id) {
            continue;
        }
        let take = invoice.owed.min(left);
        parts.push((invoice.id, take));
        left -= take;
    }
    Allocation {
        parts,
        credit: left,
    }
}

// ---------------------------------------------------------------------------
// Settling: where a student's money sits

/// What put an allocation row there. Rows are only ever added; what an
/// invoice was paid is the sum of its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placed {
    /// Booked with the payment: what its receipt lists.
    Payment,
    /// The student's credit (a payment's money not placed) applied to an
    /// invoice later.
    Credit,
    /// Below zero: an invoice lowered under what was paid towards it gives
    /// the part back to the payment, as credit.
    Release,
}

impl Placed {
    pub fn as_str(self) -> &'static str {
        match self {
            Placed::Payment => "payment",
            Placed::Credit => "credit",
            Placed::Release => "release",
        }
    }
}

/// An invoice that stands (not voided), as settling sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookInvoice {
    pub id: Id,
    pub period: Period,
    pub due: NaiveDate,
    /// Billed − discounts of its lines.
    pub net: Rupiah,
}

/// One allocation row to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub payment: Id,
    pub invoice: Id,
    pub amount: Rupiah,
    pub kind: Placed,
}

/// One student's money: the invoices that stand, the payments that stand
/// (oldest first), what each payment placed on each invoice, and what was
/// refunded. Voided invoices and payments are left out, and so is what
/// was placed on them: that money is no longer placed.
///
/// **Settled** means: no invoice is paid beyond its net, and the student
/// has no credit while an invoice is open. Then the credit is exactly
/// −balance when the balance is below zero, and what the open invoices
/// owe is exactly the balance above zero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Book {
    pub invoices: Vec<BookInvoice>,
    /// Payments that stand, oldest first: (id, amount).
    pub payments: Vec<(Id, Rupiah)>,
    /// The sum of the rows per (payment, invoice), both standing.
    pub placed: std::collections::BTreeMap<(Id, Id), Rupiah>,
    pub refunded: Rupiah,
}

impl Book {
    /// Paid towards `invoice`.
    pub fn paid(&self, invoice: Id) -> Rupiah {
        self.placed
            .iter()
            .filter(|((_, i), _)| *i == invoice)
            .map(|(_, a)| *a)
            .sum()
    }

    /// The part of `payment` not placed on any invoice.
    pub fn free(&self, payment: Id) -> Rupiah {
        let amount = self
            .payments
            .iter()
            .find(|(id, _)| *id == payment)
            .map_or(0, |(_, a)| *a);
        let placed: Rupiah = self
            .placed
            .iter()
            .filter(|((p, _), _)| *p == payment)
            .map(|(_, a)| *a)
            .sum();
        amount - placed
    }

    /// Money paid and not placed on an invoice, less what was refunded.
    pub fn credit(&self) -> Rupiah {
        let free: Rupiah = self.payments.iter().map(|(id, _)| self.free(*id)).sum();
        free - self.refunded
    }

    /// The invoices with something left to pay.
    pub fn open(&self) -> Vec<OpenInvoice> {
        self.invoices
            .iter()
            .filter_map(|i| {
                let owed = i.net - self.paid(i.id);
                (owed > 0).then_some(OpenInvoice {
                    id: i.id,
                    period: i.period,
                    due: i.due,
                    owed,
                })
            })
            .collect()
    }

    /// Records a row (the caller stores it).
    pub fn place(&mut self, m: Move) {
        *self.placed.entry((m.payment, m.invoice)).or_default() += m.amount;
    }

    /// The rows that settle the book (see [`Book`]), already applied to it:
    ///
    /// 1. An invoice paid beyond its net (a plan or discount lowered it)
    ///    gives the excess back, taken from the newest payment on it first
    ///    (`Release`, below zero).
    /// 2. The credit then goes to the open invoices, the oldest first (as a
    ///    payment would), taken from the oldest payment with money not
    ///    placed first; refunds count as having taken the oldest such money
    ///    (`Credit`).
    ///
    /// The account's totals do not change: only where the money sits.
    pub fn settle(&mut self) -> Vec<Move> {
        let mut moves = Vec::new();
        let invoices: Vec<(Id, Rupiah)> = self.invoices.iter().map(|i| (i.id, i.net)).collect();
        for (invoice, net) in invoices {
            let mut excess = self.paid(invoice) - net.max(0);
            for (payment, _) in self.payments.clone().iter().rev() {
                if excess <= 0 {
                    break;
                }
                let on = self.placed.get(&(*payment, invoice)).copied().unwrap_or(0);
                let take = on.min(excess);
                if take > 0 {
                    let m = Move {
                        payment: *payment,
                        invoice,
                        amount: -take,
                        kind: Placed::Release,
                    };
                    self.place(m);
                    moves.push(m);
                    excess -= take;
                }
            }
        }
        // What each payment can still give: its free money, less the
        // refunds (taken from the oldest first).
        let mut refunds = self.refunded;
        let mut available: Vec<(Id, Rupiah)> = Vec::new();
        for (payment, _) in &self.payments {
            let free = self.free(*payment).max(0);
            let taken = free.min(refunds.max(0));
            refunds -= taken;
            if free - taken > 0 {
                available.push((*payment, free - taken));
            }
        }
        let mut open = self.open();
        open.sort_by_key(|o| (o.due, o.period, o.id));
        let mut source = available.into_iter();
        let mut current = source.next();
        for invoice in open {
            let mut owed = invoice.owed;
            while owed > 0 {
                let Some((payment, left)) = current.as_mut() else {
                    break;
                };
                let take = owed.min(*left);
                let m = Move {
                    payment: *payment,
                    invoice: invoice.id,
                    amount: take,
                    kind: Placed::Credit,
                };
                self.place(m);
                moves.push(m);
                owed -= take;
                *left -= take;
                if *left == 0 {
                    current = source.next();
                }
            }
        }
        moves
    }
}

// ---------------------------------------------------------------------------
// Amounts in words

const ID_ONES: [&str; 10] = [
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
];

/// 1..=999 in Indonesian: "seratus", "sebelas", "dua belas", "dua puluh satu".
fn id_below_thousand(n: u64) -> String {
    let mut words: Vec<String> = Vec::new();
    let (hundreds, rest) = (n / 100, n % 100);
    match hundreds {
        0 => {}
        1 => words.push("seratus".into()),
        h => words.push(format!("{} ratus", ID_ONES[h as usize])),
    }
    match rest {
        0 => {}
        10 => words.push("sepuluh".into()),
        11 => words.push("sebelas".into()),
        12..=19 => words.push(format!("{} belas", ID_ONES[(rest - 10) as usize])),
        1..=9 => words.push(ID_ONES[rest as usize].into()),
        _ => {
            words.push(format!("{} puluh", ID_ONES[(rest / 10) as usize]));
            if rest % 10 > 0 {
                words.push(ID_ONES[(rest % 10) as usize].into());
            }
        }
    }
    words.join(" ")
}

fn id_words(n: u64) -> String {
    if n == 0 {
        return "nol".into();
    }
    const TRILLION: u64 = 1_000_000_000_000;
    if n >= TRILLION * 1_000 {
        // Beyond "sembilan ratus … triliun": count the trillions in words.
        let rest = n % TRILLION;
        let head = format!("{} triliun", id_words(n / TRILLION));
        return if rest == 0 {
            head
        } else {
            format!("{head} {}", id_words(rest))
        };
    }
    let scales = [
        (TRILLION, "triliun"),
        (1_000_000_000, "miliar"),
        (1_000_000, "juta"),
        (1_000, "ribu"),
        (1, ""),
    ];
    let mut words = Vec::new();
    let mut left = n;
    for (size, name) in scales {
        let group = left / size;
        left %= size;
        if group == 0 {
            continue;
        }
        if size == 1_000 && group == 1 {
            words.push("seribu".to_string());
        } else if name.is_empty() {
            words.push(id_below_thousand(group));
        } else {
            words.push(format!("{} {name}", id_below_thousand(group)));
        }
    }
    words.join(" ")
}

/// An amount in Indonesian words, as a kwitansi spells it: 250 000 is
/// "dua ratus lima puluh ribu rupiah", 1 000 is "seribu rupiah",
/// 111 is "seratus sebelas rupiah". A negative amount starts "minus".
pub fn words_id(amount: Rupiah) -> String {
    let words = id_words(amount.unsigned_abs());
    if amount < 0 {
        format!("minus {words} rupiah")
    } else {
        format!("{words} rupiah")
    }
}

const EN_ONES: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_below_thousand(n: u64) -> String {
    let mut words = Vec::new();
    let (hundreds, rest) = (n / 100, n % 100);
    if hundreds > 0 {
        words.push(format!("{} hundred", EN_ONES[hundreds as usize]));
    }
    match rest {
        0 => {}
        1..=19 => words.push(EN_ONES[rest as usize].to_string()),
        _ if rest % 10 == 0 => words.push(EN_TENS[(rest / 10) as usize].to_string()),
        _ => words.push(format!(
            "{}-{}",
            EN_TENS[(rest / 10) as usize],
            EN_ONES[(rest % 10) as usize]
        )),
    }
    words.join(" ")
}

fn en_words(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    const TRILLION: u64 = 1_000_000_000_000;
    if n >= TRILLION * 1_000 {
        let rest = n % TRILLION;
        let head = format!("{} trillion", en_words(n / TRILLION));
        return if rest == 0 {
            head
        } else {
            format!("{head} {}", en_words(rest))
        };
    }
    let scales = [
        (TRILLION, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
        (1, ""),
    ];
    let mut words = Vec::new();
    let mut left = n;
    for (size, name) in scales {
        let group = left / size;
        left %= size;
        if group == 0 {
            continue;
        }
        if name.is_empty() {
            words.push(en_below_thousand(group));
        } else {
            words.push(format!("{} {name}", en_below_thousand(group)));
        }
    }
    words.join(" ")
}

/// An amount in English words for the English receipt (short scale, no
/// "and"): 250 000 is "two hundred fifty thousand rupiah".
pub fn words_en(amount: Rupiah) -> String {
    let words = en_words(amount.unsigned_abs());
    if amount < 0 {
        format!("minus {words} rupiah")
    } else {
        format!("{words} rupiah")
    }
}

// ---------------------------------------------------------------------------
// The fee records' checks

crate::validate::field_checks_only!(
    Invoice,
    InvoiceLine,
    ReceiptCounter,
    Payment,
    FeeAllocation,
    FeeRefund,
    CashDay,
    FeeAccount,
    BankLine
);

impl FeeItem {
    /// Its fields, and a one-off fee's month (which a monthly one has not).
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        match (self.schedule.as_str(), &self.once_period) {
            ("once", None) => c.check(
                "once_period",
                Err(Msg::new(
                    "once_needs_month",
                    "a one-off fee needs the month it is billed in (YYYY-MM)",
                )),
            ),
            ("monthly", Some(_)) => c.check(
                "once_period",
                Err(Msg::new(
                    "monthly_has_no_month",
                    "a monthly fee is billed every month of the year; leave the month empty",
                )),
            ),
            _ => {}
        }
        c.finish(Self::FIELDS)
    }

    /// Its schedule as the math reads it (a checked item has one).
    pub fn schedule(&self) -> Option<Schedule> {
        match (self.schedule.as_str(), &self.once_period) {
            ("monthly", _) => Some(Schedule::Monthly),
            ("once", Some(p)) => Period::parse(p).ok().map(Schedule::Once),
            _ => None,
        }
    }
}

impl FeeAssignment {
    /// Exactly one of grade level, class and student.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        let set = [
            self.grade_level.is_some(),
            self.class_id.is_some(),
            self.student_id.is_some(),
        ]
        .iter()
        .filter(|s| **s)
        .count();
        if set != 1 {
            c.check(
                "grade_level",
                Err(Msg::new(
                    "assign_one_target",
                    "bill a fee to exactly one of: a grade level, a class, a student",
                )),
            );
        }
        c.finish(Self::FIELDS)
    }
}

impl FeeDiscount {
    /// Its fields, and its value as a percentage (more than 0, at most
    /// 100 %) or an amount (more than Rp 0).
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        if let Some(d) = self.discount() {
            c.check("value", d.check());
        }
        c.finish(Self::FIELDS)
    }

    pub fn discount(&self) -> Option<Discount> {
        match self.kind.as_str() {
            "percent" => Some(Discount::Percent(self.value)),
            "fixed" => Some(Discount::Fixed(self.value)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_invoice(n: u8, month: u32, net: Rupiah) -> BookInvoice {
        BookInvoice {
            id: test_id(n),
            period: Period { year: 2025, month },
            due: NaiveDate::from_ymd_opt(2025, month, 10).unwrap(),
            net,
        }
    }

    fn test_id(n: u8) -> Id {
        let mut b = [0u8; 16];
        b[15] = n;
        Id::from_bytes(b)
    }

    /// Settled: nothing paid beyond its net, no credit beside an open
    /// invoice, and credit and owed each agree with the balance.
    fn assert_settled(book: &Book) {
        let billed: Rupiah = book.invoices.iter().map(|i| i.net).sum();
        let paid: Rupiah = book.payments.iter().map(|p| p.1).sum();
        let balance = billed - paid + book.refunded;
        for i in &book.invoices {
            assert!((0..=i.net).contains(&book.paid(i.id)), "{i:?}");
        }
        let owed: Rupiah = book.open().iter().map(|o| o.owed).sum();
        assert_eq!(book.credit(), (-balance).max(0), "{book:?}");
        assert_eq!(owed, balance.max(0), "{book:?}");
        for (p, amount) in &book.payments {
            assert!((0..=*amount).contains(&book.free(*p)));
        }
    }

    #[test]
    fn settling_releases_an_overpaid_invoice_and_applies_credit() {
        let (aug, sep) = (book_invoice(1, 8, 125_000), book_invoice(2, 9, 250_000));
        let (p1, p2) = (test_id(11), test_id(12));
        // August was 250 000, paid by two payments, then lowered to 125 000.
        let mut book = Book {
            invoices: vec![aug.clone()],
            payments: vec![(p1, 150_000), (p2, 100_000)],
            ..Book::default()
        };
        book.place(Move {
            payment: p1,
            invoice: aug.id,
            amount: 150_000,
            kind: Placed::Payment,
        });
        book.place(Move {
            payment: p2,
            invoice: aug.id,
            amount: 100_000,
            kind: Placed::Payment,
        });
        let moves = book.settle();
        // The newest payment gives back first.
        assert_eq!(
            moves,
            vec![
                Move {
                    payment: p2,
                    invoice: aug.id,
                    amount: -100_000,
                    kind: Placed::Release
                },
                Move {
                    payment: p1,
                    invoice: aug.id,
                    amount: -25_000,
                    kind: Placed::Release
                }
            ]
        );
        assert_eq!(book.credit(), 125_000);
        assert_settled(&book);
        assert!(book.settle().is_empty(), "settled twice moves nothing");
        // September is billed: the credit pays half of it, oldest money first.
        book.invoices.push(sep.clone());
        let moves = book.settle();
        assert_eq!(
            moves,
            vec![
                Move {
                    payment: p1,
                    invoice: sep.id,
                    amount: 25_000,
                    kind: Placed::Credit
                },
                Move {
                    payment: p2,
                    invoice: sep.id,
                    amount: 100_000,
                    kind: Placed::Credit
                }
            ]
        );
        assert_eq!((book.credit(), book.open()[0].owed), (0, 125_000));
        assert_settled(&book);
    }

    #[test]
    fn bank_amounts() {
        for (text, want) in [
            ("250,000.00", 250_000),
            ("250.000,00", 250_000),
            ("1,250,000.00", 1_250_000),
            ("Rp 250.000", 250_000),
            ("250000", 250_000),
            ("250000.00", 250_000),
            ("75.00", 75),
        ] {
            assert_eq!(parse_bank_amount(text), Ok(want), "{text}");
        }
        for (text, code) in [
            ("250,000.50", "bank_amount_has_cents"),
            ("", "not_a_bank_amount"),
            ("abc", "not_a_bank_amount"),
            ("25,00,000.00", "not_a_bank_amount"),
            ("-250,000.00", "not_a_bank_amount"),
        ] {
            assert_eq!(parse_bank_amount(text).unwrap_err().code, code, "{text}");
        }
    }

    #[test]
    fn settling_leaves_refunded_credit_alone() {
        let (aug, sep) = (book_invoice(1, 8, 100_000), book_invoice(2, 9, 100_000));
        let (p1, p2) = (test_id(11), test_id(12));
        let mut book = Book {
            invoices: vec![aug.clone(), sep.clone()],
            payments: vec![(p1, 130_000), (p2, 50_000)],
            refunded: 20_000,
            ..Book::default()
        };
        book.place(Move {
            payment: p1,
            invoice: aug.id,
            amount: 100_000,
            kind: Placed::Payment,
        });
        // p1's free 30 000: 20 000 of it was refunded; 10 000 and p2's 50 000 go to September.
        let moves = book.settle();
        assert_eq!(
            moves
                .iter()
                .map(|m| (m.payment, m.amount))
                .collect::<Vec<_>>(),
            vec![(p1, 10_000), (p2, 50_000)]
        );
        assert_eq!(book.open()[0].owed, 40_000);
        assert_settled(&book);
    }

    #[test]
    fn settling_random_books() {
        // A small deterministic generator: books of up to four invoices and
        // payments, placed at random (even beyond what invoices bill, as a
        // lowering leaves them), then settled.
        let mut seed = 0x5eed_u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..2_000 {
            let mut book = Book::default();
            for n in 0..next(4) as u8 + 1 {
                book.invoices.push(book_invoice(
                    n,
                    7 + u32::from(n),
                    next(5) as Rupiah * 50_000,
                ));
            }
            for n in 0..next(4) as u8 {
                let amount = 1 + next(6) as Rupiah * 40_000;
                let payment = test_id(100 + n);
                book.payments.push((payment, amount));
                let mut left = amount;
                for i in book.invoices.clone() {
                    let take = (next(3) as Rupiah * 60_000).min(left);
                    if take > 0 && next(2) == 0 {
                        book.place(Move {
                            payment,
                            invoice: i.id,
                            amount: take,
                            kind: Placed::Payment,
                        });
                        left -= take;
                    }
                }
            }
            // Refund at most what is free overall (as refunds are checked).
            let free: Rupiah = book.payments.iter().map(|p| book.free(p.0)).sum();
            let excess: Rupiah = book
                .invoices
                .iter()
                .map(|i| (book.paid(i.id) - i.net).max(0))
                .sum();
            book.refunded = (next(3) as Rupiah * 30_000).min(free + excess);
            book.settle();
            assert_settled(&book);
        }
    }

    #[test]
    fn indonesian_words() {
        let cases: &[(i64, &str)] = &[
            (0, "nol"),
            (1, "satu"),
            (9, "sembilan"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (21, "dua puluh satu"),
            (99, "sembilan puluh sembilan"),
            (100, "seratus"),
            (101, "seratus satu"),
            (110, "seratus sepuluh"),
            (111, "seratus sebelas"),
            (115, "seratus lima belas"),
            (200, "dua ratus"),
            (999, "sembilan ratus sembilan puluh sembilan"),
            (1_000, "seribu"),
            (1_001, "seribu satu"),
            (1_100, "seribu seratus"),
            (1_500, "seribu lima ratus"),
            (2_000, "dua ribu"),
            (11_000, "sebelas ribu"),
            (12_500, "dua belas ribu lima ratus"),
            (100_000, "seratus ribu"),
            (101_000, "seratus satu ribu"),
            (250_000, "dua ratus lima puluh ribu"),
            (1_000_000, "satu juta"),
            (1_001_000, "satu juta seribu"),
            (1_250_000, "satu juta dua ratus lima puluh ribu"),
            (10_000_000, "sepuluh juta"),
            (111_111_111, "seratus sebelas juta seratus sebelas ribu seratus sebelas"),
            (1_000_000_000, "satu miliar"),
            (2_000_001_000, "dua miliar seribu"),
            (1_000_000_000_000, "satu triliun"),
            (
                999_999_999_999_999,
                "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
            ),
            (1_000_000_000_000_000, "seribu triliun"),
            (1_000_000_000_000_001, "seribu triliun satu"),
        ];
        for (n, words) in cases {
            assert_eq!(words_id(*n), format!("{words} rupiah"), "{n}");
        }
        assert_eq!(words_id(-5_000), "minus lima ribu rupiah");
        // The largest i64 is spelled, not a panic.
        assert!(words_id(i64::MAX).starts_with("sembilan juta"));
        assert!(words_id(i64::MIN).starts_with("minus sembilan juta"));
    }

    #[test]
    fn english_words() {
        let cases: &[(i64, &str)] = &[
            (0, "zero"),
            (7, "seven"),
            (13, "thirteen"),
            (40, "forty"),
            (45, "forty-five"),
            (100, "one hundred"),
            (1_000, "one thousand"),
            (1_015, "one thousand fifteen"),
            (250_000, "two hundred fifty thousand"),
            (1_250_000, "one million two hundred fifty thousand"),
            (3_000_000_000, "three billion"),
            (7_000_000_000_021, "seven trillion twenty-one"),
            (1_000_000_000_000_000, "one thousand trillion"),
        ];
        for (n, words) in cases {
            assert_eq!(words_en(*n), format!("{words} rupiah"), "{n}");
        }
    }

    #[test]
    fn figures() {
        assert_eq!(format_rupiah(0), "Rp 0");
        assert_eq!(format_rupiah(999), "Rp 999");
        assert_eq!(format_rupiah(1_000), "Rp 1.000");
        assert_eq!(format_rupiah(1_250_000), "Rp 1.250.000");
        assert_eq!(format_rupiah(-5_000), "-Rp 5.000");
        for (text, value) in [
            ("250000", 250_000),
            ("250.000", 250_000),
            ("Rp 250.000", 250_000),
            ("Rp250,000", 250_000),
            ("1 250 000", 1_250_000),
            ("-5000", -5_000),
            ("0", 0),
        ] {
            assert_eq!(parse_rupiah(text), Ok(value), "{text}");
        }
        for text in [
            "",
            "abc",
            "25.00",
            "250.000,50",
            "1.2345",
            "Rp",
            "12x",
            ".5",
        ] {
            let err = parse_rupiah(text).unwrap_err();
            assert_eq!(err.code, "not_an_amount", "{text}");
        }
        assert_eq!(
            parse_rupiah("99999999999999999999").unwrap_err().code,
            "not_an_amount"
        );
    }

    #[test]
    fn amounts_must_be_positive_and_bounded() {
        assert_eq!(
            check_amount("amount", 0).unwrap_err().code,
            "amount_not_positive"
        );
        assert_eq!(
            check_amount("amount", -1).unwrap_err().code,
            "amount_not_positive"
        );
        assert!(check_amount("amount", 0)
            .unwrap_err()
            .text
            .contains("amount"));
        assert_eq!(
            check_amount("amount", MAX_AMOUNT + 1).unwrap_err().code,
            "amount_too_large"
        );
        assert!(check_amount("amount", 1).is_ok());
        assert!(check_amount("amount", MAX_AMOUNT).is_ok());
        assert_eq!(
            add(i64::MAX, 1, "total").unwrap_err().code,
            "amount_too_large"
        );
        assert_eq!(
            sub(i64::MIN, 1, "total").unwrap_err().code,
            "amount_too_large"
        );
        assert_eq!(sum([1, 2, 3], "total"), Ok(6));
        assert!(sum([i64::MAX, 1], "total").is_err());
    }

    #[test]
    fn discounts_in_their_documented_order() {
        use Discount::*;
        // (gross, discounts, expected discount)
        let cases: &[(i64, &[Discount], i64)] = &[
            (250_000, &[], 0),
            (250_000, &[Percent(5_000)], 125_000),
            (12_345, &[Percent(5_000)], 6_173), // 6 172,5 rounds half up
            (12_345, &[Percent(2_500)], 3_086), // 3 086,25 rounds down
            (10, &[Percent(1)], 0),             // 0,001 rounds to nothing
            (50_000, &[Percent(1)], 5),
            (250_000, &[Percent(10_000)], 250_000),
            (250_000, &[Percent(6_000), Percent(6_000)], 250_000), // capped at 100 %
            (250_000, &[Fixed(50_000)], 50_000),
            (250_000, &[Fixed(300_000)], 250_000), // never below zero
            // Percent on the gross first, then fixed; either order given.
            (200_000, &[Percent(2_500), Fixed(20_000)], 70_000),
            (200_000, &[Fixed(20_000), Percent(2_500)], 70_000),
            (200_000, &[Fixed(20_000), Fixed(30_000)], 50_000),
            (0, &[Percent(5_000)], 0),
        ];
        for (gross, discounts, off) in cases {
            let p = apply_discounts(*gross, discounts);
            assert_eq!(p.discount, *off, "{gross} {discounts:?}");
            assert_eq!(p.net, gross - off);
            assert!(p.net >= 0);
        }
        assert_eq!(apply_discounts(-500, &[Percent(5_000)]).net, -500);
        // A huge fee does not overflow the percentage.
        let p = apply_discounts(MAX_AMOUNT, &[Percent(3_333)]);
        assert_eq!(p.discount, 333_300_000_000_000);
    }

    #[test]
    fn discount_checks() {
        assert_eq!(
            Discount::Percent(10_001).check().unwrap_err().code,
            "discount_percent_range"
        );
        assert!(Discount::Percent(10_001)
            .check()
            .unwrap_err()
            .text
            .contains("100,01 %"));
        assert!(Discount::Percent(0).check().is_err());
        assert!(Discount::Percent(10_000).check().is_ok());
        assert_eq!(
            Discount::Fixed(0).check().unwrap_err().code,
            "amount_not_positive"
        );
        assert_eq!(format_percent(1_250), "12,5 %");
        assert_eq!(format_percent(1_234), "12,34 %");
        assert_eq!(format_percent(1_200), "12 %");
        assert_eq!(format_percent(1_210), "12,1 %");
    }

    fn inv(n: u128, period: &str, owed: i64) -> OpenInvoice {
        let period = Period::parse(period).unwrap();
        OpenInvoice {
            id: Id::from_u128(n),
            period,
            due: period.due_date(10),
            owed,
        }
    }

    #[test]
    fn allocation_oldest_first_then_credit() {
        let open = [
            inv(3, "2025-09", 100),
            inv(1, "2025-07", 100),
            inv(2, "2025-08", 100),
        ];
        let a = allocate(250, &open, None);
        assert_eq!(
            a.parts,
            vec![
                (Id::from_u128(1), 100),
                (Id::from_u128(2), 100),
                (Id::from_u128(3), 50)
            ]
        );
        assert_eq!(a.credit, 0);
        let a = allocate(450, &open, None);
        assert_eq!(a.parts.len(), 3);
        assert_eq!(a.credit, 150);
        // Chosen: only those, in that order.
        let a = allocate(150, &open, Some(&[Id::from_u128(3), Id::from_u128(3)]));
        assert_eq!(a.parts, vec![(Id::from_u128(3), 100)]);
        assert_eq!(a.credit, 50);
        // Nothing open: all credit.
        assert_eq!(allocate(70, &[], None).credit, 70);
        // Invoices owing nothing are skipped.
        let a = allocate(10, &[inv(1, "2025-07", 0), inv(2, "2025-08", 30)], None);
        assert_eq!(a.parts, vec![(Id::from_u128(2), 10)]);
    }

    #[test]
    fn allocation_adds_up_whatever_the_input() {
        // A seeded deterministic loop: the parts plus the credit are the
        // payment, and no invoice gets more than it owes.
        let mut seed: u64 = 0x5eed;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..2_000 {
            let open: Vec<_> = (0..next(6))
                .map(|i| {
                    inv(
                        i as u128,
                        &format!("2025-{:02}", 1 + next(12)),
                        next(500) as i64,
                    )
                })
                .collect();
            let amount = next(2_000) as i64;
            let a = allocate(amount, &open, None);
            let parts: i64 = a.parts.iter().map(|p| p.1).sum();
            assert_eq!(parts + a.credit, amount);
            for (id, take) in &a.parts {
                let owed = open.iter().find(|o| o.id == *id).unwrap().owed;
                assert!(*take > 0 && *take <= owed);
            }
        }
    }

    #[test]
    fn record_checks_name_the_field() {
        let item = FeeItem {
            academic_year_id: Id::nil(),
            name: "SPP".into(),
            amount: 250_000,
            schedule: "once".into(),
            once_period: None,
            due_day: 10,
            active: true,
        };
        let err = item.validate().unwrap_err();
        assert_eq!(err.0[0].field, "once_period");
        let err = FeeItem {
            amount: -1,
            due_day: 31,
            ..item.clone()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field).collect();
        assert!(
            fields.contains(&"amount") && fields.contains(&"due_day"),
            "{fields:?}"
        );
        let monthly = FeeItem {
            schedule: "monthly".into(),
            ..item
        };
        assert!(monthly.validate().is_ok());
        assert_eq!(monthly.schedule(), Some(Schedule::Monthly));

        let discount = FeeDiscount {
            student_id: Id::nil(),
            fee_item_id: None,
            kind: "percent".into(),
            value: 10_001,
            reason: "Beasiswa".into(),
            active: true,
        };
        let err = discount.validate().unwrap_err();
        assert_eq!(err.0[0].field, "value");
        assert_eq!(err.0[0].msg.code, "discount_percent_range");
        assert!(FeeDiscount {
            value: 10_000,
            ..discount.clone()
        }
        .validate()
        .is_ok());
        assert!(FeeDiscount {
            kind: "fixed".into(),
            value: 0,
            ..discount
        }
        .validate()
        .is_err());

        let assign = FeeAssignment {
            fee_item_id: Id::nil(),
            grade_level: Some(7),
            class_id: Some(Id::nil()),
            student_id: None,
        };
        assert_eq!(
            assign.validate().unwrap_err().0[0].msg.code,
            "assign_one_target"
        );
        assert!(FeeAssignment {
            class_id: None,
            ..assign
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn periods() {
        let p = Period::parse("2025-08").unwrap();
        assert_eq!(p.to_string(), "2025-08");
        assert_eq!(
            p.due_date(10),
            NaiveDate::from_ymd_opt(2025, 8, 10).unwrap()
        );
        assert_eq!(p.last_day(), NaiveDate::from_ymd_opt(2025, 8, 31).unwrap());
        assert_eq!(
            Period::parse("2025-12").unwrap().next().to_string(),
            "2026-01"
        );
        for bad in ["2025-13", "2025-8", "25-08", "2025/08", "", "2025-00"] {
            assert_eq!(
                Period::parse(bad).unwrap_err().code,
                "not_a_period",
                "{bad}"
            );
        }
        let start = NaiveDate::from_ymd_opt(2025, 7, 14).unwrap();
        let end = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let months = Period::months(start, end);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].to_string(), "2025-07");
        assert_eq!(months[11].to_string(), "2026-06");
        assert!(Schedule::Monthly.bills(p, start, end));
        assert!(!Schedule::Monthly.bills(Period::parse("2026-07").unwrap(), start, end));
        assert!(Schedule::Once(p).bills(p, start, end));
        assert!(!Schedule::Once(p).bills(p.next(), start, end));
    }
}
