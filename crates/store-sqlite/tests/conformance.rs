//! The storage conformance suite on SQLite: each case on a fresh file.

use schooldesk_store::{conformance_suite, Store};
use schooldesk_store_sqlite::SqliteStore;
use std::sync::Arc;

async fn fresh_store() -> Store {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("school.db");
    let store = SqliteStore::open(&path, true).await.expect("open sqlite");
    // The directory must outlive the test; leak it (the OS temp dir is cleaned).
    std::mem::forget(dir);
    Store::new(Arc::new(store))
}

conformance_suite!(fresh_store());

/// The audit trail refuses UPDATE and DELETE even from outside the app.
#[tokio::test]
async fn audit_trail_is_append_only_in_the_file() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("school.db");
    let store = Store::new(Arc::new(SqliteStore::open(&path, true).await.unwrap()));
    let mut cs = schooldesk_store::ChangeSet::new(None, "test", chrono::Utc::now());
    cs.event("login", "users", None, None);
    store.commit(cs).await.unwrap();
    let mut raw = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for statement in [
        "UPDATE audit_events SET actor_login = 'someone else'",
        "DELETE FROM audit_events",
    ] {
        let err = sqlx::query(statement).execute(&mut raw).await.unwrap_err();
        assert!(
            err.to_string().contains("append-only"),
            "{statement}: {err}"
        );
    }
    assert_eq!(store.backend().count_audit().await.unwrap(), 1);
}
