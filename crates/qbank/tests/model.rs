//! The question model and its validation (issue 13, item 1).

use schooldesk_qbank::*;

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap()
}

fn opt(text: &str, weight: &str) -> ChoiceOption {
    ChoiceOption {
        text: RichText::from_plain(text),
        weight: d(weight),
        feedback: RichText::empty(),
        pinned: false,
    }
}

fn problems(q: &Question) -> Vec<String> {
    q.validate().iter().map(|p| p.to_string()).collect()
}

fn choice(options: Vec<ChoiceOption>) -> Question {
    Question::new(
        "t",
        RichText::from_plain("Stem"),
        Body::SingleChoice {
            options,
            shuffle: true,
        },
    )
}

#[test]
fn a_good_question_of_each_type_validates() {
    let bodies = vec![
        Body::SingleChoice {
            options: vec![opt("a", "100"), opt("b", "0")],
            shuffle: true,
        },
        Body::MultipleResponse {
            options: vec![
                opt("a", "33.33333"),
                opt("b", "33.33333"),
                opt("c", "33.33333"),
                opt("d", "-100"),
            ],
            shuffle: true,
        },
        Body::TrueFalse {
            correct: true,
            feedback_true: RichText::empty(),
            feedback_false: RichText::empty(),
        },
        Body::Matching {
            pairs: vec![
                MatchPair {
                    prompt: RichText::from_plain("x"),
                    answer: "1".into(),
                },
                MatchPair {
                    prompt: RichText::from_plain("y"),
                    answer: "2".into(),
                },
            ],
            shuffle: true,
        },
        Body::ShortAnswer {
            answers: vec![TextAnswer {
                text: "Na".into(),
                weight: d("100"),
                feedback: RichText::empty(),
            }],
            case_sensitive: true,
        },
        Body::Numeric {
            answers: vec![NumericAnswer {
                accept: NumericAccept::Range {
                    min: d("1"),
                    max: d("2"),
                },
                weight: d("100"),
                feedback: RichText::empty(),
            }],
            other_feedback: RichText::empty(),
        },
        Body::Essay {
            rubric: vec![
                RubricCriterion {
                    description: "idea".into(),
                    points: d("6"),
                },
                RubricCriterion {
                    description: "language".into(),
                    points: d("4"),
                },
            ],
            grader_info: RichText::empty(),
            response_template: String::new(),
        },
    ];
    for body in bodies {
        let t = body.question_type();
        let mut q = Question::new("t", RichText::from_plain("Stem"), body);
        if t == QuestionType::Essay {
            q.meta.points = d("10");
        }
        assert_eq!(problems(&q), Vec::<String>::new(), "{t:?}");
    }
}

#[test]
fn single_choice_problems_name_the_field() {
    assert_eq!(
        problems(&choice(vec![opt("a", "0"), opt("b", "0")])),
        ["options: no option is marked right (100 %)"]
    );
    assert_eq!(
        problems(&choice(vec![opt("a", "100"), opt("b", "100")])),
        ["options: 2 options are marked right; a single-choice question has one (make it multiple response)"]
    );
    assert_eq!(
        problems(&choice(vec![opt("a", "100")])),
        ["options: a choice question needs at least 2 options, not 1"]
    );
    assert_eq!(
        problems(&choice(vec![
            opt("Jakarta", "100"),
            opt("Bandung", "0"),
            opt("jakarta", "0")
        ])),
        ["options[3].text: the same option as options[1]"]
    );
    assert_eq!(
        problems(&choice(vec![opt("a", "100"), opt("", "0")])),
        ["options[2].text: the option is empty"]
    );
    assert_eq!(
        problems(&choice(vec![opt("a", "100"), opt("b", "150")])),
        ["options[2].weight: the weight 150 % is outside -100..100 %"]
    );
    let mut q = choice(vec![opt("a", "100"), opt("b", "0")]);
    q.stem = RichText::empty();
    q.meta.points = d("0");
    q.meta.grade_level = Some(13);
    assert_eq!(
        problems(&q),
        [
            "stem: the question has no text",
            "meta.points: points must be more than 0, not 0",
            "meta.grade_level: grade level 13 is not between 1 and 12"
        ]
    );
}

#[test]
fn weights_that_do_not_add_up() {
    let q = |ws: &[&str]| {
        let options = ws
            .iter()
            .enumerate()
            .map(|(i, w)| opt(&format!("o{i}"), w))
            .collect();
        Question::new(
            "t",
            RichText::from_plain("Stem"),
            Body::MultipleResponse {
                options,
                shuffle: true,
            },
        )
    };
    assert_eq!(
        problems(&q(&["50", "40", "0"])),
        ["options: the weights of the right options add up to 90 %, not 100 %"]
    );
    assert_eq!(
        problems(&q(&["0", "-50"])),
        ["options: no option is marked right"]
    );
    // Thirds as files write them add up (within 0.0001 %).
    assert!(problems(&q(&["33.33333", "33.33333", "33.33333"])).is_empty());
    assert!(problems(&q(&[
        "16.66667", "16.66667", "16.66667", "16.66667", "16.66667", "16.66667"
    ]))
    .is_empty());
    assert!(!problems(&q(&["33.3", "33.3", "33.3"])).is_empty());
}

#[test]
fn other_types_problems_name_the_field() {
    let sa = Question::new(
        "t",
        RichText::from_plain("S"),
        Body::ShortAnswer {
            answers: vec![
                TextAnswer {
                    text: "Na".into(),
                    weight: d("50"),
                    feedback: RichText::empty(),
                },
                TextAnswer {
                    text: "NA".into(),
                    weight: d("50"),
                    feedback: RichText::empty(),
                },
            ],
            case_sensitive: false,
        },
    );
    assert_eq!(
        problems(&sa),
        [
            "answers[2].text: the same answer as answers[1]",
            "answers: no answer is fully right (100 %)"
        ]
    );
    let num = Question::new(
        "t",
        RichText::from_plain("S"),
        Body::Numeric {
            answers: vec![
                NumericAnswer {
                    accept: NumericAccept::Range {
                        min: d("3"),
                        max: d("2"),
                    },
                    weight: d("100"),
                    feedback: RichText::empty(),
                },
                NumericAnswer {
                    accept: NumericAccept::Tolerance {
                        value: d("1"),
                        tolerance: d("-1"),
                    },
                    weight: d("50"),
                    feedback: RichText::empty(),
                },
            ],
            other_feedback: RichText::empty(),
        },
    );
    assert_eq!(
        problems(&num),
        [
            "answers[1].range: the range starts at 3, after its end 2",
            "answers[2].tolerance: the tolerance is negative"
        ]
    );
    let m = Question::new(
        "t",
        RichText::from_plain("S"),
        Body::Matching {
            pairs: vec![
                MatchPair {
                    prompt: RichText::from_plain("x"),
                    answer: "1".into(),
                },
                MatchPair {
                    prompt: RichText::from_plain("x"),
                    answer: "".into(),
                },
            ],
            shuffle: true,
        },
    );
    assert_eq!(
        problems(&m),
        [
            "pairs[2].prompt: the same prompt as pairs[1]",
            "pairs[2].answer: the answer is empty"
        ]
    );
    let mut e = Question::new(
        "t",
        RichText::from_plain("S"),
        Body::Essay {
            rubric: vec![RubricCriterion {
                description: "idea".into(),
                points: d("3"),
            }],
            grader_info: RichText::empty(),
            response_template: String::new(),
        },
    );
    e.meta.points = d("5");
    assert_eq!(
        problems(&e),
        ["rubric: the criteria add up to 3 points, the question is worth 5"]
    );
}

#[test]
fn bank_checks_stimuli_and_images() {
    let mut bank = Bank::default();
    let mut q = choice(vec![opt("a", "100"), opt("b", "0")]);
    q.stimulus = Some(StimulusId("s9".into()));
    q.stem = RichText::paragraph(vec![Inline::Image {
        image: ImageRef {
            key: "nope".into(),
            alt: "peta".into(),
        },
    }]);
    bank.questions.push(q);
    let got: Vec<String> = bank.validate().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        got,
        [
            "questions[1].stimulus: no stimulus \"s9\" in the bank",
            "questions[1].images: the image \"peta\" has no bytes in the bank"
        ]
    );
    assert_eq!(bank.add_image("x.png", b"not an image".to_vec()), None);
    let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
    let key = bank.add_image("x.png", png.clone()).unwrap();
    assert_eq!(
        bank.add_image("y.png", png).unwrap(),
        key,
        "stored once per content"
    );
    assert_eq!(bank.images.len(), 1);
}

#[test]
fn review_status_and_versions() {
    use Status::*;
    assert!(Draft.can_move_to(Reviewed));
    assert!(Reviewed.can_move_to(Approved));
    assert!(!Draft.can_move_to(Approved), "no skipping review");
    assert!(Approved.can_move_to(Draft));
    assert!(!Approved.can_move_to(Approved));

    let mut q = choice(vec![opt("a", "100"), opt("b", "0")]);
    assert!(!q.edit(|q| q.name = "draft edit".into()));
    assert_eq!(q.meta.version, 1);
    q.meta.status = Approved;
    let printed = q.clone();
    assert!(
        q.edit(|q| q.stem = RichText::from_plain("changed")),
        "an approved question gets a new version"
    );
    assert_eq!((q.meta.version, q.meta.status), (2, Draft));
    assert_eq!(
        printed.meta.version, 1,
        "the printed version is kept by the caller unchanged"
    );
}

#[test]
fn questions_serialise_as_tagged_json_and_back() {
    let mut q = choice(vec![opt("a", "33.33333"), opt("b", "100")]);
    q.meta.cognitive = Some(Cognitive::C4);
    q.meta.level = Some(ThinkingLevel::L3);
    let json = serde_json::to_string(&q).unwrap();
    assert!(json.contains("\"type\":\"single_choice\""), "{json}");
    assert!(
        json.contains("\"weight\":\"33.33333\""),
        "exact decimals as text: {json}"
    );
    assert!(json.contains("\"cognitive\":\"C4\""), "{json}");
    let back: Question = serde_json::from_str(&json).unwrap();
    assert_eq!(back, q);
    let bad = json.replace("33.33333", "a third");
    assert!(serde_json::from_str::<Question>(&bad)
        .unwrap_err()
        .to_string()
        .contains("not a decimal number"));
}
