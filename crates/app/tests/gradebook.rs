//! The gradebook per role on both backends (issue 12, items 2, 3, 6 and 9):
//! who may grade what, the rounding edges through the stored path, a block
//! save with one bad cell writing nothing, the lock after approval and the
//! audited unlock, published results for a student and a parent, and two
//! writers at once.

mod common;

use common::*;
use schooldesk_app::gradebook::*;
use schooldesk_app::{App, AppError};
use schooldesk_core::grading::{Final, Score};
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};

/// The world's Matematika, its first semester, and a second subject
/// nobody in the world teaches.
struct Grades {
    math: Id,
    art: Id,
    term: Id,
}

async fn grades(w: &World) -> Grades {
    let subjects = w
        .app
        .list::<Subject>(&w.admin, &Query::all().eq("code", "MTK"))
        .await
        .unwrap();
    let art = w
        .app
        .create(
            &w.admin,
            &Subject {
                code: "SBD".into(),
                name: "Seni Budaya".into(),
                group_name: "B".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id();
    let term = w
        .app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap()[0]
        .id();
    Grades {
        math: subjects[0].id(),
        art,
        term,
    }
}

fn component(name: &str, kind: &str, weight: &str) -> ComponentInput {
    ComponentInput {
        id: None,
        name: name.into(),
        kind: kind.into(),
        weight: weight.into(),
    }
}

fn scheme(kkm: &str, components: Vec<ComponentInput>) -> SchemeInput {
    SchemeInput {
        kkm: kkm.into(),
        rounding_places: 0,
        rounding_mode: "half_up".into(),
        bands: Vec::new(),
        components,
    }
}

fn cell(assessment_id: Id, student_id: Id, text: &str) -> CellInput {
    CellInput {
        assessment_id,
        student_id,
        text: text.into(),
    }
}

/// A scheme of one component (100 %) for `subject`, and one column of it
/// in `class`: the simplest grid, where a score is the final.
async fn one_column(app: &App, admin: &Actor, subject: Id, term: Id, class: Id, kkm: &str) -> Id {
    let saved = app
        .scheme_save(
            admin,
            subject,
            term,
            &scheme(kkm, vec![component("PAS", "end_of_term", "100")]),
        )
        .await
        .unwrap();
    app.assessment_add(admin, class, saved.components[0].id, "PAS 1")
        .await
        .unwrap()
        .id
}

async fn add_student(w: &World, nisn: &str, name: &str, class: Id) -> Id {
    w.app
        .create_student(&w.admin, &student(nisn, name), Some(class))
        .await
        .unwrap()
        .id()
}

fn grade(f: &Final) -> (String, bool, String) {
    match f {
        Final::Graded {
            grade,
            passed,
            predicate,
            ..
        } => (grade.to_string(), *passed, predicate.clone()),
        Final::Incomplete { missing } => panic!("incomplete: {missing:?}"),
    }
}

fn kind(e: &AppError) -> &'static str {
    e.kind()
}

both! {
    /// A teacher grades only the class × subject of their own teaching
    /// assignment; a homeroom teacher reads their class in every subject
    /// and grades none they do not teach; students, parents and the
    /// bursar see no gradebook.
    async fn teachers_grade_only_their_own_class_and_subject(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        // Art is taught in VII-A too, but by nobody signed in here.
        app.create(
            &w.admin,
            &TeachingAssignment {
                teacher_id: app
                    .list::<Teacher>(&w.admin, &Query::all().eq("full_name", "Bu Wali"))
                    .await
                    .unwrap()[0]
                    .id(),
                subject_id: g.art,
                class_id: w.class_a,
                periods_per_week: 2,
            },
        )
        .await
        .unwrap();
        let art_col = one_column(app, &w.admin, g.art, g.term, w.class_a, "70").await;
        let teacher = app.login("guru", PASSWORD).await.unwrap().actor;
        let homeroom = app.login("walikelas", PASSWORD).await.unwrap().actor;

        // Pak Guru: VII-A Matematika, both semesters, nothing else.
        let choices = app.gradebook_choices(&teacher).await.unwrap();
        assert_eq!(choices.len(), 2, "{choices:?}");
        assert!(choices.iter().all(|c| c.class_id == w.class_a && c.subject_id == g.math));
        let book = app.gradebook_open(&teacher, w.class_a, g.math, g.term).await.unwrap();
        assert!(book.editable);
        assert_eq!(book.students.len(), 1);
        app.gradebook_save(&teacher, w.class_a, g.math, g.term, &[cell(col, w.own_student, "80")])
            .await
            .unwrap();

        // Another subject in his class, his subject in another class.
        for (class, subject, column, student) in [
            (w.class_a, g.art, art_col, w.own_student),
            (w.class_b, g.math, col, w.other_student),
        ] {
            let e = app.gradebook_open(&teacher, class, subject, g.term).await.unwrap_err();
            assert_eq!(kind(&e), "forbidden", "{e}");
            let e = app
                .gradebook_save(&teacher, class, subject, g.term, &[cell(column, student, "90")])
                .await
                .unwrap_err();
            assert_eq!(kind(&e), "forbidden", "{e}");
        }
        let art_component = app
            .gradebook_open(&w.admin, w.class_a, g.art, g.term)
            .await
            .unwrap()
            .scheme
            .unwrap()
            .components[0]
            .id;
        let e = app
            .assessment_add(&teacher, w.class_a, art_component, "Tugas")
            .await
            .unwrap_err();
        assert_eq!(kind(&e), "forbidden", "{e}");
        let e = app.assessment_rename(&teacher, art_col, "x").await.unwrap_err();
        assert_eq!(kind(&e), "forbidden", "{e}");
        let e = app.assessment_remove(&teacher, art_col, true).await.unwrap_err();
        assert_eq!(kind(&e), "forbidden", "{e}");
        let e = app
            .scheme_save(&teacher, g.art, g.term, &scheme("60", vec![component("X", "other", "100")]))
            .await
            .unwrap_err();
        assert_eq!(kind(&e), "forbidden", "{e}");

        // Bu Wali leads VII-A and teaches art there: she reads Matematika,
        // may not type in it, and grades art.
        let book = app.gradebook_open(&homeroom, w.class_a, g.math, g.term).await.unwrap();
        assert!(!book.editable);
        assert_eq!(book.scores.len(), 1);
        let e = app
            .gradebook_save(&homeroom, w.class_a, g.math, g.term, &[cell(col, w.own_student, "10")])
            .await
            .unwrap_err();
        assert_eq!(kind(&e), "forbidden", "{e}");
        app.gradebook_save(&homeroom, w.class_a, g.art, g.term, &[cell(art_col, w.own_student, "88")])
            .await
            .unwrap();
        let e = app.gradebook_open(&homeroom, w.class_b, g.math, g.term).await.unwrap_err();
        assert_eq!(kind(&e), "forbidden", "{e}");

        for who in [&w.student, &w.parent, &w.bursar] {
            let e = app.gradebook_open(who, w.class_a, g.math, g.term).await.unwrap_err();
            assert_eq!(kind(&e), "forbidden", "{:?}: {e}", who.roles);
            assert!(app.gradebook_choices(who).await.unwrap().is_empty());
        }
        // The score Pak Guru typed is still his 80.
        let book = app.gradebook_open(&w.admin, w.class_a, g.math, g.term).await.unwrap();
        assert_eq!(book.scores[0].score.to_string(), "80");
    }

    /// The rounding edges through the stored path: 74.5 is 75 and passes
    /// at KKM 75, 84.49 is 84, 84.5 is 85; weights 33.33/33.33/33.34 make
    /// 79.999, printed 80. Scores are stored exactly in hundredths.
    async fn rounding_edges_through_the_stored_path(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        let s1 = w.own_student;
        let s2 = add_student(&w, "0011111111", "Citra Lestari", w.class_a).await;
        let s3 = add_student(&w, "0022222222", "Dewi Anggraini", w.class_a).await;
        let s4 = add_student(&w, "0033333333", "Eko Saputra", w.class_a).await;
        let finals = app
            .gradebook_save(
                &w.admin,
                w.class_a,
                g.math,
                g.term,
                &[
                    cell(col, s1, "74.5"),
                    cell(col, s2, "84,49"),
                    cell(col, s3, "84.5"),
                    cell(col, s4, "74.49"),
                ],
            )
            .await
            .unwrap();
        let of = |id: Id| grade(&finals.iter().find(|f| f.student_id == id).unwrap().result);
        assert_eq!(of(s1), ("75".into(), true, "C".into()));
        assert_eq!(of(s2), ("84".into(), true, "B".into()));
        assert_eq!(of(s3), ("85".into(), true, "B".into()));
        assert_eq!(of(s4), ("74".into(), false, "D".into()));

        let store = store_of(app).await;
        let stored = store
            .list::<ScoreEntry>(&Query::all().eq("student_id", s2))
            .await
            .unwrap();
        assert_eq!(stored[0].data.score, 8449);

        // The grid: students by name, the stored score as typed.
        let book = app.gradebook_open(&w.admin, w.class_a, g.math, g.term).await.unwrap();
        let names: Vec<&str> = book.students.iter().map(|s| s.full_name.as_str()).collect();
        assert_eq!(names, ["Andi Pratama", "Citra Lestari", "Dewi Anggraini", "Eko Saputra"]);
        let shown = book.scores.iter().find(|s| s.student_id == s2).unwrap();
        assert_eq!(shown.score.to_string(), "84.49");
        assert_eq!(book.finals.len(), 4);

        // Thirds that are not whole numbers.
        let saved = app
            .scheme_save(
                &w.admin,
                g.art,
                g.term,
                &scheme(
                    "75",
                    vec![
                        component("Harian", "formative", "33.33"),
                        component("PTS", "mid_term", "33.33"),
                        component("PAS", "end_of_term", "33.34"),
                    ],
                ),
            )
            .await
            .unwrap();
        let weights: Vec<&str> = saved.components.iter().map(|c| c.weight.as_str()).collect();
        assert_eq!(weights, ["33.33", "33.33", "33.34"]);
        let mut cols = Vec::new();
        for c in &saved.components {
            cols.push(app.assessment_add(&w.admin, w.class_a, c.id, &c.name).await.unwrap().id);
        }
        let finals = app
            .gradebook_save(
                &w.admin,
                w.class_a,
                g.art,
                g.term,
                &[cell(cols[0], s1, "80"), cell(cols[1], s1, "90")],
            )
            .await
            .unwrap();
        // Two of three components: no grade is made up.
        assert_eq!(
            finals[0].result,
            Final::Incomplete { missing: vec!["PAS".into()] }
        );
        let finals = app
            .gradebook_save(&w.admin, w.class_a, g.art, g.term, &[cell(cols[2], s1, "70")])
            .await
            .unwrap();
        match &finals[0].result {
            Final::Graded { exact, grade, .. } => {
                // 80 × .3333 + 90 × .3333 + 70 × .3334 = 79.999
                assert_eq!((exact.numerator(), exact.denominator()), (79999, 1000));
                assert_eq!(*grade, Score::parse("80").unwrap());
            }
            other => panic!("{other:?}"),
        }
    }

    /// Weights that do not sum to 100 % are refused naming the sum; bad
    /// bands, kind and KKM are each named; nothing is stored.
    async fn a_bad_scheme_names_what_is_wrong(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let e = app
            .scheme_save(
                &w.admin,
                g.math,
                g.term,
                &scheme(
                    "75",
                    vec![
                        component("Harian", "formative", "40"),
                        component("PTS", "mid_term", "30"),
                        component("PAS", "end_of_term", "29.99"),
                    ],
                ),
            )
            .await
            .unwrap_err();
        assert_eq!(kind(&e), "invalid");
        let f = &e.field_errors()[0];
        assert_eq!((f.field, f.msg.code), ("components", "weights_not_100"));
        assert!(f.msg.text.contains("99.99%"), "{}", f.msg.text);
        assert_eq!(f.msg.params, [("sum", "99.99".to_string())]);

        let mut bad = scheme("101", vec![component("Harian", "daily", "100")]);
        bad.rounding_mode = "up".into();
        bad.bands = vec![
            BandView { min: "80".into(), label: "B".into() },
            BandView { min: "90".into(), label: "A".into() },
        ];
        let e = app.scheme_save(&w.admin, g.math, g.term, &bad).await.unwrap_err();
        let fields: Vec<(&str, &str)> =
            e.field_errors().iter().map(|f| (f.field, f.msg.code)).collect();
        assert_eq!(
            fields,
            [
                ("kkm", "bad_kkm"),
                ("rounding_mode", "not_one_of"),
                ("bands", "bad_bands"),
                ("components", "bad_component_kind"),
            ]
        );
        let store = store_of(app).await;
        assert_eq!(store.count::<AssessmentScheme>().await.unwrap(), 0);
        assert_eq!(store.count::<SchemeComponent>().await.unwrap(), 0);

        // Custom bands are kept as typed; the scheme reads back whole.
        let mut good = scheme("70", vec![component("PAS", "end_of_term", "100")]);
        good.bands = vec![
            BandView { min: "85".into(), label: "Sangat Baik".into() },
            BandView { min: "70".into(), label: "Baik".into() },
            BandView { min: "0".into(), label: "Cukup".into() },
        ];
        good.rounding_places = 1;
        let saved = app.scheme_save(&w.admin, g.math, g.term, &good).await.unwrap();
        assert_eq!(saved.kkm, "70");
        assert_eq!(saved.rounding_places, 1);
        assert_eq!(saved.bands, good.bands);

        // Renaming a kept component keeps its columns; removing one with
        // columns is refused by name.
        let col = app
            .assessment_add(&w.admin, w.class_a, saved.components[0].id, "PAS 1")
            .await
            .unwrap();
        let mut renamed = good.clone();
        renamed.components = vec![
            ComponentInput { id: Some(saved.components[0].id), ..component("SAS", "end_of_term", "60") },
            component("Tugas", "assignment", "40"),
        ];
        let again = app.scheme_save(&w.admin, g.math, g.term, &renamed).await.unwrap();
        assert_eq!(again.components[0].id, saved.components[0].id);
        assert_eq!(again.components[0].name, "SAS");
        renamed.components.remove(0);
        renamed.components[0].weight = "100".into();
        renamed.components[0].id = Some(again.components[1].id);
        let e = app.scheme_save(&w.admin, g.math, g.term, &renamed).await.unwrap_err();
        assert_eq!(e.field_errors()[0].msg.code, "component_in_use", "{e}");
        let book = app.gradebook_open(&w.admin, w.class_a, g.math, g.term).await.unwrap();
        assert_eq!(book.columns, [col]);
    }

    /// One bad cell in a pasted block refuses the whole block, naming
    /// every bad cell by student and column; nothing is written, nothing
    /// audited. "" clears a score; each change is audited with before and
    /// after.
    async fn a_block_with_bad_cells_writes_nothing(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        let other_class_col = app
            .assessment_add(
                &w.admin,
                w.class_b,
                app.gradebook_open(&w.admin, w.class_a, g.math, g.term)
                    .await
                    .unwrap()
                    .scheme
                    .unwrap()
                    .components[0]
                    .id,
                "PAS 1",
            )
            .await
            .unwrap()
            .id;
        let s2 = add_student(&w, "0011111111", "Citra Lestari", w.class_a).await;
        let s3 = add_student(&w, "0022222222", "Dewi Anggraini", w.class_a).await;
        let s4 = add_student(&w, "0033333333", "Eko Saputra", w.class_a).await;
        let e = app
            .gradebook_save(
                &w.teacher,
                w.class_a,
                g.math,
                g.term,
                &[
                    cell(col, w.own_student, "80"),
                    cell(col, s2, "abc"),
                    cell(col, s3, "105"),
                    cell(col, s4, "84.499"),
                    cell(col, w.other_student, "70"),
                    cell(other_class_col, w.own_student, "70"),
                ],
            )
            .await
            .unwrap_err();
        let AppError::CellsRejected(cells) = &e else {
            panic!("{e:?}");
        };
        let named: Vec<(usize, &str, &str, &str)> = cells
            .iter()
            .map(|c| (c.index, c.student.as_str(), c.column.as_str(), c.reason.code))
            .collect();
        let other_id = w.other_student.to_string();
        let other_col_id = other_class_col.to_string();
        assert_eq!(
            named,
            [
                (2, "Citra Lestari", "PAS 1", "score_not_a_number"),
                (3, "Dewi Anggraini", "PAS 1", "score_out_of_range"),
                (4, "Eko Saputra", "PAS 1", "score_too_precise"),
                (5, other_id.as_str(), "PAS 1", "not_enrolled_in_term"),
                (6, "Andi Pratama", other_col_id.as_str(), "not_this_gradebook"),
            ]
        );
        assert!(cells[0].reason.text.contains("not a number"), "{}", cells[0].reason.text);
        assert!(cells[1].reason.text.contains("0 to 100"), "{}", cells[1].reason.text);
        assert!(cells[2].reason.text.contains("two decimal"), "{}", cells[2].reason.text);
        assert_eq!(kind(&e), "cells_rejected");
        assert!(e.to_string().contains("5 cell(s) refused; nothing was saved"), "{e}");
        let book = app.gradebook_open(&w.admin, w.class_a, g.math, g.term).await.unwrap();
        assert!(book.scores.is_empty(), "{:?}", book.scores);
        assert!(score_events(app, &w.admin).await.is_empty());

        // Good cells land; a change and a clear are audited with both sides.
        app.gradebook_save(&w.teacher, w.class_a, g.math, g.term, &[cell(col, s2, "80")])
            .await
            .unwrap();
        app.gradebook_save(&w.teacher, w.class_a, g.math, g.term, &[cell(col, s2, "85.5")])
            .await
            .unwrap();
        let finals = app
            .gradebook_save(&w.teacher, w.class_a, g.math, g.term, &[cell(col, s2, "")])
            .await
            .unwrap();
        assert_eq!(finals[0].result, Final::Incomplete { missing: vec!["PAS".into()] });
        let events = score_events(app, &w.admin).await;
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["delete", "update", "create"]);
        assert!(events[1].before.as_deref().unwrap().contains("8000"), "{:?}", events[1]);
        assert!(events[1].after.as_deref().unwrap().contains("8550"), "{:?}", events[1]);
        assert!(events[0].before.as_deref().unwrap().contains("8550"));
        assert!(events.iter().all(|e| e.actor_login == "guru"));
    }

    /// draft → submitted → approved; approved locks scores, columns and the
    /// scheme; only an administrator unlocks, and that is audited.
    async fn nothing_changes_after_approval_until_an_audited_unlock(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        app.gradebook_save(&w.teacher, w.class_a, g.math, g.term, &[cell(col, w.own_student, "80")])
            .await
            .unwrap();

        // Only the homeroom teacher (or an admin) submits; only an admin approves.
        let e = app
            .signoff_set(&w.teacher, w.class_a, g.term, SignoffStatus::Submitted)
            .await
            .unwrap_err();
        assert_eq!(kind(&e), "forbidden");
        let e = app
            .signoff_set(&w.admin, w.class_a, g.term, SignoffStatus::Approved)
            .await
            .unwrap_err();
        assert_eq!(e.message().code, "not_submitted", "{e}");
        app.signoff_set(&w.homeroom, w.class_a, g.term, SignoffStatus::Submitted)
            .await
            .unwrap();
        let e = app
            .signoff_set(&w.homeroom, w.class_a, g.term, SignoffStatus::Approved)
            .await
            .unwrap_err();
        assert_eq!(kind(&e), "forbidden");
        app.signoff_set(&w.admin, w.class_a, g.term, SignoffStatus::Approved)
            .await
            .unwrap();

        let book = app.gradebook_open(&w.teacher, w.class_a, g.math, g.term).await.unwrap();
        assert_eq!(book.status, SignoffStatus::Approved);
        assert!(!book.editable);
        let locked = |e: AppError| {
            assert_eq!(kind(&e), "locked", "{e}");
            assert_eq!(e.message().code, "grades_locked");
            assert!(e.to_string().contains("VII-A"), "{e}");
        };
        for who in [&w.teacher, &w.admin] {
            locked(
                app.gradebook_save(who, w.class_a, g.math, g.term, &[cell(col, w.own_student, "99")])
                    .await
                    .unwrap_err(),
            );
        }
        let component = book.scheme.as_ref().unwrap().components[0].id;
        locked(app.assessment_add(&w.teacher, w.class_a, component, "PAS 2").await.unwrap_err());
        locked(app.assessment_rename(&w.teacher, col, "PAS").await.unwrap_err());
        locked(app.assessment_remove(&w.admin, col, true).await.unwrap_err());
        locked(
            app.scheme_save(&w.admin, g.math, g.term, &scheme("60", vec![component_input()]))
                .await
                .unwrap_err(),
        );
        locked(
            app.signoff_set(&w.homeroom, w.class_a, g.term, SignoffStatus::Draft)
                .await
                .unwrap_err(),
        );
        // The other class of the same semester is not locked.
        let book_b = app.gradebook_open(&w.admin, w.class_b, g.math, g.term).await.unwrap();
        assert!(book_b.editable);

        // Unlocking: an administrator's, audited.
        for who in [&w.homeroom, &w.teacher] {
            let e = app.signoff_unlock(who, w.class_a, g.term).await.unwrap_err();
            assert_eq!(kind(&e), "forbidden");
        }
        app.signoff_unlock(&w.admin, w.class_a, g.term).await.unwrap();
        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery { table_name: Some("grade_signoffs".into()), limit: 10, ..AuditQuery::default() },
            )
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.contains(&"grades_unlocked"), "{actions:?}");
        assert!(events.iter().all(|e| e.actor_login != "guru"));
        let unlock = events.iter().find(|e| e.action == "update").unwrap();
        assert!(unlock.before.as_deref().unwrap().contains("approved"), "{unlock:?}");
        assert!(unlock.after.as_deref().unwrap().contains("draft"), "{unlock:?}");
        let e = app.signoff_unlock(&w.admin, w.class_a, g.term).await.unwrap_err();
        assert_eq!(e.message().code, "not_locked");

        app.gradebook_save(&w.teacher, w.class_a, g.math, g.term, &[cell(col, w.own_student, "99")])
            .await
            .unwrap();
    }

    /// A student and their parent read their own finals only once the
    /// class's grades are approved, and nothing of other students.
    async fn parents_see_only_their_childs_approved_results(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col_a = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        let component = app
            .gradebook_open(&w.admin, w.class_a, g.math, g.term)
            .await
            .unwrap()
            .scheme
            .unwrap()
            .components[0]
            .id;
        let col_b = app.assessment_add(&w.admin, w.class_b, component, "PAS 1").await.unwrap().id;
        app.gradebook_save(&w.admin, w.class_a, g.math, g.term, &[cell(col_a, w.own_student, "74.5")])
            .await
            .unwrap();
        app.gradebook_save(&w.admin, w.class_b, g.math, g.term, &[cell(col_b, w.other_student, "91")])
            .await
            .unwrap();
        // Christian religious education graded in class A too: not the
        // (Muslim) child's subject, so not among their results.
        let pak = Subject {
            code: "PAK".into(),
            name: "Pendidikan Agama Kristen".into(),
            group_name: "A".into(),
            religion_specific: true,
        };
        let pak = app.create(&w.admin, &pak).await.unwrap().id();
        let col_pak = one_column(app, &w.admin, pak, g.term, w.class_a, "75").await;
        app.gradebook_save(&w.admin, w.class_a, pak, g.term, &[cell(col_pak, w.own_student, "88")])
            .await
            .unwrap();
        // Class B approved, class A (the child's) not yet.
        for status in [SignoffStatus::Submitted, SignoffStatus::Approved] {
            app.signoff_set(&w.admin, w.class_b, g.term, status).await.unwrap();
        }
        for who in [&w.parent, &w.student] {
            let results = app.my_results(who, g.term).await.unwrap();
            assert_eq!(results.len(), 1);
            assert_eq!(results[0].student_id, w.own_student);
            assert!(!results[0].published);
            assert!(results[0].subjects.is_empty());
        }
        for status in [SignoffStatus::Submitted, SignoffStatus::Approved] {
            app.signoff_set(&w.admin, w.class_a, g.term, status).await.unwrap();
        }
        for who in [&w.parent, &w.student] {
            let results = app.my_results(who, g.term).await.unwrap();
            assert_eq!(results.len(), 1, "only their own child");
            let r = &results[0];
            assert_eq!((r.student_id, r.published), (w.own_student, true));
            assert_eq!(r.class_name.as_deref(), Some("VII-A"));
            assert_eq!(r.subjects.len(), 1);
            assert_eq!(r.subjects[0].subject_name, "Matematika");
            assert_eq!(grade(&r.subjects[0].result), ("75".into(), true, "C".into()));
        }
        for who in [&w.teacher, &w.homeroom, &w.bursar] {
            let e = app.my_results(who, g.term).await.unwrap_err();
            assert_eq!(kind(&e), "forbidden", "{:?}", who.roles);
            let e = app.my_results_by_term(who).await.unwrap_err();
            assert_eq!(kind(&e), "forbidden", "{:?}", who.roles);
        }
        // Every semester of the year, in order, for the family's screen:
        // the first published, the second not yet.
        let by_term = app.my_results_by_term(&w.parent).await.unwrap();
        let seen: Vec<(i64, bool)> = by_term.iter().map(|(t, r)| (t.data.number, r[0].published)).collect();
        assert_eq!(seen, [(1, true), (2, false)]);
        assert!(by_term[1].1[0].subjects.is_empty());
        // And no gradebook door for them either.
        let e = app.gradebook_open(&w.parent, w.class_b, g.math, g.term).await.unwrap_err();
        assert_eq!(kind(&e), "forbidden");
    }

    /// A column with scores is removed only when asked, with its scores.
    async fn removing_a_column_with_scores_needs_asking(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        let renamed = app.assessment_rename(&w.teacher, col, " PAS Ganjil ").await.unwrap();
        assert_eq!(renamed.name, "PAS Ganjil");
        app.gradebook_save(&w.teacher, w.class_a, g.math, g.term, &[cell(col, w.own_student, "80")])
            .await
            .unwrap();
        let e = app.assessment_remove(&w.teacher, col, false).await.unwrap_err();
        assert_eq!(e.message().code, "column_has_scores", "{e}");
        app.assessment_remove(&w.teacher, col, true).await.unwrap();
        let book = app.gradebook_open(&w.teacher, w.class_a, g.math, g.term).await.unwrap();
        assert!(book.columns.is_empty() && book.scores.is_empty());
    }

    /// A score save racing an approval (issue 12 gap "approval race"):
    /// a teacher saves one cell over and over while an administrator
    /// approves. Whatever the interleaving, the score the approver reads
    /// right after the approval is the score for good: a save either
    /// lands before the approval or is refused as locked. Bounded rounds,
    /// each from "submitted" again after an unlock.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_save_racing_an_approval_never_lands_after_it(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        // Thirty columns, so each save is a long transaction: a wide
        // window for an approval to land in.
        let saved = app
            .scheme_save(&w.admin, g.math, g.term, &scheme("75", vec![component_input()]))
            .await
            .unwrap();
        let mut cols = Vec::new();
        for n in 0..30 {
            let name = format!("PAS {n}");
            let col = app
                .assessment_add(&w.admin, w.class_a, saved.components[0].id, &name)
                .await
                .unwrap();
            cols.push(col.id);
        }
        let (class, math, term, student) = (w.class_a, g.math, g.term, w.own_student);
        let score_now = |app: App, admin: Actor| async move {
            let book = app.gradebook_open(&admin, class, math, term).await.unwrap();
            let mut scores: Vec<(Id, String)> = book
                .scores
                .iter()
                .map(|s| (s.assessment_id, s.score.to_string()))
                .collect();
            scores.sort();
            scores
        };
        for round in 0..100 {
            app.signoff_set(&w.homeroom, class, term, SignoffStatus::Submitted)
                .await
                .unwrap();
            let saver = {
                let (app, teacher, cols) = (app.clone(), w.teacher.clone(), cols.clone());
                tokio::spawn(async move {
                    let mut last_saved = None;
                    for n in 0..400 {
                        let text = format!("{}", (round * 7 + n) % 100);
                        let cells: Vec<CellInput> =
                            cols.iter().map(|c| cell(*c, student, &text)).collect();
                        match app.gradebook_save(&teacher, class, math, term, &cells).await {
                            Ok(_) => last_saved = Some(text),
                            Err(e) => {
                                assert_eq!(e.message().code, "grades_locked", "{e}");
                                return last_saved;
                            }
                        }
                    }
                    panic!("400 saves and the approval never landed");
                })
            };
            // Let the saver get going before approving.
            for _ in 0..round % 6 {
                app.signoff_status(&w.admin, class, term).await.unwrap();
            }
            app.signoff_set(&w.admin, class, term, SignoffStatus::Approved)
                .await
                .unwrap();
            let at_approval = score_now(app.clone(), w.admin.clone()).await;
            let last_saved = saver.await.unwrap();
            let after = score_now(app.clone(), w.admin.clone()).await;
            assert_eq!(at_approval, after, "round {round}: a score changed after the approval");
            if let Some(last) = last_saved {
                assert!(after.iter().all(|(_, s)| *s == last), "round {round}: {after:?}");
            }
            app.signoff_unlock(&w.admin, class, term).await.unwrap();
        }
    }

    /// A scheme save racing an approval: the administrator keeps changing
    /// the passing grade while the class is approved. Whatever the
    /// interleaving, the passing grade read right after the approval is
    /// the one for good: the save holds the sign-off of every class using
    /// the scheme, so it lands before the approval or is refused as locked.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_scheme_save_racing_an_approval_never_lands_after_it(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let (class, math, term) = (w.class_a, g.math, g.term);
        let saved = app
            .scheme_save(&w.admin, math, term, &scheme("75", vec![component_input()]))
            .await
            .unwrap();
        let keep = ComponentInput { id: Some(saved.components[0].id), ..component_input() };
        let kkm_now = |app: App, admin: Actor| async move {
            app.gradebook_open(&admin, class, math, term).await.unwrap().scheme.unwrap().kkm
        };
        for round in 0..40 {
            app.signoff_set(&w.homeroom, class, term, SignoffStatus::Submitted)
                .await
                .unwrap();
            let saver = {
                let (app, admin, keep) = (app.clone(), w.admin.clone(), keep.clone());
                tokio::spawn(async move {
                    let mut last = None;
                    for n in 0..400 {
                        let kkm = format!("{}", 60 + (round + n) % 30);
                        match app.scheme_save(&admin, math, term, &scheme(&kkm, vec![keep.clone()])).await {
                            Ok(_) => last = Some(kkm),
                            Err(e) => {
                                assert_eq!(e.message().code, "grades_locked", "{e}");
                                return last;
                            }
                        }
                    }
                    panic!("400 saves and the approval never landed");
                })
            };
            for _ in 0..round % 6 {
                app.signoff_status(&w.admin, class, term).await.unwrap();
            }
            app.signoff_set(&w.admin, class, term, SignoffStatus::Approved)
                .await
                .unwrap();
            let at_approval = kkm_now(app.clone(), w.admin.clone()).await;
            let last = saver.await.unwrap();
            let after = kkm_now(app.clone(), w.admin.clone()).await;
            assert_eq!(at_approval, after, "round {round}: the passing grade changed after the approval");
            if let Some(last) = last {
                assert_eq!(after, last, "round {round}");
            }
            app.signoff_unlock(&w.admin, class, term).await.unwrap();
        }
    }

    /// A save racing a submission (or its taking back) is not refused:
    /// only an approval locks the grades, so a save that finds the
    /// sign-off moved but still open lands holding the new version.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_save_racing_a_submission_still_lands(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let saved = app
            .scheme_save(&w.admin, g.math, g.term, &scheme("75", vec![component_input()]))
            .await
            .unwrap();
        let mut cols = Vec::new();
        for n in 0..30 {
            let name = format!("PAS {n}");
            cols.push(app.assessment_add(&w.admin, w.class_a, saved.components[0].id, &name).await.unwrap().id);
        }
        let (class, math, term, student) = (w.class_a, g.math, g.term, w.own_student);
        let toggler = {
            let (app, homeroom) = (app.clone(), w.homeroom.clone());
            tokio::spawn(async move {
                for n in 0..40 {
                    let status = if n % 2 == 0 { SignoffStatus::Submitted } else { SignoffStatus::Draft };
                    app.signoff_set(&homeroom, class, term, status).await.unwrap();
                }
            })
        };
        let mut n = 0;
        while !toggler.is_finished() || n < 5 {
            let text = format!("{}", 50 + n % 50);
            let cells: Vec<CellInput> = cols.iter().map(|c| cell(*c, student, &text)).collect();
            app.gradebook_save(&w.teacher, class, math, term, &cells).await.unwrap();
            n += 1;
        }
        toggler.await.unwrap();
    }

    /// Two teachers' saves of different cells at once both land.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_saves_of_different_cells_both_land(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        let s2 = add_student(&w, "0011111111", "Citra Lestari", w.class_a).await;
        let mut tasks = Vec::new();
        for (actor, student, text) in [
            (w.teacher.clone(), w.own_student, "81"),
            (w.admin.clone(), s2, "92.25"),
        ] {
            let app = app.clone();
            let (class, math, term) = (w.class_a, g.math, g.term);
            tasks.push(tokio::spawn(async move {
                app.gradebook_save(&actor, class, math, term, &[cell(col, student, text)])
                    .await
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let book = app.gradebook_open(&w.admin, w.class_a, g.math, g.term).await.unwrap();
        let mut scores: Vec<String> = book.scores.iter().map(|s| s.score.to_string()).collect();
        scores.sort();
        assert_eq!(scores, ["81", "92.25"]);
    }
}

async fn score_events(app: &App, admin: &Actor) -> Vec<AuditEvent> {
    app.audit_trail(
        admin,
        &AuditQuery {
            table_name: Some("scores".into()),
            limit: 100,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
}

fn component_input() -> ComponentInput {
    component("PAS", "end_of_term", "100")
}

both! {
    /// The sample school has a scheme per subject for the current
    /// semester, four columns per taught class × subject, and scores in the
    /// first class of each grade, whose finals are all graded.
    async fn the_sample_school_has_grades(b: Backend) {
        use schooldesk_app::sample::SampleSize;
        let (app, _clock, _dir) = empty_app(b).await;
        let created = app.create_sample_school(SampleSize::default()).await.unwrap();
        let store = store_of(&app).await;
        let subjects = store.count::<Subject>().await.unwrap();
        let taught = store.count::<TeachingAssignment>().await.unwrap();
        assert_eq!(store.count::<AssessmentScheme>().await.unwrap(), subjects);
        assert_eq!(store.count::<SchemeComponent>().await.unwrap(), 3 * subjects);
        assert_eq!(store.count::<Assessment>().await.unwrap(), 4 * taught);
        let admin = created
            .logins
            .iter()
            .find(|l| l.roles.contains(&Role::Admin))
            .unwrap();
        let admin = app.login(&admin.login, &admin.password).await.unwrap().actor;
        let choices = app.gradebook_choices(&admin).await.unwrap();
        let graded_class = created.sample.classes[0].name.clone();
        let first = choices
            .iter()
            .find(|c| c.class_name == graded_class && c.term_name == "Semester 1")
            .unwrap();
        let book = app
            .gradebook_open(&admin, first.class_id, first.subject_id, first.term_id)
            .await
            .unwrap();
        assert_eq!(book.columns.len(), 4);
        assert!(!book.students.is_empty());
        assert_eq!(book.scores.len(), 4 * book.students.len());
        assert!(book
            .finals
            .iter()
            .all(|f| matches!(f.result, Final::Graded { .. })));
        let ungraded = choices
            .iter()
            .find(|c| c.class_name == created.sample.classes[1].name && c.term_id == first.term_id)
            .unwrap();
        let book = app
            .gradebook_open(&admin, ungraded.class_id, ungraded.subject_id, ungraded.term_id)
            .await
            .unwrap();
        assert_eq!(book.columns.len(), 4);
        assert!(book.scores.is_empty());
        // Scores: the graded classes' students × subjects × 4 columns.
        let scores = store.count::<ScoreEntry>().await.unwrap();
        assert!(scores > 0 && scores % 4 == 0, "{scores}");
    }
}

both! {
    /// The grid of a semester holds the students enrolled in the class at
    /// some time during it: one who joins in the second semester is not in
    /// the first's, and cannot be graded there.
    async fn a_semesters_grid_holds_its_own_students(b: Backend) {
        let w = world(b).await;
        let g = grades(&w).await;
        let app = &w.app;
        let col = one_column(app, &w.admin, g.math, g.term, w.class_a, "75").await;
        let terms = app
            .list::<Term>(&w.admin, &Query::all().eq("academic_year_id", w.year).order("number"))
            .await
            .unwrap();
        let late = app
            .create_student(&w.admin, &student("0044444444", "Fajar Nugroho"), None)
            .await
            .unwrap()
            .id();
        app.enroll(&w.admin, late, w.class_a, Some(terms[1].data.start_date))
            .await
            .unwrap();
        let book = app.gradebook_open(&w.admin, w.class_a, g.math, g.term).await.unwrap();
        assert!(book.students.iter().all(|s| s.student_id != late));
        let e = app
            .gradebook_save(&w.admin, w.class_a, g.math, g.term, &[cell(col, late, "80")])
            .await
            .unwrap_err();
        let AppError::CellsRejected(cells) = &e else {
            panic!("{e:?}");
        };
        assert_eq!(cells[0].reason.code, "not_enrolled_in_term");
        let book = app
            .gradebook_open(&w.admin, w.class_a, g.math, terms[1].id())
            .await
            .unwrap();
        assert!(book.students.iter().any(|s| s.student_id == late));
    }
}
