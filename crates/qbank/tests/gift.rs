//! GIFT import and export (issue 13, item 3), on fixtures written to the
//! published format.

use schooldesk_qbank::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap()
}

fn plain(s: &str) -> RichText {
    RichText::from_plain(s)
}

fn by_name<'a>(bank: &'a Bank, name: &str) -> &'a Question {
    bank.questions
        .iter()
        .find(|q| q.name == name)
        .unwrap_or_else(|| panic!("no question {name}"))
}

#[test]
fn reads_every_type_and_corner() {
    let import = gift::import(&fixture("all-types.gift"));
    assert_eq!(import.problems, vec![], "no problems expected");
    let bank = &import.bank;
    assert_eq!(bank.questions.len(), 16);
    let counts = bank.count_by_type();
    assert_eq!(counts[&QuestionType::SingleChoice], 4);
    assert_eq!(counts[&QuestionType::MultipleResponse], 1);
    assert_eq!(counts[&QuestionType::TrueFalse], 4);
    assert_eq!(counts[&QuestionType::ShortAnswer], 2);
    assert_eq!(counts[&QuestionType::Numeric], 3);
    assert_eq!(counts[&QuestionType::Matching], 1);
    assert_eq!(counts[&QuestionType::Essay], 1);

    let q = by_name(bank, "PG ibu kota");
    assert_eq!(
        q.category.as_deref(),
        Some("$course$/top/Matematika/Kelas 7")
    );
    assert_eq!(q.stem, plain("Ibu kota Indonesia adalah ..."));
    let Body::SingleChoice {
        options,
        shuffle: true,
    } = &q.body
    else {
        panic!("{:?}", q.body)
    };
    assert_eq!(options.len(), 4);
    assert_eq!(options[0].text, plain("Jakarta"));
    assert_eq!(options[0].weight, d("100"));
    assert_eq!(options[0].feedback, plain("Benar, Jakarta."));
    assert_eq!(options[1].weight, d("0"));
    assert_eq!(options[2].feedback, RichText::empty());

    // Escapes in the title, the stem (over two lines) and the options.
    let q = by_name(bank, "Rasio : skala");
    assert_eq!(
        q.stem,
        plain("Perbandingan 1:2 ditulis dengan tanda {titik dua}\ndan dibaca \"satu banding dua\". Manakah yang = 0,5?")
    );
    let Body::SingleChoice { options, .. } = &q.body else {
        panic!()
    };
    assert_eq!(options[0].text, plain("2:1"));
    assert_eq!(options[1].text, plain("1:2"));
    assert_eq!(options[1].feedback, plain("Ya#benar"));
    assert_eq!(options[2].text, plain("1 ~ 2"));

    let q = by_name(bank, "PG kompleks");
    let Body::MultipleResponse { options, .. } = &q.body else {
        panic!()
    };
    let weights: Vec<String> = options.iter().map(|o| o.weight.to_string()).collect();
    assert_eq!(weights, ["33.33333", "33.33333", "33.33334", "-100", "-50"]);
    assert_eq!(options[3].feedback, plain("Empat bukan prima."));

    let Body::TrueFalse { correct: true, .. } = &by_name(bank, "BS").body else {
        panic!()
    };
    let Body::TrueFalse {
        correct: false,
        feedback_true,
        feedback_false,
    } = &by_name(bank, "BS salah").body
    else {
        panic!()
    };
    // {FALSE#wrong#right}: picking "true" is wrong.
    assert_eq!(feedback_true, &plain("Salah pilih."));
    assert_eq!(feedback_false, &plain("Betul, bulan bukan bintang."));

    let q = by_name(bank, "Isian");
    assert_eq!(
        q.stem,
        plain("Ibu kota Jawa Barat adalah _____."),
        "missing-word format"
    );
    let Body::ShortAnswer {
        answers,
        case_sensitive: false,
    } = &q.body
    else {
        panic!()
    };
    let got: Vec<(&str, String)> = answers
        .iter()
        .map(|a| (a.text.as_str(), a.weight.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("Bandung", "100".to_string()),
            ("Bdg", "50".to_string()),
            ("kota bandung", "100".to_string())
        ]
    );
    assert_eq!(answers[1].feedback, plain("Hampir: tulis lengkap."));

    let Body::Numeric { answers, .. } = &by_name(bank, "Numerik").body else {
        panic!()
    };
    assert_eq!(
        answers[0].accept,
        NumericAccept::Tolerance {
            value: d("3.14"),
            tolerance: d("0.01")
        }
    );
    let Body::Numeric { answers, .. } = &by_name(bank, "Rentang").body else {
        panic!()
    };
    assert_eq!(
        answers[0].accept,
        NumericAccept::Range {
            min: d("1"),
            max: d("2")
        }
    );
    assert!(answers[0].accept.accepts(d("1.5")) && !answers[0].accept.accepts(d("2.01")));
    let Body::Numeric {
        answers,
        other_feedback,
    } = &by_name(bank, "Numerik banyak").body
    else {
        panic!()
    };
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[1].weight, d("50"));
    assert_eq!(
        answers[1].accept,
        NumericAccept::Tolerance {
            value: d("1945"),
            tolerance: d("2")
        }
    );
    assert_eq!(answers[1].feedback, plain("Hampir."));
    assert_eq!(other_feedback, &plain("Pelajari lagi."));

    let q = by_name(bank, "Jodohkan");
    let Body::Matching { pairs, .. } = &q.body else {
        panic!()
    };
    assert_eq!(pairs.len(), 4);
    assert_eq!(pairs[1].prompt, plain("Malaysia"));
    assert_eq!(pairs[1].answer, "Kuala Lumpur");
    assert_eq!(pairs[3].prompt, RichText::empty(), "a distractor answer");
    assert_eq!(q.general_feedback, plain("Ibu kota ASEAN."));

    let Body::Essay { rubric, .. } = &by_name(bank, "Uraian").body else {
        panic!()
    };
    assert!(rubric.is_empty());

    let q = by_name(bank, "HTML");
    let bold = Style {
        bold: true,
        ..Style::PLAIN
    };
    let sub = Style {
        script: Script::Sub,
        ..Style::PLAIN
    };
    assert_eq!(
        q.stem,
        RichText::paragraph(vec![
            Inline::text("Rumus air adalah H"),
            Inline::styled("2", sub),
            Inline::text("O dan "),
            Inline::styled("bukan", bold),
            Inline::text(" "),
            Inline::Math {
                latex: "H_2O_2".into()
            },
            Inline::text("."),
        ])
    );
    let Body::SingleChoice { options, .. } = &q.body else {
        panic!()
    };
    assert_eq!(
        options[0].text,
        RichText::paragraph(vec![Inline::styled(
            "benar",
            Style {
                italic: true,
                ..Style::PLAIN
            }
        )])
    );

    let q = by_name(bank, "Markdown");
    assert_eq!(
        q.stem,
        RichText::paragraph(vec![
            Inline::text("Teks "),
            Inline::styled("tebal", bold),
            Inline::text(" dan "),
            Inline::styled(
                "miring",
                Style {
                    italic: true,
                    ..Style::PLAIN
                }
            ),
            Inline::text("."),
        ])
    );
    assert_eq!(by_name(bank, "Plain").stem, plain("<b> tetap teks </b>"));

    // The description becomes the stimulus of the questions after it.
    assert_eq!(bank.stimuli.len(), 1);
    let s = &bank.stimuli[0];
    assert_eq!(s.title, "Bacaan");
    assert_eq!(
        s.content,
        plain("Bacalah teks berikut.\n\nAni pergi ke pasar membeli sayur.")
    );
    for name in ["Bacaan 1", "Bacaan 2"] {
        let q = by_name(bank, name);
        assert_eq!(q.stimulus.as_ref(), Some(&s.id), "{name}");
        assert_eq!(q.category.as_deref(), Some("$course$/top/Bahasa Indonesia"));
    }
    assert_eq!(by_name(bank, "Plain").stimulus, None);
}

#[test]
fn each_bad_question_is_reported_with_its_line_and_the_rest_imported() {
    let import = gift::import(&fixture("broken.gift"));
    let names: Vec<&str> = import
        .bank
        .questions
        .iter()
        .map(|q| q.name.as_str())
        .collect();
    assert_eq!(names, ["Good 1", "Good 2"]);
    let lines: Vec<(usize, &str)> = import
        .problems
        .iter()
        .map(|p| match &p.place {
            Place::Line { line } => (*line, p.message.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    let expect = [
        (4, "never closed"),
        (6, "closes no {"),
        (8, "no option is marked right"),
        (12, "not a number"),
        (14, "\"abc\" is not a number"),
        (16, "has no ->"),
        (18, "the same option as options[1]"),
    ];
    assert_eq!(lines.len(), expect.len(), "{:#?}", import.problems);
    for ((line, msg), (want_line, want)) in lines.iter().zip(expect) {
        assert_eq!(*line, want_line, "{msg}");
        assert!(
            msg.contains(want),
            "line {line}: {msg:?} should say {want:?}"
        );
        assert!(msg.ends_with("the question was left out"), "{msg}");
    }
    // Display names the line.
    assert!(import.problems[0].to_string().starts_with("line 4: "));
}

/// A question written on the line after `$CATEGORY:`, without a blank
/// line between, is a question of that category — never swallowed into the
/// category's name — and a broken one there is named by its own line.
#[test]
fn a_question_right_under_its_category_is_read() {
    let text = "// bank\n$CATEGORY: Matematika/Geometri\n::Siku::Sudut siku-siku besarnya {=90° ~45°}\n\n$CATEGORY: IPA\n\n::Air::Air mendidih pada {=100 ~50} derajat\n\n$CATEGORY: IPS\n// a comment\n::Rusak::Ibu kota {=Jakarta\n";
    let import = gift::import(text);
    let got: Vec<(&str, Option<&str>)> = import
        .bank
        .questions
        .iter()
        .map(|q| (q.name.as_str(), q.category.as_deref()))
        .collect();
    assert_eq!(
        got,
        [("Siku", Some("Matematika/Geometri")), ("Air", Some("IPA"))]
    );
    assert_eq!(import.problems.len(), 1, "{:#?}", import.problems);
    assert!(
        import.problems[0].to_string().starts_with("line 11: "),
        "{}",
        import.problems[0]
    );
}

#[test]
fn round_trip_import_export_import_is_the_same() {
    let first = gift::import(&fixture("all-types.gift"));
    let out = gift::export(&first.bank);
    let second = gift::import(&out.text);
    assert_eq!(second.problems, vec![], "{}", out.text);
    assert_eq!(second.bank, first.bank, "{}", out.text);
    // And once more: the writer is stable.
    assert_eq!(gift::export(&second.bank).text, out.text);
}

#[test]
fn export_writes_moodles_notation() {
    let mut q = Question::new(
        "a:b",
        RichText::from_plain("Pick {one} = #1 ~ ok"),
        Body::MultipleResponse {
            options: vec![
                ChoiceOption {
                    text: plain("x"),
                    weight: d("50"),
                    feedback: RichText::empty(),
                    pinned: false,
                },
                ChoiceOption {
                    text: plain("y"),
                    weight: d("50"),
                    feedback: plain("ya"),
                    pinned: true,
                },
                ChoiceOption {
                    text: plain("z"),
                    weight: d("-100"),
                    feedback: RichText::empty(),
                    pinned: false,
                },
            ],
            shuffle: true,
        },
    );
    q.meta.points = d("2");
    let bank = Bank {
        questions: vec![q],
        ..Bank::default()
    };
    let out = gift::export(&bank);
    assert_eq!(
        out.text,
        "::a\\:b::Pick \\{one\\} \\= \\#1 \\~ ok {\n\t~%50%x\n\t~%50%y#ya\n\t~%-100%z\n}\n\n"
    );
    let notes: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("pin")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("metadata")), "{notes:?}");
}

#[test]
fn format_is_detected_from_the_content() {
    assert_eq!(detect_format(&fixture("all-types.gift")), Format::Gift);
    assert_eq!(detect_format(&fixture("basic.aiken")), Format::Aiken);
    assert_eq!(
        detect_format("<?xml version=\"1.0\"?><quiz/>"),
        Format::MoodleXml
    );
}
