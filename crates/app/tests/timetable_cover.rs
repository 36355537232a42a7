//! Substitutions under two office desktops at once (issue 14, item 7,
//! helper "ttui"), on both backends: both have read that a teacher is free
//! at a period when both write a cover naming them (a gate holds each
//! between its reads and its write); the database's guard on the teacher's
//! bookings lets one win and refuses the other in words; changing the
//! winning cover to cancelled frees the teacher again.

mod common;

use chrono::Datelike;
use common::timetable::*;
use common::*;
use schooldesk_app::timetable::{set_cover_gate, LessonInput};
use schooldesk_app::{App, Clock};
use schooldesk_core::*;
use schooldesk_store::Query;

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

/// The school's week saved and the teaching assignments' lessons applied:
/// the first semester, and VII-A's math lesson (Pak Guru).
async fn semester_with_lessons(
    w: &World,
) -> (Stored<Term>, schooldesk_app::timetable::LessonRecord) {
    let app = &w.app;
    let term = app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap()[0]
        .clone();
    app.save_school_week(&w.admin, &five_days(4)).await.unwrap();
    let plan = app.plan_lessons(&w.admin, term.id()).await.unwrap();
    app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
    let math_a = app.lessons(&w.admin, term.id()).await.unwrap()[0].clone();
    (term, math_a)
}

/// Each lesson fixed at its cells ("1:1 2:1"), a timetable generated and
/// published.
async fn publish_fixed(
    w: &World,
    term: &Stored<Term>,
    fixed: &[(Id, &str)],
) -> Stored<TermTimetable> {
    let app = &w.app;
    for &(lesson, slots) in fixed {
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
        app.save_timetable_rule(&w.admin, None, &rule)
            .await
            .unwrap();
    }
    let t = app
        .generate_timetable(&w.admin, term.id(), &opts("Final"))
        .await
        .unwrap()
        .timetable;
    assert_eq!(t.data.hard_violations, 0);
    app.publish_timetable(&w.admin, t.id(), t.version())
        .await
        .unwrap();
    t
}

both! {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn two_desks_cannot_book_one_substitute_into_two_classes_at_once(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (term, math_a) = semester_with_lessons(&w).await;
        let (pak_guru, math) = (math_a.teachers[0].data.teacher_id, math_a.lesson.data.subject_id);
        let (pak_budi, bu_rina) = (teacher(&w, "Pak Budi").await, teacher(&w, "Bu Rina").await);
        let budi = app.save_lesson(&w.admin, &input(term.id(), math, 1, "1", pak_budi, w.class_b)).await.unwrap();
        let rina = app.save_lesson(&w.admin, &input(term.id(), math, 1, "1", bu_rina, w.class_b)).await.unwrap();
        // Monday: math VII-A from period 1 (Pak Guru), math VII-B in 1
        // (Pak Budi), Bu Rina teaching only in 4.
        let blocks = schooldesk_core::week::parse_split(&math_a.lesson.data.split).unwrap().len();
        let slots = ["1:1", "2:1", "3:1", "4:1", "5:1"][..blocks].join(" ");
        let t = publish_fixed(&w, &term, &[(math_a.lesson.id(), slots.as_str()), (budi.lesson.id(), "1:1"), (rina.lesson.id(), "1:4")]).await;
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

both! {
    /// A teacher away for some lesson periods only (item 7): only their
    /// lessons at those periods are to be covered; a teacher away at other
    /// periods may still cover, one away at that period may not (listed
    /// nor booked); a period the day lacks is refused, named.
    async fn an_absence_for_some_periods_covers_only_those(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (term, math_a) = semester_with_lessons(&w).await;
        let pak_guru = math_a.teachers[0].data.teacher_id;
        let (ipa, pjok) = (subject(&w, "IPA", "IPA").await, subject(&w, "PJOK", "PJOK").await);
        let (bu_ani, pak_budi, bu_rina) = (teacher(&w, "Bu Ani").await, teacher(&w, "Pak Budi").await, teacher(&w, "Bu Rina").await);
        let ani = app.save_lesson(&w.admin, &input(term.id(), ipa, 2, "1+1", bu_ani, w.class_a)).await.unwrap();
        let budi = app.save_lesson(&w.admin, &input(term.id(), ipa, 1, "1", pak_budi, w.class_b)).await.unwrap();
        let rina = app.save_lesson(&w.admin, &input(term.id(), pjok, 1, "1", bu_rina, w.class_a)).await.unwrap();
        // Monday: IPA VII-A in 1 and 3 (Bu Ani), IPA VII-B in 2 (Pak
        // Budi), PJOK VII-A in 4 (Bu Rina); math VII-A from Tuesday on.
        let blocks = schooldesk_core::week::parse_split(&math_a.lesson.data.split).unwrap().len();
        let math_slots = ["2:1", "3:1", "4:1", "5:1", "5:3"][..blocks].join(" ");
        publish_fixed(&w, &term, &[(math_a.lesson.id(), math_slots.as_str()), (ani.lesson.id(), "1:1 1:3"), (budi.lesson.id(), "1:2"), (rina.lesson.id(), "1:4")]).await;
        let from = term.data.start_date.max(w.clock.today());
        let monday = (0..7).map(|k| from + chrono::Days::new(k)).find(|d| d.weekday() == chrono::Weekday::Mon).unwrap();

        let err = app.record_absence_periods(&w.admin, pak_guru, monday, "", &[2, 5]).await.unwrap_err();
        assert_eq!(code(&err), ["not_a_lesson_period"]);
        assert!(err.to_string().contains("Monday period 5"), "{err}");
        let err = app.record_absence_periods(&w.admin, pak_guru, monday, "", &[0]).await.unwrap_err();
        assert_eq!(code(&err), ["not_a_lesson_period"]);

        let ani_away = app.record_absence_periods(&w.admin, bu_ani, monday, "Izin", &[3]).await.unwrap();
        assert_eq!(ani_away.data.periods, "3");
        app.record_absence_periods(&w.admin, pak_budi, monday, "Dinas", &[1]).await.unwrap();
        app.record_absence_periods(&w.admin, bu_rina, monday, "Sakit", &[3, 2, 3]).await.unwrap();
        let day = app.cover_day(&w.admin, ani_away.id()).await.unwrap();
        let periods: Vec<i64> = day.lessons.iter().map(|n| n.entry.period).collect();
        assert_eq!(periods, [3], "only the lesson at the period away");
        let names: Vec<&str> = day.lessons[0].candidates.iter().map(|c| c.name.as_str()).collect();
        // Pak Budi teaches IPA and is away only in 1; Pak Guru teaches
        // VII-A and is free; Bu Rina is away in 2–3.
        assert_eq!(names, ["Pak Budi", "Pak Guru"]);
        let placement = day.lessons[0].entry.placement_id;
        let err = app.record_cover(&w.admin, ani_away.id(), placement, "substitute", Some(bu_rina)).await.unwrap_err();
        assert_eq!(code(&err), ["substitute_not_free"]);
        app.record_cover(&w.admin, ani_away.id(), placement, "substitute", Some(pak_budi)).await.unwrap();
        let store = store_of(app).await;
        let booked: Vec<i64> = store.list::<CoverBooking>(&Query::all().eq("teacher_id", pak_budi)).await.unwrap().iter().map(|b| b.data.period).collect();
        assert_eq!(booked, [3]);
        // Pak Budi's own lesson is in 2, not in 1: nothing of his to cover.
        let days = app.absences_on(&w.admin, monday).await.unwrap();
        let budi_day = days.iter().find(|d| d.teacher == "Pak Budi").unwrap();
        assert!(budi_day.lessons.is_empty(), "{:?}", budi_day.lessons);
        let rina_day = days.iter().find(|d| d.teacher == "Bu Rina").unwrap();
        assert!(rina_day.lessons.is_empty(), "PJOK is in 4: {:?}", rina_day.lessons);
        assert_eq!(days.iter().find(|d| d.teacher == "Bu Rina").unwrap().absence.data.periods, "2 3");

        // The day's sheet: who is away (which periods), each lesson to
        // cover by period with its time and cover; the office's to print.
        assert!(app.cover_sheet(&w.teacher, monday, schooldesk_documents::Language::Id).await.is_err());
        let sheet = app.cover_sheet(&w.admin, monday, schooldesk_documents::Language::Id).await.unwrap();
        assert!(sheet.date.starts_with("Senin, "), "{}", sheet.date);
        assert_eq!(sheet.timetable, "Final");
        let absent: Vec<(&str, &str)> = sheet.absent.iter().map(|a| (a.teacher.as_str(), a.periods.as_str())).collect();
        assert_eq!(absent, [("Bu Ani", "3"), ("Bu Rina", "2, 3"), ("Pak Budi", "1")]);
        let lines: Vec<_> = sheet
            .lines
            .iter()
            .map(|l| (l.period.as_str(), l.time.as_str(), l.class.as_str(), l.subject.as_str(), l.teacher.as_str(), l.kind.as_str(), l.substitute.as_str()))
            .collect();
        assert_eq!(lines, [("3", "08:20–09:00", "VII-A", "IPA", "Bu Ani", "substitute", "Pak Budi")]);
        let en = app.cover_sheet(&w.admin, monday, schooldesk_documents::Language::En).await.unwrap();
        assert!(en.date.starts_with("Monday, "), "{}", en.date);

        // The history, counted per teacher: Pak Budi once this month and
        // semester; teachers may read it, students not.
        assert!(app.cover_history(&w.student, monday).await.is_err());
        let history = app.cover_history(&w.teacher, monday).await.unwrap();
        assert_eq!(history.len(), 1, "{history:?}");
        let budi = &history[0];
        assert_eq!((budi.name.as_str(), budi.this_month, budi.this_term), ("Pak Budi", 1, 1));
        assert_eq!(budi.items.len(), 1);
        assert_eq!((budi.items[0].date, budi.items[0].period, budi.items[0].lesson.as_str(), budi.items[0].kind.as_str()), (monday, 3, "IPA VII-A (Bu Ani)", "substitute"));
        // A cancelled cover is no one's: the count goes.
        app.record_cover(&w.admin, ani_away.id(), placement, "cancelled", None).await.unwrap();
        assert!(app.cover_history(&w.admin, monday).await.unwrap().is_empty());
        let sheet = app.cover_sheet(&w.admin, monday, schooldesk_documents::Language::Id).await.unwrap();
        assert_eq!((sheet.lines[0].kind.as_str(), sheet.lines[0].substitute.as_str()), ("cancelled", ""));
    }
}
