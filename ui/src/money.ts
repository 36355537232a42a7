// Rupiah as the fee screens show and read them (issue 17, helper "feesui"):
// whole rupiah only, written with a dot between thousands ("Rp 250.000")
// in both languages, as Indonesian receipts and bank slips write them.
// Parsing is strict: a typed amount either is a whole, positive number of
// rupiah or it is refused with the reason, never guessed.

/** The largest amount the app accepts (crates/core fees::MAX_AMOUNT). */
export const MAX_RUPIAH = 1_000_000_000_000_000;

export type AmountProblem = "empty" | "not_a_number" | "negative" | "zero" | "too_large";

/** Whole rupiah grouped by thousands the language's way, without "Rp":
 * 60000 → "60.000" in Indonesian, "60,000" in English; below zero "−".
 * The one helper for amounts inside sentences (a server message's
 * `{amount}`), so a message reads "Rp 60.000" / "Rp 60,000". */
export function groupRupiah(amount: number, lang: "en" | "id"): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "en" ? "," : ".");
  return `${amount < 0 ? "−" : ""}${digits}`;
}

/** "250000" → "Rp 250.000"; below zero "−Rp 1.000". Tables and tiles
 * write money as Indonesian receipts do, in both languages. */
export function formatRupiah(amount: number): string {
  const grouped = groupRupiah(amount, "id");
  return grouped.startsWith("−") ? `−Rp ${grouped.slice(1)}` : `Rp ${grouped}`;
}

/** Reads what was typed: "250000", "250.000", "250,000", "Rp 250.000".
 * Thousands are grouped by three with one kind of separator; anything else
 * (letters, cents, "1.5") is not an amount. */
export function parseRupiah(text: string): { amount: number } | { problem: AmountProblem } {
  let s = text.trim().replace(/\s+/g, "");
  if (/^rp\.?/i.test(s)) s = s.replace(/^rp\.?/i, "");
  if (s === "") return { problem: "empty" };
  let negative = false;
  if (/^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1);
  }
  const plain = /^\d+$/.test(s);
  const dotted = /^\d{1,3}(\.\d{3})+$/.test(s);
  const commas = /^\d{1,3}(,\d{3})+$/.test(s);
  if (!plain && !dotted && !commas) return { problem: "not_a_number" };
  const digits = s.replace(/[.,]/g, "");
  if (digits.length > 19) return { problem: "too_large" };
  const amount = Number(digits);
  if (negative && amount > 0) return { problem: "negative" };
  if (amount === 0) return { problem: "zero" };
  if (amount > MAX_RUPIAH) return { problem: "too_large" };
  return { amount };
}

/** What was typed, regrouped ("250000" → "250.000") once it reads as an
 * amount; unchanged otherwise (so a mistake stays visible as typed). */
export function regroup(text: string): string {
  const read = parseRupiah(text);
  return "amount" in read ? formatRupiah(read.amount).replace(/^Rp /, "") : text;
}
