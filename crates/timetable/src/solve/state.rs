//! The search state with its cost kept up to date move by move: counted
//! occupancy per person and room per slot, and per person a cached cost per
//! day plus a weekly cost, so a move re-evaluates only the days it touches.

use super::problem::{PairKind, Problem, RuleKind, HARD, MAX_DAYS};
use crate::check::{building_changes, short_building_changes};

pub(super) const NONE: usize = usize::MAX;

/// One person's day, as the per-person rules see it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct DayStat {
    hours: u16,
    gaps: u16,
    /// 0 no lessons, 1 starts at the first open hour, 2 at the second, 3 later.
    early: u8,
    /// Building changes (counted only for people with building rules).
    changes: u16,
    /// Free hours before the first busy hour and after the last (the
    /// whole day on a free day).
    lead: u16,
    trail: u16,
}

pub(super) struct State<'p> {
    pub p: &'p Problem,
    /// Per activity: start slot, or NONE.
    pub start: Vec<usize>,
    /// Per activity: index into its room candidates, or NONE.
    pub room: Vec<usize>,
    /// Per activity in a virtual room: the real rooms it takes, one per set.
    pub real: Vec<Vec<usize>>,
    /// Per resource (people, then rooms) and slot: how many activities.
    count: Vec<u16>,
    day_stat: Vec<DayStat>,
    day_cost: Vec<i64>,
    week_cost: Vec<i64>,
    person_cost: Vec<i64>,
    day_strict: Vec<i64>,
    week_strict: Vec<i64>,
    /// How far the hard per-person rules that a partial timetable can
    /// already be held to are broken: their part of the cost (all but
    /// minimum hours and days), plus, for minimum hours a day, the hours
    /// the days begun will need beyond the hours there are (not a cost).
    pub strict: i64,
    /// The whole cost: hard violations × HARD plus soft costs.
    pub cost: i64,
    /// Per start slot: the activities that start there.
    pub by_start: Vec<Vec<usize>>,
    /// Per selection and slot: how many of its activities are under way.
    sel_count: Vec<u16>,
    /// Per selection: occupied selected slots (occupy), or the selected
    /// slots' excess over the limit (hard) / slots over it (soft).
    sel_measure: Vec<i64>,
    sel_cost: Vec<i64>,
    /// Per tally and bucket: how many of its activities are in it.
    tally_count: Vec<u16>,
    /// Per tally: its activities' excess summed over buckets (per bucket),
    /// or the buckets used.
    tally_measure: Vec<i64>,
    tally_cost: Vec<i64>,
    /// Per room group and room: how many of its activities hold the room.
    group_use: Vec<u16>,
    /// Per room group: how many different rooms it uses.
    group_rooms: Vec<u16>,
    group_cost: Vec<i64>,
}

impl<'p> State<'p> {
    pub fn new(p: &'p Problem) -> Self {
        let n = p.acts.len();
        let mut st = State {
            p,
            start: vec![NONE; n],
            room: vec![NONE; n],
            real: vec![Vec::new(); n],
            count: vec![0; (p.n_people + p.n_rooms) * p.n_slots],
            day_stat: vec![DayStat::default(); p.n_people * p.nd],
            day_cost: vec![0; p.n_people * p.nd],
            week_cost: vec![0; p.n_people],
            person_cost: vec![0; p.n_people],
            day_strict: vec![0; p.n_people * p.nd],
            week_strict: vec![0; p.n_people],
            strict: 0,
            cost: 0,
            by_start: vec![Vec::new(); p.n_slots],
            sel_count: vec![0; p.selections.len() * p.n_slots],
            sel_measure: vec![0; p.selections.len()],
            sel_cost: vec![0; p.selections.len()],
            tally_count: vec![0; p.tally_base(p.tallies.len())],
            tally_measure: vec![0; p.tallies.len()],
            tally_cost: vec![0; p.tallies.len()],
            group_use: vec![0; p.room_groups.len() * p.n_rooms],
            group_rooms: vec![0; p.room_groups.len()],
            group_cost: vec![0; p.room_groups.len()],
        };
        // Selected slots that may not stay empty cost while they are.
        for (g, sel) in p.selections.iter().enumerate() {
            let empty = sel.slot_measure(0);
            if empty > 0 {
                let m = empty * sel.selected.iter().filter(|x| **x).count() as i64;
                st.sel_measure[g] = m;
                st.sel_cost[g] = sel.cost(m);
                st.cost += st.sel_cost[g];
            }
        }
        // Empty days can already cost (minimum hours without empty days).
        for r in 0..p.n_people {
            if !p.rules[r].is_empty() {
                for d in 0..p.nd {
                    st.refresh(r, d);
                }
            }
        }
        st
    }

    pub fn hard_count(cost: i64) -> u64 {
        (cost / HARD) as u64
    }

    /// The room an activity holds, as an index into the instance's rooms.
    pub fn room_id(&self, i: usize) -> Option<usize> {
        let k = self.room[i];
        (k != NONE).then(|| self.p.rooms[i].as_ref().expect("room without candidates")[k])
    }

    /// How many activities resource `res` (people, then rooms) holds at `slot`.
    #[inline]
    pub fn at(&self, res: usize, slot: usize) -> u16 {
        self.count[res * self.p.n_slots + slot]
    }

    /// Places activity `i` at start `s` in candidate room `k` (NONE: none).
    pub fn insert(&mut self, i: usize, s: usize, k: usize) {
        self.insert_real(i, s, k, None);
    }

    /// As `insert`; in a virtual room it takes the real rooms `real` (one
    /// per set) where given, else the best ones free then.
    pub fn insert_real(&mut self, i: usize, s: usize, k: usize, real: Option<&[usize]>) {
        let p = self.p;
        debug_assert_eq!(self.start[i], NONE);
        let d = p.duration[i];
        let ns = p.n_slots;
        for &r in &p.people[i] {
            for h in s..s + d {
                let c = &mut self.count[r * ns + h];
                if *c > 0 {
                    self.cost += HARD;
                }
                *c += 1;
            }
        }
        if k != NONE {
            let rooms = p.rooms[i].as_ref().expect("room without candidates");
            let room = rooms[k];
            let exclusive = p.real_sets[room].is_empty();
            let base = (p.n_people + room) * ns;
            for h in s..s + d {
                let c = &mut self.count[base + h];
                if *c > 0 && exclusive {
                    self.cost += HARD;
                }
                *c += 1;
                self.cost += p.room_off[room][h];
            }
            self.cost += p.room_pref[i][k];
            if !exclusive {
                let real = match real {
                    Some(r) => r.to_vec(),
                    None => self.choose_real(i, s, room).1,
                };
                for &x in &real {
                    let base = (p.n_people + x) * ns;
                    for h in s..s + d {
                        let c = &mut self.count[base + h];
                        if *c > 0 {
                            self.cost += HARD;
                        }
                        *c += 1;
                        self.cost += p.room_off[x][h];
                    }
                }
                self.cost += self.real_fault(i, room, &real);
                self.real[i] = real;
            }
        }
        for &r in &p.tally[i] {
            for h in s..s + d {
                self.count[r * ns + h] += 1;
            }
        }
        self.select(i, s, true);
        self.cost += p.unary[i][s];
        let ends_before = self.ends_cost_of(i);
        self.start[i] = s;
        self.cost += self.ends_cost_of(i) - ends_before;
        for &g in &p.triples_of[i] {
            self.cost += self.triple_cost(g);
        }
        self.by_start[s].push(i);
        self.room[i] = k;
        for &pk in &p.pairs_of[i] {
            self.cost += self.pair_cost(pk);
        }
        if k != NONE {
            self.hold_room(i, true);
        }
        let day = s / p.nh;
        for &r in p.people[i].iter().chain(&p.tally[i]) {
            if !p.rules[r].is_empty() {
                self.refresh(r, day);
            }
        }
    }

    /// Takes activity `i` out of the timetable; returns where it was.
    pub fn remove(&mut self, i: usize) -> (usize, usize) {
        let p = self.p;
        let (s, k) = (self.start[i], self.room[i]);
        debug_assert_ne!(s, NONE);
        for &pk in &p.pairs_of[i] {
            self.cost -= self.pair_cost(pk);
        }
        if k != NONE {
            self.hold_room(i, false);
        }
        let d = p.duration[i];
        let ns = p.n_slots;
        for &r in &p.people[i] {
            for h in s..s + d {
                let c = &mut self.count[r * ns + h];
                *c -= 1;
                if *c > 0 {
                    self.cost -= HARD;
                }
            }
        }
        if k != NONE {
            let room = p.rooms[i].as_ref().expect("room without candidates")[k];
            let exclusive = p.real_sets[room].is_empty();
            let base = (p.n_people + room) * ns;
            for h in s..s + d {
                let c = &mut self.count[base + h];
                *c -= 1;
                if *c > 0 && exclusive {
                    self.cost -= HARD;
                }
                self.cost -= p.room_off[room][h];
            }
            self.cost -= p.room_pref[i][k];
            if !exclusive {
                let real = std::mem::take(&mut self.real[i]);
                self.cost -= self.real_fault(i, room, &real);
                for &x in &real {
                    let base = (p.n_people + x) * ns;
                    for h in s..s + d {
                        let c = &mut self.count[base + h];
                        *c -= 1;
                        if *c > 0 {
                            self.cost -= HARD;
                        }
                        self.cost -= p.room_off[x][h];
                    }
                }
            }
        }
        for &r in &p.tally[i] {
            for h in s..s + d {
                self.count[r * ns + h] -= 1;
            }
        }
        self.select(i, s, false);
        self.cost -= p.unary[i][s];
        for &g in &p.triples_of[i] {
            self.cost -= self.triple_cost(g);
        }
        let ends_before = self.ends_cost_of(i);
        self.start[i] = NONE;
        self.cost += self.ends_cost_of(i) - ends_before;
        let list = &mut self.by_start[s];
        if let Some(at) = list.iter().position(|x| *x == i) {
            list.swap_remove(at);
        }
        self.room[i] = NONE;
        let day = s / p.nh;
        for &r in p.people[i].iter().chain(&p.tally[i]) {
            if !p.rules[r].is_empty() {
                self.refresh(r, day);
            }
        }
        (s, k)
    }

    /// Counts placed activity `i`'s room in (`add`) or out of its room
    /// groups, and its room pairs' costs, and updates the cost.
    fn hold_room(&mut self, i: usize, add: bool) {
        let p = self.p;
        let room = self.room_id(i).expect("a room");
        let sign = if add { 1 } else { -1 };
        for &k in &p.room_pairs_of[i] {
            let c = self.room_pair_cost(k);
            self.cost += sign * c;
            if p.room_pairs[k].2 >= HARD {
                self.strict += sign * c;
            }
        }
        for &g in &p.room_groups_of[i] {
            let at = g * p.n_rooms + room;
            if add {
                self.group_use[at] += 1;
                self.group_rooms[g] += u16::from(self.group_use[at] == 1);
            } else {
                self.group_use[at] -= 1;
                self.group_rooms[g] -= u16::from(self.group_use[at] == 0);
            }
            let cost = self.group_cost_with(g, self.group_rooms[g]);
            let old = std::mem::replace(&mut self.group_cost[g], cost);
            self.cost += cost - old;
            if p.room_groups[g].w >= HARD {
                self.strict += cost - old;
            }
        }
    }

    /// Room group `g`'s cost if it used `rooms` different rooms.
    fn group_cost_with(&self, g: usize, rooms: u16) -> i64 {
        let group = &self.p.room_groups[g];
        let over = i64::from(rooms.saturating_sub(group.limit));
        if group.w >= HARD {
            group.w * over
        } else {
            group.w * i64::from(over > 0)
        }
    }

    /// Room pair `k`'s cost: both placed with rooms, one right after the
    /// other on a day, in two rooms.
    fn room_pair_cost(&self, k: usize) -> i64 {
        let (a, b, w) = self.p.room_pairs[k];
        match (self.room_id(a), self.room_id(b)) {
            (Some(ra), Some(rb)) if ra != rb && self.follow(a, self.start[a], b) => w,
            _ => 0,
        }
    }

    /// Whether `a` starting at `sa` and placed `b` are on one day, one
    /// ending right where the other starts.
    fn follow(&self, a: usize, sa: usize, b: usize) -> bool {
        let sb = self.start[b];
        sa != NONE
            && sb != NONE
            && sa / self.p.nh == sb / self.p.nh
            && (sa + self.p.duration[a] == sb || sb + self.p.duration[b] == sa)
    }

    /// What choosing `room` for activity `i` starting at `s` would cost in
    /// its room groups and room pairs (the rest of the timetable as it is).
    fn room_ties(&self, i: usize, s: usize, room: usize) -> i64 {
        let p = self.p;
        let mut c = 0;
        for &k in &p.room_pairs_of[i] {
            let (a, b, w) = p.room_pairs[k];
            let other = if a == i { b } else { a };
            if let Some(r) = self.room_id(other) {
                if r != room && self.follow(i, s, other) {
                    c += w;
                }
            }
        }
        let mine = if self.start[i] == NONE {
            None
        } else {
            self.room_id(i)
        };
        for &g in &p.room_groups_of[i] {
            let at = g * p.n_rooms;
            let held = |r: usize| self.group_use[at + r] - u16::from(mine == Some(r));
            let mut rooms = self.group_rooms[g];
            if let Some(m) = mine {
                rooms -= u16::from(held(m) == 0);
            }
            rooms += u16::from(held(room) == 0);
            c += self.group_cost_with(g, rooms);
        }
        c
    }

    /// Counts activity `i`, starting at `s`, in (`add`) or out of its
    /// selections and tallies, and updates their costs.
    fn select(&mut self, i: usize, s: usize, add: bool) {
        let p = self.p;
        let ns = p.n_slots;
        let step: i32 = if add { 1 } else { -1 };
        for &g in &p.selections_of[i] {
            let sel = &p.selections[g];
            let mut delta = 0;
            for h in (s..s + p.duration[i]).filter(|h| sel.selected[*h]) {
                let c = &mut self.sel_count[g * ns + h];
                let before = sel.slot_measure(*c);
                *c = (i32::from(*c) + step) as u16;
                delta += sel.slot_measure(*c) - before;
            }
            if delta != 0 {
                self.sel_measure[g] += delta;
                let cost = sel.cost(self.sel_measure[g]);
                let old = std::mem::replace(&mut self.sel_cost[g], cost);
                self.cost += cost - old;
                if sel.is_strict() {
                    self.strict += cost - old;
                }
            }
        }
        for &g in &p.tallies_of[i] {
            let t = &p.tallies[g];
            let base = p.tally_base(g);
            // An activity lies in one day, and no tally splits a day
            // between buckets: it is in the bucket of any of its hours
            // that has one, once.
            let Some(b) = (s..s + p.duration[i])
                .map(|h| t.bucket[h])
                .find(|b| *b != u16::MAX)
            else {
                continue;
            };
            let c = &mut self.tally_count[base + usize::from(b)];
            let before = *c;
            *c = (i32::from(*c) + step) as u16;
            let delta = if t.per_bucket {
                i64::from(c.saturating_sub(t.limit)) - i64::from(before.saturating_sub(t.limit))
            } else {
                i64::from(*c > 0) - i64::from(before > 0)
            };
            if delta != 0 {
                self.tally_measure[g] += delta;
                let over = if t.per_bucket {
                    self.tally_measure[g]
                } else {
                    (self.tally_measure[g] - i64::from(t.limit)).max(0)
                };
                let cost = t.w * over;
                let old = std::mem::replace(&mut self.tally_cost[g], cost);
                self.cost += cost - old;
                if t.w >= HARD {
                    self.strict += cost - old;
                }
            }
        }
    }

    /// The real rooms activity `i` would take in virtual room `room` if it
    /// started at `s` (one per set, in the sets' order), and what they would
    /// cost (clashes with what holds them now, their closed hours): those
    /// it is held to, else per set the cheapest one not yet taken, the
    /// smallest sets first so that a set with few rooms is not left empty.
    pub fn choose_real(&self, i: usize, s: usize, room: usize) -> (i64, Vec<usize>) {
        let p = self.p;
        let d = p.duration[i];
        let cost_of = |x: usize| -> i64 {
            (s..s + d)
                .map(|h| i64::from(self.at(p.n_people + x, h)) * HARD + p.room_off[x][h])
                .sum()
        };
        if let Some(f) = p.fixed_real[i]
            .as_ref()
            .filter(|f| f.room == room && f.w >= HARD)
        {
            return (f.real.iter().map(|x| cost_of(*x)).sum(), f.real.clone());
        }
        let sets = &p.real_sets[room];
        let mut order: Vec<usize> = (0..sets.len()).collect();
        order.sort_by_key(|k| sets[*k].len());
        let mut real = vec![NONE; sets.len()];
        let mut total = 0;
        for k in order {
            let mut best = (i64::MAX, NONE);
            for &x in &sets[k] {
                if real.contains(&x) {
                    continue;
                }
                let c = cost_of(x);
                if c < best.0 {
                    best = (c, x);
                }
            }
            if best.1 == NONE {
                // Every room of this set is taken by another set: take one
                // twice, which counts as a clash.
                best = (cost_of(sets[k][0]) + HARD, sets[k][0]);
            }
            total += best.0;
            real[k] = best.1;
        }
        (total, real)
    }

    /// The cost of activity `i` taking `real` in virtual room `room`
    /// against what it is held to (a real room taken twice is a clash).
    fn real_fault(&self, i: usize, room: usize, real: &[usize]) -> i64 {
        // Counted once however many are repeated, as the checker does.
        let twice = i64::from(real.iter().enumerate().any(|(k, x)| real[..k].contains(x)));
        let held = match &self.p.fixed_real[i] {
            Some(f) if f.room == room && !crate::check::same_rooms(&f.real, real) => f.w,
            _ => 0,
        };
        twice * HARD + held
    }

    /// The best room for activity `i` if it started at `s`: free rooms
    /// first, then the one with the lowest cost; the room it had (`keep`)
    /// wins ties.
    pub fn pick_room(&self, i: usize, s: usize, keep: usize) -> usize {
        let p = self.p;
        let Some(rooms) = p.rooms[i].as_ref() else {
            return NONE;
        };
        let d = p.duration[i];
        let mut best = (i64::MAX, NONE);
        for (k, &room) in rooms.iter().enumerate() {
            let res = p.n_people + room;
            let mut c = p.room_pref[i][k] + self.room_ties(i, s, room);
            if p.real_sets[room].is_empty() {
                for h in s..s + d {
                    c += i64::from(self.at(res, h)) * HARD + p.room_off[room][h];
                }
            } else {
                c += (s..s + d).map(|h| p.room_off[room][h]).sum::<i64>();
                c += self.choose_real(i, s, room).0;
            }
            if c < best.0 || (c == best.0 && k == keep) {
                best = (c, k);
            }
        }
        best.1
    }

    /// The first non-break hour at or after `hour` on `day`.
    fn after(&self, day: usize, mut hour: usize) -> usize {
        let nh = self.p.nh;
        while hour < nh && self.p.breaks[day * nh + hour] {
            hour += 1;
        }
        hour
    }

    /// The cost of pair `pk`, 0 unless both activities are placed.
    pub fn pair_cost(&self, pk: usize) -> i64 {
        let pr = &self.p.pairs[pk];
        self.pair_cost_at(pk, self.start[pr.a], self.start[pr.b])
    }

    /// The cost of `ends[g]`: its head placed, and a placed peer on the
    /// same day reaching past the head's end.
    pub fn ends_cost(&self, g: usize) -> i64 {
        let e = &self.p.ends[g];
        let sa = self.start[e.head];
        if sa == NONE {
            return 0;
        }
        let nh = self.p.nh;
        let end = sa % nh + self.p.duration[e.head];
        let late = e.peers.iter().any(|&j| {
            let sb = self.start[j];
            sb != NONE && sb / nh == sa / nh && sb % nh + self.p.duration[j] > end
        });
        if late {
            e.w
        } else {
            0
        }
    }

    /// The cost of `triples[g]` (0 until all three are placed): 1 unless
    /// they are on one day, one after another, with only breaks between.
    pub fn triple_cost(&self, g: usize) -> i64 {
        let (three, w) = self.p.triples[g];
        let nh = self.p.nh;
        let mut placed = three.map(|i| (self.start[i], self.p.duration[i]));
        if placed.iter().any(|(s, _)| *s == NONE) {
            return 0;
        }
        placed.sort_by_key(|(s, _)| *s);
        let day = placed[0].0 / nh;
        let follows = |(sa, la): (usize, usize), (sb, _): (usize, usize)| {
            sa / nh == sb / nh && sa + la <= sb && (sa + la..sb).all(|x| self.p.breaks[x])
        };
        let grouped = placed[2].0 / nh == day
            && follows(placed[0], placed[1])
            && follows(placed[1], placed[2]);
        if grouped {
            0
        } else {
            w
        }
    }

    fn ends_cost_of(&self, i: usize) -> i64 {
        self.p.ends_of[i].iter().map(|g| self.ends_cost(*g)).sum()
    }

    /// The cost of pair `pk` if its activities started at `sa` and `sb`.
    pub fn pair_cost_at(&self, pk: usize, sa: usize, sb: usize) -> i64 {
        let pr = &self.p.pairs[pk];
        if sa == NONE || sb == NONE {
            return 0;
        }
        let nh = self.p.nh;
        let (da, ha, db, hb) = (sa / nh, sa % nh, sb / nh, sb % nh);
        let (la, lb) = (self.p.duration[pr.a], self.p.duration[pr.b]);
        let measure = match pr.kind {
            PairKind::MinDays(min) => (min as usize).saturating_sub(da.abs_diff(db)) as i64,
            PairKind::AdjacentIfSameDay => i64::from(da == db && ha + la != hb && hb + lb != ha),
            PairKind::SameStart => i64::from(sa != sb),
            PairKind::NotOverlapping => {
                if da != db {
                    0
                } else {
                    (ha + la).min(hb + lb).saturating_sub(ha.max(hb)) as i64
                }
            }
            PairKind::Consecutive => i64::from(da != db || hb != self.after(da, ha + la)),
            PairKind::Grouped => i64::from(
                da != db || (hb != self.after(da, ha + la) && ha != self.after(db, hb + lb)),
            ),
            PairKind::SameDay => i64::from(da != db),
            PairKind::SameHour => i64::from(ha != hb),
            PairKind::MinGaps(min) => {
                let min = min as usize;
                if da != db {
                    0
                } else if hb >= ha {
                    (ha + la + min).saturating_sub(hb) as i64
                } else {
                    (hb + lb + min).saturating_sub(ha) as i64
                }
            }
            PairKind::MaxDays(max) => da.abs_diff(db).saturating_sub(max as usize) as i64,
            PairKind::Ordered => i64::from(!(da < db || (da == db && ha + la <= hb))),
            PairKind::OrderedIfSameDay => i64::from(da == db && ha + la > hb),
            PairKind::FollowGap(min) => {
                i64::from(da == db && hb > ha && hb < ha + la + min as usize)
            }
        };
        measure * pr.w
    }

    /// Recomputes person `r`'s day `d` and week after their row changed.
    fn refresh(&mut self, r: usize, d: usize) {
        let p = self.p;
        let nh = p.nh;
        let row = &self.count[r * p.n_slots + d * nh..r * p.n_slots + (d + 1) * nh];
        let open = &p.open[r][d * nh..(d + 1) * nh];
        let mut stat = DayStat::default();
        let mut first = NONE;
        let mut last = 0;
        let mut opens_before = 0u8;
        for h in 0..nh {
            if row[h] > 0 {
                stat.hours += 1;
                if first == NONE {
                    first = h;
                    stat.early = (opens_before + 1).min(3);
                }
                last = h;
            } else if first == NONE && open[h] {
                opens_before = opens_before.saturating_add(1);
            }
        }
        if first != NONE {
            stat.gaps = (first..=last).filter(|h| row[*h] == 0 && open[*h]).count() as u16;
            stat.lead = first as u16;
            stat.trail = (nh - 1 - last) as u16;
        } else {
            (stat.lead, stat.trail) = (nh as u16, nh as u16);
        }
        // The building of each hour, for people with building rules.
        let mut buildings = [None::<u32>; 64];
        if !p.acts_of[r].is_empty() {
            for &i in &p.acts_of[r] {
                let s = self.start[i];
                if s == NONE || s / nh != d {
                    continue;
                }
                let Some(b) = self.room_id(i).and_then(|room| p.building[room]) else {
                    continue;
                };
                for at in &mut buildings[s % nh..s % nh + p.duration[i]] {
                    *at = (*at).min(Some(b)).or(Some(b));
                }
            }
            stat.changes = building_changes(&buildings[..nh]) as u16;
        }
        let (mut day, mut day_strict) = (0i64, 0i64);
        for rule in &p.rules[r] {
            let hard = rule.w >= HARD;
            let limit = rule.limit;
            let term = match rule.kind {
                RuleKind::MaxDaily if stat.hours > limit => {
                    rule.w * if hard { (stat.hours - limit) as i64 } else { 1 }
                }
                RuleKind::MinDaily { allow_empty }
                    if (stat.hours > 0 || !allow_empty) && stat.hours < limit =>
                {
                    rule.w * if hard { (limit - stat.hours) as i64 } else { 1 }
                }
                RuleKind::MaxGapsDay => rule.w * stat.gaps.saturating_sub(limit) as i64,
                RuleKind::MaxContinuous => {
                    let mut c = 0i64;
                    let mut run = 0u16;
                    for busy in row.iter().map(|n| *n > 0).chain(std::iter::once(false)) {
                        if busy {
                            run += 1;
                        } else {
                            if run > limit {
                                c += if hard { (run - limit) as i64 } else { 1 };
                            }
                            run = 0;
                        }
                    }
                    rule.w * c
                }
                RuleKind::EarlyMaxSecond if stat.early == 3 => rule.w,
                RuleKind::BuildingChangesDay => rule.w * stat.changes.saturating_sub(limit) as i64,
                RuleKind::BuildingGaps => {
                    rule.w * short_building_changes(&buildings[..nh], limit) as i64
                }
                RuleKind::MaxSpan => {
                    let span = (nh as u16).saturating_sub(stat.lead + stat.trail);
                    rule.w * span.saturating_sub(limit) as i64
                }
                _ => 0,
            };
            day += term;
            if hard && !matches!(rule.kind, RuleKind::MinDaily { .. }) {
                day_strict += term;
            }
        }
        let at = r * p.nd + d;
        self.day_stat[at] = stat;
        let old_day = std::mem::replace(&mut self.day_cost[at], day);
        let old_day_strict = std::mem::replace(&mut self.day_strict[at], day_strict);
        let (week, week_strict) = self.week_terms(r);
        let old_week = std::mem::replace(&mut self.week_cost[r], week);
        let old_week_strict = std::mem::replace(&mut self.week_strict[r], week_strict);
        let delta = day - old_day + week - old_week;
        self.person_cost[r] += delta;
        self.cost += delta;
        self.strict += day_strict - old_day_strict + week_strict - old_week_strict;
    }

    fn week_terms(&self, r: usize) -> (i64, i64) {
        let p = self.p;
        let stats = &self.day_stat[r * p.nd..(r + 1) * p.nd];
        let (mut week, mut strict) = (0i64, 0i64);
        for rule in &p.rules[r] {
            let limit = rule.limit as usize;
            let term = match rule.kind {
                RuleKind::MaxGapsWeek => {
                    let gaps: usize = stats.iter().map(|s| s.gaps as usize).sum();
                    rule.w * gaps.saturating_sub(limit) as i64
                }
                RuleKind::MaxDays => {
                    let working = stats.iter().filter(|s| s.hours > 0).count();
                    if working > limit {
                        // FET's measure: the hours on the least busy days
                        // that would have to move.
                        let mut hours = [0u16; MAX_DAYS];
                        for (h, s) in hours.iter_mut().zip(stats) {
                            *h = s.hours;
                        }
                        let hours = &mut hours[..p.nd];
                        hours.sort_unstable();
                        let surplus: i64 = hours[..p.nd - limit.min(p.nd)]
                            .iter()
                            .map(|h| *h as i64)
                            .sum();
                        rule.w * surplus
                    } else {
                        0
                    }
                }
                RuleKind::EarlyMaxSecond => {
                    let second = stats.iter().filter(|s| s.early == 2).count();
                    rule.w * second.saturating_sub(limit) as i64
                }
                RuleKind::BuildingChangesWeek => {
                    let changes: usize = stats.iter().map(|s| s.changes as usize).sum();
                    rule.w * changes.saturating_sub(limit) as i64
                }
                RuleKind::MaxSpanWeek => {
                    let nh = p.nh as u16;
                    let over = stats.iter().map(|s| {
                        nh.saturating_sub(s.lead + s.trail)
                            .saturating_sub(limit as u16)
                    });
                    let (sum, worst) = over.fold((0i64, 0u16), |(sum, worst), o| {
                        (sum + i64::from(o), worst.max(o))
                    });
                    rule.w * (sum - i64::from(worst.min(1)))
                }
                RuleKind::MinResting { circular } => {
                    let nights = if circular { p.nd } else { p.nd - 1 };
                    let short: usize = (0..nights)
                        .map(|d| {
                            let rest = stats[d].trail + stats[(d + 1) % p.nd].lead;
                            limit.saturating_sub(rest as usize)
                        })
                        .sum();
                    rule.w * short as i64
                }
                RuleKind::MinDays => {
                    let working = stats.iter().filter(|s| s.hours > 0).count();
                    rule.w * limit.saturating_sub(working) as i64
                }
                RuleKind::MinDaily { allow_empty } if rule.w >= HARD => {
                    // Not a cost: a partial week is held to it as FET
                    // holds one, by what its days will need in all — each
                    // day begun at least the minimum — against the hours
                    // there are to give them.
                    let need: usize = stats
                        .iter()
                        .filter(|s| s.hours > 0 || !allow_empty)
                        .map(|s| (s.hours as usize).max(limit))
                        .sum();
                    strict += rule.w * need.saturating_sub(p.load[r]) as i64;
                    0
                }
                RuleKind::IntervalMaxDays { start, end } => {
                    let row = &self.count[r * p.n_slots..(r + 1) * p.n_slots];
                    let busy = (0..p.nd)
                        .filter(|d| {
                            row[d * p.nh + start as usize..d * p.nh + end as usize]
                                .iter()
                                .any(|n| *n > 0)
                        })
                        .count();
                    rule.w * busy.saturating_sub(limit) as i64
                }
                _ => 0,
            };
            week += term;
            if rule.w >= HARD && rule.kind != RuleKind::MinDays {
                strict += term;
            }
        }
        (week, strict)
    }

    /// How much activity `i` is in trouble where it is: (hard, soft).
    pub fn trouble(&self, i: usize) -> (i64, i64) {
        let p = self.p;
        let s = self.start[i];
        if s == NONE {
            return (HARD, 0);
        }
        let (mut hard, mut soft) = (0i64, 0i64);
        let mut add = |c: i64| {
            if c >= HARD {
                hard += c;
            } else {
                soft += c;
            }
        };
        let d = p.duration[i];
        for &r in &p.people[i] {
            for h in s..s + d {
                if self.at(r, h) > 1 {
                    add(HARD);
                }
            }
            add(self.person_cost[r]);
        }
        for &r in &p.tally[i] {
            add(self.person_cost[r]);
        }
        if let Some(room) = self.room_id(i) {
            let exclusive = p.real_sets[room].is_empty();
            for h in s..s + d {
                if exclusive && self.at(p.n_people + room, h) > 1 {
                    add(HARD);
                }
                add(p.room_off[room][h]);
                for &x in &self.real[i] {
                    if self.at(p.n_people + x, h) > 1 {
                        add(HARD);
                    }
                    add(p.room_off[x][h]);
                }
            }
            add(p.room_pref[i][self.room[i]]);
            if !exclusive {
                add(self.real_fault(i, room, &self.real[i]));
            }
        }
        add(p.unary[i][s]);
        for &pk in &p.pairs_of[i] {
            add(self.pair_cost(pk));
        }
        for &g in &p.ends_of[i] {
            add(self.ends_cost(g));
        }
        for &g in &p.triples_of[i] {
            add(self.triple_cost(g));
        }
        for &g in &p.selections_of[i] {
            add(self.sel_cost[g]);
        }
        for &g in &p.tallies_of[i] {
            add(self.tally_cost[g]);
        }
        for &g in &p.room_groups_of[i] {
            add(self.group_cost[g]);
        }
        for &k in &p.room_pairs_of[i] {
            add(self.room_pair_cost(k));
        }
        (hard, soft)
    }

    /// Recomputes the cost, and the partial timetable's per-person part
    /// (`strict`), from nothing (for tests of the bookkeeping).
    #[cfg(test)]
    pub fn recomputed(&self) -> (i64, i64) {
        let mut fresh = State::new(self.p);
        for i in 0..self.start.len() {
            if self.start[i] != NONE {
                fresh.insert_real(i, self.start[i], self.room[i], Some(&self.real[i]));
            }
        }
        (fresh.cost, fresh.strict)
    }
}

#[cfg(test)]
mod tests {
    use super::super::problem::Problem;
    use super::*;
    use crate::model::Timetable;

    /// After thousands of random moves the running cost (and the partial
    /// timetable's per-person part) still equals one built from nothing:
    /// the incremental bookkeeping does not drift
    /// (on plain per-person rules, on activity-tag tallies, on building
    /// changes, which depend on the rooms as well, on selections, on
    /// tallies, and on room groups and pairs).
    #[test]
    fn incremental_cost_matches_a_fresh_count() {
        for path in [
            "anonymous/1/2008/anonymous-1-2008.fet",
            "Egypt/Dakahlia/input_Lectures_40.fet",
            "Greece/Corfu/THE-2008-2009-exams-sep.fet",
            "Romania/Faculty-Econ-Timisoara-difficult/2009-2010-sem-1/Econ-v0.8.fet",
            "Syria/Hama/2019/High-school.fet",
            "United-Arab-Emirates/IBDP-School-2016.fet",
            "Egypt/Dakahlia/institution-2012-2013.fet",
            "Hong-Kong/secondary-school-2/FET-2020-07-30-SAMPLE_HK_6_period.fet",
            "Spain/4-secondary-and-vocational-school/SPAIN_20-21.fet",
            // Terms mode: tallies per term.
            "../FET-6-terms/2/puris_12-const7.fet",
        ] {
            let path = format!("/usr/share/doc/fet-data/examples/FET-5-official/{path}");
            random_moves_keep_the_cost(&path);
        }
    }

    fn random_moves_keep_the_cost(path: &str) {
        let inst = crate::fet::read(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .instance;
        assert!(inst.unsupported().is_empty(), "{path}");
        let p = Problem::new(&inst, &Timetable::empty(&inst)).unwrap();
        let mut st = State::new(&p);
        let mut x = 12345u64;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for b in &p.blocks {
            let s = b.domain[next(b.domain.len())];
            for &i in &b.members {
                let k = st.pick_room(i, s, NONE);
                st.insert(i, s, k);
            }
        }
        assert_eq!((st.cost, st.strict), st.recomputed(), "{path}");
        for round in 0..5_000 {
            let b = &p.blocks[next(p.blocks.len())];
            let s = b.domain[next(b.domain.len())];
            for &i in &b.members {
                st.remove(i);
            }
            for &i in &b.members {
                let k = st.pick_room(i, s, NONE);
                st.insert(i, s, k);
            }
            if round % 500 == 0 {
                assert_eq!(
                    (st.cost, st.strict),
                    st.recomputed(),
                    "{path} after {round} moves"
                );
            }
        }
        assert_eq!((st.cost, st.strict), st.recomputed(), "{path}");
        assert!(
            st.cost > 0,
            "{path}: random placements of a real school break something"
        );
    }
}
