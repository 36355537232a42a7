//! The shell's state: the open school database (if any), the signed-in
//! session, and the settings. Commands reach `crates/app` through it; it holds
//! no business rules.

use crate::local::LocalState;
use crate::settings::{Dirs, SavedDatabase, Settings};
use crate::wire::{
    conflict_author, Connection, ConnectionCheck, ImportPreview, ImportSummary, SessionInfo,
    SheetFormat, SheetKind, Startup, UiError,
};
use schooldesk_app::sheet::ImportPlan;
use schooldesk_app::{App, AppError, DatabaseUrl, Session};
use schooldesk_core::{Actor, Role};
use std::path::{Path, PathBuf};
use tokio::sync::{Mutex, RwLock};

pub struct Shell {
    dirs: Dirs,
    app: RwLock<Option<App>>,
    session: Mutex<Option<Session>>,
    settings: Mutex<Settings>,
    /// Why the saved database did not open at start, for the first screen.
    open_error: Mutex<Option<UiError>>,
    /// Drafts, recent items and preferences (see `local.rs`).
    pub(crate) local: LocalState,
    /// The import last previewed, until it is written or dropped.
    pending_import: Mutex<Option<PendingImport>>,
    /// The rows the import last previewed leaves out, kept after it is
    /// written so they can be saved for fixing.
    rejected_import: Mutex<Option<RejectedImport>>,
    /// Print jobs and the files they wrote (see `printing.rs`).
    pub(crate) printing: crate::printing::Printing,
}

/// A preview's rejected rows and their problems, under its token.
struct RejectedImport {
    token: String,
    session_token: String,
    rows: schooldesk_app::sheet::RejectedRows,
    problems: Vec<schooldesk_app::RowProblem>,
}

/// A previewed import, kept so that writing it does not send or read the
/// file again: the plan, the token the preview answered, and the session
/// that previewed it.
struct PendingImport {
    token: String,
    session_token: String,
    plan: ImportPlan,
}

/// The largest file an import or a logo may send (bytes). The app checks
/// each kind's own limits (a logo's 2 MB, a sheet's rows and cells).
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

pub type UiResult<T> = Result<T, UiError>;

impl Shell {
    /// Reads the settings and opens the saved database, if there is one. A
    /// failure to open is kept for the first screen to show, not fatal.
    /// With `default_database` and nothing saved yet, the default SQLite file
    /// is chosen without asking (what `scripts/run.sh` does).
    pub async fn start(dirs: Dirs, default_database: bool) -> Shell {
        let (mut settings, mut open_error) = match Settings::load(&dirs.settings_file()) {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e)),
        };
        let mut app = None;
        if default_database && settings.database.is_none() && open_error.is_none() {
            let connection = Connection::ThisComputer { path: None };
            match open_new(&connection, &dirs).await {
                Ok(opened) => {
                    settings.database = Some(SavedDatabase::from_connection(&connection, &dirs));
                    if let Err(e) = settings.save(&dirs.settings_file()) {
                        open_error = Some(e);
                    }
                    app = Some(opened);
                }
                Err(e) => open_error = Some(e),
            }
        }
        if let (None, Some(saved)) = (&app, &settings.database) {
            match open_saved(saved).await {
                Ok(opened) => app = Some(opened),
                Err(e) => open_error = Some(e),
            }
        }
        Shell {
            local: LocalState::new(dirs.ui_state_file()),
            dirs,
            app: RwLock::new(app),
            session: Mutex::new(None),
            settings: Mutex::new(settings),
            open_error: Mutex::new(open_error),
            pending_import: Mutex::new(None),
            rejected_import: Mutex::new(None),
            printing: Default::default(),
        }
    }

    pub async fn startup(&self) -> UiResult<Startup> {
        let settings = self.settings.lock().await.clone();
        let app = self.app.read().await.clone();
        let needs_setup = match &app {
            Some(app) => app.needs_setup().await.map_err(ui)?,
            None => false,
        };
        Ok(Startup {
            configured: settings.database.is_some(),
            database: app.as_ref().map(|a| a.url().to_string()),
            needs_setup,
            error: self.open_error.lock().await.clone(),
            default_sqlite_path: self.dirs.default_database().display().to_string(),
            language: settings.language,
        })
    }

    /// Which database this computer uses may be chosen by the first-run
    /// wizard while no database is open (none chosen yet, or the saved one
    /// did not open, so nobody can sign in to it), and otherwise only by a
    /// signed-in administrator: not by a student, a parent or script in the
    /// page while nobody is signed in (issue 10, items 11 and 12).
    pub async fn may_choose_database(&self) -> UiResult<()> {
        if self.app.read().await.is_none() {
            return Ok(());
        }
        match self.actor().await {
            Ok((_, actor)) if actor.has(Role::Admin) => Ok(()),
            _ => {
                tracing::info!("refused: changing the database without an administrator");
                Err(ui_plain(&AppError::NotAllowed(schooldesk_core::Msg::new(
                    "database_needs_admin",
                    "you are not allowed to change which database this computer uses; an administrator must sign in first",
                ))))
            }
        }
    }

    /// Looks at the database the wizard describes without saving, creating
    /// or migrating anything, to tell the user whether it works.
    pub async fn test_connection(&self, connection: &Connection) -> UiResult<ConnectionCheck> {
        self.may_choose_database().await?;
        let saved = SavedDatabase::from_connection(connection, &self.dirs);
        let url = saved.url(password_of(connection))?;
        schooldesk_app::probe(&url)
            .await
            .map(ConnectionCheck::from)
            .map_err(ui)
    }

    /// Opens (creating an SQLite file if needed) and remembers the database.
    pub async fn connect(&self, connection: &Connection) -> UiResult<Startup> {
        self.may_choose_database().await?;
        let saved = SavedDatabase::from_connection(connection, &self.dirs);
        let app = open_new(connection, &self.dirs).await?;
        saved.save_password(password_of(connection).unwrap_or(""))?;
        {
            let mut settings = self.settings.lock().await;
            settings.database = Some(saved);
            settings.save(&self.dirs.settings_file())?;
        }
        self.replace_app(Some(app)).await;
        *self.open_error.lock().await = None;
        self.startup().await
    }

    /// Forgets the database (the wizard runs again on the next start).
    pub async fn disconnect(&self) -> UiResult<Startup> {
        self.may_choose_database().await?;
        {
            let mut settings = self.settings.lock().await;
            settings.database = None;
            settings.save(&self.dirs.settings_file())?;
        }
        self.replace_app(None).await;
        self.startup().await
    }

    /// Closes the database when the app ends: the SQLite store folds its
    /// write-ahead log into the file, so the file alone is the school.
    pub async fn close(&self) {
        self.replace_app(None).await;
    }

    async fn replace_app(&self, app: Option<App>) {
        *self.session.lock().await = None;
        *self.pending_import.lock().await = None;
        *self.rejected_import.lock().await = None;
        let old = std::mem::replace(&mut *self.app.write().await, app);
        if let Some(old) = old {
            old.close().await;
        }
    }

    pub async fn set_language(&self, language: &str) -> UiResult<()> {
        if !matches!(language, "en" | "id") {
            return Err(UiError::new(
                "invalid",
                format!("unknown language {language:?}"),
            ));
        }
        let mut settings = self.settings.lock().await;
        settings.language = language.to_string();
        settings.save(&self.dirs.settings_file())
    }

    /// The open database.
    pub async fn app(&self) -> UiResult<App> {
        self.app.read().await.clone().ok_or_else(|| {
            UiError::new(
                "not_connected",
                "no school database is open; choose one first",
            )
        })
    }

    /// The open database and the signed-in user (the session's idle timer
    /// restarts with each call).
    pub async fn actor(&self) -> UiResult<(App, Actor)> {
        let app = self.app().await?;
        let token = self
            .session
            .lock()
            .await
            .as_ref()
            .map(|s| s.token.clone())
            .ok_or_else(|| ui_plain(&AppError::SessionExpired))?;
        match app.session_actor(&token).await {
            // Nothing but the password change (which asks for the token
            // itself) until a password someone else chose is replaced.
            Ok(actor) if actor.must_change_password => {
                Err(self.explain(&app, AppError::PasswordChangeRequired).await)
            }
            Ok(actor) => Ok((app, actor)),
            Err(e) => {
                if matches!(e, AppError::SessionExpired) {
                    *self.session.lock().await = None;
                }
                Err(self.explain(&app, e).await)
            }
        }
    }

    pub async fn begin_session(&self, session: Session) -> SessionInfo {
        let info = session_info(&session);
        *self.pending_import.lock().await = None;
        *self.rejected_import.lock().await = None;
        *self.session.lock().await = Some(session);
        info
    }

    pub async fn session_info(&self) -> Option<SessionInfo> {
        self.session.lock().await.as_ref().map(session_info)
    }

    /// Reads the signed-in user again (after their password change, what
    /// they may do has changed) and answers what the UI shows of them.
    pub async fn refresh_session(&self) -> UiResult<SessionInfo> {
        let app = self.app().await?;
        let token = self.token().await?;
        let actor = match app.session_actor(&token).await {
            Ok(actor) => actor,
            Err(e) => return Err(self.explain(&app, e).await),
        };
        let mut session = self.session.lock().await;
        let session = session
            .as_mut()
            .ok_or_else(|| ui_plain(&AppError::SessionExpired))?;
        session.actor = actor;
        Ok(session_info(session))
    }

    pub async fn end_session(&self) -> UiResult<()> {
        *self.pending_import.lock().await = None;
        *self.rejected_import.lock().await = None;
        let session = self.session.lock().await.take();
        if let (Some(session), Ok(app)) = (session, self.app().await) {
            app.logout(&session.token).await.map_err(ui)?;
        }
        Ok(())
    }

    pub async fn token(&self) -> UiResult<String> {
        self.session
            .lock()
            .await
            .as_ref()
            .map(|s| s.token.clone())
            .ok_or_else(|| ui_plain(&AppError::SessionExpired))
    }

    /// Turns an app error into the UI's, naming who saved a record that
    /// changed under the user.
    pub async fn explain(&self, app: &App, error: AppError) -> UiError {
        let who = match conflict_author(&error) {
            Some(id) => self.author_name(app, id).await,
            None => None,
        };
        UiError::from_app(&error, who)
    }
}

impl Shell {
    /// Reads and checks a file the page sent (its bytes as the raw IPC
    /// body) and keeps the plan, replacing any earlier one: writing it
    /// takes the answered token, not the file again.
    pub async fn preview_import(
        &self,
        kind: SheetKind,
        format: SheetFormat,
        create_classes: bool,
        bytes: &[u8],
    ) -> UiResult<ImportPreview> {
        let (app, actor) = self.actor().await?;
        let session_token = self.token().await?;
        *self.pending_import.lock().await = None;
        *self.rejected_import.lock().await = None;
        let options = schooldesk_app::sheet::ImportOptions {
            create_missing_classes: create_classes,
        };
        let plan = match app
            .plan_import_with(&actor, kind.into(), format.into(), bytes, options)
            .await
        {
            Ok(plan) => plan,
            Err(e) => return Err(self.explain(&app, e).await),
        };
        let summary = ImportSummary::from(plan.report().clone());
        let token = uuid::Uuid::now_v7().simple().to_string();
        if !plan.report().rejected.is_empty() {
            *self.rejected_import.lock().await = Some(RejectedImport {
                token: token.clone(),
                session_token: session_token.clone(),
                rows: plan.rejected_rows().clone(),
                problems: plan.report().rejected.clone(),
            });
        }
        *self.pending_import.lock().await = Some(PendingImport {
            token: token.clone(),
            session_token,
            plan,
        });
        Ok(ImportPreview { token, summary })
    }

    /// Writes the plan the last preview answered `token` for, as it was
    /// previewed. Refused for any other token (an older preview's, one made
    /// before signing out or switching databases) and for a plan another
    /// session previewed. A refused write keeps the plan only when the
    /// token was not its own.
    pub async fn write_import(&self, token: &str, skip_invalid: bool) -> UiResult<ImportSummary> {
        let (app, actor) = self.actor().await?;
        let session_token = self.token().await?;
        let pending = {
            let mut slot = self.pending_import.lock().await;
            match slot.as_ref() {
                Some(p) if p.token == token && p.session_token == session_token => slot.take(),
                Some(p) if p.token == token => {
                    slot.take();
                    None
                }
                _ => None,
            }
        };
        let Some(pending) = pending else {
            tracing::info!("import write refused: no such preview in this session");
            return Err(UiError::coded(
                "invalid",
                "import_preview_gone",
                &[],
                "this import's preview is no longer open (another file was previewed, \
                 or the user signed out); choose the file again",
            ));
        };
        match app.write_import(&actor, pending.plan, skip_invalid).await {
            Ok(report) => Ok(report.into()),
            Err(e) => Err(self.explain(&app, e).await),
        }
    }

    /// Saves the rows the preview answered `token` for left out (before or
    /// after they were written) to `path`, chosen in a save dialog (the same
    /// checks as an export's): the file's header and cells, and a column
    /// `problem_header` naming per row what is wrong (`texts`, the UI's
    /// words for each problem in the preview's order, else English).
    pub async fn save_rejected_rows(
        &self,
        token: &str,
        format: SheetFormat,
        path: &str,
        words: (&str, &str),
        texts: &[String],
    ) -> UiResult<()> {
        let (app, _actor) = self.actor().await?;
        let session_token = self.token().await?;
        let path = self.export_target(&app, format, Path::new(path))?;
        let slot = self.rejected_import.lock().await;
        let Some(rejected) = slot
            .as_ref()
            .filter(|r| r.token == token && r.session_token == session_token)
        else {
            return Err(UiError::coded(
                "invalid",
                "import_preview_gone",
                &[],
                "this import's preview is no longer open; choose the file again",
            ));
        };
        let texts = (texts.len() == rejected.problems.len()).then_some(texts);
        let bytes = rejected
            .rows
            .file(format.into(), &rejected.problems, words, texts)
            .map_err(ui)?;
        schooldesk_app::sheet::write_file_whole(&path, &bytes, true).map_err(ui)?;
        tracing::info!(
            rows = rejected.rows.rows.len(),
            "rejected import rows saved"
        );
        Ok(())
    }

    /// Writes an export to `path`, which the user chose in the save dialog
    /// (replacing a file there, as the dialog has asked). Refused unless it
    /// is an absolute path to a new or existing regular file whose extension
    /// is the format's (`.csv`, `.xlsx`), and never one of this computer's
    /// own files (the school database and its -wal/-shm/-journal/.lock
    /// siblings, the UI state, the settings): script in the page must not be
    /// able to write over them.
    pub async fn export_to_file(
        &self,
        kind: SheetKind,
        format: SheetFormat,
        path: &str,
    ) -> UiResult<()> {
        let (app, actor) = self.actor().await?;
        let path = self.export_target(&app, format, Path::new(path))?;
        match app
            .export_to_file(&actor, kind.into(), format.into(), &path, true)
            .await
        {
            Ok(()) => Ok(()),
            Err(e) => Err(self.explain(&app, e).await),
        }
    }

    pub(crate) fn export_target(
        &self,
        app: &App,
        format: SheetFormat,
        path: &Path,
    ) -> UiResult<PathBuf> {
        // Each refusal has its own code, worded by the UI in its language.
        let refuse = |code: &str, why: &str| {
            tracing::info!(path = %path.display(), why, "export refused");
            Err(UiError::coded(
                "invalid",
                code,
                &[("path", path.display().to_string())],
                format!("cannot export to {}: {why}", path.display()),
            ))
        };
        let wanted = match format {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        };
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if extension.as_deref() != Some(wanted) {
            return Err(UiError::coded(
                "invalid",
                "export_extension",
                &[
                    ("path", path.display().to_string()),
                    ("ext", wanted.to_string()),
                ],
                format!(
                    "cannot export to {}: an export in this format needs a .{wanted} file name",
                    path.display()
                ),
            ));
        }
        if !path.is_absolute() {
            return refuse("export_use_dialog", "choose the file in the save dialog");
        }
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return refuse("export_use_dialog", "choose the file in the save dialog");
        };
        let Ok(dir) = dir.canonicalize() else {
            return refuse("export_no_folder", "its folder does not exist");
        };
        let target = dir.join(name);
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if !meta.file_type().is_file() => {
                return refuse("export_not_a_file", "it is not a plain file");
            }
            _ => {}
        }
        let mut own = vec![self.dirs.settings_file()];
        let mut databases = vec![self.dirs.ui_state_file(), self.dirs.default_database()];
        if let DatabaseUrl::Sqlite(db) = app.url() {
            databases.push(db.clone());
        }
        for db in databases {
            own.push(db.clone());
            for suffix in ["-wal", "-shm", "-journal", ".lock"] {
                let mut sibling = db.clone().into_os_string();
                sibling.push(suffix);
                own.push(sibling.into());
            }
        }
        if own.iter().any(|p| same_place(p) == target) {
            return refuse("export_own_file", "that is one of Schooldesk's own files");
        }
        Ok(target)
    }

    /// Who saved a record, as the signed-in user may see it (staff only).
    async fn author_name(&self, app: &App, user_id: schooldesk_core::Id) -> Option<String> {
        let token = self.token().await.ok()?;
        let actor = app.session_actor(&token).await.ok()?;
        app.user_display_name(&actor, user_id).await.ok().flatten()
    }
}

/// Where a path is once its folder's links are resolved (the path itself
/// when its folder does not exist).
fn same_place(path: &Path) -> PathBuf {
    match (path.parent().map(Path::canonicalize), path.file_name()) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

fn session_info(session: &Session) -> SessionInfo {
    SessionInfo {
        user_id: session.actor.user_id,
        login: session.actor.login.clone(),
        display_name: session.display_name.clone(),
        roles: session.actor.roles.clone(),
        abilities: session.actor.abilities(),
    }
}

fn password_of(connection: &Connection) -> Option<&str> {
    match connection {
        Connection::ThisComputer { .. } => None,
        Connection::SchoolServer { password, .. } => Some(password),
    }
}

/// Opens the database a wizard answer describes, creating an SQLite file
/// (and its folder) when there is none yet.
async fn open_new(connection: &Connection, dirs: &Dirs) -> UiResult<App> {
    let saved = SavedDatabase::from_connection(connection, dirs);
    let url = saved.url(password_of(connection))?;
    if let schooldesk_app::DatabaseUrl::Sqlite(path) = &url {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                UiError::new("setup", format!("cannot create {}: {e}", dir.display()))
            })?;
        }
    }
    App::open(&url, true).await.map_err(ui)
}

async fn open_saved(saved: &SavedDatabase) -> UiResult<App> {
    let password = saved.load_password()?;
    let url = saved.url(password.as_deref())?;
    App::open(&url, false).await.map_err(ui)
}

pub fn ui(error: AppError) -> UiError {
    ui_plain(&error)
}

fn ui_plain(error: &AppError) -> UiError {
    UiError::from_app(error, None)
}
