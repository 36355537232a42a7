// The gradebook's Excel export and import (issue 12, item 3) with the real
// screen, the shell faked under the IPC: the export goes to the path the
// save dialog chose; a refused import shows every problem (row, column
// with its sheet, reason in the UI's language) and reloads nothing; a good
// import says what changed and reloads the grid.
import { mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { UiError } from "../bindings";
import { GradebookScreen } from "../screens/Gradebook";
import type { Gradebook, GradebookChoice } from "../screens/gradebookWire";
import { ADMIN, wrap } from "./render";

const choices: GradebookChoice[] = [{ class_id: "c7a", class_name: "VII A", subject_id: "mat", subject_name: "Matematika", term_id: "t1", term_name: "Semester 1" }];

const book = (over: Partial<Gradebook> = {}): Gradebook => ({
  scheme: {
    id: "sch",
    kkm: "75",
    rounding_places: 0,
    rounding_mode: "half_up",
    bands: [{ label: "A", min: "0" }],
    components: [
      { id: "k1", name: "Formatif", kind: "formative", weight: "40" },
      { id: "k2", name: "PAS", kind: "end_of_term", weight: "60" },
    ],
  },
  columns: [
    { id: "a1", component_id: "k1", name: "UH 1", position: 0 },
    { id: "a2", component_id: "k2", name: "PAS 1", position: 0 },
  ],
  students: [{ student_id: "s1", full_name: "Adi Nugroho", nis: "2401" }],
  scores: [],
  finals: [{ student_id: "s1", grade: null, predicate: null, passed: null, missing: ["Formatif", "PAS"] }],
  status: "draft",
  editable: true,
  ...over,
});

/** What the server answers for a file with 105, "abc" and 84.499 (the
 * shape `gradebook_import` gives; see crates/app/tests/gradebook_sheet.rs). */
const refused: UiError = {
  kind: "import_rejected",
  params: { count: "3" },
  message: "the file has 3 problem(s); nothing was imported. First: row 8, column Nilai!D (Formatif: UH 1): \"105\": a score must be from 0 to 100",
  fields: [],
  conflict: null,
  rows: [
    { row: 8, column: "Nilai!D (Formatif: UH 1)", reason: "\"105\": a score must be from 0 to 100", code: "score_out_of_range", params: { value: "105", sheet: "Nilai" } },
    { row: 9, column: "Nilai!E (PAS: PAS 1)", reason: "\"abc\": not a number", code: "score_not_a_number", params: { value: "abc", sheet: "Nilai" } },
    { row: 10, column: "Nilai!D (Formatif: UH 1)", reason: "\"84.499\": at most two decimal places", code: "score_too_precise", params: { value: "84.499", sheet: "Nilai" } },
  ],
};

function fake(answer: (cmd: string, args: unknown) => unknown, gb: Gradebook = book()) {
  const calls: [string, unknown][] = [];
  mockIPC(async (cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "gradebook_choices") return choices;
    if (cmd === "gradebook_open") return gb;
    return answer(cmd, args);
  });
  return calls;
}

const xlsx = () => new File([new Uint8Array([80, 75, 3, 4])], "nilai.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });

afterEach(cleanup);

describe("the gradebook as an Excel file", () => {
  it("shows every problem of a refused file, in Indonesian, and reloads nothing", async () => {
    const calls = fake((cmd) => {
      if (cmd === "gradebook_import_file") throw refused;
      return null;
    });
    wrap(<GradebookScreen />, "id", ADMIN);
    await screen.findByTestId("grade-grid");
    expect(screen.getByTestId("gradebook-import-button").textContent).toBe("Impor dari Excel");
    await userEvent.upload(screen.getByTestId("gradebook-import"), xlsx());
    const dialog = await screen.findByTestId("gradebook-import-problems");
    expect(within(dialog).getByTestId("gradebook-import-intro").textContent).toBe("Ada 3 masalah dalam berkas; tidak ada yang disimpan. Perbaiki di berkas lalu impor lagi.");
    const lines = within(dialog)
      .getAllByTestId("gradebook-import-problem")
      .map((r) => Array.from(r.querySelectorAll("td")).map((c) => c.textContent));
    expect(lines).toEqual([
      ["8", "Nilai!D (Formatif: UH 1)", "105: nilai harus 0 sampai 100"],
      ["9", "Nilai!E (PAS: PAS 1)", "\"abc\" bukan angka"],
      ["10", "Nilai!D (Formatif: UH 1)", "84.499: paling banyak dua angka di belakang koma"],
    ]);
    // The file's bytes went as the raw body, the book's ids beside them.
    const sent = calls.find(([c]) => c === "gradebook_import_file");
    expect(Array.from(sent?.[1] as Uint8Array)).toEqual([80, 75, 3, 4]);
    // Nothing changed: the book was opened once, not reloaded.
    expect(calls.filter(([c]) => c === "gradebook_open")).toHaveLength(1);
    await userEvent.click(within(dialog).getByText("Tutup"));
    expect(screen.queryByTestId("gradebook-import-problems")).toBeNull();
  });

  it("says what a good import changed and reloads the grid", async () => {
    const calls = fake((cmd) => (cmd === "gradebook_import_file" ? { cells_changed: 3, cells_cleared: 1 } : null));
    wrap(<GradebookScreen />, "en", ADMIN);
    await screen.findByTestId("grade-grid");
    await userEvent.upload(screen.getByTestId("gradebook-import"), xlsx());
    expect(await screen.findByText("Imported: 3 score(s) entered or changed, 1 removed.")).toBeTruthy();
    await waitFor(() => expect(calls.filter(([c]) => c === "gradebook_open")).toHaveLength(2));
    expect(screen.queryByTestId("gradebook-import-problems")).toBeNull();
  });

  it("exports to the path chosen in the save dialog; a locked book offers no import", async () => {
    const calls = fake((cmd) => (cmd === "plugin:dialog|save" ? "/home/guru/VII A Matematika Semester 1.xlsx" : null), book({ editable: false, status: "approved" }));
    wrap(<GradebookScreen />, "en", ADMIN);
    await screen.findByTestId("grade-grid");
    expect(screen.queryByTestId("gradebook-import")).toBeNull();
    await userEvent.click(screen.getByTestId("gradebook-export"));
    await screen.findByText("Saved to /home/guru/VII A Matematika Semester 1.xlsx");
    const exported = calls.find(([c]) => c === "gradebook_export_file");
    expect(exported?.[1]).toEqual({ class_id: "c7a", subject_id: "mat", term_id: "t1", path: "/home/guru/VII A Matematika Semester 1.xlsx" });
  });
});
