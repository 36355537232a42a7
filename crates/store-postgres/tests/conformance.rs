//! The storage conformance suite on a real PostgreSQL server: each case in a
//! new database. The server comes from SCHOOLDESK_TEST_PG_URL, which
//! `scripts/with-postgres.sh` sets after starting an ephemeral cluster. If it
//! is not set, every case fails: a skipped PostgreSQL suite is a failure.

use schooldesk_store::Store;
use schooldesk_store_postgres::PgStore;
use schooldesk_test_support::{conformance_suite, postgres as support};
use std::sync::Arc;

async fn fresh_store() -> Store {
    let url = support::fresh_database().await;
    Store::new(Arc::new(
        PgStore::connect(&url)
            .await
            .expect("connect to test database"),
    ))
}

conformance_suite!(fresh_store());

/// The audit trail refuses UPDATE and DELETE even from outside the app.
#[tokio::test]
async fn audit_trail_is_append_only_on_the_server() {
    use sqlx::Connection;
    let url = support::fresh_database().await;
    let store = Store::new(Arc::new(PgStore::connect(&url).await.unwrap()));
    let mut cs = schooldesk_store::ChangeSet::new(None, "test", chrono::Utc::now());
    cs.event("login", "users", None, None);
    store.commit(cs).await.unwrap();
    let mut raw = sqlx::PgConnection::connect(&url).await.unwrap();
    let columns = schooldesk_store::sql::AUDIT_COLUMNS;
    let rewritten = columns.replace("actor_login", "'someone else'");
    for statement in [
        "UPDATE audit_events SET actor_login = 'someone else'".to_string(),
        "DELETE FROM audit_events".to_string(),
        format!(
            "INSERT INTO audit_events ({columns}) SELECT {rewritten} FROM audit_events \
             ON CONFLICT (id) DO UPDATE SET actor_login = excluded.actor_login"
        ),
        // Issue 10, item 10: TRUNCATE fires no row trigger. Even the owner
        // is refused (only disabling the trigger, which needs ownership,
        // gets past it: the app's role must not own the tables).
        "TRUNCATE audit_events".to_string(),
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
