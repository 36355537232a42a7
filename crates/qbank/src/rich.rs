//! Rich text as a small document tree: paragraphs of styled runs, lists,
//! tables, images by reference to stored bytes, and LaTeX math (inline or
//! display). Never raw HTML: HTML is only one way to read and write it
//! ([`crate::html`]).
//!
//! Every constructor and reader ends with [`RichText::normalised`], so two
//! texts that print the same compare equal: adjacent runs of one style are
//! merged, white space runs become one space, paragraphs are trimmed, empty
//! paragraphs and runs are dropped.

use serde::{Deserialize, Serialize};

/// A rich text: a sequence of blocks. The empty text has no blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RichText(pub Vec<Block>);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
    },
    /// Each item is itself a sequence of blocks.
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// Rows of cells; each cell a sequence of blocks.
    Table {
        rows: Vec<Vec<Vec<Block>>>,
    },
    /// Display math, LaTeX source without delimiters.
    Math {
        latex: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Inline {
    Text {
        text: String,
        style: Style,
    },
    /// Inline math, LaTeX source without delimiters.
    Math {
        latex: String,
    },
    Image {
        image: ImageRef,
    },
    Break,
}

/// A run's style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub script: Script,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    #[default]
    Normal,
    Sub,
    Super,
}

/// An image by reference: `key` names the bytes in [`crate::Bank::images`]
/// (the SHA-256 of the bytes, in hex), `alt` is its description.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ImageRef {
    pub key: String,
    pub alt: String,
}

impl Style {
    pub const PLAIN: Style = Style {
        bold: false,
        italic: false,
        underline: false,
        script: Script::Normal,
    };
}

impl Inline {
    pub fn text(text: impl Into<String>) -> Inline {
        Inline::Text {
            text: text.into(),
            style: Style::PLAIN,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Inline {
        Inline::Text {
            text: text.into(),
            style,
        }
    }
}

impl RichText {
    pub fn empty() -> RichText {
        RichText(Vec::new())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn paragraph(inlines: Vec<Inline>) -> RichText {
        RichText(vec![Block::Paragraph { inlines }]).normalised()
    }

    /// Plain text: a blank line separates paragraphs, a single line break
    /// stays a line break.
    pub fn from_plain(text: &str) -> RichText {
        let text = text.replace("\r\n", "\n");
        let mut blocks = Vec::new();
        for para in split_paragraphs(&text) {
            let mut inlines = Vec::new();
            for (i, line) in para.lines().enumerate() {
                if i > 0 {
                    inlines.push(Inline::Break);
                }
                inlines.push(Inline::text(line));
            }
            blocks.push(Block::Paragraph { inlines });
        }
        RichText(blocks).normalised()
    }

    /// The text without styles: paragraphs on their own lines, math in
    /// `\( \)` / `\[ \]`, images as `[image: alt]`, list items with `- `,
    /// table cells separated by ` | `.
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        plain_blocks(&self.0, &mut out);
        out.trim_end().to_string()
    }

    /// True when the text is at most one paragraph of unstyled runs (what a
    /// plain-text format can carry without loss).
    pub fn is_plain(&self) -> bool {
        match self.0.as_slice() {
            [] => true,
            [Block::Paragraph { inlines }] => inlines
                .iter()
                .all(|i| matches!(i, Inline::Text { style, .. } if *style == Style::PLAIN)),
            _ => false,
        }
    }

    /// Every image this text refers to, in order.
    pub fn images(&self) -> Vec<&ImageRef> {
        let mut out = Vec::new();
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a ImageRef>) {
            for b in blocks {
                match b {
                    Block::Paragraph { inlines } => {
                        for i in inlines {
                            if let Inline::Image { image } = i {
                                out.push(image);
                            }
                        }
                    }
                    Block::List { items, .. } => items.iter().for_each(|it| walk(it, out)),
                    Block::Table { rows } => rows.iter().flatten().for_each(|c| walk(c, out)),
                    Block::Math { .. } => {}
                }
            }
        }
        walk(&self.0, &mut out);
        out
    }

    /// The canonical form (see the module documentation).
    pub fn normalised(self) -> RichText {
        RichText(normalise_blocks(self.0))
    }
}

fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                paras.push(cur.join("\n"));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        paras.push(cur.join("\n"));
    }
    paras
}

fn plain_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph { inlines } => {
                for i in inlines {
                    match i {
                        Inline::Text { text, .. } => out.push_str(text),
                        Inline::Math { latex } => {
                            out.push_str("\\(");
                            out.push_str(latex);
                            out.push_str("\\)");
                        }
                        Inline::Image { image } => {
                            out.push_str("[image: ");
                            out.push_str(&image.alt);
                            out.push(']');
                        }
                        Inline::Break => out.push('\n'),
                    }
                }
                out.push('\n');
            }
            Block::List { items, .. } => {
                for it in items {
                    out.push_str("- ");
                    let mut s = String::new();
                    plain_blocks(it, &mut s);
                    out.push_str(s.trim_end());
                    out.push('\n');
                }
            }
            Block::Table { rows } => {
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| {
                            let mut s = String::new();
                            plain_blocks(c, &mut s);
                            s.trim_end().replace('\n', " ")
                        })
                        .collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
            Block::Math { latex } => {
                out.push_str("\\[");
                out.push_str(latex);
                out.push_str("\\]\n");
            }
        }
    }
}

fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
}

fn normalise_inlines(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in inlines {
        match i {
            Inline::Text { text, style } => {
                let text = collapse_ws(&text);
                if text.is_empty() {
                    continue;
                }
                if let Some(Inline::Text {
                    text: prev,
                    style: ps,
                }) = out.last_mut()
                {
                    if *ps == style {
                        prev.push_str(&text);
                        *prev = collapse_ws(prev);
                        continue;
                    }
                }
                out.push(Inline::Text { text, style });
            }
            Inline::Math { latex } => {
                let latex = latex.trim().to_string();
                if !latex.is_empty() {
                    out.push(Inline::Math { latex });
                }
            }
            other => out.push(other),
        }
    }
    // Trim white space at the paragraph's ends and around line breaks.
    let n = out.len();
    for idx in 0..n {
        let at_start = idx == 0 || matches!(out[idx - 1], Inline::Break);
        let at_end = idx + 1 == n || matches!(out[idx + 1], Inline::Break);
        if let Inline::Text { text, .. } = &mut out[idx] {
            if at_start {
                *text = text.trim_start().to_string();
            }
            if at_end {
                *text = text.trim_end().to_string();
            }
        }
    }
    out.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
    while matches!(out.last(), Some(Inline::Break)) {
        out.pop();
    }
    while matches!(out.first(), Some(Inline::Break)) {
        out.remove(0);
    }
    out
}

fn normalise_blocks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { inlines } => {
                let inlines = normalise_inlines(inlines);
                if !inlines.is_empty() {
                    out.push(Block::Paragraph { inlines });
                }
            }
            Block::List { ordered, items } => {
                let items: Vec<Vec<Block>> = items.into_iter().map(normalise_blocks).collect();
                if !items.is_empty() {
                    out.push(Block::List { ordered, items });
                }
            }
            Block::Table { rows } => {
                let rows: Vec<Vec<Vec<Block>>> = rows
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .map(|r| r.into_iter().map(normalise_blocks).collect())
                    .collect();
                if !rows.is_empty() {
                    out.push(Block::Table { rows });
                }
            }
            Block::Math { latex } => {
                let latex = latex.trim().to_string();
                if !latex.is_empty() {
                    out.push(Block::Math { latex });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_becomes_paragraphs_and_breaks() {
        let t = RichText::from_plain("  Line one\nline   two\n\n\nSecond  ");
        assert_eq!(
            t,
            RichText(vec![
                Block::Paragraph {
                    inlines: vec![
                        Inline::text("Line one"),
                        Inline::Break,
                        Inline::text("line two")
                    ]
                },
                Block::Paragraph {
                    inlines: vec![Inline::text("Second")]
                },
            ])
        );
        assert_eq!(t.to_plain(), "Line one\nline two\nSecond");
        assert!(!t.is_plain());
        assert!(RichText::from_plain("just this").is_plain());
    }

    #[test]
    fn runs_of_one_style_merge() {
        let t = RichText::paragraph(vec![
            Inline::text("a "),
            Inline::text(" b"),
            Inline::text(""),
        ]);
        assert_eq!(t, RichText::paragraph(vec![Inline::text("a b")]));
    }
}
