//! `cargo run --release --example solve_fet -- IN.fet [SECONDS] [SEED]`:
//! solve, then judge the result with the independent checker; with a
//! fourth argument, write the timetable there as locked placements (for
//! fet-cl to verify). `SD_POLISH=SECONDS` in the environment sets
//! `Options::polish`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let inst = schooldesk_timetable::fet::read(&std::fs::read_to_string(&args[1]).unwrap())
        .unwrap()
        .instance;
    for (what, n) in inst.unsupported() {
        eprintln!("unsupported: {what} ×{n}");
    }
    let secs: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let options = schooldesk_timetable::solve::Options {
        seed,
        time_limit: std::time::Duration::from_secs(secs),
        polish: std::env::var("SD_POLISH")
            .ok()
            .map(|s| std::time::Duration::from_secs_f64(s.parse().unwrap())),
        ..Default::default()
    };
    match schooldesk_timetable::solve::solve(
        &inst,
        &schooldesk_timetable::Timetable::empty(&inst),
        &options,
    ) {
        Err(e) => eprintln!("{e}"),
        Ok(out) => {
            let report = schooldesk_timetable::check(&inst, &out.timetable);
            eprintln!(
                "penalty {} after {} iterations in {:.2?} (first complete: {}); checker: unplaced {}, hard {}, soft {:.2}",
                out.penalty,
                out.iterations,
                out.elapsed,
                out.first_complete.map_or("none".into(), |d| format!("{d:.2?}")),
                report.unplaced,
                report.hard_count(),
                report.soft_cost()
            );
            for v in report.hard().take(5) {
                eprintln!("  {}", v.message);
            }
            if let Some(path) = args.get(4) {
                std::fs::write(
                    path,
                    schooldesk_timetable::fet::write_with_solution(&inst, &out.timetable),
                )
                .unwrap();
            }
        }
    }
}
