import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { DomainRules, ImportPreview, Startup, UiError } from "../bindings";
import { ProfileScreen } from "../screens/Profile";
import { StudentsScreen } from "../screens/Students";
import classesNoTeacher from "./fixtures/import-classes-no-teacher.json";
import studentsProblems from "./fixtures/import-students-problems.json";
import { DataTable } from "../components/DataTable";
import { ExportButton, ImportDialog } from "../components/ImportExport";
import { RecordForm } from "../components/RecordForm";
import { local } from "../local";
import { wrap } from "./render";
import { Login } from "../screens/Start";


const error = (kind: string, message: string, extra: Partial<UiError> = {}): UiError => ({ kind, message, fields: [], rows: [], conflict: null, ...extra });

const startup: Startup = { configured: true, database: "sqlite:/tmp/school.db", needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };

describe("login", () => {
  it("sends the login and password and reports a wrong one in the user's language", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "session_login") throw error("wrong_login", "wrong login or password");
    });
    const onLogin = vi.fn();
    wrap(<Login startup={startup} onLogin={onLogin} onChangeDatabase={() => {}} />, "id");
    await userEvent.type(screen.getByTestId("login-login"), "admin");
    await userEvent.type(screen.getByTestId("login-password"), "salah");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("login-error")).toHaveTextContent(/Nama pengguna atau kata sandi salah/);
    expect(calls).toContainEqual(["session_login", { login: "admin", password: "salah" }]);
    expect(onLogin).not.toHaveBeenCalled();
  });

  it("says when a locked-out login may try again, in local time and the user's language, not in UTC", async () => {
    const until = "2026-11-29T08:51:53.908273Z";
    mockIPC((cmd) => {
      if (cmd === "session_login") throw { ...error("locked_out", "too many failed logins; try again after 2026-11-29 08:51:53.908273 UTC"), until };
    });
    for (const [lang, words] of [
      ["id", /coba lagi setelah/],
      ["en", /try again after/],
    ] as const) {
      const view = wrap(<Login startup={startup} onLogin={() => {}} onChangeDatabase={() => {}} />, lang);
      await userEvent.type(screen.getByTestId("login-login"), "admin");
      await userEvent.type(screen.getByTestId("login-password"), "salah");
      await userEvent.keyboard("{Enter}");
      const shown = await screen.findByTestId("login-error");
      expect(shown).toHaveTextContent(words);
      expect(shown.textContent).not.toMatch(/UTC|08:51:53|\.908/);
      expect(shown).toHaveTextContent(new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { timeStyle: "short" }).format(new Date(until)));
      view.unmount();
    }
  });

  // Issue 16, item 5: "use another database" acted at once. It now says
  // which database the computer leaves and that nothing is deleted, and
  // asks for an administrator's login and password before doing anything.
  it("changes the database only after a confirmation naming it, as an administrator, and signs a refused user out again", async () => {
    const calls: [string, unknown][] = [];
    let admin = false;
    mockIPC((cmd, args) => {
      if (cmd !== "ui_ready") calls.push([cmd, args]);
      if (cmd === "session_login") return { user_id: "u1", login: "x", display_name: "X", roles: admin ? ["admin"] : ["student"] };
      if (cmd === "connection_forget") {
        // As the shell sends it: a code the UI words in its own language.
        if (!admin) throw error("forbidden", "you are not allowed to change which database this computer uses; an administrator must sign in first", { code: "database_needs_admin", params: {} });
        return { ...startup, configured: false, database: null };
      }
      return null;
    });
    const onChangeDatabase = vi.fn();
    const onLogin = vi.fn();
    wrap(<Login startup={{ ...startup, database: "sqlite:/srv/sekolah.db" }} onLogin={onLogin} onChangeDatabase={onChangeDatabase} />, "id");
    await userEvent.type(screen.getByTestId("login-login"), "siswa");
    await userEvent.click(screen.getByTestId("login-change-db"));
    // Nothing happens on the click: the question names the database and
    // says nothing is deleted.
    const ask = await screen.findByTestId("change-db-ask");
    expect(ask).toHaveTextContent("Tinggalkan basis data sqlite:/srv/sekolah.db?");
    expect(ask).toHaveTextContent("Tidak ada yang dihapus: data sekolah tetap tersimpan di sqlite:/srv/sekolah.db");
    expect(ask).toHaveTextContent("Hanya administrator yang boleh");
    expect(calls).toEqual([]);
    // Cancel goes back to the login, still nothing done.
    await userEvent.click(screen.getByTestId("change-db-cancel"));
    expect(screen.getByTestId("login")).toBeInTheDocument();
    expect(calls).toEqual([]);

    await userEvent.click(screen.getByTestId("login-change-db"));
    expect(screen.getByTestId("change-db-login")).toHaveValue("siswa");
    await userEvent.type(screen.getByTestId("change-db-password"), "rahasia");
    await userEvent.click(screen.getByTestId("change-db-confirm"));
    expect(await screen.findByTestId("change-db-error")).toHaveTextContent(/administrator harus masuk dulu/);
    expect(calls.map(([c]) => c)).toEqual(["session_login", "connection_forget", "session_logout"]);
    expect(calls[0][1]).toEqual({ login: "siswa", password: "rahasia" });
    expect(onChangeDatabase).not.toHaveBeenCalled();

    admin = true;
    calls.length = 0;
    await userEvent.clear(screen.getByTestId("change-db-login"));
    await userEvent.type(screen.getByTestId("change-db-login"), "admin");
    await userEvent.click(screen.getByTestId("change-db-confirm"));
    await waitFor(() => expect(onChangeDatabase).toHaveBeenCalledWith(expect.objectContaining({ configured: false })));
    expect(calls.map(([c]) => c)).toEqual(["session_login", "connection_forget"]);
    expect(calls[0][1]).toEqual({ login: "admin", password: "rahasia" });
    expect(onLogin).not.toHaveBeenCalled();
  });
});

type Room = { name: string; capacity: number; kind: string };

describe("record form", () => {
  const fields = [
    { name: "name" as const, label: "f_name" as const, required: true },
    { name: "capacity" as const, label: "f_capacity" as const, type: "number" as const },
    { name: "kind" as const, label: "f_kind" as const },
  ];

  it("shows the server's message under each field and keeps the form open", async () => {
    const onClose = vi.fn();
    wrap(
      <RecordForm<Room>
        title="Room"
        draftKey="rooms:new"
        initial={{ name: "", capacity: 30, kind: "classroom" }}
        fields={fields}
        onSubmit={async () => {
          throw error("invalid", "check the fields", { fields: [{ field: "name", message: "name is required", code: "", params: {} }] });
        }}
        onClose={onClose}
      />,
    );
    await userEvent.click(screen.getByTestId("form-save"));
    const name = screen.getByTestId("field-name");
    await waitFor(() => expect(name.getAttribute("aria-describedby")).toMatch(/error/));
    expect(screen.getByText("name is required")).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("puts a server problem that has a code in the user's language", async () => {
    wrap(
      <RecordForm<Room>
        title="Ruang"
        draftKey="rooms:new"
        initial={{ name: "", capacity: 30, kind: "classroom" }}
        fields={fields}
        onSubmit={async () => {
          throw error("invalid", "capacity: capacity must be 1 to 10000, got 0", {
            fields: [{ field: "capacity", message: "capacity must be 1 to 10000, got 0", code: "range", params: { min: "1", max: "10000", value: "0" } }],
          });
        }}
        onClose={() => {}}
      />,
      "id",
    );
    await userEvent.click(screen.getByTestId("form-save"));
    expect(await screen.findByText("harus 1 sampai 10000 (tertulis 0)")).toBeTruthy();
  });

  it("converts numbers, and on a conflict names who saved and reloads their version", async () => {
    const submitted: unknown[] = [];
    wrap(
      <RecordForm<Room>
        title="Lab"
        draftKey="rooms:r1"
        initial={{ name: "Lab", capacity: 30, kind: "lab" }}
        version={3}
        fields={fields}
        onSubmit={async (values, version) => {
          submitted.push([values, version]);
          throw error("conflict", "changed", { conflict: { current_version: 4, updated_at: "2026-11-20T08:00:00Z", updated_by: "Bu Rina" } });
        }}
        reload={async () => ({ values: { name: "Lab IPA", capacity: 36, kind: "lab" }, version: 4 })}
        onClose={() => {}}
      />,
    );
    const capacity = screen.getByTestId("field-capacity");
    await userEvent.clear(capacity);
    await userEvent.type(capacity, "32");
    await userEvent.click(screen.getByTestId("form-save"));
    const conflict = await screen.findByTestId("conflict");
    expect(conflict).toHaveTextContent(/Bu Rina saved this record/);
    expect(submitted[0]).toEqual([{ name: "Lab", capacity: 32, kind: "lab" }, 3]);
    await userEvent.click(within(conflict).getByText("Compare"));
    const compare = await screen.findByTestId("compare");
    expect(compare).toHaveTextContent(/Capacity\s*32\s*36/);
    await userEvent.click(within(conflict).getByText("Reload their version"));
    await waitFor(() => expect((screen.getByTestId("field-name") as HTMLInputElement).value).toBe("Lab IPA"));
  });

  it("keeps a draft while typing and offers it when the form opens again", async () => {
    const view = wrap(
      <RecordForm<Room> title="New room" draftKey="rooms:new" initial={{ name: "", capacity: 30, kind: "classroom" }} fields={fields} onSubmit={async () => {}} onClose={() => {}} />,
    );
    await userEvent.type(screen.getByTestId("field-name"), "Aula");
    await waitFor(async () => expect((await (await local()).getDraft("rooms:new"))?.data).toMatchObject({ name: "Aula" }), { timeout: 2000 });
    view.unmount();
    wrap(<RecordForm<Room> title="New room" draftKey="rooms:new" initial={{ name: "", capacity: 30, kind: "classroom" }} fields={fields} onSubmit={async () => {}} onClose={() => {}} />);
    const banner = await screen.findByTestId("draft-banner");
    await userEvent.click(within(banner).getByText("Restore"));
    expect((screen.getByTestId("field-name") as HTMLInputElement).value).toBe("Aula");
  });
});

describe("data table", () => {
  const rows = Array.from({ length: 3000 }, (_, n) => ({ id: String(n), name: `Siswa ${String(n).padStart(4, "0")}`, nis: 3000 - n }));
  const columns = [
    { key: "name", label: "Name", value: (r: (typeof rows)[0]) => r.name },
    { key: "nis", label: "NIS", value: (r: (typeof rows)[0]) => r.nis },
  ];

  it("renders a window of 3,000 rows, searches and sorts", async () => {
    wrap(<DataTable id="t" label="Students" rows={rows} columns={columns} rowKey={(r) => r.id} />);
    const rendered = screen.getAllByTestId("row-t");
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(100);
    expect(screen.getByText("Rows: 3,000")).toBeTruthy();
    // Every word, in any order and any column: "Siswa 029" is ten names
    // (0290-0299), three more names that hold 029 (0029, 1029, 2029) and two
    // NIS (1029, 2029); by NIS the lowest is Siswa 2029 (NIS 971).
    await userEvent.type(screen.getByTestId("search-t"), "029 siswa");
    await waitFor(() => expect(screen.getByText("Rows: 15")).toBeTruthy());
    await userEvent.click(screen.getByRole("button", { name: /NIS/ }));
    await waitFor(() => expect(screen.getAllByTestId("row-t")[0]).toHaveTextContent("Siswa 2029"));
    await userEvent.clear(screen.getByTestId("search-t"));
    await userEvent.type(screen.getByTestId("search-t"), "0299 siswa");
    await waitFor(() => expect(screen.getByText("Rows: 1")).toBeTruthy());
    expect(screen.getAllByTestId("row-t")[0]).toHaveTextContent("Siswa 0299");
    await userEvent.clear(screen.getByTestId("search-t"));
    await userEvent.type(screen.getByTestId("search-t"), "nobody");
    expect(await screen.findByText("No rows match your search or filter.")).toBeTruthy();
  });

  it("opens the active row with Enter after moving with the arrow keys", async () => {
    const onOpen = vi.fn();
    wrap(<DataTable id="k" label="Students" rows={rows.slice(0, 5)} columns={columns} rowKey={(r) => r.id} onOpen={onOpen} />);
    const body = document.querySelector(".grid-body") as HTMLElement;
    body.focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(onOpen).toHaveBeenCalledWith(rows[2]);
  });
});

describe("import", () => {
  it("lists every problem with its row and column and never writes", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      // What the shell answers (generated by src-tauri/tests/fixtures.rs).
      if (cmd === "import_preview") return studentsProblems;
    });
    wrap(<ImportDialog kind="students" onClose={() => {}} onDone={() => {}} />, "id");
    const file = new File([new Uint8Array([1, 2, 3])], "siswa.xlsx");
    await userEvent.upload(screen.getByTestId("import-file"), file);
    const problems = await screen.findAllByTestId("import-problem");
    expect(problems.map((p) => p.textContent)).toEqual([
      "3nisnNISN harus tepat 10 angka (tertulis “12345”)",
      "4birth_date“31/02/2012” bukan tanggal; tulis sebagai YYYY-MM-DD atau DD/MM/YYYY",
    ]);
    // Writing the one good row is the user's choice (issue 16, item 7).
    expect(screen.queryByTestId("import-run")).toBeNull();
    expect(screen.getByTestId("import-run-good").textContent).toBe("Impor 1 baris yang benar (tanpa 2 baris)");
    expect(calls).toEqual(["import_preview"]);
    // The chooser speaks Indonesian and names the file (not WebKit's own label).
    expect(screen.getByText("Telusuri…")).toBeTruthy();
    expect(screen.getByText("siswa.xlsx")).toBeTruthy();
  });
});

describe("import, sent once", () => {
  it("names an unknown homeroom teacher in the user's language, by the code the shell sends", async () => {
    mockIPC((cmd) => (cmd === "import_preview" ? classesNoTeacher : null));
    wrap(<ImportDialog kind="classes" onClose={() => {}} onDone={() => {}} />, "id");
    await userEvent.upload(screen.getByTestId("import-file"), new File(["name"], "kelas.csv"));
    const problems = await screen.findAllByTestId("import-problem");
    expect(problems.map((p) => p.textContent)).toEqual(["2homeroomtidak ada guru dengan NIP atau nama “X”"]);
  });

  it("sends the file's bytes once, as bytes, and writes by the preview's token", async () => {
    const calls: [string, unknown][] = [];
    const preview: ImportPreview = {
      token: "plan-7",
      summary: { rows: 2, created: 2, updated: 0, unchanged: 0, enrolled: 0, rejected: [], ignored_columns: [], created_classes: [], written: false },
    };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "import_preview") return preview;
      if (cmd === "import_write") return { ...preview.summary, written: true };
    });
    const onDone = vi.fn();
    wrap(<ImportDialog kind="students" onClose={() => {}} onDone={onDone} />);
    await userEvent.upload(screen.getByTestId("import-file"), new File([new Uint8Array([80, 75, 3, 4])], "siswa.xlsx"));
    await screen.findByTestId("import-summary");
    await userEvent.click(screen.getByTestId("import-run"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.map(([cmd]) => cmd)).toEqual(["import_preview", "import_write"]);
    expect(calls[0][1]).toBeInstanceOf(Uint8Array);
    expect(Array.from(calls[0][1] as Uint8Array)).toEqual([80, 75, 3, 4]);
    expect(calls[1][1]).toEqual({ token: "plan-7", skip_invalid: false });
  });
});

describe("export", () => {
  it("writes the format the chosen name asks for, and says where; a cancelled dialog writes nothing", async () => {
    const calls: [string, unknown][] = [];
    let answer: string | null = "/home/tu/siswa-2026.csv";
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "plugin:dialog|save") return answer;
      if (cmd === "export_to_file") return null;
    });
    wrap(<ExportButton kind="students" />, "id");
    await userEvent.click(screen.getByText("Ekspor"));
    expect(await screen.findByText("Diekspor ke /home/tu/siswa-2026.csv")).toBeTruthy();
    expect(calls.filter(([c]) => c === "export_to_file")).toEqual([["export_to_file", { kind: "students", format: "csv", path: "/home/tu/siswa-2026.csv" }]]);

    calls.length = 0;
    answer = null;
    await userEvent.click(screen.getByText("Ekspor"));
    await waitFor(() => expect(calls.map(([c]) => c)).toEqual(["plugin:dialog|save"]));
  });

  it("an export that cannot be written says so", async () => {
    mockIPC((cmd) => {
      if (cmd === "plugin:dialog|save") return "/media/usb/siswa.xlsx";
      if (cmd === "export_to_file") throw error("setup", "cannot write /media/usb/siswa.xlsx: Read-only file system (os error 30)");
    });
    wrap(<ExportButton kind="students" />);
    await userEvent.click(screen.getByText("Export"));
    expect(await screen.findByText(/cannot write \/media\/usb\/siswa.xlsx: Read-only file system/)).toBeTruthy();
  });
});

describe("lookups", () => {
  it("shows a lookup that failed instead of an empty picker, and the gender codes the shell gives", async () => {
    const rules: DomainRules = {
      proposed_year: { name: "2026/2027", start_date: "2026-07-01", end_date: "2027-06-30", semesters: [] },
      genders: [
        { value: "male", code: "L", label: "gender_male" },
        { value: "female", code: "P", label: "gender_female" },
      ],
    };
    const student = { id: "s1", version: 1, updated_at: "2026-07-01T00:00:00Z", data: { nis: "2501", nisn: "0012345678", full_name: "Ahmad Fauzi", gender: "male", birth_place: "Bandung", birth_date: "2012-05-01", religion: "Islam", address: "", status: "active", user_id: null } };
    mockIPC((cmd) => {
      if (cmd === "domain_rules") return rules;
      if (cmd === "students_list") return [{ student, class_id: null }];
      if (cmd === "classes_list") throw { kind: "forbidden", message: "you may not list classes", fields: [], rows: [], conflict: null };
      return [];
    });
    wrap(<StudentsScreen />);
    expect(await screen.findByText("you may not list classes")).toBeTruthy();
    const row = await screen.findByText("Ahmad Fauzi");
    expect(row.closest("[role=row]")).toHaveTextContent("Ahmad FauziL1 May 2012");
  });
});

describe("school profile", () => {
  it("sends a new logo as bytes, not a JSON array of numbers, and shows the new one", async () => {
    const calls: [string, unknown][] = [];
    let logo: string | null = null;
    const school = { id: "sc", version: 1, updated_at: "2026-07-01T00:00:00Z", data: { name: "SMP Negeri 1 Contoh", npsn: "20212345", address: "", principal_name: "Drs. Ahmad", principal_nip: null } };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "school_get") return school;
      if (cmd === "school_logo") return logo;
      if (cmd === "school_logo_set") {
        logo = "data:image/png;base64,iVBORw==";
        return school;
      }
      return null;
    });
    wrap(<ProfileScreen />);
    await screen.findByText("SMP Negeri 1 Contoh");
    await userEvent.upload(screen.getByTestId("logo-file"), new File([new Uint8Array([137, 80, 78, 71])], "logo.png", { type: "image/png" }));
    expect(await screen.findByRole("img")).toHaveAttribute("src", "data:image/png;base64,iVBORw==");
    const sent = calls.find(([cmd]) => cmd === "school_logo_set")![1];
    expect(sent).toBeInstanceOf(Uint8Array);
    expect(Array.from(sent as Uint8Array)).toEqual([137, 80, 78, 71]);
  });
});
