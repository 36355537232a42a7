//! What the app tells a user interface about an error: a code and values it
//! can say in its own language (issue 16, item 6), on both backends.

mod common;

use common::*;
use schooldesk_app::AppError;
use schooldesk_core::*;

fn params(m: &Msg) -> Vec<(&str, &str)> {
    m.params.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

both! {
    async fn a_duplicate_names_the_record_type_and_fields_not_their_ids(b: Backend) {
        let w = world(b).await;
        let again = Class {
            name: "VII-A".into(),
            grade_level: 7,
            academic_year_id: w.year,
            homeroom_teacher_id: None,
        };
        let err = w.app.create(&w.admin, &again).await.unwrap_err();
        assert_eq!(err.kind(), "duplicate");
        let m = err.message();
        assert_eq!(m.code, "");
        // The class's name; the academic year's id is left out.
        assert_eq!(
            params(&m),
            vec![("what", "classes"), ("fields", "name"), ("value", "VII-A")],
            "{err}"
        );
        assert_eq!(m.text, err.to_string());
    }

    async fn a_refusal_names_the_action_by_its_code(b: Backend) {
        let w = world(b).await;
        let err = w
            .app
            .move_student(&w.teacher, w.own_student, w.class_b, None)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::NotAllowed(_)));
        let m = err.message();
        assert_eq!(m.code, "not_allowed");
        assert_eq!(params(&m), vec![("action", "manage_enrollment")]);
        assert_eq!(m.text, "you are not allowed to move students");
    }

    async fn a_missing_record_names_its_table(b: Backend) {
        let w = world(b).await;
        let err = w.app.student(&w.admin, new_id()).await.unwrap_err();
        assert_eq!(err.kind(), "not_found");
        assert_eq!(params(&err.message()), vec![("what", "students")]);
    }
}
