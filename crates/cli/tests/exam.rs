//! `schooldesk exam` as the curriculum office runs it (issue 13, item 9), on
//! the demo school (whose bank has five approved questions and a final
//! sample paper): the paper printed with two variants, answer sheets and
//! keys, READ BACK with pdftotext (pages, both packages, the key, the
//! sheet) and the answer sheets' layout as JSON beside it; a blueprint
//! asking for more than the bank holds, and a blueprint file that is not
//! one, are named row by row and line by line.

mod common;

use common::*;
use std::process::Command;

#[test]
fn the_demo_paper_prints_and_a_short_blueprint_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let Demo {
        db,
        said: demo,
        admin,
    } = common::demo(dir.path());
    let paper = demo
        .split("schooldesk exam print ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no sample paper in:\n{demo}"))
        .to_string();

    let out = dir.path().join("ujian.pdf");
    let said = ok(&schooldesk(
        &db,
        &admin,
        &[
            "exam",
            "print",
            &paper,
            "--variants",
            "2",
            "--answer-sheets",
            "--key",
            "--blueprint",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert!(
        said.contains("2 variant(s), 7 document(s), 7 page(s)"),
        "{said}"
    );
    let pdf = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let pdf = String::from_utf8(pdf.stdout).unwrap();
    let pages: Vec<&str> = pdf
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 7, "{pdf}");
    let squash = |p: &str| p.replace(' ', "");
    assert!(
        pages[0].contains("PENILAIAN TENGAH SEMESTER") && squash(pages[0]).contains("Paket:A"),
        "{}",
        pages[0]
    );
    assert!(
        pages[1].contains("LEMBAR JAWABAN") && pages[1].contains("Paket A"),
        "{}",
        pages[1]
    );
    assert!(squash(pages[2]).contains("Paket:B"), "{}", pages[2]);
    assert!(
        pages[4].contains("KUNCI JAWABAN") && pages[4].contains("Jumlah skor"),
        "{}",
        pages[4]
    );
    assert!(pages[6].contains("KISI-KISI"), "{}", pages[6]);
    let layout: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("ujian.ljk.json")).unwrap())
            .unwrap();
    assert_eq!(layout["A"]["questions"], 5);
    assert_eq!(layout["A"]["marks"].as_array().unwrap().len(), 4);
    assert_eq!(layout["A"], layout["B"], "one layout for every package");

    // Printing again gives the same packages (the seed is recorded).
    let again = dir.path().join("lagi.pdf");
    ok(&schooldesk(
        &db,
        &admin,
        &[
            "exam",
            "print",
            &paper,
            "--variants",
            "2",
            "--out",
            again.to_str().unwrap(),
        ],
    ));
    let text_of = |p: &std::path::Path| {
        String::from_utf8(
            Command::new("pdftotext")
                .arg(p)
                .arg("-")
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
    };
    let first: Vec<String> = text_of(&out).split('\u{c}').map(str::to_string).collect();
    let second: Vec<String> = text_of(&again).split('\u{c}').map(str::to_string).collect();
    assert_eq!(first[0], second[0], "variant A reprints the same");
    assert_eq!(first[2], second[1], "variant B reprints the same");

    // A blueprint asking for more than the bank has: each short row named.
    let rows = dir.path().join("kisi.json");
    std::fs::write(
        &rows,
        r#"[
        {"topic": "", "indicator": "PG", "kind": "single_choice", "count": 9, "points": "2"},
        {"topic": "Geometri", "indicator": "Uraian", "kind": "essay", "count": 1, "points": "10"}
    ]"#,
    )
    .unwrap();
    let args = [
        "exam",
        "assemble",
        "--subject",
        "MTK",
        "--class",
        "VII A",
        "--rows",
        rows.to_str().unwrap(),
        "--name",
        "UH",
        "--date",
        "2025-11-03",
    ];
    let short = ok(&schooldesk(&db, &admin, &args));
    assert!(
        short.contains("short: row 1: wants 9 but the bank has"),
        "{short}"
    );
    assert!(
        short.contains("short: row 2: wants 1 but the bank has 0"),
        "{short}"
    );
    assert!(short.contains("topic \"Geometri\""), "{short}");
    let mut final_args = args.to_vec();
    final_args.push("--final");
    let refused = schooldesk(&db, &admin, &final_args);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("stays a draft: 2 row(s)"),
        "{}",
        text(&refused)
    );

    // A blueprint file that is not one: the line and column.
    std::fs::write(
        &rows,
        "[\n  {\"kind\": \"single_choice\", \"count\": \"lots\"}\n]",
    )
    .unwrap();
    let bad = schooldesk(&db, &admin, &args);
    assert!(!bad.status.success());
    assert!(text(&bad).contains("line 2, column"), "{}", text(&bad));
}

/// The demo's sample results (issue 13 item 7): `exam analysis` prints the
/// item analysis with the Indonesian categories (and as CSV); a results
/// file with a student not in the class is refused by row and column, and
/// nothing is stored.
#[test]
fn the_demo_results_are_analysed_and_a_bad_results_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let Demo { db, said, admin } = common::demo(dir.path());
    let paper = results_paper(&said);
    let table = ok(&schooldesk(&db, &admin, &["exam", "analysis", &paper]));
    assert!(table.contains("student(s); mean"), "{table}");
    assert!(table.contains("Cronbach's alpha"), "{table}");
    assert!(
        ["mudah", "sedang", "sukar"]
            .iter()
            .any(|w| table.contains(w)),
        "{table}"
    );
    assert!(
        table.contains("options (as variant A letters them"),
        "{table}"
    );
    let csv = ok(&schooldesk(
        &db,
        &admin,
        &["exam", "analysis", &paper, "--csv"],
    ));
    assert!(
        csv.starts_with("position,question_id,name,type,max,p,difficulty"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 6, "a header and five questions: {csv}");

    let file = dir.path().join("hasil.csv");
    std::fs::write(&file, "nis,variant,1,2,3,4,5\nNOPE,A,A,,,,\n").unwrap();
    let bad = schooldesk(
        &db,
        &admin,
        &[
            "exam",
            "results",
            "import",
            &paper,
            file.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(!bad.status.success());
    let said = text(&bad);
    assert!(
        said.contains("row    2  column A (nis): no student numbered “NOPE”"),
        "{said}"
    );
    assert!(said.contains("nothing was stored"), "{said}");
}

/// The demo's paper with sample results, from what `demo` said.
fn results_paper(said: &str) -> String {
    said.split("schooldesk exam analysis ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no sample results in:\n{said}"))
        .trim_end_matches(['`', '.'])
        .to_string()
}

/// Issue 13 item 7: `exam results send-to-gradebook` puts the demo paper's
/// scores (points out of 10) in a new PTS column as 0–100 grades; sending
/// again is refused naming the column, with nothing sent, until
/// --replace; a component the scheme lacks is refused listing those it
/// has; a student may not send.
#[test]
fn the_demo_results_go_to_the_gradebook() {
    let dir = tempfile::tempdir().unwrap();
    let Demo {
        db,
        said: demo_said,
        admin,
    } = common::demo(dir.path());
    let paper = results_paper(&demo_said);
    let send = |login: &(String, String), extra: &[&str]| {
        let mut args = vec!["exam", "results", "send-to-gradebook", paper.as_str()];
        args.extend_from_slice(extra);
        schooldesk(&db, login, &args)
    };
    let wrong = send(&admin, &["--component", "UAS Ganjil"]);
    assert!(!wrong.status.success());
    let said = text(&wrong);
    assert!(
        said.contains("no component \"UAS Ganjil\"") && said.contains("PTS (mid_term, Semester 1)"),
        "{said}"
    );

    let sent = ok(&send(&admin, &["--component", "PTS"]));
    let count: usize = sent
        .lines()
        .find_map(|l| l.strip_suffix(" score(s) sent to column \"Penilaian Tengah Semester\" (PTS, Semester 1), a new column"))
        .unwrap_or_else(|| panic!("no summary line in:\n{sent}"))
        .trim()
        .parse()
        .unwrap();
    assert!(count > 0);
    // Each student's line: points of 10, then the grade (× 10).
    let scored: Vec<(u32, String)> = sent
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once(" / 10 -> ")?;
            let points: u32 = l
                .split(" / 10")
                .next()?
                .split_whitespace()
                .last()?
                .parse()
                .ok()?;
            Some((points, rest.trim().to_string()))
        })
        .collect();
    assert_eq!(scored.len(), count, "{sent}");
    for (points, grade) in &scored {
        assert_eq!(grade, &(points * 10).to_string(), "{sent}");
    }

    let again = send(&admin, &["--component", "PTS"]);
    assert!(!again.status.success());
    let said = text(&again);
    assert!(said.contains("already has scores"), "{said}");
    assert!(said.contains("nothing was sent"), "{said}");

    let replaced = ok(&send(&admin, &["--component", "mid_term", "--replace"]));
    assert_eq!(replaced.matches("(replaced)").count(), count, "{replaced}");
    assert!(!replaced.contains("a new column"), "{replaced}");

    let student = demo_said
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.len() >= 3 && c[1] == "student")
        .map(|c| (c[0].to_string(), c[2].to_string()))
        .unwrap_or_else(|| panic!("no student login in:\n{demo_said}"));
    let refused = send(&student, &["--component", "PTS", "--replace"]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("not allowed"), "{}", text(&refused));
}
