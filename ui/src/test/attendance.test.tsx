// The attendance screen with the real components and a fake shell that
// keeps marks as the server does (issue 12, item 4).
import { mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AttendanceCell, AttendanceMarkInput, AttendanceMonthView, AttendanceStatus, Class, Rec, Term } from "../bindings";
import { AttendanceScreen, nextStatus } from "../screens/Attendance";
import outsideTerm from "./fixtures/attendance-outside-term.json";
import { teacherSession, wrap } from "./render";

const cls: Rec<Class> = { id: "c1", version: 1, updated_at: "2030-07-01T00:00:00Z", data: { name: "VII-A", grade_level: 7, academic_year_id: "y1", homeroom_teacher_id: null } };
const terms: Rec<Term>[] = [
  { id: "t1", version: 1, updated_at: "2030-07-01T00:00:00Z", data: { academic_year_id: "y1", number: 1, name: "Semester 1", start_date: "2030-07-13", end_date: "2030-12-31" } },
];
const students = [
  { student_id: "s1", full_name: "Andi Pratama", nis: "1" },
  { student_id: "s2", full_name: "Citra Lestari", nis: "2" },
];

/** A fake shell: marks kept per student and day; "everyone present"
 * fills only the unmarked, as the server does. */
function school(opts: { refuse?: boolean; current?: Rec<Term> } = {}) {
  let marks: AttendanceCell[] = [{ student_id: "s2", date: "2030-08-05", status: "sick", note: "demam" }];
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const a = args as Record<string, unknown>;
    if (cmd === "attendance_classes") return [cls];
    if (cmd === "terms_list") return terms;
    if (cmd === "dashboard") return opts.current ? { school_name: "SMP", year: null, term: opts.current, counts: [], classes: [], students: [], today: "2030-08-05" } : null;
    if (cmd === "attendance_month") {
      const days = Array.from({ length: 31 }, (_, i) => ({ date: `2030-08-${String(i + 1).padStart(2, "0")}`, term_id: "t1" }));
      const view: AttendanceMonthView = { class: cls, days, students, marks, today: "2030-08-05" };
      return view;
    }
    if (cmd === "attendance_mark") {
      if (opts.refuse) throw outsideTerm;
      for (const m of a.marks as AttendanceMarkInput[]) {
        marks = marks.filter((x) => !(x.student_id === m.student_id && x.date === a.date));
        if (m.status) marks.push({ student_id: m.student_id, date: a.date as string, status: m.status, note: m.note });
      }
      return null;
    }
    if (cmd === "attendance_everyone_present") {
      const todo = students.filter((s) => !marks.some((m) => m.student_id === s.student_id && m.date === a.date));
      todo.forEach((s) => marks.push({ student_id: s.student_id, date: a.date as string, status: "present", note: null }));
      return todo.length;
    }
    if (cmd === "attendance_totals") {
      return students.map((s) => {
        const count = (st: AttendanceStatus) => marks.filter((m) => m.student_id === s.student_id && m.status === st).length;
        return { student_id: s.student_id, full_name: s.full_name, present: count("present"), sick: count("sick"), excused: count("excused"), unexcused: count("unexcused"), late: count("late") };
      });
    }
    return null;
  });
  return { calls, marks: () => marks };
}

const cellId = (student: string, day: number) => `att-cell-${student}-2030-08-${String(day).padStart(2, "0")}`;

describe("attendance", () => {
  it("cycles a status by clicks, sets one by its letter in Bahasa Indonesia, and clears it with Delete", async () => {
    const fake = school();
    wrap(<AttendanceScreen today="2030-08-05" />, "id", teacherSession(["c1"]));
    const cell = await screen.findByTestId(cellId("s1", 4));
    expect(cell).toHaveTextContent("·");
    await userEvent.click(cell);
    await waitFor(() => expect(screen.getByTestId(cellId("s1", 4))).toHaveTextContent("H"));
    await userEvent.click(screen.getByTestId(cellId("s1", 4)));
    await waitFor(() => expect(screen.getByTestId(cellId("s1", 4))).toHaveTextContent("S"));
    expect(fake.calls.filter((c) => c.cmd === "attendance_mark").map((c) => c.args)).toEqual([
      { class_id: "c1", date: "2030-08-04", marks: [{ student_id: "s1", status: "present", note: null }] },
      { class_id: "c1", date: "2030-08-04", marks: [{ student_id: "s1", status: "sick", note: null }] },
    ]);
    // "a" is alpa (unexcused) in Indonesian.
    fireEvent.keyDown(screen.getByTestId(cellId("s1", 4)), { key: "a" });
    await waitFor(() => expect(screen.getByTestId(cellId("s1", 4))).toHaveTextContent("A"));
    expect(fake.marks().find((m) => m.student_id === "s1")?.status).toBe("unexcused");
    expect(screen.getByTestId(cellId("s1", 4))).toHaveAccessibleName(/Alpa/);
    fireEvent.keyDown(screen.getByTestId(cellId("s1", 4)), { key: "Delete" });
    await waitFor(() => expect(screen.getByTestId(cellId("s1", 4))).toHaveTextContent("·"));
    expect(fake.marks().some((m) => m.student_id === "s1")).toBe(false);
  });

  it("marks everyone present today without touching a sick student, and the term totals add up", async () => {
    school();
    wrap(<AttendanceScreen today="2030-08-05" />, "en", teacherSession(["c1"]));
    await userEvent.click(await screen.findByTestId("att-everyone"));
    expect(await screen.findByText("1 students marked present")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId(cellId("s1", 5))).toHaveTextContent("P"));
    expect(screen.getByTestId(cellId("s2", 5))).toHaveTextContent("S*");
    expect(screen.getByTestId(cellId("s2", 5))).toHaveAccessibleName(/Sick \(demam\)/);

    await userEvent.click(screen.getByTestId("att-term"));
    await userEvent.click(within(await screen.findByTestId("att-term-list")).getByText("Semester 1"));
    const table = await screen.findByTestId("att-totals-table");
    const rows = within(table).getAllByRole("row").map((r) => r.textContent);
    expect(rows).toEqual(["StudentPresentSickExcusedUnexcusedLate", "Andi Pratama10000", "Citra Lestari01000"]);
  });

  it("shows the totals of the semester today falls in without asking, and none when asked for none", async () => {
    school({ current: terms[0] });
    wrap(<AttendanceScreen today="2030-08-05" />, "en", teacherSession(["c1"]));
    const table = await screen.findByTestId("att-totals-table");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.getByTestId("att-term").textContent).toContain("Semester 1");
    await userEvent.click(screen.getByTestId("att-term"));
    await userEvent.click(within(await screen.findByTestId("att-term-list")).getByText("—"));
    await waitFor(() => expect(screen.queryByTestId("att-totals-table")).toBeNull());
  });

  it("edits the note of the chosen mark", async () => {
    const fake = school();
    wrap(<AttendanceScreen today="2030-08-05" />, "en", teacherSession(["c1"]));
    const cell = await screen.findByTestId(cellId("s2", 5));
    fireEvent.focus(cell);
    const note = await screen.findByTestId("att-note-text");
    expect(note).toHaveValue("demam");
    await userEvent.clear(note);
    await userEvent.type(note, "surat dokter");
    await userEvent.click(screen.getByTestId("att-note-save"));
    await waitFor(() => expect(fake.marks().find((m) => m.student_id === "s2")?.note).toBe("surat dokter"));
    expect(fake.marks().find((m) => m.student_id === "s2")?.status).toBe("sick");
  });

  it("shows the server's refusal in the UI's language, naming the date", async () => {
    school({ refuse: true });
    wrap(<AttendanceScreen today="2030-08-05" />, "id", teacherSession(["c1"]));
    await userEvent.click(await screen.findByTestId(cellId("s1", 4)));
    expect(await screen.findByText(/29 Juni 2031 di luar semua semester tahun ajaran 2030\/2031/)).toBeTruthy();
  });

  it("offers nothing to a teacher with no class", async () => {
    mockIPC((cmd) => (cmd === "attendance_classes" ? [] : cmd === "terms_list" ? terms : null));
    wrap(<AttendanceScreen today="2030-08-05" />, "en", teacherSession([]));
    expect(await screen.findByText("You take attendance for no class this year.")).toBeTruthy();
  });

  it("cycles through every status and back to none", () => {
    const seen: (AttendanceStatus | null)[] = [];
    let s: AttendanceStatus | null = null;
    do {
      s = nextStatus(s);
      seen.push(s);
    } while (s !== null);
    expect(seen).toEqual(["present", "sick", "excused", "unexcused", "late", null]);
  });
});
