//! `schooldesk bench`: a generated school of 3,000 students, 150 teachers,
//! 90 classes and 40 subjects, measured on SQLite and (given an empty
//! database) on PostgreSQL. It prints figures beside the targets; it asserts
//! nothing, and it is not part of the test suite.

use anyhow::{Context, Result};
use schooldesk_app::sheet::{write_sheet, Format, Kind};
use schooldesk_app::{App, DatabaseUrl, NewUser};
use schooldesk_core::{AcademicYear, Actor, Class, Role};
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
    #[arg(long, default_value_t = 90)]
    classes: usize,
    #[arg(long, default_value_t = 40)]
    subjects: usize,
    /// How many times each read is timed.
    #[arg(long, default_value_t = 200)]
    repeats: usize,
}

const FIRST: &[&str] = &[
    "Ahmad", "Siti", "Budi", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra", "Joko", "Kartika",
    "Lestari", "Made", "Nur", "Oka", "Putri", "Rizki", "Sari", "Taufik", "Umi", "Wayan", "Yusuf",
    "Zahra", "Agus",
];
const LAST: &[&str] = &[
    "Pratama",
    "Wijaya",
    "Saputra",
    "Lestari",
    "Hidayat",
    "Nugroho",
    "Kusuma",
    "Santoso",
    "Siregar",
    "Nasution",
    "Halim",
    "Gunawan",
    "Rahmawati",
    "Permata",
    "Setiawan",
    "Susanto",
    "Utami",
    "Hasibuan",
];
const RELIGIONS: &[&str] = &[
    "Islam", "Islam", "Islam", "Kristen", "Katolik", "Hindu", "Buddha",
];

struct Generated {
    teachers: Vec<u8>,
    classes: Vec<u8>,
    subjects: Vec<u8>,
    students: Vec<u8>,
}

fn name(i: usize) -> String {
    format!(
        "{} {} {}",
        FIRST[i % FIRST.len()],
        FIRST[(i / FIRST.len()) % FIRST.len()],
        LAST[(i / 7) % LAST.len()]
    )
}

fn generate(args: &BenchArgs) -> Result<Generated> {
    let teachers: Vec<Vec<String>> = (0..args.teachers)
        .map(|i| {
            vec![
                format!("{} {}, S.Pd.", FIRST[i % FIRST.len()], LAST[i % LAST.len()]),
                format!("19800101{:010}", 2_000_000_000u64 + i as u64),
                String::new(),
                if i % 2 == 0 { "L" } else { "P" }.into(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    let levels = ["VII", "VIII", "IX"];
    let per_level = args.classes.div_ceil(levels.len());
    let class_names: Vec<String> = (0..args.classes)
        .map(|i| format!("{}-{}", levels[i / per_level], i % per_level + 1))
        .collect();
    let classes: Vec<Vec<String>> = class_names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                n.clone(),
                (7 + i / per_level).to_string(),
                String::new(),
                teachers[i % teachers.len()][1].clone(),
            ]
        })
        .collect();
    let subjects: Vec<Vec<String>> = (0..args.subjects)
        .map(|i| {
            vec![
                format!("S{i:02}"),
                format!("Mata Pelajaran {i}"),
                "A".into(),
                "no".into(),
            ]
        })
        .collect();
    let students: Vec<Vec<String>> = (0..args.students)
        .map(|i| {
            vec![
                format!("{}", 250_000 + i),
                format!("{:010}", 100_000_000 + i),
                name(i),
                if i % 2 == 0 { "L" } else { "P" }.into(),
                "Bandung".into(),
                format!("2011-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                RELIGIONS[i % RELIGIONS.len()].into(),
                format!("Jl. Merdeka No. {}", i + 1),
                "active".into(),
                class_names[i % class_names.len()].clone(),
            ]
        })
        .collect();
    Ok(Generated {
        teachers: write_sheet(
            Format::Csv,
            &["full_name", "nip", "nuptk", "gender", "phone", "email"],
            &teachers,
        )?,
        classes: write_sheet(
            Format::Csv,
            &["name", "grade_level", "year", "homeroom"],
            &classes,
        )?,
        subjects: write_sheet(
            Format::Csv,
            &["code", "name", "group", "religion_specific"],
            &subjects,
        )?,
        students: write_sheet(
            Format::Xlsx,
            &[
                "nis",
                "nisn",
                "full_name",
                "gender",
                "birth_place",
                "birth_date",
                "religion",
                "address",
                "status",
                "class",
            ],
            &students,
        )?,
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

async fn measure(url: &DatabaseUrl, data: &Generated, args: &BenchArgs) -> Result<Figures> {
    let app = App::open(url, true).await?;
    let admin = school(&app).await?;
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
        "sari",
        "WIJAYA",
        "ahmad pu",
        "tama",
        "ni kus",
        "0100000123",
        "zahra",
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

async fn school(app: &App) -> Result<Actor> {
    let session = app
        .setup_school(
            schooldesk_core::School {
                name: "SMP Bench".into(),
                npsn: "20299999".into(),
                address: "Jl. Ukur".into(),
                principal_name: "Kepala Sekolah".into(),
                principal_nip: None,
                logo: None,
                logo_mime: None,
            },
            NewUser {
                login: "admin".into(),
                display_name: "Admin".into(),
                password: "bench-password".into(),
                roles: vec![Role::Admin],
            },
        )
        .await
        .context("the bench needs an empty database")?;
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).context("date");
    app.create_year_with_terms(
        &session.actor,
        &AcademicYear {
            name: "2025/2026".into(),
            start_date: d(2025, 7, 1)?,
            end_date: d(2026, 6, 30)?,
            is_current: true,
        },
        &[
            (d(2025, 7, 1)?, d(2025, 12, 31)?),
            (d(2026, 1, 1)?, d(2026, 6, 30)?),
        ],
    )
    .await?;
    // The measurements sign in no one; leave no session behind.
    app.logout(&session.token).await?;
    Ok(session.actor)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub async fn run(args: &BenchArgs) -> Result<()> {
    let data = generate(args)?;
    println!(
        "Generated school: {} students ({} KB XLSX), {} teachers, {} classes, {} subjects; reads timed {} times each",
        args.students,
        data.students.len() / 1024,
        args.teachers,
        args.classes,
        args.subjects,
        args.repeats
    );
    let dir = tempfile::tempdir()?;
    let mut columns = vec![(
        "SQLite",
        measure(
            &DatabaseUrl::Sqlite(dir.path().join("bench.db")),
            &data,
            args,
        )
        .await?,
    )];
    if let Some(url) = &args.postgres_url {
        columns.push((
            "PostgreSQL",
            measure(&DatabaseUrl::parse(url)?, &data, args).await?,
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
