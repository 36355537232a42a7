//! The built-in `receipt` template (issue 17): the sample receipt printed
//! and READ BACK with pdftotext; a reprint says SALINAN, a voided payment's
//! receipt BATAL with its reason. PNGs for people to look at go to
//! target/print-renders/.

use schooldesk_documents::{Language, Receipt};
use schooldesk_print::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn render(name: &str, receipt: &Receipt) -> String {
    let (pdf, report) = Engine::new()
        .render(
            &Template::builtin(Builtin::Receipt),
            &Layout::default(),
            &Assets::default(),
            &Options::default(),
            std::slice::from_ref(receipt),
            &mut |_| true,
        )
        .unwrap();
    assert_eq!(report.pages, 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    Command::new("pdftoppm")
        .args(["-r", "60", "-png", "-singlefile"])
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
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_receipt_prints_figures_words_and_its_marks() {
    let receipt = Receipt::sample();
    let text = render("receipt", &receipt);
    for needle in [
        "KWITANSI",
        "2025-00017",
        "1 Agustus 2025",
        "Ibu Siti Aminah",
        "Andi Pratama",
        "0012345678",
        "Tagihan 2025-08",
        "Rp 250.000",
        "dua ratus lima puluh ribu rupiah",
        "SMP NEGERI 1 SUKAMAJU",
        "Bendahara",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    assert!(
        !text.contains("SALINAN") && !text.contains("BATAL"),
        "{text}"
    );

    let copy = render(
        "receipt-copy",
        &Receipt {
            copy: true,
            ..receipt.clone()
        },
    );
    assert!(copy.contains("SALINAN"), "{copy}");

    let voided = render(
        "receipt-void",
        &Receipt {
            voided: "Salah siswa".into(),
            language: Language::En,
            ..receipt
        },
    );
    assert!(
        voided.contains("VOID") && voided.contains("Voided: Salah siswa"),
        "{voided}"
    );
    assert!(voided.contains("RECEIPT"), "{voided}");
}
