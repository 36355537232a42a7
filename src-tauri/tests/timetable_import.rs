//! The FET import screen's fakes (issue 14, helper "ttio") from what the
//! shell really answers, into `ui/src/test/fixtures/fet-*.json`: the
//! preview of the app's hand-made test file and a file that is not FET.
//! Like `fixtures.rs`, a committed fixture that differs fails;
//! `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop --test timetable_import`
//! rewrites them.

mod common;

use common::*;
use schooldesk_core::{Role, Term};
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::timetable_import::preview;
use schooldesk_desktop::wire::UiError;
use schooldesk_store::Query;
use std::path::PathBuf;

fn check(name: &str, value: &impl serde::Serialize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/test/fixtures")
        .join(name);
    let generated = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/test/fixtures/{name} differs from what the shell answers; run \
         `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop --test timetable_import` and commit it"
    );
}

#[tokio::test]
async fn fet_import_fixtures_are_what_the_shell_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&shell, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let (app, actor) = shell.actor().await.unwrap();
    let term = app
        .list::<Term>(&actor, &Query::all().order("start_date"))
        .await
        .unwrap()[0]
        .id();
    let file = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/app/tests/fixtures/hand-made.fet"),
    )
    .unwrap();
    let mut p = preview(&shell, term, &file).await.unwrap();
    assert!(p.additions > 0 && !p.not_taken.is_empty());
    // The token fingerprints this database's ids: a fixed one for the fake.
    p.token = "token-hand-made".into();
    check("fet-preview-hand-made.json", &p);
    let err: UiError = preview(&shell, term, b"<html><body>not FET</body></html>")
        .await
        .unwrap_err();
    check("fet-not-fet.json", &err);
}
