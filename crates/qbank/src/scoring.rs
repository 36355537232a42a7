//! Scoring a student's answers (issue 13, item 7; pure).
//!
//! A results file gives, per student, the answer to each question *as its
//! variant printed it* (the letters of that package). [`read_answer`] reads
//! one such cell against the question and its [`VariantItem`] (which maps
//! printed places back to the bank's options), and [`score`] scores it.
//! The rules, written once (docs/ARCHITECTURE.md repeats them):
//!
//! - `P` is the question's points on the paper (the blueprint row's points,
//!   so each type can weigh differently); an option's weight is its percent
//!   of `P` as the bank holds it. Every score is rounded to 2 decimals,
//!   half away from zero. A blank answer scores 0.
//! - Single choice: the chosen option's weight × `P`. A negative weight
//!   counts only with negative marking on.
//! - True/false: `P` when right.
//! - Multiple response (partial credit): each chosen right option adds its
//!   weight; each chosen wrong option takes off its own negative weight, or
//!   when it has none the share of one right option (100 % ÷ the number of
//!   right options), so marking every option earns nothing; the sum is
//!   kept within 0..100 %.
//! - Matching (partial credit): `P` × right pairs ÷ prompts.
//! - Short answer: the best weight among the accepted answers it equals
//!   (spaces at the ends left out, runs of spaces as one; letter case only
//!   when the question says so). Numeric: the best weight among the
//!   accepted values or ranges it falls in.
//! - Essay: the points the marker gave, 0..`P`.
//! - Negative marking (optional, per paper): a wrong single choice or
//!   true/false answer costs `P` ÷ (options − 1) — the usual correction
//!   for guessing — unless the option carries its own negative weight; a
//!   multiple-response question may then go down to −100 %. Matching,
//!   short answer, numeric and essay never go below 0. Item statistics
//!   are always computed without negative marking: they describe the
//!   question, not the penalty.

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::model::*;
use crate::variant::{letter, matching_answers, VariantItem};

/// One answer as read from a cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Answer {
    Blank,
    /// Choice and true/false questions: the bank's option indexes chosen
    /// (true/false: 0 true, 1 false), ascending.
    Options(Vec<usize>),
    /// Matching: per prompt (distractors left out), the index into
    /// [`matching_answers`] chosen, or none.
    Pairs(Vec<Option<usize>>),
    Text(String),
    Number(Decimal),
    /// An essay's points, given by the marker.
    Points(Decimal),
}

/// How a paper is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub negative_marking: bool,
}

fn letters_of(cell: &str) -> Vec<String> {
    let compact: Vec<char> = cell
        .chars()
        .filter(|c| !matches!(c, ',' | ';' | ' ' | '/' | '\t'))
        .collect();
    compact.iter().map(|c| c.to_uppercase().collect()).collect()
}

fn place_of(l: &str, count: usize) -> Result<usize, String> {
    (0..count)
        .find(|&i| letter(i) == l)
        .ok_or_else(|| format!("{l} is not one of the letters A–{}", letter(count - 1)))
}

fn parse_number(cell: &str) -> Option<Decimal> {
    let t = cell.trim();
    Decimal::parse(t).or_else(|| {
        if t.contains('.') {
            None
        } else {
            Decimal::parse(&t.replace(',', "."))
        }
    })
}

/// Reads one cell (as printed by the variant in `item`) for `q`. Blank
/// is blank for every type. An answer that is out of range is refused in
/// words.
pub fn read_answer(q: &Question, item: &VariantItem, cell: &str) -> Result<Answer, String> {
    let cell = cell.trim();
    if cell.is_empty() || cell == "-" {
        return Ok(Answer::Blank);
    }
    match &q.body {
        Body::SingleChoice { options, .. } | Body::MultipleResponse { options, .. } => {
            let letters = letters_of(cell);
            let single = matches!(q.body, Body::SingleChoice { .. });
            if single && letters.len() != 1 {
                return Err(format!(
                    "“{cell}”: one letter is expected for a single-choice question"
                ));
            }
            let mut chosen = Vec::new();
            for l in &letters {
                let place = place_of(l, options.len())?;
                let orig = item.order.get(place).copied().unwrap_or(place);
                if chosen.contains(&orig) {
                    return Err(format!("“{cell}”: the letter {l} is given twice"));
                }
                chosen.push(orig);
            }
            chosen.sort_unstable();
            Ok(Answer::Options(chosen))
        }
        Body::TrueFalse { .. } => {
            let word = cell.to_lowercase();
            let value = match word.as_str() {
                "a" | "t" | "true" | "benar" => 0,
                "b" | "f" | "false" | "salah" => 1,
                _ => {
                    return Err(format!(
                        "“{cell}”: a true/false answer is A (true, benar) or B (false, salah)"
                    ))
                }
            };
            Ok(Answer::Options(vec![value]))
        }
        Body::Matching { pairs, .. } => {
            let column = matching_answers(pairs);
            let prompts = pairs.iter().filter(|p| !p.prompt.is_empty()).count();
            let parts: Vec<String> = if cell.contains(',') || cell.contains(';') {
                cell.split([',', ';'])
                    .map(|s| s.trim().to_uppercase())
                    .collect()
            } else {
                cell.chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| c.to_uppercase().collect())
                    .collect()
            };
            if parts.len() != prompts {
                return Err(format!(
                    "“{cell}”: {} letters for {prompts} prompts (write - for a prompt left blank)",
                    parts.len()
                ));
            }
            let mut out = Vec::new();
            for l in &parts {
                if l.is_empty() || l == "-" {
                    out.push(None);
                } else {
                    let place = place_of(l, column.len())?;
                    out.push(Some(item.order.get(place).copied().unwrap_or(place)));
                }
            }
            Ok(Answer::Pairs(out))
        }
        Body::ShortAnswer { .. } => Ok(Answer::Text(cell.to_string())),
        Body::Numeric { .. } => parse_number(cell)
            .map(Answer::Number)
            .ok_or_else(|| format!("“{cell}” is not a number")),
        Body::Essay { .. } => {
            let points =
                parse_number(cell).ok_or_else(|| format!("“{cell}” is not a number of points"))?;
            if points.is_negative() || points > q.meta.points {
                return Err(format!(
                    "{points} points is outside 0..{} for this essay",
                    q.meta.points
                ));
            }
            // Scores are kept to 2 decimals: a finer mark is refused here,
            // with its cell, rather than by the stored total later.
            if points.rounded(2) != points {
                return Err(format!(
                    "“{cell}” has more than 2 decimals; write points to 2 decimals at most"
                ));
            }
            Ok(Answer::Points(points))
        }
    }
}

fn normalised(text: &str, case_sensitive: bool) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if case_sensitive {
        joined
    } else {
        joined.to_lowercase()
    }
}

fn hundred() -> Decimal {
    Decimal::from_int(100)
}

/// `points` × `percent` ÷ 100, to 2 decimals.
fn share(points: Decimal, percent: Decimal) -> Decimal {
    points.times(percent).divided_by(100, 2)
}

/// The score of `answer` to `q` (worth `q.meta.points` on the paper).
pub fn score(q: &Question, answer: &Answer, rules: Rules) -> Decimal {
    let p = q.meta.points;
    let zero = Decimal::ZERO;
    let guess_penalty = |n: usize| {
        if rules.negative_marking && n >= 2 {
            zero.minus(p.divided_by(n as i64 - 1, 2))
        } else {
            zero
        }
    };
    match (&q.body, answer) {
        (_, Answer::Blank) => zero,
        (Body::SingleChoice { options, .. }, Answer::Options(chosen)) => {
            let Some(&o) = chosen.first() else {
                return zero;
            };
            let w = options.get(o).map_or(zero, |x| x.weight);
            if w.is_positive() {
                share(p, w)
            } else if w.is_negative() {
                if rules.negative_marking {
                    share(p, w)
                } else {
                    zero
                }
            } else {
                guess_penalty(options.len())
            }
        }
        (Body::TrueFalse { correct, .. }, Answer::Options(chosen)) => {
            let said_true = chosen.first() == Some(&0);
            if said_true == *correct {
                p
            } else {
                guess_penalty(2)
            }
        }
        (Body::MultipleResponse { options, .. }, Answer::Options(chosen)) => {
            let rights = options.iter().filter(|o| o.weight.is_positive()).count();
            let one_right = if rights == 0 {
                hundred()
            } else {
                hundred().divided_by(rights as i64, 6)
            };
            let mut pct = zero;
            for &o in chosen {
                let w = options.get(o).map_or(zero, |x| x.weight);
                pct = if w.is_zero() {
                    pct.minus(one_right)
                } else {
                    pct.plus(w)
                };
            }
            let floor = if rules.negative_marking {
                zero.minus(hundred())
            } else {
                zero
            };
            share(p, pct.clamp(floor, hundred()))
        }
        (Body::Matching { pairs, .. }, Answer::Pairs(given)) => {
            let column = matching_answers(pairs);
            let prompts: Vec<&MatchPair> = pairs.iter().filter(|x| !x.prompt.is_empty()).collect();
            if prompts.is_empty() {
                return zero;
            }
            let right = prompts
                .iter()
                .zip(given)
                .filter(|(pair, g)| g.and_then(|i| column.get(i)) == Some(&pair.answer))
                .count();
            p.times(Decimal::from_int(right as i64))
                .divided_by(prompts.len() as i64, 2)
        }
        (
            Body::ShortAnswer {
                answers,
                case_sensitive,
            },
            Answer::Text(text),
        ) => {
            let said = normalised(text, *case_sensitive);
            let best = answers
                .iter()
                .filter(|a| a.weight.is_positive() && normalised(&a.text, *case_sensitive) == said)
                .map(|a| a.weight)
                .max()
                .unwrap_or(zero);
            share(p, best)
        }
        (Body::Numeric { answers, .. }, Answer::Number(x)) => {
            let best = answers
                .iter()
                .filter(|a| a.weight.is_positive() && a.accept.accepts(*x))
                .map(|a| a.weight)
                .max()
                .unwrap_or(zero);
            share(p, best)
        }
        (Body::Essay { .. }, Answer::Points(x)) => (*x).clamp(zero, p),
        // An answer of another shape (a stored answer of an older version):
        // nothing.
        _ => zero,
    }
}

/// The bank's options an answer chose, for the distractor table: choice
/// and true/false questions only.
pub fn chosen_options(answer: &Answer) -> Option<&[usize]> {
    match answer {
        Answer::Options(o) => Some(o),
        _ => None,
    }
}

/// For each option of a choice or true/false question (bank order),
/// whether it is right (positive weight; true/false: the true answer).
pub fn right_options(q: &Question) -> Option<Vec<bool>> {
    match &q.body {
        Body::SingleChoice { options, .. } | Body::MultipleResponse { options, .. } => {
            Some(options.iter().map(|o| o.weight.is_positive()).collect())
        }
        Body::TrueFalse { correct, .. } => Some(vec![*correct, !*correct]),
        _ => None,
    }
}
