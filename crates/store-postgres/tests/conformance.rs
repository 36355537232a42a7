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
