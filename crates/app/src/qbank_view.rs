//! What the question-bank screens need beside `qbank.rs`'s use-cases
//! (issue 13, helper "qbui"): which subjects a user may search and write
//! and whether they review, the bank's questions like one being saved
//! (the duplicate warning, which must not name the question itself), and
//! a stored image's bytes so the editor can show it again.
//!
//! It only reads; every write is `qbank.rs`'s.

use crate::auth::require;
use crate::qbank::{Duplicate, DuplicateOf};
use crate::{App, AppError, AppResult};
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_qbank::search as words;
use schooldesk_store::{Filter, Query};

/// The most questions a duplicate check names.
const MAX_DUPLICATES: usize = 5;

/// What the bank screens may offer a user.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionScope {
    /// The subjects whose questions the user may see, by code.
    pub subjects: Vec<Stored<Subject>>,
    /// Of those, the ones they may write questions of.
    pub writable: Vec<Id>,
    /// Reviews and approves (the curriculum office).
    pub review: bool,
}

impl App {
    /// The subjects whose questions `actor` may read and write, and whether
    /// they review. A user who may see no subject's questions is refused.
    pub async fn question_scope(&self, actor: &Actor) -> AppResult<QuestionScope> {
        let all: Vec<Stored<Subject>> = self.store().list(&Query::all().order("code")).await?;
        let subjects: Vec<Stored<Subject>> = all
            .into_iter()
            .filter(|s| {
                allowed(actor, Action::ReadQuestions, &Target::School)
                    || allowed(actor, Action::ReadQuestions, &Target::Subject(s.id()))
            })
            .collect();
        let review = allowed(actor, Action::ReviewQuestions, &Target::School);
        if subjects.is_empty() && !review {
            return Err(AppError::refused(
                Action::ReadQuestions,
                "see the question bank",
            ));
        }
        let writable = subjects
            .iter()
            .map(Stored::id)
            .filter(|id| allowed(actor, Action::WriteQuestions, &Target::Subject(*id)))
            .collect();
        Ok(QuestionScope {
            subjects,
            writable,
            review,
        })
    }

    /// The subject's questions whose stem is the same as `question`'s or
    /// near it (most alike first, at most five), leaving out `except` (the
    /// question being edited). Read before saving, so the user is warned
    /// and may still save.
    pub async fn question_duplicates(
        &self,
        actor: &Actor,
        subject_id: Id,
        question: &qb::Question,
        except: Option<Id>,
    ) -> AppResult<Vec<Duplicate>> {
        require(
            actor,
            Action::ReadQuestions,
            &Target::Subject(subject_id),
            "see this subject's questions",
        )?;
        let key = words::stem_key(question);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut found: Vec<(Id, String, usize)> = Vec::new();
        let mut note = |q: Stored<BankQuestion>, likeness: usize| {
            if Some(q.id()) == except || likeness < words::NEAR_PERCENT {
                return;
            }
            match found.iter_mut().find(|(id, _, _)| *id == q.id()) {
                Some(seen) => seen.2 = seen.2.max(likeness),
                None => found.push((q.id(), q.data.name, likeness)),
            }
        };
        let same: Vec<Stored<BankQuestion>> = self
            .store()
            .list(
                &Query::all()
                    .eq("subject_id", subject_id)
                    .eq("stem_key", key.as_str())
                    .order("created_at")
                    .limit(20),
            )
            .await?;
        for q in same {
            note(q, 100);
        }
        // Near stems hold the key's longest words; a near one may have
        // changed one of them, so the next two are asked too.
        let mut longest: Vec<&str> = key.split(' ').collect();
        longest.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        longest.dedup();
        for pair in longest.chunks(2).take(2) {
            let candidates: Vec<Stored<BankQuestion>> = self
                .store()
                .list(
                    &Query::all()
                        .eq("subject_id", subject_id)
                        .filter(Filter::Words(
                            "search_text",
                            pair.iter().map(|w| (*w).to_string()).collect(),
                        ))
                        .order("created_at")
                        .limit(200),
                )
                .await?;
            for q in candidates {
                let likeness = words::likeness(&key, &q.data.stem_key);
                note(q, likeness);
            }
        }
        found.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        Ok(found
            .into_iter()
            .take(MAX_DUPLICATES)
            .map(|(id, name, likeness)| Duplicate {
                of: DuplicateOf::Bank { id, name },
                likeness,
            })
            .collect())
    }

    /// The stored image of SHA-256 `key`, for a user who may see some of
    /// the bank (the key is the bytes' hash: only one who saw a question
    /// showing it knows it).
    pub async fn question_image(&self, actor: &Actor, key: &str) -> AppResult<qb::Image> {
        self.question_scope(actor).await?;
        let found: Option<Stored<QuestionImage>> =
            self.store().first(Query::all().eq("sha256", key)).await?;
        let stored = found.ok_or_else(|| {
            AppError::Store(schooldesk_store::StoreError::NotFound {
                what: "question image",
                id: key.to_string(),
            })
        })?;
        Ok(qb::Image {
            name: stored.data.file_name,
            mime: stored.data.mime,
            bytes: stored.data.data,
        })
    }

    /// The subjects whose exam papers `actor` may read (None: all).
    fn paper_subjects(&self, actor: &Actor) -> AppResult<Option<Vec<Id>>> {
        if allowed(actor, Action::AssembleExamPapers, &Target::School) {
            return Ok(None);
        }
        let mut subjects: Vec<Id> = actor
            .taught_subjects
            .iter()
            .map(|(_, s)| *s)
            .filter(|s| allowed(actor, Action::ReadExamPapers, &Target::Subject(*s)))
            .collect();
        subjects.sort();
        subjects.dedup();
        if subjects.is_empty() {
            return Err(AppError::refused(
                Action::ReadExamPapers,
                "see the exam papers",
            ));
        }
        Ok(Some(subjects))
    }

    /// The blueprints of the subjects `actor` drafts papers of (the
    /// office: all), by name.
    pub async fn blueprint_list(&self, actor: &Actor) -> AppResult<Vec<Stored<ExamBlueprint>>> {
        let mut query = Query::all().order("name");
        if let Some(subjects) = self.paper_subjects(actor)? {
            query = query.filter(Filter::In(
                "subject_id",
                subjects
                    .into_iter()
                    .map(schooldesk_store::Val::Id)
                    .collect(),
            ));
        }
        Ok(self.store().list(&query).await?)
    }

    /// The exam papers of the subjects `actor` reads as staff (the office:
    /// all), the latest exam first. Students and parents see released
    /// papers through `exam_paper`, never this list.
    pub async fn exam_paper_list(&self, actor: &Actor) -> AppResult<Vec<Stored<ExamPaper>>> {
        let mut query = Query::all().order("exam_date");
        if let Some(subjects) = self.paper_subjects(actor)? {
            query = query.filter(Filter::In(
                "subject_id",
                subjects
                    .into_iter()
                    .map(schooldesk_store::Val::Id)
                    .collect(),
            ));
        }
        let mut papers: Vec<Stored<ExamPaper>> = self.store().list(&query).await?;
        papers.reverse();
        Ok(papers)
    }
}
