//! The solver: every activity gets a start (and a room where one is
//! needed) so that the hard constraints hold, and the weighted soft cost,
//! counted as FET counts it, is as low as the search can get it.
//!
//! How it works:
//! - `problem` compiles the instance once: per activity the starts its
//!   hard constraints allow (day length, breaks, unavailable people,
//!   preferred starting times and slots, locks) and the soft cost of every
//!   other start; its room candidates with the soft cost of each; pairwise
//!   constraints; per-person rules (hours, gaps, days, early starts, hours
//!   in a row). Activities a hard same-starting-time constraint ties
//!   together become one block that always moves as a whole.
//! - `state` keeps the cost up to date move by move: counted occupancy
//!   per person and room per slot, and per person a cached cost per day
//!   plus a weekly part, so a move recomputes only the days it touches. No
//!   allocation happens in a move.
//! - `search` first runs a forward search in the manner of FET's
//!   recursive swapping: take the next unplaced block, put it where it
//!   clashes least, push out what clashes and place those the same way, up
//!   to 14 levels deep. A placement counts as clean only if it breaks no
//!   hard per-person rule that a partial week can already be held to (gaps,
//!   late starts, hours, days; minimum hours a day by what the days begun
//!   will need against the hours there are). Searches of the kind that
//!   follows FET (see `strategy`) also push out, as FET does, the blocks
//!   whose leaving lets such a rule hold. When recursion fails the block goes where
//!   it clashes least anyway, weighted by how often each placement was
//!   pushed out before, and what it pushed out is placed next. A forward
//!   search that stops getting closer to placing everything (10 steps per
//!   block without fewer left unplaced than ever) hands over as it is.
//! - Then a tabu search on the whole cost: each step looks at a few
//!   troubled blocks, tries every start of each, swaps with blocks that
//!   share people with it and Kempe chains between two starts, and takes
//!   the best move that is not tabu. Hard violations cost far more than
//!   any soft sum, so it repairs what the forward search left and then
//!   lowers the soft cost; when that stops improving, ruin and recreate
//!   takes over (see below).
//! - One search runs per core with different seeds and two kinds of
//!   recursive swapping (see `strategy`). Once one has a complete
//!   timetable, it goes on with tabu search and the others polish its
//!   timetable by ruin and recreate, taking over each other's better ones
//!   (see `search::run`), until the polish window closes; the best result
//!   wins. (With an iteration cap nothing is shared: see below.)
//!
//! Deterministic for a seed and thread count when `max_iterations` bounds
//! the run: searches then never stop each other and the best result is
//! chosen by cost, then by thread. With only a time limit, which search
//! finishes first depends on the machine.

mod explain;
mod problem;
mod search;
mod state;

pub use explain::{broken, explain, Broken, Explanation, MAX_CANDIDATES};

use crate::model::*;
use problem::{HARD, SOFT_UNIT};
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
    /// The soft cost of that best timetable, in FET's units.
    pub best_soft: f64,
}

pub struct Options<'a> {
    pub seed: u64,
    pub time_limit: Duration,
    pub max_iterations: Option<u64>,
    pub cancel: Option<&'a AtomicBool>,
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// Searches run side by side; 0 means one per core (at most 4).
    pub threads: usize,
    /// How long to keep lowering the soft cost once every hard constraint
    /// holds, counted from the first complete timetable: `None`, the
    /// default, [`DEFAULT_POLISH`] — a school gets its timetable soon after
    /// one exists; `Some(d)` for schools that want the best timetable rather
    /// than the first; `Some(ZERO)` returns the first. Either way the
    /// search ends at a soft cost of 0 or at `time_limit`. When
    /// `max_iterations` bounds the run the window does not apply (a capped
    /// run stays deterministic): with `None` the search then ends when the
    /// tabu search stops improving, with `Some` (even ZERO) it goes on by
    /// ruin and recreate to the cap.
    pub polish: Option<Duration>,
}

/// How long the default stop rule polishes after the first complete
/// timetable (see [`Options::polish`]).
pub const DEFAULT_POLISH: Duration = Duration::from_secs(2);

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            seed: 1,
            time_limit: Duration::from_secs(60),
            max_iterations: None,
            cancel: None,
            progress: None,
            threads: 0,
            polish: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub timetable: Timetable,
    /// 0 when every hard constraint the solver models holds.
    pub penalty: u64,
    /// The soft cost as the solver counts it, in FET's units.
    pub soft_cost: f64,
    /// Steps taken, summed over all searches.
    pub iterations: u64,
    pub elapsed: Duration,
    /// When the first timetable with every hard constraint holding was
    /// found (by any search): the figure comparable with fet-cl's time,
    /// which stops there. `None` if there was none.
    pub first_complete: Option<Duration>,
}

/// Why an instance cannot be solved, found before searching.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("impossible because {}", .0.join("; "))]
pub struct Impossible(pub Vec<String>);

/// The portfolio: even-numbered searches free what a failed branch of the
/// recursive swapping moved, odd ones keep it out of reach as FET does and,
/// as FET does, push out what keeps a per-person rule from holding (Morocco's
/// lycee-Farabi-old, Saudi Arabia's Arabic_Saudi_2 and Romania's
/// 2007-2008_sem1-d were solved sooner, Belize's sacred_heart_college and
/// South Africa's Insight_Learning_Centre2 later, with it: hence one kind
/// each).
/// Each kind solves schools the other needs much longer for (FGPS: 3 s
/// against 12 s; sacred_heart_college: 7–17 s against not at all in 20 s).
fn strategy(thread: usize) -> search::Strategy {
    if thread.is_multiple_of(2) {
        search::Strategy::ForwardBacktracking
    } else {
        search::Strategy::Forward
    }
}

fn soft_of(cost: i64) -> f64 {
    (cost % HARD) as f64 / SOFT_UNIT
}

/// What the solver's own cost function makes of a timetable: (hard
/// violations as the solver counts them, soft cost in FET's units). Besides
/// what the search state counts, each of these is one hard violation: an
/// activity unplaced or not fitting in its day, a start its hard
/// constraints forbid, members of a hard same-starting-time group apart, a
/// room outside the candidates its hard constraints allow (or none where
/// one is needed). For tests that hold the solver's counting to the
/// checker's; the solver never sees a timetable it did not build.
pub fn evaluate(inst: &Instance, tt: &Timetable) -> Result<(u64, f64), Impossible> {
    let p = problem::Problem::new(inst, &Timetable::empty(inst))?;
    let mut st = state::State::new(&p);
    let mut extra = 0u64;
    let mut starts = vec![state::NONE; p.acts.len()];
    for (i, &ai) in p.acts.iter().enumerate() {
        let placement = tt.placements.get(ai).copied().unwrap_or_default();
        let Some(start) = placement.start else {
            extra += 1;
            continue;
        };
        if start.day as usize >= p.nd || start.hour as usize + p.duration[i] > p.nh {
            extra += 1;
            continue;
        }
        let s = start.day as usize * p.nh + start.hour as usize;
        starts[i] = s;
        if !p.blocks[p.block_of(i)].domain.contains(&s) {
            extra += 1;
        }
        let k = match &p.rooms[i] {
            None => state::NONE,
            Some(candidates) => {
                let k = placement
                    .room
                    .and_then(|r| candidates.iter().position(|c| *c == r as usize));
                if k.is_none() {
                    extra += 1;
                }
                k.unwrap_or(state::NONE)
            }
        };
        // A virtual room's real rooms as the timetable gives them; a list
        // that does not fit the room's sets is one violation, and the
        // state then chooses its own.
        let real = tt.real_rooms_of(ai);
        let real: Vec<usize> = real.iter().map(|x| *x as usize).collect();
        let fits = match p.rooms[i].as_ref().zip((k != state::NONE).then_some(k)) {
            Some((c, k)) => {
                let room = &inst.rooms[c[k]];
                !room.is_virtual() || room.takes(tt.real_rooms_of(ai))
            }
            None => true,
        };
        if fits {
            st.insert_real(i, s, k, Some(&real));
        } else {
            extra += 1;
            st.insert(i, s, k);
        }
    }
    for b in &p.blocks {
        let placed: Vec<usize> = b
            .members
            .iter()
            .map(|i| starts[*i])
            .filter(|s| *s != state::NONE)
            .collect();
        if placed.windows(2).any(|w| w[0] != w[1]) {
            extra += 1;
        }
    }
    Ok((state::State::hard_count(st.cost) + extra, soft_of(st.cost)))
}

/// Searches for a timetable; `locked` placements are kept as they are.
pub fn solve(
    inst: &Instance,
    locked: &Timetable,
    options: &Options<'_>,
) -> Result<Outcome, Impossible> {
    let began = Instant::now();
    let p = problem::Problem::new(inst, locked)?;
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        n => n,
    };
    let stop = AtomicBool::new(false);
    let shared = search::Shared::new();
    // Searches stop each other, and build again once another has a
    // complete timetable, only when the clock decides anyway.
    let share_stop = options.max_iterations.is_none();
    let found: Vec<search::Found> = if threads == 1 {
        vec![search::run(
            &p,
            options.seed,
            options,
            began,
            &stop,
            &shared,
            false,
            true,
            strategy(0),
        )]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|k| {
                    let (p, stop, shared) = (&p, &stop, &shared);
                    scope.spawn(move || {
                        let seed = options.seed.wrapping_add(k as u64 * 0x9E37_79B9);
                        let own = AtomicBool::new(false);
                        let f = search::run(
                            p,
                            seed,
                            options,
                            began,
                            if share_stop { stop } else { &own },
                            shared,
                            share_stop,
                            k == 0,
                            strategy(k),
                        );
                        if share_stop {
                            stop.store(true, Ordering::Relaxed);
                        }
                        f
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a search thread panicked"))
                .collect()
        })
    };
    let iterations = found.iter().map(|f| f.iterations).sum();
    let first_complete = found.iter().filter_map(|f| f.first_complete).min();
    let best = found
        .into_iter()
        .min_by_key(|f| f.cost)
        .expect("at least one search runs");
    let mut timetable = Timetable::empty(inst);
    for (i, &ai) in p.acts.iter().enumerate() {
        let s = best.start[i];
        timetable.placements[ai] = Placement {
            start: (s != state::NONE).then(|| Slot {
                day: (s / p.nh) as u16,
                hour: (s % p.nh) as u16,
            }),
            room: best.room[i].map(|r| r as u32),
        };
        timetable.real_rooms[ai] = best.real[i].iter().map(|x| *x as u32).collect();
    }
    Ok(Outcome {
        timetable,
        penalty: state::State::hard_count(best.cost),
        soft_cost: soft_of(best.cost),
        iterations,
        elapsed: began.elapsed(),
        first_complete,
    })
}
