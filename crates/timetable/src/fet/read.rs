//! Reading a `.fet` file.

use crate::constraint::{ActivityFilter, Constraint, Kind, SUPPORTED};
use crate::model::*;
use roxmltree::Node;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetError {
    #[error("not an XML file: {0}")]
    NotXml(String),
    #[error("not a FET file: the root element is <{0}>, expected <fet>")]
    NotFet(String),
    #[error("FET file version {0:?} is not one this reader knows (FET 5 and 6 files are)")]
    UnknownVersion(String),
    #[error("{context}: {message}")]
    Invalid { context: String, message: String },
}

fn invalid(context: impl Into<String>, message: impl Into<String>) -> FetError {
    FetError::Invalid {
        context: context.into(),
        message: message.into(),
    }
}

/// A file as read: the model, and what in the file was not understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub instance: Instance,
    /// Elements this reader did not expect, each once, with where.
    pub warnings: Vec<String>,
}

type Result<T> = std::result::Result<T, FetError>;

fn elements<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.has_tag_name(name))
}

fn text<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.is_element() && c.has_tag_name(name))
        .map(|c| c.text().unwrap_or("").trim())
}

fn texts<'a>(node: Node<'a, '_>, name: &'static str) -> Vec<&'a str> {
    elements(node, name)
        .map(|c| c.text().unwrap_or("").trim())
        .collect()
}

/// The name of a list item: `<Day><Name>Mon</Name></Day>` or, in old files, `<Day>Mon</Day>`.
fn item_name<'a>(node: Node<'a, '_>) -> &'a str {
    text(node, "Name").unwrap_or_else(|| node.text().unwrap_or("").trim())
}

struct Reader<'a> {
    inst: Instance,
    warnings: Vec<String>,
    day: HashMap<&'a str, u16>,
    hour: HashMap<&'a str, u16>,
    teacher: HashMap<String, u32>,
    subject: HashMap<String, u32>,
    tag: HashMap<String, u32>,
    set: HashMap<String, u32>,
    room: HashMap<String, u32>,
    building: HashMap<String, u32>,
    activity: HashMap<u32, u32>,
}

impl<'a> Reader<'a> {
    fn warn(&mut self, what: String) {
        if !self.warnings.contains(&what) {
            self.warnings.push(what);
        }
    }

    /// Warns about children of `node` that are not in `known`.
    fn expect(&mut self, node: Node<'_, '_>, known: &[&str]) {
        for child in node.children().filter(|c| c.is_element()) {
            let name = child.tag_name().name();
            if !known.contains(&name) {
                self.warn(format!(
                    "unknown element <{name}> in <{}>",
                    node.tag_name().name()
                ));
            }
        }
    }

    fn index(map: &HashMap<String, u32>, what: &str, name: &str, context: &str) -> Result<u32> {
        map.get(name).copied().ok_or_else(|| {
            invalid(
                context,
                format!("{what} {name:?} is not in the file's {what} list"),
            )
        })
    }

    fn number<T: std::str::FromStr>(node: Node<'_, '_>, name: &str, context: &str) -> Result<T> {
        let raw =
            text(node, name).ok_or_else(|| invalid(context, format!("<{name}> is missing")))?;
        raw.parse()
            .map_err(|_| invalid(context, format!("<{name}> is {raw:?}, not a number")))
    }

    /// FET's `Interval_Start_Hour`..`Interval_End_Hour`, end exclusive; an
    /// empty end hour is the end of the day.
    fn interval(&self, node: Node<'_, '_>, context: &str) -> Result<(u16, u16)> {
        let hour = |h: &str| {
            self.hour
                .get(h)
                .copied()
                .ok_or_else(|| invalid(context, format!("hour {h:?} is not in the hours list")))
        };
        let start = hour(text(node, "Interval_Start_Hour").unwrap_or(""))?;
        let end = match text(node, "Interval_End_Hour").filter(|h| !h.is_empty()) {
            Some(h) => hour(h)?,
            None => self.inst.hours.len() as u16,
        };
        if end <= start {
            return Err(invalid(context, "the interval ends before it starts"));
        }
        Ok((start, end))
    }

    fn slot(&self, day: &str, hour: &str, context: &str) -> Result<Slot> {
        let d = *self
            .day
            .get(day)
            .ok_or_else(|| invalid(context, format!("day {day:?} is not in the days list")))?;
        let h = *self
            .hour
            .get(hour)
            .ok_or_else(|| invalid(context, format!("hour {hour:?} is not in the hours list")))?;
        Ok(Slot { day: d, hour: h })
    }

    fn slots(
        &self,
        node: Node<'_, '_>,
        item: &'static str,
        day: &str,
        hour: &str,
        context: &str,
    ) -> Result<Vec<Slot>> {
        elements(node, item)
            .map(|n| {
                self.slot(
                    text(n, day).unwrap_or(""),
                    text(n, hour).unwrap_or(""),
                    context,
                )
            })
            .collect()
    }

    fn activity_ref(&self, raw: &str, context: &str) -> Result<u32> {
        let id: u32 = raw
            .parse()
            .map_err(|_| invalid(context, format!("activity id {raw:?} is not a number")))?;
        self.activity
            .get(&id)
            .copied()
            .ok_or_else(|| invalid(context, format!("activity {id} does not exist")))
    }

    fn add_set(&mut self, name: &str, kind: SetKind, students: u32, context: &str) -> Result<u32> {
        if name.is_empty() {
            return Err(invalid(context, "a student set has no name"));
        }
        if let Some(i) = self.set.get(name) {
            // The same name in two places is one set (overlapping groups).
            return Ok(*i);
        }
        let i = self.inst.sets.len() as u32;
        self.inst.sets.push(StudentSet {
            name: name.to_string(),
            kind,
            students,
            atoms: Vec::new(),
            children: Vec::new(),
        });
        self.set.insert(name.to_string(), i);
        Ok(i)
    }

    fn atom(&mut self, name: &str) -> u32 {
        match self.inst.atoms.iter().position(|a| a == name) {
            Some(i) => i as u32,
            None => {
                self.inst.atoms.push(name.to_string());
                (self.inst.atoms.len() - 1) as u32
            }
        }
    }

    fn read_students(&mut self, list: Node<'_, '_>) -> Result<()> {
        self.expect(list, &["Year"]);
        for year in elements(list, "Year") {
            let name = item_name(year);
            let context = format!("year {name:?}");
            self.expect(
                year,
                &[
                    "Name",
                    "Number_of_Students",
                    "Comments",
                    "Group",
                    "Number_of_Categories",
                    "Separator",
                    "Category",
                ],
            );
            let y = self.add_set(
                name,
                SetKind::Year,
                Self::number(year, "Number_of_Students", &context).unwrap_or(0),
                &context,
            )?;
            if !self.inst.years.contains(&y) {
                self.inst.years.push(y);
            }
            let groups: Vec<Node> = elements(year, "Group").collect();
            if groups.is_empty() {
                let a = self.atom(name);
                push_unique(&mut self.inst.sets[y as usize].atoms, a);
            }
            for group in groups {
                let gname = item_name(group);
                let gcontext = format!("group {gname:?}");
                self.expect(
                    group,
                    &["Name", "Number_of_Students", "Comments", "Subgroup"],
                );
                let g = self.add_set(
                    gname,
                    SetKind::Group,
                    Self::number(group, "Number_of_Students", &gcontext).unwrap_or(0),
                    &gcontext,
                )?;
                if g != y {
                    push_unique(&mut self.inst.sets[y as usize].children, g);
                }
                let subgroups: Vec<Node> = elements(group, "Subgroup").collect();
                if subgroups.is_empty() {
                    let a = self.atom(gname);
                    push_unique(&mut self.inst.sets[g as usize].atoms, a);
                }
                for sub in subgroups {
                    let sname = item_name(sub);
                    let scontext = format!("subgroup {sname:?}");
                    self.expect(sub, &["Name", "Number_of_Students", "Comments"]);
                    let s = self.add_set(
                        sname,
                        SetKind::Subgroup,
                        Self::number(sub, "Number_of_Students", &scontext).unwrap_or(0),
                        &scontext,
                    )?;
                    // Some schools name a subgroup like its group; it is one set.
                    if s != g {
                        push_unique(&mut self.inst.sets[g as usize].children, s);
                    }
                    let a = self.atom(sname);
                    push_unique(&mut self.inst.sets[s as usize].atoms, a);
                    push_unique(&mut self.inst.sets[g as usize].atoms, a);
                }
                let group_atoms = self.inst.sets[g as usize].atoms.clone();
                for a in group_atoms {
                    push_unique(&mut self.inst.sets[y as usize].atoms, a);
                }
            }
        }
        for set in &mut self.inst.sets {
            set.atoms.sort_unstable();
        }
        Ok(())
    }

    fn read_activities(&mut self, list: Node<'_, '_>) -> Result<()> {
        self.expect(list, &["Activity"]);
        let n_hours = self.inst.hours.len();
        for node in elements(list, "Activity") {
            self.expect(
                node,
                &[
                    "Teacher",
                    "Subject",
                    "Activity_Tag",
                    "Students",
                    "Duration",
                    "Total_Duration",
                    "Id",
                    "Activity_Group_Id",
                    "Number_Of_Students",
                    "Active",
                    "Comments",
                ],
            );
            let id: u32 = Self::number(node, "Id", "an activity")?;
            let context = format!("activity {id}");
            if self.activity.contains_key(&id) {
                return Err(invalid(context, "the id is used twice"));
            }
            let teachers = texts(node, "Teacher")
                .into_iter()
                .map(|t| Self::index(&self.teacher, "teacher", t, &context))
                .collect::<Result<Vec<_>>>()?;
            let subject = Self::index(
                &self.subject,
                "subject",
                text(node, "Subject").unwrap_or(""),
                &context,
            )?;
            let tags = texts(node, "Activity_Tag")
                .into_iter()
                .map(|t| Self::index(&self.tag, "activity tag", t, &context))
                .collect::<Result<Vec<_>>>()?;
            let students = texts(node, "Students")
                .into_iter()
                .map(|s| Self::index(&self.set, "student set", s, &context))
                .collect::<Result<Vec<_>>>()?;
            let duration: u16 = Self::number(node, "Duration", &context)?;
            if duration == 0 || duration as usize > n_hours {
                return Err(invalid(
                    context,
                    format!("duration {duration} does not fit in a day of {n_hours} hours"),
                ));
            }
            let mut atoms: Vec<u32> = students
                .iter()
                .flat_map(|s| self.inst.sets[*s as usize].atoms.iter().copied())
                .collect();
            atoms.sort_unstable();
            atoms.dedup();
            let given: Option<u32> = text(node, "Number_Of_Students").and_then(|t| t.parse().ok());
            let n_students = given.unwrap_or_else(|| {
                students
                    .iter()
                    .map(|s| self.inst.sets[*s as usize].students)
                    .sum()
            });
            let index = self.inst.activities.len() as u32;
            self.activity.insert(id, index);
            self.inst.activities.push(Activity {
                id,
                group_id: text(node, "Activity_Group_Id")
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(0),
                teachers,
                subject,
                tags,
                students,
                atoms,
                duration,
                total_duration: text(node, "Total_Duration")
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(duration),
                n_students,
                n_students_given: given.is_some(),
                active: text(node, "Active").is_none_or(|t| t == "true"),
            });
        }
        Ok(())
    }

    fn read_rooms(
        &mut self,
        buildings: Option<Node<'_, '_>>,
        rooms: Option<Node<'_, '_>>,
    ) -> Result<()> {
        if let Some(list) = buildings {
            self.expect(list, &["Building"]);
            for b in elements(list, "Building") {
                self.expect(b, &["Name", "Comments"]);
                let name = item_name(b).to_string();
                self.building
                    .insert(name.clone(), self.inst.buildings.len() as u32);
                self.inst.buildings.push(name);
            }
        }
        if let Some(list) = rooms {
            self.expect(list, &["Room"]);
            let mut virtual_sets: Vec<(usize, Vec<Vec<&str>>)> = Vec::new();
            for r in elements(list, "Room") {
                self.expect(
                    r,
                    &[
                        "Name",
                        "Building",
                        "Capacity",
                        "Virtual",
                        "Comments",
                        "Number_of_Sets_of_Real_Rooms",
                        "Set_of_Real_Rooms",
                    ],
                );
                let name = item_name(r).to_string();
                let context = format!("room {name:?}");
                let building = match text(r, "Building").filter(|b| !b.is_empty()) {
                    Some(b) => Some(Self::index(&self.building, "building", b, &context)?),
                    None => None,
                };
                let sets: Vec<Vec<&str>> = if text(r, "Virtual") == Some("true") {
                    elements(r, "Set_of_Real_Rooms")
                        .map(|set| texts(set, "Real_Room"))
                        .collect()
                } else {
                    Vec::new()
                };
                if text(r, "Virtual") == Some("true") && sets.len() < 2 {
                    // FET itself refuses a virtual room with fewer sets.
                    return Err(invalid(
                        context,
                        format!(
                            "a virtual room needs at least 2 sets of real rooms, it has {}",
                            sets.len()
                        ),
                    ));
                }
                self.room.insert(name.clone(), self.inst.rooms.len() as u32);
                self.inst.rooms.push(Room {
                    name,
                    building,
                    capacity: Self::number(r, "Capacity", &context)?,
                    real_sets: Vec::new(),
                });
                if !sets.is_empty() {
                    virtual_sets.push((self.inst.rooms.len() - 1, sets));
                }
            }
            // Real rooms by name, once every room is known (a virtual room
            // may be listed before the rooms it is made of).
            for (v, sets) in virtual_sets {
                let context = format!("room {:?}", self.inst.rooms[v].name);
                let mut resolved = Vec::with_capacity(sets.len());
                for (k, set) in sets.iter().enumerate() {
                    if set.is_empty() {
                        return Err(invalid(
                            context,
                            format!("set {} of real rooms is empty", k + 1),
                        ));
                    }
                    let mut ids = Vec::with_capacity(set.len());
                    for name in set {
                        let id = Self::index(&self.room, "room", name, &context)?;
                        ids.push(id);
                    }
                    resolved.push(ids);
                }
                self.inst.rooms[v].real_sets = resolved;
            }
            for v in 0..self.inst.rooms.len() {
                for set in &self.inst.rooms[v].real_sets {
                    if let Some(r) = set
                        .iter()
                        .find(|r| self.inst.rooms[**r as usize].is_virtual())
                    {
                        return Err(invalid(
                            format!("room {:?}", self.inst.rooms[v].name),
                            format!(
                                "its real rooms include {:?}, which is itself virtual",
                                self.inst.rooms[*r as usize].name
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn filter(&self, node: Node<'_, '_>, context: &str) -> Result<ActivityFilter> {
        let opt = |name: &str| text(node, name).filter(|t| !t.is_empty());
        Ok(ActivityFilter {
            teacher: opt("Teacher_Name")
                .map(|t| Self::index(&self.teacher, "teacher", t, context))
                .transpose()?,
            students: opt("Students_Name")
                .map(|s| Self::index(&self.set, "student set", s, context))
                .transpose()?,
            subject: opt("Subject_Name")
                .map(|s| Self::index(&self.subject, "subject", s, context))
                .transpose()?,
            tag: opt("Activity_Tag_Name")
                .map(|t| Self::index(&self.tag, "activity tag", t, context))
                .transpose()?,
            duration: opt("Duration").and_then(|d| d.parse().ok()),
        })
    }

    fn activity_list(&self, node: Node<'_, '_>, context: &str) -> Result<Vec<u32>> {
        texts(node, "Activity_Id")
            .into_iter()
            .map(|id| self.activity_ref(id, context))
            .collect()
    }

    /// One constraint element: a modelled kind, or None to keep it verbatim.
    fn constraint(&self, node: Node<'_, '_>, context: &str) -> Result<Option<Kind>> {
        let name = node.tag_name().name();
        let num = |field: &str| Self::number::<u16>(node, field, context);
        let flag = |field: &str| text(node, field) == Some("true");
        let teacher = |field: &str| {
            Self::index(
                &self.teacher,
                "teacher",
                text(node, field).unwrap_or(""),
                context,
            )
        };
        let set = |field: &str| {
            Self::index(
                &self.set,
                "student set",
                text(node, field).unwrap_or(""),
                context,
            )
        };
        let room =
            |field: &str| Self::index(&self.room, "room", text(node, field).unwrap_or(""), context);
        let subject = |field: &str| {
            Self::index(
                &self.subject,
                "subject",
                text(node, field).unwrap_or(""),
                context,
            )
        };
        let tag = |field: &str| {
            Self::index(
                &self.tag,
                "activity tag",
                text(node, field).unwrap_or(""),
                context,
            )
        };
        let rooms = |field: &'static str| -> Result<Vec<u32>> {
            texts(node, field)
                .into_iter()
                .map(|r| Self::index(&self.room, "room", r, context))
                .collect()
        };
        let activity = |field: &str| self.activity_ref(text(node, field).unwrap_or(""), context);
        let not_available = || self.slots(node, "Not_Available_Time", "Day", "Hour", context);
        let starting = || {
            self.slots(
                node,
                "Preferred_Starting_Time",
                "Preferred_Starting_Day",
                "Preferred_Starting_Hour",
                context,
            )
        };
        let time_slots = || {
            self.slots(
                node,
                "Preferred_Time_Slot",
                "Preferred_Day",
                "Preferred_Hour",
                context,
            )
        };
        let selected = || {
            self.slots(
                node,
                "Selected_Time_Slot",
                "Selected_Day",
                "Selected_Hour",
                context,
            )
        };
        let component = || -> Result<u16> {
            match num("Component_Number")? {
                0 => Err(invalid(context, "<Component_Number> must be 1 or more")),
                k => Ok(k),
            }
        };
        Ok(Some(match name {
            "ConstraintBasicCompulsoryTime" => Kind::BasicCompulsoryTime,
            "ConstraintBasicCompulsorySpace" => Kind::BasicCompulsorySpace,
            "ConstraintBreakTimes" => Kind::BreakTimes {
                slots: self.slots(node, "Break_Time", "Day", "Hour", context)?,
            },
            "ConstraintTeacherNotAvailableTimes" => Kind::TeacherNotAvailableTimes {
                teacher: teacher("Teacher")?,
                slots: not_available()?,
            },
            "ConstraintStudentsSetNotAvailableTimes" => Kind::StudentsSetNotAvailableTimes {
                set: set("Students")?,
                slots: not_available()?,
            },
            "ConstraintRoomNotAvailableTimes" => Kind::RoomNotAvailableTimes {
                room: room("Room")?,
                slots: not_available()?,
            },
            "ConstraintActivityPreferredStartingTime" => {
                let day = match text(node, "Preferred_Day").filter(|d| !d.is_empty()) {
                    Some(d) => Some(*self.day.get(d).ok_or_else(|| {
                        invalid(context, format!("day {d:?} is not in the days list"))
                    })?),
                    None => None,
                };
                let hour = match text(node, "Preferred_Hour").filter(|h| !h.is_empty()) {
                    Some(h) => Some(*self.hour.get(h).ok_or_else(|| {
                        invalid(context, format!("hour {h:?} is not in the hours list"))
                    })?),
                    None => None,
                };
                Kind::ActivityPreferredStartingTime {
                    activity: activity("Activity_Id")?,
                    day,
                    hour,
                    locked: flag("Permanently_Locked"),
                }
            }
            "ConstraintActivityPreferredStartingTimes" => Kind::ActivityPreferredStartingTimes {
                activity: activity("Activity_Id")?,
                slots: starting()?,
            },
            "ConstraintActivityPreferredTimeSlots" => Kind::ActivityPreferredTimeSlots {
                activity: activity("Activity_Id")?,
                slots: time_slots()?,
            },
            "ConstraintActivitiesPreferredStartingTimes" => {
                Kind::ActivitiesPreferredStartingTimes {
                    filter: self.filter(node, context)?,
                    slots: starting()?,
                }
            }
            "ConstraintActivitiesPreferredTimeSlots" => Kind::ActivitiesPreferredTimeSlots {
                filter: self.filter(node, context)?,
                slots: time_slots()?,
            },
            "ConstraintSubactivitiesPreferredStartingTimes" => {
                Kind::SubactivitiesPreferredStartingTimes {
                    component: component()?,
                    filter: self.filter(node, context)?,
                    slots: starting()?,
                }
            }
            "ConstraintSubactivitiesPreferredTimeSlots" => Kind::SubactivitiesPreferredTimeSlots {
                component: component()?,
                filter: self.filter(node, context)?,
                slots: time_slots()?,
            },
            "ConstraintMinDaysBetweenActivities" => Kind::MinDaysBetweenActivities {
                activities: self.activity_list(node, context)?,
                min_days: num("MinDays")?,
                consecutive_if_same_day: flag("Consecutive_If_Same_Day"),
            },
            "ConstraintActivitiesSameStartingTime" => Kind::ActivitiesSameStartingTime {
                activities: self.activity_list(node, context)?,
            },
            "ConstraintActivitiesNotOverlapping" => Kind::ActivitiesNotOverlapping {
                activities: self.activity_list(node, context)?,
            },
            "ConstraintTwoActivitiesConsecutive" => Kind::TwoActivitiesConsecutive {
                first: activity("First_Activity_Id")?,
                second: activity("Second_Activity_Id")?,
            },
            "ConstraintTwoActivitiesGrouped" => Kind::TwoActivitiesGrouped {
                first: activity("First_Activity_Id")?,
                second: activity("Second_Activity_Id")?,
            },
            "ConstraintActivitiesSameStartingDay" => Kind::ActivitiesSameStartingDay {
                activities: self.activity_list(node, context)?,
            },
            "ConstraintActivitiesSameStartingHour" => Kind::ActivitiesSameStartingHour {
                activities: self.activity_list(node, context)?,
            },
            "ConstraintMinGapsBetweenActivities" => Kind::MinGapsBetweenActivities {
                activities: self.activity_list(node, context)?,
                min_gaps: num("MinGaps")?,
            },
            "ConstraintMaxDaysBetweenActivities" => Kind::MaxDaysBetweenActivities {
                activities: self.activity_list(node, context)?,
                max_days: num("MaxDays")?,
            },
            "ConstraintTwoActivitiesOrdered" => Kind::TwoActivitiesOrdered {
                first: activity("First_Activity_Id")?,
                second: activity("Second_Activity_Id")?,
            },
            "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags" => {
                Kind::StudentsMinGapsBetweenOrderedPairOfActivityTags {
                    first: tag("First_Activity_Tag")?,
                    second: tag("Second_Activity_Tag")?,
                    min: num("MinGaps")?,
                }
            }
            "ConstraintTwoActivitiesOrderedIfSameDay" => Kind::TwoActivitiesOrderedIfSameDay {
                first: activity("First_Activity_Id")?,
                second: activity("Second_Activity_Id")?,
            },
            "ConstraintThreeActivitiesGrouped" => Kind::ThreeActivitiesGrouped {
                activities: [
                    activity("First_Activity_Id")?,
                    activity("Second_Activity_Id")?,
                    activity("Third_Activity_Id")?,
                ],
            },
            "ConstraintActivityEndsStudentsDay" => Kind::ActivityEndsStudentsDay {
                activity: activity("Activity_Id")?,
            },
            "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection" => {
                Kind::ActivitiesOccupyMaxTimeSlotsFromSelection {
                    activities: self.activity_list(node, context)?,
                    slots: selected()?,
                    max: num("Max_Number_of_Occupied_Time_Slots")?,
                }
            }
            "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots" => {
                Kind::ActivitiesMaxSimultaneousInSelectedTimeSlots {
                    activities: self.activity_list(node, context)?,
                    slots: selected()?,
                    max: num("Max_Number_of_Simultaneous_Activities")?,
                }
            }
            "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots" => {
                Kind::ActivitiesMinSimultaneousInSelectedTimeSlots {
                    activities: self.activity_list(node, context)?,
                    slots: selected()?,
                    min: num("Min_Number_of_Simultaneous_Activities")?,
                    allow_empty: flag("Allow_Empty_Slots"),
                }
            }
            "ConstraintMaxTotalActivitiesFromSetInSelectedTimeSlots" => {
                Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots {
                    activities: self.activity_list(node, context)?,
                    slots: selected()?,
                    max: num("Max_Total_Number_of_Activities")?,
                }
            }
            "ConstraintActivitiesMaxInATerm" => Kind::ActivitiesMaxInATerm {
                activities: self.activity_list(node, context)?,
                max: num("Max_Number_of_Activities_in_A_Term")?,
            },
            "ConstraintActivitiesOccupyMaxTerms" => Kind::ActivitiesOccupyMaxTerms {
                activities: self.activity_list(node, context)?,
                max: num("Max_Number_of_Occupied_Terms")?,
            },
            "ConstraintActivityTagsNotOverlapping" => Kind::ActivityTagsNotOverlapping {
                tags: texts(node, "Activity_Tag")
                    .into_iter()
                    .map(|t| Self::index(&self.tag, "activity tag", t, context))
                    .collect::<Result<_>>()?,
            },
            "ConstraintActivitiesEndStudentsDay" => Kind::ActivitiesEndStudentsDay {
                filter: self.filter(node, context)?,
            },
            "ConstraintTeacherMaxDaysPerWeek" => Kind::TeacherMaxDaysPerWeek {
                teacher: teacher("Teacher_Name")?,
                max: num("Max_Days_Per_Week")?,
            },
            "ConstraintTeachersMaxDaysPerWeek" => Kind::TeachersMaxDaysPerWeek {
                max: num("Max_Days_Per_Week")?,
            },
            "ConstraintTeacherMinDaysPerWeek" => Kind::TeacherMinDaysPerWeek {
                teacher: teacher("Teacher_Name")?,
                min: num("Minimum_Days_Per_Week")?,
            },
            "ConstraintTeachersMinDaysPerWeek" => Kind::TeachersMinDaysPerWeek {
                min: num("Minimum_Days_Per_Week")?,
            },
            "ConstraintTeacherIntervalMaxDaysPerWeek" => {
                let (start, end) = self.interval(node, context)?;
                Kind::TeacherIntervalMaxDaysPerWeek {
                    teacher: teacher("Teacher_Name")?,
                    start,
                    end,
                    max: num("Max_Days_Per_Week")?,
                }
            }
            "ConstraintTeachersIntervalMaxDaysPerWeek" => {
                let (start, end) = self.interval(node, context)?;
                Kind::TeachersIntervalMaxDaysPerWeek {
                    start,
                    end,
                    max: num("Max_Days_Per_Week")?,
                }
            }
            "ConstraintStudentsSetIntervalMaxDaysPerWeek" => {
                let (start, end) = self.interval(node, context)?;
                Kind::StudentsSetIntervalMaxDaysPerWeek {
                    set: set("Students")?,
                    start,
                    end,
                    max: num("Max_Days_Per_Week")?,
                }
            }
            "ConstraintStudentsIntervalMaxDaysPerWeek" => {
                let (start, end) = self.interval(node, context)?;
                Kind::StudentsIntervalMaxDaysPerWeek {
                    start,
                    end,
                    max: num("Max_Days_Per_Week")?,
                }
            }
            "ConstraintTeacherMaxHoursDaily" => Kind::TeacherMaxHoursDaily {
                teacher: teacher("Teacher_Name")?,
                max: num("Maximum_Hours_Daily")?,
            },
            "ConstraintTeachersMaxHoursDaily" => Kind::TeachersMaxHoursDaily {
                max: num("Maximum_Hours_Daily")?,
            },
            "ConstraintTeacherMinHoursDaily" => Kind::TeacherMinHoursDaily {
                teacher: teacher("Teacher_Name")?,
                min: num("Minimum_Hours_Daily")?,
                allow_empty_days: flag("Allow_Empty_Days"),
            },
            "ConstraintTeachersMinHoursDaily" => Kind::TeachersMinHoursDaily {
                min: num("Minimum_Hours_Daily")?,
                allow_empty_days: flag("Allow_Empty_Days"),
            },
            "ConstraintTeacherMaxGapsPerWeek" => Kind::TeacherMaxGapsPerWeek {
                teacher: teacher("Teacher_Name")?,
                max: num("Max_Gaps")?,
            },
            "ConstraintTeachersMaxGapsPerWeek" => Kind::TeachersMaxGapsPerWeek {
                max: num("Max_Gaps")?,
            },
            "ConstraintTeacherMaxGapsPerDay" => Kind::TeacherMaxGapsPerDay {
                teacher: teacher("Teacher_Name")?,
                max: num("Max_Gaps")?,
            },
            "ConstraintTeachersMaxGapsPerDay" => Kind::TeachersMaxGapsPerDay {
                max: num("Max_Gaps")?,
            },
            "ConstraintTeachersMaxHoursContinuously" => Kind::TeachersMaxHoursContinuously {
                max: num("Maximum_Hours_Continuously")?,
            },
            "ConstraintTeacherMaxHoursContinuously" => Kind::TeacherMaxHoursContinuously {
                teacher: teacher("Teacher_Name")?,
                max: num("Maximum_Hours_Continuously")?,
            },
            "ConstraintStudentsMaxHoursContinuously" => Kind::StudentsMaxHoursContinuously {
                max: num("Maximum_Hours_Continuously")?,
            },
            "ConstraintStudentsMaxGapsPerWeek" => Kind::StudentsMaxGapsPerWeek {
                max: num("Max_Gaps")?,
            },
            "ConstraintStudentsSetMaxGapsPerWeek" => Kind::StudentsSetMaxGapsPerWeek {
                set: set("Students")?,
                max: num("Max_Gaps")?,
            },
            "ConstraintStudentsMaxGapsPerDay" => Kind::StudentsMaxGapsPerDay {
                max: num("Max_Gaps")?,
            },
            "ConstraintStudentsSetMaxGapsPerDay" => Kind::StudentsSetMaxGapsPerDay {
                set: set("Students")?,
                max: num("Max_Gaps")?,
            },
            "ConstraintStudentsEarlyMaxBeginningsAtSecondHour" => {
                Kind::StudentsEarlyMaxBeginningsAtSecondHour {
                    max: num("Max_Beginnings_At_Second_Hour")?,
                }
            }
            "ConstraintStudentsMinHoursDaily" => Kind::StudentsMinHoursDaily {
                min: num("Minimum_Hours_Daily")?,
                allow_empty_days: flag("Allow_Empty_Days"),
            },
            "ConstraintStudentsSetMinHoursDaily" => Kind::StudentsSetMinHoursDaily {
                set: set("Students")?,
                min: num("Minimum_Hours_Daily")?,
                allow_empty_days: flag("Allow_Empty_Days"),
            },
            "ConstraintStudentsMaxHoursDaily" => Kind::StudentsMaxHoursDaily {
                max: num("Maximum_Hours_Daily")?,
            },
            "ConstraintStudentsSetMaxHoursDaily" => Kind::StudentsSetMaxHoursDaily {
                set: set("Students")?,
                max: num("Maximum_Hours_Daily")?,
            },
            "ConstraintTeacherActivityTagMaxHoursDaily" => Kind::TeacherActivityTagMaxHoursDaily {
                teacher: teacher("Teacher_Name")?,
                tag: tag("Activity_Tag_Name")?,
                max: num("Maximum_Hours_Daily")?,
            },
            "ConstraintTeachersActivityTagMaxHoursDaily" => {
                Kind::TeachersActivityTagMaxHoursDaily {
                    tag: tag("Activity_Tag_Name")?,
                    max: num("Maximum_Hours_Daily")?,
                }
            }
            "ConstraintStudentsActivityTagMaxHoursDaily" => {
                Kind::StudentsActivityTagMaxHoursDaily {
                    tag: tag("Activity_Tag")?,
                    max: num("Maximum_Hours_Daily")?,
                }
            }
            "ConstraintStudentsSetActivityTagMaxHoursDaily" => {
                Kind::StudentsSetActivityTagMaxHoursDaily {
                    set: set("Students")?,
                    tag: tag("Activity_Tag")?,
                    max: num("Maximum_Hours_Daily")?,
                }
            }
            "ConstraintTeacherActivityTagMaxHoursContinuously" => {
                Kind::TeacherActivityTagMaxHoursContinuously {
                    teacher: teacher("Teacher_Name")?,
                    tag: tag("Activity_Tag_Name")?,
                    max: num("Maximum_Hours_Continuously")?,
                }
            }
            "ConstraintTeachersActivityTagMaxHoursContinuously" => {
                Kind::TeachersActivityTagMaxHoursContinuously {
                    tag: tag("Activity_Tag_Name")?,
                    max: num("Maximum_Hours_Continuously")?,
                }
            }
            "ConstraintStudentsActivityTagMaxHoursContinuously" => {
                Kind::StudentsActivityTagMaxHoursContinuously {
                    tag: tag("Activity_Tag")?,
                    max: num("Maximum_Hours_Continuously")?,
                }
            }
            "ConstraintStudentsSetActivityTagMaxHoursContinuously" => {
                Kind::StudentsSetActivityTagMaxHoursContinuously {
                    set: set("Students")?,
                    tag: tag("Activity_Tag")?,
                    max: num("Maximum_Hours_Continuously")?,
                }
            }
            "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour" => {
                Kind::StudentsSetEarlyMaxBeginningsAtSecondHour {
                    set: set("Students")?,
                    max: num("Max_Beginnings_At_Second_Hour")?,
                }
            }
            "ConstraintTeacherMaxBuildingChangesPerDay" => Kind::TeacherMaxBuildingChangesPerDay {
                teacher: teacher("Teacher")?,
                max: num("Max_Building_Changes_Per_Day")?,
            },
            "ConstraintTeachersMaxBuildingChangesPerDay" => {
                Kind::TeachersMaxBuildingChangesPerDay {
                    max: num("Max_Building_Changes_Per_Day")?,
                }
            }
            "ConstraintTeacherMaxBuildingChangesPerWeek" => {
                Kind::TeacherMaxBuildingChangesPerWeek {
                    teacher: teacher("Teacher")?,
                    max: num("Max_Building_Changes_Per_Week")?,
                }
            }
            "ConstraintTeachersMaxBuildingChangesPerWeek" => {
                Kind::TeachersMaxBuildingChangesPerWeek {
                    max: num("Max_Building_Changes_Per_Week")?,
                }
            }
            "ConstraintTeacherMinGapsBetweenBuildingChanges" => {
                Kind::TeacherMinGapsBetweenBuildingChanges {
                    teacher: teacher("Teacher")?,
                    min: num("Min_Gaps_Between_Building_Changes")?,
                }
            }
            "ConstraintTeachersMinGapsBetweenBuildingChanges" => {
                Kind::TeachersMinGapsBetweenBuildingChanges {
                    min: num("Min_Gaps_Between_Building_Changes")?,
                }
            }
            "ConstraintStudentsSetMaxBuildingChangesPerDay" => {
                Kind::StudentsSetMaxBuildingChangesPerDay {
                    set: set("Students")?,
                    max: num("Max_Building_Changes_Per_Day")?,
                }
            }
            "ConstraintStudentsMaxBuildingChangesPerDay" => {
                Kind::StudentsMaxBuildingChangesPerDay {
                    max: num("Max_Building_Changes_Per_Day")?,
                }
            }
            "ConstraintStudentsSetMaxBuildingChangesPerWeek" => {
                Kind::StudentsSetMaxBuildingChangesPerWeek {
                    set: set("Students")?,
                    max: num("Max_Building_Changes_Per_Week")?,
                }
            }
            "ConstraintStudentsMaxBuildingChangesPerWeek" => {
                Kind::StudentsMaxBuildingChangesPerWeek {
                    max: num("Max_Building_Changes_Per_Week")?,
                }
            }
            "ConstraintStudentsSetMinGapsBetweenBuildingChanges" => {
                Kind::StudentsSetMinGapsBetweenBuildingChanges {
                    set: set("Students")?,
                    min: num("Min_Gaps_Between_Building_Changes")?,
                }
            }
            "ConstraintStudentsMinGapsBetweenBuildingChanges" => {
                Kind::StudentsMinGapsBetweenBuildingChanges {
                    min: num("Min_Gaps_Between_Building_Changes")?,
                }
            }
            "ConstraintActivityPreferredRoom" => {
                let room = room("Room")?;
                let named: Vec<&str> = texts(node, "Real_Room")
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .collect();
                let mut real_rooms = Vec::with_capacity(named.len());
                for r in named {
                    real_rooms.push(Self::index(&self.room, "room", r, context)?);
                }
                let sets = &self.inst.rooms[room as usize].real_sets;
                if !real_rooms.is_empty() {
                    if real_rooms.len() != sets.len() {
                        return Err(invalid(
                            context,
                            format!(
                                "{} real rooms are given for room {:?}, which has {} sets of real rooms",
                                real_rooms.len(),
                                self.inst.rooms[room as usize].name,
                                sets.len()
                            ),
                        ));
                    }
                    if !self.inst.rooms[room as usize].takes(&real_rooms) {
                        return Err(invalid(
                            context,
                            format!(
                                "the real rooms given do not take one room of each set of room {:?}, all different",
                                self.inst.rooms[room as usize].name
                            ),
                        ));
                    }
                }
                Kind::ActivityPreferredRoom {
                    activity: activity("Activity_Id")?,
                    room,
                    real_rooms,
                    locked: flag("Permanently_Locked"),
                }
            }
            "ConstraintActivityPreferredRooms" => Kind::ActivityPreferredRooms {
                activity: activity("Activity_Id")?,
                rooms: rooms("Preferred_Room")?,
            },
            "ConstraintSubjectPreferredRoom" => Kind::SubjectPreferredRoom {
                subject: subject("Subject")?,
                room: room("Room")?,
            },
            "ConstraintSubjectPreferredRooms" => Kind::SubjectPreferredRooms {
                subject: subject("Subject")?,
                rooms: rooms("Preferred_Room")?,
            },
            "ConstraintActivityTagPreferredRooms" => Kind::ActivityTagPreferredRooms {
                tag: tag("Activity_Tag")?,
                rooms: rooms("Preferred_Room")?,
            },
            "ConstraintActivityTagPreferredRoom" => Kind::ActivityTagPreferredRoom {
                tag: tag("Activity_Tag")?,
                room: room("Room")?,
            },
            "ConstraintSubjectActivityTagPreferredRoom" => Kind::SubjectActivityTagPreferredRoom {
                subject: subject("Subject")?,
                tag: tag("Activity_Tag")?,
                room: room("Room")?,
            },
            "ConstraintTeacherHomeRoom" => Kind::TeacherHomeRoom {
                teacher: teacher("Teacher")?,
                room: room("Room")?,
            },
            "ConstraintTeacherHomeRooms" => Kind::TeacherHomeRooms {
                teacher: teacher("Teacher")?,
                rooms: rooms("Preferred_Room")?,
            },
            "ConstraintStudentsSetHomeRoom" => Kind::StudentsSetHomeRoom {
                set: set("Students")?,
                room: room("Room")?,
            },
            "ConstraintSubjectActivityTagPreferredRooms" => {
                Kind::SubjectActivityTagPreferredRooms {
                    subject: subject("Subject")?,
                    tag: tag("Activity_Tag")?,
                    rooms: rooms("Preferred_Room")?,
                }
            }
            "ConstraintTeacherMaxSpanPerDay" => Kind::TeacherMaxSpanPerDay {
                teacher: teacher("Teacher_Name")?,
                max: num("Max_Span")?,
                exception: flag("Allow_One_Day_Exception_of_Plus_One"),
            },
            "ConstraintTeachersMaxSpanPerDay" => Kind::TeachersMaxSpanPerDay {
                max: num("Max_Span")?,
                exception: flag("Allow_One_Day_Exception_of_Plus_One"),
            },
            "ConstraintStudentsSetMaxSpanPerDay" => Kind::StudentsSetMaxSpanPerDay {
                set: set("Students")?,
                max: num("Max_Span")?,
            },
            "ConstraintStudentsMaxSpanPerDay" => Kind::StudentsMaxSpanPerDay {
                max: num("Max_Span")?,
            },
            "ConstraintTeacherMinRestingHours" => Kind::TeacherMinRestingHours {
                teacher: teacher("Teacher_Name")?,
                min: num("Minimum_Resting_Hours")?,
                circular: flag("Circular"),
            },
            "ConstraintTeachersMinRestingHours" => Kind::TeachersMinRestingHours {
                min: num("Minimum_Resting_Hours")?,
                circular: flag("Circular"),
            },
            "ConstraintStudentsSetMinRestingHours" => Kind::StudentsSetMinRestingHours {
                set: set("Students")?,
                min: num("Minimum_Resting_Hours")?,
                circular: flag("Circular"),
            },
            "ConstraintStudentsMinRestingHours" => Kind::StudentsMinRestingHours {
                min: num("Minimum_Resting_Hours")?,
                circular: flag("Circular"),
            },
            "ConstraintActivitiesOccupyMaxDifferentRooms" => {
                Kind::ActivitiesOccupyMaxDifferentRooms {
                    activities: self.activity_list(node, context)?,
                    max: num("Max_Number_of_Different_Rooms")?,
                }
            }
            "ConstraintActivitiesSameRoomIfConsecutive" => Kind::ActivitiesSameRoomIfConsecutive {
                activities: self.activity_list(node, context)?,
            },
            "ConstraintStudentsSetHomeRooms" => Kind::StudentsSetHomeRooms {
                set: set("Students")?,
                rooms: rooms("Preferred_Room")?,
            },
            _ => return Ok(None),
        }))
    }

    fn read_constraints(&mut self, source: &str, list: Node<'_, '_>, time: bool) -> Result<()> {
        for (i, node) in list.children().filter(|c| c.is_element()).enumerate() {
            let type_name = node.tag_name().name();
            let context = format!(
                "{} constraint {} ({type_name})",
                if time { "time" } else { "space" },
                i + 1
            );
            let active = text(node, "Active").is_none_or(|t| t == "true");
            let kind = if SUPPORTED.contains(&type_name) {
                self.constraint(node, &context)?
            } else {
                None
            };
            match kind {
                Some(kind) if kind.is_space() != time => {
                    let weight_text = text(node, "Weight_Percentage").unwrap_or("100");
                    let weight: f64 = weight_text.parse().map_err(|_| {
                        invalid(&context, format!("weight {weight_text:?} is not a number"))
                    })?;
                    if !(0.0..=100.0).contains(&weight) {
                        return Err(invalid(
                            &context,
                            format!("weight {weight} is not between 0 and 100"),
                        ));
                    }
                    self.inst.constraints.push(Constraint {
                        weight,
                        active,
                        comments: text(node, "Comments").unwrap_or("").to_string(),
                        kind,
                    });
                }
                _ => self.inst.opaque.push(OpaqueConstraint {
                    type_name: type_name.to_string(),
                    time,
                    active,
                    xml: source[node.range()].to_string(),
                }),
            }
        }
        Ok(())
    }
}

fn push_unique(list: &mut Vec<u32>, value: u32) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Why a Block_Planning file is not solved here: its basic rule differs
/// (seen with fet-cl 6.8.5 on locked placements: the same students, or the
/// same room, at one hour on two different "days" is refused there, and
/// allowed in Official mode; a teacher may).
pub const BLOCK_PLANNING: &str = "FET's Block_Planning mode (its students and rooms may not be \
     at the same hour on two different days, which this engine does not model)";

/// Reads a `.fet` file's text.
pub fn read(source: &str) -> Result<Import> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(source, options)
        .map_err(|e| FetError::NotXml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "fet" {
        return Err(FetError::NotFet(root.tag_name().name().to_string()));
    }
    let version = root.attribute("version").unwrap_or("").to_string();
    let major = version
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    if !matches!(major, Some(5 | 6)) {
        return Err(FetError::UnknownVersion(version));
    }
    let mut r = Reader {
        inst: Instance {
            fet_version: version,
            ..Instance::default()
        },
        warnings: Vec::new(),
        day: HashMap::new(),
        hour: HashMap::new(),
        teacher: HashMap::new(),
        subject: HashMap::new(),
        tag: HashMap::new(),
        set: HashMap::new(),
        room: HashMap::new(),
        building: HashMap::new(),
        activity: HashMap::new(),
    };
    r.expect(
        root,
        &[
            "Mode",
            "Institution_Name",
            "Comments",
            "Days_List",
            "Hours_List",
            "Subjects_List",
            "Activity_Tags_List",
            "Teachers_List",
            "Students_List",
            "Activities_List",
            "Buildings_List",
            "Rooms_List",
            "Time_Constraints_List",
            "Space_Constraints_List",
            "Timetable_Generation_Options_List",
        ],
    );
    r.inst.institution = text(root, "Institution_Name").unwrap_or("").to_string();
    r.inst.comments = text(root, "Comments").unwrap_or("").to_string();
    let list = |name: &str| {
        root.children()
            .find(|c| c.is_element() && c.has_tag_name(name))
    };

    let days = list("Days_List").ok_or_else(|| invalid("the file", "<Days_List> is missing"))?;
    for (i, d) in elements(days, "Day").enumerate() {
        r.inst.days.push(item_name(d).to_string());
        r.day.insert(item_name(d), i as u16);
    }
    let hours = list("Hours_List").ok_or_else(|| invalid("the file", "<Hours_List> is missing"))?;
    for (i, h) in elements(hours, "Hour").enumerate() {
        r.inst.hours.push(item_name(h).to_string());
        r.hour.insert(item_name(h), i as u16);
    }
    if r.inst.days.is_empty() || r.inst.hours.is_empty() {
        return Err(invalid("the file", "it has no days or no hours"));
    }
    r.inst.mode = read_mode(
        root,
        &r.inst.fet_version,
        r.inst.days.len(),
        &mut r.inst.unsupported_features,
    )?;
    for (list_name, item, target) in [
        ("Subjects_List", "Subject", 0),
        ("Activity_Tags_List", "Activity_Tag", 1),
        ("Teachers_List", "Teacher", 2),
    ] {
        let Some(node) = list(list_name) else {
            continue;
        };
        for n in elements(node, item) {
            let name = item_name(n).to_string();
            let (names, map) = match target {
                0 => (&mut r.inst.subjects, &mut r.subject),
                1 => (&mut r.inst.tags, &mut r.tag),
                _ => (&mut r.inst.teachers, &mut r.teacher),
            };
            if map.contains_key(&name) {
                // FET keeps the first and ignores the repeat; so do we, and say so.
                r.warnings.push(format!(
                    "{item} {name:?} is listed twice; the repeat is ignored"
                ));
                continue;
            }
            map.insert(name.clone(), names.len() as u32);
            names.push(name);
        }
    }
    if let Some(students) = list("Students_List") {
        r.read_students(students)?;
    }
    if let Some(activities) = list("Activities_List") {
        r.read_activities(activities)?;
    }
    r.read_rooms(list("Buildings_List"), list("Rooms_List"))?;
    if let Some(node) = list("Time_Constraints_List") {
        r.read_constraints(source, node, true)?;
    }
    if let Some(node) = list("Space_Constraints_List") {
        r.read_constraints(source, node, false)?;
    }
    check_mode_constraints(&r.inst)?;
    Ok(Import {
        instance: r.inst,
        warnings: r.warnings,
    })
}

/// The file's FET mode; a mode this engine does not solve is added to
/// `unsupported` with the reason.
fn read_mode(
    root: Node<'_, '_>,
    version: &str,
    days: usize,
    unsupported: &mut Vec<String>,
) -> Result<Mode> {
    let stated = text(root, "Mode").unwrap_or("Official");
    // FET 5 files from its two custom builds carry their mode in the
    // version; fet-cl converts them (it says so when it opens one).
    let mode = match stated {
        "Official" if version.contains("-bp") => "Block_Planning",
        "Official" if version.contains("-mathmake") => "mathmake",
        stated => stated,
    };
    let mode = match mode {
        "Official" => Mode::Official,
        "Terms" => {
            let count = |name: &str| -> Result<u16> {
                match text(root, name).and_then(|t| t.parse::<u16>().ok()) {
                    Some(n) if n > 0 => Ok(n),
                    _ => Err(invalid(
                        "the file",
                        format!("Terms mode needs a positive <{name}>"),
                    )),
                }
            };
            Mode::Terms {
                terms: count("Number_of_Terms")?,
                days_per_term: count("Number_of_Days_Per_Term")?,
            }
        }
        // The "mathmake" build had terms: fet-cl opens its files in Terms
        // mode with 5 days to a term (seen on its 25-day files).
        "mathmake" => {
            if !days.is_multiple_of(5) {
                return Err(invalid(
                    "the file",
                    format!(
                        "a FET 5 \"mathmake\" (terms) file with {days} days: its terms are not known \
                         (fet-cl makes terms of 5 days)"
                    ),
                ));
            }
            Mode::Terms {
                terms: (days / 5) as u16,
                days_per_term: 5,
            }
        }
        "Block_Planning" => {
            unsupported.push(BLOCK_PLANNING.to_string());
            Mode::BlockPlanning
        }
        "Mornings_Afternoons" => {
            unsupported.push(
                "FET's Mornings_Afternoons mode (each real day is a morning and an afternoon, \
                 with constraints of their own on real days, mornings and afternoons)"
                    .to_string(),
            );
            Mode::Official
        }
        other => {
            unsupported.push(format!(
                "FET mode {other:?}, which this engine does not know"
            ));
            Mode::Official
        }
    };
    if let Mode::Terms {
        terms,
        days_per_term,
    } = mode
    {
        if usize::from(terms) * usize::from(days_per_term) != days {
            return Err(invalid(
                "the file",
                format!("{terms} terms of {days_per_term} days do not make its {days} days"),
            ));
        }
    }
    Ok(mode)
}

/// What fet-cl refuses about the constraints of the newer modes: the term
/// constraints outside Terms mode, the block-planning one outside it, and
/// an activity-tags-not-overlapping constraint with a tag no activity has
/// or an activity with two of its tags.
fn check_mode_constraints(inst: &Instance) -> Result<()> {
    for (n, c) in inst
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| c.active)
    {
        let context = || format!("constraint {} ({})", n + 1, c.kind.fet_name());
        let wrong_mode = |mode: &str| {
            Err(invalid(
                context(),
                format!("FET allows this constraint only in {mode} mode"),
            ))
        };
        match &c.kind {
            Kind::ActivitiesMaxInATerm { .. } | Kind::ActivitiesOccupyMaxTerms { .. }
                if !matches!(inst.mode, Mode::Terms { .. }) =>
            {
                return wrong_mode("Terms");
            }
            Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots { .. }
                if inst.mode != Mode::BlockPlanning =>
            {
                return wrong_mode("Block_Planning");
            }
            Kind::ActivityTagsNotOverlapping { tags } => {
                let active = || inst.activities.iter().filter(|a| a.active);
                for t in tags {
                    if !active().any(|a| a.tags.contains(t)) {
                        return Err(invalid(
                            context(),
                            format!("no activity has activity tag {:?}", inst.tags[*t as usize]),
                        ));
                    }
                }
                if let Some(a) =
                    active().find(|a| a.tags.iter().filter(|t| tags.contains(t)).count() > 1)
                {
                    return Err(invalid(
                        context(),
                        format!("activity {} has more than one of its activity tags", a.id),
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Reads the timetable FET writes beside its results
/// (`<name>_activities.xml`: each activity's id, day, hour and room) into a
/// [`Timetable`] for `inst`, so FET's own solutions can be checked here.
pub fn read_solution(inst: &Instance, source: &str) -> Result<Timetable> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let doc = roxmltree::Document::parse(source).map_err(|e| FetError::NotXml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "Activities_Timetable" {
        return Err(FetError::NotFet(root.tag_name().name().to_string()));
    }
    let mut tt = Timetable::empty(inst);
    for node in elements(root, "Activity") {
        let id: u32 = Reader::number(node, "Id", "a placed activity")?;
        let context = format!("placed activity {id}");
        let index = inst
            .activity_index(id)
            .ok_or_else(|| invalid(&context, "no such activity in the instance"))?;
        let day = text(node, "Day").unwrap_or("");
        let hour = text(node, "Hour").unwrap_or("");
        if day.is_empty() || hour.is_empty() {
            continue; // not placed
        }
        let d = inst
            .days
            .iter()
            .position(|x| x == day)
            .ok_or_else(|| invalid(&context, format!("day {day:?} is unknown")))?;
        let h = inst
            .hours
            .iter()
            .position(|x| x == hour)
            .ok_or_else(|| invalid(&context, format!("hour {hour:?} is unknown")))?;
        let room = match text(node, "Room").filter(|r| !r.is_empty()) {
            Some(r) => Some(
                inst.rooms
                    .iter()
                    .position(|x| x.name == r)
                    .ok_or_else(|| invalid(&context, format!("room {r:?} is unknown")))?
                    as u32,
            ),
            None => None,
        };
        let mut real = Vec::new();
        for r in texts(node, "Real_Room")
            .into_iter()
            .filter(|r| !r.is_empty())
        {
            real.push(
                inst.rooms
                    .iter()
                    .position(|x| x.name == r)
                    .ok_or_else(|| invalid(&context, format!("real room {r:?} is unknown")))?
                    as u32,
            );
        }
        tt.placements[index] = Placement {
            start: Some(Slot {
                day: d as u16,
                hour: h as u16,
            }),
            room,
        };
        tt.real_rooms[index] = real;
    }
    Ok(tt)
}
