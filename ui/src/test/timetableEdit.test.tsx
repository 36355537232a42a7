// Editing a timetable on the grids (issue 14, item 6, helper "ttui") with
// the real components: picking a lesson up (its Move button, the keyboard
// path, or an HTML5 drag) asks the app for every cell's verdict once and
// colours each cell with the rule it would break named; a move, a swap
// asked first, a refusal shown in the app's words; undo and redo naming
// the versions the last step left, and an undo refused once the timetable
// changed meanwhile; locks; the score with its worst items and the tray
// of lessons not placed; a published timetable edited only as a copy.
import { mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BellPeriod, CellVerdictView, EntryView, PlacedView, Rec, ScoreView, Term, TermTimetable, TimetableRow, WeekView } from "../bindings";
import { TimetableScreen } from "../screens/Timetable";
import { wrap } from "./render";

const meta = { version: 1, updated_at: "2026-07-01T00:00:00Z" };
const term: Rec<Term> = { id: "t1", ...meta, data: { academic_year_id: "y1", number: 1, name: "Semester 1", start_date: "2026-07-13", end_date: "2026-12-18" } };

/** Monday–Tuesday, three lesson periods each. */
function week(): WeekView {
  const periods: BellPeriod[] = [];
  for (let d = 1; d <= 2; d++) for (let k = 1; k <= 3; k++) periods.push({ weekday: d, position: k, kind: "lesson", label: String(k), start_minute: 420 + 40 * (k - 1), end_minute: 460 + 40 * (k - 1) });
  return { days: [1, 2], periods };
}

const entry = (id: string, weekday: number, period: number, subject: string, teacher: string, locked = false): EntryView => ({
  placement_id: id,
  placement_version: 3,
  locked,
  lesson_id: `l-${id}`,
  part: 1,
  weekday,
  period,
  length: 1,
  subject,
  subject_code: null,
  teachers: [teacher],
  classes: ["VII-A"],
  room: null,
});
const entries = [entry("p-mat", 1, 1, "Matematika", "Pak Budi"), entry("p-ipa", 1, 2, "IPA", "Bu Ani"), entry("p-seni", 2, 1, "Seni Budaya", "Pak Budi", true)];
const row = (id: string, name: string, status: string, version = 7): TimetableRow => ({
  timetable: { id, version, updated_at: meta.updated_at, data: { term_id: "t1", name, status, made_by: null, placed: 3, total: 4, hard_violations: 0, soft_cost: 150, attention: null } as TermTimetable },
  made_by: null,
  created_at: "2026-07-20T03:00:00Z",
});
/** Matematika's verdicts: Tuesday 2 breaks Pak Budi's unavailable time,
 * Monday 2 swaps with IPA, the rest is fine. */
const verdicts: CellVerdictView[] = [1, 2].flatMap((d) =>
  [1, 2, 3].map((p) => ({
    weekday: d,
    period: p,
    swap_with: d === 1 && p === 2 ? "p-ipa" : null,
    broken: d === 2 && p === 2 ? ["Pak Budi unavailable: teacher Pak Budi is not available at Tuesday 2"] : [],
  })),
);
const score: ScoreView = {
  placed: 3,
  total: 4,
  hard: [],
  soft_cost: 150,
  worst: [{ words: "Max gaps (Pak Budi): teacher Pak Budi has 2 gaps, at most 1", cost: 100 }],
  unplaced: [{ lesson_id: "l-pjok", part: 1, length: 1, name: "PJOK VII-A (Pak Eko)", classes: ["VII-A"] }],
};
const refusal = {
  kind: "invalid",
  message: "period: the lesson cannot go to Tuesday period 2: Pak Budi unavailable: teacher Pak Budi is not available at Tuesday 2",
  fields: [
    {
      field: "period",
      message: "the lesson cannot go to Tuesday period 2: Pak Budi unavailable: teacher Pak Budi is not available at Tuesday 2",
      code: "move_breaks_rules",
      params: { day: "2", period: "2", problems: "Pak Budi unavailable: teacher Pak Budi is not available at Tuesday 2" },
    },
  ],
  rows: [],
  conflict: null,
};

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;
function office(status = "draft", extra: Handler = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case "terms_list":
        return [term];
      case "timetable_week":
        return week();
      case "teachers_list":
      case "classes_list":
      case "rooms_list":
      case "subjects_list":
        return [];
      case "timetables_list":
        return [row("tt1", "Draft 1", status)];
      case "timetable_entries":
        return entries;
      case "timetable_score":
        return score;
      case "timetable_move_options":
        return verdicts;
      default:
        return null;
    }
  });
  return calls;
}

async function openGrid() {
  wrap(<TimetableScreen />);
  await userEvent.click(await screen.findByTestId("tt-tab-view"));
  return screen.findByTestId("tt-grid");
}

const pickUp = async (subject: string) => userEvent.click(await screen.findByRole("button", { name: `Move ${subject}` }));

describe("moving a lesson", () => {
  it("shows every cell's verdict from one call, the broken rule named, and saves a move onto a fine cell", async () => {
    const calls = office("draft", (cmd) => (cmd === "timetable_move" ? { timetable_version: 8, placement_version: 4, swapped_with: null } : undefined));
    await openGrid();
    await pickUp("Matematika");
    await waitFor(() => expect(screen.getByTestId("tt-slot-2-2")).toHaveAttribute("data-verdict", "bad"));
    expect(calls.filter((c) => c.cmd === "timetable_move_options")).toEqual([{ cmd: "timetable_move_options", args: { timetable_id: "tt1", placement_id: "p-mat" } }]);
    const bad = screen.getByTestId("tt-slot-2-2");
    expect(bad.getAttribute("title")).toContain("teacher Pak Budi is not available at Tuesday 2");
    expect(bad).toHaveAccessibleName(/Pak Budi unavailable/);
    expect(screen.getByTestId("tt-slot-1-2")).toHaveAttribute("data-verdict", "swap");
    expect(screen.getByTestId("tt-slot-1-2").getAttribute("title")).toContain("Swaps with IPA (VII-A)");
    expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok");
    expect(screen.getByTestId("tt-slot-1-1")).toHaveAttribute("data-verdict", "here");
    await userEvent.click(screen.getByTestId("tt-slot-1-3"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_move")).toBe(true));
    expect(calls.find((c) => c.cmd === "timetable_move")!.args).toEqual({ timetable_id: "tt1", timetable_version: 7, placement_id: "p-mat", version: 3, weekday: 1, period: 3 });
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-3")).not.toHaveAttribute("data-verdict"));
  });

  it("shows the app's refusal, naming the rule, when a lesson is dropped on a cell that breaks one", async () => {
    office("draft", (cmd) => {
      if (cmd === "timetable_move") throw refusal;
      return undefined;
    });
    await openGrid();
    await pickUp("Matematika");
    await waitFor(() => expect(screen.getByTestId("tt-slot-2-2")).toHaveAttribute("data-verdict", "bad"));
    await userEvent.click(screen.getByTestId("tt-slot-2-2"));
    expect(await screen.findByRole("alert")).toHaveTextContent("teacher Pak Budi is not available at Tuesday 2");
  });

  it("asks before a swap, and is driven by the keyboard too", async () => {
    const calls = office("draft", (cmd) => (cmd === "timetable_move" ? { timetable_version: 8, placement_version: 4, swapped_with: "p-ipa" } : undefined));
    await openGrid();
    (await screen.findByRole("button", { name: "Move Matematika" })).focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-2")).toHaveAttribute("data-verdict", "swap"));
    screen.getByTestId("tt-slot-1-2").focus();
    await userEvent.keyboard("{Enter}");
    const dialog = await screen.findByTestId("tt-swap");
    expect(dialog).toHaveTextContent("Monday period 2 has IPA (VII-A). Swap it with Matematika?");
    expect(calls.some((c) => c.cmd === "timetable_move")).toBe(false);
    await userEvent.click(within(dialog).getByTestId("tt-swap-yes"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_move")?.args).toMatchObject({ weekday: 1, period: 2 }));
  });

  it("picks up by an HTML5 drag and places on drop", async () => {
    const calls = office("draft", (cmd) => (cmd === "timetable_move" ? { timetable_version: 8, placement_version: 4, swapped_with: null } : undefined));
    await openGrid();
    const lesson = within(screen.getByTestId("tt-slot-1-1")).getByTestId("tt-lesson");
    expect(lesson).toHaveAttribute("draggable", "true");
    expect(within(screen.getByTestId("tt-slot-2-1")).getByTestId("tt-lesson")).toHaveAttribute("draggable", "false");
    fireEvent.dragStart(lesson, { dataTransfer: { setData: () => {}, effectAllowed: "" } });
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok"));
    fireEvent.dragOver(screen.getByTestId("tt-slot-1-3"));
    fireEvent.drop(screen.getByTestId("tt-slot-1-3"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_move")?.args).toMatchObject({ placement_id: "p-mat", weekday: 1, period: 3 }));
  });

  it("Escape puts the lesson down again without asking the app to move it", async () => {
    const calls = office();
    await openGrid();
    await pickUp("Matematika");
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok"));
    screen.getByTestId("tt-slot-1-3").focus();
    await userEvent.keyboard("{Escape}");
    expect(screen.getByTestId("tt-slot-1-3")).not.toHaveAttribute("data-verdict");
    expect(calls.some((c) => c.cmd === "timetable_move")).toBe(false);
  });
});

describe("undo and redo", () => {
  it("undoes and redoes a move at the versions the last step left", async () => {
    let n = 0;
    const calls = office("draft", (cmd) => (cmd === "timetable_move" ? { timetable_version: 8 + n, placement_version: 4 + n++, swapped_with: null } : undefined));
    await openGrid();
    expect(screen.getByTestId("tt-undo")).toBeDisabled();
    await pickUp("Matematika");
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok"));
    await userEvent.click(screen.getByTestId("tt-slot-1-3"));
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    await waitFor(() => expect(screen.getByTestId("tt-redo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-redo"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_move")).toHaveLength(3));
    const moves = calls.filter((c) => c.cmd === "timetable_move").map((c) => c.args);
    expect(moves[1]).toEqual({ timetable_id: "tt1", timetable_version: 8, placement_id: "p-mat", version: 4, weekday: 1, period: 1 });
    expect(moves[2]).toEqual({ timetable_id: "tt1", timetable_version: 9, placement_id: "p-mat", version: 5, weekday: 1, period: 3 });
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    expect(screen.getByTestId("tt-redo")).toBeDisabled();
  });

  it("undoes two steps one after the other at the latest versions", async () => {
    let n = 0;
    const calls = office("draft", (cmd) => (cmd === "timetable_move" ? { timetable_version: 8 + n, placement_version: 4 + n++, swapped_with: null } : undefined));
    await openGrid();
    for (let k = 0; k < 2; k++) {
      await pickUp("Matematika");
      await waitFor(() => expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok"));
      await userEvent.click(screen.getByTestId("tt-slot-1-3"));
      await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_move")).toHaveLength(k + 1));
    }
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_move")).toHaveLength(3));
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_move")).toHaveLength(4));
    const moves = calls.filter((c) => c.cmd === "timetable_move").map((c) => c.args);
    // The second undo goes at what the first undo left (10, 6), not at
    // what its own step left (8, 4).
    expect(moves[3]).toMatchObject({ timetable_version: 10, placement_id: "p-mat", version: 6 });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says an undo is no longer possible once the timetable changed meanwhile", async () => {
    let n = 0;
    office("draft", (cmd) => {
      if (cmd !== "timetable_move") return undefined;
      if (n++ === 0) return { timetable_version: 8, placement_version: 4, swapped_with: null };
      throw { kind: "conflict", message: "this timetable was changed by someone else", fields: [], rows: [], conflict: null };
    });
    await openGrid();
    await pickUp("Matematika");
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok"));
    await userEvent.click(screen.getByTestId("tt-slot-1-3"));
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    expect(await screen.findByRole("alert")).toHaveTextContent("can no longer be undone");
    expect(screen.getByTestId("tt-undo")).toBeDisabled();
    expect(screen.getByTestId("tt-redo")).toBeDisabled();
  });
});

describe("locks, score and published timetables", () => {
  it("locks and unlocks; a locked lesson offers no Move and cannot be dragged", async () => {
    const calls = office();
    await openGrid();
    const seni = screen.getByTestId("tt-slot-2-1");
    expect(within(seni).queryByTestId("tt-pick")).toBeNull();
    expect(seni).toHaveTextContent("🔒");
    await userEvent.click(within(seni).getByRole("button", { name: "Unlock Seni Budaya" }));
    await userEvent.click(screen.getByRole("button", { name: "Lock Matematika where it is" }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_lock")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "timetable_lock").map((c) => c.args)).toEqual([
      { placement_id: "p-seni", version: 3, locked: false },
      { placement_id: "p-mat", version: 3, locked: true },
    ]);
  });

  it("always shows the score, its costliest items and the lessons not placed", async () => {
    office();
    await openGrid();
    const panel = await screen.findByTestId("tt-score");
    expect(within(panel).getByTestId("tt-score-line")).toHaveTextContent("3 of 4 lesson blocks placed · 1 not placed · 0 hard rule(s) broken · soft score 1.50");
    // The stored summary above the grid says the same, in the same words:
    // the block in the tray is not placed, not a hard rule broken.
    expect(screen.getByTestId("tt-view-summary")).toHaveTextContent("3 of 4 lesson blocks placed (1 not placed), 0 hard rule(s) broken, soft score 1.50");
    expect(within(panel).getByTestId("tt-score-worst")).toHaveTextContent("Max gaps (Pak Budi): teacher Pak Budi has 2 gaps, at most 1 (1.00)");
    expect(within(panel).getAllByTestId("tt-tray-name").map((x) => x.textContent)).toEqual(["PJOK VII-A (Pak Eko)"]);
  });

  it("does not edit a published timetable in place: it offers an editable copy", async () => {
    const calls = office("published", (cmd) => (cmd === "timetable_copy" ? { id: "tt9", ...meta, data: { ...row("tt9", "Draft 1 (edited)", "draft").timetable.data } } : undefined));
    await openGrid();
    expect(screen.getByTestId("tt-published-note")).toHaveTextContent("This timetable is published");
    expect(screen.queryByTestId("tt-pick")).toBeNull();
    expect(screen.queryByTestId("tt-lock")).toBeNull();
    expect(within(screen.getByTestId("tt-slot-1-1")).getByTestId("tt-lesson")).toHaveAttribute("draggable", "false");
    await userEvent.click(screen.getByTestId("tt-copy"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_copy")?.args).toEqual({ timetable_id: "tt1", name: "Draft 1 (edited)" }));
  });
});

describe("substitutions", () => {
  const teacherRec = (id: string, name: string) => ({ id, ...meta, data: { full_name: name, nip: null, nuptk: null, gender: "male", phone: null, email: null, user_id: null, active: true } });
  const away = (covered: boolean) => [
    {
      absence_id: "a1",
      teacher_id: "tc1",
      teacher: "Pak Budi",
      date: "2026-07-20",
      reason: "Sakit",
      periods: [] as number[],
      timetable: "Draft 1",
      lessons: [
        {
          entry: { ...entry("p-mat", 1, 1, "Matematika", "Pak Budi"), length: 2 },
          candidates: [
            { teacher_id: "tc3", name: "Bu Rina", teaches_subject: true, teaches_class: false, covers_this_month: 2 },
            { teacher_id: "tc2", name: "Bu Ani", teaches_subject: false, teaches_class: true, covers_this_month: 0 },
          ],
          cover: covered ? { kind: "substitute", substitute_id: "tc3" } : null,
        },
      ],
    },
  ];

  it("marks a teacher away, lists their lessons with ranked substitutes and the month's count, and records the choice", async () => {
    let covered = false;
    let marked = false;
    const calls = office("draft", (cmd) => {
      if (cmd === "teachers_list") return [teacherRec("tc1", "Pak Budi"), teacherRec("tc2", "Bu Ani"), teacherRec("tc3", "Bu Rina")];
      if (cmd === "timetable_absences") return marked ? away(covered) : [];
      if (cmd === "timetable_absence_record") {
        marked = true;
        return null;
      }
      if (cmd === "timetable_cover_record") {
        covered = true;
        return null;
      }
      return undefined;
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-covers"));
    expect(await screen.findByTestId("tt-cover-none")).toBeTruthy();
    await userEvent.click(screen.getByTestId("tt-cover-teacher"));
    await userEvent.click(await screen.findByRole("option", { name: "Pak Budi" }));
    await userEvent.type(screen.getByTestId("tt-cover-reason"), "Sakit");
    await userEvent.click(screen.getByTestId("tt-cover-away"));
    const row = await screen.findByTestId("tt-cover-row");
    const rec = calls.find((c) => c.cmd === "timetable_absence_record")!.args;
    expect(rec).toMatchObject({ teacher_id: "tc1", reason: "Sakit" });
    expect(rec.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row).toHaveTextContent("1–2");
    expect(within(row).getByTestId("tt-cover-now")).toHaveTextContent("Not covered yet");
    // Best first, with why and how often each covered this month.
    await userEvent.click(within(row).getByTestId("tt-cover-candidate"));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "Bu Rina · teaches the subject · 2 cover(s) this month",
      "Bu Ani · teaches the class · 0 cover(s) this month",
    ]);
    await userEvent.keyboard("{Escape}");
    await userEvent.click(within(row).getByTestId("tt-cover-substitute"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_cover_record")?.args).toEqual({ absence_id: "a1", placement_id: "p-mat", kind: "substitute", substitute_id: "tc3" }));
    await waitFor(() => expect(within(screen.getByTestId("tt-cover-row")).getByTestId("tt-cover-now")).toHaveTextContent("by Bu Rina"));
  });

  it("marks a lesson supervised or cancelled, and shows the app's refusal of a teacher booked meanwhile", async () => {
    const calls = office("draft", (cmd, args) => {
      if (cmd === "teachers_list") return [teacherRec("tc1", "Pak Budi")];
      if (cmd === "timetable_absences") return away(false);
      if (cmd === "timetable_cover_record" && args.kind === "substitute")
        throw {
          kind: "invalid",
          message: "substitute_id: Bu Rina is not free, or teaches neither the subject nor the class, for Matematika VII-A (Monday period 1)",
          fields: [{ field: "substitute_id", message: "Bu Rina is not free, or teaches neither the subject nor the class, for Matematika VII-A (Monday period 1)", code: "substitute_not_free", params: { teacher: "Bu Rina", lesson: "Matematika VII-A (Monday period 1)" } }],
          rows: [],
          conflict: null,
        };
      return undefined;
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-covers"));
    const row = await screen.findByTestId("tt-cover-row");
    await userEvent.click(within(row).getByTestId("tt-cover-substitute"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Bu Rina is not free");
    await userEvent.click(within(screen.getByTestId("tt-cover-row")).getByTestId("tt-cover-supervised"));
    await userEvent.click(within(screen.getByTestId("tt-cover-row")).getByTestId("tt-cover-cancelled"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_cover_record").map((c) => c.args.kind)).toEqual(["substitute", "supervised", "cancelled"]));
    expect(calls.filter((c) => c.cmd === "timetable_cover_record").slice(1).map((c) => c.args.substitute_id)).toEqual([null, null]);
  });
});

describe("absences for some periods, the day's sheet and the history", () => {
  const teacherRec = (id: string, name: string) => ({ id, ...meta, data: { full_name: name, nip: null, nuptk: null, gender: "male", phone: null, email: null, user_id: null, active: true } });
  async function openCovers(extra: Handler) {
    const calls = office("draft", (cmd, args) => {
      if (cmd === "teachers_list") return [teacherRec("tc1", "Pak Budi")];
      return extra(cmd, args);
    });
    wrap(<TimetableScreen />);
    await userEvent.click(await screen.findByTestId("tt-tab-covers"));
    const field = await screen.findByTestId("tt-cover-date");
    await userEvent.clear(field);
    // Monday 20 July 2026: the fixture's week has three lesson periods.
    await userEvent.type(field, "20-07-2026");
    await userEvent.tab();
    return calls;
  }

  it("marks a teacher away at some lesson periods only, and shows which", async () => {
    let marked = false;
    const calls = await openCovers((cmd) => {
      if (cmd === "timetable_absences") return marked ? [{ absence_id: "a1", teacher_id: "tc1", teacher: "Pak Budi", date: "2026-07-20", reason: "", periods: [1, 3], timetable: "Draft 1", lessons: [] }] : [];
      if (cmd === "timetable_absence_record") {
        marked = true;
        return null;
      }
      if (cmd === "timetable_cover_history") return [];
      return undefined;
    });
    const periods = await screen.findByTestId("tt-cover-periods");
    expect(within(periods).getAllByRole("checkbox")).toHaveLength(3);
    expect(periods).toHaveTextContent("Away the whole day");
    await userEvent.click(screen.getByTestId("tt-cover-period-3"));
    await userEvent.click(screen.getByTestId("tt-cover-period-1"));
    expect(periods).toHaveTextContent("Away at these lesson periods only");
    await userEvent.click(screen.getByTestId("tt-cover-teacher"));
    await userEvent.click(await screen.findByRole("option", { name: "Pak Budi" }));
    await userEvent.click(screen.getByTestId("tt-cover-away"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_absence_record")?.args).toEqual({ teacher_id: "tc1", date: "2026-07-20", reason: "", periods: [1, 3] }));
    expect(await screen.findByTestId("tt-absence-periods")).toHaveTextContent("periods 1, 3");
    // Ticked again for the next teacher: none, the whole day.
    expect(screen.getByTestId("tt-cover-period-1")).not.toBeChecked();
  });

  it("prints the day's substitution sheet in the user's language and says where it went", async () => {
    const calls = await openCovers((cmd) => {
      if (cmd === "timetable_absences") return [];
      if (cmd === "timetable_cover_history") return [];
      if (cmd === "timetable_cover_sheet") return "/home/tu/Dokumen/Pengganti/Guru pengganti 2026-07-20.pdf";
      return undefined;
    });
    await userEvent.click(screen.getByTestId("tt-cover-print"));
    expect(await screen.findByTestId("tt-cover-printed")).toHaveTextContent("Guru pengganti 2026-07-20.pdf");
    expect(calls.find((c) => c.cmd === "timetable_cover_sheet")?.args).toEqual({ date: "2026-07-20", language: "en" });
  });

  it("counts each teacher's covers this month and semester, with the list", async () => {
    const calls = await openCovers((cmd) => {
      if (cmd === "timetable_absences") return [];
      if (cmd === "timetable_cover_history")
        return [
          { teacher_id: "tc3", name: "Bu Rina", this_month: 2, this_term: 5, items: [{ date: "2026-07-20", period: 3, lesson: "IPA VII-A (Bu Ani)", kind: "substitute" }, { date: "2026-07-13", period: 1, lesson: "Matematika VII-B (Pak Budi)", kind: "supervised" }] },
          { teacher_id: "tc2", name: "Bu Ani", this_month: 0, this_term: 1, items: [{ date: "2026-06-02", period: 2, lesson: "", kind: "substitute" }] },
        ];
      return undefined;
    });
    const history = await screen.findByTestId("tt-cover-history");
    await waitFor(() => expect(within(history).getAllByTestId("tt-cover-history-row")).toHaveLength(2));
    const rows = within(history).getAllByTestId("tt-cover-history-row");
    expect(rows[0]).toHaveTextContent(/^Bu Rina25/);
    expect(rows[0]).toHaveTextContent("2026-07-20 · Period 3 · IPA VII-A (Bu Ani)");
    expect(rows[0]).toHaveTextContent("2026-07-13 · Period 1 · Matematika VII-B (Pak Budi) · Supervised");
    expect(rows[1]).toHaveTextContent("2026-06-02 · Period 2 · ?");
    expect(calls.filter((c) => c.cmd === "timetable_cover_history").at(-1)?.args).toEqual({ date: "2026-07-20" });
  });
});

describe("before the verdicts are in", () => {
  it("places nothing, so a swap is never made unasked", async () => {
    let answer: (v: CellVerdictView[]) => void = () => {};
    const calls = office("draft", (cmd) => (cmd === "timetable_move_options" ? new Promise<CellVerdictView[]>((r) => (answer = r)) : undefined));
    await openGrid();
    await pickUp("Matematika");
    expect(screen.getByTestId("tt-slot-1-2")).toHaveAttribute("data-verdict", "wait");
    await userEvent.click(screen.getByTestId("tt-slot-1-2"));
    expect(calls.some((c) => c.cmd === "timetable_move")).toBe(false);
    answer(verdicts);
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-2")).toHaveAttribute("data-verdict", "swap"));
    await userEvent.click(screen.getByTestId("tt-slot-1-2"));
    expect(await screen.findByTestId("tt-swap")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "timetable_move")).toBe(false);
  });
});

describe("the tray of lessons not placed", () => {
  /** PJOK's verdicts: Monday 1 and 2 clash with VII-A's lessons there. */
  const placeVerdicts: CellVerdictView[] = [1, 2].flatMap((d) =>
    [1, 2, 3].map((p) => ({ weekday: d, period: p, swap_with: null, broken: d === 1 && p < 3 ? [`class VII-A has 2 lessons at Monday ${p}`] : [] })),
  );
  const trayAnswers = (cmd: string) => {
    if (cmd === "timetable_place_options") return placeVerdicts;
    return undefined;
  };

  it("drags a lesson from the tray into the grid with every cell's verdict, undoes it back to the tray and redoes it", async () => {
    let n = 0;
    const calls = office("draft", (cmd) => {
      if (cmd === "timetable_place") return { placement_id: `p-new${n}`, placement_version: 1, timetable_version: 8 + 2 * n++ } satisfies PlacedView;
      if (cmd === "timetable_unplace") return 9 + 2 * (n - 1);
      return trayAnswers(cmd);
    });
    await openGrid();
    const item = (await screen.findAllByTestId("tt-tray-item"))[0];
    expect(item).toHaveAttribute("draggable", "true");
    fireEvent.dragStart(item, { dataTransfer: { setData: () => {}, effectAllowed: "" } });
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-2")).toHaveAttribute("data-verdict", "bad"));
    expect(calls.filter((c) => c.cmd === "timetable_place_options").map((c) => c.args)).toEqual([{ timetable_id: "tt1", lesson_id: "l-pjok", part: 1 }]);
    expect(screen.getByTestId("tt-slot-1-2").getAttribute("title")).toContain("class VII-A has 2 lessons at Monday 2");
    expect(screen.getByTestId("tt-slot-1-3")).toHaveAttribute("data-verdict", "ok");
    expect(screen.getByTestId("tt-slot-1-1")).toHaveAttribute("data-verdict", "bad");
    fireEvent.dragOver(screen.getByTestId("tt-slot-1-3"));
    fireEvent.drop(screen.getByTestId("tt-slot-1-3"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_place")).toBe(true));
    expect(calls.find((c) => c.cmd === "timetable_place")!.args).toEqual({ timetable_id: "tt1", timetable_version: 7, lesson_id: "l-pjok", part: 1, weekday: 1, period: 3 });
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_unplace")).toBe(true));
    expect(calls.find((c) => c.cmd === "timetable_unplace")!.args).toEqual({ timetable_id: "tt1", timetable_version: 8, placement_id: "p-new0", version: 1 });
    await waitFor(() => expect(screen.getByTestId("tt-redo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-redo"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_place")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "timetable_place")[1].args).toEqual({ timetable_id: "tt1", timetable_version: 9, lesson_id: "l-pjok", part: 1, weekday: 1, period: 3 });
    // The undo of the redo takes out the block the redo made.
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "timetable_unplace")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "timetable_unplace")[1].args).toEqual({ timetable_id: "tt1", timetable_version: 10, placement_id: "p-new1", version: 1 });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("places from the tray by its Place button and a cell (the keyboard path), and shows the app's refusal", async () => {
    const calls = office("draft", (cmd) => {
      if (cmd === "timetable_place") throw { ...refusal, fields: [{ ...refusal.fields[0], params: { problems: "class VII-A has 2 lessons at Monday 1" } }] };
      return trayAnswers(cmd);
    });
    await openGrid();
    await userEvent.click(await screen.findByRole("button", { name: "Place PJOK VII-A (Pak Eko)" }));
    await waitFor(() => expect(screen.getByTestId("tt-slot-1-1")).toHaveAttribute("data-verdict", "bad"));
    screen.getByTestId("tt-slot-1-1").focus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("class VII-A has 2 lessons at Monday 1");
    expect(calls.find((c) => c.cmd === "timetable_place")!.args).toMatchObject({ weekday: 1, period: 1 });
    expect(screen.getByTestId("tt-undo")).toBeDisabled();
  });

  it("takes a lesson out by dropping it on the tray, and its undo places it back where it was", async () => {
    const calls = office("draft", (cmd) => {
      if (cmd === "timetable_unplace") return 8;
      if (cmd === "timetable_place") return { placement_id: "p-mat2", placement_version: 1, timetable_version: 9 } satisfies PlacedView;
      return undefined;
    });
    await openGrid();
    const lesson = within(screen.getByTestId("tt-slot-1-1")).getByTestId("tt-lesson");
    fireEvent.dragStart(lesson, { dataTransfer: { setData: () => {}, effectAllowed: "" } });
    const tray = screen.getByTestId("tt-tray");
    await waitFor(() => expect(tray).toHaveAccessibleName("Drop Matematika here to take it out of the timetable"));
    fireEvent.dragOver(tray);
    fireEvent.drop(tray);
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_unplace")).toBe(true));
    expect(calls.find((c) => c.cmd === "timetable_unplace")!.args).toEqual({ timetable_id: "tt1", timetable_version: 7, placement_id: "p-mat", version: 3 });
    await waitFor(() => expect(screen.getByTestId("tt-undo")).toBeEnabled());
    await userEvent.click(screen.getByTestId("tt-undo"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "timetable_place")).toBe(true));
    expect(calls.find((c) => c.cmd === "timetable_place")!.args).toEqual({ timetable_id: "tt1", timetable_version: 8, lesson_id: "l-p-mat", part: 1, weekday: 1, period: 1 });
  });

  it("takes a lesson out with its Take out button; a locked lesson has none", async () => {
    const calls = office("draft", (cmd) => (cmd === "timetable_unplace" ? 8 : undefined));
    await openGrid();
    expect(within(screen.getByTestId("tt-slot-2-1")).queryByTestId("tt-unplace")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Take IPA out of the timetable" }));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_unplace")?.args).toEqual({ timetable_id: "tt1", timetable_version: 7, placement_id: "p-ipa", version: 3 }));
  });

  it("offers no tray to drag from on a published timetable", async () => {
    office("published");
    await openGrid();
    expect(screen.getAllByTestId("tt-tray-item")[0]).toHaveAttribute("draggable", "false");
    expect(screen.queryByTestId("tt-tray-pick")).toBeNull();
    expect(screen.queryByTestId("tt-unplace")).toBeNull();
  });
});

describe("editing on the whole-school overview", () => {
  const classB = { ...entry("p-b", 1, 1, "IPS", "Pak Budi"), classes: ["VII-B"] };
  async function openSchool(extra: Handler = () => undefined) {
    const calls = office("draft", (cmd, args) => (cmd === "timetable_entries" ? [...entries, classB] : extra(cmd, args)));
    await openGrid();
    await userEvent.click(screen.getByTestId("tt-view-mode"));
    await userEvent.click(await screen.findByRole("option", { name: "Whole school" }));
    await screen.findByTestId("tt-school");
    return calls;
  }

  it("picks a lesson up, shows the app's verdicts on its class's row only, and moves it", async () => {
    const calls = await openSchool((cmd) => (cmd === "timetable_move" ? { timetable_version: 8, placement_version: 4, swapped_with: null } : undefined));
    await userEvent.click(screen.getByRole("button", { name: "Move Matematika VII-A" }));
    await waitFor(() => expect(screen.getByTestId("tt-school-VII-A-2-2")).toHaveAttribute("data-verdict", "bad"));
    expect(screen.getByTestId("tt-school-VII-A-2-2").getAttribute("title")).toContain("teacher Pak Budi is not available at Tuesday 2");
    expect(screen.getByTestId("tt-school-VII-A-1-2")).toHaveAttribute("data-verdict", "swap");
    expect(screen.getByTestId("tt-school-VII-A-1-1")).toHaveAttribute("data-verdict", "here");
    expect(screen.getByTestId("tt-school-VII-B-1-3")).not.toHaveAttribute("data-verdict");
    fireEvent.dragOver(screen.getByTestId("tt-school-VII-A-1-3"));
    fireEvent.drop(screen.getByTestId("tt-school-VII-A-1-3"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_move")?.args).toEqual({ timetable_id: "tt1", timetable_version: 7, placement_id: "p-mat", version: 3, weekday: 1, period: 3 }));
  });

  it("drags a lesson by HTML5 drag; a locked one cannot be picked up", async () => {
    const calls = await openSchool();
    const seni = within(screen.getByTestId("tt-school-VII-A-2-1")).getByTestId("tt-school-lesson");
    expect(seni.tagName).toBe("SPAN");
    const ips = within(screen.getByTestId("tt-school-VII-B-1-1")).getByTestId("tt-school-lesson");
    fireEvent.dragStart(ips, { dataTransfer: { setData: () => {}, effectAllowed: "" } });
    await waitFor(() => expect(calls.find((c) => c.cmd === "timetable_move_options")?.args).toEqual({ timetable_id: "tt1", placement_id: "p-b" }));
    await waitFor(() => expect(screen.getByTestId("tt-school-VII-B-1-3")).toHaveAttribute("data-verdict", "ok"));
    expect(screen.getByTestId("tt-school-VII-A-1-3")).not.toHaveAttribute("data-verdict");
  });
});

describe("exports from the timetable screen", () => {
  it("exports the timetable shown as XLSX, web pages and .fet in the user's language, says where each went, and opens it", async () => {
    const saved: Record<string, string> = {
      xlsx: "/home/tu/Documents/Timetables/Semester 1 2026-2027 - Draft 1.xlsx",
      html: "/home/tu/Documents/Timetables/Semester 1 2026-2027 - Draft 1 (web)/index.html",
      fet: "/home/tu/Documents/Timetables/Semester 1 2026-2027 - Draft 1.fet",
    };
    const calls = office("draft", (cmd, args) => {
      if (cmd === "timetable_export") return saved[args.format as string];
      if (cmd === "print_open") return null;
      return undefined;
    });
    await openGrid();
    for (const format of ["xlsx", "html", "fet"]) {
      await userEvent.click(screen.getByTestId(`tt-export-${format}`));
      await waitFor(() => expect(screen.getByTestId("tt-export-saved")).toHaveTextContent(saved[format]));
    }
    expect(calls.filter((c) => c.cmd === "timetable_export").map((c) => c.args)).toEqual(
      ["xlsx", "html", "fet"].map((format) => ({ timetable_id: "tt1", format, language: "en" })),
    );
    await userEvent.click(screen.getByTestId("tt-export-open"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "print_open")?.args).toEqual({ path: saved.fet }));
  });

  it("shows the app's refusal in words and saves nothing", async () => {
    office("draft", (cmd) => {
      if (cmd === "timetable_export") throw { kind: "invalid", message: "cannot write /media/usb/x.xlsx: No space left on device", fields: [{ field: "path", message: "cannot write /media/usb/x.xlsx: No space left on device", code: "print_write", params: { path: "/media/usb/x.xlsx", reason: "No space left on device" } }], rows: [], conflict: null };
      return undefined;
    });
    await openGrid();
    await userEvent.click(screen.getByTestId("tt-export-xlsx"));
    expect(await screen.findByText(/No space left on device/)).toBeInTheDocument();
    expect(screen.queryByTestId("tt-export-saved")).toBeNull();
  });
});
