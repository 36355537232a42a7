//! Aiken, the simplest question format: single-choice questions only.
//!
//! ```text
//! Ibu kota Indonesia adalah ...
//! A. Jakarta
//! B) Bandung
//! ANSWER: A
//! ```
//!
//! The question's text is every line before the first option (several
//! lines stay several lines); an option is a capital letter, `.` or `)`,
//! a space and its text; `ANSWER:` names the right letter and ends the
//! question. Blank lines between questions are optional.

use crate::decimal::Decimal;
use crate::model::*;
use crate::rich::RichText;

fn option_line(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(|c| c.is_ascii_uppercase())?;
    let sep = chars.next()?;
    let rest = chars.as_str();
    if (sep == '.' || sep == ')') && rest.starts_with([' ', '\t']) {
        Some((letter, rest.trim()))
    } else {
        None
    }
}

#[derive(Default)]
struct Pending {
    start: usize,
    stem: Vec<String>,
    options: Vec<(char, String)>,
}

/// Reads an Aiken file.
pub fn import(text: &str) -> Import {
    let mut result = Import::default();
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut cur = Pending::default();
    for (n, raw) in text.split('\n').enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(answer) = line
            .strip_prefix("ANSWER:")
            .or_else(|| line.strip_prefix("ANSWER "))
        {
            let p = std::mem::take(&mut cur);
            finish(p, answer.trim(), line_no, &mut result);
            continue;
        }
        if let Some((letter, rest)) = option_line(line) {
            if cur.stem.is_empty() {
                result.problems.push(Problem::line(
                    line_no,
                    format!("the option {letter} has no question before it; left out"),
                ));
                continue;
            }
            cur.options.push((letter, rest.to_string()));
            continue;
        }
        if !cur.options.is_empty() {
            result.problems.push(Problem::line(
                cur.start,
                "the question has no ANSWER: line; the question was left out",
            ));
            cur = Pending::default();
        }
        if cur.stem.is_empty() {
            cur.start = line_no;
        }
        cur.stem.push(line.to_string());
    }
    if !cur.stem.is_empty() {
        result.problems.push(Problem::line(
            cur.start,
            "the question has no ANSWER: line; the question was left out",
        ));
    }
    result
}

fn finish(p: Pending, answer: &str, line_no: usize, result: &mut Import) {
    if p.stem.is_empty() {
        result.problems.push(Problem::line(
            line_no,
            "an ANSWER: line without a question; ignored",
        ));
        return;
    }
    let letter = answer
        .chars()
        .next()
        .filter(|c| c.is_ascii_uppercase() && answer.len() == 1);
    let Some(letter) = letter else {
        result.problems.push(Problem::line(
            line_no,
            format!("ANSWER: {answer:?} is not one capital letter; the question was left out"),
        ));
        return;
    };
    for (i, (l, _)) in p.options.iter().enumerate() {
        if p.options[..i].iter().any(|(m, _)| m == l) {
            result.problems.push(Problem::line(
                p.start,
                format!("the letter {l} is used twice; the question was left out"),
            ));
            return;
        }
    }
    if !p.options.iter().any(|(l, _)| *l == letter) {
        result.problems.push(Problem::line(
            line_no,
            format!("ANSWER: {letter} names no option; the question was left out"),
        ));
        return;
    }
    let options = p
        .options
        .iter()
        .map(|(l, t)| ChoiceOption {
            text: RichText::from_plain(t),
            weight: if *l == letter {
                Decimal::from_int(100)
            } else {
                Decimal::ZERO
            },
            feedback: RichText::empty(),
            pinned: false,
        })
        .collect();
    let q = Question::new(
        "",
        RichText::from_plain(&p.stem.join("\n")),
        Body::SingleChoice {
            options,
            shuffle: true,
        },
    );
    let problems = q.validate();
    if problems.is_empty() {
        result.bank.questions.push(q);
    } else {
        for pr in problems {
            result.problems.push(Problem::line(
                p.start,
                format!("{pr}; the question was left out"),
            ));
        }
    }
}

/// Writes the bank's single-choice questions as Aiken (as plain text);
/// every other question is left out with a note.
pub fn export(bank: &Bank) -> Export {
    let mut out = String::new();
    let mut notes = Vec::new();
    for (idx, q) in bank.questions.iter().enumerate() {
        let place = format!("questions[{}]", idx + 1);
        let Body::SingleChoice { options, .. } = &q.body else {
            notes.push(Problem::field(
                place,
                format!(
                    "Aiken has only single-choice questions; this {} was left out",
                    q.question_type().code()
                ),
            ));
            continue;
        };
        if options.len() > 26 {
            notes.push(Problem::field(
                place,
                "Aiken has only 26 option letters; the question was left out",
            ));
            continue;
        }
        let lossy = !q
            .stem
            .0
            .iter()
            .all(|b| matches!(b, crate::rich::Block::Paragraph { .. }))
            || q.stem.0.len() > 1
            || !options.iter().all(|o| o.text.is_plain())
            || options.iter().any(|o| {
                !o.feedback.is_empty()
                    || o.pinned
                    || !(o.weight.is_zero() || o.weight == Decimal::from_int(100))
            })
            || !q.general_feedback.is_empty()
            || q.stimulus.is_some();
        if lossy {
            notes.push(Problem::field(
                place,
                "Aiken is plain text: styles, images, feedback, partial weights, pins and stimuli are left out",
            ));
        }
        for line in q.stem.to_plain().lines() {
            if !line.trim().is_empty() {
                out.push_str(line.trim());
                out.push('\n');
            }
        }
        let mut right = 'A';
        for (i, o) in options.iter().enumerate() {
            let letter = (b'A' + i as u8) as char;
            if o.weight == Decimal::from_int(100) {
                right = letter;
            }
            out.push_str(&format!(
                "{letter}. {}\n",
                o.text.to_plain().replace('\n', " ")
            ));
        }
        out.push_str(&format!("ANSWER: {right}\n\n"));
    }
    Export { text: out, notes }
}
