//! `schooldesk timetable …` as a school runs it: a real FET file in, a
//! solved file out, and the solver's stop rule on the command line.

use std::process::Command;

const SMALL: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Brazil/2/EEBLJ-Noturno.fet";

fn schooldesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_schooldesk"))
}

#[test]
fn solve_reports_the_first_complete_timetable_and_polish_0_returns_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("solved.fet");
    let run = schooldesk()
        .args([
            "timetable",
            "solve",
            SMALL,
            "--threads",
            "1",
            "--polish",
            "0",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("0 hard violations"), "{stdout}");
    assert!(stdout.contains("(first complete timetable: "), "{stdout}");
    assert!(
        !stdout.contains("first complete timetable: none"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("<Permanently_Locked>true</Permanently_Locked>"),
        "the solution is written as locked placements"
    );
}

#[test]
fn a_negative_polish_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let run = schooldesk()
        .args(["timetable", "solve", SMALL, "--polish=-1"])
        .arg("--out")
        .arg(dir.path().join("x.fet"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("--polish -1"), "{stderr}");
    assert!(!dir.path().join("x.fet").exists());
}
