//! The built-in `exam` template (issue 13 item 6): a two-column paper of
//! many questions (math, an image, a passage), its answer sheet, key and
//! kisi-kisi, printed and READ BACK with pdftotext (words, page count, no
//! question split: each question's number and its last option on one
//! page); an image that is not an image is refused by name. PNGs for
//! people to look at go to target/print-renders/exam-*.png.

use schooldesk_documents::exam::*;
use schooldesk_documents::{Language, School};
use schooldesk_print::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><polygon points="20,180 380,180 200,20" fill="none" stroke="black" stroke-width="4"/><text x="190" y="120" font-size="30">ABC</text></svg>"#;

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("print-renders");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn para(text: &str) -> Vec<Block> {
    vec![Block::Paragraph {
        inlines: vec![Inline::plain(text)],
    }]
}

fn with_math(before: &str, typst: &str) -> Vec<Block> {
    vec![Block::Paragraph {
        inlines: vec![
            Inline::plain(before),
            Inline::Math {
                typst: typst.into(),
            },
            Inline::plain(" adalah ..."),
        ],
    }]
}

fn header() -> ExamHeader {
    ExamHeader {
        exam_name: "Penilaian Akhir Semester".into(),
        subject: "Matematika".into(),
        class: "VII-A".into(),
        date: "5 Desember 2025".into(),
        duration: "90 menit".into(),
        academic_year: "2025/2026".into(),
        instructions: "Pilihlah jawaban yang paling tepat.".into(),
    }
}

fn school() -> School {
    School {
        name: "SMP Negeri 1 Sukamaju".into(),
        npsn: "20212345".into(),
        address: "Jl. Pendidikan No. 1".into(),
        ..School::default()
    }
}

const FORMULAS: &[&str] = &[
    "frac(1, 2) + frac(1, 3)",
    "sqrt(x + 1)",
    "root(3, 27)",
    "sum_(i = 1)^(n) i",
    "integral_(0)^(1) x thin d x",
    "mat(delim: \"(\", 1, 2; 3, 4)",
    "lim_(x arrow.r 0) frac(sin x, x)",
    "x^(2) - 5 x + 6 = 0",
];

fn paper(language: Language, columns: u8, questions: usize) -> ExamDocument {
    let items = (1..=questions)
        .map(|n| {
            let stem = if n == 3 {
                vec![
                    Block::Paragraph {
                        inlines: vec![Inline::plain("Perhatikan gambar segitiga berikut.")],
                    },
                    Block::Paragraph {
                        inlines: vec![Inline::Image {
                            path: "/assets/img/tri.svg".into(),
                            alt: "segitiga".into(),
                        }],
                    },
                ]
            } else {
                with_math(
                    &format!("Soal {n}: hasil dari "),
                    FORMULAS[n % FORMULAS.len()],
                )
            };
            ExamItem {
                number: n,
                stimulus: if n == 5 {
                    para("Bacalah teks berikut dengan saksama. Ani membeli 3 buku.")
                } else {
                    Vec::new()
                },
                stimulus_for: if n == 5 {
                    "5–6".into()
                } else {
                    String::new()
                },
                stem,
                kind: if n == questions {
                    "essay".into()
                } else {
                    "single_choice".into()
                },
                options: if n == questions {
                    Vec::new()
                } else {
                    ["A", "B", "C", "D", "E"]
                        .iter()
                        .map(|l| ExamOption {
                            letter: l.to_string(),
                            content: para(&format!("pilihan {l} soal {n}")),
                        })
                        .collect()
                },
                prompts: Vec::new(),
                points: "2".into(),
                answer_lines: if n == questions { 6 } else { 0 },
            }
        })
        .collect();
    ExamDocument::Paper {
        language,
        school: school(),
        header: header(),
        variant: "B".into(),
        columns,
        sections: vec![ExamSection {
            title: "A. Pilihan Ganda".into(),
            instructions: String::new(),
            items,
        }],
    }
}

fn render(name: &str, docs: &[ExamDocument], images: &[Asset], layout: &Layout) -> (String, usize) {
    let (pdf, report) = Engine::new()
        .render_to_with(
            &Template::builtin(Builtin::Exam),
            layout,
            &Assets::default(),
            images,
            &Options::default(),
            docs,
            &mut |_| true,
            Vec::new(),
        )
        .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let path = dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&path)
        .arg(dir().join(name))
        .status()
        .expect("pdftoppm (poppler-utils)");
    let out = Command::new("pdftotext")
        .args(["-layout", "-nodiag"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), report.pages)
}

#[test]
fn a_two_column_paper_prints_whole_questions_with_math_and_images() {
    let images = [Asset::new("/assets/img/tri.svg", SVG.as_bytes().to_vec())];
    let (text, pages) = render(
        "exam-paper",
        &[paper(Language::Id, 2, 40)],
        &images,
        &Layout::default(),
    );
    assert!(pages >= 2, "{pages}");
    for needle in [
        "PENILAIAN AKHIR SEMESTER",
        "SMP NEGERI 1 SUKAMAJU",
        "Mata pelajaran",
        "Paket",
        "Halaman 1 dari",
        "Bacaan untuk soal 5–6",
        "pilihan E soal 39",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    // Every page says how many pages this copy has.
    assert!(
        text.contains(&format!("Halaman {pages} dari {pages}")),
        "{text}"
    );
    // No question split: its number and its last option are on the same page.
    let pages_text: Vec<&str> = text.split('\u{c}').collect();
    for n in 1..40 {
        let opening = format!("Soal {n}: hasil");
        let last = format!("pilihan E soal {n}");
        let page_of = |needle: &str| pages_text.iter().position(|p| p.contains(needle));
        if n == 3 {
            continue;
        }
        assert_eq!(
            page_of(&opening),
            page_of(&last),
            "question {n} split across pages"
        );
    }

    // English labels, one column, F4.
    let f4 = Layout {
        paper: Paper::F4,
        ..Layout::default()
    };
    let (en, _) = render("exam-paper-en", &[paper(Language::En, 1, 6)], &images, &f4);
    for needle in ["Subject", "Variant", "Page 1 of"] {
        assert!(en.contains(needle), "{needle} missing:\n{en}");
    }
}

/// The on-screen preview is the printed page: the same pages, each an SVG
/// of the page's size in points, with the glyphs as outlines and the
/// question's image inside.
#[test]
fn the_svg_preview_has_the_pdfs_pages() {
    let images = [Asset::new("/assets/img/tri.svg", SVG.as_bytes().to_vec())];
    let docs = [paper(Language::Id, 2, 40)];
    let (_, pdf_pages) = render("exam-paper-for-svg", &docs, &images, &Layout::default());
    let (svgs, report) = Engine::new()
        .render_svg(
            &Template::builtin(Builtin::Exam),
            &Layout::default(),
            &Assets::default(),
            &images,
            &docs,
        )
        .unwrap();
    assert_eq!(svgs.len(), pdf_pages);
    assert_eq!(report.pages, pdf_pages);
    for svg in &svgs {
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        // A4 is 595.28 × 841.89 pt.
        assert!(
            svg.contains("viewBox=\"0 0 595.2"),
            "{}",
            &svg[..300.min(svg.len())]
        );
        assert!(svg.contains("<path"), "glyphs are drawn as outlines");
        assert!(svg.trim_end().ends_with("</svg>"));
    }
    assert!(
        svgs.iter().any(|s| s.contains("<image")),
        "the question's figure is on a page"
    );
    // A page that is not there is not made up: one short paper, one page.
    let (one, _) = Engine::new()
        .render_svg(
            &Template::builtin(Builtin::Exam),
            &Layout::default(),
            &Assets::default(),
            &images,
            &[paper(Language::En, 1, 1)],
        )
        .unwrap();
    assert_eq!(one.len(), 1);
}

#[test]
fn key_blueprint_and_answer_sheet() {
    let area = SheetArea {
        width: 175.0,
        height: 267.0,
    };
    let layout = SheetLayout::compute(area, 10, &["A".into(), "B".into()], 40, 5).unwrap();
    let docs = vec![
        ExamDocument::Key {
            language: Language::Id,
            school: school(),
            header: header(),
            variant: "B".into(),
            lines: (1..=40)
                .map(|n| KeyLine {
                    number: n,
                    answer: ["A", "C", "E"][n % 3].into(),
                    points: "2".into(),
                    question: format!("q{n:07}"),
                })
                .collect(),
            total_points: "80".into(),
        },
        ExamDocument::Blueprint {
            language: Language::Id,
            school: school(),
            header: header(),
            blueprint: "Kisi-kisi PAS".into(),
            lines: vec![BlueprintLine {
                number: 1,
                outcome: "Peserta didik dapat mengoperasikan bilangan pecahan".into(),
                topic: "Pecahan".into(),
                indicator: "Menentukan hasil penjumlahan pecahan".into(),
                cognitive: "C3".into(),
                kind: "Pilihan ganda".into(),
                count: 40,
                points: "2".into(),
                questions: "1, 2, 3".into(),
            }],
        },
        ExamDocument::AnswerSheet {
            language: Language::Id,
            school: school(),
            header: header(),
            variant: "B".into(),
            layout,
        },
    ];
    let (text, pages) = render("exam-other", &docs, &[], &Layout::default());
    assert!(pages >= 3, "{pages}");
    for needle in [
        "KUNCI JAWABAN",
        "Jumlah skor",
        "80",
        "KISI-KISI",
        "penjumlahan",
        "LEMBAR JAWABAN",
        "Nomor peserta",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn an_image_that_is_not_an_image_is_named() {
    let bad = [Asset::new(
        "/assets/img/tri.png",
        b"not a picture at all".to_vec(),
    )];
    let err = Engine::new()
        .render_to_with(
            &Template::builtin(Builtin::Exam),
            &Layout::default(),
            &Assets::default(),
            &bad,
            &Options::default(),
            &[paper(Language::Id, 1, 2)],
            &mut |_| true,
            Vec::new(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("/assets/img/tri.png"), "{err}");
    let ok = [Asset::new("/assets/img/tri.png", PNG.to_vec())];
    let wrong_ext = [Asset::new("/assets/img/tri.svg", PNG.to_vec())];
    let go = |imgs: &[Asset]| {
        Engine::new().render_to_with(
            &Template::builtin(Builtin::Exam),
            &Layout::default(),
            &Assets::default(),
            imgs,
            &Options::default(),
            &[paper(Language::Id, 1, 2)],
            &mut |_| true,
            Vec::new(),
        )
    };
    assert!(go(&ok).is_ok());
    let err = go(&wrong_ext).unwrap_err();
    assert!(err.to_string().contains("ends in .svg"), "{err}");
}

#[test]
fn the_exam_template_checks() {
    Engine::new()
        .check(&Template::builtin(Builtin::Exam))
        .unwrap();
}
