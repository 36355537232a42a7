// Issue 16, item 7: a preview with bad rows groups repeated problems, offers
// to create the classes a students file names, imports the good rows only
// when asked, and saves the rejected rows with what is wrong in the UI's
// language. The shell's answers are real (src-tauri/tests/fixtures.rs).
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ImportPreview } from "../bindings";
import { ImportDialog, rowsText } from "../components/ImportExport";
import missingColumn from "./fixtures/import-missing-column.json";
import noClassesJson from "./fixtures/import-students-no-classes.json";
import { wrap } from "./render";

const noClasses = noClassesJson as unknown as ImportPreview;
const file = () => new File([new Uint8Array([80, 75, 3, 4])], "siswa.xlsx");

describe("rowsText", () => {
  it("writes rows as stretches", () => {
    expect(rowsText([2, 3, 4, 7, 9, 10])).toBe("2–4, 7, 9–10");
    expect(rowsText([5, 2, 3])).toBe("2–3, 5");
    expect(rowsText([2, 4, 6, 8, 10, 12])).toBe("2, 4, 6, 8, …");
  });
});

describe("import preview with bad rows", () => {
  it("groups 28 rows naming 4 missing classes into one line, in Indonesian and in English", async () => {
    mockIPC((cmd) => (cmd === "import_preview" ? noClasses : null));
    const { unmount } = wrap(<ImportDialog kind="students" onClose={() => {}} />, "id");
    await userEvent.upload(screen.getByTestId("import-file"), file());
    const lines = (await screen.findAllByTestId("import-problem")).map((p) => p.textContent);
    expect(lines).toEqual([
      "2–29class4 rombel belum ada pada 2030/2031: VII A, VII B, VIII C, Kelas Unggulan",
      "30nisnNISN harus tepat 10 angka (tertulis “12345”)",
    ]);
    expect(screen.getByTestId("import-problems").textContent).toBe(
      "29 dari 31 baris bermasalah. 2 baris lainnya bisa diimpor sekarang; baris yang bermasalah bisa disimpan untuk diperbaiki lalu diimpor lagi.",
    );
    const missing = screen.getByTestId("import-missing-classes");
    expect(missing.textContent).toContain("4 rombel belum ada pada 2030/2031: VII A, VII B, VIII C, Kelas Unggulan");
    expect(screen.getByTestId("import-create-classes").textContent).toBe("Buat 3 rombel ini (tingkat dari namanya: VII A → 7) lalu periksa lagi");
    expect(missing.textContent).toContain("ditambahkan di layar Rombel");
    unmount();

    wrap(<ImportDialog kind="students" onClose={() => {}} />, "en");
    await userEvent.upload(screen.getByTestId("import-file"), file());
    const english = (await screen.findAllByTestId("import-problem")).map((p) => p.textContent);
    expect(english[0]).toBe("2–29class4 classes do not exist in 2030/2031: VII A, VII B, VIII C, Kelas Unggulan");
    expect(screen.getByTestId("import-run-good").textContent).toBe("Import the 2 good rows (leave out 29)");
  });

  it("creates the classes by checking the file again with the shell's option", async () => {
    const calls: [string, unknown][] = [];
    const created: ImportPreview = {
      token: "plan-2",
      summary: { ...noClasses.summary, created: 29, rejected: noClasses.summary.rejected.slice(-2), created_classes: ["VII A", "VII B", "VIII C"] },
    };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "import_preview") return calls.length === 1 ? noClasses : created;
    });
    wrap(<ImportDialog kind="students" onClose={() => {}} />, "en");
    await userEvent.upload(screen.getByTestId("import-file"), file());
    await userEvent.click(await screen.findByTestId("import-create-classes"));
    expect((await screen.findByTestId("import-created-classes")).textContent).toBe(
      "3 classes will be created in this import: VII A, VII B, VIII C",
    );
    expect(calls.map(([c]) => c)).toEqual(["import_preview", "import_preview"]);
    // The file's bytes again, and the option in the headers.
    expect(Array.from(calls[1][1] as Uint8Array)).toEqual([80, 75, 3, 4]);
    expect(screen.getByTestId("import-run-good").textContent).toBe("Import the 29 good rows (leave out 2)");
  });

  it("imports the good rows only when asked, then saves the rejected rows with the problems in the UI's words", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "import_preview") return noClasses;
      if (cmd === "import_write") return { ...noClasses.summary, written: true };
      if (cmd === "plugin:dialog|save") return "/home/tu/siswa-ditolak.xlsx";
      if (cmd === "import_rejected_save") return null;
    });
    const onDone = vi.fn();
    const onClose = vi.fn();
    wrap(<ImportDialog kind="students" onClose={onClose} onDone={onDone} />, "id");
    await userEvent.upload(screen.getByTestId("import-file"), file());
    await screen.findAllByTestId("import-problem");
    expect(calls.map(([c]) => c)).toEqual(["import_preview"]);

    await userEvent.click(screen.getByTestId("import-run-good"));
    expect((await screen.findByTestId("import-written")).textContent).toBe(
      "Berhasil diimpor: 2 baru, 0 berubah. 29 baris tidak diimpor: simpan, perbaiki, lalu impor berkas itu.",
    );
    expect(calls[1]).toEqual(["import_write", { token: "token-students-classes", skip_invalid: true }]);
    expect(onDone).toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId("import-save-rejected"));
    await waitFor(() => expect(calls.map(([c]) => c)).toContain("import_rejected_save"));
    const [, args] = calls.find(([c]) => c === "import_rejected_save")!;
    const sent = args as { token: string; format: string; path: string; problem_header: string; row_word: string; texts: string[] };
    expect(sent.token).toBe("token-students-classes");
    expect([sent.format, sent.path, sent.problem_header, sent.row_word]).toEqual(["xlsx", "/home/tu/siswa-ditolak.xlsx", "masalah", "baris"]);
    expect(sent.texts).toHaveLength(29);
    expect(sent.texts[0]).toBe("tidak ada rombel “VII A” pada 2030/2031");
    expect(sent.texts[28]).toBe("NISN harus tepat 10 angka (tertulis “12345”)");
    expect(await screen.findByText("Baris yang ditolak disimpan ke /home/tu/siswa-ditolak.xlsx")).toBeTruthy();
  });

  it("a file with no good row offers no partial import", async () => {
    const none: ImportPreview = { token: "t", summary: { ...noClasses.summary, rows: 29 } };
    mockIPC((cmd) => (cmd === "import_preview" ? none : null));
    wrap(<ImportDialog kind="students" onClose={() => {}} />, "en");
    await userEvent.upload(screen.getByTestId("import-file"), file());
    await screen.findAllByTestId("import-problem");
    expect(screen.queryByTestId("import-run-good")).toBeNull();
    expect(screen.getByTestId("import-run")).toBeDisabled();
    expect(screen.getByTestId("import-save-rejected")).toBeTruthy();
  });
});

describe("a missing column", () => {
  it("names the columns found and the nearest one, with the column's label, in Indonesian", async () => {
    mockIPC((cmd) => {
      if (cmd === "import_preview") throw missingColumn;
    });
    wrap(<ImportDialog kind="students" onClose={() => {}} />, "id");
    await userEvent.upload(screen.getByTestId("import-file"), file());
    const lines = (await screen.findAllByTestId("import-problem")).map((p) => p.textContent);
    expect(lines).toEqual([
      "1full_namekolom Nama lengkap (full_name) tidak ada; kolom di berkas: NIS, NISN, Nama Lengkap Siswa, JK, Tempat Lahir, Tanggal Lahir, Agama. Maksudnya “Nama Lengkap Siswa”?",
    ]);
    expect(screen.queryByTestId("import-run-good")).toBeNull();
    expect(screen.queryByTestId("import-save-rejected")).toBeNull();
  });
});
