// Issue 16, item 4: WebKitGTK's date input followed the computer's locale
// (month-first, an English calendar in the Indonesian UI) and "17052013"
// was saved as 17 December 13 without a word. The app's own date field is
// day-month-year in the UI's language, reads eight digits as DDMMYYYY, and
// a form is not sent while a date is unfinished or implausible.
import { mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { parseDate, showDate, todayIso } from "../components/DateField";
import { FieldSpec, RecordForm } from "../components/RecordForm";
import { ClassesScreen } from "../screens/Classes";
import { wrap } from "./render";

type Pupil = { full_name: string; birth_date: string; start_date: string };
const fields: FieldSpec<Pupil>[] = [
  { name: "full_name", label: "f_full_name", required: true },
  { name: "birth_date", label: "f_birth_date", type: "date", required: true, birth: true },
  { name: "start_date", label: "f_start_date", type: "date" },
];

function form(lang: "en" | "id", initial: Pupil = { full_name: "Rina", birth_date: "", start_date: "" }) {
  const onSubmit = vi.fn(async () => {});
  wrap(<RecordForm title="Siswa" draftKey="t:new" initial={initial} fields={fields} onSubmit={onSubmit} onClose={() => {}} testId="form" />, lang);
  return onSubmit;
}

describe("reading a typed date", () => {
  it("takes day-month-year, eight digits and ISO, and never guesses a two-digit year", () => {
    const today = "2026-11-29";
    expect(parseDate("17052013", "birth", today)).toEqual({ iso: "2013-05-17" });
    expect(parseDate("17-05-2013", "any", today)).toEqual({ iso: "2013-05-17" });
    expect(parseDate(" 7/5/2013 ", "any", today)).toEqual({ iso: "2013-05-07" });
    expect(parseDate("17.05.2013", "any", today)).toEqual({ iso: "2013-05-17" });
    expect(parseDate("2013-05-17", "any", today)).toEqual({ iso: "2013-05-17" });
    expect(parseDate("", "birth", today)).toEqual({ iso: "" });
    expect(parseDate("17-05-13", "any", today)).toEqual({ problem: "year_short" });
    expect(parseDate("170513", "any", today)).toEqual({ problem: "year_short" });
    expect(parseDate("1705", "any", today)).toEqual({ problem: "incomplete" });
    expect(parseDate("31-02-2013", "any", today)).toEqual({ problem: "not_a_date" });
    expect(parseDate("17 Mei", "any", today)).toEqual({ problem: "not_a_date" });
    expect(parseDate("17-05-1899", "any", today)).toEqual({ problem: "too_early" });
    // A birth date: before today, at least 3 years ago, from 1926 on.
    expect(parseDate("29-11-2026", "birth", today)).toEqual({ problem: "birth_future" });
    expect(parseDate("01-01-2027", "birth", today)).toEqual({ problem: "birth_future" });
    expect(parseDate("30-11-2023", "birth", today)).toEqual({ problem: "birth_too_young" });
    expect(parseDate("29-11-2023", "birth", today)).toEqual({ iso: "2023-11-29" });
    expect(parseDate("31-12-1925", "birth", today)).toEqual({ problem: "birth_too_old" });
    expect(parseDate("01-01-1926", "birth", today)).toEqual({ iso: "1926-01-01" });
    expect(showDate("2013-05-17")).toBe("17-05-2013");
  });
});

describe("the date field in a form", () => {
  it("reads 17052013 as 17 May 2013 and sends the ISO date", async () => {
    const onSubmit = form("id");
    const birth = screen.getByTestId("field-birth_date");
    expect(birth).toHaveAttribute("placeholder", "HH-BB-TTTT");
    await userEvent.type(birth, "17052013");
    await userEvent.tab();
    await waitFor(() => expect(birth).toHaveValue("17-05-2013"));
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]).toEqual([expect.objectContaining({ birth_date: "2013-05-17" }), undefined]);
  });

  it("marks an unfinished or implausible date in place, naming the field, and does not send the form", async () => {
    const onSubmit = form("id");
    const birth = screen.getByTestId("field-birth_date");
    await userEvent.type(birth, "170513");
    await userEvent.click(screen.getByTestId("form-save"));
    expect(await screen.findByTestId("field-birth_date-problem")).toHaveTextContent("Tanggal lahir: tulis tahunnya lengkap (empat angka), mis. 17-05-2013");
    expect(birth).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("form-date-error")).toHaveTextContent("Periksa tanggal yang ditandai: Tanggal lahir");
    // A student born last year is not a pupil yet.
    await userEvent.clear(birth);
    const lastYear = `${todayIso().slice(8, 10)}-${todayIso().slice(5, 7)}-${Number(todayIso().slice(0, 4)) - 1}`;
    await userEvent.type(birth, lastYear);
    expect(screen.getByTestId("field-birth_date-problem")).toHaveTextContent("Tanggal lahir: siswa paling muda berumur 3 tahun");
    await userEvent.click(screen.getByTestId("form-save"));
    expect(onSubmit).not.toHaveBeenCalled();
    // Fixed, it goes.
    await userEvent.clear(birth);
    await userEvent.type(birth, "01-02-2012");
    expect(screen.queryByTestId("field-birth_date-problem")).toBeNull();
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]).toEqual([expect.objectContaining({ birth_date: "2012-02-01" }), undefined]);
  });

  it("opens a calendar in Indonesian, Monday first, and a picked day fills the field", async () => {
    form("id", { full_name: "Rina", birth_date: "2013-05-17", start_date: "" });
    const birth = screen.getByTestId("field-birth_date");
    expect(birth).toHaveValue("17-05-2013");
    await userEvent.click(screen.getByTestId("field-birth_date-open"));
    const calendar = await screen.findByTestId("field-birth_date-calendar");
    expect(within(calendar).getByTestId("field-birth_date-calendar-month")).toHaveTextContent(/^mei 2013$/i);
    const days = within(calendar)
      .getAllByRole("columnheader")
      .map((th) => th.textContent);
    expect(days).toEqual(["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]);
    // The chosen day has focus; the arrows move by a day, PageDown by a month.
    expect(within(calendar).getByRole("button", { name: /17 Mei 2013/ })).toHaveFocus();
    await userEvent.keyboard("{ArrowRight}{PageDown}");
    expect(within(calendar).getByTestId("field-birth_date-calendar-month")).toHaveTextContent(/^juni 2013$/i);
    expect(within(calendar).getByRole("button", { name: /18 Juni 2013/ })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByTestId("field-birth_date-calendar")).toBeNull();
    expect(birth).toHaveValue("18-06-2013");
    expect(birth).toHaveFocus();
  });

  it("is day-month-year in English too, with English names, and Escape closes only the calendar", async () => {
    form("en", { full_name: "Rina", birth_date: "2013-05-17", start_date: "" });
    expect(screen.getByTestId("field-birth_date")).toHaveAttribute("placeholder", "DD-MM-YYYY");
    await userEvent.click(screen.getByTestId("field-birth_date-open"));
    const calendar = await screen.findByTestId("field-birth_date-calendar");
    expect(within(calendar).getByTestId("field-birth_date-calendar-month")).toHaveTextContent("May 2013");
    expect(within(calendar).getAllByRole("columnheader")[0]).toHaveTextContent("Mon");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("field-birth_date-calendar")).toBeNull();
    expect(screen.getByTestId("form")).toBeInTheDocument();
    expect(screen.queryByTestId("discard-ask")).toBeNull();
    // Scrolling the dialog closes it rather than leave it floating.
    await userEvent.click(screen.getByTestId("field-birth_date-open"));
    await screen.findByTestId("field-birth_date-calendar");
    fireEvent.scroll(document.querySelector(".dialog-body")!);
    expect(screen.queryByTestId("field-birth_date-calendar")).toBeNull();
  });
});

describe("the move date in a class roster", () => {
  it("is typed day-month-year, and the move waits for a whole date", async () => {
    const rec = <T,>(id: string, data: T) => ({ id, version: 1, updated_at: "2026-08-01T00:00:00Z", data });
    const year = rec("y1", { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", is_current: true });
    const classes = [
      rec("c-h", { name: "VIII H", grade_level: 8, academic_year_id: "y1", homeroom_teacher_id: null }),
      rec("c-a", { name: "VIII A", grade_level: 8, academic_year_id: "y1", homeroom_teacher_id: null }),
    ];
    const student = rec("s1", { nis: "2501", nisn: "0012345678", full_name: "Ahmad Fauzi", gender: "male", birth_place: "Bandung", birth_date: "2012-05-01", religion: "Islam", address: "", status: "active", user_id: null });
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "classes_list") return classes;
      if (cmd === "years_list") return [year];
      if (cmd === "class_roster") return (args as { class_id: string }).class_id === "c-h" ? [student] : [];
      if (cmd === "domain_rules") return { proposed_year: year.data, genders: [] };
      return [];
    });
    wrap(<ClassesScreen />, "id");
    await userEvent.click(await screen.findByText("VIII H"));
    await userEvent.click(await screen.findByTestId("roster-move"));
    const on = await screen.findByTestId("move-on");
    await userEvent.clear(on);
    await userEvent.type(on, "14-09-26");
    expect(screen.getByRole("button", { name: "VIII A" })).toBeDisabled();
    await userEvent.clear(on);
    await userEvent.type(on, "14092026");
    await userEvent.click(screen.getByRole("button", { name: "VIII A" }));
    await waitFor(() => expect(calls.some(([c]) => c === "enrollment_move")).toBe(true));
    expect(calls.find(([c]) => c === "enrollment_move")![1]).toEqual({ student_id: "s1", to_class_id: "c-a", on: "2026-09-14" });
  });
});
