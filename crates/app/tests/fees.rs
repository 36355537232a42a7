//! Fees (issue 17), on both backends: plans and discounts billed per month,
//! re-invoicing that only adds differences, payments allocated oldest
//! first with credit kept, receipts numbered without gaps even with many
//! desktops at once, voids and refunds with reasons, statements, arrears,
//! the day's cash report and its closing, who may do what, bad input named
//! by field, and the money identity after every step of a random run.

mod common;

use common::fees::*;
use common::*;
use schooldesk_app::fees::{Method, NewPayment};
use schooldesk_app::{App, AppError};
use schooldesk_core::*;
use schooldesk_store::{Query, Store};
use std::collections::{BTreeMap, BTreeSet};

fn field_code(err: &AppError) -> (&'static str, &'static str) {
    match err.field_errors().first() {
        Some(f) => (f.field, f.msg.code),
        None => ("", err.kind()),
    }
}

/// SPP Rp 250.000 a month for grade 7, and a one-off building fee of
/// Rp 1.000.000 in August for class VII-A only. Returns (SPP, building).
async fn plan(w: &World) -> (Stored<FeeItem>, Stored<FeeItem>) {
    let spp = w
        .app
        .fee_item_save(&w.admin, None, &monthly(w.year, "SPP", 250_000))
        .await
        .unwrap();
    let building = w
        .app
        .fee_item_save(
            &w.admin,
            None,
            &FeeItem {
                schedule: "once".into(),
                once_period: Some("2025-08".into()),
                ..monthly(w.year, "Uang gedung", 1_000_000)
            },
        )
        .await
        .unwrap();
    w.app
        .fee_assign(
            &w.admin,
            &FeeAssignment {
                fee_item_id: spp.id(),
                grade_level: Some(7),
                class_id: None,
                student_id: None,
            },
        )
        .await
        .unwrap();
    w.app
        .fee_assign(
            &w.admin,
            &FeeAssignment {
                fee_item_id: building.id(),
                grade_level: None,
                class_id: Some(w.class_a),
                student_id: None,
            },
        )
        .await
        .unwrap();
    (spp, building)
}

/// A 50 % scholarship on `spp` for Andi (`own_student`), given by the
/// administrator.
async fn half_spp_for_andi(w: &World, spp: &Stored<FeeItem>) {
    w.app
        .fee_discount_give(
            &w.admin,
            &FeeDiscount {
                student_id: w.own_student,
                fee_item_id: Some(spp.id()),
                kind: "percent".into(),
                value: 5_000,
                reason: "Beasiswa prestasi".into(),
                active: true,
            },
        )
        .await
        .unwrap();
}

/// Recomputes every student's money from the stored rows and holds it to
/// their account: billed − discounts − payments + refunds = balance, each
/// total the sum of its rows, no payment allocated beyond its amount, no
/// invoice paid beyond what it bills; and the receipts of each year are
/// 1..=N with no gap and no number twice. Returns the balances.
async fn check_books(store: &Store) -> BTreeMap<Id, i64> {
    let accounts = store.list::<FeeAccount>(&Query::all()).await.unwrap();
    let invoices = store.list::<Invoice>(&Query::all()).await.unwrap();
    let lines = store.list::<InvoiceLine>(&Query::all()).await.unwrap();
    let payments = store.list::<Payment>(&Query::all()).await.unwrap();
    let allocations = store.list::<FeeAllocation>(&Query::all()).await.unwrap();
    let refunds = store.list::<FeeRefund>(&Query::all()).await.unwrap();
    let mut balances = BTreeMap::new();
    for a in &accounts {
        let s = a.data.student_id;
        let own_invoices: Vec<_> = invoices
            .iter()
            .filter(|i| i.data.student_id == s && i.data.void_reason.is_none())
            .map(|i| i.id())
            .collect();
        let own_lines = lines
            .iter()
            .filter(|l| own_invoices.contains(&l.data.invoice_id));
        let billed: i64 = own_lines.clone().map(|l| l.data.billed).sum();
        let discounted: i64 = own_lines.map(|l| l.data.discount).sum();
        let paid: i64 = payments
            .iter()
            .filter(|p| p.data.student_id == s && p.data.void_reason.is_none())
            .map(|p| p.data.amount)
            .sum();
        let refunded: i64 = refunds
            .iter()
            .filter(|r| r.data.student_id == s)
            .map(|r| r.data.amount)
            .sum();
        assert_eq!(
            (billed, discounted, paid, refunded),
            (
                a.data.billed,
                a.data.discounted,
                a.data.paid,
                a.data.refunded
            ),
            "account of {s} against its rows"
        );
        assert_eq!(billed - discounted - paid + refunded, a.data.balance);
        balances.insert(s, a.data.balance);
    }
    // Where the money sits, from the rows alone (not the app's own sums):
    // what each standing payment placed on each standing invoice.
    let live: BTreeSet<Id> = payments
        .iter()
        .filter(|p| p.data.void_reason.is_none())
        .map(|p| p.id())
        .collect();
    let standing: BTreeMap<Id, &Stored<Invoice>> = invoices
        .iter()
        .filter(|i| i.data.void_reason.is_none())
        .map(|i| (i.id(), i))
        .collect();
    let mut placed: BTreeMap<(Id, Id), i64> = BTreeMap::new();
    for a in &allocations {
        assert_eq!(
            a.data.amount < 0,
            a.data.kind == "release",
            "only a release is below zero: {a:?}"
        );
        if live.contains(&a.data.payment_id) && standing.contains_key(&a.data.invoice_id) {
            *placed
                .entry((a.data.payment_id, a.data.invoice_id))
                .or_default() += a.data.amount;
        }
    }
    assert!(
        placed.values().all(|v| *v >= 0),
        "a payment took back more than it placed"
    );
    for p in &payments {
        let allocated: i64 = placed
            .iter()
            .filter(|((pay, _), _)| *pay == p.id())
            .map(|(_, v)| *v)
            .sum();
        assert!(
            (0..=p.data.amount).contains(&allocated),
            "payment allocated beyond its amount"
        );
    }
    let mut months: BTreeSet<(Id, String)> = BTreeSet::new();
    for (id, i) in &standing {
        assert!(
            months.insert((i.data.student_id, i.data.period.clone())),
            "two invoices stand for one month"
        );
        let net: i64 = lines
            .iter()
            .filter(|l| l.data.invoice_id == *id)
            .map(|l| l.data.billed - l.data.discount)
            .sum();
        let paid: i64 = placed
            .iter()
            .filter(|((_, inv), _)| inv == id)
            .map(|(_, v)| *v)
            .sum();
        assert!(
            (0..=net).contains(&paid),
            "invoice {} paid {paid} of {net}",
            i.data.period
        );
    }
    // Per student: the credit is never below zero, and never sits beside
    // an invoice still owing; so it is −balance, and what is owed is the
    // balance (each checked here from the rows, not by construction).
    for a in &accounts {
        let s = a.data.student_id;
        let mine = |inv: &Id| standing.get(inv).is_some_and(|i| i.data.student_id == s);
        let owed: i64 = standing
            .iter()
            .filter(|(id, _)| mine(id))
            .map(|(id, _)| {
                let net: i64 = lines
                    .iter()
                    .filter(|l| l.data.invoice_id == *id)
                    .map(|l| l.data.billed - l.data.discount)
                    .sum();
                let paid: i64 = placed
                    .iter()
                    .filter(|((_, inv), _)| inv == id)
                    .map(|(_, v)| *v)
                    .sum();
                net - paid
            })
            .sum();
        let paid: i64 = payments
            .iter()
            .filter(|p| p.data.student_id == s && p.data.void_reason.is_none())
            .map(|p| p.data.amount)
            .sum();
        let placed_total: i64 = placed
            .iter()
            .filter(|((_, inv), _)| mine(inv))
            .map(|(_, v)| *v)
            .sum();
        let refunded: i64 = refunds
            .iter()
            .filter(|r| r.data.student_id == s)
            .map(|r| r.data.amount)
            .sum();
        let credit = paid - placed_total - refunded;
        assert!(credit >= 0, "credit below zero for {s}: {credit}");
        assert!(
            credit == 0 || owed == 0,
            "{s} has credit {credit} beside {owed} owed"
        );
        assert_eq!(
            credit,
            (-a.data.balance).max(0),
            "credit of {s} against the balance"
        );
        assert_eq!(
            owed,
            a.data.balance.max(0),
            "owed by {s} against the balance"
        );
    }
    let mut by_year: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for p in &payments {
        by_year
            .entry(p.data.receipt_year)
            .or_default()
            .push(p.data.receipt_number);
    }
    for (year, mut numbers) in by_year {
        numbers.sort();
        let expected: Vec<i64> = (1..=numbers.len() as i64).collect();
        assert_eq!(numbers, expected, "receipts of {year}");
    }
    balances
}

both! {
    /// The story of a month: a plan with a discount billed, billed again
    /// with nothing new (nothing added), a plan changed (one adjustment
    /// line, the paid line untouched), payments oldest first, an
    /// overpayment kept as credit and refunded, a void, the statement.
    async fn a_month_of_fees_adds_up(b: Backend) {
        let w = world(b).await;
        let store = store_of(&w.app).await;
        let (spp, building) = plan(&w).await;
        half_spp_for_andi(&w, &spp).await;
        let run = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!((run.students, run.invoices_created, run.adjustments), (2, 2, 0));
        // Andi: SPP 250 000 − 50 % + building 1 000 000; Budi: SPP only.
        assert_eq!(run.net_added, 125_000 + 1_000_000 + 250_000);
        let again = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!((again.students, again.invoices_created, again.adjustments), (0, 0, 0));

        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!(st.months.len(), 1);
        assert_eq!((st.billed, st.discounted, st.balance), (1_250_000, 125_000, 1_125_000));
        let line_spp = st.months[0].lines.iter().find(|l| l.fee == "SPP").unwrap();
        assert_eq!((line_spp.billed, line_spp.discount), (250_000, 125_000));

        // September too: the oldest (August) is paid first.
        w.app.fee_invoice_period(&w.bursar, "2025-09").await.unwrap();
        let paid = w.app.fee_pay(&w.bursar, &cash(w.own_student, 200_000)).await.unwrap();
        assert_eq!(paid.receipt, "2025-00001");
        assert_eq!(paid.credit, 0);
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        let august = st.months.iter().find(|m| m.period == "2025-08").unwrap();
        let september = st.months.iter().find(|m| m.period == "2025-09").unwrap();
        assert_eq!((august.paid, august.owed), (200_000, 925_000));
        assert_eq!((september.paid, september.owed), (0, 125_000));

        // The SPP goes up: the paid August lines stay, one adjustment line
        // per student carries the difference (after Andi's 50 %).
        w.app
            .fee_item_save(
                &w.admin,
                Some((spp.id(), spp.version())),
                &monthly(w.year, "SPP", 300_000),
            )
            .await
            .unwrap();
        let run = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!((run.invoices_created, run.adjustments, run.net_added), (0, 2, 25_000 + 50_000));
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        let august = st.months.iter().find(|m| m.period == "2025-08").unwrap();
        assert_eq!(august.lines.len(), 3);
        assert!(august.lines.iter().any(|l| l.fee == "SPP" && l.billed == 250_000 && l.note.is_none()), "the first line is unchanged");
        let adjustment: Vec<_> = august.lines.iter().filter(|l| l.note.as_deref() == Some("adjustment")).collect();
        assert_eq!(adjustment.len(), 1);
        assert_eq!((adjustment[0].billed, adjustment[0].discount), (50_000, 25_000));
        assert_eq!(august.owed, 950_000);
        let again = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!(again.adjustments, 0, "idempotent after a change too");

        // Overpay: the rest is credit, refunded (not more than it).
        let big = w
            .app
            .fee_pay(&w.bursar, &cash(w.own_student, 2_000_000))
            .await
            .unwrap();
        assert_eq!(big.receipt, "2025-00002");
        assert_eq!(big.credit, 2_000_000 - 950_000 - 125_000);
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!(st.credit, 925_000);
        assert_eq!(st.balance, -925_000);
        let err = w
            .app
            .fee_refund(&w.bursar, w.own_student, 925_001, Method::Cash, "Kelebihan bayar")
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("amount", "refund_over_credit"));
        w.app
            .fee_refund(&w.bursar, w.own_student, 900_000, Method::Cash, "Kelebihan bayar")
            .await
            .unwrap();
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!((st.credit, st.balance, st.refunded), (25_000, -25_000, 900_000));

        // A wrong payment is voided, never deleted: its number stays.
        w.app
            .fee_void_payment(&w.bursar, paid.payment.id(), "Salah siswa")
            .await
            .unwrap();
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!(st.balance, 175_000);
        assert_eq!(st.payments.len(), 2);
        let audit = store
            .backend()
            .audit(&schooldesk_store::AuditQuery {
                table_name: Some("payments".into()),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(audit.iter().any(|e| e.action == "payment_voided"
            && e.after.as_deref().unwrap_or("").contains("Salah siswa")
            || e.action == "update" && e.after.as_deref().unwrap_or("").contains("Salah siswa")));

        // A payment whose credit was refunded cannot be voided: the money
        // handed back would become a debt that no invoice shows.
        let late = w.app.fee_pay(&w.bursar, &cash(w.own_student, 300_000)).await.unwrap();
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert!(st.credit > 0, "{}", st.credit);
        w.app
            .fee_refund(&w.bursar, w.own_student, st.credit, Method::Cash, "Kelebihan bayar")
            .await
            .unwrap();
        let err = w.app.fee_void_payment(&w.bursar, late.payment.id(), "Salah").await.unwrap_err();
        assert_eq!(field_code(&err), ("payment_id", "void_after_refund"));
        let _ = building;
        check_books(&store).await;
    }
}

both! {
    /// Who may do what with fees: the administrator plans, the bursar books
    /// and reads all, a family reads its own, teachers see nothing.
    async fn fee_permissions(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let refused = |r: Result<_, AppError>| matches!(r, Err(AppError::NotAllowed(_)));
        for (who, actor) in [("teacher", &w.teacher), ("homeroom", &w.homeroom), ("bursar", &w.bursar), ("parent", &w.parent)] {
            assert!(
                refused(w.app.fee_item_save(actor, None, &monthly(w.year, "Les", 10_000)).await.map(|_| ())),
                "{who} sets plans"
            );
        }
        for (who, actor) in [("teacher", &w.teacher), ("homeroom", &w.homeroom), ("student", &w.student), ("parent", &w.parent)] {
            assert!(refused(w.app.fee_pay(actor, &cash(w.own_student, 1_000)).await.map(|_| ())), "{who} pays");
            assert!(refused(w.app.fee_invoice_period(actor, "2025-08").await.map(|_| ())), "{who} invoices");
            assert!(refused(w.app.fee_arrears(actor, None, date(2025, 12, 31)).await.map(|_| ())), "{who} arrears");
            assert!(refused(w.app.fee_day_report(actor, date(2025, 8, 1)).await.map(|_| ())), "{who} day");
        }
        for (who, actor, own, other) in [
            ("admin", &w.admin, true, true),
            ("bursar", &w.bursar, true, true),
            ("student", &w.student, true, false),
            ("parent", &w.parent, true, false),
            ("teacher", &w.teacher, false, false),
            ("homeroom", &w.homeroom, false, false),
        ] {
            assert_eq!(!refused(w.app.fee_statement(actor, w.own_student).await.map(|_| ())), own, "{who} own");
            assert_eq!(!refused(w.app.fee_statement(actor, w.other_student).await.map(|_| ())), other, "{who} other");
        }
        // The administrator does the bursar's work too.
        w.app.fee_pay(&w.admin, &cash(w.own_student, 1_000)).await.unwrap();
    }
}

both! {
    /// Bad input: each refused with the field named, and no rupiah moved.
    async fn bad_fee_input_is_named_and_moves_nothing(b: Backend) {
        let w = world(b).await;
        let store = store_of(&w.app).await;
        let (spp, _) = plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let before = check_books(&store).await;

        for amount in [0, -5_000] {
            let err = w.app.fee_pay(&w.bursar, &cash(w.own_student, amount)).await.unwrap_err();
            assert_eq!(field_code(&err), ("amount", "amount_not_positive"), "{amount}");
        }
        let err = w
            .app
            .fee_pay(&w.bursar, &NewPayment { method: Method::Transfer, ..cash(w.own_student, 5_000) })
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("reference", "transfer_needs_reference"));
        let err = w
            .app
            .fee_pay(&w.bursar, &NewPayment { paid_on: Some(date(2025, 8, 2)), ..cash(w.own_student, 5_000) })
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("paid_on", "date_in_future"));
        let err = w
            .app
            .fee_pay(&w.bursar, &NewPayment { invoices: Some(vec![new_id()]), ..cash(w.own_student, 5_000) })
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("invoices", "invoice_not_open"));

        // A student who left.
        let other = w.app.student(&w.admin, w.other_student).await.unwrap().student;
        w.app
            .update_student(
                &w.admin,
                other.id(),
                other.version(),
                &Student { status: StudentStatus::MovedOut, ..other.data.clone() },
            )
            .await
            .unwrap();
        let err = w.app.fee_pay(&w.bursar, &cash(w.other_student, 5_000)).await.unwrap_err();
        assert_eq!(field_code(&err), ("student_id", "student_has_left"));
        assert!(err.to_string().contains("Budi Setiawan"));

        // A discount over 100 %.
        let err = w
            .app
            .fee_discount_give(
                &w.admin,
                &FeeDiscount {
                    student_id: w.own_student,
                    fee_item_id: Some(spp.id()),
                    kind: "percent".into(),
                    value: 10_001,
                    reason: "Yatim".into(),
                    active: true,
                },
            )
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("value", "discount_percent_range"));
        // A negative fee.
        let err = w
            .app
            .fee_item_save(&w.admin, None, &monthly(w.year, "Les", -1))
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("amount", "amount_not_positive"));
        // A bad period.
        let err = w.app.fee_invoice_period(&w.bursar, "2025-13").await.unwrap_err();
        assert_eq!(field_code(&err), ("period", "not_a_period"));
        let err = w.app.fee_invoice_period(&w.bursar, "2030-01").await.unwrap_err();
        assert_eq!(field_code(&err), ("period", "period_outside_years"));

        assert_eq!(check_books(&store).await, before, "nothing moved");
        assert!(store.list::<Payment>(&Query::all()).await.unwrap().is_empty());

        // Voiding twice; voiding without a reason.
        let paid = w.app.fee_pay(&w.bursar, &cash(w.own_student, 5_000)).await.unwrap();
        let err = w.app.fee_void_payment(&w.bursar, paid.payment.id(), "  ").await.unwrap_err();
        assert_eq!(field_code(&err), ("reason", "reason_required"));
        w.app.fee_void_payment(&w.bursar, paid.payment.id(), "Dobel").await.unwrap();
        let after_void = check_books(&store).await;
        let err = w.app.fee_void_payment(&w.bursar, paid.payment.id(), "Dobel").await.unwrap_err();
        assert_eq!(field_code(&err), ("payment_id", "already_voided"));
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        let invoice = st.months[0].invoice_id;
        w.app.fee_void_invoice(&w.bursar, invoice, "Salah tagih").await.unwrap();
        let err = w.app.fee_void_invoice(&w.bursar, invoice, "Salah tagih").await.unwrap_err();
        assert_eq!(field_code(&err), ("invoice_id", "already_voided"));
        assert_ne!(check_books(&store).await, after_void);
        // A voided invoice does not hold its month: it is billed again, on
        // a new invoice, from the plans.
        let run = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!((run.students, run.invoices_created), (1, 1));
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!(st.months.len(), 2);
        assert_eq!(st.months.iter().filter(|m| m.void_reason.is_none()).count(), 1);
        let again = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!(again.students, 0, "and only once");
        check_books(&store).await;
    }
}

both! {
    /// The day's cash report and its closing: after it, nothing is booked,
    /// voided or refunded on that day; the next day goes on.
    async fn closing_the_day_locks_it(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let a = w.app.fee_pay(&w.bursar, &cash(w.own_student, 100_000)).await.unwrap();
        w.app
            .fee_pay(
                &w.bursar,
                &NewPayment {
                    method: Method::Transfer,
                    reference: Some("BRI 123456".into()),
                    ..cash(w.other_student, 250_000)
                },
            )
            .await
            .unwrap();
        let c = w.app.fee_pay(&w.bursar, &cash(w.other_student, 10_000)).await.unwrap();
        w.app.fee_void_payment(&w.bursar, c.payment.id(), "Salah ketik").await.unwrap();
        let day = date(2025, 8, 1);
        let report = w.app.fee_day_report(&w.bursar, day).await.unwrap();
        assert_eq!((report.cash, report.transfers, report.voided), (110_000, 250_000, 10_000));
        assert_eq!(report.cash_net, 100_000);
        assert_eq!(report.payments.len(), 3);
        let closed = w.app.fee_close_day(&w.bursar, day).await.unwrap();
        assert_eq!(closed.data.cash_total, 110_000);
        let err = w.app.fee_pay(&w.bursar, &cash(w.own_student, 1_000)).await.unwrap_err();
        assert_eq!(field_code(&err), ("", "locked"));
        let err = w.app.fee_void_payment(&w.bursar, a.payment.id(), "Terlambat").await.unwrap_err();
        assert_eq!(err.kind(), "locked");
        let err = w.app.fee_close_day(&w.bursar, day).await.unwrap_err();
        assert_eq!(err.kind(), "locked");
        let err = w.app.fee_close_day(&w.bursar, date(2025, 8, 2)).await.unwrap_err();
        assert_eq!(field_code(&err), ("day", "date_in_future"));
        // The next day: the void of yesterday's payment is today's.
        w.clock.advance(chrono::Duration::days(1));
        w.app.fee_void_payment(&w.bursar, a.payment.id(), "Salah siswa").await.unwrap();
        let next = w.app.fee_day_report(&w.bursar, date(2025, 8, 2)).await.unwrap();
        assert_eq!((next.cash, next.voided, next.cash_net), (0, 100_000, -100_000));
        // The closed day reads as it was closed.
        let again = w.app.fee_day_report(&w.bursar, day).await.unwrap();
        assert_eq!(again.cash, 110_000);
        let paid = w.app.fee_pay(&w.bursar, &cash(w.own_student, 1_000)).await.unwrap();
        assert_eq!(paid.receipt, "2025-00004");
        check_books(&store_of(&w.app).await).await;
    }
}

both! {
    /// Arrears: who owes what was due, by class, largest first.
    async fn arrears_per_class_and_student(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        for p in ["2025-08", "2025-09", "2025-10"] {
            w.app.fee_invoice_period(&w.bursar, p).await.unwrap();
        }
        w.app.fee_pay(&w.bursar, &cash(w.other_student, 250_000)).await.unwrap();
        let rows = w.app.fee_arrears(&w.bursar, None, date(2025, 9, 30)).await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Andi Pratama");
        assert_eq!((rows[0].months, rows[0].owed), (2, 1_250_000 + 250_000));
        assert_eq!(rows[0].oldest.as_deref(), Some("2025-08"));
        assert_eq!(rows[0].class, "VII-A");
        assert_eq!((rows[1].months, rows[1].owed), (1, 250_000));
        assert_eq!(rows[1].oldest.as_deref(), Some("2025-09"));
        let class_b = w.app.fee_arrears(&w.bursar, Some(w.class_b), date(2025, 9, 30)).await.unwrap();
        assert_eq!(class_b.len(), 1);
        assert_eq!(class_b[0].nisn, "0087654321");
        // October is not due by the end of September; by its due day it is.
        let rows = w.app.fee_arrears(&w.bursar, Some(w.class_b), date(2025, 10, 10)).await.unwrap();
        assert_eq!(rows[0].owed, 500_000);
    }
}

both! {
    /// A receipt: its words, and a reprint is a copy.
    async fn receipts_print_once_then_copies(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let paid = w.app.fee_pay(&w.bursar, &cash(w.own_student, 250_000)).await.unwrap();
        let (y, n) = schooldesk_app::fees::parse_receipt(&paid.receipt).unwrap();
        let first = w.app.fee_receipt(&w.bursar, y, n).await.unwrap();
        assert!(!first.copy);
        assert_eq!(first.words_id, "dua ratus lima puluh ribu rupiah");
        assert_eq!(first.words_en, "two hundred fifty thousand rupiah");
        assert_eq!(first.items, vec![("2025-08".to_string(), 250_000)]);
        assert_eq!(first.class.as_deref(), Some("VII-A"));
        // Read again before the first print is marked: still the original.
        let again = w.app.fee_receipt(&w.bursar, y, n).await.unwrap();
        assert!(!again.copy, "not printed until marked");
        w.app.fee_receipt_printed(&w.bursar, &first).await.unwrap();
        // The other desk's print of the original lost the race: a conflict.
        let e = w.app.fee_receipt_printed(&w.bursar, &again).await.unwrap_err();
        assert_eq!(e.kind(), "conflict", "{e}");
        assert!(w.app.fee_receipt(&w.bursar, y, n).await.unwrap().copy);
        let err = w.app.fee_receipt(&w.bursar, y, 99).await.unwrap_err();
        assert_eq!(field_code(&err), ("receipt", "no_such_receipt"));
        assert!(matches!(
            w.app.fee_receipt(&w.parent, y, n).await,
            Err(AppError::NotAllowed(_))
        ));
    }
}

both! {
    /// The three wrongs the last session left (issue 17): (a) a discount
    /// given after a month was paid lowers it, and the part paid beyond it
    /// is the student's credit — balance, credit and arrears agree, and it
    /// can be refunded; (b) credit goes to the next month when it is
    /// billed, audited; (c) a voided invoice's month is billed again, and
    /// the database keeps one standing invoice per student and month.
    async fn lowered_months_and_credit_move_the_money(b: Backend) {
        let w = world(b).await;
        let store = store_of(&w.app).await;
        let (spp, _) = plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let budi = w.other_student;
        let paid = w.app.fee_pay(&w.bursar, &cash(budi, 250_000)).await.unwrap();
        assert_eq!(paid.credit, 0);

        // (a) Half of the SPP waived after August was paid.
        w.app
            .fee_discount_give(
                &w.admin,
                &FeeDiscount {
                    student_id: budi,
                    fee_item_id: Some(spp.id()),
                    kind: "percent".into(),
                    value: 5_000,
                    reason: "Yatim".into(),
                    active: true,
                },
            )
            .await
            .unwrap();
        let run = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!(run.adjustments, 1);
        let st = w.app.fee_statement(&w.bursar, budi).await.unwrap();
        assert_eq!((st.balance, st.credit), (-125_000, 125_000));
        assert_eq!((st.months[0].paid, st.months[0].owed), (125_000, 0));
        let arrears = w.app.fee_arrears(&w.bursar, None, date(2025, 12, 31)).await.unwrap();
        assert!(arrears.iter().all(|r| r.student_id != budi), "{arrears:?}");
        let events = |action: &'static str| {
            let store = store.clone();
            async move {
                store
                    .backend()
                    .audit(&schooldesk_store::AuditQuery { record_id: Some(budi), limit: 100, ..Default::default() })
                    .await
                    .unwrap()
                    .into_iter()
                    .filter(|e| e.action == action)
                    .map(|e| e.after.unwrap_or_default())
                    .collect::<Vec<_>>()
            }
        };
        let released = events("credit_released").await;
        assert_eq!(released.len(), 1, "{released:?}");
        assert!(released[0].contains("Rp 125.000 from 2025-08"), "{released:?}");
        w.app.fee_refund(&w.bursar, budi, 25_000, Method::Cash, "Dikembalikan sebagian").await.unwrap();
        check_books(&store).await;

        // (b) September: SPP after the discount 125 000, of which the
        // credit left (100 000) pays at once.
        w.app.fee_invoice_period(&w.bursar, "2025-09").await.unwrap();
        let st = w.app.fee_statement(&w.bursar, budi).await.unwrap();
        let september = st.months.iter().find(|m| m.period == "2025-09").unwrap();
        assert_eq!((september.paid, september.owed), (100_000, 25_000));
        assert_eq!((st.credit, st.balance), (0, 25_000));
        let applied = events("credit_applied").await;
        assert_eq!(applied.len(), 1, "{applied:?}");
        assert!(applied[0].contains("Rp 100.000 to 2025-09"), "{applied:?}");
        let arrears = w.app.fee_arrears(&w.bursar, None, date(2025, 9, 30)).await.unwrap();
        assert_eq!(arrears.iter().find(|r| r.student_id == budi).map(|r| r.owed), Some(25_000));
        // The receipt still says what it paid when it was printed.
        let (y, n) = schooldesk_app::fees::parse_receipt(&paid.receipt).unwrap();
        let receipt = w.app.fee_receipt(&w.bursar, y, n).await.unwrap();
        assert_eq!((receipt.items.clone(), receipt.credit), (vec![("2025-08".to_string(), 250_000)], 0));
        check_books(&store).await;

        // (c) September voided: what it was paid is credit again, and the
        // month is billed again on a new invoice, which the credit pays.
        w.app.fee_void_invoice(&w.bursar, september.invoice_id, "Salah tagih").await.unwrap();
        let st = w.app.fee_statement(&w.bursar, budi).await.unwrap();
        assert_eq!((st.credit, st.balance), (100_000, -100_000));
        let run = w.app.fee_invoice_period(&w.bursar, "2025-09").await.unwrap();
        assert_eq!((run.invoices_created, run.students), (1, 1));
        let st = w.app.fee_statement(&w.bursar, budi).await.unwrap();
        let months: Vec<_> = st.months.iter().filter(|m| m.period == "2025-09").collect();
        assert_eq!(months.len(), 2);
        let fresh = months.iter().find(|m| m.void_reason.is_none()).unwrap();
        assert_eq!((fresh.paid, fresh.owed), (100_000, 25_000));
        check_books(&store).await;
        // Two standing invoices for one month: the database refuses.
        let mut cs = schooldesk_store::ChangeSet::new(None, "test", chrono::Utc::now());
        cs.insert(&Invoice {
            student_id: budi,
            period: "2025-09".into(),
            due_date: date(2025, 9, 10),
            void_reason: None,
        });
        let err = store.commit(cs).await.unwrap_err();
        assert!(matches!(err, schooldesk_store::StoreError::Duplicate { .. }), "{err:?}");
        // A voided one beside them is fine (the one voided above is).
        let mut cs = schooldesk_store::ChangeSet::new(None, "test", chrono::Utc::now());
        cs.insert(&Invoice {
            student_id: budi,
            period: "2025-09".into(),
            due_date: date(2025, 9, 10),
            void_reason: Some("Uji".into()),
        });
        store.commit(cs).await.unwrap();

        // A payment chosen for one month pays the others with what is
        // left before anything is credit.
        w.app.fee_invoice_period(&w.bursar, "2025-10").await.unwrap();
        let october = w.app.fee_statement(&w.bursar, budi).await.unwrap()
            .months.iter().find(|m| m.period == "2025-10").unwrap().invoice_id;
        let booked = w
            .app
            .fee_pay(&w.bursar, &NewPayment { invoices: Some(vec![october]), ..cash(budi, 200_000) })
            .await
            .unwrap();
        assert_eq!(booked.allocated[0], (october, 125_000));
        assert_eq!((booked.allocated.len(), booked.credit), (2, 50_000));
        check_books(&store).await;
    }
}

/// Books `n` payments one after another as one desktop would.
async fn desk(app: App, bursar: Actor, students: Vec<Id>, n: usize) -> Vec<String> {
    let mut receipts = Vec::new();
    for i in 0..n {
        let student = students[i % students.len()];
        let booked = app
            .fee_pay(&bursar, &cash(student, 1_000 + i as i64))
            .await
            .unwrap();
        receipts.push(booked.receipt);
    }
    receipts
}

both! {
    /// Eight desktops × twenty payments at once, each its own connection
    /// pool: receipts are 1..=160 with no gap and none twice, and every
    /// payment is allocated once, within what the invoices owe.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn many_desktops_never_share_a_receipt_number(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        for p in ["2025-08", "2025-09"] {
            w.app.fee_invoice_period(&w.bursar, p).await.unwrap();
        }
        let students = vec![w.own_student, w.other_student];
        let mut tasks = Vec::new();
        for _ in 0..8 {
            // Another desktop: its own App on the same database.
            let app = App::open(w.app.url(), false).await.unwrap().with_clock(w.clock.clone());
            tasks.push(tokio::spawn(desk(app, w.bursar.clone(), students.clone(), 20)));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        all.sort();
        let expected: Vec<String> = (1..=160).map(|n| format!("2025-{n:05}")).collect();
        assert_eq!(all, expected);
        let store = store_of(&w.app).await;
        check_books(&store).await;
        let allocations = store.list::<FeeAllocation>(&Query::all()).await.unwrap();
        let mut pairs: Vec<(Id, Id)> = allocations.iter().map(|a| (a.data.payment_id, a.data.invoice_id)).collect();
        let n = pairs.len();
        pairs.sort();
        pairs.dedup();
        assert_eq!(pairs.len(), n, "a payment allocated twice to one invoice");
        // No invoice is paid beyond what it bills.
        for st in [w.own_student, w.other_student] {
            let s = w.app.fee_statement(&w.bursar, st).await.unwrap();
            for m in &s.months {
                assert!(m.owed >= 0, "{} overpaid: {m:?}", m.period);
            }
            let total: i64 = s.payments.iter().map(|p| p.data.amount).sum();
            assert_eq!(s.paid, total);
        }
    }
}

both! {
    /// A payment typed while another desktop voids the same invoice: one
    /// waits for the other; no rupiah is created or lost either way.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn paying_while_another_desktop_voids_the_invoice(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let invoice = w.app.fee_statement(&w.bursar, w.other_student).await.unwrap().months[0].invoice_id;
        let other = App::open(w.app.url(), false).await.unwrap().with_clock(w.clock.clone());
        let (a, b2) = (w.app.clone(), w.bursar.clone());
        let student = w.other_student;
        let pay = tokio::spawn(async move { a.fee_pay(&b2, &cash(student, 250_000)).await });
        let bursar = w.bursar.clone();
        let void = tokio::spawn(async move { other.fee_void_invoice(&bursar, invoice, "Dobel").await });
        pay.await.unwrap().unwrap();
        void.await.unwrap().unwrap();
        let st = w.app.fee_statement(&w.bursar, w.other_student).await.unwrap();
        // The invoice is void; the payment stands, all of it credit.
        assert_eq!(st.billed, 0);
        assert_eq!(st.paid, 250_000);
        assert_eq!(st.credit, 250_000);
        assert_eq!(st.balance, -250_000);
        check_books(&store_of(&w.app).await).await;
    }
}

both! {
    /// Two desktops invoicing one month at once while a third takes a
    /// payment: each student is billed once (the two runs together made
    /// each invoice once), the payment lands on the invoice or as credit
    /// that the invoicing then applies, and the books add up.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn two_desktops_invoicing_one_month_bill_it_once(b: Backend) {
        let w = world(b).await;
        let store = store_of(&w.app).await;
        plan(&w).await;
        let mut runs = Vec::new();
        for _ in 0..2 {
            let desktop = App::open(w.app.url(), false).await.unwrap().with_clock(w.clock.clone());
            let bursar = w.bursar.clone();
            runs.push(tokio::spawn(async move {
                let run = desktop.fee_invoice_period(&bursar, "2025-08").await;
                desktop.close().await;
                run
            }));
        }
        let (app, bursar, student) = (w.app.clone(), w.bursar.clone(), w.own_student);
        let pay = tokio::spawn(async move { app.fee_pay(&bursar, &cash(student, 100_000)).await });
        let mut made = 0;
        for run in runs {
            made += run.await.unwrap().unwrap().invoices_created;
        }
        pay.await.unwrap().unwrap();
        assert_eq!(made, 2, "two students, one invoice each");
        assert_eq!(store.count::<Invoice>().await.unwrap(), 2);
        assert_eq!(store.count::<InvoiceLine>().await.unwrap(), 3);
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!((st.billed, st.paid, st.credit, st.balance), (1_250_000, 100_000, 0, 1_150_000));
        assert_eq!(st.months[0].paid, 100_000);
        check_books(&store).await;
        let again = w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        assert_eq!((again.students, again.invoices_created), (0, 0));
    }
}

both! {
    /// Issue 17's bad input, case by case (the desk's typed amounts are in
    /// `bad_fee_input_is_named_and_moves_nothing`): each refused with its
    /// field named and not a rupiah moved, or, where the input is allowed
    /// (discounts that add up past 100 %), never billing below zero.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn bad_input_case_by_case_moves_no_rupiah(b: Backend) {
        use schooldesk_app::fees_bank::ConfirmedLine;
        use schooldesk_app::sheet::Format;
        let w = world(b).await;
        let store = store_of(&w.app).await;
        let (spp, _) = plan(&w).await;

        // Discounts over 100 % together: 60 % + 60 % and Rp 300.000 off a
        // Rp 250.000 fee. Each is allowed; together they take the fee to
        // nothing, never below.
        for (kind, value) in [("percent", 6_000), ("percent", 6_000), ("fixed", 300_000)] {
            w.app
                .fee_discount_give(
                    &w.admin,
                    &FeeDiscount {
                        student_id: w.own_student,
                        fee_item_id: Some(spp.id()),
                        kind: kind.into(),
                        value,
                        reason: "Yatim".into(),
                        active: true,
                    },
                )
                .await
                .unwrap();
        }
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let st = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap();
        assert_eq!((st.billed, st.discounted, st.balance), (1_250_000, 250_000, 1_000_000));
        // The run is audited as one event with its counts, not row by row.
        let audit_of = |table: &str| {
            let query = schooldesk_store::AuditQuery { table_name: Some(table.into()), limit: 100, ..Default::default() };
            let store = store.clone();
            async move { store.backend().audit(&query).await.unwrap() }
        };
        let events = audit_of("invoices").await;
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].action, "period_invoiced");
        assert!(
            events[0].after.as_deref().unwrap_or("").contains("2025-08: 2 new invoice(s), 0 adjustment line(s), 2 student(s), Rp 1.250.000 net"),
            "{events:?}"
        );
        assert!(audit_of("invoice_lines").await.is_empty());
        assert!(audit_of("fee_accounts").await.is_empty());
        for line in store.list::<InvoiceLine>(&Query::all()).await.unwrap() {
            assert!((0..=line.data.billed).contains(&line.data.discount), "{line:?}");
        }
        // Zero and negative: a refund, a fixed discount.
        let before = check_books(&store).await;
        for amount in [0, -1] {
            let err = w
                .app
                .fee_refund(&w.bursar, w.own_student, amount, Method::Cash, "Lebih bayar")
                .await
                .unwrap_err();
            assert_eq!(field_code(&err), ("amount", "amount_not_positive"), "refund {amount}");
            let err = w
                .app
                .fee_discount_give(
                    &w.admin,
                    &FeeDiscount {
                        student_id: w.own_student,
                        fee_item_id: None,
                        kind: "fixed".into(),
                        value: amount,
                        reason: "Yatim".into(),
                        active: true,
                    },
                )
                .await
                .unwrap_err();
            assert_eq!(field_code(&err), ("value", "amount_not_positive"), "discount {amount}");
        }
        assert_eq!(check_books(&store).await, before);

        // A bank file from another bank's layout: one amount column,
        // signed, with no CR/DB mark. Every line is named as unreadable,
        // none can be booked.
        let signed = b"Tanggal,Keterangan,Jumlah\n28/07/2025,SPP 0012345678,-250000\n29/07/2025,SPP 0087654321,250000\n";
        let preview = w.app.fee_bank_preview(&w.bursar, Format::Csv, signed).await.unwrap();
        assert!(preview.lines.is_empty());
        let problems: Vec<(usize, &str, &str)> =
            preview.problems.iter().map(|p| (p.row, p.column.as_str(), p.code)).collect();
        assert_eq!(problems, vec![(2, "Jumlah", "bank_mark_missing"), (3, "Jumlah", "bank_mark_missing")]);
        let err = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, signed, &[ConfirmedLine { row: 2, student_id: w.own_student }])
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("row", "bank_row_not_a_credit"));
        assert_eq!((store.count::<Payment>().await.unwrap(), check_books(&store).await), (0, before.clone()));
        // Another bank's dates, month first: the whole file is refused, as
        // its lines with a day up to 12 would be read on the wrong date.
        let month_first = b"Date,Description,Amount\n07/28/2025,SPP 0012345678,250000 CR\n08/01/2025,SPP 0087654321,250000 CR\n";
        let err = w.app.fee_bank_preview(&w.bursar, Format::Csv, month_first).await.unwrap_err();
        assert_eq!(field_code(&err), ("file", "bank_dates_month_first"));
        assert!(err.to_string().contains("\"07/28/2025\", row 2"), "{err}");
        let err = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, month_first, &[ConfirmedLine { row: 3, student_id: w.own_student }])
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("file", "bank_dates_month_first"));
        assert_eq!((store.count::<Payment>().await.unwrap(), check_books(&store).await), (0, before.clone()));

        // A student who left: a bank line for them is not booked, and the
        // next month does not bill them.
        let other = w.app.student(&w.admin, w.other_student).await.unwrap().student;
        w.app
            .update_student(
                &w.admin,
                other.id(),
                other.version(),
                &Student { status: StudentStatus::Graduated, ..other.data.clone() },
            )
            .await
            .unwrap();
        let bank = b"Tanggal,Keterangan,Jumlah\n29/07/2025,SPP 0087654321,250000 CR\n";
        let preview = w.app.fee_bank_preview(&w.bursar, Format::Csv, bank).await.unwrap();
        assert_eq!(preview.lines.len(), 1);
        let err = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, bank, &[ConfirmedLine { row: 2, student_id: w.other_student }])
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("student_id", "student_has_left"));
        assert!(err.to_string().contains("Budi Setiawan"), "{err}");
        assert_eq!((store.count::<Payment>().await.unwrap(), check_books(&store).await), (0, before.clone()));
        let run = w.app.fee_invoice_period(&w.bursar, "2025-09").await.unwrap();
        assert_eq!(run.students, 1, "only the student still at school");
        assert_eq!(w.app.fee_statement(&w.bursar, w.other_student).await.unwrap().months.len(), 1);
        let before = check_books(&store).await;

        // A payment typed for a chosen invoice while another desktop voids
        // it: the payment is refused, naming the month and the reason, and
        // takes no receipt number.
        let august = w.app.fee_statement(&w.bursar, w.own_student).await.unwrap().months[0].invoice_id;
        let desktop = App::open(w.app.url(), false).await.unwrap().with_clock(w.clock.clone());
        desktop.fee_void_invoice(&w.bursar, august, "Salah tagih").await.unwrap();
        let after_void = check_books(&store).await;
        assert_ne!(after_void, before);
        let err = w
            .app
            .fee_pay(&w.bursar, &NewPayment { invoices: Some(vec![august]), ..cash(w.own_student, 1_000_000) })
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("invoices", "invoice_not_open"));
        assert!(err.to_string().contains("2025-08 was voided (Salah tagih)"), "{err}");
        assert_eq!((store.count::<Payment>().await.unwrap(), check_books(&store).await), (0, after_void.clone()));

        // Voiding twice, each from another desktop: the second is refused
        // and moves nothing; each void is audited once.
        let err = w.app.fee_void_invoice(&w.bursar, august, "Salah tagih").await.unwrap_err();
        assert_eq!(field_code(&err), ("invoice_id", "already_voided"));
        let paid = w.app.fee_pay(&w.bursar, &cash(w.own_student, 100_000)).await.unwrap();
        assert_eq!(paid.receipt, "2025-00001", "the refused payment took no number");
        desktop.fee_void_payment(&w.bursar, paid.payment.id(), "Dobel").await.unwrap();
        let voided = check_books(&store).await;
        let err = w.app.fee_void_payment(&w.bursar, paid.payment.id(), "Dobel").await.unwrap_err();
        assert_eq!(field_code(&err), ("payment_id", "already_voided"));
        assert_eq!(check_books(&store).await, voided);
        for (table, id, action) in [("invoices", august, "invoice_voided"), ("payments", paid.payment.id(), "payment_voided")] {
            let events = store
                .backend()
                .audit(&schooldesk_store::AuditQuery {
                    table_name: Some(table.into()),
                    record_id: Some(id),
                    limit: 100,
                    ..Default::default()
                })
                .await
                .unwrap();
            assert_eq!(events.iter().filter(|e| e.action == action).count(), 1, "{action}");
        }
        desktop.close().await;
    }
}

/// A small deterministic generator (no dependency): the same run every time.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % m.max(1)
    }
}

both! {
    /// A random run (seeded, bounded): plans changed, discounts given,
    /// months invoiced and re-invoiced, payments (some to chosen
    /// invoices), voids of payments and invoices, refunds of credit. After
    /// every step the books are checked (see [`check_books`]); any refusal
    /// must leave them as they were.
    async fn random_runs_keep_the_books(b: Backend) {
        let w = world(b).await;
        let store = store_of(&w.app).await;
        let (mut spp, _) = plan(&w).await;
        let students = [w.own_student, w.other_student];
        let periods = ["2025-08", "2025-09", "2025-10", "2025-11"];
        let mut rng = Lcg(0x17_17_17);
        let mut books = check_books(&store).await;
        let steps = if b == Backend::Postgres { 120 } else { 160 };
        for step in 0..steps {
            let student = students[rng.next(2) as usize];
            let op = rng.next(10);
            let result: Result<(), AppError> = match op {
                0 => {
                    let amount = 50_000 * (1 + rng.next(8) as i64);
                    w.app
                        .fee_item_save(&w.admin, Some((spp.id(), spp.version())), &monthly(w.year, "SPP", amount))
                        .await
                        .map(|s| spp = s)
                }
                1 => w
                    .app
                    .fee_discount_give(
                        &w.admin,
                        &FeeDiscount {
                            student_id: student,
                            fee_item_id: if rng.next(2) == 0 { Some(spp.id()) } else { None },
                            kind: if rng.next(2) == 0 { "percent".into() } else { "fixed".into() },
                            value: 1 + rng.next(12_000) as i64,
                            reason: "Acak".into(),
                            active: true,
                        },
                    )
                    .await
                    .map(|_| ()),
                2 | 3 => w
                    .app
                    .fee_invoice_period(&w.bursar, periods[rng.next(4) as usize])
                    .await
                    .map(|_| ()),
                4..=6 => {
                    let amount = rng.next(400_000) as i64 - 10_000;
                    let chosen = if rng.next(3) == 0 {
                        let st = w.app.fee_statement(&w.bursar, student).await.unwrap();
                        Some(st.months.iter().filter(|m| m.owed > 0).map(|m| m.invoice_id).rev().collect())
                    } else {
                        None
                    };
                    w.app
                        .fee_pay(&w.bursar, &NewPayment { invoices: chosen, ..cash(student, amount) })
                        .await
                        .map(|_| ())
                }
                7 => {
                    let st = w.app.fee_statement(&w.bursar, student).await.unwrap();
                    match st.payments.get(rng.next(st.payments.len() as u64 + 1) as usize) {
                        Some(p) => w.app.fee_void_payment(&w.bursar, p.id(), "Acak").await,
                        None => Ok(()),
                    }
                }
                8 => {
                    let st = w.app.fee_statement(&w.bursar, student).await.unwrap();
                    match st.months.get(rng.next(st.months.len() as u64 + 1) as usize) {
                        Some(m) => w.app.fee_void_invoice(&w.bursar, m.invoice_id, "Acak").await,
                        None => Ok(()),
                    }
                }
                _ => {
                    let st = w.app.fee_statement(&w.bursar, student).await.unwrap();
                    let amount = rng.next(st.credit.max(0) as u64 + 50_000) as i64;
                    w.app
                        .fee_refund(&w.bursar, student, amount, Method::Cash, "Acak")
                        .await
                        .map(|_| ())
                }
            };
            let now = check_books(&store).await;
            if let Err(e) = &result {
                assert!(
                    matches!(e, AppError::Invalid(_)),
                    "step {step} op {op}: unexpected {e:?}"
                );
                assert_eq!(now, books, "step {step} op {op}: a refusal moved money ({e})");
            }
            books = now;
            // The statement and the arrears agree with the account, each on
            // its own: the credit is −balance, what the months owe (none
            // below zero) and what the arrears report shows is the balance.
            let arrears = w.app.fee_arrears(&w.bursar, None, date(2099, 12, 31)).await.unwrap();
            for s in students {
                let st = w.app.fee_statement(&w.bursar, s).await.unwrap();
                assert!(st.months.iter().all(|m| m.owed >= 0), "step {step}: a month owes below zero");
                let owed: i64 = st.months.iter().map(|m| m.owed).sum();
                assert_eq!(st.credit, (-st.balance).max(0), "step {step}: credit against the balance");
                assert_eq!(owed, st.balance.max(0), "step {step}: months against the balance");
                let in_arrears = arrears.iter().find(|r| r.student_id == s).map_or(0, |r| r.owed);
                assert_eq!(in_arrears, st.balance.max(0), "step {step}: arrears against the balance");
            }
        }
        assert!(store.count::<Payment>().await.unwrap() > 10, "the run paid");
        assert!(store.count::<InvoiceLine>().await.unwrap() > 4, "the run billed");
    }
}

both! {
    /// `schooldesk demo`'s fees (issue 17, item 8): a fee plan and three
    /// months invoiced with some paid, stored as the use-cases would leave
    /// them: the books add up, the receipts run 1..N, and the desk goes on
    /// from the next number.
    async fn the_sample_school_has_fees_that_add_up(b: Backend) {
        let (app, clock, _dir) = empty_app(b).await;
        clock.advance(chrono::Duration::days(120)); // 2025-11-29
        let created = app
            .create_sample_school(schooldesk_app::sample::SampleSize {
                students: 120,
                classes_per_grade: 2,
                ..Default::default()
            })
            .await
            .unwrap();
        let store = store_of(&app).await;
        let balances = check_books(&store).await;
        assert_eq!(balances.len(), 120);
        let invoices = store.list::<Invoice>(&Query::all()).await.unwrap();
        let periods: BTreeSet<String> = invoices.iter().map(|i| i.data.period.clone()).collect();
        assert_eq!(periods.into_iter().collect::<Vec<_>>(), ["2025-08", "2025-09", "2025-10"]);
        let paid = store.count::<Payment>().await.unwrap();
        assert!(paid > 10, "{paid} payments");
        assert!(balances.values().any(|b| *b == 0) && balances.values().any(|b| *b > 0));
        // The desk goes on from the demo's last receipt.
        let admin = created.logins.iter().find(|l| l.roles.contains(&Role::Admin)).unwrap();
        let actor = app.authenticate(&admin.login, &admin.password).await.unwrap();
        let student = store.list::<Student>(&Query::all().limit(1)).await.unwrap()[0].id();
        let booked = app.fee_pay(&actor, &cash(student, 1_000)).await.unwrap();
        assert_eq!(booked.receipt, format!("2025-{:05}", paid + 1));
        check_books(&store).await;
    }
}

/// A mutation export as KlikBCA writes it (issue 17, item 4): title rows,
/// `Tanggal, Keterangan, Cabang, Jumlah, Saldo`, amounts in the English
/// way with CR/DB, the bank's totals under the lines. Rows as an editor
/// numbers them: the header is line 7.
const BCA_STATEMENT: &str = "Informasi Rekening - Mutasi Rekening
No. Rekening : 0613005678
Nama : YAYASAN PENDIDIKAN NUSANTARA
Periode : 28/07/2025 - 01/08/2025
Kode Mata Uang : IDR

Tanggal,Keterangan,Cabang,Jumlah,Saldo
28/07/2025,TRSF E-BANKING CR 2807/FTSCY/WS95031 SPP AGUSTUS 0012345678 ANDI,0000,\"250,000.00 CR\",\"10,250,000.00\"
29/07/2025,BI-FAST CR TRANSFER DR 014 SPP BUDI SETIAWAN,0000,\"125,000.00 CR\",\"10,375,000.00\"
30/07/2025,BIAYA ADM,0000,\"10,000.00 DB\",\"10,365,000.00\"
31/07/2025,SETORAN TUNAI HAMBA ALLAH,0061,\"500,000.00 CR\",\"10,865,000.00\"
31/07/2025,TRSF E-BANKING CR 3107/FTSCY/WS95031 0012345678,0000,\"75,000.50 CR\",\"10,940,000.50\"
32/07/2025,TRSF E-BANKING CR 0087654321,0000,\"50,000.00 CR\",\"10,990,000.50\"
01/08/2025,TRSF E-BANKING CR 0108/FTSCY/WS95031 SPP 0087654321,0000,\"250,000.00 CR\",\"11,240,000.50\"

Saldo Awal,,,\"10,000,000.00\"
Mutasi Kredit,,,\"1,250,000.50\"
Mutasi Debet,,,\"10,000.00\"
Saldo Akhir,,,\"11,240,000.50\"
";

both! {
    /// A bank statement: the preview matches each credit line (NISN sure,
    /// name uncertain, none unmatched), names each bad line by row, column
    /// and reason, counts the debits and writes nothing; the confirmation
    /// books only the confirmed lines as transfers with the bank's text
    /// and date, in one go; the same statement again books nothing twice.
    async fn bank_statements_are_matched_then_booked_once(b: Backend) {
        use schooldesk_app::fees_bank::{Confidence, ConfirmedLine};
        use schooldesk_app::sheet::Format;
        let w = world(b).await;
        let store = store_of(&w.app).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let bytes = BCA_STATEMENT.as_bytes();
        let preview = w.app.fee_bank_preview(&w.bursar, Format::Csv, bytes).await.unwrap();
        let seen: Vec<(usize, i64, Confidence, Option<&str>)> = preview
            .lines
            .iter()
            .map(|l| (l.row, l.amount, l.confidence, l.student.as_ref().map(|s| s.nisn.as_str())))
            .collect();
        assert_eq!(
            seen,
            vec![
                (8, 250_000, Confidence::Sure, Some("0012345678")),
                (9, 125_000, Confidence::Uncertain, Some("0087654321")),
                (11, 500_000, Confidence::Unmatched, None),
                (14, 250_000, Confidence::Sure, Some("0087654321")),
            ]
        );
        assert_eq!(preview.debits, 1);
        let problems: Vec<(usize, &str, &str)> = preview
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_str(), p.code))
            .collect();
        assert_eq!(
            problems,
            vec![(12, "Jumlah", "bank_amount_has_cents"), (13, "Tanggal", "bank_date_unreadable")]
        );
        assert_eq!(preview.lines[0].date, date(2025, 7, 28));
        assert!(preview.lines.iter().all(|l| !l.booked));
        assert_eq!(store.count::<Payment>().await.unwrap(), 0, "a preview writes nothing");
        assert_eq!(store.count::<BankLine>().await.unwrap(), 0);

        // The bursar confirms the sure lines and, having looked, row 9.
        let budi = w.other_student;
        let confirm: Vec<ConfirmedLine> = preview
            .lines
            .iter()
            .filter(|l| l.confidence != Confidence::Unmatched)
            .map(|l| ConfirmedLine { row: l.row, student_id: l.student.as_ref().unwrap().id })
            .collect();
        let booked = w.app.fee_bank_confirm(&w.bursar, Format::Csv, bytes, &confirm).await.unwrap();
        let receipts: Vec<(usize, &str)> = booked.booked.iter().map(|(r, b)| (*r, b.receipt.as_str())).collect();
        assert_eq!(receipts, vec![(8, "2025-00001"), (9, "2025-00002"), (14, "2025-00003")]);
        let p = &booked.booked[1].1.payment.data;
        assert_eq!((p.method.as_str(), p.paid_on, p.student_id), ("transfer", date(2025, 7, 29), budi));
        assert_eq!(p.reference.as_deref(), Some("BI-FAST CR TRANSFER DR 014 SPP BUDI SETIAWAN"));
        // Budi's 125 000 and 250 000: August's 250 000 first, then credit.
        let st = w.app.fee_statement(&w.bursar, budi).await.unwrap();
        assert_eq!((st.paid, st.credit, st.balance), (375_000, 125_000, -125_000));
        check_books(&store).await;
        let audit = store
            .backend()
            .audit(&schooldesk_store::AuditQuery { table_name: Some("payments".into()), limit: 50, ..Default::default() })
            .await
            .unwrap();
        assert!(audit.iter().any(|e| e.action == "bank_statement_booked"
            && e.after.as_deref().unwrap_or("").contains("3 line(s), Rp 625.000")));

        // The same statement again: the preview says booked, and nothing
        // is booked twice.
        let again = w.app.fee_bank_preview(&w.bursar, Format::Csv, bytes).await.unwrap();
        assert_eq!(again.lines.iter().filter(|l| l.booked).map(|l| l.row).collect::<Vec<_>>(), vec![8, 9, 14]);
        let twice = w.app.fee_bank_confirm(&w.bursar, Format::Csv, bytes, &confirm).await.unwrap();
        assert!(twice.booked.is_empty());
        assert_eq!(twice.already, vec![8, 9, 14]);
        assert_eq!(store.count::<Payment>().await.unwrap(), 3);

        // A row that is not a credit line refuses the whole confirmation.
        let err = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, bytes, &[ConfirmedLine { row: 10, student_id: budi }, ConfirmedLine { row: 11, student_id: budi }])
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("row", "bank_row_not_a_credit"));
        assert_eq!(store.count::<Payment>().await.unwrap(), 3);

        // Another layout is named as such.
        let err = w
            .app
            .fee_bank_preview(&w.bursar, Format::Csv, b"No,Nama Siswa,Nominal\n1,Andi,250000\n")
            .await
            .unwrap_err();
        assert_eq!(field_code(&err), ("file", "bank_layout_unknown"));

        // Teachers, parents and students import nothing.
        for actor in [&w.teacher, &w.parent, &w.student] {
            assert!(matches!(
                w.app.fee_bank_preview(actor, Format::Csv, bytes).await,
                Err(AppError::NotAllowed(_))
            ));
        }
    }
}

both! {
    /// A transfer the bursar already booked at the desk is not booked again
    /// from the statement without a person deciding; a bank's own codes
    /// ("WS95031") are no student number; a line whose booking was voided
    /// (a wrong student) can be booked again, and the stored line then
    /// names the new payment.
    async fn bank_lines_booked_otherwise_or_voided(b: Backend) {
        use schooldesk_app::fees_bank::{Confidence, ConfirmedLine};
        use schooldesk_app::sheet::Format;
        let w = world(b).await;
        let store = store_of(&w.app).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let bytes = BCA_STATEMENT.as_bytes();
        // Andi's Rp 250.000 of 28 July, booked at the desk on the slip
        // (dated a day later).
        let desk = w
            .app
            .fee_pay(
                &w.bursar,
                &NewPayment {
                    method: Method::Transfer,
                    reference: Some("slip BCA".into()),
                    paid_on: Some(date(2025, 7, 29)),
                    ..cash(w.own_student, 250_000)
                },
            )
            .await
            .unwrap();
        let preview = w.app.fee_bank_preview(&w.bursar, Format::Csv, bytes).await.unwrap();
        let row8 = preview.lines.iter().find(|l| l.row == 8).unwrap();
        assert_eq!(row8.possibly_booked.as_deref(), Some(desk.receipt.as_str()));
        assert_eq!(row8.confidence, Confidence::Uncertain, "never booked without a look");
        // Row 14 names Budi's NISN beside the bank's code WS95031.
        let row14 = preview.lines.iter().find(|l| l.row == 14).unwrap();
        assert_eq!((row14.confidence, row14.possibly_booked.as_deref()), (Confidence::Sure, None));

        // Row 14 booked to the wrong student, then voided: free again.
        let wrong = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, bytes, &[ConfirmedLine { row: 14, student_id: w.own_student }])
            .await
            .unwrap();
        let first = wrong.booked[0].1.payment.id();
        let again = w.app.fee_bank_preview(&w.bursar, Format::Csv, bytes).await.unwrap();
        assert!(again.lines.iter().find(|l| l.row == 14).unwrap().booked);
        w.app.fee_void_payment(&w.bursar, first, "Salah siswa").await.unwrap();
        let freed = w.app.fee_bank_preview(&w.bursar, Format::Csv, bytes).await.unwrap();
        assert!(!freed.lines.iter().find(|l| l.row == 14).unwrap().booked);
        let right = w
            .app
            .fee_bank_confirm(&w.bursar, Format::Csv, bytes, &[ConfirmedLine { row: 14, student_id: w.other_student }])
            .await
            .unwrap();
        assert_eq!(right.booked.len(), 1);
        let second = right.booked[0].1.payment.id();
        let lines = store.list::<BankLine>(&Query::all()).await.unwrap();
        assert_eq!(lines.len(), 1, "one stored line per bank line");
        assert_eq!(lines[0].data.payment_id, second);
        check_books(&store).await;
    }
}

both! {
    /// A statement in XLSX with credit and debit apart (as Mandiri
    /// exports): read the same way.
    async fn bank_statements_in_xlsx_with_credit_apart(b: Backend) {
        use schooldesk_app::fees_bank::Confidence;
        use schooldesk_app::sheet::Format;
        let w = world(b).await;
        plan(&w).await;
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "Account Statement / Mutasi Rekening").unwrap();
        for (c, h) in ["Tanggal", "Keterangan", "Referensi", "Debit", "Kredit", "Saldo"].iter().enumerate() {
            sheet.write(2, c as u16, *h).unwrap();
        }
        sheet.write(3, 0, "31/07/2025").unwrap();
        sheet.write(3, 1, "TRANSFER DARI ANDI PRATAMA NISN 0012345678").unwrap();
        sheet.write(3, 2, "MDR2507310001").unwrap();
        sheet.write(3, 4, 300_000).unwrap();
        sheet.write(3, 5, 5_300_000).unwrap();
        sheet.write(4, 0, "31/07/2025").unwrap();
        sheet.write(4, 1, "BIAYA ADMIN").unwrap();
        sheet.write(4, 3, 5_000).unwrap();
        sheet.write(4, 5, 5_295_000).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let preview = w.app.fee_bank_preview(&w.bursar, Format::Xlsx, &bytes).await.unwrap();
        assert!(preview.problems.is_empty(), "{:?}", preview.problems);
        assert_eq!(preview.debits, 1);
        assert_eq!(preview.lines.len(), 1);
        let line = &preview.lines[0];
        assert_eq!((line.row, line.amount, line.confidence), (4, 300_000, Confidence::Sure));
        assert_eq!(line.reference.as_deref(), Some("MDR2507310001"));
    }
}

both! {
    /// Income by fee item and month (issue 17, item 5): billed, received
    /// (an invoice's receipts shared among its items by their net) and
    /// outstanding; the items of a month add up to what was received.
    async fn income_by_fee_item_and_month(b: Backend) {
        let w = world(b).await;
        plan(&w).await;
        for p in ["2025-08", "2025-09"] {
            w.app.fee_invoice_period(&w.bursar, p).await.unwrap();
        }
        // Andi's August: SPP 250 000 + building 1 000 000; he pays half.
        w.app.fee_pay(&w.bursar, &cash(w.own_student, 625_000)).await.unwrap();
        w.app.fee_pay(&w.bursar, &cash(w.other_student, 250_001)).await.unwrap();
        let rows = w.app.fee_income(&w.bursar, "2025-08", "2025-09").await.unwrap();
        let seen: Vec<(&str, &str, i64, i64, i64)> = rows
            .iter()
            .map(|r| (r.fee_item.as_str(), r.period.as_str(), r.billed, r.received, r.outstanding))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("SPP", "2025-08", 500_000, 125_000 + 250_000, 125_000),
                ("SPP", "2025-09", 500_000, 1, 499_999),
                ("Uang gedung", "2025-08", 1_000_000, 500_000, 500_000),
            ]
        );
        let august = w.app.fee_income(&w.bursar, "2025-08", "2025-08").await.unwrap();
        assert_eq!(august.len(), 2);
        let err = w.app.fee_income(&w.bursar, "2025-8", "2025-09").await.unwrap_err();
        assert_eq!(field_code(&err), ("from", "not_a_period"));
        assert!(matches!(
            w.app.fee_income(&w.teacher, "2025-08", "2025-09").await,
            Err(AppError::NotAllowed(_))
        ));
    }
}

both! {
    /// The year ahead in one run (`fee_invoice_periods`): every month is
    /// billed exactly as month by month would bill it — a school billed
    /// August to December in one run and one billed month by month end
    /// with the same statements, credit placed oldest first in both — each
    /// month is audited as its own event, a second run adds nothing, and
    /// bad ranges, other years and other roles are refused with nothing
    /// written.
    async fn the_year_in_one_run_bills_as_month_by_month(b: Backend) {
        let mut statements = Vec::new();
        for one_run in [true, false] {
            let w = world(b).await;
            let store = store_of(&w.app).await;
            let (spp, _) = plan(&w).await;
            half_spp_for_andi(&w, &spp).await;
            // Paid ahead: Rp 1.500.000 of credit before anything is billed.
            w.app.fee_pay(&w.bursar, &cash(w.other_student, 1_500_000)).await.unwrap();
            let months = ["2025-08", "2025-09", "2025-10", "2025-11", "2025-12"];
            let runs = if one_run {
                w.app.fee_invoice_periods(&w.bursar, "2025-08", "2025-12").await.unwrap()
            } else {
                let mut runs = Vec::new();
                for m in months {
                    runs.push(w.app.fee_invoice_period(&w.bursar, m).await.unwrap());
                }
                runs
            };
            let periods: Vec<&str> = runs.iter().map(|r| r.period.as_str()).collect();
            assert_eq!(periods, months);
            // August: both students' SPP (Andi at 50 %) and Andi's building fee.
            assert_eq!((runs[0].students, runs[0].invoices_created), (2, 2));
            assert_eq!(runs[0].net_added, 125_000 + 1_000_000 + 250_000);
            assert!(runs[1..].iter().all(|r| r.net_added == 125_000 + 250_000 && r.invoices_created == 2));
            check_books(&store).await;
            let events = store
                .backend()
                .audit(&schooldesk_store::AuditQuery {
                    table_name: Some("invoices".into()),
                    limit: 100,
                    ..Default::default()
                })
                .await
                .unwrap();
            let invoiced: Vec<_> = events.iter().filter(|e| e.action == "period_invoiced").collect();
            assert_eq!(invoiced.len(), 5, "one event per month");
            assert!(
                invoiced.iter().any(|e| e.after.as_deref().unwrap_or("").contains("2025-10: 2 new invoice(s), 0 adjustment line(s), 2 student(s), Rp 375.000 net")),
                "{invoiced:?}"
            );
            let mut of_school = Vec::new();
            for student in [w.own_student, w.other_student] {
                let st = w.app.fee_statement(&w.bursar, student).await.unwrap();
                let months: Vec<_> = st
                    .months
                    .iter()
                    .map(|m| (m.period.clone(), m.due_date, m.billed, m.discount, m.paid, m.owed))
                    .collect();
                of_school.push((months, st.billed, st.discounted, st.paid, st.balance, st.credit));
            }
            statements.push(of_school);

            if one_run {
                // Again: nothing new in any month.
                let again = w.app.fee_invoice_periods(&w.bursar, "2025-08", "2025-12").await.unwrap();
                assert!(again.iter().all(|r| r.students == 0 && r.net_added == 0), "{again:?}");
                // Refused, nothing written: a range backwards, a range
                // leaving the academic year, a month that is no month, a
                // teacher.
                let audit = store.backend().count_audit().await.unwrap();
                let err = w.app.fee_invoice_periods(&w.bursar, "2025-12", "2025-08").await.unwrap_err();
                assert_eq!(field_code(&err), ("through", "through_before_period"));
                let err = w.app.fee_invoice_periods(&w.bursar, "2026-05", "2026-09").await.unwrap_err();
                assert_eq!(field_code(&err), ("through", "months_span_years"));
                assert!(err.to_string().contains("2026-07"), "{err}");
                let err = w.app.fee_invoice_periods(&w.bursar, "2026-01", "2026-13").await.unwrap_err();
                assert_eq!(field_code(&err).0, "through");
                assert!(matches!(
                    w.app.fee_invoice_periods(&w.teacher, "2026-01", "2026-02").await,
                    Err(AppError::NotAllowed(_))
                ));
                assert_eq!(store.backend().count_audit().await.unwrap(), audit);
                assert_eq!(
                    store.list::<Invoice>(&Query::all().eq("period", "2026-01")).await.unwrap().len(),
                    0
                );
            }
        }
        assert_eq!(statements[0], statements[1], "one run and month by month differ");
        // The credit went to August first, then onwards, in both.
        let (other_months, ..) = &statements[0][1];
        assert_eq!(other_months[0].4, 250_000);
        assert_eq!(statements[0][1].5, 1_500_000 - 5 * 250_000);
    }
}
