//! The data the built-in templates of `schooldesk-print` print, as the template sees it: every
//! struct here is serialised to JSON and read by the template with
//! `json("/input.json")`. All values are plain, already formatted text (a
//! grade is "87" or "A", a date is "20 Desember 2026"): the app formats, the
//! template only places. The template prints what it gets: the app chooses
//! the rows (e.g. only the student's own religion subject).

use serde::{Deserialize, Serialize};

/// The language of a document's fixed labels ("Nama Peserta Didik" or
/// "Student name"). The data itself is printed as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

/// Something printed as one copy of a document (one student's card, one
/// class's ledger). `label` names the copy in errors ("the character U+0416
/// in student.name of Budi Santoso").
pub trait Printable: Serialize + Sync {
    /// Who or what this copy is for, for messages and file names.
    fn label(&self) -> String;
    /// Text to encode in the copy's verification QR code, if any.
    fn verify_qr(&self) -> Option<&str> {
        None
    }
    /// Whether this copy is a draft (printed with a DRAFT watermark).
    fn draft(&self) -> bool {
        false
    }
}

/// A person who signs: name and (for staff) NIP, the civil-servant number;
/// empty when the person has none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub nip: String,
}

/// The school block of a card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub name: String,
    /// Nomor Pokok Sekolah Nasional.
    pub npsn: String,
    pub address: String,
    pub principal: Person,
    /// Where the card is signed ("Bandung").
    pub place: String,
    /// When the card is signed, formatted ("20 Desember 2026").
    pub date: String,
}

/// The student's identity block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Student {
    pub name: String,
    pub nis: String,
    pub nisn: String,
    /// The class name ("VII A").
    pub class: String,
    /// Kurikulum Merdeka phase ("D").
    pub phase: String,
    /// "1 (Ganjil)" / "2 (Genap)" / "1 (Odd)" ...
    pub semester: String,
    /// Academic year ("2026/2027").
    pub year: String,
}

/// One printed subject row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubjectRow {
    pub subject: String,
    /// The final grade as printed ("87").
    pub grade: String,
    /// The learning-achievement description (capaian kompetensi).
    pub description: String,
}

/// A group of subjects ("Kelompok A", "Muatan Lokal"); an empty name prints
/// no group heading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubjectGroup {
    pub name: String,
    pub rows: Vec<SubjectRow>,
}

/// One extracurricular activity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracurricular {
    pub name: String,
    pub grade: String,
    #[serde(default)]
    pub note: String,
}

/// Days absent in the term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absences {
    pub sick: u32,
    pub excused: u32,
    pub unexcused: u32,
}

/// Signatures other than the principal's (who is in [`School`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signatures {
    /// The parent's or guardian's name; empty prints a blank line to sign on.
    #[serde(default)]
    pub parent: String,
    pub homeroom: Person,
}

/// One student's report card for one term: what `rapor` and `report` print.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportCard {
    pub language: Language,
    /// Printed with a DRAFT watermark (until the term is approved).
    #[serde(default)]
    pub draft: bool,
    pub school: School,
    pub student: Student,
    pub groups: Vec<SubjectGroup>,
    #[serde(default)]
    pub extracurriculars: Vec<Extracurricular>,
    pub absences: Absences,
    #[serde(default)]
    pub homeroom_note: String,
    #[serde(default)]
    pub parent_response: String,
    /// The promotion decision (even semester only), e.g. "Naik ke kelas VIII".
    #[serde(default)]
    pub promotion: Option<String>,
    pub signatures: Signatures,
    /// Text the card's QR code encodes (a verification URL or code); none
    /// prints no QR code.
    #[serde(default)]
    pub verify_qr: Option<String>,
}

impl Printable for ReportCard {
    fn label(&self) -> String {
        if self.student.class.is_empty() {
            self.student.name.clone()
        } else {
            format!("{} ({})", self.student.name, self.student.class)
        }
    }
    fn verify_qr(&self) -> Option<&str> {
        self.verify_qr.as_deref()
    }
    fn draft(&self) -> bool {
        self.draft
    }
}

/// One student's row of the class ledger.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub name: String,
    pub nis: String,
    /// One grade per [`Ledger::subjects`] entry, in that order ("" = none).
    pub grades: Vec<String>,
    pub total: String,
    pub average: String,
    /// The class rank ("1", "2", ...; ties share a rank).
    pub rank: String,
}

/// The class grade ledger (leger): students × subjects, with totals,
/// averages and ranking. Rows print in the order given (sort by rank or by
/// name in the app).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub language: Language,
    #[serde(default)]
    pub draft: bool,
    pub school: School,
    /// The class name ("VII A").
    pub class: String,
    /// The term ("Semester 1 (Ganjil) 2026/2027").
    pub term: String,
    pub homeroom: Person,
    /// Column headings, short subject names ("PAI", "B. Indo", ...).
    pub subjects: Vec<String>,
    pub rows: Vec<LedgerRow>,
}

impl Printable for Ledger {
    fn label(&self) -> String {
        self.class.clone()
    }
    fn draft(&self) -> bool {
        self.draft
    }
}

// fees: issue 17, the receipt (kwitansi).

/// One line of a receipt: what the money paid for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReceiptItem {
    /// "SPP Agustus 2025", "Titipan (saldo lebih)".
    pub description: String,
    /// In figures, formatted ("Rp 250.000").
    pub amount: String,
}

/// A receipt for one payment, as the `receipt` template prints it. A
/// reprint carries `copy` and prints a COPY mark; a voided payment's
/// receipt carries the reason in `voided`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    #[serde(default)]
    pub language: Language,
    pub school: School,
    /// "2025-00017".
    pub number: String,
    /// The day it was booked, formatted ("1 Agustus 2025").
    pub date: String,
    /// Who handed over the money.
    pub payer: String,
    pub student: String,
    pub nisn: String,
    pub class: String,
    pub items: Vec<ReceiptItem>,
    /// The amount in figures ("Rp 250.000").
    pub total: String,
    /// The amount in words ("dua ratus lima puluh ribu rupiah").
    pub words: String,
    /// "Tunai" / "Transfer BRI 123456".
    pub method: String,
    /// The bursar who booked it.
    pub cashier: String,
    #[serde(default)]
    pub copy: bool,
    /// Empty, or why the payment was voided.
    #[serde(default)]
    pub voided: String,
}

impl Printable for Receipt {
    fn label(&self) -> String {
        format!("receipt {}", self.number)
    }
}

impl Receipt {
    /// A receipt of the sample school, for checking templates.
    pub fn sample() -> Receipt {
        Receipt {
            language: Language::Id,
            school: School {
                name: "SMP Negeri 1 Sukamaju".into(),
                npsn: "20212345".into(),
                address: "Jl. Pendidikan No. 1, Sukamaju".into(),
                principal: Person {
                    name: "Dra. Hj. Nuraini, M.Pd.".into(),
                    nip: "196501011990032001".into(),
                },
                place: "Sukamaju".into(),
                date: "1 Agustus 2025".into(),
            },
            number: "2025-00017".into(),
            date: "1 Agustus 2025".into(),
            payer: "Ibu Siti Aminah".into(),
            student: "Andi Pratama".into(),
            nisn: "0012345678".into(),
            class: "VII-A".into(),
            items: vec![ReceiptItem {
                description: "Tagihan 2025-08".into(),
                amount: "Rp 250.000".into(),
            }],
            total: "Rp 250.000".into(),
            words: "dua ratus lima puluh ribu rupiah".into(),
            method: "Tunai".into(),
            cashier: "Bendahara".into(),
            copy: false,
            voided: String::new(),
        }
    }
}

// tt: issue 14, the printed timetables (per class, teacher or room).

/// One cell of a printed timetable: what happens in one lesson period of
/// one day for the class, teacher or room the sheet is for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimetableCell {
    /// "Matematika"; empty for a free period.
    pub subject: String,
    /// Who else: the teachers on a class's sheet, the classes on a
    /// teacher's or a room's ("VII-A (Islam)").
    pub detail: String,
    /// The room, or empty.
    pub room: String,
    /// The period's times on this day when they differ from the row's
    /// ("07:00–07:35" on a short Friday); empty otherwise.
    pub time: String,
    /// The day has no such lesson period (a short day): printed shaded.
    pub closed: bool,
}

/// One row of the grid: a lesson period (with a cell per day) or a break
/// or prayer time across all days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimetableRow {
    /// "1", or "Istirahat" / "Sholat Dzuhur" for a break.
    pub label: String,
    /// "07:00–07:40".
    pub time: String,
    /// Whether the row is a break (no cells).
    pub pause: bool,
    /// One per day of [`TimetableSheet::days`]; empty for a break.
    pub cells: Vec<TimetableCell>,
}

/// One page: the week of one class, teacher or room, days across and
/// lesson periods down, with the bell schedule's times.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimetableSheet {
    #[serde(default)]
    pub language: Language,
    pub school: School,
    /// "class", "teacher" or "room": what the sheet is for.
    pub kind: String,
    /// "VII-A", "Pak Guru", "Lab IPA".
    pub name: String,
    /// "Semester 1 2025/2026".
    pub term: String,
    /// The timetable's name and state ("Jadwal final, published").
    pub timetable: String,
    /// Day names across ("Senin", "Selasa", …).
    pub days: Vec<String>,
    pub rows: Vec<TimetableRow>,
    /// Printed as a draft (a timetable not published).
    #[serde(default)]
    pub draft: bool,
}

impl Printable for TimetableSheet {
    fn label(&self) -> String {
        format!("timetable of {} {}", self.kind, self.name)
    }
    fn draft(&self) -> bool {
        self.draft
    }
}

impl TimetableSheet {
    /// A class's sheet of the sample school, for checking templates.
    pub fn sample() -> TimetableSheet {
        let cell = |subject: &str, detail: &str, room: &str| TimetableCell {
            subject: subject.into(),
            detail: detail.into(),
            room: room.into(),
            ..TimetableCell::default()
        };
        let free = TimetableCell::default;
        let row = |label: &str, time: &str, cells: Vec<TimetableCell>| TimetableRow {
            label: label.into(),
            time: time.into(),
            pause: false,
            cells,
        };
        TimetableSheet {
            language: Language::Id,
            school: Receipt::sample().school,
            kind: "class".into(),
            name: "VII-A".into(),
            term: "Semester 1 2025/2026".into(),
            timetable: "Jadwal final".into(),
            days: ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                row(
                    "1",
                    "07:00–07:40",
                    vec![
                        cell("Matematika", "Pak Guru", ""),
                        cell("IPA", "Bu Ani", "Lab IPA"),
                        free(),
                        cell("PAI", "Ustadz Hasan", ""),
                        TimetableCell {
                            time: "07:00–07:35".into(),
                            ..cell("Bahasa Indonesia", "Bu Rina", "")
                        },
                    ],
                ),
                TimetableRow {
                    label: "Istirahat".into(),
                    time: "07:40–07:55".into(),
                    pause: true,
                    cells: Vec::new(),
                },
                row(
                    "2",
                    "07:55–08:35",
                    vec![
                        cell("Matematika", "Pak Guru", ""),
                        cell("IPA", "Bu Ani", "Lab IPA"),
                        free(),
                        free(),
                        TimetableCell {
                            closed: true,
                            ..free()
                        },
                    ],
                ),
            ],
            draft: false,
        }
    }
}

// ttui: issue 14, item 7 — the day's substitution sheet.

/// A teacher away on the sheet's day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverAbsent {
    pub teacher: String,
    /// The lesson periods away ("1, 2"); empty: the whole day.
    pub periods: String,
}

/// One lesson of an absent teacher that day, and how it is covered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverLine {
    /// "3", or "1–2" for a double period.
    pub period: String,
    /// "07:00–07:40".
    pub time: String,
    pub class: String,
    pub subject: String,
    /// The teacher away.
    pub teacher: String,
    /// substitute | supervised | cancelled | open (nothing chosen yet).
    pub kind: String,
    /// Who covers or supervises; may be empty.
    pub substitute: String,
}

/// The day's substitution sheet (jadwal guru pengganti): who is away and
/// each of their lessons with how it is covered, by period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverSheet {
    #[serde(default)]
    pub language: Language,
    pub school: School,
    /// "Senin, 20 Juli 2026".
    pub date: String,
    /// The published timetable the lessons come from; empty without one.
    pub timetable: String,
    pub absent: Vec<CoverAbsent>,
    pub lines: Vec<CoverLine>,
}

impl Printable for CoverSheet {
    fn label(&self) -> String {
        format!("substitution sheet of {}", self.date)
    }
}

impl CoverSheet {
    /// A day of the sample school, for checking templates.
    pub fn sample() -> CoverSheet {
        let line = |period: &str,
                    time: &str,
                    class: &str,
                    subject: &str,
                    teacher: &str,
                    kind: &str,
                    substitute: &str| CoverLine {
            period: period.into(),
            time: time.into(),
            class: class.into(),
            subject: subject.into(),
            teacher: teacher.into(),
            kind: kind.into(),
            substitute: substitute.into(),
        };
        CoverSheet {
            language: Language::Id,
            school: Receipt::sample().school,
            date: "Senin, 20 Juli 2026".into(),
            timetable: "Jadwal final".into(),
            absent: vec![
                CoverAbsent {
                    teacher: "Pak Guru".into(),
                    periods: String::new(),
                },
                CoverAbsent {
                    teacher: "Bu Ani".into(),
                    periods: "3, 4".into(),
                },
            ],
            lines: vec![
                line(
                    "1–2",
                    "07:00–08:20",
                    "VII-A",
                    "Matematika",
                    "Pak Guru",
                    "substitute",
                    "Bu Rina",
                ),
                line(
                    "3",
                    "08:35–09:15",
                    "VII-B",
                    "IPA",
                    "Bu Ani",
                    "supervised",
                    "Pak Budi",
                ),
                line(
                    "4",
                    "09:15–09:55",
                    "VII-A",
                    "IPA",
                    "Bu Ani",
                    "cancelled",
                    "",
                ),
                line(
                    "5",
                    "09:55–10:35",
                    "VIII-A",
                    "Matematika",
                    "Pak Guru",
                    "open",
                    "",
                ),
            ],
        }
    }
}

// fees: issue 17, item 5 — the printed fee reports (arrears, the day's
// cash, income by fee item and month). Amounts come formatted ("Rp
// 250.000"); the app adds them up, the templates only place them.

/// One student in arrears.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeArrearsRow {
    pub nisn: String,
    pub name: String,
    /// How many months are owed ("3").
    pub months: String,
    /// The oldest month owed, in words ("Juli 2025").
    pub oldest: String,
    pub owed: String,
}

/// The students of one class in arrears, with the class's total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeArrearsClass {
    /// "VII-A"; empty for students in no class.
    pub class: String,
    pub rows: Vec<FeeArrearsRow>,
    pub total: String,
}

/// The arrears list (tunggakan), per class and per student, as the
/// `arrears` template prints it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeArrears {
    #[serde(default)]
    pub language: Language,
    pub school: School,
    /// Due by this day, formatted ("1 Agustus 2025").
    pub as_of: String,
    /// The one class asked for, or empty for the whole school.
    pub class: String,
    pub classes: Vec<FeeArrearsClass>,
    /// How many students are in arrears ("42").
    pub students: String,
    pub total: String,
    /// Who printed it (a login).
    pub printed_by: String,
}

impl Printable for FeeArrears {
    fn label(&self) -> String {
        "arrears".into()
    }
}

/// One payment on the day's cash report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeDayRow {
    pub receipt: String,
    pub student: String,
    pub payer: String,
    /// "Tunai" / "Transfer BCA 123".
    pub method: String,
    pub amount: String,
    /// Empty, or why the payment was voided.
    #[serde(default)]
    pub voided: String,
}

/// The day's cash report and its closing, as the `cashday` template
/// prints it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeDay {
    #[serde(default)]
    pub language: Language,
    pub school: School,
    /// The day, formatted ("1 Agustus 2025").
    pub day: String,
    pub rows: Vec<FeeDayRow>,
    pub cash: String,
    pub transfers: String,
    pub voided: String,
    pub refunded: String,
    /// Cash in the drawer: cash taken − cash voided − cash refunded.
    pub cash_net: String,
    /// Whether the day is closed (locked).
    pub closed: bool,
    /// Who printed it (a login).
    pub printed_by: String,
}

impl Printable for FeeDay {
    fn label(&self) -> String {
        format!("cash report of {}", self.day)
    }
    /// An open day's report may still change: printed as a draft.
    fn draft(&self) -> bool {
        !self.closed
    }
}

/// One fee item in one month of the income report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeIncomeRow {
    /// The month in words ("Agustus 2025").
    pub month: String,
    pub billed: String,
    pub received: String,
    pub outstanding: String,
}

/// One fee item's months with its totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeIncomeItem {
    pub name: String,
    pub rows: Vec<FeeIncomeRow>,
    pub billed: String,
    pub received: String,
    pub outstanding: String,
}

/// Income by fee item and month, as the `income` template prints it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeeIncome {
    #[serde(default)]
    pub language: Language,
    pub school: School,
    /// The first and last month, in words.
    pub from: String,
    pub to: String,
    pub items: Vec<FeeIncomeItem>,
    pub billed: String,
    pub received: String,
    pub outstanding: String,
    /// Who printed it (a login).
    pub printed_by: String,
}

impl Printable for FeeIncome {
    fn label(&self) -> String {
        "income report".into()
    }
}

impl FeeArrears {
    /// Arrears of the sample school, for checking templates.
    pub fn sample() -> FeeArrears {
        let row = |nisn: &str, name: &str, months: &str, oldest: &str, owed: &str| FeeArrearsRow {
            nisn: nisn.into(),
            name: name.into(),
            months: months.into(),
            oldest: oldest.into(),
            owed: owed.into(),
        };
        FeeArrears {
            language: Language::Id,
            school: Receipt::sample().school,
            as_of: "1 Oktober 2025".into(),
            class: String::new(),
            classes: vec![
                FeeArrearsClass {
                    class: "VII-A".into(),
                    rows: vec![
                        row(
                            "0012345678",
                            "Andi Pratama",
                            "2",
                            "Agustus 2025",
                            "Rp 500.000",
                        ),
                        row(
                            "0012345679",
                            "Siti Rahma",
                            "1",
                            "September 2025",
                            "Rp 250.000",
                        ),
                    ],
                    total: "Rp 750.000".into(),
                },
                FeeArrearsClass {
                    class: "VII-B".into(),
                    rows: vec![row(
                        "0012345680",
                        "Budi Santoso",
                        "3",
                        "Juli 2025",
                        "Rp 750.000",
                    )],
                    total: "Rp 750.000".into(),
                },
            ],
            students: "3".into(),
            total: "Rp 1.500.000".into(),
            printed_by: "bendahara".into(),
        }
    }
}

impl FeeDay {
    /// A closed day of the sample school, for checking templates.
    pub fn sample() -> FeeDay {
        FeeDay {
            language: Language::Id,
            school: Receipt::sample().school,
            day: "1 Agustus 2025".into(),
            rows: vec![
                FeeDayRow {
                    receipt: "2025-00017".into(),
                    student: "Andi Pratama".into(),
                    payer: "Ibu Siti Aminah".into(),
                    method: "Tunai".into(),
                    amount: "Rp 250.000".into(),
                    voided: String::new(),
                },
                FeeDayRow {
                    receipt: "2025-00018".into(),
                    student: "Budi Santoso".into(),
                    payer: "Budi Santoso".into(),
                    method: "Transfer BCA 778812".into(),
                    amount: "Rp 500.000".into(),
                    voided: String::new(),
                },
            ],
            cash: "Rp 250.000".into(),
            transfers: "Rp 500.000".into(),
            voided: "Rp 0".into(),
            refunded: "Rp 0".into(),
            cash_net: "Rp 250.000".into(),
            closed: true,
            printed_by: "bendahara".into(),
        }
    }
}

impl FeeIncome {
    /// Two months of the sample school, for checking templates.
    pub fn sample() -> FeeIncome {
        let row = |month: &str, b: &str, r: &str, o: &str| FeeIncomeRow {
            month: month.into(),
            billed: b.into(),
            received: r.into(),
            outstanding: o.into(),
        };
        FeeIncome {
            language: Language::Id,
            school: Receipt::sample().school,
            from: "Agustus 2025".into(),
            to: "September 2025".into(),
            items: vec![FeeIncomeItem {
                name: "SPP".into(),
                rows: vec![
                    row("Agustus 2025", "Rp 750.000", "Rp 500.000", "Rp 250.000"),
                    row("September 2025", "Rp 750.000", "Rp 250.000", "Rp 500.000"),
                ],
                billed: "Rp 1.500.000".into(),
                received: "Rp 750.000".into(),
                outstanding: "Rp 750.000".into(),
            }],
            billed: "Rp 1.500.000".into(),
            received: "Rp 750.000".into(),
            outstanding: "Rp 750.000".into(),
            printed_by: "bendahara".into(),
        }
    }
}
pub mod exam;
