//! `schooldesk timetable …` as a school runs it: a real FET file in, a
//! solved file out, and the solver's stop rule on the command line.

use std::process::{Command, Output};

const SMALL: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Brazil/2/EEBLJ-Noturno.fet";

fn schooldesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_schooldesk"))
}

/// A run's standard output, once it has exited with success (else its
/// output and errors are the failure's message).
fn succeeded(run: &Output) -> String {
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    stdout
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
    let stdout = succeeded(&run);
    assert!(
        stdout.contains("0 unplaced, 0 hard rule(s) broken"),
        "{stdout}"
    );
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

/// Three lessons of one teacher, on one day at most but two a day at most:
/// no timetable exists, whatever the time allowed.
const OVERCONSTRAINED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Test</Institution_Name>
<Days_List><Number_of_Days>2</Number_of_Days><Day><Name>Mon</Name></Day><Day><Name>Tue</Name></Day></Days_List>
<Hours_List><Number_of_Hours>4</Number_of_Hours><Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour><Hour><Name>4</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>Math</Name></Subject></Subjects_List>
<Teachers_List><Teacher><Name>Bu Sari</Name></Teacher><Teacher><Name>Pak Adi</Name></Teacher></Teachers_List>
<Students_List><Year><Name>7A</Name><Number_of_Students>30</Number_of_Students></Year><Year><Name>7B</Name><Number_of_Students>30</Number_of_Students></Year></Students_List>
<Activities_List>
<Activity><Teacher>Bu Sari</Teacher><Subject>Math</Subject><Students>7A</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>1</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Teacher>Bu Sari</Teacher><Subject>Math</Subject><Students>7A</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>2</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Teacher>Bu Sari</Teacher><Subject>Math</Subject><Students>7B</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>3</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Teacher>Pak Adi</Teacher><Subject>Math</Subject><Students>7B</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>4</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
</Activities_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage></ConstraintBasicCompulsoryTime>
<ConstraintTeacherMaxDaysPerWeek><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Bu Sari</Teacher_Name><Max_Days_Per_Week>1</Max_Days_Per_Week></ConstraintTeacherMaxDaysPerWeek>
<ConstraintTeacherMaxHoursDaily><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Bu Sari</Teacher_Name><Maximum_Hours_Daily>2</Maximum_Hours_Daily></ConstraintTeacherMaxHoursDaily>
<ConstraintTeacherNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Teacher>Pak Adi</Teacher><Number_of_Not_Available_Times>1</Number_of_Not_Available_Times><Not_Available_Time><Day>Tue</Day><Hour>4</Hour></Not_Available_Time></ConstraintTeacherNotAvailableTimes>
</Time_Constraints_List>
<Space_Constraints_List><ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage></ConstraintBasicCompulsorySpace></Space_Constraints_List>
</fet>"#;

#[test]
fn an_unsolvable_file_is_explained_with_the_constraints_that_clash() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("over.fet");
    std::fs::write(&input, OVERCONSTRAINED).unwrap();
    let run = schooldesk()
        .args([
            "timetable",
            "solve",
            "--threads",
            "1",
            "--time-limit",
            "5",
            "--explain",
        ])
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("out.fet"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("still broken ("), "{stderr}");
    assert!(stderr.contains("Bu Sari"), "{stderr}");
    assert!(
        stderr.contains("these 2 hard constraints could not be satisfied together"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("- Teacher max days per week — teacher name: Bu Sari; max days per week: 1"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("- Teacher max hours daily — teacher name: Bu Sari; maximum hours daily: 2"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Pak Adi; "),
        "the unrelated constraint is not blamed: {stderr}"
    );
}

/// `bench --rerun-missed`: after the table at `--time-limit`, a second
/// table at the longer limit over only the files either tool left unsolved,
/// each with its own summary row. One file both solve at once (FET in 0.1 s,
/// we in less: the 10 s limit is only a hang guard) and one no timetable
/// exists for (fet-cl refuses it, we search to the limit), so which files
/// go round again does not depend on the machine's load.
#[test]
fn bench_runs_the_files_either_missed_again_at_the_longer_limit() {
    let dir = tempfile::tempdir().unwrap();
    let impossible = dir.path().join("overconstrained.fet");
    std::fs::write(&impossible, OVERCONSTRAINED).unwrap();
    let run = schooldesk()
        .args(["timetable", "bench", SMALL])
        .arg(&impossible)
        .args([
            "--time-limit",
            "10",
            "--polish",
            "0",
            "--rerun-missed",
            "11",
        ])
        .output()
        .unwrap();
    let stdout = succeeded(&run);
    let (first, again) = stdout
        .split_once("again at 11 s, the 1 file(s) either left unsolved at 10 s:")
        .unwrap_or_else(|| panic!("no second pass: {stdout}"));
    let row = |table: &str, name: &str| -> Option<Vec<String>> {
        table
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l.split_whitespace().map(str::to_string).collect())
    };
    // instance, supported, ours, FET, …
    let small = row(first, "EEBLJ-Noturno.fet").expect("the solved file's row");
    assert_eq!(small[1..4], ["yes", "yes", "yes"], "{first}");
    let over = row(first, "overconstrained.fet").expect("the impossible file's row");
    assert_eq!(over[1..4], ["yes", "no", "ref."], "{first}");
    assert!(first.contains("solved: ours 1/2, FET 1/2;"), "{first}");
    assert!(row(again, "EEBLJ-Noturno.fet").is_none(), "{again}");
    let over = row(again, "overconstrained.fet").expect("run again");
    assert_eq!(over[1..4], ["yes", "no", "ref."], "{again}");
    assert!(again.contains("solved: ours 0/1, FET 0/1;"), "{again}");
}

#[test]
fn a_rerun_no_longer_than_the_first_limit_is_refused_with_both_names() {
    let run = schooldesk()
        .args(["timetable", "bench", SMALL])
        .args(["--time-limit", "20", "--rerun-missed", "20"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("--rerun-missed 20 must be longer than --time-limit 20"),
        "{stderr}"
    );
    assert!(run.stdout.is_empty(), "nothing was run");
}
