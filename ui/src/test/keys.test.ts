import { describe, expect, it } from "vitest";
import { parseRecordKey, queryKeys, recordKey } from "../keys";

describe("keys", () => {
  it("builds and reads a record key in one place, ids with colons included", () => {
    expect(recordKey("students", "0190-ab")).toBe("students:0190-ab");
    expect(parseRecordKey(recordKey("guardian", "new-7:x"))).toEqual({ kind: "guardian", id: "new-7:x" });
    expect(parseRecordKey("rooms")).toEqual({ kind: "rooms", id: "" });
  });

  it("nests each roster and search under the key their writes invalidate", () => {
    expect(queryKeys.roster("c1").slice(0, 1)).toEqual(queryKeys.rosters);
    expect(queryKeys.studentSearch("ani").slice(0, 1)).toEqual(queryKeys.students);
  });
});
