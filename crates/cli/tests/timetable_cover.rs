//! `schooldesk timetable cover-sheet` and `timetable import` (issue 14,
//! item 9) on the demo school, a SQLite file: a teacher away on a Monday
//! (recorded through the app, as the Substitutions screen does), the
//! day's substitution sheet printed and read back with pdftotext, a
//! teacher refused; a FET file previewed with --dry-run (nothing written),
//! imported, and a file that is not FET refused by name. The use-cases run
//! on both backends in crates/app/tests/timetable_cover.rs and
//! timetable_fet.rs; this is the command line's wiring.

use chrono::Datelike;
use schooldesk_app::{App, DatabaseUrl};
use std::process::{Command, Output, Stdio};

const DENMARK: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Denmark/small-school.fet";

fn run(db: &str, login: &str, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schooldesk"))
        .args(args)
        .env("SCHOOLDESK_DATABASE_URL", db)
        .env("SCHOOLDESK_LOGIN", login)
        .env("SCHOOLDESK_PASSWORD", password)
        .stdin(Stdio::null())
        .output()
        .expect("run schooldesk")
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn pdf_text(path: &std::path::Path) -> String {
    let read = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(read.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&read.stdout).into_owned()
}

/// A teacher of the published timetable away on a Monday of its semester:
/// (the date, the teacher's name, one of their lessons' class and subject).
async fn away_on_a_monday(
    db: &str,
    login: &str,
    password: &str,
) -> (String, String, String, String) {
    let app = App::open(&DatabaseUrl::parse(db).unwrap(), false)
        .await
        .unwrap();
    let actor = app.authenticate(login, password).await.unwrap();
    let term = app.term_by_name(&actor, "1", None).await.unwrap();
    let published = app
        .timetables(&actor, term.id())
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.data.status == "published")
        .expect("the demo publishes its timetable");
    let entries = app.timetable_entries(&actor, published.id()).await.unwrap();
    let lesson = entries
        .iter()
        .find(|e| e.weekday == 1 && e.teachers.len() == 1)
        .expect("a Monday lesson with one teacher")
        .clone();
    let teachers = app
        .list::<schooldesk_core::Teacher>(&actor, &schooldesk_store::Query::all())
        .await
        .unwrap();
    let teacher = teachers
        .iter()
        .find(|t| t.data.full_name == lesson.teachers[0])
        .unwrap();
    let mut date = term.data.start_date;
    while date.weekday() != chrono::Weekday::Mon {
        date = date.succ_opt().unwrap();
    }
    assert!(date <= term.data.end_date);
    app.record_absence(&actor, teacher.id(), date, "sakit")
        .await
        .unwrap();
    app.close().await;
    (
        date.to_string(),
        teacher.data.full_name.clone(),
        lesson.classes[0].clone(),
        lesson.subject.clone(),
    )
}

#[test]
fn the_days_cover_sheet_prints_and_a_fet_file_imports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("school.db").display());
    let demo = Command::new(env!("CARGO_BIN_EXE_schooldesk"))
        .args(["demo", "--database", &db])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let (out, err) = text(&demo);
    assert!(demo.status.success(), "{out}\n{err}");
    let login = |role: &str| -> (String, String) {
        out.lines()
            .skip_while(|l| !l.starts_with("login "))
            .skip(1)
            .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .find(|w| w[1].split(',').any(|r| r == role))
            .map(|w| (w[0].clone(), w[2].clone()))
            .expect("a login of the role")
    };
    let (admin, admin_pw) = login("admin");
    let (teacher, teacher_pw) = login("teacher");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (date, away, class, subject) = runtime.block_on(away_on_a_monday(&db, &admin, &admin_pw));

    let sheet = dir.path().join("cover.pdf");
    let printed = run(
        &db,
        &admin,
        &admin_pw,
        &[
            "timetable",
            "cover-sheet",
            "--date",
            &date,
            "--language",
            "en",
            "--out",
            sheet.to_str().unwrap(),
        ],
    );
    let (o, e) = text(&printed);
    assert!(printed.status.success(), "{o}\n{e}");
    assert!(o.contains("1 teacher(s) away"), "{o}");
    assert!(o.contains("not yet covered"), "{o}");
    let page = pdf_text(&sheet);
    // The class is printed as the timetable names it ("VII-A").
    for needle in [away.as_str(), class.as_str(), subject.as_str(), "Monday"] {
        assert!(page.contains(needle), "{needle:?} not in\n{page}");
    }

    // A teacher reads the substitutions but does not print the sheet;
    // nothing is written.
    let other = dir.path().join("teacher.pdf");
    let refused = run(
        &db,
        &teacher,
        &teacher_pw,
        &[
            "timetable",
            "cover-sheet",
            "--date",
            &date,
            "--out",
            other.to_str().unwrap(),
        ],
    );
    let (o, e) = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{o}\n{e}");
    assert!(e.contains("print the substitutions"), "{e}");
    assert!(!other.exists());
    let bad_date = run(
        &db,
        &admin,
        &admin_pw,
        &[
            "timetable",
            "cover-sheet",
            "--date",
            "2026-02-30",
            "--out",
            other.to_str().unwrap(),
        ],
    );
    let (_, e) = text(&bad_date);
    assert_eq!(bad_date.status.code(), Some(2), "{e}");
    assert!(e.contains("2026-02-30"), "{e}");

    // Import: the preview alone writes nothing; then the file is taken.
    let lessons_before = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "lessons", "--term", "2"],
    );
    let dry = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "import", DENMARK, "--term", "2", "--dry-run"],
    );
    let (o, e) = text(&dry);
    assert!(dry.status.success(), "{o}\n{e}");
    assert!(o.contains("teachers: "), "{o}");
    assert!(o.contains("nothing written (--dry-run)"), "{o}");
    let lessons_after = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "lessons", "--term", "2"],
    );
    assert_eq!(
        text(&lessons_before),
        text(&lessons_after),
        "a dry run writes nothing"
    );
    let imported = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "import", DENMARK, "--term", "2"],
    );
    let (o, e) = text(&imported);
    assert!(imported.status.success(), "{o}\n{e}");
    assert!(o.contains("written: "), "{o}");
    let again = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "import", DENMARK, "--term", "2", "--dry-run"],
    );
    let (o, e) = text(&again);
    assert!(again.status.success(), "{o}\n{e}");
    assert!(
        o.contains("0 addition(s) listed"),
        "imported again, nothing to add:\n{o}"
    );

    let not_fet = dir.path().join("notes.fet");
    std::fs::write(&not_fet, "<html><body>not a timetable</body></html>").unwrap();
    let refused = run(
        &db,
        &admin,
        &admin_pw,
        &[
            "timetable",
            "import",
            not_fet.to_str().unwrap(),
            "--term",
            "2",
        ],
    );
    let (o, e) = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{o}\n{e}");
    assert!(e.contains("notes.fet"), "{e}");
}
