// A family's "Report card" screen (gaps): each semester of the year, the
// grades once approved and "not published yet" before; the card opened as
// a PDF in the family's language; the screen offered to students and
// parents only.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { Dashboard, MyTermResults, Rec, SessionInfo, Startup, Term } from "../bindings";
import { MyResultsScreen } from "../screens/MyResults";
import { teacherSession, wrap } from "./render";

const meta = { version: 1, updated_at: "2026-07-01T00:00:00Z" };
const term = (id: string, number: number, name: string): Rec<Term> => ({ id, ...meta, data: { academic_year_id: "y1", number, name, start_date: "2026-07-13", end_date: "2026-12-18" } });
const results: MyTermResults[] = [
  {
    term: term("t1", 1, "Semester 1"),
    students: [
      {
        student_id: "s1",
        full_name: "Andi Pratama",
        class_name: "VII A",
        published: true,
        subjects: [
          { subject_id: "mtk", subject_name: "Matematika", grade: "85", predicate: "B", passed: true, missing: [] },
          { subject_id: "pai", subject_name: "Pendidikan Agama Islam", grade: null, predicate: null, passed: null, missing: ["PAS"] },
        ],
      },
    ],
  },
  { term: term("t2", 2, "Semester 2"), students: [{ student_id: "s1", full_name: "Andi Pratama", class_name: "VII A", published: false, subjects: [] }] },
];

describe("a family's report card", () => {
  it("shows the approved semester's grades, says the other is not published, and opens the card", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "my_results") return results;
      if (cmd === "print_preview") return "/tmp/rapor.pdf";
      return null;
    });
    wrap(<MyResultsScreen />, "id");
    const first = await screen.findByTestId("mr-term-1");
    const rows = within(first)
      .getAllByRole("row")
      .map((r) => r.textContent);
    expect(rows).toEqual(["Mata pelajaranNilaiPredikat", "Matematika85B", "Pendidikan Agama Islambelum lengkap"]);
    expect(within(screen.getByTestId("mr-term-2")).getByTestId("mr-not-published").textContent).toContain("VII A");
    expect(within(screen.getByTestId("mr-term-2")).queryByTestId("mr-open-card")).toBeNull();
    await userEvent.click(within(first).getByTestId("mr-open-card"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "print_preview")).toBe(true));
    const opened = calls.find((c) => c.cmd === "print_preview")!.args as { term_id: string; student_id: string; settings: { language: string; allow_incomplete: boolean } };
    expect([opened.term_id, opened.student_id, opened.settings.language, opened.settings.allow_incomplete]).toEqual(["t1", "s1", "id", false]);
  });

  it("says the server's refusal in the family's words", async () => {
    mockIPC((cmd) => {
      if (cmd === "my_results") return results;
      if (cmd === "print_preview") throw { kind: "setup", message: "the report cards of class VII A for Semester 1 are not published yet", code: "card_not_published", params: { class: "VII A", term: "Semester 1" }, fields: [], rows: [], conflict: null };
      return null;
    });
    wrap(<MyResultsScreen />, "id");
    await userEvent.click(await screen.findByTestId("mr-open-card"));
    expect(await screen.findByText(/belum diterbitkan/)).toBeTruthy();
  });

  it("is in the sidebar of a student or parent, not of a teacher", async () => {
    const startup: Startup = { configured: true, database: "/tmp/school.db", needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };
    const dashboard: Dashboard = { school_name: "SMP Negeri 1", year: null, term: null, counts: [], classes: [], students: [], today: "2026-11-29" };
    const app = (session: SessionInfo) => {
      mockIPC((cmd) => {
        if (cmd === "startup") return startup;
        if (cmd === "session_current") return session;
        if (cmd === "dashboard") return dashboard;
        if (cmd === "my_results") return results;
        return null;
      });
      return render(<App />);
    };
    const parent: SessionInfo = { ...teacherSession([]), roles: ["parent"] };
    const view = app(parent);
    await userEvent.click(await screen.findByTestId("nav-results"));
    expect(await screen.findByTestId("my-results")).toBeTruthy();
    view.unmount();
    app(teacherSession(["c7a"]));
    await screen.findByTestId("nav-dashboard");
    expect(screen.queryByTestId("nav-results")).toBeNull();
  });
});
