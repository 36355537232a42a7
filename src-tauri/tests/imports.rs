//! An import crosses the IPC once: the preview reads the file and the
//! shell keeps its plan; writing takes the preview's token and writes that
//! plan without reading the file again (issue 11, item 6). Only the last
//! preview of the same session can be written.

mod common;

use common::*;
use schooldesk_core::Role;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::{SheetFormat, SheetKind};

const STUDENTS: &str = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n\
                        2501,0012345678,Ahmad Fauzi,L,Bandung,2012-05-01,Islam\n";
const OTHER: &str = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n\
                     2502,0012345679,Siti Aminah,P,Bogor,2012-06-02,Islam\n";

async fn office(root: &std::path::Path) -> Shell {
    let shell = Shell::start(dirs(root), true).await;
    set_up_with(&shell, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    shell
}

async fn students(shell: &Shell) -> usize {
    let (app, actor) = shell.actor().await.unwrap();
    app.student_list(&actor, "", 1000).await.unwrap().len()
}

#[tokio::test]
async fn the_previewed_plan_is_written_once_by_its_token() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let preview = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            STUDENTS.as_bytes(),
        )
        .await
        .unwrap();
    assert_eq!((preview.summary.rows, preview.summary.created), (1, 1));
    assert!(!preview.summary.written);
    assert_eq!(students(&shell).await, 0, "a preview writes nothing");

    let refused = shell.write_import("not-a-token", false).await.unwrap_err();
    assert_eq!(refused.kind, "invalid");
    assert!(
        refused.message.contains("choose the file again"),
        "{refused:?}"
    );

    let written = shell.write_import(&preview.token, false).await.unwrap();
    assert!(written.written);
    assert_eq!(written.created, 1);
    assert_eq!(students(&shell).await, 1);

    let again = shell.write_import(&preview.token, false).await.unwrap_err();
    assert_eq!(again.kind, "invalid", "a plan is written once");
    assert_eq!(students(&shell).await, 1);
}

#[tokio::test]
async fn a_newer_preview_makes_the_older_token_stale() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let first = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            STUDENTS.as_bytes(),
        )
        .await
        .unwrap();
    let second = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            OTHER.as_bytes(),
        )
        .await
        .unwrap();
    assert_ne!(first.token, second.token);
    assert!(shell.write_import(&first.token, false).await.is_err());
    shell.write_import(&second.token, false).await.unwrap();
    let (app, actor) = shell.actor().await.unwrap();
    let names: Vec<String> = app
        .student_list(&actor, "", 10)
        .await
        .unwrap()
        .into_iter()
        .map(|(s, _)| s.data.full_name)
        .collect();
    assert_eq!(
        names,
        ["Siti Aminah"],
        "the second file's plan, not the first"
    );
}

#[tokio::test]
async fn another_session_cannot_write_the_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let preview = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            STUDENTS.as_bytes(),
        )
        .await
        .unwrap();
    // Signing out drops the plan: the next user of this computer (here the
    // same administrator, in a new session) cannot write it.
    shell.end_session().await.unwrap();
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let refused = shell.write_import(&preview.token, false).await.unwrap_err();
    assert_eq!(refused.kind, "invalid");

    // A new sign-in over a live session drops it too.
    let preview = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            STUDENTS.as_bytes(),
        )
        .await
        .unwrap();
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    assert!(shell.write_import(&preview.token, false).await.is_err());
    assert_eq!(students(&shell).await, 0);
}

#[tokio::test]
async fn a_plan_with_rejected_rows_is_refused_unless_skipping_them() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let csv = format!("{STUDENTS}2503,12345,Budi,L,Depok,2012-01-01,Islam\n");
    let preview = shell
        .preview_import(SheetKind::Students, SheetFormat::Csv, false, csv.as_bytes())
        .await
        .unwrap();
    assert_eq!(preview.summary.rejected.len(), 1);
    let refused = shell.write_import(&preview.token, false).await.unwrap_err();
    assert_eq!(refused.rows.len(), 1, "{refused:?}");
    assert_eq!(students(&shell).await, 0);

    let preview = shell
        .preview_import(SheetKind::Students, SheetFormat::Csv, false, csv.as_bytes())
        .await
        .unwrap();
    let written = shell.write_import(&preview.token, true).await.unwrap();
    assert_eq!(written.created, 1);
    assert_eq!(students(&shell).await, 1);
}

#[tokio::test]
async fn a_teacher_may_not_preview_an_import() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&shell, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&shell, "guru", "rahasia-guru-1").await;
    let refused = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            STUDENTS.as_bytes(),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.kind, "forbidden");
}

#[tokio::test]
async fn switching_databases_drops_the_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let preview = shell
        .preview_import(
            SheetKind::Students,
            SheetFormat::Csv,
            false,
            STUDENTS.as_bytes(),
        )
        .await
        .unwrap();
    // The administrator points this computer at the same file again: the
    // database is closed and opened anew, and the plan goes with it.
    shell
        .connect(&schooldesk_desktop::wire::Connection::ThisComputer { path: None })
        .await
        .unwrap();
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let refused = shell.write_import(&preview.token, false).await.unwrap_err();
    assert_eq!(refused.kind, "invalid");
    assert_eq!(students(&shell).await, 0);
}

/// Issue 16, item 7: the good rows of a file with a bad one are written when
/// the user says so, and the bad row is saved (after the write too) with a
/// column saying, in the UI's words, what is wrong; a path the export would
/// refuse is refused here too.
#[tokio::test]
async fn the_good_rows_are_written_and_the_rejected_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = office(tmp.path()).await;
    let csv = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n\
               2501,0012345678,Ahmad Fauzi,L,Bandung,2012-05-01,Islam\n\
               2502,12345,Siti Aminah,P,Bogor,2012-06-02,Islam\n";
    let preview = shell
        .preview_import(SheetKind::Students, SheetFormat::Csv, false, csv.as_bytes())
        .await
        .unwrap();
    assert_eq!(preview.summary.rejected.len(), 1);
    let written = shell.write_import(&preview.token, true).await.unwrap();
    assert_eq!((written.created, written.written), (1, true));
    assert_eq!(students(&shell).await, 1);

    let path = tmp.path().join("ditolak.csv");
    let texts = vec!["NISN harus 10 angka".to_string()];
    let refused = shell
        .save_rejected_rows(
            "not-a-token",
            SheetFormat::Csv,
            path.to_str().unwrap(),
            ("masalah", "baris"),
            &texts,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.kind, "invalid");
    shell
        .save_rejected_rows(
            &preview.token,
            SheetFormat::Csv,
            path.to_str().unwrap(),
            ("masalah", "baris"),
            &texts,
        )
        .await
        .unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        saved,
        "nis,nisn,full_name,gender,birth_place,birth_date,religion,masalah\n\
         2502,12345,Siti Aminah,P,Bogor,2012-06-02,Islam,baris 3: nisn: NISN harus 10 angka\n"
    );
    let wrong = tmp.path().join("ditolak.txt");
    assert!(shell
        .save_rejected_rows(
            &preview.token,
            SheetFormat::Csv,
            wrong.to_str().unwrap(),
            ("masalah", "baris"),
            &texts,
        )
        .await
        .is_err());
}
