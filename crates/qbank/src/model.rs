//! The question model: seven question types, shared stimuli, metadata, and
//! the bank that holds questions, stimuli and image bytes together.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::decimal::Decimal;
use crate::rich::RichText;

/// A question's stable id. The store assigns it (a UUID); importers leave
/// it empty. Answer keys and item statistics are keyed by it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QuestionId(pub String);

/// A shared stimulus's id, unique within a bank.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StimulusId(pub String);

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    /// A short title (GIFT's `::title::`, Moodle's `<name>`).
    pub name: String,
    /// The question itself (the stem).
    pub stem: RichText,
    pub body: Body,
    /// Shown after answering, whatever the answer.
    pub general_feedback: RichText,
    /// The shared passage or figure this question belongs to.
    pub stimulus: Option<StimulusId>,
    /// The bank's category path (Moodle's `$course$/top/…`), if any.
    pub category: Option<String>,
    pub meta: Metadata,
}

/// What makes each type a type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Body {
    /// *Pilihan ganda*: exactly one option is right (weight 100 %); other
    /// options may carry partial or negative weights.
    SingleChoice {
        options: Vec<ChoiceOption>,
        shuffle: bool,
    },
    /// *PG kompleks*: several options may be right; the positive weights add
    /// up to 100 %, wrong options may carry negative weights.
    MultipleResponse {
        options: Vec<ChoiceOption>,
        shuffle: bool,
    },
    /// *Benar/salah*.
    TrueFalse {
        correct: bool,
        feedback_true: RichText,
        feedback_false: RichText,
    },
    /// *Menjodohkan*: pairs of prompt and answer. A pair with an empty prompt
    /// is an extra wrong answer (a distractor).
    Matching {
        pairs: Vec<MatchPair>,
        shuffle: bool,
    },
    /// *Isian*: every accepted answer with its weight.
    ShortAnswer {
        answers: Vec<TextAnswer>,
        case_sensitive: bool,
    },
    /// A number, right within a tolerance or a range.
    Numeric {
        answers: Vec<NumericAnswer>,
        other_feedback: RichText,
    },
    /// *Uraian*: marked by hand. The maximum is the question's points; the
    /// rubric's criteria, when given, add up to it.
    Essay {
        rubric: Vec<RubricCriterion>,
        grader_info: RichText,
        response_template: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    SingleChoice,
    MultipleResponse,
    TrueFalse,
    Matching,
    ShortAnswer,
    Numeric,
    Essay,
}

impl QuestionType {
    pub const ALL: [QuestionType; 7] = [
        QuestionType::SingleChoice,
        QuestionType::MultipleResponse,
        QuestionType::TrueFalse,
        QuestionType::Matching,
        QuestionType::ShortAnswer,
        QuestionType::Numeric,
        QuestionType::Essay,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionType::SingleChoice => "single_choice",
            QuestionType::MultipleResponse => "multiple_response",
            QuestionType::TrueFalse => "true_false",
            QuestionType::Matching => "matching",
            QuestionType::ShortAnswer => "short_answer",
            QuestionType::Numeric => "numeric",
            QuestionType::Essay => "essay",
        }
    }
}

impl Body {
    pub fn question_type(&self) -> QuestionType {
        match self {
            Body::SingleChoice { .. } => QuestionType::SingleChoice,
            Body::MultipleResponse { .. } => QuestionType::MultipleResponse,
            Body::TrueFalse { .. } => QuestionType::TrueFalse,
            Body::Matching { .. } => QuestionType::Matching,
            Body::ShortAnswer { .. } => QuestionType::ShortAnswer,
            Body::Numeric { .. } => QuestionType::Numeric,
            Body::Essay { .. } => QuestionType::Essay,
        }
    }
}

/// A weight in percent of the question's points: `100` is fully right, `0`
/// wrong, negative a penalty (Moodle's `fraction` × 100).
pub type Percent = Decimal;

pub fn percent(text: &str) -> Percent {
    Decimal::parse(text).expect("a literal percent")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub text: RichText,
    pub weight: Percent,
    pub feedback: RichText,
    /// Stays where it is when options are shuffled ("all of the above").
    pub pinned: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchPair {
    /// Empty for a distractor answer.
    pub prompt: RichText,
    pub answer: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnswer {
    pub text: String,
    pub weight: Percent,
    pub feedback: RichText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumericAnswer {
    pub accept: NumericAccept,
    pub weight: Percent,
    pub feedback: RichText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NumericAccept {
    /// `value ± tolerance` (tolerance ≥ 0).
    Tolerance { value: Decimal, tolerance: Decimal },
    /// `min ..= max`.
    Range { min: Decimal, max: Decimal },
}

impl NumericAccept {
    /// As value ± tolerance (a range becomes its middle ± half its width).
    pub fn as_tolerance(self) -> (Decimal, Decimal) {
        match self {
            NumericAccept::Tolerance { value, tolerance } => (value, tolerance),
            NumericAccept::Range { min, max } => {
                let mid = min.plus(max).half();
                (mid, max.minus(mid))
            }
        }
    }

    pub fn accepts(self, x: Decimal) -> bool {
        let (v, t) = self.as_tolerance();
        x >= v.minus(t.abs()) && x <= v.plus(t.abs())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricCriterion {
    pub description: String,
    pub points: Decimal,
}

/// Who wrote it, what it tests, how far it is in review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub subject: Option<String>,
    /// *Kelas* / *fase* as the school writes it (1–12).
    pub grade_level: Option<u8>,
    /// *Capaian pembelajaran*.
    pub learning_outcome: Option<String>,
    /// *Tujuan pembelajaran*.
    pub objective: Option<String>,
    /// *Materi*.
    pub topic: Option<String>,
    pub cognitive: Option<Cognitive>,
    pub level: Option<ThinkingLevel>,
    pub difficulty: Option<Difficulty>,
    /// The question's points (an essay's maximum).
    pub points: Decimal,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub status: Status,
    /// Starts at 1; an edit of an approved question makes the next version.
    pub version: u32,
}

impl Default for Metadata {
    fn default() -> Self {
        Metadata {
            subject: None,
            grade_level: None,
            learning_outcome: None,
            objective: None,
            topic: None,
            cognitive: None,
            level: None,
            difficulty: None,
            points: Decimal::from_int(1),
            tags: Vec::new(),
            author: None,
            source: None,
            status: Status::Draft,
            version: 1,
        }
    }
}

/// Bloom's revised taxonomy, C1 (remember) to C6 (create).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Cognitive {
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
}

/// The Indonesian assessment levels: L1 knowing and understanding, L2
/// applying, L3 reasoning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ThinkingLevel {
    L1,
    L2,
    L3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// Review status: draft → reviewed → approved (and back to draft on a
/// change).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Reviewed,
    Approved,
}

impl Status {
    /// Forward one step at a time, or back to draft from anywhere.
    pub fn can_move_to(self, next: Status) -> bool {
        matches!(
            (self, next),
            (Status::Draft, Status::Reviewed)
                | (Status::Reviewed, Status::Approved)
                | (_, Status::Draft)
        ) && self != next
    }
}

impl Question {
    /// A draft question with default metadata.
    pub fn new(name: impl Into<String>, stem: RichText, body: Body) -> Question {
        Question {
            id: QuestionId::default(),
            name: name.into(),
            stem,
            body,
            general_feedback: RichText::empty(),
            stimulus: None,
            category: None,
            meta: Metadata::default(),
        }
    }

    pub fn question_type(&self) -> QuestionType {
        self.body.question_type()
    }

    /// Applies an edit. Editing an approved question makes a new version
    /// (the old one stays as papers printed it: the caller keeps it); any
    /// edit returns the question to draft. Returns whether a new version
    /// was made.
    pub fn edit(&mut self, change: impl FnOnce(&mut Question)) -> bool {
        let new_version = self.meta.status == Status::Approved;
        change(self);
        if new_version {
            self.meta.version += 1;
        }
        self.meta.status = Status::Draft;
        new_version
    }

    /// Every rich text of the question (stem, options, feedback…).
    pub fn texts(&self) -> Vec<&RichText> {
        let mut out = vec![&self.stem, &self.general_feedback];
        match &self.body {
            Body::SingleChoice { options, .. } | Body::MultipleResponse { options, .. } => {
                for o in options {
                    out.push(&o.text);
                    out.push(&o.feedback);
                }
            }
            Body::TrueFalse {
                feedback_true,
                feedback_false,
                ..
            } => {
                out.push(feedback_true);
                out.push(feedback_false);
            }
            Body::Matching { pairs, .. } => out.extend(pairs.iter().map(|p| &p.prompt)),
            Body::ShortAnswer { answers, .. } => out.extend(answers.iter().map(|a| &a.feedback)),
            Body::Numeric {
                answers,
                other_feedback,
            } => {
                out.extend(answers.iter().map(|a| &a.feedback));
                out.push(other_feedback);
            }
            Body::Essay { grader_info, .. } => out.push(grader_info),
        }
        out
    }
}

/// A passage or figure several questions share; they stay together on a
/// paper and in every variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stimulus {
    pub id: StimulusId,
    pub title: String,
    pub content: RichText,
}

/// Image bytes, stored once per content.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The file name it came with (for export).
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Image({}, {}, {} bytes)",
            self.name,
            self.mime,
            self.bytes.len()
        )
    }
}

/// The image's kind from its first bytes (PNG, JPEG, GIF, WebP, SVG), or
/// `None` when the bytes are not an image we can print.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
        let head = head.trim_start();
        if head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg")) {
            Some("image/svg+xml")
        } else {
            None
        }
    }
}

/// Questions, the stimuli they share, and the images they show — what an
/// import yields and an export takes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bank {
    pub questions: Vec<Question>,
    pub stimuli: Vec<Stimulus>,
    /// Keyed by [`image_key`].
    pub images: BTreeMap<String, Image>,
}

/// The key of image bytes: their SHA-256 in lower-case hex.
pub fn image_key(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Bank {
    /// Stores image bytes (once per content) and returns their key, or
    /// `None` when the bytes are not an image.
    pub fn add_image(&mut self, name: &str, bytes: Vec<u8>) -> Option<String> {
        let mime = sniff_image(&bytes)?;
        let key = image_key(&bytes);
        self.images.entry(key.clone()).or_insert_with(|| Image {
            name: name.to_string(),
            mime: mime.to_string(),
            bytes,
        });
        Some(key)
    }

    pub fn stimulus(&self, id: &StimulusId) -> Option<&Stimulus> {
        self.stimuli.iter().find(|s| &s.id == id)
    }

    /// How many questions of each type.
    pub fn count_by_type(&self) -> BTreeMap<QuestionType, usize> {
        let mut m = BTreeMap::new();
        for q in &self.questions {
            *m.entry(q.question_type()).or_insert(0) += 1;
        }
        m
    }
}

/// Where a problem is in the file read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Place {
    /// A line of a text file (1-based).
    Line { line: usize },
    /// An element of an XML file: its path (`quiz/question[3]/answer[2]`)
    /// and the line it starts on.
    Element { path: String, line: usize },
    /// A field of a question (validation).
    Field { field: String },
    /// A cell of a spreadsheet: its row as the spreadsheet numbers it and
    /// its column ("C (stem)").
    Cell { row: usize, column: String },
    /// The whole file.
    File,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line { line } => write!(f, "line {line}"),
            Place::Element { path, line } => write!(f, "{path} (line {line})"),
            Place::Field { field } => f.write_str(field),
            Place::Cell { row, column } if column.is_empty() => write!(f, "row {row}"),
            Place::Cell { row, column } => write!(f, "row {row}, column {column}"),
            Place::File => f.write_str("file"),
        }
    }
}

/// Something that could not be taken as it was, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

impl Problem {
    pub fn line(line: usize, message: impl Into<String>) -> Problem {
        Problem {
            place: Place::Line { line },
            message: message.into(),
        }
    }

    pub fn cell(row: usize, column: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            place: Place::Cell {
                row,
                column: column.into(),
            },
            message: message.into(),
        }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            place: Place::Field {
                field: field.into(),
            },
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What an import gives back: the questions it could take, and a problem
/// for each thing it could not (a problem never stops the other questions).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    pub bank: Bank,
    pub problems: Vec<Problem>,
}

/// What an export gives back: the file's text, and a note for each thing
/// the format cannot carry (left out or simplified).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Export {
    pub text: String,
    pub notes: Vec<Problem>,
}

impl Import {
    /// Drops the stimuli no question took (a description with no question
    /// after it), each with a problem at its place.
    pub(crate) fn drop_unused_stimuli(&mut self, places: Vec<(StimulusId, Place)>) {
        let used: std::collections::HashSet<&StimulusId> = self
            .bank
            .questions
            .iter()
            .filter_map(|q| q.stimulus.as_ref())
            .collect();
        let unused: Vec<StimulusId> = self
            .bank
            .stimuli
            .iter()
            .map(|s| s.id.clone())
            .filter(|id| !used.contains(id))
            .collect();
        for (id, place) in places {
            if unused.contains(&id) {
                self.problems.push(Problem {
                    place,
                    message: "a description with no question after it (a stimulus belongs to the questions that follow it); left out".into(),
                });
            }
        }
        self.bank.stimuli.retain(|s| !unused.contains(&s.id));
    }
}
