//! `schooldesk bench`: the sample school (`schooldesk_app::sample`, the
//! generator `schooldesk demo` uses) grown to 3,000 students, 150 teachers
//! and 90 classes, with the 13 subjects of the SMP curriculum, measured on SQLite and (given an empty
//! database) on PostgreSQL. It prints figures beside the targets; it asserts
//! nothing, and it is not part of the test suite.

use anyhow::{Context, Result};
use schooldesk_app::sample::{Sample, SampleSize};
use schooldesk_app::sheet::{write_sheet, Format, Kind};
use schooldesk_app::{App, DatabaseUrl, NewUser};
use schooldesk_core::{Actor, Class, Role};
use schooldesk_store::Query;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// An empty PostgreSQL database to measure as well (scripts/bench.sh makes one).
    #[arg(long)]
    postgres_url: Option<String>,
    #[arg(long, default_value_t = 3000)]
    students: usize,
    #[arg(long, default_value_t = 150)]
    teachers: usize,
    /// Classes in all (a third in each of grades 7, 8 and 9, rounded up).
    #[arg(long, default_value_t = 90)]
    classes: usize,
    /// The sample generator's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many times each read is timed.
    #[arg(long, default_value_t = 200)]
    repeats: usize,
    /// Another benchmark instead (`bench report-cards`: the print engine
    /// against wkhtmltopdf).
    #[command(subcommand)]
    pub what: Option<crate::bench_print::BenchWhat>,
}

struct Generated {
    teachers: Vec<u8>,
    classes: Vec<u8>,
    subjects: Vec<u8>,
    students: Vec<u8>,
}

/// The sample school's generator (`schooldesk demo` writes the same
/// school), as the import files the benchmark reads.
fn generate(args: &BenchArgs, sample: &Sample) -> Result<Generated> {
    let sheet = |kind, format| -> Result<Vec<u8>> {
        let (header, rows) = sample.import_rows(kind);
        Ok(write_sheet(format, &header, &rows)?)
    };
    anyhow::ensure!(
        sample.students.len() == args.students,
        "the sample has {} students",
        sample.students.len()
    );
    Ok(Generated {
        teachers: sheet(Kind::Teachers, Format::Csv)?,
        classes: sheet(Kind::Classes, Format::Csv)?,
        subjects: sheet(Kind::Subjects, Format::Csv)?,
        students: sheet(Kind::Students, Format::Xlsx)?,
    })
}

struct Figures {
    import: Duration,
    reimport: Duration,
    roster: (Duration, Duration),
    search: (Duration, Duration),
    roster_size: usize,
    search_hits: usize,
}

/// Median and 95th percentile of `repeats` runs, after a few warm-up runs.
async fn time_reads<F, Fut>(repeats: usize, mut f: F) -> Result<(Duration, Duration, usize)>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = Result<usize>>,
{
    let mut last = 0;
    for i in 0..5 {
        last = f(i).await?;
    }
    let mut times = Vec::with_capacity(repeats);
    for i in 0..repeats {
        let start = Instant::now();
        last = f(i).await?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok((times[times.len() / 2], times[times.len() * 95 / 100], last))
}

async fn measure(
    url: &DatabaseUrl,
    sample: &Sample,
    data: &Generated,
    args: &BenchArgs,
) -> Result<Figures> {
    let app = App::open(url, true).await?;
    let admin = school(&app, sample).await?;
    for (kind, bytes) in [
        (Kind::Teachers, &data.teachers),
        (Kind::Classes, &data.classes),
        (Kind::Subjects, &data.subjects),
    ] {
        app.import(&admin, kind, Format::Csv, bytes, false).await?;
    }
    let start = Instant::now();
    let report = app
        .import(&admin, Kind::Students, Format::Xlsx, &data.students, false)
        .await?;
    let import = start.elapsed();
    anyhow::ensure!(
        report.created == args.students,
        "import created {} students",
        report.created
    );
    let start = Instant::now();
    let again = app
        .import(&admin, Kind::Students, Format::Xlsx, &data.students, false)
        .await?;
    let reimport = start.elapsed();
    anyhow::ensure!(
        again.unchanged == args.students,
        "re-import changed records"
    );

    let classes = app.list::<Class>(&admin, &Query::all()).await?;
    let class_ids: Vec<_> = classes.iter().map(|c| c.id()).collect();
    let (roster_median, roster_p95, roster_size) = time_reads(args.repeats, |i| {
        let (app, admin, id) = (&app, &admin, class_ids[i % class_ids.len()]);
        async move { Ok(app.roster(admin, id).await?.len()) }
    })
    .await?;
    let fragments = [
        "sari", "WIJAYA", "ahmad pu", "tama", "nur kus", "0120", "zahra",
    ];
    let (search_median, search_p95, search_hits) = time_reads(args.repeats, |i| {
        let (app, admin, text) = (&app, &admin, fragments[i % fragments.len()]);
        async move { Ok(app.search_students(admin, text, 50).await?.len()) }
    })
    .await?;
    app.close().await;
    Ok(Figures {
        import,
        reimport,
        roster: (roster_median, roster_p95),
        search: (search_median, search_p95),
        roster_size,
        search_hits,
    })
}

/// Sets up the sample's school and year with an administrator for the
/// measurements; the records come from the import files.
async fn school(app: &App, sample: &Sample) -> Result<Actor> {
    let session = app
        .setup_school(
            sample.school.clone(),
            NewUser {
                login: "admin".into(),
                display_name: "Admin".into(),
                password: "bench-password".into(),
                roles: vec![Role::Admin],
                must_change_password: false,
            },
            Some(&sample.year.name),
        )
        .await
        .context("the bench needs an empty database")?;
    // The measurements sign in no one; leave no session behind.
    app.logout(&session.token).await?;
    Ok(session.actor)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub async fn run(args: &BenchArgs) -> Result<()> {
    let size = SampleSize {
        seed: args.seed,
        students: args.students,
        classes_per_grade: args.classes.div_ceil(3),
        teachers: args.teachers,
    };
    let sample = Sample::generate(size, chrono::Local::now().date_naive())?;
    let data = generate(args, &sample)?;
    println!(
        "Generated school: {} students ({} KB XLSX), {} teachers, {} classes, {} subjects; reads timed {} times each",
        sample.students.len(),
        data.students.len() / 1024,
        sample.teachers.len(),
        sample.classes.len(),
        sample.subjects.len(),
        args.repeats
    );
    let dir = tempfile::tempdir()?;
    let mut columns = vec![(
        "SQLite",
        measure(
            &DatabaseUrl::Sqlite(dir.path().join("bench.db")),
            &sample,
            &data,
            args,
        )
        .await?,
    )];
    if let Some(url) = &args.postgres_url {
        columns.push((
            "PostgreSQL",
            measure(&DatabaseUrl::parse(url)?, &sample, &data, args).await?,
        ));
    } else {
        println!("(no --postgres-url: PostgreSQL not measured; scripts/bench.sh provides one)");
    }
    let row = |label: &str, target: &str, f: &dyn Fn(&Figures) -> String| {
        let mut line = format!("{label:<34}");
        for (_, figures) in &columns {
            line.push_str(&format!("{:>16}", f(figures)));
        }
        line.push_str(&format!("   {target}"));
        println!("{line}");
    };
    let mut header = format!("{:<34}", "");
    for (name, _) in &columns {
        header.push_str(&format!("{name:>16}"));
    }
    header.push_str("   target");
    println!("{header}");
    row(
        &format!("import {} students (XLSX)", args.students),
        "<= 1 s on SQLite",
        &|f| format!("{:.3} s", f.import.as_secs_f64()),
    );
    row("re-import, nothing changes", "-", &|f| {
        format!("{:.3} s", f.reimport.as_secs_f64())
    });
    row("class roster, median", "<= 5 ms", &|f| ms(f.roster.0));
    row("class roster, p95", "-", &|f| ms(f.roster.1));
    row("search by part of name, median", "<= 5 ms", &|f| {
        ms(f.search.0)
    });
    row("search by part of name, p95", "-", &|f| ms(f.search.1));
    row("(students per roster / search hits)", "", &|f| {
        format!("{} / {}", f.roster_size, f.search_hits)
    });
    Ok(())
}
