// Logins that belong to people (issue 16, item 2): each role sees only
// what it may do, a teacher's dashboard shows their classes, a password
// someone else chose is changed before anything else, logins are made for
// a teacher with a printable slip, and the users screen checks the
// password typed twice.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App, DashboardScreen } from "../App";
import type { Dashboard, InitialLogin, Rec, SessionInfo, Startup, Teacher, UiError } from "../bindings";
import { TeachersScreen } from "../screens/Directory";
import { StudentsScreen } from "../screens/Students";
import { UsersScreen } from "../screens/Users";
import { ADMIN, teacherSession, wrap } from "./render";

const startup: Startup = { configured: true, database: "sqlite:/tmp/school.db", needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };

const rec = <T,>(id: string, data: T): Rec<T> => ({ id, version: 1, updated_at: "2026-11-01T00:00:00Z", data });

const classVIIB = rec("c-b", { name: "VII B", grade_level: 7, academic_year_id: "y", homeroom_teacher_id: "t-1" });

const teacherDashboard: Dashboard = {
  school_name: "SMP Negeri 1 Contoh",
  year: null,
  term: null,
  counts: [{ table: "students", count: 900 }],
  classes: [
    { class: classVIIB, homeroom: true, students: 33, subjects: [{ name: "Ilmu Pengetahuan Alam", periods_per_week: 4 }] },
  ],
  students: [],
  today: "2026-11-21",
};

const emptySchool: Dashboard = {
  school_name: "SMP Negeri 1 Contoh",
  year: null,
  term: null,
  counts: [
    { table: "students", count: 0 },
    { table: "teachers", count: 0 },
    { table: "classes", count: 0 },
    { table: "subjects", count: 0 },
    { table: "teaching_assignments", count: 0 },
    { table: "users", count: 1 },
  ],
  classes: [],
  students: [],
  today: "2026-11-21",
};

describe("a role sees only what it may do", () => {
  it("a teacher's dashboard shows their classes and subjects, and no counts, shortcuts or set-up steps", async () => {
    mockIPC((cmd) => (cmd === "dashboard" ? teacherDashboard : null));
    wrap(<DashboardScreen go={() => {}} onRestore={() => {}} />, "id", teacherSession(["c-b"]));
    const mine = await screen.findByTestId("my-class");
    expect(mine).toHaveTextContent("VII B");
    expect(mine).toHaveTextContent("33 siswa");
    expect(mine).toHaveTextContent("Wali kelas");
    expect(mine).toHaveTextContent("Ilmu Pengetahuan Alam · 4 JP per minggu");
    expect(screen.queryByTestId("count-students")).toBeNull();
    expect(screen.queryByTestId("dash-add-student")).toBeNull();
    expect(screen.queryByTestId("dash-import")).toBeNull();
    expect(screen.queryByTestId("first-steps")).toBeNull();
  });

  it("a teacher whose login is linked to no teacher is told so, not shown a spinner", async () => {
    mockIPC((cmd) => (cmd === "dashboard" ? { ...teacherDashboard, classes: [] } : null));
    wrap(<DashboardScreen go={() => {}} onRestore={() => {}} />, "en", teacherSession([]));
    expect(await screen.findByTestId("no-classes")).toHaveTextContent(/Ask the curriculum office to link your login/);
  });

  it("an empty school's dashboard shows the first steps in order, and 'Import…' opens the import dialog", async () => {
    mockIPC((cmd) => (cmd === "dashboard" ? emptySchool : null));
    const onRestore = vi.fn();
    const go = vi.fn();
    wrap(<DashboardScreen go={go} onRestore={onRestore} />, "en");
    const steps = await screen.findByTestId("first-steps");
    const items = within(steps).getAllByRole("listitem").map((li) => li.textContent);
    expect(items[0]).toMatch(/teachers/);
    expect(items[2]).toMatch(/classes/);
    expect(items[3]).toMatch(/students/);
    await userEvent.click(within(steps).getByTestId("step-dash_step_teachers"));
    expect(go).toHaveBeenCalledWith("teachers");
    await userEvent.click(screen.getByTestId("dash-import"));
    expect(onRestore).toHaveBeenCalledWith(expect.objectContaining({ key: "students:import" }));
  });

  it("a teacher's sidebar has no users or audit screen; the teachers list has no 'new' button", async () => {
    const teacher = teacherSession(["c-b"]);
    mockIPC((cmd) => {
      if (cmd === "startup") return startup;
      if (cmd === "session_current") return teacher;
      if (cmd === "dashboard") return teacherDashboard;
      if (cmd === "domain_rules") return { proposed_year: { name: "2027/2028", start_date: "2027-07-12", end_date: "2028-06-30", terms: [] }, genders: [] };
      if (cmd === "teachers_list") return [];
      return null;
    });
    render(<App />);
    await screen.findByTestId("my-class");
    expect(screen.queryByTestId("nav-users")).toBeNull();
    expect(screen.queryByTestId("nav-audit")).toBeNull();
    expect(screen.getByTestId("nav-students")).toBeTruthy();
    await userEvent.click(screen.getByTestId("nav-teachers"));
    await screen.findByRole("heading", { name: "Teachers" });
    expect(screen.queryByTestId("new-teachers")).toBeNull();
    expect(screen.queryByTestId("import-teachers")).toBeNull();
  });
});

describe("changing one's password", () => {
  const mustChange: SessionInfo = { ...teacherSession(["c-b"]), abilities: { ...teacherSession(["c-b"]).abilities, must_change_password: true } };

  it("a password someone else chose must be changed first; the two new ones must match; then the app opens", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "startup") return startup;
      if (cmd === "session_current") return mustChange;
      if (cmd === "password_change") return teacherSession(["c-b"]);
      if (cmd === "dashboard") return teacherDashboard;
      if (cmd === "domain_rules") return { proposed_year: { name: "2027/2028", start_date: "2027-07-12", end_date: "2028-06-30", terms: [] }, genders: [] };
      return null;
    });
    render(<App />);
    const form = await screen.findByTestId("first-password");
    // Nothing else of the app is there.
    expect(screen.queryByTestId("nav-dashboard")).toBeNull();
    await userEvent.type(within(form).getByTestId("password-old"), "kmtr-4827");
    await userEvent.type(within(form).getByTestId("password-new"), "buku-tulis-77");
    await userEvent.type(within(form).getByTestId("password-again"), "buku-tulis-78");
    expect(within(form).getByText("The two passwords differ.")).toBeTruthy();
    expect(within(form).getByTestId("password-save")).toBeDisabled();
    await userEvent.clear(within(form).getByTestId("password-again"));
    await userEvent.type(within(form).getByTestId("password-again"), "buku-tulis-77");
    await userEvent.click(within(form).getByTestId("password-save"));
    expect(await screen.findByTestId("my-class")).toBeTruthy();
    expect(calls).toContainEqual(["password_change", { old_password: "kmtr-4827", new_password: "buku-tulis-77" }]);
  });

  it("a wrong current password is named under its field, in Indonesian", async () => {
    const wrong: UiError = {
      kind: "invalid",
      message: "old_password: the current password is wrong",
      fields: [{ field: "old_password", message: "the current password is wrong", code: "wrong_password", params: {} }],
      rows: [],
      conflict: null,
    };
    mockIPC((cmd) => {
      if (cmd === "startup") return { ...startup, language: "id" };
      if (cmd === "session_current") return mustChange;
      if (cmd === "password_change") throw wrong;
      return null;
    });
    render(<App />);
    const form = await screen.findByTestId("first-password");
    await userEvent.type(within(form).getByTestId("password-old"), "salah-salah-1");
    await userEvent.type(within(form).getByTestId("password-new"), "buku-tulis-77");
    await userEvent.type(within(form).getByTestId("password-again"), "buku-tulis-77");
    await userEvent.click(within(form).getByTestId("password-save"));
    expect(await within(form).findByText("kata sandi saat ini salah")).toBeTruthy();
    expect(screen.queryByTestId("nav-dashboard")).toBeNull();
  });
});

describe("logins for people", () => {
  const siti: Rec<Teacher> = rec("t-1", { full_name: "Dra. Siti Rahayu, S.Pd.", nip: null, nuptk: null, gender: "female", phone: null, email: null, user_id: null, active: true });

  it("'create a login' for a teacher shows the login and first password once, on a slip to print", async () => {
    const made: InitialLogin = { person: { kind: "teacher", id: "t-1" }, name: siti.data.full_name, class_name: null, login: "siti.rahayu", password: "kmtr-4827" };
    const calls: unknown[] = [];
    let created = false;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "teachers_list") return [created ? { ...siti, version: 2, data: { ...siti.data, user_id: "u-9" } } : siti];
      if (cmd === "users_list") return created ? [rec("u-9", { login: "siti.rahayu", display_name: "Siti", roles: ["teacher"], active: true, must_change_password: true })] : [];
      if (cmd === "login_links") return [];
      if (cmd === "login_create_for") {
        created = true;
        return made;
      }
      return null;
    });
    wrap(<TeachersScreen />, "id", ADMIN);
    await userEvent.click(await screen.findByText(siti.data.full_name));
    const panel = await screen.findByTestId("person-login");
    expect(panel).toHaveTextContent("belum punya akun");
    await userEvent.click(within(panel).getByTestId("login-create"));
    const slips = await screen.findByTestId("login-slips");
    expect(within(slips).getByTestId("slip-login")).toHaveTextContent("siti.rahayu");
    expect(within(slips).getByTestId("slip-password")).toHaveTextContent("kmtr-4827");
    expect(slips).toHaveTextContent("tidak ditampilkan lagi");
    expect(calls).toContainEqual(["login_create_for", { person: { kind: "teacher", id: "t-1" }, login: null }]);
    // Behind the slips, the panel already names the new login (the list
    // was read again, and the panel shows the row as it is now).
    await userEvent.click(within(slips).getAllByRole("button", { name: "Tutup" }).at(-1)!);
    expect(await screen.findByTestId("person-login-name")).toHaveTextContent("siti.rahayu");
  });

  it("a teacher with a login shows it and can be unlinked", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "teachers_list") return [{ ...siti, data: { ...siti.data, user_id: "u-9" } }];
      if (cmd === "users_list") return [rec("u-9", { login: "siti.rahayu", display_name: "Siti", roles: ["teacher"], active: true, must_change_password: false })];
      if (cmd === "login_links") return [{ user_id: "u-9", person: { kind: "teacher", id: "t-1" }, name: siti.data.full_name }];
      return null;
    });
    wrap(<TeachersScreen />, "en", ADMIN);
    await userEvent.click(await screen.findByText(siti.data.full_name));
    const panel = await screen.findByTestId("person-login");
    await waitFor(() => expect(within(panel).getByTestId("person-login-name")).toHaveTextContent("siti.rahayu"));
    // Asked first; "no" changes nothing.
    const ask = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    const before = window.confirm;
    window.confirm = ask;
    await userEvent.click(within(panel).getByTestId("login-unlink"));
    expect(ask).toHaveBeenCalledWith(expect.stringContaining("siti.rahayu"));
    expect(calls.some((c) => (c as [string])[0] === "login_link")).toBe(false);
    await userEvent.click(within(panel).getByTestId("login-unlink"));
    await waitFor(() => expect(calls).toContainEqual(["login_link", { person: { kind: "teacher", id: "t-1" }, user_id: null }]));
    window.confirm = before;
  });

  it("the users screen refuses two different passwords before sending anything, and says who a login belongs to", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "users_list") return [rec("u-9", { login: "siti.rahayu", display_name: "Siti", roles: ["teacher"], active: true, must_change_password: false })];
      if (cmd === "login_links") return [{ user_id: "u-9", person: { kind: "teacher", id: "t-1" }, name: "Dra. Siti Rahayu, S.Pd." }];
      return null;
    });
    wrap(<UsersScreen />, "id");
    expect(await screen.findByText("Dra. Siti Rahayu, S.Pd. (guru)")).toBeTruthy();
    await userEvent.click(screen.getByTestId("new-users"));
    const form = await screen.findByTestId("form-users");
    const inputs = within(form).getAllByLabelText(/kata sandi/i, { selector: "input[type=password]" });
    await userEvent.type(within(form).getByLabelText(/Nama pengguna/i, { selector: "input" }), "pak.budi");
    await userEvent.type(inputs[0], "rahasia-123");
    await userEvent.type(inputs[1], "rahasia-124");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan" }));
    expect(await within(form).findByText("kedua kata sandi tidak sama")).toBeTruthy();
    expect(calls.some((c) => (c as [string])[0] === "user_create")).toBe(false);
  });
});

describe("linking from the users screen", () => {
  it("links a login to a student found by name, as from the student's side", async () => {
    const calls: unknown[] = [];
    const andi = rec("s-1", { nis: "2501", nisn: "0012345678", full_name: "Andi Pratama", gender: "male", birth_place: "Bandung", birth_date: "2012-05-01", religion: "Islam", address: "", status: "active", user_id: null });
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "users_list") return [rec("u-7", { login: "andi", display_name: "Andi", roles: ["student"], active: true, must_change_password: false })];
      if (cmd === "login_links") return [];
      if (cmd === "students_list") return [{ student: andi, class_id: "c-b" }];
      if (cmd === "classes_list") return [classVIIB];
      return [];
    });
    wrap(<UsersScreen />, "en");
    await userEvent.click(await screen.findByText("andi"));
    await userEvent.click(await screen.findByTestId("user-link-student"));
    const picker = await screen.findByTestId("student-picker");
    await userEvent.click(await within(picker).findByText("Andi Pratama"));
    await waitFor(() => expect(calls).toContainEqual(["login_link", { person: { kind: "student", id: "s-1" }, user_id: "u-7" }]));
  });
});

describe("a refused link", () => {
  it("names the problem in the UI's language, once, in the dialog", async () => {
    const taken: UiError = {
      kind: "invalid",
      message: "user_id: the login guru already belongs to Pak Guru",
      fields: [{ field: "user_id", message: "the login guru already belongs to Pak Guru", code: "login_taken", params: { login: "guru", name: "Pak Guru" } }],
      rows: [],
      conflict: null,
    };
    const siti = rec("t-1", { full_name: "Siti", nip: null, nuptk: null, gender: "female", phone: null, email: null, user_id: null, active: true });
    mockIPC((cmd) => {
      if (cmd === "teachers_list") return [siti];
      if (cmd === "users_list") return [rec("u-1", { login: "guru", display_name: "Pak Guru", roles: ["teacher"], active: true, must_change_password: false })];
      if (cmd === "login_links") return [];
      if (cmd === "login_link") throw taken;
      return null;
    });
    wrap(<TeachersScreen />, "id", ADMIN);
    await userEvent.click(await screen.findByText("Siti"));
    await userEvent.click(await screen.findByTestId("login-link"));
    const choice = await screen.findByTestId("login-link-choice");
    await userEvent.selectOptions(choice, "u-1");
    await userEvent.click(screen.getByTestId("login-link-save"));
    expect(await screen.findAllByText("akun guru sudah milik Pak Guru")).toHaveLength(1);
    expect(screen.queryByText(/user_id/)).toBeNull();
  });
});

describe("a homeroom teacher's students", () => {
  const student = (id: string, name: string) =>
    rec(id, { nis: id, nisn: "00123456" + id.slice(-2), full_name: name, gender: "male", birth_place: "Bandung", birth_date: "2012-05-01", religion: "Islam", address: "", status: "active", user_id: null });
  const own = student("s-01", "Ahmad Fauzi");
  const taught = student("s-02", "Budi Santoso");

  it("offers Edit for the students of the class they lead, and not for a class they only teach", async () => {
    const homeroom: SessionInfo = { ...teacherSession(["c-a", "c-b"]), roles: ["teacher", "homeroom"] };
    homeroom.abilities = { ...homeroom.abilities, edit_classes: ["c-a"] };
    mockIPC((cmd, args) => {
      if (cmd === "students_list") return [{ student: own, class_id: "c-a" }, { student: taught, class_id: "c-b" }];
      if (cmd === "classes_list") return [rec("c-a", { ...classVIIB.data, name: "VII A" }), classVIIB];
      if (cmd === "student_get") {
        const id = (args as { id: string }).id;
        const cls = id === own.id ? "c-a" : "c-b";
        const enrollment = rec("e-" + id, { student_id: id, class_id: cls, academic_year_id: "y", start_date: "2026-07-13", end_date: null, end_reason: null });
        return { student: id === own.id ? own : taught, enrollments: [enrollment], guardians: [] };
      }
      return [];
    });
    wrap(<StudentsScreen />, "en", homeroom);
    await userEvent.click(await screen.findByText("Ahmad Fauzi"));
    expect(await screen.findByTestId("aside-edit-students")).toBeTruthy();
    expect(await screen.findByTestId("guardian-add")).toBeTruthy();
    expect(screen.queryByTestId("new-students")).toBeNull();
    await userEvent.click(screen.getByText("Budi Santoso"));
    await screen.findByRole("heading", { name: "Budi Santoso" });
    expect(screen.queryByTestId("aside-edit-students")).toBeNull();
    expect(screen.queryByTestId("guardian-add")).toBeNull();
    // No login buttons for a teacher, and no guardian to add in a class they only teach.
    expect(screen.queryByTestId("person-login")).toBeNull();
  });
});
