// The fee screens' bank import, arrears export and the administrator's
// fee plans (issue 17, helper "feesui"), with the real components: a bank
// statement previewed books nothing; sure lines come ticked, uncertain
// ones only when a person ticks them, unmatched and already booked ones
// cannot be; bad lines are named by row and column; the confirmation
// sends the same bytes and the ticked rows. Fee items, assignments and
// discounts refuse bad input naming the field before anything is sent,
// and send integers (rupiah, basis points). Plans are the admin's only.
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BankPreviewView, FeeAssignment, FeeDiscount, FeeItem, Rec, AcademicYear } from "../bindings";
import { FeesScreen, percentToBasisPoints } from "../screens/Fees";
import { ADMIN, teacherSession, wrap } from "./render";

/** The raw calls, with the options `invokeWithBytes` passes (its JSON
 * arguments travel in a header), which the mock's callback does not see. */
function rawCalls(): { cmd: string; args: unknown; options?: { headers?: Record<string, string> } }[] {
  const seen: { cmd: string; args: unknown; options?: { headers?: Record<string, string> } }[] = [];
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o?: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
  const mocked = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    seen.push({ cmd, args, options: options as { headers?: Record<string, string> } });
    return mocked(cmd, args, options);
  };
  return seen;
}

const meta = { version: 1, updated_at: "2026-08-14T00:00:00Z" };
const year: Rec<AcademicYear> = { id: "y1", ...meta, data: { name: "2026/2027", start_date: "2026-07-13", end_date: "2027-06-26", is_current: true } };
const spp: Rec<FeeItem> = { id: "f1", ...meta, data: { academic_year_id: "y1", name: "SPP", amount: 150_000, schedule: "monthly", once_period: null, due_day: 10, active: true } };

const line = (row: number, confidence: string, student: boolean, extra: Partial<BankPreviewView["lines"][number]> = {}) => ({
  row,
  date: "2026-08-12",
  description: `TRF ${row}`,
  amount: 150_000,
  reference: null,
  student_id: student ? `s${row}` : null,
  student_name: student ? `Siswa ${row}` : null,
  student_nisn: student ? `00123456${row}` : null,
  confidence,
  booked: false,
  possibly_booked: null,
  ...extra,
});
const preview: BankPreviewView = {
  lines: [line(2, "sure", true), line(3, "uncertain", true, { possibly_booked: "2026-00007" }), line(4, "unmatched", false), line(5, "sure", true, { booked: true })],
  problems: [{ row: 6, column: "Jumlah", reason: "\"abc\" is not an amount", code: "not_a_bank_amount", params: { value: "abc" } }],
  debits: 2,
};

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;
function office(extra: Handler = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case "fee_today":
        return "2026-08-14";
      case "years_list":
        return [year];
      case "fee_items":
        return [spp];
      case "fee_assignments":
        return [{ id: "a1", ...meta, data: { fee_item_id: "f1", grade_level: 7, class_id: null, student_id: null } }];
      case "fee_discounts":
        return [];
      case "fee_students":
        return [{ student: { id: "s1", ...meta, data: { nis: "2401", nisn: "0012345678", full_name: "Sari Wulandari", gender: "female", birth_place: "Bandung", birth_date: "2013-03-04", religion: "Islam", address: "-", status: "active", user_id: null } }, class_name: "VII A" }];
      case "teachers_list":
      case "subjects_list":
      case "classes_list":
        return [];
      default:
        return null;
    }
  });
  return calls;
}

describe("a bank statement", () => {
  it("is previewed without booking, then books the ticked lines of the same file", async () => {
    const calls = office((cmd) => {
      if (cmd === "fee_bank_preview") return preview;
      if (cmd === "fee_bank_confirm") return { booked: [{ row: 2, receipt: "2026-00010", amount: 150_000 }, { row: 3, receipt: "2026-00011", amount: 150_000 }], already: [] };
      return undefined;
    });
    const raw = rawCalls();
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-bank"));
    const bytes = new Uint8Array([84, 97, 110, 103, 103, 97, 108]);
    await userEvent.upload(screen.getByTestId("fee-bank-file"), new File([bytes], "mutasi.csv"));
    await screen.findByTestId("fee-bank-lines");
    expect(calls.some((c) => c.cmd === "fee_bank_confirm")).toBe(false);
    // Bad lines by row and column, in words.
    expect(screen.getByTestId("fee-bank-problems")).toHaveTextContent("Row 6, column Jumlah:");
    // Sure and not booked: ticked. Uncertain: a person ticks it. Unmatched
    // and booked before: nothing to tick.
    const sure = screen.getAllByTestId("fee-bank-line-sure");
    expect(within(sure[0]).getByTestId("fee-bank-tick")).toBeChecked();
    expect(within(sure[1]).queryByTestId("fee-bank-tick")).toBeNull();
    expect(sure[1]).toHaveTextContent("Booked by an earlier import");
    const uncertain = screen.getByTestId("fee-bank-line-uncertain");
    expect(uncertain).toHaveTextContent("Perhaps booked already as receipt 2026-00007");
    expect(within(uncertain).getByTestId("fee-bank-tick")).not.toBeChecked();
    expect(within(screen.getByTestId("fee-bank-line-unmatched")).queryByTestId("fee-bank-tick")).toBeNull();
    expect(screen.getByTestId("fee-bank-confirm")).toHaveTextContent("Book 1 ticked line(s)");
    await userEvent.click(within(uncertain).getByTestId("fee-bank-tick"));
    await userEvent.click(screen.getByTestId("fee-bank-confirm"));
    expect(await screen.findByTestId("fee-bank-done")).toHaveTextContent("Row 3: receipt 2026-00011, Rp 150.000");
    const sent = raw.find((c) => c.cmd === "fee_bank_confirm")!;
    expect([...(sent.args as Uint8Array)]).toEqual([...bytes]);
    expect(JSON.parse(sent.options!.headers!["schooldesk-args"])).toEqual({ format: "csv", confirmed: [{ row: 2, student_id: "s2" }, { row: 3, student_id: "s3" }] });
  });

  it("gives an unmatched line to a student by hand: nothing booked until confirmed, and undone before", async () => {
    const calls = office((cmd) => {
      if (cmd === "fee_bank_preview") return preview;
      if (cmd === "fee_bank_confirm") return { booked: [{ row: 4, receipt: "2026-00012", amount: 150_000 }], already: [] };
      return undefined;
    });
    const raw = rawCalls();
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-bank"));
    await userEvent.upload(screen.getByTestId("fee-bank-file"), new File([new Uint8Array([1])], "mutasi.csv"));
    await screen.findByTestId("fee-bank-lines");
    // A sure line has nothing to assign; the unmatched one has.
    expect(within(screen.getAllByTestId("fee-bank-line-sure")[0]).queryByTestId("fee-bank-assign")).toBeNull();
    const unmatched = screen.getByTestId("fee-bank-line-unmatched");
    await userEvent.click(within(unmatched).getByTestId("fee-bank-assign"));
    const dialog = await screen.findByTestId("fee-bank-assign-dialog");
    await userEvent.type(within(dialog).getByTestId("fee-bank-assign-search"), "vii a");
    await userEvent.click(within(dialog).getByTestId("fee-bank-assign-go"));
    await userEvent.click(await within(dialog).findByTestId("fee-bank-assign-pick"));
    expect(calls.find((c) => c.cmd === "fee_students")!.args).toEqual({ text: "vii a" });
    // Assigned and ticked, but nothing booked yet.
    expect(within(unmatched).getByTestId("fee-bank-student")).toHaveTextContent("Sari Wulandari (0012345678)assigned by hand");
    expect(within(unmatched).getByTestId("fee-bank-tick")).toBeChecked();
    expect(calls.some((c) => c.cmd === "fee_bank_confirm")).toBe(false);
    // Undone: no student, nothing to tick; assigned again.
    await userEvent.click(within(unmatched).getByTestId("fee-bank-unassign"));
    expect(within(unmatched).queryByTestId("fee-bank-tick")).toBeNull();
    await userEvent.click(within(unmatched).getByTestId("fee-bank-assign"));
    await userEvent.type(screen.getByTestId("fee-bank-assign-search"), "Sari");
    await userEvent.click(screen.getByTestId("fee-bank-assign-go"));
    await userEvent.click(await screen.findByTestId("fee-bank-assign-pick"));
    // Only the sure line (row 2) and the one given by hand go.
    await userEvent.click(screen.getByTestId("fee-bank-confirm"));
    await screen.findByTestId("fee-bank-done");
    const sent = raw.find((c) => c.cmd === "fee_bank_confirm")!;
    expect(JSON.parse(sent.options!.headers!["schooldesk-args"])).toEqual({ format: "csv", confirmed: [{ row: 2, student_id: "s2" }, { row: 4, student_id: "s1" }] });
  });

  it("refuses a file that is neither CSV nor XLSX, naming it", async () => {
    const calls = office();
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-bank"));
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByTestId("fee-bank-file"), new File(["x"], "mutasi.pdf"));
    expect(await screen.findByText("mutasi.pdf is not a CSV or XLSX file")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_bank_preview")).toBe(false);
  });

  it("shows a whole-file refusal's bad rows by row and column", async () => {
    office((cmd) =>
      cmd === "fee_bank_preview"
        ? Promise.reject({ kind: "invalid", message: "import rejected", fields: [], rows: [{ row: 1, column: "(header)", reason: "not a bank statement", code: "bank_layout_unknown", params: {} }], conflict: null })
        : undefined,
    );
    wrap(<FeesScreen />, "id");
    await userEvent.click(screen.getByTestId("fee-tab-bank"));
    await userEvent.upload(screen.getByTestId("fee-bank-file"), new File(["x"], "mutasi.xlsx"));
    expect(await screen.findByTestId("fee-bank-rejected")).toHaveTextContent("Baris 1, kolom (header): berkas ini bukan mutasi rekening");
  });
});

describe("arrears export", () => {
  it("offers this year's classes to choose from, not an old year's of the same name", async () => {
    const cls = (id: string, name: string, yearId: string) => ({ id, ...meta, data: { name, grade_level: 7, academic_year_id: yearId, homeroom_teacher_id: null } });
    office((cmd) => (cmd === "classes_list" ? [cls("c-now", "VII A", "y1"), cls("c-old", "VII A", "y0")] : cmd === "fee_arrears" ? [] : undefined));
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-arrears"));
    await userEvent.click(await screen.findByTestId("fee-arrears-class"));
    const list = await screen.findByTestId("fee-arrears-class-list");
    await waitFor(() => expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual(["All classes", "VII A"]));
  });

  it("writes the shown arrears to the file chosen in the save dialog", async () => {
    const calls = office((cmd) => {
      if (cmd === "fee_arrears") return [{ student_id: "s1", nisn: "0012345678", name: "Sari Wulandari", class: "VII A", months: 2, owed: 300_000, oldest: "2026-07" }];
      if (cmd === "plugin:dialog|save") return "/home/tu/Tunggakan.xlsx";
      return undefined;
    });
    wrap(<FeesScreen />, "id");
    await userEvent.click(screen.getByTestId("fee-tab-arrears"));
    await screen.findByTestId("fee-arrears-table");
    await userEvent.click(screen.getByTestId("fee-arrears-export"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "fee_arrears_export")?.args).toEqual({ class_id: null, as_of: "2026-08-14", language: "id", path: "/home/tu/Tunggakan.xlsx" }));
  });
});

describe("fee plans", () => {
  it("hold the setting that lets homeroom teachers see their class's arrears, saved at the version read", async () => {
    let version: number | null = null;
    let on = false;
    const calls = office((cmd, args) => {
      if (cmd === "fee_settings") return { settings: { homeroom_sees_arrears: on }, version };
      if (cmd === "fee_settings_save") {
        on = (args.settings as { homeroom_sees_arrears: boolean }).homeroom_sees_arrears;
        version = (version ?? 0) + 1;
        return { settings: args.settings, version };
      }
      return undefined;
    });
    wrap(<FeesScreen />, "id", ADMIN);
    await userEvent.click(screen.getByTestId("fee-tab-plans"));
    const box = await screen.findByTestId("fee-settings-homeroom");
    expect(box).not.toBeChecked();
    expect(screen.getByTestId("fee-settings")).toHaveTextContent("Wali kelas boleh melihat");
    await userEvent.click(box);
    await waitFor(() => expect(calls.find((c) => c.cmd === "fee_settings_save")?.args).toEqual({ settings: { homeroom_sees_arrears: true }, version: null }));
    await waitFor(() => expect(screen.getByTestId("fee-settings-homeroom")).toBeChecked());
    await userEvent.click(screen.getByTestId("fee-settings-homeroom"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "fee_settings_save")[1]?.args).toEqual({ settings: { homeroom_sees_arrears: false }, version: 1 }));
  });

  it("are the administrator's only", async () => {
    office();
    wrap(<FeesScreen />, "en", { ...teacherSession([]), roles: ["bursar"] });
    expect(screen.queryByTestId("fee-tab-plans")).toBeNull();
  });

  it("list the items with who they are billed to, and save a new item as integers", async () => {
    const calls = office((cmd, args) => (cmd === "fee_item_save" ? { id: "f2", ...meta, data: args.item } : undefined));
    wrap(<FeesScreen />, "en", ADMIN);
    await userEvent.click(screen.getByTestId("fee-tab-plans"));
    expect(await screen.findByTestId("fee-item-row")).toHaveTextContent("SPPRp 150.000Every month10grade 7");
    await userEvent.click(screen.getByTestId("fee-item-new"));
    await userEvent.type(screen.getByTestId("fee-item-amount"), "Rp 1.500.000");
    await userEvent.clear(screen.getByTestId("fee-item-due"));
    await userEvent.type(screen.getByTestId("fee-item-due"), "31");
    await userEvent.click(screen.getByTestId("fee-item-save"));
    expect(await screen.findByText("write the fee item's name")).toBeInTheDocument();
    expect(screen.getByText("Due day: “31” is not a day from 1 to 28")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_item_save")).toBe(false);
    await userEvent.type(screen.getByTestId("fee-item-name"), "Uang gedung");
    await userEvent.clear(screen.getByTestId("fee-item-due"));
    await userEvent.type(screen.getByTestId("fee-item-due"), "15");
    await userEvent.click(screen.getByTestId("fee-item-schedule"));
    await userEvent.click(within(await screen.findByTestId("fee-item-schedule-list")).getByText("Once"));
    await userEvent.type(screen.getByTestId("fee-item-once"), "2026-07");
    await userEvent.click(screen.getByTestId("fee-item-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "fee_item_save")).toBe(true));
    const sent = calls.find((c) => c.cmd === "fee_item_save")!.args;
    expect(sent.id).toBeNull();
    expect(sent.item as FeeItem).toEqual({ academic_year_id: "y1", name: "Uang gedung", amount: 1_500_000, schedule: "once", once_period: "2026-07", due_day: 15, active: true });
  });

  it("bill an item to a grade, refusing a grade that is none", async () => {
    const calls = office((cmd, args) => (cmd === "fee_assign" ? { id: "a2", ...meta, data: args.assignment } : undefined));
    wrap(<FeesScreen />, "en", ADMIN);
    await userEvent.click(screen.getByTestId("fee-tab-plans"));
    await screen.findByTestId("fee-assign");
    await userEvent.type(screen.getByTestId("fee-assign-grade"), "14");
    await userEvent.click(screen.getByTestId("fee-assign-save"));
    expect(await screen.findByText("Grade: “14” is not a grade from 1 to 13")).toBeInTheDocument();
    await userEvent.clear(screen.getByTestId("fee-assign-grade"));
    await userEvent.type(screen.getByTestId("fee-assign-grade"), "8");
    await userEvent.click(screen.getByTestId("fee-assign-save"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "fee_assign")?.args.assignment as FeeAssignment).toEqual({ fee_item_id: "f1", grade_level: 8, class_id: null, student_id: null }));
  });

  it("give a discount in basis points to a student found by NISN, with a reason", async () => {
    const calls = office((cmd, args) => (cmd === "fee_discount_give" ? { id: "d1", ...meta, data: args.discount } : undefined));
    wrap(<FeesScreen />, "en", ADMIN);
    await userEvent.click(screen.getByTestId("fee-tab-plans"));
    await screen.findByTestId("fee-discount");
    await userEvent.type(screen.getByTestId("fee-discount-nisn"), "0012345678");
    await userEvent.type(screen.getByTestId("fee-discount-value"), "150");
    await userEvent.click(screen.getByTestId("fee-discount-save"));
    expect(await screen.findByText("Discount: “150” is not a percentage from 0,01 to 100")).toBeInTheDocument();
    expect(screen.getByText("write why")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_discount_give")).toBe(false);
    await userEvent.clear(screen.getByTestId("fee-discount-value"));
    await userEvent.type(screen.getByTestId("fee-discount-value"), "12,5");
    await userEvent.type(screen.getByTestId("fee-discount-reason"), "Beasiswa prestasi");
    await userEvent.click(screen.getByTestId("fee-discount-save"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "fee_discount_give")?.args.discount as FeeDiscount).toEqual({ student_id: "s1", fee_item_id: null, kind: "percent", value: 1250, reason: "Beasiswa prestasi", active: true }));
  });

  it("reads percentages exactly", () => {
    expect(percentToBasisPoints("25")).toBe(2500);
    expect(percentToBasisPoints("12,5")).toBe(1250);
    expect(percentToBasisPoints("0.01 %")).toBe(1);
    expect(percentToBasisPoints("100")).toBe(10_000);
    expect(percentToBasisPoints("100,01")).toBeNull();
    expect(percentToBasisPoints("0")).toBeNull();
    expect(percentToBasisPoints("1.234")).toBeNull();
    expect(percentToBasisPoints("abc")).toBeNull();
  });
});
