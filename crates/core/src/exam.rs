//! Exam papers' stored records (issue 13 item 4): the checks their fields
//! declare and the steps a paper moves through. Assembly itself (matching
//! blueprint rows to the bank) is `schooldesk_qbank::assemble`.

use crate::records::{ExamBlueprint, ExamPaper, ExamPaperItem, ExamResult, QuestionStat};
use crate::validate::{field_checks_only, lines, one_of, Msg};

field_checks_only!(
    ExamBlueprint,
    ExamPaper,
    ExamPaperItem,
    ExamResult,
    QuestionStat
);

/// A paper's steps: a draft (questions may change), final (the questions
/// are fixed; it may be printed), released (students and parents may see
/// it, after the exam).
pub const PAPER_STATUSES: [&str; 3] = ["draft", "final", "released"];

/// The longest instructions a paper header prints.
pub const MAX_TEXT: usize = 2000;

pub fn check_paper_status(v: &str) -> Result<(), Msg> {
    one_of(v, &PAPER_STATUSES)
}

/// Forward one step (draft → final → released), or a final paper back to
/// draft. A released paper stays released.
pub fn check_paper_move(from: &str, to: &str) -> Result<(), Msg> {
    check_paper_status(to)?;
    if matches!(
        (from, to),
        ("draft", "final") | ("final", "released") | ("final", "draft")
    ) {
        Ok(())
    } else {
        Err(Msg::new(
            "paper_move",
            format!("an exam paper cannot go from {from} to {to}; the steps are draft → final → released (or final back to draft)"),
        )
        .with("from", from)
        .with("to", to))
    }
}

/// Instructions and section texts: free text over several lines, at most
/// [`MAX_TEXT`] characters.
pub fn check_text(v: &str) -> Result<(), Msg> {
    lines(v)?;
    if v.chars().count() > MAX_TEXT {
        return Err(
            Msg::new("too_long", format!("must be at most {MAX_TEXT} characters"))
                .with("max", MAX_TEXT),
        );
    }
    Ok(())
}

/// Points as stored: a positive decimal with at most two decimals ("2", "2.5").
pub fn check_points(v: &str) -> Result<(), Msg> {
    let bad = || {
        Msg::new(
            "points_format",
            format!("points must be a number above 0 with at most two decimals, not {v:?}"),
        )
        .with("value", v)
    };
    let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
    if whole.is_empty()
        || whole.len() > 4
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || (v.contains('.') && frac.is_empty())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || v.bytes().all(|b| b == b'0' || b == b'.')
    {
        return Err(bad());
    }
    Ok(())
}

/// A variant's code: 1 to 3 capital letters (A … Z, AA …).
pub fn check_variant(v: &str) -> Result<(), Msg> {
    if (1..=3).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(Msg::new(
            "variant_code",
            format!("a variant is written A, B, C…, not {v:?}"),
        )
        .with("value", v))
    }
}

/// A stored score: a decimal with at most two decimals, maybe below 0.
pub fn check_score(v: &str) -> Result<(), Msg> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || whole.len() > 6
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || (digits.contains('.') && frac.is_empty())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Msg::new(
            "score_format",
            format!("a score is a number with at most two decimals, not {v:?}"),
        )
        .with("value", v));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_points() {
        assert!(check_paper_move("draft", "final").is_ok());
        assert!(check_paper_move("final", "released").is_ok());
        assert!(check_paper_move("final", "draft").is_ok());
        assert_eq!(
            check_paper_move("draft", "released").unwrap_err().code,
            "paper_move"
        );
        assert!(check_paper_move("released", "draft").is_err());
        for ok in ["1", "2.5", "10.25"] {
            assert!(check_points(ok).is_ok(), "{ok}");
        }
        for bad in ["", "0", "0.0", "-1", "1.", ".5", "1.234", "x", "1e3"] {
            assert!(check_points(bad).is_err(), "{bad}");
        }
        for ok in ["0", "-0.67", "37.5", "100"] {
            assert!(check_score(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-", "1.", "1.234", "x", "--1"] {
            assert!(check_score(bad).is_err(), "{bad}");
        }
        assert!(check_variant("A").is_ok() && check_variant("AB").is_ok());
        for bad in ["", "a", "A1", "ABCD"] {
            assert!(check_variant(bad).is_err(), "{bad}");
        }
    }
}
