//! Report cards and the class ledger (issue 12, items 7 and 8): a term's
//! results of each student gathered into the data a printed document shows
//! (`schooldesk-documents`), formatted in the card's language. The layout
//! is `schooldesk-print`'s; this module decides what is printed.
//!
//! **Nothing printed is made up.** A subject a student has no final grade
//! in (no scheme, a component without a score) stops the job with every
//! such student and subject named, unless the caller asks for a preview
//! (`allow_incomplete`), which prints "belum lengkap" / "incomplete" in
//! place of the grade — never a blank. A card is a draft (watermarked)
//! until its class's grades of the term are approved.
//!
//! Each class is read in a handful of queries (the roster, every score,
//! tick, mark and note of the class in the term), not per student.

use crate::auth::require;
use crate::gradebook::{ids, status_of, term_enrollment, GradebookScore, SignoffStatus};
use crate::{App, AppError, AppResult};
use chrono::NaiveDate;
use schooldesk_core::attendance::Totals;
use schooldesk_core::descriptions::{Lang, Promotion, Tick};
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::*;
use schooldesk_documents as doc;
use schooldesk_store::{Filter, Query};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Which students' cards to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardScope {
    /// Every student of one class.
    Class(Id),
    /// Every class of a grade level (7 = every class VII …) in the term's year.
    Grade(i64),
    /// Every class of the term's year.
    All,
    /// One student (a preview, or a parent's own child).
    Student(Id),
}

/// How cards are worded and signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardOptions {
    pub language: Lang,
    /// Where the cards are signed; empty takes the last line of the
    /// school's address.
    pub place: String,
    pub date: NaiveDate,
    /// Print a subject without a final grade as "belum lengkap" (a draft
    /// preview) instead of refusing the job.
    pub allow_incomplete: bool,
}

/// One student's card with the name its own file gets ("VII A - Budi Santoso").
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedCard {
    pub file_stem: String,
    pub card: doc::ReportCard,
}

/// A card's QR code checked against the records as they are now
/// ([`App::verify_card`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardCheck {
    pub student_id: Id,
    pub student: String,
    pub nisn: String,
    /// The class the card is from (the one enrolled last in the term).
    pub class: String,
    pub term: String,
    pub year: String,
    /// The subjects and grades printed are those the records make now;
    /// false: a grade (or a subject row) changed since the card was
    /// printed, or the card was altered.
    pub matches: bool,
    /// The class's grades of the term are approved now.
    pub approved: bool,
}

/// A subject a student has no final grade in, for the refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGrade {
    pub class: String,
    pub student: String,
    pub subject: String,
    /// The components without a score, or "no assessment scheme".
    pub missing: Vec<String>,
}

impl std::fmt::Display for MissingGrade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.subject.is_empty() {
            write!(
                f,
                "{} ({}): {}",
                self.student,
                self.class,
                self.missing.join(", ")
            )
        } else {
            write!(
                f,
                "{} ({}), {}: {}",
                self.student,
                self.class,
                self.subject,
                self.missing.join(", ")
            )
        }
    }
}

const MONTHS_ID: [&str; 12] = [
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
const MONTHS_EN: [&str; 12] = [
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

/// "20 Desember 2026" / "20 December 2026".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let months = match lang {
        Lang::Id => &MONTHS_ID,
        Lang::En => &MONTHS_EN,
    };
    format!(
        "{} {} {}",
        date.day(),
        months[date.month0() as usize],
        date.year()
    )
}

/// Kurikulum Merdeka's phase of a grade level: A (1–2), B (3–4), C (5–6),
/// D (7–9), E (10), F (11–12).
pub fn phase(grade_level: i64) -> &'static str {
    match grade_level {
        ..=2 => "A",
        3..=4 => "B",
        5..=6 => "C",
        7..=9 => "D",
        10 => "E",
        _ => "F",
    }
}

/// I … XIII, as Indonesian classes are numbered.
pub fn roman(n: i64) -> String {
    const NUMERALS: [(i64, &str); 7] = [
        (1000, "M"),
        (100, "C"),
        (50, "L"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
    ];
    let mut n = n.max(0);
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out.push_str(&"I".repeat(n as usize));
    out
}

fn semester_text(number: i64, lang: Lang) -> String {
    match (number, lang) {
        (1, Lang::Id) => "1 (Ganjil)".into(),
        (2, Lang::Id) => "2 (Genap)".into(),
        (1, Lang::En) => "1 (Odd)".into(),
        (2, Lang::En) => "2 (Even)".into(),
        (n, _) => n.to_string(),
    }
}

fn promotion_text(promotion: Promotion, grade_level: i64, lang: Lang) -> String {
    match (promotion, lang) {
        (Promotion::Promoted, Lang::Id) => format!("Naik ke kelas {}", roman(grade_level + 1)),
        (Promotion::Promoted, Lang::En) => format!("Promoted to grade {}", grade_level + 1),
        (Promotion::Retained, Lang::Id) => format!("Tinggal di kelas {}", roman(grade_level)),
        (Promotion::Retained, Lang::En) => format!("Stays in grade {}", grade_level),
        (Promotion::Graduated, Lang::Id) => "Lulus".into(),
        (Promotion::Graduated, Lang::En) => "Graduated".into(),
    }
}

fn incomplete_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "belum lengkap",
        Lang::En => "incomplete",
    }
}

fn no_scheme_text() -> String {
    "no assessment scheme".into()
}

/// The religion a religion-specific subject is for: the one its name
/// names, in Indonesian or English ("Pendidikan Agama Islam …" → Islam,
/// "Christian Religious Education" → Kristen). Subjects record no religion
/// of their own, so the name is the tie.
pub(crate) fn subject_religion(subject: &Subject) -> Option<&'static str> {
    /// Words in a subject's name that name each religion (lower case).
    const NAMES: &[(&str, &[&str])] = &[
        ("Islam", &["islam"]),
        ("Kristen", &["kristen", "christian", "protestan"]),
        ("Katolik", &["katolik", "catholic"]),
        ("Hindu", &["hindu"]),
        ("Buddha", &["buddha", "buddhis"]),
        ("Konghucu", &["konghucu", "khonghucu", "confucian"]),
        ("Kepercayaan", &["kepercayaan"]),
    ];
    let name = subject.name.to_lowercase();
    NAMES
        .iter()
        .find(|(_, words)| words.iter().any(|w| name.contains(w)))
        .map(|(religion, _)| *religion)
}

/// Whether a subject's row is on a student's card: every subject but
/// religion; of the religion subjects, the one naming the student's
/// religion, and a religion subject that names none (a school's one
/// "Pendidikan Agama dan Budi Pekerti" for everybody).
pub(crate) fn takes(subject: &Subject, student: &Student) -> bool {
    if !subject.religion_specific {
        return true;
    }
    subject_religion(subject).is_none_or(|r| r.eq_ignore_ascii_case(student.religion.trim()))
}

/// The row printed when a class teaches religion but not the student's.
fn no_religion_subject_text(religion: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("Pendidikan Agama {religion}"),
        Lang::En => format!("Religious education ({religion})"),
    }
}

/// One subject of a class in a term: who teaches it, and every student's
/// final grade and description.
struct SubjectColumn {
    subject: Stored<Subject>,
    /// Per student: the grade as printed, or what is missing.
    finals: HashMap<Id, Result<String, Vec<String>>>,
    descriptions: HashMap<Id, String>,
}

/// Everything a class's cards and ledger print, read once.
struct ClassTerm {
    school: Stored<School>,
    year: Stored<AcademicYear>,
    term: Stored<Term>,
    class: Stored<Class>,
    homeroom: Option<Stored<Teacher>>,
    students: Vec<Stored<Student>>,
    /// Students of the class who moved to another class within the term:
    /// their card is that class's (one card per student and term).
    moved_on: HashSet<Id>,
    subjects: Vec<SubjectColumn>,
    status: SignoffStatus,
    totals: HashMap<Id, Totals>,
    reports: HashMap<Id, TermReport>,
    extracurriculars: HashMap<Id, Vec<doc::Extracurricular>>,
    parents: HashMap<Id, String>,
}

impl App {
    /// The cards of `scope` for `term_id`, in class then name order.
    /// Administrators and the curriculum office print any class; a
    /// homeroom teacher their own class; a student or parent their own
    /// card once the term is approved.
    pub async fn report_cards(
        &self,
        actor: &Actor,
        term_id: Id,
        scope: &CardScope,
        options: &CardOptions,
    ) -> AppResult<Vec<PrintedCard>> {
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        let term = self.store().get::<Term>(term_id).await?;
        let (class_ids, only) = self.scope_classes(&term, scope).await?;
        let mut cards = Vec::new();
        let mut missing = Vec::new();
        for class_id in class_ids {
            let own = |student: Id| only.is_none_or(|o| o == student);
            let may_print = allowed(actor, Action::PrintReports, &Target::Class(class_id));
            if !may_print {
                // A family prints only its own child's published card.
                let Some(student_id) = only else {
                    return Err(AppError::refused(
                        Action::PrintReports,
                        "print this class's report cards",
                    ));
                };
                // The student themselves or their parent, never a teacher
                // through the wider right to read results.
                let family = (actor.has(Role::Student) && actor.student_id == Some(student_id))
                    || (actor.has(Role::Parent) && actor.child_ids.contains(&student_id));
                if !family {
                    return Err(AppError::refused(
                        Action::PrintReports,
                        "print this student's report card",
                    ));
                }
            }
            let data = self.class_term(class_id, &term).await?;
            if !may_print && data.status != SignoffStatus::Approved {
                return Err(AppError::Setup(
                    Msg::new(
                        "card_not_published",
                        format!(
                            "the report cards of class {} for {} are not published yet",
                            data.class.data.name, term.data.name
                        ),
                    )
                    .with("class", &data.class.data.name)
                    .with("term", &term.data.name),
                ));
            }
            for student in data
                .students
                .iter()
                .filter(|s| own(s.id()) && !data.moved_on.contains(&s.id()))
            {
                cards.push(data.card(student, options, &mut missing));
            }
        }
        if !missing.is_empty() && !options.allow_incomplete {
            let first: Vec<String> = missing.iter().take(5).map(|m| m.to_string()).collect();
            let list = format!(
                "{}{}",
                first.join("; "),
                if missing.len() > 5 { "; …" } else { "" }
            );
            return Err(AppError::Setup(
                Msg::new(
                    "cards_incomplete",
                    format!(
                        "{} subject grade(s) are not complete, so no card was printed: {list}",
                        missing.len()
                    ),
                )
                .with("count", missing.len().to_string())
                .with("list", list),
            ));
        }
        if cards.is_empty() {
            return Err(AppError::Setup(
                Msg::new(
                    "no_cards",
                    format!(
                        "no student is enrolled in {} for {}",
                        scope_words(scope),
                        term.data.name
                    ),
                )
                .with("term", &term.data.name),
            ));
        }
        Ok(cards)
    }

    /// A class's grade ledger for a term: students × subjects with total,
    /// average and rank (ties share a rank), rows by rank.
    pub async fn class_ledger(
        &self,
        actor: &Actor,
        term_id: Id,
        class_id: Id,
        language: Lang,
    ) -> AppResult<doc::Ledger> {
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        require(
            actor,
            Action::PrintReports,
            &Target::Class(class_id),
            "print this class's ledger",
        )?;
        let term = self.store().get::<Term>(term_id).await?;
        self.scope_classes(&term, &CardScope::Class(class_id))
            .await?;
        let data = self.class_term(class_id, &term).await?;
        Ok(data.ledger(language))
    }

    async fn scope_classes(
        &self,
        term: &Stored<Term>,
        scope: &CardScope,
    ) -> AppResult<(Vec<Id>, Option<Id>)> {
        let year_classes = Query::all()
            .eq("academic_year_id", term.data.academic_year_id)
            .order("name");
        Ok(match scope {
            CardScope::Class(id) => {
                let class = self.store().get::<Class>(*id).await?;
                crate::gradebook::same_year(&class.data, &term.data)?;
                (vec![*id], None)
            }
            CardScope::Grade(level) => (
                self.store()
                    .list::<Class>(&year_classes)
                    .await?
                    .into_iter()
                    .filter(|c| c.data.grade_level == *level)
                    .map(|c| c.id())
                    .collect(),
                None,
            ),
            CardScope::All => (
                self.store()
                    .list::<Class>(&year_classes)
                    .await?
                    .into_iter()
                    .map(|c| c.id())
                    .collect(),
                None,
            ),
            CardScope::Student(id) => {
                let class = self.class_in_term(*id, &term.data).await?.ok_or_else(|| {
                    AppError::Setup(
                        Msg::new(
                            "student_not_enrolled",
                            format!(
                                "the student is not enrolled in any class during {}",
                                term.data.name
                            ),
                        )
                        .with("term", &term.data.name),
                    )
                })?;
                (vec![class.data.class_id], Some(*id))
            }
        })
    }

    /// Reads one class's term: roster, every subject's finals and
    /// descriptions, attendance, notes, extracurriculars, parents.
    async fn class_term(&self, class_id: Id, term: &Stored<Term>) -> AppResult<ClassTerm> {
        let store = self.store();
        let class = store.get::<Class>(class_id).await?;
        let school = store
            .first::<School>(Query::all())
            .await?
            .ok_or_else(|| AppError::setup("no_school", "the school profile is not set up yet"))?;
        let year = store
            .get::<AcademicYear>(term.data.academic_year_id)
            .await?;
        let homeroom = match class.data.homeroom_teacher_id {
            Some(id) => store.find::<Teacher>(id).await?,
            None => None,
        };
        let students = self.students_in_term(class_id, &term.data).await?;
        let student_ids: Vec<Id> = students.iter().map(|s| s.id()).collect();
        let status = status_of(self.signoff(class_id, term.id()).await?.as_ref());
        let moved_on = if student_ids.is_empty() {
            HashSet::new()
        } else {
            let enrollments = store
                .list::<Enrollment>(
                    &Query::all()
                        .eq("academic_year_id", term.data.academic_year_id)
                        .filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
                )
                .await?;
            let mut by_student: HashMap<Id, Vec<&Stored<Enrollment>>> = HashMap::new();
            for e in &enrollments {
                by_student.entry(e.data.student_id).or_default().push(e);
            }
            by_student
                .into_iter()
                .filter(|(_, list)| {
                    term_enrollment(list.iter().copied(), &term.data)
                        .is_some_and(|e| e.data.class_id != class_id)
                })
                .map(|(id, _)| id)
                .collect()
        };

        // The class's subjects: those taught in it.
        let subject_ids: HashSet<Id> = store
            .list::<TeachingAssignment>(&Query::all().eq("class_id", class_id))
            .await?
            .into_iter()
            .map(|a| a.data.subject_id)
            .collect();
        let mut subjects_list = store
            .list::<Subject>(&Query::all().filter(Filter::In("id", ids(subject_ids))))
            .await?;
        subjects_list.sort_by(|a, b| {
            (&a.data.group_name, &a.data.code).cmp(&(&b.data.group_name, &b.data.code))
        });

        // Ticks and own texts of the whole class, once.
        let marks = if student_ids.is_empty() {
            Vec::new()
        } else {
            store
                .list::<ObjectiveMark>(
                    &Query::all()
                        .filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
                )
                .await?
        };
        let custom = store
            .list::<SubjectDescription>(
                &Query::all()
                    .eq("term_id", term.id())
                    .filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
            )
            .await?;

        let mut subjects = Vec::new();
        for subject in subjects_list {
            let mut finals = HashMap::new();
            match self.load_scheme(subject.id(), term.id()).await? {
                None => {
                    for id in &student_ids {
                        finals.insert(*id, Err(vec![no_scheme_text()]));
                    }
                }
                Some(scheme) => {
                    let columns = self.columns(class_id, Some(&scheme)).await?;
                    let scores: Vec<GradebookScore> = self
                        .scores_of(&columns, &student_ids)
                        .await?
                        .into_iter()
                        .filter_map(|s| {
                            Some(GradebookScore {
                                assessment_id: s.data.assessment_id,
                                student_id: s.data.student_id,
                                score: grading::Score::from_hundredths(s.data.score)?,
                            })
                        })
                        .collect();
                    for f in scheme.finals(&columns, &scores, &student_ids) {
                        let value = match f.result {
                            grading::Final::Graded { grade, .. } => Ok(grade.to_string()),
                            grading::Final::Incomplete { missing } => Err(missing),
                        };
                        finals.insert(f.student_id, value);
                    }
                }
            }
            let objectives = store
                .list::<LearningObjective>(
                    &Query::all()
                        .eq("subject_id", subject.id())
                        .eq("term_id", term.id())
                        .order("position"),
                )
                .await?;
            let objective_ids: HashSet<Id> = objectives.iter().map(|o| o.id()).collect();
            let mut descriptions = HashMap::new();
            for id in &student_ids {
                let ticks: Vec<(Id, Tick)> = marks
                    .iter()
                    .filter(|m| {
                        m.data.student_id == *id && objective_ids.contains(&m.data.objective_id)
                    })
                    .filter_map(|m| Some((m.data.objective_id, Tick::parse(&m.data.mark)?)))
                    .collect();
                let own = custom
                    .iter()
                    .find(|c| c.data.student_id == *id && c.data.subject_id == subject.id());
                let text = match own {
                    Some(c) => c.data.text.clone(),
                    None => {
                        // Both languages are kept; the card picks one.
                        format!(
                            "{}\u{0}{}",
                            crate::descriptions::sentence(&objectives, &ticks, Lang::Id),
                            crate::descriptions::sentence(&objectives, &ticks, Lang::En)
                        )
                    }
                };
                descriptions.insert(*id, text);
            }
            subjects.push(SubjectColumn {
                subject,
                finals,
                descriptions,
            });
        }

        // Attendance of the term, every class that marked it.
        let mut totals: HashMap<Id, Totals> = HashMap::new();
        if !student_ids.is_empty() {
            let marks = store
                .list::<AttendanceMark>(
                    &Query::all()
                        .filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
                )
                .await?
                .into_iter()
                .filter(|m| (term.data.start_date..=term.data.end_date).contains(&m.data.date))
                .collect::<Vec<_>>();
            for id in &student_ids {
                totals.insert(
                    *id,
                    Totals::of(
                        marks
                            .iter()
                            .filter(|m| m.data.student_id == *id)
                            .map(|m| &m.data),
                    ),
                );
            }
        }
        let reports: HashMap<Id, TermReport> = store
            .list::<TermReport>(
                &Query::all()
                    .eq("term_id", term.id())
                    .filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
            )
            .await?
            .into_iter()
            .map(|r| (r.data.student_id, r.data))
            .collect();
        let activities: HashMap<Id, String> = store
            .list::<Extracurricular>(&Query::all())
            .await?
            .into_iter()
            .map(|a| (a.id(), a.data.name))
            .collect();
        let mut extracurriculars: HashMap<Id, Vec<doc::Extracurricular>> = HashMap::new();
        for r in store
            .list::<ExtracurricularResult>(
                &Query::all()
                    .eq("term_id", term.id())
                    .filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
            )
            .await?
        {
            extracurriculars
                .entry(r.data.student_id)
                .or_default()
                .push(doc::Extracurricular {
                    name: activities
                        .get(&r.data.extracurricular_id)
                        .cloned()
                        .unwrap_or_default(),
                    grade: r.data.grade,
                    note: r.data.note.unwrap_or_default(),
                });
        }
        for list in extracurriculars.values_mut() {
            list.sort_by(|a, b| a.name.cmp(&b.name));
        }
        let links = store
            .list::<StudentGuardian>(
                &Query::all().filter(Filter::In("student_id", ids(student_ids.iter().copied()))),
            )
            .await?;
        let guardians: HashMap<Id, Stored<Guardian>> = store
            .list::<Guardian>(&Query::all().filter(Filter::In(
                "id",
                ids(links.iter().map(|l| l.data.guardian_id)),
            )))
            .await?
            .into_iter()
            .map(|g| (g.id(), g))
            .collect();
        let mut parents: HashMap<Id, String> = HashMap::new();
        for link in &links {
            if let Some(g) = guardians.get(&link.data.guardian_id) {
                parents
                    .entry(link.data.student_id)
                    .or_insert_with(|| g.data.full_name.clone());
            }
        }
        Ok(ClassTerm {
            school,
            year,
            term: term.clone(),
            class,
            homeroom,
            students,
            moved_on,
            subjects,
            status,
            totals,
            reports,
            extracurriculars,
            parents,
        })
    }
}

fn scope_words(scope: &CardScope) -> String {
    match scope {
        CardScope::Class(_) => "the class".into(),
        CardScope::Grade(n) => format!("grade {n}"),
        CardScope::All => "any class".into(),
        CardScope::Student(_) => "a class".into(),
    }
}

/// Where a school signs, read from its address: the town of its "Kota …"
/// or "Kabupaten …" part ("Jl. Pendidikan 4, Sukamaju, Kabupaten Bandung,
/// Jawa Barat" → "Bandung"), else the part before the province and postal
/// code, else the whole address.
pub fn place_of(address: &str) -> String {
    let parts: Vec<&str> = address
        .split([',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for part in &parts {
        for prefix in ["Kota ", "Kabupaten ", "Kab. ", "Kab "] {
            if let Some(town) = part.strip_prefix(prefix) {
                return town.trim().to_string();
            }
        }
    }
    match parts.len() {
        0 => String::new(),
        1 => parts[0].to_string(),
        n => parts[n - 2].to_string(),
    }
}

fn pick(text: &str, lang: Lang) -> &str {
    match text.split_once('\u{0}') {
        Some((id, en)) => match lang {
            Lang::Id => id,
            Lang::En => en,
        },
        None => text,
    }
}

impl ClassTerm {
    fn school_block(&self, options: &CardOptions) -> doc::School {
        let s = &self.school.data;
        let place = if options.place.trim().is_empty() {
            place_of(&s.address)
        } else {
            options.place.trim().to_string()
        };
        doc::School {
            name: s.name.clone(),
            npsn: s.npsn.clone(),
            address: s.address.clone(),
            principal: doc::Person {
                name: s.principal_name.clone(),
                nip: s.principal_nip.clone().unwrap_or_default(),
            },
            place,
            date: long_date(options.date, options.language),
        }
    }

    fn homeroom_person(&self) -> doc::Person {
        self.homeroom
            .as_ref()
            .map(|t| doc::Person {
                name: t.data.full_name.clone(),
                nip: t.data.nip.clone().unwrap_or_default(),
            })
            .unwrap_or_default()
    }

    /// A class that teaches religion but not the student's: the card gets
    /// the student's religion row marked incomplete, and the job hears of
    /// it, instead of a card silently without religion.
    fn own_religion_row(
        &self,
        student: &Stored<Student>,
        lang: Lang,
        groups: &mut BTreeMap<String, Vec<doc::SubjectRow>>,
        order: &mut Vec<String>,
        missing: &mut Vec<MissingGrade>,
    ) {
        let religion_subjects: Vec<&Subject> = self
            .subjects
            .iter()
            .map(|c| &c.subject.data)
            .filter(|s| s.religion_specific)
            .collect();
        let Some(first) = religion_subjects.first() else {
            return;
        };
        if religion_subjects.iter().any(|s| takes(s, &student.data)) {
            return;
        }
        let religion = student.data.religion.trim();
        let why = vec![format!(
            "class {} teaches no religion subject for {religion}",
            self.class.data.name
        )];
        let subject = no_religion_subject_text(religion, lang);
        missing.push(MissingGrade {
            class: self.class.data.name.clone(),
            student: student.data.full_name.clone(),
            subject: subject.clone(),
            missing: why,
        });
        let group = first.group_name.clone();
        if !order.contains(&group) {
            // Groups come in name order (the subjects are sorted so).
            let at = order.iter().position(|g| *g > group).unwrap_or(order.len());
            order.insert(at, group.clone());
        }
        groups.entry(group).or_default().insert(
            0,
            doc::SubjectRow {
                subject,
                grade: incomplete_text(lang).to_string(),
                description: incomplete_text(lang).to_string(),
            },
        );
    }

    fn card(
        &self,
        student: &Stored<Student>,
        options: &CardOptions,
        missing: &mut Vec<MissingGrade>,
    ) -> PrintedCard {
        let lang = options.language;
        let id = student.id();
        let mut groups: BTreeMap<String, Vec<doc::SubjectRow>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for column in &self.subjects {
            if !takes(&column.subject.data, &student.data) {
                continue;
            }
            let grade = match column.finals.get(&id) {
                Some(Ok(grade)) => grade.clone(),
                other => {
                    let what = match other {
                        Some(Err(m)) => m.clone(),
                        _ => vec![no_scheme_text()],
                    };
                    missing.push(MissingGrade {
                        class: self.class.data.name.clone(),
                        student: student.data.full_name.clone(),
                        subject: column.subject.data.name.clone(),
                        missing: what,
                    });
                    incomplete_text(lang).to_string()
                }
            };
            let mut description = column
                .descriptions
                .get(&id)
                .map(|d| pick(d, lang).trim().to_string())
                .unwrap_or_default();
            if description.is_empty() {
                // No objective ticked and no text of the teacher's: the
                // card would print a blank where the description goes.
                missing.push(MissingGrade {
                    class: self.class.data.name.clone(),
                    student: student.data.full_name.clone(),
                    subject: column.subject.data.name.clone(),
                    missing: vec!["no description (no learning objective ticked)".into()],
                });
                description = incomplete_text(lang).to_string();
            }
            let group = column.subject.data.group_name.clone();
            if !order.contains(&group) {
                order.push(group.clone());
            }
            groups.entry(group).or_default().push(doc::SubjectRow {
                subject: column.subject.data.name.clone(),
                grade,
                description,
            });
        }
        self.own_religion_row(student, lang, &mut groups, &mut order, missing);
        if self.homeroom.is_none() {
            missing.push(MissingGrade {
                class: self.class.data.name.clone(),
                student: student.data.full_name.clone(),
                subject: String::new(),
                missing: vec!["the class has no homeroom teacher to sign".into()],
            });
        }
        let totals = self.totals.get(&id).copied().unwrap_or_default();
        let report = self.reports.get(&id);
        let promotion = report
            .and_then(|r| r.promotion.as_deref())
            .and_then(Promotion::parse)
            .filter(|_| self.term.data.number == 2)
            .map(|p| promotion_text(p, self.class.data.grade_level, lang));
        let card = doc::ReportCard {
            language: match lang {
                Lang::Id => doc::Language::Id,
                Lang::En => doc::Language::En,
            },
            draft: self.status != SignoffStatus::Approved,
            school: self.school_block(options),
            student: doc::Student {
                name: student.data.full_name.clone(),
                nis: student.data.nis.clone(),
                nisn: student.data.nisn.clone(),
                class: self.class.data.name.clone(),
                phase: phase(self.class.data.grade_level).to_string(),
                semester: semester_text(self.term.data.number, lang),
                year: self.year.data.name.clone(),
            },
            groups: order
                .into_iter()
                .map(|name| doc::SubjectGroup {
                    rows: groups.remove(&name).unwrap_or_default(),
                    name: group_title(&name, lang),
                })
                .collect(),
            extracurriculars: self.extracurriculars.get(&id).cloned().unwrap_or_default(),
            absences: doc::Absences {
                sick: totals.sick as u32,
                excused: totals.excused as u32,
                unexcused: totals.unexcused as u32,
            },
            homeroom_note: report
                .and_then(|r| r.homeroom_note.clone())
                .unwrap_or_default(),
            parent_response: report
                .and_then(|r| r.parent_response.clone())
                .unwrap_or_default(),
            promotion,
            signatures: doc::Signatures {
                parent: self.parents.get(&id).cloned().unwrap_or_default(),
                homeroom: self.homeroom_person(),
            },
            verify_qr: None,
        };
        let verify = verification_code(
            &self.school.data.npsn,
            &student.data.nisn,
            &self.term.data.name,
            &self.year.data.name,
            &card,
        );
        PrintedCard {
            file_stem: file_stem(
                &self.class.data.name,
                &student.data.full_name,
                &student.data.nis,
            ),
            card: doc::ReportCard {
                verify_qr: Some(verify),
                ..card
            },
        }
    }

    fn ledger(&self, lang: Lang) -> doc::Ledger {
        let subjects: Vec<&SubjectColumn> = self.subjects.iter().collect();
        struct Row {
            name: String,
            nis: String,
            grades: Vec<String>,
            total: i64,
            count: i64,
        }
        let mut rows: Vec<Row> = self
            .students
            .iter()
            // A student who moved on during the semester is on the ledger of
            // the class they were in last, as their card is.
            .filter(|s| !self.moved_on.contains(&s.id()))
            .map(|s| {
                let mut total = 0;
                let mut count = 0;
                let grades = subjects
                    .iter()
                    .map(|c| {
                        if !takes(&c.subject.data, &s.data) {
                            return String::new();
                        }
                        match c.finals.get(&s.id()) {
                            Some(Ok(g)) => {
                                if let Ok(score) = grading::Score::parse(g) {
                                    total += score.hundredths();
                                    count += 1;
                                }
                                g.clone()
                            }
                            _ => "–".to_string(),
                        }
                    })
                    .collect();
                Row {
                    name: s.data.full_name.clone(),
                    nis: s.data.nis.clone(),
                    grades,
                    total,
                    count,
                }
            })
            .collect();
        // By average, compared exactly (a student without a religion row
        // has one grade fewer, not a lower rank); equal averages share a rank.
        let by_average = |a: &Row, b: &Row| {
            (i128::from(b.total) * i128::from(a.count.max(1)))
                .cmp(&(i128::from(a.total) * i128::from(b.count.max(1))))
        };
        rows.sort_by(|a, b| by_average(a, b).then_with(|| a.name.cmp(&b.name)));
        let mut out = Vec::new();
        let mut rank = 0;
        for (i, row) in rows.iter().enumerate() {
            if i == 0 || by_average(&rows[i - 1], row) != std::cmp::Ordering::Equal {
                rank = i + 1;
            }
            out.push(doc::LedgerRow {
                name: row.name.clone(),
                nis: row.nis.clone(),
                grades: row.grades.clone(),
                total: crate::gradebook::hundredths_text(row.total),
                average: average_text(row.total, row.count),
                rank: rank.to_string(),
            });
        }
        let options = CardOptions {
            language: lang,
            place: String::new(),
            date: self.term.data.end_date,
            allow_incomplete: true,
        };
        doc::Ledger {
            language: match lang {
                Lang::Id => doc::Language::Id,
                Lang::En => doc::Language::En,
            },
            draft: self.status != SignoffStatus::Approved,
            school: self.school_block(&options),
            class: self.class.data.name.clone(),
            term: format!(
                "{} {}",
                match lang {
                    Lang::Id => format!("Semester {}", semester_text(self.term.data.number, lang)),
                    Lang::En => format!("Semester {}", semester_text(self.term.data.number, lang)),
                },
                self.year.data.name
            ),
            homeroom: self.homeroom_person(),
            subjects: subjects
                .iter()
                .map(|c| c.subject.data.code.clone())
                .collect(),
            rows: out,
        }
    }
}

/// The average of `count` grades whose sum is `total` hundredths, rounded
/// half up to two places (the ledger's one rounding step; the grades
/// themselves are already the cards' rounded grades).
pub fn average_text(total: i64, count: i64) -> String {
    if count == 0 {
        return "–".into();
    }
    // total / count hundredths, half up.
    let rounded = (2 * total + count) / (2 * count);
    format!("{}.{:02}", rounded / 100, rounded % 100)
}

fn group_title(name: &str, lang: Lang) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    if name.chars().count() <= 2 {
        match lang {
            Lang::Id => format!("Kelompok {name}"),
            Lang::En => format!("Group {name}"),
        }
    } else {
        name.to_string()
    }
}

/// A file name for one card: "VII A - Budi Santoso - 2026001" (the NIS
/// keeps two students of one name apart).
pub fn file_stem(class: &str, student: &str, nis: &str) -> String {
    safe_file_name(&format!("{class} - {student} - {nis}"))
}

/// `name` with the characters a file system refuses ("2026/2027") replaced.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| if c == '/' { '-' } else { c })
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// What the card's QR code says: the school, student and term, and a
/// fingerprint of the grades printed, so a card can be checked against
/// the school's records. It is a fingerprint, not a signature: anyone can
/// compute it, so it shows a card was altered after printing only when
/// compared with what the school's records make now.
fn verification_code(
    npsn: &str,
    nisn: &str,
    term: &str,
    year: &str,
    card: &doc::ReportCard,
) -> String {
    // FNV-1a over the printed subject rows: stable across builds and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for group in &card.groups {
        for row in &group.rows {
            feed(&row.subject);
            feed(&row.grade);
        }
    }
    format!("{CODE_PREFIX}|{npsn}|{nisn}|{year}|{term}|{hash:016x}")
}

/// The first word of every card's QR code.
const CODE_PREFIX: &str = "SCHOOLDESK-RAPOR";

impl App {
    /// Checks a card's QR code (issue 12, item 7: "a QR code that verifies
    /// the card"): finds the school, student and semester it names, makes
    /// that student's card again from the records, in either language, and
    /// says whether the printed grades are still the records' grades. The
    /// office and the class's homeroom teacher may check a card; families
    /// may not (finding the semester by name reads the school's directory,
    /// which is staff-only), nor may a subject teacher.
    pub async fn verify_card(&self, actor: &Actor, code: &str) -> AppResult<CardCheck> {
        let code = code.trim();
        let parts: Vec<&str> = code.split('|').collect();
        let &[CODE_PREFIX, npsn, nisn, year, term, hash] = parts.as_slice() else {
            return Err(AppError::field(
                "code",
                Msg::new(
                    "card_code_invalid",
                    format!("{code:?} is not the code of a Schooldesk report card"),
                )
                .with("value", code),
            ));
        };
        if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::field(
                "code",
                Msg::new(
                    "card_code_invalid",
                    format!("{code:?} is not the code of a Schooldesk report card"),
                )
                .with("value", code),
            ));
        }
        let school = self
            .store()
            .first::<School>(Query::all())
            .await?
            .ok_or_else(|| AppError::setup("no_school", "the school profile is not set up yet"))?;
        if school.data.npsn != npsn {
            return Err(AppError::field(
                "code",
                Msg::new(
                    "card_other_school",
                    format!(
                        "the card is of another school (NPSN {npsn}); this is NPSN {}",
                        school.data.npsn
                    ),
                )
                .with("npsn", npsn),
            ));
        }
        let student = self.student_numbered(actor, nisn).await?;
        let term = self.term_by_name(actor, term, Some(year)).await?;
        let mut found = None;
        for language in [Lang::Id, Lang::En] {
            let options = CardOptions {
                language,
                place: String::new(),
                date: self.today(),
                allow_incomplete: true,
            };
            let cards = self
                .report_cards(
                    actor,
                    term.id(),
                    &CardScope::Student(student.id()),
                    &options,
                )
                .await?;
            let Some(card) = cards.into_iter().next() else {
                break;
            };
            let matches = card.card.verify_qr.as_deref() == Some(code);
            let check = CardCheck {
                student_id: student.id(),
                student: student.data.full_name.clone(),
                nisn: student.data.nisn.clone(),
                class: card.card.student.class.clone(),
                term: term.data.name.clone(),
                year: year.to_string(),
                matches,
                approved: !card.card.draft,
            };
            found = Some(check);
            if matches {
                break;
            }
        }
        found.ok_or_else(|| {
            AppError::setup(
                "student_not_enrolled",
                format!(
                    "the student is not enrolled in any class during {}",
                    term.data.name
                ),
            )
        })
    }

    /// A semester by its name ("Semester 1") in `year` (its name,
    /// "2026/2027") or the current year; an unknown name lists the ones
    /// there are.
    pub async fn term_by_name(
        &self,
        actor: &Actor,
        name: &str,
        year: Option<&str>,
    ) -> AppResult<Stored<Term>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the school's semesters",
        )?;
        let year = match year {
            Some(y) => self
                .store()
                .first::<AcademicYear>(Query::all().eq("name", y.trim()))
                .await?
                .ok_or_else(|| {
                    AppError::Setup(
                        Msg::new(
                            "print_year_unknown",
                            format!("there is no academic year {y:?}"),
                        )
                        .with("year", y),
                    )
                })?,
            None => self.find_current_year().await?.ok_or_else(|| {
                AppError::setup("no_current_year", "no academic year is marked current")
            })?,
        };
        let terms = self
            .store()
            .list::<Term>(
                &Query::all()
                    .eq("academic_year_id", year.id())
                    .order("number"),
            )
            .await?;
        let wanted = name.trim();
        terms
            .iter()
            .find(|t| {
                t.data.name.eq_ignore_ascii_case(wanted) || t.data.number.to_string() == wanted
            })
            .cloned()
            .ok_or_else(|| {
                let names: Vec<&str> = terms.iter().map(|t| t.data.name.as_str()).collect();
                AppError::Setup(
                    Msg::new(
                        "print_term_unknown",
                        format!(
                            "{} has no semester {wanted:?}; it has: {}",
                            year.data.name,
                            names.join(", ")
                        ),
                    )
                    .with("year", &year.data.name)
                    .with("term", wanted)
                    .with("list", names.join(", ")),
                )
            })
    }

    /// A class of the term's year by its name ("VII A").
    pub async fn class_by_name(
        &self,
        actor: &Actor,
        term: &Stored<Term>,
        name: &str,
    ) -> AppResult<Stored<Class>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the school's classes",
        )?;
        let classes = self
            .store()
            .list::<Class>(
                &Query::all()
                    .eq("academic_year_id", term.data.academic_year_id)
                    .order("name"),
            )
            .await?;
        let wanted = name.trim();
        classes
            .iter()
            .find(|c| c.data.name.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| {
                let names: Vec<&str> = classes.iter().map(|c| c.data.name.as_str()).collect();
                AppError::Setup(
                    Msg::new(
                        "print_class_unknown",
                        format!(
                            "there is no class {wanted:?} in {}'s year; there are: {}",
                            term.data.name,
                            names.join(", ")
                        ),
                    )
                    .with("class", wanted)
                    .with("list", names.join(", ")),
                )
            })
    }

    /// A student by NISN or NIS.
    pub async fn student_numbered(
        &self,
        actor: &Actor,
        number: &str,
    ) -> AppResult<Stored<Student>> {
        // A family may name its own child; staff any student they may read.
        let found = self.find_student_numbered(number).await?;
        let target = self.student_target(found.id()).await?;
        require(actor, Action::ReadStudent, &target, "find this student").or_else(|e| {
            if actor.student_id == Some(found.id()) || actor.child_ids.contains(&found.id()) {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        Ok(found)
    }

    async fn find_student_numbered(&self, number: &str) -> AppResult<Stored<Student>> {
        let number = number.trim();
        for column in ["nisn", "nis"] {
            if let Some(s) = self
                .store()
                .first::<Student>(Query::all().eq(column, number))
                .await?
            {
                return Ok(s);
            }
        }
        Err(AppError::Setup(
            Msg::new(
                "print_student_unknown",
                format!("no student has the NISN or NIS {number:?}"),
            )
            .with("number", number),
        ))
    }

    /// The school's logo as stored (bytes and type), if it has one.
    pub async fn school_logo(&self, actor: &Actor) -> AppResult<Option<(Vec<u8>, String)>> {
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(self
            .store()
            .first::<School>(Query::all())
            .await?
            .and_then(|s| Some((s.data.logo?, s.data.logo_mime.unwrap_or_default()))))
    }
}
