//! Editing a timetable by hand on the screens (issue 14, item 6, helper
//! "ttui"), on both backends: a drag's verdict for every cell in one call
//! agrees with the single-cell check; a move names the timetable's version
//! so an undo after someone else's edit is refused and changes nothing; a
//! published timetable is changed only through a draft copy; the score
//! names what is wrong. Plus an ignored benchmark printing the drag-check
//! figures on the demo school.

mod common;

use common::timetable::*;
use common::*;
use schooldesk_app::timetable::{GenerateOptions, LessonInput, TimetableEntry};
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};
use std::time::Instant;

fn input(
    term: Id,
    subject_id: Id,
    periods: i64,
    split: &str,
    teachers: Vec<Id>,
    class: Id,
) -> LessonInput {
    LessonInput {
        id: None,
        term_id: term,
        subject_id,
        periods_per_week: periods,
        split: split.into(),
        room_id: None,
        teacher_ids: teachers,
        classes: vec![(class, None)],
    }
}

/// A complete draft: the world's lessons plus science (VII-A, Bu Ani),
/// social studies (VII-B, Pak Budi) and art (VII-A, Pak Budi, one block
/// of two).
async fn draft(w: &World) -> (Id, Stored<TermTimetable>, [Id; 3]) {
    let app = &w.app;
    let term = first_term(w).await;
    app.save_school_week(&w.admin, &five_days(4)).await.unwrap();
    let plan = app.plan_lessons(&w.admin, term).await.unwrap();
    app.apply_lesson_plan(&w.admin, &plan).await.unwrap();
    let (ipa, ips, seni) = (
        subject(w, "IPA", "IPA").await,
        subject(w, "IPS", "IPS").await,
        subject(w, "SBK", "Seni Budaya").await,
    );
    let (bu_ani, pak_budi) = (teacher(w, "Bu Ani").await, teacher(w, "Pak Budi").await);
    let science = app
        .save_lesson(
            &w.admin,
            &input(term, ipa, 2, "1+1", vec![bu_ani], w.class_a),
        )
        .await
        .unwrap()
        .lesson
        .id();
    let social = app
        .save_lesson(
            &w.admin,
            &input(term, ips, 1, "1", vec![pak_budi], w.class_b),
        )
        .await
        .unwrap()
        .lesson
        .id();
    let art = app
        .save_lesson(
            &w.admin,
            &input(term, seni, 2, "2", vec![pak_budi], w.class_a),
        )
        .await
        .unwrap()
        .lesson
        .id();
    let t = app
        .generate_timetable(&w.admin, term, &opts("Draft"))
        .await
        .unwrap()
        .timetable;
    assert_eq!(
        (t.data.placed, t.data.total, t.data.hard_violations),
        (t.data.total, 7, 0)
    );
    (term, t, [science, social, art])
}

fn block(entries: &[TimetableEntry], lesson: Id) -> TimetableEntry {
    entries
        .iter()
        .find(|e| e.lesson_id == lesson)
        .unwrap()
        .clone()
}

both! {
    /// One call gives every lesson period's verdict for a dragged block,
    /// the same as the single-cell check says there (a clash named, a
    /// swap partner, a cell that does not exist left out); writes nothing;
    /// only the office may ask.
    async fn a_drag_gets_every_cells_verdict_in_one_call(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (_, t, [_, social, art]) = draft(&w).await;
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let ips = block(&entries, social);
        let art_block = block(&entries, art);
        assert!(refused(app.move_options(&w.teacher, t.id(), ips.placement_id).await));
        let cells = app.move_options(&w.admin, t.id(), ips.placement_id).await.unwrap();
        assert_eq!(cells.len(), 5 * 4, "every lesson period of the week, once");
        for c in &cells {
            let one = app.check_move(&w.admin, t.id(), ips.placement_id, c.weekday, c.period).await.unwrap();
            assert_eq!(c.broken, one.broken, "{}:{}", c.weekday, c.period);
            assert_eq!(c.swap_with, one.swap_with.map(|e| e.placement_id), "{}:{}", c.weekday, c.period);
        }
        // Pak Budi teaches art there: named, in words.
        let clash = cells.iter().find(|c| (c.weekday, c.period) == (art_block.weekday, art_block.period + 1)).unwrap();
        assert!(clash.broken.iter().any(|p| p.contains("teacher Pak Budi has 2 lessons")), "{:?}", clash.broken);
        assert!(cells.iter().any(|c| c.broken.is_empty() && c.swap_with.is_none()), "some free cell");
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), entries, "nothing written");
        let other = app.generate_timetable(&w.admin, t.data.term_id, &opts("Other")).await.unwrap().timetable;
        let err = app.move_options(&w.admin, other.id(), ips.placement_id).await.unwrap_err();
        assert_eq!(code(&err), ["placement_not_in_timetable"]);
    }
}

both! {
    /// A move answers the versions it left; its undo (the inverse move,
    /// naming them) puts both swapped blocks back; a redo moves again; an
    /// undo after someone else's edit is refused as a conflict and writes
    /// nothing.
    async fn a_move_is_undone_only_while_nobody_else_edited(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (_, t, [science, social, _]) = draft(&w).await;
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let sci = entries.iter().filter(|e| e.lesson_id == science).collect::<Vec<_>>();
        let (a, z) = (sci[0].clone(), sci[1].clone());
        // Any block of VII-A elsewhere to swap with the first science hour.
        let cells = app.move_options(&w.admin, t.id(), a.placement_id).await.unwrap();
        let swap = cells.iter().find(|c| c.swap_with.is_some() && c.broken.is_empty()).expect("a swap for science").clone();
        let partner = swap.swap_with.unwrap();
        assert!(refused(app.move_block(&w.teacher, t.id(), t.version(), a.placement_id, a.placement_version, swap.weekday, swap.period).await));
        let moved = app.move_block(&w.admin, t.id(), t.version(), a.placement_id, a.placement_version, swap.weekday, swap.period).await.unwrap();
        let now = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let at = |e: &[TimetableEntry], id: Id| e.iter().find(|x| x.placement_id == id).map(|x| (x.weekday, x.period)).unwrap();
        assert_eq!(at(&now, a.placement_id), (swap.weekday, swap.period));
        assert_eq!(at(&now, partner), (a.weekday, a.period));
        // Undo: the inverse move, at the versions the move left.
        let undone = app
            .move_block(&w.admin, t.id(), moved.timetable_version, a.placement_id, moved.placement_version, a.weekday, a.period)
            .await
            .unwrap();
        let back = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        assert_eq!(at(&back, a.placement_id), (a.weekday, a.period));
        assert_eq!(at(&back, partner), (swap.weekday, swap.period));
        // Redo, then someone else moves the other science hour: the undo
        // of the redo is refused and nothing changes.
        let redone = app
            .move_block(&w.admin, t.id(), undone.timetable_version, a.placement_id, undone.placement_version, swap.weekday, swap.period)
            .await
            .unwrap();
        let z_now = app.timetable_entries(&w.admin, t.id()).await.unwrap().into_iter().find(|e| e.placement_id == z.placement_id).unwrap();
        let free = app
            .move_options(&w.admin, t.id(), z.placement_id)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.broken.is_empty() && c.swap_with.is_none() && (c.weekday, c.period) != (z_now.weekday, z_now.period))
            .expect("a free cell for the other science hour");
        app.move_placement(&w.admin, t.id(), z.placement_id, z_now.placement_version, free.weekday, free.period).await.unwrap();
        let before = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let err = app
            .move_block(&w.admin, t.id(), redone.timetable_version, a.placement_id, redone.placement_version, a.weekday, a.period)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err:?}");
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), before, "refused: nothing written");
        let _ = social;
    }
}

both! {
    /// A published timetable is not changed under the families' eyes: a
    /// move on it is refused in words; a draft copy keeps every block and
    /// lock, may be edited, and publishing it replaces the old one.
    async fn a_published_timetable_is_changed_through_a_copy(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (term, t, [_, social, art]) = draft(&w).await;
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let art_block = block(&entries, art);
        app.lock_placement(&w.admin, art_block.placement_id, art_block.placement_version, true).await.unwrap();
        let t = app.timetables(&w.admin, term).await.unwrap().into_iter().find(|x| x.id() == t.id()).unwrap();
        let published = app.publish_timetable(&w.admin, t.id(), t.version()).await.unwrap();
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let ips = block(&entries, social);
        let free = app
            .move_options(&w.admin, t.id(), ips.placement_id)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.broken.is_empty() && c.swap_with.is_none() && (c.weekday, c.period) != (ips.weekday, ips.period))
            .unwrap();
        let err = app
            .move_placement(&w.admin, t.id(), ips.placement_id, ips.placement_version, free.weekday, free.period)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["timetable_published_readonly"]);
        assert!(err.to_string().contains("Draft is published"), "{err}");
        assert!(refused(app.copy_timetable(&w.teacher, t.id(), "Copy").await));
        let copy = app.copy_timetable(&w.admin, t.id(), "Draft (edit)").await.unwrap();
        assert_eq!(copy.data.status, "draft");
        let copied = app.timetable_entries(&w.admin, copy.id()).await.unwrap();
        let shape = |e: &[TimetableEntry]| {
            let mut v: Vec<_> = e.iter().map(|x| (x.lesson_id, x.weekday, x.period, x.locked)).collect();
            v.sort();
            v
        };
        assert_eq!(shape(&copied), shape(&entries), "every block and lock copied");
        let ips_copy = block(&copied, social);
        app.move_block(&w.admin, copy.id(), copy.version(), ips_copy.placement_id, ips_copy.placement_version, free.weekday, free.period)
            .await
            .unwrap();
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), entries, "the published one is as it was");
        let copy = app.timetables(&w.admin, term).await.unwrap().into_iter().find(|x| x.id() == copy.id()).unwrap();
        app.publish_timetable(&w.admin, copy.id(), copy.version()).await.unwrap();
        let all = app.timetables(&w.admin, term).await.unwrap();
        assert_eq!(all.iter().filter(|x| x.data.status == "published").map(|x| x.id()).collect::<Vec<_>>(), vec![copy.id()]);
        let _ = published;
    }
}

both! {
    /// The score: a complete timetable breaks no hard rule; a weighted rule
    /// it pays for is among the worst items, named; a lesson added since is
    /// a block without a place, named; teachers may read it, students not.
    async fn the_score_names_what_is_wrong(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (term, t, _) = draft(&w).await;
        let score = app.timetable_score(&w.teacher, t.id()).await.unwrap();
        assert_eq!((score.placed, score.total), (7, 7));
        assert!(score.hard.is_empty(), "{:?}", score.hard);
        assert!(score.worst.windows(2).all(|p| p[0].cost >= p[1].cost));
        assert!(score.worst.len() <= schooldesk_app::timetable_view::WORST_ITEMS);
        assert!(app.timetable_score(&w.student, t.id()).await.is_err());
        let pjok = subject(&w, "PJOK", "PJOK").await;
        let pak_eko = teacher(&w, "Pak Eko").await;
        app.save_lesson(&w.admin, &input(term, pjok, 1, "1", vec![pak_eko], w.class_b)).await.unwrap();
        let score = app.timetable_score(&w.admin, t.id()).await.unwrap();
        assert_eq!((score.placed, score.total), (7, 8));
        assert_eq!(score.unplaced.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["PJOK VII-B (Pak Eko)"]);
        assert!(score.hard.is_empty(), "an unplaced block is listed once, as unplaced: {:?}", score.hard);
    }
}

both! {
    /// One meaning of "hard conflicts": the stored summary (the list's
    /// line) and the score panel both count the hard rules broken by the
    /// engine's checker, and both count the blocks not placed apart. A
    /// block taken out to the tray is one block not placed and no hard
    /// conflict, in both; placed back, both are whole again.
    async fn the_summary_and_the_score_panel_count_alike(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (term, t, [science, _, _]) = draft(&w).await;
        let alike = |stored: &Stored<TermTimetable>, score: &schooldesk_app::timetable_view::TimetableScore| {
            assert_eq!(
                (stored.data.placed, stored.data.total, stored.data.hard_violations),
                (score.placed, score.total, score.hard.len() as i64),
                "summary {:?} against score {score:?}",
                stored.data
            );
            assert_eq!(score.total - score.placed, score.unplaced.len() as i64);
        };
        let admin = &w.admin;
        let summary = |id: Id| async move {
            app.timetables(admin, term).await.unwrap().into_iter().find(|x| x.id() == id).unwrap()
        };
        alike(&summary(t.id()).await, &app.timetable_score(&w.admin, t.id()).await.unwrap());
        let sci = block(&app.timetable_entries(&w.admin, t.id()).await.unwrap(), science);
        let v1 = app.unplace_block(&w.admin, t.id(), t.version(), sci.placement_id, sci.placement_version).await.unwrap();
        let stored = summary(t.id()).await;
        let score = app.timetable_score(&w.admin, t.id()).await.unwrap();
        alike(&stored, &score);
        assert_eq!((stored.data.placed, stored.data.total, stored.data.hard_violations), (6, 7, 0), "the tray is not a conflict");
        let cells = app.place_options(&w.admin, t.id(), science, score.unplaced[0].part).await.unwrap();
        let free = cells.iter().find(|c| c.broken.is_empty()).unwrap();
        app.place_block(&w.admin, t.id(), v1, science, score.unplaced[0].part, free.weekday, free.period).await.unwrap();
        let stored = summary(t.id()).await;
        alike(&stored, &app.timetable_score(&w.admin, t.id()).await.unwrap());
        assert_eq!((stored.data.placed, stored.data.hard_violations), (7, 0));
    }
}

both! {
    /// The tray (issue 14, item 6): a block taken out of the grid is
    /// listed as not placed (a locked one stays; a stale version is a
    /// conflict); dragging it back gets every cell's verdict from the
    /// checker (a clash with its class named), a clash is refused with
    /// nothing written, a free cell places it (audited, the counts kept);
    /// its undo takes it out again and the redo places it once more; a
    /// block placed already is refused; only the office may.
    async fn a_block_goes_to_the_tray_and_back(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (_, t, [science, _, art]) = draft(&w).await;
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let sci = block(&entries, science);
        let art_block = block(&entries, art);
        // A locked block stays where it is.
        app.lock_placement(&w.admin, art_block.placement_id, art_block.placement_version, true).await.unwrap();
        let err = app
            .unplace_block(&w.admin, t.id(), t.version(), art_block.placement_id, art_block.placement_version + 1)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["unplace_refused"]);
        assert!(err.to_string().contains("locked"), "{err}");
        assert!(refused(app.unplace_block(&w.teacher, t.id(), t.version(), sci.placement_id, sci.placement_version).await));
        let err = app
            .unplace_block(&w.admin, t.id(), t.version() - 1, sci.placement_id, sci.placement_version)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err:?}");
        let v1 = app.unplace_block(&w.admin, t.id(), t.version(), sci.placement_id, sci.placement_version).await.unwrap();
        let score = app.timetable_score(&w.admin, t.id()).await.unwrap();
        assert_eq!((score.placed, score.total), (6, 7));
        let tray = score.unplaced.clone();
        assert_eq!(tray.len(), 1, "{tray:?}");
        assert_eq!((tray[0].lesson_id, tray[0].length), (science, 1));
        assert!(tray[0].name.starts_with("IPA VII-A (Bu Ani), block "), "{:?}", tray[0].name);
        assert!(score.hard.is_empty(), "taken out is not a broken rule: {:?}", score.hard);
        let stored = app.timetables(&w.admin, t.data.term_id).await.unwrap().into_iter().find(|x| x.id() == t.id()).unwrap();
        assert_eq!((stored.version(), stored.data.placed), (v1, 6));
        let part = tray[0].part;

        assert!(refused(app.place_options(&w.teacher, t.id(), science, part).await));
        let cells = app.place_options(&w.admin, t.id(), science, part).await.unwrap();
        assert_eq!(cells.len(), 5 * 4);
        let now = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let class_a_at = |d: i64, p: i64| {
            now.iter().any(|e| e.classes.contains(&"VII-A".to_string()) && e.weekday == d && e.period <= p && p < e.period + e.length)
        };
        for c in &cells {
            assert!(c.swap_with.is_none());
            assert_eq!(!c.broken.is_empty(), class_a_at(c.weekday, c.period), "{}:{} {:?}", c.weekday, c.period, c.broken);
        }
        let clash = cells.iter().find(|c| !c.broken.is_empty()).unwrap();
        assert!(clash.broken.iter().any(|p| p.contains("VII-A")), "{:?}", clash.broken);
        let err = app
            .place_block(&w.admin, t.id(), v1, science, part, clash.weekday, clash.period)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["move_breaks_rules"]);
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), now, "refused: nothing written");
        let free = cells.iter().find(|c| c.broken.is_empty()).unwrap();
        assert!(refused(app.place_block(&w.teacher, t.id(), v1, science, part, free.weekday, free.period).await));
        let placed = app.place_block(&w.admin, t.id(), v1, science, part, free.weekday, free.period).await.unwrap();
        let after = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let new = after.iter().find(|e| e.placement_id == placed.placement_id).unwrap();
        assert_eq!((new.lesson_id, new.weekday, new.period, new.placement_version), (science, free.weekday, free.period, placed.placement_version));
        let score = app.timetable_score(&w.admin, t.id()).await.unwrap();
        assert_eq!((score.placed, score.unplaced.len()), (7, 0));
        let events = app
            .audit_trail(
                &w.admin,
                &AuditQuery { table_name: Some("timetable_placements".into()), record_id: Some(placed.placement_id), text: None, limit: 10 },
            )
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "create" && e.actor_login == "kurikulum"), "{events:?}");
        let err = app
            .place_block(&w.admin, t.id(), placed.timetable_version, science, part, free.weekday, free.period)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["block_already_placed"]);
        let err = app
            .place_block(&w.admin, t.id(), placed.timetable_version, science, 9, free.weekday, free.period)
            .await
            .unwrap_err();
        assert_eq!(code(&err), ["block_not_in_lessons"]);
        // Undo: out again at the versions the placing left; redo: back in.
        let v2 = app
            .unplace_block(&w.admin, t.id(), placed.timetable_version, placed.placement_id, placed.placement_version)
            .await
            .unwrap();
        assert_eq!(app.timetable_score(&w.admin, t.id()).await.unwrap().unplaced.len(), 1);
        let again = app.place_block(&w.admin, t.id(), v2, science, part, free.weekday, free.period).await.unwrap();
        assert_eq!(again.timetable_version, v2 + 1);
        assert_eq!(app.timetable_score(&w.admin, t.id()).await.unwrap().placed, 7);
    }
}

both! {
    /// A published timetable refuses every edit in words — a move, a lock
    /// or unlock, taking a block out, placing one from the tray — and
    /// nothing of it changes.
    async fn a_published_timetable_refuses_every_edit(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        let (term, t, [science, social, _]) = draft(&w).await;
        let sci = block(&app.timetable_entries(&w.admin, t.id()).await.unwrap(), science);
        app.lock_placement(&w.admin, sci.placement_id, sci.placement_version, true).await.unwrap();
        let t = app.timetables(&w.admin, term).await.unwrap().into_iter().find(|x| x.id() == t.id()).unwrap();
        let published = app.publish_timetable(&w.admin, t.id(), t.version()).await.unwrap();
        let entries = app.timetable_entries(&w.admin, t.id()).await.unwrap();
        let ips = block(&entries, social);
        let sci = block(&entries, science);
        assert!(sci.locked);
        let v = published.version();
        let mut errors = vec![
            app.move_block(&w.admin, t.id(), v, ips.placement_id, ips.placement_version, sci.weekday, sci.period).await.map(|_| ()).unwrap_err(),
            app.lock_placement(&w.admin, ips.placement_id, ips.placement_version, true).await.map(|_| ()).unwrap_err(),
            app.lock_placement(&w.admin, sci.placement_id, sci.placement_version, false).await.map(|_| ()).unwrap_err(),
            app.unplace_block(&w.admin, t.id(), v, ips.placement_id, ips.placement_version).await.map(|_| ()).unwrap_err(),
        ];
        // A lesson added since is a block without a place.
        let pjok = subject(&w, "PJOK", "PJOK").await;
        let pak_eko = teacher(&w, "Pak Eko").await;
        let added = app.save_lesson(&w.admin, &input(term, pjok, 1, "1", vec![pak_eko], w.class_b)).await.unwrap().lesson.id();
        assert_eq!(app.timetable_score(&w.admin, t.id()).await.unwrap().unplaced.len(), 1);
        errors.push(app.place_block(&w.admin, t.id(), v, added, 1, 1, 1).await.map(|_| ()).unwrap_err());
        for err in &errors {
            assert_eq!(code(err), ["timetable_published_readonly"], "{err:?}");
        }
        assert_eq!(app.timetable_entries(&w.admin, t.id()).await.unwrap(), entries, "nothing changed");
    }
}

/// The drag check's figures on the demo school (27 classes, 40 teachers):
/// the single-cell check once per cell against one call for every cell.
/// Debug build; run with
/// `cargo test -p schooldesk-app --test timetable_edit -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a benchmark: prints figures"]
async fn drag_check_figures_on_the_demo_school() {
    let (app, _clock, _dir) = empty_app(Backend::Sqlite).await;
    let created = app
        .create_sample_school(schooldesk_app::sample::SampleSize::default())
        .await
        .unwrap();
    let admin = created
        .logins
        .iter()
        .find(|l| l.roles.contains(&Role::Admin))
        .unwrap();
    let actor = app
        .authenticate(&admin.login, &admin.password)
        .await
        .unwrap();
    let year = app.current_year(&actor).await.unwrap().unwrap();
    let term = app
        .list::<Term>(
            &actor,
            &Query::all()
                .eq("academic_year_id", year.id())
                .order("number"),
        )
        .await
        .unwrap()[0]
        .id();
    let t = app
        .generate_timetable(
            &actor,
            term,
            &GenerateOptions {
                max_iterations: Some(200_000),
                ..opts("Bench")
            },
        )
        .await
        .unwrap()
        .timetable;
    let entries = app.timetable_entries(&actor, t.id()).await.unwrap();
    let moved = &entries[entries.len() / 2];
    let week = app.school_week(&actor).await.unwrap();
    let cells: Vec<(i64, i64)> = week
        .days
        .iter()
        .flat_map(|&d| (1..=week.lesson_periods(d).len() as i64).map(move |p| (d, p)))
        .collect();
    let began = Instant::now();
    for &(d, p) in &cells {
        app.check_move(&actor, t.id(), moved.placement_id, d, p)
            .await
            .unwrap();
    }
    let per_cell = began.elapsed();
    let began = Instant::now();
    let all = app
        .move_options(&actor, t.id(), moved.placement_id)
        .await
        .unwrap();
    let one_call = began.elapsed();
    assert_eq!(all.len(), cells.len());
    eprintln!(
        "demo school: {} blocks placed of {}, {} cells; check_move per cell: {:.1} ms total ({:.2} ms a cell); move_options: {:.1} ms for all cells ({:.2} ms a cell)",
        t.data.placed,
        t.data.total,
        cells.len(),
        per_cell.as_secs_f64() * 1e3,
        per_cell.as_secs_f64() * 1e3 / cells.len() as f64,
        one_call.as_secs_f64() * 1e3,
        one_call.as_secs_f64() * 1e3 / cells.len() as f64,
    );
}
