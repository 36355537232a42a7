//! What the question-bank screens read beside the bank's use-cases (issue
//! 13, helper "qbui"), on both backends: each role's subjects and whether
//! they review; the duplicate warning when saving, which names the same
//! and near stems of the subject but never the question being edited; a
//! stored image's bytes for those who may see the bank only; the lists of
//! blueprints and papers, each role's subjects only.

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
}
