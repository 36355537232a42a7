//! LaTeX math, as school mathematics writes it, turned into Typst math
//! source for printing (issue 13 item 6).
//!
//! Our own converter (PRINTING.md allows it in place of mitex, whose Typst
//! helpers are not on crates.io): fractions, roots, scripts, sums,
//! integrals, limits, Greek letters, the usual relations and operators,
//! `\left…\right`, `\text`, accents, and the matrix and `cases`
//! environments. Anything else is refused with its column, so a formula
//! that would print wrongly is reported before printing, never guessed.
//!
//! The output is safe to evaluate as Typst math: user text only reaches it
//! as single ASCII letters, digits, escaped punctuation, or quoted strings
//! (`\text{…}` and any non-ASCII character), so a formula can never run
//! Typst code.

use std::fmt;

/// A formula that does not parse: where (1-based character column in the
/// formula) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LatexError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LatexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// `\name` (letters) or `\` and one other character.
    Cmd(String),
    Open,
    Close,
    Sup,
    Sub,
    Amp,
    /// `\\`
    NewRow,
    Char(char),
    Space,
}

fn tokenize(src: &str) -> Vec<(usize, Tok)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        match c {
            '\\' => {
                let mut j = i + 1;
                if j < chars.len() && chars[j].is_ascii_alphabetic() {
                    while j < chars.len() && chars[j].is_ascii_alphabetic() {
                        j += 1;
                    }
                    out.push((col, Tok::Cmd(chars[i + 1..j].iter().collect())));
                    i = j;
                    continue;
                }
                if j < chars.len() {
                    if chars[j] == '\\' {
                        out.push((col, Tok::NewRow));
                    } else {
                        out.push((col, Tok::Cmd(chars[j].to_string())));
                    }
                    i = j + 1;
                    continue;
                }
                out.push((col, Tok::Cmd(String::new())));
                i = j;
                continue;
            }
            '{' => out.push((col, Tok::Open)),
            '}' => out.push((col, Tok::Close)),
            '^' => out.push((col, Tok::Sup)),
            '_' => out.push((col, Tok::Sub)),
            '&' => out.push((col, Tok::Amp)),
            c if c.is_whitespace() => {
                if !matches!(out.last(), Some((_, Tok::Space))) {
                    out.push((col, Tok::Space));
                }
            }
            '%' => {
                // A LaTeX comment runs to the end of the line.
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            c => out.push((col, Tok::Char(c))),
        }
        i += 1;
    }
    out
}

/// Symbols: LaTeX name → Typst name.
const SYMBOLS: &[(&str, &str)] = &[
    ("alpha", "alpha"),
    ("beta", "beta"),
    ("gamma", "gamma"),
    ("delta", "delta"),
    ("epsilon", "epsilon.alt"),
    ("varepsilon", "epsilon"),
    ("zeta", "zeta"),
    ("eta", "eta"),
    ("theta", "theta"),
    ("vartheta", "theta.alt"),
    ("iota", "iota"),
    ("kappa", "kappa"),
    ("lambda", "lambda"),
    ("mu", "mu"),
    ("nu", "nu"),
    ("xi", "xi"),
    ("pi", "pi"),
    ("rho", "rho"),
    ("sigma", "sigma"),
    ("tau", "tau"),
    ("upsilon", "upsilon"),
    ("phi", "phi.alt"),
    ("varphi", "phi"),
    ("chi", "chi"),
    ("psi", "psi"),
    ("omega", "omega"),
    ("Gamma", "Gamma"),
    ("Delta", "Delta"),
    ("Theta", "Theta"),
    ("Lambda", "Lambda"),
    ("Xi", "Xi"),
    ("Pi", "Pi"),
    ("Sigma", "Sigma"),
    ("Phi", "Phi"),
    ("Psi", "Psi"),
    ("Omega", "Omega"),
    ("times", "times"),
    ("cdot", "dot.op"),
    ("div", "div"),
    ("pm", "plus.minus"),
    ("mp", "minus.plus"),
    ("le", "lt.eq"),
    ("leq", "lt.eq"),
    ("ge", "gt.eq"),
    ("geq", "gt.eq"),
    ("ne", "eq.not"),
    ("neq", "eq.not"),
    ("approx", "approx"),
    ("equiv", "equiv"),
    ("sim", "tilde.op"),
    ("propto", "prop"),
    ("infty", "infinity"),
    ("to", "arrow.r"),
    ("rightarrow", "arrow.r"),
    ("leftarrow", "arrow.l"),
    ("Rightarrow", "arrow.r.double"),
    ("Leftarrow", "arrow.l.double"),
    ("Leftrightarrow", "arrow.l.r.double"),
    ("iff", "arrow.l.r.double.long"),
    ("implies", "arrow.r.double.long"),
    ("in", "in"),
    ("notin", "in.not"),
    ("subset", "subset"),
    ("subseteq", "subset.eq"),
    ("supset", "supset"),
    ("cup", "union"),
    ("cap", "inter"),
    ("emptyset", "emptyset"),
    ("forall", "forall"),
    ("exists", "exists"),
    ("neg", "not"),
    ("angle", "angle"),
    ("triangle", "triangle.stroked.t"),
    ("perp", "perp"),
    ("parallel", "parallel"),
    ("circ", "compose"),
    ("degree", "degree"),
    ("ldots", "dots.h"),
    ("dots", "dots.h"),
    ("cdots", "dots.h.c"),
    ("vdots", "dots.v"),
    ("sum", "sum"),
    ("prod", "product"),
    ("int", "integral"),
    ("iint", "integral.double"),
    ("oint", "integral.cont"),
    ("partial", "partial"),
    ("nabla", "nabla"),
    ("lim", "lim"),
    ("log", "log"),
    ("ln", "ln"),
    ("sin", "sin"),
    ("cos", "cos"),
    ("tan", "tan"),
    ("sec", "sec"),
    ("csc", "csc"),
    ("cot", "cot"),
    ("exp", "exp"),
    ("max", "max"),
    ("min", "min"),
    ("det", "det"),
    ("quad", "quad"),
    ("qquad", "wide"),
    ("lbrace", "brace.l"),
    ("rbrace", "brace.r"),
    ("langle", "angle.l"),
    ("rangle", "angle.r"),
    ("mid", "divides"),
];

/// Commands that take one argument: LaTeX name → Typst function.
const ONE_ARG: &[(&str, &str)] = &[
    ("mathrm", "upright"),
    ("mathbf", "bold"),
    ("mathit", "italic"),
    ("overline", "overline"),
    ("underline", "underline"),
    ("bar", "overline"),
    ("vec", "arrow"),
    ("hat", "hat"),
    ("widehat", "hat"),
    ("tilde", "tilde"),
    ("dot", "dot"),
    ("overrightarrow", "arrow"),
];

/// Matrix environments and their delimiters.
const MATRICES: &[(&str, &str)] = &[
    ("matrix", "#none"),
    ("pmatrix", "\"(\""),
    ("bmatrix", "\"[\""),
    ("vmatrix", "\"|\""),
    ("Vmatrix", "\"||\""),
];

/// Every Typst name the converter can emit (checked by the print tests:
/// each must exist in Typst's math scope).
pub fn typst_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = SYMBOLS.iter().map(|(_, t)| *t).collect();
    names.extend(ONE_ARG.iter().map(|(_, t)| *t));
    names.extend(["frac", "sqrt", "root", "lr", "mat", "cases", "thin", "med"]);
    names.sort_unstable();
    names.dedup();
    names
}

/// How deep groups and arguments may nest: far beyond any real formula,
/// and well within a print thread's stack.
const MAX_DEPTH: usize = 100;

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    len: usize,
    /// How many atoms are being read inside one another now.
    depth: usize,
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Parser {
    fn col(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len + 1, |(c, _)| *c)
    }

    fn err<T>(&self, column: usize, message: impl Into<String>) -> Result<T, LatexError> {
        Err(LatexError {
            column,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(Tok::Space)) {
            self.pos += 1;
        }
    }

    /// A sequence until `}` / the end / `\right` / `&` / `\\` / `\end`
    /// (which it leaves for the caller).
    fn seq(&mut self) -> Result<String, LatexError> {
        let mut out = String::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Amp) | Some(Tok::NewRow) => break,
                Some(Tok::Cmd(c)) if c == "right" || c == "end" => break,
                _ => {}
            }
            let piece = self.atom_with_scripts()?;
            if !piece.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&piece);
            }
        }
        Ok(out)
    }

    /// A braced group's content, or a single atom (for `\frac12`, `x^2`).
    fn arg(&mut self, what: &str) -> Result<String, LatexError> {
        self.skip_space();
        let col = self.col();
        match self.peek() {
            Some(Tok::Open) => {
                self.pos += 1;
                let inner = self.seq()?;
                match self.peek() {
                    Some(Tok::Close) => {
                        self.pos += 1;
                        Ok(if inner.is_empty() {
                            "\"\"".into()
                        } else {
                            inner
                        })
                    }
                    Some(Tok::Amp) | Some(Tok::NewRow) => {
                        self.err(self.col(), "'&' or '\\\\' outside a matrix")
                    }
                    Some(Tok::Cmd(c)) => {
                        let c = c.clone();
                        self.err(
                            self.col(),
                            format!("\\{c} without its partner inside braces"),
                        )
                    }
                    _ => self.err(col, "the brace '{' is never closed"),
                }
            }
            None | Some(Tok::Close) => self.err(col, format!("{what} is missing")),
            Some(Tok::Char(c)) if c.is_ascii_digit() => {
                // `\frac12`: one digit each.
                let c = *c;
                self.pos += 1;
                Ok(c.to_string())
            }
            _ => {
                let a = self.atom()?;
                Ok(a)
            }
        }
    }

    fn atom_with_scripts(&mut self) -> Result<String, LatexError> {
        let mut base = self.atom()?;
        loop {
            match self.peek() {
                Some(Tok::Sup) => {
                    self.pos += 1;
                    let a = self.arg("the superscript after '^'")?;
                    if base.is_empty() {
                        base.push_str("\"\"");
                    }
                    base = format!("{base}^({a})");
                }
                Some(Tok::Sub) => {
                    self.pos += 1;
                    let a = self.arg("the subscript after '_'")?;
                    if base.is_empty() {
                        base.push_str("\"\"");
                    }
                    base = format!("{base}_({a})");
                }
                _ => break,
            }
        }
        Ok(base)
    }

    fn char_out(c: char) -> String {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => c.to_string(),
            '+' | '-' | '=' | '<' | '>' => c.to_string(),
            '.' => "\\.".into(),
            c if c.is_ascii_punctuation() => format!("\\{c}"),
            '\u{2212}' => "-".into(),
            c => quote(&c.to_string()),
        }
    }

    /// One atom; every nesting (groups, arguments, scripts) passes here,
    /// so a crafted formula of thousands of braces is refused, not a crash.
    fn atom(&mut self) -> Result<String, LatexError> {
        if self.depth >= MAX_DEPTH {
            return self.err(
                self.col(),
                format!("the formula nests more than {MAX_DEPTH} levels deep"),
            );
        }
        self.depth += 1;
        let out = self.atom_within();
        self.depth -= 1;
        out
    }

    fn atom_within(&mut self) -> Result<String, LatexError> {
        let Some((col, tok)) = self.toks.get(self.pos).cloned() else {
            return Ok(String::new());
        };
        self.pos += 1;
        match tok {
            Tok::Space => Ok(String::new()),
            Tok::Char(c) => {
                if c.is_ascii_digit() {
                    // Keep a number together: 3.14 as one.
                    let mut num = c.to_string();
                    while let Some(Tok::Char(d)) = self.peek() {
                        let d = *d;
                        let next_digit = matches!(self.toks.get(self.pos + 1), Some((_, Tok::Char(n))) if n.is_ascii_digit());
                        if d.is_ascii_digit() || (d == '.' && next_digit) {
                            num.push(d);
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    Ok(num)
                } else {
                    Ok(Self::char_out(c))
                }
            }
            Tok::Open => {
                let inner = self.seq()?;
                match self.peek() {
                    Some(Tok::Close) => {
                        self.pos += 1;
                        // A group keeps its scripts on the whole group.
                        Ok(if inner.is_empty() {
                            String::new()
                        } else {
                            format!("lr({inner})")
                        })
                    }
                    _ => self.err(col, "the brace '{' is never closed"),
                }
            }
            Tok::Close => self.err(col, "the brace '}' closes nothing"),
            Tok::Sup | Tok::Sub => self.err(col, "a script ('^' or '_') with nothing before it"),
            Tok::Amp => self.err(col, "'&' outside a matrix"),
            Tok::NewRow => self.err(col, "'\\\\' outside a matrix"),
            Tok::Cmd(name) => self.command(col, &name),
        }
    }

    fn command(&mut self, col: usize, name: &str) -> Result<String, LatexError> {
        if let Some((_, t)) = SYMBOLS.iter().find(|(l, _)| *l == name) {
            return Ok((*t).to_string());
        }
        if let Some((_, f)) = ONE_ARG.iter().find(|(l, _)| *l == name) {
            let a = self.arg(&format!("the argument of \\{name}"))?;
            return Ok(format!("{f}({a})"));
        }
        match name {
            "frac" | "dfrac" | "tfrac" => {
                let a = self.arg("the numerator of \\frac")?;
                let b = self.arg("the denominator of \\frac")?;
                Ok(format!("frac({a}, {b})"))
            }
            "sqrt" => {
                self.skip_space();
                if matches!(self.peek(), Some(Tok::Char('['))) {
                    self.pos += 1;
                    let mut index = String::new();
                    loop {
                        match self.peek() {
                            Some(Tok::Char(']')) => {
                                self.pos += 1;
                                break;
                            }
                            None => return self.err(col, "the '[' of \\sqrt is never closed"),
                            _ => {
                                let a = self.atom_with_scripts()?;
                                if !a.is_empty() {
                                    if !index.is_empty() {
                                        index.push(' ');
                                    }
                                    index.push_str(&a);
                                }
                            }
                        }
                    }
                    let a = self.arg("the argument of \\sqrt")?;
                    Ok(format!("root({index}, {a})"))
                } else {
                    let a = self.arg("the argument of \\sqrt")?;
                    Ok(format!("sqrt({a})"))
                }
            }
            "text" | "textrm" | "mbox" | "operatorname" => {
                self.skip_space();
                if !matches!(self.peek(), Some(Tok::Open)) {
                    return self.err(self.col(), format!("\\{name} needs its text in braces"));
                }
                let start = self.pos + 1;
                let mut depth = 0;
                let mut text = String::new();
                let mut i = start;
                loop {
                    match self.toks.get(i) {
                        None => {
                            return self.err(col, format!("the text of \\{name} is never closed"))
                        }
                        Some((_, Tok::Open)) => depth += 1,
                        Some((_, Tok::Close)) if depth == 0 => break,
                        Some((_, Tok::Close)) => depth -= 1,
                        Some((_, Tok::Char(c))) => text.push(*c),
                        Some((_, Tok::Space)) => text.push(' '),
                        Some((_, Tok::Cmd(c))) if c.len() == 1 => text.push_str(c),
                        Some((c, _)) => {
                            return self.err(*c, format!("only plain text can go in \\{name}"))
                        }
                    }
                    i += 1;
                }
                self.pos = i + 1;
                if name == "operatorname" {
                    Ok(format!("op({})", quote(&text)))
                } else {
                    Ok(quote(&text))
                }
            }
            "left" => {
                self.skip_space();
                let open = self.delimiter(col, "\\left")?;
                let inner = self.seq()?;
                match self.peek() {
                    Some(Tok::Cmd(c)) if c == "right" => {
                        let rcol = self.col();
                        self.pos += 1;
                        self.skip_space();
                        let close = self.delimiter(rcol, "\\right")?;
                        Ok(format!("lr({open} {inner} {close})"))
                    }
                    _ => self.err(col, "\\left without its \\right"),
                }
            }
            "right" => self.err(col, "\\right without its \\left"),
            "begin" => self.environment(col),
            "end" => self.err(col, "\\end without its \\begin"),
            "," | ":" | ">" => Ok("thin".into()),
            ";" => Ok("med".into()),
            " " | "!" => Ok(String::new()),
            "{" => Ok("\\{".into()),
            "}" => Ok("\\}".into()),
            "%" => Ok("\\%".into()),
            "$" => Ok("\\$".into()),
            "#" => Ok("\\#".into()),
            "&" => Ok("\\&".into()),
            "_" => Ok("\\_".into()),
            "|" => Ok("parallel".into()),
            "" => self.err(col, "a lone '\\' at the end"),
            other => self.err(col, format!("unknown LaTeX command \\{other}")),
        }
    }

    fn delimiter(&mut self, col: usize, what: &str) -> Result<String, LatexError> {
        let Some((_, tok)) = self.toks.get(self.pos).cloned() else {
            return self.err(col, format!("{what} needs a delimiter"));
        };
        self.pos += 1;
        match tok {
            Tok::Char('.') => Ok(String::new()),
            Tok::Char(c @ ('(' | ')' | '[' | ']' | '|')) => Ok(format!("\\{c}")),
            Tok::Cmd(c) if c == "{" => Ok("\\{".into()),
            Tok::Cmd(c) if c == "}" => Ok("\\}".into()),
            Tok::Cmd(c) if c == "|" => Ok("parallel".into()),
            Tok::Cmd(c) if c == "langle" => Ok("angle.l".into()),
            Tok::Cmd(c) if c == "rangle" => Ok("angle.r".into()),
            _ => self.err(col, format!("{what} needs a delimiter such as ( [ | or .")),
        }
    }

    fn env_name(&mut self, col: usize) -> Result<String, LatexError> {
        self.skip_space();
        if !matches!(self.peek(), Some(Tok::Open)) {
            return self.err(col, "an environment name in braces is missing");
        }
        self.pos += 1;
        let mut name = String::new();
        loop {
            match self.peek() {
                Some(Tok::Char(c)) => {
                    name.push(*c);
                    self.pos += 1;
                }
                Some(Tok::Close) => {
                    self.pos += 1;
                    return Ok(name);
                }
                _ => return self.err(col, "the environment name is not closed"),
            }
        }
    }

    fn environment(&mut self, col: usize) -> Result<String, LatexError> {
        let name = self.env_name(col)?;
        let delim = MATRICES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d);
        if delim.is_none() && name != "cases" {
            return self.err(col, format!("unknown environment {name}"));
        }
        let mut rows: Vec<Vec<String>> = vec![vec![]];
        loop {
            let cell = self.seq()?;
            rows.last_mut().expect("a row").push(if cell.is_empty() {
                "\"\"".into()
            } else {
                cell
            });
            let here = self.col();
            match self.peek() {
                Some(Tok::Amp) => {
                    self.pos += 1;
                }
                Some(Tok::NewRow) => {
                    self.pos += 1;
                    rows.push(vec![]);
                }
                Some(Tok::Cmd(c)) if c == "end" => {
                    self.pos += 1;
                    let end = self.env_name(here)?;
                    if end != name {
                        return self
                            .err(here, format!("\\begin{{{name}}} ended by \\end{{{end}}}"));
                    }
                    break;
                }
                Some(Tok::Close) => return self.err(here, "the brace '}' closes nothing"),
                _ => return self.err(col, format!("\\begin{{{name}}} without its \\end")),
            }
        }
        // A trailing `\\` leaves an empty last row.
        if rows.len() > 1 && rows.last().is_some_and(|r| r.len() == 1 && r[0] == "\"\"") {
            rows.pop();
        }
        if name == "cases" {
            let items: Vec<String> = rows.iter().map(|r| r.join(" & ")).collect();
            return Ok(format!("cases({})", items.join(", ")));
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let body: Vec<String> = rows
            .into_iter()
            .map(|mut r| {
                r.resize(width, "\"\"".into());
                r.join(", ")
            })
            .collect();
        Ok(format!(
            "mat(delim: {}, {})",
            delim.expect("a matrix"),
            body.join("; ")
        ))
    }
}

/// Converts one formula (LaTeX without `$` delimiters) to Typst math.
pub fn to_typst(latex: &str) -> Result<String, LatexError> {
    let toks = tokenize(latex);
    let len = latex.chars().count();
    let mut p = Parser {
        toks,
        pos: 0,
        len,
        depth: 0,
    };
    let out = p.seq()?;
    if let Some((col, tok)) = p.toks.get(p.pos) {
        let message = match tok {
            Tok::Close => "the brace '}' closes nothing".to_string(),
            Tok::Amp => "'&' outside a matrix".to_string(),
            Tok::NewRow => "'\\\\' outside a matrix".to_string(),
            Tok::Cmd(c) if c == "right" => "\\right without its \\left".to_string(),
            Tok::Cmd(c) => format!("\\{c} without its \\begin"),
            _ => "unexpected".to_string(),
        };
        return Err(LatexError {
            column: *col,
            message,
        });
    }
    Ok(if out.is_empty() { "\"\"".into() } else { out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> String {
        to_typst(src).unwrap_or_else(|e| panic!("{src}: {e}"))
    }

    #[test]
    fn school_mathematics_converts() {
        assert_eq!(ok(r"\frac{1}{2}"), "frac(1, 2)");
        assert_eq!(ok(r"\frac12"), "frac(1, 2)");
        assert_eq!(ok(r"x^2 + y_1"), "x^(2) + y_(1)");
        assert_eq!(ok(r"\sqrt{x+1}"), "sqrt(x + 1)");
        assert_eq!(ok(r"\sqrt[3]{27}"), "root(3, 27)");
        assert_eq!(ok(r"\sum_{i=1}^{n} i"), "sum_(i = 1)^(n) i");
        assert_eq!(ok(r"\int_0^1 x\,dx"), "integral_(0)^(1) x thin d x");
        assert_eq!(ok(r"\lim_{x \to 0}"), "lim_(x arrow.r 0)");
        assert_eq!(
            ok(r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
            "mat(delim: \"(\", 1, 2; 3, 4)"
        );
        assert_eq!(ok(r"3.14 \times 2"), "3.14 times 2");
        assert_eq!(ok(r"\text{luas} = p \cdot l"), "\"luas\" = p dot.op l");
        assert_eq!(
            ok(r"\left( \frac{a}{b} \right)^2"),
            "lr(\\( frac(a, b) \\))^(2)"
        );
        assert_eq!(ok(r"f(x)"), "f \\( x \\)");
        assert_eq!(ok(r"a/b"), "a \\/ b");
        assert_eq!(ok(r"45^\circ"), "45^(compose)");
    }

    #[test]
    fn crafted_nesting_is_refused_not_a_crash() {
        let deep = format!("{}x{}", "{".repeat(10_000), "}".repeat(10_000));
        let e = to_typst(&deep).unwrap_err();
        assert!(e.message.contains("nests more than 100"), "{e}");
        let e = to_typst(&r"\frac".repeat(5_000)).unwrap_err();
        assert!(e.message.contains("nests more than 100"), "{e}");
        // Real formulas nest a handful of levels; fifty is still fine.
        let fifty = format!("{}x{}", "{".repeat(50), "}".repeat(50));
        assert!(ok(&fifty).ends_with(&format!("x{}", ")".repeat(50))));
    }

    #[test]
    fn user_text_cannot_become_code() {
        assert_eq!(ok(r#"\text{a"); #panic("x}"#), r#""a\"); #panic(\"x""#);
        assert_eq!(ok("#x"), "\\# x");
        assert_eq!(ok("ab"), "a b");
    }

    #[test]
    fn broken_formulas_name_the_column() {
        let e = to_typst(r"\frac{1}{2").unwrap_err();
        assert_eq!(e.column, 9, "{e}");
        assert!(e.message.contains("never closed"), "{e}");
        let e = to_typst(r"x + \foo").unwrap_err();
        assert_eq!(
            (e.column, e.message.as_str()),
            (5, "unknown LaTeX command \\foo")
        );
        let e = to_typst(r"a}").unwrap_err();
        assert_eq!(e.column, 2);
        let e = to_typst(r"\frac{1}").unwrap_err();
        assert!(e.message.contains("denominator"), "{e}");
        let e = to_typst(r"\left( x").unwrap_err();
        assert!(e.message.contains("\\right"), "{e}");
        let e = to_typst(r"\begin{pmatrix} 1 \end{bmatrix}").unwrap_err();
        assert!(e.message.contains("ended by"), "{e}");
        let e = to_typst(r"a & b").unwrap_err();
        assert_eq!(e.column, 3);
    }
}
