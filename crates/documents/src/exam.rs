//! Exam documents (issue 13 item 6): one paper of a variant, its answer
//! key, the blueprint (*kisi-kisi*) and the bubble answer sheet (*LJK*),
//! as the `exam` template reads them. One type, [`ExamDocument`], so a
//! print job can mix them (each variant's paper followed by its answer
//! sheets, then the keys) in one file.
//!
//! Question text comes as [`Block`]s: runs of text with their style, math
//! already converted to Typst math source (by `schooldesk_qbank::latex`,
//! which lets no user text become code), and images by the name of a file
//! the print job carries.

use serde::{Deserialize, Serialize};

use crate::{Language, Printable, School};

/// A block of question text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Table {
        rows: Vec<Vec<Vec<Block>>>,
    },
    /// Display math: Typst math source.
    Math {
        typst: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Inline {
    Text {
        text: String,
        #[serde(default)]
        bold: bool,
        #[serde(default)]
        italic: bool,
        #[serde(default)]
        underline: bool,
        /// "sub", "super" or "".
        #[serde(default)]
        script: String,
    },
    /// Inline math: Typst math source.
    Math {
        typst: String,
    },
    /// An image the job carries (its path in the print job, e.g.
    /// "/assets/img/3f…a1.png").
    Image {
        path: String,
        alt: String,
    },
    Break,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline::Text {
            text: text.into(),
            bold: false,
            italic: false,
            underline: false,
            script: String::new(),
        }
    }
}

/// What every exam document's header says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExamHeader {
    pub exam_name: String,
    pub subject: String,
    pub class: String,
    /// Formatted ("5 Desember 2025").
    pub date: String,
    /// Formatted ("90 menit").
    pub duration: String,
    pub academic_year: String,
    pub instructions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamOption {
    pub letter: String,
    pub content: Vec<Block>,
}

/// One question as a variant prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamItem {
    pub number: usize,
    /// The shared passage, printed before the first question of its group.
    #[serde(default)]
    pub stimulus: Vec<Block>,
    /// The numbers of the questions the passage is for ("3–5"), when it is printed.
    #[serde(default)]
    pub stimulus_for: String,
    pub stem: Vec<Block>,
    /// single_choice | multiple_response | true_false | matching |
    /// short_answer | numeric | essay.
    pub kind: String,
    #[serde(default)]
    pub options: Vec<ExamOption>,
    /// Matching: the prompts, in the question's order.
    #[serde(default)]
    pub prompts: Vec<Vec<Block>>,
    /// Formatted ("2").
    pub points: String,
    /// Blank lines to write on (short answer 1, numeric 1, essay more).
    #[serde(default)]
    pub answer_lines: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamSection {
    pub title: String,
    pub instructions: String,
    pub items: Vec<ExamItem>,
}

/// One answer of a key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyLine {
    pub number: usize,
    /// Formatted ("C", "A, D", "Benar", "2 ± 0,1", "see rubric").
    pub answer: String,
    pub points: String,
    /// The question's stable id (short form), to match results across variants.
    pub question: String,
}

/// One row of the kisi-kisi.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlueprintLine {
    pub number: usize,
    pub outcome: String,
    pub topic: String,
    pub indicator: String,
    pub cognitive: String,
    pub kind: String,
    pub count: u32,
    pub points: String,
    /// Question numbers on variant A ("1, 2, 5").
    pub questions: String,
}

/// One bubble of an answer sheet, in millimetres from the centre of the
/// top-left registration mark (x to the right, y down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bubble {
    pub x: f64,
    pub y: f64,
    /// "student_number", "variant" or "answer".
    pub field: String,
    /// Digit place (student number, from 1) or question number.
    pub index: usize,
    /// The digit, variant letter or option letter it marks.
    pub value: String,
}

/// Where everything of an answer sheet is: what a scanner needs to read a
/// filled sheet. Written next to the PDF as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetLayout {
    /// Always "mm".
    pub unit: String,
    /// Where coordinates start.
    pub origin: String,
    /// Centres of the four registration marks (top-left, top-right,
    /// bottom-left, bottom-right), from the origin.
    pub marks: Vec<(f64, f64)>,
    /// The side of a (filled square) registration mark.
    pub mark_size: f64,
    pub bubble_diameter: f64,
    pub student_digits: usize,
    pub variants: Vec<String>,
    pub questions: usize,
    pub options: Vec<String>,
    pub bubbles: Vec<Bubble>,
    /// Where the question-number labels and column titles go (for the
    /// template only).
    #[serde(default)]
    pub labels: Vec<Label>,
    /// The boxes above the student-number grid where the student writes
    /// each digit by hand (one per digit place, in order), so a sheet
    /// whose bubbles are smudged can still be read by a person.
    #[serde(default)]
    pub write_in: Vec<WriteInBox>,
}

/// A box to write one digit in: its top-left corner and size (mm, from the
/// same origin as the bubbles) and the digit place it belongs to (from 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteInBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// The area an answer sheet is laid out in: the page's content box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SheetArea {
    pub width: f64,
    pub height: f64,
}

/// The most questions one answer sheet holds.
pub const SHEET_MAX_QUESTIONS: usize = 120;

impl SheetLayout {
    /// Lays out a sheet: marks at the corners of `area`, the student
    /// number grid (digits × 0–9) and the variant bubbles at the top left,
    /// then answer bubbles in compact columns of up to 25 questions. The
    /// same inputs give the same layout in every version (a scanned sheet
    /// is read with the layout it was printed with).
    pub fn compute(
        area: SheetArea,
        student_digits: usize,
        variants: &[String],
        questions: usize,
        options: usize,
    ) -> Result<SheetLayout, String> {
        if questions == 0 || questions > SHEET_MAX_QUESTIONS {
            return Err(format!(
                "an answer sheet holds 1 to {SHEET_MAX_QUESTIONS} questions, not {questions}"
            ));
        }
        if !(2..=6).contains(&options) {
            return Err(format!(
                "an answer sheet holds 2 to 6 options per question, not {options}"
            ));
        }
        let mark = 5.0;
        let d = 4.0;
        let step = 5.5;
        // Marks at the corners of the area (centres half a mark inside).
        let (w, h) = (area.width - mark, area.height - mark);
        let marks = vec![(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)];
        let letters: Vec<String> = (0..options)
            .map(|i| ((b'A' + i as u8) as char).to_string())
            .collect();
        let mut bubbles = Vec::new();
        let mut labels = Vec::new();
        // Student number: one column per digit, rows 0–9, under a title
        // and a row of boxes to write the digits in.
        let top = 36.0;
        let left = 8.0;
        let mut write_in = Vec::new();
        for place in 0..student_digits {
            let x = left + place as f64 * step;
            write_in.push(WriteInBox {
                x: x - (step - 0.4) / 2.0,
                y: top - d / 2.0 - 1.5 - step,
                width: step - 0.4,
                height: step,
                index: place + 1,
            });
            for digit in 0..10 {
                bubbles.push(Bubble {
                    x,
                    y: top + digit as f64 * step,
                    field: "student_number".into(),
                    index: place + 1,
                    value: digit.to_string(),
                });
            }
        }
        // Variant: columns of up to ten codes, right of the number grid
        // (one per student makes many).
        let vx = left + student_digits as f64 * step + 10.0;
        for (i, v) in variants.iter().enumerate() {
            bubbles.push(Bubble {
                x: vx + (i / 10) as f64 * (step + 2.0),
                y: top + (i % 10) as f64 * step,
                field: "variant".into(),
                index: 1,
                value: v.clone(),
            });
        }
        // Answers: below the number grid, in as few columns as the page's
        // height allows, balanced (40 questions: two columns of 20).
        let answers_top = top + 10.0 * step + 12.0;
        let rows_fit = (((h - answers_top - 4.0) / step).floor().max(1.0) as usize).min(30);
        let column_width = 12.0 + options as f64 * step + 6.0;
        let columns = questions.div_ceil(rows_fit);
        let per_column = questions.div_ceil(columns);
        let need_w = left + columns as f64 * column_width;
        let need_h = answers_top + per_column.min(questions) as f64 * step + 4.0;
        if need_w > w || need_h > h {
            return Err(format!(
                "{questions} questions with {options} options do not fit on the page ({need_w:.0} × {need_h:.0} mm needed)"
            ));
        }
        for q in 0..questions {
            let col = q / per_column;
            let row = q % per_column;
            let x0 = left + col as f64 * column_width;
            let y = answers_top + row as f64 * step;
            labels.push(Label {
                x: x0,
                y,
                text: (q + 1).to_string(),
            });
            for (o, letter) in letters.iter().enumerate() {
                bubbles.push(Bubble {
                    x: x0 + 10.0 + o as f64 * step,
                    y,
                    field: "answer".into(),
                    index: q + 1,
                    value: letter.clone(),
                });
            }
        }
        for col in 0..columns {
            let x0 = left + col as f64 * column_width;
            for (o, letter) in letters.iter().enumerate() {
                labels.push(Label {
                    x: x0 + 10.0 + o as f64 * step,
                    y: answers_top - step,
                    text: letter.clone(),
                });
            }
        }
        Ok(SheetLayout {
            unit: "mm".into(),
            origin: "the centre of the top-left registration mark".into(),
            marks,
            mark_size: mark,
            bubble_diameter: d,
            student_digits,
            variants: variants.to_vec(),
            questions,
            options: letters,
            bubbles,
            labels,
            write_in,
        })
    }
}

/// One exam document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "document")]
pub enum ExamDocument {
    /// The paper of one variant.
    Paper {
        language: Language,
        school: School,
        header: ExamHeader,
        variant: String,
        /// 1 or 2.
        columns: u8,
        sections: Vec<ExamSection>,
    },
    /// The answer key of one variant.
    Key {
        language: Language,
        school: School,
        header: ExamHeader,
        variant: String,
        lines: Vec<KeyLine>,
        total_points: String,
    },
    /// The kisi-kisi.
    Blueprint {
        language: Language,
        school: School,
        header: ExamHeader,
        blueprint: String,
        lines: Vec<BlueprintLine>,
    },
    /// A bubble answer sheet (LJK).
    AnswerSheet {
        language: Language,
        school: School,
        header: ExamHeader,
        /// The variant printed on the sheet (its bubble is also there).
        variant: String,
        layout: SheetLayout,
    },
}

impl Printable for ExamDocument {
    fn label(&self) -> String {
        match self {
            ExamDocument::Paper {
                header, variant, ..
            } => {
                format!("the paper {} variant {variant}", header.exam_name)
            }
            ExamDocument::Key {
                header, variant, ..
            } => {
                format!("the answer key of {} variant {variant}", header.exam_name)
            }
            ExamDocument::Blueprint { header, .. } => {
                format!("the blueprint of {}", header.exam_name)
            }
            ExamDocument::AnswerSheet {
                header, variant, ..
            } => {
                format!("the answer sheet of {} variant {variant}", header.exam_name)
            }
        }
    }
}

impl ExamDocument {
    /// A sample paper (two columns, math), for checking templates.
    pub fn sample() -> ExamDocument {
        let option = |letter: &str, text: &str| ExamOption {
            letter: letter.into(),
            content: vec![Block::Paragraph {
                inlines: vec![Inline::plain(text)],
            }],
        };
        ExamDocument::Paper {
            language: Language::Id,
            school: School {
                name: "SMP Negeri 1 Sukamaju".into(),
                npsn: "20212345".into(),
                address: "Jl. Pendidikan No. 1, Sukamaju".into(),
                ..School::default()
            },
            header: ExamHeader {
                exam_name: "Penilaian Akhir Semester".into(),
                subject: "Matematika".into(),
                class: "VII-A".into(),
                date: "5 Desember 2025".into(),
                duration: "90 menit".into(),
                academic_year: "2025/2026".into(),
                instructions: "Pilihlah jawaban yang paling tepat.".into(),
            },
            variant: "A".into(),
            columns: 2,
            sections: vec![ExamSection {
                title: "Pilihan Ganda".into(),
                instructions: String::new(),
                items: vec![ExamItem {
                    number: 1,
                    stimulus: Vec::new(),
                    stimulus_for: String::new(),
                    stem: vec![Block::Paragraph {
                        inlines: vec![
                            Inline::plain("Hasil dari "),
                            Inline::Math {
                                typst: "frac(1, 2) + frac(1, 3)".into(),
                            },
                            Inline::plain(" adalah ..."),
                        ],
                    }],
                    kind: "single_choice".into(),
                    options: vec![option("A", "5/6"), option("B", "2/5"), option("C", "1/6")],
                    prompts: Vec::new(),
                    points: "1".into(),
                    answer_lines: 0,
                }],
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_layout_is_fixed_and_refuses_what_does_not_fit() {
        let area = SheetArea {
            width: 175.0,
            height: 267.0,
        };
        let v = vec!["A".to_string(), "B".to_string()];
        let l = SheetLayout::compute(area, 10, &v, 40, 5).unwrap();
        assert_eq!(l.bubbles.len(), 10 * 10 + 2 + 40 * 5);
        assert_eq!(l, SheetLayout::compute(area, 10, &v, 40, 5).unwrap());
        // 40 questions: two columns of 20; question 21 tops the second.
        let q26: Vec<&Bubble> = l
            .bubbles
            .iter()
            .filter(|b| b.field == "answer" && b.index == 21)
            .collect();
        let q1: Vec<&Bubble> = l
            .bubbles
            .iter()
            .filter(|b| b.field == "answer" && b.index == 1)
            .collect();
        assert_eq!(q26[0].y, q1[0].y);
        assert!(q26[0].x > q1[4].x);
        // No two bubbles overlap.
        for (i, a) in l.bubbles.iter().enumerate() {
            for b in &l.bubbles[i + 1..] {
                let dist = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
                assert!(dist >= l.bubble_diameter, "{a:?} {b:?}");
            }
        }
        // One variant per student: the codes go in columns of ten, still
        // apart from each other and from the number grid.
        let many: Vec<String> = (0..100).map(|i| format!("V{i}")).collect();
        let l100 = SheetLayout::compute(area, 10, &many, 40, 5).unwrap();
        for (i, a) in l100.bubbles.iter().enumerate() {
            for b in &l100.bubbles[i + 1..] {
                let dist = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
                assert!(dist >= l100.bubble_diameter, "{a:?} {b:?}");
            }
        }
        assert!(SheetLayout::compute(area, 10, &v, 121, 5).is_err());
        assert!(SheetLayout::compute(area, 10, &v, 120, 7).is_err());
        let err = SheetLayout::compute(
            SheetArea {
                width: 60.0,
                height: 100.0,
            },
            10,
            &v,
            40,
            5,
        )
        .unwrap_err();
        assert!(err.contains("do not fit"), "{err}");
    }
}
