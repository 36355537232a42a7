//! The printed fee reports (issue 17, item 5): the arrears list per class
//! and student, the day's cash report with its closing state, and income
//! by fee item and month, as the data the `arrears`, `cashday` and
//! `income` templates of `schooldesk-print` print (crates/documents).
//!
//! Each use-case reads the same report as the screen and the command line
//! ([`App::fee_arrears`], [`App::fee_day_report`], [`App::fee_income`]),
//! adds it up here once (class totals, item totals, the grand totals) and
//! formats every amount as rupiah; the templates only place the text. Like
//! `fees`, this module prints nothing and writes no file: the caller
//! renders the document.

use crate::fees::{period_words, ArrearsRow, DayReport, IncomeRow};
use crate::report::long_date;
use crate::{App, AppResult};
use chrono::NaiveDate;
use schooldesk_core::descriptions::Lang;
use schooldesk_core::fees::{self, format_rupiah, Rupiah};
use schooldesk_core::*;
use schooldesk_documents as doc;
use schooldesk_store::{Filter, Query};
use std::collections::{BTreeMap, HashMap};

fn language(lang: Lang) -> doc::Language {
    match lang {
        Lang::Id => doc::Language::Id,
        Lang::En => doc::Language::En,
    }
}

/// The school block, signed today.
fn school_block(school: Option<&Stored<School>>, today: NaiveDate, lang: Lang) -> doc::School {
    let s = school.map(|s| &s.data);
    doc::School {
        name: s.map(|s| s.name.clone()).unwrap_or_default(),
        npsn: s.map(|s| s.npsn.clone()).unwrap_or_default(),
        address: s.map(|s| s.address.clone()).unwrap_or_default(),
        principal: doc::Person {
            name: s.map(|s| s.principal_name.clone()).unwrap_or_default(),
            nip: s.and_then(|s| s.principal_nip.clone()).unwrap_or_default(),
        },
        place: String::new(),
        date: long_date(today, lang),
    }
}

/// A sum of report amounts; the reports' own totals are far below the
/// limit, so an overflow here is a broken report, said as such.
fn total(amounts: impl IntoIterator<Item = Rupiah>, what: &str) -> AppResult<Rupiah> {
    fees::sum(amounts, what).map_err(|m| crate::AppError::field("amount", m))
}

/// The arrears list as the `arrears` template prints it: the rows of
/// [`App::fee_arrears`] grouped by class (classes by name, students by
/// name within a class, students in no class last), each class's total
/// and the school's.
pub fn arrears_document(
    rows: &[ArrearsRow],
    class: Option<&str>,
    as_of: NaiveDate,
    school: doc::School,
    printed_by: &str,
    lang: Lang,
) -> AppResult<doc::FeeArrears> {
    // By the class's id, not its name: two classes of one name (of two
    // years, or typed twice) stay apart, each with its own total.
    type ClassKey = (bool, String, Option<Id>);
    let mut by_class: BTreeMap<ClassKey, Vec<&ArrearsRow>> = BTreeMap::new();
    for r in rows {
        by_class
            .entry((r.class_id.is_none(), r.class.clone(), r.class_id))
            .or_default()
            .push(r);
    }
    let mut classes = Vec::new();
    for ((_, name, _), mut members) in by_class {
        members.sort_by(|a, b| a.name.cmp(&b.name).then(a.nisn.cmp(&b.nisn)));
        let class_total = total(members.iter().map(|r| r.owed), "class total")?;
        classes.push(doc::FeeArrearsClass {
            class: name,
            rows: members
                .iter()
                .map(|r| doc::FeeArrearsRow {
                    nisn: r.nisn.clone(),
                    name: r.name.clone(),
                    months: r.months.to_string(),
                    oldest: r
                        .oldest
                        .as_deref()
                        .map(|p| period_words(p, lang))
                        .unwrap_or_default(),
                    owed: format_rupiah(r.owed),
                })
                .collect(),
            total: format_rupiah(class_total),
        });
    }
    Ok(doc::FeeArrears {
        language: language(lang),
        school,
        as_of: long_date(as_of, lang),
        class: class.unwrap_or_default().to_string(),
        classes,
        students: rows.len().to_string(),
        total: format_rupiah(total(rows.iter().map(|r| r.owed), "arrears total")?),
        printed_by: printed_by.to_string(),
    })
}

/// How a payment was made, in words ("Tunai", "Transfer BCA 123").
fn method_words(method: &str, reference: Option<&str>, lang: Lang) -> String {
    match (method, lang) {
        ("cash", Lang::Id) => "Tunai".into(),
        ("cash", Lang::En) => "Cash".into(),
        _ => format!("Transfer {}", reference.unwrap_or(""))
            .trim()
            .to_string(),
    }
}

/// The day's cash report as the `cashday` template prints it; `students`
/// names the payments' students (a missing one prints empty).
pub fn day_document(
    report: &DayReport,
    students: &HashMap<Id, String>,
    school: doc::School,
    printed_by: &str,
    lang: Lang,
) -> doc::FeeDay {
    doc::FeeDay {
        language: language(lang),
        school,
        day: long_date(report.day, lang),
        rows: report
            .payments
            .iter()
            .map(|p| doc::FeeDayRow {
                receipt: crate::fees::receipt_label(p.data.receipt_year, p.data.receipt_number),
                student: students
                    .get(&p.data.student_id)
                    .cloned()
                    .unwrap_or_default(),
                payer: p.data.payer.clone(),
                method: method_words(&p.data.method, p.data.reference.as_deref(), lang),
                amount: format_rupiah(p.data.amount),
                voided: p.data.void_reason.clone().unwrap_or_default(),
            })
            .collect(),
        cash: format_rupiah(report.cash),
        transfers: format_rupiah(report.transfers),
        voided: format_rupiah(report.voided),
        refunded: format_rupiah(report.refunded),
        cash_net: format_rupiah(report.cash_net),
        closed: report.closed.is_some(),
        printed_by: printed_by.to_string(),
    }
}

/// Income by fee item and month as the `income` template prints it: the
/// rows of [`App::fee_income`] grouped by fee item (in their order), each
/// item's totals and the totals of all.
pub fn income_document(
    rows: &[IncomeRow],
    first: &str,
    last: &str,
    school: doc::School,
    printed_by: &str,
    lang: Lang,
) -> AppResult<doc::FeeIncome> {
    let mut items: Vec<doc::FeeIncomeItem> = Vec::new();
    let mut sums: Vec<(Rupiah, Rupiah, Rupiah)> = Vec::new();
    // By the fee item's id, not its name: two items of one name ("SPP" of
    // two plans) stay apart, each with its own totals.
    let mut item_ids: Vec<Id> = Vec::new();
    for r in rows {
        if item_ids.last() != Some(&r.fee_item_id) {
            item_ids.push(r.fee_item_id);
            items.push(doc::FeeIncomeItem {
                name: r.fee_item.clone(),
                ..doc::FeeIncomeItem::default()
            });
            sums.push((0, 0, 0));
        }
        let (item, sum) = (items.last_mut().unwrap(), sums.last_mut().unwrap());
        item.rows.push(doc::FeeIncomeRow {
            month: period_words(&r.period, lang),
            billed: format_rupiah(r.billed),
            received: format_rupiah(r.received),
            outstanding: format_rupiah(r.outstanding),
        });
        *sum = (
            total([sum.0, r.billed], "billed")?,
            total([sum.1, r.received], "received")?,
            total([sum.2, r.outstanding], "outstanding")?,
        );
    }
    for (item, (b, r, o)) in items.iter_mut().zip(&sums) {
        item.billed = format_rupiah(*b);
        item.received = format_rupiah(*r);
        item.outstanding = format_rupiah(*o);
    }
    Ok(doc::FeeIncome {
        language: language(lang),
        school,
        from: period_words(first, lang),
        to: period_words(last, lang),
        items,
        billed: format_rupiah(total(rows.iter().map(|r| r.billed), "billed")?),
        received: format_rupiah(total(rows.iter().map(|r| r.received), "received")?),
        outstanding: format_rupiah(total(rows.iter().map(|r| r.outstanding), "outstanding")?),
        printed_by: printed_by.to_string(),
    })
}

impl App {
    /// The arrears list to print (see [`App::fee_arrears`], whose rights
    /// it needs): one class's, or the whole school's, per class.
    pub async fn fee_arrears_document(
        &self,
        actor: &Actor,
        class_id: Option<Id>,
        as_of: NaiveDate,
        lang: Lang,
    ) -> AppResult<doc::FeeArrears> {
        let rows = self.fee_arrears(actor, class_id, as_of).await?;
        let class = match class_id {
            Some(id) => self.store().find::<Class>(id).await?.map(|c| c.data.name),
            None => None,
        };
        let school = school_block(self.find_school().await?.as_ref(), self.today(), lang);
        arrears_document(
            &rows,
            class.as_deref(),
            as_of,
            school,
            &self.display_name(Some(actor.user_id), &actor.login).await?,
            lang,
        )
    }

    /// The day's cash report to print (see [`App::fee_day_report`], whose
    /// rights it needs), with the payments' students named; an open day
    /// prints as a draft.
    pub async fn fee_day_document(
        &self,
        actor: &Actor,
        day: NaiveDate,
        lang: Lang,
    ) -> AppResult<doc::FeeDay> {
        let report = self.fee_day_report(actor, day).await?;
        let students: HashMap<Id, String> = self
            .store()
            .list::<Student>(
                &Query::all().filter(Filter::In(
                    "id",
                    report
                        .payments
                        .iter()
                        .map(|p| p.data.student_id.into())
                        .collect(),
                )),
            )
            .await?
            .into_iter()
            .map(|s| (s.id(), s.data.full_name))
            .collect();
        let school = school_block(self.find_school().await?.as_ref(), self.today(), lang);
        Ok(day_document(
            &report,
            &students,
            school,
            &self.display_name(Some(actor.user_id), &actor.login).await?,
            lang,
        ))
    }

    /// Income by fee item and month to print (see [`App::fee_income`],
    /// whose rights it needs).
    pub async fn fee_income_document(
        &self,
        actor: &Actor,
        first: &str,
        last: &str,
        lang: Lang,
    ) -> AppResult<doc::FeeIncome> {
        let rows = self.fee_income(actor, first, last).await?;
        let school = school_block(self.find_school().await?.as_ref(), self.today(), lang);
        income_document(
            &rows,
            first.trim(),
            last.trim(),
            school,
            &self.display_name(Some(actor.user_id), &actor.login).await?,
            lang,
        )
    }
}
