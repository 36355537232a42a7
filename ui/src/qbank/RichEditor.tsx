// The rich-text editor of questions (issue 13, item 2): TipTap, limited to
// what the bank's rich text holds (richText.ts), with a toolbar for bold,
// italic, underline, sub- and superscript, lists, tables, images and LaTeX
// math. A pasted or chosen image is read here, keyed by the SHA-256 of its
// bytes as the bank keys it, and handed up with its bytes: it is stored in
// the database with the question when the question is saved, never as a
// loose file. Math is written in a field with a live KaTeX preview.
import { Editor, mergeAttributes } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { Mathematics } from "@tiptap/extension-mathematics";
import Subscript from "@tiptap/extension-subscript";
import Superscript from "@tiptap/extension-superscript";
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import katex from "katex";
import "katex/dist/katex.min.css";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { QbRichText } from "../bindings";
import { useI18n } from "../i18n";
import { fromDoc, toDoc } from "./richText";

/** An image read in the editor, not yet in the bank. */
export interface PastedImage {
  key: string;
  name: string;
  base64: string;
  src: string;
}

/** Where math was clicked, to edit it in the math field. */
interface MathTarget {
  kind: "inline" | "block";
  latex: string;
  pos: number | null;
}

/** The image node keeps the bank's key beside the URL it shows. */
const KeyedImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      key: {
        default: "",
        parseHTML: (el: HTMLElement) => el.getAttribute("data-key") ?? "",
        renderHTML: (attrs: Record<string, unknown>) => ({ "data-key": attrs.key }),
      },
    };
  },
  renderHTML({ HTMLAttributes }) {
    return ["img", mergeAttributes(this.options.HTMLAttributes, HTMLAttributes)];
  },
});

/** The editor's extensions: only what a question's rich text can hold. */
export function questionExtensions(onMath?: (t: MathTarget) => void) {
  return [
    StarterKit.configure({
      heading: false,
      codeBlock: false,
      code: false,
      blockquote: false,
      horizontalRule: false,
      strike: false,
      link: false,
    }),
    Subscript,
    Superscript,
    TableKit.configure({ table: { resizable: false } }),
    KeyedImage.configure({ inline: true, allowBase64: true }),
    Mathematics.configure({
      katexOptions: { throwOnError: false },
      inlineOptions: { onClick: (node, pos) => onMath?.({ kind: "inline", latex: String(node.attrs.latex ?? ""), pos }) },
      blockOptions: { onClick: (node, pos) => onMath?.({ kind: "block", latex: String(node.attrs.latex ?? ""), pos }) },
    }),
  ];
}

const HEX = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** Reads an image file as the bank will key it. */
export async function readImage(file: File): Promise<PastedImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const key = HEX(await crypto.subtle.digest("SHA-256", bytes));
  const base64 = toBase64(bytes);
  return { key, name: file.name || "image", base64, src: `data:${file.type || "image/png"};base64,${base64}` };
}

/** The math field: LaTeX typed, its rendering shown as it is typed, and
 * what KaTeX could not read said in words. */
export function MathField({ initial, display, onDone, onCancel }: { initial: string; display: boolean; onDone: (latex: string, display: boolean) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [latex, setLatex] = useState(initial);
  const [asBlock, setAsBlock] = useState(display);
  // KaTeX's own HTML (it lets no markup of the formula through); what it
  // cannot read is said beside the formula as typed.
  const rendered = useMemo(() => {
    try {
      return { html: katex.renderToString(latex || "\\;", { throwOnError: true, displayMode: asBlock }), problem: null };
    } catch (e) {
      return { html: null, problem: e instanceof Error ? e.message : String(e) };
    }
  }, [latex, asBlock]);
  const problem = rendered.problem;
  return (
    <div className="qb-math" data-testid="qb-math">
      <label htmlFor={id}>{t("qb_math_latex")}</label>
      <textarea
        id={id}
        rows={2}
        value={latex}
        autoFocus
        onChange={(e) => setLatex(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          }
        }}
        data-testid="qb-math-input"
      />
      {rendered.html !== null ? (
        <div className="qb-math-preview" data-testid="qb-math-preview" aria-live="polite" dangerouslySetInnerHTML={{ __html: rendered.html }} />
      ) : (
        <div className="qb-math-preview" data-testid="qb-math-preview" aria-live="polite">
          {latex}
        </div>
      )}
      {problem ? (
        <div className="field-error" role="alert" data-testid="qb-math-problem">
          {t("qb_math_problem", { problem })}
        </div>
      ) : null}
      <div className="qb-math-actions">
        <label>
          <input type="checkbox" checked={asBlock} onChange={(e) => setAsBlock(e.target.checked)} /> {t("qb_math_display")}
        </label>
        <button type="button" className="btn btn-primary" disabled={!latex.trim() || !!problem} onClick={() => onDone(latex.trim(), asBlock)} data-testid="qb-math-done">
          {t("qb_math_insert")}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

function ToolButton({ label, active, onClick, children, testId }: { label: string; active?: boolean; onClick: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <button
      type="button"
      className={`qb-tool ${active ? "qb-tool-on" : ""}`}
      aria-label={label}
      title={label}
      aria-pressed={active ?? undefined}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

export function RichEditor({
  label,
  value,
  onChange,
  images,
  onImage,
  testId,
  compact,
}: {
  label: string;
  /** The text it starts with; later changes come from the editor. */
  value: QbRichText;
  onChange: (text: QbRichText) => void;
  /** The URL of each image by key (stored ones and pasted ones). */
  images: Record<string, string>;
  onImage: (image: PastedImage) => void;
  testId?: string;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const [math, setMath] = useState<MathTarget | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const changed = useRef(onChange);
  const pasted = useRef(onImage);
  useEffect(() => {
    changed.current = onChange;
    pasted.current = onImage;
  });
  const editorRef = useRef<Editor | null>(null);

  const insertImages = async (files: File[]) => {
    const editor = editorRef.current;
    if (!editor) return;
    for (const file of files.filter((f) => f.type.startsWith("image/"))) {
      const image = await readImage(file);
      pasted.current(image);
      editor.chain().focus().insertContent({ type: "image", attrs: { key: image.key, alt: image.name, src: image.src } }).run();
    }
  };

  const editor = useEditor({
    extensions: questionExtensions(setMath),
    content: toDoc(value, (key) => images[key] ?? ""),
    shouldRerenderOnTransaction: true,
    editorProps: {
      attributes: { "aria-labelledby": labelId, "aria-multiline": "true", role: "textbox", class: "qb-editor-text" },
      // Pictures from other pages are links to files we do not hold: only
      // pasted or chosen image files come in.
      transformPastedHTML: (html) => html.replace(/<img\b[^>]*>/giu, ""),
      handlePaste: (_view, event) => {
        const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith("image/"));
        if (!files.length) return false;
        void insertImages(files);
        return true;
      },
      handleDrop: (_view, event) => {
        const files = [...((event as DragEvent).dataTransfer?.files ?? [])].filter((f) => f.type.startsWith("image/"));
        if (!files.length) return false;
        void insertImages(files);
        return true;
      },
    },
    onUpdate: ({ editor }) => changed.current(fromDoc(editor.getJSON())),
  });
  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);

  const run = (f: (e: Editor) => void) => () => {
    if (editor) f(editor);
  };
  const inTable = editor?.isActive("table") ?? false;

  const finishMath = (latex: string, display: boolean) => {
    if (!editor) return;
    const target = math;
    setMath(null);
    const chain = editor.chain().focus();
    if (target && target.pos !== null) {
      // Replace the clicked formula (it may change between inline and display).
      const node = editor.state.doc.nodeAt(target.pos);
      if (node) chain.deleteRange({ from: target.pos, to: target.pos + node.nodeSize });
    }
    if (display) chain.insertBlockMath({ latex });
    else chain.insertInlineMath({ latex });
    chain.run();
  };

  return (
    <div className={`qb-editor ${compact ? "qb-editor-compact" : ""}`} data-testid={testId}>
      <span className="qb-editor-label" id={labelId}>
        {label}
      </span>
      <div className="qb-toolbar" role="toolbar" aria-label={t("qb_toolbar", { field: label })}>
        <ToolButton label={t("qb_bold")} active={editor?.isActive("bold")} onClick={run((e) => e.chain().focus().toggleBold().run())} testId="qb-bold">
          <b>B</b>
        </ToolButton>
        <ToolButton label={t("qb_italic")} active={editor?.isActive("italic")} onClick={run((e) => e.chain().focus().toggleItalic().run())}>
          <i>I</i>
        </ToolButton>
        <ToolButton label={t("qb_underline")} active={editor?.isActive("underline")} onClick={run((e) => e.chain().focus().toggleUnderline().run())}>
          <u>U</u>
        </ToolButton>
        <ToolButton label={t("qb_subscript")} active={editor?.isActive("subscript")} onClick={run((e) => e.chain().focus().toggleSubscript().run())}>
          x<sub>2</sub>
        </ToolButton>
        <ToolButton label={t("qb_superscript")} active={editor?.isActive("superscript")} onClick={run((e) => e.chain().focus().toggleSuperscript().run())}>
          x<sup>2</sup>
        </ToolButton>
        <ToolButton label={t("qb_bullets")} active={editor?.isActive("bulletList")} onClick={run((e) => e.chain().focus().toggleBulletList().run())}>
          •≡
        </ToolButton>
        <ToolButton label={t("qb_numbers")} active={editor?.isActive("orderedList")} onClick={run((e) => e.chain().focus().toggleOrderedList().run())}>
          1≡
        </ToolButton>
        {!compact ? (
          <>
            <ToolButton label={t("qb_table")} onClick={run((e) => e.chain().focus().insertTable({ rows: 2, cols: 2, withHeaderRow: false }).run())}>
              ▦
            </ToolButton>
            {inTable ? (
              <>
                <ToolButton label={t("qb_table_row")} onClick={run((e) => e.chain().focus().addRowAfter().run())}>
                  +≡
                </ToolButton>
                <ToolButton label={t("qb_table_column")} onClick={run((e) => e.chain().focus().addColumnAfter().run())}>
                  +‖
                </ToolButton>
                <ToolButton label={t("qb_table_delete")} onClick={run((e) => e.chain().focus().deleteTable().run())}>
                  ▦×
                </ToolButton>
              </>
            ) : null}
          </>
        ) : null}
        <ToolButton label={t("qb_image")} onClick={() => fileInput.current?.click()}>
          {/* A picture frame: the system may have no emoji font. */}
          <svg width="16" height="14" viewBox="0 0 16 14" aria-hidden>
            <rect x="1" y="1" width="14" height="12" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M3 11l3.5-4 2.5 3 2-2 2 3z" fill="currentColor" />
            <circle cx="11" cy="4.5" r="1.3" fill="currentColor" />
          </svg>
        </ToolButton>
        <ToolButton label={t("qb_math")} onClick={() => setMath({ kind: "inline", latex: "", pos: null })} testId="qb-math-open">
          ∑
        </ToolButton>
        <input
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml"
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            void insertImages([...(e.target.files ?? [])]);
            e.target.value = "";
          }}
        />
      </div>
      <EditorContent editor={editor} />
      {math ? <MathField initial={math.latex} display={math.kind === "block"} onDone={finishMath} onCancel={() => setMath(null)} /> : null}
    </div>
  );
}
