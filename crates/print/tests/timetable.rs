//! The built-in `timetable` template (issue 14): a class's week printed
//! and READ BACK with pdftotext — the header, the days across, the periods
//! with their bell times down, each lesson in its day's column on its
//! period's line, breaks across the week, a short day's times; English
//! labels. PNGs for people to look at go to
//! target/print-renders/.

mod common;

use common::render_read_back;
use schooldesk_documents::{Language, TimetableSheet};
use schooldesk_print::*;

fn render(name: &str, sheets: &[TimetableSheet], layout: &Layout) -> (String, usize) {
    render_read_back(name, Builtin::Timetable, layout, sheets)
}

/// The column where `needle` starts on the first line that has it.
fn at(text: &str, needle: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(n, l)| l.find(needle).map(|c| (n, l[..c].chars().count())))
        .unwrap_or_else(|| panic!("{needle:?} not in\n{text}"))
}

#[test]
fn a_class_week_prints_each_lesson_in_its_cell() {
    let sheet = TimetableSheet::sample();
    let (text, pages) = render(
        "timetable-class",
        std::slice::from_ref(&sheet),
        &Layout {
            landscape: true,
            ..Layout::default()
        },
    );
    assert_eq!(pages, 1);
    for needle in [
        "SMP NEGERI 1 SUKAMAJU",
        "Jadwal Pelajaran Kelas VII-A",
        "Semester 1 2025/2026",
        "Istirahat · 07:40–07:55",
        "07:00–07:35",
        "Lab IPA",
        "Ustadz Hasan",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    // Days across, in order; each lesson under its day, on its period's line.
    let days: Vec<(usize, usize)> = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]
        .iter()
        .map(|d| at(&text, d))
        .collect();
    assert!(
        days.windows(2).all(|w| w[0].0 == w[1].0 && w[0].1 < w[1].1),
        "{days:?}\n{text}"
    );
    let column = |needle: &str| {
        let (_, c) = at(&text, needle);
        days.iter().rposition(|d| d.1 <= c + 2).unwrap()
    };
    assert_eq!(column("Matematika"), 0, "{text}");
    assert_eq!(column("IPA"), 1, "{text}");
    assert_eq!(column("PAI"), 3, "{text}");
    assert_eq!(column("Bahasa Indonesia"), 4, "{text}");
    let (period1, _) = at(&text, "07:00–07:40");
    let (pause, _) = at(&text, "Istirahat");
    let (period2, _) = at(&text, "07:55–08:35");
    let (math, _) = at(&text, "Matematika");
    assert!(
        math.abs_diff(period1) <= 1 && period1 < pause && pause < period2,
        "{text}"
    );
    assert_eq!(
        text.matches("Matematika").count(),
        2,
        "both periods of the double lesson"
    );
}

#[test]
fn teacher_and_room_sheets_in_english_one_page_each() {
    let class = TimetableSheet {
        language: Language::En,
        days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
            .map(String::from)
            .to_vec(),
        ..TimetableSheet::sample()
    };
    let teacher = TimetableSheet {
        kind: "teacher".into(),
        name: "Pak Guru".into(),
        ..class.clone()
    };
    let room = TimetableSheet {
        kind: "room".into(),
        name: "Lab IPA".into(),
        draft: true,
        ..class.clone()
    };
    let (text, pages) = render("timetable-all", &[class, teacher, room], &Layout::default());
    assert_eq!(pages, 3);
    for needle in [
        "Class timetable VII-A",
        "Teacher's timetable Pak Guru",
        "Room timetable Lab IPA",
        "Period",
        "Wednesday",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages[0].contains("VII-A") && !pages[0].contains("Room timetable"));
    assert!(pages[2].contains("Room timetable Lab IPA"));
}
