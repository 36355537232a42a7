// The bank's rich text (crates/qbank's RichText, QbRichText on the wire)
// and the editor's document (TipTap / ProseMirror JSON), each into the
// other. The editor offers only what the model holds — paragraphs with
// bold, italic, underline, sub/superscript, line breaks, inline math and
// images; lists; tables; display math — so nothing typed is lost on the
// way. The model's text is normalised as crates/qbank/src/rich.rs does
// (runs of one style merged, white space collapsed, paragraphs trimmed,
// empty ones dropped), so a saved question reads back the same.
import type { QbBlock, QbInline, QbRichText, QbScript, QbStyle } from "../bindings";

/** A ProseMirror node as JSON (what TipTap's getJSON gives). */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export const PLAIN: QbStyle = { bold: false, italic: false, underline: false, script: "normal" };

const sameStyle = (a: QbStyle, b: QbStyle) => a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.script === b.script;

const collapse = (text: string) => text.replace(/\s+/gu, " ");

function normaliseInlines(inlines: QbInline[]): QbInline[] {
  const out: QbInline[] = [];
  for (const i of inlines) {
    if (i.kind === "text") {
      const text = collapse(i.text);
      if (!text) continue;
      const last = out[out.length - 1];
      if (last && last.kind === "text" && sameStyle(last.style, i.style)) {
        last.text = collapse(last.text + text);
        continue;
      }
      out.push({ kind: "text", text, style: { ...i.style } });
    } else if (i.kind === "math") {
      const latex = i.latex.trim();
      if (latex) out.push({ kind: "math", latex });
    } else {
      out.push(i.kind === "image" ? { kind: "image", image: { ...i.image } } : { kind: "break" });
    }
  }
  // Trim white space at the paragraph's ends and around line breaks.
  out.forEach((i, idx) => {
    if (i.kind !== "text") return;
    if (idx === 0 || out[idx - 1].kind === "break") i.text = i.text.replace(/^\s+/u, "");
    if (idx === out.length - 1 || out[idx + 1].kind === "break") i.text = i.text.replace(/\s+$/u, "");
  });
  const kept = out.filter((i) => !(i.kind === "text" && i.text === ""));
  while (kept.length && kept[kept.length - 1].kind === "break") kept.pop();
  while (kept.length && kept[0].kind === "break") kept.shift();
  return kept;
}

/** The canonical form of a rich text (rich.rs `normalised`). */
export function normalise(blocks: QbBlock[]): QbBlock[] {
  const out: QbBlock[] = [];
  for (const b of blocks) {
    if (b.kind === "paragraph") {
      const inlines = normaliseInlines(b.inlines);
      if (inlines.length) out.push({ kind: "paragraph", inlines });
    } else if (b.kind === "list") {
      const items = b.items.map(normalise);
      if (items.length) out.push({ kind: "list", ordered: b.ordered, items });
    } else if (b.kind === "table") {
      const rows = b.rows.filter((r) => r.length > 0).map((r) => r.map(normalise));
      if (rows.length) out.push({ kind: "table", rows });
    } else {
      const latex = b.latex.trim();
      if (latex) out.push({ kind: "math", latex });
    }
  }
  return out;
}

function styleOf(marks: PmNode["marks"]): QbStyle {
  const has = (t: string) => (marks ?? []).some((m) => m.type === t);
  const script: QbScript = has("subscript") ? "sub" : has("superscript") ? "super" : "normal";
  return { bold: has("bold"), italic: has("italic"), underline: has("underline"), script };
}

function inlinesOf(nodes: PmNode[] | undefined): QbInline[] {
  const out: QbInline[] = [];
  for (const n of nodes ?? []) {
    if (n.type === "text") out.push({ kind: "text", text: n.text ?? "", style: styleOf(n.marks) });
    else if (n.type === "hardBreak") out.push({ kind: "break" });
    else if (n.type === "inlineMath") out.push({ kind: "math", latex: String(n.attrs?.latex ?? "") });
    else if (n.type === "image") out.push({ kind: "image", image: { key: String(n.attrs?.key ?? ""), alt: String(n.attrs?.alt ?? "") } });
    else throw new Error(`the editor holds a ${n.type}, which a question cannot keep`);
  }
  return out;
}

function blocksOf(nodes: PmNode[] | undefined): QbBlock[] {
  const out: QbBlock[] = [];
  for (const n of nodes ?? []) {
    switch (n.type) {
      case "paragraph":
        out.push({ kind: "paragraph", inlines: inlinesOf(n.content) });
        break;
      case "bulletList":
      case "orderedList":
        out.push({ kind: "list", ordered: n.type === "orderedList", items: (n.content ?? []).map((item) => blocksOf(item.content)) });
        break;
      case "table":
        out.push({ kind: "table", rows: (n.content ?? []).map((row) => (row.content ?? []).map((cell) => blocksOf(cell.content))) });
        break;
      case "blockMath":
        out.push({ kind: "math", latex: String(n.attrs?.latex ?? "") });
        break;
      default:
        throw new Error(`the editor holds a ${n.type}, which a question cannot keep`);
    }
  }
  return out;
}

/** The editor's document as the bank's rich text. */
export function fromDoc(doc: PmNode): QbRichText {
  return normalise(blocksOf(doc.content));
}

function marksOf(style: QbStyle): PmNode["marks"] {
  const marks: { type: string }[] = [];
  if (style.bold) marks.push({ type: "bold" });
  if (style.italic) marks.push({ type: "italic" });
  if (style.underline) marks.push({ type: "underline" });
  if (style.script === "sub") marks.push({ type: "subscript" });
  if (style.script === "super") marks.push({ type: "superscript" });
  return marks.length ? marks : undefined;
}

function inlineNodes(inlines: QbInline[], srcOf: (key: string) => string): PmNode[] {
  return inlines.map((i): PmNode => {
    switch (i.kind) {
      case "text": {
        const marks = marksOf(i.style);
        return marks ? { type: "text", text: i.text, marks } : { type: "text", text: i.text };
      }
      case "break":
        return { type: "hardBreak" };
      case "math":
        return { type: "inlineMath", attrs: { latex: i.latex } };
      case "image":
        return { type: "image", attrs: { key: i.image.key, alt: i.image.alt, src: srcOf(i.image.key) } };
    }
  });
}

const paragraph = (content: PmNode[]): PmNode => (content.length ? { type: "paragraph", content } : { type: "paragraph" });

/** Blocks where the editor wants at least one, a paragraph first (a list
 * item) or any block (a table cell): an empty paragraph fills in, which
 * reads back as nothing. */
function blockNodes(blocks: QbBlock[], srcOf: (key: string) => string, paragraphFirst: boolean): PmNode[] {
  const out = blocks.map((b): PmNode => {
    switch (b.kind) {
      case "paragraph":
        return paragraph(inlineNodes(b.inlines, srcOf));
      case "list":
        return { type: b.ordered ? "orderedList" : "bulletList", content: b.items.map((item) => ({ type: "listItem", content: blockNodes(item, srcOf, true) })) };
      case "table":
        return { type: "table", content: b.rows.map((row) => ({ type: "tableRow", content: row.map((cell) => ({ type: "tableCell", content: blockNodes(cell, srcOf, false) })) })) };
      case "math":
        return { type: "blockMath", attrs: { latex: b.latex } };
    }
  });
  if (out.length === 0 || (paragraphFirst && out[0].type !== "paragraph")) out.unshift(paragraph([]));
  return out;
}

/** The bank's rich text as the editor's document; `srcOf` gives a stored
 * image's URL by its key. */
export function toDoc(text: QbRichText, srcOf: (key: string) => string = () => ""): PmNode {
  return { type: "doc", content: blockNodes(text, srcOf, false) };
}

/** A rich text of one plain paragraph (a matching pair's prompt). */
export function plainText(text: string): QbRichText {
  return normalise([{ kind: "paragraph", inlines: [{ kind: "text", text, style: PLAIN }] }]);
}

/** The text without styles (rich.rs `to_plain`, for short fields and lists). */
export function toPlain(text: QbRichText): string {
  const lines: string[] = [];
  const walk = (blocks: QbBlock[]) => {
    for (const b of blocks) {
      if (b.kind === "paragraph")
        lines.push(b.inlines.map((i) => (i.kind === "text" ? i.text : i.kind === "math" ? `\\(${i.latex}\\)` : i.kind === "image" ? `[image: ${i.image.alt}]` : "\n")).join(""));
      else if (b.kind === "list") b.items.forEach((item) => walk(item));
      else if (b.kind === "table") b.rows.forEach((r) => r.forEach((c) => walk(c)));
      else lines.push(`\\[${b.latex}\\]`);
    }
  };
  walk(text);
  return lines.join("\n");
}

/** Every image key a text shows. */
export function imageKeys(text: QbRichText): string[] {
  const keys: string[] = [];
  const walk = (blocks: QbBlock[]) => {
    for (const b of blocks) {
      if (b.kind === "paragraph") b.inlines.forEach((i) => i.kind === "image" && keys.push(i.image.key));
      else if (b.kind === "list") b.items.forEach(walk);
      else if (b.kind === "table") b.rows.forEach((r) => r.forEach(walk));
    }
  };
  walk(text);
  return keys;
}
