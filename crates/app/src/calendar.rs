//! The school calendar's rules, in one place for the app, the CLI and the
//! desktop UI (which asks for them through the shell's `domain_rules`
//! command instead of keeping its own copy): an Indonesian school year runs
//! from 1 July to 30 June, semester ganjil to 31 December and genap from
//! 1 January.

use crate::{App, AppResult};
use chrono::{Datelike, NaiveDate};
use schooldesk_core::{AcademicYear, Actor, Stored};

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

/// The calendar year a new school year should start in: `today_start` (the
/// school year today falls in) unless the school already has a year
/// starting then or later, then the year after its latest.
pub fn next_start_year(today_start: i32, starts: impl IntoIterator<Item = NaiveDate>) -> i32 {
    match starts.into_iter().map(school_year_of).max() {
        Some(latest) if latest >= today_start => latest + 1,
        _ => today_start,
    }
}

impl App {
    /// The year a new year's form offers: the school year today falls in
    /// while the school has no year that far, else the one after its latest
    /// year (the set-up makes today's, so the next form offers next year's).
    pub async fn proposed_year(&self, actor: &Actor) -> AppResult<YearPlan> {
        let years = self
            .list::<AcademicYear>(actor, &schooldesk_store::Query::all())
            .await?;
        Ok(standard_year(next_start_year(
            school_year_of(self.today()),
            years.iter().map(|y| y.data.start_date),
        )))
    }

    /// Creates an academic year with the semesters [`semesters`] gives its
    /// dates, in one change.
    pub async fn create_year_with_semesters(
        &self,
        actor: &Actor,
        year: &AcademicYear,
    ) -> AppResult<Stored<AcademicYear>> {
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

    #[test]
    fn a_new_year_is_offered_after_the_schools_latest() {
        // None stored, or only older years: the year today falls in.
        assert_eq!(next_start_year(2026, []), 2026);
        assert_eq!(next_start_year(2026, [date(2024, 7, 1)]), 2026);
        // Today's is there (the set-up made it): the next one.
        assert_eq!(next_start_year(2026, [date(2026, 7, 1)]), 2027);
        // A year entered ahead, starting mid-July: the one after it.
        assert_eq!(
            next_start_year(2026, [date(2026, 7, 1), date(2027, 7, 14)]),
            2028
        );
    }
}
