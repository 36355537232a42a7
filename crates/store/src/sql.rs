//! Every SQL statement the store runs, in one place. The shared ones are
//! written once for both dialects, using only what SQLite and PostgreSQL
//! share: `$N` placeholders (sqlx binds them on both), `LOWER`,
//! `LIKE … ESCAPE`, `IN`, `LIMIT`, `ON CONFLICT`. What only one dialect has
//! (its transactions, locks, file checks) sits in [`sqlite`] and
//! [`postgres`]. A backend binds the values in the order each item says.

use crate::value::{ColType, Table, Val};
use crate::{AuditQuery, Filter, Query};

/// The bookkeeping columns, in the order every row starts with.
pub const META_COLUMNS: [&str; 5] = ["id", "version", "created_at", "updated_at", "updated_by"];

/// [`META_COLUMNS`] with their types and whether they may be empty (the
/// last who changed a record is unknown for a record the setup wrote).
pub const META_SCHEMA: [(&str, ColType, bool); 5] = [
    ("id", ColType::Id, false),
    ("version", ColType::Int, false),
    ("created_at", ColType::Time, false),
    ("updated_at", ColType::Time, false),
    ("updated_by", ColType::Id, true),
];

pub fn column_list(table: &Table) -> String {
    META_COLUMNS
        .iter()
        .copied()
        .chain(table.columns.iter().map(|c| c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Binds: id, version, created_at, updated_at, updated_by, then the columns.
pub fn insert(table: &Table) -> String {
    let n = META_COLUMNS.len() + table.columns.len();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.name,
        column_list(table),
        placeholders(1, n)
    )
}

/// [`insert`] of `rows` rows in one statement: each row's binds as
/// [`insert`]'s, one row after another.
pub fn insert_rows(table: &Table, rows: usize) -> String {
    let n = META_COLUMNS.len() + table.columns.len();
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", placeholders(1 + r * n, n)))
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        table.name,
        column_list(table),
        values.join(", ")
    )
}

/// The most values one multi-row statement binds: far under SQLite's
/// (32,766) and PostgreSQL's (65,535) limits.
pub const MAX_BINDS: usize = 8_000;

/// Binds: the columns, then updated_at, updated_by, id, expected version.
pub fn update(table: &Table) -> String {
    let n = table.columns.len();
    let sets: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.name, i + 1))
        .collect();
    format!(
        "UPDATE {} SET {}, version = version + 1, updated_at = ${}, updated_by = ${} WHERE id = ${} AND version = ${}",
        table.name,
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 4
    )
}

/// [`update`] of `rows` rows in one statement, each row's binds as
/// [`update`]'s, one row after another. Each row is changed only if it is
/// still at its expected version: the statement's count of changed rows
/// says whether all were. The rows are given as a `VALUES` list joined by
/// id (`UPDATE … FROM`, SQLite 3.33 and PostgreSQL alike); both name a
/// `VALUES` list's columns `column1`, `column2`, ….
pub fn update_rows(table: &Table, rows: usize) -> String {
    let n = table.columns.len();
    let width = n + 4;
    let sets: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = v.column{}", c.name, i + 1))
        .collect();
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", placeholders(1 + r * width, width)))
        .collect();
    format!(
        "UPDATE {t} SET {}, version = {t}.version + 1, updated_at = v.column{}, updated_by = v.column{} \
         FROM (VALUES {}) AS v WHERE {t}.id = v.column{} AND {t}.version = v.column{}",
        sets.join(", "),
        n + 1,
        n + 2,
        values.join(", "),
        n + 3,
        n + 4,
        t = table.name,
    )
}

/// Binds: id, expected version.
pub fn delete(table: &Table) -> String {
    format!("DELETE FROM {} WHERE id = $1 AND version = $2", table.name)
}

/// Binds: id.
pub fn get(table: &Table) -> String {
    format!(
        "SELECT {} FROM {} WHERE id = $1",
        column_list(table),
        table.name
    )
}

/// [`get`] of `n` ids at once (in no order).
pub fn get_many(table: &Table, n: usize) -> String {
    format!(
        "SELECT {} FROM {} WHERE id IN ({})",
        column_list(table),
        table.name,
        placeholders(1, n)
    )
}

pub fn count(table_name: &str) -> String {
    format!("SELECT COUNT(*) FROM {table_name}")
}

/// Binds the nine audit columns in this order.
pub const INSERT_AUDIT: &str = "INSERT INTO audit_events (id, at, actor_id, actor_login, action, table_name, record_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// [`INSERT_AUDIT`] of `rows` events in one statement, each event's nine
/// binds after the other's.
pub fn insert_audits(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", placeholders(1 + r * 9, 9)))
        .collect();
    format!(
        "INSERT INTO audit_events ({AUDIT_COLUMNS}) VALUES {}",
        values.join(", ")
    )
}

pub const AUDIT_COLUMNS: &str =
    "id, at, actor_id, actor_login, action, table_name, record_id, before_json, after_json";

/// The audit screen's list (newest first, by table and record), and the
/// values to bind in order. Reads [`AUDIT_COLUMNS`].
pub fn audit(query: &AuditQuery) -> (String, Vec<Val>) {
    let mut sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_events");
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
    let words = search_words(query.text.as_deref());
    if !words.is_empty() {
        // Each word is bound once as a LIKE pattern, never spliced.
        let first = binds.len() + 1;
        binds.extend(words.into_iter().map(Val::Text));
        let last = binds.len();
        let holds = |alias: &str| {
            (first..=last)
                .map(|n| {
                    format!(
                        "(LOWER(COALESCE({alias}.before_json, '')) LIKE ${n} ESCAPE '\\' \
                         OR LOWER(COALESCE({alias}.after_json, '')) LIKE ${n} ESCAPE '\\')"
                    )
                })
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let hit = holds("h");
        conditions.push(format!(
            "({own} \
             OR CAST(e.record_id AS TEXT) IN (SELECT rid FROM hit) \
             OR EXISTS (SELECT 1 FROM hit WHERE e.before_json LIKE '%' || hit.rid || '%' \
                 OR e.after_json LIKE '%' || hit.rid || '%'))",
            own = holds("e"),
        ));
        // At most AUDIT_SEARCH_RECORDS records found by the words have their
        // references followed, the most recently changed first (so the
        // answer is the same each time): a word as short as "a" finds most records,
        // and each one found costs a pass over the trail.
        sql = format!(
            "WITH hit AS (SELECT CAST(h.record_id AS TEXT) AS rid FROM audit_events h \
             WHERE h.record_id IS NOT NULL AND {hit} \
             GROUP BY h.record_id ORDER BY MAX(h.at) DESC LIMIT {AUDIT_SEARCH_RECORDS}) \
             SELECT {AUDIT_COLUMNS} FROM audit_events e"
        );
    }
    if !conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conditions.join(" AND "));
    }
    sql.push_str(&format!(
        " ORDER BY at DESC, id DESC LIMIT {}",
        query.limit.max(0)
    ));
    (sql, binds)
}

/// How many records an audit search follows the references of (see
/// [`audit`]).
pub const AUDIT_SEARCH_RECORDS: usize = 50;

/// The words of an audit search as LIKE patterns (`%word%`, lower case,
/// `%`, `_` and `\` escaped); at most eight, so a pasted paragraph stays a
/// small query.
fn search_words(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .split_whitespace()
        .take(8)
        .map(|w| {
            let mut p = String::from("%");
            for c in w.to_lowercase().chars() {
                if matches!(c, '%' | '_' | '\\') {
                    p.push('\\');
                }
                p.push(c);
            }
            p.push('%');
            p
        })
        .collect()
}

/// The whole audit trail, oldest first: what a copy carries.
pub fn audit_all() -> String {
    format!("SELECT {AUDIT_COLUMNS} FROM audit_events ORDER BY at, id")
}

// Login attempts, counted per login name (whether or not an account has it).

/// Binds: login. Reads failed_logins, locked_until.
pub const SELECT_LOGIN_ATTEMPTS: &str =
    "SELECT failed_logins, locked_until FROM login_attempts WHERE login = $1";

/// [`SELECT_LOGIN_ATTEMPTS`] with the dialect's row lock
/// ([`sqlite::LOCK_ROW`], [`postgres::LOCK_ROW`]): the row stays locked
/// until the transaction ends.
pub fn select_login_attempts_locked(lock_row: &str) -> String {
    format!("{SELECT_LOGIN_ATTEMPTS}{lock_row}")
}
/// Binds: login. Makes the row to lock if there is none yet.
pub const CREATE_LOGIN_ATTEMPTS: &str =
    "INSERT INTO login_attempts (login, failed_logins, locked_until) VALUES ($1, 0, NULL) \
     ON CONFLICT (login) DO NOTHING";
/// Binds: login, failed_logins, locked_until.
pub const UPDATE_LOGIN_ATTEMPTS: &str =
    "UPDATE login_attempts SET failed_logins = $2, locked_until = $3 WHERE login = $1";
/// Binds: login.
pub const DELETE_LOGIN_ATTEMPTS: &str = "DELETE FROM login_attempts WHERE login = $1";

// Login state per account.

/// Binds: user_id. Reads failed_logins, locked_until, last_login_at.
pub const SELECT_LOGIN_STATE: &str =
    "SELECT failed_logins, locked_until, last_login_at FROM login_state WHERE user_id = $1";
/// Binds: user_id, failed_logins, locked_until, last_login_at.
pub const UPSERT_LOGIN_STATE: &str = "INSERT INTO login_state (user_id, failed_logins, locked_until, last_login_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (user_id) DO UPDATE SET failed_logins = $2, locked_until = $3, last_login_at = $4";

// Sessions, found by the hash of their token.

/// Binds: token_hash, user_id, created_at, last_seen_at.
pub const INSERT_SESSION: &str =
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)";
/// Binds: token_hash. Reads token_hash, user_id, created_at, last_seen_at.
pub const SELECT_SESSION: &str =
    "SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1";
/// Binds: last_seen_at, token_hash.
pub const TOUCH_SESSION: &str = "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2";
/// Binds: token_hash.
pub const DELETE_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
/// Binds: user_id.
pub const DELETE_USER_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";

/// The tables that hold no records of `tables::ALL`: the audit trail, the
/// sign-in bookkeeping, sqlx's migrations table, and SQLite's full-text
/// index of the questions' words (its FTS5 table and the tables FTS5 keeps
/// behind it; kept by triggers, never written by the store).
pub const BOOKKEEPING_TABLES: [&str; 11] = [
    "audit_events",
    "login_attempts",
    "login_state",
    "sessions",
    "_sqlx_migrations",
    "questions_fts",
    "questions_fts_config",
    "questions_fts_content",
    "questions_fts_data",
    "questions_fts_docsize",
    "questions_fts_idx",
];

/// How a dialect matches words ([`Filter::Words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullText {
    /// SQLite: MATCH on the FTS5 table `<table>_fts`, which holds the
    /// record's id as `record_id` (the migration keeps it by triggers).
    Fts5,
    /// PostgreSQL: `@@` on `to_tsvector('simple', <column>)`.
    TsVector,
}

/// The words of a [`Filter::Words`] as the dialect's query text: only
/// letters and the digits 0–9 are kept, lower case (nothing else can reach
/// the query's syntax); the last word matches as a prefix. None when no
/// word is left.
pub fn words_query(words: &[String], ft: FullText) -> Option<String> {
    let clean: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic() || c.is_ascii_digit())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let last = clean.len().checked_sub(1)?;
    let parts: Vec<String> = clean
        .iter()
        .enumerate()
        .map(|(i, w)| match (ft, i == last) {
            (FullText::Fts5, false) => format!("\"{w}\""),
            (FullText::Fts5, true) => format!("\"{w}\"*"),
            (FullText::TsVector, false) => format!("'{w}'"),
            (FullText::TsVector, true) => format!("'{w}':*"),
        })
        .collect();
    Some(match ft {
        FullText::Fts5 => parts.join(" "),
        FullText::TsVector => parts.join(" & "),
    })
}

/// The migrations applied to a database, by version (both dialects; the
/// table is sqlx's).
pub const APPLIED_MIGRATIONS: &str =
    "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version";

/// Statements only SQLite has: its transactions, the file, its checks.
pub mod sqlite {
    /// Takes the write lock up front.
    pub const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
    /// Deferred: the first read fixes the snapshot.
    pub const BEGIN_SNAPSHOT: &str = "BEGIN";
    /// A write transaction already holds the file: no row lock to add.
    pub const LOCK_ROW: &str = "";
    /// Folds the write-ahead log into the file and empties it.
    pub const CHECKPOINT: &str = "PRAGMA wal_checkpoint(TRUNCATE)";
    /// Binds: the file to write a copy of the database into.
    pub const VACUUM_INTO: &str = "VACUUM INTO $1";
    pub const INTEGRITY_CHECK: &str = "PRAGMA integrity_check";
    /// Leaves WAL; answers the journal mode now in force.
    pub const LEAVE_WAL: &str = "PRAGMA journal_mode = DELETE";
    /// Reads the name of every table, SQLite's own left out.
    pub const TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
    /// Binds: a table name. Reads each column's name, declared type and
    /// whether it may be NULL (a STRICT table's primary key reports NOT NULL).
    pub const TABLE_COLUMNS: &str =
        "SELECT name, type, \"notnull\" = 0 FROM pragma_table_info($1) ORDER BY cid";
    /// Held by a restore while another file is put in place.
    pub const BEGIN_EXCLUSIVE: &str = "BEGIN EXCLUSIVE";
    pub const ROLLBACK: &str = "ROLLBACK";
    /// Every table, index, trigger and view with its SQL, SQLite's own left out.
    pub const SCHEMA_OBJECTS: &str =
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
    pub const HAS_MIGRATIONS_TABLE: &str =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'";
    /// Every migration row, finished or not, with its checksum.
    pub const MIGRATION_CHECKSUMS: &str =
        "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version";
}

/// Statements only PostgreSQL has.
pub mod postgres {
    /// One snapshot for every table, read only.
    pub const BEGIN_SNAPSHOT: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    /// Locks a selected row until the transaction ends.
    pub const LOCK_ROW: &str = " FOR UPDATE";
    pub const HAS_MIGRATIONS_TABLE: &str = "SELECT to_regclass('_sqlx_migrations') IS NOT NULL";
    /// Reads the name of every table in the schema the connection uses.
    pub const TABLES: &str = "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
    /// Binds: a table name. Reads each column's name, type and whether it
    /// may be NULL, in the schema the connection uses.
    pub const TABLE_COLUMNS: &str =
        "SELECT column_name::text, data_type::text, is_nullable = 'YES' \
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 \
         ORDER BY ordinal_position";

    /// Lets others read `tables` but not write them until the transaction ends.
    pub fn lock_tables(tables: &[&str]) -> String {
        format!("LOCK TABLE {} IN EXCLUSIVE MODE", tables.join(", "))
    }
}

/// A read-only aggregate query the app runs as a whole (a report), in the
/// SQL both dialects share, with the types of its columns.
#[derive(Debug)]
pub struct Report {
    pub sql: &'static str,
    pub columns: &'static [ColType],
}

/// The app's aggregate reports: one query each, so a report over the whole
/// school does not decode every row it sums.
pub mod reports {
    use super::Report;
    use crate::value::ColType;

    /// Issue 17: who owes what was due. Binds: the day (due by it). Per
    /// student with something owed: student_id, the months owing, the
    /// amount owed, the oldest month, the student's NISN and name, and the
    /// class of their open enrollment (the latest, if there were two). An
    /// invoice owes its lines' billed − discount less what payments not
    /// voided placed on it; voided invoices owe nothing.
    pub const FEE_ARREARS: Report = Report {
        sql: "WITH billed AS (SELECT invoice_id, SUM(billed - discount) AS net \
                FROM invoice_lines GROUP BY invoice_id), \
              paid AS (SELECT a.invoice_id, SUM(a.amount) AS paid FROM fee_allocations a \
                JOIN payments p ON p.id = a.payment_id WHERE p.void_reason IS NULL \
                GROUP BY a.invoice_id), \
              owing AS (SELECT i.student_id, i.period, \
                COALESCE(b.net, 0) - COALESCE(p.paid, 0) AS owed FROM invoices i \
                LEFT JOIN billed b ON b.invoice_id = i.id \
                LEFT JOIN paid p ON p.invoice_id = i.id \
                WHERE i.void_reason IS NULL AND i.due_date <= $1), \
              per_student AS (SELECT student_id, COUNT(*) AS months, SUM(owed) AS owed, \
                MIN(period) AS oldest FROM owing WHERE owed > 0 GROUP BY student_id) \
              SELECT ps.student_id, CAST(ps.months AS BIGINT), CAST(ps.owed AS BIGINT), ps.oldest, \
                s.nisn, s.full_name, \
                (SELECT e.class_id FROM enrollments e WHERE e.student_id = ps.student_id \
                  AND e.end_date IS NULL ORDER BY e.start_date DESC, e.id DESC LIMIT 1) \
              FROM per_student ps JOIN students s ON s.id = ps.student_id",
        columns: &[
            ColType::Id,
            ColType::Int,
            ColType::Int,
            ColType::Text,
            ColType::Text,
            ColType::Text,
            ColType::Id,
        ],
    };

    /// Issue 17: income by fee item and month. Binds: the first and the
    /// last month ("YYYY-MM"). Per standing invoice of those months and fee
    /// item on it: invoice id, month, fee item, its net (billed −
    /// discount), and what payments not voided placed on the invoice.
    pub const FEE_INCOME: Report = Report {
        sql: "WITH paid AS (SELECT a.invoice_id, SUM(a.amount) AS paid FROM fee_allocations a \
                JOIN payments p ON p.id = a.payment_id WHERE p.void_reason IS NULL \
                GROUP BY a.invoice_id) \
              SELECT i.id, i.period, l.fee_item_id, CAST(SUM(l.billed - l.discount) AS BIGINT), \
                CAST(COALESCE(MAX(p.paid), 0) AS BIGINT) \
              FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id \
              LEFT JOIN paid p ON p.invoice_id = i.id \
              WHERE i.void_reason IS NULL AND i.period >= $1 AND i.period <= $2 \
              GROUP BY i.id, i.period, l.fee_item_id",
        columns: &[
            ColType::Id,
            ColType::Text,
            ColType::Id,
            ColType::Int,
            ColType::Int,
        ],
    };
}

/// Escapes `%`, `_` and `\` so user text matches literally inside LIKE.
pub fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for ch in text.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// A SELECT for `query`, and the values to bind in order; `ft` says how
/// the dialect matches words. Each placeholder `$N` appears once, in
/// order, so SQLite can be given plain `?` (a filter on thousands of ids
/// binds thousands of values).
pub fn select(table: &Table, query: &Query, ft: FullText) -> (String, Vec<Val>) {
    let mut binds = Vec::new();
    let mut conditions = Vec::new();
    for filter in &query.filters {
        match filter {
            Filter::Eq(col, value) => {
                binds.push(value.clone());
                conditions.push(format!("{col} = ${}", binds.len()));
            }
            Filter::IsNull(col) => conditions.push(format!("{col} IS NULL")),
            Filter::IsNotNull(col) => conditions.push(format!("{col} IS NOT NULL")),
            Filter::In(col, values) => {
                if values.is_empty() {
                    conditions.push("1 = 0".to_string());
                } else {
                    let start = binds.len() + 1;
                    binds.extend(values.iter().cloned());
                    conditions.push(format!("{col} IN ({})", placeholders(start, values.len())));
                }
            }
            Filter::Contains(cols, text) => {
                let pattern = like_pattern(text);
                let alternatives: Vec<String> = cols
                    .iter()
                    .map(|c| {
                        binds.push(Val::Text(pattern.clone()));
                        format!("LOWER({c}) LIKE ${} ESCAPE '\\'", binds.len())
                    })
                    .collect();
                conditions.push(format!("({})", alternatives.join(" OR ")));
            }
            Filter::Words(col, words) => {
                let Some(text) = words_query(words, ft) else {
                    continue;
                };
                binds.push(Val::Text(text));
                let n = binds.len();
                conditions.push(match ft {
                    FullText::Fts5 => format!(
                        "id IN (SELECT record_id FROM {t}_fts WHERE {t}_fts MATCH ${n})",
                        t = table.name
                    ),
                    FullText::TsVector => {
                        format!("to_tsvector('simple', {col}) @@ to_tsquery('simple', ${n})")
                    }
                });
            }
        }
    }
    let mut sql = format!("SELECT {} FROM {}", column_list(table), table.name);
    if !conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conditions.join(" AND "));
    }
    let mut order: Vec<&str> = query.order_by.clone();
    order.push("id");
    sql.push_str(" ORDER BY ");
    sql.push_str(&order.join(", "));
    if let Some(limit) = query.limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    (sql, binds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::STUDENTS;

    #[test]
    fn statements() {
        assert_eq!(
            update(&crate::tables::ROOMS),
            "UPDATE rooms SET name = $1, capacity = $2, kind = $3, version = version + 1, updated_at = $4, updated_by = $5 WHERE id = $6 AND version = $7"
        );
        assert_eq!(
            update_rows(&crate::tables::ROOMS, 2),
            "UPDATE rooms SET name = v.column1, capacity = v.column2, kind = v.column3, version = rooms.version + 1, \
             updated_at = v.column4, updated_by = v.column5 FROM (VALUES ($1, $2, $3, $4, $5, $6, $7), \
             ($8, $9, $10, $11, $12, $13, $14)) AS v WHERE rooms.id = v.column6 AND rooms.version = v.column7"
        );
        // The record's columns, then the five bookkeeping ones (id,
        // version, created_at, updated_at, updated_by).
        let last = STUDENTS.columns.len() + 5;
        assert!(insert(&STUDENTS).ends_with(&format!("${last})")));
        let q = Query::all()
            .eq("status", "active")
            .filter(Filter::Contains(vec!["full_name", "nisn"], "Sit_i".into()))
            .order("full_name")
            .limit(50);
        let (sql, binds) = select(&STUDENTS, &q, FullText::Fts5);
        assert!(sql.ends_with(
            "WHERE status = $1 AND (LOWER(full_name) LIKE $2 ESCAPE '\\' OR LOWER(nisn) LIKE $3 ESCAPE '\\') ORDER BY full_name, id LIMIT 50"
        ), "{sql}");
        assert_eq!(
            binds,
            vec![
                Val::Text("active".into()),
                Val::Text("%sit\\_i%".into()),
                Val::Text("%sit\\_i%".into())
            ]
        );
    }

    /// `select`'s promise that lets SQLite take plain `?`: every `$N`
    /// once, numbered 1, 2, 3, … in the order of the text, one per bind.
    #[test]
    fn a_select_numbers_each_placeholder_once_in_order() {
        let q = Query::all()
            .eq("status", "active")
            .filter(Filter::In(
                "id",
                vec![Val::Int(1), Val::Int(2), Val::Int(3)],
            ))
            .filter(Filter::Contains(
                vec!["full_name", "nisn", "nis"],
                "x".into(),
            ))
            .filter(Filter::Words("full_name", vec!["sari".into()]))
            .filter(Filter::In("class_id", vec![Val::Int(9)]));
        for ft in [FullText::Fts5, FullText::TsVector] {
            let (sql, binds) = select(&STUDENTS, &q, ft);
            let numbers: Vec<usize> = sql
                .split('$')
                .skip(1)
                .map(|rest| {
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    digits.parse().expect("a number after $")
                })
                .collect();
            assert_eq!(numbers, (1..=binds.len()).collect::<Vec<_>>(), "{sql}");
        }
    }

    #[test]
    fn words_become_each_dialects_query() {
        let words = vec![
            "Luas".to_string(),
            "seg'i\"tiga²".into(),
            "--".into(),
            "ke".into(),
        ];
        assert_eq!(
            words_query(&words, FullText::Fts5).unwrap(),
            "\"luas\" \"segitiga\" \"ke\"*"
        );
        assert_eq!(
            words_query(&words, FullText::TsVector).unwrap(),
            "'luas' & 'segitiga' & 'ke':*"
        );
        assert_eq!(words_query(&["?!".into()], FullText::Fts5), None);
        let q = Query::all().filter(Filter::Words("search_text", vec!["x".into()]));
        let (sql, binds) = select(&crate::tables::QUESTIONS, &q, FullText::TsVector);
        assert!(
            sql.contains("WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', $1)"),
            "{sql}"
        );
        assert_eq!(binds, vec![Val::Text("'x':*".into())]);
        let (sql, _) = select(&crate::tables::QUESTIONS, &q, FullText::Fts5);
        assert!(
            sql.contains(
                "WHERE id IN (SELECT record_id FROM questions_fts WHERE questions_fts MATCH $1)"
            ),
            "{sql}"
        );
        let none = Query::all().filter(Filter::Words("search_text", vec![]));
        let (sql, binds) = select(&crate::tables::QUESTIONS, &none, FullText::Fts5);
        assert!(!sql.contains("WHERE") && binds.is_empty(), "{sql}");
    }

    #[test]
    fn meta_schema_names_the_meta_columns() {
        let names: Vec<&str> = META_SCHEMA.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(names, META_COLUMNS);
    }

    #[test]
    fn empty_in_matches_nothing() {
        let (sql, binds) = select(
            &STUDENTS,
            &Query::all().filter(Filter::In("id", vec![])),
            FullText::TsVector,
        );
        assert!(sql.contains("WHERE 1 = 0"));
        assert!(binds.is_empty());
    }
}
