//! Accounts: the first admin, login, lockout, session expiry, passwords.

mod common;

use chrono::Duration;
use common::*;
use schooldesk_app::{AppError, NewUser};
use schooldesk_core::*;
use schooldesk_store::AuditQuery;

fn admin_user(login: &str, password: &str) -> NewUser {
    NewUser {
        login: login.into(),
        display_name: "Admin".into(),
        password: password.into(),
        roles: vec![Role::Admin],
    }
}

#[tokio::test]
async fn first_admin_only_on_an_empty_database() {
    let (app, _clock, _dir) = empty_app().await;
    assert!(app.needs_setup().await.unwrap());
    // Bad input names its fields and writes nothing.
    let err = app
        .setup_school(
            School {
                npsn: "123".into(),
                ..school()
            },
            admin_user("Bad Login", "short"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "invalid");
    let err = app
        .setup_school(school(), admin_user("Bad Login", "short"))
        .await
        .unwrap_err();
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["login", "password"]);
    assert!(app.needs_setup().await.unwrap());

    let session = app
        .setup_school(school(), admin_user("admin", PASSWORD))
        .await
        .unwrap();
    assert_eq!(session.actor.roles, [Role::Admin]);
    assert!(!app.needs_setup().await.unwrap());
    let again = app
        .setup_school(school(), admin_user("admin2", PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(again.kind(), "setup");
    assert_eq!(
        app.school().await.unwrap().unwrap().data.name,
        school().name
    );
}

#[tokio::test]
async fn wrong_password_then_lockout_that_grows() {
    let w = world().await;
    let app = &w.app;
    assert_eq!(
        app.login("guru", "wrong-password").await.unwrap_err(),
        AppError::WrongLogin
    );
    assert_eq!(
        app.login("nobody", PASSWORD).await.unwrap_err(),
        AppError::WrongLogin
    );
    for _ in 0..3 {
        assert_eq!(
            app.login("guru", "wrong-password").await.unwrap_err(),
            AppError::WrongLogin
        );
    }
    // The fifth failure locks for 30 s; even the right password is refused.
    let first_lock = app.login("guru", "wrong-password").await.unwrap_err();
    let AppError::LockedOut { until } = first_lock else {
        panic!("{first_lock:?}")
    };
    assert_eq!(until, app.now() + Duration::seconds(30));
    assert!(matches!(
        app.login("guru", PASSWORD).await,
        Err(AppError::LockedOut { .. })
    ));
    w.clock.advance(Duration::seconds(31));
    // One more failure: now 60 s.
    let AppError::LockedOut { until } = app.login("guru", "wrong-again").await.unwrap_err() else {
        panic!()
    };
    assert_eq!(until, app.now() + Duration::seconds(60));
    w.clock.advance(Duration::seconds(61));
    let session = app.login("guru", PASSWORD).await.unwrap();
    assert_eq!(session.actor.login, "guru");
    // Success resets the count.
    assert_eq!(
        app.login("guru", "wrong-password").await.unwrap_err(),
        AppError::WrongLogin
    );

    let events = app
        .audit_trail(
            &w.admin,
            &AuditQuery {
                table_name: Some("users".into()),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(events.iter().filter(|e| e.action == "login_failed").count() >= 6);
}

#[tokio::test]
async fn sessions_expire_when_idle_and_absolutely() {
    let w = world().await;
    let app = &w.app;
    let token = app.login("guru", PASSWORD).await.unwrap().token;
    assert_eq!(app.session_actor(&token).await.unwrap().login, "guru");
    // Activity every 20 minutes keeps it alive, up to 12 hours.
    let mut alive_for = Duration::zero();
    loop {
        w.clock.advance(Duration::minutes(20));
        if app.session_actor(&token).await.is_err() {
            break;
        }
        alive_for += Duration::minutes(20);
    }
    assert_eq!(
        alive_for,
        Duration::hours(12),
        "kept alive by use until the absolute limit"
    );
    assert_eq!(
        app.session_actor(&token).await.unwrap_err(),
        AppError::SessionExpired
    );

    let token = app.login("guru", PASSWORD).await.unwrap().token;
    w.clock.advance(Duration::minutes(29));
    assert!(app.session_actor(&token).await.is_ok());
    w.clock.advance(Duration::minutes(31));
    assert_eq!(
        app.session_actor(&token).await.unwrap_err(),
        AppError::SessionExpired
    );

    let token = app.login("guru", PASSWORD).await.unwrap().token;
    app.logout(&token).await.unwrap();
    assert_eq!(
        app.session_actor(&token).await.unwrap_err(),
        AppError::SessionExpired
    );
    assert_eq!(
        app.session_actor("forged-token").await.unwrap_err(),
        AppError::SessionExpired
    );
}

#[tokio::test]
async fn passwords_change_and_reset() {
    let w = world().await;
    let app = &w.app;
    let token = app.login("guru", PASSWORD).await.unwrap().token;
    let err = app
        .change_own_password(&token, "not-my-password", "new-password-1")
        .await
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "old_password");
    let err = app
        .change_own_password(&token, PASSWORD, "short")
        .await
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "new_password");
    app.change_own_password(&token, PASSWORD, "new-password-1")
        .await
        .unwrap();
    assert_eq!(
        app.login("guru", PASSWORD).await.unwrap_err(),
        AppError::WrongLogin
    );
    let token = app.login("guru", "new-password-1").await.unwrap().token;

    // An admin reset ends the user's sessions.
    let guru = w.teacher.user_id;
    app.reset_password(&w.admin, guru, "reset-password-2")
        .await
        .unwrap();
    assert_eq!(
        app.session_actor(&token).await.unwrap_err(),
        AppError::SessionExpired
    );
    assert!(app.login("guru", "reset-password-2").await.is_ok());

    // Disabling an account ends its sessions and blocks login.
    let user = app.store().get::<User>(guru).await.unwrap();
    let token = app.login("guru", "reset-password-2").await.unwrap().token;
    app.update_user(
        &w.admin,
        guru,
        user.version(),
        "Pak Guru",
        vec![Role::Teacher],
        false,
    )
    .await
    .unwrap();
    assert!(app.session_actor(&token).await.is_err());
    assert_eq!(
        app.login("guru", "reset-password-2").await.unwrap_err(),
        AppError::AccountDisabled
    );
    // An admin cannot lock themselves out.
    let me = app.store().get::<User>(w.admin.user_id).await.unwrap();
    let err = app
        .update_user(
            &w.admin,
            me.id(),
            me.version(),
            "Bu Sari",
            vec![Role::Teacher],
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "roles");

    // No password hash ever reaches the audit trail.
    let events = app
        .audit_trail(
            &w.admin,
            &AuditQuery {
                limit: 1000,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    for e in events {
        for text in [e.before, e.after].into_iter().flatten() {
            assert!(!text.contains("argon2"), "hash in audit: {text}");
        }
    }
}

#[tokio::test]
async fn standard_year_runs_july_to_june_and_is_current() {
    let (app, clock, _dir) = empty_app().await;
    let session = app
        .setup_school(school(), admin_user("admin", PASSWORD))
        .await
        .unwrap();
    // 1 August 2025 falls in 2025/2026.
    let year = app
        .create_standard_year(&session.actor, None)
        .await
        .unwrap();
    assert_eq!(year.data.name, "2025/2026");
    assert_eq!(year.data.start_date, date(2025, 7, 1));
    assert_eq!(year.data.end_date, date(2026, 6, 30));
    // On 15 January 2027 the default is 2026/2027; it becomes the current one.
    clock.advance(Duration::days(532));
    assert_eq!(app.today(), date(2027, 1, 15));
    let next = app
        .create_standard_year(&session.actor, None)
        .await
        .unwrap();
    assert_eq!(next.data.name, "2026/2027");
    let current = app.current_year().await.unwrap().unwrap();
    assert_eq!(current.id(), next.id());
    let bad = app
        .create_standard_year(&session.actor, Some("next year"))
        .await
        .unwrap_err();
    assert_eq!(bad.field_errors()[0].field, "name");
}
