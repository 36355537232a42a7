//! Exam results and item analysis (issue 13 item 7). The scoring rules
//! and the statistics are `schooldesk_qbank`'s (`scoring`, `analysis`);
//! this module reads results files, maps each answer back through the
//! student's variant to the bank's question, stores the results, and keeps
//! each question's statistics so the next fill prefers good questions.
//!
//! - A results file (CSV or XLSX) has a header row: `nis` (or `nisn`), `variant`
//!   (or `paket`), then one column per question number as the variant
//!   printed it (`1`, `2`, …). Each row is one student of the paper's
//!   class; each cell the answer in that variant's letters (see
//!   `schooldesk_qbank::scoring` for what each type takes).
//! - Every problem is named by its row and column, and nothing is stored
//!   unless the whole file is right. A student already stored for the
//!   paper has their result replaced.
//! - Results are taken for a final or released paper only: a draft's
//!   questions may still change.
//! - After each write, the paper is analysed again over all its stored
//!   results and each question's statistics from this paper are written in
//!   the same transaction (`question_stats`).
//! - Teachers of the subject and the curriculum office enter results; staff
//!   who may read the subject's papers see the analysis.

use crate::auth::require;
use crate::error::RowProblem;
use crate::exam::PaperContent;
use crate::sheet::{read_rows, Format};
use crate::{App, AppError, AppResult};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_qbank::analysis::{self, Distractors, ItemStats};
pub use schooldesk_qbank::scoring::Rules;
use schooldesk_qbank::scoring::{self, Answer};
use schooldesk_qbank::variant::{self, Variant};
use schooldesk_store::{Filter, Query, Val};
use std::collections::{BTreeMap, HashMap};

/// The most students one results file holds.
pub const MAX_STUDENTS: usize = 2000;

/// One answer as stored: as written, as read, and its score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredAnswer {
    pub written: String,
    pub answer: Answer,
    pub score: qb::Decimal,
}

/// One student's result in a preview or an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentScore {
    pub row: usize,
    pub student_id: Id,
    pub nis: String,
    pub name: String,
    pub variant: String,
    pub score: qb::Decimal,
    /// Already stored for this paper: the import replaces it.
    pub replaces: bool,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsReport {
    pub students: Vec<StudentScore>,
    pub max_score: qb::Decimal,
    /// Nothing was written.
    pub dry_run: bool,
}

/// One question's line of the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionAnalysis {
    /// Its position on the paper before shuffling (from 1).
    pub position: i64,
    pub question_id: Id,
    pub name: String,
    pub kind: qb::QuestionType,
    pub max: qb::Decimal,
    pub stats: ItemStats,
    /// Choice and true/false questions: per option in the bank's order,
    /// labelled by the letter variant A printed it under.
    pub distractors: Option<(Vec<String>, Distractors)>,
}

/// A paper's item analysis over its stored results.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperAnalysis {
    pub students: usize,
    pub group_size: usize,
    pub mean_score: f64,
    pub max_score: qb::Decimal,
    pub kr20: Option<f64>,
    pub alpha: Option<f64>,
    pub questions: Vec<QuestionAnalysis>,
}

fn column_name(index: usize) -> String {
    variant::variant_code(index as u32)
}

fn e4(x: f64) -> i64 {
    (x * 10_000.0).round() as i64
}

fn json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value)
        .map_err(|e| AppError::Store(schooldesk_store::StoreError::Internal(e.to_string())))
}

struct Header {
    student: usize,
    variant: usize,
    /// Column of each printed question number (1-based number → column).
    numbers: BTreeMap<usize, usize>,
}

fn read_header(cells: &[String], questions: usize) -> Result<Header, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let (mut student, mut var) = (None, None);
    let mut numbers = BTreeMap::new();
    for (c, h) in cells.iter().enumerate() {
        let key = h.trim().to_lowercase();
        let at = format!("{} ({})", column_name(c), h.trim());
        match key.as_str() {
            "" => {}
            "nis" | "nisn" | "student" | "siswa" => student = Some(c),
            "variant" | "paket" => var = Some(c),
            "name" | "nama" => {}
            _ => match key.parse::<usize>() {
                Ok(n) if (1..=questions).contains(&n) => {
                    if numbers.insert(n, c).is_some() {
                        problems.push(RowProblem::new(
                            1,
                            at,
                            Msg::new(
                                "results_column_twice",
                                format!("question {n} has two columns"),
                            )
                            .with("number", n),
                        ));
                    }
                }
                _ => problems.push(RowProblem::new(
                    1,
                    at,
                    Msg::new(
                        "results_unknown_column",
                        format!(
                            "“{}” is not a column of a results file (nis, variant, 1…{questions})",
                            h.trim()
                        ),
                    )
                    .with("header", h.trim())
                    .with("questions", questions),
                )),
            },
        }
    }
    for n in 1..=questions {
        if !numbers.contains_key(&n) {
            problems.push(RowProblem::new(
                1,
                n.to_string(),
                Msg::new(
                    "results_missing_column",
                    format!("the column for question {n} is missing"),
                )
                .with("number", n),
            ));
        }
    }
    let (Some(student), Some(variant)) = (student, var) else {
        problems.push(RowProblem::new(
            1,
            "nis, variant",
            Msg::new(
                "results_missing_column",
                "the columns nis and variant are both needed",
            )
            .with("number", "nis, variant"),
        ));
        return Err(problems);
    };
    if problems.is_empty() {
        Ok(Header {
            student,
            variant,
            numbers,
        })
    } else {
        Err(problems)
    }
}

/// Reads every answer of the file against the paper: the student of the
/// class, the variant, each cell. Returns per student (row, id, variant
/// code, answers by question id) or every problem met.
type ReadRow = (usize, Id, String, BTreeMap<String, StoredAnswer>);

impl App {
    async fn class_students(&self, class_id: Id) -> AppResult<Vec<Stored<Student>>> {
        let enrolled: Vec<Stored<Enrollment>> = self
            .store()
            .list(&Query::all().eq("class_id", class_id))
            .await?;
        let mut ids: Vec<Id> = enrolled.iter().map(|e| e.data.student_id).collect();
        ids.sort();
        ids.dedup();
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            let vals: Vec<Val> = chunk.iter().map(|i| Val::Id(*i)).collect();
            out.extend(
                self.store()
                    .list::<Student>(&Query::all().filter(Filter::In("id", vals)))
                    .await?,
            );
        }
        Ok(out)
    }

    /// The paper (final or released) and its content, for results.
    async fn marked_paper(&self, actor: &Actor, paper_id: Id) -> AppResult<PaperContent> {
        let content = self.exam_content(actor, paper_id).await?;
        let paper = &content.view.paper;
        may_enter_results(actor, paper.data.subject_id)?;
        if paper.data.status == "draft" {
            return Err(AppError::field(
                "status",
                Msg::new(
                    "results_paper_draft",
                    "results are taken for a final or released paper only; this one is still a draft and its questions may change",
                ),
            ));
        }
        if content.questions.is_empty() {
            return Err(AppError::field(
                "status",
                Msg::new("paper_empty", "the paper has no questions yet"),
            ));
        }
        Ok(content)
    }

    /// Reads a results file (`format`) for a paper and, unless `dry_run`,
    /// stores every student's result and the questions' statistics in one
    /// transaction. Any bad row or cell refuses the whole file, each named
    /// by row and column.
    pub async fn import_exam_results(
        &self,
        actor: &Actor,
        paper_id: Id,
        format: Format,
        bytes: &[u8],
        rules: Rules,
        dry_run: bool,
    ) -> AppResult<ResultsReport> {
        let content = self.marked_paper(actor, paper_id).await?;
        let rows = read_rows(format, bytes)?;
        let mut rows = rows.into_iter();
        let Some((_, header)) = rows.next() else {
            return Err(AppError::ImportRejected(vec![RowProblem::new(
                1,
                "",
                Msg::new("results_empty", "the file is empty"),
            )]));
        };
        let header =
            read_header(&header, content.questions.len()).map_err(AppError::ImportRejected)?;
        let students = self
            .class_students(content.view.paper.data.class_id)
            .await?;
        let by_number: HashMap<String, &Stored<Student>> = students
            .iter()
            .flat_map(|s| [(s.data.nis.clone(), s), (s.data.nisn.clone(), s)])
            .filter(|(k, _)| !k.is_empty())
            .collect();
        let count = crate::exam::MAX_VARIANTS;
        let variants = variant::make_variants(
            &content.questions,
            crate::exam::seed_of(&content.view.paper.data),
            count,
        )
        .map_err(|p| AppError::setup("variant_failed", p.to_string()))?;
        // Only a variant a print job made can have been written.
        let printed = self.printed_variants(paper_id).await?;
        let printed_codes: std::collections::HashSet<String> =
            (0..printed).map(variant::variant_code).collect();
        let by_code: HashMap<&str, &Variant> =
            variants.iter().map(|(v, _)| (v.code.as_str(), v)).collect();
        let by_id: HashMap<&qb::QuestionId, &qb::Question> =
            content.questions.iter().map(|q| (&q.id, q)).collect();

        let mut problems = Vec::new();
        let mut read: Vec<ReadRow> = Vec::new();
        let mut seen: HashMap<Id, usize> = HashMap::new();
        for (row, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if read.len() >= MAX_STUDENTS {
                problems.push(RowProblem::new(
                    row,
                    "",
                    Msg::new(
                        "results_too_many",
                        format!("a results file holds at most {MAX_STUDENTS} students"),
                    )
                    .with("max", MAX_STUDENTS),
                ));
                break;
            }
            let cell = |c: usize| cells.get(c).map(|s| s.trim()).unwrap_or("");
            let at = |c: usize, name: &str| format!("{} ({name})", column_name(c));
            let number = cell(header.student);
            let student = by_number.get(number).copied();
            if student.is_none() {
                problems.push(RowProblem::new(
                    row,
                    at(header.student, "nis"),
                    Msg::new(
                        "results_student_not_in_class",
                        format!("no student numbered “{number}” is in the paper's class"),
                    )
                    .with("number", number),
                ));
            }
            if let Some(s) = student {
                if let Some(first) = seen.insert(s.id(), row) {
                    problems.push(RowProblem::new(
                        row,
                        at(header.student, "nis"),
                        Msg::new(
                            "results_student_twice",
                            format!("{} is on row {first} already", s.data.full_name),
                        )
                        .with("name", &s.data.full_name)
                        .with("first", first),
                    ));
                }
            }
            let code = cell(header.variant).to_uppercase();
            let var = by_code.get(code.as_str()).copied();
            if var.is_some() && !printed_codes.contains(&code) {
                let msg = if printed == 0 {
                    Msg::new(
                        "results_paper_not_printed",
                        format!("“{code}”: this paper has not been printed yet, so no variant of it was written"),
                    )
                } else {
                    let last = variant::variant_code(printed - 1);
                    Msg::new(
                        "results_variant_not_printed",
                        format!("variant “{code}” was never printed for this paper (printed: A to {last})"),
                    )
                    .with("last", last)
                };
                problems.push(RowProblem::new(
                    row,
                    at(header.variant, "variant"),
                    msg.with("variant", &code),
                ));
                continue;
            }
            let Some(var) = var else {
                problems.push(RowProblem::new(
                    row,
                    at(header.variant, "variant"),
                    Msg::new(
                        "results_unknown_variant",
                        format!("“{code}” is not a variant of this paper (A, B, C…)"),
                    )
                    .with("variant", &code),
                ));
                continue;
            };
            let mut answers = BTreeMap::new();
            for item in &var.items {
                let col = header.numbers[&item.number];
                let q = by_id[&item.question];
                let written = cell(col).to_string();
                match scoring::read_answer(q, item, &written) {
                    Ok(answer) => {
                        let score = scoring::score(q, &answer, rules);
                        answers.insert(
                            item.question.0.clone(),
                            StoredAnswer {
                                written,
                                answer,
                                score,
                            },
                        );
                    }
                    Err(why) => problems.push(RowProblem::new(
                        row,
                        at(col, &item.number.to_string()),
                        Msg::new(
                            "results_bad_answer",
                            format!("question {}: {why}", item.number),
                        )
                        .with("number", item.number)
                        .with("problem", why),
                    )),
                }
            }
            if let Some(s) = student {
                read.push((row, s.id(), code, answers));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::ImportRejected(problems));
        }
        if read.is_empty() {
            return Err(AppError::ImportRejected(vec![RowProblem::new(
                2,
                "",
                Msg::new("results_empty", "the file has no students"),
            )]));
        }

        let stored: Vec<Stored<ExamResult>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        let stored_by: HashMap<Id, &Stored<ExamResult>> =
            stored.iter().map(|r| (r.data.student_id, r)).collect();
        let names: HashMap<Id, &Stored<Student>> = students.iter().map(|s| (s.id(), s)).collect();
        let max_score = content
            .questions
            .iter()
            .fold(qb::Decimal::ZERO, |a, q| a.plus(q.meta.points));
        let mut report = ResultsReport {
            students: Vec::new(),
            max_score,
            dry_run,
        };
        let mut cs = self.changes(actor);
        // All results of the paper after this write, for the statistics.
        let mut all: BTreeMap<Id, BTreeMap<String, StoredAnswer>> = BTreeMap::new();
        for r in &stored {
            all.insert(r.data.student_id, read_answers(r)?);
        }
        for (row, student_id, code, answers) in read {
            let total = answers
                .values()
                .fold(qb::Decimal::ZERO, |a, x| a.plus(x.score));
            let s = names[&student_id];
            report.students.push(StudentScore {
                row,
                student_id,
                nis: s.data.nis.clone(),
                name: s.data.full_name.clone(),
                variant: code.clone(),
                score: total,
                replaces: stored_by.contains_key(&student_id),
            });
            let record = ExamResult {
                paper_id,
                student_id,
                variant: code,
                answers: json(&answers)?,
                negative_marking: rules.negative_marking,
                score: total.to_string(),
            };
            record.validate()?;
            match stored_by.get(&student_id) {
                Some(old) => cs.update(old.id(), old.version(), &record),
                None => {
                    cs.insert(&record);
                }
            }
            all.insert(student_id, answers);
        }
        if dry_run {
            return Ok(report);
        }
        let analysed = analyse_paper(&content, &all)?;
        let old_stats: Vec<Stored<QuestionStat>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        let old_by: HashMap<Id, &Stored<QuestionStat>> =
            old_stats.iter().map(|s| (s.data.question_id, s)).collect();
        for qa in &analysed.questions {
            let record = QuestionStat {
                question_id: qa.question_id,
                paper_id,
                students: analysed.students as i64,
                p_e4: e4(qa.stats.p).clamp(0, 10_000),
                d_e4: e4(qa.stats.d).clamp(-10_000, 10_000),
                point_biserial_e4: qa
                    .stats
                    .point_biserial
                    .map(|r| e4(r).clamp(-10_000, 10_000)),
            };
            record.validate()?;
            match old_by.get(&qa.question_id) {
                Some(old) => cs.update(old.id(), old.version(), &record),
                None => {
                    cs.insert(&record);
                }
            }
        }
        self.store().commit(cs).await?;
        Ok(report)
    }

    /// The item analysis of a paper over its stored results.
    pub async fn exam_analysis(&self, actor: &Actor, paper_id: Id) -> AppResult<PaperAnalysis> {
        let content = self.exam_content(actor, paper_id).await?;
        let stored: Vec<Stored<ExamResult>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        if stored.is_empty() {
            return Err(AppError::field(
                "paper_id",
                Msg::new("results_none", "the paper has no results yet"),
            ));
        }
        let mut all = BTreeMap::new();
        for r in &stored {
            all.insert(r.data.student_id, read_answers(r)?);
        }
        analyse_paper(&content, &all)
    }

    /// The students of a paper's class (every enrolment in it), by name:
    /// whom a results file or an entry screen lists. For those who enter
    /// results of the subject.
    pub async fn exam_roster(
        &self,
        actor: &Actor,
        paper_id: Id,
    ) -> AppResult<Vec<Stored<Student>>> {
        let paper: Stored<ExamPaper> = self.store().get(paper_id).await?;
        may_enter_results(actor, paper.data.subject_id)?;
        let mut students = self.class_students(paper.data.class_id).await?;
        students.sort_by(|a, b| a.data.full_name.cmp(&b.data.full_name));
        Ok(students)
    }

    /// The stored results of a paper, with each student's name, ordered by name.
    pub async fn exam_results(
        &self,
        actor: &Actor,
        paper_id: Id,
    ) -> AppResult<Vec<(Stored<Student>, Stored<ExamResult>)>> {
        let content = self.exam_content(actor, paper_id).await?;
        let students = self
            .class_students(content.view.paper.data.class_id)
            .await?;
        let by: HashMap<Id, Stored<Student>> = students.into_iter().map(|s| (s.id(), s)).collect();
        let stored: Vec<Stored<ExamResult>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        let mut out: Vec<(Stored<Student>, Stored<ExamResult>)> = Vec::new();
        for r in stored {
            let s = match by.get(&r.data.student_id) {
                Some(s) => s.clone(),
                None => self.store().get(r.data.student_id).await?,
            };
            out.push((s, r));
        }
        out.sort_by(|a, b| a.0.data.full_name.cmp(&b.0.data.full_name));
        Ok(out)
    }

    /// The latest stored statistics of each of `ids` (from the most
    /// recently analysed paper), as the fill ranks them.
    pub(crate) async fn question_quality(
        &self,
        ids: &[Id],
    ) -> AppResult<HashMap<Id, qb::assemble::Quality>> {
        let mut out: HashMap<Id, (chrono::DateTime<chrono::Utc>, qb::assemble::Quality)> =
            HashMap::new();
        for chunk in ids.chunks(500) {
            let vals: Vec<Val> = chunk.iter().map(|i| Val::Id(*i)).collect();
            let rows: Vec<Stored<QuestionStat>> = self
                .store()
                .list(&Query::all().filter(Filter::In("question_id", vals)))
                .await?;
            for r in rows {
                let at = r.meta.updated_at;
                let quality = qb::assemble::Quality {
                    p: r.data.p_e4 as f64 / 10_000.0,
                    d: r.data.d_e4 as f64 / 10_000.0,
                };
                let newer = out.get(&r.data.question_id).is_none_or(|(t, _)| at > *t);
                if newer {
                    out.insert(r.data.question_id, (at, quality));
                }
            }
        }
        Ok(out.into_iter().map(|(k, (_, q))| (k, q)).collect())
    }
}

/// Teachers of the subject and the curriculum office enter results.
fn may_enter_results(actor: &Actor, subject_id: Id) -> AppResult<()> {
    require(
        actor,
        Action::DraftExamPapers,
        &Target::Subject(subject_id),
        "enter results of this subject's papers",
    )
}

fn read_answers(r: &Stored<ExamResult>) -> AppResult<BTreeMap<String, StoredAnswer>> {
    serde_json::from_str(&r.data.answers).map_err(|e| {
        AppError::setup(
            "exam_unreadable",
            format!(
                "exam result {} is stored in a form this version cannot read ({e})",
                r.id()
            ),
        )
    })
}

/// Analyses `all` (per student, answers by question id). Scores are
/// taken again without negative marking: the statistics describe the
/// question, not the penalty.
fn analyse_paper(
    content: &PaperContent,
    all: &BTreeMap<Id, BTreeMap<String, StoredAnswer>>,
) -> AppResult<PaperAnalysis> {
    let questions = &content.questions;
    let max: Vec<qb::Decimal> = questions.iter().map(|q| q.meta.points).collect();
    let plain = Rules::default();
    let mut scores = Vec::with_capacity(all.len());
    let mut picks: Vec<Vec<Vec<usize>>> = vec![Vec::new(); questions.len()];
    for answers in all.values() {
        let mut row = Vec::with_capacity(questions.len());
        for (i, q) in questions.iter().enumerate() {
            let a = answers.get(&q.id.0).map(|x| &x.answer);
            let s = a.map_or(qb::Decimal::ZERO, |a| scoring::score(q, a, plain));
            row.push(s.clamp(qb::Decimal::ZERO, q.meta.points));
            picks[i].push(
                a.and_then(scoring::chosen_options)
                    .map(<[usize]>::to_vec)
                    .unwrap_or_default(),
            );
        }
        scores.push(row);
    }
    let t = analysis::analyse(&max, &scores).map_err(|p| {
        AppError::field(
            "paper_id",
            Msg::new(
                "results_unanalysable",
                format!("the results cannot be analysed: {p}"),
            )
            .with("problem", p.to_string()),
        )
    })?;
    // Letters as variant A printed each option.
    let (variant_a, _) =
        variant::make_variant(questions, crate::exam::seed_of(&content.view.paper.data), 0)
            .map_err(|p| AppError::setup("variant_failed", p.to_string()))?;
    let order_a: HashMap<&qb::QuestionId, &Vec<usize>> = variant_a
        .items
        .iter()
        .map(|i| (&i.question, &i.order))
        .collect();
    let totals: Vec<f64> = scores
        .iter()
        .map(|r| r.iter().map(|x| x.to_f64()).sum::<f64>())
        .collect();
    let mut out = Vec::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let distractors = scoring::right_options(q).map(|right| {
            let letters: Vec<String> = (0..right.len())
                .map(|o| {
                    let place = order_a
                        .get(&q.id)
                        .and_then(|order| order.iter().position(|&x| x == o))
                        .unwrap_or(o);
                    variant::letter(place)
                })
                .collect();
            (
                letters,
                analysis::distractors(&right, &picks[i], &t.upper, &t.lower),
            )
        });
        out.push(QuestionAnalysis {
            position: content.view.items[i].data.position,
            question_id: content.view.items[i].data.question_id,
            name: q.name.clone(),
            kind: q.question_type(),
            max: q.meta.points,
            stats: t.items[i].clone(),
            distractors,
        });
    }
    Ok(PaperAnalysis {
        students: t.students,
        group_size: t.group_size,
        mean_score: totals.iter().sum::<f64>() / totals.len() as f64,
        max_score: max.iter().fold(qb::Decimal::ZERO, |a, m| a.plus(*m)),
        kr20: t.kr20,
        alpha: t.alpha,
        questions: out,
    })
}
