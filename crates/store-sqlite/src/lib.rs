//! The SQLite backend: one file in the OS data directory, WAL mode, foreign
//! keys on. Also what backups are made of: `backup_to` writes a consistent
//! copy while the database is in use, `verify_file` checks a file (its
//! integrity, migrations and schema object by object) before anything is
//! restored from it, and [`Replacing`] holds the current file while a
//! restore puts another in its place.
//!
//! Every process that opens a database holds a shared lock on `<file>.lock`
//! (see `files.rs`); a restore holds it exclusively. Closing the store
//! checkpoints the write-ahead log into the file (TRUNCATE), so the one file
//! is the whole school whenever no one has it open.
//!
//! The transaction flow, audit writes and row decoding are the generic
//! `SqlxStore` of `schooldesk-store-sqlx`; this file holds only what is
//! SQLite's own (its [`Dialect`]: binding, decoding, error codes,
//! transactions) and the file: connecting, backups, checks, restores.

mod files;

pub use files::{with_suffix, ExclusiveUse, Scratch};

use files::SharedUse;
use schooldesk_store::{sql, ColType, SchemaStatus, StoreError, StoreResult, Val};
use schooldesk_store_sqlx::{DbQuery, Dialect, SqlxStore, Tx};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqliteLockingMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::ConnectOptions as _;
use sqlx::Row as _;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// The SQLite-dialect migrations, embedded at build time.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations/sqlite");

/// A school database in one SQLite file.
pub struct SqliteStore {
    inner: SqlxStore<SqliteFile>,
}

/// SQLite's dialect, and what the store keeps about its file.
struct SqliteFile {
    path: PathBuf,
    /// Released when the store closes; `None` for a private file.
    in_use: std::sync::Mutex<Option<SharedUse>>,
}

/// Records per table (and `audit_events`) in a verified file.
pub type FileCounts = Vec<(&'static str, i64)>;

impl Dialect for SqliteFile {
    type Db = sqlx::Sqlite;
    const KIND: &'static str = "sqlite";
    /// Nothing to add: a write transaction (`BEGIN IMMEDIATE`) holds the file.
    const LOCK_ROW: &'static str = sql::sqlite::LOCK_ROW;
    const FULL_TEXT: sql::FullText = sql::FullText::Fts5;

    fn bind<'q>(query: DbQuery<'q, Self>, value: &'q Val) -> DbQuery<'q, Self> {
        bind_val(query, value)
    }

    fn decode(row: &SqliteRow, index: usize, ty: ColType) -> Result<Val, sqlx::Error> {
        decode_val(row, index, ty)
    }

    fn rows_affected(result: &sqlx::sqlite::SqliteQueryResult) -> u64 {
        result.rows_affected()
    }

    fn unique_columns(err: &dyn sqlx::error::DatabaseError) -> Vec<String> {
        unique_columns(err)
    }

    const TABLES: &'static str = sql::sqlite::TABLES;
    const TABLE_COLUMNS: &'static str = sql::sqlite::TABLE_COLUMNS;

    fn sql_type(ty: ColType) -> &'static str {
        match ty {
            ColType::Text | ColType::Date | ColType::Time | ColType::Id => "TEXT",
            ColType::Int | ColType::Bool => "INTEGER",
            ColType::Bytes => "BLOB",
        }
    }

    fn driver_error(err: sqlx::Error) -> StoreError {
        driver_error(err)
    }

    async fn begin_write(pool: &sqlx::SqlitePool) -> StoreResult<Tx<Self>> {
        // IMMEDIATE takes the write lock up front, so a transaction that reads
        // before it writes cannot fail half-way on another writer's lock.
        pool.begin_with(sql::sqlite::BEGIN_WRITE)
            .await
            .map_err(driver_error)
    }

    async fn begin_snapshot(pool: &sqlx::SqlitePool) -> StoreResult<Tx<Self>> {
        // A deferred transaction: its first read fixes the snapshot every later
        // read in it sees (WAL keeps that moment while others write).
        pool.begin_with(sql::sqlite::BEGIN_SNAPSHOT)
            .await
            .map_err(driver_error)
    }

    async fn lock_for_load(_conn: &mut sqlx::SqliteConnection) -> StoreResult<()> {
        // `begin_write` is BEGIN IMMEDIATE: no other writer until the commit.
        Ok(())
    }

    async fn schema_status(pool: &sqlx::SqlitePool) -> StoreResult<SchemaStatus> {
        schema_status(pool).await
    }

    async fn before_close(&self, pool: &sqlx::SqlitePool) {
        // Moves everything in the write-ahead log into the database file and
        // empties the log, so copying the one file copies the whole school.
        if let Err(e) = sqlx::query(sql::sqlite::CHECKPOINT).execute(pool).await {
            tracing::warn!(error = %e, path = %self.path.display(), "checkpoint on close failed");
        }
    }

    fn after_close(&self) {
        if let Ok(mut in_use) = self.in_use.lock() {
            in_use.take();
        }
    }
}

// Everything is `SqlxStore`'s; the store adds its file.
schooldesk_store_sqlx::forward_backend!(SqliteStore, inner);

fn bind_val<'q>(query: DbQuery<'q, SqliteFile>, value: &'q Val) -> DbQuery<'q, SqliteFile> {
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

fn decode_val(row: &SqliteRow, i: usize, ty: ColType) -> Result<Val, sqlx::Error> {
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
            // SQLITE_IOERR_SHMSIZE: no room to grow the `-shm` file.
            if code == 4874 {
                return StoreError::Unavailable("the disk is full".into());
            }
            match code & 0xff {
                5 | 6 => return StoreError::Busy,
                11 | 26 => {
                    return StoreError::Corrupt("the file is not a readable SQLite database".into())
                }
                14 => return StoreError::Unavailable("the database file cannot be opened".into()),
                8 => return StoreError::Unavailable("the database file is read-only".into()),
                13 => return StoreError::Unavailable("the disk is full".into()),
                10 => {
                    tracing::error!(error = %err, "sqlite input/output error");
                    return StoreError::Unavailable(
                        "the disk could not read or write the file (full, removed or failing)"
                            .into(),
                    );
                }
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

/// A driver error met while writing the file `dest`.
fn writing(dest: &Path, err: sqlx::Error) -> StoreError {
    match driver_error(err) {
        StoreError::Unavailable(reason) => {
            StoreError::Refused(format!("cannot write {}: {reason}", dest.display()))
        }
        other => other,
    }
}

/// A driver error met while reading the file `path` someone gave us.
fn reading(path: &Path, err: sqlx::Error) -> StoreError {
    match driver_error(err) {
        StoreError::Corrupt(_) => StoreError::Corrupt(format!(
            "{} is not a readable SQLite database",
            path.display()
        )),
        StoreError::Unavailable(reason) => {
            StoreError::Unavailable(format!("{}: {reason}", path.display()))
        }
        other => other,
    }
}

/// Copies the database at `src` (with its write-ahead log, if one is
/// beside it) into the empty file `dest`, without writing to `src`.
async fn vacuum_into(src_pool: &sqlx::SqlitePool, dest: &Path) -> StoreResult<()> {
    sqlx::query(sql::sqlite::VACUUM_INTO)
        .bind(dest.display().to_string())
        .execute(src_pool)
        .await
        .map_err(|e| writing(dest, e))?;
    Ok(())
}

/// Makes `path` a file that needs nothing beside it: rollback journal, no
/// `-wal` (what a backup on a USB stick must be).
async fn single_file(path: &Path) -> StoreResult<()> {
    // Leaving WAL needs the file to itself; a pool that was just closed may
    // still be letting go of its connections on their worker threads, so a
    // busy answer is asked again, a bounded number of times.
    let mut attempts = 0;
    loop {
        let switched = async {
            let conn = quiet(SqliteConnectOptions::new())
                .filename(path)
                .journal_mode(SqliteJournalMode::Delete)
                .connect()
                .await?;
            sqlx::Connection::close(conn).await
        }
        .await;
        match switched.map_err(|e| writing(path, e)) {
            Err(StoreError::Busy) if attempts < 100 => {
                attempts += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            other => return other,
        }
    }
}

fn read_only_options(path: &Path) -> SqliteConnectOptions {
    // Read-only, and no journal-mode pragma: a check must not write.
    quiet(SqliteConnectOptions::new().filename(path).read_only(true))
}

type SchemaObject = (String, String, Option<String>);

/// Every table, column (in the table's SQL), index, trigger and view,
/// by name; SQLite's own `sqlite_*` objects left out.
async fn schema_objects(
    pool: &sqlx::SqlitePool,
) -> Result<BTreeMap<String, SchemaObject>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as(sql::sqlite::SCHEMA_OBJECTS)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, name, table, sql)| (name, (kind, table, sql)))
        .collect())
}

/// The schema the migrations in `applied` create, built in memory.
async fn reference_schema(applied: &[i64]) -> StoreResult<BTreeMap<String, SchemaObject>> {
    let migrator = Migrator {
        migrations: std::borrow::Cow::Owned(
            MIGRATOR
                .iter()
                .filter(|m| applied.contains(&m.version))
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    };
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(quiet(
            SqliteConnectOptions::from_str("sqlite::memory:").map_err(driver_error)?,
        ))
        .await
        .map_err(driver_error)?;
    let result = async {
        migrator
            .run(&pool)
            .await
            .map_err(|e| StoreError::Internal(format!("reference schema: {e}")))?;
        schema_objects(&pool).await.map_err(driver_error)
    }
    .await;
    pool.close().await;
    result
}

/// What differs between a file's schema and the reference, one phrase per
/// object: "extra trigger x", "missing trigger y", "students differs",
/// "students is a view where a table belongs".
fn schema_differences(
    found: &BTreeMap<String, SchemaObject>,
    wanted: &BTreeMap<String, SchemaObject>,
) -> Vec<String> {
    let mut differences = Vec::new();
    for (name, (kind, table, sql)) in wanted {
        match found.get(name) {
            None => differences.push(format!("missing {kind} {name}")),
            Some((found_kind, _, _)) if found_kind != kind => {
                differences.push(format!("{name} is a {found_kind} where a {kind} belongs"))
            }
            // sqlx's own bookkeeping table: its DDL is sqlx's, not ours, and
            // may differ between sqlx versions; its rows are checked by
            // `check_migrations`, and a trigger on it is still an extra object.
            Some(_) if name == "_sqlx_migrations" => {}
            Some((_, found_table, found_sql)) if found_table != table || found_sql != sql => {
                differences.push(format!("{kind} {name} is not as created"))
            }
            Some(_) => {}
        }
    }
    for (name, (kind, _, _)) in found {
        if !wanted.contains_key(name) {
            differences.push(format!("extra {kind} {name}"));
        }
    }
    differences
}

/// Every applied migration finished and is byte for byte the one this build
/// carries (its checksum).
async fn check_migrations(pool: &sqlx::SqlitePool, path: &Path) -> StoreResult<()> {
    let rows: Vec<(i64, bool, Vec<u8>)> = sqlx::query_as(sql::sqlite::MIGRATION_CHECKSUMS)
        .fetch_all(pool)
        .await
        .map_err(|e| reading(path, e))?;
    for (version, success, checksum) in rows {
        if !success {
            return Err(StoreError::Corrupt(format!(
                "{}: migration {version} did not finish",
                path.display()
            )));
        }
        let known = MIGRATOR.iter().find(|m| m.version == version);
        if known.is_some_and(|m| *m.checksum != *checksum) {
            return Err(StoreError::Corrupt(format!(
                "{}: migration {version} is not the one Schooldesk wrote (its checksum differs)",
                path.display()
            )));
        }
    }
    Ok(())
}

async fn applied_versions(pool: &sqlx::SqlitePool) -> StoreResult<Vec<i64>> {
    let exists: i64 = sqlx::query_scalar(sql::sqlite::HAS_MIGRATIONS_TABLE)
        .fetch_one(pool)
        .await
        .map_err(driver_error)?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    sqlx::query_scalar(sql::APPLIED_MIGRATIONS)
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
    .busy_timeout(Duration::from_secs(5))
    // sqlx runs SQLite on a thread of its own and hands rows over a
    // channel of 50 by default: reading thousands of rows (a month's
    // invoicing reads every student's enrollment and account) then
    // stops that thread every 50 rows and wakes it again, and the
    // switching cost more than the reading (issue 17, `perf`).
    .row_buffer_size(ROW_BUFFER))
}

/// Rows the SQLite thread may read ahead of the task taking them.
const ROW_BUFFER: usize = 4096;

impl SqliteStore {
    /// Opens the database at `path` and brings its schema up to date.
    /// With `create`, a missing file is created (readable by its owner
    /// only); without, it is an error. Holds the shared lock on
    /// `<path>.lock` until [`Backend::close`].
    pub async fn open(path: &Path, create: bool) -> StoreResult<SqliteStore> {
        Self::check_place(path, create)?;
        let in_use = SharedUse::take(path).await?;
        Self::connect(path, create, Some(in_use)).await
    }

    /// Opens without the shared lock: for a file no other process knows
    /// (a temporary file this process made), or one whose [`ExclusiveUse`]
    /// this process holds. It uses a rollback journal, not WAL: after each
    /// commit the file alone is complete, so it can be renamed or replaced
    /// even while the pool's connections are still closing (sqlx closes
    /// them on worker threads; an idle rollback-mode connection holds no lock).
    pub async fn open_private(path: &Path, create: bool) -> StoreResult<SqliteStore> {
        Self::check_place(path, create)?;
        Self::connect(path, create, None).await
    }

    fn check_place(path: &Path, create: bool) -> StoreResult<()> {
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
        Ok(())
    }

    async fn connect(
        path: &Path,
        create: bool,
        in_use: Option<SharedUse>,
    ) -> StoreResult<SqliteStore> {
        if create {
            files::create_private(path)?;
        }
        let journal = if in_use.is_some() {
            SqliteJournalMode::Wal
        } else {
            SqliteJournalMode::Delete
        };
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(
                options(path)?
                    .journal_mode(journal)
                    .create_if_missing(create),
            )
            .await
            .map_err(driver_error)?;
        let migrated = async {
            let status = schema_status(&pool).await?;
            check_not_newer(&status)?;
            MIGRATOR.run(&pool).await.map_err(|e| match e {
                sqlx::migrate::MigrateError::Execute(inner)
                | sqlx::migrate::MigrateError::ExecuteMigration(inner, _) => driver_error(inner),
                other => StoreError::Corrupt(format!(
                    "{}: its schema cannot be brought up to date: {other}",
                    path.display()
                )),
            })
        }
        .await;
        if let Err(e) = migrated {
            pool.close().await;
            return Err(e);
        }
        Ok(SqliteStore {
            inner: SqlxStore::new(
                pool,
                SqliteFile {
                    path: path.to_path_buf(),
                    in_use: std::sync::Mutex::new(in_use),
                },
            ),
        })
    }

    pub fn path(&self) -> &Path {
        &self.inner.dialect().path
    }

    /// Writes a consistent copy of the open database to `dest` while it stays
    /// in use (`VACUUM INTO`), as one file with no `-wal`, checks it, and
    /// only then gives it its name: a failed or killed backup leaves nothing
    /// under `dest` (and no temporary file after a failure). An existing
    /// `dest` is never overwritten.
    pub async fn backup_to(&self, dest: &Path) -> StoreResult<FileCounts> {
        if dest.exists() {
            return Err(StoreError::Refused(format!(
                "{} already exists; choose a new file name",
                dest.display()
            )));
        }
        let partial = Scratch::beside(dest, "partial")?;
        vacuum_into(self.inner.pool(), partial.path())
            .await
            .map_err(|e| renamed(e, partial.path(), dest))?;
        single_file(partial.path())
            .await
            .map_err(|e| renamed(e, partial.path(), dest))?;
        let counts = Self::verify_file(partial.path())
            .await
            .map_err(|e| renamed(e, partial.path(), dest))?;
        partial.persist_new(dest)?;
        Ok(counts)
    }

    /// Folds any write-ahead log into `path` and switches it to a rollback
    /// journal: the file then needs nothing beside it and can be renamed.
    pub async fn make_single_file(path: &Path) -> StoreResult<()> {
        single_file(path).await
    }

    /// Copies the database file `src` (and its `-wal`, if one is beside it)
    /// into `dest`, a new, empty scratch file, without writing to `src`.
    pub async fn copy_file(src: &Path, dest: &Scratch) -> StoreResult<()> {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(read_only_options(src))
            .await
            .map_err(|e| reading(src, e))?;
        let copied = vacuum_into(&pool, dest.path()).await;
        pool.close().await;
        copied?;
        single_file(dest.path()).await
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
    /// open, without changing it: it opens, SQLite's integrity check passes,
    /// its migrations are all known, finished and unchanged (checksums), and
    /// its schema is object for object — tables with their columns, indexes,
    /// triggers, views — what those migrations create, nothing more, nothing
    /// less. Returns the records it holds. Every message names the file.
    pub async fn verify_file(path: &Path) -> StoreResult<FileCounts> {
        if !path.is_file() {
            return Err(StoreError::Unavailable(format!(
                "{} is not a file",
                path.display()
            )));
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(read_only_options(path))
            .await
            .map_err(|e| reading(path, e))?;
        let result = async {
            let check: String = sqlx::query_scalar(sql::sqlite::INTEGRITY_CHECK)
                .fetch_one(&pool)
                .await
                .map_err(|e| reading(path, e))?;
            if check != "ok" {
                return Err(StoreError::Corrupt(format!(
                    "{}: integrity check failed: {check}",
                    path.display()
                )));
            }
            let status = schema_status(&pool).await.map_err(|e| match e {
                StoreError::Corrupt(_) => StoreError::Corrupt(format!(
                    "{} is not a readable SQLite database",
                    path.display()
                )),
                other => other,
            })?;
            if status.applied.is_empty() {
                return Err(StoreError::Corrupt(format!(
                    "{} is not a Schooldesk database",
                    path.display()
                )));
            }
            check_not_newer(&status)?;
            check_migrations(&pool, path).await?;
            let found = schema_objects(&pool).await.map_err(|e| reading(path, e))?;
            let wanted = reference_schema(&status.applied).await?;
            let differences = schema_differences(&found, &wanted);
            if !differences.is_empty() {
                return Err(StoreError::Corrupt(format!(
                    "{} does not have the schema Schooldesk creates: {}",
                    path.display(),
                    differences.join("; ")
                )));
            }
            let mut counts = Vec::new();
            for table in schooldesk_store::tables::ALL
                .iter()
                .map(|t| t.name)
                .chain(["audit_events"])
            {
                let n: i64 = sqlx::query_scalar(&sql::count(table))
                    .fetch_one(&pool)
                    .await
                    .map_err(|e| reading(path, e))?;
                counts.push((table, n));
            }
            Ok(counts)
        }
        .await;
        pool.close().await;
        result
    }
}

/// A message about a temporary file, told with the name the user gave.
fn renamed(err: StoreError, temporary: &Path, shown: &Path) -> StoreError {
    let from = temporary.display().to_string();
    let to = shown.display().to_string();
    match err {
        StoreError::Refused(m) => StoreError::Refused(m.replace(&from, &to)),
        StoreError::Corrupt(m) => StoreError::Corrupt(m.replace(&from, &to)),
        StoreError::Unavailable(m) => StoreError::Unavailable(m.replace(&from, &to)),
        other => other,
    }
}

/// The current database, held by a restore so that no connection from any
/// program can use it while another file is put in its place.
///
/// It switches the file out of WAL mode in exclusive locking mode: SQLite
/// allows that only when no other connection has the file open, and it
/// first moves the write-ahead log into the file, so the copy kept of it is
/// complete. Then it holds `BEGIN EXCLUSIVE` until the new file is in place.
pub struct Replacing {
    conn: sqlx::SqliteConnection,
}

impl Replacing {
    /// Refuses when another program has the file open; a file SQLite cannot
    /// read comes back as `StoreError::Corrupt` (the caller keeps it as bytes).
    pub async fn take(held: &ExclusiveUse) -> StoreResult<Replacing> {
        let path = held.path();
        let in_use = || {
            StoreError::Refused(format!(
                "{} is open in another program (an SQLite browser, a sync tool); close it and try again",
                path.display()
            ))
        };
        // Our own connections, closed just before, may still be letting go
        // on their worker threads: a busy answer is asked again, a bounded
        // number of times, before another program is blamed.
        for _ in 0..50 {
            let mut conn = quiet(SqliteConnectOptions::new())
                .filename(path)
                .locking_mode(SqliteLockingMode::Exclusive)
                .busy_timeout(Duration::from_millis(100))
                .connect()
                .await
                .map_err(|e| reading(path, e))?;
            let mode: Result<String, _> = sqlx::query_scalar(sql::sqlite::LEAVE_WAL)
                .fetch_one(&mut conn)
                .await;
            match mode {
                Ok(mode) if mode.eq_ignore_ascii_case("delete") => return Ok(Replacing { conn }),
                Ok(_) => {}
                Err(e) => match reading(path, e) {
                    StoreError::Busy => {}
                    other => {
                        let _ = sqlx::Connection::close(conn).await;
                        return Err(other);
                    }
                },
            }
            let _ = sqlx::Connection::close(conn).await;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Err(in_use())
    }

    /// Writes a complete copy of the current database to `kept` (a new name).
    pub async fn keep_copy(&mut self, kept: &Path) -> StoreResult<()> {
        let partial = Scratch::beside(kept, "partial")?;
        sqlx::query(sql::sqlite::VACUUM_INTO)
            .bind(partial.path().display().to_string())
            .execute(&mut self.conn)
            .await
            .map_err(|e| renamed(writing(partial.path(), e), partial.path(), kept))?;
        single_file(partial.path())
            .await
            .map_err(|e| renamed(e, partial.path(), kept))?;
        partial.persist_new(kept)
    }

    /// Takes SQLite's exclusive lock, held until [`Replacing::release`].
    pub async fn hold(&mut self) -> StoreResult<()> {
        sqlx::query(sql::sqlite::BEGIN_EXCLUSIVE)
            .execute(&mut self.conn)
            .await
            .map_err(driver_error)?;
        Ok(())
    }

    pub async fn release(mut self) {
        let _ = sqlx::query(sql::sqlite::ROLLBACK)
            .execute(&mut self.conn)
            .await;
        let _ = sqlx::Connection::close(self.conn).await;
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
