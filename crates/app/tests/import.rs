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

both! {
    async fn xlsx_from_another_tool_imports_and_is_idempotent(b: Backend) {
        let w = world(b).await;
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
}

both! {
    async fn a_bad_file_reports_every_problem_and_writes_nothing(b: Backend) {
        let w = world(b).await;
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
}

both! {
    async fn csv_upserts_by_nisn_then_nis_and_refuses_clashes(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        // Andi (0012345678, NIS S45678) changes address; Budi (matched by his
        // NISN) moves to VII-A.
        let csv = "nis,nisn,full_name,gender,birth_place,birth_date,religion,address,class\n\
                   S45678,0012345678,Andi Pratama,L,Bandung,2012-03-04,Islam,Jl. Baru 1,VII-A\n\
                   S54321,0087654321,Budi Setiawan,L,Bandung,2012-03-04,Islam,Jl. Melati 2,VII-A\n";
        let report = app
            .import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes(), false)
            .await
            .unwrap();
        assert_eq!(
            (
                report.created,
                report.updated,
                report.unchanged,
                report.enrolled
            ),
            (0, 1, 1, 1)
        );
        let budi = app.student(&w.admin, w.other_student).await.unwrap();
        assert_eq!(
            budi.enrollments.len(),
            2,
            "moved from VII-B to VII-A, history kept"
        );
        assert_eq!(
            budi.enrollments[0].data.end_reason.as_deref(),
            Some("moved")
        );

        // A new NISN for Budi's NIS is not a correction the import guesses
        // (issue 10, item 3): it may be another child given a used NIS.
        let new_nisn = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n\
                        S54321,0087654322,Budi Setiawan,L,Bandung,2012-03-04,Islam\n";
        let AppError::ImportRejected(problems) = app
            .import(
                &w.admin,
                Kind::Students,
                Format::Csv,
                new_nisn.as_bytes(),
                false,
            )
            .await
            .unwrap_err()
        else {
            panic!()
        };
        assert_eq!((problems[0].row, problems[0].column.as_str()), (2, "nisn"));
        assert!(problems[0]
            .reason
            .contains("NIS S54321 belongs to Budi Setiawan (NISN 0087654321)"));
        let budi = app.student(&w.admin, w.other_student).await.unwrap();
        assert_eq!(budi.student.data.nisn, "0087654321");

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
}

both! {
    async fn export_reads_back_and_is_safe_from_formulas(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        app.import(&w.admin, Kind::Students, Format::Xlsx, GOOD_XLSX, false)
            .await
            .unwrap();
        for format in [Format::Csv, Format::Xlsx] {
            let bytes = app.export(&w.admin, Kind::Students, format).await.unwrap();
            if format == Format::Csv {
                let text = String::from_utf8(bytes.clone()).unwrap();
                // The student's own fields in declaration order, then the
                // class by name.
                let header = text.lines().next().unwrap();
                assert!(header.starts_with("nis,nisn,full_name,"), "{header}");
                assert!(header.ends_with(",class"), "{header}");
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
}

both! {
    async fn teachers_classes_subjects_and_enrollments(b: Backend) {
        let w = world(b).await;
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
        // Every kind has a record to round-trip (a header-only file is refused).
        app.create(
            &w.admin,
            &Room {
                name: "R. 7A".into(),
                capacity: 32,
                kind: "classroom".into(),
            },
        )
        .await
        .unwrap();
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
}

fn problems_of(err: AppError) -> Vec<schooldesk_app::RowProblem> {
    match err {
        AppError::ImportRejected(problems) => problems,
        other => panic!("expected the file to be rejected, got {other:?}"),
    }
}

fn places(problems: &[schooldesk_app::RowProblem]) -> Vec<(usize, &str)> {
    problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect()
}

const STUDENT_HEADER: &str =
    "nis,nisn,full_name,gender,birth_place,birth_date,religion,address,class";

both! {
    /// Issue 10, item 2: a `"` that opens an address and never closes must not
    /// swallow the rows after it into that address.
    async fn a_stray_quote_is_reported_with_its_row_and_nothing_is_written(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let before = counts(&w).await;
        let csv = format!(
            "{STUDENT_HEADER}\n\
             2501,0101010101,Ahmad Fauzi,L,Bandung,2012-01-15,Islam,Jl. Melati 1,VII-A\n\
             2502,0101010102,Siti Aminah,P,Garut,2012-03-02,Islam,\"Jl. Mawar 2,VII-A\n\
             2503,0101010103,Made Wirawan,L,Denpasar,2011-12-24,Hindu,Jl. Kenanga 3,VII-B\n\
             2504,0101010104,Maria Ulfa,P,Kupang,2012-07-07,Katolik,Jl. Anggrek 4,VII-B\n"
        );
        for skip_invalid in [false, true] {
            let problems = problems_of(
                app.import(
                    &w.admin,
                    Kind::Students,
                    Format::Csv,
                    csv.as_bytes(),
                    skip_invalid,
                )
                .await
                .unwrap_err(),
            );
            assert_eq!(places(&problems)[0], (3, "address"), "{problems:#?}");
            assert!(
                problems[0].reason.contains("lines 3 to 5"),
                "{}",
                problems[0].reason
            );
            assert_eq!(counts(&w).await, before, "nothing written ({skip_invalid})");
        }
        let preview = app
            .preview_import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes())
            .await;
        assert!(
            preview.is_err(),
            "a preview refuses the file too: {preview:?}"
        );

        // A row with a value too many, one with a value too few, and a quoted
        // value holding a line break: each named by its line.
        let csv = format!(
            "{STUDENT_HEADER}\n\
             2501,0101010101,Ahmad Fauzi,L,Bandung,2012-01-15,Islam,Jl. Melati 1,VII-A,extra\n\
             2502,0101010102,Siti Aminah,P,Garut,2012-03-02,Islam,Jl. Mawar 2\n\
             2503,0101010103,Made Wirawan,L,Denpasar,2011-12-24,Hindu,\"Jl. Kenanga\n3\",VII-B\n\
             2504,0101010104,Maria Ulfa,P,Kupang,2012-07-07,Katolik,Jl. Anggrek 4,VII-B\n"
        );
        let problems = problems_of(
            app.import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes(), true)
                .await
                .unwrap_err(),
        );
        assert_eq!(
            places(&problems),
            [(2, "-"), (3, "-"), (4, "address")],
            "{problems:#?}"
        );
        assert!(
            problems[0].reason.contains("10 values"),
            "{}",
            problems[0].reason
        );
        assert!(problems[0].reason.contains("the header has 9"));
        assert!(!problems.iter().any(|p| p.reason.contains("byte")));
        assert_eq!(counts(&w).await, before);

        // A file saved as Windows-1252 ("é" as one byte) is named by row and
        // column, without the parser's byte offsets.
        let mut latin1 = format!("{STUDENT_HEADER}\n").into_bytes();
        latin1.extend_from_slice(
            b"2501,0101010101,Ahmad Fauzi,L,Bandung,2012-01-15,Islam,Jl. Caf\xE9 1,VII-A\n",
        );
        let problems = problems_of(
            app.import(&w.admin, Kind::Students, Format::Csv, &latin1, true)
                .await
                .unwrap_err(),
        );
        assert_eq!(places(&problems), [(2, "address")], "{problems:#?}");
        assert!(
            problems[0].reason.contains("CSV UTF-8"),
            "{}",
            problems[0].reason
        );
        assert_eq!(counts(&w).await, before);
    }
}

both! {
    /// Issue 10, item 3: a row that matches on a weaker key but contradicts a
    /// stronger one is a conflict, never an update.
    async fn matching_never_overwrites_a_different_person(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let teachers = "nama,nip,nuptk,jk,hp,email\n\
                        Siti Aminah,197001012000032001,1234567890123456,P,0812,siti@sekolah.id\n\
                        Joko Susilo,,2234567890123456,L,,\n\
                        Rina Dewi,,,P,,\n\
                        Rina Dewi,,,P,,\n";
        // Two teachers named Rina Dewi are refused in one file ...
        let p = problems_of(
            app.import(
                &w.admin,
                Kind::Teachers,
                Format::Csv,
                teachers.as_bytes(),
                false,
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(places(&p), [(5, "nama")], "{b:?} {p:#?}");
        let teachers = teachers.rsplit_once("Rina Dewi").unwrap().0;
        app.import(
            &w.admin,
            Kind::Teachers,
            Format::Csv,
            teachers.as_bytes(),
            false,
        )
        .await
        .unwrap();
        let before = counts(&w).await;
        let stored_teachers = store_of(app)
            .await
            .list::<Teacher>(&Query::all())
            .await
            .unwrap();

        // A student with Andi's NIS but another NISN, name and birth date;
        // one with Andi's NISN but another name and birth date.
        let students = format!(
            "{STUDENT_HEADER}\n\
             S45678,0099999901,Orang Lain,P,Garut,2013-01-01,Islam,Jl. Lain 1,\n\
             S99999,0012345678,Orang Lain Lagi,P,Garut,2013-01-01,Islam,Jl. Lain 2,\n"
        );
        let p = problems_of(
            app.import(
                &w.admin,
                Kind::Students,
                Format::Csv,
                students.as_bytes(),
                false,
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(
            places(&p),
            [(2, "nisn"), (3, "full_name")],
            "{b:?} {p:#?}"
        );
        assert!(
            p[0].reason.contains("NIS S45678 belongs to Andi Pratama"),
            "{}",
            p[0].reason
        );
        assert!(
            p[1].reason
                .contains("NISN 0012345678 belongs to Andi Pratama"),
            "{}",
            p[1].reason
        );

        // A teacher with Siti's name but another NIP; Joko's name and
        // NUPTK with Siti's NIP; Rina's name with Siti's NUPTK.
        let rows = "nama,nip,nuptk,jk,hp,email\n\
                    Siti Aminah,198501012010012001,,P,0899,lain@sekolah.id\n\
                    Joko Susilo,197001012000032001,2234567890123456,L,,\n\
                    Rina Dewi,,1234567890123456,P,,\n";
        let p = problems_of(
            app.import(
                &w.admin,
                Kind::Teachers,
                Format::Csv,
                rows.as_bytes(),
                false,
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(
            places(&p),
            [(2, "nip"), (3, "nuptk"), (4, "nama")],
            "{b:?} {p:#?}"
        );
        assert!(
            p[0].reason
                .contains("Siti Aminah has NIP 197001012000032001"),
            "{}",
            p[0].reason
        );

        assert_eq!(counts(&w).await, before, "{b:?}: nothing written");
        assert_eq!(
            store_of(app)
                .await
                .list::<Teacher>(&Query::all())
                .await
                .unwrap(),
            stored_teachers,
            "{b:?}"
        );
        let andi = app.student(&w.admin, w.own_student).await.unwrap();
        assert_eq!(andi.student.data.full_name, "Andi Pratama");
        assert_eq!(andi.student.data.nisn, "0012345678");

        // A row with Siti's name and no number is not Siti: it may be
        // another teacher, and its blanks would erase her NIP and NUPTK.
        let rows = "nama,nip,nuptk,jk,hp,email\n\
                    Siti Aminah,,,P,0855,lain@sekolah.id\n";
        let p = problems_of(
            app.import(
                &w.admin,
                Kind::Teachers,
                Format::Csv,
                rows.as_bytes(),
                false,
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(places(&p), [(2, "nip")], "{b:?} {p:#?}");
        assert!(
            p[0].reason.contains("197001012000032001"),
            "{}",
            p[0].reason
        );
        // Her NUPTK alone updates her, and a blank NIP keeps the stored one.
        let rows = "nama,nip,nuptk,jk,hp,email\n\
                    Siti Aminah,,1234567890123456,P,0855,baru@sekolah.id\n";
        app.import(
            &w.admin,
            Kind::Teachers,
            Format::Csv,
            rows.as_bytes(),
            false,
        )
        .await
        .unwrap();
        let siti = store_of(app)
            .await
            .first::<Teacher>(Query::all().eq("full_name", "Siti Aminah"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(siti.data.nip.as_deref(), Some("197001012000032001"));
        assert_eq!(siti.data.email.as_deref(), Some("baru@sekolah.id"));

        // Budi's guardian row with exactly the details of Andi's mother,
        // who has a parent login: Budi gets a guardian of his own, and the
        // parent still cannot read him. Two rows of only a name and "ibu"
        // are two people.
        let rows = "nisn,nama,hubungan,hp\n\
                    0087654321,Ibu Andi,ibu,\n\
                    0087654321,Ibu Lina,ibu,\n\
                    0012345678,Ibu Lina,ibu,\n";
        app.import(
            &w.admin,
            Kind::Guardians,
            Format::Csv,
            rows.as_bytes(),
            false,
        )
        .await
        .unwrap();
        let budi = app.student(&w.admin, w.other_student).await.unwrap();
        let andi = app.student(&w.admin, w.own_student).await.unwrap();
        let ids = |r: &schooldesk_app::records::StudentRecord| -> Vec<Id> {
            r.guardians.iter().map(|g| g.id()).collect()
        };
        assert_eq!(budi.guardians.len(), 2, "{b:?}");
        assert!(
            ids(&budi).iter().all(|id| !ids(&andi).contains(id)),
            "{b:?}: no guardian shared by name alone or with a login"
        );
        assert!(
            matches!(
                app.student(&w.parent, w.other_student).await,
                Err(AppError::NotAllowed(_))
            ),
            "{b:?}"
        );
        app.close().await;
    }
}

both! {
    /// Issue 10, item 15: a tiny workbook with one far-away cell must be refused
    /// by its size, not read into a grid of billions of cells.
    async fn a_workbook_with_a_far_away_cell_is_refused_not_allocated(b: Backend) {
        let w = world(b).await;
        for (row, col, reference) in [
            (1_048_575u32, 16_383u16, "XFD1048576"),
            (199_999, 1_999, "BXX200000"),
        ] {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for (c, h) in ["nis", "nisn", "full_name"].iter().enumerate() {
                sheet.write_string(0, c as u16, *h).unwrap();
            }
            sheet.write_string(row, col, "x").unwrap();
            let bytes = book.save_to_buffer().unwrap();
            assert!(bytes.len() < 10_000, "a small file: {}", bytes.len());
            let p = problems_of(
                w.app
                    .import(&w.admin, Kind::Students, Format::Xlsx, &bytes, false)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(places(&p), [(row as usize + 1, reference)], "{p:#?}");
            assert!(
                p[0].reason.contains("at most"),
                "names the limit: {}",
                p[0].reason
            );
        }
        // A CSV is held to the same bounds: a line of 50,000 commas is refused
        // at its first cell past the last column, not read into 50,000 cells.
        let mut csv = String::from("nis,nisn,full_name\n1,0012345678,Siti\n");
        csv.push_str(&",".repeat(50_000));
        csv.push('\n');
        let p = problems_of(
            w.app
                .import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes(), false)
                .await
                .unwrap_err(),
        );
        assert_eq!(places(&p), [(3, "GS3")], "{p:#?}");
    }
}

both! {
    /// Issue 10, smaller items: a date cell holding 0 is no birth date, nor is
    /// 1899-12-31; row numbers are the sheet's own when the header is lower down
    /// and blank rows are skipped.
    async fn implausible_dates_and_the_sheets_own_row_numbers(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let mut book = rust_xlsxwriter::Workbook::new();
        let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        let sheet = book.add_worksheet();
        sheet
            .write_string(0, 0, "Daftar Peserta Didik 2025/2026")
            .unwrap();
        let header = [
            "nis",
            "nisn",
            "full_name",
            "gender",
            "birth_place",
            "birth_date",
            "religion",
        ];
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(2, c as u16, *h).unwrap();
        }
        let row = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32, nisn: &str, serial: f64| {
            for (c, v) in ["2501", nisn, "Ahmad Fauzi", "L", "Bandung"]
                .iter()
                .enumerate()
            {
                sheet.write_string(r, c as u16, *v).unwrap();
            }
            sheet
                .write_number_with_format(r, 5, serial, &date_format)
                .unwrap();
            sheet.write_string(r, 6, "Islam").unwrap();
        };
        row(sheet, 3, "0101010101", 0.0); // row 4
        row(sheet, 5, "0101010102", -3.0); // row 6, after a blank row 5
        row(sheet, 6, "0101010103", 40_000.0); // row 7: a good date (2009-07-06)
        let bytes = book.save_to_buffer().unwrap();
        let p = problems_of(
            app.import(&w.admin, Kind::Students, Format::Xlsx, &bytes, false)
                .await
                .unwrap_err(),
        );
        let found: Vec<(usize, &str)> = places(&p)
            .into_iter()
            .filter(|(_, c)| *c == "birth_date")
            .collect();
        assert_eq!(found, [(4, "birth_date"), (6, "birth_date")], "{p:#?}");
        assert!(p.iter().all(|p| !p.reason.contains("1899")), "{p:#?}");

        let csv = format!(
            "\n{STUDENT_HEADER}\n\
             2501,0101010101,Ahmad Fauzi,L,Bandung,1899-12-31,Islam,,\n\
             \n\
             2502,0101010102,Siti Aminah,P,Garut,2025-06-01,Islam,,\n\
             2503,0101010103,Made Wirawan,L,Denpasar,2011-12-24,Hindu,,\n"
        );
        let p = problems_of(
            app.import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes(), false)
                .await
                .unwrap_err(),
        );
        assert_eq!(places(&p), [(3, "birth_date"), (5, "birth_date")], "{p:#?}");
        assert!(
            p[0].reason.contains("not a plausible birth date"),
            "{}",
            p[0].reason
        );
    }
}

both! {
    /// Issue 10, smaller items: a file with a header and no rows is refused, and
    /// the rejected rows are counted as rows, not as problems.
    async fn a_header_only_file_is_refused_and_rejected_rows_are_rows(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        for bytes in [
            format!("{STUDENT_HEADER}\n"),
            format!("{STUDENT_HEADER}\n,,,,,,,,\n\n"),
        ] {
            let p = problems_of(
                app.preview_import(&w.admin, Kind::Students, Format::Csv, bytes.as_bytes())
                    .await
                    .unwrap_err(),
            );
            assert!(p[0].reason.contains("no records"), "{p:#?}");
        }
        let csv = format!(
            "{STUDENT_HEADER}\n\
             2501,12,,L,Bandung,2012-01-15,Islam,,\n\
             2502,0101010102,Siti Aminah,P,Garut,2012-03-02,Islam,,\n"
        );
        let report = app
            .import(&w.admin, Kind::Students, Format::Csv, csv.as_bytes(), true)
            .await
            .unwrap();
        assert_eq!(report.rejected.len(), 2, "two problems ...");
        assert_eq!(report.rejected_rows(), 1, "... in one row");
        assert_eq!(report.created, 1);
    }
}

/// (NISN, class, year, start, end, end reason)
type EnrollmentRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// A semester: number, name, start, end.
type SemesterRow = (i64, String, String, String);

/// A school's records as the export carries them: ids, timestamps and user
/// accounts (which the export does not hold) left out, references by name.
#[derive(Debug, PartialEq)]
struct Records {
    /// Each year with its semesters (number, name, dates).
    years: Vec<(AcademicYear, Vec<SemesterRow>)>,
    rooms: Vec<Room>,
    /// (teacher, subject code, class, year, periods per week).
    assignments: Vec<(String, String, String, String, i64)>,
    teachers: Vec<Teacher>,
    subjects: Vec<Subject>,
    classes: Vec<(String, i64, String, Option<String>)>,
    students: Vec<Student>,
    enrollments: Vec<EnrollmentRow>,
    guardians: Vec<(Guardian, Vec<String>)>,
}

async fn records(app: &schooldesk_app::App) -> Records {
    let store = store_of(app).await;
    let all = Query::all();
    let years: std::collections::HashMap<Id, String> = store
        .list::<AcademicYear>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|y| (y.id(), y.data.name))
        .collect();
    let teacher_rows = store.list::<Teacher>(&all).await.unwrap();
    let teacher_name: std::collections::HashMap<Id, String> = teacher_rows
        .iter()
        .map(|t| (t.id(), t.data.full_name.clone()))
        .collect();
    let mut teachers: Vec<Teacher> = teacher_rows
        .into_iter()
        .map(|t| Teacher {
            user_id: None,
            ..t.data
        })
        .collect();
    teachers.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    let mut subjects: Vec<Subject> = store
        .list::<Subject>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.data)
        .collect();
    subjects.sort_by(|a, b| a.code.cmp(&b.code));
    let class_rows = store.list::<Class>(&all).await.unwrap();
    let class_name: std::collections::HashMap<Id, String> = class_rows
        .iter()
        .map(|c| (c.id(), c.data.name.clone()))
        .collect();
    let mut classes: Vec<_> = class_rows
        .into_iter()
        .map(|c| {
            (
                c.data.name,
                c.data.grade_level,
                years[&c.data.academic_year_id].clone(),
                c.data.homeroom_teacher_id.map(|t| teacher_name[&t].clone()),
            )
        })
        .collect();
    classes.sort();
    let student_rows = store.list::<Student>(&all).await.unwrap();
    let nisn: std::collections::HashMap<Id, String> = student_rows
        .iter()
        .map(|s| (s.id(), s.data.nisn.clone()))
        .collect();
    let mut students: Vec<Student> = student_rows
        .into_iter()
        .map(|s| Student {
            user_id: None,
            ..s.data
        })
        .collect();
    students.sort_by(|a, b| a.nisn.cmp(&b.nisn));
    let mut enrollments: Vec<_> = store
        .list::<Enrollment>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let d = e.data;
            (
                nisn[&d.student_id].clone(),
                class_name[&d.class_id].clone(),
                years[&d.academic_year_id].clone(),
                d.start_date.to_string(),
                d.end_date.map(|d| d.to_string()),
                d.end_reason,
            )
        })
        .collect();
    enrollments.sort();
    let links = store.list::<StudentGuardian>(&all).await.unwrap();
    let mut guardians: Vec<(Guardian, Vec<String>)> = store
        .list::<Guardian>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|g| {
            let mut children: Vec<String> = links
                .iter()
                .filter(|l| l.data.guardian_id == g.id())
                .map(|l| nisn[&l.data.student_id].clone())
                .collect();
            children.sort();
            (
                Guardian {
                    user_id: None,
                    ..g.data
                },
                children,
            )
        })
        .collect();
    guardians.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    let year_rows = store.list::<AcademicYear>(&all).await.unwrap();
    let terms = store.list::<Term>(&all).await.unwrap();
    let mut year_records: Vec<_> = year_rows
        .into_iter()
        .map(|y| {
            let mut semesters: Vec<_> = terms
                .iter()
                .filter(|t| t.data.academic_year_id == y.id())
                .map(|t| {
                    (
                        t.data.number,
                        t.data.name.clone(),
                        t.data.start_date.to_string(),
                        t.data.end_date.to_string(),
                    )
                })
                .collect();
            semesters.sort();
            (y.data, semesters)
        })
        .collect();
    year_records.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let mut rooms: Vec<Room> = store
        .list::<Room>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.data)
        .collect();
    rooms.sort_by(|a, b| a.name.cmp(&b.name));
    let class_year: std::collections::HashMap<Id, String> = store
        .list::<Class>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id(), years[&c.data.academic_year_id].clone()))
        .collect();
    let subject_code: std::collections::HashMap<Id, String> = store
        .list::<Subject>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id(), s.data.code))
        .collect();
    let mut assignments: Vec<_> = store
        .list::<TeachingAssignment>(&all)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            let d = a.data;
            (
                teacher_name[&d.teacher_id].clone(),
                subject_code[&d.subject_id].clone(),
                class_name[&d.class_id].clone(),
                class_year[&d.class_id].clone(),
                d.periods_per_week,
            )
        })
        .collect();
    assignments.sort();
    Records {
        years: year_records,
        rooms,
        assignments,
        teachers,
        subjects,
        classes,
        students,
        enrollments,
        guardians,
    }
}

/// Fills the world with what a school's year holds: every optional field,
/// an inactive teacher, a move, a student who left, siblings sharing a
/// guardian, enrollments that started on their own dates.
async fn varied_school(w: &World) {
    let app = &w.app;
    let a = &w.admin;
    let siti = app
        .create(
            a,
            &Teacher {
                full_name: "Siti Aminah".into(),
                nip: Some("197001012000032001".into()),
                nuptk: Some("1234567890123456".into()),
                gender: Gender::Female,
                phone: Some("081234567890".into()),
                email: Some("siti@sekolah.id".into()),
                user_id: None,
                active: true,
            },
        )
        .await
        .unwrap();
    app.create(
        a,
        &Teacher {
            full_name: "Joko Pensiun".into(),
            nip: None,
            nuptk: Some("2234567890123456".into()),
            gender: Gender::Male,
            phone: None,
            email: None,
            user_id: None,
            active: false,
        },
    )
    .await
    .unwrap();
    let viii = app
        .create(
            a,
            &Class {
                name: "VIII-A".into(),
                grade_level: 8,
                academic_year_id: w.year,
                homeroom_teacher_id: Some(siti.id()),
            },
        )
        .await
        .unwrap()
        .id();
    app.create(
        a,
        &Subject {
            code: "PAI".into(),
            name: "Pendidikan Agama Islam".into(),
            group_name: "Kelompok A".into(),
            religion_specific: true,
        },
    )
    .await
    .unwrap();
    let make = |nisn: &str, name: &str, status| Student {
        gender: Gender::Female,
        birth_place: "Garut".into(),
        birth_date: date(2011, 11, 30),
        religion: "Kristen".into(),
        address: "Jl. Anggrek 4, RT 01/RW 02".into(),
        status,
        ..student(nisn, name)
    };
    let sister = app
        .create_student(
            a,
            &make("0011111111", "Rina Kakak", StudentStatus::Active),
            None,
        )
        .await
        .unwrap()
        .id();
    let brother = app
        .create_student(
            a,
            &make("0022222222", "Rudi Adik", StudentStatus::Active),
            None,
        )
        .await
        .unwrap()
        .id();
    let left = app
        .create_student(
            a,
            &make("0033333333", "Lina Pindah", StudentStatus::MovedOut),
            None,
        )
        .await
        .unwrap()
        .id();
    app.enroll(a, sister, viii, Some(date(2025, 7, 14)))
        .await
        .unwrap();
    app.enroll(a, brother, w.class_b, Some(date(2025, 7, 15)))
        .await
        .unwrap();
    app.move_student(a, brother, w.class_a, Some(date(2025, 9, 1)))
        .await
        .unwrap();
    app.enroll(a, left, w.class_b, Some(date(2025, 7, 16)))
        .await
        .unwrap();
    app.remove_from_class(a, left, w.class_b, Some(date(2025, 10, 3)), "moved_out")
        .await
        .unwrap();
    let parent = app
        .add_guardian(
            a,
            sister,
            &Guardian {
                full_name: "Bapak Hendra".into(),
                relation: "ayah".into(),
                phone: Some("0811111111".into()),
                occupation: Some("Petani".into()),
                address: Some("Jl. Anggrek 4".into()),
                user_id: None,
            },
        )
        .await
        .unwrap();
    app.link_guardian(a, brother, parent.id()).await.unwrap();
    app.add_guardian(
        a,
        left,
        &Guardian {
            full_name: "Ibu Lina".into(),
            relation: "ibu".into(),
            phone: None,
            occupation: None,
            address: None,
            user_id: None,
        },
    )
    .await
    .unwrap();
    earlier_year(w, siti.id()).await;
}

/// A year before the world's, with its semesters, classes, an assignment,
/// a student moved and one who left in it; and rooms.
async fn earlier_year(w: &World, siti: Id) {
    let app = &w.app;
    let a = &w.admin;
    let year = app
        .create_year_with_terms(
            a,
            &AcademicYear {
                name: "2024/2025".into(),
                start_date: date(2024, 7, 15),
                end_date: date(2025, 6, 28),
                is_current: false,
            },
            &[
                (date(2024, 7, 15), date(2024, 12, 21)),
                (date(2025, 1, 6), date(2025, 6, 21)),
            ],
        )
        .await
        .unwrap()
        .id();
    let class = |name: &str, homeroom| Class {
        name: name.into(),
        grade_level: 7,
        academic_year_id: year,
        homeroom_teacher_id: homeroom,
    };
    let old_a = app
        .create(a, &class("VII-A", Some(siti)))
        .await
        .unwrap()
        .id();
    let old_b = app.create(a, &class("VII-B", None)).await.unwrap().id();
    let pai = app
        .list::<Subject>(a, &Query::all().eq("code", "PAI"))
        .await
        .unwrap()[0]
        .id();
    app.create(
        a,
        &TeachingAssignment {
            teacher_id: siti,
            subject_id: pai,
            class_id: old_a,
            periods_per_week: 3,
        },
    )
    .await
    .unwrap();
    let nisn = |n: &str| {
        let n = n.to_string();
        async move {
            store_of(app)
                .await
                .first::<Student>(Query::all().eq("nisn", n.as_str()))
                .await
                .unwrap()
                .unwrap()
                .id()
        }
    };
    let sister = nisn("0011111111").await;
    let brother = nisn("0022222222").await;
    app.enroll(a, sister, old_a, Some(date(2024, 7, 15)))
        .await
        .unwrap();
    app.remove_from_class(a, sister, old_a, Some(date(2025, 6, 28)), "promoted")
        .await
        .unwrap();
    app.enroll(a, brother, old_b, Some(date(2024, 7, 15)))
        .await
        .unwrap();
    app.move_student(a, brother, old_a, Some(date(2024, 11, 4)))
        .await
        .unwrap();
    let gone = app
        .create_student(
            a,
            &Student {
                status: StudentStatus::MovedOut,
                ..student("0044444444", "Dodi Keluar")
            },
            None,
        )
        .await
        .unwrap()
        .id();
    app.enroll(a, gone, old_b, Some(date(2024, 8, 1)))
        .await
        .unwrap();
    app.remove_from_class(a, gone, old_b, Some(date(2025, 2, 14)), "moved_out")
        .await
        .unwrap();
    for (name, capacity, kind) in [("R. 7A", 32, "classroom"), ("Lab IPA", 24, "lab")] {
        app.create(
            a,
            &Room {
                name: name.into(),
                capacity,
                kind: kind.into(),
            },
        )
        .await
        .unwrap();
    }
}

both! {
    /// Issue 10, item 4: a school's export imports into an empty school as
    /// exactly the same records (enrollments keep their dates, ended ones
    /// included; two academic years with their semesters, rooms and teaching
    /// assignments), on both backends and in both formats, into a school that
    /// has nothing but its first administrator.
    async fn an_export_imports_into_an_empty_school_as_the_same_records(b: Backend) {
        let w = world(b).await;
        varied_school(&w).await;
        let original = records(&w.app).await;
        assert_eq!(
            original
                .enrollments
                .iter()
                .filter(|e| e.4.is_some())
                .count(),
            5
        );
        assert_eq!(
            (
                original.years.len(),
                original.rooms.len(),
                original.assignments.len()
            ),
            (2, 2, 2)
        );
        for format in [Format::Csv, Format::Xlsx] {
            let mut files = Vec::new();
            for kind in Kind::ALL {
                files.push((kind, w.app.export(&w.admin, kind, format).await.unwrap()));
            }
            let (app, _clock, _dir) = empty_app(b).await;
            // Truly empty: only its first administrator; the years come
            // from the export.
            let admin = set_up(&app).await.actor;
            for (kind, bytes) in &files {
                app.import(&admin, *kind, format, bytes, false)
                    .await
                    .unwrap_or_else(|e| panic!("{b:?} {format:?} {kind:?}: {e}"));
            }
            assert_eq!(records(&app).await, original, "{b:?} {format:?}");
            // And importing the same files again changes nothing.
            for (kind, bytes) in &files {
                let r = app
                    .import(&admin, *kind, format, bytes, false)
                    .await
                    .unwrap();
                assert_eq!(
                    (r.created, r.updated, r.enrolled),
                    (0, 0, 0),
                    "{b:?} {format:?} {kind:?}"
                );
            }
            app.close().await;
        }
        w.app.close().await;
    }
}

async fn rejected(w: &World, kind: Kind, csv: &str) -> Vec<(usize, String, &'static str)> {
    let AppError::ImportRejected(problems) = w
        .app
        .import(&w.admin, kind, Format::Csv, csv.as_bytes(), false)
        .await
        .unwrap_err()
    else {
        panic!("{kind:?} should be rejected")
    };
    problems
        .into_iter()
        .map(|p| (p.row, p.column, p.code))
        .collect()
}

both! {
    /// Issue 10, item 4: years, rooms and teaching assignments import with the
    /// same rules as the other kinds: Indonesian headers, problems with their
    /// row and column, one current year, an update only of the same record.
    async fn years_rooms_and_assignments_import_by_their_keys(b: Backend) {
        let w = world(b).await;
        // Two rows marking a year current: the second is refused.
        let two = "tahun_ajaran,tanggal_mulai,tanggal_selesai,berjalan\n\
                   2026/2027,2026-07-13,2027-06-30,ya\n\
                   2027/2028,2027-07-12,2028-06-30,ya\n";
        assert_eq!(
            rejected(&w, Kind::Years, two).await,
            vec![(3, "berjalan".to_string(), "second_current")]
        );
        // A semester outside its year is refused on its own column.
        let outside =
            "name,start_date,end_date,current,semester1_name,semester1_start,semester1_end\n\
                       2026/2027,2026-07-13,2027-06-30,no,Ganjil,2026-07-01,2026-12-20\n";
        assert_eq!(
            rejected(&w, Kind::Years, outside).await,
            vec![(2, "semester1_start".to_string(), "semester_in_year")]
        );
        // A new current year ends the stored one's turn; its semesters are made.
        let next = "name,start_date,end_date,current,semester1_name,semester1_start,semester1_end,semester2_name,semester2_start,semester2_end\n\
                    2026/2027,2026-07-13,2027-06-30,yes,Ganjil,2026-07-13,2026-12-19,Genap,2027-01-04,2027-06-19\n";
        let r = w
            .app
            .import(&w.admin, Kind::Years, Format::Csv, next.as_bytes(), false)
            .await
            .unwrap();
        assert_eq!((r.created, r.updated), (1, 1));
        let store = store_of(&w.app).await;
        let years = store.list::<AcademicYear>(&Query::all()).await.unwrap();
        let current: Vec<&str> = years
            .iter()
            .filter(|y| y.data.is_current)
            .map(|y| y.data.name.as_str())
            .collect();
        assert_eq!(current, ["2026/2027"]);
        assert_eq!(store.count::<Term>().await.unwrap(), 4);
        // Rooms by name: a second import of another capacity updates it.
        let rooms = "nama_ruang,kapasitas,jenis\nLab IPA,24,lab\n";
        w.app
            .import(&w.admin, Kind::Rooms, Format::Csv, rooms.as_bytes(), false)
            .await
            .unwrap();
        let r = w
            .app
            .import(
                &w.admin,
                Kind::Rooms,
                Format::Csv,
                "name,capacity,kind\nLab IPA,30,lab\n".as_bytes(),
                false,
            )
            .await
            .unwrap();
        assert_eq!((r.created, r.updated), (0, 1));
        // Assignments: an unknown subject, teacher or class is named on its column.
        let bad = "guru,kode_mapel,rombel,tahun_ajaran,jjm\n\
                   Pak Guru,XYZ,VII-A,2025/2026,4\n\
                   Bu Nobody,MTK,VII-A,2025/2026,4\n\
                   Pak Guru,MTK,IX-Z,2025/2026,4\n";
        assert_eq!(
            rejected(&w, Kind::Assignments, bad).await,
            vec![
                (2, "kode_mapel".to_string(), "no_subject"),
                (3, "guru".to_string(), "no_teacher"),
                (4, "rombel".to_string(), "no_class"),
            ]
        );
        // The world's assignment (Pak Guru, MTK, VII-A) gets new periods.
        let r = w
            .app
            .import(
                &w.admin,
                Kind::Assignments,
                Format::Csv,
                "teacher,subject,class,year,periods_per_week\nPak Guru,MTK,VII-A,2025/2026,6\n"
                    .as_bytes(),
                false,
            )
            .await
            .unwrap();
        assert_eq!((r.created, r.updated), (0, 1));
        let a = store
            .list::<TeachingAssignment>(&Query::all())
            .await
            .unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].data.periods_per_week, 6);
        w.app.close().await;
    }
}
