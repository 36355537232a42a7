//! The school calendar's rules, in one place for the app, the CLI and the
//! desktop UI (which asks for them through the shell's `domain_rules`
//! command instead of keeping its own copy): an Indonesian school year runs
//! from 1 July to 30 June, semester ganjil to 31 December and genap from
//! 1 January.

use crate::App;
use chrono::{Datelike, NaiveDate};

/// A year's dates with its semesters' (ganjil, genap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearPlan {
    /// As schools write it: "2026/2027".
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub semesters: Vec<(NaiveDate, NaiveDate)>,
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid calendar date")
}

/// The calendar year a school year named like "2026/2027" starts in.
pub fn start_year_of(name: &str) -> Option<i32> {
    name.get(..4).and_then(|y| y.parse().ok())
}

/// The school year `today` falls in: from July on, the one starting this
/// calendar year; before, the one that started last year.
pub fn school_year_of(today: NaiveDate) -> i32 {
    if today.month() >= 7 {
        today.year()
    } else {
        today.year() - 1
    }
}

/// The usual school year starting in `start_year`.
pub fn standard_year(start_year: i32) -> YearPlan {
    let (start, end) = (date(start_year, 7, 1), date(start_year + 1, 6, 30));
    YearPlan {
        name: format!("{}/{}", start_year, start_year + 1),
        start_date: start,
        end_date: end,
        semesters: semesters(start, end),
    }
}

/// The semesters of a year from `start` to `end`: ganjil to 31 December of
/// the year it starts in, genap from 1 January. None when the year does not
/// cross a new year (the office enters the semesters by hand then).
pub fn semesters(start: NaiveDate, end: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let december = date(start.year(), 12, 31);
    let january = date(start.year() + 1, 1, 1);
    if start <= december && january <= end {
        vec![(start, december), (january, end)]
    } else {
        Vec::new()
    }
}

impl App {
    /// The usual school year today falls in (what a new year's form offers).
    pub fn proposed_year(&self) -> YearPlan {
        standard_year(school_year_of(self.today()))
    }

    /// Creates an academic year with the semesters [`semesters`] gives its
    /// dates, in one change.
    pub async fn create_year_with_semesters(
        &self,
        actor: &schooldesk_core::Actor,
        year: &schooldesk_core::AcademicYear,
    ) -> crate::AppResult<schooldesk_core::Stored<schooldesk_core::AcademicYear>> {
        self.create_year_with_terms(actor, year, &semesters(year.start_date, year.end_date))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_runs_july_to_june_split_at_new_year() {
        let y = standard_year(2026);
        assert_eq!(y.name, "2026/2027");
        assert_eq!(
            (y.start_date, y.end_date),
            (date(2026, 7, 1), date(2027, 6, 30))
        );
        assert_eq!(
            y.semesters,
            vec![
                (date(2026, 7, 1), date(2026, 12, 31)),
                (date(2027, 1, 1), date(2027, 6, 30))
            ]
        );
    }

    #[test]
    fn the_year_today_falls_in() {
        assert_eq!(school_year_of(date(2026, 6, 30)), 2025);
        assert_eq!(school_year_of(date(2026, 7, 1)), 2026);
        assert_eq!(start_year_of("2026/2027"), Some(2026));
        assert_eq!(start_year_of("26/27"), None);
    }

    #[test]
    fn a_year_within_one_calendar_year_has_no_semesters_proposed() {
        assert!(semesters(date(2026, 1, 5), date(2026, 12, 20)).is_empty());
        assert_eq!(
            semesters(date(2026, 7, 14), date(2027, 6, 27)),
            vec![
                (date(2026, 7, 14), date(2026, 12, 31)),
                (date(2027, 1, 1), date(2027, 6, 27))
            ]
        );
    }
}
