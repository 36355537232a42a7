//! `schooldesk exam …` (issue 13 items 4–6, 9): assemble a paper from a
//! blueprint file and print its variants, answer sheets (with their layout
//! as JSON beside the PDF), keys and kisi-kisi. The rules are
//! `schooldesk_app::exam`'s; here are the words.

use crate::{sign_in, with_app, AuthArgs};
use anyhow::{bail, Context, Result};
use schooldesk_app::exam::{NewPaper, PrintRequest, Section, DEFAULT_RECENT};
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::{Actor, Class, Id, Subject};
use schooldesk_documents::exam::SheetArea;
use schooldesk_documents::Language;
use schooldesk_print::{Asset, Assets, Builtin, Engine, Layout, Options, Paper, Template};
use schooldesk_qbank::assemble::BlueprintRow;
use schooldesk_store::Query;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub(crate) enum ExamCommand {
    /// Make a paper of a class from a blueprint (a JSON file of rows:
    /// outcome, topic, indicator, cognitive, kind, count, points) and fill it
    /// from the bank's approved questions. Rows the bank cannot fill are
    /// listed; the paper stays a draft unless --final.
    Assemble {
        /// The subject's code (MTK …).
        #[arg(long)]
        subject: String,
        /// The class's name ("VII A").
        #[arg(long)]
        class: String,
        /// The blueprint's rows, as JSON.
        #[arg(long)]
        rows: PathBuf,
        /// The exam's name ("Penilaian Akhir Semester").
        #[arg(long)]
        name: String,
        /// The exam's date, YYYY-MM-DD.
        #[arg(long)]
        date: chrono::NaiveDate,
        /// Minutes.
        #[arg(long, default_value_t = 90)]
        duration: i64,
        #[arg(long, default_value = "")]
        instructions: String,
        /// A section title (repeat for several; rows go to sections by
        /// question type, in order of first appearance).
        #[arg(long = "section")]
        sections: Vec<String>,
        /// The grade level of the blueprint (default: the class's).
        #[arg(long)]
        grade: Option<i64>,
        /// Avoid the questions of this many earlier papers of the class.
        #[arg(long, default_value_t = DEFAULT_RECENT)]
        recent: usize,
        /// Make the paper final (refused when a row is short).
        #[arg(long = "final")]
        make_final: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Print a paper: variants A, B, C…, each followed by its answer sheet
    /// (--answer-sheets; the sheet's layout goes to OUT.ljk.json), then the
    /// keys (--key) and the kisi-kisi (--blueprint).
    Print {
        /// The paper's id (`exam assemble` says it).
        paper: Id,
        #[arg(long, default_value_t = 1)]
        variants: u32,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        answer_sheets: bool,
        #[arg(long)]
        key: bool,
        #[arg(long)]
        blueprint: bool,
        /// 1 or 2.
        #[arg(long, default_value_t = 2)]
        columns: u8,
        /// A4 or F4.
        #[arg(long, default_value = "A4")]
        paper_size: String,
        /// id (Bahasa Indonesia) or en.
        #[arg(long, default_value = "id")]
        language: String,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Results of a final or released paper (issue 13 item 7).
    Results {
        #[command(subcommand)]
        command: ResultsCommand,
    },
    /// The item analysis of a paper over its stored results: per question
    /// the difficulty index p (mudah / sedang / sukar), the discrimination D
    /// (upper − lower 27 %) with its band, the point-biserial and the
    /// distractor table; KR-20 and Cronbach's α for the paper.
    Analysis {
        paper: Id,
        /// One CSV row per question instead of the text table.
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Issue 13's benchmark (no login, a new sample school in a temporary
    /// SQLite file): COPIES individually shuffled copies of a 40-question,
    /// five-option paper with math and one image, each followed by its
    /// answer sheet, into one PDF; prints wall time, CPU time and peak
    /// memory of the printing.
    Bench {
        #[arg(long, default_value_t = 100)]
        copies: u32,
        #[arg(long, default_value = "exam-bench.pdf")]
        out: PathBuf,
        /// Only make the sample school and its paper, in this new SQLite
        /// file, and say the paper's id and an administrator's login and
        /// password (lines `paper ID`, `login L`, `password P`), so that
        /// `exam print` can be timed as a whole process on it.
        #[arg(long, value_name = "FILE.db")]
        prepare: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub(crate) enum ResultsCommand {
    /// Read a results file (.csv or .xlsx): a header row `nis, variant, 1,
    /// 2, …` and one row per student of the paper's class with the answer
    /// to each question as their variant numbered and lettered it (a
    /// letter, letters for multiple response, one letter per prompt for
    /// matching, text, a number, an essay's points). Every problem is
    /// listed by row and column, and nothing is stored unless the whole
    /// file is right.
    Import {
        paper: Id,
        file: PathBuf,
        /// Check and score only; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// A wrong choice or true/false answer costs the question's points
        /// ÷ (options − 1).
        #[arg(long)]
        negative_marking: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
    /// Send a marked paper's stored scores to the gradebook: one column of
    /// the paper's class under a component of the subject's scheme, each
    /// score scaled to 0–100 (score ÷ points × 100, rounded once to
    /// hundredths, half away from zero; below 0 is 0). Refused, writing
    /// nothing, when the column already has scores, unless --replace.
    SendToGradebook {
        paper: Id,
        /// The component, by name or kind ("PTS", "mid_term").
        #[arg(long)]
        component: String,
        /// The semester, by name or number, when the subject has schemes
        /// in more than one.
        #[arg(long)]
        term: Option<String>,
        /// The column's name (default: the exam's name).
        #[arg(long, default_value = "")]
        column: String,
        /// Overwrite the column's scores for these students.
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        auth: AuthArgs,
    },
}

pub(crate) async fn run(url: &DatabaseUrl, command: &ExamCommand) -> Result<()> {
    if let ExamCommand::Bench {
        copies,
        out,
        prepare,
    } = command
    {
        return match prepare {
            Some(file) => prepare_bench_file(file).await,
            None => bench(*copies, out).await,
        };
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

async fn class_of(app: &App, actor: &Actor, name: &str) -> Result<(Id, i64)> {
    let year = app
        .current_year(actor)
        .await?
        .context("the school has no current academic year")?;
    let found = app
        .list::<Class>(
            actor,
            &Query::all()
                .eq("name", name.trim())
                .eq("academic_year_id", year.id()),
        )
        .await?;
    match found.first() {
        Some(c) => Ok((c.id(), c.data.grade_level)),
        None => bail!("no class of {} is named {name:?}", year.data.name),
    }
}

/// Reads a blueprint file: a JSON array of rows; a problem names the line
/// and column.
pub(crate) fn read_rows(path: &std::path::Path) -> Result<Vec<BlueprintRow>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: line {}, column {}: {e} (each row: outcome, topic, indicator, cognitive C1–C6 or null, kind single_choice|multiple_response|true_false|matching|short_answer|numeric|essay, count, points)",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

/// Assembles a paper; returns its id and how many rows were short.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn assemble(
    app: &App,
    actor: &Actor,
    subject: &str,
    class: &str,
    rows: &[BlueprintRow],
    name: &str,
    date: chrono::NaiveDate,
    duration: i64,
    instructions: &str,
    sections: &[String],
    grade: Option<i64>,
    recent: usize,
    make_final: bool,
) -> Result<(Id, usize)> {
    let subject_id = subject_id(app, actor, subject).await?;
    let (class_id, class_grade) = class_of(app, actor, class).await?;
    let bp = app
        .create_blueprint(
            actor,
            subject_id,
            grade.unwrap_or(class_grade),
            &format!("Kisi-kisi {name}"),
            rows,
        )
        .await?;
    let sections: Vec<Section> = if sections.is_empty() {
        vec![Section {
            title: "Soal".into(),
            instructions: String::new(),
        }]
    } else {
        sections
            .iter()
            .map(|t| Section {
                title: t.clone(),
                instructions: String::new(),
            })
            .collect()
    };
    let paper = app
        .create_exam_paper(
            actor,
            &NewPaper {
                subject_id,
                class_id,
                blueprint_id: Some(bp.id()),
                exam_name: name.to_string(),
                exam_date: date,
                duration_minutes: duration,
                instructions: instructions.to_string(),
                sections,
            },
        )
        .await?;
    let filled = app
        .fill_exam_paper(actor, paper.id(), paper.version(), recent)
        .await?;
    println!(
        "paper {} ({name}, {class}): {} question(s) from the bank",
        paper.id(),
        filled.view.items.len()
    );
    for s in &filled.shortages {
        eprintln!("short: {s}");
    }
    if make_final {
        if !filled.shortages.is_empty() {
            bail!(
                "the paper stays a draft: {} row(s) of the blueprint are short (listed above)",
                filled.shortages.len()
            );
        }
        app.set_exam_paper_status(actor, paper.id(), filled.view.paper.version(), "final")
            .await?;
        println!("the paper is final");
    }
    Ok((paper.id(), filled.shortages.len()))
}

async fn run_with(app: &App, command: &ExamCommand) -> Result<()> {
    match command {
        ExamCommand::Assemble {
            subject,
            class,
            rows,
            name,
            date,
            duration,
            instructions,
            sections,
            grade,
            recent,
            make_final,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let rows = read_rows(rows)?;
            assemble(
                app,
                &actor,
                subject,
                class,
                &rows,
                name,
                *date,
                *duration,
                instructions,
                sections,
                *grade,
                *recent,
                *make_final,
            )
            .await?;
            Ok(())
        }
        ExamCommand::Bench { .. } => unreachable!("handled in run"),
        ExamCommand::Results {
            command:
                ResultsCommand::Import {
                    paper,
                    file,
                    dry_run,
                    negative_marking,
                    auth,
                },
        } => {
            let actor = sign_in(app, auth).await?;
            import_results(app, &actor, *paper, file, *dry_run, *negative_marking).await
        }
        ExamCommand::Results {
            command:
                ResultsCommand::SendToGradebook {
                    paper,
                    component,
                    term,
                    column,
                    replace,
                    auth,
                },
        } => {
            let actor = sign_in(app, auth).await?;
            send_to_gradebook(
                app,
                &actor,
                *paper,
                component,
                term.as_deref(),
                column,
                *replace,
            )
            .await
        }
        ExamCommand::Analysis { paper, csv, auth } => {
            let actor = sign_in(app, auth).await?;
            let analysis = app.exam_analysis(&actor, *paper).await?;
            if *csv {
                print!("{}", analysis_csv(&analysis)?);
            } else {
                print!("{}", analysis_text(&analysis));
            }
            Ok(())
        }
        ExamCommand::Print {
            paper,
            variants,
            out,
            answer_sheets,
            key,
            blueprint,
            columns,
            paper_size,
            language,
            auth,
        } => {
            let actor = sign_in(app, auth).await?;
            let size = Paper::parse(paper_size)
                .filter(|p| matches!(p, Paper::A4 | Paper::F4))
                .with_context(|| format!("--paper-size must be A4 or F4, not {paper_size:?}"))?;
            let language = match language.as_str() {
                "id" => Language::Id,
                "en" => Language::En,
                other => bail!("--language must be id or en, not {other:?}"),
            };
            if !(1..=2).contains(columns) {
                bail!("--columns must be 1 or 2, not {columns}");
            }
            let layout = Layout {
                paper: size,
                ..Layout::default()
            };
            let (w, h) = size.size_mm();
            let m = layout.margins_mm;
            let request = PrintRequest {
                variants: *variants,
                answer_sheets: u32::from(*answer_sheets),
                key: *key,
                blueprint: *blueprint,
                columns: *columns,
                language,
                sheet_area: SheetArea {
                    width: w - m.left - m.right,
                    height: h - m.top - m.bottom,
                },
                student_digits: 10,
            };
            let job = app.exam_print_job(&actor, *paper, &request).await?;
            let images: Vec<Asset> = job
                .images
                .iter()
                .map(|(path, bytes)| Asset::new(path.clone(), bytes.clone()))
                .collect();
            let file = std::fs::File::create(out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            let (_, report) = Engine::new().render_to_with(
                &Template::builtin(Builtin::Exam),
                &layout,
                &Assets::default(),
                &images,
                &Options::default(),
                &job.documents,
                &mut |_| true,
                std::io::BufWriter::new(file),
            )?;
            println!(
                "{}: {} variant(s), {} document(s), {} page(s)",
                out.display(),
                variants,
                job.documents.len(),
                report.pages
            );
            if !job.sheet_layouts.is_empty() {
                let path = out.with_extension("ljk.json");
                let layouts: std::collections::BTreeMap<
                    &str,
                    &schooldesk_documents::exam::SheetLayout,
                > = job
                    .sheet_layouts
                    .iter()
                    .map(|(v, l)| (v.as_str(), l))
                    .collect();
                std::fs::write(&path, serde_json::to_string_pretty(&layouts)?)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!(
                    "{}: where every bubble of the answer sheets is",
                    path.display()
                );
            }
            Ok(())
        }
    }
}

/// The demo's sample paper: the approved questions of its bank, one row
/// per question type, for the first class of grade 7.
pub(crate) async fn demo_paper(app: &App, logins: &[schooldesk_app::sample::SampleLogin]) {
    let made = async {
        let admin = logins
            .iter()
            .find(|l| l.roles.contains(&schooldesk_core::Role::Admin))
            .context("the sample has no administrator")?;
        let actor = app.authenticate(&admin.login, &admin.password).await?;
        let subject = subject_id(app, &actor, "MTK").await?;
        let approved = app
            .search_questions(
                &actor,
                &schooldesk_app::qbank::QuestionSearch {
                    subject_id: Some(subject),
                    status: Some("approved".into()),
                    limit: Some(1000),
                    ..Default::default()
                },
            )
            .await?;
        let mut counts: Vec<(String, u32)> = Vec::new();
        for q in &approved {
            match counts.iter_mut().find(|(k, _)| *k == q.data.kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((q.data.kind.clone(), 1)),
            }
        }
        let rows: Vec<BlueprintRow> = counts
            .iter()
            .map(|(kind, count)| {
                serde_json::from_value(serde_json::json!({
                    "outcome": "", "topic": "", "indicator": format!("Soal {kind}"),
                    "cognitive": null, "kind": kind, "count": count, "points": "2",
                }))
            })
            .collect::<Result<_, _>>()?;
        let year = app
            .current_year(&actor)
            .await?
            .context("the sample has no current year")?;
        let date = year.data.start_date + chrono::Duration::days(60);
        let classes = app
            .list::<Class>(
                &actor,
                &Query::all()
                    .eq("grade_level", 7i64)
                    .eq("academic_year_id", year.id())
                    .order("name"),
            )
            .await?;
        let class = classes
            .first()
            .context("the sample has no class of grade 7")?;
        let (id, short) = assemble(
            app,
            &actor,
            "MTK",
            &class.data.name,
            &rows,
            "Penilaian Tengah Semester",
            date,
            90,
            "Kerjakan semua soal dengan teliti.",
            &["A. Soal".to_string()],
            Some(7),
            DEFAULT_RECENT,
            true,
        )
        .await?;
        let students = demo_results(app, &actor, id).await?;
        Ok::<_, anyhow::Error>((id, short, students))
    };
    match made.await {
        Ok((id, _, students)) => println!(
            "A sample exam paper (final) of mathematics for grade 7 is ready: `schooldesk exam print {id} --variants 2 --answer-sheets --key --out ujian.pdf`; with sample results of {students} student(s): `schooldesk exam analysis {id}`."
        ),
        Err(e) => println!("The demo exam paper was not made: {e:#}"),
    }
}

/// The demo's sample results: every student of the class writes variant
/// A or B, and answers right or wrong by a fixed pattern (stronger
/// students and easier questions more often right), so the analysis shows
/// every band. Returns how many students were stored.
async fn demo_results(app: &App, actor: &Actor, paper: Id) -> Result<usize> {
    use schooldesk_app::exam_results::Rules;
    use schooldesk_qbank::variant::KeyAnswer;
    let students = app.exam_roster(actor, paper).await?;
    // The sample paper was printed as A and B (a results file may name
    // only a printed variant); the job itself is not rendered here.
    let (w, h) = Paper::A4.size_mm();
    let m = Layout::default().margins_mm;
    let printed = PrintRequest {
        variants: 2,
        answer_sheets: 1,
        key: true,
        blueprint: false,
        columns: 2,
        language: Language::Id,
        sheet_area: SheetArea {
            width: w - m.left - m.right,
            height: h - m.top - m.bottom,
        },
        student_digits: 10,
    };
    app.exam_print_job(actor, paper, &printed).await?;
    let variants = app.exam_variants(actor, paper, 2).await?;
    let count = variants[0].0.items.len();
    let mut header = vec!["nis".to_string(), "variant".to_string()];
    header.extend((1..=count).map(|n| n.to_string()));
    let mut text = csv_line(&header);
    for (s, student) in students.iter().enumerate() {
        let (variant, key) = &variants[s % 2];
        let mut cells = vec![student.data.nis.clone(), variant.code.clone()];
        for item in &variant.items {
            let entry = &key.entries[&item.question];
            // Ability 3..8 of 10 by student, against a fixed spread of
            // question and student.
            let ability = 3 + s % 6;
            let right = (item.number * 37 + s * 11) % 10 < ability;
            cells.push(match (&entry.answer, right) {
                (KeyAnswer::Choice { right: r }, true) => {
                    r.iter().map(|(l, _)| l.as_str()).collect()
                }
                (KeyAnswer::Choice { right: r }, false) => ["A", "B", "C", "D", "E"]
                    .into_iter()
                    .find(|l| !r.iter().any(|(x, _)| x == l))
                    .unwrap_or("A")
                    .to_string(),
                (KeyAnswer::TrueFalse { correct }, ok) => {
                    (if *correct == ok { "A" } else { "B" }).to_string()
                }
                (KeyAnswer::Matching { letters }, true) => letters.join(","),
                (KeyAnswer::Matching { letters }, false) => vec!["-"; letters.len()].join(","),
                (KeyAnswer::ShortAnswer { accepted, .. }, true) => {
                    accepted.first().map(|(t, _)| t.clone()).unwrap_or_default()
                }
                (KeyAnswer::ShortAnswer { .. }, false) => "tidak tahu".to_string(),
                (KeyAnswer::Numeric { accepted }, true) => accepted
                    .first()
                    .map(|(a, _)| a.as_tolerance().0.to_string())
                    .unwrap_or_default(),
                (KeyAnswer::Numeric { .. }, false) => String::new(),
                (KeyAnswer::Essay { max_points }, true) => max_points.to_string(),
                (KeyAnswer::Essay { max_points }, false) => max_points.divided_by(4, 2).to_string(),
            });
        }
        text.push_str(&csv_line(&cells));
    }
    let report = app
        .import_exam_results(
            actor,
            paper,
            schooldesk_app::sheet::Format::Csv,
            text.as_bytes(),
            Rules::default(),
            false,
        )
        .await?;
    Ok(report.students.len())
}

/// CPU seconds (user + system) and peak resident memory (MB) of this
/// process so far, from /proc (Linux).
fn usage() -> (f64, f64) {
    let cpu = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
            // Fields 14 and 15 (utime, stime), counted after the name.
            let ticks: f64 =
                after.get(11)?.parse::<f64>().ok()? + after.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0);
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0);
    (cpu, rss)
}

/// The benchmark's school: a new sample school with 40 approved
/// five-option questions (14 with math, one with an image) and a final
/// paper of its class VII A from them. Says the paper and the
/// administrator's login and password.
async fn bench_school(app: &App) -> Result<(Id, String, String)> {
    use schooldesk_qbank as qb;
    let made = app
        .create_sample_school(schooldesk_app::sample::SampleSize {
            students: 60,
            classes_per_grade: 1,
            teachers: 12,
            ..Default::default()
        })
        .await?;
    let admin = made
        .logins
        .iter()
        .find(|l| l.roles.contains(&schooldesk_core::Role::Admin))
        .context("no administrator")?;
    let actor = app.authenticate(&admin.login, &admin.password).await?;
    let subject = subject_id(app, &actor, "MTK").await?;
    let formulas = [
        r"\frac{3}{4} + \frac{5}{6}",
        r"\sqrt{144} - \sqrt[3]{27}",
        r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
        r"\int_0^1 x^2\,dx",
        r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
        r"\lim_{x \to 0} \frac{\sin x}{x}",
        r"x^2 - 5x + 6 = 0",
    ];
    let figure = "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='160'><polygon points='10,150 290,150 150,10' fill='none' stroke='black' stroke-width='3'/></svg>".as_bytes().to_vec();
    let key = qb::image_key(&figure);
    let mut images = std::collections::BTreeMap::new();
    images.insert(
        key.clone(),
        qb::Image {
            name: "segitiga.svg".into(),
            mime: "image/svg+xml".into(),
            bytes: figure,
        },
    );
    for n in 0..40usize {
        let mut inlines = vec![qb::Inline::text(format!(
            "Soal nomor {}: tentukan hasil dari ",
            n + 1
        ))];
        if n % 3 == 0 {
            inlines.push(qb::Inline::Math {
                latex: formulas[n % formulas.len()].into(),
            });
        } else {
            inlines.push(qb::Inline::text(
                "dua ratus tiga puluh empat ditambah lima ratus enam puluh tujuh",
            ));
        }
        let mut blocks = vec![qb::Block::Paragraph { inlines }];
        if n == 7 {
            blocks.push(qb::Block::Paragraph {
                inlines: vec![qb::Inline::Image {
                    image: qb::ImageRef {
                        key: key.clone(),
                        alt: "segitiga".into(),
                    },
                }],
            });
        }
        let options = (0..5)
            .map(|o| qb::ChoiceOption {
                text: qb::RichText::from_plain(&format!("jawaban {} untuk soal {}", o + 1, n + 1)),
                weight: qb::percent(if o == 0 { "100" } else { "0" }),
                feedback: qb::RichText::empty(),
                pinned: false,
            })
            .collect();
        let mut q = qb::Question::new(
            format!("B{n}"),
            qb::RichText(blocks),
            qb::Body::SingleChoice {
                options,
                shuffle: true,
            },
        );
        q.meta.topic = Some("Bench".into());
        let none = std::collections::BTreeMap::new();
        let made = app
            .create_question(&actor, subject, &q, if n == 7 { &images } else { &none })
            .await?;
        let id = made.head.id();
        let r = app
            .set_question_status(&actor, id, made.head.version(), "reviewed")
            .await?;
        app.set_question_status(&actor, id, r.version(), "approved")
            .await?;
    }
    let rows: Vec<BlueprintRow> = serde_json::from_value(serde_json::json!([
        {"topic": "Bench", "indicator": "Bench", "kind": "single_choice", "count": 40, "points": "1"}
    ]))?;
    let classes = app
        .list::<Class>(&actor, &Query::all().eq("grade_level", 7i64))
        .await?;
    let class = classes.first().context("no class of grade 7")?;
    let year = app.current_year(&actor).await?.context("no year")?;
    let (paper, _) = assemble(
        app,
        &actor,
        "MTK",
        &class.data.name,
        &rows,
        "Bench",
        year.data.start_date,
        90,
        "",
        &[],
        Some(7),
        0,
        true,
    )
    .await?;
    Ok((paper, admin.login.clone(), admin.password.clone()))
}

/// `exam bench --prepare FILE`: the benchmark's school in a new SQLite
/// file, for timing `exam print` on it.
async fn prepare_bench_file(file: &std::path::Path) -> Result<()> {
    if file.exists() {
        bail!(
            "{} already exists: --prepare makes a new file",
            file.display()
        );
    }
    let app = App::open(&DatabaseUrl::Sqlite(file.to_path_buf()), true).await?;
    with_app(app, async |app| {
        let (paper, login, password) = bench_school(app).await?;
        println!("paper {paper}");
        println!("login {login}");
        println!("password {password}");
        Ok(())
    })
    .await
}

async fn bench(copies: u32, out: &std::path::Path) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = DatabaseUrl::Sqlite(dir.path().join("bench.db"));
    let app = App::open(&url, true).await?;
    with_app(app, async |app| {
        let (paper, login, password) = bench_school(app).await?;
        let actor = app.authenticate(&login, &password).await?;
        let layout = Layout::default();
        let m = layout.margins_mm;
        let request = PrintRequest {
            variants: copies,
            answer_sheets: 1,
            key: false,
            blueprint: false,
            columns: 2,
            language: Language::Id,
            sheet_area: SheetArea { width: 210.0 - m.left - m.right, height: 297.0 - m.top - m.bottom },
            student_digits: 10,
        };
        let (cpu0, _) = usage();
        let began = std::time::Instant::now();
        let job = app.exam_print_job(&actor, paper, &request).await?;
        let images: Vec<Asset> = job.images.iter().map(|(p, b)| Asset::new(p.clone(), b.clone())).collect();
        let file = std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?;
        let (_, report) = Engine::new().render_to_with(
            &Template::builtin(Builtin::Exam),
            &layout,
            &Assets::default(),
            &images,
            &Options::default(),
            &job.documents,
            &mut |_| true,
            std::io::BufWriter::new(file),
        )?;
        let wall = began.elapsed().as_secs_f64();
        let (cpu1, rss) = usage();
        println!(
            "{copies} shuffled copies of 40 five-option questions (14 with math, one image), each with its answer sheet: {} pages in {} ({})",
            report.pages,
            out.display(),
            if cfg!(debug_assertions) { "debug build" } else { "release build" }
        );
        println!("wall {wall:.1} s, CPU {:.1} s, peak RSS {rss:.0} MB (the whole process)", cpu1 - cpu0);
        Ok(())
    })
    .await
}

/// Imports (or, dry, checks) a results file and says what it did.
pub(crate) async fn import_results(
    app: &App,
    actor: &Actor,
    paper: Id,
    file: &std::path::Path,
    dry_run: bool,
    negative_marking: bool,
) -> Result<()> {
    use schooldesk_app::exam_results::Rules;
    use schooldesk_app::AppError;
    let format = schooldesk_app::sheet::Format::from_path(file)?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let rules = Rules { negative_marking };
    match app
        .import_exam_results(actor, paper, format, &bytes, rules, dry_run)
        .await
    {
        Ok(report) => {
            for s in &report.students {
                println!(
                    "row {:>4}  {:<12} {:<30} {:<3} {:>7} / {}{}",
                    s.row,
                    s.nis,
                    s.name,
                    s.variant,
                    s.score.to_string(),
                    report.max_score,
                    if s.replaces {
                        "  (replaces the stored result)"
                    } else {
                        ""
                    }
                );
            }
            if report.dry_run {
                println!(
                    "{}: {} student(s) would be stored (dry run: nothing was stored)",
                    file.display(),
                    report.students.len()
                );
            } else {
                println!(
                    "{}: {} student(s) stored; the questions' statistics are updated",
                    file.display(),
                    report.students.len()
                );
            }
            Ok(())
        }
        Err(AppError::ImportRejected(problems)) => {
            eprintln!(
                "{}: {} problem(s); nothing was stored:",
                file.display(),
                problems.len()
            );
            for p in &problems {
                eprintln!("  row {:>4}  column {}: {}", p.row, p.column, p.reason);
            }
            bail!("fix the cells above in the file and import it again; nothing was stored")
        }
        Err(e) => Err(anyhow::Error::new(e).context(file.display().to_string())),
    }
}

/// Finds the component by name or kind (and semester), sends the scores
/// and says what went where.
async fn send_to_gradebook(
    app: &App,
    actor: &Actor,
    paper: Id,
    component: &str,
    term: Option<&str>,
    column: &str,
    replace: bool,
) -> Result<()> {
    use schooldesk_app::exam_gradebook::ToGradebook;
    let slots = app.exam_gradebook_slots(actor, paper).await?;
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let found: Vec<_> = slots
        .iter()
        .filter(|s| same(&s.component, component) || same(&s.kind, component))
        .filter(|s| {
            term.is_none_or(|t| same(&s.term, t) || s.term.split_whitespace().any(|w| same(w, t)))
        })
        .collect();
    let listed = || {
        slots
            .iter()
            .map(|s| format!("{} ({}, {})", s.component, s.kind, s.term))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let slot = match found.as_slice() {
        [one] => *one,
        [] if slots.is_empty() => bail!(
            "the paper's subject has no assessment scheme in its class's year; save one in the gradebook first"
        ),
        [] => bail!(
            "no component {component:?}{} of the subject's schemes; there are: {}",
            term.map(|t| format!(" in {t}")).unwrap_or_default(),
            listed()
        ),
        _ => bail!(
            "{component:?} is a component in more than one semester; name one with --term ({})",
            listed()
        ),
    };
    let sent = app
        .send_exam_scores(
            actor,
            paper,
            &ToGradebook {
                component_id: slot.component_id,
                column: column.to_string(),
                replace,
            },
        )
        .await?;
    for s in &sent.students {
        println!(
            "{:<30} {:>7} / {} -> {:>6}{}",
            s.name,
            s.exam_score,
            sent.max_score,
            s.grade.to_string(),
            if s.replaced { "  (replaced)" } else { "" }
        );
    }
    println!(
        "{} score(s) sent to column {:?} ({}, {}){}",
        sent.students.len(),
        sent.column,
        slot.component,
        slot.term,
        if sent.created { ", a new column" } else { "" }
    );
    Ok(())
}

fn ratio(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}

fn distractor_cells(q: &schooldesk_app::exam_results::QuestionAnalysis) -> String {
    let Some((labels, table)) = &q.distractors else {
        return String::new();
    };
    let mut parts: Vec<(String, String)> = table
        .options
        .iter()
        .map(|o| {
            let label = &labels[o.option];
            let mark = if o.right {
                "*"
            } else if o.works == Some(false) {
                "!"
            } else {
                ""
            };
            (
                label.clone(),
                format!("{label}{mark} {} ({}/{})", o.chosen, o.upper, o.lower),
            )
        })
        .collect();
    parts.sort();
    let mut out: Vec<String> = parts.into_iter().map(|(_, t)| t).collect();
    out.push(format!("blank {}", table.blank));
    out.join("  ")
}

/// The analysis as a text table (Indonesian category words, as a
/// curriculum office reports them).
pub(crate) fn analysis_text(a: &schooldesk_app::exam_results::PaperAnalysis) -> String {
    let mut out = format!(
        "{} student(s); mean {:.2} of {}; upper and lower groups of {}; KR-20 {}; Cronbach's alpha {}\n",
        a.students,
        a.mean_score,
        a.max_score,
        a.group_size,
        ratio(a.kr20),
        ratio(a.alpha)
    );
    out.push_str(" no  question             type               p     kesukaran  D      daya pembeda  r_pbis\n");
    for q in &a.questions {
        out.push_str(&format!(
            "{:>3}  {:<20} {:<18} {:.2}  {:<9}  {:>5.2}  {:<12}  {}\n",
            q.position,
            q.name.chars().take(20).collect::<String>(),
            q.kind.code(),
            q.stats.p,
            q.stats.difficulty.word_id(),
            q.stats.d,
            q.stats.discrimination.word_id(),
            ratio(q.stats.point_biserial)
        ));
        let d = distractor_cells(q);
        if !d.is_empty() {
            out.push_str(&format!("     options (as variant A letters them; chosen (upper/lower), * right, ! chosen by under 5 %): {d}\n"));
        }
    }
    out
}

fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

/// The analysis as CSV, one row per question.
pub(crate) fn analysis_csv(a: &schooldesk_app::exam_results::PaperAnalysis) -> Result<String> {
    let header = [
        "position",
        "question_id",
        "name",
        "type",
        "max",
        "p",
        "difficulty",
        "d",
        "discrimination",
        "point_biserial",
        "distractors",
    ];
    let mut out = csv_line(&header.map(String::from));
    for q in &a.questions {
        out.push_str(&csv_line(&[
            q.position.to_string(),
            q.question_id.to_string(),
            q.name.clone(),
            q.kind.code().to_string(),
            q.max.to_string(),
            format!("{:.4}", q.stats.p),
            q.stats.difficulty.word_id().to_string(),
            format!("{:.4}", q.stats.d),
            q.stats.discrimination.word_id().to_string(),
            q.stats
                .point_biserial
                .map_or(String::new(), |r| format!("{r:.4}")),
            distractor_cells(q),
        ]));
    }
    Ok(out)
}
