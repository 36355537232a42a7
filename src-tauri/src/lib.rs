//! The Schooldesk desktop shell: a Tauri window around `crates/app`.
//!
//! It owns the window, the settings file and the keychain; every school
//! record goes through a command in `commands.rs`, which calls the app layer
//! where permissions and validation live. The UI-local database (drafts,
//! column choices) is reached by the UI through `tauri-plugin-sql` and never
//! holds school data.

// Commands answer with `UiError` by value (Tauri serialises it for the UI);
// errors are the cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod bindings;
pub mod commands;
pub mod settings;
pub mod shell;
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

/// Starts the desktop app; returns when the window closes.
///
/// `--default-database`: on a computer with no saved choice, use the default
/// SQLite file without showing the database step of the wizard.
pub fn run() {
    STARTED.get_or_init(Instant::now);
    // WebKitGTK's accelerated compositing doubles the web process's memory
    // (measured: 271 MB -> 143 MB PSS with a 3,000-row list) and is a known
    // cause of blank windows on old GPUs; forms and tables do not need it.
    // Set SCHOOLDESK_GPU_COMPOSITING=1 to keep it. Done first, before any
    // thread exists.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && std::env::var_os("SCHOOLDESK_GPU_COMPOSITING").is_none()
    {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
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
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_sql::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(shell)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        tracing::error!(error = %e, "the window could not start");
        std::process::exit(1);
    }
}
