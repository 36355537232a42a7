//! Constraints as typed values, each with FET's meaning. A weight of 100 is
//! hard; lower weights are soft, and a broken soft constraint costs
//! `weight / 100` per unit of violation, as FET counts it.
//!
//! "Busy" below means a slot where the teacher or subgroup has an activity;
//! a *gap* is an open slot (not a break, not unavailable to them) between
//! their first and last busy slot of a day.

use crate::model::{Activity, Instance, Slot};

/// Every time-constraint kind, as one pattern: for matches where a time
/// constraint, whatever it is, has nothing to say (which rooms it prefers).
/// Space kinds are never in a pattern like this, so a new one does not
/// compile until each room match handles it.
macro_rules! time_kinds {
    () => {
        Kind::BasicCompulsoryTime
            | Kind::BreakTimes { .. }
            | Kind::TeacherNotAvailableTimes { .. }
            | Kind::StudentsSetNotAvailableTimes { .. }
            | Kind::ActivityPreferredStartingTime { .. }
            | Kind::ActivityPreferredStartingTimes { .. }
            | Kind::ActivityPreferredTimeSlots { .. }
            | Kind::ActivitiesPreferredStartingTimes { .. }
            | Kind::ActivitiesPreferredTimeSlots { .. }
            | Kind::SubactivitiesPreferredStartingTimes { .. }
            | Kind::SubactivitiesPreferredTimeSlots { .. }
            | Kind::MinDaysBetweenActivities { .. }
            | Kind::ActivitiesSameStartingTime { .. }
            | Kind::ActivitiesNotOverlapping { .. }
            | Kind::TwoActivitiesConsecutive { .. }
            | Kind::TwoActivitiesGrouped { .. }
            | Kind::ActivitiesSameStartingDay { .. }
            | Kind::ActivitiesSameStartingHour { .. }
            | Kind::MinGapsBetweenActivities { .. }
            | Kind::MaxDaysBetweenActivities { .. }
            | Kind::TwoActivitiesOrdered { .. }
            | Kind::TwoActivitiesOrderedIfSameDay { .. }
            | Kind::StudentsMinGapsBetweenOrderedPairOfActivityTags { .. }
            | Kind::ThreeActivitiesGrouped { .. }
            | Kind::ActivityEndsStudentsDay { .. }
            | Kind::ActivitiesEndStudentsDay { .. }
            | Kind::ActivitiesOccupyMaxTimeSlotsFromSelection { .. }
            | Kind::ActivitiesMaxSimultaneousInSelectedTimeSlots { .. }
            | Kind::ActivitiesMinSimultaneousInSelectedTimeSlots { .. }
            | Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots { .. }
            | Kind::ActivitiesMaxInATerm { .. }
            | Kind::ActivitiesOccupyMaxTerms { .. }
            | Kind::ActivityTagsNotOverlapping { .. }
            | Kind::TeacherMaxSpanPerDay { .. }
            | Kind::TeachersMaxSpanPerDay { .. }
            | Kind::StudentsSetMaxSpanPerDay { .. }
            | Kind::StudentsMaxSpanPerDay { .. }
            | Kind::TeacherMinRestingHours { .. }
            | Kind::TeachersMinRestingHours { .. }
            | Kind::StudentsSetMinRestingHours { .. }
            | Kind::StudentsMinRestingHours { .. }
            | Kind::TeacherMaxDaysPerWeek { .. }
            | Kind::TeachersMaxDaysPerWeek { .. }
            | Kind::TeacherMinDaysPerWeek { .. }
            | Kind::TeachersMinDaysPerWeek { .. }
            | Kind::TeacherIntervalMaxDaysPerWeek { .. }
            | Kind::TeachersIntervalMaxDaysPerWeek { .. }
            | Kind::StudentsSetIntervalMaxDaysPerWeek { .. }
            | Kind::StudentsIntervalMaxDaysPerWeek { .. }
            | Kind::TeacherMaxHoursDaily { .. }
            | Kind::TeachersMaxHoursDaily { .. }
            | Kind::TeacherMinHoursDaily { .. }
            | Kind::TeachersMinHoursDaily { .. }
            | Kind::TeacherMaxGapsPerWeek { .. }
            | Kind::TeachersMaxGapsPerWeek { .. }
            | Kind::TeacherMaxGapsPerDay { .. }
            | Kind::TeachersMaxGapsPerDay { .. }
            | Kind::TeachersMaxHoursContinuously { .. }
            | Kind::TeacherMaxHoursContinuously { .. }
            | Kind::StudentsMaxHoursContinuously { .. }
            | Kind::StudentsMaxGapsPerWeek { .. }
            | Kind::StudentsSetMaxGapsPerWeek { .. }
            | Kind::StudentsMaxGapsPerDay { .. }
            | Kind::StudentsSetMaxGapsPerDay { .. }
            | Kind::StudentsEarlyMaxBeginningsAtSecondHour { .. }
            | Kind::StudentsSetEarlyMaxBeginningsAtSecondHour { .. }
            | Kind::StudentsMinHoursDaily { .. }
            | Kind::StudentsSetMinHoursDaily { .. }
            | Kind::StudentsMaxHoursDaily { .. }
            | Kind::StudentsSetMaxHoursDaily { .. }
            | Kind::TeacherActivityTagMaxHoursDaily { .. }
            | Kind::TeachersActivityTagMaxHoursDaily { .. }
            | Kind::StudentsActivityTagMaxHoursDaily { .. }
            | Kind::StudentsSetActivityTagMaxHoursDaily { .. }
            | Kind::TeacherActivityTagMaxHoursContinuously { .. }
            | Kind::TeachersActivityTagMaxHoursContinuously { .. }
            | Kind::StudentsActivityTagMaxHoursContinuously { .. }
            | Kind::StudentsSetActivityTagMaxHoursContinuously { .. }
    };
}

/// Every building-change kind, as one pattern: space constraints about
/// people's days, with nothing to say about which rooms an activity prefers.
macro_rules! building_kinds {
    () => {
        Kind::TeacherMaxBuildingChangesPerDay { .. }
            | Kind::TeachersMaxBuildingChangesPerDay { .. }
            | Kind::TeacherMaxBuildingChangesPerWeek { .. }
            | Kind::TeachersMaxBuildingChangesPerWeek { .. }
            | Kind::TeacherMinGapsBetweenBuildingChanges { .. }
            | Kind::TeachersMinGapsBetweenBuildingChanges { .. }
            | Kind::StudentsSetMaxBuildingChangesPerDay { .. }
            | Kind::StudentsMaxBuildingChangesPerDay { .. }
            | Kind::StudentsSetMaxBuildingChangesPerWeek { .. }
            | Kind::StudentsMaxBuildingChangesPerWeek { .. }
            | Kind::StudentsSetMinGapsBetweenBuildingChanges { .. }
            | Kind::StudentsMinGapsBetweenBuildingChanges { .. }
    };
}
pub(crate) use building_kinds;

#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// 0–100; 100 is hard.
    pub weight: f64,
    pub active: bool,
    pub comments: String,
    pub kind: Kind,
}

impl Constraint {
    pub fn is_hard(&self) -> bool {
        self.weight >= 100.0
    }

    /// The rooms this constraint prefers for activity `a`, if it is a
    /// preferred-room constraint that concerns `a` (home rooms are not:
    /// they give way to preferred rooms).
    pub fn preferred_rooms_for(&self, inst: &Instance, a: u32) -> Option<Vec<u32>> {
        let act = &inst.activities[a as usize];
        match &self.kind {
            Kind::ActivityPreferredRoom { activity, room, .. } => {
                (*activity == a).then(|| vec![*room])
            }
            Kind::ActivityPreferredRooms { activity, rooms } => {
                (*activity == a).then(|| rooms.clone())
            }
            Kind::SubjectPreferredRoom { subject, room } => {
                (*subject == act.subject).then(|| vec![*room])
            }
            Kind::SubjectPreferredRooms { subject, rooms } => {
                (*subject == act.subject).then(|| rooms.clone())
            }
            Kind::ActivityTagPreferredRoom { tag, room } => {
                act.tags.contains(tag).then(|| vec![*room])
            }
            Kind::ActivityTagPreferredRooms { tag, rooms } => {
                act.tags.contains(tag).then(|| rooms.clone())
            }
            Kind::SubjectActivityTagPreferredRoom { subject, tag, room } => {
                (*subject == act.subject && act.tags.contains(tag)).then(|| vec![*room])
            }
            Kind::SubjectActivityTagPreferredRooms {
                subject,
                tag,
                rooms,
            } => (*subject == act.subject && act.tags.contains(tag)).then(|| rooms.clone()),
            // Home rooms: see `home_rooms_for`.
            Kind::TeacherHomeRoom { .. }
            | Kind::TeacherHomeRooms { .. }
            | Kind::StudentsSetHomeRoom { .. }
            | Kind::StudentsSetHomeRooms { .. } => None,
            // Not about an activity's own rooms.
            Kind::BasicCompulsorySpace
            | Kind::RoomNotAvailableTimes { .. }
            | Kind::ActivitiesOccupyMaxDifferentRooms { .. }
            | Kind::ActivitiesSameRoomIfConsecutive { .. } => None,
            building_kinds!() => None,
            time_kinds!() => None,
        }
    }

    /// The home rooms this constraint gives activity `a`, if it is a
    /// home-room constraint that concerns `a`: the activity's only teacher
    /// (or only student set) is the constraint's.
    pub fn home_rooms_for(&self, inst: &Instance, a: u32) -> Option<Vec<u32>> {
        let act = &inst.activities[a as usize];
        match &self.kind {
            Kind::TeacherHomeRoom { teacher, room } => {
                (act.teachers == [*teacher]).then(|| vec![*room])
            }
            Kind::TeacherHomeRooms { teacher, rooms } => {
                (act.teachers == [*teacher]).then(|| rooms.clone())
            }
            Kind::StudentsSetHomeRoom { set, room } => {
                (act.students == [*set]).then(|| vec![*room])
            }
            Kind::StudentsSetHomeRooms { set, rooms } => {
                (act.students == [*set]).then(|| rooms.clone())
            }
            Kind::BasicCompulsorySpace
            | Kind::RoomNotAvailableTimes { .. }
            | Kind::ActivityPreferredRoom { .. }
            | Kind::ActivityPreferredRooms { .. }
            | Kind::SubjectPreferredRoom { .. }
            | Kind::SubjectPreferredRooms { .. }
            | Kind::ActivityTagPreferredRoom { .. }
            | Kind::ActivityTagPreferredRooms { .. }
            | Kind::SubjectActivityTagPreferredRoom { .. }
            | Kind::SubjectActivityTagPreferredRooms { .. }
            | Kind::ActivitiesOccupyMaxDifferentRooms { .. }
            | Kind::ActivitiesSameRoomIfConsecutive { .. } => None,
            building_kinds!() => None,
            time_kinds!() => None,
        }
    }
}

/// Which activities an `Activities…` constraint concerns: all given
/// criteria must hold; an absent criterion matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivityFilter {
    /// The activity has this teacher among its teachers.
    pub teacher: Option<u32>,
    /// The activity's students share students with this set.
    pub students: Option<u32>,
    pub subject: Option<u32>,
    /// The activity has this tag among its tags.
    pub tag: Option<u32>,
    /// The activity lasts exactly this many hours (FET 6).
    pub duration: Option<u16>,
}

impl ActivityFilter {
    /// Whether `activity` is one of those the filter concerns.
    pub fn matches(&self, inst: &Instance, activity: &Activity) -> bool {
        self.teacher.is_none_or(|t| activity.teachers.contains(&t))
            && self.students.is_none_or(|s| {
                let set = &inst.sets[s as usize].atoms;
                activity.atoms.iter().any(|x| set.binary_search(x).is_ok())
            })
            && self.subject.is_none_or(|s| activity.subject == s)
            && self.tag.is_none_or(|t| activity.tags.contains(&t))
            && self.duration.is_none_or(|d| activity.duration == d)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    // ---- time ----
    /// No teacher and no subgroup is in two activities at once, and every
    /// activity fits in its day. Cost: each extra activity per slot.
    BasicCompulsoryTime,
    /// No activity may occupy these slots. Cost: each hour of an activity in one.
    BreakTimes {
        slots: Vec<Slot>,
    },
    /// Cost: each hour the teacher is busy in one of these slots.
    TeacherNotAvailableTimes {
        teacher: u32,
        slots: Vec<Slot>,
    },
    /// Cost: each hour a subgroup of the set is busy in one of these slots.
    StudentsSetNotAvailableTimes {
        set: u32,
        slots: Vec<Slot>,
    },
    /// The activity starts on this day and/or at this hour (either may be
    /// unset). `locked`: FET's "permanently locked" flag, kept for writing.
    ActivityPreferredStartingTime {
        activity: u32,
        day: Option<u16>,
        hour: Option<u16>,
        locked: bool,
    },
    /// The activity starts in one of these slots.
    ActivityPreferredStartingTimes {
        activity: u32,
        slots: Vec<Slot>,
    },
    /// Every hour of the activity lies in these slots. Cost: each hour
    /// outside them (as fet-cl 6.8.5 counts it).
    ActivityPreferredTimeSlots {
        activity: u32,
        slots: Vec<Slot>,
    },
    /// Every matching activity starts in one of these slots. Cost: each activity.
    ActivitiesPreferredStartingTimes {
        filter: ActivityFilter,
        slots: Vec<Slot>,
    },
    /// Every hour of every matching activity lies in these slots. Cost:
    /// each hour outside them, per activity.
    ActivitiesPreferredTimeSlots {
        filter: ActivityFilter,
        slots: Vec<Slot>,
    },
    /// Every matching activity that is the `component`-th part of its split
    /// lesson starts in one of these slots. Cost: each activity.
    SubactivitiesPreferredStartingTimes {
        component: u16,
        filter: ActivityFilter,
        slots: Vec<Slot>,
    },
    /// Every hour of every matching activity that is the `component`-th
    /// part of its split lesson (see [`Activity::is_component`]) lies in
    /// these slots. Cost: each hour outside them.
    SubactivitiesPreferredTimeSlots {
        component: u16,
        filter: ActivityFilter,
        slots: Vec<Slot>,
    },
    /// Each pair of these activities lies at least `min_days` days apart.
    /// Cost per pair: how many days too close. If `consecutive_if_same_day`
    /// and two land on one day (a soft break), they must at least be adjacent.
    MinDaysBetweenActivities {
        activities: Vec<u32>,
        min_days: u16,
        consecutive_if_same_day: bool,
    },
    /// All start in the same slot. Cost: each pair that does not.
    ActivitiesSameStartingTime {
        activities: Vec<u32>,
    },
    /// No two overlap in time. Cost: each overlapping hour of each pair.
    ActivitiesNotOverlapping {
        activities: Vec<u32>,
    },
    /// Same day, `second` starting right when `first` ends (breaks in
    /// between allowed, as in FET).
    TwoActivitiesConsecutive {
        first: u32,
        second: u32,
    },
    /// Same day, one right after the other in either order.
    TwoActivitiesGrouped {
        first: u32,
        second: u32,
    },
    /// All start on the same day. Cost: each pair that does not.
    ActivitiesSameStartingDay {
        activities: Vec<u32>,
    },
    /// All start at the same hour of the day (any day). Cost: each pair
    /// that does not.
    ActivitiesSameStartingHour {
        activities: Vec<u32>,
    },
    /// Two of these on the same day leave at least `min_gaps` hours between
    /// the end of the earlier-starting one and the start of the other
    /// (plain hour arithmetic: breaks count as hours, as in FET). Cost per
    /// pair: how many hours short; with equal starts FET measures from the
    /// end of the one listed later.
    MinGapsBetweenActivities {
        activities: Vec<u32>,
        min_gaps: u16,
    },
    /// Each pair of these lies at most `max_days` days apart. Cost per
    /// pair: how many days too far.
    MaxDaysBetweenActivities {
        activities: Vec<u32>,
        max_days: u16,
    },
    /// `second` starts after `first` has ended: on a later day, or on the
    /// same day at or after `first`'s end. Cost: 1.
    TwoActivitiesOrdered {
        first: u32,
        second: u32,
    },
    /// If both are on the same day, `second` starts at or after `first`'s
    /// end. Cost: 1.
    TwoActivitiesOrderedIfSameDay {
        first: u32,
        second: u32,
    },
    /// For students: a lesson tagged `second` that starts later on the same
    /// day as one tagged `first` (sharing students with it) starts at least
    /// `min` hours after that one ends — breaks and other lessons between
    /// count as such hours, as fet-cl 6.8.5 was seen to judge. Cost: 1 per
    /// such pair too close (fet-cl allows only 100 %).
    StudentsMinGapsBetweenOrderedPairOfActivityTags {
        first: u32,
        second: u32,
        min: u16,
    },
    /// All three on one day, one after another in some order with nothing
    /// but breaks between them. Cost: 1.
    ThreeActivitiesGrouped {
        activities: [u32; 3],
    },
    /// None of the activity's subgroups has anything later that day.
    /// Cost: 1 if any has. (fet-cl allows only 100 %.)
    ActivityEndsStudentsDay {
        activity: u32,
    },
    /// As ActivityEndsStudentsDay, for every matching activity. Cost: each
    /// activity that does not end its students' day.
    ActivitiesEndStudentsDay {
        filter: ActivityFilter,
    },
    /// From the teacher's first to last busy hour of a day, breaks and
    /// gaps included, at most `max` hours. Cost: each hour over, per day;
    /// with `exception` (FET's "one day exception of plus one") one hour
    /// over on one day is allowed, so the week's worst day counts one hour
    /// less. (fet-cl allows only 100 %.)
    TeacherMaxSpanPerDay {
        teacher: u32,
        max: u16,
        exception: bool,
    },
    /// As TeacherMaxSpanPerDay, for every teacher (each their own exception).
    TeachersMaxSpanPerDay {
        max: u16,
        exception: bool,
    },
    /// As TeacherMaxSpanPerDay, for each subgroup of the set.
    StudentsSetMaxSpanPerDay {
        set: u32,
        max: u16,
    },
    /// As TeacherMaxSpanPerDay, for every subgroup.
    StudentsMaxSpanPerDay {
        max: u16,
    },
    /// From the teacher's last busy hour of a day to the first of the next
    /// (the last day to the first if `circular`), at least `min` free
    /// hours (hours of empty days count). Cost: each hour short, per night.
    /// (fet-cl allows only 100 %.)
    TeacherMinRestingHours {
        teacher: u32,
        min: u16,
        circular: bool,
    },
    /// As TeacherMinRestingHours, for every teacher.
    TeachersMinRestingHours {
        min: u16,
        circular: bool,
    },
    /// As TeacherMinRestingHours, for each subgroup of the set.
    StudentsSetMinRestingHours {
        set: u32,
        min: u16,
        circular: bool,
    },
    /// As TeacherMinRestingHours, for every subgroup.
    StudentsMinRestingHours {
        min: u16,
        circular: bool,
    },
    /// Of the selected slots, the activities together occupy at most `max`
    /// (a slot is occupied when any hour of any of them falls in it).
    /// Cost: 1 when more are occupied. (fet-cl generates only at 100 %.)
    ActivitiesOccupyMaxTimeSlotsFromSelection {
        activities: Vec<u32>,
        slots: Vec<Slot>,
        max: u16,
    },
    /// In each selected slot at most `max` of the activities are under
    /// way at once. Cost: each selected slot with more. (fet-cl generates
    /// only at 100 %.)
    ActivitiesMaxSimultaneousInSelectedTimeSlots {
        activities: Vec<u32>,
        slots: Vec<Slot>,
        max: u16,
    },
    /// In each selected slot at least `min` of the activities are under
    /// way; with `allow_empty`, a slot where none is also holds. Cost: per
    /// selected slot, how many are missing. (fet-cl generates only at
    /// 100 %, and refuses a file that cannot fill every slot when empty
    /// slots are not allowed.)
    ActivitiesMinSimultaneousInSelectedTimeSlots {
        activities: Vec<u32>,
        slots: Vec<Slot>,
        min: u16,
        allow_empty: bool,
    },
    /// At most `max` of the activities have an hour in the selected slots
    /// (each counted once, however many of its hours fall there). Cost:
    /// how many more. (FET: Block_Planning mode only; 100 % only.)
    MaxTotalActivitiesFromSetInSelectedTimeSlots {
        activities: Vec<u32>,
        slots: Vec<Slot>,
        max: u16,
    },
    /// In each term at most `max` of the activities (an activity is in
    /// the term of its day). Cost: per term, how many more. (FET: Terms
    /// mode only; 100 % only.)
    ActivitiesMaxInATerm {
        activities: Vec<u32>,
        max: u16,
    },
    /// The activities are in at most `max` different terms. Cost: how many
    /// terms more. (FET: Terms mode only; 100 % only.)
    ActivitiesOccupyMaxTerms {
        activities: Vec<u32>,
        max: u16,
    },
    /// An activity with one of these tags never overlaps an activity with
    /// another of them (two with the same tag may). Cost: per such pair,
    /// the hours they overlap, as fet-cl counts it. (FET refuses a file
    /// where one activity has two of the tags, or a tag no activity has.)
    ActivityTagsNotOverlapping {
        tags: Vec<u32>,
    },
    /// The teacher works on at most `max` days. Cost: the hours on the
    /// least-busy surplus days (what would have to move).
    TeacherMaxDaysPerWeek {
        teacher: u32,
        max: u16,
    },
    TeachersMaxDaysPerWeek {
        max: u16,
    },
    /// The teacher works on at least `min` days. Cost: the days missing.
    /// (fet-cl refuses to generate with one below 100 %; a checker and a
    /// solver can still count it.)
    TeacherMinDaysPerWeek {
        teacher: u32,
        min: u16,
    },
    /// Every teacher, whether or not they teach anything, as TeacherMinDaysPerWeek.
    TeachersMinDaysPerWeek {
        min: u16,
    },
    /// The teacher is busy in the hours `start..end` (end exclusive; the
    /// end of the day if FET's end hour is empty) on at most `max` days.
    /// Cost: each day over. (fet-cl refuses to generate with one of the
    /// four interval kinds below 100 %.)
    TeacherIntervalMaxDaysPerWeek {
        teacher: u32,
        start: u16,
        end: u16,
        max: u16,
    },
    TeachersIntervalMaxDaysPerWeek {
        start: u16,
        end: u16,
        max: u16,
    },
    /// Per subgroup of the set, as TeacherIntervalMaxDaysPerWeek. Cost: each
    /// day over, per subgroup.
    StudentsSetIntervalMaxDaysPerWeek {
        set: u32,
        start: u16,
        end: u16,
        max: u16,
    },
    StudentsIntervalMaxDaysPerWeek {
        start: u16,
        end: u16,
        max: u16,
    },
    /// At most `max` busy hours on any day. Cost: 1 per day over.
    TeacherMaxHoursDaily {
        teacher: u32,
        max: u16,
    },
    TeachersMaxHoursDaily {
        max: u16,
    },
    /// At least `min` busy hours on every day they work (or every day, if
    /// empty days are not allowed). Cost: 1 per day short.
    TeacherMinHoursDaily {
        teacher: u32,
        min: u16,
        allow_empty_days: bool,
    },
    TeachersMinHoursDaily {
        min: u16,
        allow_empty_days: bool,
    },
    /// At most `max` gaps in the week. Cost: each gap over.
    TeacherMaxGapsPerWeek {
        teacher: u32,
        max: u16,
    },
    TeachersMaxGapsPerWeek {
        max: u16,
    },
    /// At most `max` gaps on any day. Cost: each gap over, per day.
    TeacherMaxGapsPerDay {
        teacher: u32,
        max: u16,
    },
    TeachersMaxGapsPerDay {
        max: u16,
    },
    /// No run of more than `max` busy hours without a gap or break. Cost:
    /// 1 per run that is too long.
    TeachersMaxHoursContinuously {
        max: u16,
    },
    TeacherMaxHoursContinuously {
        teacher: u32,
        max: u16,
    },
    /// Per subgroup: as TeachersMaxHoursContinuously.
    StudentsMaxHoursContinuously {
        max: u16,
    },
    /// Per subgroup: at most `max` gaps in the week.
    StudentsMaxGapsPerWeek {
        max: u16,
    },
    StudentsSetMaxGapsPerWeek {
        set: u32,
        max: u16,
    },
    /// Per subgroup: at most `max` gaps on any day. Cost: each gap over,
    /// per subgroup and day.
    StudentsMaxGapsPerDay {
        max: u16,
    },
    StudentsSetMaxGapsPerDay {
        set: u32,
        max: u16,
    },
    /// Per subgroup: every day starts at the first open hour, except at
    /// most `max` days a week that start at the second; anything later is
    /// a violation each time.
    StudentsEarlyMaxBeginningsAtSecondHour {
        max: u16,
    },
    /// Per subgroup: as TeacherMinHoursDaily.
    StudentsMinHoursDaily {
        min: u16,
        allow_empty_days: bool,
    },
    StudentsSetMinHoursDaily {
        set: u32,
        min: u16,
        allow_empty_days: bool,
    },
    /// Per subgroup: at most `max` busy hours on any day. Cost: 1 per
    /// subgroup and day over (as TeacherMaxHoursDaily).
    StudentsMaxHoursDaily {
        max: u16,
    },
    StudentsSetMaxHoursDaily {
        set: u32,
        max: u16,
    },
    /// As StudentsEarlyMaxBeginningsAtSecondHour, for the set's subgroups only.
    StudentsSetEarlyMaxBeginningsAtSecondHour {
        set: u32,
        max: u16,
    },

    /// As TeacherMaxHoursDaily, counting only the hours of activities with
    /// the tag. Cost: 1 per day over.
    TeacherActivityTagMaxHoursDaily {
        teacher: u32,
        tag: u32,
        max: u16,
    },
    TeachersActivityTagMaxHoursDaily {
        tag: u32,
        max: u16,
    },
    /// Per subgroup: as TeacherActivityTagMaxHoursDaily.
    StudentsActivityTagMaxHoursDaily {
        tag: u32,
        max: u16,
    },
    StudentsSetActivityTagMaxHoursDaily {
        set: u32,
        tag: u32,
        max: u16,
    },
    /// As TeacherMaxHoursContinuously, counting only the hours of activities
    /// with the tag: any other hour (a lesson without the tag, a gap, a
    /// break) ends a run. Cost: 1 per run that is too long.
    TeacherActivityTagMaxHoursContinuously {
        teacher: u32,
        tag: u32,
        max: u16,
    },
    TeachersActivityTagMaxHoursContinuously {
        tag: u32,
        max: u16,
    },
    /// Per subgroup: as TeacherActivityTagMaxHoursContinuously.
    StudentsActivityTagMaxHoursContinuously {
        tag: u32,
        max: u16,
    },
    StudentsSetActivityTagMaxHoursContinuously {
        set: u32,
        tag: u32,
        max: u16,
    },

    // ---- space ----
    /// No room holds two activities at once, and no activity is in a room
    /// too small for its students. Cost: each extra activity per slot, each
    /// overfull room.
    BasicCompulsorySpace,
    /// Cost: each hour an activity is in the room at one of these slots.
    RoomNotAvailableTimes {
        room: u32,
        slots: Vec<Slot>,
    },
    /// The activity is in this room.
    ActivityPreferredRoom {
        activity: u32,
        room: u32,
        /// For a virtual room: the real rooms it must take, one per set in
        /// the set's order (FET writes these for a timetable it made);
        /// empty to let the solver choose.
        real_rooms: Vec<u32>,
        locked: bool,
    },
    /// The activity is in one of these rooms.
    ActivityPreferredRooms {
        activity: u32,
        rooms: Vec<u32>,
    },
    /// Every activity of the subject is in this room.
    SubjectPreferredRoom {
        subject: u32,
        room: u32,
    },
    SubjectPreferredRooms {
        subject: u32,
        rooms: Vec<u32>,
    },
    /// Every activity with the tag is in one of these rooms.
    ActivityTagPreferredRooms {
        tag: u32,
        rooms: Vec<u32>,
    },
    /// Every activity with the tag is in this room. Cost: each activity elsewhere.
    ActivityTagPreferredRoom {
        tag: u32,
        room: u32,
    },
    /// Every activity of the subject with the tag is in this room.
    SubjectActivityTagPreferredRoom {
        subject: u32,
        tag: u32,
        room: u32,
    },
    /// Activities whose only teacher is this one are in this room, unless a
    /// preferred-room constraint puts them elsewhere.
    TeacherHomeRoom {
        teacher: u32,
        room: u32,
    },
    /// As TeacherHomeRoom with several rooms: activities whose only teacher
    /// is this one are in one of them, unless a preferred-room constraint
    /// puts them elsewhere. Cost: each activity elsewhere (or in no room).
    TeacherHomeRooms {
        teacher: u32,
        rooms: Vec<u32>,
    },
    /// Activities whose only student set is this one are in this room,
    /// unless a preferred-room constraint puts them elsewhere.
    StudentsSetHomeRoom {
        set: u32,
        room: u32,
    },
    /// Every activity of the subject with the tag is in one of these rooms.
    SubjectActivityTagPreferredRooms {
        subject: u32,
        tag: u32,
        rooms: Vec<u32>,
    },
    /// As StudentsSetHomeRoom with several rooms: activities whose only
    /// student set is this one are in one of them, unless a preferred-room
    /// constraint puts them elsewhere.
    StudentsSetHomeRooms {
        set: u32,
        rooms: Vec<u32>,
    },
    /// Together the activities use at most `max` different rooms (those
    /// without a room count for none). Cost: 1 when they use more.
    ActivitiesOccupyMaxDifferentRooms {
        activities: Vec<u32>,
        max: u16,
    },
    /// Two of the activities on one day, one ending right where the other
    /// starts (no break between), are in the same room when both have one.
    /// Cost: each such pair in two rooms.
    ActivitiesSameRoomIfConsecutive {
        activities: Vec<u32>,
    },
    /// Building changes: on each day, walking through a person's hours,
    /// each hour in a room of another building than the last such hour is
    /// a change (hours without a room, or in a room without a building,
    /// do not count). Cost: each change over `max` on a day.
    TeacherMaxBuildingChangesPerDay {
        teacher: u32,
        max: u16,
    },
    TeachersMaxBuildingChangesPerDay {
        max: u16,
    },
    /// As above, the changes of the whole week. Cost: each change over.
    TeacherMaxBuildingChangesPerWeek {
        teacher: u32,
        max: u16,
    },
    TeachersMaxBuildingChangesPerWeek {
        max: u16,
    },
    /// Between two hours in different buildings at least `min` hours that
    /// count for no building (free, breaks, no room). Cost: 1 per change
    /// too soon.
    TeacherMinGapsBetweenBuildingChanges {
        teacher: u32,
        min: u16,
    },
    TeachersMinGapsBetweenBuildingChanges {
        min: u16,
    },
    /// Per subgroup (of the set, or all): as the teacher kinds above.
    StudentsSetMaxBuildingChangesPerDay {
        set: u32,
        max: u16,
    },
    StudentsMaxBuildingChangesPerDay {
        max: u16,
    },
    StudentsSetMaxBuildingChangesPerWeek {
        set: u32,
        max: u16,
    },
    StudentsMaxBuildingChangesPerWeek {
        max: u16,
    },
    StudentsSetMinGapsBetweenBuildingChanges {
        set: u32,
        min: u16,
    },
    StudentsMinGapsBetweenBuildingChanges {
        min: u16,
    },
}

impl Kind {
    /// FET's element name for it.
    pub fn fet_name(&self) -> &'static str {
        match self {
            Kind::BasicCompulsoryTime => "ConstraintBasicCompulsoryTime",
            Kind::BreakTimes { .. } => "ConstraintBreakTimes",
            Kind::TeacherNotAvailableTimes { .. } => "ConstraintTeacherNotAvailableTimes",
            Kind::StudentsSetNotAvailableTimes { .. } => "ConstraintStudentsSetNotAvailableTimes",
            Kind::ActivityPreferredStartingTime { .. } => "ConstraintActivityPreferredStartingTime",
            Kind::ActivityPreferredStartingTimes { .. } => {
                "ConstraintActivityPreferredStartingTimes"
            }
            Kind::ActivityPreferredTimeSlots { .. } => "ConstraintActivityPreferredTimeSlots",
            Kind::ActivitiesPreferredStartingTimes { .. } => {
                "ConstraintActivitiesPreferredStartingTimes"
            }
            Kind::ActivitiesPreferredTimeSlots { .. } => "ConstraintActivitiesPreferredTimeSlots",
            Kind::SubactivitiesPreferredStartingTimes { .. } => {
                "ConstraintSubactivitiesPreferredStartingTimes"
            }
            Kind::SubactivitiesPreferredTimeSlots { .. } => {
                "ConstraintSubactivitiesPreferredTimeSlots"
            }
            Kind::MinDaysBetweenActivities { .. } => "ConstraintMinDaysBetweenActivities",
            Kind::ActivitiesSameStartingTime { .. } => "ConstraintActivitiesSameStartingTime",
            Kind::ActivitiesNotOverlapping { .. } => "ConstraintActivitiesNotOverlapping",
            Kind::TwoActivitiesConsecutive { .. } => "ConstraintTwoActivitiesConsecutive",
            Kind::TwoActivitiesGrouped { .. } => "ConstraintTwoActivitiesGrouped",
            Kind::ActivitiesSameStartingDay { .. } => "ConstraintActivitiesSameStartingDay",
            Kind::ActivitiesSameStartingHour { .. } => "ConstraintActivitiesSameStartingHour",
            Kind::MinGapsBetweenActivities { .. } => "ConstraintMinGapsBetweenActivities",
            Kind::MaxDaysBetweenActivities { .. } => "ConstraintMaxDaysBetweenActivities",
            Kind::TwoActivitiesOrdered { .. } => "ConstraintTwoActivitiesOrdered",
            Kind::TwoActivitiesOrderedIfSameDay { .. } => "ConstraintTwoActivitiesOrderedIfSameDay",
            Kind::StudentsMinGapsBetweenOrderedPairOfActivityTags { .. } => {
                "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags"
            }
            Kind::ThreeActivitiesGrouped { .. } => "ConstraintThreeActivitiesGrouped",
            Kind::ActivityEndsStudentsDay { .. } => "ConstraintActivityEndsStudentsDay",
            Kind::ActivitiesEndStudentsDay { .. } => "ConstraintActivitiesEndStudentsDay",
            Kind::ActivitiesOccupyMaxTimeSlotsFromSelection { .. } => {
                "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection"
            }
            Kind::ActivitiesMaxSimultaneousInSelectedTimeSlots { .. } => {
                "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots"
            }
            Kind::ActivitiesMinSimultaneousInSelectedTimeSlots { .. } => {
                "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots"
            }
            Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots { .. } => {
                "ConstraintMaxTotalActivitiesFromSetInSelectedTimeSlots"
            }
            Kind::ActivitiesMaxInATerm { .. } => "ConstraintActivitiesMaxInATerm",
            Kind::ActivitiesOccupyMaxTerms { .. } => "ConstraintActivitiesOccupyMaxTerms",
            Kind::ActivityTagsNotOverlapping { .. } => "ConstraintActivityTagsNotOverlapping",
            Kind::TeacherMaxSpanPerDay { .. } => "ConstraintTeacherMaxSpanPerDay",
            Kind::TeachersMaxSpanPerDay { .. } => "ConstraintTeachersMaxSpanPerDay",
            Kind::StudentsSetMaxSpanPerDay { .. } => "ConstraintStudentsSetMaxSpanPerDay",
            Kind::StudentsMaxSpanPerDay { .. } => "ConstraintStudentsMaxSpanPerDay",
            Kind::TeacherMinRestingHours { .. } => "ConstraintTeacherMinRestingHours",
            Kind::TeachersMinRestingHours { .. } => "ConstraintTeachersMinRestingHours",
            Kind::StudentsSetMinRestingHours { .. } => "ConstraintStudentsSetMinRestingHours",
            Kind::StudentsMinRestingHours { .. } => "ConstraintStudentsMinRestingHours",
            Kind::TeacherMaxDaysPerWeek { .. } => "ConstraintTeacherMaxDaysPerWeek",
            Kind::TeachersMaxDaysPerWeek { .. } => "ConstraintTeachersMaxDaysPerWeek",
            Kind::TeacherMinDaysPerWeek { .. } => "ConstraintTeacherMinDaysPerWeek",
            Kind::TeachersMinDaysPerWeek { .. } => "ConstraintTeachersMinDaysPerWeek",
            Kind::TeacherIntervalMaxDaysPerWeek { .. } => "ConstraintTeacherIntervalMaxDaysPerWeek",
            Kind::TeachersIntervalMaxDaysPerWeek { .. } => {
                "ConstraintTeachersIntervalMaxDaysPerWeek"
            }
            Kind::StudentsSetIntervalMaxDaysPerWeek { .. } => {
                "ConstraintStudentsSetIntervalMaxDaysPerWeek"
            }
            Kind::StudentsIntervalMaxDaysPerWeek { .. } => {
                "ConstraintStudentsIntervalMaxDaysPerWeek"
            }
            Kind::TeacherMaxHoursDaily { .. } => "ConstraintTeacherMaxHoursDaily",
            Kind::TeachersMaxHoursDaily { .. } => "ConstraintTeachersMaxHoursDaily",
            Kind::TeacherMinHoursDaily { .. } => "ConstraintTeacherMinHoursDaily",
            Kind::TeachersMinHoursDaily { .. } => "ConstraintTeachersMinHoursDaily",
            Kind::TeacherMaxGapsPerWeek { .. } => "ConstraintTeacherMaxGapsPerWeek",
            Kind::TeachersMaxGapsPerWeek { .. } => "ConstraintTeachersMaxGapsPerWeek",
            Kind::TeacherMaxGapsPerDay { .. } => "ConstraintTeacherMaxGapsPerDay",
            Kind::TeachersMaxGapsPerDay { .. } => "ConstraintTeachersMaxGapsPerDay",
            Kind::TeachersMaxHoursContinuously { .. } => "ConstraintTeachersMaxHoursContinuously",
            Kind::TeacherMaxHoursContinuously { .. } => "ConstraintTeacherMaxHoursContinuously",
            Kind::StudentsMaxHoursContinuously { .. } => "ConstraintStudentsMaxHoursContinuously",
            Kind::StudentsMaxGapsPerWeek { .. } => "ConstraintStudentsMaxGapsPerWeek",
            Kind::StudentsSetMaxGapsPerWeek { .. } => "ConstraintStudentsSetMaxGapsPerWeek",
            Kind::StudentsMaxGapsPerDay { .. } => "ConstraintStudentsMaxGapsPerDay",
            Kind::StudentsSetMaxGapsPerDay { .. } => "ConstraintStudentsSetMaxGapsPerDay",
            Kind::StudentsEarlyMaxBeginningsAtSecondHour { .. } => {
                "ConstraintStudentsEarlyMaxBeginningsAtSecondHour"
            }
            Kind::StudentsMinHoursDaily { .. } => "ConstraintStudentsMinHoursDaily",
            Kind::StudentsSetMinHoursDaily { .. } => "ConstraintStudentsSetMinHoursDaily",
            Kind::StudentsMaxHoursDaily { .. } => "ConstraintStudentsMaxHoursDaily",
            Kind::StudentsSetMaxHoursDaily { .. } => "ConstraintStudentsSetMaxHoursDaily",
            Kind::TeacherActivityTagMaxHoursDaily { .. } => {
                "ConstraintTeacherActivityTagMaxHoursDaily"
            }
            Kind::TeachersActivityTagMaxHoursDaily { .. } => {
                "ConstraintTeachersActivityTagMaxHoursDaily"
            }
            Kind::StudentsActivityTagMaxHoursDaily { .. } => {
                "ConstraintStudentsActivityTagMaxHoursDaily"
            }
            Kind::StudentsSetActivityTagMaxHoursDaily { .. } => {
                "ConstraintStudentsSetActivityTagMaxHoursDaily"
            }
            Kind::TeacherActivityTagMaxHoursContinuously { .. } => {
                "ConstraintTeacherActivityTagMaxHoursContinuously"
            }
            Kind::TeachersActivityTagMaxHoursContinuously { .. } => {
                "ConstraintTeachersActivityTagMaxHoursContinuously"
            }
            Kind::StudentsActivityTagMaxHoursContinuously { .. } => {
                "ConstraintStudentsActivityTagMaxHoursContinuously"
            }
            Kind::StudentsSetActivityTagMaxHoursContinuously { .. } => {
                "ConstraintStudentsSetActivityTagMaxHoursContinuously"
            }
            Kind::StudentsSetEarlyMaxBeginningsAtSecondHour { .. } => {
                "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour"
            }
            Kind::BasicCompulsorySpace => "ConstraintBasicCompulsorySpace",
            Kind::RoomNotAvailableTimes { .. } => "ConstraintRoomNotAvailableTimes",
            Kind::ActivityPreferredRoom { .. } => "ConstraintActivityPreferredRoom",
            Kind::ActivityPreferredRooms { .. } => "ConstraintActivityPreferredRooms",
            Kind::SubjectPreferredRoom { .. } => "ConstraintSubjectPreferredRoom",
            Kind::SubjectPreferredRooms { .. } => "ConstraintSubjectPreferredRooms",
            Kind::ActivityTagPreferredRooms { .. } => "ConstraintActivityTagPreferredRooms",
            Kind::SubjectActivityTagPreferredRoom { .. } => {
                "ConstraintSubjectActivityTagPreferredRoom"
            }
            Kind::TeacherHomeRoom { .. } => "ConstraintTeacherHomeRoom",
            Kind::TeacherHomeRooms { .. } => "ConstraintTeacherHomeRooms",
            Kind::ActivityTagPreferredRoom { .. } => "ConstraintActivityTagPreferredRoom",
            Kind::StudentsSetHomeRoom { .. } => "ConstraintStudentsSetHomeRoom",
            Kind::SubjectActivityTagPreferredRooms { .. } => {
                "ConstraintSubjectActivityTagPreferredRooms"
            }
            Kind::StudentsSetHomeRooms { .. } => "ConstraintStudentsSetHomeRooms",
            Kind::ActivitiesOccupyMaxDifferentRooms { .. } => {
                "ConstraintActivitiesOccupyMaxDifferentRooms"
            }
            Kind::ActivitiesSameRoomIfConsecutive { .. } => {
                "ConstraintActivitiesSameRoomIfConsecutive"
            }
            Kind::TeacherMaxBuildingChangesPerDay { .. } => {
                "ConstraintTeacherMaxBuildingChangesPerDay"
            }
            Kind::TeachersMaxBuildingChangesPerDay { .. } => {
                "ConstraintTeachersMaxBuildingChangesPerDay"
            }
            Kind::TeacherMaxBuildingChangesPerWeek { .. } => {
                "ConstraintTeacherMaxBuildingChangesPerWeek"
            }
            Kind::TeachersMaxBuildingChangesPerWeek { .. } => {
                "ConstraintTeachersMaxBuildingChangesPerWeek"
            }
            Kind::TeacherMinGapsBetweenBuildingChanges { .. } => {
                "ConstraintTeacherMinGapsBetweenBuildingChanges"
            }
            Kind::TeachersMinGapsBetweenBuildingChanges { .. } => {
                "ConstraintTeachersMinGapsBetweenBuildingChanges"
            }
            Kind::StudentsSetMaxBuildingChangesPerDay { .. } => {
                "ConstraintStudentsSetMaxBuildingChangesPerDay"
            }
            Kind::StudentsMaxBuildingChangesPerDay { .. } => {
                "ConstraintStudentsMaxBuildingChangesPerDay"
            }
            Kind::StudentsSetMaxBuildingChangesPerWeek { .. } => {
                "ConstraintStudentsSetMaxBuildingChangesPerWeek"
            }
            Kind::StudentsMaxBuildingChangesPerWeek { .. } => {
                "ConstraintStudentsMaxBuildingChangesPerWeek"
            }
            Kind::StudentsSetMinGapsBetweenBuildingChanges { .. } => {
                "ConstraintStudentsSetMinGapsBetweenBuildingChanges"
            }
            Kind::StudentsMinGapsBetweenBuildingChanges { .. } => {
                "ConstraintStudentsMinGapsBetweenBuildingChanges"
            }
        }
    }

    /// Space constraints go in FET's Space_Constraints_List. Every kind is
    /// named here (no catch-all), so a new kind must be placed.
    pub fn is_space(&self) -> bool {
        match self {
            Kind::BasicCompulsorySpace
            | Kind::RoomNotAvailableTimes { .. }
            | Kind::ActivityPreferredRoom { .. }
            | Kind::ActivityPreferredRooms { .. }
            | Kind::SubjectPreferredRoom { .. }
            | Kind::SubjectPreferredRooms { .. }
            | Kind::ActivityTagPreferredRoom { .. }
            | Kind::ActivityTagPreferredRooms { .. }
            | Kind::SubjectActivityTagPreferredRoom { .. }
            | Kind::TeacherHomeRoom { .. }
            | Kind::TeacherHomeRooms { .. }
            | Kind::StudentsSetHomeRoom { .. }
            | Kind::SubjectActivityTagPreferredRooms { .. }
            | Kind::StudentsSetHomeRooms { .. }
            | Kind::ActivitiesOccupyMaxDifferentRooms { .. }
            | Kind::ActivitiesSameRoomIfConsecutive { .. } => true,
            building_kinds!() => true,
            time_kinds!() => false,
        }
    }
}

/// The constraint types this engine models, by FET name.
pub const SUPPORTED: [&str; 106] = [
    "ConstraintBasicCompulsoryTime",
    "ConstraintBreakTimes",
    "ConstraintTeacherNotAvailableTimes",
    "ConstraintStudentsSetNotAvailableTimes",
    "ConstraintActivityPreferredStartingTime",
    "ConstraintActivityPreferredStartingTimes",
    "ConstraintActivityPreferredTimeSlots",
    "ConstraintActivitiesPreferredStartingTimes",
    "ConstraintActivitiesPreferredTimeSlots",
    "ConstraintSubactivitiesPreferredStartingTimes",
    "ConstraintSubactivitiesPreferredTimeSlots",
    "ConstraintMinDaysBetweenActivities",
    "ConstraintActivitiesSameStartingTime",
    "ConstraintActivitiesNotOverlapping",
    "ConstraintTwoActivitiesConsecutive",
    "ConstraintTwoActivitiesGrouped",
    "ConstraintActivitiesSameStartingDay",
    "ConstraintActivitiesSameStartingHour",
    "ConstraintMinGapsBetweenActivities",
    "ConstraintMaxDaysBetweenActivities",
    "ConstraintTwoActivitiesOrdered",
    "ConstraintTwoActivitiesOrderedIfSameDay",
    "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags",
    "ConstraintThreeActivitiesGrouped",
    "ConstraintActivityEndsStudentsDay",
    "ConstraintActivitiesEndStudentsDay",
    "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection",
    "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots",
    "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots",
    "ConstraintMaxTotalActivitiesFromSetInSelectedTimeSlots",
    "ConstraintActivitiesMaxInATerm",
    "ConstraintActivitiesOccupyMaxTerms",
    "ConstraintActivityTagsNotOverlapping",
    "ConstraintTeacherMaxSpanPerDay",
    "ConstraintTeachersMaxSpanPerDay",
    "ConstraintStudentsSetMaxSpanPerDay",
    "ConstraintStudentsMaxSpanPerDay",
    "ConstraintTeacherMinRestingHours",
    "ConstraintTeachersMinRestingHours",
    "ConstraintStudentsSetMinRestingHours",
    "ConstraintStudentsMinRestingHours",
    "ConstraintTeacherMaxDaysPerWeek",
    "ConstraintTeachersMaxDaysPerWeek",
    "ConstraintTeacherMinDaysPerWeek",
    "ConstraintTeachersMinDaysPerWeek",
    "ConstraintTeacherIntervalMaxDaysPerWeek",
    "ConstraintTeachersIntervalMaxDaysPerWeek",
    "ConstraintStudentsSetIntervalMaxDaysPerWeek",
    "ConstraintStudentsIntervalMaxDaysPerWeek",
    "ConstraintTeacherMaxHoursDaily",
    "ConstraintTeachersMaxHoursDaily",
    "ConstraintTeacherMinHoursDaily",
    "ConstraintTeachersMinHoursDaily",
    "ConstraintTeacherMaxGapsPerWeek",
    "ConstraintTeachersMaxGapsPerWeek",
    "ConstraintTeacherMaxGapsPerDay",
    "ConstraintTeachersMaxGapsPerDay",
    "ConstraintTeachersMaxHoursContinuously",
    "ConstraintTeacherMaxHoursContinuously",
    "ConstraintStudentsMaxHoursContinuously",
    "ConstraintStudentsMaxGapsPerWeek",
    "ConstraintStudentsSetMaxGapsPerWeek",
    "ConstraintStudentsMaxGapsPerDay",
    "ConstraintStudentsSetMaxGapsPerDay",
    "ConstraintStudentsEarlyMaxBeginningsAtSecondHour",
    "ConstraintStudentsMinHoursDaily",
    "ConstraintStudentsSetMinHoursDaily",
    "ConstraintStudentsMaxHoursDaily",
    "ConstraintStudentsSetMaxHoursDaily",
    "ConstraintTeacherActivityTagMaxHoursDaily",
    "ConstraintTeachersActivityTagMaxHoursDaily",
    "ConstraintStudentsActivityTagMaxHoursDaily",
    "ConstraintStudentsSetActivityTagMaxHoursDaily",
    "ConstraintTeacherActivityTagMaxHoursContinuously",
    "ConstraintTeachersActivityTagMaxHoursContinuously",
    "ConstraintStudentsActivityTagMaxHoursContinuously",
    "ConstraintStudentsSetActivityTagMaxHoursContinuously",
    "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour",
    "ConstraintBasicCompulsorySpace",
    "ConstraintRoomNotAvailableTimes",
    "ConstraintActivityPreferredRoom",
    "ConstraintActivityPreferredRooms",
    "ConstraintSubjectPreferredRoom",
    "ConstraintSubjectPreferredRooms",
    "ConstraintActivityTagPreferredRooms",
    "ConstraintSubjectActivityTagPreferredRoom",
    "ConstraintActivityTagPreferredRoom",
    "ConstraintTeacherHomeRoom",
    "ConstraintTeacherHomeRooms",
    "ConstraintStudentsSetHomeRoom",
    "ConstraintSubjectActivityTagPreferredRooms",
    "ConstraintStudentsSetHomeRooms",
    "ConstraintActivitiesOccupyMaxDifferentRooms",
    "ConstraintActivitiesSameRoomIfConsecutive",
    "ConstraintTeacherMaxBuildingChangesPerDay",
    "ConstraintTeachersMaxBuildingChangesPerDay",
    "ConstraintTeacherMaxBuildingChangesPerWeek",
    "ConstraintTeachersMaxBuildingChangesPerWeek",
    "ConstraintTeacherMinGapsBetweenBuildingChanges",
    "ConstraintTeachersMinGapsBetweenBuildingChanges",
    "ConstraintStudentsSetMaxBuildingChangesPerDay",
    "ConstraintStudentsMaxBuildingChangesPerDay",
    "ConstraintStudentsSetMaxBuildingChangesPerWeek",
    "ConstraintStudentsMaxBuildingChangesPerWeek",
    "ConstraintStudentsSetMinGapsBetweenBuildingChanges",
    "ConstraintStudentsMinGapsBetweenBuildingChanges",
];
