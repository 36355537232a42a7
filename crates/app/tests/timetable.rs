//! Timetabling from the records (issue 14, items 1–4), on both backends:
//! the school's week saved and checked (bad schedules named by day and
//! period, nothing written), lessons planned from the teaching assignments
//! and written only when applied (a stale plan refused), team teaching and
//! parallel religion groups, rules compiled into the engine, a draft
//! generated and published (audited), and who may read or change what.

mod common;

use common::timetable::*;
use common::*;
use schooldesk_app::timetable::{
    set_publish_gate, GenerateOptions, LessonChange, LessonInput, TimetableEntry, Week,
};
use schooldesk_app::App;
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};

fn period(
    weekday: i64,
    position: i64,
    kind: &str,
    label: &str,
    start: i64,
    end: i64,
) -> BellPeriod {
    BellPeriod {
        weekday,
        position,
        kind: kind.into(),
        label: label.into(),
        start_minute: start,
        end_minute: end,
    }
}

/// Monday–Friday; `lessons` periods of 40 minutes from 07:00 with a break
/// after the second, and a prayer time after the last; Friday has `friday`.
fn week(lessons: i64, friday: i64) -> Week {
    let mut periods = Vec::new();
    for day in 1..=5 {
        let n = if day == 5 { friday } else { lessons };
        let mut at = 7 * 60;
        let mut position = 1;
        for k in 1..=n {
            periods.push(period(day, position, "lesson", &k.to_string(), at, at + 40));
            at += 40;
            position += 1;
            if k == 2 {
                periods.push(period(day, position, "break", "Istirahat", at, at + 15));
                at += 15;
                position += 1;
            }
        }
        periods.push(period(
            day,
            position,
            "prayer",
            "Sholat Dzuhur",
            at,
            at + 20,
        ));
    }
    Week {
        days: vec![1, 2, 3, 4, 5],
        periods,
    }
}

fn rule(term_id: Id, kind: &str) -> TimetableRule {
    TimetableRule {
        term_id,
        kind: kind.into(),
        weight: 100,
        teacher_id: None,
        class_id: None,
        room_id: None,
        subject_id: None,
        lesson_id: None,
        other_lesson_id: None,
        number: None,
        slots: String::new(),
    }
}

both! {
    /// The week is stored whole and read back; a bad one names the day and
    /// period and changes nothing; only the office may change it.
    async fn the_week_is_saved_and_checked(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let good = week(6, 4);
        let saved = app.save_school_week(&w.admin, &good).await.unwrap();
        assert_eq!(saved.days, vec![1, 2, 3, 4, 5]);
        assert_eq!(saved.lesson_periods(1).len(), 6);
        assert_eq!(saved.lesson_periods(5).len(), 4, "a short Friday");
        assert_eq!(saved.periods.len(), good.periods.len());

        // Overlapping periods on Tuesday, a period ending before it starts
        // on Wednesday, a Thursday without lessons: all named, none saved.
        let mut bad = good.clone();
        for p in bad.periods.iter_mut() {
            if p.weekday == 2 && p.label == "2" {
                p.start_minute -= 10;
            }
            if p.weekday == 3 && p.label == "1" {
                p.end_minute = p.start_minute - 5;
            }
        }
        bad.periods.retain(|p| !(p.weekday == 4 && p.kind == "lesson"));
        let err = app.save_school_week(&w.admin, &bad).await.unwrap_err();
        let codes = code(&err);
        assert!(codes.contains(&"periods_overlap"), "{codes:?}");
        assert!(codes.contains(&"period_ends_before_start"), "{codes:?}");
        assert!(codes.contains(&"day_without_lessons"), "{codes:?}");
        let text = err.to_string();
        assert!(text.contains("Tuesday: 1 (07:00–07:40) and 2 (07:30–08:20) overlap"), "{text}");
        assert!(text.contains("Wednesday, 1: ends at 06:55"), "{text}");
        assert!(text.contains("Thursday has no lesson periods"), "{text}");
        let err = app
            .save_school_week(&w.admin, &Week { days: vec![], periods: vec![] })
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["no_working_days"]);
        assert_eq!(app.school_week(&w.admin).await.unwrap(), saved);

        // A changed week writes only what differs: Saturday added.
        let mut six = good.clone();
        six.days.push(6);
        six.periods.push(period(6, 1, "lesson", "1", 420, 460));
        let again = app.save_school_week(&w.admin, &six).await.unwrap();
        assert_eq!(again.days, vec![1, 2, 3, 4, 5, 6]);
        let store = store_of(app).await;
        let stored = store
            .list::<BellPeriod>(&Query::all().eq("weekday", 1_i64))
            .await
            .unwrap();
        assert!(stored.iter().all(|p| p.version() == 1), "Monday untouched");

        for (who, actor) in [("teacher", &w.teacher), ("homeroom", &w.homeroom)] {
            assert!(!refused(app.school_week(actor).await), "{who} reads");
            assert!(refused(app.save_school_week(actor, &good).await), "{who} edits");
        }
        for (who, actor) in [("student", &w.student), ("parent", &w.parent), ("bursar", &w.bursar)] {
            assert!(refused(app.school_week(actor).await), "{who} reads");
            assert!(refused(app.save_school_week(actor, &good).await), "{who} edits");
        }
    }
}

both! {
    /// Lessons come from the teaching assignments through a plan that
    /// writes nothing; applying writes it; a later change to the records
    /// shows as a difference, not as a silent change; a stale plan is refused.
    async fn lessons_are_planned_then_applied(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        assert_eq!(plan.changes.len(), 1);
        assert_eq!(
            plan.changes[0].description,
            "add Matematika for VII-A with Pak Guru, 5 periods (2+2+1)"
        );
        assert!(app.lessons(&w.admin, term).await.unwrap().is_empty(), "a plan writes nothing");
        assert!(refused(app.apply_lesson_plan(&w.teacher, &plan).await));
        assert_eq!(app.apply_lesson_plan(&w.admin, &plan).await.unwrap(), 1);
        let lessons = app.lessons(&w.teacher, term).await.unwrap();
        assert_eq!(lessons.len(), 1);
        assert_eq!(lessons[0].lesson.data.split, "2+2+1");
        assert_eq!(lessons[0].teachers.len(), 1);
        assert_eq!(lessons[0].classes[0].data.class_id, w.class_a);
        assert!(app.plan_lessons(&w.admin, term).await.unwrap().changes.is_empty());
        // Applying the same plan twice: the assignment's lesson exists.
        let err = app.apply_lesson_plan(&w.admin, &plan).await.unwrap_err();
        assert_eq!(err.kind(), "duplicate", "{err:?}");

        // The assignment changes: 4 periods, another teacher.
        let assignment = app
            .list::<TeachingAssignment>(&w.admin, &Query::all())
            .await
            .unwrap()
            .remove(0);
        let bu_ani = teacher(&w, "Bu Ani").await;
        app.update(
            &w.admin,
            assignment.id(),
            assignment.version(),
            &TeachingAssignment {
                periods_per_week: 4,
                teacher_id: bu_ani,
                ..assignment.data.clone()
            },
        )
        .await
        .unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        assert_eq!(plan.changes.len(), 1);
        assert_eq!(
            plan.changes[0].description,
            "change Matematika VII-A (Pak Guru): periods 5 (2+2+1) → 4 (2+2); teachers Pak Guru → Bu Ani"
        );
        assert_eq!(
            app.lessons(&w.admin, term).await.unwrap()[0].lesson.data.periods_per_week,
            5,
            "nothing silently regenerated"
        );

        // Someone edits the lesson after the plan was made: the plan is stale.
        let l = &app.lessons(&w.admin, term).await.unwrap()[0];
        app.save_lesson(
            &w.admin,
            &LessonInput {
                id: Some((l.lesson.id(), l.lesson.version())),
                term_id: term,
                subject_id: l.lesson.data.subject_id,
                periods_per_week: 5,
                split: "3+2".into(),
                room_id: None,
                teacher_ids: vec![l.teachers[0].data.teacher_id],
                classes: vec![(w.class_a, None)],
            },
        )
        .await
        .unwrap();
        let err = app.apply_lesson_plan(&w.admin, &plan).await.unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err:?}");
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let l = &app.lessons(&w.admin, term).await.unwrap()[0];
        assert_eq!((l.lesson.data.periods_per_week, l.lesson.data.split.as_str()), (4, "2+2"));
        assert_eq!(l.teachers.len(), 1);
        assert_eq!(l.teachers[0].data.teacher_id, bu_ani);

        // The assignment is deleted: the plan removes its lesson.
        let assignment = app
            .list::<TeachingAssignment>(&w.admin, &Query::all())
            .await
            .unwrap()
            .remove(0);
        app.delete::<TeachingAssignment>(&w.admin, assignment.id(), assignment.version())
            .await
            .unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        assert!(matches!(plan.changes[0].change, LessonChange::Remove { .. }));
        assert_eq!(
            plan.changes[0].description,
            "remove Matematika VII-A (Bu Ani): its teaching assignment is gone"
        );
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        assert!(app.lessons(&w.admin, term).await.unwrap().is_empty());
    }
}

both! {
    /// A small school's week generated from its records: team teaching,
    /// two religion groups of one class at the same time, a teacher away on
    /// Mondays, a fixed time, a room; then published (audited) and read by
    /// each role as the policy says.
    async fn a_timetable_is_generated_and_published(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let math = app.lessons(&w.admin, term).await.unwrap()[0].clone();
        let pak_guru = math.teachers[0].data.teacher_id;

        let (ipa, pai, pak) = (
            subject(&w, "IPA", "IPA").await,
            subject(&w, "PAI", "Pendidikan Agama Islam").await,
            subject(&w, "PAK", "Pendidikan Agama Kristen").await,
        );
        let (bu_ani, ustadz, pendeta) = (
            teacher(&w, "Bu Ani").await,
            teacher(&w, "Ustadz Hasan").await,
            teacher(&w, "Pdt. Yohanes").await,
        );
        let lab = app
            .create(
                &w.admin,
                &Room {
                    name: "Lab IPA".into(),
                    capacity: 40,
                    kind: "lab".into(),
                },
            )
            .await
            .unwrap()
            .id();
        let lesson = |subject_id, periods: i64, split: &str, teachers: Vec<Id>, classes| LessonInput {
            id: None,
            term_id: term,
            subject_id,
            periods_per_week: periods,
            split: split.into(),
            room_id: None,
            teacher_ids: teachers,
            classes,
        };
        // Team teaching for both classes together, in the lab.
        let science = app
            .save_lesson(
                &w.admin,
                &LessonInput {
                    room_id: Some(lab),
                    ..lesson(ipa, 4, "", vec![bu_ani, pak_guru], vec![(w.class_a, None), (w.class_b, None)])
                },
            )
            .await
            .unwrap();
        assert_eq!(science.lesson.data.split, "2+2");
        assert_eq!(science.teachers.len(), 2);
        let islam = app
            .save_lesson(&w.admin, &lesson(pai, 3, "2+1", vec![ustadz], vec![(w.class_a, Some("Islam".into()))]))
            .await
            .unwrap();
        let christian = app
            .save_lesson(&w.admin, &lesson(pak, 3, "2+1", vec![pendeta], vec![(w.class_a, Some("Kristen".into()))]))
            .await
            .unwrap();

        // Rules.
        let admin = &w.admin;
        let save = |r: TimetableRule| async move { app.save_timetable_rule(admin, None, &r).await };
        save(TimetableRule {
            teacher_id: Some(pak_guru),
            slots: "1:1 1:2 1:3 1:4 1:5".into(),
            ..rule(term, "teacher_unavailable")
        })
        .await
        .unwrap();
        save(TimetableRule {
            lesson_id: Some(islam.lesson.id()),
            other_lesson_id: Some(christian.lesson.id()),
            ..rule(term, "same_time")
        })
        .await
        .unwrap();
        save(TimetableRule {
            lesson_id: Some(science.lesson.id()),
            slots: "2:1 4:3".into(),
            ..rule(term, "fixed_time")
        })
        .await
        .unwrap();
        save(TimetableRule {
            subject_id: Some(math.lesson.data.subject_id),
            number: Some(1),
            weight: 95,
            ..rule(term, "min_days_between")
        })
        .await
        .unwrap();
        save(TimetableRule {
            class_id: Some(w.class_a),
            number: Some(5),
            ..rule(term, "max_lessons_per_day")
        })
        .await
        .unwrap();
        // A rule that names a time the week does not have is refused, named.
        let err = save(TimetableRule {
            teacher_id: Some(bu_ani),
            slots: "5:5".into(),
            ..rule(term, "teacher_unavailable")
        })
        .await
        .unwrap_err();
        assert_eq!(code(&err), ["cell_outside_week"]);
        assert!(err.to_string().contains("teacher unavailable (Bu Ani): Friday period 5"), "{err}");
        // A rule without what its kind needs.
        let err = save(rule(term, "max_days_per_week")).await.unwrap_err();
        assert!(code(&err).contains(&"rule_needs"), "{err:?}");
        assert!(refused(app.save_timetable_rule(&w.teacher, None, &rule(term, "same_time")).await));
        assert_eq!(app.timetable_rules(&w.teacher, term).await.unwrap().len(), 5);

        assert!(refused(app.generate_timetable(&w.teacher, term, &opts("x")).await));
        let generated = app
            .generate_timetable(&w.admin, term, &opts("Draft 1"))
            .await
            .unwrap();
        let t = &generated.timetable;
        assert!(generated.unplaced.is_empty(), "{:?}", generated.unplaced);
        assert_eq!((t.data.placed, t.data.total, t.data.hard_violations), (9, 9, 0));
        assert_eq!(t.data.status, "draft");
        assert_eq!(t.data.made_by, Some(w.admin.user_id));

        let entries = app.timetable_entries(&w.teacher, t.id()).await.unwrap();
        assert_eq!(entries.len(), 9);
        assert_eq!(entries.iter().map(|e| e.length).sum::<i64>(), 5 + 4 + 3 + 3);
        let of = |id: Id| -> Vec<(i64, i64)> {
            let mut v: Vec<_> = entries
                .iter()
                .filter(|e| e.lesson_id == id)
                .map(|e| (e.weekday, e.period))
                .collect();
            v.sort();
            v
        };
        assert!(of(math.lesson.id()).iter().all(|(day, _)| *day != 1), "Pak Guru is away on Mondays");
        let mut math_days: Vec<i64> = of(math.lesson.id()).iter().map(|c| c.0).collect();
        math_days.dedup();
        assert_eq!(math_days.len(), 3, "blocks on three days");
        assert_eq!(of(science.lesson.id()), vec![(2, 1), (4, 3)], "fixed times");
        assert!(entries.iter().filter(|e| e.lesson_id == science.lesson.id()).all(|e| e.room.as_deref() == Some("Lab IPA")));
        assert_eq!(of(islam.lesson.id()), of(christian.lesson.id()), "religion groups at once");
        assert!(entries.iter().any(|e| e.classes == ["VII-A (Kristen)"]));

        // Nothing published yet: a student sees none.
        assert_eq!(app.student_timetable(&w.student, w.own_student, term).await.unwrap(), None);
        assert!(refused(app.publish_timetable(&w.teacher, t.id(), t.version()).await));
        let published = app.publish_timetable(&w.admin, t.id(), t.version()).await.unwrap();
        assert_eq!(published.data.status, "published");
        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery {
                    table_name: Some("timetables".into()),
                    record_id: Some(t.id()),
                    text: None,
                    limit: 10,
                },
            )
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "publish" && e.actor_login == "kurikulum"), "{events:?}");

        // A second draft published takes the first one's place.
        let second = app
            .generate_timetable(&w.admin, term, &opts("Draft 2"))
            .await
            .unwrap()
            .timetable;
        app.publish_timetable(&w.admin, second.id(), second.version()).await.unwrap();
        let all = app.timetables(&w.homeroom, term).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].id(), second.id());
        assert_eq!(all.iter().filter(|t| t.data.status == "published").count(), 1);

        // Students and parents read their own published week only.
        let own = app.student_timetable(&w.student, w.own_student, term).await.unwrap().unwrap();
        assert_eq!(own.len(), 9, "VII-A has every lesson");
        let parents = app.student_timetable(&w.parent, w.own_student, term).await.unwrap().unwrap();
        assert_eq!(parents, own);
        let other = app.student_timetable(&w.admin, w.other_student, term).await.unwrap().unwrap();
        assert_eq!(other.len(), 2, "VII-B has only the shared science lesson");
        assert!(refused(app.student_timetable(&w.student, w.other_student, term).await));
        assert!(refused(app.student_timetable(&w.parent, w.other_student, term).await));
        assert!(refused(app.student_timetable(&w.bursar, w.own_student, term).await));
        assert!(refused(app.timetables(&w.student, term).await));
        assert!(refused(app.timetable_entries(&w.parent, t.id()).await));

        // A lesson added after generating makes a draft stale: it cannot be
        // published until generated again.
        let third = app
            .generate_timetable(&w.admin, term, &opts("Draft 3"))
            .await
            .unwrap()
            .timetable;
        app.save_lesson(&w.admin, &lesson(pai, 1, "1", vec![ustadz], vec![(w.class_b, None)]))
            .await
            .unwrap();
        let e = app.publish_timetable(&w.admin, third.id(), third.version()).await.unwrap_err();
        assert_eq!(e.field_errors().first().map(|f| f.msg.code), Some("timetable_stale"), "{e}");
        assert!(!refused(app.student_timetable(&w.teacher, w.other_student, term).await));
    }
}

both! {
    /// What cannot work is said before searching, naming who, and nothing
    /// is stored.
    async fn impossible_timetables_are_named(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        let err = app
            .generate_timetable(&w.admin, term, &opts("x"))
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["no_week"]);
        app.save_school_week(&w.admin, &week(2, 2)).await.unwrap();
        let err = app
            .generate_timetable(&w.admin, term, &opts("x"))
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["no_lessons"]);
        // Pak Guru's 5 periods in a week of 10, but away on four days.
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let pak_guru = app.lessons(&w.admin, term).await.unwrap()[0].teachers[0].data.teacher_id;
        app.save_timetable_rule(
            &w.admin,
            None,
            &TimetableRule {
                teacher_id: Some(pak_guru),
                slots: "1:1 1:2 2:1 2:2 3:1 3:2 4:1 4:2".into(),
                ..rule(term, "teacher_unavailable")
            },
        )
        .await
        .unwrap();
        let err = app
            .generate_timetable(&w.admin, term, &opts("x"))
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["timetable_impossible"]);
        assert!(
            err.to_string().contains("teacher Pak Guru has 5 hours of lessons but only 2 open slots"),
            "{err}"
        );
        assert!(app.timetables(&w.admin, term).await.unwrap().is_empty(), "nothing stored");

        // A block longer than any day.
        let l = app.lessons(&w.admin, term).await.unwrap().remove(0);
        let err = app
            .save_lesson(
                &w.admin,
                &LessonInput {
                    id: Some((l.lesson.id(), l.lesson.version())),
                    term_id: term,
                    subject_id: l.lesson.data.subject_id,
                    periods_per_week: 5,
                    split: "3+2".into(),
                    room_id: None,
                    teacher_ids: vec![pak_guru],
                    classes: vec![(w.class_a, None)],
                },
            )
            .await;
        assert!(err.is_ok(), "a lesson may be saved before the week fits it");
        // A lesson does not move to another semester (its placements and
        // rules are that semester's).
        let second = app
            .list::<Term>(&w.admin, &Query::all().eq("academic_year_id", w.year).order("number"))
            .await
            .unwrap()[1]
            .id();
        let l = app.lessons(&w.admin, term).await.unwrap().remove(0);
        let err = app
            .save_lesson(
                &w.admin,
                &LessonInput {
                    id: Some((l.lesson.id(), l.lesson.version())),
                    term_id: second,
                    subject_id: l.lesson.data.subject_id,
                    periods_per_week: 5,
                    split: "3+2".into(),
                    room_id: None,
                    teacher_ids: vec![pak_guru],
                    classes: vec![(w.class_a, None)],
                },
            )
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["lesson_of_other_term"]);
        let err = app
            .generate_timetable(&w.admin, term, &opts("x"))
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["block_longer_than_day"]);
        assert!(err.to_string().contains("Matematika VII-A (Pak Guru) has a block of 3 periods"), "{err}");
    }
}

both! {
    /// Bad input (issue 14): a rule that contradicts another. IPA is fixed
    /// at Monday period 1 and its only teacher, Bu Ani, is away at Monday
    /// period 1: each rule alone is fine, together no timetable exists. The
    /// refusal names both rules as the office knows them (and the lesson
    /// without a place), and nothing is stored.
    async fn rules_that_contradict_each_other_are_named(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(4, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let (ipa, bu_ani) = (subject(&w, "IPA", "IPA").await, teacher(&w, "Bu Ani").await);
        let science = app
            .save_lesson(&w.admin, &input(term, ipa, 1, "1", vec![bu_ani], vec![(w.class_a, None)]))
            .await
            .unwrap()
            .lesson
            .id();
        app.save_timetable_rule(&w.admin, None, &TimetableRule { lesson_id: Some(science), slots: "1:1".into(), ..rule(term, "fixed_time") })
            .await
            .unwrap();
        // Alone, the fixed time is kept.
        let t = app.generate_timetable(&w.admin, term, &opts("Fixed")).await.unwrap().timetable;
        assert_eq!((t.data.placed, t.data.total, t.data.hard_violations), (t.data.total, 4, 0));
        let before = app.timetables(&w.admin, term).await.unwrap().len();
        app.save_timetable_rule(&w.admin, None, &TimetableRule { teacher_id: Some(bu_ani), slots: "1:1".into(), ..rule(term, "teacher_unavailable") })
            .await
            .unwrap();
        let err = app.generate_timetable(&w.admin, term, &opts("Both")).await.unwrap_err();
        assert_eq!(code(&err), ["timetable_rules_clash"], "{err}");
        let text = err.to_string();
        assert!(text.contains("these rules cannot all hold together"), "{text}");
        assert!(text.contains("fixed time (IPA VII-A (Bu Ani))"), "{text}");
        assert!(text.contains("teacher unavailable (Bu Ani)"), "{text}");
        assert!(text.contains("IPA VII-A (Bu Ani)"), "the lesson without a place: {text}");
        assert_eq!(app.timetables(&w.admin, term).await.unwrap().len(), before, "nothing stored");
    }
}

both! {
    /// `schooldesk demo`'s school comes with a week (a short Friday) and
    /// the lessons of its assignments, which the plan finds in step; its
    /// three classes generate a complete timetable.
    async fn the_sample_school_has_a_week_and_lessons(b: Backend) {
        use schooldesk_app::sample::SampleSize;
        let (app, _clock, _dir) = empty_app(b).await;
        let created = app
            .create_sample_school(SampleSize {
                seed: 3,
                students: 30,
                classes_per_grade: 1,
                teachers: 13,
            })
            .await
            .unwrap();
        let admin = created
            .logins
            .iter()
            .find(|l| l.roles.contains(&Role::Admin))
            .unwrap();
        let admin = app.login(&admin.login, &admin.password).await.unwrap().actor;
        let week = app.school_week(&admin).await.unwrap();
        assert_eq!(week.days, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(week.lesson_periods(1).len(), 8);
        assert_eq!(week.lesson_periods(5).len(), 6, "a short Friday");
        let year = app.current_year(&admin).await.unwrap().unwrap();
        let terms = app
            .list::<Term>(&admin, &Query::all().eq("academic_year_id", year.id()).order("number"))
            .await
            .unwrap();
        let term = terms[0].id();
        let lessons = app.lessons(&admin, term).await.unwrap();
        assert_eq!(lessons.len(), 3 * 13);
        assert!(app.plan_lessons(&admin, term).await.unwrap().changes.is_empty());
        let generated = app
            .generate_timetable(
                &admin,
                term,
                &GenerateOptions {
                    max_iterations: Some(200_000),
                    ..opts("Demo")
                },
            )
            .await
            .unwrap();
        assert!(generated.unplaced.is_empty(), "{:?}", generated.unplaced);
        let t = &generated.timetable.data;
        assert_eq!((t.placed, t.hard_violations), (t.total, 0));
    }
}

both! {
    /// Two desktops (two Apps, two connection pools) publish two drafts of
    /// one semester at the same moment: both have read that nothing is
    /// published when either writes (a gate holds each publish between its
    /// reads and its write until both are there). The database's guard lets
    /// one win and refuses the other; the semester never has two published.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn two_publishers_at_once_leave_one_published(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(4, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let a = app.generate_timetable(&w.admin, term, &opts("A")).await.unwrap().timetable;
        let b2 = app.generate_timetable(&w.admin, term, &opts("B")).await.unwrap().timetable;
        set_publish_gate(term, Some(2));
        let mut tasks = Vec::new();
        for t in [&a, &b2] {
            let desk = App::open(app.url(), false).await.unwrap().with_clock(w.clock.clone());
            let (admin, id, version) = (w.admin.clone(), t.id(), t.version());
            tasks.push(tokio::spawn(async move { desk.publish_timetable(&admin, id, version).await }));
        }
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        set_publish_gate(term, None);
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "{results:?}");
        for r in &results {
            if let Err(e) = r {
                assert!(["duplicate", "conflict", "busy"].contains(&e.kind()), "{e:?}");
            }
        }
        let published = app
            .timetables(&w.admin, term)
            .await
            .unwrap()
            .into_iter()
            .filter(|t| t.data.status == "published")
            .count();
        assert_eq!(published, 1);
        // The one published, asked again with the version it had before:
        // a stale version, refused.
        let now = app.timetables(&w.admin, term).await.unwrap().remove(0);
        let before = if now.id() == a.id() { &a } else { &b2 };
        let err = app
            .publish_timetable(&w.admin, before.id(), before.version())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err:?}");
    }
}

fn input(
    term: Id,
    subject_id: Id,
    periods: i64,
    split: &str,
    teachers: Vec<Id>,
    classes: Vec<(Id, Option<String>)>,
) -> LessonInput {
    LessonInput {
        id: None,
        term_id: term,
        subject_id,
        periods_per_week: periods,
        split: split.into(),
        room_id: None,
        teacher_ids: teachers,
        classes,
    }
}

fn cells_of(entries: &[TimetableEntry], lesson: Id) -> Vec<(i64, i64)> {
    let mut v: Vec<_> = entries
        .iter()
        .filter(|e| e.lesson_id == lesson)
        .map(|e| (e.weekday, e.period))
        .collect();
    v.sort();
    v
}

both! {
    /// Publishing checks the draft against today's records and rules: a
    /// rule added after generating, or a lesson given another teacher who
    /// is busy then, refuses it, naming the rule, the teacher and the time.
    async fn publishing_rechecks_todays_rules_and_teachers(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let math = app.lessons(&w.admin, term).await.unwrap()[0].clone();
        let pak_guru = math.teachers[0].data.teacher_id;
        let ipa = subject(&w, "IPA", "IPA").await;
        let bu_ani = teacher(&w, "Bu Ani").await;
        let science = app
            .save_lesson(&w.admin, &input(term, ipa, 2, "2", vec![bu_ani], vec![(w.class_b, None)]))
            .await
            .unwrap();
        // Both on Tuesday from period 1: two classes, two teachers, fine.
        for (lesson, slots) in [(math.lesson.id(), "2:1 3:1 4:1"), (science.lesson.id(), "2:1")] {
            app.save_timetable_rule(
                &w.admin,
                None,
                &TimetableRule { lesson_id: Some(lesson), slots: slots.into(), ..rule(term, "fixed_time") },
            )
            .await
            .unwrap();
        }
        let draft = app.generate_timetable(&w.admin, term, &opts("Draft")).await.unwrap().timetable;
        assert_eq!((draft.data.placed, draft.data.total, draft.data.hard_violations), (4, 4, 0));

        // A rule added afterwards: Pak Guru away on Wednesdays.
        let away = app
            .save_timetable_rule(
                &w.admin,
                None,
                &TimetableRule {
                    teacher_id: Some(pak_guru),
                    slots: "3:1 3:2 3:3 3:4 3:5".into(),
                    ..rule(term, "teacher_unavailable")
                },
            )
            .await
            .unwrap();
        let err = app.publish_timetable(&w.admin, draft.id(), draft.version()).await.unwrap_err();
        assert_eq!(code(&err), ["timetable_breaks_rules"], "{err}");
        let text = err.to_string();
        assert!(text.contains("teacher unavailable (Pak Guru)"), "{text}");
        assert!(text.contains("Wednesday"), "{text}");
        app.delete_timetable_rule(&w.admin, away.id(), away.version()).await.unwrap();

        // The science lesson given to Pak Guru, who teaches VII-A then.
        let s = app.lessons(&w.admin, term).await.unwrap().into_iter().find(|l| l.lesson.id() == science.lesson.id()).unwrap();
        app.save_lesson(
            &w.admin,
            &LessonInput {
                id: Some((s.lesson.id(), s.lesson.version())),
                ..input(term, ipa, 2, "2", vec![pak_guru], vec![(w.class_b, None)])
            },
        )
        .await
        .unwrap();
        let err = app.publish_timetable(&w.admin, draft.id(), draft.version()).await.unwrap_err();
        assert_eq!(code(&err), ["timetable_breaks_rules"], "{err}");
        assert!(err.to_string().contains("teacher Pak Guru has 2 lessons at Tuesday 1"), "{err}");
        assert_eq!(app.timetables(&w.admin, term).await.unwrap()[0].data.status, "draft", "nothing published");

        // Back to Bu Ani: it publishes.
        let s = app.lessons(&w.admin, term).await.unwrap().into_iter().find(|l| l.lesson.id() == science.lesson.id()).unwrap();
        app.save_lesson(
            &w.admin,
            &LessonInput {
                id: Some((s.lesson.id(), s.lesson.version())),
                ..input(term, ipa, 2, "2", vec![bu_ani], vec![(w.class_b, None)])
            },
        )
        .await
        .unwrap();
        let published = app.publish_timetable(&w.admin, draft.id(), draft.version()).await.unwrap();
        assert_eq!(published.data.status, "published");
    }
}

both! {
    /// A lesson removed from the records leaves the published timetable
    /// recounted and marked as needing attention, saying which lesson went,
    /// when and by whom; nothing goes silently.
    async fn removing_a_lesson_marks_the_published_timetable(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let ipa = subject(&w, "IPA", "IPA").await;
        let bu_ani = teacher(&w, "Bu Ani").await;
        let science = app
            .save_lesson(&w.admin, &input(term, ipa, 2, "1+1", vec![bu_ani], vec![(w.class_b, None)]))
            .await
            .unwrap();
        let t = app.generate_timetable(&w.admin, term, &opts("Final")).await.unwrap().timetable;
        assert_eq!((t.data.placed, t.data.total), (5, 5));
        let t = app.publish_timetable(&w.admin, t.id(), t.version()).await.unwrap();
        assert_eq!(t.data.attention, None);

        // The teaching assignment goes; the plan removes its lesson.
        let assignment = app.list::<TeachingAssignment>(&w.admin, &Query::all()).await.unwrap().remove(0);
        app.delete::<TeachingAssignment>(&w.admin, assignment.id(), assignment.version()).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        assert_eq!(plan.changes[0].timetables, ["Final (published)"]);
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let now = app.timetables(&w.admin, term).await.unwrap().remove(0);
        assert_eq!(now.data.status, "published");
        assert_eq!((now.data.placed, now.data.total), (2, 2), "recounted");
        assert_eq!(
            now.data.attention.as_deref(),
            Some("Matematika VII-A (Pak Guru) was removed on 2025-08-01 by kurikulum: its 3 block(s) were taken out")
        );
        // Another removal by hand adds to the note.
        app.delete_lesson(&w.admin, science.lesson.id(), science.lesson.version()).await.unwrap();
        let now = app.timetables(&w.admin, term).await.unwrap().remove(0);
        assert_eq!((now.data.placed, now.data.total), (0, 0));
        let note = now.data.attention.clone().unwrap();
        assert!(note.contains("IPA VII-B (Bu Ani) was removed on 2025-08-01 by kurikulum: its 2 block(s)"), "{note}");
        assert!(note.starts_with("Matematika"), "{note}");
        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery { table_name: Some("timetables".into()), record_id: Some(now.id()), text: None, limit: 10 },
            )
            .await
            .unwrap();
        assert!(events.iter().filter(|e| e.action == "update").count() >= 2, "{events:?}");
    }
}

both! {
    /// A class divided two ways — religion groups and lab groups — has the
    /// cross product of them as its students: PAI (Islam) and lab group A
    /// share the Muslim students of lab A and cannot run at once, while the
    /// groups of one division can.
    async fn groups_of_two_divisions_clash_for_their_shared_students(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let (pai, pak, ipa) = (
            subject(&w, "PAI", "PAI").await,
            subject(&w, "PAK", "PAK").await,
            subject(&w, "IPA", "IPA").await,
        );
        let (ustadz, pendeta, bu_ani, pak_budi) = (
            teacher(&w, "Ustadz Hasan").await,
            teacher(&w, "Pdt. Yohanes").await,
            teacher(&w, "Bu Ani").await,
            teacher(&w, "Pak Budi").await,
        );
        let group = |g: &str| vec![(w.class_a, Some(g.to_string()))];
        let mut ids = Vec::new();
        for (subject_id, t, g, n) in [(pai, ustadz, "Islam", 1), (pak, pendeta, "Kristen", 1), (ipa, bu_ani, "Lab: A", 2), (ipa, pak_budi, "Lab: B", 2)] {
            ids.push(
                app.save_lesson(&w.admin, &input(term, subject_id, n, &n.to_string(), vec![t], group(g)))
                    .await
                    .unwrap()
                    .lesson
                    .id(),
            );
        }
        let (islam, christian, lab_a, lab_b) = (ids[0], ids[1], ids[2], ids[3]);
        let model = app.timetable_model(&w.admin, term).await.unwrap();
        let mut atoms = model.instance.atoms.clone();
        atoms.sort();
        assert_eq!(
            atoms,
            ["VII-A Islam × Lab: A", "VII-A Islam × Lab: B", "VII-A Kristen × Lab: A", "VII-A Kristen × Lab: B"]
        );

        // Religion groups together on Monday 1, lab groups together on
        // Monday 2 and 3: a complete timetable.
        let fix = |lesson: Id, cell: &str| TimetableRule { lesson_id: Some(lesson), slots: cell.into(), ..rule(term, "fixed_time") };
        let mut rules = Vec::new();
        for (lesson, cell) in [(islam, "1:1"), (christian, "1:1"), (lab_a, "1:2"), (lab_b, "1:2")] {
            rules.push(app.save_timetable_rule(&w.admin, None, &fix(lesson, cell)).await.unwrap());
        }
        let good = app.generate_timetable(&w.admin, term, &opts("Good")).await.unwrap().timetable;
        assert_eq!((good.data.placed, good.data.total, good.data.hard_violations), (4, 4, 0));
        let entries = app.timetable_entries(&w.admin, good.id()).await.unwrap();
        assert_eq!(cells_of(&entries, islam), cells_of(&entries, christian));
        assert_eq!(cells_of(&entries, lab_a), cells_of(&entries, lab_b));

        // Moving PAI (Islam) into the labs' second hour: its shared
        // students clash with both lab groups.
        let pai_block = entries.iter().find(|e| e.lesson_id == islam).unwrap();
        let check = app.check_move(&w.admin, good.id(), pai_block.placement_id, 1, 3).await.unwrap();
        assert_eq!(check.swap_with, None);
        for atom in ["Islam × Lab: A", "Islam × Lab: B"] {
            let clash = format!("students VII-A {atom} have 2 lessons at Monday 3");
            assert!(check.broken.iter().any(|p| p.contains(&clash)), "{clash}: {:?}", check.broken);
        }
        // Lab A moved onto the religion hour: PAK (Kristen) and PAI (Islam)
        // both share students with it, so it swaps with one of them.
        let lab_block = entries.iter().find(|e| e.lesson_id == lab_a).unwrap();
        let check = app.check_move(&w.admin, good.id(), lab_block.placement_id, 1, 1).await.unwrap();
        let partner = check.swap_with.expect("a religion block shares students with lab A");
        assert!([islam, christian].contains(&partner.lesson_id));
        // PAK onto PAI's hour (where it is already taught beside it): the
        // two share no students, so there is no swap and no clash.
        let pak_block = entries.iter().find(|e| e.lesson_id == christian).unwrap();
        let check = app.check_move(&w.admin, good.id(), pak_block.placement_id, 1, 1).await.unwrap();
        assert_eq!((check.swap_with, check.broken.is_empty()), (None, true));

        // PAI (Islam) fixed at lab A's time: no timetable keeps both.
        let r = rules[0].clone();
        app.save_timetable_rule(&w.admin, Some((r.id(), r.version())), &fix(islam, "1:2")).await.unwrap();
        let r = rules[1].clone();
        app.save_timetable_rule(&w.admin, Some((r.id(), r.version())), &fix(christian, "1:3")).await.unwrap();
        match app.generate_timetable(&w.admin, term, &opts("Clash")).await {
            Ok(generated) => {
                let clash = generated.timetable;
                assert!(
                    clash.data.placed < clash.data.total || clash.data.hard_violations > 0,
                    "PAI (Islam) and lab A at once: {:?}",
                    clash.data
                );
                // The stored summary and the score panel say the same:
                // hard rules broken apart from the blocks not placed.
                let score = app.timetable_score(&w.admin, clash.id()).await.unwrap();
                assert_eq!(
                    (clash.data.placed, clash.data.hard_violations),
                    (score.placed, score.hard.len() as i64),
                    "{:?} against {score:?}",
                    clash.data
                );
                assert_eq!(generated.unplaced.len() as i64, clash.data.total - clash.data.placed);
                let err = app.publish_timetable(&w.admin, clash.id(), clash.version()).await.unwrap_err();
                assert_eq!(code(&err), ["timetable_incomplete"]);
            }
            Err(err) => {
                assert!(matches!(code(&err)[..], ["timetable_rules_clash"] | ["timetable_impossible"]), "{err}");
            }
        }
    }
}

both! {
    /// Editing by hand: a move checked first (nothing written; the broken
    /// rule named), refused onto a clash, saved onto a free cell, swapped
    /// with the class's block there; locks kept through a new generation;
    /// each edit one audited change; only the office edits.
    async fn lessons_are_moved_swapped_and_locked(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let math = app.lessons(&w.admin, term).await.unwrap()[0].lesson.id();
        let (ipa, ips, seni) = (
            subject(&w, "IPA", "IPA").await,
            subject(&w, "IPS", "IPS").await,
            subject(&w, "SBK", "Seni Budaya").await,
        );
        let (bu_ani, pak_budi) = (teacher(&w, "Bu Ani").await, teacher(&w, "Pak Budi").await);
        let science = app.save_lesson(&w.admin, &input(term, ipa, 2, "1+1", vec![bu_ani], vec![(w.class_a, None)])).await.unwrap().lesson.id();
        let social = app.save_lesson(&w.admin, &input(term, ips, 1, "1", vec![pak_budi], vec![(w.class_b, None)])).await.unwrap().lesson.id();
        let art = app.save_lesson(&w.admin, &input(term, seni, 2, "2", vec![pak_budi], vec![(w.class_a, None)])).await.unwrap().lesson.id();
        let t = app.generate_timetable(&w.admin, term, &opts("Draft")).await.unwrap().timetable;
        assert_eq!((t.data.placed, t.data.total, t.data.hard_violations), (7, 7, 0));
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let block = |lesson: Id, k: usize| entries.iter().filter(|e| e.lesson_id == lesson).nth(k).unwrap().clone();

        // IPS (Pak Budi, VII-B) onto the second hour of his art block.
        let ips_block = block(social, 0);
        let art_block = block(art, 0);
        let (day, hour) = (art_block.weekday, art_block.period + 1);
        assert!(refused(app.check_move(&w.teacher, t.id(), ips_block.placement_id, day, hour).await));
        let check = app.check_move(&w.admin, t.id(), ips_block.placement_id, day, hour).await.unwrap();
        assert_eq!(check.swap_with, None);
        let day_name = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][day as usize];
        let clash = format!("teacher Pak Budi has 2 lessons at {day_name} {hour}");
        assert!(check.broken.iter().any(|p| p.contains(&clash)), "{:?}", check.broken);
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), entries, "a check writes nothing");
        let err = app
            .move_placement(&w.admin, t.id(), ips_block.placement_id, ips_block.placement_version, day, hour)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["move_breaks_rules"]);
        assert!(err.to_string().contains(&clash), "{err}");
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), entries, "refused: nothing written");
        let err = app.check_move(&w.admin, t.id(), ips_block.placement_id, 5, 5).await.unwrap_err();
        assert_eq!(code(&err), ["not_a_lesson_period"], "Friday has 4");

        // A free cell: the first one the check finds fine.
        let mut free = None;
        'cells: for d in 1..=5 {
            let last = if d == 5 { 4 } else { 5 };
            for h in 1..=last {
                let c = app.check_move(&w.admin, t.id(), ips_block.placement_id, d, h).await.unwrap();
                if c.broken.is_empty() && c.swap_with.is_none() && (d, h) != (ips_block.weekday, ips_block.period) {
                    free = Some((d, h));
                    break 'cells;
                }
            }
        }
        let (d, h) = free.expect("a free cell for IPS");
        assert!(refused(app.move_placement(&w.teacher, t.id(), ips_block.placement_id, ips_block.placement_version, d, h).await));
        app.move_placement(&w.admin, t.id(), ips_block.placement_id, ips_block.placement_version, d, h).await.unwrap();
        let after = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        assert_eq!(cells_of(&after, social), vec![(d, h)]);
        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery { table_name: Some("timetable_placements".into()), record_id: Some(ips_block.placement_id), text: None, limit: 10 },
            )
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "update" && e.actor_login == "kurikulum"), "{events:?}");
        // The version read before the move is stale now.
        let err = app
            .move_placement(&w.admin, t.id(), ips_block.placement_id, ips_block.placement_version, ips_block.weekday, ips_block.period)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err:?}");

        // Swap: the last math hour onto the first science hour (both VII-A).
        let math3 = after.iter().filter(|e| e.lesson_id == math).find(|e| e.length == 1).unwrap().clone();
        let sci1 = after.iter().find(|e| e.lesson_id == science).unwrap().clone();
        let check = app.check_move(&w.admin, t.id(), math3.placement_id, sci1.weekday, sci1.period).await.unwrap();
        assert_eq!(check.swap_with.as_ref().map(|e| e.placement_id), Some(sci1.placement_id));
        assert!(check.broken.is_empty(), "{:?}", check.broken);
        app.move_placement(&w.admin, t.id(), math3.placement_id, math3.placement_version, sci1.weekday, sci1.period).await.unwrap();
        let swapped = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let at = |id: Id| swapped.iter().find(|e| e.placement_id == id).map(|e| (e.weekday, e.period)).unwrap();
        assert_eq!(at(math3.placement_id), (sci1.weekday, sci1.period));
        assert_eq!(at(sci1.placement_id), (math3.weekday, math3.period));

        // Lock art where it is: it may not move, and a new generation
        // keeps it there, locked.
        let art_now = swapped.iter().find(|e| e.lesson_id == art).unwrap().clone();
        assert!(refused(app.lock_placement(&w.teacher, art_now.placement_id, art_now.placement_version, true).await));
        let locked = app.lock_placement(&w.admin, art_now.placement_id, art_now.placement_version, true).await.unwrap();
        assert!(locked.data.locked);
        let check = app.check_move(&w.admin, t.id(), art_now.placement_id, 5, 1).await.unwrap();
        assert!(check.broken.iter().any(|p| p.contains("Seni Budaya VII-A (Pak Budi) is locked where it is")), "{:?}", check.broken);
        assert!(refused(app.regenerate_timetable(&w.teacher, t.id(), &opts("x")).await));
        for seed in [11, 12, 13] {
            let again = app
                .regenerate_timetable(&w.admin, t.id(), &GenerateOptions { seed, ..opts("Again") })
                .await
                .unwrap()
                .timetable;
            assert_eq!((again.data.placed, again.data.total), (7, 7));
            let e = app.timetable_entries(&w.admin, again.id()).await.unwrap();
            let kept = e.iter().find(|x| x.lesson_id == art).unwrap();
            assert_eq!((kept.weekday, kept.period, kept.locked), (art_now.weekday, art_now.period, true));
            assert_eq!(e.iter().filter(|x| x.locked).count(), 1);
        }
        let unlocked = app.lock_placement(&w.admin, locked.id(), locked.version(), false).await.unwrap();
        assert!(!unlocked.data.locked);
    }
}

both! {
    /// The printed pages' data: a page per class, teacher and room, rows
    /// from the bell schedule (breaks across), each block in its day's
    /// column on every period it lasts, a short day's missing periods
    /// closed; a draft prints as a draft; students cannot print.
    async fn timetable_pages_follow_the_bell_schedule(b: Backend) {
        use schooldesk_app::timetable::SheetsOf;
        use schooldesk_documents::Language;
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let math = app.lessons(&w.admin, term).await.unwrap()[0].lesson.id();
        let ipa = subject(&w, "IPA", "IPA").await;
        let bu_ani = teacher(&w, "Bu Ani").await;
        let lab = app
            .create(&w.admin, &Room { name: "Lab IPA".into(), capacity: 40, kind: "lab".into() })
            .await
            .unwrap()
            .id();
        let science = app
            .save_lesson(
                &w.admin,
                &LessonInput { room_id: Some(lab), ..input(term, ipa, 2, "2", vec![bu_ani], vec![(w.class_b, None)]) },
            )
            .await
            .unwrap()
            .lesson
            .id();
        for (lesson, slots) in [(math, "2:1 3:1 4:1"), (science, "2:1")] {
            app.save_timetable_rule(
                &w.admin,
                None,
                &TimetableRule { lesson_id: Some(lesson), slots: slots.into(), ..rule(term, "fixed_time") },
            )
            .await
            .unwrap();
        }
        let t = app.generate_timetable(&w.admin, term, &opts("Draft")).await.unwrap().timetable;
        assert!(refused(app.timetable_sheets(&w.student, t.id(), &SheetsOf::All, Language::Id).await));
        let sheets = app.timetable_sheets(&w.teacher, t.id(), &SheetsOf::All, Language::Id).await.unwrap();
        let who: Vec<(&str, &str)> = sheets.iter().map(|s| (s.kind.as_str(), s.name.as_str())).collect();
        assert_eq!(
            who,
            [("class", "VII-A"), ("class", "VII-B"), ("teacher", "Bu Ani"), ("teacher", "Pak Guru"), ("room", "Lab IPA")]
        );
        let a = &sheets[0];
        assert!(a.draft);
        assert_eq!(a.days, ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]);
        assert_eq!(a.timetable, "Draft (draf)");
        let labels: Vec<&str> = a.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "Istirahat", "3", "4", "5", "Sholat Dzuhur"]);
        assert_eq!(a.rows[0].time, "07:00–07:40");
        assert!(a.rows[2].pause && a.rows[2].cells.is_empty());
        // Tuesday: the double math block on periods 1 and 2.
        for row in [0, 1] {
            let cell = &a.rows[row].cells[1];
            assert_eq!((cell.subject.as_str(), cell.detail.as_str()), ("Matematika", "Pak Guru"), "row {row}");
        }
        assert_eq!(a.rows[0].cells[0].subject, "", "Monday is free");
        assert!(a.rows[5].cells[4].closed, "Friday has no fifth period");
        assert!(!a.rows[5].cells[0].closed);
        let ani = &sheets[2];
        let cell = &ani.rows[1].cells[1];
        assert_eq!((cell.subject.as_str(), cell.detail.as_str(), cell.room.as_str()), ("IPA", "VII-B", "Lab IPA"));
        let room = &sheets[4];
        assert_eq!(room.rows[0].cells[1].detail, "VII-B · Bu Ani");

        let one = app
            .timetable_sheets(&w.admin, t.id(), &SheetsOf::Teacher(bu_ani), Language::En)
            .await
            .unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].days[0], "Monday");
        let err = app
            .timetable_sheets(&w.admin, t.id(), &SheetsOf::Room(new_id()), Language::En)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["nothing_to_print"]);
    }
}

both! {
    /// Substitutions: a teacher away on a day; their lessons that day from
    /// the published timetable, each with the free teachers who could take
    /// it (the subject's teachers first, then the class's, then those who
    /// covered least this month; the busy and the absent left out); the
    /// cover recorded (audited), a teacher not free refused, named.
    async fn an_absent_teachers_lessons_are_covered(b: Backend) {
        use chrono::Datelike;
        let w = world(b).await;
        let app = &w.app;
        let term = first_term(&w).await;
        app.save_school_week(&w.admin, &week(5, 4)).await.unwrap();
        let plan = app.plan_lessons(&w.admin, term).await.unwrap();
        app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
        let math_a = app.lessons(&w.admin, term).await.unwrap()[0].clone();
        let (pak_guru, math) = (math_a.teachers[0].data.teacher_id, math_a.lesson.data.subject_id);
        let ipa = subject(&w, "IPA", "IPA").await;
        let (bu_ani, pak_budi, bu_rina) = (
            teacher(&w, "Bu Ani").await,
            teacher(&w, "Pak Budi").await,
            teacher(&w, "Bu Rina").await,
        );
        let science = app.save_lesson(&w.admin, &input(term, ipa, 2, "2", vec![bu_ani], vec![(w.class_a, None)])).await.unwrap();
        let budi = app.save_lesson(&w.admin, &input(term, math, 2, "1+1", vec![pak_budi], vec![(w.class_b, None)])).await.unwrap();
        let rina = app.save_lesson(&w.admin, &input(term, math, 1, "1", vec![bu_rina], vec![(w.class_b, None)])).await.unwrap();
        // Monday: math VII-A 1–2 (Pak Guru), IPA VII-A 3–4 (Bu Ani), math
        // VII-B 1 (Pak Budi) and 4 (Bu Rina); Tuesday: math VII-A 1–2.
        for (lesson, slots) in [
            (math_a.lesson.id(), "1:1 2:1 3:1"),
            (science.lesson.id(), "1:3"),
            (budi.lesson.id(), "1:1 3:3"),
            (rina.lesson.id(), "1:4"),
        ] {
            app.save_timetable_rule(&w.admin, None, &TimetableRule { lesson_id: Some(lesson), slots: slots.into(), ..rule(term, "fixed_time") })
                .await
                .unwrap();
        }
        let t = app.generate_timetable(&w.admin, term, &opts("Final")).await.unwrap().timetable;
        assert_eq!((t.data.placed, t.data.total, t.data.hard_violations), (7, 7, 0));
        app.publish_timetable(&w.admin, t.id(), t.version()).await.unwrap();

        let start = app
            .list::<Term>(&w.admin, &Query::all().eq("academic_year_id", w.year).order("number"))
            .await
            .unwrap()[0]
            .data
            .start_date;
        let monday = (0..7).map(|k| start + chrono::Days::new(k)).find(|d| d.weekday() == chrono::Weekday::Mon).unwrap();
        let tuesday = monday + chrono::Days::new(1);

        assert!(refused(app.record_absence(&w.teacher, pak_guru, monday, "Sakit").await));
        let err = app.record_absence(&w.admin, pak_guru, monday + chrono::Days::new(6), "Sakit").await.unwrap_err();
        assert_eq!(code(&err), ["not_a_school_day"]);
        let away = app.record_absence(&w.admin, pak_guru, monday, "Sakit").await.unwrap();
        let err = app.record_absence(&w.admin, pak_guru, monday, "Dinas").await.unwrap_err();
        assert_eq!(err.kind(), "duplicate", "{err:?}");

        let day = app.cover_day(&w.teacher, away.id()).await.unwrap();
        assert_eq!(day.teacher, "Pak Guru");
        // A colleague sees that he is away, not why; the office sees why.
        assert_eq!(day.absence.data.reason, "");
        let office_view = app.cover_day(&w.admin, away.id()).await.unwrap();
        assert_eq!(office_view.absence.data.reason, "Sakit");
        assert_eq!(day.timetable.as_deref(), Some("Final"));
        assert_eq!(day.lessons.len(), 1, "Monday's double math");
        let need = &day.lessons[0];
        assert_eq!((need.entry.period, need.entry.length), (1, 2));
        let names: Vec<&str> = need.candidates.iter().map(|c| c.name.as_str()).collect();
        // Bu Rina teaches math and is free 1–2; Bu Ani teaches VII-A and is
        // free; Pak Budi teaches math but is busy in period 1.
        assert_eq!(names, ["Bu Rina", "Bu Ani"]);
        assert!(need.candidates[0].teaches_subject && !need.candidates[1].teaches_subject);
        assert!(need.cover.is_none());

        let placement = need.entry.placement_id;
        assert!(refused(app.record_cover(&w.teacher, away.id(), placement, "substitute", Some(bu_rina)).await));
        let err = app.record_cover(&w.admin, away.id(), placement, "substitute", Some(pak_budi)).await.unwrap_err();
        assert_eq!(code(&err), ["substitute_not_free"]);
        assert!(err.to_string().contains("Pak Budi is not free"), "{err}");
        let err = app.record_cover(&w.admin, away.id(), placement, "substitute", None).await.unwrap_err();
        assert_eq!(code(&err), ["substitute_needed"]);
        let cover = app.record_cover(&w.admin, away.id(), placement, "substitute", Some(bu_rina)).await.unwrap();
        assert_eq!((cover.data.kind.as_str(), cover.data.substitute_id), ("substitute", Some(bu_rina)));
        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery { table_name: Some("lesson_covers".into()), record_id: Some(cover.id()), text: None, limit: 10 },
            )
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "create" && e.actor_login == "kurikulum"), "{events:?}");
        let day = app.cover_day(&w.admin, away.id()).await.unwrap();
        assert_eq!(day.lessons[0].cover.as_ref().map(|c| c.id()), Some(cover.id()));

        // Bu Ani away the same Monday: her IPA (3–4) has no one free who
        // teaches IPA or VII-A (Bu Rina teaches in 4, Pak Guru is away):
        // it is cancelled.
        let ani_away = app.record_absence(&w.admin, bu_ani, monday, "Dinas luar").await.unwrap();
        let day = app.cover_day(&w.admin, ani_away.id()).await.unwrap();
        assert_eq!(day.lessons.len(), 1);
        assert!(day.lessons[0].candidates.is_empty(), "{:?}", day.lessons[0].candidates);
        let cancelled = app
            .record_cover(&w.admin, ani_away.id(), day.lessons[0].entry.placement_id, "cancelled", Some(bu_rina))
            .await
            .unwrap();
        assert_eq!((cancelled.data.kind.as_str(), cancelled.data.substitute_id), ("cancelled", None));

        // Pak Guru away on Tuesday too: Pak Budi, who has covered nothing
        // this month, comes before Bu Rina.
        let tue = app.record_absence(&w.admin, pak_guru, tuesday, "Sakit").await.unwrap();
        let day = app.cover_day(&w.admin, tue.id()).await.unwrap();
        let ranked: Vec<(&str, i64)> = day.lessons[0].candidates.iter().map(|c| (c.name.as_str(), c.covers_this_month)).collect();
        assert_eq!(ranked[..2], [("Pak Budi", 0), ("Bu Rina", 1)]);
        // Bu Ani is away that Monday now: she cannot supervise it; the
        // Monday cover changes to supervised with no one named: one record,
        // updated.
        let err = app.record_cover(&w.admin, away.id(), placement, "supervised", Some(bu_ani)).await.unwrap_err();
        assert_eq!(code(&err), ["substitute_not_free"]);
        let changed = app.record_cover(&w.admin, away.id(), placement, "supervised", None).await.unwrap();
        assert_eq!(changed.id(), cover.id());
        assert_eq!(changed.data.substitute_id, None);
        assert_eq!(changed.version(), cover.version() + 1);
    }
}
