//! `schooldesk timetable import`: the preview of a FET file in words
//! (issue 14, item 9).

use schooldesk_app::timetable_fet::{FetPreview, NameLine};
use std::fmt::Write;

fn names(out: &mut String, what: &str, list: &[NameLine]) {
    let matched: Vec<&str> = list
        .iter()
        .filter(|n| n.existing.is_some())
        .map(|n| n.name.as_str())
        .collect();
    let created: Vec<String> = list
        .iter()
        .filter(|n| n.existing.is_none())
        .map(|n| {
            if n.note.is_empty() {
                n.name.clone()
            } else {
                format!("{} ({})", n.name, n.note)
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "{what}: {} matched, {} to create",
        matched.len(),
        created.len()
    );
    if !matched.is_empty() {
        let _ = writeln!(out, "  matched: {}", matched.join(", "));
    }
    if !created.is_empty() {
        let _ = writeln!(out, "  to create: {}", created.join(", "));
    }
}

/// The preview as the command prints it: what matches, what is created,
/// the lessons and rules, and what cannot be taken, each by line.
pub fn preview_text(p: &FetPreview) -> String {
    let mut out = String::new();
    if !p.institution.is_empty() {
        let _ = writeln!(out, "FET file of {}", p.institution);
    }
    let _ = writeln!(out, "week: {}", p.week_note);
    names(&mut out, "teachers", &p.teachers);
    names(&mut out, "subjects", &p.subjects);
    names(&mut out, "classes (FET years)", &p.classes);
    names(&mut out, "rooms", &p.rooms);
    if !p.groups.is_empty() {
        let _ = writeln!(out, "groups (FET groups): {}", p.groups.join(", "));
    }
    let stored =
        |e: Option<schooldesk_core::Id>| if e.is_some() { " [stored already]" } else { "" };
    let _ = writeln!(out, "lessons: {}", p.lessons.len());
    for l in &p.lessons {
        let _ = writeln!(
            out,
            "  line {}: {}{}",
            l.line,
            l.description,
            stored(l.existing)
        );
    }
    let _ = writeln!(out, "rules: {}", p.rules.len());
    for r in &p.rules {
        let _ = writeln!(
            out,
            "  line {}: {}{}",
            r.line,
            r.description,
            stored(r.existing)
        );
    }
    if !p.not_taken.is_empty() {
        let _ = writeln!(out, "not taken: {}", p.not_taken.len());
        for n in &p.not_taken {
            let _ = writeln!(out, "  line {}: {}: {}", n.line, n.what, n.reason);
        }
    }
    for w in &p.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
