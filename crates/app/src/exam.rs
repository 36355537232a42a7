//! Exam papers (issue 13 items 4–6): blueprints (*kisi-kisi*), papers
//! filled from the bank, shuffled variants with their answer keys, and the
//! data the `exam` template prints. The matching and the shuffle are
//! `schooldesk_qbank`'s (`assemble`, `variant`); this module stores papers
//! and checks who may do what.
//!
//! - A blueprint belongs to a subject and a grade level; its rows are JSON.
//! - A paper belongs to a subject and a class. It is a draft while its
//!   questions may change (filled from a blueprint, a question swapped by
//!   hand), then final (fixed for printing), then released (students and
//!   parents of the class may see it). Each question is pinned to the
//!   version it was filled with: a later edit of the question never
//!   changes the paper.
//! - The paper's seed is drawn once when it is made and never changes, so
//!   variant B printed today and reprinted next year is the same package.
//! - Teachers of the subject draft; the curriculum office (the
//!   administrator) makes papers final and releases them; the bursar sees
//!   nothing; students and parents see nothing before release, and never
//!   the keys.

use crate::auth::require;
use crate::{App, AppError, AppResult};
use chrono::NaiveDate;
use schooldesk_core::exam as rules;
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::*;
use schooldesk_documents as doc;
use schooldesk_documents::exam as ed;
use schooldesk_qbank as qb;
use schooldesk_qbank::assemble::{self, BlueprintRow};
use schooldesk_qbank::variant::{self, AnswerKey, KeyAnswer, Variant};
use schooldesk_store::{Filter, Query, Val};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many earlier papers of the class a fill avoids when not told.
pub const DEFAULT_RECENT: usize = 3;
/// The most variants one print job makes (one per student of a large
/// class or a whole grade).
pub const MAX_VARIANTS: u32 = 200;
const CHUNK: usize = 500;
/// The audit event of a print job: its detail is how many variants.
pub const PRINTED_EVENT: &str = "exam_printed";

/// A section of a paper: its title ("A. Pilihan Ganda") and instructions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub title: String,
    #[serde(default)]
    pub instructions: String,
}

/// A new paper's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPaper {
    pub subject_id: Id,
    pub class_id: Id,
    pub blueprint_id: Option<Id>,
    pub exam_name: String,
    pub exam_date: NaiveDate,
    pub duration_minutes: i64,
    pub instructions: String,
    /// Sections in order; a blueprint row goes to the section of its
    /// question type's first appearance (the first row's type to section
    /// 1, the next new type to section 2…, the rest to the last section).
    pub sections: Vec<Section>,
}

/// A paper and its questions in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperView {
    pub paper: Stored<ExamPaper>,
    pub sections: Vec<Section>,
    pub items: Vec<Stored<ExamPaperItem>>,
}

/// What a fill did.
#[derive(Debug, Clone, PartialEq)]
pub struct FillReport {
    pub view: PaperView,
    /// Each row the bank could not fill, with what is missing.
    pub shortages: Vec<assemble::Shortage>,
}

/// A paper's questions as printed: each at the version it is pinned to,
/// its points on the paper, the stimuli and image bytes they show.
#[derive(Debug, Clone)]
pub struct PaperContent {
    pub view: PaperView,
    /// In paper order; `meta.points` is the paper's points.
    pub questions: Vec<qb::Question>,
    pub stimuli: BTreeMap<qb::StimulusId, qb::Stimulus>,
    pub images: BTreeMap<String, qb::Image>,
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintRequest {
    /// Variants A, B, C…: how many.
    pub variants: u32,
    /// Answer sheets (LJK) after each variant's paper: how many each.
    pub answer_sheets: u32,
    pub key: bool,
    pub blueprint: bool,
    pub columns: u8,
    pub language: doc::Language,
    /// The page's content box, for the answer sheet's layout.
    pub sheet_area: ed::SheetArea,
    /// Digits of the student number on the answer sheet.
    pub student_digits: usize,
}

/// The documents of a print job, the images they show (path in the job,
/// bytes), and each answer sheet's layout (one per variant).
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub documents: Vec<ed::ExamDocument>,
    pub images: Vec<(String, Vec<u8>)>,
    pub sheet_layouts: Vec<(String, ed::SheetLayout)>,
}

fn json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value)
        .map_err(|e| AppError::Store(schooldesk_store::StoreError::Internal(e.to_string())))
}

fn unreadable(what: &str, id: Id, err: impl std::fmt::Display) -> AppError {
    AppError::setup(
        "exam_unreadable",
        format!("{what} {id} is stored in a form this version cannot read ({err})"),
    )
}

pub(crate) fn seed_of(paper: &ExamPaper) -> u64 {
    u64::from_ne_bytes(paper.seed.to_ne_bytes())
}

fn check_sections(sections: &[Section]) -> AppResult<()> {
    if sections.is_empty() || sections.len() > 50 {
        return Err(AppError::field(
            "sections",
            Msg::new("sections_count", "a paper has 1 to 50 sections"),
        ));
    }
    for (i, s) in sections.iter().enumerate() {
        let n = i + 1;
        validate::name(&s.title, 200)
            .and_then(|()| rules::check_text(&s.instructions))
            .map_err(|m| {
                AppError::field(
                    "sections",
                    Msg::new("section_invalid", format!("section {n}: {}", m.text))
                        .with("section", n)
                        .with("problem", &m.text),
                )
            })?;
    }
    Ok(())
}

fn rows_error(problems: &[qb::Problem]) -> AppError {
    let list = problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    AppError::field(
        "content",
        Msg::new(
            "blueprint_invalid",
            format!("the blueprint cannot be saved: {list}"),
        )
        .with("problems", list),
    )
}

fn not_draft(paper: &ExamPaper) -> AppError {
    AppError::field(
        "status",
        Msg::new(
            "paper_not_draft",
            format!(
                "the paper is {}; its questions change only while it is a draft",
                paper.status
            ),
        )
        .with("status", &paper.status),
    )
}

impl App {
    /// Saves a new blueprint of a subject.
    pub async fn create_blueprint(
        &self,
        actor: &Actor,
        subject_id: Id,
        grade_level: i64,
        name: &str,
        rows: &[BlueprintRow],
    ) -> AppResult<Stored<ExamBlueprint>> {
        require(
            actor,
            Action::DraftExamPapers,
            &Target::Subject(subject_id),
            "write blueprints of this subject",
        )?;
        self.store().get::<Subject>(subject_id).await?;
        let problems = assemble::check_rows(rows);
        if !problems.is_empty() {
            return Err(rows_error(&problems));
        }
        let record = ExamBlueprint {
            subject_id,
            grade_level,
            name: name.trim().to_string(),
            content: json(&rows)?,
        };
        record.validate()?;
        let mut cs = self.changes(actor);
        cs.insert(&record);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// A blueprint and its rows.
    pub async fn blueprint(
        &self,
        actor: &Actor,
        id: Id,
    ) -> AppResult<(Stored<ExamBlueprint>, Vec<BlueprintRow>)> {
        let bp: Stored<ExamBlueprint> = self.store().get(id).await?;
        require(
            actor,
            Action::ReadExamPapers,
            &Target::Subject(bp.data.subject_id),
            "see this subject's blueprints",
        )?;
        let rows =
            serde_json::from_str(&bp.data.content).map_err(|e| unreadable("blueprint", id, e))?;
        Ok((bp, rows))
    }

    /// Makes a draft paper (no questions yet) with a new seed.
    pub async fn create_exam_paper(
        &self,
        actor: &Actor,
        new: &NewPaper,
    ) -> AppResult<Stored<ExamPaper>> {
        require(
            actor,
            Action::DraftExamPapers,
            &Target::Subject(new.subject_id),
            "draft exam papers of this subject",
        )?;
        self.store().get::<Subject>(new.subject_id).await?;
        self.store().get::<Class>(new.class_id).await?;
        if let Some(bp) = new.blueprint_id {
            let bp: Stored<ExamBlueprint> = self.store().get(bp).await?;
            if bp.data.subject_id != new.subject_id {
                return Err(AppError::field(
                    "blueprint_id",
                    Msg::new(
                        "blueprint_other_subject",
                        "the blueprint is of another subject",
                    ),
                ));
            }
        }
        check_sections(&new.sections)?;
        // The low 64 bits of a new id are random: the seed, drawn once.
        let seed = i64::from_ne_bytes((new_id().as_u128() as u64).to_ne_bytes());
        let record = ExamPaper {
            subject_id: new.subject_id,
            class_id: new.class_id,
            blueprint_id: new.blueprint_id,
            exam_name: new.exam_name.trim().to_string(),
            exam_date: new.exam_date,
            duration_minutes: new.duration_minutes,
            instructions: new.instructions.trim().to_string(),
            sections: json(&new.sections)?,
            seed,
            status: "draft".into(),
        };
        record.validate()?;
        let mut cs = self.changes(actor);
        cs.insert(&record);
        Ok(self.store().commit_returning(cs).await?)
    }

    async fn paper_view(&self, paper: Stored<ExamPaper>) -> AppResult<PaperView> {
        let sections = serde_json::from_str(&paper.data.sections)
            .map_err(|e| unreadable("exam paper", paper.id(), e))?;
        let items = self
            .store()
            .list(&Query::all().eq("paper_id", paper.id()).order("position"))
            .await?;
        Ok(PaperView {
            paper,
            sections,
            items,
        })
    }

    /// A paper with its questions. Staff who may read the subject see any
    /// paper; a student or parent sees a released paper of the student's
    /// class, and before release it is not found for them.
    pub async fn exam_paper(&self, actor: &Actor, id: Id) -> AppResult<PaperView> {
        let paper: Stored<ExamPaper> = self.store().get(id).await?;
        if !allowed(
            actor,
            Action::ReadExamPapers,
            &Target::Subject(paper.data.subject_id),
        ) {
            let mut students: Vec<Id> = actor.child_ids.clone();
            students.extend(actor.student_id);
            let family = !students.is_empty();
            let mut may = false;
            if paper.data.status == "released" {
                for s in students {
                    let target = self.student_target(s).await?;
                    if allowed(actor, Action::ReadExamPapers, &target)
                        && matches!(&target, Target::Student { class_ids, .. } if class_ids.contains(&paper.data.class_id))
                    {
                        may = true;
                    }
                }
            }
            if !may && !family {
                return Err(AppError::refused(
                    Action::ReadExamPapers,
                    "see this exam paper",
                ));
            }
            if !may {
                // Not found, as a paper that does not exist: a student or
                // parent learns nothing of a paper before its release.
                return Err(AppError::from(schooldesk_store::StoreError::NotFound {
                    what: <ExamPaper as schooldesk_store::tables::Record>::TABLE.label,
                    id: id.to_string(),
                }));
            }
        }
        self.paper_view(paper).await
    }

    async fn draft_paper(&self, actor: &Actor, id: Id) -> AppResult<Stored<ExamPaper>> {
        let paper: Stored<ExamPaper> = self.store().get(id).await?;
        require(
            actor,
            Action::DraftExamPapers,
            &Target::Subject(paper.data.subject_id),
            "draft exam papers of this subject",
        )?;
        if paper.data.status != "draft" {
            return Err(not_draft(&paper.data));
        }
        Ok(paper)
    }

    /// The approved questions of a subject with their current versions.
    async fn approved_questions(&self, subject_id: Id) -> AppResult<Vec<(qb::Question, bool)>> {
        let heads: Vec<Stored<BankQuestion>> = self
            .store()
            .list(
                &Query::all()
                    .eq("subject_id", subject_id)
                    .order("created_at"),
            )
            .await?;
        let mut out = Vec::new();
        for chunk in heads.chunks(CHUNK) {
            let ids: Vec<Val> = chunk.iter().map(|h| Val::Id(h.id())).collect();
            let versions: Vec<Stored<QuestionVersion>> = self
                .store()
                .list(&Query::all().filter(Filter::In("question_id", ids)))
                .await?;
            let by: HashMap<(Id, i64), &Stored<QuestionVersion>> = versions
                .iter()
                .map(|v| ((v.data.question_id, v.data.number), v))
                .collect();
            for head in chunk {
                if let Some(v) = by.get(&(head.id(), head.data.current_version)) {
                    let q = Self::read_version(head, v)?;
                    out.push((q, head.data.status == "approved"));
                }
            }
        }
        Ok(out)
    }

    /// Question ids of the last `recent` papers of the class in this
    /// paper's subject (by exam date, none after it, drafts left out:
    /// only a paper made final was set before the class).
    async fn recently_used(
        &self,
        paper: &Stored<ExamPaper>,
        recent: usize,
    ) -> AppResult<HashSet<qb::QuestionId>> {
        let papers: Vec<Stored<ExamPaper>> = self
            .store()
            .list(
                &Query::all()
                    .eq("class_id", paper.data.class_id)
                    .order("exam_date"),
            )
            .await?;
        let mut used = HashSet::new();
        let earlier: Vec<&Stored<ExamPaper>> = papers
            .iter()
            .filter(|p| {
                p.id() != paper.id()
                    && p.data.subject_id == paper.data.subject_id
                    && p.data.exam_date <= paper.data.exam_date
                    && p.data.status != "draft"
            })
            .collect();
        for p in earlier.iter().rev().take(recent) {
            let items: Vec<Stored<ExamPaperItem>> = self
                .store()
                .list(&Query::all().eq("paper_id", p.id()))
                .await?;
            used.extend(
                items
                    .into_iter()
                    .map(|i| qb::QuestionId(i.data.question_id.to_string())),
            );
        }
        Ok(used)
    }

    /// Fills a draft paper (read at `expected_version`) from its blueprint:
    /// its questions are replaced by the fill. Approved questions only,
    /// none of the last `recent` papers of the class, good item statistics
    /// first, the same result for the same bank and history. Rows the bank
    /// cannot fill are reported, not refused: the user sees what is
    /// missing and may add questions by hand.
    pub async fn fill_exam_paper(
        &self,
        actor: &Actor,
        id: Id,
        expected_version: i64,
        recent: usize,
    ) -> AppResult<FillReport> {
        let paper = self.draft_paper(actor, id).await?;
        let Some(bp_id) = paper.data.blueprint_id else {
            return Err(AppError::field(
                "blueprint_id",
                Msg::new(
                    "paper_without_blueprint",
                    "the paper has no blueprint to fill it from",
                ),
            ));
        };
        let (bp, rows) = self.blueprint(actor, bp_id).await?;
        let bank = self.approved_questions(paper.data.subject_id).await?;
        let grade = bp.data.grade_level;
        let ids: Vec<Id> = bank
            .iter()
            .filter_map(|(q, _)| q.id.0.parse().ok())
            .collect();
        let quality = self.question_quality(&ids).await?;
        let candidates: Vec<assemble::Candidate<'_>> = bank
            .iter()
            .filter(|(q, _)| q.meta.grade_level.is_none_or(|g| i64::from(g) == grade))
            .map(|(q, approved)| assemble::Candidate {
                question: q,
                version: q.meta.version,
                approved: *approved,
                // The latest analysed paper's statistics (item 7).
                quality: q
                    .id
                    .0
                    .parse::<Id>()
                    .ok()
                    .and_then(|id| quality.get(&id).copied()),
            })
            .collect();
        let recent_ids = self.recently_used(&paper, recent).await?;
        let filled = assemble::fill(&rows, &candidates, &recent_ids, seed_of(&paper.data));
        let sections: Vec<Section> = serde_json::from_str(&paper.data.sections)
            .map_err(|e| unreadable("exam paper", id, e))?;
        // Section of each row: by its type's first appearance.
        let mut kinds: Vec<qb::QuestionType> = Vec::new();
        let section_of_row: Vec<i64> = rows
            .iter()
            .map(|r| {
                let at = kinds.iter().position(|k| *k == r.kind).unwrap_or_else(|| {
                    kinds.push(r.kind);
                    kinds.len() - 1
                });
                (at.min(sections.len().saturating_sub(1)) + 1) as i64
            })
            .collect();
        let mut picks: Vec<&assemble::Pick> = filled.picks.iter().collect();
        picks.sort_by_key(|p| (section_of_row[p.row - 1], p.row));

        let mut cs = self.changes(actor);
        cs.update(id, expected_version, &paper.data);
        let old: Vec<Stored<ExamPaperItem>> =
            self.store().list(&Query::all().eq("paper_id", id)).await?;
        for item in &old {
            cs.delete::<ExamPaperItem>(item.id(), item.version());
        }
        for (i, pick) in picks.iter().enumerate() {
            let record = ExamPaperItem {
                paper_id: id,
                position: (i + 1) as i64,
                section: section_of_row[pick.row - 1],
                question_id: pick
                    .question
                    .0
                    .parse()
                    .map_err(|e| unreadable("question", id, e))?,
                question_version: i64::from(pick.version),
                blueprint_row: Some(pick.row as i64),
                points: rows[pick.row - 1].points.to_string(),
            };
            record.validate()?;
            cs.insert(&record);
        }
        self.store().commit(cs).await?;
        let view = self.paper_view(self.store().get(id).await?).await?;
        Ok(FillReport {
            view,
            shortages: filled.shortages,
        })
    }

    /// Puts `question_id` (its current version) in place of the question at
    /// `position` of a draft paper read at `expected_version` (the paper's
    /// version the user saw: a paper filled or changed since is refused as
    /// a conflict, so a swap never lands on another question than the one
    /// shown). The new question must be approved, of the paper's subject,
    /// and not on the paper already.
    pub async fn swap_exam_question(
        &self,
        actor: &Actor,
        paper_id: Id,
        expected_version: i64,
        position: i64,
        question_id: Id,
    ) -> AppResult<PaperView> {
        let paper = self.draft_paper(actor, paper_id).await?;
        if paper.version() != expected_version {
            return Err(AppError::Store(schooldesk_store::StoreError::Conflict {
                what: <ExamPaper as schooldesk_store::tables::Record>::TABLE.label,
                id: paper_id,
                current_version: paper.version(),
                updated_at: paper.meta.updated_at,
                updated_by: paper.meta.updated_by,
            }));
        }
        let items: Vec<Stored<ExamPaperItem>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        let Some(item) = items.iter().find(|i| i.data.position == position) else {
            return Err(AppError::field(
                "position",
                Msg::new(
                    "no_such_position",
                    format!("the paper has no question {position}"),
                )
                .with("position", position),
            ));
        };
        let head: Option<Stored<BankQuestion>> = self.store().find(question_id).await?;
        let problem = match &head {
            None => Some((
                "swap_not_found",
                format!("question {question_id} is not in the bank"),
            )),
            Some(h) if h.data.subject_id != paper.data.subject_id => Some((
                "swap_other_subject",
                format!("{} is a question of another subject", h.data.name),
            )),
            Some(h) if h.data.status != "approved" => Some((
                "swap_not_approved",
                format!("{} is not approved (it is {})", h.data.name, h.data.status),
            )),
            Some(h) if items.iter().any(|i| i.data.question_id == question_id) => Some((
                "swap_already_on_paper",
                format!("{} is already on the paper", h.data.name),
            )),
            _ => None,
        };
        if let Some((code, text)) = problem {
            return Err(AppError::field(
                "question_id",
                Msg::new(code, text).with("position", position),
            ));
        }
        let head = head.expect("checked above");
        let mut cs = self.changes(actor);
        cs.update(
            item.id(),
            item.version(),
            &ExamPaperItem {
                question_id,
                question_version: head.data.current_version,
                ..item.data.clone()
            },
        );
        cs.update(paper_id, expected_version, &paper.data);
        self.store().commit(cs).await?;
        self.paper_view(self.store().get(paper_id).await?).await
    }

    /// Moves a paper (read at `expected_version`) to `status`: draft →
    /// final (it must have questions) → released, or final back to draft.
    /// The curriculum office only.
    pub async fn set_exam_paper_status(
        &self,
        actor: &Actor,
        id: Id,
        expected_version: i64,
        status: &str,
    ) -> AppResult<Stored<ExamPaper>> {
        require(
            actor,
            Action::AssembleExamPapers,
            &Target::School,
            "make exam papers final or release them",
        )?;
        let paper: Stored<ExamPaper> = self.store().get(id).await?;
        rules::check_paper_move(&paper.data.status, status)
            .map_err(|m| AppError::field("status", m))?;
        if status == "final" {
            let items: Vec<Stored<ExamPaperItem>> = self
                .store()
                .list(&Query::all().eq("paper_id", id).limit(1))
                .await?;
            if items.is_empty() {
                return Err(AppError::field(
                    "status",
                    Msg::new(
                        "paper_empty",
                        "a paper without questions cannot be made final",
                    ),
                ));
            }
        }
        let mut cs = self.changes(actor);
        cs.update(
            id,
            expected_version,
            &ExamPaper {
                status: status.to_string(),
                ..paper.data
            },
        );
        Ok(self.store().commit_returning(cs).await?)
    }

    /// A paper's questions at their pinned versions, with what they show.
    /// Staff who may read the subject only (the questions carry their
    /// answers).
    ///
    /// The paper and its list of questions are read in one read-only
    /// transaction, so a fill or a swap committed meanwhile is either
    /// wholly seen or not at all; each question is then read at the
    /// version that list pins (a pinned version is never rewritten).
    pub async fn exam_content(&self, actor: &Actor, id: Id) -> AppResult<PaperContent> {
        let (papers, items) = self
            .store()
            .list_together::<ExamPaper, ExamPaperItem>(
                Query::all().eq("id", id),
                Query::all().eq("paper_id", id).order("position"),
            )
            .await?;
        let Some(paper) = papers.into_iter().next() else {
            return Err(AppError::from(schooldesk_store::StoreError::NotFound {
                what: <ExamPaper as schooldesk_store::tables::Record>::TABLE.label,
                id: id.to_string(),
            }));
        };
        require(
            actor,
            Action::ReadExamPapers,
            &Target::Subject(paper.data.subject_id),
            "see this exam paper's questions and keys",
        )?;
        let sections = serde_json::from_str(&paper.data.sections)
            .map_err(|e| unreadable("exam paper", paper.id(), e))?;
        let view = PaperView {
            paper,
            sections,
            items,
        };
        let mut questions = Vec::new();
        let mut stimuli = BTreeMap::new();
        for item in &view.items {
            let head: Stored<BankQuestion> = self.store().get(item.data.question_id).await?;
            let version = self
                .stored_version(item.data.question_id, item.data.question_version)
                .await?;
            let mut q = Self::read_version(&head, &version)?;
            // The stimulus the question had at that version.
            let content: qb::Question = serde_json::from_str(&version.data.content)
                .map_err(|e| unreadable("question", head.id(), e))?;
            q.stimulus = content.stimulus.or(q.stimulus);
            q.meta.points = qb::Decimal::parse(&item.data.points).unwrap_or(q.meta.points);
            if let Some(sid) = &q.stimulus {
                if !stimuli.contains_key(sid) {
                    if let Some((_, s)) = self.stimulus_of(head.data.subject_id, Some(sid)).await? {
                        stimuli.insert(sid.clone(), s);
                    }
                }
            }
            questions.push(q);
        }
        let mut keys: Vec<String> = questions
            .iter()
            .flat_map(|q| {
                q.texts()
                    .into_iter()
                    .flat_map(|t| t.images())
                    .map(|i| i.key.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        keys.extend(
            stimuli
                .values()
                .flat_map(|s| s.content.images())
                .map(|i| i.key.clone()),
        );
        let images = self.images_by_key(keys).await?;
        Ok(PaperContent {
            view,
            questions,
            stimuli,
            images,
        })
    }

    /// Variants A, B, C… of a paper and their answer keys, from its
    /// recorded seed: the same every time they are asked for.
    pub async fn exam_variants(
        &self,
        actor: &Actor,
        id: Id,
        count: u32,
    ) -> AppResult<Vec<(Variant, AnswerKey)>> {
        let content = self.exam_content(actor, id).await?;
        variants_of(&content, count)
    }

    /// How many variants (A, B, C…) of a paper have been printed: the
    /// most any print job made, 0 when it never was.
    pub(crate) async fn printed_variants(&self, id: Id) -> AppResult<u32> {
        let events = self
            .store()
            .backend()
            .audit(&schooldesk_store::AuditQuery {
                table_name: Some(
                    <ExamPaper as schooldesk_store::tables::Record>::TABLE
                        .name
                        .into(),
                ),
                record_id: Some(id),
                text: None,
                // Every event of this one paper, however often it was printed.
                limit: i64::from(u32::MAX),
            })
            .await?;
        Ok(events
            .iter()
            .filter(|e| e.action == PRINTED_EVENT)
            .filter_map(|e| {
                let after: serde_json::Value = serde_json::from_str(e.after.as_deref()?).ok()?;
                after.get("detail")?.as_str()?.parse::<u32>().ok()
            })
            .max()
            .unwrap_or(0))
    }

    /// Everything `request` prints of a paper, ready for the `exam`
    /// template: each variant's paper followed by its answer sheets, then
    /// the keys, then the kisi-kisi. A formula that does not parse stops
    /// the job with the question and the place named. The job is audited
    /// with its number of variants ([`PRINTED_EVENT`]).
    pub async fn exam_print_job(
        &self,
        actor: &Actor,
        id: Id,
        request: &PrintRequest,
    ) -> AppResult<PrintJob> {
        let content = self.exam_content(actor, id).await?;
        if content.view.paper.data.status == "draft" {
            return Err(AppError::field(
                "status",
                Msg::new(
                    "print_draft",
                    "a draft paper is not printed: its questions may still change; make it final first (the curriculum office), or look at it on screen",
                ),
            ));
        }
        let variants = variants_of(&content, request.variants)?;
        // Recorded (audited), so a results file may name only a variant
        // that was printed (`printed_variants`).
        let mut cs = self.changes(actor);
        cs.event(
            PRINTED_EVENT,
            <ExamPaper as schooldesk_store::tables::Record>::TABLE.name,
            Some(id),
            Some(request.variants.to_string()),
        );
        self.store().commit(cs).await?;
        let paper = &content.view.paper.data;
        let subject: Stored<Subject> = self.store().get(paper.subject_id).await?;
        let class: Stored<Class> = self.store().get(paper.class_id).await?;
        let year: Option<Stored<AcademicYear>> =
            self.store().find(class.data.academic_year_id).await?;
        let school = self.school_for_print().await?;
        let lang = request.language;
        let en = lang == doc::Language::En;
        let header = ed::ExamHeader {
            exam_name: paper.exam_name.clone(),
            subject: subject.data.name.clone(),
            class: class.data.name.clone(),
            date: crate::exam::format_date(paper.exam_date, en),
            duration: if en {
                format!("{} minutes", paper.duration_minutes)
            } else {
                format!("{} menit", paper.duration_minutes)
            },
            academic_year: year.map(|y| y.data.name).unwrap_or_default(),
            instructions: paper.instructions.clone(),
        };
        let by_id: HashMap<&qb::QuestionId, (usize, &qb::Question)> = content
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (&q.id, (i, q)))
            .collect();
        let images = image_paths(&content.images);
        let conv = Converter { images: &images };
        let variant_codes: Vec<String> = variants.iter().map(|(v, _)| v.code.clone()).collect();
        let layout = ed::SheetLayout::compute(
            request.sheet_area,
            request.student_digits,
            &variant_codes,
            content.questions.len(),
            content
                .questions
                .iter()
                .map(|q| match &q.body {
                    qb::Body::SingleChoice { options, .. }
                    | qb::Body::MultipleResponse { options, .. } => options.len(),
                    _ => 2,
                })
                .max()
                .unwrap_or(4)
                .clamp(2, 6),
        );
        let mut documents = Vec::new();
        let mut sheet_layouts = Vec::new();
        let mut keys = Vec::new();
        for (variant, key) in &variants {
            let mut sections: Vec<ed::ExamSection> = content
                .view
                .sections
                .iter()
                .map(|s| ed::ExamSection {
                    title: s.title.clone(),
                    instructions: s.instructions.clone(),
                    items: Vec::new(),
                })
                .collect();
            let mut stimulus_shown: HashSet<&qb::StimulusId> = HashSet::new();
            for item in &variant.items {
                let (index, q) = by_id[&item.question];
                let section = content.view.items[index].data.section as usize;
                let where_ = |part: &str| {
                    format!(
                        "question {} ({}) of variant {}, {part}",
                        item.number, q.name, variant.code
                    )
                };
                let stimulus = match &q.stimulus {
                    Some(sid) if stimulus_shown.insert(sid) => match content.stimuli.get(sid) {
                        Some(s) => conv.blocks(&s.content, &where_("its shared passage"))?,
                        None => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let stimulus_for = if stimulus.is_empty() {
                    String::new()
                } else {
                    let numbers: Vec<usize> = variant
                        .items
                        .iter()
                        .filter(|i| by_id[&i.question].1.stimulus == q.stimulus)
                        .map(|i| i.number)
                        .collect();
                    match (numbers.first(), numbers.last()) {
                        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                        (Some(a), _) => a.to_string(),
                        _ => String::new(),
                    }
                };
                let target = section.clamp(1, sections.len()) - 1;
                sections[target].items.push(exam_item(
                    &conv,
                    q,
                    item.number,
                    &item.order,
                    en,
                    stimulus,
                    stimulus_for,
                    &where_,
                )?);
            }
            // A variant's order puts a stimulus group where it first
            // appears; keep each section's items in the variant's order.
            for s in &mut sections {
                s.items.sort_by_key(|i| i.number);
            }
            sections.retain(|s| !s.items.is_empty());
            documents.push(ed::ExamDocument::Paper {
                language: lang,
                school: school.clone(),
                header: header.clone(),
                variant: variant.code.clone(),
                columns: request.columns.clamp(1, 2),
                sections,
            });
            if request.answer_sheets > 0 {
                let layout = layout.clone().map_err(|e| {
                    AppError::field(
                        "answer_sheets",
                        Msg::new("sheet_does_not_fit", e.clone()).with("problem", e),
                    )
                })?;
                for _ in 0..request.answer_sheets {
                    documents.push(ed::ExamDocument::AnswerSheet {
                        language: lang,
                        school: school.clone(),
                        header: header.clone(),
                        variant: variant.code.clone(),
                        layout: layout.clone(),
                    });
                }
                sheet_layouts.push((variant.code.clone(), layout));
            }
            if request.key {
                let mut lines: Vec<ed::KeyLine> = key
                    .entries
                    .iter()
                    .map(|(qid, entry)| ed::KeyLine {
                        number: entry.number,
                        answer: key_text(&entry.answer, en),
                        points: by_id[qid].1.meta.points.to_string(),
                        question: qid
                            .0
                            .chars()
                            .rev()
                            .take(8)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect(),
                    })
                    .collect();
                lines.sort_by_key(|l| l.number);
                let total = content
                    .questions
                    .iter()
                    .fold(qb::Decimal::from_int(0), |a, q| a.plus(q.meta.points));
                keys.push(ed::ExamDocument::Key {
                    language: lang,
                    school: school.clone(),
                    header: header.clone(),
                    variant: variant.code.clone(),
                    lines,
                    total_points: total.to_string(),
                });
            }
        }
        documents.extend(keys);
        if request.blueprint {
            if let Some(bp_id) = paper.blueprint_id {
                let (bp, rows) = self.blueprint(actor, bp_id).await?;
                let numbers_a: HashMap<&qb::QuestionId, usize> = variants
                    .first()
                    .map(|(v, _)| v.items.iter().map(|i| (&i.question, i.number)).collect())
                    .unwrap_or_default();
                let lines = rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut numbers: Vec<usize> = content
                            .view
                            .items
                            .iter()
                            .zip(&content.questions)
                            .filter(|(item, _)| item.data.blueprint_row == Some((i + 1) as i64))
                            .filter_map(|(_, q)| numbers_a.get(&q.id).copied())
                            .collect();
                        numbers.sort_unstable();
                        ed::BlueprintLine {
                            number: i + 1,
                            outcome: r.outcome.clone(),
                            topic: r.topic.clone(),
                            indicator: r.indicator.clone(),
                            cognitive: r.cognitive.map(|c| format!("{c:?}")).unwrap_or_default(),
                            kind: kind_word(r.kind, en).to_string(),
                            count: r.count,
                            points: r.points.to_string(),
                            questions: numbers
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", "),
                        }
                    })
                    .collect();
                documents.push(ed::ExamDocument::Blueprint {
                    language: lang,
                    school: school.clone(),
                    header: header.clone(),
                    blueprint: bp.data.name,
                    lines,
                });
            }
        }
        let images = content
            .images
            .iter()
            .map(|(key, image)| (images[key].clone(), image.bytes.clone()))
            .collect();
        Ok(PrintJob {
            documents,
            images,
            sheet_layouts,
        })
    }

    /// A question as it stands in its editor (saved or not), on a page of
    /// its own exactly as a paper prints it: the same template, header,
    /// typeset math, images and options — in the question's own order,
    /// as number 1 of variant A, with its shared passage above it. For
    /// whoever may write the subject's questions; nothing is stored. The
    /// question is checked as saving checks it (a formula that does not
    /// parse is named with its place), and `new_images` (pasted, not yet
    /// saved) must be images. `editing`: the question being edited, whose
    /// own images it may show.
    #[allow(clippy::too_many_arguments)]
    pub async fn question_print_preview(
        &self,
        actor: &Actor,
        subject_id: Id,
        editing: Option<Id>,
        question: &qb::Question,
        new_images: &BTreeMap<String, qb::Image>,
        language: doc::Language,
        columns: u8,
    ) -> AppResult<PrintJob> {
        require(
            actor,
            Action::WriteQuestions,
            &Target::Subject(subject_id),
            "see a question of this subject as it prints",
        )?;
        let subject: Stored<Subject> = self.store().get(subject_id).await?;
        // The question being edited lends its own images only to whoever
        // may write it: naming another subject's question is no way to
        // see its images.
        if let Some(id) = editing {
            let head: Stored<BankQuestion> = self.store().get(id).await?;
            require(
                actor,
                Action::WriteQuestions,
                &Target::Subject(head.data.subject_id),
                "see a question of this subject as it prints",
            )?;
        }
        let problems = question.validate();
        if !problems.is_empty() {
            return Err(crate::qbank::invalid_question(&problems));
        }
        for (key, image) in new_images {
            crate::qbank::image_record(key, image)?;
        }
        self.check_images(actor, question, new_images, editing)
            .await?;
        let stimulus = self
            .stimulus_of(subject_id, question.stimulus.as_ref())
            .await?;
        let mut keys = crate::qbank::image_keys(question);
        if let Some((_, s)) = &stimulus {
            keys.extend(s.content.images().into_iter().map(|i| i.key.clone()));
        }
        let stored: Vec<String> = keys
            .iter()
            .filter(|k| !new_images.contains_key(*k))
            .cloned()
            .collect();
        let mut images = self.images_by_key(stored).await?;
        for key in &keys {
            if let Some(image) = new_images.get(key) {
                images.insert(key.clone(), image.clone());
            }
        }
        let paths = image_paths(&images);
        let conv = Converter { images: &paths };
        let en = language == doc::Language::En;
        let order: Vec<usize> = match &question.body {
            qb::Body::SingleChoice { options, .. } | qb::Body::MultipleResponse { options, .. } => {
                (0..options.len()).collect()
            }
            qb::Body::Matching { pairs, .. } => {
                (0..variant::matching_answers(pairs).len()).collect()
            }
            _ => Vec::new(),
        };
        let passage = match &stimulus {
            Some((_, s)) => conv.blocks(&s.content, "the question's shared passage")?,
            None => Vec::new(),
        };
        let passage_for = if passage.is_empty() { "" } else { "1" };
        let item = exam_item(
            &conv,
            question,
            1,
            &order,
            en,
            passage,
            passage_for.to_string(),
            &|part| format!("the question, {part}"),
        )?;
        let header = ed::ExamHeader {
            exam_name: if en {
                "Question preview"
            } else {
                "Pratinjau soal"
            }
            .to_string(),
            subject: subject.data.name,
            ..ed::ExamHeader::default()
        };
        let documents = vec![ed::ExamDocument::Paper {
            language,
            school: self.school_for_print().await?,
            header,
            variant: "A".into(),
            columns: columns.clamp(1, 2),
            sections: vec![ed::ExamSection {
                title: String::new(),
                instructions: String::new(),
                items: vec![item],
            }],
        }];
        let images = images
            .iter()
            .map(|(key, image)| (paths[key].clone(), image.bytes.clone()))
            .collect();
        Ok(PrintJob {
            documents,
            images,
            sheet_layouts: Vec::new(),
        })
    }

    /// The school as a printed header shows it.
    async fn school_for_print(&self) -> AppResult<doc::School> {
        Ok(self
            .store()
            .list::<School>(&Query::all())
            .await?
            .into_iter()
            .next()
            .map(|s| doc::School {
                name: s.data.name,
                npsn: s.data.npsn,
                address: s.data.address,
                ..doc::School::default()
            })
            .unwrap_or_default())
    }
}

/// Each image's path in a print job, `/assets/img/KEY.EXT`.
fn image_paths(images: &BTreeMap<String, qb::Image>) -> BTreeMap<String, String> {
    images
        .iter()
        .map(|(key, image)| {
            let ext = match image.mime.as_str() {
                "image/png" => "png",
                "image/jpeg" => "jpg",
                "image/gif" => "gif",
                "image/webp" => "webp",
                _ => "svg",
            };
            (key.clone(), format!("/assets/img/{key}.{ext}"))
        })
        .collect()
}

fn variants_of(content: &PaperContent, count: u32) -> AppResult<Vec<(Variant, AnswerKey)>> {
    if count == 0 || count > MAX_VARIANTS {
        return Err(AppError::field(
            "variants",
            Msg::new(
                "variants_count",
                format!("a paper prints 1 to {MAX_VARIANTS} variants, not {count}"),
            )
            .with("max", MAX_VARIANTS),
        ));
    }
    if content.questions.is_empty() {
        return Err(AppError::field(
            "status",
            Msg::new("paper_empty", "the paper has no questions yet"),
        ));
    }
    variant::make_variants(&content.questions, seed_of(&content.view.paper.data), count).map_err(
        |p| {
            AppError::field(
                "questions",
                Msg::new(
                    "variant_failed",
                    format!("the variants cannot be made: {p}"),
                )
                .with("problem", p.to_string()),
            )
        },
    )
}

/// A date as the paper prints it ("5 Desember 2025", "5 December 2025").
pub fn format_date(date: NaiveDate, en: bool) -> String {
    use chrono::Datelike;
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = date.month0() as usize;
    format!(
        "{} {} {}",
        date.day(),
        if en { EN[month] } else { ID[month] },
        date.year()
    )
}

fn kind_word(kind: qb::QuestionType, en: bool) -> &'static str {
    use qb::QuestionType as T;
    match (kind, en) {
        (T::SingleChoice, false) => "Pilihan ganda",
        (T::SingleChoice, true) => "Multiple choice",
        (T::MultipleResponse, false) => "PG kompleks",
        (T::MultipleResponse, true) => "Multiple response",
        (T::TrueFalse, false) => "Benar/salah",
        (T::TrueFalse, true) => "True/false",
        (T::Matching, false) => "Menjodohkan",
        (T::Matching, true) => "Matching",
        (T::ShortAnswer, false) => "Isian",
        (T::ShortAnswer, true) => "Short answer",
        (T::Numeric, false) => "Isian angka",
        (T::Numeric, true) => "Numeric",
        (T::Essay, false) => "Uraian",
        (T::Essay, true) => "Essay",
    }
}

fn key_text(answer: &KeyAnswer, en: bool) -> String {
    match answer {
        KeyAnswer::Choice { right } => right
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        KeyAnswer::TrueFalse { correct } => match (correct, en) {
            (true, true) => "True",
            (false, true) => "False",
            (true, false) => "Benar",
            (false, false) => "Salah",
        }
        .to_string(),
        KeyAnswer::Matching { letters } => letters
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{}–{l}", i + 1))
            .collect::<Vec<_>>()
            .join(", "),
        KeyAnswer::ShortAnswer { accepted, .. } => accepted
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
        KeyAnswer::Numeric { accepted } => accepted
            .iter()
            .map(|(a, _)| match a {
                qb::NumericAccept::Tolerance { value, tolerance } if tolerance.is_zero() => {
                    value.to_string()
                }
                qb::NumericAccept::Tolerance { value, tolerance } => {
                    format!("{value} ± {tolerance}")
                }
                qb::NumericAccept::Range { min, max } => format!("{min} – {max}"),
            })
            .collect::<Vec<_>>()
            .join(" / "),
        KeyAnswer::Essay { max_points } => {
            if en {
                format!("by the rubric (max {max_points})")
            } else {
                format!("sesuai rubrik (maks. {max_points})")
            }
        }
    }
}

/// One question as a paper shows it: its options (or matching column) in
/// `order`, its prompts, its answer lines, its shared passage when this is
/// the first question of the group shown (`stimulus`, with the numbers it
/// is for). `where_` names a part of the question for an error.
#[allow(clippy::too_many_arguments)]
fn exam_item(
    conv: &Converter<'_>,
    q: &qb::Question,
    number: usize,
    order: &[usize],
    en: bool,
    stimulus: Vec<ed::Block>,
    stimulus_for: String,
    where_: &dyn Fn(&str) -> String,
) -> AppResult<ed::ExamItem> {
    let mut options = Vec::new();
    let mut prompts = Vec::new();
    match &q.body {
        qb::Body::SingleChoice { options: opts, .. }
        | qb::Body::MultipleResponse { options: opts, .. } => {
            for (place, &orig) in order.iter().enumerate() {
                let letter = variant::letter(place);
                options.push(ed::ExamOption {
                    content: conv.blocks(&opts[orig].text, &where_(&format!("option {letter}")))?,
                    letter,
                });
            }
        }
        qb::Body::Matching { pairs, .. } => {
            let column = variant::matching_answers(pairs);
            for (place, &orig) in order.iter().enumerate() {
                options.push(ed::ExamOption {
                    letter: variant::letter(place),
                    content: vec![ed::Block::Paragraph {
                        inlines: vec![ed::Inline::plain(column[orig].clone())],
                    }],
                });
            }
            for (i, p) in pairs.iter().filter(|p| !p.prompt.is_empty()).enumerate() {
                prompts.push(conv.blocks(&p.prompt, &where_(&format!("prompt {}", i + 1)))?);
            }
        }
        qb::Body::TrueFalse { .. } => {
            for (i, word) in if en {
                ["True", "False"]
            } else {
                ["Benar", "Salah"]
            }
            .iter()
            .enumerate()
            {
                options.push(ed::ExamOption {
                    letter: variant::letter(i),
                    content: vec![ed::Block::Paragraph {
                        inlines: vec![ed::Inline::plain(*word)],
                    }],
                });
            }
        }
        _ => {}
    }
    let answer_lines = match &q.body {
        qb::Body::ShortAnswer { .. } | qb::Body::Numeric { .. } => 1,
        qb::Body::Essay { .. } => 6,
        _ => 0,
    };
    Ok(ed::ExamItem {
        number,
        stimulus,
        stimulus_for,
        stem: conv.blocks(&q.stem, &where_("the stem"))?,
        kind: q.question_type().code().to_string(),
        options,
        prompts,
        points: q.meta.points.to_string(),
        answer_lines,
    })
}

/// Rich text to the template's blocks: math through our LaTeX converter,
/// images to the job's paths.
struct Converter<'a> {
    images: &'a BTreeMap<String, String>,
}

impl Converter<'_> {
    fn blocks(&self, text: &qb::RichText, place: &str) -> AppResult<Vec<ed::Block>> {
        let mut formula = 0;
        self.convert(&text.0, place, &mut formula)
    }

    fn math(&self, latex: &str, place: &str, formula: &mut usize) -> AppResult<String> {
        *formula += 1;
        qb::latex::to_typst(latex).map_err(|e| {
            let text = format!("{place}, formula {} ({latex}): {e}", *formula);
            AppError::field(
                "questions",
                Msg::new(
                    "latex_invalid",
                    format!("the formula cannot be printed: {text}"),
                )
                .with("place", place)
                .with("formula", latex)
                .with("column", e.column)
                .with("problem", &e.message),
            )
        })
    }

    fn convert(
        &self,
        blocks: &[qb::Block],
        place: &str,
        formula: &mut usize,
    ) -> AppResult<Vec<ed::Block>> {
        let mut out = Vec::new();
        for b in blocks {
            out.push(match b {
                qb::Block::Paragraph { inlines } => {
                    let mut runs = Vec::new();
                    for i in inlines {
                        runs.push(match i {
                            qb::Inline::Text { text, style } => ed::Inline::Text {
                                text: text.clone(),
                                bold: style.bold,
                                italic: style.italic,
                                underline: style.underline,
                                script: match style.script {
                                    qb::Script::Normal => "",
                                    qb::Script::Sub => "sub",
                                    qb::Script::Super => "super",
                                }
                                .to_string(),
                            },
                            qb::Inline::Math { latex } => ed::Inline::Math {
                                typst: self.math(latex, place, formula)?,
                            },
                            qb::Inline::Image { image } => match self.images.get(&image.key) {
                                Some(path) => ed::Inline::Image {
                                    path: path.clone(),
                                    alt: image.alt.clone(),
                                },
                                None => ed::Inline::plain(format!("[{}]", image.alt)),
                            },
                            qb::Inline::Break => ed::Inline::Break,
                        });
                    }
                    ed::Block::Paragraph { inlines: runs }
                }
                qb::Block::List { ordered, items } => ed::Block::List {
                    ordered: *ordered,
                    items: items
                        .iter()
                        .map(|it| self.convert(it, place, formula))
                        .collect::<AppResult<_>>()?,
                },
                qb::Block::Table { rows } => ed::Block::Table {
                    rows: rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| self.convert(c, place, formula))
                                .collect::<AppResult<Vec<_>>>()
                        })
                        .collect::<AppResult<_>>()?,
                },
                qb::Block::Math { latex } => ed::Block::Math {
                    typst: self.math(latex, place, formula)?,
                },
            });
        }
        Ok(out)
    }
}
