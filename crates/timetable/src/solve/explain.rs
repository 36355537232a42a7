//! Why a search left hard constraints broken, in words: what is broken in
//! the best timetable found, and — when it can be found within a budget of
//! short searches — the smallest set of hard constraints that the search
//! cannot satisfy together.

use super::{solve, Options};
use crate::check::check;
use crate::constraint::Kind;
use crate::fet::describe;
use crate::model::{Instance, Timetable};
use std::time::Duration;

/// One hard constraint broken in a timetable, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    /// Index into the instance's constraints; None for lessons left
    /// unplaced or placed where they cannot be.
    pub constraint: Option<usize>,
    /// The constraint in words (its type and fields).
    pub what: String,
    /// How many violations, and the first few in words (naming the
    /// teachers, students, rooms and lessons).
    pub count: usize,
    pub examples: Vec<String>,
}

/// See the module documentation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explanation {
    pub broken: Vec<Broken>,
    /// Hard constraints that the search could not satisfy together (with
    /// the basic ones: no one in two places, no room twice): with all of
    /// them it found no complete timetable, and without any one of them it
    /// did. Empty when no such set was found within the budget.
    pub core: Vec<usize>,
    /// The core in words, in the same order.
    pub core_words: Vec<String>,
    /// How many short searches were run to find the core.
    pub searches: usize,
}

/// Groups the hard violations of `tt` by constraint, in words.
pub fn broken(inst: &Instance, tt: &Timetable) -> Vec<Broken> {
    let report = check(inst, tt);
    let mut out: Vec<Broken> = Vec::new();
    for v in report.hard() {
        let what = match v.constraint {
            Some(i) => describe(inst, &inst.constraints[i]),
            None => "Where lessons are placed".to_string(),
        };
        match out.iter_mut().find(|b| b.constraint == v.constraint) {
            Some(b) => {
                b.count += 1;
                if b.examples.len() < 3 {
                    b.examples.push(v.message.clone());
                }
            }
            None => out.push(Broken {
                constraint: v.constraint,
                what,
                count: 1,
                examples: vec![v.message.clone()],
            }),
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.count));
    out
}

/// At most this many candidate constraints are narrowed down to a core
/// (each needs one short search); with more, no core is looked for.
pub const MAX_CANDIDATES: usize = 40;

/// Explains the hard violations of `tt` (the best timetable a search found
/// for `inst`), and looks for a core: first among the hard constraints
/// broken in `tt`, else among all the hard constraints when they are few.
/// Each test is a search of `iterations` steps on one thread (deterministic
/// for the seed; the clock only a hang guard), so the verdicts are the
/// search's, not a proof: "could not find", never "impossible".
pub fn explain(inst: &Instance, tt: &Timetable, iterations: u64, seed: u64) -> Explanation {
    let broken = broken(inst, tt);
    let hard: Vec<usize> = inst
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| c.active && c.is_hard() && !is_basic(&c.kind))
        .map(|(i, _)| i)
        .collect();
    let violated: Vec<usize> = broken
        .iter()
        .filter_map(|b| b.constraint)
        .filter(|i| hard.contains(i))
        .collect();
    let mut searches = 0;
    let mut fails = |keep: &[usize]| {
        searches += 1;
        let mut only = inst.clone();
        for (i, c) in only.constraints.iter_mut().enumerate() {
            // Soft constraints do not decide whether a timetable exists.
            if !is_basic(&c.kind) && (!c.is_hard() || (hard.contains(&i) && !keep.contains(&i))) {
                c.active = false;
            }
        }
        let options = Options {
            seed,
            time_limit: Duration::from_secs(600),
            max_iterations: Some(iterations),
            threads: 1,
            polish: Some(Duration::ZERO),
            ..Default::default()
        };
        match solve(&only, &Timetable::empty(&only), &options) {
            Ok(outcome) => outcome.penalty > 0,
            Err(_) => true,
        }
    };
    let mut candidates =
        if !violated.is_empty() && violated.len() <= MAX_CANDIDATES && fails(&violated) {
            violated
        } else if hard.len() <= MAX_CANDIDATES && fails(&hard) {
            hard.clone()
        } else {
            Vec::new()
        };
    // Deletion: leave out each in turn; keep it out while the rest still fail.
    let mut k = 0;
    while k < candidates.len() && candidates.len() > 1 {
        let without: Vec<usize> = candidates
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, c)| *c)
            .collect();
        if fails(&without) {
            candidates = without;
        } else {
            k += 1;
        }
    }
    // A lone candidate must be needed: without it the search succeeds.
    if candidates.len() == 1 && fails(&[]) {
        candidates.clear();
    }
    let core_words = candidates
        .iter()
        .map(|i| describe(inst, &inst.constraints[*i]))
        .collect();
    Explanation {
        broken,
        core: candidates,
        core_words,
        searches,
    }
}

fn is_basic(kind: &Kind) -> bool {
    matches!(kind, Kind::BasicCompulsoryTime | Kind::BasicCompulsorySpace)
}
