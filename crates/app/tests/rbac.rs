//! Every (use-case, role) pair where the answer matters, through the app.

mod common;

use common::*;
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

#[tokio::test]
async fn reading_students() {
    let w = world().await;
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

#[tokio::test]
async fn editing_students() {
    let w = world().await;
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

#[tokio::test]
async fn rosters() {
    let w = world().await;
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

#[tokio::test]
async fn directory_users_enrollment_and_audit_are_admin_only() {
    let w = world().await;
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
                app.move_student(actor, w.own_student, w.class_b, date(2025, 9, 1))
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
    assert_eq!(app.store().count::<Room>().await.unwrap(), 1);
}

#[tokio::test]
async fn moving_a_student_keeps_history_and_audits() {
    let w = world().await;
    let app = &w.app;
    app.move_student(&w.admin, w.own_student, w.class_b, date(2025, 10, 1))
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
        .enroll(&w.admin, w.own_student, w.class_a, date(2025, 11, 1))
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
        date(2026, 1, 10),
        "removed",
    )
    .await
    .unwrap();
    let record = app.student(&w.admin, w.own_student).await.unwrap();
    assert!(record.enrollments.iter().all(|e| e.data.end_date.is_some()));
}

#[tokio::test]
async fn stale_edit_from_a_second_desktop_is_refused() {
    let w = world().await;
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

#[tokio::test]
async fn one_current_year_at_a_time() {
    let w = world().await;
    let app = &w.app;
    let next = app.create(&w.admin, &next_year()).await.unwrap();
    let current = app.current_year().await.unwrap().unwrap();
    assert_eq!(current.id(), next.id());
    let old = app.store().get::<AcademicYear>(w.year).await.unwrap();
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

#[tokio::test]
async fn the_student_list_shows_this_years_class() {
    let w = world().await;
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
    app.enroll(&w.admin, w.own_student, viii, date(2026, 7, 13))
        .await
        .unwrap();
    assert_eq!(
        list("Andi").await,
        vec![("Andi Pratama".into(), Some(viii))]
    );
    // Budi has no class this year: the list must not show last year's.
    assert_eq!(list("Budi").await, vec![("Budi Setiawan".into(), None)]);
}
