//! The solver, first version: hard feasibility by tabu min-conflicts search.
//!
//! Each activity gets a *domain* of start slots allowed by the hard unary
//! constraints (day length, breaks, unavailable teachers and students,
//! preferred starting times and time slots, locks). The search then moves
//! one activity at a time to the slot that lowers a penalty counting:
//! overlaps of teachers, subgroups and rooms; hard pairwise constraints
//! (min days, same start, not overlapping, consecutive, grouped); and the
//! hard per-person rules (daily/weekly hours, gaps, days, early starts,
//! continuous hours), cached per person and recomputed only for the people
//! a move touches. Rooms are chosen greedily as an activity is placed.
//!
//! Soft constraints are not optimised yet; the checker reports their cost.
//! Deterministic for a seed: with `max_iterations` the run is reproducible;
//! with a time limit it is as long as a solution is found before the limit.

use crate::check::preferred_rooms_of;
use crate::constraint::Kind;
use crate::model::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How far the search has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub iteration: u64,
    /// Activities placed without any hard conflict.
    pub placed: usize,
    pub total: usize,
    /// The best hard penalty so far (0 = all hard constraints hold).
    pub best_penalty: u64,
}

pub struct Options<'a> {
    pub seed: u64,
    pub time_limit: Duration,
    pub max_iterations: Option<u64>,
    pub cancel: Option<&'a AtomicBool>,
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            seed: 1,
            time_limit: Duration::from_secs(60),
            max_iterations: None,
            cancel: None,
            progress: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub timetable: Timetable,
    /// 0 when every hard constraint the solver models holds.
    pub penalty: u64,
    pub iterations: u64,
    pub elapsed: Duration,
}

/// Why an instance cannot be solved, found before searching.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("impossible because {}", .0.join("; "))]
pub struct Impossible(pub Vec<String>);

/// A small, fast, seedable generator (SplitMix64): the crate needs no `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Hard per-person rules, the tightest of all that apply.
#[derive(Debug, Clone, Default)]
struct Rules {
    max_daily: Option<u16>,
    min_daily: Option<(u16, bool)>,
    max_gaps_day: Option<u16>,
    max_gaps_week: Option<u16>,
    max_days: Option<u16>,
    max_continuous: Option<u16>,
    early_max_second: Option<u16>,
}

impl Rules {
    fn any(&self) -> bool {
        self.max_daily.is_some()
            || self.min_daily.is_some()
            || self.max_gaps_day.is_some()
            || self.max_gaps_week.is_some()
            || self.max_days.is_some()
            || self.max_continuous.is_some()
            || self.early_max_second.is_some()
    }
}

fn tighten(slot: &mut Option<u16>, value: u16) {
    *slot = Some(slot.map_or(value, |v| v.min(value)));
}

#[derive(Debug, Clone, Copy)]
enum PairKind {
    MinDays(u16, bool),
    AdjacentIfSameDay,
    SameStart,
    NotOverlapping,
    Consecutive,
    Grouped,
}

#[derive(Debug, Clone, Copy)]
struct Pair {
    a: usize,
    b: usize,
    kind: PairKind,
}

struct Problem<'a> {
    inst: &'a Instance,
    nd: usize,
    nh: usize,
    /// Active activities (indices into inst.activities).
    acts: Vec<usize>,
    duration: Vec<usize>,
    /// Teachers then atoms, as resource ids (rooms come after: n_people + room).
    people: Vec<Vec<usize>>,
    domain: Vec<Vec<usize>>,
    rooms: Vec<Option<Vec<usize>>>,
    pairs: Vec<Pair>,
    pairs_of: Vec<Vec<usize>>,
    rules: Vec<Rules>,
    /// Per resource: slots that are not open (breaks, unavailable).
    closed: Vec<Vec<bool>>,
    n_people: usize,
    room_closed: Vec<Vec<bool>>,
    breaks: Vec<bool>,
}

impl<'a> Problem<'a> {
    fn new(inst: &'a Instance, locked: &Timetable) -> Result<Problem<'a>, Impossible> {
        let (nd, nh) = (inst.n_days(), inst.n_hours());
        let n_slots = nd * nh;
        let nt = inst.teachers.len();
        let n_people = nt + inst.atoms.len();
        let breaks = inst.break_slots();
        let mut closed: Vec<Vec<bool>> = vec![breaks.clone(); n_people];
        let mut room_closed = vec![breaks.clone(); inst.rooms.len()];
        let (teacher_off, atom_off) = inst.unavailable();
        for (row, off) in closed.iter_mut().zip(teacher_off.iter().chain(&atom_off)) {
            for (c, o) in row.iter_mut().zip(off) {
                *c |= *o;
            }
        }
        let mut rules = vec![Rules::default(); n_people];
        let mut problems = inst.impossibilities();
        let hard = inst.constraints.iter().filter(|c| c.active && c.is_hard());
        for c in hard.clone() {
            match &c.kind {
                Kind::RoomNotAvailableTimes { room, slots } => {
                    for s in slots {
                        room_closed[*room as usize][inst.slot_index(*s)] = true;
                    }
                }
                Kind::TeacherMaxHoursDaily { teacher, max } => {
                    tighten(&mut rules[*teacher as usize].max_daily, *max)
                }
                Kind::TeachersMaxHoursDaily { max } => {
                    (0..nt).for_each(|t| tighten(&mut rules[t].max_daily, *max))
                }
                Kind::TeacherMaxGapsPerDay { teacher, max } => {
                    tighten(&mut rules[*teacher as usize].max_gaps_day, *max)
                }
                Kind::TeachersMaxGapsPerDay { max } => {
                    (0..nt).for_each(|t| tighten(&mut rules[t].max_gaps_day, *max))
                }
                Kind::TeacherMaxGapsPerWeek { teacher, max } => {
                    tighten(&mut rules[*teacher as usize].max_gaps_week, *max)
                }
                Kind::TeachersMaxGapsPerWeek { max } => {
                    (0..nt).for_each(|t| tighten(&mut rules[t].max_gaps_week, *max))
                }
                Kind::TeacherMaxDaysPerWeek { teacher, max } => {
                    tighten(&mut rules[*teacher as usize].max_days, *max)
                }
                Kind::TeachersMaxDaysPerWeek { max } => {
                    (0..nt).for_each(|t| tighten(&mut rules[t].max_days, *max))
                }
                Kind::TeachersMaxHoursContinuously { max } => {
                    (0..nt).for_each(|t| tighten(&mut rules[t].max_continuous, *max))
                }
                Kind::TeacherMinHoursDaily {
                    teacher,
                    min,
                    allow_empty_days,
                } => rules[*teacher as usize].min_daily = Some((*min, *allow_empty_days)),
                Kind::TeachersMinHoursDaily {
                    min,
                    allow_empty_days,
                } => (0..nt).for_each(|t| rules[t].min_daily = Some((*min, *allow_empty_days))),
                Kind::StudentsMaxGapsPerWeek { max } => {
                    (nt..n_people).for_each(|x| tighten(&mut rules[x].max_gaps_week, *max))
                }
                Kind::StudentsSetMaxGapsPerWeek { set, max } => {
                    for x in &inst.sets[*set as usize].atoms {
                        tighten(&mut rules[nt + *x as usize].max_gaps_week, *max);
                    }
                }
                Kind::StudentsEarlyMaxBeginningsAtSecondHour { max } => {
                    (nt..n_people).for_each(|x| tighten(&mut rules[x].early_max_second, *max))
                }
                Kind::StudentsMinHoursDaily {
                    min,
                    allow_empty_days,
                } => (nt..n_people)
                    .for_each(|x| rules[x].min_daily = Some((*min, *allow_empty_days))),
                Kind::StudentsSetMinHoursDaily {
                    set,
                    min,
                    allow_empty_days,
                } => {
                    for x in &inst.sets[*set as usize].atoms {
                        rules[nt + *x as usize].min_daily = Some((*min, *allow_empty_days));
                    }
                }
                _ => {}
            }
        }

        let acts: Vec<usize> = (0..inst.activities.len())
            .filter(|a| inst.activities[*a].active)
            .collect();
        let mut local = vec![usize::MAX; inst.activities.len()];
        for (i, a) in acts.iter().enumerate() {
            local[*a] = i;
        }
        let mut domain = Vec::with_capacity(acts.len());
        let mut people = Vec::with_capacity(acts.len());
        let mut rooms = Vec::with_capacity(acts.len());
        let mut duration = Vec::with_capacity(acts.len());
        for &ai in &acts {
            let a = &inst.activities[ai];
            let d = a.duration as usize;
            let res: Vec<usize> = a
                .teachers
                .iter()
                .map(|t| *t as usize)
                .chain(a.atoms.iter().map(|x| nt + *x as usize))
                .collect();
            let mut allowed: Vec<bool> = (0..n_slots)
                .map(|s| {
                    let (day, hour) = (s / nh, s % nh);
                    hour + d <= nh
                        && (0..d).all(|k| res.iter().all(|r| !closed[*r][day * nh + hour + k]))
                })
                .collect();
            let hours_in = |s: usize, set: &[Slot]| {
                (0..d).all(|k| set.iter().any(|x| inst.slot_index(*x) == s + k))
            };
            for c in hard.clone() {
                match &c.kind {
                    Kind::ActivityPreferredStartingTime {
                        activity,
                        day,
                        hour,
                        ..
                    } if *activity as usize == ai => {
                        for (s, ok) in allowed.iter_mut().enumerate() {
                            *ok &= day.is_none_or(|x| x as usize == s / nh)
                                && hour.is_none_or(|x| x as usize == s % nh);
                        }
                    }
                    Kind::ActivityPreferredStartingTimes { activity, slots }
                        if *activity as usize == ai =>
                    {
                        for (s, ok) in allowed.iter_mut().enumerate() {
                            *ok &= slots.iter().any(|x| inst.slot_index(*x) == s);
                        }
                    }
                    Kind::ActivityPreferredTimeSlots { activity, slots }
                        if *activity as usize == ai =>
                    {
                        for (s, ok) in allowed.iter_mut().enumerate() {
                            *ok &= hours_in(s, slots);
                        }
                    }
                    Kind::ActivitiesPreferredStartingTimes { filter, slots }
                        if filter.matches(inst, a) =>
                    {
                        for (s, ok) in allowed.iter_mut().enumerate() {
                            *ok &= slots.iter().any(|x| inst.slot_index(*x) == s);
                        }
                    }
                    Kind::ActivitiesPreferredTimeSlots { filter, slots }
                        if filter.matches(inst, a) =>
                    {
                        for (s, ok) in allowed.iter_mut().enumerate() {
                            *ok &= hours_in(s, slots);
                        }
                    }
                    _ => {}
                }
            }
            if let Some(start) = locked.placements.get(ai).and_then(|p| p.start) {
                let s = inst.slot_index(start);
                for (x, ok) in allowed.iter_mut().enumerate() {
                    *ok &= x == s;
                }
            }
            let dom: Vec<usize> = (0..n_slots).filter(|s| allowed[*s]).collect();
            if dom.is_empty() {
                problems.push(format!(
                    "activity {} has no start that its hard constraints allow",
                    a.id
                ));
            }
            domain.push(dom);
            people.push(res);
            duration.push(d);
            rooms.push(room_candidates(inst, ai, locked));
            if rooms
                .last()
                .is_some_and(|r: &Option<Vec<usize>>| r.as_ref().is_some_and(|r| r.is_empty()))
            {
                problems.push(format!(
                    "activity {} has no room big enough among those its constraints allow",
                    a.id
                ));
            }
        }

        let mut pairs = Vec::new();
        let mut add = |a: u32, b: u32, kind: PairKind| {
            let (a, b) = (local[a as usize], local[b as usize]);
            if a != usize::MAX && b != usize::MAX && a != b {
                pairs.push(Pair { a, b, kind });
            }
        };
        for c in inst.constraints.iter().filter(|c| c.active && !c.is_hard()) {
            if let Kind::MinDaysBetweenActivities {
                activities,
                consecutive_if_same_day: true,
                ..
            } = &c.kind
            {
                for (i, x) in activities.iter().enumerate() {
                    for y in &activities[..i] {
                        add(*x, *y, PairKind::AdjacentIfSameDay);
                    }
                }
            }
        }
        for c in hard {
            match &c.kind {
                Kind::MinDaysBetweenActivities {
                    activities,
                    min_days,
                    consecutive_if_same_day,
                } => {
                    for (i, x) in activities.iter().enumerate() {
                        for y in &activities[..i] {
                            add(
                                *x,
                                *y,
                                PairKind::MinDays(*min_days, *consecutive_if_same_day),
                            );
                        }
                    }
                }
                Kind::ActivitiesSameStartingTime { activities } => {
                    for (i, x) in activities.iter().enumerate() {
                        for y in &activities[..i] {
                            add(*x, *y, PairKind::SameStart);
                        }
                    }
                }
                Kind::ActivitiesNotOverlapping { activities } => {
                    for (i, x) in activities.iter().enumerate() {
                        for y in &activities[..i] {
                            add(*x, *y, PairKind::NotOverlapping);
                        }
                    }
                }
                Kind::TwoActivitiesConsecutive { first, second } => {
                    add(*first, *second, PairKind::Consecutive)
                }
                Kind::TwoActivitiesGrouped { first, second } => {
                    add(*first, *second, PairKind::Grouped)
                }
                _ => {}
            }
        }
        let mut pairs_of = vec![Vec::new(); acts.len()];
        for (i, p) in pairs.iter().enumerate() {
            pairs_of[p.a].push(i);
            pairs_of[p.b].push(i);
        }
        if !problems.is_empty() {
            return Err(Impossible(problems));
        }
        Ok(Problem {
            inst,
            nd,
            nh,
            acts,
            duration,
            people,
            domain,
            rooms,
            pairs,
            pairs_of,
            rules,
            closed,
            n_people,
            room_closed,
            breaks,
        })
    }
}

/// The rooms an activity may use: the hard preferred rooms (all must
/// agree), else its home room, big enough; None if no space constraint
/// concerns it (FET gives such activities no room).
fn room_candidates(inst: &Instance, ai: usize, locked: &Timetable) -> Option<Vec<usize>> {
    let a = &inst.activities[ai];
    if let Some(r) = locked.placements.get(ai).and_then(|p| p.room) {
        return Some(vec![r as usize]);
    }
    let mut hard_sets: Vec<Vec<usize>> = Vec::new();
    let mut home: Option<usize> = None;
    let mut concerned = false;
    for c in inst.constraints.iter().filter(|c| c.active) {
        let set: Option<Vec<usize>> = match &c.kind {
            Kind::TeacherHomeRoom { teacher, room } if a.teachers == [*teacher] => {
                concerned = true;
                if c.is_hard() {
                    home = Some(*room as usize);
                }
                None
            }
            Kind::StudentsSetHomeRoom { set, room } if a.students == [*set] => {
                concerned = true;
                if c.is_hard() {
                    home = Some(*room as usize);
                }
                None
            }
            _ => c
                .preferred_rooms_for(inst, ai as u32)
                .map(|rooms| rooms.into_iter().map(|r| r as usize).collect()),
        };
        if let Some(set) = set {
            concerned = true;
            if c.is_hard() {
                hard_sets.push(set);
            }
        }
    }
    if !concerned {
        return None;
    }
    let fits = |r: &usize| inst.rooms[*r].capacity >= a.n_students;
    let mut candidates: Vec<usize> = match (hard_sets.first(), home) {
        (Some(first), _) => first
            .iter()
            .copied()
            .filter(|r| hard_sets.iter().all(|s| s.contains(r)))
            .collect(),
        (None, Some(h)) => vec![h],
        (None, None) => {
            let soft = preferred_rooms_of(inst, ai as u32);
            if soft.is_empty() {
                (0..inst.rooms.len()).collect()
            } else {
                soft.iter().map(|r| *r as usize).collect()
            }
        }
    };
    candidates.sort_unstable();
    candidates.dedup();
    Some(candidates.into_iter().filter(fits).collect())
}

/// The search state.
struct State<'p, 'a> {
    p: &'p Problem<'a>,
    start: Vec<Option<usize>>,
    room: Vec<Option<usize>>,
    /// Counts per resource (people, then rooms) per slot.
    count: Vec<Vec<u16>>,
    overlaps: u64,
    person_pen: Vec<u64>,
    pen_people: u64,
    pen_pairs: u64,
    unplaced: u64,
}

const UNPLACED: u64 = 1000;

impl<'p, 'a> State<'p, 'a> {
    fn new(p: &'p Problem<'a>) -> Self {
        let n_slots = p.nd * p.nh;
        let n_res = p.n_people + p.inst.rooms.len();
        State {
            p,
            start: vec![None; p.acts.len()],
            room: vec![None; p.acts.len()],
            count: vec![vec![0; n_slots]; n_res],
            overlaps: 0,
            person_pen: vec![0; p.n_people],
            pen_people: 0,
            pen_pairs: 0,
            unplaced: p.acts.len() as u64,
        }
    }

    fn penalty(&self) -> u64 {
        self.overlaps + self.pen_people + self.pen_pairs + self.unplaced * UNPLACED
    }

    fn bump(&mut self, res: usize, slot: usize, up: bool) {
        let c = &mut self.count[res][slot];
        if up {
            if *c >= 1 {
                self.overlaps += 1;
            }
            *c += 1;
        } else {
            *c -= 1;
            if *c >= 1 {
                self.overlaps -= 1;
            }
        }
    }

    fn pair_pen(&self, pair: &Pair) -> u64 {
        let (Some(sa), Some(sb)) = (self.start[pair.a], self.start[pair.b]) else {
            return 0;
        };
        let nh = self.p.nh;
        let (da, ha, db, hb) = (sa / nh, sa % nh, sb / nh, sb % nh);
        let (la, lb) = (self.p.duration[pair.a], self.p.duration[pair.b]);
        match pair.kind {
            PairKind::MinDays(min, consecutive) => {
                let dist = da.abs_diff(db) as u64;
                let mut pen = (min as u64).saturating_sub(dist);
                if consecutive && dist == 0 && ha + la != hb && hb + lb != ha {
                    pen += 1;
                }
                pen
            }
            // FET keeps this part of any MinDays absolute, whatever its weight.
            PairKind::AdjacentIfSameDay => u64::from(da == db && ha + la != hb && hb + lb != ha),
            PairKind::SameStart => u64::from(sa != sb),
            PairKind::NotOverlapping => {
                if da != db {
                    0
                } else {
                    let lo = ha.max(hb);
                    let hi = (ha + la).min(hb + lb);
                    hi.saturating_sub(lo) as u64
                }
            }
            PairKind::Consecutive => u64::from(da != db || hb != self.after(da, ha + la)),
            PairKind::Grouped => u64::from(
                da != db || (hb != self.after(da, ha + la) && ha != self.after(db, hb + lb)),
            ),
        }
    }

    /// The first non-break hour at or after `hour` on `day`.
    fn after(&self, day: usize, mut hour: usize) -> usize {
        while hour < self.p.nh && self.p.breaks[day * self.p.nh + hour] {
            hour += 1;
        }
        hour
    }

    fn person_penalty(&self, r: usize) -> u64 {
        let rules = &self.p.rules[r];
        if !rules.any() {
            return 0;
        }
        let nh = self.p.nh;
        let row = &self.count[r];
        let closed = &self.p.closed[r];
        let mut pen = 0u64;
        let mut gaps_week = 0u64;
        let mut days = 0u64;
        let mut second = 0u64;
        for d in 0..self.p.nd {
            let day = &row[d * nh..(d + 1) * nh];
            let shut = &closed[d * nh..(d + 1) * nh];
            let hours = day.iter().filter(|c| **c > 0).count() as u64;
            if hours > 0 {
                days += 1;
            }
            if let Some(max) = rules.max_daily {
                pen += hours.saturating_sub(max as u64);
            }
            if let Some((min, allow_empty)) = rules.min_daily {
                if hours > 0 || !allow_empty {
                    pen += (min as u64).saturating_sub(hours);
                }
            }
            if rules.max_gaps_day.is_some() || rules.max_gaps_week.is_some() {
                let gaps = match (
                    day.iter().position(|c| *c > 0),
                    day.iter().rposition(|c| *c > 0),
                ) {
                    (Some(f), Some(l)) => {
                        (f..=l).filter(|h| day[*h] == 0 && !shut[*h]).count() as u64
                    }
                    _ => 0,
                };
                if let Some(max) = rules.max_gaps_day {
                    pen += gaps.saturating_sub(max as u64);
                }
                gaps_week += gaps;
            }
            if let Some(max) = rules.max_continuous {
                let mut run = 0u64;
                for c in day {
                    if *c > 0 {
                        run += 1;
                        if run > max as u64 {
                            pen += 1;
                        }
                    } else {
                        run = 0;
                    }
                }
            }
            if rules.early_max_second.is_some() {
                let opens: Vec<usize> = (0..nh).filter(|h| !shut[*h]).collect();
                if let Some(first) = opens.iter().position(|h| day[*h] > 0) {
                    match first {
                        0 => {}
                        1 => second += 1,
                        n => pen += n as u64,
                    }
                }
            }
        }
        if let Some(max) = rules.max_gaps_week {
            pen += gaps_week.saturating_sub(max as u64);
        }
        if let Some(max) = rules.max_days {
            pen += days.saturating_sub(max as u64);
        }
        if let Some(max) = rules.early_max_second {
            pen += second.saturating_sub(max as u64);
        }
        pen
    }

    fn refresh_people(&mut self, i: usize) {
        for k in 0..self.p.people[i].len() {
            let r = self.p.people[i][k];
            let new = self.person_penalty(r);
            self.pen_people = self.pen_people + new - self.person_pen[r];
            self.person_pen[r] = new;
        }
    }

    fn pairs_pen_of(&self, i: usize) -> u64 {
        self.p.pairs_of[i]
            .iter()
            .map(|k| self.pair_pen(&self.p.pairs[*k]))
            .sum()
    }

    /// Chooses a room for activity `i` starting at `s`: its current one if
    /// it is free, else the free candidate, else the least busy.
    fn pick_room(&self, i: usize, s: usize) -> Option<usize> {
        let candidates = self.p.rooms[i].as_ref()?;
        let d = self.p.duration[i];
        let busy = |r: usize| -> u32 {
            (0..d)
                .map(|k| {
                    u32::from(self.count[self.p.n_people + r][s + k])
                        + 100 * u32::from(self.p.room_closed[r][s + k])
                })
                .sum()
        };
        if let Some(r) = self.room[i].filter(|r| candidates.contains(r) && busy(*r) == 0) {
            return Some(r);
        }
        candidates.iter().copied().min_by_key(|r| busy(*r))
    }

    fn set(&mut self, i: usize, to: Option<usize>) {
        let d = self.p.duration[i];
        let before_pairs = self.pairs_pen_of(i);
        if let Some(s) = self.start[i] {
            for k in 0..self.p.people[i].len() {
                let r = self.p.people[i][k];
                for h in 0..d {
                    self.bump(r, s + h, false);
                }
            }
            if let Some(room) = self.room[i] {
                for h in 0..d {
                    self.bump(self.p.n_people + room, s + h, false);
                    if self.p.room_closed[room][s + h] {
                        self.overlaps -= 1;
                    }
                }
            }
            self.unplaced += 1;
        }
        self.start[i] = to;
        if let Some(s) = to {
            for k in 0..self.p.people[i].len() {
                let r = self.p.people[i][k];
                for h in 0..d {
                    self.bump(r, s + h, true);
                }
            }
            let room = self.pick_room(i, s);
            self.room[i] = room;
            if let Some(room) = room {
                for h in 0..d {
                    self.bump(self.p.n_people + room, s + h, true);
                    if self.p.room_closed[room][s + h] {
                        self.overlaps += 1;
                    }
                }
            }
            self.unplaced -= 1;
        }
        let after_pairs = self.pairs_pen_of(i);
        self.pen_pairs = self.pen_pairs + after_pairs - before_pairs;
        self.refresh_people(i);
    }

    /// How much activity `i` is in trouble where it is.
    fn trouble(&self, i: usize) -> u64 {
        let Some(s) = self.start[i] else {
            return UNPLACED;
        };
        let d = self.p.duration[i];
        let mut t = self.pairs_pen_of(i);
        for r in &self.p.people[i] {
            t += (0..d)
                .map(|h| u64::from(self.count[*r][s + h].saturating_sub(1)))
                .sum::<u64>();
            t += self.person_pen[*r];
        }
        if let Some(room) = self.room[i] {
            t += (0..d)
                .map(|h| u64::from(self.count[self.p.n_people + room][s + h].saturating_sub(1)))
                .sum::<u64>();
        }
        t
    }
}

/// Searches for a timetable; `locked` placements are kept as they are.
pub fn solve(
    inst: &Instance,
    locked: &Timetable,
    options: &Options<'_>,
) -> Result<Outcome, Impossible> {
    let began = Instant::now();
    let p = Problem::new(inst, locked)?;
    let mut st = State::new(&p);
    let mut rng = Rng(options.seed ^ 0x5EED);
    let n = p.acts.len();

    // Greedy start: hardest first (fewest starts, then longest, then busiest).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| {
        (
            p.domain[*i].len(),
            usize::MAX - p.duration[*i],
            usize::MAX - p.people[*i].len(),
        )
    });
    for &i in &order {
        let best = best_slot(&mut st, i, &mut rng, &[], 0, u64::MAX);
        st.set(i, best.map(|(s, _)| s));
    }

    let mut best_pen = st.penalty();
    let mut best_start = st.start.clone();
    let mut best_room = st.room.clone();
    let mut tabu: Vec<Vec<u64>> = p.domain.iter().map(|d| vec![0; d.len()]).collect();
    let mut iteration = 0u64;
    let mut since_best = 0u64;
    let mut troubled: Vec<usize> = Vec::with_capacity(n);
    while st.penalty() > 0 {
        if options.max_iterations.is_some_and(|m| iteration >= m)
            || began.elapsed() >= options.time_limit
            || options.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
        {
            break;
        }
        iteration += 1;
        // Pick an activity in trouble, at random among those that are.
        troubled.clear();
        troubled.extend((0..n).filter(|i| p.domain[*i].len() > 1 && st.trouble(*i) > 0));
        if troubled.is_empty() {
            break; // what remains cannot move (locked or single-slot)
        }
        let pick = troubled[rng.below(troubled.len())];
        let single = best_slot(&mut st, pick, &mut rng, &tabu[pick], iteration, best_pen);
        let swap = best_swap(&mut st, pick, &mut rng);
        let old = st.start[pick];
        let tabu_old = |tabu: &mut Vec<Vec<u64>>, rng: &mut Rng, i: usize, at: Option<usize>| {
            if let Some(k) = at.and_then(|o| p.domain[i].iter().position(|x| *x == o)) {
                tabu[i][k] = iteration + 10 + rng.below(10) as u64;
            }
        };
        match (single, swap) {
            (_, Some((other, pen))) if single.is_none_or(|(_, sp)| pen < sp) => {
                let (a_at, b_at) = (st.start[pick], st.start[other]);
                tabu_old(&mut tabu, &mut rng, pick, a_at);
                tabu_old(&mut tabu, &mut rng, other, b_at);
                st.set(pick, None);
                st.set(other, a_at);
                st.set(pick, b_at);
            }
            (Some((s, _)), _) => {
                tabu_old(&mut tabu, &mut rng, pick, old);
                if Some(s) != old {
                    st.set(pick, Some(s));
                }
            }
            _ => {}
        }
        if st.penalty() < best_pen {
            best_pen = st.penalty();
            best_start = st.start.clone();
            best_room = st.room.clone();
            since_best = 0;
        } else {
            since_best += 1;
        }
        // Stuck: move the troubled activities and a few others at random,
        // then search again from there (the best so far is kept).
        if since_best > 500 + 5 * n as u64 {
            since_best = 0;
            let shaken: Vec<usize> = troubled
                .iter()
                .copied()
                .chain((0..(n / 30).max(3)).map(|_| rng.below(n)))
                .filter(|i| p.domain[*i].len() > 1)
                .collect();
            for i in shaken {
                let s = p.domain[i][rng.below(p.domain[i].len())];
                st.set(i, Some(s));
            }
        }
        if iteration.is_multiple_of(2_000) {
            if let Some(report) = options.progress {
                report(Progress {
                    iteration,
                    placed: (0..n).filter(|i| st.trouble(*i) == 0).count(),
                    total: n,
                    best_penalty: best_pen,
                });
            }
        }
    }
    if st.penalty() < best_pen {
        best_pen = st.penalty();
        best_start = st.start.clone();
        best_room = st.room.clone();
    }
    let mut timetable = Timetable::empty(inst);
    for (i, &ai) in p.acts.iter().enumerate() {
        timetable.placements[ai] = Placement {
            start: best_start[i].map(|s| Slot {
                day: (s / p.nh) as u16,
                hour: (s % p.nh) as u16,
            }),
            room: best_room[i].map(|r| r as u32),
        };
    }
    Ok(Outcome {
        timetable,
        penalty: best_pen,
        iterations: iteration,
        elapsed: began.elapsed(),
    })
}

/// The best exchange of `i` with another activity of the same length that
/// shares a teacher or subgroup with it and can take its place: returns the
/// other activity and the penalty after the swap.
fn best_swap(st: &mut State<'_, '_>, i: usize, rng: &mut Rng) -> Option<(usize, u64)> {
    let a_at = st.start[i]?;
    let p = st.p;
    let mut best: Option<(usize, u64)> = None;
    let mut ties = 0;
    for j in 0..p.acts.len() {
        let Some(b_at) = st.start[j] else { continue };
        if j == i || b_at == a_at || p.duration[j] != p.duration[i] {
            continue;
        }
        if !p.people[j].iter().any(|r| p.people[i].contains(r)) {
            continue;
        }
        if !p.domain[i].contains(&b_at) || !p.domain[j].contains(&a_at) {
            continue;
        }
        st.set(i, None);
        st.set(j, Some(a_at));
        st.set(i, Some(b_at));
        let pen = st.penalty();
        st.set(i, None);
        st.set(j, Some(b_at));
        st.set(i, Some(a_at));
        match best {
            Some((_, b)) if pen > b => {}
            Some((_, b)) if pen == b => {
                ties += 1;
                if rng.below(ties + 1) == 0 {
                    best = Some((j, pen));
                }
            }
            _ => {
                ties = 0;
                best = Some((j, pen));
            }
        }
    }
    best
}

/// The start in `i`'s domain with the lowest penalty, skipping tabu
/// starts unless they beat `aspiration`; ties broken at random.
fn best_slot(
    st: &mut State<'_, '_>,
    i: usize,
    rng: &mut Rng,
    tabu: &[u64],
    now: u64,
    aspiration: u64,
) -> Option<(usize, u64)> {
    let old = st.start[i];
    let mut best: Option<(usize, u64)> = None;
    let mut ties = 0;
    for k in 0..st.p.domain[i].len() {
        let s = st.p.domain[i][k];
        if Some(s) == old {
            continue;
        }
        st.set(i, Some(s));
        let pen = st.penalty();
        let is_tabu = tabu.get(k).is_some_and(|t| *t > now);
        if !is_tabu || pen < aspiration {
            match best {
                Some((_, b)) if pen > b => {}
                Some((_, b)) if pen == b => {
                    ties += 1;
                    if rng.below(ties + 1) == 0 {
                        best = Some((s, pen));
                    }
                }
                _ => {
                    ties = 0;
                    best = Some((s, pen));
                }
            }
        }
    }
    st.set(i, old);
    if best.is_none() && old.is_none() {
        return st.p.domain[i].first().map(|s| (*s, u64::MAX));
    }
    best
}
