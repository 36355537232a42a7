//! `schooldesk timetable …`: FET files in, FET files out. A school that uses
//! FET today can run our solver on its own files and have FET verify the
//! result.

use anyhow::{Context, Result};
use schooldesk_timetable::{check, fet, solve, Instance, Timetable};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(clap::Subcommand)]
pub enum TimetableCommand {
    /// Solve a .fet file and write it back with the solution locked.
    /// Exit status: 0 solved; 2 unsupported constraint types (listed);
    /// 3 no full solution within the limit; 1 any other error.
    Solve {
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Searches run side by side (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
    /// Check a timetable FET wrote (`…_activities.xml`) against its .fet file.
    Check { input: PathBuf, activities: PathBuf },
    /// Run our solver and fet-cl one after the other on each file, with
    /// the same time limit, and print a table.
    Bench {
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn load(path: &Path) -> Result<Instance> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let import = fet::read(&text).with_context(|| format!("{}", path.display()))?;
    for warning in &import.warnings {
        eprintln!("warning: {}: {warning}", path.display());
    }
    Ok(import.instance)
}

fn fail(err: anyhow::Error) -> ExitCode {
    eprintln!("error: {err:#}");
    ExitCode::from(1)
}

pub fn run(command: &TimetableCommand) -> ExitCode {
    match command {
        TimetableCommand::Solve {
            input,
            out,
            time_limit,
            seed,
            threads,
        } => {
            let inst = match load(input) {
                Ok(i) => i,
                Err(e) => return fail(e),
            };
            let unsupported = inst.unsupported();
            if !unsupported.is_empty() {
                let list: Vec<String> = unsupported
                    .iter()
                    .map(|(t, n)| format!("{t} ×{n}"))
                    .collect();
                eprintln!("unsupported: {} uses {}", input.display(), list.join(", "));
                return ExitCode::from(2);
            }
            let progress = |p: solve::Progress| {
                eprint!(
                    "\r{} / {} activities without conflict, best: hard {} soft {:.2}   ",
                    p.placed, p.total, p.best_penalty, p.best_soft
                );
            };
            let options = solve::Options {
                seed: *seed,
                time_limit: Duration::from_secs(*time_limit),
                progress: Some(&progress),
                threads: *threads,
                ..Default::default()
            };
            let outcome = match solve::solve(&inst, &Timetable::empty(&inst), &options) {
                Ok(o) => o,
                Err(impossible) => {
                    eprintln!("{}: {impossible}", input.display());
                    return ExitCode::from(3);
                }
            };
            eprint!("\r");
            let report = check(&inst, &outcome.timetable);
            if let Err(e) = std::fs::write(out, fet::write_with_solution(&inst, &outcome.timetable))
            {
                return fail(anyhow::anyhow!("cannot write {}: {e}", out.display()));
            }
            println!(
                "{}: {} activities, {} unplaced, {} hard violations, soft cost {:.2}, {:.2} s, {} iterations, seed {seed}; written to {}",
                input.display(),
                inst.activities.iter().filter(|a| a.active).count(),
                report.unplaced,
                report.hard_count(),
                report.soft_cost(),
                outcome.elapsed.as_secs_f64(),
                outcome.iterations,
                out.display()
            );
            if report.is_valid() {
                ExitCode::SUCCESS
            } else {
                // Say what is still broken, so the school knows what to relax.
                let hard: Vec<_> = report.hard().collect();
                for v in hard.iter().take(20) {
                    eprintln!("  still broken: {}", v.message);
                }
                if hard.len() > 20 {
                    eprintln!("  … and {} more", hard.len() - 20);
                }
                ExitCode::from(3)
            }
        }
        TimetableCommand::Check { input, activities } => {
            let result = (|| -> Result<bool> {
                let inst = load(input)?;
                let xml = std::fs::read_to_string(activities)
                    .with_context(|| format!("cannot read {}", activities.display()))?;
                let tt = fet::read_solution(&inst, &xml)?;
                let report = check(&inst, &tt);
                for v in &report.violations {
                    println!(
                        "{} {:.2}  {}",
                        if v.hard { "HARD" } else { "soft" },
                        v.cost,
                        v.message
                    );
                }
                println!(
                    "unplaced {}, hard {}, soft cost {:.2}",
                    report.unplaced,
                    report.hard_count(),
                    report.soft_cost()
                );
                Ok(report.is_valid())
            })();
            match result {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(3),
                Err(e) => fail(e),
            }
        }
        TimetableCommand::Bench {
            files,
            time_limit,
            seed,
        } => match bench(files, *time_limit, *seed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
    }
}

/// What one side of the comparison did on one file.
struct Run {
    solved: bool,
    seconds: f64,
}

fn run_fet(input: &Path, time_limit: u64, dir: &Path) -> Result<(Run, PathBuf)> {
    let began = Instant::now();
    let mut child = Command::new("fet-cl")
        .arg(format!("--inputfile={}", input.display()))
        .arg(format!("--outputdir={}", dir.display()))
        .arg(format!("--timelimitseconds={time_limit}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("cannot run fet-cl (apt-get install fet)")?;
    // fet-cl does not always honour its own limit (a locked file it cannot
    // accept): stop it a little after.
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if began.elapsed() > Duration::from_secs(time_limit + 10) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = began.elapsed().as_secs_f64();
    let result = std::fs::read_to_string(dir.join("logs").join("result.txt")).unwrap_or_default();
    let solved = status.is_some_and(|s| s.success()) && result.contains("successful");
    let stem = input
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    Ok((Run { solved, seconds }, dir.join("timetables").join(stem)))
}

fn bench(files: &[PathBuf], time_limit: u64, seed: u64) -> Result<()> {
    println!(
        "{:<46} {:>9} {:>6} {:>6} {:>9} {:>9} {:>7} {:>9} {:>10}",
        "instance", "supported", "ours", "FET", "ours s", "FET s", "ratio", "our soft", "FET takes"
    );
    let mut ratios = Vec::new();
    let (mut ours_solved, mut fet_solved, mut n) = (0, 0, 0);
    for file in files {
        n += 1;
        let name: String = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .chars()
            .take(46)
            .collect();
        let inst = load(file)?;
        let supported = inst.unsupported().is_empty();
        let dir = tempfile::tempdir()?;
        let (ours, soft, accepted) = if supported {
            let options = solve::Options {
                seed,
                time_limit: Duration::from_secs(time_limit),
                ..Default::default()
            };
            let began = Instant::now();
            let outcome = solve::solve(&inst, &Timetable::empty(&inst), &options);
            let seconds = began.elapsed().as_secs_f64();
            match outcome {
                Ok(o) => {
                    let report = check(&inst, &o.timetable);
                    let accepted = if report.is_valid() {
                        // FET verifies: our timetable, locked, must go through fet-cl untouched.
                        let locked = dir.path().join("ours-locked.fet");
                        std::fs::write(&locked, fet::write_with_solution(&inst, &o.timetable))?;
                        let (run, _) = run_fet(&locked, time_limit, &dir.path().join("verify"))?;
                        if run.solved {
                            "yes"
                        } else {
                            "NO"
                        }
                    } else {
                        "-"
                    };
                    (
                        Run {
                            solved: report.is_valid(),
                            seconds,
                        },
                        format!("{:.2}", report.soft_cost()),
                        accepted,
                    )
                }
                Err(_) => (
                    Run {
                        solved: false,
                        seconds,
                    },
                    "-".into(),
                    "-",
                ),
            }
        } else {
            (
                Run {
                    solved: false,
                    seconds: 0.0,
                },
                "-".into(),
                "-",
            )
        };
        let (theirs, _) = run_fet(file, time_limit, &dir.path().join("fet"))?;
        ours_solved += usize::from(ours.solved);
        fet_solved += usize::from(theirs.solved);
        let ratio = if ours.solved && theirs.solved {
            let r = ours.seconds.max(0.001) / theirs.seconds.max(0.001);
            ratios.push(r);
            format!("{r:.2}")
        } else {
            "-".into()
        };
        println!(
            "{:<46} {:>9} {:>6} {:>6} {:>9.2} {:>9.2} {:>7} {:>9} {:>10}",
            name,
            if supported { "yes" } else { "no" },
            if ours.solved { "yes" } else { "no" },
            if theirs.solved { "yes" } else { "no" },
            ours.seconds,
            theirs.seconds,
            ratio,
            soft,
            accepted
        );
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let median = if ratios.is_empty() {
        "-".to_string()
    } else {
        format!("{:.2}", ratios[ratios.len() / 2])
    };
    println!("solved: ours {ours_solved}/{n}, FET {fet_solved}/{n}; median time ratio ours/FET where both solved: {median}");
    println!("(\"FET takes\": fet-cl given our timetable as locked placements accepted it)");
    Ok(())
}
