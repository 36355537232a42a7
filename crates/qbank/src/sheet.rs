//! The spreadsheet template for bulk question entry (issue 13 item 3):
//! one question per row under a header row of [`COLUMNS`]. Pure: the
//! caller reads the XLSX into rows of text and writes rows back.
//!
//! - `type`: single_choice | multiple_response | true_false | matching |
//!   short_answer | numeric | essay (the Indonesian words pg,
//!   pg_kompleks, benar_salah, menjodohkan, isian, uraian too).
//! - `stem`: the question; `name` a short title (the stem's start when empty).
//! - `option_a` … `option_f`: the options of a choice question; for
//!   matching, `prompt | answer` per cell (`| answer` alone is an extra
//!   wrong answer).
//! - `correct`: the right letter (single choice), letters `A,C`
//!   (multiple response, equal weights), `benar`/`salah` (or
//!   true/false), accepted answers separated by `;` (short answer), a
//!   number, `value ± tolerance` (or `+-`) or `min..max` (numeric); empty
//!   for matching and essay.
//! - `points`, `grade_level`, `topic`, `learning_outcome`, `objective`,
//!   `cognitive` (C1–C6), `difficulty` (easy/medium/hard or
//!   mudah/sedang/sukar), `tags` (separated by `;`). Empty means none
//!   (points: 1).
//!
//! Every problem names its row and column; a row with a problem is left
//! out, the others are taken.

use crate::decimal::Decimal;
use crate::model::*;
use crate::rich::RichText;
use crate::variant::letter;

pub const COLUMNS: [&str; 18] = [
    "type",
    "name",
    "stem",
    "option_a",
    "option_b",
    "option_c",
    "option_d",
    "option_e",
    "option_f",
    "correct",
    "points",
    "grade_level",
    "topic",
    "learning_outcome",
    "objective",
    "cognitive",
    "difficulty",
    "tags",
];

const OPTIONS: usize = 6;

fn column_letter(c: usize) -> String {
    crate::variant::variant_code(c as u32)
}

fn kind_of(word: &str) -> Option<QuestionType> {
    Some(
        match word.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
            "single_choice" | "pg" | "pilihan_ganda" => QuestionType::SingleChoice,
            "multiple_response" | "pg_kompleks" => QuestionType::MultipleResponse,
            "true_false" | "benar_salah" => QuestionType::TrueFalse,
            "matching" | "menjodohkan" => QuestionType::Matching,
            "short_answer" | "isian" => QuestionType::ShortAnswer,
            "numeric" | "angka" => QuestionType::Numeric,
            "essay" | "uraian" => QuestionType::Essay,
            _ => return None,
        },
    )
}

fn number(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::parse(t).or_else(|| {
        if t.contains('.') {
            None
        } else {
            Decimal::parse(&t.replace(',', "."))
        }
    })
}

fn numeric_accept(text: &str) -> Option<NumericAccept> {
    let t = text.trim();
    if let Some((a, b)) = t.split_once("..") {
        let (min, max) = (number(a)?, number(b)?);
        return (min <= max).then_some(NumericAccept::Range { min, max });
    }
    for sep in ["±", "+-", "+/-"] {
        if let Some((v, tol)) = t.split_once(sep) {
            let (value, tolerance) = (number(v)?, number(tol)?);
            return (!tolerance.is_negative())
                .then_some(NumericAccept::Tolerance { value, tolerance });
        }
    }
    Some(NumericAccept::Tolerance {
        value: number(t)?,
        tolerance: Decimal::ZERO,
    })
}

/// Reads the rows (number as the spreadsheet shows it, cells), the first
/// being the header.
pub fn import_rows(rows: &[(usize, Vec<String>)]) -> Import {
    let mut import = Import::default();
    let Some((header_row, header)) = rows.first() else {
        import
            .problems
            .push(Problem::cell(1, "", "the sheet is empty"));
        return import;
    };
    let mut at = [usize::MAX; COLUMNS.len()];
    for (c, h) in header.iter().enumerate() {
        let key = h.trim().to_lowercase().replace(' ', "_");
        if key.is_empty() {
            continue;
        }
        match COLUMNS.iter().position(|k| *k == key) {
            Some(i) => at[i] = c,
            None => import.problems.push(Problem::cell(
                *header_row,
                format!("{} ({})", column_letter(c), h.trim()),
                format!(
                    "“{}” is not a column of the question template ({})",
                    h.trim(),
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    for required in [0, 2] {
        if at[required] == usize::MAX {
            import.problems.push(Problem::cell(
                *header_row,
                COLUMNS[required],
                format!("the column {} is missing", COLUMNS[required]),
            ));
        }
    }
    if !import.problems.is_empty() {
        return import;
    }
    for (row, cells) in &rows[1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| {
            cells
                .get(at[i])
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let place = |i: usize| {
            if at[i] == usize::MAX {
                COLUMNS[i].to_string()
            } else {
                format!("{} ({})", column_letter(at[i]), COLUMNS[i])
            }
        };
        match read_row(&get) {
            Ok(q) => import.bank.questions.push(q),
            Err((i, why)) => import.problems.push(Problem::cell(*row, place(i), why)),
        }
    }
    import
}

type RowResult = Result<Question, (usize, String)>;

fn read_row(get: &dyn Fn(usize) -> String) -> RowResult {
    let kind_text = get(0);
    let kind = kind_of(&kind_text).ok_or_else(|| {
        (
            0,
            format!("“{kind_text}” is not a question type (single_choice, multiple_response, true_false, matching, short_answer, numeric, essay)"),
        )
    })?;
    let stem = get(2);
    if stem.is_empty() {
        return Err((2, "the question has no text".into()));
    }
    let options: Vec<(usize, String)> = (0..OPTIONS)
        .map(|o| (3 + o, get(3 + o)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let correct = get(9);
    let choice = |text: &str, weight: Decimal| ChoiceOption {
        text: RichText::from_plain(text),
        weight,
        feedback: RichText::empty(),
        pinned: false,
    };
    let letters_in = |text: &str| -> Result<Vec<usize>, (usize, String)> {
        let mut out = Vec::new();
        for l in text
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let i = (0..options.len())
                .find(|&i| letter(i).eq_ignore_ascii_case(l))
                .ok_or_else(|| {
                    (
                        9,
                        format!(
                            "{l} is not one of the filled options (A–{})",
                            letter(options.len().max(1) - 1)
                        ),
                    )
                })?;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        Ok(out)
    };
    let body = match kind {
        QuestionType::SingleChoice | QuestionType::MultipleResponse => {
            if options.len() < 2 {
                return Err((3, "a choice question needs at least two options".into()));
            }
            let right = letters_in(&correct)?;
            let single = kind == QuestionType::SingleChoice;
            if right.is_empty() || (single && right.len() != 1) {
                return Err((
                    9,
                    if single {
                        "give the one right letter".into()
                    } else {
                        "give the right letters, e.g. A,C".into()
                    },
                ));
            }
            let share = Decimal::from_int(100).divided_by(right.len() as i64, 5);
            let opts = options
                .iter()
                .enumerate()
                .map(|(i, (_, t))| {
                    choice(
                        t,
                        if right.contains(&i) {
                            if single {
                                Decimal::from_int(100)
                            } else {
                                share
                            }
                        } else {
                            Decimal::ZERO
                        },
                    )
                })
                .collect();
            if single {
                Body::SingleChoice {
                    options: opts,
                    shuffle: true,
                }
            } else {
                Body::MultipleResponse {
                    options: opts,
                    shuffle: true,
                }
            }
        }
        QuestionType::TrueFalse => {
            let c = match correct.to_lowercase().as_str() {
                "benar" | "true" | "b" | "t" => true,
                "salah" | "false" | "s" | "f" => false,
                _ => return Err((9, format!("“{correct}”: write benar or salah"))),
            };
            Body::TrueFalse {
                correct: c,
                feedback_true: RichText::empty(),
                feedback_false: RichText::empty(),
            }
        }
        QuestionType::Matching => {
            let mut pairs = Vec::new();
            for (col, t) in &options {
                let Some((p, a)) = t.split_once('|') else {
                    return Err((*col, format!("“{t}”: write prompt | answer")));
                };
                if a.trim().is_empty() {
                    return Err((*col, format!("“{t}”: the answer is missing")));
                }
                pairs.push(MatchPair {
                    prompt: if p.trim().is_empty() {
                        RichText::empty()
                    } else {
                        RichText::from_plain(p.trim())
                    },
                    answer: a.trim().to_string(),
                });
            }
            if pairs.iter().filter(|p| !p.prompt.is_empty()).count() < 2 {
                return Err((3, "a matching question needs at least two pairs".into()));
            }
            Body::Matching {
                pairs,
                shuffle: true,
            }
        }
        QuestionType::ShortAnswer => {
            let answers: Vec<TextAnswer> = correct
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| TextAnswer {
                    text: s.to_string(),
                    weight: Decimal::from_int(100),
                    feedback: RichText::empty(),
                })
                .collect();
            if answers.is_empty() {
                return Err((9, "give the accepted answers, separated by ;".into()));
            }
            Body::ShortAnswer {
                answers,
                case_sensitive: false,
            }
        }
        QuestionType::Numeric => {
            let accept = numeric_accept(&correct).ok_or_else(|| {
                (
                    9,
                    format!("“{correct}”: write a number, value ± tolerance or min..max"),
                )
            })?;
            Body::Numeric {
                answers: vec![NumericAnswer {
                    accept,
                    weight: Decimal::from_int(100),
                    feedback: RichText::empty(),
                }],
                other_feedback: RichText::empty(),
            }
        }
        QuestionType::Essay => Body::Essay {
            rubric: Vec::new(),
            grader_info: RichText::empty(),
            response_template: String::new(),
        },
    };
    let name = {
        let n = get(1);
        if n.is_empty() {
            stem.chars().take(40).collect()
        } else {
            n
        }
    };
    let mut q = Question::new(name, RichText::from_plain(&stem), body);
    let text = |i: usize| Some(get(i)).filter(|s| !s.is_empty());
    if let Some(p) = text(10) {
        q.meta.points = number(&p)
            .filter(|d| d.is_positive())
            .ok_or_else(|| (10, format!("“{p}” is not a number of points above 0")))?;
    }
    if let Some(g) = text(11) {
        q.meta.grade_level = Some(
            g.parse::<u8>()
                .ok()
                .filter(|g| (1..=12).contains(g))
                .ok_or_else(|| (11, format!("“{g}” is not a grade level 1–12")))?,
        );
    }
    q.meta.topic = text(12);
    q.meta.learning_outcome = text(13);
    q.meta.objective = text(14);
    if let Some(c) = text(15) {
        q.meta.cognitive = Some(match c.to_uppercase().as_str() {
            "C1" => Cognitive::C1,
            "C2" => Cognitive::C2,
            "C3" => Cognitive::C3,
            "C4" => Cognitive::C4,
            "C5" => Cognitive::C5,
            "C6" => Cognitive::C6,
            _ => return Err((15, format!("“{c}” is not a cognitive level C1–C6"))),
        });
    }
    if let Some(d) = text(16) {
        q.meta.difficulty = Some(match d.to_lowercase().as_str() {
            "easy" | "mudah" => Difficulty::Easy,
            "medium" | "sedang" => Difficulty::Medium,
            "hard" | "sukar" | "sulit" => Difficulty::Hard,
            _ => return Err((16, format!("“{d}” is not easy, medium or hard"))),
        });
    }
    q.meta.tags = get(17)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let problems = q.validate();
    if let Some(p) = problems.first() {
        return Err((2, p.to_string()));
    }
    Ok(q)
}

/// The header and one row per question the template can hold; a note for
/// each question it cannot (rich text becomes plain, weights other than
/// right/wrong, feedback, stimuli and images are left out).
pub fn export_rows(bank: &Bank) -> (Vec<Vec<String>>, Vec<Problem>) {
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (n, q) in bank.questions.iter().enumerate() {
        let mut r = vec![String::new(); COLUMNS.len()];
        r[0] = q.question_type().code().to_string();
        r[1] = q.name.clone();
        r[2] = q.stem.to_plain();
        match &q.body {
            Body::SingleChoice { options, .. } | Body::MultipleResponse { options, .. } => {
                if options.len() > OPTIONS {
                    notes.push(Problem::field(
                        format!("questions[{}]", n + 1),
                        "more than six options: the rest are left out",
                    ));
                }
                let mut right = Vec::new();
                for (i, o) in options.iter().take(OPTIONS).enumerate() {
                    r[3 + i] = o.text.to_plain();
                    if o.weight.is_positive() {
                        right.push(letter(i));
                    }
                }
                r[9] = right.join(",");
            }
            Body::TrueFalse { correct, .. } => {
                r[9] = if *correct { "benar" } else { "salah" }.into();
            }
            Body::Matching { pairs, .. } => {
                for (i, p) in pairs.iter().take(OPTIONS).enumerate() {
                    r[3 + i] = format!("{} | {}", p.prompt.to_plain(), p.answer);
                }
            }
            Body::ShortAnswer { answers, .. } => {
                r[9] = answers
                    .iter()
                    .filter(|a| a.weight.is_positive())
                    .map(|a| a.text.clone())
                    .collect::<Vec<_>>()
                    .join("; ");
            }
            Body::Numeric { answers, .. } => {
                if let Some(a) = answers.iter().find(|a| a.weight.is_positive()) {
                    r[9] = match a.accept {
                        NumericAccept::Range { min, max } => format!("{min}..{max}"),
                        NumericAccept::Tolerance { value, tolerance } if tolerance.is_zero() => {
                            value.to_string()
                        }
                        NumericAccept::Tolerance { value, tolerance } => {
                            format!("{value} ± {tolerance}")
                        }
                    };
                }
            }
            Body::Essay { .. } => {}
        }
        r[10] = q.meta.points.to_string();
        r[11] = q
            .meta
            .grade_level
            .map(|g| g.to_string())
            .unwrap_or_default();
        r[12] = q.meta.topic.clone().unwrap_or_default();
        r[13] = q.meta.learning_outcome.clone().unwrap_or_default();
        r[14] = q.meta.objective.clone().unwrap_or_default();
        r[15] = q
            .meta
            .cognitive
            .map(|c| format!("{c:?}"))
            .unwrap_or_default();
        r[16] = match q.meta.difficulty {
            Some(Difficulty::Easy) => "easy",
            Some(Difficulty::Medium) => "medium",
            Some(Difficulty::Hard) => "hard",
            None => "",
        }
        .to_string();
        r[17] = q.meta.tags.join("; ");
        rows.push(r);
    }
    (rows, notes)
}

/// One example row per question type, as the template ships them.
pub fn example_rows() -> Vec<Vec<String>> {
    let rows: [[&str; COLUMNS.len()]; 7] = [
        [
            "single_choice",
            "Pecahan 1",
            "Hasil dari 1/2 + 1/4 adalah …",
            "3/4",
            "2/6",
            "1/6",
            "2/4",
            "",
            "",
            "A",
            "2",
            "7",
            "Pecahan",
            "",
            "Menjumlahkan pecahan",
            "C3",
            "easy",
            "uh1; pecahan",
        ],
        [
            "multiple_response",
            "Bilangan prima",
            "Manakah yang bilangan prima?",
            "2",
            "4",
            "7",
            "9",
            "",
            "",
            "A,C",
            "2",
            "7",
            "Bilangan",
            "",
            "",
            "C2",
            "medium",
            "",
        ],
        [
            "true_false",
            "Persegi",
            "Setiap persegi adalah persegi panjang.",
            "",
            "",
            "",
            "",
            "",
            "",
            "benar",
            "1",
            "7",
            "Geometri",
            "",
            "",
            "C2",
            "",
            "",
        ],
        [
            "matching",
            "Ibu kota",
            "Pasangkan provinsi dengan ibu kotanya.",
            "Jawa Barat | Bandung",
            "Jawa Timur | Surabaya",
            "Bali | Denpasar",
            "| Medan",
            "",
            "",
            "",
            "3",
            "7",
            "IPS",
            "",
            "",
            "C1",
            "",
            "",
        ],
        [
            "short_answer",
            "Bapak pendidikan",
            "Siapa Bapak Pendidikan Nasional?",
            "",
            "",
            "",
            "",
            "",
            "",
            "Ki Hajar Dewantara; Ki Hadjar Dewantara",
            "2",
            "7",
            "Sejarah",
            "",
            "",
            "C1",
            "",
            "",
        ],
        [
            "numeric",
            "Pi",
            "Tuliskan nilai π sampai dua desimal.",
            "",
            "",
            "",
            "",
            "",
            "",
            "3.14 ± 0.01",
            "1",
            "7",
            "Lingkaran",
            "",
            "",
            "C1",
            "",
            "",
        ],
        [
            "essay",
            "Uraian",
            "Jelaskan cara menghitung luas lingkaran.",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "10",
            "7",
            "Lingkaran",
            "",
            "",
            "C4",
            "hard",
            "",
        ],
    ];
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}
