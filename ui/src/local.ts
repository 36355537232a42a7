// UI-local state: drafts of unsaved forms, column choices, recent items.
// It lives in a small per-user SQLite file reached through tauri-plugin-sql,
// separate from the school database. School data never goes through here:
// it goes through the shell's commands, where permissions and validation are.
import Database from "@tauri-apps/plugin-sql";

export interface Draft {
  key: string;
  title: string;
  data: unknown;
  saved_at: string;
}

/** A record the user opened, newest first on the dashboard. */
export interface Recent {
  /** `<screen>:<record id>`, as draft keys are. */
  key: string;
  title: string;
  opened_at: string;
}

/** How many recent items are kept per user. */
const RECENT_KEPT = 20;

interface LocalStore {
  touchRecent(login: string, item: Recent): Promise<void>;
  recent(login: string, limit: number): Promise<Recent[]>;
  getDraft(key: string): Promise<Draft | null>;
  putDraft(draft: Draft): Promise<void>;
  dropDraft(key: string): Promise<void>;
  drafts(): Promise<Draft[]>;
  getPref<T>(key: string): Promise<T | null>;
  putPref(key: string, value: unknown): Promise<void>;
}

const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS drafts (key TEXT PRIMARY KEY, title TEXT NOT NULL, data TEXT NOT NULL, saved_at TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  // Per school login: several office staff may share one computer account.
  "CREATE TABLE IF NOT EXISTS recent (login TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, opened_at TEXT NOT NULL, PRIMARY KEY (login, key))",
];

type Row = { key: string; title: string; data: string; saved_at: string };

class SqlStore implements LocalStore {
  constructor(private db: Database) {}
  static async open(): Promise<SqlStore> {
    const db = await Database.load("sqlite:ui-state.db");
    for (const statement of SCHEMA) await db.execute(statement);
    return new SqlStore(db);
  }
  async getDraft(key: string) {
    const rows = await this.db.select<Row[]>("SELECT key, title, data, saved_at FROM drafts WHERE key = $1", [key]);
    return rows.length ? toDraft(rows[0]) : null;
  }
  async putDraft(d: Draft) {
    await this.db.execute(
      "INSERT INTO drafts (key, title, data, saved_at) VALUES ($1, $2, $3, $4) ON CONFLICT(key) DO UPDATE SET title = $2, data = $3, saved_at = $4",
      [d.key, d.title, JSON.stringify(d.data), d.saved_at],
    );
  }
  async dropDraft(key: string) {
    await this.db.execute("DELETE FROM drafts WHERE key = $1", [key]);
  }
  async drafts() {
    const rows = await this.db.select<Row[]>("SELECT key, title, data, saved_at FROM drafts ORDER BY saved_at DESC");
    return rows.map(toDraft);
  }
  async touchRecent(login: string, r: Recent) {
    await this.db.execute(
      "INSERT INTO recent (login, key, title, opened_at) VALUES ($1, $2, $3, $4) ON CONFLICT(login, key) DO UPDATE SET title = $3, opened_at = $4",
      [login, r.key, r.title, r.opened_at],
    );
    await this.db.execute(
      "DELETE FROM recent WHERE login = $1 AND key NOT IN (SELECT key FROM recent WHERE login = $1 ORDER BY opened_at DESC LIMIT $2)",
      [login, RECENT_KEPT],
    );
  }
  async recent(login: string, limit: number) {
    return this.db.select<Recent[]>(
      "SELECT key, title, opened_at FROM recent WHERE login = $1 ORDER BY opened_at DESC LIMIT $2",
      [login, limit],
    );
  }
  async getPref<T>(key: string) {
    const rows = await this.db.select<{ value: string }[]>("SELECT value FROM prefs WHERE key = $1", [key]);
    return rows.length ? (JSON.parse(rows[0].value) as T) : null;
  }
  async putPref(key: string, value: unknown) {
    await this.db.execute(
      "INSERT INTO prefs (key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = $2",
      [key, JSON.stringify(value)],
    );
  }
}

function toDraft(r: Row): Draft {
  return { key: r.key, title: r.title, data: JSON.parse(r.data), saved_at: r.saved_at };
}

/** Used where there is no Tauri (component tests): kept in memory. */
export class MemoryStore implements LocalStore {
  private draftMap = new Map<string, Draft>();
  private prefMap = new Map<string, unknown>();
  private recentMap = new Map<string, Recent[]>();
  async touchRecent(login: string, r: Recent) {
    const list = (this.recentMap.get(login) ?? []).filter((x) => x.key !== r.key);
    list.unshift(r);
    this.recentMap.set(login, list.slice(0, RECENT_KEPT));
  }
  async recent(login: string, limit: number) {
    return [...(this.recentMap.get(login) ?? [])].sort((a, b) => b.opened_at.localeCompare(a.opened_at)).slice(0, limit);
  }
  async getDraft(key: string) { return this.draftMap.get(key) ?? null; }
  async putDraft(d: Draft) { this.draftMap.set(d.key, d); }
  async dropDraft(key: string) { this.draftMap.delete(key); }
  async drafts() { return [...this.draftMap.values()].sort((a, b) => b.saved_at.localeCompare(a.saved_at)); }
  async getPref<T>(key: string) { return (this.prefMap.get(key) as T) ?? null; }
  async putPref(key: string, value: unknown) { this.prefMap.set(key, value); }
}

let store: Promise<LocalStore> | null = null;

/** The local store; in-memory when the window is not a Tauri one. */
export function local(): Promise<LocalStore> {
  if (!store) {
    const inTauri = typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
    store = inTauri
      ? SqlStore.open().catch((e) => {
          console.warn("ui-state database unavailable, using memory", e);
          return new MemoryStore();
        })
      : Promise.resolve(new MemoryStore());
  }
  return store;
}

let login = "";

/** The school login whose recent items are kept; set at sign-in. */
export function setLocalUser(user: string) {
  login = user;
}

/** Notes that the user opened a record (never fails the caller). */
export function noteRecent(key: string, title: string) {
  if (!login) return;
  const user = login;
  local()
    .then((s) => s.touchRecent(user, { key, title, opened_at: new Date().toISOString() }))
    .catch((e) => console.warn("could not note a recent item", e));
}

/** The current user's most recently opened records. */
export async function recentItems(limit = 8): Promise<Recent[]> {
  if (!login) return [];
  return (await local()).recent(login, limit);
}

/** For tests: start from an empty store. */
export function resetLocal(next: LocalStore = new MemoryStore()) {
  store = Promise.resolve(next);
}
