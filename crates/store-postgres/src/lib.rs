//! The PostgreSQL backend: a school server on the LAN shared by many
//! desktops. Ids are native UUIDs, times TIMESTAMPTZ, dates DATE.
//!
//! The transaction flow, audit writes and row decoding are shared with the
//! SQLite backend (see `crates/store/sqlx/shared.rs`); this file holds only
//! what is PostgreSQL's own: connecting, binding, decoding and error codes.

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::Connection as _;
use std::str::FromStr;
use std::time::Duration;

type Db = sqlx::Postgres;
type DbRow = PgRow;
type DbStore = PgStore;
const KIND: &str = "postgres";

/// The PostgreSQL-dialect migrations, embedded at build time.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations/postgres");

/// A school database on a PostgreSQL server.
pub struct PgStore {
    pool: sqlx::PgPool,
}

include!("../../store/sqlx/shared.rs");

fn bind_val<'q>(query: DbQuery<'q>, value: &'q Val) -> DbQuery<'q> {
    match value {
        Val::Null(ty) => match ty {
            ColType::Text => query.bind(None::<String>),
            ColType::Int => query.bind(None::<i64>),
            ColType::Bool => query.bind(None::<bool>),
            ColType::Date => query.bind(None::<chrono::NaiveDate>),
            ColType::Time => query.bind(None::<chrono::DateTime<chrono::Utc>>),
            ColType::Id => query.bind(None::<uuid::Uuid>),
            ColType::Bytes => query.bind(None::<Vec<u8>>),
        },
        Val::Text(s) => query.bind(s.as_str()),
        Val::Int(i) => query.bind(*i),
        Val::Bool(b) => query.bind(*b),
        Val::Date(d) => query.bind(*d),
        Val::Time(t) => query.bind(*t),
        Val::Id(id) => query.bind(*id),
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
        ColType::Id => Val::from(row.try_get::<Option<uuid::Uuid>, _>(i)?),
    })
}

/// PostgreSQL's detail reads "Key (academic_year_id, name)=(…, VII-A) already exists."
fn unique_columns(err: &dyn sqlx::error::DatabaseError) -> Vec<String> {
    let detail = err
        .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
        .and_then(|e| e.detail())
        .unwrap_or("");
    let inside = detail
        .strip_prefix("Key (")
        .and_then(|rest| rest.split_once(")="))
        .map_or("", |(cols, _)| cols);
    inside
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

fn driver_error(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.to_string()).unwrap_or_default();
            match code.as_str() {
                "28P01" | "28000" => {
                    return StoreError::AccessDenied(
                        "wrong user name or password for the PostgreSQL server".into(),
                    )
                }
                "3D000" => {
                    return StoreError::Unavailable(format!(
                        "{}; ask whoever runs the server to create it",
                        db.message()
                    ))
                }
                "40001" | "40P01" | "55P03" => return StoreError::Busy,
                // A NUL byte or text that is not valid in the server's encoding.
                "22021" | "22P05" => {
                    return StoreError::Refused(
                        "a text holds a character the database cannot store (such as a NUL byte)"
                            .into(),
                    )
                }
                "57P01" | "57P02" | "57P03" | "53300" => {
                    return StoreError::Unavailable(format!(
                        "the server is not accepting connections: {}",
                        db.message()
                    ))
                }
                _ => {}
            }
        }
        sqlx::Error::Io(io) => {
            return StoreError::Unavailable(format!(
                "{io}; check the server address and that PostgreSQL is running"
            ))
        }
        sqlx::Error::Tls(e) => {
            return StoreError::Unavailable(format!("secure connection failed: {e}"))
        }
        sqlx::Error::PoolTimedOut => {
            return StoreError::Unavailable("timed out waiting for the server".into())
        }
        sqlx::Error::Configuration(e) => {
            return StoreError::Unavailable(format!("bad database URL: {e}"))
        }
        _ => {}
    }
    tracing::error!(error = %err, "postgres error");
    StoreError::Internal(err.to_string())
}

async fn begin_write(pool: &sqlx::PgPool) -> StoreResult<sqlx::Transaction<'static, Db>> {
    pool.begin().await.map_err(driver_error)
}

async fn begin_snapshot(pool: &sqlx::PgPool) -> StoreResult<sqlx::Transaction<'static, Db>> {
    // One snapshot for every table: a login or an edit during a backup or a
    // copy is either wholly in it or wholly after it.
    pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await
        .map_err(driver_error)
}

async fn lock_for_load(conn: &mut sqlx::PgConnection) -> StoreResult<()> {
    // EXCLUSIVE mode lets others read but not write until the load commits,
    // so nobody slips a record into the database between the "is it empty?"
    // check and the commit.
    let names: Vec<&str> = schooldesk_store::tables::ALL
        .iter()
        .map(|t| t.name)
        .chain(["audit_events", "login_state", "sessions"])
        .collect();
    sqlx::query(&format!(
        "LOCK TABLE {} IN EXCLUSIVE MODE",
        names.join(", ")
    ))
    .execute(conn)
    .await
    .map_err(driver_error)?;
    Ok(())
}

async fn before_close(_store: &PgStore) {}

fn after_close(_store: &PgStore) {}

async fn schema_status(pool: &sqlx::PgPool) -> StoreResult<SchemaStatus> {
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(pool)
        .await
        .map_err(driver_error)?;
    let applied = if exists {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await
            .map_err(driver_error)?
    } else {
        Vec::new()
    };
    Ok(SchemaStatus {
        known: MIGRATOR.iter().map(|m| m.version).collect(),
        applied,
    })
}

impl PgStore {
    /// Connects to the server at `url` and brings the schema up to date.
    pub async fn connect(url: &str) -> StoreResult<PgStore> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Unavailable(format!("bad PostgreSQL URL: {e}")))?;
        Self::connect_with(options).await
    }

    pub async fn connect_with(options: PgConnectOptions) -> StoreResult<PgStore> {
        // One direct connection first: a pool retries until its timeout and
        // then says only that it timed out, while this says why (refused,
        // wrong password, no such database) at once.
        let probe = tokio::time::timeout(
            Duration::from_secs(10),
            sqlx::PgConnection::connect_with(&options),
        )
        .await
        .map_err(|_| {
            StoreError::Unavailable(
                "the server did not answer within 10 seconds; check the address and the network"
                    .into(),
            )
        })?
        .map_err(driver_error)?;
        sqlx::Connection::close(probe).await.ok();
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(driver_error)?;
        let status = schema_status(&pool).await?;
        if let Some(version) = status.applied.iter().find(|v| !status.known.contains(v)) {
            pool.close().await;
            return Err(StoreError::NewerDatabase { version: *version });
        }
        MIGRATOR.run(&pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(inner) => driver_error(inner),
            other => StoreError::Internal(format!("migration failed: {other}")),
        })?;
        Ok(PgStore { pool })
    }
}
