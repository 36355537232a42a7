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
