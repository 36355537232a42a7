// The timetable screens (issue 14, helper "ttui") with the real components:
// the week editor (a short Friday, the shell's refusal in the user's
// words), the lessons' plan and Apply with the sentences read, rules on a
// clickable week grid (hard or weighted), generation polled to its end
// (progress, what could not be placed, Cancel), Publish refused in words,
// the class / teacher / whole-school grids with the bell times, the own
// week of a student, and who sees which screen in the sidebar.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { BellPeriod, Dashboard, EntryView, GenerationStatus, MyTimetableView, Rec, SessionInfo, Startup, Teacher, Term, TermTimetable, TimetableRow, TimetableRule, WeekView } from "../bindings";
import { MyTimetableScreen, TimetableScreen } from "../screens/Timetable";
import weekOverlap from "./fixtures/timetable-week-overlap.json";
import { ADMIN, teacherSession, wrap } from "./render";

const meta = { version: 1, updated_at: "2026-07-01T00:00:00Z" };
const term: Rec<Term> = { id: "t1", ...meta, data: { academic_year_id: "y1", number: 1, name: "Semester 1", start_date: "2026-07-13", end_date: "2026-12-18" } };
const bell = (weekday: number, position: number, kind: string, label: string, start: number, end: number): BellPeriod => ({ weekday, position, kind, label, start_minute: start, end_minute: end });

/** Monday–Friday, four lesson periods from 07:00 with a break after the
 * second; Friday's periods are 35 minutes and only three. */
function week(): WeekView {
  const periods: BellPeriod[] = [];
  for (let d = 1; d <= 5; d++) {
    const len = d === 5 ? 35 : 40;
    let at = 420;
    let pos = 1;
    for (let k = 1; k <= (d === 5 ? 3 : 4); k++) {
      periods.push(bell(d, pos++, "lesson", String(k), at, at + len));
      at += len;
      if (k === 2) {
        periods.push(bell(d, pos++, "break", "Istirahat", at, at + 15));
        at += 15;
      }
    }
  }
  return { days: [1, 2, 3, 4, 5], periods };
}

const entry = (weekday: number, period: number, length: number, subject: string, teachers: string[], classes: string[], room: string | null = null): EntryView => ({
  placement_id: `p-${subject}-${classes[0]}-${weekday}-${period}`,
  placement_version: 1,
  locked: false,
  lesson_id: `${subject}-${classes[0]}`,
  part: 1,
  weekday,
  period,
  length,
  subject,
  subject_code: subject === "Matematika" ? "MTK" : null,
  teachers,
  classes,
  room,
});
const entries: EntryView[] = [
  entry(1, 1, 2, "Matematika", ["Pak Budi"], ["VII-A"]),
  entry(2, 3, 1, "IPA", ["Bu Ani"], ["VII-A", "VII-B"], "Lab IPA"),
  entry(5, 1, 1, "Pendidikan Agama Islam", ["Ustadz Hasan"], ["VII-A (Islam)"]),
  entry(5, 1, 1, "Pendidikan Agama Kristen", ["Pdt. Yohanes"], ["VII-A (Kristen)"]),
  entry(3, 2, 1, "Bahasa Indonesia", ["Bu Sari"], ["VII-B"]),
];
const timetable = (id: string, name: string, status: string, placed = 9, total = 9, attention: string | null = null): TimetableRow => ({
  timetable: { id, ...meta, data: { term_id: "t1", name, status, made_by: "u-admin", placed, total, hard_violations: 0, soft_cost: 250, attention } as TermTimetable },
  made_by: "Bu Sari",
  created_at: "2026-07-20T03:00:00Z",
});
const teacher = (id: string, name: string): Rec<Teacher> => ({ id, ...meta, data: { full_name: name, nip: null, nuptk: null, gender: "male", phone: null, email: null, user_id: null, active: true } });

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;
function office(extra: Handler = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case "terms_list":
        return [term];
      case "dashboard":
        return { school_name: "SMP", year: null, term, counts: [], classes: [], students: [], today: "2026-07-20" };
      case "timetable_week":
        return week();
      case "teachers_list":
        return [teacher("tc1", "Pak Budi"), teacher("tc2", "Bu Ani")];
      case "classes_list":
      case "rooms_list":
      case "subjects_list":
        return [];
      case "timetables_list":
        return [timetable("tt1", "Draft 1", "published", 8, 9, "Matematika VII-A removed on 2026-07-19 by Bu Sari"), timetable("tt2", "Draft 2", "draft")];
      case "timetable_entries":
        return entries;
      default:
        return null;
    }
  });
  return calls;
}

describe("the school's week", () => {
  it("edits a day's bells, shows the short Friday, and sends the whole week", async () => {
    const calls = office((cmd, args) => (cmd === "timetable_week_save" ? args.week : undefined));
    wrap(<TimetableScreen />);
    expect(await screen.findByTestId("tt-day-5")).toHaveTextContent("Friday (3)");
    expect(screen.getByTestId("tt-day-1")).toHaveTextContent("Monday (4)");
    expect(screen.getAllByTestId("tt-bell-row")).toHaveLength(5);
    await userEvent.click(screen.getByTestId("tt-add-period"));
    const rows = screen.getAllByTestId("tt-bell-row");
    expect(rows).toHaveLength(6);
    // The new period starts where the last one ended (09:55) and is the 5th lesson.
    expect(within(rows[5]).getByTestId("tt-bell-start")).toHaveValue("09:55");
    expect(within(rows[5]).getByTestId("tt-bell-label")).toHaveValue("5");
    await userEvent.click(screen.getByTestId("tt-workday-6"));
    await userEvent.click(screen.getByTestId("tt-week-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_week_save")).toBe(true));
    const sent = calls.find((c) => c.cmd === "timetable_week_save")!.args.week as WeekView;
    expect(sent.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sent.periods.filter((p) => p.weekday === 1).map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sent.periods.filter((p) => p.weekday === 5 && p.kind === "lesson")).toHaveLength(3);
  });

  it("says the shell's refusal of overlapping periods in the user's words", async () => {
    office((cmd) => {
      if (cmd === "timetable_week_save") throw weekOverlap;
      return undefined;
    });
    wrap(<TimetableScreen />, "id");
    await userEvent.click(await screen.findByTestId("tt-week-save"));
    expect(await screen.findByText(/bertumpang tindih/)).toBeTruthy();
  });
});

describe("lessons from the teaching assignments", () => {
  it("lists the plan's differences in words and applies the plan that was read", async () => {
    const plan = [
      { kind: "add", description: "add Matematika for VII-A with Pak Budi, 5 periods (2+2+1)", timetables: [] },
      { kind: "remove", description: "remove IPA VII-B (Bu Ani): its teaching assignment is gone", timetables: ["Draft 1"] },
    ];
    const calls = office((cmd) => {
      if (cmd === "timetable_lessons") return [];
      if (cmd === "timetable_lesson_plan") return plan;
      if (cmd === "timetable_lesson_plan_apply") return 2;
      return undefined;
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-lessons"));
    expect(await screen.findByText("No lessons yet")).toBeTruthy();
    await userEvent.click(screen.getByTestId("tt-plan"));
    const lines = await screen.findAllByTestId("tt-plan-line");
    expect(lines.map((l) => l.textContent)).toEqual([
      "add add Matematika for VII-A with Pak Budi, 5 periods (2+2+1)",
      "remove remove IPA VII-B (Bu Ani): its teaching assignment is gone — placed in Draft 1",
    ]);
    await userEvent.click(screen.getByTestId("tt-plan-apply"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_lesson_plan_apply")).toBe(true));
    expect(calls.find((c) => c.cmd === "timetable_lesson_plan_apply")!.args).toEqual({ term_id: "t1", seen: plan.map((p) => p.description) });
    expect(await screen.findByText("2 change(s) applied")).toBeTruthy();
  });

  it("says when the plan changed since it was read", async () => {
    office((cmd) => {
      if (cmd === "timetable_lessons") return [];
      if (cmd === "timetable_lesson_plan") return [{ kind: "add", description: "add X", timetables: [] }];
      if (cmd === "timetable_lesson_plan_apply") throw { kind: "conflict", code: "tt_plan_changed", message: "changed", fields: [], rows: [], conflict: null };
      return undefined;
    });
    wrap(<TimetableScreen />, "id");
    await userEvent.click(await screen.findByTestId("tt-tab-lessons"));
    await userEvent.click(await screen.findByTestId("tt-plan"));
    await userEvent.click(await screen.findByTestId("tt-plan-apply"));
    expect(await screen.findByText(/baca rencana yang baru/)).toBeTruthy();
  });
});

describe("rules", () => {
  const stored: Rec<TimetableRule> = {
    id: "r1",
    ...meta,
    data: { term_id: "t1", kind: "teacher_unavailable", weight: 100, teacher_id: "tc1", class_id: null, room_id: null, subject_id: null, lesson_id: null, other_lesson_id: null, number: null, slots: "1:1 1:2 5:3" },
  };

  it("lists rules in words, marks unavailable times on the week grid, and saves hard or weighted", async () => {
    const calls = office((cmd, args) => {
      if (cmd === "timetable_rules") return [stored];
      if (cmd === "timetable_rule_save") return { id: "r2", ...meta, data: args.rule };
      if (cmd === "timetable_rule_delete") return null;
      return undefined;
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-rules"));
    expect((await screen.findByTestId("tt-rule")).textContent).toContain("Teacher unavailable · Pak Budi · Monday 1, 2; Friday 3 · hard");
    // Friday has three periods: its fourth cell is closed.
    expect(screen.queryByTestId("tt-cell-5-4")).toBeNull();
    await userEvent.click(screen.getByTestId("tt-cell-2-3"));
    await userEvent.click(screen.getByTestId("tt-cell-2-4"));
    await userEvent.click(screen.getByTestId("tt-cell-2-4"));
    await userEvent.click(screen.getByTestId("tt-cell-3-1"));
    expect(screen.getByTestId("tt-cell-2-3")).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("tt-cell-2-4")).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(screen.getByTestId("tt-rule-hard"));
    await userEvent.clear(screen.getByTestId("tt-rule-weight"));
    await userEvent.type(screen.getByTestId("tt-rule-weight"), "70");
    await userEvent.click(screen.getByTestId("tt-rule-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_rule_save")).toBe(true));
    const saved = calls.find((c) => c.cmd === "timetable_rule_save")!.args;
    expect(saved.id).toBeNull();
    expect(saved.rule).toMatchObject({ kind: "teacher_unavailable", teacher_id: "tc1", weight: 70, slots: "2:3 3:1", number: null });

    await userEvent.click(screen.getByTestId("tt-rule-remove"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_rule_delete")?.args).toEqual({ id: "r1", version: 1 }));
  });

  it("refuses a weight outside 1–99 % before asking the server", async () => {
    const calls = office((cmd) => (cmd === "timetable_rules" ? [] : undefined));
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-rules"));
    await userEvent.click(await screen.findByTestId("tt-rule-hard"));
    await userEvent.clear(screen.getByTestId("tt-rule-weight"));
    await userEvent.type(screen.getByTestId("tt-rule-weight"), "100");
    await userEvent.click(screen.getByTestId("tt-rule-save"));
    expect(await screen.findByText("A weighted rule's weight is 1 to 99 %")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "timetable_rule_save")).toBe(false);
  });
});

describe("generating and publishing", () => {
  it("polls the background generation to its end and lists what could not be placed", async () => {
    const states: GenerationStatus[] = [
      { running: true, placed: 3, total: 9, best_hard: 6, best_soft: 0, elapsed_ms: 1000, time_limit_ms: 30000, cancelled: false, result: null, error: null },
      {
        running: false,
        placed: 8,
        total: 9,
        best_hard: 1,
        best_soft: 125,
        elapsed_ms: 2000,
        time_limit_ms: 30000,
        cancelled: false,
        result: { timetable: timetable("tt3", "Draft 3", "draft", 8, 9).timetable, unplaced: ["IPA VII-A (Bu Ani), block 2 of 2+2"] },
        error: null,
      },
    ];
    let polled = 0;
    const calls = office((cmd) => {
      if (cmd === "timetable_generate_start") return 7;
      if (cmd === "timetable_generate_status") return states[Math.min(polled++, states.length - 1)];
      return undefined;
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-generate"));
    await userEvent.clear(screen.getByTestId("tt-gen-limit"));
    await userEvent.type(screen.getByTestId("tt-gen-limit"), "30");
    await userEvent.click(screen.getByTestId("tt-generate-start"));
    expect(await screen.findByText(/3 of 9 lesson blocks placed \(33 %\)/)).toBeTruthy();
    expect(screen.getByTestId("tt-generate-cancel")).toBeTruthy();
    expect(await screen.findByText("Draft 3 is saved: 8 of 9 lesson blocks placed.")).toBeTruthy();
    expect(within(screen.getByTestId("tt-unplaced")).getByText("IPA VII-A (Bu Ani), block 2 of 2+2")).toBeTruthy();
    expect(screen.queryByTestId("tt-generate-cancel")).toBeNull();
    expect(calls.find((c) => c.cmd === "timetable_generate_start")!.args).toEqual({ term_id: "t1", name: "Draft 3", time_limit_s: 30 });
    expect(calls.filter((c) => c.cmd === "timetable_generate_status").every((c) => c.args.job === 7)).toBe(true);
  });

  it("cancels: the shell is asked to stop and the page says nothing was saved", async () => {
    let cancelled = false;
    const calls = office((cmd) => {
      if (cmd === "timetable_generate_start") return 8;
      if (cmd === "timetable_generate_cancel") {
        cancelled = true;
        return null;
      }
      if (cmd === "timetable_generate_status") return { running: !cancelled, placed: 1, total: 9, best_hard: 8, best_soft: 0, elapsed_ms: 10, time_limit_ms: 60000, cancelled, result: null, error: null };
      return undefined;
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-generate"));
    await userEvent.click(screen.getByTestId("tt-generate-start"));
    await userEvent.click(await screen.findByTestId("tt-generate-cancel"));
    expect(await screen.findByTestId("tt-gen-cancelled")).toHaveTextContent("Cancelled; nothing was saved.");
    expect(calls.find((c) => c.cmd === "timetable_generate_cancel")!.args).toEqual({ job: 8 });
  });

  it("lists drafts with who and when, and shows a stale draft's refusal in words", async () => {
    const calls = office((cmd) => {
      if (cmd === "timetable_publish")
        throw { kind: "invalid", code: "timetable_stale", params: { name: "Draft 2", count: "1" }, message: "Draft 2: 1 lesson(s) changed", fields: [], rows: [], conflict: null };
      return undefined;
    });
    wrap(<TimetableScreen />, "id");
    await userEvent.click(await screen.findByTestId("tt-tab-generate"));
    const rows = await screen.findAllByTestId("tt-draft-row");
    expect(rows[0].textContent).toContain("diterbitkan");
    expect(rows[0].textContent).toContain("Bu Sari");
    expect(rows[1].textContent).toContain("9 / 9");
    // A lesson removed under the published timetable says so, in the row.
    expect(within(rows[0]).getByTestId("tt-draft-attention")).toHaveTextContent("Perlu diperiksa: Matematika VII-A removed on 2026-07-19 by Bu Sari");
    expect(within(rows[1]).queryByTestId("tt-draft-attention")).toBeNull();
    expect(within(rows[0]).queryByTestId("tt-draft-publish")).toBeNull();
    await userEvent.click(within(rows[1]).getByTestId("tt-draft-publish"));
    expect(await screen.findByText(/Draft 2: 1 pelajaran berubah sejak jadwal dibuat/)).toBeTruthy();
    expect(calls.find((c) => c.cmd === "timetable_publish")!.args).toEqual({ id: "tt2", version: 1 });
  });
});

describe("grids", () => {
  it("shows a class's week with bell times, a short Friday and parallel groups", async () => {
    office();
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-view"));
    const grid = await screen.findByTestId("tt-grid");
    expect(grid).toHaveAttribute("aria-label", "VII-A");
    expect(within(grid).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
    expect(within(grid).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["107:00–07:40", "207:40–08:20", "308:35–09:15", "409:15–09:55"]);
    // The break after the second period, as the bell schedule names it.
    expect(within(grid).getAllByTestId("tt-pause").map((r) => r.textContent)).toEqual(["Istirahat · 08:20–08:35"]);
    // A double period fills two cells; IPA is shared with VII-B, in the lab.
    expect(screen.getByTestId("tt-slot-1-1")).toHaveTextContent("MatematikaPak Budi");
    expect(screen.getByTestId("tt-slot-1-2")).toHaveTextContent("Matematika");
    expect(screen.getByTestId("tt-slot-2-3")).toHaveTextContent("IPABu Ani · Lab IPA");
    expect(screen.getByTestId("tt-slot-3-2")).not.toHaveTextContent("Bahasa Indonesia");
    // Friday: its own times, both religion groups at once, no fourth period.
    const friday = screen.getByTestId("tt-slot-5-1");
    expect(friday).toHaveTextContent("07:00–07:35");
    expect(within(friday).getAllByTestId("tt-lesson")).toHaveLength(2);
    expect(screen.getByTestId("tt-slot-5-4")).toHaveClass("tt-closed");
  });

  it("shows a teacher's week and the whole school, classes down", async () => {
    office();
    wrap(<TimetableScreen />, "id");
    await userEvent.click(await screen.findByTestId("tt-tab-view"));
    await screen.findByTestId("tt-grid");
    await userEvent.click(screen.getByTestId("tt-view-mode"));
    await userEvent.click(await screen.findByRole("option", { name: "Guru" }));
    await userEvent.click(screen.getByTestId("tt-view-item"));
    await userEvent.click(await screen.findByRole("option", { name: "Bu Ani" }));
    expect(screen.getByTestId("tt-grid")).toHaveAttribute("aria-label", "Bu Ani");
    expect(screen.getByTestId("tt-slot-2-3")).toHaveTextContent("IPAVII-A, VII-B · Lab IPA");
    expect(screen.getAllByTestId("tt-lesson")).toHaveLength(1);

    await userEvent.click(screen.getByTestId("tt-view-mode"));
    await userEvent.click(await screen.findByRole("option", { name: "Seluruh sekolah" }));
    const rows = await screen.findAllByTestId("tt-school-row");
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["VII-A", "VII-B"]);
    // VII-A: Monday 1–2 Matematika by its code; 4 + 4 + 4 + 4 + 3 periods across.
    const cells = within(rows[0]).getAllByRole("cell");
    expect(cells).toHaveLength(19);
    expect(cells.slice(0, 2).map((c) => c.textContent)).toEqual(["MTK", "MTK"]);
    expect(cells[16].textContent).toBe("PAI/PAK");
  });
});

describe("a teacher", () => {
  it("reads the grids and is offered nothing to change", async () => {
    const calls = office();
    wrap(<TimetableScreen />, "en", teacherSession(["c1"]));
    expect(await screen.findByTestId("tt-grid")).toBeTruthy();
    expect(screen.getAllByRole("tab").map((t) => t.getAttribute("data-testid"))).toEqual(["tt-tab-view"]);
    expect(screen.queryByTestId("tt-draft-publish")).toBeNull();
    expect(calls.some((c) => c.cmd === "timetable_week_save" || c.cmd === "timetable_lesson_plan")).toBe(false);
  });
});

describe("my timetable", () => {
  const mine: MyTimetableView = { term, week: week(), people: [{ who: "Andi Pratama", entries: entries.filter((e) => e.classes.some((c) => c.startsWith("VII-A"))) }] };

  it("shows a student's own published week", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "my_timetable") return mine;
      // A student may not list the semesters or read the directory.
      throw { kind: "not_allowed", message: "no", fields: [], rows: [], conflict: null };
    });
    wrap(<MyTimetableScreen />, "id");
    expect(await screen.findByText("Andi Pratama")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Jadwal saya · Semester 1");
    expect(calls).toEqual(["my_timetable"]);
    expect(screen.getByTestId("tt-slot-1-1")).toHaveTextContent("Matematika");
    expect(screen.getByTestId("tt-slot-2-3")).toHaveTextContent("IPAVII-A, VII-B · Bu Ani · Lab IPA");
  });

  it("says when nothing is published yet", async () => {
    mockIPC((cmd) => {
      if (cmd === "my_timetable") return { ...mine, people: [{ who: "Andi Pratama", entries: null }] };
      return null;
    });
    wrap(<MyTimetableScreen />);
    expect(await screen.findByTestId("my-tt-unpublished")).toHaveTextContent("not published yet");
  });

  it("is in the sidebar as each role may use it", async () => {
    const startup: Startup = { configured: true, database: "/tmp/school.db", needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };
    const dashboard: Dashboard = { school_name: "SMP Negeri 1", year: null, term: null, counts: [], classes: [], students: [], today: "2026-11-29" };
    const nav = async (session: SessionInfo) => {
      mockIPC((cmd) => {
        if (cmd === "startup") return startup;
        if (cmd === "session_current") return session;
        if (cmd === "dashboard") return dashboard;
        return null;
      });
      const view = render(<App />);
      await screen.findByTestId("nav-dashboard");
      const shown = [screen.queryByTestId("nav-timetable") !== null, screen.queryByTestId("nav-my_timetable") !== null];
      view.unmount();
      return shown;
    };
    const student: SessionInfo = { ...teacherSession([]), roles: ["student"] };
    const bursar: SessionInfo = { ...teacherSession([]), roles: ["bursar"] };
    expect(await nav(ADMIN)).toEqual([true, false]);
    expect(await nav(teacherSession(["c1"]))).toEqual([true, true]);
    expect(await nav(student)).toEqual([false, true]);
    expect(await nav(bursar)).toEqual([false, false]);
  });
});
