//! A FET `.fet` file into a semester's records (issue 14, items 8–9): a
//! preview that writes nothing, then a confirm that writes it all in one
//! audited change.
//!
//! How FET's lists become the school's records (matched by name: case and
//! runs of spaces aside; two records that match one name, or two names of
//! the file that match one record, are a clash and refuse the file):
//!
//! - **Days and hours.** When the school has no week yet, the file's days
//!   become Monday onwards and its hours the bell periods (times read from
//!   hour names like "07.00 - 07.45", else 45 minutes each from 07:00);
//!   an hour a hard `ConstraintBreakTimes` closes becomes a break period.
//!   When the school has a week, the file's n-th day is the school's n-th
//!   working day and the k-th open (not break) hour of a day its k-th
//!   lesson period; a file that does not fit the week is refused, naming
//!   the day.
//! - **Teachers, subjects, rooms** are matched by name, the rest created
//!   (a teacher's gender is not in FET: "Bu"/"Ibu" names are P, others L,
//!   and the preview says to check it; a subject's code is made from its
//!   name; a room keeps FET's capacity).
//! - **Students.** A FET *year* is a class of the semester's academic year
//!   (grade level from the name's leading number, I–XIII or 1–13, else 1,
//!   said in the preview). A FET *group* is a named group of its year's
//!   class; groups that share no students fall into one division (plain
//!   names, like religion groups), groups that overlap into divisions of
//!   their own ("D2: …", [`crate::timetable::division_of`]), so lessons of
//!   overlapping groups clash as in FET. A *subgroup* has no record: its
//!   lessons and rules are listed as not taken.
//! - **Activities.** The activities of one FET activity group are one
//!   lesson whose split is their durations ("2+2"); a hard preferred room
//!   for every block is the lesson's room.
//! - **Constraints** become timetable rules where a rule kind means the
//!   same ([`schooldesk_core::week::RuleKind`]); every other one is listed
//!   as not taken, with its type and line. Weights are whole percents (a
//!   weight under 100 stays under 100).
//!
//! Importing the same file again matches everything it made: lessons and
//! rules equal to stored ones are not added twice.

use crate::auth::require;
use crate::timetable::{LessonRecord, SheetsOf, Week};
use crate::{App, AppError, AppResult};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::validate::{FieldError, Invalid};
use schooldesk_core::week::{self, Cell, RuleKind};
use schooldesk_core::*;
use schooldesk_documents::{Language, TimetableCell, TimetableSheet};
use schooldesk_store::Query;
use schooldesk_timetable::constraint::Kind;
use schooldesk_timetable::model::{Instance, SetKind, Slot};
use std::collections::{BTreeMap, HashMap};

/// The largest `.fet` file taken (the largest of FET's own examples is
/// under 2 MB).
pub const MAX_FET_BYTES: usize = 8 * 1024 * 1024;

/// XML deeper than this is not a FET file (FET's own nest at most 6).
const MAX_DEPTH: usize = 64;

/// A record the import refers to: one stored, or the n-th it creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    Stored(Id),
    New(usize),
}

/// A name of the file and the record it matches (`None`: created).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameLine {
    pub name: String,
    pub existing: Option<Id>,
    /// What to check after the import ("gender not in the file: L").
    pub note: String,
}

/// A lesson the file makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonLine {
    /// "Air for Agathe, Lothen (Glenda), 2 periods (1+1)".
    pub description: String,
    /// The semester's equal lesson, when it is stored already.
    pub existing: Option<Id>,
    /// The line of its first activity in the file.
    pub line: u32,
    /// Names as the file gives them, for a screen to lay out.
    pub subject_name: String,
    pub class_names: Vec<String>,
    pub teacher_names: Vec<String>,
    pub subject: Ref,
    pub teachers: Vec<Ref>,
    pub classes: Vec<(Ref, Option<String>)>,
    pub split: String,
    pub periods: i64,
    pub room: Option<Ref>,
}

/// A rule the file makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLine {
    /// "teacher unavailable: Glenda; Monday 1, Monday 2 (hard)".
    pub description: String,
    pub existing: Option<Id>,
    /// The line of the constraint in the file.
    pub line: u32,
    /// Who and what it names, as the file does (lessons by description).
    pub who: Vec<String>,
    pub kind: RuleKind,
    pub weight: i64,
    pub teacher: Option<Ref>,
    pub class: Option<Ref>,
    pub room: Option<Ref>,
    pub subject: Option<Ref>,
    /// Indices into [`FetPreview::lessons`].
    pub lesson: Option<usize>,
    pub other_lesson: Option<usize>,
    pub number: Option<i64>,
    pub slots: String,
}

/// Something of the file the school's records cannot hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotTaken {
    pub line: u32,
    /// Why, as a code a screen words: `inactive`, `no_students`,
    /// `subgroup`, `too_long`, `unmodelled`, `for_group`, `not_one_lesson`,
    /// `not_every_block`, `no_rule_kind`, `activity_not_taken`.
    pub code: &'static str,
    /// "ConstraintTeacherMinDaysPerWeek", "activity 12".
    pub what: String,
    pub reason: String,
}

/// What importing a file would write. Nothing is written until
/// [`App::import_fet`] is given its `token`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetPreview {
    pub term_id: Id,
    pub institution: String,
    /// The week created from the file, when the school has none.
    pub new_week: Option<Week>,
    /// How the file's days and hours map onto the week, in words.
    pub week_note: String,
    /// Each day of the file and the weekday it goes to (1 Monday … 7).
    pub day_map: Vec<(String, i64)>,
    pub teachers: Vec<NameLine>,
    pub subjects: Vec<NameLine>,
    pub classes: Vec<NameLine>,
    pub rooms: Vec<NameLine>,
    /// "VII-A: Islam": the groups of classes the lessons name.
    pub groups: Vec<String>,
    pub lessons: Vec<LessonLine>,
    pub rules: Vec<RuleLine>,
    pub not_taken: Vec<NotTaken>,
    /// The reader's notes on elements it did not expect.
    pub warnings: Vec<String>,
    /// Names this preview: a confirm whose records changed since is refused.
    pub token: String,
}

impl FetPreview {
    /// How many records, lessons and rules a confirm would add.
    pub fn additions(&self) -> usize {
        let names = [&self.teachers, &self.subjects, &self.classes, &self.rooms]
            .iter()
            .flat_map(|l| l.iter())
            .filter(|n| n.existing.is_none())
            .count();
        names
            + self.lessons.iter().filter(|l| l.existing.is_none()).count()
            + self.rules.iter().filter(|r| r.existing.is_none()).count()
            + usize::from(self.new_week.is_some())
    }
}

/// What a confirmed import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FetImported {
    pub teachers: usize,
    pub subjects: usize,
    pub classes: usize,
    pub rooms: usize,
    pub lessons: usize,
    pub rules: usize,
    pub week: bool,
}

fn file_error(code: &'static str, text: String) -> FieldError {
    FieldError::new("file", Msg::new(code, text))
}

/// A value the UI's sentence names.
fn with(mut e: FieldError, name: &'static str, value: impl ToString) -> FieldError {
    e.msg = e.msg.with(name, value);
    e
}

fn refuse(errors: Vec<FieldError>) -> AppError {
    AppError::Invalid(Invalid(errors))
}

/// A name as matched: case and runs of spaces aside.
fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The records a file is matched against.
struct Existing {
    term: Stored<Term>,
    week: Week,
    teachers: Vec<Stored<Teacher>>,
    subjects: Vec<Stored<Subject>>,
    classes: Vec<Stored<Class>>,
    rooms: Vec<Stored<Room>>,
    lessons: Vec<LessonRecord>,
    rules: Vec<Stored<TimetableRule>>,
}

/// Where each activity and constraint element starts in the file.
struct Lines {
    activities: HashMap<u32, u32>,
    /// Per constraint element, in file order (time list, then space list):
    /// its type, line and whether the engine modelled it.
    constraints: Vec<(String, u32)>,
}

/// Checks the file's shape before the engine reads it: its size, that it
/// is XML whose root is `<fet>`, and no nesting deeper than FET's; and
/// notes the line of each activity and constraint.
fn scan(source: &str) -> Result<Lines, FieldError> {
    if source.len() > MAX_FET_BYTES {
        let e = file_error(
            "fet_too_large",
            format!(
                "the file is {} KB; a .fet file larger than {} KB is not taken",
                source.len() / 1024,
                MAX_FET_BYTES / 1024
            ),
        );
        return Err(with(
            with(e, "size", source.len() / 1024),
            "max",
            MAX_FET_BYTES / 1024,
        ));
    }
    // Depth first, by counting tags, so a crafted file of deep nesting is
    // refused before any tree is built.
    let mut depth = 0usize;
    let bytes = source.as_bytes();
    let mut line = 1u32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'<' => {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next == b'/' {
                    depth = depth.saturating_sub(1);
                } else if next != b'?' && next != b'!' {
                    // Up to the tag's `>`, or to the next `<` of a broken
                    // tag: never past it, so a crafted file of unclosed
                    // tags is scanned once, not once per `<`.
                    let end = source[i + 1..]
                        .find(['>', '<'])
                        .map_or(bytes.len(), |e| i + 1 + e);
                    if !source[i..end].ends_with('/') {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            let e = file_error(
                                "fet_too_deep",
                                format!(
                                    "line {line}: elements nest deeper than {MAX_DEPTH} levels; this is not a FET file"
                                ),
                            );
                            return Err(with(with(e, "line", line), "max", MAX_DEPTH));
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 2_000_000,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(source, options).map_err(|e| {
        with(
            file_error(
                "fet_not_xml",
                format!("this is not a FET file: it is not XML ({e})"),
            ),
            "detail",
            e,
        )
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "fet" {
        return Err(with(
            file_error(
                "fet_not_fet",
                format!(
                    "this is not a FET file: its first element is <{}>, not <fet>",
                    root.tag_name().name()
                ),
            ),
            "root",
            root.tag_name().name(),
        ));
    }
    let line_of = |n: roxmltree::Node| doc.text_pos_at(n.range().start).row;
    let mut lines = Lines {
        activities: HashMap::new(),
        constraints: Vec::new(),
    };
    for list in root.children().filter(|c| c.is_element()) {
        match list.tag_name().name() {
            "Activities_List" => {
                for a in list.children().filter(|c| c.has_tag_name("Activity")) {
                    let id = a
                        .children()
                        .find(|c| c.has_tag_name("Id"))
                        .and_then(|c| c.text())
                        .and_then(|t| t.trim().parse::<u32>().ok());
                    if let Some(id) = id {
                        lines.activities.insert(id, line_of(a));
                    }
                }
            }
            "Time_Constraints_List" | "Space_Constraints_List" => {
                for c in list.children().filter(|c| c.is_element()) {
                    lines
                        .constraints
                        .push((c.tag_name().name().to_string(), line_of(c)));
                }
            }
            _ => {}
        }
    }
    Ok(lines)
}

/// The grade level a class name starts with: "7a" → 7, "X IPA 1" → 10.
fn grade_of(name: &str) -> Option<i64> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse::<i64>() {
        return (1..=13).contains(&n).then_some(n);
    }
    let word: String = name
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_uppercase();
    const ROMAN: [&str; 13] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
    ];
    ROMAN.iter().position(|r| *r == word).map(|p| p as i64 + 1)
}

/// "07.00 - 07.45" or "7:00-7:45": the minutes after midnight of both.
fn hour_times(name: &str) -> Option<(i64, i64)> {
    let mut times = Vec::new();
    for part in name.split(['-', '–']) {
        let part = part.trim();
        let (h, m) = part.split_once([':', '.'])?;
        let (h, m) = (h.trim().parse::<i64>().ok()?, m.trim().parse::<i64>().ok()?);
        if !(0..24).contains(&h) || !(0..60).contains(&m) {
            return None;
        }
        times.push(h * 60 + m);
    }
    match times[..] {
        [a, b] if a < b => Some((a, b)),
        _ => None,
    }
}

/// A short label for a bell period from an hour's name (at most 40 characters).
fn label_of(name: &str, k: usize) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 40 {
        (k + 1).to_string()
    } else {
        name
    }
}

/// The school's week made from the file: days Monday onwards, every hour a
/// period, the hard breaks break periods.
fn week_from(inst: &Instance, breaks: &[Vec<bool>]) -> Week {
    let parsed: Option<Vec<(i64, i64)>> = inst.hours.iter().map(|h| hour_times(h)).collect();
    let times: Vec<(i64, i64)> = match parsed {
        Some(t) if t.windows(2).all(|w| w[0].1 <= w[1].0) => t,
        // 45-minute periods from 07.00, shorter when the day has so many
        // hours that they would run past midnight.
        _ => (0..inst.hours.len() as i64)
            .map(|k| {
                let len = (17 * 60 / (inst.hours.len() as i64).max(1)).clamp(1, 45);
                (7 * 60 + len * k, 7 * 60 + len * (k + 1))
            })
            .collect(),
    };
    let mut periods = Vec::new();
    for (d, day_breaks) in breaks.iter().enumerate().take(inst.days.len()) {
        for (h, name) in inst.hours.iter().enumerate() {
            periods.push(BellPeriod {
                weekday: d as i64 + 1,
                position: h as i64 + 1,
                kind: if day_breaks[h] { "break" } else { "lesson" }.into(),
                label: label_of(name, h),
                start_minute: times[h].0,
                end_minute: times[h].1.min(24 * 60),
            });
        }
    }
    Week {
        days: (1..=inst.days.len() as i64).collect(),
        periods,
    }
}

/// Reads a student set as the records hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Students {
    Class(Ref),
    Group(Ref, String),
}

struct Planner<'a> {
    inst: &'a Instance,
    lines: &'a Lines,
    errors: Vec<FieldError>,
    not_taken: Vec<NotTaken>,
    teachers: Vec<NameLine>,
    subjects: Vec<NameLine>,
    classes: Vec<NameLine>,
    rooms: Vec<NameLine>,
    teacher_ref: Vec<Ref>,
    subject_ref: Vec<Ref>,
    room_ref: Vec<Ref>,
    /// Per student set.
    students: Vec<Option<Students>>,
    /// Per day and hour: the week's cell (None: a break).
    cells: Vec<Vec<Option<Cell>>>,
}

impl Planner<'_> {
    /// Matches the file's names of one kind against stored records.
    fn names(
        &mut self,
        what: &str,
        table: &str,
        names: &[String],
        stored: &[(Id, String)],
        max: usize,
    ) -> (Vec<NameLine>, Vec<Ref>) {
        let mut by_key: HashMap<String, Vec<&(Id, String)>> = HashMap::new();
        for s in stored {
            by_key.entry(key(&s.1)).or_default().push(s);
        }
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut out = Vec::new();
        let mut refs = Vec::new();
        for name in names {
            let k = key(name);
            if let Some(first) = seen.insert(k.clone(), name) {
                let e = file_error(
                    "fet_name_clash",
                    format!("the file has the {what}s {first:?} and {name:?}, which are one name to the school's records; rename one in FET"),
                );
                self.errors.push(with(
                    with(with(e, "what", table), "first", first),
                    "name",
                    name,
                ));
            }
            let new = || Ref::New(out.len());
            match by_key.get(&k).map(Vec::as_slice) {
                Some([one]) => {
                    refs.push(Ref::Stored(one.0));
                    out.push(NameLine {
                        name: name.clone(),
                        existing: Some(one.0),
                        note: String::new(),
                    });
                }
                Some(many) => {
                    let e = file_error(
                        "fet_name_ambiguous",
                        format!(
                            "the file's {what} {name:?} matches {} {what}s of the school's records; rename them apart first",
                            many.len()
                        ),
                    );
                    self.errors.push(with(
                        with(with(e, "what", table), "name", name),
                        "count",
                        many.len(),
                    ));
                    refs.push(new());
                    out.push(NameLine {
                        name: name.clone(),
                        existing: None,
                        note: String::new(),
                    });
                }
                None => {
                    if let Err(m) = validate::name(name, max) {
                        let e = file_error(
                            "fet_bad_name",
                            format!(
                                "the file's {what} {name:?} cannot be a name here: {}",
                                m.text
                            ),
                        );
                        self.errors.push(with(
                            with(with(e, "what", table), "name", name),
                            "max",
                            max,
                        ));
                    }
                    refs.push(new());
                    out.push(NameLine {
                        name: name.clone(),
                        existing: None,
                        note: String::new(),
                    });
                }
            }
        }
        (out, refs)
    }

    fn constraint_line(&self, element: usize) -> u32 {
        self.lines.constraints.get(element).map_or(0, |c| c.1)
    }

    fn activity_line(&self, activity: usize) -> u32 {
        self.inst
            .activities
            .get(activity)
            .and_then(|a| self.lines.activities.get(&a.id))
            .copied()
            .unwrap_or(0)
    }

    fn cells(&self, slots: &[Slot]) -> String {
        let mut cells: Vec<Cell> = slots
            .iter()
            .filter_map(|s| {
                *self
                    .cells
                    .get(s.day as usize)
                    .and_then(|d| d.get(s.hour as usize))?
            })
            .collect();
        cells.sort();
        cells.dedup();
        cells
            .iter()
            .map(|c| format!("{}:{}", c.weekday, c.period))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A FET weight as a whole percent: 100 stays hard, anything under 100
/// stays under it, anything over 0 stays over it.
fn weight_of(w: f64) -> i64 {
    if w >= 100.0 {
        100
    } else if w <= 0.0 {
        0
    } else {
        (w.round() as i64).clamp(1, 99)
    }
}

fn weight_words(w: i64) -> String {
    if w >= 100 {
        "hard".into()
    } else {
        format!("{w} %")
    }
}

/// Plans the import of `source` against the stored records: pure.
fn plan(source: &str, ex: &Existing) -> AppResult<FetPreview> {
    let lines = scan(source).map_err(|e| refuse(vec![e]))?;
    let import = schooldesk_timetable::fet::read(source).map_err(|e| {
        refuse(vec![with(
            file_error(
                "fet_unreadable",
                format!("the FET file cannot be read: {e}"),
            ),
            "detail",
            &e,
        )])
    })?;
    let inst = &import.instance;
    // The school's rooms are real rooms: a virtual room (FET 6, a lesson
    // taking one real room of each of its sets) would be stored as one
    // plain room, and its lessons would clash there. Refused, named.
    if let Some(v) = inst.rooms.iter().find(|r| r.is_virtual()) {
        return Err(refuse(vec![with(
            file_error(
                "fet_virtual_room",
                format!(
                    "room {:?} is a virtual room (its lessons take one real room of each of its sets); Schooldesk's rooms cannot hold that yet: remove it from the file in FET, or solve the file with `schooldesk timetable solve`",
                    v.name
                ),
            ),
            "room",
            &v.name,
        )]));
    }
    let n_days = inst.days.len();
    let n_hours = inst.hours.len();

    // The hard breaks shape the week; other BreakTimes are rules we lack.
    let mut breaks = vec![vec![false; n_hours]; n_days];
    for c in inst.constraints.iter().filter(|c| c.active && c.is_hard()) {
        if let Kind::BreakTimes { slots } = &c.kind {
            for s in slots {
                breaks[s.day as usize][s.hour as usize] = true;
            }
        }
    }
    let mut errors = Vec::new();
    let (new_week, week) = if ex.week.days.is_empty() {
        if n_days > 7 {
            errors.push(with(
                file_error(
                    "fet_too_many_days",
                    format!("the file has {n_days} days; a school week has at most 7"),
                ),
                "days",
                n_days,
            ));
        }
        let w = week_from(inst, &breaks);
        if n_days <= 7 {
            if let Err(Invalid(e)) = week::check_week(&w.days, &w.periods) {
                errors.extend(e);
            }
        }
        (Some(w.clone()), w)
    } else {
        (None, ex.week.clone())
    };
    let mut cells = vec![vec![None; n_hours]; n_days];
    for (d, day_name) in inst.days.iter().enumerate() {
        let open = (0..n_hours).filter(|h| !breaks[d][*h]).count();
        let Some(weekday) = week.days.get(d).copied() else {
            let e = file_error(
                "fet_week_days",
                format!(
                    "the file's day {day_name:?} (day {} of {n_days}) has no working day of the school's week to go to (it has {})",
                    d + 1,
                    week.days.len()
                ),
            );
            errors.push(with(
                with(with(e, "name", day_name), "count", n_days),
                "days",
                week.days.len(),
            ));
            continue;
        };
        let periods = week.lesson_periods(weekday).len();
        if open > periods {
            let e = file_error(
                "fet_week_mismatch",
                format!(
                    "the file's day {day_name:?} has {open} lesson hours, but {} has {periods} lesson periods in the school's week",
                    week::day_name(weekday)
                ),
            );
            errors.push(with(
                with(
                    with(with(e, "name", day_name), "hours", open),
                    "day",
                    weekday,
                ),
                "periods",
                periods,
            ));
        }
        let mut k = 0;
        for h in 0..n_hours {
            if !breaks[d][h] {
                k += 1;
                cells[d][h] = Some(Cell { weekday, period: k });
            }
        }
    }
    let week_note = format!(
        "{n_days} day(s) × {n_hours} hour(s) of the file{}: {}",
        if new_week.is_some() {
            " become the school's week"
        } else {
            " go onto the school's week"
        },
        inst.days
            .iter()
            .enumerate()
            .filter_map(|(d, name)| {
                week.days
                    .get(d)
                    .map(|w| format!("{name} → {}", week::day_name(*w)))
            })
            .collect::<Vec<_>>()
            .join(", ")
    );

    let mut p = Planner {
        inst,
        lines: &lines,
        errors,
        not_taken: Vec::new(),
        teachers: Vec::new(),
        subjects: Vec::new(),
        classes: Vec::new(),
        rooms: Vec::new(),
        teacher_ref: Vec::new(),
        subject_ref: Vec::new(),
        room_ref: Vec::new(),
        students: vec![None; inst.sets.len()],
        cells,
    };

    let (t, r) = p.names(
        "teacher",
        "teachers",
        &inst.teachers,
        &ex.teachers
            .iter()
            .map(|t| (t.id(), t.data.full_name.clone()))
            .collect::<Vec<_>>(),
        100,
    );
    (p.teachers, p.teacher_ref) = (t, r);
    for t in p.teachers.iter_mut().filter(|t| t.existing.is_none()) {
        let female = ["bu ", "ibu "].iter().any(|x| key(&t.name).starts_with(x));
        t.note = format!(
            "gender not in the file: {} (check it)",
            if female { "P" } else { "L" }
        );
    }
    let (s, r) = p.names(
        "subject",
        "subjects",
        &inst.subjects,
        &ex.subjects
            .iter()
            .map(|s| (s.id(), s.data.name.clone()))
            .collect::<Vec<_>>(),
        100,
    );
    (p.subjects, p.subject_ref) = (s, r);
    let room_names: Vec<String> = inst.rooms.iter().map(|r| r.name.clone()).collect();
    let (s, r) = p.names(
        "room",
        "rooms",
        &room_names,
        &ex.rooms
            .iter()
            .map(|s| (s.id(), s.data.name.clone()))
            .collect::<Vec<_>>(),
        50,
    );
    (p.rooms, p.room_ref) = (s, r);
    let year_names: Vec<String> = inst
        .years
        .iter()
        .map(|y| inst.sets[*y as usize].name.clone())
        .collect();
    let (c, class_ref) = p.names(
        "class",
        "classes",
        &year_names,
        &ex.classes
            .iter()
            .map(|s| (s.id(), s.data.name.clone()))
            .collect::<Vec<_>>(),
        50,
    );
    p.classes = c;
    for c in p.classes.iter_mut().filter(|c| c.existing.is_none()) {
        if grade_of(&c.name).is_none() {
            c.note = "grade level not in its name: 1 (check it)".into();
        }
    }

    // Years, their groups in divisions.
    let mut groups_out = Vec::new();
    for (k, y) in inst.years.iter().enumerate() {
        let class = class_ref[k];
        p.students[*y as usize] = Some(Students::Class(class));
        let groups: Vec<u32> = inst.sets[*y as usize]
            .children
            .iter()
            .copied()
            .filter(|g| inst.sets[*g as usize].kind == SetKind::Group)
            .filter(|g| p.students[*g as usize].is_none())
            .collect();
        let mut divisions: Vec<Vec<u32>> = Vec::new();
        let mut division_of = HashMap::new();
        for g in &groups {
            let atoms = &inst.sets[*g as usize].atoms;
            let fits = |d: &Vec<u32>| {
                d.iter().all(|o| {
                    !inst.sets[*o as usize]
                        .atoms
                        .iter()
                        .any(|a| atoms.contains(a))
                })
            };
            let at = match divisions.iter().position(fits) {
                Some(at) => at,
                None => {
                    divisions.push(Vec::new());
                    divisions.len() - 1
                }
            };
            divisions[at].push(*g);
            division_of.insert(*g, at);
        }
        for g in &groups {
            let plain = inst.sets[*g as usize].name.replace(':', "-");
            let name = if divisions.len() > 1 {
                format!("D{}: {plain}", division_of[g] + 1)
            } else {
                plain
            };
            if let Err(m) = validate::name(&name, 40) {
                let e = file_error(
                    "fet_bad_name",
                    format!(
                        "the file's group {:?} cannot be a group name here: {}",
                        inst.sets[*g as usize].name, m.text
                    ),
                );
                p.errors.push(with(
                    with(
                        with(e, "what", "lesson_classes"),
                        "name",
                        &inst.sets[*g as usize].name,
                    ),
                    "max",
                    40,
                ));
            }
            groups_out.push(format!("{}: {name}", year_names[k]));
            p.students[*g as usize] = Some(Students::Group(class, name));
        }
    }

    // Activities into lessons.
    let mut lessons: Vec<LessonLine> = Vec::new();
    // Per activity: its lesson and block (from 0).
    let mut block_of: Vec<Option<(usize, usize)>> = vec![None; inst.activities.len()];
    let mut by_group: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, a) in inst.activities.iter().enumerate() {
        let g = if a.group_id == 0 { a.id } else { a.group_id };
        by_group.entry(g).or_default().push(i);
    }
    let mut by_group: Vec<Vec<usize>> = by_group.into_values().collect();
    by_group.sort_by_key(|g| g[0]);
    for mut acts in by_group {
        acts.sort_by_key(|i| inst.activities[*i].id);
        let a = &inst.activities[acts[0]];
        let line = p.activity_line(acts[0]);
        let what = format!("activity {}", a.id);
        let skip = |p: &mut Planner, code: &'static str, reason: String| {
            p.not_taken.push(NotTaken {
                line,
                code,
                what: what.clone(),
                reason,
            });
        };
        if acts.iter().any(|i| !inst.activities[*i].active) {
            skip(&mut p, "inactive", "it is not active in the file".into());
            continue;
        }
        if a.students.is_empty() {
            skip(
                &mut p,
                "no_students",
                "it has no students; a lesson here is for a class".into(),
            );
            continue;
        }
        let mut classes = Vec::new();
        let mut bad = None;
        for s in &a.students {
            match &p.students[*s as usize] {
                Some(Students::Class(c)) => classes.push((*c, None)),
                Some(Students::Group(c, g)) => classes.push((*c, Some(g.clone()))),
                None => bad = Some(inst.sets[*s as usize].name.clone()),
            }
        }
        if let Some(set) = bad {
            skip(
                &mut p,
                "subgroup",
                format!("its students {set:?} are a subgroup; a lesson here is for a class or a group of one"),
            );
            continue;
        }
        let durations: Vec<u16> = acts.iter().map(|i| inst.activities[*i].duration).collect();
        let periods: i64 = durations.iter().map(|d| i64::from(*d)).sum();
        if durations.iter().any(|d| *d == 0 || *d > 12) || periods > 60 {
            skip(
                &mut p,
                "too_long",
                format!("its blocks {durations:?} are longer than a lesson here may be (12 periods, 60 a week)"),
            );
            continue;
        }
        classes.sort();
        classes.dedup();
        let mut teachers: Vec<Ref> = a
            .teachers
            .iter()
            .map(|t| p.teacher_ref[*t as usize])
            .collect();
        teachers.sort();
        teachers.dedup();
        let split = durations
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join("+");
        let index = lessons.len();
        for (k, i) in acts.iter().enumerate() {
            block_of[*i] = Some((index, k));
        }
        let class_names: Vec<String> = a
            .students
            .iter()
            .map(|s| inst.sets[*s as usize].name.clone())
            .collect();
        let teacher_names: Vec<&str> = a
            .teachers
            .iter()
            .map(|t| inst.teachers[*t as usize].as_str())
            .collect();
        lessons.push(LessonLine {
            description: format!(
                "{} for {} ({}), {periods} period(s) ({split})",
                inst.subjects[a.subject as usize],
                class_names.join(", "),
                teacher_names.join(", ")
            ),
            existing: None,
            line,
            subject_name: inst.subjects[a.subject as usize].clone(),
            class_names: class_names.clone(),
            teacher_names: teacher_names.iter().map(|t| t.to_string()).collect(),
            subject: p.subject_ref[a.subject as usize],
            teachers,
            classes,
            split,
            periods,
            room: None,
        });
    }
    let blocks_of = |lesson: usize| -> usize {
        block_of
            .iter()
            .filter(|b| b.is_some_and(|(l, _)| l == lesson))
            .count()
    };

    // Constraints. Elements in file order against the engine's lists.
    let mut rules: Vec<RuleLine> = Vec::new();
    let (mut ci, mut oi) = (0usize, 0usize);
    // Per-activity constraints gathered per lesson before they become rules.
    #[derive(Default)]
    struct PerLesson {
        fixed: Vec<(usize, usize, i64, Cell)>,
        slots: Vec<(usize, usize, i64, String)>,
        room: Vec<(usize, usize, i64, u32)>,
    }
    let mut per: BTreeMap<usize, PerLesson> = BTreeMap::new();
    // Per pair of lessons: (element, block, block, weight) of each tie.
    type Ties = Vec<(usize, usize, usize, i64)>;
    let mut same: BTreeMap<(usize, usize), Ties> = BTreeMap::new();
    let elements: Vec<(String, u32)> = lines.constraints.clone();
    for (e, (type_name, line)) in elements.iter().enumerate() {
        let engine = inst
            .constraints
            .get(ci)
            .filter(|c| c.kind.fet_name() == type_name);
        let Some(c) = engine else {
            let active = inst.opaque.get(oi).is_none_or(|o| o.active);
            oi += 1;
            p.not_taken.push(NotTaken {
                line: *line,
                code: if active { "unmodelled" } else { "inactive" },
                what: type_name.clone(),
                reason: if active {
                    "the timetable engine does not model this FET constraint type".into()
                } else {
                    "not active in the file (and a type the engine does not model)".into()
                },
            });
            continue;
        };
        ci += 1;
        let not = |p: &mut Planner, code: &'static str, reason: &str| {
            p.not_taken.push(NotTaken {
                line: *line,
                code,
                what: type_name.clone(),
                reason: reason.to_string(),
            });
        };
        if !c.active {
            not(&mut p, "inactive", "not active in the file");
            continue;
        }
        let weight = weight_of(c.weight);
        let rule = |kind: RuleKind| RuleLine {
            description: String::new(),
            existing: None,
            line: *line,
            who: Vec::new(),
            kind,
            weight,
            teacher: None,
            class: None,
            room: None,
            subject: None,
            lesson: None,
            other_lesson: None,
            number: None,
            slots: String::new(),
        };
        let year_of = |p: &Planner, set: u32| match &p.students[set as usize] {
            Some(Students::Class(c)) => Some(*c),
            _ => None,
        };
        const FOR_CLASS: &str =
            "it is for a group or subgroup; this rule here is for a teacher or a whole class";
        match &c.kind {
            Kind::BasicCompulsoryTime | Kind::BasicCompulsorySpace => {}
            Kind::BreakTimes { .. } if c.is_hard() => {}
            Kind::TeacherNotAvailableTimes { teacher, slots } => {
                let slots = p.cells(slots);
                if !slots.is_empty() {
                    rules.push(RuleLine {
                        teacher: Some(p.teacher_ref[*teacher as usize]),
                        slots,
                        ..rule(RuleKind::TeacherUnavailable)
                    });
                }
            }
            Kind::StudentsSetNotAvailableTimes { set, slots } => match year_of(&p, *set) {
                Some(class) => {
                    let slots = p.cells(slots);
                    if !slots.is_empty() {
                        rules.push(RuleLine {
                            class: Some(class),
                            slots,
                            ..rule(RuleKind::ClassUnavailable)
                        });
                    }
                }
                None => not(&mut p, "for_group", FOR_CLASS),
            },
            Kind::RoomNotAvailableTimes { room, slots } => {
                let slots = p.cells(slots);
                if !slots.is_empty() {
                    rules.push(RuleLine {
                        room: Some(p.room_ref[*room as usize]),
                        slots,
                        ..rule(RuleKind::RoomUnavailable)
                    });
                }
            }
            Kind::TeacherMaxHoursDaily { teacher, max } => rules.push(RuleLine {
                teacher: Some(p.teacher_ref[*teacher as usize]),
                number: Some(i64::from(*max)),
                ..rule(RuleKind::MaxLessonsPerDay)
            }),
            Kind::StudentsSetMaxHoursDaily { set, max } => match year_of(&p, *set) {
                Some(class) => rules.push(RuleLine {
                    class: Some(class),
                    number: Some(i64::from(*max)),
                    ..rule(RuleKind::MaxLessonsPerDay)
                }),
                None => not(&mut p, "for_group", FOR_CLASS),
            },
            Kind::TeacherMaxDaysPerWeek { teacher, max } => rules.push(RuleLine {
                teacher: Some(p.teacher_ref[*teacher as usize]),
                number: Some(i64::from(*max)),
                ..rule(RuleKind::MaxDaysPerWeek)
            }),
            Kind::TeacherMaxGapsPerWeek { teacher, max } => rules.push(RuleLine {
                teacher: Some(p.teacher_ref[*teacher as usize]),
                number: Some(i64::from(*max)),
                ..rule(RuleKind::MaxGapsPerWeek)
            }),
            Kind::StudentsSetMaxGapsPerWeek { set, max } => match year_of(&p, *set) {
                Some(class) => rules.push(RuleLine {
                    class: Some(class),
                    number: Some(i64::from(*max)),
                    ..rule(RuleKind::MaxGapsPerWeek)
                }),
                None => not(&mut p, "for_group", FOR_CLASS),
            },
            Kind::MinDaysBetweenActivities {
                activities,
                min_days,
                consecutive_if_same_day,
            } => {
                let blocks: Vec<Option<(usize, usize)>> =
                    activities.iter().map(|a| block_of[*a as usize]).collect();
                let lesson = blocks.first().copied().flatten().map(|b| b.0);
                let whole = lesson.is_some_and(|l| {
                    blocks.iter().all(|b| b.is_some_and(|b| b.0 == l))
                        && blocks.len() == blocks_of(l)
                        && blocks.len() > 1
                });
                match lesson {
                    Some(l) if whole && *consecutive_if_same_day => rules.push(RuleLine {
                        lesson: Some(l),
                        number: Some(i64::from(*min_days)),
                        ..rule(RuleKind::MinDaysBetween)
                    }),
                    _ => not(
                        &mut p,
                        "not_one_lesson",
                        "its activities are not exactly the blocks of one lesson kept apart (consecutive if on one day); the rule here is per lesson",
                    ),
                }
            }
            Kind::ActivityPreferredStartingTime {
                activity,
                day: Some(day),
                hour: Some(hour),
                ..
            } => {
                let cell = p
                    .cells
                    .get(*day as usize)
                    .and_then(|d| d.get(*hour as usize))
                    .copied()
                    .flatten();
                match (block_of[*activity as usize], cell) {
                    (Some((l, k)), Some(cell)) => {
                        per.entry(l).or_default().fixed.push((e, k, weight, cell))
                    }
                    _ => not(
                        &mut p,
                        "activity_not_taken",
                        "its activity is not taken, or its time is a break",
                    ),
                }
            }
            Kind::ActivityPreferredTimeSlots { activity, slots } => {
                match block_of[*activity as usize] {
                    Some((l, k)) => {
                        let cells = p.cells(slots);
                        per.entry(l).or_default().slots.push((e, k, weight, cells))
                    }
                    None => not(&mut p, "activity_not_taken", "its activity is not taken"),
                }
            }
            Kind::ActivitiesPreferredTimeSlots { filter, slots }
                if filter.subject.is_some()
                    && filter.teacher.is_none()
                    && filter.students.is_none()
                    && filter.tag.is_none()
                    && filter.duration.is_none() =>
            {
                rules.push(RuleLine {
                    subject: Some(p.subject_ref[filter.subject.unwrap_or(0) as usize]),
                    slots: p.cells(slots),
                    ..rule(RuleKind::PreferredTimes)
                })
            }
            Kind::ActivityPreferredRoom { activity, room, .. } => {
                match block_of[*activity as usize] {
                    Some((l, k)) => per.entry(l).or_default().room.push((e, k, weight, *room)),
                    None => not(&mut p, "activity_not_taken", "its activity is not taken"),
                }
            }
            Kind::SubjectPreferredRoom { subject, room } => rules.push(RuleLine {
                subject: Some(p.subject_ref[*subject as usize]),
                room: Some(p.room_ref[*room as usize]),
                ..rule(RuleKind::PreferredRoom)
            }),
            Kind::ActivitiesSameStartingTime { activities } => {
                let blocks: Vec<Option<(usize, usize)>> =
                    activities.iter().map(|a| block_of[*a as usize]).collect();
                match blocks.split_first() {
                    Some((Some((l0, k0)), rest))
                        if rest
                            .iter()
                            .all(|b| b.is_some_and(|(l, k)| l != *l0 && k == *k0)) =>
                    {
                        for (l, _) in rest.iter().flatten() {
                            same.entry((*l0, *l)).or_default().push((e, *k0, *k0, weight));
                        }
                    }
                    _ => not(
                        &mut p,
                        "not_one_lesson",
                        "its activities are not the same block of different lessons; the rule here runs two lessons side by side, block by block",
                    ),
                }
            }
            _ => not(
                &mut p,
                "no_rule_kind",
                "no kind of timetable rule here means this; it is not stored",
            ),
        }
    }
    // Per-lesson gatherings: a rule when they cover every block alike.
    for (l, g) in per {
        let n = blocks_of(l);
        let line_of = |e: usize| lines.constraints.get(e).map_or(0, |c| c.1);
        let refuse_all = |p: &mut Planner, items: Vec<usize>, what: &str, reason: &str| {
            for e in items {
                p.not_taken.push(NotTaken {
                    line: line_of(e),
                    code: "not_every_block",
                    what: what.to_string(),
                    reason: reason.to_string(),
                });
            }
        };
        if !g.fixed.is_empty() {
            let mut f = g.fixed.clone();
            f.sort_by_key(|x| x.1);
            let alike =
                f.len() == n && f.iter().enumerate().all(|(k, x)| x.1 == k && x.2 == f[0].2);
            if alike {
                rules.push(RuleLine {
                    description: String::new(),
                    existing: None,
                    line: line_of(f[0].0),
                    who: Vec::new(),
                    kind: RuleKind::FixedTime,
                    weight: f[0].2,
                    teacher: None,
                    class: None,
                    room: None,
                    subject: None,
                    lesson: Some(l),
                    other_lesson: None,
                    number: None,
                    slots: f
                        .iter()
                        .map(|x| format!("{}:{}", x.3.weekday, x.3.period))
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            } else {
                refuse_all(
                    &mut p,
                    f.iter().map(|x| x.0).collect(),
                    "ConstraintActivityPreferredStartingTime",
                    "not every block of its lesson has one start time of the same weight; a fixed time here gives each block its own",
                );
            }
        }
        if !g.slots.is_empty() {
            let s = &g.slots;
            let alike = s.len() == n && s.iter().all(|x| x.3 == s[0].3 && x.2 == s[0].2);
            if alike {
                rules.push(RuleLine {
                    description: String::new(),
                    existing: None,
                    line: line_of(s[0].0),
                    who: Vec::new(),
                    kind: RuleKind::PreferredTimes,
                    weight: s[0].2,
                    teacher: None,
                    class: None,
                    room: None,
                    subject: None,
                    lesson: Some(l),
                    other_lesson: None,
                    number: None,
                    slots: s[0].3.clone(),
                });
            } else {
                refuse_all(
                    &mut p,
                    s.iter().map(|x| x.0).collect(),
                    "ConstraintActivityPreferredTimeSlots",
                    "the blocks of its lesson have different times; the rule here is for a whole lesson",
                );
            }
        }
        if !g.room.is_empty() {
            let r = &g.room;
            let alike = r.len() == n && r.iter().all(|x| x.3 == r[0].3 && x.2 == r[0].2);
            if alike && r[0].2 == 100 {
                lessons[l].room = Some(p.room_ref[r[0].3 as usize]);
            } else if alike {
                rules.push(RuleLine {
                    description: String::new(),
                    existing: None,
                    line: line_of(r[0].0),
                    who: Vec::new(),
                    kind: RuleKind::PreferredRoom,
                    weight: r[0].2,
                    teacher: None,
                    class: None,
                    room: Some(p.room_ref[r[0].3 as usize]),
                    subject: None,
                    lesson: Some(l),
                    other_lesson: None,
                    number: None,
                    slots: String::new(),
                });
            } else {
                refuse_all(
                    &mut p,
                    r.iter().map(|x| x.0).collect(),
                    "ConstraintActivityPreferredRoom",
                    "the blocks of its lesson have different rooms; a lesson here has one room",
                );
            }
        }
    }
    for ((a, b), pairs) in same {
        let n = blocks_of(a);
        let mut ks: Vec<usize> = pairs.iter().map(|x| x.1).collect();
        ks.sort_unstable();
        ks.dedup();
        let same_split = lessons[a].split == lessons[b].split;
        let alike = same_split
            && ks.len() == n
            && pairs.len() == n
            && pairs.iter().all(|x| x.3 == pairs[0].3);
        if alike {
            rules.push(RuleLine {
                description: String::new(),
                existing: None,
                line: p.constraint_line(pairs[0].0),
                who: Vec::new(),
                kind: RuleKind::SameTime,
                weight: pairs[0].3,
                teacher: None,
                class: None,
                room: None,
                subject: None,
                lesson: Some(a),
                other_lesson: Some(b),
                number: None,
                slots: String::new(),
            });
        } else {
            for x in &pairs {
                p.not_taken.push(NotTaken {
                    line: p.constraint_line(x.0),
                    code: "not_every_block",
                    what: "ConstraintActivitiesSameStartingTime".into(),
                    reason: format!(
                        "it does not tie every block of {} to {} alike; the rule here runs two lessons side by side, block by block",
                        lessons[a].description, lessons[b].description
                    ),
                });
            }
        }
    }
    p.not_taken
        .sort_by(|a, b| (a.line, &a.what).cmp(&(b.line, &b.what)));
    p.not_taken.dedup();
    if !p.errors.is_empty() {
        return Err(refuse(p.errors));
    }

    // Lessons and rules already stored are matched, not added again.
    let lesson_key = |subject: Ref,
                      teachers: &[Ref],
                      classes: &[(Ref, Option<String>)],
                      split: &str,
                      room: Option<Ref>| {
        format!("{subject:?}|{teachers:?}|{classes:?}|{split}|{room:?}")
    };
    let mut stored_lessons: HashMap<String, Vec<Id>> = HashMap::new();
    for l in &ex.lessons {
        let mut teachers: Vec<Ref> = l
            .teachers
            .iter()
            .map(|t| Ref::Stored(t.data.teacher_id))
            .collect();
        teachers.sort();
        let mut classes: Vec<(Ref, Option<String>)> = l
            .classes
            .iter()
            .map(|c| (Ref::Stored(c.data.class_id), c.data.group_name.clone()))
            .collect();
        classes.sort();
        let k = lesson_key(
            Ref::Stored(l.lesson.data.subject_id),
            &teachers,
            &classes,
            &l.lesson.data.split,
            l.lesson.data.room_id.map(Ref::Stored),
        );
        stored_lessons.entry(k).or_default().push(l.lesson.id());
    }
    for l in &mut lessons {
        let k = lesson_key(l.subject, &l.teachers, &l.classes, &l.split, l.room);
        if let Some(ids) = stored_lessons.get_mut(&k) {
            l.existing = ids.pop();
        }
    }
    let rule_key = |r: &TimetableRule| {
        format!(
            "{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
            r.kind,
            r.weight,
            r.teacher_id,
            r.class_id,
            r.room_id,
            r.subject_id,
            r.lesson_id,
            r.other_lesson_id,
            r.number,
            r.slots
        )
    };
    let mut stored_rules: HashMap<String, Vec<Id>> = HashMap::new();
    for r in &ex.rules {
        stored_rules
            .entry(rule_key(&r.data))
            .or_default()
            .push(r.id());
    }
    let stored_id = |r: Option<Ref>| match r {
        Some(Ref::Stored(id)) => Ok(Some(id)),
        Some(Ref::New(_)) => Err(()),
        None => Ok(None),
    };
    for r in &mut rules {
        let lesson = |l: Option<usize>| match l {
            Some(l) => lessons[l]
                .existing
                .map(|id| Some(Ref::Stored(id)))
                .ok_or(()),
            None => Ok(None),
        };
        let as_stored = (|| -> Result<TimetableRule, ()> {
            Ok(TimetableRule {
                term_id: ex.term.id(),
                kind: r.kind.as_str().into(),
                weight: r.weight,
                teacher_id: stored_id(r.teacher)?,
                class_id: stored_id(r.class)?,
                room_id: stored_id(r.room)?,
                subject_id: stored_id(r.subject)?,
                lesson_id: stored_id(lesson(r.lesson)?)?,
                other_lesson_id: stored_id(lesson(r.other_lesson)?)?,
                number: r.number,
                slots: r.slots.clone(),
            })
        })();
        if let Ok(data) = as_stored {
            if let Some(ids) = stored_rules.get_mut(&rule_key(&data)) {
                r.existing = ids.pop();
            }
        }
    }
    // Rules in words.
    let name_of = |list: &[NameLine], refs: &[Ref], r: Option<Ref>| -> Option<String> {
        let r = r?;
        refs.iter()
            .position(|x| *x == r)
            .map(|i| list[i].name.clone())
    };
    for r in &mut rules {
        let mut who = Vec::new();
        who.extend(name_of(&p.teachers, &p.teacher_ref, r.teacher));
        who.extend(name_of(&p.classes, &class_ref, r.class));
        who.extend(name_of(&p.subjects, &p.subject_ref, r.subject));
        who.extend(name_of(&p.rooms, &p.room_ref, r.room));
        for l in [r.lesson, r.other_lesson].into_iter().flatten() {
            who.push(lessons[l].description.clone());
        }
        r.who = who.clone();
        let mut what = vec![who.join("; ")];
        if let Some(n) = r.number {
            what.push(n.to_string());
        }
        if !r.slots.is_empty() {
            let cells = week::parse_cells(&r.slots).unwrap_or_default();
            what.push(
                cells
                    .iter()
                    .map(|c| format!("{} {}", week::day_name(c.weekday), c.period))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        r.description = format!(
            "{}: {} ({})",
            r.kind.as_str().replace('_', " "),
            what.join("; "),
            weight_words(r.weight)
        );
    }
    groups_out.sort();
    groups_out.dedup();
    let mut preview = FetPreview {
        term_id: ex.term.id(),
        institution: inst.institution.clone(),
        new_week,
        week_note,
        day_map: inst
            .days
            .iter()
            .enumerate()
            .filter_map(|(d, name)| week.days.get(d).map(|w| (name.clone(), *w)))
            .collect(),
        teachers: p.teachers,
        subjects: p.subjects,
        classes: p.classes,
        rooms: p.rooms,
        groups: groups_out,
        lessons,
        rules,
        not_taken: p.not_taken,
        warnings: import.warnings.clone(),
        token: String::new(),
    };
    preview.token = token(&preview, ex);
    Ok(preview)
}

/// A fingerprint of what a preview would write and of the semester's
/// version: a confirm recomputes it, and a difference means the records
/// changed since the preview.
fn token(p: &FetPreview, ex: &Existing) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(format!("{p:?}|{}", ex.term.version()).as_bytes());
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A unique subject code made from a name: "Bahasa Indonesia" → "BAHASAINDON".
fn code_for(name: &str, taken: &mut Vec<String>) -> String {
    let base: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_uppercase())
        .take(12)
        .collect();
    let base = if base.is_empty() {
        "MAPEL".into()
    } else {
        base
    };
    let mut code = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| key(t) == key(&code)) {
        code = format!("{base}-{n}");
        n += 1;
    }
    taken.push(code.clone());
    code
}

impl App {
    async fn fet_existing(&self, actor: &Actor, term_id: Id) -> AppResult<Existing> {
        let term = self.store().find::<Term>(term_id).await?.ok_or_else(|| {
            AppError::field("term_id", Msg::new("no_such_term", "no such semester"))
        })?;
        let mut days: Vec<i64> = self
            .store()
            .list::<SchoolDay>(&Query::all())
            .await?
            .into_iter()
            .map(|d| d.data.weekday)
            .collect();
        days.sort_unstable();
        let mut periods: Vec<BellPeriod> = self
            .store()
            .list::<BellPeriod>(&Query::all())
            .await?
            .into_iter()
            .map(|p| p.data)
            .collect();
        periods.sort_by_key(|p| (p.weekday, p.position));
        let lessons = self.lessons(actor, term_id).await?;
        let mut rules = self
            .store()
            .list::<TimetableRule>(&Query::all().eq("term_id", term_id))
            .await?;
        rules.sort_by_key(|r| r.id());
        Ok(Existing {
            week: Week { days, periods },
            teachers: self.store().list::<Teacher>(&Query::all()).await?,
            subjects: self.store().list::<Subject>(&Query::all()).await?,
            classes: self
                .store()
                .list::<Class>(&Query::all().eq("academic_year_id", term.data.academic_year_id))
                .await?,
            rooms: self.store().list::<Room>(&Query::all()).await?,
            lessons,
            rules,
            term,
        })
    }

    /// What importing the FET file `source` into a semester would write:
    /// which teachers, subjects, classes and rooms match stored records by
    /// name and which would be created, the lessons and rules, and what
    /// of the file cannot be taken (named, with its line). Writes nothing.
    /// A file that is not FET, too large or nested too deep, or whose
    /// names clash, is refused, named.
    pub async fn preview_fet_import(
        &self,
        actor: &Actor,
        term_id: Id,
        source: &str,
    ) -> AppResult<FetPreview> {
        Ok(self.fet_plan(actor, term_id, source).await?.0)
    }

    /// The preview and the records it was planned against (read once).
    async fn fet_plan(
        &self,
        actor: &Actor,
        term_id: Id,
        source: &str,
    ) -> AppResult<(FetPreview, std::sync::Arc<Existing>)> {
        require(
            actor,
            Action::ManageTimetable,
            &Target::School,
            "import a FET file",
        )?;
        let ex = std::sync::Arc::new(self.fet_existing(actor, term_id).await?);
        let source = source.to_string();
        let run = ex.clone();
        let preview = tokio::task::spawn_blocking(move || plan(&source, &run))
            .await
            .map_err(|e| AppError::field("file", Msg::new("fet_unreadable", e.to_string())))??;
        Ok((preview, ex))
    }

    /// Writes what [`App::preview_fet_import`] showed for the same file,
    /// in one audited change (`import_fet`). `token` is the preview's: when
    /// the records changed since (someone else's import, a teacher added),
    /// nothing is written and the preview must be made again.
    pub async fn import_fet(
        &self,
        actor: &Actor,
        term_id: Id,
        source: &str,
        token: &str,
    ) -> AppResult<FetImported> {
        let (preview, ex) = self.fet_plan(actor, term_id, source).await?;
        if preview.token != token {
            return Err(AppError::field(
                "file",
                Msg::new(
                    "fet_import_stale",
                    "the school's records changed since this file was previewed; nothing was imported, preview it again",
                ),
            ));
        }
        let mut cs = self.changes(actor);
        let mut done = FetImported::default();
        if let Some(w) = &preview.new_week {
            for d in &w.days {
                cs.insert(&SchoolDay { weekday: *d });
            }
            for p in &w.periods {
                cs.insert(p);
            }
            done.week = true;
        }
        let mut count = 0;
        let teachers = {
            let mut made = Vec::new();
            for n in &preview.teachers {
                made.push(match n.existing {
                    Some(id) => id,
                    None => {
                        let t = Teacher {
                            full_name: n.name.clone(),
                            nip: None,
                            nuptk: None,
                            gender: if n.note.contains(": P") {
                                Gender::Female
                            } else {
                                Gender::Male
                            },
                            phone: None,
                            email: None,
                            user_id: None,
                            active: true,
                        };
                        t.validate()?;
                        count += 1;
                        cs.insert(&t)
                    }
                });
            }
            made
        };
        done.teachers = count;
        let mut codes: Vec<String> = ex.subjects.iter().map(|s| s.data.code.clone()).collect();
        let mut count = 0;
        let mut subject_ids = Vec::new();
        for n in &preview.subjects {
            subject_ids.push(match n.existing {
                Some(id) => id,
                None => {
                    let s = Subject {
                        code: code_for(&n.name, &mut codes),
                        name: n.name.clone(),
                        group_name: "FET".into(),
                        religion_specific: false,
                    };
                    s.validate()?;
                    count += 1;
                    cs.insert(&s)
                }
            });
        }
        done.subjects = count;
        let mut count = 0;
        let mut class_ids = Vec::new();
        for n in &preview.classes {
            class_ids.push(match n.existing {
                Some(id) => id,
                None => {
                    let c = Class {
                        name: n.name.clone(),
                        grade_level: grade_of(&n.name).unwrap_or(1),
                        academic_year_id: ex.term.data.academic_year_id,
                        homeroom_teacher_id: None,
                    };
                    c.validate()?;
                    count += 1;
                    cs.insert(&c)
                }
            });
        }
        done.classes = count;
        let import = schooldesk_timetable::fet::read(source).map_err(|e| {
            refuse(vec![file_error(
                "fet_unreadable",
                format!("the FET file cannot be read: {e}"),
            )])
        })?;
        let mut count = 0;
        let mut room_ids = Vec::new();
        for (k, n) in preview.rooms.iter().enumerate() {
            room_ids.push(match n.existing {
                Some(id) => id,
                None => {
                    let capacity = import
                        .instance
                        .rooms
                        .get(k)
                        .map_or(40, |r| i64::from(r.capacity).clamp(1, 10_000));
                    let r = Room {
                        name: n.name.clone(),
                        capacity,
                        kind: "classroom".into(),
                    };
                    r.validate()?;
                    count += 1;
                    cs.insert(&r)
                }
            });
        }
        done.rooms = count;
        let resolve = |r: Ref, ids: &[Id]| match r {
            Ref::Stored(id) => id,
            Ref::New(k) => ids[k],
        };
        let mut lesson_ids = Vec::new();
        for l in &preview.lessons {
            lesson_ids.push(match l.existing {
                Some(id) => id,
                None => {
                    let lesson = Lesson {
                        term_id,
                        subject_id: resolve(l.subject, &subject_ids),
                        assignment_id: None,
                        periods_per_week: l.periods,
                        split: l.split.clone(),
                        room_id: l.room.map(|r| resolve(r, &room_ids)),
                    };
                    lesson.validate()?;
                    let id = cs.insert(&lesson);
                    for t in &l.teachers {
                        cs.insert(&LessonTeacher {
                            lesson_id: id,
                            teacher_id: resolve(*t, &teachers),
                        });
                    }
                    for (c, g) in &l.classes {
                        cs.insert(&LessonClass {
                            lesson_id: id,
                            class_id: resolve(*c, &class_ids),
                            group_name: g.clone(),
                        });
                    }
                    done.lessons += 1;
                    id
                }
            });
        }
        for r in preview.rules.iter().filter(|r| r.existing.is_none()) {
            let rule = TimetableRule {
                term_id,
                kind: r.kind.as_str().into(),
                weight: r.weight,
                teacher_id: r.teacher.map(|x| resolve(x, &teachers)),
                class_id: r.class.map(|x| resolve(x, &class_ids)),
                room_id: r.room.map(|x| resolve(x, &room_ids)),
                subject_id: r.subject.map(|x| resolve(x, &subject_ids)),
                lesson_id: r.lesson.map(|l| lesson_ids[l]),
                other_lesson_id: r.other_lesson.map(|l| lesson_ids[l]),
                number: r.number,
                slots: r.slots.clone(),
            };
            rule.validate()?;
            cs.insert(&rule);
            done.rules += 1;
        }
        // The semester's version moves, so a second import read at the
        // same moment is refused by the write itself.
        cs.update(ex.term.id(), ex.term.version(), &ex.term.data);
        cs.event(
            "import_fet",
            "terms",
            Some(term_id),
            Some(format!(
                "{}: {} teacher(s), {} subject(s), {} class(es), {} room(s), {} lesson(s), {} rule(s) added{}",
                if preview.institution.is_empty() { "FET file" } else { preview.institution.as_str() },
                done.teachers,
                done.subjects,
                done.classes,
                done.rooms,
                done.lessons,
                done.rules,
                if done.week { ", the week made" } else { "" }
            )),
        );
        self.store().commit(cs).await?;
        Ok(done)
    }
}

// Export (issue 14, item 10): the timetable as a workbook and as a static
// web site, from the same pages the printed timetable uses.

fn xlsx_failed(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::setup("internal", format!("cannot write XLSX: {e}"))
}

/// A cell's text: the subject, then who, then the room, one a line.
pub fn cell_text(c: &TimetableCell) -> String {
    [c.subject.as_str(), c.detail.as_str(), c.room.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A sheet name Excel takes: no `[]:*?/\`, at most 31 characters, unique
/// (case aside) in the workbook.
fn sheet_name(name: &str, taken: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim().to_string();
    let clean = if clean.is_empty() {
        "-".to_string()
    } else {
        clean
    };
    // Cut first, then trim: a name whose 31st character is `'` must not
    // end with it either.
    let cut = |s: &str, n: usize| {
        let c: String = s.chars().take(n).collect();
        match c.trim_end_matches('\'') {
            "" => "-".to_string(),
            t => t.to_string(),
        }
    };
    let mut out = cut(&clean, 31);
    let mut k = 2;
    while taken.iter().any(|t| t.to_lowercase() == out.to_lowercase()) {
        let suffix = format!(" ({k})");
        out = format!("{}{suffix}", cut(&clean, 31 - suffix.chars().count()));
        k += 1;
    }
    taken.push(out.clone());
    out
}

/// HTML's five special characters escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A file name from a name: lower-case letters and digits, dashes between.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

const HTML_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#111}\
h1{font-size:1.4em;margin:0 0 .2em}p.sub{margin:0 0 1em;color:#444}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3em;vertical-align:top;font-size:.9em}\
th{background:#eee}td.pause{background:#f4f4f4;text-align:center;font-style:italic}\
td.closed{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#fff 4px,#fff 8px)}\
.s{font-weight:bold}.d,.r,.t{display:block;color:#333}.r{font-style:italic}\
nav a{margin-right:1em}ul{columns:3}\
@media print{nav{display:none}body{margin:0}@page{size:A4 landscape;margin:1cm}table{page-break-inside:avoid}}";

impl App {
    /// The timetable as an XLSX workbook: the whole-school grid first
    /// (classes down, days × lesson periods across), then a sheet per class
    /// and per teacher (lesson periods down, days across, with the bell
    /// times and breaks). Words in `language`.
    pub async fn timetable_xlsx(
        &self,
        actor: &Actor,
        timetable_id: Id,
        language: Language,
    ) -> AppResult<Vec<u8>> {
        let sheets = self
            .timetable_sheets(actor, timetable_id, &SheetsOf::All, language)
            .await?;
        let en = language == Language::En;
        let mut book = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let title = rust_xlsxwriter::Format::new().set_bold().set_font_size(14);
        let header = rust_xlsxwriter::Format::new()
            .set_bold()
            .set_text_wrap()
            .set_border(rust_xlsxwriter::FormatBorder::Thin)
            .set_background_color(rust_xlsxwriter::Color::RGB(0xDDEBF7));
        let cell_format = rust_xlsxwriter::Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top)
            .set_border(rust_xlsxwriter::FormatBorder::Thin);
        let pause = rust_xlsxwriter::Format::new()
            .set_italic()
            .set_border(rust_xlsxwriter::FormatBorder::Thin)
            .set_background_color(rust_xlsxwriter::Color::RGB(0xEEEEEE));
        let mut taken = Vec::new();

        // The master grid from the class pages.
        let classes: Vec<&TimetableSheet> = sheets.iter().filter(|s| s.kind == "class").collect();
        if let Some(first) = classes.first() {
            let ws = book.add_worksheet();
            ws.set_name(sheet_name(
                if en { "All classes" } else { "Semua kelas" },
                &mut taken,
            ))
            .map_err(xlsx_failed)?;
            ws.write_string_with_format(
                0,
                0,
                format!("{} — {}", first.term, first.timetable),
                &title,
            )
            .map_err(xlsx_failed)?;
            ws.write_string(1, 0, &first.school.name)
                .map_err(xlsx_failed)?;
            ws.write_string_with_format(3, 0, if en { "Class" } else { "Kelas" }, &header)
                .map_err(xlsx_failed)?;
            let lesson_rows: Vec<usize> = first
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.pause)
                .map(|(i, _)| i)
                .collect();
            let mut col = 1u16;
            for day in &first.days {
                for i in &lesson_rows {
                    ws.write_string_with_format(
                        3,
                        col,
                        format!("{day} {}", first.rows[*i].label),
                        &header,
                    )
                    .map_err(xlsx_failed)?;
                    ws.set_column_width(col, 14).map_err(xlsx_failed)?;
                    col += 1;
                }
            }
            ws.set_column_width(0, 12).map_err(xlsx_failed)?;
            for (k, sheet) in classes.iter().enumerate() {
                let row = 4 + k as u32;
                ws.write_string_with_format(row, 0, &sheet.name, &bold)
                    .map_err(xlsx_failed)?;
                let mut col = 1u16;
                for d in 0..sheet.days.len() {
                    for i in &lesson_rows {
                        let text = sheet.rows[*i]
                            .cells
                            .get(d)
                            .map(cell_text)
                            .unwrap_or_default();
                        ws.write_string_with_format(row, col, text, &cell_format)
                            .map_err(xlsx_failed)?;
                        col += 1;
                    }
                }
            }
            ws.set_freeze_panes(4, 1).map_err(xlsx_failed)?;
        }

        // A sheet per class and per teacher.
        for sheet in sheets.iter().filter(|s| s.kind != "room") {
            let ws = book.add_worksheet();
            ws.set_name(sheet_name(&sheet.name, &mut taken))
                .map_err(xlsx_failed)?;
            let what = match (sheet.kind.as_str(), en) {
                ("class", true) => "Class",
                ("class", false) => "Kelas",
                (_, true) => "Teacher",
                (_, false) => "Guru",
            };
            ws.write_string_with_format(0, 0, format!("{what}: {}", sheet.name), &title)
                .map_err(xlsx_failed)?;
            ws.write_string(1, 0, format!("{} — {}", sheet.term, sheet.timetable))
                .map_err(xlsx_failed)?;
            ws.write_string_with_format(3, 0, if en { "Period" } else { "Jam ke" }, &header)
                .map_err(xlsx_failed)?;
            ws.write_string_with_format(3, 1, if en { "Time" } else { "Waktu" }, &header)
                .map_err(xlsx_failed)?;
            for (d, day) in sheet.days.iter().enumerate() {
                ws.write_string_with_format(3, 2 + d as u16, day, &header)
                    .map_err(xlsx_failed)?;
                ws.set_column_width(2 + d as u16, 18).map_err(xlsx_failed)?;
            }
            ws.set_column_width(1, 12).map_err(xlsx_failed)?;
            for (i, r) in sheet.rows.iter().enumerate() {
                let row = 4 + i as u32;
                if r.pause {
                    ws.merge_range(
                        row,
                        0,
                        row,
                        1 + sheet.days.len() as u16,
                        &format!("{} {}", r.label, r.time),
                        &pause,
                    )
                    .map_err(xlsx_failed)?;
                    continue;
                }
                ws.write_string_with_format(row, 0, &r.label, &bold)
                    .map_err(xlsx_failed)?;
                ws.write_string(row, 1, &r.time).map_err(xlsx_failed)?;
                for (d, c) in r.cells.iter().enumerate() {
                    let mut text = cell_text(c);
                    if !c.time.is_empty() {
                        text = format!("{text}\n{}", c.time).trim().to_string();
                    }
                    let f = if c.closed { &pause } else { &cell_format };
                    ws.write_string_with_format(row, 2 + d as u16, text, f)
                        .map_err(xlsx_failed)?;
                }
            }
        }
        book.save_to_buffer().map_err(xlsx_failed)
    }

    /// The timetable as a static web site for a notice board or the
    /// school's web page: `index.html` linking a page per class, teacher
    /// and room (`class-…`, `teacher-…`, `room-…`), each a week grid. No
    /// scripts; every name escaped; a print style (A4 landscape). Answers
    /// (file name, contents) pairs.
    pub async fn timetable_html(
        &self,
        actor: &Actor,
        timetable_id: Id,
        language: Language,
    ) -> AppResult<Vec<(String, String)>> {
        let sheets = self
            .timetable_sheets(actor, timetable_id, &SheetsOf::All, language)
            .await?;
        let en = language == Language::En;
        let lang = if en { "en" } else { "id" };
        let page = |title: &str, body: &str| {
            format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
                escape(title)
            )
        };
        let mut files: Vec<(String, String)> = Vec::new();
        let mut names: Vec<(String, String, String)> = Vec::new(); // kind, file, name
        let mut used: Vec<String> = Vec::new();
        for sheet in &sheets {
            let base = format!("{}-{}", sheet.kind, slug(&sheet.name));
            let mut file = format!("{base}.html");
            let mut k = 2;
            while used.contains(&file) {
                file = format!("{base}-{k}.html");
                k += 1;
            }
            used.push(file.clone());
            names.push((sheet.kind.clone(), file, sheet.name.clone()));
        }
        let first = sheets.first();
        let heading = first.map_or_else(String::new, |s| format!("{} — {}", s.term, s.timetable));
        let school = first.map_or_else(String::new, |s| s.school.name.clone());
        for (sheet, (_, file, _)) in sheets.iter().zip(&names) {
            let what = match (sheet.kind.as_str(), en) {
                ("class", true) => "Class",
                ("class", false) => "Kelas",
                ("teacher", true) => "Teacher",
                ("teacher", false) => "Guru",
                (_, true) => "Room",
                (_, false) => "Ruang",
            };
            let mut body = format!(
                "<nav><a href=\"index.html\">{}</a></nav>\n<h1>{what}: {}</h1>\n<p class=\"sub\">{} · {}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th>",
                if en { "All timetables" } else { "Semua jadwal" },
                escape(&sheet.name),
                escape(&school),
                escape(&heading),
                if en { "Period" } else { "Jam ke" },
                if en { "Time" } else { "Waktu" },
            );
            for d in &sheet.days {
                body.push_str(&format!("<th>{}</th>", escape(d)));
            }
            body.push_str("</tr></thead>\n<tbody>\n");
            let mut period = 0;
            for r in &sheet.rows {
                if r.pause {
                    body.push_str(&format!(
                        "<tr><td class=\"pause\" colspan=\"{}\">{} {}</td></tr>\n",
                        2 + sheet.days.len(),
                        escape(&r.label),
                        escape(&r.time)
                    ));
                    continue;
                }
                period += 1;
                body.push_str(&format!(
                    "<tr><th>{}</th><td>{}</td>",
                    escape(&r.label),
                    escape(&r.time)
                ));
                for (d, c) in r.cells.iter().enumerate() {
                    let class = if c.closed { " class=\"closed\"" } else { "" };
                    let mut inner = String::new();
                    for (part, css) in [
                        (&c.subject, "s"),
                        (&c.detail, "d"),
                        (&c.room, "r"),
                        (&c.time, "t"),
                    ] {
                        if !part.is_empty() {
                            inner.push_str(&format!(
                                "<span class=\"{css}\">{}</span>",
                                escape(part)
                            ));
                        }
                    }
                    body.push_str(&format!(
                        "<td{class} data-day=\"{}\" data-period=\"{period}\">{inner}</td>",
                        d + 1
                    ));
                }
                body.push_str("</tr>\n");
            }
            body.push_str("</tbody>\n</table>\n");
            files.push((
                file.clone(),
                page(&format!("{what}: {}", sheet.name), &body),
            ));
        }
        let mut index = format!(
            "<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
            escape(&school),
            escape(&heading)
        );
        for (kind, title) in [
            ("class", if en { "Classes" } else { "Kelas" }),
            ("teacher", if en { "Teachers" } else { "Guru" }),
            ("room", if en { "Rooms" } else { "Ruang" }),
        ] {
            let items: Vec<String> = names
                .iter()
                .filter(|n| n.0 == kind)
                .map(|n| format!("<li><a href=\"{}\">{}</a></li>", n.1, escape(&n.2)))
                .collect();
            if !items.is_empty() {
                index.push_str(&format!(
                    "<h2>{title}</h2>\n<ul>\n{}\n</ul>\n",
                    items.join("\n")
                ));
            }
        }
        files.insert(0, ("index.html".into(), page(&school, &index)));
        Ok(files)
    }
}
