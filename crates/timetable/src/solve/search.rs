//! One search: a forward search with recursive swapping, then tabu search
//! over block moves, swaps and Kempe chains on the whole cost (hard first,
//! soft as the lower digits), with random kicks when it stalls. Several of
//! these run side by side, one per core.

use super::problem::{Problem, HARD};
use super::state::{State, NONE};
use super::{Options, Progress};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A start the recursive swapping may try: (clashes, soft cost there when
/// the search orders by it, random tie-break, start).
type Option3 = (usize, i64, u64, usize);

/// What the searches of one solve tell each other.
pub(super) struct Shared {
    /// Nanoseconds since the solve began, plus one, when a search first
    /// held every hard constraint; 0 while none has.
    first_complete: AtomicU64,
    /// The lowest cost any search has reached.
    best: AtomicI64,
    /// The best complete timetable a search has offered (starts, rooms as
    /// indices into each activity's candidates, real rooms), for the
    /// searches that polish by ruin and recreate (see [`run`]), and its
    /// cost.
    seed: Mutex<Option<Seed>>,
    seed_cost: AtomicI64,
}

type Seed = (Vec<usize>, Vec<usize>, Vec<Vec<usize>>);

impl Shared {
    pub fn new() -> Self {
        Shared {
            first_complete: AtomicU64::new(0),
            best: AtomicI64::new(i64::MAX),
            seed: Mutex::new(None),
            seed_cost: AtomicI64::new(i64::MAX),
        }
    }

    /// Offers a complete timetable of cost `cost`: kept if it is the best.
    fn offer(&self, cost: i64, seed: impl FnOnce() -> Seed) {
        if cost >= self.seed_cost.load(Ordering::Relaxed) {
            return;
        }
        let mut kept = self.seed.lock().unwrap_or_else(|e| e.into_inner());
        if cost < self.seed_cost.load(Ordering::Relaxed) {
            *kept = Some(seed());
            self.seed_cost.store(cost, Ordering::Relaxed);
        }
    }

    /// The best timetable offered, if it costs less than `than`.
    fn better_than(&self, than: i64) -> Option<Seed> {
        if self.seed_cost.load(Ordering::Relaxed) >= than {
            return None;
        }
        self.offered()
    }

    /// The best timetable offered, read under the lock.
    fn offered(&self) -> Option<Seed> {
        self.seed.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn first_complete(&self) -> Option<Duration> {
        match self.first_complete.load(Ordering::Relaxed) {
            0 => None,
            n => Some(Duration::from_nanos(n - 1)),
        }
    }

    fn completed(&self, at: Duration) {
        let n = u64::try_from(at.as_nanos()).unwrap_or(u64::MAX - 1) + 1;
        let _ = self
            .first_complete
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| {
                (c == 0 || n < c).then_some(n)
            });
    }
}

/// How a search begins; tabu search always follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strategy {
    /// Forward search whose recursive swapping, like FET's, never moves
    /// again what a failed branch moved.
    Forward,
    /// Forward search whose failed branches free what they moved: slower
    /// per step, but finds chains the other misses.
    ForwardBacktracking,
}

/// A small, fast, seedable generator (SplitMix64): the crate needs no `rand`.
pub(super) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5EED_0F5C_400D)
    }
    pub fn next(&mut self) -> u64 {
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

/// Keeps in `best` the candidate with the lowest key; among equal keys each
/// is kept with equal chance (`ties` counts them). True if `key` was kept.
fn keep_best<K: Ord, V>(
    rng: &mut Rng,
    best: &mut Option<(K, V)>,
    ties: &mut usize,
    key: K,
    value: V,
) -> bool {
    match best {
        Some((b, _)) if key > *b => false,
        Some((b, _)) if key == *b => {
            *ties += 1;
            let take = rng.below(*ties) == 0;
            if take {
                *best = Some((key, value));
            }
            take
        }
        _ => {
            *ties = 1;
            *best = Some((key, value));
            true
        }
    }
}

/// The best of one search.
pub(super) struct Found {
    pub start: Vec<usize>,
    pub room: Vec<Option<usize>>,
    /// Per activity in a virtual room: its real rooms.
    pub real: Vec<Vec<usize>>,
    pub cost: i64,
    pub iterations: u64,
    /// Since the solve began, when this search first held every hard
    /// constraint.
    pub first_complete: Option<Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Move {
    /// Block to the start at this index of its domain.
    Slot(usize, usize),
    /// Two single-activity blocks exchange their starts.
    Swap(usize, usize),
    /// The Kempe chain of a block between its start and another start
    /// (the index in its domain) changes sides.
    Kempe(usize, usize),
    /// A block stays where it is and takes the best rooms there now.
    Rooms(usize),
    /// Every block of a band shifts to this hour (or day), see [`Band`].
    Band(usize, usize),
}

/// Troubled blocks looked at per step.
const SAMPLE: usize = 20;
/// Swap partners tried per troubled block.
const SWAPS: usize = 8;
/// How deep the forward search's recursive swapping goes (FET uses 14).
const LEVELS: usize = 14;
/// How long, in steps per block, the forward search may go without leaving
/// fewer blocks unplaced than ever before; then the tabu search takes over
/// (Sudan's Khartoum-2010-02-13: the forward search went round in circles for
/// the whole 20 s, the tabu search solves it within 0.1 s).
const FORWARD_PATIENCE: usize = 10;
/// The most blocks the forward search pushes out so that a placement keeps
/// the hard per-person rules a partial timetable is held to.
const STRICT_EJECT: usize = 4;
/// The most blocks in hard trouble a repair of the tabu search's best
/// lifts out (see [`Search::repair`]).
const REPAIR: usize = 40;
/// A repair's forward search hands over after this many steps per block
/// without a new record.
const REPAIR_PATIENCE: usize = 1;
/// The most blocks one ruin-and-recreate step takes out.
const RUIN: usize = 6;
/// How often a search offers its best complete timetable to the others.
const OFFER_EVERY: Duration = Duration::from_millis(50);
/// Ruin-and-recreate steps between looks at the others' best timetable.
const ADOPT_EVERY: u64 = 64;
/// Once the hard constraints hold, band shifts are tried on one step in this
/// many.
const BAND_EVERY: u64 = 8;
/// Blocks whose Kempe chains are tried per step.
const KEMPE: usize = 2;
/// The longest Kempe chain tried.
const CHAIN: usize = 16;
/// The shortest tabu tenure; a random 0–9 and half the troubled count
/// (at most 40) are added.
const TENURE: u64 = 10;

struct Search<'p, 'o> {
    st: State<'p>,
    p: &'p Problem,
    rng: Rng,
    opts: &'o Options<'o>,
    /// Per block and domain index: the iteration until which moving the
    /// block back there is tabu.
    tabu: Vec<Vec<u64>>,
    iteration: u64,
    best_cost: i64,
    best_start: Vec<usize>,
    best_room: Vec<usize>,
    best_real: Vec<Vec<usize>>,
    /// Kempe chains: the two sides, and where each member was.
    side_a: Vec<usize>,
    side_b: Vec<usize>,
    was: Vec<(usize, usize, usize)>,
    /// Forward search: the activity holding each resource (people, then
    /// rooms) at each slot, NONE if free.
    who: Vec<usize>,
    /// Forward search: blocks moved in the current chain, and the undo log
    /// (activity, start, room it had; NONE start = it was unplaced).
    moved: Vec<bool>,
    moved_list: Vec<usize>,
    /// Whether a failed branch frees what it moved (else, as in FET, what
    /// a failed branch moved stays out of reach for the rest of the try).
    free_failed: bool,
    journal: Vec<(usize, usize, usize, Vec<usize>)>,
    /// Forward search: a clash list and a list of options per level.
    buffers: Vec<(Vec<usize>, Vec<Option3>)>,
    /// Forward search: per block and domain index, how often a placement
    /// there was undone to make room for another (conflict statistics).
    ejected: Vec<Vec<u32>>,
    /// Per block: whether it can change rooms without moving in time (see
    /// [`room_free`]); the problem's, so found once.
    room_free: Vec<bool>,
    /// Whether recursive swapping pushes out what keeps a per-person rule
    /// from holding (see [`Search::strict_eject`]); else such a placement
    /// is not clean.
    eject_strict: bool,
    /// Per person (people and tallies): the activities they take part in.
    acts_of_person: Vec<Vec<usize>>,
    /// Scratch: a block's members' rooms and real rooms.
    saved: Vec<(usize, usize, Vec<usize>)>,
    /// After a band shift: the blocks that moved (block, from, to).
    band_was: Vec<(usize, usize, usize)>,
    /// After a band shift: their members' (activity, start, room, real
    /// rooms) before it.
    band_saved: Vec<(usize, usize, usize, Vec<usize>)>,
    /// Whether recursive swapping, among starts with as much to push out,
    /// prefers the one that costs least soft: set once the search polishes
    /// a complete timetable by ruin and recreate (see [`run`]).
    soft_order: bool,
    /// Since the solve began, when this search first held every hard
    /// constraint.
    complete_at: Option<Duration>,
}

impl Search<'_, '_> {
    fn block_start(&self, b: usize) -> usize {
        self.st.start[self.p.blocks[b].members[0]]
    }

    fn remove_block(&mut self, b: usize) {
        let p = self.p;
        for &i in &p.blocks[b].members {
            self.st.remove(i);
        }
    }

    /// Places block `b` at `s`, each member in its best room there.
    fn insert_block(&mut self, b: usize, s: usize, keep: &[usize]) {
        for k in 0..self.p.blocks[b].members.len() {
            let i = self.p.blocks[b].members[k];
            let room = self
                .st
                .pick_room(i, s, keep.get(k).copied().unwrap_or(NONE));
            self.st.insert(i, s, room);
        }
    }

    fn rooms_of(&self, b: usize, out: &mut Vec<usize>) {
        out.clear();
        out.extend(self.p.blocks[b].members.iter().map(|i| self.st.room[*i]));
    }

    /// Puts block `b` back exactly where it was.
    fn restore_block(&mut self, b: usize, s: usize, rooms: &[usize]) {
        let p = self.p;
        for (&i, &k) in p.blocks[b].members.iter().zip(rooms) {
            self.st.insert(i, s, k);
        }
    }

    fn trouble(&self, b: usize, soft: bool) -> i64 {
        self.p.blocks[b]
            .members
            .iter()
            .map(|i| {
                let (h, s) = self.st.trouble(*i);
                if soft {
                    h + s
                } else {
                    h
                }
            })
            .sum()
    }

    fn remember_if_best(&mut self) -> bool {
        if self.st.cost < self.best_cost {
            self.best_cost = self.st.cost;
            self.best_start.clone_from(&self.st.start);
            self.best_room.clone_from(&self.st.room);
            self.best_real.clone_from(&self.st.real);
            true
        } else {
            false
        }
    }

    /// Builds the Kempe chain of single-activity block `b` between its
    /// start and `s2`: the activities at either start linked through shared
    /// people. False if the chain cannot move as a whole (a member is tied
    /// to others, has another length, or may not start on the other side).
    fn kempe_chain(&mut self, b: usize, s2: usize) -> bool {
        let p = self.p;
        let [i] = p.blocks[b].members[..] else {
            return false;
        };
        let s1 = self.st.start[i];
        let d = p.duration[i];
        self.side_a.clear();
        self.side_b.clear();
        self.side_a.push(i);
        let (mut na, mut nb) = (0, 0);
        let shares = |x: usize, y: usize| p.people[x].iter().any(|r| p.people[y].contains(r));
        while na < self.side_a.len() || nb < self.side_b.len() {
            if self.side_a.len() + self.side_b.len() > CHAIN {
                return false;
            }
            if na < self.side_a.len() {
                let x = self.side_a[na];
                na += 1;
                for &y in &self.st.by_start[s2] {
                    if shares(x, y) && !self.side_b.contains(&y) {
                        self.side_b.push(y);
                    }
                }
            } else {
                let y = self.side_b[nb];
                nb += 1;
                for &x in &self.st.by_start[s1] {
                    if shares(x, y) && !self.side_a.contains(&x) {
                        self.side_a.push(x);
                    }
                }
            }
        }
        let movable = |x: usize, to: usize| {
            let blk = &p.blocks[p.block_of(x)];
            blk.members.len() == 1 && p.duration[x] == d && blk.domain.binary_search(&to).is_ok()
        };
        self.side_a.iter().all(|x| movable(*x, s2)) && self.side_b.iter().all(|y| movable(*y, s1))
    }

    /// Moves the chain built by `kempe_chain` across, remembering where
    /// each member was.
    fn kempe_apply(&mut self, s1: usize, s2: usize) {
        self.was.clear();
        let na = self.side_a.len();
        for n in 0..na + self.side_b.len() {
            let x = if n < na {
                self.side_a[n]
            } else {
                self.side_b[n - na]
            };
            let (s, k) = self.st.remove(x);
            self.was.push((x, s, k));
        }
        for n in 0..self.was.len() {
            let (x, s, k) = self.was[n];
            let to = if s == s1 { s2 } else { s1 };
            let room = self.st.pick_room(x, to, k);
            self.st.insert(x, to, room);
        }
    }

    fn kempe_undo(&mut self) {
        for n in 0..self.was.len() {
            self.st.remove(self.was[n].0);
        }
        for n in 0..self.was.len() {
            let (x, s, k) = self.was[n];
            self.st.insert(x, s, k);
        }
    }

    /// Records in `who` that activity `i` (placed) holds its people and
    /// room, or (holder NONE) no longer does.
    fn mark(&mut self, i: usize, holder: usize) {
        let p = self.p;
        let s = self.st.start[i];
        let ns = p.n_slots;
        // A virtual room is not exclusive: its real rooms are held instead.
        let room = self
            .st
            .room_id(i)
            .filter(|r| p.real_sets[*r].is_empty())
            .map(|r| p.n_people + r);
        let real = self.st.real[i].iter().map(|x| p.n_people + x);
        for r in p.people[i].iter().copied().chain(room).chain(real) {
            for h in s..s + p.duration[i] {
                let w = &mut self.who[r * ns + h];
                if holder != NONE || *w == i {
                    *w = holder;
                }
            }
        }
    }

    fn fw_place(&mut self, b: usize, s: usize) {
        let p = self.p;
        self.insert_block(b, s, &[]);
        for &i in &p.blocks[b].members {
            self.mark(i, i);
            self.journal.push((i, NONE, NONE, Vec::new()));
        }
    }

    fn fw_unplace(&mut self, b: usize) {
        let p = self.p;
        for &i in &p.blocks[b].members {
            self.mark(i, NONE);
            // Its real rooms too, so an undo puts back exactly this.
            let real = self.st.real[i].clone();
            let (s, k) = self.st.remove(i);
            self.journal.push((i, s, k, real));
        }
    }

    /// Undoes the forward search's changes back to journal length `len`:
    /// each activity back where it was, in the same room and real rooms.
    fn fw_undo_to(&mut self, len: usize) {
        while self.journal.len() > len {
            let Some((i, s, k, real)) = self.journal.pop() else {
                break;
            };
            if s == NONE {
                self.mark(i, NONE);
                self.st.remove(i);
            } else {
                self.st.insert_real(i, s, k, Some(&real));
                self.mark(i, i);
            }
        }
    }

    /// For activity `i` in virtual room `room` from `s`: per set (smallest
    /// first) the real room held at the fewest of those hours, not closed
    /// then and not taken for another set; how many hours they are held in
    /// all, and (`out`) the blocks that hold them. None if a set has no
    /// such room.
    fn real_held(
        &self,
        i: usize,
        room: usize,
        s: usize,
        mut out: Option<&mut Vec<usize>>,
    ) -> Option<usize> {
        let p = self.p;
        let (ns, d) = (p.n_slots, p.duration[i]);
        let held =
            |x: usize| (s..s + d).filter(move |h| self.who[(p.n_people + x) * ns + h] != NONE);
        let fixed = p.fixed_real[i]
            .as_ref()
            .filter(|f| f.room == room && f.w >= HARD);
        let sets = &p.real_sets[room];
        let mut order: Vec<usize> = (0..sets.len()).collect();
        order.sort_by_key(|k| sets[*k].len());
        let mut taken: Vec<usize> = Vec::with_capacity(sets.len());
        let mut total = 0;
        if let Some(f) = fixed {
            // Held to these rooms: all of them, whatever holds them.
            for &x in &f.real {
                if (s..s + d).any(|h| p.room_off[x][h] >= HARD) {
                    return None;
                }
                total += held(x).count();
                if let Some(out) = out.as_deref_mut() {
                    out.extend(held(x).map(|h| p.block_of(self.who[(p.n_people + x) * ns + h])));
                }
            }
            return Some(total);
        }
        for k in order {
            let x = sets[k]
                .iter()
                .copied()
                .filter(|x| !taken.contains(x))
                .filter(|x| (s..s + d).all(|h| p.room_off[*x][h] < HARD))
                .min_by_key(|x| held(*x).count())?;
            total += held(x).count();
            if let Some(out) = out.as_deref_mut() {
                out.extend(held(x).map(|h| p.block_of(self.who[(p.n_people + x) * ns + h])));
            }
            taken.push(x);
        }
        Some(total)
    }

    /// The blocks that would have to leave for unplaced block `b` to start
    /// at `s`: those sharing its people or the room it would need, and
    /// those a hard pair constraint forbids beside it. False if one of them
    /// may not leave (locked, or already moved in this chain) or no room
    /// could take it.
    fn clash_at(&self, b: usize, s: usize, out: &mut Vec<usize>) -> bool {
        let p = self.p;
        let ns = p.n_slots;
        out.clear();
        for &i in &p.blocks[b].members {
            let d = p.duration[i];
            for &r in &p.people[i] {
                for h in s..s + d {
                    let o = self.who[r * ns + h];
                    if o != NONE {
                        out.push(p.block_of(o));
                    }
                }
            }
            for &pk in &p.pairs_of[i] {
                let pr = &p.pairs[pk];
                let other = if pr.a == i { pr.b } else { pr.a };
                let so = self.st.start[other];
                if pr.w < HARD || so == NONE || p.block_of(other) == b {
                    continue;
                }
                let (sa, sb) = if pr.a == i { (s, so) } else { (so, s) };
                if self.st.pair_cost_at(pk, sa, sb) >= HARD {
                    out.push(p.block_of(other));
                }
            }
            if let Some(rooms) = &p.rooms[i] {
                // A free room if there is one, else the least busy. (Keeping
                // to the rooms an activity's room groups allow here was
                // tried: on Belize's shc-2013-more-difficult and Egypt's
                // institution it left more clashes, not fewer.)
                let mut best: Option<(usize, usize)> = None;
                for &room in rooms {
                    if (s..s + d).any(|h| p.room_off[room][h] >= HARD) {
                        continue;
                    }
                    let busy = if p.real_sets[room].is_empty() {
                        let base = (p.n_people + room) * ns;
                        (s..s + d).filter(|h| self.who[base + h] != NONE).count()
                    } else {
                        match self.real_held(i, room, s, None) {
                            Some(n) => n,
                            None => continue,
                        }
                    };
                    if best.is_none_or(|(n, _)| busy < n) {
                        best = Some((busy, room));
                        if busy == 0 {
                            break;
                        }
                    }
                }
                match best {
                    None => return false,
                    Some((0, _)) => {}
                    Some((_, room)) if p.real_sets[room].is_empty() => {
                        let base = (p.n_people + room) * ns;
                        for h in s..s + d {
                            let o = self.who[base + h];
                            if o != NONE {
                                out.push(p.block_of(o));
                            }
                        }
                    }
                    Some((_, room)) => {
                        self.real_held(i, room, s, Some(out));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|c| *c != b);
        out.iter()
            .all(|c| !self.moved[*c] && p.blocks[*c].domain.len() > 1)
    }

    /// FET-style recursive swapping: place unplaced block `b` at a start
    /// where it clashes least, push out what clashes and place each of
    /// those the same way, up to `LEVELS` deep and `limit` calls. On
    /// failure every change of the attempt is undone.
    fn chain(&mut self, b: usize, level: usize, calls: &mut usize, limit: usize) -> bool {
        *calls += 1;
        // Buffers per level, reused from call to call.
        let (mut clash, mut options) = std::mem::take(&mut self.buffers[level]);
        options.clear();
        let found = self.chain_with(b, level, calls, limit, &mut clash, &mut options);
        self.buffers[level] = (clash, options);
        found
    }

    fn chain_with(
        &mut self,
        b: usize,
        level: usize,
        calls: &mut usize,
        limit: usize,
        clash: &mut Vec<usize>,
        options: &mut Vec<Option3>,
    ) -> bool {
        let p = self.p;
        for &s in &p.blocks[b].domain {
            if self.clash_at(b, s, clash) {
                let (bad, soft) = self.probe(b, s);
                options.push((clash.len() + usize::from(bad), soft, self.rng.next(), s));
            }
        }
        options.sort_unstable();
        for &(n, _, _, s) in options.iter() {
            if n == 0 {
                self.fw_place(b, s);
                return true;
            }
            if !self.clash_at(b, s, clash) || (clash.is_empty() && !self.eject_strict) {
                // Clean but it would break a per-person rule: nothing to
                // push out unless what breaks it may be.
                continue;
            }
            if level + 1 >= LEVELS || *calls >= limit {
                return false;
            }
            let mark = self.journal.len();
            let moved_mark = self.moved_list.len();
            let before = self.st.strict;
            for &c in clash.iter() {
                self.fw_unplace(c);
                self.moved[c] = true;
                self.moved_list.push(c);
            }
            self.fw_place(b, s);
            // A per-person rule broken: push out what breaks it with `b`.
            let from = clash.len();
            let mut ok = !self.eject_strict || self.strict_eject(b, before, clash);
            for &c in &clash[from..] {
                self.moved[c] = true;
                self.moved_list.push(c);
            }
            if ok {
                for &c in clash.iter() {
                    if !self.chain(c, level + 1, calls, limit) {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                return true;
            }
            self.fw_undo_to(mark);
            // Unlike FET, a failed branch frees what it moved, so other
            // branches may move them (the call limit bounds the search).
            if self.free_failed {
                for c in self.moved_list.drain(moved_mark..) {
                    self.moved[c] = false;
                }
            }
        }
        false
    }

    /// Recursive swapping, after placing block `b`: while the hard
    /// per-person rules a partial timetable is held to cost more than
    /// `before`, pushes out the placed block sharing a person (one with
    /// such rules) with `b` whose leaving lowers that cost most, the one
    /// pushed out fewest times before among equals; at most `STRICT_EJECT`
    /// of them, each added to `out`. A block already moved in this chain
    /// or fixed in time stays. True if the cost came back down to `before`.
    /// (FET likewise pushes out what keeps a per-person rule from holding.
    /// Doing the same when recursion fails was tried: on Romania's
    /// 2007-2008_sem1-d the forward search then went round in circles.)
    fn strict_eject(&mut self, b: usize, before: i64, out: &mut Vec<usize>) -> bool {
        let p = self.p;
        for _ in 0..STRICT_EJECT {
            if self.st.strict <= before {
                return true;
            }
            let mut best: Option<((i64, u32), usize)> = None;
            let mut ties = 0usize;
            for &i in &p.blocks[b].members {
                for &r in p.people[i].iter().chain(&p.tally[i]) {
                    if p.rules[r].is_empty() {
                        continue;
                    }
                    for n in 0..self.acts_of_person[r].len() {
                        let c = self.acts_of_person[r][n];
                        let cb = p.block_of(c);
                        let at = self.st.start[c];
                        if cb == b || at == NONE || p.blocks[cb].domain.len() < 2 || self.moved[cb]
                        {
                            continue;
                        }
                        let now = self.st.strict;
                        for &x in &p.blocks[cb].members {
                            self.saved
                                .push((x, self.st.room[x], self.st.real[x].clone()));
                            self.st.remove(x);
                        }
                        let gain = now - self.st.strict;
                        for (x, room, real) in self.saved.drain(..) {
                            self.st.insert_real(x, at, room, Some(&real));
                        }
                        if gain <= 0 {
                            continue;
                        }
                        let kc = p.blocks[cb].domain.binary_search(&at).unwrap_or(0);
                        let key = (-gain, self.ejected[cb][kc]);
                        keep_best(&mut self.rng, &mut best, &mut ties, key, cb);
                    }
                }
            }
            let Some((_, cb)) = best else {
                return false;
            };
            self.fw_unplace(cb);
            out.push(cb);
        }
        self.st.strict <= before
    }

    /// Whether placing unplaced block `b` at `s` would break a hard
    /// per-person rule that a partial timetable is held to (gaps, late
    /// starts, hours, days), as FET holds its partial timetables.
    fn breaks_strict(&mut self, b: usize, s: usize) -> bool {
        self.probe(b, s).0
    }

    /// Whether placing unplaced block `b` at `s` breaks such a rule (see
    /// [`Search::breaks_strict`]), and, when the search orders by soft
    /// cost, the soft cost it adds there (else 0).
    fn probe(&mut self, b: usize, s: usize) -> (bool, i64) {
        let (strict, cost) = (self.st.strict, self.st.cost);
        self.insert_block(b, s, &[]);
        let broken = self.st.strict > strict;
        let soft = if self.soft_order {
            self.st.cost % HARD - cost % HARD
        } else {
            0
        };
        self.remove_block(b);
        (broken, soft)
    }

    /// The best timetable so far, to offer or to work on.
    fn best_seed(&self) -> Seed {
        (
            self.best_start.clone(),
            self.best_room.clone(),
            self.best_real.clone(),
        )
    }

    /// Takes `seed`, a complete timetable, as the state to work on.
    fn load(&mut self, seed: &Seed) {
        let p = self.p;
        let (start, room, real) = seed;
        self.st = State::new(p);
        self.who.fill(NONE);
        for i in 0..p.acts.len() {
            if start[i] != NONE {
                self.st.insert_real(i, start[i], room[i], Some(&real[i]));
                self.mark(i, i);
            }
        }
        self.reset_moved();
        self.journal.clear();
        self.soft_order = true;
    }

    /// One ruin-and-recreate step on a complete timetable: takes out the
    /// lessons of one person of a lesson that costs soft (at most
    /// [`RUIN`] blocks), and puts each back by recursive swapping that
    /// prefers, among starts with as much to push out, the one costing
    /// least soft. Kept if every block found a place and the cost is no
    /// higher than before; else every change is undone.
    fn ruin_and_recreate(&mut self, ruin: &mut Vec<usize>) {
        let p = self.p;
        let n = p.acts.len();
        if n == 0 {
            return;
        }
        let mut i = self.rng.below(n);
        for _ in 0..SAMPLE {
            let j = self.rng.below(n);
            if self.st.trouble(j).1 > 0 {
                i = j;
                break;
            }
        }
        ruin.clear();
        if !p.people[i].is_empty() {
            let r = p.people[i][self.rng.below(p.people[i].len())];
            ruin.extend(self.acts_of_person[r].iter().map(|a| p.block_of(*a)));
        }
        ruin.sort_unstable();
        ruin.dedup();
        // A random choice of them, after the troubled lesson's own block and
        // those it shares a pair constraint with (min days apart, ...).
        for k in (1..ruin.len()).rev() {
            ruin.swap(k, self.rng.below(k + 1));
        }
        let mut first = vec![p.block_of(i)];
        for &pk in &p.pairs_of[i] {
            let pr = &p.pairs[pk];
            let b = p.block_of(if pr.a == i { pr.b } else { pr.a });
            if !first.contains(&b) {
                first.push(b);
            }
        }
        ruin.retain(|b| !first.contains(b));
        first.append(ruin);
        *ruin = first;
        ruin.truncate(RUIN);
        ruin.retain(|b| p.blocks[*b].domain.len() > 1 && self.block_start(*b) != NONE);
        if ruin.is_empty() {
            return;
        }
        // Hardest (fewest starts) placed first.
        ruin.sort_by_key(|b| std::cmp::Reverse(p.blocks[*b].domain.len()));
        let before = self.st.cost;
        self.journal.clear();
        self.reset_moved();
        for &b in ruin.iter() {
            self.fw_unplace(b);
        }
        let limit = 2 * p.blocks.len();
        let mut ok = true;
        while let Some(b) = ruin.pop() {
            self.reset_moved();
            self.moved[b] = true;
            self.moved_list.push(b);
            let mut calls = 0;
            if !self.chain(b, 0, &mut calls, limit) {
                ok = false;
                break;
            }
        }
        self.reset_moved();
        if !ok || self.st.cost > before {
            self.fw_undo_to(0);
            debug_assert_eq!(
                self.st.cost, before,
                "an undone step leaves the cost as it was"
            );
        }
        self.journal.clear();
    }

    fn reset_moved(&mut self) {
        for &c in &self.moved_list {
            self.moved[c] = false;
        }
        self.moved_list.clear();
    }

    /// Forward search in the manner of FET: take the next unplaced block
    /// and place it by recursive swapping; if that fails, put it where it
    /// clashes least (clashes weighted by how often each placement was
    /// already pushed out, so the search does not go round in circles),
    /// push out what clashes and place those next. Ends when every block
    /// is placed (true), or the run must stop or the search stalls (see
    /// [`FORWARD_PATIENCE`]) (false).
    fn forward(&mut self, keep_going: &mut dyn FnMut(&Self) -> bool) -> bool {
        let unplaced: Vec<usize> = (0..self.p.blocks.len()).collect();
        self.forward_from(unplaced, FORWARD_PATIENCE, keep_going)
    }

    /// [`Search::forward`] over the blocks in `unplaced` (the rest stay
    /// where they are), handing over after `patience` × blocks steps
    /// without a new record.
    fn forward_from(
        &mut self,
        mut unplaced: Vec<usize>,
        patience: usize,
        keep_going: &mut dyn FnMut(&Self) -> bool,
    ) -> bool {
        let p = self.p;
        let n_blocks = p.blocks.len();
        // Hardest (fewest starts, then longest) taken first, from the end.
        let weight = |b: usize| -> usize {
            p.blocks[b]
                .members
                .iter()
                .map(|i| p.duration[*i] * p.people[*i].len().max(1))
                .sum()
        };
        unplaced.sort_by_key(|b| (usize::MAX - p.blocks[*b].domain.len(), weight(*b)));
        let mut clash = Vec::new();
        let mut best_clash = Vec::new();
        let limit = 2 * n_blocks;
        // A forward search that goes round in circles hands over to the
        // tabu search: after `patience` × blocks steps without fewer
        // blocks left unplaced than ever before.
        let patience = patience * n_blocks;
        let (mut fewest, mut since) = (usize::MAX, 0);
        while let Some(b) = unplaced.pop() {
            if unplaced.len() < fewest {
                fewest = unplaced.len();
                since = 0;
            } else {
                since += 1;
            }
            if !keep_going(self) || since > patience {
                unplaced.push(b);
                return false;
            }
            self.iteration += 1;
            self.reset_moved();
            self.moved[b] = true;
            self.moved_list.push(b);
            self.journal.clear();
            let mut calls = 0;
            if self.chain(b, 0, &mut calls, limit) {
                continue;
            }
            self.reset_moved();
            self.journal.clear();
            let mut best: Option<((u64, usize), usize)> = None;
            let mut ties = 0usize;
            for k in 0..p.blocks[b].domain.len() {
                let s = p.blocks[b].domain[k];
                if !self.clash_at(b, s, &mut clash) {
                    continue;
                }
                let score: u64 = clash
                    .iter()
                    .map(|c| {
                        let at = self.block_start(*c);
                        let kc = p.blocks[*c].domain.binary_search(&at).unwrap_or(0);
                        1 + u64::from(self.ejected[*c][kc])
                    })
                    .sum();
                let key = (score + u64::from(self.breaks_strict(b, s)), clash.len());
                if keep_best(&mut self.rng, &mut best, &mut ties, key, k) {
                    best_clash.clone_from(&clash);
                }
            }
            let Some((_, k)) = best else {
                // Nowhere to go without pushing out something locked:
                // leave it for the tabu search.
                continue;
            };
            for &c in &best_clash {
                let at = self.block_start(c);
                if let Ok(kc) = p.blocks[c].domain.binary_search(&at) {
                    self.ejected[c][kc] += 1;
                }
                self.fw_unplace(c);
                unplaced.push(c);
            }
            self.fw_place(b, p.blocks[b].domain[k]);
            self.journal.clear();
        }
        true
    }

    /// The tabu search stalled short of a complete timetable: go back to
    /// its best timetable so far, lift out every block in hard trouble
    /// there and put them back by the forward search (recursive swapping,
    /// pushing out and placing again), then every one still out where it
    /// costs least; the tabu search goes on from there. With more than
    /// `REPAIR` blocks in trouble only the going back is done (false).
    fn repair(&mut self, keep_going: &mut dyn FnMut(&Self) -> bool) -> bool {
        let p = self.p;
        let best = self.best_seed();
        let soft_order = self.soft_order;
        self.load(&best);
        self.soft_order = soft_order;
        let mut out: Vec<usize> = (0..p.acts.len())
            .filter(|i| self.st.trouble(*i).0 > 0)
            .map(|i| p.block_of(i))
            .filter(|b| p.blocks[*b].domain.len() > 1)
            .collect();
        out.sort_unstable();
        out.dedup();
        if out.is_empty() || out.len() > REPAIR {
            return false;
        }
        for &b in &out {
            self.fw_unplace(b);
        }
        self.journal.clear();
        self.forward_from(out, REPAIR_PATIENCE, keep_going);
        self.reset_moved();
        self.journal.clear();
        self.complete();
        true
    }

    /// Places every block still unplaced where it costs least.
    fn complete(&mut self) {
        let p = self.p;
        for b in 0..p.blocks.len() {
            if self.block_start(b) != NONE {
                continue;
            }
            let mut best = (i64::MAX, NONE);
            for &s in &p.blocks[b].domain {
                self.insert_block(b, s, &[]);
                let c = self.st.cost;
                self.remove_block(b);
                if c < best.0 {
                    best = (c, s);
                }
            }
            self.insert_block(b, best.1, &[]);
        }
    }

    /// Considers one candidate move with cost `c`: keeps the best, ties at random.
    fn consider(
        &mut self,
        best: &mut Option<(i64, Move)>,
        ties: &mut usize,
        c: i64,
        m: Move,
        is_tabu: bool,
    ) {
        if is_tabu && c >= self.best_cost {
            return;
        }
        keep_best(&mut self.rng, best, ties, c, m);
    }

    fn is_tabu(&self, b: usize, s: usize) -> bool {
        match self.p.blocks[b].domain.binary_search(&s) {
            Ok(k) => self.tabu[b][k] > self.iteration,
            Err(_) => true,
        }
    }

    fn make_tabu(&mut self, b: usize, s: usize, tenure: u64) {
        if let Ok(k) = self.p.blocks[b].domain.binary_search(&s) {
            self.tabu[b][k] = self.iteration + tenure;
        }
    }

    fn swap(&mut self, a: usize, b: usize) {
        let (ia, ib) = (self.p.blocks[a].members[0], self.p.blocks[b].members[0]);
        let (sa, ka) = self.st.remove(ia);
        let (sb, kb) = self.st.remove(ib);
        let ra = self.st.pick_room(ia, sb, ka);
        self.st.insert(ia, sb, ra);
        let rb = self.st.pick_room(ib, sa, kb);
        self.st.insert(ib, sa, rb);
    }

    /// Where block `b` of band `g` starts once the band shifts to hour (or
    /// day) `to`: its start with the hour (day) replaced; None if it is
    /// unplaced or its domain does not allow it.
    fn band_start(&self, g: usize, b: usize, to: usize) -> Option<usize> {
        let (s, nh) = (self.block_start(b), self.p.nh);
        if s == NONE {
            return None;
        }
        let t = if self.p.bands[g].hour {
            s / nh * nh + to
        } else {
            to * nh + s % nh
        };
        self.p.blocks[b].domain.binary_search(&t).ok().map(|_| t)
    }

    /// Shifts band `g` to `to`, each block in its best rooms there; keeps
    /// in `band_was` the blocks that moved (block, where it was, where it
    /// went), and in `band_saved` their members' starts, rooms and real
    /// rooms before. False, with nothing moved and `band_was` empty, if a
    /// block cannot go there or the band is there already.
    fn band_shift(&mut self, g: usize, to: usize) -> bool {
        let p = self.p;
        self.band_was.clear();
        self.band_saved.clear();
        for &b in &p.bands[g].blocks {
            let at = self.block_start(b);
            match self.band_start(g, b, to) {
                Some(t) if t == at => {}
                Some(t) => self.band_was.push((b, at, t)),
                None => {
                    self.band_was.clear();
                    return false;
                }
            }
        }
        for k in 0..self.band_was.len() {
            let b = self.band_was[k].0;
            for &i in &p.blocks[b].members {
                let (s, room) = (self.st.start[i], self.st.room[i]);
                self.band_saved.push((i, s, room, self.st.real[i].clone()));
            }
            self.remove_block(b);
        }
        for k in 0..self.band_was.len() {
            let (b, _, t) = self.band_was[k];
            self.insert_block(b, t, &[]);
        }
        !self.band_was.is_empty()
    }

    /// Puts the blocks the last `band_shift` moved back exactly where they
    /// were, in the same rooms and real rooms.
    fn band_undo(&mut self) {
        for k in 0..self.band_was.len() {
            self.remove_block(self.band_was[k].0);
        }
        let saved = std::mem::take(&mut self.band_saved);
        for (i, s, room, real) in &saved {
            self.st.insert_real(*i, *s, *room, Some(real));
        }
        self.band_saved = saved;
    }

    /// Whether shifting band `g` would put a block that moves back where it
    /// was tabu (a block that cannot go there counts as tabu).
    fn band_tabu(&self, g: usize, to: usize) -> bool {
        self.p.bands[g].blocks.iter().any(|&b| {
            self.band_start(g, b, to)
                .is_none_or(|t| t != self.block_start(b) && self.is_tabu(b, t))
        })
    }

    /// One tabu step; false when nothing can move.
    fn step(&mut self, troubled: &mut Vec<usize>, rooms: &mut Vec<usize>) -> bool {
        let p = self.p;
        let soft = self.st.cost < HARD;
        troubled.clear();
        troubled.extend((0..p.blocks.len()).filter(|b| {
            (p.blocks[*b].domain.len() > 1 || self.room_free[*b]) && self.trouble(*b, soft) > 0
        }));
        if troubled.is_empty() {
            return false;
        }
        // Look at a few troubled blocks (all of them near the end).
        let n_look = troubled.len().min(SAMPLE);
        for k in 0..n_look {
            let j = k + self.rng.below(troubled.len() - k);
            troubled.swap(k, j);
        }
        let mut best: Option<(i64, Move)> = None;
        let mut ties = 0usize;
        for (t, &b) in troubled[..n_look].iter().enumerate() {
            let old = self.block_start(b);
            self.rooms_of(b, rooms);
            self.remove_block(b);
            if old != NONE && self.room_free[b] {
                self.insert_block(b, old, &[]);
                let c = self.st.cost;
                self.remove_block(b);
                let tabu = self.is_tabu(b, old);
                self.consider(&mut best, &mut ties, c, Move::Rooms(b), tabu);
            }
            for k in 0..p.blocks[b].domain.len() {
                let s = p.blocks[b].domain[k];
                if s == old {
                    continue;
                }
                self.insert_block(b, s, &[]);
                let c = self.st.cost;
                self.remove_block(b);
                let tabu = self.tabu[b][k] > self.iteration;
                self.consider(&mut best, &mut ties, c, Move::Slot(b, k), tabu);
            }
            self.restore_block(b, old, rooms);
            if t < KEMPE && p.blocks[b].members.len() == 1 {
                for k in 0..p.blocks[b].domain.len() {
                    let s2 = p.blocks[b].domain[k];
                    // A chain of one is a plain move, already tried.
                    if s2 == old || !self.kempe_chain(b, s2) || self.side_b.is_empty() {
                        continue;
                    }
                    self.kempe_apply(old, s2);
                    let c = self.st.cost;
                    let tabu = self.was.iter().any(|(x, s, _)| {
                        self.is_tabu(p.block_of(*x), if *s == old { s2 } else { old })
                    });
                    self.kempe_undo();
                    self.consider(&mut best, &mut ties, c, Move::Kempe(b, k), tabu);
                }
            }
            if p.blocks[b].members.len() == 1 && !p.neighbours[b].is_empty() {
                let nb = &p.neighbours[b];
                let tries = nb.len().min(SWAPS);
                for n in 0..tries {
                    let c = if nb.len() <= SWAPS {
                        nb[n]
                    } else {
                        nb[self.rng.below(nb.len())]
                    };
                    let sc = self.block_start(c);
                    if sc == old
                        || p.blocks[b].domain.binary_search(&sc).is_err()
                        || p.blocks[c].domain.binary_search(&old).is_err()
                    {
                        continue;
                    }
                    let (ia, ib) = (p.blocks[b].members[0], p.blocks[c].members[0]);
                    let (ka, kb) = (self.st.room[ia], self.st.room[ib]);
                    self.swap(b, c);
                    let cost = self.st.cost;
                    self.st.remove(ia);
                    self.st.remove(ib);
                    self.st.insert(ia, old, ka);
                    self.st.insert(ib, sc, kb);
                    let tabu = self.is_tabu(b, sc) || self.is_tabu(c, old);
                    self.consider(&mut best, &mut ties, cost, Move::Swap(b, c), tabu);
                }
            }
        }
        // The first sampled block in a band: the whole band shifted to
        // each other hour (day). A big band costs about its size squared
        // to shift, so once the hard constraints hold it is tried only on
        // one step in BAND_EVERY.
        let band_step = !soft || self.iteration.is_multiple_of(BAND_EVERY);
        if let Some(&b) = troubled[..n_look]
            .iter()
            .find(|b| band_step && !p.bands_of[**b].is_empty())
        {
            for &g in &p.bands_of[b] {
                let span = if p.bands[g].hour { p.nh } else { p.nd };
                for to in 0..span {
                    let tabu = self.band_tabu(g, to);
                    if !self.band_shift(g, to) {
                        continue;
                    }
                    let c = self.st.cost;
                    self.band_undo();
                    self.consider(&mut best, &mut ties, c, Move::Band(g, to), tabu);
                }
            }
        }
        let tenure = TENURE + self.rng.below(10) as u64 + (troubled.len() as u64 / 2).min(40);
        match best {
            Some((_, Move::Slot(b, k))) => {
                let old = self.block_start(b);
                self.rooms_of(b, rooms);
                self.remove_block(b);
                self.insert_block(b, p.blocks[b].domain[k], rooms);
                self.make_tabu(b, old, tenure);
            }
            Some((_, Move::Kempe(b, k))) => {
                let (s1, s2) = (self.block_start(b), p.blocks[b].domain[k]);
                if self.kempe_chain(b, s2) {
                    self.kempe_apply(s1, s2);
                    for n in 0..self.was.len() {
                        let (x, s, _) = self.was[n];
                        self.make_tabu(p.block_of(x), s, tenure);
                    }
                }
            }
            Some((_, Move::Rooms(b))) => {
                let at = self.block_start(b);
                self.remove_block(b);
                self.insert_block(b, at, &[]);
                self.make_tabu(b, at, tenure);
            }
            Some((_, Move::Band(g, to))) => {
                // `band_was`: the blocks that moved (none if it could not).
                self.band_shift(g, to);
                for n in 0..self.band_was.len() {
                    let (b, from, _) = self.band_was[n];
                    self.make_tabu(b, from, tenure);
                }
            }
            Some((_, Move::Swap(a, b))) => {
                let (sa, sb) = (self.block_start(a), self.block_start(b));
                self.swap(a, b);
                self.make_tabu(a, sa, tenure);
                self.make_tabu(b, sb, tenure);
            }
            None => {}
        }
        true
    }

    /// Moves some troubled blocks and a few others at random.
    fn kick(&mut self, troubled: &[usize]) {
        let p = self.p;
        let n = p.blocks.len();
        let extra = (n / 30).max(3);
        let picks: Vec<usize> = troubled
            .iter()
            .copied()
            .take(20)
            .chain((0..extra).map(|_| self.rng.below(n)))
            .filter(|b| p.blocks[*b].domain.len() > 1)
            .collect();
        for b in picks {
            let s = p.blocks[b].domain[self.rng.below(p.blocks[b].domain.len())];
            self.remove_block(b);
            self.insert_block(b, s, &[]);
        }
    }
}

/// Whether block `b` can change rooms without moving in time: a member
/// has a choice of rooms, or of real rooms inside a virtual one. A block
/// fixed in time (a locked or single preferred start) is then still
/// searched over its rooms.
fn room_free(p: &Problem, b: usize) -> bool {
    p.blocks[b].members.iter().any(|&i| {
        p.rooms[i].as_ref().is_some_and(|rooms| {
            rooms.len() > 1 || rooms.iter().any(|&room| !p.real_sets[room].is_empty())
        })
    })
}

/// Runs one search to the end: the polish window closed (see
/// [`Options::polish`]), a soft cost of 0, the time limit, the iteration
/// cap, a cancel, or `stop` (another search finished first while this one
/// had no complete timetable).
///
/// Without an iteration cap, once a complete timetable exists
/// the searches polish it in two ways side by side: the one that found it
/// goes on with tabu search, and when that stops improving (or in the
/// searches that had none of their own) by ruin and recreate — take out a
/// few lessons around one that costs soft and put each back by recursive
/// swapping that prefers, among starts with as much to push out, the one
/// costing least soft; keep the result unless it costs more. These searches
/// take over another's better timetable now and then. Tabu search moves one
/// lesson (or a swap, a chain) at a time and cannot take apart a tight
/// week's "min days apart" breaks (Namibia's Shipena: 72 left against FET's
/// 4); ordering every placement by soft cost from the start finds hard
/// solutions less often (Romania's 2007-2008_sem1-d went unsolved in 20 s),
/// so it is only done on a complete timetable. `share`: several searches
/// run and may tell each other their timetables. With a cap the run is
/// deterministic: nothing is shared, the tabu search ends the run when it
/// stops improving unless `polish` is set, and then ruin and recreate goes
/// on from its best to the cap.
#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    p: &Problem,
    seed: u64,
    opts: &Options<'_>,
    began: Instant,
    stop: &AtomicBool,
    shared: &Shared,
    share: bool,
    report: bool,
    strategy: Strategy,
) -> Found {
    let mut s = Search {
        st: State::new(p),
        p,
        rng: Rng::new(seed),
        opts,
        tabu: p.blocks.iter().map(|b| vec![0; b.domain.len()]).collect(),
        iteration: 0,
        best_cost: i64::MAX,
        best_start: Vec::new(),
        best_room: Vec::new(),
        best_real: Vec::new(),
        side_a: Vec::new(),
        side_b: Vec::new(),
        was: Vec::new(),
        who: vec![NONE; (p.n_people + p.n_rooms) * p.n_slots],
        ejected: p.blocks.iter().map(|b| vec![0; b.domain.len()]).collect(),
        moved: vec![false; p.blocks.len()],
        moved_list: Vec::new(),
        free_failed: strategy == Strategy::ForwardBacktracking,
        journal: Vec::new(),
        buffers: vec![(Vec::new(), Vec::new()); LEVELS + 1],
        room_free: (0..p.blocks.len()).map(|b| room_free(p, b)).collect(),
        eject_strict: strategy == Strategy::Forward,
        acts_of_person: {
            let mut of = vec![Vec::new(); p.n_people];
            for i in 0..p.acts.len() {
                for &r in p.people[i].iter().chain(&p.tally[i]) {
                    of[r].push(i);
                }
            }
            of
        },
        saved: Vec::new(),
        band_was: Vec::new(),
        band_saved: Vec::new(),
        soft_order: false,
        complete_at: None,
    };
    // The stop rule once the hard constraints hold (see Options::polish).
    let capped = s.opts.max_iterations.is_some();
    let window = s.opts.polish.unwrap_or(super::DEFAULT_POLISH);
    let past = |at: Duration| {
        at.checked_add(window)
            .is_some_and(|end| began.elapsed() >= end)
    };
    // Another search reached a cost of 0: nothing left to polish.
    let perfect_elsewhere = || share && shared.best.load(Ordering::Relaxed) == 0;
    let must_stop = |s: &Search<'_, '_>| {
        s.opts.max_iterations.is_some_and(|m| s.iteration >= m)
            || began.elapsed() >= s.opts.time_limit
            || s.opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
            // A search with a timetable of its own polishes it to its own
            // stop rule; one polishing another's, to the shared window's end.
            || (s.complete_at.is_none() && !s.soft_order && stop.load(Ordering::Relaxed))
            || (s.soft_order
                && share
                && (perfect_elsewhere() || shared.first_complete().is_some_and(past)))
    };
    // Another search has a complete timetable and this one none: polish
    // that one by ruin and recreate.
    let wants_seed = |s: &Search<'_, '_>| {
        share && !s.soft_order && s.complete_at.is_none() && shared.first_complete().is_some()
    };
    let mut last_report = Instant::now();
    let tell = |s: &Search<'_, '_>,
                last: &mut Instant,
                placed: &dyn Fn() -> usize,
                penalty: u64,
                soft: f64| {
        let Some(progress) = s.opts.progress.filter(|_| report) else {
            return;
        };
        if last.elapsed() >= Duration::from_millis(100) {
            *last = Instant::now();
            progress(Progress {
                iteration: s.iteration,
                placed: placed(),
                total: p.acts.len(),
                best_penalty: penalty,
                best_soft: soft,
            });
        }
    };
    let n = p.blocks.len() as u64;
    let mut troubled = Vec::with_capacity(p.blocks.len());
    let mut rooms = Vec::new();
    // After the hard constraints hold, how long the soft cost may go
    // without improving before the tabu search hands over.
    let soft_patience = 500 + 5 * n;
    let stall = 500 + 5 * n;
    // A search offers its best complete timetable to the others at most
    // once in OFFER_EVERY (cloning it is not free), and at once when it
    // changes how it polishes (`force`).
    let mut offered: Option<Instant> = None;
    let mut pending = false;
    let mut remember = |s: &mut Search<'_, '_>, force: bool| -> bool {
        let improved = s.remember_if_best();
        let first = improved && s.complete_at.is_none() && s.best_cost < HARD;
        if improved {
            shared.best.fetch_min(s.best_cost, Ordering::Relaxed);
            pending = share && s.best_cost < HARD;
        }
        // The first complete timetable is offered before it is announced,
        // so a search that sees the announcement finds a timetable to take.
        if pending && (force || first || offered.is_none_or(|at| at.elapsed() >= OFFER_EVERY)) {
            shared.offer(s.best_cost, || s.best_seed());
            pending = false;
            offered = Some(Instant::now());
        }
        if first {
            let at = began.elapsed();
            s.complete_at = Some(at);
            shared.completed(at);
        }
        improved
    };
    let built = s.forward(&mut |s| {
        let placed = s.st.start.iter().filter(|x| **x != NONE).count();
        tell(
            s,
            &mut last_report,
            &|| placed,
            (p.acts.len() - placed) as u64,
            0.0,
        );
        !must_stop(s) && !wants_seed(s)
    });
    let mut seeded = !built && wants_seed(&s);
    // The tabu search stalled on a complete timetable: ruin and recreate
    // that one for the rest of the window.
    let mut own_stalled = false;
    if !seeded {
        s.complete();
        remember(&mut s, false);
        let mut since_best = 0u64;
        let (mut fewest_hard, mut since_fewer) = (u64::MAX, 0u64);
        while !must_stop(&s) {
            if wants_seed(&s) {
                seeded = true;
                break;
            }
            if let Some(own) = s.complete_at {
                // Counted from the first complete timetable of any search
                // (this one's when the run is capped, to stay deterministic).
                let at = if capped {
                    own
                } else {
                    shared.first_complete().map_or(own, |x| x.min(own))
                };
                let polished_enough = !capped && past(at);
                if s.best_cost == 0 || polished_enough || perfect_elsewhere() {
                    break;
                }
                if since_best > soft_patience {
                    // A capped run without `polish` ends here.
                    own_stalled = !capped || s.opts.polish.is_some();
                    break;
                }
            }
            s.iteration += 1;
            if !s.step(&mut troubled, &mut rooms) {
                break;
            }
            let improved = remember(&mut s, false);
            if improved {
                since_best = 0;
            } else {
                since_best += 1;
            }
            let hard = State::hard_count(s.best_cost);
            if hard < fewest_hard {
                fewest_hard = hard;
                since_fewer = 0;
            } else {
                since_fewer += 1;
            }
            // Short of a complete timetable, a stall is counted in steps
            // without fewer hard violations: a best that only gets cheaper
            // in soft cost is still stuck (on Italy's highschool-Ancona the
            // last room clash stayed for 20 s while the soft cost kept
            // falling, and the repair below ran twice). After it, in steps
            // without a new best.
            let stalled = if s.complete_at.is_none() {
                since_fewer > 0 && since_fewer.is_multiple_of(stall)
            } else {
                !improved && since_best.is_multiple_of(stall)
            };
            if stalled {
                // Short of a complete timetable, a stall goes back to the
                // best one so far and repairs it (or, with too much in
                // trouble for that, kicks it).
                if s.complete_at.is_none() && s.repair(&mut |s| !must_stop(s)) {
                    if remember(&mut s, false) {
                        since_best = 0;
                    }
                } else {
                    s.kick(&troubled);
                }
            }
            let placed = || {
                (0..p.acts.len())
                    .filter(|i| s.st.trouble(*i).0 == 0)
                    .count()
            };
            let (hard, soft) = (State::hard_count(s.best_cost), super::soft_of(s.best_cost));
            tell(&s, &mut last_report, &placed, hard, soft);
        }
        remember(&mut s, true);
    }
    let seed = if seeded {
        // Offered before the first complete time was announced (see
        // `remember`), so it is there; if not, finish this search's own.
        let seed = shared.offered();
        if seed.is_none() {
            s.complete();
            remember(&mut s, false);
        }
        seed
    } else if own_stalled && s.best_cost > 0 {
        Some(s.best_seed())
    } else {
        None
    };
    if let Some(seed) = seed {
        s.load(&seed);
        remember(&mut s, false);
        let mut ruin = Vec::new();
        while !must_stop(&s) && s.best_cost > 0 {
            s.iteration += 1;
            // Go on from another search's better timetable, if there is one.
            if share && s.iteration.is_multiple_of(ADOPT_EVERY) {
                if let Some(better) = shared.better_than(s.best_cost) {
                    s.load(&better);
                    remember(&mut s, false);
                }
            }
            s.ruin_and_recreate(&mut ruin);
            remember(&mut s, false);
            let all = || p.acts.len();
            let (hard, soft) = (State::hard_count(s.best_cost), super::soft_of(s.best_cost));
            tell(&s, &mut last_report, &all, hard, soft);
        }
    }
    let best_room = (0..p.acts.len())
        .map(|i| {
            let k = s.best_room[i];
            (k != NONE).then(|| p.rooms[i].as_ref().expect("room without candidates")[k])
        })
        .collect();
    Found {
        start: s.best_start,
        room: best_room,
        real: s.best_real,
        cost: s.best_cost,
        iterations: s.iteration,
        first_complete: s.complete_at,
    }
}
