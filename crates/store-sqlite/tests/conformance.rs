//! The storage conformance suite on SQLite: each case on a fresh file.

use schooldesk_store::Store;
use schooldesk_store_sqlite::SqliteStore;
use schooldesk_test_support::conformance_suite;
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
    let columns = schooldesk_store::sql::AUDIT_COLUMNS;
    let rewritten = columns.replace("actor_login", "'someone else'");
    for statement in [
        "UPDATE audit_events SET actor_login = 'someone else'".to_string(),
        "DELETE FROM audit_events".to_string(),
        // Issue 10, item 10: REPLACE deletes the old row without firing
        // DELETE triggers, and so rewrote an event under its own id.
        format!(
            "INSERT OR REPLACE INTO audit_events ({columns}) SELECT {rewritten} FROM audit_events"
        ),
        format!("REPLACE INTO audit_events ({columns}) SELECT {rewritten} FROM audit_events"),
        // The same through the rowid, under a new id.
        format!(
            "INSERT OR REPLACE INTO audit_events (rowid, {columns}) \
             SELECT rowid, {} FROM audit_events",
            rewritten.replacen("id", "id || '-new'", 1)
        ),
        format!(
            "INSERT INTO audit_events ({columns}) SELECT {rewritten} FROM audit_events WHERE true \
             ON CONFLICT (id) DO UPDATE SET actor_login = excluded.actor_login"
        ),
    ] {
        let err = sqlx::query(&statement).execute(&mut raw).await.unwrap_err();
        assert!(
            err.to_string().contains("append-only"),
            "{statement}: {err}"
        );
    }
    assert_eq!(store.backend().count_audit().await.unwrap(), 1);
    let login: String = sqlx::query_scalar("SELECT actor_login FROM audit_events")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(login, "test");
}
