//! The page can open no database (issue 10, item 12). Drafts, recent items
//! and preferences are kept by the shell in a file of its own, drafts and
//! recent items per signed-in user of one school database; the window's
//! capability grants no SQL plugin, so script in the page cannot open the
//! school database (or any file) around the shell's permission checks.

mod common;

use common::*;
use schooldesk_core::Role;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::{Connection, NewUserForm};
use std::path::{Path, PathBuf};

/// A school with an administrator ("admin") and a teacher ("bu.sari").
async fn school_with_two_users(root: &Path) -> Shell {
    let shell = Shell::start(dirs(root), true).await;
    set_up_with(
        &shell,
        "bu.sari",
        "Sari Dewi",
        "rahasia-guru-1",
        Role::Teacher,
    )
    .await;
    shell
}

#[tokio::test]
async fn drafts_and_recent_items_belong_to_the_signed_in_user() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = school_with_two_users(tmp.path()).await;

    // Nobody signed in: no drafts to read or write.
    assert_eq!(
        shell.drafts().await.unwrap_err().kind,
        "session_expired",
        "drafts without a session"
    );
    assert!(shell.put_draft("students:new", "x", "{}").await.is_err());

    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let ani = r#"{"full_name":"Ani Lestari","nisn":"0012345678","guardian":"Budi"}"#;
    shell
        .put_draft("students:new", "Siswa baru", ani)
        .await
        .unwrap();
    shell
        .note_recent("students:s1", "Ani Lestari")
        .await
        .unwrap();
    shell
        .set_pref("columns:students", r#"["nis"]"#)
        .await
        .unwrap();
    assert_eq!(shell.drafts().await.unwrap().len(), 1);
    shell.end_session().await.unwrap();

    // Another user of the same computer sees none of it, and a draft of
    // their own under the same key does not touch the administrator's.
    sign_in(&shell, "bu.sari", "rahasia-guru-1").await;
    assert_eq!(shell.drafts().await.unwrap(), vec![]);
    assert_eq!(shell.draft("students:new").await.unwrap(), None);
    assert_eq!(shell.recent(8).await.unwrap(), vec![]);
    shell
        .put_draft("students:new", "Siswa baru", r#"{"full_name":"Other"}"#)
        .await
        .unwrap();
    shell.drop_draft("students:new").await.unwrap();
    // Preferences belong to the computer, and hold no school data.
    assert_eq!(
        shell.pref("columns:students").await.unwrap().as_deref(),
        Some(r#"["nis"]"#)
    );
    shell.end_session().await.unwrap();
    drop(shell);

    // The administrator's draft and recent item outlive the app.
    let again = Shell::start(dirs(tmp.path()), false).await;
    sign_in(&again, "admin", "rahasia-sekolah").await;
    let drafts = again.drafts().await.unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].key, "students:new");
    assert_eq!(drafts[0].data, ani);
    let recent = again.recent(8).await.unwrap();
    assert_eq!(
        recent.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(),
        ["Ani Lestari"]
    );
}

#[tokio::test]
async fn drafts_belong_to_one_school_database() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = school_with_two_users(tmp.path()).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    shell
        .put_draft("rooms:new", "Ruang baru", r#"{"name":"Aula"}"#)
        .await
        .unwrap();

    // Another school's database on the same computer, its administrator
    // also "admin": none of the first school's drafts.
    let other = tmp.path().join("other/school.db");
    shell
        .connect(&Connection::ThisComputer {
            path: Some(other.display().to_string()),
        })
        .await
        .unwrap();
    let app = shell.app().await.unwrap();
    let admin = NewUserForm {
        login: "admin".into(),
        display_name: "Tata Usaha".into(),
        password: "rahasia-sekolah".into(),
        roles: vec![],
        must_change_password: false,
    };
    let session = app
        .setup_school(school(), admin.into(), None)
        .await
        .unwrap();
    shell.begin_session(session).await;
    assert_eq!(shell.drafts().await.unwrap(), vec![]);
}

#[tokio::test]
async fn what_the_page_stores_is_bounded_and_the_file_is_private() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = school_with_two_users(tmp.path()).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let refused = shell
        .put_draft("students:new", "Siswa baru", "not json")
        .await
        .unwrap_err();
    assert_eq!(refused.kind, "invalid");
    let huge = format!("\"{}\"", "x".repeat(300 * 1024));
    assert_eq!(
        shell
            .put_draft("students:new", "Siswa baru", &huge)
            .await
            .unwrap_err()
            .kind,
        "invalid"
    );
    shell
        .put_draft("students:new", "Siswa baru", "{}")
        .await
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = dirs(tmp.path()).ui_state_file();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is {mode:o}", file.display());
    }
}

fn crate_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every permission the main window has, each reviewed. Nothing that opens
/// a database or a file by path from the page: school data goes through
/// the shell's commands, where the signed-in user's permissions are checked.
const REVIEWED: &[&str] = &[
    "core:default",
    "core:window:allow-set-size",
    "core:window:allow-set-position",
    "core:window:allow-maximize",
    "dialog:allow-open",
    "dialog:allow-save",
    "dialog:allow-ask",
];

#[test]
fn the_window_is_granted_no_sql_and_nothing_unreviewed() {
    let path = crate_file("capabilities/default.json");
    let capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .map(|p| {
            p.as_str()
                .or_else(|| p["identifier"].as_str())
                .expect("a permission identifier")
        })
        .collect();
    assert!(!granted.is_empty(), "read no permissions from {path:?}");
    for permission in &granted {
        assert!(
            !permission.starts_with("sql:"),
            "{permission} lets the page open any SQLite file (the school database too)"
        );
        assert!(
            REVIEWED.contains(permission),
            "{permission} in {path:?} is not on the reviewed list of this test"
        );
    }

    // The ACL the build generated from the plugins the shell links: the
    // SQL plugin is not among them, so no capability could grant it.
    let acl_path = crate_file("gen/schemas/acl-manifests.json");
    let acl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&acl_path).unwrap()).unwrap();
    let plugins: Vec<&String> = acl.as_object().expect("an ACL object").keys().collect();
    assert!(
        plugins.iter().any(|p| p.as_str() == "dialog"),
        "the ACL lists the plugins: {plugins:?}"
    );
    assert!(
        !plugins.iter().any(|p| p.as_str() == "sql"),
        "the SQL plugin is linked: {plugins:?}"
    );
}
