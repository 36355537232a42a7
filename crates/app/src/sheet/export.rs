//! Exports: each kind's rows in the columns the import reads (so an export
//! imports back as the same records), the record's own cells from its
//! declaration, and a file written whole or not at all.

use super::formats::write_sheet;
use super::{Format, Kind};
use crate::auth::require;
use crate::{App, AppError, AppResult};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::{Filter, Query};
use std::collections::HashMap;
use std::path::Path;

/// Every `R` in the store by id, each kept as `keep` makes it.
async fn by_id<R: schooldesk_store::tables::Record, T>(
    store: &schooldesk_store::Store,
    keep: impl Fn(Stored<R>) -> T,
) -> AppResult<HashMap<Id, T>> {
    Ok(store
        .list::<R>(&Query::all())
        .await?
        .into_iter()
        .map(|r| (r.id(), keep(r)))
        .collect())
}

/// Writes `bytes` to `path` whole or not at all (see [`WholeFile`]).
pub fn write_file_whole(path: &Path, bytes: &[u8], replace: bool) -> AppResult<()> {
    use std::io::Write as _;
    let mut whole = WholeFile::create(path, replace)?;
    if let Err(e) = whole.file().write_all(bytes) {
        return Err(whole.failed(e));
    }
    whole.commit()
}

/// A file written whole or not at all: written into a temporary file in the
/// same directory (readable by its owner only: exports and printed cards
/// hold pupils' data), synced to disk, then given its name by
/// [`WholeFile::commit`]. On any failure (a full disk, a pulled USB stick),
/// or when dropped without a commit, the temporary file is removed, so no
/// cut-short file is left to be imported or printed later as if complete.
/// Without `replace` an existing file is never overwritten.
pub struct WholeFile {
    path: std::path::PathBuf,
    temporary: std::path::PathBuf,
    file: Option<std::fs::File>,
    replace: bool,
}

impl WholeFile {
    /// Opens the temporary file next to `path`.
    pub fn create(path: &Path, replace: bool) -> AppResult<WholeFile> {
        let dir = parent_dir(path);
        let name = path.file_name().ok_or_else(|| {
            let shown = path.display();
            AppError::Setup(
                Msg::new("not_file_name", format!("{shown} is not a file name"))
                    .with("path", &shown),
            )
        })?;
        if !replace && path.exists() {
            return Err(write_error(path, std::io::ErrorKind::AlreadyExists.into()));
        }
        let temporary = dir.join(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            uuid::Uuid::now_v7().simple()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&temporary).map_err(|e| write_error(path, e))?;
        Ok(WholeFile {
            path: path.to_owned(),
            temporary,
            file: Some(file),
            replace,
        })
    }

    /// The temporary file, to write into.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.file.as_mut().expect("open until committed or dropped")
    }

    /// The error a failed write into [`WholeFile::file`] is for the user
    /// (a full disk, no permission, …); the temporary file is removed.
    pub fn failed(self, e: std::io::Error) -> AppError {
        write_error(&self.path, e)
    }

    /// Syncs the file and gives it its name.
    pub fn commit(mut self) -> AppResult<()> {
        let file = self.file.take().expect("open until committed or dropped");
        let (path, temporary, replace) = (&self.path, &self.temporary, self.replace);
        let result = file.sync_all().and_then(|()| {
            drop(file);
            if replace {
                return std::fs::rename(temporary, path);
            }
            // A hard link never replaces a file that appeared meanwhile; file
            // systems without links (FAT on USB sticks) get a checked rename.
            match std::fs::hard_link(temporary, path) {
                Ok(()) => std::fs::remove_file(temporary),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
                Err(_) if path.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
                Err(_) => std::fs::rename(temporary, path),
            }
        });
        match result {
            Ok(()) => {
                // The new name is on disk only once the directory is.
                if let Ok(d) = std::fs::File::open(parent_dir(path)) {
                    let _ = d.sync_all();
                }
                Ok(())
            }
            Err(e) => Err(write_error(path, e)),
        }
    }
}

impl Drop for WholeFile {
    fn drop(&mut self) {
        // Committed or not, no temporary file stays behind (after a
        // commit's rename there is none to remove).
        self.file.take();
        let _ = std::fs::remove_file(&self.temporary);
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// What a failed write of `path` means for the user.
fn write_error(path: &Path, e: std::io::Error) -> AppError {
    let shown = path.display();
    let dir = parent_dir(path);
    tracing::debug!(path = %shown, error = %e, "writing a file failed");
    match e.kind() {
        std::io::ErrorKind::AlreadyExists => AppError::Setup(
            Msg::new(
                "file_exists",
                format!("{shown} exists already; choose another name"),
            )
            .with("path", &shown),
        ),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            AppError::Setup(Msg::new("disk_full", format!(
                "the disk is full: {shown} was not written (nothing was left behind); free some space or choose another disk"
            )).with("path", &shown))
        }
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            AppError::Setup(
                Msg::new(
                    "no_permission",
                    format!("{shown} cannot be written here: no permission, or the disk is read-only"),
                )
                .with("path", &shown),
            )
        }
        std::io::ErrorKind::NotFound => AppError::Setup(
            Msg::new(
                "no_folder",
                format!("{shown} cannot be written: the folder {} does not exist", dir.display()),
            )
            .with("path", &shown)
            .with("folder", dir.display()),
        ),
        _ => AppError::Setup(
            Msg::new(
                "not_written",
                format!("{shown} could not be written ({e}); nothing was left behind"),
            )
            .with("path", &shown)
            .with("error", &e),
        ),
    }
}

impl App {
    /// Exports to a file, whole or not at all (see [`write_file_whole`]).
    pub async fn export_to_file(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        path: &Path,
        replace: bool,
    ) -> AppResult<()> {
        let bytes = self.export(actor, kind, format).await?;
        write_file_whole(path, &bytes, replace)
    }

    /// Writes records in the columns the import reads.
    pub async fn export(&self, actor: &Actor, kind: Kind, format: Format) -> AppResult<Vec<u8>> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "export records",
        )?;
        let headers = kind.headers();
        let store = self.store();
        let years: HashMap<Id, String> =
            by_id(store, |y: Stored<AcademicYear>| y.data.name).await?;
        let classes: HashMap<Id, Stored<Class>> = by_id(store, |c: Stored<Class>| c).await?;
        let class_name = |id: &Id| {
            classes
                .get(id)
                .map(|c| c.data.name.clone())
                .unwrap_or_default()
        };
        let rows: Vec<Vec<String>> = match kind {
            Kind::Years => {
                let terms = store.list::<Term>(&Query::all()).await?;
                let mut list = store.list::<AcademicYear>(&Query::all()).await?;
                list.sort_by(|a, b| {
                    (a.data.start_date, &a.data.name).cmp(&(b.data.start_date, &b.data.name))
                });
                list.into_iter()
                    .map(|y| {
                        let mut semesters = Vec::new();
                        for number in 1..=2 {
                            match terms.iter().find(|t| {
                                t.data.academic_year_id == y.id() && t.data.number == number
                            }) {
                                Some(t) => semesters.extend([
                                    t.data.name.clone(),
                                    t.data.start_date.to_string(),
                                    t.data.end_date.to_string(),
                                ]),
                                None => {
                                    semesters.extend([String::new(), String::new(), String::new()])
                                }
                            }
                        }
                        kind.row(vec![], &y.data, semesters)
                    })
                    .collect()
            }
            Kind::Rooms => store
                .list::<Room>(&Query::all().order("name"))
                .await?
                .into_iter()
                .map(|r| kind.row(vec![], &r.data, vec![]))
                .collect(),
            Kind::Assignments => {
                let teachers: HashMap<Id, Teacher> =
                    by_id(store, |t: Stored<Teacher>| t.data).await?;
                let subjects: HashMap<Id, String> =
                    by_id(store, |s: Stored<Subject>| s.data.code).await?;
                let mut rows: Vec<Vec<String>> = store
                    .list::<TeachingAssignment>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|a| {
                        let d = a.data;
                        let year = classes
                            .get(&d.class_id)
                            .and_then(|c| years.get(&c.data.academic_year_id))
                            .cloned()
                            .unwrap_or_default();
                        let refs = vec![
                            teachers
                                .get(&d.teacher_id)
                                .map(teacher_ref)
                                .unwrap_or_default(),
                            subjects.get(&d.subject_id).cloned().unwrap_or_default(),
                            class_name(&d.class_id),
                            year,
                        ];
                        kind.row(refs, &d, vec![])
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    (&a[3], &a[2], &a[1], &a[0]).cmp(&(&b[3], &b[2], &b[1], &b[0]))
                });
                rows
            }
            Kind::Students => {
                let current = self.find_current_year().await?.map(|y| y.id());
                let open = store
                    .list::<Enrollment>(&Query::all().filter(Filter::IsNull("end_date")))
                    .await?;
                let class_of: HashMap<Id, Id> = open
                    .into_iter()
                    .filter(|e| Some(e.data.academic_year_id) == current)
                    .map(|e| (e.data.student_id, e.data.class_id))
                    .collect();
                store
                    .list::<Student>(&Query::all().order("full_name"))
                    .await?
                    .into_iter()
                    .map(|s| {
                        let class = class_of.get(&s.id()).map(&class_name).unwrap_or_default();
                        kind.row(vec![], &s.data, vec![class])
                    })
                    .collect()
            }
            Kind::Teachers => store
                .list::<Teacher>(&Query::all().order("full_name"))
                .await?
                .into_iter()
                .map(|t| kind.row(vec![], &t.data, vec![]))
                .collect(),
            Kind::Classes => {
                let teachers: HashMap<Id, Teacher> =
                    by_id(store, |t: Stored<Teacher>| t.data).await?;
                let mut list: Vec<&Stored<Class>> = classes.values().collect();
                list.sort_by(|a, b| {
                    (a.data.grade_level, &a.data.name).cmp(&(b.data.grade_level, &b.data.name))
                });
                list.into_iter()
                    .map(|c| {
                        let homeroom = c
                            .data
                            .homeroom_teacher_id
                            .and_then(|id| teachers.get(&id))
                            .map(teacher_ref)
                            .unwrap_or_default();
                        let year = years
                            .get(&c.data.academic_year_id)
                            .cloned()
                            .unwrap_or_default();
                        kind.row(vec![], &c.data, vec![year, homeroom])
                    })
                    .collect()
            }
            Kind::Subjects => store
                .list::<Subject>(&Query::all().order("code"))
                .await?
                .into_iter()
                .map(|s| kind.row(vec![], &s.data, vec![]))
                .collect(),
            Kind::Enrollments => {
                let nisn: HashMap<Id, String> =
                    by_id(store, |s: Stored<Student>| s.data.nisn).await?;
                // The whole history, ended enrollments too, each with its
                // own dates: it imports back to the same records.
                let mut list = store.list::<Enrollment>(&Query::all()).await?;
                list.sort_by(|a, b| {
                    let key = |e: &Stored<Enrollment>| {
                        (
                            e.data.start_date,
                            e.data.end_date.is_none(),
                            nisn.get(&e.data.student_id).cloned(),
                        )
                    };
                    key(a).cmp(&key(b))
                });
                list.into_iter()
                    .map(|e| {
                        let d = &e.data;
                        let refs = vec![
                            nisn.get(&d.student_id).cloned().unwrap_or_default(),
                            class_name(&d.class_id),
                            years.get(&d.academic_year_id).cloned().unwrap_or_default(),
                        ];
                        kind.row(refs, d, vec![])
                    })
                    .collect()
            }
            Kind::Guardians => {
                let students: HashMap<Id, Student> =
                    by_id(store, |s: Stored<Student>| s.data).await?;
                let guardians: HashMap<Id, Guardian> =
                    by_id(store, |g: Stored<Guardian>| g.data).await?;
                let mut rows: Vec<Vec<String>> = store
                    .list::<StudentGuardian>(&Query::all())
                    .await?
                    .into_iter()
                    .filter_map(|link| {
                        let s = students.get(&link.data.student_id)?;
                        let g = guardians.get(&link.data.guardian_id)?;
                        Some(kind.row(vec![s.nisn.clone()], g, vec![]))
                    })
                    .collect();
                rows.sort();
                rows
            }
        };
        write_sheet(format, &headers, &rows)
    }
}

/// How an export names a teacher: NIP, else NUPTK, else the name (what
/// [`find_teacher`] reads back).
fn teacher_ref(t: &Teacher) -> String {
    t.nip
        .clone()
        .or_else(|| t.nuptk.clone())
        .unwrap_or_else(|| t.full_name.clone())
}
