//! A marked paper's scores sent to the gradebook (issue 13 item 7, last
//! sentence): one column (an assessment) of the paper's class and subject
//! under a component of the subject's scheme, one score per student with a
//! stored result.
//!
//! - **Scale.** The gradebook keeps scores 0–100 in hundredths
//!   (`schooldesk_core::grading::Score`). A paper's score is an exact
//!   decimal out of its points; it is sent as score ÷ points × 100,
//!   rounded once, to hundredths, half away from zero
//!   (`Decimal::ratio_scaled`): 37.5 of 40 is 93.75, 1 of 3 is 33.33,
//!   2 of 3 is 66.67. A total below 0 (negative marking) is sent as 0.
//! - **Who.** Those who may enter the class's grades in the subject
//!   (`EnterGrades`): the subject's teacher of that class and the
//!   curriculum office. Not while the class's grades of the semester are
//!   approved (the gradebook's lock).
//! - **All or nothing, never silently over grades.** The column is found
//!   by its name under the component (or made after the component's last
//!   column). If any student already has a score in it, nothing is written
//!   unless the user said replace. A result of a student not in the class
//!   during the semester refuses the whole send, naming the student.
//!   Everything is written in one transaction, each score audited, with an
//!   `exam_scores_sent` event on the paper.

use crate::auth::require;
use crate::gradebook::{ids, same_year};
use crate::{App, AppError, AppResult};
use schooldesk_core::grading::Score;
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_store::{Filter, Query};
use std::collections::HashMap;

/// The audit event of a send: its detail names the column and the count.
pub const SENT_EVENT: &str = "exam_scores_sent";

/// Where a paper's scores go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToGradebook {
    /// A component of the subject's scheme for a semester of the class's
    /// year (it names the semester).
    pub component_id: Id,
    /// The column's name; empty: the paper's exam name (at most 50
    /// characters). An existing column of that name under the component
    /// is used, otherwise one is added.
    pub column: String,
    /// Overwrite scores the column already has for these students.
    pub replace: bool,
}

/// One student's score as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentScore {
    pub student_id: Id,
    pub name: String,
    /// The paper's score, as stored ("37.5").
    pub exam_score: String,
    /// On the gradebook's 0–100 scale.
    pub grade: Score,
    /// A score of this column was replaced.
    pub replaced: bool,
}

/// What a send wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentToGradebook {
    pub assessment_id: Id,
    pub column: String,
    /// The column was added by this send.
    pub created: bool,
    /// The paper's points (the denominator of the scale).
    pub max_score: String,
    /// By name.
    pub students: Vec<SentScore>,
}

/// The gradebook's hundredths (0–100) of `score` out of `max`: one
/// rounding step, half away from zero; below 0 counts as 0.
pub fn grade_of(score: qb::Decimal, max: qb::Decimal) -> Option<Score> {
    let h = score.ratio_scaled(max, 4)?.max(0);
    Score::from_hundredths(i64::try_from(h).ok()?)
}

/// A component a paper's scores may go under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradebookSlot {
    pub component_id: Id,
    pub component: String,
    /// formative | assignment | mid_term | end_of_term | other.
    pub kind: String,
    pub term_id: Id,
    pub term: String,
}

fn problem(code: &'static str, text: String) -> AppError {
    AppError::field("gradebook", Msg::new(code, text))
}

fn may_send(actor: &Actor, paper: &ExamPaper) -> AppResult<()> {
    require(
        actor,
        Action::EnterGrades,
        &Target::ClassSubject {
            class_id: paper.class_id,
            subject_id: paper.subject_id,
        },
        "send this paper's scores to the gradebook",
    )
}

impl App {
    /// The components of the paper's subject schemes in the semesters of
    /// its class's year (by semester, then the scheme's order): where its
    /// scores may go. For those who may send them.
    pub async fn exam_gradebook_slots(
        &self,
        actor: &Actor,
        paper_id: Id,
    ) -> AppResult<Vec<GradebookSlot>> {
        let paper: Stored<ExamPaper> = self.store().get(paper_id).await?;
        may_send(actor, &paper.data)?;
        let class: Stored<Class> = self.store().get(paper.data.class_id).await?;
        let terms: Vec<Stored<Term>> = self
            .store()
            .list(
                &Query::all()
                    .eq("academic_year_id", class.data.academic_year_id)
                    .order("number"),
            )
            .await?;
        let mut slots = Vec::new();
        for term in &terms {
            let Some(scheme) = self
                .store()
                .first::<AssessmentScheme>(
                    Query::all()
                        .eq("subject_id", paper.data.subject_id)
                        .eq("term_id", term.id()),
                )
                .await?
            else {
                continue;
            };
            let components: Vec<Stored<SchemeComponent>> = self
                .store()
                .list(&Query::all().eq("scheme_id", scheme.id()).order("position"))
                .await?;
            slots.extend(components.into_iter().map(|c| GradebookSlot {
                component_id: c.id(),
                component: c.data.name,
                kind: c.data.kind,
                term_id: term.id(),
                term: term.data.name.clone(),
            }));
        }
        Ok(slots)
    }

    /// Sends a marked paper's stored results to the gradebook as one
    /// column under `to.component_id` (see the module's notes).
    pub async fn send_exam_scores(
        &self,
        actor: &Actor,
        paper_id: Id,
        to: &ToGradebook,
    ) -> AppResult<SentToGradebook> {
        let paper: Stored<ExamPaper> = self.store().get(paper_id).await?;
        let class_id = paper.data.class_id;
        let subject_id = paper.data.subject_id;
        may_send(actor, &paper.data)?;
        let component: Stored<SchemeComponent> =
            self.store().find(to.component_id).await?.ok_or_else(|| {
                AppError::field(
                    "component_id",
                    Msg::new(
                        "component_not_found",
                        "no such component of an assessment scheme",
                    ),
                )
            })?;
        let scheme: Stored<AssessmentScheme> = self.store().get(component.data.scheme_id).await?;
        if scheme.data.subject_id != subject_id {
            return Err(AppError::field(
                "component_id",
                Msg::new(
                    "component_other_subject",
                    format!(
                        "{} is a component of another subject's scheme",
                        component.data.name
                    ),
                )
                .with("component", &component.data.name),
            ));
        }
        let class: Stored<Class> = self.store().get(class_id).await?;
        let term: Stored<Term> = self.store().get(scheme.data.term_id).await?;
        same_year(&class.data, &term.data)?;

        let results: Vec<Stored<ExamResult>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        if results.is_empty() {
            return Err(problem(
                "results_none",
                "the paper has no results yet".into(),
            ));
        }
        let items: Vec<Stored<ExamPaperItem>> = self
            .store()
            .list(&Query::all().eq("paper_id", paper_id))
            .await?;
        let max = items.iter().try_fold(qb::Decimal::ZERO, |sum, i| {
            qb::Decimal::parse(&i.data.points).map(|p| sum.plus(p))
        });
        let Some(max) = max.filter(|m| m.is_positive()) else {
            return Err(problem(
                "paper_no_points",
                "the paper's questions carry no points to scale by".into(),
            ));
        };

        let students: HashMap<Id, Stored<Student>> = self
            .students_in_term(class_id, &term.data)
            .await?
            .into_iter()
            .map(|s| (s.id(), s))
            .collect();
        let mut sent = Vec::new();
        for r in &results {
            let Some(student) = students.get(&r.data.student_id) else {
                let name = self
                    .store()
                    .find::<Student>(r.data.student_id)
                    .await?
                    .map_or_else(|| r.data.student_id.to_string(), |s| s.data.full_name);
                return Err(AppError::field(
                    "gradebook",
                    Msg::new(
                        "send_student_not_in_class",
                        format!(
                            "{name} has a result but is not in class {} during {}; nothing was sent",
                            class.data.name, term.data.name
                        ),
                    )
                    .with("name", &name)
                    .with("class", &class.data.name)
                    .with("term", &term.data.name),
                ));
            };
            let score = qb::Decimal::parse(&r.data.score)
                .and_then(|s| grade_of(s, max))
                .ok_or_else(|| {
                    AppError::setup(
                        "exam_unreadable",
                        format!(
                            "the result of {} ({}) cannot be scaled",
                            student.data.full_name, r.data.score
                        ),
                    )
                })?;
            sent.push(SentScore {
                student_id: student.id(),
                name: student.data.full_name.clone(),
                exam_score: r.data.score.clone(),
                grade: score,
                replaced: false,
            });
        }
        sent.sort_by(|a, b| a.name.cmp(&b.name).then(a.student_id.cmp(&b.student_id)));

        let wanted = {
            let typed = to.column.trim();
            let name = if typed.is_empty() {
                paper.data.exam_name.trim()
            } else {
                typed
            };
            name.chars().take(50).collect::<String>().trim().to_string()
        };
        let columns: Vec<Stored<Assessment>> = self
            .store()
            .list(
                &Query::all()
                    .eq("class_id", class_id)
                    .eq("component_id", component.id()),
            )
            .await?;
        let existing = columns
            .iter()
            .find(|c| c.data.name.trim().to_lowercase() == wanted.to_lowercase());
        let stored: HashMap<Id, Stored<ScoreEntry>> = match existing {
            Some(c) => {
                self.store()
                    .list::<ScoreEntry>(&Query::all().eq("assessment_id", c.id()).filter(
                        Filter::In("student_id", ids(sent.iter().map(|s| s.student_id))),
                    ))
                    .await?
                    .into_iter()
                    .map(|s| (s.data.student_id, s))
                    .collect()
            }
            None => HashMap::new(),
        };
        if !stored.is_empty() && !to.replace {
            let names: Vec<&str> = sent
                .iter()
                .filter(|s| stored.contains_key(&s.student_id))
                .map(|s| s.name.as_str())
                .collect();
            let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
            let more = if names.len() > 5 { ", …" } else { "" };
            return Err(AppError::field(
                "replace",
                Msg::new(
                    "gradebook_scores_exist",
                    format!(
                        "column {wanted} already has scores for {} student(s) ({shown}{more}); nothing was sent — send again with replace to overwrite them",
                        names.len()
                    ),
                )
                .with("column", &wanted)
                .with("count", names.len())
                .with("names", format!("{shown}{more}")),
            ));
        }

        // Held in the write's transaction: an approval since refuses it.
        let open = self.ensure_open(actor, class_id, term.id()).await?;
        let mut cs = self.changes(actor);
        let (assessment_id, created) = match existing {
            Some(c) => (c.id(), false),
            None => {
                let data = Assessment {
                    class_id,
                    component_id: component.id(),
                    name: wanted.clone(),
                    position: columns.iter().map(|c| c.data.position).max().unwrap_or(0) + 1,
                    date: Some(paper.data.exam_date),
                };
                data.validate()?;
                (cs.insert(&data), true)
            }
        };
        for s in &mut sent {
            let entry = ScoreEntry {
                assessment_id,
                student_id: s.student_id,
                score: s.grade.hundredths(),
            };
            match stored.get(&s.student_id) {
                Some(old) => {
                    s.replaced = true;
                    if old.data.score != entry.score {
                        cs.update(old.id(), old.version(), &entry);
                    }
                }
                None => {
                    cs.insert(&entry);
                }
            }
        }
        cs.event(
            SENT_EVENT,
            <ExamPaper as schooldesk_store::tables::Record>::TABLE.name,
            Some(paper_id),
            Some(format!(
                "{} score(s) to column {wanted} ({}, {})",
                sent.len(),
                component.data.name,
                term.data.name
            )),
        );
        self.commit_open(&open, cs).await?;
        tracing::info!(paper = %paper_id, students = sent.len(), created, "exam scores sent to the gradebook");
        Ok(SentToGradebook {
            assessment_id,
            column: wanted,
            created,
            max_score: max.to_string(),
            students: sent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_scaled_with_one_rounding_step() {
        let d = |t: &str| qb::Decimal::parse(t).unwrap();
        let h = |s: &str, m: &str| grade_of(d(s), d(m)).map(Score::hundredths);
        assert_eq!(h("37.5", "40"), Some(9375));
        assert_eq!(h("1", "3"), Some(3333));
        assert_eq!(h("2", "3"), Some(6667));
        assert_eq!(h("40", "40"), Some(10000));
        assert_eq!(h("0", "40"), Some(0));
        assert_eq!(h("-2.5", "40"), Some(0), "negative marking below 0");
        // 0.005 % is half a hundredth: away from zero.
        assert_eq!(h("1", "20000"), Some(1));
        assert_eq!(h("1", "0"), None);
    }
}
