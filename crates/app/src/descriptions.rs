//! Descriptions and the homeroom teacher's part of a report card (issue 12,
//! item 5): a subject's learning objectives (TP) per term, the ticks a
//! subject's teacher gives each student (mastered best / needs work), the
//! description sentence made from them (`schooldesk_core::descriptions`)
//! or the teacher's own text in its place, a comment bank per subject, and
//! per student and term the homeroom note, the parent's response, the
//! extracurricular results and the promotion decision (even semester only).
//! Every write goes through one audited change set and
//! [`App::ensure_open`].

use crate::auth::require;
use crate::{App, AppError, AppResult};
use schooldesk_core::descriptions::{describe, Lang, Promotion, Tick};
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::{Filter, Query};

/// A learning objective as the teacher types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectiveInput {
    pub code: String,
    pub text_id: String,
    pub text_en: Option<String>,
}

/// One student's description of a subject in a term: the ticks, the
/// sentence made from them in both languages, and the teacher's own text
/// when they replaced it (which the card then prints).
#[derive(Debug, Clone, PartialEq)]
pub struct StudentDescription {
    pub student: Stored<Student>,
    /// The objectives ticked, and how.
    pub ticks: Vec<(Id, Tick)>,
    pub generated_id: String,
    pub generated_en: String,
    pub custom: Option<Stored<SubjectDescription>>,
}

impl StudentDescription {
    /// The text the card prints in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match (&self.custom, lang) {
            (Some(custom), _) => &custom.data.text,
            (None, Lang::Id) => &self.generated_id,
            (None, Lang::En) => &self.generated_en,
        }
    }
}

/// A class × subject × term's descriptions: the objectives in order and
/// each student of the class during the term.
#[derive(Debug, Clone, PartialEq)]
pub struct DescriptionSheet {
    pub objectives: Vec<Stored<LearningObjective>>,
    pub students: Vec<StudentDescription>,
}

/// A class's term reports, for its homeroom teacher.
#[derive(Debug, Clone, PartialEq)]
pub struct TermReportSheet {
    pub term: Stored<Term>,
    /// Whether the promotion decision may be made (the even semester).
    pub promotion_allowed: bool,
    pub students: Vec<Stored<Student>>,
    pub reports: Vec<Stored<TermReport>>,
    pub extracurriculars: Vec<Stored<Extracurricular>>,
    pub results: Vec<Stored<ExtracurricularResult>>,
}

/// What the homeroom teacher writes for one student and term. `None`
/// leaves a part empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TermReportInput {
    pub homeroom_note: Option<String>,
    pub parent_response: Option<String>,
    pub promotion: Option<Promotion>,
}

fn tidy(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// The objectives' texts in `lang` that carry `tick`, in the subject's order.
fn texts<'a>(
    objectives: &'a [Stored<LearningObjective>],
    ticks: &[(Id, Tick)],
    tick: Tick,
    lang: Lang,
) -> Vec<&'a str> {
    objectives
        .iter()
        .filter(|o| ticks.contains(&(o.id(), tick)))
        .map(|o| match lang {
            Lang::Id => o.data.text_id.as_str(),
            Lang::En => o.data.text_en.as_deref().unwrap_or(&o.data.text_id),
        })
        .collect()
}

/// The description sentence of `ticks` in `lang`.
pub fn sentence(
    objectives: &[Stored<LearningObjective>],
    ticks: &[(Id, Tick)],
    lang: Lang,
) -> String {
    describe(
        lang,
        &texts(objectives, ticks, Tick::Mastered, lang),
        &texts(objectives, ticks, Tick::NeedsWork, lang),
    )
}

impl App {
    async fn subject_named(&self, subject_id: Id) -> AppResult<Stored<Subject>> {
        self.store()
            .find::<Subject>(subject_id)
            .await?
            .ok_or_else(|| {
                AppError::field("subject_id", Msg::new("no_such_subject", "no such subject"))
            })
    }

    async fn term_named(&self, term_id: Id) -> AppResult<Stored<Term>> {
        self.store()
            .find::<Term>(term_id)
            .await?
            .ok_or_else(|| AppError::field("term_id", Msg::new("no_such_term", "no such semester")))
    }

    /// The student, who must have been in the class during the term.
    async fn student_of_class_term(
        &self,
        class: &Stored<Class>,
        term: &Stored<Term>,
        student_id: Id,
    ) -> AppResult<Stored<Student>> {
        let students = self
            .students_between(class.id(), term.data.start_date, term.data.end_date)
            .await?;
        if let Some(student) = students.into_iter().find(|s| s.id() == student_id) {
            return Ok(student);
        }
        let name = self
            .store()
            .find::<Student>(student_id)
            .await?
            .map_or_else(|| student_id.to_string(), |s| s.data.full_name);
        Err(AppError::field(
            "student_id",
            Msg::new(
                "not_in_class_term",
                format!(
                    "{name} was not in {} during {}",
                    class.data.name, term.data.name
                ),
            )
            .with("student", name)
            .with("class", &class.data.name)
            .with("term", &term.data.name),
        ))
    }

    /// The class × subject pairs of the current year whose descriptions
    /// this session may write (a teacher's teaching assignments; every
    /// assignment for the office), by class and subject name.
    pub async fn description_lessons(
        &self,
        actor: &Actor,
    ) -> AppResult<Vec<(Stored<Class>, Stored<Subject>)>> {
        let Some(year) = self.find_current_year().await? else {
            return Ok(Vec::new());
        };
        let classes = self
            .store()
            .list::<Class>(&Query::all().eq("academic_year_id", year.id()).order("name"))
            .await?;
        let subjects = self
            .store()
            .list::<Subject>(&Query::all().order("name"))
            .await?;
        let assignments = self
            .store()
            .list::<TeachingAssignment>(&Query::all().filter(Filter::In(
                "class_id",
                classes.iter().map(|c| c.id().into()).collect(),
            )))
            .await?;
        let mut out = Vec::new();
        for class in &classes {
            for subject in &subjects {
                let teacher_ids: Vec<Id> = assignments
                    .iter()
                    .filter(|a| a.data.class_id == class.id() && a.data.subject_id == subject.id())
                    .map(|a| a.data.teacher_id)
                    .collect();
                if teacher_ids.is_empty() {
                    continue;
                }
                let lesson = Target::ClassSubject {
                    class_id: class.id(),
                    subject_id: subject.id(),
                };
                if policy::allowed(actor, Action::WriteDescription, &lesson) {
                    out.push((class.clone(), subject.clone()));
                }
            }
        }
        Ok(out)
    }

    /// The classes of the current year whose term reports this session may
    /// write (a homeroom teacher's own; every class for the office).
    pub async fn term_report_classes(&self, actor: &Actor) -> AppResult<Vec<Stored<Class>>> {
        self.current_classes_for(actor, Action::WriteTermReport)
            .await
    }

    // ---- learning objectives -------------------------------------------

    /// A subject's objectives for a term, in order. Every member of staff
    /// may read them.
    pub async fn objectives(
        &self,
        actor: &Actor,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<Vec<Stored<LearningObjective>>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the learning objectives",
        )?;
        self.find_objectives(subject_id, term_id).await
    }

    async fn find_objectives(
        &self,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<Vec<Stored<LearningObjective>>> {
        Ok(self
            .store()
            .list::<LearningObjective>(
                &Query::all()
                    .eq("subject_id", subject_id)
                    .eq("term_id", term_id)
                    .order("position")
                    .order("code"),
            )
            .await?)
    }

    /// Adds an objective at the end of the subject's list for the term.
    pub async fn objective_add(
        &self,
        actor: &Actor,
        subject_id: Id,
        term_id: Id,
        input: &ObjectiveInput,
    ) -> AppResult<Stored<LearningObjective>> {
        require(
            actor,
            Action::ManageObjectives,
            &Target::Subject(subject_id),
            "change this subject's learning objectives",
        )?;
        self.subject_named(subject_id).await?;
        self.term_named(term_id).await?;
        let existing = self.find_objectives(subject_id, term_id).await?;
        let data = LearningObjective {
            subject_id,
            term_id,
            code: input.code.trim().to_string(),
            text_id: input.text_id.trim().to_string(),
            text_en: tidy(&input.text_en),
            position: existing
                .iter()
                .map(|o| o.data.position + 1)
                .max()
                .unwrap_or(0),
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        cs.insert(&data);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// Changes an objective's code and texts (its place stays).
    pub async fn objective_edit(
        &self,
        actor: &Actor,
        id: Id,
        version: i64,
        input: &ObjectiveInput,
    ) -> AppResult<Stored<LearningObjective>> {
        let stored = self.store().get::<LearningObjective>(id).await?;
        require(
            actor,
            Action::ManageObjectives,
            &Target::Subject(stored.data.subject_id),
            "change this subject's learning objectives",
        )?;
        let data = LearningObjective {
            code: input.code.trim().to_string(),
            text_id: input.text_id.trim().to_string(),
            text_en: tidy(&input.text_en),
            ..stored.data.clone()
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        cs.update(id, version, &data);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// Removes an objective and the ticks given to it.
    pub async fn objective_remove(&self, actor: &Actor, id: Id, version: i64) -> AppResult<()> {
        let stored = self.store().get::<LearningObjective>(id).await?;
        require(
            actor,
            Action::ManageObjectives,
            &Target::Subject(stored.data.subject_id),
            "change this subject's learning objectives",
        )?;
        let mut cs = self.changes(actor);
        for mark in self
            .store()
            .list::<ObjectiveMark>(&Query::all().eq("objective_id", id))
            .await?
        {
            cs.delete::<ObjectiveMark>(mark.id(), mark.version());
        }
        cs.delete::<LearningObjective>(id, version);
        self.store().commit(cs).await?;
        Ok(())
    }

    /// Puts a subject's objectives for a term in the order of `ids`, which
    /// must name each of them once.
    pub async fn objectives_reorder(
        &self,
        actor: &Actor,
        subject_id: Id,
        term_id: Id,
        ids: &[Id],
    ) -> AppResult<Vec<Stored<LearningObjective>>> {
        require(
            actor,
            Action::ManageObjectives,
            &Target::Subject(subject_id),
            "change this subject's learning objectives",
        )?;
        let existing = self.find_objectives(subject_id, term_id).await?;
        let mut sorted_ids = ids.to_vec();
        sorted_ids.sort();
        sorted_ids.dedup();
        let mut existing_ids: Vec<Id> = existing.iter().map(|o| o.id()).collect();
        existing_ids.sort();
        if sorted_ids.len() != ids.len() || sorted_ids != existing_ids {
            return Err(AppError::field(
                "objective_id",
                Msg::new(
                    "reorder_mismatch",
                    format!(
                        "the new order must name each of the {} objectives once; it named {}",
                        existing.len(),
                        ids.len()
                    ),
                )
                .with("expected", existing.len())
                .with("count", ids.len()),
            ));
        }
        let mut cs = self.changes(actor);
        for (position, id) in ids.iter().enumerate() {
            let stored = existing.iter().find(|o| o.id() == *id).expect("checked");
            if stored.data.position != position as i64 {
                cs.update(
                    *id,
                    stored.version(),
                    &LearningObjective {
                        position: position as i64,
                        ..stored.data.clone()
                    },
                );
            }
        }
        if !cs.is_empty() {
            self.store().commit(cs).await?;
        }
        self.find_objectives(subject_id, term_id).await
    }

    // ---- ticks and descriptions ----------------------------------------

    /// The descriptions of a class × subject × term, for its teacher.
    pub async fn descriptions_open(
        &self,
        actor: &Actor,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<DescriptionSheet> {
        require(
            actor,
            Action::WriteDescription,
            &Target::ClassSubject {
                class_id,
                subject_id,
            },
            "see this class's descriptions in this subject",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        self.subject_named(subject_id).await?;
        let objectives = self.find_objectives(subject_id, term_id).await?;
        let students = self
            .students_between(class_id, term.data.start_date, term.data.end_date)
            .await?;
        let mut out = Vec::new();
        for student in students {
            out.push(
                self.student_description(&objectives, student, subject_id, term_id)
                    .await?,
            );
        }
        Ok(DescriptionSheet {
            objectives,
            students: out,
        })
    }

    async fn student_description(
        &self,
        objectives: &[Stored<LearningObjective>],
        student: Stored<Student>,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<StudentDescription> {
        let ticks: Vec<(Id, Tick)> =
            self.store()
                .list::<ObjectiveMark>(&Query::all().eq("student_id", student.id()).filter(
                    Filter::In(
                        "objective_id",
                        objectives.iter().map(|o| o.id().into()).collect(),
                    ),
                ))
                .await?
                .into_iter()
                .filter_map(|m| Tick::parse(&m.data.mark).map(|t| (m.data.objective_id, t)))
                .collect();
        let custom = self
            .store()
            .first::<SubjectDescription>(
                Query::all()
                    .eq("student_id", student.id())
                    .eq("subject_id", subject_id)
                    .eq("term_id", term_id),
            )
            .await?;
        Ok(StudentDescription {
            generated_id: sentence(objectives, &ticks, Lang::Id),
            generated_en: sentence(objectives, &ticks, Lang::En),
            student,
            ticks,
            custom,
        })
    }

    /// Ticks an objective for a student (`None` takes the tick off) and
    /// answers the student's description as it now reads.
    pub async fn description_tick(
        &self,
        actor: &Actor,
        class_id: Id,
        student_id: Id,
        objective_id: Id,
        tick: Option<Tick>,
    ) -> AppResult<StudentDescription> {
        let objective = self
            .store()
            .find::<LearningObjective>(objective_id)
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "objective_id",
                    Msg::new("no_such_objective", "no such learning objective"),
                )
            })?;
        let (subject_id, term_id) = (objective.data.subject_id, objective.data.term_id);
        require(
            actor,
            Action::WriteDescription,
            &Target::ClassSubject {
                class_id,
                subject_id,
            },
            "write this class's descriptions in this subject",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        let student = self
            .student_of_class_term(&class, &term, student_id)
            .await?;
        let open = self.ensure_open(actor, class_id, term_id).await?;
        let stored = self
            .store()
            .first::<ObjectiveMark>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("objective_id", objective_id),
            )
            .await?;
        let mut cs = self.changes(actor);
        match (stored, tick) {
            (None, None) => {}
            (Some(stored), None) => cs.delete::<ObjectiveMark>(stored.id(), stored.version()),
            (None, Some(tick)) => {
                cs.insert(&ObjectiveMark {
                    student_id,
                    objective_id,
                    mark: tick.as_str().into(),
                });
            }
            (Some(stored), Some(tick)) => {
                if stored.data.mark != tick.as_str() {
                    cs.update(
                        stored.id(),
                        stored.version(),
                        &ObjectiveMark {
                            mark: tick.as_str().into(),
                            ..stored.data.clone()
                        },
                    );
                }
            }
        }
        self.commit_open(&open, cs).await?;
        let objectives = self.find_objectives(subject_id, term_id).await?;
        self.student_description(&objectives, student, subject_id, term_id)
            .await
    }

    /// Replaces a student's generated description with the teacher's own
    /// text, or (`None`, or only spaces) goes back to the generated one.
    #[allow(clippy::too_many_arguments)]
    pub async fn description_set(
        &self,
        actor: &Actor,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
        student_id: Id,
        text: Option<&str>,
    ) -> AppResult<StudentDescription> {
        require(
            actor,
            Action::WriteDescription,
            &Target::ClassSubject {
                class_id,
                subject_id,
            },
            "write this class's descriptions in this subject",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        self.subject_named(subject_id).await?;
        let student = self
            .student_of_class_term(&class, &term, student_id)
            .await?;
        let open = self.ensure_open(actor, class_id, term_id).await?;
        let stored = self
            .store()
            .first::<SubjectDescription>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("subject_id", subject_id)
                    .eq("term_id", term_id),
            )
            .await?;
        let text = tidy(&text.map(str::to_string));
        let mut cs = self.changes(actor);
        match (stored, text) {
            (None, None) => {}
            (Some(stored), None) => cs.delete::<SubjectDescription>(stored.id(), stored.version()),
            (stored, Some(text)) => {
                let data = SubjectDescription {
                    student_id,
                    subject_id,
                    term_id,
                    text,
                };
                data.validate()?;
                match stored {
                    Some(stored) if stored.data != data => {
                        cs.update(stored.id(), stored.version(), &data)
                    }
                    Some(_) => {}
                    None => {
                        cs.insert(&data);
                    }
                }
            }
        }
        self.commit_open(&open, cs).await?;
        let objectives = self.find_objectives(subject_id, term_id).await?;
        self.student_description(&objectives, student, subject_id, term_id)
            .await
    }

    /// The description a student's card prints for a subject and term in
    /// `lang`: the teacher's own text, or the generated sentence (empty
    /// when nothing was ticked). The student, their parents and their
    /// class's teachers may read it.
    pub async fn student_subject_description(
        &self,
        actor: &Actor,
        student_id: Id,
        subject_id: Id,
        term_id: Id,
        lang: Lang,
    ) -> AppResult<String> {
        require(
            actor,
            Action::ReadResults,
            &self.student_target(student_id).await?,
            "see this student's descriptions",
        )?;
        let student = self.store().get::<Student>(student_id).await?;
        let objectives = self.find_objectives(subject_id, term_id).await?;
        let description = self
            .student_description(&objectives, student, subject_id, term_id)
            .await?;
        Ok(description.text(lang).to_string())
    }

    // ---- comment bank --------------------------------------------------

    /// The comment bank for a subject: its own sentences, then those for
    /// every subject. Every member of staff may read it.
    pub async fn comment_bank(
        &self,
        actor: &Actor,
        subject_id: Option<Id>,
    ) -> AppResult<Vec<Stored<CommentBankEntry>>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the comment bank",
        )?;
        let mut entries = Vec::new();
        if let Some(subject_id) = subject_id {
            entries.extend(
                self.store()
                    .list::<CommentBankEntry>(
                        &Query::all().eq("subject_id", subject_id).order("text"),
                    )
                    .await?,
            );
        }
        entries.extend(
            self.store()
                .list::<CommentBankEntry>(
                    &Query::all()
                        .filter(Filter::IsNull("subject_id"))
                        .order("text"),
                )
                .await?,
        );
        Ok(entries)
    }

    /// Who may change a comment bank: a subject's teachers for its own,
    /// the curriculum office for the one every subject shares.
    async fn require_bank(&self, actor: &Actor, subject_id: Option<Id>) -> AppResult<()> {
        match subject_id {
            Some(subject_id) => require(
                actor,
                Action::ManageObjectives,
                &Target::Subject(subject_id),
                "change this subject's comment bank",
            ),
            None => require(
                actor,
                Action::ManageDirectory,
                &Target::School,
                "change the shared comment bank",
            ),
        }
    }

    pub async fn comment_add(
        &self,
        actor: &Actor,
        subject_id: Option<Id>,
        text: &str,
    ) -> AppResult<Stored<CommentBankEntry>> {
        self.require_bank(actor, subject_id).await?;
        let data = CommentBankEntry {
            subject_id,
            text: text.trim().to_string(),
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        cs.insert(&data);
        Ok(self.store().commit_returning(cs).await?)
    }

    pub async fn comment_remove(&self, actor: &Actor, id: Id, version: i64) -> AppResult<()> {
        let stored = self.store().get::<CommentBankEntry>(id).await?;
        self.require_bank(actor, stored.data.subject_id).await?;
        let mut cs = self.changes(actor);
        cs.delete::<CommentBankEntry>(id, version);
        self.store().commit(cs).await?;
        Ok(())
    }

    // ---- term reports, extracurriculars, promotion ---------------------

    /// The extracurricular activities, by name. Every member of staff may
    /// read them.
    pub async fn extracurriculars(&self, actor: &Actor) -> AppResult<Vec<Stored<Extracurricular>>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the extracurricular activities",
        )?;
        Ok(self
            .store()
            .list::<Extracurricular>(&Query::all().order("name"))
            .await?)
    }

    /// Adds an activity the school offers (the curriculum office's).
    pub async fn extracurricular_add(
        &self,
        actor: &Actor,
        name: &str,
    ) -> AppResult<Stored<Extracurricular>> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the extracurricular activities",
        )?;
        let data = Extracurricular {
            name: name.trim().to_string(),
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        cs.insert(&data);
        Ok(self.store().commit_returning(cs).await?)
    }

    /// A class's term reports, for its homeroom teacher.
    pub async fn term_report_open(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
    ) -> AppResult<TermReportSheet> {
        require(
            actor,
            Action::WriteTermReport,
            &Target::Class(class_id),
            "see this class's term reports",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        let students = self
            .students_between(class_id, term.data.start_date, term.data.end_date)
            .await?;
        let ids: Vec<_> = students.iter().map(|s| s.id().into()).collect();
        let reports = self
            .store()
            .list::<TermReport>(
                &Query::all()
                    .eq("term_id", term_id)
                    .filter(Filter::In("student_id", ids.clone())),
            )
            .await?;
        let results = self
            .store()
            .list::<ExtracurricularResult>(
                &Query::all()
                    .eq("term_id", term_id)
                    .filter(Filter::In("student_id", ids)),
            )
            .await?;
        Ok(TermReportSheet {
            promotion_allowed: term.data.number % 2 == 0,
            term,
            students,
            reports,
            extracurriculars: self
                .store()
                .list::<Extracurricular>(&Query::all().order("name"))
                .await?,
            results,
        })
    }

    /// Saves what the homeroom teacher writes for a student and term: the
    /// note, the parent's response, and (in the even semester only) the
    /// promotion decision.
    pub async fn term_report_save(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
        student_id: Id,
        input: &TermReportInput,
    ) -> AppResult<Stored<TermReport>> {
        require(
            actor,
            Action::WriteTermReport,
            &Target::Class(class_id),
            "write this class's term reports",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        self.student_of_class_term(&class, &term, student_id)
            .await?;
        if input.promotion.is_some() && term.data.number % 2 != 0 {
            return Err(AppError::field(
                "promotion",
                Msg::new(
                    "promotion_odd_semester",
                    format!(
                        "promotion is decided only in the even semester; {} is semester {}",
                        term.data.name, term.data.number
                    ),
                )
                .with("term", &term.data.name)
                .with("number", term.data.number),
            ));
        }
        let open = self.ensure_open(actor, class_id, term_id).await?;
        let data = TermReport {
            student_id,
            term_id,
            homeroom_note: tidy(&input.homeroom_note),
            parent_response: tidy(&input.parent_response),
            promotion: input.promotion.map(|p| p.as_str().to_string()),
        };
        data.validate()?;
        let stored = self
            .store()
            .first::<TermReport>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("term_id", term_id),
            )
            .await?;
        let mut cs = self.changes(actor);
        match stored {
            Some(stored) if stored.data == data => return Ok(stored),
            Some(stored) => cs.update(stored.id(), stored.version(), &data),
            None => {
                cs.insert(&data);
            }
        }
        self.commit_open_returning(&open, cs).await
    }

    /// Sets a student's result in an activity for a term (`grade: None`
    /// removes it).
    #[allow(clippy::too_many_arguments)]
    pub async fn extracurricular_result_set(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
        student_id: Id,
        extracurricular_id: Id,
        grade: Option<&str>,
        note: Option<&str>,
    ) -> AppResult<Option<Stored<ExtracurricularResult>>> {
        require(
            actor,
            Action::WriteTermReport,
            &Target::Class(class_id),
            "write this class's term reports",
        )?;
        let class = self.class_named(class_id).await?;
        let term = self.term_of_class(&class, term_id).await?;
        self.student_of_class_term(&class, &term, student_id)
            .await?;
        self.store()
            .find::<Extracurricular>(extracurricular_id)
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "extracurricular_id",
                    Msg::new(
                        "no_such_extracurricular",
                        "no such extracurricular activity",
                    ),
                )
            })?;
        let open = self.ensure_open(actor, class_id, term_id).await?;
        let stored = self
            .store()
            .first::<ExtracurricularResult>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("term_id", term_id)
                    .eq("extracurricular_id", extracurricular_id),
            )
            .await?;
        let grade = tidy(&grade.map(str::to_string));
        let mut cs = self.changes(actor);
        let Some(grade) = grade else {
            if let Some(stored) = stored {
                cs.delete::<ExtracurricularResult>(stored.id(), stored.version());
                self.commit_open(&open, cs).await?;
            }
            return Ok(None);
        };
        let data = ExtracurricularResult {
            student_id,
            term_id,
            extracurricular_id,
            grade,
            note: tidy(&note.map(str::to_string)),
        };
        data.validate()?;
        match stored {
            Some(stored) if stored.data == data => return Ok(Some(stored)),
            Some(stored) => cs.update(stored.id(), stored.version(), &data),
            None => {
                cs.insert(&data);
            }
        }
        Ok(Some(self.commit_open_returning(&open, cs).await?))
    }

    /// A student's term report and extracurricular results, as their card
    /// prints them. The student, their parents and their class's teachers
    /// may read it.
    pub async fn student_term_report(
        &self,
        actor: &Actor,
        student_id: Id,
        term_id: Id,
    ) -> AppResult<(Option<TermReport>, Vec<(String, ExtracurricularResult)>)> {
        require(
            actor,
            Action::ReadResults,
            &self.student_target(student_id).await?,
            "see this student's term report",
        )?;
        let report = self
            .store()
            .first::<TermReport>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("term_id", term_id),
            )
            .await?
            .map(|r| r.data);
        let activities = self
            .store()
            .list::<Extracurricular>(&Query::all().order("name"))
            .await?;
        let results = self
            .store()
            .list::<ExtracurricularResult>(
                &Query::all()
                    .eq("student_id", student_id)
                    .eq("term_id", term_id),
            )
            .await?;
        let named = activities
            .iter()
            .filter_map(|a| {
                results
                    .iter()
                    .find(|r| r.data.extracurricular_id == a.id())
                    .map(|r| (a.data.name.clone(), r.data.clone()))
            })
            .collect();
        Ok((report, named))
    }
}
