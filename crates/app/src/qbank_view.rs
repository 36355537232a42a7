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
use schooldesk_store::{Filter, Query, Val};
use std::collections::HashSet;

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

    /// The stored image of SHA-256 `key`, for a user who may read a
    /// question or a shared stimulus that shows it, or a paper that prints
    /// it ([`App::readable_images`]). Anyone else is refused, whether or
    /// not the bank holds such an image (the refusal says nothing of it).
    pub async fn question_image(&self, actor: &Actor, key: &str) -> AppResult<qb::Image> {
        let keys = [key.to_string()];
        if !self.readable_images(actor, &keys).await?.contains(key) {
            return Err(AppError::refused(
                Action::ReadQuestions,
                "see this image of the question bank",
            ));
        }
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

    /// Which of the images `keys` (SHA-256s) `actor` may see: those shown
    /// by a version of a question, or by a stimulus, of a subject whose
    /// questions they may read, or by a question version that a paper of
    /// a subject whose papers they may read pins (a question moved to
    /// another subject since still prints on the old subject's papers).
    /// The curriculum office sees every one.
    pub(crate) async fn readable_images(
        &self,
        actor: &Actor,
        keys: &[String],
    ) -> AppResult<HashSet<String>> {
        if allowed(actor, Action::ReadQuestions, &Target::School) {
            return Ok(keys.iter().cloned().collect());
        }
        let reads = |s: Id| allowed(actor, Action::ReadQuestions, &Target::Subject(s));
        let mut found = HashSet::new();
        for key in keys {
            // A key is 64 hex digits (anything else shows in no question).
            if schooldesk_core::qbank::check_sha256(key).is_err() || found.contains(key) {
                continue;
            }
            let stimuli: Vec<Stored<QuestionStimulus>> = self
                .store()
                .list(&Query::all().filter(Filter::Contains(vec!["content"], key.clone())))
                .await?;
            if stimuli.iter().any(|s| reads(s.data.subject_id)) {
                found.insert(key.clone());
                continue;
            }
            let versions: Vec<Stored<QuestionVersion>> = self
                .store()
                .list(&Query::all().filter(Filter::Contains(vec!["content"], key.clone())))
                .await?;
            let ids: Vec<Val> = versions
                .iter()
                .map(|v| v.data.question_id)
                .collect::<HashSet<Id>>()
                .into_iter()
                .map(Val::Id)
                .collect();
            let mut shown = false;
            for chunk in ids.chunks(500) {
                let heads: Vec<Stored<BankQuestion>> = self
                    .store()
                    .list(&Query::all().filter(Filter::In("id", chunk.to_vec())))
                    .await?;
                if heads.iter().any(|h| reads(h.data.subject_id)) {
                    shown = true;
                    break;
                }
            }
            if !shown {
                let pinned: HashSet<(Id, i64)> = versions
                    .iter()
                    .map(|v| (v.data.question_id, v.data.number))
                    .collect();
                for chunk in ids.chunks(500) {
                    let items: Vec<Stored<ExamPaperItem>> = self
                        .store()
                        .list(&Query::all().filter(Filter::In("question_id", chunk.to_vec())))
                        .await?;
                    let papers: HashSet<Id> = items
                        .iter()
                        .filter(|i| pinned.contains(&(i.data.question_id, i.data.question_version)))
                        .map(|i| i.data.paper_id)
                        .collect();
                    for paper in papers {
                        let p: Stored<ExamPaper> = self.store().get(paper).await?;
                        if allowed(
                            actor,
                            Action::ReadExamPapers,
                            &Target::Subject(p.data.subject_id),
                        ) {
                            shown = true;
                            break;
                        }
                    }
                    if shown {
                        break;
                    }
                }
            }
            if shown {
                found.insert(key.clone());
            }
        }
        Ok(found)
    }

    /// The blueprints of the subjects `actor` drafts papers of (the
    /// office: all), by name.
    pub async fn blueprint_list(&self, actor: &Actor) -> AppResult<Vec<Stored<ExamBlueprint>>> {
        let mut query = Query::all().order("name");
        if let Some(subjects) = self.subjects_for(
            actor,
            Action::ReadExamPapers,
            Action::AssembleExamPapers,
            "see the exam papers",
        )? {
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
        if let Some(subjects) = self.subjects_for(
            actor,
            Action::ReadExamPapers,
            Action::AssembleExamPapers,
            "see the exam papers",
        )? {
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
