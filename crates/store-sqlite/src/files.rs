//! The files around a school database: who may use it (`<file>.lock`),
//! temporary files that are either completed under their final name or
//! removed, and the 0600 mode every file we create gets.
//!
//! Nothing here talks SQL; it must not delete or rename a file another
//! Schooldesk process may have open (only the holder of [`ExclusiveUse`]
//! may).

use schooldesk_store::{StoreError, StoreResult};
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// `path` with `suffix` appended to its file name (`school.db` → `school.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Options that create a file readable by its owner only: a school database
/// holds children's names, birth dates and addresses.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Creates `path` empty and private if it does not exist (SQLite then takes
/// the mode for its `-wal` and `-shm` files from it).
pub fn create_private(path: &Path) -> StoreResult<()> {
    match private_options().create_new(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(cannot_write(path, &e)),
    }
}

pub fn cannot_write(path: &Path, err: &io::Error) -> StoreError {
    let reason = match err.kind() {
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        _ => err.to_string(),
    };
    StoreError::Refused(format!("cannot write {}: {reason}", path.display()))
}

fn lock_file(db: &Path) -> StoreResult<File> {
    let path = with_suffix(db, ".lock");
    private_options()
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| cannot_write(&path, &e))
}

/// The shared lock every process that opens a school database holds on
/// `<file>.lock` for as long as it has the database open. A restore takes
/// the same lock exclusively, so it never replaces a file under a process
/// that is writing to it, and nobody opens the file while it is replaced.
pub(crate) struct SharedUse {
    _file: File,
}

impl SharedUse {
    /// Waits up to 5 seconds (like SQLite's busy timeout) for a restore to
    /// finish, then refuses.
    pub async fn take(db: &Path) -> StoreResult<SharedUse> {
        let file = lock_file(db)?;
        for _ in 0..100 {
            match file.try_lock_shared() {
                Ok(()) => return Ok(SharedUse { _file: file }),
                Err(TryLockError::WouldBlock) => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                Err(TryLockError::Error(e)) => {
                    return Err(StoreError::Unavailable(format!(
                        "cannot lock {}: {e}",
                        with_suffix(db, ".lock").display()
                    )))
                }
            }
        }
        Err(StoreError::Refused(format!(
            "{} is being restored by another Schooldesk command; try again when it has finished",
            db.display()
        )))
    }
}

/// Proof that this process alone has a school database open: the exclusive
/// lock on `<file>.lock`. Held by a restore from before it reads the current
/// database until after the new one is in place.
pub struct ExclusiveUse {
    _file: File,
    path: PathBuf,
}

impl ExclusiveUse {
    /// Refuses at once when any other Schooldesk process has `db` open.
    pub fn take(db: &Path) -> StoreResult<ExclusiveUse> {
        let file = lock_file(db)?;
        match file.try_lock() {
            Ok(()) => Ok(ExclusiveUse {
                _file: file,
                path: db.to_path_buf(),
            }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Refused(format!(
                "{} is in use by Schooldesk (the desktop app or another command); close it and try again",
                db.display()
            ))),
            Err(TryLockError::Error(e)) => Err(StoreError::Unavailable(format!(
                "cannot lock {}: {e}",
                with_suffix(db, ".lock").display()
            ))),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the `<db>.<what>-…` scratch files a killed process left
    /// beside the database. Only the holder of the exclusive lock makes
    /// them, so while it is held none of them can be in use.
    pub fn remove_stale(&self, what: &str) {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return;
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let prefix = format!("{}.{what}-", name.to_string_lossy());
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                tracing::info!(path = %entry.path().display(), "removing a file a stopped restore left");
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A file being written under a temporary name beside its destination. It
/// is removed (with any `-wal`, `-shm` or `-journal` beside it) when dropped,
/// on every error path, unless it was moved to its final name.
pub struct Scratch {
    path: PathBuf,
    done: bool,
}

impl Scratch {
    /// Creates an empty private file `<dest>.<what>-<pid>-<n>`: unique, so
    /// two commands at once never share one.
    pub fn beside(dest: &Path, what: &str) -> StoreResult<Scratch> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = with_suffix(dest, &format!(".{what}-{}-{n}", std::process::id()));
            match private_options().create_new(true).open(&path) {
                Ok(_) => return Ok(Scratch { path, done: false }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot_write(dest, &e)),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A database must be one file before it is renamed: a `-wal` left
    /// beside the temporary name would not follow it. Empty side files (a
    /// closed connection's leftovers) are removed.
    fn single(&self, dest: &Path) -> StoreResult<()> {
        for suffix in ["-wal", "-journal"] {
            let side = with_suffix(&self.path, suffix);
            if std::fs::metadata(&side).is_ok_and(|m| m.len() > 0) {
                return Err(StoreError::Internal(format!(
                    "{} still has a {suffix} file; not renamed to {}",
                    self.path.display(),
                    dest.display()
                )));
            }
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
        }
        Ok(())
    }

    /// Flushes the file to disk and gives it its final name, which must not
    /// exist yet.
    pub fn persist_new(mut self, dest: &Path) -> StoreResult<()> {
        self.single(dest)?;
        sync(&self.path).map_err(|e| cannot_write(dest, &e))?;
        match std::fs::hard_link(&self.path, dest) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Refused(format!(
                    "{} already exists; choose a new file name",
                    dest.display()
                )))
            }
            // File systems without hard links (a FAT USB stick).
            Err(_) if !dest.exists() => {
                std::fs::rename(&self.path, dest).map_err(|e| cannot_write(dest, &e))?;
                self.done = true;
                sync_dir(dest);
                return Ok(());
            }
            Err(e) => return Err(cannot_write(dest, &e)),
        }
        let _ = std::fs::remove_file(&self.path);
        self.done = true;
        sync_dir(dest);
        Ok(())
    }

    /// Flushes the file and renames it over `dest`. Only for a holder of
    /// [`ExclusiveUse`] on `dest`.
    pub fn persist_over(mut self, dest: &ExclusiveUse) -> StoreResult<()> {
        self.single(dest.path())?;
        sync(&self.path).map_err(|e| cannot_write(dest.path(), &e))?;
        std::fs::rename(&self.path, dest.path()).map_err(|e| cannot_write(dest.path(), &e))?;
        self.done = true;
        sync_dir(dest.path());
        Ok(())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
        }
        if let Err(e) = std::fs::remove_file(&self.path) {
            if e.kind() != io::ErrorKind::NotFound {
                tracing::warn!(path = %self.path.display(), error = %e, "cannot remove a temporary file");
            }
        }
    }
}

fn sync(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

/// Makes a rename durable; not every platform can open a directory, so a
/// failure here is only logged.
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
        tracing::debug!(dir = %dir.display(), error = %e, "cannot sync directory");
    }
}
