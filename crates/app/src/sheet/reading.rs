//! One row's cells read as values by column key — text, required text,
//! dates as offices write them, whole numbers, yes/no, gender — each
//! problem put on the row with its column's header as the file names it.

use super::formats::{Cell, Sheet};
use crate::error::RowProblem;
use chrono::NaiveDate;
use schooldesk_core::{Gender, Invalid, Msg};
use std::cell::RefCell;
use std::collections::HashMap;

/// Reads one row's cells by column key, collecting problems.
pub(super) struct RowReader<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) columns: &'a HashMap<&'static str, usize>,
    pub(super) cells: &'a [Cell],
    pub(super) row: usize,
    pub(super) problems: Vec<RowProblem>,
    /// The columns the planner looked at (see [`RowReader::unread`]).
    looked_at: RefCell<Vec<String>>,
}

impl<'a> RowReader<'a> {
    pub(super) fn new(
        sheet: &'a Sheet,
        columns: &'a HashMap<&'static str, usize>,
        cells: &'a [Cell],
        row: usize,
    ) -> Self {
        RowReader {
            sheet,
            columns,
            cells,
            row,
            problems: Vec::new(),
            looked_at: RefCell::new(Vec::new()),
        }
    }

    /// The first of `keys` the planner never looked at: a column declared
    /// for the kind (a field's `sheet:` among them) that its planner drops.
    pub(super) fn unread<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
        let looked_at = self.looked_at.borrow();
        keys.into_iter().find(|k| !looked_at.iter().any(|l| l == k))
    }

    pub(super) fn column_name(&self, key: &str) -> String {
        self.columns
            .get(key)
            .and_then(|i| self.sheet.headers.get(*i))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub(super) fn problem(&mut self, key: &str, reason: impl Into<Msg>) {
        self.problems
            .push(RowProblem::new(self.row, self.column_name(key), reason));
    }

    /// A cell whose value the column does not take: `"value" <what>`.
    pub(super) fn bad_value(&mut self, key: &str, code: &'static str, value: &str, what: &str) {
        self.problem(
            key,
            Msg::new(code, format!("{value:?} {what}")).with("value", value),
        );
    }

    pub(super) fn cell(&self, key: &str) -> Option<&'a Cell> {
        self.looked_at.borrow_mut().push(key.to_string());
        self.columns.get(key).and_then(|i| self.cells.get(*i))
    }

    pub(super) fn text(&self, key: &str) -> String {
        self.cell(key).map(|c| c.text.clone()).unwrap_or_default()
    }

    pub(super) fn optional(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|t| !t.is_empty())
    }

    pub(super) fn required(&mut self, key: &str) -> String {
        let text = self.text(key);
        if text.is_empty() {
            self.problem(key, Msg::new("empty", "is empty"));
        }
        text
    }

    pub(super) fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let text = self.text(key);
        if text.is_empty() {
            if required {
                self.problem(key, Msg::new("empty", "is empty"));
            }
            return None;
        }
        match parse_date(&text, self.cell(key).is_some_and(|c| c.numeric)) {
            Some(d) => Some(d),
            None => {
                self.bad_value(
                    key,
                    "not_date",
                    &text,
                    "is not a date; write it as YYYY-MM-DD or DD/MM/YYYY",
                );
                None
            }
        }
    }

    /// A student's birth date must be one a pupil can have (the rule is
    /// [`schooldesk_core::validate::student_birth_date`], as in forms).
    pub(super) fn plausible_birth_date(
        &mut self,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        match schooldesk_core::validate::student_birth_date(date, today) {
            Ok(()) => Some(date),
            Err(m) => {
                self.problem("birth_date", m);
                None
            }
        }
    }

    pub(super) fn int(&mut self, key: &str) -> Option<i64> {
        let text = self.required(key);
        if text.is_empty() {
            return None;
        }
        match text.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.bad_value(key, "not_number", &text, "is not a whole number");
                None
            }
        }
    }

    pub(super) fn flag(&mut self, key: &str) -> bool {
        match self.text(key).to_lowercase().as_str() {
            "" | "no" | "n" | "tidak" | "false" | "0" => false,
            "yes" | "y" | "ya" | "true" | "1" => true,
            other => {
                let other = other.to_string();
                self.bad_value(key, "not_yes_no", &other, "is not yes or no");
                false
            }
        }
    }

    pub(super) fn gender(&mut self, key: &str) -> Option<Gender> {
        let text = self.required(key);
        if text.is_empty() {
            return None;
        }
        let g = Gender::from_code(&text);
        if g.is_none() {
            self.bad_value(key, "not_gender", &text, "is not a gender; write L or P");
        }
        g
    }

    /// Turns a record's field errors into problems on this row.
    pub(super) fn invalid(&mut self, err: Invalid) {
        for e in err.0 {
            let column = self.column_name(e.field);
            if self.problems.iter().any(|p| p.column == column) {
                continue; // already said, in the import's own words
            }
            let mut reason = e.msg;
            if self.cell(e.field).is_some_and(|c| c.numeric) {
                reason.text.push_str(" (the spreadsheet stored it as a number and dropped its leading zeros; format the column as Text)");
                reason.params.push(("as_number", "yes".into()));
            }
            self.problem(e.field, reason);
        }
    }
}

/// Dates as offices write them: 2010-05-01, 01/05/2010, 01-05-2010,
/// 1.5.2010, or an Excel serial number.
/// A date outside 1800–2200 is a typing error (year 201 for 2012), never
/// a school's date; narrower checks (birth dates) come on top.
pub(super) fn parse_date(text: &str, numeric: bool) -> Option<NaiveDate> {
    use chrono::Datelike;
    parse_date_text(text, numeric).filter(|d| (1800..=2200).contains(&d.year()))
}

fn parse_date_text(text: &str, numeric: bool) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Some(d);
        }
    }
    if numeric {
        let serial: i64 = text.parse().ok()?;
        if (1..=2_958_465).contains(&serial) {
            return NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_days(chrono::Days::new(serial as u64));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_offices_write_them() {
        let d = NaiveDate::from_ymd_opt(2010, 5, 1).unwrap();
        assert_eq!(parse_date("2010-05-01", false), Some(d));
        assert_eq!(parse_date("01/05/2010", false), Some(d));
        assert_eq!(parse_date("01-05-2010", false), Some(d));
        assert_eq!(parse_date("1.5.2010", false), Some(d));
        assert_eq!(parse_date("40299", true), Some(d));
        assert_eq!(parse_date("40299", false), None);
        assert_eq!(parse_date("31/02/2010", false), None);
        assert_eq!(parse_date("kemarin", false), None);
    }
}
