//! A checked import is written as it was checked (`plan_import`, then
//! `write_import`), only by the user who checked it, and not once it went
//! stale. On SQLite and on PostgreSQL.

mod common;

use common::*;
use schooldesk_app::sheet::{Format, ImportReport, Kind};
use schooldesk_app::{AppError, Clock};
use schooldesk_core::*;
use schooldesk_store::Query;

const HEADER: &str = "nis,nisn,full_name,gender,birth_place,birth_date,religion\n";

fn students(rows: &[&str]) -> Vec<u8> {
    let mut csv = HEADER.to_string();
    for row in rows {
        csv.push_str(row);
        csv.push('\n');
    }
    csv.into_bytes()
}

async fn names(app: &schooldesk_app::App) -> Vec<String> {
    let store = store_of(app).await;
    let mut names: Vec<String> = store
        .list::<Student>(&Query::all())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.data.full_name)
        .collect();
    names.sort();
    names
}

both! {
    async fn a_checked_import_is_written_as_checked(b: Backend) {
        let (app, clock, _dir) = empty_app(b).await;
        let admin = &set_up(&app).await.actor;
        let app = &app;
        let file = students(&[
            "2301,0012345678,Siti Aminah,P,Bandung,2010-05-01,Islam",
            "2302,0012345679,Budi Santoso,L,Garut,2010-06-01,Islam",
        ]);
        let plan = app
            .plan_import(admin, Kind::Students, Format::Csv, &file)
            .await
            .unwrap();
        assert_eq!(plan.kind(), Kind::Students, "{b:?}");
        assert_eq!(plan.report().created, 2, "{b:?}");
        assert!(!plan.report().written);
        assert!(names(app).await.is_empty(), "planning writes nothing");
        let checked = plan.report().clone();
        // Looked at over lunch: written, and audited, when it is written.
        clock.advance(chrono::Duration::hours(1));
        let report = app.write_import(admin, plan, false).await.unwrap();
        let store = store_of(app).await;
        for s in store.list::<Student>(&Query::all()).await.unwrap() {
            assert_eq!(s.meta.created_at, clock.now(), "{b:?}");
        }
        let written = ImportReport {
            written: true,
            ..checked
        };
        assert_eq!(report, written, "{b:?}");
        assert_eq!(names(app).await, ["Budi Santoso", "Siti Aminah"]);
    }
}

both! {
    async fn another_users_plan_is_refused(b: Backend) {
        let (app, _clock, _dir) = empty_app(b).await;
        let admin = &set_up(&app).await.actor;
        let app = &app;
        let file = students(&["2301,0012345678,Siti Aminah,P,Bandung,2010-05-01,Islam"]);
        let plan = app
            .plan_import(admin, Kind::Students, Format::Csv, &file)
            .await
            .unwrap();
        let colleague = Actor {
            user_id: new_id(),
            login: "tu".into(),
            ..admin.clone()
        };
        let err = app.write_import(&colleague, plan, false).await.unwrap_err();
        assert!(
            matches!(err, AppError::NotAllowed(_)),
            "{b:?}: {err:?}"
        );
        assert!(names(app).await.is_empty(), "{b:?}");
    }
}

both! {
    async fn a_plan_that_went_stale_is_refused_whole(b: Backend) {
        let (app, _clock, _dir) = empty_app(b).await;
        let admin = &set_up(&app).await.actor;
        let app = &app;
        let first = students(&["2301,0012345678,Siti Aminah,P,Bandung,2010-05-01,Islam"]);
        app.import(admin, Kind::Students, Format::Csv, &first, false)
            .await
            .unwrap();
        // Checked: Siti's birth place changes, and Budi is new.
        let file = students(&[
            "2301,0012345678,Siti Aminah,P,Cimahi,2010-05-01,Islam",
            "2302,0012345679,Budi Santoso,L,Garut,2010-06-01,Islam",
        ]);
        let plan = app
            .plan_import(admin, Kind::Students, Format::Csv, &file)
            .await
            .unwrap();
        assert_eq!(
            (plan.report().created, plan.report().updated),
            (1, 1),
            "{b:?}"
        );
        // Meanwhile Siti's record is changed by another import.
        let meanwhile = students(&["2301,0012345678,Siti Aminah,P,Sumedang,2010-05-01,Islam"]);
        app.import(admin, Kind::Students, Format::Csv, &meanwhile, false)
            .await
            .unwrap();
        let err = app.write_import(admin, plan, false).await.unwrap_err();
        assert!(
            matches!(err, AppError::ImportStale { .. }),
            "{b:?}: {err:?}"
        );
        assert!(err.to_string().contains("update of a student"), "{err}");
        // Nothing of the stale plan was written: Budi is not there either.
        assert_eq!(names(app).await, ["Siti Aminah"], "{b:?}");
        let store = store_of(app).await;
        let siti = store.list::<Student>(&Query::all()).await.unwrap();
        assert_eq!(siti[0].data.birth_place, "Sumedang");
    }
}

both! {
    async fn a_plan_with_rejected_rows_needs_skip_invalid(b: Backend) {
        let (app, _clock, _dir) = empty_app(b).await;
        let admin = &set_up(&app).await.actor;
        let app = &app;
        let file = students(&[
            "2301,0012345678,Siti Aminah,P,Bandung,2010-05-01,Islam",
            "2302,123,Budi Santoso,L,Garut,2010-06-01,Islam",
        ]);
        let plan = app
            .plan_import(admin, Kind::Students, Format::Csv, &file)
            .await
            .unwrap();
        assert_eq!(plan.report().rejected_rows(), 1);
        let err = app.write_import(admin, plan, false).await.unwrap_err();
        assert!(
            matches!(&err, AppError::ImportRejected(p) if p[0].row == 3),
            "{b:?}: {err:?}"
        );
        assert!(names(app).await.is_empty(), "{b:?}");
        let plan = app
            .plan_import(admin, Kind::Students, Format::Csv, &file)
            .await
            .unwrap();
        let report = app.write_import(admin, plan, true).await.unwrap();
        assert_eq!((report.created, report.rejected_rows()), (1, 1));
        assert_eq!(names(app).await, ["Siti Aminah"], "{b:?}");
    }
}

both! {
    /// A guardian added by hand between the check and the write would be
    /// created twice (a new row has no version to check): the write is
    /// refused. A login meanwhile changes no record and refuses nothing.
    async fn a_record_added_after_the_check_makes_the_plan_stale(b: Backend) {
        let (app, _clock, _dir) = empty_app(b).await;
        let admin = &set_up(&app).await.actor;
        let app = &app;
        let first = students(&["2301,0012345678,Siti Aminah,P,Bandung,2010-05-01,Islam"]);
        app.import(admin, Kind::Students, Format::Csv, &first, false)
            .await
            .unwrap();
        let guardians =
            b"nisn,full_name,relation,phone\n0012345678,Hasan Basri,ayah,081234567890\n".to_vec();
        let check = || app.plan_import(admin, Kind::Guardians, Format::Csv, &guardians);

        let plan = check().await.unwrap();
        assert_eq!(plan.report().created, 1, "{b:?}");
        app.login(&first_admin().login, &first_admin().password).await.unwrap();
        let report = app.write_import(admin, plan, false).await.unwrap();
        assert_eq!(report.created, 1, "{b:?}: a login makes nothing stale");

        let plan = check().await.unwrap();
        let siti = store_of(app).await.list::<Student>(&Query::all()).await.unwrap();
        app.add_guardian(
            admin,
            siti[0].id(),
            &Guardian {
                full_name: "Aminah".into(),
                relation: "ibu".into(),
                phone: None,
                occupation: None,
                address: None,
                user_id: None,
            },
        )
        .await
        .unwrap();
        let err = app.write_import(admin, plan, false).await.unwrap_err();
        assert!(matches!(err, AppError::ImportStale { .. }), "{b:?}: {err:?}");
        assert!(err.to_string().contains("of a guardian"), "{err}");
        let store = store_of(app).await;
        assert_eq!(store.list::<Guardian>(&Query::all()).await.unwrap().len(), 2, "{b:?}");
    }
}
