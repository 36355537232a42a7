// The print screen (issue 12, item 8): what it sends to start a job, the
// progress it shows while the job runs, cancel, the files when done, and a
// refusal from the server in the user's language.
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AcademicYear, Class, PrintJob, Rec, Student, Term } from "../bindings";
import { PrintScreen } from "../screens/Print";
import { wrap } from "./render";

const meta = { version: 1, updated_at: "2030-07-01T00:00:00Z" };
const year: Rec<AcademicYear> = { id: "y1", ...meta, data: { name: "2030/2031", start_date: "2030-07-13", end_date: "2031-06-26", is_current: true } };
const term: Rec<Term> = { id: "t1", ...meta, data: { academic_year_id: "y1", number: 1, name: "Semester 1", start_date: "2030-07-13", end_date: "2030-12-20" } };
const cls = (id: string, name: string): Rec<Class> => ({ id, ...meta, data: { name, grade_level: 7, academic_year_id: "y1", homeroom_teacher_id: null } });
const student: Rec<Student> = {
  id: "s1",
  ...meta,
  data: {
    nis: "2030001",
    nisn: "0012345678",
    full_name: "Andi Pratama",
    gender: "male",
    birth_place: "Bandung",
    birth_date: "2017-03-04",
    religion: "Islam",
    address: "",
    status: "active",
    user_id: null,
  },
};

function answers(jobs: PrintJob[], calls: { cmd: string; args: unknown }[], current: Rec<Term> | null = null, terms: Rec<Term>[] = [term]) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "years_list":
        return [year];
      case "terms_list":
        return terms;
      case "dashboard":
        return { school_name: "SMP", year, term: current, counts: [], classes: [], students: [], today: "2031-02-02" };
      case "classes_list":
        return [cls("c1", "VII A"), cls("c2", "VII B")];
      case "class_roster":
        return [student];
      case "print_folder_default":
        return "/home/tu/Documents";
      case "print_start":
        return "job-1";
      case "print_job":
        return jobs.length > 1 ? jobs.shift() : jobs[0];
      default:
        return null;
    }
  });
}

const running = (done: number): PrintJob => ({ id: "job-1", done, total: 30, finished: false, cancelled: false, error: null, files: [], drafts: 0, template_problems: [] });

describe("printing report cards", () => {
  it("starts on the semester today falls in (the dashboard's), not the first", async () => {
    const second: Rec<Term> = { ...term, id: "t2", data: { ...term.data, number: 2, name: "Semester 2", start_date: "2031-01-05", end_date: "2031-06-20" } };
    answers([running(30)], [], second, [term, second]);
    wrap(<PrintScreen />);
    await waitFor(() => expect(screen.getByTestId("print-term").textContent).toContain("Semester 2"));
  });

  it("sends the class, the layout and the folder, shows progress, then the files and the drafts", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const finished: PrintJob = { ...running(30), finished: true, files: ["/home/tu/Documents/Rapor - VII B - Semester 1 (Ganjil) 2030-2031.pdf"], drafts: 30 };
    answers([running(10), running(20), finished], calls);
    wrap(<PrintScreen />);
    await userEvent.click(await screen.findByTestId("print-class"));
    await userEvent.click(await screen.findByRole("option", { name: "VII B" }));
    await userEvent.click(screen.getByTestId("print-paper"));
    await userEvent.click(await screen.findByRole("option", { name: "F4 (folio)" }));
    await waitFor(() => expect((screen.getByTestId("print-folder") as HTMLInputElement).value).toBe("/home/tu/Documents"));
    await userEvent.click(screen.getByTestId("print-start"));
    expect(await screen.findByText("10 of 30")).toBeTruthy();
    expect(await screen.findByTestId("print-done", {}, { timeout: 3000 })).toBeTruthy();
    const start = calls.find((c) => c.cmd === "print_start")?.args as Record<string, unknown>;
    expect(start.term_id).toBe("t1");
    expect(start.scope).toEqual({ kind: "class", class_id: "c2" });
    expect(start.settings).toMatchObject({ language: "en", layout: "rapor", paper: "F4", letterhead_mm: null, allow_incomplete: false });
    expect(start.target).toEqual({ folder: "/home/tu/Documents", combined: true, per_student: false });
    expect(screen.getByText("30 card(s) are marked DRAFT: their class's grades are not approved yet.")).toBeTruthy();
    expect(screen.getAllByTestId("print-file").map((f) => f.textContent)).toEqual(finished.files);
  });

  it("cancels a running job", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    answers([running(5)], calls);
    wrap(<PrintScreen />);
    await waitFor(() => expect((screen.getByTestId("print-folder") as HTMLInputElement).value).not.toBe(""));
    await userEvent.click(screen.getByTestId("print-start"));
    await userEvent.click(await screen.findByTestId("print-cancel"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "print_cancel" && (c.args as { id: string }).id === "job-1")).toBe(true));
  });

  it("shows a refusal from the server in Bahasa Indonesia", async () => {
    mockIPC((cmd) => {
      if (cmd === "years_list") return [year];
      if (cmd === "terms_list") return [term];
      if (cmd === "classes_list") return [cls("c1", "VII A")];
      if (cmd === "class_roster") return [student];
      if (cmd === "print_folder_default") return "/tmp";
      if (cmd === "print_start") {
        throw {
          kind: "setup",
          code: "cards_incomplete",
          params: { count: "2", list: "Andi Pratama (VII A), Matematika: PAS" },
          message: "2 subject grade(s) are not complete",
          fields: [],
          rows: [],
          conflict: null,
        };
      }
      return null;
    });
    wrap(<PrintScreen />, "id");
    await waitFor(() => expect((screen.getByTestId("print-folder") as HTMLInputElement).value).toBe("/tmp"));
    await userEvent.click(screen.getByTestId("print-start"));
    expect(await screen.findByText(/2 nilai mata pelajaran belum lengkap, jadi tidak ada rapor yang dicetak: Andi Pratama \(VII A\), Matematika: PAS/)).toBeTruthy();
  });

  it("offers a teacher only their own classes and no whole-school job", async () => {
    answers([running(0)], []);
    wrap(<PrintScreen />, "en", {
      user_id: "u-w",
      login: "wali",
      display_name: "Bu Wali",
      roles: ["teacher", "homeroom"],
      abilities: {
        read_directory: true,
        manage_directory: false,
        manage_enrollment: false,
        manage_users: false,
        read_audit: false,
        import_export: false,
        read_every_roster: false,
        classes: ["c2"],
        edit_classes: ["c2"],
        must_change_password: false,
      },
    });
    await userEvent.click(await screen.findByTestId("print-class"));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual(["VII B"]);
    await userEvent.click(screen.getByTestId("print-scope"));
    const scopes = await screen.findByTestId("print-scope-list");
    expect([...scopes.querySelectorAll("li")].map((o) => o.textContent)).toEqual(["A class", "One student"]);
  });

  it("checks a printed card's code: whose card, and whether its grades are still the school's", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const code = "SCHOOLDESK-RAPOR|20299404|0012345678|2030/2031|Semester 1|0123456789abcdef";
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "card_verify") return { student_id: "s1", student: "Andi Pratama", nisn: "0012345678", class: "VII A", term: "Semester 1", year: "2030/2031", matches: false, approved: true };
      return null;
    });
    wrap(<PrintScreen />, "id");
    await userEvent.type(await screen.findByTestId("card-check-code"), `${code}{Enter}`);
    const result = await screen.findByTestId("card-check-result");
    expect(result.textContent).toContain("Andi Pratama (NISN 0012345678), rombel VII A");
    expect(result.textContent).toContain("tidak sesuai");
    expect(calls.find((c) => c.cmd === "card_verify")?.args).toEqual({ code });
  });

  it("names a code that is no card's in the user's language", async () => {
    mockIPC((cmd) => {
      if (cmd === "card_verify") throw { kind: "invalid", message: "code: \"hello\" is not the code of a Schooldesk report card", fields: [{ field: "code", message: "\"hello\" is not the code of a Schooldesk report card", code: "card_code_invalid", params: { value: "hello" } }], rows: [], conflict: null };
      return null;
    });
    wrap(<PrintScreen />, "id");
    await userEvent.type(await screen.findByTestId("card-check-code"), "hello");
    await userEvent.click(screen.getByTestId("card-check-run"));
    expect(await screen.findByText(/bukan kode rapor Schooldesk/)).toBeTruthy();
  });
});
