//! The storage conformance suite on a real PostgreSQL server: each case in a
//! new database. The server comes from SCHOOLDESK_TEST_PG_URL, which
//! `scripts/with-postgres.sh` sets after starting an ephemeral cluster. If it
//! is not set, every case fails: a skipped PostgreSQL suite is a failure.

use schooldesk_store::{conformance_suite, Store};
use schooldesk_store_postgres::PgStore;
use std::sync::Arc;

mod support;

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
