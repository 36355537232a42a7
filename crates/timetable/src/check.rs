//! The independent checker: given an instance and a (possibly partial)
//! timetable, every hard violation and every soft cost, each explained.
//!
//! It shares nothing with any solver: it builds its own occupancy from the
//! placements and evaluates each constraint from its definition, counting
//! as FET counts (see `crate::constraint`). Inactive activities and
//! inactive constraints are ignored, as FET ignores them.

use crate::constraint::{ActivityFilter, Constraint, Kind};
use crate::model::*;

/// One broken constraint (or one problem with a placement).
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Index into `instance.constraints`; None for a placement that is
    /// itself impossible (unplaced, past the end of the day, unknown room).
    pub constraint: Option<usize>,
    pub hard: bool,
    /// FET's conflict measure: weight/100 × how far it is broken.
    pub cost: f64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub unplaced: usize,
}

impl Report {
    pub fn hard(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.hard)
    }
    pub fn hard_count(&self) -> usize {
        self.hard().count()
    }
    /// Sum of the soft constraints' costs.
    pub fn soft_cost(&self) -> f64 {
        self.violations
            .iter()
            .filter(|v| !v.hard)
            .map(|v| v.cost)
            .sum::<f64>()
            // An empty float sum is -0.0, printed "-0.00".
            + 0.0
    }
    /// Complete and no hard constraint broken.
    pub fn is_valid(&self) -> bool {
        self.unplaced == 0 && self.hard_count() == 0
    }
}

/// Who is busy when: counts per (person, slot), built from placements.
struct Busy {
    n_hours: usize,
    teachers: Vec<Vec<u16>>,
    atoms: Vec<Vec<u16>>,
    rooms: Vec<Vec<u16>>,
}

impl Busy {
    fn day<'a>(&self, row: &'a [u16], day: usize) -> &'a [u16] {
        &row[day * self.n_hours..(day + 1) * self.n_hours]
    }
}

struct Ctx<'a> {
    inst: &'a Instance,
    tt: &'a Timetable,
    busy: Busy,
    breaks: Vec<bool>,
    /// Per teacher / atom: slots unavailable by a hard not-available constraint.
    teacher_off: Vec<Vec<bool>>,
    atom_off: Vec<Vec<bool>>,
}

impl Ctx<'_> {
    fn act(&self, a: u32) -> &Activity {
        &self.inst.activities[a as usize]
    }
    /// The start of an active, placed, well-placed activity.
    fn start(&self, a: u32) -> Option<Slot> {
        let act = self.act(a);
        let s = self.tt.placements.get(a as usize)?.start?;
        (act.active
            && (s.hour + act.duration) as usize <= self.inst.n_hours()
            && (s.day as usize) < self.inst.n_days())
        .then_some(s)
    }
    fn hours_of(&self, a: u32) -> Vec<Slot> {
        match self.start(a) {
            Some(s) => (0..self.act(a).duration)
                .map(|k| Slot {
                    day: s.day,
                    hour: s.hour + k,
                })
                .collect(),
            None => Vec::new(),
        }
    }
    fn room(&self, a: u32) -> Option<u32> {
        self.tt.placements.get(a as usize)?.room
    }
    fn name(&self, a: u32) -> String {
        let act = self.act(a);
        let subject = &self.inst.subjects[act.subject as usize];
        format!("activity {} ({subject})", act.id)
    }
    /// The hour where an activity starting at `s` and lasting `duration`
    /// ends, moved past any breaks right after it (FET lets breaks sit
    /// between consecutive activities).
    fn after(&self, s: Slot, duration: u16) -> u16 {
        let nh = self.inst.n_hours();
        let mut end = s.hour + duration;
        while (end as usize) < nh && self.breaks[s.day as usize * nh + end as usize] {
            end += 1;
        }
        end
    }
    fn slot_name(&self, s: Slot) -> String {
        format!(
            "{} {}",
            self.inst.days[s.day as usize], self.inst.hours[s.hour as usize]
        )
    }
    fn idx(&self, s: Slot) -> usize {
        self.inst.slot_index(s)
    }
    fn matches(&self, f: &ActivityFilter, a: &Activity) -> bool {
        f.matches(self.inst, a)
    }

    fn active_activities(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.inst.activities.len() as u32).filter(|a| self.act(*a).active)
    }
}

/// Gaps on one day of one person's row: open, non-break, available slots
/// between their first and last busy slot.
fn gaps(day: &[u16], breaks: &[bool], off: &[bool]) -> u32 {
    let Some(first) = day.iter().position(|c| *c > 0) else {
        return 0;
    };
    let last = day.iter().rposition(|c| *c > 0).unwrap_or(first);
    (first..=last)
        .filter(|h| day[*h] == 0 && !breaks[*h] && !off[*h])
        .count() as u32
}

fn busy_hours(day: &[u16]) -> u32 {
    day.iter().filter(|c| **c > 0).count() as u32
}

/// Runs of busy hours; breaks and empty slots end a run.
fn longest_runs(day: &[u16]) -> Vec<u32> {
    let mut runs = Vec::new();
    let mut run = 0;
    for c in day {
        if *c > 0 {
            run += 1;
        } else {
            if run > 0 {
                runs.push(run);
            }
            run = 0;
        }
    }
    if run > 0 {
        runs.push(run);
    }
    runs
}

/// Checks `tt` against every active constraint of `inst`.
pub fn check(inst: &Instance, tt: &Timetable) -> Report {
    let n_slots = inst.n_slots();
    let mut busy = Busy {
        n_hours: inst.n_hours(),
        teachers: vec![vec![0; n_slots]; inst.teachers.len()],
        atoms: vec![vec![0; n_slots]; inst.atoms.len()],
        rooms: vec![vec![0; n_slots]; inst.rooms.len()],
    };
    let mut report = Report::default();
    for (i, a) in inst.activities.iter().enumerate() {
        if !a.active {
            continue;
        }
        let p = tt.placements.get(i).copied().unwrap_or_default();
        let Some(s) = p.start else {
            report.unplaced += 1;
            report.violations.push(Violation {
                constraint: None,
                hard: true,
                cost: 1.0,
                message: format!("activity {} is not placed", a.id),
            });
            continue;
        };
        if s.day as usize >= inst.n_days() || (s.hour + a.duration) as usize > inst.n_hours() {
            report.violations.push(Violation {
                constraint: None,
                hard: true,
                cost: 1.0,
                message: format!(
                    "activity {} does not fit in the day where it is placed",
                    a.id
                ),
            });
            continue;
        }
        if p.room.is_some_and(|r| r as usize >= inst.rooms.len()) {
            report.violations.push(Violation {
                constraint: None,
                hard: true,
                cost: 1.0,
                message: format!("activity {} is in a room that does not exist", a.id),
            });
        }
        for k in 0..a.duration {
            let slot = inst.slot_index(Slot {
                day: s.day,
                hour: s.hour + k,
            });
            for t in &a.teachers {
                busy.teachers[*t as usize][slot] += 1;
            }
            for x in &a.atoms {
                busy.atoms[*x as usize][slot] += 1;
            }
            if let Some(r) = p.room.filter(|r| (*r as usize) < inst.rooms.len()) {
                busy.rooms[r as usize][slot] += 1;
                if inst.rooms[r as usize].is_virtual() {
                    for x in tt.real_rooms_of(i) {
                        if let Some(row) = busy.rooms.get_mut(*x as usize) {
                            row[slot] += 1;
                        }
                    }
                }
            }
        }
    }
    let breaks = inst.break_slots();
    let (teacher_off, atom_off) = inst.unavailable();
    let ctx = Ctx {
        inst,
        tt,
        busy,
        breaks,
        teacher_off,
        atom_off,
    };
    for (i, c) in inst.constraints.iter().enumerate() {
        if c.active {
            check_one(&ctx, i, c, &mut report.violations);
        }
    }
    report
}

fn check_one(ctx: &Ctx<'_>, index: usize, c: &Constraint, out: &mut Vec<Violation>) {
    let inst = ctx.inst;
    let nd = inst.n_days();
    // Broken regardless of weight (FET treats these as absolute).
    let mut absolute: Vec<String> = Vec::new();
    let mut broken = |amount: f64, message: String| {
        if amount > 0.0 {
            out.push(Violation {
                constraint: Some(index),
                hard: c.is_hard(),
                cost: c.weight / 100.0 * amount,
                message: format!(
                    "{}: {message}",
                    c.kind.fet_name().trim_start_matches("Constraint")
                ),
            });
        }
    };
    let teacher_days = |t: usize| (0..nd).map(move |d| (d, ctx.busy.day(&ctx.busy.teachers[t], d)));
    let all_teachers = 0..inst.teachers.len();
    match &c.kind {
        Kind::BasicCompulsoryTime => {
            for (t, row) in ctx.busy.teachers.iter().enumerate() {
                for (slot, n) in row.iter().enumerate().filter(|(_, n)| **n > 1) {
                    broken(
                        (n - 1) as f64,
                        format!(
                            "teacher {} has {n} activities at {}",
                            inst.teachers[t],
                            slot_text(inst, slot)
                        ),
                    );
                }
            }
            for (x, row) in ctx.busy.atoms.iter().enumerate() {
                for (slot, n) in row.iter().enumerate().filter(|(_, n)| **n > 1) {
                    broken(
                        (n - 1) as f64,
                        format!(
                            "students {} have {n} activities at {}",
                            inst.atoms[x],
                            slot_text(inst, slot)
                        ),
                    );
                }
            }
        }
        Kind::BasicCompulsorySpace => {
            // A virtual room is not exclusive; its real rooms are.
            for (r, row) in ctx.busy.rooms.iter().enumerate() {
                if inst.rooms[r].is_virtual() {
                    continue;
                }
                for (slot, n) in row.iter().enumerate().filter(|(_, n)| **n > 1) {
                    broken(
                        (n - 1) as f64,
                        format!(
                            "room {} holds {n} activities at {}",
                            inst.rooms[r].name,
                            slot_text(inst, slot)
                        ),
                    );
                }
            }
            for a in ctx.active_activities() {
                if let (Some(r), Some(_)) = (ctx.room(a), ctx.start(a)) {
                    let room = &inst.rooms[r as usize];
                    if let Some(why) =
                        real_rooms_fault(inst, room, ctx.tt.real_rooms_of(a as usize))
                    {
                        broken(
                            1.0,
                            format!("{} in virtual room {}: {why}", ctx.name(a), room.name),
                        );
                    }
                    if ctx.act(a).n_students > room.capacity {
                        broken(
                            1.0,
                            format!(
                                "{} has {} students but room {} holds {}",
                                ctx.name(a),
                                ctx.act(a).n_students,
                                room.name,
                                room.capacity
                            ),
                        );
                    }
                }
            }
        }
        Kind::BreakTimes { slots } => {
            for a in ctx.active_activities() {
                let n = ctx.hours_of(a).iter().filter(|h| slots.contains(h)).count();
                broken(n as f64, format!("{} is placed over a break", ctx.name(a)));
            }
        }
        Kind::TeacherNotAvailableTimes { teacher, slots } => {
            let who = format!("teacher {} is", inst.teachers[*teacher as usize]);
            busy_while_closed(
                ctx,
                &ctx.busy.teachers[*teacher as usize],
                slots,
                &who,
                &mut broken,
            );
        }
        Kind::StudentsSetNotAvailableTimes { set, slots } => {
            for x in &inst.sets[*set as usize].atoms {
                let who = format!("students {} are", inst.atoms[*x as usize]);
                busy_while_closed(ctx, &ctx.busy.atoms[*x as usize], slots, &who, &mut broken);
            }
        }
        Kind::RoomNotAvailableTimes { room, slots } => {
            let who = format!("room {} is", inst.rooms[*room as usize].name);
            busy_while_closed(
                ctx,
                &ctx.busy.rooms[*room as usize],
                slots,
                &who,
                &mut broken,
            );
        }
        Kind::ActivityPreferredStartingTime {
            activity,
            day,
            hour,
            ..
        } => {
            if let Some(s) = ctx.start(*activity) {
                if day.is_some_and(|d| d != s.day) || hour.is_some_and(|h| h != s.hour) {
                    broken(
                        1.0,
                        format!("{} starts at {}", ctx.name(*activity), ctx.slot_name(s)),
                    );
                }
            }
        }
        Kind::ActivityPreferredStartingTimes { activity, slots } => {
            if let Some(s) = ctx.start(*activity) {
                if !slots.contains(&s) {
                    broken(
                        1.0,
                        format!(
                            "{} starts at {}, not a preferred start",
                            ctx.name(*activity),
                            ctx.slot_name(s)
                        ),
                    );
                }
            }
        }
        Kind::ActivityPreferredTimeSlots { activity, slots } => {
            hours_outside(ctx, *activity, slots, &mut broken);
        }
        Kind::ActivitiesPreferredStartingTimes { filter, slots } => {
            for a in ctx
                .active_activities()
                .filter(|a| ctx.matches(filter, ctx.act(*a)))
            {
                if let Some(s) = ctx.start(a) {
                    if !slots.contains(&s) {
                        broken(
                            1.0,
                            format!(
                                "{} starts at {}, not a preferred start",
                                ctx.name(a),
                                ctx.slot_name(s)
                            ),
                        );
                    }
                }
            }
        }
        Kind::ActivitiesPreferredTimeSlots { filter, slots } => {
            for a in ctx
                .active_activities()
                .filter(|a| ctx.matches(filter, ctx.act(*a)))
            {
                hours_outside(ctx, a, slots, &mut broken);
            }
        }
        Kind::SubactivitiesPreferredStartingTimes {
            component,
            filter,
            slots,
        } => {
            for a in ctx.active_activities().filter(|a| {
                let act = ctx.act(*a);
                act.is_component(*component) && ctx.matches(filter, act)
            }) {
                if let Some(s) = ctx.start(a).filter(|s| !slots.contains(s)) {
                    broken(
                        1.0,
                        format!(
                            "{} (part {component}) starts at {}, not a preferred start",
                            ctx.name(a),
                            ctx.slot_name(s)
                        ),
                    );
                }
            }
        }
        Kind::SubactivitiesPreferredTimeSlots {
            component,
            filter,
            slots,
        } => {
            for a in ctx.active_activities().filter(|a| {
                let act = ctx.act(*a);
                act.is_component(*component) && ctx.matches(filter, act)
            }) {
                hours_outside(ctx, a, slots, &mut broken);
            }
        }
        Kind::MinDaysBetweenActivities {
            activities,
            min_days,
            consecutive_if_same_day,
        } => {
            let placed: Vec<(u32, Slot)> = activities
                .iter()
                .filter_map(|a| ctx.start(*a).map(|s| (*a, s)))
                .collect();
            for (i, (a, sa)) in placed.iter().enumerate() {
                for (b, sb) in &placed[..i] {
                    let dist = sa.day.abs_diff(sb.day);
                    if dist < *min_days {
                        broken(
                            (min_days - dist) as f64,
                            format!(
                                "{} and {} are {dist} day(s) apart, fewer than {min_days}",
                                ctx.name(*a),
                                ctx.name(*b)
                            ),
                        );
                    }
                    if *consecutive_if_same_day && dist == 0 {
                        let (da, db) = (ctx.act(*a).duration, ctx.act(*b).duration);
                        if sa.hour + da != sb.hour && sb.hour + db != sa.hour {
                            absolute.push(format!(
                                "{} and {} share a day without being consecutive",
                                ctx.name(*a),
                                ctx.name(*b)
                            ));
                        }
                    }
                }
            }
        }
        Kind::ActivitiesSameStartingTime { activities } => {
            let placed: Vec<(u32, Slot)> = activities
                .iter()
                .filter_map(|a| ctx.start(*a).map(|s| (*a, s)))
                .collect();
            for (i, (a, sa)) in placed.iter().enumerate() {
                for (b, sb) in &placed[..i] {
                    if sa != sb {
                        broken(
                            1.0,
                            format!(
                                "{} and {} do not start together",
                                ctx.name(*a),
                                ctx.name(*b)
                            ),
                        );
                    }
                }
            }
        }
        Kind::ActivitiesNotOverlapping { activities } => {
            for (i, a) in activities.iter().enumerate() {
                let ha = ctx.hours_of(*a);
                for b in &activities[..i] {
                    let overlap = ctx.hours_of(*b).iter().filter(|h| ha.contains(h)).count();
                    broken(
                        overlap as f64,
                        format!("{} overlaps {}", ctx.name(*a), ctx.name(*b)),
                    );
                }
            }
        }
        Kind::TwoActivitiesConsecutive { first, second } => {
            if let (Some(a), Some(b)) = (ctx.start(*first), ctx.start(*second)) {
                if a.day != b.day || b.hour != ctx.after(a, ctx.act(*first).duration) {
                    broken(
                        1.0,
                        format!(
                            "{} does not follow {} directly",
                            ctx.name(*second),
                            ctx.name(*first)
                        ),
                    );
                }
            }
        }
        Kind::TwoActivitiesGrouped { first, second } => {
            if let (Some(a), Some(b)) = (ctx.start(*first), ctx.start(*second)) {
                let adjacent = |x: Slot, dx: u16, y: Slot| y.hour == ctx.after(x, dx);
                let ok = a.day == b.day
                    && (adjacent(a, ctx.act(*first).duration, b)
                        || adjacent(b, ctx.act(*second).duration, a));
                if !ok {
                    broken(
                        1.0,
                        format!(
                            "{} and {} are not grouped",
                            ctx.name(*first),
                            ctx.name(*second)
                        ),
                    );
                }
            }
        }
        Kind::ActivitiesSameStartingDay { activities } => {
            each_placed_pair(ctx, activities, |(a, sa), (b, sb)| {
                if sa.day != sb.day {
                    broken(
                        1.0,
                        format!(
                            "{} and {} start on different days",
                            ctx.name(a),
                            ctx.name(b)
                        ),
                    );
                }
            });
        }
        Kind::ActivitiesSameStartingHour { activities } => {
            each_placed_pair(ctx, activities, |(a, sa), (b, sb)| {
                if sa.hour != sb.hour {
                    broken(
                        1.0,
                        format!(
                            "{} and {} start at different hours",
                            ctx.name(a),
                            ctx.name(b)
                        ),
                    );
                }
            });
        }
        Kind::MinGapsBetweenActivities {
            activities,
            min_gaps,
        } => {
            // `a` is the one listed later; with equal starts FET measures
            // from its end.
            each_placed_pair(ctx, activities, |(a, sa), (b, sb)| {
                if sa.day != sb.day {
                    return;
                }
                let (earlier, first, later) = if sb.hour >= sa.hour {
                    (a, sa, sb)
                } else {
                    (b, sb, sa)
                };
                let needed = first.hour + ctx.act(earlier).duration + min_gaps;
                if needed > later.hour {
                    broken(
                        (needed - later.hour) as f64,
                        format!(
                            "{} and {} are on the same day with fewer than {min_gaps} hour(s) between them",
                            ctx.name(a),
                            ctx.name(b)
                        ),
                    );
                }
            });
        }
        Kind::MaxDaysBetweenActivities {
            activities,
            max_days,
        } => {
            each_placed_pair(ctx, activities, |(a, sa), (b, sb)| {
                let dist = sa.day.abs_diff(sb.day);
                if dist > *max_days {
                    broken(
                        (dist - max_days) as f64,
                        format!(
                            "{} and {} are {dist} days apart, more than {max_days}",
                            ctx.name(a),
                            ctx.name(b)
                        ),
                    );
                }
            });
        }
        Kind::TwoActivitiesOrdered { first, second } => {
            if let (Some(a), Some(b)) = (ctx.start(*first), ctx.start(*second)) {
                let end = a.hour + ctx.act(*first).duration;
                if !(a.day < b.day || (a.day == b.day && end <= b.hour)) {
                    broken(
                        1.0,
                        format!(
                            "{} does not come after {}",
                            ctx.name(*second),
                            ctx.name(*first)
                        ),
                    );
                }
            }
        }
        Kind::TeacherMaxDaysPerWeek { teacher, max } => {
            teacher_max_days(ctx, *teacher as usize, *max, &mut broken)
        }
        Kind::TeachersMaxDaysPerWeek { max } => {
            for t in all_teachers {
                teacher_max_days(ctx, t, *max, &mut broken);
            }
        }
        Kind::StudentsMinGapsBetweenOrderedPairOfActivityTags { first, second, min } => {
            for (x, y) in tagged_pairs(inst, *first, *second) {
                let (Some(a), Some(b)) = (ctx.start(x), ctx.start(y)) else {
                    continue;
                };
                let end = a.hour + ctx.act(x).duration;
                if a.day == b.day && b.hour > a.hour && b.hour < end + min {
                    broken(
                        1.0,
                        format!(
                            "{} starts {} hours after {} ends, fewer than {min}",
                            ctx.name(y),
                            b.hour.saturating_sub(end),
                            ctx.name(x)
                        ),
                    );
                }
            }
        }
        Kind::TwoActivitiesOrderedIfSameDay { first, second } => {
            if let (Some(a), Some(b)) = (ctx.start(*first), ctx.start(*second)) {
                if a.day == b.day && a.hour + ctx.act(*first).duration > b.hour {
                    broken(
                        1.0,
                        format!(
                            "{} does not come after {} on their day",
                            ctx.name(*second),
                            ctx.name(*first)
                        ),
                    );
                }
            }
        }
        Kind::ThreeActivitiesGrouped { activities } => {
            let starts: Vec<(u32, Slot)> = activities
                .iter()
                .filter_map(|a| ctx.start(*a).map(|s| (*a, s)))
                .collect();
            if let [x, y, z] = starts[..] {
                let mut sorted = [x, y, z];
                sorted.sort_by_key(|(_, s)| s.hour);
                let day = x.1.day;
                let nh = inst.n_hours();
                // Consecutive: each ends no later than the next starts, with
                // nothing but breaks between.
                let follows = |(a, sa): (u32, Slot), (_, sb): (u32, Slot)| {
                    let end = sa.hour + ctx.act(a).duration;
                    end <= sb.hour
                        && (end..sb.hour).all(|h| ctx.breaks[day as usize * nh + h as usize])
                };
                let grouped = y.1.day == day
                    && z.1.day == day
                    && follows(sorted[0], sorted[1])
                    && follows(sorted[1], sorted[2]);
                if !grouped {
                    broken(
                        1.0,
                        format!(
                            "{}, {} and {} are not grouped",
                            ctx.name(activities[0]),
                            ctx.name(activities[1]),
                            ctx.name(activities[2])
                        ),
                    );
                }
            }
        }
        Kind::ActivityEndsStudentsDay { activity } => {
            if !ends_students_day(ctx, *activity) {
                broken(
                    1.0,
                    format!("{}'s students have lessons after it", ctx.name(*activity)),
                );
            }
        }
        Kind::ActivitiesEndStudentsDay { filter } => {
            for a in ctx
                .active_activities()
                .filter(|a| ctx.matches(filter, ctx.act(*a)))
            {
                if !ends_students_day(ctx, a) {
                    broken(
                        1.0,
                        format!("{}'s students have lessons after it", ctx.name(a)),
                    );
                }
            }
        }
        Kind::TeacherMaxSpanPerDay {
            teacher,
            max,
            exception,
        } => span_limit(
            ctx,
            [Person::Teacher(*teacher as usize)],
            *max,
            *exception,
            &mut broken,
        ),
        Kind::TeachersMaxSpanPerDay { max, exception } => span_limit(
            ctx,
            all_teachers.map(Person::Teacher),
            *max,
            *exception,
            &mut broken,
        ),
        Kind::StudentsSetMaxSpanPerDay { set, max } => {
            let who = inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize));
            span_limit(ctx, who, *max, false, &mut broken)
        }
        Kind::StudentsMaxSpanPerDay { max } => {
            let who = (0..inst.atoms.len()).map(Person::Atom);
            span_limit(ctx, who, *max, false, &mut broken)
        }
        Kind::TeacherMinRestingHours {
            teacher,
            min,
            circular,
        } => {
            let who = [Person::Teacher(*teacher as usize)];
            resting(ctx, who, *min, *circular, &mut broken)
        }
        Kind::TeachersMinRestingHours { min, circular } => {
            let who = all_teachers.map(Person::Teacher);
            resting(ctx, who, *min, *circular, &mut broken)
        }
        Kind::StudentsSetMinRestingHours { set, min, circular } => {
            let who = inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize));
            resting(ctx, who, *min, *circular, &mut broken)
        }
        Kind::StudentsMinRestingHours { min, circular } => {
            let who = (0..inst.atoms.len()).map(Person::Atom);
            resting(ctx, who, *min, *circular, &mut broken)
        }
        Kind::ActivitiesOccupyMaxTimeSlotsFromSelection {
            activities,
            slots,
            max,
        } => {
            let under_way = under_way(ctx, activities);
            let occupied: Vec<Slot> = slots
                .iter()
                .copied()
                .filter(|s| under_way[ctx.idx(*s)] > 0)
                .collect();
            if occupied.len() > *max as usize {
                let measure = if c.is_hard() {
                    occupied.len() - *max as usize
                } else {
                    1
                };
                let names: Vec<String> = occupied.iter().map(|s| ctx.slot_name(*s)).collect();
                broken(
                    measure as f64,
                    format!(
                        "{} occupy {} of the selected times ({}), more than {max}",
                        activity_names(ctx, activities),
                        occupied.len(),
                        names.join(", ")
                    ),
                );
            }
        }
        Kind::ActivitiesMaxSimultaneousInSelectedTimeSlots {
            activities,
            slots,
            max,
        } => {
            let under_way = under_way(ctx, activities);
            for s in slots {
                let n = under_way[ctx.idx(*s)];
                if n > *max {
                    let measure = if c.is_hard() { n - max } else { 1 };
                    broken(
                        measure as f64,
                        format!(
                            "{n} of {} are under way at {}, more than {max}",
                            activity_names(ctx, activities),
                            ctx.slot_name(*s)
                        ),
                    );
                }
            }
        }
        Kind::ActivitiesMinSimultaneousInSelectedTimeSlots {
            activities,
            slots,
            min,
            allow_empty,
        } => {
            let under_way = under_way(ctx, activities);
            for s in slots {
                let n = under_way[ctx.idx(*s)];
                if n < *min && !(n == 0 && *allow_empty) {
                    broken(
                        f64::from(min - n),
                        format!(
                            "only {n} of {} are under way at {}, fewer than {min}",
                            activity_names(ctx, activities),
                            ctx.slot_name(*s)
                        ),
                    );
                }
            }
        }
        Kind::MaxTotalActivitiesFromSetInSelectedTimeSlots {
            activities,
            slots,
            max,
        } => {
            let within: Vec<u32> = activities
                .iter()
                .copied()
                .filter(|a| ctx.hours_of(*a).iter().any(|h| slots.contains(h)))
                .collect();
            if within.len() > usize::from(*max) {
                broken(
                    (within.len() - usize::from(*max)) as f64,
                    format!(
                        "{} are in the selected times, more than {max}",
                        activity_names(ctx, &within)
                    ),
                );
            }
        }
        Kind::ActivitiesMaxInATerm { activities, max } => {
            let mut per_term = vec![Vec::new(); inst.n_terms()];
            for a in activities {
                if let Some(s) = ctx.start(*a) {
                    per_term[usize::from(inst.term_of(s.day))].push(*a);
                }
            }
            for (t, list) in per_term.iter().enumerate() {
                if list.len() > usize::from(*max) {
                    broken(
                        (list.len() - usize::from(*max)) as f64,
                        format!(
                            "{} are all in term {}, more than {max}",
                            activity_names(ctx, list),
                            t + 1
                        ),
                    );
                }
            }
        }
        Kind::ActivitiesOccupyMaxTerms { activities, max } => {
            let mut terms: Vec<u16> = activities
                .iter()
                .filter_map(|a| ctx.start(*a))
                .map(|s| inst.term_of(s.day))
                .collect();
            terms.sort_unstable();
            terms.dedup();
            if terms.len() > usize::from(*max) {
                let names: Vec<String> = terms.iter().map(|t| (t + 1).to_string()).collect();
                broken(
                    (terms.len() - usize::from(*max)) as f64,
                    format!(
                        "{} are in {} terms ({}), more than {max}",
                        activity_names(ctx, activities),
                        terms.len(),
                        names.join(", ")
                    ),
                );
            }
        }
        Kind::ActivityTagsNotOverlapping { tags } => {
            let tagged: Vec<(u32, u32)> = ctx
                .active_activities()
                .filter_map(|a| {
                    let t = ctx.act(a).tags.iter().find(|t| tags.contains(t))?;
                    Some((a, *t))
                })
                .collect();
            for (k, (a, ta)) in tagged.iter().enumerate() {
                let ha = ctx.hours_of(*a);
                for (b, tb) in &tagged[..k] {
                    if ta == tb {
                        continue;
                    }
                    let overlap = ctx.hours_of(*b).iter().filter(|h| ha.contains(h)).count();
                    if overlap > 0 {
                        broken(
                            overlap as f64,
                            format!(
                                "{} ({}) overlaps {} ({})",
                                ctx.name(*a),
                                inst.tags[*ta as usize],
                                ctx.name(*b),
                                inst.tags[*tb as usize]
                            ),
                        );
                    }
                }
            }
        }
        Kind::TeacherIntervalMaxDaysPerWeek {
            teacher,
            start,
            end,
            max,
        } => {
            let t = *teacher as usize;
            let who = format!("teacher {}", inst.teachers[t]);
            interval_days(
                ctx,
                &ctx.busy.teachers[t],
                &who,
                (*start, *end),
                *max,
                &mut broken,
            );
        }
        Kind::TeachersIntervalMaxDaysPerWeek { start, end, max } => {
            for t in all_teachers {
                let who = format!("teacher {}", inst.teachers[t]);
                interval_days(
                    ctx,
                    &ctx.busy.teachers[t],
                    &who,
                    (*start, *end),
                    *max,
                    &mut broken,
                );
            }
        }
        Kind::StudentsSetIntervalMaxDaysPerWeek {
            set,
            start,
            end,
            max,
        } => {
            for x in &inst.sets[*set as usize].atoms {
                let x = *x as usize;
                let who = format!("students {}", inst.atoms[x]);
                interval_days(
                    ctx,
                    &ctx.busy.atoms[x],
                    &who,
                    (*start, *end),
                    *max,
                    &mut broken,
                );
            }
        }
        Kind::StudentsIntervalMaxDaysPerWeek { start, end, max } => {
            for x in 0..inst.atoms.len() {
                let who = format!("students {}", inst.atoms[x]);
                interval_days(
                    ctx,
                    &ctx.busy.atoms[x],
                    &who,
                    (*start, *end),
                    *max,
                    &mut broken,
                );
            }
        }
        Kind::TeacherMinDaysPerWeek { teacher, min } => {
            teacher_min_days(ctx, *teacher as usize, *min, &mut broken)
        }
        Kind::TeachersMinDaysPerWeek { min } => {
            for t in all_teachers {
                teacher_min_days(ctx, t, *min, &mut broken);
            }
        }
        Kind::TeacherMaxHoursDaily { teacher, max } => {
            for (d, day) in teacher_days(*teacher as usize) {
                let n = busy_hours(day);
                if n > *max as u32 {
                    broken(
                        1.0,
                        format!(
                            "teacher {} works {n} hours on {}",
                            inst.teachers[*teacher as usize], inst.days[d]
                        ),
                    );
                }
            }
        }
        Kind::TeachersMaxHoursDaily { max } => {
            for t in all_teachers {
                for (d, day) in teacher_days(t) {
                    let n = busy_hours(day);
                    if n > *max as u32 {
                        broken(
                            1.0,
                            format!(
                                "teacher {} works {n} hours on {}",
                                inst.teachers[t], inst.days[d]
                            ),
                        );
                    }
                }
            }
        }
        Kind::TeacherMinHoursDaily {
            teacher,
            min,
            allow_empty_days,
        } => teacher_min_hours(ctx, *teacher as usize, *min, *allow_empty_days, &mut broken),
        Kind::TeachersMinHoursDaily {
            min,
            allow_empty_days,
        } => {
            for t in all_teachers {
                teacher_min_hours(ctx, t, *min, *allow_empty_days, &mut broken);
            }
        }
        Kind::TeacherMaxGapsPerWeek { teacher, max } => {
            teacher_gaps_week(ctx, *teacher as usize, *max, &mut broken)
        }
        Kind::TeachersMaxGapsPerWeek { max } => {
            for t in all_teachers {
                teacher_gaps_week(ctx, t, *max, &mut broken);
            }
        }
        Kind::TeacherMaxGapsPerDay { teacher, max } => {
            teacher_gaps_day(ctx, *teacher as usize, *max, &mut broken)
        }
        Kind::TeachersMaxGapsPerDay { max } => {
            for t in all_teachers {
                teacher_gaps_day(ctx, t, *max, &mut broken);
            }
        }
        Kind::TeachersMaxHoursContinuously { max } => {
            for t in all_teachers {
                let who = format!("teacher {} works", inst.teachers[t]);
                too_long_runs(ctx, &ctx.busy.teachers[t], &who, *max, &mut broken);
            }
        }
        Kind::TeacherMaxHoursContinuously { teacher, max } => {
            let who = format!("teacher {} works", inst.teachers[*teacher as usize]);
            too_long_runs(
                ctx,
                &ctx.busy.teachers[*teacher as usize],
                &who,
                *max,
                &mut broken,
            );
        }
        Kind::StudentsMaxHoursContinuously { max } => {
            for x in 0..inst.atoms.len() {
                let who = format!("students {} have", inst.atoms[x]);
                too_long_runs(ctx, &ctx.busy.atoms[x], &who, *max, &mut broken);
            }
        }
        Kind::StudentsMaxGapsPerWeek { max } => {
            for x in 0..inst.atoms.len() {
                atom_gaps_week(ctx, x, *max, &mut broken);
            }
        }
        Kind::StudentsSetMaxGapsPerWeek { set, max } => {
            for x in &inst.sets[*set as usize].atoms {
                atom_gaps_week(ctx, *x as usize, *max, &mut broken);
            }
        }
        Kind::StudentsMaxGapsPerDay { max } => {
            for x in 0..inst.atoms.len() {
                atom_gaps_day(ctx, x, *max, &mut broken);
            }
        }
        Kind::StudentsSetMaxGapsPerDay { set, max } => {
            for x in &inst.sets[*set as usize].atoms {
                atom_gaps_day(ctx, *x as usize, *max, &mut broken);
            }
        }
        Kind::StudentsEarlyMaxBeginningsAtSecondHour { max } => {
            for x in 0..inst.atoms.len() {
                atom_early_second(ctx, x, *max, &mut broken);
            }
        }
        Kind::StudentsMinHoursDaily {
            min,
            allow_empty_days,
        } => {
            for x in 0..inst.atoms.len() {
                atom_min_hours(ctx, x, *min, *allow_empty_days, &mut broken);
            }
        }
        Kind::StudentsSetMinHoursDaily {
            set,
            min,
            allow_empty_days,
        } => {
            for x in &inst.sets[*set as usize].atoms {
                atom_min_hours(ctx, *x as usize, *min, *allow_empty_days, &mut broken);
            }
        }
        Kind::StudentsMaxHoursDaily { max } => {
            for x in 0..inst.atoms.len() {
                atom_max_hours(ctx, x, *max, &mut broken);
            }
        }
        Kind::StudentsSetMaxHoursDaily { set, max } => {
            for x in &inst.sets[*set as usize].atoms {
                atom_max_hours(ctx, *x as usize, *max, &mut broken);
            }
        }
        Kind::StudentsSetEarlyMaxBeginningsAtSecondHour { set, max } => {
            for x in &inst.sets[*set as usize].atoms {
                atom_early_second(ctx, *x as usize, *max, &mut broken);
            }
        }
        Kind::TeacherActivityTagMaxHoursDaily { teacher, tag, max } => {
            let who = [Person::Teacher(*teacher as usize)];
            tag_limit(ctx, who, *tag, *max, false, &mut broken)
        }
        Kind::TeachersActivityTagMaxHoursDaily { tag, max } => {
            let who = all_teachers.map(Person::Teacher);
            tag_limit(ctx, who, *tag, *max, false, &mut broken)
        }
        Kind::StudentsActivityTagMaxHoursDaily { tag, max } => {
            let who = (0..inst.atoms.len()).map(Person::Atom);
            tag_limit(ctx, who, *tag, *max, false, &mut broken)
        }
        Kind::StudentsSetActivityTagMaxHoursDaily { set, tag, max } => {
            let who = inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize));
            tag_limit(ctx, who, *tag, *max, false, &mut broken)
        }
        Kind::TeacherActivityTagMaxHoursContinuously { teacher, tag, max } => {
            let who = [Person::Teacher(*teacher as usize)];
            tag_limit(ctx, who, *tag, *max, true, &mut broken)
        }
        Kind::TeachersActivityTagMaxHoursContinuously { tag, max } => {
            let who = all_teachers.map(Person::Teacher);
            tag_limit(ctx, who, *tag, *max, true, &mut broken)
        }
        Kind::StudentsActivityTagMaxHoursContinuously { tag, max } => {
            let who = (0..inst.atoms.len()).map(Person::Atom);
            tag_limit(ctx, who, *tag, *max, true, &mut broken)
        }
        Kind::StudentsSetActivityTagMaxHoursContinuously { set, tag, max } => {
            let who = inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize));
            tag_limit(ctx, who, *tag, *max, true, &mut broken)
        }
        Kind::TeacherMaxBuildingChangesPerDay { teacher, max } => building_limit(
            ctx,
            [Person::Teacher(*teacher as usize)],
            BuildingLimit::Day(*max),
            &mut broken,
        ),
        Kind::TeachersMaxBuildingChangesPerDay { max } => building_limit(
            ctx,
            all_teachers.map(Person::Teacher),
            BuildingLimit::Day(*max),
            &mut broken,
        ),
        Kind::TeacherMaxBuildingChangesPerWeek { teacher, max } => building_limit(
            ctx,
            [Person::Teacher(*teacher as usize)],
            BuildingLimit::Week(*max),
            &mut broken,
        ),
        Kind::TeachersMaxBuildingChangesPerWeek { max } => building_limit(
            ctx,
            all_teachers.map(Person::Teacher),
            BuildingLimit::Week(*max),
            &mut broken,
        ),
        Kind::TeacherMinGapsBetweenBuildingChanges { teacher, min } => building_limit(
            ctx,
            [Person::Teacher(*teacher as usize)],
            BuildingLimit::Gaps(*min),
            &mut broken,
        ),
        Kind::TeachersMinGapsBetweenBuildingChanges { min } => building_limit(
            ctx,
            all_teachers.map(Person::Teacher),
            BuildingLimit::Gaps(*min),
            &mut broken,
        ),
        Kind::StudentsSetMaxBuildingChangesPerDay { set, max } => building_limit(
            ctx,
            inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize)),
            BuildingLimit::Day(*max),
            &mut broken,
        ),
        Kind::StudentsMaxBuildingChangesPerDay { max } => building_limit(
            ctx,
            (0..inst.atoms.len()).map(Person::Atom),
            BuildingLimit::Day(*max),
            &mut broken,
        ),
        Kind::StudentsSetMaxBuildingChangesPerWeek { set, max } => building_limit(
            ctx,
            inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize)),
            BuildingLimit::Week(*max),
            &mut broken,
        ),
        Kind::StudentsMaxBuildingChangesPerWeek { max } => building_limit(
            ctx,
            (0..inst.atoms.len()).map(Person::Atom),
            BuildingLimit::Week(*max),
            &mut broken,
        ),
        Kind::StudentsSetMinGapsBetweenBuildingChanges { set, min } => building_limit(
            ctx,
            inst.sets[*set as usize]
                .atoms
                .iter()
                .map(|x| Person::Atom(*x as usize)),
            BuildingLimit::Gaps(*min),
            &mut broken,
        ),
        Kind::StudentsMinGapsBetweenBuildingChanges { min } => building_limit(
            ctx,
            (0..inst.atoms.len()).map(Person::Atom),
            BuildingLimit::Gaps(*min),
            &mut broken,
        ),
        Kind::ActivityPreferredRoom {
            activity,
            room,
            real_rooms,
            ..
        } => {
            let real_differ = !real_rooms.is_empty()
                && ctx.room(*activity) == Some(*room)
                && !same_rooms(ctx.tt.real_rooms_of(*activity as usize), real_rooms);
            if real_differ && ctx.start(*activity).is_some() {
                broken(
                    1.0,
                    format!(
                        "{} is not in the real rooms its constraint names",
                        ctx.name(*activity)
                    ),
                );
            } else if ctx.start(*activity).is_some() && ctx.room(*activity) != Some(*room) {
                broken(
                    1.0,
                    format!(
                        "{} is not in room {}",
                        ctx.name(*activity),
                        inst.rooms[*room as usize].name
                    ),
                );
            }
        }
        Kind::ActivityPreferredRooms { activity, rooms } => {
            if ctx.start(*activity).is_some()
                && !ctx.room(*activity).is_some_and(|r| rooms.contains(&r))
            {
                broken(
                    1.0,
                    format!(
                        "{} is not in one of its preferred rooms",
                        ctx.name(*activity)
                    ),
                );
            }
        }
        Kind::SubjectPreferredRoom { subject, room } => {
            rooms_for(ctx, |a| a.subject == *subject, &[*room], &mut broken);
        }
        Kind::SubjectPreferredRooms { subject, rooms } => {
            rooms_for(ctx, |a| a.subject == *subject, rooms, &mut broken);
        }
        Kind::ActivityTagPreferredRooms { tag, rooms } => {
            rooms_for(ctx, |a| a.tags.contains(tag), rooms, &mut broken);
        }
        Kind::ActivityTagPreferredRoom { tag, room } => {
            rooms_for(ctx, |a| a.tags.contains(tag), &[*room], &mut broken);
        }
        Kind::SubjectActivityTagPreferredRoom { subject, tag, room } => {
            rooms_for(
                ctx,
                |a| a.subject == *subject && a.tags.contains(tag),
                &[*room],
                &mut broken,
            );
        }
        Kind::TeacherHomeRoom { teacher, room } => {
            home_room(ctx, |a| a.teachers == [*teacher], &[*room], &mut broken);
        }
        Kind::TeacherHomeRooms { teacher, rooms } => {
            home_room(ctx, |a| a.teachers == [*teacher], rooms, &mut broken);
        }
        Kind::StudentsSetHomeRoom { set, room } => {
            home_room(ctx, |a| a.students == [*set], &[*room], &mut broken);
        }
        Kind::StudentsSetHomeRooms { set, rooms } => {
            home_room(ctx, |a| a.students == [*set], rooms, &mut broken);
        }
        Kind::SubjectActivityTagPreferredRooms {
            subject,
            tag,
            rooms,
        } => {
            rooms_for(
                ctx,
                |a| a.subject == *subject && a.tags.contains(tag),
                rooms,
                &mut broken,
            );
        }
        Kind::ActivitiesOccupyMaxDifferentRooms { activities, max } => {
            let mut used: Vec<u32> = activities
                .iter()
                .filter(|a| ctx.start(**a).is_some())
                .filter_map(|a| ctx.room(*a))
                .filter(|r| (*r as usize) < inst.rooms.len())
                .collect();
            used.sort_unstable();
            used.dedup();
            if used.len() > *max as usize {
                let measure = if c.is_hard() {
                    used.len() - *max as usize
                } else {
                    1
                };
                let names: Vec<&str> = used
                    .iter()
                    .map(|r| inst.rooms[*r as usize].name.as_str())
                    .collect();
                broken(
                    measure as f64,
                    format!(
                        "{} use {} rooms ({}), more than {max}",
                        activity_names(ctx, activities),
                        used.len(),
                        names.join(", ")
                    ),
                );
            }
        }
        Kind::ActivitiesSameRoomIfConsecutive { activities } => {
            for (i, a) in activities.iter().enumerate() {
                for b in &activities[i + 1..] {
                    let (Some(sa), Some(sb)) = (ctx.start(*a), ctx.start(*b)) else {
                        continue;
                    };
                    let (Some(ra), Some(rb)) = (ctx.room(*a), ctx.room(*b)) else {
                        continue;
                    };
                    let next = |x: Slot, dx: u16, y: Slot| x.day == y.day && x.hour + dx == y.hour;
                    let adjacent =
                        next(sa, ctx.act(*a).duration, sb) || next(sb, ctx.act(*b).duration, sa);
                    let known = |r: u32| (r as usize) < inst.rooms.len();
                    if adjacent && ra != rb && known(ra) && known(rb) {
                        broken(
                            1.0,
                            format!(
                                "{} and {} follow each other in rooms {} and {}",
                                ctx.name(*a),
                                ctx.name(*b),
                                inst.rooms[ra as usize].name,
                                inst.rooms[rb as usize].name
                            ),
                        );
                    }
                }
            }
        }
    }
    for message in absolute {
        out_push_hard(out, index, message);
    }
}

/// Per slot: how many of `activities` are under way then.
fn under_way(ctx: &Ctx<'_>, activities: &[u32]) -> Vec<u16> {
    let mut count = vec![0u16; ctx.inst.n_days() * ctx.inst.n_hours()];
    for a in activities {
        for h in ctx.hours_of(*a) {
            count[ctx.idx(h)] += 1;
        }
    }
    count
}

/// "activities 53, 54 and 55" (the file's ids), for a message.
fn activity_names(ctx: &Ctx<'_>, activities: &[u32]) -> String {
    let ids: Vec<String> = activities
        .iter()
        .map(|a| ctx.act(*a).id.to_string())
        .collect();
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("activities {} and {last}", rest.join(", "))
        }
        _ => format!("activity {}", ids.join("")),
    }
}

/// Preferred time slots: FET counts each hour of the activity outside them.
fn hours_outside(ctx: &Ctx<'_>, a: u32, slots: &[Slot], broken: &mut impl FnMut(f64, String)) {
    let outside = ctx
        .hours_of(a)
        .iter()
        .filter(|h| !slots.contains(h))
        .count();
    broken(
        outside as f64,
        format!(
            "{} has {outside} hours outside its preferred slots",
            ctx.name(a)
        ),
    );
}

/// MinDays' consecutive-if-same-day is absolute in FET whatever the weight.
fn out_push_hard(out: &mut Vec<Violation>, index: usize, message: String) {
    out.push(Violation {
        constraint: Some(index),
        hard: true,
        cost: 1.0,
        message: format!("MinDaysBetweenActivities: {message}"),
    });
}

/// Not-available constraints cost each busy hour in a closed slot.
fn busy_while_closed(
    ctx: &Ctx<'_>,
    row: &[u16],
    slots: &[Slot],
    who: &str,
    broken: &mut impl FnMut(f64, String),
) {
    for s in slots {
        let n = row[ctx.idx(*s)];
        broken(
            n as f64,
            format!("{who} not available at {}", ctx.slot_name(*s)),
        );
    }
}

fn slot_text(inst: &Instance, slot: usize) -> String {
    let nh = inst.n_hours();
    format!("{} {}", inst.days[slot / nh], inst.hours[slot % nh])
}

fn teacher_max_days(ctx: &Ctx<'_>, t: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    let mut hours: Vec<u32> = (0..ctx.inst.n_days())
        .map(|d| busy_hours(ctx.busy.day(&ctx.busy.teachers[t], d)))
        .collect();
    let working = hours.iter().filter(|h| **h > 0).count();
    if working > max as usize {
        // FET's measure: the hours on the least-busy days that would have
        // to move for the teacher to fit in `max` days.
        hours.sort_unstable();
        let surplus: u32 = hours[..ctx.inst.n_days() - max as usize].iter().sum();
        broken(
            surplus as f64,
            format!("teacher {} works {working} days", ctx.inst.teachers[t]),
        );
    }
}

/// Whether none of activity `a`'s subgroups is busy after it on its day
/// (true if it is not placed).
fn ends_students_day(ctx: &Ctx<'_>, a: u32) -> bool {
    let Some(s) = ctx.start(a) else {
        return true;
    };
    let end = (s.hour + ctx.act(a).duration) as usize;
    ctx.act(a).atoms.iter().all(|x| {
        ctx.busy.day(&ctx.busy.atoms[*x as usize], s.day as usize)[end..]
            .iter()
            .all(|n| *n == 0)
    })
}

/// Days on which `row` (a person's week) is busy within the hours
/// `start..end`: at most `max`. Cost: each day over.
fn interval_days(
    ctx: &Ctx<'_>,
    row: &[u16],
    who: &str,
    (start, end): (u16, u16),
    max: u16,
    broken: &mut impl FnMut(f64, String),
) {
    let days = (0..ctx.inst.n_days())
        .filter(|d| {
            ctx.busy.day(row, *d)[start as usize..end as usize]
                .iter()
                .any(|n| *n > 0)
        })
        .count() as u16;
    if days > max {
        broken(
            (days - max) as f64,
            format!(
                "{who}: busy within hours {}–{} on {days} days, more than {max}",
                ctx.inst.hours[start as usize],
                ctx.inst.hours[end as usize - 1]
            ),
        );
    }
}

fn teacher_min_days(ctx: &Ctx<'_>, t: usize, min: u16, broken: &mut impl FnMut(f64, String)) {
    let working = (0..ctx.inst.n_days())
        .filter(|d| busy_hours(ctx.busy.day(&ctx.busy.teachers[t], *d)) > 0)
        .count() as u16;
    if working < min {
        broken(
            (min - working) as f64,
            format!(
                "teacher {} works {working} days, fewer than {min}",
                ctx.inst.teachers[t]
            ),
        );
    }
}

fn min_hours(
    ctx: &Ctx<'_>,
    row: &[u16],
    who: &str,
    min: u16,
    allow_empty: bool,
    broken: &mut impl FnMut(f64, String),
) {
    for d in 0..ctx.inst.n_days() {
        let n = busy_hours(ctx.busy.day(row, d));
        if (n > 0 || !allow_empty) && n < min as u32 {
            broken(
                1.0,
                format!("{who} have only {n} hours on {}", ctx.inst.days[d]),
            );
        }
    }
}

fn teacher_min_hours(
    ctx: &Ctx<'_>,
    t: usize,
    min: u16,
    allow_empty: bool,
    broken: &mut impl FnMut(f64, String),
) {
    let who = format!("teacher {}", ctx.inst.teachers[t]);
    min_hours(ctx, &ctx.busy.teachers[t], &who, min, allow_empty, broken);
}

fn atom_min_hours(
    ctx: &Ctx<'_>,
    x: usize,
    min: u16,
    allow_empty: bool,
    broken: &mut impl FnMut(f64, String),
) {
    let who = format!("students {}", ctx.inst.atoms[x]);
    min_hours(ctx, &ctx.busy.atoms[x], &who, min, allow_empty, broken);
}

/// FET's max hours continuously: 1 per run of busy hours longer than
/// `max` (breaks and empty hours end a run).
fn too_long_runs(
    ctx: &Ctx<'_>,
    row: &[u16],
    who: &str,
    max: u16,
    broken: &mut impl FnMut(f64, String),
) {
    for d in 0..ctx.inst.n_days() {
        for run in longest_runs(ctx.busy.day(row, d)) {
            if run > max as u32 {
                broken(
                    1.0,
                    format!("{who} {run} hours in a row on {}", ctx.inst.days[d]),
                );
            }
        }
    }
}

/// A teacher or an atomic subgroup, for the limits that concern either.
#[derive(Debug, Clone, Copy)]
enum Person {
    Teacher(usize),
    Atom(usize),
}

impl Person {
    /// Their busy count per slot.
    fn row<'a>(self, ctx: &'a Ctx<'_>) -> &'a [u16] {
        match self {
            Person::Teacher(t) => &ctx.busy.teachers[t],
            Person::Atom(x) => &ctx.busy.atoms[x],
        }
    }
    fn name(self, inst: &Instance) -> String {
        match self {
            Person::Teacher(t) => format!("teacher {}", inst.teachers[t]),
            Person::Atom(x) => format!("students {}", inst.atoms[x]),
        }
    }
}

/// The free hours at the start and at the end of a day (a free day is
/// free from start to end).
pub(crate) fn free_ends(day: &[u16]) -> (usize, usize) {
    let lead = day.iter().take_while(|n| **n == 0).count();
    let trail = day.iter().rev().take_while(|n| **n == 0).count();
    (lead, trail)
}

/// FET's max span per day: each hour from the first to the last busy hour
/// of a day over `max`.
fn span_limit(
    ctx: &Ctx<'_>,
    people: impl IntoIterator<Item = Person>,
    max: u16,
    exception: bool,
    broken: &mut impl FnMut(f64, String),
) {
    let inst = ctx.inst;
    for person in people {
        let mut over: Vec<(usize, usize)> = Vec::new();
        for d in 0..inst.n_days() {
            let day = ctx.busy.day(person.row(ctx), d);
            let (lead, trail) = free_ends(day);
            let span = day.len().saturating_sub(lead + trail);
            if span > max as usize {
                over.push((d, span));
            }
        }
        // The one day allowed an hour more: the worst day's first hour over.
        let pardoned = if exception {
            over.iter().max_by_key(|(_, span)| *span).map(|(d, _)| *d)
        } else {
            None
        };
        for (d, span) in over {
            let hours = span - max as usize - usize::from(pardoned == Some(d));
            broken(
                hours as f64,
                format!(
                    "{} span {span} hours on {}, more than {max}{}",
                    person.name(inst),
                    inst.days[d],
                    if exception { " (+1 on one day)" } else { "" }
                ),
            );
        }
    }
}

/// FET's min resting hours: each hour short of `min` between the last busy
/// hour of a day and the first of the next (the week's last day to its
/// first too when `circular`).
fn resting(
    ctx: &Ctx<'_>,
    people: impl IntoIterator<Item = Person>,
    min: u16,
    circular: bool,
    broken: &mut impl FnMut(f64, String),
) {
    let inst = ctx.inst;
    let nd = inst.n_days();
    let nights = if circular { nd } else { nd.saturating_sub(1) };
    for person in people {
        let row = person.row(ctx);
        for d in 0..nights {
            let rest =
                free_ends(ctx.busy.day(row, d)).1 + free_ends(ctx.busy.day(row, (d + 1) % nd)).0;
            if rest < min as usize {
                broken(
                    (min as usize - rest) as f64,
                    format!(
                        "{} rest {rest} hours from {} to {}, fewer than {min}",
                        person.name(inst),
                        inst.days[d],
                        inst.days[(d + 1) % nd]
                    ),
                );
            }
        }
    }
}

/// FET's activity-tag max hours daily (`continuous` false: 1 per person
/// and day over) or continuously (1 per run too long), counting only the
/// hours of activities with the tag.
fn tag_limit(
    ctx: &Ctx<'_>,
    people: impl IntoIterator<Item = Person>,
    tag: u32,
    max: u16,
    continuous: bool,
    broken: &mut impl FnMut(f64, String),
) {
    let inst = ctx.inst;
    let tagged: Vec<u32> = ctx
        .active_activities()
        .filter(|a| ctx.act(*a).tags.contains(&tag))
        .collect();
    for person in people {
        let mut row = vec![0u16; inst.n_slots()];
        for &a in &tagged {
            let act = ctx.act(a);
            let theirs = match person {
                Person::Teacher(t) => act.teachers.contains(&(t as u32)),
                Person::Atom(x) => act.atoms.contains(&(x as u32)),
            };
            if theirs {
                for s in ctx.hours_of(a) {
                    row[ctx.idx(s)] += 1;
                }
            }
        }
        let who = match person {
            Person::Teacher(t) => format!("teacher {} has", inst.teachers[t]),
            Person::Atom(x) => format!("students {} have", inst.atoms[x]),
        };
        let tag_name = &inst.tags[tag as usize];
        if continuous {
            let who = format!("{who} lessons tagged {tag_name}");
            too_long_runs(ctx, &row, &who, max, broken);
            continue;
        }
        for d in 0..inst.n_days() {
            let n = busy_hours(ctx.busy.day(&row, d));
            if n > max as u32 {
                broken(
                    1.0,
                    format!("{who} {n} hours tagged {tag_name} on {}", inst.days[d]),
                );
            }
        }
    }
}

/// Which building-change limit: changes per day, per week, or the
/// fewest free hours between two buildings.
#[derive(Debug, Clone, Copy)]
enum BuildingLimit {
    Day(u16),
    Week(u16),
    Gaps(u16),
}

/// The building of each hour of a person's day, as FET reads it for
/// building changes: None for a free hour, a lesson without a room, or a
/// room without a building (two lessons at once: the lower building).
fn building_row(ctx: &Ctx<'_>, person: Person, day: usize) -> Vec<Option<u32>> {
    let inst = ctx.inst;
    let mut row = vec![None; inst.n_hours()];
    for a in ctx.active_activities() {
        let act = ctx.act(a);
        let theirs = match person {
            Person::Teacher(t) => act.teachers.contains(&(t as u32)),
            Person::Atom(x) => act.atoms.contains(&(x as u32)),
        };
        let building = ctx
            .room(a)
            .and_then(|r| inst.rooms.get(r as usize))
            .and_then(|r| r.building);
        if !theirs || building.is_none() {
            continue;
        }
        for s in ctx
            .hours_of(a)
            .into_iter()
            .filter(|s| s.day as usize == day)
        {
            let at = &mut row[s.hour as usize];
            *at = (*at).min(building).or(building);
        }
    }
    row
}

/// How many times a day's row moves to another building.
pub(crate) fn building_changes(row: &[Option<u32>]) -> u32 {
    let mut last = None;
    let mut changes = 0;
    for b in row.iter().flatten() {
        if last.is_some_and(|l| l != *b) {
            changes += 1;
        }
        last = Some(*b);
    }
    changes
}

/// How many of a day's building changes come after fewer than `min` hours
/// that count for no building.
pub(crate) fn short_building_changes(row: &[Option<u32>], min: u16) -> u32 {
    let (mut last, mut free, mut short) = (None, 0u16, 0);
    for at in row {
        match (*at, last) {
            (None, _) => free = free.saturating_add(1),
            (Some(b), Some(l)) if b != l => {
                short += u32::from(free < min);
                last = Some(b);
                free = 0;
            }
            (Some(b), _) => {
                last = Some(b);
                free = 0;
            }
        }
    }
    short
}

/// FET's building-change limits for each of `people`: per day, each change
/// over; per week, each change over; min gaps, 1 per change too soon.
fn building_limit(
    ctx: &Ctx<'_>,
    people: impl IntoIterator<Item = Person>,
    limit: BuildingLimit,
    broken: &mut impl FnMut(f64, String),
) {
    let inst = ctx.inst;
    for person in people {
        let who = match person {
            Person::Teacher(t) => format!("teacher {}", inst.teachers[t]),
            Person::Atom(x) => format!("students {}", inst.atoms[x]),
        };
        let mut week = 0;
        for d in 0..inst.n_days() {
            let row = building_row(ctx, person, d);
            let day = &inst.days[d];
            match limit {
                BuildingLimit::Day(max) => {
                    let n = building_changes(&row);
                    if n > max as u32 {
                        let over = f64::from(n - max as u32);
                        broken(over, format!("{who} change buildings {n} times on {day}"));
                    }
                }
                BuildingLimit::Week(_) => week += building_changes(&row),
                BuildingLimit::Gaps(min) => {
                    let n = short_building_changes(&row, min);
                    if n > 0 {
                        broken(
                            f64::from(n),
                            format!("{who} change buildings with fewer than {min} free hours between, {n} times on {day}"),
                        );
                    }
                }
            }
        }
        if let BuildingLimit::Week(max) = limit {
            if week > max as u32 {
                let over = f64::from(week - max as u32);
                broken(
                    over,
                    format!("{who} change buildings {week} times in the week"),
                );
            }
        }
    }
}

/// FET's students (set) max hours daily: 1 per subgroup and day over.
fn atom_max_hours(ctx: &Ctx<'_>, x: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    for d in 0..ctx.inst.n_days() {
        let n = busy_hours(ctx.busy.day(&ctx.busy.atoms[x], d));
        if n > max as u32 {
            broken(
                1.0,
                format!(
                    "students {} have {n} hours on {}",
                    ctx.inst.atoms[x], ctx.inst.days[d]
                ),
            );
        }
    }
}

/// Students begin early: a day starting after the second open hour costs
/// 1; second-hour starts beyond `max` in the week cost 1 each.
fn atom_early_second(ctx: &Ctx<'_>, x: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    let (inst, nh) = (ctx.inst, ctx.inst.n_hours());
    let mut second_hour_starts = 0u32;
    for d in 0..inst.n_days() {
        let day = ctx.busy.day(&ctx.busy.atoms[x], d);
        let open = |h: usize| !ctx.breaks[d * nh + h] && !ctx.atom_off[x][d * nh + h];
        let opens: Vec<usize> = (0..nh).filter(|h| open(*h)).collect();
        let Some(first_busy) = opens.iter().position(|h| day[*h] > 0) else {
            continue;
        };
        match first_busy {
            0 => {}
            1 => second_hour_starts += 1,
            _ => broken(
                1.0,
                format!("students {} start late on {}", inst.atoms[x], inst.days[d]),
            ),
        }
    }
    if second_hour_starts > max as u32 {
        broken(
            (second_hour_starts - max as u32) as f64,
            format!(
                "students {} start at the second hour on {second_hour_starts} days",
                inst.atoms[x]
            ),
        );
    }
}

fn day_gaps(ctx: &Ctx<'_>, row: &[u16], off: &[bool], d: usize) -> u32 {
    let nh = ctx.inst.n_hours();
    gaps(
        ctx.busy.day(row, d),
        &ctx.breaks[d * nh..(d + 1) * nh],
        &off[d * nh..(d + 1) * nh],
    )
}

fn teacher_gaps_week(ctx: &Ctx<'_>, t: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    let total: u32 = (0..ctx.inst.n_days())
        .map(|d| day_gaps(ctx, &ctx.busy.teachers[t], &ctx.teacher_off[t], d))
        .sum();
    if total > max as u32 {
        broken(
            (total - max as u32) as f64,
            format!(
                "teacher {} has {total} gaps in the week",
                ctx.inst.teachers[t]
            ),
        );
    }
}

fn teacher_gaps_day(ctx: &Ctx<'_>, t: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    for d in 0..ctx.inst.n_days() {
        let n = day_gaps(ctx, &ctx.busy.teachers[t], &ctx.teacher_off[t], d);
        if n > max as u32 {
            broken(
                (n - max as u32) as f64,
                format!(
                    "teacher {} has {n} gaps on {}",
                    ctx.inst.teachers[t], ctx.inst.days[d]
                ),
            );
        }
    }
}

fn atom_gaps_week(ctx: &Ctx<'_>, x: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    let total: u32 = (0..ctx.inst.n_days())
        .map(|d| day_gaps(ctx, &ctx.busy.atoms[x], &ctx.atom_off[x], d))
        .sum();
    if total > max as u32 {
        broken(
            (total - max as u32) as f64,
            format!(
                "students {} have {total} gaps in the week",
                ctx.inst.atoms[x]
            ),
        );
    }
}

fn atom_gaps_day(ctx: &Ctx<'_>, x: usize, max: u16, broken: &mut impl FnMut(f64, String)) {
    for d in 0..ctx.inst.n_days() {
        let n = day_gaps(ctx, &ctx.busy.atoms[x], &ctx.atom_off[x], d);
        if n > max as u32 {
            broken(
                (n - max as u32) as f64,
                format!(
                    "students {} have {n} gaps on {}",
                    ctx.inst.atoms[x], ctx.inst.days[d]
                ),
            );
        }
    }
}

fn rooms_for(
    ctx: &Ctx<'_>,
    concerns: impl Fn(&Activity) -> bool,
    rooms: &[u32],
    broken: &mut impl FnMut(f64, String),
) {
    for a in ctx.active_activities().filter(|a| concerns(ctx.act(*a))) {
        if ctx.start(a).is_some() && !ctx.room(a).is_some_and(|r| rooms.contains(&r)) {
            broken(1.0, format!("{} is not in a preferred room", ctx.name(a)));
        }
    }
}

/// Active activities tagged `first` and others tagged `second` that share
/// students with them (indices, each pair once).
pub(crate) fn tagged_pairs(inst: &Instance, first: u32, second: u32) -> Vec<(u32, u32)> {
    let with = |tag: u32| {
        inst.activities
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.active && a.tags.contains(&tag))
    };
    let mut out = Vec::new();
    for (x, a) in with(first) {
        for (y, b) in with(second) {
            if x != y && a.atoms.iter().any(|s| b.atoms.contains(s)) {
                out.push((x as u32, y as u32));
            }
        }
    }
    out
}

/// The same rooms, in any order.
pub(crate) fn same_rooms<T: Ord + Copy>(a: &[T], b: &[T]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// What is wrong with the real rooms a lesson takes in `room`: none for a
/// real room; for a virtual one, one real room of each set, all different.
fn real_rooms_fault(inst: &Instance, room: &Room, real: &[u32]) -> Option<String> {
    if !room.is_virtual() || room.takes(real) {
        return None;
    }
    let names: Vec<&str> = real
        .iter()
        .map(|r| inst.rooms.get(*r as usize).map_or("?", |x| x.name.as_str()))
        .collect();
    Some(format!(
        "its real rooms ({}) are not one of each of its {} sets, all different",
        names.join(", "),
        room.real_sets.len()
    ))
}

/// A home room (one of the home rooms) holds the activity unless one of
/// its preferred-room constraints sends it elsewhere.
fn home_room(
    ctx: &Ctx<'_>,
    concerns: impl Fn(&Activity) -> bool,
    rooms: &[u32],
    broken: &mut impl FnMut(f64, String),
) {
    for a in ctx.active_activities().filter(|a| concerns(ctx.act(*a))) {
        if ctx.start(a).is_none() {
            continue;
        }
        let ok = match ctx.room(a) {
            None => false,
            Some(r) if rooms.contains(&r) => true,
            Some(r) => preferred_rooms(ctx, a).contains(&r),
        };
        if !ok {
            let names: Vec<&str> = rooms
                .iter()
                .map(|r| ctx.inst.rooms[*r as usize].name.as_str())
                .collect();
            broken(
                1.0,
                format!(
                    "{} is not in its home room {}",
                    ctx.name(a),
                    names.join(" or ")
                ),
            );
        }
    }
}

/// Rooms that any active preferred-room constraint allows for activity `a`.
pub(crate) fn preferred_rooms_of(inst: &Instance, a: u32) -> Vec<u32> {
    inst.constraints
        .iter()
        .filter(|c| c.active)
        .filter_map(|c| c.preferred_rooms_for(inst, a))
        .flatten()
        .collect()
}

fn preferred_rooms(ctx: &Ctx<'_>, a: u32) -> Vec<u32> {
    preferred_rooms_of(ctx.inst, a)
}

/// Calls `f` on each pair of the placed activities of `list`, the one
/// listed later first (FET's order: i over the list, j before i).
fn each_placed_pair(ctx: &Ctx<'_>, list: &[u32], mut f: impl FnMut((u32, Slot), (u32, Slot))) {
    let placed: Vec<(u32, Slot)> = list
        .iter()
        .filter_map(|a| ctx.start(*a).map(|s| (*a, s)))
        .collect();
    for (i, later) in placed.iter().enumerate() {
        for earlier in &placed[..i] {
            f(*later, *earlier);
        }
    }
}
