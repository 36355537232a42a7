//! `schooldesk qbank` as the curriculum office runs it (issue 13, item 9),
//! on the demo school (whose bank holds ten questions): a GIFT file previewed (questions by type, problems
//! by line, nothing written), confirmed, previewed again (every question a
//! duplicate of the bank), searched, approved and exported. The rules are
//! tested in schooldesk-app's tests/qbank.rs.

mod common;

use common::*;

const BROKEN_GIFT: &str = include_str!("../../qbank/tests/fixtures/broken.gift");

#[test]
fn a_question_file_from_preview_to_export() {
    let dir = tempfile::tempdir().unwrap();
    let Demo {
        db,
        said: demo,
        admin,
    } = common::demo(dir.path());
    // The demo's bank: ten questions of mathematics, five approved.
    assert!(
        demo.contains("The question bank has 10 mathematics questions for grade 7 (5 approved"),
        "{demo}"
    );
    let file = dir.path().join("soal.gift");
    std::fs::write(&file, BROKEN_GIFT).unwrap();
    let file = file.display().to_string();

    let preview = ok(&schooldesk(
        &db,
        &admin,
        &["qbank", "import", &file, "--subject", "MTK"],
    ));
    assert!(preview.contains("GIFT: 2 question(s) to take"), "{preview}");
    assert!(preview.contains("  single_choice: 2"), "{preview}");
    assert!(preview.contains("problem: line 4:"), "{preview}");
    assert!(preview.contains("nothing written"), "{preview}");
    let before = ok(&schooldesk(&db, &admin, &["qbank", "search"]));
    assert!(before.ends_with("10 question(s)\n"), "{before}");

    let confirmed = ok(&schooldesk(
        &db,
        &admin,
        &[
            "qbank",
            "import",
            &file,
            "--subject",
            "MTK",
            "--grade",
            "7",
            "--confirm",
        ],
    ));
    assert!(
        confirmed.contains("2 question(s) written as drafts"),
        "{confirmed}"
    );
    let again = ok(&schooldesk(
        &db,
        &admin,
        &["qbank", "import", &file, "--subject", "MTK"],
    ));
    assert!(
        again.contains(
            "duplicate: question 1 \"Good 1\" has the same stem as the bank's \"Good 1\""
        ),
        "{again}"
    );

    let found = ok(&schooldesk(
        &db,
        &admin,
        &["qbank", "search", "--text", "tambah satu", "--grade", "7"],
    ));
    assert!(found.ends_with("1 question(s)\n"), "{found}");
    let id = found.split_whitespace().next().unwrap().to_string();
    let approved = ok(&schooldesk(&db, &admin, &["qbank", "approve", &id]));
    assert!(
        approved.contains(&format!("{id}: approved (version 1)")),
        "{approved}"
    );
    let listed = ok(&schooldesk(
        &db,
        &admin,
        &["qbank", "search", "--status", "approved"],
    ));
    assert!(
        listed.contains(&id) && listed.ends_with("6 question(s)\n"),
        "{listed}"
    );

    let out = dir.path().join("out.gift");
    let exported = ok(&schooldesk(
        &db,
        &admin,
        &[
            "qbank",
            "export",
            "--format",
            "gift",
            "--out",
            &out.display().to_string(),
            "--subject",
            "MTK",
        ],
    ));
    assert!(exported.contains("12 question(s) written"), "{exported}");
    let gift = std::fs::read_to_string(&out).unwrap();
    assert!(
        gift.contains("Satu tambah satu?") && gift.contains("Dua tambah dua?"),
        "{gift}"
    );

    let bad = schooldesk(
        &db,
        &admin,
        &["qbank", "export", "--format", "docx", "--out", "x"],
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("\"docx\" is not a format"),
        "{}",
        text(&bad)
    );
    let unknown = schooldesk(&db, &admin, &["qbank", "import", &file, "--subject", "XYZ"]);
    assert!(
        text(&unknown).contains("no subject has the code \"XYZ\""),
        "{}",
        text(&unknown)
    );
}
