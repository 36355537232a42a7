//! Use-cases on the school records: the directory (school profile, years and
//! semesters, teachers, subjects, rooms, classes, teaching assignments),
//! students and their guardians, enrollment with history, the audit trail.
//! Each checks permission first, validates, then writes in one transaction.

use crate::auth::require;
use crate::{App, AppError, AppResult};
use chrono::NaiveDate;
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::*;
use schooldesk_store::tables::{self, Record};
use schooldesk_store::{AuditQuery, ChangeSet, Filter, Query, StoreError};

/// A directory record: managed by the curriculum office, read by all staff.
#[allow(async_fn_in_trait)]
pub trait Directory: Record {
    /// Tidies what people type before it is checked and saved (an identity
    /// number typed with the spaces it is printed with).
    fn tidy(&mut self) {}

    /// Keeps what an edit form must not change from the stored record: a
    /// teacher's login changes only through `App::link_login`, so a form
    /// opened before the login was made cannot unlink it.
    fn keep_from(&mut self, _stored: &Self) {}

    /// Checks the record, and adds any writes that must go with saving it
    /// (making one academic year current ends the others' turn).
    async fn prepare(&self, app: &App, id: Option<Id>, changes: &mut ChangeSet) -> AppResult<()>;
}

macro_rules! plain_directory {
    ($($t:ty),*) => {$(
        impl Directory for $t {
            async fn prepare(&self, _: &App, _: Option<Id>, _: &mut ChangeSet) -> AppResult<()> {
                Ok(self.validate()?)
            }
        }
    )*};
}
plain_directory!(Subject, Room, Class, TeachingAssignment);

impl Directory for Teacher {
    fn keep_from(&mut self, stored: &Self) {
        self.user_id = stored.user_id;
    }

    fn tidy(&mut self) {
        for number in [&mut self.nip, &mut self.nuptk].into_iter().flatten() {
            *number = validate::compact_digits(number);
        }
    }
    async fn prepare(&self, _: &App, _: Option<Id>, _: &mut ChangeSet) -> AppResult<()> {
        Ok(self.validate()?)
    }
}

impl Directory for School {
    fn tidy(&mut self) {
        if let Some(nip) = &mut self.principal_nip {
            *nip = validate::compact_digits(nip);
        }
    }
    async fn prepare(&self, app: &App, id: Option<Id>, _: &mut ChangeSet) -> AppResult<()> {
        self.validate()?;
        if id.is_none() && app.store.count::<School>().await? > 0 {
            return Err(AppError::setup(
                "school_exists",
                "the school profile already exists; edit it instead",
            ));
        }
        Ok(())
    }
}

impl Directory for AcademicYear {
    async fn prepare(&self, app: &App, id: Option<Id>, changes: &mut ChangeSet) -> AppResult<()> {
        self.validate()?;
        if self.is_current {
            for other in app
                .store
                .list::<AcademicYear>(&Query::all().eq("is_current", true))
                .await?
            {
                if Some(other.id()) != id {
                    let data = AcademicYear {
                        is_current: false,
                        ..other.data.clone()
                    };
                    changes.update(other.id(), other.version(), &data);
                }
            }
        }
        Ok(())
    }
}

impl Directory for Term {
    async fn prepare(&self, app: &App, _: Option<Id>, _: &mut ChangeSet) -> AppResult<()> {
        let year = app
            .store
            .find::<AcademicYear>(self.academic_year_id)
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "academic_year_id",
                    Msg::new("no_such_year", "no such academic year"),
                )
            })?;
        Ok(self.validate(&year.data)?)
    }
}

/// Adds to `changes` what puts a student in `class` from `from`: the
/// student's open enrollment of that year (`open`), if any, ends as "moved",
/// and a new one starts. Returns false, adding nothing, if they are there.
pub(crate) fn place_in_class(
    changes: &mut ChangeSet,
    student_id: Id,
    class: &Stored<Class>,
    open: Option<&Stored<Enrollment>>,
    from: NaiveDate,
) -> bool {
    if let Some(open) = open {
        if open.data.class_id == class.id() {
            return false;
        }
        changes.update(
            open.id(),
            open.version(),
            &Enrollment {
                end_date: Some(from.max(open.data.start_date)),
                end_reason: Some("moved".into()),
                ..open.data.clone()
            },
        );
    }
    changes.insert(&Enrollment {
        student_id,
        class_id: class.id(),
        academic_year_id: class.data.academic_year_id,
        start_date: from,
        end_date: None,
        end_reason: None,
    });
    true
}

/// The usual Indonesian school year (see [`crate::calendar`]) as a record
/// and its semesters: `name` ("2026/2027") defaults to the year `today`
/// falls in. It is made the current year.
pub fn standard_year(
    today: NaiveDate,
    name: Option<&str>,
) -> AppResult<(AcademicYear, Vec<(NaiveDate, NaiveDate)>)> {
    use crate::calendar;
    let start_year = match name {
        None => calendar::school_year_of(today),
        Some(name) => calendar::start_year_of(name)
            .ok_or_else(|| AppError::field("name", validate::year_format(name)))?,
    };
    let plan = calendar::standard_year(start_year);
    Ok((
        AcademicYear {
            name: name.map_or(plan.name, str::to_string),
            start_date: plan.start_date,
            end_date: plan.end_date,
            is_current: true,
        },
        plan.semesters,
    ))
}

/// Adds a year and its semesters ("Semester 1", "Semester 2", … in the
/// order given) to `changes`, each checked; answers the year's id. The
/// caller has prepared the year (see [`Directory::prepare`]).
pub(crate) fn add_year_with_terms(
    changes: &mut ChangeSet,
    year: &AcademicYear,
    terms: &[(NaiveDate, NaiveDate)],
) -> AppResult<Id> {
    Ok(add_year_with_term_ids(changes, year, terms)?.0)
}

/// [`add_year_with_terms`], answering the semesters' ids too (in order).
pub(crate) fn add_year_with_term_ids(
    changes: &mut ChangeSet,
    year: &AcademicYear,
    terms: &[(NaiveDate, NaiveDate)],
) -> AppResult<(Id, Vec<Id>)> {
    year.validate()?;
    let year_id = new_id();
    changes.insert_with_id(year_id, year);
    let mut term_ids = Vec::new();
    for (i, (start, end)) in terms.iter().enumerate() {
        let term = Term {
            academic_year_id: year_id,
            number: i as i64 + 1,
            name: format!("Semester {}", i + 1),
            start_date: *start,
            end_date: *end,
        };
        term.validate(year)?;
        term_ids.push(changes.insert(&term));
    }
    Ok((year_id, term_ids))
}

/// A student with what the student screen shows beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentRecord {
    pub student: Stored<Student>,
    pub guardians: Vec<Stored<Guardian>>,
    /// Every enrollment, oldest first, ended ones included.
    pub enrollments: Vec<Stored<Enrollment>>,
}

/// How many records each table holds.
pub type Counts = Vec<(&'static str, i64)>;

impl App {
    pub async fn list<R: Directory>(
        &self,
        actor: &Actor,
        query: &Query,
    ) -> AppResult<Vec<Stored<R>>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the school directory",
        )?;
        Ok(self.store.list::<R>(query).await?)
    }

    pub async fn create<R: Directory>(&self, actor: &Actor, data: &R) -> AppResult<Stored<R>> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the school directory",
        )?;
        let mut data = data.clone();
        data.tidy();
        let mut cs = self.changes(actor);
        data.prepare(self, None, &mut cs).await?;
        cs.insert(&data);
        Ok(self.store.commit_returning(cs).await?)
    }

    pub async fn update<R: Directory>(
        &self,
        actor: &Actor,
        id: Id,
        version: i64,
        data: &R,
    ) -> AppResult<Stored<R>> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the school directory",
        )?;
        let mut data = data.clone();
        data.keep_from(&self.store.get::<R>(id).await?.data);
        data.tidy();
        let mut cs = self.changes(actor);
        data.prepare(self, Some(id), &mut cs).await?;
        cs.update(id, version, &data);
        Ok(self.store.commit_returning(cs).await?)
    }

    pub async fn delete<R: Directory>(&self, actor: &Actor, id: Id, version: i64) -> AppResult<()> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the school directory",
        )?;
        let mut cs = self.changes(actor);
        cs.delete::<R>(id, version);
        self.store.commit(cs).await?;
        Ok(())
    }

    /// The school profile, if set up.
    pub async fn school(&self, actor: &Actor) -> AppResult<Option<Stored<School>>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the school profile",
        )?;
        self.find_school().await
    }

    pub(crate) async fn find_school(&self) -> AppResult<Option<Stored<School>>> {
        Ok(self.store.first::<School>(Query::all()).await?)
    }

    /// Saves the profile form. The logo is not part of the form: it is kept
    /// as stored (see [`App::set_school_logo`]).
    pub async fn update_school_profile(
        &self,
        actor: &Actor,
        id: Id,
        version: i64,
        profile: &School,
    ) -> AppResult<Stored<School>> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the school directory",
        )?;
        let stored = self.store.get::<School>(id).await?;
        let data = School {
            logo: stored.data.logo,
            logo_mime: stored.data.logo_mime,
            ..profile.clone()
        };
        self.update(actor, id, version, &data).await
    }

    /// Replaces (or, with `None`, removes) the school logo.
    pub async fn set_school_logo(
        &self,
        actor: &Actor,
        logo: Option<(Vec<u8>, String)>,
    ) -> AppResult<Stored<School>> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the school directory",
        )?;
        let stored = self
            .find_school()
            .await?
            .ok_or_else(|| AppError::setup("no_school", "the school has not been set up yet"))?;
        let (logo, logo_mime) = match logo {
            Some((bytes, mime)) => (Some(bytes), Some(mime)),
            None => (None, None),
        };
        let data = School {
            logo,
            logo_mime,
            ..stored.data.clone()
        };
        self.update(actor, stored.id(), stored.version(), &data)
            .await
    }

    /// The display name of a user, for "changed by …" messages; None when the
    /// user no longer exists. Staff only: students and parents change nothing,
    /// so they never need it.
    pub async fn user_display_name(&self, actor: &Actor, user_id: Id) -> AppResult<Option<String>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see who changed a record",
        )?;
        Ok(self
            .store
            .find::<User>(user_id)
            .await?
            .map(|u| u.data.display_name))
    }

    /// The academic year marked current, if any.
    pub async fn current_year(&self, actor: &Actor) -> AppResult<Option<Stored<AcademicYear>>> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see the school directory",
        )?;
        self.find_current_year().await
    }

    pub(crate) async fn find_current_year(&self) -> AppResult<Option<Stored<AcademicYear>>> {
        Ok(self
            .store
            .first::<AcademicYear>(Query::all().eq("is_current", true))
            .await?)
    }

    /// Creates the usual Indonesian school year (see [`standard_year`]) as
    /// the current one.
    pub async fn create_standard_year(
        &self,
        actor: &Actor,
        name: Option<&str>,
    ) -> AppResult<Stored<AcademicYear>> {
        let (year, terms) = standard_year(self.today(), name)?;
        self.create_year_with_terms(actor, &year, &terms).await
    }

    /// Creates an academic year with its semesters, in one change.
    pub async fn create_year_with_terms(
        &self,
        actor: &Actor,
        year: &AcademicYear,
        terms: &[(NaiveDate, NaiveDate)],
    ) -> AppResult<Stored<AcademicYear>> {
        require(
            actor,
            Action::ManageDirectory,
            &Target::School,
            "change the school directory",
        )?;
        let mut cs = self.changes(actor);
        year.prepare(self, None, &mut cs).await?;
        let year_id = add_year_with_terms(&mut cs, year, terms)?;
        self.store.commit(cs).await?;
        Ok(self.store.get(year_id).await?)
    }

    /// The classes a student is enrolled in now.
    pub(crate) async fn open_class_ids(&self, student_id: Id) -> AppResult<Vec<Id>> {
        Ok(self
            .store
            .list::<Enrollment>(
                &Query::all()
                    .eq("student_id", student_id)
                    .filter(Filter::IsNull("end_date")),
            )
            .await?
            .into_iter()
            .map(|e| e.data.class_id)
            .collect())
    }

    pub(crate) async fn student_target(&self, student_id: Id) -> AppResult<Target> {
        Ok(Target::Student {
            id: student_id,
            class_ids: self.open_class_ids(student_id).await?,
        })
    }

    /// Adds a student, optionally straight into a class of the current year.
    pub async fn create_student(
        &self,
        actor: &Actor,
        student: &Student,
        class_id: Option<Id>,
    ) -> AppResult<Stored<Student>> {
        require(
            actor,
            Action::ManageEnrollment,
            &Target::School,
            "add students",
        )?;
        student.validate(self.today())?;
        let mut cs = self.changes(actor);
        let id = new_id();
        cs.insert_with_id(id, student);
        if let Some(class_id) = class_id {
            let class = self.store.get::<Class>(class_id).await?;
            cs.insert(&Enrollment {
                student_id: id,
                class_id,
                academic_year_id: class.data.academic_year_id,
                start_date: self.today(),
                end_date: None,
                end_reason: None,
            });
        }
        self.store.commit(cs).await?;
        Ok(self.store.get(id).await?)
    }

    pub async fn update_student(
        &self,
        actor: &Actor,
        id: Id,
        version: i64,
        student: &Student,
    ) -> AppResult<Stored<Student>> {
        require(
            actor,
            Action::EditStudent,
            &self.student_target(id).await?,
            "change this student",
        )?;
        // The login link changes only through `App::link_login` (an
        // administrator's): a homeroom teacher's edit cannot give a login
        // this student's record, nor a stale form unlink one.
        let stored = self.store.get::<Student>(id).await?;
        let student = Student {
            user_id: stored.data.user_id,
            ..student.clone()
        };
        student.validate_change(self.today(), Some(stored.data.birth_date))?;
        let mut cs = self.changes(actor);
        cs.update(id, version, &student);
        Ok(self.store.commit_returning(cs).await?)
    }

    pub async fn delete_student(&self, actor: &Actor, id: Id, version: i64) -> AppResult<()> {
        require(
            actor,
            Action::ManageEnrollment,
            &Target::School,
            "delete students",
        )?;
        let mut cs = self.changes(actor);
        cs.delete::<Student>(id, version);
        self.store.commit(cs).await?;
        Ok(())
    }

    pub async fn student(&self, actor: &Actor, id: Id) -> AppResult<StudentRecord> {
        require(
            actor,
            Action::ReadStudent,
            &self.student_target(id).await?,
            "see this student",
        )?;
        let student = self.store.get::<Student>(id).await?;
        let links = self
            .store
            .list::<StudentGuardian>(&Query::all().eq("student_id", id))
            .await?;
        let guardian_ids = links.iter().map(|l| l.data.guardian_id.into()).collect();
        let guardians = self
            .store
            .list::<Guardian>(
                &Query::all()
                    .filter(Filter::In("id", guardian_ids))
                    .order("full_name"),
            )
            .await?;
        let enrollments = self
            .store
            .list::<Enrollment>(&Query::all().eq("student_id", id).order("start_date"))
            .await?;
        Ok(StudentRecord {
            student,
            guardians,
            enrollments,
        })
    }

    /// Students in whose name, NIS or NISN every word of `text` appears
    /// (in any order: "salsa putri" finds Putri Salsabila), among those the
    /// actor may see; sorted by name.
    pub async fn search_students(
        &self,
        actor: &Actor,
        text: &str,
        limit: i64,
    ) -> AppResult<Vec<Stored<Student>>> {
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        let mut query = Query::all();
        for word in text.split_whitespace() {
            query = query.filter(Filter::Contains(
                vec!["full_name", "nis", "nisn"],
                word.to_string(),
            ));
        }
        let mut query = query.order("full_name").limit(limit);
        if !(actor.has(Role::Admin) || actor.has(Role::Bursar)) {
            let mut visible: Vec<Id> = actor.child_ids.clone();
            visible.extend(actor.student_id);
            let classes: Vec<Val> = actor
                .taught_class_ids
                .iter()
                .chain(&actor.homeroom_class_ids)
                .map(|c| (*c).into())
                .collect();
            if !classes.is_empty() {
                let enrolled = self
                    .store
                    .list::<Enrollment>(
                        &Query::all()
                            .filter(Filter::In("class_id", classes))
                            .filter(Filter::IsNull("end_date")),
                    )
                    .await?;
                visible.extend(enrolled.iter().map(|e| e.data.student_id));
            }
            query = query.filter(Filter::In(
                "id",
                visible.into_iter().map(Into::into).collect(),
            ));
        }
        Ok(self.store.list::<Student>(&query).await?)
    }

    /// Like [`App::search_students`], each with the class they are in now
    /// (their open enrollment), for the student list.
    pub async fn student_list(
        &self,
        actor: &Actor,
        text: &str,
        limit: i64,
    ) -> AppResult<Vec<(Stored<Student>, Option<Id>)>> {
        let students = self.search_students(actor, text, limit).await?;
        // The class is this year's: a student whose class of an earlier
        // year was never closed must not show under it. Without a current
        // year, the most recent open enrollment stands.
        let mut open = Query::all().filter(Filter::IsNull("end_date"));
        if let Some(year) = self.find_current_year().await? {
            open = open.eq("academic_year_id", year.id());
        }
        let open = self
            .store
            .list::<Enrollment>(&open.order("start_date"))
            .await?;
        // Later starts overwrite earlier ones.
        let class_of: std::collections::HashMap<Id, Id> = open
            .into_iter()
            .map(|e| (e.data.student_id, e.data.class_id))
            .collect();
        Ok(students
            .into_iter()
            .map(|s| {
                let class = class_of.get(&s.id()).copied();
                (s, class)
            })
            .collect())
    }

    /// The students enrolled in a class now, by name.
    pub async fn roster(&self, actor: &Actor, class_id: Id) -> AppResult<Vec<Stored<Student>>> {
        require(
            actor,
            Action::ReadRoster,
            &Target::Class(class_id),
            "see this class",
        )?;
        let enrolled = self
            .store
            .list::<Enrollment>(
                &Query::all()
                    .eq("class_id", class_id)
                    .filter(Filter::IsNull("end_date")),
            )
            .await?;
        let ids = enrolled.iter().map(|e| e.data.student_id.into()).collect();
        Ok(self
            .store
            .list::<Student>(
                &Query::all()
                    .filter(Filter::In("id", ids))
                    .order("full_name"),
            )
            .await?)
    }

    async fn open_enrollment(
        &self,
        student_id: Id,
        year_id: Id,
    ) -> AppResult<Option<Stored<Enrollment>>> {
        Ok(self
            .store
            .first::<Enrollment>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("academic_year_id", year_id)
                    .filter(Filter::IsNull("end_date")),
            )
            .await?)
    }

    /// Puts a student into a class from `on` (today when `None`). A student
    /// already in another class of that year must be moved instead, so the
    /// history stays right.
    pub async fn enroll(
        &self,
        actor: &Actor,
        student_id: Id,
        class_id: Id,
        on: Option<NaiveDate>,
    ) -> AppResult<Stored<Enrollment>> {
        require(
            actor,
            Action::ManageEnrollment,
            &Target::Class(class_id),
            "enroll students",
        )?;
        let on = on.unwrap_or_else(|| self.today());
        let class = self.store.get::<Class>(class_id).await?;
        if let Some(open) = self
            .open_enrollment(student_id, class.data.academic_year_id)
            .await?
        {
            let current = self.store.get::<Class>(open.data.class_id).await?;
            return Err(AppError::field(
                "class_id",
                Msg::new(
                    "already_in_class",
                    format!(
                        "the student is already in class {} this year; move them instead",
                        current.data.name
                    ),
                )
                .with("class", &current.data.name),
            ));
        }
        let mut cs = self.changes(actor);
        place_in_class(&mut cs, student_id, &class, None, on);
        Ok(self.store.commit_returning(cs).await?)
    }

    /// Moves a student to another class of the same year from `on` (today
    /// when `None`): the old enrollment ends ("moved"), a new one starts, in
    /// one change.
    pub async fn move_student(
        &self,
        actor: &Actor,
        student_id: Id,
        to_class: Id,
        on: Option<NaiveDate>,
    ) -> AppResult<Stored<Enrollment>> {
        require(
            actor,
            Action::ManageEnrollment,
            &Target::Class(to_class),
            "move students",
        )?;
        let on = on.unwrap_or_else(|| self.today());
        let class = self.store.get::<Class>(to_class).await?;
        let open = self
            .open_enrollment(student_id, class.data.academic_year_id)
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "student_id",
                    Msg::new(
                        "in_no_class",
                        "the student is in no class this year; enroll them instead",
                    ),
                )
            })?;
        if open.data.class_id == to_class {
            return Err(AppError::field(
                "class_id",
                Msg::new("same_class", "the student is already in that class"),
            ));
        }
        if on < open.data.start_date {
            return Err(AppError::field(
                "date",
                Msg::new(
                    "move_before_start",
                    format!("the move date must be on or after {}", open.data.start_date),
                )
                .with("date", open.data.start_date),
            ));
        }
        let mut cs = self.changes(actor);
        place_in_class(&mut cs, student_id, &class, Some(&open), on);
        Ok(self.store.commit_returning(cs).await?)
    }

    /// Takes a student out of a class from `on` (today when `None`),
    /// keeping the record.
    pub async fn remove_from_class(
        &self,
        actor: &Actor,
        student_id: Id,
        class_id: Id,
        on: Option<NaiveDate>,
        reason: &str,
    ) -> AppResult<()> {
        require(
            actor,
            Action::ManageEnrollment,
            &Target::Class(class_id),
            "remove students from classes",
        )?;
        let on = on.unwrap_or_else(|| self.today());
        let open = self
            .store
            .first::<Enrollment>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("class_id", class_id)
                    .filter(Filter::IsNull("end_date")),
            )
            .await?
            .ok_or_else(|| {
                AppError::field(
                    "class_id",
                    Msg::new("not_in_class", "the student is not in that class"),
                )
            })?;
        schooldesk_core::validate::line(reason).map_err(|m| AppError::field("end_reason", m))?;
        let mut cs = self.changes(actor);
        cs.update(
            open.id(),
            open.version(),
            &Enrollment {
                end_date: Some(on.max(open.data.start_date)),
                end_reason: Some(reason.to_string()),
                ..open.data.clone()
            },
        );
        self.store.commit(cs).await?;
        Ok(())
    }

    /// Adds a guardian to a student.
    pub async fn add_guardian(
        &self,
        actor: &Actor,
        student_id: Id,
        guardian: &Guardian,
    ) -> AppResult<Stored<Guardian>> {
        require(
            actor,
            Action::EditStudent,
            &self.student_target(student_id).await?,
            "change this student's guardians",
        )?;
        // Only an administrator links a login (`App::link_login`); a
        // homeroom teacher's new guardian has none.
        let guardian = Guardian {
            user_id: guardian
                .user_id
                .filter(|_| allowed(actor, Action::ManageUsers, &Target::School)),
            ..guardian.clone()
        };
        guardian.validate()?;
        let mut cs = self.changes(actor);
        let guardian_id = cs.insert(&guardian);
        cs.insert(&StudentGuardian {
            student_id,
            guardian_id,
        });
        self.store.commit(cs).await?;
        Ok(self.store.get(guardian_id).await?)
    }

    /// Links an existing guardian (a sibling's parent) to a student.
    pub async fn link_guardian(
        &self,
        actor: &Actor,
        student_id: Id,
        guardian_id: Id,
    ) -> AppResult<()> {
        require(
            actor,
            Action::EditStudent,
            &self.student_target(student_id).await?,
            "change this student's guardians",
        )?;
        let mut cs = self.changes(actor);
        cs.insert(&StudentGuardian {
            student_id,
            guardian_id,
        });
        self.store.commit(cs).await?;
        Ok(())
    }

    pub async fn update_guardian(
        &self,
        actor: &Actor,
        student_id: Id,
        id: Id,
        version: i64,
        guardian: &Guardian,
    ) -> AppResult<Stored<Guardian>> {
        require(
            actor,
            Action::EditStudent,
            &self.student_target(student_id).await?,
            "change this student's guardians",
        )?;
        let linked = self
            .store
            .first::<StudentGuardian>(
                Query::all()
                    .eq("student_id", student_id)
                    .eq("guardian_id", id),
            )
            .await?;
        if linked.is_none() {
            return Err(StoreError::NotFound {
                what: "guardian",
                id: id.to_string(),
            }
            .into());
        }
        // The login link changes only through `App::link_login`.
        let guardian = Guardian {
            user_id: self.store.get::<Guardian>(id).await?.data.user_id,
            ..guardian.clone()
        };
        guardian.validate()?;
        let mut cs = self.changes(actor);
        cs.update(id, version, &guardian);
        Ok(self.store.commit_returning(cs).await?)
    }

    /// The audit trail, newest first.
    pub async fn audit_trail(
        &self,
        actor: &Actor,
        query: &AuditQuery,
    ) -> AppResult<Vec<AuditEvent>> {
        require(
            actor,
            Action::ReadAudit,
            &Target::School,
            "read the audit trail",
        )?;
        Ok(self.store.backend().audit(query).await?)
    }

    /// Records per table, and audit events, for `doctor` and the dashboard:
    /// staff see the school's records; user accounts and audit events only
    /// those who may manage or read them.
    pub async fn counts(&self, actor: &Actor) -> AppResult<Counts> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "see how many records the school holds",
        )?;
        let mut counts = self.table_counts().await?;
        counts.retain(|(table, _)| match *table {
            "users" => allowed(actor, Action::ManageUsers, &Target::School),
            "audit_events" => allowed(actor, Action::ReadAudit, &Target::School),
            _ => true,
        });
        Ok(counts)
    }

    /// Every table's count, unchecked: for checking a copy or a restore.
    pub(crate) async fn table_counts(&self) -> AppResult<Counts> {
        let backend = self.store.backend();
        let mut counts = Vec::new();
        for table in tables::ALL {
            counts.push((table.name, backend.count(table).await?));
        }
        counts.push(("audit_events", backend.count_audit().await?));
        Ok(counts)
    }

    /// What the first screen shows the signed-in user: the school's name,
    /// this year and semester, and the counts they may see. Students and
    /// parents, who may not read the directory, get none of it.
    pub async fn overview(&self, actor: &Actor) -> AppResult<Overview> {
        let today = self.today();
        if !allowed(actor, Action::ReadDirectory, &Target::School) {
            return Ok(Overview {
                today,
                students: self.my_students(actor).await?,
                ..Overview::default()
            });
        }
        let year = self.current_year(actor).await?;
        let term = match &year {
            Some(year) => self
                .store
                .list::<Term>(&Query::all().eq("academic_year_id", year.id()))
                .await?
                .into_iter()
                .find(|t| t.data.start_date <= today && today <= t.data.end_date),
            None => None,
        };
        Ok(Overview {
            school_name: self.school(actor).await?.map(|s| s.data.name),
            year,
            term,
            counts: self.counts(actor).await?,
            classes: self.my_classes(actor).await?,
            students: self.my_students(actor).await?,
            today,
        })
    }
}

/// See [`App::overview`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    pub school_name: Option<String>,
    pub year: Option<Stored<AcademicYear>>,
    pub term: Option<Stored<Term>>,
    pub counts: Counts,
    /// The classes the user teaches or leads (a teacher's dashboard).
    pub classes: Vec<crate::accounts::MyClass>,
    /// The student the user is, or their children (a student's or a
    /// parent's dashboard).
    pub students: Vec<crate::accounts::MyStudent>,
    pub today: NaiveDate,
}

use schooldesk_store::Val;
