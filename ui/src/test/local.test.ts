import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import type { LocalDraft } from "../bindings";
import { ShellStore } from "../local";

/** A stand-in for the shell's local state: keyed by whoever is signed in. */
function fakeShell() {
  const state = { user: "admin", calls: [] as string[] };
  const drafts = new Map<string, LocalDraft>();
  mockIPC((cmd, args) => {
    state.calls.push(cmd);
    const a = (args ?? {}) as Record<string, string>;
    const mine = `${state.user}\u0000${a.key}`;
    switch (cmd) {
      case "local_draft_put": {
        const d = { key: a.key, title: a.title, data: a.data, saved_at: "2026-11-21T07:15:00Z" };
        drafts.set(mine, d);
        return d;
      }
      case "local_draft_get":
        return drafts.get(mine) ?? null;
      case "local_drafts":
        return [...drafts.entries()].filter(([k]) => k.startsWith(`${state.user}\u0000`)).map(([, d]) => d);
      case "local_draft_drop":
        drafts.delete(mine);
        return null;
      case "local_pref_get":
        return a.key === "window" ? JSON.stringify({ width: 800 }) : null;
      case "local_pref_set":
        return null;
    }
    throw new Error(`the page called ${cmd}`);
  });
  return state;
}

describe("local state", () => {
  it("goes through the shell's local_* commands, drafts per signed-in user", async () => {
    const shell = fakeShell();
    const store = new ShellStore();
    await store.putDraft({ key: "students:new", title: "Siswa baru", data: { full_name: "Ani" }, saved_at: "" });
    expect(await store.getDraft("students:new")).toMatchObject({ title: "Siswa baru", data: { full_name: "Ani" } });
    shell.user = "bu.sari";
    expect(await store.drafts()).toEqual([]);
    expect(await store.getDraft("students:new")).toBeNull();
    shell.user = "admin";
    expect((await store.drafts()).map((d) => d.data)).toEqual([{ full_name: "Ani" }]);
    await store.dropDraft("students:new");
    expect(await store.drafts()).toEqual([]);
    expect(await store.getPref<{ width: number }>("window")).toEqual({ width: 800 });
    await store.putPref("columns:students", ["nis"]);
    expect(shell.calls.every((c) => c.startsWith("local_"))).toBe(true);
  });

  it("a refused command (no one signed in) never breaks the form that asked", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    mockIPC(() => {
      throw { kind: "session_expired", message: "sign in again", fields: [], rows: [], conflict: null };
    });
    const store = new ShellStore();
    await expect(store.putDraft({ key: "rooms:new", title: "Ruang", data: {}, saved_at: "" })).resolves.toBeUndefined();
    expect(await store.drafts()).toEqual([]);
    expect(await store.recent(8)).toEqual([]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
