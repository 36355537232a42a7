//! Set-up shared by the CLI tests `exam` and `qbank`: running the binary
//! against a database with a login, and a fresh demo school with its
//! administrator.
#![allow(dead_code)]

use std::process::{Command, Output, Stdio};

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
