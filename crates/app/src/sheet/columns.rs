//! Each sheet kind's columns, in export order: the header a column is
//! exported under, whether an import needs it, and the other headers an
//! import accepts (Indonesian ones from Dapodik-style sheets among them).
//!
//! A record's own fields come from its declaration
//! ([`schooldesk_core::records!`]): the columns ([`SheetRecord::COLUMNS`])
//! and the export cells ([`SheetRecord::cells`]). The columns that are not
//! the record's own fields — a student's class by name, a teacher by NIP or
//! name, a year by name, the years sheet's semesters — are declared here,
//! once, beside their kind ([`Kind::layout`]).

use super::Kind;
use chrono::NaiveDate;
use schooldesk_core::*;

/// One column of a sheet.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SheetColumn {
    /// The header an export writes and an import reads.
    pub key: &'static str,
    /// An import refuses a sheet without it.
    pub required: bool,
    /// Other headers an import accepts for it (normalized: lower case,
    /// spaces as `_`).
    pub aliases: &'static [&'static str],
}

const fn column(
    key: &'static str,
    required: bool,
    aliases: &'static [&'static str],
) -> SheetColumn {
    SheetColumn {
        key,
        required,
        aliases,
    }
}

/// A record's own fields as sheet columns, from its declaration.
pub(crate) trait SheetRecord {
    /// The fields that are sheet columns, in the order declared.
    const COLUMNS: &'static [SheetColumn];
    /// Those fields as an export writes them, in the same order.
    fn cells(&self) -> Vec<String>;
}

/// How a field is written in a cell (and read back by `reading`).
trait CellText {
    fn cell_text(&self) -> String;
}

impl CellText for String {
    fn cell_text(&self) -> String {
        self.clone()
    }
}
impl CellText for i64 {
    fn cell_text(&self) -> String {
        self.to_string()
    }
}
impl CellText for bool {
    fn cell_text(&self) -> String {
        if *self { "yes" } else { "no" }.into()
    }
}
impl CellText for NaiveDate {
    fn cell_text(&self) -> String {
        self.to_string()
    }
}
impl CellText for Gender {
    fn cell_text(&self) -> String {
        self.code().into()
    }
}
impl CellText for StudentStatus {
    fn cell_text(&self) -> String {
        self.as_str().into()
    }
}
/// A blank cell for nothing.
impl<T: CellText> CellText for Option<T> {
    fn cell_text(&self) -> String {
        self.as_ref().map(T::cell_text).unwrap_or_default()
    }
}

macro_rules! required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}

/// Makes each record's [`SheetRecord`] from [`schooldesk_core::records!`].
macro_rules! sheet_records {
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
        impl SheetRecord for $name {
            const COLUMNS: &'static [SheetColumn] = &[$($(
                column($key, required!($need), &[$($alias),*]),
            )?)*];
            fn cells(&self) -> Vec<String> {
                vec![$($({
                    let _ = $key;
                    CellText::cell_text(&self.$field)
                },)?)*]
            }
        }
    )*};
}

schooldesk_core::records!(sheet_records);

/// Columns naming another record, by the key an export writes for it.
const YEAR: SheetColumn = column("year", false, &["academic_year", "tahun_ajaran"]);
/// A Dapodik export names a student's class "Rombel Saat Ini".
const CLASS: SheetColumn = column("class", true, &["kelas", "rombel", "rombel_saat_ini"]);
const STUDENT_NISN: SheetColumn = column("nisn", true, &[]);

const ASSIGNMENT_REFS: &[SheetColumn] = &[
    column("teacher", true, &["guru", "nama_guru", "nip", "nama_ptk"]),
    column(
        "subject",
        true,
        &["subject_code", "mapel", "kode_mapel", "mata_pelajaran"],
    ),
    CLASS,
    YEAR,
];
const STUDENT_CLASS: &[SheetColumn] = &[column(
    "class",
    false,
    &["kelas", "rombel", "rombel_saat_ini"],
)];
const CLASS_REFS: &[SheetColumn] = &[
    YEAR,
    column("homeroom", false, &["homeroom_teacher", "wali_kelas"]),
];
const ENROLLMENT_REFS: &[SheetColumn] = &[STUDENT_NISN, CLASS, YEAR];
const GUARDIAN_REFS: &[SheetColumn] = &[STUDENT_NISN];
/// A year's two semesters, in the year's row.
const YEAR_SEMESTERS: &[SheetColumn] = &[
    column(
        "semester1_name",
        false,
        &["nama_semester1", "semester_ganjil"],
    ),
    column("semester1_start", false, &["mulai_semester1"]),
    column("semester1_end", false, &["selesai_semester1"]),
    column(
        "semester2_name",
        false,
        &["nama_semester2", "semester_genap"],
    ),
    column("semester2_start", false, &["mulai_semester2"]),
    column("semester2_end", false, &["selesai_semester2"]),
];

/// A kind's columns: those before the record's own, the record's own, and
/// those after.
pub(crate) struct Layout {
    pub before: &'static [SheetColumn],
    pub own: &'static [SheetColumn],
    pub after: &'static [SheetColumn],
}

impl Kind {
    pub(crate) fn layout(self) -> Layout {
        let (before, own, after): (&[SheetColumn], &[SheetColumn], &[SheetColumn]) = match self {
            Kind::Years => (&[], AcademicYear::COLUMNS, YEAR_SEMESTERS),
            Kind::Rooms => (&[], Room::COLUMNS, &[]),
            Kind::Assignments => (ASSIGNMENT_REFS, TeachingAssignment::COLUMNS, &[]),
            Kind::Students => (&[], Student::COLUMNS, STUDENT_CLASS),
            Kind::Teachers => (&[], Teacher::COLUMNS, &[]),
            Kind::Classes => (&[], Class::COLUMNS, CLASS_REFS),
            Kind::Subjects => (&[], Subject::COLUMNS, &[]),
            Kind::Enrollments => (ENROLLMENT_REFS, Enrollment::COLUMNS, &[]),
            Kind::Guardians => (GUARDIAN_REFS, Guardian::COLUMNS, &[]),
        };
        Layout { before, own, after }
    }

    /// The columns, in export order.
    pub(crate) fn columns(self) -> impl Iterator<Item = &'static SheetColumn> {
        let Layout { before, own, after } = self.layout();
        before.iter().chain(own).chain(after)
    }

    /// The headers an export writes.
    pub(crate) fn headers(self) -> Vec<&'static str> {
        self.columns().map(|c| c.key).collect()
    }

    /// Whether `key` names another record (a teacher by NIP or name, a
    /// class by name) rather than a field of the record itself.
    pub(crate) fn is_reference(self, key: &str) -> bool {
        !self.layout().own.iter().any(|c| c.key == key)
    }

    /// The column a (normalized) header names, if any.
    pub(crate) fn column_for(self, header: &str) -> Option<&'static str> {
        self.columns()
            .find(|c| c.key == header || c.aliases.contains(&header))
            .map(|c| c.key)
    }

    /// An export row: the cells before the record's own, the record's, and
    /// those after, each part as wide as its columns.
    pub(crate) fn row<R: SheetRecord>(
        self,
        before: Vec<String>,
        record: &R,
        after: Vec<String>,
    ) -> Vec<String> {
        let layout = self.layout();
        debug_assert_eq!(before.len(), layout.before.len(), "{}", self.name());
        debug_assert_eq!(R::COLUMNS, layout.own, "{}", self.name());
        debug_assert_eq!(after.len(), layout.after.len(), "{}", self.name());
        let mut row = before;
        row.extend(record.cells());
        row.extend(after);
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The references by name stand where they always stood: an export's
    /// headers, and so the files schools hold, keep their shape.
    #[test]
    fn references_keep_their_place() {
        let headers = |kind: Kind| kind.headers();
        assert_eq!(
            headers(Kind::Assignments)[..4],
            ["teacher", "subject", "class", "year"]
        );
        assert_eq!(headers(Kind::Enrollments)[..3], ["nisn", "class", "year"]);
        assert_eq!(headers(Kind::Guardians)[0], "nisn");
        assert_eq!(headers(Kind::Students).last(), Some(&"class"));
        assert_eq!(
            headers(Kind::Classes)[..],
            ["name", "grade_level", "year", "homeroom"]
        );
        assert!(headers(Kind::Years).ends_with(&[
            "semester1_name",
            "semester1_start",
            "semester1_end",
            "semester2_name",
            "semester2_start",
            "semester2_end",
        ]));
    }

    /// No header or alias names two columns of one kind, and every header
    /// is written as an import normalizes it.
    #[test]
    fn each_header_names_one_column() {
        for kind in Kind::ALL {
            let mut seen = std::collections::HashSet::new();
            for c in kind.columns() {
                for name in std::iter::once(&c.key).chain(c.aliases) {
                    assert!(seen.insert(*name), "{}: {name} twice", kind.name());
                    assert_eq!(
                        super::super::formats::normalize_header(name),
                        *name,
                        "{}: {name}",
                        kind.name()
                    );
                }
            }
        }
    }

    #[test]
    fn cells_follow_the_columns() {
        let student = Student {
            nis: "2301".into(),
            nisn: "0012345678".into(),
            full_name: "Siti".into(),
            gender: Gender::Female,
            birth_place: "Bandung".into(),
            birth_date: NaiveDate::from_ymd_opt(2010, 5, 1).unwrap(),
            religion: "Islam".into(),
            address: String::new(),
            status: StudentStatus::MovedOut,
            user_id: None,
        };
        let row = Kind::Students.row(vec![], &student, vec!["7A".into()]);
        let headers = Kind::Students.headers();
        assert_eq!(row.len(), headers.len());
        let cell = |key: &str| row[headers.iter().position(|h| *h == key).unwrap()].as_str();
        assert_eq!(cell("nisn"), "0012345678");
        assert_eq!(cell("gender"), "P");
        assert_eq!(cell("birth_date"), "2010-05-01");
        assert_eq!(cell("address"), "");
        assert_eq!(cell("status"), "moved_out");
        assert_eq!(cell("class"), "7A");
    }
}
