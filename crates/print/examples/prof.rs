//! Profiling aid: `cargo run --release -p schooldesk-print --example prof -- N [template.typ] [threads]`
//! renders N copies of a long sample card and prints where the time went.
use schooldesk_print::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let template = match args.get(2).filter(|a| !a.is_empty() && *a != "-") {
        Some(path) => Template::custom(
            path.clone(),
            std::fs::read_to_string(path).unwrap(),
            Builtin::Rapor,
        ),
        None => Template::builtin(Builtin::Rapor),
    };
    let threads: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(2);
    let batch: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(BATCH);
    let engine = Engine::new().with_threads(threads).with_batch(batch);
    let mut card = sample_report_card();
    let rows: Vec<SubjectRow> = (1..=14)
        .map(|i| SubjectRow {
            subject: format!("Mata Pelajaran {i:02}"),
            grade: format!("{}", 70 + i),
            description: "Ananda menunjukkan penguasaan yang baik dalam memahami konsep dasar dan menerapkannya dalam pemecahan masalah sehari-hari serta menyampaikan gagasan secara runtut; perlu ditingkatkan dalam menuliskan langkah penyelesaian secara lengkap.".into(),
        })
        .collect();
    card.groups = vec![SubjectGroup {
        name: "Umum".into(),
        rows,
    }];
    let words = [
        "konsep", "gagasan", "data", "tugas", "unsur", "alat", "teks", "bilangan", "peta", "karya",
    ];
    let cards: Vec<ReportCard> = (0..n)
        .map(|k| {
            let mut c = card.clone();
            c.student.name = format!("Murid Nomor {k}");
            for (j, row) in c.groups[0].rows.iter_mut().enumerate() {
                row.description = format!(
                    "{} {} {} {}",
                    words[(k + j) % 10],
                    row.description,
                    words[(k * 7 + j * 3) % 10],
                    words[(k * 3 + j) % 10]
                );
            }
            c
        })
        .collect();
    let began = std::time::Instant::now();
    let (pdf, report) = if args.get(5).is_some_and(|a| a == "each") {
        let mut bytes = 0;
        let report = engine
            .render_each(
                &template,
                &Layout::default(),
                &Assets::default(),
                &Options::default(),
                &cards,
                &mut |_| true,
                &mut |_, _, pdf| {
                    bytes += pdf.len();
                    Ok(())
                },
            )
            .unwrap();
        (vec![0; bytes], report)
    } else {
        engine
            .render(
                &template,
                &Layout::default(),
                &Assets::default(),
                &Options::default(),
                &cards,
                &mut |_| true,
            )
            .unwrap()
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("");
    eprintln!(
        "cards={n} pages={} bytes={} wall={:.2} {:?} problems={:?} {hwm}",
        report.pages,
        pdf.len(),
        began.elapsed().as_secs_f64(),
        report.timings,
        report.template_problems
    );
}
