//! The built-in fee report templates (issue 17, item 5): the arrears list,
//! the day's cash report and income by fee item and month, printed from
//! their sample data in both languages and READ BACK with pdftotext; a long
//! arrears list runs onto more pages with its table header repeated. PNGs
//! for people to look at go to target/print-renders/.

use schooldesk_documents::{
    FeeArrears, FeeArrearsClass, FeeArrearsRow, FeeDay, FeeIncome, Language, Printable,
};
use schooldesk_print::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn render<T: Printable>(builtin: Builtin, name: &str, doc: &T) -> (String, usize) {
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
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(format!("{name}.pdf"));
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
    (String::from_utf8(out.stdout).unwrap(), report.pages)
}

fn has(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn the_arrears_list_prints_each_class_and_the_total() {
    let doc = FeeArrears::sample();
    let (text, pages) = render(Builtin::FeeArrears, "arrears", &doc);
    assert_eq!(pages, 1);
    has(
        &text,
        &[
            "SMP NEGERI 1 SUKAMAJU",
            "DAFTAR TUNGGAKAN",
            "1 Oktober 2025",
            "Semua kelas",
            "Kelas VII-A",
            "Kelas VII-B",
            "Andi Pratama",
            "0012345680",
            "Agustus 2025",
            "Rp 750.000",
            "JUMLAH TUNGGAKAN",
            "Rp 1.500.000",
        ],
    );
    let (en, _) = render(
        Builtin::FeeArrears,
        "arrears-en",
        &FeeArrears {
            language: Language::En,
            class: "VII-A".into(),
            ..doc.clone()
        },
    );
    has(
        &en,
        &["ARREARS", "Class total", "TOTAL ARREARS", "Class: VII-A"],
    );
    assert!(!en.contains("TUNGGAKAN"), "{en}");

    // Two hundred students: more pages, the header on each.
    let long = FeeArrears {
        classes: vec![FeeArrearsClass {
            class: "IX-C".into(),
            rows: (0..200)
                .map(|i| FeeArrearsRow {
                    nisn: format!("00{i:08}"),
                    name: format!("Siswa Nomor {i}"),
                    months: "1".into(),
                    oldest: "Juli 2025".into(),
                    owed: "Rp 250.000".into(),
                })
                .collect(),
            total: "Rp 50.000.000".into(),
        }],
        ..doc
    };
    let (text, pages) = render(Builtin::FeeArrears, "arrears-long", &long);
    assert!(pages >= 4, "{pages}");
    assert_eq!(text.matches("Tunggakan").count(), pages, "{text}");
    has(&text, &["Siswa Nomor 199", "Rp 50.000.000"]);
}

#[test]
fn the_days_cash_report_prints_its_totals_and_whether_it_is_closed() {
    let doc = FeeDay::sample();
    let (text, pages) = render(Builtin::FeeDay, "cashday", &doc);
    assert_eq!(pages, 1);
    has(
        &text,
        &[
            "LAPORAN KAS HARIAN",
            "1 Agustus 2025",
            "2025-00017",
            "Ibu Siti Aminah",
            "Transfer BCA 778812",
            "KAS DI LACI",
            "Rp 250.000",
            "HARI DITUTUP",
        ],
    );
    assert!(!text.contains("DRAF") && !text.contains("BELUM"), "{text}");
    let mut open = doc.clone();
    open.closed = false;
    open.language = Language::En;
    open.rows[1].voided = "Wrong student".into();
    let (text, _) = render(Builtin::FeeDay, "cashday-open-en", &open);
    has(
        &text,
        &[
            "DAY'S CASH REPORT",
            "NOT CLOSED",
            "VOID",
            "Wrong student",
            "CASH IN THE DRAWER",
        ],
    );
}

#[test]
fn the_income_report_prints_items_months_and_totals() {
    let doc = FeeIncome::sample();
    let (text, pages) = render(Builtin::FeeIncome, "income", &doc);
    assert_eq!(pages, 1);
    has(
        &text,
        &[
            "LAPORAN PENERIMAAN",
            "Agustus 2025",
            "September 2025",
            "SPP",
            "Jumlah SPP",
            "JUMLAH SELURUHNYA",
            "Rp 1.500.000",
            "Rp 750.000",
        ],
    );
    let (en, _) = render(
        Builtin::FeeIncome,
        "income-en",
        &FeeIncome {
            language: Language::En,
            items: Vec::new(),
            ..doc
        },
    );
    has(&en, &["INCOME REPORT", "Nothing was billed"]);
    assert!(!en.contains("GRAND TOTAL"), "{en}");
}
