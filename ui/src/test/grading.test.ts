// The TypeScript port of the grading math against the very cases the Rust
// grading math is tested with (crates/core/tests/grading_cases.json, also
// read by crates/core/tests/grading_cases.rs): the gradebook's live preview
// is the same math as the server's final grade (issue 12, item 3).
import { describe, expect, it } from "vitest";
import cases from "../../../crates/core/tests/grading_cases.json";
import { applyRounding, bandsFromKkm, checkScheme, finalGrade, formatHundredths, parseScore, parseWeight, Ratio, type RoundingMode, type Scheme } from "../grading";

const h = (text: string) => {
  const p = parseScore(text);
  if (!p.ok) throw new Error(`${text}: ${p.error}`);
  return p.hundredths;
};

describe("the grading math, case by case with the Rust tests", () => {
  it("reads scores as typed and names the bad ones", () => {
    expect(cases.scores.length).toBeGreaterThan(20);
    for (const c of cases.scores) {
      const expected = "error" in c ? { ok: false, error: c.error } : { ok: true, hundredths: c.hundredths };
      expect(parseScore(c.text), JSON.stringify(c.text)).toEqual(expected);
    }
  });

  it("reads weights", () => {
    for (const c of cases.weights) {
      const expected = "error" in c ? { ok: false, error: c.error } : { ok: true, hundredths: c.hundredths };
      expect(parseWeight(c.text), c.text).toEqual(expected);
    }
  });

  it("prints scores without trailing zeros", () => {
    for (const c of cases.printed) expect(formatHundredths(c.hundredths)).toBe(c.printed);
  });

  it("rounds once, at every edge", () => {
    for (const c of cases.rounding) {
      const value = new Ratio(BigInt(c.exact[0]), BigInt(c.exact[1]));
      expect(formatHundredths(applyRounding({ places: c.places, mode: c.mode as RoundingMode }, value)), `${c.exact} ${c.mode} ${c.places}`).toBe(c.printed);
    }
  });

  it("makes the bands from the KKM", () => {
    for (const c of cases.bands_from_kkm) {
      expect(bandsFromKkm(h(c.kkm)).map((b) => [b.label, formatHundredths(b.min)]), c.kkm).toEqual(c.bands);
    }
  });

  it("computes the final grade exactly", () => {
    expect(cases.finals.length).toBeGreaterThan(8);
    for (const c of cases.finals) {
      const custom = "bands" in c ? (c.bands as string[][]) : null;
      const scheme: Scheme = {
        components: c.components.map(([name, weight]) => {
          const w = parseWeight(weight);
          if (!w.ok) throw new Error(weight);
          return { name, weight: w.hundredths };
        }),
        kkm: h(c.kkm),
        bands: custom ? custom.map(([label, min]) => ({ label, min: h(min) })) : bandsFromKkm(h(c.kkm)),
        rounding: { places: c.places, mode: c.mode as RoundingMode },
      };
      expect(checkScheme(scheme), c.name).toBeNull();
      const f = finalGrade(scheme, (c.scores as string[][]).map((list) => list.map(h)));
      if ("missing" in c) {
        expect(f, c.name).toEqual({ kind: "incomplete", missing: c.missing });
      } else {
        if (f.kind !== "graded") throw new Error(`${c.name}: ${JSON.stringify(f)}`);
        expect([Number(f.exact.num), Number(f.exact.den)], c.name).toEqual(c.exact);
        expect(formatHundredths(f.grade), c.name).toBe(c.grade);
        expect(f.predicate, c.name).toBe(c.predicate);
        expect(f.passed, c.name).toBe(c.passed);
      }
    }
  });

  it("refuses a scheme whose weights do not add up to 100 %", () => {
    const bands = bandsFromKkm(7500);
    const rounding = { places: 0, mode: "half_up" as const };
    expect(checkScheme({ components: [{ name: "A", weight: 3333 }, { name: "B", weight: 3333 }, { name: "C", weight: 3333 }], kkm: 7500, bands, rounding })).toEqual({ kind: "weights_not_100", sum: 9999 });
    expect(checkScheme({ components: [{ name: "PTS", weight: 5000 }, { name: "PTS", weight: 5000 }], kkm: 7500, bands, rounding })).toEqual({ kind: "duplicate_component", name: "PTS" });
    expect(checkScheme({ components: [], kkm: 7500, bands, rounding })).toEqual({ kind: "no_components" });
  });
});
