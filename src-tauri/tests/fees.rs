//! The fee desk's commands (issue 17, helper "feesui"), through a real
//! shell on a real SQLite file: a payment gets the year's next receipt
//! number, its receipt is written as a PDF and a second print is a copy
//! (another file, saying so); a student who left, an unknown way of paying
//! and a void without a reason are refused naming the field; a closed day
//! refuses new payments in words; a teacher sees nothing of fees. The
//! refusals the page shows are written to `ui/src/test/fixtures` for the
//! component tests, like `fixtures.rs`.

mod common;

use chrono::NaiveDate;
use common::*;
use schooldesk_core::{Gender, Role, Student, StudentStatus};
use schooldesk_desktop::fees::{self, PaymentForm};
use schooldesk_desktop::shell::Shell;
use std::path::PathBuf;

fn fixture(name: &str, value: &impl serde::Serialize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/test/fixtures")
        .join(name);
    let generated = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/test/fixtures/{name} differs from what the shell answers; run \
         `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop --test fees` and commit it"
    );
}

fn student(nisn: &str, name: &str, status: StudentStatus) -> Student {
    Student {
        nis: format!("24{}", &nisn[6..]),
        nisn: nisn.into(),
        full_name: name.into(),
        gender: Gender::Female,
        birth_place: "Bandung".into(),
        birth_date: NaiveDate::from_ymd_opt(2013, 3, 4).unwrap(),
        religion: "Islam".into(),
        address: "Jl. Melati 2".into(),
        status,
        user_id: None,
    }
}

fn cash(student_id: schooldesk_core::Id, amount: i64) -> PaymentForm {
    PaymentForm {
        student_id,
        amount,
        method: "cash".into(),
        reference: None,
        paid_on: None,
        payer: Some("Ibu Wati".into()),
        invoices: None,
    }
}

#[tokio::test]
async fn the_desk_books_prints_refuses_and_closes() {
    let tmp = tempfile::tempdir().unwrap();
    // Receipts go to the user's documents folder (or home): this test's.
    // The only test in this binary, so nothing else reads HOME meanwhile.
    std::env::set_var("HOME", tmp.path());
    std::env::remove_var("XDG_DOCUMENTS_DIR");
    let office = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&office, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&office, "admin", "rahasia-sekolah").await;
    let (app, actor) = office.actor().await.unwrap();
    let sari = app
        .create_student(
            &actor,
            &student("0012345678", "Sari Wulandari", StudentStatus::Active),
            None,
        )
        .await
        .unwrap();
    let gone = app
        .create_student(
            &actor,
            &student("0012345679", "Budi Santoso", StudentStatus::MovedOut),
            None,
        )
        .await
        .unwrap();

    // Found by name, with the class (none here).
    let found = fees::students(&office, "Wulan".into()).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].student.id, sari.id());

    // A payment: the year's first receipt; with nothing billed, all credit.
    let booked = fees::pay(&office, cash(sari.id(), 250_000)).await.unwrap();
    let year = app.today().format("%Y").to_string();
    assert_eq!(booked.receipt, format!("{year}-00001"));
    assert_eq!(booked.credit, 250_000);

    // Its receipt as PDF, in Indonesian; the second print is a copy, in a
    // file of its own.
    let first = fees::print_receipt(&office, booked.receipt.clone(), "id".into())
        .await
        .unwrap();
    assert!(!first.copy);
    assert_eq!(first.words, "dua ratus lima puluh ribu rupiah");
    assert_eq!(first.payer, "Ibu Wati");
    let pdf = std::fs::read(&first.path).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "{}", first.path);
    let second = fees::print_receipt(&office, booked.receipt.clone(), "en".into())
        .await
        .unwrap();
    assert!(second.copy);
    assert_ne!(second.path, first.path);
    assert!(second.path.contains("(copy)"), "{}", second.path);
    assert!(
        std::fs::metadata(&first.path).is_ok(),
        "the first print stays"
    );
    // The page may open what was written.
    let statement = fees::statement(&office, sari.id()).await.unwrap();
    assert_eq!(statement.credit, 250_000);
    assert_eq!(statement.payments[0].receipt, booked.receipt);
    assert_eq!(statement.payments[0].payment.data.prints, 2);

    // Refusals name the field.
    let left = fees::pay(&office, cash(gone.id(), 100_000))
        .await
        .unwrap_err();
    assert_eq!(left.fields[0].field, "student_id", "{left:?}");
    assert_eq!(left.fields[0].code, "student_has_left");
    fixture("fees-student-left.json", &left);
    let cheque = fees::pay(
        &office,
        PaymentForm {
            method: "cheque".into(),
            ..cash(sari.id(), 100_000)
        },
    )
    .await
    .unwrap_err();
    assert_eq!(cheque.fields[0].field, "method", "{cheque:?}");
    let zero = fees::pay(&office, cash(sari.id(), 0)).await.unwrap_err();
    assert_eq!(zero.fields[0].field, "amount", "{zero:?}");
    let no_reason = fees::void_payment(&office, booked.payment.id, "  ".into())
        .await
        .unwrap_err();
    assert_eq!(no_reason.fields[0].field, "reason", "{no_reason:?}");

    // Voided with a reason: kept, marked.
    fees::void_payment(&office, booked.payment.id, "salah siswa".into())
        .await
        .unwrap();
    let statement = fees::statement(&office, sari.id()).await.unwrap();
    assert_eq!(
        statement.payments[0].payment.data.void_reason.as_deref(),
        Some("salah siswa")
    );
    assert_eq!(statement.credit, 0);

    // The day: one more payment, then closed; a closed day takes nothing.
    fees::pay(&office, cash(sari.id(), 75_000)).await.unwrap();
    let today = fees::today(&office).await.unwrap();
    let day = fees::day_report(&office, today).await.unwrap();
    assert_eq!(day.payments.len(), 2);
    assert_eq!(day.cash, 325_000);
    assert_eq!(day.cash_net, 75_000);
    assert_eq!(day.students[0].name, "Sari Wulandari");
    assert!(day.closed.is_none());
    fees::close_day(&office, today).await.unwrap();
    assert!(fees::day_report(&office, today)
        .await
        .unwrap()
        .closed
        .is_some());
    let closed = fees::pay(&office, cash(sari.id(), 10_000))
        .await
        .unwrap_err();
    assert_eq!(closed.code.as_deref(), Some("day_closed"), "{closed:?}");
    // Today's date made a fixed one, so the fixture does not change daily.
    let mut closed = closed;
    closed.message = closed.message.replace(&today.to_string(), "2026-08-14");
    if let Some(p) = closed.params.as_mut() {
        p.insert("date".into(), "2026-08-14".into());
    }
    fixture("fees-day-closed.json", &closed);

    // A teacher on another desktop sees nothing of fees.
    let desk = Shell::start(dirs(tmp.path()), true).await;
    sign_in(&desk, "guru", "rahasia-guru-1").await;
    let refused = fees::statement(&desk, sari.id()).await.unwrap_err();
    assert_eq!(refused.kind, "forbidden", "{refused:?}");
    let refused = fees::pay(&desk, cash(sari.id(), 10_000)).await.unwrap_err();
    assert_eq!(refused.kind, "forbidden", "{refused:?}");
}
