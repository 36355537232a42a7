//! The SQLite backend: one file in the OS data directory, WAL mode, foreign
//! keys on. Also what backups are made of: `backup_to` writes a consistent
//! copy while the database is in use, and `verify_file` checks a file before
//! anything is restored from it.
//!
//! The transaction flow, audit writes and row decoding are shared with the
//! PostgreSQL backend (see `crates/store/sqlx/shared.rs`); this file holds
//! only what is SQLite's own: connecting, binding, decoding and error codes.

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::ConnectOptions as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

type Db = sqlx::Sqlite;
type DbRow = SqliteRow;
type DbStore = SqliteStore;
const KIND: &str = "sqlite";
/// Nothing to add: a write transaction (`BEGIN IMMEDIATE`) holds the file.
const LOCK_ROW: &str = "";

/// The SQLite-dialect migrations, embedded at build time.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations/sqlite");

/// A school database in one SQLite file.
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
    path: PathBuf,
}

include!("../../store/sqlx/shared.rs");

fn bind_val<'q>(query: DbQuery<'q>, value: &'q Val) -> DbQuery<'q> {
    match value {
        Val::Null(_) => query.bind(None::<String>),
        Val::Text(s) => query.bind(s.as_str()),
        Val::Int(i) => query.bind(*i),
        Val::Bool(b) => query.bind(*b),
        Val::Date(d) => query.bind(*d),
        Val::Time(t) => query.bind(*t),
        // Ids are TEXT here, hyphenated, so the file reads well in any SQLite tool.
        Val::Id(id) => query.bind(id.hyphenated().to_string()),
        Val::Bytes(b) => query.bind(b.as_slice()),
    }
}

fn decode_val(row: &DbRow, i: usize, ty: ColType) -> Result<Val, sqlx::Error> {
    Ok(match ty {
        ColType::Text => Val::from(row.try_get::<Option<String>, _>(i)?),
        ColType::Int => Val::from(row.try_get::<Option<i64>, _>(i)?),
        ColType::Bool => Val::from(row.try_get::<Option<bool>, _>(i)?),
        ColType::Date => Val::from(row.try_get::<Option<chrono::NaiveDate>, _>(i)?),
        ColType::Time => Val::from(row.try_get::<Option<chrono::DateTime<chrono::Utc>>, _>(i)?),
        ColType::Bytes => Val::from(row.try_get::<Option<Vec<u8>>, _>(i)?),
        ColType::Id => {
            match row.try_get::<Option<String>, _>(i)? {
                None => Val::Null(ty),
                Some(text) => Val::Id(uuid::Uuid::parse_str(&text).map_err(|e| {
                    sqlx::Error::ColumnDecode {
                        index: i.to_string(),
                        source: Box::new(e),
                    }
                })?),
            }
        }
    })
}

/// SQLite says "UNIQUE constraint failed: classes.academic_year_id, classes.name".
fn unique_columns(err: &dyn sqlx::error::DatabaseError) -> Vec<String> {
    let message = err.message();
    let list = message.split_once(": ").map_or("", |(_, rest)| rest);
    list.split(", ")
        .filter_map(|qualified| {
            qualified
                .rsplit_once('.')
                .map(|(_, c)| c.trim().to_string())
        })
        .collect()
}

fn driver_error(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) => {
            let code: i64 = db.code().and_then(|c| c.parse().ok()).unwrap_or(-1);
            match code & 0xff {
                5 | 6 => return StoreError::Busy,
                11 | 26 => {
                    return StoreError::Corrupt("the file is not a readable SQLite database".into())
                }
                14 => return StoreError::Unavailable("the database file cannot be opened".into()),
                8 => return StoreError::Unavailable("the database file is read-only".into()),
                13 => return StoreError::Unavailable("the disk is full".into()),
                _ => {}
            }
        }
        sqlx::Error::Io(io) => return StoreError::Unavailable(io.to_string()),
        sqlx::Error::PoolTimedOut => return StoreError::Busy,
        _ => {}
    }
    tracing::error!(error = %err, "sqlite error");
    StoreError::Internal(err.to_string())
}

async fn begin_write(pool: &sqlx::SqlitePool) -> StoreResult<sqlx::Transaction<'static, Db>> {
    // IMMEDIATE takes the write lock up front, so a transaction that reads
    // before it writes cannot fail half-way on another writer's lock.
    pool.begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(driver_error)
}

async fn applied_versions(pool: &sqlx::SqlitePool) -> StoreResult<Vec<i64>> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await
    .map_err(driver_error)?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(pool)
        .await
        .map_err(driver_error)
}

async fn schema_status(pool: &sqlx::SqlitePool) -> StoreResult<SchemaStatus> {
    Ok(SchemaStatus {
        known: MIGRATOR.iter().map(|m| m.version).collect(),
        applied: applied_versions(pool).await?,
    })
}

/// Refuses a schema this build does not know.
fn check_not_newer(status: &SchemaStatus) -> StoreResult<()> {
    match status.applied.iter().find(|v| !status.known.contains(v)) {
        Some(version) => Err(StoreError::NewerDatabase { version: *version }),
        None => Ok(()),
    }
}

/// sqlx logs "slow" statements as warnings with their SQL, which reach
/// whoever runs the command line; statements are not the user's business.
fn quiet(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options.disable_statement_logging()
}

fn options(path: &Path) -> StoreResult<SqliteConnectOptions> {
    let url = format!("sqlite://{}", path.display());
    Ok(quiet(SqliteConnectOptions::from_str(&url).map_err(|e| {
        StoreError::Unavailable(format!("bad SQLite path {}: {e}", path.display()))
    })?)
    .journal_mode(SqliteJournalMode::Wal)
    .synchronous(SqliteSynchronous::Normal)
    .foreign_keys(true)
    .busy_timeout(Duration::from_secs(5)))
}

impl SqliteStore {
    /// Opens the database at `path` and brings its schema up to date.
    /// With `create`, a missing file is created; without, it is an error.
    pub async fn open(path: &Path, create: bool) -> StoreResult<SqliteStore> {
        if !create && !path.exists() {
            return Err(StoreError::Unavailable(format!(
                "there is no database at {}; run `schooldesk init` to create one, or give the right --database-url",
                path.display()
            )));
        }
        if let Some(dir) = path.parent() {
            if create && !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Unavailable(format!("cannot create folder {}: {e}", dir.display()))
                })?;
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options(path)?.create_if_missing(create))
            .await
            .map_err(driver_error)?;
        let status = schema_status(&pool).await?;
        check_not_newer(&status)?;
        MIGRATOR.run(&pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(inner) => driver_error(inner),
            other => StoreError::Internal(format!("migration failed: {other}")),
        })?;
        Ok(SqliteStore {
            pool,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a consistent copy of the open database to `dest` while it stays
    /// in use (`VACUUM INTO`). The copy is made beside `dest` and renamed into
    /// place, so a failed backup never leaves a half-written file there.
    pub async fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        let partial = dest.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        sqlx::query("VACUUM INTO $1")
            .bind(partial.display().to_string())
            .execute(&self.pool)
            .await
            .map_err(driver_error)?;
        // A backup is one self-contained file: rollback journal, no -wal beside it.
        let conn = quiet(SqliteConnectOptions::new())
            .filename(&partial)
            .journal_mode(SqliteJournalMode::Delete)
            .connect()
            .await
            .map_err(driver_error)?;
        sqlx::Connection::close(conn).await.map_err(driver_error)?;
        std::fs::rename(&partial, dest)
            .map_err(|e| StoreError::Unavailable(format!("cannot write {}: {e}", dest.display())))
    }

    /// Which of Schooldesk's migrations the file at `path` has, `None` when
    /// there is no file there: opened read-only, so it creates and migrates
    /// nothing (the desktop wizard's "Test" button). A database newer than
    /// this build is an error.
    pub async fn probe(path: &Path) -> StoreResult<Option<SchemaStatus>> {
        if !path.exists() {
            return Ok(None);
        }
        if !path.is_file() {
            return Err(StoreError::Unavailable(format!(
                "{} is not a file",
                path.display()
            )));
        }
        // Read-only, and no journal-mode pragma: a probe must not write. A
        // read-only connection to a WAL database still creates its -wal and
        // -shm files; without a -wal file nobody has it open, and it is read
        // as an immutable file, which creates nothing.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let in_use = Path::new(&wal).exists();
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(
                quiet(SqliteConnectOptions::new())
                    .filename(path)
                    .read_only(true)
                    .immutable(!in_use),
            )
            .await
            .map_err(driver_error)?;
        let status = schema_status(&pool).await;
        pool.close().await;
        let status = status?;
        check_not_newer(&status)?;
        Ok(Some(status))
    }

    /// Checks that `path` is a healthy Schooldesk database this build can
    /// open, without changing it: it opens, its migrations are all known, and
    /// SQLite's integrity check passes. Returns the records it holds.
    pub async fn verify_file(path: &Path) -> StoreResult<Vec<(&'static str, i64)>> {
        if !path.is_file() {
            return Err(StoreError::Unavailable(format!(
                "{} is not a file",
                path.display()
            )));
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            // Read-only, and no journal-mode pragma: a check must not write.
            .connect_with(
                quiet(SqliteConnectOptions::new())
                    .filename(path)
                    .read_only(true),
            )
            .await
            .map_err(driver_error)?;
        let result = async {
            let check: String = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(&pool)
                .await
                .map_err(driver_error)?;
            if check != "ok" {
                return Err(StoreError::Corrupt(format!(
                    "integrity check failed: {check}"
                )));
            }
            let status = schema_status(&pool).await?;
            if status.applied.is_empty() {
                return Err(StoreError::Corrupt(
                    "the file is not a Schooldesk database".into(),
                ));
            }
            check_not_newer(&status)?;
            let mut counts = Vec::new();
            for table in schooldesk_store::tables::ALL
                .iter()
                .map(|t| t.name)
                .chain(["audit_events"])
            {
                let n: i64 = sqlx::query_scalar(&sql::count(table))
                    .fetch_one(&pool)
                    .await
                    .map_err(driver_error)?;
                counts.push((table, n));
            }
            Ok(counts)
        }
        .await;
        pool.close().await;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10: a slow statement was logged as a warning with its SQL.
    #[test]
    fn statements_are_not_logged() {
        for options in [
            options(Path::new("/tmp/school.db")).unwrap(),
            quiet(SqliteConnectOptions::new()),
        ] {
            let shown = format!("{options:?}");
            assert!(shown.contains("slow_statements_level: Off"), "{shown}");
            assert!(shown.contains("statements_level: Off"), "{shown}");
        }
    }

    #[test]
    fn unique_message_parsing() {
        struct Fake(&'static str);
        impl std::fmt::Debug for Fake {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl std::fmt::Display for Fake {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl std::error::Error for Fake {}
        impl sqlx::error::DatabaseError for Fake {
            fn message(&self) -> &str {
                self.0
            }
            fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
                self
            }
            fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
                self
            }
            fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
                self
            }
            fn kind(&self) -> sqlx::error::ErrorKind {
                sqlx::error::ErrorKind::UniqueViolation
            }
        }
        assert_eq!(
            unique_columns(&Fake(
                "UNIQUE constraint failed: classes.academic_year_id, classes.name"
            )),
            ["academic_year_id", "name"]
        );
        assert_eq!(
            unique_columns(&Fake("UNIQUE constraint failed: students.nisn")),
            ["nisn"]
        );
    }
}
