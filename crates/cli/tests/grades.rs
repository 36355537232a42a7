//! `schooldesk grades export|import` as an office runs it (issue 12,
//! item 3): the file is written whole, a file of another class is refused
//! by name with a non-zero exit, a file that is no gradebook is refused.
//! The cell-by-cell rules are tested in schooldesk-app's
//! tests/gradebook_sheet.rs.

use std::process::{Command, Output, Stdio};

fn schooldesk(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schooldesk"))
        .args(args)
        .env("SCHOOLDESK_DATABASE_URL", db)
        .env("SCHOOLDESK_LOGIN", "kurikulum")
        .env("SCHOOLDESK_PASSWORD", "rahasia-123")
        .env("SCHOOLDESK_ADMIN_PASSWORD", "rahasia-123")
        .stdin(Stdio::null())
        .output()
        .expect("run schooldesk")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn failed(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected failure: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn gradebook_files_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("school.db").display());
    let path = |name: &str| dir.path().join(name).display().to_string();
    ok(&schooldesk(
        &db,
        &[
            "init",
            "--school-name",
            "SMP Negeri 1 Sukamaju",
            "--npsn",
            "20212345",
            "--address",
            "Jl. Pendidikan 1",
            "--principal",
            "Dra. Nuraini",
            "--admin-login",
            "kurikulum",
            "--year",
            "2025/2026",
        ],
    ));
    std::fs::write(path("classes.csv"), "name,grade_level\nVII-A,7\nVII-B,7\n").unwrap();
    ok(&schooldesk(
        &db,
        &["import", "classes", &path("classes.csv")],
    ));
    std::fs::write(path("subjects.csv"), "code,name\nMTK,Matematika\n").unwrap();
    ok(&schooldesk(
        &db,
        &["import", "subjects", &path("subjects.csv")],
    ));

    let which =
        |class: &'static str| ["--term", "Semester 1", "--class", class, "--subject", "MTK"];
    let b_file = path("b.xlsx");
    let mut args: Vec<&str> = vec!["grades", "export"];
    args.extend(which("VII-B"));
    args.push(&b_file);
    let out = ok(&schooldesk(&db, &args));
    assert!(out.contains("exported the gradebook of VII-B"), "{out}");
    let bytes = std::fs::read(path("b.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // VII-B's file opened as VII-A's: refused by name.
    let mut args: Vec<&str> = vec!["grades", "import"];
    args.extend(which("VII-A"));
    args.push(&b_file);
    let err = failed(&schooldesk(&db, &args));
    assert!(
        err.contains("this file is the gradebook of VII-B, Matematika, Semester 1; you opened VII-A, Matematika, Semester 1"),
        "{err}"
    );

    // Not a gradebook; an unknown class.
    std::fs::write(path("x.xlsx"), "No,NIS\n").unwrap();
    let x_file = path("x.xlsx");
    let mut args: Vec<&str> = vec!["grades", "import"];
    args.extend(which("VII-A"));
    args.push(&x_file);
    let err = failed(&schooldesk(&db, &args));
    assert!(err.contains("not an XLSX workbook"), "{err}");
    let mut args: Vec<&str> = vec!["grades", "export"];
    args.extend(which("IX-Z"));
    args.push(&x_file);
    let err = failed(&schooldesk(&db, &args));
    assert!(err.contains("there is no class \"IX-Z\""), "{err}");
}
