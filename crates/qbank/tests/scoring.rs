//! Scoring answers and the distractor table on hand-computed cases
//! (issue 13, item 7).

use schooldesk_qbank::analysis::{analyse, distractors};
use schooldesk_qbank::scoring::*;
use schooldesk_qbank::variant::VariantItem;
use schooldesk_qbank::*;

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap()
}

fn opt(weight: &str) -> ChoiceOption {
    ChoiceOption {
        text: RichText::from_plain("x"),
        weight: d(weight),
        feedback: RichText::empty(),
        pinned: false,
    }
}

fn q(body: Body, points: &str) -> Question {
    let mut q = Question::new("q", RichText::from_plain("Soal"), body);
    q.id = QuestionId("q".into());
    q.meta.points = d(points);
    q
}

/// A variant that printed the options in `order` (bank indexes by place).
fn item(order: &[usize]) -> VariantItem {
    VariantItem {
        number: 1,
        question: QuestionId("q".into()),
        order: order.to_vec(),
    }
}

fn scored(q: &Question, it: &VariantItem, cell: &str, negative: bool) -> String {
    let a = read_answer(q, it, cell).unwrap();
    score(
        q,
        &a,
        Rules {
            negative_marking: negative,
        },
    )
    .to_string()
}

#[test]
fn decimal_products_and_quotients_round_half_away_from_zero() {
    assert_eq!(d("2.5").times(d("33.33333")).to_string(), "83.333325");
    assert_eq!(d("100").divided_by(3, 6).to_string(), "33.333333");
    assert_eq!(d("2").divided_by(3, 2).to_string(), "0.67");
    assert_eq!(d("0.125").divided_by(1, 2).to_string(), "0.13");
    assert_eq!(d("-0.125").divided_by(1, 2).to_string(), "-0.13");
    assert_eq!(d("-1").divided_by(3, 2).to_string(), "-0.33");
    assert_eq!(d("1.005").rounded(2).to_string(), "1.01");
    assert_eq!(d("-1.005").rounded(2).to_string(), "-1.01");
}

#[test]
fn single_choice_through_the_variant_letters_with_and_without_negative_marking() {
    // Bank: option 0 right, 1 half right (50 %), 2 wrong, 3 wrong with −25 %.
    let sc = q(
        Body::SingleChoice {
            options: vec![opt("100"), opt("50"), opt("0"), opt("-25")],
            shuffle: true,
        },
        "2",
    );
    // The variant printed bank options 2, 0, 3, 1 as A, B, C, D.
    let v = item(&[2, 0, 3, 1]);
    assert_eq!(read_answer(&sc, &v, "b").unwrap(), Answer::Options(vec![0]));
    assert_eq!(scored(&sc, &v, "B", false), "2");
    assert_eq!(scored(&sc, &v, "D", false), "1");
    assert_eq!(scored(&sc, &v, "A", false), "0");
    assert_eq!(scored(&sc, &v, "C", false), "0");
    assert_eq!(scored(&sc, &v, "", true), "0");
    // Negative marking: plain wrong costs P ÷ (4 − 1) = 0.67; the option
    // with its own −25 % costs 0.5.
    assert_eq!(scored(&sc, &v, "A", true), "-0.67");
    assert_eq!(scored(&sc, &v, "C", true), "-0.5");
    // Out of range and two letters are refused in words.
    let e = read_answer(&sc, &v, "E").unwrap_err();
    assert!(e.contains("E is not one of the letters A–D"), "{e}");
    let e = read_answer(&sc, &v, "AB").unwrap_err();
    assert!(e.contains("one letter"), "{e}");
}

#[test]
fn multiple_response_gives_partial_credit_and_marking_everything_earns_nothing() {
    // Right: 0 and 2 (50 % each); wrong: 1 and 3 (no own weight).
    let mr = q(
        Body::MultipleResponse {
            options: vec![opt("50"), opt("0"), opt("50"), opt("0")],
            shuffle: false,
        },
        "4",
    );
    let v = item(&[0, 1, 2, 3]);
    assert_eq!(scored(&mr, &v, "A,C", false), "4");
    assert_eq!(scored(&mr, &v, "A", false), "2");
    // A right and a wrong one: 50 − 50 = 0.
    assert_eq!(scored(&mr, &v, "AB", false), "0");
    assert_eq!(scored(&mr, &v, "ABCD", false), "0");
    // Two wrong ones: −100 %, kept at 0 … or −4 with negative marking.
    assert_eq!(scored(&mr, &v, "BD", false), "0");
    assert_eq!(scored(&mr, &v, "BD", true), "-4");
    // Three right options of 33.33333 %: two of them earn 2 × 33.33333 % of 3.
    let thirds = q(
        Body::MultipleResponse {
            options: vec![opt("33.33333"), opt("33.33333"), opt("33.33333"), opt("0")],
            shuffle: false,
        },
        "3",
    );
    assert_eq!(scored(&thirds, &v, "AB", false), "2");
    // One right and the wrong: 33.33333 − 33.333333 < 0 → 0.
    assert_eq!(scored(&thirds, &v, "AD", false), "0");
    let e = read_answer(&mr, &v, "AA").unwrap_err();
    assert!(e.contains("twice"), "{e}");
}

#[test]
fn true_false_matching_text_number_and_essay() {
    let tf = q(
        Body::TrueFalse {
            correct: false,
            feedback_true: RichText::empty(),
            feedback_false: RichText::empty(),
        },
        "1",
    );
    let none = item(&[]);
    assert_eq!(scored(&tf, &none, "B", false), "1");
    assert_eq!(scored(&tf, &none, "salah", false), "1");
    assert_eq!(scored(&tf, &none, "A", false), "0");
    assert_eq!(scored(&tf, &none, "Benar", true), "-1");
    assert!(read_answer(&tf, &none, "C").is_err());

    let pair = |p: &str, a: &str| MatchPair {
        prompt: RichText::from_plain(p),
        answer: a.into(),
    };
    // Three prompts, answers Jakarta / Bandung / Surabaya plus a distractor.
    let m = q(
        Body::Matching {
            pairs: vec![
                pair("DKI", "Jakarta"),
                pair("Jabar", "Bandung"),
                pair("Jatim", "Surabaya"),
                pair("", "Medan"),
            ],
            shuffle: true,
        },
        "3",
    );
    // Printed answer column: Medan, Surabaya, Jakarta, Bandung (A–D).
    let v = item(&[3, 2, 0, 1]);
    assert_eq!(scored(&m, &v, "CDB", false), "3");
    assert_eq!(scored(&m, &v, "C,A,B", false), "2");
    assert_eq!(scored(&m, &v, "C,-,-", false), "1");
    let e = read_answer(&m, &v, "CD").unwrap_err();
    assert!(e.contains("2 letters for 3 prompts"), "{e}");
    assert!(read_answer(&m, &v, "CDE").is_err());

    let sa = q(
        Body::ShortAnswer {
            answers: vec![
                TextAnswer {
                    text: "Ki Hajar Dewantara".into(),
                    weight: d("100"),
                    feedback: RichText::empty(),
                },
                TextAnswer {
                    text: "Dewantara".into(),
                    weight: d("50"),
                    feedback: RichText::empty(),
                },
            ],
            case_sensitive: false,
        },
        "2",
    );
    assert_eq!(scored(&sa, &none, "  ki hajar   DEWANTARA ", false), "2");
    assert_eq!(scored(&sa, &none, "dewantara", false), "1");
    assert_eq!(scored(&sa, &none, "Kartini", true), "0");

    let num = q(
        Body::Numeric {
            answers: vec![NumericAnswer {
                accept: NumericAccept::Tolerance {
                    value: d("3.14"),
                    tolerance: d("0.01"),
                },
                weight: d("100"),
                feedback: RichText::empty(),
            }],
            other_feedback: RichText::empty(),
        },
        "1",
    );
    assert_eq!(scored(&num, &none, "3,15", false), "1");
    assert_eq!(scored(&num, &none, "3.2", false), "0");
    assert!(read_answer(&num, &none, "tiga").is_err());

    let essay = q(
        Body::Essay {
            rubric: Vec::new(),
            grader_info: RichText::empty(),
            response_template: String::new(),
        },
        "10",
    );
    assert_eq!(scored(&essay, &none, "7,5", false), "7.5");
    let e = read_answer(&essay, &none, "11").unwrap_err();
    assert!(e.contains("outside 0..10"), "{e}");
    let e = read_answer(&essay, &none, "2.125").unwrap_err();
    assert!(e.contains("more than 2 decimals"), "{e}");
}

#[test]
fn distractor_table_by_hand() {
    // Five students answer one four-option question (right: option 1) and
    // a second right/wrong question; totals rank them 0, 1, 2, 3, 4.
    let scores: Vec<Vec<Decimal>> = [[1, 1], [1, 1], [1, 0], [0, 0], [0, 0]]
        .iter()
        .map(|r| r.iter().map(|&x| Decimal::from_int(x)).collect())
        .collect();
    let t = analyse(&[Decimal::from_int(1); 2], &scores).unwrap();
    assert_eq!((t.upper.clone(), t.lower.clone()), (vec![0], vec![4]));
    let chosen = vec![vec![1], vec![1], vec![1], vec![0], vec![]];
    let table = distractors(&[false, true, false, false], &chosen, &t.upper, &t.lower);
    assert_eq!(table.blank, 1);
    let line = |o: usize| {
        let c = &table.options[o];
        (c.chosen, c.upper, c.lower, c.works)
    };
    assert_eq!(line(1), (3, 1, 0, None));
    // Option 0: 1 of 5 (20 %) chose it: it works. Options 2 and 3: nobody.
    assert_eq!(line(0), (1, 0, 0, Some(true)));
    assert_eq!(line(2), (0, 0, 0, Some(false)));
}
