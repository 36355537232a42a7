// Issue 16, item 6: the audit trail in the UI's language. Actions and
// record types are words, before/after is a field-by-field change with the
// fields' labels (secrets never), and a name typed in the search is sent to
// the server, which finds that record's changes.
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../bindings";
import { AuditScreen } from "../screens/Audit";
import { wrap } from "./render";

let n = 0;
const event = (action: string, table_name: string, record_id: string | null, before: object | string | null, after: object | string | null): AuditEvent => ({
  id: `ev-${++n}`,
  at: `2026-09-0${Math.min(n, 9)}T08:00:00Z`,
  actor_id: "u-admin",
  actor_login: "kurikulum",
  action,
  table_name,
  record_id,
  before: before === null ? null : typeof before === "string" ? before : JSON.stringify(before),
  after: after === null ? null : typeof after === "string" ? after : JSON.stringify(after),
});

const S = "5f0c4c2e-1111-4a5b-9c3d-000000000001";
const A = "5f0c4c2e-2222-4a5b-9c3d-000000000002";
const E = "5f0c4c2e-3333-4a5b-9c3d-000000000003";
const U = "5f0c4c2e-4444-4a5b-9c3d-000000000004";
const andi = { nis: "2501", nisn: "0012345678", full_name: "Andi Pratama", gender: "male", birth_place: "Bandung", birth_date: "2012-03-04", religion: "Islam", address: "", status: "active", user_id: null };
const enrollment = { student_id: S, class_id: A, academic_year_id: "y", start_date: "2026-07-14", end_date: null, end_reason: null };
const budi = { login: "budi", display_name: "Budi Santoso", roles: ["teacher"], active: true };
// Newest first, as the server sends them.
const trail: AuditEvent[] = [
  event("create", "students", S, null, andi),
  event("create", "classes", A, null, { name: "VIII A", grade_level: 8, academic_year_id: "y", homeroom_teacher_id: null }),
  event("create", "enrollments", E, null, enrollment),
  event("update", "enrollments", E, enrollment, { ...enrollment, end_date: "2026-09-01", end_reason: "moved" }),
  // A hash that reached an image by mistake is still never shown.
  event("update", "users", U, { ...budi, password_hash: "$argon2id$old" }, { ...budi, roles: ["teacher", "homeroom"], password_hash: "$argon2id$new" }),
  event("login_failed", "users", U, null, "failed login 3 in a row"),
].reverse();

function school(calls: unknown[]) {
  mockIPC((cmd, args) => {
    if (cmd === "years_list") return [{ id: "y", version: 1, updated_at: "2026-07-01T00:00:00Z", data: { name: "2026/2027", start_date: "2026-07-13", end_date: "2027-06-30", is_current: true } }];
    if (cmd !== "audit_list") return null;
    calls.push(args);
    const text = (args as { text: string | null }).text;
    return text ? trail.filter((e) => `${e.before}${e.after}`.toLowerCase().includes(text.toLowerCase())) : trail;
  });
}

const row = (words: RegExp) => screen.getAllByTestId("row-audit").find((r) => words.test(r.textContent ?? ""))!;

describe("the audit trail", () => {
  it("says actions, record types and what changed in Indonesian, field by field, never raw JSON or secrets", async () => {
    school([]);
    wrap(<AuditScreen />, "id");
    await waitFor(() => expect(screen.getAllByTestId("row-audit")).toHaveLength(6));
    const rows = screen.getAllByTestId("row-audit").map((r) => r.textContent ?? "");
    // Words, not the names the database uses.
    for (const raw of [/\bcreate\b/, /\bupdate\b/, /login_failed/, /enrollments/, /\{/]) {
      expect(rows.join("\n")).not.toMatch(raw);
    }
    expect(row(/Gagal masuk/)).toHaveTextContent("Akun pengguna");
    expect(row(/Ditambahkan.*Siswa/)).toHaveTextContent("Andi Pratama");
    // A class membership is named by its student and class.
    expect(row(/Diubah.*Keanggotaan rombel/)).toHaveTextContent("Andi Pratama · VIII A");

    // The move: only what changed, with the fields' labels, dates and the
    // reason in words.
    await userEvent.click(row(/Diubah.*Keanggotaan rombel/));
    let dialog = await screen.findByRole("dialog");
    let changes = within(dialog).getByTestId("audit-changes");
    expect(within(changes).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "IsianSebelumSesudah",
      "Tanggal selesai—→ 1 September 2026",
      "Alasan keluar—→ pindah rombel",
    ]);
    expect(dialog.textContent).not.toMatch(/[{}"]|end_reason|moved/);
    await userEvent.keyboard("{Escape}");

    // A reference to a record whose events are not in view: by the
    // directory's name.
    await userEvent.click(row(/Ditambahkan.*Keanggotaan rombel/));
    dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Tahun ajaran2026/2027");
    expect(dialog).toHaveTextContent("RombelVIII A");
    await userEvent.keyboard("{Escape}");

    // A user's roles in words; the password hash never.
    await userEvent.click(row(/Diubah.*Akun pengguna/));
    dialog = await screen.findByRole("dialog");
    changes = within(dialog).getByTestId("audit-changes");
    expect(within(changes).getAllByRole("row").map((r) => r.textContent)).toEqual(["IsianSebelumSesudah", "PeranGuru→ Guru, Wali kelas"]);
    expect(dialog.textContent).not.toMatch(/argon|password|hash/i);
    await userEvent.keyboard("{Escape}");

    // An addition lists the values it recorded.
    await userEvent.click(row(/Ditambahkan.*Siswa/));
    dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Isian yang tercatat");
    expect(dialog).toHaveTextContent("Nama lengkap");
    expect(dialog).toHaveTextContent("Tanggal lahir4 Maret 2012");
    expect(dialog).toHaveTextContent("Jenis kelaminLaki-laki");
    await userEvent.keyboard("{Escape}");

    // A failed login's note in words.
    await userEvent.click(row(/Gagal masuk/));
    expect(await screen.findByTestId("audit-note")).toHaveTextContent("gagal masuk ke-3 berturut-turut");
  });

  it("speaks English in the English UI", async () => {
    school([]);
    wrap(<AuditScreen />, "en");
    await waitFor(() => expect(screen.getAllByTestId("row-audit")).toHaveLength(6));
    expect(row(/Changed.*Class membership/)).toHaveTextContent("Andi Pratama · VIII A");
    await userEvent.click(row(/Changed.*Class membership/));
    const changes = within(await screen.findByRole("dialog")).getByTestId("audit-changes");
    expect(within(changes).getAllByRole("row").map((r) => r.textContent)).toContain("Reason for leaving—→ moved to another class");
  });

  it("asks the server for a name's changes", async () => {
    const calls: unknown[] = [];
    school(calls);
    wrap(<AuditScreen />, "id");
    await waitFor(() => expect(screen.getAllByTestId("row-audit")).toHaveLength(6));
    await userEvent.type(screen.getByTestId("search-audit"), "Budi");
    await waitFor(() => expect(calls).toContainEqual({ table_name: null, record_id: null, text: "Budi", limit: 5000 }));
    await waitFor(() => expect(screen.getAllByTestId("row-audit")).toHaveLength(1));
    expect(screen.getAllByTestId("row-audit")[0]).toHaveTextContent("Budi Santoso");
  });
});
