// The gradebook (issue 12, item 3) with the real components, the shell
// faked under the IPC: typing, type-through, the keyboard, pasting a block
// from a spreadsheet, fill-down, bad values kept and never sent, a failed
// save kept for trying again, a locked book, and the scheme's weights.
import { mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "../App";
import type { Dashboard, Rec, SessionInfo, Startup, Term } from "../bindings";
import { local, setLocalUser } from "../local";
import { gradebookDraftKey, GradebookScreen } from "../screens/Gradebook";
import type { CellInput, Gradebook, GradebookChoice, GradebookFinal, SchemeInput } from "../screens/gradebookWire";
import { mayGrade } from "../session";
import { ADMIN, teacherSession, wrap } from "./render";

// Counts the components that render (each asks for the words once): a
// keystroke must not re-render every row.
const renders = vi.hoisted(() => ({ n: 0 }));
vi.mock("../i18n", async (importOriginal) => {
  const real = await importOriginal<typeof import("../i18n")>();
  return {
    ...real,
    useI18n: () => {
      renders.n++;
      return real.useI18n();
    },
  };
});

const choices: GradebookChoice[] = [{ class_id: "c7a", class_name: "VII A", subject_id: "mat", subject_name: "Matematika", term_id: "t1", term_name: "Semester 1" }];

/** Three students; Harian (40 %) has three columns, PTS and PAS (30 % each) one. */
function book(over: Partial<Gradebook> = {}): Gradebook {
  return {
    scheme: {
      id: "sch",
      kkm: "75",
      rounding_places: 0,
      rounding_mode: "half_up",
      bands: [
        { label: "A", min: "92" },
        { label: "B", min: "84" },
        { label: "C", min: "75" },
        { label: "D", min: "0" },
      ],
      components: [
        { id: "k1", name: "Harian", kind: "formative", weight: "40" },
        { id: "k2", name: "PTS", kind: "mid_term", weight: "30" },
        { id: "k3", name: "PAS", kind: "end_of_term", weight: "30" },
      ],
    },
    columns: [
      { id: "a3", component_id: "k2", name: "PTS", position: 0 },
      { id: "a1", component_id: "k1", name: "UH 1", position: 0 },
      { id: "a2", component_id: "k1", name: "UH 2", position: 1 },
      { id: "a5", component_id: "k1", name: "UH 3", position: 2 },
      { id: "a4", component_id: "k3", name: "PAS", position: 0 },
    ],
    students: [
      { student_id: "s1", full_name: "Adi Nugroho", nis: "2401" },
      { student_id: "s2", full_name: "Budi Santoso", nis: "2402" },
      { student_id: "s3", full_name: "Citra Lestari", nis: "2403" },
    ],
    scores: [
      { assessment_id: "a3", student_id: "s1", score: "90" },
      { assessment_id: "a4", student_id: "s1", score: "87" },
      { assessment_id: "a1", student_id: "s2", score: "70" },
    ],
    finals: [
      { student_id: "s1", grade: null, predicate: null, passed: null, missing: ["Harian"] },
      { student_id: "s2", grade: null, predicate: null, passed: null, missing: ["PTS", "PAS"] },
      { student_id: "s3", grade: null, predicate: null, passed: null, missing: ["Harian", "PTS", "PAS"] },
    ],
    status: "draft",
    editable: true,
    ...over,
  };
}

interface Fake {
  /** Every command but the reads, with its arguments. */
  calls: [string, unknown][];
  saves: CellInput[][];
  schemes: SchemeInput[];
  fail: boolean;
  /** Holds each save's answer until released (to see "saving"). */
  hold?: Promise<void>;
  finals?: (cells: CellInput[]) => GradebookFinal[];
}

function fake(gb: Gradebook | ((args: { subject_id: string }) => Gradebook), list: GradebookChoice[] = choices): Fake {
  const state: Fake = { calls: [], saves: [], schemes: [], fail: false };
  mockIPC(async (cmd, args) => {
    if (cmd !== "gradebook_choices" && cmd !== "gradebook_open" && cmd !== "dashboard") state.calls.push([cmd, args]);
    if (cmd === "gradebook_choices") return list;
    if (cmd === "gradebook_open") return typeof gb === "function" ? gb(args as { subject_id: string }) : gb;
    if (cmd === "gradebook_save") {
      const cells = (args as { cells: CellInput[] }).cells;
      state.saves.push(cells);
      if (state.hold) await state.hold;
      if (state.fail) throw { kind: "unavailable", message: "the database is not reachable", fields: [], rows: [], conflict: null };
      return state.finals ? state.finals(cells) : [];
    }
    if (cmd === "scheme_save") {
      state.schemes.push((args as { scheme: SchemeInput }).scheme);
      return typeof gb === "function" ? null : gb.scheme;
    }
    return null;
  });
  return state;
}

const cell = (r: number, c: number) => screen.getByTestId(`cell-${r}-${c}`);
const cursorAt = (r: number, c: number) => expect(cell(r, c).className).toContain("gb-cursor");

async function open(gb = book(), session: SessionInfo = ADMIN, lang: "en" | "id" = "en") {
  const state = fake(gb);
  wrap(<GradebookScreen />, lang, session);
  await screen.findByTestId("grade-grid");
  return state;
}

describe("the gradebook grid", () => {
  it("puts the columns under their components in the scheme's order, with the weights", async () => {
    await open();
    // Harian first (the scheme's order), its three columns by position.
    expect(screen.getByTestId("group-k1").textContent).toBe("Harian 40%");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
      expect.arrayContaining(["UH 1", "UH 2", "UH 3", "PTS", "PAS"]),
    );
    expect(within(screen.getByTestId("row-0")).getByText("Adi Nugroho")).toBeTruthy();
    expect(within(screen.getByTestId("row-0")).getByText("2401")).toBeTruthy();
    // Row 0: PTS 90 is column 3, PAS 87 column 4.
    expect(cell(0, 3).textContent).toBe("90");
    expect(cell(0, 4).textContent).toBe("87");
  });

  it("saves a typed cell, previews the final as you type, and takes the server's final", async () => {
    const state = await open();
    state.finals = () => [{ student_id: "s1", grade: "85", predicate: "B", passed: true, missing: [] }];
    await userEvent.click(cell(0, 0));
    expect(screen.getByTestId("final-0").textContent).toBe("—");
    await userEvent.keyboard("80");
    // 80 × 40 % + 90 × 30 % + 87 × 30 % = 85.1 → 85, B — before anything is saved.
    expect(screen.getByTestId("final-0").textContent).toBe("85");
    expect(screen.getByTestId("predicate-0").textContent).toBe("B");
    expect(state.saves).toEqual([]);
    await userEvent.keyboard("{Enter}");
    expect(state.saves).toEqual([[{ assessment_id: "a1", student_id: "s1", text: "80" }]]);
    // Enter moves down.
    cursorAt(1, 0);
    await waitFor(() => expect(cell(0, 0).dataset.status).toBe("saved"));
    expect(cell(0, 0).textContent).toBe("80");
    expect(screen.getByTestId("final-0").className).not.toContain("gb-preview");
  });

  it("shows a server final that differs from the preview (the server decides)", async () => {
    const state = await open();
    state.finals = () => [{ student_id: "s1", grade: "84", predicate: "B", passed: true, missing: [] }];
    await userEvent.click(cell(0, 0));
    await userEvent.keyboard("80{Enter}");
    await waitFor(() => expect(screen.getByTestId("final-0").textContent).toBe("84"));
  });

  it("types over a cell, edits in place with F2, cancels with Escape, clears with Delete", async () => {
    const state = await open();
    await userEvent.click(cell(1, 0)); // 70
    await userEvent.keyboard("65");
    expect((screen.getByTestId("cell-editor") as HTMLInputElement).value).toBe("65");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    expect(cell(1, 0).textContent).toBe("70");
    expect(state.saves).toEqual([]);

    await userEvent.keyboard("{F2}");
    expect((screen.getByTestId("cell-editor") as HTMLInputElement).value).toBe("70");
    await userEvent.keyboard(",5{Tab}");
    expect(state.saves).toEqual([[{ assessment_id: "a1", student_id: "s2", text: "70.5" }]]);
    cursorAt(1, 1);

    await userEvent.keyboard("{ArrowLeft}{Delete}");
    expect(state.saves.at(-1)).toEqual([{ assessment_id: "a1", student_id: "s2", text: "" }]);
    await waitFor(() => expect(cell(1, 0).textContent).toBe(""));
  });

  it("saves what is being typed when another cell is clicked (shift-click selects)", async () => {
    const state = await open();
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("66");
    await userEvent.click(cell(0, 1));
    expect(state.saves).toEqual([[{ assessment_id: "a1", student_id: "s3", text: "66" }]]);
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    cursorAt(0, 1);
    const user = userEvent.setup();
    await user.keyboard("{Shift>}");
    await user.click(cell(1, 2));
    await user.keyboard("{/Shift}");
    expect([cell(0, 1), cell(0, 2), cell(1, 1), cell(1, 2)].every((c) => c.getAttribute("aria-selected") === "true")).toBe(true);
    expect(cell(0, 0).getAttribute("aria-selected")).toBe("false");
  });

  it("edits in place on a double click", async () => {
    const state = await open();
    await userEvent.dblClick(cell(0, 3));
    const editor = screen.getByTestId("cell-editor") as HTMLInputElement;
    expect(editor.value).toBe("90");
    await userEvent.clear(editor);
    await userEvent.type(editor, "91{Enter}");
    expect(state.saves).toEqual([[{ assessment_id: "a3", student_id: "s1", text: "91" }]]);
  });

  it("moves with arrows, Tab and Shift+Tab (wrapping rows), Home and End", async () => {
    await open();
    await userEvent.click(cell(0, 0));
    await userEvent.keyboard("{ArrowRight}{ArrowRight}{ArrowDown}");
    cursorAt(1, 2);
    await userEvent.keyboard("{End}");
    cursorAt(1, 4);
    await userEvent.keyboard("{Tab}");
    cursorAt(2, 0);
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    cursorAt(1, 4);
    await userEvent.keyboard("{Home}{ArrowUp}{ArrowUp}{ArrowLeft}");
    cursorAt(0, 0);
    await userEvent.keyboard("{Control>}{End}{/Control}");
    cursorAt(2, 4);
  });

  it("pastes a block from a spreadsheet (tabs, CRLF, a trailing newline, decimal commas) in one save", async () => {
    const state = await open();
    await userEvent.click(cell(1, 1));
    await userEvent.paste("87,5\t90\r\n70\t65,25\r\n");
    expect(state.saves).toEqual([
      [
        { assessment_id: "a2", student_id: "s2", text: "87.5" },
        { assessment_id: "a5", student_id: "s2", text: "90" },
        { assessment_id: "a2", student_id: "s3", text: "70" },
        { assessment_id: "a5", student_id: "s3", text: "65.25" },
      ],
    ]);
    await waitFor(() => expect(cell(2, 2).textContent).toBe("65.25"));
  });

  it("pastes one value into every cell of a selection", async () => {
    const state = await open();
    await userEvent.click(cell(1, 1));
    await userEvent.keyboard("{Shift>}{ArrowDown}{ArrowRight}{/Shift}");
    await userEvent.paste("75\r\n");
    expect(state.saves).toEqual([
      [
        { assessment_id: "a2", student_id: "s2", text: "75" },
        { assessment_id: "a5", student_id: "s2", text: "75" },
        { assessment_id: "a2", student_id: "s3", text: "75" },
        { assessment_id: "a5", student_id: "s3", text: "75" },
      ],
    ]);
  });

  it("refuses a pasted block larger than the grid, saving nothing", async () => {
    const state = await open();
    await userEvent.click(cell(1, 0));
    await userEvent.paste("80\t80\n81\t81\n82\t82\n");
    expect(screen.getByTestId("grid-message").textContent).toMatch(/3 rows and 2 columns.*only 2 rows and 5 columns.*Nothing was pasted/);
    expect(state.saves).toEqual([]);
    expect(cell(1, 0).textContent).toBe("70");
    expect(cell(2, 0).textContent).toBe("");
  });

  it("fills the selection down from its first row (Ctrl+D) in one save", async () => {
    const state = await open();
    await userEvent.click(cell(0, 3)); // PTS 90
    await userEvent.keyboard("{Shift>}{ArrowDown}{ArrowDown}{ArrowRight}{/Shift}");
    await userEvent.keyboard("{Control>}d{/Control}");
    expect(state.saves).toEqual([
      [
        { assessment_id: "a3", student_id: "s2", text: "90" },
        { assessment_id: "a3", student_id: "s3", text: "90" },
        { assessment_id: "a4", student_id: "s2", text: "87" },
        { assessment_id: "a4", student_id: "s3", text: "87" },
      ],
    ]);
  });

  it("marks bad values in their cells with the reason and never sends them", async () => {
    const state = await open();
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("105{Enter}");
    // Enter on the last row stays there.
    await userEvent.keyboard("{ArrowRight}abc{Enter}");
    await userEvent.keyboard("{ArrowRight}84,499{Enter}");
    expect(state.saves).toEqual([]);
    expect(cell(2, 0).dataset.status).toBe("invalid");
    expect(cell(2, 0).getAttribute("aria-invalid")).toBe("true");
    expect(cell(2, 0).textContent).toContain("105");
    expect(cell(2, 0).textContent).toContain("must be from 0 to 100");
    expect(cell(2, 1).textContent).toContain("not a number");
    expect(cell(2, 2).textContent).toContain("at most two decimal places");
    // A pasted block: the good cells are saved, the bad one is marked.
    await userEvent.click(cell(0, 0));
    await userEvent.paste("80\tx\r\n");
    expect(state.saves).toEqual([[{ assessment_id: "a1", student_id: "s1", text: "80" }]]);
    expect(cell(0, 1).dataset.status).toBe("invalid");
    // Correcting the cell saves it.
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("100{Enter}");
    expect(state.saves.at(-1)).toEqual([{ assessment_id: "a1", student_id: "s3", text: "100" }]);
  });

  it("keeps what was typed when saving fails, and saves it again", async () => {
    const state = await open();
    state.fail = true;
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("88{Enter}");
    await waitFor(() => expect(cell(2, 0).dataset.status).toBe("failed"));
    expect(cell(2, 0).textContent).toContain("88");
    expect(screen.getByTestId("grid-message").textContent).toContain("the database is not reachable");
    // Typing elsewhere meanwhile does not hide what is still to save.
    await userEvent.keyboard("{ArrowRight}x{Enter}");
    expect(screen.getByTestId("grid-message").textContent).toContain("not scores");
    await userEvent.keyboard("{Delete}");
    expect(screen.getByTestId("grid-message").textContent).toContain("1 cell(s) are not saved yet");
    state.fail = false;
    await userEvent.click(screen.getByTestId("retry-failed"));
    expect(state.saves).toEqual([[{ assessment_id: "a1", student_id: "s3", text: "88" }], [{ assessment_id: "a1", student_id: "s3", text: "88" }]]);
    await waitFor(() => expect(cell(2, 0).dataset.status).toBe("saved"));
    expect(cell(2, 0).textContent).toBe("88");
  });

  it("names in its cell each cell the server refused", async () => {
    const state = await open();
    mockIPC((cmd, args) => {
      if (cmd === "gradebook_save") {
        state.saves.push((args as { cells: CellInput[] }).cells);
        throw { kind: "invalid", code: "cells_rejected", message: "1 cell refused", fields: [], conflict: null, rows: [{ row: 2, column: "UH 2", reason: "Budi Santoso, column UH 2: this column was removed", code: "", params: {} }] };
      }
      return null;
    });
    await userEvent.click(cell(1, 0));
    await userEvent.paste("81\t82\n");
    expect(state.saves.length).toBe(1);
    await waitFor(() => expect(cell(1, 1).dataset.status).toBe("failed"));
    expect(cell(1, 1).title).toBe("Budi Santoso, column UH 2: this column was removed");
    expect(cell(1, 0).dataset.status).toBe("failed");
    expect(cell(1, 0).title).toBe("1 cell refused");
    expect(cell(1, 0).textContent).toContain("81");
  });

  it("keeps unsaved values in a local draft and brings them back when the book opens again", async () => {
    const state = await open();
    state.fail = true;
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("88{Enter}");
    await userEvent.keyboard("{ArrowRight}abc{Enter}");
    await waitFor(() => expect(cell(2, 0).dataset.status).toBe("failed"));
    const key = gradebookDraftKey(choices[0]);
    await waitFor(async () => expect((await (await local()).getDraft(key))?.data).toEqual([
      { student_id: "s3", assessment_id: "a1", text: "88" },
      { student_id: "s3", assessment_id: "a2", text: "abc" },
    ]));
    cleanup();
    // The window closed (or crashed); the book opens again.
    const again = fake(book());
    wrap(<GradebookScreen />);
    await screen.findByTestId("grade-grid");
    await waitFor(() => expect(cell(2, 0).dataset.status).toBe("failed"));
    expect(cell(2, 0).textContent).toContain("88");
    expect(cell(2, 1).textContent).toContain("abc");
    expect(screen.getByTestId("grid-message").textContent).toContain("2 value(s) typed earlier were not saved");
    await userEvent.click(screen.getByTestId("retry-failed"));
    expect(again.saves).toEqual([[{ assessment_id: "a1", student_id: "s3", text: "88" }]]);
    expect(cell(2, 1).dataset.status).toBe("invalid");
    await userEvent.click(cell(2, 1));
    await userEvent.keyboard("{Delete}");
    // Everything saved or cleared: the draft is gone.
    await waitFor(async () => expect(await (await local()).getDraft(key)).toBeNull());
  });

  it("copies the selection as a block a spreadsheet pastes", async () => {
    await open();
    await userEvent.click(cell(0, 2));
    await userEvent.keyboard("{Shift>}{ArrowDown}{ArrowRight}{ArrowRight}{/Shift}");
    const data: Record<string, string> = {};
    fireEvent.copy(screen.getByTestId("grade-grid"), { clipboardData: { setData: (type: string, text: string) => (data[type] = text), getData: () => "" } });
    // Rows 0–1 × columns 2–4 (row 0 has PTS 90 in column 3).
    expect(data["text/plain"]).toBe("\t90\t87\r\n\t\t\r\n");
  });

  it("reloads what others saved and keeps what is typed and not saved", async () => {
    const state = await open();
    state.fail = true;
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("88{Enter}");
    await waitFor(() => expect(cell(2, 0).dataset.status).toBe("failed"));
    // Another desktop saved a PTS for Budi meanwhile.
    const other = book();
    other.scores = [...other.scores, { assessment_id: "a3", student_id: "s2", score: "79" }];
    mockIPC((cmd) => (cmd === "gradebook_open" ? other : cmd === "gradebook_choices" ? choices : null));
    await userEvent.click(screen.getByTestId("gradebook-reload"));
    await waitFor(() => expect(cell(1, 3).textContent).toBe("79"));
    expect(cell(2, 0).dataset.status).toBe("failed");
    expect(cell(2, 0).textContent).toContain("88");
  });

  it("lets Tab leave the grid after the last cell (no keyboard trap)", async () => {
    await open();
    await userEvent.click(cell(2, 4));
    await userEvent.keyboard("{Tab}");
    expect(screen.getByTestId("grade-grid")).not.toHaveFocus();
  });

  it("shows saving while the answer is on its way", async () => {
    const state = await open();
    let release = () => {};
    state.hold = new Promise((r) => (release = r));
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("77{Enter}");
    expect(cell(2, 0).dataset.status).toBe("saving");
    release();
    await waitFor(() => expect(cell(2, 0).dataset.status).toBe("saved"));
  });

  it("is read-only when approved, saying why, and sends nothing", async () => {
    const state = await open(book({ status: "approved", editable: false }));
    expect(screen.getByTestId("read-only").textContent).toMatch(/approved and locked/);
    expect(screen.getByTestId("signoff-status").textContent).toBe("Approved (locked)");
    expect(screen.queryByTestId("scheme-edit")).toBeNull();
    await userEvent.click(cell(0, 0));
    await userEvent.keyboard("80{Enter}{F2}");
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    fireEvent.keyDown(screen.getByTestId("grade-grid"), { key: "Delete" });
    await userEvent.paste("80\n");
    expect(state.saves).toEqual([]);
    expect(cell(0, 0).textContent).toBe("");
  });

  it.each([12, 16])("re-renders only the row being typed in, at 40 students × %i columns", async (width) => {
    const students = Array.from({ length: 40 }, (_, i) => ({ student_id: `s${i}`, full_name: `Siswa ${i}`, nis: String(2400 + i) }));
    const columns = Array.from({ length: width }, (_, i) => ({ id: `a${i}`, component_id: i < width - 2 ? "k1" : i === width - 2 ? "k2" : "k3", name: `N${i}`, position: i }));
    const scores = students.flatMap((s) => columns.map((c, i) => ({ assessment_id: c.id, student_id: s.student_id, score: String(60 + i) })));
    await open(book({ students, columns, scores, finals: [] }));
    expect(screen.getAllByRole("row").length).toBe(42);
    await userEvent.click(cell(5, 5));
    renders.n = 0;
    await userEvent.keyboard("8");
    expect(within(screen.getByTestId("row-5")).getByTestId("cell-editor")).toBeTruthy();
    // The grid and the one row (not 40 rows).
    expect(renders.n).toBeLessThan(8);
    renders.n = 0;
    await userEvent.keyboard("{Escape}{ArrowDown}");
    cursorAt(6, 5);
    // Moving re-renders the two rows the cursor leaves and enters.
    expect(renders.n).toBeLessThan(10);
  });
});

describe("the scheme editor", () => {
  it("shows the weights' sum as typed and saves only at 100 %", async () => {
    const state = await open();
    await userEvent.click(screen.getByTestId("scheme-edit"));
    expect(screen.getByTestId("weights-sum").textContent).toBe("100 %");
    const weight = (i: number) => screen.getByTestId(`component-weight-${i}`);
    await userEvent.clear(weight(0));
    await userEvent.type(weight(0), "33,33");
    await userEvent.clear(weight(1));
    await userEvent.type(weight(1), "33,33");
    await userEvent.clear(weight(2));
    await userEvent.type(weight(2), "33,33");
    expect(screen.getByTestId("weights-sum").textContent).toBe("99.99 %");
    expect(screen.getByTestId("scheme-problems").textContent).toContain("add up to 99.99 %, not 100 %");
    expect(screen.getByTestId("scheme-save")).toBeDisabled();
    await userEvent.clear(weight(2));
    await userEvent.type(weight(2), "33.34%");
    expect(screen.getByTestId("weights-sum").textContent).toBe("100 %");
    expect(screen.getByTestId("scheme-save")).toBeEnabled();
    await userEvent.click(screen.getByTestId("scheme-save"));
    await waitFor(() => expect(state.schemes.length).toBe(1));
    expect(state.schemes[0].components.map((c) => [c.id, c.weight])).toEqual([
      ["k1", "33.33"],
      ["k2", "33.33"],
      ["k3", "33.34"],
    ]);
    expect(state.schemes[0].kkm).toBe("75");
    expect(state.schemes[0].bands.map((b) => `${b.label}${b.min}`)).toEqual(["A92", "B84", "C75", "D0"]);
  });

  it("saves the rounding, a new component and bands set by hand, and refuses a duplicate name", async () => {
    const state = await open();
    await userEvent.click(screen.getByTestId("scheme-edit"));
    await userEvent.click(screen.getByTestId("scheme-places"));
    await userEvent.click(within(screen.getByTestId("scheme-places-list")).getByText("1"));
    await userEvent.click(screen.getByTestId("scheme-mode"));
    await userEvent.click(within(screen.getByTestId("scheme-mode-list")).getByText("Half to even (84.5 → 84)"));
    await userEvent.click(screen.getByTestId("component-add"));
    await userEvent.type(screen.getByTestId("component-name-3"), "PTS");
    await userEvent.type(screen.getByTestId("component-weight-3"), "10");
    await userEvent.clear(screen.getByTestId("component-weight-0"));
    await userEvent.type(screen.getByTestId("component-weight-0"), "30");
    expect(screen.getByTestId("weights-sum").textContent).toBe("100 %");
    expect(screen.getByTestId("scheme-problems").textContent).toContain('Two components are called "PTS"');
    expect(screen.getByTestId("scheme-save")).toBeDisabled();
    await userEvent.clear(screen.getByTestId("component-name-3"));
    await userEvent.type(screen.getByTestId("component-name-3"), "Proyek");
    const labels = within(screen.getByTestId("bands")).getAllByLabelText("Predicate") as HTMLInputElement[];
    await userEvent.clear(labels[0]);
    await userEvent.type(labels[0], "Sangat baik");
    await userEvent.click(screen.getByTestId("scheme-save"));
    await waitFor(() => expect(state.schemes.length).toBe(1));
    const saved = state.schemes[0];
    expect([saved.rounding_places, saved.rounding_mode]).toEqual([1, "half_even"]);
    expect(saved.components.at(-1)).toEqual({ id: null, name: "Proyek", kind: "other", weight: "10" });
    expect(saved.bands[0]).toEqual({ label: "Sangat baik", min: "92" });
  });

  it("makes the bands from the KKM until they are set by hand", async () => {
    fake(book({ scheme: null }));
    wrap(<GradebookScreen />);
    expect(await screen.findByText("This subject has no assessment scheme for this semester yet")).toBeTruthy();
    await userEvent.click(screen.getByTestId("scheme-edit"));
    const kkm = screen.getByTestId("scheme-kkm");
    await userEvent.clear(kkm);
    await userEvent.type(kkm, "70");
    const mins = within(screen.getByTestId("bands")).getAllByLabelText("From grade") as HTMLInputElement[];
    expect(mins.map((m) => m.value)).toEqual(["90", "80", "70", "0"]);
  });
});

describe("the book around the grid", () => {
  it("says a bad value's reason in Bahasa Indonesia", async () => {
    await open(book(), ADMIN, "id");
    await userEvent.click(cell(2, 0));
    await userEvent.keyboard("105{Enter}");
    expect(cell(2, 0).textContent).toContain("harus dari 0 sampai 100");
  });

  it("opens the book of the class, subject and semester picked", async () => {
    const two = [...choices, { ...choices[0], subject_id: "ipa", subject_name: "IPA" }];
    fake((args) => (args.subject_id === "ipa" ? book({ students: [{ student_id: "s9", full_name: "Dewi Anggraini", nis: "2409" }] }) : book()), two);
    wrap(<GradebookScreen />);
    await screen.findByText("Adi Nugroho");
    await userEvent.click(screen.getByTestId("pick-subject"));
    await userEvent.click(within(screen.getByTestId("pick-subject-list")).getByText("IPA"));
    expect(await screen.findByText("Dewi Anggraini")).toBeTruthy();
    expect(screen.queryByText("Adi Nugroho")).toBeNull();
  });

  it("opens on the semester today falls in (the dashboard's), not the first", async () => {
    const second = { ...choices[0], term_id: "t2", term_name: "Semester 2" };
    const opened: unknown[] = [];
    const term: Rec<Term> = { id: "t2", version: 1, updated_at: "2026-01-05T00:00:00Z", data: { academic_year_id: "y1", number: 2, name: "Semester 2", start_date: "2026-01-05", end_date: "2026-06-19" } };
    mockIPC((cmd, args) => {
      if (cmd === "dashboard") return { school_name: "SMP Negeri 1", year: null, term, counts: [], classes: [], students: [], today: "2026-03-02" };
      if (cmd === "gradebook_choices") return [choices[0], second];
      if (cmd === "gradebook_open") {
        opened.push(args);
        return book();
      }
      return null;
    });
    wrap(<GradebookScreen />);
    await waitFor(() => expect(screen.getByTestId("pick-term").textContent).toContain("Semester 2"));
    await waitFor(() => expect(opened).toContainEqual({ class_id: "c7a", subject_id: "mat", term_id: "t2" }));
  });

  it("says why another teacher's book is read-only", async () => {
    await open(book({ editable: false }), teacherSession(["c7a"]));
    expect(screen.getByTestId("read-only").textContent).toMatch(/another teacher/);
    expect(screen.queryByTestId("signoff-submit")).toBeNull();
  });

  it("the homeroom teacher submits and takes back; an administrator approves and unlocks; a subject teacher does neither", async () => {
    await open(book(), teacherSession(["c7a"]));
    expect(screen.getByTestId("signoff-status").textContent).toBe("Draft");
    expect(screen.queryByTestId("signoff-submit")).toBeNull();
    expect(screen.queryByTestId("signoff-approve")).toBeNull();
    cleanup();

    const plain = teacherSession(["c7a"]);
    const homeroom: SessionInfo = { ...plain, roles: ["teacher", "homeroom"], abilities: { ...plain.abilities, edit_classes: ["c7a"] } };
    let state = await open(book(), homeroom);
    expect(screen.queryByTestId("signoff-approve")).toBeNull();
    await userEvent.click(screen.getByTestId("signoff-submit"));
    await waitFor(() => expect(state.calls).toEqual([["signoff_set", { class_id: "c7a", term_id: "t1", status: "submitted" }]]));
    cleanup();

    state = await open(book({ status: "submitted", editable: false }), homeroom);
    await userEvent.click(screen.getByTestId("signoff-take-back"));
    await waitFor(() => expect(state.calls).toEqual([["signoff_set", { class_id: "c7a", term_id: "t1", status: "draft" }]]));
    cleanup();

    // A draft is submitted first: an administrator is offered no approval yet.
    await open(book());
    expect(screen.getByTestId("signoff-submit")).toBeTruthy();
    expect(screen.queryByTestId("signoff-approve")).toBeNull();
    cleanup();

    state = await open(book({ status: "submitted", editable: false }));
    await userEvent.click(screen.getByTestId("signoff-approve"));
    await waitFor(() => expect(state.calls).toEqual([["signoff_set", { class_id: "c7a", term_id: "t1", status: "approved" }]]));
    cleanup();

    state = await open(book({ status: "approved", editable: false }));
    expect(screen.queryByTestId("signoff-approve")).toBeNull();
    await userEvent.click(screen.getByTestId("signoff-unlock"));
    await waitFor(() => expect(state.calls).toEqual([["signoff_unlock", { class_id: "c7a", term_id: "t1" }]]));
  });

  it("adds a column to a component, renames one, and asks before removing one with its scores", async () => {
    const state = await open();
    await userEvent.click(screen.getByTestId("column-add"));
    await userEvent.click(screen.getByTestId("column-component"));
    await userEvent.click(within(screen.getByTestId("column-component-list")).getByText("PTS (30 %)"));
    await userEvent.type(screen.getByTestId("column-name"), "PTS susulan");
    await userEvent.click(screen.getByTestId("column-save"));
    await waitFor(() => expect(state.calls).toEqual([["assessment_add", { class_id: "c7a", component_id: "k2", name: "PTS susulan" }]]));

    // From the keyboard too: Enter on a column's header opens it.
    screen.getByTestId("column-a3").focus();
    await userEvent.keyboard("{Enter}");
    const name = screen.getByTestId("column-name");
    await userEvent.clear(name);
    await userEvent.type(name, "STS");
    await userEvent.click(screen.getByTestId("column-save"));
    await waitFor(() => expect(state.calls.at(-1)).toEqual(["assessment_rename", { id: "a3", name: "STS" }]));

    await userEvent.click(screen.getByTestId("column-a3"));
    await userEvent.click(screen.getByTestId("column-remove"));
    // Asked first, naming the scores that go with it; nothing removed yet.
    expect(screen.getByTestId("column-remove-ask").textContent).toBe('Remove "PTS" and the 1 scores in it? This cannot be undone.');
    expect(state.calls.length).toBe(2);
    await userEvent.click(screen.getByTestId("column-remove-confirm"));
    await waitFor(() => expect(state.calls.at(-1)).toEqual(["assessment_remove", { id: "a3", with_scores: true }]));
  });
});

describe("who grades", () => {
  const startup: Startup = { configured: true, database: "/tmp/school.db", needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };
  const dashboard: Dashboard = { school_name: "SMP Negeri 1", year: null, term: null, counts: [], classes: [], students: [], today: "2026-11-29" };
  const app = (session: SessionInfo) => {
    const gb = book();
    mockIPC((cmd) => {
      if (cmd === "startup") return startup;
      if (cmd === "session_current") return session;
      if (cmd === "dashboard") return dashboard;
      if (cmd === "domain_rules") return { proposed_year: { name: "2026/2027", start_date: "2026-07-13", end_date: "2027-06-26", semesters: [] }, genders: [] };
      if (cmd === "gradebook_choices") return choices;
      if (cmd === "gradebook_open") return gb;
      return null;
    });
    render(<App />);
  };

  it("a teacher finds the gradebook in the sidebar", async () => {
    app(teacherSession(["c7a"]));
    await userEvent.click(await screen.findByTestId("nav-gradebook"));
    expect(await screen.findByTestId("grade-grid")).toBeTruthy();
  });

  it("the dashboard's draft of unsaved cells opens its book with them", async () => {
    const ipa = { ...choices[0], subject_id: "ipa", subject_name: "IPA" };
    const two = [...choices, ipa];
    setLocalUser("siti.rahayu");
    await (await local()).putDraft({ key: gradebookDraftKey(ipa), title: "Gradebook: VII A · IPA · Semester 1", data: [{ student_id: "s2", assessment_id: "a3", text: "91" }], saved_at: "2026-11-29T10:00:00Z" });
    const opened: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "startup") return startup;
      if (cmd === "session_current") return teacherSession(["c7a"]);
      if (cmd === "dashboard") return dashboard;
      if (cmd === "domain_rules") return { proposed_year: { name: "2026/2027", start_date: "2026-07-13", end_date: "2027-06-26", semesters: [] }, genders: [] };
      if (cmd === "gradebook_choices") return two;
      if (cmd === "gradebook_open") {
        opened.push(args);
        return book();
      }
      return null;
    });
    render(<App />);
    const drafts = await screen.findByTestId("drafts");
    expect(drafts.textContent).toContain("Gradebook: VII A · IPA · Semester 1");
    await userEvent.click(within(drafts).getByTestId("draft-restore"));
    await screen.findByTestId("grade-grid");
    expect(opened).toEqual([{ class_id: "c7a", subject_id: "ipa", term_id: "t1" }]);
    await waitFor(() => expect(cell(1, 3).dataset.status).toBe("failed"));
    expect(cell(1, 3).textContent).toContain("91");
    setLocalUser("");
  });

  it("a student or a parent has no gradebook", async () => {
    const student: SessionInfo = { ...teacherSession([]), roles: ["student"] };
    app(student);
    await screen.findByTestId("nav-dashboard");
    expect(screen.queryByTestId("nav-gradebook")).toBeNull();
  });

  it("offers the gradebook to teachers and administrators only", () => {
    expect(mayGrade(["teacher"])).toBe(true);
    expect(mayGrade(["homeroom"])).toBe(true);
    expect(mayGrade(["admin"])).toBe(true);
    expect(mayGrade(["student"])).toBe(false);
    expect(mayGrade(["parent"])).toBe(false);
    expect(mayGrade(["bursar"])).toBe(false);
    expect(teacherSession([]).roles).toContain("teacher");
  });
});
