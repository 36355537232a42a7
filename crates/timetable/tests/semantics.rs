//! Small hand-made instances, one constraint at a time, and the bad inputs
//! the reader must refuse with a clear message.

use schooldesk_timetable::fet::{self, FetError};
use schooldesk_timetable::{check, Placement, Slot, Timetable};

/// A school of 2 days × 6 hours, teachers T1 and T2, class 7A with
/// subgroups 7A1 and 7A2, rooms R1 (30 seats) and Lab (10 seats), and one
/// activity per entry of `activities` (teacher, students, duration, tag).
fn school(activities: &[(&str, &str, u16, &str)], time: &str, space: &str) -> String {
    let mut acts = String::new();
    for (i, (t, s, d, tag)) in activities.iter().enumerate() {
        let tag = if tag.is_empty() {
            String::new()
        } else {
            format!("<Activity_Tag>{tag}</Activity_Tag>")
        };
        acts.push_str(&format!(
            "<Activity><Teacher>{t}</Teacher><Subject>Math</Subject>{tag}<Students>{s}</Students><Duration>{d}</Duration><Total_Duration>{d}</Total_Duration><Id>{}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>",
            i + 1
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Test</Institution_Name>
<Days_List><Number_of_Days>2</Number_of_Days><Day><Name>Mon</Name></Day><Day><Name>Tue</Name></Day></Days_List>
<Hours_List><Number_of_Hours>6</Number_of_Hours><Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour><Hour><Name>4</Name></Hour><Hour><Name>5</Name></Hour><Hour><Name>6</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>Math</Name></Subject></Subjects_List>
<Activity_Tags_List><Activity_Tag><Name>lab</Name></Activity_Tag></Activity_Tags_List>
<Teachers_List><Teacher><Name>T1</Name></Teacher><Teacher><Name>T2</Name></Teacher></Teachers_List>
<Students_List><Year><Name>7</Name><Number_of_Students>40</Number_of_Students>
  <Group><Name>7A</Name><Number_of_Students>20</Number_of_Students>
    <Subgroup><Name>7A1</Name><Number_of_Students>10</Number_of_Students></Subgroup>
    <Subgroup><Name>7A2</Name><Number_of_Students>10</Number_of_Students></Subgroup>
  </Group>
  <Group><Name>7B</Name><Number_of_Students>20</Number_of_Students></Group>
</Year></Students_List>
<Activities_List>{acts}</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List><Room><Name>R1</Name><Building></Building><Capacity>30</Capacity></Room><Room><Name>Lab</Name><Building></Building><Capacity>10</Capacity></Room></Rooms_List>
<Time_Constraints_List><ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage></ConstraintBasicCompulsoryTime>{time}</Time_Constraints_List>
<Space_Constraints_List><ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage></ConstraintBasicCompulsorySpace>{space}</Space_Constraints_List>
</fet>"#
    )
}

fn at(day: u16, hour: u16) -> Placement {
    Placement {
        start: Some(Slot { day, hour }),
        room: None,
    }
}

fn in_room(day: u16, hour: u16, room: u32) -> Placement {
    Placement {
        start: Some(Slot { day, hour }),
        room: Some(room),
    }
}

/// Soft cost and hard count of `placements` under the file `xml`.
fn judge(xml: &str, placements: &[Placement]) -> (f64, usize) {
    let inst = fet::read(xml).unwrap().instance;
    let report = check(
        &inst,
        &Timetable {
            placements: placements.to_vec(),
        },
    );
    assert_eq!(report.unplaced, 0);
    (
        (report.soft_cost() * 1000.0).round() / 1000.0,
        report.hard_count(),
    )
}

#[test]
fn subgroups_and_groups_conflict_through_their_atoms() {
    let xml = school(
        &[
            ("T1", "7A", 1, ""),
            ("T2", "7A1", 1, ""),
            ("T2", "7B", 1, ""),
        ],
        "",
        "",
    );
    // 7A contains 7A1: same slot clashes. 7B is separate.
    assert_eq!(judge(&xml, &[at(0, 0), at(0, 0), at(0, 1)]).1, 1);
    assert_eq!(judge(&xml, &[at(0, 0), at(0, 1), at(0, 2)]).1, 0);
    // T2 twice at once clashes too (7A1 and 7B share no students).
    assert_eq!(judge(&xml, &[at(0, 0), at(0, 1), at(0, 1)]).1, 1);
    // All three at once: T2 twice, and 7A with its own subgroup 7A1.
    assert_eq!(judge(&xml, &[at(0, 0), at(0, 0), at(0, 0)]).1, 2);
}

#[test]
fn teacher_gaps_skip_breaks_and_unavailable_hours() {
    let acts = [("T1", "7A", 1, ""), ("T1", "7B", 1, "")];
    let gaps = "<ConstraintTeacherMaxGapsPerWeek><Weight_Percentage>50</Weight_Percentage><Teacher_Name>T1</Teacher_Name><Max_Gaps>0</Max_Gaps></ConstraintTeacherMaxGapsPerWeek>";
    let xml = school(&acts, gaps, "");
    assert_eq!(
        judge(&xml, &[at(0, 0), at(0, 3)]),
        (1.0, 0),
        "two gaps at 50%"
    );
    let with_break = format!("{gaps}<ConstraintBreakTimes><Weight_Percentage>100</Weight_Percentage><Break_Time><Day>Mon</Day><Hour>2</Hour></Break_Time></ConstraintBreakTimes>");
    assert_eq!(
        judge(&school(&acts, &with_break, ""), &[at(0, 0), at(0, 3)]),
        (0.5, 0),
        "a break is no gap"
    );
    assert_eq!(
        judge(&school(&acts, &with_break, ""), &[at(0, 0), at(0, 1)]).1,
        1,
        "nothing may sit on a break"
    );
    let per_day = "<ConstraintTeachersMaxGapsPerDay><Weight_Percentage>100</Weight_Percentage><Max_Gaps>1</Max_Gaps></ConstraintTeachersMaxGapsPerDay>";
    assert_eq!(
        judge(&school(&acts, per_day, ""), &[at(0, 0), at(0, 2)]).1,
        0
    );
    assert_eq!(
        judge(&school(&acts, per_day, ""), &[at(0, 0), at(0, 3)]).1,
        1
    );
}

#[test]
fn students_begin_early() {
    let acts = [("T1", "7B", 1, ""), ("T2", "7B", 1, "")];
    let early = "<ConstraintStudentsEarlyMaxBeginningsAtSecondHour><Weight_Percentage>100</Weight_Percentage><Max_Beginnings_At_Second_Hour>1</Max_Beginnings_At_Second_Hour></ConstraintStudentsEarlyMaxBeginningsAtSecondHour>";
    let xml = school(&acts, early, "");
    assert_eq!(judge(&xml, &[at(0, 0), at(1, 0)]).1, 0);
    assert_eq!(
        judge(&xml, &[at(0, 1), at(1, 0)]).1,
        0,
        "one second-hour start allowed"
    );
    assert_eq!(
        judge(&xml, &[at(0, 1), at(1, 1)]).1,
        1,
        "two are one too many"
    );
    assert_eq!(
        judge(&xml, &[at(0, 2), at(1, 0)]).1,
        1,
        "a third-hour start is never allowed"
    );
}

#[test]
fn consecutive_grouped_min_days_and_same_start() {
    let acts = [
        ("T1", "7A", 1, ""),
        ("T1", "7A", 2, ""),
        ("T2", "7B", 1, ""),
    ];
    let consecutive = "<ConstraintTwoActivitiesConsecutive><Weight_Percentage>100</Weight_Percentage><First_Activity_Id>1</First_Activity_Id><Second_Activity_Id>2</Second_Activity_Id></ConstraintTwoActivitiesConsecutive>";
    let xml = school(&acts, consecutive, "");
    assert_eq!(judge(&xml, &[at(0, 0), at(0, 1), at(1, 0)]).1, 0);
    assert_eq!(
        judge(&xml, &[at(0, 2), at(0, 0), at(1, 0)]).1,
        1,
        "order matters"
    );
    let grouped = consecutive.replace("TwoActivitiesConsecutive", "TwoActivitiesGrouped");
    assert_eq!(
        judge(
            &school(&acts, &grouped, ""),
            &[at(0, 2), at(0, 0), at(1, 0)]
        )
        .1,
        0,
        "grouped: either order"
    );
    let min_days = "<ConstraintMinDaysBetweenActivities><Weight_Percentage>95</Weight_Percentage><Consecutive_If_Same_Day>true</Consecutive_If_Same_Day><Number_of_Activities>2</Number_of_Activities><Activity_Id>1</Activity_Id><Activity_Id>2</Activity_Id><MinDays>1</MinDays></ConstraintMinDaysBetweenActivities>";
    let xml = school(&acts, min_days, "");
    assert_eq!(judge(&xml, &[at(0, 0), at(1, 0), at(1, 2)]), (0.0, 0));
    assert_eq!(
        judge(&xml, &[at(0, 0), at(0, 1), at(1, 0)]),
        (0.95, 0),
        "same day, adjacent: soft only"
    );
    assert_eq!(
        judge(&xml, &[at(0, 0), at(0, 3), at(1, 0)]),
        (0.95, 1),
        "same day, apart: hard"
    );
    let same = "<ConstraintActivitiesSameStartingTime><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities><Activity_Id>1</Activity_Id><Activity_Id>3</Activity_Id></ConstraintActivitiesSameStartingTime>";
    assert_eq!(
        judge(&school(&acts, same, ""), &[at(0, 0), at(0, 1), at(0, 0)]).1,
        0
    );
    assert_eq!(
        judge(&school(&acts, same, ""), &[at(0, 0), at(0, 1), at(1, 0)]).1,
        1
    );
}

#[test]
fn daily_limits_and_days_count_as_fet_does() {
    let acts = [
        ("T1", "7A", 2, ""),
        ("T1", "7B", 2, ""),
        ("T1", "7A", 1, ""),
    ];
    let max_daily = "<ConstraintTeacherMaxHoursDaily><Weight_Percentage>90</Weight_Percentage><Teacher_Name>T1</Teacher_Name><Maximum_Hours_Daily>3</Maximum_Hours_Daily></ConstraintTeacherMaxHoursDaily>";
    // 5 hours on one day: one broken day, not two hours, costs 0.9.
    assert_eq!(
        judge(
            &school(&acts, max_daily, ""),
            &[at(0, 0), at(0, 2), at(0, 4)]
        ),
        (0.9, 0)
    );
    let max_days = "<ConstraintTeacherMaxDaysPerWeek><Weight_Percentage>50</Weight_Percentage><Teacher_Name>T1</Teacher_Name><Max_Days_Per_Week>1</Max_Days_Per_Week></ConstraintTeacherMaxDaysPerWeek>";
    // Two days, the lighter with 1 hour: 1 hour would have to move.
    assert_eq!(
        judge(
            &school(&acts, max_days, ""),
            &[at(0, 0), at(0, 2), at(1, 0)]
        ),
        (0.5, 0)
    );
    let min_daily = "<ConstraintTeacherMinHoursDaily><Weight_Percentage>100</Weight_Percentage><Teacher_Name>T1</Teacher_Name><Minimum_Hours_Daily>2</Minimum_Hours_Daily><Allow_Empty_Days>true</Allow_Empty_Days></ConstraintTeacherMinHoursDaily>";
    assert_eq!(
        judge(
            &school(&acts, min_daily, ""),
            &[at(0, 0), at(0, 2), at(1, 0)]
        )
        .1,
        1
    );
    assert_eq!(
        judge(
            &school(&acts, min_daily, ""),
            &[at(0, 0), at(0, 2), at(0, 4)]
        )
        .1,
        0,
        "an empty day is allowed"
    );
    let strict = min_daily.replace("<Allow_Empty_Days>true", "<Allow_Empty_Days>false");
    assert_eq!(
        judge(&school(&acts, &strict, ""), &[at(0, 0), at(0, 2), at(0, 4)]).1,
        1,
        "now the empty day counts"
    );
    let continuous = "<ConstraintTeachersMaxHoursContinuously><Weight_Percentage>100</Weight_Percentage><Maximum_Hours_Continuously>4</Maximum_Hours_Continuously></ConstraintTeachersMaxHoursContinuously>";
    assert_eq!(
        judge(
            &school(&acts, continuous, ""),
            &[at(0, 0), at(0, 2), at(0, 4)]
        )
        .1,
        1
    );
    assert_eq!(
        judge(
            &school(&acts, continuous, ""),
            &[at(0, 0), at(0, 3), at(0, 2)]
        )
        .1,
        1
    );
    assert_eq!(
        judge(
            &school(&acts, continuous, ""),
            &[at(0, 0), at(0, 3), at(1, 0)]
        )
        .1,
        0
    );
}

#[test]
fn rooms_capacity_preferences_and_home_rooms() {
    let acts = [("T1", "7A", 1, "lab"), ("T2", "7B", 1, "")];
    // 7A has 20 students; the Lab seats 10.
    assert_eq!(
        judge(
            &school(&acts, "", ""),
            &[in_room(0, 0, 1), in_room(0, 0, 0)]
        )
        .1,
        1
    );
    assert_eq!(
        judge(
            &school(&acts, "", ""),
            &[in_room(0, 0, 0), in_room(0, 0, 0)]
        )
        .1,
        1,
        "one room, two classes"
    );
    let home = "<ConstraintStudentsSetHomeRoom><Weight_Percentage>100</Weight_Percentage><Students>7B</Students><Room>R1</Room></ConstraintStudentsSetHomeRoom>";
    assert_eq!(
        judge(
            &school(&acts, "", home),
            &[in_room(0, 0, 0), in_room(0, 1, 0)]
        )
        .1,
        0
    );
    assert_eq!(
        judge(&school(&acts, "", home), &[in_room(0, 0, 0), at(0, 1)]).1,
        1,
        "no room is not the home room"
    );
    let tag_rooms = "<ConstraintActivityTagPreferredRooms><Weight_Percentage>100</Weight_Percentage><Activity_Tag>lab</Activity_Tag><Number_of_Preferred_Rooms>1</Number_of_Preferred_Rooms><Preferred_Room>R1</Preferred_Room></ConstraintActivityTagPreferredRooms>";
    let teacher_home = "<ConstraintTeacherHomeRoom><Weight_Percentage>100</Weight_Percentage><Teacher>T1</Teacher><Room>Lab</Room></ConstraintTeacherHomeRoom>";
    let both = format!("{tag_rooms}{teacher_home}");
    assert_eq!(
        judge(&school(&acts, "", &both), &[in_room(0, 0, 0), at(0, 1)]).1,
        0,
        "a preferred room overrides the home room"
    );
    let unavailable = "<ConstraintRoomNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Room>R1</Room><Number_of_Not_Available_Times>1</Number_of_Not_Available_Times><Not_Available_Time><Day>Mon</Day><Hour>1</Hour></Not_Available_Time></ConstraintRoomNotAvailableTimes>";
    assert_eq!(
        judge(
            &school(&acts, "", unavailable),
            &[in_room(0, 0, 0), at(0, 1)]
        )
        .1,
        1
    );
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    assert!(matches!(
        fet::read("this is a timetable, honest"),
        Err(FetError::NotXml(_))
    ));
    assert!(matches!(fet::read("<school/>"), Err(FetError::NotFet(name)) if name == "school"));
    let v9 = school(&[], "", "").replace("version=\"6.8.5\"", "version=\"9.0.0\"");
    assert_eq!(
        fet::read(&v9).unwrap_err().to_string(),
        "FET file version \"9.0.0\" is not one this reader knows (FET 5 and 6 files are)"
    );
    let ghost = school(&[("Ghost", "7A", 1, "")], "", "");
    assert_eq!(
        fet::read(&ghost).unwrap_err().to_string(),
        "activity 1: teacher \"Ghost\" is not in the file's teacher list"
    );
    let long = school(&[("T1", "7A", 7, "")], "", "");
    assert_eq!(
        fet::read(&long).unwrap_err().to_string(),
        "activity 1: duration 7 does not fit in a day of 6 hours"
    );
    let bad_ref = school(&[("T1", "7A", 1, "")], "<ConstraintActivitiesNotOverlapping><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities><Activity_Id>1</Activity_Id><Activity_Id>99</Activity_Id></ConstraintActivitiesNotOverlapping>", "");
    assert!(fet::read(&bad_ref)
        .unwrap_err()
        .to_string()
        .contains("activity 99 does not exist"));
    // Unknown elements are reported, and unknown constraint types listed.
    let odd = school(&[("T1", "7A", 1, "")], "<ConstraintTeacherMinRestingHours><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintTeacherMinRestingHours>", "")
        .replace("<Institution_Name>", "<Favourite_Colour>blue</Favourite_Colour><Institution_Name>");
    let import = fet::read(&odd).unwrap();
    assert_eq!(
        import.warnings,
        ["unknown element <Favourite_Colour> in <fet>"]
    );
    assert_eq!(
        import.instance.unsupported(),
        [("ConstraintTeacherMinRestingHours".to_string(), 1)]
    );
}

#[test]
fn impossible_instances_say_why() {
    // 13 one-hour lessons for T1 in a 2 × 6 week.
    let acts: Vec<(&str, &str, u16, &str)> = (0..13)
        .map(|i| ("T1", if i % 2 == 0 { "7A" } else { "7B" }, 1, ""))
        .collect();
    let inst = fet::read(&school(&acts, "", "")).unwrap().instance;
    assert_eq!(
        inst.impossibilities(),
        ["teacher T1 has 13 hours of lessons but only 12 open slots in the week"]
    );
    let fine = fet::read(&school(&acts[..12], "", "")).unwrap().instance;
    assert!(fine.impossibilities().is_empty());
}
