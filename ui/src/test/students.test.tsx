// Issue 16, item 1: a class change in the student form was reported saved
// and silently dropped. The form now shows the class read-only on an
// existing student, saying where moving happens; the roster's move asks
// the date and sends it.
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { DomainRules } from "../bindings";
import { ClassesScreen } from "../screens/Classes";
import { StudentsScreen } from "../screens/Students";
import { wrap } from "./render";

const rules: DomainRules = {
  proposed_year: { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", semesters: [] },
  genders: [
    { value: "male", code: "L", label: "gender_male" },
    { value: "female", code: "P", label: "gender_female" },
  ],
};
const rec = <T,>(id: string, data: T) => ({ id, version: 3, updated_at: "2026-08-01T00:00:00Z", data });
const year = rec("y1", { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", is_current: true });
const classes = [
  rec("c-h", { name: "VIII H", grade_level: 8, academic_year_id: "y1", homeroom_teacher_id: null }),
  rec("c-a", { name: "VIII A", grade_level: 8, academic_year_id: "y1", homeroom_teacher_id: null }),
];
const student = rec("s1", {
  nis: "2501",
  nisn: "0012345678",
  full_name: "Ahmad Fauzi",
  gender: "male",
  birth_place: "Bandung",
  birth_date: "2012-05-01",
  religion: "Islam",
  address: "",
  status: "active",
  user_id: null,
});

function school(calls: [string, unknown][]) {
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    switch (cmd) {
      case "domain_rules":
        return rules;
      case "students_list":
        return [{ student, class_id: "c-h" }];
      case "classes_list":
        return classes;
      case "years_list":
        return [year];
      case "class_roster":
        return (args as { class_id: string }).class_id === "c-h" ? [student] : [];
      case "student_get":
        return { student, enrollments: [], guardians: [] };
      case "student_update":
        return student;
      case "enrollment_move":
        return rec("e2", { student_id: "s1", class_id: "c-a", academic_year_id: "y1", start_date: "2026-09-14", end_date: null, end_reason: null });
      default:
        return [];
    }
  });
}

describe("a student's class", () => {
  it("is read-only in the edit form, which says where moving happens and never sends a class", async () => {
    const calls: [string, unknown][] = [];
    school(calls);
    wrap(<StudentsScreen />, "id");
    await userEvent.click(await screen.findByText("Ahmad Fauzi"));
    await userEvent.click(await screen.findByRole("button", { name: "Ubah" }));
    const form = await screen.findByTestId("form-students");
    const select = within(form).getByTestId("field-class_id");
    expect(select).toBeDisabled();
    expect(select).toHaveValue("c-h");
    expect(form).toHaveTextContent(/pakai "Pindahkan" di daftar rombel/);
    await userEvent.clear(within(form).getByTestId("field-birth_place"));
    await userEvent.type(within(form).getByTestId("field-birth_place"), "Cimahi");
    await userEvent.click(within(form).getByTestId("form-save"));
    await waitFor(() => expect(calls.some(([c]) => c === "student_update")).toBe(true));
    const sent = calls.find(([c]) => c === "student_update")![1] as { student: Record<string, unknown> };
    expect(sent.student.birth_place).toBe("Cimahi");
    expect("class_id" in sent.student).toBe(false);
  });

  it("can be chosen for a new student", async () => {
    school([]);
    wrap(<StudentsScreen />, "en");
    await userEvent.click(await screen.findByTestId("new-students"));
    const form = await screen.findByTestId("form-students");
    expect(within(form).getByTestId("field-class_id")).toBeEnabled();
  });

  it("moves in the roster on the date the office gives", async () => {
    const calls: [string, unknown][] = [];
    school(calls);
    wrap(<ClassesScreen />, "en");
    await userEvent.click(await screen.findByText("VIII H"));
    await userEvent.click(await screen.findByTestId("roster-move"));
    const on = await screen.findByTestId("move-on");
    // Day-month-year, the app's own date field (issue 16, item 4).
    expect(on).toHaveValue(new Date().toLocaleDateString("en-GB").replaceAll("/", "-"));
    await userEvent.clear(on);
    await userEvent.type(on, "2026-09-14");
    await userEvent.click(screen.getByRole("button", { name: "VIII A" }));
    await waitFor(() => expect(calls.some(([c]) => c === "enrollment_move")).toBe(true));
    expect(calls.find(([c]) => c === "enrollment_move")![1]).toEqual({ student_id: "s1", to_class_id: "c-a", on: "2026-09-14" });
  });
});

describe("searching students", () => {
  it("finds every word in any order, and the picker names each candidate's class", async () => {
    const calls: [string, unknown][] = [];
    school(calls);
    wrap(<StudentsScreen />, "en");
    await screen.findByText("Ahmad Fauzi");
    const search = screen.getByTestId("search-students");
    for (const [text, found] of [
      ["fauzi ahmad", true],
      ["ahmad 2501", true],
      ["ahmad viii", true],
      ["ahmad budi", false],
    ] as const) {
      await userEvent.clear(search);
      await userEvent.type(search, text);
      await waitFor(() => expect(screen.queryAllByTestId("row-students")).toHaveLength(found ? 1 : 0));
    }
  });

  it("shows the class a picked student is in now", async () => {
    school([]);
    wrap(<ClassesScreen />, "en");
    await userEvent.click(await screen.findByText("VIII H"));
    await userEvent.click(await screen.findByTestId("roster-add"));
    const picker = await screen.findByTestId("student-picker");
    await waitFor(() => expect(within(picker).getByTestId("picker-student")).toHaveTextContent("Ahmad Fauzi 2501 VIII H"));
  });
});

describe("the keyboard", () => {
  it("opens the new-student form with Alt+N, as the button says", async () => {
    school([]);
    wrap(<StudentsScreen />, "id");
    await screen.findByText("Ahmad Fauzi");
    expect(screen.getByTestId("new-students")).toHaveAttribute("aria-keyshortcuts", "Alt+N");
    expect(screen.queryByTestId("form-students")).toBeNull();
    await userEvent.keyboard("{Alt>}n{/Alt}");
    expect(await screen.findByTestId("form-students")).toBeTruthy();
  });
});

describe("nothing destructive in one click", () => {
  it("asks before Escape throws away a half-filled form, and keeps it on 'keep editing'", async () => {
    school([]);
    wrap(<StudentsScreen />, "en");
    await userEvent.click(await screen.findByTestId("new-students"));
    const form = await screen.findByTestId("form-students");
    await userEvent.type(within(form).getByTestId("field-full_name"), "Siti Aminah");
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByTestId("discard-ask")).toHaveTextContent("throw away what you typed");
    await userEvent.click(screen.getByTestId("discard-keep"));
    expect(screen.queryByTestId("discard-ask")).toBeNull();
    expect(within(screen.getByTestId("form-students")).getByTestId("field-full_name")).toHaveValue("Siti Aminah");
    await userEvent.keyboard("{Escape}");
    await userEvent.click(await screen.findByTestId("discard-confirm"));
    await waitFor(() => expect(screen.queryByTestId("form-students")).toBeNull());
  });

  it("closes an untouched form at once", async () => {
    school([]);
    wrap(<StudentsScreen />, "en");
    await userEvent.click(await screen.findByTestId("new-students"));
    await screen.findByTestId("form-students");
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("form-students")).toBeNull());
    expect(screen.queryByTestId("discard-ask")).toBeNull();
  });

  it("confirms taking a student out of a class before it happens", async () => {
    const calls: [string, unknown][] = [];
    school(calls);
    wrap(<ClassesScreen />, "id");
    await userEvent.click(await screen.findByText("VIII H"));
    await userEvent.click(await screen.findByTestId("roster-remove"));
    expect(await screen.findByTestId("remove-ask")).toHaveTextContent("Keluarkan Ahmad Fauzi dari VIII H?");
    expect(calls.some(([c]) => c === "enrollment_end")).toBe(false);
    await userEvent.click(screen.getByTestId("remove-confirm"));
    await waitFor(() => expect(calls.some(([c]) => c === "enrollment_end")).toBe(true));
  });
});

describe("classes in school order", () => {
  it("lists and sorts VII, VIII, IX, then A, B, C; and offers them so in a student's form", async () => {
    const mixed = ["IX A", "VII B", "VIII A", "VII A", "VII C"].map((name, n) =>
      rec(`c${n}`, { name, grade_level: name.startsWith("IX") ? 9 : name.startsWith("VIII") ? 8 : 7, academic_year_id: "y1", homeroom_teacher_id: null }),
    );
    mockIPC((cmd) => {
      if (cmd === "classes_list") return mixed;
      if (cmd === "domain_rules") return rules;
      if (cmd === "years_list") return [year];
      return [];
    });
    const view = wrap(<ClassesScreen />, "en");
    const order = ["VII A", "VII B", "VII C", "VIII A", "IX A"];
    const names = () => screen.getAllByTestId("row-classes").map((r) => r.textContent?.split("2026/2027")[0].replace(/\d+$/, ""));
    await waitFor(() => expect(names()).toEqual(order));
    await userEvent.click(screen.getByRole("button", { name: /^Name/ }));
    await waitFor(() => expect(names()).toEqual(order));
    view.unmount();

    wrap(<StudentsScreen />, "en");
    await userEvent.click(await screen.findByTestId("new-students"));
    const select = within(await screen.findByTestId("form-students")).getByTestId("field-class_id");
    await waitFor(() => expect([...select.querySelectorAll("option")].map((o) => o.textContent).slice(1)).toEqual(order));
  });
});

describe("the dashboard's 'add student' and a guardian's save", () => {
  it("opens an empty new-student form from the request", async () => {
    school([]);
    wrap(<StudentsScreen restore={{ key: "students:new", title: "Tambah siswa", data: undefined, saved_at: "" }} onRestored={() => {}} />, "id");
    const form = await screen.findByTestId("form-students");
    expect(within(form).getByTestId("field-full_name")).toHaveValue("");
  });

  it("says a guardian was saved", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "domain_rules") return rules;
      if (cmd === "students_list") return [{ student, class_id: "c-h" }];
      if (cmd === "classes_list") return classes;
      if (cmd === "student_get") return { student, enrollments: [], guardians: [] };
      if (cmd === "guardian_add") return rec("g1", { full_name: "Siti", relation: "ibu", phone: null, occupation: null, address: null, user_id: null });
      return [];
    });
    wrap(<StudentsScreen />, "id");
    await userEvent.click(await screen.findByText("Ahmad Fauzi"));
    await userEvent.click(await screen.findByRole("button", { name: "Tambah orang tua / wali" }));
    const form = await screen.findAllByRole("dialog");
    await userEvent.type(within(form[form.length - 1]).getByTestId("field-full_name"), "Siti");
    await userEvent.click(within(form[form.length - 1]).getByTestId("form-save"));
    expect(await screen.findByText("Tersimpan")).toBeTruthy();
    expect(calls.some(([c]) => c === "guardian_add")).toBe(true);
  });
});
