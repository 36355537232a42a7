//! GIFT, Moodle's text format for questions.
//!
//! What we read, as Moodle's importer reads it: questions separated by
//! blank lines; lines starting with `//` are comments; `$CATEGORY: path`
//! switches the category; `::title::` names a question; the answers sit in
//! the first `{ … }` (a question whose text goes on after the `}` is a
//! missing-word question and gets `_____` where the braces were); `\:`
//! `\~` `\=` `\#` `\{` `\}` `\\` are escaped characters and `\n` a line
//! break; a text may start with a format marker `[html]`, `[moodle]`,
//! `[markdown]` or `[plain]` (answers inherit the question's format);
//! `####` starts the general feedback.
//!
//! The type comes from the answers, in Moodle's order: `{}` essay, `{#…}`
//! numeric (`value:tolerance`, `min..max`, `=` for several answers,
//! `~#feedback` for any other number), any `~` a choice question (single
//! choice when an option is marked `=`, multiple response otherwise, with
//! `%weight%` after `~`), `=a -> b` matching, `T`/`TRUE`/`F`/`FALSE`
//! true/false (`#wrong feedback#right feedback`), anything else short
//! answer (`=answer`, `=%50%answer`). `#` after an answer is its feedback.
//! A text with no braces is a description: we read it as the shared
//! stimulus of the questions after it, up to the next description or
//! category line. GIFT cannot carry images' bytes, metadata other than the
//! category, pinned options, a short answer's case rule, or an essay's
//! rubric: the writer reports each such loss.

use crate::decimal::Decimal;
use crate::html::{from_html, from_markdown, from_moodle_text, to_html};
use crate::model::*;
use crate::rich::{ImageRef, RichText};

const PH_BASE: u32 = 0xE000;

fn placeholder(c: char) -> char {
    char::from_u32(PH_BASE + c as u32).expect("private use area")
}

/// Replaces escaped characters with private-use placeholders, so they take
/// no part in the structure.
fn hide_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek().copied() {
                Some(e @ ('\\' | ':' | '#' | '=' | '{' | '}' | '~')) => {
                    out.push(placeholder(e));
                    chars.next();
                    continue;
                }
                Some('n') => {
                    out.push('\n');
                    chars.next();
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out
}

fn restore(text: &str) -> String {
    text.chars()
        .map(|c| {
            let u = c as u32;
            if (PH_BASE..PH_BASE + 128).contains(&u) {
                char::from_u32(u - PH_BASE).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum TextFormat {
    Moodle,
    Html,
    Markdown,
    Plain,
}

struct Reader<'a> {
    problems: &'a mut Vec<Problem>,
    line: usize,
}

impl Reader<'_> {
    /// A text with an optional format marker, escapes still hidden.
    fn rich(&mut self, text: &str, default: TextFormat) -> (RichText, TextFormat) {
        let text = text.trim();
        let (format, body) = split_marker(text).unwrap_or((default, text));
        let body = restore(body.trim());
        let mut missing = Vec::new();
        let mut resolve = |src: &str, _alt: &str| -> Option<ImageRef> {
            missing.push(src.to_string());
            None
        };
        let rich = match format {
            TextFormat::Moodle => from_moodle_text(&body, &mut resolve),
            TextFormat::Html => from_html(&body, &mut resolve),
            TextFormat::Markdown => from_markdown(&body),
            TextFormat::Plain => RichText::from_plain(&body),
        };
        for src in missing {
            self.problems.push(Problem::line(
                self.line,
                format!("the image {src:?} is not in the file (GIFT cannot carry images); it was left out"),
            ));
        }
        (rich, format)
    }
}

fn split_marker(text: &str) -> Option<(TextFormat, &str)> {
    let rest = text.strip_prefix('[')?;
    let end = rest.find(']')?;
    let format = match &rest[..end] {
        "html" => TextFormat::Html,
        "moodle" => TextFormat::Moodle,
        "markdown" => TextFormat::Markdown,
        "plain" => TextFormat::Plain,
        _ => return None,
    };
    Some((format, &rest[end + 1..]))
}

/// `%weight%` at the start of an answer: the weight and the rest.
fn split_weight(answer: &str) -> Result<(Option<Decimal>, &str), String> {
    let Some(rest) = answer.strip_prefix('%') else {
        return Ok((None, answer));
    };
    let Some(end) = rest.find('%') else {
        return Err(format!("the weight in {answer:?} has no closing %"));
    };
    match Decimal::parse(&rest[..end]) {
        Some(w) => Ok((Some(w), &rest[end + 1..])),
        None => Err(format!("the weight {:?} is not a number", &rest[..end])),
    }
}

fn split_feedback(answer: &str) -> (&str, Option<&str>) {
    match answer.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (answer, None),
    }
}

/// Splits on `sep`, dropping an empty first part (text before the first
/// separator).
fn split_answers(text: &str, sep: char) -> Vec<String> {
    let mut parts: Vec<String> = text.split(sep).map(str::to_string).collect();
    if parts.first().is_some_and(|p| p.trim().is_empty()) {
        parts.remove(0);
    }
    parts
}

/// Reads a GIFT file.
pub fn import(text: &str) -> Import {
    let mut result = Import::default();
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut category: Option<String> = None;
    let mut stimulus: Option<StimulusId> = None;
    let mut stimulus_places = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
        // Comment lines become blank (they keep their place for line numbers).
        let block: Vec<&str> = lines[start..i]
            .iter()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    *l
                }
            })
            .collect();
        let joined = block.join("\n");
        let lead = joined.len() - joined.trim_start().len();
        let first_line = start + 1 + joined[..lead].matches('\n').count();
        let body = joined.trim();
        if body.is_empty() {
            continue;
        }
        let mut body = hide_escapes(body);
        let mut first_line = first_line;
        if let Some(rest) = body.strip_prefix("$CATEGORY:") {
            // The category is its own line: a question written on the next
            // line, without a blank line between, is still read (not taken
            // into the category's name).
            let (cat, after) = rest.split_once('\n').unwrap_or((rest, ""));
            let cat = restore(cat.trim());
            category = if cat.is_empty() { None } else { Some(cat) };
            stimulus = None;
            let lead = after.len() - after.trim_start().len();
            first_line += 1 + after[..lead].matches('\n').count();
            body = after.trim().to_string();
            if body.is_empty() {
                continue;
            }
        }
        match read_question(&body, first_line, &mut result.problems) {
            Ok(Item::Description { title, content }) => {
                let id = StimulusId(format!("s{}", result.bank.stimuli.len() + 1));
                result.bank.stimuli.push(Stimulus {
                    id: id.clone(),
                    title,
                    content,
                });
                stimulus_places.push((id.clone(), Place::Line { line: first_line }));
                stimulus = Some(id);
            }
            Ok(Item::Question(mut q)) => {
                q.category = category.clone();
                q.stimulus = stimulus.clone();
                let problems = q.validate();
                if problems.is_empty() {
                    result.bank.questions.push(*q);
                } else {
                    for p in problems {
                        result.problems.push(Problem::line(
                            first_line,
                            format!("{p}; the question was left out"),
                        ));
                    }
                }
            }
            Err((line, message)) => result.problems.push(Problem::line(
                line,
                format!("{message}; the question was left out"),
            )),
        }
    }
    result.drop_unused_stimuli(stimulus_places);
    result
}

enum Item {
    Question(Box<Question>),
    Description { title: String, content: RichText },
}

fn read_question(
    body: &str,
    first_line: usize,
    problems: &mut Vec<Problem>,
) -> Result<Item, (usize, String)> {
    let line_at = |pos: usize| first_line + body[..pos].matches('\n').count();
    let mut text = body;
    let mut name = String::new();
    if let Some(rest) = text.strip_prefix("::") {
        match rest.find("::") {
            Some(end) => {
                name = restore(rest[..end].trim());
                text = rest[end + 2..].trim_start();
            }
            None => {
                return Err((
                    first_line,
                    "the title starts with :: but has no closing ::".to_string(),
                ))
            }
        }
    }
    let offset = body.len() - text.len();
    let open = text.find('{');
    let close = text.find('}');
    let mut reader = Reader {
        problems,
        line: first_line,
    };
    let (open, close) = match (open, close) {
        (None, None) => {
            let (content, _) = reader.rich(text, TextFormat::Moodle);
            return Ok(Item::Description {
                title: name,
                content,
            });
        }
        (Some(o), None) => {
            return Err((
                line_at(offset + o),
                "the answers' { is never closed by }".to_string(),
            ))
        }
        (None, Some(c)) => return Err((line_at(offset + c), "a } closes no {".to_string())),
        (Some(o), Some(c)) if c < o => {
            return Err((
                line_at(offset + c),
                "a } comes before the answers' {".to_string(),
            ))
        }
        (Some(o), Some(c)) => (o, c),
    };
    if let Some(second) = text[close + 1..].find('{') {
        return Err((
            line_at(offset + close + 1 + second),
            "a second { … } answer block (write literal braces as \\{ and \\})".to_string(),
        ));
    }
    let mut answers = text[open + 1..close].trim().to_string();
    let stem_text = if text[close + 1..].trim().is_empty() {
        text[..open].to_string()
    } else {
        format!("{}_____{}", &text[..open], &text[close + 1..])
    };
    let mut general = String::new();
    if let Some(pos) = answers.rfind("####") {
        general = answers[pos + 4..].to_string();
        answers = answers[..pos].trim().to_string();
    }
    reader.line = line_at(offset + open);
    let (stem, format) = reader.rich(&stem_text, TextFormat::Moodle);
    let (general_feedback, _) = reader.rich(&general, format);
    let err_line = reader.line;
    let err = |m: String| (err_line, m);

    let body = if answers.is_empty() {
        Body::Essay {
            rubric: Vec::new(),
            grader_info: RichText::empty(),
            response_template: String::new(),
        }
    } else if let Some(numeric) = answers.strip_prefix('#') {
        let (main, other) = match numeric.find('~') {
            Some(p) => (&numeric[..p], Some(&numeric[p + 1..])),
            None => (numeric, None),
        };
        let mut list = Vec::new();
        for a in split_answers(main, '=') {
            let (weight, rest) = split_weight(a.trim()).map_err(err)?;
            let (value, fb) = split_feedback(rest);
            let (feedback, _) = reader.rich(fb.unwrap_or(""), format);
            let value = restore(value.trim());
            let accept = read_number(&value).ok_or_else(|| {
                err(format!(
                    "{value:?} is not a number, value:tolerance or min..max"
                ))
            })?;
            list.push(NumericAnswer {
                accept,
                weight: weight.unwrap_or(Decimal::from_int(100)),
                feedback,
            });
        }
        if list.is_empty() {
            return Err(err("a numeric question without a number".to_string()));
        }
        let other_feedback = match other {
            Some(o) => reader.rich(split_feedback(o).1.unwrap_or(""), format).0,
            None => RichText::empty(),
        };
        Body::Numeric {
            answers: list,
            other_feedback,
        }
    } else if answers.contains('~') {
        let single = answers.contains('=');
        let mut options = Vec::new();
        for a in split_answers(&answers.replace('=', "~="), '~') {
            let a = a.trim();
            let (weight, rest) = if let Some(r) = a.strip_prefix('=') {
                (Decimal::from_int(100), r)
            } else {
                let (w, r) = split_weight(a).map_err(err)?;
                (w.unwrap_or(Decimal::ZERO), r)
            };
            let (t, fb) = split_feedback(rest);
            let (text, _) = reader.rich(t, format);
            let (feedback, _) = reader.rich(fb.unwrap_or(""), format);
            options.push(ChoiceOption {
                text,
                weight,
                feedback,
                pinned: false,
            });
        }
        if single {
            Body::SingleChoice {
                options,
                shuffle: true,
            }
        } else {
            Body::MultipleResponse {
                options,
                shuffle: true,
            }
        }
    } else if answers.contains('=') && answers.contains("->") {
        let mut pairs = Vec::new();
        for a in split_answers(&answers, '=') {
            let Some((prompt, answer)) = a.split_once("->") else {
                return Err(err(format!("the pair {:?} has no ->", restore(a.trim()))));
            };
            let (prompt, _) = reader.rich(prompt, format);
            pairs.push(MatchPair {
                prompt,
                answer: restore(answer.trim()),
            });
        }
        Body::Matching {
            pairs,
            shuffle: true,
        }
    } else {
        let check = answers.split('#').next().unwrap_or("").trim();
        if matches!(check, "T" | "TRUE" | "F" | "FALSE") {
            let mut parts = answers.splitn(3, '#');
            let correct = matches!(parts.next().map(str::trim), Some("T" | "TRUE"));
            let wrong = reader.rich(parts.next().unwrap_or(""), format).0;
            let right = reader.rich(parts.next().unwrap_or(""), format).0;
            let (feedback_true, feedback_false) = if correct {
                (right, wrong)
            } else {
                (wrong, right)
            };
            Body::TrueFalse {
                correct,
                feedback_true,
                feedback_false,
            }
        } else {
            let mut list = Vec::new();
            for a in split_answers(&answers, '=') {
                let (weight, rest) = split_weight(a.trim()).map_err(err)?;
                let (t, fb) = split_feedback(rest);
                let (feedback, _) = reader.rich(fb.unwrap_or(""), format);
                // An accepted answer is literal text (not HTML), as Moodle reads it.
                let t = t.trim();
                let plain = restore(split_marker(t).map_or(t, |m| m.1).trim());
                list.push(TextAnswer {
                    text: plain,
                    weight: weight.unwrap_or(Decimal::from_int(100)),
                    feedback,
                });
            }
            Body::ShortAnswer {
                answers: list,
                case_sensitive: false,
            }
        }
    };
    let mut q = Question::new(name, stem, body);
    q.general_feedback = general_feedback;
    Ok(Item::Question(Box::new(q)))
}

fn read_number(text: &str) -> Option<NumericAccept> {
    if let Some(p) = text.find("..").filter(|&p| p > 0) {
        let min = Decimal::parse(&text[..p])?;
        let max = Decimal::parse(&text[p + 2..])?;
        return Some(NumericAccept::Range { min, max });
    }
    if let Some(p) = text.find(':').filter(|&p| p > 0) {
        let value = Decimal::parse(&text[..p])?;
        let tolerance = Decimal::parse(&text[p + 1..])?;
        return Some(NumericAccept::Tolerance { value, tolerance });
    }
    Some(NumericAccept::Tolerance {
        value: Decimal::parse(text)?,
        tolerance: Decimal::ZERO,
    })
}

/// GIFT's escapes for a text (`\\`, `\:`, `\#`, `\=`, `\~`, `\{`, `\}`, and
/// line breaks as `\n`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ':' | '#' | '=' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

struct Writer<'a> {
    bank: &'a Bank,
    notes: Vec<Problem>,
    place: String,
}

impl Writer<'_> {
    /// A rich text as HTML (marked `[html]` unless it is a plain paragraph).
    fn text(&mut self, t: &RichText) -> String {
        let mut html = to_html(t, &|img: &ImageRef| {
            let name = self
                .bank
                .images
                .get(&img.key)
                .map(|i| i.name.clone())
                .unwrap_or_else(|| img.key.clone());
            format!("@@PLUGINFILE@@/{name}")
        });
        if !t.images().is_empty() {
            self.notes.push(Problem::field(
                self.place.clone(),
                "GIFT cannot carry image bytes; the images are only referenced",
            ));
        }
        if t.is_plain() {
            html = html
                .trim_start_matches("<p>")
                .trim_end_matches("</p>")
                .to_string();
            if html.starts_with('[') {
                html = format!("&#91;{}", &html[1..]);
            }
            escape(&html)
        } else {
            format!("[html]{}", escape(&html))
        }
    }

    fn feedback(&mut self, t: &RichText) -> String {
        if t.is_empty() {
            String::new()
        } else {
            format!("#{}", self.text(t))
        }
    }

    fn note(&mut self, message: &str) {
        self.notes.push(Problem::field(self.place.clone(), message));
    }
}

fn weight_prefix(w: Decimal) -> String {
    format!("%{w}%")
}

/// Writes a bank as GIFT. Stimuli are written as descriptions before their
/// questions; a group that ends before its category does is closed by
/// repeating the category line.
pub fn export(bank: &Bank) -> Export {
    let mut w = Writer {
        bank,
        notes: Vec::new(),
        place: String::new(),
    };
    let mut out = String::new();
    let mut category: Option<&String> = None;
    let mut group: Option<&StimulusId> = None;
    for (idx, q) in bank.questions.iter().enumerate() {
        w.place = format!("questions[{}]", idx + 1);
        if q.category.as_ref() != category || (group.is_some() && q.stimulus.as_ref() != group) {
            category = q.category.as_ref();
            group = None;
            out.push_str(&format!(
                "$CATEGORY: {}\n\n",
                escape(category.map(String::as_str).unwrap_or(""))
            ));
        }
        if q.stimulus.as_ref() != group {
            group = q.stimulus.as_ref();
            if let Some(sid) = group {
                match bank.stimulus(sid) {
                    Some(s) => {
                        out.push_str(&format!("// stimulus {}\n", s.id.0.replace('\n', " ")));
                        if !s.title.is_empty() {
                            out.push_str(&format!("::{}::", escape(&s.title)));
                        }
                        let t = w.text(&s.content);
                        out.push_str(&t);
                        out.push_str("\n\n");
                    }
                    None => w.note("its stimulus is not in the bank; written without it"),
                }
            }
        }
        if let Some(text) = write_question(&mut w, q) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    Export {
        text: out,
        notes: w.notes,
    }
}

fn write_question(w: &mut Writer, q: &Question) -> Option<String> {
    let mut s = String::new();
    if !q.name.is_empty() {
        s.push_str(&format!("::{}::", escape(&q.name)));
    }
    s.push_str(&w.text(&q.stem));
    let general = if q.general_feedback.is_empty() {
        String::new()
    } else {
        format!("####{}", w.text(&q.general_feedback))
    };
    if q.meta != Metadata::default() {
        w.note("GIFT carries no metadata (subject, level, points, status…); left out");
    }
    match &q.body {
        Body::SingleChoice { options, .. } | Body::MultipleResponse { options, .. } => {
            let single = matches!(q.body, Body::SingleChoice { .. });
            s.push_str(" {\n");
            for o in options {
                let mark = if single && o.weight == Decimal::from_int(100) {
                    "=".to_string()
                } else if o.weight.is_zero()
                    && !(o.text.is_plain() && o.text.to_plain().starts_with('%'))
                {
                    // (A plain text starting with % needs its weight written.)
                    "~".to_string()
                } else {
                    format!("~{}", weight_prefix(o.weight))
                };
                let text = w.text(&o.text);
                let fb = w.feedback(&o.feedback);
                s.push_str(&format!("\t{mark}{text}{fb}\n"));
                if o.pinned {
                    w.note("GIFT cannot pin an option; the pin is left out");
                }
            }
            s.push_str(&general);
            s.push_str("}\n");
        }
        Body::TrueFalse {
            correct,
            feedback_true,
            feedback_false,
        } => {
            let (right, wrong) = if *correct {
                (feedback_true, feedback_false)
            } else {
                (feedback_false, feedback_true)
            };
            s.push_str(if *correct { " {TRUE" } else { " {FALSE" });
            if !wrong.is_empty() || !right.is_empty() {
                let wt = if wrong.is_empty() {
                    String::new()
                } else {
                    w.text(wrong)
                };
                s.push('#');
                s.push_str(&wt);
            }
            if !right.is_empty() {
                let rt = w.text(right);
                s.push('#');
                s.push_str(&rt);
            }
            s.push_str(&general);
            s.push_str("}\n");
        }
        Body::Matching { pairs, .. } => {
            s.push_str(" {\n");
            for p in pairs {
                let prompt = if p.prompt.is_empty() {
                    String::new()
                } else {
                    w.text(&p.prompt)
                };
                s.push_str(&format!("\t={prompt} -> {}\n", escape(&p.answer)));
            }
            s.push_str(&general);
            s.push_str("}\n");
        }
        Body::ShortAnswer {
            answers,
            case_sensitive,
        } => {
            if *case_sensitive {
                w.note("GIFT cannot say an answer is case-sensitive; it will be read as case-insensitive");
            }
            if let Some(a) = answers
                .iter()
                .find(|a| a.text.contains("->") || split_marker(a.text.trim()).is_some())
            {
                w.note(&format!(
                    "the accepted answer {:?} cannot be written in GIFT (it would read as a pair or a format marker); the question was left out",
                    a.text
                ));
                return None;
            }
            s.push_str(" {\n");
            for a in answers {
                let weight = if a.weight == Decimal::from_int(100) && !a.text.starts_with('%') {
                    String::new()
                } else {
                    weight_prefix(a.weight)
                };
                let fb = w.feedback(&a.feedback);
                s.push_str(&format!("\t={weight}{}{fb}\n", escape(&a.text)));
            }
            s.push_str(&general);
            s.push_str("}\n");
        }
        Body::Numeric {
            answers,
            other_feedback,
        } => {
            s.push_str(" {#\n");
            for a in answers {
                let weight = if a.weight == Decimal::from_int(100) {
                    String::new()
                } else {
                    weight_prefix(a.weight)
                };
                let value = match a.accept {
                    NumericAccept::Tolerance { value, tolerance } => format!("{value}:{tolerance}"),
                    NumericAccept::Range { min, max } => format!("{min}..{max}"),
                };
                let fb = w.feedback(&a.feedback);
                s.push_str(&format!("\t={weight}{value}{fb}\n"));
            }
            if !other_feedback.is_empty() {
                let fb = w.text(other_feedback);
                s.push_str(&format!("\t~#{fb}\n"));
            }
            s.push_str(&general);
            s.push_str("}\n");
        }
        Body::Essay {
            rubric,
            grader_info,
            response_template,
        } => {
            if !rubric.is_empty() || !grader_info.is_empty() || !response_template.is_empty() {
                w.note("GIFT cannot carry an essay's rubric, marking notes or response template; left out");
            }
            s.push_str(" {");
            s.push_str(&general);
            s.push_str("}\n");
        }
    }
    Some(s)
}
