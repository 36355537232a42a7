//! The shell without a window: the first-run choices, settings that persist,
//! the server password in the keychain (the mock store), plain errors for a
//! wrong password or a host that does not answer, and the error shape the UI
//! relies on. PostgreSQL is the real throw-away test cluster.

use schooldesk_test_support::postgres as support;

use schooldesk_core::School;
use schooldesk_desktop::settings::Dirs;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::{Connection, ConnectionCheck, NewUserForm, ServerTls, UiError};

fn dirs(root: &std::path::Path) -> Dirs {
    Dirs {
        config: root.join("config"),
        data: root.join("data"),
    }
}

/// The parts of the test cluster's URL the wizard asks for.
struct Server {
    socket_dir: String,
    port: u16,
    user: String,
    password: String,
    database: String,
}

fn server(database_url: &str) -> Server {
    let rest = database_url.strip_prefix("postgres://").unwrap();
    let (auth, rest) = rest.split_once('@').unwrap();
    let (user, password) = auth.split_once(':').unwrap();
    let (hostport, rest) = rest.split_once('/').unwrap();
    let port = hostport.split_once(':').unwrap().1.parse().unwrap();
    let (database, query) = rest.split_once('?').unwrap();
    Server {
        socket_dir: query.strip_prefix("host=").unwrap().to_string(),
        port,
        user: user.to_string(),
        password: password.to_string(),
        database: database.to_string(),
    }
}

fn to_server(s: &Server, password: &str) -> Connection {
    Connection::SchoolServer {
        host: s.socket_dir.clone(),
        port: s.port,
        database: s.database.clone(),
        user: s.user.clone(),
        password: password.to_string(),
        tls: ServerTls::Prefer,
        ca_file: None,
    }
}

fn school() -> School {
    School {
        name: "SMP Negeri 2 Contoh".into(),
        npsn: "20212346".into(),
        address: "Jl. Contoh 2".into(),
        principal_name: "Drs. Ahmad".into(),
        principal_nip: None,
        logo: None,
        logo_mime: None,
    }
}

fn admin() -> NewUserForm {
    NewUserForm {
        login: "admin".into(),
        display_name: "Tata Usaha".into(),
        password: "rahasia-sekolah".into(),
        roles: vec![],
        must_change_password: false,
    }
}

#[tokio::test]
async fn this_computer_first_run_then_straight_to_login() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), false).await;
    let first = shell.startup().await.unwrap();
    assert!(!first.configured);
    assert_eq!(
        first.default_sqlite_path,
        tmp.path().join("data/school.db").display().to_string()
    );

    let connected = shell
        .connect(&Connection::ThisComputer { path: None })
        .await
        .unwrap();
    assert!(connected.configured && connected.needs_setup);
    assert!(tmp.path().join("data/school.db").exists());

    let app = shell.app().await.unwrap();
    app.setup_school(school(), admin().into(), None)
        .await
        .unwrap();
    shell.set_language("id").await.unwrap();
    // When the app ends, school.db alone is the school (issue 10, item 5).
    shell.close().await;
    let db = tmp.path().join("data/school.db");
    let wal = std::fs::metadata(tmp.path().join("data/school.db-wal")).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the write-ahead log is folded into the file");
    let stick = tmp.path().join("stick.db");
    std::fs::copy(&db, &stick).unwrap();
    let copy = schooldesk_app::App::open(&schooldesk_app::DatabaseUrl::Sqlite(stick), false)
        .await
        .unwrap();
    assert!(
        !copy.needs_setup().await.unwrap(),
        "the copy holds the school"
    );
    copy.close().await;
    drop(shell);

    // The next start opens the same database at the login screen.
    let again = Shell::start(dirs(tmp.path()), false).await;
    let startup = again.startup().await.unwrap();
    assert!(startup.configured);
    assert!(!startup.needs_setup);
    assert_eq!(startup.language, "id");
    assert!(startup.database.unwrap().ends_with("data/school.db"));
    // Without a login nothing is served.
    match again.actor().await {
        Err(refused) => assert_eq!(refused.kind, "session_expired"),
        Ok(_) => panic!("served without a login"),
    }
}

#[tokio::test]
async fn default_database_flag_skips_the_database_step() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), true).await;
    let startup = shell.startup().await.unwrap();
    assert!(startup.configured && startup.needs_setup, "{startup:?}");
    assert!(
        std::fs::read_to_string(tmp.path().join("config/settings.json"))
            .unwrap()
            .contains("school.db")
    );
}

#[tokio::test]
async fn school_server_password_lives_in_the_keychain_and_errors_are_plain() {
    keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap());
    let url = support::fresh_database().await;
    let s = server(&url);
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), false).await;

    let wrong = shell
        .test_connection(&to_server(&s, "not-the-password"))
        .await
        .unwrap_err();
    assert_eq!(wrong.kind, "access_denied", "{wrong:?}");
    assert!(
        !wrong.message.to_lowercase().contains("sqlx"),
        "{}",
        wrong.message
    );

    let unreachable = shell
        .test_connection(&Connection::SchoolServer {
            host: "127.0.0.1".into(),
            port: 1,
            database: "school".into(),
            user: "office".into(),
            password: "x".into(),
            tls: ServerTls::Prefer,
            ca_file: None,
        })
        .await
        .unwrap_err();
    assert_eq!(unreachable.kind, "unavailable", "{unreachable:?}");

    // Testing migrates nothing (issue 10, items 11 and 12): the empty
    // database is still empty after a test, and set up only when saved.
    for _ in 0..2 {
        assert_eq!(
            shell
                .test_connection(&to_server(&s, &s.password))
                .await
                .unwrap(),
            ConnectionCheck::NotSetUp
        );
    }
    let connected = shell.connect(&to_server(&s, &s.password)).await.unwrap();
    let wizard = Shell::start(dirs(&tmp.path().join("second")), false).await;
    assert_eq!(
        wizard
            .test_connection(&to_server(&s, &s.password))
            .await
            .unwrap(),
        ConnectionCheck::Ready
    );
    assert!(connected.needs_setup);
    let settings = std::fs::read_to_string(tmp.path().join("config/settings.json")).unwrap();
    assert!(
        !settings.contains(&s.password),
        "the password must not be in {settings}"
    );
    assert!(!connected.database.unwrap().contains(&s.password));
    drop(shell);

    // The next start finds the password in the keychain.
    let again = Shell::start(dirs(tmp.path()), false).await;
    let startup = again.startup().await.unwrap();
    assert!(startup.error.is_none(), "{:?}", startup.error);
    assert!(startup.configured && startup.needs_setup);
}

/// The wizard's encryption choice reaches the driver (issue 10, item 13):
/// the throw-away cluster's TLS listener, with its own test CA.
#[tokio::test]
async fn school_server_over_tls_as_the_wizard_chose() {
    let url = support::fresh_database().await;
    let s = server(&url);
    let tls_url = std::env::var("SCHOOLDESK_TEST_PG_TLS_URL")
        .expect("SCHOOLDESK_TEST_PG_TLS_URL: run through scripts/with-postgres.sh");
    let tls_port = tls_url
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("a port in the TLS URL");
    let ca = std::env::var("SCHOOLDESK_TEST_PG_CA").unwrap();
    let wizard = |tls, ca_file: Option<&str>| Connection::SchoolServer {
        host: "localhost".into(),
        port: tls_port,
        database: s.database.clone(),
        user: s.user.clone(),
        password: s.password.clone(),
        tls,
        ca_file: ca_file.map(str::to_string),
    };
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), false).await;
    shell
        .test_connection(&wizard(ServerTls::Require, None))
        .await
        .unwrap();
    shell
        .test_connection(&wizard(ServerTls::VerifyFull, Some(&ca)))
        .await
        .unwrap();
    let untrusted = shell
        .test_connection(&wizard(ServerTls::VerifyFull, None))
        .await
        .unwrap_err();
    assert_eq!(untrusted.kind, "unavailable", "{untrusted:?}");
    assert!(
        untrusted.message.contains("not signed by"),
        "{}",
        untrusted.message
    );
}

#[test]
fn error_shape_for_the_ui() {
    // A real check's problem, as it reaches the UI: the English sentence,
    // and a code with its values for the UI's own language.
    let nisn = schooldesk_core::validate::nisn("12345").unwrap_err();
    let invalid = schooldesk_app::AppError::Invalid(schooldesk_core::Invalid(vec![
        schooldesk_core::FieldError::new("nisn", nisn),
    ]));
    let error = UiError::from_app(&invalid, None);
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "kind": "invalid",
            "message": "nisn: NISN must be exactly 10 digits, got \"12345\"",
            "fields": [{
                "field": "nisn",
                "message": "NISN must be exactly 10 digits, got \"12345\"",
                "code": "digits",
                "params": {"what": "NISN", "n": "10", "value": "12345"}
            }],
            "rows": [],
            "conflict": null
        })
    );
}

#[tokio::test]
async fn two_desktops_one_record_the_second_save_names_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let office = Shell::start(dirs(tmp.path()), true).await;
    let app = office.app().await.unwrap();
    let session = app
        .setup_school(school(), admin().into(), None)
        .await
        .unwrap();
    let admin_actor = session.actor.clone();
    office.begin_session(session).await;
    app.create_user(
        &admin_actor,
        schooldesk_app::NewUser {
            login: "kurikulum".into(),
            display_name: "Bu Rina".into(),
            password: "rahasia-kurikulum".into(),
            roles: vec![schooldesk_core::Role::Admin],
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    let room = app
        .create(
            &admin_actor,
            &schooldesk_core::Room {
                name: "Lab IPA".into(),
                capacity: 32,
                kind: "lab".into(),
            },
        )
        .await
        .unwrap();

    // A second desktop on the same file, signed in as someone else.
    let curriculum = Shell::start(dirs(tmp.path()), false).await;
    let other_app = curriculum.app().await.unwrap();
    let other = other_app
        .login("kurikulum", "rahasia-kurikulum")
        .await
        .unwrap();
    curriculum.begin_session(other).await;
    let (other_app, other_actor) = curriculum.actor().await.unwrap();
    other_app
        .update(
            &other_actor,
            room.id(),
            room.version(),
            &schooldesk_core::Room {
                capacity: 36,
                ..room.data.clone()
            },
        )
        .await
        .unwrap();

    // The office saves what it opened before that.
    let (app, actor) = office.actor().await.unwrap();
    let stale = app
        .update(
            &actor,
            room.id(),
            room.version(),
            &schooldesk_core::Room {
                name: "Lab Fisika".into(),
                ..room.data.clone()
            },
        )
        .await
        .unwrap_err();
    let shown = office.explain(&app, stale).await;
    assert_eq!(shown.kind, "conflict");
    let conflict = shown.conflict.expect("conflict details");
    assert_eq!(conflict.updated_by.as_deref(), Some("Bu Rina"));
    assert_eq!(conflict.current_version, room.version() + 1);
    let kept = app
        .list::<schooldesk_core::Room>(&actor, &schooldesk_store::Query::all())
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.id() == room.id())
        .unwrap();
    assert_eq!(
        (kept.data.name.as_str(), kept.data.capacity),
        ("Lab IPA", 36)
    );
}
