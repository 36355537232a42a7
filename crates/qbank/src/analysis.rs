//! Item analysis of a marked paper (issue 13, item 7's math; pure).
//!
//! Input: per student, per question, the points scored (exact decimals),
//! and each question's maximum. Statistics are ratios and correlations,
//! so they are computed in `f64` (grades themselves stay exact elsewhere).
//!
//! - Difficulty index `p` = the mean score ÷ the maximum (for a right /
//!   wrong question, the share who got it right).
//! - Discrimination `D` (upper–lower 27 %): students sorted by total score,
//!   highest first (ties keep their input order); `k = round(0.27 × N)`,
//!   at least 1; `D` = (mean score of the top `k` − mean of the bottom `k`)
//!   ÷ the maximum.
//! - Point-biserial: Pearson's correlation between the question's score and
//!   the total score (the total includes the question); `None` when either
//!   does not vary.
//! - KR-20 = k/(k−1) × (1 − Σ p·q ÷ σ²) for papers whose questions are all
//!   right/wrong (every score 0 or the question's maximum; σ² is then the
//!   variance of the number right); Cronbach's α = k/(k−1) × (1 −
//!   Σ σ²ᵢ ÷ σ²) for any paper. Variances divide by N (population), so α
//!   equals KR-20 on right/wrong papers of equal points. `None` with fewer than 2 questions
//!   or a total that does not vary.
//! - Indonesian categories: *sukar* p < 0.30, *sedang* 0.30 ≤ p ≤ 0.70,
//!   *mudah* p > 0.70; discrimination *negatif* D < 0 (drop the question),
//!   *jelek* D ≤ 0.20, *cukup* ≤ 0.40, *baik* ≤ 0.70, *baik sekali* above.
//! - Distractor table ([`distractors`]): per option of a choice question,
//!   how many chose it, in the upper and in the lower group; a wrong option
//!   *works* (*pengecoh berfungsi*) when at least 5 % of the students chose
//!   it.

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::model::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DifficultyBand {
    /// *Sukar*.
    Hard,
    /// *Sedang*.
    Medium,
    /// *Mudah*.
    Easy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscriminationBand {
    /// *Negatif*: weaker students do better; drop or rewrite the question.
    Negative,
    /// *Jelek*.
    Poor,
    /// *Cukup*.
    Fair,
    /// *Baik*.
    Good,
    /// *Baik sekali*.
    Excellent,
}

impl DifficultyBand {
    pub fn of(p: f64) -> DifficultyBand {
        if p < 0.30 {
            DifficultyBand::Hard
        } else if p <= 0.70 {
            DifficultyBand::Medium
        } else {
            DifficultyBand::Easy
        }
    }

    /// The word an Indonesian report uses.
    pub fn word_id(self) -> &'static str {
        match self {
            DifficultyBand::Hard => "sukar",
            DifficultyBand::Medium => "sedang",
            DifficultyBand::Easy => "mudah",
        }
    }
}

impl DiscriminationBand {
    pub fn of(d: f64) -> DiscriminationBand {
        if d < 0.0 {
            DiscriminationBand::Negative
        } else if d <= 0.20 {
            DiscriminationBand::Poor
        } else if d <= 0.40 {
            DiscriminationBand::Fair
        } else if d <= 0.70 {
            DiscriminationBand::Good
        } else {
            DiscriminationBand::Excellent
        }
    }

    pub fn word_id(self) -> &'static str {
        match self {
            DiscriminationBand::Negative => "negatif",
            DiscriminationBand::Poor => "jelek",
            DiscriminationBand::Fair => "cukup",
            DiscriminationBand::Good => "baik",
            DiscriminationBand::Excellent => "baik sekali",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemStats {
    pub p: f64,
    pub d: f64,
    pub point_biserial: Option<f64>,
    pub difficulty: DifficultyBand,
    pub discrimination: DiscriminationBand,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestStats {
    pub students: usize,
    /// The size of the upper and of the lower group.
    pub group_size: usize,
    pub items: Vec<ItemStats>,
    /// The students (input indexes) of the upper and of the lower group.
    pub upper: Vec<usize>,
    pub lower: Vec<usize>,
    pub kr20: Option<f64>,
    pub alpha: Option<f64>,
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn variance(xs: &[f64]) -> f64 {
    let m = mean(xs);
    xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64
}

fn correlation(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let (mx, my) = (mean(xs), mean(ys));
    let cov = xs
        .iter()
        .zip(ys)
        .map(|(x, y)| (x - mx) * (y - my))
        .sum::<f64>()
        / xs.len() as f64;
    let (vx, vy) = (variance(xs), variance(ys));
    if vx <= 0.0 || vy <= 0.0 {
        None
    } else {
        Some(cov / (vx.sqrt() * vy.sqrt()))
    }
}

/// Analyses a marked paper: `max[i]` is question `i`'s maximum, `scores[s][i]`
/// student `s`'s points on it. Refuses an empty paper, a row of the wrong
/// length, a maximum that is not positive, or a score outside 0..=max,
/// naming the row and column (from 1).
pub fn analyse(max: &[Decimal], scores: &[Vec<Decimal>]) -> Result<TestStats, Problem> {
    if max.is_empty() || scores.is_empty() {
        return Err(Problem::field(
            "scores",
            "no questions or no students to analyse",
        ));
    }
    for (i, m) in max.iter().enumerate() {
        if !m.is_positive() {
            return Err(Problem::field(
                format!("max[{}]", i + 1),
                format!("the maximum {m} is not more than 0"),
            ));
        }
    }
    for (s, row) in scores.iter().enumerate() {
        if row.len() != max.len() {
            return Err(Problem::field(
                format!("scores[{}]", s + 1),
                format!("{} scores for {} questions", row.len(), max.len()),
            ));
        }
        for (i, (x, m)) in row.iter().zip(max).enumerate() {
            if x.is_negative() || x > m {
                return Err(Problem::field(
                    format!("scores[{}][{}]", s + 1, i + 1),
                    format!("{x} is outside 0..{m}"),
                ));
            }
        }
    }
    let n = scores.len();
    let k_items = max.len();
    let maxf: Vec<f64> = max.iter().map(|m| m.to_f64()).collect();
    let rows: Vec<Vec<f64>> = scores
        .iter()
        .map(|r| r.iter().map(|x| x.to_f64()).collect())
        .collect();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by(|&a, &b| {
        totals[b]
            .partial_cmp(&totals[a])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let group = ((0.27 * n as f64).round() as usize).clamp(1, n);
    let upper = &ranked[..group];
    let lower = &ranked[n - group..];
    let mut items = Vec::with_capacity(k_items);
    let mut item_variances = 0.0;
    for i in 0..k_items {
        let col: Vec<f64> = rows.iter().map(|r| r[i]).collect();
        let p = mean(&col) / maxf[i];
        let up = upper.iter().map(|&s| rows[s][i]).sum::<f64>() / group as f64;
        let low = lower.iter().map(|&s| rows[s][i]).sum::<f64>() / group as f64;
        let d = (up - low) / maxf[i];
        item_variances += variance(&col);
        items.push(ItemStats {
            p,
            d,
            point_biserial: correlation(&col, &totals),
            difficulty: DifficultyBand::of(p),
            discrimination: DiscriminationBand::of(d),
        });
    }
    let total_var = variance(&totals);
    let kf = k_items as f64;
    let alpha = (k_items >= 2 && total_var > 0.0)
        .then(|| kf / (kf - 1.0) * (1.0 - item_variances / total_var));
    // Right/wrong: every score is 0 or the question's maximum. KR-20 then
    // counts right answers (each question 1), whatever the points.
    let dichotomous = scores
        .iter()
        .all(|row| row.iter().zip(max).all(|(x, m)| x.is_zero() || x == m));
    let counts: Vec<f64> = scores
        .iter()
        .map(|row| row.iter().filter(|x| !x.is_zero()).count() as f64)
        .collect();
    let count_var = variance(&counts);
    let kr20 = (dichotomous && k_items >= 2 && count_var > 0.0).then(|| {
        let pq: f64 = items.iter().map(|it| it.p * (1.0 - it.p)).sum();
        kf / (kf - 1.0) * (1.0 - pq / count_var)
    });
    Ok(TestStats {
        students: n,
        group_size: group,
        items,
        upper: upper.to_vec(),
        lower: lower.to_vec(),
        kr20,
        alpha,
    })
}

/// One option's line in a distractor table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionCount {
    /// The option's index in the bank (the same in every variant).
    pub option: usize,
    pub right: bool,
    pub chosen: usize,
    pub upper: usize,
    pub lower: usize,
    /// For a wrong option: chosen by at least 5 % of the students.
    pub works: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distractors {
    pub options: Vec<OptionCount>,
    /// Students who left the question blank.
    pub blank: usize,
}

/// The distractor table of one question: `right[o]` whether option `o` is
/// right, `chosen[s]` the options student `s` chose (empty: blank),
/// `upper` / `lower` the groups from [`analyse`].
pub fn distractors(
    right: &[bool],
    chosen: &[Vec<usize>],
    upper: &[usize],
    lower: &[usize],
) -> Distractors {
    let n = chosen.len();
    let count = |who: &mut dyn Iterator<Item = usize>, o: usize| {
        who.filter(|&s| chosen.get(s).is_some_and(|c| c.contains(&o)))
            .count()
    };
    let options = right
        .iter()
        .enumerate()
        .map(|(o, &is_right)| {
            let picked = count(&mut (0..n), o);
            OptionCount {
                option: o,
                right: is_right,
                chosen: picked,
                upper: count(&mut upper.iter().copied(), o),
                lower: count(&mut lower.iter().copied(), o),
                works: (!is_right).then_some(picked * 100 >= 5 * n),
            }
        })
        .collect();
    Distractors {
        options,
        blank: chosen.iter().filter(|c| c.is_empty()).count(),
    }
}
