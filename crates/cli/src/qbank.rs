//! `schooldesk qbank …` (issue 13): import a question file (a preview that
//! writes nothing, or `--confirm`), export a selection, search, approve,
//! and the search benchmark over a generated bank. The rules are
//! `schooldesk_app::qbank`'s; here are the words.

use crate::{sign_in, with_app, AuthArgs};
use anyhow::{bail, Context, Result};
use schooldesk_app::qbank::{DuplicateOf, ExportFormat, ImportOptions, QuestionSearch, MAX_LIMIT};
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::{Actor, Id, Subject};
use schooldesk_qbank as qb;
use schooldesk_store::Query;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to look for: words and filters.
#[derive(clap::Args, Clone, Default)]
pub(crate) struct Filters {
    /// Words the questions must hold (the last may be the start of a word).
    #[arg(long)]
    text: Option<String>,
    /// The subject's code (MTK, IPA …).
    #[arg(long)]
    subject: Option<String>,
    #[arg(long)]
    grade: Option<i64>,
    /// single_choice, multiple_response, true_false, matching,
    /// short_answer, numeric or essay.
    #[arg(long = "type")]
    kind: Option<String>,
    /// easy, medium or hard.
    #[arg(long)]
    difficulty: Option<String>,
    /// A tag the questions must have (repeat for several).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// draft, reviewed or approved.
    #[arg(long)]
    status: Option<String>,
}

#[derive(clap::Subcommand)]
pub(crate) enum QbankCommand {
    /// Write the XLSX template for bulk question entry (one question per
    /// row, one example row per type); `qbank import` reads it back.
    Template {
        #[arg(long)]
        out: PathBuf,
    },
    /// Read a question file (GIFT, Moodle XML, Aiken, a QTI 2.1 zip or the
    /// XLSX template, told
    /// apart by its content) and show what it would add, every problem by
    /// line or element, and the duplicates of the bank. Writes nothing
    /// without --confirm.
    Import {
        file: PathBuf,
        /// The subject's code the questions go to.
        #[arg(long)]
        subject: String,
        /// The grade level of questions whose file names none.
        #[arg(long)]
        grade: Option<i64>,
        /// Write them (all in one go).
        #[arg(long)]
        confirm: bool,
        /// Leave out the questions the bank already has (same or near stem).
        #[arg(long)]
        skip_duplicates: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Write the questions a search finds as a file.
    Export {
        /// gift, moodle-xml, qti or aiken.
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filters: Filters,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// List the questions that match words and filters.
    Search {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Move questions (by id) on to approved, or to --to reviewed or draft.
    /// Approving a draft reviews it first (both steps are audited).
    Approve {
        #[arg(required = true)]
        ids: Vec<Id>,
        #[arg(long, default_value = "approved")]
        to: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Fill a bank on a new database (SQLite, and PostgreSQL if given an
    /// empty one) and time searches over it: median and 95th percentile.
    Bench {
        #[arg(long, default_value_t = 100_000)]
        questions: usize,
        /// The SQLite file to make (replaced if it exists).
        #[arg(long, default_value = "qbank-bench.db")]
        sqlite: PathBuf,
        /// An empty PostgreSQL database to measure as well.
        #[arg(long)]
        postgres_url: Option<String>,
        /// How many times each search is timed.
        #[arg(long, default_value_t = 200)]
        repeats: usize,
    },
}

pub(crate) async fn run(url: &DatabaseUrl, command: &QbankCommand) -> Result<()> {
    if let QbankCommand::Template { out } = command {
        let bytes = schooldesk_app::qbank::question_template()?;
        std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
        println!(
            "{}: the question template ({} columns, one example row per type); fill it and run `schooldesk qbank import {} --subject CODE`",
            out.display(),
            qb::sheet::COLUMNS.len(),
            out.display()
        );
        return Ok(());
    }
    if let QbankCommand::Bench {
        questions,
        sqlite,
        postgres_url,
        repeats,
    } = command
    {
        let _ = std::fs::remove_file(sqlite);
        bench(&DatabaseUrl::Sqlite(sqlite.clone()), *questions, *repeats).await?;
        if let Some(pg) = postgres_url {
            bench(&DatabaseUrl::parse(pg)?, *questions, *repeats).await?;
        }
        return Ok(());
    }
    let app = App::open(url, false).await?;
    with_app(app, async |app| run_with(app, command).await).await
}

async fn subject_id(app: &App, actor: &Actor, code: &str) -> Result<Id> {
    let found = app
        .list::<Subject>(actor, &Query::all().eq("code", code.trim()))
        .await?;
    match found.first() {
        Some(s) => Ok(s.id()),
        None => bail!("no subject has the code {code:?}"),
    }
}

async fn search_of(app: &App, actor: &Actor, f: &Filters, limit: i64) -> Result<QuestionSearch> {
    Ok(QuestionSearch {
        text: f.text.clone().unwrap_or_default(),
        subject_id: match &f.subject {
            Some(code) => Some(subject_id(app, actor, code).await?),
            None => None,
        },
        grade_level: f.grade,
        kind: f.kind.clone(),
        difficulty: f.difficulty.clone(),
        tags: f.tags.clone(),
        status: f.status.clone(),
        limit: Some(limit),
    })
}

fn format_name(f: qb::Format) -> &'static str {
    match f {
        qb::Format::Gift => "GIFT",
        qb::Format::MoodleXml => "Moodle XML",
        qb::Format::Aiken => "Aiken",
        qb::Format::Qti => "QTI 2.1",
        qb::Format::Xlsx => "XLSX template",
    }
}

async fn run_with(app: &App, command: &QbankCommand) -> Result<()> {
    match command {
        QbankCommand::Import {
            file,
            subject,
            grade,
            confirm,
            skip_duplicates,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let options = ImportOptions {
                subject_id: subject_id(app, &actor, subject).await?,
                grade_level: *grade,
                skip_duplicates: *skip_duplicates,
            };
            let preview = app
                .preview_question_import(&actor, &bytes, &options)
                .await?;
            println!(
                "{}: {} question(s) to take, {} problem(s)",
                format_name(preview.format),
                preview.questions.len(),
                preview.problems.len()
            );
            for (kind, n) in &preview.counts {
                println!("  {kind}: {n}");
            }
            if preview.stimuli + preview.new_images > 0 {
                println!(
                    "  with {} shared stimulus(es), {} new image(s)",
                    preview.stimuli, preview.new_images
                );
            }
            for p in &preview.problems {
                println!("problem: {p}");
            }
            for q in &preview.questions {
                if let Some(d) = &q.duplicate {
                    let of = match &d.of {
                        DuplicateOf::Bank { id, name } => format!("the bank's {name:?} ({id})"),
                        DuplicateOf::File { position } => {
                            format!("question {position} of this file")
                        }
                    };
                    let how = if d.likeness == 100 {
                        "the same stem as".to_string()
                    } else {
                        format!("{} % of its words in common with", d.likeness)
                    };
                    println!(
                        "duplicate: question {} {:?} has {how} {of}",
                        q.position, q.name
                    );
                }
            }
            if *confirm {
                let done = app
                    .confirm_question_import(&actor, &bytes, &options)
                    .await?;
                println!(
                    "{} question(s) written as drafts{}",
                    done.added.len(),
                    if done.skipped > 0 {
                        format!(", {} duplicate(s) left out", done.skipped)
                    } else {
                        String::new()
                    }
                );
            } else {
                println!("nothing written; run again with --confirm to write them");
            }
        }
        QbankCommand::Export {
            format,
            out,
            filters,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let Some(format) = ExportFormat::parse(format) else {
                bail!("{format:?} is not a format; write gift, moodle-xml, qti or aiken");
            };
            let search = search_of(app, &actor, filters, MAX_LIMIT).await?;
            let ids: Vec<Id> = app
                .search_questions(&actor, &search)
                .await?
                .iter()
                .map(|q| q.id())
                .collect();
            let exported = app.export_questions(&actor, &ids, format).await?;
            std::fs::write(out, &exported.bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "{} question(s) written to {}",
                exported.count,
                out.display()
            );
            for note in &exported.notes {
                println!("note: {note}");
            }
        }
        QbankCommand::Search {
            filters,
            limit,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let search = search_of(app, &actor, filters, *limit).await?;
            let found = app.search_questions(&actor, &search).await?;
            for q in &found {
                let d = &q.data;
                let stem: String = d.stem_key.chars().take(60).collect();
                println!(
                    "{}  {:<8}  v{}  {:<17}  {}  {}",
                    q.id(),
                    d.status,
                    d.current_version,
                    d.kind,
                    d.name,
                    stem
                );
            }
            println!("{} question(s)", found.len());
        }
        QbankCommand::Approve { ids, to, auth } => {
            let actor = sign_in(app, auth).await?;
            for id in ids {
                let record = app.question(&actor, *id).await?;
                let mut head = record.head;
                if to == "approved" && head.data.status == "draft" {
                    head = app
                        .set_question_status(&actor, *id, head.version(), "reviewed")
                        .await?;
                }
                let head = app
                    .set_question_status(&actor, *id, head.version(), to)
                    .await?;
                println!(
                    "{id}: {} (version {})",
                    head.data.status, head.data.current_version
                );
            }
        }
        QbankCommand::Bench { .. } | QbankCommand::Template { .. } => {
            unreachable!("handled in run")
        }
    }
    Ok(())
}

/// A small deterministic generator (SplitMix64) for the benchmark's bank.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small numbers, as words in real text are.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a * b / n
    }
}

/// 4,000 made-up words of two to four syllables.
fn vocabulary() -> Vec<String> {
    const SYL: [&str; 20] = [
        "ka", "ra", "si", "tu", "me", "lo", "pa", "ni", "da", "gu", "be", "ja", "wi", "so", "ha",
        "ma", "te", "ri", "nu", "la",
    ];
    let mut rng = Rng(7);
    let mut words: Vec<String> = Vec::new();
    while words.len() < 4000 {
        let n = 2 + rng.below(3);
        let w: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

fn generated_question(rng: &mut Rng, vocab: &[String], n: usize) -> qb::Question {
    let mut sentence = |len: usize| -> String {
        (0..len)
            .map(|_| vocab[rng.skewed(vocab.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let stem = format!("{}?", sentence(12));
    let options: Vec<qb::ChoiceOption> = (0..4)
        .map(|i| qb::ChoiceOption {
            text: qb::RichText::from_plain(&sentence(3)),
            weight: qb::percent(if i == 0 { "100" } else { "0" }),
            feedback: qb::RichText::empty(),
            pinned: false,
        })
        .collect();
    let mut q = qb::Question::new(
        format!("Soal {n}"),
        qb::RichText::from_plain(&stem),
        qb::Body::SingleChoice {
            options,
            shuffle: true,
        },
    );
    q.meta.grade_level = Some(7 + (n % 3) as u8);
    q.meta.difficulty = Some(
        [
            qb::Difficulty::Easy,
            qb::Difficulty::Medium,
            qb::Difficulty::Hard,
        ][n % 3 / 2 + n % 2],
    );
    q.meta.tags = vec![format!("bab {}", 1 + n % 12)];
    if n.is_multiple_of(5) {
        q.meta.tags.push("uts".into());
    }
    q
}

/// Median and 95th percentile of `repeats` timed runs, after five warm-up
/// runs; and the hits of the last.
async fn time<F, Fut>(repeats: usize, mut f: F) -> Result<(Duration, Duration, usize)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<usize>>,
{
    let mut hits = 0;
    for _ in 0..5 {
        hits = f().await?;
    }
    let mut times = Vec::with_capacity(repeats);
    for _ in 0..repeats.max(1) {
        let t = Instant::now();
        hits = f().await?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok((times[times.len() / 2], times[times.len() * 95 / 100], hits))
}

async fn bench(url: &DatabaseUrl, questions: usize, repeats: usize) -> Result<()> {
    use schooldesk_app::sample::SampleSize;
    use schooldesk_core::Role;

    let app = App::open(url, true).await?;
    let created = app
        .create_sample_school(SampleSize {
            students: 30,
            classes_per_grade: 1,
            teachers: 10,
            seed: 1,
        })
        .await?;
    let kind = app.health().await?.backend;
    let admin = created
        .logins
        .iter()
        .find(|l| l.roles.contains(&Role::Admin))
        .context("the sample has no administrator")?;
    let actor = app.authenticate(&admin.login, &admin.password).await?;
    let subjects = app
        .list::<Subject>(&actor, &Query::all().order("code"))
        .await?;
    anyhow::ensure!(!subjects.is_empty(), "the sample has no subjects");
    let vocab = vocabulary();
    let mut rng = Rng(42);
    let started = Instant::now();
    const BATCH: usize = 5_000;
    let mut written = 0;
    while written < questions {
        let n = BATCH.min(questions - written);
        let subject = subjects[(written / BATCH) % subjects.len()].id();
        let bank = qb::Bank {
            questions: (written..written + n)
                .map(|i| generated_question(&mut rng, &vocab, i))
                .collect(),
            ..qb::Bank::default()
        };
        app.add_questions(&actor, subject, &bank).await?;
        written += n;
    }
    println!(
        "{kind}: {questions} questions written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let common = vocab[0].clone();
    let middle = vocab[300].clone();
    let rare = vocab[3000].clone();
    let prefix: String = vocab[1500].chars().take(4).collect();
    let s = QuestionSearch::default;
    let cases: Vec<(&str, QuestionSearch)> = vec![
        (
            "a common word",
            QuestionSearch {
                text: common.clone(),
                ..s()
            },
        ),
        (
            "a middling word",
            QuestionSearch {
                text: middle.clone(),
                ..s()
            },
        ),
        (
            "a rare word",
            QuestionSearch {
                text: rare.clone(),
                ..s()
            },
        ),
        (
            "two words",
            QuestionSearch {
                text: format!("{middle} {common}"),
                ..s()
            },
        ),
        (
            "a word's start",
            QuestionSearch {
                text: prefix,
                ..s()
            },
        ),
        (
            "a word, subject, grade, difficulty",
            QuestionSearch {
                text: middle.clone(),
                subject_id: Some(subjects[0].id()),
                grade_level: Some(8),
                difficulty: Some("medium".into()),
                ..s()
            },
        ),
        (
            "a word and a tag",
            QuestionSearch {
                text: common.clone(),
                tags: vec!["uts".into()],
                ..s()
            },
        ),
        (
            "filters only: subject, status, type",
            QuestionSearch {
                subject_id: Some(subjects[0].id()),
                status: Some("draft".into()),
                kind: Some("single_choice".into()),
                ..s()
            },
        ),
        (
            "a tag only",
            QuestionSearch {
                tags: vec!["bab 7".into()],
                ..s()
            },
        ),
    ];
    println!("{kind}: search over {questions} questions, 50 answers at most, {repeats} runs each (target ≤ 50 ms)");
    for (what, search) in cases {
        let (median, p95, hits) = time(repeats, || {
            let app = &app;
            let actor = &actor;
            let search = search.clone();
            async move { Ok(app.search_questions(actor, &search).await?.len()) }
        })
        .await?;
        println!(
            "  {what:<38} median {:>7.2} ms  p95 {:>7.2} ms  ({hits} found)",
            median.as_secs_f64() * 1000.0,
            p95.as_secs_f64() * 1000.0
        );
    }
    app.close().await;
    Ok(())
}

/// The demo school's bank (`schooldesk demo`): the questions of
/// `demo/bank.gift` in mathematics, grade 7, written as the administrator;
/// the first half approved (each step audited), the rest left as drafts.
/// A failure is said and leaves the rest of the demo school as it is.
pub(crate) async fn demo_bank(app: &App, logins: &[schooldesk_app::sample::SampleLogin]) {
    let made = async {
        let admin = logins
            .iter()
            .find(|l| l.roles.contains(&schooldesk_core::Role::Admin))
            .context("the sample has no administrator")?;
        let actor = app.authenticate(&admin.login, &admin.password).await?;
        let options = ImportOptions {
            subject_id: subject_id(app, &actor, "MTK").await?,
            grade_level: Some(7),
            skip_duplicates: false,
        };
        let done = app
            .confirm_question_import(&actor, include_bytes!("demo/bank.gift"), &options)
            .await?;
        anyhow::ensure!(done.problems.is_empty(), "{:?}", done.problems);
        let approved = done.added.len() / 2;
        for id in &done.added[..approved] {
            let head = app.question(&actor, *id).await?.head;
            let head = app
                .set_question_status(&actor, *id, head.version(), "reviewed")
                .await?;
            app.set_question_status(&actor, *id, head.version(), "approved")
                .await?;
        }
        Ok::<_, anyhow::Error>((done.added.len(), approved))
    };
    match made.await {
        Ok((n, approved)) => println!(
            "The question bank has {n} mathematics questions for grade 7 ({approved} approved, the rest drafts): `schooldesk qbank search --subject MTK`."
        ),
        Err(e) => println!("The demo question bank was not made: {e:#}"),
    }
}
