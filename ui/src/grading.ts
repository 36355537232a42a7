// The grading math of crates/core/src/grading.rs, ported exactly so the
// gradebook's final grade and predicate update as the teacher types (issue
// 12, item 3). The server's answer replaces this preview when it comes;
// both are checked against the same cases (crates/core/tests/grading_cases.json,
// read by src/test/grading.test.ts and crates/core/tests/grading_cases.rs).
//
// Scores and weights are integers in hundredths; the final grade is an
// exact fraction of BigInts (no floating point anywhere), rounded once.

/** Why a typed score (or weight) is not one; the same three as Rust's ScoreError. */
export type ScoreError = "not_a_number" | "too_precise" | "out_of_range";

export type Parsed = { ok: true; hundredths: number } | { ok: false; error: ScoreError };

const DIGITS = /^[0-9]*$/;

/** Reads "87", "87.5" or "87,5" with at most `places` decimals, as hundredths. */
function hundredths(raw: string, places: number): Parsed {
  const text = raw.trim();
  const at = text.search(/[.,]/);
  const [whole, fraction] = at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
  const separators = (text.match(/[.,]/g) ?? []).length;
  if ((whole === "" && fraction === "") || !DIGITS.test(whole) || !DIGITS.test(fraction) || separators > 1) {
    return { ok: false, error: "not_a_number" };
  }
  if (fraction.length > places) return { ok: false, error: "too_precise" };
  if (whole.length > 6) return { ok: false, error: "out_of_range" };
  const w = whole === "" ? 0 : Number(whole);
  let cents = 0;
  for (let i = 0; i < fraction.length; i++) cents += Number(fraction[i]) * (i === 0 ? 10 : 1);
  return { ok: true, hundredths: w * 100 + cents };
}

/** A score as a teacher types it: 0–100, at most two decimal places. */
export function parseScore(text: string): Parsed {
  const h = hundredths(text, 2);
  if (!h.ok) return h;
  return h.hundredths >= 0 && h.hundredths <= 100_00 ? h : { ok: false, error: "out_of_range" };
}

/** A component's weight in percent ("33.33", "33,33 %"): more than 0, at most 100. */
export function parseWeight(text: string): Parsed {
  const h = hundredths(text.trim().replace(/%+$/, ""), 2);
  if (!h.ok) return h;
  return h.hundredths >= 1 && h.hundredths <= 100_00 ? h : { ok: false, error: "out_of_range" };
}

/** "87", "87.5", "87.25": no trailing zeros (Rust's Display for Score). */
export function formatHundredths(h: number): string {
  const whole = Math.trunc(h / 100);
  const cents = h % 100;
  if (cents === 0) return String(whole);
  if (cents % 10 === 0) return `${whole}.${cents / 10}`;
  return `${whole}.${String(cents).padStart(2, "0")}`;
}

const abs = (n: bigint) => (n < 0n ? -n : n);
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return abs(a);
}

/** An exact fraction in lowest terms with a positive denominator. */
export class Ratio {
  readonly num: bigint;
  readonly den: bigint;
  constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new Error("a ratio needs a denominator");
    const sign = den < 0n ? -1n : 1n;
    let g = gcd(num, den);
    if (g < 1n) g = 1n;
    this.num = (sign * num) / g;
    this.den = (sign * den) / g;
  }
  static integer(n: number | bigint): Ratio {
    return new Ratio(BigInt(n), 1n);
  }
  add(o: Ratio): Ratio {
    return new Ratio(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  mul(o: Ratio): Ratio {
    return new Ratio(this.num * o.num, this.den * o.den);
  }
  div(o: Ratio): Ratio {
    return new Ratio(this.num * o.den, this.den * o.num);
  }
  cmp(o: Ratio): number {
    const a = this.num * o.den;
    const b = o.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

// Euclidean division for a positive divisor (BigInt `/` truncates toward zero).
const divEuclid = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
};
const remEuclid = (a: bigint, b: bigint) => {
  const r = a % b;
  return r < 0n ? r + b : r;
};

export type RoundingMode = "half_up" | "half_even" | "down";
export interface Rounding {
  /** Decimal places kept: 0, 1 or 2. */
  places: number;
  mode: RoundingMode;
}
export const DEFAULT_ROUNDING: Rounding = { places: 0, mode: "half_up" };

/** The one rounding step; the answer is in hundredths. */
export function applyRounding(rounding: Rounding, value: Ratio): number {
  const places = Math.min(Math.max(rounding.places, 0), 2);
  const scale = 10n ** BigInt(places);
  const scaled = value.mul(new Ratio(scale, 1n));
  const q = divEuclid(scaled.num, scaled.den);
  const r = remEuclid(scaled.num, scaled.den);
  const den = scaled.den;
  const up = rounding.mode === "down" ? false : rounding.mode === "half_up" ? 2n * r >= den : 2n * r > den || (2n * r === den && q % 2n === 1n);
  const kept = q + (up ? 1n : 0n);
  return Number((kept * 100n) / scale);
}

export interface Band {
  /** In hundredths. */
  min: number;
  label: string;
}

/** Bands highest first, each lower than the one before; null if not so. */
export function checkBands(bands: Band[]): Band[] | null {
  if (!bands.length) return null;
  for (let i = 1; i < bands.length; i++) if (bands[i].min >= bands[i - 1].min) return null;
  return bands;
}

/** The four-band scale from the KKM (grading.rs `Bands::from_kkm`). */
export function bandsFromKkm(kkm: number): Band[] {
  const kkmR = new Ratio(BigInt(kkm), 100n);
  const step = Ratio.integer(100).add(new Ratio(-kkmR.num, kkmR.den)).div(Ratio.integer(3));
  const ceil = (r: Ratio) => {
    const whole = divEuclid(r.num, r.den) + (remEuclid(r.num, r.den) !== 0n ? 1n : 0n);
    return Number(whole * 100n);
  };
  const b = ceil(kkmR.add(step));
  const a = ceil(kkmR.add(step).add(step));
  return [
    { min: a, label: "A" },
    { min: b, label: "B" },
    { min: kkm, label: "C" },
    { min: 0, label: "D" },
  ];
}

/** The predicate of a grade: the first band it reaches, else the lowest. */
export function predicateOf(bands: Band[], grade: number): string {
  return (bands.find((b) => grade >= b.min) ?? bands[bands.length - 1])?.label ?? "";
}

export interface Component {
  name: string;
  /** In hundredths of a percent. */
  weight: number;
}

export interface Scheme {
  components: Component[];
  kkm: number;
  bands: Band[];
  rounding: Rounding;
}

export type SchemeError = { kind: "no_components" } | { kind: "weights_not_100"; sum: number } | { kind: "duplicate_component"; name: string } | { kind: "bad_bands" };

/** The checks of `Scheme::new` (and `Bands::new`). */
export function checkScheme(scheme: Scheme): SchemeError | null {
  if (!scheme.components.length) return { kind: "no_components" };
  const sum = scheme.components.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100_00) return { kind: "weights_not_100", sum };
  const seen = new Set<string>();
  for (const c of scheme.components) {
    if (seen.has(c.name)) return { kind: "duplicate_component", name: c.name };
    seen.add(c.name);
  }
  if (!checkBands(scheme.bands)) return { kind: "bad_bands" };
  return null;
}

export type Final =
  | { kind: "graded"; exact: Ratio; grade: number; predicate: string; passed: boolean }
  | { kind: "incomplete"; missing: string[] };

/** The final grade from each component's scores (hundredths), in the
 * scheme's component order: averaged exactly, weighted exactly, rounded once. */
export function finalGrade(scheme: Scheme, scores: number[][]): Final {
  if (scores.length !== scheme.components.length) throw new Error("one list of scores per component");
  const missing = scheme.components.filter((_, i) => scores[i].length === 0).map((c) => c.name);
  if (missing.length) return { kind: "incomplete", missing };
  let total = Ratio.integer(0);
  scheme.components.forEach((component, i) => {
    const entries = scores[i];
    const sum = entries.reduce((s, x) => s + BigInt(x), 0n);
    const mean = new Ratio(sum, 100n * BigInt(entries.length));
    total = total.add(mean.mul(new Ratio(BigInt(component.weight), 100_00n)));
  });
  const grade = applyRounding(scheme.rounding, total);
  return { kind: "graded", exact: total, grade, predicate: predicateOf(scheme.bands, grade), passed: grade >= scheme.kkm };
}
