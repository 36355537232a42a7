// The body of a sqlx-based backend, shared by store-sqlite and store-postgres
// through `include!`: the SQL is the same (see schooldesk_store::sql), so the
// flow of a transaction, the audit writes and row decoding are written once.
// The including module defines, for its dialect:
//
//   type Db; type DbRow; struct DbStore { pool: sqlx::Pool<Db> }
//   const KIND: &str;
//   fn bind_val(query, &Val) -> query           how a Val is bound
//   fn decode_val(&DbRow, index, ColType) -> Result<Val, sqlx::Error>
//   fn unique_columns(&dyn DatabaseError) -> Vec<String>
//   fn driver_error(sqlx::Error) -> StoreError    everything not about one record
//   async fn begin_write(&Pool) -> Transaction   a transaction that will write
//   async fn begin_snapshot(&Pool) -> Transaction  reads that see one moment
//   async fn lock_for_load(&mut Connection)      keep other writers out of a load
//   async fn before_close(&DbStore)               last words before the pool closes
//   fn after_close(&DbStore)                      after the pool has closed
//   async fn schema_status(&Pool) -> StoreResult<SchemaStatus>
//   const LOCK_ROW: &str                         what locks a selected row for the
//                                                transaction (" FOR UPDATE"; SQLite's
//                                                write transaction already holds the file)
//
// It is not a module of schooldesk-store because that crate does no IO.

use schooldesk_core::{AuditEvent, Id, Meta};
use schooldesk_store::{
    sql, AuditQuery, Backend, Change, ColType, LockSchedule, LoginClaim, LoginState, Op, Query,
    Row, SchemaStatus, SessionRow, Snapshot, StoreError, StoreResult, Table, Val,
};
use sqlx::Row as _;

type DbQuery<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

fn query_with<'q>(sql: &'q str, values: &'q [Val]) -> DbQuery<'q> {
    values.iter().fold(sqlx::query(sql), bind_val)
}

/// Maps a driver error raised while writing `values` into `table`.
fn write_error(
    err: sqlx::Error,
    table: &'static Table,
    values: &[Val],
    deleting: bool,
) -> StoreError {
    if let sqlx::Error::Database(db) = &err {
        match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => {
                let columns = unique_columns(db.as_ref());
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
    driver_error(err)
}

fn decode_meta(row: &DbRow) -> Result<Meta, sqlx::Error> {
    let id = |i: usize| -> Result<Option<Id>, sqlx::Error> {
        match decode_val(row, i, ColType::Id)? {
            Val::Id(id) => Ok(Some(id)),
            _ => Ok(None),
        }
    };
    Ok(Meta {
        id: id(0)?.ok_or_else(|| sqlx::Error::ColumnNotFound("id".into()))?,
        version: row.try_get(1)?,
        created_at: row.try_get(2)?,
        updated_at: row.try_get(3)?,
        updated_by: id(4)?,
    })
}

fn decode_row(table: &Table, row: &DbRow) -> StoreResult<Row> {
    let meta = decode_meta(row).map_err(driver_error)?;
    let offset = sql::META_COLUMNS.len();
    let mut values = Vec::with_capacity(table.columns.len());
    for (i, column) in table.columns.iter().enumerate() {
        let value = decode_val(row, offset + i, column.ty).map_err(driver_error)?;
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

async fn fetch_row(
    conn: &mut <Db as sqlx::Database>::Connection,
    table: &'static Table,
    id: Id,
) -> StoreResult<Option<Row>> {
    let sql = sql::get(table);
    let values = [Val::Id(id)];
    let row = query_with(&sql, &values)
        .fetch_optional(&mut *conn)
        .await
        .map_err(driver_error)?;
    row.map(|r| decode_row(table, &r)).transpose()
}

async fn insert_row(
    conn: &mut <Db as sqlx::Database>::Connection,
    table: &'static Table,
    row: &Row,
) -> StoreResult<()> {
    let mut values = vec![
        Val::Id(row.meta.id),
        Val::Int(row.meta.version),
        Val::Time(row.meta.created_at),
        Val::Time(row.meta.updated_at),
        row.meta.updated_by.into(),
    ];
    values.extend(row.values.iter().cloned());
    let sql = sql::insert(table);
    query_with(&sql, &values)
        .execute(&mut *conn)
        .await
        .map_err(|e| write_error(e, table, &row.values, false))?;
    Ok(())
}

async fn insert_audit(
    conn: &mut <Db as sqlx::Database>::Connection,
    event: &AuditEvent,
) -> StoreResult<()> {
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
    query_with(sql::INSERT_AUDIT, &values)
        .execute(&mut *conn)
        .await
        .map_err(driver_error)?;
    Ok(())
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

fn not_found(table: &'static Table, id: Id) -> StoreError {
    StoreError::NotFound {
        what: table.label,
        id: id.to_string(),
    }
}

/// Reads the row an update or delete is aimed at and checks its version.
async fn current_row(
    conn: &mut <Db as sqlx::Database>::Connection,
    table: &'static Table,
    id: Id,
    expected_version: i64,
) -> StoreResult<Row> {
    let before = fetch_row(conn, table, id)
        .await?
        .ok_or_else(|| not_found(table, id))?;
    if before.meta.version != expected_version {
        return Err(conflict(table, &before.meta));
    }
    Ok(before)
}

async fn apply_op(
    conn: &mut <Db as sqlx::Database>::Connection,
    change: &Change,
    op: &Op,
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
            insert_row(conn, table, &row).await?;
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
            let before = current_row(conn, table, *id, *expected_version).await?;
            let sql = sql::update(table);
            let mut binds = values.clone();
            binds.extend([
                Val::Time(change.at),
                change.actor_id.into(),
                Val::Id(*id),
                Val::Int(*expected_version),
            ]);
            let done = query_with(&sql, &binds)
                .execute(&mut *conn)
                .await
                .map_err(|e| write_error(e, table, values, false))?;
            if done.rows_affected() != 1 {
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
            let before = current_row(conn, table, *id, *expected_version).await?;
            let sql = sql::delete(table);
            let binds = [Val::Id(*id), Val::Int(*expected_version)];
            query_with(&sql, &binds)
                .execute(&mut *conn)
                .await
                .map_err(|e| write_error(e, table, &before.values, true))?;
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
    insert_audit(conn, &event).await?;
    Ok(result)
}

type Attempts = (i64, Option<chrono::DateTime<chrono::Utc>>);

async fn read_login_attempts(
    conn: &mut <Db as sqlx::Database>::Connection,
    login: &str,
    lock: &str,
) -> StoreResult<Option<Attempts>> {
    let binds = [Val::Text(login.to_string())];
    let sql =
        format!("SELECT failed_logins, locked_until FROM login_attempts WHERE login = $1{lock}");
    let row = query_with(&sql, &binds)
        .fetch_optional(&mut *conn)
        .await
        .map_err(driver_error)?;
    row.map(|row| {
        Ok((
            row.try_get(0).map_err(driver_error)?,
            row.try_get(1).map_err(driver_error)?,
        ))
    })
    .transpose()
}

/// Writes a login name's failure count and lock (its row exists: it was
/// read locked in the same transaction).
async fn set_login_attempts(
    tx: &mut sqlx::Transaction<'static, Db>,
    login: &str,
    failed: i64,
    locked_until: Option<chrono::DateTime<chrono::Utc>>,
) -> StoreResult<()> {
    let binds = [
        Val::Text(login.to_string()),
        Val::Int(failed),
        locked_until.into(),
    ];
    query_with(
        "UPDATE login_attempts SET failed_logins = $2, locked_until = $3 WHERE login = $1",
        &binds,
    )
    .execute(&mut **tx)
    .await
    .map_err(driver_error)?;
    Ok(())
}

/// The failure count and lock of `login`, with its row locked until the
/// transaction ends; with `create`, a missing row is made first (so there is
/// a row to lock, and two first attempts cannot both start from nothing).
async fn locked_login_attempts(
    tx: &mut sqlx::Transaction<'static, Db>,
    login: &str,
    create: bool,
) -> StoreResult<Option<Attempts>> {
    if create {
        let binds = [Val::Text(login.to_string())];
        query_with(
            "INSERT INTO login_attempts (login, failed_logins, locked_until) VALUES ($1, 0, NULL) \
             ON CONFLICT (login) DO NOTHING",
            &binds,
        )
        .execute(&mut **tx)
        .await
        .map_err(driver_error)?;
    }
    read_login_attempts(tx, login, LOCK_ROW).await
}

fn decode_audit(row: &DbRow) -> Result<AuditEvent, sqlx::Error> {
    let id = |i: usize| -> Result<Option<Id>, sqlx::Error> {
        match decode_val(row, i, ColType::Id)? {
            Val::Id(id) => Ok(Some(id)),
            _ => Ok(None),
        }
    };
    Ok(AuditEvent {
        id: id(0)?.ok_or_else(|| sqlx::Error::ColumnNotFound("id".into()))?,
        at: row.try_get(1)?,
        actor_id: id(2)?,
        actor_login: row.try_get(3)?,
        action: row.try_get(4)?,
        table_name: row.try_get(5)?,
        record_id: id(6)?,
        before: row.try_get(7)?,
        after: row.try_get(8)?,
    })
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

#[async_trait::async_trait]
impl Backend for DbStore {
    fn kind(&self) -> &'static str {
        KIND
    }

    async fn apply(&self, change: Change) -> StoreResult<Vec<Option<Row>>> {
        let mut tx = begin_write(&self.pool).await?;
        let mut rows = Vec::with_capacity(change.ops.len());
        for op in &change.ops {
            rows.push(apply_op(&mut tx, &change, op).await?);
        }
        tx.commit().await.map_err(driver_error)?;
        Ok(rows)
    }

    async fn get(&self, table: &'static Table, id: Id) -> StoreResult<Option<Row>> {
        let mut conn = self.pool.acquire().await.map_err(driver_error)?;
        fetch_row(&mut conn, table, id).await
    }

    async fn select(&self, table: &'static Table, query: &Query) -> StoreResult<Vec<Row>> {
        let (sql, binds) = sql::select(table, query);
        let rows = query_with(&sql, &binds)
            .fetch_all(&self.pool)
            .await
            .map_err(driver_error)?;
        rows.iter().map(|r| decode_row(table, r)).collect()
    }

    async fn count(&self, table: &'static Table) -> StoreResult<i64> {
        sqlx::query_scalar(&sql::count(table.name))
            .fetch_one(&self.pool)
            .await
            .map_err(driver_error)
    }

    async fn audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEvent>> {
        let mut sql = format!("SELECT {} FROM audit_events", sql::AUDIT_COLUMNS);
        let mut binds = Vec::new();
        let mut conditions = Vec::new();
        if let Some(table) = &query.table_name {
            binds.push(Val::Text(table.clone()));
            conditions.push(format!("table_name = ${}", binds.len()));
        }
        if let Some(id) = query.record_id {
            binds.push(Val::Id(id));
            conditions.push(format!("record_id = ${}", binds.len()));
        }
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(&format!(
            " ORDER BY at DESC, id DESC LIMIT {}",
            query.limit.max(0)
        ));
        let rows = query_with(&sql, &binds)
            .fetch_all(&self.pool)
            .await
            .map_err(driver_error)?;
        rows.iter()
            .map(decode_audit)
            .collect::<Result<_, _>>()
            .map_err(driver_error)
    }

    async fn count_audit(&self) -> StoreResult<i64> {
        sqlx::query_scalar(&sql::count("audit_events"))
            .fetch_one(&self.pool)
            .await
            .map_err(driver_error)
    }

    async fn claim_login_attempt(
        &self,
        login: &str,
        now: chrono::DateTime<chrono::Utc>,
        schedule: LockSchedule<'_>,
    ) -> StoreResult<LoginClaim> {
        // Read, decide and count in one write transaction with the row
        // locked: a parallel attempt waits here, then sees this count.
        let mut tx = begin_write(&self.pool).await?;
        let (failed, locked_until) = locked_login_attempts(&mut tx, login, true)
            .await?
            .unwrap_or((0, None));
        if let Some(until) = locked_until.filter(|until| *until > now) {
            tx.rollback().await.map_err(driver_error)?;
            return Ok(LoginClaim::Locked { until });
        }
        let number = failed + 1;
        let locked_until = schedule(number).map(|lock| now + lock);
        set_login_attempts(&mut tx, login, number, locked_until).await?;
        tx.commit().await.map_err(driver_error)?;
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
        let mut tx = begin_write(&self.pool).await?;
        let Some((failed, locked_until)) = locked_login_attempts(&mut tx, login, false).await?
        else {
            tx.rollback().await.map_err(driver_error)?;
            return Ok(());
        };
        let remaining = failed.saturating_sub(claimed).max(0);
        if remaining == 0 {
            query_with(
                "DELETE FROM login_attempts WHERE login = $1",
                &[Val::Text(login.to_string())],
            )
            .execute(&mut *tx)
            .await
            .map_err(driver_error)?;
        } else {
            let locked_until = locked_until.filter(|_| schedule(remaining).is_some());
            set_login_attempts(&mut tx, login, remaining, locked_until).await?;
        }
        tx.commit().await.map_err(driver_error)?;
        Ok(())
    }

    async fn login_attempts(&self, login: &str) -> StoreResult<LoginState> {
        let mut conn = self.pool.acquire().await.map_err(driver_error)?;
        let (failed_logins, locked_until) = read_login_attempts(&mut conn, login, "")
            .await?
            .unwrap_or((0, None));
        Ok(LoginState {
            failed_logins,
            locked_until,
            last_login_at: None,
        })
    }

    async fn login_state(&self, user_id: Id) -> StoreResult<LoginState> {
        let binds = [Val::Id(user_id)];
        let row = query_with(
            "SELECT failed_logins, locked_until, last_login_at FROM login_state WHERE user_id = $1",
            &binds,
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(driver_error)?;
        match row {
            None => Ok(LoginState::default()),
            Some(row) => Ok(LoginState {
                failed_logins: row.try_get(0).map_err(driver_error)?,
                locked_until: row.try_get(1).map_err(driver_error)?,
                last_login_at: row.try_get(2).map_err(driver_error)?,
            }),
        }
    }

    async fn set_login_state(&self, user_id: Id, state: &LoginState) -> StoreResult<()> {
        let binds = [
            Val::Id(user_id),
            Val::Int(state.failed_logins),
            state.locked_until.into(),
            state.last_login_at.into(),
        ];
        query_with(
            "INSERT INTO login_state (user_id, failed_logins, locked_until, last_login_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET failed_logins = $2, locked_until = $3, last_login_at = $4",
            &binds,
        )
        .execute(&self.pool)
        .await
        .map_err(driver_error)?;
        Ok(())
    }

    async fn put_session(&self, session: &SessionRow) -> StoreResult<()> {
        let binds = [
            Val::Text(session.token_hash.clone()),
            Val::Id(session.user_id),
            Val::Time(session.created_at),
            Val::Time(session.last_seen_at),
        ];
        query_with(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
            &binds,
        )
        .execute(&self.pool)
        .await
        .map_err(driver_error)?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRow>> {
        let binds = [Val::Text(token_hash.to_string())];
        let row = query_with(
            "SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1",
            &binds,
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(driver_error)?;
        let Some(row) = row else { return Ok(None) };
        let user_id = match decode_val(&row, 1, ColType::Id).map_err(driver_error)? {
            Val::Id(id) => id,
            other => return Err(StoreError::Corrupt(format!("sessions.user_id: {other:?}"))),
        };
        Ok(Some(SessionRow {
            token_hash: row.try_get(0).map_err(driver_error)?,
            user_id,
            created_at: row.try_get(2).map_err(driver_error)?,
            last_seen_at: row.try_get(3).map_err(driver_error)?,
        }))
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<()> {
        let binds = [Val::Time(at), Val::Text(token_hash.to_string())];
        query_with(
            "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
            &binds,
        )
        .execute(&self.pool)
        .await
        .map_err(driver_error)?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let binds = [Val::Text(token_hash.to_string())];
        query_with("DELETE FROM sessions WHERE token_hash = $1", &binds)
            .execute(&self.pool)
            .await
            .map_err(driver_error)?;
        Ok(())
    }

    async fn delete_user_sessions(&self, user_id: Id) -> StoreResult<()> {
        let binds = [Val::Id(user_id)];
        query_with("DELETE FROM sessions WHERE user_id = $1", &binds)
            .execute(&self.pool)
            .await
            .map_err(driver_error)?;
        Ok(())
    }

    async fn load(&self, snapshot: Snapshot) -> StoreResult<()> {
        let mut tx = begin_write(&self.pool).await?;
        lock_for_load(&mut tx).await?;
        let mut names: Vec<&str> = snapshot.tables.iter().map(|(t, _)| t.name).collect();
        names.push("audit_events");
        for name in names {
            let n: i64 = sqlx::query_scalar(&sql::count(name))
                .fetch_one(&mut *tx)
                .await
                .map_err(driver_error)?;
            if n > 0 {
                return Err(StoreError::Refused(format!(
                    "the target database already holds school records ({n} in {name}); copy into an empty database"
                )));
            }
        }
        for (table, rows) in &snapshot.tables {
            for row in rows {
                insert_row(&mut tx, table, row)
                    .await
                    .map_err(|e| record_refused(table, row, e))?;
            }
        }
        for event in &snapshot.audit {
            insert_audit(&mut tx, event).await.map_err(|e| {
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
            let n: i64 = sqlx::query_scalar(&sql::count(name))
                .fetch_one(&mut *tx)
                .await
                .map_err(driver_error)?;
            if n != expected {
                return Err(StoreError::Refused(format!(
                    "the copy does not match: {name} has {n} records, the source {expected}; nothing was copied"
                )));
            }
        }
        tx.commit().await.map_err(driver_error)?;
        Ok(())
    }

    async fn snapshot(&self, tables: &[&'static Table]) -> StoreResult<Snapshot> {
        let mut tx = begin_snapshot(&self.pool).await?;
        let mut rows = Vec::with_capacity(tables.len());
        for table in tables {
            let (sql, binds) = sql::select(table, &Query::all());
            let found = query_with(&sql, &binds)
                .fetch_all(&mut *tx)
                .await
                .map_err(driver_error)?;
            let decoded = found
                .iter()
                .map(|r| decode_row(table, r))
                .collect::<StoreResult<Vec<_>>>()?;
            rows.push((*table, decoded));
        }
        let sql = format!(
            "SELECT {} FROM audit_events ORDER BY at, id",
            sql::AUDIT_COLUMNS
        );
        let audit = sqlx::query(&sql)
            .fetch_all(&mut *tx)
            .await
            .map_err(driver_error)?
            .iter()
            .map(decode_audit)
            .collect::<Result<Vec<_>, _>>()
            .map_err(driver_error)?;
        tx.rollback().await.map_err(driver_error)?;
        Ok(Snapshot {
            tables: rows,
            audit,
        })
    }

    async fn schema_status(&self) -> StoreResult<SchemaStatus> {
        schema_status(&self.pool).await
    }

    async fn close(&self) {
        before_close(self).await;
        self.pool.close().await;
        after_close(self);
    }
}
