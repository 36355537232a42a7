//! The timetable screens' generation job (issue 14, helper "ttui"): it
//! answers at once and is polled to its end; only the user who started it
//! may follow or cancel it — another signed-in user on another desktop of
//! the same school is told it is unknown; a finished job is forgotten once
//! its end was read; the app's refusal reaches the page in words.

mod common;

use common::*;
use schooldesk_core::{Role, Term};
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::timetabling::{generate_cancel, generate_start, generate_status};
use schooldesk_store::Query;

#[tokio::test]
async fn a_generation_is_followed_and_cancelled_only_by_who_started_it() {
    let tmp = tempfile::tempdir().unwrap();
    let office = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&office, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&office, "admin", "rahasia-sekolah").await;
    let (app, actor) = office.actor().await.unwrap();
    let term = app
        .list::<Term>(&actor, &Query::all().order("start_date"))
        .await
        .unwrap()
        .remove(0);

    // Another desktop of the school, signed in as a teacher.
    let other = Shell::start(dirs(tmp.path()), true).await;
    sign_in(&other, "guru", "rahasia-guru-1").await;

    let job = generate_start(&office, term.id(), "Draft 1".into(), 5)
        .await
        .unwrap();
    let err = generate_status(&other, job).await.unwrap_err();
    assert_eq!(err.kind, "not_found", "{err:?}");
    let err = generate_cancel(&other, job).await.unwrap_err();
    assert_eq!(err.kind, "not_found", "{err:?}");

    // Its starter polls it to the end: the school has no week yet, which
    // the app says in words (nothing is stored).
    let end = loop {
        let s = generate_status(&office, job).await.unwrap();
        if !s.running {
            break s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    };
    assert!(!end.cancelled);
    assert!(end.result.is_none());
    let error = end.error.expect("the app's refusal");
    assert!(
        error.message.contains("week") || error.fields.iter().any(|f| f.code == "no_week"),
        "{error:?}"
    );
    assert!(app.timetables(&actor, term.id()).await.unwrap().is_empty());
    // Read once finished: forgotten.
    let err = generate_status(&office, job).await.unwrap_err();
    assert_eq!(err.kind, "not_found");
}
