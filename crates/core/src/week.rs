//! The school's week (issue 14): working days, each day's bell schedule,
//! how a lesson's weekly periods split into blocks, the cells of the week a
//! timetable rule names, and the kinds of rule. Pure checks; the app stores
//! the records and compiles them into the timetable engine's model.

use crate::records::{BellPeriod, Lesson, LessonClass, LessonPlacement, LessonTeacher};
use crate::records::{
    CoverBooking, LessonCover, SchoolDay, TeacherAbsence, TermTimetable, TimetableRule,
};
use crate::validate::{Checks, FieldError, Invalid, Msg};

/// English day names, Monday first (weekday 1).
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The English name of weekday 1–7 ("day 9" for anything else).
pub fn day_name(weekday: i64) -> String {
    usize::try_from(weekday - 1)
        .ok()
        .and_then(|i| DAY_NAMES.get(i))
        .map_or_else(|| format!("day {weekday}"), |n| (*n).to_string())
}

pub fn check_weekday(weekday: i64) -> Result<(), Msg> {
    crate::validate::range("day", weekday, 1, 7)
}

/// "07:40" for 460 minutes after midnight.
pub fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// What a bell period is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// A lesson period (jam pelajaran): the timetable places lessons here.
    Lesson,
    Break,
    Prayer,
}

impl PeriodKind {
    pub fn parse(s: &str) -> Option<PeriodKind> {
        match s {
            "lesson" => Some(PeriodKind::Lesson),
            "break" => Some(PeriodKind::Break),
            "prayer" => Some(PeriodKind::Prayer),
            _ => None,
        }
    }
}

/// Checks a whole week before it is saved: at least one working day; each
/// working day has at least one lesson period; no period ends at or before
/// its start; no two periods of a day overlap or share a position; no
/// periods on a day the school does not work. Every problem names the day
/// and the period.
pub fn check_week(days: &[i64], periods: &[BellPeriod]) -> Result<(), Invalid> {
    let mut errors = Vec::new();
    for p in periods {
        if let Err(Invalid(mut e)) = field_checks(p) {
            for fe in &mut e {
                fe.msg.text = format!("{}, {}: {}", day_name(p.weekday), p.label, fe.msg.text);
                fe.msg.params.push(("day", p.weekday.to_string()));
                fe.msg.params.push(("period", p.label.clone()));
            }
            errors.extend(e);
        }
    }
    if days.is_empty() {
        errors.push(FieldError::new(
            "weekday",
            Msg::new("no_working_days", "the school works no day of the week"),
        ));
    }
    let mut seen_days = Vec::new();
    for &d in days {
        if let Err(m) = check_weekday(d) {
            errors.push(FieldError::new("weekday", m));
        } else if seen_days.contains(&d) {
            errors.push(FieldError::new(
                "weekday",
                Msg::new("day_twice", format!("{} is listed twice", day_name(d))).with("day", d),
            ));
        }
        seen_days.push(d);
    }
    for d in 1..=7 {
        let mut today: Vec<&BellPeriod> = periods.iter().filter(|p| p.weekday == d).collect();
        let works = days.contains(&d);
        if !works {
            if let Some(p) = today.first() {
                errors.push(FieldError::new(
                    "weekday",
                    Msg::new(
                        "periods_on_day_off",
                        format!(
                            "{} is not a working day but has periods ({} first)",
                            day_name(d),
                            p.label
                        ),
                    )
                    .with("day", d)
                    .with("period", &p.label),
                ));
            }
            continue;
        }
        if !today.iter().any(|p| p.kind == "lesson") {
            errors.push(FieldError::new(
                "kind",
                Msg::new(
                    "day_without_lessons",
                    format!("{} has no lesson periods", day_name(d)),
                )
                .with("day", d),
            ));
        }
        today.sort_by_key(|p| (p.start_minute, p.position));
        for p in &today {
            if p.end_minute <= p.start_minute {
                errors.push(FieldError::new(
                    "end_minute",
                    Msg::new(
                        "period_ends_before_start",
                        format!(
                            "{}, {}: ends at {}, not after it starts at {}",
                            day_name(d),
                            p.label,
                            clock(p.end_minute),
                            clock(p.start_minute)
                        ),
                    )
                    .with("day", d)
                    .with("period", &p.label)
                    .with("start", clock(p.start_minute))
                    .with("end", clock(p.end_minute)),
                ));
            }
        }
        for pair in today.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if b.start_minute < a.end_minute && a.end_minute > a.start_minute {
                errors.push(FieldError::new(
                    "start_minute",
                    Msg::new(
                        "periods_overlap",
                        format!(
                            "{}: {} ({}–{}) and {} ({}–{}) overlap",
                            day_name(d),
                            a.label,
                            clock(a.start_minute),
                            clock(a.end_minute),
                            b.label,
                            clock(b.start_minute),
                            clock(b.end_minute)
                        ),
                    )
                    .with("day", d)
                    .with("period", &a.label)
                    .with("other", &b.label),
                ));
            }
        }
        let mut positions: Vec<i64> = today.iter().map(|p| p.position).collect();
        positions.sort_unstable();
        if let Some(w) = positions.windows(2).find(|w| w[0] == w[1]) {
            errors.push(FieldError::new(
                "position",
                Msg::new(
                    "position_twice",
                    format!("{}: two periods at position {}", day_name(d), w[0]),
                )
                .with("day", d)
                .with("position", w[0]),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Invalid(errors))
    }
}

fn field_checks(p: &BellPeriod) -> Result<(), Invalid> {
    let mut c = Checks::default();
    p.check_fields(&mut c);
    c.finish(BellPeriod::FIELDS)
}

/// The blocks of a split, "2+2" → [2, 2]. Each block is 1 to 12 periods.
pub fn parse_split(text: &str) -> Result<Vec<u16>, Msg> {
    let bad = || {
        Msg::new(
            "bad_split",
            format!("{text:?} is not a split like 2+2 or 2+1 (blocks of 1 to 12 periods)"),
        )
        .with("value", text)
    };
    let parts: Result<Vec<u16>, Msg> = text
        .split('+')
        .map(|p| match p.trim().parse::<u16>() {
            Ok(n) if (1..=12).contains(&n) => Ok(n),
            _ => Err(bad()),
        })
        .collect();
    let parts = parts?;
    if parts.is_empty() {
        return Err(bad());
    }
    Ok(parts)
}

/// The usual split of `periods` a week: double periods, and a single one
/// if the number is odd (4 = 2+2, 3 = 2+1, 1 = 1).
pub fn default_split(periods: i64) -> String {
    let periods = periods.max(1);
    let mut parts = vec!["2"; (periods / 2) as usize];
    if periods % 2 == 1 {
        parts.push("1");
    }
    parts.join("+")
}

/// One cell of the week: a weekday (1–7) and a lesson period (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub weekday: i64,
    pub period: i64,
}

/// The cells "1:1 1:2 5:6" (spaces or commas between them).
pub fn parse_cells(text: &str) -> Result<Vec<Cell>, Msg> {
    text.split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| {
            let cell = t.split_once(':').and_then(|(d, p)| {
                let (weekday, period) = (d.parse::<i64>().ok()?, p.parse::<i64>().ok()?);
                ((1..=7).contains(&weekday) && (1..=40).contains(&period))
                    .then_some(Cell { weekday, period })
            });
            cell.ok_or_else(|| {
                Msg::new(
                    "bad_cell",
                    format!("{t:?} is not a cell of the week like 1:3 (day 1–7, period)"),
                )
                .with("value", t)
            })
        })
        .collect()
}

/// Lesson periods of a day, "1 2 5" (spaces or commas between them),
/// sorted and each once; empty for none. For a teacher away for some
/// periods only (issue 14, item 7).
pub fn parse_periods(text: &str) -> Result<Vec<i64>, Msg> {
    let mut out = text
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<i64>()
                .ok()
                .filter(|p| (1..=40).contains(p))
                .ok_or_else(|| {
                    Msg::new(
                        "bad_period",
                        format!("{t:?} is not a lesson period (a number from 1 to 40)"),
                    )
                    .with("value", t)
                })
        })
        .collect::<Result<Vec<i64>, Msg>>()?;
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The kinds of timetable rule a school sets most, and the fields each
/// needs. The timetable engine's constraint types say what each means; the
/// app compiles each rule into them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// The teacher cannot teach at these times.
    TeacherUnavailable,
    /// The class has no lessons at these times.
    ClassUnavailable,
    /// The room cannot be used at these times.
    RoomUnavailable,
    /// At most `number` lesson periods a day, for a teacher or a class.
    MaxLessonsPerDay,
    /// A teacher works at most `number` days a week.
    MaxDaysPerWeek,
    /// At most `number` free periods between lessons in a week, for a
    /// teacher or a class.
    MaxGapsPerWeek,
    /// The blocks of a lesson (or of each lesson of a subject) lie at
    /// least `number` days apart.
    MinDaysBetween,
    /// A lesson (or every lesson of a subject) lies within these times.
    PreferredTimes,
    /// The blocks of a lesson start at these cells, one per block in order.
    FixedTime,
    /// A lesson (or every lesson of a subject) is held in this room.
    PreferredRoom,
    /// Two lessons start at the same time, block by block (parallel
    /// religion or elective groups).
    SameTime,
}

impl RuleKind {
    pub const ALL: [RuleKind; 11] = [
        RuleKind::TeacherUnavailable,
        RuleKind::ClassUnavailable,
        RuleKind::RoomUnavailable,
        RuleKind::MaxLessonsPerDay,
        RuleKind::MaxDaysPerWeek,
        RuleKind::MaxGapsPerWeek,
        RuleKind::MinDaysBetween,
        RuleKind::PreferredTimes,
        RuleKind::FixedTime,
        RuleKind::PreferredRoom,
        RuleKind::SameTime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::TeacherUnavailable => "teacher_unavailable",
            RuleKind::ClassUnavailable => "class_unavailable",
            RuleKind::RoomUnavailable => "room_unavailable",
            RuleKind::MaxLessonsPerDay => "max_lessons_per_day",
            RuleKind::MaxDaysPerWeek => "max_days_per_week",
            RuleKind::MaxGapsPerWeek => "max_gaps_per_week",
            RuleKind::MinDaysBetween => "min_days_between",
            RuleKind::PreferredTimes => "preferred_times",
            RuleKind::FixedTime => "fixed_time",
            RuleKind::PreferredRoom => "preferred_room",
            RuleKind::SameTime => "same_time",
        }
    }

    pub fn parse(s: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn check(s: &str) -> Result<(), Msg> {
        match RuleKind::parse(s) {
            Some(_) => Ok(()),
            None => Err(Msg::new(
                "bad_rule_kind",
                format!("{s:?} is not a kind of timetable rule"),
            )
            .with("value", s)),
        }
    }
}

fn needs(kind: &str, field: &'static str) -> FieldError {
    FieldError::new(
        field,
        Msg::new("rule_needs", format!("a {kind} rule needs its {field}"))
            .with("kind", kind)
            .with("field", field),
    )
}

fn one_of_two(kind: &str, a: &'static str, b: &'static str) -> FieldError {
    FieldError::new(
        a,
        Msg::new(
            "rule_needs_one",
            format!("a {kind} rule needs exactly one of {a} and {b}"),
        )
        .with("kind", kind)
        .with("field", a)
        .with("other", b),
    )
}

impl TimetableRule {
    /// The field checks, then the fields its kind needs (and no two
    /// alternatives at once).
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        let mut errors = c.finish(Self::FIELDS).err().map_or_else(Vec::new, |e| e.0);
        if let Some(kind) = RuleKind::parse(&self.kind) {
            let k = self.kind.as_str();
            let cells = parse_cells(&self.slots).unwrap_or_default();
            let mut need = |ok: bool, field: &'static str| {
                if !ok {
                    errors.push(needs(k, field));
                }
            };
            use RuleKind::*;
            match kind {
                TeacherUnavailable | ClassUnavailable | RoomUnavailable | PreferredTimes
                | FixedTime => need(!cells.is_empty(), "slots"),
                _ => {}
            }
            match kind {
                TeacherUnavailable | MaxDaysPerWeek => {
                    need(self.teacher_id.is_some(), "teacher_id")
                }
                ClassUnavailable => need(self.class_id.is_some(), "class_id"),
                RoomUnavailable | PreferredRoom => need(self.room_id.is_some(), "room_id"),
                FixedTime => need(self.lesson_id.is_some(), "lesson_id"),
                SameTime => {
                    need(self.lesson_id.is_some(), "lesson_id");
                    need(
                        self.other_lesson_id.is_some() && self.other_lesson_id != self.lesson_id,
                        "other_lesson_id",
                    );
                }
                _ => {}
            }
            match kind {
                MaxLessonsPerDay | MaxDaysPerWeek | MaxGapsPerWeek | MinDaysBetween => {
                    need(self.number.is_some(), "number")
                }
                _ => {}
            }
            match kind {
                MaxLessonsPerDay | MaxGapsPerWeek
                    if self.teacher_id.is_some() == self.class_id.is_some() =>
                {
                    errors.push(one_of_two(k, "teacher_id", "class_id"))
                }
                MinDaysBetween | PreferredTimes | PreferredRoom
                    if self.lesson_id.is_some() == self.subject_id.is_some() =>
                {
                    errors.push(one_of_two(k, "lesson_id", "subject_id"))
                }
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors))
        }
    }
}

impl Lesson {
    /// The field checks, and the split adds up to the periods a week.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        if let Ok(parts) = parse_split(&self.split) {
            let sum: i64 = parts.iter().map(|p| i64::from(*p)).sum();
            if sum != self.periods_per_week {
                c.check(
                    "split",
                    Err(Msg::new(
                        "split_sum",
                        format!(
                            "the split {} adds up to {sum} periods, not {}",
                            self.split, self.periods_per_week
                        ),
                    )
                    .with("value", &self.split)
                    .with("sum", sum)
                    .with("periods", self.periods_per_week)),
                );
            }
        }
        c.finish(Self::FIELDS)
    }
}

crate::validate::field_checks_only!(
    SchoolDay,
    BellPeriod,
    LessonTeacher,
    LessonClass,
    TermTimetable,
    LessonPlacement,
    TeacherAbsence,
    LessonCover,
    CoverBooking
);

#[cfg(test)]
mod tests {
    use super::*;

    fn period(weekday: i64, position: i64, kind: &str, start: i64, end: i64) -> BellPeriod {
        BellPeriod {
            weekday,
            position,
            kind: kind.into(),
            label: format!("P{position}"),
            start_minute: start,
            end_minute: end,
        }
    }

    fn codes(e: Invalid) -> Vec<&'static str> {
        e.0.iter().map(|f| f.msg.code).collect()
    }

    #[test]
    fn a_good_week_with_a_short_friday() {
        let mut periods = vec![
            period(1, 1, "lesson", 420, 460),
            period(1, 2, "break", 460, 475),
            period(1, 3, "lesson", 475, 515),
        ];
        periods.push(period(5, 1, "lesson", 420, 460));
        assert_eq!(check_week(&[1, 5], &periods), Ok(()));
    }

    #[test]
    fn bad_weeks_name_the_day_and_period() {
        assert_eq!(
            codes(check_week(&[], &[]).unwrap_err()),
            ["no_working_days"]
        );
        let e = check_week(&[2], &[period(2, 1, "break", 600, 615)]).unwrap_err();
        assert_eq!(codes(e.clone()), ["day_without_lessons"]);
        assert!(e.to_string().contains("Tuesday"), "{e}");

        let e = check_week(
            &[1],
            &[
                period(1, 1, "lesson", 420, 460),
                period(1, 2, "lesson", 450, 490),
            ],
        )
        .unwrap_err();
        assert_eq!(codes(e.clone()), ["periods_overlap"]);
        assert!(
            e.to_string()
                .contains("Monday: P1 (07:00–07:40) and P2 (07:30–08:10) overlap"),
            "{e}"
        );

        let e = check_week(&[3], &[period(3, 1, "lesson", 500, 460)]).unwrap_err();
        assert_eq!(codes(e.clone()), ["period_ends_before_start"]);
        assert!(e.to_string().contains("Wednesday, P1"), "{e}");

        let e = check_week(
            &[1],
            &[
                period(1, 1, "lesson", 420, 460),
                period(6, 1, "lesson", 420, 460),
            ],
        )
        .unwrap_err();
        assert_eq!(codes(e), ["periods_on_day_off"]);

        let e = check_week(&[1], &[period(1, 1, "snack", 420, 460)]).unwrap_err();
        assert!(e.to_string().starts_with("kind: Monday, P1:"), "{e}");
    }

    #[test]
    fn splits() {
        assert_eq!(default_split(4), "2+2");
        assert_eq!(default_split(3), "2+1");
        assert_eq!(default_split(1), "1");
        assert_eq!(parse_split("2+1"), Ok(vec![2, 1]));
        assert!(parse_split("2+0").is_err());
        assert!(parse_split("").is_err());
        assert!(parse_split("two").is_err());
        let lesson = Lesson {
            term_id: crate::new_id(),
            subject_id: crate::new_id(),
            assignment_id: None,
            periods_per_week: 4,
            split: "2+1".into(),
            room_id: None,
        };
        let e = lesson.validate().unwrap_err();
        assert_eq!(codes(e), ["split_sum"]);
    }

    #[test]
    fn cells_and_rules() {
        assert_eq!(
            parse_cells("1:1, 5:6"),
            Ok(vec![
                Cell {
                    weekday: 1,
                    period: 1
                },
                Cell {
                    weekday: 5,
                    period: 6
                }
            ])
        );
        assert!(parse_cells("8:1").is_err());
        assert!(parse_cells("Monday").is_err());
        let rule = TimetableRule {
            term_id: crate::new_id(),
            kind: "max_lessons_per_day".into(),
            weight: 100,
            teacher_id: Some(crate::new_id()),
            class_id: Some(crate::new_id()),
            room_id: None,
            subject_id: None,
            lesson_id: None,
            other_lesson_id: None,
            number: None,
            slots: String::new(),
        };
        let e = rule.validate().unwrap_err();
        assert_eq!(codes(e), ["rule_needs", "rule_needs_one"]);
        let rule = TimetableRule {
            kind: "teacher_unavailable".into(),
            class_id: None,
            slots: "1:1 1:2".into(),
            ..rule
        };
        assert_eq!(rule.validate(), Ok(()));
        let rule = TimetableRule {
            weight: 101,
            ..rule
        };
        assert!(rule.validate().is_err());
    }
}
