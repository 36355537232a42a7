//! Moodle XML import and export (issue 13, item 3).

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
fn reads_every_type_with_images_feedback_and_categories() {
    let import = moodle_xml::import(&fixture("all-types.moodle.xml"));
    assert_eq!(import.problems, vec![]);
    let bank = &import.bank;
    let names: Vec<&str> = bank.questions.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "PG gambar",
            "PG kompleks",
            "BS",
            "Isian",
            "Numerik",
            "Jodohkan",
            "Uraian"
        ]
    );
    assert!(bank
        .questions
        .iter()
        .all(|q| q.category.as_deref() == Some("$course$/top/IPA")));

    // Two different images, embedded, stored by content.
    assert_eq!(bank.images.len(), 2);
    let q = by_name(bank, "PG gambar");
    let imgs = q.stem.images();
    assert_eq!(imgs.len(), 1);
    assert_eq!(imgs[0].alt, "kotak merah");
    let stored = &bank.images[&imgs[0].key];
    assert_eq!(stored.name, "merah kecil.png");
    assert_eq!(stored.mime, "image/png");
    assert_eq!(imgs[0].key, image_key(&stored.bytes));
    assert_eq!(q.meta.points, d("2"));
    assert_eq!(q.meta.tags, ["warna", "kelas 4"]);
    assert_eq!(
        q.general_feedback,
        RichText::paragraph(vec![
            Inline::text("Lihat "),
            Inline::styled(
                "warna",
                Style {
                    italic: true,
                    ..Style::PLAIN
                }
            ),
            Inline::text(" primer."),
        ])
    );
    let Body::SingleChoice {
        options,
        shuffle: false,
    } = &q.body
    else {
        panic!("{:?}", q.body)
    };
    assert_eq!(options[0].text, plain("merah"));
    assert_eq!(options[0].feedback, plain("Ya."));
    assert_eq!(options[1].text.images().len(), 1);
    assert_eq!(
        options[2].text,
        plain("hijau & kuning"),
        "plain_text format"
    );
    assert_eq!(options[2].weight, d("-25"));

    let q = by_name(bank, "PG kompleks");
    let Body::MultipleResponse {
        options,
        shuffle: true,
    } = &q.body
    else {
        panic!()
    };
    assert_eq!(
        options
            .iter()
            .map(|o| o.weight.to_string())
            .collect::<Vec<_>>(),
        ["33.33333", "33.33333", "33.33333", "-100"]
    );
    assert!(matches!(q.stem.0[1], Block::List { ordered: false, .. }));

    let q = by_name(bank, "BS");
    assert_eq!(
        q.stem,
        plain("Air mendidih pada 100 °C\ndi permukaan laut."),
        "moodle_auto_format keeps the line break"
    );
    assert_eq!(
        q.body,
        Body::TrueFalse {
            correct: true,
            feedback_true: plain("Benar."),
            feedback_false: plain("Coba lagi.")
        }
    );

    let Body::ShortAnswer {
        answers,
        case_sensitive: true,
    } = &by_name(bank, "Isian").body
    else {
        panic!()
    };
    assert_eq!(answers[1].text, "na");
    assert_eq!(answers[1].weight, d("50"));

    let q = by_name(bank, "Numerik");
    let Body::Numeric {
        answers,
        other_feedback,
    } = &q.body
    else {
        panic!()
    };
    assert_eq!(answers.len(), 1);
    assert_eq!(
        answers[0].accept,
        NumericAccept::Tolerance {
            value: d("1.41"),
            tolerance: d("0.005")
        }
    );
    assert_eq!(other_feedback, &plain("Gunakan kalkulator."));
    assert_eq!(
        q.stem.0[1],
        Block::Math {
            latex: "x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}".into()
        }
    );
    let Block::Paragraph { inlines } = &q.stem.0[0] else {
        panic!()
    };
    assert_eq!(
        inlines[1],
        Inline::Math {
            latex: "\\sqrt{2}".into()
        }
    );

    let Body::Matching { pairs, .. } = &by_name(bank, "Jodohkan").body else {
        panic!()
    };
    assert_eq!(pairs.len(), 3);
    assert_eq!(
        (
            pairs[1].prompt.to_plain().as_str(),
            pairs[1].answer.as_str()
        ),
        ("kucing", "ikan")
    );
    assert!(pairs[2].prompt.is_empty());

    let q = by_name(bank, "Uraian");
    assert_eq!(q.meta.points, d("10"));
    let Body::Essay {
        grader_info,
        response_template,
        ..
    } = &q.body
    else {
        panic!()
    };
    assert_eq!(grader_info.to_plain(), "Skor penuh bila menyebut dua kota.");
    assert_eq!(response_template, "Jawaban:");
    // The description before it is its stimulus: a table.
    assert_eq!(bank.stimuli.len(), 1);
    assert_eq!(q.stimulus.as_ref(), Some(&bank.stimuli[0].id));
    assert!(
        matches!(&bank.stimuli[0].content.0[0], Block::Table { rows } if rows.len() == 2 && rows[0].len() == 2)
    );
    assert_eq!(by_name(bank, "Jodohkan").stimulus, None);
    assert_eq!(bank.validate(), vec![]);
}

#[test]
fn unknown_types_and_bad_files_are_reported_by_element_and_line() {
    let import = moodle_xml::import(&fixture("broken.moodle.xml"));
    let names: Vec<&str> = import
        .bank
        .questions
        .iter()
        .map(|q| q.name.as_str())
        .collect();
    assert_eq!(names, ["Baik", "Gambar rusak"], "{:#?}", import.problems);
    let got: Vec<(String, usize, &str)> = import
        .problems
        .iter()
        .map(|p| match &p.place {
            Place::Element { path, line } => (path.clone(), *line, p.message.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    let expect = [
        ("quiz/question[2]", 9, "\"calculated\" is not supported"),
        ("quiz/question[3]/questiontext/file[1]", 17, "not an image"),
        ("quiz/question[3]/questiontext", 15, "has no <file>"),
        ("quiz/question[4]", 23, "no option is marked right"),
        (
            "quiz/question[5]",
            30,
            "answer[1]: \"tiga\" is not a number",
        ),
        ("quiz/question[6]", 35, "no type attribute"),
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for ((path, line, msg), (wp, wl, wm)) in got.iter().zip(expect) {
        assert_eq!((path.as_str(), *line), (wp, wl), "{msg}");
        assert!(msg.contains(wm), "{msg:?} should say {wm:?}");
    }
    assert_eq!(
        import.problems[0].to_string().split(':').next().unwrap(),
        "quiz/question[2] (line 9)"
    );
}

#[test]
fn not_xml_or_not_a_quiz_is_one_problem() {
    let import =
        moodle_xml::import("<?xml version=\"1.0\"?>\n<quiz>\n<question type=\"essay\">\n</quiz>");
    assert!(import.bank.questions.is_empty());
    assert_eq!(import.problems.len(), 1);
    assert!(
        matches!(import.problems[0].place, Place::Line { line: 4 }),
        "{:?}",
        import.problems
    );
    let import = moodle_xml::import("<?xml version=\"1.0\"?><questestinterop/>");
    assert!(import.problems[0].message.contains("not <quiz>"));
}

#[test]
fn round_trip_import_export_import_is_the_same() {
    let first = moodle_xml::import(&fixture("all-types.moodle.xml"));
    let out = moodle_xml::export(&first.bank);
    let second = moodle_xml::import(&out.text);
    assert_eq!(second.problems, vec![], "{}", out.text);
    assert_eq!(second.bank, first.bank, "{}", out.text);
    assert_eq!(moodle_xml::export(&second.bank).text, out.text);
}

#[test]
fn gift_questions_survive_moodle_xml() {
    // GIFT → Moodle XML → back: the same questions (ranges become value ± tolerance).
    let gift = gift::import(&fixture("all-types.gift"));
    let out = moodle_xml::export(&gift.bank);
    let back = moodle_xml::import(&out.text);
    assert_eq!(back.problems, vec![]);
    assert_eq!(back.bank.questions.len(), gift.bank.questions.len());
    for (a, b) in gift.bank.questions.iter().zip(&back.bank.questions) {
        if let Body::Numeric { answers, .. } = &a.body {
            let Body::Numeric { answers: got, .. } = &b.body else {
                panic!()
            };
            for (x, y) in answers.iter().zip(got) {
                let (v, t) = x.accept.as_tolerance();
                assert_eq!(
                    y.accept,
                    NumericAccept::Tolerance {
                        value: v,
                        tolerance: t
                    }
                );
            }
            continue;
        }
        assert_eq!(a, b);
    }
    assert!(out.notes.iter().any(|n| n.message.contains("range")));
}
