//! `schooldesk timetable lessons` and `generate` (issue 14, items 2 and 9)
//! on the demo school's records (which `demo` gives a published timetable): the lessons in step with the teaching
//! assignments, an unknown semester named with the ones there are, a
//! teacher refused, and a draft generated and stored by the office; the
//! published timetable exported to a .fet file fet-cl accepts, printed
//! (the whole school, and one class read back), and a draft published. The
//! use-cases run on both backends in crates/app/tests/timetable.rs; this is
//! the command line's wiring, on a SQLite file.

use std::process::{Command, Output, Stdio};

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

#[test]
fn a_semester_is_generated_from_the_demo_school() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("school.db").display());
    let demo = Command::new(env!("CARGO_BIN_EXE_schooldesk"))
        .args(["demo", "--database", &db])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let (out, err) = text(&demo);
    assert!(demo.status.success(), "{out}\n{err}");
    assert!(
        out.contains("a published timetable (702 of 702 lesson blocks placed)"),
        "{out}"
    );
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

    let lessons = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "lessons", "--term", "1"],
    );
    let (o, e) = text(&lessons);
    assert!(lessons.status.success(), "{o}\n{e}");
    assert!(
        o.contains("the lessons match the teaching assignments"),
        "{o}"
    );

    let unknown = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "generate", "--term", "Semester 9"],
    );
    let (o, e) = text(&unknown);
    assert_eq!(unknown.status.code(), Some(1), "{o}");
    assert!(e.contains("no semester \"Semester 9\"; it has:"), "{e}");

    let refused = run(
        &db,
        &teacher,
        &teacher_pw,
        &["timetable", "generate", "--term", "1"],
    );
    let (o, e) = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{o}");
    assert!(e.contains("not allowed to generate timetables"), "{e}");

    // The whole demo school (27 classes) in a short run: a draft is stored
    // whether or not every lesson found its place; exit 3 lists the rest.
    let generated = run(
        &db,
        &admin,
        &admin_pw,
        &[
            "timetable",
            "generate",
            "--term",
            "1",
            "--time-limit",
            "3",
            "--name",
            "Coba",
        ],
    );
    let (o, e) = text(&generated);
    assert!(o.contains("draft \"Coba\" stored:"), "{o}\n{e}");
    match generated.status.code() {
        Some(0) => assert!(!o.contains("unplaced:"), "{o}"),
        Some(3) => assert!(o.contains("unplaced:"), "{o}"),
        other => panic!("exit {other:?}: {o}\n{e}"),
    }
    // The published timetable as a .fet file: fet-cl accepts it with every
    // lesson locked where it is.
    let fet = dir.path().join("demo.fet");
    let export = run(
        &db,
        &teacher,
        &teacher_pw,
        &["timetable", "export", "--term", "1", fet.to_str().unwrap()],
    );
    let (o, e) = text(&export);
    assert!(export.status.success(), "{o}\n{e}");
    assert!(o.contains("(702 lesson blocks locked)"), "{o}");
    let fet_out = dir.path().join("fet-out");
    let checked = Command::new("fet-cl")
        .arg(format!("--inputfile={}", fet.display()))
        .arg(format!("--outputdir={}", fet_out.display()))
        .arg("--timelimitseconds=120")
        .stdin(Stdio::null())
        .output()
        .expect("fet-cl (apt-get install fet)");
    let result =
        std::fs::read_to_string(fet_out.join("logs").join("result.txt")).unwrap_or_default();
    assert!(
        checked.status.success() && result.contains("successful"),
        "fet-cl: {result}\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );

    // Printed: the whole school in one PDF (every class, teacher and room,
    // one page each), and one class's page read back.
    let all = dir.path().join("all.pdf");
    let print = run(
        &db,
        &teacher,
        &teacher_pw,
        &[
            "timetable",
            "print",
            "--term",
            "1",
            "--all",
            "--out",
            all.to_str().unwrap(),
        ],
    );
    let (o, e) = text(&print);
    assert!(print.status.success(), "{o}\n{e}");
    let pages: usize = o
        .split(" page(s)")
        .next()
        .and_then(|x| x.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{o}"));
    assert!(pages > 27, "27 classes and their teachers: {o}");
    let one = dir.path().join("class.pdf");
    let print = run(
        &db,
        &admin,
        &admin_pw,
        &[
            "timetable",
            "print",
            "--term",
            "1",
            "--class",
            "VII-A",
            "--language",
            "en",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    let (o, e) = text(&print);
    assert!(print.status.success(), "{o}\n{e}");
    assert!(o.contains("1 page(s)"), "{o}");
    let read = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&one)
        .arg("-")
        .output()
        .expect("pdftotext");
    let page = String::from_utf8_lossy(&read.stdout);
    for needle in ["Class timetable VII A", "Monday", "Saturday", "07:00"] {
        assert!(page.contains(needle), "{needle:?} not in\n{page}");
    }
    let unknown = run(
        &db,
        &admin,
        &admin_pw,
        &[
            "timetable",
            "print",
            "--term",
            "1",
            "--class",
            "XII-Z",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    let (_, e) = text(&unknown);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        e.contains("there is no class \"XII-Z\" in Semester 1; it has: IX A, IX B"),
        "{e}"
    );

    // Publishing the short run's draft: checked against today's rules; a
    // draft that is not complete is refused, naming it.
    let publish = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "publish", "--term", "1", "--draft", "Coba"],
    );
    let (o, e) = text(&publish);
    if generated.status.code() == Some(0) {
        assert!(publish.status.success(), "{o}\n{e}");
        assert!(o.contains("\"Coba\" published"), "{o}");
    } else {
        assert_eq!(publish.status.code(), Some(1), "{o}");
        assert!(e.contains("Coba places"), "{e}");
    }
    let missing = run(
        &db,
        &admin,
        &admin_pw,
        &["timetable", "publish", "--term", "1", "--draft", "Nope"],
    );
    let (_, e) = text(&missing);
    assert_eq!(missing.status.code(), Some(1));
    assert!(e.contains("no timetable \"Nope\"; it has:"), "{e}");
}
