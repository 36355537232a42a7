//! Descriptions, notes, extracurriculars and promotion (issue 12, item 5),
//! on both backends: a subject's teachers keep its learning objectives;
//! only the teacher of a class × subject ticks and writes its descriptions;
//! the sentence follows the ticks in both languages until the teacher
//! writes their own, and comes back on reset; the homeroom teacher writes
//! the note, extracurricular results and the promotion decision, which the
//! odd semester refuses; students and parents read only their own.

mod common;

use common::*;
use schooldesk_app::descriptions::{ObjectiveInput, TermReportInput};
use schooldesk_app::AppError;
use schooldesk_core::descriptions::{Lang, Promotion, Tick};
use schooldesk_core::*;
use schooldesk_store::Query;

async fn terms(w: &World) -> (Id, Id) {
    let terms = w
        .app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap();
    (terms[0].id(), terms[1].id())
}

async fn math(w: &World) -> Id {
    w.app
        .list::<Subject>(&w.admin, &Query::all().eq("code", "MTK"))
        .await
        .unwrap()[0]
        .id()
}

fn objective(code: &str, text_id: &str, text_en: Option<&str>) -> ObjectiveInput {
    ObjectiveInput {
        code: code.into(),
        text_id: text_id.into(),
        text_en: text_en.map(str::to_string),
    }
}

fn code(err: &AppError) -> &'static str {
    err.field_errors()
        .first()
        .map(|f| f.msg.code)
        .unwrap_or_else(|| err.kind())
}

/// Three objectives of Matematika in semester 1, added by Pak Guru.
async fn three_objectives(w: &World) -> (Id, Id, Vec<Id>) {
    let (s1, _) = terms(w).await;
    let mtk = math(w).await;
    let mut ids = Vec::new();
    for (c, id, en) in [
        (
            "TP 1",
            "Menjelaskan bilangan bulat",
            Some("explaining whole numbers"),
        ),
        ("TP 2", "Menghitung pecahan", Some("adding fractions")),
        ("TP 3", "Membaca diagram", None),
    ] {
        ids.push(
            w.app
                .objective_add(&w.teacher, mtk, s1, &objective(c, id, en))
                .await
                .unwrap()
                .id(),
        );
    }
    (mtk, s1, ids)
}

both! {
    /// The subject's teacher adds, edits and reorders its objectives; a
    /// teacher who does not teach it, a parent and a student may not; a
    /// reorder that leaves one out is refused.
    async fn a_subject_s_teachers_keep_its_objectives(b: Backend) {
        let w = world(b).await;
        let (mtk, s1, ids) = three_objectives(&w).await;
        let list = w.app.objectives(&w.homeroom, mtk, s1).await.unwrap();
        assert_eq!(
            list.iter().map(|o| (o.data.code.as_str(), o.data.position)).collect::<Vec<_>>(),
            [("TP 1", 0), ("TP 2", 1), ("TP 3", 2)]
        );
        let edited = w
            .app
            .objective_edit(&w.teacher, ids[2], list[2].version(), &objective("TP 3", "Membaca diagram batang", Some("reading bar charts")))
            .await
            .unwrap();
        assert_eq!(edited.data.position, 2);
        let order = w
            .app
            .objectives_reorder(&w.teacher, mtk, s1, &[ids[2], ids[0], ids[1]])
            .await
            .unwrap();
        assert_eq!(
            order.iter().map(|o| o.data.code.as_str()).collect::<Vec<_>>(),
            ["TP 3", "TP 1", "TP 2"]
        );
        let err = w
            .app
            .objectives_reorder(&w.teacher, mtk, s1, &[ids[0], ids[1]])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "reorder_mismatch");
        let err = w
            .app
            .objectives_reorder(&w.teacher, mtk, s1, &[ids[0], ids[0], ids[1]])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "reorder_mismatch");

        // Bu Wali teaches no Matematika.
        for who in [&w.homeroom, &w.parent, &w.student] {
            let err = w
                .app
                .objective_add(who, mtk, s1, &objective("TP 9", "Apa saja", None))
                .await
                .unwrap_err();
            assert_eq!(err.kind(), "forbidden", "{:?}", who.roles);
        }
        let err = w
            .app
            .objective_add(&w.teacher, mtk, s1, &objective("", "  ", None))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert_eq!(err.field_errors()[0].field, "code");
    }

    /// Ticks make the sentence in both languages, live; the teacher's own
    /// text replaces it and a reset brings it back; only the class ×
    /// subject's teacher (or the office) writes, and a student of another
    /// class is named.
    async fn ticks_make_the_sentence_until_the_teacher_writes_their_own(b: Backend) {
        let w = world(b).await;
        let (mtk, s1, ids) = three_objectives(&w).await;
        let tick = |objective, t| {
            let app = w.app.clone();
            let teacher = w.teacher.clone();
            let (class, student) = (w.class_a, w.own_student);
            async move { app.description_tick(&teacher, class, student, objective, t).await.unwrap() }
        };
        let d = tick(ids[0], Some(Tick::Mastered)).await;
        assert_eq!(d.generated_id, "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat.");
        tick(ids[1], Some(Tick::Mastered)).await;
        let d = tick(ids[2], Some(Tick::NeedsWork)).await;
        assert_eq!(
            d.generated_id,
            "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat dan menghitung pecahan; perlu ditingkatkan dalam membaca diagram."
        );
        // TP 3 has no English text: its Indonesian one stands in.
        assert_eq!(
            d.generated_en,
            "Shows good mastery in explaining whole numbers and adding fractions; needs to improve in membaca diagram."
        );
        // Ticking again the other way moves it; None takes it off.
        tick(ids[1], Some(Tick::NeedsWork)).await;
        let d = tick(ids[0], None).await;
        assert_eq!(d.generated_id, "Perlu ditingkatkan dalam menghitung pecahan dan membaca diagram.");
        assert_eq!(d.ticks.len(), 2);

        let own = "Andi sangat tekun; perlu lebih teliti dalam pecahan.";
        let d = w
            .app
            .description_set(&w.teacher, w.class_a, mtk, s1, w.own_student, Some(own))
            .await
            .unwrap();
        assert_eq!(d.text(Lang::Id), own);
        assert_eq!(d.text(Lang::En), own);
        for who in [&w.parent, &w.student, &w.homeroom] {
            let text = w
                .app
                .student_subject_description(who, w.own_student, mtk, s1, Lang::Id)
                .await
                .unwrap();
            assert_eq!(text, own, "{:?}", who.roles);
        }
        let d = w
            .app
            .description_set(&w.teacher, w.class_a, mtk, s1, w.own_student, Some("   "))
            .await
            .unwrap();
        assert!(d.custom.is_none());
        assert_eq!(
            w.app
                .student_subject_description(&w.parent, w.own_student, mtk, s1, Lang::En)
                .await
                .unwrap(),
            "Needs to improve in adding fractions and membaca diagram."
        );

        // The sheet shows the same.
        let sheet = w.app.descriptions_open(&w.teacher, w.class_a, mtk, s1).await.unwrap();
        assert_eq!(sheet.objectives.len(), 3);
        assert_eq!(sheet.students.len(), 1);
        assert_eq!(sheet.students[0].generated_id, d.generated_id);

        // Bu Wali leads VII-A but does not teach it Matematika.
        let err = w
            .app
            .description_tick(&w.homeroom, w.class_a, w.own_student, ids[0], Some(Tick::Mastered))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "forbidden");
        for who in [&w.homeroom, &w.parent] {
            assert_eq!(
                w.app
                    .description_set(who, w.class_a, mtk, s1, w.own_student, Some("x"))
                    .await
                    .unwrap_err()
                    .kind(),
                "forbidden"
            );
            assert!(w.app.descriptions_open(who, w.class_a, mtk, s1).await.is_err());
        }
        // A parent reads only their own child.
        let err = w
            .app
            .student_subject_description(&w.parent, w.other_student, mtk, s1, Lang::Id)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "forbidden");
        // Budi is in VII-B: not a student of this class.
        let err = w
            .app
            .description_tick(&w.admin, w.class_a, w.other_student, ids[0], Some(Tick::Mastered))
            .await
            .unwrap_err();
        assert_eq!(code(&err), "not_in_class_term");
        assert!(err.to_string().contains("Budi Setiawan"), "{err}");
    }

    /// The homeroom teacher writes the note, the parent's response and the
    /// extracurricular results; promotion only in the even semester; a
    /// teacher who is not the homeroom teacher and a parent may not.
    async fn the_homeroom_teacher_writes_the_term_report(b: Backend) {
        let w = world(b).await;
        let (s1, s2) = terms(&w).await;
        let input = TermReportInput {
            homeroom_note: Some("Pertahankan prestasimu.".into()),
            parent_response: None,
            promotion: None,
        };
        let saved = w
            .app
            .term_report_save(&w.homeroom, w.class_a, s1, w.own_student, &input)
            .await
            .unwrap();
        assert_eq!(saved.data.homeroom_note.as_deref(), Some("Pertahankan prestasimu."));

        let err = w
            .app
            .term_report_save(
                &w.homeroom,
                w.class_a,
                s1,
                w.own_student,
                &TermReportInput { promotion: Some(Promotion::Promoted), ..input.clone() },
            )
            .await
            .unwrap_err();
        assert_eq!(code(&err), "promotion_odd_semester");
        assert!(err.to_string().contains("even semester"), "{err}");
        let saved = w
            .app
            .term_report_save(
                &w.homeroom,
                w.class_a,
                s2,
                w.own_student,
                &TermReportInput { promotion: Some(Promotion::Promoted), ..input.clone() },
            )
            .await
            .unwrap();
        assert_eq!(saved.data.promotion.as_deref(), Some("promoted"));

        for who in [&w.teacher, &w.parent, &w.student] {
            let err = w
                .app
                .term_report_save(who, w.class_a, s1, w.own_student, &input)
                .await
                .unwrap_err();
            assert_eq!(err.kind(), "forbidden", "{:?}", who.roles);
        }
        assert_eq!(
            w.app
                .term_report_save(&w.homeroom, w.class_b, s1, w.other_student, &input)
                .await
                .unwrap_err()
                .kind(),
            "forbidden"
        );

        // Extracurriculars: the office keeps the list, the homeroom teacher
        // grades.
        assert_eq!(
            w.app.extracurricular_add(&w.homeroom, "Pramuka").await.unwrap_err().kind(),
            "forbidden"
        );
        let scouts = w.app.extracurricular_add(&w.admin, "Pramuka").await.unwrap().id();
        let result = w
            .app
            .extracurricular_result_set(&w.homeroom, w.class_a, s1, w.own_student, scouts, Some("A"), Some("Aktif"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(result.data.grade, "A");
        let sheet = w.app.term_report_open(&w.homeroom, w.class_a, s1).await.unwrap();
        assert!(!sheet.promotion_allowed);
        assert_eq!(sheet.results.len(), 1);
        assert_eq!(sheet.reports.len(), 1);
        assert!(w.app.term_report_open(&w.homeroom, w.class_a, s2).await.unwrap().promotion_allowed);

        let (report, activities) = w.app.student_term_report(&w.parent, w.own_student, s1).await.unwrap();
        assert_eq!(report.unwrap().homeroom_note.as_deref(), Some("Pertahankan prestasimu."));
        assert_eq!(activities[0].0, "Pramuka");
        assert!(w.app.student_term_report(&w.parent, w.other_student, s1).await.is_err());

        // Clearing the grade removes the result.
        assert!(w
            .app
            .extracurricular_result_set(&w.homeroom, w.class_a, s1, w.own_student, scouts, Some(" "), None)
            .await
            .unwrap()
            .is_none());
        assert!(w.app.term_report_open(&w.admin, w.class_a, s1).await.unwrap().results.is_empty());
    }

    /// A subject's comment bank is kept by its teachers, the shared one by
    /// the office; staff read it, parents do not.
    async fn comment_bank_per_subject(b: Backend) {
        let w = world(b).await;
        let mtk = math(&w).await;
        w.app.comment_add(&w.teacher, Some(mtk), "Teliti dalam berhitung.").await.unwrap();
        assert_eq!(
            w.app.comment_add(&w.teacher, None, "Rajin.").await.unwrap_err().kind(),
            "forbidden"
        );
        w.app.comment_add(&w.admin, None, "Rajin dan disiplin.").await.unwrap();
        assert_eq!(
            w.app.comment_add(&w.homeroom, Some(mtk), "x").await.unwrap_err().kind(),
            "forbidden"
        );
        let bank = w.app.comment_bank(&w.homeroom, Some(mtk)).await.unwrap();
        assert_eq!(
            bank.iter().map(|e| e.data.text.as_str()).collect::<Vec<_>>(),
            ["Teliti dalam berhitung.", "Rajin dan disiplin."]
        );
        assert!(w.app.comment_bank(&w.parent, Some(mtk)).await.is_err());
        let entry = &bank[0];
        w.app.comment_remove(&w.teacher, entry.id(), entry.version()).await.unwrap();
        assert_eq!(w.app.comment_bank(&w.admin, Some(mtk)).await.unwrap().len(), 1);
    }
}
