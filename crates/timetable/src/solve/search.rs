//! One search: a greedy start, then tabu search over block moves and swaps
//! on the whole cost (hard first, soft as the lower digits), with random
//! kicks when it stalls. Several of these run side by side, one per core.

use super::problem::{Problem, HARD};
use super::state::{State, NONE};
use super::{Options, Progress};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A small, fast, seedable generator (SplitMix64): the crate needs no `rand`.
pub(super) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5EED_0F5C_400D)
    }
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

/// The best of one search.
pub(super) struct Found {
    pub start: Vec<usize>,
    pub room: Vec<Option<usize>>,
    pub cost: i64,
    pub iterations: u64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Move {
    /// Block to the start at this index of its domain.
    Slot(usize, usize),
    /// Two single-activity blocks exchange their starts.
    Swap(usize, usize),
}

/// Troubled blocks looked at per step.
const SAMPLE: usize = 20;
/// Swap partners tried per troubled block.
const SWAPS: usize = 8;
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
            true
        } else {
            false
        }
    }

    fn construct(&mut self) {
        let p = self.p;
        let mut order: Vec<usize> = (0..p.blocks.len()).collect();
        let weight = |b: usize| -> usize {
            p.blocks[b]
                .members
                .iter()
                .map(|i| p.duration[*i] * p.people[*i].len().max(1))
                .sum()
        };
        order.sort_by_key(|b| (p.blocks[*b].domain.len(), usize::MAX - weight(*b)));
        for b in order {
            let mut best = (i64::MAX, NONE);
            let mut ties = 0;
            for k in 0..p.blocks[b].domain.len() {
                let s = p.blocks[b].domain[k];
                self.insert_block(b, s, &[]);
                let c = self.st.cost;
                self.remove_block(b);
                if c < best.0 {
                    best = (c, s);
                    ties = 1;
                } else if c == best.0 {
                    ties += 1;
                    if self.rng.below(ties) == 0 {
                        best.1 = s;
                    }
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
        match best {
            Some((b, _)) if c > *b => {}
            Some((b, _)) if c == *b => {
                *ties += 1;
                if self.rng.below(*ties) == 0 {
                    *best = Some((c, m));
                }
            }
            _ => {
                *ties = 1;
                *best = Some((c, m));
            }
        }
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

    /// One tabu step; false when nothing can move.
    fn step(&mut self, troubled: &mut Vec<usize>, rooms: &mut Vec<usize>) -> bool {
        let p = self.p;
        let soft = self.st.cost < HARD;
        troubled.clear();
        troubled.extend(
            (0..p.blocks.len())
                .filter(|b| p.blocks[*b].domain.len() > 1 && self.trouble(*b, soft) > 0),
        );
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
        for &b in &troubled[..n_look] {
            let old = self.block_start(b);
            self.rooms_of(b, rooms);
            self.remove_block(b);
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
        let tenure = TENURE + self.rng.below(10) as u64 + (troubled.len() as u64 / 2).min(40);
        match best {
            Some((_, Move::Slot(b, k))) => {
                let old = self.block_start(b);
                self.rooms_of(b, rooms);
                self.remove_block(b);
                let keep = rooms.clone();
                self.insert_block(b, p.blocks[b].domain[k], &keep);
                self.make_tabu(b, old, tenure);
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

/// Runs one search to the end: all hard constraints met and the soft cost
/// no longer improving, the time limit, the iteration cap, a cancel, or
/// `stop` (another search finished first).
pub(super) fn run(
    p: &Problem,
    seed: u64,
    opts: &Options<'_>,
    began: Instant,
    stop: &AtomicBool,
    report: bool,
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
    };
    s.construct();
    s.remember_if_best();
    let n = p.blocks.len() as u64;
    let mut troubled = Vec::with_capacity(p.blocks.len());
    let mut rooms = Vec::new();
    let mut since_best = 0u64;
    let mut last_report = Instant::now();
    // After the hard constraints hold, how long the soft cost may go
    // without improving before the search ends.
    let soft_patience = 2_000 + 20 * n;
    let stall = 500 + 5 * n;
    loop {
        let stopped = s.opts.max_iterations.is_some_and(|m| s.iteration >= m)
            || began.elapsed() >= s.opts.time_limit
            || s.opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
            || stop.load(Ordering::Relaxed);
        if stopped {
            break;
        }
        if s.best_cost < HARD && since_best > soft_patience {
            break;
        }
        s.iteration += 1;
        if !s.step(&mut troubled, &mut rooms) {
            break;
        }
        if s.remember_if_best() {
            since_best = 0;
        } else {
            since_best += 1;
            if since_best.is_multiple_of(stall) {
                s.kick(&troubled);
            }
        }
        if report && last_report.elapsed() >= Duration::from_millis(100) {
            last_report = Instant::now();
            if let Some(progress) = s.opts.progress {
                let placed = (0..p.acts.len())
                    .filter(|i| s.st.trouble(*i).0 == 0)
                    .count();
                progress(Progress {
                    iteration: s.iteration,
                    placed,
                    total: p.acts.len(),
                    best_penalty: State::hard_count(s.best_cost),
                    best_soft: super::soft_of(s.best_cost),
                });
            }
        }
    }
    debug_assert!(s.st.cost >= 0);
    let best_room = (0..p.acts.len())
        .map(|i| {
            let k = s.best_room[i];
            (k != NONE).then(|| p.rooms[i].as_ref().expect("room without candidates")[k])
        })
        .collect();
    Found {
        start: s.best_start,
        room: best_room,
        cost: s.best_cost,
        iterations: s.iteration,
    }
}
