//! Moving a whole school: backups, checked restores, and copying between
//! backends (a school that outgrows one desktop moves to a PostgreSQL server
//! without retyping anything, and back).
//!
//! Every backup and copy reads one snapshot of the source (one read-only
//! transaction) and writes either into one transaction or under a temporary
//! file name that becomes the final name only once the file is complete and
//! checked. A restore holds the database exclusively from before it reads
//! the current file until the new one is in place (see `Replacing` and
//! `ExclusiveUse` in the SQLite store), and never replaces a file another
//! Schooldesk process has open.

use crate::auth::require;
use crate::records::Counts;
use crate::{App, AppError, AppResult, DatabaseUrl, SessionPolicy, SystemClock};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::Actor;
use schooldesk_store::{tables, Snapshot, Store, StoreError};
use schooldesk_store_sqlite::{with_suffix, ExclusiveUse, Replacing, Scratch, SqliteStore};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl App {
    /// Opens a SQLite file without the shared lock: a temporary file of
    /// this process, or a file whose [`ExclusiveUse`] it holds.
    async fn open_private(path: &Path, create: bool) -> AppResult<App> {
        let sqlite = Arc::new(SqliteStore::open_private(path, create).await?);
        Ok(App {
            store: Store::new(sqlite.clone()),
            url: DatabaseUrl::Sqlite(path.to_path_buf()),
            sqlite: Some(sqlite),
            clock: Arc::new(SystemClock),
            sessions: SessionPolicy::default(),
        })
    }

    async fn read_snapshot(&self) -> AppResult<Snapshot> {
        Ok(self.store.backend().snapshot(&tables::ALL).await?)
    }

    /// Copies every record and the audit trail, as of one moment, into the
    /// empty database at `target`. A SQLite file that does not exist yet is
    /// written under a temporary name and appears only when complete; any
    /// other target is written in one transaction that checks every table's
    /// count before it commits. Either way a failed copy leaves the target
    /// as it was, so it can simply be tried again.
    pub async fn copy_to(&self, actor: &Actor, target: &DatabaseUrl) -> AppResult<Counts> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "copy the school",
        )?;
        self.copy_into(target).await
    }

    /// [`App::copy_to`] once the caller is known to be allowed (a restore
    /// onto PostgreSQL has checked the backup's administrator).
    async fn copy_into(&self, target: &DatabaseUrl) -> AppResult<Counts> {
        if target == self.url() {
            return Err(AppError::setup(
                "same_database",
                "the target is the database already open; give another",
            ));
        }
        let snapshot = self.read_snapshot().await?;
        let counts = snapshot.counts();
        match target {
            DatabaseUrl::Sqlite(path) if !path.exists() => {
                write_new_file(snapshot, path).await?;
            }
            _ => {
                let destination = App::open(target, true).await?;
                let loaded = destination.store.backend().load(snapshot).await;
                destination.close().await;
                loaded?;
            }
        }
        Ok(counts)
    }

    /// Writes a backup to `dest` (a SQLite file, whatever the backend): one
    /// consistent moment of the school, checked, readable by its owner only,
    /// and under `dest` only once complete. An existing file is not
    /// overwritten.
    pub async fn backup(&self, actor: &Actor, dest: &Path) -> AppResult<Counts> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "back up the school",
        )?;
        if dest.exists() {
            return Err(AppError::Setup(
                schooldesk_core::Msg::new(
                    "file_exists",
                    format!("{} already exists; choose a new file name", dest.display()),
                )
                .with("path", dest.display()),
            ));
        }
        match &self.sqlite {
            Some(sqlite) => Ok(sqlite.backup_to(dest).await?),
            None => {
                let snapshot = self.read_snapshot().await?;
                write_new_file(snapshot, dest).await
            }
        }
    }

    /// Restores the backup `src` into the database at `target`, as the
    /// administrator `login`.
    ///
    /// The backup is checked first — it opens, SQLite's integrity check
    /// passes, its migrations are the ones this build carries, its schema is
    /// object for object what they create — and then copied to a staging
    /// file beside the target that is checked again; only then is anything
    /// replaced. The login is checked against the current database, or
    /// against the backup when there is no current database or it cannot be
    /// opened (a broken database must not block its own repair). The restore
    /// is recorded in the restored database's audit trail.
    ///
    /// A SQLite target is held exclusively throughout (refused while any
    /// Schooldesk process or other program has it open) and the database it
    /// replaces is kept beside it as `<name>.before-restore-<time>`. A
    /// PostgreSQL target must be empty.
    pub async fn restore(
        src: &Path,
        target: &DatabaseUrl,
        login: &str,
        password: &str,
    ) -> AppResult<RestoreOutcome> {
        SqliteStore::verify_file(src).await?;
        match target {
            DatabaseUrl::Sqlite(path) => {
                if path.exists() && same_file(path, src) {
                    return Err(AppError::setup(
                        "backup_is_database",
                        "the backup is the database itself; give another file",
                    ));
                }
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
                }
                let held = ExclusiveUse::take(path)?;
                // A restore that was killed may have left its staging copy.
                held.remove_stale("restoring");
                let staging = Scratch::beside(path, "restoring")?;
                SqliteStore::copy_file(src, &staging).await?;
                SqliteStore::verify_file(staging.path()).await?;
                let (actor, problem) =
                    authenticate(Some(path), staging.path(), login, password).await?;
                let kept = path.exists().then(|| kept_name(path));
                record_restore(staging.path(), &actor, src, kept.as_deref()).await?;
                SqliteStore::make_single_file(staging.path()).await?;
                let counts = SqliteStore::verify_file(staging.path()).await?;
                let unreadable = match &kept {
                    Some(kept) => replace(&held, staging, kept).await?,
                    None => {
                        staging.persist_over(&held)?;
                        None
                    }
                };
                Ok(RestoreOutcome {
                    counts,
                    kept,
                    replaced_problem: unreadable.or(problem),
                })
            }
            DatabaseUrl::Postgres(_) => {
                // The staging copy goes to the temporary folder: the backup
                // may sit on a read-only stick.
                let staging = Scratch::beside(
                    &std::env::temp_dir().join("schooldesk-restore.db"),
                    "restoring",
                )?;
                SqliteStore::copy_file(src, &staging).await?;
                SqliteStore::verify_file(staging.path()).await?;
                // A PostgreSQL target must be empty: no one to log in as there.
                let (actor, _) = authenticate(None, staging.path(), login, password).await?;
                record_restore(staging.path(), &actor, src, None).await?;
                let source = App::open_private(staging.path(), false).await?;
                let counts = source.copy_into(target).await;
                source.close().await;
                Ok(RestoreOutcome {
                    counts: counts?,
                    kept: None,
                    replaced_problem: None,
                })
            }
        }
    }
}

/// Writes `snapshot` into the new SQLite file `dest` through a temporary
/// file, checks it, and gives it its name.
async fn write_new_file(snapshot: Snapshot, dest: &Path) -> AppResult<Counts> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    let partial = Scratch::beside(dest, "partial")?;
    let file = App::open_private(partial.path(), true).await?;
    let loaded = file.store.backend().load(snapshot).await;
    file.close().await;
    loaded?;
    SqliteStore::make_single_file(partial.path())
        .await
        .map_err(|e| name_file(e, partial.path(), dest))?;
    let counts = SqliteStore::verify_file(partial.path())
        .await
        .map_err(|e| name_file(e, partial.path(), dest))?;
    partial.persist_new(dest)?;
    Ok(counts)
}

fn name_file(err: StoreError, temporary: &Path, shown: &Path) -> StoreError {
    let (from, to) = (temporary.display().to_string(), shown.display().to_string());
    match err {
        StoreError::Corrupt(m) => StoreError::Corrupt(m.replace(&from, &to)),
        StoreError::Refused(m) => StoreError::Refused(m.replace(&from, &to)),
        StoreError::Unavailable(m) => StoreError::Unavailable(m.replace(&from, &to)),
        other => other,
    }
}

/// Checks that `login` is an administrator: of the current database at
/// `current` when it opens and has one, otherwise of the backup (`staging`).
/// Returns why the current database could not be asked, if it could not.
async fn authenticate(
    current: Option<&Path>,
    staging: &Path,
    login: &str,
    password: &str,
) -> AppResult<(Actor, Option<String>)> {
    let mut problem = None;
    if let Some(path) = current.filter(|p| p.exists()) {
        match App::open_private(path, false).await {
            Ok(app) => {
                let signed_in = async {
                    if app.needs_setup().await? {
                        return Ok(None);
                    }
                    admin_login(&app, login, password).await.map(Some)
                }
                .await;
                app.close().await;
                if let Some(actor) = signed_in? {
                    return Ok((actor, None));
                }
            }
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e,
                    "the current database cannot be opened; checking the login against the backup");
                problem = Some(e.to_string());
            }
        }
    }
    let app = App::open_private(staging, false).await?;
    let actor = admin_login(&app, login, password).await;
    app.close().await;
    Ok((actor?, problem))
}

async fn admin_login(app: &App, login: &str, password: &str) -> AppResult<Actor> {
    let session = app.login(login, password).await?;
    app.logout(&session.token).await?;
    // An administrator still on a password someone else chose may not.
    require(
        &session.actor,
        Action::ManageUsers,
        &Target::School,
        "restore a backup",
    )?;
    Ok(session.actor)
}

/// Writes the restore into the audit trail of the database being restored.
async fn record_restore(
    staging: &Path,
    actor: &Actor,
    src: &Path,
    kept: Option<&Path>,
) -> AppResult<()> {
    let app = App::open_private(staging, false).await?;
    let mut changes = app.changes(actor);
    let detail = match kept {
        Some(kept) => format!(
            "restored from {}; the database before is kept as {}",
            src.display(),
            kept.display()
        ),
        None => format!("restored from {}", src.display()),
    };
    changes.event("restore", "database", None, Some(detail));
    let committed = app.store.commit(changes).await;
    app.close().await;
    committed?;
    Ok(())
}

/// Puts `staging` in place of the database `held` names, keeping a copy of
/// that database as `kept` first. Returns why SQLite could not read the
/// database it replaced, if it could not.
async fn replace(held: &ExclusiveUse, staging: Scratch, kept: &Path) -> AppResult<Option<String>> {
    match Replacing::take(held).await {
        Ok(mut current) => {
            let ready = async {
                current.keep_copy(kept).await?;
                current.hold().await
            }
            .await;
            if let Err(e) = ready {
                current.release().await;
                return Err(e.into());
            }
            let swapped = staging.persist_over(held);
            current.release().await;
            swapped?;
            Ok(None)
        }
        Err(StoreError::Corrupt(reason)) => {
            // SQLite cannot read the current file: keep its bytes (and its
            // log, if any) as they are. Only this process has it open.
            tracing::warn!(%reason, "replacing a database SQLite cannot read");
            let path = held.path();
            keep_bytes(path, kept)?;
            let wal = with_suffix(path, "-wal");
            if wal.exists() {
                keep_bytes(&wal, &with_suffix(kept, "-wal"))?;
            }
            for side in [wal, with_suffix(path, "-shm")] {
                match std::fs::remove_file(&side) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io(&side, e)),
                }
            }
            staging.persist_over(held)?;
            Ok(Some(reason))
        }
        Err(other) => Err(other.into()),
    }
}

fn keep_bytes(from: &Path, kept: &Path) -> AppResult<()> {
    let partial = Scratch::beside(kept, "partial")?;
    let mut reader = std::fs::File::open(from).map_err(|e| io(from, e))?;
    let mut writer = std::fs::OpenOptions::new()
        .write(true)
        .open(partial.path())
        .map_err(|e| io(kept, e))?;
    std::io::copy(&mut reader, &mut writer).map_err(|e| io(kept, e))?;
    writer.flush().map_err(|e| io(kept, e))?;
    Ok(partial.persist_new(kept)?)
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct RestoreOutcome {
    pub counts: Counts,
    /// Where the database that was replaced was kept.
    pub kept: Option<PathBuf>,
    /// Why the database that was replaced could not be opened, when it
    /// could not (the restore went ahead: that is when people restore).
    pub replaced_problem: Option<String>,
}

/// `<name>.before-restore-<time>`, with `-2`, `-3`… when a restore in the
/// same second already took that name (restores of one file run one at a
/// time: they hold it exclusively).
fn kept_name(path: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let base = with_suffix(path, &format!(".before-restore-{stamp}"));
    let mut candidate = base.clone();
    let mut n = 1;
    while candidate.exists() || with_suffix(&candidate, "-wal").exists() {
        n += 1;
        candidate = with_suffix(&base, &format!("-{n}"));
    }
    candidate
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn io(path: &Path, err: std::io::Error) -> AppError {
    AppError::Setup(
        schooldesk_core::Msg::new(
            "not_written",
            format!("cannot write {}: {err}", path.display()),
        )
        .with("path", path.display())
        .with("error", err),
    )
}
