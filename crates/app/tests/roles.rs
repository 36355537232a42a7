//! Issue 10, item 10: on PostgreSQL the owner of a table can TRUNCATE it or
//! disable its triggers, so the audit trail is append-only only for a role
//! that does not own it. This runs README's role set-up
//! (docs/postgres-roles.sql) as written on the throw-away cluster, uses the
//! school as the app's role, and shows what that role is refused.
//! PostgreSQL only: roles, privileges and table owners are PostgreSQL's.

mod common;

use common::pg_support;
use common::*;
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::*;
use sqlx::Connection;

const SCRIPT: &str = include_str!("../../../docs/postgres-roles.sql");

/// The script's names, made unique for this run (roles are cluster-wide).
struct Names {
    owner: String,
    app: String,
    database: String,
    owner_password: String,
    app_password: String,
}

impl Names {
    fn new() -> Names {
        let tag = uuid::Uuid::now_v7().simple().to_string();
        let tag = &tag[tag.len() - 10..];
        Names {
            owner: format!("sd_owner_{tag}"),
            app: format!("sd_app_{tag}"),
            database: format!("sd_roles_{tag}"),
            owner_password: format!("owner-{tag}"),
            app_password: format!("app-{tag}"),
        }
    }

    /// The script's text with these names, comments left out.
    fn apply(&self, text: &str) -> String {
        text.lines()
            .filter(|line| !line.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("'owner-password'", &format!("'{}'", self.owner_password))
            .replace("'app-password'", &format!("'{}'", self.app_password))
            .replace("schooldesk_owner", &self.owner)
            .replace("schooldesk_app", &self.app)
            .replace("schooldesk", &self.database)
    }

    /// The test server's URL as `user` on `database`.
    fn url(&self, user: &str, database: &str) -> String {
        let server = pg_support::server_url();
        let (_, rest) = server.rsplit_once('@').expect("user@ in the test URL");
        let password = if user == self.owner {
            self.owner_password.clone()
        } else if user == self.app {
            self.app_password.clone()
        } else {
            let userinfo = server.split_once("://").unwrap().1;
            userinfo[..userinfo.rfind('@').unwrap()]
                .split_once(':')
                .unwrap()
                .1
                .to_string()
        };
        pg_support::with_database(&format!("postgres://{user}:{password}@{rest}"), database)
    }
}

/// Runs one step of the script, statement by statement (CREATE DATABASE
/// cannot share a transaction), following its `\connect DATABASE [USER]`.
async fn run_step(names: &Names, step: &str) {
    let superuser = pg_support::server_url();
    let superuser_name = superuser
        .split_once("://")
        .unwrap()
        .1
        .split(':')
        .next()
        .unwrap()
        .to_string();
    let mut conn = sqlx::PgConnection::connect(&superuser).await.unwrap();
    let mut statement = String::new();
    for line in names.apply(step).lines() {
        let line = line.trim();
        if let Some(target) = line.strip_prefix("\\connect ") {
            let mut words = target.split_whitespace();
            let database = words.next().unwrap();
            let user = words.next().unwrap_or(&superuser_name);
            conn.close().await.ok();
            conn = sqlx::PgConnection::connect(&names.url(user, database))
                .await
                .unwrap_or_else(|e| panic!("\\connect {target}: {e}"));
            continue;
        }
        statement.push_str(line);
        statement.push('\n');
        if line.ends_with(';') {
            sqlx::raw_sql(&statement)
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
            statement.clear();
        }
    }
    assert!(statement.trim().is_empty(), "unterminated: {statement}");
    conn.close().await.ok();
}

#[tokio::test]
async fn the_app_role_keeps_the_school_but_cannot_rewrite_the_audit_trail() {
    let names = Names::new();
    let (step1, step2) = SCRIPT
        .split_once("\n-- Step 2")
        .expect("the script has two steps");
    // The rest of the marker's line is a comment.
    let step2 = step2.split_once('\n').map_or("", |(_, rest)| rest);
    run_step(&names, step1).await;
    // The owner opens it once: the migrations run.
    let owner_url = DatabaseUrl::parse(&names.url(&names.owner, &names.database)).unwrap();
    App::open(&owner_url, true).await.unwrap().close().await;
    run_step(&names, step2).await;

    // The desktops' role: the school works as usual.
    let app_url = DatabaseUrl::parse(&names.url(&names.app, &names.database)).unwrap();
    let app = App::open(&app_url, false)
        .await
        .expect("the app's role opens a current schema without migrating");
    let admin = set_up(&app).await;
    let year = app.current_year(&admin.actor).await.unwrap().unwrap();
    let created = app
        .create_student(&admin.actor, &student("0012345678", "Andi Pratama"), None)
        .await
        .unwrap();
    let updated = app
        .update_student(
            &admin.actor,
            created.id(),
            created.version(),
            &Student {
                address: "Jl. Baru 9".into(),
                ..created.data.clone()
            },
        )
        .await
        .unwrap();
    app.delete_student(&admin.actor, updated.id(), updated.version())
        .await
        .unwrap();
    assert!(app.login("kurikulum", "wrong-password").await.is_err());
    let again = app.login("kurikulum", PASSWORD).await.unwrap();
    app.logout(&again.token).await.unwrap();
    assert_eq!(
        app.current_year(&admin.actor).await.unwrap().unwrap().id(),
        year.id()
    );
    let counts = app.counts(&admin.actor).await.unwrap();
    let events = counts.iter().find(|(t, _)| *t == "audit_events").unwrap().1;
    assert!(events > 0);
    app.close().await;

    // ... and cannot touch the audit trail or the schema.
    let mut raw = sqlx::PgConnection::connect(&names.url(&names.app, &names.database))
        .await
        .unwrap();
    for statement in [
        "TRUNCATE audit_events",
        "ALTER TABLE audit_events DISABLE TRIGGER ALL",
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change",
        "UPDATE audit_events SET actor_login = 'someone else'",
        "DELETE FROM audit_events",
        "DROP TRIGGER audit_events_no_change ON audit_events",
        "CREATE TABLE scratch (id INT)",
        "DELETE FROM _sqlx_migrations",
    ] {
        let err = sqlx::query(statement).execute(&mut raw).await.unwrap_err();
        let code = err
            .as_database_error()
            .and_then(|e| e.code())
            .map(|c| c.to_string());
        assert_eq!(
            code.as_deref(),
            Some("42501"),
            "{statement}: refused for want of privilege, got {err}"
        );
    }
    let now: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(now, events);
    raw.close().await.ok();

    // Even the owner cannot TRUNCATE it while its triggers stand.
    let mut owner = sqlx::PgConnection::connect(&names.url(&names.owner, &names.database))
        .await
        .unwrap();
    let err = sqlx::query("TRUNCATE audit_events")
        .execute(&mut owner)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");

    // A schema behind this build: the app's role may not update it, and says
    // who can.
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 2")
        .execute(&mut owner)
        .await
        .unwrap();
    owner.close().await.ok();
    let err = match App::open(&app_url, false).await {
        Ok(_) => panic!("opened a schema it cannot update"),
        Err(e) => e,
    };
    assert_eq!(err.kind(), "access_denied", "{err}");
    assert!(
        err.to_string().contains("the login that owns the tables"),
        "{err}"
    );
}
