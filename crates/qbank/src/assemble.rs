//! Exam assembly from a blueprint (*kisi-kisi*, issue 13 item 4): the rows
//! say what the paper tests, the bank's approved questions fill them.
//!
//! Filling is deterministic (the same bank, history and seed give the same
//! paper): for each row, in order, the candidates are the approved
//! questions of its type (and its cognitive level, topic and learning
//! outcome / objective when the row names them) that are not already on
//! the paper and were not used in the recent papers of the class. They are
//! ranked by item statistics — good first (difficulty index p between 0.30
//! and 0.70 and discrimination D at least 0.30), then questions never
//! analysed, then fair ones (D at least 0.20), then poor ones — and within
//! a rank by a hash of the paper's seed and the question's id (FNV-1a, as
//! written below, so the order never depends on a library). A row the bank
//! cannot fill is reported with what is missing.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::model::*;

/// One row of a blueprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlueprintRow {
    /// *Capaian / tujuan pembelajaran*: matched against the question's
    /// learning outcome or objective (either, ignoring case) when not empty.
    #[serde(default)]
    pub outcome: String,
    /// *Materi*: matched against the question's topic when not empty.
    #[serde(default)]
    pub topic: String,
    /// *Indikator soal*: printed on the kisi-kisi, not matched.
    #[serde(default)]
    pub indicator: String,
    /// Matched when given.
    #[serde(default)]
    pub cognitive: Option<Cognitive>,
    pub kind: QuestionType,
    pub count: u32,
    /// Points of each question of the row.
    pub points: Decimal,
}

/// The most questions one row may ask for.
pub const MAX_ROW_COUNT: u32 = 200;

/// Checks a blueprint's rows, naming the row (from 1) and field.
pub fn check_rows(rows: &[BlueprintRow]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if rows.is_empty() {
        problems.push(Problem::field("rows", "the blueprint has no rows"));
    }
    for (i, r) in rows.iter().enumerate() {
        let n = i + 1;
        if r.count == 0 || r.count > MAX_ROW_COUNT {
            problems.push(Problem::field(
                format!("rows[{n}].count"),
                format!("row {n} must ask for 1 to {MAX_ROW_COUNT} questions"),
            ));
        }
        if !r.points.is_positive() {
            problems.push(Problem::field(
                format!("rows[{n}].points"),
                format!("row {n}'s points must be more than 0"),
            ));
        }
        for (field, text) in [
            ("outcome", &r.outcome),
            ("topic", &r.topic),
            ("indicator", &r.indicator),
        ] {
            if text.chars().count() > 500 || text.chars().any(|c| c.is_control() && c != '\n') {
                problems.push(Problem::field(
                    format!("rows[{n}].{field}"),
                    format!("row {n}'s {field} must be at most 500 characters without control characters"),
                ));
            }
        }
    }
    problems
}

/// How well a question worked when last analysed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// Difficulty index.
    pub p: f64,
    /// Discrimination (upper − lower 27 %).
    pub d: f64,
}

impl Quality {
    /// 0 good, 2 fair, 3 poor (1 is "never analysed").
    fn rank(self) -> u8 {
        if (0.30..=0.70).contains(&self.p) && self.d >= 0.30 {
            0
        } else if self.d >= 0.20 {
            2
        } else {
            3
        }
    }
}

/// A question the bank offers: its id, the version in force, whether it is
/// approved, and its item statistics when it has any.
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    pub question: &'a Question,
    pub version: u32,
    pub approved: bool,
    pub quality: Option<Quality>,
}

/// A question chosen for a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    /// The row (from 1).
    pub row: usize,
    pub question: QuestionId,
    pub version: u32,
}

/// A row the bank could not fill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortage {
    /// The row (from 1).
    pub row: usize,
    pub wanted: u32,
    pub found: u32,
    /// Matching approved questions left out because recent papers of the
    /// class used them.
    pub used_recently: u32,
    /// Matching questions not approved yet.
    pub not_approved: u32,
    /// What the row asks for, in words ("3 single_choice questions, C2,
    /// topic Pecahan").
    pub missing: String,
}

impl std::fmt::Display for Shortage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}: wants {} but the bank has {} ({} more needed: {}; {} used in recent papers of the class, {} not approved yet)",
            self.row,
            self.wanted,
            self.found,
            self.wanted - self.found,
            self.missing,
            self.used_recently,
            self.not_approved
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filled {
    pub picks: Vec<Pick>,
    pub shortages: Vec<Shortage>,
}

/// FNV-1a over the seed's bytes (little-endian) then the id's bytes.
pub fn tie_break(seed: u64, id: &QuestionId) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.to_le_bytes().iter().chain(id.0.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn same(a: &str, b: Option<&String>) -> bool {
    b.is_some_and(|b| a.trim().to_lowercase() == b.trim().to_lowercase())
}

/// Whether `q` is what `row` asks for (status and history aside).
pub fn matches(row: &BlueprintRow, q: &Question) -> bool {
    q.question_type() == row.kind
        && row.cognitive.is_none_or(|c| q.meta.cognitive == Some(c))
        && (row.topic.trim().is_empty() || same(&row.topic, q.meta.topic.as_ref()))
        && (row.outcome.trim().is_empty()
            || same(&row.outcome, q.meta.learning_outcome.as_ref())
            || same(&row.outcome, q.meta.objective.as_ref()))
}

/// What a row asks for, in words.
pub fn describe(row: &BlueprintRow) -> String {
    let mut out = format!("{} {} question(s)", row.count, row.kind.code());
    if let Some(c) = row.cognitive {
        out.push_str(&format!(", level {c:?}"));
    }
    if !row.topic.trim().is_empty() {
        out.push_str(&format!(", topic \"{}\"", row.topic.trim()));
    }
    if !row.outcome.trim().is_empty() {
        out.push_str(&format!(", outcome \"{}\"", row.outcome.trim()));
    }
    out
}

/// Fills `rows` from `bank`, leaving out `recent` (questions of the last
/// papers of the class) and anything in `keep` (already on the paper).
pub fn fill(
    rows: &[BlueprintRow],
    bank: &[Candidate<'_>],
    recent: &HashSet<QuestionId>,
    seed: u64,
) -> Filled {
    let mut taken: HashSet<&QuestionId> = HashSet::new();
    let mut out = Filled::default();
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        let mut ranked: BTreeMap<(u8, u64, &QuestionId), &Candidate<'_>> = BTreeMap::new();
        let (mut used_recently, mut not_approved) = (0, 0);
        for c in bank {
            let id = &c.question.id;
            if taken.contains(id) || !matches(row, c.question) {
                continue;
            }
            if !c.approved {
                not_approved += 1;
                continue;
            }
            if recent.contains(id) {
                used_recently += 1;
                continue;
            }
            let rank = c.quality.map_or(1, Quality::rank);
            ranked.insert((rank, tie_break(seed, id), id), c);
        }
        let mut found = 0;
        for c in ranked.values().take(row.count as usize) {
            taken.insert(&c.question.id);
            out.picks.push(Pick {
                row: n,
                question: c.question.id.clone(),
                version: c.version,
            });
            found += 1;
        }
        if found < row.count {
            out.shortages.push(Shortage {
                row: n,
                wanted: row.count,
                found,
                used_recently,
                not_approved,
                missing: describe(row),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rich::RichText;

    fn q(id: &str, topic: &str, cognitive: Cognitive) -> Question {
        let mut q = Question::new(
            id,
            RichText::from_plain("Soal"),
            Body::TrueFalse {
                correct: true,
                feedback_true: RichText::empty(),
                feedback_false: RichText::empty(),
            },
        );
        q.id = QuestionId(id.into());
        q.meta.topic = Some(topic.into());
        q.meta.cognitive = Some(cognitive);
        q
    }

    fn row(topic: &str, count: u32) -> BlueprintRow {
        BlueprintRow {
            outcome: String::new(),
            topic: topic.into(),
            indicator: "Menentukan".into(),
            cognitive: None,
            kind: QuestionType::TrueFalse,
            count,
            points: Decimal::from_int(2),
        }
    }

    #[test]
    fn fills_deterministically_preferring_good_items_and_reports_shortages() {
        let qs: Vec<Question> = (0..6)
            .map(|i| {
                q(
                    &format!("q{i}"),
                    if i < 4 { "Pecahan" } else { "Aljabar" },
                    Cognitive::C2,
                )
            })
            .collect();
        let good = Quality { p: 0.5, d: 0.45 };
        let poor = Quality { p: 0.95, d: 0.05 };
        let bank: Vec<Candidate<'_>> = qs
            .iter()
            .enumerate()
            .map(|(i, q)| Candidate {
                question: q,
                version: 1,
                approved: i != 3,
                quality: match i {
                    0 => Some(poor),
                    2 => Some(good),
                    _ => None,
                },
            })
            .collect();
        let recent: HashSet<QuestionId> = [QuestionId("q1".into())].into();
        let rows = [row("pecahan", 2), row("Aljabar", 3)];
        let a = fill(&rows, &bank, &recent, 7);
        let b = fill(&rows, &bank, &recent, 7);
        assert_eq!(a, b, "the same inputs give the same paper");
        let first: Vec<&str> = a
            .picks
            .iter()
            .filter(|p| p.row == 1)
            .map(|p| p.question.0.as_str())
            .collect();
        // q1 recent, q3 not approved: q2 (good) before q0 (poor).
        assert_eq!(first, ["q2", "q0"]);
        assert_eq!(a.shortages.len(), 1);
        let s = &a.shortages[0];
        assert_eq!((s.row, s.wanted, s.found), (2, 3, 2));
        assert!(
            s.to_string().contains("row 2: wants 3 but the bank has 2"),
            "{s}"
        );
        assert!(s.missing.contains("Aljabar"), "{s}");

        // Row 1 short: the recent one and the draft are named.
        let short = fill(&[row("Pecahan", 4)], &bank, &recent, 7);
        let s = &short.shortages[0];
        assert_eq!((s.found, s.used_recently, s.not_approved), (2, 1, 1));
    }

    #[test]
    fn rows_are_checked() {
        let mut bad = row("x", 0);
        bad.points = Decimal::from_int(0);
        let problems = check_rows(&[row("ok", 1), bad]);
        let fields: Vec<String> = problems.iter().map(|p| p.place.to_string()).collect();
        assert_eq!(fields, ["rows[2].count", "rows[2].points"]);
        assert!(!check_rows(&[]).is_empty());
    }
}
