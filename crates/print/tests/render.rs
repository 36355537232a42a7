//! Renders cards and ledgers and READS THE PDF BACK with poppler's
//! `pdftotext -layout` and `pdfinfo` (poppler-utils, installed by
//! scripts/install-deps.sh). PNG renders for people to look at go to
//! target/print-renders/.

use std::path::{Path, PathBuf};
use std::process::Command;

use schooldesk_print::*;

fn renders_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the PDF under target/print-renders/NAME.pdf, with PNGs beside it.
fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let path = renders_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&path)
        .arg(renders_dir().join(name))
        .status()
        .expect("pdftoppm (poppler-utils) must be installed: scripts/install-deps.sh");
    assert!(status.success());
    path
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/install-deps.sh");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// pdfinfo's "Key: value" lines.
fn pdfinfo(path: &Path, key: &str) -> String {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo (poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")).map(|v| v.trim().to_owned()))
        .unwrap_or_else(|| panic!("pdfinfo has no {key}: {text}"))
}

fn no_progress() -> impl FnMut(Progress) -> bool {
    |_| true
}

fn render<T: Printable>(engine: &Engine, builtin: Builtin, layout: &Layout, copies: &[T]) -> Vec<u8> {
    engine
        .render(&Template::builtin(builtin), layout, &Assets::default(), &Options::default(), copies, &mut no_progress())
        .unwrap()
        .0
}

#[test]
fn every_builtin_template_passes_its_check() {
    let engine = Engine::new();
    for builtin in Builtin::ALL {
        engine.check(&Template::builtin(builtin)).unwrap_or_else(|p| panic!("{}: {p:?}", builtin.name()));
    }
}

#[test]
fn sample_rapor_prints_and_reads_back() {
    let engine = Engine::new();
    let card = sample_report_card();
    let pdf = render(&engine, Builtin::Rapor, &Layout::default(), &[card.clone()]);
    let path = save("sample-rapor", &pdf);
    let text = pdftotext(&path);
    assert!(text.contains("Ahmad Fauzi Nugroho"), "{text}");
}
