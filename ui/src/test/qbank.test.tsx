// The question bank's screens (issue 13, helper "qbui") with the real
// components: the bank's rich text through the real TipTap editor and back
// unchanged (every style, breaks, math, images, lists, tables); the
// editor's toolbar making bold and its math field previewing LaTeX; a new
// question saved with its options added, moved, marked right and pinned,
// and its pasted image's bytes; the duplicate warning before saving;
// review for the office only; the search's filters and bulk status with
// what failed named; the bulk move to another subject; the import preview
// with each problem's line, then the confirmation; and a marked paper's
// scores sent to the gradebook, refused over existing scores until replace.
import { Editor } from "@tiptap/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { QbAnalysis, QbBlock, QbDuplicate, QbImportPreview, QbOpened, QbPaper, QbQuestion, QbRichText, QbRow, QbScope } from "../bindings";
import { markRight, share } from "../qbank/model";
import { questionExtensions } from "../qbank/RichEditor";
import { fromDoc, PLAIN, PmNode, toDoc } from "../qbank/richText";
import { QuestionBankScreen } from "../screens/QuestionBank";
import { ADMIN, teacherSession, wrap } from "./render";

const text = (t: string, style: Partial<typeof PLAIN> = {}) => ({ kind: "text" as const, text: t, style: { ...PLAIN, ...style } });
const para = (...inlines: Extract<QbBlock, { kind: "paragraph" }>["inlines"]): QbBlock => ({ kind: "paragraph", inlines });
const KEY = "a".repeat(64);

/** Through the real editor: the model's text as a TipTap document, read
 * back by the editor's own schema, and as the model's text again. */
function throughEditor(rich: QbRichText): QbRichText {
  const editor = new Editor({ extensions: questionExtensions(), content: toDoc(rich, () => "data:image/png;base64,AA==") });
  const back = fromDoc(editor.getJSON() as PmNode);
  editor.destroy();
  return back;
}

describe("rich text and the editor", () => {
  it("keeps every style, break, formula, image, list and table as it was", () => {
    const samples: QbRichText[] = [
      [],
      [para(text("Luas "), text("persegi", { bold: true }), text(" bersisi "), text("miring", { italic: true }), text(" garis", { underline: true }), text(" semua", { bold: true, italic: true, underline: true }))],
      [para(text("H"), text("2", { script: "sub" }), text("O dan x"), text("2", { script: "super" }), text(" tebal", { bold: true, script: "super" }))],
      [para(text("Baris satu"), { kind: "break" }, text("baris dua"))],
      [para(text("Hitung "), { kind: "math", latex: "\\frac{1}{2} + \\sqrt{x}" }, text(" sekarang")), { kind: "math", latex: "\\int_0^1 x^2\\,dx" }],
      [para(text("Perhatikan "), { kind: "image", image: { key: KEY, alt: "segitiga" } })],
      [{ kind: "list", ordered: false, items: [[para(text("satu"))], [para(text("dua")), { kind: "list", ordered: true, items: [[para(text("dua a"))]] }]] }],
      [{ kind: "table", rows: [[[para(text("x"))], [para(text("y", { bold: true }))]], [[], [{ kind: "math", latex: "y=2x" }]]] }],
      [{ kind: "list", ordered: true, items: [[{ kind: "math", latex: "a^2" }]] }],
    ];
    for (const rich of samples) expect(throughEditor(rich), JSON.stringify(rich)).toEqual(rich);
  });

  it("reads what was typed and pasted in the editor as the bank's text, white space as the bank keeps it", () => {
    const editor = new Editor({ extensions: questionExtensions(), content: "<p>  <strong>Luas</strong>   persegi <em><u>ini</u></em> </p><p></p><h1>Judul</h1><ul><li><p>a<sub>1</sub></p></li></ul>" });
    expect(fromDoc(editor.getJSON() as PmNode)).toEqual([
      para(text("Luas", { bold: true }), text(" persegi "), text("ini", { italic: true, underline: true })),
      // A heading is not in a question's text: the editor takes it as a paragraph.
      para(text("Judul")),
      { kind: "list", ordered: false, items: [[para(text("a"), text("1", { script: "sub" }))]] },
    ]);
    editor.destroy();
  });
});

describe("weights of right options", () => {
  it("gives single choice 100 % and shares 100 % between multiple right options, never over", () => {
    expect(share(1)).toBe("100");
    expect(share(2)).toBe("50");
    expect(share(3)).toBe("33.33333");
    expect(share(7)).toBe("14.28571");
    const options = [0, 1, 2].map(() => ({ text: [], weight: "0", feedback: [], pinned: false }));
    expect(markRight(options, [false, true, false], true).map((o) => o.weight)).toEqual(["0", "100", "0"]);
    expect(markRight(options, [true, false, true], false).map((o) => o.weight)).toEqual(["50", "0", "50"]);
  });
});

const MATH = { id: "s-mtk", version: 1, updated_at: "2026-08-01T00:00:00Z", data: { code: "MTK", name: "Matematika", group_name: "A", religion_specific: false } };
const IPA = { id: "s-ipa", version: 1, updated_at: "2026-08-01T00:00:00Z", data: { code: "IPA", name: "IPA", group_name: "A", religion_specific: false } };
const officeScope: QbScope = { subjects: [IPA, MATH], writable: ["s-ipa", "s-mtk"], review: true };
const teacherScope: QbScope = { subjects: [MATH], writable: ["s-mtk"], review: false };

const row = (id: string, name: string, status = "draft", version = 1): QbRow => ({
  id,
  version,
  updated_at: "2026-08-01T00:00:00Z",
  name,
  subject_id: "s-mtk",
  grade_level: 7,
  kind: "single_choice",
  difficulty: "easy",
  tags: ["aljabar"],
  status,
  current_version: 1,
});

type Call = { cmd: string; args: Record<string, unknown> };
function bank(scope: QbScope, answer: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const a = answer(cmd, args);
    if (a !== undefined) return a;
    switch (cmd) {
      case "qbank_scope":
        return scope;
      case "qbank_search":
        return [row("q1", "Luas persegi"), row("q2", "Keliling", "reviewed", 3)];
      case "qbank_duplicates":
        return [];
      default:
        return null;
    }
  });
  return calls;
}

/** The TipTap editor behind an editor field on screen. */
function editorIn(testId: string): Editor {
  const dom = screen.getByTestId(testId).querySelector(".ProseMirror") as (HTMLElement & { editor?: Editor }) | null;
  if (!dom?.editor) throw new Error(`no editor in ${testId}`);
  return dom.editor;
}

function saved(question: QbQuestion): QbOpened {
  return { row: { ...row("q9", question.name), current_version: 1 }, question: { ...question, id: "q9" } };
}

describe("writing a question", () => {
  it("saves the stem's bold text and formula, options moved, marked right and pinned, and a pasted image's bytes", async () => {
    const calls = bank(teacherScope, (cmd, args) => (cmd === "qbank_save" ? { opened: saved(args.question as QbQuestion), new_version: false } : undefined));
    wrap(<QuestionBankScreen />, "en", teacherSession([]));
    await userEvent.click(await screen.findByTestId("qb-new"));
    await screen.findByTestId("qb-editor");
    const stem = editorIn("qb-stem");
    act(() => {
      stem.commands.focus();
      stem.commands.insertContent("Luas ");
    });
    // Bold from the toolbar, then a formula from the math field.
    await userEvent.click(within(screen.getByTestId("qb-stem")).getByTestId("qb-bold"));
    act(() => {
      stem.commands.insertContent("persegi");
    });
    await userEvent.click(within(screen.getByTestId("qb-stem")).getByTestId("qb-bold"));
    await userEvent.click(within(screen.getByTestId("qb-stem")).getByTestId("qb-math-open"));
    fireEvent.change(screen.getByTestId("qb-math-input"), { target: { value: "s^2" } });
    expect(screen.getByTestId("qb-math-preview").querySelector(".katex")).not.toBeNull();
    await userEvent.click(screen.getByTestId("qb-math-done"));
    // A pasted image: keyed by the SHA-256 of its bytes.
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], "gambar.png", { type: "image/png" });
    const paste = new Event("paste", { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    paste.clipboardData = { files: [png], getData: () => "", types: ["Files"], items: [] };
    act(() => {
      stem.view.dom.dispatchEvent(paste);
    });
    await waitFor(() => expect(stem.getHTML()).toContain("data-key"));

    // Options: A, B, C, D; C is right, moved up to B; D is pinned; one more added then removed.
    const options = () => screen.getAllByTestId("qb-option");
    for (const [i, words] of ["4", "8", "16", "semua salah"].entries()) {
      const ed = options()[i].querySelector(".ProseMirror") as HTMLElement & { editor: Editor };
      act(() => {
        ed.editor.commands.insertContent(words);
      });
    }
    await userEvent.click(within(options()[2]).getByTestId("qb-option-right"));
    await userEvent.click(within(options()[2]).getByTestId("qb-option-up"));
    await userEvent.click(within(options()[3]).getByTestId("qb-option-pin"));
    await userEvent.click(screen.getByTestId("qb-option-add"));
    expect(options()).toHaveLength(5);
    await userEvent.click(within(options()[4]).getByTestId("qb-option-remove"));
    await userEvent.type(screen.getByTestId("qb-tags"), "Aljabar, UTS");
    await userEvent.selectOptions(screen.getByTestId("qb-difficulty"), "easy");
    await userEvent.click(screen.getByTestId("qb-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "qbank_save")).toBe(true));
    const save = calls.find((c) => c.cmd === "qbank_save")!.args;
    const q = save.question as QbQuestion;
    expect(save.subject_id).toBe("s-mtk");
    expect(save.id).toBeNull();
    const inlines = (q.stem[0] as Extract<QbBlock, { kind: "paragraph" }>).inlines;
    expect(inlines.slice(0, 3)).toEqual([text("Luas "), text("persegi", { bold: true }), { kind: "math", latex: "s^2" }]);
    const image = inlines.find((i) => i.kind === "image");
    expect(image).toMatchObject({ image: { alt: "gambar.png" } });
    const key = image && image.kind === "image" ? image.image.key : "";
    expect(key).toMatch(/^[0-9a-f]{64}$/u);
    expect(save.images).toEqual([{ name: "gambar.png", base64: "iVBORwECAw==" }]);
    expect(q.body.type).toBe("single_choice");
    if (q.body.type !== "single_choice") return;
    expect(q.body.options.map((o) => [o.text, o.weight, o.pinned])).toEqual([
      [[para(text("4"))], "0", false],
      [[para(text("16"))], "100", false],
      [[para(text("8"))], "0", false],
      [[para(text("semua salah"))], "0", true],
    ]);
    expect(q.meta.tags).toEqual(["aljabar", "uts"]);
    expect(q.meta.difficulty).toBe("easy");
    // The name, when none is typed, is the stem's start.
    expect(q.name).toBe("Luas persegi\\(s^2\\)[image: gambar.png]");
    // A teacher does not review.
    expect(screen.queryByTestId("qb-to-reviewed")).toBeNull();
  });

  it("writes a shared passage in its dialog, picks it, and previews the question as printed (A4, then F4)", async () => {
    const passages: { id: string; title: string; content: QbRichText }[] = [];
    const calls = bank(teacherScope, (cmd, args) => {
      if (cmd === "qbank_stimuli") return passages;
      if (cmd === "qbank_stimulus_create") {
        const made = { id: "st1", title: args.title as string, content: args.content as QbRichText };
        passages.push(made);
        return made;
      }
      if (cmd === "qbank_print_preview") return ["<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 595.28 841.89'></svg>"];
      return undefined;
    });
    wrap(<QuestionBankScreen />, "en", teacherSession([]));
    await userEvent.click(await screen.findByTestId("qb-new"));
    await screen.findByTestId("qb-editor");
    await userEvent.click(screen.getByTestId("qb-stimulus-new"));
    const dialog = await screen.findByTestId("qb-stimulus-dialog");
    await userEvent.type(within(dialog).getByTestId("qb-stimulus-title"), "Kebun Pak Tani");
    const content = editorIn("qb-stimulus-content");
    act(() => {
      content.commands.focus();
      content.commands.insertContent("Pak Tani memiliki kebun.");
    });
    await userEvent.click(within(dialog).getByTestId("qb-stimulus-save"));
    await waitFor(() => expect(screen.queryByTestId("qb-stimulus-dialog")).toBeNull());
    const create = calls.find((c) => c.cmd === "qbank_stimulus_create")!.args;
    expect(create).toMatchObject({ subject_id: "s-mtk", title: "Kebun Pak Tani", content: [para(text("Pak Tani memiliki kebun."))], images: [] });
    expect((screen.getByTestId("qb-stimulus-select") as HTMLSelectElement).value).toBe("st1");
    expect(screen.getByTestId("qb-stimulus-text").textContent).toContain("Pak Tani memiliki kebun.");

    // The preview as printed: the question with its passage, laid out by the shell.
    act(() => {
      editorIn("qb-stem").commands.insertContent("Berapa luas kebun itu?");
    });
    await userEvent.click(screen.getByTestId("qb-preview"));
    await screen.findByTestId("qb-preview-page");
    const previews = () => calls.filter((c) => c.cmd === "qbank_print_preview").map((c) => c.args);
    expect(previews()[0]).toMatchObject({ subject_id: "s-mtk", id: null, images: [], form: { language: "en", columns: 2, paper_size: "A4" } });
    expect((previews()[0].question as QbQuestion).stimulus).toBe("st1");
    expect(screen.getByTestId("qb-preview-page").getAttribute("src")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/u);
    await userEvent.selectOptions(screen.getByTestId("qb-preview-paper"), "F4");
    await waitFor(() => expect(previews()).toHaveLength(2));
    expect(previews()[1]).toMatchObject({ form: { paper_size: "F4", columns: 2 } });
    // Nothing saved by looking.
    expect(calls.some((c) => c.cmd === "qbank_save")).toBe(false);
  });

  it("warns of the same and near questions before saving, and saves only when told to", async () => {
    const dupes: QbDuplicate[] = [
      { id: "q1", name: "Luas persegi", position: null, likeness: 100 },
      { id: "q2", name: "Luas persegi panjang", position: null, likeness: 85 },
    ];
    const calls = bank(teacherScope, (cmd, args) => (cmd === "qbank_duplicates" ? dupes : cmd === "qbank_save" ? { opened: saved(args.question as QbQuestion), new_version: false } : undefined));
    wrap(<QuestionBankScreen />, "id", teacherSession([]));
    await userEvent.click(await screen.findByTestId("qb-new"));
    await userEvent.selectOptions(await screen.findByTestId("qb-kind"), "essay");
    act(() => {
      editorIn("qb-stem").commands.insertContent("Jelaskan luas persegi");
    });
    await userEvent.click(screen.getByTestId("qb-save"));
    const warning = await screen.findByTestId("qb-duplicates");
    expect(warning).toHaveTextContent("Luas persegi (soal yang sama)");
    expect(warning).toHaveTextContent("Luas persegi panjang (85% mirip)");
    expect(calls.filter((c) => c.cmd === "qbank_save")).toHaveLength(0);
    await userEvent.click(screen.getByTestId("qb-save-anyway"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "qbank_save")).toHaveLength(1));
    expect((calls.find((c) => c.cmd === "qbank_save")!.args.question as QbQuestion).body.type).toBe("essay");
  });

  it("opens a stored question with its image and moves it through review (the office)", async () => {
    const stored: QbOpened = {
      row: row("q2", "Keliling", "reviewed", 3),
      question: {
        id: "q2",
        name: "Keliling",
        stem: [para(text("Keliling "), text("lingkaran", { bold: true }), { kind: "image", image: { key: KEY, alt: "o" } })],
        body: { type: "true_false", correct: false, feedback_true: [], feedback_false: [] },
        general_feedback: [],
        stimulus: null,
        category: null,
        meta: { subject: null, grade_level: 7, learning_outcome: null, objective: null, topic: "Lingkaran", cognitive: "C2", level: null, difficulty: null, points: "2", tags: [], author: null, source: null, status: "reviewed", version: 1 },
      },
    };
    const calls = bank(officeScope, (cmd, args) =>
      cmd === "qbank_open" ? stored : cmd === "qbank_image" ? "data:image/png;base64,AA==" : cmd === "qbank_set_status" ? { ...stored.row, status: args.status, version: 4 } : undefined,
    );
    wrap(<QuestionBankScreen />);
    await userEvent.click((await screen.findAllByTestId("qb-row-open"))[1]);
    await screen.findByTestId("qb-editor");
    expect(calls.find((c) => c.cmd === "qbank_image")!.args).toEqual({ key: KEY });
    await waitFor(() => expect(screen.getByTestId("qb-stem").querySelector("strong")).toHaveTextContent("lingkaran"));
    expect(screen.getByTestId("qb-stem").querySelector(`img[data-key="${KEY}"]`)).toHaveAttribute("src", "data:image/png;base64,AA==");
    expect(screen.getByTestId("qb-tf-false")).toBeChecked();
    await userEvent.click(screen.getByTestId("qb-to-approved"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "qbank_set_status")?.args).toEqual({ id: "q2", version: 3, status: "approved" }));
    expect(await screen.findByTestId("qb-status")).toHaveTextContent("Approved");
  });
});

describe("the bank's list", () => {
  it("searches with the filters", async () => {
    const calls = bank(teacherScope);
    wrap(<QuestionBankScreen />, "en", teacherSession([]));
    await screen.findAllByTestId("qb-row");
    await userEvent.type(screen.getByTestId("qb-search"), "luas");
    await userEvent.selectOptions(screen.getByTestId("qb-filter-kind"), "essay");
    await userEvent.selectOptions(screen.getByTestId("qb-filter-status"), "approved");
    await userEvent.type(screen.getByTestId("qb-filter-tags"), "UTS, aljabar");
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "qbank_search").pop()!.args.search).toMatchObject({ text: "luas", kind: "essay", status: "approved", tags: ["uts", "aljabar"] }),
    );
  });

  it("adds tags to the selected questions by editing each (a teacher moves no status)", async () => {
    const stored = (id: string, tags: string[]): QbOpened => ({
      row: row(id, id, "approved", 5),
      question: { id, name: id, stem: [para(text("soal"))], body: { type: "true_false", correct: true, feedback_true: [], feedback_false: [] }, general_feedback: [], stimulus: null, category: null, meta: { subject: null, grade_level: null, learning_outcome: null, objective: null, topic: null, cognitive: null, level: null, difficulty: null, points: "1", tags, author: null, source: null, status: "approved", version: 1 } },
    });
    const calls = bank(teacherScope, (cmd, args) => {
      if (cmd === "qbank_open") return args.id === "q1" ? stored("q1", ["aljabar"]) : stored("q2", ["uts"]);
      if (cmd === "qbank_save") return { opened: stored(args.id as string, []), new_version: true };
      return undefined;
    });
    wrap(<QuestionBankScreen />, "en", teacherSession([]));
    const boxes = await screen.findAllByTestId("qb-row-select");
    await userEvent.click(boxes[0]);
    await userEvent.click(boxes[1]);
    expect(screen.queryByTestId("qb-bulk-status")).toBeNull();
    await userEvent.type(screen.getByTestId("qb-bulk-tag"), "UTS");
    await userEvent.click(screen.getByTestId("qb-bulk-tag-apply"));
    // q2 has the tag already: only q1 is edited, at the version it was read.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "qbank_save")).toHaveLength(1));
    const save = calls.find((c) => c.cmd === "qbank_save")!.args;
    expect([save.id, save.version, (save.question as QbQuestion).meta.tags]).toEqual(["q1", 5, ["aljabar", "uts"]]);
  });

  it("moves the selected questions to another subject in one call, each at the version it was read", async () => {
    const calls = bank(officeScope, (cmd) => (cmd === "qbank_move" ? [row("q1", "Luas persegi"), row("q2", "Keliling", "reviewed", 4)] : undefined));
    wrap(<QuestionBankScreen />);
    const boxes = await screen.findAllByTestId("qb-row-select");
    await userEvent.click(boxes[0]);
    await userEvent.click(boxes[1]);
    await userEvent.selectOptions(screen.getByTestId("qb-bulk-move-subject"), "s-ipa");
    await userEvent.click(screen.getByTestId("qb-bulk-move-apply"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "qbank_move")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "qbank_move")!.args).toEqual({ items: [{ id: "q1", version: 1 }, { id: "q2", version: 3 }], subject_id: "s-ipa" });
  });

  it("moves the selected questions' status and names each that was refused", async () => {
    const calls = bank(officeScope, (cmd, args) => {
      if (cmd === "qbank_set_status" && args.id === "q1") throw { kind: "invalid", message: "status: a question moves from draft to reviewed, not approved", fields: [{ field: "status", message: "a question moves from draft to reviewed, not approved", code: "x_unknown" }], rows: [], conflict: null };
      return cmd === "qbank_set_status" ? row("q2", "Keliling", "approved", 4) : undefined;
    });
    wrap(<QuestionBankScreen />);
    const boxes = await screen.findAllByTestId("qb-row-select");
    await userEvent.click(boxes[0]);
    await userEvent.click(boxes[1]);
    await userEvent.selectOptions(screen.getByTestId("qb-bulk-status"), "approved");
    await userEvent.click(screen.getByTestId("qb-bulk-apply"));
    expect(await screen.findByTestId("qb-bulk-problems")).toHaveTextContent("Luas persegi: Status: a question moves from draft to reviewed, not approved");
    expect(calls.filter((c) => c.cmd === "qbank_set_status").map((c) => c.args)).toEqual([
      { id: "q1", version: 1, status: "approved" },
      { id: "q2", version: 3, status: "approved" },
    ]);
  });
});

describe("importing a file", () => {
  it("shows every question and each problem's line or element, and adds only on confirmation", async () => {
    const preview: QbImportPreview = {
      format: "gift",
      questions: [
        { position: 1, name: "Q1", kind: "single_choice", stem: "Dua tambah dua?", duplicate: null },
        { position: 2, name: "Q2", kind: "true_false", stem: "Bumi bulat.", duplicate: { id: "q7", name: "Bumi", position: null, likeness: 100 } },
      ],
      problems: [
        { line: 12, element: null, field: null, message: "an unclosed brace" },
        { line: 3, element: "quiz/question[2]", field: null, message: "unknown question type" },
      ],
      stimuli: 0,
      new_images: 1,
    };
    const calls = bank(teacherScope, (cmd) => (cmd === "qbank_import_preview" ? preview : cmd === "qbank_import_confirm" ? { added: 1, skipped: 1, problems: [] } : undefined));
    wrap(<QuestionBankScreen />, "id", teacherSession([]));
    await userEvent.click(await screen.findByTestId("qb-tab-import"));
    await userEvent.upload(screen.getByTestId("qb-import-file"), new File(["::Q1:: Dua tambah dua? {=4 ~5}"], "soal.gift", { type: "text/plain" }));
    const shown = await screen.findByTestId("qb-import-preview");
    expect(shown).toHaveTextContent("GIFT: 2 soal akan ditambahkan, 2 masalah, 1 gambar baru");
    const problems = screen.getAllByTestId("qb-import-problem");
    expect(problems[0]).toHaveTextContent("baris 12: an unclosed brace");
    expect(problems[1]).toHaveTextContent("quiz/question[2] (baris 3): unknown question type");
    expect(screen.getAllByTestId("qb-import-question")[1]).toHaveTextContent("Bumi (100% mirip)");
    expect(calls.filter((c) => c.cmd === "qbank_import_confirm")).toHaveLength(0);
    expect(screen.getByTestId("qb-import-confirm")).toHaveTextContent("Tambahkan 1 soal");
    await userEvent.click(screen.getByTestId("qb-import-confirm"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "qbank_import_confirm")).toHaveLength(1));
  });
});

describe("who sees the bank", () => {
  it("says so in words when the shell refuses", async () => {
    bank(teacherScope, (cmd) => {
      if (cmd === "qbank_scope") throw { kind: "forbidden", message: "you may not see the question bank", fields: [], rows: [], conflict: null };
      return undefined;
    });
    wrap(<QuestionBankScreen />, "en", { ...ADMIN, roles: ["teacher"] });
    expect(await screen.findByRole("alert")).toHaveTextContent(/question bank|not/iu);
  });
});

describe("exam papers", () => {
  const header = { subject_id: "s-mtk", class_id: "c1", blueprint_id: "b1", exam_name: "PTS Ganjil", exam_date: "2026-10-05", duration_minutes: 90, instructions: "", sections: "[]", seed: 7, status: "draft" };
  const paperRec = (status = "draft", version = 1) => ({ id: "p1", version, updated_at: "2026-08-01T00:00:00Z", data: { ...header, status } });
  const item = (position: number, id: string, name: string) => ({ position, section: 1, question_id: id, question_version: 1, blueprint_row: 1, points: "2", name, kind: "single_choice" });
  const paper = (status = "draft", version = 1): QbPaper => ({ paper: paperRec(status, version), sections: [{ title: "A. Pilihan ganda", instructions: "" }], items: [item(1, "q1", "Luas persegi"), item(2, "q2", "Keliling")] });

  it("fills a draft from its blueprint, says which rows the bank could not fill, and swaps a question by hand", async () => {
    const calls = bank(teacherScope, (cmd, args) => {
      switch (cmd) {
        case "qbank_papers":
          return [paperRec()];
        case "qbank_paper":
          return { ...paper(), items: [] };
        case "qbank_paper_fill":
          return { paper: paper("draft", 2), shortages: [{ row: 2, wanted: 3, found: 1, used_recently: 1, not_approved: 1, missing: "3 essay questions, topic Pecahan" }] };
        case "qbank_search":
          return args.search && (args.search as { status: string }).status === "approved" ? [row("q1", "Luas persegi", "approved"), row("q5", "Luas trapesium", "approved")] : [];
        case "qbank_paper_swap":
          return { ...paper("draft", 3), items: [item(1, "q1", "Luas persegi"), item(2, "q5", "Luas trapesium")] };
        default:
          return undefined;
      }
    });
    wrap(<QuestionBankScreen />, "en", teacherSession([]));
    await userEvent.click(await screen.findByTestId("qb-tab-papers"));
    await userEvent.click(await screen.findByTestId("qp-open"));
    await userEvent.click(await screen.findByTestId("qp-fill"));
    expect(await screen.findByTestId("qp-shortages")).toHaveTextContent("row 2: wants 3, the bank has 1 (1 used recently, 1 not approved yet) — 3 essay questions, topic Pecahan");
    expect(calls.find((c) => c.cmd === "qbank_paper_fill")!.args).toEqual({ id: "p1", version: 1, recent: 3 });
    expect(screen.getAllByTestId("qp-item")).toHaveLength(2);
    await userEvent.click(screen.getAllByTestId("qp-swap")[1]);
    // The questions already on the paper are not offered.
    const picks = await screen.findAllByTestId("qp-swap-pick");
    expect(picks.map((p) => p.textContent)).toEqual(["Luas trapesium"]);
    await userEvent.click(picks[0]);
    await waitFor(() => expect(calls.find((c) => c.cmd === "qbank_paper_swap")?.args).toEqual({ id: "p1", version: 2, position: 2, question_id: "q5" }));
    expect(await screen.findByText("Luas trapesium", { selector: "td" }, {})).toBeInTheDocument();
    // A teacher neither makes it final nor prints a draft.
    expect(screen.queryByTestId("qp-to-final")).toBeNull();
    expect(screen.queryByTestId("qp-print")).toBeNull();
  });

  it("lets the office make a paper final and print it as one PDF", async () => {
    const calls = bank(officeScope, (cmd, args) => {
      switch (cmd) {
        case "qbank_papers":
          return [paperRec()];
        case "qbank_paper":
          return paper();
        case "qbank_paper_status":
          return paperRec(args.status as string, 2);
        case "qbank_paper_print":
          return { path: "/home/bu/Documents/Ujian/PTS Ganjil 2026-10-05.pdf", pages: 9 };
        default:
          return undefined;
      }
    });
    wrap(<QuestionBankScreen />, "id");
    await userEvent.click(await screen.findByTestId("qb-tab-papers"));
    await userEvent.click(await screen.findByTestId("qp-open"));
    await userEvent.click(await screen.findByTestId("qp-to-final"));
    expect(await screen.findByTestId("qp-status")).toHaveTextContent("Sudah final");
    expect(calls.find((c) => c.cmd === "qbank_paper_status")!.args).toEqual({ id: "p1", version: 1, status: "final" });
    await userEvent.click(screen.getByTestId("qp-print-go"));
    expect(await screen.findByTestId("qp-printed")).toHaveTextContent("Ujian/PTS Ganjil");
    expect(calls.find((c) => c.cmd === "qbank_paper_print")!.args).toEqual({ id: "p1", form: { variants: 2, answer_sheets: 1, key: true, blueprint: true, columns: 1, language: "id", paper_size: "A4" } });
    expect(screen.getByTestId("qp-to-released")).toBeInTheDocument();
  });

  it("reads a results file for a preview, names each wrong row and cell, stores it on confirmation, and shows the item analysis", async () => {
    let stored = false;
    let reads = 0;
    const analysis: QbAnalysis = {
      students: 8,
      group_size: 2,
      mean_score: 1.25,
      max_score: "2",
      kr20: 0.61,
      alpha: 0.64,
      questions: [
        { position: 1, name: "Luas persegi", kind: "single_choice", max: "2", p: 0.75, d: 0.5, point_biserial: 0.42, difficulty: "easy", discrimination: "good", options: [{ letter: "A", right: false, chosen: 1, upper: 0, lower: 1, works: true }, { letter: "B", right: true, chosen: 6, upper: 2, lower: 1, works: null }, { letter: "C", right: false, chosen: 0, upper: 0, lower: 0, works: false }], blank: 1 },
      ],
    };
    const calls = bank(teacherScope, (cmd) => {
      switch (cmd) {
        case "qbank_papers":
          return [paperRec("final", 3)];
        case "qbank_paper":
          return paper("final", 3);
        case "qbank_analysis":
          if (!stored) throw { kind: "invalid", message: "paper_id: the paper has no results yet", fields: [{ field: "paper_id", message: "the paper has no results yet", code: "results_none", params: {} }], rows: [], conflict: null };
          return analysis;
        case "qbank_results_import":
          reads++;
          if (reads === 1)
            throw { kind: "import_rejected", message: "the file has problems", fields: [], rows: [{ row: 3, column: "A (nis)", reason: "no student numbered “0001” is in the paper's class", code: "results_student_not_in_class", params: { number: "0001" } }], conflict: null };
          if (reads === 3) stored = true;
          return { students: [{ row: 2, nis: "260001", name: "Ani", variant: "A", score: "2", replaces: false }], max_score: "2", dry_run: reads !== 3 };
        default:
          return undefined;
      }
    });
    const raw: { cmd: string; options?: { headers?: Record<string, string> } }[] = [];
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o?: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
    const mocked = internals.invoke;
    internals.invoke = (cmd, args, options) => {
      raw.push({ cmd, options: options as { headers?: Record<string, string> } });
      return mocked(cmd, args, options);
    };
    wrap(<QuestionBankScreen />, "en", teacherSession([]));
    await userEvent.click(await screen.findByTestId("qb-tab-papers"));
    await userEvent.click(await screen.findByTestId("qp-open"));
    await screen.findByTestId("qr-no-results");
    await userEvent.upload(screen.getByTestId("qr-file"), new File(["nis,paket,1\n260001,A,B\n0001,A,C\n"], "hasil.csv", { type: "text/csv" }));
    expect(await screen.findByTestId("qr-problem")).toHaveTextContent("Row 3, column A (nis)");
    await userEvent.upload(screen.getByTestId("qr-file"), new File(["nis,paket,1\n260001,A,B\n"], "hasil.csv", { type: "text/csv" }));
    expect(await screen.findByTestId("qr-preview")).toHaveTextContent("1 student(s) scored, out of 2 points. Nothing is stored yet.");
    expect(screen.getByTestId("qr-student")).toHaveTextContent("260001Ani A2 / 2".replace(" ", ""));
    await userEvent.click(screen.getByTestId("qr-confirm"));
    const item = await screen.findByTestId("qr-item");
    expect(item).toHaveTextContent("0.75easy0.50good0.42");
    expect(item).toHaveTextContent("B* 6");
    expect(screen.getByTestId("qr-summary")).toHaveTextContent("8 students (upper and lower groups of 2); mean score 1.25 of 2; KR-20 0.61; Cronbach's α 0.64.");
    // Two dry reads, then the store (its JSON arguments travel in a header beside the bytes).
    const imports = raw.filter((c) => c.cmd === "qbank_results_import").map((c) => JSON.parse(c.options!.headers!["schooldesk-args"]) as Record<string, unknown>);
    expect(imports.map((a) => [a.id, a.file_name, a.negative_marking, a.dry_run])).toEqual([
      ["p1", "hasil.csv", false, true],
      ["p1", "hasil.csv", false, true],
      ["p1", "hasil.csv", false, false],
    ]);
    expect(calls.filter((c) => c.cmd === "qbank_results_import")).toHaveLength(3);
  });

  it("sends a marked paper's scores to the gradebook, and over existing scores only when told to replace", async () => {
    let sends = 0;
    const calls = bank(officeScope, (cmd) => {
      switch (cmd) {
        case "qbank_papers":
          return [paperRec("final", 3)];
        case "qbank_paper":
          return paper("final", 3);
        case "qbank_paper_gradebook_slots":
          return [
            { component_id: "k1", component: "Formatif", kind: "formative", term_id: "t1", term: "Semester 1" },
            { component_id: "k2", component: "PTS", kind: "mid_term", term_id: "t1", term: "Semester 1" },
          ];
        case "qbank_paper_send_scores":
          sends++;
          if (sends === 1)
            throw { kind: "invalid", message: "replace: column PTS Ganjil already has scores", fields: [{ field: "replace", message: "column PTS Ganjil already has scores for 2 student(s) (Ani, Budi); nothing was sent — send again with replace to overwrite them", code: "gradebook_scores_exist", params: { column: "PTS Ganjil", count: "2", names: "Ani, Budi" } }], rows: [], conflict: null };
          return { assessment_id: "a1", column: "PTS Ganjil", created: false, max_score: "6", students: [{ student_id: "st1", name: "Ani", exam_score: "4", grade: "66.67", replaced: true }] };
        default:
          return undefined;
      }
    });
    wrap(<QuestionBankScreen />, "en");
    await userEvent.click(await screen.findByTestId("qb-tab-papers"));
    await userEvent.click(await screen.findByTestId("qp-open"));
    await userEvent.selectOptions(await screen.findByTestId("qp-send-component"), "k2");
    expect(screen.getByTestId("qp-send-column")).toHaveValue("PTS Ganjil");
    await userEvent.click(screen.getByTestId("qp-send-go"));
    expect(await within(screen.getByTestId("qp-send")).findByRole("alert")).toHaveTextContent("already has scores for 2 student(s) (Ani, Budi)");
    await userEvent.click(screen.getByTestId("qp-send-replace"));
    await userEvent.click(screen.getByTestId("qp-send-go"));
    expect(await screen.findByTestId("qp-sent")).toHaveTextContent("Ani4 / 666.67");
    expect(calls.filter((c) => c.cmd === "qbank_paper_send_scores").map((c) => c.args)).toEqual([
      { id: "p1", component_id: "k2", column: "PTS Ganjil", replace: false },
      { id: "p1", component_id: "k2", column: "PTS Ganjil", replace: true },
    ]);
  });
});
