//! Daily attendance, pure: the statuses a mark may have, and a student's
//! totals for a term as the report card prints them (days sick, excused,
//! unexcused; times late). No IO; `schooldesk-app` reads and writes marks.

use crate::records::AttendanceMark;
use crate::validate::{Checks, Invalid, Msg};

/// A day's status. Stored as its code (`as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Hadir.
    Present,
    /// Sakit.
    Sick,
    /// Izin: absent with permission.
    Excused,
    /// Alpa: absent without a word.
    Unexcused,
    /// Terlambat: present, but late.
    Late,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Present,
        Status::Sick,
        Status::Excused,
        Status::Unexcused,
        Status::Late,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Sick => "sick",
            Status::Excused => "excused",
            Status::Unexcused => "unexcused",
            Status::Late => "late",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// The check on a stored status code.
pub fn check_status(code: &str) -> Result<(), Msg> {
    match Status::parse(code) {
        Some(_) => Ok(()),
        None => Err(Msg::new(
            "attendance_status",
            format!(
                "the attendance status must be present, sick, excused, unexcused or late, got {code:?}"
            ),
        )
        .with("value", code)),
    }
}

impl AttendanceMark {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        c.finish(Self::FIELDS)
    }
}

/// A student's attendance over a term: what the report card's absence box
/// shows. Late days are days present, counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub present: i64,
    pub sick: i64,
    pub excused: i64,
    pub unexcused: i64,
    pub late: i64,
}

impl Totals {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Present => self.present += 1,
            Status::Sick => self.sick += 1,
            Status::Excused => self.excused += 1,
            Status::Unexcused => self.unexcused += 1,
            Status::Late => self.late += 1,
        }
    }

    /// Every status counted from `marks` (an unknown code, which the
    /// store's check keeps out, counts nowhere).
    pub fn of<'a>(marks: impl IntoIterator<Item = &'a AttendanceMark>) -> Totals {
        let mut totals = Totals::default();
        for mark in marks {
            if let Some(status) = Status::parse(&mark.status) {
                totals.add(status);
            }
        }
        totals
    }

    /// Days absent, whatever the reason.
    pub fn absent(&self) -> i64 {
        self.sick + self.excused + self.unexcused
    }

    /// Days marked at all.
    pub fn marked(&self) -> i64 {
        self.present + self.late + self.absent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn codes_round_trip_and_others_are_refused() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert!(check_status(status.as_str()).is_ok());
        }
        for bad in ["", "Present", "alpa", "absent", " sick"] {
            let err = check_status(bad).unwrap_err();
            assert_eq!(err.code, "attendance_status", "{bad:?}");
        }
    }

    #[test]
    fn totals_count_each_status() {
        let mark = |status: &str| AttendanceMark {
            student_id: crate::new_id(),
            class_id: crate::new_id(),
            date: NaiveDate::from_ymd_opt(2025, 8, 1).unwrap(),
            status: status.into(),
            note: None,
        };
        let marks: Vec<_> = [
            "present",
            "sick",
            "sick",
            "excused",
            "unexcused",
            "late",
            "late",
            "late",
            "bogus",
        ]
        .into_iter()
        .map(mark)
        .collect();
        let totals = Totals::of(&marks);
        assert_eq!(
            totals,
            Totals {
                present: 1,
                sick: 2,
                excused: 1,
                unexcused: 1,
                late: 3
            }
        );
        assert_eq!(totals.absent(), 4);
        assert_eq!(totals.marked(), 8);
    }
}
