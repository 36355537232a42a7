//! The storage conformance suite: written once, run against every backend.
//!
//! A backend crate instantiates it with [`conformance_suite!`], giving an
//! expression that yields a fresh, empty, migrated [`Store`]. Each case gets
//! its own store. A case that cannot get a store fails; there is no skipping.

use chrono::{DateTime, NaiveDate, SubsecRound, TimeZone, Utc};
use schooldesk_core::*;
use schooldesk_store::tables::{self, Record};
use schooldesk_store::{
    sql, AuditQuery, ChangeSet, Filter, LoginClaim, LoginState, Query, Row, SessionRow, Store,
    StoreError, Table,
};

/// Expands to one `#[tokio::test]` per conformance case.
#[macro_export]
macro_rules! conformance_suite {
    ($make_store:expr) => {
        $crate::conformance_suite!(@cases $make_store;
            every_record_round_trips,
            update_bumps_version_and_refuses_stale,
            delete_checks_version,
            a_hold_checks_the_version_and_writes_nothing,
            unique_violation_names_the_field,
            failed_change_writes_nothing,
            many_rows_in_one_change_are_written_and_refused_as_one_by_one,
            nul_text_is_refused_alike,
            audit_is_written_with_each_change,
            foreign_keys_are_enforced,
            one_open_enrollment_per_year,
            queries_filter_sort_and_search,
            sessions_and_login_state,
            login_attempts_are_claimed_before_the_check,
            every_table_declaration_matches_the_live_schema,
        );
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn load_copies_a_school_exactly() {
            let store: $crate::store::Store = $make_store.await;
            let empty: $crate::store::Store = $make_store.await;
            $crate::conformance::load_copies_a_school_exactly(store.clone(), empty.clone()).await;
            store.backend().close().await;
            empty.backend().close().await;
        }
    };
    (@cases $make_store:expr; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let store: $crate::store::Store = $make_store.await;
                $crate::conformance::$case(store.clone()).await;
                store.backend().close().await;
            }
        )*
    };
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn changes() -> ChangeSet {
    ChangeSet::new(None, "conformance", now())
}

fn student(nisn: &str, name: &str) -> Student {
    Student {
        nis: format!("N{}", &nisn[6..]),
        nisn: nisn.into(),
        full_name: name.into(),
        gender: Gender::Female,
        birth_place: "Yogyakarta".into(),
        birth_date: date(2010, 2, 28),
        religion: "Islam".into(),
        address: "Jl. Malioboro 12, RT 01/RW 02".into(),
        status: StudentStatus::Active,
        user_id: None,
    }
}

async fn create<R: Record>(store: &Store, data: &R) -> Stored<R> {
    let mut cs = changes();
    cs.insert(data);
    store.commit_returning(cs).await.expect("insert")
}

/// Ids of a small school: one of every record kind.
struct Fixture {
    year: Id,
    class: Id,
    other_class: Id,
    student: Id,
}

async fn fixture(store: &Store) -> Fixture {
    let year = create(
        store,
        &AcademicYear {
            name: "2025/2026".into(),
            start_date: date(2025, 7, 14),
            end_date: date(2026, 6, 30),
            is_current: true,
        },
    )
    .await;
    let teacher = create(
        store,
        &Teacher {
            full_name: "Budi Santoso, S.Pd.".into(),
            nip: Some("198001012005011001".into()),
            nuptk: None,
            gender: Gender::Male,
            phone: None,
            email: Some("budi@example.sch.id".into()),
            user_id: None,
            active: true,
        },
    )
    .await;
    let class = |name: &str| Class {
        name: name.into(),
        grade_level: 7,
        academic_year_id: year.id(),
        homeroom_teacher_id: Some(teacher.id()),
    };
    let class_a = create(store, &class("VII-A")).await;
    let class_b = create(store, &class("VII-B")).await;
    let s = create(store, &student("0012345678", "Siti Aminah")).await;
    Fixture {
        year: year.id(),
        class: class_a.id(),
        other_class: class_b.id(),
        student: s.id(),
    }
}

pub async fn every_record_round_trips(store: Store) {
    let start = now();
    let user = User {
        login: "kurikulum".into(),
        display_name: "Bu Sari".into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$abc$def".into(),
        roles: vec![Role::Admin, Role::Teacher], // stored sorted
        active: true,
        must_change_password: true,
    };
    let stored_user = create(&store, &user).await;
    assert_eq!(stored_user.data, user);
    assert_eq!(stored_user.meta.version, 1);
    assert!(stored_user.meta.created_at >= start);
    assert_eq!(
        store.get::<User>(stored_user.id()).await.unwrap(),
        stored_user
    );

    let school = School {
        name: "SMP Negeri 1 Sukamaju — ﻣﺪﺭﺳﺔ".into(),
        npsn: "20212345".into(),
        address: "Jl. Pendidikan No. 1, Kec. Sukamaju".into(),
        principal_name: "Dra. Hj. Nur'aini".into(),
        principal_nip: None,
        logo: Some(vec![0x89, b'P', b'N', b'G', 0, 255]),
        logo_mime: Some("image/png".into()),
    };
    let s = create(&store, &school).await;
    assert_eq!(store.get::<School>(s.id()).await.unwrap().data, school);

    let f = fixture(&store).await;
    let term = Term {
        academic_year_id: f.year,
        number: 2,
        name: "Semester Genap".into(),
        start_date: date(2026, 1, 5),
        end_date: date(2026, 6, 20),
    };
    let t = create(&store, &term).await;
    assert_eq!(store.get::<Term>(t.id()).await.unwrap().data, term);

    let guardian = Guardian {
        full_name: "Ahmad Fauzi".into(),
        relation: "ayah".into(),
        phone: Some("+62 812 0000 1111".into()),
        occupation: None,
        address: None,
        user_id: Some(stored_user.id()),
    };
    let g = create(&store, &guardian).await;
    assert_eq!(store.get::<Guardian>(g.id()).await.unwrap().data, guardian);
    let link = StudentGuardian {
        student_id: f.student,
        guardian_id: g.id(),
    };
    let l = create(&store, &link).await;
    assert_eq!(
        store.get::<StudentGuardian>(l.id()).await.unwrap().data,
        link
    );

    let enrollment = Enrollment {
        student_id: f.student,
        class_id: f.class,
        academic_year_id: f.year,
        start_date: date(2025, 7, 14),
        end_date: Some(date(2025, 9, 1)),
        end_reason: Some("moved".into()),
    };
    let e = create(&store, &enrollment).await;
    assert_eq!(
        store.get::<Enrollment>(e.id()).await.unwrap().data,
        enrollment
    );

    let subject = Subject {
        code: "PAI".into(),
        name: "Pendidikan Agama Islam dan Budi Pekerti".into(),
        group_name: "A".into(),
        religion_specific: true,
    };
    let sub = create(&store, &subject).await;
    assert_eq!(store.get::<Subject>(sub.id()).await.unwrap().data, subject);

    let room = Room {
        name: "Lab IPA".into(),
        capacity: 36,
        kind: "lab".into(),
    };
    let r = create(&store, &room).await;
    assert_eq!(store.get::<Room>(r.id()).await.unwrap().data, room);

    let teacher = store
        .first::<Teacher>(Query::all())
        .await
        .unwrap()
        .expect("fixture teacher");
    let assignment = TeachingAssignment {
        teacher_id: teacher.id(),
        subject_id: sub.id(),
        class_id: f.class,
        periods_per_week: 3,
    };
    let a = create(&store, &assignment).await;
    assert_eq!(
        store.get::<TeachingAssignment>(a.id()).await.unwrap().data,
        assignment
    );

    let missing = new_id();
    match store.get::<Student>(missing).await {
        Err(StoreError::NotFound {
            what: "student",
            id,
        }) => assert_eq!(id, missing.to_string()),
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert_eq!(store.count::<Class>().await.unwrap(), 2);
}

pub async fn update_bumps_version_and_refuses_stale(store: Store) {
    let f = fixture(&store).await;
    let original = store.get::<Student>(f.student).await.unwrap();
    let editor = new_id();

    let mut renamed = original.data.clone();
    renamed.full_name = "Siti Aminah Putri".into();
    let mut cs = ChangeSet::new(Some(editor), "wali", now());
    cs.update(f.student, 1, &renamed);
    let updated: Stored<Student> = store.commit_returning(cs).await.unwrap();
    assert_eq!(updated.meta.version, 2);
    assert_eq!(updated.meta.created_at, original.meta.created_at);
    assert_eq!(updated.meta.updated_by, Some(editor));
    assert_eq!(updated.data.full_name, "Siti Aminah Putri");
    assert_eq!(store.get::<Student>(f.student).await.unwrap(), updated);

    // A second desktop still holding version 1 must be refused.
    let mut stale = original.data.clone();
    stale.address = "overwritten".into();
    let mut cs = changes();
    cs.update(f.student, 1, &stale);
    match store.commit(cs).await {
        Err(StoreError::Conflict {
            what,
            current_version,
            updated_by,
            ..
        }) => {
            assert_eq!(what, "student");
            assert_eq!(current_version, 2);
            assert_eq!(updated_by, Some(editor));
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    assert_eq!(store.get::<Student>(f.student).await.unwrap(), updated);

    let mut cs = changes();
    cs.update(new_id(), 1, &stale);
    assert!(matches!(
        store.commit(cs).await,
        Err(StoreError::NotFound {
            what: "student",
            ..
        })
    ));
}

pub async fn delete_checks_version(store: Store) {
    let room = create(
        &store,
        &Room {
            name: "R-101".into(),
            capacity: 32,
            kind: "classroom".into(),
        },
    )
    .await;
    let mut cs = changes();
    cs.delete::<Room>(room.id(), 7);
    assert!(matches!(
        store.commit(cs).await,
        Err(StoreError::Conflict {
            current_version: 1,
            ..
        })
    ));
    assert!(store.find::<Room>(room.id()).await.unwrap().is_some());
    let mut cs = changes();
    cs.delete::<Room>(room.id(), 1);
    store.commit(cs).await.unwrap();
    assert!(store.find::<Room>(room.id()).await.unwrap().is_none());
}

/// `ChangeSet::hold`: a row the change depends on but does not write. At
/// the held version the change commits, the held row untouched and
/// unaudited; at another the whole change is refused as a conflict; a
/// missing row is not found. `commit_returning` still answers the last
/// write (the hold goes first).
pub async fn a_hold_checks_the_version_and_writes_nothing(store: Store) {
    let room = |name: &str| Room {
        name: name.into(),
        capacity: 30,
        kind: "classroom".into(),
    };
    let held = create(&store, &room("R-201")).await;
    let audit_before = store.backend().count_audit().await.unwrap();

    let mut cs = changes();
    cs.insert(&room("R-202"));
    cs.hold::<Room>(held.id(), 1);
    let made: Stored<Room> = store.commit_returning(cs).await.unwrap();
    assert_eq!(made.data.name, "R-202");
    assert_eq!(store.get::<Room>(held.id()).await.unwrap(), held);
    assert_eq!(
        store.backend().count_audit().await.unwrap(),
        audit_before + 1,
        "the insert is audited, the hold is not"
    );

    let mut cs = changes();
    cs.insert(&room("R-203"));
    cs.hold::<Room>(held.id(), 7);
    assert!(matches!(
        store.commit(cs).await,
        Err(StoreError::Conflict {
            current_version: 1,
            ..
        })
    ));
    let mut cs = changes();
    cs.insert(&room("R-204"));
    cs.hold::<Room>(new_id(), 1);
    assert!(matches!(
        store.commit(cs).await,
        Err(StoreError::NotFound { what: "room", .. })
    ));
    let names: Vec<String> = store
        .list::<Room>(&Query::all().order("name"))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.data.name)
        .collect();
    assert_eq!(names, ["R-201", "R-202"], "a refused change writes nothing");
}

pub async fn unique_violation_names_the_field(store: Store) {
    create(&store, &student("0012345678", "Siti")).await;
    let mut cs = changes();
    cs.insert(&Student {
        nis: "other".into(),
        ..student("0012345678", "Rina")
    });
    match store.commit(cs).await {
        Err(err @ StoreError::Duplicate { .. }) => {
            assert_eq!(
                err,
                StoreError::Duplicate {
                    what: "student",
                    field: "NISN".into(),
                    value: "0012345678".into()
                }
            );
            assert_eq!(
                err.to_string(),
                "a student with NISN 0012345678 already exists"
            );
        }
        other => panic!("expected Duplicate, got {other:?}"),
    }
}

pub async fn failed_change_writes_nothing(store: Store) {
    create(&store, &student("0012345678", "Siti")).await;
    let audit_before = store.backend().count_audit().await.unwrap();
    let mut cs = changes();
    cs.insert(&student("0099999991", "Good one"));
    cs.insert(&student("0099999992", "Another good one"));
    cs.insert(&Student {
        nis: "X1".into(),
        ..student("0012345678", "Duplicate NISN")
    });
    assert!(store.commit(cs).await.is_err());
    assert_eq!(store.count::<Student>().await.unwrap(), 1);
    assert_eq!(store.backend().count_audit().await.unwrap(), audit_before);
}

/// A change of hundreds of rows of one table (written many to a
/// statement, issue 17 item 9) writes and audits each row as a change of
/// one would, and is refused alike: a duplicate far into the run names its
/// field and value and writes nothing; a run of updates checks each
/// version, also of a row updated twice in the run.
pub async fn many_rows_in_one_change_are_written_and_refused_as_one_by_one(store: Store) {
    create(&store, &student("0012345678", "Siti")).await;
    let audit_before = store.backend().count_audit().await.unwrap();
    let many = |n: usize| -> Vec<Student> {
        (0..n)
            .map(|i| student(&format!("00990{i:05}"), &format!("Siswa {i}")))
            .collect()
    };
    // A duplicate NISN as the 451st row: named, nothing written.
    let mut cs = changes();
    for (i, s) in many(600).iter().enumerate() {
        if i == 450 {
            cs.insert(&Student {
                nis: "DUP".into(),
                ..student("0012345678", "Duplicate NISN")
            });
        }
        cs.insert(s);
    }
    assert_eq!(
        store.commit(cs).await.unwrap_err(),
        StoreError::Duplicate {
            what: "student",
            field: "NISN".into(),
            value: "0012345678".into()
        }
    );
    assert_eq!(store.count::<Student>().await.unwrap(), 1);
    assert_eq!(store.backend().count_audit().await.unwrap(), audit_before);
    // Written: every row, each with its own audit event.
    let mut cs = changes();
    let ids: Vec<Id> = many(600).iter().map(|s| cs.insert(s)).collect();
    store.commit(cs).await.unwrap();
    assert_eq!(store.count::<Student>().await.unwrap(), 601);
    assert_eq!(
        store.backend().count_audit().await.unwrap(),
        audit_before + 600
    );
    let last = store.get::<Student>(ids[599]).await.unwrap();
    assert_eq!(last.data.full_name, "Siswa 599");
    let events = store
        .backend()
        .audit(&AuditQuery {
            table_name: Some("students".into()),
            record_id: Some(ids[321]),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert!(events[0].after.as_deref().unwrap().contains("Siswa 321"));
    // Updates in a run: each checked, each audited with its before.
    let rows: Vec<Stored<Student>> = futures_join(&store, &ids[..3]).await;
    let mut cs = changes();
    for r in &rows {
        cs.update(
            r.id(),
            1,
            &Student {
                full_name: format!("{} baru", r.data.full_name),
                ..r.data.clone()
            },
        );
    }
    cs.update(
        rows[1].id(),
        2,
        &Student {
            full_name: "Dua kali".into(),
            ..rows[1].data.clone()
        },
    );
    store.commit(cs).await.unwrap();
    assert_eq!(
        store.get::<Student>(ids[1]).await.unwrap().data.full_name,
        "Dua kali"
    );
    assert_eq!(store.get::<Student>(ids[1]).await.unwrap().version(), 3);
    assert_eq!(
        store.get::<Student>(ids[2]).await.unwrap().data.full_name,
        "Siswa 2 baru"
    );
    // A stale version in the middle of a run refuses the whole change.
    let mut cs = changes();
    cs.update(
        ids[0],
        2,
        &Student {
            full_name: "A".into(),
            ..rows[0].data.clone()
        },
    );
    cs.update(
        ids[2],
        1,
        &Student {
            full_name: "B".into(),
            ..rows[2].data.clone()
        },
    );
    cs.update(
        ids[3],
        1,
        &Student {
            full_name: "C".into(),
            ..student("0099000003", "x")
        },
    );
    assert!(matches!(
        store.commit(cs).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(
        store.get::<Student>(ids[0]).await.unwrap().data.full_name,
        "Siswa 0 baru"
    );
    assert_eq!(
        store.get::<Student>(ids[3]).await.unwrap().data.full_name,
        "Siswa 3"
    );
    // A long run of updates (more than one statement holds): a duplicate
    // NISN in its second statement refuses the whole change, named as a
    // single update would be, nothing written or audited; without it,
    // every row is written and audited with its before.
    let rest = futures_join(&store, &ids[4..]).await;
    let again = |duplicate: Option<usize>| {
        let mut cs = changes();
        for (i, r) in rest.iter().enumerate() {
            let nisn = match duplicate {
                Some(d) if d == i => "0012345678".to_string(),
                _ => r.data.nisn.clone(),
            };
            cs.update(
                r.id(),
                r.version(),
                &Student {
                    nisn,
                    full_name: format!("Lagi {i}"),
                    ..r.data.clone()
                },
            );
        }
        cs
    };
    let audit_before = store.backend().count_audit().await.unwrap();
    assert_eq!(
        store.commit(again(Some(590))).await.unwrap_err(),
        StoreError::Duplicate {
            what: "student",
            field: "NISN".into(),
            value: "0012345678".into()
        }
    );
    assert_eq!(store.get::<Student>(ids[4]).await.unwrap(), rest[0]);
    assert_eq!(store.backend().count_audit().await.unwrap(), audit_before);
    store.commit(again(None)).await.unwrap();
    assert_eq!(
        store.backend().count_audit().await.unwrap(),
        audit_before + rest.len() as i64
    );
    let last = store.get::<Student>(ids[599]).await.unwrap();
    assert_eq!(
        (last.data.full_name.as_str(), last.version()),
        ("Lagi 595", 2)
    );
    assert_eq!(
        store.get::<Student>(ids[4]).await.unwrap().data.full_name,
        "Lagi 0"
    );
    let events = store
        .backend()
        .audit(&AuditQuery {
            table_name: Some("students".into()),
            record_id: Some(ids[599]),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].action, "update");
    assert!(events[0].before.as_deref().unwrap().contains("Siswa 599"));
    assert!(events[0].after.as_deref().unwrap().contains("Lagi 595"));

    // The same long run audited by its events alone (a month's
    // invoicing): the rows are not read first, yet a stale version far
    // into it still refuses the whole change as a conflict on that row,
    // with nothing written or audited; without it, every row is written at
    // its next version, the one event is the audit, and no rows come back.
    let rest = futures_join(&store, &ids[4..]).await;
    let bulk = |stale: Option<usize>| {
        let mut cs = changes();
        for (i, r) in rest.iter().enumerate() {
            let version = if stale == Some(i) { 1 } else { r.version() };
            cs.update(
                r.id(),
                version,
                &Student {
                    full_name: format!("Massal {i}"),
                    ..r.data.clone()
                },
            );
        }
        cs.audit_by_events();
        cs.event(
            "bulk_renamed",
            "students",
            None,
            Some("596 students".into()),
        );
        cs
    };
    let audit_before = store.backend().count_audit().await.unwrap();
    match store.commit(bulk(Some(500))).await.unwrap_err() {
        StoreError::Conflict {
            id,
            current_version,
            ..
        } => assert_eq!((id, current_version), (rest[500].id(), 2)),
        other => panic!("expected a conflict on the stale row, got {other:?}"),
    }
    assert_eq!(store.get::<Student>(ids[4]).await.unwrap(), rest[0]);
    assert_eq!(store.backend().count_audit().await.unwrap(), audit_before);
    let rows = store.commit(bulk(None)).await.unwrap();
    assert_eq!(rows.len(), rest.len() + 1);
    assert!(rows.iter().all(Option::is_none));
    assert_eq!(
        store.backend().count_audit().await.unwrap(),
        audit_before + 1
    );
    let last = store.get::<Student>(ids[599]).await.unwrap();
    assert_eq!(
        (last.data.full_name.as_str(), last.version()),
        ("Massal 595", 3)
    );
}

async fn futures_join(store: &Store, ids: &[Id]) -> Vec<Stored<Student>> {
    let mut out = Vec::new();
    for id in ids {
        out.push(store.get::<Student>(*id).await.unwrap());
    }
    out
}

/// SQLite would store a NUL character and PostgreSQL refuses it with a driver
/// error; both backends refuse it alike, naming the record and field, and
/// write nothing.
pub async fn nul_text_is_refused_alike(store: Store) {
    let s = create(&store, &student("0012345678", "Siti")).await;
    let audit_before = store.backend().count_audit().await.unwrap();
    let mut cs = changes();
    cs.insert(&student("0099999991", "Good one"));
    cs.insert(&Student {
        address: "Jl. Mawar\0 3".into(),
        ..student("0099999992", "Bad one")
    });
    let err = store.commit(cs).await.unwrap_err();
    assert_eq!(
        err,
        StoreError::Refused(
            "the student's address contains a NUL character (U+0000), which cannot be stored; remove it and try again".into()
        )
    );
    let mut cs = changes();
    cs.update(
        s.id(),
        s.version(),
        &Student {
            full_name: "Si\0ti".into(),
            ..s.data.clone()
        },
    );
    assert!(matches!(store.commit(cs).await, Err(StoreError::Refused(m)) if m.contains("name")));
    assert_eq!(store.count::<Student>().await.unwrap(), 1);
    assert_eq!(store.get::<Student>(s.id()).await.unwrap(), s);
    assert_eq!(store.backend().count_audit().await.unwrap(), audit_before);
}

pub async fn audit_is_written_with_each_change(store: Store) {
    let admin = new_id();
    let user = User {
        login: "guru1".into(),
        display_name: "Guru Satu".into(),
        password_hash: "SECRET-HASH".into(),
        roles: vec![Role::Teacher],
        active: true,
        must_change_password: false,
    };
    let mut cs = ChangeSet::new(Some(admin), "admin", now());
    let id = cs.insert(&user);
    store.commit(cs).await.unwrap();
    let mut cs = ChangeSet::new(Some(admin), "admin", now());
    cs.update(
        id,
        1,
        &User {
            active: false,
            password_hash: "NEW-SECRET".into(),
            ..user.clone()
        },
    );
    cs.event("password_reset", "users", Some(id), Some("by admin".into()));
    store.commit(cs).await.unwrap();

    let events = store
        .backend()
        .audit(&AuditQuery {
            table_name: Some("users".into()),
            record_id: Some(id),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["password_reset", "update", "create"],
        "newest first"
    );
    let update = &events[1];
    assert_eq!(update.actor_id, Some(admin));
    assert_eq!(update.actor_login, "admin");
    let before: serde_json::Value =
        serde_json::from_str(update.before.as_deref().unwrap()).unwrap();
    let after: serde_json::Value = serde_json::from_str(update.after.as_deref().unwrap()).unwrap();
    assert_eq!(before["active"], true);
    assert_eq!(after["active"], false);
    assert_eq!(after["login"], "guru1");
    for e in &events {
        for text in [&e.before, &e.after].into_iter().flatten() {
            assert!(
                !text.contains("SECRET"),
                "password hash leaked into audit: {text}"
            );
        }
    }
    assert!(events[2].before.is_none());
    let detail: serde_json::Value =
        serde_json::from_str(events[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(detail["detail"], "by admin");
}

pub async fn foreign_keys_are_enforced(store: Store) {
    let f = fixture(&store).await;
    let mut cs = changes();
    cs.insert(&Enrollment {
        student_id: f.student,
        class_id: f.class,
        academic_year_id: f.year,
        start_date: date(2025, 7, 14),
        end_date: None,
        end_reason: None,
    });
    store.commit(cs).await.unwrap();

    let mut cs = changes();
    cs.delete::<Class>(f.class, 1);
    assert_eq!(
        store.commit(cs).await.unwrap_err(),
        StoreError::InUse { what: "class" }
    );
    let mut cs = changes();
    cs.insert(&Enrollment {
        student_id: new_id(),
        class_id: f.other_class,
        academic_year_id: f.year,
        start_date: date(2025, 7, 14),
        end_date: None,
        end_reason: None,
    });
    assert_eq!(
        store.commit(cs).await.unwrap_err(),
        StoreError::MissingReference { what: "enrollment" }
    );
}

pub async fn one_open_enrollment_per_year(store: Store) {
    let f = fixture(&store).await;
    let open = |class_id| Enrollment {
        student_id: f.student,
        class_id,
        academic_year_id: f.year,
        start_date: date(2025, 7, 14),
        end_date: None,
        end_reason: None,
    };
    let first = create(&store, &open(f.class)).await;
    let mut cs = changes();
    cs.insert(&open(f.other_class));
    assert!(matches!(
        store.commit(cs).await,
        Err(StoreError::Duplicate {
            what: "enrollment",
            ..
        })
    ));

    // Moving: end the first, open the second, in one change; history stays.
    let mut cs = changes();
    cs.update(
        first.id(),
        1,
        &Enrollment {
            end_date: Some(date(2025, 10, 1)),
            end_reason: Some("moved".into()),
            ..first.data.clone()
        },
    );
    cs.insert(&Enrollment {
        start_date: date(2025, 10, 1),
        ..open(f.other_class)
    });
    store.commit(cs).await.unwrap();
    let history = store
        .list::<Enrollment>(&Query::all().eq("student_id", f.student).order("start_date"))
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].data.class_id, f.class);
    assert_eq!(history[0].data.end_reason.as_deref(), Some("moved"));
    assert_eq!(history[1].data.class_id, f.other_class);
    assert_eq!(history[1].data.end_date, None);
}

pub async fn queries_filter_sort_and_search(store: Store) {
    let names = [
        ("0000000001", "Zahra Putri"),
        ("0000000002", "Ahmad Rizki"),
        ("0000000003", "Putu Ayu"),
        ("0000000004", "100% Sari_x"),
        ("0000000005", "Dewi Sartika"),
    ];
    let mut cs = changes();
    let mut ids = Vec::new();
    for (nisn, name) in names {
        ids.push(cs.insert(&student(nisn, name)));
    }
    store.commit(cs).await.unwrap();

    let sorted = store
        .list::<Student>(&Query::all().order("full_name"))
        .await
        .unwrap();
    let order: Vec<&str> = sorted.iter().map(|s| s.data.full_name.as_str()).collect();
    assert_eq!(
        order,
        [
            "100% Sari_x",
            "Ahmad Rizki",
            "Dewi Sartika",
            "Putu Ayu",
            "Zahra Putri"
        ]
    );

    let search = |text: &str| {
        Query::all()
            .filter(Filter::Contains(vec!["full_name", "nisn"], text.into()))
            .order("full_name")
    };
    let found = store.list::<Student>(&search("PUT")).await.unwrap();
    let found: Vec<&str> = found.iter().map(|s| s.data.full_name.as_str()).collect();
    assert_eq!(found, ["Putu Ayu", "Zahra Putri"]);
    // Wildcards in the search text are matched literally.
    assert_eq!(store.list::<Student>(&search("0%")).await.unwrap().len(), 1);
    assert_eq!(
        store.list::<Student>(&search("i_x")).await.unwrap().len(),
        1
    );
    assert_eq!(
        store
            .list::<Student>(&search("0000000003"))
            .await
            .unwrap()
            .len(),
        1
    );

    let some = store
        .list::<Student>(&Query::all().filter(Filter::In("id", vec![ids[0].into(), ids[2].into()])))
        .await
        .unwrap();
    assert_eq!(some.len(), 2);
    let limited = store
        .list::<Student>(&Query::all().order("nisn").limit(2))
        .await
        .unwrap();
    assert_eq!(limited.len(), 2);
    assert_eq!(limited[1].data.nisn, "0000000002");
    let no_user = store
        .list::<Student>(&Query::all().filter(Filter::IsNull("user_id")))
        .await
        .unwrap();
    assert_eq!(no_user.len(), 5);
    let by_date = store
        .list::<Student>(&Query::all().eq("birth_date", date(2010, 2, 28)))
        .await
        .unwrap();
    assert_eq!(by_date.len(), 5);
}

pub async fn sessions_and_login_state(store: Store) {
    let user = create(
        &store,
        &User {
            login: "ortu".into(),
            display_name: "Orang Tua".into(),
            password_hash: "x".into(),
            roles: vec![Role::Parent],
            active: true,
            must_change_password: false,
        },
    )
    .await;
    let db = store.backend().sessions();
    assert_eq!(
        db.login_state(user.id()).await.unwrap(),
        LoginState::default()
    );
    let state = LoginState {
        failed_logins: 6,
        locked_until: Some(Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap()),
        last_login_at: None,
    };
    db.set_login_state(user.id(), &state).await.unwrap();
    assert_eq!(db.login_state(user.id()).await.unwrap(), state);
    db.set_login_state(user.id(), &LoginState::default())
        .await
        .unwrap();
    assert_eq!(
        db.login_state(user.id()).await.unwrap(),
        LoginState::default()
    );

    let t0 = now();
    let session = SessionRow {
        token_hash: "abc123".into(),
        user_id: user.id(),
        created_at: t0,
        last_seen_at: t0,
    };
    db.put_session(&session).await.unwrap();
    assert_eq!(db.session("abc123").await.unwrap(), Some(session.clone()));
    let later = t0 + chrono::Duration::minutes(5);
    db.touch_session("abc123", later).await.unwrap();
    assert_eq!(
        db.session("abc123").await.unwrap().unwrap().last_seen_at,
        later
    );
    db.put_session(&SessionRow {
        token_hash: "def456".into(),
        ..session.clone()
    })
    .await
    .unwrap();
    db.delete_session("abc123").await.unwrap();
    assert_eq!(db.session("abc123").await.unwrap(), None);
    assert!(db.session("def456").await.unwrap().is_some());
    db.delete_user_sessions(user.id()).await.unwrap();
    assert_eq!(db.session("def456").await.unwrap(), None);
}

/// Issue 10, item 9: the attempt is counted, and any lock it earns started,
/// in the same step that decides it may go ahead.
pub async fn login_attempts_are_claimed_before_the_check(store: Store) {
    let db = store.backend().sessions();
    let schedule = |n: i64| (n >= 3).then(|| chrono::Duration::seconds(30 * n));
    let t0 = now();
    let claim = |n, locked_until| LoginClaim::Claimed {
        number: n,
        locked_until,
    };
    for n in 1..=2 {
        assert_eq!(
            db.claim_login_attempt("guru", t0, &schedule).await.unwrap(),
            claim(n, None)
        );
    }
    let until = t0 + chrono::Duration::seconds(90);
    assert_eq!(
        db.claim_login_attempt("guru", t0, &schedule).await.unwrap(),
        claim(3, Some(until))
    );
    // Locked: refused, and not counted.
    assert_eq!(
        db.claim_login_attempt("guru", t0, &schedule).await.unwrap(),
        LoginClaim::Locked { until }
    );
    assert_eq!(
        db.login_attempts("guru").await.unwrap(),
        LoginState {
            failed_logins: 3,
            locked_until: Some(until),
            last_login_at: None
        }
    );
    // Other names are counted apart, known or not.
    assert_eq!(
        db.claim_login_attempt("nobody", t0, &schedule)
            .await
            .unwrap(),
        claim(1, None)
    );
    let later = until + chrono::Duration::seconds(1);
    assert_eq!(
        db.claim_login_attempt("guru", later, &schedule)
            .await
            .unwrap(),
        claim(4, Some(later + chrono::Duration::seconds(120)))
    );
    // Attempt 2 was right: it and the one before are forgotten; 3 and 4 stay,
    // and 2 failures earn no lock.
    db.forget_login_attempts("guru", 2, &schedule)
        .await
        .unwrap();
    assert_eq!(
        db.login_attempts("guru").await.unwrap(),
        LoginState {
            failed_logins: 2,
            ..LoginState::default()
        }
    );
    db.forget_login_attempts("guru", i64::MAX, &schedule)
        .await
        .unwrap();
    assert_eq!(
        db.login_attempts("guru").await.unwrap(),
        LoginState::default()
    );
    assert_eq!(db.login_attempts("nobody").await.unwrap().failed_logins, 1);
}

/// Issue 11, item 1: every table declaration in `tables::ALL` — its name,
/// its columns' names, types (as the backend maps a `ColType`) and
/// nullability, and the bookkeeping columns of `sql::META_SCHEMA` — is
/// what the migrations created, column for column: nothing missing, nothing
/// extra, nothing different; and every table the migrations created is
/// declared or is one of `sql::BOOKKEEPING_TABLES`. Column order is not
/// compared (statements name their columns). Every difference is listed,
/// not only the first.
pub async fn every_table_declaration_matches_the_live_schema(store: Store) {
    let db = store.backend();
    let mut differences = Vec::new();
    for name in db.live_tables().await.expect("read the live tables") {
        let declared = tables::ALL.iter().any(|t| t.name == name)
            || sql::BOOKKEEPING_TABLES.contains(&name.as_str());
        if !declared {
            differences.push(format!("table {name}: in the database, not declared"));
        }
    }
    for table in tables::ALL {
        let live = db
            .live_columns(table.name)
            .await
            .expect("read the live schema");
        if live.is_empty() {
            differences.push(format!(
                "table {}: declared, not in the database",
                table.name
            ));
            continue;
        }
        let declared: Vec<(&str, &str, bool)> = sql::META_SCHEMA
            .iter()
            .map(|(name, ty, nullable)| (*name, db.sql_type(*ty), *nullable))
            .chain(
                table
                    .columns
                    .iter()
                    .map(|c| (c.name, db.sql_type(c.ty), c.nullable)),
            )
            .collect();
        for (i, (name, ty, nullable)) in declared.iter().enumerate() {
            if declared[..i].iter().any(|(other, _, _)| other == name) {
                differences.push(format!("{}.{name}: declared twice", table.name));
                continue;
            }
            let Some(found) = live.iter().find(|c| c.name == *name) else {
                differences.push(format!(
                    "{}.{name}: declared, not in the database",
                    table.name
                ));
                continue;
            };
            if !found.sql_type.eq_ignore_ascii_case(ty) {
                differences.push(format!(
                    "{}.{name}: declared as {ty}, the database has {}",
                    table.name, found.sql_type
                ));
            }
            if found.nullable != *nullable {
                let says = |n: bool| if n { "may be empty" } else { "NOT NULL" };
                differences.push(format!(
                    "{}.{name}: declared {}, the database has {}",
                    table.name,
                    says(*nullable),
                    says(found.nullable)
                ));
            }
        }
        for found in &live {
            if !declared.iter().any(|(name, _, _)| *name == found.name) {
                differences.push(format!(
                    "{}.{}: in the database, not declared",
                    table.name, found.name
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the table declarations differ from the {} schema:\n{}",
        db.kind(),
        differences.join("\n")
    );
}

async fn dump(store: &Store) -> (Vec<(&'static Table, Vec<Row>)>, Vec<AuditEvent>) {
    let mut rows = Vec::new();
    for table in tables::ALL {
        rows.push((
            table,
            store.backend().select(table, &Query::all()).await.unwrap(),
        ));
    }
    let audit = store
        .backend()
        .audit(&AuditQuery {
            limit: i64::MAX,
            ..Default::default()
        })
        .await
        .unwrap();
    (rows, audit)
}

pub async fn load_copies_a_school_exactly(store: Store, empty: Store) {
    let f = fixture(&store).await;
    let mut cs = changes();
    cs.insert(&School {
        name: "SD Inpres 3".into(),
        npsn: "60712345".into(),
        address: "Desa Maju".into(),
        principal_name: "Pak Kepala".into(),
        principal_nip: None,
        logo: Some(vec![1, 2, 3, 4]),
        logo_mime: Some("image/png".into()),
    });
    store.commit(cs).await.unwrap();
    let (rows, audit) = dump(&store).await;
    assert!(!audit.is_empty());
    let snapshot = store.backend().snapshot(&tables::ALL).await.unwrap();
    assert_eq!(snapshot.tables, rows, "the snapshot reads every row");
    assert_eq!(snapshot.audit.len(), audit.len());

    // A record the target refuses is named, and nothing at all is written,
    // so the copy can be tried again once the record is fixed.
    let mut broken = snapshot.clone();
    for (table, rows) in &mut broken.tables {
        if table.name == "academic_years" {
            rows.clear();
        }
    }
    let orphan = f.class;
    let _ = f.other_class;
    let err = empty.backend().load(broken).await.unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert!(
        message.contains(&format!("class {orphan}")),
        "names the record: {message}"
    );
    for table in tables::ALL {
        assert_eq!(
            empty.backend().count(table).await.unwrap(),
            0,
            "{}",
            table.name
        );
    }
    assert_eq!(empty.backend().count_audit().await.unwrap(), 0);

    empty.backend().load(snapshot.clone()).await.unwrap();
    let (copied_rows, copied_audit) = dump(&empty).await;
    assert_eq!(copied_rows, rows);
    assert_eq!(copied_audit, audit);
    assert_eq!(
        empty.get::<Student>(f.student).await.unwrap(),
        store.get::<Student>(f.student).await.unwrap()
    );

    // Loading into a database that holds records is refused, and changes nothing.
    let err = empty.backend().load(snapshot).await.unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert_eq!(empty.count::<Student>().await.unwrap(), 1);
}
