//! The use-case tests' world: a small school on a fresh database of either
//! backend, with one signed-in user per role, and [`both!`], which runs a
//! test once on SQLite and once on PostgreSQL.
#![allow(dead_code)]

pub use schooldesk_test_support::postgres as pg_support;

pub mod exam;
pub mod fees;
pub mod timetable;

use chrono::{NaiveDate, TimeZone, Utc};
use schooldesk_app::{App, DatabaseUrl, FixedClock, NewUser};
use schooldesk_core::*;
use schooldesk_store::Store;
use std::sync::Arc;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn school() -> School {
    School {
        name: "SMP Negeri 1 Sukamaju".into(),
        npsn: "20212345".into(),
        address: "Jl. Pendidikan 1".into(),
        principal_name: "Dra. Hj. Nuraini".into(),
        principal_nip: Some("196501011990032001".into()),
        logo: None,
        logo_mime: None,
    }
}

pub fn student(nisn: &str, name: &str) -> Student {
    Student {
        nis: format!("S{}", &nisn[5..]),
        nisn: nisn.into(),
        full_name: name.into(),
        gender: Gender::Male,
        birth_place: "Bandung".into(),
        birth_date: date(2012, 3, 4),
        religion: "Islam".into(),
        address: "Jl. Melati 2".into(),
        status: StudentStatus::Active,
        user_id: None,
    }
}

pub struct World {
    pub backend: Backend,
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub dir: tempfile::TempDir,
    pub year: Id,
    pub class_a: Id,
    pub class_b: Id,
    /// In class A, child of `parent`, account of `student`.
    pub own_student: Id,
    /// In class B.
    pub other_student: Id,
    pub admin: Actor,
    pub teacher: Actor,
    pub homeroom: Actor,
    pub student: Actor,
    pub parent: Actor,
    pub bursar: Actor,
    pub admin_token: String,
}

pub const PASSWORD: &str = "rahasia-123";

/// The year after the world's 2025/2026, made current when created.
pub fn next_year() -> AcademicYear {
    AcademicYear {
        name: "2026/2027".into(),
        start_date: date(2026, 7, 13),
        end_date: date(2027, 6, 30),
        is_current: true,
    }
}

/// The store behind `app`, opened beside it on the same database, for tests
/// that look past the app's permission checks. The app offers no such door
/// (`App::store` is not public): this one needs the database itself.
pub async fn store_of(app: &App) -> Store {
    match app.url() {
        DatabaseUrl::Sqlite(path) => Store::new(Arc::new(
            schooldesk_store_sqlite::SqliteStore::open(path, false)
                .await
                .expect("open the test database"),
        )),
        DatabaseUrl::Postgres(url) => Store::new(Arc::new(
            schooldesk_store_postgres::PgStore::connect(url)
                .await
                .expect("connect to the test database"),
        )),
    }
}

/// The backends every use-case runs on. PostgreSQL databases come from the
/// throw-away cluster (SCHOOLDESK_TEST_PG_URL, set by
/// scripts/with-postgres.sh); without it the test fails, never skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// A new, empty database on this backend: `school.db` in `dir` for
    /// SQLite, a fresh database on the test cluster for PostgreSQL.
    pub async fn fresh_url(self, dir: &std::path::Path) -> DatabaseUrl {
        match self {
            Backend::Sqlite => DatabaseUrl::Sqlite(dir.join("school.db")),
            Backend::Postgres => DatabaseUrl::parse(&pg_support::fresh_database().await).unwrap(),
        }
    }
}

/// Declares a use-case test once and runs it on both backends. Write the
/// test as usual, with the backend as its one argument:
///
/// ```ignore
/// both! {
///     /// What it shows.
///     async fn a_thing_works(b: Backend) {
///         let w = world(b).await;
///         ...
///     }
/// }
/// ```
///
/// This makes a module `a_thing_works` with two tests, `sqlite` and
/// `postgres` (`cargo test a_thing_works` runs both). A
/// `#[tokio::test(...)]` line before `async fn` sets the runtime of both.
/// A test that is about one backend only (SQLite files, locks, WAL,
/// backups; PostgreSQL roles) stays a plain `#[tokio::test]` and says why.
#[macro_export]
macro_rules! both {
    ($(
        $(#[doc = $doc:literal])*
        $(#[tokio::test $(($($runtime:tt)*))?])?
        async fn $name:ident($b:ident: Backend) $body:block
    )*) => {$(
        $(#[doc = $doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($b: Backend) $body

            #[tokio::test $($(($($runtime)*))?)?]
            async fn sqlite() {
                run($crate::common::Backend::Sqlite).await
            }

            #[tokio::test $($(($($runtime)*))?)?]
            async fn postgres() {
                run($crate::common::Backend::Postgres).await
            }
        }
    )*};
}

/// An empty database on `backend`, its clock fixed at 2025-08-01. The
/// folder holds the SQLite file (and is where tests put other files).
pub async fn empty_app(backend: Backend) -> (App, Arc<FixedClock>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = backend.fresh_url(dir.path()).await;
    let (app, clock) = open_at(&url).await;
    (app, clock, dir)
}

/// A new database at `url`, its clock fixed at 2025-08-01.
async fn open_at(url: &DatabaseUrl) -> (App, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2025, 8, 1, 1, 0, 0).unwrap(),
    ));
    let app = App::open(url, true)
        .await
        .unwrap()
        .with_clock(clock.clone());
    (app, clock)
}

/// The first administrator every test school is set up with.
pub fn first_admin() -> NewUser {
    NewUser {
        login: "kurikulum".into(),
        display_name: "Bu Sari".into(),
        password: PASSWORD.into(),
        roles: vec![Role::Admin],
        must_change_password: false,
    }
}

/// Sets up [`school`] with [`first_admin`] in an empty database (with the
/// academic year today falls in, 2025/2026 on the test clock).
pub async fn set_up(app: &App) -> schooldesk_app::Session {
    app.setup_school(school(), first_admin(), None)
        .await
        .unwrap()
}

async fn user(app: &App, admin: &Actor, login: &str, roles: &[Role]) -> Id {
    app.create_user(
        admin,
        NewUser {
            login: login.into(),
            display_name: login.to_uppercase(),
            password: PASSWORD.into(),
            roles: roles.to_vec(),
            must_change_password: false,
        },
    )
    .await
    .unwrap()
    .id()
}

/// The school every role test runs in, on `backend`: the standard year
/// 2025/2026 (made by the set-up) with classes VII-A (homeroom Bu Wali,
/// Pak Guru teaches MTK) and VII-B, a student in each, a guardian with an
/// account, and one signed-in user per role.
pub async fn world(backend: Backend) -> World {
    let (app, clock, dir) = empty_app(backend).await;
    let session = set_up(&app).await;
    let admin = session.actor.clone();
    let year = app.current_year(&admin).await.unwrap().unwrap().id();

    let teacher_user = user(&app, &admin, "guru", &[Role::Teacher]).await;
    let homeroom_user = user(&app, &admin, "walikelas", &[Role::Teacher, Role::Homeroom]).await;
    let student_user = user(&app, &admin, "siswa", &[Role::Student]).await;
    let parent_user = user(&app, &admin, "ortu", &[Role::Parent]).await;
    user(&app, &admin, "bendahara", &[Role::Bursar]).await;

    let teacher = |name: &str, user_id| Teacher {
        full_name: name.into(),
        nip: None,
        nuptk: None,
        gender: Gender::Female,
        phone: None,
        email: None,
        user_id: Some(user_id),
        active: true,
    };
    let t_teacher = app
        .create(&admin, &teacher("Pak Guru", teacher_user))
        .await
        .unwrap()
        .id();
    let t_homeroom = app
        .create(&admin, &teacher("Bu Wali", homeroom_user))
        .await
        .unwrap()
        .id();
    let class = |name: &str, homeroom| Class {
        name: name.into(),
        grade_level: 7,
        academic_year_id: year,
        homeroom_teacher_id: homeroom,
    };
    let class_a = app
        .create(&admin, &class("VII-A", Some(t_homeroom)))
        .await
        .unwrap()
        .id();
    let class_b = app
        .create(&admin, &class("VII-B", None))
        .await
        .unwrap()
        .id();
    let math = app
        .create(
            &admin,
            &Subject {
                code: "MTK".into(),
                name: "Matematika".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id();
    app.create(
        &admin,
        &TeachingAssignment {
            teacher_id: t_teacher,
            subject_id: math,
            class_id: class_a,
            periods_per_week: 5,
        },
    )
    .await
    .unwrap();

    let own = app
        .create_student(
            &admin,
            &Student {
                user_id: Some(student_user),
                ..student("0012345678", "Andi Pratama")
            },
            Some(class_a),
        )
        .await
        .unwrap()
        .id();
    let other = app
        .create_student(
            &admin,
            &student("0087654321", "Budi Setiawan"),
            Some(class_b),
        )
        .await
        .unwrap()
        .id();
    app.add_guardian(
        &admin,
        own,
        &Guardian {
            full_name: "Ibu Andi".into(),
            relation: "ibu".into(),
            phone: None,
            occupation: None,
            address: None,
            user_id: Some(parent_user),
        },
    )
    .await
    .unwrap();

    let sign_in = |login: &'static str| {
        let app = app.clone();
        async move { app.login(login, PASSWORD).await.unwrap().actor }
    };
    World {
        admin: sign_in("kurikulum").await,
        teacher: sign_in("guru").await,
        homeroom: sign_in("walikelas").await,
        student: sign_in("siswa").await,
        parent: sign_in("ortu").await,
        bursar: sign_in("bendahara").await,
        admin_token: session.token,
        backend,
        app,
        clock,
        dir,
        year,
        class_a,
        class_b,
        own_student: own,
        other_student: other,
    }
}
