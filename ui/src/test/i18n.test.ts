import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { en, format, id, makeI18n } from "../i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the catalogue", () => {
  it("has every English string in Bahasa Indonesia, with the same placeholders", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(id[key], key).toBeTruthy();
      expect(placeholders(id[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
  });

  it("really translates (not English copied over)", () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] === id[k] && /[a-z]{4,}/.test(en[k]));
    // Names, codes and words Indonesian shares with English (Semester,
    // Status, Administrator) stay as they are.
    expect(same.sort()).toEqual(["app_name", "dash_term", "f_status", "f_term_id", "lang_en", "lang_id", "rec_terms", "role_admin", "wizard_host", "years_term_n"].sort());
  });

  it("fills placeholders and formats dates and numbers per language", () => {
    expect(format("Rows: {count}", { count: 3 })).toBe("Rows: 3");
    const english = makeI18n("en", () => {});
    const indonesian = makeI18n("id", () => {});
    expect(english.date("2026-08-17")).toBe("17 August 2026");
    expect(indonesian.date("2026-08-17")).toBe("17 Agustus 2026");
    expect(english.number(3000)).toBe("3,000");
    expect(indonesian.number(3000)).toBe("3.000");
  });
});

describe("codes the server sends", () => {
  it("every problem code in the Rust sources has a sentence in both languages", () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".rs")) sources.push(readFileSync(path, "utf8"));
      }
    };
    for (const dir of ["crates/core/src", "crates/app/src", "src-tauri/src"]) walk(join(root, dir));
    const codes = new Set<string>();
    for (const text of sources) {
      for (const m of text.matchAll(/Msg::new\(\s*"([a-z_]+)"/g)) codes.add(m[1]);
      for (const m of text.matchAll(/bad_value\(\s*[^,]+,\s*"([a-z_]+)"/g)) codes.add(m[1]);
    }
    // The scan really finds the codes (it is not vacuous).
    expect(codes.size).toBeGreaterThan(35);
    expect(codes).toContain("no_student_nisn");
    expect(codes).toContain("not_gender");
    const missing = [...codes].filter((c) => !(("p_" + c) in en) || !(("p_" + c) in id));
    expect(missing).toEqual([]);
  });
});
