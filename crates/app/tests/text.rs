//! Text is held to one rule on every backend (issue 10, item 16): a NUL
//! character, a control or invisible formatting character, or a line break in
//! a one-line field is refused with the field named, before any backend sees
//! it — SQLite used to store a NUL that PostgreSQL then refused with an
//! "unexpected database error", so the school could not be copied.

mod common;

use common::*;
use schooldesk_app::{App, AppError};
use schooldesk_core::*;

/// The field and problem code of a refused write.
fn refused_field<T: std::fmt::Debug>(result: Result<T, AppError>) -> (&'static str, &'static str) {
    match result {
        Err(AppError::Invalid(Invalid(errors))) => (errors[0].field, errors[0].msg.code),
        other => panic!("expected a field problem, got {other:?}"),
    }
}

async fn same_rule_on(app: &App, admin: &Actor) {
    let with = |f: fn(&mut Student)| {
        let mut s = student("0099999999", "Siti Aminah");
        f(&mut s);
        s
    };
    let cases: [(Student, &str, &str); 5] = [
        (
            with(|s| s.address = "Jl. Mawar\0 3".into()),
            "address",
            "control_char",
        ),
        (
            with(|s| s.full_name = "Siti \u{202E}hanimA".into()),
            "full_name",
            "control_char",
        ),
        (
            with(|s| s.full_name = "Siti\u{200B}Aminah".into()),
            "full_name",
            "control_char",
        ),
        (
            with(|s| s.full_name = "Siti\nAminah".into()),
            "full_name",
            "line_break",
        ),
        (
            with(|s| s.birth_place = "Ban\rdung".into()),
            "birth_place",
            "line_break",
        ),
    ];
    for (bad, field, code) in cases {
        let result = app.create_student(admin, &bad, None).await;
        assert_eq!(refused_field(result), (field, code), "{bad:?}");
    }
    let teacher = Teacher {
        full_name: "Budi Santoso".into(),
        nip: None,
        nuptk: None,
        gender: Gender::Male,
        phone: Some("0812\u{0}".into()),
        email: None,
        user_id: None,
        active: true,
    };
    assert_eq!(
        refused_field(app.create(admin, &teacher).await),
        ("phone", "control_char")
    );

    // A multi-line address is fine and comes back as written.
    let good = with(|s| s.address = "Jl. Mawar 3\nRT 02 / RW 05".into());
    let stored = app.create_student(admin, &good, None).await.unwrap();
    assert_eq!(stored.data.address, "Jl. Mawar 3\nRT 02 / RW 05");
    let record = app.student(admin, stored.id()).await.unwrap();
    assert_eq!(record.student.data, good);
}

both! {
    async fn text_rules_on_both_backends(b: Backend) {
        let w = world(b).await;
        same_rule_on(&w.app, &w.admin).await;
    }
}
