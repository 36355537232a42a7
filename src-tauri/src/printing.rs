//! Printing from the window (issue 12, item 8): a print job runs on a
//! blocking thread so the window never freezes; the page polls its progress
//! and may cancel it. Files are written whole (a temporary name, then a
//! rename). Only a folder or file a job of this session wrote may be opened
//! with the system's viewer: the page cannot open arbitrary paths.

use crate::shell::{ui, Shell, UiResult};
use crate::wire::UiError;
use schooldesk_app::report::{CardOptions, CardScope, PrintedCard};
use schooldesk_app::sheet::{write_file_whole, WholeFile};
use schooldesk_core::descriptions::Lang;
use schooldesk_core::Id;
use schooldesk_print::{Asset, Assets, Builtin, Engine, Layout, Margins, Options, Paper, Template};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use ts_rs::TS;

/// Whose cards.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintScope {
    Class { class_id: Id },
    Grade { grade_level: i32 },
    All,
    Student { student_id: Id },
}

/// How the cards look.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PrintSettings {
    /// "id" or "en".
    pub language: String,
    /// "rapor" (Kurikulum Merdeka) or "report" (international).
    pub layout: String,
    /// "A4", "F4" or "Letter".
    pub paper: String,
    /// Millimetres left blank at the top for pre-printed letterhead paper;
    /// none prints the school's header.
    pub letterhead_mm: Option<i32>,
    /// Where the cards are signed ("" = the last line of the school's address).
    pub place: String,
    /// Print a subject without a complete grade as "belum lengkap".
    pub allow_incomplete: bool,
}

/// Where the cards go: a folder, and whether to write one combined PDF,
/// one PDF per student (in a folder of their own beside it), or both. The
/// files are named by what they hold ("Rapor - VII A - Semester 1
/// 2026-2027.pdf").
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PrintTarget {
    pub folder: String,
    pub combined: bool,
    pub per_student: bool,
}

/// A print job as the page sees it while polling.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PrintJob {
    pub id: String,
    pub done: i32,
    pub total: i32,
    pub finished: bool,
    pub cancelled: bool,
    pub error: Option<UiError>,
    /// Files written, in order.
    pub files: Vec<String>,
    /// Cards watermarked DRAFT (their class's grades not approved).
    pub drafts: i32,
    /// Problems of a school's own template; the built-in one printed.
    pub template_problems: Vec<String>,
}

struct Running {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
    outcome: Mutex<Option<Result<Outcome, UiError>>>,
}

#[derive(Default)]
struct Outcome {
    files: Vec<PathBuf>,
    drafts: usize,
    template_problems: Vec<String>,
    cancelled: bool,
}

/// The jobs of this run of the app, and what they wrote.
#[derive(Default)]
pub struct Printing {
    jobs: Mutex<HashMap<String, Arc<Running>>>,
    /// Files the jobs wrote, and the folders they wrote into: what
    /// `print_open` may open.
    written: Arc<Mutex<Vec<PathBuf>>>,
    folders: Mutex<Vec<PathBuf>>,
}

/// What a job's files are called: "Rapor - VII A - 1 (Ganjil) 2026-2027"
/// for a class, the student's name for one card, "kelas 7" for a grade.
fn job_name(cards: &[PrintedCard], scope: &PrintScope, lang: Lang) -> String {
    let first = &cards[0].card.student;
    let what = match (scope, lang) {
        (PrintScope::Student { .. }, _) => cards[0].file_stem.clone(),
        (PrintScope::Class { .. }, _) => first.class.clone(),
        (PrintScope::Grade { grade_level }, Lang::Id) => format!("kelas {grade_level}"),
        (PrintScope::Grade { grade_level }, Lang::En) => format!("grade {grade_level}"),
        (PrintScope::All, Lang::Id) => "semua kelas".into(),
        (PrintScope::All, Lang::En) => "all classes".into(),
    };
    let prefix = match lang {
        Lang::Id => "Rapor",
        Lang::En => "Report cards",
    };
    schooldesk_app::report::safe_file_name(&format!(
        "{prefix} - {what} - Semester {} {}",
        first.semester, first.year
    ))
}

/// The engine: fonts and Typst's library, loaded on first use.
pub(crate) fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fn refused(code: &str, values: &[(&str, String)], message: String) -> UiError {
    UiError::coded("invalid", code, values, message)
}

fn options(settings: &PrintSettings) -> UiResult<(Lang, Builtin, Layout)> {
    let lang = Lang::parse(&settings.language).ok_or_else(|| {
        refused(
            "print_language",
            &[("value", settings.language.clone())],
            format!("no such language {:?}", settings.language),
        )
    })?;
    let builtin = match settings.layout.as_str() {
        "rapor" => Builtin::Rapor,
        "report" => Builtin::Report,
        other => {
            return Err(refused(
                "print_layout",
                &[("value", other.to_string())],
                format!("no such layout {other:?}"),
            ))
        }
    };
    let paper = match Paper::parse(&settings.paper) {
        Some(p @ (Paper::A4 | Paper::F4 | Paper::Letter)) => p,
        _ => {
            return Err(refused(
                "print_paper",
                &[("value", settings.paper.clone())],
                format!("cards print on A4, F4 or Letter, not {:?}", settings.paper),
            ))
        }
    };
    let mut layout = Layout {
        paper,
        ..Layout::default()
    };
    if let Some(mm) = settings.letterhead_mm {
        if !(0..=150).contains(&mm) {
            return Err(refused(
                "print_letterhead",
                &[("value", mm.to_string())],
                format!("the letterhead space must be from 0 to 150 mm, not {mm}"),
            ));
        }
        layout.letterhead = false;
        layout.margins_mm = Margins {
            top: f64::from(mm),
            ..layout.margins_mm
        };
    }
    Ok((lang, builtin, layout))
}

pub(crate) fn file_error(path: &Path, error: impl std::fmt::Display) -> UiError {
    refused(
        "print_write",
        &[
            ("path", path.display().to_string()),
            ("reason", error.to_string()),
        ],
        format!("cannot write {}: {error}", path.display()),
    )
}

/// Writes a finished document (a receipt, the day's substitution sheet, a
/// timetable export) into `dir` as `name`, with the characters a file
/// system refuses replaced: the folder made if missing, the file written
/// whole under a temporary name and then renamed over any older one, so a
/// full disk or a pulled USB stick never leaves half a file. Answers the
/// path; the caller lets `print_open` open it (`Shell::remember_written`)
/// once anything it must record first is recorded.
pub(crate) fn write_document(dir: &Path, name: &str, bytes: &[u8]) -> UiResult<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
    let path = dir.join(schooldesk_app::report::safe_file_name(name));
    write_file_whole(&path, bytes, true).map_err(ui)?;
    Ok(path)
}

/// A print that failed outside the engine (its thread ended).
pub(crate) fn print_failed(reason: String) -> UiError {
    refused("print_failed", &[("reason", reason.clone())], reason)
}

pub(crate) fn print_error(error: schooldesk_print::PrintError) -> UiError {
    UiError::coded(
        "invalid",
        "print_failed",
        &[("reason", error.to_string())],
        error.to_string(),
    )
}

impl Shell {
    async fn cards(
        &self,
        term_id: Id,
        scope: &PrintScope,
        settings: &PrintSettings,
        lang: Lang,
    ) -> UiResult<(Vec<PrintedCard>, Option<Vec<u8>>)> {
        let (app, actor) = self.actor().await?;
        let scope = match scope {
            PrintScope::Class { class_id } => CardScope::Class(*class_id),
            PrintScope::Grade { grade_level } => CardScope::Grade(i64::from(*grade_level)),
            PrintScope::All => CardScope::All,
            PrintScope::Student { student_id } => CardScope::Student(*student_id),
        };
        let options = CardOptions {
            language: lang,
            place: settings.place.clone(),
            date: chrono::Local::now().date_naive(),
            allow_incomplete: settings.allow_incomplete,
        };
        let cards = app
            .report_cards(&actor, term_id, &scope, &options)
            .await
            .map_err(ui)?;
        let logo = app
            .school_logo(&actor)
            .await
            .map_err(ui)?
            .map(|(bytes, _)| bytes);
        Ok((cards, logo))
    }

    /// Starts printing; answers the job's id at once.
    pub async fn print_start(
        &self,
        term_id: Id,
        scope: PrintScope,
        settings: PrintSettings,
        target: PrintTarget,
    ) -> UiResult<String> {
        if !target.combined && !target.per_student {
            return Err(refused(
                "print_no_target",
                &[],
                "choose a combined file, one file per student, or both".into(),
            ));
        }
        let folder = PathBuf::from(target.folder.trim());
        if target.folder.trim().is_empty() || !folder.is_dir() {
            return Err(refused(
                "print_no_folder",
                &[("path", target.folder.clone())],
                format!("the folder {:?} does not exist", target.folder),
            ));
        }
        let (lang, builtin, layout) = options(&settings)?;
        let (cards, logo) = self.cards(term_id, &scope, &settings, lang).await?;
        let name = job_name(&cards, &scope, lang);
        let combined = target.combined.then(|| folder.join(format!("{name}.pdf")));
        let dir = target.per_student.then(|| folder.join(&name));
        {
            let mut folders = self.printing.folders.lock().expect("folders");
            folders.push(folder.clone());
            folders.extend(dir.clone());
        }
        let running = Arc::new(Running {
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(cards.len()),
            cancel: AtomicBool::new(false),
            outcome: Mutex::new(None),
        });
        let id = uuid::Uuid::now_v7().to_string();
        self.printing
            .jobs
            .lock()
            .expect("jobs")
            .insert(id.clone(), running.clone());
        let assets = Assets {
            logo: logo.map(|b| Asset::new("the school logo", b)),
            signature: None,
        };
        let written = self.printing.written.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let outcome = run_job(&running, &cards, builtin, &layout, &assets, combined, dir);
            if let Ok(o) = &outcome {
                written
                    .lock()
                    .expect("written")
                    .extend(o.files.iter().cloned());
            }
            *running.outcome.lock().expect("outcome") = Some(outcome);
        });
        Ok(id)
    }

    pub async fn print_job(&self, id: &str) -> UiResult<PrintJob> {
        // Only while someone is signed in: not the next user of the window.
        self.actor().await?;
        let running = self
            .printing
            .jobs
            .lock()
            .expect("jobs")
            .get(id)
            .cloned()
            .ok_or_else(|| refused("print_no_job", &[], "no such print job".into()))?;
        let outcome = running.outcome.lock().expect("outcome");
        let mut job = PrintJob {
            id: id.to_string(),
            done: running.done.load(Ordering::Relaxed) as i32,
            total: running.total.load(Ordering::Relaxed) as i32,
            finished: outcome.is_some(),
            cancelled: false,
            error: None,
            files: Vec::new(),
            drafts: 0,
            template_problems: Vec::new(),
        };
        match outcome.as_ref() {
            Some(Ok(o)) => {
                job.cancelled = o.cancelled;
                job.files = o.files.iter().map(|p| p.display().to_string()).collect();
                job.drafts = o.drafts as i32;
                job.template_problems = o.template_problems.clone();
            }
            Some(Err(e)) => job.error = Some(e.clone()),
            None => {}
        }
        Ok(job)
    }

    pub async fn print_cancel(&self, id: &str) -> UiResult<()> {
        self.actor().await?;
        if let Some(running) = self.printing.jobs.lock().expect("jobs").get(id) {
            running.cancel.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    /// One student's card in a temporary file, opened with the system's
    /// PDF viewer: the preview before printing a class.
    pub async fn print_preview(
        &self,
        term_id: Id,
        student_id: Id,
        settings: PrintSettings,
    ) -> UiResult<String> {
        let (lang, builtin, layout) = options(&settings)?;
        let settings = PrintSettings {
            allow_incomplete: true,
            ..settings
        };
        let (cards, logo) = self
            .cards(
                term_id,
                &PrintScope::Student { student_id },
                &settings,
                lang,
            )
            .await?;
        let assets = Assets {
            logo: logo.map(|b| Asset::new("the school logo", b)),
            signature: None,
        };
        let copies: Vec<_> = cards.iter().map(|c| c.card.clone()).collect();
        let pdf = tauri::async_runtime::spawn_blocking(move || {
            engine().render(
                &Template::builtin(builtin),
                &layout,
                &assets,
                &Options::default(),
                &copies,
                &mut |_| true,
            )
        })
        .await
        .map_err(|e| refused("print_failed", &[("reason", e.to_string())], e.to_string()))?
        .map_err(print_error)?
        .0;
        let path = std::env::temp_dir().join(format!("{}.pdf", cards[0].file_stem));
        write_file_whole(&path, &pdf, true).map_err(|e| file_error(&path, e))?;
        self.printing
            .written
            .lock()
            .expect("written")
            .push(path.clone());
        open_with_system(&path)?;
        Ok(path.display().to_string())
    }

    /// Lets `print_open` open a file written outside a print job (a
    /// receipt, see `fees.rs`).
    pub(crate) fn remember_written(&self, path: PathBuf) {
        self.printing.written.lock().expect("written").push(path);
    }

    /// Where print jobs write unless the user chooses: the user's documents
    /// folder (or home).
    pub fn print_folder_default(&self) -> String {
        directories::UserDirs::new()
            .map(|d| d.document_dir().unwrap_or(d.home_dir()).to_path_buf())
            .unwrap_or_else(std::env::temp_dir)
            .display()
            .to_string()
    }

    /// Opens a file a print job of this run wrote, or a folder one wrote
    /// into (never another path the page names).
    pub async fn print_open(&self, path: &str) -> UiResult<()> {
        self.actor().await?;
        let path = PathBuf::from(path);
        let known = self
            .printing
            .written
            .lock()
            .expect("written")
            .contains(&path)
            || self
                .printing
                .folders
                .lock()
                .expect("folders")
                .contains(&path);
        if !known {
            return Err(refused(
                "print_open_unknown",
                &[("path", path.display().to_string())],
                format!("{} was not written by a print job here", path.display()),
            ));
        }
        open_with_system(&path)
    }
}

fn open_with_system(path: &Path) -> UiResult<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            refused(
                "print_open_failed",
                &[
                    ("path", path.display().to_string()),
                    ("reason", e.to_string()),
                ],
                format!("cannot open {}: {e}", path.display()),
            )
        })
}

fn run_job(
    running: &Running,
    cards: &[PrintedCard],
    builtin: Builtin,
    layout: &Layout,
    assets: &Assets,
    combined: Option<PathBuf>,
    dir: Option<PathBuf>,
) -> Result<Outcome, UiError> {
    let template = Template::builtin(builtin);
    let copies: Vec<_> = cards.iter().map(|c| c.card.clone()).collect();
    let mut outcome = Outcome {
        drafts: copies.iter().filter(|c| c.draft).count(),
        ..Outcome::default()
    };
    let steps = usize::from(combined.is_some()) + usize::from(dir.is_some());
    running.total.store(copies.len() * steps, Ordering::Relaxed);
    let mut base = 0;
    let progress = |p: schooldesk_print::Progress, base: usize| {
        running.done.store(base + p.done, Ordering::Relaxed);
        !running.cancel.load(Ordering::Relaxed)
    };
    if let Some(path) = combined {
        // Written as the batches finish (memory stays flat for a whole
        // school), into a temporary file named only when complete; a
        // cancelled or failed job leaves no file.
        let mut whole = WholeFile::create(&path, true).map_err(|e| file_error(&path, e))?;
        let rendered = engine().render_to(
            &template,
            layout,
            assets,
            &Options::default(),
            &copies,
            &mut |p| progress(p, base),
            std::io::BufWriter::new(whole.file()),
        );
        match rendered.map(|(_, report)| report) {
            Ok(report) => {
                outcome
                    .template_problems
                    .extend(report.template_problems.iter().map(|p| p.to_string()));
                whole.commit().map_err(|e| file_error(&path, e))?;
                outcome.files.push(path);
            }
            Err(schooldesk_print::PrintError::Cancelled) => {
                outcome.cancelled = true;
                return Ok(outcome);
            }
            Err(e) => return Err(print_error(e)),
        }
        base += copies.len();
    }
    if let Some(dir) = dir {
        std::fs::create_dir_all(&dir).map_err(|e| file_error(&dir, e))?;
        let mut files = Vec::new();
        let result = engine().render_each(
            &template,
            layout,
            assets,
            &Options::default(),
            &copies,
            &mut |p| progress(p, base),
            &mut |index, _, pdf| {
                let path = dir.join(format!("{}.pdf", cards[index].file_stem));
                write_file_whole(&path, &pdf, true).map_err(|e| {
                    schooldesk_print::PrintError::Sink(format!(
                        "cannot write {}: {e}",
                        path.display()
                    ))
                })?;
                files.push(path);
                Ok(())
            },
        );
        outcome.files.extend(files);
        match result {
            Ok(_) => {}
            Err(schooldesk_print::PrintError::Cancelled) => outcome.cancelled = true,
            Err(e) => return Err(print_error(e)),
        }
    }
    Ok(outcome)
}
