//! Descriptions of achievement (capaian kompetensi), pure: the ticks a
//! teacher gives a student's learning objectives (TP), the sentence the
//! report card prints from them in Indonesian or English, and the promotion
//! decision's codes. No IO; `schooldesk-app` stores the ticks and the
//! teacher's own text when they replace the sentence.

use crate::records::*;
use crate::validate::Msg;

/// Which side of the sentence a ticked objective goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tick {
    /// Among what the student mastered best.
    Mastered,
    /// Among what needs work.
    NeedsWork,
}

impl Tick {
    pub fn as_str(self) -> &'static str {
        match self {
            Tick::Mastered => "mastered",
            Tick::NeedsWork => "needs_work",
        }
    }
    pub fn parse(code: &str) -> Option<Tick> {
        [Tick::Mastered, Tick::NeedsWork]
            .into_iter()
            .find(|t| t.as_str() == code)
    }
}

pub fn check_tick(code: &str) -> Result<(), Msg> {
    match Tick::parse(code) {
        Some(_) => Ok(()),
        None => Err(Msg::new(
            "objective_mark",
            format!("an objective's mark must be mastered or needs_work, got {code:?}"),
        )
        .with("value", code)),
    }
}

/// The decision at the end of a school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Promotion {
    /// Naik kelas.
    Promoted,
    /// Tinggal kelas.
    Retained,
    /// Lulus (the last grade).
    Graduated,
}

impl Promotion {
    pub fn as_str(self) -> &'static str {
        match self {
            Promotion::Promoted => "promoted",
            Promotion::Retained => "retained",
            Promotion::Graduated => "graduated",
        }
    }
    pub fn parse(code: &str) -> Option<Promotion> {
        [
            Promotion::Promoted,
            Promotion::Retained,
            Promotion::Graduated,
        ]
        .into_iter()
        .find(|p| p.as_str() == code)
    }
}

pub fn check_promotion(code: &str) -> Result<(), Msg> {
    match Promotion::parse(code) {
        Some(_) => Ok(()),
        None => Err(Msg::new(
            "promotion_value",
            format!("the promotion decision must be promoted, retained or graduated, got {code:?}"),
        )
        .with("value", code)),
    }
}

crate::validate::field_checks_only!(
    LearningObjective,
    ObjectiveMark,
    SubjectDescription,
    CommentBankEntry,
    TermReport,
    Extracurricular,
    ExtracurricularResult
);

/// The language a description is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Bahasa Indonesia (the rapor).
    Id,
    /// English (the international report).
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// An objective's text as it sits inside a sentence: trimmed, without a
/// closing full stop, and its first letter made small when it is a capital
/// followed by a small letter (a sentence's start), so abbreviations
/// ("IPA", "PPKn") keep theirs.
fn clause(text: &str) -> String {
    let text = text.trim().trim_end_matches(['.', ';', ',']).trim_end();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// "a", "a dan b", "a, b, dan c" (Indonesian); "a", "a and b", "a, b and c"
/// (English).
fn list(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Id => "dan",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} {and} {b}"),
        [rest @ .., last] => match lang {
            Lang::Id => format!("{}, {and} {last}", rest.join(", ")),
            Lang::En => format!("{} {and} {last}", rest.join(", ")),
        },
    }
}

/// The description sentence from the objectives a student mastered best
/// and those that need work (each as its text in `lang`, in the order the
/// subject lists them). Empty when nothing is ticked: there is nothing to
/// say, and the card must not invent it.
pub fn describe(lang: Lang, mastered: &[&str], needs_work: &[&str]) -> String {
    let mastered: Vec<String> = mastered
        .iter()
        .map(|t| clause(t))
        .filter(|t| !t.is_empty())
        .collect();
    let needs_work: Vec<String> = needs_work
        .iter()
        .map(|t| clause(t))
        .filter(|t| !t.is_empty())
        .collect();
    let (good, work) = (list(&mastered, lang), list(&needs_work, lang));
    match (lang, good.is_empty(), work.is_empty()) {
        (_, true, true) => String::new(),
        (Lang::Id, false, true) => format!("Menunjukkan penguasaan yang baik dalam {good}."),
        (Lang::Id, true, false) => format!("Perlu ditingkatkan dalam {work}."),
        (Lang::Id, false, false) => {
            format!(
                "Menunjukkan penguasaan yang baik dalam {good}; perlu ditingkatkan dalam {work}."
            )
        }
        (Lang::En, false, true) => format!("Shows good mastery in {good}."),
        (Lang::En, true, false) => format!("Needs to improve in {work}."),
        (Lang::En, false, false) => {
            format!("Shows good mastery in {good}; needs to improve in {work}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_for_none_one_two_and_many_on_each_side() {
        let a = "Menjelaskan bilangan bulat";
        let b = "menghitung pecahan.";
        let c = "Membaca diagram";
        let ea = "Explaining whole numbers";
        let eb = "adding fractions";
        let ec = "reading charts";
        use Lang::*;
        let cases: &[(Lang, &[&str], &[&str], &str)] = &[
            (Id, &[], &[], ""),
            (En, &[], &[], ""),
            (Id, &[a], &[], "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat."),
            (
                Id,
                &[a, b],
                &[],
                "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat dan menghitung pecahan.",
            ),
            (
                Id,
                &[a, b, c],
                &[],
                "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat, menghitung pecahan, dan membaca diagram.",
            ),
            (Id, &[], &[c], "Perlu ditingkatkan dalam membaca diagram."),
            (Id, &[], &[b, c], "Perlu ditingkatkan dalam menghitung pecahan dan membaca diagram."),
            (
                Id,
                &[a],
                &[b, c],
                "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat; perlu ditingkatkan dalam menghitung pecahan dan membaca diagram.",
            ),
            (
                Id,
                &[a, b, c],
                &[a, b, c],
                "Menunjukkan penguasaan yang baik dalam menjelaskan bilangan bulat, menghitung pecahan, dan membaca diagram; perlu ditingkatkan dalam menjelaskan bilangan bulat, menghitung pecahan, dan membaca diagram.",
            ),
            (En, &[ea], &[], "Shows good mastery in explaining whole numbers."),
            (En, &[ea, eb], &[], "Shows good mastery in explaining whole numbers and adding fractions."),
            (
                En,
                &[ea, eb, ec],
                &[],
                "Shows good mastery in explaining whole numbers, adding fractions and reading charts.",
            ),
            (En, &[], &[ec], "Needs to improve in reading charts."),
            (En, &[], &[eb, ec], "Needs to improve in adding fractions and reading charts."),
            (
                En,
                &[ea],
                &[eb, ec, ea],
                "Shows good mastery in explaining whole numbers; needs to improve in adding fractions, reading charts and explaining whole numbers.",
            ),
            // Abbreviations keep their capitals; blank objectives say nothing.
            (Id, &["IPA terpadu", "  "], &[], "Menunjukkan penguasaan yang baik dalam IPA terpadu."),
            (En, &["   "], &["."], ""),
        ];
        for (lang, mastered, needs_work, expected) in cases {
            assert_eq!(
                describe(*lang, mastered, needs_work),
                *expected,
                "{lang:?} {mastered:?} {needs_work:?}"
            );
        }
    }

    #[test]
    fn codes_round_trip() {
        for tick in [Tick::Mastered, Tick::NeedsWork] {
            assert_eq!(Tick::parse(tick.as_str()), Some(tick));
        }
        for p in [
            Promotion::Promoted,
            Promotion::Retained,
            Promotion::Graduated,
        ] {
            assert_eq!(Promotion::parse(p.as_str()), Some(p));
        }
        assert_eq!(check_tick("good").unwrap_err().code, "objective_mark");
        assert_eq!(check_promotion("naik").unwrap_err().code, "promotion_value");
        assert_eq!(Lang::parse("id"), Some(Lang::Id));
        assert_eq!(Lang::parse("fr"), None);
    }
}
