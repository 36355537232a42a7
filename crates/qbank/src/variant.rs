//! Exam variants (packages A, B, C…): the paper's questions and their
//! options shuffled from a recorded seed, with an answer key per variant
//! keyed by each question's stable id.
//!
//! The shuffle must give the same variant for the same seed in every
//! version of Schooldesk (a reprint of package B must be package B), so it
//! uses our own generator, written down here, not a library's:
//!
//! - [`Prng`] is SplitMix64 (Steele, Lea and Flood, 2014): the state goes up
//!   by `0x9E3779B97F4A7C15` per draw, and the output is the state mixed by
//!   `z ^= z >> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >> 27;
//!   z *= 0x94D049BB133111EB; z ^= z >> 31` (wrapping).
//! - [`Prng::below`]`(n)` draws until the value is under the largest
//!   multiple of `n` that fits in 64 bits, then takes it modulo `n` (no
//!   bias).
//! - [`Prng::shuffle`] is Fisher–Yates from the last position down: for
//!   `i` from `len - 1` to 1, swap `i` with `below(i + 1)`.
//! - Variant `k` (0 for A) of a paper with seed `s` uses the seed
//!   `SplitMix64(s + k × 0x9E3779B97F4A7C15)`'s first output.
//! - In a variant, first the blocks are shuffled (a block is one question,
//!   or all the questions of one stimulus in their paper order, placed
//!   where the stimulus first appears); then, question by question in the
//!   new order, the options of each choice question whose `shuffle` is on
//!   (only the unpinned ones, among the unpinned places), and the answer
//!   column of each matching question whose `shuffle` is on.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::model::*;

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64, as documented in the module.
#[derive(Clone, Debug)]
pub struct Prng {
    state: u64,
}

impl Prng {
    pub fn new(seed: u64) -> Prng {
        Prng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        let zone = u64::MAX - (u64::MAX % n + 1) % n;
        loop {
            let v = self.next_u64();
            if v <= zone {
                return v % n;
            }
        }
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// The seed of variant `index` (0 for A) of a paper whose seed is `paper_seed`.
pub fn variant_seed(paper_seed: u64, index: u32) -> u64 {
    Prng::new(paper_seed.wrapping_add((index as u64).wrapping_mul(GOLDEN))).next_u64()
}

/// `A`…`Z`, then `AA`, `AB`… (as spreadsheet columns).
pub fn variant_code(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push((b'A' + (n % 26) as u8) as char);
        n /= 26;
    }
    out.iter().rev().collect()
}

/// The letter of option position `i` (0 → `A`).
pub fn letter(i: usize) -> String {
    variant_code(i as u32)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub code: String,
    pub seed: u64,
    pub items: Vec<VariantItem>,
}

/// One question as a variant prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantItem {
    /// Its number on the paper (from 1).
    pub number: usize,
    pub question: QuestionId,
    /// Choice questions: the original index of the option printed at each
    /// place. Matching: the index (into [`matching_answers`]) of the answer
    /// printed at each place of the answer column. Other types: empty.
    pub order: Vec<usize>,
}

/// The distinct answers of a matching question, in their first order: the
/// answer column before shuffling.
pub fn matching_answers(pairs: &[MatchPair]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in pairs {
        if !out.contains(&p.answer) {
            out.push(p.answer.clone());
        }
    }
    out
}

/// A variant's answer key, keyed by question id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerKey {
    pub code: String,
    pub entries: BTreeMap<QuestionId, KeyEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    pub number: usize,
    pub answer: KeyAnswer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum KeyAnswer {
    /// The printed letters of the options with a positive weight, each with
    /// its weight, in letter order.
    Choice {
        right: Vec<(String, Decimal)>,
    },
    TrueFalse {
        correct: bool,
    },
    /// Per prompt (in the question's order, distractors left out) the
    /// printed letter of its answer.
    Matching {
        letters: Vec<String>,
    },
    ShortAnswer {
        accepted: Vec<(String, Decimal)>,
        case_sensitive: bool,
    },
    Numeric {
        accepted: Vec<(NumericAccept, Decimal)>,
    },
    /// Marked by hand, out of the question's points.
    Essay {
        max_points: Decimal,
    },
}

/// Makes variant `index` of a paper (its questions in paper order).
/// Refuses a paper whose question ids are empty or repeated.
pub fn make_variant(
    paper: &[Question],
    paper_seed: u64,
    index: u32,
) -> Result<(Variant, AnswerKey), Problem> {
    let mut seen = HashSet::new();
    for (i, q) in paper.iter().enumerate() {
        if q.id.0.is_empty() {
            return Err(Problem::field(
                format!("paper[{}].id", i + 1),
                "the question has no id (save it to the bank first)",
            ));
        }
        if !seen.insert(&q.id) {
            return Err(Problem::field(
                format!("paper[{}].id", i + 1),
                format!("the question {} is on the paper twice", q.id),
            ));
        }
    }
    let seed = variant_seed(paper_seed, index);
    let mut rng = Prng::new(seed);
    // Blocks: a question alone, or a stimulus's questions together.
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut block_of: BTreeMap<&StimulusId, usize> = BTreeMap::new();
    for (i, q) in paper.iter().enumerate() {
        match &q.stimulus {
            Some(s) => match block_of.get(s) {
                Some(&b) => blocks[b].push(i),
                None => {
                    block_of.insert(s, blocks.len());
                    blocks.push(vec![i]);
                }
            },
            None => blocks.push(vec![i]),
        }
    }
    rng.shuffle(&mut blocks);
    let code = variant_code(index);
    let mut items = Vec::new();
    let mut entries = BTreeMap::new();
    for qi in blocks.into_iter().flatten() {
        let q = &paper[qi];
        let number = items.len() + 1;
        let (order, answer) = match &q.body {
            Body::SingleChoice { options, shuffle }
            | Body::MultipleResponse { options, shuffle } => {
                let mut order: Vec<usize> = (0..options.len()).collect();
                if *shuffle {
                    let free: Vec<usize> =
                        (0..options.len()).filter(|&i| !options[i].pinned).collect();
                    let mut moved = free.clone();
                    rng.shuffle(&mut moved);
                    for (place, orig) in free.iter().zip(moved) {
                        order[*place] = orig;
                    }
                }
                let right = order
                    .iter()
                    .enumerate()
                    .filter(|(_, &o)| options[o].weight.is_positive())
                    .map(|(place, &o)| (letter(place), options[o].weight))
                    .collect();
                (order, KeyAnswer::Choice { right })
            }
            Body::Matching { pairs, shuffle } => {
                let column = matching_answers(pairs);
                let mut order: Vec<usize> = (0..column.len()).collect();
                if *shuffle {
                    rng.shuffle(&mut order);
                }
                let letters = pairs
                    .iter()
                    .filter(|p| !p.prompt.is_empty())
                    .map(|p| {
                        let idx = column
                            .iter()
                            .position(|a| a == &p.answer)
                            .expect("from the same pairs");
                        letter(order.iter().position(|&o| o == idx).expect("a permutation"))
                    })
                    .collect();
                (order, KeyAnswer::Matching { letters })
            }
            Body::TrueFalse { correct, .. } => {
                (Vec::new(), KeyAnswer::TrueFalse { correct: *correct })
            }
            Body::ShortAnswer {
                answers,
                case_sensitive,
            } => (
                Vec::new(),
                KeyAnswer::ShortAnswer {
                    accepted: answers
                        .iter()
                        .filter(|a| a.weight.is_positive())
                        .map(|a| (a.text.clone(), a.weight))
                        .collect(),
                    case_sensitive: *case_sensitive,
                },
            ),
            Body::Numeric { answers, .. } => (
                Vec::new(),
                KeyAnswer::Numeric {
                    accepted: answers
                        .iter()
                        .filter(|a| a.weight.is_positive())
                        .map(|a| (a.accept, a.weight))
                        .collect(),
                },
            ),
            Body::Essay { .. } => (
                Vec::new(),
                KeyAnswer::Essay {
                    max_points: q.meta.points,
                },
            ),
        };
        entries.insert(q.id.clone(), KeyEntry { number, answer });
        items.push(VariantItem {
            number,
            question: q.id.clone(),
            order,
        });
    }
    Ok((
        Variant {
            code: code.clone(),
            seed,
            items,
        },
        AnswerKey { code, entries },
    ))
}

/// Variants A, B, C… (`count` of them) of one paper.
pub fn make_variants(
    paper: &[Question],
    paper_seed: u64,
    count: u32,
) -> Result<Vec<(Variant, AnswerKey)>, Problem> {
    (0..count)
        .map(|i| make_variant(paper, paper_seed, i))
        .collect()
}
