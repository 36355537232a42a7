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

interface LocalStore {
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

/** For tests: start from an empty store. */
export function resetLocal(next: LocalStore = new MemoryStore()) {
  store = Promise.resolve(next);
}
