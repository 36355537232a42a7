//! The timetable model. Everything is held by index (`u32` into the
//! instance's lists) so a solver can use dense arrays and bitsets; names are
//! kept for messages and for writing FET files back.

use crate::constraint::Constraint;

/// A time slot: a day and an hour (period) of that day, both 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub day: u16,
    pub hour: u16,
}

/// Years, groups and subgroups: FET's three levels of student sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetKind {
    Year,
    Group,
    Subgroup,
}

/// A named set of students. Conflicts are decided on atomic *subgroups*:
/// a subgroup is one; a group without subgroups is one; a year without
/// groups is one. A year or group stands for the union of its atoms, so
/// overlapping groups (a group in two years, a subgroup in two groups) work
/// as in FET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentSet {
    pub name: String,
    pub kind: SetKind,
    pub students: u32,
    /// Indices of the atomic subgroups this set covers (sorted, unique).
    pub atoms: Vec<u32>,
    /// For writing back: the sets directly inside this one (indices).
    pub children: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub name: String,
    pub building: Option<u32>,
    pub capacity: u32,
    /// A virtual room (FET 6) lists sets of real rooms: a lesson in it takes
    /// one real room from each set, all different, and only those real
    /// rooms are exclusive — two lessons may share the virtual room itself.
    /// Empty for a real room.
    pub real_sets: Vec<Vec<u32>>,
}

impl Room {
    pub fn is_virtual(&self) -> bool {
        !self.real_sets.is_empty()
    }

    /// Whether `real` gives this virtual room one real room of each set, all
    /// different. FET lists them in no fixed order, so any matching of the
    /// rooms to the sets will do.
    pub fn takes(&self, real: &[u32]) -> bool {
        let sets = &self.real_sets;
        if real.len() != sets.len() || real.iter().enumerate().any(|(k, r)| real[..k].contains(r)) {
            return false;
        }
        // Per position in `real`: the set it serves (augmenting paths).
        let mut serves = vec![usize::MAX; real.len()];
        fn augment(
            k: usize,
            sets: &[Vec<u32>],
            real: &[u32],
            serves: &mut [usize],
            seen: &mut [bool],
        ) -> bool {
            for (j, r) in real.iter().enumerate() {
                if seen[j] || !sets[k].contains(r) {
                    continue;
                }
                seen[j] = true;
                if serves[j] == usize::MAX || augment(serves[j], sets, real, serves, seen) {
                    serves[j] = k;
                    return true;
                }
            }
            false
        }
        (0..sets.len()).all(|k| {
            let mut seen = vec![false; real.len()];
            augment(k, sets, real, &mut serves, &mut seen)
        })
    }
}

/// One lesson (FET "activity"): a sub-activity of a split lesson is an
/// activity of its own, tied to its siblings by `group_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// FET's activity id, unique in the file.
    pub id: u32,
    /// FET's activity group id: sub-activities of one split lesson share it
    /// (0 for an activity that is not split).
    pub group_id: u32,
    pub teachers: Vec<u32>,
    pub subject: u32,
    pub tags: Vec<u32>,
    /// Student sets as named in the file.
    pub students: Vec<u32>,
    /// Their atomic subgroups, sorted and unique.
    pub atoms: Vec<u32>,
    /// Length in hours (periods).
    pub duration: u16,
    pub total_duration: u16,
    /// How many students attend: the file's own number, or the sum of the sets'.
    pub n_students: u32,
    /// Whether the file gave the number of students explicitly.
    pub n_students_given: bool,
    pub active: bool,
}

impl Activity {
    /// Whether this is the `component`-th part (1-based) of its split
    /// lesson, as FET numbers them: an activity that is not split is the
    /// first; a part is `id - group_id + 1`.
    pub fn is_component(&self, component: u16) -> bool {
        if self.group_id == 0 {
            return component == 1;
        }
        self.id
            .checked_sub(self.group_id)
            .is_some_and(|k| k + 1 == u32::from(component))
    }
}

/// FET's modes. In all of them a timetable is activities placed at a day
/// and an hour; what differs is what the days mean and which constraints
/// the file may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Days of a week (FET's Official mode, and every FET 5 file).
    #[default]
    Official,
    /// The days are grouped, in order, into `terms` terms of
    /// `days_per_term` days each; the term constraints count per term.
    Terms { terms: u16, days_per_term: u16 },
    /// The "days" and "hours" stand for whatever the planner chose (teachers
    /// and blocks, in FET's examples); the engine's meaning is Official's.
    BlockPlanning,
}

/// A school's timetabling problem.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Instance {
    /// The FET file version it was read from ("5.41.0"); written back as is.
    pub fet_version: String,
    pub institution: String,
    pub comments: String,
    /// FET's mode; written back so that fet-cl reads the file the same way.
    pub mode: Mode,
    pub days: Vec<String>,
    pub hours: Vec<String>,
    pub subjects: Vec<String>,
    pub tags: Vec<String>,
    pub teachers: Vec<String>,
    /// Every named student set; years first as in the file, each followed
    /// by its groups and their subgroups.
    pub sets: Vec<StudentSet>,
    /// Indices into `sets` of the years, in file order.
    pub years: Vec<u32>,
    /// Names of the atomic subgroups (what `atoms` index).
    pub atoms: Vec<String>,
    pub buildings: Vec<String>,
    pub rooms: Vec<Room>,
    pub activities: Vec<Activity>,
    pub constraints: Vec<Constraint>,
    /// Constraints this engine does not model, kept as their XML so that a
    /// file written back loses nothing; `inactive` ones do not apply.
    pub opaque: Vec<OpaqueConstraint>,
    /// Features of the file this engine does not model (virtual rooms, a
    /// mode other than Official); like unsupported constraints, they stop a solve.
    pub unsupported_features: Vec<String>,
}

/// A constraint kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpaqueConstraint {
    pub type_name: String,
    pub time: bool,
    pub active: bool,
    pub xml: String,
}

impl Instance {
    pub fn n_days(&self) -> usize {
        self.days.len()
    }
    pub fn n_hours(&self) -> usize {
        self.hours.len()
    }
    pub fn n_slots(&self) -> usize {
        self.days.len() * self.hours.len()
    }

    /// The term `day` belongs to in Terms mode (0 otherwise: one term).
    pub fn term_of(&self, day: u16) -> u16 {
        match self.mode {
            Mode::Terms { days_per_term, .. } => day / days_per_term.max(1),
            Mode::Official | Mode::BlockPlanning => 0,
        }
    }

    /// How many terms the days make (1 outside Terms mode).
    pub fn n_terms(&self) -> usize {
        match self.mode {
            Mode::Terms { terms, .. } => usize::from(terms.max(1)),
            Mode::Official | Mode::BlockPlanning => 1,
        }
    }

    /// The active constraint types this engine cannot honour, each with how
    /// often it occurs. A file that lists any must not be solved as if they
    /// were absent.
    pub fn unsupported(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for c in self.opaque.iter().filter(|c| c.active) {
            match counts.iter_mut().find(|(n, _)| *n == c.type_name) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.type_name.clone(), 1)),
            }
        }
        counts.extend(self.unsupported_features.iter().map(|f| (f.clone(), 1)));
        counts.sort();
        counts
    }

    pub fn activity_index(&self, id: u32) -> Option<usize> {
        self.activities.iter().position(|a| a.id == id)
    }

    /// Plain reasons the instance cannot be solved, found without searching:
    /// a teacher or subgroup with more hours of lessons than the week has
    /// open slots for them. Each names who and the numbers.
    pub fn impossibilities(&self) -> Vec<String> {
        let mut out = Vec::new();
        let slots = self.n_slots();
        let breaks = self.break_slots();
        let open = slots - breaks.iter().filter(|b| **b).count();
        let mut teacher_load = vec![0usize; self.teachers.len()];
        let mut atom_load = vec![0usize; self.atoms.len()];
        for a in self.activities.iter().filter(|a| a.active) {
            for t in &a.teachers {
                teacher_load[*t as usize] += a.duration as usize;
            }
            for s in &a.atoms {
                atom_load[*s as usize] += a.duration as usize;
            }
        }
        let (teacher_off, _) = self.unavailable();
        for (t, load) in teacher_load.iter().enumerate() {
            let unavailable = teacher_off[t]
                .iter()
                .zip(&breaks)
                .filter(|(o, b)| **o && !**b)
                .count();
            let available = open - unavailable;
            if *load > available {
                out.push(format!(
                    "teacher {} has {load} hours of lessons but only {available} open slots in the week",
                    self.teachers[t]
                ));
            }
        }
        for (s, load) in atom_load.iter().enumerate() {
            if *load > open {
                out.push(format!(
                    "students {} have {load} hours of lessons but the week has only {open} open slots",
                    self.atoms[s]
                ));
            }
        }
        out
    }

    /// Slots that are breaks by a hard BreakTimes constraint.
    pub fn break_slots(&self) -> Vec<bool> {
        let mut breaks = vec![false; self.n_slots()];
        for c in self
            .constraints
            .iter()
            .filter(|c| c.active && c.weight >= 100.0)
        {
            if let crate::constraint::Kind::BreakTimes { slots } = &c.kind {
                for s in slots {
                    breaks[self.slot_index(*s)] = true;
                }
            }
        }
        breaks
    }

    /// Per teacher and per atomic subgroup, the slots a hard not-available
    /// constraint closes to them (breaks not included).
    pub fn unavailable(&self) -> (Vec<Vec<bool>>, Vec<Vec<bool>>) {
        let n = self.n_slots();
        let mut teachers = vec![vec![false; n]; self.teachers.len()];
        let mut atoms = vec![vec![false; n]; self.atoms.len()];
        for c in self.constraints.iter().filter(|c| c.active && c.is_hard()) {
            match &c.kind {
                crate::constraint::Kind::TeacherNotAvailableTimes { teacher, slots } => {
                    for s in slots {
                        teachers[*teacher as usize][self.slot_index(*s)] = true;
                    }
                }
                crate::constraint::Kind::StudentsSetNotAvailableTimes { set, slots } => {
                    for x in &self.sets[*set as usize].atoms {
                        for s in slots {
                            atoms[*x as usize][self.slot_index(*s)] = true;
                        }
                    }
                }
                _ => {}
            }
        }
        (teachers, atoms)
    }

    pub fn slot_index(&self, slot: Slot) -> usize {
        slot.day as usize * self.n_hours() + slot.hour as usize
    }
}

/// Where and when one activity takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placement {
    /// The slot its first hour is in; None while unplaced.
    pub start: Option<Slot>,
    /// Its room; None where no room was needed (FET assigns rooms only to
    /// activities that some space constraint concerns) or not yet chosen.
    pub room: Option<u32>,
}

/// A timetable: one placement per activity, by activity index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timetable {
    pub placements: Vec<Placement>,
    /// Per activity index, the real rooms it takes in its virtual room, one
    /// of each set (in any order); empty (or missing) for a real room.
    pub real_rooms: Vec<Vec<u32>>,
}

impl Timetable {
    pub fn empty(instance: &Instance) -> Timetable {
        Timetable {
            placements: vec![Placement::default(); instance.activities.len()],
            real_rooms: vec![Vec::new(); instance.activities.len()],
        }
    }

    /// The real rooms activity `a` takes in its virtual room (none for a
    /// real room).
    pub fn real_rooms_of(&self, a: usize) -> &[u32] {
        self.real_rooms.get(a).map_or(&[], Vec::as_slice)
    }
}
