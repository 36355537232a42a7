//! The question bank in the app (issue 13), on both backends: questions
//! stored with their versions (an approved question's edit makes the next
//! one, old ones stay readable), review by the curriculum office only,
//! teachers limited to their subjects and students and parents to nothing,
//! every change audited; an import's preview that writes nothing (problems
//! by line, duplicates of the bank flagged) and its confirmation in one
//! transaction; export and re-import; full-text search with filters giving
//! the same answers on SQLite and PostgreSQL.

mod common;

use common::*;
use schooldesk_app::qbank::{DuplicateOf, ExportFormat, ImportOptions, QuestionSearch};
use schooldesk_app::{App, AppError, DatabaseUrl};
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_store::{AuditQuery, Query};
use std::collections::BTreeMap;

const ALL_TYPES_GIFT: &str = include_str!("../../qbank/tests/fixtures/all-types.gift");
const ALL_TYPES_XML: &str = include_str!("../../qbank/tests/fixtures/all-types.moodle.xml");
const BROKEN_GIFT: &str = include_str!("../../qbank/tests/fixtures/broken.gift");

fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    match result {
        Err(AppError::NotAllowed(_)) => true,
        Ok(_) => false,
        Err(other) => panic!("expected a permission answer, got {other:?}"),
    }
}

fn codes(err: &AppError) -> Vec<&'static str> {
    err.field_errors().iter().map(|f| f.msg.code).collect()
}

fn choice(name: &str, stem: &str, right: &str, wrong: &[&str]) -> qb::Question {
    let option = |text: &str, weight: &str| qb::ChoiceOption {
        text: qb::RichText::from_plain(text),
        weight: qb::percent(weight),
        feedback: qb::RichText::empty(),
        pinned: false,
    };
    let mut options = vec![option(right, "100")];
    options.extend(wrong.iter().map(|w| option(w, "0")));
    qb::Question::new(
        name,
        qb::RichText::from_plain(stem),
        qb::Body::SingleChoice {
            options,
            shuffle: true,
        },
    )
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

fn options(subject_id: Id) -> ImportOptions {
    ImportOptions {
        subject_id,
        grade_level: Some(7),
        skip_duplicates: false,
    }
}

fn none() -> BTreeMap<String, qb::Image> {
    BTreeMap::new()
}

async fn ids(w: &World, actor: &Actor, search: QuestionSearch) -> Vec<String> {
    w.app
        .search_questions(actor, &search)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.data.name)
        .collect()
}

both! {
    /// A teacher writes a question; the curriculum office reviews and
    /// approves it; the teacher's edit of the approved question makes
    /// version 2 (draft) and version 1 stays as it was; an edit of the
    /// draft rewrites version 2; a stale edit is refused and writes
    /// nothing; every change is in the audit trail.
    async fn versions_and_review(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let q = choice("Luas", "Luas persegi bersisi 3 cm adalah ...", "9 cm²", &["6 cm²", "12 cm²"]);
        let made = w.app.create_question(&w.teacher, math, &q, &none()).await.unwrap();
        let id = made.head.id();
        assert_eq!(made.head.data.status, "draft");
        assert_eq!(made.head.data.current_version, 1);
        assert_eq!(made.head.data.author_id, Some(w.teacher.user_id));
        assert_eq!(made.question.stem, q.stem);
        assert_eq!(made.question.id.0, id.to_string());

        // Only the curriculum office reviews; one step at a time.
        assert!(refused(w.app.set_question_status(&w.teacher, id, made.head.version(), "reviewed").await));
        let err = w.app.set_question_status(&w.admin, id, made.head.version(), "approved").await.unwrap_err();
        assert_eq!(codes(&err), ["status_move"]);
        let reviewed = w.app.set_question_status(&w.admin, id, made.head.version(), "reviewed").await.unwrap();
        let approved = w.app.set_question_status(&w.admin, id, reviewed.version(), "approved").await.unwrap();
        assert_eq!(approved.data.status, "approved");

        // The teacher edits the approved question: version 2, a draft.
        let mut edited = made.question.clone();
        edited.stem = qb::RichText::from_plain("Luas persegi bersisi 4 cm adalah ...");
        let (v2, added) = w.app.edit_question(&w.teacher, id, approved.version(), &edited, &none()).await.unwrap();
        assert!(added);
        assert_eq!(v2.head.data.current_version, 2);
        assert_eq!(v2.head.data.status, "draft");
        assert_eq!(v2.question.meta.version, 2);
        assert_eq!(v2.question.meta.status, qb::Status::Draft);

        // A second edit of the draft rewrites version 2.
        let mut again = v2.question.clone();
        again.stem = qb::RichText::from_plain("Luas persegi bersisi 5 cm adalah ...");
        let (v2b, added) = w.app.edit_question(&w.teacher, id, v2.head.version(), &again, &none()).await.unwrap();
        assert!(!added);
        assert_eq!(v2b.head.data.current_version, 2);

        // A stale edit (read before the last one) is refused; nothing changes.
        let err = w.app.edit_question(&w.teacher, id, v2.head.version(), &edited, &none()).await.unwrap_err();
        assert_eq!(err.kind(), "conflict", "{err}");

        let versions = w.app.question_versions(&w.teacher, id).await.unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].stem, q.stem, "version 1 stays as approved");
        assert_eq!(versions[0].meta.status, qb::Status::Approved);
        assert_eq!(versions[0].meta.version, 1);
        assert_eq!(versions[1].stem.to_plain(), "Luas persegi bersisi 5 cm adalah ...");

        // Search reads the current words only (the index follows edits).
        let by = |text: &str| QuestionSearch { text: text.into(), ..QuestionSearch::default() };
        assert_eq!(ids(&w, &w.admin, by("bersisi 5")).await, ["Luas"]);
        assert!(ids(&w, &w.admin, by("bersisi 3")).await.is_empty());
        assert!(ids(&w, &w.admin, by("bersisi 4")).await.is_empty());

        let events = w
            .app
            .audit_trail(&w.admin, &AuditQuery { table_name: Some("questions".into()), record_id: Some(id), limit: 50, ..AuditQuery::default() })
            .await
            .unwrap();
        let count = |a: &str| events.iter().filter(|e| e.action == a).count();
        assert_eq!((count("create"), count("update"), events.len()), (1, 4, 5));
        let versions = w
            .app
            .audit_trail(&w.admin, &AuditQuery { table_name: Some("question_versions".into()), limit: 50, ..AuditQuery::default() })
            .await
            .unwrap();
        assert_eq!(versions.len(), 3, "v1 created, v2 created, v2 rewritten");
    }

    /// Teachers write and see their own subjects' questions only; the
    /// homeroom teacher who teaches nothing, the bursar, students and
    /// parents see nothing of the bank.
    async fn who_sees_the_bank(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let science = subject(&w, "IPA").await;
        let q = choice("Q", "Dua tambah dua?", "4", &["5"]);
        assert!(refused(w.app.create_question(&w.teacher, science, &q, &none()).await));
        let mine = w.app.create_question(&w.teacher, math, &q, &none()).await.unwrap();
        let theirs = w.app.create_question(&w.admin, science, &choice("IPA", "Air mendidih pada suhu?", "100 °C", &["50 °C"]), &none()).await.unwrap();

        assert_eq!(ids(&w, &w.teacher, QuestionSearch::default()).await, ["Q"]);
        assert_eq!(ids(&w, &w.admin, QuestionSearch::default()).await, ["Q", "IPA"]);
        assert!(refused(w.app.question(&w.teacher, theirs.head.id()).await));
        assert!(refused(w.app.question_versions(&w.teacher, theirs.head.id()).await));
        assert!(refused(w.app.search_questions(&w.teacher, &QuestionSearch { subject_id: Some(science), ..QuestionSearch::default() }).await));
        assert!(refused(w.app.edit_question(&w.teacher, theirs.head.id(), theirs.head.version(), &q, &none()).await));
        assert!(refused(w.app.export_questions(&w.teacher, &[theirs.head.id()], ExportFormat::Gift).await));
        assert!(refused(w.app.preview_question_import(&w.teacher, ALL_TYPES_GIFT.as_bytes(), &options(science)).await));
        for (role, actor) in [("homeroom", &w.homeroom), ("bursar", &w.bursar), ("student", &w.student), ("parent", &w.parent)] {
            assert!(refused(w.app.search_questions(actor, &QuestionSearch::default()).await), "{role} searches");
            assert!(refused(w.app.question(actor, mine.head.id()).await), "{role} reads");
            assert!(refused(w.app.create_question(actor, math, &q, &none()).await), "{role} writes");
            assert!(refused(w.app.set_question_status(actor, mine.head.id(), mine.head.version(), "reviewed").await), "{role} reviews");
            assert!(refused(w.app.confirm_question_import(actor, ALL_TYPES_GIFT.as_bytes(), &options(math)).await), "{role} imports");
        }
    }

    /// A bad question is refused with the field named; an image that is
    /// not an image is refused; an image is stored once however many
    /// questions show it.
    async fn bad_questions_and_images(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let mut q = choice("Q", "Pilih", "a", &["b"]);
        if let qb::Body::SingleChoice { options, .. } = &mut q.body {
            options[0].weight = qb::percent("0");
        }
        let err = w.app.create_question(&w.teacher, math, &q, &none()).await.unwrap_err();
        assert_eq!(codes(&err), ["question_invalid"]);
        assert!(err.to_string().contains("options"), "{err}");

        let png = b"\x89PNG\r\n\x1a\nfake pixels".to_vec();
        let key = qb::image_key(&png);
        let mut with_image = choice("Gambar", "Lihat gambar", "a", &["b"]);
        with_image.stem.0.push(qb::Block::Paragraph {
            inlines: vec![qb::Inline::Image { image: qb::ImageRef { key: key.clone(), alt: "x".into() } }],
        });
        let err = w.app.create_question(&w.teacher, math, &with_image, &none()).await.unwrap_err();
        assert_eq!(codes(&err), ["image_missing"]);

        let mut not_image = BTreeMap::new();
        let text = b"hello".to_vec();
        not_image.insert(qb::image_key(&text), qb::Image { name: "a.png".into(), mime: "image/png".into(), bytes: text });
        let err = w.app.create_question(&w.teacher, math, &choice("X", "Y", "a", &["b"]), &not_image).await.unwrap_err();
        assert_eq!(codes(&err), ["not_an_image"]);

        let mut images = BTreeMap::new();
        images.insert(key.clone(), qb::Image { name: "p.png".into(), mime: "image/png".into(), bytes: png });
        w.app.create_question(&w.teacher, math, &with_image, &images).await.unwrap();
        // The second question brings the same bytes: they are not stored twice.
        let mut second = with_image.clone();
        second.name = "Gambar 2".into();
        w.app.create_question(&w.teacher, math, &second, &images).await.unwrap();
        let store = store_of(&w.app).await;
        assert_eq!(store.count::<QuestionImage>().await.unwrap(), 1);
        assert_eq!(store.count::<BankQuestion>().await.unwrap(), 2);
    }

    /// The XLSX template for bulk entry (item 3): written, previewed (one
    /// question of each type, nothing stored), and a filled sheet with a
    /// bad cell named by row and column while the good rows are taken.
    async fn xlsx_template_round_trip(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let template = schooldesk_app::qbank::question_template().unwrap();
        let preview = w.app.preview_question_import(&w.teacher, &template, &options(math)).await.unwrap();
        assert_eq!(preview.format, qb::Format::Xlsx);
        assert_eq!(preview.questions.len(), 7, "{:?}", preview.problems);
        assert!(preview.problems.is_empty(), "{:?}", preview.problems);
        let store = store_of(&w.app).await;
        assert_eq!(store.count::<BankQuestion>().await.unwrap(), 0, "a preview writes nothing");
        let done = w.app.confirm_question_import(&w.teacher, &template, &options(math)).await.unwrap();
        assert_eq!(done.added.len(), 7);
        let kinds: Vec<String> = {
            let mut k = Vec::new();
            for id in &done.added {
                k.push(w.app.question(&w.teacher, *id).await.unwrap().head.data.kind);
            }
            k
        };
        assert_eq!(kinds, qb::QuestionType::ALL.map(|t| t.code().to_string()));

        let mut rows = qb::sheet::example_rows();
        rows[4][0] = "isian singkat".into();
        let bad = schooldesk_app::sheet::write_sheet(schooldesk_app::sheet::Format::Xlsx, &qb::sheet::COLUMNS, &rows).unwrap();
        let preview = w.app.preview_question_import(&w.teacher, &bad, &options(math)).await.unwrap();
        assert_eq!(preview.questions.len(), 6);
        let said: Vec<String> = preview.problems.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("row 6, column A (type): “isian singkat” is not a question type"), "{said:?}");
    }

    /// The preview writes nothing and lists what it would add, what it
    /// cannot take (by line) and the duplicates; confirming writes them
    /// all in one go; a second preview of the same file flags every
    /// question as a duplicate of the bank, a changed stem as near.
    async fn import_preview_and_confirm(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let store = store_of(&w.app).await;
        let audit_before = store.backend().count_audit().await.unwrap();

        let preview = w.app.preview_question_import(&w.teacher, BROKEN_GIFT.as_bytes(), &options(math)).await.unwrap();
        assert_eq!(preview.format, qb::Format::Gift);
        let names: Vec<&str> = preview.questions.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names, ["Good 1", "Good 2"]);
        assert!(preview.problems.len() >= 6, "{:?}", preview.problems);
        assert!(preview.problems.iter().all(|p| matches!(p.place, qb::Place::Line { .. })), "{:?}", preview.problems);
        assert!(preview.questions.iter().all(|q| q.duplicate.is_none()));
        assert_eq!(store.count::<BankQuestion>().await.unwrap(), 0, "a preview writes nothing");
        assert_eq!(store.backend().count_audit().await.unwrap(), audit_before);

        let done = w.app.confirm_question_import(&w.teacher, BROKEN_GIFT.as_bytes(), &options(math)).await.unwrap();
        assert_eq!(done.added.len(), 2);
        assert_eq!(done.problems, preview.problems);
        let first = w.app.question(&w.teacher, done.added[0]).await.unwrap();
        assert_eq!(first.head.data.grade_level, Some(7), "the import's grade level");
        assert_eq!(first.head.data.status, "draft");

        // Again: both are in the bank now. A near stem is flagged as near.
        let again = format!(
            "{BROKEN_GIFT}\n\n::Good 1b::Satu tambah satu = ? {{=2 ~3}}\n\n::Lain::Sebutkan warna langit cerah {{=biru ~merah}}\n"
        );
        let preview = w.app.preview_question_import(&w.teacher, again.as_bytes(), &options(math)).await.unwrap();
        let dup: Vec<(String, Option<(usize, bool)>)> = preview
            .questions
            .iter()
            .map(|q| (q.name.clone(), q.duplicate.as_ref().map(|d| (d.likeness, matches!(d.of, DuplicateOf::Bank { .. })))))
            .collect();
        assert_eq!(
            dup,
            [
                ("Good 1".to_string(), Some((100, true))),
                ("Good 2".to_string(), Some((100, true))),
                ("Good 1b".to_string(), Some((100, true))),
                ("Lain".to_string(), None),
            ]
        );
        // In another subject the same stems are not duplicates.
        let science = subject(&w, "IPA").await;
        let other = w.app.preview_question_import(&w.admin, again.as_bytes(), &options(science)).await.unwrap();
        assert!(other.questions.iter().take(2).all(|q| q.duplicate.is_none()));
        assert!(matches!(other.questions[2].duplicate.as_ref().map(|d| &d.of), Some(DuplicateOf::File { position: 1 })));

        // Near: 8 of 10 words in common. Far: 2 of 5.
        let kept = w.app.create_question(&w.teacher, math, &choice("Kali", "Berapakah hasil dari 12 dikali 3 pada soal ini?", "36", &["35"]), &none()).await.unwrap();
        let near = "::Dekat::Berapakah hasil dari 12 dikali 4 pada soal ini? {=48 ~35}\n\n::Jauh::Satu tambah satu sama dengan berapa? {=2 ~3}\n";
        let p = w.app.preview_question_import(&w.teacher, near.as_bytes(), &options(math)).await.unwrap();
        assert_eq!(
            p.questions[0].duplicate.as_ref().map(|d| (d.likeness, d.of.clone())),
            Some((80, DuplicateOf::Bank { id: kept.head.id(), name: "Kali".into() }))
        );
        assert!(p.questions[1].duplicate.is_none(), "{:?}", p.questions[1].duplicate);

        let skip = ImportOptions { skip_duplicates: true, ..options(math) };
        let done = w.app.confirm_question_import(&w.teacher, again.as_bytes(), &skip).await.unwrap();
        assert_eq!((done.added.len(), done.skipped), (1, 3));
        assert_eq!(store.count::<BankQuestion>().await.unwrap(), 4);
    }

    /// Moodle XML with images and a shared stimulus: stored (images by
    /// SHA-256, once), exported again in every format, and the GIFT and
    /// Moodle XML exports read back as the same questions.
    async fn import_export_round_trip(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let preview = w.app.preview_question_import(&w.admin, ALL_TYPES_XML.as_bytes(), &options(math)).await.unwrap();
        assert!(preview.new_images >= 1 && preview.stimuli >= 1, "{preview:?}");
        let done = w.app.confirm_question_import(&w.admin, ALL_TYPES_XML.as_bytes(), &options(math)).await.unwrap();
        assert_eq!(done.added.len(), preview.questions.len());
        let store = store_of(&w.app).await;
        assert_eq!(store.count::<QuestionImage>().await.unwrap(), preview.new_images as i64);
        assert_eq!(store.count::<QuestionStimulus>().await.unwrap(), preview.stimuli as i64);

        // Each format's own test file: import → export → import gives the
        // same questions.
        let gift = w.app.confirm_question_import(&w.admin, ALL_TYPES_GIFT.as_bytes(), &options(math)).await.unwrap();
        for (file, ids, format) in [
            (ALL_TYPES_XML, &done.added, ExportFormat::MoodleXml),
            (ALL_TYPES_GIFT, &gift.added, ExportFormat::Gift),
        ] {
            let (_, original) = qb::import_any(file.as_bytes());
            let out = w.app.export_questions(&w.admin, ids, format).await.unwrap();
            assert_eq!(out.count, ids.len());
            let (_, back) = qb::import_any(&out.bytes);
            assert_eq!(back.problems, vec![], "{format:?}");
            assert_eq!(back.bank.questions.len(), original.bank.questions.len(), "{format:?}");
            for (a, b) in original.bank.questions.iter().zip(&back.bank.questions) {
                assert_eq!(a.body, b.body, "{format:?}: {}", a.name);
                assert_eq!(a.stem, b.stem, "{format:?}: {}", a.name);
                assert_eq!(a.name, b.name, "{format:?}");
                assert_eq!(a.stimulus.is_some(), b.stimulus.is_some(), "{format:?}: {}", a.name);
            }
            assert_eq!(back.bank.images, original.bank.images, "{format:?}: images come back");
        }
        let qti = w.app.export_questions(&w.admin, &done.added, ExportFormat::Qti).await.unwrap();
        assert!(qti.bytes.starts_with(b"PK"));
        let aiken = w.app.export_questions(&w.admin, &done.added, ExportFormat::Aiken).await.unwrap();
        assert!(String::from_utf8(aiken.bytes).unwrap().contains("ANSWER:"));
        assert!(!aiken.notes.is_empty(), "Aiken cannot carry most types: noted");
    }

    /// Search by words and every filter. The expected answers are written
    /// once and hold on both backends: SQLite's FTS5 and PostgreSQL's
    /// tsvector find the same questions in the same order.
    async fn search_with_filters(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let science = subject(&w, "IPA").await;
        let make = |name: &str, stem: &str, grade: u8, difficulty: qb::Difficulty, tags: &[&str]| {
            let mut q = choice(name, stem, "ya", &["tidak"]);
            q.meta.grade_level = Some(grade);
            q.meta.difficulty = Some(difficulty);
            q.meta.tags = tags.iter().map(|t| t.to_string()).collect();
            q
        };
        let a = w.app.create_question(&w.admin, math, &make("A", "Luas segitiga siku-siku", 7, qb::Difficulty::Easy, &["Geometri", "UTS"]), &none()).await.unwrap();
        w.app.create_question(&w.admin, math, &make("B", "Keliling segitiga sama sisi", 8, qb::Difficulty::Hard, &["geometri"]), &none()).await.unwrap();
        w.app.create_question(&w.admin, math, &make("C", "Persamaan linear satu variabel", 7, qb::Difficulty::Medium, &["aljabar", "uts"]), &none()).await.unwrap();
        w.app.create_question(&w.admin, science, &make("D", "Segitiga warna cahaya", 7, qb::Difficulty::Easy, &["uts"]), &none()).await.unwrap();
        let mut essay = qb::Question::new("E", qb::RichText::from_plain("Jelaskan luas lingkaran"), qb::Body::Essay { rubric: vec![], grader_info: qb::RichText::empty(), response_template: String::new() });
        essay.meta.grade_level = Some(9);
        w.app.create_question(&w.admin, math, &essay, &none()).await.unwrap();
        w.app.set_question_status(&w.admin, a.head.id(), a.head.version(), "reviewed").await.unwrap();

        let s = QuestionSearch::default;
        let cases: Vec<(QuestionSearch, Vec<&str>)> = vec![
            (s(), vec!["A", "B", "C", "D", "E"]),
            (QuestionSearch { text: "segitiga".into(), ..s() }, vec!["A", "B", "D"]),
            (QuestionSearch { text: "SEGITIGA siku".into(), ..s() }, vec!["A"]),
            (QuestionSearch { text: "segi".into(), ..s() }, vec!["A", "B", "D"]),
            (QuestionSearch { text: "luas".into(), ..s() }, vec!["A", "E"]),
            (QuestionSearch { text: "lingkaran segitiga".into(), ..s() }, vec![]),
            (QuestionSearch { text: "' OR 1=1 --".into(), ..s() }, vec![]),
            (QuestionSearch { text: "\"*".into(), ..s() }, vec!["A", "B", "C", "D", "E"]),
            (QuestionSearch { text: "ya".into(), ..s() }, vec!["A", "B", "C", "D"]),
            (QuestionSearch { text: "segitiga".into(), subject_id: Some(math), ..s() }, vec!["A", "B"]),
            (QuestionSearch { grade_level: Some(7), ..s() }, vec!["A", "C", "D"]),
            (QuestionSearch { kind: Some("essay".into()), ..s() }, vec!["E"]),
            (QuestionSearch { difficulty: Some("easy".into()), ..s() }, vec!["A", "D"]),
            (QuestionSearch { tags: vec!["UTS".into()], ..s() }, vec!["A", "C", "D"]),
            (QuestionSearch { tags: vec!["uts".into(), "geometri".into()], ..s() }, vec!["A"]),
            (QuestionSearch { tags: vec!["geo".into()], ..s() }, vec![]),
            (QuestionSearch { tags: vec!["uts".into()], text: "geometri".into(), ..s() }, vec!["A"]),
            (QuestionSearch { status: Some("reviewed".into()), ..s() }, vec!["A"]),
            (QuestionSearch { status: Some("draft".into()), grade_level: Some(7), ..s() }, vec!["C", "D"]),
            (QuestionSearch { limit: Some(2), ..s() }, vec!["A", "B"]),
        ];
        for (search, expected) in cases {
            assert_eq!(ids(&w, &w.admin, search.clone()).await, expected, "{search:?}");
        }
        // Letters beyond ASCII are words on both backends; ² and ½ are not.
        w.app.create_question(&w.admin, math, &make("F", "Hitung x² + ½ untuk kelas école", 9, qb::Difficulty::Hard, &[]), &none()).await.unwrap();
        for text in ["école", "ÉCOLE", "x", "écol"] {
            assert_eq!(ids(&w, &w.admin, QuestionSearch { text: text.into(), ..s() }).await, ["F"], "{text}");
        }
        // The teacher of mathematics finds the same, without science.
        assert_eq!(ids(&w, &w.teacher, QuestionSearch { text: "segitiga".into(), ..s() }).await, ["A", "B"]);
        let err = w.app.search_questions(&w.admin, &QuestionSearch { kind: Some("quiz".into()), ..s() }).await.unwrap_err();
        assert_eq!(codes(&err), ["not_one_of"]);
    }

    /// A bank handed in whole (the benchmark's, a desktop's parsed file)
    /// is written in one transaction, or refused whole naming each place.
    async fn a_bank_is_written_whole_or_not_at_all(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let store = store_of(&w.app).await;
        let mut bank = qb::Bank::default();
        bank.stimuli.push(qb::Stimulus { id: qb::StimulusId("s1".into()), title: "Bacaan".into(), content: qb::RichText::from_plain("Ani pergi ke pasar.") });
        for i in 0..3 {
            let mut q = choice(&format!("Q{i}"), &format!("Soal nomor {i} tentang bacaan"), "ya", &["tidak"]);
            q.stimulus = Some(qb::StimulusId("s1".into()));
            bank.questions.push(q);
        }
        let mut bad = choice("Bad", "Tanpa jawaban benar", "a", &["b"]);
        if let qb::Body::SingleChoice { options, .. } = &mut bad.body {
            options[0].weight = qb::percent("0");
        }
        bank.questions.push(bad);
        let err = w.app.add_questions(&w.teacher, math, &bank).await.unwrap_err();
        assert!(err.to_string().contains("questions[4]"), "{err}");
        assert_eq!(store.count::<BankQuestion>().await.unwrap(), 0);
        assert_eq!(store.count::<QuestionStimulus>().await.unwrap(), 0);
        assert!(refused(w.app.add_questions(&w.student, math, &bank).await));

        bank.questions.pop();
        let ids = w.app.add_questions(&w.teacher, math, &bank).await.unwrap();
        assert_eq!(ids.len(), 3);
        assert_eq!(store.count::<QuestionStimulus>().await.unwrap(), 1, "one stimulus for its three questions");
        let first = w.app.question(&w.teacher, ids[0]).await.unwrap();
        let second = w.app.question(&w.teacher, ids[1]).await.unwrap();
        assert!(first.head.data.stimulus_id.is_some());
        assert_eq!(first.head.data.stimulus_id, second.head.data.stimulus_id);
        // The stimulus's words find its questions.
        let found = ids_of(&w, "pasar").await;
        assert_eq!(found.len(), 3);
    }

    /// A school with a bank copies to the other backend whole, and the
    /// copy's search index answers as the original's does.
    async fn a_bank_copies_to_the_other_backend(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let made = w.app.create_question(&w.admin, math, &choice("Q", "Luas lingkaran berjari-jari 7", "154", &["44"]), &none()).await.unwrap();
        let target = match b {
            Backend::Sqlite => DatabaseUrl::parse(&pg_support::fresh_database().await).unwrap(),
            Backend::Postgres => DatabaseUrl::Sqlite(w.dir.path().join("copy.db")),
        };
        w.app.copy_to(&w.admin, &target).await.unwrap();
        let copy = App::open(&target, false).await.unwrap();
        let search = QuestionSearch { text: "lingkaran jari".into(), ..QuestionSearch::default() };
        let found = copy.search_questions(&w.admin, &search).await.unwrap();
        assert_eq!(found.iter().map(|q| q.id()).collect::<Vec<_>>(), [made.head.id()]);
        let read = copy.question(&w.admin, made.head.id()).await.unwrap();
        assert_eq!(read.question, made.question);
        copy.close().await;
    }
}

async fn ids_of(w: &World, text: &str) -> Vec<Id> {
    w.app
        .search_questions(
            &w.admin,
            &QuestionSearch {
                text: text.into(),
                ..QuestionSearch::default()
            },
        )
        .await
        .unwrap()
        .iter()
        .map(|q| q.id())
        .collect()
}
