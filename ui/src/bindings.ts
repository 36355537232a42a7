// Generated from src-tauri (commands.rs, wire.rs) and crates/core by
// `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop bindings`. Do not edit.
import { invoke, invokeWithBytes } from "./platform";

/**
 * Every failed command answers with this. `kind` is stable (the UI
 * translates by it); `code` and `params` say the message for the UI's
 * own words (`p_CODE`, else `err_KIND`, with these values: see
 * `AppError::message`); `message` is the English sentence, safe to show
 * and never carrying driver text; `fields` feed form fields; `rows` feed
 * the import preview; `conflict` tells who saved the record since it was
 * opened.
 */
export type UiError = { kind: string, code?: string, params?: { [key in string]: string }, message: string, fields: Array<UiFieldError>, rows: Array<UiRowProblem>, conflict: UiConflict | null, 
/**
 * For `locked_out`: when logging in is allowed again, for the UI to
 * say in the user's language and time zone.
 */
until?: string, };

export type UiFieldError = { field: string, 
/**
 * The English sentence, shown when the UI has no text for `code`.
 */
message: string, 
/**
 * What is wrong, for the UI's own catalogue ("" if no code).
 */
code: string, 
/**
 * The values the sentence names.
 */
params: { [key in string]: string }, };

export type UiRowProblem = { row: number, column: string, 
/**
 * The English sentence, shown when the UI has no text for `code`.
 */
reason: string, code: string, params: { [key in string]: string }, };

export type UiConflict = { current_version: number, updated_at: string, updated_by: string | null, };

/**
 * A stored record: its identity and version beside its fields.
 */
export type Rec<T> = { id: string, version: number, updated_at: string, data: T, };

/**
 * Where the school database lives, as the first-run wizard asks it.
 */
export type Connection = { "type": "this_computer", path: string | null, } | { "type": "school_server", host: string, port: number, database: string, user: string, password: string, tls: ServerTls, 
/**
 * The school's CA certificate (PEM) for `verify_full`; `None`
 * trusts the CAs among this computer's certificates.
 */
ca_file: string | null, };

/**
 * How a desktop protects its connection to a school server (libpq's
 * `sslmode`). A Unix socket (a host that is a folder) is never encrypted.
 */
export type ServerTls = "prefer" | "require" | "verify_full";

/**
 * What the wizard's "Test" found at the database it describes; testing
 * creates and changes nothing there.
 */
export type ConnectionCheck = "no_database_yet" | "not_set_up" | "ready";

/**
 * What the app knows when it starts, so the UI picks the first screen.
 */
export type Startup = { 
/**
 * False on the first run: the wizard asks where the database is.
 */
configured: boolean, 
/**
 * Where the database is, password never included.
 */
database: string | null, 
/**
 * The database is open but has no school and admin yet.
 */
needs_setup: boolean, 
/**
 * Why the saved database could not be opened, if it could not.
 */
error: UiError | null, 
/**
 * Where "this computer" keeps the database by default.
 */
default_sqlite_path: string, 
/**
 * The language last chosen ("en" or "id").
 */
language: string, };

/**
 * The signed-in user, as the UI shows them.
 */
export type SessionInfo = { user_id: string, login: string, display_name: string, roles: Array<Role>, 
/**
 * What the UI offers this user: nothing that would be refused.
 */
abilities: Abilities, };

export type NewUserForm = { login: string, display_name: string, password: string, roles: Array<Role>, 
/**
 * They choose their own password at first sign-in.
 */
must_change_password: boolean, };

export type Count = { table: string, count: number, };

export type Dashboard = { school_name: string, year: Rec<AcademicYear> | null, 
/**
 * The semester today falls in, if any.
 */
term: Rec<Term> | null, counts: Array<Count>, 
/**
 * The classes a teacher teaches or leads.
 */
classes: Array<MyClass>, 
/**
 * The student a student is, or a parent's children.
 */
students: Array<MyStudent>, today: string, };

export type MyClass = { class: Rec<Class>, homeroom: boolean, subjects: Array<TaughtSubject>, students: number, };

export type TaughtSubject = { name: string, periods_per_week: number, };

export type MyStudent = { student: Rec<Student>, class_name: string | null, };

/**
 * A login just made, with its initial password: shown once, to print.
 */
export type InitialLogin = { person: Person, name: string, class_name: string | null, login: string, password: string, };

export type ClassLogins = { created: Array<InitialLogin>, 
/**
 * People of the class who already had a login.
 */
already: number, };

/**
 * Who a login belongs to.
 */
export type LoginLink = { user_id: string, person: Person, name: string, };

/**
 * A person a login can belong to: a teacher, a student or a guardian (whose
 * login is a parent's). The link is the record's `user_id`; the policy
 * scopes what the login may see through it (`Actor`).
 */
export type Person = { "kind": "teacher", "id": string } | { "kind": "student", "id": string } | { "kind": "guardian", "id": string };

/**
 * What a user may do, for a UI that offers only what will not be refused
 * (no button that fails when pressed). Each flag is [`allowed`] asked
 * about the whole school; scoped reads (one class's roster, one student)
 * are listed by the records themselves: `classes` are the ones whose
 * roster this user may read when they may not read every class.
 */
export type Abilities = { read_directory: boolean, manage_directory: boolean, manage_enrollment: boolean, manage_users: boolean, read_audit: boolean, import_export: boolean, 
/**
 * Reads every class's roster (an administrator, the bursar).
 */
read_every_roster: boolean, 
/**
 * Classes taught or led by this user.
 */
classes: Array<string>, 
/**
 * Classes whose students this user may edit (a homeroom teacher's).
 */
edit_classes: Array<string>, 
/**
 * Must change their password before anything else.
 */
must_change_password: boolean, };

/**
 * A login of the sample school with its password, for the wizard to show
 * once (see `sample_school_create`).
 */
export type SampleLogin = { login: string, display_name: string, roles: Array<Role>, password: string, };

export type TermDates = { start_date: string, end_date: string, };

/**
 * The domain rules the UI shows but does not decide (they live in
 * `crates/app` and `crates/core`; the UI asks for them once).
 */
export type DomainRules = { 
/**
 * What a new year's form starts from, with its semesters: the school
 * year today falls in, or the one after the school's latest year.
 */
proposed_year: YearProposal, 
/**
 * Each gender with the code forms and sheets use (L / P) and the UI
 * catalogue's key for its name.
 */
genders: Array<GenderRule>, };

export type YearProposal = { name: string, start_date: string, end_date: string, semesters: Array<TermDates>, };

export type GenderRule = { value: Gender, 
/**
 * "L" (laki-laki) or "P" (perempuan).
 */
code: string, 
/**
 * The UI catalogue's key for the gender's name.
 */
label: string, };

/**
 * A student with their guardians and every enrollment (history included).
 */
export type StudentDetail = { student: Rec<Student>, guardians: Array<Rec<Guardian>>, enrollments: Array<Rec<Enrollment>>, };

/**
 * A student row of a list, with the class they are in now.
 */
export type StudentRow = { student: Rec<Student>, class_id: string | null, };

export type SheetKind = "years" | "rooms" | "assignments" | "students" | "teachers" | "classes" | "subjects" | "enrollments";

export type SheetFormat = "csv" | "xlsx";

/**
 * What an import did or, for a preview, would do.
 */
export type ImportSummary = { rows: number, created: number, updated: number, unchanged: number, enrolled: number, rejected: Array<UiRowProblem>, ignored_columns: Array<string>, 
/**
 * Classes the import creates (a students file, when asked).
 */
created_classes: Array<string>, written: boolean, };

/**
 * A previewed import: what writing it would do, and the token that writes
 * exactly this plan (the shell keeps it until the user writes it, previews
 * another file, signs out or switches databases).
 */
export type ImportPreview = { token: string, summary: ImportSummary, };

export type Role = "admin" | "teacher" | "homeroom" | "student" | "parent" | "bursar";

export type Gender = "male" | "female";

export type StudentStatus = "active" | "graduated" | "moved_out";

/**
 * The school profile (one per database).
 */
export type School = { name: string, 
/**
 * Nomor Pokok Sekolah Nasional: 8 characters.
 */
npsn: string, address: string, principal_name: string, 
/**
 * Nomor Induk Pegawai of the principal, 18 digits, if they have one.
 */
principal_nip: string | null, };

export type AcademicYear = { 
/**
 * As schools write it: "2025/2026".
 */
name: string, start_date: string, end_date: string, is_current: boolean, };

export type Term = { academic_year_id: string, 
/**
 * 1 or 2 (semester ganjil / genap).
 */
number: number, name: string, start_date: string, end_date: string, };

export type User = { login: string, display_name: string, roles: Array<Role>, active: boolean, 
/**
 * Set when someone else chose the password (an initial
 * password for a new login, an administrator's reset): the
 * account may do nothing but change it.
 */
must_change_password: boolean, };

export type Teacher = { full_name: string, 
/**
 * Nomor Induk Pegawai: 18 digits, civil-servant teachers only.
 */
nip: string | null, 
/**
 * Nomor Unik Pendidik dan Tenaga Kependidikan: 16 digits.
 */
nuptk: string | null, gender: Gender, phone: string | null, email: string | null, user_id: string | null, active: boolean, };

export type Student = { 
/**
 * Nomor Induk Siswa: the school's own number.
 */
nis: string, 
/**
 * Nomor Induk Siswa Nasional: 10 digits, unique across the country.
 */
nisn: string, full_name: string, gender: Gender, birth_place: string, birth_date: string, religion: string, address: string, status: StudentStatus, user_id: string | null, };

export type Guardian = { full_name: string, 
/**
 * father / mother / guardian (ayah / ibu / wali).
 */
relation: string, phone: string | null, occupation: string | null, address: string | null, user_id: string | null, };

/**
 * A class (rombel) in one academic year.
 */
export type Class = { name: string, grade_level: number, academic_year_id: string, homeroom_teacher_id: string | null, };

/**
 * A student's membership of a class. Moving a student ends one enrollment
 * and starts another; ended enrollments are kept as the student's history.
 */
export type Enrollment = { student_id: string, class_id: string, academic_year_id: string, start_date: string, end_date: string | null, 
/**
 * Why it ended: "moved", "removed", "graduated".
 */
end_reason: string | null, };

export type Subject = { code: string, name: string, 
/**
 * The curriculum group, e.g. "A", "B", "Muatan Lokal".
 */
group_name: string, 
/**
 * Religious education is taught per religion.
 */
religion_specific: boolean, };

export type Room = { name: string, capacity: number, 
/**
 * classroom, lab, hall, field, library …
 */
kind: string, };

export type TeachingAssignment = { teacher_id: string, subject_id: string, class_id: string, periods_per_week: number, };

/**
 * One entry of the append-only audit trail.
 */
export type AuditEvent = { id: string, at: string, actor_id: string | null, actor_login: string, 
/**
 * create, update, delete, login, login_failed, password_reset, …
 */
action: string, table_name: string, record_id: string | null, 
/**
 * The record before the change, as JSON text (secrets left out).
 */
before: string | null, 
/**
 * The record after the change, as JSON text (secrets left out).
 */
after: string | null, };

/**
 * An unsaved form, kept while the user types.
 */
export type LocalDraft = { 
/**
 * `<screen>:<record id or "new">`.
 */
key: string, title: string, 
/**
 * The form's values as JSON text.
 */
data: string, saved_at: string, };

/**
 * A record the user opened, newest first on the dashboard.
 */
export type LocalRecent = { 
/**
 * `<screen>:<record id>`, as draft keys are.
 */
key: string, title: string, opened_at: string, };

/**
 * Whose cards.
 */
export type PrintScope = { "kind": "class", class_id: string, } | { "kind": "grade", grade_level: number, } | { "kind": "all" } | { "kind": "student", student_id: string, };

/**
 * How the cards look.
 */
export type PrintSettings = { 
/**
 * "id" or "en".
 */
language: string, 
/**
 * "rapor" (Kurikulum Merdeka) or "report" (international).
 */
layout: string, 
/**
 * "A4", "F4" or "Letter".
 */
paper: string, 
/**
 * Millimetres left blank at the top for pre-printed letterhead paper;
 * none prints the school's header.
 */
letterhead_mm: number | null, 
/**
 * Where the cards are signed ("" = the last line of the school's address).
 */
place: string, 
/**
 * Print a subject without a complete grade as "belum lengkap".
 */
allow_incomplete: boolean, };

/**
 * Where the cards go: a folder, and whether to write one combined PDF,
 * one PDF per student (in a folder of their own beside it), or both. The
 * files are named by what they hold ("Rapor - VII A - Semester 1
 * 2026-2027.pdf").
 */
export type PrintTarget = { folder: string, combined: boolean, per_student: boolean, };

/**
 * A print job as the page sees it while polling.
 */
export type PrintJob = { id: string, done: number, total: number, finished: boolean, cancelled: boolean, error: UiError | null, 
/**
 * Files written, in order.
 */
files: Array<string>, 
/**
 * Cards watermarked DRAFT (their class's grades not approved).
 */
drafts: number, 
/**
 * Problems of a school's own template; the built-in one printed.
 */
template_problems: Array<string>, };

/**
 * Where a class's grades of a semester stand.
 */
export type SignoffStatus = "draft" | "submitted" | "approved";

/**
 * A gradebook this session may open.
 */
export type GradebookChoice = { class_id: string, class_name: string, subject_id: string, subject_name: string, term_id: string, term_name: string, };

/**
 * A predicate band: a grade at or above `min` ("90") earns `label` ("A").
 */
export type BandView = { min: string, label: string, };

export type ComponentView = { id: string, name: string, 
/**
 * formative | assignment | mid_term | end_of_term | other
 */
kind: string, 
/**
 * Percent as text ("33.33").
 */
weight: string, };

export type SchemeView = { id: string, kkm: string, rounding_places: number, 
/**
 * half_up | half_even | down
 */
rounding_mode: string, bands: Array<BandView>, components: Array<ComponentView>, };

/**
 * One gradebook column (an assessment).
 */
export type GradebookColumn = { id: string, component_id: string, name: string, position: number, };

export type GradebookStudent = { student_id: string, full_name: string, nis: string, };

export type GradebookScore = { assessment_id: string, student_id: string, score: string, };

/**
 * A student's final grade: `grade`, `predicate` and `passed` once every
 * component has a score, else the components still `missing`.
 */
export type GradebookFinal = { student_id: string, grade: string | null, predicate: string | null, passed: boolean | null, missing: Array<string>, };

/**
 * A subject's final grade of a semester as a student and their parents
 * see it: `grade`, `predicate` and `passed` once complete, else what is
 * `missing`.
 */
export type MySubjectResult = { subject_id: string, subject_name: string, grade: string | null, predicate: string | null, passed: boolean | null, missing: Array<string>, };

/**
 * A student's results of a semester (the signed-in student's own, or a
 * parent's child's): `published` once their class's grades are approved,
 * and only then the `subjects`.
 */
export type MyResults = { student_id: string, full_name: string, class_name: string | null, published: boolean, subjects: Array<MySubjectResult>, };

/**
 * A semester and the family's results of it.
 */
export type MyTermResults = { term: Rec<Term>, students: Array<MyResults>, };

/**
 * A report card's QR code checked against the records now: whose card,
 * and whether its grades are still the records' (`matches`).
 */
export type CardCheck = { student_id: string, student: string, nisn: string, class: string, term: string, year: string, matches: boolean, 
/**
 * The class's grades of the term are approved now.
 */
approved: boolean, };

export type Gradebook = { scheme: SchemeView | null, columns: Array<GradebookColumn>, students: Array<GradebookStudent>, scores: Array<GradebookScore>, 
/**
 * One per student; empty while the subject has no scheme.
 */
finals: Array<GradebookFinal>, status: SignoffStatus, 
/**
 * Whether this session may type here now.
 */
editable: boolean, };

/**
 * One typed cell; "" clears it.
 */
export type CellInput = { assessment_id: string, student_id: string, text: string, };

export type ComponentInput = { 
/**
 * A stored component to keep (with its columns); null for a new one.
 */
id: string | null, name: string, kind: string, weight: string, };

/**
 * A scheme as typed, saved as a whole.
 */
export type SchemeInput = { kkm: string, rounding_places: number, rounding_mode: string, 
/**
 * Highest first; empty for the four bands made from the KKM.
 */
bands: Array<BandView>, components: Array<ComponentInput>, };

/**
 * A day's attendance status.
 */
export type AttendanceStatus = "present" | "sick" | "excused" | "unexcused" | "late";

/**
 * A student as the attendance and description grids list them.
 */
export type GridStudent = { student_id: string, full_name: string, nis: string, };

/**
 * A day of a month view; `term_id` is None between semesters (not markable).
 */
export type AttendanceDay = { date: string, term_id: string | null, };

export type AttendanceCell = { student_id: string, date: string, status: AttendanceStatus, note: string | null, };

/**
 * A class's month: students × days and the marks made.
 */
export type AttendanceMonthView = { class: Rec<Class>, days: Array<AttendanceDay>, students: Array<GridStudent>, marks: Array<AttendanceCell>, today: string, };

/**
 * One student's mark in a day's list; no status clears it.
 */
export type AttendanceMarkInput = { student_id: string, status: AttendanceStatus | null, note: string | null, };

/**
 * A student's attendance over a term, as the card prints it.
 */
export type AttendanceTotals = { student_id: string, full_name: string, present: number, sick: number, excused: number, unexcused: number, late: number, };

/**
 * A class × subject whose descriptions this session writes.
 */
export type DescriptionChoice = { class_id: string, class_name: string, academic_year_id: string, subject_id: string, subject_name: string, };

/**
 * A learning objective as typed.
 */
export type ObjectiveForm = { code: string, text_id: string, text_en: string | null, };

/**
 * Which side of the sentence an objective is ticked for.
 */
export type TickKind = "mastered" | "needs_work";

export type ObjectiveTick = { objective_id: string, tick: TickKind, };

/**
 * One student's description: ticks, the generated sentence in both
 * languages, and the teacher's own text if they wrote one.
 */
export type DescriptionRow = { student: GridStudent, ticks: Array<ObjectiveTick>, generated_id: string, generated_en: string, custom: string | null, };

export type DescriptionSheetView = { objectives: Array<Rec<LearningObjective>>, students: Array<DescriptionRow>, };

/**
 * The promotion decision (even semester only).
 */
export type PromotionKind = "promoted" | "retained" | "graduated";

/**
 * What the homeroom teacher writes for one student and term.
 */
export type TermReportForm = { homeroom_note: string | null, parent_response: string | null, promotion: PromotionKind | null, };

export type TermReportRow = { student: GridStudent, report: TermReportForm, };

/**
 * A class's term reports for its homeroom teacher.
 */
export type TermReportView = { term: Rec<Term>, promotion_allowed: boolean, students: Array<TermReportRow>, extracurriculars: Array<Rec<Extracurricular>>, results: Array<Rec<ExtracurricularResult>>, };

/**
 * A learning objective (tujuan pembelajaran, TP) of a subject in a term.
 */
export type LearningObjective = { subject_id: string, term_id: string, 
/**
 * As the teacher numbers it: "TP 1".
 */
code: string, 
/**
 * The objective in Indonesian, as the description sentence uses it.
 */
text_id: string, 
/**
 * The objective in English, for the international card.
 */
text_en: string | null, position: number, };

/**
 * A sentence teachers insert into descriptions; without a
 * subject it serves every subject.
 */
export type CommentBankEntry = { subject_id: string | null, text: string, };

/**
 * An extracurricular activity the school offers (Pramuka, Futsal …).
 */
export type Extracurricular = { name: string, };

/**
 * A student's result in an activity for a term.
 */
export type ExtracurricularResult = { student_id: string, term_id: string, extracurricular_id: string, 
/**
 * As the school grades activities: "A", "Baik", "Sangat Baik".
 */
grade: string, note: string | null, };

/**
 * What a gradebook import from a file changed (issue 12, item 3).
 */
export type GradesImported = { 
/**
 * Cells given a new or another score.
 */
cells_changed: number, 
/**
 * Cells whose score the file removed.
 */
cells_cleared: number, };

/**
 * One period of a day's bell schedule: a lesson period (jam
 * pelajaran), a break or prayer time, from `start_minute` to
 * `end_minute` (minutes after midnight). Each day has its own
 * list, so a short Friday is simply a shorter list.
 */
export type BellPeriod = { weekday: number, 
/**
 * The order in the day, from 1.
 */
position: number, 
/**
 * lesson | break | prayer: [`crate::week::PeriodKind`].
 */
kind: string, 
/**
 * As the school calls it: "1", "Istirahat", "Sholat Dzuhur".
 */
label: string, start_minute: number, end_minute: number, };

/**
 * A rule the timetable of a semester keeps, hard (weight 100)
 * or weighted (1–99 %, FET's meaning; 0 is off). Which fields
 * it uses depends on its kind: [`crate::week::RuleKind`].
 */
export type TimetableRule = { term_id: string, kind: string, weight: number, teacher_id: string | null, class_id: string | null, room_id: string | null, subject_id: string | null, lesson_id: string | null, other_lesson_id: string | null, 
/**
 * The rule's number (most lessons a day, days, gaps, days apart).
 */
number: number | null, 
/**
 * Cells of the week, "day:period" (weekday 1–7, lesson
 * period from 1) separated by spaces: "1:1 1:2 5:6".
 */
slots: string, };

/**
 * A timetable of a semester: a draft, or the one published.
 */
export type TermTimetable = { term_id: string, name: string, 
/**
 * draft | published.
 */
status: string, 
/**
 * The user who generated it.
 */
made_by: string | null, 
/**
 * Lesson blocks placed, of all.
 */
placed: number, total: number, 
/**
 * Hard rules broken (0 for a complete timetable).
 */
hard_violations: number, 
/**
 * The weighted rules' cost, in hundredths of FET's units.
 */
soft_cost: number, 
/**
 * What changed under it since it was generated or published
 * (a lesson removed from the records), in words; cleared
 * when it is published again.
 */
attention: string | null, };

/**
 * The school's week: working days (Monday 1 … Sunday 7) and every bell
 * period of each.
 */
export type WeekView = { days: Array<number>, periods: Array<BellPeriod>, };

/**
 * A lesson of the semester, named for reading.
 */
export type LessonRow = { id: string, version: number, subject: string, teachers: Array<string>, classes: Array<string>, periods_per_week: number, split: string, room: string | null, };

/**
 * One difference between the lessons and the teaching assignments.
 */
export type PlanLine = { 
/**
 * add | change | remove
 */
kind: string, 
/**
 * The app's sentence naming the lesson.
 */
description: string, 
/**
 * Timetables that place the lesson now.
 */
timetables: Array<string>, };

/**
 * A timetable with who made it and when.
 */
export type TimetableRow = { timetable: Rec<TermTimetable>, made_by: string | null, created_at: string, };

/**
 * One lesson block of a timetable.
 */
export type EntryView = { 
/**
 * The stored block (what a move or a lock names).
 */
placement_id: string, placement_version: number, 
/**
 * Kept where it is when the timetable is generated again; not dragged.
 */
locked: boolean, lesson_id: string, 
/**
 * Which block of the lesson's split, from 1.
 */
part: number, weekday: number, 
/**
 * The lesson period it starts in, from 1.
 */
period: number, length: number, subject: string, 
/**
 * The subject's code (for the whole-school grid), where the reader
 * may see the subjects.
 */
subject_code: string | null, teachers: Array<string>, classes: Array<string>, room: string | null, };

/**
 * A teacher's or a student's own published week.
 */
export type OwnTimetableView = { who: string, 
/**
 * None while nothing is published.
 */
entries: Array<EntryView> | null, };

/**
 * The signed-in user's own weeks and the school's week they are drawn on.
 */
export type MyTimetableView = { 
/**
 * The semester shown (the current one); None without a current year.
 */
term: Rec<Term> | null, week: WeekView, people: Array<OwnTimetableView>, };

/**
 * A finished generation: the stored draft and, in words, what it could
 * not place.
 */
export type GenerationResult = { timetable: Rec<TermTimetable>, unplaced: Array<string>, };

/**
 * Where a generation is.
 */
export type GenerationStatus = { running: boolean, 
/**
 * Lesson blocks placed without a hard conflict in the best so far.
 */
placed: number, total: number, 
/**
 * Hard penalty of the best so far (0: every hard rule holds).
 */
best_hard: number, 
/**
 * Soft cost of the best so far, in hundredths of FET's units.
 */
best_soft: number, elapsed_ms: number, time_limit_ms: number, cancelled: boolean, result: GenerationResult | null, error: UiError | null, };

/**
 * The checker's verdict on one target cell of a drag.
 */
export type CellVerdictView = { weekday: number, period: number, 
/**
 * The block it would change places with.
 */
swap_with: string | null, 
/**
 * Hard rules newly broken, in words; empty: the move is fine.
 */
broken: Array<string>, };

/**
 * A move done: the versions its undo names.
 */
export type MovedView = { timetable_version: number, placement_version: number, 
/**
 * The block it changed places with.
 */
swapped_with: string | null, };

/**
 * One weighted rule the timetable pays for, in words.
 */
export type SoftItemView = { words: string, 
/**
 * In hundredths of FET's units.
 */
cost: number, };

/**
 * A timetable's score by the engine's checker.
 */
export type ScoreView = { placed: number, total: number, hard: Array<string>, 
/**
 * In hundredths of FET's units.
 */
soft_cost: number, 
/**
 * The costliest weighted items first.
 */
worst: Array<SoftItemView>, 
/**
 * Lesson blocks without a place: the tray.
 */
unplaced: Array<TrayBlockView>, };

/**
 * A free teacher who could cover a lesson, best first.
 */
export type CandidateView = { teacher_id: string, name: string, teaches_subject: boolean, teaches_class: boolean, 
/**
 * Lessons covered in the month so far: the history counted.
 */
covers_this_month: number, };

/**
 * How a lesson is covered so far.
 */
export type CoverView = { 
/**
 * substitute | cancelled | supervised
 */
kind: string, substitute_id: string | null, };

/**
 * One lesson of an absent teacher's day.
 */
export type CoverNeedView = { entry: EntryView, candidates: Array<CandidateView>, cover: CoverView | null, };

/**
 * A teacher away on a date, and their lessons that day.
 */
export type CoverDayView = { absence_id: string, teacher_id: string, teacher: string, date: string, 
/**
 * Empty for readers outside the office.
 */
reason: string, 
/**
 * The lesson periods away; empty: the whole day.
 */
periods: Array<number>, 
/**
 * The published timetable the lessons come from.
 */
timetable: string | null, lessons: Array<CoverNeedView>, };

/**
 * A lesson block without a place, dragged from the tray into the grid.
 */
export type TrayBlockView = { lesson_id: string, 
/**
 * Which block of the lesson's split, from 1.
 */
part: number, length: number, name: string, 
/**
 * "VII-A", or "VII-A (Kristen)" for a group.
 */
classes: Array<string>, };

/**
 * A block placed from the tray: what its undo names.
 */
export type PlacedView = { placement_id: string, placement_version: number, timetable_version: number, };

/**
 * One lesson a teacher covered.
 */
export type CoverItemView = { date: string, period: number, 
/**
 * "IPA VII-A (Bu Ani)"; empty when the lesson is gone.
 */
lesson: string, 
/**
 * substitute | supervised
 */
kind: string, };

/**
 * A teacher's covers in the month and the semester of a date.
 */
export type CoverTallyView = { teacher_id: string, name: string, this_month: number, this_term: number, items: Array<CoverItemView>, };

/**
 * A name of the file: matched to a stored record, or to be created.
 */
export type FetNameView = { name: string, 
/**
 * Matches a stored record (by name, case and spaces aside).
 */
existing: boolean, 
/**
 * What to check after the import ("gender not in the file: L").
 */
note: string, };

/**
 * A lesson the file makes, with its line in the file.
 */
export type FetLessonView = { line: number, subject: string, classes: Array<string>, teachers: Array<string>, 
/**
 * "2+2".
 */
split: string, 
/**
 * Stored already (an import of the same file again): not added.
 */
stored: boolean, };

/**
 * A timetable rule the file makes, with its line in the file.
 */
export type FetRuleView = { line: number, 
/**
 * The rule's kind (`teacher_unavailable` …).
 */
kind: string, 
/**
 * Whom and what it names (a lesson by the app's description).
 */
who: Array<string>, 
/**
 * 100: hard; else the weight in percent.
 */
weight: number, number: number | null, 
/**
 * Cells "day:period", spaces between.
 */
slots: string, stored: boolean, };

/**
 * A day of the file and the weekday (1 Monday … 7) it goes to.
 */
export type FetDayView = { name: string, weekday: number, };

/**
 * What of the file cannot be taken, by line.
 */
export type FetNotTakenView = { line: number, 
/**
 * The FET element ("ConstraintTeacherMinDaysPerWeek", "activity 12").
 */
what: string, 
/**
 * Why, as a code the screen words (`tti_nt_CODE`).
 */
code: string, 
/**
 * The app's English sentence.
 */
reason: string, };

/**
 * What importing a .fet file would write.
 */
export type FetPreviewView = { institution: string, 
/**
 * The file's days on the school's week.
 */
days: Array<FetDayView>, 
/**
 * The school has no week yet: the file's is made.
 */
new_week: boolean, teachers: Array<FetNameView>, subjects: Array<FetNameView>, classes: Array<FetNameView>, rooms: Array<FetNameView>, groups: Array<string>, lessons: Array<FetLessonView>, rules: Array<FetRuleView>, not_taken: Array<FetNotTakenView>, warnings: Array<string>, 
/**
 * Records, lessons and rules a confirm adds (0: all stored already).
 */
additions: number, 
/**
 * Given back to the confirm.
 */
token: string, };

/**
 * What a confirmed import wrote.
 */
export type FetImportedView = { teachers: number, subjects: number, classes: number, rooms: number, lessons: number, rules: number, week: boolean, };

/**
 * A fee the school charges in one academic year (SPP, uang
 * gedung, an exam fee), billed monthly or once.
 */
export type FeeItem = { academic_year_id: string, name: string, amount: number, 
/**
 * monthly | once: [`crate::fees::Schedule`].
 */
schedule: string, 
/**
 * A one-off fee's month, "2025-07" (none for a monthly fee).
 */
once_period: string | null, 
/**
 * The day of the month it is due, 1 to 28.
 */
due_day: number, 
/**
 * An item no longer billed keeps what it billed.
 */
active: boolean, };

/**
 * Who a fee item is billed to: a grade level, a class or one
 * student (exactly one of the three).
 */
export type FeeAssignment = { fee_item_id: string, grade_level: number | null, class_id: string | null, student_id: string | null, };

/**
 * A discount or waiver an administrator gave a student
 * (scholarship, sibling, orphan), on one fee item or on all.
 */
export type FeeDiscount = { student_id: string, 
/**
 * None: every fee item of the student.
 */
fee_item_id: string | null, 
/**
 * percent | fixed.
 */
kind: string, 
/**
 * Basis points (2 500 = 25 %) for a percentage, rupiah for a fixed amount.
 */
value: number, reason: string, 
/**
 * An ended discount is kept, inactive, for the invoices it made.
 */
active: boolean, };

/**
 * Money received for a student, with its receipt (kwitansi).
 */
export type Payment = { student_id: string, receipt_year: number, receipt_number: number, amount: number, 
/**
 * cash | transfer.
 */
method: string, 
/**
 * The bank's reference of a transfer.
 */
reference: string | null, 
/**
 * When the money was paid (a transfer's date).
 */
paid_on: string, 
/**
 * The desk's day it was booked: the day's cash report and closing.
 */
booked_on: string, 
/**
 * Who handed over the money, as the receipt names them.
 */
payer: string, void_reason: string | null, voided_on: string | null, 
/**
 * How many times the receipt was printed: a reprint says COPY.
 */
prints: number, };

/**
 * Credit paid back to a family.
 */
export type FeeRefund = { student_id: string, amount: number, method: string, reason: string, booked_on: string, };

/**
 * A closed day of the desk: its totals as closed. Nothing is
 * booked, voided or refunded on a closed day.
 */
export type CashDay = { day: string, cash_total: number, transfer_total: number, voided_total: number, refunded_total: number, payments: number, };

/**
 * A student as the desk finds them: by name, NIS or NISN, with their class.
 */
export type FeeStudent = { student: Rec<Student>, class_name: string | null, };

/**
 * One fee on a month's invoice.
 */
export type FeeLineView = { fee: string, billed: number, discount: number, note: string | null, };

/**
 * A month of a student's statement.
 */
export type FeeMonthView = { invoice_id: string, 
/**
 * "2025-08".
 */
period: string, due_date: string, billed: number, discount: number, paid: number, owed: number, void_reason: string | null, lines: Array<FeeLineView>, };

/**
 * A payment on a statement, with its receipt number as printed.
 */
export type FeePaymentView = { receipt: string, payment: Rec<Payment>, };

/**
 * A student's statement: by month, the payments and refunds, the totals.
 */
export type FeeStatementView = { student: Rec<Student>, months: Array<FeeMonthView>, payments: Array<FeePaymentView>, refunds: Array<Rec<FeeRefund>>, billed: number, discounted: number, paid: number, refunded: number, 
/**
 * What the student owes; below zero, their credit.
 */
balance: number, credit: number, };

/**
 * A payment as the bursar typed it (the amount already in whole rupiah).
 */
export type PaymentForm = { student_id: string, amount: number, 
/**
 * cash | transfer.
 */
method: string, reference: string | null, paid_on: string | null, payer: string | null, 
/**
 * Invoices chosen, in order; none: the oldest open first.
 */
invoices: Array<string> | null, };

/**
 * Where a payment's money went.
 */
export type FeeAllocationView = { invoice_id: string, amount: number, };

/**
 * A booked payment and its receipt number.
 */
export type FeeBookedView = { receipt: string, payment: Rec<Payment>, allocated: Array<FeeAllocationView>, credit: number, };

/**
 * One line of a printed receipt.
 */
export type ReceiptLineView = { description: string, amount: string, };

/**
 * A receipt written as PDF: what it says, and where the file is.
 */
export type ReceiptPrinted = { number: string, 
/**
 * A reprint: the PDF says COPY.
 */
copy: boolean, path: string, date: string, payer: string, student: string, nisn: string, class: string, items: Array<ReceiptLineView>, total: string, words: string, method: string, cashier: string, 
/**
 * The reason, when the payment was voided.
 */
voided: string, };

/**
 * The desk's day.
 */
export type DayReportView = { day: string, payments: Array<FeePaymentView>, 
/**
 * The student of each payment, by id.
 */
students: Array<FeeStudentName>, cash: number, transfers: number, voided: number, refunded: number, 
/**
 * Cash in the drawer: cash taken less cash voided and refunded.
 */
cash_net: number, closed: Rec<CashDay> | null, };

export type FeeStudentName = { id: string, name: string, };

/**
 * What invoicing a month did.
 */
export type InvoiceRunView = { period: string, students: number, invoices_created: number, adjustments: number, net_added: number, };

/**
 * A student in arrears.
 */
export type ArrearsView = { student_id: string, nisn: string, name: string, class: string, months: number, owed: number, oldest: string | null, };

/**
 * A bank statement's credit line, matched (or not) to a student.
 */
export type BankLineView = { 
/**
 * The row as the spreadsheet (or the CSV's line) numbers it.
 */
row: number, date: string, description: string, amount: number, reference: string | null, student_id: string | null, student_name: string | null, student_nisn: string | null, 
/**
 * sure | uncertain | unmatched.
 */
confidence: string, 
/**
 * Booked by an earlier import of the same statement.
 */
booked: boolean, 
/**
 * The receipt of a payment that may be this one, booked otherwise.
 */
possibly_booked: string | null, };

/**
 * A statement read and matched; nothing is booked.
 */
export type BankPreviewView = { lines: Array<BankLineView>, 
/**
 * Lines that could not be read: row, column, reason.
 */
problems: Array<UiRowProblem>, 
/**
 * Money-out lines, not booked.
 */
debits: number, };

/**
 * A line the bursar confirmed, for the student they confirmed.
 */
export type BankConfirmLine = { row: number, student_id: string, };

/**
 * One booked line and its receipt.
 */
export type BankBookedLine = { row: number, receipt: string, amount: number, };

/**
 * What a confirmation booked, and the rows an earlier import had booked.
 */
export type BankBookedView = { booked: Array<BankBookedLine>, already: Array<number>, };

/**
 * The school's fee settings (issue 17; one row, its id
 * [`crate::fees::SETTINGS_ID`]), set by the administrator.
 */
export type FeeSettings = { 
/**
 * A homeroom teacher may see whether the students of their
 * own class are in arrears (yes or no, and the amount owed).
 */
homeroom_sees_arrears: boolean, };

/**
 * The school's fee settings and the version to save against (none when
 * never saved).
 */
export type FeeSettingsView = { settings: FeeSettings, version: number | null, };

/**
 * A student of a homeroom teacher's class: in arrears or not, and how much.
 */
export type ClassArrearsView = { student_id: string, name: string, nisn: string, in_arrears: boolean, owed: number, };

/**
 * Rich text: blocks of paragraphs, lists, tables and display math.
 */
export type QbRichText = Array<QbBlock>;

export type QbBlock = { "kind": "paragraph", inlines: Array<QbInline>, } | { "kind": "list", ordered: boolean, items: Array<Array<QbBlock>>, } | { "kind": "table", rows: Array<Array<Array<QbBlock>>>, } | { "kind": "math", latex: string, };

export type QbInline = { "kind": "text", text: string, style: QbStyle, } | { "kind": "math", latex: string, } | { "kind": "image", image: QbImageRef, } | { "kind": "break" };

export type QbStyle = { bold: boolean, italic: boolean, underline: boolean, script: QbScript, };

export type QbScript = "normal" | "sub" | "super";

/**
 * An image by the SHA-256 of its bytes.
 */
export type QbImageRef = { key: string, alt: string, };

/**
 * A question of any type, as stored (decimals are text: "33.33333").
 */
export type QbQuestion = { id: string, name: string, stem: QbRichText, body: QbBody, general_feedback: QbRichText, stimulus: string | null, category: string | null, meta: QbMeta, };

export type QbBody = { "type": "single_choice", options: Array<QbOption>, shuffle: boolean, } | { "type": "multiple_response", options: Array<QbOption>, shuffle: boolean, } | { "type": "true_false", correct: boolean, feedback_true: QbRichText, feedback_false: QbRichText, } | { "type": "matching", pairs: Array<QbPair>, shuffle: boolean, } | { "type": "short_answer", answers: Array<QbTextAnswer>, case_sensitive: boolean, } | { "type": "numeric", answers: Array<QbNumericAnswer>, other_feedback: QbRichText, } | { "type": "essay", rubric: Array<QbCriterion>, grader_info: QbRichText, response_template: string, };

export type QbOption = { text: QbRichText, 
/**
 * Percent of the points: "100" right, "0" wrong.
 */
weight: string, feedback: QbRichText, pinned: boolean, };

export type QbPair = { prompt: QbRichText, answer: string, };

export type QbTextAnswer = { text: string, weight: string, feedback: QbRichText, };

export type QbNumericAnswer = { accept: QbAccept, weight: string, feedback: QbRichText, };

export type QbAccept = { "kind": "tolerance", value: string, tolerance: string, } | { "kind": "range", min: string, max: string, };

export type QbCriterion = { description: string, points: string, };

export type QbMeta = { subject: string | null, grade_level: number | null, learning_outcome: string | null, objective: string | null, topic: string | null, 
/**
 * "C1" … "C6".
 */
cognitive: string | null, 
/**
 * "L1" … "L3".
 */
level: string | null, 
/**
 * easy | medium | hard.
 */
difficulty: string | null, points: string, tags: Array<string>, author: string | null, source: string | null, 
/**
 * draft | reviewed | approved.
 */
status: string, version: number, };

/**
 * What the bank screens may offer the signed-in user.
 */
export type QbScope = { subjects: Array<Rec<Subject>>, 
/**
 * The subjects they may write questions of.
 */
writable: Array<string>, 
/**
 * Reviews and approves (the curriculum office).
 */
review: boolean, };

/**
 * What a search asks; empty fields ask nothing.
 */
export type QbSearch = { text: string, subject_id: string | null, grade_level: number | null, kind: string | null, difficulty: string | null, tags: Array<string>, status: string | null, limit: number | null, };

/**
 * A question in the bank's list.
 */
export type QbRow = { id: string, 
/**
 * The record's version, for a status change.
 */
version: number, updated_at: string, name: string, subject_id: string, grade_level: number | null, kind: string, difficulty: string | null, tags: Array<string>, status: string, 
/**
 * The number of the question's version in force.
 */
current_version: number, };

/**
 * A question opened in the editor: its record and its current version.
 */
export type QbOpened = { row: QbRow, question: QbQuestion, };

/**
 * What a save did.
 */
export type QbSaved = { opened: QbOpened, 
/**
 * An approved question's edit made its next version.
 */
new_version: boolean, };

/**
 * An image pasted into the editor, its bytes in base64.
 */
export type QbNewImage = { name: string, base64: string, };

/**
 * A question of the bank whose stem is the same as (100) or near one.
 */
export type QbDuplicate = { 
/**
 * The bank's question, when it is one.
 */
id: string | null, name: string | null, 
/**
 * An earlier question of the same file (from 1), when it is one.
 */
position: number | null, 
/**
 * Percent of words in common.
 */
likeness: number, };

/**
 * Something an import file holds that cannot be taken, and where.
 */
export type QbProblem = { 
/**
 * The line of the file (text formats; an XML element's first line).
 */
line: number | null, 
/**
 * The XML element's path (`quiz/question[3]/answer[2]`).
 */
element: string | null, 
/**
 * A question's field (`questions[2]`).
 */
field: string | null, 
/**
 * The reader's own words (English).
 */
message: string, };

/**
 * A question an import would add.
 */
export type QbPreviewQuestion = { position: number, name: string, kind: string, stem: string, duplicate: QbDuplicate | null, };

/**
 * What an import would do; nothing is written.
 */
export type QbImportPreview = { 
/**
 * gift | moodle_xml | qti | aiken …
 */
format: string, questions: Array<QbPreviewQuestion>, problems: Array<QbProblem>, stimuli: number, new_images: number, };

/**
 * What a confirmed import wrote.
 */
export type QbImportDone = { added: number, skipped: number, problems: Array<QbProblem>, };

/**
 * An exam paper of one class: its header, its sections, the seed
 * its variants are shuffled from (recorded once, never changed,
 * so a reprint prints the same packages), and how far it is.
 */
export type ExamPaper = { subject_id: string, class_id: string, blueprint_id: string | null, exam_name: string, exam_date: string, duration_minutes: number, instructions: string, 
/**
 * JSON: the sections' titles and instructions, in order.
 */
sections: string, 
/**
 * The 64 bits of the variants' seed, as a signed number.
 */
seed: number, 
/**
 * draft | final | released: [`crate::exam::check_paper_move`].
 */
status: string, };

/**
 * A blueprint row as the screen edits it: the JSON shape of
 * `schooldesk_qbank::assemble::BlueprintRow`.
 */
export type QbBlueprintRow = { outcome: string, topic: string, indicator: string, 
/**
 * "C1" … "C6".
 */
cognitive: string | null, 
/**
 * A question type code (`single_choice` …).
 */
kind: string, count: number, 
/**
 * Points of each question of the row ("2", "2.5").
 */
points: string, };

/**
 * A blueprint and its rows.
 */
export type QbBlueprint = { id: string, subject_id: string, grade_level: number, name: string, rows: Array<QbBlueprintRow>, };

/**
 * A paper's section.
 */
export type QbSection = { title: string, instructions: string, };

/**
 * A new paper's header.
 */
export type QbPaperForm = { subject_id: string, class_id: string, blueprint_id: string | null, exam_name: string, exam_date: string, duration_minutes: number, instructions: string, sections: Array<QbSection>, };

/**
 * A question of a paper, at the version it prints.
 */
export type QbPaperItem = { position: number, section: number, question_id: string, question_version: number, blueprint_row: number | null, points: string, 
/**
 * The question's name and type in the bank.
 */
name: string, kind: string, };

/**
 * A paper with its questions in order.
 */
export type QbPaper = { paper: Rec<ExamPaper>, sections: Array<QbSection>, items: Array<QbPaperItem>, };

/**
 * A blueprint row the bank could not fill.
 */
export type QbShortage = { row: number, wanted: number, found: number, used_recently: number, not_approved: number, 
/**
 * What the row asks for (the app's English words).
 */
missing: string, };

/**
 * What a fill did.
 */
export type QbFilled = { paper: QbPaper, shortages: Array<QbShortage>, };

/**
 * What to print of a paper.
 */
export type QbPrintForm = { 
/**
 * Packages A, B, C…: how many (1 to 200).
 */
variants: number, 
/**
 * Answer sheets (LJK) after each package's paper.
 */
answer_sheets: number, key: boolean, blueprint: boolean, 
/**
 * 1 or 2.
 */
columns: number, 
/**
 * "id" or "en".
 */
language: string, 
/**
 * "A4" or "F4".
 */
paper_size: string, };

/**
 * How a question's preview is laid out: as the paper it will be on.
 */
export type QbPreviewForm = { 
/**
 * "id" or "en".
 */
language: string, 
/**
 * 1 or 2.
 */
columns: number, 
/**
 * "A4" or "F4".
 */
paper_size: string, };

/**
 * A shared passage (or figure) of a subject's questions.
 */
export type QbStimulus = { id: string, title: string, content: QbRichText, };

/**
 * One student's row of a results file, as read and scored.
 */
export type QbResultRow = { 
/**
 * The file's row (the header is row 1).
 */
row: number, nis: string, name: string, variant: string, score: string, 
/**
 * The student already had a stored result: this one replaces it.
 */
replaces: boolean, };

/**
 * What a results file gave (or, dry, would give).
 */
export type QbResults = { students: Array<QbResultRow>, max_score: string, dry_run: boolean, };

/**
 * One option's line of a question's distractor table.
 */
export type QbOptionCount = { 
/**
 * As variant A printed it.
 */
letter: string, right: boolean, chosen: number, upper: number, lower: number, 
/**
 * A wrong option chosen by at least 5 % of the students.
 */
works: boolean | null, };

/**
 * One question's line of the item analysis.
 */
export type QbItemLine = { 
/**
 * Its place on the paper before shuffling (from 1).
 */
position: number, name: string, kind: string, max: string, 
/**
 * Difficulty index: the share of the points scored.
 */
p: number, 
/**
 * Upper 27 % minus lower 27 %.
 */
d: number, point_biserial: number | null, 
/**
 * hard | medium | easy.
 */
difficulty: string, 
/**
 * negative | poor | fair | good | excellent.
 */
discrimination: string, options: Array<QbOptionCount>, 
/**
 * Students who left it blank (choice questions).
 */
blank: number | null, };

export type QbAnalysis = { students: number, group_size: number, mean_score: number, max_score: string, kr20: number | null, alpha: number | null, questions: Array<QbItemLine>, };

/**
 * The PDF a print wrote.
 */
export type QbPrinted = { path: string, pages: number, };

/**
 * A question of a bulk move, at the version the list read.
 */
export type QbMoveItem = { id: string, version: number, };

/**
 * A gradebook component a paper's scores may go under.
 */
export type QbGradebookSlot = { component_id: string, component: string, kind: string, term_id: string, term: string, };

/**
 * One student's score as sent.
 */
export type QbSentScore = { student_id: string, name: string, exam_score: string, 
/**
 * 0–100, as the gradebook shows it ("93.75").
 */
grade: string, replaced: boolean, };

/**
 * What a send wrote.
 */
export type QbSent = { assessment_id: string, column: string, created: boolean, max_score: string, students: Array<QbSentScore>, };

/** Every command of the shell; each rejects with a `UiError`. */
export const commands = {
  /** What the first screen needs: is a database chosen, is it set up. */
  startup: (): Promise<Startup> => invoke("startup"),
  /** Looks at a database without saving, creating or changing anything: */
  /** for the wizard's "Test" button. Like the two below, only while no */
  /** database is open or for a signed-in administrator. */
  connection_test: (connection: Connection): Promise<ConnectionCheck> => invoke("connection_test", { connection }),
  /** Opens and remembers a database (a server password goes to the keychain). */
  connection_save: (connection: Connection): Promise<Startup> => invoke("connection_save", { connection }),
  /** Forgets the database; the wizard shows again. */
  connection_forget: (): Promise<Startup> => invoke("connection_forget"),
  /** The UI calls this when its first interactive screen is up; answers */
  /** milliseconds since the process started (the launch-time figure). */
  ui_ready: (screen: string): Promise<number> => invoke("ui_ready", { screen }),
  /** Remembers the UI language ("en" or "id"). */
  language_set: (language: string): Promise<null> => invoke("language_set", { language }),
  /** The rules the UI shows but `crates/app` decides: a new year's dates */
  /** and semesters, the gender codes. */
  domain_rules: (): Promise<DomainRules> => invoke("domain_rules"),
  /** Creates the school, its first administrator and the current academic */
  /** year with its two semesters in one transaction (a failure leaves */
  /** nothing), and signs the administrator in. */
  setup_school: (school: School, admin: NewUserForm): Promise<SessionInfo> => invoke("setup_school", { school, admin }),
  /** Fills the open database, which holds no school yet, with the sample */
  /** school (about 900 students; the wizard's "try a sample school", with */
  /** the current semester's grades, attendance and notes), and answers its */
  /** logins with their passwords, to show once. Signs nobody in. */
  sample_school_create: (): Promise<Array<SampleLogin>> => invoke("sample_school_create"),
  session_login: (login: string, password: string): Promise<SessionInfo> => invoke("session_login", { login, password }),
  session_current: (): Promise<SessionInfo | null> => invoke("session_current"),
  session_logout: (): Promise<null> => invoke("session_logout"),
  /** Changes the signed-in user's own password and answers what they may */
  /** do now (a password someone else chose held everything back). */
  password_change: (old_password: string, new_password: string): Promise<SessionInfo> => invoke("password_change", { old_password, new_password }),
  /** The current year and semester, and how many records each table holds */
  /** (what the signed-in user may see of it; nothing for students and parents). */
  dashboard: (): Promise<Dashboard> => invoke("dashboard"),
  school_get: (): Promise<Rec<School> | null> => invoke("school_get"),
  school_update: (id: string, version: number, school: School): Promise<Rec<School>> => invoke("school_update", { id, version, school }),
  /** The logo as a data URL, if there is one. */
  school_logo: (): Promise<string | null> => invoke("school_logo"),
  /** Replaces the logo (PNG or JPEG, at most 2 MB; the bytes are the raw */
  /** body); empty bytes remove it. */
  school_logo_set: (bytes: Uint8Array, mime: string): Promise<Rec<School>> => invokeWithBytes("school_logo_set", bytes, { mime }),
  years_list: (): Promise<Array<Rec<AcademicYear>>> => invoke("years_list"),
  /** Creates a year with its two semesters, split as `domain_rules` says. */
  year_create: (year: AcademicYear): Promise<Rec<AcademicYear>> => invoke("year_create", { year }),
  year_update: (id: string, version: number, year: AcademicYear): Promise<Rec<AcademicYear>> => invoke("year_update", { id, version, year }),
  terms_list: (): Promise<Array<Rec<Term>>> => invoke("terms_list"),
  term_update: (id: string, version: number, term: Term): Promise<Rec<Term>> => invoke("term_update", { id, version, term }),
  teachers_list: (): Promise<Array<Rec<Teacher>>> => invoke("teachers_list"),
  teacher_create: (teacher: Teacher): Promise<Rec<Teacher>> => invoke("teacher_create", { teacher }),
  teacher_update: (id: string, version: number, teacher: Teacher): Promise<Rec<Teacher>> => invoke("teacher_update", { id, version, teacher }),
  teacher_delete: (id: string, version: number): Promise<null> => invoke("teacher_delete", { id, version }),
  subjects_list: (): Promise<Array<Rec<Subject>>> => invoke("subjects_list"),
  subject_create: (subject: Subject): Promise<Rec<Subject>> => invoke("subject_create", { subject }),
  subject_update: (id: string, version: number, subject: Subject): Promise<Rec<Subject>> => invoke("subject_update", { id, version, subject }),
  subject_delete: (id: string, version: number): Promise<null> => invoke("subject_delete", { id, version }),
  rooms_list: (): Promise<Array<Rec<Room>>> => invoke("rooms_list"),
  room_create: (room: Room): Promise<Rec<Room>> => invoke("room_create", { room }),
  room_update: (id: string, version: number, room: Room): Promise<Rec<Room>> => invoke("room_update", { id, version, room }),
  room_delete: (id: string, version: number): Promise<null> => invoke("room_delete", { id, version }),
  classes_list: (): Promise<Array<Rec<Class>>> => invoke("classes_list"),
  class_create: (class_record: Class): Promise<Rec<Class>> => invoke("class_create", { class_record }),
  class_update: (id: string, version: number, class_record: Class): Promise<Rec<Class>> => invoke("class_update", { id, version, class_record }),
  class_delete: (id: string, version: number): Promise<null> => invoke("class_delete", { id, version }),
  /** The students in a class now, by name. */
  class_roster: (class_id: string): Promise<Array<Rec<Student>>> => invoke("class_roster", { class_id }),
  assignments_list: (): Promise<Array<Rec<TeachingAssignment>>> => invoke("assignments_list"),
  assignment_create: (assignment: TeachingAssignment): Promise<Rec<TeachingAssignment>> => invoke("assignment_create", { assignment }),
  assignment_update: (id: string, version: number, assignment: TeachingAssignment): Promise<Rec<TeachingAssignment>> => invoke("assignment_update", { id, version, assignment }),
  assignment_delete: (id: string, version: number): Promise<null> => invoke("assignment_delete", { id, version }),
  /** Students whose name, NIS or NISN contains `text` (all when empty), */
  /** with the class each is in now. */
  students_list: (text: string, limit: number): Promise<Array<StudentRow>> => invoke("students_list", { text, limit }),
  student_get: (id: string): Promise<StudentDetail> => invoke("student_get", { id }),
  /** Creates a student, and puts them in `class_id` from today if given. */
  student_create: (student: Student, class_id: string | null): Promise<Rec<Student>> => invoke("student_create", { student, class_id }),
  student_update: (id: string, version: number, student: Student): Promise<Rec<Student>> => invoke("student_update", { id, version, student }),
  student_delete: (id: string, version: number): Promise<null> => invoke("student_delete", { id, version }),
  guardian_add: (student_id: string, guardian: Guardian): Promise<Rec<Guardian>> => invoke("guardian_add", { student_id, guardian }),
  guardian_update: (student_id: string, id: string, version: number, guardian: Guardian): Promise<Rec<Guardian>> => invoke("guardian_update", { student_id, id, version, guardian }),
  /** Puts a student in a class from `on` (today when not given). */
  enroll: (student_id: string, class_id: string, on: string | null): Promise<Rec<Enrollment>> => invoke("enroll", { student_id, class_id, on }),
  /** Moves a student to another class; the old enrollment ends as history. */
  enrollment_move: (student_id: string, to_class_id: string, on: string | null): Promise<Rec<Enrollment>> => invoke("enrollment_move", { student_id, to_class_id, on }),
  /** Ends a student's enrollment in a class (kept as history). */
  enrollment_end: (student_id: string, class_id: string, on: string | null, reason: string): Promise<null> => invoke("enrollment_end", { student_id, class_id, on, reason }),
  users_list: (): Promise<Array<Rec<User>>> => invoke("users_list"),
  user_create: (user: NewUserForm): Promise<Rec<User>> => invoke("user_create", { user }),
  user_update: (id: string, version: number, display_name: string, roles: Array<Role>, active: boolean): Promise<Rec<User>> => invoke("user_update", { id, version, display_name, roles, active }),
  user_reset_password: (id: string, new_password: string): Promise<null> => invoke("user_reset_password", { id, new_password }),
  /** Who each login belongs to (a teacher, a student, a guardian). */
  login_links: (): Promise<Array<LoginLink>> => invoke("login_links"),
  /** Links a login to a person, or unlinks the person's login (`user_id` null). */
  login_link: (person: Person, user_id: string | null): Promise<null> => invoke("login_link", { person, user_id }),
  /** Creates a login for a person with an initial password to print */
  /** (changed at first sign-in); the login is proposed when not given. */
  login_create_for: (person: Person, login: string | null): Promise<InitialLogin> => invoke("login_create_for", { person, login }),
  /** Creates logins for a class's students and/or their guardians who */
  /** have none, in one go, with initial passwords to print. */
  logins_create_for_class: (class_id: string, students: boolean, guardians: boolean): Promise<ClassLogins> => invoke("logins_create_for_class", { class_id, students, guardians }),
  /** The audit trail, newest first (administrators only); `text` finds a */
  /** record's changes by its name (see `AuditQuery::text`). */
  audit_list: (table_name: string | null, record_id: string | null, text: string | null, limit: number): Promise<Array<AuditEvent>> => invoke("audit_list", { table_name, record_id, text, limit }),
  /** Checks a file (its bytes are the raw body) and tells what importing */
  /** it would do; writes nothing. The answer's token writes this plan. */
  /** With `create_classes`, a students file's classes that the current */
  /** year lacks are created in the same import (those whose name shows */
  /** the grade level). */
  import_preview: (bytes: Uint8Array, kind: SheetKind, format: SheetFormat, create_classes: boolean): Promise<ImportPreview> => invokeWithBytes("import_preview", bytes, { kind, format, create_classes }),
  /** Writes the plan the last preview answered `token` for, without the */
  /** file again: all rows or, with any bad row, nothing (unless */
  /** `skip_invalid`: then the good rows, in one transaction, when the */
  /** user chose to import them). */
  import_write: (token: string, skip_invalid: boolean): Promise<ImportSummary> => invoke("import_write", { token, skip_invalid }),
  /** Saves the rows the preview `token` leaves out to `path` (chosen in */
  /** a save dialog) for fixing and importing again: the file's columns */
  /** and a column `problem_header` saying per row ("`row_word` 7: …") */
  /** what is wrong, in the UI's words (`texts`, one per problem of the */
  /** preview, in its order). */
  import_rejected_save: (token: string, format: SheetFormat, path: string, problem_header: string, row_word: string, texts: Array<string>): Promise<null> => invoke("import_rejected_save", { token, format, path, problem_header, row_word, texts }),
  /** Writes an export to `path` (chosen by the user in a save dialog): a */
  /** .csv or .xlsx file as `format` says, never one of Schooldesk's own. */
  export_to_file: (kind: SheetKind, format: SheetFormat, path: string): Promise<null> => invoke("export_to_file", { kind, format, path }),
  /** Writes a class's gradebook in a subject and semester as an XLSX */
  /** file to `path` (chosen in a save dialog), whole or not at all. */
  gradebook_export_file: (class_id: string, subject_id: string, term_id: string, path: string): Promise<null> => invoke("gradebook_export_file", { class_id, subject_id, term_id, path }),
  /** Imports a gradebook file made by `gradebook_export_file` (the bytes */
  /** are the raw body): every changed cell or, with any problem (the */
  /** error's rows: sheet and column, row, reason), nothing. */
  gradebook_import_file: (bytes: Uint8Array, class_id: string, subject_id: string, term_id: string): Promise<GradesImported> => invokeWithBytes("gradebook_import_file", bytes, { class_id, subject_id, term_id }),
  /** The signed-in user's unsaved forms, newest first (none for anyone else). */
  local_drafts: (): Promise<Array<LocalDraft>> => invoke("local_drafts"),
  local_draft_get: (key: string): Promise<LocalDraft | null> => invoke("local_draft_get", { key }),
  /** Keeps a form's values (JSON text) while the signed-in user types. */
  local_draft_put: (key: string, title: string, data: string): Promise<LocalDraft> => invoke("local_draft_put", { key, title, data }),
  local_draft_drop: (key: string): Promise<null> => invoke("local_draft_drop", { key }),
  /** Notes that the signed-in user opened a record. */
  local_recent_note: (key: string, title: string): Promise<null> => invoke("local_recent_note", { key, title }),
  /** The signed-in user's recently opened records, newest first. */
  local_recent: (limit: number): Promise<Array<LocalRecent>> => invoke("local_recent", { limit }),
  /** A preference of this computer (JSON text): column choices, the window's place. */
  local_pref_get: (key: string): Promise<string | null> => invoke("local_pref_get", { key }),
  local_pref_set: (key: string, value: string): Promise<null> => invoke("local_pref_set", { key, value }),
  /** Starts printing the report cards of `scope` for a semester into one */
  /** combined PDF and/or one PDF per student in a folder; answers the */
  /** job's id at once. */
  print_start: (term_id: string, scope: PrintScope, settings: PrintSettings, target: PrintTarget): Promise<string> => invoke("print_start", { term_id, scope, settings, target }),
  /** How far a print job is, and when finished what it wrote or why it failed. */
  print_job: (id: string): Promise<PrintJob> => invoke("print_job", { id }),
  /** Asks a print job to stop after the batch it is laying out. */
  print_cancel: (id: string): Promise<null> => invoke("print_cancel", { id }),
  /** One student's card as a draft in a temporary PDF, opened in the */
  /** system's PDF viewer; answers the file's path. */
  print_preview: (term_id: string, student_id: string, settings: PrintSettings): Promise<string> => invoke("print_preview", { term_id, student_id, settings }),
  /** Checks a report card's QR text against the records: whose card, and */
  /** whether its grades are still the records'. */
  card_verify: (code: string): Promise<CardCheck> => invoke("card_verify", { code }),
  /** The folder print jobs offer first (the user's documents). */
  print_folder_default: (): Promise<string> => invoke("print_folder_default"),
  /** Opens a file, or the folder of a file, a print job here wrote. */
  print_open: (path: string): Promise<null> => invoke("print_open", { path }),
  /** The signed-in student's, or a parent's children's, results of each */
  /** semester of the current year: published once their class's grades */
  /** are approved. */
  my_results: (): Promise<Array<MyTermResults>> => invoke("my_results"),
  /** The gradebooks this session may open (class × subject × semester of */
  /** the current year): a teacher's own, a homeroom teacher's class, all */
  /** for an administrator. */
  gradebook_choices: (): Promise<Array<GradebookChoice>> => invoke("gradebook_choices"),
  /** A class's grid in a subject and semester: scheme, columns, students */
  /** by name, scores, finals, sign-off status, whether it is editable. */
  gradebook_open: (class_id: string, subject_id: string, term_id: string): Promise<Gradebook> => invoke("gradebook_open", { class_id, subject_id, term_id }),
  /** Saves cells in one transaction ("" clears); any bad cell refuses the */
  /** whole call (`cells_rejected`, one row per bad cell). Answers the */
  /** finals of the students touched. */
  gradebook_save: (class_id: string, subject_id: string, term_id: string, cells: Array<CellInput>): Promise<Array<GradebookFinal>> => invoke("gradebook_save", { class_id, subject_id, term_id, cells }),
  /** Saves a subject's scheme for a semester as a whole. */
  scheme_save: (subject_id: string, term_id: string, scheme: SchemeInput): Promise<SchemeView> => invoke("scheme_save", { subject_id, term_id, scheme }),
  /** Adds a column to a class's gradebook under a component. */
  assessment_add: (class_id: string, component_id: string, name: string): Promise<GradebookColumn> => invoke("assessment_add", { class_id, component_id, name }),
  assessment_rename: (id: string, name: string): Promise<GradebookColumn> => invoke("assessment_rename", { id, name }),
  /** Removes a column; one holding scores only `with_scores` (they go with it). */
  assessment_remove: (id: string, with_scores: boolean): Promise<null> => invoke("assessment_remove", { id, with_scores }),
  /** Moves a class's grades of a semester to `status` (draft ⇄ submitted */
  /** by its homeroom teacher; approved, which locks, by an administrator). */
  signoff_set: (class_id: string, term_id: string, status: SignoffStatus): Promise<SignoffStatus> => invoke("signoff_set", { class_id, term_id, status }),
  /** Unlocks approved grades (back to draft): an administrator's, audited. */
  signoff_unlock: (class_id: string, term_id: string): Promise<SignoffStatus> => invoke("signoff_unlock", { class_id, term_id }),
  /** The classes of the current year whose attendance this session takes. */
  attendance_classes: (): Promise<Array<Rec<Class>>> => invoke("attendance_classes"),
  /** A class's month (`month` 1–12): students × days and the marks made. */
  attendance_month: (class_id: string, year: number, month: number): Promise<AttendanceMonthView> => invoke("attendance_month", { class_id, year, month }),
  /** Marks a day for a class in one change (no status clears a mark). */
  attendance_mark: (class_id: string, date: string, marks: Array<AttendanceMarkInput>): Promise<null> => invoke("attendance_mark", { class_id, date, marks }),
  /** Marks everyone not yet marked that day present; answers how many. */
  attendance_everyone_present: (class_id: string, date: string): Promise<number> => invoke("attendance_everyone_present", { class_id, date }),
  /** Each student's totals for a term in a class. */
  attendance_totals: (class_id: string, term_id: string): Promise<Array<AttendanceTotals>> => invoke("attendance_totals", { class_id, term_id }),
  /** One student's totals for a term (students and parents: their own). */
  attendance_student_totals: (student_id: string, term_id: string): Promise<AttendanceTotals> => invoke("attendance_student_totals", { student_id, term_id }),
  /** The class × subject pairs whose descriptions this session writes. */
  description_choices: (): Promise<Array<DescriptionChoice>> => invoke("description_choices"),
  objectives_list: (subject_id: string, term_id: string): Promise<Array<Rec<LearningObjective>>> => invoke("objectives_list", { subject_id, term_id }),
  objectives_add: (subject_id: string, term_id: string, objective: ObjectiveForm): Promise<Rec<LearningObjective>> => invoke("objectives_add", { subject_id, term_id, objective }),
  objectives_edit: (id: string, version: number, objective: ObjectiveForm): Promise<Rec<LearningObjective>> => invoke("objectives_edit", { id, version, objective }),
  objectives_remove: (id: string, version: number): Promise<null> => invoke("objectives_remove", { id, version }),
  /** Puts a subject's objectives for a term in the order of `ids` (each once). */
  objectives_reorder: (subject_id: string, term_id: string, ids: Array<string>): Promise<Array<Rec<LearningObjective>>> => invoke("objectives_reorder", { subject_id, term_id, ids }),
  /** A class × subject × term's objectives and each student's description. */
  description_open: (class_id: string, subject_id: string, term_id: string): Promise<DescriptionSheetView> => invoke("description_open", { class_id, subject_id, term_id }),
  /** Ticks an objective for a student (none: off); answers the student's row. */
  description_tick: (class_id: string, student_id: string, objective_id: string, tick: TickKind | null): Promise<DescriptionRow> => invoke("description_tick", { class_id, student_id, objective_id, tick }),
  /** The teacher's own description (none or blank: back to the generated one). */
  description_set: (class_id: string, subject_id: string, term_id: string, student_id: string, text: string | null): Promise<DescriptionRow> => invoke("description_set", { class_id, subject_id, term_id, student_id, text }),
  /** A subject's comment bank and the shared one. */
  description_comments: (subject_id: string | null): Promise<Array<Rec<CommentBankEntry>>> => invoke("description_comments", { subject_id }),
  description_comment_add: (subject_id: string | null, text: string): Promise<Rec<CommentBankEntry>> => invoke("description_comment_add", { subject_id, text }),
  description_comment_remove: (id: string, version: number): Promise<null> => invoke("description_comment_remove", { id, version }),
  /** The classes whose term reports this session writes. */
  term_report_classes: (): Promise<Array<Rec<Class>>> => invoke("term_report_classes"),
  term_report_open: (class_id: string, term_id: string): Promise<TermReportView> => invoke("term_report_open", { class_id, term_id }),
  /** The homeroom note, parent response and (even semester) promotion. */
  term_report_save: (class_id: string, term_id: string, student_id: string, report: TermReportForm): Promise<null> => invoke("term_report_save", { class_id, term_id, student_id, report }),
  extracurricular_list: (): Promise<Array<Rec<Extracurricular>>> => invoke("extracurricular_list"),
  extracurricular_add: (name: string): Promise<Rec<Extracurricular>> => invoke("extracurricular_add", { name }),
  /** A student's grade and note in an activity for a term (no grade: removed). */
  extracurricular_result_set: (class_id: string, term_id: string, student_id: string, extracurricular_id: string, grade: string | null, note: string | null): Promise<null> => invoke("extracurricular_result_set", { class_id, term_id, student_id, extracurricular_id, grade, note }),
  /** What importing the .fet file (the body) into a semester would write: names matched or created, lessons, rules, what cannot be taken. Writes nothing. */
  timetable_import_preview: (bytes: Uint8Array, term_id: string): Promise<FetPreviewView> => invokeWithBytes("timetable_import_preview", bytes, { term_id }),
  /** Writes what the preview with this token showed, in one audited change; refused, nothing written, when the records changed since. */
  timetable_import_confirm: (bytes: Uint8Array, term_id: string, token: string): Promise<FetImportedView> => invokeWithBytes("timetable_import_confirm", bytes, { term_id, token }),
  /** The school's week: working days and bell schedule. */
  timetable_week: (): Promise<WeekView> => invoke("timetable_week"),
  /** Saves the whole week; a bad one is refused naming the day and period. */
  timetable_week_save: (week: WeekView): Promise<WeekView> => invoke("timetable_week_save", { week }),
  timetable_lessons: (term_id: string): Promise<Array<LessonRow>> => invoke("timetable_lessons", { term_id }),
  /** What applying the teaching assignments would change, in words; writes nothing. */
  timetable_lesson_plan: (term_id: string): Promise<Array<PlanLine>> => invoke("timetable_lesson_plan", { term_id }),
  /** Applies the plan whose sentences the user read (`seen`); a plan */
  /** changed since is refused (`tt_plan_changed`). */
  timetable_lesson_plan_apply: (term_id: string, seen: Array<string>): Promise<number> => invoke("timetable_lesson_plan_apply", { term_id, seen }),
  timetable_rules: (term_id: string): Promise<Array<Rec<TimetableRule>>> => invoke("timetable_rules", { term_id }),
  /** Creates a rule (no id) or changes one. */
  timetable_rule_save: (id: string | null, version: number | null, rule: TimetableRule): Promise<Rec<TimetableRule>> => invoke("timetable_rule_save", { id, version, rule }),
  timetable_rule_delete: (id: string, version: number): Promise<null> => invoke("timetable_rule_delete", { id, version }),
  /** Starts generating a draft in the background; answers the job number */
  /** at once (poll `timetable_generate_status`). */
  timetable_generate_start: (term_id: string, name: string, time_limit_s: number): Promise<number> => invoke("timetable_generate_start", { term_id, name, time_limit_s }),
  timetable_generate_status: (job: number): Promise<GenerationStatus> => invoke("timetable_generate_status", { job }),
  /** Stops a generation; nothing is stored. */
  timetable_generate_cancel: (job: number): Promise<null> => invoke("timetable_generate_cancel", { job }),
  /** The semester's timetables, the published one first, with who made each. */
  timetables_list: (term_id: string): Promise<Array<TimetableRow>> => invoke("timetables_list", { term_id }),
  timetable_publish: (id: string, version: number): Promise<Rec<TermTimetable>> => invoke("timetable_publish", { id, version }),
  timetable_entries: (timetable_id: string): Promise<Array<EntryView>> => invoke("timetable_entries", { timetable_id }),
  /** The signed-in teacher's, student's or parent's children's published week. */
  /** of the current semester (students and parents cannot list the semesters). */
  my_timetable: (): Promise<MyTimetableView> => invoke("my_timetable"),
  /** Every lesson period's verdict for one dragged block (one compile of */
  /** the records): the block it would swap with and each hard rule broken. */
  timetable_move_options: (timetable_id: string, placement_id: string): Promise<Array<CellVerdictView>> => invoke("timetable_move_options", { timetable_id, placement_id }),
  /** Moves (or swaps) a block while the timetable is still at */
  /** `timetable_version` (an undo after someone else's edit is a conflict). */
  timetable_move: (timetable_id: string, timetable_version: number, placement_id: string, version: number, weekday: number, period: number): Promise<MovedView> => invoke("timetable_move", { timetable_id, timetable_version, placement_id, version, weekday, period }),
  /** Locks a block where it is, or unlocks it. */
  timetable_lock: (placement_id: string, version: number, locked: boolean): Promise<null> => invoke("timetable_lock", { placement_id, version, locked }),
  /** Every cell's verdict for a block dragged from the tray. */
  timetable_place_options: (timetable_id: string, lesson_id: string, part: number): Promise<Array<CellVerdictView>> => invoke("timetable_place_options", { timetable_id, lesson_id, part }),
  /** Places a block from the tray while the timetable is at `timetable_version`. */
  timetable_place: (timetable_id: string, timetable_version: number, lesson_id: string, part: number, weekday: number, period: number): Promise<PlacedView> => invoke("timetable_place", { timetable_id, timetable_version, lesson_id, part, weekday, period }),
  /** Takes a block out to the tray; answers the timetable's new version. */
  timetable_unplace: (timetable_id: string, timetable_version: number, placement_id: string, version: number): Promise<number> => invoke("timetable_unplace", { timetable_id, timetable_version, placement_id, version }),
  /** Hard rules broken, the weighted cost and its worst items, the blocks not placed. */
  timetable_score: (timetable_id: string): Promise<ScoreView> => invoke("timetable_score", { timetable_id }),
  /** Every teacher away on a date with their lessons, ranked substitutes and covers. */
  timetable_absences: (date: string): Promise<Array<CoverDayView>> => invoke("timetable_absences", { date }),
  /** Records a teacher away on a school day, or some of its lesson periods (none: all day). */
  timetable_absence_record: (teacher_id: string, date: string, reason: string, periods: Array<number>): Promise<null> => invoke("timetable_absence_record", { teacher_id, date, reason, periods }),
  /** How a lesson of an absence is covered: substitute (named), supervised or cancelled. */
  timetable_cover_record: (absence_id: string, placement_id: string, kind: string, substitute_id: string | null): Promise<null> => invoke("timetable_cover_record", { absence_id, placement_id, kind, substitute_id }),
  /** Prints the day's substitution sheet to a PDF; answers where it went. */
  timetable_cover_sheet: (date: string, language: string): Promise<string> => invoke("timetable_cover_sheet", { date, language }),
  /** Exports a timetable into the documents folder: "xlsx", "html" (a folder; answers its index.html) or "fet"; answers where it went. */
  timetable_export: (timetable_id: string, format: string, language: string): Promise<string> => invoke("timetable_export", { timetable_id, format, language }),
  /** Every teacher's covers in the month and semester of a date. */
  timetable_cover_history: (date: string): Promise<Array<CoverTallyView>> => invoke("timetable_cover_history", { date }),
  /** A draft copy to edit (a published timetable is changed through one). */
  timetable_copy: (timetable_id: string, name: string): Promise<Rec<TermTimetable>> => invoke("timetable_copy", { timetable_id, name }),
  /** Students for the fee desk by name, NIS or NISN (or a class by its name), with their class. */
  fee_students: (text: string): Promise<Array<FeeStudent>> => invoke("fee_students", { text }),
  /** A student's statement (the bursar, the administrator, the student, their parents). */
  fee_statement: (student_id: string): Promise<FeeStatementView> => invoke("fee_statement", { student_id }),
  /** Books a payment with the year's next receipt number. */
  fee_pay: (payment: PaymentForm): Promise<FeeBookedView> => invoke("fee_pay", { payment }),
  /** Writes a receipt as PDF ("id" or "en"); a reprint says COPY. */
  fee_receipt_print: (receipt: string, language: string): Promise<ReceiptPrinted> => invoke("fee_receipt_print", { receipt, language }),
  /** A family's own receipt as PDF, by its payment ("id" or "en"); COPY when printed before. */
  fee_my_receipt_print: (payment_id: string, language: string): Promise<ReceiptPrinted> => invoke("fee_my_receipt_print", { payment_id, language }),
  /** The school's fee settings (the administrator's). */
  fee_settings: (): Promise<FeeSettingsView> => invoke("fee_settings"),
  /** Saves the school's fee settings at the version read (none the first time). */
  fee_settings_save: (settings: FeeSettings, version: number | null): Promise<FeeSettingsView> => invoke("fee_settings_save", { settings, version }),
  /** Whether a class's students are in arrears (yes/no and the amount); none while the school keeps it off for homeroom teachers. */
  fee_class_arrears: (class_id: string): Promise<Array<ClassArrearsView> | null> => invoke("fee_class_arrears", { class_id }),
  /** Voids a payment with a reason (never deleted). */
  fee_payment_void: (payment_id: string, reason: string): Promise<null> => invoke("fee_payment_void", { payment_id, reason }),
  /** Pays a student's credit back, with a reason. */
  fee_refund: (student_id: string, amount: number, method: string, reason: string): Promise<Rec<FeeRefund>> => invoke("fee_refund", { student_id, amount, method, reason }),
  /** The desk's day: payments, cash, transfers, voids, refunds, closing. */
  fee_day_report: (day: string): Promise<DayReportView> => invoke("fee_day_report", { day }),
  /** Closes the desk's day: nothing more is booked on it. */
  fee_day_close: (day: string): Promise<Rec<CashDay>> => invoke("fee_day_close", { day }),
  /** Bills a month ("YYYY-MM") from the fee plans; safe to run again. */
  fee_invoice_period: (period: string): Promise<InvoiceRunView> => invoke("fee_invoice_period", { period }),
  /** Who owes what was due by `as_of`: one class's students or the school's. */
  fee_arrears: (class_id: string | null, as_of: string): Promise<Array<ArrearsView>> => invoke("fee_arrears", { class_id, as_of }),
  /** Today as the app's clock counts it: the desk's day. */
  fee_today: (): Promise<string> => invoke("fee_today"),
  /** Writes the arrears as an XLSX workbook to `path` (chosen in a save dialog). */
  fee_arrears_export: (class_id: string | null, as_of: string, language: string, path: string): Promise<null> => invoke("fee_arrears_export", { class_id, as_of, language, path }),
  /** Reads a bank statement (the file's bytes) and matches its credit lines to students; books nothing. */
  fee_bank_preview: (bytes: Uint8Array, format: SheetFormat): Promise<BankPreviewView> => invokeWithBytes("fee_bank_preview", bytes, { format }),
  /** Books the confirmed lines of the same statement (its bytes again) as transfers, in one go. */
  fee_bank_confirm: (bytes: Uint8Array, format: SheetFormat, confirmed: Array<BankConfirmLine>): Promise<BankBookedView> => invokeWithBytes("fee_bank_confirm", bytes, { format, confirmed }),
  /** The fee items of a year, by name. */
  fee_items: (year_id: string): Promise<Array<Rec<FeeItem>>> => invoke("fee_items", { year_id }),
  /** Adds a fee item (no id) or changes one (its id and version); what was billed stays. */
  fee_item_save: (id: string | null, version: number | null, item: FeeItem): Promise<Rec<FeeItem>> => invoke("fee_item_save", { id, version, item }),
  /** Who a year's fee items are billed to. */
  fee_assignments: (year_id: string): Promise<Array<Rec<FeeAssignment>>> => invoke("fee_assignments", { year_id }),
  /** Bills a fee item to a grade level, a class or one student. */
  fee_assign: (assignment: FeeAssignment): Promise<Rec<FeeAssignment>> => invoke("fee_assign", { assignment }),
  /** The discounts given, the active ones first. */
  fee_discounts: (): Promise<Array<Rec<FeeDiscount>>> => invoke("fee_discounts"),
  /** Gives a student a discount with a reason (percent in basis points, or rupiah). */
  fee_discount_give: (discount: FeeDiscount): Promise<Rec<FeeDiscount>> => invoke("fee_discount_give", { discount }),
  /** Ends a discount (kept, inactive). */
  fee_discount_end: (id: string, version: number): Promise<null> => invoke("fee_discount_end", { id, version }),
  /** The subjects whose questions the user may see and write, and whether they review. */
  qbank_scope: (): Promise<QbScope> => invoke("qbank_scope"),
  /** The bank's questions matching words and filters (teachers: their subjects only). */
  qbank_search: (search: QbSearch): Promise<Array<QbRow>> => invoke("qbank_search", { search }),
  /** A question with its current version, to edit. */
  qbank_open: (id: string): Promise<QbOpened> => invoke("qbank_open", { id }),
  /** Writes a new question (no id) or an edit of one read at `version`, with the images pasted into it. */
  qbank_save: (id: string | null, version: number | null, subject_id: string, question: QbQuestion, images: Array<QbNewImage>): Promise<QbSaved> => invoke("qbank_save", { id, version, subject_id, question, images }),
  /** Writes the XLSX template for bulk question entry into the documents folder (`Bank soal`, or `Question bank` in English) and answers its path; the import reads it back. */
  qbank_template_save: (language: string): Promise<string> => invoke("qbank_template_save", { language }),
  /** Reads a paper's results file (CSV or XLSX by its name: nis, variant, 1…N) and scores it; unless `dry_run`, stores every student's result and the questions' statistics in one go. A bad row or cell refuses the whole file, each named by row and column. */
  qbank_results_import: (bytes: Uint8Array, id: string, file_name: string, negative_marking: boolean, dry_run: boolean): Promise<QbResults> => invokeWithBytes("qbank_results_import", bytes, { id, file_name, negative_marking, dry_run }),
  /** The item analysis of a paper over its stored results: p and its band, D and its band, point-biserial, the distractor table, KR-20 and alpha. */
  qbank_analysis: (id: string): Promise<QbAnalysis> => invoke("qbank_analysis", { id }),
  /** Writes the paper's results file to fill in (XLSX: a row per student of the class) into the documents folder and answers its path. */
  qbank_results_template: (id: string, language: string): Promise<string> => invoke("qbank_results_template", { id, language }),
  /** The shared passages of a subject, oldest first. */
  qbank_stimuli: (subject_id: string): Promise<Array<QbStimulus>> => invoke("qbank_stimuli", { subject_id }),
  /** Writes a new shared passage, with the images pasted into it. A passage is never rewritten (printed papers keep theirs): a change is a new passage. */
  qbank_stimulus_create: (subject_id: string, title: string, content: QbRichText, images: Array<QbNewImage>): Promise<QbStimulus> => invoke("qbank_stimulus_create", { subject_id, title, content, images }),
  /** The question as it stands in the editor (saved or not: `id` when it is an edit), laid out exactly as a paper prints it: one SVG image per page (A4 or F4; `language` id or en; 1 or 2 columns). Nothing is stored. */
  qbank_print_preview: (subject_id: string, id: string | null, question: QbQuestion, images: Array<QbNewImage>, form: QbPreviewForm): Promise<Array<string>> => invoke("qbank_print_preview", { subject_id, id, question, images, form }),
  /** Moves a question to draft, reviewed or approved (the curriculum office). */
  qbank_set_status: (id: string, version: number, status: string): Promise<QbRow> => invoke("qbank_set_status", { id, version, status }),
  /** The subject's questions whose stem is the same as or near this one's (not `except`). */
  qbank_duplicates: (subject_id: string, question: QbQuestion, except: string | null): Promise<Array<QbDuplicate>> => invoke("qbank_duplicates", { subject_id, question, except }),
  /** A stored image of the bank as a data URL. */
  qbank_image: (key: string): Promise<string> => invoke("qbank_image", { key }),
  /** Reads a GIFT, Moodle XML, QTI zip or Aiken file (its bytes) and says what it would add; writes nothing. */
  qbank_import_preview: (bytes: Uint8Array, subject_id: string, grade_level: number | null): Promise<QbImportPreview> => invokeWithBytes("qbank_import_preview", bytes, { subject_id, grade_level }),
  /** Writes what the preview of the same file (its bytes again) listed, in one go. */
  qbank_import_confirm: (bytes: Uint8Array, subject_id: string, grade_level: number | null, skip_duplicates: boolean): Promise<QbImportDone> => invokeWithBytes("qbank_import_confirm", bytes, { subject_id, grade_level, skip_duplicates }),
  /** The blueprints of the subjects the user drafts papers of, with their rows. */
  qbank_blueprints: (): Promise<Array<QbBlueprint>> => invoke("qbank_blueprints"),
  /** Saves a new blueprint (kisi-kisi) of a subject and grade. */
  qbank_blueprint_create: (subject_id: string, grade_level: number, name: string, rows: Array<QbBlueprintRow>): Promise<QbBlueprint> => invoke("qbank_blueprint_create", { subject_id, grade_level, name, rows }),
  /** The exam papers of the subjects the user reads (the office: all), the latest first. */
  qbank_papers: (): Promise<Array<Rec<ExamPaper>>> => invoke("qbank_papers"),
  /** A paper with its questions in order. */
  qbank_paper: (id: string): Promise<QbPaper> => invoke("qbank_paper", { id }),
  /** Makes a draft paper of a class (no questions yet). */
  qbank_paper_create: (form: QbPaperForm): Promise<QbPaper> => invoke("qbank_paper_create", { form }),
  /** Fills a draft paper from its blueprint; the rows the bank cannot fill are reported. */
  qbank_paper_fill: (id: string, version: number, recent: number): Promise<QbFilled> => invoke("qbank_paper_fill", { id, version, recent }),
  /** Puts another approved question in place of the one at `position` of a draft paper. */
  qbank_paper_swap: (id: string, version: number, position: number, question_id: string): Promise<QbPaper> => invoke("qbank_paper_swap", { id, version, position, question_id }),
  /** Moves a paper to draft, final or released (the curriculum office). */
  qbank_paper_status: (id: string, version: number, status: string): Promise<Rec<ExamPaper>> => invoke("qbank_paper_status", { id, version, status }),
  /** Prints a paper's packages, answer sheets, keys and kisi-kisi as one PDF in the documents folder. */
  qbank_paper_print: (id: string, form: QbPrintForm): Promise<QbPrinted> => invoke("qbank_paper_print", { id, form }),
  /** Moves questions (each at the version the list read) to another subject, all or nothing. */
  qbank_move: (items: Array<QbMoveItem>, subject_id: string): Promise<Array<QbRow>> => invoke("qbank_move", { items, subject_id }),
  /** The gradebook components (per semester) a marked paper's scores may go under. */
  qbank_paper_gradebook_slots: (id: string): Promise<Array<QbGradebookSlot>> => invoke("qbank_paper_gradebook_slots", { id }),
  /** Sends a marked paper's scores to the gradebook as one column, scaled to 0–100; refused over existing scores unless `replace`. */
  qbank_paper_send_scores: (id: string, component_id: string, column: string, replace: boolean): Promise<QbSent> => invoke("qbank_paper_send_scores", { id, component_id, column, replace }),
};
