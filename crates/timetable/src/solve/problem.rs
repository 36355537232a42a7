//! The instance compiled for search: every active constraint becomes a
//! weighted term on flat arrays, so that the search never looks at a
//! `Constraint` again.
//!
//! Costs are integers. A hard violation costs [`HARD`]; a soft one costs its
//! weight in hundredths of a percent times FET's measure, so the soft part
//! of a total, divided by [`SOFT_UNIT`], is FET's "soft conflicts" figure.

use super::Impossible;
use crate::check::preferred_rooms_of;
use crate::constraint::{building_kinds, Constraint, Kind};
use crate::model::*;

/// The cost of one hard violation; far above any sum of soft costs.
pub(super) const HARD: i64 = 1 << 36;
/// Soft cost per unit of FET's conflict measure (weight 100 % = 10 000).
pub(super) const SOFT_UNIT: f64 = 10_000.0;
/// The most days a week may have for the per-day caches.
pub(super) const MAX_DAYS: usize = 64;

/// What a constraint costs per unit of violation, 0 if it never counts.
fn weight(c: &Constraint) -> i64 {
    if c.is_hard() {
        HARD
    } else {
        (c.weight * 100.0).round().max(0.0) as i64
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RuleKind {
    MaxDaily,
    MinDaily {
        allow_empty: bool,
    },
    MaxGapsDay,
    MaxGapsWeek,
    MaxDays,
    /// Weekly: a partial timetable cannot be held to it.
    MinDays,
    /// Days busy within the hours `start..end`, at most `limit`.
    IntervalMaxDays {
        start: u16,
        end: u16,
    },
    MaxContinuous,
    /// Students: a late start (third open hour or later) costs each day;
    /// starts at the second open hour count against `limit`.
    EarlyMaxSecond,
    /// Building changes on a day, each one over `limit`.
    BuildingChangesDay,
    /// Building changes in the week, each one over `limit`.
    BuildingChangesWeek,
    /// Building changes after fewer than `limit` free hours, each.
    BuildingGaps,
    /// First to last busy hour of a day: each hour over `limit`.
    MaxSpan,
    /// As MaxSpan, with one hour over allowed on one day of the week.
    MaxSpanWeek,
    /// Free hours from one day's last busy hour to the next day's first
    /// (and the last day's to the first's if `circular`): each one short
    /// of `limit`.
    MinResting {
        circular: bool,
    },
}

/// One per-person rule with its limit and weight.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub kind: RuleKind,
    pub limit: u16,
    pub w: i64,
}

/// The per-person rule an activity-tag limit counts with.
fn tag_rule_kind(kind: &Kind) -> RuleKind {
    match kind {
        Kind::TeacherActivityTagMaxHoursContinuously { .. }
        | Kind::TeachersActivityTagMaxHoursContinuously { .. }
        | Kind::StudentsActivityTagMaxHoursContinuously { .. }
        | Kind::StudentsSetActivityTagMaxHoursContinuously { .. } => RuleKind::MaxContinuous,
        _ => RuleKind::MaxDaily,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PairKind {
    MinDays(u16),
    /// FET keeps this part of any MinDays absolute, whatever its weight.
    AdjacentIfSameDay,
    SameStart,
    NotOverlapping,
    Consecutive,
    Grouped,
    SameDay,
    SameHour,
    /// `a` is the activity listed later (FET measures from its end when
    /// both start at the same hour).
    MinGaps(u16),
    MaxDays(u16),
    /// `a` must end before `b` starts.
    Ordered,
    /// As Ordered, when both are on the same day.
    OrderedIfSameDay,
    /// When `b` starts later on `a`'s day, at least this many hours after
    /// `a` ends.
    FollowGap(u16),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Pair {
    pub a: usize,
    pub b: usize,
    pub kind: PairKind,
    pub w: i64,
}

/// An activity that must end its students' day: it costs `w` when any
/// activity sharing a subgroup with it (a peer) reaches past its end on
/// its day, however many do.
#[derive(Debug, Clone)]
pub(super) struct Ends {
    pub head: usize,
    pub peers: Vec<usize>,
    pub w: i64,
}

/// What a selection holds its activities to over its slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// At most `limit` of the selected slots occupied by any of them.
    Occupy,
    /// At most `limit` of them under way at once in each selected slot.
    AtMost,
    /// At least `limit` under way in each selected slot, or none there
    /// when `allow_empty`.
    AtLeast { allow_empty: bool },
}

/// Activities held together to a limit over chosen slots (see [`Count`]).
#[derive(Debug, Clone)]
pub(super) struct Selection {
    pub count: Count,
    /// Per slot: selected.
    pub selected: Vec<bool>,
    pub limit: u16,
    pub w: i64,
}

impl Selection {
    /// What one selected slot where `c` of the activities are under way
    /// adds to the selection's measure.
    pub fn slot_measure(&self, c: u16) -> i64 {
        let hard = self.w >= HARD;
        i64::from(match self.count {
            Count::Occupy => u16::from(c > 0),
            Count::AtMost if hard => c.saturating_sub(self.limit),
            Count::AtMost => u16::from(c > self.limit),
            Count::AtLeast { allow_empty } if c == 0 && allow_empty => 0,
            Count::AtLeast { .. } => self.limit.saturating_sub(c),
        })
    }

    /// The cost of the summed measure.
    pub fn cost(&self, measure: i64) -> i64 {
        let over = match self.count {
            Count::Occupy if self.w >= HARD => (measure - i64::from(self.limit)).max(0),
            Count::Occupy => i64::from(measure > i64::from(self.limit)),
            Count::AtMost | Count::AtLeast { .. } => measure,
        };
        self.w * over
    }

    /// Whether a partial timetable can already be held to it (adding an
    /// activity never lowers its cost), as to the per-person maxima.
    pub fn is_strict(&self) -> bool {
        self.w >= HARD && !matches!(self.count, Count::AtLeast { .. })
    }
}

/// Activities counted per bucket of slots (a term; the selected slots).
/// A bucket never shares a day with another (within a day every slot is in
/// one bucket or none), so an activity, which lies in one day, is in at
/// most one: the bucket any of its hours falls in, counted once.
#[derive(Debug, Clone)]
pub(super) struct Tally {
    /// Per slot: its bucket, or `u16::MAX` for none.
    pub bucket: Vec<u16>,
    pub n_buckets: usize,
    /// True: at most `limit` activities in each bucket (cost: per bucket,
    /// how many more). False: at most `limit` buckets used (cost: how
    /// many more).
    pub per_bucket: bool,
    pub limit: u16,
    pub w: i64,
}

/// Activities that together may use at most `limit` different rooms.
#[derive(Debug, Clone)]
pub(super) struct RoomGroup {
    pub limit: u16,
    pub w: i64,
}

/// Blocks a hard same-starting-hour (or same-starting-day) constraint holds
/// together. Once such a group has settled, no move of one block can change
/// its hour (day): the block would break the constraint with every other
/// member. The search shifts the whole group at once instead (Saudi
/// Arabia's Arabic_Saudi_Examination: 171 exams that must share an hour
/// had settled in the hour whose rooms are closed).
#[derive(Debug, Clone)]
pub(super) struct Band {
    pub blocks: Vec<usize>,
    /// True: the same hour (a shift keeps each block's day); false: the
    /// same day (a shift keeps each block's hour).
    pub hour: bool,
}

/// Activities that a hard same-starting-time constraint ties together move
/// as one block.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub members: Vec<usize>,
    /// Starts every member allows.
    pub domain: Vec<usize>,
}

pub(super) struct Problem {
    pub nd: usize,
    pub nh: usize,
    pub n_slots: usize,
    /// Active activities (indices into the instance's activities).
    pub acts: Vec<usize>,
    pub duration: Vec<usize>,
    /// Per activity: teachers, then atoms as `n_teachers + atom`.
    pub people: Vec<Vec<usize>>,
    /// Per room: its building, if it has one.
    pub building: Vec<Option<u32>>,
    /// Per person with building rules: their activities (empty for others).
    pub acts_of: Vec<Vec<usize>>,
    /// Per activity: the tallies that count its hours (see `Problem::new`);
    /// people of the arrays who hold nothing, so never clash.
    pub tally: Vec<Vec<usize>>,
    pub n_people: usize,
    /// Per person (people, then tallies): hours of lessons in the week.
    pub load: Vec<usize>,
    pub n_rooms: usize,
    /// Per activity and start slot: the soft cost of starting there.
    pub unary: Vec<Vec<i64>>,
    /// Per activity: the rooms it may use, None if it needs none.
    pub rooms: Vec<Option<Vec<usize>>>,
    /// Per activity, aligned with `rooms`: the soft cost of each room.
    pub room_pref: Vec<Vec<i64>>,
    /// Per room and slot: the cost of holding anything then.
    pub room_off: Vec<Vec<i64>>,
    /// Per room: a virtual room's sets of real rooms (empty for a real room).
    pub real_sets: Vec<Vec<Vec<usize>>>,
    /// Per activity: real rooms it must take when in a given virtual room
    /// (a locked placement's, or a preferred-room constraint's), with the
    /// weight of taking others there.
    pub fixed_real: Vec<Option<FixedReal>>,
    pub pairs: Vec<Pair>,
    pub pairs_of: Vec<Vec<usize>>,
    pub ends: Vec<Ends>,
    /// Per activity: the `ends` it is the head or a peer of.
    pub ends_of: Vec<Vec<usize>>,
    /// Three activities grouped on one day, with the weight.
    pub triples: Vec<([usize; 3], i64)>,
    pub triples_of: Vec<Vec<usize>>,
    pub selections: Vec<Selection>,
    /// Per activity: the selections it counts in (once per mention).
    pub selections_of: Vec<Vec<usize>>,
    pub tallies: Vec<Tally>,
    /// Per activity: the tallies it counts in (once per mention).
    pub tallies_of: Vec<Vec<usize>>,
    /// Per tally, and one past the last: where its buckets start.
    pub tally_offsets: Vec<usize>,
    pub room_groups: Vec<RoomGroup>,
    /// Per activity: the room groups it is in.
    pub room_groups_of: Vec<Vec<usize>>,
    /// Two activities that must share a room when one follows the other
    /// directly on a day, with the weight.
    pub room_pairs: Vec<(usize, usize, i64)>,
    pub room_pairs_of: Vec<Vec<usize>>,
    pub rules: Vec<Vec<Rule>>,
    /// Per person and slot: open (not a break, not closed to them).
    pub open: Vec<Vec<bool>>,
    pub breaks: Vec<bool>,
    pub blocks: Vec<Block>,
    /// Per activity: its block.
    pub block: Vec<usize>,
    /// Per block: other single-activity blocks of the same length that
    /// share a person with it (partners for swaps).
    pub neighbours: Vec<Vec<usize>>,
    pub bands: Vec<Band>,
    /// Per block: the bands it is in.
    pub bands_of: Vec<Vec<usize>>,
}

impl Problem {
    /// Where tally `g`'s bucket counts start in the state's array (`g` =
    /// the number of tallies: the array's length).
    pub fn tally_base(&self, g: usize) -> usize {
        self.tally_offsets[g]
    }

    pub fn new(inst: &Instance, locked: &Timetable) -> Result<Problem, Impossible> {
        let (nd, nh) = (inst.n_days(), inst.n_hours());
        let n_slots = nd * nh;
        let nt = inst.teachers.len();
        let n_people = nt + inst.atoms.len();
        let mut problems = inst.impossibilities();
        if nd > MAX_DAYS {
            problems.push(format!(
                "the week has {nd} days; at most {MAX_DAYS} are supported"
            ));
        }
        let breaks = inst.break_slots();
        let (teacher_off, atom_off) = inst.unavailable();
        let mut open: Vec<Vec<bool>> = teacher_off
            .iter()
            .chain(&atom_off)
            .map(|off| off.iter().zip(&breaks).map(|(o, b)| !o && !b).collect())
            .collect();
        let active: Vec<&Constraint> = inst
            .constraints
            .iter()
            .filter(|c| c.active && weight(c) > 0)
            .collect();

        // Per-person rules.
        let mut rules: Vec<Vec<Rule>> = vec![Vec::new(); n_people];
        let teachers = 0..nt;
        let atoms = nt..n_people;
        let set_atoms = |set: u32| {
            inst.sets[set as usize]
                .atoms
                .iter()
                .map(|x| nt + *x as usize)
        };
        let mut room_off = vec![vec![0i64; n_slots]; inst.rooms.len()];
        // Activity-tag limits: (person, tag, rule), given tallies below.
        let mut tag_rules: Vec<(usize, u32, Rule)> = Vec::new();
        for c in &active {
            let w = weight(c);
            let mut add = |who: &mut dyn Iterator<Item = usize>, kind: RuleKind, limit: u16| {
                for r in who {
                    rules[r].push(Rule { kind, limit, w });
                }
            };
            use RuleKind::*;
            match &c.kind {
                Kind::RoomNotAvailableTimes { room, slots } => {
                    for s in slots {
                        room_off[*room as usize][inst.slot_index(*s)] += w;
                    }
                }
                Kind::TeacherMaxHoursDaily { teacher, max } => {
                    add(&mut std::iter::once(*teacher as usize), MaxDaily, *max)
                }
                Kind::TeachersMaxHoursDaily { max } => add(&mut teachers.clone(), MaxDaily, *max),
                Kind::TeacherMinHoursDaily {
                    teacher,
                    min,
                    allow_empty_days,
                } => add(
                    &mut std::iter::once(*teacher as usize),
                    MinDaily {
                        allow_empty: *allow_empty_days,
                    },
                    *min,
                ),
                Kind::TeachersMinHoursDaily {
                    min,
                    allow_empty_days,
                } => add(
                    &mut teachers.clone(),
                    MinDaily {
                        allow_empty: *allow_empty_days,
                    },
                    *min,
                ),
                Kind::TeacherMaxGapsPerDay { teacher, max } => {
                    add(&mut std::iter::once(*teacher as usize), MaxGapsDay, *max)
                }
                Kind::TeachersMaxGapsPerDay { max } => add(&mut teachers.clone(), MaxGapsDay, *max),
                Kind::TeacherMaxGapsPerWeek { teacher, max } => {
                    add(&mut std::iter::once(*teacher as usize), MaxGapsWeek, *max)
                }
                Kind::TeachersMaxGapsPerWeek { max } => {
                    add(&mut teachers.clone(), MaxGapsWeek, *max)
                }
                Kind::TeacherMaxDaysPerWeek { teacher, max } => {
                    add(&mut std::iter::once(*teacher as usize), MaxDays, *max)
                }
                Kind::TeachersMaxDaysPerWeek { max } => add(&mut teachers.clone(), MaxDays, *max),
                Kind::TeacherMinDaysPerWeek { teacher, min } => {
                    add(&mut std::iter::once(*teacher as usize), MinDays, *min)
                }
                Kind::TeachersMinDaysPerWeek { min } => add(&mut teachers.clone(), MinDays, *min),
                Kind::TeacherIntervalMaxDaysPerWeek {
                    teacher,
                    start,
                    end,
                    max,
                } => add(
                    &mut std::iter::once(*teacher as usize),
                    IntervalMaxDays {
                        start: *start,
                        end: *end,
                    },
                    *max,
                ),
                Kind::TeachersIntervalMaxDaysPerWeek { start, end, max } => add(
                    &mut teachers.clone(),
                    IntervalMaxDays {
                        start: *start,
                        end: *end,
                    },
                    *max,
                ),
                Kind::StudentsSetIntervalMaxDaysPerWeek {
                    set,
                    start,
                    end,
                    max,
                } => add(
                    &mut set_atoms(*set),
                    IntervalMaxDays {
                        start: *start,
                        end: *end,
                    },
                    *max,
                ),
                Kind::StudentsIntervalMaxDaysPerWeek { start, end, max } => add(
                    &mut atoms.clone(),
                    IntervalMaxDays {
                        start: *start,
                        end: *end,
                    },
                    *max,
                ),
                Kind::TeachersMaxHoursContinuously { max } => {
                    add(&mut teachers.clone(), MaxContinuous, *max)
                }
                Kind::TeacherMaxHoursContinuously { teacher, max } => {
                    add(&mut std::iter::once(*teacher as usize), MaxContinuous, *max)
                }
                Kind::StudentsMaxHoursContinuously { max } => {
                    add(&mut atoms.clone(), MaxContinuous, *max)
                }
                Kind::StudentsMaxGapsPerWeek { max } => add(&mut atoms.clone(), MaxGapsWeek, *max),
                Kind::StudentsSetMaxGapsPerWeek { set, max } => {
                    add(&mut set_atoms(*set), MaxGapsWeek, *max)
                }
                Kind::StudentsMaxGapsPerDay { max } => add(&mut atoms.clone(), MaxGapsDay, *max),
                Kind::StudentsSetMaxGapsPerDay { set, max } => {
                    add(&mut set_atoms(*set), MaxGapsDay, *max)
                }
                Kind::StudentsEarlyMaxBeginningsAtSecondHour { max } => {
                    add(&mut atoms.clone(), EarlyMaxSecond, *max)
                }
                Kind::TeacherMaxSpanPerDay {
                    teacher,
                    max,
                    exception,
                } => add(
                    &mut std::iter::once(*teacher as usize),
                    if *exception { MaxSpanWeek } else { MaxSpan },
                    *max,
                ),
                Kind::TeachersMaxSpanPerDay { max, exception } => add(
                    &mut teachers.clone(),
                    if *exception { MaxSpanWeek } else { MaxSpan },
                    *max,
                ),
                Kind::StudentsSetMaxSpanPerDay { set, max } => {
                    add(&mut set_atoms(*set), MaxSpan, *max)
                }
                Kind::StudentsMaxSpanPerDay { max } => add(&mut atoms.clone(), MaxSpan, *max),
                Kind::TeacherMinRestingHours {
                    teacher,
                    min,
                    circular,
                } => add(
                    &mut std::iter::once(*teacher as usize),
                    MinResting {
                        circular: *circular,
                    },
                    *min,
                ),
                Kind::TeachersMinRestingHours { min, circular } => add(
                    &mut teachers.clone(),
                    MinResting {
                        circular: *circular,
                    },
                    *min,
                ),
                Kind::StudentsSetMinRestingHours { set, min, circular } => add(
                    &mut set_atoms(*set),
                    MinResting {
                        circular: *circular,
                    },
                    *min,
                ),
                Kind::StudentsMinRestingHours { min, circular } => add(
                    &mut atoms.clone(),
                    MinResting {
                        circular: *circular,
                    },
                    *min,
                ),
                Kind::StudentsMinHoursDaily {
                    min,
                    allow_empty_days,
                } => add(
                    &mut atoms.clone(),
                    MinDaily {
                        allow_empty: *allow_empty_days,
                    },
                    *min,
                ),
                Kind::StudentsSetMinHoursDaily {
                    set,
                    min,
                    allow_empty_days,
                } => add(
                    &mut set_atoms(*set),
                    MinDaily {
                        allow_empty: *allow_empty_days,
                    },
                    *min,
                ),
                Kind::StudentsMaxHoursDaily { max } => add(&mut atoms.clone(), MaxDaily, *max),
                Kind::StudentsSetMaxHoursDaily { set, max } => {
                    add(&mut set_atoms(*set), MaxDaily, *max)
                }
                Kind::StudentsSetEarlyMaxBeginningsAtSecondHour { set, max } => {
                    add(&mut set_atoms(*set), EarlyMaxSecond, *max)
                }
                Kind::TeacherMaxBuildingChangesPerDay { teacher, max } => add(
                    &mut std::iter::once(*teacher as usize),
                    BuildingChangesDay,
                    *max,
                ),
                Kind::TeachersMaxBuildingChangesPerDay { max } => {
                    add(&mut teachers.clone(), BuildingChangesDay, *max)
                }
                Kind::TeacherMaxBuildingChangesPerWeek { teacher, max } => add(
                    &mut std::iter::once(*teacher as usize),
                    BuildingChangesWeek,
                    *max,
                ),
                Kind::TeachersMaxBuildingChangesPerWeek { max } => {
                    add(&mut teachers.clone(), BuildingChangesWeek, *max)
                }
                Kind::TeacherMinGapsBetweenBuildingChanges { teacher, min } => {
                    add(&mut std::iter::once(*teacher as usize), BuildingGaps, *min)
                }
                Kind::TeachersMinGapsBetweenBuildingChanges { min } => {
                    add(&mut teachers.clone(), BuildingGaps, *min)
                }
                Kind::StudentsSetMaxBuildingChangesPerDay { set, max } => {
                    add(&mut set_atoms(*set), BuildingChangesDay, *max)
                }
                Kind::StudentsMaxBuildingChangesPerDay { max } => {
                    add(&mut atoms.clone(), BuildingChangesDay, *max)
                }
                Kind::StudentsSetMaxBuildingChangesPerWeek { set, max } => {
                    add(&mut set_atoms(*set), BuildingChangesWeek, *max)
                }
                Kind::StudentsMaxBuildingChangesPerWeek { max } => {
                    add(&mut atoms.clone(), BuildingChangesWeek, *max)
                }
                Kind::StudentsSetMinGapsBetweenBuildingChanges { set, min } => {
                    add(&mut set_atoms(*set), BuildingGaps, *min)
                }
                Kind::StudentsMinGapsBetweenBuildingChanges { min } => {
                    add(&mut atoms.clone(), BuildingGaps, *min)
                }
                Kind::TeacherActivityTagMaxHoursDaily { teacher, tag, max }
                | Kind::TeacherActivityTagMaxHoursContinuously { teacher, tag, max } => {
                    let kind = tag_rule_kind(&c.kind);
                    let rule = Rule {
                        kind,
                        limit: *max,
                        w,
                    };
                    tag_rules.push((*teacher as usize, *tag, rule));
                }
                Kind::TeachersActivityTagMaxHoursDaily { tag, max }
                | Kind::TeachersActivityTagMaxHoursContinuously { tag, max } => {
                    let kind = tag_rule_kind(&c.kind);
                    let rule = Rule {
                        kind,
                        limit: *max,
                        w,
                    };
                    tag_rules.extend(teachers.clone().map(|r| (r, *tag, rule)));
                }
                Kind::StudentsActivityTagMaxHoursDaily { tag, max }
                | Kind::StudentsActivityTagMaxHoursContinuously { tag, max } => {
                    let kind = tag_rule_kind(&c.kind);
                    let rule = Rule {
                        kind,
                        limit: *max,
                        w,
                    };
                    tag_rules.extend(atoms.clone().map(|r| (r, *tag, rule)));
                }
                Kind::StudentsSetActivityTagMaxHoursDaily { set, tag, max }
                | Kind::StudentsSetActivityTagMaxHoursContinuously { set, tag, max } => {
                    let kind = tag_rule_kind(&c.kind);
                    let rule = Rule {
                        kind,
                        limit: *max,
                        w,
                    };
                    tag_rules.extend(set_atoms(*set).map(|r| (r, *tag, rule)));
                }
                // Compiled below: no-clash occupancy, start domains and
                // costs, pairs, room candidates.
                Kind::BasicCompulsoryTime
                | Kind::BasicCompulsorySpace
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
                | Kind::ActivitiesSameRoomIfConsecutive { .. } => {}
            }
        }

        // Activities: people, start domains, soft start costs, rooms.
        let acts: Vec<usize> = (0..inst.activities.len())
            .filter(|a| inst.activities[*a].active)
            .collect();
        let mut local = vec![usize::MAX; inst.activities.len()];
        for (i, a) in acts.iter().enumerate() {
            local[*a] = i;
        }
        let n = acts.len();
        let mut domain_ok: Vec<Vec<bool>> = Vec::with_capacity(n);
        let mut unary: Vec<Vec<i64>> = Vec::with_capacity(n);
        let mut people = Vec::with_capacity(n);
        let mut duration = Vec::with_capacity(n);
        let mut rooms = Vec::with_capacity(n);
        let mut fixed_real = Vec::with_capacity(n);
        let mut room_pref = Vec::with_capacity(n);
        for &ai in &acts {
            let a = &inst.activities[ai];
            let d = a.duration as usize;
            let res: Vec<usize> = a
                .teachers
                .iter()
                .map(|t| *t as usize)
                .chain(a.atoms.iter().map(|x| nt + *x as usize))
                .collect();
            let mut ok: Vec<bool> = (0..n_slots)
                .map(|s| {
                    let (day, hour) = (s / nh, s % nh);
                    hour + d <= nh
                        && (0..d).all(|k| {
                            let slot = day * nh + hour + k;
                            !breaks[slot] && res.iter().all(|r| open[*r][slot])
                        })
                })
                .collect();
            let mut cost = vec![0i64; n_slots];
            // FET counts each hour outside preferred time slots.
            let hours_outside = |s: usize, set: &[Slot]| d as i64 - hours_on(inst, s, d, set);
            for c in &active {
                let w = weight(c);
                // The cost of starting at s, per start; hard ones shrink the domain.
                let mut apply = |measure: &dyn Fn(usize) -> i64| {
                    for s in 0..n_slots {
                        if s % nh + d > nh {
                            continue;
                        }
                        let m = measure(s);
                        if m > 0 {
                            if w >= HARD {
                                ok[s] = false;
                            } else {
                                cost[s] += w * m;
                            }
                        }
                    }
                };
                match &c.kind {
                    Kind::ActivityPreferredStartingTime {
                        activity,
                        day,
                        hour,
                        ..
                    } => {
                        if *activity as usize == ai {
                            apply(&|s| {
                                i64::from(
                                    day.is_some_and(|x| x as usize != s / nh)
                                        || hour.is_some_and(|x| x as usize != s % nh),
                                )
                            })
                        }
                    }
                    Kind::ActivityPreferredStartingTimes { activity, slots } => {
                        if *activity as usize == ai {
                            apply(&|s| i64::from(!slots.iter().any(|x| inst.slot_index(*x) == s)))
                        }
                    }
                    Kind::ActivityPreferredTimeSlots { activity, slots } => {
                        if *activity as usize == ai {
                            apply(&|s| hours_outside(s, slots))
                        }
                    }
                    Kind::ActivitiesPreferredStartingTimes { filter, slots } => {
                        if filter.matches(inst, a) {
                            apply(&|s| i64::from(!slots.iter().any(|x| inst.slot_index(*x) == s)))
                        }
                    }
                    Kind::ActivitiesPreferredTimeSlots { filter, slots } => {
                        if filter.matches(inst, a) {
                            apply(&|s| hours_outside(s, slots))
                        }
                    }
                    Kind::SubactivitiesPreferredStartingTimes {
                        component,
                        filter,
                        slots,
                    } => {
                        if a.is_component(*component) && filter.matches(inst, a) {
                            apply(&|s| i64::from(!slots.iter().any(|x| inst.slot_index(*x) == s)))
                        }
                    }
                    Kind::SubactivitiesPreferredTimeSlots {
                        component,
                        filter,
                        slots,
                    } => {
                        if a.is_component(*component) && filter.matches(inst, a) {
                            apply(&|s| hours_outside(s, slots))
                        }
                    }
                    // Hard ones are already closed slots; soft ones cost per busy hour.
                    Kind::TeacherNotAvailableTimes { teacher, slots } => {
                        if w < HARD && a.teachers.contains(teacher) {
                            apply(&|s| hours_on(inst, s, d, slots))
                        }
                    }
                    Kind::StudentsSetNotAvailableTimes { set, slots } => {
                        let set = &inst.sets[*set as usize].atoms;
                        let inside = a
                            .atoms
                            .iter()
                            .filter(|x| set.binary_search(x).is_ok())
                            .count();
                        if w < HARD && inside > 0 {
                            apply(&|s| inside as i64 * hours_on(inst, s, d, slots))
                        }
                    }
                    Kind::BreakTimes { slots } => {
                        if w < HARD {
                            apply(&|s| hours_on(inst, s, d, slots))
                        }
                    }
                    // Compiled elsewhere: per-person rules above, pairs
                    // below, rooms in `room_candidates`, clashes in the state.
                    Kind::BasicCompulsoryTime
                    | Kind::BasicCompulsorySpace
                    | Kind::RoomNotAvailableTimes { .. }
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
                    | Kind::TeacherMaxSpanPerDay { .. }
                    | Kind::TeachersMaxSpanPerDay { .. }
                    | Kind::StudentsSetMaxSpanPerDay { .. }
                    | Kind::StudentsMaxSpanPerDay { .. }
                    | Kind::TeacherMinRestingHours { .. }
                    | Kind::TeachersMinRestingHours { .. }
                    | Kind::StudentsSetMinRestingHours { .. }
                    | Kind::StudentsMinRestingHours { .. }
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
                    | building_kinds!()
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
                    | Kind::ActivitiesSameRoomIfConsecutive { .. } => {}
                }
            }
            if let Some(start) = locked.placements.get(ai).and_then(|p| p.start) {
                let s = inst.slot_index(start);
                for (x, ok) in ok.iter_mut().enumerate() {
                    *ok &= x == s;
                }
            }
            if !ok.iter().any(|x| *x) {
                problems.push(format!(
                    "activity {} has no start that its hard constraints allow",
                    a.id
                ));
            }
            let (cands, prefs) = room_candidates(inst, ai, locked, &active);
            if cands.as_ref().is_some_and(|c| c.is_empty()) {
                problems.push(format!(
                    "activity {} has no room big enough among those its constraints allow",
                    a.id
                ));
            }
            domain_ok.push(ok);
            unary.push(cost);
            people.push(res);
            duration.push(d);
            rooms.push(cands);
            room_pref.push(prefs);
            fixed_real.push(fixed_real_rooms(ai, locked, &active));
        }

        // An activity-tag limit counts only some of a person's lessons: each
        // (person, tag) it concerns gets a tally, a person of the search's
        // arrays who holds nothing (so never clashes) but whose hours the
        // rule counts; each activity with the tag adds its hours to the
        // tallies of its people.
        let mut tally_of: std::collections::HashMap<(usize, u32), usize> = Default::default();
        for (r, tag, rule) in tag_rules {
            let next = n_people + tally_of.len();
            let id = *tally_of.entry((r, tag)).or_insert(next);
            if id == next {
                rules.push(Vec::new());
                open.push(open[r].clone());
            }
            rules[id].push(rule);
        }
        let tally: Vec<Vec<usize>> = acts
            .iter()
            .zip(&people)
            .map(|(&ai, res)| {
                let tags = &inst.activities[ai].tags;
                tags.iter()
                    .flat_map(|g| res.iter().filter_map(|r| tally_of.get(&(*r, *g)).copied()))
                    .collect()
            })
            .collect();
        let n_people = n_people + tally_of.len();
        let building: Vec<Option<u32>> = inst.rooms.iter().map(|r| r.building).collect();
        let mut acts_of: Vec<Vec<usize>> = vec![Vec::new(); n_people];
        let by_building = |rule: &Rule| {
            matches!(
                rule.kind,
                RuleKind::BuildingChangesDay
                    | RuleKind::BuildingChangesWeek
                    | RuleKind::BuildingGaps
            )
        };
        for (i, res) in people.iter().enumerate() {
            for &r in res {
                if rules[r].iter().any(by_building) {
                    acts_of[r].push(i);
                }
            }
        }
        if nh > 64 && acts_of.iter().any(|a| !a.is_empty()) {
            problems.push(format!(
                "the day has {nh} hours; building changes are counted for at most 64"
            ));
        }

        // Whoever has as many hours of lessons as open slots fills every
        // one of them in any timetable without clashes, so has no gaps and
        // no late start: those rules can only mislead a partial search.
        let mut load = vec![0usize; n_people];
        for i in 0..n {
            for r in people[i].iter().chain(&tally[i]) {
                load[*r] += duration[i];
            }
        }
        // Each lesson fills one day at most: too few lessons (or days)
        // cannot meet a hard minimum of days.
        let mut lessons = vec![0usize; n_people];
        for res in &people {
            for r in res {
                lessons[*r] += 1;
            }
        }
        for t in 0..nt {
            let reachable = lessons[t].min(nd);
            if let Some(rule) = rules[t].iter().find(|rule| {
                rule.kind == RuleKind::MinDays && rule.w >= HARD && rule.limit as usize > reachable
            }) {
                problems.push(format!(
                    "teacher {} must work on at least {} days but can work on at most {reachable}",
                    inst.teachers[t], rule.limit
                ));
            }
        }
        for (r, list) in rules.iter_mut().enumerate() {
            if load[r] >= open[r].iter().filter(|o| **o).count() {
                list.retain(|rule| {
                    !matches!(
                        rule.kind,
                        RuleKind::MaxGapsDay | RuleKind::MaxGapsWeek | RuleKind::EarlyMaxSecond
                    )
                });
            }
        }

        // Pairs, activities that end their students' day, and blocks from
        // hard same-starting-time constraints.
        let mut pairs = Vec::new();
        let mut ends: Vec<Ends> = Vec::new();
        let mut triples: Vec<([usize; 3], i64)> = Vec::new();
        let mut selections: Vec<(Vec<usize>, Selection)> = Vec::new();
        let mut tallies: Vec<(Vec<usize>, Tally)> = Vec::new();
        let mut room_groups: Vec<RoomGroup> = Vec::new();
        let mut room_groups_of: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut room_pairs: Vec<(usize, usize, i64)> = Vec::new();
        let mut users_of_atom: Vec<Vec<usize>> = vec![Vec::new(); inst.atoms.len()];
        for (i, &ai) in acts.iter().enumerate() {
            for x in &inst.activities[ai].atoms {
                users_of_atom[*x as usize].push(i);
            }
        }
        let add_ends = |ends: &mut Vec<Ends>, head: usize, w: i64| {
            if head == usize::MAX || w == 0 {
                return;
            }
            let mut peers: Vec<usize> = inst.activities[acts[head]]
                .atoms
                .iter()
                .flat_map(|x| users_of_atom[*x as usize].iter().copied())
                .filter(|j| *j != head)
                .collect();
            peers.sort_unstable();
            peers.dedup();
            ends.push(Ends { head, peers, w });
        };
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        // A pair counts only if both activities are active and distinct.
        fn push_pair(pairs: &mut Vec<Pair>, a: usize, b: usize, kind: PairKind, w: i64) {
            if a != usize::MAX && b != usize::MAX && a != b && w > 0 {
                pairs.push(Pair { a, b, kind, w });
            }
        }
        // Hard same-hour (true) and same-day groups of activities.
        let mut raw_bands: Vec<(Vec<usize>, bool)> = Vec::new();
        for c in inst.constraints.iter().filter(|c| c.active) {
            let w = weight(c);
            let ids = |list: &[u32]| -> Vec<usize> {
                list.iter()
                    .map(|a| local[*a as usize])
                    .filter(|a| *a != usize::MAX)
                    .collect()
            };
            let select = |to: &mut Vec<(Vec<usize>, Selection)>,
                          activities: &[u32],
                          slots: &[Slot],
                          limit: u16,
                          count: Count,
                          w: i64| {
                let members = ids(activities);
                let mut selected = vec![false; n_slots];
                for x in slots {
                    selected[inst.slot_index(*x)] = true;
                }
                let selection = Selection {
                    count,
                    selected,
                    limit,
                    w,
                };
                // Without members it can still cost (slots that may not be
                // empty), so it is kept then.
                if w == 0 || (members.is_empty() && selection.slot_measure(0) == 0) {
                    return;
                }
                to.push((members, selection));
            };
            let tally = |to: &mut Vec<(Vec<usize>, Tally)>,
                         activities: &[u32],
                         bucket: Vec<u16>,
                         per_bucket: bool,
                         limit: u16,
                         w: i64| {
                let members = ids(activities);
                if w == 0 || members.is_empty() {
                    return;
                }
                let n_buckets = bucket
                    .iter()
                    .filter(|b| **b != u16::MAX)
                    .map(|b| usize::from(*b) + 1)
                    .max()
                    .unwrap_or(0);
                let t = Tally {
                    bucket,
                    n_buckets,
                    per_bucket,
                    limit,
                    w,
                };
                to.push((members, t));
            };
            let terms = || -> Vec<u16> {
                (0..n_slots)
                    .map(|x| inst.term_of((x / inst.n_hours()) as u16))
                    .collect()
            };
            let mut all_pairs = |list: &[usize], kind: PairKind, w: i64| {
                for (k, x) in list.iter().enumerate() {
                    for y in &list[..k] {
                        push_pair(&mut pairs, *x, *y, kind, w);
                    }
                }
            };
            match &c.kind {
                Kind::MinDaysBetweenActivities {
                    activities,
                    min_days,
                    consecutive_if_same_day,
                } => {
                    let list = ids(activities);
                    all_pairs(&list, PairKind::MinDays(*min_days), w);
                    if *consecutive_if_same_day {
                        all_pairs(&list, PairKind::AdjacentIfSameDay, HARD);
                    }
                }
                Kind::ActivitiesSameStartingTime { activities } => {
                    let list = ids(activities);
                    if w >= HARD {
                        for x in &list[1.min(list.len())..] {
                            let (ra, rb) = (root(&mut parent, list[0]), root(&mut parent, *x));
                            parent[ra] = rb;
                        }
                    } else {
                        all_pairs(&list, PairKind::SameStart, w);
                    }
                }
                Kind::ActivitiesNotOverlapping { activities } => {
                    all_pairs(&ids(activities), PairKind::NotOverlapping, w)
                }
                // Order matters: `a` is the first activity.
                Kind::TwoActivitiesConsecutive { first, second } => push_pair(
                    &mut pairs,
                    local[*first as usize],
                    local[*second as usize],
                    PairKind::Consecutive,
                    w,
                ),
                Kind::TwoActivitiesGrouped { first, second } => push_pair(
                    &mut pairs,
                    local[*first as usize],
                    local[*second as usize],
                    PairKind::Grouped,
                    w,
                ),
                Kind::ActivitiesSameStartingDay { activities } => {
                    let list = ids(activities);
                    all_pairs(&list, PairKind::SameDay, w);
                    if w >= HARD {
                        raw_bands.push((list, false));
                    }
                }
                Kind::ActivitiesSameStartingHour { activities } => {
                    let list = ids(activities);
                    all_pairs(&list, PairKind::SameHour, w);
                    if w >= HARD {
                        raw_bands.push((list, true));
                    }
                }
                Kind::MinGapsBetweenActivities {
                    activities,
                    min_gaps,
                } => all_pairs(&ids(activities), PairKind::MinGaps(*min_gaps), w),
                Kind::MaxDaysBetweenActivities {
                    activities,
                    max_days,
                } => all_pairs(&ids(activities), PairKind::MaxDays(*max_days), w),
                Kind::TwoActivitiesOrdered { first, second } => push_pair(
                    &mut pairs,
                    local[*first as usize],
                    local[*second as usize],
                    PairKind::Ordered,
                    w,
                ),
                Kind::TwoActivitiesOrderedIfSameDay { first, second } => push_pair(
                    &mut pairs,
                    local[*first as usize],
                    local[*second as usize],
                    PairKind::OrderedIfSameDay,
                    w,
                ),
                Kind::StudentsMinGapsBetweenOrderedPairOfActivityTags { first, second, min } => {
                    for (x, y) in crate::check::tagged_pairs(inst, *first, *second) {
                        push_pair(
                            &mut pairs,
                            local[x as usize],
                            local[y as usize],
                            PairKind::FollowGap(*min),
                            w,
                        );
                    }
                }
                Kind::ThreeActivitiesGrouped { activities } => {
                    let three = activities.map(|a| local[a as usize]);
                    if w > 0 && three.iter().all(|i| *i != usize::MAX) {
                        triples.push((three, w));
                    }
                }
                Kind::ActivityEndsStudentsDay { activity } => {
                    add_ends(&mut ends, local[*activity as usize], w)
                }
                Kind::ActivitiesEndStudentsDay { filter } => {
                    for (i, &ai) in acts.iter().enumerate() {
                        if filter.matches(inst, &inst.activities[ai]) {
                            add_ends(&mut ends, i, w);
                        }
                    }
                }
                Kind::ActivitiesOccupyMaxTimeSlotsFromSelection {
                    activities,
                    slots,
                    max,
                } => select(&mut selections, activities, slots, *max, Count::Occupy, w),
                Kind::ActivitiesMaxSimultaneousInSelectedTimeSlots {
                    activities,
                    slots,
                    max,
                } => select(&mut selections, activities, slots, *max, Count::AtMost, w),
                Kind::ActivitiesMinSimultaneousInSelectedTimeSlots {
                    activities,
                    slots,
                    min,
                    allow_empty,
                } => select(
                    &mut selections,
                    activities,
                    slots,
                    *min,
                    Count::AtLeast {
                        allow_empty: *allow_empty,
                    },
                    w,
                ),
                Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots {
                    activities,
                    slots,
                    max,
                } => {
                    let mut bucket = vec![u16::MAX; n_slots];
                    for x in slots {
                        bucket[inst.slot_index(*x)] = 0;
                    }
                    tally(&mut tallies, activities, bucket, true, *max, w)
                }
                Kind::ActivitiesMaxInATerm { activities, max } => {
                    tally(&mut tallies, activities, terms(), true, *max, w)
                }
                Kind::ActivitiesOccupyMaxTerms { activities, max } => {
                    tally(&mut tallies, activities, terms(), false, *max, w)
                }
                Kind::ActivityTagsNotOverlapping { tags } => {
                    // Each active activity has at most one of the tags (the
                    // reader refuses more); pairs across different tags.
                    let tagged: Vec<(usize, u32)> = acts
                        .iter()
                        .enumerate()
                        .filter_map(|(i, &ai)| {
                            let t = inst.activities[ai].tags.iter().find(|t| tags.contains(t))?;
                            Some((i, *t))
                        })
                        .collect();
                    for (k, (a, ta)) in tagged.iter().enumerate() {
                        for (b, tb) in &tagged[..k] {
                            if ta != tb {
                                push_pair(&mut pairs, *a, *b, PairKind::NotOverlapping, w);
                            }
                        }
                    }
                }
                Kind::ActivitiesOccupyMaxDifferentRooms { activities, max } => {
                    let members = ids(activities);
                    if w > 0 && !members.is_empty() {
                        for i in members {
                            if !room_groups_of[i].contains(&room_groups.len()) {
                                room_groups_of[i].push(room_groups.len());
                            }
                        }
                        room_groups.push(RoomGroup { limit: *max, w });
                    }
                }
                Kind::ActivitiesSameRoomIfConsecutive { activities } => {
                    let list = ids(activities);
                    for (k, a) in list.iter().enumerate() {
                        for b in &list[k + 1..] {
                            if a != b && w > 0 {
                                room_pairs.push((*a, *b, w));
                            }
                        }
                    }
                }
                // Compiled above (rules, starts) or in `room_candidates`.
                Kind::BasicCompulsoryTime
                | Kind::BasicCompulsorySpace
                | Kind::BreakTimes { .. }
                | Kind::TeacherNotAvailableTimes { .. }
                | Kind::StudentsSetNotAvailableTimes { .. }
                | Kind::RoomNotAvailableTimes { .. }
                | Kind::ActivityPreferredStartingTime { .. }
                | Kind::ActivityPreferredStartingTimes { .. }
                | Kind::ActivityPreferredTimeSlots { .. }
                | Kind::ActivitiesPreferredStartingTimes { .. }
                | Kind::ActivitiesPreferredTimeSlots { .. }
                | Kind::SubactivitiesPreferredStartingTimes { .. }
                | Kind::SubactivitiesPreferredTimeSlots { .. }
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
                | Kind::TeacherMaxSpanPerDay { .. }
                | Kind::TeachersMaxSpanPerDay { .. }
                | Kind::StudentsSetMaxSpanPerDay { .. }
                | Kind::StudentsMaxSpanPerDay { .. }
                | Kind::TeacherMinRestingHours { .. }
                | Kind::TeachersMinRestingHours { .. }
                | Kind::StudentsSetMinRestingHours { .. }
                | Kind::StudentsMinRestingHours { .. }
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
                | building_kinds!()
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
                | Kind::StudentsSetHomeRooms { .. } => {}
            }
        }
        let mut ends_of = vec![Vec::new(); n];
        for (g, e) in ends.iter().enumerate() {
            ends_of[e.head].push(g);
            for j in &e.peers {
                ends_of[*j].push(g);
            }
        }
        let mut triples_of = vec![Vec::new(); n];
        for (g, (three, _)) in triples.iter().enumerate() {
            for i in three {
                if !triples_of[*i].contains(&g) {
                    triples_of[*i].push(g);
                }
            }
        }
        let mut selections_of = vec![Vec::new(); n];
        for (g, (members, _)) in selections.iter().enumerate() {
            for i in members {
                selections_of[*i].push(g);
            }
        }
        let selections: Vec<Selection> = selections.into_iter().map(|(_, s)| s).collect();
        let mut tallies_of = vec![Vec::new(); n];
        for (g, (members, _)) in tallies.iter().enumerate() {
            for i in members {
                tallies_of[*i].push(g);
            }
        }
        let tallies: Vec<Tally> = tallies.into_iter().map(|(_, t)| t).collect();
        let tally_offsets: Vec<usize> = std::iter::once(0)
            .chain(tallies.iter().scan(0, |acc, t| {
                *acc += t.n_buckets;
                Some(*acc)
            }))
            .collect();
        let mut room_pairs_of = vec![Vec::new(); n];
        for (k, (a, b, _)) in room_pairs.iter().enumerate() {
            room_pairs_of[*a].push(k);
            room_pairs_of[*b].push(k);
        }
        let mut pairs_of = vec![Vec::new(); n];
        for (k, p) in pairs.iter().enumerate() {
            pairs_of[p.a].push(k);
            pairs_of[p.b].push(k);
        }

        // Block number per union-find root.
        let mut block_of_root = vec![usize::MAX; n];
        let mut blocks: Vec<Block> = Vec::new();
        for i in 0..n {
            let r = root(&mut parent, i);
            if block_of_root[r] == usize::MAX {
                block_of_root[r] = blocks.len();
                blocks.push(Block {
                    members: Vec::new(),
                    domain: Vec::new(),
                });
            }
            blocks[block_of_root[r]].members.push(i);
        }
        let block: Vec<usize> = (0..n)
            .map(|i| block_of_root[root(&mut parent, i)])
            .collect();
        for b in &mut blocks {
            b.domain = (0..n_slots)
                .filter(|s| b.members.iter().all(|i| domain_ok[*i][*s]))
                .collect();
            if b.domain.is_empty() && b.members.len() > 1 {
                let ids: Vec<String> = b
                    .members
                    .iter()
                    .map(|i| inst.activities[acts[*i]].id.to_string())
                    .collect();
                problems.push(format!(
                    "activities {} must start together but no start suits them all",
                    ids.join(", ")
                ));
            }
        }
        let mut neighbours = vec![Vec::new(); blocks.len()];
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); n_people];
        for (b, block) in blocks.iter().enumerate() {
            if let [i] = block.members[..] {
                for r in &people[i] {
                    users[*r].push(b);
                }
            }
        }
        for (b, block) in blocks.iter().enumerate() {
            let [i] = block.members[..] else { continue };
            let mut list: Vec<usize> = people[i]
                .iter()
                .flat_map(|r| users[*r].iter().copied())
                .filter(|c| *c != b && duration[blocks[*c].members[0]] == duration[i])
                .collect();
            list.sort_unstable();
            list.dedup();
            neighbours[b] = list;
        }
        // Constraints sharing a block join into one band (same hour {a, b}
        // and {b, c}: a, b and c move together), one kind at a time.
        let mut bands = Vec::new();
        let mut bands_of = vec![Vec::new(); blocks.len()];
        for hour in [true, false] {
            let mut joined: Vec<usize> = (0..blocks.len()).collect();
            let mut in_one = vec![false; blocks.len()];
            for (list, _) in raw_bands.iter().filter(|(_, h)| *h == hour) {
                let Some(first) = list.first().map(|i| block[*i]) else {
                    continue;
                };
                for i in list {
                    let (ra, rb) = (root(&mut joined, first), root(&mut joined, block[*i]));
                    joined[ra] = rb;
                    in_one[block[*i]] = true;
                }
            }
            let mut band_of_root = vec![usize::MAX; blocks.len()];
            let mut found: Vec<Vec<usize>> = Vec::new();
            for b in (0..blocks.len()).filter(|b| in_one[*b]) {
                let r = root(&mut joined, b);
                if band_of_root[r] == usize::MAX {
                    band_of_root[r] = found.len();
                    found.push(Vec::new());
                }
                found[band_of_root[r]].push(b);
            }
            for members in found.into_iter().filter(|m| m.len() > 1) {
                for b in &members {
                    bands_of[*b].push(bands.len());
                }
                bands.push(Band {
                    blocks: members,
                    hour,
                });
            }
        }

        if !problems.is_empty() {
            return Err(Impossible(problems));
        }
        Ok(Problem {
            nd,
            nh,
            n_slots,
            acts,
            duration,
            people,
            building,
            acts_of,
            tally,
            n_people,
            load,
            n_rooms: inst.rooms.len(),
            unary,
            rooms,
            room_pref,
            room_off,
            real_sets: inst
                .rooms
                .iter()
                .map(|r| {
                    r.real_sets
                        .iter()
                        .map(|set| set.iter().map(|x| *x as usize).collect())
                        .collect()
                })
                .collect(),
            fixed_real,
            pairs,
            pairs_of,
            ends,
            ends_of,
            triples,
            triples_of,
            selections,
            selections_of,
            tallies,
            tallies_of,
            tally_offsets,
            room_groups,
            room_groups_of,
            room_pairs,
            room_pairs_of,
            rules,
            open,
            breaks,
            blocks,
            block,
            neighbours,
            bands,
            bands_of,
        })
    }
}

impl Problem {
    pub fn block_of(&self, i: usize) -> usize {
        self.block[i]
    }
}

/// How many of the `d` hours from start `s` fall in `slots`.
fn hours_on(inst: &Instance, s: usize, d: usize, slots: &[Slot]) -> i64 {
    (0..d)
        .filter(|k| slots.iter().any(|x| inst.slot_index(*x) == s + k))
        .count() as i64
}

/// Real rooms an activity must take in a virtual room.
#[derive(Debug, Clone)]
pub(super) struct FixedReal {
    pub room: usize,
    pub real: Vec<usize>,
    pub w: i64,
}

/// The real rooms activity `ai` is held to: those of its locked placement,
/// else those the first preferred-room constraint naming real rooms gives.
fn fixed_real_rooms(ai: usize, locked: &Timetable, active: &[&Constraint]) -> Option<FixedReal> {
    if let Some(room) = locked.placements.get(ai).and_then(|p| p.room) {
        let real = locked.real_rooms_of(ai);
        if !real.is_empty() {
            return Some(FixedReal {
                room: room as usize,
                real: real.iter().map(|x| *x as usize).collect(),
                w: HARD,
            });
        }
    }
    active.iter().find_map(|c| match &c.kind {
        Kind::ActivityPreferredRoom {
            activity,
            room,
            real_rooms,
            ..
        } if *activity as usize == ai && !real_rooms.is_empty() => Some(FixedReal {
            room: *room as usize,
            real: real_rooms.iter().map(|x| *x as usize).collect(),
            w: weight(c),
        }),
        _ => None,
    })
}

/// The rooms an activity may use and the soft cost of each: hard
/// preferred-room constraints must all agree; a hard home room gives way
/// to any preferred room; with only soft wishes every room big enough is a
/// candidate. None if no space constraint concerns the activity (FET gives
/// such activities no room).
fn room_candidates(
    inst: &Instance,
    ai: usize,
    locked: &Timetable,
    active: &[&Constraint],
) -> (Option<Vec<usize>>, Vec<i64>) {
    let a = &inst.activities[ai];
    let preferred: Vec<u32> = preferred_rooms_of(inst, ai as u32);
    let mut hard_sets: Vec<Vec<usize>> = Vec::new();
    // Rooms every hard home-room constraint allows (None: no such constraint).
    let mut hard_home: Option<Vec<usize>> = None;
    // (rooms that satisfy it, weight) per soft wish.
    let mut soft: Vec<(Vec<usize>, i64)> = Vec::new();
    let mut concerned = false;
    for c in active {
        let w = weight(c);
        let set: Vec<usize> = if let Some(home) = c.home_rooms_for(inst, ai as u32) {
            let home: Vec<usize> = home.into_iter().map(|r| r as usize).collect();
            let mut ok: Vec<usize> = preferred.iter().map(|r| *r as usize).collect();
            ok.extend(&home);
            if w >= HARD {
                hard_home = Some(match hard_home {
                    None => home,
                    Some(before) => before.into_iter().filter(|r| home.contains(r)).collect(),
                });
            }
            ok
        } else if let Some(rooms) = c.preferred_rooms_for(inst, ai as u32) {
            let rooms: Vec<usize> = rooms.into_iter().map(|r| r as usize).collect();
            if w >= HARD {
                hard_sets.push(rooms.clone());
            }
            rooms
        } else {
            continue;
        };
        concerned = true;
        if w < HARD {
            soft.push((set, w));
        }
    }
    if !concerned {
        return (None, Vec::new());
    }
    let mut candidates: Vec<usize> = if let Some(r) = locked.placements.get(ai).and_then(|p| p.room)
    {
        vec![r as usize]
    } else if let Some(first) = hard_sets.first() {
        first
            .iter()
            .copied()
            .filter(|r| hard_sets.iter().all(|s| s.contains(r)))
            .collect()
    } else if let Some(h) = hard_home {
        preferred.iter().map(|r| *r as usize).chain(h).collect()
    } else {
        (0..inst.rooms.len()).collect()
    };
    candidates.sort_unstable();
    candidates.dedup();
    candidates.retain(|r| inst.rooms[*r].capacity >= a.n_students);
    let prefs = candidates
        .iter()
        .map(|r| {
            soft.iter()
                .filter(|(ok, _)| !ok.contains(r))
                .map(|(_, w)| *w)
                .sum()
        })
        .collect();
    (Some(candidates), prefs)
}
