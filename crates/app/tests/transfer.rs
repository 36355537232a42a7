//! Backups, checked restores, and copying a school between SQLite and a real
//! PostgreSQL server (SCHOOLDESK_TEST_PG_URL; see scripts/with-postgres.sh).
//!
//! Unlike the other use-case tests these are not run once per backend (see
//! `both!`): each is about SQLite files (a backup is a SQLite file, a
//! restore replaces one; locks, the write-ahead log, file modes, a full
//! disk) or about moving a school from one backend to the other, so each
//! names the backends it uses.

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
    let w = world(Backend::Sqlite).await;
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
    let outcome = App::restore(&backup, &url, "kurikulum", PASSWORD)
        .await
        .unwrap();
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
    let w = world(Backend::Sqlite).await;
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
        let err = App::restore(file, &url, "kurikulum", PASSWORD)
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains(&file.display().to_string()),
            "names the file: {err}"
        );
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
    let w = world(Backend::Sqlite).await;
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
    let w = world(Backend::Sqlite).await;
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
    let w = world(Backend::Sqlite).await;
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

// ---- issue 10: restores and copies that lose nothing and open no door ----

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs SQL on a SQLite file through a connection of its own (another program).
async fn raw_sql(path: &std::path::Path, sql: &str) {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

async fn raw_count(path: &std::path::Path, sql: &str) -> i64 {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    n
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.contains(".restoring-") || n.contains(".partial-"))
        .collect()
}

#[tokio::test]
async fn a_tampered_backup_is_refused_object_by_object() {
    let w = world(Backend::Sqlite).await;
    let good = w.dir.path().join("good.db");
    w.app.backup(&w.admin, &good).await.unwrap();
    w.app.close().await;
    let url = DatabaseUrl::Sqlite(db_path(&w));
    let original = std::fs::read(db_path(&w)).unwrap();
    let cases = [
        (
            "trigger-wipes-students",
            "CREATE TRIGGER wipe AFTER INSERT ON students BEGIN DELETE FROM students; END;",
            "extra trigger wipe",
        ),
        (
            "trigger-makes-admin",
            "CREATE TRIGGER promote AFTER INSERT ON audit_events WHEN NEW.action = 'login' \
             BEGIN UPDATE users SET roles = 'admin' WHERE id = NEW.actor_id; END;",
            "extra trigger promote",
        ),
        (
            "append-only-dropped",
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;",
            "missing trigger audit_events_no_delete",
        ),
        (
            "column-dropped",
            "ALTER TABLE guardians DROP COLUMN occupation;",
            "table guardians is not as created",
        ),
        (
            "table-is-a-view",
            "DROP TABLE rooms; CREATE VIEW rooms AS SELECT id, version, created_at, updated_at, \
             updated_by, login AS name, 1 AS capacity, 'kelas' AS kind FROM users;",
            "rooms is a view where a table belongs",
        ),
        (
            "extra-index",
            "CREATE INDEX sneaky ON users (password_hash);",
            "extra index sneaky",
        ),
        (
            "bad-checksum",
            "UPDATE _sqlx_migrations SET checksum = x'00';",
            "migration 1 is not the one Schooldesk wrote",
        ),
    ];
    for (name, sql, expected) in cases {
        let tampered = w.dir.path().join(format!("{name}.db"));
        std::fs::copy(&good, &tampered).unwrap();
        raw_sql(&tampered, sql).await;
        let err = App::restore(&tampered, &url, "kurikulum", PASSWORD)
            .await
            .unwrap_err();
        let message = err.to_string();
        assert_eq!(err.kind(), "corrupt", "{name}: {message}");
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            message.contains(&tampered.display().to_string()),
            "{name}: names the backup: {message}"
        );
        assert!(
            std::fs::read(db_path(&w)).unwrap() == original,
            "{name}: database untouched"
        );
        assert!(leftovers(w.dir.path()).is_empty(), "{name}");
    }
    // The untampered backup goes through.
    App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap();
}

#[tokio::test]
async fn restore_needs_an_administrator_and_is_audited() {
    let w = world(Backend::Sqlite).await;
    let good = w.dir.path().join("good.db");
    w.app.backup(&w.admin, &good).await.unwrap();
    w.app
        .create_student(&w.admin, &student("0055555555", "Setelah Backup"), None)
        .await
        .unwrap();
    w.app.close().await;
    let url = DatabaseUrl::Sqlite(db_path(&w));

    let err = App::restore(&good, &url, "kurikulum", "not-the-password")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "wrong_login", "{err}");
    let err = App::restore(&good, &url, "guru", PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "forbidden", "{err}");
    // The failed logins are counted in the database; nothing was restored.
    assert_eq!(
        raw_count(&db_path(&w), "SELECT COUNT(*) FROM students").await,
        3
    );
    assert!(!names_in(w.dir.path())
        .iter()
        .any(|n| n.contains("before-restore")));
    assert!(leftovers(w.dir.path()).is_empty());

    let outcome = App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap();
    let restores = raw_count(
        &db_path(&w),
        "SELECT COUNT(*) FROM audit_events WHERE action = 'restore' AND actor_login = 'kurikulum'",
    )
    .await;
    assert_eq!(restores, 1, "the restore is in the restored audit trail");
    let kept = outcome.kept.unwrap();
    let detail = raw_count(
        &db_path(&w),
        &format!(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'restore' AND after_json LIKE '%{}%'",
            kept.file_name().unwrap().to_string_lossy()
        ),
    )
    .await;
    assert_eq!(detail, 1, "the audit names where the old database is kept");
}

#[tokio::test]
async fn a_broken_database_does_not_block_restoring_a_good_backup() {
    let w = world(Backend::Sqlite).await;
    let good = w.dir.path().join("good.db");
    w.app.backup(&w.admin, &good).await.unwrap();
    w.app.close().await;
    let url = DatabaseUrl::Sqlite(db_path(&w));
    let garbage = b"the disk ate this database".repeat(200);
    std::fs::write(db_path(&w), &garbage).unwrap();
    std::fs::write(w.dir.path().join("school.db-wal"), b"and its log").unwrap();

    // The login is checked against the backup: the current file has no users to ask.
    let err = App::restore(&good, &url, "kurikulum", "wrong-password")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "wrong_login", "{err}");
    let outcome = App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap();
    assert!(outcome.counts.contains(&("students", 2)));
    let problem = outcome
        .replaced_problem
        .expect("says the old file was the problem");
    assert!(
        problem.contains(&db_path(&w).display().to_string()),
        "names the file: {problem}"
    );
    let kept = outcome.kept.unwrap();
    assert!(
        std::fs::read(&kept).unwrap() == garbage,
        "the broken file is kept as it was"
    );
    assert!(!w.dir.path().join("school.db-wal").exists());
    let app = App::open(&url, false).await.unwrap();
    assert_eq!(store_of(&app).await.count::<Student>().await.unwrap(), 2);
    app.close().await;
}

#[tokio::test]
async fn a_restore_is_refused_while_the_database_is_open() {
    let w = world(Backend::Sqlite).await;
    let good = w.dir.path().join("good.db");
    w.app.backup(&w.admin, &good).await.unwrap();
    let url = DatabaseUrl::Sqlite(db_path(&w));

    // Schooldesk itself (the desktop, a command) has it open.
    let err = App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "refused", "{err}");
    assert!(err.to_string().contains("in use by Schooldesk"), "{err}");
    w.app
        .create_student(&w.admin, &student("0055555555", "Masih Ditulis"), None)
        .await
        .unwrap();
    w.app.close().await;

    // Another program has it open.
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db_path(&w).display()))
        .await
        .unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM students")
        .fetch_one(&mut other)
        .await
        .unwrap();
    assert_eq!(n, 3);
    let err = App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("open in another program"), "{err}");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM students")
        .fetch_one(&mut other)
        .await
        .unwrap();
    assert_eq!(n, 3, "the other program still sees its database");
    other.close().await.unwrap();
    assert!(leftovers(w.dir.path()).is_empty());

    // Nobody has it open: the restore goes through, and clears what a
    // killed restore left (a staging copy can be as big as the school).
    let stale = w.dir.path().join("school.db.restoring-99999-0");
    std::fs::write(&stale, b"half a school").unwrap();
    std::fs::write(w.dir.path().join("school.db.restoring-99999-0-wal"), b"x").unwrap();
    App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap();
    assert!(
        leftovers(w.dir.path()).is_empty(),
        "{:?}",
        names_in(w.dir.path())
    );
}

#[tokio::test]
async fn restore_keeps_what_the_backups_wal_holds() {
    let w = world(Backend::Sqlite).await;
    // A copy of a database in use: the file and its write-ahead log.
    let live = w.dir.path().join("live.db");
    std::fs::copy(db_path(&w), &live).unwrap();
    let wal = w.dir.path().join("school.db-wal");
    assert!(
        std::fs::metadata(&wal)
            .map(|m| m.len() > 0)
            .unwrap_or(false),
        "the open database has a write-ahead log"
    );
    std::fs::copy(&wal, w.dir.path().join("live.db-wal")).unwrap();
    let expected = w.app.counts(&w.admin).await.unwrap();
    w.app.close().await;

    let target = DatabaseUrl::Sqlite(w.dir.path().join("restored.db"));
    let outcome = App::restore(&live, &target, "kurikulum", PASSWORD)
        .await
        .unwrap();
    let app = App::open(&target, false).await.unwrap();
    let counts = app.counts(&admin_of(&app).await).await.unwrap();
    app.close().await;
    for (table, n) in expected {
        let restored = counts.iter().find(|(t, _)| *t == table).unwrap().1;
        if table == "audit_events" {
            assert!(restored > n, "{table}: the restore itself is audited");
        } else {
            assert_eq!(restored, n, "{table}");
        }
    }
    assert!(outcome.counts.contains(&("students", 2)));
}

#[tokio::test]
async fn two_restores_in_the_same_second_keep_both_databases() {
    let w = world(Backend::Sqlite).await;
    let good = w.dir.path().join("good.db");
    w.app.backup(&w.admin, &good).await.unwrap();
    w.app
        .create_student(&w.admin, &student("0055555555", "Setelah Backup"), None)
        .await
        .unwrap();
    w.app.close().await;
    let url = DatabaseUrl::Sqlite(db_path(&w));
    // Someone's file already has the name the next seconds would give.
    let now = chrono::Utc::now();
    let mut taken = Vec::new();
    for s in 0..3 {
        let stamp = (now + chrono::Duration::seconds(s)).format("%Y%m%d-%H%M%S");
        let name = w
            .dir
            .path()
            .join(format!("school.db.before-restore-{stamp}"));
        std::fs::write(&name, b"not ours").unwrap();
        taken.push(name);
    }

    let first = App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap()
        .kept
        .unwrap();
    let second = App::restore(&good, &url, "kurikulum", PASSWORD)
        .await
        .unwrap()
        .kept
        .unwrap();
    assert_ne!(first, second);
    for name in &taken {
        assert_eq!(std::fs::read(name).unwrap(), b"not ours");
        assert_ne!(name, &first);
        assert_ne!(name, &second);
    }
    assert_eq!(raw_count(&first, "SELECT COUNT(*) FROM students").await, 3);
    assert_eq!(raw_count(&second, "SELECT COUNT(*) FROM students").await, 2);
}

#[tokio::test]
async fn school_files_are_readable_by_their_owner_only() {
    let w = world(Backend::Sqlite).await;
    assert_eq!(mode(&db_path(&w)), 0o600);
    assert_eq!(mode(&w.dir.path().join("school.db-wal")), 0o600);
    let backup = w.dir.path().join("backup.db");
    w.app.backup(&w.admin, &backup).await.unwrap();
    assert_eq!(mode(&backup), 0o600);
    let copy = w.dir.path().join("copy.db");
    w.app
        .copy_to(&w.admin, &DatabaseUrl::Sqlite(copy.clone()))
        .await
        .unwrap();
    assert_eq!(mode(&copy), 0o600);
    w.app.close().await;
    let url = DatabaseUrl::Sqlite(db_path(&w));
    let kept = App::restore(&backup, &url, "kurikulum", PASSWORD)
        .await
        .unwrap()
        .kept
        .unwrap();
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(mode(&db_path(&w)), 0o600);
}

/// A small tmpfs, unmounted when dropped: a disk that fills up for real.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(path: std::path::PathBuf) -> SmallDisk {
        std::fs::create_dir_all(&path).unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs"])
            .arg(&path)
            .status()
            .expect("run mount");
        assert!(
            status.success(),
            "cannot mount a small tmpfs at {} (the full-disk test runs as root)",
            path.display()
        );
        SmallDisk(path)
    }

    /// Fills the disk, leaving `free` bytes.
    fn fill(&self, free: u64) {
        use std::io::Write;
        let filler = self.0.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 4096];
        while file.write_all(&chunk).and_then(|_| file.sync_all()).is_ok() {}
        let len = std::fs::metadata(&filler).unwrap().len();
        file.set_len(len.saturating_sub(free)).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test]
async fn a_full_disk_leaves_no_partial_or_staging_file() {
    let w = world(Backend::Sqlite).await;
    let good = w.dir.path().join("good.db");
    w.app.backup(&w.admin, &good).await.unwrap();

    // A backup onto a full disk.
    let disk = SmallDisk::mount(w.dir.path().join("stick"));
    disk.fill(16 * 1024);
    let on_stick = disk.0.join("backup.db");
    let err = w.app.backup(&w.admin, &on_stick).await.unwrap_err();
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert!(
        err.to_string().contains(&on_stick.display().to_string()),
        "{err}"
    );
    assert_eq!(names_in(&disk.0), ["filler"], "no partial file left");

    // The same from a PostgreSQL school.
    let server = App::open(
        &DatabaseUrl::parse(&pg::fresh_database().await).unwrap(),
        true,
    )
    .await
    .unwrap();
    w.app.copy_to(&w.admin, server.url()).await.unwrap();
    let err = server
        .backup(&admin_of(&server).await, &on_stick)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert_eq!(names_in(&disk.0), ["filler"], "no partial file left");
    server.close().await;
    w.app.close().await;
    drop(disk);

    // A restore onto a full disk: the staging copy does not fit.
    let disk = SmallDisk::mount(w.dir.path().join("full"));
    let current = disk.0.join("school.db");
    std::fs::copy(&good, &current).unwrap();
    disk.fill(16 * 1024);
    let before = std::fs::read(&current).unwrap();
    let err = App::restore(
        &good,
        &DatabaseUrl::Sqlite(current.clone()),
        "kurikulum",
        PASSWORD,
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert!(std::fs::read(&current).unwrap() == before, "untouched");
    assert_eq!(
        names_in(&disk.0),
        ["filler", "school.db", "school.db.lock"],
        "no staging file left"
    );
    // Once there is room, the same restore works.
    std::fs::remove_file(disk.0.join("filler")).unwrap();
    App::restore(&good, &DatabaseUrl::Sqlite(current), "kurikulum", PASSWORD)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_login_during_a_copy_does_not_fail_it() {
    let w = world(Backend::Sqlite).await;
    let server = App::open(
        &DatabaseUrl::parse(&pg::fresh_database().await).unwrap(),
        true,
    )
    .await
    .unwrap();
    w.app.copy_to(&w.admin, server.url()).await.unwrap();
    w.app.close().await;

    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (first, first_done) = tokio::sync::oneshot::channel();
    let logins = {
        let server = server.clone();
        let done = done.clone();
        tokio::spawn(async move {
            let mut first = Some(first);
            let mut n = 0;
            // Capped: the copies below end the loop long before.
            while n < 2000 && !done.load(std::sync::atomic::Ordering::SeqCst) {
                server.login("walikelas", PASSWORD).await.unwrap();
                n += 1;
                if let Some(first) = first.take() {
                    first.send(()).unwrap();
                }
            }
            n
        })
    };
    first_done.await.unwrap();
    let file = w.dir.path().join("from-server.db");
    let server_admin = admin_of(&server).await;
    let copied = server
        .copy_to(&server_admin, &DatabaseUrl::Sqlite(file.clone()))
        .await;
    let backup = w.dir.path().join("server-backup.db");
    let backed_up = server.backup(&server_admin, &backup).await;
    let other = DatabaseUrl::parse(&pg::fresh_database().await).unwrap();
    let to_server = server.copy_to(&server_admin, &other).await;
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let n = logins.await.unwrap();
    assert!(n >= 1);
    let copied = copied.unwrap();
    let backed_up = backed_up.unwrap();
    to_server.unwrap();
    // Each copy is one moment of the school: its own counts, checked.
    let in_file = App::open(&DatabaseUrl::Sqlite(file), false).await.unwrap();
    let file_admin = admin_of(&in_file).await;
    // Signing in to count adds its own login event.
    let mut expected = copied.clone();
    for (table, n) in expected.iter_mut() {
        if *table == "audit_events" {
            *n += 1;
        }
    }
    assert_eq!(in_file.counts(&file_admin).await.unwrap(), expected);
    in_file.close().await;
    assert_eq!(
        raw_count(&backup, "SELECT COUNT(*) FROM audit_events").await,
        backed_up
            .iter()
            .find(|(t, _)| *t == "audit_events")
            .unwrap()
            .1
    );
    server.close().await;
}

#[tokio::test]
async fn a_copy_that_fails_names_the_record_and_can_be_tried_again() {
    let w = world(Backend::Sqlite).await;
    // A NUL byte PostgreSQL cannot store, written around the app.
    raw_sql(
        &db_path(&w),
        "UPDATE students SET full_name = 'Andi' || char(0) || 'Pratama' WHERE nisn = '0012345678'",
    )
    .await;
    let target = DatabaseUrl::parse(&pg::fresh_database().await).unwrap();
    let err = w.app.copy_to(&w.admin, &target).await.unwrap_err();
    let message = err.to_string();
    assert_eq!(err.kind(), "refused", "{message}");
    assert!(
        message.contains(&format!("student {}", w.own_student)) && message.contains("S45678"),
        "names the record: {message}"
    );
    assert!(message.contains("NUL"), "{message}");
    let server = App::open(&target, false).await.unwrap();
    assert!(
        store_of(&server).await.count::<Student>().await.unwrap() == 0
            && store_of(&server).await.count::<User>().await.unwrap() == 0,
        "nothing was copied"
    );
    server.close().await;

    raw_sql(
        &db_path(&w),
        "UPDATE students SET full_name = 'Andi Pratama' WHERE nisn = '0012345678'",
    )
    .await;
    let counts = w.app.copy_to(&w.admin, &target).await.unwrap();
    assert!(counts.contains(&("students", 2)));
    w.app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_into_postgres_keeps_other_writers_out_and_never_mixes_schools() {
    let w = world(Backend::Sqlite).await;
    let url = pg::fresh_database().await;
    let target = DatabaseUrl::parse(&url).unwrap();
    App::open(&target, true).await.unwrap().close().await;
    // Another desktop starts writing into the (empty) server database.
    let mut other = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut other).await.unwrap();
    sqlx::query(
        "INSERT INTO rooms (id, version, created_at, updated_at, name, capacity, kind) \
         VALUES (gen_random_uuid(), 1, now(), now(), 'Ruang Lain', 30, 'kelas')",
    )
    .execute(&mut other)
    .await
    .unwrap();
    let copy = {
        let app = w.app.clone();
        let admin = w.admin.clone();
        let target = target.clone();
        tokio::spawn(async move { app.copy_to(&admin, &target).await })
    };
    // Capped: wait until the copy is queued behind the other writer's lock.
    let mut monitor = sqlx::PgConnection::connect(&url).await.unwrap();
    let mut waited = false;
    for _ in 0..20_000 {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND wait_event_type = 'Lock'",
        )
        .fetch_one(&mut monitor)
        .await
        .unwrap();
        if n > 0 {
            waited = true;
            break;
        }
        if copy.is_finished() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    sqlx::query("COMMIT").execute(&mut other).await.unwrap();
    let result = copy.await.unwrap();
    assert!(
        waited,
        "the copy did not wait for the other writer: {result:?}"
    );
    let err = result.unwrap_err();
    assert_eq!(err.kind(), "refused", "{err}");
    let students: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM students")
        .fetch_one(&mut monitor)
        .await
        .unwrap();
    assert_eq!(students, 0, "no school mixed into another's records");
    monitor.close().await.unwrap();
    other.close().await.unwrap();
    w.app.close().await;
}

/// The first administrator of the school `app` holds, signed in.
async fn admin_of(app: &App) -> Actor {
    app.authenticate("kurikulum", PASSWORD).await.unwrap()
}
