//! The document engine every printed document uses: **Typst as a library**.
//!
//! A document is a Typst template plus data. The data is never spliced into
//! markup: each compile gets an in-memory file `/input.json` that the
//! engine's harness reads with `json(...)` and hands to the template, so a
//! student named `*Budi_ #Santoso $x$` prints exactly that. Fonts are the
//! bundled Libertinus Serif family only (never the PC's fonts), images come
//! as bytes ([`Assets`]), and nothing is fetched from the network.
//!
//! # Templates
//!
//! A template is a Typst file that defines two functions:
//!
//! ```typst
//! #let card(data, opts) = [...]   // one copy's content (one card, one ledger)
//! #let footer(data, opts) = [...] // that copy's page footer
//! ```
//!
//! `data` is one copy (e.g. a [`ReportCard`] as JSON, plus `verify_qr_svg`
//! when the copy has a QR text); `opts` holds `letterhead` (print the school
//! header, or leave the top blank for pre-printed paper), `logo` and
//! `signature` (paths to give `image(...)`, or `none`). The engine's harness
//! sets the paper and margins, restarts the page counter for each copy, and
//! draws the DRAFT watermark. The built-in templates ([`Builtin`]) can be
//! exported with [`Template::source`], edited, and loaded back with
//! [`Template::custom`]; [`Engine::check`] compiles one against sample data
//! and reports Typst's errors with line and column, and printing with a
//! broken one falls back to the built-in and reports the problems.
//!
//! # Speed and memory
//!
//! Copies are compiled in batches ([`BATCH`] at a time, on every core); the
//! thread that laid a batch out also writes it as a small untagged PDF, and
//! the batches' PDFs are joined into the output file as they arrive (in
//! order), so memory holds a few batches, never the whole job. Typst's memo
//! cache is trimmed between batches. See docs/ARCHITECTURE.md for the
//! measured figures.

mod join;
mod qr;
mod sample;
mod world;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use typst::diag::{Severity, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::Bytes;
use typst::syntax::Source;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
use typst::{Library, LibraryExt, WorldExt};
use typst_layout::{Page, PagedDocument};

pub use qr::qr_svg;
pub use sample::{sample_ledger, sample_report_card};
pub use schooldesk_documents::{
    Absences, Extracurricular, Language, Ledger, LedgerRow, Person, Printable, ReportCard, School,
    Signatures, Student, SubjectGroup, SubjectRow,
};

/// How many copies one Typst compile lays out. One compile of everything is
/// superlinear in time and memory, and a compile's memory is about 11 MB a
/// two-page card while it runs; measured on 400 cards (one thread): batches
/// of 5 / 10 / 20 / 40 peak at 172 / 228 / 333 / 564 MB for the same CPU
/// time within 5 %. An exam copy (paper and answer sheet) is four pages or
/// more: 100 copies peaked at 490 MB in batches of 10 and at 306 MB in
/// batches of 4, with the same CPU time (8.6 / 8.4 s; the PDF 2.0 / 2.8 MB,
/// a font subset per batch). See docs/ARCHITECTURE.md.
pub const BATCH: usize = 4;

/// The text font family bundled and used.
pub const FONT_FAMILY: &str = "Libertinus Serif";

/// The math font family bundled (OpenType math: Typst's own default),
/// for formulas on exam papers (issue 13).
pub const MATH_FONT_FAMILY: &str = "New Computer Modern Math";

/// What can go wrong printing. Every variant names what is wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// A character no bundled font has, in a copy's data.
    #[error("the character '{character}' ({codepoint}) in {field} of {copy} is not in the bundled font ({FONT_FAMILY}); replace it with a Latin letter")]
    UnsupportedCharacter {
        character: char,
        codepoint: String,
        copy: String,
        field: String,
    },
    /// The logo or signature image is missing or cannot be read.
    #[error("the {asset} image '{name}' cannot be used: {reason}")]
    Asset {
        asset: &'static str,
        name: String,
        reason: String,
    },
    /// The template (built-in, or a custom one whose built-in fallback also
    /// failed) did not compile.
    #[error("the template '{template}' cannot print {copy}: {}", problems_text(.problems))]
    Template {
        template: String,
        copy: String,
        problems: Vec<TemplateProblem>,
    },
    /// The data could not be turned into JSON.
    #[error("the data of {copy} cannot be passed to the template: {reason}")]
    Data { copy: String, reason: String },
    /// The PDF writer refused the laid-out pages.
    #[error("the PDF cannot be written: {0}")]
    Pdf(String),
    /// The progress callback asked to stop.
    #[error("printing was cancelled")]
    Cancelled,
    /// A per-copy sink (e.g. writing a file) failed.
    #[error("{0}")]
    Sink(String),
}

fn problems_text(problems: &[TemplateProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// One error (or warning) Typst reported for a template, with the 1-based
/// line and column in the template's text when it points there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hints: Vec<String>,
}

impl std::fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        f.write_str(&self.message)?;
        for hint in &self.hints {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Paper sizes schools print on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// Folio, 215 × 330 mm (common in Indonesian offices).
    F4,
    /// US Letter, 215.9 × 279.4 mm.
    Letter,
    /// 297 × 420 mm (the ledger).
    A3,
}

impl Paper {
    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::F4 => (215.0, 330.0),
            Paper::Letter => (215.9, 279.4),
            Paper::A3 => (297.0, 420.0),
        }
    }

    /// Parses "A4", "F4", "Letter", "A3" (any case).
    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "f4" | "folio" => Some(Paper::F4),
            "letter" => Some(Paper::Letter),
            "a3" => Some(Paper::A3),
            _ => None,
        }
    }
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 15.0,
            right: 15.0,
            bottom: 15.0,
            left: 20.0,
        }
    }
}

/// Paper, orientation, margins, and whether the school header is printed
/// (false: the top is left blank for pre-printed letterhead paper; raise
/// `margins_mm.top` to the letterhead's height).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub paper: Paper,
    pub landscape: bool,
    pub margins_mm: Margins,
    pub letterhead: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            paper: Paper::A4,
            landscape: false,
            margins_mm: Margins::default(),
            letterhead: true,
        }
    }
}

impl Layout {
    /// The ledger's usual layout: F4 landscape, narrower margins.
    pub fn ledger() -> Layout {
        Layout {
            paper: Paper::F4,
            landscape: true,
            margins_mm: Margins {
                top: 12.0,
                right: 12.0,
                bottom: 12.0,
                left: 12.0,
            },
            letterhead: true,
        }
    }

    fn size_mm(&self) -> (f64, f64) {
        let (w, h) = self.paper.size_mm();
        if self.landscape {
            (h, w)
        } else {
            (w, h)
        }
    }
}

/// One image given as bytes, with the name to show in errors (usually the
/// file it came from).
#[derive(Debug, Clone)]
pub struct Asset {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Asset {
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Asset {
        Asset {
            name: name.into(),
            bytes,
        }
    }

    /// Reads a file; a missing file is a [`PrintError::Asset`] naming it.
    pub fn read(asset: &'static str, path: &std::path::Path) -> Result<Asset, PrintError> {
        std::fs::read(path)
            .map(|bytes| Asset::new(path.display().to_string(), bytes))
            .map_err(|err| PrintError::Asset {
                asset,
                name: path.display().to_string(),
                reason: err.to_string(),
            })
    }
}

/// The images a document may show. Each is checked (decoded) before
/// printing: a corrupt file is an error naming it, never a silent blank.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// The school logo (PNG, JPEG or SVG).
    pub logo: Option<Asset>,
    /// The principal's signature (PNG, JPEG or SVG), printed above the name.
    pub signature: Option<Asset>,
}

/// Options of one print job besides the layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Watermark every copy DRAFT (copies can also ask for it themselves,
    /// see [`Printable::draft`]).
    pub draft: bool,
}

/// The built-in templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// Kurikulum Merdeka report card, as Indonesian schools print it.
    Rapor,
    /// A generic international report card.
    Report,
    /// The class grade ledger (leger) with ranking.
    Ledger,
    /// The receipt (kwitansi) of one payment (issue 17).
    Receipt,
    /// The week of one class, teacher or room (issue 14).
    Timetable,
    /// Students in arrears, per class (issue 17).
    FeeArrears,
    /// The day's cash report of the bursar's desk (issue 17).
    FeeDay,
    /// Income by fee item and month (issue 17).
    FeeIncome,
    /// Exam papers, answer keys, the kisi-kisi and answer sheets (issue 13).
    Exam,
    /// The day's substitution sheet (issue 14, item 7).
    CoverSheet,
}

impl Builtin {
    pub const ALL: [Builtin; 10] = [
        Builtin::Rapor,
        Builtin::Report,
        Builtin::Ledger,
        Builtin::Receipt,
        Builtin::Timetable,
        Builtin::FeeArrears,
        Builtin::FeeDay,
        Builtin::FeeIncome,
        Builtin::Exam,
        Builtin::CoverSheet,
    ];

    /// The name used on the command line and in files ("rapor").
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Rapor => "rapor",
            Builtin::Report => "report",
            Builtin::Ledger => "ledger",
            Builtin::Receipt => "receipt",
            Builtin::Timetable => "timetable",
            Builtin::FeeArrears => "arrears",
            Builtin::FeeDay => "cashday",
            Builtin::FeeIncome => "income",
            Builtin::Exam => "exam",
            Builtin::CoverSheet => "coversheet",
        }
    }

    pub fn by_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The template's Typst source.
    pub fn source(self) -> &'static str {
        match self {
            Builtin::Rapor => include_str!("templates/rapor.typ"),
            Builtin::Report => include_str!("templates/report.typ"),
            Builtin::Ledger => include_str!("templates/ledger.typ"),
            Builtin::Receipt => include_str!("templates/receipt.typ"),
            Builtin::Timetable => include_str!("templates/timetable.typ"),
            Builtin::FeeArrears => include_str!("templates/arrears.typ"),
            Builtin::FeeDay => include_str!("templates/cashday.typ"),
            Builtin::FeeIncome => include_str!("templates/income.typ"),
            Builtin::Exam => include_str!("templates/exam.typ"),
            Builtin::CoverSheet => include_str!("templates/coversheet.typ"),
        }
    }

    /// Sample data of the kind this template prints, as JSON.
    fn sample(self) -> serde_json::Value {
        match self {
            Builtin::Rapor | Builtin::Report => {
                serde_json::to_value(sample_report_card()).expect("sample serialises")
            }
            Builtin::Ledger => serde_json::to_value(sample_ledger()).expect("sample serialises"),
            Builtin::Receipt => serde_json::to_value(schooldesk_documents::Receipt::sample())
                .expect("sample serialises"),
            Builtin::Timetable => {
                serde_json::to_value(schooldesk_documents::TimetableSheet::sample())
                    .expect("sample serialises")
            }
            Builtin::FeeArrears => serde_json::to_value(schooldesk_documents::FeeArrears::sample())
                .expect("sample serialises"),
            Builtin::FeeDay => serde_json::to_value(schooldesk_documents::FeeDay::sample())
                .expect("sample serialises"),
            Builtin::FeeIncome => serde_json::to_value(schooldesk_documents::FeeIncome::sample())
                .expect("sample serialises"),
            Builtin::Exam => {
                serde_json::to_value(schooldesk_documents::exam::ExamDocument::sample())
                    .expect("sample serialises")
            }
            Builtin::CoverSheet => serde_json::to_value(schooldesk_documents::CoverSheet::sample())
                .expect("sample serialises"),
        }
    }
}

/// A template: a built-in one, or a school's own text that replaces a
/// built-in one (and falls back to it when broken).
#[derive(Debug, Clone)]
pub struct Template {
    name: String,
    source: String,
    base: Builtin,
    custom: bool,
}

impl Template {
    pub fn builtin(builtin: Builtin) -> Template {
        Template {
            name: builtin.name().to_owned(),
            source: builtin.source().to_owned(),
            base: builtin,
            custom: false,
        }
    }

    /// A school's own template (e.g. read from `rapor-smpn1.typ`), used in
    /// place of `base` and falling back to it when it does not compile.
    pub fn custom(name: impl Into<String>, source: impl Into<String>, base: Builtin) -> Template {
        Template {
            name: name.into(),
            source: source.into(),
            base,
            custom: true,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Typst text, e.g. to export a built-in template for editing.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn base(&self) -> Builtin {
        self.base
    }

    pub fn is_custom(&self) -> bool {
        self.custom
    }
}

/// How far a job is; the progress callback returns `false` to cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// What a finished job used and noticed.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Pages laid out in all.
    pub pages: usize,
    /// Problems of a custom template; when not empty, the built-in one
    /// printed (some or all copies) instead.
    pub template_problems: Vec<TemplateProblem>,
    /// Typst's warnings (e.g. an unknown font family in a custom template).
    pub warnings: Vec<TemplateProblem>,
    /// Where the time went.
    pub timings: Timings,
}

/// Where a job's time went (for the benchmark and logs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Data to JSON, font coverage, images decoded, template checked.
    pub setup: Duration,
    /// Typst layout, summed over all threads (can exceed wall time).
    pub compile: Duration,
    /// Writing the batches' (or copies') PDFs, summed over all threads.
    pub pdf: Duration,
    /// Joining the batches' PDFs into one file ([`Engine::render_to`]).
    pub join: Duration,
}

/// Receives each copy's PDF: `(index in copies, the copy, the PDF)`.
pub type CopySink<'a, T> = dyn FnMut(usize, &T, Vec<u8>) -> Result<(), PrintError> + 'a;

/// The bundled fonts, loaded once.
pub(crate) struct Fonts {
    pub book: LazyHash<FontBook>,
    pub list: Vec<Font>,
}

/// The document engine: fonts and Typst's standard library, loaded once.
/// `Send + Sync`: share one per process (e.g. in an `Arc` or a static).
pub struct Engine {
    library: LazyHash<Library>,
    fonts: Fonts,
    threads: usize,
    batch: usize,
}

const HARNESS: &str = include_str!("templates/harness.typ");

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// Loads the bundled fonts (only [`FONT_FAMILY`] and [`MATH_FONT_FAMILY`]) and Typst's library.
    pub fn new() -> Engine {
        let mut book = FontBook::new();
        let mut list = Vec::new();
        for (font, info) in typst_kit::fonts::embedded() {
            if info.family == FONT_FAMILY || info.family == MATH_FONT_FAMILY {
                book.push(info);
                list.push(font);
            }
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        Engine {
            library: LazyHash::new(Library::builder().build()),
            fonts: Fonts {
                book: LazyHash::new(book),
                list,
            },
            threads,
            batch: BATCH,
        }
    }

    /// Compile batches on at most this many threads (default: one per core).
    pub fn with_threads(mut self, threads: usize) -> Engine {
        self.threads = threads.max(1);
        self
    }

    /// Lay out this many copies per compile (default [`BATCH`]).
    pub fn with_batch(mut self, batch: usize) -> Engine {
        self.batch = batch.max(1);
        self
    }

    /// Whether some bundled font has this character.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .list
            .iter()
            .any(|f| f.info().coverage.contains(c as u32))
    }

    /// Compiles `template` against sample data of its kind (with sample
    /// images) and returns Typst's errors with line and column in the
    /// template's text. Ok for every built-in template.
    pub fn check(&self, template: &Template) -> Result<(), Vec<TemplateProblem>> {
        let data =
            vec![serde_json::to_vec(&template.base.sample()).expect("JSON values serialise")];
        let logo = Some(Asset::new(
            "sample-logo.svg",
            sample::SAMPLE_LOGO_SVG.as_bytes().to_vec(),
        ));
        let files = self
            .asset_files(&Assets {
                logo: logo.clone(),
                signature: logo,
            })
            .expect("the sample logo is valid");
        match self.compile(
            template,
            &Layout::default(),
            &files,
            &Options::default(),
            &data,
        ) {
            Ok((_, _)) => Ok(()),
            Err(problems) => Err(problems),
        }
    }

    /// Renders every copy into one combined PDF. `progress` is called after
    /// each batch; returning `false` stops the job with
    /// [`PrintError::Cancelled`]. For a large job prefer
    /// [`Engine::render_to`], which holds one batch in memory, not the file.
    pub fn render<T: Printable>(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &Assets,
        options: &Options,
        copies: &[T],
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<(Vec<u8>, Report), PrintError> {
        self.render_to(
            template,
            layout,
            assets,
            options,
            copies,
            progress,
            Vec::new(),
        )
    }

    /// Renders every copy into one combined PDF written to `out` as the
    /// batches finish: each batch becomes a small PDF on the thread that laid
    /// it out, and its pages are copied into `out` as it arrives. Memory is
    /// a few batches, whatever the number of copies.
    #[allow(clippy::too_many_arguments)]
    pub fn render_to<T: Printable, W: std::io::Write>(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &Assets,
        options: &Options,
        copies: &[T],
        progress: &mut dyn FnMut(Progress) -> bool,
        out: W,
    ) -> Result<(W, Report), PrintError> {
        self.render_to_with(
            template,
            layout,
            assets,
            &[],
            options,
            copies,
            progress,
            out,
        )
    }

    /// [`Engine::render_to`] with more images the copies show (a
    /// question's figure): each [`Asset`]'s name is its path in the job,
    /// `/assets/img/NAME.EXT` (NAME of a–z, 0–9, `-` and `_`), which the
    /// copy's data gives to `image(...)`. Each is decoded first: a file
    /// that is not an image is an error naming it.
    #[allow(clippy::too_many_arguments)]
    pub fn render_to_with<T: Printable, W: std::io::Write>(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &Assets,
        images: &[Asset],
        options: &Options,
        copies: &[T],
        progress: &mut dyn FnMut(Progress) -> bool,
        out: W,
    ) -> Result<(W, Report), PrintError> {
        let write_error =
            |err: std::io::Error| PrintError::Sink(format!("the PDF cannot be written: {err}"));
        let mut joiner = join::Joiner::new(out, "Schooldesk").map_err(write_error)?;
        let mut join_time = Duration::ZERO;
        let mut report = self.run(
            template,
            layout,
            assets,
            images,
            options,
            copies,
            progress,
            &|doc| Ok(vec![write_pdf(&doc)?]),
            &mut |_, pdfs| {
                let began = Instant::now();
                for pdf in pdfs {
                    joiner.add(&pdf)?;
                }
                join_time += began.elapsed();
                Ok(())
            },
        )?;
        let began = Instant::now();
        let out = joiner.finish().map_err(write_error)?;
        report.timings.join = join_time + began.elapsed();
        Ok((out, report))
    }

    /// The pages of the copies as SVG images, one string per page, laid
    /// out by the same template, fonts and layout as the PDF: what a screen
    /// shows as "exactly as it will print" (a question in its editor).
    /// The glyphs are drawn as outlines, so the image needs no fonts.
    pub fn render_svg<T: Printable>(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &Assets,
        images: &[Asset],
        copies: &[T],
    ) -> Result<(Vec<String>, Report), PrintError> {
        let mut pages = Vec::new();
        let report = self.run(
            template,
            layout,
            assets,
            images,
            &Options::default(),
            copies,
            &mut |_| true,
            &|doc| {
                Ok(doc
                    .pages()
                    .iter()
                    .map(|page| {
                        typst_svg::svg(page, &typst_svg::SvgOptions::default()).into_bytes()
                    })
                    .collect())
            },
            &mut |_, svgs| {
                for svg in svgs {
                    pages.push(String::from_utf8(svg).expect("typst writes SVG as UTF-8"));
                }
                Ok(())
            },
        )?;
        Ok((pages, report))
    }

    /// Renders one PDF per copy and hands each to `sink(index, copy, pdf)`
    /// as soon as its batch is done (so memory stays flat for a whole
    /// school), in the order of `copies`.
    #[allow(clippy::too_many_arguments)]
    pub fn render_each<T: Printable>(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &Assets,
        options: &Options,
        copies: &[T],
        progress: &mut dyn FnMut(Progress) -> bool,
        sink: &mut CopySink<'_, T>,
    ) -> Result<Report, PrintError> {
        self.run(
            template,
            layout,
            assets,
            &[],
            options,
            copies,
            progress,
            &|doc| {
                split_copies(doc.pages())
                    .into_iter()
                    .map(|pages| write_pdf(&PagedDocument::new(pages, Default::default())))
                    .collect()
            },
            &mut |first, pdfs| {
                for (index, pdf) in (first..).zip(pdfs) {
                    sink(index, &copies[index], pdf)?;
                }
                Ok(())
            },
        )
    }

    /// Checks the data and assets, compiles the copies in batches on
    /// several threads, turns each batch's document into PDFs with `write`
    /// on the same thread, and hands them to `take` in order (with the
    /// index of the batch's first copy).
    #[allow(clippy::too_many_arguments)]
    fn run<T: Printable>(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &Assets,
        images: &[Asset],
        options: &Options,
        copies: &[T],
        progress: &mut dyn FnMut(Progress) -> bool,
        write: &(dyn Fn(PagedDocument) -> Result<Vec<Vec<u8>>, PrintError> + Sync),
        take: &mut dyn FnMut(usize, Vec<Vec<u8>>) -> Result<(), PrintError>,
    ) -> Result<Report, PrintError> {
        let began = Instant::now();
        let mut files = self.asset_files(assets)?;
        files.extend(image_files(images)?);
        // Data first: every copy to JSON, every character checked against
        // the bundled fonts, before any page is laid out.
        let mut seen: HashSet<char> = HashSet::new();
        let mut values = Vec::with_capacity(copies.len());
        for copy in copies {
            let mut value = serde_json::to_value(copy).map_err(|err| PrintError::Data {
                copy: copy.label(),
                reason: err.to_string(),
            })?;
            self.check_characters(&value, copy, &mut seen)?;
            if let (Some(text), serde_json::Value::Object(map)) = (copy.verify_qr(), &mut value) {
                let svg = qr_svg(text).map_err(|reason| PrintError::Data {
                    copy: copy.label(),
                    reason,
                })?;
                map.insert("verify_qr_svg".into(), svg.into());
            }
            if let serde_json::Value::Object(map) = &mut value {
                map.insert("draft".into(), (copy.draft() || options.draft).into());
            }
            // Kept as compact JSON text: a whole school's cards as value
            // trees would be ten times larger.
            values.push(serde_json::to_vec(&value).expect("JSON values serialise"));
        }

        // A custom template is checked once; a broken one is reported and
        // the built-in one prints instead.
        let mut report = Report::default();
        let fallback = Template::builtin(template.base);
        let mut chosen = template;
        if template.custom {
            if let Err(problems) = self.check(template) {
                tracing::warn!(
                    template = template.name,
                    problems = problems.len(),
                    "custom template is broken; printing with the built-in one"
                );
                report.template_problems = problems;
                chosen = &fallback;
            }
        }

        report.timings.setup = began.elapsed();
        let compile_time = Mutex::new(Duration::ZERO);
        let pdf_time = Mutex::new(Duration::ZERO);
        let total = values.len();
        let batches: Vec<&[Vec<u8>]> = values.chunks(self.batch).collect();
        let first_label = |batch: usize| copies.get(batch * self.batch).map(Printable::label);
        let next = AtomicUsize::new(0);
        // Batches handed to `take` so far.
        let taken = AtomicUsize::new(0);
        let ahead = 2 * self.threads;
        let stop = AtomicBool::new(false);
        let problems_seen = Mutex::new(Vec::<TemplateProblem>::new());
        let warnings = Mutex::new(Vec::<TemplateProblem>::new());
        let (tx, rx) =
            mpsc::sync_channel::<(usize, Result<(usize, Vec<Vec<u8>>), PrintError>)>(self.threads);
        let threads = self.threads.min(batches.len()).max(1);

        let result = std::thread::scope(|scope| {
            for _ in 0..threads {
                let tx = tx.clone();
                let (next, stop, batches, files) = (&next, &stop, &batches, &files);
                let (problems_seen, warnings, fallback) = (&problems_seen, &warnings, &fallback);
                let (compile_time, pdf_time) = (&compile_time, &pdf_time);
                let first_label = &first_label;
                let taken = &taken;
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= batches.len() || stop.load(Ordering::SeqCst) {
                        break;
                    }
                    // At most `ahead` batches beyond the one the output
                    // waits for, so a slow batch cannot make the finished
                    // ones pile up in memory. (The batch waited for never
                    // waits here, so this always moves on.)
                    while i >= taken.load(Ordering::SeqCst) + ahead && !stop.load(Ordering::SeqCst)
                    {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    let batch = batches[i];
                    let began = Instant::now();
                    let compiled = match self.compile(chosen, layout, files, options, batch) {
                        Ok((doc, warn)) => {
                            warnings.lock().expect("not poisoned").extend(warn);
                            Ok(doc)
                        }
                        Err(problems) if chosen.custom => {
                            // Passed the check but failed on real data:
                            // this batch prints with the built-in template.
                            problems_seen.lock().expect("not poisoned").extend(problems);
                            self.compile(fallback, layout, files, options, batch)
                                .map(|(doc, _)| doc)
                                .map_err(|problems| {
                                    template_error(fallback, first_label(i), i, problems)
                                })
                        }
                        Err(problems) => Err(template_error(chosen, first_label(i), i, problems)),
                    };
                    *compile_time.lock().expect("not poisoned") += began.elapsed();
                    let began = Instant::now();
                    let written = compiled.and_then(|doc| {
                        let pages = doc.pages().len();
                        write(doc).map(|pdfs| (pages, pdfs))
                    });
                    *pdf_time.lock().expect("not poisoned") += began.elapsed();
                    if tx.send((i, written)).is_err() {
                        break;
                    }
                });
            }
            drop(tx);

            // In order: buffer batches that finish early.
            let mut pending: BTreeMap<usize, (usize, Vec<Vec<u8>>)> = BTreeMap::new();
            let mut want = 0;
            let mut done = 0;
            for (i, compiled) in rx {
                match compiled {
                    Ok(doc) => {
                        pending.insert(i, doc);
                    }
                    Err(err) => {
                        stop.store(true, Ordering::SeqCst);
                        return Err(err);
                    }
                }
                while let Some((pages, pdfs)) = pending.remove(&want) {
                    if let Err(err) = take(want * self.batch, pdfs) {
                        stop.store(true, Ordering::SeqCst);
                        return Err(err);
                    }
                    report.pages += pages;
                    done += batches[want].len();
                    want += 1;
                    taken.store(want, Ordering::SeqCst);
                    // Keep Typst's memo cache from growing with the job.
                    typst::comemo::evict(2);
                    if !progress(Progress { done, total }) {
                        stop.store(true, Ordering::SeqCst);
                        return Err(PrintError::Cancelled);
                    }
                }
            }
            Ok(())
        });
        typst::comemo::evict(0);
        result?;
        report
            .template_problems
            .extend(problems_seen.into_inner().expect("not poisoned"));
        report.warnings = warnings.into_inner().expect("not poisoned");
        report.timings.compile = compile_time.into_inner().expect("not poisoned");
        report.timings.pdf = pdf_time.into_inner().expect("not poisoned");
        dedup(&mut report.warnings);
        dedup(&mut report.template_problems);
        Ok(report)
    }

    /// Refuses a character no bundled font has, naming the copy and field.
    fn check_characters<T: Printable>(
        &self,
        value: &serde_json::Value,
        copy: &T,
        seen: &mut HashSet<char>,
    ) -> Result<(), PrintError> {
        fn walk(
            engine: &Engine,
            value: &serde_json::Value,
            path: &mut Vec<String>,
            seen: &mut HashSet<char>,
        ) -> Result<(), (char, String)> {
            match value {
                serde_json::Value::String(text) => {
                    for c in text.chars() {
                        if c.is_whitespace() || c.is_control() || seen.contains(&c) {
                            continue;
                        }
                        if !engine.covers(c) {
                            return Err((c, path.join(".")));
                        }
                        seen.insert(c);
                    }
                    Ok(())
                }
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        path.push(format!("{}", i + 1));
                        walk(engine, item, path, seen)?;
                        path.pop();
                    }
                    Ok(())
                }
                serde_json::Value::Object(map) => {
                    for (key, item) in map {
                        path.push(key.clone());
                        walk(engine, item, path, seen)?;
                        path.pop();
                    }
                    Ok(())
                }
                _ => Ok(()),
            }
        }
        walk(self, value, &mut Vec::new(), seen).map_err(|(character, field)| {
            PrintError::UnsupportedCharacter {
                character,
                codepoint: format!("U+{:04X}", character as u32),
                copy: copy.label(),
                field,
            }
        })
    }

    /// Decodes each image once (a corrupt one is an error naming it) and
    /// returns the World files for them.
    fn asset_files(&self, assets: &Assets) -> Result<Vec<(String, Bytes)>, PrintError> {
        let mut files = Vec::new();
        for (kind, asset) in [("logo", &assets.logo), ("signature", &assets.signature)] {
            let Some(asset) = asset else { continue };
            let fail = |reason: String| PrintError::Asset {
                asset: kind,
                name: asset.name.clone(),
                reason,
            };
            if asset.bytes.is_empty() {
                return Err(fail("the file is empty".into()));
            }
            let bytes = Bytes::new(asset.bytes.clone());
            let ext = if let Some(format) = ExchangeFormat::detect(&asset.bytes) {
                RasterImage::plain(bytes.clone(), format).map_err(|e| fail(e.to_string()))?;
                match format {
                    ExchangeFormat::Png => "png",
                    ExchangeFormat::Jpg => "jpg",
                    ExchangeFormat::Gif => "gif",
                    ExchangeFormat::Webp => "webp",
                }
            } else if looks_like_svg(&asset.bytes) {
                SvgImage::new(bytes.clone()).map_err(|e| fail(format!("{e:?}")))?;
                "svg"
            } else {
                return Err(fail("it is not a PNG, JPEG, GIF, WebP or SVG image".into()));
            };
            files.push((format!("/assets/{kind}.{ext}"), bytes));
        }
        Ok(files)
    }

    /// One Typst compile of some copies. Errors and warnings come back with
    /// line and column when they point into the template.
    fn compile(
        &self,
        template: &Template,
        layout: &Layout,
        assets: &[(String, Bytes)],
        options: &Options,
        copies: &[Vec<u8>],
    ) -> Result<(PagedDocument, Vec<TemplateProblem>), Vec<TemplateProblem>> {
        let (width, height) = layout.size_mm();
        let m = layout.margins_mm;
        let asset_path = |kind: &str| -> serde_json::Value {
            assets
                .iter()
                .find(|(path, _)| path.starts_with(&format!("/assets/{kind}.")))
                .map_or(serde_json::Value::Null, |(path, _)| path.clone().into())
        };
        let input = serde_json::json!({
            "page": { "width": width, "height": height,
                      "top": m.top, "right": m.right, "bottom": m.bottom, "left": m.left },
            "options": {
                "letterhead": layout.letterhead,
                "draft": options.draft,
                "logo": asset_path("logo"),
                "signature": asset_path("signature"),
            },
            "copies": [],
        });
        let mut files: HashMap<_, _> = assets
            .iter()
            .map(|(path, bytes)| (world::file_id(path), bytes.clone()))
            .collect();
        files.insert(
            world::file_id("/input.json"),
            Bytes::new(with_copies(&input, copies)),
        );
        let world = world::DocWorld {
            library: &self.library,
            fonts: &self.fonts,
            main: Source::new(world::file_id("/main.typ"), HARNESS.to_owned()),
            template: Source::new(world::file_id("/template.typ"), template.source.clone()),
            files,
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = problems(&world, &warned.warnings);
        match warned.output {
            Ok(doc) => Ok((doc, warnings)),
            Err(errors) => Err(problems(&world, &errors)),
        }
    }
}

/// `input` (whose `copies` is empty) as JSON text with the copies' JSON
/// texts spliced into its `copies` array.
fn with_copies(input: &serde_json::Value, copies: &[Vec<u8>]) -> Vec<u8> {
    let text = serde_json::to_vec(input).expect("JSON values serialise");
    let marker = b"\"copies\":[]";
    let at = text
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("the input has an empty copies array")
        + marker.len()
        - 1;
    let mut out =
        Vec::with_capacity(text.len() + copies.iter().map(|c| c.len() + 1).sum::<usize>());
    out.extend_from_slice(&text[..at]);
    for (i, copy) in copies.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(copy);
    }
    out.extend_from_slice(&text[at..]);
    out
}

fn template_error(
    template: &Template,
    first: Option<String>,
    index: usize,
    problems: Vec<TemplateProblem>,
) -> PrintError {
    let copy = match first {
        Some(name) => format!("the batch starting with {name}"),
        None => format!("batch {}", index + 1),
    };
    PrintError::Template {
        template: template.name.clone(),
        copy,
        problems,
    }
}

fn dedup(problems: &mut Vec<TemplateProblem>) {
    let mut seen = HashSet::new();
    problems.retain(|p| seen.insert(p.to_string()));
}

/// The World files of a job's extra images, each checked.
fn image_files(images: &[Asset]) -> Result<Vec<(String, Bytes)>, PrintError> {
    let mut files = Vec::new();
    for asset in images {
        let fail = |reason: String| PrintError::Asset {
            asset: "question",
            name: asset.name.clone(),
            reason,
        };
        let Some(file) = asset.name.strip_prefix("/assets/img/") else {
            return Err(fail("its path must start with /assets/img/".into()));
        };
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        if stem.is_empty()
            || !stem
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            return Err(fail("its name may hold only a-z, 0-9, - and _".into()));
        }
        if asset.bytes.is_empty() {
            return Err(fail("the file is empty".into()));
        }
        let bytes = Bytes::new(asset.bytes.clone());
        let kind = match ExchangeFormat::detect(&asset.bytes) {
            Some(format) => {
                RasterImage::plain(bytes.clone(), format).map_err(|e| fail(e.to_string()))?;
                match format {
                    ExchangeFormat::Png => "png",
                    ExchangeFormat::Jpg => "jpg",
                    ExchangeFormat::Gif => "gif",
                    ExchangeFormat::Webp => "webp",
                }
            }
            None if looks_like_svg(&asset.bytes) => {
                SvgImage::new(bytes.clone()).map_err(|e| fail(format!("{e:?}")))?;
                "svg"
            }
            None => return Err(fail("it is not a PNG, JPEG, GIF, WebP or SVG image".into())),
        };
        if ext != kind {
            return Err(fail(format!(
                "it is a {kind} image but its path ends in .{ext}"
            )));
        }
        files.push((asset.name.clone(), bytes));
    }
    Ok(files)
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    head.contains("<svg") || head.trim_start().starts_with("<?xml")
}

/// Typst's diagnostics as [`TemplateProblem`]s; line and column are given
/// when the problem is in the template file.
fn problems(world: &world::DocWorld<'_>, diags: &[SourceDiagnostic]) -> Vec<TemplateProblem> {
    diags
        .iter()
        .map(|diag| {
            let (mut line, mut column) = (None, None);
            if diag.span.id() == Some(world.template.id()) {
                if let Some(range) = world.range(diag.span) {
                    if let Some((l, c)) = world.template.lines().byte_to_line_column(range.start) {
                        line = Some(l + 1);
                        column = Some(c + 1);
                    }
                }
            }
            let mut message = diag.message.to_string();
            if diag.severity == Severity::Error
                && line.is_none()
                && diag.span.id() == Some(world.main.id())
            {
                message = format!(
                    "{message} (a template must define `card(data, opts)` and `footer(data, opts)`)"
                );
            }
            TemplateProblem {
                line,
                column,
                message,
                hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
            }
        })
        .collect()
}

/// Splits a batch's pages into copies: the harness restarts the page
/// counter for each copy, so a copy starts at each page numbered 1.
fn split_copies(pages: &[Page]) -> Vec<EcoVec<Page>> {
    let mut copies: Vec<EcoVec<Page>> = Vec::new();
    for page in pages {
        match copies.last_mut() {
            Some(current) if page.number != 1 => current.push(page.clone()),
            _ => copies.push(EcoVec::from([page.clone()])),
        }
    }
    copies
}

fn write_pdf(doc: &PagedDocument) -> Result<Vec<u8>, PrintError> {
    let options = typst_pdf::PdfOptions {
        tagged: false,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        PrintError::Pdf(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_and_sync() {
        fn both<T: Send + Sync>() {}
        both::<Engine>();
    }

    #[test]
    fn paper_sizes_and_names() {
        assert_eq!(Paper::parse("f4"), Some(Paper::F4));
        assert_eq!(Paper::F4.size_mm(), (215.0, 330.0));
        let landscape = Layout {
            paper: Paper::A3,
            landscape: true,
            ..Layout::default()
        };
        assert_eq!(landscape.size_mm(), (420.0, 297.0));
        assert_eq!(Paper::parse("B5"), None);
    }
}
