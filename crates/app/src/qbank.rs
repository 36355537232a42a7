//! The question bank (issue 13): questions stored with every version,
//! shared stimuli and image bytes (by SHA-256), review (draft → reviewed →
//! approved), full-text search with filters, import with a preview that
//! writes nothing, and export. The questions themselves (types, rich text,
//! file formats) are `schooldesk_qbank`'s; this module stores them.
//!
//! - A question is a [`BankQuestion`] (its stable id, what search filters
//!   on, the number of the version in force) and its [`QuestionVersion`]s
//!   (the question as written, JSON). Editing an approved question adds
//!   the next version; editing one never approved rewrites its current
//!   version. Every edit puts it back to draft. A version once approved
//!   or pinned by a paper is never rewritten: moving an approved question
//!   back to draft starts a copy as its next version, and an edit of a
//!   version a paper pins adds the next one. Older versions stay
//!   readable: every one of them was approved, and papers keep the one
//!   they printed.
//! - Teachers write and see the questions of the subjects they teach; the
//!   curriculum office (the administrator) sees the whole bank, reviews and
//!   approves. Students and parents see nothing of it.
//! - Every write goes through the store in one transaction with its audit
//!   events; an import writes all of its questions in one.

use crate::auth::require;
use crate::{App, AppError, AppResult};
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::qbank as rules;
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_qbank::search as words;
use schooldesk_store::{ChangeSet, Filter, Query, Val};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many questions a search answers when it names no limit.
pub const DEFAULT_LIMIT: i64 = 50;
/// The most a search answers.
pub const MAX_LIMIT: i64 = 100_000;
/// Above this many questions, an import's preview compares stems within the
/// file only for the very same stem (near ones cost the square of the count).
const NEAR_IN_FILE_LIMIT: usize = 500;
/// How many ids one `IN (…)` reads at a time.
const CHUNK: usize = 500;

/// A question as stored: its record and the question of its current
/// version (id, status and version number as stored).
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRecord {
    pub head: Stored<BankQuestion>,
    pub question: qb::Question,
}

/// What a search asks for; empty fields ask nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionSearch {
    /// Words: every one must be in the question (the last may be the start
    /// of a word).
    pub text: String,
    pub subject_id: Option<Id>,
    pub grade_level: Option<i64>,
    /// A question type code (`single_choice` …).
    pub kind: Option<String>,
    /// easy | medium | hard.
    pub difficulty: Option<String>,
    /// Every tag must be on the question.
    pub tags: Vec<String>,
    /// draft | reviewed | approved.
    pub status: Option<String>,
    /// [`DEFAULT_LIMIT`] when none.
    pub limit: Option<i64>,
}

/// What an import takes the questions into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The subject every question of the file goes to.
    pub subject_id: Id,
    /// The grade level of questions whose file names none.
    pub grade_level: Option<i64>,
    /// Leave out the questions whose stem is the same as (or near) one
    /// already in the subject's bank or earlier in the file.
    pub skip_duplicates: bool,
}

/// A question the file holds, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewQuestion {
    /// Its position among the questions the file yields, from 1.
    pub position: usize,
    pub name: String,
    /// The question type code.
    pub kind: &'static str,
    /// The stem as plain text.
    pub stem: String,
    /// Set when the bank (or the file, earlier) already has this stem or
    /// one near it.
    pub duplicate: Option<Duplicate>,
}

/// What a question duplicates, and how alike the stems are (percent of
/// their words in common; 100 for the same stem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub of: DuplicateOf,
    pub likeness: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateOf {
    /// A question already in the bank.
    Bank { id: Id, name: String },
    /// An earlier question of the same file (its position, from 1).
    File { position: usize },
}

/// What an import would do: nothing is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    pub format: qb::Format,
    /// Every question it would add, in the file's order.
    pub questions: Vec<PreviewQuestion>,
    /// Every question or part it cannot take, with its line or element
    /// and why.
    pub problems: Vec<qb::Problem>,
    /// How many questions of each type it would add.
    pub counts: BTreeMap<&'static str, usize>,
    pub stimuli: usize,
    /// Images the bank does not hold yet.
    pub new_images: usize,
}

/// What a confirmed import wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDone {
    /// The new questions' ids, in the file's order.
    pub added: Vec<Id>,
    /// Duplicates left out ([`ImportOptions::skip_duplicates`]).
    pub skipped: usize,
    pub problems: Vec<qb::Problem>,
}

/// The file formats an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Gift,
    MoodleXml,
    Qti,
    Aiken,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gift" => Some(ExportFormat::Gift),
            "moodle-xml" | "moodle_xml" | "moodle" | "xml" => Some(ExportFormat::MoodleXml),
            "qti" | "qti21" | "qti-2.1" => Some(ExportFormat::Qti),
            "aiken" => Some(ExportFormat::Aiken),
            _ => None,
        }
    }
}

/// An exported file and what its format could not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub notes: Vec<qb::Problem>,
    pub count: usize,
}

fn difficulty_code(d: qb::Difficulty) -> &'static str {
    match d {
        qb::Difficulty::Easy => "easy",
        qb::Difficulty::Medium => "medium",
        qb::Difficulty::Hard => "hard",
    }
}

fn status_of(code: &str) -> qb::Status {
    match code {
        "approved" => qb::Status::Approved,
        "reviewed" => qb::Status::Reviewed,
        _ => qb::Status::Draft,
    }
}

/// One line, no control characters, at most 200 characters: a question's
/// name as files give it may be anything.
fn tidy_name(name: &str) -> String {
    let one: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'))
        .take(200)
        .collect();
    one.trim().to_string()
}

/// The record of a question: what search filters on, from the question.
fn head_of(
    subject_id: Id,
    q: &qb::Question,
    stimulus: Option<(Id, &qb::Stimulus)>,
    author_id: Option<Id>,
) -> BankQuestion {
    BankQuestion {
        subject_id,
        grade_level: q.meta.grade_level.map(i64::from),
        kind: q.question_type().code().to_string(),
        difficulty: q.meta.difficulty.map(|d| difficulty_code(d).to_string()),
        tags: rules::join_tags(q.meta.tags.iter().map(String::as_str)),
        status: "draft".into(),
        current_version: 1,
        stimulus_id: stimulus.map(|(id, _)| id),
        author_id,
        name: tidy_name(&q.name),
        stem_key: words::stem_key(q),
        search_text: words::search_text(q, stimulus.map(|(_, s)| s)),
    }
}

/// A question's problems as one field error naming each place.
/// The bank's record of a new image stored under `key`; refused, naming
/// the file, when the bytes are not an image or not the key's.
pub(crate) fn image_record(key: &str, image: &qb::Image) -> AppResult<QuestionImage> {
    let record = QuestionImage {
        sha256: qb::image_key(&image.bytes),
        mime: qb::sniff_image(&image.bytes)
            .unwrap_or_default()
            .to_string(),
        file_name: tidy_name(&image.name),
        data: image.bytes.clone(),
    };
    if record.sha256 != key || record.mime.is_empty() {
        return Err(AppError::field(
            "image",
            Msg::new(
                "not_an_image",
                format!("{} is not a PNG, JPEG, GIF, WebP or SVG image", image.name),
            )
            .with("name", &image.name),
        ));
    }
    record.validate()?;
    Ok(record)
}

pub(crate) fn invalid_question(problems: &[qb::Problem]) -> AppError {
    let list = problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    AppError::field(
        "question",
        Msg::new(
            "question_invalid",
            format!("the question cannot be saved: {list}"),
        )
        .with("problems", list),
    )
}

fn unreadable(id: Id, err: impl std::fmt::Display) -> AppError {
    AppError::setup(
        "question_unreadable",
        format!("question {id} is stored in a form this version cannot read ({err})"),
    )
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value)
        .map_err(|e| AppError::Store(schooldesk_store::StoreError::Internal(e.to_string())))
}

/// The rich-text image keys a question shows.
pub(crate) fn image_keys(q: &qb::Question) -> Vec<String> {
    q.texts()
        .iter()
        .flat_map(|t| t.images())
        .map(|i| i.key.clone())
        .collect()
}

impl App {
    /// The subjects on which `actor` may do `action`: None when they may
    /// do `whole` for the whole school (every subject); refused, saying
    /// they cannot `what`, when there is none. One rule for the bank
    /// (`ReadQuestions`) and the papers (`ReadExamPapers`).
    pub(crate) fn subjects_for(
        &self,
        actor: &Actor,
        action: Action,
        whole: Action,
        what: &str,
    ) -> AppResult<Option<Vec<Id>>> {
        if allowed(actor, whole, &Target::School) {
            return Ok(None);
        }
        let mut subjects: Vec<Id> = actor
            .taught_subjects
            .iter()
            .map(|(_, s)| *s)
            .filter(|s| allowed(actor, action, &Target::Subject(*s)))
            .collect();
        subjects.sort();
        subjects.dedup();
        if subjects.is_empty() {
            return Err(AppError::refused(action, what));
        }
        Ok(Some(subjects))
    }

    pub(crate) async fn stored_version(
        &self,
        question_id: Id,
        number: i64,
    ) -> AppResult<Stored<QuestionVersion>> {
        self.store()
            .first(
                Query::all()
                    .eq("question_id", question_id)
                    .eq("number", number),
            )
            .await?
            .ok_or_else(|| {
                AppError::Store(schooldesk_store::StoreError::NotFound {
                    what: "question version",
                    id: format!("{question_id} v{number}"),
                })
            })
    }

    pub(crate) fn read_version(
        head: &Stored<BankQuestion>,
        version: &Stored<QuestionVersion>,
    ) -> AppResult<qb::Question> {
        let mut q: qb::Question =
            serde_json::from_str(&version.data.content).map_err(|e| unreadable(head.id(), e))?;
        q.id = qb::QuestionId(head.id().to_string());
        q.meta.version = u32::try_from(version.data.number).unwrap_or(u32::MAX);
        // Only an approved question gets a next version: the older ones
        // were all approved.
        q.meta.status = if version.data.number == head.data.current_version {
            status_of(&head.data.status)
        } else {
            qb::Status::Approved
        };
        q.stimulus = head.data.stimulus_id.map(|s| qb::StimulusId(s.to_string()));
        Ok(q)
    }

    /// A stored question, its current version; refused unless `actor` may
    /// read its subject's questions.
    pub async fn question(&self, actor: &Actor, id: Id) -> AppResult<QuestionRecord> {
        let head: Stored<BankQuestion> = self.store().get(id).await?;
        require(
            actor,
            Action::ReadQuestions,
            &Target::Subject(head.data.subject_id),
            "see this question",
        )?;
        let version = self.stored_version(id, head.data.current_version).await?;
        let question = Self::read_version(&head, &version)?;
        Ok(QuestionRecord { head, question })
    }

    /// Every version of a question, the first first.
    pub async fn question_versions(&self, actor: &Actor, id: Id) -> AppResult<Vec<qb::Question>> {
        let head: Stored<BankQuestion> = self.store().get(id).await?;
        require(
            actor,
            Action::ReadQuestions,
            &Target::Subject(head.data.subject_id),
            "see this question",
        )?;
        let versions: Vec<Stored<QuestionVersion>> = self
            .store()
            .list(&Query::all().eq("question_id", id).order("number"))
            .await?;
        versions
            .iter()
            .map(|v| Self::read_version(&head, v))
            .collect()
    }

    /// A shared passage or figure for a subject's questions, with the
    /// images pasted into it (`images`, by key; bytes that are not an image
    /// are refused by name). A passage is never rewritten afterwards: a
    /// printed paper shows the passage its questions had, so a change is a
    /// new passage. Refused, nothing written: no title, no content, an
    /// image neither given nor in the bank where the actor may see it.
    pub async fn create_stimulus(
        &self,
        actor: &Actor,
        subject_id: Id,
        title: &str,
        content: &qb::RichText,
        images: &BTreeMap<String, qb::Image>,
    ) -> AppResult<Stored<QuestionStimulus>> {
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(subject_id),
            "write questions of this subject",
        )?;
        self.store().get::<Subject>(subject_id).await?;
        if tidy_name(title).is_empty() {
            return Err(AppError::field(
                "title",
                Msg::new("empty", "must not be empty"),
            ));
        }
        // Images and math count as content (to_plain names them).
        if content.to_plain().trim().is_empty() {
            return Err(AppError::field(
                "content",
                Msg::new(
                    "stimulus_empty",
                    "the shared passage has no text, image or formula",
                ),
            ));
        }
        let keys: Vec<String> = content
            .images()
            .into_iter()
            .map(|i| i.key.clone())
            .collect();
        self.check_image_keys(actor, keys, images, HashSet::new())
            .await?;
        let record = QuestionStimulus {
            subject_id,
            title: tidy_name(title),
            content: to_json(content)?,
        };
        record.validate()?;
        let mut cs = self.changes(actor);
        self.add_images(&mut cs, images).await?;
        cs.insert(&record);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// The shared passages of a subject, oldest first, for whoever may
    /// read its questions.
    pub async fn stimuli(
        &self,
        actor: &Actor,
        subject_id: Id,
    ) -> AppResult<Vec<(Stored<QuestionStimulus>, qb::RichText)>> {
        require(
            actor,
            Action::ReadQuestions,
            &Target::Subject(subject_id),
            "read questions of this subject",
        )?;
        let rows: Vec<Stored<QuestionStimulus>> = self
            .store()
            .list(
                &Query::all()
                    .eq("subject_id", subject_id)
                    .order("created_at"),
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                let content: qb::RichText =
                    serde_json::from_str(&r.data.content).map_err(|e| unreadable(r.id(), e))?;
                Ok((r, content))
            })
            .collect()
    }

    /// Adds the images `images` holds that the bank has not yet, to `cs`;
    /// returns how many. Refuses bytes that are not an image.
    async fn add_images(
        &self,
        cs: &mut ChangeSet,
        images: &BTreeMap<String, qb::Image>,
    ) -> AppResult<usize> {
        let keys: Vec<&String> = images.keys().collect();
        let stored = self.stored_image_keys(&keys).await?;
        let mut added = 0;
        for (key, image) in images {
            if stored.contains(key.as_str()) {
                continue;
            }
            cs.insert(&image_record(key, image)?);
            added += 1;
        }
        Ok(added)
    }

    /// The bank's images of these keys (keys it does not hold are left
    /// out).
    pub(crate) async fn images_by_key(
        &self,
        mut keys: Vec<String>,
    ) -> AppResult<BTreeMap<String, qb::Image>> {
        keys.sort();
        keys.dedup();
        let mut images = BTreeMap::new();
        for chunk in keys.chunks(CHUNK) {
            let vals: Vec<Val> = chunk.iter().map(|k| Val::Text(k.clone())).collect();
            let rows: Vec<Stored<QuestionImage>> = self
                .store()
                .list(&Query::all().filter(Filter::In("sha256", vals)))
                .await?;
            for r in rows {
                images.insert(
                    r.data.sha256.clone(),
                    qb::Image {
                        name: r.data.file_name,
                        mime: r.data.mime,
                        bytes: r.data.data,
                    },
                );
            }
        }
        Ok(images)
    }

    /// Which of `keys` the bank holds.
    async fn stored_image_keys(&self, keys: &[&String]) -> AppResult<HashSet<String>> {
        let mut found = HashSet::new();
        for chunk in keys.chunks(CHUNK) {
            let vals: Vec<Val> = chunk.iter().map(|k| Val::Text((*k).clone())).collect();
            let rows: Vec<Stored<QuestionImage>> = self
                .store()
                .list(&Query::all().filter(Filter::In("sha256", vals)))
                .await?;
            found.extend(rows.into_iter().map(|r| r.data.sha256));
        }
        Ok(found)
    }

    /// Checks that every image `q` shows is in `new` or in the bank where
    /// `actor` may see it (`readable_images`): naming a key of another
    /// subject's image is not a way to see it. The refusal is the same as
    /// for a key the bank does not hold. `editing`: the question being
    /// edited, whose own versions' images need no search (its subject is
    /// the actor's to write).
    pub(crate) async fn check_images(
        &self,
        actor: &Actor,
        q: &qb::Question,
        new: &BTreeMap<String, qb::Image>,
        editing: Option<Id>,
    ) -> AppResult<()> {
        let mut own: HashSet<String> = HashSet::new();
        if let Some(id) = editing {
            let versions: Vec<Stored<QuestionVersion>> = self
                .store()
                .list(&Query::all().eq("question_id", id))
                .await?;
            for v in &versions {
                let old: qb::Question =
                    serde_json::from_str(&v.data.content).map_err(|e| unreadable(id, e))?;
                own.extend(image_keys(&old));
            }
        }
        self.check_image_keys(actor, image_keys(q), new, own).await
    }

    /// [`App::check_images`] for any text's image keys: each is in `new`,
    /// in `own`, or in the bank where `actor` may see it.
    async fn check_image_keys(
        &self,
        actor: &Actor,
        keys: Vec<String>,
        new: &BTreeMap<String, qb::Image>,
        own: HashSet<String>,
    ) -> AppResult<()> {
        let keys: Vec<String> = keys.into_iter().filter(|k| !new.contains_key(k)).collect();
        let foreign: Vec<String> = keys.iter().filter(|k| !own.contains(*k)).cloned().collect();
        let refs: Vec<&String> = keys.iter().collect();
        let stored = self.stored_image_keys(&refs).await?;
        let readable = self.readable_images(actor, &foreign).await?;
        if let Some(missing) = keys
            .iter()
            .find(|k| !stored.contains(*k) || !(own.contains(*k) || readable.contains(*k)))
        {
            return Err(AppError::field(
                "question",
                Msg::new(
                    "image_missing",
                    format!("the question shows image {missing}, whose bytes were not given and are not in the bank"),
                )
                .with("key", missing),
            ));
        }
        Ok(())
    }

    pub(crate) async fn stimulus_of(
        &self,
        subject_id: Id,
        stimulus: Option<&qb::StimulusId>,
    ) -> AppResult<Option<(Id, qb::Stimulus)>> {
        let Some(sid) = stimulus else {
            return Ok(None);
        };
        let missing = || {
            AppError::field(
                "stimulus_id",
                Msg::new(
                    "stimulus_not_found",
                    format!("the stimulus {} is not one of this subject's", sid.0),
                )
                .with("id", &sid.0),
            )
        };
        let id: Id = sid.0.parse().map_err(|_| missing())?;
        let stored: Stored<QuestionStimulus> = self.store().find(id).await?.ok_or_else(missing)?;
        if stored.data.subject_id != subject_id {
            return Err(missing());
        }
        let content: qb::RichText =
            serde_json::from_str(&stored.data.content).map_err(|e| unreadable(id, e))?;
        Ok(Some((
            id,
            qb::Stimulus {
                id: sid.clone(),
                title: stored.data.title,
                content,
            },
        )))
    }

    /// Writes a new question of `subject_id` (a draft, version 1) with the
    /// images it brings that the bank has not yet.
    pub async fn create_question(
        &self,
        actor: &Actor,
        subject_id: Id,
        question: &qb::Question,
        images: &BTreeMap<String, qb::Image>,
    ) -> AppResult<QuestionRecord> {
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(subject_id),
            "write questions of this subject",
        )?;
        self.store().get::<Subject>(subject_id).await?;
        let problems = question.validate();
        if !problems.is_empty() {
            return Err(invalid_question(&problems));
        }
        self.check_images(actor, question, images, None).await?;
        let stimulus = self
            .stimulus_of(subject_id, question.stimulus.as_ref())
            .await?;
        let mut cs = self.changes(actor);
        self.add_images(&mut cs, images).await?;
        let id = new_id();
        let head = head_of(
            subject_id,
            question,
            stimulus.as_ref().map(|(id, s)| (*id, s)),
            Some(actor.user_id),
        );
        head.validate()?;
        let mut q = question.clone();
        q.id = qb::QuestionId(id.to_string());
        q.meta.status = qb::Status::Draft;
        q.meta.version = 1;
        cs.insert_with_id(id, &head);
        cs.insert(&QuestionVersion {
            question_id: id,
            number: 1,
            content: to_json(&q)?,
        });
        self.store().commit(cs).await?;
        self.question(actor, id).await
    }

    /// Saves an edit of a question read at `expected_version` (its record's
    /// version). An approved question, or one whose current version a
    /// paper pins, gets its next version (the old one stays as it was);
    /// one never approved has its current version rewritten. Either way
    /// it goes back to draft. Returns the question
    /// as stored and whether a version was added.
    pub async fn edit_question(
        &self,
        actor: &Actor,
        id: Id,
        expected_version: i64,
        question: &qb::Question,
        images: &BTreeMap<String, qb::Image>,
    ) -> AppResult<(QuestionRecord, bool)> {
        let head: Stored<BankQuestion> = self.store().get(id).await?;
        let subject_id = head.data.subject_id;
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(subject_id),
            "edit questions of this subject",
        )?;
        let problems = question.validate();
        if !problems.is_empty() {
            return Err(invalid_question(&problems));
        }
        self.check_images(actor, question, images, Some(id)).await?;
        let stimulus = self
            .stimulus_of(subject_id, question.stimulus.as_ref())
            .await?;
        let mut cs = self.changes(actor);
        self.add_images(&mut cs, images).await?;
        // A version that was approved or that a paper pins is never
        // rewritten: a paper must print what it printed before. (A
        // question moved back to draft from approved is already on a
        // fresh copy, `set_question_status`; the paper check also covers
        // questions demoted before that rule.)
        let new_version = head.data.status == "approved"
            || self.version_on_paper(id, head.data.current_version).await?;
        let number = head.data.current_version + i64::from(new_version);
        let mut record = head_of(
            subject_id,
            question,
            stimulus.as_ref().map(|(id, s)| (*id, s)),
            head.data.author_id,
        );
        record.current_version = number;
        record.validate()?;
        let mut q = question.clone();
        q.id = qb::QuestionId(id.to_string());
        q.meta.status = qb::Status::Draft;
        q.meta.version = u32::try_from(number).unwrap_or(u32::MAX);
        let content = to_json(&q)?;
        cs.update(id, expected_version, &record);
        if new_version {
            cs.insert(&QuestionVersion {
                question_id: id,
                number,
                content,
            });
        } else {
            let current = self.stored_version(id, number).await?;
            cs.update(
                current.id(),
                current.version(),
                &QuestionVersion {
                    content,
                    ..current.data.clone()
                },
            );
        }
        self.store().commit(cs).await?;
        Ok((self.question(actor, id).await?, new_version))
    }

    /// Moves a question read at `expected_version` to `status`: forward one
    /// step (draft → reviewed → approved) or back to draft. The curriculum
    /// office only. Back to draft from approved, the question goes on with
    /// a copy of the approved version as its next one, so no edit ever
    /// rewrites what was approved.
    pub async fn set_question_status(
        &self,
        actor: &Actor,
        id: Id,
        expected_version: i64,
        status: &str,
    ) -> AppResult<Stored<BankQuestion>> {
        require(
            actor,
            Action::ReviewQuestions,
            &Target::School,
            "review or approve questions",
        )?;
        let head: Stored<BankQuestion> = self.store().get(id).await?;
        rules::check_move(&head.data.status, status).map_err(|m| AppError::field("status", m))?;
        let mut cs = self.changes(actor);
        let mut current_version = head.data.current_version;
        if head.data.status == "approved" && status == "draft" {
            // The approved version stays as it was (a paper may pin it);
            // the draft goes on with a copy of it as the next version,
            // which its edits may rewrite.
            let approved = self.stored_version(id, current_version).await?;
            let mut q: qb::Question =
                serde_json::from_str(&approved.data.content).map_err(|e| unreadable(id, e))?;
            current_version += 1;
            q.meta.status = qb::Status::Draft;
            q.meta.version = u32::try_from(current_version).unwrap_or(u32::MAX);
            cs.insert(&QuestionVersion {
                question_id: id,
                number: current_version,
                content: to_json(&q)?,
            });
        }
        cs.update(
            id,
            expected_version,
            &BankQuestion {
                status: status.to_string(),
                current_version,
                ..head.data
            },
        );
        Ok(self.store().commit_returning(cs).await?)
    }

    /// Moves questions (each read at its record's version, `(id,
    /// version)`) to another subject: the bulk move. The actor must write
    /// questions of every subject they come from and of `subject_id`. A
    /// shared stimulus moves with them, and only when every question that
    /// shows it moves too (a passage is kept with all its questions). The
    /// questions keep their versions, status and history: papers keep
    /// printing the versions they pin. All or nothing, in one transaction,
    /// each change audited.
    pub async fn move_questions(
        &self,
        actor: &Actor,
        questions: &[(Id, i64)],
        subject_id: Id,
    ) -> AppResult<Vec<Stored<BankQuestion>>> {
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(subject_id),
            "move questions into this subject",
        )?;
        let target: Stored<Subject> = self.store().get(subject_id).await?;
        let mut heads: Vec<(Stored<BankQuestion>, i64)> = Vec::new();
        let mut seen = HashSet::new();
        for (id, version) in questions {
            if !seen.insert(*id) {
                continue;
            }
            let head: Stored<BankQuestion> = self.store().get(*id).await?;
            require(
                actor,
                Action::WriteQuestions,
                &Target::Subject(head.data.subject_id),
                "move questions out of this subject",
            )?;
            heads.push((head, *version));
        }
        let moving: HashSet<Id> = heads.iter().map(|(h, _)| h.id()).collect();
        let mut cs = self.changes(actor);
        let mut stimuli: HashSet<Id> = HashSet::new();
        for (head, _) in &heads {
            let Some(sid) = head.data.stimulus_id else {
                continue;
            };
            if head.data.subject_id == subject_id || !stimuli.insert(sid) {
                continue;
            }
            let sharing: Vec<Stored<BankQuestion>> = self
                .store()
                .list(&Query::all().eq("stimulus_id", sid).order("created_at"))
                .await?;
            if let Some(left) = sharing.iter().find(|q| !moving.contains(&q.id())) {
                let stimulus: Stored<QuestionStimulus> = self.store().get(sid).await?;
                return Err(AppError::field(
                    "questions",
                    Msg::new(
                        "move_splits_stimulus",
                        format!(
                            "{} shows the passage “{}”, which {} shows too; move all the questions of a passage together",
                            head.data.name, stimulus.data.title, left.data.name
                        ),
                    )
                    .with("name", &head.data.name)
                    .with("stimulus", &stimulus.data.title)
                    .with("other", &left.data.name),
                ));
            }
            let stimulus: Stored<QuestionStimulus> = self.store().get(sid).await?;
            cs.update(
                sid,
                stimulus.version(),
                &QuestionStimulus {
                    subject_id,
                    ..stimulus.data
                },
            );
        }
        for (head, version) in &heads {
            if head.data.subject_id == subject_id {
                continue;
            }
            cs.update(
                head.id(),
                *version,
                &BankQuestion {
                    subject_id,
                    ..head.data.clone()
                },
            );
        }
        if !cs.is_empty() {
            self.store().commit(cs).await?;
        }
        tracing::info!(questions = heads.len(), subject = %target.data.code, "questions moved");
        let mut out = Vec::new();
        for (head, _) in &heads {
            out.push(self.store().get(head.id()).await?);
        }
        Ok(out)
    }

    /// Whether any exam paper pins version `number` of question `id`.
    async fn version_on_paper(&self, id: Id, number: i64) -> AppResult<bool> {
        let pinned: Option<Stored<ExamPaperItem>> = self
            .store()
            .first(
                Query::all()
                    .eq("question_id", id)
                    .eq("question_version", number),
            )
            .await?;
        Ok(pinned.is_some())
    }

    /// Questions `actor` may read that match `search`, oldest first. The
    /// same on both backends.
    pub async fn search_questions(
        &self,
        actor: &Actor,
        search: &QuestionSearch,
    ) -> AppResult<Vec<Stored<BankQuestion>>> {
        let readable = self.subjects_for(
            actor,
            Action::ReadQuestions,
            Action::ReadQuestions,
            "see the question bank",
        )?;
        let mut query = Query::all();
        if let Some(subjects) = readable {
            if let Some(s) = search.subject_id {
                require(
                    actor,
                    Action::ReadQuestions,
                    &Target::Subject(s),
                    "see this subject's questions",
                )?;
            }
            query = query.filter(Filter::In(
                "subject_id",
                subjects.into_iter().map(Val::Id).collect(),
            ));
        }
        if let Some(s) = search.subject_id {
            query = query.eq("subject_id", s);
        }
        if let Some(g) = search.grade_level {
            query = query.eq("grade_level", g);
        }
        let check =
            |field: &'static str, value: &Option<String>, rule: fn(&str) -> Result<(), Msg>| {
                value
                    .as_deref()
                    .map_or(Ok(()), rule)
                    .map_err(|m| AppError::field(field, m))
            };
        check("kind", &search.kind, rules::check_kind)?;
        check("difficulty", &search.difficulty, rules::check_difficulty)?;
        check("status", &search.status, rules::check_status)?;
        for (column, value) in [
            ("kind", &search.kind),
            ("difficulty", &search.difficulty),
            ("status", &search.status),
        ] {
            if let Some(v) = value {
                query = query.eq(column, v.as_str());
            }
        }
        for tag in search.tags.iter().filter_map(|t| rules::tidy_tag(t)) {
            query = query.filter(Filter::Contains(vec!["tags"], format!(";{tag};")));
        }
        let text = words::words(&search.text);
        if !text.is_empty() {
            query = query.filter(Filter::Words("search_text", text));
        }
        let limit = search.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        Ok(self
            .store()
            .list(&query.order("created_at").limit(limit))
            .await?)
    }

    /// The subject's questions whose stem is the same as, or near, `key`.
    async fn bank_duplicate(&self, subject_id: Id, key: &str) -> AppResult<Option<Duplicate>> {
        if key.is_empty() {
            return Ok(None);
        }
        let same: Option<Stored<BankQuestion>> = self
            .store()
            .first(
                Query::all()
                    .eq("subject_id", subject_id)
                    .eq("stem_key", key)
                    .order("created_at"),
            )
            .await?;
        if let Some(q) = same {
            return Ok(Some(Duplicate {
                of: DuplicateOf::Bank {
                    id: q.id(),
                    name: q.data.name,
                },
                likeness: 100,
            }));
        }
        // Near ones: the questions that hold the stem's two longest words,
        // then the next two (a near stem may have changed one of them).
        let mut ws: Vec<&str> = key.split(' ').collect();
        ws.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        ws.dedup();
        let mut best: Option<Duplicate> = None;
        for pair in ws.chunks(2).take(2) {
            let found: Vec<Stored<BankQuestion>> = self
                .store()
                .list(
                    &Query::all()
                        .eq("subject_id", subject_id)
                        .filter(Filter::Words(
                            "search_text",
                            pair.iter().map(|w| (*w).to_string()).collect(),
                        ))
                        .order("created_at")
                        .limit(200),
                )
                .await?;
            for q in found {
                let likeness = words::likeness(key, &q.data.stem_key);
                if likeness >= words::NEAR_PERCENT
                    && best.as_ref().is_none_or(|b| likeness > b.likeness)
                {
                    best = Some(Duplicate {
                        of: DuplicateOf::Bank {
                            id: q.id(),
                            name: q.data.name,
                        },
                        likeness,
                    });
                }
            }
        }
        Ok(best)
    }

    /// Reads an import file and says what it would add, what it cannot
    /// take (with line or element and why) and which questions the bank
    /// (or the file, earlier) already has. Writes nothing.
    pub async fn preview_question_import(
        &self,
        actor: &Actor,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> AppResult<ImportPreview> {
        let (preview, _) = self.read_import(actor, bytes, options, true).await?;
        Ok(preview)
    }

    async fn read_import(
        &self,
        actor: &Actor,
        bytes: &[u8],
        options: &ImportOptions,
        check_duplicates: bool,
    ) -> AppResult<(ImportPreview, qb::Import)> {
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(options.subject_id),
            "import questions into this subject",
        )?;
        self.store().get::<Subject>(options.subject_id).await?;
        if let Some(g) = options.grade_level {
            validate::range("grade level", g, 1, 12)
                .map_err(|m| AppError::field("grade_level", m))?;
        }
        let (format, mut import) = if qb::is_xlsx(bytes) {
            // The bulk-entry template (`question_template`): the first sheet.
            let rows = crate::sheet::read_rows(crate::sheet::Format::Xlsx, bytes)?;
            (qb::Format::Xlsx, qb::sheet::import_rows(&rows))
        } else {
            qb::import_any(bytes)
        };
        // Images the questions show but the file does not hold, and not in
        // the bank either: that question cannot be taken.
        let wanted: Vec<String> = import
            .bank
            .questions
            .iter()
            .flat_map(image_keys)
            .filter(|k| !import.bank.images.contains_key(k))
            .collect();
        let refs: Vec<&String> = wanted.iter().collect();
        let mut stored = self.stored_image_keys(&refs).await?;
        // Only those `actor` may see (another subject's image is not
        // taken by naming its key).
        let readable = self.readable_images(actor, &wanted).await?;
        stored.retain(|k| readable.contains(k));
        let mut kept = Vec::new();
        for (i, q) in std::mem::take(&mut import.bank.questions)
            .into_iter()
            .enumerate()
        {
            let missing = image_keys(&q)
                .into_iter()
                .find(|k| !import.bank.images.contains_key(k) && !stored.contains(k));
            match missing {
                Some(key) => import.problems.push(qb::Problem::field(
                    format!("questions[{}]", i + 1),
                    format!("shows image {key}, which the file does not hold; left out"),
                )),
                None => kept.push(q),
            }
        }
        import.bank.questions = kept;
        let all_keys: Vec<&String> = import.bank.images.keys().collect();
        let have = self.stored_image_keys(&all_keys).await?;
        let new_images = all_keys
            .iter()
            .filter(|k| !have.contains(k.as_str()))
            .count();

        let mut questions = Vec::with_capacity(import.bank.questions.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let near_in_file = import.bank.questions.len() <= NEAR_IN_FILE_LIMIT;
        for (i, q) in import.bank.questions.iter().enumerate() {
            let key = words::stem_key(q);
            let mut duplicate = None;
            if check_duplicates || options.skip_duplicates {
                if let Some(&earlier) = seen.get(&key) {
                    duplicate = Some(Duplicate {
                        of: DuplicateOf::File {
                            position: earlier + 1,
                        },
                        likeness: 100,
                    });
                } else if near_in_file {
                    duplicate = keys
                        .iter()
                        .enumerate()
                        .map(|(j, k)| (j, words::likeness(&key, k)))
                        .filter(|(_, l)| *l >= words::NEAR_PERCENT && !key.is_empty())
                        .max_by_key(|(_, l)| *l)
                        .map(|(j, likeness)| Duplicate {
                            of: DuplicateOf::File { position: j + 1 },
                            likeness,
                        });
                }
                if let Some(bank) = self.bank_duplicate(options.subject_id, &key).await? {
                    // The bank's question is what the user must know of.
                    duplicate = Some(bank);
                }
            }
            seen.entry(key.clone()).or_insert(i);
            keys.push(key);
            questions.push(PreviewQuestion {
                position: i + 1,
                name: tidy_name(&q.name),
                kind: q.question_type().code(),
                stem: q.stem.to_plain(),
                duplicate,
            });
        }
        let mut counts = BTreeMap::new();
        for q in &questions {
            *counts.entry(q.kind).or_insert(0) += 1;
        }
        let preview = ImportPreview {
            format,
            questions,
            problems: import.problems.clone(),
            counts,
            stimuli: import.bank.stimuli.len(),
            new_images,
        };
        Ok((preview, import))
    }

    /// Reads the file again and writes every question the preview listed
    /// (duplicates too, unless [`ImportOptions::skip_duplicates`]), with
    /// their stimuli and new images, in one transaction: all or nothing.
    pub async fn confirm_question_import(
        &self,
        actor: &Actor,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> AppResult<ImportDone> {
        let (preview, import) = self.read_import(actor, bytes, options, false).await?;
        let keep: Vec<bool> = preview
            .questions
            .iter()
            .map(|p| !(options.skip_duplicates && p.duplicate.is_some()))
            .collect();
        let added = self
            .write_bank(
                actor,
                options.subject_id,
                options.grade_level,
                &import.bank,
                &keep,
            )
            .await?;
        let skipped = keep.iter().filter(|k| !**k).count();
        tracing::info!(added = added.len(), skipped, "questions imported");
        Ok(ImportDone {
            added,
            skipped,
            problems: preview.problems,
        })
    }

    /// Writes every question of `bank` (with its stimuli and the images
    /// the bank has not yet) into the subject's bank as drafts, in one
    /// transaction; refused whole, naming each place, if any question is
    /// invalid or shows an image `bank` does not hold.
    pub async fn add_questions(
        &self,
        actor: &Actor,
        subject_id: Id,
        bank: &qb::Bank,
    ) -> AppResult<Vec<Id>> {
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(subject_id),
            "write questions of this subject",
        )?;
        self.store().get::<Subject>(subject_id).await?;
        let problems = bank.validate();
        if !problems.is_empty() {
            return Err(invalid_question(&problems));
        }
        let keep = vec![true; bank.questions.len()];
        self.write_bank(actor, subject_id, None, bank, &keep).await
    }

    /// Writes the questions of `bank` that `keep` says, their stimuli and
    /// new images, in one transaction. The caller has checked them.
    async fn write_bank(
        &self,
        actor: &Actor,
        subject_id: Id,
        grade_level: Option<i64>,
        bank: &qb::Bank,
        keep: &[bool],
    ) -> AppResult<Vec<Id>> {
        let mut cs = self.changes(actor);
        let mut stimuli: HashMap<&qb::StimulusId, (Id, &qb::Stimulus)> = HashMap::new();
        let used: HashSet<&qb::StimulusId> = bank
            .questions
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .filter_map(|(q, _)| q.stimulus.as_ref())
            .collect();
        for s in bank.stimuli.iter().filter(|s| used.contains(&s.id)) {
            let record = QuestionStimulus {
                subject_id,
                title: tidy_name(&s.title),
                content: to_json(&s.content)?,
            };
            record.validate()?;
            let id = cs.insert(&record);
            stimuli.insert(&s.id, (id, s));
        }
        self.add_images(&mut cs, &bank.images).await?;
        let mut added = Vec::new();
        for (q, _) in bank.questions.iter().zip(keep).filter(|(_, k)| **k) {
            let stimulus = q.stimulus.as_ref().and_then(|s| stimuli.get(s)).copied();
            let id = new_id();
            let mut q = q.clone();
            if q.meta.grade_level.is_none() {
                q.meta.grade_level = grade_level.and_then(|g| u8::try_from(g).ok());
            }
            let stim = stimulus.map(|(sid, s)| {
                let mut s = s.clone();
                s.id = qb::StimulusId(sid.to_string());
                (sid, s)
            });
            q.id = qb::QuestionId(id.to_string());
            q.stimulus = stim.as_ref().map(|(_, s)| s.id.clone());
            q.meta.status = qb::Status::Draft;
            q.meta.version = 1;
            let head = head_of(
                subject_id,
                &q,
                stim.as_ref().map(|(sid, s)| (*sid, s)),
                Some(actor.user_id),
            );
            head.validate()?;
            cs.insert_with_id(id, &head);
            cs.insert(&QuestionVersion {
                question_id: id,
                number: 1,
                content: to_json(&q)?,
            });
            added.push(id);
        }
        self.store().commit(cs).await?;
        Ok(added)
    }

    /// Writes the questions `ids` (current versions, in that order) with
    /// their stimuli and images as a file of `format`.
    pub async fn export_questions(
        &self,
        actor: &Actor,
        ids: &[Id],
        format: ExportFormat,
    ) -> AppResult<Exported> {
        let mut bank = qb::Bank::default();
        let mut stimuli: HashSet<Id> = HashSet::new();
        let mut subjects: HashMap<Id, String> = HashMap::new();
        for id in ids {
            let record = self.question(actor, *id).await?;
            let subject_id = record.head.data.subject_id;
            if let std::collections::hash_map::Entry::Vacant(e) = subjects.entry(subject_id) {
                let s: Stored<Subject> = self.store().get(subject_id).await?;
                e.insert(s.data.name);
            }
            let mut q = record.question;
            q.meta.subject = subjects.get(&subject_id).cloned();
            if let Some(sid) = record.head.data.stimulus_id {
                if stimuli.insert(sid) {
                    let stored = self
                        .stimulus_of(subject_id, Some(&qb::StimulusId(sid.to_string())))
                        .await?;
                    bank.stimuli.extend(stored.map(|(_, s)| s));
                }
            }
            bank.questions.push(q);
        }
        let mut keys: Vec<String> = bank.questions.iter().flat_map(image_keys).collect();
        for s in &bank.stimuli {
            keys.extend(s.content.images().iter().map(|i| i.key.clone()));
        }
        bank.images.extend(self.images_by_key(keys).await?);
        let (bytes, notes) = match format {
            ExportFormat::Gift => {
                let e = qb::gift::export(&bank);
                (e.text.into_bytes(), e.notes)
            }
            ExportFormat::MoodleXml => {
                let e = qb::moodle_xml::export(&bank);
                (e.text.into_bytes(), e.notes)
            }
            ExportFormat::Aiken => {
                let e = qb::aiken::export(&bank);
                (e.text.into_bytes(), e.notes)
            }
            ExportFormat::Qti => qb::qti::export(&bank),
        };
        Ok(Exported {
            bytes,
            notes,
            count: bank.questions.len(),
        })
    }
}

/// The XLSX template for bulk question entry: the header row of
/// `schooldesk_qbank::sheet::COLUMNS` and one example row per question
/// type. An import reads it back (with the preview, each problem by row
/// and column).
pub fn question_template() -> AppResult<Vec<u8>> {
    crate::sheet::write_sheet(
        crate::sheet::Format::Xlsx,
        &qb::sheet::COLUMNS,
        &qb::sheet::example_rows(),
    )
}
