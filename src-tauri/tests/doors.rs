//! Two doors the desktop shell left open (issue 10, items 11 and 12: roles
//! checked in Rust on every command; the page cannot reach another path).
//! Which database this computer uses is chosen by the first-run wizard or a
//! signed-in administrator only, and testing a connection creates nothing;
//! an export writes only a .csv or .xlsx file, never Schooldesk's own files.

mod common;

use common::*;
use schooldesk_core::Role;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::{Connection, ConnectionCheck, SheetFormat, SheetKind, UiError};
use std::path::Path;

fn file(path: &Path) -> Connection {
    Connection::ThisComputer {
        path: Some(path.display().to_string()),
    }
}

/// A school at `database` (the default file when `None`) with an
/// administrator ("admin") and a student ("siswa"), nobody signed in.
async fn school_with_a_student(root: &Path, database: Option<&Path>) -> Shell {
    let shell = Shell::start(dirs(root), database.is_none()).await;
    if let Some(path) = database {
        shell.connect(&file(path)).await.unwrap();
    }
    set_up_with(&shell, "siswa", "Ani", "rahasia-siswa-1", Role::Student).await;
    shell
}

fn forbidden<T: std::fmt::Debug>(what: &str, result: Result<T, UiError>) {
    match result {
        Err(e) => assert_eq!(e.kind, "forbidden", "{what}: {e:?}"),
        Ok(v) => panic!("{what} was allowed: {v:?}"),
    }
}

/// Nobody signed in and a student signed in: the wizard's three commands
/// are refused, and nothing changes (the settings, the open database, no
/// file at the path the page named).
#[tokio::test]
async fn only_an_administrator_changes_the_database_once_one_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = school_with_a_student(tmp.path(), None).await;
    let settings_file = tmp.path().join("config/settings.json");
    let settings = std::fs::read_to_string(&settings_file).unwrap();
    let elsewhere = tmp.path().join("elsewhere/other.db");

    for who in ["nobody", "siswa"] {
        if who == "siswa" {
            sign_in(&shell, "siswa", "rahasia-siswa-1").await;
        }
        forbidden(who, shell.test_connection(&file(&elsewhere)).await);
        forbidden(who, shell.connect(&file(&elsewhere)).await);
        forbidden(who, shell.disconnect().await);
        assert!(!elsewhere.exists() && !elsewhere.parent().unwrap().exists());
        assert_eq!(std::fs::read_to_string(&settings_file).unwrap(), settings);
        let startup = shell.startup().await.unwrap();
        assert!(
            startup.configured && startup.database.unwrap().ends_with("data/school.db"),
            "{who}"
        );
    }
    // The student is still signed in: the refusal did not end the session.
    assert_eq!(shell.session_info().await.unwrap().login, "siswa");

    // An administrator may.
    shell.end_session().await.unwrap();
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    assert_eq!(
        shell.test_connection(&file(&elsewhere)).await.unwrap(),
        ConnectionCheck::NoDatabaseYet
    );
    let moved = shell.connect(&file(&elsewhere)).await.unwrap();
    assert!(moved.needs_setup && elsewhere.exists());
    // Connecting ended the administrator's session: the new database has
    // nobody in it yet, so nobody may now point the desktop elsewhere.
    forbidden("after the move", shell.disconnect().await);
}

/// The first-run wizard (no database open) needs no login; its "Test"
/// creates and migrates nothing, and says what it found.
#[tokio::test]
async fn the_wizard_tests_without_creating_anything_then_saves() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), false).await;
    let new_school = tmp.path().join("new-folder/school.db");

    assert_eq!(
        shell.test_connection(&file(&new_school)).await.unwrap(),
        ConnectionCheck::NoDatabaseYet
    );
    assert!(!new_school.parent().unwrap().exists(), "test made a folder");

    // An empty SQLite file (not a Schooldesk database yet) is left as it was.
    let empty = tmp.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        shell.test_connection(&file(&empty)).await.unwrap(),
        ConnectionCheck::NotSetUp
    );
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    let siblings = |p: &Path| {
        ["-wal", "-shm", "-journal"]
            .iter()
            .filter(|s| Path::new(&format!("{}{s}", p.display())).exists())
            .count()
    };
    assert_eq!(siblings(&empty), 0);

    // Saving creates the new school; a test of it now finds it.
    let saved = shell.connect(&file(&new_school)).await.unwrap();
    assert!(saved.configured && saved.needs_setup && new_school.exists());

    // An existing school: "ready", and the file is not touched.
    let other = tempfile::tempdir().unwrap();
    let existing = school_with_a_student(other.path(), None).await;
    let school_db = other.path().join("data/school.db");
    // Closed first: SQLite's last connection checkpoints the file and
    // removes its -wal and -shm as it closes, on the driver's own thread,
    // which is not the test's doing. (A hang guard, not a timing.)
    existing.app().await.unwrap().close().await;
    drop(existing);
    for _ in 0..1000 {
        if siblings(&school_db) == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(siblings(&school_db), 0, "the school did not close");
    let wizard = Shell::start(dirs(&tmp.path().join("second")), false).await;
    let before = std::fs::read(&school_db).unwrap();
    assert_eq!(
        wizard.test_connection(&file(&school_db)).await.unwrap(),
        ConnectionCheck::Ready
    );
    assert!(
        std::fs::read(&school_db).unwrap() == before,
        "test changed the file"
    );
    assert_eq!(siblings(&school_db), 0, "test left a -wal/-shm/-journal");
}

/// Script in the page named the open database (or any file) as an export's
/// destination and it was written over. Only a .csv/.xlsx file as the
/// format says, never one of Schooldesk's own, even one named like an export.
#[tokio::test]
async fn an_export_never_writes_over_the_database_or_a_non_export_file() {
    let tmp = tempfile::tempdir().unwrap();
    // A school whose database file is named like an export.
    let db = tmp.path().join("data/sekolah.csv");
    let shell = school_with_a_student(tmp.path(), Some(&db)).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let before = std::fs::read(&db).unwrap();
    let other_db = tmp.path().join("data/other.db");
    std::fs::write(&other_db, b"not mine").unwrap();
    let folder = tmp.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let real_export = tmp.path().join("siswa.csv");
    #[cfg(unix)]
    let link = {
        let link = tmp.path().join("link.csv");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        link
    };

    let mut refused = vec![
        (SheetFormat::Csv, db.display().to_string()),
        (SheetFormat::Csv, format!("{}-wal", db.display())),
        (SheetFormat::Xlsx, other_db.display().to_string()),
        (SheetFormat::Csv, other_db.display().to_string()),
        (SheetFormat::Xlsx, real_export.display().to_string()),
        (SheetFormat::Csv, folder.display().to_string()),
        (SheetFormat::Csv, "siswa.csv".to_string()),
        (
            SheetFormat::Csv,
            tmp.path()
                .join("config/settings.json")
                .display()
                .to_string(),
        ),
        (
            SheetFormat::Csv,
            // The database by a longer way round.
            tmp.path()
                .join("data/../data/sekolah.csv")
                .display()
                .to_string(),
        ),
    ];
    #[cfg(unix)]
    refused.push((SheetFormat::Csv, link.display().to_string()));
    for (format, path) in refused {
        let e = shell
            .export_to_file(SheetKind::Students, format, &path)
            .await
            .unwrap_err();
        assert_eq!(e.kind, "invalid", "{path}: {e:?}");
        assert!(e.message.contains("cannot export to"), "{}", e.message);
    }
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the database changed"
    );
    assert_eq!(std::fs::read(&other_db).unwrap(), b"not mine");
    assert!(!real_export.exists() && folder.is_dir());
    // Still the school, still open.
    let (app, actor) = shell.actor().await.unwrap();
    assert!(app.school(&actor).await.unwrap().is_some());

    // The save dialog's choice is written.
    shell
        .export_to_file(
            SheetKind::Students,
            SheetFormat::Csv,
            &real_export.display().to_string(),
        )
        .await
        .unwrap();
    assert!(std::fs::read_to_string(&real_export)
        .unwrap()
        .contains("nisn"));

    // A student may not export at all (the app's own check, unchanged).
    shell.end_session().await.unwrap();
    sign_in(&shell, "siswa", "rahasia-siswa-1").await;
    let e = shell
        .export_to_file(
            SheetKind::Students,
            SheetFormat::Csv,
            &tmp.path().join("mine.csv").display().to_string(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
}
