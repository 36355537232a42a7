//! The Schooldesk desktop shell: a Tauri window around `crates/app`.
//!
//! It owns the window, the settings file and the keychain; every school
//! record goes through a command in `commands.rs`, which calls the app layer
//! where permissions and validation live. The UI's own state (drafts, recent
//! items, column choices) is a file the shell owns too (`local.rs`), reached
//! through commands: the page opens no database itself.

// Commands answer with `UiError` by value (Tauri serialises it for the UI);
// errors are the cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod bindings;
pub mod commands;
pub mod fees;
pub mod gradesheet;
pub mod local;
pub mod printing;
pub mod qbank;
pub mod settings;
pub mod shell;
pub mod timetable_import;
pub mod timetabling;
pub mod wire;

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Milliseconds since the process started (for the launch-time figure). On
/// Linux this counts from the exec, dynamic loading of WebKit included, using
/// the kernel's start time of the process; elsewhere from `run()`.
pub fn since_start_ms() -> u128 {
    process_age_ms().unwrap_or_else(|| STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0))
}

fn process_age_ms() -> Option<u128> {
    // Field 22 of /proc/self/stat is the start time in clock ticks since
    // boot (USER_HZ, 100 on Linux); /proc/uptime is seconds since boot.
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(((uptime - start_ticks / 100.0) * 1000.0).max(0.0) as u128)
}

/// Settings that keep the window's process tree small on Linux, each
/// measured with scripts/measure-desktop.sh (whole tree, PSS, after opening
/// 3,000 students; figures in docs/ARCHITECTURE.md). Environment variables
/// reach WebKit's web and network processes, which start later as children.
/// Run first, before any thread exists (setting the environment is only
/// sound then). A variable already set by the user wins.
#[cfg(target_os = "linux")]
fn tune_linux_memory() {
    let set_default = |name: &str, value: &str| {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    };
    // WebKitGTK's accelerated compositing doubles the web process's memory
    // (271 -> 143 MB with the list) and is a known cause of blank windows on
    // old GPUs; forms and tables do not need it.
    if std::env::var_os("SCHOOLDESK_GPU_COMPOSITING").is_none() {
        set_default("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    // JavaScriptCore's JIT compilers cost the web process about 24 MB and
    // buy little for a UI of forms and tables: opening, sorting and
    // searching the 3,000-student list stay well under a third of a second
    // in its interpreter.
    if std::env::var_os("SCHOOLDESK_JS_JIT").is_none() {
        set_default("JSC_useJIT", "0");
    }
    // glibc's malloc: two arenas instead of one per thread, and blocks of
    // 128 KiB or more (a list's JSON, say) mapped and given back when freed,
    // instead of kept in the heap after the threshold grows. About 7 MB.
    set_default("MALLOC_ARENA_MAX", "2");
    set_default("MALLOC_MMAP_THRESHOLD_", "131072");
    // SAFETY: mallopt only changes the allocator's tuning, before any
    // other thread exists.
    #[cfg(target_env = "gnu")]
    #[allow(unsafe_code)]
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Starts the desktop app; returns when the window closes.
///
/// `--default-database`: on a computer with no saved choice, use the default
/// SQLite file without showing the database step of the wizard.
pub fn run() {
    STARTED.get_or_init(Instant::now);
    #[cfg(target_os = "linux")]
    tune_linux_memory();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    settings::use_os_keychain();
    let dirs = match settings::Dirs::from_os() {
        Ok(dirs) => dirs,
        Err(e) => {
            tracing::error!("{}", e.message);
            std::process::exit(1);
        }
    };
    let default_database = std::env::args().any(|a| a == "--default-database");
    let shell = tauri::async_runtime::block_on(shell::Shell::start(dirs, default_database));
    let built = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            use tauri::Manager;
            if let Ok(dir) = app.path().app_config_dir() {
                local::forget_page_database(&dir);
            }
            Ok(())
        })
        .manage(shell)
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!("../tauri.conf.json"));
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "the window could not start");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager as _;
            let shell = handle.state::<shell::Shell>();
            tauri::async_runtime::block_on(shell.close());
        }
    });
}
