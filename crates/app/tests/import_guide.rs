//! Issue 16, item 7: imports that guide. The good rows of a file with bad
//! ones can be written (in one commit, still refused once stale) and the
//! bad ones saved for fixing; classes a students file names can be created
//! in the same import; a Dapodik export (title rows above its header, its
//! column names) reads as it is; a missing column names the columns found
//! and the nearest one; teaching assignments name a subject by its code or
//! its name and a teacher by the NIP as printed. Every file is a real XLSX
//! workbook. On SQLite and on PostgreSQL.

mod common;

use calamine::Reader;
use common::*;
use schooldesk_app::sheet::{Format, ImportOptions, Kind};
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_store::Query;

/// A workbook whose first sheet holds `rows` from its first row, every
/// cell text (as an office types it), except cells given as numbers.
fn xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// The first sheet of a workbook as text.
fn read_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

const HEADER: [&str; 8] = [
    "nis",
    "nisn",
    "full_name",
    "gender",
    "birth_place",
    "birth_date",
    "religion",
    "class",
];

fn student_row<'a>(nis: &'a str, nisn: &'a str, name: &'a str, class: &'a str) -> Vec<&'a str> {
    vec![
        nis,
        nisn,
        name,
        "P",
        "Bandung",
        "2012-05-01",
        "Islam",
        class,
    ]
}

async fn student_names(app: &schooldesk_app::App) -> Vec<String> {
    let mut names: Vec<String> = store_of(app)
        .await
        .list::<Student>(&Query::all())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.data.full_name)
        .collect();
    names.sort();
    names
}

both! {
    /// "Import the good rows": the three good rows are written together, the
    /// two bad ones are left out and saved, as the file had them, with a
    /// column naming the row, the column and what is wrong; the saved file
    /// imports again once fixed (the problem column is ignored).
    async fn the_good_rows_are_written_and_the_bad_ones_saved(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let before = student_names(app).await;
        let file = xlsx(&[
            HEADER.to_vec(),
            student_row("3001", "0030000001", "Citra Lestari", "VII-A"),
            student_row("3002", "00300002", "Dewi Anggraini", "VII-A"),
            student_row("3003", "0030000003", "Eko Saputra", "VII-B"),
            student_row("3004", "0030000004", "Fajar Nugroho", "IX-Z"),
            student_row("3005", "0030000005", "Gita Permata", "VII-B"),
        ]);
        let plan = app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &file)
            .await
            .unwrap();
        let problems = plan.report().rejected.clone();
        let places: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(places, [(3, "nisn"), (5, "class")]);
        assert_eq!(problems[1].code, "no_class");
        assert_eq!(plan.report().rejected_rows(), 2);
        assert_eq!(plan.report().created, 3, "the good rows are planned");
        let rejected = plan.rejected_rows().clone();
        assert_eq!(
            rejected.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            [3, 5]
        );

        // Without the user's say-so, nothing is written.
        let again = app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &file)
            .await
            .unwrap();
        let err = app.write_import(&w.admin, again, false).await.unwrap_err();
        assert!(matches!(err, AppError::ImportRejected(ref p) if p.len() == 2), "{err:?}");
        assert_eq!(student_names(app).await, before);

        // With it, the good rows, in one commit (one audit event each, all
        // at once), enrolled as their rows say.
        let audit_before = store_of(app).await.backend().count_audit().await.unwrap();
        let report = app.write_import(&w.admin, plan, true).await.unwrap();
        assert!(report.written);
        assert_eq!((report.created, report.enrolled), (3, 3));
        let mut expected = before.clone();
        expected.extend(["Citra Lestari", "Eko Saputra", "Gita Permata"].map(String::from));
        expected.sort();
        assert_eq!(student_names(app).await, expected);
        let audit_after = store_of(app).await.backend().count_audit().await.unwrap();
        assert_eq!(audit_after - audit_before, 6, "3 students and 3 enrollments");

        // The rejected rows, saved: the file's header and cells, and the
        // problem column, in the UI's words when it gives them.
        let texts: Vec<String> = problems
            .iter()
            .map(|p| format!("(id) {}", p.code))
            .collect();
        let saved = rejected
            .file(Format::Xlsx, &problems, ("masalah", "baris"), Some(&texts))
            .unwrap();
        let grid = read_xlsx(&saved);
        assert_eq!(grid.len(), 3, "{grid:?}");
        assert_eq!(grid[0][..8], HEADER.map(String::from));
        assert_eq!(grid[0][8], "masalah");
        assert_eq!(grid[1][..3], ["3002", "00300002", "Dewi Anggraini"].map(String::from));
        assert_eq!(grid[1][8], format!("baris 3: nisn: (id) {}", problems[0].code));
        assert_eq!(grid[2][7], "IX-Z");
        assert_eq!(grid[2][8], "baris 5: class: (id) no_class");
        let english = rejected
            .file(Format::Xlsx, &problems, ("problem", "row"), None)
            .unwrap();
        let grid = read_xlsx(&english);
        assert!(grid[2][8].starts_with("row 5: class: there is no class \"IX-Z\""), "{grid:?}");

        // Fixed in the saved file, it imports; its problem column is ignored.
        let fixed = xlsx(&[
            grid[0].iter().map(String::as_str).collect(),
            student_row("3002", "0030000002", "Dewi Anggraini", "VII-A")
                .into_iter()
                .chain(["row 3: …"])
                .collect(),
            student_row("3004", "0030000004", "Fajar Nugroho", "VII-B")
                .into_iter()
                .chain(["row 5: …"])
                .collect(),
        ]);
        let report = app
            .import(&w.admin, Kind::Students, Format::Xlsx, &fixed, false)
            .await
            .unwrap();
        assert_eq!(report.created, 2);
        assert_eq!(report.ignored_columns, ["problem"]);
        app.close().await;
    }
}

both! {
    /// Importing the good rows keeps the stale-plan check: a record added by
    /// hand since the preview refuses the write, good rows and all.
    async fn the_good_rows_of_a_stale_plan_are_refused(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let file = xlsx(&[
            HEADER.to_vec(),
            student_row("3001", "0030000001", "Citra Lestari", "VII-A"),
            student_row("3004", "0030000004", "Fajar Nugroho", "IX-Z"),
        ]);
        let plan = app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &file)
            .await
            .unwrap();
        app.create(
            &w.admin,
            &Subject {
                code: "IPA".into(),
                name: "Ilmu Pengetahuan Alam".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap();
        let before = student_names(app).await;
        let err = app.write_import(&w.admin, plan, true).await.unwrap_err();
        assert!(matches!(err, AppError::ImportStale { .. }), "{err:?}");
        assert_eq!(student_names(app).await, before);
        app.close().await;
    }
}

both! {
    /// 30 students in classes the year lacks: each row says so, with the
    /// grade level its name shows; asked to, the import creates the classes
    /// (audited, in the same commit) and puts the students in them. A class
    /// whose name shows no grade is not guessed.
    async fn the_classes_a_students_file_names_can_be_created(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let classes = ["VIII A", "VIII B", "9C"];
        let nisns: Vec<(String, String)> = (0..30)
            .map(|i| (format!("40{i:02}"), format!("00400000{i:02}")))
            .collect();
        let mut rows = vec![HEADER.to_vec()];
        for (i, (nis, nisn)) in nisns.iter().enumerate() {
            rows.push(student_row(nis, nisn, "Hana Wijaya", classes[i % 3]));
        }
        rows.push(student_row("4099", "0040000099", "Indra Kusuma", "Kelas Unggulan"));
        let file = xlsx(&rows);
        let plan = app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &file)
            .await
            .unwrap();
        let problems = &plan.report().rejected;
        assert_eq!(problems.len(), 31);
        assert!(problems.iter().all(|p| p.code == "no_class"));
        let grade = |row: usize| {
            problems
                .iter()
                .find(|p| p.row == row)
                .and_then(|p| p.params.iter().find(|(k, _)| *k == "grade"))
                .map(|(_, v)| v.clone())
        };
        assert_eq!(grade(2).as_deref(), Some("8"));
        assert_eq!(grade(4).as_deref(), Some("9"));
        assert_eq!(grade(32), None, "Kelas Unggulan shows no grade");
        assert!(plan.report().created_classes.is_empty());

        let options = ImportOptions {
            create_missing_classes: true,
        };
        let plan = app
            .plan_import_with(&w.admin, Kind::Students, Format::Xlsx, &file, options)
            .await
            .unwrap();
        assert_eq!(plan.report().created_classes, classes);
        let left: Vec<usize> = plan.report().rejected.iter().map(|p| p.row).collect();
        assert_eq!(left, [32]);
        let report = app.write_import(&w.admin, plan, true).await.unwrap();
        assert_eq!((report.created, report.enrolled), (30, 30));
        let store = store_of(app).await;
        let made: Vec<(String, i64)> = store
            .list::<Class>(&Query::all())
            .await
            .unwrap()
            .into_iter()
            .filter(|c| classes.contains(&c.data.name.as_str()))
            .map(|c| (c.data.name, c.data.grade_level))
            .collect();
        let mut made = made;
        made.sort();
        assert_eq!(made, [("9C".into(), 9), ("VIII A".into(), 8), ("VIII B".into(), 8)]);
        let audited = store
            .backend()
            .audit(&schooldesk_store::AuditQuery {
                table_name: Some("classes".into()),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            audited.iter().filter(|e| e.action == "create").count(),
            2 + 3,
            "the world's two classes and the three made"
        );
        let viii_a = store
            .list::<Class>(&Query::all())
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.data.name == "VIII A")
            .unwrap();
        assert_eq!(app.roster(&w.admin, viii_a.id()).await.unwrap().len(), 10);

        // A class named only by a row rejected for another reason (a short
        // NISN) is not created empty beside the good rows.
        let file = xlsx(&[
            HEADER.to_vec(),
            student_row("4200", "12345", "Joko Susilo", "IX Z"),
            student_row("4201", "0042000001", "Lina Marlina", "VIII A"),
        ]);
        let plan = app
            .plan_import_with(&w.admin, Kind::Students, Format::Xlsx, &file, options)
            .await
            .unwrap();
        assert!(plan.report().created_classes.is_empty(), "{:?}", plan.report().created_classes);
        app.write_import(&w.admin, plan, true).await.unwrap();
        let names: Vec<String> = store
            .list::<Class>(&Query::all())
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.data.name)
            .collect();
        assert!(!names.contains(&"IX Z".to_string()), "{names:?}");
        app.close().await;
    }
}

both! {
    /// A student stored when the youngest allowed age was lower is updated
    /// by a file that keeps their birth date; a new birth date is judged.
    async fn a_reimport_does_not_judge_an_unchanged_birth_date_again(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let store = store_of(app).await;
        let mut cs = schooldesk_store::ChangeSet::new(Some(w.admin.user_id), "kurikulum", app.now());
        cs.insert(&Student {
            nis: "4300".into(),
            nisn: "0043000001".into(),
            full_name: "Kecil Sekali".into(),
            gender: Gender::Female,
            birth_place: "Bandung".into(),
            birth_date: date(2023, 2, 1),
            religion: "Islam".into(),
            address: "Jl. Lama 1".into(),
            status: StudentStatus::Active,
            user_id: None,
        });
        store.commit(cs).await.unwrap();
        let row = |born: &'static str| {
            xlsx(&[
                vec!["nis", "nisn", "full_name", "gender", "birth_place", "birth_date", "religion", "address"],
                vec!["4300", "0043000001", "Kecil Sekali", "P", "Bandung", born, "Islam", "Jl. Baru 2"],
            ])
        };
        let plan = app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &row("2023-02-01"))
            .await
            .unwrap();
        assert!(plan.report().rejected.is_empty(), "{:?}", plan.report().rejected);
        app.write_import(&w.admin, plan, false).await.unwrap();
        let plan = app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &row("2023-03-01"))
            .await
            .unwrap();
        let fields: Vec<&str> = plan.report().rejected.iter().map(|p| p.column.as_str()).collect();
        assert!(fields.iter().any(|c| c.contains("birth")), "{fields:?}");
        app.close().await;
    }
}

both! {
    /// A Dapodik "Daftar Peserta Didik" export as it is downloaded: the
    /// school's name and the download date above the header, Dapodik's
    /// column names (NIPD, JK, Rombel Saat Ini …), a second header row
    /// under a merged "Data Ayah", and columns the app does not keep.
    async fn a_dapodik_export_reads_as_it_is(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let file = xlsx(&[
            vec!["Daftar Peserta Didik"],
            vec!["SMP NEGERI 1 CONTOH"],
            vec!["Kecamatan Contoh, Kabupaten Contoh, Provinsi Jawa Barat"],
            // A title naming one column's word is not the header.
            vec!["Kelas", "Semua rombel"],
            vec!["Tanggal Unduh: 2025-07-28 09:14:03", "", "", "Pengguna: operator@sekolah.id"],
            vec![],
            vec![
                "No", "Nama", "NIPD", "JK", "NISN", "Tempat Lahir", "Tanggal Lahir", "NIK",
                "Agama", "Alamat", "RT", "RW", "Rombel Saat Ini", "Data Ayah", "",
            ],
            vec!["", "", "", "", "", "", "", "", "", "", "", "", "", "Nama", "Tahun Lahir"],
            vec![
                "1", "Siti Rahmawati", "2526001", "P", "0125260001", "Bandung", "2012-03-14",
                "3273011403120001", "Islam", "Jl. Merdeka 1", "001", "002", "VII-A", "Ahmad", "1980",
            ],
            vec![
                "2", "Yohanes Pratama", "2526002", "L", "0125260002", "Kupang", "2012-11-02",
                "5371010211120002", "Kristen", "Jl. Sudirman 5", "003", "001", "VII-B", "Markus", "1978",
            ],
        ]);
        let report = app
            .import(&w.admin, Kind::Students, Format::Xlsx, &file, false)
            .await
            .unwrap();
        assert_eq!((report.rows, report.created, report.enrolled), (2, 2, 2));
        assert!(report.ignored_columns.contains(&"NIK".to_string()));
        assert!(report.ignored_columns.contains(&"Data Ayah".to_string()));
        let siti = &app.search_students(&w.admin, "0125260001", 5).await.unwrap()[0];
        assert_eq!(siti.data.nis, "2526001");
        assert_eq!(siti.data.full_name, "Siti Rahmawati");
        assert_eq!(siti.data.birth_date, date(2012, 3, 14));
        assert_eq!(siti.data.address, "Jl. Merdeka 1");
        assert_eq!(
            app.roster(&w.admin, w.class_a).await.unwrap().len(),
            2,
            "Andi and Siti, from Rombel Saat Ini"
        );
        app.close().await;
    }
}

both! {
    /// A required column the file lacks: the message lists the columns the
    /// file has and the one nearest to it, by code and values too.
    async fn a_missing_column_names_what_was_found_and_the_nearest(b: Backend) {
        let w = world(b).await;
        let file = xlsx(&[
            vec!["NIS", "NISN", "Nama Lengkap Siswa", "JK", "Tempat Lahir", "Tanggal Lahir", "Agama"],
            vec!["3001", "0030000001", "Citra Lestari", "P", "Bandung", "2012-05-01", "Islam"],
        ]);
        let err = w
            .app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &file)
            .await
            .err()
            .unwrap();
        let AppError::ImportRejected(problems) = err else {
            panic!("{err:?}")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.row, p.column.as_str(), p.code), (1, "full_name", "missing_column_near"));
        let param = |k: &str| p.params.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
        assert_eq!(param("nearest"), Some("Nama Lengkap Siswa"));
        assert_eq!(
            param("found"),
            Some("NIS, NISN, Nama Lengkap Siswa, JK, Tempat Lahir, Tanggal Lahir, Agama")
        );
        assert!(p.reason.contains("did you mean \"Nama Lengkap Siswa\"?"), "{}", p.reason);

        // Nothing near: the columns found, and no guess.
        let file = xlsx(&[
            vec!["nis", "nisn", "gender", "birth_place", "birth_date", "religion", "Catatan"],
            vec!["3001", "0030000001", "P", "Bandung", "2012-05-01", "Islam", "-"],
        ]);
        let AppError::ImportRejected(problems) = w
            .app
            .plan_import(&w.admin, Kind::Students, Format::Xlsx, &file)
            .await
            .err()
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(problems[0].code, "missing_column_found");
        assert!(!problems[0].params.iter().any(|(k, _)| *k == "nearest"));
        w.app.close().await;
    }
}

both! {
    /// Teaching assignments from a workbook as a curriculum office keeps it:
    /// the teacher by the NIP as printed or by name, the subject by its
    /// name or code, the class by its name in the current year.
    async fn teaching_assignments_import_by_names(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        app.create(
            &w.admin,
            &Teacher {
                full_name: "Rina Marlina".into(),
                nip: Some("198703152010012002".into()),
                nuptk: None,
                gender: Gender::Female,
                phone: None,
                email: None,
                user_id: None,
                active: true,
            },
        )
        .await
        .unwrap();
        app.create(
            &w.admin,
            &Subject {
                code: "BIN".into(),
                name: "Bahasa Indonesia".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap();
        let file = xlsx(&[
            vec!["Jadwal Mengajar 2025/2026"],
            vec!["Nama Guru", "Mata Pelajaran", "Rombel", "JJM"],
            vec!["19870315 201001 2 002", "Bahasa Indonesia", "VII-A", "6"],
            vec!["Rina Marlina", "MTK", "VII-B", "4"],
            vec!["Pak Guru", "Bahasa Jawa", "VII-B", "2"],
        ]);
        let plan = app
            .plan_import(&w.admin, Kind::Assignments, Format::Xlsx, &file)
            .await
            .unwrap();
        let problems: Vec<(usize, &str, &str)> = plan
            .report()
            .rejected
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.code))
            .collect();
        assert_eq!(problems, [(5, "Mata Pelajaran", "no_subject")]);
        let report = app.write_import(&w.admin, plan, true).await.unwrap();
        assert_eq!(report.created, 2);
        let store = store_of(app).await;
        let subjects = store.list::<Subject>(&Query::all()).await.unwrap();
        let code_of = |id: Id| subjects.iter().find(|s| s.id() == id).unwrap().data.code.clone();
        let mut made: Vec<(String, i64)> = store
            .list::<TeachingAssignment>(&Query::all())
            .await
            .unwrap()
            .into_iter()
            .map(|a| (code_of(a.data.subject_id), a.data.periods_per_week))
            .collect();
        made.sort();
        assert_eq!(made, [("BIN".into(), 6), ("MTK".into(), 4), ("MTK".into(), 5)]);

        // The teacher by name and by NIP, the subject by code and by name,
        // side by side: the first of each names it, the other is set aside.
        let both = xlsx(&[
            vec!["Nama PTK", "NIP", "Kode Mapel", "Mata Pelajaran", "Rombel", "JJM"],
            vec!["Rina Marlina", "19870315 201001 2 002", "BIN", "Bahasa Indonesia", "VII-B", "3"],
        ]);
        let plan = app
            .plan_import(&w.admin, Kind::Assignments, Format::Xlsx, &both)
            .await
            .unwrap();
        let report = plan.report();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(report.ignored_columns, ["NIP", "Mata Pelajaran"]);
        assert_eq!(app.write_import(&w.admin, plan, false).await.unwrap().created, 1);
        // A record's own field twice is still a question the file must answer.
        let twice = xlsx(&[
            vec!["Nama", "Nama Lengkap", "JK"],
            vec!["Rina", "Rina Marlina", "P"],
        ]);
        let Err(refused) = app
            .plan_import(&w.admin, Kind::Teachers, Format::Xlsx, &twice)
            .await
        else {
            panic!("a file with two name columns is refused");
        };
        assert!(refused.to_string().contains("second column"), "{refused}");
        app.close().await;
    }
}

both! {
    /// A Dapodik "Daftar GTK" (teachers) export: title rows, Dapodik's
    /// headers, a NIP as Dapodik prints it, and columns the app does not keep.
    async fn a_dapodik_teachers_export_reads_as_it_is(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let file = xlsx(&[
            vec!["Daftar Guru dan Tenaga Kependidikan"],
            vec!["SMP NEGERI 1 CONTOH"],
            vec!["Tanggal Unduh: 2025-07-28 09:20:11"],
            vec![
                "No", "Nama", "NUPTK", "JK", "Tempat Lahir", "Tanggal Lahir", "NIP",
                "Status Kepegawaian", "Jenis PTK", "Agama", "HP", "Email",
            ],
            vec![
                "1", "Rina Marlina, S.Pd.", "1234567890123456", "P", "Garut", "1987-03-15",
                "19870315 201001 2 002", "PNS", "Guru Mapel", "Islam", "081234567890",
                "rina@sekolah.id",
            ],
            vec![
                "2", "Yosef Manek", "", "L", "Atambua", "1990-01-02", "", "GTY/PTY",
                "Guru Mapel", "Katholik", "", "",
            ],
        ]);
        let report = app
            .import(&w.admin, Kind::Teachers, Format::Xlsx, &file, false)
            .await
            .unwrap();
        assert_eq!((report.rows, report.created), (2, 2));
        assert!(report.ignored_columns.contains(&"Status Kepegawaian".to_string()));
        let teachers = store_of(app)
            .await
            .list::<Teacher>(&Query::all())
            .await
            .unwrap();
        let rina = teachers
            .iter()
            .find(|t| t.data.full_name == "Rina Marlina, S.Pd.")
            .unwrap();
        assert_eq!(rina.data.nip.as_deref(), Some("198703152010012002"));
        assert_eq!(rina.data.nuptk.as_deref(), Some("1234567890123456"));
        assert_eq!(rina.data.phone.as_deref(), Some("081234567890"));
        assert_eq!(rina.data.email.as_deref(), Some("rina@sekolah.id"));
        app.close().await;
    }
}
