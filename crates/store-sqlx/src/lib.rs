//! The body of a sqlx-based backend, written once: [`SqlxStore`] implements
//! [`Backend`] for any [`Dialect`], so the flow of a transaction, the audit
//! writes, row decoding and error mapping are the same on SQLite and
//! PostgreSQL, and the compiler checks what each dialect must supply.
//!
//! The SQL text is `schooldesk_store::sql`'s; a dialect adds how a [`Val`] is
//! bound and decoded, its error codes, how transactions begin, and its few
//! statements of its own (also in `sql.rs`).

use schooldesk_core::{AuditEvent, Id, Meta};
use schooldesk_store::{
    sql, AuditQuery, Backend, Change, ColType, LiveColumn, LockSchedule, LoginClaim, LoginState,
    Op, Query, Row, SchemaStatus, SessionRow, SessionStore, Snapshot, StoreError, StoreResult,
    Table, Val,
};
use sqlx::{Database, Executor, IntoArguments, Pool};
use std::collections::HashMap;
use std::future::Future;

/// The driver's connection.
/// Implements `schooldesk_store::Backend` for a backend's store type by
/// forwarding every method to its `SqlxStore` field: the store adds how it
/// connects (and, for SQLite, its file), never how it reads and writes.
#[macro_export]
macro_rules! forward_backend {
    ($store:ty, $inner:ident) => {
        #[::async_trait::async_trait]
        impl ::schooldesk_store::Backend for $store {
            fn kind(&self) -> &'static str {
                self.$inner.kind()
            }
            async fn apply(
                &self,
                change: ::schooldesk_store::Change,
            ) -> ::schooldesk_store::StoreResult<Vec<Option<::schooldesk_store::Row>>> {
                self.$inner.apply(change).await
            }
            async fn get(
                &self,
                table: &'static ::schooldesk_store::Table,
                id: ::schooldesk_core::Id,
            ) -> ::schooldesk_store::StoreResult<Option<::schooldesk_store::Row>> {
                self.$inner.get(table, id).await
            }
            async fn select(
                &self,
                table: &'static ::schooldesk_store::Table,
                query: &::schooldesk_store::Query,
            ) -> ::schooldesk_store::StoreResult<Vec<::schooldesk_store::Row>> {
                self.$inner.select(table, query).await
            }
            async fn count(
                &self,
                table: &'static ::schooldesk_store::Table,
            ) -> ::schooldesk_store::StoreResult<i64> {
                self.$inner.count(table).await
            }
            async fn report(
                &self,
                report: &::schooldesk_store::sql::Report,
                values: &[::schooldesk_store::Val],
            ) -> ::schooldesk_store::StoreResult<Vec<Vec<::schooldesk_store::Val>>> {
                self.$inner.report(report, values).await
            }
            async fn audit(
                &self,
                query: &::schooldesk_store::AuditQuery,
            ) -> ::schooldesk_store::StoreResult<Vec<::schooldesk_core::AuditEvent>> {
                self.$inner.audit(query).await
            }
            async fn count_audit(&self) -> ::schooldesk_store::StoreResult<i64> {
                self.$inner.count_audit().await
            }
            fn sessions(&self) -> &dyn ::schooldesk_store::SessionStore {
                self.$inner.sessions()
            }
            async fn snapshot(
                &self,
                tables: &[&'static ::schooldesk_store::Table],
            ) -> ::schooldesk_store::StoreResult<::schooldesk_store::Snapshot> {
                self.$inner.snapshot(tables).await
            }
            async fn select_many(
                &self,
                queries: &[(
                    &'static ::schooldesk_store::Table,
                    ::schooldesk_store::Query,
                )],
            ) -> ::schooldesk_store::StoreResult<Vec<Vec<::schooldesk_store::Row>>> {
                self.$inner.select_many(queries).await
            }
            async fn load(
                &self,
                snapshot: ::schooldesk_store::Snapshot,
            ) -> ::schooldesk_store::StoreResult<()> {
                self.$inner.load(snapshot).await
            }
            async fn schema_status(
                &self,
            ) -> ::schooldesk_store::StoreResult<::schooldesk_store::SchemaStatus> {
                self.$inner.schema_status().await
            }
            async fn live_tables(&self) -> ::schooldesk_store::StoreResult<Vec<String>> {
                self.$inner.live_tables().await
            }
            async fn live_columns(
                &self,
                table: &str,
            ) -> ::schooldesk_store::StoreResult<Vec<::schooldesk_store::LiveColumn>> {
                self.$inner.live_columns(table).await
            }
            fn sql_type(&self, ty: ::schooldesk_store::ColType) -> &'static str {
                self.$inner.sql_type(ty)
            }
            async fn close(&self) {
                self.$inner.close().await
            }
        }
    };
}

pub type Conn<D> = <<D as Dialect>::Db as Database>::Connection;
/// A row as the driver returns it.
pub type DbRow<D> = <<D as Dialect>::Db as Database>::Row;
/// A statement with its values bound so far.
pub type DbQuery<'q, D> =
    sqlx::query::Query<'q, <D as Dialect>::Db, <<D as Dialect>::Db as Database>::Arguments<'q>>;
/// A transaction on a connection taken from the pool.
pub type Tx<D> = sqlx::Transaction<'static, <D as Dialect>::Db>;

/// What a database dialect supplies to [`SqlxStore`]. The value itself is
/// the dialect's own state kept with the pool (SQLite: the file and its lock).
pub trait Dialect: Send + Sync + Sized + 'static {
    /// The sqlx driver.
    type Db: Database;
    /// "sqlite" or "postgres", for messages and `doctor`.
    const KIND: &'static str;
    /// What locks a selected row for the rest of the transaction
    /// (`sql::postgres::LOCK_ROW`); empty where the write transaction
    /// already keeps every other writer out (SQLite).
    const LOCK_ROW: &'static str;
    /// How the dialect matches words (`Filter::Words`).
    const FULL_TEXT: sql::FullText;

    /// Binds one value (a NULL with its column type, where the driver needs it).
    fn bind<'q>(query: DbQuery<'q, Self>, value: &'q Val) -> DbQuery<'q, Self>;
    /// Decodes column `index` of `row` as `ty`; NULL is `Val::Null(ty)`.
    fn decode(row: &DbRow<Self>, index: usize, ty: ColType) -> Result<Val, sqlx::Error>;
    /// How many rows a statement changed.
    fn rows_affected(result: &<Self::Db as Database>::QueryResult) -> u64;
    /// The columns a unique violation names, read from the driver's error.
    fn unique_columns(err: &dyn sqlx::error::DatabaseError) -> Vec<String>;
    /// Every error that is not about one record: busy, unavailable, corrupt…
    fn driver_error(err: sqlx::Error) -> StoreError;
    /// A transaction that will write.
    fn begin_write(pool: &Pool<Self::Db>) -> impl Future<Output = StoreResult<Tx<Self>>> + Send;
    /// A transaction whose reads all see one moment.
    fn begin_snapshot(pool: &Pool<Self::Db>) -> impl Future<Output = StoreResult<Tx<Self>>> + Send;
    /// Keeps other writers out of a [`Backend::load`] until it commits, in a
    /// transaction from [`Dialect::begin_write`].
    fn lock_for_load(conn: &mut Conn<Self>) -> impl Future<Output = StoreResult<()>> + Send;
    /// Reads the name of every table (`sql::sqlite::TABLES`, `sql::postgres::TABLES`).
    const TABLES: &'static str;
    /// Reads a table's columns: binds its name; reads name, type, nullable
    /// (`sql::sqlite::TABLE_COLUMNS`, `sql::postgres::TABLE_COLUMNS`).
    const TABLE_COLUMNS: &'static str;
    /// The type [`Dialect::TABLE_COLUMNS`] reports for a column of type `ty`,
    /// as the migrations create it.
    fn sql_type(ty: ColType) -> &'static str;
    /// Which migrations this build knows and the database has.
    fn schema_status(
        pool: &Pool<Self::Db>,
    ) -> impl Future<Output = StoreResult<SchemaStatus>> + Send;
    /// Last words before the pool closes.
    fn before_close(&self, pool: &Pool<Self::Db>) -> impl Future<Output = ()> + Send;
    /// After the pool has closed.
    fn after_close(&self);
}

/// A school database behind a sqlx pool, in `D`'s dialect.
pub struct SqlxStore<D: Dialect> {
    pool: Pool<D::Db>,
    dialect: D,
}

impl<D: Dialect> SqlxStore<D> {
    /// A store on a pool whose schema is already current.
    pub fn new(pool: Pool<D::Db>, dialect: D) -> Self {
        SqlxStore { pool, dialect }
    }

    pub fn pool(&self) -> &Pool<D::Db> {
        &self.pool
    }

    pub fn dialect(&self) -> &D {
        &self.dialect
    }
}

fn query_with<'q, D: Dialect>(sql: &'q str, values: &'q [Val]) -> DbQuery<'q, D> {
    values.iter().fold(sqlx::query(sql), D::bind)
}

/// Maps a driver error raised while writing `values` into `table`.
fn write_error<D: Dialect>(
    err: sqlx::Error,
    table: &'static Table,
    values: &[Val],
    deleting: bool,
) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => {
                let columns = D::unique_columns(db.as_ref());
                let mut labels = Vec::new();
                let mut shown = Vec::new();
                for name in &columns {
                    if let Some((i, column)) = table.column(name) {
                        labels.push(column.label);
                        shown.push(values.get(i).map(Val::display).unwrap_or_default());
                    }
                }
                if labels.is_empty() {
                    labels.push("these details");
                }
                return StoreError::Duplicate {
                    what: table.label,
                    field: labels.join(" and "),
                    value: shown.join(" / "),
                };
            }
            sqlx::error::ErrorKind::ForeignKeyViolation => {
                return if deleting {
                    StoreError::InUse { what: table.label }
                } else {
                    StoreError::MissingReference { what: table.label }
                };
            }
            _ => {}
        }
    }
    D::driver_error(err)
}

/// Column `index` of a row, decoded as `ty` through the dialect, and
/// unpacked into a Rust value.
struct Cells<'r, D: Dialect> {
    row: &'r DbRow<D>,
}

fn unexpected_null(index: usize) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: index.to_string(),
        source: Box::new(sqlx::error::UnexpectedNullError),
    }
}

fn mismatch(index: usize, ty: ColType, found: &Val) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: index.to_string(),
        source: format!("expected {ty:?}, decoded {found:?}").into(),
    }
}

impl<'r, D: Dialect> Cells<'r, D> {
    fn new(row: &'r DbRow<D>) -> Self {
        Cells { row }
    }

    fn val(&self, i: usize, ty: ColType) -> Result<Val, sqlx::Error> {
        D::decode(self.row, i, ty)
    }

    fn opt_id(&self, i: usize) -> Result<Option<Id>, sqlx::Error> {
        match self.val(i, ColType::Id)? {
            Val::Id(id) => Ok(Some(id)),
            Val::Null(_) => Ok(None),
            other => Err(mismatch(i, ColType::Id, &other)),
        }
    }

    fn id(&self, i: usize) -> Result<Id, sqlx::Error> {
        self.opt_id(i)?.ok_or_else(|| unexpected_null(i))
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>, sqlx::Error> {
        match self.val(i, ColType::Int)? {
            Val::Int(n) => Ok(Some(n)),
            Val::Null(_) => Ok(None),
            other => Err(mismatch(i, ColType::Int, &other)),
        }
    }

    fn int(&self, i: usize) -> Result<i64, sqlx::Error> {
        self.opt_int(i)?.ok_or_else(|| unexpected_null(i))
    }

    fn opt_time(&self, i: usize) -> Result<Option<chrono::DateTime<chrono::Utc>>, sqlx::Error> {
        match self.val(i, ColType::Time)? {
            Val::Time(t) => Ok(Some(t)),
            Val::Null(_) => Ok(None),
            other => Err(mismatch(i, ColType::Time, &other)),
        }
    }

    fn time(&self, i: usize) -> Result<chrono::DateTime<chrono::Utc>, sqlx::Error> {
        self.opt_time(i)?.ok_or_else(|| unexpected_null(i))
    }

    fn opt_text(&self, i: usize) -> Result<Option<String>, sqlx::Error> {
        match self.val(i, ColType::Text)? {
            Val::Text(t) => Ok(Some(t)),
            Val::Null(_) => Ok(None),
            other => Err(mismatch(i, ColType::Text, &other)),
        }
    }

    fn text(&self, i: usize) -> Result<String, sqlx::Error> {
        self.opt_text(i)?.ok_or_else(|| unexpected_null(i))
    }

    /// The bookkeeping columns every record row starts with.
    fn meta(&self) -> Result<Meta, sqlx::Error> {
        Ok(Meta {
            id: self.id(0)?,
            version: self.int(1)?,
            created_at: self.time(2)?,
            updated_at: self.time(3)?,
            updated_by: self.opt_id(4)?,
        })
    }

    /// A row of `sql::AUDIT_COLUMNS`.
    fn audit(&self) -> Result<AuditEvent, sqlx::Error> {
        Ok(AuditEvent {
            id: self.id(0)?,
            at: self.time(1)?,
            actor_id: self.opt_id(2)?,
            actor_login: self.text(3)?,
            action: self.text(4)?,
            table_name: self.text(5)?,
            record_id: self.opt_id(6)?,
            before: self.opt_text(7)?,
            after: self.opt_text(8)?,
        })
    }
}

fn decode_row<D: Dialect>(table: &Table, row: &DbRow<D>) -> StoreResult<Row> {
    let cells = Cells::<D>::new(row);
    let meta = cells.meta().map_err(D::driver_error)?;
    let offset = sql::META_COLUMNS.len();
    let mut values = Vec::with_capacity(table.columns.len());
    for (i, column) in table.columns.iter().enumerate() {
        let value = cells.val(offset + i, column.ty).map_err(D::driver_error)?;
        if !column.nullable && matches!(value, Val::Null(_)) {
            return Err(StoreError::Corrupt(format!(
                "{}.{} is empty in record {}",
                table.name, column.name, meta.id
            )));
        }
        values.push(value);
    }
    Ok(Row { meta, values })
}

fn decode_audit<D: Dialect>(row: &DbRow<D>) -> StoreResult<AuditEvent> {
    Cells::<D>::new(row).audit().map_err(D::driver_error)
}

fn conflict(table: &'static Table, meta: &Meta) -> StoreError {
    StoreError::Conflict {
        what: table.label,
        id: meta.id,
        current_version: meta.version,
        updated_at: meta.updated_at,
        updated_by: meta.updated_by,
    }
}

/// A statement with thousands of binds, as the dialect reads it fastest.
/// For SQLite, `$N` and `?N` are parameter *names*, and looking a name up
/// (`sqlite3_bind_parameter_name`, which sqlx calls for every bind) walks
/// all the names: quadratic in a multi-row insert. Plain `?` has no name.
/// Only for statements whose `$1, $2, …` each appear once, in order.
fn numbered<D: Dialect>(sql: String) -> String {
    if D::KIND != "sqlite" {
        return sql;
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            out.push('?');
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether two operations may be applied as one run: inserts into one
/// table, or updates of one table, each row at most once in the run (an
/// update of a row the run already updated must see that update).
fn same_kind(first: &Op, op: &Op) -> bool {
    match (first, op) {
        (Op::Insert { table: a, .. }, Op::Insert { table: b, .. }) => a.name == b.name,
        (Op::Update { table: a, .. }, Op::Update { table: b, .. }) => a.name == b.name,
        _ => false,
    }
}

fn not_found(table: &'static Table, id: Id) -> StoreError {
    StoreError::NotFound {
        what: table.label,
        id: id.to_string(),
    }
}

/// Why a record could not be written, for a message that names the record.
fn refusal_reason(err: StoreError) -> String {
    match err {
        StoreError::Internal(_) => "the target database refused it (details in the log)".into(),
        other => other.to_string(),
    }
}

/// A record a copy could not write, named by its table, id and first text
/// column ("student 0193… (NIS S12345)"), so the user can find and fix it.
fn record_refused(table: &'static Table, row: &Row, err: StoreError) -> StoreError {
    let key = table
        .columns
        .iter()
        .zip(&row.values)
        .find_map(|(column, value)| match value {
            Val::Text(text) if !column.secret => Some(format!(" ({} {text:?})", column.label)),
            _ => None,
        })
        .unwrap_or_default();
    StoreError::Refused(format!(
        "cannot copy the {} {}{key}: {}",
        table.label,
        row.meta.id,
        refusal_reason(err)
    ))
}

type Attempts = (i64, Option<chrono::DateTime<chrono::Utc>>);

/// The statements of one connection or transaction. The bounds are what
/// every sqlx driver gives: its `&mut Connection` runs statements, and its
/// arguments can be handed to it.
struct On<'c, D: Dialect> {
    conn: &'c mut Conn<D>,
}

impl<D: Dialect> On<'_, D>
where
    for<'e> &'e mut Conn<D>: Executor<'e, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
{
    async fn execute(&mut self, sql: &str, values: &[Val]) -> Result<u64, sqlx::Error> {
        let done = query_with::<D>(sql, values)
            .execute(&mut *self.conn)
            .await?;
        Ok(D::rows_affected(&done))
    }

    async fn fetch_optional(
        &mut self,
        sql: &str,
        values: &[Val],
    ) -> Result<Option<DbRow<D>>, sqlx::Error> {
        query_with::<D>(sql, values)
            .fetch_optional(&mut *self.conn)
            .await
    }

    async fn fetch_all(&mut self, sql: &str, values: &[Val]) -> Result<Vec<DbRow<D>>, sqlx::Error> {
        query_with::<D>(sql, values)
            .fetch_all(&mut *self.conn)
            .await
    }

    async fn count(&mut self, table_name: &str) -> StoreResult<i64> {
        let row = query_with::<D>(&sql::count(table_name), &[])
            .fetch_one(&mut *self.conn)
            .await
            .map_err(D::driver_error)?;
        Cells::<D>::new(&row).int(0).map_err(D::driver_error)
    }

    async fn fetch_row(&mut self, table: &'static Table, id: Id) -> StoreResult<Option<Row>> {
        let row = self
            .fetch_optional(&sql::get(table), &[Val::Id(id)])
            .await
            .map_err(D::driver_error)?;
        row.map(|r| decode_row::<D>(table, &r)).transpose()
    }

    async fn select(&mut self, table: &'static Table, query: &Query) -> StoreResult<Vec<Row>> {
        let (sql, binds) = sql::select(table, query, D::FULL_TEXT);
        let rows = self
            .fetch_all(&numbered::<D>(sql), &binds)
            .await
            .map_err(D::driver_error)?;
        rows.iter().map(|r| decode_row::<D>(table, r)).collect()
    }

    async fn insert_row(&mut self, table: &'static Table, row: &Row) -> StoreResult<()> {
        let mut values = vec![
            Val::Id(row.meta.id),
            Val::Int(row.meta.version),
            Val::Time(row.meta.created_at),
            Val::Time(row.meta.updated_at),
            row.meta.updated_by.into(),
        ];
        values.extend(row.values.iter().cloned());
        self.execute(&sql::insert(table), &values)
            .await
            .map_err(|e| write_error::<D>(e, table, &row.values, false))?;
        Ok(())
    }

    async fn insert_audit(&mut self, event: &AuditEvent) -> StoreResult<()> {
        let values = [
            Val::Id(event.id),
            Val::Time(event.at),
            event.actor_id.into(),
            Val::Text(event.actor_login.clone()),
            Val::Text(event.action.clone()),
            Val::Text(event.table_name.clone()),
            event.record_id.into(),
            event.before.clone().into(),
            event.after.clone().into(),
        ];
        self.execute(sql::INSERT_AUDIT, &values)
            .await
            .map_err(D::driver_error)?;
        Ok(())
    }

    /// Writes audit events, many to a statement (see [`sql::MAX_BINDS`]).
    async fn insert_audits(&mut self, events: &[AuditEvent]) -> StoreResult<()> {
        for chunk in events.chunks(sql::MAX_BINDS / 9) {
            if let [one] = chunk {
                self.insert_audit(one).await?;
                continue;
            }
            let mut values = Vec::with_capacity(chunk.len() * 9);
            for event in chunk {
                values.extend([
                    Val::Id(event.id),
                    Val::Time(event.at),
                    event.actor_id.into(),
                    Val::Text(event.actor_login.clone()),
                    Val::Text(event.action.clone()),
                    Val::Text(event.table_name.clone()),
                    event.record_id.into(),
                    event.before.clone().into(),
                    event.after.clone().into(),
                ]);
            }
            self.execute(&numbered::<D>(sql::insert_audits(chunk.len())), &values)
                .await
                .map_err(D::driver_error)?;
        }
        Ok(())
    }

    /// Inserts rows of one table, many to a statement. A statement that
    /// fails is undone (to a savepoint) and its rows inserted one by one,
    /// so the error names the row and value at fault exactly as a single
    /// insert would.
    async fn insert_rows(&mut self, table: &'static Table, rows: &[Row]) -> StoreResult<()> {
        let width = sql::META_COLUMNS.len() + table.columns.len();
        for chunk in rows.chunks((sql::MAX_BINDS / width).max(1)) {
            if let [one] = chunk {
                self.insert_row(table, one).await?;
                continue;
            }
            let mut values = Vec::with_capacity(chunk.len() * width);
            for row in chunk {
                values.extend([
                    Val::Id(row.meta.id),
                    Val::Int(row.meta.version),
                    Val::Time(row.meta.created_at),
                    Val::Time(row.meta.updated_at),
                    row.meta.updated_by.into(),
                ]);
                values.extend(row.values.iter().cloned());
            }
            self.execute("SAVEPOINT sd_rows", &[])
                .await
                .map_err(D::driver_error)?;
            let statement = numbered::<D>(sql::insert_rows(table, chunk.len()));
            match self.execute(&statement, &values).await {
                Ok(_) => {
                    self.execute("RELEASE SAVEPOINT sd_rows", &[])
                        .await
                        .map_err(D::driver_error)?;
                }
                Err(_) => {
                    self.execute("ROLLBACK TO SAVEPOINT sd_rows", &[])
                        .await
                        .map_err(D::driver_error)?;
                    self.execute("RELEASE SAVEPOINT sd_rows", &[])
                        .await
                        .map_err(D::driver_error)?;
                    for row in chunk {
                        self.insert_row(table, row).await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Updates a run of rows of one table (each once), many to a
    /// statement: each row's before-image from `read`, checked against its
    /// expected version as [`On::current_row`] does, then one `UPDATE …
    /// FROM (VALUES …)` per chunk, which must change every row of it. A
    /// statement that fails or changes fewer rows (another writer came
    /// between the read and the write) is undone to a savepoint and the
    /// answer is None: the caller applies the run row by row, which names
    /// the row at fault exactly as a single update would. Returns the rows
    /// as updated and their audit events. A change audited by its events
    /// alone needs no before-image: its rows are not read first (`read` is
    /// empty), the statement's `version = expected` condition is the only
    /// check, and no rows come back (a bulk write, such as a month's
    /// invoicing, which updates every student's account).
    async fn update_rows(
        &mut self,
        change: &Change,
        table: &'static Table,
        run: &[Op],
        read: &mut HashMap<Id, Row>,
    ) -> StoreResult<Option<(Vec<Option<Row>>, Vec<AuditEvent>)>> {
        let mut updated = Vec::with_capacity(run.len());
        let mut events = Vec::with_capacity(run.len());
        let mut binds_of = Vec::with_capacity(run.len());
        for op in run {
            let Op::Update {
                id,
                expected_version,
                values,
                ..
            } = op
            else {
                unreachable!("a run holds updates only")
            };
            let mut binds = values.clone();
            binds.extend([
                Val::Time(change.at),
                change.actor_id.into(),
                Val::Id(*id),
                Val::Int(*expected_version),
            ]);
            binds_of.push(binds);
            if !change.audit_each_row {
                updated.push(None);
                continue;
            }
            let before = self
                .current_row(table, *id, *expected_version, Some(&mut *read))
                .await?;
            events.push(AuditEvent {
                id: schooldesk_core::new_id(),
                at: change.at,
                actor_id: change.actor_id,
                actor_login: change.actor_login.clone(),
                action: "update".into(),
                table_name: table.name.into(),
                record_id: Some(*id),
                before: Some(table.audit_json(&before.values)),
                after: Some(table.audit_json(values)),
            });
            updated.push(Some(Row {
                meta: Meta {
                    version: expected_version + 1,
                    updated_at: change.at,
                    updated_by: change.actor_id,
                    ..before.meta
                },
                values: values.clone(),
            }));
        }
        let width = table.columns.len() + 4;
        self.execute("SAVEPOINT sd_rows", &[])
            .await
            .map_err(D::driver_error)?;
        for chunk in binds_of.chunks((sql::MAX_BINDS / width).max(1)) {
            let values: Vec<Val> = chunk.iter().flatten().cloned().collect();
            let statement = numbered::<D>(sql::update_rows(table, chunk.len()));
            let all = matches!(
                self.execute(&statement, &values).await,
                Ok(n) if n == chunk.len() as u64
            );
            if !all {
                self.execute("ROLLBACK TO SAVEPOINT sd_rows", &[])
                    .await
                    .map_err(D::driver_error)?;
                self.execute("RELEASE SAVEPOINT sd_rows", &[])
                    .await
                    .map_err(D::driver_error)?;
                return Ok(None);
            }
        }
        self.execute("RELEASE SAVEPOINT sd_rows", &[])
            .await
            .map_err(D::driver_error)?;
        Ok(Some((updated, events)))
    }

    /// The stored rows of `ids`, read many to a statement.
    async fn fetch_rows(
        &mut self,
        table: &'static Table,
        ids: &[Id],
    ) -> StoreResult<HashMap<Id, Row>> {
        let mut found = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(sql::MAX_BINDS) {
            let binds: Vec<Val> = chunk.iter().map(|id| Val::Id(*id)).collect();
            let rows = self
                .fetch_all(&numbered::<D>(sql::get_many(table, chunk.len())), &binds)
                .await
                .map_err(D::driver_error)?;
            for r in &rows {
                let row = decode_row::<D>(table, r)?;
                found.insert(row.meta.id, row);
            }
        }
        Ok(found)
    }

    /// Locks a row until the transaction ends and checks its version.
    async fn hold_row(
        &mut self,
        table: &'static Table,
        id: Id,
        expected_version: i64,
    ) -> StoreResult<()> {
        let sql = format!("{}{}", sql::get(table), D::LOCK_ROW);
        let row = self
            .fetch_optional(&sql, &[Val::Id(id)])
            .await
            .map_err(D::driver_error)?
            .ok_or_else(|| not_found(table, id))?;
        let row = decode_row::<D>(table, &row)?;
        if row.meta.version != expected_version {
            return Err(conflict(table, &row.meta));
        }
        Ok(())
    }

    /// Reads the row an update or delete is aimed at and checks its version.
    async fn current_row(
        &mut self,
        table: &'static Table,
        id: Id,
        expected_version: i64,
        read: Option<&mut HashMap<Id, Row>>,
    ) -> StoreResult<Row> {
        let before = match read {
            Some(read) => read.remove(&id),
            None => self.fetch_row(table, id).await?,
        }
        .ok_or_else(|| not_found(table, id))?;
        if before.meta.version != expected_version {
            return Err(conflict(table, &before.meta));
        }
        Ok(before)
    }

    /// Applies one operation; its audit event goes to `audit`, written
    /// with the others before the change commits. `read` holds rows an
    /// update or delete may take its before-image from (read together for
    /// a run of updates), instead of reading its row alone.
    async fn apply_op(
        &mut self,
        change: &Change,
        op: &Op,
        audit: &mut Vec<AuditEvent>,
        read: Option<&mut HashMap<Id, Row>>,
    ) -> StoreResult<Option<Row>> {
        let mut event = AuditEvent {
            id: schooldesk_core::new_id(),
            at: change.at,
            actor_id: change.actor_id,
            actor_login: change.actor_login.clone(),
            action: String::new(),
            table_name: String::new(),
            record_id: None,
            before: None,
            after: None,
        };
        let result = match op {
            // Nothing written, nothing audited.
            Op::Hold {
                table,
                id,
                expected_version,
            } => {
                self.hold_row(table, *id, *expected_version).await?;
                return Ok(None);
            }
            Op::Insert { table, id, values } => {
                let row = Row {
                    meta: Meta {
                        id: *id,
                        version: 1,
                        created_at: change.at,
                        updated_at: change.at,
                        updated_by: change.actor_id,
                    },
                    values: values.clone(),
                };
                self.insert_row(table, &row).await?;
                event.action = "create".into();
                event.table_name = table.name.into();
                event.record_id = Some(*id);
                event.after = Some(table.audit_json(values));
                Some(row)
            }
            Op::Update {
                table,
                id,
                expected_version,
                values,
            } => {
                let before = self
                    .current_row(table, *id, *expected_version, read)
                    .await?;
                let mut binds = values.clone();
                binds.extend([
                    Val::Time(change.at),
                    change.actor_id.into(),
                    Val::Id(*id),
                    Val::Int(*expected_version),
                ]);
                let changed = self
                    .execute(&sql::update(table), &binds)
                    .await
                    .map_err(|e| write_error::<D>(e, table, values, false))?;
                if changed != 1 {
                    return Err(conflict(table, &before.meta));
                }
                event.action = "update".into();
                event.table_name = table.name.into();
                event.record_id = Some(*id);
                event.before = Some(table.audit_json(&before.values));
                event.after = Some(table.audit_json(values));
                Some(Row {
                    meta: Meta {
                        version: expected_version + 1,
                        updated_at: change.at,
                        updated_by: change.actor_id,
                        ..before.meta
                    },
                    values: values.clone(),
                })
            }
            Op::Delete {
                table,
                id,
                expected_version,
            } => {
                let before = self
                    .current_row(table, *id, *expected_version, read)
                    .await?;
                let binds = [Val::Id(*id), Val::Int(*expected_version)];
                self.execute(&sql::delete(table), &binds)
                    .await
                    .map_err(|e| write_error::<D>(e, table, &before.values, true))?;
                event.action = "delete".into();
                event.table_name = table.name.into();
                event.record_id = Some(*id);
                event.before = Some(table.audit_json(&before.values));
                None
            }
            Op::Event {
                action,
                table_name,
                record_id,
                detail,
            } => {
                event.action = (*action).into();
                event.table_name = (*table_name).into();
                event.record_id = *record_id;
                event.after = detail
                    .as_ref()
                    .map(|d| serde_json::json!({ "detail": d }).to_string());
                None
            }
        };
        if change.audit_each_row || matches!(op, Op::Event { .. }) {
            audit.push(event);
        }
        Ok(result)
    }

    /// Applies a change's operations in order, with its audit. Runs of
    /// inserts into one table are written many rows to a statement, a run
    /// of updates of one table reads its before-images in one statement,
    /// and the audit events are written together at the end: the same
    /// rows, the same audit and the same errors as one statement per
    /// operation, in far fewer round trips (invoicing a month for a whole
    /// school is thousands of rows, issue 17 item 9).
    async fn apply_all(&mut self, change: &Change) -> StoreResult<Vec<Option<Row>>> {
        let ops = &change.ops;
        let mut rows = Vec::with_capacity(ops.len());
        let mut audit = Vec::with_capacity(ops.len());
        let mut i = 0;
        while i < ops.len() {
            let run = ops[i..]
                .iter()
                .take_while(|op| same_kind(&ops[i], op))
                .count()
                .max(1);
            match &ops[i] {
                Op::Insert { table, .. } if run > 1 => {
                    let mut batch = Vec::with_capacity(run);
                    for op in &ops[i..i + run] {
                        let Op::Insert { id, values, .. } = op else {
                            unreachable!("a run holds inserts only")
                        };
                        let row = Row {
                            meta: Meta {
                                id: *id,
                                version: 1,
                                created_at: change.at,
                                updated_at: change.at,
                                updated_by: change.actor_id,
                            },
                            values: values.clone(),
                        };
                        if change.audit_each_row {
                            audit.push(AuditEvent {
                                id: schooldesk_core::new_id(),
                                at: change.at,
                                actor_id: change.actor_id,
                                actor_login: change.actor_login.clone(),
                                action: "create".into(),
                                table_name: table.name.into(),
                                record_id: Some(*id),
                                before: None,
                                after: Some(table.audit_json(values)),
                            });
                        }
                        batch.push(row);
                    }
                    self.insert_rows(table, &batch).await?;
                    rows.extend(batch.into_iter().map(Some));
                }
                Op::Update { table, .. } if run > 1 => {
                    let ids: Vec<Id> = ops[i..i + run]
                        .iter()
                        .filter_map(|op| match op {
                            Op::Update { id, .. } => Some(*id),
                            _ => None,
                        })
                        .collect();
                    let distinct: std::collections::HashSet<Id> = ids.iter().copied().collect();
                    // A row updated twice must be read between the two.
                    if distinct.len() == ids.len() {
                        let mut read = if change.audit_each_row {
                            self.fetch_rows(table, &ids).await?
                        } else {
                            HashMap::new()
                        };
                        let run_ops = &ops[i..i + run];
                        match self.update_rows(change, table, run_ops, &mut read).await? {
                            Some((updated, events)) => {
                                rows.extend(updated);
                                audit.extend(events);
                            }
                            // A statement refused: row by row, for the
                            // error of the row at fault.
                            None => {
                                for op in run_ops {
                                    rows.push(self.apply_op(change, op, &mut audit, None).await?);
                                }
                            }
                        }
                    } else {
                        for op in &ops[i..i + run] {
                            rows.push(self.apply_op(change, op, &mut audit, None).await?);
                        }
                    }
                }
                _ => {
                    for op in &ops[i..i + run] {
                        rows.push(self.apply_op(change, op, &mut audit, None).await?);
                    }
                }
            }
            i += run;
        }
        self.insert_audits(&audit).await?;
        Ok(rows)
    }

    /// The failure count and lock of `login`; `locked` reads it with
    /// the dialect's row lock, held until the transaction ends.
    async fn read_login_attempts(
        &mut self,
        login: &str,
        locked: bool,
    ) -> StoreResult<Option<Attempts>> {
        let binds = [Val::Text(login.to_string())];
        let row = if locked {
            let sql = sql::select_login_attempts_locked(D::LOCK_ROW);
            self.fetch_optional(&sql, &binds).await
        } else {
            self.fetch_optional(sql::SELECT_LOGIN_ATTEMPTS, &binds)
                .await
        }
        .map_err(D::driver_error)?;
        row.map(|row| {
            let cells = Cells::<D>::new(&row);
            Ok((cells.int(0)?, cells.opt_time(1)?))
        })
        .transpose()
        .map_err(D::driver_error)
    }

    /// Writes a login name's failure count and lock (its row exists: it was
    /// read locked in the same transaction).
    async fn set_login_attempts(
        &mut self,
        login: &str,
        failed: i64,
        locked_until: Option<chrono::DateTime<chrono::Utc>>,
    ) -> StoreResult<()> {
        let binds = [
            Val::Text(login.to_string()),
            Val::Int(failed),
            locked_until.into(),
        ];
        self.execute(sql::UPDATE_LOGIN_ATTEMPTS, &binds)
            .await
            .map_err(D::driver_error)?;
        Ok(())
    }

    /// The failure count and lock of `login`, with its row locked until the
    /// transaction ends; with `create`, a missing row is made first (so there
    /// is a row to lock, and two first attempts cannot both start from nothing).
    async fn locked_login_attempts(
        &mut self,
        login: &str,
        create: bool,
    ) -> StoreResult<Option<Attempts>> {
        if create {
            self.execute(sql::CREATE_LOGIN_ATTEMPTS, &[Val::Text(login.to_string())])
                .await
                .map_err(D::driver_error)?;
        }
        self.read_login_attempts(login, true).await
    }
}

impl<D: Dialect> SqlxStore<D>
where
    for<'e> &'e mut Conn<D>: Executor<'e, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
{
    /// Runs `sql` with `values` on a pooled connection.
    async fn execute(&self, sql: &str, values: &[Val]) -> StoreResult<u64> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        On::<D> { conn: &mut conn }
            .execute(sql, values)
            .await
            .map_err(D::driver_error)
    }

    /// One row of `sql` with `values`, if there is one.
    async fn fetch_optional(&self, sql: &str, values: &[Val]) -> StoreResult<Option<DbRow<D>>> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        On::<D> { conn: &mut conn }
            .fetch_optional(sql, values)
            .await
            .map_err(D::driver_error)
    }
}

#[async_trait::async_trait]
impl<D: Dialect> Backend for SqlxStore<D>
where
    for<'e> &'e mut Conn<D>: Executor<'e, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
{
    fn kind(&self) -> &'static str {
        D::KIND
    }

    async fn apply(&self, change: Change) -> StoreResult<Vec<Option<Row>>> {
        let mut tx = D::begin_write(&self.pool).await?;
        let rows = On::<D> { conn: &mut tx }.apply_all(&change).await?;
        tx.commit().await.map_err(D::driver_error)?;
        Ok(rows)
    }

    async fn get(&self, table: &'static Table, id: Id) -> StoreResult<Option<Row>> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        On::<D> { conn: &mut conn }.fetch_row(table, id).await
    }

    async fn select(&self, table: &'static Table, query: &Query) -> StoreResult<Vec<Row>> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        On::<D> { conn: &mut conn }.select(table, query).await
    }

    async fn count(&self, table: &'static Table) -> StoreResult<i64> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        On::<D> { conn: &mut conn }.count(table.name).await
    }

    async fn report(&self, report: &sql::Report, values: &[Val]) -> StoreResult<Vec<Vec<Val>>> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        let rows = On::<D> { conn: &mut conn }
            .fetch_all(report.sql, values)
            .await
            .map_err(D::driver_error)?;
        rows.iter()
            .map(|row| {
                let cells = Cells::<D>::new(row);
                report
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, ty)| cells.val(i, *ty))
                    .collect::<Result<Vec<Val>, _>>()
                    .map_err(D::driver_error)
            })
            .collect()
    }

    async fn audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEvent>> {
        let (sql, binds) = sql::audit(query);
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        let rows = On::<D> { conn: &mut conn }
            .fetch_all(&sql, &binds)
            .await
            .map_err(D::driver_error)?;
        rows.iter().map(decode_audit::<D>).collect()
    }

    async fn count_audit(&self) -> StoreResult<i64> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        On::<D> { conn: &mut conn }.count("audit_events").await
    }

    fn sessions(&self) -> &dyn SessionStore {
        self
    }

    async fn load(&self, snapshot: Snapshot) -> StoreResult<()> {
        let mut tx = D::begin_write(&self.pool).await?;
        D::lock_for_load(&mut tx).await?;
        let mut on = On::<D> { conn: &mut tx };
        let mut names: Vec<&str> = snapshot.tables.iter().map(|(t, _)| t.name).collect();
        names.push("audit_events");
        for name in names {
            let n = on.count(name).await?;
            if n > 0 {
                return Err(StoreError::Refused(format!(
                    "the target database already holds school records ({n} in {name}); copy into an empty database"
                )));
            }
        }
        for (table, rows) in &snapshot.tables {
            for row in rows {
                on.insert_row(table, row)
                    .await
                    .map_err(|e| record_refused(table, row, e))?;
            }
        }
        for event in &snapshot.audit {
            on.insert_audit(event).await.map_err(|e| {
                StoreError::Refused(format!(
                    "cannot copy audit event {} ({} {} at {}): {}",
                    event.id,
                    event.action,
                    event.table_name,
                    event.at,
                    refusal_reason(e)
                ))
            })?;
        }
        // Checked before the commit, so a copy that does not match leaves
        // nothing behind and can simply be tried again.
        for (name, expected) in snapshot.counts() {
            let n = on.count(name).await?;
            if n != expected {
                return Err(StoreError::Refused(format!(
                    "the copy does not match: {name} has {n} records, the source {expected}; nothing was copied"
                )));
            }
        }
        tx.commit().await.map_err(D::driver_error)?;
        Ok(())
    }

    async fn select_many(&self, queries: &[(&'static Table, Query)]) -> StoreResult<Vec<Vec<Row>>> {
        let mut tx = D::begin_snapshot(&self.pool).await?;
        let mut on = On::<D> { conn: &mut tx };
        let mut out = Vec::with_capacity(queries.len());
        for (table, query) in queries {
            out.push(on.select(table, query).await?);
        }
        tx.rollback().await.map_err(D::driver_error)?;
        Ok(out)
    }

    async fn snapshot(&self, tables: &[&'static Table]) -> StoreResult<Snapshot> {
        let mut tx = D::begin_snapshot(&self.pool).await?;
        let mut on = On::<D> { conn: &mut tx };
        let mut rows = Vec::with_capacity(tables.len());
        for table in tables {
            rows.push((*table, on.select(table, &Query::all()).await?));
        }
        let audit = on
            .fetch_all(&sql::audit_all(), &[])
            .await
            .map_err(D::driver_error)?
            .iter()
            .map(decode_audit::<D>)
            .collect::<StoreResult<Vec<_>>>()?;
        tx.rollback().await.map_err(D::driver_error)?;
        Ok(Snapshot {
            tables: rows,
            audit,
        })
    }

    async fn schema_status(&self) -> StoreResult<SchemaStatus> {
        D::schema_status(&self.pool).await
    }

    async fn live_tables(&self) -> StoreResult<Vec<String>> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        let rows = On::<D> { conn: &mut conn }
            .fetch_all(D::TABLES, &[])
            .await
            .map_err(D::driver_error)?;
        rows.iter()
            .map(|row| Cells::<D>::new(row).text(0))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(D::driver_error)
    }

    async fn live_columns(&self, table: &str) -> StoreResult<Vec<LiveColumn>> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        let rows = On::<D> { conn: &mut conn }
            .fetch_all(D::TABLE_COLUMNS, &[Val::Text(table.to_string())])
            .await
            .map_err(D::driver_error)?;
        rows.iter()
            .map(|row| {
                let cells = Cells::<D>::new(row);
                Ok(LiveColumn {
                    name: cells.text(0)?,
                    sql_type: cells.text(1)?,
                    nullable: match cells.val(2, ColType::Bool)? {
                        Val::Bool(b) => b,
                        other => return Err(mismatch(2, ColType::Bool, &other)),
                    },
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(D::driver_error)
    }

    fn sql_type(&self, ty: ColType) -> &'static str {
        D::sql_type(ty)
    }

    async fn close(&self) {
        self.dialect.before_close(&self.pool).await;
        self.pool.close().await;
        self.dialect.after_close();
    }
}

#[async_trait::async_trait]
impl<D: Dialect> SessionStore for SqlxStore<D>
where
    for<'e> &'e mut Conn<D>: Executor<'e, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
{
    async fn claim_login_attempt(
        &self,
        login: &str,
        now: chrono::DateTime<chrono::Utc>,
        schedule: LockSchedule<'_>,
    ) -> StoreResult<LoginClaim> {
        // Read, decide and count in one write transaction with the row
        // locked: a parallel attempt waits here, then sees this count.
        let mut tx = D::begin_write(&self.pool).await?;
        let mut on = On::<D> { conn: &mut tx };
        let (failed, locked_until) = on
            .locked_login_attempts(login, true)
            .await?
            .unwrap_or((0, None));
        if let Some(until) = locked_until.filter(|until| *until > now) {
            tx.rollback().await.map_err(D::driver_error)?;
            return Ok(LoginClaim::Locked { until });
        }
        let number = failed + 1;
        let locked_until = schedule(number).map(|lock| now + lock);
        on.set_login_attempts(login, number, locked_until).await?;
        tx.commit().await.map_err(D::driver_error)?;
        Ok(LoginClaim::Claimed {
            number,
            locked_until,
        })
    }

    async fn forget_login_attempts(
        &self,
        login: &str,
        claimed: i64,
        schedule: LockSchedule<'_>,
    ) -> StoreResult<()> {
        let mut tx = D::begin_write(&self.pool).await?;
        let mut on = On::<D> { conn: &mut tx };
        let Some((failed, locked_until)) = on.locked_login_attempts(login, false).await? else {
            tx.rollback().await.map_err(D::driver_error)?;
            return Ok(());
        };
        let remaining = failed.saturating_sub(claimed).max(0);
        if remaining == 0 {
            on.execute(sql::DELETE_LOGIN_ATTEMPTS, &[Val::Text(login.to_string())])
                .await
                .map_err(D::driver_error)?;
        } else {
            let locked_until = locked_until.filter(|_| schedule(remaining).is_some());
            on.set_login_attempts(login, remaining, locked_until)
                .await?;
        }
        tx.commit().await.map_err(D::driver_error)?;
        Ok(())
    }

    async fn login_attempts(&self, login: &str) -> StoreResult<LoginState> {
        let mut conn = self.pool.acquire().await.map_err(D::driver_error)?;
        let (failed_logins, locked_until) = On::<D> { conn: &mut conn }
            .read_login_attempts(login, false)
            .await?
            .unwrap_or((0, None));
        Ok(LoginState {
            failed_logins,
            locked_until,
            last_login_at: None,
        })
    }

    async fn login_state(&self, user_id: Id) -> StoreResult<LoginState> {
        let row = self
            .fetch_optional(sql::SELECT_LOGIN_STATE, &[Val::Id(user_id)])
            .await?;
        let Some(row) = row else {
            return Ok(LoginState::default());
        };
        let cells = Cells::<D>::new(&row);
        Ok(LoginState {
            failed_logins: cells.int(0).map_err(D::driver_error)?,
            locked_until: cells.opt_time(1).map_err(D::driver_error)?,
            last_login_at: cells.opt_time(2).map_err(D::driver_error)?,
        })
    }

    async fn set_login_state(&self, user_id: Id, state: &LoginState) -> StoreResult<()> {
        let binds = [
            Val::Id(user_id),
            Val::Int(state.failed_logins),
            state.locked_until.into(),
            state.last_login_at.into(),
        ];
        self.execute(sql::UPSERT_LOGIN_STATE, &binds).await?;
        Ok(())
    }

    async fn put_session(&self, session: &SessionRow) -> StoreResult<()> {
        let binds = [
            Val::Text(session.token_hash.clone()),
            Val::Id(session.user_id),
            Val::Time(session.created_at),
            Val::Time(session.last_seen_at),
        ];
        self.execute(sql::INSERT_SESSION, &binds).await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRow>> {
        let row = self
            .fetch_optional(sql::SELECT_SESSION, &[Val::Text(token_hash.to_string())])
            .await?;
        let Some(row) = row else { return Ok(None) };
        let cells = Cells::<D>::new(&row);
        let user_id = match cells.val(1, ColType::Id).map_err(D::driver_error)? {
            Val::Id(id) => id,
            other => return Err(StoreError::Corrupt(format!("sessions.user_id: {other:?}"))),
        };
        Ok(Some(SessionRow {
            token_hash: cells.text(0).map_err(D::driver_error)?,
            user_id,
            created_at: cells.time(2).map_err(D::driver_error)?,
            last_seen_at: cells.time(3).map_err(D::driver_error)?,
        }))
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<()> {
        let binds = [Val::Time(at), Val::Text(token_hash.to_string())];
        self.execute(sql::TOUCH_SESSION, &binds).await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        self.execute(sql::DELETE_SESSION, &[Val::Text(token_hash.to_string())])
            .await?;
        Ok(())
    }

    async fn delete_user_sessions(&self, user_id: Id) -> StoreResult<()> {
        self.execute(sql::DELETE_USER_SESSIONS, &[Val::Id(user_id)])
            .await?;
        Ok(())
    }
}
