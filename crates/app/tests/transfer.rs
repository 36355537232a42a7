//! Backups, checked restores, and copying a school between SQLite and a real
//! PostgreSQL server (SCHOOLDESK_TEST_PG_URL; see scripts/with-postgres.sh).

mod common;
use common::pg_support as pg;

use common::*;
use schooldesk_app::{App, DatabaseUrl};
use schooldesk_core::*;
use schooldesk_store::Query;
use sqlx::Connection;

fn db_path(w: &World) -> std::path::PathBuf {
    w.dir.path().join("school.db")
}

#[tokio::test]
async fn backup_then_restore_brings_back_exactly_the_backup() {
    let w = world().await;
    let backup = w.dir.path().join("backup.db");
    let counts = w.app.backup(&w.admin, &backup).await.unwrap();
    assert!(counts.contains(&("students", 2)));
    let err = w.app.backup(&w.admin, &backup).await.unwrap_err();
    assert!(err.to_string().contains("already exists"));

    w.app
        .create_student(&w.admin, &student("0055555555", "Setelah Backup"), None)
        .await
        .unwrap();
    w.app.close().await;

    let url = DatabaseUrl::Sqlite(db_path(&w));
    let outcome = App::restore(&backup, &url).await.unwrap();
    assert!(outcome.counts.contains(&("students", 2)));
    let kept = outcome.kept.expect("the replaced database is kept");
    let app = App::open(&url, false).await.unwrap();
    assert_eq!(store_of(&app).await.count::<Student>().await.unwrap(), 2);
    let session = app.login("kurikulum", PASSWORD).await.unwrap();
    assert_eq!(session.actor.login, "kurikulum");
    app.close().await;
    let before_restore = App::open(&DatabaseUrl::Sqlite(kept), false).await.unwrap();
    assert_eq!(
        store_of(&before_restore)
            .await
            .count::<Student>()
            .await
            .unwrap(),
        3
    );
    before_restore.close().await;
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_nothing_changes() {
    let w = world().await;
    let backup = w.dir.path().join("backup.db");
    w.app.backup(&w.admin, &backup).await.unwrap();
    w.app.close().await;
    let url = DatabaseUrl::Sqlite(db_path(&w));

    let garbage = w.dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database, it is a shopping list").unwrap();
    let truncated = w.dir.path().join("truncated.db");
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = w.dir.path().join("foreign.db");
    {
        let mut conn =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", foreign.display()))
                .await
                .unwrap();
        sqlx::query("CREATE TABLE t (x)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let original = std::fs::read(db_path(&w)).unwrap();
    for (file, kind) in [
        (&garbage, "corrupt"),
        (&truncated, "corrupt"),
        (&foreign, "corrupt"),
        (&w.dir.path().join("missing.db"), "unavailable"),
    ] {
        let err = App::restore(file, &url).await.unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", file.display());
        assert_eq!(
            std::fs::read(db_path(&w)).unwrap(),
            original,
            "database untouched after {}",
            file.display()
        );
    }
}

#[tokio::test]
async fn a_database_from_a_newer_app_is_refused() {
    let w = world().await;
    w.app.close().await;
    let path = db_path(&w);
    {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', 1, x'00', 0)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let err = App::open(&DatabaseUrl::Sqlite(path), false)
        .await
        .err()
        .unwrap();
    assert_eq!(err.kind(), "newer_database");
    assert!(
        err.to_string()
            .contains("newer version of Schooldesk (schema version 9999)"),
        "{err}"
    );
}

#[tokio::test]
async fn bad_database_urls_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let missing = App::open(&DatabaseUrl::Sqlite(dir.path().join("nope.db")), false)
        .await
        .err()
        .unwrap();
    assert_eq!(missing.kind(), "unavailable");
    assert!(missing.to_string().contains("schooldesk init"), "{missing}");
    // Nothing listens on port 1.
    let url = DatabaseUrl::parse("postgres://kurikulum:secret@127.0.0.1:1/sekolah").unwrap();
    let err = App::open(&url, false).await.err().unwrap();
    assert_eq!(err.kind(), "unavailable");
    assert!(
        err.to_string().contains("check the server address"),
        "{err}"
    );
    assert!(!err.to_string().contains("secret"));

    // The test server checks passwords: a wrong one is named as such.
    let real = pg::server_url();
    let (_, server) = real.split_once('@').expect("user@server in the test URL");
    let wrong = format!("postgres://postgres:not-the-password@{server}");
    let err = App::open(&DatabaseUrl::parse(&wrong).unwrap(), false)
        .await
        .err()
        .unwrap();
    assert_eq!(err.kind(), "access_denied", "{err}");
    assert!(
        err.to_string().contains("wrong user name or password"),
        "{err}"
    );
}

#[tokio::test]
async fn a_school_moves_to_postgres_and_back_without_retyping() {
    let w = world().await;
    w.app
        .import(
            &w.admin,
            schooldesk_app::sheet::Kind::Students,
            schooldesk_app::sheet::Format::Xlsx,
            include_bytes!("fixtures/siswa-openpyxl.xlsx"),
            false,
        )
        .await
        .unwrap();
    let pg_url = DatabaseUrl::parse(&pg::fresh_database().await).unwrap();
    let counts = w.app.copy_to(&w.admin, &pg_url).await.unwrap();
    assert_eq!(counts, w.app.counts(&w.admin).await.unwrap());
    assert!(counts.contains(&("students", 8)));

    let server = App::open(&pg_url, false).await.unwrap();
    // The same account as on the file (the copy is exact); signing in again
    // would add an audit event.
    let server_admin = w.admin.clone();
    // Same ids, same records, same passwords.
    for s in store_of(&w.app)
        .await
        .list::<Student>(&Query::all())
        .await
        .unwrap()
    {
        assert_eq!(
            store_of(&server)
                .await
                .get::<Student>(s.id())
                .await
                .unwrap(),
            s
        );
    }
    assert_eq!(server.counts(&server_admin).await.unwrap(), counts);
    let session = server.login("walikelas", PASSWORD).await.unwrap();
    assert_eq!(session.actor.homeroom_class_ids, [w.class_a]);
    // Copying into a database that holds a school is refused and changes nothing.
    let before = server.counts(&server_admin).await.unwrap();
    let err = w.app.copy_to(&w.admin, &pg_url).await.unwrap_err();
    assert_eq!(err.kind(), "refused");
    assert_eq!(server.counts(&server_admin).await.unwrap(), before);

    // Work continues on the server, then the school moves back to a file.
    server
        .create_student(
            &session_admin(&server).await,
            &student("0077777777", "Di Server"),
            None,
        )
        .await
        .unwrap();
    let back = DatabaseUrl::Sqlite(w.dir.path().join("back.db"));
    let back_counts = server.copy_to(&server_admin, &back).await.unwrap();
    assert!(back_counts.contains(&("students", 9)));
    let file = App::open(&back, false).await.unwrap();
    assert_eq!(
        file.search_students(&session_admin(&file).await, "Di Server", 5)
            .await
            .unwrap()
            .len(),
        1
    );

    // A backup of a PostgreSQL school is a SQLite file.
    let backup = w.dir.path().join("server-backup.db");
    let backup_counts = server.backup(&server_admin, &backup).await.unwrap();
    assert_eq!(backup_counts, back_counts);
    server.close().await;
    file.close().await;
}

async fn session_admin(app: &App) -> Actor {
    app.login("kurikulum", PASSWORD).await.unwrap().actor
}

#[tokio::test]
async fn a_locked_database_file_says_so_and_changes_nothing() {
    let w = world().await;
    // Another program holds the write lock (another copy of Schooldesk, a
    // sync tool, an SQLite browser in the middle of an edit).
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db_path(&w).display()))
        .await
        .unwrap();
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut other)
        .await
        .unwrap();
    let err = w
        .app
        .create_student(&w.admin, &student("0066666666", "Terkunci"), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "busy");
    assert!(
        err.to_string().contains("locked by another program"),
        "{err}"
    );
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    assert_eq!(store_of(&w.app).await.count::<Student>().await.unwrap(), 2);
    // Once the lock is gone, the same write goes through.
    w.app
        .create_student(&w.admin, &student("0066666666", "Terkunci"), None)
        .await
        .unwrap();
}
