//! Exam papers in the app (issue 13 items 4–6), on both backends:
//! blueprints, papers filled from the bank (approved questions only, the
//! class's recent papers avoided, shortages named per row, each question
//! pinned to its version), swapping by hand with its checks, who may do
//! what (teachers of the subject draft, the curriculum office makes final
//! and releases, students and parents see a paper only once released and
//! never its key, the bursar nothing), variants that are the same every
//! time they are made, and the print job's refusal of a broken formula.

mod common;

use common::exam::*;
use common::*;
use schooldesk_core::*;
use schooldesk_documents::exam::ExamDocument;
use schooldesk_qbank as qb;
use schooldesk_store::AuditQuery;
use std::collections::BTreeMap;

both! {
    /// The teacher fills a paper from a blueprint: approved questions only,
    /// a row the bank cannot fill is named with what is missing, the
    /// class's last paper is avoided, the same bank gives the same fill,
    /// and each question stays at the version it was filled with when the
    /// question is edited later. Swapping by hand checks the question.
    async fn fill_swap_and_pin(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let ipa = science(&w).await;
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await);
        }
        // A draft of the topic never fills a paper.
        let draft = w.app.create_question(&w.teacher, math, &plain("draf", "Pecahan"), &BTreeMap::new()).await.unwrap().head.id();
        let aljabar = approved(&w, math, &plain("A0", "Aljabar")).await;
        let other = approved(&w, ipa, &plain("I0", "Pecahan")).await;

        let bp = w.app.create_blueprint(&w.teacher, math, 7, "Kisi-kisi UH 1", &[row("Pecahan", 3), row("Aljabar", 2)]).await.unwrap();
        let first = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 1)).await.unwrap();
        let filled = w.app.fill_exam_paper(&w.teacher, first.id(), first.version(), 3).await.unwrap();
        let on_paper: Vec<Id> = filled.view.items.iter().map(|i| i.data.question_id).collect();
        assert_eq!(on_paper.len(), 4, "3 of Pecahan + the one Aljabar question");
        assert!(!on_paper.contains(&draft) && !on_paper.contains(&other));
        assert!(on_paper.contains(&aljabar));
        assert_eq!(filled.shortages.len(), 1);
        let s = &filled.shortages[0];
        assert_eq!((s.row, s.wanted, s.found), (2, 2, 1));
        assert!(s.to_string().contains("row 2: wants 2 but the bank has 1"), "{s}");
        assert!(s.missing.contains("Aljabar"), "{s}");
        assert!(filled.view.items.iter().all(|i| i.data.points == "2" && i.data.question_version == 1));

        // Filling again gives the same paper (deterministic).
        let again = w.app.fill_exam_paper(&w.teacher, first.id(), filled.view.paper.version(), 3).await.unwrap();
        let again_ids: Vec<Id> = again.view.items.iter().map(|i| i.data.question_id).collect();
        assert_eq!(again_ids, on_paper);
        // A stale fill is refused.
        let err = w.app.fill_exam_paper(&w.teacher, first.id(), first.version(), 3).await.unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err}");

        // The next paper of the class avoids the first one's questions once
        // the first is final (a draft was never set before the class).
        let first_now = w.app.exam_paper(&w.admin, first.id()).await.unwrap().paper;
        w.app.set_exam_paper_status(&w.admin, first.id(), first_now.version(), "final").await.unwrap();
        let second = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 20)).await.unwrap();
        let next = w.app.fill_exam_paper(&w.teacher, second.id(), second.version(), 1).await.unwrap();
        let next_ids: Vec<Id> = next.view.items.iter().map(|i| i.data.question_id).collect();
        assert_eq!(next_ids.len(), 2, "only two Pecahan questions were not used: {next_ids:?}");
        assert!(next_ids.iter().all(|id| !on_paper.contains(id)));
        let s = &next.shortages;
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!((s[0].found, s[0].used_recently, s[0].not_approved), (2, 3, 1), "{}", s[0]);
        // With no history avoided, it fills up again.
        let full = w.app.fill_exam_paper(&w.teacher, second.id(), next.view.paper.version(), 0).await.unwrap();
        assert_eq!(full.view.items.len(), 4);
        // Back to a draft, to be changed by hand below.
        let first_now = w.app.exam_paper(&w.admin, first.id()).await.unwrap().paper;
        w.app.set_exam_paper_status(&w.admin, first.id(), first_now.version(), "draft").await.unwrap();

        // Pinned: editing the question later makes version 2; the paper keeps 1.
        let pinned = on_paper[0];
        let rec = w.app.question(&w.teacher, pinned).await.unwrap();
        let mut edited = rec.question.clone();
        edited.stem = qb::RichText::from_plain("Soal yang diubah?");
        w.app.edit_question(&w.teacher, pinned, rec.head.version(), &edited, &BTreeMap::new()).await.unwrap();
        let content = w.app.exam_content(&w.teacher, first.id()).await.unwrap();
        let q = content.questions.iter().find(|q| q.id.0 == pinned.to_string()).unwrap();
        assert_eq!(q.stem, rec.question.stem, "the paper prints the version it was filled with");
        assert_eq!(q.meta.version, 1);

        // Swap by hand: checked.
        let view = w.app.exam_paper(&w.teacher, first.id()).await.unwrap();
        let v = view.paper.version();
        let unused = ids.iter().copied().find(|id| !on_paper.contains(id)).unwrap();
        let err = w.app.swap_exam_question(&w.teacher, first.id(), v, 1, draft).await.unwrap_err();
        assert_eq!(codes(&err), ["swap_not_approved"]);
        let err = w.app.swap_exam_question(&w.admin, first.id(), v, 1, other).await.unwrap_err();
        assert_eq!(codes(&err), ["swap_other_subject"]);
        let err = w.app.swap_exam_question(&w.teacher, first.id(), v, 1, on_paper[1]).await.unwrap_err();
        assert_eq!(codes(&err), ["swap_already_on_paper"]);
        let err = w.app.swap_exam_question(&w.teacher, first.id(), v, 99, unused).await.unwrap_err();
        assert_eq!(codes(&err), ["no_such_position"]);
        // The edited question is now a draft (version 2): refused for that first.
        let err = w.app.swap_exam_question(&w.teacher, first.id(), v, 2, pinned).await.unwrap_err();
        assert_eq!(codes(&err), ["swap_not_approved"]);
        // A swap at a version the paper no longer has (a fill or another
        // swap since the user looked) is refused: it could replace another
        // question than the one shown.
        let stale = w.app.swap_exam_question(&w.teacher, first.id(), v - 1, 1, unused).await.unwrap_err();
        assert_eq!(stale.kind(), "conflict", "{stale}");
        let swapped = w.app.swap_exam_question(&w.teacher, first.id(), v, 1, unused).await.unwrap();
        let again = w.app.swap_exam_question(&w.teacher, first.id(), v, 2, ids[4]).await;
        assert_eq!(again.unwrap_err().kind(), "conflict", "the first swap moved the paper on");
        assert_eq!(swapped.items[0].data.question_id, unused);
        assert_eq!(swapped.items[0].data.blueprint_row, view.items[0].data.blueprint_row);
        assert!(swapped.paper.version() > view.paper.version());

        // Every change is audited.
        let events = w.app
            .audit_trail(&w.admin, &AuditQuery { table_name: Some("exam_paper_items".into()), limit: 200, ..AuditQuery::default() })
            .await
            .unwrap();
        assert!(events.iter().any(|e| e.action == "update"), "the swap");
        assert!(events.iter().filter(|e| e.action == "delete").count() >= 4, "refills");
        let papers = w.app
            .audit_trail(&w.admin, &AuditQuery { table_name: Some("exam_papers".into()), limit: 200, ..AuditQuery::default() })
            .await
            .unwrap();
        assert!(papers.iter().any(|e| e.action == "create"));
    }

    /// Who may do what: teachers of the subject draft and read; teachers
    /// of other subjects, the homeroom teacher who teaches nothing and the
    /// bursar nothing; only the curriculum office makes final and releases;
    /// a final paper's questions are fixed; students and parents see the
    /// paper once released (their class only), never the questions' keys.
    async fn who_sees_papers(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let ipa = science(&w).await;
        for i in 0..3 {
            approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await;
        }
        let extra = approved(&w, math, &plain("P9", "Pecahan")).await;
        assert!(refused(w.app.create_blueprint(&w.teacher, ipa, 7, "IPA", &[row("x", 1)]).await));
        let err = w.app.create_blueprint(&w.teacher, math, 7, "Kosong", &[row("x", 0)]).await.unwrap_err();
        assert_eq!(codes(&err), ["blueprint_invalid"]);
        assert!(err.to_string().contains("rows[1].count"), "{err}");
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "Kisi-kisi", &[row("Pecahan", 3)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let filled = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        assert!(filled.shortages.is_empty());

        for (role, actor) in [("homeroom", &w.homeroom), ("bursar", &w.bursar), ("student", &w.student), ("parent", &w.parent)] {
            // A student or parent is told it does not exist (nothing of a
            // paper before its release); staff of other roles are refused.
            let read = w.app.exam_paper(actor, p.id()).await;
            if role == "student" || role == "parent" {
                assert!(hidden(read), "{role} reads a draft");
            } else {
                assert!(refused(read), "{role} reads a draft");
            }
            assert!(refused(w.app.exam_content(actor, p.id()).await), "{role} reads the questions");
            assert!(refused(w.app.blueprint(actor, bp.id()).await), "{role} reads the blueprint");
            assert!(refused(w.app.create_exam_paper(actor, &paper(math, w.class_a, bp.id(), 4)).await), "{role} drafts");
            assert!(refused(w.app.fill_exam_paper(actor, p.id(), filled.view.paper.version(), 3).await), "{role} fills");
            assert!(refused(w.app.swap_exam_question(actor, p.id(), filled.view.paper.version(), 1, extra).await), "{role} swaps");
            assert!(refused(w.app.set_exam_paper_status(actor, p.id(), filled.view.paper.version(), "final").await), "{role} finalises");
        }
        assert!(refused(w.app.set_exam_paper_status(&w.teacher, p.id(), filled.view.paper.version(), "final").await));
        let err = w.app.set_exam_paper_status(&w.admin, p.id(), filled.view.paper.version(), "released").await.unwrap_err();
        assert_eq!(codes(&err), ["paper_move"]);
        let fin = w.app.set_exam_paper_status(&w.admin, p.id(), filled.view.paper.version(), "final").await.unwrap();
        let err = w.app.swap_exam_question(&w.teacher, p.id(), fin.version(), 1, extra).await.unwrap_err();
        assert_eq!(codes(&err), ["paper_not_draft"]);
        let err = w.app.fill_exam_paper(&w.teacher, p.id(), fin.version(), 3).await.unwrap_err();
        assert_eq!(codes(&err), ["paper_not_draft"]);
        // Final but not released: still hidden from the family.
        assert!(hidden(w.app.exam_paper(&w.student, p.id()).await));
        w.app.set_exam_paper_status(&w.admin, p.id(), fin.version(), "released").await.unwrap();
        let seen = w.app.exam_paper(&w.student, p.id()).await.unwrap();
        assert_eq!(seen.items.len(), 3);
        assert!(w.app.exam_paper(&w.parent, p.id()).await.is_ok());
        assert!(refused(w.app.exam_content(&w.student, p.id()).await), "never the keys");
        assert!(refused(w.app.exam_variants(&w.parent, p.id(), 2).await), "never the keys");
        assert!(refused(w.app.exam_paper(&w.bursar, p.id()).await));
        // A released paper of the other class stays hidden from this student.
        let q = w.app.create_exam_paper(&w.admin, &paper(math, w.class_b, bp.id(), 5)).await.unwrap();
        let qf = w.app.fill_exam_paper(&w.admin, q.id(), q.version(), 0).await.unwrap();
        let qf = w.app.set_exam_paper_status(&w.admin, q.id(), qf.view.paper.version(), "final").await.unwrap();
        w.app.set_exam_paper_status(&w.admin, q.id(), qf.version(), "released").await.unwrap();
        assert!(hidden(w.app.exam_paper(&w.student, q.id()).await));
        assert!(hidden(w.app.exam_paper(&w.parent, q.id()).await));
    }

    /// Variants come from the seed recorded with the paper: asking again
    /// (or for more variants) gives the same A and B, keys are keyed by
    /// the bank's question ids, and the variants differ from each other.
    async fn variants_are_stable(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        for i in 0..8 {
            approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await;
        }
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "Kisi-kisi", &[row("Pecahan", 8)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let f = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        let two = w.app.exam_variants(&w.teacher, p.id(), 2).await.unwrap();
        let three = w.app.exam_variants(&w.admin, p.id(), 3).await.unwrap();
        assert_eq!(two[..], three[..2], "a reprint is the same package");
        assert_eq!(three.iter().map(|(v, _)| v.code.as_str()).collect::<Vec<_>>(), ["A", "B", "C"]);
        assert_ne!(two[0].0.items, two[1].0.items, "B is shuffled differently");
        let bank_ids: Vec<String> = f.view.items.iter().map(|i| i.data.question_id.to_string()).collect();
        for (_, key) in &two {
            let mut keyed: Vec<String> = key.entries.keys().map(|k| k.0.clone()).collect();
            let mut expected = bank_ids.clone();
            keyed.sort();
            expected.sort();
            assert_eq!(keyed, expected);
        }
        // The seed never changes, whatever happens to the paper.
        let stored = w.app.exam_paper(&w.admin, p.id()).await.unwrap().paper;
        assert_eq!(stored.data.seed, p.data.seed);
        let err = w.app.exam_variants(&w.teacher, p.id(), 0).await.unwrap_err();
        assert_eq!(codes(&err), ["variants_count"]);
    }

    /// The print job: each variant's paper, its answer sheet, the keys and
    /// the kisi-kisi; a formula that does not parse stops it with the
    /// question, the part and the column named.
    async fn print_job_and_bad_math(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let formula = |latex: &str| qb::RichText(vec![qb::Block::Paragraph { inlines: vec![
            qb::Inline::text("Hitunglah "),
            qb::Inline::Math { latex: latex.into() },
        ] }]);
        approved(&w, math, &choice("Pecahan", "Pecahan", formula(r"\frac{1}{2} + \frac{1}{3}"))).await;
        approved(&w, math, &choice("Akar", "Pecahan", formula(r"\sqrt{16}"))).await;
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "Kisi-kisi", &[row("Pecahan", 2)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let filled = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        // A draft is not printed (its questions may still change), for
        // the teacher nor for the office.
        for actor in [&w.teacher, &w.admin] {
            let err = w.app.exam_print_job(actor, p.id(), &request(1)).await.unwrap_err();
            assert_eq!(codes(&err), ["print_draft"]);
            assert!(err.to_string().contains("make it final first"), "{err}");
        }
        w.app.set_exam_paper_status(&w.admin, p.id(), filled.view.paper.version(), "final").await.unwrap();
        let job = w.app.exam_print_job(&w.teacher, p.id(), &request(2)).await.unwrap();
        let kinds: Vec<&str> = job.documents.iter().map(|d| match d {
            ExamDocument::Paper { .. } => "paper",
            ExamDocument::AnswerSheet { .. } => "sheet",
            ExamDocument::Key { .. } => "key",
            ExamDocument::Blueprint { .. } => "blueprint",
        }).collect();
        assert_eq!(kinds, ["paper", "sheet", "paper", "sheet", "key", "key", "blueprint"]);
        assert_eq!(job.sheet_layouts.len(), 2);
        let ExamDocument::Blueprint { lines, .. } = job.documents.last().unwrap() else { panic!() };
        assert_eq!(lines[0].questions, "1, 2");
        let ExamDocument::Paper { sections, header, .. } = &job.documents[0] else { panic!() };
        assert_eq!(header.date, "3 September 2025");
        let text = format!("{:?}", sections[0].items);
        assert!(text.contains("frac(1, 2) + frac(1, 3)") || text.contains("sqrt(16)"), "{text}");

        // A broken formula on another paper: named.
        let broken = approved(&w, math, &choice("Rusak", "Rusak", formula(r"\frac{1}{2"))).await;
        let bp2 = w.app.create_blueprint(&w.teacher, math, 7, "Rusak", &[row("Rusak", 1)]).await.unwrap();
        let p2 = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_b, bp2.id(), 4)).await.unwrap();
        let f2 = w.app.fill_exam_paper(&w.teacher, p2.id(), p2.version(), 3).await.unwrap();
        assert_eq!(f2.view.items[0].data.question_id, broken);
        w.app.set_exam_paper_status(&w.admin, p2.id(), f2.view.paper.version(), "final").await.unwrap();
        let err = w.app.exam_print_job(&w.teacher, p2.id(), &request(1)).await.unwrap_err();
        assert_eq!(codes(&err), ["latex_invalid"]);
        let said = err.to_string();
        assert!(said.contains("question 1 (Rusak)") && said.contains("the stem") && said.contains("column 9"), "{said}");
    }

    /// The editor's "as it will print" preview: an unsaved question (a
    /// formula, a pasted image) becomes one paper page of its subject, its
    /// options in its own order, its formula typeset; nothing is stored.
    /// Refused with the place named: a broken formula, bytes that are not
    /// an image, an image neither given nor in the bank; and for anyone who
    /// may not write the subject's questions.
    async fn a_question_previews_as_it_prints(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let ipa = science(&w).await;
        let png: Vec<u8> = vec![
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
            0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
            0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
            0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
        ];
        let key = qb::image_key(&png);
        let stem = qb::RichText(vec![
            qb::Block::Paragraph { inlines: vec![qb::Inline::text("Hitunglah "), qb::Inline::Math { latex: r"\frac{1}{2} + \frac{1}{3}".into() }] },
            qb::Block::Paragraph { inlines: vec![qb::Inline::Image { image: qb::ImageRef { key: key.clone(), alt: "titik".into() } }] },
        ]);
        let q = choice("Pratinjau", "Pecahan", stem);
        let mut images = BTreeMap::new();
        images.insert(key.clone(), qb::Image { name: "titik.png".into(), mime: "image/png".into(), bytes: png.clone() });
        let everything = AuditQuery { limit: 100_000, ..AuditQuery::default() };
        let audit = || w.app.audit_trail(&w.admin, &everything);
        let audit_before = audit().await.unwrap().len();

        let job = w.app.question_print_preview(&w.teacher, math, None, &q, &images, schooldesk_documents::Language::Id, 2).await.unwrap();
        assert_eq!(job.documents.len(), 1);
        let ExamDocument::Paper { sections, header, variant, columns, .. } = &job.documents[0] else { panic!("{:?}", job.documents[0]) };
        assert_eq!((header.exam_name.as_str(), header.subject.as_str(), variant.as_str(), *columns), ("Pratinjau soal", "Matematika", "A", 2));
        let items = &sections[0].items;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].number, 1);
        let letters: Vec<&str> = items[0].options.iter().map(|o| o.letter.as_str()).collect();
        assert_eq!(letters, ["A", "B", "C", "D"]);
        let text = format!("{:?}", items[0]);
        assert!(text.contains("frac(1, 2) + frac(1, 3)"), "the formula typeset: {text}");
        // The options in the question's own order (not shuffled).
        for (i, word) in ["benar", "salah 1", "salah 2", "salah 3"].iter().enumerate() {
            assert!(format!("{:?}", items[0].options[i].content).contains(word), "option {i}");
        }
        assert_eq!(job.images.len(), 1);
        assert_eq!(job.images[0].0, format!("/assets/img/{key}.png"));
        assert_eq!(job.images[0].1, png);
        // English labels.
        let en = w.app.question_print_preview(&w.teacher, math, None, &q, &images, schooldesk_documents::Language::En, 1).await.unwrap();
        let ExamDocument::Paper { header, .. } = &en.documents[0] else { panic!() };
        assert_eq!(header.exam_name, "Question preview");
        // Nothing stored: no question, no image, no audit row.
        assert_eq!(audit().await.unwrap().len(), audit_before);
        let err = w.app.question_print_preview(&w.teacher, math, None, &q, &BTreeMap::new(), schooldesk_documents::Language::Id, 2).await.unwrap_err();
        assert_eq!(codes(&err), ["image_missing"], "the image was not stored by the preview: {err}");

        // Bad input, named.
        let mut broken = q.clone();
        broken.stem = qb::RichText(vec![qb::Block::Paragraph { inlines: vec![qb::Inline::Math { latex: r"\frac{1}{2".into() }] }]);
        let err = w.app.question_print_preview(&w.teacher, math, None, &broken, &BTreeMap::new(), schooldesk_documents::Language::Id, 2).await.unwrap_err();
        assert_eq!(codes(&err), ["latex_invalid"]);
        assert!(err.to_string().contains("the question, the stem"), "{err}");
        let mut not_image = BTreeMap::new();
        not_image.insert(key.clone(), qb::Image { name: "surat.png".into(), mime: "image/png".into(), bytes: b"not a picture".to_vec() });
        let err = w.app.question_print_preview(&w.teacher, math, None, &q, &not_image, schooldesk_documents::Language::Id, 2).await.unwrap_err();
        assert_eq!(codes(&err), ["not_an_image"]);
        assert!(err.to_string().contains("surat.png"), "{err}");
        // A question saving would refuse (no right option) is refused the same way.
        let mut no_right = q.clone();
        if let qb::Body::SingleChoice { options, .. } = &mut no_right.body {
            options[0].weight = qb::percent("0");
        }
        let save_err = w.app.create_question(&w.teacher, math, &no_right, &images).await.unwrap_err();
        let err = w.app.question_print_preview(&w.teacher, math, None, &no_right, &images, schooldesk_documents::Language::Id, 2).await.unwrap_err();
        assert_eq!(err.to_string(), save_err.to_string());

        // Who may: the subject's writers (the teacher, the office); not a
        // teacher of another subject, a student, a parent, the bursar.
        assert!(w.app.question_print_preview(&w.admin, ipa, None, &q, &images, schooldesk_documents::Language::Id, 2).await.is_ok());
        assert!(refused(w.app.question_print_preview(&w.teacher, ipa, None, &q, &images, schooldesk_documents::Language::Id, 2).await));
        for actor in [&w.student, &w.parent, &w.bursar] {
            assert!(refused(w.app.question_print_preview(actor, math, None, &q, &images, schooldesk_documents::Language::Id, 2).await));
        }
        // An edit may show its own stored images by key alone, but naming
        // another subject's question does not lend its images.
        let mut pictured = choice("Bergambar", "IPA", qb::RichText(vec![qb::Block::Paragraph { inlines: vec![qb::Inline::Image { image: qb::ImageRef { key: key.clone(), alt: "titik".into() } }] }]));
        pictured.meta.topic = Some("IPA".into());
        let theirs = w.app.create_question(&w.admin, ipa, &pictured, &images).await.unwrap().head.id();
        let ours = w.app.create_question(&w.teacher, math, &q, &images).await.unwrap().head.id();
        assert!(w.app.question_print_preview(&w.teacher, math, Some(ours), &q, &BTreeMap::new(), schooldesk_documents::Language::Id, 2).await.is_ok());
        assert!(refused(w.app.question_print_preview(&w.teacher, math, Some(theirs), &q, &BTreeMap::new(), schooldesk_documents::Language::Id, 2).await));
    }

    /// A shared passage written in the app: with a pasted image, listed
    /// for its subject, shown above its question in the preview as printed.
    /// Refused, nothing written: no title, no content, an image neither
    /// given nor stored, another subject's teacher; students and parents
    /// do not list passages.
    async fn a_shared_passage_is_written_and_shown_above_its_question(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let ipa = science(&w).await;
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20'/></svg>".to_vec();
        let key = qb::image_key(&svg);
        let mut images = BTreeMap::new();
        images.insert(key.clone(), qb::Image { name: "kotak.svg".into(), mime: "image/svg+xml".into(), bytes: svg.clone() });
        let content = qb::RichText(vec![
            qb::Block::Paragraph { inlines: vec![qb::Inline::text("Perhatikan gambar kebun Pak Tani berikut.")] },
            qb::Block::Paragraph { inlines: vec![qb::Inline::Image { image: qb::ImageRef { key: key.clone(), alt: "kebun".into() } }] },
        ]);
        assert!(w.app.stimuli(&w.teacher, math).await.unwrap().is_empty());

        // Refused, nothing written.
        let err = w.app.create_stimulus(&w.teacher, math, "  ", &content, &images).await.unwrap_err();
        assert!(err.to_string().contains("title"), "{err}");
        let err = w.app.create_stimulus(&w.teacher, math, "Kebun", &qb::RichText::from_plain("   "), &images).await.unwrap_err();
        assert_eq!(codes(&err), ["stimulus_empty"]);
        let err = w.app.create_stimulus(&w.teacher, math, "Kebun", &content, &BTreeMap::new()).await.unwrap_err();
        assert_eq!(codes(&err), ["image_missing"]);
        assert!(refused(w.app.create_stimulus(&w.teacher, ipa, "Kebun", &content, &images).await));
        assert!(w.app.stimuli(&w.admin, math).await.unwrap().is_empty(), "nothing written by a refusal");

        let made = w.app.create_stimulus(&w.teacher, math, "Kebun Pak Tani", &content, &images).await.unwrap();
        let listed = w.app.stimuli(&w.teacher, math).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].0.id(), listed[0].0.data.title.as_str()), (made.id(), "Kebun Pak Tani"));
        assert_eq!(listed[0].1, content);
        for actor in [&w.student, &w.parent, &w.bursar] {
            assert!(refused(w.app.stimuli(actor, math).await));
        }
        // The same image again is given by key only: it is in the bank now.
        let again = w.app.create_stimulus(&w.teacher, math, "Kebun (2)", &content, &BTreeMap::new()).await.unwrap();
        assert_ne!(again.id(), made.id());

        // Above its question, as printed; a passage of another subject is
        // not this question's.
        let mut q = choice("Luas kebun", "Luas", qb::RichText::from_plain("Berapa luas kebun itu?"));
        q.stimulus = Some(qb::StimulusId(made.id().to_string()));
        let job = w.app.question_print_preview(&w.teacher, math, None, &q, &BTreeMap::new(), schooldesk_documents::Language::Id, 2).await.unwrap();
        let ExamDocument::Paper { sections, .. } = &job.documents[0] else { panic!() };
        let item = &sections[0].items[0];
        assert_eq!(item.stimulus_for, "1");
        assert!(format!("{:?}", item.stimulus).contains("kebun Pak Tani"), "{:?}", item.stimulus);
        assert_eq!(job.images.len(), 1, "the passage's image goes with the job");
        assert_eq!(job.images[0].1, svg);
        let saved = w.app.create_question(&w.teacher, math, &q, &BTreeMap::new()).await.unwrap();
        assert_eq!(saved.head.data.stimulus_id, Some(made.id()));
        let mut elsewhere = q.clone();
        elsewhere.meta.topic = Some("IPA".into());
        let err = w.app.question_print_preview(&w.admin, ipa, None, &elsewhere, &BTreeMap::new(), schooldesk_documents::Language::Id, 2).await.unwrap_err();
        assert_eq!(codes(&err), ["stimulus_not_found"]);
    }

    /// A question on a final paper, moved back to draft by the office and
    /// then edited (twice), never changes what the paper prints: the
    /// approved version stays as it was and the draft goes on as a copy,
    /// the next version. A draft version a paper pins (demoted before
    /// that rule) is not rewritten either: its edit makes the next one.
    async fn demoted_then_edited_question_prints_the_same(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let mut ids = Vec::new();
        for i in 0..3 {
            ids.push(approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await);
        }
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "Kisi-kisi", &[row("Pecahan", 3)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let f = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        w.app.set_exam_paper_status(&w.admin, p.id(), f.view.paper.version(), "final").await.unwrap();
        let printed = |job: &schooldesk_app::exam::PrintJob| serde_json::to_string(&job.documents).unwrap();
        let before = w.app.exam_print_job(&w.teacher, p.id(), &request(2)).await.unwrap();
        let stems_before: Vec<qb::RichText> = w.app.exam_content(&w.teacher, p.id()).await.unwrap().questions.into_iter().map(|q| q.stem).collect();

        let q = ids[0];
        let rec = w.app.question(&w.admin, q).await.unwrap();
        let demoted = w.app.set_question_status(&w.admin, q, rec.head.version(), "draft").await.unwrap();
        assert_eq!(demoted.data.current_version, 2, "the draft goes on as a copy");
        let copy = w.app.question(&w.teacher, q).await.unwrap();
        assert_eq!(copy.question.stem, rec.question.stem);
        let mut edited = copy.question.clone();
        edited.stem = qb::RichText::from_plain("Diubah setelah ditarik ke draf?");
        let (saved, added) = w.app.edit_question(&w.teacher, q, copy.head.version(), &edited, &BTreeMap::new()).await.unwrap();
        assert!(!added, "the draft copy (never approved, on no paper) is rewritten in place");
        assert_eq!(saved.head.data.current_version, 2);
        edited.stem = qb::RichText::from_plain("Diubah lagi?");
        let (saved, _) = w.app.edit_question(&w.teacher, q, saved.head.version(), &edited, &BTreeMap::new()).await.unwrap();
        assert_eq!(saved.head.data.current_version, 2);
        let versions = w.app.question_versions(&w.teacher, q).await.unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].stem, rec.question.stem, "the approved version is as it was");
        assert_eq!(versions[1].stem, edited.stem);

        let after = w.app.exam_print_job(&w.teacher, p.id(), &request(2)).await.unwrap();
        assert_eq!(printed(&after), printed(&before), "the paper prints the same");
        let stems_after: Vec<qb::RichText> = w.app.exam_content(&w.teacher, p.id()).await.unwrap().questions.into_iter().map(|q| q.stem).collect();
        assert_eq!(stems_after, stems_before);
        assert!(printed(&after).contains("Soal P") && !printed(&after).contains("Diubah"));

        // A question demoted the old way (its pinned version became the
        // draft in force, no copy): an edit adds the next version.
        let old = ids[1];
        let head: Stored<BankQuestion> = store_of(&w.app).await.get(old).await.unwrap();
        let mut cs = schooldesk_store::ChangeSet::new(Some(w.admin.user_id), "test", w.app.now());
        cs.update(old, head.version(), &BankQuestion { status: "draft".into(), ..head.data.clone() });
        store_of(&w.app).await.commit(cs).await.unwrap();
        let rec = w.app.question(&w.teacher, old).await.unwrap();
        assert_eq!((rec.head.data.status.as_str(), rec.head.data.current_version), ("draft", 1));
        let mut changed = rec.question.clone();
        changed.stem = qb::RichText::from_plain("Lama diubah?");
        let (saved, added) = w.app.edit_question(&w.teacher, old, rec.head.version(), &changed, &BTreeMap::new()).await.unwrap();
        assert!(added, "version 1 is on a paper: never rewritten");
        assert_eq!(saved.head.data.current_version, 2);
        let last = w.app.exam_print_job(&w.teacher, p.id(), &request(2)).await.unwrap();
        assert_eq!(printed(&last), printed(&before));
    }
}
