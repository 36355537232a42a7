//! What the desktop's timetable screens need (issue 14, helper "ttui"), on
//! both backends: a watched generation reports its progress and stores
//! the draft as `generate_timetable` does; a cancelled one stores nothing;
//! only the office generates; and each signed-in teacher, student and
//! parent reads their own published week (none before publishing).

mod common;

use common::timetable::*;
use common::*;
use schooldesk_app::timetable::LessonInput;
use schooldesk_app::timetable_view::{Progress, Watch};
use schooldesk_core::*;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

fn watch() -> (Watch, Arc<Mutex<Vec<Progress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let into = seen.clone();
    (
        Watch {
            cancel: Arc::new(AtomicBool::new(false)),
            progress: Arc::new(move |p| into.lock().unwrap().push(p)),
        },
        seen,
    )
}

/// The world's Matematika VII-A (Pak Guru, the `teacher` account) from the
/// plan, and Bu Ani's IPA for VII-B.
async fn school(w: &World) -> Id {
    let app = &w.app;
    let term = first_term(w).await;
    app.save_school_week(&w.admin, &five_days(5)).await.unwrap();
    let plan = app.plan_lessons(&w.admin, term).await.unwrap();
    app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
    let ipa = app
        .create(
            &w.admin,
            &Subject {
                code: "IPA".into(),
                name: "IPA".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id();
    let bu_ani = app
        .create(
            &w.admin,
            &Teacher {
                full_name: "Bu Ani".into(),
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
        .id();
    app.save_lesson(
        &w.admin,
        &LessonInput {
            id: None,
            term_id: term,
            subject_id: ipa,
            periods_per_week: 3,
            split: "2+1".into(),
            room_id: None,
            teacher_ids: vec![bu_ani],
            classes: vec![(w.class_b, None)],
        },
    )
    .await
    .unwrap();
    term
}

both! {
    /// A watched generation reports placed / total as it searches and
    /// stores the same draft `generate_timetable` would; a cancelled one
    /// stores nothing; a teacher may not generate.
    async fn a_watched_generation_reports_and_cancels(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = school(&w).await;

        let (teacher_watch, _) = watch();
        assert!(refused(app.generate_timetable_watched(&w.teacher, term, &opts("x"), &teacher_watch).await));

        let (w1, seen) = watch();
        let watched = app
            .generate_timetable_watched(&w.admin, term, &opts("Draft 1"), &w1)
            .await
            .unwrap()
            .expect("not cancelled");
        let plain = app.generate_timetable(&w.admin, term, &opts("Draft 2")).await.unwrap();
        let t = &watched.timetable.data;
        assert_eq!((t.placed, t.total, t.hard_violations, t.status.as_str()), (5, 5, 0, "draft"));
        assert_eq!(t.made_by, Some(w.admin.user_id));
        assert!(watched.unplaced.is_empty(), "{:?}", watched.unplaced);
        let p = &plain.timetable.data;
        assert_eq!((t.placed, t.total, t.hard_violations, t.soft_cost), (p.placed, p.total, p.hard_violations, p.soft_cost));
        let seen = seen.lock().unwrap().clone();
        assert!(seen.len() >= 2, "the start and the end at least: {seen:?}");
        assert!(seen.iter().all(|p| p.total == 5 && p.placed <= 5), "{seen:?}");
        assert_eq!(seen[0].placed, 0);
        let last = seen.last().unwrap();
        assert_eq!((last.placed, last.best_penalty), (5, 0));
        let a = app.timetable_entries(&w.admin, watched.timetable.id()).await.unwrap();
        assert_eq!(a.len(), 5, "every block stored");

        // Cancelled (before the search looks): nothing stored.
        let before = app.timetables(&w.admin, term).await.unwrap().len();
        let (w2, _) = watch();
        w2.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        let cancelled = app
            .generate_timetable_watched(&w.admin, term, &opts("Draft 3"), &w2)
            .await
            .unwrap();
        assert!(cancelled.is_none());
        assert_eq!(app.timetables(&w.admin, term).await.unwrap().len(), before);

        // A bad name is named.
        let (w3, _) = watch();
        let err = app
            .generate_timetable_watched(&w.admin, term, &opts("  "), &w3)
            .await
            .unwrap_err();
        assert_eq!(err.field_errors().first().map(|f| f.field), Some("name"), "{err:?}");
    }
}

both! {
    /// Each signed-in teacher, student and parent reads their own published
    /// week; before publishing they are told there is none.
    async fn everyone_reads_their_own_published_week(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = school(&w).await;

        let mine = app.my_timetable(&w.teacher).await.unwrap();
        assert_eq!(mine.people.len(), 1);
        assert_eq!(mine.people[0].who, "Pak Guru");
        assert_eq!(mine.people[0].entries, None, "nothing published yet");
        assert_eq!(mine.week.days, vec![1, 2, 3, 4, 5]);
        assert_eq!(mine.term.as_ref().map(|t| t.id()), Some(term), "the semester today falls in");

        let draft = app.generate_timetable(&w.admin, term, &opts("Draft 1")).await.unwrap().timetable;
        app.publish_timetable(&w.admin, draft.id(), draft.version()).await.unwrap();

        let mine = app.my_timetable(&w.teacher).await.unwrap();
        let own = mine.people[0].entries.clone().unwrap();
        assert!(!own.is_empty());
        assert!(own.iter().all(|e| e.teachers == ["Pak Guru"]), "only his own lessons: {own:?}");
        assert_eq!(own.iter().map(|e| e.length).sum::<i64>(), 5, "Matematika's 5 periods");

        let student = app.my_timetable(&w.student).await.unwrap();
        assert_eq!(student.people.len(), 1);
        let theirs = student.people[0].entries.clone().unwrap();
        assert!(theirs.iter().all(|e| e.classes.iter().any(|c| c == "VII-A")), "{theirs:?}");
        assert!(!theirs.iter().any(|e| e.subject == "IPA"), "VII-B's lesson is not theirs");
        assert_eq!(student.week.periods.len(), 25, "the week to draw it on");

        let parent = app.my_timetable(&w.parent).await.unwrap();
        assert_eq!(parent.people.len(), 1);
        assert_eq!(parent.people[0].entries, student.people[0].entries);

        // The bursar is none of these: nothing to show, nothing refused.
        assert!(app.my_timetable(&w.bursar).await.unwrap().people.is_empty());
    }
}
