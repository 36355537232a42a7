//! Imports never half-write; exports read back; both are safe.

mod common;

use common::*;
use schooldesk_app::sheet::{Format, Kind};
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_store::Query;

const GOOD_XLSX: &[u8] = include_bytes!("fixtures/siswa-openpyxl.xlsx");
const BAD_XLSX: &[u8] = include_bytes!("fixtures/siswa-bad-openpyxl.xlsx");

async fn counts(w: &World) -> (i64, i64, i64) {
    let store = store_of(&w.app).await;
    (
        store.count::<Student>().await.unwrap(),
        store.count::<Enrollment>().await.unwrap(),
        store.backend().count_audit().await.unwrap(),
    )
}

#[tokio::test]
async fn xlsx_from_another_tool_imports_and_is_idempotent() {
    let w = world().await;
    let app = &w.app;
    let preview = app
        .preview_import(&w.admin, Kind::Students, Format::Xlsx, GOOD_XLSX)
        .await
        .unwrap();
    assert_eq!(
        (
            preview.rows,
            preview.created,
            preview.enrolled,
            preview.written
        ),
        (6, 6, 5, false)
    );
    assert_eq!(preview.ignored_columns, ["No"]);
    assert_eq!(
        store_of(app).await.count::<Student>().await.unwrap(),
        2,
        "a preview writes nothing"
    );

    let report = app
        .import(&w.admin, Kind::Students, Format::Xlsx, GOOD_XLSX, false)
        .await
        .unwrap();
    assert_eq!((report.created, report.updated, report.enrolled), (6, 0, 5));
    let made = app.search_students(&w.admin, "Yohanes", 5).await.unwrap();
    assert_eq!(
        made[0].data.birth_date,
        date(2012, 6, 5),
        "DD/MM/YYYY text date"
    );
    let siti = &app
        .search_students(&w.admin, "0101010102", 5)
        .await
        .unwrap()[0];
    assert_eq!(siti.data.birth_date, date(2012, 3, 2), "Excel date cell");
    assert_eq!(
        siti.data.religion, "Islam",
        "religion spelled as the list does"
    );
    assert_eq!(siti.data.gender, Gender::Female);
    let roster_a = app.roster(&w.admin, w.class_a).await.unwrap();
    assert_eq!(roster_a.len(), 1 + 3);

    let before = counts(&w).await;
    let again = app
        .import(&w.admin, Kind::Students, Format::Xlsx, GOOD_XLSX, false)
        .await
        .unwrap();
    assert_eq!(
        (
            again.created,
            again.updated,
            again.unchanged,
            again.enrolled
        ),
        (0, 0, 6, 0)
    );
    assert_eq!(
        counts(&w).await,
        before,
        "a second import changes nothing, not even the audit trail"
    );
}

#[tokio::test]
async fn a_bad_file_reports_every_problem_and_writes_nothing() {
    let w = world().await;
    let app = &w.app;
    let before = counts(&w).await;
    let err = app
        .import(&w.admin, Kind::Students, Format::Xlsx, BAD_XLSX, false)
        .await
        .unwrap_err();
    let AppError::ImportRejected(problems) = err else {
        panic!("{err:?}")
    };
    let found: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, "NISN"),
            (3, "Nama Lengkap"),
            (4, "Rombel"),
            (5, "NISN"),
            (6, "Tanggal Lahir"),
            (7, "JK"),
        ],
        "{problems:#?}"
    );
    assert!(problems[0].reason.contains("exactly 10 digits"));
    assert!(
        problems[0].reason.contains("dropped its leading zeros"),
        "{}",
        problems[0].reason
    );
    assert_eq!(problems[1].reason, "is empty");
    assert!(problems[2]
        .reason
        .contains("no class \"IX-Z\" in 2025/2026"));
    assert!(problems[3].reason.contains("0101010109 is also on row 4"));
    assert!(problems[4].reason.contains("\"31/02/2012\" is not a date"));
    assert_eq!(counts(&w).await, before, "nothing written");

    // --skip-invalid writes the good rows only.
    let report = app
        .import(&w.admin, Kind::Students, Format::Xlsx, BAD_XLSX, true)
        .await
        .unwrap();
    assert_eq!(report.created, 1);
    assert_eq!(report.rejected.len(), 6);
    assert_eq!(
        store_of(app).await.count::<Student>().await.unwrap(),
        before.0 + 1
    );
}

#[tokio::test]
async fn csv_upserts_by_nisn_then_nis_and_refuses_clashes() {
    let w = world().await;
    let app = &w.app;
    // Andi (0012345678, NIS S45678) changes address; a new NISN arrives for
    // Budi's NIS (S54321): matched by NIS, NISN corrected.
    let csv = "nis,nisn,full_name,gender,birth_place,birth_date,religion,address,class\n\
               S45678,0012345678,Andi Pratama,L,Bandung,2012-03-04,Islam,Jl. Baru 1,VII-A\n\
               S54321,0087654322,Budi Setiawan,L,Bandung,2012-03-04,Islam,Jl. Melati 2,VII-A\n";
    let report = app
        .import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((report.created, report.updated, report.enrolled), (0, 2, 1));
    let budi = app.student(&w.admin, w.other_student).await.unwrap();
    assert_eq!(budi.student.data.nisn, "0087654322");
    assert_eq!(
        budi.enrollments.len(),
        2,
        "moved from VII-B to VII-A, history kept"
    );
    assert_eq!(
        budi.enrollments[0].data.end_reason.as_deref(),
        Some("moved")
    );

    // A NISN of one student with the NIS of another is refused.
    let clash = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n\
                 S54321,0012345678,Andi Pratama,L,Bandung,2012-03-04,Islam\n";
    let AppError::ImportRejected(problems) = app
        .import(
            &w.admin,
            Kind::Students,
            Format::Csv,
            clash.as_bytes(),
            false,
        )
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!((problems[0].row, problems[0].column.as_str()), (2, "nis"));
    assert!(problems[0]
        .reason
        .contains("already belongs to Budi Setiawan"));

    // A missing required column is named before any row is read.
    let AppError::ImportRejected(problems) = app
        .import(
            &w.admin,
            Kind::Students,
            Format::Csv,
            b"nis,full_name\n1,A\n",
            false,
        )
        .await
        .unwrap_err()
    else {
        panic!()
    };
    let missing: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(
        missing,
        ["nisn", "gender", "birth_place", "birth_date", "religion"]
    );
}

#[tokio::test]
async fn export_reads_back_and_is_safe_from_formulas() {
    let w = world().await;
    let app = &w.app;
    app.import(&w.admin, Kind::Students, Format::Xlsx, GOOD_XLSX, false)
        .await
        .unwrap();
    for format in [Format::Csv, Format::Xlsx] {
        let bytes = app.export(&w.admin, Kind::Students, format).await.unwrap();
        if format == Format::Csv {
            let text = String::from_utf8(bytes.clone()).unwrap();
            assert!(text.starts_with(
                "nis,nisn,full_name,gender,birth_place,birth_date,religion,address,status,class\n"
            ));
            assert!(
                text.contains("\"'=HYPERLINK(\"\"x\"\")\""),
                "formula guarded in CSV:\n{text}"
            );
            assert!(text.contains("0101010101"), "leading zeros kept");
        }
        // Exported files import back onto the same records: nothing changes.
        let report = app
            .import(&w.admin, Kind::Students, format, &bytes, false)
            .await
            .unwrap();
        assert_eq!(
            (report.created, report.updated, report.enrolled),
            (0, 0, 0),
            "{format:?}"
        );
        assert_eq!(report.unchanged, 8);
    }
    let liem = &app.search_students(&w.admin, "Liem", 1).await.unwrap()[0];
    assert_eq!(
        liem.data.address, "=HYPERLINK(\"x\")",
        "the text itself survives the round trip"
    );
    // Non-admins cannot export or import.
    assert!(matches!(
        app.export(&w.teacher, Kind::Students, Format::Csv).await,
        Err(AppError::NotAllowed(_))
    ));
}

#[tokio::test]
async fn teachers_classes_subjects_and_enrollments() {
    let w = world().await;
    let app = &w.app;
    let teachers = "nama,nip,nuptk,jk,hp,email\n\
                    Sri Wahyuni,197001012000032001,,P,0812,sri@sekolah.id\n\
                    Joko Susilo,,1234567890123456,L,,\n\
                    Tanpa Nomor,,,L,,\n";
    let r = app
        .import(
            &w.admin,
            Kind::Teachers,
            Format::Csv,
            teachers.as_bytes(),
            false,
        )
        .await
        .unwrap();
    assert_eq!(r.created, 3);
    let classes = "name,grade_level,year,homeroom\n\
                   VIII-A,8,2025/2026,197001012000032001\n\
                   VIII-B,8,,Joko Susilo\n\
                   VII-A,7,,Sri Wahyuni\n";
    let r = app
        .import(
            &w.admin,
            Kind::Classes,
            Format::Csv,
            classes.as_bytes(),
            false,
        )
        .await
        .unwrap();
    assert_eq!(
        (r.created, r.updated),
        (2, 1),
        "VII-A exists: its homeroom changes"
    );
    let subjects = "kode,nama,kelompok,agama\nPAI,Pendidikan Agama Islam,A,ya\nMTK,Matematika,A,tidak\nIPA,Ilmu Pengetahuan Alam,A,\n";
    let r = app
        .import(
            &w.admin,
            Kind::Subjects,
            Format::Csv,
            subjects.as_bytes(),
            false,
        )
        .await
        .unwrap();
    assert_eq!((r.created, r.unchanged), (2, 1));
    let pai = store_of(app)
        .await
        .first::<Subject>(Query::all().eq("code", "PAI"))
        .await
        .unwrap()
        .unwrap();
    assert!(pai.data.religion_specific);
    let enrollments = "nisn,class,start_date\n0087654321,VIII-A,2025-08-01\n0099999999,VIII-A,\n";
    let AppError::ImportRejected(p) = app
        .import(
            &w.admin,
            Kind::Enrollments,
            Format::Csv,
            enrollments.as_bytes(),
            false,
        )
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!((p[0].row, p[0].column.as_str()), (3, "nisn"));
    let r = app
        .import(
            &w.admin,
            Kind::Enrollments,
            Format::Csv,
            b"nisn,class,start_date\n0087654321,VIII-A,2025-08-01\n",
            false,
        )
        .await
        .unwrap();
    assert_eq!(r.enrolled, 1);
    for kind in Kind::ALL {
        for format in [Format::Csv, Format::Xlsx] {
            let bytes = app.export(&w.admin, kind, format).await.unwrap();
            let r = app
                .import(&w.admin, kind, format, &bytes, false)
                .await
                .unwrap();
            assert_eq!(
                (r.created, r.updated, r.enrolled),
                (0, 0, 0),
                "{kind:?} {format:?} round trip"
            );
        }
    }
}
