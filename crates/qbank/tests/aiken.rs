//! Aiken import and export (issue 13, item 3).

use schooldesk_qbank::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn reads_questions_and_reports_the_bad_ones_by_line() {
    let import = aiken::import(&fixture("basic.aiken"));
    let stems: Vec<String> = import
        .bank
        .questions
        .iter()
        .map(|q| q.stem.to_plain())
        .collect();
    assert_eq!(
        stems,
        [
            "Ibu kota Indonesia adalah ...",
            "Hasil dari 12 x 3 adalah\nberapa?",
            "Yang terakhir"
        ]
    );
    let Body::SingleChoice { options, .. } = &import.bank.questions[1].body else {
        panic!()
    };
    let texts: Vec<String> = options.iter().map(|o| o.text.to_plain()).collect();
    assert_eq!(texts, ["36", "15", "9"]);
    assert_eq!(options[0].weight, Decimal::from_int(100));
    let Body::SingleChoice { options, .. } = &import.bank.questions[2].body else {
        panic!()
    };
    assert_eq!(options[1].weight, Decimal::from_int(100));
    let got: Vec<String> = import.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        got,
        [
            "line 15: the question has no ANSWER: line; the question was left out",
            "line 22: ANSWER: C names no option; the question was left out",
        ]
    );
}

#[test]
fn round_trip_import_export_import_is_the_same() {
    let first = aiken::import(&fixture("basic.aiken"));
    let out = aiken::export(&first.bank);
    assert_eq!(out.notes, vec![]);
    let second = aiken::import(&out.text);
    assert_eq!(second.problems, vec![]);
    assert_eq!(second.bank, first.bank, "{}", out.text);
}

#[test]
fn export_leaves_out_what_aiken_cannot_say() {
    let bank = gift::import(&fixture("all-types.gift")).bank;
    let out = aiken::export(&bank);
    let again = aiken::import(&out.text);
    assert_eq!(again.problems, vec![]);
    assert_eq!(
        again.bank.questions.len(),
        4,
        "the four single-choice questions"
    );
    assert_eq!(
        out.notes
            .iter()
            .filter(|n| n.message.contains("only single-choice"))
            .count(),
        12
    );
    assert!(out.text.starts_with("Ibu kota Indonesia adalah ...\nA. Jakarta\nB. Bandung\nC. Surabaya\nD. Medan\nANSWER: A\n\n"), "{}", out.text);
}
