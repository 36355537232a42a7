//! What the command-line tests share: running `schooldesk` as a signed-in
//! user, reading what it said, a fresh demo school with its logins, and a
//! PDF's text (folded out of the `exam`, `qbank` and `fees` tests).
#![allow(dead_code)]

use std::process::{Command, Output, Stdio};

/// Runs `schooldesk ARGS` on `db` signed in as `login` (login, password).
pub fn schooldesk(db: &str, login: &(String, String), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schooldesk"))
        .args(args)
        .env("SCHOOLDESK_DATABASE_URL", db)
        .env("SCHOOLDESK_LOGIN", &login.0)
        .env("SCHOOLDESK_PASSWORD", &login.1)
        .stdin(Stdio::null())
        .output()
        .expect("run schooldesk")
}

/// What a run printed, its output then its errors.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(out));
    text(out)
}

/// A demo school in a new SQLite file of `dir`: its database URL, what
/// `demo` said, and its administrator's login and password.
pub struct Demo {
    pub db: String,
    pub said: String,
    pub admin: (String, String),
}

pub fn demo(dir: &std::path::Path) -> Demo {
    let db = format!("sqlite:{}", dir.join("school.db").display());
    let nobody = (String::new(), String::new());
    let said = ok(&schooldesk(&db, &nobody, &["demo"]));
    let row = said
        .lines()
        .skip_while(|l| !l.starts_with("login"))
        .nth(1)
        .expect("the demo's logins");
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(cols[1].contains("admin"), "{row}");
    let admin = (cols[0].to_string(), cols[2].to_string());
    Demo { db, said, admin }
}

/// A PDF's text, its layout kept.
pub fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", &path.display().to_string(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/install-deps.sh)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh SQLite school in `dir` filled by `schooldesk demo`: its URL and
/// the logins the demo printed (login, roles, password), in its order.
pub fn demo_school(dir: &std::path::Path) -> (String, Vec<(String, String, String)>) {
    let db = format!("sqlite:{}", dir.join("school.db").display());
    let nobody = (String::new(), String::new());
    let demo = schooldesk(&db, &nobody, &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let out = String::from_utf8_lossy(&demo.stdout).into_owned();
    let logins: Vec<(String, String, String)> = out
        .lines()
        .skip_while(|l| !l.starts_with("login"))
        .skip(1)
        .map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>())
        .take_while(|c| c.len() >= 3)
        .map(|c| (c[0].clone(), c[1].clone(), c[2].clone()))
        .collect();
    assert!(!logins.is_empty(), "the demo's logins:\n{out}");
    (db, logins)
}

/// The first demo login whose roles name `role`, as (login, password).
pub fn login_of(logins: &[(String, String, String)], role: &str) -> (String, String) {
    let (login, _, password) = logins
        .iter()
        .find(|(_, roles, _)| roles.contains(role))
        .unwrap_or_else(|| panic!("no {role} login among {logins:?}"));
    (login.clone(), password.clone())
}
