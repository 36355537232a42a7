//! Every command the UI can call. Each is an adapter: unpack, call
//! `crates/app`, convert. The `commands!` macro writes the Tauri handler and
//! the TypeScript signature of each from the one definition, so the UI's
//! bindings cannot drift from what the shell accepts.

use crate::fees::*;
use crate::local::{LocalDraft, LocalRecent};
use crate::printing::{PrintJob, PrintScope, PrintSettings, PrintTarget};
use crate::qbank::*;
use crate::shell::{Shell, UiResult, MAX_UPLOAD_BYTES};
use crate::timetable_import::*;
use crate::timetabling::*;
use crate::wire::*;
use chrono::NaiveDate;
use schooldesk_app::sample::SampleSize;
use schooldesk_app::App;
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};

/// One command as TypeScript sees it.
pub struct Signature {
    pub name: &'static str,
    pub doc: &'static str,
    /// The parameter that is the call's raw IPC body (bytes), if any.
    pub body: Option<&'static str>,
    pub args: Vec<(&'static str, String)>,
    pub ret: String,
}

/// A command takes JSON arguments, or (marked `#[body(bytes)]`) bytes as
/// the raw IPC body with its other arguments as JSON in the
/// `schooldesk-args` header: files and logos never travel as JSON arrays
/// of numbers.
macro_rules! commands {
    ($( $(#[doc = $doc:literal])* $(#[body($body_arg:ident)])? fn $name:ident($shell:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block )*) => {
        $(
            command_fn! { [$($body_arg)?] $(#[doc = $doc])* fn $name($shell $(, $arg: $ty)*) -> $ret $body }
        )*

        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        pub fn signatures(cfg: &ts_rs::Config) -> Vec<Signature> {
            vec![$(Signature {
                name: stringify!($name),
                doc: concat!($($doc, "\n",)* ""),
                body: None $(.or(Some(stringify!($body_arg))))?,
                args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(cfg))),*],
                ret: <$ret as ts_rs::TS>::name(cfg),
            }),*]
        }
    };
}

macro_rules! command_fn {
    ([] $(#[doc = $doc:literal])* fn $name:ident($shell:ident $(, $arg:ident: $ty:ty)*) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[allow(unused_braces)]
        #[tauri::command(rename_all = "snake_case")]
        pub async fn $name(state: tauri::State<'_, Shell> $(, $arg: $ty)*) -> Result<$ret, UiError> {
            let $shell: &Shell = state.inner();
            $body
        }
    };
    ([$body_arg:ident] $(#[doc = $doc:literal])* fn $name:ident($shell:ident $(, $arg:ident: $ty:ty)*) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[allow(unused_braces)]
        #[tauri::command(rename_all = "snake_case")]
        pub async fn $name(state: tauri::State<'_, Shell>, request: tauri::ipc::Request<'_>) -> Result<$ret, UiError> {
            #[derive(serde::Deserialize)]
            struct Args { $($arg: $ty,)* }
            let Args { $($arg,)* } = raw_args(&request)?;
            let $body_arg: &[u8] = &raw_body(&request)?;
            let $shell: &Shell = state.inner();
            $body
        }
    };
}

/// The JSON arguments beside a raw body, from the `schooldesk-args` header.
fn raw_args<T: serde::de::DeserializeOwned>(request: &tauri::ipc::Request<'_>) -> UiResult<T> {
    let header = request
        .headers()
        .get("schooldesk-args")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("{}");
    serde_json::from_str(header).map_err(|e| {
        UiError::new(
            "invalid",
            format!("the command's arguments are not readable: {e}"),
        )
    })
}

/// The call's bytes: the raw IPC body (or, where the webview fell back to
/// the JSON channel, the array Tauri's script made of them), at most
/// [`MAX_UPLOAD_BYTES`].
fn raw_body<'a>(request: &'a tauri::ipc::Request<'_>) -> UiResult<std::borrow::Cow<'a, [u8]>> {
    use tauri::ipc::InvokeBody;
    let too_large = |len: usize| {
        UiError::new(
            "invalid",
            format!(
                "the file is {} MB; at most {} MB can be sent",
                len / (1024 * 1024),
                MAX_UPLOAD_BYTES / (1024 * 1024)
            ),
        )
    };
    let bytes: std::borrow::Cow<'a, [u8]> = match request.body() {
        InvokeBody::Raw(bytes) => bytes.as_slice().into(),
        InvokeBody::Json(value) => {
            // Counted before it is turned into bytes: no copy of an
            // oversized array is made.
            let len = value.as_array().map_or(0, Vec::len);
            if len > MAX_UPLOAD_BYTES {
                return Err(too_large(len));
            }
            <Vec<u8> as serde::Deserialize>::deserialize(value)
                .map_err(|_| UiError::new("invalid", "the command expects the file's bytes"))?
                .into()
        }
    };
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(too_large(bytes.len()));
    }
    Ok(bytes)
}

/// Maps an app error through the shell (which names who caused a conflict).
async fn done<T>(shell: &Shell, app: &App, result: schooldesk_app::AppResult<T>) -> UiResult<T> {
    match result {
        Ok(value) => Ok(value),
        Err(e) => Err(shell.explain(app, e).await),
    }
}

fn by(field: &'static str) -> Query {
    Query::all().order(field)
}

commands! {
    /// What the first screen needs: is a database chosen, is it set up.
    fn startup(shell) -> Startup { shell.startup().await }

    /// Looks at a database without saving, creating or changing anything:
    /// for the wizard's "Test" button. Like the two below, only while no
    /// database is open or for a signed-in administrator.
    fn connection_test(shell, connection: Connection) -> ConnectionCheck { shell.test_connection(&connection).await }

    /// Opens and remembers a database (a server password goes to the keychain).
    fn connection_save(shell, connection: Connection) -> Startup { shell.connect(&connection).await }

    /// Forgets the database; the wizard shows again.
    fn connection_forget(shell) -> Startup { shell.disconnect().await }

    /// The UI calls this when its first interactive screen is up; answers
    /// milliseconds since the process started (the launch-time figure).
    fn ui_ready(shell, screen: String) -> u64 {
        let _ = shell;
        let ms = crate::since_start_ms() as u64;
        tracing::info!(%screen, ms, "interactive");
        Ok(ms)
    }

    /// Remembers the UI language ("en" or "id").
    fn language_set(shell, language: String) -> () { shell.set_language(&language).await }

    /// The rules the UI shows but `crates/app` decides: a new year's dates
    /// and semesters, the gender codes.
    fn domain_rules(shell) -> DomainRules {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, DomainRules::from_app(&app, &actor).await).await
    }

    /// Creates the school, its first administrator and the current academic
    /// year with its two semesters in one transaction (a failure leaves
    /// nothing), and signs the administrator in.
    fn setup_school(shell, school: School, admin: NewUserForm) -> SessionInfo {
        let app = shell.app().await?;
        let session = done(shell, &app, app.setup_school(school, admin.into(), None).await).await?;
        Ok(shell.begin_session(session).await)
    }

    /// Fills the open database, which holds no school yet, with the sample
    /// school (about 900 students; the wizard's "try a sample school", with
    /// the current semester's grades, attendance and notes), and answers its
    /// logins with their passwords, to show once. Signs nobody in.
    fn sample_school_create(shell) -> Vec<SampleLogin> {
        let app = shell.app().await?;
        let created = done(shell, &app, app.create_sample_school(SampleSize::default()).await).await?;
        Ok(created.logins.into_iter().map(SampleLogin::from).collect())
    }

    fn session_login(shell, login: String, password: String) -> SessionInfo {
        let app = shell.app().await?;
        let session = done(shell, &app, app.login(&login, &password).await).await?;
        Ok(shell.begin_session(session).await)
    }

    fn session_current(shell) -> Option<SessionInfo> { Ok(shell.session_info().await) }

    fn session_logout(shell) -> () { shell.end_session().await }

    /// Changes the signed-in user's own password and answers what they may
    /// do now (a password someone else chose held everything back).
    fn password_change(shell, old_password: String, new_password: String) -> SessionInfo {
        let app = shell.app().await?;
        let token = shell.token().await?;
        done(shell, &app, app.change_own_password(&token, &old_password, &new_password).await).await?;
        shell.refresh_session().await
    }

    /// The current year and semester, and how many records each table holds
    /// (what the signed-in user may see of it; nothing for students and parents).
    fn dashboard(shell) -> Dashboard {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.overview(&actor).await).await.map(Dashboard::from)
    }

    fn school_get(shell) -> Option<Rec<School>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.school(&actor).await).await.map(|s| s.map(Rec::from))
    }

    fn school_update(shell, id: Id, version: i64, school: School) -> Rec<School> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update_school_profile(&actor, id, version, &school).await).await.map(Rec::from)
    }

    /// The logo as a data URL, if there is one.
    fn school_logo(shell) -> Option<String> {
        let (app, actor) = shell.actor().await?;
        let school = done(shell, &app, app.school(&actor).await).await?;
        Ok(school.and_then(|s| Some(data_url(s.data.logo_mime.as_deref()?, s.data.logo.as_deref()?))))
    }

    /// Replaces the logo (PNG or JPEG, at most 2 MB; the bytes are the raw
    /// body); empty bytes remove it.
    #[body(bytes)]
    fn school_logo_set(shell, mime: String) -> Rec<School> {
        let (app, actor) = shell.actor().await?;
        let logo = (!bytes.is_empty()).then(|| (bytes.to_vec(), mime));
        done(shell, &app, app.set_school_logo(&actor, logo).await).await.map(Rec::from)
    }

    fn years_list(shell) -> Vec<Rec<AcademicYear>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<AcademicYear>(&actor, &by("start_date")).await).await.map(recs)
    }

    /// Creates a year with its two semesters, split as `domain_rules` says.
    fn year_create(shell, year: AcademicYear) -> Rec<AcademicYear> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create_year_with_semesters(&actor, &year).await).await.map(Rec::from)
    }

    fn year_update(shell, id: Id, version: i64, year: AcademicYear) -> Rec<AcademicYear> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &year).await).await.map(Rec::from)
    }

    fn terms_list(shell) -> Vec<Rec<Term>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<Term>(&actor, &by("start_date")).await).await.map(recs)
    }

    fn term_update(shell, id: Id, version: i64, term: Term) -> Rec<Term> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &term).await).await.map(Rec::from)
    }

    fn teachers_list(shell) -> Vec<Rec<Teacher>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<Teacher>(&actor, &by("full_name")).await).await.map(recs)
    }

    fn teacher_create(shell, teacher: Teacher) -> Rec<Teacher> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create(&actor, &teacher).await).await.map(Rec::from)
    }

    fn teacher_update(shell, id: Id, version: i64, teacher: Teacher) -> Rec<Teacher> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &teacher).await).await.map(Rec::from)
    }

    fn teacher_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete::<Teacher>(&actor, id, version).await).await
    }

    fn subjects_list(shell) -> Vec<Rec<Subject>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<Subject>(&actor, &by("code")).await).await.map(recs)
    }

    fn subject_create(shell, subject: Subject) -> Rec<Subject> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create(&actor, &subject).await).await.map(Rec::from)
    }

    fn subject_update(shell, id: Id, version: i64, subject: Subject) -> Rec<Subject> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &subject).await).await.map(Rec::from)
    }

    fn subject_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete::<Subject>(&actor, id, version).await).await
    }

    fn rooms_list(shell) -> Vec<Rec<Room>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<Room>(&actor, &by("name")).await).await.map(recs)
    }

    fn room_create(shell, room: Room) -> Rec<Room> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create(&actor, &room).await).await.map(Rec::from)
    }

    fn room_update(shell, id: Id, version: i64, room: Room) -> Rec<Room> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &room).await).await.map(Rec::from)
    }

    fn room_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete::<Room>(&actor, id, version).await).await
    }

    fn classes_list(shell) -> Vec<Rec<Class>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<Class>(&actor, &by("name")).await).await.map(recs)
    }

    fn class_create(shell, class_record: Class) -> Rec<Class> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create(&actor, &class_record).await).await.map(Rec::from)
    }

    fn class_update(shell, id: Id, version: i64, class_record: Class) -> Rec<Class> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &class_record).await).await.map(Rec::from)
    }

    fn class_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete::<Class>(&actor, id, version).await).await
    }

    /// The students in a class now, by name.
    fn class_roster(shell, class_id: Id) -> Vec<Rec<Student>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.roster(&actor, class_id).await).await.map(recs)
    }

    fn assignments_list(shell) -> Vec<Rec<TeachingAssignment>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list::<TeachingAssignment>(&actor, &Query::all()).await).await.map(recs)
    }

    fn assignment_create(shell, assignment: TeachingAssignment) -> Rec<TeachingAssignment> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create(&actor, &assignment).await).await.map(Rec::from)
    }

    fn assignment_update(shell, id: Id, version: i64, assignment: TeachingAssignment) -> Rec<TeachingAssignment> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update(&actor, id, version, &assignment).await).await.map(Rec::from)
    }

    fn assignment_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete::<TeachingAssignment>(&actor, id, version).await).await
    }

    /// Students whose name, NIS or NISN contains `text` (all when empty),
    /// with the class each is in now.
    fn students_list(shell, text: String, limit: i64) -> Vec<StudentRow> {
        let (app, actor) = shell.actor().await?;
        let rows = done(shell, &app, app.student_list(&actor, &text, limit).await).await?;
        Ok(rows.into_iter().map(|(s, class_id)| StudentRow { student: s.into(), class_id }).collect())
    }

    fn student_get(shell, id: Id) -> StudentDetail {
        let (app, actor) = shell.actor().await?;
        let r = done(shell, &app, app.student(&actor, id).await).await?;
        Ok(StudentDetail { student: r.student.into(), guardians: recs(r.guardians), enrollments: recs(r.enrollments) })
    }

    /// Creates a student, and puts them in `class_id` from today if given.
    fn student_create(shell, student: Student, class_id: Option<Id>) -> Rec<Student> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create_student(&actor, &student, class_id).await).await.map(Rec::from)
    }

    fn student_update(shell, id: Id, version: i64, student: Student) -> Rec<Student> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update_student(&actor, id, version, &student).await).await.map(Rec::from)
    }

    fn student_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete_student(&actor, id, version).await).await
    }

    fn guardian_add(shell, student_id: Id, guardian: Guardian) -> Rec<Guardian> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.add_guardian(&actor, student_id, &guardian).await).await.map(Rec::from)
    }

    fn guardian_update(shell, student_id: Id, id: Id, version: i64, guardian: Guardian) -> Rec<Guardian> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update_guardian(&actor, student_id, id, version, &guardian).await).await.map(Rec::from)
    }

    /// Puts a student in a class from `on` (today when not given).
    fn enroll(shell, student_id: Id, class_id: Id, on: Option<NaiveDate>) -> Rec<Enrollment> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.enroll(&actor, student_id, class_id, on).await).await.map(Rec::from)
    }

    /// Moves a student to another class; the old enrollment ends as history.
    fn enrollment_move(shell, student_id: Id, to_class_id: Id, on: Option<NaiveDate>) -> Rec<Enrollment> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.move_student(&actor, student_id, to_class_id, on).await).await.map(Rec::from)
    }

    /// Ends a student's enrollment in a class (kept as history).
    fn enrollment_end(shell, student_id: Id, class_id: Id, on: Option<NaiveDate>, reason: String) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.remove_from_class(&actor, student_id, class_id, on, &reason).await).await
    }

    fn users_list(shell) -> Vec<Rec<User>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.list_users(&actor).await).await.map(recs)
    }

    fn user_create(shell, user: NewUserForm) -> Rec<User> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create_user(&actor, user.into()).await).await.map(Rec::from)
    }

    fn user_update(shell, id: Id, version: i64, display_name: String, roles: Vec<Role>, active: bool) -> Rec<User> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.update_user(&actor, id, version, &display_name, roles, active).await).await.map(Rec::from)
    }

    fn user_reset_password(shell, id: Id, new_password: String) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.reset_password(&actor, id, &new_password).await).await
    }

    /// Who each login belongs to (a teacher, a student, a guardian).
    fn login_links(shell) -> Vec<LoginLink> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.login_links(&actor).await).await.map(|l| l.into_iter().map(LoginLink::from).collect())
    }

    /// Links a login to a person, or unlinks the person's login (`user_id` null).
    fn login_link(shell, person: Person, user_id: Option<Id>) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.link_login(&actor, person, user_id).await).await
    }

    /// Creates a login for a person with an initial password to print
    /// (changed at first sign-in); the login is proposed when not given.
    fn login_create_for(shell, person: Person, login: Option<String>) -> InitialLogin {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create_login_for(&actor, person, login.as_deref()).await).await.map(InitialLogin::from)
    }

    /// Creates logins for a class's students and/or their guardians who
    /// have none, in one go, with initial passwords to print.
    fn logins_create_for_class(shell, class_id: Id, students: bool, guardians: bool) -> ClassLogins {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.create_class_logins(&actor, class_id, students, guardians).await).await.map(ClassLogins::from)
    }

    /// The audit trail, newest first (administrators only); `text` finds a
    /// record's changes by its name (see `AuditQuery::text`).
    fn audit_list(shell, table_name: Option<String>, record_id: Option<Id>, text: Option<String>, limit: i64) -> Vec<AuditEvent> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.audit_trail(&actor, &AuditQuery { table_name, record_id, text, limit }).await).await
    }

    /// Checks a file (its bytes are the raw body) and tells what importing
    /// it would do; writes nothing. The answer's token writes this plan.
    /// With `create_classes`, a students file's classes that the current
    /// year lacks are created in the same import (those whose name shows
    /// the grade level).
    #[body(bytes)]
    fn import_preview(shell, kind: SheetKind, format: SheetFormat, create_classes: bool) -> ImportPreview {
        shell.preview_import(kind, format, create_classes, bytes).await
    }

    /// Writes the plan the last preview answered `token` for, without the
    /// file again: all rows or, with any bad row, nothing (unless
    /// `skip_invalid`: then the good rows, in one transaction, when the
    /// user chose to import them).
    fn import_write(shell, token: String, skip_invalid: bool) -> ImportSummary {
        shell.write_import(&token, skip_invalid).await
    }

    /// Saves the rows the preview `token` leaves out to `path` (chosen in
    /// a save dialog) for fixing and importing again: the file's columns
    /// and a column `problem_header` saying per row ("`row_word` 7: …")
    /// what is wrong, in the UI's words (`texts`, one per problem of the
    /// preview, in its order).
    fn import_rejected_save(shell, token: String, format: SheetFormat, path: String, problem_header: String, row_word: String, texts: Vec<String>) -> () {
        shell.save_rejected_rows(&token, format, &path, (&problem_header, &row_word), &texts).await
    }

    /// Writes an export to `path` (chosen by the user in a save dialog): a
    /// .csv or .xlsx file as `format` says, never one of Schooldesk's own.
    fn export_to_file(shell, kind: SheetKind, format: SheetFormat, path: String) -> () {
        // The save dialog has asked before replacing a file; the export is
        // written whole or not at all, readable by its owner only.
        shell.export_to_file(kind, format, &path).await
    }

    /// Writes a class's gradebook in a subject and semester as an XLSX
    /// file to `path` (chosen in a save dialog), whole or not at all.
    fn gradebook_export_file(shell, class_id: Id, subject_id: Id, term_id: Id, path: String) -> () {
        shell.gradebook_export_file(class_id, subject_id, term_id, &path).await
    }

    /// Imports a gradebook file made by `gradebook_export_file` (the bytes
    /// are the raw body): every changed cell or, with any problem (the
    /// error's rows: sheet and column, row, reason), nothing.
    #[body(bytes)]
    fn gradebook_import_file(shell, class_id: Id, subject_id: Id, term_id: Id) -> GradesImported {
        shell.gradebook_import_file(class_id, subject_id, term_id, bytes).await
    }

    /// The signed-in user's unsaved forms, newest first (none for anyone else).
    fn local_drafts(shell) -> Vec<LocalDraft> { shell.drafts().await }

    fn local_draft_get(shell, key: String) -> Option<LocalDraft> { shell.draft(&key).await }

    /// Keeps a form's values (JSON text) while the signed-in user types.
    fn local_draft_put(shell, key: String, title: String, data: String) -> LocalDraft {
        shell.put_draft(&key, &title, &data).await
    }

    fn local_draft_drop(shell, key: String) -> () { shell.drop_draft(&key).await }

    /// Notes that the signed-in user opened a record.
    fn local_recent_note(shell, key: String, title: String) -> () { shell.note_recent(&key, &title).await }

    /// The signed-in user's recently opened records, newest first.
    fn local_recent(shell, limit: i64) -> Vec<LocalRecent> { shell.recent(limit).await }

    /// A preference of this computer (JSON text): column choices, the window's place.
    fn local_pref_get(shell, key: String) -> Option<String> { shell.pref(&key).await }

    fn local_pref_set(shell, key: String, value: String) -> () { shell.set_pref(&key, &value).await }

    // issue 12: printing report cards.

    /// Starts printing the report cards of `scope` for a semester into one
    /// combined PDF and/or one PDF per student in a folder; answers the
    /// job's id at once.
    fn print_start(shell, term_id: Id, scope: PrintScope, settings: PrintSettings, target: PrintTarget) -> String {
        shell.print_start(term_id, scope, settings, target).await
    }

    /// How far a print job is, and when finished what it wrote or why it failed.
    fn print_job(shell, id: String) -> PrintJob { shell.print_job(&id).await }

    /// Asks a print job to stop after the batch it is laying out.
    fn print_cancel(shell, id: String) -> () { shell.print_cancel(&id).await }

    /// One student's card as a draft in a temporary PDF, opened in the
    /// system's PDF viewer; answers the file's path.
    fn print_preview(shell, term_id: Id, student_id: Id, settings: PrintSettings) -> String {
        shell.print_preview(term_id, student_id, settings).await
    }

    /// Checks a report card's QR text against the records: whose card, and
    /// whether its grades are still the records'.
    fn card_verify(shell, code: String) -> CardCheck {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.verify_card(&actor, &code).await).await.map(CardCheck::from)
    }

    /// The folder print jobs offer first (the user's documents).
    fn print_folder_default(shell) -> String { Ok(shell.print_folder_default()) }

    /// Opens a file, or the folder of a file, a print job here wrote.
    fn print_open(shell, path: String) -> () { shell.print_open(&path).await }

    // issue 12: the gradebook.

    /// The signed-in student's, or a parent's children's, results of each
    /// semester of the current year: published once their class's grades
    /// are approved.
    fn my_results(shell) -> Vec<MyTermResults> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.my_results_by_term(&actor).await).await.map(|terms| {
            terms
                .into_iter()
                .map(|(term, students)| MyTermResults { term: Rec::from(term), students: students.into_iter().map(MyResults::from).collect() })
                .collect()
        })
    }

    /// The gradebooks this session may open (class × subject × semester of
    /// the current year): a teacher's own, a homeroom teacher's class, all
    /// for an administrator.
    fn gradebook_choices(shell) -> Vec<GradebookChoice> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.gradebook_choices(&actor).await).await.map(|c| c.into_iter().map(GradebookChoice::from).collect())
    }

    /// A class's grid in a subject and semester: scheme, columns, students
    /// by name, scores, finals, sign-off status, whether it is editable.
    fn gradebook_open(shell, class_id: Id, subject_id: Id, term_id: Id) -> Gradebook {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.gradebook_open(&actor, class_id, subject_id, term_id).await).await.map(Gradebook::from)
    }

    /// Saves cells in one transaction ("" clears); any bad cell refuses the
    /// whole call (`cells_rejected`, one row per bad cell). Answers the
    /// finals of the students touched.
    fn gradebook_save(shell, class_id: Id, subject_id: Id, term_id: Id, cells: Vec<CellInput>) -> Vec<GradebookFinal> {
        let (app, actor) = shell.actor().await?;
        let cells: Vec<_> = cells.into_iter().map(Into::into).collect();
        done(shell, &app, app.gradebook_save(&actor, class_id, subject_id, term_id, &cells).await).await.map(|f| f.into_iter().map(GradebookFinal::from).collect())
    }

    /// Saves a subject's scheme for a semester as a whole.
    fn scheme_save(shell, subject_id: Id, term_id: Id, scheme: SchemeInput) -> SchemeView {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.scheme_save(&actor, subject_id, term_id, &scheme.into()).await).await.map(SchemeView::from)
    }

    /// Adds a column to a class's gradebook under a component.
    fn assessment_add(shell, class_id: Id, component_id: Id, name: String) -> GradebookColumn {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.assessment_add(&actor, class_id, component_id, &name).await).await.map(GradebookColumn::from)
    }

    fn assessment_rename(shell, id: Id, name: String) -> GradebookColumn {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.assessment_rename(&actor, id, &name).await).await.map(GradebookColumn::from)
    }

    /// Removes a column; one holding scores only `with_scores` (they go with it).
    fn assessment_remove(shell, id: Id, with_scores: bool) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.assessment_remove(&actor, id, with_scores).await).await
    }

    /// Moves a class's grades of a semester to `status` (draft ⇄ submitted
    /// by its homeroom teacher; approved, which locks, by an administrator).
    fn signoff_set(shell, class_id: Id, term_id: Id, status: SignoffStatus) -> SignoffStatus {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.signoff_set(&actor, class_id, term_id, status.into()).await).await.map(SignoffStatus::from)
    }

    /// Unlocks approved grades (back to draft): an administrator's, audited.
    fn signoff_unlock(shell, class_id: Id, term_id: Id) -> SignoffStatus {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.signoff_unlock(&actor, class_id, term_id).await).await.map(SignoffStatus::from)
    }

    // issue 12: attendance, descriptions, notes (items 4 and 5)

    /// The classes of the current year whose attendance this session takes.
    fn attendance_classes(shell) -> Vec<Rec<Class>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.attendance_classes(&actor).await).await.map(recs)
    }

    /// A class's month (`month` 1–12): students × days and the marks made.
    fn attendance_month(shell, class_id: Id, year: i32, month: u32) -> AttendanceMonthView {
        let (app, actor) = shell.actor().await?;
        let m = done(shell, &app, app.attendance_month(&actor, class_id, year, month).await).await?;
        Ok(AttendanceMonthView::new(m, app.today()))
    }

    /// Marks a day for a class in one change (no status clears a mark).
    fn attendance_mark(shell, class_id: Id, date: NaiveDate, marks: Vec<AttendanceMarkInput>) -> () {
        let (app, actor) = shell.actor().await?;
        let marks: Vec<_> = marks.into_iter().map(Into::into).collect();
        done(shell, &app, app.mark_attendance(&actor, class_id, date, &marks).await).await.map(|_| ())
    }

    /// Marks everyone not yet marked that day present; answers how many.
    fn attendance_everyone_present(shell, class_id: Id, date: NaiveDate) -> u32 {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.mark_everyone_present(&actor, class_id, date).await).await.map(|n| n as u32)
    }

    /// Each student's totals for a term in a class.
    fn attendance_totals(shell, class_id: Id, term_id: Id) -> Vec<AttendanceTotals> {
        let (app, actor) = shell.actor().await?;
        let rows = done(shell, &app, app.attendance_totals(&actor, class_id, term_id).await).await?;
        Ok(rows.iter().map(|r| AttendanceTotals::new(&r.student, r.totals)).collect())
    }

    /// One student's totals for a term (students and parents: their own).
    fn attendance_student_totals(shell, student_id: Id, term_id: Id) -> AttendanceTotals {
        let (app, actor) = shell.actor().await?;
        let totals = done(shell, &app, app.student_attendance(&actor, student_id, term_id).await).await?;
        let student = done(shell, &app, app.student(&actor, student_id).await).await?.student;
        Ok(AttendanceTotals::new(&student, totals))
    }

    /// The class × subject pairs whose descriptions this session writes.
    fn description_choices(shell) -> Vec<DescriptionChoice> {
        let (app, actor) = shell.actor().await?;
        let lessons = done(shell, &app, app.description_lessons(&actor).await).await?;
        Ok(lessons
            .into_iter()
            .map(|(class, subject)| DescriptionChoice {
                class_id: class.id(),
                academic_year_id: class.data.academic_year_id,
                class_name: class.data.name,
                subject_id: subject.id(),
                subject_name: subject.data.name,
            })
            .collect())
    }

    fn objectives_list(shell, subject_id: Id, term_id: Id) -> Vec<Rec<LearningObjective>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.objectives(&actor, subject_id, term_id).await).await.map(recs)
    }

    fn objectives_add(shell, subject_id: Id, term_id: Id, objective: ObjectiveForm) -> Rec<LearningObjective> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.objective_add(&actor, subject_id, term_id, &objective.into()).await).await.map(Rec::from)
    }

    fn objectives_edit(shell, id: Id, version: i64, objective: ObjectiveForm) -> Rec<LearningObjective> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.objective_edit(&actor, id, version, &objective.into()).await).await.map(Rec::from)
    }

    fn objectives_remove(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.objective_remove(&actor, id, version).await).await
    }

    /// Puts a subject's objectives for a term in the order of `ids` (each once).
    fn objectives_reorder(shell, subject_id: Id, term_id: Id, ids: Vec<Id>) -> Vec<Rec<LearningObjective>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.objectives_reorder(&actor, subject_id, term_id, &ids).await).await.map(recs)
    }

    /// A class × subject × term's objectives and each student's description.
    fn description_open(shell, class_id: Id, subject_id: Id, term_id: Id) -> DescriptionSheetView {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.descriptions_open(&actor, class_id, subject_id, term_id).await).await.map(Into::into)
    }

    /// Ticks an objective for a student (none: off); answers the student's row.
    fn description_tick(shell, class_id: Id, student_id: Id, objective_id: Id, tick: Option<TickKind>) -> DescriptionRow {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.description_tick(&actor, class_id, student_id, objective_id, tick.map(Into::into)).await).await.map(Into::into)
    }

    /// The teacher's own description (none or blank: back to the generated one).
    fn description_set(shell, class_id: Id, subject_id: Id, term_id: Id, student_id: Id, text: Option<String>) -> DescriptionRow {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.description_set(&actor, class_id, subject_id, term_id, student_id, text.as_deref()).await).await.map(Into::into)
    }

    /// A subject's comment bank and the shared one.
    fn description_comments(shell, subject_id: Option<Id>) -> Vec<Rec<CommentBankEntry>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.comment_bank(&actor, subject_id).await).await.map(recs)
    }

    fn description_comment_add(shell, subject_id: Option<Id>, text: String) -> Rec<CommentBankEntry> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.comment_add(&actor, subject_id, &text).await).await.map(Rec::from)
    }

    fn description_comment_remove(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.comment_remove(&actor, id, version).await).await
    }

    /// The classes whose term reports this session writes.
    fn term_report_classes(shell) -> Vec<Rec<Class>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.term_report_classes(&actor).await).await.map(recs)
    }

    fn term_report_open(shell, class_id: Id, term_id: Id) -> TermReportView {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.term_report_open(&actor, class_id, term_id).await).await.map(Into::into)
    }

    /// The homeroom note, parent response and (even semester) promotion.
    fn term_report_save(shell, class_id: Id, term_id: Id, student_id: Id, report: TermReportForm) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.term_report_save(&actor, class_id, term_id, student_id, &report.into()).await).await.map(|_| ())
    }

    fn extracurricular_list(shell) -> Vec<Rec<Extracurricular>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.extracurriculars(&actor).await).await.map(recs)
    }

    fn extracurricular_add(shell, name: String) -> Rec<Extracurricular> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.extracurricular_add(&actor, &name).await).await.map(Rec::from)
    }

    /// A student's grade and note in an activity for a term (no grade: removed).
    fn extracurricular_result_set(shell, class_id: Id, term_id: Id, student_id: Id, extracurricular_id: Id, grade: Option<String>, note: Option<String>) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.extracurricular_result_set(&actor, class_id, term_id, student_id, extracurricular_id, grade.as_deref(), note.as_deref()).await).await.map(|_| ())
    }

    // ttio (issue 14): importing a .fet file (see timetable_import.rs)
    /// What importing the .fet file (the body) into a semester would write: names matched or created, lessons, rules, what cannot be taken. Writes nothing.
    #[body(bytes)]
    fn timetable_import_preview(shell, term_id: Id) -> FetPreviewView { crate::timetable_import::preview(shell, term_id, bytes).await }

    /// Writes what the preview with this token showed, in one audited change; refused, nothing written, when the records changed since.
    #[body(bytes)]
    fn timetable_import_confirm(shell, term_id: Id, token: String) -> FetImportedView { crate::timetable_import::confirm(shell, term_id, token, bytes).await }

    // ttui (issue 14): the timetable screens (see timetabling.rs)
    /// The school's week: working days and bell schedule.
    fn timetable_week(shell) -> WeekView { crate::timetabling::week(shell).await }

    /// Saves the whole week; a bad one is refused naming the day and period.
    fn timetable_week_save(shell, week: WeekView) -> WeekView { crate::timetabling::save_week(shell, week).await }

    fn timetable_lessons(shell, term_id: Id) -> Vec<LessonRow> { crate::timetabling::lessons(shell, term_id).await }

    /// What applying the teaching assignments would change, in words; writes nothing.
    fn timetable_lesson_plan(shell, term_id: Id) -> Vec<PlanLine> { crate::timetabling::lesson_plan(shell, term_id).await }

    /// Applies the plan whose sentences the user read (`seen`); a plan
    /// changed since is refused (`tt_plan_changed`).
    fn timetable_lesson_plan_apply(shell, term_id: Id, seen: Vec<String>) -> u32 { crate::timetabling::apply_lesson_plan(shell, term_id, seen).await }

    fn timetable_rules(shell, term_id: Id) -> Vec<Rec<TimetableRule>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.timetable_rules(&actor, term_id).await).await.map(recs)
    }

    /// Creates a rule (no id) or changes one.
    fn timetable_rule_save(shell, id: Option<Id>, version: Option<i64>, rule: TimetableRule) -> Rec<TimetableRule> {
        let (app, actor) = shell.actor().await?;
        let key = id.map(|id| (id, version.unwrap_or(0)));
        done(shell, &app, app.save_timetable_rule(&actor, key, &rule).await).await.map(Rec::from)
    }

    fn timetable_rule_delete(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.delete_timetable_rule(&actor, id, version).await).await
    }

    /// Starts generating a draft in the background; answers the job number
    /// at once (poll `timetable_generate_status`).
    fn timetable_generate_start(shell, term_id: Id, name: String, time_limit_s: u32) -> u64 { crate::timetabling::generate_start(shell, term_id, name, time_limit_s).await }

    fn timetable_generate_status(shell, job: u64) -> GenerationStatus { crate::timetabling::generate_status(shell, job).await }

    /// Stops a generation; nothing is stored.
    fn timetable_generate_cancel(shell, job: u64) -> () { crate::timetabling::generate_cancel(shell, job).await }

    /// The semester's timetables, the published one first, with who made each.
    fn timetables_list(shell, term_id: Id) -> Vec<TimetableRow> { crate::timetabling::timetables(shell, term_id).await }

    fn timetable_publish(shell, id: Id, version: i64) -> Rec<TermTimetable> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.publish_timetable(&actor, id, version).await).await.map(Rec::from)
    }

    fn timetable_entries(shell, timetable_id: Id) -> Vec<EntryView> { crate::timetabling::entries(shell, timetable_id).await }

    /// The signed-in teacher's, student's or parent's children's published week.
    /// of the current semester (students and parents cannot list the semesters).
    fn my_timetable(shell) -> MyTimetableView { crate::timetabling::my_timetable(shell).await }

    /// Every lesson period's verdict for one dragged block (one compile of
    /// the records): the block it would swap with and each hard rule broken.
    fn timetable_move_options(shell, timetable_id: Id, placement_id: Id) -> Vec<CellVerdictView> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.move_options(&actor, timetable_id, placement_id).await).await.map(|v| v.into_iter().map(CellVerdictView::from).collect())
    }

    /// Moves (or swaps) a block while the timetable is still at
    /// `timetable_version` (an undo after someone else's edit is a conflict).
    fn timetable_move(shell, timetable_id: Id, timetable_version: i64, placement_id: Id, version: i64, weekday: i64, period: i64) -> MovedView {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.move_block(&actor, timetable_id, timetable_version, placement_id, version, weekday, period).await).await.map(MovedView::from)
    }

    /// Locks a block where it is, or unlocks it.
    fn timetable_lock(shell, placement_id: Id, version: i64, locked: bool) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.lock_placement(&actor, placement_id, version, locked).await).await.map(|_| ())
    }

    /// Every cell's verdict for a block dragged from the tray.
    fn timetable_place_options(shell, timetable_id: Id, lesson_id: Id, part: i64) -> Vec<CellVerdictView> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.place_options(&actor, timetable_id, lesson_id, part).await).await.map(|v| v.into_iter().map(CellVerdictView::from).collect())
    }

    /// Places a block from the tray while the timetable is at `timetable_version`.
    fn timetable_place(shell, timetable_id: Id, timetable_version: i64, lesson_id: Id, part: i64, weekday: i64, period: i64) -> PlacedView {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.place_block(&actor, timetable_id, timetable_version, lesson_id, part, weekday, period).await).await.map(PlacedView::from)
    }

    /// Takes a block out to the tray; answers the timetable's new version.
    fn timetable_unplace(shell, timetable_id: Id, timetable_version: i64, placement_id: Id, version: i64) -> i64 {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.unplace_block(&actor, timetable_id, timetable_version, placement_id, version).await).await
    }

    /// Hard rules broken, the weighted cost and its worst items, the blocks not placed.
    fn timetable_score(shell, timetable_id: Id) -> ScoreView {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.timetable_score(&actor, timetable_id).await).await.map(ScoreView::from)
    }

    /// Every teacher away on a date with their lessons, ranked substitutes and covers.
    fn timetable_absences(shell, date: NaiveDate) -> Vec<CoverDayView> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.absences_on(&actor, date).await).await.map(|v| v.into_iter().map(CoverDayView::from).collect())
    }

    /// Records a teacher away on a school day, or some of its lesson periods (none: all day).
    fn timetable_absence_record(shell, teacher_id: Id, date: NaiveDate, reason: String, periods: Vec<i64>) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.record_absence_periods(&actor, teacher_id, date, &reason, &periods).await).await.map(|_| ())
    }

    /// How a lesson of an absence is covered: substitute (named), supervised or cancelled.
    fn timetable_cover_record(shell, absence_id: Id, placement_id: Id, kind: String, substitute_id: Option<Id>) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.record_cover(&actor, absence_id, placement_id, &kind, substitute_id).await).await.map(|_| ())
    }

    /// Prints the day's substitution sheet to a PDF; answers where it went.
    fn timetable_cover_sheet(shell, date: NaiveDate, language: String) -> String { crate::timetabling::print_cover_sheet(shell, date, language).await }

    /// Exports a timetable into the documents folder: "xlsx", "html" (a folder; answers its index.html) or "fet"; answers where it went.
    fn timetable_export(shell, timetable_id: Id, format: String, language: String) -> String { crate::timetabling::export_timetable(shell, timetable_id, format, language).await }

    /// Every teacher's covers in the month and semester of a date.
    fn timetable_cover_history(shell, date: NaiveDate) -> Vec<CoverTallyView> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.cover_history(&actor, date).await).await.map(|v| v.into_iter().map(CoverTallyView::from).collect())
    }

    /// A draft copy to edit (a published timetable is changed through one).
    fn timetable_copy(shell, timetable_id: Id, name: String) -> Rec<TermTimetable> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.copy_timetable(&actor, timetable_id, &name).await).await.map(Rec::from)
    }

    // feesui (issue 17): the bursar's desk and the fee plans; adapters in fees.rs.

    /// Students for the fee desk by name, NIS or NISN (or a class by its name), with their class.
    fn fee_students(shell, text: String) -> Vec<FeeStudent> { crate::fees::students(shell, text).await }

    /// A student's statement (the bursar, the administrator, the student, their parents).
    fn fee_statement(shell, student_id: Id) -> FeeStatementView { crate::fees::statement(shell, student_id).await }

    /// Books a payment with the year's next receipt number.
    fn fee_pay(shell, payment: PaymentForm) -> FeeBookedView { crate::fees::pay(shell, payment).await }

    /// Writes a receipt as PDF ("id" or "en"); a reprint says COPY.
    fn fee_receipt_print(shell, receipt: String, language: String) -> ReceiptPrinted { crate::fees::print_receipt(shell, receipt, language).await }

    /// A family's own receipt as PDF, by its payment ("id" or "en"); COPY when printed before.
    fn fee_my_receipt_print(shell, payment_id: Id, language: String) -> ReceiptPrinted { crate::fees::print_own_receipt(shell, payment_id, language).await }

    /// The school's fee settings (the administrator's).
    fn fee_settings(shell) -> FeeSettingsView { crate::fees::settings(shell).await }

    /// Saves the school's fee settings at the version read (none the first time).
    fn fee_settings_save(shell, settings: FeeSettings, version: Option<i64>) -> FeeSettingsView { crate::fees::settings_save(shell, settings, version).await }

    /// Whether a class's students are in arrears (yes/no and the amount); none while the school keeps it off for homeroom teachers.
    fn fee_class_arrears(shell, class_id: Id) -> Option<Vec<ClassArrearsView>> { crate::fees::class_arrears(shell, class_id).await }

    /// Voids a payment with a reason (never deleted).
    fn fee_payment_void(shell, payment_id: Id, reason: String) -> () { crate::fees::void_payment(shell, payment_id, reason).await }

    /// Pays a student's credit back, with a reason.
    fn fee_refund(shell, student_id: Id, amount: i64, method: String, reason: String) -> Rec<FeeRefund> { crate::fees::refund(shell, student_id, amount, method, reason).await }

    /// The desk's day: payments, cash, transfers, voids, refunds, closing.
    fn fee_day_report(shell, day: NaiveDate) -> DayReportView { crate::fees::day_report(shell, day).await }

    /// Closes the desk's day: nothing more is booked on it.
    fn fee_day_close(shell, day: NaiveDate) -> Rec<CashDay> { crate::fees::close_day(shell, day).await }

    /// Bills a month ("YYYY-MM") from the fee plans; safe to run again.
    fn fee_invoice_period(shell, period: String) -> InvoiceRunView { crate::fees::invoice_period(shell, period).await }

    /// Who owes what was due by `as_of`: one class's students or the school's.
    fn fee_arrears(shell, class_id: Option<Id>, as_of: NaiveDate) -> Vec<ArrearsView> { crate::fees::arrears(shell, class_id, as_of).await }

    /// Today as the app's clock counts it: the desk's day.
    fn fee_today(shell) -> NaiveDate { crate::fees::today(shell).await }

    /// Writes the arrears as an XLSX workbook to `path` (chosen in a save dialog).
    fn fee_arrears_export(shell, class_id: Option<Id>, as_of: NaiveDate, language: String, path: String) -> () { crate::fees::arrears_export(shell, class_id, as_of, language, path).await }

    /// Reads a bank statement (the file's bytes) and matches its credit lines to students; books nothing.
    #[body(bytes)]
    fn fee_bank_preview(shell, format: SheetFormat) -> BankPreviewView { crate::fees::bank_preview(shell, format, bytes).await }

    /// Books the confirmed lines of the same statement (its bytes again) as transfers, in one go.
    #[body(bytes)]
    fn fee_bank_confirm(shell, format: SheetFormat, confirmed: Vec<BankConfirmLine>) -> BankBookedView { crate::fees::bank_confirm(shell, format, bytes, confirmed).await }

    /// The fee items of a year, by name.
    fn fee_items(shell, year_id: Id) -> Vec<Rec<FeeItem>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.fee_items(&actor, year_id).await).await.map(recs)
    }

    /// Adds a fee item (no id) or changes one (its id and version); what was billed stays.
    fn fee_item_save(shell, id: Option<Id>, version: Option<i64>, item: FeeItem) -> Rec<FeeItem> {
        let (app, actor) = shell.actor().await?;
        // A change names the version it read; an id without one is refused,
        // never taken as a new item (it would be billed twice).
        let key = match (id, version) {
            (Some(id), Some(version)) => Some((id, version)),
            (None, _) => None,
            (Some(_), None) => return Err(crate::fees::version_missing()),
        };
        done(shell, &app, app.fee_item_save(&actor, key, &item).await).await.map(Rec::from)
    }

    /// Who a year's fee items are billed to.
    fn fee_assignments(shell, year_id: Id) -> Vec<Rec<FeeAssignment>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.fee_assignments_of_year(&actor, year_id).await).await.map(recs)
    }

    /// Bills a fee item to a grade level, a class or one student.
    fn fee_assign(shell, assignment: FeeAssignment) -> Rec<FeeAssignment> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.fee_assign(&actor, &assignment).await).await.map(Rec::from)
    }

    /// The discounts given, the active ones first.
    fn fee_discounts(shell) -> Vec<Rec<FeeDiscount>> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.fee_discounts_given(&actor).await).await.map(recs)
    }

    /// Gives a student a discount with a reason (percent in basis points, or rupiah).
    fn fee_discount_give(shell, discount: FeeDiscount) -> Rec<FeeDiscount> {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.fee_discount_give(&actor, &discount).await).await.map(Rec::from)
    }

    /// Ends a discount (kept, inactive).
    fn fee_discount_end(shell, id: Id, version: i64) -> () {
        let (app, actor) = shell.actor().await?;
        done(shell, &app, app.fee_discount_end(&actor, id, version).await).await
    }
    // qbui (issue 13): the question bank's screens; adapters in qbank.rs.

    /// The subjects whose questions the user may see and write, and whether they review.
    fn qbank_scope(shell) -> QbScope { crate::qbank::scope(shell).await }

    /// The bank's questions matching words and filters (teachers: their subjects only).
    fn qbank_search(shell, search: QbSearch) -> Vec<QbRow> { crate::qbank::search(shell, search).await }

    /// A question with its current version, to edit.
    fn qbank_open(shell, id: Id) -> QbOpened { crate::qbank::open(shell, id).await }

    /// Writes a new question (no id) or an edit of one read at `version`, with the images pasted into it.
    fn qbank_save(shell, id: Option<Id>, version: Option<i64>, subject_id: Id, question: QbQuestion, images: Vec<QbNewImage>) -> QbSaved { crate::qbank::save(shell, id, version, subject_id, question, images).await }

    /// Writes the XLSX template for bulk question entry into the documents folder (`Bank soal`, or `Question bank` in English) and answers its path; the import reads it back.
    fn qbank_template_save(shell, language: String) -> String { crate::qbank::template_save(shell, language).await }

    /// Reads a paper's results file (CSV or XLSX by its name: nis, variant, 1…N) and scores it; unless `dry_run`, stores every student's result and the questions' statistics in one go. A bad row or cell refuses the whole file, each named by row and column.
    #[body(bytes)]
    fn qbank_results_import(shell, id: Id, file_name: String, negative_marking: bool, dry_run: bool) -> QbResults { crate::qbank::results_import(shell, id, bytes, file_name, negative_marking, dry_run).await }

    /// The item analysis of a paper over its stored results: p and its band, D and its band, point-biserial, the distractor table, KR-20 and alpha.
    fn qbank_analysis(shell, id: Id) -> QbAnalysis { crate::qbank::analysis(shell, id).await }

    /// Writes the paper's results file to fill in (XLSX: a row per student of the class) into the documents folder and answers its path.
    fn qbank_results_template(shell, id: Id, language: String) -> String { crate::qbank::results_template(shell, id, language).await }

    /// The shared passages of a subject, oldest first.
    fn qbank_stimuli(shell, subject_id: Id) -> Vec<QbStimulus> { crate::qbank::stimuli(shell, subject_id).await }

    /// Writes a new shared passage, with the images pasted into it. A passage is never rewritten (printed papers keep theirs): a change is a new passage.
    fn qbank_stimulus_create(shell, subject_id: Id, title: String, content: QbRichText, images: Vec<QbNewImage>) -> QbStimulus { crate::qbank::stimulus_create(shell, subject_id, title, content, images).await }

    /// The question as it stands in the editor (saved or not: `id` when it is an edit), laid out exactly as a paper prints it: one SVG image per page (A4 or F4; `language` id or en; 1 or 2 columns). Nothing is stored.
    fn qbank_print_preview(shell, subject_id: Id, id: Option<Id>, question: QbQuestion, images: Vec<QbNewImage>, form: QbPreviewForm) -> Vec<String> { crate::qbank::print_preview(shell, subject_id, id, question, images, form).await }

    /// Moves a question to draft, reviewed or approved (the curriculum office).
    fn qbank_set_status(shell, id: Id, version: i64, status: String) -> QbRow { crate::qbank::set_status(shell, id, version, status).await }

    /// The subject's questions whose stem is the same as or near this one's (not `except`).
    fn qbank_duplicates(shell, subject_id: Id, question: QbQuestion, except: Option<Id>) -> Vec<QbDuplicate> { crate::qbank::duplicates(shell, subject_id, question, except).await }

    /// A stored image of the bank as a data URL.
    fn qbank_image(shell, key: String) -> String { crate::qbank::image(shell, key).await }

    /// Reads a GIFT, Moodle XML, QTI zip or Aiken file (its bytes) and says what it would add; writes nothing.
    #[body(bytes)]
    fn qbank_import_preview(shell, subject_id: Id, grade_level: Option<i64>) -> QbImportPreview { crate::qbank::import_preview(shell, bytes, subject_id, grade_level).await }

    /// Writes what the preview of the same file (its bytes again) listed, in one go.
    #[body(bytes)]
    fn qbank_import_confirm(shell, subject_id: Id, grade_level: Option<i64>, skip_duplicates: bool) -> QbImportDone { crate::qbank::import_confirm(shell, bytes, subject_id, grade_level, skip_duplicates).await }

    /// The blueprints of the subjects the user drafts papers of, with their rows.
    fn qbank_blueprints(shell) -> Vec<QbBlueprint> { crate::qbank::blueprints(shell).await }

    /// Saves a new blueprint (kisi-kisi) of a subject and grade.
    fn qbank_blueprint_create(shell, subject_id: Id, grade_level: i64, name: String, rows: Vec<QbBlueprintRow>) -> QbBlueprint { crate::qbank::blueprint_create(shell, subject_id, grade_level, name, rows).await }

    /// The exam papers of the subjects the user reads (the office: all), the latest first.
    fn qbank_papers(shell) -> Vec<Rec<ExamPaper>> { crate::qbank::papers(shell).await }

    /// A paper with its questions in order.
    fn qbank_paper(shell, id: Id) -> QbPaper { crate::qbank::paper(shell, id).await }

    /// Makes a draft paper of a class (no questions yet).
    fn qbank_paper_create(shell, form: QbPaperForm) -> QbPaper { crate::qbank::paper_create(shell, form).await }

    /// Fills a draft paper from its blueprint; the rows the bank cannot fill are reported.
    fn qbank_paper_fill(shell, id: Id, version: i64, recent: u32) -> QbFilled { crate::qbank::paper_fill(shell, id, version, recent).await }

    /// Puts another approved question in place of the one at `position` of a draft paper.
    fn qbank_paper_swap(shell, id: Id, version: i64, position: i64, question_id: Id) -> QbPaper { crate::qbank::paper_swap(shell, id, version, position, question_id).await }

    /// Moves a paper to draft, final or released (the curriculum office).
    fn qbank_paper_status(shell, id: Id, version: i64, status: String) -> Rec<ExamPaper> { crate::qbank::paper_status(shell, id, version, status).await }

    /// Prints a paper's packages, answer sheets, keys and kisi-kisi as one PDF in the documents folder.
    fn qbank_paper_print(shell, id: Id, form: QbPrintForm) -> QbPrinted { crate::qbank::paper_print(shell, id, form).await }

    /// Moves questions (each at the version the list read) to another subject, all or nothing.
    fn qbank_move(shell, items: Vec<QbMoveItem>, subject_id: Id) -> Vec<QbRow> { crate::qbank::move_questions(shell, items, subject_id).await }

    /// The gradebook components (per semester) a marked paper's scores may go under.
    fn qbank_paper_gradebook_slots(shell, id: Id) -> Vec<QbGradebookSlot> { crate::qbank::gradebook_slots(shell, id).await }

    /// Sends a marked paper's scores to the gradebook as one column, scaled to 0–100; refused over existing scores unless `replace`.
    fn qbank_paper_send_scores(shell, id: Id, component_id: Id, column: String, replace: bool) -> QbSent { crate::qbank::send_scores(shell, id, component_id, column, replace).await }
}

fn data_url(mime: &str, bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = format!("data:{mime};base64,");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_url_is_base64() {
        assert_eq!(
            super::data_url("image/png", b"Man"),
            "data:image/png;base64,TWFu"
        );
        assert_eq!(
            super::data_url("image/png", b"Ma"),
            "data:image/png;base64,TWE="
        );
        assert_eq!(
            super::data_url("image/png", b"M"),
            "data:image/png;base64,TQ=="
        );
    }
}
