// The descriptions screen with the real components and a fake shell
// (issue 12, item 5): ticks answer the student's new sentence, which shows
// at once in the UI's language; the teacher's own text with the comment
// bank; objectives added and reordered; the homeroom teacher's part, with
// promotion only offered in the even semester.
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Class, DescriptionRow, LearningObjective, ObjectiveTick, Rec, Term, TermReportForm, TermReportView, TickKind } from "../bindings";
import { DescriptionsScreen } from "../screens/Descriptions";
import { teacherSession, wrap } from "./render";

const at = "2030-07-01T00:00:00Z";
const term = (n: number): Rec<Term> => ({
  id: `t${n}`,
  version: 1,
  updated_at: at,
  data: { academic_year_id: "y1", number: n, name: `Semester ${n}`, start_date: n === 1 ? "2030-07-13" : "2031-01-01", end_date: n === 1 ? "2030-12-31" : "2031-06-26" },
});
const cls: Rec<Class> = { id: "c1", version: 1, updated_at: at, data: { name: "VII-A", grade_level: 7, academic_year_id: "y1", homeroom_teacher_id: "tc" } };
const objective = (code: string, text_id: string, position: number): Rec<LearningObjective> => ({
  id: `o-${code}`,
  version: 1,
  updated_at: at,
  data: { subject_id: "mtk", term_id: "t1", code, text_id, text_en: null, position },
});

function school(opts: { homeroom?: boolean; current?: Rec<Term> } = {}) {
  let objectives = [objective("TP1", "menghitung pecahan", 0), objective("TP2", "membaca diagram", 1)];
  let ticks: ObjectiveTick[] = [];
  let custom: string | null = null;
  const reports: TermReportForm[] = [];
  const calls: { cmd: string; args: unknown }[] = [];
  const row = (): DescriptionRow => {
    const texts = (k: TickKind) => objectives.filter((o) => ticks.some((x) => x.objective_id === o.id && x.tick === k)).map((o) => o.data.text_id);
    const good = texts("mastered");
    const work = texts("needs_work");
    const id = [good.length ? `Menunjukkan penguasaan yang baik dalam ${good.join(" dan ")}` : "", work.length ? `perlu ditingkatkan dalam ${work.join(" dan ")}` : ""].filter(Boolean).join("; ");
    const en = [good.length ? `Shows good mastery in ${good.join(" and ")}` : "", work.length ? `needs to improve in ${work.join(" and ")}` : ""].filter(Boolean).join("; ");
    const sentence = (x: string) => (x ? x[0].toUpperCase() + x.slice(1) + "." : "");
    return { student: { student_id: "s1", full_name: "Andi Pratama", nis: "1" }, ticks, generated_id: sentence(id), generated_en: sentence(en), custom };
  };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const a = args as Record<string, unknown>;
    if (cmd === "description_choices") return [{ class_id: "c1", class_name: "VII-A", academic_year_id: "y1", subject_id: "mtk", subject_name: "Matematika" }];
    if (cmd === "term_report_classes") return opts.homeroom ? [cls] : [];
    if (cmd === "terms_list") return [term(1), term(2)];
    if (cmd === "dashboard") return opts.current ? { school_name: "SMP", year: null, term: opts.current, counts: [], classes: [], students: [], today: "2031-02-02" } : null;
    if (cmd === "description_open") return { objectives, students: [row()] };
    if (cmd === "description_comments") return [{ id: "k1", version: 1, updated_at: at, data: { subject_id: "mtk", text: "Teliti dalam berhitung." } }];
    if (cmd === "description_tick") {
      ticks = ticks.filter((x) => x.objective_id !== a.objective_id);
      if (a.tick) ticks.push({ objective_id: a.objective_id as string, tick: a.tick as TickKind });
      return row();
    }
    if (cmd === "description_set") {
      custom = (a.text as string | null)?.trim() || null;
      return row();
    }
    if (cmd === "objectives_add") {
      const form = a.objective as { code: string; text_id: string };
      objectives = [...objectives, objective(form.code, form.text_id, objectives.length)];
      return objectives.at(-1);
    }
    if (cmd === "objectives_reorder") {
      const ids = a.ids as string[];
      objectives = ids.map((id, i) => ({ ...objectives.find((o) => o.id === id)!, data: { ...objectives.find((o) => o.id === id)!.data, position: i } }));
      return objectives;
    }
    if (cmd === "term_report_open") {
      const view: TermReportView = {
        term: a.term_id === "t2" ? term(2) : term(1),
        promotion_allowed: a.term_id === "t2",
        students: [{ student: { student_id: "s1", full_name: "Andi Pratama", nis: "1" }, report: reports.at(-1) ?? { homeroom_note: null, parent_response: null, promotion: null } }],
        extracurriculars: [{ id: "x1", version: 1, updated_at: at, data: { name: "Pramuka" } }],
        results: [],
      };
      return view;
    }
    if (cmd === "term_report_save") {
      reports.push(a.report as TermReportForm);
      return null;
    }
    if (cmd === "extracurricular_result_set") return null;
    return null;
  });
  return { calls };
}

describe("descriptions", () => {
  it("ticks objectives and shows the new sentence at once, in Bahasa Indonesia", async () => {
    const fake = school();
    wrap(<DescriptionsScreen />, "id", teacherSession(["c1"]));
    expect(await screen.findByText("Centang TP untuk menyusun deskripsi.")).toBeTruthy();
    await userEvent.click(screen.getByTestId("tick-s1-TP1-mastered"));
    await waitFor(() => expect(screen.getByTestId("desc-text-s1")).toHaveTextContent("Menunjukkan penguasaan yang baik dalam menghitung pecahan."));
    await userEvent.click(screen.getByTestId("tick-s1-TP2-needs_work"));
    await waitFor(() =>
      expect(screen.getByTestId("desc-text-s1")).toHaveTextContent("Menunjukkan penguasaan yang baik dalam menghitung pecahan; perlu ditingkatkan dalam membaca diagram."),
    );
    // A second click on the same box takes the tick off.
    await userEvent.click(screen.getByTestId("tick-s1-TP1-mastered"));
    await waitFor(() => expect(screen.getByTestId("desc-text-s1")).toHaveTextContent("Perlu ditingkatkan dalam membaca diagram."));
    expect(fake.calls.filter((c) => c.cmd === "description_tick").map((c) => c.args)).toEqual([
      { class_id: "c1", student_id: "s1", objective_id: "o-TP1", tick: "mastered" },
      { class_id: "c1", student_id: "s1", objective_id: "o-TP2", tick: "needs_work" },
      { class_id: "c1", student_id: "s1", objective_id: "o-TP1", tick: null },
    ]);
  });

  it("shows the English sentence in English, replaces it with the teacher's text from the comment bank, and resets it", async () => {
    const fake = school();
    wrap(<DescriptionsScreen />, "en", teacherSession(["c1"]));
    await userEvent.click(await screen.findByTestId("tick-s1-TP2-mastered"));
    await waitFor(() => expect(screen.getByTestId("desc-text-s1")).toHaveTextContent("Generated description: Shows good mastery in membaca diagram."));
    await userEvent.click(screen.getByTestId("desc-edit-s1"));
    const draft = screen.getByTestId("desc-draft-s1");
    expect(draft).toHaveValue("Shows good mastery in membaca diagram.");
    await userEvent.clear(draft);
    await userEvent.type(draft, "Andi works hard.");
    await userEvent.click(screen.getByTestId("desc-comment-s1"));
    await userEvent.click(within(await screen.findByTestId("desc-comment-s1-list")).getByText("Teliti dalam berhitung."));
    expect(draft).toHaveValue("Andi works hard. Teliti dalam berhitung.");
    await userEvent.click(screen.getByTestId("desc-save-s1"));
    await waitFor(() => expect(screen.getByTestId("desc-text-s1")).toHaveTextContent("Teacher's own text: Andi works hard. Teliti dalam berhitung."));
    await userEvent.click(screen.getByTestId("desc-reset-s1"));
    await waitFor(() => expect(screen.getByTestId("desc-text-s1")).toHaveTextContent("Generated description: Shows good mastery in membaca diagram."));
    expect(fake.calls.filter((c) => c.cmd === "description_set").map((c) => (c.args as { text: string | null }).text)).toEqual(["Andi works hard. Teliti dalam berhitung.", null]);
  });

  it("adds an objective and moves it up", async () => {
    const fake = school();
    wrap(<DescriptionsScreen />, "en", teacherSession(["c1"]));
    await userEvent.type(await screen.findByTestId("objective-code"), "TP3");
    await userEvent.type(screen.getByTestId("objective-text-id"), "mengukur sudut");
    await userEvent.click(screen.getByTestId("objective-save"));
    expect(await screen.findByTestId("objective-TP3")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Move up: TP3" }));
    await waitFor(() =>
      expect(within(screen.getByTestId("desc-objectives")).getAllByRole("listitem").map((li) => li.getAttribute("data-testid"))).toEqual(["objective-TP1", "objective-TP3", "objective-TP2"]),
    );
    expect(fake.calls.find((c) => c.cmd === "objectives_add")?.args).toEqual({ subject_id: "mtk", term_id: "t1", objective: { code: "TP3", text_id: "mengukur sudut", text_en: null } });
    expect(fake.calls.find((c) => c.cmd === "objectives_reorder")?.args).toEqual({ subject_id: "mtk", term_id: "t1", ids: ["o-TP1", "o-TP3", "o-TP2"] });
  });

  it("opens on the semester today falls in (the dashboard's), not the first", async () => {
    const fake = school({ current: term(2) });
    wrap(<DescriptionsScreen />, "en", teacherSession(["c1"]));
    await waitFor(() => expect(screen.getByTestId("desc-term").textContent).toContain(term(2).data.name));
    await waitFor(() => expect(fake.calls.some((c) => c.cmd === "description_open" && (c.args as { term_id: string }).term_id === "t2")).toBe(true));
  });

  it("gives the homeroom teacher the note and extracurriculars, and promotion only in the even semester", async () => {
    const fake = school({ homeroom: true });
    wrap(<DescriptionsScreen />, "en", teacherSession(["c1"]));
    const part = await screen.findByTestId("desc-homeroom");
    expect(await within(part).findByText("Promotion is decided in the even semester.")).toBeTruthy();
    expect(within(part).queryByTestId("report-promotion-s1")).toBeNull();
    await userEvent.type(within(part).getByTestId("report-note-s1"), "Keep it up.");
    await userEvent.click(within(part).getByTestId("report-save-s1"));
    await waitFor(() => expect(fake.calls.some((c) => c.cmd === "term_report_save")).toBe(true));
    expect(fake.calls.find((c) => c.cmd === "term_report_save")?.args).toEqual({
      class_id: "c1",
      term_id: "t1",
      student_id: "s1",
      report: { homeroom_note: "Keep it up.", parent_response: null, promotion: null },
    });
    await userEvent.type(within(part).getByTestId("report-grade-s1-Pramuka"), "A");
    await userEvent.click(within(part).getByTestId("report-grade-save-s1-Pramuka"));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.cmd === "extracurricular_result_set")?.args).toEqual({
        class_id: "c1",
        term_id: "t1",
        student_id: "s1",
        extracurricular_id: "x1",
        grade: "A",
        note: null,
      }),
    );

    await userEvent.click(screen.getByTestId("desc-term"));
    await userEvent.click(within(await screen.findByTestId("desc-term-list")).getByText("Semester 2"));
    await userEvent.click(await screen.findByTestId("report-promotion-s1"));
    await userEvent.click(within(await screen.findByTestId("report-promotion-s1-list")).getByText("Promoted"));
    await userEvent.click(screen.getByTestId("report-save-s1"));
    await waitFor(() => expect(fake.calls.filter((c) => c.cmd === "term_report_save").at(-1)?.args).toMatchObject({ term_id: "t2", report: { promotion: "promoted" } }));
  });
});
