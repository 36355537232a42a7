// UI-local state: drafts of unsaved forms, column choices, recent items.
// The shell keeps it in a small file of its own (src-tauri/src/local.rs) and
// the page reaches it only through the `local_*` commands: the window opens
// no database itself, so script in it cannot reach the school database.
// Drafts and recent items belong to the signed-in user (the shell knows who);
// preferences to the computer. School data never goes through here: it goes
// through the shell's commands, where permissions and validation are.
import { commands } from "./bindings";
import { inDesktop } from "./platform";

export interface Draft {
  key: string;
  title: string;
  data: unknown;
  saved_at: string;
}

/** A record the user opened, newest first on the dashboard. */
export interface Recent {
  /** A record key (keys.ts: `recordKey`), as draft keys are. */
  key: string;
  title: string;
  opened_at: string;
}

/** How many recent items are kept per user. */
const RECENT_KEPT = 20;

interface LocalStore {
  touchRecent(item: Recent): Promise<void>;
  recent(limit: number): Promise<Recent[]>;
  getDraft(key: string): Promise<Draft | null>;
  putDraft(draft: Draft): Promise<void>;
  dropDraft(key: string): Promise<void>;
  drafts(): Promise<Draft[]>;
  getPref<T>(key: string): Promise<T | null>;
  putPref(key: string, value: unknown): Promise<void>;
}

/** Local state is a convenience: a failure is logged, never thrown at a form. */
async function quietly<T>(what: string, work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (e) {
    console.warn(`local state: could not ${what}`, e);
    return fallback;
  }
}

/** The shell's store, through its commands (the desktop app). */
export class ShellStore implements LocalStore {
  async getDraft(key: string) {
    const d = await quietly("read a draft", commands.local_draft_get(key), null);
    return d ? { ...d, data: JSON.parse(d.data) as unknown } : null;
  }
  async putDraft(d: Draft) {
    await quietly("keep a draft", commands.local_draft_put(d.key, d.title, JSON.stringify(d.data ?? null)).then(() => {}), undefined);
  }
  async dropDraft(key: string) {
    await quietly("drop a draft", commands.local_draft_drop(key), undefined);
  }
  async drafts() {
    const list = await quietly("list drafts", commands.local_drafts(), []);
    return list.map((d) => ({ ...d, data: JSON.parse(d.data) as unknown }));
  }
  async touchRecent(r: Recent) {
    await quietly("note a recent item", commands.local_recent_note(r.key, r.title), undefined);
  }
  async recent(limit: number) {
    return quietly("list recent items", commands.local_recent(limit), []);
  }
  async getPref<T>(key: string) {
    const value = await quietly("read a preference", commands.local_pref_get(key), null);
    return value === null ? null : (JSON.parse(value) as T);
  }
  async putPref(key: string, value: unknown) {
    await quietly("keep a preference", commands.local_pref_set(key, JSON.stringify(value)), undefined);
  }
}

/** Used where there is no Tauri (component tests): kept in memory, drafts
 * and recent items per signed-in user as the shell keeps them. */
export class MemoryStore implements LocalStore {
  private draftMap = new Map<string, Draft>();
  private prefMap = new Map<string, unknown>();
  private recentMap = new Map<string, Recent[]>();
  private mine(key: string) {
    return `${login}\u0000${key}`;
  }
  async touchRecent(r: Recent) {
    const list = (this.recentMap.get(login) ?? []).filter((x) => x.key !== r.key);
    list.unshift(r);
    this.recentMap.set(login, list.slice(0, RECENT_KEPT));
  }
  async recent(limit: number) {
    return [...(this.recentMap.get(login) ?? [])].sort((a, b) => b.opened_at.localeCompare(a.opened_at)).slice(0, limit);
  }
  async getDraft(key: string) { return this.draftMap.get(this.mine(key)) ?? null; }
  async putDraft(d: Draft) { this.draftMap.set(this.mine(d.key), d); }
  async dropDraft(key: string) { this.draftMap.delete(this.mine(key)); }
  async drafts() {
    const prefix = this.mine("");
    return [...this.draftMap.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, d]) => d)
      .sort((a, b) => b.saved_at.localeCompare(a.saved_at));
  }
  async getPref<T>(key: string) { return (this.prefMap.get(key) as T) ?? null; }
  async putPref(key: string, value: unknown) { this.prefMap.set(key, value); }
}

let store: Promise<LocalStore> | null = null;

/** The local store; in-memory when the window is not a Tauri one. */
export function local(): Promise<LocalStore> {
  if (!store) {
    store = Promise.resolve(inDesktop() ? new ShellStore() : new MemoryStore());
  }
  return store;
}

let login = "";

/** The school login signed in (the shell keys by its own session; this
 * keeps the in-memory store the same and skips notes when no one is in). */
export function setLocalUser(user: string) {
  login = user;
}

/** Notes that the user opened a record (never fails the caller). */
export function noteRecent(key: string, title: string) {
  if (!login) return;
  local()
    .then((s) => s.touchRecent({ key, title, opened_at: new Date().toISOString() }))
    .catch((e) => console.warn("could not note a recent item", e));
}

/** The current user's most recently opened records. */
export async function recentItems(limit = 8): Promise<Recent[]> {
  if (!login) return [];
  return (await local()).recent(limit);
}

/** For tests: start from an empty store. */
export function resetLocal(next: LocalStore = new MemoryStore()) {
  store = Promise.resolve(next);
}
