//! Fees beyond the bursar's desk (issue 17), on both backends: the school
//! setting that lets a homeroom teacher see whether their own class is in
//! arrears (off by default, the administrator's, audited; every other
//! teacher sees nothing), families fetching their own receipts (another
//! family's is not found; COPY once printed; the cashier by name), a bank
//! line given to a student by hand (twice refused, nothing booked), class
//! search, invoicing many students who hold credit at once, and printed
//! reports that keep two fee items or classes of one name apart.

mod common;

use common::fees::*;
use common::*;
use schooldesk_app::fees::{ArrearsRow, IncomeRow};
use schooldesk_app::fees_print::{arrears_document, income_document};
use schooldesk_app::AppError;
use schooldesk_core::descriptions::Lang;
use schooldesk_core::*;
use schooldesk_store::{AuditQuery, Query};

fn field_code(err: &AppError) -> (&'static str, &'static str) {
    match err.field_errors().first() {
        Some(f) => (f.field, f.msg.code),
        None => ("", err.kind()),
    }
}

/// SPP Rp 250.000 for grade 7, due on the 1st (so the world's today,
/// 2025-08-01, has it due), billed for August.
async fn august_due_today(w: &World) {
    let item = w
        .app
        .fee_item_save(
            &w.admin,
            None,
            &FeeItem {
                due_day: 1,
                ..monthly(w.year, "SPP", 250_000)
            },
        )
        .await
        .unwrap();
    bill_to_grade(w, item.id(), 7).await;
    w.app
        .fee_invoice_period(&w.bursar, "2025-08")
        .await
        .unwrap();
}

both! {
    /// Off by default: the homeroom teacher is answered nothing. Turned
    /// on by the administrator (audited): their own class, each student
    /// in arrears or not with the amount. Another class, a plain teacher,
    /// a family and the bursar's setting are refused; the full arrears
    /// report stays the office's.
    async fn homeroom_teachers_see_their_class_in_arrears_only_when_turned_on(b: Backend) {
        let w = world(b).await;
        august_due_today(&w).await;
        let citra = w
            .app
            .create_student(&w.admin, &student("0011111111", "Citra Lestari"), Some(w.class_a))
            .await
            .unwrap()
            .id();
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        w.app.fee_pay(&w.bursar, &cash(citra, 250_000)).await.unwrap();
        w.app.fee_pay(&w.bursar, &cash(w.own_student, 60_000)).await.unwrap();

        // Off: nothing for the homeroom teacher; the office sees it.
        let (settings, version) = w.app.fee_settings(&w.admin).await.unwrap();
        assert!(!settings.homeroom_sees_arrears);
        assert_eq!(version, None);
        assert_eq!(w.app.fee_class_arrears(&w.homeroom, w.class_a).await.unwrap(), None);
        assert!(w.app.fee_class_arrears(&w.bursar, w.class_a).await.unwrap().is_some());

        // Only the administrator sets it.
        let on = FeeSettings { homeroom_sees_arrears: true };
        for actor in [&w.bursar, &w.homeroom, &w.teacher, &w.parent] {
            let e = w.app.fee_settings_save(actor, &on, None).await.unwrap_err();
            assert!(matches!(e, AppError::NotAllowed(_)), "{e:?}");
            assert!(matches!(w.app.fee_settings(actor).await, Err(AppError::NotAllowed(_))));
        }
        let saved = w.app.fee_settings_save(&w.admin, &on, None).await.unwrap();
        // A second "first save" (another desktop's) is refused, not a second row.
        assert!(w.app.fee_settings_save(&w.admin, &on, None).await.is_err());
        let store = store_of(&w.app).await;
        assert_eq!(store.count::<FeeSettings>().await.unwrap(), 1);
        let audit = store
            .backend()
            .audit(&AuditQuery { table_name: Some("fee_settings".into()), limit: 20, ..Default::default() })
            .await
            .unwrap();
        assert!(
            audit.iter().any(|e| e.action == "fee_settings_changed"
                && e.actor_login == "kurikulum"
                && e.after.as_deref().unwrap_or("").contains("homeroom_sees_arrears: on")),
            "{audit:?}"
        );

        // On: their own class, a yes or no and the amount, by name.
        let rows = w.app.fee_class_arrears(&w.homeroom, w.class_a).await.unwrap().unwrap();
        let seen: Vec<(&str, bool, i64)> = rows.iter().map(|r| (r.name.as_str(), r.in_arrears, r.owed)).collect();
        assert_eq!(seen, vec![("Andi Pratama", true, 190_000), ("Citra Lestari", false, 0)]);

        // Another class's, and every other teacher's, still refused; the
        // school's arrears and a statement stay the office's.
        for (actor, class) in [(&w.homeroom, w.class_b), (&w.teacher, w.class_a), (&w.student, w.class_a), (&w.parent, w.class_a)] {
            let e = w.app.fee_class_arrears(actor, class).await.unwrap_err();
            assert!(matches!(e, AppError::NotAllowed(_)), "{e:?}");
        }
        assert!(matches!(w.app.fee_arrears(&w.homeroom, Some(w.class_a), w.app.today()).await, Err(AppError::NotAllowed(_))));
        assert!(matches!(w.app.fee_statement(&w.homeroom, w.own_student).await, Err(AppError::NotAllowed(_))));

        // Off again (at the version read): nothing again.
        let off = FeeSettings { homeroom_sees_arrears: false };
        assert!(w.app.fee_settings_save(&w.admin, &off, Some(saved.version() + 5)).await.is_err(), "a stale version");
        w.app.fee_settings_save(&w.admin, &off, Some(saved.version())).await.unwrap();
        assert_eq!(w.app.fee_class_arrears(&w.homeroom, w.class_a).await.unwrap(), None);
    }

    /// A family prints its own receipts: by payment, the cashier by their
    /// name, COPY once the office (or they) printed it, and a print of
    /// theirs makes the office's next one a copy. Another family's
    /// payment is not found, as one that does not exist.
    async fn families_fetch_their_own_receipts(b: Backend) {
        let w = world(b).await;
        let own = w.app.fee_pay(&w.bursar, &cash(w.own_student, 250_000)).await.unwrap();
        let other = w.app.fee_pay(&w.bursar, &cash(w.other_student, 100_000)).await.unwrap();

        for actor in [&w.parent, &w.student] {
            let view = w.app.fee_receipt_of_payment(actor, own.payment.id()).await.unwrap();
            assert_eq!(view.number, own.receipt);
            assert!(!view.copy);
            // The one who booked it, by the name the school gave them.
            assert_eq!(view.cashier, "BENDAHARA");
            assert_eq!(view.words_id, "dua ratus lima puluh ribu rupiah");
        }
        for actor in [&w.parent, &w.student, &w.teacher, &w.homeroom] {
            let e = w.app.fee_receipt_of_payment(actor, other.payment.id()).await.unwrap_err();
            assert_eq!(e.kind(), "not_found", "{e:?}");
        }
        let e = w.app.fee_receipt_of_payment(&w.parent, new_id()).await.unwrap_err();
        assert_eq!(e.kind(), "not_found");

        // The office prints it: the family's is a copy from then on.
        let (y, n) = schooldesk_app::fees::parse_receipt(&own.receipt).unwrap();
        let desk = w.app.fee_receipt(&w.bursar, y, n).await.unwrap();
        assert_eq!(desk.cashier, "BENDAHARA", "the cashier whoever prints it");
        w.app.fee_receipt_printed(&w.bursar, &desk).await.unwrap();
        assert!(w.app.fee_receipt_of_payment(&w.parent, own.payment.id()).await.unwrap().copy);
        // Reprinted a dozen times (two audit events each): the cashier is
        // still the one who booked it (a review found it lost after ~10).
        for _ in 0..12 {
            let again = w.app.fee_receipt(&w.bursar, y, n).await.unwrap();
            w.app.fee_receipt_printed(&w.bursar, &again).await.unwrap();
        }
        assert_eq!(w.app.fee_receipt(&w.bursar, y, n).await.unwrap().cashier, "BENDAHARA");

        // The family prints first: the office's print is then the copy.
        let second = w.app.fee_pay(&w.bursar, &cash(w.own_student, 50_000)).await.unwrap();
        let theirs = w.app.fee_receipt_of_payment(&w.parent, second.payment.id()).await.unwrap();
        assert!(!theirs.copy);
        w.app.fee_receipt_printed(&w.parent, &theirs).await.unwrap();
        let (y, n) = schooldesk_app::fees::parse_receipt(&second.receipt).unwrap();
        assert!(w.app.fee_receipt(&w.bursar, y, n).await.unwrap().copy);

        // A family cannot mark another family's receipt printed.
        let (y, n) = schooldesk_app::fees::parse_receipt(&other.receipt).unwrap();
        let others = w.app.fee_receipt(&w.bursar, y, n).await.unwrap();
        assert!(matches!(w.app.fee_receipt_printed(&w.parent, &others).await, Err(AppError::NotAllowed(_))));
        let store = store_of(&w.app).await;
        let p: Stored<Payment> = store.get(other.payment.id()).await.unwrap();
        assert_eq!(p.data.prints, 0);
    }

    /// A line the matching could not place is given to a student by hand:
    /// nothing is booked until it is confirmed, and a line given twice (to
    /// two students) refuses the whole confirmation.
    async fn a_bank_line_is_given_to_a_student_by_hand_once(b: Backend) {
        use schooldesk_app::fees_bank::{Confidence, ConfirmedLine};
        use schooldesk_app::sheet::Format;
        let w = world(b).await;
        let store = store_of(&w.app).await;
        let statement = "Tanggal,Keterangan,Jumlah,Saldo\n\
            30/07/2025,SETORAN TUNAI IBU RATNA,\"300,000.00 CR\",\"1,300,000.00\"\n\
            31/07/2025,TRSF E-BANKING CR 0087654321,\"50,000.00 CR\",\"1,350,000.00\"\n";
        let bytes = statement.as_bytes();
        let preview = w.app.fee_bank_preview(&w.bursar, Format::Csv, bytes).await.unwrap();
        assert_eq!(preview.lines[0].confidence, Confidence::Unmatched);
        let row = preview.lines[0].row;
        assert_eq!(store.count::<Payment>().await.unwrap(), 0);

        let twice = [
            ConfirmedLine { row, student_id: w.own_student },
            ConfirmedLine { row, student_id: w.other_student },
        ];
        let e = w.app.fee_bank_confirm(&w.bursar, Format::Csv, bytes, &twice).await.unwrap_err();
        assert_eq!(field_code(&e), ("row", "bank_row_twice"));
        let again = [
            ConfirmedLine { row, student_id: w.own_student },
            ConfirmedLine { row: preview.lines[1].row, student_id: w.other_student },
            ConfirmedLine { row, student_id: w.own_student },
        ];
        let e = w.app.fee_bank_confirm(&w.bursar, Format::Csv, bytes, &again).await.unwrap_err();
        assert_eq!(field_code(&e), ("row", "bank_row_twice"));
        assert_eq!(store.count::<Payment>().await.unwrap(), 0, "nothing booked");

        let booked = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, bytes, &[ConfirmedLine { row, student_id: w.own_student }])
            .await
            .unwrap();
        assert_eq!(booked.booked.len(), 1);
        let p = &booked.booked[0].1.payment.data;
        assert_eq!((p.student_id, p.amount, p.method.as_str()), (w.own_student, 300_000, "transfer"));
        assert_eq!(store.count::<Payment>().await.unwrap(), 1);
    }

    /// Class search: part of the name, any case, spaces and dashes
    /// ignored, the current year unless another is asked; `--class` takes
    /// the exact name, else the only match, else names the choices.
    async fn classes_are_found_by_part_of_their_name_this_year(b: Backend) {
        let w = world(b).await;
        let old = w
            .app
            .create(
                &w.admin,
                &AcademicYear { name: "2024/2025".into(), start_date: date(2024, 7, 15), end_date: date(2025, 6, 30), is_current: false },
            )
            .await
            .unwrap()
            .id();
        let old_a = w
            .app
            .create(&w.admin, &Class { name: "VII-A".into(), grade_level: 7, academic_year_id: old, homeroom_teacher_id: None })
            .await
            .unwrap()
            .id();
        let names = |found: Vec<Stored<Class>>| found.into_iter().map(|c| c.id()).collect::<Vec<_>>();
        let find = |text: &'static str, year: Option<Id>| {
            let app = w.app.clone();
            let bursar = w.bursar.clone();
            async move { app.fee_classes_matching(&bursar, text, year).await.unwrap() }
        };
        assert_eq!(names(find("vii", None).await), vec![w.class_a, w.class_b]);
        assert_eq!(names(find("  Vii ", None).await), vec![w.class_a, w.class_b]);
        assert_eq!(names(find("vii a", None).await), vec![w.class_a]);
        assert_eq!(names(find("7", None).await), Vec::<Id>::new());
        assert_eq!(names(find("", None).await), Vec::<Id>::new());
        assert_eq!(names(find("vii-a", Some(old)).await), vec![old_a]);

        assert_eq!(w.app.fee_class_named(&w.bursar, "viia").await.unwrap().id(), w.class_a);
        assert_eq!(w.app.fee_class_named(&w.bursar, "B").await.unwrap().id(), w.class_b);
        let e = w.app.fee_class_named(&w.bursar, "vii").await.unwrap_err();
        assert_eq!(field_code(&e), ("class", "class_name_ambiguous"));
        assert!(e.field_errors()[0].msg.text.contains("VII-A, VII-B"), "{e:?}");
        let e = w.app.fee_class_named(&w.bursar, "IX").await.unwrap_err();
        assert_eq!(field_code(&e), ("class", "no_class_named"));
        assert!(matches!(w.app.fee_classes_matching(&w.teacher, "vii", None).await, Err(AppError::NotAllowed(_))));
    }

    /// Invoicing reads the ledgers of all students who hold credit at
    /// once: each one's credit goes to their own new month, no one else's.
    async fn credit_of_many_students_goes_to_their_own_months(b: Backend) {
        let w = world(b).await;
        monthly_for_grade(&w, "SPP", 250_000, 7).await;
        let mut kids = vec![w.own_student, w.other_student];
        for (nisn, name) in [("0011111111", "Citra Lestari"), ("0022222222", "Dewi Anggraini")] {
            kids.push(
                w.app
                    .create_student(&w.admin, &student(nisn, name), Some(w.class_a))
                    .await
                    .unwrap()
                    .id(),
            );
        }
        // Credit: 100 000, 300 000 and 600 000; the fourth pays nothing.
        for (kid, amount) in kids.iter().zip([100_000, 300_000, 600_000]) {
            w.app.fee_pay(&w.bursar, &cash(*kid, amount)).await.unwrap();
        }
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        w.app.fee_invoice_period(&w.bursar, "2025-09").await.unwrap();
        let mut seen = Vec::new();
        for kid in &kids {
            let st = w.app.fee_statement(&w.bursar, *kid).await.unwrap();
            let paid: Vec<i64> = st.months.iter().map(|m| m.paid).collect();
            seen.push((paid, st.credit, st.balance));
        }
        assert_eq!(
            seen,
            vec![
                (vec![100_000, 0], 0, 400_000),
                (vec![250_000, 50_000], 0, 200_000),
                (vec![250_000, 250_000], 100_000, -100_000),
                (vec![0, 0], 0, 500_000),
            ]
        );
        let store = store_of(&w.app).await;
        let moved = store
            .list::<FeeAllocation>(&Query::all().eq("kind", "credit"))
            .await
            .unwrap();
        assert_eq!(moved.len(), 5, "{moved:?}");
    }
}

fn arrears(student: u128, class: Option<u128>, class_name: &str, owed: i64) -> ArrearsRow {
    ArrearsRow {
        student_id: Id::from_u128(student),
        nisn: format!("00{student:08}"),
        name: format!("Siswa {student}"),
        class_id: class.map(Id::from_u128),
        class: class_name.into(),
        months: 1,
        owed,
        oldest: Some("2025-08".into()),
    }
}

fn letterhead() -> schooldesk_documents::School {
    schooldesk_documents::School::default()
}

/// Two classes of one name (of two years, or typed twice) are two groups
/// of the printed arrears, each with its own total.
#[test]
fn printed_arrears_keep_two_classes_of_one_name_apart() {
    let rows = [
        arrears(1, Some(10), "VII-A", 100_000),
        arrears(2, Some(11), "VII-A", 20_000),
        arrears(3, Some(10), "VII-A", 5_000),
        arrears(4, None, "", 7_000),
    ];
    let doc = arrears_document(
        &rows,
        None,
        date(2025, 9, 1),
        letterhead(),
        "Bu Sari",
        Lang::Id,
    )
    .unwrap();
    let groups: Vec<(&str, usize, &str)> = doc
        .classes
        .iter()
        .map(|c| (c.class.as_str(), c.rows.len(), c.total.as_str()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("VII-A", 2, "Rp 105.000"),
            ("VII-A", 1, "Rp 20.000"),
            ("", 1, "Rp 7.000")
        ]
    );
    assert_eq!(doc.total, "Rp 132.000");
}

/// Two fee items of one name are two groups of the printed income.
#[test]
fn printed_income_keeps_two_fee_items_of_one_name_apart() {
    let row = |item: u128, period: &str, billed: i64, received: i64| IncomeRow {
        fee_item_id: Id::from_u128(item),
        fee_item: "SPP".into(),
        period: period.into(),
        billed,
        received,
        outstanding: billed - received,
    };
    let rows = [
        row(1, "2025-08", 250_000, 250_000),
        row(1, "2025-09", 250_000, 0),
        row(2, "2025-08", 100_000, 40_000),
    ];
    let doc = income_document(
        &rows,
        "2025-08",
        "2025-09",
        letterhead(),
        "Bu Sari",
        Lang::En,
    )
    .unwrap();
    let groups: Vec<(&str, usize, &str)> = doc
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.rows.len(), i.billed.as_str()))
        .collect();
    assert_eq!(
        groups,
        vec![("SPP", 2, "Rp 500.000"), ("SPP", 1, "Rp 100.000")]
    );
}
