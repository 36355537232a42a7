//! The words a question is found by, and how alike two stems are: what
//! the store's full-text index holds and what marks a duplicate.
//!
//! Words are runs of letters and the digits 0–9, lower case, one space
//! apart, at most [`MAX_WORD`] characters. The store indexes exactly these
//! words on both backends (SQLite FTS5, PostgreSQL `to_tsvector('simple',
//! …)`), so both find the same questions. Other characters separate words,
//! numbers like ½ and ² too: the two backends' tokenizers do not agree on
//! them (nor on letters written with combining marks, which are left as
//! they come).

use std::collections::BTreeSet;

use crate::model::{Body, Question, Stimulus};

/// Longer runs are dropped: no one searches for them, and PostgreSQL
/// refuses to index very long words.
pub const MAX_WORD: usize = 60;

/// Two stems whose word sets overlap at least this much (in percent of
/// their union) are near-duplicates.
pub const NEAR_PERCENT: usize = 80;

/// Whether `c` belongs to a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit()
}

/// The words of `text`, lower case, in order.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD)
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// The words of `text`, one space apart.
pub fn key(text: &str) -> String {
    words(text).join(" ")
}

/// What identifies a question's stem: its words, one space apart.
pub fn stem_key(q: &Question) -> String {
    key(&q.stem.to_plain())
}

/// Every word of the question that a search may look for: its name, stem,
/// options, answers, topic, objective, tags, and its stimulus's title and
/// text.
pub fn search_text(q: &Question, stimulus: Option<&Stimulus>) -> String {
    let mut parts: Vec<String> = vec![q.name.clone(), q.stem.to_plain()];
    match &q.body {
        Body::SingleChoice { options, .. } | Body::MultipleResponse { options, .. } => {
            parts.extend(options.iter().map(|o| o.text.to_plain()));
        }
        Body::Matching { pairs, .. } => {
            for p in pairs {
                parts.push(p.prompt.to_plain());
                parts.push(p.answer.clone());
            }
        }
        Body::ShortAnswer { answers, .. } => parts.extend(answers.iter().map(|a| a.text.clone())),
        Body::TrueFalse { .. } | Body::Numeric { .. } | Body::Essay { .. } => {}
    }
    let m = &q.meta;
    parts.extend(
        [&m.topic, &m.objective, &m.learning_outcome, &m.source]
            .into_iter()
            .flatten()
            .cloned(),
    );
    parts.extend(m.tags.iter().cloned());
    if let Some(s) = stimulus {
        parts.push(s.title.clone());
        parts.push(s.content.to_plain());
    }
    key(&parts.join(" "))
}

/// How alike two stem keys are: the share of words they have in common,
/// in percent of the words either has (0 to 100).
pub fn likeness(a: &str, b: &str) -> usize {
    let a: BTreeSet<&str> = a.split(' ').filter(|w| !w.is_empty()).collect();
    let b: BTreeSet<&str> = b.split(' ').filter(|w| !w.is_empty()).collect();
    let union = a.union(&b).count();
    if union == 0 {
        return 100;
    }
    a.intersection(&b).count() * 100 / union
}

/// Whether two stem keys are the same or near enough to be one question.
pub fn is_near(a: &str, b: &str) -> bool {
    a == b || likeness(a, b) >= NEAR_PERCENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChoiceOption, Question};
    use crate::rich::RichText;
    use crate::{percent, Body};

    #[test]
    fn words_are_lower_case_runs_of_letters_and_digits() {
        assert_eq!(
            words("Luas segi-tiga = ½·a·t?  Ibu's 3,14 ÉCOLE x²"),
            ["luas", "segi", "tiga", "a", "t", "ibu", "s", "3", "14", "école", "x"]
        );
        assert_eq!(key("  "), "");
        assert!(words(&"a".repeat(61)).is_empty());
        assert_eq!(words(&"a".repeat(60)).len(), 1);
    }

    #[test]
    fn search_text_holds_options_tags_and_stimulus() {
        let mut q = Question::new(
            "Q1",
            RichText::from_plain("Ibu kota Indonesia?"),
            Body::SingleChoice {
                options: vec![ChoiceOption {
                    text: RichText::from_plain("Jakarta"),
                    weight: percent("100"),
                    feedback: RichText::empty(),
                    pinned: false,
                }],
                shuffle: true,
            },
        );
        q.meta.tags = vec!["Geografi".into()];
        q.meta.topic = Some("Ibu kota".into());
        let s = Stimulus {
            id: crate::StimulusId("s".into()),
            title: "Peta".into(),
            content: RichText::from_plain("Pulau Jawa"),
        };
        assert_eq!(
            search_text(&q, Some(&s)),
            "q1 ibu kota indonesia jakarta ibu kota geografi peta pulau jawa"
        );
        assert_eq!(stem_key(&q), "ibu kota indonesia");
    }

    #[test]
    fn near_duplicates() {
        let a = key("Berapakah hasil dari 12 dikali 3 pada soal ini?");
        let b = key("Berapakah hasil dari 12 dikali 3 pada soal ini ?");
        let c = key("Berapakah hasil dari 12 dikali 4 pada soal ini?");
        let d = key("Sebutkan ibu kota provinsi Jawa Barat");
        assert!(is_near(&a, &b) && likeness(&a, &b) == 100);
        assert!(is_near(&a, &c), "{}", likeness(&a, &c));
        assert!(!is_near(&a, &d));
        assert_eq!(likeness("", ""), 100);
    }
}
