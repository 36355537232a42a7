//! The school records. Each record type holds only the fields a user edits;
//! bookkeeping (id, version, timestamps, who changed it last) sits beside it
//! in [`Meta`], so creating and updating take the same type.

use crate::policy::Role;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};

/// Bookkeeping every stored record carries. `version` starts at 1 and grows by
/// one on each update; an update naming an older version is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub id: Id,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<Id>,
}

/// A record as stored: its bookkeeping and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<T> {
    pub meta: Meta,
    pub data: T,
}

impl<T> Stored<T> {
    pub fn id(&self) -> Id {
        self.meta.id
    }
    pub fn version(&self) -> i64 {
        self.meta.version
    }
}

/// Every stored record, declared once: its fields (with their wire
/// attributes), its table, each column's label for messages, the checks
/// each field must pass, and the import/export sheet column each field is
/// (its English header, whether a sheet must have it, and the other headers
/// accepted — Indonesian ones from Dapodik-style sheets among them).
///
/// `records!(then)` hands the declarations to the macro `then`, which each
/// crate writes for what it needs from them: this crate the structs and
/// their field checks (`define_records` below), `schooldesk-store` the
/// tables and the row conversion (`store/src/tables.rs`), `schooldesk-app`
/// the sheet columns and export cells (`app/src/sheet/columns.rs`). Each of
/// them matches the grammar below, so a declaration one of them cannot read
/// fails to compile. Records come parents before children: the order a
/// whole school is copied in (`tables::ALL`).
///
/// One record:
///
/// ```text
/// /// docs, #[derive(…)] and other attributes of the struct
/// pub struct Name in STATIC("table", "label in messages") {
///     /// docs and attributes of the field
///     pub field: Type => "label in messages"
///         , secret: true                      (optional: left out of the audit)
///         , check: |v| a_rule(v)              (optional: `v` is `&Type`)
///         , sheet: "header" required [aliases] (optional; or `optional`)
///     ;
/// }
/// ```
///
/// The column is the field's name and its type follows from the field's
/// type (`Option<_>` is a nullable column).
#[macro_export]
macro_rules! records {
    ($then:ident) => {
        $then! {
            pub struct User in USERS("users", "user") {
                pub login: String => "login", check: |v| $crate::validate::login(v);
                pub display_name: String => "name", check: |v| $crate::validate::name(v, 100);
                /// PHC string of an argon2id hash; never shown, never audited.
                #[cfg_attr(feature = "wire", serde(skip), ts(skip))]
                pub password_hash: String => "password", secret: true;
                pub roles: Vec<Role> => "roles", check: |v| $crate::validate::roles(v);
                pub active: bool => "active";
                /// Set when someone else chose the password (an initial
                /// password for a new login, an administrator's reset): the
                /// account may do nothing but change it.
                pub must_change_password: bool => "must change password";
            }

            /// The school profile (one per database).
            #[derive(Default)]
            pub struct School in SCHOOL("school", "school") {
                pub name: String => "name", check: |v| $crate::validate::name(v, 200);
                /// Nomor Pokok Sekolah Nasional: 8 characters.
                pub npsn: String => "NPSN", check: |v| $crate::validate::npsn(v);
                pub address: String => "address", check: |v| $crate::validate::lines(v);
                pub principal_name: String => "principal",
                    check: |v| $crate::validate::name(v, 100);
                /// Nomor Induk Pegawai of the principal, 18 digits, if they have one.
                pub principal_nip: Option<String> => "principal's NIP",
                    check: |v| $crate::validate::optional(v, $crate::validate::nip);
                /// Sent to the UI by its own command (as a data URL), never inside the
                /// profile, so saving the profile form cannot wipe it.
                #[cfg_attr(feature = "wire", serde(skip), ts(skip))]
                pub logo: Option<Vec<u8>> => "logo";
                #[cfg_attr(feature = "wire", serde(skip), ts(skip))]
                pub logo_mime: Option<String> => "logo type";
            }

            pub struct AcademicYear in ACADEMIC_YEARS("academic_years", "academic year") {
                /// As schools write it: "2025/2026".
                pub name: String => "name", check: |v| $crate::validate::year_name(v),
                    sheet: "name" required ["year", "academic_year", "tahun_ajaran"];
                pub start_date: NaiveDate => "start date",
                    sheet: "start_date" required ["tanggal_mulai"];
                pub end_date: NaiveDate => "end date",
                    sheet: "end_date" required ["tanggal_selesai"];
                pub is_current: bool => "current",
                    sheet: "current" optional ["is_current", "berjalan", "aktif"];
            }

            pub struct Term in TERMS("terms", "semester") {
                pub academic_year_id: Id => "academic year";
                /// 1 or 2 (semester ganjil / genap).
                pub number: i64 => "number", check: |v| $crate::validate::semester_number(*v);
                pub name: String => "name", check: |v| $crate::validate::name(v, 50);
                pub start_date: NaiveDate => "start date";
                pub end_date: NaiveDate => "end date";
            }

            pub struct Teacher in TEACHERS("teachers", "teacher") {
                pub full_name: String => "name", check: |v| $crate::validate::name(v, 100),
                    sheet: "full_name" required ["name", "nama", "nama_lengkap", "nama_guru"];
                /// Nomor Induk Pegawai: 18 digits, civil-servant teachers only.
                pub nip: Option<String> => "NIP",
                    check: |v| $crate::validate::optional(v, $crate::validate::nip),
                    sheet: "nip" optional [];
                /// Nomor Unik Pendidik dan Tenaga Kependidikan: 16 digits.
                pub nuptk: Option<String> => "NUPTK",
                    check: |v| $crate::validate::optional(v, $crate::validate::nuptk),
                    sheet: "nuptk" optional [];
                pub gender: Gender => "gender",
                    sheet: "gender" required ["jk", "l/p", "jenis_kelamin", "sex"];
                pub phone: Option<String> => "phone",
                    check: |v| $crate::validate::optional(v, $crate::validate::line),
                    sheet: "phone" optional ["hp", "telepon", "no_hp"];
                pub email: Option<String> => "e-mail",
                    check: |v| $crate::validate::optional(v, $crate::validate::email),
                    sheet: "email" optional ["e_mail", "surel"];
                pub user_id: Option<Id> => "user account";
                pub active: bool => "active", sheet: "active" optional ["aktif"];
            }

            pub struct Student in STUDENTS("students", "student") {
                /// Nomor Induk Siswa: the school's own number.
                pub nis: String => "NIS", check: |v| $crate::validate::nis(v),
                    sheet: "nis" required ["no_induk", "nomor_induk", "nipd"];
                /// Nomor Induk Siswa Nasional: 10 digits, unique across the country.
                pub nisn: String => "NISN", check: |v| $crate::validate::nisn(v),
                    sheet: "nisn" required [];
                pub full_name: String => "name", check: |v| $crate::validate::name(v, 100),
                    sheet: "full_name" required ["name", "nama", "nama_lengkap", "nama_siswa"];
                pub gender: Gender => "gender",
                    sheet: "gender" required ["jk", "l/p", "jenis_kelamin", "sex"];
                pub birth_place: String => "birth place",
                    check: |v| $crate::validate::name(v, 100),
                    sheet: "birth_place" required ["tempat_lahir"];
                pub birth_date: NaiveDate => "birth date",
                    sheet: "birth_date" required ["tanggal_lahir", "tgl_lahir", "date_of_birth"];
                pub religion: String => "religion", check: |v| $crate::validate::religion(v),
                    sheet: "religion" required ["agama"];
                pub address: String => "address", check: |v| $crate::validate::lines(v),
                    sheet: "address" optional ["alamat", "alamat_jalan"];
                pub status: StudentStatus => "status", sheet: "status" optional [];
                pub user_id: Option<Id> => "user account";
            }

            pub struct Guardian in GUARDIANS("guardians", "guardian") {
                pub full_name: String => "name", check: |v| $crate::validate::name(v, 100),
                    sheet: "full_name" required ["name", "nama", "nama_wali", "nama_orang_tua"];
                /// father / mother / guardian (ayah / ibu / wali).
                pub relation: String => "relation", check: |v| $crate::validate::name(v, 30),
                    sheet: "relation" required ["hubungan"];
                pub phone: Option<String> => "phone",
                    check: |v| $crate::validate::optional(v, $crate::validate::line),
                    sheet: "phone" optional ["hp", "telepon", "no_hp"];
                pub occupation: Option<String> => "occupation",
                    check: |v| $crate::validate::optional(v, $crate::validate::line),
                    sheet: "occupation" optional ["pekerjaan"];
                pub address: Option<String> => "address",
                    check: |v| $crate::validate::optional(v, $crate::validate::lines),
                    sheet: "address" optional ["alamat"];
                pub user_id: Option<Id> => "user account";
            }

            /// Ties a guardian to a student; siblings share a guardian.
            pub struct StudentGuardian in STUDENT_GUARDIANS("student_guardians", "guardian link") {
                pub student_id: Id => "student";
                pub guardian_id: Id => "guardian";
            }

            /// A class (rombel) in one academic year.
            pub struct Class in CLASSES("classes", "class") {
                pub name: String => "name", check: |v| $crate::validate::name(v, 50),
                    sheet: "name" required ["class", "kelas", "rombel", "nama_rombel"];
                pub grade_level: i64 => "grade level",
                    check: |v| $crate::validate::range("grade level", *v, 1, 13),
                    sheet: "grade_level" required ["grade", "tingkat", "tingkat_pendidikan"];
                pub academic_year_id: Id => "academic year";
                pub homeroom_teacher_id: Option<Id> => "homeroom teacher";
            }

            /// A student's membership of a class. Moving a student ends one enrollment
            /// and starts another; ended enrollments are kept as the student's history.
            pub struct Enrollment in ENROLLMENTS("enrollments", "enrollment") {
                pub student_id: Id => "student";
                pub class_id: Id => "class";
                pub academic_year_id: Id => "academic year";
                pub start_date: NaiveDate => "start date",
                    sheet: "start_date" optional ["tanggal_masuk"];
                pub end_date: Option<NaiveDate> => "end date",
                    sheet: "end_date" optional ["tanggal_keluar"];
                /// Why it ended: "moved", "removed", "graduated".
                pub end_reason: Option<String> => "reason",
                    sheet: "end_reason" optional ["alasan_keluar"];
            }

            pub struct Subject in SUBJECTS("subjects", "subject") {
                pub code: String => "code", check: |v| $crate::validate::name(v, 20),
                    sheet: "code" required ["kode"];
                pub name: String => "name", check: |v| $crate::validate::name(v, 100),
                    sheet: "name" required ["nama", "mata_pelajaran", "mapel"];
                /// The curriculum group, e.g. "A", "B", "Muatan Lokal".
                pub group_name: String => "group", check: |v| $crate::validate::name(v, 50),
                    sheet: "group" optional ["group_name", "kelompok"];
                /// Religious education is taught per religion.
                pub religion_specific: bool => "religion-specific",
                    sheet: "religion_specific" optional ["agama"];
            }

            pub struct Room in ROOMS("rooms", "room") {
                pub name: String => "name", check: |v| $crate::validate::name(v, 50),
                    sheet: "name" required ["room", "nama", "ruang", "nama_ruang"];
                pub capacity: i64 => "capacity",
                    check: |v| $crate::validate::range("capacity", *v, 1, 10_000),
                    sheet: "capacity" required ["kapasitas", "daya_tampung"];
                /// classroom, lab, hall, field, library …
                pub kind: String => "kind", check: |v| $crate::validate::name(v, 30),
                    sheet: "kind" optional ["type", "jenis", "jenis_ruang"];
            }

            pub struct TeachingAssignment in TEACHING_ASSIGNMENTS("teaching_assignments", "teaching assignment") {
                pub teacher_id: Id => "teacher";
                pub subject_id: Id => "subject";
                pub class_id: Id => "class";
                pub periods_per_week: i64 => "periods per week",
                    check: |v| $crate::validate::range("periods per week", *v, 1, 60),
                    sheet: "periods_per_week" required ["periods", "jp", "jjm", "jam_per_minggu"];
            }

            // issue 12: grades (assessment schemes, the gradebook, sign-off).
            // Scores and weights are kept in hundredths (87.5 = 8750), never
            // floats; the math is `crate::grading`.

            /// How a subject's final grade is made in one semester.
            pub struct AssessmentScheme in ASSESSMENT_SCHEMES("assessment_schemes", "assessment scheme") {
                pub subject_id: Id => "subject";
                pub term_id: Id => "semester";
                /// The passing threshold (KKM / KKTP), in hundredths.
                pub kkm: i64 => "passing grade (KKM)",
                    check: |v| $crate::validate::range("passing grade (KKM)", *v, 0, 10_000);
                /// Decimal places the final grade keeps: 0, 1 or 2.
                pub rounding_places: i64 => "rounding places",
                    check: |v| $crate::validate::range("rounding places", *v, 0, 2);
                /// half_up | half_even | down.
                pub rounding_mode: String => "rounding",
                    check: |v| $crate::validate::one_of(v, &["half_up", "half_even", "down"]);
                /// The predicate bands, highest first: "A:90;B:80;C:75;D:0".
                pub bands: String => "predicate bands";
            }

            /// One weighted part of a scheme (daily work, assignments, PTS, PAS).
            pub struct SchemeComponent in SCHEME_COMPONENTS("scheme_components", "scheme component") {
                pub scheme_id: Id => "assessment scheme";
                pub name: String => "name", check: |v| $crate::validate::name(v, 50);
                /// formative | assignment | mid_term | end_of_term | other.
                pub kind: String => "kind",
                    check: |v| $crate::validate::one_of(
                        v,
                        &["formative", "assignment", "mid_term", "end_of_term", "other"],
                    );
                /// Percent in hundredths; a scheme's weights sum to 100 %.
                pub weight: i64 => "weight",
                    check: |v| $crate::validate::range("weight", *v, 1, 10_000);
                pub position: i64 => "position";
            }

            /// One gradebook column: an assessment of a class in a component.
            pub struct Assessment in ASSESSMENTS("assessments", "assessment") {
                pub class_id: Id => "class";
                pub component_id: Id => "component";
                pub name: String => "name", check: |v| $crate::validate::name(v, 50);
                pub position: i64 => "position";
                pub date: Option<NaiveDate> => "date";
            }

            /// One student's score in one assessment; an empty cell is no row.
            pub struct ScoreEntry in SCORES("scores", "score") {
                pub assessment_id: Id => "assessment";
                pub student_id: Id => "student";
                /// In hundredths, 0 to 100_00.
                pub score: i64 => "score",
                    check: |v| $crate::validate::range("score", *v, 0, 10_000);
            }

            /// Where a class's grades of a semester stand: draft, submitted
            /// or approved (locked). No row means draft.
            pub struct GradeSignoff in GRADE_SIGNOFFS("grade_signoffs", "grade sign-off") {
                pub class_id: Id => "class";
                pub term_id: Id => "semester";
                pub status: String => "status",
                    check: |v| $crate::validate::one_of(v, &["draft", "submitted", "approved"]);
            }

            // issue 12: attendance, descriptions, notes (helper "attendance", migration 0005)

            /// One student's attendance on one day, entered for the class
            /// they were in. A day without a mark is not "present": it was
            /// not taken.
            pub struct AttendanceMark in ATTENDANCE("attendance", "attendance mark") {
                pub student_id: Id => "student";
                pub class_id: Id => "class";
                pub date: NaiveDate => "date";
                /// present | sick | excused | unexcused | late (hadir, sakit,
                /// izin, alpa, terlambat): [`crate::attendance::Status`].
                pub status: String => "status", check: |v| $crate::attendance::check_status(v);
                pub note: Option<String> => "note",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 200));
            }

            /// A learning objective (tujuan pembelajaran, TP) of a subject in a term.
            pub struct LearningObjective in LEARNING_OBJECTIVES("learning_objectives", "learning objective") {
                pub subject_id: Id => "subject";
                pub term_id: Id => "semester";
                /// As the teacher numbers it: "TP 1".
                pub code: String => "code", check: |v| $crate::validate::name(v, 20);
                /// The objective in Indonesian, as the description sentence uses it.
                pub text_id: String => "text (Indonesian)", check: |v| $crate::validate::name(v, 300);
                /// The objective in English, for the international card.
                pub text_en: Option<String> => "text (English)",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 300));
                pub position: i64 => "position", check: |v| $crate::validate::range("position", *v, 0, 10_000);
            }

            /// A tick: the objective is among those a student mastered best,
            /// or among those that need work. No row: not ticked.
            pub struct ObjectiveMark in OBJECTIVE_MARKS("objective_marks", "objective mark") {
                pub student_id: Id => "student";
                pub objective_id: Id => "learning objective";
                /// mastered | needs_work: [`crate::descriptions::Tick`].
                pub mark: String => "mark", check: |v| $crate::descriptions::check_tick(v);
            }

            /// The description a teacher wrote in place of the generated one;
            /// no row: the card prints the generated sentence.
            pub struct SubjectDescription in SUBJECT_DESCRIPTIONS("subject_descriptions", "subject description") {
                pub student_id: Id => "student";
                pub subject_id: Id => "subject";
                pub term_id: Id => "semester";
                pub text: String => "text", check: |v| $crate::validate::name(v, 1000);
            }

            /// A sentence teachers insert into descriptions; without a
            /// subject it serves every subject.
            pub struct CommentBankEntry in COMMENT_BANK("comment_bank", "comment bank entry") {
                pub subject_id: Option<Id> => "subject";
                pub text: String => "text", check: |v| $crate::validate::name(v, 1000);
            }

            /// What the homeroom teacher writes on a student's card for a term.
            pub struct TermReport in TERM_REPORTS("term_reports", "term report") {
                pub student_id: Id => "student";
                pub term_id: Id => "semester";
                /// Catatan wali kelas.
                pub homeroom_note: Option<String> => "homeroom note",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 1000));
                /// Tanggapan orang tua, as written back on the card.
                pub parent_response: Option<String> => "parent response",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 1000));
                /// promoted | retained | graduated (naik kelas, tinggal kelas,
                /// lulus); only in the even semester.
                pub promotion: Option<String> => "promotion",
                    check: |v| $crate::validate::optional(v, $crate::descriptions::check_promotion);
            }

            /// An extracurricular activity the school offers (Pramuka, Futsal …).
            pub struct Extracurricular in EXTRACURRICULARS("extracurriculars", "extracurricular") {
                pub name: String => "name", check: |v| $crate::validate::name(v, 100);
            }

            /// A student's result in an activity for a term.
            pub struct ExtracurricularResult in EXTRACURRICULAR_RESULTS("extracurricular_results", "extracurricular result") {
                pub student_id: Id => "student";
                pub term_id: Id => "semester";
                pub extracurricular_id: Id => "extracurricular";
                /// As the school grades activities: "A", "Baik", "Sangat Baik".
                pub grade: String => "grade", check: |v| $crate::validate::name(v, 30);
                pub note: Option<String> => "note",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 300));
            }

            // issue 17: fees (helper "fees", migration 0006). Amounts are
            // whole rupiah; the math is `crate::fees`. Nothing here is ever
            // deleted: a wrong invoice or payment is voided with a reason.

            /// A fee the school charges in one academic year (SPP, uang
            /// gedung, an exam fee), billed monthly or once.
            pub struct FeeItem in FEE_ITEMS("fee_items", "fee item") {
                pub academic_year_id: Id => "academic year";
                pub name: String => "name", check: |v| $crate::validate::name(v, 100);
                pub amount: i64 => "amount", check: |v| $crate::fees::check_amount("amount", *v);
                /// monthly | once: [`crate::fees::Schedule`].
                pub schedule: String => "schedule", check: |v| $crate::fees::check_schedule(v);
                /// A one-off fee's month, "2025-07" (none for a monthly fee).
                pub once_period: Option<String> => "billing month",
                    check: |v| $crate::validate::optional(v, |p| $crate::fees::Period::parse(p).map(|_| ()));
                /// The day of the month it is due, 1 to 28.
                pub due_day: i64 => "due day", check: |v| $crate::fees::check_due_day(*v);
                /// An item no longer billed keeps what it billed.
                pub active: bool => "active";
            }

            /// Who a fee item is billed to: a grade level, a class or one
            /// student (exactly one of the three).
            pub struct FeeAssignment in FEE_ASSIGNMENTS("fee_assignments", "fee assignment") {
                pub fee_item_id: Id => "fee item";
                pub grade_level: Option<i64> => "grade level",
                    check: |v| v.map_or(Ok(()), |g| $crate::validate::range("grade level", g, 1, 13));
                pub class_id: Option<Id> => "class";
                pub student_id: Option<Id> => "student";
            }

            /// A discount or waiver an administrator gave a student
            /// (scholarship, sibling, orphan), on one fee item or on all.
            pub struct FeeDiscount in FEE_DISCOUNTS("fee_discounts", "discount") {
                pub student_id: Id => "student";
                /// None: every fee item of the student.
                pub fee_item_id: Option<Id> => "fee item";
                /// percent | fixed.
                pub kind: String => "kind", check: |v| $crate::validate::one_of(v, &["percent", "fixed"]);
                /// Basis points (2 500 = 25 %) for a percentage, rupiah for a fixed amount.
                pub value: i64 => "value";
                pub reason: String => "reason", check: |v| $crate::validate::name(v, 200);
                /// An ended discount is kept, inactive, for the invoices it made.
                pub active: bool => "active";
            }

            /// A student's running totals. Every change of a student's money
            /// updates this row in the same transaction, so its version makes
            /// two desktops working on one student take turns, and
            /// billed − discounted − paid + refunded = balance always holds.
            pub struct FeeAccount in FEE_ACCOUNTS("fee_accounts", "fee account") {
                pub student_id: Id => "student";
                pub billed: i64 => "billed";
                pub discounted: i64 => "discounts";
                pub paid: i64 => "paid";
                pub refunded: i64 => "refunded";
                /// What the student owes; below zero, their credit.
                pub balance: i64 => "balance";
            }

            /// One student's bill for one month.
            pub struct Invoice in INVOICES("invoices", "invoice") {
                pub student_id: Id => "student";
                /// "2025-08".
                pub period: String => "period",
                    check: |v| $crate::fees::Period::parse(v).map(|_| ());
                pub due_date: NaiveDate => "due date";
                /// Set when voided; a voided invoice bills nothing and stays.
                pub void_reason: Option<String> => "reason for voiding",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 200));
            }

            /// One fee on an invoice. A plan changed after billing adds a
            /// line with the difference; lines are never changed.
            pub struct InvoiceLine in INVOICE_LINES("invoice_lines", "invoice line") {
                pub invoice_id: Id => "invoice";
                pub fee_item_id: Id => "fee item";
                /// Below zero on a line that corrects a lowered fee.
                pub billed: i64 => "billed";
                pub discount: i64 => "discount";
                /// "adjustment" on a line added after the first.
                pub note: Option<String> => "note";
            }

            /// The last receipt number given in a year: numbers are taken
            /// from it in the payment's own transaction, so they have no gaps.
            pub struct ReceiptCounter in RECEIPT_COUNTERS("receipt_counters", "receipt counter") {
                pub year: i64 => "year";
                pub last_number: i64 => "last number";
            }

            /// Money received for a student, with its receipt (kwitansi).
            pub struct Payment in PAYMENTS("payments", "payment") {
                pub student_id: Id => "student";
                pub receipt_year: i64 => "receipt year";
                pub receipt_number: i64 => "receipt number";
                pub amount: i64 => "amount", check: |v| $crate::fees::check_amount("amount", *v);
                /// cash | transfer.
                pub method: String => "method", check: |v| $crate::validate::one_of(v, &["cash", "transfer"]);
                /// The bank's reference of a transfer.
                pub reference: Option<String> => "reference",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 100));
                /// When the money was paid (a transfer's date).
                pub paid_on: NaiveDate => "payment date";
                /// The desk's day it was booked: the day's cash report and closing.
                pub booked_on: NaiveDate => "booking date";
                /// Who handed over the money, as the receipt names them.
                pub payer: String => "payer", check: |v| $crate::validate::name(v, 100);
                pub void_reason: Option<String> => "reason for voiding",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 200));
                pub voided_on: Option<NaiveDate> => "voiding date";
                /// How many times the receipt was printed: a reprint says COPY.
                pub prints: i64 => "prints";
            }

            /// The part of a payment that settles an invoice. Rows are only
            /// added: what an invoice was paid is the sum of its rows.
            pub struct FeeAllocation in FEE_ALLOCATIONS("fee_allocations", "allocation") {
                pub payment_id: Id => "payment";
                pub invoice_id: Id => "invoice";
                /// Below zero on a `release`.
                pub amount: i64 => "amount";
                /// payment (booked with the payment: its receipt lists it) |
                /// credit (the student's credit applied later) | release (an
                /// invoice lowered under what was paid gives the part back):
                /// [`crate::fees::Placed`].
                pub kind: String => "kind", check: |v| $crate::validate::one_of(v, &["payment", "credit", "release"]);
            }

            /// Credit paid back to a family.
            pub struct FeeRefund in FEE_REFUNDS("fee_refunds", "refund") {
                pub student_id: Id => "student";
                pub amount: i64 => "amount", check: |v| $crate::fees::check_amount("amount", *v);
                pub method: String => "method", check: |v| $crate::validate::one_of(v, &["cash", "transfer"]);
                pub reason: String => "reason", check: |v| $crate::validate::name(v, 200);
                pub booked_on: NaiveDate => "booking date";
            }

            /// A bank statement's line booked as a transfer payment (issue
            /// 17, item 4): its fingerprint (the line's date, text, amount,
            /// reference, balance and how many same lines came before it in
            /// the file) keeps a statement imported twice from booking twice.
            pub struct BankLine in BANK_LINES("bank_lines", "bank statement line") {
                pub fingerprint: String => "fingerprint";
                pub payment_id: Id => "payment";
                pub bank_date: NaiveDate => "bank date";
                pub description: String => "description";
                pub amount: i64 => "amount", check: |v| $crate::fees::check_amount("amount", *v);
            }

            /// A closed day of the desk: its totals as closed. Nothing is
            /// booked, voided or refunded on a closed day.
            pub struct CashDay in CASH_DAYS("cash_days", "cash day") {
                pub day: NaiveDate => "day";
                pub cash_total: i64 => "cash";
                pub transfer_total: i64 => "transfers";
                pub voided_total: i64 => "voided";
                pub refunded_total: i64 => "refunded";
                pub payments: i64 => "payments";
            }

            /// The school's fee settings (issue 17; one row, its id
            /// [`crate::fees::SETTINGS_ID`]), set by the administrator.
            pub struct FeeSettings in FEE_SETTINGS("fee_settings", "fee settings") {
                /// A homeroom teacher may see whether the students of their
                /// own class are in arrears (yes or no, and the amount owed).
                pub homeroom_sees_arrears: bool => "homeroom teachers see arrears";
            }

            // issue 14: timetabling (helper "tt", migration 0007). The
            // rules of the week and of lessons are `crate::week`.

            /// A day of the week the school works: Monday is 1, Sunday 7.
            pub struct SchoolDay in SCHOOL_DAYS("school_days", "school day") {
                pub weekday: i64 => "day", check: |v| $crate::week::check_weekday(*v);
            }

            /// One period of a day's bell schedule: a lesson period (jam
            /// pelajaran), a break or prayer time, from `start_minute` to
            /// `end_minute` (minutes after midnight). Each day has its own
            /// list, so a short Friday is simply a shorter list.
            pub struct BellPeriod in BELL_PERIODS("bell_periods", "bell period") {
                pub weekday: i64 => "day", check: |v| $crate::week::check_weekday(*v);
                /// The order in the day, from 1.
                pub position: i64 => "position",
                    check: |v| $crate::validate::range("position", *v, 1, 40);
                /// lesson | break | prayer: [`crate::week::PeriodKind`].
                pub kind: String => "kind",
                    check: |v| $crate::validate::one_of(v, &["lesson", "break", "prayer"]);
                /// As the school calls it: "1", "Istirahat", "Sholat Dzuhur".
                pub label: String => "label", check: |v| $crate::validate::name(v, 40);
                pub start_minute: i64 => "start",
                    check: |v| $crate::validate::range("start", *v, 0, 24 * 60 - 1);
                pub end_minute: i64 => "end",
                    check: |v| $crate::validate::range("end", *v, 1, 24 * 60);
            }

            /// A lesson of a semester: a subject taught to one or more
            /// classes (or groups of them) by one or more teachers, so many
            /// periods a week, split into blocks ("2+2"). Built from a
            /// teaching assignment (`assignment_id`) or made by hand.
            pub struct Lesson in LESSONS("lessons", "lesson") {
                pub term_id: Id => "semester";
                pub subject_id: Id => "subject";
                /// The teaching assignment it was built from (no foreign
                /// key: a deleted assignment shows in the next plan as a
                /// lesson to remove, it is not blocked by it).
                pub assignment_id: Option<Id> => "teaching assignment";
                pub periods_per_week: i64 => "periods per week",
                    check: |v| $crate::validate::range("periods per week", *v, 1, 60);
                /// The blocks of the week, longest first: "2+2", "2+1", "1".
                pub split: String => "split", check: |v| $crate::week::parse_split(v).map(|_| ());
                /// The room it must be held in, if any.
                pub room_id: Option<Id> => "room";
            }

            /// A teacher of a lesson (several: team teaching).
            pub struct LessonTeacher in LESSON_TEACHERS("lesson_teachers", "lesson teacher") {
                pub lesson_id: Id => "lesson";
                pub teacher_id: Id => "teacher";
            }

            /// A class a lesson is for, whole or one named group of it
            /// (a religion or elective group: lessons of different groups
            /// of one class may run at the same time).
            pub struct LessonClass in LESSON_CLASSES("lesson_classes", "lesson class") {
                pub lesson_id: Id => "lesson";
                pub class_id: Id => "class";
                pub group_name: Option<String> => "group",
                    check: |v| $crate::validate::optional(v, |s| $crate::validate::name(s, 40));
            }

            /// A rule the timetable of a semester keeps, hard (weight 100)
            /// or weighted (1–99 %, FET's meaning; 0 is off). Which fields
            /// it uses depends on its kind: [`crate::week::RuleKind`].
            pub struct TimetableRule in TIMETABLE_RULES("timetable_rules", "timetable rule") {
                pub term_id: Id => "semester";
                pub kind: String => "kind", check: |v| $crate::week::RuleKind::check(v);
                pub weight: i64 => "weight",
                    check: |v| $crate::validate::range("weight", *v, 0, 100);
                pub teacher_id: Option<Id> => "teacher";
                pub class_id: Option<Id> => "class";
                pub room_id: Option<Id> => "room";
                pub subject_id: Option<Id> => "subject";
                pub lesson_id: Option<Id> => "lesson";
                pub other_lesson_id: Option<Id> => "other lesson";
                /// The rule's number (most lessons a day, days, gaps, days apart).
                pub number: Option<i64> => "number",
                    check: |v| v.map_or(Ok(()), |n| $crate::validate::range("number", n, 0, 100));
                /// Cells of the week, "day:period" (weekday 1–7, lesson
                /// period from 1) separated by spaces: "1:1 1:2 5:6".
                pub slots: String => "times", check: |v| $crate::week::parse_cells(v).map(|_| ());
            }

            /// A timetable of a semester: a draft, or the one published.
            pub struct TermTimetable in TIMETABLES("timetables", "timetable") {
                pub term_id: Id => "semester";
                pub name: String => "name", check: |v| $crate::validate::name(v, 100);
                /// draft | published.
                pub status: String => "status",
                    check: |v| $crate::validate::one_of(v, &["draft", "published"]);
                /// The user who generated it.
                pub made_by: Option<Id> => "made by";
                /// Lesson blocks placed, of all.
                pub placed: i64 => "placed";
                pub total: i64 => "total";
                /// Hard rules broken (0 for a complete timetable).
                pub hard_violations: i64 => "hard violations";
                /// The weighted rules' cost, in hundredths of FET's units.
                pub soft_cost: i64 => "soft cost";
                /// What changed under it since it was generated or published
                /// (a lesson removed from the records), in words; cleared
                /// when it is published again.
                pub attention: Option<String> => "needs attention";
            }

            /// Where one block of a lesson is in a timetable. An unplaced
            /// block has no row.
            pub struct LessonPlacement in PLACEMENTS("timetable_placements", "lesson placement") {
                pub timetable_id: Id => "timetable";
                pub lesson_id: Id => "lesson";
                /// Which block of the lesson's split, from 1.
                pub part: i64 => "part";
                pub weekday: i64 => "day", check: |v| $crate::week::check_weekday(*v);
                /// The lesson period it starts in, from 1.
                pub period: i64 => "period", check: |v| $crate::validate::range("period", *v, 1, 40);
                pub room_id: Option<Id> => "room";
                /// Kept where it is when the timetable is generated again.
                pub locked: bool => "locked";
            }

            /// A teacher away on one school day, or some of its lesson
            /// periods: their lessons then in the published timetable are
            /// to be covered.
            pub struct TeacherAbsence in TEACHER_ABSENCES("teacher_absences", "teacher absence") {
                pub teacher_id: Id => "teacher";
                pub date: NaiveDate => "date";
                /// Sakit, dinas luar, cuti …; may be empty.
                pub reason: String => "reason", check: |v| $crate::validate::line(v);
                /// The lesson periods away, "1 2 5" (migration 0014); empty:
                /// the whole day.
                pub periods: String => "periods", check: |v| $crate::week::parse_periods(v).map(|_| ());
            }

            /// How one lesson block of an absent teacher is covered: by a
            /// substitute, or cancelled, or supervised (the class works
            /// alone with someone looking in).
            pub struct LessonCover in LESSON_COVERS("lesson_covers", "lesson cover") {
                pub absence_id: Id => "absence";
                /// The published timetable's block (no foreign key: a lesson
                /// removed later leaves its cover history).
                pub placement_id: Id => "lesson placement";
                /// substitute | cancelled | supervised.
                pub kind: String => "kind",
                    check: |v| $crate::validate::one_of(v, &["substitute", "cancelled", "supervised"]);
                pub substitute_id: Option<Id> => "substitute";
            }

            /// One lesson period a teacher covers on a date (issue 14, item
            /// 7): one row per period of a covered block, at most one per
            /// teacher, date and period (a unique index), so two office
            /// desktops cannot book one teacher into two classes at once —
            /// the write itself refuses the second.
            pub struct CoverBooking in COVER_BOOKINGS("cover_bookings", "substitute booking") {
                pub cover_id: Id => "lesson cover";
                pub teacher_id: Id => "substitute";
                pub date: NaiveDate => "date";
                /// The lesson period, from 1.
                pub period: i64 => "period", check: |v| $crate::validate::range("period", *v, 1, 40);
            }

            // issue 13: the question bank (helper "qbank", migration 0008).
            // The questions themselves are `schooldesk_qbank`'s model, kept
            // as JSON in each version; what search and the roles need sits
            // in columns of `questions`. The rules are `crate::qbank`.

            /// Image bytes a question or stimulus shows, stored once per
            /// content: rich text names an image by its SHA-256.
            pub struct QuestionImage in QUESTION_IMAGES("question_images", "question image") {
                /// Lower-case hex, 64 characters.
                pub sha256: String => "SHA-256", check: |v| $crate::qbank::check_sha256(v);
                pub mime: String => "image type", check: |v| $crate::qbank::check_mime(v);
                /// The file name it came with (for export).
                pub file_name: String => "file name", check: |v| $crate::validate::line(v);
                pub data: Vec<u8> => "image";
            }

            /// A passage or figure several questions share (they stay together).
            pub struct QuestionStimulus in QUESTION_STIMULI("question_stimuli", "stimulus") {
                pub subject_id: Id => "subject";
                pub title: String => "title", check: |v| $crate::validate::line(v);
                /// The passage as JSON of `schooldesk_qbank::RichText`.
                pub content: String => "content";
            }

            /// A question of the bank: its stable id (answer keys and item
            /// statistics are keyed by it), what search filters on, and the
            /// number of its current version. The question itself is in
            /// its [`QuestionVersion`]s.
            pub struct BankQuestion in QUESTIONS("questions", "question") {
                pub subject_id: Id => "subject";
                pub grade_level: Option<i64> => "grade level",
                    check: |v| v.map_or(Ok(()), |g| $crate::validate::range("grade level", g, 1, 13));
                /// single_choice | multiple_response | true_false | matching |
                /// short_answer | numeric | essay.
                pub kind: String => "question type", check: |v| $crate::qbank::check_kind(v);
                /// easy | medium | hard.
                pub difficulty: Option<String> => "difficulty",
                    check: |v| $crate::validate::optional(v, $crate::qbank::check_difficulty);
                /// Lower-case tags, each between semicolons: ";aljabar;uts;"
                /// (";" when none), so a tag filter is one LIKE.
                pub tags: String => "tags", check: |v| $crate::qbank::check_tags(v);
                /// draft | reviewed | approved: [`crate::qbank::check_move`].
                pub status: String => "status", check: |v| $crate::qbank::check_status(v);
                /// The version in force, from 1; older ones stay readable.
                pub current_version: i64 => "version number",
                    check: |v| $crate::validate::range("version number", *v, 1, 1_000_000);
                pub stimulus_id: Option<Id> => "stimulus";
                /// The user who wrote it (or imported it).
                pub author_id: Option<Id> => "author";
                pub name: String => "name", check: |v| $crate::validate::line(v);
                /// The stem's words, lower case, one space apart: what finds
                /// a duplicate.
                pub stem_key: String => "stem";
                /// Every word of the question (name, stem, options, topic,
                /// tags) the same way: what full-text search reads.
                pub search_text: String => "search text";
            }

            /// One version of a question, as written: editing an approved
            /// question adds the next one, and papers keep the one they printed.
            pub struct QuestionVersion in QUESTION_VERSIONS("question_versions", "question version") {
                pub question_id: Id => "question";
                pub number: i64 => "number",
                    check: |v| $crate::validate::range("number", *v, 1, 1_000_000);
                /// JSON of `schooldesk_qbank::Question`.
                pub content: String => "content";
            }

            // issue 13: exam papers (helper "exam", migration 0011). The
            // blueprint's rows and the paper's sections are JSON of
            // `schooldesk_qbank::assemble::BlueprintRow` / `crate::exam::Section`;
            // the rules are `crate::exam`.

            /// A blueprint (*kisi-kisi*): what a paper of a subject tests, row by row.
            pub struct ExamBlueprint in EXAM_BLUEPRINTS("exam_blueprints", "blueprint") {
                pub subject_id: Id => "subject";
                pub grade_level: i64 => "grade level",
                    check: |v| $crate::validate::range("grade level", *v, 1, 13);
                pub name: String => "name", check: |v| $crate::validate::name(v, 200);
                /// JSON: the rows (CP/TP, topic, indicator, level, type, count, points).
                pub content: String => "rows";
            }

            /// An exam paper of one class: its header, its sections, the seed
            /// its variants are shuffled from (recorded once, never changed,
            /// so a reprint prints the same packages), and how far it is.
            pub struct ExamPaper in EXAM_PAPERS("exam_papers", "exam paper") {
                pub subject_id: Id => "subject";
                pub class_id: Id => "class";
                pub blueprint_id: Option<Id> => "blueprint";
                pub exam_name: String => "exam name", check: |v| $crate::validate::name(v, 200);
                pub exam_date: NaiveDate => "exam date";
                pub duration_minutes: i64 => "duration",
                    check: |v| $crate::validate::range("duration", *v, 5, 600);
                pub instructions: String => "instructions", check: |v| $crate::exam::check_text(v);
                /// JSON: the sections' titles and instructions, in order.
                pub sections: String => "sections";
                /// The 64 bits of the variants' seed, as a signed number.
                pub seed: i64 => "seed";
                /// draft | final | released: [`crate::exam::check_paper_move`].
                pub status: String => "status", check: |v| $crate::exam::check_paper_status(v);
            }

            /// One question of a paper, pinned to the version it prints.
            pub struct ExamPaperItem in EXAM_PAPER_ITEMS("exam_paper_items", "paper question") {
                pub paper_id: Id => "exam paper";
                /// Its number on the paper before shuffling, from 1.
                pub position: i64 => "position",
                    check: |v| $crate::validate::range("position", *v, 1, 1000);
                /// Its section, from 1.
                pub section: i64 => "section",
                    check: |v| $crate::validate::range("section", *v, 1, 50);
                pub question_id: Id => "question";
                pub question_version: i64 => "question version",
                    check: |v| $crate::validate::range("question version", *v, 1, 1_000_000);
                /// The blueprint row it fills (from 1), if any.
                pub blueprint_row: Option<i64> => "blueprint row";
                /// Its points on this paper, a decimal ("2", "2.5").
                pub points: String => "points", check: |v| $crate::exam::check_points(v);
            }

            // issue 13 item 7: results and item statistics (helper "exam",
            // migration 0013); the rules are `crate::exam`.

            /// One student's answers to a paper and their score.
            pub struct ExamResult in EXAM_RESULTS("exam_results", "exam result") {
                pub paper_id: Id => "exam paper";
                pub student_id: Id => "student";
                /// The package the student wrote (A, B…).
                pub variant: String => "variant", check: |v| $crate::exam::check_variant(v);
                /// JSON: per bank question id, the answer as written (the
                /// variant's letters) and as read (the bank's options), with
                /// its score.
                pub answers: String => "answers";
                pub negative_marking: bool => "negative marking";
                /// The total, a decimal ("37.5"; below 0 only with negative marking).
                pub score: String => "score", check: |v| $crate::exam::check_score(v);
            }

            /// A question's item statistics from one analysed paper.
            pub struct QuestionStat in QUESTION_STATS("question_stats", "item statistics") {
                pub question_id: Id => "question";
                pub paper_id: Id => "exam paper";
                pub students: i64 => "students",
                    check: |v| $crate::validate::range("students", *v, 1, 100_000);
                /// Difficulty index p × 10 000.
                pub p_e4: i64 => "difficulty index",
                    check: |v| $crate::validate::range("difficulty index", *v, 0, 10_000);
                /// Discrimination D (upper − lower 27 %) × 10 000.
                pub d_e4: i64 => "discrimination",
                    check: |v| $crate::validate::range("discrimination", *v, -10_000, 10_000);
                /// Point-biserial × 10 000, when the scores vary.
                pub point_biserial_e4: Option<i64> => "point-biserial",
                    check: |v| v.map_or(Ok(()), |r| $crate::validate::range("point-biserial", r, -10_000, 10_000));
            }
        }
    };
}

/// Makes the structs and their field checks from [`records!`].
macro_rules! define_records {
    ($(
        $(#[$smeta:meta])*
        pub struct $name:ident in $table:ident ($table_name:literal, $table_label:literal) {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty => $label:literal
                    $(, secret: $secret:literal)?
                    $(, check: $check:expr)?
                    $(, sheet: $key:literal $need:ident [$($alias:literal),* $(,)?])?
                ;
            )*
        }
    )*) => {$(
        $(#[$smeta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(
            feature = "wire",
            derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
        )]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        impl $name {
            /// The fields in the order they are declared: problems are
            /// listed in it.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The checks each field declares on its own (a link record
            /// declares none).
            #[allow(dead_code, unused_variables)]
            pub(crate) fn check_fields(&self, checks: &mut $crate::validate::Checks) {
                $($(
                    checks.check(
                        stringify!($field),
                        $crate::validate::hook(&self.$field, $check),
                    );
                )?)*
            }
        }
    )*};
}

records!(define_records);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
#[cfg_attr(feature = "wire", serde(rename_all = "snake_case"))]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The code Indonesian forms use: L (laki-laki) or P (perempuan).
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "L",
            Gender::Female => "P",
        }
    }
    pub fn from_code(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_uppercase().as_str() {
            "L" | "M" | "MALE" | "LAKI-LAKI" | "LAKI LAKI" => Some(Gender::Male),
            "P" | "F" | "FEMALE" | "PEREMPUAN" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
#[cfg_attr(feature = "wire", serde(rename_all = "snake_case"))]
pub enum StudentStatus {
    Active,
    Graduated,
    MovedOut,
}

impl StudentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StudentStatus::Active => "active",
            StudentStatus::Graduated => "graduated",
            StudentStatus::MovedOut => "moved_out",
        }
    }
    pub fn parse(s: &str) -> Option<StudentStatus> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "" | "active" | "aktif" => Some(StudentStatus::Active),
            "graduated" | "lulus" => Some(StudentStatus::Graduated),
            "moved_out" | "moved" | "mutasi" | "pindah" => Some(StudentStatus::MovedOut),
            _ => None,
        }
    }
}

/// One entry of the append-only audit trail.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
pub struct AuditEvent {
    pub id: Id,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Id>,
    pub actor_login: String,
    /// create, update, delete, login, login_failed, password_reset, …
    pub action: String,
    pub table_name: String,
    pub record_id: Option<Id>,
    /// The record before the change, as JSON text (secrets left out).
    pub before: Option<String>,
    /// The record after the change, as JSON text (secrets left out).
    pub after: Option<String>,
}

/// A person a login can belong to: a teacher, a student or a guardian (whose
/// login is a parent's). The link is the record's `user_id`; the policy
/// scopes what the login may see through it (`Actor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "wire",
    derive(serde::Serialize, serde::Deserialize, ts_rs::TS)
)]
#[cfg_attr(
    feature = "wire",
    serde(tag = "kind", content = "id", rename_all = "snake_case")
)]
pub enum Person {
    Teacher(Id),
    Student(Id),
    Guardian(Id),
}

impl Person {
    pub fn id(self) -> Id {
        match self {
            Person::Teacher(id) | Person::Student(id) | Person::Guardian(id) => id,
        }
    }

    /// The role a login linked to this person needs to see anything.
    pub fn role(self) -> Role {
        match self {
            Person::Teacher(_) => Role::Teacher,
            Person::Student(_) => Role::Student,
            Person::Guardian(_) => Role::Parent,
        }
    }
}
