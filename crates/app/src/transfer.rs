//! Moving a whole school: backups of the SQLite file, checked restores, and
//! copying between backends (a school that outgrows one desktop moves to a
//! PostgreSQL server without retyping anything, and back).

use crate::auth::require;
use crate::records::Counts;
use crate::{App, AppError, AppResult, DatabaseUrl};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::Actor;
use schooldesk_store::tables;
use schooldesk_store::{AuditQuery, Backend, Query, Row, Table};
use schooldesk_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};

/// Everything a school database holds, read in one pass.
struct Snapshot {
    tables: Vec<(&'static Table, Vec<Row>)>,
    audit: Vec<schooldesk_core::AuditEvent>,
}

impl App {
    async fn snapshot(&self) -> AppResult<Snapshot> {
        let backend = self.store().backend();
        let mut rows = Vec::new();
        for table in tables::ALL {
            rows.push((table, backend.select(table, &Query::all()).await?));
        }
        let audit = backend
            .audit(&AuditQuery {
                limit: i64::MAX,
                ..AuditQuery::default()
            })
            .await?;
        Ok(Snapshot {
            tables: rows,
            audit,
        })
    }

    /// Copies every record and the audit trail into the empty database at
    /// `target`, then checks that every table holds the same count.
    pub async fn copy_to(&self, actor: &Actor, target: &DatabaseUrl) -> AppResult<Counts> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "copy the school",
        )?;
        if target == self.url() {
            return Err(AppError::Setup(
                "the target is the database already open; give another".into(),
            ));
        }
        let destination = App::open(target, true).await?;
        let result = self.copy_into(&destination).await;
        destination.close().await;
        result
    }

    async fn copy_into(&self, destination: &App) -> AppResult<Counts> {
        let snapshot = self.snapshot().await?;
        destination
            .store()
            .backend()
            .load(snapshot.tables, snapshot.audit)
            .await?;
        let ours = self.table_counts().await?;
        let theirs = destination.table_counts().await?;
        if ours != theirs {
            return Err(AppError::Setup(format!(
                "the copy does not match: source {ours:?}, target {theirs:?}"
            )));
        }
        Ok(theirs)
    }

    /// Writes a backup to `dest` (a SQLite file, whatever the backend) and
    /// checks it opens. An existing file is not overwritten.
    pub async fn backup(&self, actor: &Actor, dest: &Path) -> AppResult<Counts> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "back up the school",
        )?;
        if dest.exists() {
            return Err(AppError::Setup(format!(
                "{} already exists; choose a new file name",
                dest.display()
            )));
        }
        match &self.sqlite {
            Some(sqlite) => {
                sqlite.backup_to(dest).await?;
                Ok(SqliteStore::verify_file(dest).await?)
            }
            None => {
                let counts = self
                    .copy_to(actor, &DatabaseUrl::Sqlite(dest.to_path_buf()))
                    .await;
                if counts.is_err() {
                    let _ = std::fs::remove_file(dest);
                }
                counts
            }
        }
    }

    /// Restores the backup `src` into the database at `target`. The backup is
    /// checked first (it opens, its migrations are known, SQLite's integrity
    /// check passes); only then is anything replaced. A SQLite target that
    /// already exists is kept beside it as `<name>.before-restore-<time>`.
    /// A PostgreSQL target must be empty.
    pub async fn restore(src: &Path, target: &DatabaseUrl) -> AppResult<RestoreOutcome> {
        SqliteStore::verify_file(src).await?;
        match target {
            DatabaseUrl::Sqlite(path) => {
                if path.exists() && same_file(path, src) {
                    return Err(AppError::Setup(
                        "the backup is the database itself; give another file".into(),
                    ));
                }
                let kept = if path.exists() {
                    // Keep what is there now. This also fails, and so stops
                    // the restore, if another program holds the file locked.
                    let kept = kept_name(path);
                    let current = SqliteStore::open(path, false).await?;
                    let copied = current.backup_to(&kept).await;
                    current.close().await;
                    copied?;
                    Some(kept)
                } else {
                    None
                };
                let staging = path.with_extension("restoring");
                std::fs::copy(src, &staging).map_err(|e| io(&staging, e))?;
                for suffix in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{suffix}", path.display()));
                    if side.exists() {
                        std::fs::remove_file(&side).map_err(|e| io(&side, e))?;
                    }
                }
                std::fs::rename(&staging, path).map_err(|e| io(path, e))?;
                let app = App::open(target, false).await?;
                let counts = app.table_counts().await;
                app.close().await;
                Ok(RestoreOutcome {
                    counts: counts?,
                    kept,
                })
            }
            DatabaseUrl::Postgres(_) => {
                let source = App::open(&DatabaseUrl::Sqlite(src.to_path_buf()), false).await?;
                let counts = match App::open(target, true).await {
                    Ok(destination) => {
                        let copied = source.copy_into(&destination).await;
                        destination.close().await;
                        copied
                    }
                    Err(e) => Err(e),
                };
                source.close().await;
                Ok(RestoreOutcome {
                    counts: counts?,
                    kept: None,
                })
            }
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct RestoreOutcome {
    pub counts: Counts,
    /// Where the database that was replaced was kept.
    pub kept: Option<PathBuf>,
}

fn kept_name(path: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    PathBuf::from(format!("{}.before-restore-{stamp}", path.display()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn io(path: &Path, err: std::io::Error) -> AppError {
    AppError::Setup(format!("cannot write {}: {err}", path.display()))
}
