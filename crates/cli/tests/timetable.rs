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
