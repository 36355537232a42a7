//! Substitutions under two office desktops at once (issue 14, item 7,
//! helper "ttui"), on both backends: both have read that a teacher is free
//! at a period when both write a cover naming them (a gate holds each
//! between its reads and its write); the database's guard on the teacher's
//! bookings lets one win and refuses the other in words; changing the
//! winning cover to cancelled frees the teacher again.

mod common;

use chrono::Datelike;
use common::*;
use schooldesk_app::timetable::{set_cover_gate, GenerateOptions, LessonInput, Week};
use schooldesk_app::{App, AppError, Clock};
use schooldesk_core::*;
use schooldesk_store::Query;
use std::time::Duration;

fn code(err: &AppError) -> Vec<&'static str> {
    err.field_errors().iter().map(|f| f.msg.code).collect()
}

/// Monday–Friday, four lesson periods each.
fn week() -> Week {
    let mut periods = Vec::new();
    for day in 1..=5 {
        for k in 1..=4 {
            periods.push(BellPeriod {
                weekday: day,
                position: k,
                kind: "lesson".into(),
                label: k.to_string(),
                start_minute: 7 * 60 + 40 * (k - 1),
                end_minute: 7 * 60 + 40 * k,
            });
        }
    }
    Week {
        days: vec![1, 2, 3, 4, 5],
        periods,
    }
}

async fn teacher(w: &World, name: &str) -> Id {
    w.app
        .create(
            &w.admin,
            &Teacher {
                full_name: name.into(),
                nip: None,
                nuptk: None,
                gender: Gender::Female,
                phone: None,
                email: None,
                user_id: None,
                active: true,
            },
        )
        .await
        .unwrap()
        .id()
}

fn input(
    term: Id,
    subject_id: Id,
    periods: i64,
    split: &str,
    teacher: Id,
    class: Id,
) -> LessonInput {
    LessonInput {
        id: None,
        term_id: term,
        subject_id,
        periods_per_week: periods,
        split: split.into(),
        room_id: None,
        teacher_ids: vec![teacher],
        classes: vec![(class, None)],
    }
}

both! {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn two_desks_cannot_book_one_substitute_into_two_classes_at_once(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = app
            .list::<Term>(&w.admin, &Query::all().eq("academic_year_id", w.year).order("number"))
            .await
            .unwrap()[0]
            .clone();
        app.save_school_week(&w.admin, &week()).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term.id()).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let math_a = app.lessons(&w.admin, term.id()).await.unwrap()[0].clone();
        let (pak_guru, math) = (math_a.teachers[0].data.teacher_id, math_a.lesson.data.subject_id);
        let (pak_budi, bu_rina) = (teacher(&w, "Pak Budi").await, teacher(&w, "Bu Rina").await);
        let budi = app.save_lesson(&w.admin, &input(term.id(), math, 1, "1", pak_budi, w.class_b)).await.unwrap();
        let rina = app.save_lesson(&w.admin, &input(term.id(), math, 1, "1", bu_rina, w.class_b)).await.unwrap();
        // Monday: math VII-A from period 1 (Pak Guru), math VII-B in 1
        // (Pak Budi), Bu Rina teaching only in 4.
        let blocks = schooldesk_core::week::parse_split(&math_a.lesson.data.split).unwrap().len();
        let slots = ["1:1", "2:1", "3:1", "4:1", "5:1"][..blocks].join(" ");
        for (lesson, slots) in [(math_a.lesson.id(), slots.as_str()), (budi.lesson.id(), "1:1"), (rina.lesson.id(), "1:4")] {
            let rule = TimetableRule {
                term_id: term.id(),
                kind: "fixed_time".into(),
                weight: 100,
                teacher_id: None,
                class_id: None,
                room_id: None,
                subject_id: None,
                lesson_id: Some(lesson),
                other_lesson_id: None,
                number: None,
                slots: slots.into(),
            };
            app.save_timetable_rule(&w.admin, None, &rule).await.unwrap();
        }
        let options = GenerateOptions { name: "Final".into(), time_limit: Duration::from_secs(60), max_iterations: Some(20_000), seed: 7, threads: 1 };
        let t = app.generate_timetable(&w.admin, term.id(), &options).await.unwrap().timetable;
        assert_eq!(t.data.hard_violations, 0);
        app.publish_timetable(&w.admin, t.id(), t.version()).await.unwrap();
        // The first Monday from today (a cover is for a coming day).
        let from = term.data.start_date.max(w.clock.today());
        let monday = (0..7).map(|k| from + chrono::Days::new(k)).find(|d| d.weekday() == chrono::Weekday::Mon).unwrap();
        assert!(monday <= term.data.end_date);

        let guru_away = app.record_absence(&w.admin, pak_guru, monday, "Sakit").await.unwrap();
        let budi_away = app.record_absence(&w.admin, pak_budi, monday, "Dinas luar").await.unwrap();
        let mut needs = Vec::new();
        for away in [&guru_away, &budi_away] {
            let day = app.cover_day(&w.admin, away.id()).await.unwrap();
            let need = day.lessons.iter().find(|n| n.entry.weekday == 1 && n.entry.period == 1).unwrap().clone();
            assert!(need.candidates.iter().any(|c| c.teacher_id == bu_rina), "Bu Rina is free at Monday 1: {:?}", need.candidates);
            needs.push((away.id(), need.entry.placement_id));
        }

        // Two desks, each sure Bu Rina is free, book her at once.
        set_cover_gate(bu_rina, Some(2));
        let mut tasks = Vec::new();
        for (absence, placement) in needs.clone() {
            let desk = App::open(app.url(), false).await.unwrap().with_clock(w.clock.clone());
            let admin = w.admin.clone();
            tasks.push(tokio::spawn(async move { desk.record_cover(&admin, absence, placement, "substitute", Some(bu_rina)).await }));
        }
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        set_cover_gate(bu_rina, None);
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        let lost = results.iter().position(|r| r.is_err()).unwrap();
        let err = results[lost].as_ref().unwrap_err();
        if err.kind() != "busy" {
            assert_eq!(code(err), ["substitute_not_free"], "{err:?}");
            assert!(err.to_string().contains("Bu Rina is not free"), "{err}");
        }
        let store = store_of(app).await;
        let bookings = store.list::<CoverBooking>(&Query::all().eq("teacher_id", bu_rina)).await.unwrap();
        assert!(bookings.iter().all(|b| b.data.date == monday));
        let at_one = bookings.iter().filter(|b| b.data.period == 1).count();
        assert_eq!(at_one, 1, "one booking of Bu Rina at Monday 1: {bookings:?}");
        assert_eq!(store.list::<LessonCover>(&Query::all().eq("substitute_id", bu_rina)).await.unwrap().len(), 1);

        // The winning cover becomes cancelled: Bu Rina is free again, and
        // the other class can have her.
        let won = 1 - lost;
        app.record_cover(&w.admin, needs[won].0, needs[won].1, "cancelled", None).await.unwrap();
        assert!(store.list::<CoverBooking>(&Query::all().eq("teacher_id", bu_rina)).await.unwrap().is_empty());
        app.record_cover(&w.admin, needs[lost].0, needs[lost].1, "substitute", Some(bu_rina)).await.unwrap();

        // Publishing an edited copy lets the old timetable's bookings from
        // today on go with it: Bu Rina can cover the same period in the new
        // one (before, the unique index refused her while the screen listed
        // her as free).
        let copy = app.copy_timetable(&w.admin, t.id(), "Final (2)").await.unwrap();
        app.publish_timetable(&w.admin, copy.id(), copy.version()).await.unwrap();
        let left = store.list::<CoverBooking>(&Query::all().eq("teacher_id", bu_rina)).await.unwrap();
        assert!(left.is_empty(), "{left:?}");
        let day = app.cover_day(&w.admin, needs[lost].0).await.unwrap();
        let need = day.lessons.iter().find(|n| n.entry.weekday == 1 && n.entry.period == 1).unwrap();
        assert!(need.candidates.iter().any(|c| c.teacher_id == bu_rina));
        app.record_cover(&w.admin, needs[lost].0, need.entry.placement_id, "substitute", Some(bu_rina)).await.unwrap();
    }
}
