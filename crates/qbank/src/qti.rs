//! IMS QTI 2.1 content packages: a zip with `imsmanifest.xml` listing one
//! `imsqti_item_xmlv2p1` resource per `assessmentItem` file.
//!
//! We write and read: single choice and multiple response as
//! `choiceInteraction` (cardinality `single` / `multiple`; weights as the
//! response `mapping`, as fractions; `shuffle`, and `fixed` for a pinned
//! option), true/false as a `choiceInteraction` whose two choices are
//! `true` and `false`, short answer as `textEntryInteraction` (string; each
//! accepted answer a `mapEntry` with its `caseSensitive`), matching as
//! `matchInteraction` (two match sets, `directedPair` answers; an answer
//! with no prompt is an extra target) and essay as
//! `extendedTextInteraction` (marking notes in a `rubricBlock` for the
//! scorer). The question's points are its `MAXSCORE`. Images are files in
//! the package next to the items. Numeric questions, feedback, rubrics'
//! criteria, stimuli, categories and metadata are not written (each noted).

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};

use roxmltree::{Document, Node};

use crate::decimal::Decimal;
use crate::html::{from_html, to_html};
use crate::model::*;
use crate::rich::{ImageRef, RichText};

const NS: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1";

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes a bank as a QTI 2.1 package (the zip's bytes).
pub fn export(bank: &Bank) -> (Vec<u8>, Vec<Problem>) {
    let mut notes = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut resources = String::new();
    let mut image_names: BTreeMap<String, String> = BTreeMap::new();
    for (idx, q) in bank.questions.iter().enumerate() {
        let place = format!("questions[{}]", idx + 1);
        let ident = format!("item{}", idx + 1);
        let mut note = |m: &str| notes.push(Problem::field(place.clone(), m));
        if q.stimulus.is_some()
            || q.category.is_some()
            || q.meta.tags.len() + usize::from(q.meta.subject.is_some()) > 0
        {
            note("QTI items here carry no stimulus, category or metadata but the points; left out");
        }
        if !q.general_feedback.is_empty() {
            note("QTI feedback is not written; left out");
        }
        let mut used_images = Vec::new();
        // Name every image once, before writing.
        for t in q.texts() {
            for img in t.images() {
                if image_names.contains_key(&img.key) {
                    continue;
                }
                let n = image_names.len() + 1;
                let stored = bank.images.get(&img.key);
                let ext = stored
                    .map(|i| {
                        i.mime
                            .rsplit('/')
                            .next()
                            .unwrap_or("img")
                            .replace("svg+xml", "svg")
                    })
                    .unwrap_or("img".into());
                // The image's own name when it is safe and free, else imageN.
                let own = stored.map(|i| i.name.clone()).filter(|n| {
                    !n.is_empty()
                        && n.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                        && !image_names.values().any(|v| v == n)
                });
                image_names.insert(
                    img.key.clone(),
                    own.unwrap_or_else(|| format!("image{n}.{ext}")),
                );
            }
        }
        let html = |t: &RichText, used: &mut Vec<String>| -> String {
            used.extend(t.images().iter().map(|i| i.key.clone()));
            to_html(t, &|img: &ImageRef| {
                format!(
                    "images/{}",
                    image_names.get(&img.key).cloned().unwrap_or_default()
                )
            })
        };
        let stem = html(&q.stem, &mut used_images);
        let points = q.meta.points;
        let (response, body) = match &q.body {
            Body::SingleChoice { options, shuffle }
            | Body::MultipleResponse { options, shuffle } => {
                let single = matches!(q.body, Body::SingleChoice { .. });
                let card = if single { "single" } else { "multiple" };
                let correct: String = options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| {
                        if single {
                            o.weight == Decimal::from_int(100)
                        } else {
                            o.weight.is_positive()
                        }
                    })
                    .map(|(i, _)| format!("<value>C{}</value>", i + 1))
                    .collect();
                let mapping: String = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        format!(
                            "<mapEntry mapKey=\"C{}\" mappedValue=\"{}\"/>",
                            i + 1,
                            o.weight.percent_to_fraction()
                        )
                    })
                    .collect();
                let max = if single { 1 } else { options.len() };
                let mut choices = String::new();
                for (i, o) in options.iter().enumerate() {
                    if !o.feedback.is_empty() {
                        notes.push(Problem::field(
                            place.clone(),
                            "QTI option feedback is not written; left out",
                        ));
                    }
                    let fixed = if o.pinned { " fixed=\"true\"" } else { "" };
                    choices.push_str(&format!(
                        "<simpleChoice identifier=\"C{}\"{fixed}>{}</simpleChoice>",
                        i + 1,
                        html(&o.text, &mut used_images)
                    ));
                }
                (
                    format!("<responseDeclaration identifier=\"RESPONSE\" cardinality=\"{card}\" baseType=\"identifier\"><correctResponse>{correct}</correctResponse><mapping defaultValue=\"0\">{mapping}</mapping></responseDeclaration>"),
                    format!("<choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"{shuffle}\" maxChoices=\"{max}\">{choices}</choiceInteraction>"),
                )
            }
            Body::TrueFalse {
                correct,
                feedback_true,
                feedback_false,
            } => {
                if !feedback_true.is_empty() || !feedback_false.is_empty() {
                    notes.push(Problem::field(
                        place.clone(),
                        "QTI feedback is not written; left out",
                    ));
                }
                (
                    format!("<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"identifier\"><correctResponse><value>{correct}</value></correctResponse></responseDeclaration>"),
                    "<choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" maxChoices=\"1\"><simpleChoice identifier=\"true\">True</simpleChoice><simpleChoice identifier=\"false\">False</simpleChoice></choiceInteraction>".to_string(),
                )
            }
            Body::ShortAnswer {
                answers,
                case_sensitive,
            } => {
                let correct = answers
                    .iter()
                    .find(|a| a.weight == Decimal::from_int(100))
                    .map(|a| format!("<value>{}</value>", esc(&a.text)))
                    .unwrap_or_default();
                let mapping: String = answers
                    .iter()
                    .map(|a| format!("<mapEntry mapKey=\"{}\" mappedValue=\"{}\" caseSensitive=\"{case_sensitive}\"/>", esc(&a.text), a.weight.percent_to_fraction()))
                    .collect();
                (
                    format!("<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"string\"><correctResponse>{correct}</correctResponse><mapping defaultValue=\"0\">{mapping}</mapping></responseDeclaration>"),
                    "<p><textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>".to_string(),
                )
            }
            Body::Matching { pairs, shuffle } => {
                let answers = crate::variant::matching_answers(pairs);
                let mut sources = String::new();
                let mut correct = String::new();
                for (i, p) in pairs
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| !p.prompt.is_empty())
                {
                    sources.push_str(&format!("<simpleAssociableChoice identifier=\"S{}\" matchMax=\"1\">{}</simpleAssociableChoice>", i + 1, html(&p.prompt, &mut used_images)));
                    let t = answers.iter().position(|a| a == &p.answer).unwrap_or(0) + 1;
                    correct.push_str(&format!("<value>S{} T{t}</value>", i + 1));
                }
                let targets: String = answers
                    .iter()
                    .enumerate()
                    .map(|(i, a)| format!("<simpleAssociableChoice identifier=\"T{}\" matchMax=\"0\">{}</simpleAssociableChoice>", i + 1, esc(a)))
                    .collect();
                (
                    format!("<responseDeclaration identifier=\"RESPONSE\" cardinality=\"multiple\" baseType=\"directedPair\"><correctResponse>{correct}</correctResponse></responseDeclaration>"),
                    format!("<matchInteraction responseIdentifier=\"RESPONSE\" shuffle=\"{shuffle}\" maxAssociations=\"0\"><simpleMatchSet>{sources}</simpleMatchSet><simpleMatchSet>{targets}</simpleMatchSet></matchInteraction>"),
                )
            }
            Body::Essay {
                rubric,
                grader_info,
                response_template,
            } => {
                if !rubric.is_empty() || !response_template.is_empty() {
                    notes.push(Problem::field(
                        place.clone(),
                        "QTI essays here carry no rubric criteria or response template; left out",
                    ));
                }
                let scorer = if grader_info.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<rubricBlock view=\"scorer\">{}</rubricBlock>",
                        html(grader_info, &mut used_images)
                    )
                };
                (
                    "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"string\"/>".to_string(),
                    format!("{scorer}<extendedTextInteraction responseIdentifier=\"RESPONSE\"/>"),
                )
            }
            Body::Numeric { .. } => {
                notes.push(Problem::field(
                    place.clone(),
                    "numeric questions are not written to QTI here; left out",
                ));
                continue;
            }
        };
        let title = esc(&q.name);
        let item = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessmentItem xmlns=\"{NS}\" identifier=\"{ident}\" title=\"{title}\" adaptive=\"false\" timeDependent=\"false\">\n{response}\n<outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\"/>\n<outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" baseType=\"float\"><defaultValue><value>{points}</value></defaultValue></outcomeDeclaration>\n<itemBody>{stem}{body}</itemBody>\n</assessmentItem>\n"
        );
        let href = format!("{ident}.xml");
        let mut res = format!("<resource identifier=\"R{ident}\" type=\"imsqti_item_xmlv2p1\" href=\"{href}\"><file href=\"{href}\"/>");
        used_images.sort();
        used_images.dedup();
        for key in &used_images {
            res.push_str(&format!(
                "<file href=\"images/{}\"/>",
                esc(&image_names[key])
            ));
        }
        res.push_str("</resource>");
        resources.push_str(&res);
        files.push((href, item.into_bytes()));
    }
    for (key, name) in &image_names {
        if let Some(img) = bank.images.get(key) {
            files.push((format!("images/{name}"), img.bytes.clone()));
        }
    }
    let manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"schooldesk-export\"><metadata><schema>IMS Content</schema><schemaversion>1.1</schemaversion></metadata><organizations/><resources>{resources}</resources></manifest>\n"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut write = |name: &str, bytes: &[u8]| -> zip::result::ZipResult<()> {
        zip.start_file(name, opts)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    write("imsmanifest.xml", manifest.as_bytes()).expect("writing to memory");
    for (name, bytes) in &files {
        write(name, bytes).expect("writing to memory");
    }
    let bytes = zip.finish().expect("writing to memory").into_inner();
    (bytes, notes)
}

fn file_problem(file: &str, line: usize, message: impl Into<String>) -> Problem {
    Problem {
        place: Place::Element {
            path: file.to_string(),
            line,
        },
        message: message.into(),
    }
}

/// Reads a QTI 2.1 package.
pub fn import(bytes: &[u8]) -> Import {
    let mut result = Import::default();
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            result.problems.push(Problem {
                place: Place::File,
                message: format!("not a zip package: {e}"),
            });
            return result;
        }
    };
    let mut read = |name: &str| -> Option<Vec<u8>> {
        let mut f = zip.by_name(name).ok()?;
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).ok()?;
        Some(buf)
    };
    let Some(manifest) = read("imsmanifest.xml") else {
        result.problems.push(Problem {
            place: Place::File,
            message: "the package has no imsmanifest.xml".into(),
        });
        return result;
    };
    let manifest = String::from_utf8_lossy(&manifest).into_owned();
    let doc = match Document::parse(&manifest) {
        Ok(d) => d,
        Err(e) => {
            result.problems.push(file_problem(
                "imsmanifest.xml",
                e.pos().row as usize,
                format!("not well-formed XML: {e}"),
            ));
            return result;
        }
    };
    for res in doc.descendants().filter(|n| n.has_tag_name("resource")) {
        let line = doc.text_pos_at(res.range().start).row as usize;
        let kind = res.attribute("type").unwrap_or("");
        if !kind.starts_with("imsqti_item_xmlv2p") {
            if kind != "webcontent" {
                result.problems.push(file_problem(
                    "imsmanifest.xml",
                    line,
                    format!("the resource type {kind:?} is not a QTI 2.1 item; ignored"),
                ));
            }
            continue;
        }
        let Some(href) = res.attribute("href") else {
            result.problems.push(file_problem(
                "imsmanifest.xml",
                line,
                "the resource has no href",
            ));
            continue;
        };
        let Some(item) = read(href) else {
            result.problems.push(file_problem(
                "imsmanifest.xml",
                line,
                format!("the package has no file {href:?}"),
            ));
            continue;
        };
        let dir = href
            .rsplit_once('/')
            .map(|(d, _)| format!("{d}/"))
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&item).into_owned();
        match read_item(&text, href, &dir, &mut read, &mut result) {
            Ok(q) => {
                let problems = q.validate();
                if problems.is_empty() {
                    result.bank.questions.push(q);
                } else {
                    for p in problems {
                        result.problems.push(file_problem(
                            href,
                            1,
                            format!("{p}; the question was left out"),
                        ));
                    }
                }
            }
            Err(p) => result.problems.push(p),
        }
    }
    result
}

const INTERACTIONS: &[&str] = &[
    "choiceInteraction",
    "textEntryInteraction",
    "matchInteraction",
    "extendedTextInteraction",
    "rubricBlock",
    "prompt",
];

fn read_item(
    text: &str,
    href: &str,
    dir: &str,
    read: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    result: &mut Import,
) -> Result<Question, Problem> {
    let doc = Document::parse(text).map_err(|e| {
        file_problem(
            href,
            e.pos().row as usize,
            format!("not well-formed XML: {e}"),
        )
    })?;
    let line = |n: Node| doc.text_pos_at(n.range().start).row as usize;
    let root = doc.root_element();
    let Some(body) = root.children().find(|n| n.has_tag_name("itemBody")) else {
        return Err(file_problem(
            href,
            line(root),
            "the item has no itemBody; left out",
        ));
    };
    let mut images: HashMap<String, Option<String>> = HashMap::new();
    let mut problems = Vec::new();
    let mut rich_of = |n: Node, skip: &[&str]| -> RichText {
        // The element's content, without the parts named in `skip`.
        let mut html = String::new();
        let inner_start = n
            .first_child()
            .map(|c| c.range().start)
            .unwrap_or(n.range().end);
        let inner_end = n.last_child().map(|c| c.range().end).unwrap_or(inner_start);
        let mut pos = inner_start;
        for d in n
            .descendants()
            .filter(|d| d.is_element() && skip.iter().any(|s| d.has_tag_name(*s)))
        {
            if d.range().start >= pos {
                html.push_str(&text[pos..d.range().start]);
                pos = d.range().end;
            }
        }
        if pos < inner_end {
            html.push_str(&text[pos..inner_end]);
        }
        let mut resolve = |src: &str, alt: &str| -> Option<ImageRef> {
            let path = join_path(dir, src);
            let key = images
                .entry(path.clone())
                .or_insert_with(|| {
                    let bytes = read(&path)?;
                    let name = src.rsplit('/').next().unwrap_or(src).to_string();
                    let key = result.bank.add_image(&name, bytes);
                    if key.is_none() {
                        problems.push(file_problem(
                            href,
                            1,
                            format!("the file {src:?} is not an image; left out"),
                        ));
                    }
                    key
                })
                .clone();
            if key.is_none() && !problems.iter().any(|p: &Problem| p.message.contains(src)) {
                problems.push(file_problem(
                    href,
                    1,
                    format!("the image {src:?} is not in the package; left out"),
                ));
            }
            key.map(|key| ImageRef {
                key,
                alt: alt.to_string(),
            })
        };
        from_html(&html, &mut resolve)
    };
    let mut stem = rich_of(body, INTERACTIONS);
    for prompt in body.descendants().filter(|n| n.has_tag_name("prompt")) {
        stem.0.extend(rich_of(prompt, &[]).0);
    }
    let name = root.attribute("title").unwrap_or("").to_string();
    let decl = root
        .children()
        .find(|n| n.has_tag_name("responseDeclaration"));
    let values = |n: Option<Node>| -> Vec<String> {
        n.and_then(|d| d.children().find(|c| c.has_tag_name("correctResponse")))
            .map(|c| {
                c.children()
                    .filter(|v| v.has_tag_name("value"))
                    .map(|v| v.text().unwrap_or("").trim().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mapping: Vec<(String, Decimal, bool)> = decl
        .and_then(|d| d.children().find(|c| c.has_tag_name("mapping")))
        .map(|m| {
            m.children()
                .filter(|e| e.has_tag_name("mapEntry"))
                .map(|e| {
                    (
                        e.attribute("mapKey").unwrap_or("").to_string(),
                        Decimal::parse(e.attribute("mappedValue").unwrap_or("0"))
                            .unwrap_or_default()
                            .fraction_to_percent(),
                        e.attribute("caseSensitive") == Some("true"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let interaction = body
        .descendants()
        .find(|n| n.is_element() && INTERACTIONS[..4].iter().any(|i| n.has_tag_name(*i)));
    let Some(inter) = interaction else {
        let other = body
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name().ends_with("Interaction"));
        return Err(match other {
            Some(o) => file_problem(href, line(o), format!("the interaction {} is not supported (choice, text entry, match, extended text); left out", o.tag_name().name())),
            None => file_problem(href, line(body), "the item has no interaction; left out"),
        });
    };
    let bodyq = match inter.tag_name().name() {
        "choiceInteraction" => {
            let choices: Vec<Node> = inter
                .children()
                .filter(|c| c.has_tag_name("simpleChoice"))
                .collect();
            let ids: Vec<&str> = choices
                .iter()
                .map(|c| c.attribute("identifier").unwrap_or(""))
                .collect();
            let correct = values(decl);
            if ids == ["true", "false"] {
                Body::TrueFalse {
                    correct: correct.first().map(String::as_str) == Some("true"),
                    feedback_true: RichText::empty(),
                    feedback_false: RichText::empty(),
                }
            } else {
                let single = decl.and_then(|d| d.attribute("cardinality")) != Some("multiple");
                let mut options = Vec::new();
                for (c, id) in choices.iter().zip(&ids) {
                    let weight = match mapping.iter().find(|m| m.0 == *id) {
                        Some(m) => m.1,
                        None if correct.iter().any(|v| v == id) => Decimal::from_int(100),
                        None => Decimal::ZERO,
                    };
                    options.push(ChoiceOption {
                        text: rich_of(*c, &[]),
                        weight,
                        feedback: RichText::empty(),
                        pinned: c.attribute("fixed") == Some("true"),
                    });
                }
                let shuffle = inter.attribute("shuffle") == Some("true");
                if single {
                    Body::SingleChoice { options, shuffle }
                } else {
                    Body::MultipleResponse { options, shuffle }
                }
            }
        }
        "textEntryInteraction" => {
            let mut answers: Vec<TextAnswer> = mapping
                .iter()
                .map(|(k, w, _)| TextAnswer {
                    text: k.clone(),
                    weight: *w,
                    feedback: RichText::empty(),
                })
                .collect();
            if answers.is_empty() {
                answers = values(decl)
                    .into_iter()
                    .map(|v| TextAnswer {
                        text: v,
                        weight: Decimal::from_int(100),
                        feedback: RichText::empty(),
                    })
                    .collect();
            }
            Body::ShortAnswer {
                answers,
                case_sensitive: mapping.iter().any(|m| m.2),
            }
        }
        "matchInteraction" => {
            let sets: Vec<Node> = inter
                .children()
                .filter(|c| c.has_tag_name("simpleMatchSet"))
                .collect();
            if sets.len() != 2 {
                return Err(file_problem(
                    href,
                    line(inter),
                    "a matchInteraction needs two simpleMatchSets; left out",
                ));
            }
            let targets: Vec<(String, String)> = assoc(sets[1])
                .iter()
                .map(|t| {
                    (
                        t.attribute("identifier").unwrap_or("").to_string(),
                        rich_of(*t, &[]).to_plain(),
                    )
                })
                .collect();
            let pairs_v = values(decl);
            let mut pairs = Vec::new();
            let mut used = Vec::new();
            for s in assoc(sets[0]) {
                let id = s.attribute("identifier").unwrap_or("");
                let target = pairs_v.iter().find_map(|v| {
                    v.split_once(' ')
                        .filter(|(a, _)| *a == id)
                        .map(|(_, b)| b.to_string())
                });
                let Some(answer) = target.and_then(|t| targets.iter().find(|x| x.0 == t)) else {
                    return Err(file_problem(
                        href,
                        line(s),
                        format!("the prompt {id} has no right answer; left out"),
                    ));
                };
                used.push(answer.0.clone());
                pairs.push(MatchPair {
                    prompt: rich_of(s, &[]),
                    answer: answer.1.clone(),
                });
            }
            for (id, text) in &targets {
                if !used.contains(id) {
                    pairs.push(MatchPair {
                        prompt: RichText::empty(),
                        answer: text.clone(),
                    });
                }
            }
            Body::Matching {
                pairs,
                shuffle: inter.attribute("shuffle") == Some("true"),
            }
        }
        _ => {
            let grader_info = body
                .descendants()
                .find(|n| n.has_tag_name("rubricBlock") && n.attribute("view") == Some("scorer"))
                .map(|r| rich_of(r, &[]))
                .unwrap_or_default();
            Body::Essay {
                rubric: Vec::new(),
                grader_info,
                response_template: String::new(),
            }
        }
    };
    result.problems.extend(problems);
    let mut q = Question::new(name, stem, bodyq);
    if let Some(v) = root
        .children()
        .find(|n| {
            n.has_tag_name("outcomeDeclaration") && n.attribute("identifier") == Some("MAXSCORE")
        })
        .and_then(|o| o.descendants().find(|v| v.has_tag_name("value")))
        .and_then(|v| Decimal::parse(v.text().unwrap_or("")))
    {
        q.meta.points = v;
    }
    Ok(q)
}

fn assoc<'a, 'i>(s: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    s.children()
        .filter(|c| c.has_tag_name("simpleAssociableChoice"))
        .collect()
}

/// `dir` + `src`, with `.` and `..` resolved (as zip entry names are).
fn join_path(dir: &str, src: &str) -> String {
    let joined = format!("{dir}{src}");
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}
