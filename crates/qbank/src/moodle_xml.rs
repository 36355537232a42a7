//! Moodle XML, the question format Moodle exports and imports.
//!
//! A `<quiz>` of `<question type="…">` elements. We read and write the
//! types `multichoice` (`<single>true</single>` for single choice, false
//! for multiple response; `<answer fraction="…">`), `truefalse` (answers
//! `true` / `false`), `shortanswer` (`<usecase>` is the case rule),
//! `numerical` (`<tolerance>`; an answer `*` is the feedback for any other
//! number), `matching` (`<subquestion>` with its `<answer>`; an empty one
//! is an extra answer), `essay` (`<graderinfo>`, `<responsetemplate>`),
//! `category` (`<category><text>path</text></category>`) and `description`
//! (read as the shared stimulus of the questions after it, up to the next
//! description or category, as in [`crate::gift`]). Texts carry a `format`
//! (`html`, `moodle_auto_format`, `plain_text`, `markdown`, `wiki_like`),
//! and images as `<file name=… path="/" encoding="base64">` beside the text
//! that shows them with `<img src="@@PLUGINFILE@@/name">`. `<name>`,
//! `<generalfeedback>`, `<defaultgrade>` (points), `<shuffleanswers>` and
//! `<tags>` are kept; any other type is reported with its element and
//! line, and the other questions are still read.

use std::collections::{BTreeMap, HashMap};

use base64::Engine;
use roxmltree::{Document, Node};

use crate::decimal::Decimal;
use crate::html::{from_html, from_markdown, from_moodle_text, to_html};
use crate::model::*;
use crate::rich::{ImageRef, RichText};

struct Ctx<'a> {
    doc: &'a Document<'a>,
    problems: Vec<Problem>,
    bank: Bank,
}

impl Ctx<'_> {
    fn line(&self, node: Node) -> usize {
        self.doc.text_pos_at(node.range().start).row as usize
    }

    fn problem(&mut self, path: &str, node: Node, message: impl Into<String>) {
        let line = self.line(node);
        self.problems.push(Problem {
            place: Place::Element {
                path: path.to_string(),
                line,
            },
            message: message.into(),
        });
    }

    /// A text element (`<questiontext format="html"><text>…</text><file …/></questiontext>`).
    fn rich(&mut self, node: Option<Node>, path: &str, default_format: &str) -> RichText {
        let Some(node) = node else {
            return RichText::empty();
        };
        let format = node
            .attribute("format")
            .unwrap_or(default_format)
            .trim()
            .to_string();
        let text = child_text(node, "text").unwrap_or_default();
        // The files beside the text.
        let mut files: HashMap<String, String> = HashMap::new();
        for (i, f) in children(node, "file").enumerate() {
            let fpath = format!("{path}/file[{}]", i + 1);
            let name = f.attribute("name").unwrap_or("").to_string();
            let data: String = f
                .text()
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            match base64::engine::general_purpose::STANDARD.decode(data.as_bytes()) {
                Err(e) => self.problem(&fpath, f, format!("the file {name:?} is not valid base64 ({e}); left out")),
                Ok(bytes) => match self.bank.add_image(&name, bytes) {
                    Some(key) => {
                        files.insert(name, key);
                    }
                    None => self.problem(&fpath, f, format!("the file {name:?} is not an image (PNG, JPEG, GIF, WebP or SVG); left out")),
                },
            }
        }
        let mut missing = Vec::new();
        let mut resolve = |src: &str, alt: &str| -> Option<ImageRef> {
            let name = src.strip_prefix("@@PLUGINFILE@@/").map(percent_decode);
            match name.as_ref().and_then(|n| files.get(n)) {
                Some(key) => Some(ImageRef {
                    key: key.clone(),
                    alt: alt.to_string(),
                }),
                None => {
                    missing.push(src.to_string());
                    None
                }
            }
        };
        let rich = match format.as_str() {
            "plain_text" | "wiki_like" => RichText::from_plain(&text),
            "markdown" => from_markdown(&text),
            "moodle_auto_format" => from_moodle_text(&text, &mut resolve),
            _ => from_html(&text, &mut resolve),
        };
        for src in missing {
            self.problem(
                path,
                node,
                format!("the image {src:?} has no <file> beside the text; left out"),
            );
        }
        rich
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.has_tag_name(name))
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.has_tag_name(name))
}

/// The trimmed text of `<name><text>…</text></name>`-style children, or of
/// the element itself when it has no `<text>`.
fn child_text(node: Node, name: &str) -> Option<String> {
    let c = child(node, name)?;
    Some(c.text().unwrap_or("").trim().to_string())
}

fn inner_text(node: Node, name: &str) -> Option<String> {
    let c = child(node, name)?;
    match child(c, "text") {
        Some(t) => Some(t.text().unwrap_or("").trim().to_string()),
        None => Some(c.text().unwrap_or("").trim().to_string()),
    }
}

fn flag(node: Node, name: &str, default: bool) -> bool {
    match child_text(node, name) {
        Some(v) => !matches!(v.as_str(), "" | "0" | "false"),
        None => default,
    }
}

/// Reads a Moodle XML file.
pub fn import(text: &str) -> Import {
    let doc = match Document::parse(text.trim_start_matches('\u{feff}')) {
        Ok(d) => d,
        Err(e) => {
            let pos = e.pos();
            return Import {
                bank: Bank::default(),
                problems: vec![Problem {
                    place: Place::Line {
                        line: pos.row as usize,
                    },
                    message: format!("not well-formed XML: {e}"),
                }],
            };
        }
    };
    let root = doc.root_element();
    let mut ctx = Ctx {
        doc: &doc,
        problems: Vec::new(),
        bank: Bank::default(),
    };
    if !root.has_tag_name("quiz") {
        ctx.problem(
            root.tag_name().name(),
            root,
            format!(
                "the root element is <{}>, not <quiz>",
                root.tag_name().name()
            ),
        );
        return Import {
            bank: ctx.bank,
            problems: ctx.problems,
        };
    }
    let mut category: Option<String> = None;
    let mut stimulus: Option<StimulusId> = None;
    let mut stimulus_places = Vec::new();
    for (i, qn) in children(root, "question").enumerate() {
        let path = format!("quiz/question[{}]", i + 1);
        let kind = qn.attribute("type").unwrap_or("").to_string();
        if kind == "category" {
            let cat = inner_text(qn, "category").unwrap_or_default();
            category = if cat.is_empty() { None } else { Some(cat) };
            stimulus = None;
            continue;
        }
        if kind == "description" {
            let title = inner_text(qn, "name").unwrap_or_default();
            let content = ctx.rich(
                child(qn, "questiontext"),
                &format!("{path}/questiontext"),
                "html",
            );
            let id = StimulusId(format!("s{}", ctx.bank.stimuli.len() + 1));
            ctx.bank.stimuli.push(Stimulus {
                id: id.clone(),
                title,
                content,
            });
            let line = ctx.line(qn);
            stimulus_places.push((
                id.clone(),
                Place::Element {
                    path: path.clone(),
                    line,
                },
            ));
            stimulus = Some(id);
            continue;
        }
        match read_question(&mut ctx, qn, &path, &kind) {
            Ok(mut q) => {
                q.category = category.clone();
                q.stimulus = stimulus.clone();
                let problems = q.validate();
                if problems.is_empty() {
                    ctx.bank.questions.push(q);
                } else {
                    for p in problems {
                        ctx.problem(&path, qn, format!("{p}; the question was left out"));
                    }
                }
            }
            Err(message) => ctx.problem(&path, qn, format!("{message}; the question was left out")),
        }
    }
    for (i, other) in root
        .children()
        .filter(|c| c.is_element() && !c.has_tag_name("question"))
        .enumerate()
    {
        let name = other.tag_name().name().to_string();
        ctx.problem(
            &format!("quiz/{name}[{}]", i + 1),
            other,
            format!("<{name}> is not a question; ignored"),
        );
    }
    let mut result = Import {
        bank: ctx.bank,
        problems: ctx.problems,
    };
    result.drop_unused_stimuli(stimulus_places);
    result
}

fn read_question(ctx: &mut Ctx, qn: Node, path: &str, kind: &str) -> Result<Question, String> {
    let name = inner_text(qn, "name").unwrap_or_default();
    let stem = ctx.rich(
        child(qn, "questiontext"),
        &format!("{path}/questiontext"),
        "html",
    );
    let general_feedback = ctx.rich(
        child(qn, "generalfeedback"),
        &format!("{path}/generalfeedback"),
        "html",
    );
    let answers: Vec<Node> = children(qn, "answer").collect();
    let weight_of = |a: Node, idx: usize| -> Result<Decimal, String> {
        let f = a.attribute("fraction").unwrap_or("0");
        Decimal::parse(f)
            .ok_or_else(|| format!("answer[{idx}]: the fraction {f:?} is not a number"))
    };
    let body = match kind {
        "multichoice" => {
            let single = flag(qn, "single", true);
            let mut options = Vec::new();
            for (i, a) in answers.iter().enumerate() {
                let apath = format!("{path}/answer[{}]", i + 1);
                options.push(ChoiceOption {
                    text: ctx.rich(Some(*a), &apath, "html"),
                    weight: weight_of(*a, i + 1)?,
                    feedback: ctx.rich(child(*a, "feedback"), &format!("{apath}/feedback"), "html"),
                    pinned: false,
                });
            }
            let shuffle = flag(qn, "shuffleanswers", true);
            if single {
                Body::SingleChoice { options, shuffle }
            } else {
                Body::MultipleResponse { options, shuffle }
            }
        }
        "truefalse" => {
            let mut correct = None;
            let mut feedback_true = RichText::empty();
            let mut feedback_false = RichText::empty();
            for (i, a) in answers.iter().enumerate() {
                let apath = format!("{path}/answer[{}]", i + 1);
                let value = child_text(*a, "text").unwrap_or_default().to_lowercase();
                let fb = ctx.rich(child(*a, "feedback"), &format!("{apath}/feedback"), "html");
                let right = weight_of(*a, i + 1)? == Decimal::from_int(100);
                match value.as_str() {
                    "true" => {
                        feedback_true = fb;
                        if right {
                            correct = Some(true);
                        }
                    }
                    "false" => {
                        feedback_false = fb;
                        if right {
                            correct = Some(false);
                        }
                    }
                    other => return Err(format!("answer[{}] is {other:?}, not true or false", i + 1)),
                }
            }
            let correct = correct.ok_or("neither true nor false has fraction 100")?;
            Body::TrueFalse { correct, feedback_true, feedback_false }
        }
        "shortanswer" => {
            let mut list = Vec::new();
            for (i, a) in answers.iter().enumerate() {
                let apath = format!("{path}/answer[{}]", i + 1);
                list.push(TextAnswer {
                    text: child_text(*a, "text").unwrap_or_default(),
                    weight: weight_of(*a, i + 1)?,
                    feedback: ctx.rich(child(*a, "feedback"), &format!("{apath}/feedback"), "html"),
                });
            }
            Body::ShortAnswer { answers: list, case_sensitive: flag(qn, "usecase", false) }
        }
        "numerical" => {
            let mut list = Vec::new();
            let mut other_feedback = RichText::empty();
            for (i, a) in answers.iter().enumerate() {
                let apath = format!("{path}/answer[{}]", i + 1);
                let feedback = ctx.rich(child(*a, "feedback"), &format!("{apath}/feedback"), "html");
                let value = child_text(*a, "text").unwrap_or_default();
                if value == "*" {
                    other_feedback = feedback;
                    continue;
                }
                let value_d = Decimal::parse(&value).ok_or_else(|| format!("answer[{}]: {value:?} is not a number", i + 1))?;
                let tol_text = child_text(*a, "tolerance").unwrap_or_else(|| "0".to_string());
                let tolerance =
                    Decimal::parse(&tol_text).ok_or_else(|| format!("answer[{}]: the tolerance {tol_text:?} is not a number", i + 1))?;
                list.push(NumericAnswer {
                    accept: NumericAccept::Tolerance { value: value_d, tolerance },
                    weight: weight_of(*a, i + 1)?,
                    feedback,
                });
            }
            Body::Numeric { answers: list, other_feedback }
        }
        "matching" => {
            let mut pairs = Vec::new();
            for (i, s) in children(qn, "subquestion").enumerate() {
                let spath = format!("{path}/subquestion[{}]", i + 1);
                let prompt = ctx.rich(Some(s), &spath, "html");
                let answer = inner_text(s, "answer").unwrap_or_default();
                pairs.push(MatchPair { prompt, answer });
            }
            Body::Matching { pairs, shuffle: flag(qn, "shuffleanswers", true) }
        }
        "essay" => Body::Essay {
            rubric: Vec::new(),
            grader_info: ctx.rich(child(qn, "graderinfo"), &format!("{path}/graderinfo"), "html"),
            response_template: inner_text(qn, "responsetemplate").unwrap_or_default(),
        },
        "" => return Err("the question has no type attribute".to_string()),
        other => {
            return Err(format!(
                "the question type {other:?} is not supported (multichoice, truefalse, shortanswer, numerical, matching, essay, description, category)"
            ))
        }
    };
    let mut q = Question::new(name, stem, body);
    q.general_feedback = general_feedback;
    if let Some(g) = child_text(qn, "defaultgrade") {
        q.meta.points =
            Decimal::parse(&g).ok_or_else(|| format!("defaultgrade {g:?} is not a number"))?;
    }
    if let Some(tags) = child(qn, "tags") {
        q.meta.tags = children(tags, "tag")
            .map(|t| {
                inner_text(t, "text").unwrap_or_else(|| t.text().unwrap_or("").trim().to_string())
            })
            .collect();
        q.meta.tags.retain(|t| !t.is_empty());
    }
    Ok(q)
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

struct Writer<'a> {
    bank: &'a Bank,
    out: String,
    notes: Vec<Problem>,
    place: String,
}

impl Writer<'_> {
    /// `<tag format="html"><text>…</text><file …/></tag>` at `indent`.
    fn text_element(&mut self, tag: &str, t: &RichText, indent: &str, extra: &str) {
        let mut names: BTreeMap<String, String> = BTreeMap::new(); // key -> file name
        let mut used: HashMap<String, String> = HashMap::new(); // file name -> key
        for img in t.images() {
            if names.contains_key(&img.key) {
                continue;
            }
            let base = match self.bank.images.get(&img.key) {
                Some(i) if !i.name.is_empty() => i.name.replace('/', "_"),
                _ => format!("{}.img", &img.key[..img.key.len().min(16)]),
            };
            let mut name = base.clone();
            let mut n = 2;
            while used.get(&name).is_some_and(|k| k != &img.key) {
                name = format!("{n}-{base}");
                n += 1;
            }
            used.insert(name.clone(), img.key.clone());
            names.insert(img.key.clone(), name);
        }
        let html = to_html(t, &|img: &ImageRef| {
            format!(
                "@@PLUGINFILE@@/{}",
                names
                    .get(&img.key)
                    .map(|n| percent_encode(n))
                    .unwrap_or_default()
            )
        });
        self.out.push_str(&format!(
            "{indent}<{tag} format=\"html\"{extra}>\n{indent}  <text>{}</text>\n",
            esc(&html)
        ));
        for (key, name) in &names {
            match self.bank.images.get(key) {
                Some(img) => {
                    let data = base64::engine::general_purpose::STANDARD.encode(&img.bytes);
                    self.out.push_str(&format!("{indent}  <file name=\"{}\" path=\"/\" encoding=\"base64\">{data}</file>\n", esc(name)));
                }
                None => self.notes.push(Problem::field(
                    self.place.clone(),
                    format!("the image {name:?} has no bytes in the bank; only referenced"),
                )),
            }
        }
        self.out.push_str(&format!("{indent}</{tag}>\n"));
    }

    fn plain_element(&mut self, tag: &str, text: &str, indent: &str) {
        self.out.push_str(&format!(
            "{indent}<{tag}>\n{indent}  <text>{}</text>\n{indent}</{tag}>\n",
            esc(text)
        ));
    }

    fn category(&mut self, cat: Option<&String>) {
        self.out.push_str("  <question type=\"category\">\n");
        self.plain_element("category", cat.map(String::as_str).unwrap_or(""), "    ");
        self.out.push_str("  </question>\n\n");
    }
}

fn percent_encode(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes a bank as Moodle XML.
pub fn export(bank: &Bank) -> Export {
    let mut w = Writer {
        bank,
        out: String::new(),
        notes: Vec::new(),
        place: String::new(),
    };
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut category: Option<&String> = None;
    let mut group: Option<&StimulusId> = None;
    for (idx, q) in bank.questions.iter().enumerate() {
        w.place = format!("questions[{}]", idx + 1);
        if q.category.as_ref() != category || (group.is_some() && q.stimulus.as_ref() != group) {
            category = q.category.as_ref();
            group = None;
            w.category(category);
        }
        if q.stimulus.as_ref() != group {
            group = q.stimulus.as_ref();
            if let Some(sid) = group {
                match bank.stimulus(sid) {
                    Some(s) => {
                        w.out.push_str("  <question type=\"description\">\n");
                        w.plain_element("name", &s.title, "    ");
                        w.text_element("questiontext", &s.content, "    ", "");
                        w.out.push_str("  </question>\n\n");
                    }
                    None => w.notes.push(Problem::field(
                        w.place.clone(),
                        "its stimulus is not in the bank; written without it",
                    )),
                }
            }
        }
        write_question(&mut w, q);
    }
    w.out.push_str("</quiz>\n");
    Export {
        text: w.out,
        notes: w.notes,
    }
}

fn fraction(weight: Decimal) -> String {
    weight.to_string()
}

fn write_question(w: &mut Writer, q: &Question) {
    let kind = match q.body {
        Body::SingleChoice { .. } | Body::MultipleResponse { .. } => "multichoice",
        Body::TrueFalse { .. } => "truefalse",
        Body::Matching { .. } => "matching",
        Body::ShortAnswer { .. } => "shortanswer",
        Body::Numeric { .. } => "numerical",
        Body::Essay { .. } => "essay",
    };
    w.out.push_str(&format!("  <question type=\"{kind}\">\n"));
    w.plain_element("name", &q.name, "    ");
    w.text_element("questiontext", &q.stem, "    ", "");
    w.text_element("generalfeedback", &q.general_feedback, "    ", "");
    w.out.push_str(&format!(
        "    <defaultgrade>{}</defaultgrade>\n",
        q.meta.points
    ));
    let m = &q.meta;
    if m.subject.is_some()
        || m.grade_level.is_some()
        || m.learning_outcome.is_some()
        || m.objective.is_some()
        || m.topic.is_some()
        || m.cognitive.is_some()
        || m.level.is_some()
        || m.difficulty.is_some()
        || m.author.is_some()
        || m.source.is_some()
        || m.status != Status::Draft
        || m.version != 1
    {
        w.notes.push(Problem::field(
            w.place.clone(),
            "Moodle XML carries only the points and tags of the metadata; the rest is left out",
        ));
    }
    match &q.body {
        Body::SingleChoice { options, shuffle } | Body::MultipleResponse { options, shuffle } => {
            let single = matches!(q.body, Body::SingleChoice { .. });
            w.out.push_str(&format!(
                "    <single>{single}</single>\n    <shuffleanswers>{shuffle}</shuffleanswers>\n"
            ));
            for o in options {
                if o.pinned {
                    w.notes.push(Problem::field(
                        w.place.clone(),
                        "Moodle XML cannot pin an option; the pin is left out",
                    ));
                }
                w.text_element(
                    "answer",
                    &o.text,
                    "    ",
                    &format!(" fraction=\"{}\"", fraction(o.weight)),
                );
                // Put the feedback inside the answer element.
                let close = "    </answer>\n";
                w.out.truncate(w.out.len() - close.len());
                w.text_element("feedback", &o.feedback, "      ", "");
                w.out.push_str(close);
            }
        }
        Body::TrueFalse {
            correct,
            feedback_true,
            feedback_false,
        } => {
            for (value, fb) in [(true, feedback_true), (false, feedback_false)] {
                let f = if value == *correct { "100" } else { "0" };
                w.out.push_str(&format!("    <answer fraction=\"{f}\" format=\"moodle_auto_format\">\n      <text>{value}</text>\n"));
                w.text_element("feedback", fb, "      ", "");
                w.out.push_str("    </answer>\n");
            }
        }
        Body::ShortAnswer {
            answers,
            case_sensitive,
        } => {
            w.out.push_str(&format!(
                "    <usecase>{}</usecase>\n",
                u8::from(*case_sensitive)
            ));
            for a in answers {
                w.out.push_str(&format!(
                    "    <answer fraction=\"{}\" format=\"moodle_auto_format\">\n      <text>{}</text>\n",
                    fraction(a.weight),
                    esc(&a.text)
                ));
                w.text_element("feedback", &a.feedback, "      ", "");
                w.out.push_str("    </answer>\n");
            }
        }
        Body::Numeric {
            answers,
            other_feedback,
        } => {
            for a in answers {
                if matches!(a.accept, NumericAccept::Range { .. }) {
                    w.notes.push(Problem::field(
                        w.place.clone(),
                        "Moodle XML writes a range as its middle ± half its width",
                    ));
                }
                let (value, tolerance) = a.accept.as_tolerance();
                w.out.push_str(&format!(
                    "    <answer fraction=\"{}\" format=\"moodle_auto_format\">\n      <text>{value}</text>\n",
                    fraction(a.weight)
                ));
                w.text_element("feedback", &a.feedback, "      ", "");
                w.out.push_str(&format!(
                    "      <tolerance>{tolerance}</tolerance>\n    </answer>\n"
                ));
            }
            if !other_feedback.is_empty() {
                w.out.push_str("    <answer fraction=\"0\" format=\"moodle_auto_format\">\n      <text>*</text>\n");
                w.text_element("feedback", other_feedback, "      ", "");
                w.out
                    .push_str("      <tolerance>0</tolerance>\n    </answer>\n");
            }
        }
        Body::Matching { pairs, shuffle } => {
            w.out
                .push_str(&format!("    <shuffleanswers>{shuffle}</shuffleanswers>\n"));
            for p in pairs {
                let close = "    </subquestion>\n";
                w.text_element("subquestion", &p.prompt, "    ", "");
                w.out.truncate(w.out.len() - close.len());
                w.plain_element("answer", &p.answer, "      ");
                w.out.push_str(close);
            }
        }
        Body::Essay {
            rubric,
            grader_info,
            response_template,
        } => {
            if !rubric.is_empty() {
                w.notes.push(Problem::field(
                    w.place.clone(),
                    "Moodle XML has no rubric; the criteria are left out",
                ));
            }
            w.out.push_str("    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n    <responsefieldlines>15</responsefieldlines>\n    <attachments>0</attachments>\n");
            w.text_element("graderinfo", grader_info, "    ", "");
            w.out.push_str(&format!("    <responsetemplate format=\"html\">\n      <text>{}</text>\n    </responsetemplate>\n", esc(response_template)));
        }
    }
    if !q.meta.tags.is_empty() {
        w.out.push_str("    <tags>\n");
        for t in &q.meta.tags {
            w.out
                .push_str(&format!("      <tag><text>{}</text></tag>\n", esc(t)));
        }
        w.out.push_str("    </tags>\n");
    }
    w.out.push_str("  </question>\n\n");
}
