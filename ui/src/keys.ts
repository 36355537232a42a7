// Typed keys, each written once: the query cache's key for every command
// answer the screens read, and the record keys drafts and recent items are
// kept under (`<kind>:<id>` in the shell's local state file).
import type { QueryKey } from "@tanstack/react-query";

/** The screens of the sidebar. */
export type Screen = "dashboard" | "profile" | "years" | "teachers" | "students" | "classes" | "subjects" | "rooms" | "assignments" | "users" | "audit" | "gradebook" | "print" | "attendance" | "descriptions" | "results" | "timetable" | "my_timetable" | "fees" | "my_fees" | "qbank";

/** The cache's keys. A list screen and the lookups that name its records
 * share one key, so a change invalidates both and a mount reuses both. */
export const queryKeys = {
  startup: ["startup"],
  session: ["session"],
  rules: ["domain_rules"],
  dashboard: ["dashboard"],
  drafts: ["local", "drafts"],
  recent: ["local", "recent"],
  school: ["school"],
  logo: ["school", "logo"],
  years: ["years"],
  terms: ["terms"],
  teachers: ["teachers"],
  subjects: ["subjects"],
  rooms: ["rooms"],
  classes: ["classes"],
  assignments: ["assignments"],
  users: ["users"],
  /** Who each login belongs to. */
  loginLinks: ["users", "links"],
  audit: ["audit"],
  /** Every student list: the whole list and each search. */
  students: ["students"],
  studentSearch: (text: string) => ["students", "search", text],
  student: (id: string) => ["student", id],
  /** Every class's roster, or one. */
  rosters: ["roster"],
  roster: (classId: string) => ["roster", classId],
  // issue 12: gradebook
  gradebookChoices: ["gradebook", "choices"],
  gradebook: (classId: string, subjectId: string, termId: string) => ["gradebook", classId, subjectId, termId],
  // issue 12: attendance, descriptions, notes
  /** Every attendance answer: a write invalidates months and totals alike. */
  attendance: ["attendance"],
  attendanceClasses: ["attendance", "classes"],
  /** A student's or parent's results of each semester (gaps). */
  myResults: ["my_results"],
  attendanceMonth: (classId: string, year: number, month: number) => ["attendance", "month", classId, year, month],
  attendanceTotals: (classId: string, termId: string) => ["attendance", "totals", classId, termId],
  descriptionChoices: ["descriptions", "choices"],
  objectives: (subjectId: string, termId: string) => ["descriptions", "objectives", subjectId, termId],
  descriptionSheet: (classId: string, subjectId: string, termId: string) => ["descriptions", "sheet", classId, subjectId, termId],
  comments: (subjectId: string) => ["descriptions", "comments", subjectId],
  termReportClasses: ["term_reports", "classes"],
  termReport: (classId: string, termId: string) => ["term_reports", classId, termId],
  extracurriculars: ["extracurriculars"],
  // ttui (issue 14): timetable screens; every key under "timetable", so a
  // change to lessons invalidates them all.
  ttWeek: ["timetable", "week"],
  ttLessons: (termId: string) => ["timetable", "lessons", termId],
  ttRules: (termId: string) => ["timetable", "rules", termId],
  ttTimetables: (termId: string) => ["timetable", "list", termId],
  ttEntries: (timetableId: string) => ["timetable", "entries", timetableId],
  ttScore: (timetableId: string) => ["timetable", "score", timetableId],
  ttCovers: (date: string) => ["timetable", "covers", date],
  ttCoverHistory: (date: string) => ["timetable", "cover-history", date],
  myTimetable: ["timetable", "mine"],
  // feesui (issue 17): every fee answer under "fees", so a payment
  // invalidates statements, the day and arrears alike.
  fees: ["fees"],
  feeStudents: (text: string) => ["fees", "students", text],
  feeStatement: (studentId: string) => ["fees", "statement", studentId],
  feeToday: ["fees", "today"],
  feeDay: (day: string) => ["fees", "day", day],
  feeArrears: (classId: string, asOf: string) => ["fees", "arrears", classId, asOf],
  feeItems: (yearId: string) => ["fees", "items", yearId],
  feeAssignments: (yearId: string) => ["fees", "assignments", yearId],
  feeDiscounts: ["fees", "discounts"],
  feeSettings: ["fees", "settings"],
  feeClassArrears: (classId: string) => ["fees", "class", classId],
} as const satisfies Record<string, QueryKey | ((...args: never[]) => QueryKey)>;

/** What a draft or a recent item belongs to. */
export type RecordKind = Screen | "guardian" | "term";

export interface RecordKey {
  kind: RecordKind;
  /** The record's id; "new" (or "new-<parent id>") for a form not yet saved. */
  id: string;
}

export function recordKey(kind: RecordKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseRecordKey(key: string): RecordKey {
  const at = key.indexOf(":");
  return at < 0 ? { kind: key as RecordKind, id: "" } : { kind: key.slice(0, at) as RecordKind, id: key.slice(at + 1) };
}
