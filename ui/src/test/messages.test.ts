// Issue 16, item 6: a server message is said in the UI's language, by its
// code and values, with each field's label (never its internal name) and
// never the server's English sentence in the Indonesian UI.
import { describe, expect, it } from "vitest";
import type { UiError } from "../bindings";
import { endReasonText, errorText, makeI18n, problemText } from "../i18n";

const id = makeI18n("id", () => {});
const en = makeI18n("en", () => {});
const error = (kind: string, message: string, extra: Partial<UiError> = {}): UiError => ({ kind, code: "", params: {}, message, fields: [], rows: [], conflict: null, ...extra });

describe("server messages", () => {
  it("names a form's fields by their labels, with each problem in the UI's language", () => {
    const moved = error("invalid", "class_id: the student is already in class VIII E this year; move them instead", {
      fields: [{ field: "class_id", code: "already_in_class", params: { class: "VIII E" }, message: "the student is already in class VIII E this year; move them instead" }],
    });
    expect(errorText(id, moved)).toBe("Rombel: siswa ini sudah di rombel VIII E tahun ini; pindahkan saja");
    const empty = error("invalid", "principal_name: must not be empty", {
      fields: [
        { field: "principal_name", code: "empty", params: {}, message: "must not be empty" },
        { field: "npsn", code: "npsn_format", params: { value: "12" }, message: "NPSN must be 8 letters or digits" },
      ],
    });
    expect(errorText(id, empty)).toBe("Kepala sekolah: tidak boleh kosong; NPSN: NPSN harus 8 huruf atau angka (tertulis “12”)");
    expect(errorText(en, empty)).toBe("Principal: must not be empty; NPSN: NPSN must be 8 letters or digits (got “12”)");
    const server = error("invalid", "fill in the server's details", { fields: [{ field: "host", code: "empty", params: {}, message: "must not be empty" }] });
    expect(errorText(id, server)).toBe("Server (host): tidak boleh kosong");
  });

  it("says a refusal, a duplicate and a missing record with the record's and the action's words", () => {
    const refused = error("forbidden", "you are not allowed to move students", { code: "not_allowed", params: { action: "manage_enrollment" } });
    expect(errorText(id, refused)).toBe("Anda tidak berhak memasukkan, memindahkan atau mengeluarkan siswa");
    expect(errorText(en, refused)).toBe("You are not allowed to add, move or take out students");
    const duplicate = error("duplicate", "a student with NISN 0012345678 already exists", { params: { what: "students", fields: "nisn", value: "0012345678" } });
    expect(errorText(id, duplicate)).toBe("Sudah ada siswa dengan NISN 0012345678.");
    const two = error("duplicate", "…", { params: { what: "classes", fields: "name,academic_year_id", value: "VII A / 2026/2027" } });
    expect(errorText(id, two)).toBe("Sudah ada rombel dengan Nama dan Tahun ajaran VII A / 2026/2027.");
    const gone = error("not_found", "class 5f0c… was not found", { params: { what: "classes" } });
    expect(errorText(id, gone)).toBe("Rombel itu sudah tidak ada; mungkin sudah dihapus.");
    const exists = error("setup", "/tmp/siswa.xlsx exists already; choose another name", { code: "file_exists", params: { path: "/tmp/siswa.xlsx" } });
    expect(errorText(id, exists)).toBe("/tmp/siswa.xlsx sudah ada; pilih nama lain");
  });

  it("never shows the server's English in Indonesian, even for a message without a code", () => {
    const uncoded = error("setup", "cannot find this user's home directory");
    expect(errorText(id, uncoded)).toBe("Masalah pengaturan.");
    expect(errorText(id, error("something_new", "an English sentence"))).toBe("Terjadi kesalahan.");
    expect(errorText(en, error("something_new", "an English sentence"))).toBe("an English sentence");
  });

  it("names a missing sheet column by its label and the name the file may use", () => {
    expect(problemText(id, { code: "missing_column", params: { key: "full_name" }, reason: "the column full_name is missing from the header row" })).toBe(
      "kolom Nama lengkap (full_name) tidak ada di baris judul",
    );
  });

  it("says why an enrollment ended in words, and a typed reason as typed", () => {
    expect(endReasonText(id, "moved")).toBe("pindah rombel");
    expect(endReasonText(id, "removed")).toBe("dikeluarkan dari rombel");
    expect(endReasonText(en, "graduated")).toBe("graduated");
    expect(endReasonText(id, "pindah ke SMP 2")).toBe("pindah ke SMP 2");
    expect(endReasonText(id, null)).toBe("");
  });
});
