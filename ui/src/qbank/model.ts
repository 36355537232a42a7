// The question as the editor holds it: a new question of each type, a
// type changed without losing what carries over, options marked right
// with the weights the bank's rules want (validate.rs: one option at
// 100 % for single choice; the right ones adding up to 100 % for multiple
// response), and every rich text of a question (for its images).
import type { QbBody, QbMeta, QbOption, QbQuestion, QbRichText } from "../bindings";
import { imageKeys } from "./richText";

export type QuestionKind = QbBody["type"];

export const KINDS: QuestionKind[] = ["single_choice", "multiple_response", "true_false", "matching", "short_answer", "numeric", "essay"];
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const STATUSES = ["draft", "reviewed", "approved"] as const;
export const COGNITIVE = ["C1", "C2", "C3", "C4", "C5", "C6"] as const;
export const LEVELS = ["L1", "L2", "L3"] as const;

export const emptyMeta = (): QbMeta => ({
  subject: null,
  grade_level: null,
  learning_outcome: null,
  objective: null,
  topic: null,
  cognitive: null,
  level: null,
  difficulty: null,
  points: "1",
  tags: [],
  author: null,
  source: null,
  status: "draft",
  version: 1,
});

export const emptyOption = (): QbOption => ({ text: [], weight: "0", feedback: [], pinned: false });

/** A body of `kind`, keeping the options (choice types) of `from`. */
export function bodyOf(kind: QuestionKind, from?: QbBody): QbBody {
  const options = from && (from.type === "single_choice" || from.type === "multiple_response") ? from.options.map((o) => ({ ...o, weight: "0" })) : [emptyOption(), emptyOption(), emptyOption(), emptyOption()];
  switch (kind) {
    case "single_choice":
      return { type: "single_choice", options, shuffle: true };
    case "multiple_response":
      return { type: "multiple_response", options, shuffle: true };
    case "true_false":
      return { type: "true_false", correct: true, feedback_true: [], feedback_false: [] };
    case "matching":
      return { type: "matching", pairs: [0, 1, 2].map(() => ({ prompt: [], answer: "" })), shuffle: true };
    case "short_answer":
      return { type: "short_answer", answers: [{ text: "", weight: "100", feedback: [] }], case_sensitive: false };
    case "numeric":
      return { type: "numeric", answers: [{ accept: { kind: "tolerance", value: "0", tolerance: "0" }, weight: "100", feedback: [] }], other_feedback: [] };
    case "essay":
      return { type: "essay", rubric: [], grader_info: [], response_template: "" };
  }
}

export function newQuestion(kind: QuestionKind = "single_choice"): QbQuestion {
  return { id: "", name: "", stem: [], body: bodyOf(kind), general_feedback: [], stimulus: null, category: null, meta: emptyMeta() };
}

/** Is the weight (decimal text) above zero? */
export const isRight = (weight: string) => {
  const n = Number(weight);
  return Number.isFinite(n) && n > 0;
};

/** `100 / n` with five decimals, cut (never rounded up, so the sum stays
 * within the bank's slack of 100 %): 3 → "33.33333". */
export function share(n: number): string {
  if (n <= 0) return "0";
  const hundredThousandths = Math.floor(10_000_000 / n);
  const whole = Math.floor(hundredThousandths / 100_000);
  const frac = String(hundredThousandths % 100_000).padStart(5, "0").replace(/0+$/u, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Options with `right` marked: single choice one at 100 %, multiple
 * response the right ones sharing 100 %. */
export function markRight(options: QbOption[], right: boolean[], single: boolean): QbOption[] {
  const n = right.filter(Boolean).length;
  const weight = single ? "100" : share(n);
  return options.map((o, i) => ({ ...o, weight: right[i] ? weight : "0" }));
}

/** Moves item `from` to `to` (both in range). */
export function moved<T>(list: T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

/** Every rich text of a question. */
export function texts(q: QbQuestion): QbRichText[] {
  const out: QbRichText[] = [q.stem, q.general_feedback];
  const b = q.body;
  switch (b.type) {
    case "single_choice":
    case "multiple_response":
      b.options.forEach((o) => out.push(o.text, o.feedback));
      break;
    case "true_false":
      out.push(b.feedback_true, b.feedback_false);
      break;
    case "matching":
      b.pairs.forEach((p) => out.push(p.prompt));
      break;
    case "short_answer":
      b.answers.forEach((a) => out.push(a.feedback));
      break;
    case "numeric":
      b.answers.forEach((a) => out.push(a.feedback));
      out.push(b.other_feedback);
      break;
    case "essay":
      out.push(b.grader_info);
      break;
  }
  return out;
}

export const questionImageKeys = (q: QbQuestion) => [...new Set(texts(q).flatMap(imageKeys))];

/** Tags as typed ("aljabar, UTS") → ["aljabar", "uts"]. */
export const parseTags = (text: string) => [...new Set(text.split(/[,;]/u).map((t) => t.trim().toLowerCase()).filter(Boolean))];
