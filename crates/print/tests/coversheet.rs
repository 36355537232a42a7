//! The built-in `coversheet` template (issue 14, item 7): the day's
//! substitution sheet printed and READ BACK with pdftotext — the date, the
//! teachers away (all day or some periods), and each lesson on one line
//! with its period, time, class, subject, the teacher away and the cover
//! (a substitute, supervised, cancelled, not decided); in Indonesian and in
//! English. PNGs for people to look at go to target/print-renders/.

mod common;

use common::render_read_back;
use schooldesk_documents::{CoverSheet, Language};
use schooldesk_print::*;

fn render(name: &str, sheet: &CoverSheet) -> (String, usize) {
    render_read_back(
        name,
        Builtin::CoverSheet,
        &Layout::default(),
        std::slice::from_ref(sheet),
    )
}

/// The line that has `needle`, squeezed to single spaces.
fn line_of(text: &str, needle: &str) -> String {
    text.lines()
        .find(|l| l.contains(needle))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| panic!("{needle:?} not in\n{text}"))
}

#[test]
fn the_days_substitutions_print_one_lesson_a_line_in_indonesian() {
    let (text, pages) = render("coversheet-id", &CoverSheet::sample());
    assert_eq!(pages, 1);
    for needle in [
        "SMP NEGERI 1 SUKAMAJU",
        "JADWAL GURU PENGGANTI",
        "Senin, 20 Juli 2026",
        "Jadwal final",
        "Pak Guru — sepanjang hari",
        "Bu Ani — jam ke-3, 4",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    assert_eq!(
        line_of(&text, "1–2"),
        "1–2 07:00–08:20 VII-A Matematika Pak Guru Bu Rina"
    );
    assert_eq!(
        line_of(&text, "08:35–09:15"),
        "3 08:35–09:15 VII-B IPA Bu Ani Diawasi (Pak Budi)"
    );
    assert_eq!(
        line_of(&text, "09:15–09:55"),
        "4 09:15–09:55 VII-A IPA Bu Ani Ditiadakan"
    );
    assert_eq!(
        line_of(&text, "09:55–10:35"),
        "5 09:55–10:35 VIII-A Matematika Pak Guru Belum ditentukan"
    );
}

#[test]
fn in_english_and_with_nobody_away() {
    let sheet = CoverSheet {
        language: Language::En,
        date: "Monday, 20 July 2026".into(),
        ..CoverSheet::sample()
    };
    let (text, _) = render("coversheet-en", &sheet);
    for needle in [
        "SUBSTITUTION SHEET",
        "Monday, 20 July 2026",
        "Pak Guru — the whole day",
        "Bu Ani — periods 3, 4",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    assert_eq!(
        line_of(&text, "08:35–09:15"),
        "3 08:35–09:15 VII-B IPA Bu Ani Supervised (Pak Budi)"
    );
    assert_eq!(
        line_of(&text, "09:15–09:55"),
        "4 09:15–09:55 VII-A IPA Bu Ani Cancelled"
    );
    let empty = CoverSheet {
        absent: Vec::new(),
        lines: Vec::new(),
        ..sheet
    };
    let (text, _) = render("coversheet-none", &empty);
    assert!(text.contains("No teacher is away this day."), "{text}");
}
