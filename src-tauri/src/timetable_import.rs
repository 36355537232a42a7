//! The FET import screen's side of the shell (issue 14, items 8 and 10,
//! helper "ttio"): the file's bytes in, the app's preview out as wire
//! types (nothing written), and the confirm, which names the preview it
//! writes by its token so records changed meanwhile are refused whole.

use crate::shell::{Shell, UiResult};
use crate::wire::UiError;
use schooldesk_app::timetable_fet::{FetImported, FetPreview, NameLine};
use schooldesk_core::Id;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A name of the file: matched to a stored record, or to be created.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetNameView {
    pub name: String,
    /// Matches a stored record (by name, case and spaces aside).
    pub existing: bool,
    /// What to check after the import ("gender not in the file: L").
    pub note: String,
}

/// A lesson the file makes, with its line in the file.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetLessonView {
    pub line: u32,
    pub subject: String,
    pub classes: Vec<String>,
    pub teachers: Vec<String>,
    /// "2+2".
    pub split: String,
    /// Stored already (an import of the same file again): not added.
    pub stored: bool,
}

/// A timetable rule the file makes, with its line in the file.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetRuleView {
    pub line: u32,
    /// The rule's kind (`teacher_unavailable` …).
    pub kind: String,
    /// Whom and what it names (a lesson by the app's description).
    pub who: Vec<String>,
    /// 100: hard; else the weight in percent.
    pub weight: i64,
    pub number: Option<i64>,
    /// Cells "day:period", spaces between.
    pub slots: String,
    pub stored: bool,
}

/// A day of the file and the weekday (1 Monday … 7) it goes to.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetDayView {
    pub name: String,
    pub weekday: i64,
}

/// What of the file cannot be taken, by line.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetNotTakenView {
    pub line: u32,
    /// The FET element ("ConstraintTeacherMinDaysPerWeek", "activity 12").
    pub what: String,
    /// Why, as a code the screen words (`tti_nt_CODE`).
    pub code: String,
    /// The app's English sentence.
    pub reason: String,
}

/// What importing a .fet file would write.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetPreviewView {
    pub institution: String,
    /// The file's days on the school's week.
    pub days: Vec<FetDayView>,
    /// The school has no week yet: the file's is made.
    pub new_week: bool,
    pub teachers: Vec<FetNameView>,
    pub subjects: Vec<FetNameView>,
    pub classes: Vec<FetNameView>,
    pub rooms: Vec<FetNameView>,
    pub groups: Vec<String>,
    pub lessons: Vec<FetLessonView>,
    pub rules: Vec<FetRuleView>,
    pub not_taken: Vec<FetNotTakenView>,
    pub warnings: Vec<String>,
    /// Records, lessons and rules a confirm adds (0: all stored already).
    pub additions: u32,
    /// Given back to the confirm.
    pub token: String,
}

/// What a confirmed import wrote.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FetImportedView {
    pub teachers: u32,
    pub subjects: u32,
    pub classes: u32,
    pub rooms: u32,
    pub lessons: u32,
    pub rules: u32,
    pub week: bool,
}

fn names(list: &[NameLine]) -> Vec<FetNameView> {
    list.iter()
        .map(|n| FetNameView {
            name: n.name.clone(),
            existing: n.existing.is_some(),
            note: n.note.clone(),
        })
        .collect()
}

impl From<&FetPreview> for FetPreviewView {
    fn from(p: &FetPreview) -> Self {
        FetPreviewView {
            institution: p.institution.clone(),
            days: p
                .day_map
                .iter()
                .map(|(name, weekday)| FetDayView {
                    name: name.clone(),
                    weekday: *weekday,
                })
                .collect(),
            new_week: p.new_week.is_some(),
            teachers: names(&p.teachers),
            subjects: names(&p.subjects),
            classes: names(&p.classes),
            rooms: names(&p.rooms),
            groups: p.groups.clone(),
            lessons: p
                .lessons
                .iter()
                .map(|l| FetLessonView {
                    line: l.line,
                    subject: l.subject_name.clone(),
                    classes: l.class_names.clone(),
                    teachers: l.teacher_names.clone(),
                    split: l.split.clone(),
                    stored: l.existing.is_some(),
                })
                .collect(),
            rules: p
                .rules
                .iter()
                .map(|r| FetRuleView {
                    line: r.line,
                    kind: r.kind.as_str().to_string(),
                    who: r.who.clone(),
                    weight: r.weight,
                    number: r.number,
                    slots: r.slots.clone(),
                    stored: r.existing.is_some(),
                })
                .collect(),
            not_taken: p
                .not_taken
                .iter()
                .map(|n| FetNotTakenView {
                    line: n.line,
                    what: n.what.clone(),
                    code: n.code.to_string(),
                    reason: n.reason.clone(),
                })
                .collect(),
            warnings: p.warnings.clone(),
            additions: u32::try_from(p.additions()).unwrap_or(u32::MAX),
            token: p.token.clone(),
        }
    }
}

impl From<FetImported> for FetImportedView {
    fn from(d: FetImported) -> Self {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        FetImportedView {
            teachers: n(d.teachers),
            subjects: n(d.subjects),
            classes: n(d.classes),
            rooms: n(d.rooms),
            lessons: n(d.lessons),
            rules: n(d.rules),
            week: d.week,
        }
    }
}

/// The file's text: a .fet file is UTF-8 XML.
fn text(bytes: &[u8]) -> UiResult<String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        let mut e = UiError::new("invalid", "this is not a FET file: it is not text (UTF-8)");
        e.code = Some("fet_not_xml".into());
        e
    })
}

pub async fn preview(shell: &Shell, term_id: Id, bytes: &[u8]) -> UiResult<FetPreviewView> {
    let source = text(bytes)?;
    let (app, actor) = shell.actor().await?;
    match app.preview_fet_import(&actor, term_id, &source).await {
        Ok(p) => Ok(FetPreviewView::from(&p)),
        Err(e) => Err(shell.explain(&app, e).await),
    }
}

pub async fn confirm(
    shell: &Shell,
    term_id: Id,
    token: String,
    bytes: &[u8],
) -> UiResult<FetImportedView> {
    let source = text(bytes)?;
    let (app, actor) = shell.actor().await?;
    match app.import_fet(&actor, term_id, &source, &token).await {
        Ok(d) => Ok(d.into()),
        Err(e) => Err(shell.explain(&app, e).await),
    }
}
