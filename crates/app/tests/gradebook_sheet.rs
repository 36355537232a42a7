//! The gradebook exported to XLSX and imported back (issue 12, item 3), on
//! both backends: a file read back unchanged changes nothing; edited cells
//! land (numbers, "87,5" as text, an emptied cell clears); every bad cell
//! is reported by sheet, row and column with nothing written; a file of
//! another class is refused by name; a file that is not a gradebook is
//! refused; a locked semester and a teacher of another subject cannot
//! import. Files are edited the way a person does it: the exported file
//! read back, cells changed, written again.

mod common;

use calamine::{Data, Reader};
use common::*;
use schooldesk_app::gradebook::*;
use schooldesk_app::gradebook_sheet::*;
use schooldesk_app::{App, AppError};
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};
use std::io::Cursor;

struct Setup {
    math: Id,
    term: Id,
    uh1: Id,
    uh2: Id,
    pas: Id,
    citra: Id,
    dewi: Id,
}

/// Matematika in VII-A, first semester: Formatif 40 % (UH 1, UH 2) and
/// PAS 60 % (PAS 1); Andi, Citra and Dewi in the class (rows 8, 9, 10;
/// columns D, E, F).
async fn setup(w: &World) -> Setup {
    let app = &w.app;
    let math = app
        .list::<Subject>(&w.admin, &Query::all().eq("code", "MTK"))
        .await
        .unwrap()[0]
        .id();
    let term = app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap()[0]
        .id();
    let component = |name: &str, kind: &str, weight: &str| ComponentInput {
        id: None,
        name: name.into(),
        kind: kind.into(),
        weight: weight.into(),
    };
    let scheme = app
        .scheme_save(
            &w.admin,
            math,
            term,
            &SchemeInput {
                kkm: "75".into(),
                rounding_places: 0,
                rounding_mode: "half_up".into(),
                bands: Vec::new(),
                components: vec![
                    component("Formatif", "formative", "40"),
                    component("PAS", "end_of_term", "60"),
                ],
            },
        )
        .await
        .unwrap();
    let (formatif, pas) = (scheme.components[0].id, scheme.components[1].id);
    let uh1 = app
        .assessment_add(&w.admin, w.class_a, formatif, "UH 1")
        .await
        .unwrap()
        .id;
    let uh2 = app
        .assessment_add(&w.admin, w.class_a, formatif, "UH 2")
        .await
        .unwrap()
        .id;
    let pas = app
        .assessment_add(&w.admin, w.class_a, pas, "PAS 1")
        .await
        .unwrap()
        .id;
    let add = |nisn: &'static str, name: &'static str| async move {
        w.app
            .create_student(&w.admin, &student(nisn, name), Some(w.class_a))
            .await
            .unwrap()
            .id()
    };
    let citra = add("0011111111", "Citra Lestari").await;
    let dewi = add("0022222222", "Dewi Anggraini").await;
    let cell = |a: Id, s: Id, t: &str| CellInput {
        assessment_id: a,
        student_id: s,
        text: t.into(),
    };
    app.gradebook_save(
        &w.admin,
        w.class_a,
        math,
        term,
        &[
            cell(uh1, w.own_student, "80"),
            cell(uh2, w.own_student, "90"),
            cell(pas, w.own_student, "70"),
            cell(uh1, citra, "60.5"),
            cell(pas, citra, "75"),
        ],
    )
    .await
    .unwrap();
    Setup {
        math,
        term,
        uh1,
        uh2,
        pas,
        citra,
        dewi,
    }
}

/// The scores of the grid as (assessment, student, score).
async fn scores(app: &App, w: &World, s: &Setup) -> Vec<(Id, Id, String)> {
    let mut v: Vec<_> = app
        .gradebook_open(&w.admin, w.class_a, s.math, s.term)
        .await
        .unwrap()
        .scores
        .into_iter()
        .map(|c| (c.assessment_id, c.student_id, c.score.to_string()))
        .collect();
    v.sort();
    v
}

/// A value to put in a cell.
#[derive(Clone, Copy)]
enum V<'a> {
    N(f64),
    T(&'a str),
    Empty,
}

/// Reads a workbook back and writes it again with `edits` (sheet, row,
/// column, counted from 1 as a spreadsheet shows them, column as letters).
fn edit(bytes: &[u8], edits: &[(&str, u32, &str, V)]) -> Vec<u8> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let (r, c) = (r0 + r as u32, (c0 as usize + c) as u16);
            match value {
                Data::Float(f) => sheet.write_number(r, c, *f).unwrap(),
                Data::Int(n) => sheet.write_number(r, c, *n as f64).unwrap(),
                Data::String(t) => sheet.write_string(r, c, t).unwrap(),
                Data::Empty => sheet,
                other => sheet.write_string(r, c, other.to_string()).unwrap(),
            };
        }
        for (at, row, col, value) in edits {
            if *at != name {
                continue;
            }
            let col = col
                .bytes()
                .fold(0u16, |n, b| n * 26 + (b - b'A' + 1) as u16)
                - 1;
            let row = row - 1;
            match value {
                V::N(f) => sheet.write_number(row, col, *f).unwrap(),
                V::T(t) => sheet.write_string(row, col, *t).unwrap(),
                V::Empty => sheet.clear_cell(row, col),
            };
        }
        if name == INFO_SHEET {
            sheet.set_hidden(true);
        }
    }
    out.save_to_buffer().unwrap()
}

fn problems(e: AppError) -> Vec<(usize, String, String)> {
    match e {
        AppError::ImportRejected(p) => p
            .into_iter()
            .map(|p| (p.row, p.column, p.code.to_string()))
            .collect(),
        other => panic!("not an import refusal: {other:?}"),
    }
}

async fn score_audits(app: &App, w: &World) -> usize {
    app.audit_trail(
        &w.admin,
        &AuditQuery {
            table_name: Some("scores".into()),
            limit: 1000,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
    .len()
}

both! {
    /// The file holds the grid: title block, headers "Component:
    /// Assessment", students in the grid's order with NIS as text, scores
    /// as numbers, the final and predicate read-only; the hidden info sheet
    /// names the gradebook. Imported back unchanged, it changes nothing
    /// and audits nothing.
    async fn export_then_import_unchanged_is_a_no_op(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let bytes = app.gradebook_export(&w.teacher, w.class_a, s.math, s.term).await.unwrap();

        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names(), vec!["Nilai".to_string(), "info".to_string()]);
        let grid = book.worksheet_range("Nilai").unwrap();
        let at = |r: u32, c: u32| grid.get_value((r - 1, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(2, 2), Data::String("VII-A".into()));
        assert_eq!(at(3, 2), Data::String("Matematika".into()));
        let header: Vec<String> = (0..8).map(|c| at(7, c).to_string()).collect();
        assert_eq!(
            header,
            ["No", "NIS", "Nama", "Formatif: UH 1", "Formatif: UH 2", "PAS: PAS 1", "Nilai Akhir", "Predikat"]
        );
        assert_eq!(at(8, 1), Data::String("S45678".into()));
        assert_eq!(at(8, 2), Data::String("Andi Pratama".into()));
        assert_eq!(at(8, 3), Data::Float(80.0));
        // Andi: (80 + 90) / 2 × 40 % + 70 × 60 % = 34 + 42 = 76, C.
        assert_eq!(at(8, 6), Data::Float(76.0));
        assert_eq!(at(8, 7), Data::String("C".into()));
        assert_eq!(at(9, 2), Data::String("Citra Lestari".into()));
        assert_eq!(at(9, 3), Data::Float(60.5));
        assert_eq!(at(9, 4), Data::Empty);
        assert_eq!(at(10, 2), Data::String("Dewi Anggraini".into()));
        assert!(at(5, 0).to_string().contains("read-only"));
        let formulas = book.worksheet_formula("Nilai").unwrap();
        assert!(formulas.used_cells().next().is_none(), "no formula anywhere");

        let before = scores(app, &w, &s).await;
        let audits = score_audits(app, &w).await;
        for file in [bytes.clone(), edit(&bytes, &[])] {
            let done = app
                .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &file)
                .await
                .unwrap();
            assert_eq!((done.cells_changed, done.cells_cleared), (0, 0));
            assert!(done.finals.is_empty());
        }
        assert_eq!(scores(app, &w, &s).await, before);
        assert_eq!(score_audits(app, &w).await, audits);
    }

    /// Edited cells land, and only they: a new number, a decimal typed as
    /// text with a comma, a cleared cell; the final and predicate columns
    /// edited by hand are ignored. The finals of the students touched
    /// come back; each change is audited.
    async fn edited_scores_land(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let bytes = app.gradebook_export(&w.teacher, w.class_a, s.math, s.term).await.unwrap();
        let audits = score_audits(app, &w).await;
        let edited = edit(
            &bytes,
            &[
                ("Nilai", 8, "E", V::N(100.0)),        // Andi UH 2: 90 → 100
                ("Nilai", 9, "E", V::T("87,5")),       // Citra UH 2: new
                ("Nilai", 9, "D", V::Empty),           // Citra UH 1: cleared
                ("Nilai", 10, "F", V::N(84.49)),       // Dewi PAS: new
                ("Nilai", 8, "G", V::N(12.0)),         // Nilai Akhir: ignored
                ("Nilai", 8, "H", V::T("A")),          // Predikat: ignored
            ],
        );
        let done = app
            .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &edited)
            .await
            .unwrap();
        assert_eq!((done.cells_changed, done.cells_cleared), (3, 1));
        let mut touched: Vec<Id> = done.finals.iter().map(|f| f.student_id).collect();
        touched.sort();
        let mut expected = vec![w.own_student, s.citra, s.dewi];
        expected.sort();
        assert_eq!(touched, expected);

        let mut want = vec![
            (s.uh1, w.own_student, "80".to_string()),
            (s.uh2, w.own_student, "100".to_string()),
            (s.pas, w.own_student, "70".to_string()),
            (s.uh2, s.citra, "87.5".to_string()),
            (s.pas, s.citra, "75".to_string()),
            (s.pas, s.dewi, "84.49".to_string()),
        ];
        want.sort();
        assert_eq!(scores(app, &w, &s).await, want);
        assert_eq!(score_audits(app, &w).await, audits + 4);
    }

    /// 105, "abc" and 84.499 in three places, a NIS not in the class, a
    /// column added by hand: every one reported with its sheet, row and
    /// column, and nothing written — not even the good edits beside them.
    async fn every_bad_cell_is_reported_and_nothing_written(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let bytes = app.gradebook_export(&w.teacher, w.class_a, s.math, s.term).await.unwrap();
        let before = scores(app, &w, &s).await;
        let bad = edit(
            &bytes,
            &[
                ("Nilai", 8, "D", V::N(105.0)),
                ("Nilai", 9, "E", V::T("abc")),
                ("Nilai", 10, "F", V::N(84.499)),
                ("Nilai", 10, "D", V::N(99.0)), // good, but not written
            ],
        );
        let e = app
            .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &bad)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), "import_rejected");
        let mut got = problems(e);
        got.sort();
        assert_eq!(
            got,
            vec![
                (8, "Nilai!D (Formatif: UH 1)".into(), "score_out_of_range".into()),
                (9, "Nilai!E (Formatif: UH 2)".into(), "score_not_a_number".into()),
                (10, "Nilai!F (PAS: PAS 1)".into(), "score_too_precise".into()),
            ]
        );
        assert_eq!(scores(app, &w, &s).await, before);

        // A stranger's row and a column nobody exported.
        let bad = edit(
            &bytes,
            &[
                ("Nilai", 11, "B", V::T("S999999")),
                ("Nilai", 11, "C", V::T("Orang Lain")),
                ("Nilai", 11, "D", V::N(70.0)),
                ("Nilai", 7, "I", V::T("Formatif: UH 3")),
                ("Nilai", 8, "I", V::N(50.0)),
                ("Nilai", 8, "D", V::N(50.0)),
            ],
        );
        let mut got = problems(
            app.gradebook_import(&w.teacher, w.class_a, s.math, s.term, &bad)
                .await
                .unwrap_err(),
        );
        got.sort();
        assert_eq!(
            got,
            vec![
                (7, "Nilai!I (Formatif: UH 3)".into(), "gradebook_column_added".into()),
                (11, "Nilai!B (NIS)".into(), "gradebook_student_unknown".into()),
            ]
        );
        // A column taken out of the file.
        let bad = edit(&bytes, &[("Nilai", 7, "E", V::Empty)]);
        let got = problems(
            app.gradebook_import(&w.teacher, w.class_a, s.math, s.term, &bad)
                .await
                .unwrap_err(),
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2, "gradebook_column_missing");
        assert_eq!(scores(app, &w, &s).await, before);
    }

    /// A file of another class is refused, naming both gradebooks; so is
    /// a workbook that is not a gradebook at all, and bytes that are no
    /// workbook.
    async fn another_class_or_no_gradebook_is_refused(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let other = app.gradebook_export(&w.admin, w.class_b, s.math, s.term).await.unwrap();
        let term_name = app.list::<Term>(&w.admin, &Query::all()).await.unwrap()
            .into_iter().find(|t| t.id() == s.term).unwrap().data.name;
        let e = app
            .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &other)
            .await
            .unwrap_err();
        assert_eq!(e.message().code, "gradebook_of_another", "{e}");
        assert_eq!(
            e.to_string(),
            format!("this file is the gradebook of VII-B, Matematika, {term_name}; you opened VII-A, Matematika, {term_name}")
        );

        let mut plain = rust_xlsxwriter::Workbook::new();
        let sheet = plain.add_worksheet();
        sheet.write_string(0, 0, "NIS").unwrap();
        sheet.write_string(0, 1, "Nilai").unwrap();
        let plain = plain.save_to_buffer().unwrap();
        let e = app
            .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &plain)
            .await
            .unwrap_err();
        assert_eq!(e.message().code, "not_a_gradebook", "{e}");
        let e = app
            .gradebook_import(&w.teacher, w.class_a, s.math, s.term, b"No,NIS\n1,2\n")
            .await
            .unwrap_err();
        assert_eq!(e.message().code, "xlsx_unreadable", "{e}");
    }

    /// Approved grades are locked: the import refuses, edits or not, and
    /// nothing changes.
    async fn a_locked_semester_refuses(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let bytes = app.gradebook_export(&w.teacher, w.class_a, s.math, s.term).await.unwrap();
        app.signoff_set(&w.homeroom, w.class_a, s.term, SignoffStatus::Submitted).await.unwrap();
        app.signoff_set(&w.admin, w.class_a, s.term, SignoffStatus::Approved).await.unwrap();
        let before = scores(app, &w, &s).await;
        for file in [bytes.clone(), edit(&bytes, &[("Nilai", 8, "D", V::N(10.0))])] {
            let e = app
                .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &file)
                .await
                .unwrap_err();
            assert_eq!(e.kind(), "locked", "{e}");
        }
        assert_eq!(scores(app, &w, &s).await, before);
    }

    /// Bu Wali reads her class's Matematika and may export it, but does not
    /// teach it: her import is refused. Pak Guru cannot even export VII-B.
    async fn a_teacher_of_another_subject_cannot_import(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let bytes = app.gradebook_export(&w.homeroom, w.class_a, s.math, s.term).await.unwrap();
        let edited = edit(&bytes, &[("Nilai", 8, "D", V::N(10.0))]);
        let before = scores(app, &w, &s).await;
        let e = app
            .gradebook_import(&w.homeroom, w.class_a, s.math, s.term, &edited)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), "forbidden", "{e}");
        let e = app
            .gradebook_export(&w.teacher, w.class_b, s.math, s.term)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), "forbidden", "{e}");
        for who in [&w.student, &w.parent] {
            let e = app
                .gradebook_import(who, w.class_a, s.math, s.term, &edited)
                .await
                .unwrap_err();
            assert_eq!(e.kind(), "forbidden", "{e}");
        }
        assert_eq!(scores(app, &w, &s).await, before);
        let _ = (s.uh1, s.uh2, s.pas, s.citra, s.dewi);
    }

    /// Crafted files: a student's row given twice (the second would
    /// silently win), a value far below the grid (nothing is sized by it),
    /// the info sheet pointing at another semester's ids: each refused,
    /// nothing written.
    async fn crafted_files_are_refused(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let bytes = app.gradebook_export(&w.teacher, w.class_a, s.math, s.term).await.unwrap();
        let before = scores(app, &w, &s).await;

        let twice = edit(
            &bytes,
            &[
                ("Nilai", 11, "B", V::T("S45678")),
                ("Nilai", 11, "C", V::T("Andi Pratama")),
                ("Nilai", 11, "D", V::N(10.0)),
            ],
        );
        let got = problems(
            app.gradebook_import(&w.teacher, w.class_a, s.math, s.term, &twice)
                .await
                .unwrap_err(),
        );
        assert_eq!(got, vec![(11, "Nilai!B (NIS)".into(), "gradebook_student_twice".into())]);

        let far = edit(&bytes, &[("Nilai", 1_000_000, "A", V::T("x"))]);
        let got = problems(
            app.gradebook_import(&w.teacher, w.class_a, s.math, s.term, &far)
                .await
                .unwrap_err(),
        );
        assert_eq!(got, vec![(1_000_000, "Nilai!A".into(), "gradebook_sheet_too_large".into())]);

        let second_term = app
            .list::<Term>(&w.admin, &Query::all().eq("academic_year_id", w.year).order("number"))
            .await
            .unwrap()[1]
            .id();
        let other_term = edit(&bytes, &[("info", 4, "B", V::T(&second_term.to_string()))]);
        let e = app
            .gradebook_import(&w.teacher, w.class_a, s.math, s.term, &other_term)
            .await
            .unwrap_err();
        assert_eq!(e.message().code, "gradebook_of_another", "{e}");
        assert_eq!(scores(app, &w, &s).await, before);
    }

}
