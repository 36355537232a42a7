//! Item analysis on hand-computed cases (issue 13, item 7's math).

use schooldesk_qbank::analysis::*;
use schooldesk_qbank::Decimal;

fn rows(r: &[&[i64]]) -> Vec<Vec<Decimal>> {
    r.iter()
        .map(|row| row.iter().map(|&x| Decimal::from_int(x)).collect())
        .collect()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn right_wrong_paper_by_hand() {
    // Five students, three right/wrong questions; totals 3, 2, 2, 1, 0.
    let scores = rows(&[&[1, 1, 1], &[1, 1, 0], &[1, 0, 1], &[0, 1, 0], &[0, 0, 0]]);
    let max = vec![Decimal::from_int(1); 3];
    let t = analyse(&max, &scores).unwrap();
    // p: 3/5, 3/5, 2/5.
    close(t.items[0].p, 0.6);
    close(t.items[2].p, 0.4);
    // Total mean 1.6, variance (1.96+0.16+0.16+0.36+2.56)/5 = 1.04; Σpq = 0.72;
    // KR-20 = 3/2 × (1 − 0.72/1.04) = 6/13; α (item variances = pq) the same.
    close(t.kr20.unwrap(), 6.0 / 13.0);
    close(t.alpha.unwrap(), 6.0 / 13.0);
    // Point-biserial of question 1: cov 0.44 / (√0.24 × √1.04) = 0.880705…
    close(
        t.items[0].point_biserial.unwrap(),
        0.44 / (0.24f64.sqrt() * 1.04f64.sqrt()),
    );
    // Question 3: cov 0.36 / same = 0.720577…
    close(
        t.items[2].point_biserial.unwrap(),
        0.36 / (0.24f64.sqrt() * 1.04f64.sqrt()),
    );
    // 27 % of 5 rounds to 1: the top student (all right) against the bottom one (none).
    assert_eq!(t.group_size, 1);
    close(t.items[1].d, 1.0);
    assert_eq!(t.items[0].difficulty, DifficultyBand::Medium);
    assert_eq!(t.items[0].discrimination, DiscriminationBand::Excellent);
}

#[test]
fn essay_paper_by_hand() {
    // Four students, two questions out of 4 points.
    let scores = rows(&[&[4, 3], &[3, 3], &[2, 1], &[1, 1]]);
    let max = vec![Decimal::from_int(4); 2];
    let t = analyse(&max, &scores).unwrap();
    // p = 10/16 and 8/16.
    close(t.items[0].p, 0.625);
    close(t.items[1].p, 0.5);
    // Item variances 1.25 and 1; totals 7, 6, 3, 2: variance 4.25;
    // α = 2 × (1 − 2.25/4.25) = 16/17. Not right/wrong: no KR-20.
    close(t.alpha.unwrap(), 16.0 / 17.0);
    assert_eq!(t.kr20, None);
    // Group of round(1.08) = 1: D = (4 − 1)/4 and (3 − 1)/4.
    close(t.items[0].d, 0.75);
    close(t.items[1].d, 0.5);
    assert_eq!(t.items[1].discrimination, DiscriminationBand::Good);
}

#[test]
fn bands_at_their_edges() {
    assert_eq!(DifficultyBand::of(0.29).word_id(), "sukar");
    assert_eq!(DifficultyBand::of(0.30).word_id(), "sedang");
    assert_eq!(DifficultyBand::of(0.70).word_id(), "sedang");
    assert_eq!(DifficultyBand::of(0.71).word_id(), "mudah");
    assert_eq!(DiscriminationBand::of(-0.1).word_id(), "negatif");
    assert_eq!(DiscriminationBand::of(0.0).word_id(), "jelek");
    assert_eq!(DiscriminationBand::of(0.20).word_id(), "jelek");
    assert_eq!(DiscriminationBand::of(0.21).word_id(), "cukup");
    assert_eq!(DiscriminationBand::of(0.40).word_id(), "cukup");
    assert_eq!(DiscriminationBand::of(0.70).word_id(), "baik");
    assert_eq!(DiscriminationBand::of(0.71).word_id(), "baik sekali");
}

#[test]
fn a_weak_question_shows_negative_discrimination_and_no_variance_gives_none() {
    // Question 2 is answered right only by the weakest students.
    let scores = rows(&[&[1, 0, 1], &[1, 0, 1], &[1, 0, 0], &[0, 1, 0], &[0, 1, 0]]);
    let t = analyse(&[Decimal::from_int(1); 3], &scores).unwrap();
    assert!(t.items[1].d < 0.0);
    assert_eq!(t.items[1].discrimination, DiscriminationBand::Negative);
    assert!(t.items[1].point_biserial.unwrap() < 0.0);
    // Everyone the same: nothing to correlate, no reliability.
    let flat = analyse(&[Decimal::from_int(1); 2], &rows(&[&[1, 1], &[1, 1]])).unwrap();
    assert_eq!(
        (flat.alpha, flat.kr20, flat.items[0].point_biserial),
        (None, None, None)
    );
}

#[test]
fn bad_input_names_the_cell() {
    let max = vec![Decimal::from_int(1); 2];
    assert_eq!(
        analyse(&max, &rows(&[&[1, 0], &[1]]))
            .unwrap_err()
            .to_string(),
        "scores[2]: 1 scores for 2 questions"
    );
    assert_eq!(
        analyse(&max, &rows(&[&[1, 2]])).unwrap_err().to_string(),
        "scores[1][2]: 2 is outside 0..1"
    );
    assert_eq!(
        analyse(&[Decimal::ZERO], &rows(&[&[0]]))
            .unwrap_err()
            .to_string(),
        "max[1]: the maximum 0 is not more than 0"
    );
    assert!(analyse(&max, &[]).is_err());
}
