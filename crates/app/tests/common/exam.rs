//! Set-up shared by the exam tests (`exam`, `exam_results`): questions,
//! blueprints, papers and the checks on what an error says.

use super::World;
use schooldesk_app::exam::{NewPaper, PrintRequest, Section};
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_documents::exam::SheetArea;
use schooldesk_documents::Language;
use schooldesk_qbank as qb;
use schooldesk_qbank::assemble::BlueprintRow;
use schooldesk_store::Query;
use std::collections::BTreeMap;

/// A student's or parent's answer for a paper they may not see: not found,
/// as if it did not exist.
pub fn hidden<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    match result {
        Err(e) if e.kind() == "not_found" => true,
        Ok(_) => false,
        Err(other) => panic!("expected not found, got {other:?}"),
    }
}

pub fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    match result {
        Err(AppError::NotAllowed(_)) => true,
        Ok(_) => false,
        Err(other) => panic!("expected a permission answer, got {other:?}"),
    }
}

pub fn codes(err: &AppError) -> Vec<&'static str> {
    err.field_errors().iter().map(|f| f.msg.code).collect()
}

pub fn choice(name: &str, topic: &str, stem: qb::RichText) -> qb::Question {
    let option = |text: &str, weight: &str| qb::ChoiceOption {
        text: qb::RichText::from_plain(text),
        weight: qb::percent(weight),
        feedback: qb::RichText::empty(),
        pinned: false,
    };
    let mut q = qb::Question::new(
        name,
        stem,
        qb::Body::SingleChoice {
            options: vec![
                option("benar", "100"),
                option("salah 1", "0"),
                option("salah 2", "0"),
                option("salah 3", "0"),
            ],
            shuffle: true,
        },
    );
    q.meta.topic = Some(topic.into());
    q.meta.grade_level = Some(7);
    q
}

pub fn plain(name: &str, topic: &str) -> qb::Question {
    choice(
        name,
        topic,
        qb::RichText::from_plain(&format!("Soal {name} tentang {topic}?")),
    )
}

pub async fn subject(w: &World, code: &str) -> Id {
    w.app
        .list::<Subject>(&w.admin, &Query::all().eq("code", code))
        .await
        .unwrap()
        .first()
        .map(|s| s.id())
        .unwrap_or_else(|| panic!("{code}"))
}

pub async fn science(w: &World) -> Id {
    w.app
        .create(
            &w.admin,
            &Subject {
                code: "IPA".into(),
                name: "IPA".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id()
}

/// A question written by the teacher and approved by the office.
pub async fn approved(w: &World, subject_id: Id, q: &qb::Question) -> Id {
    let made = w
        .app
        .create_question(&w.admin, subject_id, q, &BTreeMap::new())
        .await
        .unwrap();
    let id = made.head.id();
    let r = w
        .app
        .set_question_status(&w.admin, id, made.head.version(), "reviewed")
        .await
        .unwrap();
    w.app
        .set_question_status(&w.admin, id, r.version(), "approved")
        .await
        .unwrap();
    id
}

pub fn row(topic: &str, count: u32) -> BlueprintRow {
    BlueprintRow {
        outcome: String::new(),
        topic: topic.into(),
        indicator: format!("Menyelesaikan soal {topic}"),
        cognitive: None,
        kind: qb::QuestionType::SingleChoice,
        count,
        points: qb::Decimal::from_int(2),
    }
}

pub fn paper(subject_id: Id, class_id: Id, blueprint_id: Id, day: u32) -> NewPaper {
    NewPaper {
        subject_id,
        class_id,
        blueprint_id: Some(blueprint_id),
        exam_name: format!("Ulangan {day}"),
        exam_date: super::date(2025, 9, day),
        duration_minutes: 90,
        instructions: "Kerjakan dengan jujur.".into(),
        sections: vec![Section {
            title: "A. Pilihan Ganda".into(),
            instructions: String::new(),
        }],
    }
}

pub fn request(variants: u32) -> PrintRequest {
    PrintRequest {
        variants,
        answer_sheets: 1,
        key: true,
        blueprint: true,
        columns: 2,
        language: Language::Id,
        sheet_area: SheetArea {
            width: 175.0,
            height: 267.0,
        },
        student_digits: 10,
    }
}
