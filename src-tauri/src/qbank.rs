//! The question-bank screens' side of the shell (issue 13, helper "qbui"):
//! the question as the UI edits it, and thin adapters onto `crates/app`'s
//! question-bank use-cases (`qbank.rs`, `qbank_view.rs`).
//!
//! The wire question (`QbQuestion` and the types under it) has exactly the
//! JSON shape of `schooldesk_qbank::Question`, so converting is reading
//! one as the other; a test holds every type of the model to that. The
//! shell decides nothing: validation, duplicates, review and versions are
//! the app's.

use crate::shell::{Shell, UiResult};
use crate::wire::{recs, Rec, UiError};
use chrono::{DateTime, NaiveDate, Utc};
use schooldesk_app::exam::{NewPaper, PaperView, PrintRequest, Section};
use schooldesk_app::qbank::{DuplicateOf, ImportOptions, QuestionRecord, QuestionSearch};
use schooldesk_app::App;
use schooldesk_core::{
    BankQuestion, ExamBlueprint, ExamPaper, Id, QuestionStimulus, Stored, Subject,
};
use schooldesk_documents::exam::SheetArea;
use schooldesk_print::{Asset, Assets, Builtin, Language, Layout, Options, Paper, Template};
use schooldesk_qbank as qb;
use schooldesk_qbank::assemble;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

async fn done<T>(shell: &Shell, app: &App, r: schooldesk_app::AppResult<T>) -> UiResult<T> {
    match r {
        Ok(v) => Ok(v),
        Err(e) => Err(shell.explain(app, e).await),
    }
}

// --- The question as the UI edits it: the model's JSON shape. ---

/// Rich text: blocks of paragraphs, lists, tables and display math.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbRichText(pub Vec<QbBlock>);

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum QbBlock {
    Paragraph {
        inlines: Vec<QbInline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<QbBlock>>,
    },
    Table {
        rows: Vec<Vec<Vec<QbBlock>>>,
    },
    Math {
        latex: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum QbInline {
    Text { text: String, style: QbStyle },
    Math { latex: String },
    Image { image: QbImageRef },
    Break,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbStyle {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub script: QbScript,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum QbScript {
    Normal,
    Sub,
    Super,
}

/// An image by the SHA-256 of its bytes.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbImageRef {
    pub key: String,
    pub alt: String,
}

/// A question of any type, as stored (decimals are text: "33.33333").
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbQuestion {
    pub id: String,
    pub name: String,
    pub stem: QbRichText,
    pub body: QbBody,
    pub general_feedback: QbRichText,
    pub stimulus: Option<String>,
    pub category: Option<String>,
    pub meta: QbMeta,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum QbBody {
    SingleChoice {
        options: Vec<QbOption>,
        shuffle: bool,
    },
    MultipleResponse {
        options: Vec<QbOption>,
        shuffle: bool,
    },
    TrueFalse {
        correct: bool,
        feedback_true: QbRichText,
        feedback_false: QbRichText,
    },
    Matching {
        pairs: Vec<QbPair>,
        shuffle: bool,
    },
    ShortAnswer {
        answers: Vec<QbTextAnswer>,
        case_sensitive: bool,
    },
    Numeric {
        answers: Vec<QbNumericAnswer>,
        other_feedback: QbRichText,
    },
    Essay {
        rubric: Vec<QbCriterion>,
        grader_info: QbRichText,
        response_template: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbOption {
    pub text: QbRichText,
    /// Percent of the points: "100" right, "0" wrong.
    pub weight: String,
    pub feedback: QbRichText,
    pub pinned: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPair {
    pub prompt: QbRichText,
    pub answer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbTextAnswer {
    pub text: String,
    pub weight: String,
    pub feedback: QbRichText,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbNumericAnswer {
    pub accept: QbAccept,
    pub weight: String,
    pub feedback: QbRichText,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum QbAccept {
    Tolerance { value: String, tolerance: String },
    Range { min: String, max: String },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbCriterion {
    pub description: String,
    pub points: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbMeta {
    pub subject: Option<String>,
    pub grade_level: Option<u8>,
    pub learning_outcome: Option<String>,
    pub objective: Option<String>,
    pub topic: Option<String>,
    /// "C1" … "C6".
    pub cognitive: Option<String>,
    /// "L1" … "L3".
    pub level: Option<String>,
    /// easy | medium | hard.
    pub difficulty: Option<String>,
    pub points: String,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// draft | reviewed | approved.
    pub status: String,
    pub version: u32,
}

fn unreadable(what: &str, e: impl std::fmt::Display) -> UiError {
    UiError::new("invalid", format!("the {what} is not readable: {e}"))
}

impl QbQuestion {
    pub fn from_model(q: &qb::Question) -> UiResult<QbQuestion> {
        let value = serde_json::to_value(q).map_err(|e| unreadable("question", e))?;
        serde_json::from_value(value).map_err(|e| unreadable("question", e))
    }

    /// The model's question; a number that is not one ("1,5") is refused
    /// with the text that was given.
    pub fn to_model(&self) -> UiResult<qb::Question> {
        let value = serde_json::to_value(self).map_err(|e| unreadable("question", e))?;
        serde_json::from_value(value).map_err(|e| unreadable("question", e))
    }
}

// --- What the screens read. ---

/// What the bank screens may offer the signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbScope {
    pub subjects: Vec<Rec<Subject>>,
    /// The subjects they may write questions of.
    pub writable: Vec<Id>,
    /// Reviews and approves (the curriculum office).
    pub review: bool,
}

/// What a search asks; empty fields ask nothing.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
pub struct QbSearch {
    pub text: String,
    pub subject_id: Option<Id>,
    pub grade_level: Option<i64>,
    pub kind: Option<String>,
    pub difficulty: Option<String>,
    pub tags: Vec<String>,
    pub status: Option<String>,
    pub limit: Option<i64>,
}

/// A question in the bank's list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbRow {
    pub id: Id,
    /// The record's version, for a status change.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub name: String,
    pub subject_id: Id,
    pub grade_level: Option<i64>,
    pub kind: String,
    pub difficulty: Option<String>,
    pub tags: Vec<String>,
    pub status: String,
    /// The number of the question's version in force.
    pub current_version: i64,
}

impl From<Stored<BankQuestion>> for QbRow {
    fn from(s: Stored<BankQuestion>) -> Self {
        QbRow {
            id: s.id(),
            version: s.version(),
            updated_at: s.meta.updated_at,
            name: s.data.name,
            subject_id: s.data.subject_id,
            grade_level: s.data.grade_level,
            kind: s.data.kind,
            difficulty: s.data.difficulty,
            tags: s
                .data
                .tags
                .split(';')
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            status: s.data.status,
            current_version: s.data.current_version,
        }
    }
}

/// A question opened in the editor: its record and its current version.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbOpened {
    pub row: QbRow,
    pub question: QbQuestion,
}

impl QbOpened {
    fn new(record: QuestionRecord) -> UiResult<QbOpened> {
        Ok(QbOpened {
            question: QbQuestion::from_model(&record.question)?,
            row: record.head.into(),
        })
    }
}

/// What a save did.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbSaved {
    pub opened: QbOpened,
    /// An approved question's edit made its next version.
    pub new_version: bool,
}

/// An image pasted into the editor, its bytes in base64.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbNewImage {
    pub name: String,
    pub base64: String,
}

/// A question of the bank whose stem is the same as (100) or near one.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbDuplicate {
    /// The bank's question, when it is one.
    pub id: Option<Id>,
    pub name: Option<String>,
    /// An earlier question of the same file (from 1), when it is one.
    pub position: Option<u32>,
    /// Percent of words in common.
    pub likeness: u32,
}

impl From<schooldesk_app::qbank::Duplicate> for QbDuplicate {
    fn from(d: schooldesk_app::qbank::Duplicate) -> Self {
        let likeness = u32::try_from(d.likeness).unwrap_or(100);
        match d.of {
            DuplicateOf::Bank { id, name } => QbDuplicate {
                id: Some(id),
                name: Some(name),
                position: None,
                likeness,
            },
            DuplicateOf::File { position } => QbDuplicate {
                id: None,
                name: None,
                position: Some(u32::try_from(position).unwrap_or(u32::MAX)),
                likeness,
            },
        }
    }
}

/// Something an import file holds that cannot be taken, and where.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbProblem {
    /// The line of the file (text formats; an XML element's first line).
    pub line: Option<u32>,
    /// The XML element's path (`quiz/question[3]/answer[2]`).
    pub element: Option<String>,
    /// A question's field (`questions[2]`).
    pub field: Option<String>,
    /// The reader's own words (English).
    pub message: String,
}

impl From<&qb::Problem> for QbProblem {
    fn from(p: &qb::Problem) -> Self {
        let line = |n: usize| Some(u32::try_from(n).unwrap_or(u32::MAX));
        let (l, element, field) = match &p.place {
            qb::Place::Line { line: n } => (line(*n), None, None),
            qb::Place::Element { path, line: n } => (line(*n), Some(path.clone()), None),
            qb::Place::Field { field } => (None, None, Some(field.clone())),
            qb::Place::Cell { .. } => (None, None, Some(p.place.to_string())),
            qb::Place::File => (None, None, None),
        };
        QbProblem {
            line: l,
            element,
            field,
            message: p.message.clone(),
        }
    }
}

/// A question an import would add.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPreviewQuestion {
    pub position: u32,
    pub name: String,
    pub kind: String,
    pub stem: String,
    pub duplicate: Option<QbDuplicate>,
}

/// What an import would do; nothing is written.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbImportPreview {
    /// gift | moodle_xml | qti | aiken …
    pub format: String,
    pub questions: Vec<QbPreviewQuestion>,
    pub problems: Vec<QbProblem>,
    pub stimuli: u32,
    pub new_images: u32,
}

/// What a confirmed import wrote.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbImportDone {
    pub added: u32,
    pub skipped: u32,
    pub problems: Vec<QbProblem>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

// --- Adapters. ---

pub async fn scope(shell: &Shell) -> UiResult<QbScope> {
    let (app, actor) = shell.actor().await?;
    let s = done(shell, &app, app.question_scope(&actor).await).await?;
    Ok(QbScope {
        subjects: recs(s.subjects),
        writable: s.writable,
        review: s.review,
    })
}

pub async fn search(shell: &Shell, search: QbSearch) -> UiResult<Vec<QbRow>> {
    let (app, actor) = shell.actor().await?;
    let asked = QuestionSearch {
        text: search.text,
        subject_id: search.subject_id,
        grade_level: search.grade_level,
        kind: search.kind,
        difficulty: search.difficulty,
        tags: search.tags,
        status: search.status,
        limit: search.limit,
    };
    let rows = done(shell, &app, app.search_questions(&actor, &asked).await).await?;
    Ok(rows.into_iter().map(QbRow::from).collect())
}

pub async fn open(shell: &Shell, id: Id) -> UiResult<QbOpened> {
    let (app, actor) = shell.actor().await?;
    let record = done(shell, &app, app.question(&actor, id).await).await?;
    QbOpened::new(record)
}

/// The pasted images by their key; bytes that are not an image are
/// refused by the app, naming the file.
fn images(new: &[QbNewImage]) -> UiResult<BTreeMap<String, qb::Image>> {
    let mut out = BTreeMap::new();
    for image in new {
        let bytes = decode_base64(&image.base64).ok_or_else(|| {
            UiError::new(
                "invalid",
                format!("the image {} did not arrive whole", image.name),
            )
        })?;
        out.insert(
            qb::image_key(&bytes),
            qb::Image {
                name: image.name.clone(),
                mime: qb::sniff_image(&bytes).unwrap_or_default().to_string(),
                bytes,
            },
        );
    }
    Ok(out)
}

pub async fn save(
    shell: &Shell,
    id: Option<Id>,
    version: Option<i64>,
    subject_id: Id,
    question: QbQuestion,
    new_images: Vec<QbNewImage>,
) -> UiResult<QbSaved> {
    let (app, actor) = shell.actor().await?;
    let model = question.to_model()?;
    let images = images(&new_images)?;
    match (id, version) {
        (Some(id), Some(version)) => {
            let (record, new_version) = done(
                shell,
                &app,
                app.edit_question(&actor, id, version, &model, &images)
                    .await,
            )
            .await?;
            Ok(QbSaved {
                opened: QbOpened::new(record)?,
                new_version,
            })
        }
        (None, _) => {
            let record = done(
                shell,
                &app,
                app.create_question(&actor, subject_id, &model, &images)
                    .await,
            )
            .await?;
            Ok(QbSaved {
                opened: QbOpened::new(record)?,
                new_version: false,
            })
        }
        (Some(_), None) => Err(UiError::new(
            "invalid",
            "an edit must name the version it read; open the question again",
        )),
    }
}

pub async fn set_status(shell: &Shell, id: Id, version: i64, status: String) -> UiResult<QbRow> {
    let (app, actor) = shell.actor().await?;
    let row = done(
        shell,
        &app,
        app.set_question_status(&actor, id, version, &status).await,
    )
    .await?;
    Ok(row.into())
}

/// A question of a bulk move, at the version the list read.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbMoveItem {
    pub id: Id,
    pub version: i64,
}

/// Moves questions to another subject, all or nothing.
pub async fn move_questions(
    shell: &Shell,
    items: Vec<QbMoveItem>,
    subject_id: Id,
) -> UiResult<Vec<QbRow>> {
    let (app, actor) = shell.actor().await?;
    let pairs: Vec<(Id, i64)> = items.iter().map(|i| (i.id, i.version)).collect();
    let moved = done(
        shell,
        &app,
        app.move_questions(&actor, &pairs, subject_id).await,
    )
    .await?;
    Ok(moved.into_iter().map(QbRow::from).collect())
}

pub async fn duplicates(
    shell: &Shell,
    subject_id: Id,
    question: QbQuestion,
    except: Option<Id>,
) -> UiResult<Vec<QbDuplicate>> {
    let (app, actor) = shell.actor().await?;
    let model = question.to_model()?;
    let found = done(
        shell,
        &app,
        app.question_duplicates(&actor, subject_id, &model, except)
            .await,
    )
    .await?;
    Ok(found.into_iter().map(QbDuplicate::from).collect())
}

/// A stored image as a `data:` URL the editor shows.
pub async fn image(shell: &Shell, key: String) -> UiResult<String> {
    let (app, actor) = shell.actor().await?;
    let image = done(shell, &app, app.question_image(&actor, &key).await).await?;
    Ok(data_url(&image.mime, &image.bytes))
}

fn import_options(subject_id: Id, grade_level: Option<i64>, skip: bool) -> ImportOptions {
    ImportOptions {
        subject_id,
        grade_level,
        skip_duplicates: skip,
    }
}

pub async fn import_preview(
    shell: &Shell,
    bytes: &[u8],
    subject_id: Id,
    grade_level: Option<i64>,
) -> UiResult<QbImportPreview> {
    let (app, actor) = shell.actor().await?;
    let options = import_options(subject_id, grade_level, false);
    let p = done(
        shell,
        &app,
        app.preview_question_import(&actor, bytes, &options).await,
    )
    .await?;
    Ok(QbImportPreview {
        format: match p.format {
            qb::Format::Gift => "gift",
            qb::Format::MoodleXml => "moodle_xml",
            qb::Format::Aiken => "aiken",
            qb::Format::Qti => "qti",
            qb::Format::Xlsx => "xlsx",
        }
        .into(),
        questions: p
            .questions
            .into_iter()
            .map(|q| QbPreviewQuestion {
                position: count(q.position),
                name: q.name,
                kind: q.kind.to_string(),
                stem: q.stem,
                duplicate: q.duplicate.map(QbDuplicate::from),
            })
            .collect(),
        problems: p.problems.iter().map(QbProblem::from).collect(),
        stimuli: count(p.stimuli),
        new_images: count(p.new_images),
    })
}

pub async fn import_confirm(
    shell: &Shell,
    bytes: &[u8],
    subject_id: Id,
    grade_level: Option<i64>,
    skip_duplicates: bool,
) -> UiResult<QbImportDone> {
    let (app, actor) = shell.actor().await?;
    let options = import_options(subject_id, grade_level, skip_duplicates);
    let d = done(
        shell,
        &app,
        app.confirm_question_import(&actor, bytes, &options).await,
    )
    .await?;
    Ok(QbImportDone {
        added: count(d.added.len()),
        skipped: count(d.skipped),
        problems: d.problems.iter().map(QbProblem::from).collect(),
    })
}

// --- Exam papers (issue 13, item 4 of the screens). ---

/// A blueprint row as the screen edits it: the JSON shape of
/// `schooldesk_qbank::assemble::BlueprintRow`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbBlueprintRow {
    pub outcome: String,
    pub topic: String,
    pub indicator: String,
    /// "C1" … "C6".
    pub cognitive: Option<String>,
    /// A question type code (`single_choice` …).
    pub kind: String,
    pub count: u32,
    /// Points of each question of the row ("2", "2.5").
    pub points: String,
}

/// A blueprint and its rows.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbBlueprint {
    pub id: Id,
    pub subject_id: Id,
    pub grade_level: i64,
    pub name: String,
    pub rows: Vec<QbBlueprintRow>,
}

/// A paper's section.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbSection {
    pub title: String,
    pub instructions: String,
}

/// A new paper's header.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPaperForm {
    pub subject_id: Id,
    pub class_id: Id,
    pub blueprint_id: Option<Id>,
    pub exam_name: String,
    pub exam_date: NaiveDate,
    pub duration_minutes: i64,
    pub instructions: String,
    pub sections: Vec<QbSection>,
}

/// A question of a paper, at the version it prints.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPaperItem {
    pub position: i64,
    pub section: i64,
    pub question_id: Id,
    pub question_version: i64,
    pub blueprint_row: Option<i64>,
    pub points: String,
    /// The question's name and type in the bank.
    pub name: String,
    pub kind: String,
}

/// A paper with its questions in order.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPaper {
    pub paper: Rec<ExamPaper>,
    pub sections: Vec<QbSection>,
    pub items: Vec<QbPaperItem>,
}

/// A blueprint row the bank could not fill.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbShortage {
    pub row: u32,
    pub wanted: u32,
    pub found: u32,
    pub used_recently: u32,
    pub not_approved: u32,
    /// What the row asks for (the app's English words).
    pub missing: String,
}

/// What a fill did.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbFilled {
    pub paper: QbPaper,
    pub shortages: Vec<QbShortage>,
}

/// What to print of a paper.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPrintForm {
    /// Packages A, B, C…: how many (1 to 200).
    pub variants: u32,
    /// Answer sheets (LJK) after each package's paper.
    pub answer_sheets: u32,
    pub key: bool,
    pub blueprint: bool,
    /// 1 or 2.
    pub columns: u8,
    /// "id" or "en".
    pub language: String,
    /// "A4" or "F4".
    pub paper_size: String,
}

/// The PDF a print wrote.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbPrinted {
    pub path: String,
    pub pages: u32,
}

fn rows_to_model(rows: &[QbBlueprintRow]) -> UiResult<Vec<assemble::BlueprintRow>> {
    let value = serde_json::to_value(rows).map_err(|e| unreadable("blueprint", e))?;
    serde_json::from_value(value).map_err(|e| unreadable("blueprint", e))
}

fn rows_from_model(rows: &[assemble::BlueprintRow]) -> UiResult<Vec<QbBlueprintRow>> {
    let value = serde_json::to_value(rows).map_err(|e| unreadable("blueprint", e))?;
    serde_json::from_value(value).map_err(|e| unreadable("blueprint", e))
}

fn blueprint_view(
    bp: Stored<ExamBlueprint>,
    rows: &[assemble::BlueprintRow],
) -> UiResult<QbBlueprint> {
    Ok(QbBlueprint {
        id: bp.id(),
        subject_id: bp.data.subject_id,
        grade_level: bp.data.grade_level,
        name: bp.data.name,
        rows: rows_from_model(rows)?,
    })
}

pub async fn blueprints(shell: &Shell) -> UiResult<Vec<QbBlueprint>> {
    let (app, actor) = shell.actor().await?;
    let list = done(shell, &app, app.blueprint_list(&actor).await).await?;
    let mut out = Vec::with_capacity(list.len());
    for bp in list {
        let (bp, rows) = done(shell, &app, app.blueprint(&actor, bp.id()).await).await?;
        out.push(blueprint_view(bp, &rows)?);
    }
    Ok(out)
}

pub async fn blueprint_create(
    shell: &Shell,
    subject_id: Id,
    grade_level: i64,
    name: String,
    rows: Vec<QbBlueprintRow>,
) -> UiResult<QbBlueprint> {
    let (app, actor) = shell.actor().await?;
    let model = rows_to_model(&rows)?;
    let bp = done(
        shell,
        &app,
        app.create_blueprint(&actor, subject_id, grade_level, &name, &model)
            .await,
    )
    .await?;
    blueprint_view(bp, &model)
}

pub async fn papers(shell: &Shell) -> UiResult<Vec<Rec<ExamPaper>>> {
    let (app, actor) = shell.actor().await?;
    let list = done(shell, &app, app.exam_paper_list(&actor).await).await?;
    Ok(recs(list))
}

async fn paper_of(
    shell: &Shell,
    app: &App,
    actor: &schooldesk_core::Actor,
    view: PaperView,
) -> UiResult<QbPaper> {
    let mut items = Vec::with_capacity(view.items.len());
    for item in view.items {
        let head = done(shell, app, app.question(actor, item.data.question_id).await).await?;
        items.push(QbPaperItem {
            position: item.data.position,
            section: item.data.section,
            question_id: item.data.question_id,
            question_version: item.data.question_version,
            blueprint_row: item.data.blueprint_row,
            points: item.data.points,
            name: head.head.data.name,
            kind: head.head.data.kind,
        });
    }
    Ok(QbPaper {
        paper: view.paper.into(),
        sections: view
            .sections
            .into_iter()
            .map(|s| QbSection {
                title: s.title,
                instructions: s.instructions,
            })
            .collect(),
        items,
    })
}

pub async fn paper(shell: &Shell, id: Id) -> UiResult<QbPaper> {
    let (app, actor) = shell.actor().await?;
    let view = done(shell, &app, app.exam_paper(&actor, id).await).await?;
    paper_of(shell, &app, &actor, view).await
}

pub async fn paper_create(shell: &Shell, form: QbPaperForm) -> UiResult<QbPaper> {
    let (app, actor) = shell.actor().await?;
    let new = NewPaper {
        subject_id: form.subject_id,
        class_id: form.class_id,
        blueprint_id: form.blueprint_id,
        exam_name: form.exam_name,
        exam_date: form.exam_date,
        duration_minutes: form.duration_minutes,
        instructions: form.instructions,
        sections: form
            .sections
            .into_iter()
            .map(|s| Section {
                title: s.title,
                instructions: s.instructions,
            })
            .collect(),
    };
    let made = done(shell, &app, app.create_exam_paper(&actor, &new).await).await?;
    let view = done(shell, &app, app.exam_paper(&actor, made.id()).await).await?;
    paper_of(shell, &app, &actor, view).await
}

pub async fn paper_fill(shell: &Shell, id: Id, version: i64, recent: u32) -> UiResult<QbFilled> {
    let (app, actor) = shell.actor().await?;
    let report = done(
        shell,
        &app,
        app.fill_exam_paper(&actor, id, version, recent as usize)
            .await,
    )
    .await?;
    Ok(QbFilled {
        paper: paper_of(shell, &app, &actor, report.view).await?,
        shortages: report
            .shortages
            .into_iter()
            .map(|s| QbShortage {
                row: count(s.row),
                wanted: s.wanted,
                found: s.found,
                used_recently: s.used_recently,
                not_approved: s.not_approved,
                missing: s.missing,
            })
            .collect(),
    })
}

/// Swaps the question at `position` on the paper the user saw at `version`
/// (a paper changed since is refused as a conflict).
pub async fn paper_swap(
    shell: &Shell,
    id: Id,
    version: i64,
    position: i64,
    question_id: Id,
) -> UiResult<QbPaper> {
    let (app, actor) = shell.actor().await?;
    let view = done(
        shell,
        &app,
        app.swap_exam_question(&actor, id, version, position, question_id)
            .await,
    )
    .await?;
    paper_of(shell, &app, &actor, view).await
}

pub async fn paper_status(
    shell: &Shell,
    id: Id,
    version: i64,
    status: String,
) -> UiResult<Rec<ExamPaper>> {
    let (app, actor) = shell.actor().await?;
    let paper = done(
        shell,
        &app,
        app.set_exam_paper_status(&actor, id, version, &status)
            .await,
    )
    .await?;
    Ok(paper.into())
}

/// A gradebook component a paper's scores may go under.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbGradebookSlot {
    pub component_id: Id,
    pub component: String,
    pub kind: String,
    pub term_id: Id,
    pub term: String,
}

/// One student's score as sent.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbSentScore {
    pub student_id: Id,
    pub name: String,
    pub exam_score: String,
    /// 0–100, as the gradebook shows it ("93.75").
    pub grade: String,
    pub replaced: bool,
}

/// What a send wrote.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbSent {
    pub assessment_id: Id,
    pub column: String,
    pub created: bool,
    pub max_score: String,
    pub students: Vec<QbSentScore>,
}

pub async fn gradebook_slots(shell: &Shell, id: Id) -> UiResult<Vec<QbGradebookSlot>> {
    let (app, actor) = shell.actor().await?;
    let slots = done(shell, &app, app.exam_gradebook_slots(&actor, id).await).await?;
    Ok(slots
        .into_iter()
        .map(|s| QbGradebookSlot {
            component_id: s.component_id,
            component: s.component,
            kind: s.kind,
            term_id: s.term_id,
            term: s.term,
        })
        .collect())
}

pub async fn send_scores(
    shell: &Shell,
    id: Id,
    component_id: Id,
    column: String,
    replace: bool,
) -> UiResult<QbSent> {
    let (app, actor) = shell.actor().await?;
    let to = schooldesk_app::exam_gradebook::ToGradebook {
        component_id,
        column,
        replace,
    };
    let sent = done(shell, &app, app.send_exam_scores(&actor, id, &to).await).await?;
    Ok(QbSent {
        assessment_id: sent.assessment_id,
        column: sent.column,
        created: sent.created,
        max_score: sent.max_score,
        students: sent
            .students
            .into_iter()
            .map(|s| QbSentScore {
                student_id: s.student_id,
                name: s.name,
                exam_score: s.exam_score,
                grade: s.grade.to_string(),
                replaced: s.replaced,
            })
            .collect(),
    })
}

/// Prints a paper through the `exam` template into the documents folder's
/// `Ujian` (or `Exams`), written whole; the page opens it with `print_open`.
/// Writes the XLSX template for bulk entry (one question per row, an
/// example row per type) into the documents folder's `Bank soal`
/// (`Question bank`), written whole; answers where it went, for
/// `print_open`.
pub async fn template_save(shell: &Shell, language: String) -> UiResult<String> {
    let bytes = schooldesk_app::qbank::question_template()
        .map_err(|e| crate::printing::print_failed(e.to_string()))?;
    let folder = std::path::PathBuf::from(shell.print_folder_default()).join(if language == "en" {
        "Question bank"
    } else {
        "Bank soal"
    });
    std::fs::create_dir_all(&folder).map_err(|e| crate::printing::file_error(&folder, e))?;
    let path = folder.join(if language == "en" {
        "question-template.xlsx"
    } else {
        "templat-soal.xlsx"
    });
    schooldesk_app::sheet::write_file_whole(&path, &bytes, true)
        .map_err(|e| crate::printing::file_error(&path, e))?;
    shell.remember_written(path.clone());
    Ok(path.display().to_string())
}

// --- Results and item analysis (issue 13 item 7). ---

/// One student's row of a results file, as read and scored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbResultRow {
    /// The file's row (the header is row 1).
    pub row: u32,
    pub nis: String,
    pub name: String,
    pub variant: String,
    pub score: String,
    /// The student already had a stored result: this one replaces it.
    pub replaces: bool,
}

/// What a results file gave (or, dry, would give).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbResults {
    pub students: Vec<QbResultRow>,
    pub max_score: String,
    pub dry_run: bool,
}

/// One option's line of a question's distractor table.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbOptionCount {
    /// As variant A printed it.
    pub letter: String,
    pub right: bool,
    pub chosen: u32,
    pub upper: u32,
    pub lower: u32,
    /// A wrong option chosen by at least 5 % of the students.
    pub works: Option<bool>,
}

/// One question's line of the item analysis.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbItemLine {
    /// Its place on the paper before shuffling (from 1).
    pub position: i64,
    pub name: String,
    pub kind: String,
    pub max: String,
    /// Difficulty index: the share of the points scored.
    pub p: f64,
    /// Upper 27 % minus lower 27 %.
    pub d: f64,
    pub point_biserial: Option<f64>,
    /// hard | medium | easy.
    pub difficulty: String,
    /// negative | poor | fair | good | excellent.
    pub discrimination: String,
    pub options: Vec<QbOptionCount>,
    /// Students who left it blank (choice questions).
    pub blank: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbAnalysis {
    pub students: u32,
    pub group_size: u32,
    pub mean_score: f64,
    pub max_score: String,
    pub kr20: Option<f64>,
    pub alpha: Option<f64>,
    pub questions: Vec<QbItemLine>,
}

fn word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Reads a results file (CSV or XLSX, told by `file_name`) of a paper and,
/// unless `dry_run`, stores every student's result and the questions'
/// statistics in one go; a bad row or cell refuses the whole file, each
/// named by row and column.
pub async fn results_import(
    shell: &Shell,
    id: Id,
    bytes: &[u8],
    file_name: String,
    negative_marking: bool,
    dry_run: bool,
) -> UiResult<QbResults> {
    let (app, actor) = shell.actor().await?;
    let format = done(
        shell,
        &app,
        schooldesk_app::sheet::Format::from_path(std::path::Path::new(&file_name)),
    )
    .await?;
    let rules = schooldesk_app::exam_results::Rules { negative_marking };
    let report = done(
        shell,
        &app,
        app.import_exam_results(&actor, id, format, bytes, rules, dry_run)
            .await,
    )
    .await?;
    Ok(QbResults {
        students: report
            .students
            .iter()
            .map(|s| QbResultRow {
                row: count(s.row),
                nis: s.nis.clone(),
                name: s.name.clone(),
                variant: s.variant.clone(),
                score: s.score.to_string(),
                replaces: s.replaces,
            })
            .collect(),
        max_score: report.max_score.to_string(),
        dry_run: report.dry_run,
    })
}

/// The item analysis of a paper over its stored results.
pub async fn analysis(shell: &Shell, id: Id) -> UiResult<QbAnalysis> {
    let (app, actor) = shell.actor().await?;
    let a = done(shell, &app, app.exam_analysis(&actor, id).await).await?;
    Ok(QbAnalysis {
        students: count(a.students),
        group_size: count(a.group_size),
        mean_score: a.mean_score,
        max_score: a.max_score.to_string(),
        kr20: a.kr20,
        alpha: a.alpha,
        questions: a
            .questions
            .iter()
            .map(|q| QbItemLine {
                position: q.position,
                name: q.name.clone(),
                kind: q.kind.code().to_string(),
                max: q.max.to_string(),
                p: q.stats.p,
                d: q.stats.d,
                point_biserial: q.stats.point_biserial,
                difficulty: word(&q.stats.difficulty),
                discrimination: word(&q.stats.discrimination),
                options: q
                    .distractors
                    .as_ref()
                    .map(|(letters, table)| {
                        table
                            .options
                            .iter()
                            .map(|o| QbOptionCount {
                                letter: letters.get(o.option).cloned().unwrap_or_default(),
                                right: o.right,
                                chosen: count(o.chosen),
                                upper: count(o.upper),
                                lower: count(o.lower),
                                works: o.works,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                blank: q.distractors.as_ref().map(|(_, t)| count(t.blank)),
            })
            .collect(),
    })
}

/// Writes a results file to fill in, as XLSX, into the documents folder's
/// `Ujian` (`Exams`): a header `nis, nama, paket, 1…N` (English: `name`,
/// `variant`) and a row per student of the paper's class with their NIS
/// and name; answers where it went.
pub async fn results_template(shell: &Shell, id: Id, language: String) -> UiResult<String> {
    let (app, actor) = shell.actor().await?;
    let view = done(shell, &app, app.exam_paper(&actor, id).await).await?;
    let students = done(shell, &app, app.exam_roster(&actor, id).await).await?;
    let en = language == "en";
    let mut headers: Vec<String> = vec![
        "nis".into(),
        if en { "name" } else { "nama" }.into(),
        if en { "variant" } else { "paket" }.into(),
    ];
    headers.extend((1..=view.items.len()).map(|n| n.to_string()));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = students
        .iter()
        .map(|s| {
            let mut row = vec![s.data.nis.clone(), s.data.full_name.clone(), String::new()];
            row.extend(std::iter::repeat_n(String::new(), view.items.len()));
            row
        })
        .collect();
    let bytes = done(
        shell,
        &app,
        schooldesk_app::sheet::write_sheet(
            schooldesk_app::sheet::Format::Xlsx,
            &header_refs,
            &rows,
        ),
    )
    .await?;
    let folder = std::path::PathBuf::from(shell.print_folder_default()).join(if en {
        "Exams"
    } else {
        "Ujian"
    });
    std::fs::create_dir_all(&folder).map_err(|e| crate::printing::file_error(&folder, e))?;
    let stem = format!(
        "{} {} {}",
        view.paper.data.exam_name,
        view.paper.data.exam_date,
        if en { "results" } else { "hasil" }
    );
    let path = folder.join(format!(
        "{}.xlsx",
        schooldesk_app::report::safe_file_name(&stem)
    ));
    schooldesk_app::sheet::write_file_whole(&path, &bytes, true)
        .map_err(|e| crate::printing::file_error(&path, e))?;
    shell.remember_written(path.clone());
    Ok(path.display().to_string())
}

/// A shared passage (or figure) of a subject's questions.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QbStimulus {
    pub id: Id,
    pub title: String,
    pub content: QbRichText,
}

fn stimulus_view(
    record: &Stored<QuestionStimulus>,
    content: &qb::RichText,
) -> UiResult<QbStimulus> {
    let value = serde_json::to_value(content).map_err(|e| unreadable("passage", e))?;
    Ok(QbStimulus {
        id: record.id(),
        title: record.data.title.clone(),
        content: serde_json::from_value(value).map_err(|e| unreadable("passage", e))?,
    })
}

pub async fn stimuli(shell: &Shell, subject_id: Id) -> UiResult<Vec<QbStimulus>> {
    let (app, actor) = shell.actor().await?;
    let found = done(shell, &app, app.stimuli(&actor, subject_id).await).await?;
    found.iter().map(|(r, c)| stimulus_view(r, c)).collect()
}

pub async fn stimulus_create(
    shell: &Shell,
    subject_id: Id,
    title: String,
    content: QbRichText,
    new_images: Vec<QbNewImage>,
) -> UiResult<QbStimulus> {
    let (app, actor) = shell.actor().await?;
    let value = serde_json::to_value(&content).map_err(|e| unreadable("passage", e))?;
    let model: qb::RichText =
        serde_json::from_value(value).map_err(|e| unreadable("passage", e))?;
    let images = images(&new_images)?;
    let made = done(
        shell,
        &app,
        app.create_stimulus(&actor, subject_id, &title, &model, &images)
            .await,
    )
    .await?;
    stimulus_view(&made, &model)
}

/// How a question's preview is laid out: as the paper it will be on.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QbPreviewForm {
    /// "id" or "en".
    pub language: String,
    /// 1 or 2.
    pub columns: u8,
    /// "A4" or "F4".
    pub paper_size: String,
}

pub async fn print_preview(
    shell: &Shell,
    subject_id: Id,
    id: Option<Id>,
    question: QbQuestion,
    new_images: Vec<QbNewImage>,
    form: QbPreviewForm,
) -> UiResult<Vec<String>> {
    let (app, actor) = shell.actor().await?;
    let model = question.to_model()?;
    let images = images(&new_images)?;
    let language = match form.language.as_str() {
        "en" => Language::En,
        _ => Language::Id,
    };
    let layout = Layout {
        paper: match form.paper_size.as_str() {
            "F4" => Paper::F4,
            _ => Paper::A4,
        },
        ..Layout::default()
    };
    let job = done(
        shell,
        &app,
        app.question_print_preview(
            &actor,
            subject_id,
            id,
            &model,
            &images,
            language,
            form.columns,
        )
        .await,
    )
    .await?;
    let (pages, _) = tauri::async_runtime::spawn_blocking(move || {
        let images: Vec<Asset> = job
            .images
            .iter()
            .map(|(path, bytes)| Asset::new(path.clone(), bytes.clone()))
            .collect();
        crate::printing::engine().render_svg(
            &Template::builtin(Builtin::Exam),
            &layout,
            &Assets::default(),
            &images,
            &job.documents,
        )
    })
    .await
    .map_err(|e| crate::printing::print_failed(e.to_string()))?
    .map_err(crate::printing::print_error)?;
    Ok(pages)
}

pub async fn paper_print(shell: &Shell, id: Id, form: QbPrintForm) -> UiResult<QbPrinted> {
    let language = match form.language.as_str() {
        "en" => Language::En,
        _ => Language::Id,
    };
    let paper_size = match form.paper_size.as_str() {
        "F4" => Paper::F4,
        _ => Paper::A4,
    };
    let (app, actor) = shell.actor().await?;
    let layout = Layout {
        paper: paper_size,
        ..Layout::default()
    };
    let (w, h) = paper_size.size_mm();
    let m = layout.margins_mm;
    let request = PrintRequest {
        variants: form.variants,
        answer_sheets: form.answer_sheets,
        key: form.key,
        blueprint: form.blueprint,
        columns: form.columns,
        language,
        sheet_area: SheetArea {
            width: w - m.left - m.right,
            height: h - m.top - m.bottom,
        },
        student_digits: 10,
    };
    let job = done(shell, &app, app.exam_print_job(&actor, id, &request).await).await?;
    let view = done(shell, &app, app.exam_paper(&actor, id).await).await?;
    let (pdf, pages) = tauri::async_runtime::spawn_blocking(move || {
        let images: Vec<Asset> = job
            .images
            .iter()
            .map(|(path, bytes)| Asset::new(path.clone(), bytes.clone()))
            .collect();
        crate::printing::engine()
            .render_to_with(
                &Template::builtin(Builtin::Exam),
                &layout,
                &Assets::default(),
                &images,
                &Options::default(),
                &job.documents,
                &mut |_| true,
                Vec::new(),
            )
            .map(|(pdf, report)| (pdf, report.pages))
    })
    .await
    .map_err(|e| crate::printing::print_failed(e.to_string()))?
    .map_err(crate::printing::print_error)?;
    let folder = std::path::PathBuf::from(shell.print_folder_default()).join(match language {
        Language::En => "Exams",
        _ => "Ujian",
    });
    std::fs::create_dir_all(&folder).map_err(|e| crate::printing::file_error(&folder, e))?;
    let stem = format!(
        "{} {}",
        view.paper.data.exam_name, view.paper.data.exam_date
    );
    let path = folder.join(format!(
        "{}.pdf",
        schooldesk_app::report::safe_file_name(&stem)
    ));
    schooldesk_app::sheet::write_file_whole(&path, &pdf, true)
        .map_err(|e| crate::printing::file_error(&path, e))?;
    shell.remember_written(path.clone());
    Ok(QbPrinted {
        path: path.display().to_string(),
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn data_url(mime: &str, bytes: &[u8]) -> String {
    let mut out = format!("data:{mime};base64,");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 (padding optional, white space ignored); `None` for
/// anything else.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let body = digits
        .strip_suffix(b"==")
        .or_else(|| digits.strip_suffix(b"="))
        .unwrap_or(&digits);
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in body {
        let v = ALPHABET.iter().position(|a| a == b)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_types() -> Vec<qb::Question> {
        let gift = include_str!("../../crates/qbank/tests/fixtures/all-types.gift");
        let xml = include_str!("../../crates/qbank/tests/fixtures/all-types.moodle.xml");
        let mut out = qb::gift::import(gift).bank.questions;
        out.extend(qb::moodle_xml::import(xml).bank.questions);
        out
    }

    /// Every question type of the model, with rich text of every kind,
    /// crosses the wire and comes back the same.
    #[test]
    fn the_wire_question_is_the_model_question() {
        let questions = all_types();
        let mut kinds: Vec<&str> = questions.iter().map(|q| q.question_type().code()).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), qb::QuestionType::ALL.len(), "{kinds:?}");
        let mut rich = qb::Question::new(
            "rich",
            qb::RichText(vec![
                qb::Block::Paragraph {
                    inlines: vec![
                        qb::Inline::styled(
                            "H",
                            qb::Style {
                                bold: true,
                                italic: true,
                                underline: true,
                                script: qb::Script::Normal,
                            },
                        ),
                        qb::Inline::styled(
                            "2",
                            qb::Style {
                                script: qb::Script::Sub,
                                ..qb::Style::PLAIN
                            },
                        ),
                        qb::Inline::Math {
                            latex: "\\frac{1}{2}".into(),
                        },
                        qb::Inline::Break,
                        qb::Inline::Image {
                            image: qb::ImageRef {
                                key: "ab".repeat(32),
                                alt: "a figure".into(),
                            },
                        },
                    ],
                },
                qb::Block::List {
                    ordered: true,
                    items: vec![vec![qb::Block::Math {
                        latex: "x^2".into(),
                    }]],
                },
                qb::Block::Table {
                    rows: vec![vec![
                        vec![],
                        vec![qb::Block::Paragraph {
                            inlines: vec![qb::Inline::text("c")],
                        }],
                    ]],
                },
            ]),
            qb::Body::Essay {
                rubric: vec![qb::RubricCriterion {
                    description: "steps".into(),
                    points: qb::percent("2.5"),
                }],
                grader_info: qb::RichText::empty(),
                response_template: String::new(),
            },
        );
        rich.meta.cognitive = Some(qb::Cognitive::C4);
        rich.meta.level = Some(qb::ThinkingLevel::L3);
        rich.meta.difficulty = Some(qb::Difficulty::Hard);
        for q in questions.iter().chain([&rich]) {
            let wire = QbQuestion::from_model(q).unwrap();
            assert_eq!(&wire.to_model().unwrap(), q, "{}", q.name);
        }
    }

    #[test]
    fn a_number_that_is_not_one_is_refused_with_its_text() {
        let mut wire = QbQuestion::from_model(&all_types()[0]).unwrap();
        wire.meta.points = "1,5".into();
        let err = wire.to_model().unwrap_err();
        assert!(err.message.contains("\"1,5\""), "{}", err.message);
    }

    #[test]
    fn base64_both_ways() {
        for bytes in [&b""[..], b"M", b"Ma", b"Man", b"\x89PNG\r\n\x1a\n\x00\xff"] {
            let url = data_url("image/png", bytes);
            let text = url.strip_prefix("data:image/png;base64,").unwrap();
            assert_eq!(decode_base64(text).unwrap(), bytes);
        }
        assert_eq!(data_url("image/png", b"Man"), "data:image/png;base64,TWFu");
        assert_eq!(decode_base64("TW E=\n").unwrap(), b"Ma");
        assert_eq!(decode_base64("T!=="), None);
        assert_eq!(decode_base64("T"), None);
    }
}
