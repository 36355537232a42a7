//! The printed fee reports (issue 17, item 5), on both backends: the
//! arrears list per class and student, the day's cash report with its
//! closing state and income by fee item and month are printed through
//! schooldesk-print's built-in templates, READ BACK with pdftotext, and
//! every amount the reports hold (each student's, each class's and the
//! school's, each month's, the day's totals) is found in the text, equal
//! to what the use-cases answer. PNGs to look at go to
//! target/print-renders/.

mod common;

use common::fees::*;
use common::*;
use schooldesk_app::fees::{Method, NewPayment};
use schooldesk_core::descriptions::Lang;
use schooldesk_core::fees::format_rupiah;
use schooldesk_print::{Assets, Builtin, Engine, Layout, Options, Printable, Template};
use std::process::Command;

/// Prints `doc`, writes the PDF and its 60 dpi PNGs under
/// target/print-renders/NAME, and answers the PDF's text.
fn print<T: Printable>(builtin: Builtin, name: &str, doc: &T) -> String {
    let (pdf, report) = Engine::new()
        .render(
            &Template::builtin(builtin),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            std::slice::from_ref(doc),
            &mut |_| true,
        )
        .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&path)
        .arg(dir.join(name))
        .status()
        .expect("pdftoppm (poppler-utils)");
    let out = Command::new("pdftotext")
        .args(["-layout", "-nodiag"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The text's lines holding `needle`.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

both! {
    /// Two months billed to two classes, payments, a void and a transfer:
    /// each printed report's figures are the use-cases' figures.
    async fn printed_fee_reports_hold_the_figures(b: Backend) {
        let w = world(b).await;
        monthly_for_grade(&w, "SPP", 250_000, 7).await;
        monthly_for_grade(&w, "Kegiatan", 75_500, 7).await;
        for p in ["2025-08", "2025-09"] {
            w.app.fee_invoice_period(&w.bursar, p).await.unwrap();
        }
        w.app.fee_pay(&w.bursar, &cash(w.own_student, 100_000)).await.unwrap();
        w.app
            .fee_pay(
                &w.bursar,
                &NewPayment {
                    method: Method::Transfer,
                    reference: Some("BCA 778812".into()),
                    ..cash(w.other_student, 325_500)
                },
            )
            .await
            .unwrap();
        let wrong = w.app.fee_pay(&w.bursar, &cash(w.other_student, 12_345)).await.unwrap();
        w.app
            .fee_void_payment(&w.bursar, wrong.payment.id(), "Salah ketik")
            .await
            .unwrap();
        let day = date(2025, 8, 1);

        // Arrears: per class, per student, and the school's total.
        let as_of = date(2025, 9, 30);
        let rows = w.app.fee_arrears(&w.bursar, None, as_of).await.unwrap();
        assert_eq!(rows.len(), 2);
        let doc = w
            .app
            .fee_arrears_document(&w.bursar, None, as_of, Lang::Id)
            .await
            .unwrap();
        let text = print(Builtin::FeeArrears, &format!("fees-arrears-{b:?}"), &doc);
        for r in &rows {
            let line = lines_with(&text, &r.nisn);
            assert_eq!(line.len(), 1, "{}:\n{text}", r.nisn);
            assert!(line[0].contains(&r.name), "{}", line[0]);
            assert!(line[0].contains(&format_rupiah(r.owed)), "{}", line[0]);
            assert!(line[0].contains(&format!(" {} ", r.months)), "{}", line[0]);
            let class_line = lines_with(&text, &format!("Kelas {}", r.class));
            assert_eq!(class_line.len(), 1, "{}:\n{text}", r.class);
        }
        let school_total: i64 = rows.iter().map(|r| r.owed).sum();
        // Andi owes Aug + Sep less 100 000; the other student Sep only.
        assert_eq!(school_total, 2 * 2 * 325_500 - 100_000 - 325_500);
        let total_line = lines_with(&text, "JUMLAH TUNGGAKAN");
        assert!(total_line[0].contains(&format_rupiah(school_total)), "{text}");
        assert!(total_line[0].contains("(2 siswa)"), "{text}");
        let class_totals = lines_with(&text, "Jumlah kelas");
        assert_eq!(class_totals.len(), 2, "{text}");
        for (line, class) in class_totals.iter().zip(["VII-A", "VII-B"]) {
            let sum: i64 = rows.iter().filter(|r| r.class == class).map(|r| r.owed).sum();
            assert!(line.trim_end().ends_with(&format_rupiah(sum)), "{class}: {line}");
        }
        assert!(text.contains("30 September 2025"), "{text}");
        // One class, in English.
        let doc = w
            .app
            .fee_arrears_document(&w.bursar, Some(w.class_b), as_of, Lang::En)
            .await
            .unwrap();
        let text = print(Builtin::FeeArrears, &format!("fees-arrears-b-{b:?}"), &doc);
        let own = w.app.fee_arrears(&w.bursar, Some(w.class_b), as_of).await.unwrap();
        assert_eq!(own.len(), 1);
        assert!(lines_with(&text, "TOTAL ARREARS")[0].contains(&format_rupiah(own[0].owed)), "{text}");
        assert!(text.contains("Class: VII-B") && text.contains("September 2025"), "{text}");
        assert!(!text.contains("Andi Pratama"), "{text}");

        // The day's cash report: open (a draft), then closed.
        let report = w.app.fee_day_report(&w.bursar, day).await.unwrap();
        let doc = w.app.fee_day_document(&w.bursar, day, Lang::Id).await.unwrap();
        assert!(doc.draft());
        let text = print(Builtin::FeeDay, &format!("fees-day-open-{b:?}"), &doc);
        assert!(text.contains("BELUM DITUTUP"), "{text}");
        for (label, amount) in [
            ("Tunai diterima", report.cash),
            ("Transfer diterima", report.transfers),
            ("Dibatalkan hari ini", report.voided),
            ("KAS DI LACI", report.cash_net),
        ] {
            let line = lines_with(&text, label);
            assert_eq!(line.len(), 1, "{label}:\n{text}");
            assert!(line[0].contains(&format_rupiah(amount)), "{label}: {}", line[0]);
        }
        assert_eq!((report.cash, report.transfers, report.voided, report.cash_net), (112_345, 325_500, 12_345, 100_000));
        for p in &report.payments {
            let receipt = format!("{}-{:05}", p.data.receipt_year, p.data.receipt_number);
            let line = lines_with(&text, &receipt);
            assert_eq!(line.len(), 1, "{receipt}:\n{text}");
            assert!(line[0].contains(&format_rupiah(p.data.amount)), "{}", line[0]);
        }
        assert!(lines_with(&text, "2025-00002")[0].contains("Transfer BCA 778812"), "{text}");
        assert!(text.contains("BATAL") && text.contains("Salah ketik"), "{text}");
        w.app.fee_close_day(&w.bursar, day).await.unwrap();
        let doc = w.app.fee_day_document(&w.bursar, day, Lang::En).await.unwrap();
        assert!(!doc.draft());
        let text = print(Builtin::FeeDay, &format!("fees-day-closed-{b:?}"), &doc);
        assert!(text.contains("DAY CLOSED") && !text.contains("NOT CLOSED"), "{text}");
        assert!(lines_with(&text, "CASH IN THE DRAWER")[0].contains("Rp 100.000"), "{text}");

        // Income by fee item and month.
        let rows = w.app.fee_income(&w.bursar, "2025-08", "2025-09").await.unwrap();
        assert_eq!(rows.len(), 4);
        let doc = w
            .app
            .fee_income_document(&w.bursar, "2025-08", "2025-09", Lang::Id)
            .await
            .unwrap();
        let text = print(Builtin::FeeIncome, &format!("fees-income-{b:?}"), &doc);
        let month = |p: &str| if p == "2025-08" { "Agustus 2025" } else { "September 2025" };
        for r in &rows {
            let found = lines_with(&text, month(&r.period)).into_iter().any(|l| {
                l.contains(&format!(
                    "{}   ",
                    format_rupiah(r.billed)
                )) && l.contains(&format_rupiah(r.received))
                    && l.trim_end().ends_with(&format_rupiah(r.outstanding))
            });
            assert!(found, "{} {}:\n{text}", r.fee_item, r.period);
        }
        let (billed, received): (i64, i64) =
            rows.iter().fold((0, 0), |(b, r), x| (b + x.billed, r + x.received));
        assert_eq!(billed, 4 * 325_500);
        let total = lines_with(&text, "JUMLAH SELURUHNYA");
        assert!(total[0].contains(&format_rupiah(billed)), "{text}");
        assert!(total[0].contains(&format_rupiah(received)), "{text}");
        assert!(total[0].trim_end().ends_with(&format_rupiah(billed - received)), "{text}");
        for item in ["SPP", "Kegiatan"] {
            let sum: i64 = rows.iter().filter(|r| r.fee_item == item).map(|r| r.billed).sum();
            assert!(lines_with(&text, &format!("Jumlah {item}"))[0].contains(&format_rupiah(sum)), "{text}");
        }

        // The rights are the reports' own.
        assert!(w.app.fee_arrears_document(&w.teacher, None, as_of, Lang::Id).await.is_err());
        assert!(w.app.fee_day_document(&w.parent, day, Lang::Id).await.is_err());
        assert!(w.app.fee_income_document(&w.student, "2025-08", "2025-09", Lang::Id).await.is_err());
    }
}
