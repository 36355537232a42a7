//! What the timetable use-case tests (timetable*.rs) set up alike: the
//! first semester, a plain week, a short reproducible generation, teachers
//! and subjects, and reading an error's codes and a refusal.

use super::World;
use schooldesk_app::timetable::{GenerateOptions, Week};
use schooldesk_app::AppError;
use schooldesk_core::*;
use schooldesk_store::Query;
use std::time::Duration;

/// The world's first semester of the current year.
pub async fn first_term(w: &World) -> Id {
    w.app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap()[0]
        .id()
}

/// The codes of an error's field problems.
pub fn code(err: &AppError) -> Vec<&'static str> {
    err.field_errors().iter().map(|f| f.msg.code).collect()
}

/// Whether the answer is a permission refusal (any other error panics).
pub fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    match result {
        Err(AppError::NotAllowed(_)) => true,
        Ok(_) => false,
        Err(other) => panic!("expected a permission answer, got {other:?}"),
    }
}

/// Monday–Friday, `lessons` lesson periods of 40 minutes each from 07:00.
pub fn five_days(lessons: i64) -> Week {
    let mut periods = Vec::new();
    for day in 1..=5 {
        for k in 1..=lessons {
            periods.push(BellPeriod {
                weekday: day,
                position: k,
                kind: "lesson".into(),
                label: k.to_string(),
                start_minute: 7 * 60 + 40 * (k - 1),
                end_minute: 7 * 60 + 40 * k,
            });
        }
    }
    Week {
        days: vec![1, 2, 3, 4, 5],
        periods,
    }
}

/// A generation capped in iterations, so a run is the same every time.
pub fn opts(name: &str) -> GenerateOptions {
    GenerateOptions {
        name: name.into(),
        time_limit: Duration::from_secs(60),
        max_iterations: Some(20_000),
        seed: 7,
        threads: 1,
    }
}

pub async fn teacher(w: &World, name: &str) -> Id {
    w.app
        .create(
            &w.admin,
            &Teacher {
                full_name: name.into(),
                nip: None,
                nuptk: None,
                gender: Gender::Male,
                phone: None,
                email: None,
                user_id: None,
                active: true,
            },
        )
        .await
        .unwrap()
        .id()
}

pub async fn subject(w: &World, code: &str, name: &str) -> Id {
    w.app
        .create(
            &w.admin,
            &Subject {
                code: code.into(),
                name: name.into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id()
}
