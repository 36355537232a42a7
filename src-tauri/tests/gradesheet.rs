//! The gradebook's Excel commands through the shell (issue 12, item 3):
//! the export is written whole to an absolute path from the save dialog
//! (a bare name is refused), an unchanged file imports as nothing, and a
//! refused file's problems reach the UI as `UiError` rows naming sheet
//! and column.

mod common;

use chrono::NaiveDate;
use common::*;
use schooldesk_app::gradebook::{ComponentInput, SchemeInput};
use schooldesk_core::*;
use schooldesk_desktop::shell::Shell;
use schooldesk_store::Query;

#[tokio::test]
async fn gradebook_files_through_the_shell() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&shell, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let (app, admin) = shell.actor().await.unwrap();
    let year = app.current_year(&admin).await.unwrap().unwrap().id();
    let term = app
        .list::<Term>(
            &admin,
            &Query::all().eq("academic_year_id", year).order("number"),
        )
        .await
        .unwrap()[0]
        .id();
    let class = app
        .create(
            &admin,
            &Class {
                name: "VII-A".into(),
                grade_level: 7,
                academic_year_id: year,
                homeroom_teacher_id: None,
            },
        )
        .await
        .unwrap()
        .id();
    let subject = app
        .create(
            &admin,
            &Subject {
                code: "MTK".into(),
                name: "Matematika".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id();
    app.create_student(
        &admin,
        &Student {
            nis: "2401".into(),
            nisn: "0012345678".into(),
            full_name: "Adi Nugroho".into(),
            gender: Gender::Male,
            birth_place: "Bandung".into(),
            birth_date: NaiveDate::from_ymd_opt(2013, 3, 4).unwrap(),
            religion: "Islam".into(),
            address: "Jl. Melati 2".into(),
            status: StudentStatus::Active,
            user_id: None,
        },
        Some(class),
    )
    .await
    .unwrap();
    let scheme = app
        .scheme_save(
            &admin,
            subject,
            term,
            &SchemeInput {
                kkm: "75".into(),
                rounding_places: 0,
                rounding_mode: "half_up".into(),
                bands: Vec::new(),
                components: vec![ComponentInput {
                    id: None,
                    name: "PAS".into(),
                    kind: "end_of_term".into(),
                    weight: "100".into(),
                }],
            },
        )
        .await
        .unwrap();
    let component = scheme.components[0].id;
    app.assessment_add(&admin, class, component, "PAS 1")
        .await
        .unwrap();

    // A bare name is not a path the save dialog gives.
    let e = shell
        .gradebook_export_file(class, subject, term, "nilai.xlsx")
        .await
        .unwrap_err();
    assert_eq!(e.code.as_deref(), Some("export_use_dialog"), "{e:?}");
    let path = tmp.path().join("nilai.xlsx");
    shell
        .gradebook_export_file(class, subject, term, path.to_str().unwrap())
        .await
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"));

    let done = shell
        .gradebook_import_file(class, subject, term, &bytes)
        .await
        .unwrap();
    assert_eq!((done.cells_changed, done.cells_cleared), (0, 0));

    // A column added since the export: the file is refused, naming it.
    app.assessment_add(&admin, class, component, "PAS 2")
        .await
        .unwrap();
    let e = shell
        .gradebook_import_file(class, subject, term, &bytes)
        .await
        .unwrap_err();
    assert_eq!(e.kind, "import_rejected", "{e:?}");
    assert_eq!(e.rows.len(), 1, "{e:?}");
    assert_eq!(e.rows[0].code, "gradebook_column_new");
    assert_eq!(e.rows[0].row, 7);
    assert!(e.rows[0].column.starts_with("Nilai!"), "{e:?}");
    assert_eq!(
        e.rows[0].params.get("column").map(String::as_str),
        Some("PAS: PAS 2")
    );
}
