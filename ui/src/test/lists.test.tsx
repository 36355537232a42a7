// Issue 16, items 3 and 9: lists people can read, and the keyboard. The
// student and class screens with their real table, panel and roster. What
// only a real window can show (how wide a column is drawn, how many roster
// lines fit at 1024 × 700) is checked in ui/e2e/lists.mjs.
import { mockIPC } from "@tauri-apps/api/mocks";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { DomainRules } from "../bindings";
import { ClassesScreen } from "../screens/Classes";
import { TeachersScreen } from "../screens/Directory";
import { StudentsScreen } from "../screens/Students";
import { wrap } from "./render";

const rules: DomainRules = {
  proposed_year: { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", semesters: [] },
  genders: [
    { value: "male", code: "L", label: "gender_male" },
    { value: "female", code: "P", label: "gender_female" },
  ],
};
const rec = <T,>(id: string, data: T) => ({ id, version: 1, updated_at: "2026-08-01T00:00:00Z", data });
const year = rec("y1", { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", is_current: true });
const classNames = ["VII A", "VII B", "VIII A", "VIII H", "IX C"];
const classes = classNames.map((name, n) => rec(`c${n}`, { name, grade_level: name.startsWith("IX") ? 9 : name.startsWith("VIII") ? 8 : 7, academic_year_id: "y1", homeroom_teacher_id: null }));
const LONG = "Raden Roro Ayu Kusumawardhani Setyaningrum Prameswari Hadiningrat";
const student = (n: number, full_name: string) =>
  rec(`s${n}`, {
    nis: String(2500 + n),
    nisn: String(12345000 + n).padStart(10, "0"),
    full_name,
    gender: n % 2 ? "male" : "female",
    birth_place: "Bandung",
    birth_date: "2012-12-17",
    religion: "Islam",
    address: "",
    status: "active",
    user_id: null,
  });
// 33 in VII A; three "Aditya Hidayat"s in three classes; one long name.
const roster = Array.from({ length: 33 }, (_, n) => student(n, `Siswa Nomor ${n + 1}`));
const adityas = [student(40, "Aditya Hidayat"), student(41, "Aditya Hidayat"), student(42, "Aditya Hidayat")];
const long = student(50, LONG);
// (Component tests draw the first 30 rows: these come first.)
const listed = [
  { student: long, class_id: "c3" },
  { student: adityas[0], class_id: "c1" },
  { student: adityas[1], class_id: "c2" },
  { student: adityas[2], class_id: "c4" },
  ...roster.map((s) => ({ student: s, class_id: "c0" })),
];

function school() {
  mockIPC((cmd, args) => {
    switch (cmd) {
      case "domain_rules":
        return rules;
      case "students_list":
        return listed;
      case "classes_list":
        return classes;
      case "years_list":
        return [year];
      case "class_roster":
        return (args as { class_id: string }).class_id === "c0" ? roster : [];
      case "student_get": {
        const s = listed.find((l) => l.student.id === (args as { id: string }).id)!.student;
        return { student: s, enrollments: [], guardians: [] };
      }
      default:
        return [];
    }
  });
}

const rowOf = (text: string) => screen.getAllByTestId("row-students").find((r) => r.textContent?.includes(text))!;

describe("the side panel", () => {
  it("is not there until a row is chosen; then it opens, and Escape or Close gives focus back to the row", async () => {
    school();
    wrap(<StudentsScreen />, "en");
    await screen.findByText(LONG);
    // No panel, no empty third of the window: the list has the width.
    expect(screen.queryByTestId("aside-students")).toBeNull();
    expect(screen.getByTestId("table-students").parentElement).not.toHaveClass("split-open");
    expect(screen.queryByText(/Choose a student/)).toBeNull();

    await userEvent.click(rowOf(LONG));
    const panel = await screen.findByTestId("aside-students");
    expect(screen.getByTestId("table-students").parentElement).toHaveClass("split-open");
    expect(await within(panel).findByTestId("student-panel")).toHaveTextContent("NIS 2550");
    // Its record's actions are on the panel (a drawer would cover the
    // list's toolbar).
    expect(within(panel).getByTestId("aside-edit-students")).toHaveTextContent("Edit");
    expect(within(screen.getByTestId("table-students")).queryByRole("button", { name: "Edit" })).toBeNull();

    // Escape inside the panel closes it; the keyboard is on the row again.
    await userEvent.click(within(panel).getByRole("button", { name: "Add guardian" }));
    await userEvent.keyboard("{Escape}");
    expect(screen.getByTestId("aside-students")).toBeTruthy(); // that Escape closed the guardian form only
    within(screen.getByTestId("aside-students")).getByRole("button", { name: "Add guardian" }).focus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("aside-students")).toBeNull();
    const rows = screen.getByTestId("rows-students");
    expect(document.activeElement).toBe(rows);
    expect(document.getElementById(rows.getAttribute("aria-activedescendant")!)).toBe(rowOf(LONG));

    // The Close button does the same, for another row chosen by keyboard.
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(await screen.findByTestId("student-panel")).toHaveTextContent("NIS 2540");
    await userEvent.click(await screen.findByTestId("aside-close-students"));
    expect(screen.queryByTestId("aside-students")).toBeNull();
    expect(document.activeElement).toBe(rows);
    expect(rows.getAttribute("aria-activedescendant")).toBe("students-row-1");
  });
});

describe("the side panel after a write", () => {
  it("shows the chosen record as the list has it now", async () => {
    let name = "Budi Santoso";
    mockIPC((cmd) => {
      if (cmd === "domain_rules") return rules;
      if (cmd === "classes_list") return classes;
      if (cmd === "students_list") return [{ student: { ...long, data: { ...long.data, full_name: name } }, class_id: "c3" }];
      if (cmd === "student_get") return { student: { ...long, data: { ...long.data, full_name: name } }, enrollments: [], guardians: [] };
      if (cmd === "student_update") {
        name = "Budi Santosa";
        return long;
      }
      return [];
    });
    wrap(<StudentsScreen />, "en");
    await userEvent.click(await screen.findByText("Budi Santoso"));
    expect(await screen.findByTestId("aside-students")).toHaveAccessibleName("Budi Santoso");
    await userEvent.click(screen.getByTestId("aside-edit-students"));
    const form = await screen.findByTestId("form-students");
    await userEvent.type(within(form).getByTestId("field-birth_place"), "x");
    await userEvent.click(within(form).getByTestId("form-save"));
    await waitFor(() => expect(screen.getByTestId("aside-students")).toHaveAccessibleName("Budi Santosa"));
  });
});

describe("columns", () => {
  it("size numbers, dates and classes to their content and never cut them; a cut name has its whole text as title", async () => {
    school();
    wrap(<StudentsScreen />, "id");
    await screen.findByText(LONG);
    const row = rowOf(LONG);
    const cells = within(row).getAllByRole("gridcell");
    // NIS, NISN, name, gender, birth date, class, status.
    const [nis, nisn, name, , birth, cls] = cells;
    for (const cell of [nis, nisn, birth, cls]) expect(cell).toHaveClass("cell-fit");
    expect(nisn).toHaveTextContent("0012345050");
    expect(birth).toHaveTextContent("17 Desember 2012");
    // Fitted columns are fixed widths from their widest value, so a narrow
    // window cannot squeeze them; the name takes what is left.
    const tracks = row.style.gridTemplateColumns.split(/ (?![^(]*\))/);
    expect(tracks).toHaveLength(7);
    expect(tracks[0]).toMatch(/^\d+px$/);
    expect(tracks[1]).toMatch(/^\d+px$/);
    expect(tracks[2]).toMatch(/^minmax\(/);
    expect(tracks[4]).toMatch(/^\d+px$/);
    expect(parseInt(tracks[1])).toBeGreaterThan(parseInt(tracks[0]));
    expect(parseInt(tracks[4])).toBeGreaterThan(parseInt(tracks[1]));
    // The name may wrap and end in "…": its whole text is the title.
    expect(name).toHaveClass("cell-clip");
    expect(name).toHaveAttribute("title", LONG);
  });

  it("never cut a teacher's NIP or NUPTK", async () => {
    mockIPC((cmd) => {
      if (cmd === "domain_rules") return rules;
      if (cmd === "teachers_list")
        return [rec("t1", { full_name: "Dra. Sri Wahyuningsih, M.Pd.", nip: "198703152010011002", nuptk: "1234567890123456", gender: "female", phone: "081234567890", email: null, active: true, user_id: null })];
      return [];
    });
    wrap(<TeachersScreen />, "id");
    const row = (await screen.findAllByTestId("row-teachers"))[0];
    const [name, nip, nuptk] = within(row).getAllByRole("gridcell");
    expect(nip).toHaveTextContent("198703152010011002");
    expect(nip).toHaveClass("cell-fit");
    expect(nuptk).toHaveClass("cell-fit");
    expect(name).toHaveAttribute("title", "Dra. Sri Wahyuningsih, M.Pd.");
    expect(row.style.gridTemplateColumns).toMatch(/^minmax\(140px, 2fr\) \d+px \d+px /);
  });

  it("tell three students of one name apart by class and NIS beside the name", async () => {
    school();
    wrap(<StudentsScreen />, "en");
    await screen.findByText(LONG);
    const which = screen.getAllByTestId("name-which").map((e) => e.textContent);
    expect(which).toEqual(["(VII B · NIS 2540)", "(VIII A · NIS 2541)", "(IX C · NIS 2542)"]);
    // A name no one else has stays as it is.
    expect(within(rowOf(LONG)).queryByTestId("name-which")).toBeNull();
  });
});

describe("the class roster", () => {
  it("lists all 33 students with their count, in both languages", async () => {
    school();
    const view = wrap(<ClassesScreen />, "en");
    await userEvent.click(await screen.findByText("VII A"));
    expect(await screen.findByTestId("roster-count")).toHaveTextContent("33 students");
    expect(screen.getAllByTestId("roster-student")).toHaveLength(33);
    expect(screen.getAllByTestId("roster-student")[32]).toHaveTextContent("Siswa Nomor 33");
    // Short action words leave the line to the name; each button still
    // says whom it acts on.
    const last = screen.getAllByTestId("roster-student")[32];
    expect(within(last).getByTestId("roster-remove")).toHaveTextContent(/^Remove$/);
    expect(within(last).getByTestId("roster-remove")).toHaveAccessibleName("Remove Siswa Nomor 33 from VII A");
    expect(within(last).getByTestId("roster-move")).toHaveAccessibleName("Move Siswa Nomor 33 to another class");
    view.unmount();
    wrap(<ClassesScreen />, "id");
    await userEvent.click(await screen.findByText("VII A"));
    expect(await screen.findByTestId("roster-count")).toHaveTextContent("33 siswa");
  });
});

describe("the keyboard", () => {
  it("reaches the first result from the search box with ArrowDown", async () => {
    school();
    wrap(<StudentsScreen />, "en");
    await screen.findByText(LONG);
    const search = screen.getByTestId("search-students");
    await userEvent.type(search, "aditya");
    await userEvent.keyboard("{ArrowDown}");
    const rows = screen.getByTestId("rows-students");
    expect(document.activeElement).toBe(rows);
    expect(rows.getAttribute("aria-activedescendant")).toBe("students-row-0");
    expect(document.getElementById("students-row-0")).toHaveTextContent("Aditya Hidayat");
    // Enter opens the chosen row's panel.
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(await screen.findByTestId("student-panel")).toHaveTextContent("NIS 2541");
  });

  it("puts one sort button in the Tab order and moves between them with the arrows", async () => {
    school();
    wrap(<StudentsScreen />, "en");
    await screen.findByText(LONG);
    const sorts = within(screen.getByTestId("table-students")).getAllByRole("columnheader").map((h) => within(h).getByRole("button"));
    expect(sorts).toHaveLength(7);
    expect(sorts.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    // From the search box: the filters, the columns menu, one header, the rows.
    screen.getByTestId("search-students").focus();
    const stops: (string | null)[] = [];
    for (let n = 0; n < 5; n++) {
      await userEvent.tab();
      stops.push(document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.textContent ?? null);
    }
    expect(stops).toEqual(["filter-students-class", "filter-students-status", "☰Columns", "NIS", "rows-students"]);
    sorts[0].focus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(document.activeElement).toBe(sorts[2]);
    expect(sorts[2].tabIndex).toBe(0);
    expect(sorts[0].tabIndex).toBe(-1);
    await userEvent.keyboard("{End}");
    expect(document.activeElement).toBe(sorts[6]);
    await userEvent.keyboard("{Enter}");
    expect(within(screen.getAllByRole("columnheader")[6]).getByRole("button")).toHaveTextContent("▲");
  });

  it("starts at the screen's heading on arrival, so the primary action is one Tab away", async () => {
    school();
    wrap(<StudentsScreen />, "id");
    const heading = await screen.findByRole("heading", { level: 1, name: "Siswa" });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("new-students"));
    expect(document.activeElement).toHaveTextContent("Siswa baru");
  });

  it("chooses a class filter from the app's own list: arrows and Enter, Escape closes, Tab never trapped", async () => {
    school();
    wrap(<StudentsScreen />, "en");
    await screen.findByText(LONG);
    const button = screen.getByTestId("filter-students-class");
    expect(button).toHaveAccessibleName("Class: All");
    button.focus();
    await userEvent.keyboard("{ArrowDown}");
    const list = await screen.findByTestId("filter-students-class-list");
    expect(document.activeElement).toBe(list);
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual(["All", ...classNames]);
    // Typing "v" jumps to VII A; ArrowDown to VII B; Enter chooses.
    await userEvent.keyboard("v{ArrowDown}{Enter}");
    expect(screen.queryByTestId("filter-students-class-list")).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button).toHaveAccessibleName("Class: VII B");
    await waitFor(() => expect(screen.getAllByTestId("row-students")).toHaveLength(1));

    // Escape closes without choosing and without leaving the button.
    await userEvent.keyboard("{Enter}");
    await screen.findByTestId("filter-students-class-list");
    await userEvent.keyboard("{End}{Escape}");
    expect(screen.queryByTestId("filter-students-class-list")).toBeNull();
    expect(button).toHaveAccessibleName("Class: VII B");
    expect(document.activeElement).toBe(button);

    // Tab from the open list closes it and goes on to the next control.
    await userEvent.keyboard("{Enter}");
    await screen.findByTestId("filter-students-class-list");
    await userEvent.tab();
    expect(screen.queryByTestId("filter-students-class-list")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("filter-students-status"));
  });

  it("opens the list above its button when the window has no room below, no taller than the room", async () => {
    school();
    wrap(<StudentsScreen />, "en");
    await screen.findByText(LONG);
    const button = screen.getByTestId("filter-students-class");
    button.getBoundingClientRect = () => ({ top: 600, bottom: 632, left: 300, right: 420, width: 120, height: 32, x: 300, y: 600, toJSON: () => ({}) });
    act(() => {
      window.innerHeight = 700;
    });
    fireEvent.click(button);
    const list = await screen.findByTestId("filter-students-class-list");
    expect(list).toHaveClass("listbox-up");
    expect(parseInt(list.style.maxHeight)).toBeLessThanOrEqual(600);
  });

  it("keeps focus inside a dialog (Tab and Shift+Tab wrap) and gives it back when it closes", async () => {
    school();
    wrap(<ClassesScreen />, "en");
    await userEvent.click(await screen.findByText("VII A"));
    const remove = (await screen.findAllByTestId("roster-remove"))[0];
    await userEvent.click(remove);
    const dialog = await screen.findByTestId("remove-ask");
    const inside = () => dialog.contains(document.activeElement);
    expect(inside()).toBe(true);
    for (let n = 0; n < 6; n++) {
      await userEvent.tab();
      expect(inside()).toBe(true);
    }
    // From the dialog itself, Shift+Tab goes to its last control, not out.
    dialog.focus();
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByTestId("remove-confirm"));
    // Focus put outside (a shortcut) comes back.
    act(() => screen.getByTestId("search-classes").focus());
    expect(inside()).toBe(true);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("remove-ask")).toBeNull();
    expect(document.activeElement).toBe(remove);
  });
});
