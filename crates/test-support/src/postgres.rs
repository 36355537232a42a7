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

/// Creates an empty database and returns its URL. Its name carries the
/// test process's id; the first call in a process drops the databases of
/// test processes that have ended (see [`sweep_ended`]).
pub async fn fresh_database() -> String {
    let admin = server_url();
    let name = format!(
        "sd_{}_{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to test cluster");
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !SWEPT.swap(true, std::sync::atomic::Ordering::Relaxed) {
        sweep_ended(&mut conn).await;
    }
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    conn.close().await.ok();
    with_database(&admin, &name)
}

/// Drops the test databases of test processes that are no longer running.
/// Each database is a copy of the template (about 8 MB), and the whole
/// suite creates a few hundred on one throw-away cluster: kept to the end
/// they took gigabytes, and a CI machine with little free disk ran out of
/// space mid-suite. A database some process still uses is never dropped:
/// its creator is alive (or, where `/proc` is missing, nothing is swept),
/// and a drop that finds a connection fails and is left alone.
async fn sweep_ended(conn: &mut sqlx::PgConnection) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'sd\\_%'")
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_default();
    let own = std::process::id();
    for (name,) in names {
        let Some(pid) = name
            .strip_prefix("sd_")
            .and_then(|rest| rest.split_once('_'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == own || std::path::Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        // The name came from the catalogue and matched sd_<digits>_...;
        // quoted all the same.
        let drop = format!("DROP DATABASE IF EXISTS \"{}\"", name.replace('"', "\"\""));
        sqlx::query(&drop).execute(&mut *conn).await.ok();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    async fn exists(conn: &mut sqlx::PgConnection, name: &str) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM pg_database WHERE datname = $1")
            .bind(name)
            .fetch_one(&mut *conn)
            .await
            .expect("query the catalogue")
            == 1
    }

    /// The sweep drops the database of a test process that has ended and
    /// keeps this process's own.
    #[test]
    fn sweep_drops_only_the_databases_of_ended_processes() {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(async {
                let mut child = std::process::Command::new("true")
                    .spawn()
                    .expect("start a short-lived process");
                let ended = child.id();
                child.wait().expect("wait for it");
                let tag = uuid::Uuid::now_v7().simple();
                let dead = format!("sd_{ended}_{tag}");
                let own = format!("sd_{}_{tag}", std::process::id());
                let mut conn = sqlx::PgConnection::connect(&server_url())
                    .await
                    .expect("connect to test cluster");
                for name in [&dead, &own] {
                    sqlx::query(&format!("CREATE DATABASE {name}"))
                        .execute(&mut conn)
                        .await
                        .expect("create a test database");
                }
                sweep_ended(&mut conn).await;
                let (dead_left, own_left) = (
                    exists(&mut conn, &dead).await,
                    exists(&mut conn, &own).await,
                );
                sqlx::query(&format!("DROP DATABASE IF EXISTS {own}"))
                    .execute(&mut conn)
                    .await
                    .expect("drop the test's own database");
                assert!(!dead_left, "{dead} (its process has ended) was kept");
                assert!(own_left, "{own} (this running process's) was dropped");
            });
    }
}
