//! The question bank's stored records (issue 13): the checks their fields
//! declare and the review steps a question moves through. The questions
//! themselves (types, rich text, file formats) are `schooldesk_qbank`'s.

use crate::records::{BankQuestion, QuestionImage, QuestionStimulus, QuestionVersion};
use crate::validate::{one_of, Msg};

/// The question types, as stored.
pub const KINDS: [&str; 7] = [
    "single_choice",
    "multiple_response",
    "true_false",
    "matching",
    "short_answer",
    "numeric",
    "essay",
];

pub const DIFFICULTIES: [&str; 3] = ["easy", "medium", "hard"];

/// Review status: draft → reviewed → approved.
pub const STATUSES: [&str; 3] = ["draft", "reviewed", "approved"];

/// The image types a paper can print.
pub const MIMES: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
];

pub fn check_kind(v: &str) -> Result<(), Msg> {
    one_of(v, &KINDS)
}

pub fn check_difficulty(v: &str) -> Result<(), Msg> {
    one_of(v, &DIFFICULTIES)
}

pub fn check_status(v: &str) -> Result<(), Msg> {
    one_of(v, &STATUSES)
}

pub fn check_mime(v: &str) -> Result<(), Msg> {
    one_of(v, &MIMES)
}

pub fn check_sha256(v: &str) -> Result<(), Msg> {
    if v.len() == 64
        && v.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(Msg::new(
            "not_sha256",
            "must be a SHA-256 in lower-case hex (64 characters)",
        ))
    }
}

/// One tag as stored: trimmed, lower case, inner spaces kept single.
/// `None` when nothing is left.
pub fn tidy_tag(tag: &str) -> Option<String> {
    let t = tag
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(';', ",");
    (!t.is_empty()).then_some(t)
}

/// Tags as stored: `;a;b;` (each tidy, sorted, once), `;` for none.
pub fn join_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> String {
    let mut all: Vec<String> = tags.into_iter().filter_map(tidy_tag).collect();
    all.sort();
    all.dedup();
    let mut out = String::from(";");
    for t in all {
        out.push_str(&t);
        out.push(';');
    }
    out
}

/// The tags of a stored `;a;b;`.
pub fn split_tags(stored: &str) -> Vec<String> {
    stored
        .split(';')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn check_tags(v: &str) -> Result<(), Msg> {
    if v.starts_with(';') && v.ends_with(';') && join_tags(v.split(';')) == v {
        Ok(())
    } else {
        Err(Msg::new(
            "tags_format",
            "tags must be stored as ;tag;tag; (lower case, sorted, each once)",
        ))
    }
}

/// Whether a question may move from `from` to `to`: forward one step at a
/// time (draft → reviewed → approved), or back to draft from anywhere.
pub fn check_move(from: &str, to: &str) -> Result<(), Msg> {
    check_status(to)?;
    let ok = matches!(
        (from, to),
        ("draft", "reviewed") | ("reviewed", "approved") | ("reviewed" | "approved", "draft")
    );
    if ok {
        Ok(())
    } else {
        Err(Msg::new(
            "status_move",
            format!("a question cannot go from {from} to {to}; the steps are draft → reviewed → approved (or back to draft)"),
        )
        .with("from", from)
        .with("to", to))
    }
}

crate::validate::field_checks_only!(
    QuestionImage,
    QuestionStimulus,
    BankQuestion,
    QuestionVersion
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_stored_tidy_and_checked() {
        assert_eq!(
            join_tags(["UTS", " Aljabar  Linear ", "uts", ""]),
            ";aljabar linear;uts;"
        );
        assert_eq!(join_tags([]), ";");
        assert!(check_tags(";aljabar linear;uts;").is_ok());
        assert!(check_tags(";").is_ok());
        assert!(check_tags(";UTS;").is_err());
        assert!(check_tags(";uts;aljabar;").is_err());
        assert!(check_tags("uts").is_err());
        assert_eq!(split_tags(";a;b c;"), ["a", "b c"]);
    }

    #[test]
    fn review_steps() {
        assert!(check_move("draft", "reviewed").is_ok());
        assert!(check_move("reviewed", "approved").is_ok());
        assert!(check_move("approved", "draft").is_ok());
        assert_eq!(
            check_move("draft", "approved").unwrap_err().code,
            "status_move"
        );
        assert!(check_move("approved", "approved").is_err());
        assert!(check_move("draft", "published").is_err());
    }

    #[test]
    fn sha256_is_lower_hex() {
        assert!(check_sha256(&"a".repeat(64)).is_ok());
        assert!(check_sha256(&"A".repeat(64)).is_err());
        assert!(check_sha256("abc").is_err());
    }
}
