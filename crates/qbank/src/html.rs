//! Reading and writing [`RichText`] as the HTML subset question files use
//! (Moodle's editors, QTI's XHTML): `p`, `br`, `strong`/`b`, `em`/`i`, `u`
//! (and `span style="text-decoration: underline"`), `sub`, `sup`, `ul`,
//! `ol`, `li`, `table`/`tr`/`td`/`th`, `img`, and MathJax's math
//! delimiters `\( \)` (inline), `\[ \]` and `$$ $$` (display). Other tags
//! keep their text and lose their meaning; `script` and `style` are
//! dropped. The reader is forgiving (unclosed tags close at the end); the
//! writer writes well-formed XHTML, so its output reads back to the same
//! tree.

use crate::rich::{Block, ImageRef, Inline, RichText, Script, Style};

/// Writes the text as XHTML. `image_src` gives the `src` of an image.
pub fn to_html(text: &RichText, image_src: &dyn Fn(&ImageRef) -> String) -> String {
    let mut out = String::new();
    blocks_html(&text.0, image_src, &mut out);
    out
}

fn blocks_html(blocks: &[Block], image_src: &dyn Fn(&ImageRef) -> String, out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph { inlines } => {
                out.push_str("<p>");
                for i in inlines {
                    match i {
                        Inline::Text { text, style } => {
                            let (open, close) = style_tags(*style);
                            out.push_str(&open);
                            escape_text(text, out);
                            out.push_str(&close);
                        }
                        Inline::Math { latex } => {
                            out.push_str("\\(");
                            escape_math(latex, out);
                            out.push_str("\\)");
                        }
                        Inline::Image { image } => {
                            out.push_str("<img src=\"");
                            escape_attr(&image_src(image), out);
                            out.push_str("\" alt=\"");
                            escape_attr(&image.alt, out);
                            out.push_str("\"/>");
                        }
                        Inline::Break => out.push_str("<br/>"),
                    }
                }
                out.push_str("</p>");
            }
            Block::List { ordered, items } => {
                out.push_str(if *ordered { "<ol>" } else { "<ul>" });
                for it in items {
                    out.push_str("<li>");
                    blocks_html(it, image_src, out);
                    out.push_str("</li>");
                }
                out.push_str(if *ordered { "</ol>" } else { "</ul>" });
            }
            Block::Table { rows } => {
                out.push_str("<table>");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str("<td>");
                        blocks_html(cell, image_src, out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>");
            }
            Block::Math { latex } => {
                out.push_str("<p>\\[");
                escape_math(latex, out);
                out.push_str("\\]</p>");
            }
        }
    }
}

fn style_tags(s: Style) -> (String, String) {
    let mut open = String::new();
    let mut close = String::new();
    let mut tags = Vec::new();
    if s.bold {
        tags.push("strong");
    }
    if s.italic {
        tags.push("em");
    }
    if s.underline {
        tags.push("u");
    }
    match s.script {
        Script::Sub => tags.push("sub"),
        Script::Super => tags.push("sup"),
        Script::Normal => {}
    }
    for t in &tags {
        open.push_str(&format!("<{t}>"));
    }
    for t in tags.iter().rev() {
        close.push_str(&format!("</{t}>"));
    }
    (open, close)
}

/// Text: the XML specials, and `\` and `$` as character references so that
/// text can never be read back as a math delimiter.
fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("&#92;"),
            '$' => out.push_str("&#36;"),
            _ => out.push(c),
        }
    }
}

fn escape_math(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Decodes the character references HTML texts use.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if rest.as_bytes()[e] == b';' => {
                let name = &rest[1..e];
                let ch = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    _ if name.starts_with("#x") || name.starts_with("#X") => {
                        u32::from_str_radix(&name[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    _ if name.starts_with('#') => {
                        name[1..].parse::<u32>().ok().and_then(char::from_u32)
                    }
                    _ => None,
                };
                ch.map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(if c == '\u{a0}' { ' ' } else { c });
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

enum Container {
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Table(Vec<Vec<Vec<Block>>>),
    Row(Vec<Vec<Block>>),
    Cell(Vec<Block>),
}

struct Builder<'a> {
    root: Vec<Block>,
    stack: Vec<Container>,
    para: Vec<Inline>,
    styles: Vec<(String, Style)>,
    /// Moodle's own text format: a line break in the source is a line break.
    newlines_break: bool,
    resolve: &'a mut dyn FnMut(&str, &str) -> Option<ImageRef>,
}

impl Builder<'_> {
    fn style(&self) -> Style {
        self.styles.last().map(|s| s.1).unwrap_or_default()
    }

    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.stack.last_mut() {
            Some(Container::Item(b)) | Some(Container::Cell(b)) => b,
            _ => &mut self.root,
        }
    }

    fn flush(&mut self) {
        if self.para.is_empty() {
            return;
        }
        let inlines = std::mem::take(&mut self.para);
        // Text directly inside a list or a row (no item, no cell) has no place
        // of its own; it goes into a new item / cell.
        match self.stack.last() {
            Some(Container::List { .. }) => self.stack.push(Container::Item(Vec::new())),
            Some(Container::Table(_)) => self.stack.push(Container::Row(Vec::new())),
            _ => {}
        }
        if let Some(Container::Row(_)) = self.stack.last() {
            self.stack.push(Container::Cell(Vec::new()));
        }
        self.blocks().push(Block::Paragraph { inlines });
    }

    fn push_block(&mut self, block: Block) {
        self.flush();
        self.blocks().push(block);
    }

    fn text(&mut self, raw: &str) {
        // Math delimiters are found in the raw text, before character
        // references are decoded (our writer encodes `\` and `$` in text).
        let mut rest = raw;
        loop {
            let next = [
                ("\\(", "\\)", false),
                ("\\[", "\\]", true),
                ("$$", "$$", true),
            ]
            .iter()
            .filter_map(|(o, c, d)| rest.find(o).map(|i| (i, *o, *c, *d)))
            .min_by_key(|x| x.0);
            let Some((i, open, close, display)) = next else {
                break;
            };
            let Some(j) = rest[i + open.len()..].find(close) else {
                break;
            };
            self.plain(&rest[..i]);
            let latex = decode_entities(&rest[i + open.len()..i + open.len() + j]);
            if display {
                self.push_block(Block::Math { latex });
            } else {
                self.para.push(Inline::Math { latex });
            }
            rest = &rest[i + open.len() + j + close.len()..];
        }
        self.plain(rest);
    }

    fn plain(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let style = self.style();
        let decoded = decode_entities(raw);
        if self.newlines_break {
            let decoded = decoded.replace("\r\n", "\n");
            for (n, para) in decoded.split("\n\n").enumerate() {
                if n > 0 {
                    self.flush();
                }
                for (k, line) in para.split('\n').enumerate() {
                    if k > 0 {
                        self.para.push(Inline::Break);
                    }
                    self.para.push(Inline::styled(line, style));
                }
            }
        } else {
            self.para.push(Inline::styled(decoded, style));
        }
    }

    fn close_to(&mut self, pred: fn(&Container) -> bool) -> bool {
        if !self.stack.iter().any(pred) {
            return false;
        }
        self.flush();
        while let Some(top) = self.stack.pop() {
            let done = pred(&top);
            self.attach(top);
            if done {
                break;
            }
        }
        true
    }

    fn attach(&mut self, c: Container) {
        match c {
            Container::List { ordered, items } => {
                let b = Block::List { ordered, items };
                self.blocks().push(b);
            }
            Container::Item(blocks) => {
                if let Some(Container::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Container::Table(rows) => {
                let b = Block::Table { rows };
                self.blocks().push(b);
            }
            Container::Row(cells) => {
                if let Some(Container::Table(rows)) = self.stack.last_mut() {
                    rows.push(cells);
                }
            }
            Container::Cell(blocks) => {
                if let Some(Container::Row(cells)) = self.stack.last_mut() {
                    cells.push(blocks);
                }
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        let mut st = self.style();
        match name {
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" => {
                self.flush()
            }
            "br" => self.para.push(Inline::Break),
            "b" | "strong" | "i" | "em" | "u" | "sub" | "sup" | "span" => {
                match name {
                    "b" | "strong" => st.bold = true,
                    "i" | "em" => st.italic = true,
                    "u" => st.underline = true,
                    "sub" => st.script = Script::Sub,
                    "sup" => st.script = Script::Super,
                    _ => {
                        let css = attr(attrs, "style")
                            .unwrap_or_default()
                            .to_ascii_lowercase()
                            .replace(' ', "");
                        if css.contains("text-decoration:underline") {
                            st.underline = true;
                        }
                        if css.contains("font-weight:bold") {
                            st.bold = true;
                        }
                        if css.contains("font-style:italic") {
                            st.italic = true;
                        }
                    }
                }
                if !self_closing {
                    self.styles.push((name.to_string(), st));
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.stack.push(Container::List {
                    ordered: name == "ol",
                    items: Vec::new(),
                });
            }
            "li" => {
                self.close_to_item_level();
                if !matches!(self.stack.last(), Some(Container::List { .. })) {
                    self.stack.push(Container::List {
                        ordered: false,
                        items: Vec::new(),
                    });
                }
                self.stack.push(Container::Item(Vec::new()));
            }
            "table" => {
                self.flush();
                self.stack.push(Container::Table(Vec::new()));
            }
            "tr" => {
                self.flush();
                while matches!(
                    self.stack.last(),
                    Some(Container::Row(_)) | Some(Container::Cell(_))
                ) {
                    let c = self.stack.pop().expect("checked");
                    self.attach(c);
                }
                if !matches!(self.stack.last(), Some(Container::Table(_))) {
                    self.stack.push(Container::Table(Vec::new()));
                }
                self.stack.push(Container::Row(Vec::new()));
            }
            "td" | "th" => {
                self.flush();
                if matches!(self.stack.last(), Some(Container::Cell(_))) {
                    let c = self.stack.pop().expect("checked");
                    self.attach(c);
                }
                if matches!(self.stack.last(), Some(Container::Table(_))) {
                    self.stack.push(Container::Row(Vec::new()));
                }
                if !matches!(self.stack.last(), Some(Container::Row(_))) {
                    self.stack.push(Container::Table(Vec::new()));
                    self.stack.push(Container::Row(Vec::new()));
                }
                self.stack.push(Container::Cell(Vec::new()));
            }
            "img" => {
                let src = attr(attrs, "src").unwrap_or_default();
                let alt = attr(attrs, "alt").unwrap_or_default();
                if let Some(image) = (self.resolve)(&src, &alt) {
                    self.para.push(Inline::Image { image });
                }
            }
            _ => {}
        }
    }

    fn close_to_item_level(&mut self) {
        self.flush();
        if matches!(self.stack.last(), Some(Container::Item(_))) {
            let c = self.stack.pop().expect("checked");
            self.attach(c);
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" => {
                self.flush()
            }
            "b" | "strong" | "i" | "em" | "u" | "sub" | "sup" | "span" => {
                if let Some(pos) = self.styles.iter().rposition(|(n, _)| n == name) {
                    self.styles.truncate(pos);
                }
            }
            "li" => self.close_to_item_level(),
            "ul" | "ol" => {
                self.close_to(|c| matches!(c, Container::List { .. }));
            }
            "td" | "th" => {
                self.close_to(|c| matches!(c, Container::Cell(_)));
            }
            "tr" => {
                self.close_to(|c| matches!(c, Container::Row(_)));
            }
            "table" => {
                self.close_to(|c| matches!(c, Container::Table(_)));
            }
            _ => {}
        }
    }

    fn finish(mut self) -> RichText {
        self.flush();
        while let Some(c) = self.stack.pop() {
            self.attach(c);
        }
        RichText(self.root).normalised()
    }
}

fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| decode_entities(v))
}

/// Reads HTML. `resolve(src, alt)` turns an image's `src` into a stored
/// image, or `None` to leave the image out (the caller reports why).
pub fn from_html(html: &str, resolve: &mut dyn FnMut(&str, &str) -> Option<ImageRef>) -> RichText {
    parse(html, false, resolve)
}

/// Reads Moodle's own text format: HTML where a line break in the source is
/// a line break and a blank line starts a paragraph.
pub fn from_moodle_text(
    text: &str,
    resolve: &mut dyn FnMut(&str, &str) -> Option<ImageRef>,
) -> RichText {
    parse(text, true, resolve)
}

fn parse(
    html: &str,
    newlines_break: bool,
    resolve: &mut dyn FnMut(&str, &str) -> Option<ImageRef>,
) -> RichText {
    let mut b = Builder {
        root: Vec::new(),
        stack: Vec::new(),
        para: Vec::new(),
        styles: Vec::new(),
        newlines_break,
        resolve,
    };
    let mut rest = html;
    let mut pending = String::new();
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            pending.push_str(rest);
            break;
        };
        pending.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let after = &rest[1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = match comment.find("-->") {
                Some(e) => &comment[e + 3..],
                None => "",
            };
            continue;
        }
        let first = after.chars().next();
        let is_tag = matches!(first, Some(c) if c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(gt) = after.find('>').filter(|_| is_tag) else {
            pending.push('<');
            rest = after;
            continue;
        };
        let inside = &after[..gt];
        rest = &after[gt + 1..];
        if !pending.is_empty() {
            b.text(&std::mem::take(&mut pending));
        }
        if inside.starts_with('!') || inside.starts_with('?') {
            continue;
        }
        let (closing, inside) = match inside.strip_prefix('/') {
            Some(i) => (true, i),
            None => (false, inside),
        };
        let self_closing = inside.ends_with('/');
        let inside = inside.trim_end_matches('/');
        let name_end = inside
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inside.len());
        let name = inside[..name_end].to_ascii_lowercase();
        if closing {
            b.close(&name);
            continue;
        }
        if name == "script" || name == "style" {
            let end = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&end) {
                Some(e) => match rest[e..].find('>') {
                    Some(g) => &rest[e + g + 1..],
                    None => "",
                },
                None => "",
            };
            continue;
        }
        let attrs = parse_attrs(&inside[name_end..]);
        b.open(&name, &attrs, self_closing);
    }
    if !pending.is_empty() {
        b.text(&pending);
    }
    b.finish()
}

fn parse_attrs(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            break;
        }
        let name_end = s
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        s = s[name_end..].trim_start();
        if let Some(r) = s.strip_prefix('=') {
            let r = r.trim_start();
            let (value, rest) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => match r[1..].find(q) {
                    Some(e) => (&r[1..1 + e], &r[e + 2..]),
                    None => (&r[1..], ""),
                },
                _ => {
                    let e = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..e], &r[e..])
                }
            };
            out.push((name, value.to_string()));
            s = rest;
        } else {
            if name.is_empty() {
                break;
            }
            out.push((name, String::new()));
        }
    }
    out
}

/// Reads the small Markdown subset GIFT's `[markdown]` texts use: blank
/// lines between paragraphs, `**bold**` / `__bold__`, `*italic*` /
/// `_italic_`, `- ` / `* ` / `1. ` list lines, and math delimiters.
pub fn from_markdown(text: &str) -> RichText {
    let text = text.replace("\r\n", "\n");
    let mut blocks = Vec::new();
    let mut para_lines: Vec<String> = Vec::new();
    let mut list: Option<(bool, Vec<Vec<Block>>)> = None;
    let flush_para = |lines: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !lines.is_empty() {
            let joined = lines.join(" ");
            blocks.extend(markdown_inline(&joined).0);
            lines.clear();
        }
    };
    for line in text.split('\n') {
        let t = line.trim();
        let bullet = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .map(|r| (false, r));
        let numbered = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
            .map(|(_, r)| (true, r));
        if let Some((ordered, item)) = bullet.or(numbered) {
            flush_para(&mut para_lines, &mut blocks);
            match &mut list {
                Some((o, items)) if *o == ordered => items.push(markdown_inline(item).0),
                _ => {
                    if let Some((o, items)) = list.take() {
                        blocks.push(Block::List { ordered: o, items });
                    }
                    list = Some((ordered, vec![markdown_inline(item).0]));
                }
            }
            continue;
        }
        if let Some((o, items)) = list.take() {
            blocks.push(Block::List { ordered: o, items });
        }
        if t.is_empty() {
            flush_para(&mut para_lines, &mut blocks);
        } else {
            para_lines.push(t.to_string());
        }
    }
    flush_para(&mut para_lines, &mut blocks);
    if let Some((o, items)) = list.take() {
        blocks.push(Block::List { ordered: o, items });
    }
    RichText(blocks).normalised()
}

fn markdown_inline(text: &str) -> RichText {
    // Turn emphasis markers into tags, escape the rest, then read as HTML.
    let mut html = String::new();
    let mut bold = false;
    let mut italic = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let doubled = i + 1 < chars.len() && chars[i + 1] == c;
        if (c == '*' || c == '_') && doubled {
            html.push_str(if bold { "</strong>" } else { "<strong>" });
            bold = !bold;
            i += 2;
            continue;
        }
        if c == '*' || c == '_' {
            html.push_str(if italic { "</em>" } else { "<em>" });
            italic = !italic;
            i += 1;
            continue;
        }
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(c),
        }
        i += 1;
    }
    from_html(&html, &mut |_, _| None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_images(_: &str, _: &str) -> Option<ImageRef> {
        None
    }

    fn bold() -> Style {
        Style {
            bold: true,
            ..Style::PLAIN
        }
    }

    #[test]
    fn reads_styles_lists_tables_and_math() {
        let t = from_html(
            "<p>H<sub>2</sub>O is <b>very <i>wet</i></b> &amp; \\(x^2 &lt; 1\\)</p>\
             <ul><li>one</li><li>two<br>lines</li></ul>\
             <table><tr><th>a</th><td>b</td></tr></table>$$\\frac{1}{2}$$<span style=\"text-decoration: underline;\">u</span>",
            &mut no_images,
        );
        let expected = RichText(vec![
            Block::Paragraph {
                inlines: vec![
                    Inline::text("H"),
                    Inline::styled(
                        "2",
                        Style {
                            script: Script::Sub,
                            ..Style::PLAIN
                        },
                    ),
                    Inline::text("O is "),
                    Inline::styled("very ", bold()),
                    Inline::styled(
                        "wet",
                        Style {
                            italic: true,
                            ..bold()
                        },
                    ),
                    Inline::text(" & "),
                    Inline::Math {
                        latex: "x^2 < 1".into(),
                    },
                ],
            },
            Block::List {
                ordered: false,
                items: vec![
                    vec![Block::Paragraph {
                        inlines: vec![Inline::text("one")],
                    }],
                    vec![Block::Paragraph {
                        inlines: vec![Inline::text("two"), Inline::Break, Inline::text("lines")],
                    }],
                ],
            },
            Block::Table {
                rows: vec![vec![
                    vec![Block::Paragraph {
                        inlines: vec![Inline::text("a")],
                    }],
                    vec![Block::Paragraph {
                        inlines: vec![Inline::text("b")],
                    }],
                ]],
            },
            Block::Math {
                latex: "\\frac{1}{2}".into(),
            },
            Block::Paragraph {
                inlines: vec![Inline::styled(
                    "u",
                    Style {
                        underline: true,
                        ..Style::PLAIN
                    },
                )],
            },
        ]);
        assert_eq!(t, expected);
        // What we write reads back to the same tree.
        let html = to_html(&t, &|i| i.key.clone());
        assert_eq!(from_html(&html, &mut no_images), t, "{html}");
    }

    #[test]
    fn text_that_looks_like_math_stays_text() {
        let t = RichText::paragraph(vec![Inline::text("costs $$5 \\(not math\\) <b>")]);
        let html = to_html(&t, &|i| i.key.clone());
        assert_eq!(from_html(&html, &mut no_images), t, "{html}");
    }

    #[test]
    fn broken_html_does_not_panic_and_keeps_text() {
        let t = from_html(
            "<p>a < b <b>bold<td>cell</ul></li> end &unknown; &#x41;",
            &mut no_images,
        );
        let plain = t.to_plain();
        assert!(plain.contains("a < b"), "{plain}");
        assert!(plain.contains("cell"), "{plain}");
        assert!(plain.contains("&unknown; A"), "{plain}");
    }

    #[test]
    fn moodle_text_keeps_line_breaks() {
        let t = from_moodle_text("one\ntwo\n\nthree", &mut no_images);
        assert_eq!(t, RichText::from_plain("one\ntwo\n\nthree"));
    }

    #[test]
    fn markdown_subset() {
        let t = from_markdown("Some **bold** and *it*\n\n- a\n- b\n\n1. x");
        assert_eq!(
            t,
            RichText(vec![
                Block::Paragraph {
                    inlines: vec![
                        Inline::text("Some "),
                        Inline::styled("bold", bold()),
                        Inline::text(" and "),
                        Inline::styled(
                            "it",
                            Style {
                                italic: true,
                                ..Style::PLAIN
                            }
                        ),
                    ]
                },
                Block::List {
                    ordered: false,
                    items: vec![
                        vec![Block::Paragraph {
                            inlines: vec![Inline::text("a")]
                        }],
                        vec![Block::Paragraph {
                            inlines: vec![Inline::text("b")]
                        }]
                    ]
                },
                Block::List {
                    ordered: true,
                    items: vec![vec![Block::Paragraph {
                        inlines: vec![Inline::text("x")]
                    }]]
                },
            ])
        );
    }
}
