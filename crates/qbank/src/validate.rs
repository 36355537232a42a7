//! Validation: every problem names the field it is about
//! (`options[2].text`, `meta.points`, `answers`, …; positions count from 1
//! as a teacher counts).

use std::collections::HashMap;

use crate::decimal::Decimal;
use crate::model::{Bank, Body, ChoiceOption, NumericAccept, Problem, Question};

/// How far the right weights of a multiple-response question may be from
/// 100 % and still add up: files write thirds as `33.33333`, so three of
/// them make `99.99999`.
fn slack() -> Decimal {
    Decimal::new(1, 4) // 0.0001 %
}

fn hundred() -> Decimal {
    Decimal::from_int(100)
}

impl Question {
    /// Every problem with this question; empty when it can be used.
    pub fn validate(&self) -> Vec<Problem> {
        let mut p = Vec::new();
        if self.stem.is_empty() {
            p.push(Problem::field("stem", "the question has no text"));
        }
        if !self.meta.points.is_positive() {
            p.push(Problem::field(
                "meta.points",
                format!("points must be more than 0, not {}", self.meta.points),
            ));
        }
        if let Some(g) = self.meta.grade_level {
            if !(1..=12).contains(&g) {
                p.push(Problem::field(
                    "meta.grade_level",
                    format!("grade level {g} is not between 1 and 12"),
                ));
            }
        }
        if self.meta.version == 0 {
            p.push(Problem::field("meta.version", "versions start at 1"));
        }
        for (i, t) in self.meta.tags.iter().enumerate() {
            if t.trim().is_empty() {
                p.push(Problem::field(
                    format!("meta.tags[{}]", i + 1),
                    "a tag is empty",
                ));
            }
        }
        match &self.body {
            Body::SingleChoice { options, .. } => {
                check_options(options, &mut p);
                let right = options.iter().filter(|o| o.weight == hundred()).count();
                if right == 0 {
                    p.push(Problem::field(
                        "options",
                        "no option is marked right (100 %)",
                    ));
                } else if right > 1 {
                    p.push(Problem::field(
                        "options",
                        format!("{right} options are marked right; a single-choice question has one (make it multiple response)"),
                    ));
                }
            }
            Body::MultipleResponse { options, .. } => {
                check_options(options, &mut p);
                let sum = options
                    .iter()
                    .filter(|o| o.weight.is_positive())
                    .fold(Decimal::ZERO, |a, o| a.plus(o.weight));
                if sum.is_zero() {
                    p.push(Problem::field("options", "no option is marked right"));
                } else if sum.minus(hundred()).abs() > slack() {
                    p.push(Problem::field(
                        "options",
                        format!("the weights of the right options add up to {sum} %, not 100 %"),
                    ));
                }
            }
            Body::TrueFalse { .. } => {}
            Body::Matching { pairs, .. } => {
                let prompts: Vec<_> = pairs
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| !x.prompt.is_empty())
                    .collect();
                if prompts.len() < 2 {
                    p.push(Problem::field(
                        "pairs",
                        format!(
                            "a matching question needs at least 2 pairs, not {}",
                            prompts.len()
                        ),
                    ));
                }
                let mut seen: HashMap<String, usize> = HashMap::new();
                for (i, pair) in &prompts {
                    if let Some(first) = seen.insert(pair.prompt.to_plain(), *i) {
                        p.push(Problem::field(
                            format!("pairs[{}].prompt", i + 1),
                            format!("the same prompt as pairs[{}]", first + 1),
                        ));
                    }
                }
                for (i, pair) in pairs.iter().enumerate() {
                    if pair.answer.trim().is_empty() {
                        p.push(Problem::field(
                            format!("pairs[{}].answer", i + 1),
                            "the answer is empty",
                        ));
                    }
                }
            }
            Body::ShortAnswer {
                answers,
                case_sensitive,
            } => {
                if answers.is_empty() {
                    p.push(Problem::field("answers", "no accepted answer"));
                }
                let mut seen: HashMap<String, usize> = HashMap::new();
                for (i, a) in answers.iter().enumerate() {
                    if a.text.trim().is_empty() {
                        p.push(Problem::field(
                            format!("answers[{}].text", i + 1),
                            "the answer is empty",
                        ));
                    }
                    check_weight(
                        a.weight,
                        &format!("answers[{}].weight", i + 1),
                        false,
                        &mut p,
                    );
                    let key = if *case_sensitive {
                        a.text.trim().to_string()
                    } else {
                        a.text.trim().to_lowercase()
                    };
                    if let Some(first) = seen.insert(key, i) {
                        p.push(Problem::field(
                            format!("answers[{}].text", i + 1),
                            format!("the same answer as answers[{}]", first + 1),
                        ));
                    }
                }
                if !answers.is_empty() && !answers.iter().any(|a| a.weight == hundred()) {
                    p.push(Problem::field(
                        "answers",
                        "no answer is fully right (100 %)",
                    ));
                }
            }
            Body::Numeric { answers, .. } => {
                if answers.is_empty() {
                    p.push(Problem::field("answers", "no accepted number"));
                }
                for (i, a) in answers.iter().enumerate() {
                    check_weight(
                        a.weight,
                        &format!("answers[{}].weight", i + 1),
                        false,
                        &mut p,
                    );
                    match a.accept {
                        NumericAccept::Tolerance { tolerance, .. } if tolerance.is_negative() => p
                            .push(Problem::field(
                                format!("answers[{}].tolerance", i + 1),
                                "the tolerance is negative",
                            )),
                        NumericAccept::Range { min, max } if min > max => p.push(Problem::field(
                            format!("answers[{}].range", i + 1),
                            format!("the range starts at {min}, after its end {max}"),
                        )),
                        _ => {}
                    }
                }
                if !answers.is_empty() && !answers.iter().any(|a| a.weight == hundred()) {
                    p.push(Problem::field(
                        "answers",
                        "no number is fully right (100 %)",
                    ));
                }
            }
            Body::Essay { rubric, .. } => {
                for (i, c) in rubric.iter().enumerate() {
                    if c.description.trim().is_empty() {
                        p.push(Problem::field(
                            format!("rubric[{}].description", i + 1),
                            "the criterion has no description",
                        ));
                    }
                    if !c.points.is_positive() {
                        p.push(Problem::field(
                            format!("rubric[{}].points", i + 1),
                            "points must be more than 0",
                        ));
                    }
                }
                if !rubric.is_empty() {
                    let sum = rubric.iter().fold(Decimal::ZERO, |a, c| a.plus(c.points));
                    if sum != self.meta.points {
                        p.push(Problem::field(
                            "rubric",
                            format!(
                                "the criteria add up to {sum} points, the question is worth {}",
                                self.meta.points
                            ),
                        ));
                    }
                }
            }
        }
        p
    }
}

fn check_weight(w: Decimal, field: &str, negative_ok: bool, p: &mut Vec<Problem>) {
    let low = if negative_ok {
        Decimal::from_int(-100)
    } else {
        Decimal::ZERO
    };
    if w < low || w > hundred() {
        p.push(Problem::field(
            field,
            format!("the weight {w} % is outside {low}..100 %"),
        ));
    }
}

fn check_options(options: &[ChoiceOption], p: &mut Vec<Problem>) {
    if options.len() < 2 {
        p.push(Problem::field(
            "options",
            format!(
                "a choice question needs at least 2 options, not {}",
                options.len()
            ),
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, o) in options.iter().enumerate() {
        if o.text.is_empty() {
            p.push(Problem::field(
                format!("options[{}].text", i + 1),
                "the option is empty",
            ));
            continue;
        }
        check_weight(o.weight, &format!("options[{}].weight", i + 1), true, p);
        let key = o.text.to_plain().to_lowercase();
        if let Some(first) = seen.insert(key, i) {
            p.push(Problem::field(
                format!("options[{}].text", i + 1),
                format!("the same option as options[{}]", first + 1),
            ));
        }
    }
}

impl Bank {
    /// Every problem in the bank: each question's (prefixed with its
    /// position `questions[3].`), stimuli that do not exist, images whose
    /// bytes are missing, stimulus ids used twice.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, s) in self.stimuli.iter().enumerate() {
            if let Some(first) = ids.insert(s.id.0.as_str(), i) {
                out.push(Problem::field(
                    format!("stimuli[{}].id", i + 1),
                    format!("the same id as stimuli[{}]", first + 1),
                ));
            }
        }
        for (i, q) in self.questions.iter().enumerate() {
            let prefix = format!("questions[{}]", i + 1);
            for mut p in q.validate() {
                if let crate::model::Place::Field { field } = &mut p.place {
                    *field = format!("{prefix}.{field}");
                }
                out.push(p);
            }
            if let Some(s) = &q.stimulus {
                if self.stimulus(s).is_none() {
                    out.push(Problem::field(
                        format!("{prefix}.stimulus"),
                        format!("no stimulus {:?} in the bank", s.0),
                    ));
                }
            }
            for t in q.texts() {
                for img in t.images() {
                    if !self.images.contains_key(&img.key) {
                        out.push(Problem::field(
                            format!("{prefix}.images"),
                            format!("the image {:?} has no bytes in the bank", img.alt),
                        ));
                    }
                }
            }
        }
        out
    }
}
