//! Accounts and sessions: the first admin, login with argon2id, sessions with
//! idle and absolute expiry, lockout with a growing delay, password changes
//! and resets, and building the [`Actor`] a session acts as.

use crate::{App, AppError, AppResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::Duration;
use rand::RngCore;
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::{
    validate, Actor, Class, Guardian, Id, Msg, Role, School, Stored, Student, StudentGuardian,
    Teacher, TeachingAssignment, User,
};
use schooldesk_store::{ChangeSet, LoginClaim, LoginState, Query, SessionRow};
use sha2::{Digest, Sha256};

/// How long sessions last and how lockout grows.
#[derive(Debug, Clone)]
pub struct SessionPolicy {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after login, however busy.
    pub absolute: Duration,
    /// Failed logins allowed before the account is locked.
    pub free_failures: i64,
    /// The first lock; each further failure doubles it.
    pub first_lock: Duration,
    pub max_lock: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
            free_failures: 5,
            first_lock: Duration::seconds(30),
            max_lock: Duration::hours(1),
        }
    }
}

impl SessionPolicy {
    /// The lock after `failures` failed logins in a row, if any.
    pub fn lock_for(&self, failures: i64) -> Option<Duration> {
        if failures < self.free_failures {
            return None;
        }
        let doublings = (failures - self.free_failures).min(20) as u32;
        Some((self.first_lock * 2i32.pow(doublings)).min(self.max_lock))
    }
}

/// A signed-in user. The token is the only secret; the database keeps its
/// SHA-256 only.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub actor: Actor,
    pub display_name: String,
}

/// A user to create, with the password in clear (hashed before storing).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
    /// The password was chosen for them (by an administrator, or printed
    /// as an initial password): they must choose their own at first sign-in.
    pub must_change_password: bool,
}

async fn hash_password(password: &str) -> AppResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::setup("internal", format!("cannot hash the password: {e}")))
    })
    .await
    .map_err(|e| AppError::setup("internal", format!("password hashing stopped: {e}")))?
}

async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl NewUser {
    /// Every problem of this user's fields and password, in one list.
    fn problems(&self) -> Vec<schooldesk_core::FieldError> {
        let probe = User {
            login: self.login.clone(),
            display_name: self.display_name.clone(),
            password_hash: String::new(),
            roles: self.roles.clone(),
            active: true,
            must_change_password: false,
        };
        let mut errors = probe.validate().err().map(|e| e.0).unwrap_or_default();
        if let Err(message) = validate::password(&self.password) {
            errors.push(schooldesk_core::FieldError::new("password", message));
        }
        errors
    }

    fn check(&self) -> AppResult<()> {
        let errors = self.problems();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(schooldesk_core::Invalid(errors)))
        }
    }

    pub(crate) async fn into_user(self) -> AppResult<User> {
        self.check()?;
        let mut roles = self.roles;
        roles.sort();
        roles.dedup();
        Ok(User {
            login: self.login,
            display_name: self.display_name,
            password_hash: hash_password(&self.password).await?,
            roles,
            active: true,
            must_change_password: self.must_change_password,
        })
    }
}

pub(crate) fn require(
    actor: &Actor,
    action: Action,
    target: &Target,
    what: &'static str,
) -> AppResult<()> {
    if allowed(actor, action, target) {
        Ok(())
    } else if actor.must_change_password {
        Err(AppError::PasswordChangeRequired)
    } else {
        tracing::info!(login = %actor.login, ?action, "refused");
        Err(AppError::refused(action, what))
    }
}

fn already_set_up() -> AppError {
    AppError::setup(
        "already_set_up",
        "this database already has a school and an administrator; log in instead",
    )
}

impl App {
    pub(crate) fn changes(&self, actor: &Actor) -> ChangeSet {
        ChangeSet::new(Some(actor.user_id), &actor.login, self.now())
    }

    /// True until the first admin has been created.
    pub async fn needs_setup(&self) -> AppResult<bool> {
        Ok(self.store.count::<User>().await? == 0)
    }

    /// Creates the school, its first admin and the standard academic year
    /// (`year`, "2025/2026", by default the one today falls in; see
    /// [`standard_year`](crate::records::standard_year)) with its two
    /// semesters on an empty database, in one transaction: a failure leaves
    /// nothing. Then signs the admin in. Refused once any user exists.
    pub async fn setup_school(
        &self,
        school: School,
        admin: NewUser,
        year: Option<&str>,
    ) -> AppResult<Session> {
        if !self.needs_setup().await? {
            return Err(already_set_up());
        }
        let admin = NewUser {
            roles: vec![Role::Admin],
            must_change_password: false,
            ..admin
        };
        // The school's and the administrator's problems in one answer, so
        // the wizard shows them all at once (issue 16, item 10).
        let mut problems = school.validate_new().err().map(|e| e.0).unwrap_or_default();
        problems.extend(admin.problems());
        if !problems.is_empty() {
            return Err(AppError::Invalid(schooldesk_core::Invalid(problems)));
        }
        let (year, terms) = crate::records::standard_year(self.today(), year)?;
        let login = admin.login.clone();
        let password = admin.password.clone();
        let admin = admin.into_user().await?;
        let mut cs = ChangeSet::new(None, "setup", self.now());
        let user_id = schooldesk_core::new_id();
        cs.insert_with_id(user_id, &admin);
        cs.insert(&school);
        crate::records::add_year_with_terms(&mut cs, &year, &terms)?;
        self.commit_setup(cs).await?;
        tracing::info!(%login, "school created");
        self.login(&login, &password).await
    }

    /// Commits the change that creates a school. Another set-up may have
    /// committed since the emptiness check: the database holds one school (a
    /// unique index), so this whole change fails, and says so.
    pub(crate) async fn commit_setup(&self, cs: ChangeSet) -> AppResult<()> {
        if let Err(e) = self.store.commit(cs).await {
            return Err(if self.needs_setup().await? {
                e.into()
            } else {
                already_set_up()
            });
        }
        Ok(())
    }

    /// Signs in with a login and password, starting a session.
    pub async fn login(&self, login: &str, password: &str) -> AppResult<Session> {
        let user = self.check_credentials(login, password).await?;
        let now = self.now();
        let token = new_token();
        self.store
            .backend()
            .sessions()
            .put_session(&SessionRow {
                token_hash: token_hash(&token),
                user_id: user.id(),
                created_at: now,
                last_seen_at: now,
            })
            .await?;
        let actor = self.actor_for(&user).await?;
        Ok(Session {
            token,
            display_name: user.data.display_name.clone(),
            actor,
        })
    }

    /// Checks a login and password for one command and answers who it is,
    /// leaving no session behind: what the command line uses, where the
    /// "session" ends with the process. Lockout and audit as for [`App::login`].
    pub async fn authenticate(&self, login: &str, password: &str) -> AppResult<Actor> {
        let user = self.check_credentials(login, password).await?;
        self.actor_for(&user).await
    }

    /// The lockout schedule, as the store needs it.
    fn lock_schedule(&self) -> impl Fn(i64) -> Option<Duration> + Send + Sync + '_ {
        |failures| self.sessions.lock_for(failures)
    }

    /// Counts the attempt first (see `Backend::claim_login_attempt`), then
    /// checks the password: however many attempts run at once, no password
    /// is checked while the login is locked. A login name without an account
    /// is counted, locked and answered the same way, with the same work.
    async fn check_credentials(&self, login: &str, password: &str) -> AppResult<Stored<User>> {
        let now = self.now();
        let name = login.trim().to_lowercase();
        // A name no account can have (too long, a NUL, a password typed in
        // the wrong box) is not stored to be counted: the same answer after
        // the same work, and nothing written.
        if schooldesk_core::validate::login(&name).is_err() {
            verify_password(password, DUMMY_HASH).await;
            return Err(AppError::WrongLogin);
        }
        let sessions = self.store.backend().sessions();
        let schedule = self.lock_schedule();
        let (number, locked_until) =
            match sessions.claim_login_attempt(&name, now, &schedule).await? {
                LoginClaim::Locked { until } => return Err(AppError::LockedOut { until }),
                LoginClaim::Claimed {
                    number,
                    locked_until,
                } => (number, locked_until),
            };
        let user = self
            .store
            .first::<User>(Query::all().eq("login", name.clone()))
            .await?;
        // Without an account, a real check against a dummy hash, so timing
        // does not tell which logins exist.
        let hash = user
            .as_ref()
            .map_or(DUMMY_HASH, |u| u.data.password_hash.as_str());
        let right = verify_password(password, hash).await;
        let user = match user {
            Some(user) if right => user,
            user => {
                // Audited whether or not the account exists: the same
                // write on both paths, so timing does not tell them apart,
                // and the administrator sees names being tried.
                let id = user.as_ref().map(|u| u.id());
                let mut cs = ChangeSet::new(id, &name, now);
                cs.event(
                    "login_failed",
                    "users",
                    id,
                    Some(format!("failed login {number} in a row")),
                );
                self.store.commit(cs).await?;
                return Err(match locked_until {
                    Some(until) => AppError::LockedOut { until },
                    None => AppError::WrongLogin,
                });
            }
        };
        sessions
            .forget_login_attempts(&name, number, &schedule)
            .await?;
        if !user.data.active {
            return Err(AppError::AccountDisabled);
        }
        sessions
            .set_login_state(
                user.id(),
                &LoginState {
                    failed_logins: 0,
                    locked_until: None,
                    last_login_at: Some(now),
                },
            )
            .await?;
        let mut cs = ChangeSet::new(Some(user.id()), &user.data.login, now);
        cs.event("login", "users", Some(user.id()), None);
        self.store.commit(cs).await?;
        Ok(user)
    }

    /// The actor behind a session token, if the session is still alive.
    /// Each call counts as activity for the idle timeout.
    pub async fn session_actor(&self, token: &str) -> AppResult<Actor> {
        let now = self.now();
        let hash = token_hash(token);
        let sessions = self.store.backend().sessions();
        let session = sessions
            .session(&hash)
            .await?
            .ok_or(AppError::SessionExpired)?;
        if now - session.last_seen_at > self.sessions.idle
            || now - session.created_at > self.sessions.absolute
        {
            sessions.delete_session(&hash).await?;
            return Err(AppError::SessionExpired);
        }
        let user = self
            .store
            .find::<User>(session.user_id)
            .await?
            .ok_or(AppError::SessionExpired)?;
        if !user.data.active {
            sessions.delete_session(&hash).await?;
            return Err(AppError::AccountDisabled);
        }
        // Touch at most once a minute: an idle timeout needs no finer grain.
        if now - session.last_seen_at > Duration::minutes(1) {
            sessions.touch_session(&hash, now).await?;
        }
        self.actor_for(&user).await
    }

    pub async fn logout(&self, token: &str) -> AppResult<()> {
        Ok(self
            .store
            .backend()
            .sessions()
            .delete_session(&token_hash(token))
            .await?)
    }

    /// Resolves what a user's roles are scoped to.
    async fn actor_for(&self, user: &Stored<User>) -> AppResult<Actor> {
        let store = &self.store;
        let mut actor = Actor {
            user_id: user.id(),
            login: user.data.login.clone(),
            roles: user.data.roles.clone(),
            must_change_password: user.data.must_change_password,
            ..Actor::default()
        };
        // Scoped to this year's classes: leading or teaching a class of an
        // earlier year gives nothing now. Without a current year, all.
        let year = self.find_current_year().await?.map(|y| y.id());
        let this_year = |q: Query| match year {
            Some(year) => q.eq("academic_year_id", year),
            None => q,
        };
        if let Some(teacher) = store
            .first::<Teacher>(Query::all().eq("user_id", user.id()))
            .await?
        {
            actor.teacher_id = Some(teacher.id());
            let classes: Vec<Id> = store
                .list::<Class>(&this_year(Query::all()))
                .await?
                .iter()
                .map(|c| c.id())
                .collect();
            actor.homeroom_class_ids = store
                .list::<Class>(&this_year(
                    Query::all().eq("homeroom_teacher_id", teacher.id()),
                ))
                .await?
                .iter()
                .map(|c| c.id())
                .collect();
            let assignments: Vec<(Id, Id)> = store
                .list::<TeachingAssignment>(&Query::all().eq("teacher_id", teacher.id()))
                .await?
                .iter()
                .map(|a| (a.data.class_id, a.data.subject_id))
                .filter(|(c, _)| classes.contains(c))
                .collect();
            let mut taught: Vec<Id> = assignments.iter().map(|(c, _)| *c).collect();
            actor.taught_subjects = assignments;
            actor.taught_subjects.sort();
            actor.taught_subjects.dedup();
            taught.sort();
            taught.dedup();
            actor.taught_class_ids = taught;
            // A teacher whose record leads a class is its homeroom teacher:
            // the class record says so, and the role follows it, so setting
            // a class's homeroom teacher is all it takes.
            if actor.has(Role::Teacher)
                && !actor.homeroom_class_ids.is_empty()
                && !actor.has(Role::Homeroom)
            {
                actor.roles.push(Role::Homeroom);
                actor.roles.sort();
            }
        }
        // A link without its role grants nothing: taking the role away is
        // how an administrator revokes it.
        if actor.has(Role::Student) {
            if let Some(student) = store
                .first::<Student>(Query::all().eq("user_id", user.id()))
                .await?
            {
                actor.student_id = Some(student.id());
            }
        }
        if actor.has(Role::Parent) {
            for guardian in store
                .list::<Guardian>(&Query::all().eq("user_id", user.id()))
                .await?
            {
                for link in store
                    .list::<StudentGuardian>(&Query::all().eq("guardian_id", guardian.id()))
                    .await?
                {
                    actor.child_ids.push(link.data.student_id);
                }
            }
        }
        Ok(actor)
    }

    /// Changes the signed-in user's own password; the old one must be right.
    pub async fn change_own_password(&self, token: &str, old: &str, new: &str) -> AppResult<()> {
        let actor = self.session_actor(token).await?;
        let user = self.store.get::<User>(actor.user_id).await?;
        if !verify_password(old, &user.data.password_hash).await {
            return Err(AppError::field(
                "old_password",
                Msg::new("wrong_password", "the current password is wrong"),
            ));
        }
        validate::password(new).map_err(|m| AppError::field("new_password", m))?;
        if old == new {
            return Err(AppError::field(
                "new_password",
                Msg::new(
                    "same_password",
                    "the new password must differ from the current one",
                ),
            ));
        }
        let updated = User {
            password_hash: hash_password(new).await?,
            must_change_password: false,
            ..user.data.clone()
        };
        let mut cs = self.changes(&actor);
        cs.update(user.id(), user.version(), &updated);
        cs.event("password_changed", "users", Some(user.id()), None);
        self.store.commit(cs).await?;
        // Every other session ends: one opened with the old password (a
        // printed first password someone else read) must not go on with
        // the rights the new one brings. This one stays.
        let sessions = self.store.backend().sessions();
        let hash = token_hash(token);
        let current = sessions.session(&hash).await?;
        sessions.delete_user_sessions(user.id()).await?;
        if let Some(current) = current {
            sessions.put_session(&current).await?;
        }
        Ok(())
    }

    /// An admin sets a new password for someone; their sessions end, any
    /// lockout is lifted, and they must choose their own at the next sign-in
    /// (the administrator knows this one).
    pub async fn reset_password(&self, actor: &Actor, user_id: Id, new: &str) -> AppResult<()> {
        require(
            actor,
            Action::ManageUsers,
            &Target::School,
            "reset passwords",
        )?;
        validate::password(new).map_err(|m| AppError::field("password", m))?;
        let user = self.store.get::<User>(user_id).await?;
        let updated = User {
            password_hash: hash_password(new).await?,
            must_change_password: true,
            ..user.data.clone()
        };
        let mut cs = self.changes(actor);
        cs.update(user.id(), user.version(), &updated);
        cs.event("password_reset", "users", Some(user.id()), None);
        self.store.commit(cs).await?;
        let sessions = self.store.backend().sessions();
        sessions.delete_user_sessions(user_id).await?;
        sessions
            .forget_login_attempts(&user.data.login, i64::MAX, &self.lock_schedule())
            .await?;
        Ok(())
    }

    pub async fn create_user(&self, actor: &Actor, new: NewUser) -> AppResult<Stored<User>> {
        require(actor, Action::ManageUsers, &Target::School, "create users")?;
        let user = new.into_user().await?;
        let mut cs = self.changes(actor);
        cs.insert(&user);
        Ok(self.store.commit_returning(cs).await?)
    }

    /// Changes a user's name, roles or active flag (not the password).
    pub async fn update_user(
        &self,
        actor: &Actor,
        user_id: Id,
        version: i64,
        display_name: &str,
        roles: Vec<Role>,
        active: bool,
    ) -> AppResult<Stored<User>> {
        require(actor, Action::ManageUsers, &Target::School, "change users")?;
        let user = self.store.get::<User>(user_id).await?;
        if user_id == actor.user_id && (!active || !roles.contains(&Role::Admin)) {
            return Err(AppError::field(
                "roles",
                Msg::new(
                    "own_admin",
                    "you cannot remove your own admin role or disable your own account",
                ),
            ));
        }
        let mut updated = User {
            display_name: display_name.to_string(),
            roles,
            active,
            ..user.data.clone()
        };
        updated.roles.sort();
        updated.roles.dedup();
        updated.validate()?;
        let mut cs = self.changes(actor);
        cs.update(user_id, version, &updated);
        let stored = self.store.commit_returning(cs).await?;
        if !active {
            self.store
                .backend()
                .sessions()
                .delete_user_sessions(user_id)
                .await?;
        }
        Ok(stored)
    }

    pub async fn list_users(&self, actor: &Actor) -> AppResult<Vec<Stored<User>>> {
        require(
            actor,
            Action::ManageUsers,
            &Target::School,
            "see user accounts",
        )?;
        Ok(self
            .store
            .list::<User>(&Query::all().order("login"))
            .await?)
    }
}

/// A valid argon2id hash of a random string, checked against when a login
/// does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jm2bB7Q0cZ2tF4HqEo3yJ6d1iY1bQv0pQm3x5S7uXfA";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockout_grows_and_caps() {
        let p = SessionPolicy::default();
        assert_eq!(p.lock_for(4), None);
        assert_eq!(p.lock_for(5), Some(Duration::seconds(30)));
        assert_eq!(p.lock_for(6), Some(Duration::seconds(60)));
        assert_eq!(p.lock_for(8), Some(Duration::seconds(240)));
        assert_eq!(p.lock_for(40), Some(Duration::hours(1)));
    }

    #[test]
    fn the_dummy_hash_costs_a_real_check() {
        // An unparsable hash would answer at once, and timing would tell
        // which logins exist.
        let parsed = PasswordHash::new(DUMMY_HASH).expect("DUMMY_HASH parses");
        let ours = SaltString::generate(&mut OsRng);
        let real = Argon2::default()
            .hash_password(b"x", &ours)
            .expect("hash")
            .to_string();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(parsed.algorithm, real.algorithm);
        assert_eq!(
            parsed.params.to_string(),
            real.params.to_string(),
            "same cost"
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
