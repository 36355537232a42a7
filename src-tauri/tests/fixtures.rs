//! The UI's component tests answer commands with fakes; the fakes for
//! errors and import previews are generated here from what the shell
//! really answers (issue 11, item 8), into `ui/src/test/fixtures/*.json`.
//! Like `bindings.ts`, the test fails when a committed fixture differs;
//! `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop --test fixtures`
//! rewrites them.

mod common;

use chrono::NaiveDate;
use common::*;
use schooldesk_core::{AcademicYear, Class, Role, Term};
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::{SheetFormat, SheetKind, UiError};
use std::path::PathBuf;

fn check(name: &str, value: &impl serde::Serialize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/test/fixtures")
        .join(name);
    let generated = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/test/fixtures/{name} differs from what the shell answers; run \
         `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop --test fixtures` and commit it"
    );
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn office(root: &std::path::Path) -> Shell {
    let shell = Shell::start(dirs(root), true).await;
    set_up_with(&shell, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    shell
}

#[tokio::test]
async fn fixtures_are_what_the_shell_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let (app, actor) = shell.actor().await.unwrap();

    // A semester moved past its year's end (years.test.tsx), in a year far
    // from the one the set-up makes for today.
    let year = AcademicYear {
        name: "2030/2031".into(),
        start_date: d(2030, 7, 13),
        end_date: d(2031, 6, 26),
        is_current: true,
    };
    let stored = app
        .create_year_with_terms(
            &actor,
            &year,
            &[
                (d(2030, 7, 13), d(2030, 12, 31)),
                (d(2031, 1, 1), d(2031, 6, 26)),
            ],
        )
        .await
        .unwrap();
    let terms = app
        .list::<Term>(&actor, &schooldesk_store::Query::all().order("start_date"))
        .await
        .unwrap();
    let first = terms
        .iter()
        .find(|t| t.data.academic_year_id == stored.id())
        .unwrap();
    let moved = Term {
        end_date: d(2031, 8, 1),
        ..first.data.clone()
    };
    let error = app
        .update(&actor, first.id(), first.version(), &moved)
        .await
        .unwrap_err();
    let error: UiError = shell.explain(&app, error).await;
    check("term-outside-year.json", &error);

    // A students file with a bad NISN and an impossible date (screens.test.tsx).
    let students = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n\
                    2501,0012345678,Ahmad Fauzi,L,Bandung,2012-05-01,Islam\n\
                    2502,12345,Siti Aminah,P,Bogor,2012-06-02,Islam\n\
                    2503,0012345680,Budi Santoso,L,Depok,31/02/2012,Islam\n";
    let mut preview = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            students.as_bytes(),
        )
        .await
        .unwrap();
    preview.token = "token-students".into();
    check("import-students-problems.json", &preview);

    // Issue 16, item 7: 27 rows naming three classes the year lacks (their
    // names show the grade), one naming a class with no grade to read, a bad
    // NISN, and two good rows (screens.test.tsx: grouped problems, "import
    // the good rows", "create the classes", the rejected rows saved).
    let mut students =
        String::from("nis,nisn,full_name,gender,birth_place,birth_date,religion,class\n");
    for i in 0..27 {
        let class = ["VII A", "VII B", "VIII C"][i % 3];
        students.push_str(&format!(
            "26{i:02},00260000{i:02},Siswa Nomor {i},P,Bandung,2018-05-01,Islam,{class}\n"
        ));
    }
    students.push_str("2690,0026000090,Rudi Hartono,L,Bogor,2018-06-02,Islam,Kelas Unggulan\n");
    students.push_str("2691,12345,Sari Dewi,P,Bogor,2018-06-02,Islam,\n");
    students.push_str("2692,0026000092,Tono Wibowo,L,Depok,2018-07-03,Islam,\n");
    students.push_str("2693,0026000093,Umi Kalsum,P,Depok,2018-08-04,Islam,\n");
    let mut preview = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            students.as_bytes(),
        )
        .await
        .unwrap();
    preview.token = "token-students-classes".into();
    check("import-students-no-classes.json", &preview);

    // A students file whose name column is headed "Nama Lengkap Siswa"
    // (issue 16, item 7: the columns found and the nearest named).
    let students = "NIS,NISN,Nama Lengkap Siswa,JK,Tempat Lahir,Tanggal Lahir,Agama\n\
                    2501,0012345678,Ahmad Fauzi,L,Bandung,2018-05-01,Islam\n";
    let error = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            students.as_bytes(),
        )
        .await
        .unwrap_err();
    check("import-missing-column.json", &error);

    // A classes file naming a homeroom teacher the school does not have.
    let classes = "name,grade_level,year,homeroom\n7A,7,2030/2031,X\n";
    let mut preview = shell
        .preview_import(
            SheetKind::Classes,
            SheetFormat::Csv,
            false,
            classes.as_bytes(),
        )
        .await
        .unwrap();
    preview.token = "token-classes".into();
    check("import-classes-no-teacher.json", &preview);

    // issue 12: attendance on a day after the year's last semester
    // (attendance.test.tsx).
    let class = app
        .create(
            &actor,
            &Class {
                name: "VII-A".into(),
                grade_level: 7,
                academic_year_id: stored.id(),
                homeroom_teacher_id: None,
            },
        )
        .await
        .unwrap();
    let error = app
        .mark_attendance(&actor, class.id(), d(2031, 6, 29), &[])
        .await
        .unwrap_err();
    let error: UiError = shell.explain(&app, error).await;
    check("attendance-outside-term.json", &error);
}

// ttui (issue 14): the week editor's refusal (timetable.test.tsx), as the
// shell answers a bell schedule whose Tuesday periods overlap.
#[tokio::test]
async fn timetable_fixtures_are_what_the_shell_answers() {
    use schooldesk_core::BellPeriod;
    use schooldesk_desktop::timetabling::{save_week, WeekView};
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let period = |weekday, position, start: i64, end: i64| BellPeriod {
        weekday,
        position,
        kind: "lesson".into(),
        label: position.to_string(),
        start_minute: start,
        end_minute: end,
    };
    let week = WeekView {
        days: vec![1, 2],
        periods: vec![
            period(1, 1, 420, 460),
            period(1, 2, 460, 500),
            period(2, 1, 420, 460),
            period(2, 2, 450, 490),
        ],
    };
    let err: UiError = save_week(&shell, week).await.unwrap_err();
    check("timetable-week-overlap.json", &err);
}
