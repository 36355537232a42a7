//! The gradebook (issue 12, items 2, 3 and 6): a subject's assessment scheme
//! per semester, a class's columns (assessments) per component, the scores,
//! each student's final grade, and the sign-off of a class's grades.
//!
//! All the arithmetic is `schooldesk_core::grading`: scores are read with
//! [`Score::parse`] and kept in hundredths, the final is
//! [`grading::Scheme::final_grade`] (one rounding step). Who may do what is
//! the policy's `ReadGrades` / `EnterGrades` / `ManageScheme` /
//! `SubmitGrades` / `ApproveGrades` / `ReadResults`.
//!
//! **The lock.** Once a class's grades of a semester are approved, nothing
//! of that class and semester changes (scores, columns, the schemes its
//! subjects use) until an administrator unlocks them, which is audited.

use crate::auth::require;
use crate::{App, AppError, AppResult};
use schooldesk_core::grading::{
    self, Band, Bands, Component, ComponentKind, Final, Rounding, RoundingMode, Score, Weight,
};
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::*;
use schooldesk_store::{Filter, Query, Val};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where a class's grades of a semester stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignoffStatus {
    Draft,
    Submitted,
    /// Locked: nothing of the class and semester changes.
    Approved,
}

impl SignoffStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SignoffStatus::Draft => "draft",
            SignoffStatus::Submitted => "submitted",
            SignoffStatus::Approved => "approved",
        }
    }

    pub fn parse(text: &str) -> Option<SignoffStatus> {
        match text.trim() {
            "draft" => Some(SignoffStatus::Draft),
            "submitted" => Some(SignoffStatus::Submitted),
            "approved" => Some(SignoffStatus::Approved),
            _ => None,
        }
    }
}

/// A gradebook the session may open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradebookChoice {
    pub class_id: Id,
    pub class_name: String,
    pub subject_id: Id,
    pub subject_name: String,
    pub term_id: Id,
    pub term_name: String,
}

/// One predicate band as typed: "A" from "90".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandView {
    pub min: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentView {
    pub id: Id,
    pub name: String,
    pub kind: String,
    pub weight: String,
}

/// A scheme as the gradebook shows it; numbers as decimal text ("87.5").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeView {
    pub id: Id,
    pub kkm: String,
    pub rounding_places: i64,
    pub rounding_mode: String,
    pub bands: Vec<BandView>,
    pub components: Vec<ComponentView>,
}

/// A scheme as typed, saved as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeInput {
    pub kkm: String,
    pub rounding_places: i64,
    pub rounding_mode: String,
    pub bands: Vec<BandView>,
    pub components: Vec<ComponentInput>,
}

/// A component as typed: `id` names a stored one to keep (its columns and
/// scores stay), `None` a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentInput {
    pub id: Option<Id>,
    pub name: String,
    pub kind: String,
    pub weight: String,
}

/// One gradebook column (an assessment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradebookColumn {
    pub id: Id,
    pub component_id: Id,
    pub name: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradebookStudent {
    pub student_id: Id,
    pub full_name: String,
    pub nis: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradebookScore {
    pub assessment_id: Id,
    pub student_id: Id,
    pub score: Score,
}

/// A student's final grade in the subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentFinal {
    pub student_id: Id,
    pub result: Final,
}

/// A class × subject × semester grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gradebook {
    /// None until the subject's scheme for the semester is saved.
    pub scheme: Option<SchemeView>,
    /// By component, then by position.
    pub columns: Vec<GradebookColumn>,
    /// The students enrolled in the class during the semester, by name.
    pub students: Vec<GradebookStudent>,
    pub scores: Vec<GradebookScore>,
    /// One per student, in the students' order; empty without a scheme.
    pub finals: Vec<StudentFinal>,
    pub status: SignoffStatus,
    /// Whether this session may type here now (its own class × subject,
    /// not approved).
    pub editable: bool,
}

/// One typed cell: "" clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellInput {
    pub assessment_id: Id,
    pub student_id: Id,
    pub text: String,
}

/// A cell refused, named by its student and its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The cell's place in the call, from 1.
    pub index: usize,
    pub student_id: Id,
    /// The student's name (or the id, when no such student is in the class).
    pub student: String,
    pub assessment_id: Id,
    /// The column's name (or the id, when it is not this grid's).
    pub column: String,
    pub reason: Msg,
}

impl std::fmt::Display for CellProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, column {}: {}",
            self.student, self.column, self.reason.text
        )
    }
}

/// One subject on a student's published results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectResult {
    pub subject_id: Id,
    pub subject_name: String,
    pub result: Final,
}

/// A student's results of a semester, as they and their parents see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentResults {
    pub student_id: Id,
    pub full_name: String,
    pub class_name: Option<String>,
    /// False until the class's grades of the semester are approved: then
    /// `subjects` is empty.
    pub published: bool,
    pub subjects: Vec<SubjectResult>,
}

/// A number in hundredths as people write it ("87.5", "33.33").
pub fn hundredths_text(h: i64) -> String {
    let (whole, cents) = (h / 100, h % 100);
    match cents {
        0 => format!("{whole}"),
        c if c % 10 == 0 => format!("{whole}.{}", c / 10),
        c => format!("{whole}.{c:02}"),
    }
}

fn kind_of(text: &str) -> Option<ComponentKind> {
    Some(match text {
        "formative" => ComponentKind::Formative,
        "assignment" => ComponentKind::Assignment,
        "mid_term" => ComponentKind::MidTerm,
        "end_of_term" => ComponentKind::EndOfTerm,
        "other" => ComponentKind::Other,
        _ => return None,
    })
}

fn mode_of(text: &str) -> Option<RoundingMode> {
    Some(match text {
        "half_up" => RoundingMode::HalfUp,
        "half_even" => RoundingMode::HalfEven,
        "down" => RoundingMode::Down,
        _ => return None,
    })
}

/// Reads stored bands, "A:90;B:80;C:75;D:0".
pub fn parse_bands(text: &str) -> Result<Bands, Msg> {
    let bad = || {
        Msg::new(
            "bad_bands",
            format!("the predicate bands {text:?} are not like \"A:90;B:80;C:75;D:0\""),
        )
        .with("value", text)
    };
    let mut bands = Vec::new();
    for part in text.split(';').filter(|p| !p.trim().is_empty()) {
        let (label, min) = part.split_once(':').ok_or_else(bad)?;
        let min = Score::parse(min).map_err(|_| bad())?;
        bands.push(Band {
            min,
            label: label.trim().to_string(),
        });
    }
    Bands::new(bands).map_err(|e| Msg::new("bad_bands", e.to_string()).with("value", text))
}

fn bands_text(bands: &Bands) -> String {
    bands
        .bands()
        .iter()
        .map(|b| format!("{}:{}", b.label, b.min))
        .collect::<Vec<_>>()
        .join(";")
}

/// A stored scheme with its components (by position) and its math.
#[derive(Debug, Clone)]
pub(crate) struct LoadedScheme {
    stored: Stored<AssessmentScheme>,
    components: Vec<Stored<SchemeComponent>>,
    math: grading::Scheme,
}

impl LoadedScheme {
    fn view(&self) -> SchemeView {
        let s = &self.stored.data;
        SchemeView {
            id: self.stored.id(),
            kkm: hundredths_text(s.kkm),
            rounding_places: s.rounding_places,
            rounding_mode: s.rounding_mode.clone(),
            bands: self
                .math
                .bands
                .bands()
                .iter()
                .map(|b| BandView {
                    min: b.min.to_string(),
                    label: b.label.clone(),
                })
                .collect(),
            components: self
                .components
                .iter()
                .map(|c| ComponentView {
                    id: c.id(),
                    name: c.data.name.clone(),
                    kind: c.data.kind.clone(),
                    weight: hundredths_text(c.data.weight),
                })
                .collect(),
        }
    }

    /// Each student's final from the scores of `columns`.
    pub(crate) fn finals(
        &self,
        columns: &[GradebookColumn],
        scores: &[GradebookScore],
        students: &[Id],
    ) -> Vec<StudentFinal> {
        let component_of: HashMap<Id, Id> =
            columns.iter().map(|c| (c.id, c.component_id)).collect();
        let mut by_student: HashMap<Id, HashMap<Id, Vec<Score>>> = HashMap::new();
        for s in scores {
            if let Some(component) = component_of.get(&s.assessment_id) {
                by_student
                    .entry(s.student_id)
                    .or_default()
                    .entry(*component)
                    .or_default()
                    .push(s.score);
            }
        }
        let empty = HashMap::new();
        students
            .iter()
            .map(|student_id| {
                let mine = by_student.get(student_id).unwrap_or(&empty);
                let lists: Vec<&[Score]> = self
                    .components
                    .iter()
                    .map(|c| mine.get(&c.id()).map_or(&[][..], |v| v.as_slice()))
                    .collect();
                StudentFinal {
                    student_id: *student_id,
                    result: self.math.final_grade(&lists),
                }
            })
            .collect()
    }
}

/// What every gradebook call reads first.
struct Grid {
    class: Stored<Class>,
    term: Stored<Term>,
    subject: Stored<Subject>,
    scheme: Option<LoadedScheme>,
    columns: Vec<GradebookColumn>,
    students: Vec<Stored<Student>>,
    signoff: Option<Stored<GradeSignoff>>,
}

impl Grid {
    fn status(&self) -> SignoffStatus {
        status_of(self.signoff.as_ref())
    }
}

pub(crate) fn status_of(signoff: Option<&Stored<GradeSignoff>>) -> SignoffStatus {
    signoff
        .and_then(|s| SignoffStatus::parse(&s.data.status))
        .unwrap_or(SignoffStatus::Draft)
}

pub(crate) fn locked(class: &Class, term: &Term) -> AppError {
    AppError::Locked(
        Msg::new(
            "grades_locked",
            format!(
                "the grades of class {} for {} are approved and locked; an administrator must unlock them first",
                class.name, term.name
            ),
        )
        .with("class", &class.name)
        .with("term", &term.name),
    )
}

/// Whether an enrollment covers any day of the term.
pub(crate) fn overlaps_term(e: &Enrollment, term: &Term) -> bool {
    e.start_date <= term.end_date && e.end_date.is_none_or(|end| end >= term.start_date)
}

/// A student's class of a term: of their enrollments, the one overlapping
/// the term that started last (a student who moved class within the term
/// belongs, for its results and card, to the class they moved to).
pub(crate) fn term_enrollment<'a>(
    enrollments: impl IntoIterator<Item = &'a Stored<Enrollment>>,
    term: &Term,
) -> Option<&'a Stored<Enrollment>> {
    enrollments
        .into_iter()
        .filter(|e| overlaps_term(&e.data, term))
        // A move on the day a class began leaves two enrollments starting
        // that day: the open (or later-ending) one is where they are.
        .max_by_key(|e| {
            (
                e.data.start_date,
                e.data.end_date.is_none(),
                e.data.end_date,
            )
        })
}

/// Refuses a semester of another academic year than the class's.
pub(crate) fn same_year(class: &Class, term: &Term) -> AppResult<()> {
    if term.academic_year_id == class.academic_year_id {
        return Ok(());
    }
    Err(AppError::field(
        "term_id",
        Msg::new(
            "term_not_of_class_year",
            format!(
                "{} is not a semester of class {}'s academic year",
                term.name, class.name
            ),
        )
        .with("term", &term.name)
        .with("class", &class.name),
    ))
}

pub(crate) fn ids(list: impl IntoIterator<Item = Id>) -> Vec<Val> {
    list.into_iter().map(Val::from).collect()
}

impl App {
    pub(crate) async fn load_scheme(
        &self,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<Option<LoadedScheme>> {
        let Some(stored) = self
            .store()
            .first::<AssessmentScheme>(
                Query::all()
                    .eq("subject_id", subject_id)
                    .eq("term_id", term_id),
            )
            .await?
        else {
            return Ok(None);
        };
        let components = self
            .store()
            .list::<SchemeComponent>(&Query::all().eq("scheme_id", stored.id()).order("position"))
            .await?;
        let math = scheme_math(&stored.data, components.iter().map(|c| &c.data))
            .map_err(|m| AppError::setup("scheme_invalid", m.text))?;
        Ok(Some(LoadedScheme {
            stored,
            components,
            math,
        }))
    }

    pub(crate) async fn signoff(
        &self,
        class_id: Id,
        term_id: Id,
    ) -> AppResult<Option<Stored<GradeSignoff>>> {
        Ok(self
            .store()
            .first::<GradeSignoff>(Query::all().eq("class_id", class_id).eq("term_id", term_id))
            .await?)
    }

    /// The student's enrollment of the term (see [`term_enrollment`]).
    pub(crate) async fn class_in_term(
        &self,
        student_id: Id,
        term: &Term,
    ) -> AppResult<Option<Stored<Enrollment>>> {
        let enrollments = self
            .store()
            .list::<Enrollment>(
                &Query::all()
                    .eq("student_id", student_id)
                    .eq("academic_year_id", term.academic_year_id),
            )
            .await?;
        Ok(term_enrollment(&enrollments, term).cloned())
    }

    /// The students enrolled in `class` at any time during `term`, by name.
    pub(crate) async fn students_in_term(
        &self,
        class_id: Id,
        term: &Term,
    ) -> AppResult<Vec<Stored<Student>>> {
        let enrolled = self
            .store()
            .list::<Enrollment>(&Query::all().eq("class_id", class_id))
            .await?;
        let student_ids: HashSet<Id> = enrolled
            .iter()
            .filter(|e| overlaps_term(&e.data, term))
            .map(|e| e.data.student_id)
            .collect();
        Ok(self
            .store()
            .list::<Student>(
                &Query::all()
                    .filter(Filter::In("id", ids(student_ids)))
                    .order("full_name"),
            )
            .await?)
    }

    /// A class's columns in a scheme, by component then position.
    pub(crate) async fn columns(
        &self,
        class_id: Id,
        scheme: Option<&LoadedScheme>,
    ) -> AppResult<Vec<GradebookColumn>> {
        let Some(scheme) = scheme else {
            return Ok(Vec::new());
        };
        let order: HashMap<Id, usize> = scheme
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id(), i))
            .collect();
        let mut columns: Vec<GradebookColumn> = self
            .store()
            .list::<Assessment>(
                &Query::all()
                    .eq("class_id", class_id)
                    .filter(Filter::In(
                        "component_id",
                        ids(scheme.components.iter().map(|c| c.id())),
                    ))
                    .order("position"),
            )
            .await?
            .into_iter()
            .map(|a| GradebookColumn {
                id: a.id(),
                component_id: a.data.component_id,
                name: a.data.name,
                position: a.data.position,
            })
            .collect();
        columns.sort_by_key(|c| (order.get(&c.component_id).copied(), c.position));
        Ok(columns)
    }

    pub(crate) async fn scores_of(
        &self,
        columns: &[GradebookColumn],
        students: &[Id],
    ) -> AppResult<Vec<Stored<ScoreEntry>>> {
        if columns.is_empty() || students.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .store()
            .list::<ScoreEntry>(
                &Query::all()
                    .filter(Filter::In(
                        "assessment_id",
                        ids(columns.iter().map(|c| c.id)),
                    ))
                    .filter(Filter::In("student_id", ids(students.iter().copied()))),
            )
            .await?)
    }

    /// Reads a grid after checking `action` on it.
    async fn grid(
        &self,
        actor: &Actor,
        action: Action,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
        what: &'static str,
    ) -> AppResult<Grid> {
        require(
            actor,
            action,
            &Target::ClassSubject {
                class_id,
                subject_id,
            },
            what,
        )?;
        let class = self.store().get::<Class>(class_id).await?;
        let term = self.store().get::<Term>(term_id).await?;
        let subject = self.store().get::<Subject>(subject_id).await?;
        same_year(&class.data, &term.data)?;
        let scheme = self.load_scheme(subject_id, term_id).await?;
        let columns = self.columns(class_id, scheme.as_ref()).await?;
        let students = self.students_in_term(class_id, &term.data).await?;
        let signoff = self.signoff(class_id, term_id).await?;
        Ok(Grid {
            class,
            term,
            subject,
            scheme,
            columns,
            students,
            signoff,
        })
    }

    /// The gradebooks this session may open, for the current year's
    /// semesters: a teacher's own class × subject pairs, a homeroom
    /// teacher's class in every subject taught there (to read), an
    /// administrator every class × subject of a teaching assignment.
    pub async fn gradebook_choices(&self, actor: &Actor) -> AppResult<Vec<GradebookChoice>> {
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        let Some(year) = self.find_current_year().await? else {
            return Ok(Vec::new());
        };
        let classes: HashMap<Id, Stored<Class>> = self
            .store()
            .list::<Class>(&Query::all().eq("academic_year_id", year.id()))
            .await?
            .into_iter()
            .map(|c| (c.id(), c))
            .collect();
        let assignments = self
            .store()
            .list::<TeachingAssignment>(
                &Query::all().filter(Filter::In("class_id", ids(classes.keys().copied()))),
            )
            .await?;
        let mut pairs: Vec<(Id, Id)> = assignments
            .iter()
            .map(|a| (a.data.class_id, a.data.subject_id))
            .filter(|(class_id, subject_id)| {
                allowed(
                    actor,
                    Action::ReadGrades,
                    &Target::ClassSubject {
                        class_id: *class_id,
                        subject_id: *subject_id,
                    },
                )
            })
            .collect();
        pairs.sort();
        pairs.dedup();
        let subjects: HashMap<Id, Stored<Subject>> = self
            .store()
            .list::<Subject>(
                &Query::all().filter(Filter::In("id", ids(pairs.iter().map(|(_, s)| *s)))),
            )
            .await?
            .into_iter()
            .map(|s| (s.id(), s))
            .collect();
        let terms = self
            .store()
            .list::<Term>(
                &Query::all()
                    .eq("academic_year_id", year.id())
                    .order("number"),
            )
            .await?;
        let mut choices = Vec::new();
        for (class_id, subject_id) in pairs {
            let (Some(class), Some(subject)) = (classes.get(&class_id), subjects.get(&subject_id))
            else {
                continue;
            };
            for term in &terms {
                choices.push(GradebookChoice {
                    class_id,
                    class_name: class.data.name.clone(),
                    subject_id,
                    subject_name: subject.data.name.clone(),
                    term_id: term.id(),
                    term_name: term.data.name.clone(),
                });
            }
        }
        choices.sort_by(|a, b| {
            (&a.class_name, &a.subject_name, &a.term_name).cmp(&(
                &b.class_name,
                &b.subject_name,
                &b.term_name,
            ))
        });
        Ok(choices)
    }

    /// A class's gradebook in a subject and semester.
    pub async fn gradebook_open(
        &self,
        actor: &Actor,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<Gradebook> {
        let grid = self
            .grid(
                actor,
                Action::ReadGrades,
                class_id,
                subject_id,
                term_id,
                "see this gradebook",
            )
            .await?;
        let student_ids: Vec<Id> = grid.students.iter().map(|s| s.id()).collect();
        let scores: Vec<GradebookScore> = self
            .scores_of(&grid.columns, &student_ids)
            .await?
            .into_iter()
            .filter_map(|s| {
                Some(GradebookScore {
                    assessment_id: s.data.assessment_id,
                    student_id: s.data.student_id,
                    score: Score::from_hundredths(s.data.score)?,
                })
            })
            .collect();
        let finals = grid
            .scheme
            .as_ref()
            .map(|s| s.finals(&grid.columns, &scores, &student_ids))
            .unwrap_or_default();
        let status = grid.status();
        Ok(Gradebook {
            scheme: grid.scheme.as_ref().map(LoadedScheme::view),
            editable: status != SignoffStatus::Approved
                && allowed(
                    actor,
                    Action::EnterGrades,
                    &Target::ClassSubject {
                        class_id,
                        subject_id,
                    },
                ),
            students: grid
                .students
                .iter()
                .map(|s| GradebookStudent {
                    student_id: s.id(),
                    full_name: s.data.full_name.clone(),
                    nis: s.data.nis.clone(),
                })
                .collect(),
            columns: grid.columns,
            scores,
            finals,
            status,
        })
    }

    /// Saves typed cells in one transaction: "" clears a score. Any bad
    /// cell (not a score, a student not in the class, a column of another
    /// grid) refuses the whole call, naming every bad cell; nothing is
    /// written. Answers the finals of the students touched.
    pub async fn gradebook_save(
        &self,
        actor: &Actor,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
        cells: &[CellInput],
    ) -> AppResult<Vec<StudentFinal>> {
        let grid = self
            .grid(
                actor,
                Action::EnterGrades,
                class_id,
                subject_id,
                term_id,
                "enter grades in this gradebook",
            )
            .await?;
        if grid.status() == SignoffStatus::Approved {
            return Err(locked(&grid.class.data, &grid.term.data));
        }
        let Some(scheme) = &grid.scheme else {
            return Err(AppError::setup(
                "no_scheme",
                format!(
                    "{} has no assessment scheme for {} yet; save one first",
                    grid.subject.data.name, grid.term.data.name
                ),
            ));
        };
        let columns: HashMap<Id, &GradebookColumn> =
            grid.columns.iter().map(|c| (c.id, c)).collect();
        let students: HashMap<Id, &Stored<Student>> =
            grid.students.iter().map(|s| (s.id(), s)).collect();

        let mut problems = Vec::new();
        let mut wanted: BTreeMap<(Id, Id), Option<Score>> = BTreeMap::new();
        for (i, cell) in cells.iter().enumerate() {
            let column = columns.get(&cell.assessment_id);
            let student = students.get(&cell.student_id);
            let problem = |reason: Msg| CellProblem {
                index: i + 1,
                student_id: cell.student_id,
                student: student.map_or(cell.student_id.to_string(), |s| s.data.full_name.clone()),
                assessment_id: cell.assessment_id,
                column: column.map_or(cell.assessment_id.to_string(), |c| c.name.clone()),
                reason,
            };
            if column.is_none() {
                problems.push(problem(
                    Msg::new(
                        "not_this_gradebook",
                        format!(
                            "the column is not one of {} in class {} for {}",
                            grid.subject.data.name, grid.class.data.name, grid.term.data.name
                        ),
                    )
                    .with("subject", &grid.subject.data.name)
                    .with("class", &grid.class.data.name)
                    .with("term", &grid.term.data.name),
                ));
                continue;
            }
            if student.is_none() {
                problems.push(problem(
                    Msg::new(
                        "not_enrolled_in_term",
                        format!(
                            "the student is not enrolled in class {} during {}",
                            grid.class.data.name, grid.term.data.name
                        ),
                    )
                    .with("class", &grid.class.data.name)
                    .with("term", &grid.term.data.name),
                ));
                continue;
            }
            let text = cell.text.trim();
            let score = if text.is_empty() {
                None
            } else {
                match Score::parse(text) {
                    Ok(score) => Some(score),
                    Err(e) => {
                        problems.push(problem(score_problem(text, &e)));
                        continue;
                    }
                }
            };
            if wanted
                .insert((cell.assessment_id, cell.student_id), score)
                .is_some()
            {
                problems.push(problem(Msg::new(
                    "cell_twice",
                    "the same cell is given twice in one save",
                )));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::CellsRejected(problems));
        }

        let touched_students: Vec<Id> = {
            let mut v: Vec<Id> = wanted.keys().map(|(_, s)| *s).collect();
            v.sort();
            v.dedup();
            v
        };
        let touched_columns: Vec<GradebookColumn> = grid
            .columns
            .iter()
            .filter(|c| wanted.keys().any(|(a, _)| *a == c.id))
            .cloned()
            .collect();
        let stored: HashMap<(Id, Id), Stored<ScoreEntry>> = self
            .scores_of(&touched_columns, &touched_students)
            .await?
            .into_iter()
            .map(|s| ((s.data.assessment_id, s.data.student_id), s))
            .collect();
        // Held in the write's transaction: an approval since the grid was
        // read refuses this save; one after it waits for it.
        let open = self.ensure_open(actor, class_id, term_id).await?;
        let mut cs = self.changes(actor);
        for ((assessment_id, student_id), score) in &wanted {
            let entry = |score: Score| ScoreEntry {
                assessment_id: *assessment_id,
                student_id: *student_id,
                score: score.hundredths(),
            };
            match (stored.get(&(*assessment_id, *student_id)), score) {
                (None, None) => {}
                (None, Some(score)) => {
                    cs.insert(&entry(*score));
                }
                (Some(old), None) => cs.delete::<ScoreEntry>(old.id(), old.version()),
                (Some(old), Some(score)) => {
                    if old.data.score != score.hundredths() {
                        cs.update(old.id(), old.version(), &entry(*score));
                    }
                }
            }
        }
        self.commit_open(&open, cs).await?;
        let scores: Vec<GradebookScore> = self
            .scores_of(&grid.columns, &touched_students)
            .await?
            .into_iter()
            .filter_map(|s| {
                Some(GradebookScore {
                    assessment_id: s.data.assessment_id,
                    student_id: s.data.student_id,
                    score: Score::from_hundredths(s.data.score)?,
                })
            })
            .collect();
        Ok(scheme.finals(&grid.columns, &scores, &touched_students))
    }

    /// Refuses when any class using this subject's scheme in `term_id`
    /// (a class of the semester's year with its columns, or taught the
    /// subject) is approved; otherwise the sign-offs found open, for the
    /// scheme's write to hold ([`App::commit_open_all`]) so that an
    /// approval racing it lands before it or after it, never between the
    /// check and the write. A class without a sign-off yet gets a draft one.
    async fn scheme_unlocked(
        &self,
        actor: &Actor,
        subject_id: Id,
        term: &Stored<Term>,
        scheme: Option<&LoadedScheme>,
    ) -> AppResult<Vec<crate::attendance::OpenTerm>> {
        let mut using: HashSet<Id> = self
            .store()
            .list::<TeachingAssignment>(&Query::all().eq("subject_id", subject_id))
            .await?
            .into_iter()
            .map(|a| a.data.class_id)
            .collect();
        if let Some(scheme) = scheme {
            using.extend(
                self.store()
                    .list::<Assessment>(&Query::all().filter(Filter::In(
                        "component_id",
                        ids(scheme.components.iter().map(|c| c.id())),
                    )))
                    .await?
                    .into_iter()
                    .map(|a| a.data.class_id),
            );
        }
        let classes = self
            .store()
            .list::<Class>(
                &Query::all()
                    .eq("academic_year_id", term.data.academic_year_id)
                    .order("name"),
            )
            .await?;
        let mut open = Vec::new();
        for class in classes.iter().filter(|c| using.contains(&c.id())) {
            open.push(self.ensure_open(actor, class.id(), term.id()).await?);
        }
        Ok(open)
    }

    /// Saves a subject's scheme for a semester as a whole: its passing
    /// grade, rounding, bands and components (weights summing to 100 %).
    /// Components given with their id are kept (with their columns and
    /// scores); stored ones left out are removed, refused while they have
    /// columns.
    pub async fn scheme_save(
        &self,
        actor: &Actor,
        subject_id: Id,
        term_id: Id,
        input: &SchemeInput,
    ) -> AppResult<SchemeView> {
        require(
            actor,
            Action::ManageScheme,
            &Target::Subject(subject_id),
            "change this subject's assessment scheme",
        )?;
        self.store().get::<Subject>(subject_id).await?;
        let term = self.store().get::<Term>(term_id).await?;
        let existing = self.load_scheme(subject_id, term_id).await?;
        let open = self
            .scheme_unlocked(actor, subject_id, &term, existing.as_ref())
            .await?;

        // Read and check what was typed; every problem at once.
        let mut errors = Vec::new();
        let kkm = Score::parse(&input.kkm).map_err(|e| {
            Msg::new("bad_kkm", format!("the passing grade {:?}: {e}", input.kkm))
                .with("value", &input.kkm)
        });
        if let Err(m) = &kkm {
            errors.push(FieldError::new("kkm", m.clone()));
        }
        if let Err(m) = validate::range("rounding places", input.rounding_places, 0, 2) {
            errors.push(FieldError::new("rounding_places", m));
        }
        let mode = mode_of(&input.rounding_mode);
        if mode.is_none() {
            errors.push(FieldError::new(
                "rounding_mode",
                validate::one_of(&input.rounding_mode, &["half_up", "half_even", "down"])
                    .unwrap_err(),
            ));
        }
        let bands = if input.bands.is_empty() {
            Ok(Bands::from_kkm(*kkm.as_ref().unwrap_or(&Score::MAX)))
        } else {
            let mut list = Vec::new();
            let mut bad = None;
            for (i, b) in input.bands.iter().enumerate() {
                let label = b.label.trim();
                let min = Score::parse(&b.min);
                if label.is_empty() || label.contains([':', ';']) || label.chars().count() > 20 {
                    bad.get_or_insert(
                        Msg::new(
                            "bad_band_label",
                            format!("band {}: the label {label:?} must be 1 to 20 characters, without ':' or ';'", i + 1),
                        )
                        .with("row", i + 1)
                        .with("value", label),
                    );
                }
                match min {
                    Ok(min) => list.push(Band {
                        min,
                        label: label.to_string(),
                    }),
                    Err(e) => {
                        bad.get_or_insert(
                            Msg::new(
                                "bad_band_min",
                                format!(
                                    "band {} ({label}): the lowest grade {:?}: {e}",
                                    i + 1,
                                    b.min
                                ),
                            )
                            .with("row", i + 1)
                            .with("value", &b.min),
                        );
                    }
                }
            }
            match bad {
                Some(m) => Err(m),
                None => Bands::new(list).map_err(|e| Msg::new("bad_bands", e.to_string())),
            }
        };
        if let Err(m) = &bands {
            errors.push(FieldError::new("bands", m.clone()));
        }
        let stored_components: HashMap<Id, &Stored<SchemeComponent>> = existing
            .iter()
            .flat_map(|s| s.components.iter())
            .map(|c| (c.id(), c))
            .collect();
        let mut components = Vec::new();
        for (i, c) in input.components.iter().enumerate() {
            let row = i + 1;
            let name = c.name.trim();
            if let Err(m) = validate::name(name, 50) {
                errors.push(FieldError::new(
                    "components",
                    Msg::new("bad_component_name", format!("component {row}: {}", m.text))
                        .with("row", row)
                        .with("value", name),
                ));
            }
            let kind = kind_of(&c.kind);
            if kind.is_none() {
                errors.push(FieldError::new(
                    "components",
                    Msg::new(
                        "bad_component_kind",
                        format!(
                            "component {row} ({name}): {:?} is not one of formative, assignment, mid_term, end_of_term, other",
                            c.kind
                        ),
                    )
                    .with("row", row)
                    .with("value", &c.kind),
                ));
            }
            let weight = Weight::parse(&c.weight);
            if let Err(e) = &weight {
                errors.push(FieldError::new(
                    "components",
                    Msg::new(
                        "bad_weight",
                        format!("component {row} ({name}): the weight {:?}: {e}", c.weight),
                    )
                    .with("row", row)
                    .with("value", &c.weight),
                ));
            }
            if let Some(id) = c.id {
                if !stored_components.contains_key(&id) {
                    errors.push(FieldError::new(
                        "components",
                        Msg::new(
                            "not_this_scheme",
                            format!("component {row} ({name}) is not one of this scheme's"),
                        )
                        .with("row", row),
                    ));
                }
            }
            if let (Some(kind), Ok(weight)) = (kind, weight) {
                components.push(Component {
                    name: name.to_string(),
                    kind,
                    weight,
                });
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(Invalid(errors)));
        }
        let (kkm, bands, mode) = (kkm.unwrap(), bands.unwrap(), mode.unwrap());
        let rounding = Rounding {
            places: input.rounding_places as u8,
            mode,
        };
        if let Err(e) = grading::Scheme::new(components, kkm, bands.clone(), rounding) {
            let msg = match &e {
                grading::SchemeError::WeightsNot100 { sum } => {
                    Msg::new("weights_not_100", e.to_string()).with("sum", hundredths_text(*sum))
                }
                grading::SchemeError::NoComponents => Msg::new("no_components", e.to_string()),
                grading::SchemeError::DuplicateComponent(name) => {
                    Msg::new("duplicate_component", e.to_string()).with("value", name)
                }
                grading::SchemeError::BadBands => Msg::new("bad_bands", e.to_string()),
            };
            return Err(AppError::field("components", msg));
        }

        let data = AssessmentScheme {
            subject_id,
            term_id,
            kkm: kkm.hundredths(),
            rounding_places: input.rounding_places,
            rounding_mode: input.rounding_mode.clone(),
            bands: bands_text(&bands),
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        let scheme_id = match &existing {
            Some(s) => {
                if s.stored.data != data {
                    cs.update(s.stored.id(), s.stored.version(), &data);
                }
                s.stored.id()
            }
            None => cs.insert(&data),
        };
        let kept: HashSet<Id> = input.components.iter().filter_map(|c| c.id).collect();
        for old in stored_components.values() {
            if kept.contains(&old.id()) {
                continue;
            }
            let columns = self
                .store()
                .list::<Assessment>(&Query::all().eq("component_id", old.id()).limit(1))
                .await?;
            if !columns.is_empty() {
                return Err(AppError::field(
                    "components",
                    Msg::new(
                        "component_in_use",
                        format!(
                            "component {} has gradebook columns; remove them before removing it",
                            old.data.name
                        ),
                    )
                    .with("value", &old.data.name),
                ));
            }
            cs.delete::<SchemeComponent>(old.id(), old.version());
        }
        for (i, c) in input.components.iter().enumerate() {
            let row = SchemeComponent {
                scheme_id,
                name: c.name.trim().to_string(),
                kind: c.kind.clone(),
                weight: Weight::parse(&c.weight)
                    .map(Weight::hundredths)
                    .unwrap_or(0),
                position: i as i64 + 1,
            };
            row.validate()?;
            match c.id.and_then(|id| stored_components.get(&id)) {
                Some(old) => {
                    if old.data != row {
                        cs.update(old.id(), old.version(), &row);
                    }
                }
                None => {
                    cs.insert(&row);
                }
            }
        }
        if !cs.is_empty() {
            self.commit_open_all(actor, open, cs).await?;
        }
        Ok(self
            .load_scheme(subject_id, term_id)
            .await?
            .expect("the scheme was just saved")
            .view())
    }

    /// The scheme (and so subject and term) a component belongs to.
    async fn component_context(
        &self,
        component_id: Id,
    ) -> AppResult<(Stored<SchemeComponent>, Stored<AssessmentScheme>)> {
        let component = self.store().get::<SchemeComponent>(component_id).await?;
        let scheme = self
            .store()
            .get::<AssessmentScheme>(component.data.scheme_id)
            .await?;
        Ok((component, scheme))
    }

    /// Checks the caller may change `class`'s columns of `scheme`, and
    /// that they are not locked (the write commits through
    /// [`App::commit_open`]).
    async fn column_change_allowed(
        &self,
        actor: &Actor,
        class_id: Id,
        scheme: &AssessmentScheme,
    ) -> AppResult<crate::attendance::OpenTerm> {
        require(
            actor,
            Action::EnterGrades,
            &Target::ClassSubject {
                class_id,
                subject_id: scheme.subject_id,
            },
            "change this gradebook's columns",
        )?;
        let class = self.store().get::<Class>(class_id).await?;
        let term = self.store().get::<Term>(scheme.term_id).await?;
        same_year(&class.data, &term.data)?;
        self.ensure_open(actor, class_id, scheme.term_id).await
    }

    /// Adds a column (an assessment) to a class's gradebook under a
    /// component, after the component's last column.
    pub async fn assessment_add(
        &self,
        actor: &Actor,
        class_id: Id,
        component_id: Id,
        name: &str,
    ) -> AppResult<GradebookColumn> {
        let (component, scheme) = self.component_context(component_id).await?;
        let open = self
            .column_change_allowed(actor, class_id, &scheme.data)
            .await?;
        let name = name.trim();
        let last = self
            .store()
            .list::<Assessment>(
                &Query::all()
                    .eq("class_id", class_id)
                    .eq("component_id", component.id()),
            )
            .await?
            .iter()
            .map(|a| a.data.position)
            .max()
            .unwrap_or(0);
        let data = Assessment {
            class_id,
            component_id,
            name: name.to_string(),
            position: last + 1,
            date: None,
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        let id = cs.insert(&data);
        self.commit_open(&open, cs).await?;
        Ok(GradebookColumn {
            id,
            component_id,
            name: data.name,
            position: data.position,
        })
    }

    pub async fn assessment_rename(
        &self,
        actor: &Actor,
        id: Id,
        name: &str,
    ) -> AppResult<GradebookColumn> {
        let stored = self.store().get::<Assessment>(id).await?;
        let (_, scheme) = self.component_context(stored.data.component_id).await?;
        let open = self
            .column_change_allowed(actor, stored.data.class_id, &scheme.data)
            .await?;
        let data = Assessment {
            name: name.trim().to_string(),
            ..stored.data.clone()
        };
        data.validate()?;
        let mut cs = self.changes(actor);
        cs.update(id, stored.version(), &data);
        let saved: Stored<Assessment> = self.commit_open_returning(&open, cs).await?;
        Ok(GradebookColumn {
            id,
            component_id: saved.data.component_id,
            name: saved.data.name,
            position: saved.data.position,
        })
    }

    /// Removes a column. With scores in it, refused unless `with_scores`:
    /// then its scores go with it (each audited).
    pub async fn assessment_remove(
        &self,
        actor: &Actor,
        id: Id,
        with_scores: bool,
    ) -> AppResult<()> {
        let stored = self.store().get::<Assessment>(id).await?;
        let (_, scheme) = self.component_context(stored.data.component_id).await?;
        let open = self
            .column_change_allowed(actor, stored.data.class_id, &scheme.data)
            .await?;
        let scores = self
            .store()
            .list::<ScoreEntry>(&Query::all().eq("assessment_id", id))
            .await?;
        if !scores.is_empty() && !with_scores {
            return Err(AppError::setup(
                "column_has_scores",
                format!(
                    "column {} holds {} score(s); confirm to remove them with it",
                    stored.data.name,
                    scores.len()
                ),
            ));
        }
        let mut cs = self.changes(actor);
        for s in &scores {
            cs.delete::<ScoreEntry>(s.id(), s.version());
        }
        cs.delete::<Assessment>(id, stored.version());
        self.commit_open(&open, cs).await?;
        Ok(())
    }

    /// Where a class's grades of a semester stand.
    pub async fn signoff_status(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
    ) -> AppResult<SignoffStatus> {
        if !(allowed(actor, Action::SubmitGrades, &Target::Class(class_id))
            || allowed(actor, Action::ReadRoster, &Target::Class(class_id)))
        {
            return Err(AppError::refused(
                Action::ReadGrades,
                "see this class's grades",
            ));
        }
        Ok(status_of(self.signoff(class_id, term_id).await?.as_ref()))
    }

    /// Moves a class's grades of a semester along draft → submitted →
    /// approved: the homeroom teacher (or an administrator) submits or
    /// takes back; only an administrator approves. Approved grades are
    /// changed only by [`App::signoff_unlock`].
    pub async fn signoff_set(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
        status: SignoffStatus,
    ) -> AppResult<SignoffStatus> {
        let action = match status {
            SignoffStatus::Approved => Action::ApproveGrades,
            _ => Action::SubmitGrades,
        };
        require(
            actor,
            action,
            &Target::Class(class_id),
            match status {
                SignoffStatus::Approved => "approve this class's grades",
                _ => "submit this class's grades",
            },
        )?;
        let class = self.store().get::<Class>(class_id).await?;
        let term = self.store().get::<Term>(term_id).await?;
        same_year(&class.data, &term.data)?;
        let stored = self.signoff(class_id, term_id).await?;
        let current = status_of(stored.as_ref());
        if current == status {
            return Ok(current);
        }
        if current == SignoffStatus::Approved {
            return Err(locked(&class.data, &term.data));
        }
        if status == SignoffStatus::Approved && current != SignoffStatus::Submitted {
            return Err(AppError::setup(
                "not_submitted",
                format!(
                    "the grades of class {} for {} must be submitted before they are approved",
                    class.data.name, term.data.name
                ),
            ));
        }
        let data = GradeSignoff {
            class_id,
            term_id,
            status: status.as_str().to_string(),
        };
        let mut cs = self.changes(actor);
        match &stored {
            Some(s) => cs.update(s.id(), s.version(), &data),
            None => {
                cs.insert(&data);
            }
        }
        self.store().commit(cs).await?;
        Ok(status)
    }

    /// Unlocks approved grades (back to draft): an administrator only,
    /// audited as `grades_unlocked` beside the change itself.
    pub async fn signoff_unlock(
        &self,
        actor: &Actor,
        class_id: Id,
        term_id: Id,
    ) -> AppResult<SignoffStatus> {
        require(
            actor,
            Action::ApproveGrades,
            &Target::Class(class_id),
            "unlock this class's grades",
        )?;
        let class = self.store().get::<Class>(class_id).await?;
        let term = self.store().get::<Term>(term_id).await?;
        let Some(stored) = self
            .signoff(class_id, term_id)
            .await?
            .filter(|s| s.data.status == "approved")
        else {
            return Err(AppError::setup(
                "not_locked",
                format!(
                    "the grades of class {} for {} are not approved; there is nothing to unlock",
                    class.data.name, term.data.name
                ),
            ));
        };
        let mut cs = self.changes(actor);
        cs.update(
            stored.id(),
            stored.version(),
            &GradeSignoff {
                status: SignoffStatus::Draft.as_str().to_string(),
                ..stored.data.clone()
            },
        );
        cs.event(
            "grades_unlocked",
            "grade_signoffs",
            Some(stored.id()),
            Some(format!(
                "class {}, {}: approved grades unlocked",
                class.data.name, term.data.name
            )),
        );
        self.store().commit(cs).await?;
        Ok(SignoffStatus::Draft)
    }

    /// [`App::my_results`] for every semester of the current year, in
    /// order: what a student's or parent's "report card" screen lists
    /// (families may not list semesters themselves).
    pub async fn my_results_by_term(
        &self,
        actor: &Actor,
    ) -> AppResult<Vec<(Stored<Term>, Vec<StudentResults>)>> {
        let Some(year) = self
            .store()
            .first::<AcademicYear>(Query::all().eq("is_current", true))
            .await?
        else {
            return Ok(Vec::new());
        };
        let terms = self
            .store()
            .list::<Term>(
                &Query::all()
                    .eq("academic_year_id", year.id())
                    .order("number"),
            )
            .await?;
        let mut out = Vec::new();
        for term in terms {
            let results = self.my_results(actor, term.id()).await?;
            out.push((term, results));
        }
        Ok(out)
    }

    /// The signed-in student's, or a parent's children's, final grades of a
    /// semester per subject, once their class's grades of it are approved;
    /// before that, each student with `published: false` and no grades.
    pub async fn my_results(&self, actor: &Actor, term_id: Id) -> AppResult<Vec<StudentResults>> {
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        let mut mine: Vec<Id> = actor.child_ids.clone();
        mine.extend(actor.student_id);
        mine.retain(|id| {
            allowed(
                actor,
                Action::ReadResults,
                &Target::Student {
                    id: *id,
                    class_ids: Vec::new(),
                },
            )
        });
        if mine.is_empty() {
            return Err(AppError::refused(
                Action::ReadResults,
                "see a student's results",
            ));
        }
        let term = self.store().get::<Term>(term_id).await?;
        let schemes = self
            .store()
            .list::<AssessmentScheme>(&Query::all().eq("term_id", term_id))
            .await?;
        let mut out = Vec::new();
        for student_id in mine {
            let student = self.store().get::<Student>(student_id).await?;
            let class = self.class_in_term(student_id, &term.data).await?;
            let mut results = StudentResults {
                student_id,
                full_name: student.data.full_name.clone(),
                class_name: None,
                published: false,
                subjects: Vec::new(),
            };
            let Some(enrollment) = class else {
                out.push(results);
                continue;
            };
            let class_id = enrollment.data.class_id;
            let class = self.store().get::<Class>(class_id).await?;
            results.class_name = Some(class.data.name.clone());
            if status_of(self.signoff(class_id, term_id).await?.as_ref()) != SignoffStatus::Approved
            {
                out.push(results);
                continue;
            }
            results.published = true;
            for scheme in &schemes {
                let subject = self.store().get::<Subject>(scheme.data.subject_id).await?;
                // Of religion, only the student's own (as on the card).
                if !crate::report::takes(&subject.data, &student.data) {
                    continue;
                }
                let Some(loaded) = self.load_scheme(scheme.data.subject_id, term_id).await? else {
                    continue;
                };
                let columns = self.columns(class_id, Some(&loaded)).await?;
                if columns.is_empty() {
                    continue;
                }
                let scores: Vec<GradebookScore> = self
                    .scores_of(&columns, &[student_id])
                    .await?
                    .into_iter()
                    .filter_map(|s| {
                        Some(GradebookScore {
                            assessment_id: s.data.assessment_id,
                            student_id,
                            score: Score::from_hundredths(s.data.score)?,
                        })
                    })
                    .collect();
                let result = loaded
                    .finals(&columns, &scores, &[student_id])
                    .remove(0)
                    .result;
                results.subjects.push(SubjectResult {
                    subject_id: subject.id(),
                    subject_name: subject.data.name,
                    result,
                });
            }
            results
                .subjects
                .sort_by(|a, b| a.subject_name.cmp(&b.subject_name));
            out.push(results);
        }
        Ok(out)
    }
}

/// Why a typed score is refused, with a code per reason.
pub fn score_problem(text: &str, e: &grading::ScoreError) -> Msg {
    let code = match e {
        grading::ScoreError::NotANumber => "score_not_a_number",
        grading::ScoreError::TooPrecise => "score_too_precise",
        grading::ScoreError::OutOfRange => "score_out_of_range",
    };
    Msg::new(code, format!("{text:?}: {e}")).with("value", text)
}

/// The grading math of a stored scheme.
fn scheme_math<'a>(
    scheme: &AssessmentScheme,
    components: impl Iterator<Item = &'a SchemeComponent>,
) -> Result<grading::Scheme, Msg> {
    let bad = |what: String| Msg::new("scheme_invalid", what);
    let components = components
        .map(|c| {
            Ok(Component {
                name: c.name.clone(),
                kind: kind_of(&c.kind).ok_or_else(|| bad(format!("unknown kind {:?}", c.kind)))?,
                weight: Weight::from_hundredths(c.weight)
                    .ok_or_else(|| bad(format!("weight {} out of range", c.weight)))?,
            })
        })
        .collect::<Result<Vec<_>, Msg>>()?;
    let kkm = Score::from_hundredths(scheme.kkm).ok_or_else(|| bad("KKM out of range".into()))?;
    let bands = parse_bands(&scheme.bands)?;
    let mode = mode_of(&scheme.rounding_mode).ok_or_else(|| bad("unknown rounding mode".into()))?;
    let rounding = Rounding {
        places: scheme.rounding_places.clamp(0, 2) as u8,
        mode,
    };
    grading::Scheme::new(components, kkm, bands, rounding).map_err(|e| bad(e.to_string()))
}
