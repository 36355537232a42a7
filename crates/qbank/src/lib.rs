//! The question bank's pure side (issue 13): the question model
//! ([`model`], [`rich`]), validation ([`validate`]), reading and writing
//! GIFT ([`gift`]), Moodle XML ([`moodle_xml`]), Aiken ([`aiken`]) and QTI
//! 2.1 packages ([`qti`]), seeded exam variants with their answer keys
//! ([`variant`]), and item analysis ([`analysis`]).
//!
//! No IO and no storage: callers hand in the file's text and get back a
//! [`Bank`] plus the [`Problem`]s met on the way (an import never stops at
//! the first bad question), or hand in a bank and get back the file's text
//! plus notes on what the format cannot carry.

pub mod aiken;
pub mod analysis;
pub mod assemble;
pub mod decimal;
pub mod gift;
pub mod html;
pub mod latex;
pub mod model;
pub mod moodle_xml;
pub mod qti;
pub mod rich;
pub mod scoring;
pub mod search;
pub mod sheet;
pub mod validate;
pub mod variant;

pub use decimal::Decimal;
pub use model::*;
pub use rich::{Block, ImageRef, Inline, RichText, Script, Style};

/// The formats [`detect_format`] tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Gift,
    MoodleXml,
    Aiken,
    Qti,
    /// The spreadsheet template ([`sheet`]); read by the caller, which
    /// holds the XLSX reader.
    Xlsx,
}

/// Whether the bytes are an XLSX workbook (a zip holding `xl/workbook.xml`).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map(|z| z.index_for_name("xl/workbook.xml").is_some())
            .unwrap_or(false)
}

/// Reads a file in whichever format its content is: a zip is a QTI
/// package, text goes by [`detect_format`].
pub fn import_any(bytes: &[u8]) -> (Format, Import) {
    if bytes.starts_with(b"PK\x03\x04") {
        return (Format::Qti, qti::import(bytes));
    }
    let text = String::from_utf8_lossy(bytes);
    let format = detect_format(&text);
    let import = match format {
        Format::MoodleXml => moodle_xml::import(&text),
        Format::Aiken => aiken::import(&text),
        _ => gift::import(&text),
    };
    (format, import)
}

/// Guesses a text file's format from its content: XML with a `<quiz>` root
/// is Moodle XML; a file whose questions end in `ANSWER: X` lines and has
/// no braces is Aiken; anything else is GIFT.
pub fn detect_format(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<?xml") || t.starts_with("<quiz") {
        return Format::MoodleXml;
    }
    let has_answer_line = t.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("ANSWER:") || l.starts_with("ANSWER ")
    });
    if has_answer_line && !t.contains('{') {
        Format::Aiken
    } else {
        Format::Gift
    }
}
