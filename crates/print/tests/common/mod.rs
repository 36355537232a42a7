//! What the template tests do alike: render copies with a built-in
//! template, keep the PDF and a PNG of its first page under
//! target/print-renders/ for people to look at, and read the text back
//! with pdftotext (poppler-utils), laid out as on the page.
#![allow(dead_code)]

use schooldesk_print::*;
use std::path::Path;
use std::process::Command;

/// The PDF's text as pdftotext lays it out, and how many pages it has.
pub fn render_read_back<P: Printable>(
    name: &str,
    builtin: Builtin,
    layout: &Layout,
    copies: &[P],
) -> (String, usize) {
    let (pdf, report) = Engine::new()
        .render(
            &Template::builtin(builtin),
            layout,
            &Assets::default(),
            &Options::default(),
            copies,
            &mut |_| true,
        )
        .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(
        report.template_problems.is_empty(),
        "{:?}",
        report.template_problems
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    Command::new("pdftoppm")
        .args(["-r", "70", "-png", "-singlefile"])
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
