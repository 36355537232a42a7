//! Every (use-case, role) pair where the answer matters, through the app.

mod common;

use common::*;
use schooldesk_app::records::Overview;
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};

fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    match result {
        Err(AppError::NotAllowed(_)) => true,
        Ok(_) => false,
        Err(other) => panic!("expected a permission answer, got {other:?}"),
    }
}

both! {
    async fn reading_students(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        // (role, own student visible, other student visible)
        let cases = [
            ("admin", &w.admin, true, true),
            ("teacher", &w.teacher, true, false),
            ("homeroom", &w.homeroom, true, false),
            ("student", &w.student, true, false),
            ("parent", &w.parent, true, false),
            ("bursar", &w.bursar, true, true),
        ];
        for (role, actor, own, other) in cases {
            assert_eq!(
                !refused(app.student(actor, w.own_student).await),
                own,
                "{role} reads own"
            );
            assert_eq!(
                !refused(app.student(actor, w.other_student).await),
                other,
                "{role} reads other"
            );
            // Search shows exactly what may be read.
            let found: Vec<Id> = app
                .search_students(actor, "", 100)
                .await
                .unwrap()
                .iter()
                .map(|s| s.id())
                .collect();
            assert_eq!(found.contains(&w.own_student), own, "{role} search own");
            assert_eq!(
                found.contains(&w.other_student),
                other,
                "{role} search other"
            );
        }
        let record = app.student(&w.parent, w.own_student).await.unwrap();
        assert_eq!(record.guardians.len(), 1);
        assert_eq!(record.enrollments.len(), 1);
    }
}

both! {
    async fn editing_students(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let own = app.student(&w.admin, w.own_student).await.unwrap().student;
        let other = app
            .student(&w.admin, w.other_student)
            .await
            .unwrap()
            .student;
        let edit = |s: &Stored<Student>| Student {
            address: "Jl. Baru 9".into(),
            ..s.data.clone()
        };
        // (role, may edit a student of their own class, may edit another class's)
        let cases = [
            ("teacher", &w.teacher, false),
            ("student", &w.student, false),
            ("parent", &w.parent, false),
            ("bursar", &w.bursar, false),
        ];
        for (role, actor, own_ok) in cases {
            assert_eq!(
                !refused(
                    app.update_student(actor, own.id(), own.version(), &edit(&own))
                        .await
                ),
                own_ok,
                "{role}"
            );
            assert!(
                refused(
                    app.update_student(actor, other.id(), other.version(), &edit(&other))
                        .await
                ),
                "{role}"
            );
        }
        // The homeroom teacher edits their own class only.
        let saved = app
            .update_student(&w.homeroom, own.id(), own.version(), &edit(&own))
            .await
            .unwrap();
        assert_eq!(saved.data.address, "Jl. Baru 9");
        assert!(refused(
            app.update_student(&w.homeroom, other.id(), other.version(), &edit(&other))
                .await
        ));
        let guardian = Guardian {
            full_name: "Ayah Budi".into(),
            relation: "ayah".into(),
            phone: None,
            occupation: None,
            address: None,
            user_id: None,
        };
        assert!(app
            .add_guardian(&w.homeroom, own.id(), &guardian)
            .await
            .is_ok());
        assert!(refused(
            app.add_guardian(&w.homeroom, other.id(), &guardian).await
        ));
        assert!(refused(
            app.add_guardian(&w.parent, own.id(), &guardian).await
        ));
        // Admin edits anyone.
        let other_saved = app
            .update_student(&w.admin, other.id(), other.version(), &edit(&other))
            .await
            .unwrap();
        assert_eq!(other_saved.meta.version, 2);
        // Nothing a refused edit touched changed.
        assert_eq!(
            app.student(&w.admin, w.own_student)
                .await
                .unwrap()
                .student
                .meta
                .version,
            2
        );
    }
}

both! {
    async fn rosters(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let cases = [
            ("admin", &w.admin, true, true),
            ("teacher", &w.teacher, true, false),
            ("homeroom", &w.homeroom, true, false),
            ("student", &w.student, false, false),
            ("parent", &w.parent, false, false),
            ("bursar", &w.bursar, true, true),
        ];
        for (role, actor, a, b) in cases {
            assert_eq!(
                !refused(app.roster(actor, w.class_a).await),
                a,
                "{role} class A"
            );
            assert_eq!(
                !refused(app.roster(actor, w.class_b).await),
                b,
                "{role} class B"
            );
        }
        let roster = app.roster(&w.teacher, w.class_a).await.unwrap();
        assert_eq!(
            roster.iter().map(|s| s.id()).collect::<Vec<_>>(),
            [w.own_student]
        );
    }
}

both! {
    async fn directory_users_enrollment_and_audit_are_admin_only(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let room = Room {
            name: "Lab".into(),
            capacity: 30,
            kind: "lab".into(),
        };
        for (role, actor) in [
            ("teacher", &w.teacher),
            ("homeroom", &w.homeroom),
            ("student", &w.student),
            ("parent", &w.parent),
            ("bursar", &w.bursar),
        ] {
            assert!(
                refused(app.create(actor, &room).await),
                "{role} creates a room"
            );
            assert!(
                refused(
                    app.create_student(actor, &student("0011111111", "X"), None)
                        .await
                ),
                "{role} adds a student"
            );
            assert!(
                refused(
                    app.move_student(actor, w.own_student, w.class_b, Some(date(2025, 9, 1)))
                        .await
                ),
                "{role} moves"
            );
            assert!(refused(app.list_users(actor).await), "{role} lists users");
            assert!(
                refused(
                    app.audit_trail(
                        actor,
                        &AuditQuery {
                            limit: 5,
                            ..Default::default()
                        }
                    )
                    .await
                ),
                "{role} audit"
            );
            assert!(
                refused(
                    app.reset_password(actor, w.admin.user_id, "new-password-1")
                        .await
                ),
                "{role} resets"
            );
        }
        // Staff read the directory; students and parents do not.
        for (role, actor, ok) in [
            ("teacher", &w.teacher, true),
            ("homeroom", &w.homeroom, true),
            ("bursar", &w.bursar, true),
            ("student", &w.student, false),
            ("parent", &w.parent, false),
        ] {
            assert_eq!(
                !refused(app.list::<Class>(actor, &Query::all()).await),
                ok,
                "{role} reads classes"
            );
        }
        assert!(app.create(&w.admin, &room).await.is_ok());
        assert_eq!(store_of(app).await.count::<Room>().await.unwrap(), 1);
    }
}

both! {
    async fn moving_a_student_keeps_history_and_audits(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        app.move_student(&w.admin, w.own_student, w.class_b, Some(date(2025, 10, 1)))
            .await
            .unwrap();
        let record = app.student(&w.admin, w.own_student).await.unwrap();
        assert_eq!(record.enrollments.len(), 2);
        assert_eq!(
            record.enrollments[0].data.end_reason.as_deref(),
            Some("moved")
        );
        assert_eq!(record.enrollments[0].data.end_date, Some(date(2025, 10, 1)));
        assert_eq!(record.enrollments[1].data.class_id, w.class_b);
        let roster_b: Vec<Id> = app
            .roster(&w.admin, w.class_b)
            .await
            .unwrap()
            .iter()
            .map(|s| s.id())
            .collect();
        assert!(roster_b.contains(&w.own_student));
        assert!(app.roster(&w.admin, w.class_a).await.unwrap().is_empty());
        // Enrolling again in the same year is refused with a clear message.
        let err = app
            .enroll(&w.admin, w.own_student, w.class_a, Some(date(2025, 11, 1)))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("already in class VII-B"), "{err}");

        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery {
                    table_name: Some("enrollments".into()),
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(events
            .iter()
            .any(|e| e.action == "update" && e.actor_login == "kurikulum"));
        assert!(events.iter().filter(|e| e.action == "create").count() >= 3);

        app.remove_from_class(
            &w.admin,
            w.own_student,
            w.class_b,
            Some(date(2026, 1, 10)),
            "removed",
        )
        .await
        .unwrap();
        let record = app.student(&w.admin, w.own_student).await.unwrap();
        assert!(record.enrollments.iter().all(|e| e.data.end_date.is_some()));
    }
}

both! {
    async fn stale_edit_from_a_second_desktop_is_refused(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let opened = app
            .student(&w.admin, w.other_student)
            .await
            .unwrap()
            .student;
        let first = Student {
            address: "first".into(),
            ..opened.data.clone()
        };
        app.update_student(&w.admin, opened.id(), opened.version(), &first)
            .await
            .unwrap();
        let second = Student {
            address: "second".into(),
            ..opened.data.clone()
        };
        let err = app
            .update_student(&w.admin, opened.id(), opened.version(), &second)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "conflict");
        match err {
            AppError::Store(schooldesk_store::StoreError::Conflict {
                updated_by,
                current_version,
                ..
            }) => {
                assert_eq!(updated_by, Some(w.admin.user_id));
                assert_eq!(current_version, 2);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            app.student(&w.admin, w.other_student)
                .await
                .unwrap()
                .student
                .data
                .address,
            "first"
        );
    }
}

both! {
    async fn one_current_year_at_a_time(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let next = app.create(&w.admin, &next_year()).await.unwrap();
        let current = app.current_year(&w.admin).await.unwrap().unwrap();
        assert_eq!(current.id(), next.id());
        let old = store_of(app)
            .await
            .get::<AcademicYear>(w.year)
            .await
            .unwrap();
        assert!(!old.data.is_current);
        let err = app
            .create(
                &w.admin,
                &Term {
                    academic_year_id: next.id(),
                    number: 1,
                    name: "Semester 1".into(),
                    start_date: date(2026, 1, 1),
                    end_date: date(2026, 12, 1),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(err.field_errors()[0].field, "start_date");
    }
}

both! {
    async fn the_student_list_shows_this_years_class(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let admin = &w.admin;
        let list = |text: &'static str| async move {
            app.student_list(admin, text, 50)
                .await
                .unwrap()
                .into_iter()
                .map(|(s, class)| (s.data.full_name, class))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            list("Andi").await,
            vec![("Andi Pratama".into(), Some(w.class_a))]
        );
        // A new year starts; last year's classes were never closed (no
        // promotion run). Andi is placed in a class of the new year.
        let next = app.create(&w.admin, &next_year()).await.unwrap().id();
        let viii = app
            .create(
                &w.admin,
                &Class {
                    name: "VIII-A".into(),
                    grade_level: 8,
                    academic_year_id: next,
                    homeroom_teacher_id: None,
                },
            )
            .await
            .unwrap()
            .id();
        app.enroll(&w.admin, w.own_student, viii, Some(date(2026, 7, 13)))
            .await
            .unwrap();
        assert_eq!(
            list("Andi").await,
            vec![("Andi Pratama".into(), Some(viii))]
        );
        // Budi has no class this year: the list must not show last year's.
        assert_eq!(list("Budi").await, vec![("Budi Setiawan".into(), None)]);
    }
}

both! {
    /// Issue 10, item 11: through the dashboard, `school_get` and `school_logo`
    /// a student or parent read the school profile and the row count of every
    /// table, users and audit events included.
    async fn the_school_profile_year_and_counts_are_for_staff(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        // (role, staff, sees user and audit counts)
        for (role, actor, staff, admin) in [
            ("admin", &w.admin, true, true),
            ("teacher", &w.teacher, true, false),
            ("homeroom", &w.homeroom, true, false),
            ("bursar", &w.bursar, true, false),
            ("student", &w.student, false, false),
            ("parent", &w.parent, false, false),
        ] {
            assert_eq!(!refused(app.school(actor).await), staff, "{role} school");
            assert_eq!(
                !refused(app.current_year(actor).await),
                staff,
                "{role} year"
            );
            assert_eq!(
                !refused(app.user_display_name(actor, w.admin.user_id).await),
                staff,
                "{role} names"
            );
            match app.counts(actor).await {
                Ok(counts) => {
                    assert!(staff, "{role} counts");
                    let tables: Vec<&str> = counts.iter().map(|(t, _)| *t).collect();
                    assert!(tables.contains(&"students"), "{role}: {tables:?}");
                    assert_eq!(tables.contains(&"users"), admin, "{role}: {tables:?}");
                    assert_eq!(
                        tables.contains(&"audit_events"),
                        admin,
                        "{role}: {tables:?}"
                    );
                }
                Err(AppError::NotAllowed(_)) => assert!(!staff, "{role} counts"),
                Err(other) => panic!("{role}: {other:?}"),
            }
            let overview = app.overview(actor).await.unwrap();
            if staff {
                assert_eq!(
                    overview.school_name.as_deref(),
                    Some("SMP Negeri 1 Sukamaju")
                );
                assert_eq!(overview.year.map(|y| y.id()), Some(w.year));
                assert_eq!(overview.counts, app.counts(actor).await.unwrap());
            } else {
                // Their own student (a student) or children (a parent),
                // and nothing else of the school.
                let mine: Vec<Id> = overview.students.iter().map(|s| s.student.id()).collect();
                assert_eq!(mine, vec![w.own_student], "{role}");
                assert_eq!(
                    Overview {
                        students: Vec::new(),
                        ..overview
                    },
                    Overview {
                        today: app.today(),
                        ..Overview::default()
                    },
                    "{role} sees nothing else of the school"
                );
            }
            // Backups and copies hold everything: administrators only.
            let backup = w.dir.path().join(format!("{role}.db"));
            assert_eq!(
                !refused(app.backup(actor, &backup).await),
                admin,
                "{role} backs up"
            );
            if !admin {
                assert!(!backup.exists());
                let copy = schooldesk_app::DatabaseUrl::Sqlite(w.dir.path().join("copy.db"));
                assert!(refused(app.copy_to(actor, &copy).await), "{role} copies");
            }
        }
    }
}

/// The public `App` methods that take no signed-in user, each with why.
/// Everything else must take `actor: &Actor` (or the session's `token`).
/// Adding to this list is a review decision: a method here reads or writes
/// no school data, or is how a user comes to be signed in.
const NO_USER_NEEDED: &[(&str, &str)] = &[
    ("open", "opens the database; reads no school data"),
    ("with_clock", "sets up the App value"),
    ("with_session_policy", "sets up the App value"),
    ("url", "the database it was opened with"),
    ("now", "the clock"),
    ("today", "the clock"),
    ("close", "closes the connections"),
    ("health", "health: backend and schema version only"),
    ("needs_setup", "first admin: whether any account exists yet"),
    ("setup_school", "first admin: refused once any account exists"),
    (
        "create_sample_school",
        "first admin, of a sample school: refused once a school or any account exists",
    ),
    ("login", "login"),
    ("authenticate", "login, for one command"),
    (
        "restore",
        "replaces the whole database from a file the caller holds; issue 10 item 8 adds the admin's login",
    ),
];

/// Issue 10, item 11: reads took no signed-in user, so nothing stopped a
/// caller from skipping the check. This lists every public method of every
/// `impl App` block in crates/app/src and fails on one that takes no user
/// and is not on [`NO_USER_NEEDED`].
#[test]
fn every_public_app_method_takes_the_signed_in_user() {
    let mut methods = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (name, params) in public_app_methods(&text) {
                    methods.push((path.display().to_string(), name, params));
                }
            }
        }
    }
    let names: Vec<&str> = methods.iter().map(|(_, n, _)| n.as_str()).collect();
    // Not vacuous: the parser sees the methods this test is about.
    for known in [
        "school",
        "current_year",
        "counts",
        "user_display_name",
        "overview",
        "student",
        "list",
        "backup",
        "copy_to",
        "import",
        "export",
        "login",
    ] {
        assert!(
            names.contains(&known),
            "the parser missed {known}: {names:?}"
        );
    }
    assert!(methods.len() >= 40, "only {} methods found", methods.len());
    for (name, _) in NO_USER_NEEDED {
        assert!(
            names.contains(name),
            "{name} is allowed but no longer exists"
        );
    }
    let takes_user = |params: &str| {
        params.contains(": &Actor") || params.split(',').any(|p| p.trim().starts_with("token:"))
    };
    let offenders: Vec<String> = methods
        .iter()
        .filter(|(_, name, params)| {
            !takes_user(params) && !NO_USER_NEEDED.iter().any(|(n, _)| n == name)
        })
        .map(|(file, name, params)| format!("{file}: {name}({params})"))
        .collect();
    assert!(
        offenders.is_empty(),
        "these App methods take no signed-in user: {offenders:#?}"
    );
}

/// (name, parameter list) of each `pub fn` at the top level of an
/// `impl App {` block. Skips strings, chars and comments when matching braces.
fn public_app_methods(text: &str) -> Vec<(String, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut search = 0;
    while let Some(start) = text[search..].find("\nimpl App {") {
        let mut i = search + start + "\nimpl App {".len();
        let mut depth = 1;
        while i < bytes.len() && depth > 0 {
            let rest = &text[i..];
            if rest.starts_with("//") {
                i += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with('"') {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            } else if rest.starts_with('\'') && bytes.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else if let Some(escaped) = rest.strip_prefix("'\\") {
                i += escaped.find('\'').map_or(rest.len(), |end| end + 3);
            } else if rest.starts_with('{') {
                depth += 1;
                i += 1;
            } else if rest.starts_with('}') {
                depth -= 1;
                i += 1;
            } else if depth == 1
                && (rest.starts_with("pub fn ") || rest.starts_with("pub async fn "))
            {
                let after = &rest[rest.find("fn ").unwrap() + 3..];
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let open = after.find('(').unwrap();
                let mut level = 0;
                let mut close = open;
                for (k, c) in after[open..].char_indices() {
                    match c {
                        '(' => level += 1,
                        ')' => level -= 1,
                        _ => {}
                    }
                    if level == 0 {
                        close = open + k;
                        break;
                    }
                }
                let params = after[open + 1..close]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                found.push((name, params));
                i += 1;
            } else {
                i += 1;
            }
        }
        search = i.min(text.len());
    }
    found
}

both! {
    /// fees (issue 17): whether a class's students are in arrears, with the
    /// school's setting on. The class's own homeroom teacher, the bursar
    /// and the administrator; another class's homeroom teacher, a teacher,
    /// a student and a parent are refused. (Off, see tests/fees_access.rs.)
    async fn class_arrears_by_role(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        app.fee_settings_save(&w.admin, &FeeSettings { homeroom_sees_arrears: true }, None)
            .await
            .unwrap();
        // (role, own class A visible, class B visible)
        let cases = [
            ("admin", &w.admin, true, true),
            ("teacher", &w.teacher, false, false),
            ("homeroom", &w.homeroom, true, false),
            ("student", &w.student, false, false),
            ("parent", &w.parent, false, false),
            ("bursar", &w.bursar, true, true),
        ];
        for (role, actor, a, b) in cases {
            assert_eq!(!refused(app.fee_class_arrears(actor, w.class_a).await), a, "{role}, class A");
            assert_eq!(!refused(app.fee_class_arrears(actor, w.class_b).await), b, "{role}, class B");
        }
    }
}
