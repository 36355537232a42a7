import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AcademicYear, Rec, Term } from "../bindings";
import { ToastProvider } from "../components/ui";
import { I18nContext, makeI18n } from "../i18n";
import { YearsScreen } from "../screens/People";

const year: Rec<AcademicYear> = {
  id: "y1",
  version: 1,
  updated_at: "2026-07-01T00:00:00Z",
  data: { name: "2026/2027", start_date: "2026-07-13", end_date: "2027-06-26", is_current: true },
};
const term = (n: number, start: string, end: string, version = 1): Rec<Term> => ({
  id: `t${n}`,
  version,
  updated_at: "2026-07-01T00:00:00Z",
  data: { academic_year_id: "y1", number: n, name: `Semester ${n}`, start_date: start, end_date: end },
});

describe("academic years", () => {
  it("edits a semester's dates, shows the server's problem in Bahasa Indonesia, then saves", async () => {
    let terms = [term(1, "2026-07-13", "2026-12-31"), term(2, "2027-01-01", "2027-06-26")];
    const updates: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "years_list") return [year];
      if (cmd === "terms_list") return terms;
      if (cmd === "term_update") {
        const a = args as { id: string; version: number; term: Term };
        updates.push(a);
        if (a.term.end_date > year.data.end_date) {
          throw {
            kind: "invalid",
            message: "check the fields",
            fields: [{ field: "end_date", message: "a semester must lie within its year", code: "semester_in_year", params: { year: "2026/2027" } }],
            rows: [],
            conflict: null,
          };
        }
        terms = terms.map((x) => (x.id === a.id ? { ...x, version: x.version + 1, data: a.term } : x));
        return terms.find((x) => x.id === a.id);
      }
      return null;
    });
    render(
      <I18nContext.Provider value={makeI18n("id", () => {})}>
        <ToastProvider>
          <YearsScreen />
        </ToastProvider>
      </I18nContext.Provider>,
    );
    await userEvent.click(await screen.findByText("2026/2027"));
    await userEvent.click(await screen.findByTestId("term-edit-1"));
    const end = await screen.findByTestId("field-end_date");
    await userEvent.clear(end);
    await userEvent.type(end, "2027-08-01");
    await userEvent.click(screen.getByTestId("form-save"));
    expect(await screen.findByText("tanggal semester harus berada di dalam tahun ajaran 2026/2027")).toBeTruthy();
    expect(screen.getByTestId("term-form")).toBeTruthy();

    await userEvent.clear(end);
    await userEvent.type(end, "2026-12-20");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(screen.queryByTestId("term-form")).toBeNull());
    expect(updates.at(-1)).toEqual({ id: "t1", version: 1, term: { ...terms[0].data, end_date: "2026-12-20" } });
    expect(await screen.findByText(/20 Desember 2026/)).toBeTruthy();
  });
});
