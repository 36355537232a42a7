//! The PostgreSQL backend: a school server on the LAN shared by many
//! desktops. Ids are native UUIDs, times TIMESTAMPTZ, dates DATE.
//!
//! The transaction flow, audit writes and row decoding are the generic
//! `SqlxStore` of `schooldesk-store-sqlx`; this file holds only what is
//! PostgreSQL's own (its [`Dialect`]: binding, decoding, error codes,
//! transactions) and connecting: TLS, certificates, roles.
//!
//! Connections honour the URL's `sslmode` (TLS through rustls): `prefer`
//! (the default) encrypts when the server offers it, `require` refuses a
//! server that does not, `verify-ca` / `verify-full` also check its
//! certificate against the system's certificates and `sslrootcert=FILE`.

use schooldesk_store::{sql, ColType, SchemaStatus, StoreError, StoreResult, Val};
use schooldesk_store_sqlx::{DbQuery, Dialect, SqlxStore, Tx};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::ConnectOptions as _;
use sqlx::Connection as _;
use sqlx::Row as _;
use std::str::FromStr;
use std::time::Duration;

/// The PostgreSQL-dialect migrations, embedded at build time.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations/postgres");

/// A school database on a PostgreSQL server.
pub struct PgStore {
    inner: SqlxStore<Pg>,
}

/// PostgreSQL's dialect.
struct Pg;

impl Dialect for Pg {
    type Db = sqlx::Postgres;
    const KIND: &'static str = "postgres";
    const LOCK_ROW: &'static str = sql::postgres::LOCK_ROW;
    const FULL_TEXT: sql::FullText = sql::FullText::TsVector;

    fn bind<'q>(query: DbQuery<'q, Self>, value: &'q Val) -> DbQuery<'q, Self> {
        bind_val(query, value)
    }

    fn decode(row: &PgRow, index: usize, ty: ColType) -> Result<Val, sqlx::Error> {
        decode_val(row, index, ty)
    }

    fn rows_affected(result: &sqlx::postgres::PgQueryResult) -> u64 {
        result.rows_affected()
    }

    fn unique_columns(err: &dyn sqlx::error::DatabaseError) -> Vec<String> {
        unique_columns(err)
    }

    const TABLES: &'static str = sql::postgres::TABLES;
    const TABLE_COLUMNS: &'static str = sql::postgres::TABLE_COLUMNS;

    fn sql_type(ty: ColType) -> &'static str {
        match ty {
            ColType::Text => "text",
            ColType::Int => "bigint",
            ColType::Bool => "boolean",
            ColType::Date => "date",
            ColType::Time => "timestamp with time zone",
            ColType::Id => "uuid",
            ColType::Bytes => "bytea",
        }
    }

    fn driver_error(err: sqlx::Error) -> StoreError {
        driver_error(err)
    }

    async fn begin_write(pool: &sqlx::PgPool) -> StoreResult<Tx<Self>> {
        pool.begin().await.map_err(driver_error)
    }

    async fn begin_snapshot(pool: &sqlx::PgPool) -> StoreResult<Tx<Self>> {
        // One snapshot for every table: a login or an edit during a backup or a
        // copy is either wholly in it or wholly after it.
        pool.begin_with(sql::postgres::BEGIN_SNAPSHOT)
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
        sqlx::query(&sql::postgres::lock_tables(&names))
            .execute(conn)
            .await
            .map_err(driver_error)?;
        Ok(())
    }

    async fn schema_status(pool: &sqlx::PgPool) -> StoreResult<SchemaStatus> {
        schema_status(pool).await
    }

    async fn before_close(&self, _pool: &sqlx::PgPool) {}

    fn after_close(&self) {}
}

// Everything is `SqlxStore`'s; the store adds how it connects.
schooldesk_store_sqlx::forward_backend!(PgStore, inner);

fn bind_val<'q>(query: DbQuery<'q, Pg>, value: &'q Val) -> DbQuery<'q, Pg> {
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

fn decode_val(row: &PgRow, i: usize, ty: ColType) -> Result<Val, sqlx::Error> {
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
            // rustls reports a refused certificate as an I/O error.
            if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
                return StoreError::Unavailable(tls_problem(tls));
            }
            return StoreError::Unavailable(format!(
                "{io}; check the server address and that PostgreSQL is running"
            ));
        }
        sqlx::Error::Tls(e) => {
            if let Some(tls) = e.downcast_ref::<rustls::Error>() {
                return StoreError::Unavailable(tls_problem(tls));
            }
            // What sqlx says when the server answers "no" to TLS.
            if e.to_string() == "server does not support TLS" {
                return StoreError::Unavailable(
                    "the server does not accept encrypted connections, and the URL's sslmode \
                     requires one (a Unix socket is never encrypted: give the server's name \
                     or address, or ask whoever runs it to turn ssl on)"
                        .into(),
                );
            }
            return StoreError::Unavailable(format!("the secure connection failed: {e}"));
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

/// Why the server's certificate was refused, in words for whoever set the
/// server up.
fn tls_problem(error: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match error {
        rustls::Error::InvalidCertificate(C::UnknownIssuer | C::BadSignature) => {
            "the server's certificate is not signed by a certificate authority this computer \
             trusts: give the school's CA certificate with sslrootcert=FILE in the URL (or \
             install it among this computer's certificates)"
                .into()
        }
        rustls::Error::InvalidCertificate(
            C::NotValidForName | C::NotValidForNameContext { .. },
        ) => "the server's certificate is not made out for the host name in the URL: connect \
             with the name the certificate was made for"
            .into(),
        rustls::Error::InvalidCertificate(
            C::Expired | C::ExpiredContext { .. } | C::NotValidYet | C::NotValidYetContext { .. },
        ) => "the server's certificate has expired or is not valid yet (check this computer's \
              clock too)"
            .into(),
        other => format!("the secure connection to the server failed: {other}"),
    }
}

/// The certificate files a URL names (`sslrootcert`, `sslcert`, `sslkey`)
/// must exist: the driver would report a missing one as a network error.
fn check_certificate_files(url: &str) -> StoreResult<()> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Ok(()); // the driver's parser names what is wrong
    };
    for (name, value) in parsed.query_pairs() {
        if matches!(name.as_ref(), "sslrootcert" | "sslcert" | "sslkey")
            && !std::path::Path::new(value.as_ref()).is_file()
        {
            return Err(StoreError::Unavailable(format!(
                "the file {value} that {name}= names in the database URL does not exist"
            )));
        }
    }
    Ok(())
}

fn migration_error(err: sqlx::migrate::MigrateError, status: &SchemaStatus) -> StoreError {
    match err {
        sqlx::migrate::MigrateError::Execute(inner)
        | sqlx::migrate::MigrateError::ExecuteMigration(inner, _) => {
            let denied = inner
                .as_database_error()
                .and_then(|db| db.code())
                .is_some_and(|code| code == "42501");
            if denied {
                StoreError::AccessDenied(format!(
                    "the database needs Schooldesk's schema updates {:?} and this login may not make them; \
                     open it once with the login that owns the tables (see README, \"PostgreSQL roles\")",
                    status
                        .known
                        .iter()
                        .filter(|v| !status.applied.contains(v))
                        .collect::<Vec<_>>()
                ))
            } else {
                driver_error(inner)
            }
        }
        other => StoreError::Internal(format!("migration failed: {other}")),
    }
}

async fn schema_status(pool: &sqlx::PgPool) -> StoreResult<SchemaStatus> {
    let exists: bool = sqlx::query_scalar(sql::postgres::HAS_MIGRATIONS_TABLE)
        .fetch_one(pool)
        .await
        .map_err(driver_error)?;
    let applied = if exists {
        sqlx::query_scalar(sql::APPLIED_MIGRATIONS)
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

/// The options a URL gives. sqlx would log "slow" statements as warnings
/// with their SQL, which reach whoever runs the command line: off.
fn connect_options(url: &str) -> StoreResult<PgConnectOptions> {
    Ok(PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Unavailable(format!("bad PostgreSQL URL: {e}")))?
        .disable_statement_logging())
}

/// A pool of up to `size` connections. One direct connection first: a pool
/// retries until its timeout and then says only that it timed out, while
/// this says why (refused, wrong password, no such database) at once.
async fn open_pool(options: PgConnectOptions, size: u32) -> StoreResult<sqlx::PgPool> {
    let first = tokio::time::timeout(
        Duration::from_secs(10),
        sqlx::PgConnection::connect_with(&options),
    )
    .await
    .map_err(|_| {
        StoreError::Unavailable(
            "the server did not answer within 10 seconds; check the address and the network".into(),
        )
    })?
    .map_err(driver_error)?;
    sqlx::Connection::close(first).await.ok();
    PgPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(driver_error)
}

impl PgStore {
    /// Connects to the server at `url` and brings the schema up to date.
    pub async fn connect(url: &str) -> StoreResult<PgStore> {
        check_certificate_files(url)?;
        Self::connect_with(connect_options(url)?).await
    }

    /// Connects, reads which of Schooldesk's migrations the database has,
    /// and disconnects: creates and migrates nothing (the desktop wizard's
    /// "Test" button). A database newer than this build is an error.
    pub async fn probe(url: &str) -> StoreResult<SchemaStatus> {
        check_certificate_files(url)?;
        // One pooled connection is enough to read the migrations table.
        let pool = open_pool(connect_options(url)?, 1).await?;
        let status = schema_status(&pool).await;
        pool.close().await;
        let status = status?;
        if let Some(version) = status.applied.iter().find(|v| !status.known.contains(v)) {
            return Err(StoreError::NewerDatabase { version: *version });
        }
        Ok(status)
    }

    pub async fn connect_with(options: PgConnectOptions) -> StoreResult<PgStore> {
        let pool = open_pool(options.disable_statement_logging(), 8).await?;
        let status = schema_status(&pool).await?;
        if let Some(version) = status.applied.iter().find(|v| !status.known.contains(v)) {
            pool.close().await;
            return Err(StoreError::NewerDatabase { version: *version });
        }
        // A current schema is left alone: the desktops connect as a role
        // that does not own the tables and may not create any (README,
        // "PostgreSQL roles"); only the owner brings the schema up to date.
        if !status.is_current() {
            if let Err(e) = MIGRATOR.run(&pool).await {
                pool.close().await;
                return Err(migration_error(e, &status));
            }
        }
        Ok(PgStore {
            inner: SqlxStore::new(pool, Pg),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10: a slow statement was logged as a warning with its SQL.
    #[test]
    fn statements_are_not_logged() {
        let shown = format!(
            "{:?}",
            connect_options("postgres://kur@localhost/sekolah").unwrap()
        );
        assert!(shown.contains("slow_statements_level: Off"), "{shown}");
        assert!(shown.contains("statements_level: Off"), "{shown}");
    }
}
