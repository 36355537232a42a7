//! Joining the batches' PDFs into one file, one batch at a time.
//!
//! Typst's PDF writer needs every page of a document in memory at once, and
//! a page's layout is large (about 1 MB a report card), so one PDF of a
//! whole school would hold the whole school's layout. Instead each batch is
//! written to its own small PDF (on the thread that laid it out) and
//! [`Joiner`] copies each batch's pages, and only what they use (content,
//! fonts, images), into the output as it arrives, renumbering the objects.
//! Memory is one batch, whatever the count. The cost is a font subset per
//! batch instead of one per file (a few kilobytes a batch).
//!
//! The output is a plain PDF 1.7 file: the objects, one page tree, a
//! catalog, a classic cross-reference table.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::PrintError;

/// Object 1 is the catalog, 2 the page tree, 3 the document information;
/// the batches' objects follow.
const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const INFO: u32 = 3;
const FIRST_FREE: u32 = 4;
/// Pages per page tree node.
const NODE_KIDS: usize = 512;

/// Page attributes a page may inherit from its page tree (ISO 32000-1,
/// 7.7.3.4); copied onto each page, which then hangs from our tree.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// Writes one PDF from several, batch by batch.
pub struct Joiner<W: Write> {
    out: W,
    written: u64,
    /// Byte offset of each object, by number (index 0 unused).
    offsets: Vec<u64>,
    /// Page tree nodes under the root: (object number, its pages).
    nodes: Vec<(u32, Vec<u32>)>,
    /// Pages per node ([`NODE_KIDS`]; smaller in tests).
    node_kids: usize,
    pages: usize,
    title: String,
}

impl<W: Write> Joiner<W> {
    /// Starts the file with its header.
    pub fn new(out: W, title: &str) -> io::Result<Joiner<W>> {
        let mut joiner = Joiner {
            out,
            written: 0,
            offsets: vec![0; FIRST_FREE as usize],
            nodes: Vec::new(),
            node_kids: NODE_KIDS,
            pages: 0,
            title: title.to_owned(),
        };
        // The binary comment marks the file as binary for old transfer tools.
        joiner.put(b"%PDF-1.7\n%\xB5\xED\xAE\xFB\n")?;
        Ok(joiner)
    }

    /// Appends every page of `pdf` (one batch, as Typst wrote it).
    pub fn add(&mut self, pdf: &[u8]) -> Result<(), PrintError> {
        let doc = Document::load_mem(pdf)
            .map_err(|err| PrintError::Pdf(format!("a batch's PDF cannot be read back: {err}")))?;
        let page_ids: Vec<ObjectId> = doc.page_iter().collect();

        // Each page with what it inherits from its old page tree copied onto
        // it, so that the old tree can be left behind.
        let mut pages: HashMap<ObjectId, Object> = HashMap::new();
        for id in &page_ids {
            let Ok(Object::Dictionary(page)) = doc.get_object(*id) else {
                return Err(PrintError::Pdf("a page is not a dictionary".into()));
            };
            let mut page = page.clone();
            inherit(&doc, *id, &mut page)?;
            pages.insert(*id, Object::Dictionary(page));
        }
        let object = |id: &ObjectId| pages.get(id).or_else(|| doc.objects.get(id));

        // What the pages use, found by following references from them; the
        // old catalog and page tree are left behind.
        let mut keep: BTreeSet<ObjectId> = BTreeSet::new();
        let mut stack: Vec<ObjectId> = page_ids.clone();
        while let Some(id) = stack.pop() {
            if !keep.insert(id) {
                continue;
            }
            let Some(found) = object(&id) else {
                return Err(PrintError::Pdf(format!(
                    "a batch's PDF refers to object {} {} that it does not have",
                    id.0, id.1
                )));
            };
            references(found, pages.contains_key(&id), &mut stack);
        }

        // The page tree node each page hangs from (numbered before the
        // batch's objects), then new numbers for those, in the old order.
        let mut parents = Vec::with_capacity(page_ids.len());
        for _ in &page_ids {
            if self
                .nodes
                .last()
                .is_none_or(|(_, kids)| kids.len() >= self.node_kids)
            {
                let node = self.offsets.len() as u32;
                self.offsets.push(0);
                self.nodes.push((node, Vec::new()));
            }
            let (node, kids) = self.nodes.last_mut().expect("just made");
            kids.push(0);
            parents.push(*node);
        }
        let first = self.offsets.len() as u32;
        let renumber: HashMap<ObjectId, u32> =
            keep.iter().zip(first..).map(|(id, n)| (*id, n)).collect();
        let parent_of: HashMap<ObjectId, u32> = page_ids
            .iter()
            .copied()
            .zip(parents.iter().copied())
            .collect();
        for id in &keep {
            let mut object = object(id).expect("found in the walk").clone();
            let parent = parent_of.get(id);
            if let (Some(_), Object::Dictionary(page)) = (parent, &mut object) {
                // Written below with its new number, which is not one of
                // this batch's old numbers that `serialize` renumbers.
                page.remove(b"Parent");
            }
            let number = renumber[id];
            debug_assert_eq!(number as usize, self.offsets.len());
            self.offsets.push(self.written);
            let mut text = Vec::with_capacity(256);
            writeln!(text, "{number} 0 obj").expect("writing to a Vec");
            serialize(&object, &renumber, &mut text)?;
            if let Some(parent) = parent {
                // Before the page dictionary's closing `>>`.
                let end = text.len() - 2;
                text.splice(end..end, format!(" /Parent {parent} 0 R").into_bytes());
            }
            text.extend_from_slice(b"\nendobj\n");
            self.put(&text).map_err(io_error)?;
        }
        // The kids reserved above, in page order.
        let mut numbers = page_ids.iter().map(|id| renumber[id]);
        for (_, kids) in self.nodes.iter_mut() {
            for kid in kids.iter_mut().filter(|k| **k == 0) {
                *kid = numbers.next().expect("one kid reserved per page");
            }
        }
        self.pages += page_ids.len();
        Ok(())
    }

    /// Writes the page tree, catalog, information, cross-reference table
    /// and trailer, and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        // The root's kids are nodes of at most NODE_KIDS pages each: a flat
        // list of a whole school's pages would pass the 8,191 array entries
        // some readers allow (ISO 32000-1, annex C).
        let nodes = std::mem::take(&mut self.nodes);
        for (node, kids) in &nodes {
            let mut text = format!(
                "{node} 0 obj\n<</Type /Pages /Parent {PAGES} 0 R /Count {} /Kids [",
                kids.len()
            )
            .into_bytes();
            refs(kids, &mut text)?;
            text.extend_from_slice(b"]>>\nendobj\n");
            self.offsets[*node as usize] = self.written;
            self.put(&text)?;
        }
        self.offsets[PAGES as usize] = self.written;
        let mut text = format!(
            "{PAGES} 0 obj\n<</Type /Pages /Count {} /Kids [",
            self.pages
        )
        .into_bytes();
        let node_ids: Vec<u32> = nodes.iter().map(|(node, _)| *node).collect();
        refs(&node_ids, &mut text)?;
        text.extend_from_slice(b"]>>\nendobj\n");
        self.put(&text)?;

        self.offsets[CATALOG as usize] = self.written;
        self.put(
            format!("{CATALOG} 0 obj\n<</Type /Catalog /Pages {PAGES} 0 R>>\nendobj\n").as_bytes(),
        )?;

        self.offsets[INFO as usize] = self.written;
        let mut info = format!("{INFO} 0 obj\n<</Producer <").into_bytes();
        hex(b"Schooldesk (Typst)", &mut info);
        info.extend_from_slice(b"> /Title <");
        // UTF-16BE with its byte-order mark: a PDF text string.
        let mut title = vec![0xFE, 0xFF];
        for unit in self.title.encode_utf16() {
            title.extend_from_slice(&unit.to_be_bytes());
        }
        hex(&title, &mut info);
        info.extend_from_slice(b">>>\nendobj\n");
        self.put(&info)?;

        let xref = self.written;
        let mut table =
            format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len()).into_bytes();
        for offset in &self.offsets[1..] {
            writeln!(table, "{offset:010} 00000 n ")?;
        }
        write!(
            table,
            "trailer\n<</Size {} /Root {CATALOG} 0 R /Info {INFO} 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len()
        )?;
        self.put(&table)?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }
}

/// `n 0 R` for each number, space-separated.
fn refs(numbers: &[u32], out: &mut Vec<u8>) -> io::Result<()> {
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write!(out, "{n} 0 R")?;
    }
    Ok(())
}

fn io_error(err: io::Error) -> PrintError {
    PrintError::Sink(format!("the PDF cannot be written: {err}"))
}

/// Copies the attributes `page` inherits from its page tree onto it.
fn inherit(doc: &Document, id: ObjectId, page: &mut Dictionary) -> Result<(), PrintError> {
    let mut parent = doc
        .get_dictionary(id)
        .ok()
        .and_then(|d| d.get(b"Parent").ok())
        .and_then(|p| p.as_reference().ok());
    let mut depth = 0;
    while let Some(node_id) = parent {
        depth += 1;
        if depth > 64 {
            return Err(PrintError::Pdf("a page tree is too deep or loops".into()));
        }
        let Ok(node) = doc.get_dictionary(node_id) else {
            break;
        };
        for key in INHERITED {
            if !page.has(key) {
                if let Ok(value) = node.get(key) {
                    page.set(key, value.clone());
                }
            }
        }
        parent = node.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    Ok(())
}

/// Pushes every reference inside `object`; a page's `/Parent` (its old
/// page tree) is not followed.
fn references(object: &Object, is_page: bool, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, false, out)),
        Object::Dictionary(dict) => dict_references(dict, is_page, out),
        Object::Stream(stream) => dict_references(&stream.dict, false, out),
        _ => {}
    }
}

fn dict_references(dict: &Dictionary, is_page: bool, out: &mut Vec<ObjectId>) {
    for (key, value) in dict.iter() {
        if is_page && key.as_slice() == b"Parent" {
            continue;
        }
        references(value, false, out);
    }
}

/// PDF syntax for one object, with references renumbered.
fn serialize(
    object: &Object,
    renumber: &HashMap<ObjectId, u32>,
    out: &mut Vec<u8>,
) -> Result<(), PrintError> {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => write!(out, "{i}").expect("writing to a Vec"),
        Object::Real(r) => {
            if !r.is_finite() {
                return Err(PrintError::Pdf(format!("a number in a batch's PDF is {r}")));
            }
            // Display never uses an exponent, which PDF does not allow.
            write!(out, "{r}").expect("writing to a Vec");
        }
        Object::Name(name) => name_bytes(name, out),
        Object::String(bytes, _) => {
            out.push(b'<');
            hex(bytes, out);
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialize(item, renumber, out)?;
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary(dict, None, renumber, out)?,
        Object::Stream(stream) => {
            dictionary(&stream.dict, Some(stream.content.len()), renumber, out)?;
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => match renumber.get(id) {
            Some(n) => write!(out, "{n} 0 R").expect("writing to a Vec"),
            // Only a page's old parent is not copied, and that is replaced.
            None => {
                return Err(PrintError::Pdf(format!(
                    "a batch's PDF refers to object {} {} that is not copied",
                    id.0, id.1
                )))
            }
        },
    }
    Ok(())
}

/// A dictionary; for a stream's, `/Length` is the content's real length
/// (a batch may give it as a reference to another object).
fn dictionary(
    dict: &Dictionary,
    length: Option<usize>,
    renumber: &HashMap<ObjectId, u32>,
    out: &mut Vec<u8>,
) -> Result<(), PrintError> {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        if length.is_some() && key.as_slice() == b"Length" {
            continue;
        }
        name_bytes(key, out);
        out.push(b' ');
        serialize(value, renumber, out)?;
        out.push(b' ');
    }
    if let Some(length) = length {
        write!(out, "/Length {length}").expect("writing to a Vec");
    }
    out.extend_from_slice(b">>");
    Ok(())
}

/// A name, with `#xx` for bytes a name cannot hold literally.
fn name_bytes(name: &[u8], out: &mut Vec<u8>) {
    out.push(b'/');
    for &b in name {
        let regular = (b'!'..=b'~').contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            write!(out, "#{b:02X}").expect("writing to a Vec");
        }
    }
}

fn hex(bytes: &[u8], out: &mut Vec<u8>) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        out.push(DIGITS[(b >> 4) as usize]);
        out.push(DIGITS[(b & 15) as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `n` pages whose page tree holds their MediaBox and
    /// Resources (inherited), each page's content naming it.
    fn batch(tag: &str, n: usize) -> Vec<u8> {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.7");
        let tree = doc.new_object_id();
        let font = doc.add_object(
            dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"},
        );
        let mut kids: Vec<Object> = Vec::new();
        for i in 0..n {
            let text = format!("BT /F1 12 Tf 72 720 Td ({tag}-{i}) Tj ET");
            let content = doc.add_object(Stream::new(Dictionary::new(), text.into_bytes()));
            let page = doc.add_object(
                dictionary! {"Type" => "Page", "Parent" => tree, "Contents" => content},
            );
            kids.push(page.into());
        }
        let pages = dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => n as i64,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}},
        };
        doc.objects.insert(tree, Object::Dictionary(pages));
        let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => tree});
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn batches_join_under_a_two_level_page_tree_with_inherited_attributes() {
        let mut joiner = Joiner::new(Vec::new(), "Test").unwrap();
        joiner.node_kids = 2;
        joiner.add(&batch("a", 3)).unwrap();
        joiner.add(&batch("b", 2)).unwrap();
        let out = joiner.finish().unwrap();
        let doc = Document::load_mem(&out).unwrap();
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        assert_eq!(pages.len(), 5);
        let root = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        let kids = doc
            .get_dictionary(root)
            .unwrap()
            .get(b"Kids")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(kids.len(), 3, "five pages in nodes of two");
        for (i, id) in pages.iter().enumerate() {
            let page = doc.get_dictionary(*id).unwrap();
            assert!(
                page.has(b"MediaBox") && page.has(b"Resources"),
                "page {i} lost what it inherited"
            );
            // Its /Parent is the node that lists it.
            let parent = page.get(b"Parent").unwrap().as_reference().unwrap();
            let siblings = doc.get_dictionary(parent).unwrap().get(b"Kids").unwrap();
            assert!(
                siblings
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k.as_reference().ok() == Some(*id)),
                "page {i}'s parent does not list it"
            );
            let content = doc.get_page_content(*id);
            let want = ["a-0", "a-1", "a-2", "b-0", "b-1"][i];
            assert!(
                String::from_utf8_lossy(&content).contains(want),
                "page {i} is not {want}"
            );
        }
    }

    #[test]
    fn names_escape_delimiters_and_spaces() {
        let mut out = Vec::new();
        name_bytes(b"A B#(", &mut out);
        assert_eq!(out, b"/A#20B#23#28");
    }

    #[test]
    fn a_reference_to_an_object_not_copied_is_an_error() {
        let renumber = HashMap::new();
        let mut out = Vec::new();
        let err = serialize(&Object::Reference((9, 0)), &renumber, &mut out).unwrap_err();
        assert!(err.to_string().contains("object 9 0"), "{err}");
    }

    #[test]
    fn stream_length_is_the_content_length() {
        let mut dict = Dictionary::new();
        dict.set("Length", Object::Reference((5, 0)));
        let stream = Object::Stream(lopdf::Stream::new(dict, b"abc".to_vec()));
        let mut out = Vec::new();
        serialize(&stream, &HashMap::new(), &mut out).unwrap();
        assert_eq!(out, b"<</Length 3>>\nstream\nabc\nendstream");
    }
}
