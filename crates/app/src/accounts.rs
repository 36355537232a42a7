//! Logins that belong to people (issue 16, item 2): a login is linked to a
//! teacher, a student or a guardian through that record's `user_id`, and the
//! policy scopes what it may see through the link (see `auth::actor_for`).
//! An administrator links an existing login, creates one for a person, or
//! creates them in bulk for a class's students and guardians. A created login
//! gets a random initial password, answered once to be printed, that must be
//! changed at first sign-in.

use crate::auth::{require, NewUser};
use crate::{App, AppError, AppResult};
use rand::Rng;
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::{ChangeSet, Filter, Query, StoreError};
use std::collections::{HashMap, HashSet};

/// A login just made, with its initial password in clear: shown once, to be
/// printed and handed over. It must be changed at first sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitialLogin {
    pub person: Person,
    /// The person's name.
    pub name: String,
    /// The class the student is in, or the guardian's child is in.
    pub class_name: Option<String>,
    pub login: String,
    pub password: String,
}

/// What [`App::create_class_logins`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassLogins {
    pub created: Vec<InitialLogin>,
    /// People of the class who already had a login (left as they were).
    pub already: usize,
}

/// Who a login belongs to, for the users list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginLink {
    pub user_id: Id,
    pub person: Person,
    pub name: String,
}

/// A person's record, read for linking.
enum PersonRecord {
    Teacher(Stored<Teacher>),
    Student(Stored<Student>),
    Guardian(Stored<Guardian>),
}

impl PersonRecord {
    fn name(&self) -> &str {
        match self {
            PersonRecord::Teacher(t) => &t.data.full_name,
            PersonRecord::Student(s) => &s.data.full_name,
            PersonRecord::Guardian(g) => &g.data.full_name,
        }
    }

    fn user_id(&self) -> Option<Id> {
        match self {
            PersonRecord::Teacher(t) => t.data.user_id,
            PersonRecord::Student(s) => s.data.user_id,
            PersonRecord::Guardian(g) => g.data.user_id,
        }
    }

    /// Adds the update that sets this record's login to `changes`.
    fn link(&self, changes: &mut ChangeSet, user_id: Option<Id>) {
        match self {
            PersonRecord::Teacher(t) => {
                let data = Teacher {
                    user_id,
                    ..t.data.clone()
                };
                changes.update(t.id(), t.version(), &data);
            }
            PersonRecord::Student(s) => {
                let data = Student {
                    user_id,
                    ..s.data.clone()
                };
                changes.update(s.id(), s.version(), &data);
            }
            PersonRecord::Guardian(g) => {
                let data = Guardian {
                    user_id,
                    ..g.data.clone()
                };
                changes.update(g.id(), g.version(), &data);
            }
        }
    }
}

/// Letters and digits no one misreads on paper (no 0/O, 1/l/I).
const PASSWORD_LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz";
const PASSWORD_DIGITS: &[u8] = b"23456789";

/// A random initial password: four letters, a dash, four digits
/// ("kmtr-4827"): easy to type from a printed slip, about 35 bits, and
/// only good until its first use.
pub fn initial_password() -> String {
    let mut rng = rand::rngs::OsRng;
    let mut pick = |set: &[u8]| set[rng.gen_range(0..set.len())] as char;
    let letters: String = (0..4).map(|_| pick(PASSWORD_LETTERS)).collect();
    let digits: String = (0..4).map(|_| pick(PASSWORD_DIGITS)).collect();
    format!("{letters}-{digits}")
}

/// A login made from a name: its first two words in lower case, without
/// academic titles ("Dra. Siti Rahayu, S.Pd." → "siti.rahayu").
fn login_from_name(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !w.contains('.'))
        .map(|w| {
            w.chars()
                .filter_map(|c| {
                    let c = c.to_ascii_lowercase();
                    c.is_ascii_lowercase().then_some(c)
                })
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let mut login = words.join(".");
    login.truncate(24);
    login
}

/// A school number usable as a login as it is, if it is one.
fn login_from_number(number: &str) -> Option<String> {
    let login = number.trim().to_ascii_lowercase();
    validate::login(&login).is_ok().then_some(login)
}

/// Logins taken so far, to make each new one unique ("siti.rahayu",
/// "siti.rahayu-2", …).
struct Logins(HashSet<String>);

impl Logins {
    fn claim(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if validate::login(wanted).is_ok() {
            wanted.to_string()
        } else {
            fallback.to_string()
        };
        let mut login = base.clone();
        let mut n = 1;
        while self.0.contains(&login) {
            n += 1;
            login = format!("{base}-{n}");
        }
        self.0.insert(login.clone());
        login
    }
}

impl App {
    async fn person_record(&self, person: Person) -> AppResult<PersonRecord> {
        let store = self.store();
        Ok(match person {
            Person::Teacher(id) => PersonRecord::Teacher(store.get(id).await?),
            Person::Student(id) => PersonRecord::Student(store.get(id).await?),
            Person::Guardian(id) => PersonRecord::Guardian(store.get(id).await?),
        })
    }

    /// Who already holds `user_id` among the people of `person`'s kind
    /// (a teacher or a student has one login, and a login one of each).
    async fn holder(&self, person: Person, user_id: Id) -> AppResult<Option<(Id, String)>> {
        let store = self.store();
        let by_user = || Query::all().eq("user_id", user_id);
        Ok(match person {
            Person::Teacher(_) => store
                .first::<Teacher>(by_user())
                .await?
                .map(|t| (t.id(), t.data.full_name)),
            Person::Student(_) => store
                .first::<Student>(by_user())
                .await?
                .map(|s| (s.id(), s.data.full_name)),
            Person::Guardian(_) => None,
        })
    }

    /// Links `user_id` to a person, or unlinks the person's login with
    /// `None`. Linking gives the login the role that goes with the person
    /// (teacher, student, parent) if it lacks it; unlinking leaves roles
    /// as they are. Both changes are audited in one transaction.
    pub async fn link_login(
        &self,
        actor: &Actor,
        person: Person,
        user_id: Option<Id>,
    ) -> AppResult<()> {
        require(actor, Action::ManageUsers, &Target::School, "link logins")?;
        let record = self.person_record(person).await?;
        let mut cs = self.changes(actor);
        if let Some(user_id) = user_id {
            let user = self.store().get::<User>(user_id).await?;
            if let Some((other, name)) = self.holder(person, user_id).await? {
                if other != person.id() {
                    return Err(AppError::field(
                        "user_id",
                        Msg::new(
                            "login_taken",
                            format!("the login {} already belongs to {name}", user.data.login),
                        )
                        .with("login", &user.data.login)
                        .with("name", &name),
                    ));
                }
            }
            if !user.data.roles.contains(&person.role()) {
                let mut roles = user.data.roles.clone();
                roles.push(person.role());
                roles.sort();
                cs.update(
                    user.id(),
                    user.version(),
                    &User {
                        roles,
                        ..user.data.clone()
                    },
                );
            }
        }
        record.link(&mut cs, user_id);
        match self.store().commit(cs).await {
            // Another administrator linked this login to someone else
            // since the check above: the unique link says so.
            Err(StoreError::Duplicate { .. }) if user_id.is_some() => Err(AppError::field(
                "user_id",
                Msg::new(
                    "login_linked_meanwhile",
                    "this login was just linked to someone else; look again",
                ),
            )),
            other => Ok(other.map(|_| ())?),
        }
    }

    /// Creates a login for a person who has none, with the role that goes
    /// with them and a random initial password, and links it, in one
    /// transaction. `login` is made from the person when not given: a
    /// teacher's name ("siti.rahayu"), a student's NIS, "wali." and a
    /// child's NIS for a guardian.
    pub async fn create_login_for(
        &self,
        actor: &Actor,
        person: Person,
        login: Option<&str>,
    ) -> AppResult<InitialLogin> {
        require(actor, Action::ManageUsers, &Target::School, "create logins")?;
        // A proposed login someone else took between the check and the
        // commit: propose again, once.
        match self.try_create_login_for(actor, person, login).await {
            Err(AppError::Store(StoreError::Duplicate { .. })) if login.is_none() => {
                self.try_create_login_for(actor, person, login).await
            }
            // The person changed meanwhile (perhaps got a login): look
            // again, and say so if they have one now.
            Err(AppError::Store(StoreError::Conflict { .. })) => {
                self.try_create_login_for(actor, person, login).await
            }
            other => other,
        }
    }

    async fn try_create_login_for(
        &self,
        actor: &Actor,
        person: Person,
        login: Option<&str>,
    ) -> AppResult<InitialLogin> {
        let record = self.person_record(person).await?;
        if let Some(user_id) = record.user_id() {
            let user = self.store().get::<User>(user_id).await?;
            return Err(AppError::field(
                "user_id",
                Msg::new(
                    "has_login",
                    format!(
                        "{} already has the login {}",
                        record.name(),
                        user.data.login
                    ),
                )
                .with("name", record.name())
                .with("login", &user.data.login),
            ));
        }
        let mut taken = self.taken_logins().await?;
        let context = self.login_context(&[person]).await?;
        let login = match login.map(|l| l.trim().to_lowercase()) {
            Some(l) if !l.is_empty() => {
                if taken.0.contains(&l) {
                    return Err(AppError::field(
                        "login",
                        Msg::new("login_in_use", format!("the login {l} is taken"))
                            .with("login", &l),
                    ));
                }
                validate::login(&l).map_err(|m| AppError::field("login", m))?;
                taken.0.insert(l.clone());
                l
            }
            _ => proposed_login(&mut taken, person, &record, &context),
        };
        let mut cs = self.changes(actor);
        let made = add_login(&mut cs, person, &record, login, &context).await?;
        self.store().commit(cs).await?;
        tracing::info!(login = %made.login, "login created for a person");
        Ok(made)
    }

    /// Creates logins for the students now in a class and, with
    /// `guardians`, for their guardians, skipping whoever has one: all in
    /// one transaction, so a failure creates none. Answers the initial
    /// passwords once, for printing.
    pub async fn create_class_logins(
        &self,
        actor: &Actor,
        class_id: Id,
        students: bool,
        guardians: bool,
    ) -> AppResult<ClassLogins> {
        require(actor, Action::ManageUsers, &Target::School, "create logins")?;
        // Logins someone else took meanwhile, or a person who got one:
        // look again, once; nothing of the first try was written.
        match self
            .try_class_logins(actor, class_id, students, guardians)
            .await
        {
            Err(AppError::Store(StoreError::Duplicate { .. } | StoreError::Conflict { .. })) => {
                self.try_class_logins(actor, class_id, students, guardians)
                    .await
            }
            other => other,
        }
    }

    async fn try_class_logins(
        &self,
        actor: &Actor,
        class_id: Id,
        students: bool,
        guardians: bool,
    ) -> AppResult<ClassLogins> {
        let store = self.store();
        store.get::<Class>(class_id).await?;
        let enrolled = store
            .list::<Enrollment>(
                &Query::all()
                    .eq("class_id", class_id)
                    .filter(Filter::IsNull("end_date")),
            )
            .await?;
        let student_ids: Vec<Id> = enrolled.iter().map(|e| e.data.student_id).collect();
        let mut people: Vec<Person> = Vec::new();
        if students {
            people.extend(student_ids.iter().map(|id| Person::Student(*id)));
        }
        if guardians && !student_ids.is_empty() {
            let links = store
                .list::<StudentGuardian>(&Query::all().filter(Filter::In(
                    "student_id",
                    student_ids.iter().map(|id| (*id).into()).collect(),
                )))
                .await?;
            let mut seen = HashSet::new();
            for link in links {
                if seen.insert(link.data.guardian_id) {
                    people.push(Person::Guardian(link.data.guardian_id));
                }
            }
        }
        let mut taken = self.taken_logins().await?;
        let context = self.login_context(&people).await?;
        let mut cs = self.changes(actor);
        let mut done = ClassLogins::default();
        let mut records = Vec::new();
        for person in &people {
            records.push((*person, self.person_record(*person).await?));
        }
        // Students first, each by name; then guardians, by name.
        records.sort_by(|(a, ra), (b, rb)| {
            let rank = |p: &Person| matches!(p, Person::Guardian(_));
            (rank(a), ra.name()).cmp(&(rank(b), rb.name()))
        });
        for (person, record) in records {
            if record.user_id().is_some() {
                done.already += 1;
                continue;
            }
            let login = proposed_login(&mut taken, person, &record, &context);
            done.created
                .push(add_login(&mut cs, person, &record, login, &context).await?);
        }
        if !done.created.is_empty() {
            store.commit(cs).await?;
        }
        tracing::info!(
            created = done.created.len(),
            already = done.already,
            "class logins"
        );
        Ok(done)
    }

    /// Every login that belongs to someone, and to whom.
    pub async fn login_links(&self, actor: &Actor) -> AppResult<Vec<LoginLink>> {
        require(
            actor,
            Action::ManageUsers,
            &Target::School,
            "see user accounts",
        )?;
        let store = self.store();
        let linked = || Query::all().filter(Filter::IsNotNull("user_id"));
        let mut links = Vec::new();
        for t in store.list::<Teacher>(&linked()).await? {
            links.extend(t.data.user_id.map(|user_id| LoginLink {
                user_id,
                person: Person::Teacher(t.id()),
                name: t.data.full_name.clone(),
            }));
        }
        for s in store.list::<Student>(&linked()).await? {
            links.extend(s.data.user_id.map(|user_id| LoginLink {
                user_id,
                person: Person::Student(s.id()),
                name: s.data.full_name.clone(),
            }));
        }
        for g in store.list::<Guardian>(&linked()).await? {
            links.extend(g.data.user_id.map(|user_id| LoginLink {
                user_id,
                person: Person::Guardian(g.id()),
                name: g.data.full_name.clone(),
            }));
        }
        Ok(links)
    }

    /// Every class's name by id (a slip or a dashboard names the class).
    async fn class_names(&self) -> AppResult<HashMap<Id, String>> {
        Ok(self
            .store()
            .list::<Class>(&Query::all())
            .await?
            .into_iter()
            .map(|c| (c.id(), c.data.name))
            .collect())
    }

    async fn taken_logins(&self) -> AppResult<Logins> {
        Ok(Logins(
            self.store()
                .list::<User>(&Query::all())
                .await?
                .into_iter()
                .map(|u| u.data.login)
                .collect(),
        ))
    }

    /// What a login slip names beside each person: the class a student is
    /// in now, and a guardian's first child's NIS and class.
    async fn login_context(&self, people: &[Person]) -> AppResult<LoginContext> {
        let store = self.store();
        let mut context = LoginContext::default();
        if people.iter().all(|p| matches!(p, Person::Teacher(_))) {
            return Ok(context);
        }
        let guardian_ids: Vec<Id> = people
            .iter()
            .filter_map(|p| match p {
                Person::Guardian(id) => Some(*id),
                _ => None,
            })
            .collect();
        let mut child_of: HashMap<Id, Id> = HashMap::new();
        if !guardian_ids.is_empty() {
            for link in store
                .list::<StudentGuardian>(&Query::all().filter(Filter::In(
                    "guardian_id",
                    guardian_ids.iter().map(|id| (*id).into()).collect(),
                )))
                .await?
            {
                child_of
                    .entry(link.data.guardian_id)
                    .or_insert(link.data.student_id);
            }
        }
        let mut student_ids: Vec<Id> = people
            .iter()
            .filter_map(|p| match p {
                Person::Student(id) => Some(*id),
                _ => None,
            })
            .collect();
        student_ids.extend(child_of.values().copied());
        let open = store
            .list::<Enrollment>(&Query::all().filter(Filter::IsNull("end_date")).filter(
                Filter::In(
                    "student_id",
                    student_ids.iter().map(|id| (*id).into()).collect(),
                ),
            ))
            .await?;
        let classes = self.class_names().await?;
        let class_of: HashMap<Id, String> = open
            .iter()
            .filter_map(|e| Some((e.data.student_id, classes.get(&e.data.class_id)?.clone())))
            .collect();
        let nis: HashMap<Id, String> = store
            .list::<Student>(&Query::all().filter(Filter::In(
                "id",
                child_of.values().map(|id| (*id).into()).collect(),
            )))
            .await?
            .into_iter()
            .map(|s| (s.id(), s.data.nis))
            .collect();
        for (guardian, child) in child_of {
            context
                .class
                .insert(guardian, class_of.get(&child).cloned());
            context.child_nis.insert(guardian, nis.get(&child).cloned());
        }
        for p in people {
            if let Person::Student(id) = p {
                context.class.insert(*id, class_of.get(id).cloned());
            }
        }
        Ok(context)
    }
}

#[derive(Default)]
struct LoginContext {
    class: HashMap<Id, Option<String>>,
    child_nis: HashMap<Id, Option<String>>,
}

fn proposed_login(
    taken: &mut Logins,
    person: Person,
    record: &PersonRecord,
    context: &LoginContext,
) -> String {
    let from_name = login_from_name(record.name());
    let wanted = match record {
        PersonRecord::Teacher(_) => from_name.clone(),
        PersonRecord::Student(s) => login_from_number(&s.data.nis).unwrap_or(from_name.clone()),
        PersonRecord::Guardian(_) => context
            .child_nis
            .get(&person.id())
            .cloned()
            .flatten()
            .and_then(|nis| login_from_number(&format!("wali.{nis}")))
            .unwrap_or(format!("wali.{from_name}")),
    };
    let fallback = match person {
        Person::Teacher(_) => "guru",
        Person::Student(_) => "siswa",
        Person::Guardian(_) => "wali",
    };
    taken.claim(&wanted, fallback)
}

/// Adds a new login for `record` and its link to `changes`.
async fn add_login(
    changes: &mut ChangeSet,
    person: Person,
    record: &PersonRecord,
    login: String,
    context: &LoginContext,
) -> AppResult<InitialLogin> {
    let password = initial_password();
    let user = NewUser {
        login: login.clone(),
        display_name: record.name().to_string(),
        password: password.clone(),
        roles: vec![person.role()],
        must_change_password: true,
    }
    .into_user()
    .await?;
    let user_id = new_id();
    changes.insert_with_id(user_id, &user);
    record.link(changes, Some(user_id));
    Ok(InitialLogin {
        person,
        name: record.name().to_string(),
        class_name: context.class.get(&person.id()).cloned().flatten(),
        login,
        password,
    })
}

/// A class the signed-in teacher teaches or leads, for their dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct MyClass {
    pub class: Stored<Class>,
    /// They are its homeroom teacher (wali kelas).
    pub homeroom: bool,
    /// What they teach there: subject name and periods per week.
    pub subjects: Vec<(String, i64)>,
    /// Students in the class now.
    pub students: i64,
}

/// A student the signed-in student or parent may see, for their dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct MyStudent {
    pub student: Stored<Student>,
    pub class_name: Option<String>,
}

impl App {
    /// The classes the signed-in user teaches or leads, in school order,
    /// each with what they teach there: a teacher's dashboard.
    pub async fn my_classes(&self, actor: &Actor) -> AppResult<Vec<MyClass>> {
        let Some(teacher_id) = actor.teacher_id else {
            return Ok(Vec::new());
        };
        let abilities = actor.abilities();
        if abilities.classes.is_empty() {
            return Ok(Vec::new());
        }
        let store = self.store();
        let ids = || abilities.classes.iter().map(|c| (*c).into()).collect();
        let classes = store
            .list::<Class>(&Query::all().filter(Filter::In("id", ids())))
            .await?;
        let assignments = store
            .list::<TeachingAssignment>(&Query::all().eq("teacher_id", teacher_id))
            .await?;
        let subjects: HashMap<Id, String> = store
            .list::<Subject>(&Query::all())
            .await?
            .into_iter()
            .map(|s| (s.id(), s.data.name))
            .collect();
        let open = store
            .list::<Enrollment>(
                &Query::all()
                    .filter(Filter::IsNull("end_date"))
                    .filter(Filter::In("class_id", ids())),
            )
            .await?;
        let mut mine: Vec<MyClass> = classes
            .into_iter()
            .map(|class| {
                let id = class.id();
                let mut taught: Vec<(String, i64)> = assignments
                    .iter()
                    .filter(|a| a.data.class_id == id)
                    .map(|a| {
                        let name = subjects
                            .get(&a.data.subject_id)
                            .cloned()
                            .unwrap_or_default();
                        (name, a.data.periods_per_week)
                    })
                    .collect();
                taught.sort();
                MyClass {
                    homeroom: actor.homeroom_class_ids.contains(&id),
                    subjects: taught,
                    students: open.iter().filter(|e| e.data.class_id == id).count() as i64,
                    class,
                }
            })
            .collect();
        mine.sort_by(|a, b| {
            (a.class.data.grade_level, &a.class.data.name)
                .cmp(&(b.class.data.grade_level, &b.class.data.name))
        });
        Ok(mine)
    }

    /// The student a student is, or a parent's children, each with the
    /// class they are in now: their dashboard.
    pub async fn my_students(&self, actor: &Actor) -> AppResult<Vec<MyStudent>> {
        if actor.must_change_password {
            return Ok(Vec::new());
        }
        let mut ids: Vec<Id> = actor.child_ids.clone();
        ids.extend(actor.student_id);
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let store = self.store();
        let open = store
            .list::<Enrollment>(&Query::all().filter(Filter::IsNull("end_date")).filter(
                Filter::In("student_id", ids.iter().map(|c| (*c).into()).collect()),
            ))
            .await?;
        let classes = self.class_names().await?;
        let students = store
            .list::<Student>(
                &Query::all()
                    .filter(Filter::In("id", ids.iter().map(|c| (*c).into()).collect()))
                    .order("full_name"),
            )
            .await?;
        Ok(students
            .into_iter()
            .map(|student| MyStudent {
                class_name: open
                    .iter()
                    .find(|e| e.data.student_id == student.id())
                    .and_then(|e| classes.get(&e.data.class_id).cloned()),
                student,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_from_names_drop_titles_and_stay_unique() {
        assert_eq!(login_from_name("Dra. Siti Rahayu, S.Pd."), "siti.rahayu");
        assert_eq!(login_from_name("Ahmad"), "ahmad");
        assert_eq!(login_from_name("I Gusti Ngurah Rai"), "i.gusti");
        assert_eq!(login_from_name("Ñoño Ölçü"), "oo.l");
        let mut taken = Logins(HashSet::from(["ahmad".to_string()]));
        assert_eq!(taken.claim("ahmad", "guru"), "ahmad-2");
        assert_eq!(taken.claim("ahmad", "guru"), "ahmad-3");
        assert_eq!(taken.claim("", "guru"), "guru");
        assert_eq!(taken.claim("x", "guru"), "guru-2");
        assert_eq!(login_from_number("2301"), Some("2301".into()));
        assert_eq!(login_from_number("12 34"), None);
    }

    #[test]
    fn initial_passwords_pass_the_password_rule_and_differ() {
        let a = initial_password();
        assert_eq!(a.len(), 9);
        validate::password(&a).unwrap();
        assert!(!a.contains(['0', '1', 'l', 'o', 'i']));
        let many: HashSet<String> = (0..50).map(|_| initial_password()).collect();
        assert!(many.len() > 45, "{many:?}");
    }
}
