//! Test databases on the ephemeral PostgreSQL cluster. Shared by the
//! store, app, CLI and shell tests (each uses part of it).

use sqlx::Connection;

/// The admin URL of the test cluster. Panics (fails the test) when unset.
pub fn server_url() -> String {
    std::env::var("SCHOOLDESK_TEST_PG_URL").expect(
        "SCHOOLDESK_TEST_PG_URL is not set: run the tests through scripts/with-postgres.sh \
         (the README's test command does); the PostgreSQL suite is never skipped",
    )
}

/// Creates an empty database and returns its URL.
pub async fn fresh_database() -> String {
    let admin = server_url();
    let name = format!("sd_{}", uuid::Uuid::now_v7().simple());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    conn.close().await.ok();
    with_database(&admin, &name)
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let cut = base.rfind('/').unwrap_or(base.len());
    let base = if base[..cut].ends_with('/') {
        base.to_string()
    } else {
        base[..cut].to_string()
    };
    let base = format!("{}/{name}", base.trim_end_matches('/'));
    match query {
        Some(q) => format!("{base}?{q}"),
        None => base,
    }
}

/// [`fresh_database`] for tests without an async runtime of their own.
pub fn fresh_runtime_database() -> String {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(fresh_database())
}
