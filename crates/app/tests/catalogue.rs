//! Every message the app can send the desktop UI has words in both of the
//! UI's languages (issue 16, item 6): each problem code (`Msg::new("code"`,
//! `AppError::setup("code"` anywhere in core, app and the desktop shell),
//! each error kind, each refused action, each record type and each field,
//! and each audit action. The codes are read from the sources, so a new
//! code without its words fails here, not in front of a school office.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The string literal that follows each `call` (spaces and line breaks
/// between them allowed).
fn literals_after(text: &str, call: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(call) {
        let rest = text[at + call.len()..].trim_start();
        if let Some(rest) = rest.strip_prefix('"') {
            let end = rest.find('"').unwrap();
            found.push(rest[..end].to_string());
        }
    }
    found
}

/// The string literal given as the second argument of each `call`.
fn second_literals(text: &str, call: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(call) {
        let rest = &text[at + call.len()..];
        let Some(comma) = rest.find(',') else {
            continue;
        };
        if let Some(rest) = rest[comma + 1..].trim_start().strip_prefix('"') {
            found.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    found
}

/// The string literals between `start` and the next `end`.
fn literals_in(text: &str, start: &str, end: &str) -> Vec<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"));
    let body = &text[from..];
    let body = &body[..body.find(end).unwrap()];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The keys of one language's block in i18n.ts.
fn keys(i18n: &str, start: &str) -> BTreeSet<String> {
    let from = i18n
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in i18n.ts"));
    let block = &i18n[from..];
    let block = &block[..block.find("\n};").unwrap()];
    block
        .lines()
        .skip(1)
        .filter_map(|l| {
            let l = l.trim_start();
            let (key, _) = l.split_once(':')?;
            key.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
                .then(|| key.to_string())
        })
        .collect()
}

/// The UI's map from a field name to its label's key, where the key is
/// not simply `f_` and the name.
fn field_keys(i18n: &str) -> Vec<(String, String)> {
    let from = i18n
        .find("export const fieldKeys")
        .expect("fieldKeys in i18n.ts");
    let block = &i18n[from..];
    let block = &block[..block.find("\n};").unwrap()];
    block
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (name, key) = l.trim().split_once(':')?;
            Some((
                name.trim().into(),
                key.trim().trim_end_matches(',').trim_matches('"').into(),
            ))
        })
        .collect()
}

struct Needed(Vec<(String, String)>);

impl Needed {
    fn add(&mut self, key: String, why: impl Into<String>) {
        self.0.push((key, why.into()));
    }
}

#[test]
fn every_server_message_has_words_in_both_languages() {
    let root = root();
    let i18n = std::fs::read_to_string(root.join("ui/src/i18n.ts")).unwrap();
    let en = keys(&i18n, "export const en = {");
    let id = keys(&i18n, "export const id: Catalogue = {");
    assert!(en.len() > 300 && id.len() > 300, "i18n.ts was not read");

    let mut files = Vec::new();
    for dir in [
        "crates/core/src",
        "crates/app/src",
        "crates/store/src",
        "src-tauri/src",
    ] {
        sources(&root.join(dir), &mut files);
    }
    let mut needed = Needed(Vec::new());
    let mut fields_named = Vec::new();
    for (path, text) in &files {
        let file = path.strip_prefix(&root).unwrap().display().to_string();
        for call in ["Msg::new(", "AppError::setup("] {
            for code in literals_after(text, call) {
                if !code.is_empty() {
                    needed.add(format!("p_{code}"), format!("{call}\"{code}\" in {file}"));
                }
            }
        }
        for code in second_literals(text, "bad_value(") {
            needed.add(
                format!("p_{code}"),
                format!("bad_value(.., \"{code}\" in {file}"),
            );
        }
        // The shell's own refusals: `UiError::coded(kind, "code", ..)`, and
        // the export's `refuse("code", ..)`.
        for code in second_literals(text, "UiError::coded(") {
            needed.add(
                format!("p_{code}"),
                format!("UiError::coded(.., \"{code}\" in {file}"),
            );
        }
        if file.ends_with("shell.rs") {
            for code in literals_after(text, "refuse(") {
                needed.add(format!("p_{code}"), format!("refuse(\"{code}\" in {file}"));
            }
        }
        for kind in literals_after(text, "UiError::new(") {
            needed.add(
                format!("err_{kind}"),
                format!("UiError::new(\"{kind}\" in {file}"),
            );
        }
        for call in ["AppError::field(", "FieldError::new(", "UiFieldError::new("] {
            for field in literals_after(text, call) {
                fields_named.push((field, format!("{call}\"..\" in {file}")));
            }
        }
        for action in literals_after(text, ".event(") {
            needed.add(
                format!("audit_do_{action}"),
                format!("audit event {action} in {file}"),
            );
        }
    }
    let error = std::fs::read_to_string(root.join("crates/app/src/error.rs")).unwrap();
    for kind in literals_in(&error, "pub fn kind(", "\n    }\n") {
        needed.add(format!("err_{kind}"), format!("AppError kind {kind}"));
    }
    for action in literals_in(&error, "pub fn action_code(", "\n}\n") {
        needed.add(format!("act_{action}"), format!("action {action}"));
    }
    for action in ["create", "update", "delete"] {
        needed.add(
            format!("audit_do_{action}"),
            format!("audit event {action}"),
        );
    }
    let fields = field_keys(&i18n);
    let label = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or(format!("f_{name}"), |(_, key)| key.clone())
    };
    for (field, why) in fields_named {
        needed.add(label(&field), format!("field {field}: {why}"));
    }
    for table in schooldesk_store::tables::ALL {
        needed.add(
            format!("rec_{}", table.name),
            format!("table {}", table.name),
        );
        for column in table.columns.iter().filter(|c| !c.secret) {
            needed.add(
                label(column.name),
                format!("field {}.{}", table.name, column.name),
            );
        }
    }
    assert!(
        needed.0.len() > 150,
        "too few codes found: {}",
        needed.0.len()
    );

    let missing: Vec<String> = needed
        .0
        .iter()
        .flat_map(|(key, why)| {
            [("en", &en), ("id", &id)]
                .into_iter()
                .filter(|(_, keys)| !keys.contains(key))
                .map(move |(lang, _)| format!("{lang}: {key} ({why})"))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        missing.is_empty(),
        "words missing in ui/src/i18n.ts:\n{}",
        missing.join("\n")
    );
}
