//! The UI's own state on this computer: drafts of unsaved forms, records
//! opened recently, and preferences (column choices, the window's place).
//!
//! It is a small SQLite file in the OS user's data folder that only the
//! shell opens. The page reaches it through the `local_*` commands and never
//! by a path, so script in the page cannot open the school database or any
//! other file (the window is granted no SQL plugin). Drafts and recent items
//! hold student and guardian fields, so they belong to one signed-in user of
//! one school database: another user of the same computer never sees them,
//! and without a session there are none. Preferences hold no school data and
//! belong to the computer account (the window's place is restored before
//! anyone signs in). This file is never school data: losing it loses unsaved
//! drafts, nothing else.

use crate::shell::{Shell, UiResult};
use crate::wire::UiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use std::path::PathBuf;
use std::time::Duration;
use tokio::sync::OnceCell;
use ts_rs::TS;

/// An unsaved form, kept while the user types.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct LocalDraft {
    /// `<screen>:<record id or "new">`.
    pub key: String,
    pub title: String,
    /// The form's values as JSON text.
    pub data: String,
    pub saved_at: DateTime<Utc>,
}

/// A record the user opened, newest first on the dashboard.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct LocalRecent {
    /// `<screen>:<record id>`, as draft keys are.
    pub key: String,
    pub title: String,
    pub opened_at: DateTime<Utc>,
}

/// How many recent items are kept per user.
const RECENT_KEPT: i64 = 20;
/// How many drafts are kept per user (the oldest go first).
const DRAFTS_KEPT: i64 = 50;
/// Bounds on what the page may store, so the file stays small.
const MAX_KEY: usize = 200;
const MAX_TITLE: usize = 300;
const MAX_DRAFT: usize = 256 * 1024;
const MAX_PREF: usize = 16 * 1024;

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS drafts (school TEXT NOT NULL, user_id TEXT NOT NULL, key TEXT NOT NULL, \
     title TEXT NOT NULL, data TEXT NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (school, user_id, key))",
    "CREATE TABLE IF NOT EXISTS recent (school TEXT NOT NULL, user_id TEXT NOT NULL, key TEXT NOT NULL, \
     title TEXT NOT NULL, opened_at INTEGER NOT NULL, PRIMARY KEY (school, user_id, key))",
    // Times are microseconds since 1970 (UTC), so they sort as numbers.
    "CREATE TABLE IF NOT EXISTS prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
];

/// Whose drafts and recent items: one user of one school database.
struct Owner {
    /// The school database as `App::url` shows it (never with a password).
    school: String,
    user_id: String,
}

/// The state file, opened on first use.
pub struct LocalState {
    path: PathBuf,
    pool: OnceCell<SqlitePool>,
}

impl LocalState {
    pub fn new(path: PathBuf) -> LocalState {
        LocalState {
            path,
            pool: OnceCell::new(),
        }
    }

    async fn pool(&self) -> UiResult<&SqlitePool> {
        self.pool.get_or_try_init(|| self.open()).await
    }

    async fn open(&self) -> UiResult<SqlitePool> {
        let fail = |e: &dyn std::fmt::Display| {
            tracing::error!(path = %self.path.display(), error = %e, "UI state file");
            UiError::new(
                "local_state",
                format!(
                    "cannot open this computer's drafts file {}",
                    self.path.display()
                ),
            )
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        create_private(&self.path).map_err(|e| fail(&e))?;
        let options = SqliteConnectOptions::new()
            .filename(&self.path)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(|e| fail(&e))?;
        for statement in SCHEMA {
            sqlx::query(statement)
                .execute(&pool)
                .await
                .map_err(|e| fail(&e))?;
        }
        Ok(pool)
    }

    /// Closes the file (the next use opens it again).
    pub async fn close(&self) {
        if let Some(pool) = self.pool.get() {
            pool.close().await;
        }
    }
}

/// Removes the database the page itself kept before (through
/// tauri-plugin-sql, in Tauri's config folder for the app): its drafts hold
/// students' details for every login of the computer, and nothing reads it
/// any more.
pub fn forget_page_database(app_config_dir: &std::path::Path) {
    for name in [
        "ui-state.db",
        "ui-state.db-wal",
        "ui-state.db-shm",
        "ui-state.db-journal",
    ] {
        let path = app_config_dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => tracing::info!(path = %path.display(), "removed the page's old database"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "cannot remove the page's old database")
            }
        }
    }
}

/// Creates the file readable by its owner only: drafts hold students' and
/// guardians' details.
fn create_private(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

fn too_long(what: &str, limit: usize) -> UiError {
    UiError::new(
        "invalid",
        format!("the {what} is too long to keep (at most {limit} bytes)"),
    )
}

fn check(what: &str, text: &str, limit: usize) -> UiResult<()> {
    if text.len() > limit {
        return Err(too_long(what, limit));
    }
    Ok(())
}

fn check_json(what: &str, text: &str, limit: usize) -> UiResult<()> {
    check(what, text, limit)?;
    serde_json::from_str::<serde_json::Value>(text)
        .map(drop)
        .map_err(|_| UiError::new("invalid", format!("the {what} is not JSON")))
}

fn stored(e: sqlx::Error) -> UiError {
    tracing::error!(error = %e, "UI state file");
    UiError::new(
        "local_state",
        "this computer's drafts file could not be read or written",
    )
}

type DraftRow = (String, String, String, i64);

fn time(micros: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(micros).unwrap_or_default()
}

fn draft((key, title, data, saved_at): DraftRow) -> LocalDraft {
    LocalDraft {
        key,
        title,
        data,
        saved_at: time(saved_at),
    }
}

impl Shell {
    /// The signed-in user of the open school database; refused when no one
    /// is signed in.
    async fn owner(&self) -> UiResult<Owner> {
        let (app, actor) = self.actor().await?;
        Ok(Owner {
            school: app.url().to_string(),
            user_id: actor.user_id.to_string(),
        })
    }

    /// The signed-in user's drafts, newest first.
    pub async fn drafts(&self) -> UiResult<Vec<LocalDraft>> {
        let owner = self.owner().await?;
        let rows: Vec<DraftRow> = sqlx::query_as(
            "SELECT key, title, data, saved_at FROM drafts WHERE school = ? AND user_id = ? \
             ORDER BY saved_at DESC",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .fetch_all(self.local.pool().await?)
        .await
        .map_err(stored)?;
        Ok(rows.into_iter().map(draft).collect())
    }

    pub async fn draft(&self, key: &str) -> UiResult<Option<LocalDraft>> {
        let owner = self.owner().await?;
        let row: Option<DraftRow> = sqlx::query_as(
            "SELECT key, title, data, saved_at FROM drafts WHERE school = ? AND user_id = ? AND key = ?",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .bind(key)
        .fetch_optional(self.local.pool().await?)
        .await
        .map_err(stored)?;
        Ok(row.map(draft))
    }

    /// Keeps (or replaces) the signed-in user's draft `key`; `data` is the
    /// form's values as JSON text.
    pub async fn put_draft(&self, key: &str, title: &str, data: &str) -> UiResult<LocalDraft> {
        check("draft's key", key, MAX_KEY)?;
        check("draft's title", title, MAX_TITLE)?;
        check_json("draft", data, MAX_DRAFT)?;
        let owner = self.owner().await?;
        let saved_at = Utc::now();
        let pool = self.local.pool().await?;
        let mut tx = pool.begin().await.map_err(stored)?;
        sqlx::query(
            "INSERT INTO drafts (school, user_id, key, title, data, saved_at) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (school, user_id, key) DO UPDATE SET title = excluded.title, \
             data = excluded.data, saved_at = excluded.saved_at",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .bind(key)
        .bind(title)
        .bind(data)
        .bind(saved_at.timestamp_micros())
        .execute(&mut *tx)
        .await
        .map_err(stored)?;
        sqlx::query(
            "DELETE FROM drafts WHERE school = ?1 AND user_id = ?2 AND key NOT IN \
             (SELECT key FROM drafts WHERE school = ?1 AND user_id = ?2 ORDER BY saved_at DESC LIMIT ?3)",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .bind(DRAFTS_KEPT)
        .execute(&mut *tx)
        .await
        .map_err(stored)?;
        tx.commit().await.map_err(stored)?;
        Ok(LocalDraft {
            key: key.to_string(),
            title: title.to_string(),
            data: data.to_string(),
            saved_at,
        })
    }

    pub async fn drop_draft(&self, key: &str) -> UiResult<()> {
        let owner = self.owner().await?;
        sqlx::query("DELETE FROM drafts WHERE school = ? AND user_id = ? AND key = ?")
            .bind(&owner.school)
            .bind(&owner.user_id)
            .bind(key)
            .execute(self.local.pool().await?)
            .await
            .map_err(stored)?;
        Ok(())
    }

    /// Notes that the signed-in user opened record `key`; keeps the newest
    /// few.
    pub async fn note_recent(&self, key: &str, title: &str) -> UiResult<()> {
        check("recent item's key", key, MAX_KEY)?;
        check("recent item's title", title, MAX_TITLE)?;
        let owner = self.owner().await?;
        let pool = self.local.pool().await?;
        let mut tx = pool.begin().await.map_err(stored)?;
        sqlx::query(
            "INSERT INTO recent (school, user_id, key, title, opened_at) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (school, user_id, key) DO UPDATE SET title = excluded.title, \
             opened_at = excluded.opened_at",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .bind(key)
        .bind(title)
        .bind(Utc::now().timestamp_micros())
        .execute(&mut *tx)
        .await
        .map_err(stored)?;
        sqlx::query(
            "DELETE FROM recent WHERE school = ?1 AND user_id = ?2 AND key NOT IN \
             (SELECT key FROM recent WHERE school = ?1 AND user_id = ?2 ORDER BY opened_at DESC LIMIT ?3)",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .bind(RECENT_KEPT)
        .execute(&mut *tx)
        .await
        .map_err(stored)?;
        tx.commit().await.map_err(stored)
    }

    /// The signed-in user's most recently opened records, newest first.
    pub async fn recent(&self, limit: i64) -> UiResult<Vec<LocalRecent>> {
        let owner = self.owner().await?;
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT key, title, opened_at FROM recent WHERE school = ? AND user_id = ? \
             ORDER BY opened_at DESC LIMIT ?",
        )
        .bind(&owner.school)
        .bind(&owner.user_id)
        .bind(limit.clamp(0, RECENT_KEPT))
        .fetch_all(self.local.pool().await?)
        .await
        .map_err(stored)?;
        Ok(rows
            .into_iter()
            .map(|(key, title, opened_at)| LocalRecent {
                key,
                title,
                opened_at: time(opened_at),
            })
            .collect())
    }

    /// A preference of this computer account (JSON text), if set.
    pub async fn pref(&self, key: &str) -> UiResult<Option<String>> {
        sqlx::query_scalar("SELECT value FROM prefs WHERE key = ?")
            .bind(key)
            .fetch_optional(self.local.pool().await?)
            .await
            .map_err(stored)
    }

    pub async fn set_pref(&self, key: &str, value: &str) -> UiResult<()> {
        check("preference's name", key, MAX_KEY)?;
        check_json("preference", value, MAX_PREF)?;
        sqlx::query(
            "INSERT INTO prefs (key, value) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(self.local.pool().await?)
        .await
        .map_err(stored)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pages_old_database_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["ui-state.db", "ui-state.db-wal", "settings.json"] {
            std::fs::write(tmp.path().join(name), b"x").unwrap();
        }
        super::forget_page_database(tmp.path());
        super::forget_page_database(tmp.path()); // nothing left: no error
        assert!(!tmp.path().join("ui-state.db").exists());
        assert!(!tmp.path().join("ui-state.db-wal").exists());
        assert!(tmp.path().join("settings.json").exists());
    }
}
