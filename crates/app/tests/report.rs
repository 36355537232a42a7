#![allow(clippy::inconsistent_digit_grouping)]
//! Report cards and the ledger gathered from the records, per role, on both
//! backends (issue 12, items 7, 8 and 9): what a card says (grades, the
//! description made from the ticks, absences, notes, the parent), that a
//! missing grade stops the job naming the student and subject instead of
//! printing a blank, drafts until approval, who may print which cards.

mod common;

use common::*;
use schooldesk_app::attendance::DayMark;
use schooldesk_app::descriptions::{ObjectiveInput, TermReportInput};
use schooldesk_app::gradebook::*;
use schooldesk_app::report::*;
use schooldesk_app::sample::SampleSize;
use schooldesk_core::attendance::Status;
use schooldesk_core::descriptions::{Lang, Tick};
use schooldesk_core::*;
use schooldesk_store::Query;

struct Setup {
    term: Id,
    math_column: Id,
    objectives: Vec<Id>,
}

fn options(allow_incomplete: bool) -> CardOptions {
    CardOptions {
        language: Lang::Id,
        place: "Bandung".into(),
        date: date(2025, 12, 19),
        allow_incomplete,
    }
}

/// Matematika (taught in VII-A) gets a one-column scheme and two learning
/// objectives; a religion subject for Islam and one for Kristen are taught
/// in VII-A too.
async fn setup(w: &World) -> Setup {
    let app = &w.app;
    let term = app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap()
        .remove(0);
    let math = app
        .list::<Subject>(&w.admin, &Query::all().eq("code", "MTK"))
        .await
        .unwrap()
        .remove(0)
        .id();
    let saved = app
        .scheme_save(
            &w.admin,
            math,
            term.id(),
            &SchemeInput {
                kkm: "75".into(),
                rounding_places: 0,
                rounding_mode: "half_up".into(),
                bands: Vec::new(),
                components: vec![ComponentInput {
                    id: None,
                    name: "PAS".into(),
                    kind: "end_of_term".into(),
                    weight: "100".into(),
                }],
            },
        )
        .await
        .unwrap();
    let math_column = app
        .assessment_add(&w.admin, w.class_a, saved.components[0].id, "PAS")
        .await
        .unwrap()
        .id;
    let mut objectives = Vec::new();
    for (code, text) in [
        ("TP 1", "Operasi bilangan bulat"),
        ("TP 2", "Perbandingan senilai"),
    ] {
        objectives.push(
            app.objective_add(
                &w.admin,
                math,
                term.id(),
                &ObjectiveInput {
                    code: code.into(),
                    text_id: text.into(),
                    text_en: None,
                },
            )
            .await
            .unwrap()
            .id(),
        );
    }
    Setup {
        term: term.id(),
        math_column,
        objectives,
    }
}

fn rows(card: &schooldesk_documents::ReportCard) -> Vec<(String, String)> {
    card.groups
        .iter()
        .flat_map(|g| g.rows.iter().map(|r| (r.subject.clone(), r.grade.clone())))
        .collect()
}

both! {
    /// A missing grade stops the whole job, naming the student and the
    /// subject; asked for a preview it prints "belum lengkap", never a
    /// blank. Once scored, the card carries the grade, the sentence made
    /// from the ticks, the absences, the homeroom note and the parent,
    /// and stays a draft until the class's grades are approved.
    async fn a_card_says_what_was_entered_and_never_a_blank(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let scope = CardScope::Class(w.class_a);

        let refused = app.report_cards(&w.admin, s.term, &scope, &options(false)).await.unwrap_err();
        let text = refused.to_string();
        assert!(text.contains("Andi Pratama") && text.contains("Matematika"), "{text}");
        let preview = app.report_cards(&w.admin, s.term, &scope, &options(true)).await.unwrap();
        assert_eq!(rows(&preview[0].card), vec![("Matematika".to_string(), "belum lengkap".to_string())]);

        app.gradebook_save(
            &w.admin,
            w.class_a,
            app.list::<Subject>(&w.admin, &Query::all().eq("code", "MTK")).await.unwrap()[0].id(),
            s.term,
            &[CellInput { assessment_id: s.math_column, student_id: w.own_student, text: "84,5".into() }],
        )
        .await
        .unwrap();
        app.description_tick(&w.admin, w.class_a, w.own_student, s.objectives[0], Some(Tick::Mastered)).await.unwrap();
        app.description_tick(&w.admin, w.class_a, w.own_student, s.objectives[1], Some(Tick::NeedsWork)).await.unwrap();
        let day = app.today();
        app.mark_attendance(
            &w.admin,
            w.class_a,
            day,
            &[DayMark { student_id: w.own_student, status: Some(Status::Sick), note: None }],
        )
        .await
        .unwrap();
        app.term_report_save(
            &w.admin,
            w.class_a,
            s.term,
            w.own_student,
            &TermReportInput { homeroom_note: Some("Pertahankan semangat belajarmu.".into()), ..Default::default() },
        )
        .await
        .unwrap();

        let cards = app.report_cards(&w.admin, s.term, &scope, &options(false)).await.unwrap();
        assert_eq!(cards.len(), 1, "VII-A has one student");
        let card = &cards[0].card;
        assert_eq!(cards[0].file_stem, "VII-A - Andi Pratama - S45678");
        assert_eq!(rows(card), vec![("Matematika".to_string(), "85".to_string())], "84.5 rounds half up once");
        let description = &card.groups[0].rows[0].description;
        assert!(description.contains("operasi bilangan bulat") && description.contains("perbandingan senilai"), "{description}");
        assert_eq!(card.absences.sick, 1);
        assert_eq!(card.absences.unexcused, 0);
        assert_eq!(card.homeroom_note, "Pertahankan semangat belajarmu.");
        assert_eq!(card.signatures.parent, "Ibu Andi");
        assert_eq!(card.signatures.homeroom.name, "Bu Wali");
        assert_eq!(card.student.phase, "D");
        assert_eq!(card.student.semester, "1 (Ganjil)");
        assert_eq!(card.school.place, "Bandung");
        assert_eq!(card.school.date, "19 Desember 2025");
        assert!(card.draft, "not approved yet");
        assert!(card.verify_qr.as_deref().is_some_and(|q| q.contains(&card.student.nisn)));

        app.signoff_set(&w.homeroom, w.class_a, s.term, SignoffStatus::Submitted).await.unwrap();
        app.signoff_set(&w.admin, w.class_a, s.term, SignoffStatus::Approved).await.unwrap();
        let cards = app.report_cards(&w.admin, s.term, &scope, &options(false)).await.unwrap();
        assert!(!cards[0].card.draft, "approved cards carry no watermark");
    }

    /// Religion (issue 12, item 7): a card shows the student's own
    /// religion subject only (the subject's name names the religion); a
    /// student whose religion the class does not teach gets that row
    /// marked incomplete and the job is stopped, naming it. A religion
    /// subject whose name names no religion is everybody's (a school's one
    /// "Pendidikan Agama dan Budi Pekerti"); English names name religions
    /// too.
    async fn a_card_shows_only_the_student_s_own_religion(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let teacher_id = app.list::<TeachingAssignment>(&w.admin, &Query::all()).await.unwrap()[0].data.teacher_id;
        for (code, name) in [
            ("PAI", "Pendidikan Agama Islam dan Budi Pekerti"),
            ("PAK", "Pendidikan Agama Kristen dan Budi Pekerti"),
        ] {
            let subject = Subject { code: code.into(), name: name.into(), group_name: "A".into(), religion_specific: true };
            let id = app.create(&w.admin, &subject).await.unwrap().id();
            let taught = TeachingAssignment { teacher_id, subject_id: id, class_id: w.class_a, periods_per_week: 3 };
            app.create(&w.admin, &taught).await.unwrap();
        }
        let citra = Student { religion: "Katolik".into(), ..student("0011111111", "Citra Lestari") };
        let citra = app.create_student(&w.admin, &citra, Some(w.class_a)).await.unwrap().id();

        let cards = app.report_cards(&w.admin, s.term, &CardScope::Class(w.class_a), &options(true)).await.unwrap();
        let rows_of = |name: &str| rows(&cards.iter().find(|c| c.card.student.name == name).unwrap().card);
        let owned = |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            rows_of("Andi Pratama"),
            owned(&[("Matematika", "belum lengkap"), ("Pendidikan Agama Islam dan Budi Pekerti", "belum lengkap")]),
            "Islam only, and its missing grade is said, not left blank"
        );
        assert_eq!(
            rows_of("Citra Lestari"),
            owned(&[("Pendidikan Agama Katolik", "belum lengkap"), ("Matematika", "belum lengkap")]),
        );

        let e = app.report_cards(&w.admin, s.term, &CardScope::Student(citra), &options(false)).await.unwrap_err();
        let text = e.to_string();
        assert_eq!(e.message().code, "cards_incomplete");
        assert!(text.contains("teaches no religion subject for Katolik"), "{text}");
        let e = app.report_cards(&w.admin, s.term, &CardScope::Student(w.own_student), &options(false)).await.unwrap_err();
        let text = e.to_string();
        assert!(text.contains("Pendidikan Agama Islam"), "{text}");
        assert!(!text.contains("Kristen") && !text.contains("no religion subject"), "{text}");

        // Class B teaches one religion subject for everybody, and one named
        // in English: a Hindu student gets the first, not the second.
        for (code, name) in [("PAG", "Pendidikan Agama dan Budi Pekerti"), ("CRE", "Christian Religious Education")] {
            let subject = Subject { code: code.into(), name: name.into(), group_name: "A".into(), religion_specific: true };
            let id = app.create(&w.admin, &subject).await.unwrap().id();
            let taught = TeachingAssignment { teacher_id, subject_id: id, class_id: w.class_b, periods_per_week: 3 };
            app.create(&w.admin, &taught).await.unwrap();
        }
        let dewa = Student { religion: "Hindu".into(), ..student("0022222222", "Dewa Putra") };
        app.create_student(&w.admin, &dewa, Some(w.class_b)).await.unwrap();
        let cards = app.report_cards(&w.admin, s.term, &CardScope::Class(w.class_b), &options(true)).await.unwrap();
        let dewa_rows = rows(&cards.iter().find(|c| c.card.student.name == "Dewa Putra").unwrap().card);
        let subjects: Vec<&str> = dewa_rows.iter().map(|(subject, _)| subject.as_str()).collect();
        assert!(subjects.contains(&"Pendidikan Agama dan Budi Pekerti"), "{subjects:?}");
        assert!(!subjects.iter().any(|s| s.contains("Christian") || s.contains("Hindu")), "{subjects:?}");
    }

    /// A student who moved class within the semester gets one card, from
    /// the class they moved to, in a whole-school job, and none from the
    /// class they left.
    async fn a_student_who_moved_class_mid_term_gets_one_card(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        app.move_student(&w.admin, w.own_student, w.class_b, Some(date(2025, 10, 1))).await.unwrap();

        let cards = app.report_cards(&w.admin, s.term, &CardScope::All, &options(true)).await.unwrap();
        let andi: Vec<&str> = cards
            .iter()
            .filter(|c| c.card.student.name == "Andi Pratama")
            .map(|c| c.card.student.class.as_str())
            .collect();
        assert_eq!(andi, ["VII-B"], "one card, from the class enrolled last");
        let e = app.report_cards(&w.admin, s.term, &CardScope::Class(w.class_a), &options(true)).await.unwrap_err();
        assert_eq!(e.message().code, "no_cards", "{e}");
        let mine = app.report_cards(&w.admin, s.term, &CardScope::Student(w.own_student), &options(true)).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].card.student.class, "VII-B");
        // The ledgers follow the cards: the class enrolled last lists them.
        for (class, listed) in [(w.class_a, false), (w.class_b, true)] {
            let ledger = app.class_ledger(&w.admin, s.term, class, Lang::Id).await.unwrap();
            let on = ledger.rows.iter().any(|r| r.name == "Andi Pratama");
            assert_eq!(on, listed, "only the class they joined lists them: {}", ledger.class);
        }
    }

    /// A card's QR code checks against the records (issue 12, item 7):
    /// the card as printed matches, in either language; after a grade
    /// changes it no longer does; a code that is not a card's, or another
    /// school's, is named; a subject teacher, who prints no card, checks
    /// none.
    async fn a_card_code_is_checked_against_the_records(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let math = app.list::<Subject>(&w.admin, &Query::all().eq("code", "MTK")).await.unwrap()[0].id();
        let score = |text: &'static str| CellInput { assessment_id: s.math_column, student_id: w.own_student, text: text.into() };
        app.gradebook_save(&w.admin, w.class_a, math, s.term, &[score("80")]).await.unwrap();
        let mine = CardScope::Student(w.own_student);
        let card = app.report_cards(&w.admin, s.term, &mine, &options(true)).await.unwrap().remove(0).card;
        let code = card.verify_qr.clone().unwrap();
        let english = CardOptions { language: Lang::En, ..options(true) };
        let english = app.report_cards(&w.admin, s.term, &mine, &english).await.unwrap().remove(0).card.verify_qr.unwrap();

        for code in [&code, &english] {
            let check = app.verify_card(&w.admin, &format!(" {code}\n")).await.unwrap();
            assert!(check.matches, "{check:?}");
            assert_eq!((check.student.as_str(), check.class.as_str(), check.term.as_str()), ("Andi Pratama", "VII-A", "Semester 1"));
            assert!(!check.approved);
        }
        let e = app.verify_card(&w.teacher, &code).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden", "{e}");

        app.gradebook_save(&w.admin, w.class_a, math, s.term, &[score("90")]).await.unwrap();
        let check = app.verify_card(&w.homeroom, &code).await.unwrap();
        assert!(!check.matches, "the grade changed since printing");
        assert_eq!(check.student, "Andi Pratama");

        let field_code = |e: &schooldesk_app::AppError| e.field_errors().first().map(|f| f.msg.code);
        for bad in ["", "hello", "SCHOOLDESK-RAPOR|1|2|3", &code.replace("SCHOOLDESK", "X")] {
            let e = app.verify_card(&w.admin, bad).await.unwrap_err();
            assert_eq!(field_code(&e), Some("card_code_invalid"), "{bad:?}: {e}");
        }
        let mut parts: Vec<&str> = code.split('|').collect();
        parts[1] = "99999999";
        let e = app.verify_card(&w.admin, &parts.join("|")).await.unwrap_err();
        assert_eq!(field_code(&e), Some("card_other_school"), "{e}");
    }

    /// Who prints what: the administrator any class; the homeroom teacher
    /// their own class only; a subject teacher no class; a parent their own
    /// child's card once it is published, and no other child's.
    async fn who_may_print_which_cards(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let own = CardScope::Class(w.class_a);
        let other = CardScope::Class(w.class_b);
        let o = options(true);

        assert!(app.report_cards(&w.homeroom, s.term, &own, &o).await.is_ok());
        let e = app.report_cards(&w.homeroom, s.term, &other, &o).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden");
        let e = app.report_cards(&w.teacher, s.term, &own, &o).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden");
        let e = app.class_ledger(&w.teacher, s.term, w.class_a, Lang::Id).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden");

        let mine = CardScope::Student(w.own_student);
        // A subject teacher of the class reads results but prints no card,
        // not even one student's.
        let e = app.report_cards(&w.teacher, s.term, &mine, &o).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden");
        let e = app.report_cards(&w.parent, s.term, &mine, &o).await.unwrap_err();
        assert_eq!(e.message().code, "card_not_published", "{e}");
        let e = app.report_cards(&w.parent, s.term, &CardScope::Student(w.other_student), &o).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden");
        let e = app.report_cards(&w.parent, s.term, &own, &o).await.unwrap_err();
        assert_eq!(e.kind(), "forbidden", "a parent prints no class");

        app.signoff_set(&w.homeroom, w.class_a, s.term, SignoffStatus::Submitted).await.unwrap();
        app.signoff_set(&w.admin, w.class_a, s.term, SignoffStatus::Approved).await.unwrap();
        let cards = app.report_cards(&w.parent, s.term, &mine, &o).await.unwrap();
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].card.student.name, "Andi Pratama");
        let cards = app.report_cards(&w.student, s.term, &mine, &o).await.unwrap();
        assert_eq!(cards[0].card.student.name, "Andi Pratama");
    }

    /// The ledger: every student of the class with their grades, total,
    /// average (two places, half up) and rank; equal totals share a rank.
    async fn the_ledger_ranks_with_ties(b: Backend) {
        let w = world(b).await;
        let s = setup(&w).await;
        let app = &w.app;
        let math = app.list::<Subject>(&w.admin, &Query::all().eq("code", "MTK")).await.unwrap()[0].id();
        let mut ids = vec![w.own_student];
        for (nisn, name) in [("0011111111", "Citra Lestari"), ("0022222222", "Dewi Anggraini")] {
            ids.push(app.create_student(&w.admin, &student(nisn, name), Some(w.class_a)).await.unwrap().id());
        }
        let cells: Vec<CellInput> = ids
            .iter()
            .zip(["80", "90", "80"])
            .map(|(id, text)| CellInput { assessment_id: s.math_column, student_id: *id, text: text.into() })
            .collect();
        app.gradebook_save(&w.admin, w.class_a, math, s.term, &cells).await.unwrap();

        let ledger = app.class_ledger(&w.homeroom, s.term, w.class_a, Lang::Id).await.unwrap();
        assert_eq!(ledger.subjects, vec!["MTK"]);
        let got: Vec<(&str, &str, &str, &str)> = ledger
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.grades[0].as_str(), r.average.as_str(), r.rank.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Citra Lestari", "90", "90.00", "1"),
                ("Andi Pratama", "80", "80.00", "2"),
                ("Dewi Anggraini", "80", "80.00", "2"),
            ]
        );
        assert!(ledger.draft);
    }
}

both! {
    /// `schooldesk demo` and the wizard's sample: the first class of each
    /// grade prints its cards without a missing grade (the strict job, not
    /// the preview), with a description in every subject, the same on
    /// every run; a class without scores is refused, naming what is missing.
    async fn the_sample_school_prints_complete_cards(b: Backend) {
        let size = SampleSize { students: 60, classes_per_grade: 2, teachers: 14, ..SampleSize::default() };
        let mut runs = Vec::new();
        for _ in 0..2 {
            let (app, _clock, _dir) = empty_app(b).await;
            let created = app.create_sample_school(size).await.unwrap();
            let admin = &created.logins[0];
            let actor = app.login(&admin.login, &admin.password).await.unwrap().actor;
            let today = app.today();
            let terms = app.list::<Term>(&actor, &Query::all().order("number")).await.unwrap();
            let term = terms
                .iter()
                .find(|t| t.data.start_date <= today && today <= t.data.end_date)
                .unwrap_or(&terms[0]);
            let first = app.class_by_name(&actor, term, "VII A").await.unwrap();
            let cards = app
                .report_cards(&actor, term.id(), &CardScope::Class(first.id()), &options(false))
                .await
                .unwrap();
            assert!(!cards.is_empty());
            for c in &cards {
                let rows = rows(&c.card);
                // 12 subjects: of religion, the student's own only.
                assert_eq!(rows.len(), 12, "{}: {rows:?}", c.file_stem);
                let religion = rows.iter().filter(|(s, _)| s.starts_with("Pendidikan Agama")).count();
                assert_eq!(religion, 1, "{rows:?}");
                assert!(rows.iter().all(|(_, g)| g.parse::<u32>().is_ok_and(|g| (55..=100).contains(&g))), "{rows:?}");
                assert!(c.card.groups.iter().flat_map(|g| &g.rows).all(|r| !r.description.is_empty()), "{:?}", c.card.groups);
                assert!(!c.card.homeroom_note.is_empty());
                assert_eq!(c.card.extracurriculars.len(), 1);
            }
            let second = app.class_by_name(&actor, term, "VII B").await.unwrap();
            let e = app
                .report_cards(&actor, term.id(), &CardScope::Class(second.id()), &options(false))
                .await
                .unwrap_err();
            assert_eq!(e.message().code, "cards_incomplete");
            runs.push(cards.iter().map(|c| (c.file_stem.clone(), rows(&c.card), c.card.absences)).collect::<Vec<_>>());
        }
        assert_eq!(runs[0], runs[1], "the same sample on every run");
    }
}

#[test]
fn card_wording() {
    assert_eq!(roman(7), "VII");
    assert_eq!(roman(9), "IX");
    assert_eq!(roman(12), "XII");
    assert_eq!(phase(1), "A");
    assert_eq!(phase(6), "C");
    assert_eq!(phase(9), "D");
    assert_eq!(phase(10), "E");
    assert_eq!(phase(12), "F");
    assert_eq!(long_date(date(2026, 12, 20), Lang::Id), "20 Desember 2026");
    assert_eq!(long_date(date(2026, 5, 1), Lang::En), "1 May 2026");
    assert_eq!(average_text(0, 0), "–");
    // 255 / 3 = 85 exactly; 250 / 3 = 83.333… → 83.33; 251/3 → 83.67 (half up).
    assert_eq!(average_text(255_00, 3), "85.00");
    assert_eq!(average_text(250_00, 3), "83.33");
    assert_eq!(average_text(251_00, 3), "83.67");
    assert_eq!(average_text(1, 2), "0.01", "0.005 rounds half up");
    assert_eq!(
        safe_file_name("Rapor - VII/A - 2026/2027"),
        "Rapor - VII-A - 2026-2027"
    );
    assert_eq!(
        file_stem("VII A", "Budi: \"Santoso\"", "2026001"),
        "VII A - Budi_ _Santoso_ - 2026001"
    );
}
