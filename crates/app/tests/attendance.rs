//! Daily attendance (issue 12, item 4), on both backends: who may mark a
//! class's day, "everyone present" keeping the marks already made, a
//! class's month and each student's term totals adding up, students and
//! parents reading only their own totals, and bad dates or another class's
//! record named in the error.

mod common;

use common::*;
use schooldesk_app::attendance::DayMark;
use schooldesk_app::AppError;
use schooldesk_core::attendance::{Status, Totals};
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};

/// The world's semesters of 2025/2026: (semester 1, semester 2).
pub async fn terms(w: &World) -> (Id, Id) {
    let terms = w
        .app
        .list::<Term>(
            &w.admin,
            &Query::all().eq("academic_year_id", w.year).order("number"),
        )
        .await
        .unwrap();
    (terms[0].id(), terms[1].id())
}

fn mark(student_id: Id, status: Status) -> DayMark {
    DayMark {
        student_id,
        status: Some(status),
        note: None,
    }
}

/// Two more students in VII-A (by name after Andi Pratama): Citra, Dewi.
async fn more_students(w: &World) -> (Id, Id) {
    let mut ids = Vec::new();
    for (nisn, name) in [
        ("0011111111", "Citra Lestari"),
        ("0022222222", "Dewi Anggraini"),
    ] {
        ids.push(
            w.app
                .create_student(&w.admin, &student(nisn, name), Some(w.class_a))
                .await
                .unwrap()
                .id(),
        );
    }
    (ids[0], ids[1])
}

fn code(err: &AppError) -> &'static str {
    err.field_errors()
        .first()
        .map(|f| f.msg.code)
        .unwrap_or_else(|| err.kind())
}

both! {
    /// "Everyone present" marks only the students not yet marked that day:
    /// a sick student stays sick, a second press adds nobody. Each mark is
    /// in the audit trail.
    async fn everyone_present_keeps_the_marks_already_made(b: Backend) {
        let w = world(b).await;
        let (citra, dewi) = more_students(&w).await;
        let day = date(2025, 8, 4);
        let mut sick = mark(w.own_student, Status::Sick);
        sick.note = Some("  demam  ".into());
        w.app
            .mark_attendance(&w.homeroom, w.class_a, day, &[sick])
            .await
            .unwrap();
        let added = w
            .app
            .mark_everyone_present(&w.homeroom, w.class_a, day)
            .await
            .unwrap();
        assert_eq!(added, 2);
        assert_eq!(
            w.app
                .mark_everyone_present(&w.homeroom, w.class_a, day)
                .await
                .unwrap(),
            0
        );
        let month = w
            .app
            .attendance_month(&w.homeroom, w.class_a, 2025, 8)
            .await
            .unwrap();
        let status_of = |id: Id| {
            month
                .marks
                .iter()
                .find(|m| m.data.student_id == id && m.data.date == day)
                .map(|m| (m.data.status.clone(), m.data.note.clone()))
        };
        assert_eq!(status_of(w.own_student), Some(("sick".into(), Some("demam".into()))));
        assert_eq!(status_of(citra), Some(("present".into(), None)));
        assert_eq!(status_of(dewi), Some(("present".into(), None)));
        // Class B's student is not in VII-A's month.
        assert!(month.students.iter().all(|s| s.id() != w.other_student));

        let events = w
            .app
            .audit_trail(
                &w.admin,
                &AuditQuery {
                    table_name: Some("attendance".into()),
                    limit: 50,
                    ..AuditQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(events.len(), 3, "{events:?}");
        assert!(events.iter().all(|e| e.actor_login == "walikelas"));
    }

    /// Attendance racing an approval (issue 12 gap "approval race"): the
    /// homeroom teacher re-marks a day over and over while an
    /// administrator approves; the mark read right after the approval is
    /// the mark for good (a write lands before the approval or is refused
    /// as locked).
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_mark_racing_an_approval_never_lands_after_it(b: Backend) {
        use schooldesk_app::gradebook::SignoffStatus;
        let w = world(b).await;
        let (citra, dewi) = more_students(&w).await;
        let (term, _) = terms(&w).await;
        let (class, day) = (w.class_a, date(2025, 8, 4));
        let students = [w.own_student, citra, dewi];
        let marks_now = |app: schooldesk_app::App, admin: Actor| async move {
            let month = app.attendance_month(&admin, class, 2025, 8).await.unwrap();
            let mut marks: Vec<(Id, String)> = month
                .marks
                .iter()
                .map(|m| (m.data.student_id, m.data.status.clone()))
                .collect();
            marks.sort();
            marks
        };
        for round in 0..60usize {
            w.app
                .signoff_set(&w.homeroom, class, term, SignoffStatus::Submitted)
                .await
                .unwrap();
            let marker = {
                let (app, homeroom) = (w.app.clone(), w.homeroom.clone());
                tokio::spawn(async move {
                    for n in 0..400usize {
                        let status = [Status::Present, Status::Sick, Status::Late][(round + n) % 3];
                        let marks: Vec<DayMark> =
                            students.iter().map(|s| mark(*s, status)).collect();
                        if let Err(e) = app.mark_attendance(&homeroom, class, day, &marks).await {
                            assert_eq!(e.message().code, "grades_locked", "{e}");
                            return;
                        }
                    }
                    panic!("400 writes and the approval never landed");
                })
            };
            for _ in 0..round % 6 {
                w.app.signoff_status(&w.admin, class, term).await.unwrap();
            }
            w.app
                .signoff_set(&w.admin, class, term, SignoffStatus::Approved)
                .await
                .unwrap();
            let at_approval = marks_now(w.app.clone(), w.admin.clone()).await;
            marker.await.unwrap();
            let after = marks_now(w.app.clone(), w.admin.clone()).await;
            assert_eq!(at_approval, after, "round {round}: a mark changed after the approval");
            w.app.signoff_unlock(&w.admin, class, term).await.unwrap();
        }
    }

    /// The homeroom teacher and a teacher who teaches the class may mark
    /// it; a teacher of another class, a student, a parent and the bursar
    /// may not, and nothing is written when they try.
    async fn only_the_class_s_teachers_mark_it(b: Backend) {
        let w = world(b).await;
        let day = date(2025, 8, 5);
        // Pak Guru teaches VII-A (Matematika), not VII-B.
        w.app
            .mark_attendance(&w.teacher, w.class_a, day, &[mark(w.own_student, Status::Late)])
            .await
            .unwrap();
        let refused = w
            .app
            .mark_attendance(&w.teacher, w.class_b, day, &[mark(w.other_student, Status::Present)])
            .await
            .unwrap_err();
        assert_eq!(refused.kind(), "forbidden");
        assert!(w
            .app
            .mark_everyone_present(&w.homeroom, w.class_b, day)
            .await
            .is_err());
        for who in [&w.student, &w.parent, &w.bursar] {
            let err = w
                .app
                .mark_attendance(who, w.class_a, day, &[mark(w.own_student, Status::Present)])
                .await
                .unwrap_err();
            assert_eq!(err.kind(), "forbidden", "{:?}", who.roles);
            assert!(w.app.attendance_month(who, w.class_a, 2025, 8).await.is_err());
        }
        // The late mark stands; the class B student has none.
        let (s1, _) = terms(&w).await;
        let totals = w.app.attendance_totals(&w.admin, w.class_b, s1).await.unwrap();
        assert_eq!(totals[0].totals, Totals::default());
        let totals = w.app.attendance_totals(&w.teacher, w.class_a, s1).await.unwrap();
        assert_eq!(totals[0].totals.late, 1);
    }

    /// A parent reads their own child's totals, never another child's; a
    /// student reads only their own.
    async fn a_parent_reads_only_their_own_child_s_totals(b: Backend) {
        let w = world(b).await;
        let (s1, _) = terms(&w).await;
        w.app
            .mark_attendance(&w.admin, w.class_a, date(2025, 8, 6), &[mark(w.own_student, Status::Sick)])
            .await
            .unwrap();
        w.app
            .mark_attendance(&w.admin, w.class_b, date(2025, 8, 6), &[mark(w.other_student, Status::Unexcused)])
            .await
            .unwrap();
        for who in [&w.parent, &w.student, &w.homeroom, &w.teacher] {
            let own = w.app.student_attendance(who, w.own_student, s1).await.unwrap();
            assert_eq!(own.sick, 1, "{:?}", who.roles);
            let other = w
                .app
                .student_attendance(who, w.other_student, s1)
                .await
                .unwrap_err();
            assert_eq!(other.kind(), "forbidden", "{:?}", who.roles);
        }
        assert!(w.app.student_attendance(&w.bursar, w.own_student, s1).await.is_err());
    }

    /// The month view has every day of the month, knows which fall in a
    /// semester, and its marks add up to the term totals; marks of another
    /// month count in the term, marks of the other semester do not.
    async fn month_view_and_term_totals_add_up(b: Backend) {
        let w = world(b).await;
        let (citra, _dewi) = more_students(&w).await;
        let (s1, s2) = terms(&w).await;
        let plan: &[(u32, u32, Id, Status)] = &[
            (8, 4, w.own_student, Status::Sick),
            (8, 5, w.own_student, Status::Sick),
            (8, 6, w.own_student, Status::Excused),
            (8, 7, w.own_student, Status::Late),
            (8, 4, citra, Status::Unexcused),
            (8, 5, citra, Status::Late),
            (8, 6, citra, Status::Late),
            (9, 1, w.own_student, Status::Unexcused),
        ];
        for (m, d, student, status) in plan {
            w.app
                .mark_attendance(&w.homeroom, w.class_a, date(2025, *m, *d), &[mark(*student, *status)])
                .await
                .unwrap();
        }
        // Semester 2.
        w.app
            .mark_attendance(&w.homeroom, w.class_a, date(2026, 1, 5), &[mark(w.own_student, Status::Sick)])
            .await
            .unwrap();

        let august = w.app.attendance_month(&w.homeroom, w.class_a, 2025, 8).await.unwrap();
        assert_eq!(august.days.len(), 31);
        assert!(august.days.iter().all(|d| d.term_id == Some(s1)));
        assert_eq!(august.marks.len(), 7);
        assert_eq!(august.students.len(), 3);
        let january = w.app.attendance_month(&w.homeroom, w.class_a, 2026, 1).await.unwrap();
        assert!(january.days.iter().all(|d| d.term_id == Some(s2)));

        let totals = w.app.attendance_totals(&w.homeroom, w.class_a, s1).await.unwrap();
        let of = |id: Id| totals.iter().find(|t| t.student.id() == id).unwrap().totals;
        assert_eq!(
            of(w.own_student),
            Totals { present: 0, sick: 2, excused: 1, unexcused: 1, late: 1 }
        );
        assert_eq!(
            of(citra),
            Totals { present: 0, sick: 0, excused: 0, unexcused: 1, late: 2 }
        );
        // The month's marks are the term's August part.
        let from_month = Totals::of(
            august
                .marks
                .iter()
                .filter(|m| m.data.student_id == w.own_student)
                .map(|m| &m.data),
        );
        assert_eq!(from_month.absent() + from_month.late + 1, of(w.own_student).marked());
        let second = w.app.student_attendance(&w.parent, w.own_student, s2).await.unwrap();
        assert_eq!(second.sick, 1);
        assert_eq!(second.marked(), 1);

        // Changing a mark replaces it; clearing one removes it.
        w.app
            .mark_attendance(
                &w.homeroom,
                w.class_a,
                date(2025, 8, 4),
                &[
                    mark(w.own_student, Status::Present),
                    DayMark { student_id: citra, status: None, note: None },
                ],
            )
            .await
            .unwrap();
        let totals = w.app.attendance_totals(&w.homeroom, w.class_a, s1).await.unwrap();
        let of = |id: Id| totals.iter().find(|t| t.student.id() == id).unwrap().totals;
        assert_eq!(of(w.own_student).sick, 1);
        assert_eq!(of(w.own_student).present, 1);
        assert_eq!(of(citra).unexcused, 0);
    }

    /// A date outside every semester, a student not in the class that day,
    /// and a day another class already marked are each refused with words
    /// that name them; nothing is written.
    async fn bad_dates_and_other_classes_are_named(b: Backend) {
        let w = world(b).await;
        let err = w
            .app
            .mark_attendance(&w.homeroom, w.class_a, date(2026, 7, 6), &[mark(w.own_student, Status::Present)])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "date_outside_term");
        assert!(err.to_string().contains("2026-07-06"), "{err}");
        assert!(err.to_string().contains("2025/2026"), "{err}");

        let err = w
            .app
            .mark_attendance(&w.homeroom, w.class_a, date(2025, 8, 4), &[
                mark(w.own_student, Status::Present),
                mark(w.other_student, Status::Present),
            ])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "not_in_class_on");
        assert!(err.to_string().contains("Budi Setiawan"), "{err}");
        // Enrolled on 2025-08-01: not in the class the day before.
        let err = w
            .app
            .mark_attendance(&w.homeroom, w.class_a, date(2025, 7, 31), &[mark(w.own_student, Status::Present)])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "not_in_class_on");
        let (s1, _) = terms(&w).await;
        let totals = w.app.attendance_totals(&w.homeroom, w.class_a, s1).await.unwrap();
        assert_eq!(totals[0].totals, Totals::default(), "nothing was written");

        // Andi is marked in VII-A on the 11th, then moves to VII-B that day.
        let day = date(2025, 8, 11);
        w.app
            .mark_attendance(&w.homeroom, w.class_a, day, &[mark(w.own_student, Status::Sick)])
            .await
            .unwrap();
        w.app
            .move_student(&w.admin, w.own_student, w.class_b, Some(day))
            .await
            .unwrap();
        let err = w
            .app
            .mark_attendance(&w.admin, w.class_b, day, &[mark(w.own_student, Status::Present)])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "marked_by_other_class");
        assert!(err.to_string().contains("VII-A"), "{err}");
        // Everyone present in VII-B leaves Andi's VII-A mark alone.
        assert_eq!(w.app.mark_everyone_present(&w.admin, w.class_b, day).await.unwrap(), 1);
        let own = w.app.student_attendance(&w.admin, w.own_student, s1).await.unwrap();
        assert_eq!(own.sick, 1);
        assert_eq!(own.marked(), 1);

        let err = w
            .app
            .mark_attendance(&w.admin, w.class_b, date(2025, 8, 12), &[
                mark(w.other_student, Status::Present),
                mark(w.other_student, Status::Sick),
            ])
            .await
            .unwrap_err();
        assert_eq!(code(&err), "marked_twice");

        let err = w.app.attendance_month(&w.admin, w.class_a, 2025, 13).await.unwrap_err();
        assert_eq!(code(&err), "no_such_month");
    }
}
