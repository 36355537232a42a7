import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, within } from "@testing-library/react";
import { wrap } from "./render";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DashboardScreen } from "../App";
import type { Dashboard } from "../bindings";
import { local } from "../local";

const dashboard: Dashboard = {
  school_name: "SMP Negeri 1 Contoh",
  year: { id: "y", version: 1, updated_at: "2026-07-01T00:00:00Z", data: { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", is_current: true } },
  term: null,
  counts: [
    { table: "students", count: 3012 },
    { table: "teachers", count: 48 },
  ],
  classes: [],
  students: [],
  today: "2026-11-21",
};

describe("dashboard", () => {
  it("shows the year and counts in Indonesian and offers a draft left by a crash", async () => {
    mockIPC((cmd) => (cmd === "dashboard" ? dashboard : null));
    await (await local()).putDraft({ key: "students:new", title: "Siswa baru", data: { full_name: "Ani" }, saved_at: "2026-11-21T07:15:00Z" });
    const onRestore = vi.fn();
    wrap(<DashboardScreen go={() => {}} onRestore={onRestore} />, "id");
    expect(await screen.findByText("2026/2027")).toBeTruthy();
    expect(screen.getByTestId("count-students")).toHaveTextContent("3.012");
    // A count the shell did not send (user accounts, for a teacher) is not shown as 0.
    expect(screen.queryByTestId("count-users")).toBeNull();
    expect(screen.getByText("Hari ini di luar semester")).toBeTruthy();
    const drafts = screen.getByTestId("drafts");
    expect(drafts).toHaveTextContent(/Siswa baru/);
    await userEvent.click(within(drafts).getByTestId("draft-restore"));
    expect(onRestore).toHaveBeenCalledWith(expect.objectContaining({ key: "students:new", data: { full_name: "Ani" } }));
  });

  it("shows no counts to a student or parent, who get none (issue 10, item 11)", async () => {
    mockIPC((cmd) => (cmd === "dashboard" ? { ...dashboard, school_name: "", year: null, counts: [] } : null));
    wrap(<DashboardScreen go={() => {}} onRestore={() => {}} />, "en");
    expect(await screen.findByTestId("dashboard")).toBeTruthy();
    expect(screen.queryByTestId("count-students")).toBeNull();
  });
});

describe("dashboard shortcuts", () => {
  it("'add student' asks for the new-student form, not just the list", async () => {
    mockIPC((cmd) => (cmd === "dashboard" ? dashboard : null));
    const onRestore = vi.fn();
    const go = vi.fn();
    wrap(<DashboardScreen go={go} onRestore={onRestore} />, "id");
    await userEvent.click(await screen.findByTestId("dash-add-student"));
    expect(onRestore).toHaveBeenCalledWith(expect.objectContaining({ key: "students:new", data: undefined }));
    expect(go).not.toHaveBeenCalled();
  });
});
