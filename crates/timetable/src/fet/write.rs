//! Writing a `.fet` file: the model as FET reads it, optionally with a
//! solution added as permanently locked starting times and rooms, so that
//! `fet-cl` on the written file re-checks our timetable with FET's own rules.

use crate::constraint::{ActivityFilter, Constraint, Kind};
use crate::model::*;
use std::fmt::Write as _;

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

struct Out<'a> {
    inst: &'a Instance,
    xml: String,
}

impl Out<'_> {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.xml.push('\t');
        }
        self.xml.push_str(text);
        self.xml.push('\n');
    }
    fn field(&mut self, indent: usize, tag: &str, value: &str) {
        let line = format!("<{tag}>{}</{tag}>", esc(value));
        self.line(indent, &line);
    }
    fn day(&self, d: u16) -> &str {
        &self.inst.days[d as usize]
    }
    fn hour(&self, h: u16) -> &str {
        &self.inst.hours[h as usize]
    }
    /// An interval of hours, end exclusive; FET writes the end of the day
    /// (which has no name) as an empty end hour.
    fn interval(&mut self, start: u16, end: u16) {
        let start = self.hour(start).to_string();
        let end = if end as usize >= self.inst.hours.len() {
            String::new()
        } else {
            self.hour(end).to_string()
        };
        self.field(1, "Interval_Start_Hour", &start);
        self.field(1, "Interval_End_Hour", &end);
    }
    /// The selected time slots of the selection constraints.
    fn selected(&mut self, slots: &[Slot]) {
        self.slots(
            "Selected_Time_Slot",
            "Selected_Day",
            "Selected_Hour",
            "Number_of_Selected_Time_Slots",
            slots,
        );
    }

    fn slots(
        &mut self,
        item: &str,
        day_tag: &str,
        hour_tag: &str,
        count_tag: &str,
        slots: &[Slot],
    ) {
        self.field(1, count_tag, &slots.len().to_string());
        for s in slots {
            self.line(1, &format!("<{item}>"));
            let (d, h) = (self.day(s.day).to_string(), self.hour(s.hour).to_string());
            self.field(2, day_tag, &d);
            self.field(2, hour_tag, &h);
            self.line(1, &format!("</{item}>"));
        }
    }
    fn activity_id(&self, index: u32) -> String {
        self.inst.activities[index as usize].id.to_string()
    }
    fn activities(&mut self, list: &[u32]) {
        self.field(1, "Number_of_Activities", &list.len().to_string());
        for a in list {
            let id = self.activity_id(*a);
            self.field(1, "Activity_Id", &id);
        }
    }
    fn filter(&mut self, f: &ActivityFilter) {
        let i = self.inst;
        let name = |list: &[String], x: Option<u32>| {
            x.map(|x| list[x as usize].clone()).unwrap_or_default()
        };
        self.field(1, "Teacher_Name", &name(&i.teachers, f.teacher));
        let students = f
            .students
            .map(|s| i.sets[s as usize].name.clone())
            .unwrap_or_default();
        self.field(1, "Students_Name", &students);
        self.field(1, "Subject_Name", &name(&i.subjects, f.subject));
        self.field(1, "Activity_Tag_Name", &name(&i.tags, f.tag));
        if let Some(d) = f.duration {
            self.field(1, "Duration", &d.to_string());
        }
    }
    fn rooms(&mut self, count_tag: &str, item: &str, rooms: &[u32]) {
        self.field(1, count_tag, &rooms.len().to_string());
        for r in rooms {
            let name = self.inst.rooms[*r as usize].name.clone();
            self.field(1, item, &name);
        }
    }

    fn constraint(&mut self, c: &Constraint) {
        let i = self.inst;
        let tag = c.kind.fet_name();
        self.line(0, &format!("<{tag}>"));
        self.field(1, "Weight_Percentage", &format_weight(c.weight));
        let teacher = |t: &u32| i.teachers[*t as usize].clone();
        let set = |s: &u32| i.sets[*s as usize].name.clone();
        let room = |r: &u32| i.rooms[*r as usize].name.clone();
        let tag_name = |g: &u32| i.tags[*g as usize].clone();
        let hours_limit = if tag.ends_with("Continuously") {
            "Maximum_Hours_Continuously"
        } else {
            "Maximum_Hours_Daily"
        };
        match &c.kind {
            Kind::BasicCompulsoryTime | Kind::BasicCompulsorySpace => {}
            Kind::BreakTimes { slots } => {
                self.slots("Break_Time", "Day", "Hour", "Number_of_Break_Times", slots)
            }
            Kind::TeacherNotAvailableTimes { teacher: t, slots } => {
                self.field(1, "Teacher", &teacher(t));
                self.slots(
                    "Not_Available_Time",
                    "Day",
                    "Hour",
                    "Number_of_Not_Available_Times",
                    slots,
                );
            }
            Kind::StudentsSetNotAvailableTimes { set: s, slots } => {
                self.field(1, "Students", &set(s));
                self.slots(
                    "Not_Available_Time",
                    "Day",
                    "Hour",
                    "Number_of_Not_Available_Times",
                    slots,
                );
            }
            Kind::RoomNotAvailableTimes { room: r, slots } => {
                self.field(1, "Room", &room(r));
                self.slots(
                    "Not_Available_Time",
                    "Day",
                    "Hour",
                    "Number_of_Not_Available_Times",
                    slots,
                );
            }
            Kind::ActivityPreferredStartingTime {
                activity,
                day,
                hour,
                locked,
            } => {
                let id = self.activity_id(*activity);
                self.field(1, "Activity_Id", &id);
                let d = day.map(|d| self.day(d).to_string()).unwrap_or_default();
                let h = hour.map(|h| self.hour(h).to_string()).unwrap_or_default();
                self.field(1, "Preferred_Day", &d);
                self.field(1, "Preferred_Hour", &h);
                self.field(1, "Permanently_Locked", bool_text(*locked));
            }
            Kind::ActivityPreferredStartingTimes { activity, slots } => {
                let id = self.activity_id(*activity);
                self.field(1, "Activity_Id", &id);
                self.slots(
                    "Preferred_Starting_Time",
                    "Preferred_Starting_Day",
                    "Preferred_Starting_Hour",
                    "Number_of_Preferred_Starting_Times",
                    slots,
                );
            }
            Kind::ActivityPreferredTimeSlots { activity, slots } => {
                let id = self.activity_id(*activity);
                self.field(1, "Activity_Id", &id);
                self.slots(
                    "Preferred_Time_Slot",
                    "Preferred_Day",
                    "Preferred_Hour",
                    "Number_of_Preferred_Time_Slots",
                    slots,
                );
            }
            Kind::ActivitiesPreferredStartingTimes { filter, slots } => {
                self.filter(filter);
                self.slots(
                    "Preferred_Starting_Time",
                    "Preferred_Starting_Day",
                    "Preferred_Starting_Hour",
                    "Number_of_Preferred_Starting_Times",
                    slots,
                );
            }
            Kind::ActivitiesPreferredTimeSlots { filter, slots } => {
                self.filter(filter);
                self.slots(
                    "Preferred_Time_Slot",
                    "Preferred_Day",
                    "Preferred_Hour",
                    "Number_of_Preferred_Time_Slots",
                    slots,
                );
            }
            Kind::SubactivitiesPreferredStartingTimes {
                component,
                filter,
                slots,
            } => {
                self.field(1, "Component_Number", &component.to_string());
                self.filter(filter);
                self.slots(
                    "Preferred_Starting_Time",
                    "Preferred_Starting_Day",
                    "Preferred_Starting_Hour",
                    "Number_of_Preferred_Starting_Times",
                    slots,
                );
            }
            Kind::SubactivitiesPreferredTimeSlots {
                component,
                filter,
                slots,
            } => {
                self.field(1, "Component_Number", &component.to_string());
                self.filter(filter);
                self.slots(
                    "Preferred_Time_Slot",
                    "Preferred_Day",
                    "Preferred_Hour",
                    "Number_of_Preferred_Time_Slots",
                    slots,
                );
            }
            Kind::MinDaysBetweenActivities {
                activities,
                min_days,
                consecutive_if_same_day,
            } => {
                self.field(
                    1,
                    "Consecutive_If_Same_Day",
                    bool_text(*consecutive_if_same_day),
                );
                self.activities(activities);
                self.field(1, "MinDays", &min_days.to_string());
            }
            Kind::ActivitiesSameStartingTime { activities }
            | Kind::ActivitiesNotOverlapping { activities }
            | Kind::ActivitiesSameStartingDay { activities }
            | Kind::ActivitiesSameStartingHour { activities } => self.activities(activities),
            Kind::MinGapsBetweenActivities {
                activities,
                min_gaps,
            } => {
                self.activities(activities);
                self.field(1, "MinGaps", &min_gaps.to_string());
            }
            Kind::MaxDaysBetweenActivities {
                activities,
                max_days,
            } => {
                self.activities(activities);
                self.field(1, "MaxDays", &max_days.to_string());
            }
            Kind::ThreeActivitiesGrouped { activities } => {
                for (tag, a) in [
                    "First_Activity_Id",
                    "Second_Activity_Id",
                    "Third_Activity_Id",
                ]
                .into_iter()
                .zip(activities)
                {
                    let id = self.activity_id(*a);
                    self.field(1, tag, &id);
                }
            }
            Kind::ActivityEndsStudentsDay { activity } => {
                let id = self.activity_id(*activity);
                self.field(1, "Activity_Id", &id);
            }
            Kind::ActivitiesEndStudentsDay { filter } => self.filter(filter),
            Kind::ActivitiesOccupyMaxTimeSlotsFromSelection {
                activities,
                slots,
                max,
            } => {
                self.activities(activities);
                self.selected(slots);
                self.field(1, "Max_Number_of_Occupied_Time_Slots", &max.to_string());
            }
            Kind::ActivitiesMaxSimultaneousInSelectedTimeSlots {
                activities,
                slots,
                max,
            } => {
                self.activities(activities);
                self.selected(slots);
                self.field(1, "Max_Number_of_Simultaneous_Activities", &max.to_string());
            }
            Kind::ActivitiesMinSimultaneousInSelectedTimeSlots {
                activities,
                slots,
                min,
                allow_empty,
            } => {
                self.activities(activities);
                self.selected(slots);
                self.field(1, "Min_Number_of_Simultaneous_Activities", &min.to_string());
                self.field(1, "Allow_Empty_Slots", bool_text(*allow_empty));
            }
            Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots {
                activities,
                slots,
                max,
            } => {
                self.activities(activities);
                self.selected(slots);
                self.field(1, "Max_Total_Number_of_Activities", &max.to_string());
            }
            Kind::ActivitiesMaxInATerm { activities, max } => {
                self.activities(activities);
                self.field(1, "Max_Number_of_Activities_in_A_Term", &max.to_string());
            }
            Kind::ActivitiesOccupyMaxTerms { activities, max } => {
                self.activities(activities);
                self.field(1, "Max_Number_of_Occupied_Terms", &max.to_string());
            }
            Kind::ActivityTagsNotOverlapping { tags } => {
                self.field(1, "Number_of_Activity_Tags", &tags.len().to_string());
                for t in tags {
                    self.field(1, "Activity_Tag", &i.tags[*t as usize]);
                }
            }
            Kind::StudentsMinGapsBetweenOrderedPairOfActivityTags { first, second, min } => {
                self.field(1, "First_Activity_Tag", &i.tags[*first as usize]);
                self.field(1, "Second_Activity_Tag", &i.tags[*second as usize]);
                self.field(1, "MinGaps", &min.to_string());
            }
            Kind::TwoActivitiesConsecutive { first, second }
            | Kind::TwoActivitiesGrouped { first, second }
            | Kind::TwoActivitiesOrdered { first, second }
            | Kind::TwoActivitiesOrderedIfSameDay { first, second } => {
                let (a, b) = (self.activity_id(*first), self.activity_id(*second));
                self.field(1, "First_Activity_Id", &a);
                self.field(1, "Second_Activity_Id", &b);
            }
            Kind::TeacherMaxDaysPerWeek { teacher: t, max } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Max_Days_Per_Week", &max.to_string());
            }
            Kind::TeachersMaxDaysPerWeek { max } => {
                self.field(1, "Max_Days_Per_Week", &max.to_string())
            }
            Kind::TeacherIntervalMaxDaysPerWeek {
                teacher: t,
                start,
                end,
                max,
            } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.interval(*start, *end);
                self.field(1, "Max_Days_Per_Week", &max.to_string());
            }
            Kind::StudentsSetIntervalMaxDaysPerWeek {
                set: s,
                start,
                end,
                max,
            } => {
                self.field(1, "Students", &set(s));
                self.interval(*start, *end);
                self.field(1, "Max_Days_Per_Week", &max.to_string());
            }
            Kind::TeachersIntervalMaxDaysPerWeek { start, end, max }
            | Kind::StudentsIntervalMaxDaysPerWeek { start, end, max } => {
                self.interval(*start, *end);
                self.field(1, "Max_Days_Per_Week", &max.to_string());
            }
            Kind::TeacherMinDaysPerWeek { teacher: t, min } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Minimum_Days_Per_Week", &min.to_string());
            }
            Kind::TeachersMinDaysPerWeek { min } => {
                self.field(1, "Minimum_Days_Per_Week", &min.to_string())
            }
            Kind::TeacherMaxHoursDaily { teacher: t, max } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Maximum_Hours_Daily", &max.to_string());
            }
            Kind::TeachersMaxHoursDaily { max } => {
                self.field(1, "Maximum_Hours_Daily", &max.to_string())
            }
            Kind::TeacherMinHoursDaily {
                teacher: t,
                min,
                allow_empty_days,
            } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Minimum_Hours_Daily", &min.to_string());
                self.field(1, "Allow_Empty_Days", bool_text(*allow_empty_days));
            }
            Kind::TeachersMinHoursDaily {
                min,
                allow_empty_days,
            }
            | Kind::StudentsMinHoursDaily {
                min,
                allow_empty_days,
            } => {
                self.field(1, "Minimum_Hours_Daily", &min.to_string());
                self.field(1, "Allow_Empty_Days", bool_text(*allow_empty_days));
            }
            Kind::TeacherMaxGapsPerWeek { teacher: t, max }
            | Kind::TeacherMaxGapsPerDay { teacher: t, max } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Max_Gaps", &max.to_string());
            }
            Kind::TeachersMaxGapsPerWeek { max }
            | Kind::TeachersMaxGapsPerDay { max }
            | Kind::StudentsMaxGapsPerWeek { max }
            | Kind::StudentsMaxGapsPerDay { max } => self.field(1, "Max_Gaps", &max.to_string()),
            Kind::TeachersMaxHoursContinuously { max }
            | Kind::StudentsMaxHoursContinuously { max } => {
                self.field(1, "Maximum_Hours_Continuously", &max.to_string())
            }
            Kind::TeacherMaxHoursContinuously { teacher: t, max } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Maximum_Hours_Continuously", &max.to_string());
            }
            Kind::StudentsSetMaxGapsPerWeek { set: s, max }
            | Kind::StudentsSetMaxGapsPerDay { set: s, max } => {
                self.field(1, "Max_Gaps", &max.to_string());
                self.field(1, "Students", &set(s));
            }
            Kind::StudentsEarlyMaxBeginningsAtSecondHour { max } => {
                self.field(1, "Max_Beginnings_At_Second_Hour", &max.to_string())
            }
            Kind::StudentsSetMinHoursDaily {
                set: s,
                min,
                allow_empty_days,
            } => {
                self.field(1, "Minimum_Hours_Daily", &min.to_string());
                self.field(1, "Students", &set(s));
                self.field(1, "Allow_Empty_Days", bool_text(*allow_empty_days));
            }
            Kind::StudentsMaxHoursDaily { max } => {
                self.field(1, "Maximum_Hours_Daily", &max.to_string())
            }
            Kind::StudentsSetMaxHoursDaily { set: s, max } => {
                self.field(1, "Maximum_Hours_Daily", &max.to_string());
                self.field(1, "Students", &set(s));
            }
            // The daily and the continuous limits differ only in the name
            // of the limit's element.
            Kind::TeacherActivityTagMaxHoursDaily {
                teacher: t,
                tag: g,
                max,
            }
            | Kind::TeacherActivityTagMaxHoursContinuously {
                teacher: t,
                tag: g,
                max,
            } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Activity_Tag_Name", &tag_name(g));
                self.field(1, hours_limit, &max.to_string());
            }
            Kind::TeachersActivityTagMaxHoursDaily { tag: g, max }
            | Kind::TeachersActivityTagMaxHoursContinuously { tag: g, max } => {
                self.field(1, "Activity_Tag_Name", &tag_name(g));
                self.field(1, hours_limit, &max.to_string());
            }
            Kind::StudentsActivityTagMaxHoursDaily { tag: g, max }
            | Kind::StudentsActivityTagMaxHoursContinuously { tag: g, max } => {
                self.field(1, "Activity_Tag", &tag_name(g));
                self.field(1, hours_limit, &max.to_string());
            }
            Kind::StudentsSetActivityTagMaxHoursDaily {
                set: s,
                tag: g,
                max,
            }
            | Kind::StudentsSetActivityTagMaxHoursContinuously {
                set: s,
                tag: g,
                max,
            } => {
                self.field(1, hours_limit, &max.to_string());
                self.field(1, "Students", &set(s));
                self.field(1, "Activity_Tag", &tag_name(g));
            }
            Kind::StudentsSetEarlyMaxBeginningsAtSecondHour { set: s, max } => {
                self.field(1, "Max_Beginnings_At_Second_Hour", &max.to_string());
                self.field(1, "Students", &set(s));
            }
            Kind::TeacherMaxBuildingChangesPerDay { teacher: t, max } => {
                self.field(1, "Teacher", &teacher(t));
                self.field(1, "Max_Building_Changes_Per_Day", &max.to_string());
            }
            Kind::TeachersMaxBuildingChangesPerDay { max } => {
                self.field(1, "Max_Building_Changes_Per_Day", &max.to_string())
            }
            Kind::TeacherMaxBuildingChangesPerWeek { teacher: t, max } => {
                self.field(1, "Teacher", &teacher(t));
                self.field(1, "Max_Building_Changes_Per_Week", &max.to_string());
            }
            Kind::TeachersMaxBuildingChangesPerWeek { max } => {
                self.field(1, "Max_Building_Changes_Per_Week", &max.to_string())
            }
            Kind::TeacherMinGapsBetweenBuildingChanges { teacher: t, min } => {
                self.field(1, "Teacher", &teacher(t));
                self.field(1, "Min_Gaps_Between_Building_Changes", &min.to_string());
            }
            Kind::TeachersMinGapsBetweenBuildingChanges { min } => {
                self.field(1, "Min_Gaps_Between_Building_Changes", &min.to_string())
            }
            Kind::StudentsSetMaxBuildingChangesPerDay { set: s, max } => {
                self.field(1, "Students", &set(s));
                self.field(1, "Max_Building_Changes_Per_Day", &max.to_string());
            }
            Kind::StudentsMaxBuildingChangesPerDay { max } => {
                self.field(1, "Max_Building_Changes_Per_Day", &max.to_string())
            }
            Kind::StudentsSetMaxBuildingChangesPerWeek { set: s, max } => {
                self.field(1, "Students", &set(s));
                self.field(1, "Max_Building_Changes_Per_Week", &max.to_string());
            }
            Kind::StudentsMaxBuildingChangesPerWeek { max } => {
                self.field(1, "Max_Building_Changes_Per_Week", &max.to_string())
            }
            Kind::StudentsSetMinGapsBetweenBuildingChanges { set: s, min } => {
                self.field(1, "Students", &set(s));
                self.field(1, "Min_Gaps_Between_Building_Changes", &min.to_string());
            }
            Kind::StudentsMinGapsBetweenBuildingChanges { min } => {
                self.field(1, "Min_Gaps_Between_Building_Changes", &min.to_string())
            }
            Kind::ActivityPreferredRoom {
                activity,
                room: r,
                real_rooms,
                locked,
            } => {
                let id = self.activity_id(*activity);
                self.field(1, "Activity_Id", &id);
                self.field(1, "Room", &room(r));
                if !real_rooms.is_empty() {
                    self.rooms("Number_of_Real_Rooms", "Real_Room", real_rooms);
                }
                self.field(1, "Permanently_Locked", bool_text(*locked));
            }
            Kind::ActivityPreferredRooms { activity, rooms } => {
                let id = self.activity_id(*activity);
                self.field(1, "Activity_Id", &id);
                self.rooms("Number_of_Preferred_Rooms", "Preferred_Room", rooms);
            }
            Kind::SubjectPreferredRoom { subject, room: r } => {
                self.field(1, "Subject", &i.subjects[*subject as usize]);
                self.field(1, "Room", &room(r));
            }
            Kind::SubjectPreferredRooms { subject, rooms } => {
                self.field(1, "Subject", &i.subjects[*subject as usize]);
                self.rooms("Number_of_Preferred_Rooms", "Preferred_Room", rooms);
            }
            Kind::ActivityTagPreferredRooms { tag, rooms } => {
                self.field(1, "Activity_Tag", &i.tags[*tag as usize]);
                self.rooms("Number_of_Preferred_Rooms", "Preferred_Room", rooms);
            }
            Kind::ActivityTagPreferredRoom { tag, room: r } => {
                self.field(1, "Activity_Tag", &i.tags[*tag as usize]);
                self.field(1, "Room", &room(r));
            }
            Kind::SubjectActivityTagPreferredRoom {
                subject,
                tag,
                room: r,
            } => {
                self.field(1, "Subject", &i.subjects[*subject as usize]);
                self.field(1, "Activity_Tag", &i.tags[*tag as usize]);
                self.field(1, "Room", &room(r));
            }
            Kind::TeacherHomeRoom {
                teacher: t,
                room: r,
            } => {
                self.field(1, "Teacher", &teacher(t));
                self.field(1, "Room", &room(r));
            }
            Kind::TeacherHomeRooms { teacher: t, rooms } => {
                self.field(1, "Teacher", &teacher(t));
                self.rooms("Number_of_Preferred_Rooms", "Preferred_Room", rooms);
            }
            Kind::StudentsSetHomeRoom { set: s, room: r } => {
                self.field(1, "Students", &set(s));
                self.field(1, "Room", &room(r));
            }
            Kind::SubjectActivityTagPreferredRooms {
                subject,
                tag,
                rooms,
            } => {
                self.field(1, "Subject", &i.subjects[*subject as usize]);
                self.field(1, "Activity_Tag", &i.tags[*tag as usize]);
                self.rooms("Number_of_Preferred_Rooms", "Preferred_Room", rooms);
            }
            Kind::TeacherMaxSpanPerDay {
                teacher: t,
                max,
                exception,
            } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Max_Span", &max.to_string());
                self.field(
                    1,
                    "Allow_One_Day_Exception_of_Plus_One",
                    bool_text(*exception),
                );
            }
            Kind::TeachersMaxSpanPerDay { max, exception } => {
                self.field(1, "Max_Span", &max.to_string());
                self.field(
                    1,
                    "Allow_One_Day_Exception_of_Plus_One",
                    bool_text(*exception),
                );
            }
            Kind::StudentsSetMaxSpanPerDay { set: s, max } => {
                self.field(1, "Students", &set(s));
                self.field(1, "Max_Span", &max.to_string());
            }
            Kind::StudentsMaxSpanPerDay { max } => self.field(1, "Max_Span", &max.to_string()),
            Kind::TeacherMinRestingHours {
                teacher: t,
                min,
                circular,
            } => {
                self.field(1, "Teacher_Name", &teacher(t));
                self.field(1, "Minimum_Resting_Hours", &min.to_string());
                self.field(1, "Circular", bool_text(*circular));
            }
            Kind::StudentsSetMinRestingHours {
                set: s,
                min,
                circular,
            } => {
                self.field(1, "Minimum_Resting_Hours", &min.to_string());
                self.field(1, "Students", &set(s));
                self.field(1, "Circular", bool_text(*circular));
            }
            Kind::TeachersMinRestingHours { min, circular }
            | Kind::StudentsMinRestingHours { min, circular } => {
                self.field(1, "Minimum_Resting_Hours", &min.to_string());
                self.field(1, "Circular", bool_text(*circular));
            }
            Kind::ActivitiesOccupyMaxDifferentRooms { activities, max } => {
                self.activities(activities);
                self.field(1, "Max_Number_of_Different_Rooms", &max.to_string());
            }
            Kind::ActivitiesSameRoomIfConsecutive { activities } => self.activities(activities),
            Kind::StudentsSetHomeRooms { set: s, rooms } => {
                self.field(1, "Students", &set(s));
                self.rooms("Number_of_Preferred_Rooms", "Preferred_Room", rooms);
            }
        }
        self.field(1, "Active", bool_text(c.active));
        self.field(1, "Comments", &c.comments);
        self.line(0, &format!("</{tag}>"));
    }

    fn set(&mut self, index: u32, indent: usize) {
        let set = &self.inst.sets[index as usize];
        let tag = match set.kind {
            SetKind::Year => "Year",
            SetKind::Group => "Group",
            SetKind::Subgroup => "Subgroup",
        };
        self.line(indent, &format!("<{tag}>"));
        self.field(indent + 1, "Name", &set.name);
        self.field(indent + 1, "Number_of_Students", &set.students.to_string());
        let rank = |k: SetKind| match k {
            SetKind::Year => 0,
            SetKind::Group => 1,
            SetKind::Subgroup => 2,
        };
        for child in set.children.clone() {
            // Only downwards: a set can never be written inside itself.
            if rank(self.inst.sets[child as usize].kind) > rank(set.kind) {
                self.set(child, indent + 1);
            }
        }
        self.line(indent, &format!("</{tag}>"));
    }
}

fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn format_weight(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{}", w as i64)
    } else {
        w.to_string()
    }
}

/// The instance as a `.fet` file.
/// One constraint in words, from the fields FET writes for it: its type
/// split into words, then each field with its value ("Teacher not available
/// times — teacher: Alina; not available time: Monday 1, Monday 2"). Weight,
/// counts and comments are left out.
pub fn describe(inst: &Instance, c: &Constraint) -> String {
    let mut o = Out {
        inst,
        xml: String::new(),
    };
    o.constraint(c);
    let Ok(doc) = roxmltree::Document::parse(&o.xml) else {
        return c.kind.fet_name().to_string();
    };
    let root = doc.root_element();
    let mut fields: Vec<(String, Vec<String>)> = Vec::new();
    for node in root.children().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        if matches!(tag, "Weight_Percentage" | "Active" | "Comments")
            || tag.starts_with("Number_of")
            || tag == "Permanently_Locked"
        {
            continue;
        }
        let value: String = if node.children().any(|n| n.is_element()) {
            node.children()
                .filter(|n| n.is_element())
                .map(|n| n.text().unwrap_or("").trim())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            node.text().unwrap_or("").trim().to_string()
        };
        let name = tag.replace('_', " ").to_lowercase();
        match fields.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => fields.push((name, vec![value])),
        }
    }
    let kind = words(c.kind.fet_name().trim_start_matches("Constraint"));
    if fields.is_empty() {
        return kind;
    }
    let fields: Vec<String> = fields
        .into_iter()
        .map(|(n, v)| format!("{n}: {}", v.join(", ")))
        .collect();
    format!("{kind} — {}", fields.join("; "))
}

/// "TeacherMaxGapsPerWeek" as "Teacher max gaps per week".
fn words(camel: &str) -> String {
    let mut out = String::new();
    for (k, ch) in camel.chars().enumerate() {
        if ch.is_uppercase() && k > 0 {
            out.push(' ');
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

pub fn write(inst: &Instance) -> String {
    write_inner(inst, None)
}

/// The instance with `timetable` added as permanently locked placements:
/// a hard preferred starting time for every placed activity and a hard
/// preferred room where it has a room.
pub fn write_with_solution(inst: &Instance, timetable: &Timetable) -> String {
    write_inner(inst, Some(timetable))
}

fn write_inner(inst: &Instance, solution: Option<&Timetable>) -> String {
    let mut o = Out {
        inst,
        xml: String::new(),
    };
    let version = if inst.fet_version.is_empty() {
        "5.41.0"
    } else {
        &inst.fet_version
    };
    o.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    o.line(0, &format!("<fet version=\"{}\">", esc(version)));
    // A FET 5 "mathmake" or "bp" file carries its mode in its version:
    // fet-cl converts it again the same way, so no mode is written for it.
    let mathmake = version.contains("-mathmake");
    match inst.mode {
        Mode::Terms { .. } if mathmake => {}
        Mode::BlockPlanning if version.contains("-bp") => {}
        Mode::Official => {}
        Mode::Terms { .. } => o.field(0, "Mode", "Terms"),
        Mode::BlockPlanning => o.field(0, "Mode", "Block_Planning"),
    }
    o.field(0, "Institution_Name", &inst.institution);
    o.field(0, "Comments", &inst.comments);
    if let Mode::Terms {
        terms,
        days_per_term,
    } = inst.mode
    {
        if !mathmake {
            o.field(0, "Number_of_Terms", &terms.to_string());
            o.field(0, "Number_of_Days_Per_Term", &days_per_term.to_string());
        }
    }
    for (list, count, item, names) in [
        ("Days_List", "Number_of_Days", "Day", &inst.days),
        ("Hours_List", "Number_of_Hours", "Hour", &inst.hours),
    ] {
        o.line(0, &format!("<{list}>"));
        o.field(0, count, &names.len().to_string());
        for n in names.iter() {
            o.line(0, &format!("<{item}>"));
            o.field(1, "Name", n);
            o.line(0, &format!("</{item}>"));
        }
        o.line(0, &format!("</{list}>"));
    }
    for (list, item, names) in [
        ("Subjects_List", "Subject", &inst.subjects),
        ("Activity_Tags_List", "Activity_Tag", &inst.tags),
        ("Teachers_List", "Teacher", &inst.teachers),
    ] {
        o.line(0, &format!("<{list}>"));
        for n in names.iter() {
            o.line(0, &format!("<{item}>"));
            o.field(1, "Name", n);
            o.line(0, &format!("</{item}>"));
        }
        o.line(0, &format!("</{list}>"));
    }
    o.line(0, "<Students_List>");
    for y in &inst.years {
        o.set(*y, 0);
    }
    o.line(0, "</Students_List>");
    o.line(0, "<Activities_List>");
    for a in &inst.activities {
        o.line(0, "<Activity>");
        for t in &a.teachers {
            o.field(1, "Teacher", &inst.teachers[*t as usize]);
        }
        o.field(1, "Subject", &inst.subjects[a.subject as usize]);
        for t in &a.tags {
            o.field(1, "Activity_Tag", &inst.tags[*t as usize]);
        }
        for s in &a.students {
            o.field(1, "Students", &inst.sets[*s as usize].name);
        }
        o.field(1, "Duration", &a.duration.to_string());
        o.field(1, "Total_Duration", &a.total_duration.to_string());
        o.field(1, "Id", &a.id.to_string());
        o.field(1, "Activity_Group_Id", &a.group_id.to_string());
        if a.n_students_given {
            o.field(1, "Number_Of_Students", &a.n_students.to_string());
        }
        o.field(1, "Active", bool_text(a.active));
        o.line(0, "</Activity>");
    }
    o.line(0, "</Activities_List>");
    o.line(0, "<Buildings_List>");
    for b in &inst.buildings {
        o.line(0, "<Building>");
        o.field(1, "Name", b);
        o.line(0, "</Building>");
    }
    o.line(0, "</Buildings_List>");
    o.line(0, "<Rooms_List>");
    for r in &inst.rooms {
        o.line(0, "<Room>");
        o.field(1, "Name", &r.name);
        let building = r
            .building
            .map(|b| inst.buildings[b as usize].clone())
            .unwrap_or_default();
        o.field(1, "Building", &building);
        o.field(1, "Capacity", &r.capacity.to_string());
        o.field(1, "Virtual", bool_text(r.is_virtual()));
        if r.is_virtual() {
            o.field(
                1,
                "Number_of_Sets_of_Real_Rooms",
                &r.real_sets.len().to_string(),
            );
            for set in &r.real_sets {
                o.line(1, "<Set_of_Real_Rooms>");
                o.field(2, "Number_of_Real_Rooms", &set.len().to_string());
                for x in set {
                    o.field(2, "Real_Room", &inst.rooms[*x as usize].name);
                }
                o.line(1, "</Set_of_Real_Rooms>");
            }
        }
        o.line(0, "</Room>");
    }
    o.line(0, "</Rooms_List>");

    let locks: Vec<Constraint> = solution
        .map(|t| {
            let mut locks = Vec::new();
            for (i, p) in t.placements.iter().enumerate() {
                if !inst.activities[i].active {
                    continue;
                }
                let hard = |kind| Constraint {
                    weight: 100.0,
                    active: true,
                    comments: "Schooldesk solution".into(),
                    kind,
                };
                if let Some(s) = p.start {
                    locks.push(hard(Kind::ActivityPreferredStartingTime {
                        activity: i as u32,
                        day: Some(s.day),
                        hour: Some(s.hour),
                        locked: true,
                    }));
                }
                if let Some(r) = p.room {
                    locks.push(hard(Kind::ActivityPreferredRoom {
                        activity: i as u32,
                        room: r,
                        real_rooms: t.real_rooms_of(i).to_vec(),
                        locked: true,
                    }));
                }
            }
            locks
        })
        .unwrap_or_default();

    for (list, time) in [
        ("Time_Constraints_List", true),
        ("Space_Constraints_List", false),
    ] {
        o.line(0, &format!("<{list}>"));
        for c in inst
            .constraints
            .iter()
            .chain(&locks)
            .filter(|c| c.kind.is_space() != time)
        {
            o.constraint(c);
        }
        for c in inst.opaque.iter().filter(|c| c.time == time) {
            let _ = writeln!(o.xml, "{}", c.xml);
        }
        o.line(0, &format!("</{list}>"));
    }
    o.line(0, "</fet>");
    o.xml
}
