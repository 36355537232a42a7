//! What the question-bank screens read beside the bank's use-cases (issue
//! 13, helper "qbui"), on both backends: each role's subjects and whether
//! they review; the duplicate warning when saving, which names the same
//! and near stems of the subject but never the question being edited; a
//! stored image's bytes only for those who may read a question, passage or
//! paper showing it; the lists of blueprints and papers, each role's
//! subjects only; and the bulk move of questions to another subject.

mod common;

use common::*;
use schooldesk_app::exam::{NewPaper, Section};
use schooldesk_app::qbank::DuplicateOf;
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_store::Query;
use std::collections::BTreeMap;

fn choice(name: &str, stem: &str) -> qb::Question {
    let option = |text: &str, weight: &str| qb::ChoiceOption {
        text: qb::RichText::from_plain(text),
        weight: qb::percent(weight),
        feedback: qb::RichText::empty(),
        pinned: false,
    };
    qb::Question::new(
        name,
        qb::RichText::from_plain(stem),
        qb::Body::SingleChoice {
            options: vec![option("benar", "100"), option("salah", "0")],
            shuffle: true,
        },
    )
}

fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    match result {
        Err(AppError::NotAllowed(_)) => true,
        Ok(_) => false,
        Err(other) => panic!("expected a permission answer, got {other:?}"),
    }
}

async fn subject(w: &World, code: &str) -> Id {
    let found = w
        .app
        .list::<Subject>(&w.admin, &Query::all().eq("code", code))
        .await
        .unwrap();
    if let Some(s) = found.first() {
        return s.id();
    }
    w.app
        .create(
            &w.admin,
            &Subject {
                code: code.into(),
                name: format!("Mapel {code}"),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id()
}

fn names(found: &[schooldesk_app::qbank::Duplicate]) -> Vec<(String, usize)> {
    found
        .iter()
        .map(|d| match &d.of {
            DuplicateOf::Bank { name, .. } => (name.clone(), d.likeness),
            DuplicateOf::File { position } => (format!("file {position}"), d.likeness),
        })
        .collect()
}

both! {
    /// The curriculum office sees every subject and reviews; a teacher
    /// sees and writes the subjects they teach and does not review; the
    /// others are refused.
    async fn each_role_gets_its_subjects(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let science = subject(&w, "IPA").await;
        let office = w.app.question_scope(&w.admin).await.unwrap();
        let ids: Vec<Id> = office.subjects.iter().map(|s| s.id()).collect();
        assert!(ids.contains(&math) && ids.contains(&science));
        assert!(office.review);
        assert_eq!(office.writable.len(), office.subjects.len());

        let teacher = w.app.question_scope(&w.teacher).await.unwrap();
        let ids: Vec<Id> = teacher.subjects.iter().map(|s| s.id()).collect();
        assert_eq!(ids, [math]);
        assert_eq!(teacher.writable, [math]);
        assert!(!teacher.review);

        for (role, actor) in [("homeroom", &w.homeroom), ("bursar", &w.bursar), ("student", &w.student), ("parent", &w.parent)] {
            assert!(refused(w.app.question_scope(actor).await), "{role}");
        }
    }

    /// Saving warns of the same stem and of a near one (one word
    /// changed), most alike first, but never of the question being
    /// edited, nor of another subject's; a teacher cannot ask about a
    /// subject they do not teach.
    async fn duplicates_when_saving(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let science = subject(&w, "IPA").await;
        let none = BTreeMap::new();
        let stem = "Berapakah hasil penjumlahan pecahan setengah ditambah seperempat dalam bentuk paling sederhana";
        let first = w.app.create_question(&w.teacher, math, &choice("Pecahan", stem), &none).await.unwrap();
        let near = stem.replace("sederhana", "ringkas");
        w.app.create_question(&w.teacher, math, &choice("Pecahan mirip", &near), &none).await.unwrap();
        w.app.create_question(&w.admin, science, &choice("IPA sama", stem), &none).await.unwrap();
        w.app.create_question(&w.teacher, math, &choice("Lain", "Sebutkan sifat-sifat bangun datar segi empat"), &none).await.unwrap();

        let found = w.app.question_duplicates(&w.teacher, math, &choice("Baru", stem), None).await.unwrap();
        let found = names(&found);
        assert_eq!(found[0], ("Pecahan".to_string(), 100));
        assert_eq!(found[1].0, "Pecahan mirip");
        assert!(found[1].1 >= 80 && found[1].1 < 100, "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");

        // Editing the first: it is not its own duplicate.
        let editing = w.app.question_duplicates(&w.teacher, math, &choice("Pecahan", stem), Some(first.head.id())).await.unwrap();
        assert_eq!(names(&editing).iter().map(|n| n.0.as_str()).collect::<Vec<_>>(), ["Pecahan mirip"]);

        // A new stem is nobody's duplicate; an empty one asks nothing.
        assert!(w.app.question_duplicates(&w.teacher, math, &choice("x", "Jelaskan fotosintesis pada tumbuhan hijau"), None).await.unwrap().is_empty());
        assert!(w.app.question_duplicates(&w.teacher, math, &choice("x", ""), None).await.unwrap().is_empty());
        assert!(refused(w.app.question_duplicates(&w.teacher, science, &choice("Baru", stem), None).await));
    }

    /// An image saved with a question is read back by its key, bytes and
    /// type as given; a key the bank lacks is not found; those who may not
    /// see the bank are refused.
    async fn images_read_back(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
        let key = qb::image_key(&png);
        let mut q = choice("Gambar", "Perhatikan gambar berikut");
        q.stem.0.push(qb::Block::Paragraph {
            inlines: vec![qb::Inline::Image { image: qb::ImageRef { key: key.clone(), alt: "segitiga".into() } }],
        });
        let mut images = BTreeMap::new();
        images.insert(key.clone(), qb::Image { name: "segitiga.png".into(), mime: "image/png".into(), bytes: png.clone() });
        w.app.create_question(&w.teacher, math, &q, &images).await.unwrap();

        let read = w.app.question_image(&w.teacher, &key).await.unwrap();
        assert_eq!((read.mime.as_str(), read.bytes.as_slice(), read.name.as_str()), ("image/png", png.as_slice(), "segitiga.png"));
        let err = w.app.question_image(&w.admin, &"0".repeat(64)).await.unwrap_err();
        assert_eq!(err.kind(), "not_found", "{err}");
        assert!(refused(w.app.question_image(&w.student, &key).await));
        assert!(refused(w.app.question_image(&w.bursar, &key).await));
    }

    /// The papers screen lists the blueprints and papers of the subjects
    /// a teacher teaches (the office: every one), the latest exam first;
    /// those who see no subject's papers are refused.
    async fn blueprints_and_papers_by_subject(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let science = subject(&w, "IPA").await;
        let row = qb::assemble::BlueprintRow {
            outcome: String::new(),
            topic: "Pecahan".into(),
            indicator: "Menjumlahkan pecahan".into(),
            cognitive: None,
            kind: qb::QuestionType::SingleChoice,
            count: 2,
            points: qb::Decimal::from_int(2),
        };
        let bp_math = w.app.create_blueprint(&w.teacher, math, 7, "Kisi-kisi MTK", std::slice::from_ref(&row)).await.unwrap();
        let bp_science = w.app.create_blueprint(&w.admin, science, 7, "Kisi-kisi IPA", std::slice::from_ref(&row)).await.unwrap();
        let paper = |subject_id, blueprint_id, day| NewPaper {
            subject_id,
            class_id: w.class_a,
            blueprint_id: Some(blueprint_id),
            exam_name: format!("Ulangan {day}"),
            exam_date: date(2025, 9, day),
            duration_minutes: 90,
            instructions: String::new(),
            sections: vec![Section { title: "A".into(), instructions: String::new() }],
        };
        w.app.create_exam_paper(&w.teacher, &paper(math, bp_math.id(), 3)).await.unwrap();
        w.app.create_exam_paper(&w.teacher, &paper(math, bp_math.id(), 20)).await.unwrap();
        w.app.create_exam_paper(&w.admin, &paper(science, bp_science.id(), 10)).await.unwrap();

        let names = |list: Vec<Stored<ExamPaper>>| list.into_iter().map(|p| p.data.exam_name).collect::<Vec<_>>();
        assert_eq!(names(w.app.exam_paper_list(&w.teacher).await.unwrap()), ["Ulangan 20", "Ulangan 3"]);
        assert_eq!(names(w.app.exam_paper_list(&w.admin).await.unwrap()), ["Ulangan 20", "Ulangan 10", "Ulangan 3"]);
        let bps = |list: Vec<Stored<ExamBlueprint>>| list.into_iter().map(|p| p.data.name).collect::<Vec<_>>();
        assert_eq!(bps(w.app.blueprint_list(&w.teacher).await.unwrap()), ["Kisi-kisi MTK"]);
        assert_eq!(bps(w.app.blueprint_list(&w.admin).await.unwrap()), ["Kisi-kisi IPA", "Kisi-kisi MTK"]);
        for (role, actor) in [("homeroom", &w.homeroom), ("bursar", &w.bursar), ("student", &w.student), ("parent", &w.parent)] {
            assert!(refused(w.app.exam_paper_list(actor).await), "{role}");
            assert!(refused(w.app.blueprint_list(actor).await), "{role}");
        }
    }

    /// An image is served only to those who may read a question (or a
    /// passage) showing it, or a paper printing it: the teacher of another
    /// subject, students, parents and the bursar are refused; the
    /// curriculum office sees all. Naming another subject's image by its
    /// key in a question is no way round it. A question moved to another
    /// subject still shows its image on the old subject's papers.
    async fn images_are_scoped_to_what_the_user_reads(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let ipa = subject(&w, "IPA").await;
        let png = |n: u8| {
            let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
            bytes.push(n);
            bytes
        };
        let with_image = |mut q: qb::Question, bytes: &[u8]| {
            let key = qb::image_key(bytes);
            q.stem.0.push(qb::Block::Paragraph { inlines: vec![qb::Inline::Image { image: qb::ImageRef { key: key.clone(), alt: "gambar".into() } }] });
            let mut images = BTreeMap::new();
            images.insert(key.clone(), qb::Image { name: "g.png".into(), mime: "image/png".into(), bytes: bytes.to_vec() });
            (q, images, key)
        };
        let (q1, i1, math_key) = with_image(choice("Segitiga", "Perhatikan segitiga"), &png(1));
        w.app.create_question(&w.teacher, math, &q1, &i1).await.unwrap();
        let (q2, i2, ipa_key) = with_image(choice("Sel", "Perhatikan sel"), &png(2));
        w.app.create_question(&w.admin, ipa, &q2, &i2).await.unwrap();

        assert_eq!(w.app.question_image(&w.teacher, &math_key).await.unwrap().bytes, png(1));
        assert!(refused(w.app.question_image(&w.teacher, &ipa_key).await), "a teacher of another subject");
        for (role, actor) in [("student", &w.student), ("parent", &w.parent), ("bursar", &w.bursar), ("homeroom", &w.homeroom)] {
            assert!(refused(w.app.question_image(actor, &math_key).await), "{role}");
            assert!(refused(w.app.question_image(actor, &ipa_key).await), "{role}");
        }
        assert_eq!(w.app.question_image(&w.admin, &ipa_key).await.unwrap().bytes, png(2));
        assert_eq!(w.app.question_image(&w.admin, &math_key).await.unwrap().bytes, png(1));
        // A key the teacher may not see is not taken by naming it.
        let (q3, _, _) = with_image(choice("Curang", "Soal dengan gambar orang lain"), &png(2));
        let err = w.app.create_question(&w.teacher, math, &q3, &BTreeMap::new()).await.unwrap_err();
        assert_eq!(err.field_errors().iter().map(|f| f.msg.code).collect::<Vec<_>>(), ["image_missing"]);
        assert!(refused(w.app.question_image(&w.teacher, &ipa_key).await), "still refused");

        // On a paper of MTK, then moved to IPA by the office: the MTK
        // teacher no longer reads the question, but reads the paper.
        let (mut q4, i4, paper_key) = with_image(common::exam::plain("Gbr", "Pecahan"), &png(4));
        q4.meta.grade_level = Some(7);
        let made = w.app.create_question(&w.admin, math, &q4, &i4).await.unwrap();
        let id = made.head.id();
        let r = w.app.set_question_status(&w.admin, id, made.head.version(), "reviewed").await.unwrap();
        w.app.set_question_status(&w.admin, id, r.version(), "approved").await.unwrap();
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "Kisi", &[common::exam::row("Pecahan", 1)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &common::exam::paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let f = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 0).await.unwrap();
        assert_eq!(f.view.items[0].data.question_id, id);
        let stem = w.app.exam_content(&w.teacher, p.id()).await.unwrap().questions[0].stem.clone();
        let head = w.app.question(&w.admin, id).await.unwrap().head;
        w.app.move_questions(&w.admin, &[(id, head.version())], ipa).await.unwrap();
        assert!(refused(w.app.question(&w.teacher, id).await));
        assert_eq!(w.app.question_image(&w.teacher, &paper_key).await.unwrap().bytes, png(4), "the paper prints it");
        let content = w.app.exam_content(&w.teacher, p.id()).await.unwrap();
        assert_eq!(content.questions[0].stem, stem, "the paper keeps its version");
        assert!(content.images.contains_key(&paper_key));
    }

    /// Questions move to another subject all or nothing: the user must
    /// write both subjects; a passage moves only with all its questions;
    /// a stale version refuses the whole move; each change is audited.
    async fn questions_move_to_another_subject(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let ipa = subject(&w, "IPA").await;
        let a = w.app.create_question(&w.teacher, math, &choice("A", "Soal pertama tentang pecahan"), &BTreeMap::new()).await.unwrap().head;
        let bq = w.app.create_question(&w.teacher, math, &choice("B", "Soal kedua tentang aljabar"), &BTreeMap::new()).await.unwrap().head;
        let other = w.app.create_question(&w.admin, ipa, &choice("C", "Soal tentang sel"), &BTreeMap::new()).await.unwrap().head;
        // The teacher writes MTK only: not into IPA, not out of IPA.
        assert!(refused(w.app.move_questions(&w.teacher, &[(a.id(), a.version())], ipa).await));
        assert!(refused(w.app.move_questions(&w.teacher, &[(other.id(), other.version())], math).await));
        // A stale version refuses the whole move: nothing moved.
        let err = w.app.move_questions(&w.admin, &[(a.id(), a.version()), (bq.id(), bq.version() - 1)], ipa).await.unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err}");
        assert_eq!(w.app.question(&w.admin, a.id()).await.unwrap().head.data.subject_id, math);
        let moved = w.app.move_questions(&w.admin, &[(a.id(), a.version()), (bq.id(), bq.version())], ipa).await.unwrap();
        assert!(moved.iter().all(|q| q.data.subject_id == ipa && q.data.current_version == 1 && q.data.status == "draft"));
        let events = w.app.audit_trail(&w.admin, &schooldesk_store::AuditQuery { table_name: Some("questions".into()), record_id: Some(a.id()), limit: 50, ..Default::default() }).await.unwrap();
        assert!(events.iter().any(|e| e.action == "update" && e.after.as_deref().is_some_and(|t| t.contains(&ipa.to_string()))), "{events:?}");

        // A passage and its two questions: moving one alone is refused,
        // naming the passage; moving both takes the passage along.
        let passage = w.app.create_stimulus(&w.teacher, math, "Bacaan Kancil", &qb::RichText::from_plain("Si Kancil ..."), &BTreeMap::new()).await.unwrap();
        let sid = qb::StimulusId(passage.id().to_string());
        let mut q1 = choice("K1", "Siapa tokoh utama bacaan?");
        q1.stimulus = Some(sid.clone());
        let mut q2 = choice("K2", "Di mana Kancil tinggal?");
        q2.stimulus = Some(sid.clone());
        let k1 = w.app.create_question(&w.teacher, math, &q1, &BTreeMap::new()).await.unwrap().head;
        let k2 = w.app.create_question(&w.teacher, math, &q2, &BTreeMap::new()).await.unwrap().head;
        let err = w.app.move_questions(&w.admin, &[(k1.id(), k1.version())], ipa).await.unwrap_err();
        assert_eq!(err.field_errors().iter().map(|f| f.msg.code).collect::<Vec<_>>(), ["move_splits_stimulus"]);
        assert!(err.to_string().contains("Bacaan Kancil") && err.to_string().contains("K2"), "{err}");
        w.app.move_questions(&w.admin, &[(k1.id(), k1.version()), (k2.id(), k2.version())], ipa).await.unwrap();
        let read = w.app.question(&w.admin, k2.id()).await.unwrap();
        assert_eq!(read.head.data.subject_id, ipa);
        let stored: Stored<QuestionStimulus> = store_of(&w.app).await.get(passage.id()).await.unwrap();
        assert_eq!(stored.data.subject_id, ipa, "the passage moved with its questions");
        // Editing a moved question with its passage works in the new subject.
        let mut edit = read.question.clone();
        edit.name = "K2 baru".into();
        w.app.edit_question(&w.admin, k2.id(), read.head.version(), &edit, &BTreeMap::new()).await.unwrap();
    }
}
