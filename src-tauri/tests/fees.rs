//! The fee desk's commands (issue 17, helper "feesui"), through a real
//! shell on a real SQLite file: a payment gets the year's next receipt
//! number, its receipt is written as a PDF and a second print is a copy
//! (another file, saying so); a student who left, an unknown way of paying
//! and a void without a reason are refused naming the field; a closed day
//! refuses new payments in words; a bank statement is previewed without
//! booking and its confirmed line booked once; the plan's assignments and
//! discounts are listed and the arrears written as a workbook
//! (`crates/app/src/fees_view.rs`); a teacher sees nothing of fees. The
//! refusals the page shows are written to `ui/src/test/fixtures` for the
//! component tests, like `fixtures.rs`.

mod common;

use chrono::NaiveDate;
use common::*;
use schooldesk_core::{
    AcademicYear, Class, FeeAssignment, FeeDiscount, FeeItem, Gender, Role, Student, StudentStatus,
};
use schooldesk_desktop::fees::{self, BankConfirmLine, PaymentForm};
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::SheetFormat;
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
    // Or by the class's name: its students.
    let year = app
        .list::<AcademicYear>(&actor, &schooldesk_store::Query::all())
        .await
        .unwrap()
        .remove(0);
    let class = app
        .create(
            &actor,
            &Class {
                name: "VII A".into(),
                grade_level: 7,
                academic_year_id: year.id(),
                homeroom_teacher_id: None,
            },
        )
        .await
        .unwrap();
    let rini = app
        .create_student(
            &actor,
            &student("0012345670", "Rini Astuti", StudentStatus::Active),
            Some(class.id()),
        )
        .await
        .unwrap();
    let found = fees::students(&office, " vii a ".into()).await.unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].student.id, rini.id());
    assert_eq!(found[0].class_name.as_deref(), Some("VII A"));
    // Part of a class's name, any case: this year's classes that hold it.
    let found = fees::students(&office, "Vii".into()).await.unwrap();
    assert_eq!(
        found.iter().map(|f| f.student.id).collect::<Vec<_>>(),
        vec![rini.id()],
        "{found:?}"
    );

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
    // The same receipt fetched by its payment, as a family fetches theirs:
    // printed before, so a copy, in a file of its own.
    let own = fees::print_own_receipt(&office, booked.payment.id, "id".into())
        .await
        .unwrap();
    assert!(own.copy);
    assert_eq!(own.number, booked.receipt);
    assert!(std::fs::read(&own.path).unwrap().starts_with(b"%PDF"));
    // The page may open what was written.
    let statement = fees::statement(&office, sari.id()).await.unwrap();
    assert_eq!(statement.credit, 250_000);
    assert_eq!(statement.payments[0].receipt, booked.receipt);
    assert_eq!(statement.payments[0].payment.data.prints, 3);

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

    // A bank statement: previewed, nothing booked; the sure line
    // confirmed is booked as a transfer; the same file again books nothing.
    let statement_csv = "Tanggal,Keterangan,Cabang,Jumlah,Saldo\n\
        28/07/2025,TRSF E-BANKING CR SPP 0012345678 SARI,0000,\"150,000.00 CR\",\"1,150,000.00\"\n\
        29/07/2025,SETORAN TUNAI HAMBA ALLAH,0061,\"500,000.00 CR\",\"1,650,000.00\"\n\
        30/07/2025,BIAYA ADM,0000,\"10,000.00 DB\",\"1,640,000.00\"\n";
    let preview = fees::bank_preview(&office, SheetFormat::Csv, statement_csv.as_bytes())
        .await
        .unwrap();
    let seen: Vec<(i64, &str, Option<&str>)> = preview
        .lines
        .iter()
        .map(|l| (l.row, l.confidence.as_str(), l.student_nisn.as_deref()))
        .collect();
    assert_eq!(
        seen,
        vec![(2, "sure", Some("0012345678")), (3, "unmatched", None)]
    );
    assert_eq!(preview.debits, 1);
    assert_eq!(
        fees::statement(&office, sari.id())
            .await
            .unwrap()
            .payments
            .len(),
        1,
        "a preview books nothing"
    );
    let confirmed = vec![BankConfirmLine {
        row: 2,
        student_id: sari.id(),
    }];
    let booked = fees::bank_confirm(
        &office,
        SheetFormat::Csv,
        statement_csv.as_bytes(),
        confirmed.clone(),
    )
    .await
    .unwrap();
    assert_eq!(booked.booked.len(), 1);
    assert_eq!(booked.booked[0].amount, 150_000);
    let again = fees::bank_confirm(
        &office,
        SheetFormat::Csv,
        statement_csv.as_bytes(),
        confirmed,
    )
    .await
    .unwrap();
    assert!(again.booked.is_empty());
    assert_eq!(again.already, vec![2]);

    // The day: one more payment, then closed; a closed day takes nothing.
    fees::pay(&office, cash(sari.id(), 75_000)).await.unwrap();
    let today = fees::today(&office).await.unwrap();
    let day = fees::day_report(&office, today).await.unwrap();
    assert_eq!(day.payments.len(), 3);
    assert_eq!(day.transfers, 150_000);
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

    // The plan as the administrator's screen lists it (fees_view.rs).
    let year = app
        .list::<AcademicYear>(&actor, &schooldesk_store::Query::all())
        .await
        .unwrap()
        .remove(0);
    let spp = app
        .fee_item_save(
            &actor,
            None,
            &FeeItem {
                academic_year_id: year.id(),
                name: "SPP".into(),
                amount: 150_000,
                schedule: "monthly".into(),
                once_period: None,
                due_day: 10,
                active: true,
            },
        )
        .await
        .unwrap();
    app.fee_assign(
        &actor,
        &FeeAssignment {
            fee_item_id: spp.id(),
            grade_level: Some(7),
            class_id: None,
            student_id: None,
        },
    )
    .await
    .unwrap();
    let listed = app
        .fee_assignments_of_year(&actor, year.id())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].data.grade_level, Some(7));
    let given = |reason: &str| FeeDiscount {
        student_id: sari.id(),
        fee_item_id: None,
        kind: "percent".into(),
        value: 2_500,
        reason: reason.into(),
        active: true,
    };
    let first = app
        .fee_discount_give(&actor, &given("Beasiswa"))
        .await
        .unwrap();
    app.fee_discount_give(&actor, &given("Saudara kandung"))
        .await
        .unwrap();
    app.fee_discount_end(&actor, first.id(), first.version())
        .await
        .unwrap();
    let discounts = app.fee_discounts_given(&actor).await.unwrap();
    let order: Vec<(&str, bool)> = discounts
        .iter()
        .map(|d| (d.data.reason.as_str(), d.data.active))
        .collect();
    assert_eq!(
        order,
        vec![("Saudara kandung", true), ("Beasiswa", false)],
        "the active first"
    );

    // The arrears as a workbook, written whole where the user chose.
    let out = tmp.path().join("Tunggakan.xlsx");
    fees::arrears_export(&office, None, today, "id".into(), out.display().to_string())
        .await
        .unwrap();
    assert!(
        std::fs::read(&out).unwrap().starts_with(b"PK"),
        "an XLSX (zip) file"
    );
    let bad = fees::arrears_export(&office, None, today, "fr".into(), out.display().to_string())
        .await
        .unwrap_err();
    assert_eq!(bad.code.as_deref(), Some("print_language"), "{bad:?}");

    // A teacher on another desktop sees nothing of fees.
    let desk = Shell::start(dirs(tmp.path()), true).await;
    sign_in(&desk, "guru", "rahasia-guru-1").await;
    let refused = fees::statement(&desk, sari.id()).await.unwrap_err();
    assert_eq!(refused.kind, "forbidden", "{refused:?}");
    let refused = fees::pay(&desk, cash(sari.id(), 10_000)).await.unwrap_err();
    assert_eq!(refused.kind, "forbidden", "{refused:?}");
    let refused = fees::arrears(&desk, None, today).await.unwrap_err();
    assert_eq!(refused.kind, "forbidden", "{refused:?}");
    let (desk_app, teacher) = desk.actor().await.unwrap();
    let refused = desk_app.fee_discounts_given(&teacher).await.unwrap_err();
    assert_eq!(refused.kind(), "forbidden");
    let refused = desk_app
        .fee_arrears_workbook(
            &teacher,
            None,
            today,
            schooldesk_core::descriptions::Lang::En,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), "forbidden");
}
