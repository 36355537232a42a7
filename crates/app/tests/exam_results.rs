//! Exam results and item analysis in the app (issue 13 item 7), on both
//! backends: a results file read through each student's variant back to
//! the bank's questions, scored, stored with each question's statistics;
//! bad rows named by row and column with nothing stored; the analysis
//! worked out by hand; the next fill preferring the questions that
//! worked; only printed variants taken; and the scores sent to the
//! gradebook (scaled once, never silently over grades, audited).

mod common;

use common::exam::*;
use common::*;
use schooldesk_app::exam_gradebook::ToGradebook;
use schooldesk_app::exam_results::Rules;
use schooldesk_app::gradebook::{CellInput, ComponentInput, SchemeInput};
use schooldesk_app::sheet::Format;
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_qbank as qb;
use schooldesk_qbank::variant::{AnswerKey, KeyAnswer, Variant};
use schooldesk_store::{AuditQuery, Query};
use std::collections::{BTreeMap, BTreeSet};

fn rejected(err: &AppError) -> Vec<(usize, String, &'static str)> {
    match err {
        AppError::ImportRejected(problems) => problems
            .iter()
            .map(|p| (p.row, p.column.clone(), p.code))
            .collect(),
        other => panic!("expected a rejected file, got {other:?}"),
    }
}

/// The letter variant `v` prints the right option of `qid` under, and one
/// it prints a wrong option under.
fn letters(key: &AnswerKey, qid: &str) -> (String, String) {
    let entry = &key.entries[&qb::QuestionId(qid.into())];
    let KeyAnswer::Choice { right } = &entry.answer else {
        panic!("a single-choice question")
    };
    let good = right[0].0.clone();
    let bad = ["A", "B", "C", "D"]
        .into_iter()
        .find(|l| *l != good)
        .unwrap()
        .to_string();
    (good, bad)
}

/// One CSV line: the student's NIS, the variant, and per printed number
/// the letter for right (`Some(true)`), wrong (`Some(false)`) or blank.
fn line(
    nis: &str,
    variant: &Variant,
    key: &AnswerKey,
    right_of: &dyn Fn(&str) -> Option<bool>,
) -> String {
    let mut cells = vec![nis.to_string(), variant.code.clone()];
    for item in &variant.items {
        let (good, bad) = letters(key, &item.question.0);
        cells.push(match right_of(&item.question.0) {
            Some(true) => good,
            Some(false) => bad,
            None => String::new(),
        });
    }
    cells.join(",")
}

both! {
    /// Six students of the class write variants A and B of a 4-question
    /// paper. Two questions everyone gets right (p = 1, D = 0: poor); two
    /// only the three strongest (p = 0.5, D = 1: good). The analysis is
    /// checked by hand, the statistics are stored, and a later fill of
    /// another paper that first took the two poor ones now takes the two
    /// good ones.
    async fn results_analysis_and_the_next_fill(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        let mut bank = Vec::new();
        for i in 0..4 {
            bank.push(approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await);
        }
        let mut nis = vec![("S45678".to_string(), w.own_student)];
        for i in 0..5 {
            let s = student(&format!("001000000{i}"), &format!("Siswa {i}"));
            let id = w.app.create_student(&w.admin, &s, Some(w.class_a)).await.unwrap().id();
            nis.push((s.nis.clone(), id));
        }
        let bp4 = w.app.create_blueprint(&w.teacher, math, 7, "UH", &[row("Pecahan", 4)]).await.unwrap();
        let bp2 = w.app.create_blueprint(&w.teacher, math, 7, "Kuis", &[row("Pecahan", 2)]).await.unwrap();
        // The later paper (class B), filled before any results: it takes two.
        let later = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_b, bp2.id(), 20)).await.unwrap();
        let before = w.app.fill_exam_paper(&w.teacher, later.id(), later.version(), 0).await.unwrap();
        let first_pick: BTreeSet<String> = before.view.items.iter().map(|i| i.data.question_id.to_string()).collect();
        assert_eq!(first_pick.len(), 2);

        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp4.id(), 3)).await.unwrap();
        let f = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        // Results are refused while the paper is a draft.
        let err = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, b"nis,variant\n", Rules::default(), true).await.unwrap_err();
        assert_eq!(codes(&err), ["results_paper_draft"]);
        w.app.set_exam_paper_status(&w.admin, p.id(), f.view.paper.version(), "final").await.unwrap();
        // Printed as two variants: the results name A and B.
        w.app.exam_print_job(&w.teacher, p.id(), &request(2)).await.unwrap();
        let variants = w.app.exam_variants(&w.teacher, p.id(), 2).await.unwrap();

        // The poor ones (everyone right) are the two the later paper took.
        let strong = |s: usize| s < 3;
        let mut csv = String::from("nis,variant,1,2,3,4\n");
        for (s, (number, _)) in nis.iter().enumerate() {
            let (v, key) = &variants[s % 2];
            let right_of = |qid: &str| {
                if first_pick.contains(qid) || strong(s) {
                    Some(true)
                } else if s == 5 {
                    None
                } else {
                    Some(false)
                }
            };
            csv.push_str(&line(number, v, key, &right_of));
            csv.push('\n');
        }

        // A dry run stores nothing.
        let dry = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, csv.as_bytes(), Rules::default(), true).await.unwrap();
        assert!(dry.dry_run);
        assert_eq!(dry.students.len(), 6);
        assert_eq!(codes(&w.app.exam_analysis(&w.teacher, p.id()).await.unwrap_err()), ["results_none"]);

        let report = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, csv.as_bytes(), Rules::default(), false).await.unwrap();
        let scores: Vec<String> = report.students.iter().map(|s| s.score.to_string()).collect();
        assert_eq!(scores, ["8", "8", "8", "4", "4", "4"]);
        assert_eq!(report.max_score.to_string(), "8");
        assert!(report.students.iter().all(|s| !s.replaces));

        let a = w.app.exam_analysis(&w.teacher, p.id()).await.unwrap();
        assert_eq!((a.students, a.group_size), (6, 2));
        assert!((a.mean_score - 6.0).abs() < 1e-9);
        // Items 0/2 right/wrong worth 2: KR-20 counts right answers. Σpq =
        // 0.25 + 0.25, variance of the number right (4,4,4,2,2,2) = 1:
        // 4/3 × (1 − 0.5) = 2/3; α in points (item variances 1 + 1, total
        // variance 4) the same.
        assert!((a.kr20.unwrap() - 2.0 / 3.0).abs() < 1e-9, "{:?}", a.kr20);
        assert!((a.alpha.unwrap() - 2.0 / 3.0).abs() < 1e-9, "{:?}", a.alpha);
        for qa in &a.questions {
            let poor = first_pick.contains(&qa.question_id.to_string());
            if poor {
                assert_eq!((qa.stats.p, qa.stats.d, qa.stats.point_biserial), (1.0, 0.0, None));
                assert_eq!(qa.stats.difficulty.word_id(), "mudah");
                assert_eq!(qa.stats.discrimination.word_id(), "jelek");
            } else {
                assert!((qa.stats.p - 0.5).abs() < 1e-9 && (qa.stats.d - 1.0).abs() < 1e-9, "{qa:?}");
                assert!((qa.stats.point_biserial.unwrap() - 1.0).abs() < 1e-9);
                assert_eq!(qa.stats.difficulty.word_id(), "sedang");
                assert_eq!(qa.stats.discrimination.word_id(), "baik sekali");
                // Distractors: three chose the right option (two of them
                // the upper group, none the lower); two chose the one wrong
                // letter (a bank option of its own in each variant, so one
                // or two wrong options), one left it blank.
                let (labels, table) = qa.distractors.as_ref().unwrap();
                assert_eq!(labels.len(), 4);
                assert_eq!(table.blank, 1);
                let right = table.options.iter().find(|o| o.right).unwrap();
                assert_eq!((right.chosen, right.upper, right.lower), (3, 2, 0));
                let wrong: usize = table.options.iter().filter(|o| !o.right).map(|o| o.chosen).sum();
                assert_eq!(wrong, 2);
                assert!(table.options.iter().filter(|o| !o.right && o.chosen > 0).all(|o| o.works == Some(true)));
            }
        }
        // Stored on the questions.
        let stats: Vec<Stored<QuestionStat>> = store_of(&w.app).await.list(&Query::all().eq("paper_id", p.id())).await.unwrap();
        assert_eq!(stats.len(), 4);
        assert!(stats.iter().all(|s| s.data.students == 6 && [10_000, 5_000].contains(&s.data.p_e4)));

        // The later paper, filled again: the two good ones now.
        let after = w.app.fill_exam_paper(&w.teacher, later.id(), before.view.paper.version(), 0).await.unwrap();
        let second_pick: BTreeSet<String> = after.view.items.iter().map(|i| i.data.question_id.to_string()).collect();
        assert!(second_pick.is_disjoint(&first_pick), "{second_pick:?} vs {first_pick:?}");

        // Importing again replaces; negative marking costs a wrong answer
        // P ÷ (options − 1) = 2/3 → 0.67 each, the statistics stay.
        let again = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, csv.as_bytes(), Rules { negative_marking: true }, false).await.unwrap();
        let scores: Vec<String> = again.students.iter().map(|s| s.score.to_string()).collect();
        assert_eq!(scores, ["8", "8", "8", "2.66", "2.66", "4"]);
        assert!(again.students.iter().all(|s| s.replaces));
        let stored: Vec<Stored<ExamResult>> = store_of(&w.app).await.list(&Query::all().eq("paper_id", p.id())).await.unwrap();
        assert_eq!(stored.len(), 6);
        let a2 = w.app.exam_analysis(&w.teacher, p.id()).await.unwrap();
        assert_eq!(a2.questions.iter().map(|q| q.stats.p).collect::<Vec<_>>(), a.questions.iter().map(|q| q.stats.p).collect::<Vec<_>>());
        // The answers are stored by the bank's question ids.
        let answers: BTreeMap<String, serde_json::Value> = serde_json::from_str(&stored[0].data.answers).unwrap();
        let keys: BTreeSet<String> = answers.keys().cloned().collect();
        let expected: BTreeSet<String> = bank.iter().map(|i| i.to_string()).collect();
        assert_eq!(keys, expected);
    }

    /// A student not in the class, an unknown variant, an answer out of
    /// range, a missing column: each named by row and column, nothing
    /// stored. Other roles may not enter results.
    async fn bad_results_are_named_and_nothing_is_stored(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        for i in 0..3 {
            approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await;
        }
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "UH", &[row("Pecahan", 3)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let f = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        w.app.set_exam_paper_status(&w.admin, p.id(), f.view.paper.version(), "final").await.unwrap();

        // Before any print, no variant can have been written.
        let err = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, b"nis,variant,1,2,3\nS45678,A,A,B,C\n", Rules::default(), true).await.unwrap_err();
        assert_eq!(rejected(&err), [(2, "B (variant)".to_string(), "results_paper_not_printed")]);
        // Printed as A and B (then reprinted as A only: still A and B).
        w.app.exam_print_job(&w.teacher, p.id(), &request(2)).await.unwrap();
        w.app.exam_print_job(&w.admin, p.id(), &request(1)).await.unwrap();
        // C is a variant the seed could make but was never printed.
        let err = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, b"nis,variant,1,2,3\nS45678,c,A,B,C\n", Rules::default(), true).await.unwrap_err();
        assert_eq!(rejected(&err), [(2, "B (variant)".to_string(), "results_variant_not_printed")]);
        assert!(err.to_string().contains("variant “C” was never printed for this paper (printed: A to B)"), "{err}");
        let ok = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, b"nis,variant,1,2,3\nS45678,b,A,B,C\n", Rules::default(), true).await.unwrap();
        assert_eq!(ok.students[0].variant, "B");

        // Budi (S54321) is in class B; ZZ was never a variant; F is not an
        // option of a four-option question; AB is two letters.
        let csv = "nis,variant,1,2,3\nS45678,A,A,B,C\nS54321,A,A,B,C\nS45678,ZZ,A,B,C\n";
        let err = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, csv.as_bytes(), Rules::default(), false).await.unwrap_err();
        assert_eq!(rejected(&err), [
            (3, "A (nis)".to_string(), "results_student_not_in_class"),
            (4, "A (nis)".to_string(), "results_student_twice"),
            (4, "B (variant)".to_string(), "results_unknown_variant"),
        ]);
        let csv = "nis,variant,1,2,3\nS45678,a,F,ab,\n";
        let err = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, csv.as_bytes(), Rules::default(), false).await.unwrap_err();
        assert_eq!(rejected(&err), [
            (2, "C (1)".to_string(), "results_bad_answer"),
            (2, "D (2)".to_string(), "results_bad_answer"),
        ]);
        assert!(err.to_string().contains("F is not one of the letters A–D"), "{err}");
        let err = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, b"nis,variant,1,2,x\n", Rules::default(), false).await.unwrap_err();
        assert_eq!(rejected(&err), [
            (1, "E (x)".to_string(), "results_unknown_column"),
            (1, "3".to_string(), "results_missing_column"),
        ]);
        let stored: Vec<Stored<ExamResult>> = store_of(&w.app).await.list(&Query::all().eq("paper_id", p.id())).await.unwrap();
        assert!(stored.is_empty(), "nothing stored");
        let stats: Vec<Stored<QuestionStat>> = store_of(&w.app).await.list(&Query::all()).await.unwrap();
        assert!(stats.is_empty());

        // The same good file as XLSX is taken.
        let book = schooldesk_app::sheet::write_sheet(Format::Xlsx, &["nis", "variant", "1", "2", "3"], &[vec!["S45678".into(), "A".into(), "A".into(), "".into(), "C".into()]]).unwrap();
        let ok = w.app.import_exam_results(&w.teacher, p.id(), Format::Xlsx, &book, Rules::default(), false).await.unwrap();
        assert_eq!(ok.students.len(), 1);

        for actor in [&w.homeroom, &w.bursar, &w.student, &w.parent] {
            let r = w.app.import_exam_results(actor, p.id(), Format::Csv, b"nis,variant,1,2,3\n", Rules::default(), true).await;
            assert!(refused(r));
            assert!(refused(w.app.exam_analysis(actor, p.id()).await));
        }
    }

    /// A marked paper's scores go to the gradebook as one column of the
    /// class under a component of the subject's scheme, scaled to 0–100
    /// with one rounding step (6, 4 and 2 of 6 points: 100, 66.67,
    /// 33.33); sending again over those scores is refused (nothing
    /// changes) unless replace; the send is audited; the office may send
    /// too; other roles, and a component of another subject, are refused.
    async fn scores_go_to_the_gradebook(b: Backend) {
        let w = world(b).await;
        let math = subject(&w, "MTK").await;
        for i in 0..3 {
            approved(&w, math, &plain(&format!("P{i}"), "Pecahan")).await;
        }
        let mut nis = vec![("S45678".to_string(), w.own_student)];
        for i in 0..2 {
            let s = student(&format!("002000000{i}"), &format!("Murid {i}"));
            let id = w.app.create_student(&w.admin, &s, Some(w.class_a)).await.unwrap().id();
            nis.push((s.nis.clone(), id));
        }
        let bp = w.app.create_blueprint(&w.teacher, math, 7, "UH", &[row("Pecahan", 3)]).await.unwrap();
        let p = w.app.create_exam_paper(&w.teacher, &paper(math, w.class_a, bp.id(), 3)).await.unwrap();
        let f = w.app.fill_exam_paper(&w.teacher, p.id(), p.version(), 3).await.unwrap();
        w.app.set_exam_paper_status(&w.admin, p.id(), f.view.paper.version(), "final").await.unwrap();
        w.app.exam_print_job(&w.teacher, p.id(), &request(1)).await.unwrap();
        let variants = w.app.exam_variants(&w.teacher, p.id(), 1).await.unwrap();
        let (v, key) = &variants[0];
        let order: Vec<String> = v.items.iter().map(|i| i.question.0.clone()).collect();
        let mut csv = String::from("nis,variant,1,2,3\n");
        for (s, (number, _)) in nis.iter().enumerate() {
            // Student s gets the first 3 − s questions right: 6, 4, 2 points.
            let right_of = |qid: &str| Some(order.iter().position(|x| x == qid).unwrap() < 3 - s);
            csv.push_str(&line(number, v, key, &right_of));
            csv.push('\n');
        }
        let report = w.app.import_exam_results(&w.teacher, p.id(), Format::Csv, csv.as_bytes(), Rules::default(), false).await.unwrap();
        assert_eq!(report.max_score.to_string(), "6");

        let term = w.app.list::<Term>(&w.admin, &Query::all().eq("academic_year_id", w.year).order("number")).await.unwrap()[0].id();
        let component = |name: &str, kind: &str, weight: &str| ComponentInput { id: None, name: name.into(), kind: kind.into(), weight: weight.into() };
        let scheme = |components| SchemeInput { kkm: "75".into(), rounding_places: 0, rounding_mode: "half_up".into(), bands: Vec::new(), components };
        let view = w.app.scheme_save(&w.teacher, math, term, &scheme(vec![component("Formatif", "formative", "60"), component("PTS", "mid_term", "40")])).await.unwrap();
        let (formative, pts) = (view.components[0].id, view.components[1].id);
        let slots = w.app.exam_gradebook_slots(&w.teacher, p.id()).await.unwrap();
        assert_eq!(slots.iter().map(|s| s.component.as_str()).collect::<Vec<_>>(), ["Formatif", "PTS"]);
        assert!(slots.iter().all(|s| s.term_id == term));

        let to = ToGradebook { component_id: pts, column: String::new(), replace: false };
        for actor in [&w.homeroom, &w.bursar, &w.student, &w.parent] {
            assert!(refused(w.app.send_exam_scores(actor, p.id(), &to).await));
            assert!(refused(w.app.exam_gradebook_slots(actor, p.id()).await));
        }
        let sent = w.app.send_exam_scores(&w.teacher, p.id(), &to).await.unwrap();
        assert!(sent.created);
        assert_eq!((sent.column.as_str(), sent.max_score.as_str()), ("Ulangan 3", "6"));
        let grade_of = |id: Id| sent.students.iter().find(|s| s.student_id == id).unwrap().grade.to_string();
        assert_eq!([grade_of(nis[0].1), grade_of(nis[1].1), grade_of(nis[2].1)], ["100", "66.67", "33.33"]);

        // The gradebook shows the column under PTS with those scores.
        let gb = w.app.gradebook_open(&w.teacher, w.class_a, math, term).await.unwrap();
        let column = gb.columns.iter().find(|c| c.name == "Ulangan 3").unwrap();
        assert_eq!(column.component_id, pts);
        let mut in_column: Vec<i64> = gb.scores.iter().filter(|s| s.assessment_id == column.id).map(|s| s.score.hundredths()).collect();
        in_column.sort();
        assert_eq!(in_column, [3333, 6667, 10000]);

        // A teacher's own change of a cell is never silently overwritten.
        w.app.gradebook_save(&w.teacher, w.class_a, math, term, &[CellInput { assessment_id: column.id, student_id: w.own_student, text: "50".into() }]).await.unwrap();
        let err = w.app.send_exam_scores(&w.teacher, p.id(), &to).await.unwrap_err();
        assert_eq!(codes(&err), ["gradebook_scores_exist"]);
        assert!(err.to_string().contains("already has scores for 3 student(s)") && err.to_string().contains("nothing was sent"), "{err}");
        let gb = w.app.gradebook_open(&w.teacher, w.class_a, math, term).await.unwrap();
        let own = gb.scores.iter().find(|s| s.assessment_id == column.id && s.student_id == w.own_student).unwrap();
        assert_eq!(own.score.hundredths(), 5000, "nothing changed");
        let again = w.app.send_exam_scores(&w.teacher, p.id(), &ToGradebook { replace: true, ..to.clone() }).await.unwrap();
        assert!(!again.created && again.assessment_id == sent.assessment_id);
        assert!(again.students.iter().all(|s| s.replaced));
        let gb = w.app.gradebook_open(&w.teacher, w.class_a, math, term).await.unwrap();
        let own = gb.scores.iter().find(|s| s.assessment_id == column.id && s.student_id == w.own_student).unwrap();
        assert_eq!(own.score.hundredths(), 10000);
        assert_eq!(gb.columns.iter().filter(|c| c.name == "Ulangan 3").count(), 1, "the same column");

        // Audited: the send on the paper, each score on its own.
        let events = w.app.audit_trail(&w.admin, &AuditQuery { table_name: Some("exam_papers".into()), record_id: Some(p.id()), limit: 100, ..AuditQuery::default() }).await.unwrap();
        assert_eq!(events.iter().filter(|e| e.action == "exam_scores_sent").count(), 2);
        let scores = w.app.audit_trail(&w.admin, &AuditQuery { table_name: Some("scores".into()), limit: 100, ..AuditQuery::default() }).await.unwrap();
        assert!(scores.iter().filter(|e| e.action == "create").count() >= 3);

        // The curriculum office may send too; another subject's component is refused.
        let office = w.app.send_exam_scores(&w.admin, p.id(), &ToGradebook { component_id: formative, column: "Kuis dari naskah".into(), replace: false }).await.unwrap();
        assert!(office.created && office.students.len() == 3);
        let ipa = science(&w).await;
        let other = w.app.scheme_save(&w.admin, ipa, term, &scheme(vec![component("Sumatif", "end_of_term", "100")])).await.unwrap();
        let err = w.app.send_exam_scores(&w.admin, p.id(), &ToGradebook { component_id: other.components[0].id, column: String::new(), replace: false }).await.unwrap_err();
        assert_eq!(codes(&err), ["component_other_subject"]);
    }
}
