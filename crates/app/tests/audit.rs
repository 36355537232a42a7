//! The audit trail searched by a record's name (issue 16, item 6): a
//! student's name finds their own record's events and those of the records
//! that refer to them (enrollments, guardian links), on both backends.

mod common;

use common::*;
use schooldesk_core::*;
use schooldesk_store::AuditQuery;

async fn search(w: &World, text: &str, table: Option<&str>) -> Vec<AuditEvent> {
    w.app
        .audit_trail(
            &w.admin,
            &AuditQuery {
                text: Some(text.into()),
                table_name: table.map(str::to_string),
                limit: 1000,
                ..Default::default()
            },
        )
        .await
        .unwrap()
}

/// (action, table) of each event, sorted (the test clock stands still, so
/// the trail's own order among them is arbitrary).
fn shape(events: &[AuditEvent]) -> Vec<(String, String)> {
    let mut list: Vec<_> = events
        .iter()
        .map(|e| (e.action.clone(), e.table_name.clone()))
        .collect();
    list.sort();
    list
}

fn pair(action: &str, table: &str) -> (String, String) {
    (action.into(), table.into())
}

both! {
    async fn a_name_finds_the_records_changes_and_those_that_refer_to_it(b: Backend) {
        let w = world(b).await;
        let app = &w.app;
        // A later change: Andi moves to class B.
        app.move_student(&w.admin, w.own_student, w.class_b, Some(date(2025, 9, 1)))
            .await
            .unwrap();

        let found = search(&w, "andi PRATAMA", None).await;
        assert!(!found.is_empty());
        // Every event is about Andi or a record that refers to Andi.
        let own = w.own_student.to_string();
        for e in &found {
            let about_andi = e.record_id == Some(w.own_student)
                || [&e.before, &e.after]
                    .iter()
                    .any(|j| j.as_deref().is_some_and(|j| j.contains(&own)));
            assert!(about_andi, "{} {} is not about Andi", e.action, e.table_name);
        }
        assert_eq!(
            shape(&found),
            vec![
                pair("create", "enrollments"),
                pair("create", "enrollments"),
                pair("create", "student_guardians"),
                pair("create", "students"),
                pair("update", "enrollments"),
            ]
        );
        // Budi's own events are not among them.
        assert!(found.iter().all(|e| e.record_id != Some(w.other_student)));

        // Words in any order, any case; each must be there.
        assert_eq!(search(&w, "Pratama andi", None).await, found);
        assert!(search(&w, "andi setiawan", None).await.is_empty());
        // Budi finds Budi.
        let budi = search(&w, "budi", None).await;
        assert!(budi.iter().any(|e| e.record_id == Some(w.other_student)));
        assert!(budi.iter().all(|e| e.record_id != Some(w.own_student)));

        // With a record type: only those.
        let enrollments = search(&w, "andi pratama", Some("enrollments")).await;
        assert_eq!(enrollments.len(), 3);
        assert!(enrollments.iter().all(|e| e.table_name == "enrollments"));

        // What is typed is a value, never SQL or a LIKE pattern.
        assert!(search(&w, "%", None).await.is_empty());
        assert!(search(&w, "x' OR '1'='1", None).await.is_empty());
        // No words: the whole trail.
        let all = search(&w, "  ", None).await;
        assert!(all.len() > found.len() + budi.len());
    }
}
