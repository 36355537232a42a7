//! `schooldesk print` as an office runs it (issue 12, item 8), on the demo
//! school: a class's cards into one PDF that pdftotext reads back, a class
//! without grades refused by name (exit 1, no file), the ledger, and a
//! school's own template exported, broken and checked (Typst's error with
//! its line). The card contents are tested in schooldesk-app's
//! tests/report.rs and the layout in schooldesk-print's tests/render.rs.

use std::process::{Command, Output, Stdio};

fn schooldesk(db: &str, login: &(String, String), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schooldesk"))
        .args(args)
        .env("SCHOOLDESK_DATABASE_URL", db)
        .env("SCHOOLDESK_LOGIN", &login.0)
        .env("SCHOOLDESK_PASSWORD", &login.1)
        .stdin(Stdio::null())
        .output()
        .expect("run schooldesk")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", &path.display().to_string(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/install-deps.sh)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn report_cards_and_the_ledger_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("school.db").display());
    let nobody = (String::new(), String::new());
    let demo = schooldesk(&db, &nobody, &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    // The first login the demo prints is an administrator's.
    let out = String::from_utf8_lossy(&demo.stdout).into_owned();
    let row = out
        .lines()
        .skip_while(|l| !l.starts_with("login"))
        .nth(1)
        .expect("the demo's logins");
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(cols[1].contains("admin"), "{row}");
    let admin = (cols[0].to_string(), cols[2].to_string());
    // The demo's grades are in the semester today falls in.
    let month = chrono::Local::now().format("%m").to_string();
    let term = if month.as_str() < "07" {
        "Semester 2"
    } else {
        "Semester 1"
    };

    let cards = dir.path().join("rapor-7a.pdf");
    let run = schooldesk(
        &db,
        &admin,
        &[
            "print",
            "report-cards",
            "--term",
            term,
            "--class",
            "VII A",
            "--out",
            &cards.display().to_string(),
        ],
    );
    assert!(run.status.success(), "{}", text(&run));
    assert!(text(&run).contains("marked DRAFT"), "{}", text(&run));
    let pdf = pdftotext(&cards);
    assert!(pdf.contains("VII A") && pdf.contains("Matematika") && pdf.contains("Pramuka"));
    assert!(
        !pdf.contains("belum lengkap"),
        "the strict job printed a gap"
    );

    let none = dir.path().join("rapor-7b.pdf");
    let refused = schooldesk(
        &db,
        &admin,
        &[
            "print",
            "report-cards",
            "--term",
            term,
            "--class",
            "VII B",
            "--out",
            &none.display().to_string(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("not complete"),
        "{}",
        text(&refused)
    );
    assert!(!none.exists(), "a refused job writes no file");

    let ledger = dir.path().join("leger.pdf");
    let run = schooldesk(
        &db,
        &admin,
        &[
            "print",
            "ledger",
            "--term",
            term,
            "--class",
            "VII A",
            "--out",
            &ledger.display().to_string(),
        ],
    );
    assert!(run.status.success(), "{}", text(&run));
    assert!(pdftotext(&ledger).contains("MTK"));

    let own = dir.path().join("rapor-sekolah.typ");
    let run = schooldesk(
        &db,
        &admin,
        &[
            "print",
            "template",
            "--base",
            "rapor",
            "--export",
            &own.display().to_string(),
        ],
    );
    assert!(run.status.success(), "{}", text(&run));
    let source = std::fs::read_to_string(&own).unwrap();
    std::fs::write(&own, format!("#let broken = (\n{source}")).unwrap();
    let check = schooldesk(
        &db,
        &admin,
        &[
            "print",
            "template",
            "--base",
            "rapor",
            "--check",
            &own.display().to_string(),
        ],
    );
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(text(&check).contains("line "), "{}", text(&check));
}

/// `schooldesk print verify`: a code that is no card's, or another
/// school's, is refused by name with exit 1 (a card's code matching and
/// not matching its records is tested in schooldesk-app's tests/report.rs).
#[test]
fn verifying_a_card_code_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("school.db").display());
    let nobody = (String::new(), String::new());
    let demo = schooldesk(&db, &nobody, &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let out = String::from_utf8_lossy(&demo.stdout).into_owned();
    let row = out
        .lines()
        .skip_while(|l| !l.starts_with("login"))
        .nth(1)
        .expect("the demo's logins");
    let cols: Vec<&str> = row.split_whitespace().collect();
    let admin = (cols[0].to_string(), cols[2].to_string());
    for (code, says) in [
        ("hello", "not the code of a Schooldesk report card"),
        (
            "SCHOOLDESK-RAPOR|00000000|0012345678|2026/2027|Semester 1|0123456789abcdef",
            "another school",
        ),
    ] {
        let run = schooldesk(&db, &admin, &["print", "verify", "--code", code]);
        assert_eq!(run.status.code(), Some(1), "{}", text(&run));
        assert!(text(&run).contains(says), "{}", text(&run));
    }
}
