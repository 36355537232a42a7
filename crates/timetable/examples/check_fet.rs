//! `cargo run --example check_fet -- INSTANCE.fet FET_ACTIVITIES.xml`: our
//! checker's verdict on a timetable FET produced, summed per constraint type.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let inst = schooldesk_timetable::fet::read(&std::fs::read_to_string(&args[1]).unwrap())
        .unwrap()
        .instance;
    let tt = schooldesk_timetable::fet::read_solution(
        &inst,
        &std::fs::read_to_string(&args[2]).unwrap(),
    )
    .unwrap();
    let report = schooldesk_timetable::check(&inst, &tt);
    let mut by_type: std::collections::BTreeMap<String, (usize, f64)> = Default::default();
    for v in &report.violations {
        let key = format!(
            "{} {}",
            if v.hard { "HARD" } else { "soft" },
            v.message.split(':').next().unwrap_or("")
        );
        let e = by_type.entry(key).or_default();
        e.0 += 1;
        e.1 += v.cost;
    }
    for (k, (n, c)) in by_type {
        eprintln!("{n:>5} {c:>9.3} {k}");
    }
    eprintln!(
        "unplaced {}, hard {}, soft {:.3}",
        report.unplaced,
        report.hard_count(),
        report.soft_cost()
    );
}
