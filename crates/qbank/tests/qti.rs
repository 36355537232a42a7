//! QTI 2.1 packages (issue 13, item 3).

use std::io::{Cursor, Write};

use schooldesk_qbank::*;

fn fixture_package(leave_out: &[&str]) -> Vec<u8> {
    let root = format!("{}/tests/fixtures/qti", env!("CARGO_MANIFEST_DIR"));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for name in [
        "imsmanifest.xml",
        "items/choice.xml",
        "items/multiple.xml",
        "items/text.xml",
        "items/match.xml",
        "items/essay.xml",
        "items/slider.xml",
        "images/peta.png",
    ] {
        if leave_out.contains(&name) {
            continue;
        }
        zip.start_file(name, opts).unwrap();
        zip.write_all(&std::fs::read(format!("{root}/{name}")).unwrap())
            .unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap()
}

#[test]
fn reads_choice_text_entry_match_and_extended_text() {
    let import = qti::import(&fixture_package(&[]));
    let names: Vec<&str> = import
        .bank
        .questions
        .iter()
        .map(|q| q.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Ibu kota",
            "Bilangan genap",
            "Lambang",
            "Pasangan",
            "Uraian"
        ],
        "{:#?}",
        import.problems
    );
    let q = &import.bank.questions;
    let Body::SingleChoice {
        options,
        shuffle: true,
    } = &q[0].body
    else {
        panic!("{:?}", q[0].body)
    };
    assert_eq!(
        options
            .iter()
            .map(|o| o.weight.to_string())
            .collect::<Vec<_>>(),
        ["0", "100", "0", "0"]
    );
    assert!(options[3].pinned && !options[0].pinned);
    assert_eq!(q[0].stem.to_plain(), "Ibu kota Jawa Tengah adalah ...");
    let Body::MultipleResponse {
        options,
        shuffle: false,
    } = &q[1].body
    else {
        panic!()
    };
    assert_eq!(
        options
            .iter()
            .map(|o| o.weight.to_string())
            .collect::<Vec<_>>(),
        ["50", "-100", "50"]
    );
    assert_eq!(
        q[1].stem.to_plain(),
        "Pilih bilangan genap.",
        "the prompt is the stem"
    );
    assert_eq!(q[1].meta.points, d("2"));
    let Body::ShortAnswer {
        answers,
        case_sensitive: true,
    } = &q[2].body
    else {
        panic!()
    };
    assert_eq!(
        (answers[1].text.as_str(), answers[1].weight),
        ("fe", d("50"))
    );
    let Body::Matching { pairs, .. } = &q[3].body else {
        panic!()
    };
    let got: Vec<(String, &str)> = pairs
        .iter()
        .map(|p| (p.prompt.to_plain(), p.answer.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Soekarno".into(), "proklamator"),
            ("Ki Hajar Dewantara".into(), "pendidik"),
            (String::new(), "pelukis")
        ]
    );
    let Body::Essay { grader_info, .. } = &q[4].body else {
        panic!()
    };
    assert_eq!(
        grader_info.to_plain(),
        "Nilai penuh jika menyebut tiga sebab."
    );
    assert_eq!(q[4].meta.points, d("5"));
    assert_eq!(q[4].stem.images().len(), 1, "the image from ../images/");
    assert_eq!(import.bank.images.len(), 1);
    // The slider and the missing file are reported, by file and line.
    let got: Vec<String> = import.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].starts_with(
            "items/slider.xml (line 6): the interaction sliderInteraction is not supported"
        ),
        "{got:?}"
    );
    assert!(
        got[1].starts_with(
            "imsmanifest.xml (line 27): the package has no file \"items/missing.xml\""
        ),
        "{got:?}"
    );
}

#[test]
fn import_any_tells_a_package_from_text() {
    let (format, import) = import_any(&fixture_package(&[]));
    assert_eq!(format, Format::Qti);
    assert_eq!(import.bank.questions.len(), 5);
    let (format, import) = import_any(b"Q?\nA. x\nB. y\nANSWER: B\n");
    assert_eq!((format, import.bank.questions.len()), (Format::Aiken, 1));
}

#[test]
fn a_package_without_a_manifest_or_not_a_zip_is_one_problem() {
    let import = qti::import(&fixture_package(&["imsmanifest.xml"]));
    assert_eq!(import.problems.len(), 1);
    assert_eq!(
        import.problems[0].to_string(),
        "file: the package has no imsmanifest.xml"
    );
    let import = qti::import(b"PK not really");
    assert!(
        import.problems[0].message.starts_with("not a zip package"),
        "{:?}",
        import.problems
    );
}

#[test]
fn round_trip_import_export_import_is_the_same() {
    let first = qti::import(&fixture_package(&[]));
    let (bytes, notes) = qti::export(&first.bank);
    assert_eq!(notes, vec![]);
    let second = qti::import(&bytes);
    assert_eq!(second.problems, vec![]);
    assert_eq!(second.bank, first.bank);
}

#[test]
fn gift_questions_survive_qti() {
    let gift = gift::import(
        &std::fs::read_to_string(format!(
            "{}/tests/fixtures/all-types.gift",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .bank;
    let (bytes, notes) = qti::export(&gift);
    let back = qti::import(&bytes);
    assert_eq!(back.problems, vec![]);
    // Numeric questions are left out (noted); the rest come back without
    // feedback, category and stimulus.
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.message.contains("numeric"))
            .count(),
        3
    );
    assert_eq!(back.bank.questions.len(), gift.questions.len() - 3);
    let kept: Vec<&Question> = gift
        .questions
        .iter()
        .filter(|q| !matches!(q.body, Body::Numeric { .. }))
        .collect();
    for (a, b) in kept.iter().zip(&back.bank.questions) {
        assert_eq!(a.stem, b.stem, "{}", a.name);
        assert_eq!(a.question_type(), b.question_type(), "{}", a.name);
    }
}

#[test]
fn broken_items_in_a_package_are_reported_and_the_rest_read() {
    let manifest = r#"<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m"><resources>
<resource identifier="a" type="imsqti_item_xmlv2p1" href="bad.xml"/>
<resource identifier="b" type="imsqti_item_xmlv2p1"/>
<resource identifier="c" type="imsqti_test_xmlv2p1" href="test.xml"/>
<resource identifier="d" type="imsqti_item_xmlv2p1" href="../../etc/passwd"/>
<resource identifier="e" type="imsqti_item_xmlv2p1" href="good.xml"/>
</resources></manifest>"#;
    let good = std::fs::read(format!(
        "{}/tests/fixtures/qti/items/choice.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("imsmanifest.xml", manifest.as_bytes()),
        ("bad.xml", b"<assessmentItem><itemBody>".as_slice()),
        ("good.xml", &good),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    let import = qti::import(&zip.finish().unwrap().into_inner());
    assert_eq!(import.bank.questions.len(), 1);
    let got: Vec<String> = import.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(
        got[0].starts_with("bad.xml (line 1): not well-formed XML"),
        "{got:?}"
    );
    assert_eq!(got[1], "imsmanifest.xml (line 4): the resource has no href");
    assert!(
        got[2].starts_with("imsmanifest.xml (line 5): the resource type \"imsqti_test_xmlv2p1\""),
        "{got:?}"
    );
    assert_eq!(
        got[3],
        "imsmanifest.xml (line 6): the package has no file \"../../etc/passwd\""
    );
}
