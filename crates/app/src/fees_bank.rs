//! Bank statements (issue 17, item 4): a bank's mutation export (CSV or
//! XLSX) read with a documented column mapping, its credit lines matched to
//! students, previewed without writing anything, and the lines a person
//! confirmed booked as transfer payments in one transaction — never a line
//! twice, however often the same statement is imported.
//!
//! **Column mapping.** Title rows above the header are skipped (a bank
//! puts the account, its holder and the period there). The header row is
//! the first with a date, a description and an amount column, named (any
//! case, punctuation ignored):
//!
//! | what | headers read |
//! | --- | --- |
//! | date | Tanggal, Tanggal Transaksi, Tgl, Tgl Transaksi, Date, Transaction Date, Posting Date |
//! | description | Keterangan, Uraian, Uraian Transaksi, Deskripsi, Description, Remark, Remarks |
//! | amount with CR/DB | Jumlah, Mutasi, Nominal, Amount — the mark in the cell (`250,000.00 CR`, as BCA exports) or in the next column, or a column headed CR/DB, DB/CR, D/K, Tipe, Type |
//! | or credit and debit apart | Kredit / Credit and Debit / Debet (as Mandiri exports) |
//! | reference (optional) | Referensi, No Referensi, Nomor Referensi, Reference, Ref, No Ref |
//! | balance (optional) | Saldo, Balance |
//!
//! Other columns (Cabang …) are ignored; so are blank rows and the bank's
//! totals under the lines (rows starting Saldo Awal, Saldo Akhir, Mutasi
//! Kredit, Mutasi Debet, Total, Opening/Closing Balance).
//! Dates are day first (`01/08/2025`, `01-08-2025`) or ISO (`2025-08-01`);
//! a file with a date that is only month first (`07/28/2025`, another
//! bank's layout) is refused whole, as its other dates would be misread.
//!
//! **Matching** a credit line: a student's NISN as a whole word of digits
//! in the description is a sure match; their NIS (five digits or more) or
//! their full name is an uncertain one (to be looked at); none, or two
//! students, is unmatched. A line that a live transfer of the same student
//! for the same amount within five days may already stand for (booked at
//! the desk, or from the same statement in another file) is never sure,
//! and says which receipt. Debit lines are counted, not booked.
//!
//! A line's **fingerprint** is its date, description, amount, reference and
//! the balance after it, read by value, so one statement as CSV or XLSX
//! gives the same ones; a line whose payment was voided can be booked again.
//!
//! This module writes nothing but the confirmed payments and their lines.

use crate::auth::require;
use crate::error::RowProblem;
use crate::fees::{receipt_label, Booked};
use crate::sheet::{read_rows, Format};
use crate::{App, AppError, AppResult};
use chrono::{Datelike, NaiveDate};
use schooldesk_core::fees::{self, Rupiah};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::{Filter, Query};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How sure a line's match to a student is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// The student's NISN is in the description.
    Sure,
    /// Only the student's name is: a person should look.
    Uncertain,
    Unmatched,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Sure => "sure",
            Confidence::Uncertain => "uncertain",
            Confidence::Unmatched => "unmatched",
        }
    }
}

/// A student a line was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedStudent {
    pub id: Id,
    pub nisn: String,
    pub name: String,
}

/// One credit line of the statement, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankStatementLine {
    /// The row as the spreadsheet (or the CSV's line) numbers it.
    pub row: usize,
    pub date: NaiveDate,
    pub description: String,
    pub amount: Rupiah,
    pub reference: Option<String>,
    pub fingerprint: String,
    pub student: Option<MatchedStudent>,
    pub confidence: Confidence,
    /// Booked by an earlier import of the same statement.
    pub booked: bool,
    /// A live transfer of the same student for the same amount within
    /// five days, booked otherwise (at the desk, or from the same
    /// statement in another file): its receipt number. Such a line is
    /// never sure; a person decides.
    pub possibly_booked: Option<String>,
}

/// What a statement holds, matched; nothing written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankPreview {
    pub lines: Vec<BankStatementLine>,
    /// Lines that could not be read: row, column, reason.
    pub problems: Vec<RowProblem>,
    /// Debit lines (money out), not booked.
    pub debits: usize,
}

/// A line the bursar confirmed, for the student they confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmedLine {
    pub row: usize,
    pub student_id: Id,
}

/// What a confirmation booked.
#[derive(Debug, Clone, PartialEq)]
pub struct BankBooked {
    /// Per confirmed row, its payment.
    pub booked: Vec<(usize, Booked)>,
    /// Confirmed rows booked before (by an earlier import): skipped.
    pub already: Vec<usize>,
}

/// Lower case, letters and digits only, single spaces.
fn header_key(h: &str) -> String {
    h.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const DATE: &[&str] = &[
    "tanggal",
    "tanggal transaksi",
    "tgl",
    "tgl transaksi",
    "date",
    "transaction date",
    "posting date",
];
const DESCRIPTION: &[&str] = &[
    "keterangan",
    "uraian",
    "uraian transaksi",
    "deskripsi",
    "description",
    "remark",
    "remarks",
];
const AMOUNT: &[&str] = &["jumlah", "mutasi", "nominal", "amount"];
const MARK: &[&str] = &["cr db", "db cr", "d k", "k d", "tipe", "type"];
const CREDIT: &[&str] = &["kredit", "credit"];
const DEBIT: &[&str] = &["debit", "debet"];
const REFERENCE: &[&str] = &[
    "referensi",
    "no referensi",
    "nomor referensi",
    "reference",
    "ref",
    "no ref",
];
const BALANCE: &[&str] = &["saldo", "balance"];
/// The first words of the totals a bank prints under the lines.
const FOOTER: &[&str] = &[
    "saldo awal",
    "saldo akhir",
    "mutasi kredit",
    "mutasi debet",
    "mutasi debit",
    "total",
    "opening balance",
    "closing balance",
];

/// Where each part of a line is, in the header's columns.
struct Layout {
    headers: Vec<String>,
    date: usize,
    description: usize,
    amount: AmountColumns,
    reference: Option<usize>,
    balance: Option<usize>,
}

enum AmountColumns {
    /// One amount; its CR/DB mark in the cell, or in `mark`.
    Marked {
        amount: usize,
        mark: Option<usize>,
    },
    Apart {
        credit: usize,
        debit: Option<usize>,
    },
}

fn find(keys: &[String], names: &[&str]) -> Option<usize> {
    keys.iter().position(|k| names.contains(&k.as_str()))
}

fn layout(rows: &[(usize, Vec<String>)]) -> AppResult<(usize, Layout)> {
    for (index, (_, cells)) in rows.iter().enumerate().take(30) {
        let keys: Vec<String> = cells.iter().map(|c| header_key(c)).collect();
        let (Some(date), Some(description)) = (find(&keys, DATE), find(&keys, DESCRIPTION)) else {
            continue;
        };
        let amount = match (find(&keys, AMOUNT), find(&keys, CREDIT)) {
            (Some(amount), _) => AmountColumns::Marked {
                amount,
                mark: find(&keys, MARK).or_else(|| {
                    // An unnamed column right after the amount (BCA's CSV).
                    keys.get(amount + 1)
                        .is_some_and(|k| k.is_empty())
                        .then_some(amount + 1)
                }),
            },
            (None, Some(credit)) => AmountColumns::Apart {
                credit,
                debit: find(&keys, DEBIT),
            },
            (None, None) => continue,
        };
        return Ok((
            index,
            Layout {
                headers: cells.clone(),
                date,
                description,
                amount,
                reference: find(&keys, REFERENCE),
                balance: find(&keys, BALANCE),
            },
        ));
    }
    Err(AppError::field(
        "file",
        Msg::new(
            "bank_layout_unknown",
            "this is not a bank statement this app reads: no row names a date (Tanggal), a description (Keterangan) and an amount (Jumlah with CR/DB, or Kredit) column",
        ),
    ))
}

fn parse_bank_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().trim_start_matches('\'');
    let t = t.split_whitespace().next().unwrap_or("");
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
        .filter(|d| d.year() >= 1900)
}

/// Whether a date that is not one day first would be one month first
/// (`07/28/2025`): a statement in another bank's layout.
fn month_first(text: &str) -> bool {
    let t = text.trim().trim_start_matches('\'');
    let t = t.split_whitespace().next().unwrap_or("");
    ["%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y"]
        .iter()
        .any(|f| NaiveDate::parse_from_str(t, f).is_ok())
}

/// A credit line read from the file, before matching.
struct Read {
    row: usize,
    date: NaiveDate,
    description: String,
    amount: Rupiah,
    reference: Option<String>,
    fingerprint: String,
}

/// Reads the statement: its credit lines, its problems, its debit count.
fn read_statement(format: Format, bytes: &[u8]) -> AppResult<(Vec<Read>, Vec<RowProblem>, usize)> {
    let rows = read_rows(format, bytes)?;
    let (at, layout) = layout(&rows)?;
    let column = |i: usize| {
        layout
            .headers
            .get(i)
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| format!("column {}", i + 1))
    };
    let (mut lines, mut problems, mut debits) = (Vec::new(), Vec::new(), 0);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, cells) in &rows[at + 1..] {
        let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");
        let (date_text, description) = (cell(layout.date), cell(layout.description));
        let first = header_key(
            cells
                .iter()
                .find(|c| !c.trim().is_empty())
                .map_or("", |c| c),
        );
        if FOOTER.iter().any(|f| first.starts_with(f)) {
            // The bank's totals under the lines.
            continue;
        }
        // The mark and the amount.
        let (amount_text, credit) = match layout.amount {
            AmountColumns::Marked { amount, mark } => {
                let text = cell(amount).to_string();
                let upper = text.to_uppercase();
                let mark_text = mark.map(|m| cell(m).to_uppercase()).unwrap_or_default();
                let (number_text, marked) = if let Some(t) = upper.strip_suffix("CR") {
                    (t.trim().to_string(), Some(true))
                } else if let Some(t) = upper.strip_suffix("DB") {
                    (t.trim().to_string(), Some(false))
                } else {
                    match mark_text.as_str() {
                        "CR" | "K" | "C" | "KREDIT" | "CREDIT" => (text.clone(), Some(true)),
                        "DB" | "D" | "DEBIT" | "DEBET" => (text.clone(), Some(false)),
                        _ => (text.clone(), None),
                    }
                };
                match marked {
                    Some(credit) => (number_text, credit),
                    None if text.is_empty() => (String::new(), true),
                    None => {
                        problems.push(RowProblem::new(
                            *number,
                            column(amount),
                            Msg::new(
                                "bank_mark_missing",
                                format!("\"{text}\" says neither CR (money in) nor DB (money out)"),
                            )
                            .with("value", &text),
                        ));
                        continue;
                    }
                }
            }
            AmountColumns::Apart { credit, debit } => {
                let c = cell(credit);
                if !c.is_empty() && parse_amount_or_zero(c) != Some(0) {
                    (c.to_string(), true)
                } else {
                    let d = debit.map(cell).unwrap_or("");
                    if !d.is_empty() && parse_amount_or_zero(d) != Some(0) {
                        (d.to_string(), false)
                    } else {
                        (String::new(), true)
                    }
                }
            }
        };
        if date_text.is_empty() && amount_text.is_empty() {
            // A blank row or the bank's totals under the lines.
            continue;
        }
        let Some(date) = parse_bank_date(date_text) else {
            if month_first(date_text) {
                // Another bank's layout: its dates are month first, so
                // the lines with a day up to 12 would be read on the
                // wrong date. The whole file is refused, nothing read.
                return Err(AppError::field(
                    "file",
                    Msg::new(
                        "bank_dates_month_first",
                        format!(
                            "the dates of this statement are written month first (\"{date_text}\", row {number}); this app reads them day first, as Indonesian banks write them (01/08/2025 is 1 August): export the statement with day-first dates"
                        ),
                    )
                    .with("value", date_text)
                    .with("row", number),
                ));
            }
            problems.push(RowProblem::new(
                *number,
                column(layout.date),
                Msg::new(
                    "bank_date_unreadable",
                    format!("\"{date_text}\" is not a date (write it as 01/08/2025)"),
                )
                .with("value", date_text),
            ));
            continue;
        };
        if !credit {
            debits += 1;
            continue;
        }
        let amount_column = match layout.amount {
            AmountColumns::Marked { amount, .. } => amount,
            AmountColumns::Apart { credit, .. } => credit,
        };
        let amount = match fees::parse_bank_amount(&amount_text)
            .and_then(|a| fees::check_amount("amount", a).map(|_| a))
        {
            Ok(a) => a,
            Err(m) => {
                problems.push(RowProblem::new(*number, column(amount_column), m));
                continue;
            }
        };
        if description.is_empty() {
            problems.push(RowProblem::new(
                *number,
                column(layout.description),
                Msg::new(
                    "bank_description_empty",
                    "the line has no description to match a student by",
                ),
            ));
            continue;
        }
        let reference = layout
            .reference
            .map(cell)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        // By value, so the same statement as CSV ("1,250,000.00") and as
        // XLSX (1250000) gives the same fingerprints.
        let balance = amount_key(layout.balance.map(cell).unwrap_or(""));
        let text = description.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = format!(
            "{date}|{text}|{amount}|{}|{balance}",
            reference.as_deref().unwrap_or("")
        );
        let occurrence = seen.entry(key.clone()).or_default();
        *occurrence += 1;
        let digest = Sha256::digest(format!("{key}|{occurrence}").as_bytes());
        let fingerprint: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        lines.push(Read {
            row: *number,
            date,
            description: text,
            amount,
            reference,
            fingerprint,
        });
    }
    Ok((lines, problems, debits))
}

/// An amount as a bank writes it, reduced to its value ("1.250.000,50",
/// "1,250,000.50" and "1250000.5" all give "1250000.50"): the last `.` or
/// `,` followed by one or two digits at the end is the decimal mark, any
/// other is a thousands mark; letters (CR, DB, Rp) and spaces are dropped.
fn amount_key(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '-')
        .collect();
    let (whole, cents) = match kept.rfind(['.', ',']) {
        Some(at) if (1..=2).contains(&(kept.len() - at - 1)) => (&kept[..at], &kept[at + 1..]),
        _ => (kept.as_str(), ""),
    };
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let sign = if kept.starts_with('-') { "-" } else { "" };
    format!(
        "{sign}{}.{cents:0<2}",
        if digits.is_empty() { "0" } else { digits }
    )
}

fn parse_amount_or_zero(text: &str) -> Option<Rupiah> {
    fees::parse_bank_amount(text).ok()
}

/// Words of a text in capitals, letters only, padded: " ANDI PRATAMA ".
fn name_words(text: &str) -> String {
    let words: Vec<String> = text
        .to_uppercase()
        .chars()
        .map(|c| if c.is_alphabetic() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    format!(" {} ", words.join(" "))
}

/// Matches a line to a student: see the module's documentation.
fn match_line(line: &Read, students: &[Stored<Student>]) -> (Option<MatchedStudent>, Confidence) {
    let amount_digits = line.amount.to_string();
    // Whole words of digits only: a bank's code such as "WS95031" is no
    // student number.
    let numbers: Vec<&str> = line
        .description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.len() >= 5 && t.chars().all(|c| c.is_ascii_digit()) && *t != amount_digits)
        .collect();
    let by_number: Vec<&Stored<Student>> = students
        .iter()
        .filter(|s| {
            numbers
                .iter()
                .any(|n| *n == s.data.nisn || (s.data.nis.len() >= 5 && *n == s.data.nis))
        })
        .collect();
    let matched = |s: &Stored<Student>| MatchedStudent {
        id: s.id(),
        nisn: s.data.nisn.clone(),
        name: s.data.full_name.clone(),
    };
    match by_number.as_slice() {
        // The NISN is unique in the country; a school's own NIS is short
        // enough to turn up in other numbers, so a person looks.
        [one] if numbers.contains(&one.data.nisn.as_str()) => {
            return (Some(matched(one)), Confidence::Sure)
        }
        [one] => return (Some(matched(one)), Confidence::Uncertain),
        [_, _, ..] => return (None, Confidence::Unmatched),
        [] => {}
    }
    let text = name_words(&line.description);
    let by_name: Vec<&Stored<Student>> = students
        .iter()
        .filter(|s| {
            let name = name_words(&s.data.full_name);
            name.trim().contains(' ') && text.contains(&name)
        })
        .collect();
    match by_name.as_slice() {
        [one] => (Some(matched(one)), Confidence::Uncertain),
        _ => (None, Confidence::Unmatched),
    }
}

impl App {
    /// Reads a bank statement and matches its credit lines to students:
    /// writes nothing. For the bursar.
    pub async fn fee_bank_preview(
        &self,
        actor: &Actor,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<BankPreview> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "import bank statements",
        )?;
        let (read, problems, debits) = read_statement(format, bytes)?;
        let students = self
            .store()
            .list::<Student>(&Query::all().eq("status", StudentStatus::Active.as_str()))
            .await?;
        let booked = self.booked_fingerprints(&read).await?;
        let matches: Vec<_> = read.iter().map(|l| match_line(l, &students)).collect();
        let transfers = self.transfers_near(&read, &matches).await?;
        let lines = read
            .into_iter()
            .zip(matches)
            .map(|(line, (student, mut confidence))| {
                let is_booked = booked.contains_key(&line.fingerprint);
                let possibly_booked = student.as_ref().filter(|_| !is_booked).and_then(|s| {
                    transfers
                        .iter()
                        .find(|p| {
                            p.data.student_id == s.id
                                && p.data.amount == line.amount
                                && (p.data.paid_on - line.date).num_days().abs() <= 5
                        })
                        .map(|p| receipt_label(p.data.receipt_year, p.data.receipt_number))
                });
                if possibly_booked.is_some() && confidence == Confidence::Sure {
                    confidence = Confidence::Uncertain;
                }
                BankStatementLine {
                    booked: is_booked,
                    possibly_booked,
                    row: line.row,
                    date: line.date,
                    description: line.description,
                    amount: line.amount,
                    reference: line.reference,
                    fingerprint: line.fingerprint,
                    student,
                    confidence,
                }
            })
            .collect();
        Ok(BankPreview {
            lines,
            problems,
            debits,
        })
    }

    /// The live transfers that may already stand for a line of the
    /// statement: of the students its lines matched, paid within five days
    /// of its first and last line — read by those students (an index) and
    /// those days, never all the school's transfers.
    async fn transfers_near(
        &self,
        read: &[Read],
        matches: &[(Option<MatchedStudent>, Confidence)],
    ) -> AppResult<Vec<Stored<Payment>>> {
        let students: BTreeSet<Id> = matches
            .iter()
            .filter_map(|(s, _)| s.as_ref().map(|s| s.id))
            .collect();
        let (Some(first), Some(last)) = (
            read.iter().map(|l| l.date).min(),
            read.iter().map(|l| l.date).max(),
        ) else {
            return Ok(Vec::new());
        };
        if students.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = Query::all().eq("method", "transfer").filter(Filter::In(
            "student_id",
            students.into_iter().map(Into::into).collect(),
        ));
        // The days themselves, when they are few (a month's statement);
        // a statement over years is bounded by its students alone.
        let (from, to) = (
            first - chrono::Duration::days(5),
            last + chrono::Duration::days(5),
        );
        if (to - from).num_days() <= 400 {
            let days: Vec<schooldesk_store::Val> = from
                .iter_days()
                .take_while(|d| *d <= to)
                .map(Into::into)
                .collect();
            query = query.filter(Filter::In("paid_on", days));
        }
        Ok(self
            .store()
            .list::<Payment>(&query)
            .await?
            .into_iter()
            .filter(|p| p.data.void_reason.is_none())
            .collect())
    }

    /// The lines of `read` an earlier import booked, by fingerprint, and
    /// the lines whose booking was voided since (free to book again: the
    /// stored line then points at the new payment).
    async fn booked_fingerprints(&self, read: &[Read]) -> AppResult<HashMap<String, Id>> {
        Ok(self
            .bank_lines(read)
            .await?
            .into_iter()
            .filter(|(_, voided)| !voided)
            .map(|(b, _)| (b.data.fingerprint, b.data.payment_id))
            .collect())
    }

    async fn bank_lines(&self, read: &[Read]) -> AppResult<Vec<(Stored<BankLine>, bool)>> {
        let lines = self
            .store()
            .list::<BankLine>(&Query::all().filter(Filter::In(
                "fingerprint",
                read.iter().map(|l| l.fingerprint.clone().into()).collect(),
            )))
            .await?;
        let payments: HashMap<Id, bool> = self
            .store()
            .list::<Payment>(&Query::all().filter(Filter::In(
                "id",
                lines.iter().map(|b| b.data.payment_id.into()).collect(),
            )))
            .await?
            .into_iter()
            .map(|p| (p.id(), p.data.void_reason.is_some()))
            .collect();
        Ok(lines
            .into_iter()
            .map(|b| {
                let voided = payments.get(&b.data.payment_id).copied().unwrap_or(false);
                (b, voided)
            })
            .collect())
    }

    /// Books the confirmed lines of a bank statement (read again from the
    /// same bytes) as transfer payments, each for the student confirmed,
    /// with the bank's reference (its description when the file has no
    /// reference column) and the bank's date: all in one transaction, with
    /// the next receipt numbers, allocated oldest first like any payment.
    /// A line booked by an earlier import is skipped (its fingerprint), so
    /// importing a statement twice books nothing twice. A confirmed row
    /// that is not a readable credit line, or a row confirmed twice, refuses
    /// the whole confirmation. Any row may be given to any student: the
    /// review screen assigns an unmatched line by hand.
    pub async fn fee_bank_confirm(
        &self,
        actor: &Actor,
        format: Format,
        bytes: &[u8],
        confirmed: &[ConfirmedLine],
    ) -> AppResult<BankBooked> {
        require(
            actor,
            Action::TakePayments,
            &Target::School,
            "import bank statements",
        )?;
        let (read, _, _) = read_statement(format, bytes)?;
        let today = self.today();
        let mut chosen: Vec<(&Read, Id)> = Vec::new();
        for c in confirmed {
            let Some(line) = read.iter().find(|l| l.row == c.row) else {
                return Err(AppError::field(
                    "row",
                    Msg::new(
                        "bank_row_not_a_credit",
                        format!(
                            "row {} is not a readable credit line of this statement",
                            c.row
                        ),
                    )
                    .with("row", c.row),
                ));
            };
            if line.date > today {
                return Err(AppError::field(
                    "row",
                    Msg::new(
                        "date_in_future",
                        format!(
                            "row {}: the payment date {} is after today ({today})",
                            c.row, line.date
                        ),
                    )
                    .with("date", line.date),
                ));
            }
            // A line is one payment: given twice (to two students, or to
            // one twice) the whole confirmation is refused, nothing booked.
            if chosen.iter().any(|(l, _)| l.row == c.row) {
                return Err(AppError::field(
                    "row",
                    Msg::new(
                        "bank_row_twice",
                        format!(
                            "row {} is given to a student twice; a line of the statement is one payment",
                            c.row
                        ),
                    )
                    .with("row", c.row),
                ));
            }
            chosen.push((line, c.student_id));
        }
        for (_, student_id) in &chosen {
            let student = self
                .store()
                .find::<Student>(*student_id)
                .await?
                .ok_or_else(|| {
                    AppError::field("student_id", Msg::new("no_such_student", "no such student"))
                })?;
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
        }
        let mut attempt = 0;
        loop {
            match self.bank_confirm_once(actor, &chosen, today).await {
                Err(e) if crate::fees::retry(&e) && attempt + 1 < 200 => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(1 + attempt as u64 % 7))
                        .await;
                }
                other => break other,
            }
        }
    }

    async fn bank_confirm_once(
        &self,
        actor: &Actor,
        chosen: &[(&Read, Id)],
        today: NaiveDate,
    ) -> AppResult<BankBooked> {
        let counter = self.desk(today).await?;
        let lines: Vec<Read> = chosen
            .iter()
            .map(|(l, _)| Read {
                row: l.row,
                date: l.date,
                description: l.description.clone(),
                amount: l.amount,
                reference: l.reference.clone(),
                fingerprint: l.fingerprint.clone(),
            })
            .collect();
        let stored = self.bank_lines(&lines).await?;
        let booked_before: HashMap<String, Id> = stored
            .iter()
            .filter(|(_, voided)| !voided)
            .map(|(b, _)| (b.data.fingerprint.clone(), b.data.payment_id))
            .collect();
        let voided_before: HashMap<String, &Stored<BankLine>> = stored
            .iter()
            .filter(|(_, voided)| *voided)
            .map(|(b, _)| (b.data.fingerprint.clone(), b))
            .collect();
        let mut cs = self.changes(actor);
        let mut ledgers = BTreeMap::new();
        let mut out = BankBooked {
            booked: Vec::new(),
            already: Vec::new(),
        };
        let mut number = counter.as_ref().map_or(0, |c| c.data.last_number);
        let mut written = Vec::new();
        let mut total = 0;
        for (line, student_id) in chosen {
            if booked_before.contains_key(&line.fingerprint) {
                out.already.push(line.row);
                continue;
            }
            if !ledgers.contains_key(student_id) {
                let ledger = self.ledger(*student_id).await?;
                ledgers.insert(*student_id, (ledger.book(), ledger, 0));
            }
            let (book, ledger, paid) = ledgers.get_mut(student_id).expect("read above");
            number += 1;
            let student = self.store().get::<Student>(*student_id).await?;
            let reference: String = line
                .reference
                .clone()
                .unwrap_or_else(|| line.description.clone())
                .chars()
                .take(100)
                .collect();
            let payment = Payment {
                student_id: *student_id,
                receipt_year: today.year() as i64,
                receipt_number: number,
                amount: line.amount,
                method: "transfer".into(),
                reference: Some(reference),
                paid_on: line.date,
                booked_on: today,
                payer: student.data.full_name.clone(),
                void_reason: None,
                voided_on: None,
                prints: 0,
            };
            payment.validate()?;
            let id = cs.insert(&payment);
            let open = book.open();
            let allocation = fees::allocate(line.amount, &open, None);
            book.payments.push((id, line.amount));
            let mut moves = Vec::new();
            for (invoice, amount) in &allocation.parts {
                let m = fees::Move {
                    payment: id,
                    invoice: *invoice,
                    amount: *amount,
                    kind: fees::Placed::Payment,
                };
                book.place(m);
                moves.push(m);
            }
            moves.extend(book.settle());
            crate::fees::record_moves(&mut cs, *student_id, &moves, &ledger.periods());
            let bank_line = BankLine {
                fingerprint: line.fingerprint.clone(),
                payment_id: id,
                bank_date: line.date,
                description: line.description.chars().take(500).collect(),
                amount: line.amount,
            };
            match voided_before.get(&line.fingerprint) {
                // Its first booking was voided (a wrong student): the line
                // now names this payment.
                Some(before) => cs.update(before.id(), before.version(), &bank_line),
                None => {
                    cs.insert(&bank_line);
                }
            }
            *paid += line.amount;
            total += line.amount;
            written.push((line.row, id, number, allocation));
        }
        if written.is_empty() {
            return Ok(out);
        }
        for (student_id, (_, ledger, paid)) in &ledgers {
            crate::fees::account_change(
                &mut cs,
                *student_id,
                ledger.account.as_ref(),
                0,
                0,
                *paid,
                0,
            )?;
        }
        App::desk_change(&mut cs, today, counter.as_ref(), written.len() as i64);
        cs.event(
            "bank_statement_booked",
            "payments",
            None,
            Some(format!(
                "{} line(s), {}",
                written.len(),
                fees::format_rupiah(total)
            )),
        );
        self.store().commit(cs).await?;
        for (row, id, number, allocation) in written {
            out.booked.push((
                row,
                Booked {
                    receipt: receipt_label(today.year() as i64, number),
                    payment: self.store().get::<Payment>(id).await?,
                    allocated: allocation.parts,
                    credit: allocation.credit,
                },
            ));
        }
        tracing::info!(lines = out.booked.len(), "fees: bank statement booked");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::amount_key;

    /// One value, however the bank's file wrote it: so one statement as
    /// CSV and as XLSX gives the same fingerprints.
    #[test]
    fn amounts_written_differently_give_one_key() {
        for text in [
            "1,250,000.50",
            "1.250.000,50",
            "1250000.5",
            "Rp 1.250.000,50 CR",
        ] {
            assert_eq!(amount_key(text), "1250000.50", "{text}");
        }
        for text in [
            "1,250,000",
            "1.250.000",
            "1250000",
            "1250000.00",
            "001250000",
        ] {
            assert_eq!(amount_key(text), "1250000.00", "{text}");
        }
        assert_eq!(amount_key(""), "0.00");
        assert_eq!(amount_key("-10,000.00"), "-10000.00");
        assert_ne!(amount_key("1,250,000.50"), amount_key("1,250,000.05"));
    }
}
