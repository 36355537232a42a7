// A homeroom teacher's view of their class's fees (issue 17), with the real
// component: when the school allows it, each student in arrears or not and
// the amount, nothing more; while the setting is off (the app answers
// none), or for a class that is not theirs (refused), nothing at all.
import { mockIPC } from "@tauri-apps/api/mocks";
import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ClassArrears } from "../screens/ClassArrears";
import { teacherSession, wrap } from "./render";

/** Lets the mocked answer reach the component (no time is asserted). */
const settled = () => act(() => new Promise((r) => setTimeout(r, 0)));

const homeroom = { ...teacherSession(["c1"]), roles: ["teacher" as const, "homeroom" as const] };

function answer(value: unknown) {
  const asked: string[] = [];
  mockIPC((cmd, args) => {
    asked.push(cmd);
    if (cmd === "fee_class_arrears") {
      expect(args).toEqual({ class_id: "c1" });
      return value instanceof Error ? Promise.reject({ kind: "forbidden", message: value.message, fields: [], rows: [], conflict: null }) : value;
    }
    return null;
  });
  return asked;
}

describe("a homeroom teacher's class arrears", () => {
  it("says who is in arrears and how much, nothing more", async () => {
    answer([
      { student_id: "s1", name: "Andi Pratama", nisn: "0012345678", in_arrears: true, owed: 190_000 },
      { student_id: "s2", name: "Citra Lestari", nisn: "0011111111", in_arrears: false, owed: 0 },
    ]);
    wrap(<ClassArrears classId="c1" />, "id", homeroom);
    const rows = await screen.findAllByTestId("class-arrears-row");
    expect(rows.map((r) => r.textContent)).toEqual(["Andi PratamaMenunggakRp 190.000", "Citra LestariTidak"]);
    expect(screen.queryByTestId("class-arrears-none")).toBeNull();
  });

  it("shows nothing while the school keeps it off", async () => {
    const asked = answer(null);
    wrap(<ClassArrears classId="c1" />, "en", homeroom);
    await waitFor(() => expect(asked).toContain("fee_class_arrears"));
    await settled();
    expect(screen.queryByTestId("class-arrears")).toBeNull();
  });

  it("shows nothing (and no error) when refused", async () => {
    const asked = answer(new Error("refused"));
    wrap(<ClassArrears classId="c1" />, "en", homeroom);
    await waitFor(() => expect(asked).toContain("fee_class_arrears"));
    await settled();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("class-arrears")).toBeNull();
  });
});
