// The FET import (issue 14, item 8; helper "ttio") with the real component
// and the shell's real answers (src-tauri/tests/timetable_import.rs writes
// the fixtures from the app's hand-made .fet file): the preview in the
// user's language — names matched or new, the lessons, the rules, what
// cannot be taken by line —, nothing sent but the preview until Import is
// pressed, the confirm naming the preview's token, a file that is not FET
// refused in words, and a file stored already offering nothing to import.
import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { FetPreviewView } from "../bindings";
import { TimetableImport } from "../screens/TimetableImport";
import notFet from "./fixtures/fet-not-fet.json";
import handMadeJson from "./fixtures/fet-preview-hand-made.json";
import { wrap } from "./render";

const handMade = handMadeJson as unknown as FetPreviewView;
const file = () => new File(["<fet version=\"6.9.0\"></fet>"], "sekolah.fet");

describe("FET import", () => {
  it("previews in Indonesian and writes only when Import is pressed, naming the preview", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "timetable_import_preview") return handMade;
      if (cmd === "timetable_import_confirm") return { teachers: 3, subjects: 4, classes: 3, rooms: 1, lessons: 5, rules: 5, week: true };
    });
    const onDone = vi.fn();
    wrap(<TimetableImport termId="t1" onDone={onDone} />, "id");
    await userEvent.upload(screen.getByTestId("tti-file"), file());
    await screen.findByTestId("tti-preview");
    expect(calls.map(([c]) => c)).toEqual(["timetable_import_preview"]);

    expect(screen.getByTestId("tti-week").textContent).toBe("Sekolah belum punya pekan; pekan dibuat dari berkas: Senin → Senin, Selasa → Selasa, Rabu → Rabu, Kamis → Kamis, Jumat → Jumat");
    const teachers = screen.getByTestId("tti-teachers");
    expect(within(teachers).getByRole("heading").textContent).toBe("Guru: 0 cocok, 3 baru");
    const sari = within(teachers).getAllByTestId("tti-teachers-item").find((li) => li.textContent?.startsWith("Bu Sari"));
    expect(sari?.textContent).toBe("Bu Sari baru jenis kelamin tidak ada di berkas: P; periksa");
    const lessons = within(screen.getByTestId("tti-lessons")).getAllByRole("row");
    expect(lessons).toHaveLength(1 + 5);
    expect(lessons.map((r) => r.textContent)).toContainEqual(expect.stringMatching(/^\d+matematikaVII-Apak {2}guru2\+2baru$/));
    const rules = screen.getByTestId("tti-rules").textContent ?? "";
    expect(rules).toContain("Guru berhalangan · Bu Sari · Senin 1, Senin 2 · wajib");
    const notTaken = within(screen.getByTestId("tti-not-taken")).getAllByRole("listitem").map((li) => li.textContent);
    expect(notTaken).toHaveLength(4);
    expect(notTaken).toContainEqual(expect.stringMatching(/^baris \d+: ConstraintTeacherMinDaysPerWeek — tidak ada jenis aturan jadwal di sini yang berarti ini$/));
    expect(notTaken).toContainEqual(expect.stringMatching(/^baris \d+: activity 6 — untuk subgrup FET/));

    await userEvent.click(screen.getByTestId("tti-confirm"));
    expect(calls.map(([c]) => c)).toEqual(["timetable_import_preview", "timetable_import_confirm"]);
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ lessons: 5, rules: 5 }));
  });

  it("says in the user's words that a file is not FET, and offers no import", async () => {
    mockIPC((cmd) => {
      if (cmd === "timetable_import_preview") throw notFet;
    });
    wrap(<TimetableImport termId="t1" onDone={() => {}} />, "id");
    await userEvent.upload(screen.getByTestId("tti-file"), file());
    expect((await screen.findByRole("alert")).textContent).toContain("ini bukan berkas FET: elemen pertamanya <html>, bukan <fet>");
    expect(screen.queryByTestId("tti-confirm")).toBeNull();
  });

  it("offers nothing to import when the file is stored already", async () => {
    const stored: FetPreviewView = {
      ...handMade,
      additions: 0,
      new_week: false,
      teachers: handMade.teachers.map((x) => ({ ...x, existing: true, note: "" })),
      lessons: handMade.lessons.map((l) => ({ ...l, stored: true })),
      rules: handMade.rules.map((r) => ({ ...r, stored: true })),
    };
    mockIPC((cmd) => (cmd === "timetable_import_preview" ? stored : undefined));
    wrap(<TimetableImport termId="t1" onDone={() => {}} />, "en");
    await userEvent.upload(screen.getByTestId("tti-file"), file());
    const confirm = await screen.findByTestId("tti-confirm");
    expect(confirm.textContent).toBe("Everything is stored already");
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    expect(within(screen.getByTestId("tti-teachers")).getByRole("heading").textContent).toBe("Teachers: 3 match, 0 new");
  });
});
