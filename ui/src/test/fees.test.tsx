// The fee screens (issue 17, helper "feesui") with the real components:
// amounts read strictly as rupiah; the desk finds a student, shows the
// statement, takes a payment (the button disabled while saving, the
// allocation the ticked months), shows the receipt, and a reprint says
// COPY; a refused payment keeps what was typed and says it was NOT
// booked (the shell's own refusals, from fixtures); a student who left is
// refused before anything is sent; voiding needs a reason; the day is
// closed after a confirmation; arrears and billing; who sees the screens.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { Dashboard, DayReportView, FeeStatementView, FeeStudent, PaymentForm, ReceiptPrinted, SessionInfo, Startup, Student } from "../bindings";
import { errorText, makeI18n } from "../i18n";
import { formatRupiah, groupRupiah, parseRupiah, regroup } from "../money";
import { FeesScreen, MyFeesScreen } from "../screens/Fees";
import dayClosed from "./fixtures/fees-day-closed.json";
import studentLeft from "./fixtures/fees-student-left.json";
import { ADMIN, teacherSession, wrap } from "./render";

const meta = { version: 1, updated_at: "2026-08-14T00:00:00Z" };
const person = (status: Student["status"] = "active"): Student => ({
  nis: "2401",
  nisn: "0012345678",
  full_name: "Sari Wulandari",
  gender: "female",
  birth_place: "Bandung",
  birth_date: "2013-03-04",
  religion: "Islam",
  address: "Jl. Melati 2",
  status,
  user_id: null,
});
const found = (status: Student["status"] = "active"): FeeStudent => ({ student: { id: "s1", ...meta, data: person(status) }, class_name: "VII A" });

function statement(): FeeStatementView {
  const month = (id: string, period: string, paid: number) => ({
    invoice_id: id,
    period,
    due_date: `${period}-10`,
    billed: 150_000,
    discount: 0,
    paid,
    owed: 150_000 - paid,
    void_reason: null,
    lines: [{ fee: "SPP", billed: 150_000, discount: 0, note: null }],
  });
  return {
    student: found().student,
    months: [month("i7", "2026-07", 150_000), month("i8", "2026-08", 0), month("i9", "2026-09", 0)],
    payments: [
      {
        receipt: "2026-00003",
        payment: { id: "p3", ...meta, data: { student_id: "s1", receipt_year: 2026, receipt_number: 3, amount: 150_000, method: "cash", reference: null, paid_on: "2026-07-09", booked_on: "2026-07-09", payer: "Ibu Wati", void_reason: null, voided_on: null, prints: 1 } },
      },
    ],
    refunds: [],
    billed: 450_000,
    discounted: 0,
    paid: 150_000,
    refunded: 0,
    balance: 300_000,
    credit: 0,
  };
}

const receipt = (number: string, copy: boolean): ReceiptPrinted => ({
  number,
  copy,
  path: `/home/tu/Documents/Kwitansi/Kwitansi ${number}.pdf`,
  date: "14 Agustus 2026",
  payer: "Ibu Wati",
  student: "Sari Wulandari",
  nisn: "0012345678",
  class: "VII A",
  items: [{ description: "Tagihan Agustus 2026", amount: "Rp 150.000" }],
  total: "Rp 150.000",
  words: "seratus lima puluh ribu rupiah",
  method: "Tunai",
  cashier: "Bu Rina",
  voided: "",
});

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;
function desk(extra: Handler = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case "fee_students":
        return [found()];
      case "fee_statement":
        return statement();
      case "fee_today":
        return "2026-08-14";
      case "classes_list":
        return [];
      default:
        return null;
    }
  });
  return calls;
}

async function openStudent() {
  await userEvent.type(screen.getByTestId("fee-search"), "Sari");
  await userEvent.click(screen.getByTestId("fee-search-go"));
  await userEvent.click(await screen.findByTestId("fee-student-open"));
  await screen.findByTestId("fee-statement");
}

describe("rupiah", () => {
  it("groups amounts inside messages the language's way, with one helper", () => {
    const refusal = { kind: "invalid", message: "", fields: [{ field: "amount", code: "refund_over_credit", params: { amount: "60000", credit: "1250000" }, message: "" }] };
    expect(errorText(makeI18n("id", () => {}), refusal)).toBe("Jumlah: pengembalian Rp 60.000 melebihi saldo lebih siswa (Rp 1.250.000)");
    expect(errorText(makeI18n("en", () => {}), refusal)).toBe("Amount: the refund of Rp 60,000 is more than the student's credit (Rp 1,250,000)");
    expect(groupRupiah(-1_000, "en")).toBe("−1,000");
    expect(groupRupiah(999, "id")).toBe("999");
  });

  it("reads whole rupiah with thousands separators and refuses the rest", () => {
    expect(parseRupiah("250000")).toEqual({ amount: 250_000 });
    expect(parseRupiah("250.000")).toEqual({ amount: 250_000 });
    expect(parseRupiah(" Rp 1.250.000 ")).toEqual({ amount: 1_250_000 });
    expect(parseRupiah("1,250,000")).toEqual({ amount: 1_250_000 });
    expect(parseRupiah("")).toEqual({ problem: "empty" });
    expect(parseRupiah("0")).toEqual({ problem: "zero" });
    expect(parseRupiah("-5.000")).toEqual({ problem: "negative" });
    expect(parseRupiah("lima ribu")).toEqual({ problem: "not_a_number" });
    expect(parseRupiah("250.000,50")).toEqual({ problem: "not_a_number" });
    expect(parseRupiah("1.5")).toEqual({ problem: "not_a_number" });
    expect(parseRupiah("25.00")).toEqual({ problem: "not_a_number" });
    expect(parseRupiah("1.250,000")).toEqual({ problem: "not_a_number" });
    expect(parseRupiah("99999999999999999999")).toEqual({ problem: "too_large" });
    // The app's largest amount (10^15) is exact in the page; one more is
    // refused, so nothing typed is ever rounded.
    expect(parseRupiah("1000000000000000")).toEqual({ amount: 1_000_000_000_000_000 });
    expect(parseRupiah("10000000000000001")).toEqual({ problem: "too_large" });
    expect(formatRupiah(250_000)).toBe("Rp 250.000");
    expect(formatRupiah(-1_000)).toBe("−Rp 1.000");
    expect(regroup("250000")).toBe("250.000");
    expect(regroup("abc")).toBe("abc");
  });
});

describe("the bursar's desk", () => {
  it("finds a student, shows the statement, takes a payment for the ticked month and shows the receipt", async () => {
    let finish: (v: unknown) => void = () => {};
    const calls = desk((cmd) => {
      if (cmd === "fee_pay") return new Promise((r) => (finish = r));
      if (cmd === "fee_receipt_print") return receipt("2026-00004", false);
      return undefined;
    });
    wrap(<FeesScreen />);
    await openStudent();
    expect(screen.getByTestId("fee-total-owed")).toHaveTextContent("Rp 300.000");
    expect(screen.getAllByTestId("fee-month")).toHaveLength(3);
    expect(screen.getByTestId("fee-payments")).toHaveTextContent("2026-00003");
    // Only open months can be ticked; tick September (the bursar's choice).
    const picks = screen.getAllByTestId("fee-month-pick");
    expect(picks).toHaveLength(2);
    await userEvent.click(picks[1]);
    await userEvent.type(screen.getByTestId("fee-amount"), "150000");
    await userEvent.tab();
    expect(screen.getByTestId("fee-amount")).toHaveValue("150.000");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    // Saving: the button cannot be pressed twice.
    await waitFor(() => expect(screen.getByTestId("fee-pay-save")).toBeDisabled());
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    expect(calls.filter((c) => c.cmd === "fee_pay")).toHaveLength(1);
    const sent = calls.find((c) => c.cmd === "fee_pay")!.args.payment as PaymentForm;
    expect(sent).toMatchObject({ student_id: "s1", amount: 150_000, method: "cash", invoices: ["i9"], reference: null });
    finish({ receipt: "2026-00004", payment: statement().payments[0].payment, allocated: [{ invoice_id: "i9", amount: 150_000 }], credit: 0 });
    const card = await screen.findByTestId("fee-receipt");
    expect(card).toHaveTextContent("2026-00004");
    expect(within(card).getByTestId("fee-receipt-words")).toHaveTextContent("seratus lima puluh ribu rupiah");
    expect(within(card).queryByTestId("fee-receipt-copy")).toBeNull();
    expect(calls.find((c) => c.cmd === "fee_receipt_print")!.args).toEqual({ receipt: "2026-00004", language: "en" });
    expect(screen.getByTestId("fee-amount")).toHaveValue("");
  });

  it("a reprint says COPY", async () => {
    desk((cmd) => (cmd === "fee_receipt_print" ? receipt("2026-00003", true) : undefined));
    wrap(<FeesScreen />);
    await openStudent();
    await userEvent.click(screen.getByTestId("fee-reprint"));
    expect(await screen.findByTestId("fee-receipt-copy")).toHaveTextContent("COPY");
  });

  it("refuses an amount that is not rupiah, naming the field, and sends nothing", async () => {
    const calls = desk();
    wrap(<FeesScreen />, "id");
    await openStudent();
    for (const typed of ["lima ribu", "0", "-5000"]) {
      await userEvent.clear(screen.getByTestId("fee-amount"));
      await userEvent.type(screen.getByTestId("fee-amount"), typed);
      await userEvent.click(screen.getByTestId("fee-pay-save"));
      expect(await screen.findByText(/^Jumlah:/)).toBeInTheDocument();
    }
    expect(calls.some((c) => c.cmd === "fee_pay")).toBe(false);
  });

  it("a transfer needs its reference", async () => {
    const calls = desk();
    wrap(<FeesScreen />);
    await openStudent();
    await userEvent.click(screen.getByTestId("fee-method"));
    await userEvent.click(within(await screen.findByTestId("fee-method-list")).getByText("Bank transfer"));
    await userEvent.type(screen.getByTestId("fee-amount"), "150.000");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    expect(await screen.findByText(/bank's reference/)).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_pay")).toBe(false);
    await userEvent.type(screen.getByTestId("fee-reference"), "TRF-8812");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "fee_pay")).toBe(true));
    expect((calls.find((c) => c.cmd === "fee_pay")!.args.payment as PaymentForm).reference).toBe("TRF-8812");
  });

  it("a refused payment is NOT booked, says why in words, and keeps what was typed", async () => {
    desk((cmd) => (cmd === "fee_pay" ? Promise.reject(dayClosed) : undefined));
    wrap(<FeesScreen />, "id");
    await openStudent();
    await userEvent.type(screen.getByTestId("fee-amount"), "150.000");
    await userEvent.type(screen.getByTestId("fee-payer"), "Pak Joko");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    const banner = await screen.findByTestId("fee-pay-error");
    expect(banner).toHaveTextContent("TIDAK tercatat");
    expect(banner).toHaveTextContent("14 Agustus 2026");
    expect(screen.getByTestId("fee-amount")).toHaveValue("150.000");
    expect(screen.getByTestId("fee-payer")).toHaveValue("Pak Joko");
    expect(screen.getByTestId("fee-pay-save")).toBeEnabled();
  });

  it("a desk whose day is closed says so before anything is typed", async () => {
    desk((cmd) =>
      cmd === "fee_day_report"
        ? { day: "2026-08-14", payments: [], students: [], cash: 0, transfers: 0, voided: 0, refunded: 0, cash_net: 0, closed: { id: "d1", ...meta, data: { day: "2026-08-14", cash_total: 0, transfer_total: 0, voided_total: 0, refunded_total: 0, payments: 0 } } }
        : undefined,
    );
    wrap(<FeesScreen />, "id");
    await openStudent();
    expect(await screen.findByTestId("fee-desk-closed")).toHaveTextContent("Kas hari ini (14 Agustus 2026) sudah ditutup");
  });

  it("after a receipt is printed the statement is read again (it shows the prints)", async () => {
    const calls = desk((cmd) => (cmd === "fee_receipt_print" ? receipt("2026-00003", true) : undefined));
    wrap(<FeesScreen />);
    await openStudent();
    const before = calls.filter((c) => c.cmd === "fee_statement").length;
    await userEvent.click(screen.getByTestId("fee-reprint"));
    await screen.findByTestId("fee-receipt-copy");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "fee_statement").length).toBeGreaterThan(before));
  });

  it("the shell's refusal of a student who left names the student", async () => {
    desk((cmd) => (cmd === "fee_pay" ? Promise.reject(studentLeft) : undefined));
    wrap(<FeesScreen />);
    await openStudent();
    await userEvent.type(screen.getByTestId("fee-amount"), "150.000");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    expect(await screen.findByTestId("fee-pay-error")).toHaveTextContent(/NOT booked.*Student: Budi Santoso has left the school/);
  });

  it("a student who left is refused before anything is sent", async () => {
    const calls = desk((cmd) => (cmd === "fee_students" ? [found("moved_out")] : undefined));
    wrap(<FeesScreen />);
    await openStudent();
    expect(screen.getByTestId("fee-left")).toHaveTextContent("has left the school (Moved out)");
    await userEvent.type(screen.getByTestId("fee-amount"), "150.000");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    expect(await screen.findByText(/^Student: Sari Wulandari has left/)).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_pay")).toBe(false);
  });

  it("a booked payment whose receipt failed to print says it IS booked and prints again", async () => {
    let fail = true;
    desk((cmd) => {
      if (cmd === "fee_pay") return { receipt: "2026-00004", payment: statement().payments[0].payment, allocated: [], credit: 0 };
      if (cmd === "fee_receipt_print") return fail ? Promise.reject({ kind: "invalid", code: "print_failed", params: { reason: "disk full" }, message: "disk full" }) : receipt("2026-00004", false);
      return undefined;
    });
    wrap(<FeesScreen />);
    await openStudent();
    await userEvent.type(screen.getByTestId("fee-amount"), "150.000");
    await userEvent.click(screen.getByTestId("fee-pay-save"));
    expect(await screen.findByTestId("fee-pay-error")).toHaveTextContent("IS booked as receipt 2026-00004");
    fail = false;
    await userEvent.click(screen.getByTestId("fee-print-again"));
    expect(await screen.findByTestId("fee-receipt")).toHaveTextContent("2026-00004");
    expect(screen.queryByTestId("fee-pay-error")).toBeNull();
  });

  it("shows no Void button when today's desk is closed (the app refuses a void then)", async () => {
    const closedDay = { day: "2026-08-14", payments: [], students: [], cash: 0, transfers: 0, voided: 0, refunded: 0, cash_net: 0, closed: { id: "d1", ...meta, data: { day: "2026-08-14", cash_total: 0, transfer_total: 0, voided_total: 0, refunded_total: 0, payments: 0 } } };
    let closed = false;
    desk((cmd) => (cmd === "fee_day_report" ? (closed ? closedDay : { ...closedDay, closed: null }) : undefined));
    const view = wrap(<FeesScreen />);
    await openStudent();
    expect(await screen.findByTestId("fee-void")).toBeInTheDocument();
    view.unmount();
    closed = true;
    wrap(<FeesScreen />);
    await openStudent();
    await screen.findByTestId("fee-desk-closed");
    expect(screen.queryByTestId("fee-void")).toBeNull();
    expect(screen.getByTestId("fee-reprint")).toBeInTheDocument();
  });

  it("voiding needs a reason", async () => {
    const calls = desk();
    wrap(<FeesScreen />);
    await openStudent();
    await userEvent.click(screen.getByTestId("fee-void"));
    await userEvent.click(screen.getByTestId("fee-void-save"));
    expect(await screen.findByText("write why")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_payment_void")).toBe(false);
    await userEvent.type(screen.getByTestId("fee-void-reason"), "salah siswa");
    await userEvent.click(screen.getByTestId("fee-void-save"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "fee_payment_void")?.args).toEqual({ payment_id: "p3", reason: "salah siswa" }));
  });
});

describe("refunds", () => {
  it("offer the credit back with a reason, and show the shell's refusal in words", async () => {
    const withCredit = { ...statement(), balance: -50_000, credit: 50_000 };
    const calls = desk((cmd) => {
      if (cmd === "fee_statement") return withCredit;
      if (cmd === "fee_refund") return Promise.reject({ kind: "invalid", message: "", fields: [{ field: "amount", code: "refund_over_credit", params: { amount: "60000", credit: "50000" }, message: "" }], rows: [], conflict: null });
      return undefined;
    });
    wrap(<FeesScreen />);
    await openStudent();
    expect(screen.getByTestId("fee-total-credit")).toHaveTextContent("Rp 50.000");
    expect(screen.getByTestId("fee-refund")).toHaveTextContent("credit now Rp 50.000");
    await userEvent.type(screen.getByTestId("fee-refund-amount"), "60.000");
    await userEvent.click(screen.getByTestId("fee-refund-save"));
    expect(await screen.findByText("write why")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_refund")).toBe(false);
    await userEvent.type(screen.getByTestId("fee-refund-reason"), "Pindah sekolah");
    await userEvent.click(screen.getByTestId("fee-refund-save"));
    expect(await screen.findByText("Amount: the refund of Rp 60,000 is more than the student's credit (Rp 50,000)")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "fee_refund")!.args).toEqual({ student_id: "s1", amount: 60_000, method: "cash", reason: "Pindah sekolah" });
    expect(screen.getByTestId("fee-refund-amount")).toHaveValue("60.000");
  });

  it("are not offered without credit", async () => {
    desk();
    wrap(<FeesScreen />);
    await openStudent();
    expect(screen.queryByTestId("fee-refund")).toBeNull();
  });
});

describe("the day", () => {
  const report = (closed: boolean): DayReportView => ({
    day: "2026-08-14",
    payments: statement().payments,
    students: [{ id: "s1", name: "Sari Wulandari" }],
    cash: 150_000,
    transfers: 0,
    voided: 0,
    refunded: 0,
    cash_net: 150_000,
    closed: closed ? { id: "d1", ...meta, data: { day: "2026-08-14", cash_total: 150_000, transfer_total: 0, voided_total: 0, refunded_total: 0, payments: 1 } } : null,
  });

  it("shows the cash report and closes the day after a confirmation", async () => {
    let closed = false;
    const calls = desk((cmd) => {
      if (cmd === "fee_day_report") return report(closed);
      if (cmd === "fee_day_close") {
        closed = true;
        return report(true).closed;
      }
      return undefined;
    });
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-day"));
    expect(await screen.findByTestId("fee-day-cash_net")).toHaveTextContent("Rp 150.000");
    expect(screen.getByTestId("fee-day-payments")).toHaveTextContent("Sari Wulandari");
    await userEvent.click(screen.getByTestId("fee-day-close"));
    expect(screen.getByTestId("fee-day-confirm-text")).toHaveTextContent("1 payment(s), cash in the drawer Rp 150.000");
    expect(calls.some((c) => c.cmd === "fee_day_close")).toBe(false);
    await userEvent.click(screen.getByTestId("fee-day-close-confirm"));
    expect(await screen.findByTestId("fee-day-closed")).toHaveTextContent("is closed");
    expect(calls.find((c) => c.cmd === "fee_day_close")!.args).toEqual({ day: "2026-08-14" });
    expect(screen.queryByTestId("fee-day-close")).toBeNull();
  });
});

describe("arrears and billing", () => {
  it("lists who owes, largest first as the app sends them, with the sum", async () => {
    desk((cmd) =>
      cmd === "fee_arrears"
        ? [
            { student_id: "s1", nisn: "0012345678", name: "Sari Wulandari", class: "VII A", months: 2, owed: 300_000, oldest: "2026-08" },
            { student_id: "s2", nisn: "0012345679", name: "Budi Santoso", class: "VII B", months: 1, owed: 150_000, oldest: "2026-09" },
          ]
        : undefined,
    );
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-arrears"));
    expect(await screen.findByTestId("fee-arrears-sum")).toHaveTextContent("2 student(s) owe Rp 450.000 in all");
    expect(screen.getAllByTestId("fee-arrears-row")[0]).toHaveTextContent("Sari Wulandari");
  });

  it("bills a month and says what it did; a bad month is refused by name", async () => {
    const calls = desk((cmd) => (cmd === "fee_invoice_period" ? { period: "2026-08", students: 812, invoices_created: 812, adjustments: 0, net_added: 121_800_000 } : undefined));
    wrap(<FeesScreen />);
    await userEvent.click(screen.getByTestId("fee-tab-billing"));
    await waitFor(() => expect(screen.getByTestId("fee-period")).toHaveValue("2026-08"));
    await userEvent.clear(screen.getByTestId("fee-period"));
    await userEvent.type(screen.getByTestId("fee-period"), "2026-13");
    await userEvent.click(screen.getByTestId("fee-invoice"));
    expect(await screen.findByText(/Month: “2026-13” is not a month/)).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "fee_invoice_period")).toBe(false);
    await userEvent.clear(screen.getByTestId("fee-period"));
    await userEvent.type(screen.getByTestId("fee-period"), "2026-08");
    await userEvent.click(screen.getByTestId("fee-invoice"));
    expect(await screen.findByTestId("fee-invoice-done")).toHaveTextContent("812 new invoice(s), 0 adjustment(s), Rp 121.800.000 added");
  });
});

describe("families and roles", () => {
  it("a parent reads their child's statement, without the desk's buttons", async () => {
    const dashboard: Dashboard = { school_name: "SMP", year: null, term: null, counts: [], classes: [], students: [{ student: found().student, class_name: "VII A" }], today: "2026-08-14" };
    desk((cmd) => (cmd === "dashboard" ? dashboard : undefined));
    wrap(<MyFeesScreen />, "en", { ...teacherSession([]), roles: ["parent"] });
    expect(await screen.findByTestId("fee-total-owed")).toHaveTextContent("Rp 300.000");
    expect(screen.queryByTestId("fee-void")).toBeNull();
    expect(screen.queryByTestId("fee-month-pick")).toBeNull();
    expect(screen.queryByTestId("fee-pay")).toBeNull();
  });

  it("a parent fetches their own receipt as PDF, by its payment; a copy says so", async () => {
    const dashboard: Dashboard = { school_name: "SMP", year: null, term: null, counts: [], classes: [], students: [{ student: found().student, class_name: "VII A" }], today: "2026-08-14" };
    const calls = desk((cmd) => (cmd === "dashboard" ? dashboard : cmd === "fee_my_receipt_print" ? receipt("2026-00003", true) : undefined));
    wrap(<MyFeesScreen />, "id", { ...teacherSession([]), roles: ["parent"] });
    await userEvent.click(await screen.findByTestId("fee-my-receipt"));
    const card = await screen.findByTestId("fee-receipt");
    expect(within(card).getByTestId("fee-receipt-copy")).toBeInTheDocument();
    expect(within(card).getByTestId("fee-receipt-open")).toBeInTheDocument();
    // The office's reprint is not theirs.
    expect(within(card).queryByTestId("fee-receipt-reprint")).toBeNull();
    expect(calls.find((c) => c.cmd === "fee_my_receipt_print")!.args).toEqual({ payment_id: "p3", language: "id" });
    expect(calls.some((c) => c.cmd === "fee_receipt_print")).toBe(false);
  });

  it("another family's receipt is answered as not found, in words", async () => {
    const dashboard: Dashboard = { school_name: "SMP", year: null, term: null, counts: [], classes: [], students: [{ student: found().student, class_name: "VII A" }], today: "2026-08-14" };
    desk((cmd) => (cmd === "dashboard" ? dashboard : cmd === "fee_my_receipt_print" ? Promise.reject({ kind: "not_found", message: "payment not found", fields: [], rows: [], conflict: null }) : undefined));
    wrap(<MyFeesScreen />, "en", { ...teacherSession([]), roles: ["parent"] });
    await userEvent.click(await screen.findByTestId("fee-my-receipt"));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.queryByTestId("fee-receipt")).toBeNull();
  });

  it("is in the sidebar as each role may use it", async () => {
    const startup: Startup = { configured: true, database: "/tmp/school.db", needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };
    const dashboard: Dashboard = { school_name: "SMP", year: null, term: null, counts: [], classes: [], students: [], today: "2026-08-14" };
    const nav = async (session: SessionInfo) => {
      mockIPC((cmd) => {
        if (cmd === "startup") return startup;
        if (cmd === "session_current") return session;
        if (cmd === "dashboard") return dashboard;
        return null;
      });
      const view = render(<App />);
      await screen.findByTestId("nav-dashboard");
      const shown = [screen.queryByTestId("nav-fees") !== null, screen.queryByTestId("nav-my_fees") !== null];
      view.unmount();
      return shown;
    };
    const role = (r: SessionInfo["roles"][number]): SessionInfo => ({ ...teacherSession([]), roles: [r] });
    expect(await nav(ADMIN)).toEqual([true, false]);
    expect(await nav(role("bursar"))).toEqual([true, false]);
    expect(await nav(teacherSession(["c1"]))).toEqual([false, false]);
    expect(await nav(role("homeroom"))).toEqual([false, false]);
    expect(await nav(role("student"))).toEqual([false, true]);
    expect(await nav(role("parent"))).toEqual([false, true]);
  });
});
