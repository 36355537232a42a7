//! What makes a record valid. Each check names the field and says, in words a
//! school office understands, what was expected. Imports, forms and the CLI
//! all go through these same checks.

use crate::records::*;
use std::fmt;

/// What is wrong, three ways: a code a user interface translates, the
/// values that code's sentence names, and the English sentence itself (for
/// the command line, logs, and any text without a code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// Empty for a sentence that has no code.
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
    pub text: String,
}

impl Msg {
    pub fn new(code: &'static str, text: impl Into<String>) -> Self {
        Msg {
            code,
            params: Vec::new(),
            text: text.into(),
        }
    }
    /// Adds a value the sentence names.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Self {
        Msg::new("", text)
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Self {
        Msg::new("", text)
    }
}

impl From<Msg> for String {
    fn from(m: Msg) -> Self {
        m.text
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub msg: Msg,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<Msg>) -> Self {
        FieldError {
            field,
            msg: message.into(),
        }
    }
}

/// Every problem found in one record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid(pub Vec<FieldError>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.msg))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// Collects field errors; `finish` turns them into a result.
#[derive(Default)]
pub(crate) struct Checks(Vec<FieldError>);

impl Checks {
    pub(crate) fn check(&mut self, field: &'static str, result: Result<(), Msg>) {
        if let Err(m) = result {
            self.0.push(FieldError::new(field, m));
        }
    }
    /// The problems, in the order the record declares its fields (a check
    /// that spans fields runs after the per-field ones but is listed at its
    /// field).
    pub(crate) fn finish(mut self, fields: &[&str]) -> Result<(), Invalid> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0
            .sort_by_key(|e| fields.iter().position(|f| *f == e.field));
        Err(Invalid(self.0))
    }
}

/// Runs a field's declared check (see [`crate::records!`]) on its value.
pub(crate) fn hook<T>(value: &T, check: impl FnOnce(&T) -> Result<(), Msg>) -> Result<(), Msg> {
    check(value)
}

/// An academic year's name is not like "2025/2026".
pub fn year_format(name: &str) -> Msg {
    Msg::new(
        "year_format",
        format!("year must look like 2025/2026, got {name:?}"),
    )
    .with("value", name)
}

/// The religions Indonesian schools record (Dapodik's list).
pub const RELIGIONS: &[&str] = &[
    "Islam",
    "Kristen",
    "Katolik",
    "Hindu",
    "Buddha",
    "Konghucu",
    "Kepercayaan",
];

pub fn digits(value: &str, n: usize, what: &str) -> Result<(), Msg> {
    if value.len() == n && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Msg::new(
            "digits",
            format!("{what} must be exactly {n} digits, got {value:?}"),
        )
        .with("what", what)
        .with("n", n)
        .with("value", value))
    }
}

pub fn nisn(value: &str) -> Result<(), Msg> {
    digits(value, 10, "NISN")
}

pub fn nis(value: &str) -> Result<(), Msg> {
    if value.is_empty() {
        return Err(Msg::new("empty", "NIS is empty"));
    }
    if value.len() > 20
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/' || c == '-')
    {
        return Err(Msg::new(
            "nis_format",
            format!("NIS must be up to 20 letters, digits, '.', '/' or '-', got {value:?}"),
        )
        .with("value", value));
    }
    Ok(())
}

pub fn optional(
    value: &Option<String>,
    check: impl Fn(&str) -> Result<(), Msg>,
) -> Result<(), Msg> {
    match value {
        Some(v) => check(v),
        None => Ok(()),
    }
}

/// An identity number as people type it from print: "19870315 201001 1
/// 002" is the NIP 198703152010011002. Spaces between digit groups go;
/// anything that is not then all digits is left as typed, for the check
/// to name.
pub fn compact_digits(value: &str) -> String {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        compact
    } else {
        value.to_string()
    }
}

pub fn nip(value: &str) -> Result<(), Msg> {
    digits(value, 18, "NIP")
}

pub fn nuptk(value: &str) -> Result<(), Msg> {
    digits(value, 16, "NUPTK")
}

pub fn npsn(value: &str) -> Result<(), Msg> {
    if value.len() == 8 && value.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(Msg::new(
            "npsn_format",
            format!("NPSN must be 8 letters or digits, got {value:?}"),
        )
        .with("value", value))
    }
}

/// Characters that change how text shows without being seen: bidirectional
/// overrides and marks (U+202E turns "gpj.exe" into "exe.jpg"), zero-width
/// spaces and joiners, the byte-order mark, the soft hyphen. A name with
/// one looks like another name, sorts apart from it and searches miss it.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Text a school keeps: no control characters (NUL among them, which
/// PostgreSQL cannot store and SQLite would), no invisible formatting
/// characters, and line breaks only where the field is `multiline` (an
/// address). The same rule on every backend, so a school copied from one to
/// the other never meets a value it refuses.
pub fn text(value: &str, multiline: bool) -> Result<(), Msg> {
    for (i, c) in value.chars().enumerate() {
        let position = i + 1;
        let code = format!("U+{:04X}", c as u32);
        let line_break = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}');
        if line_break && multiline && matches!(c, '\n' | '\r') {
            continue;
        }
        if line_break {
            return Err(Msg::new(
                "line_break",
                format!("must be one line, without line breaks (character {position})"),
            )
            .with("position", position));
        }
        if c.is_control() || invisible(c) {
            return Err(Msg::new(
                "control_char",
                format!(
                    "must not contain the invisible or control character {code} (character {position})"
                ),
            )
            .with("char", code)
            .with("position", position));
        }
    }
    Ok(())
}

/// One line of free text (a phone number, an occupation, a reason).
pub fn line(value: &str) -> Result<(), Msg> {
    text(value, false)
}

/// Free text that may run over several lines (an address).
pub fn lines(value: &str) -> Result<(), Msg> {
    text(value, true)
}

pub fn name(value: &str, max: usize) -> Result<(), Msg> {
    line(value)?;
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Err(Msg::new("empty", "must not be empty"))
    } else if trimmed.chars().count() > max {
        Err(Msg::new("too_long", format!("must be at most {max} characters")).with("max", max))
    } else if trimmed != value {
        Err(Msg::new("spaces", "must not start or end with spaces"))
    } else {
        Ok(())
    }
}

pub fn religion(value: &str) -> Result<(), Msg> {
    if RELIGIONS.iter().any(|r| r.eq_ignore_ascii_case(value)) {
        Ok(())
    } else {
        let list = RELIGIONS.join(", ");
        Err(Msg::new(
            "religion",
            format!("religion must be one of {list}, got {value:?}"),
        )
        .with("list", list)
        .with("value", value))
    }
}

/// A login: 3–32 characters of lower-case letters, digits, '.', '_' or '-'.
pub fn login(value: &str) -> Result<(), Msg> {
    let ok = (3..=32).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Msg::new(
            "login_format",
            format!(
                "login must be 3 to 32 lower-case letters, digits, '.', '_' or '-', got {value:?}"
            ),
        )
        .with("value", value))
    }
}

/// At least 8 characters (at most 256 bytes). Long passphrases welcome.
pub fn password(value: &str) -> Result<(), Msg> {
    if value.chars().count() < 8 {
        return Err(Msg::new(
            "password_short",
            "password must be at least 8 characters",
        ));
    }
    if value.len() > 256 {
        return Err(Msg::new(
            "password_long",
            "password must be at most 256 bytes",
        ));
    }
    Ok(())
}

/// An academic year's name: two years, one after the other, as "2025/2026".
pub fn year_name(value: &str) -> Result<(), Msg> {
    let parts: Vec<&str> = value.split('/').collect();
    let ok = parts.len() == 2
        && parts
            .iter()
            .all(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1].parse::<i32>().ok() == parts[0].parse::<i32>().ok().map(|y| y + 1);
    if ok {
        Ok(())
    } else {
        Err(year_format(value))
    }
}

/// A semester is number 1 (ganjil) or 2 (genap).
pub fn semester_number(value: i64) -> Result<(), Msg> {
    if (1..=2).contains(&value) {
        Ok(())
    } else {
        Err(Msg::new(
            "semester_number",
            format!("semester must be 1 or 2, got {value}"),
        )
        .with("value", value))
    }
}

/// A whole number from `min` to `max`; `what` names it in the sentence.
pub fn range(what: &str, value: i64, min: i64, max: i64) -> Result<(), Msg> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Msg::new(
            "range",
            format!("{what} must be {min} to {max}, got {value}"),
        )
        .with("min", min)
        .with("max", max)
        .with("value", value))
    }
}

/// A user has at least one role.
pub fn roles(value: &[crate::Role]) -> Result<(), Msg> {
    if value.is_empty() {
        Err(Msg::new("no_role", "a user needs at least one role"))
    } else {
        Ok(())
    }
}

/// One line holding an '@' and no space.
pub fn email(value: &str) -> Result<(), Msg> {
    line(value)?;
    if value.contains('@') && !value.contains(' ') {
        Ok(())
    } else {
        Err(Msg::new("email", format!("not an e-mail address: {value:?}")).with("value", value))
    }
}

fn date_order(start: chrono::NaiveDate, end: chrono::NaiveDate) -> Result<(), Msg> {
    if end > start {
        Ok(())
    } else {
        Err(Msg::new(
            "date_order",
            format!("end date {end} must be after start date {start}"),
        )
        .with("start", start)
        .with("end", end))
    }
}

/// A birth date a pupil can have: in the past, not over 100 years ago
/// (Excel's day 0 is 1899-12-31, a typo's year 0201 or "13" for 2013 is not
/// a child) and at least 3 years ago (the youngest a kindergarten takes).
pub fn student_birth_date(date: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<(), Msg> {
    use chrono::Datelike;
    if date >= today {
        return Err(Msg::new(
            "birth_past",
            format!("birth date {date} is not in the past"),
        )
        .with("value", date));
    }
    let earliest = chrono::NaiveDate::from_ymd_opt(today.year() - 100, 1, 1).unwrap_or(date);
    let latest = today
        .checked_sub_months(chrono::Months::new(36))
        .unwrap_or(date);
    if (earliest..=latest).contains(&date) {
        return Ok(());
    }
    Err(Msg::new(
        "birth_implausible",
        format!(
            "{date} is not a plausible birth date for a student: it should lie between {earliest} and {latest}"
        ),
    )
    .with("value", date)
    .with("from", earliest)
    .with("to", latest))
}

impl School {
    /// The checks a new school passes: [`School::validate`]'s, and an
    /// address (its letters and reports print it). A school stored before
    /// the address was asked for stays editable without one.
    pub fn validate_new(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        if let Err(e) = self.validate() {
            c.0 = e.0;
        }
        if self.address.trim().is_empty() {
            c.check("address", Err(Msg::new("empty", "must not be empty")));
        }
        c.finish(Self::FIELDS)
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        if let Some(logo) = &self.logo {
            if logo.len() > 2 * 1024 * 1024 {
                c.check(
                    "logo",
                    Err(Msg::new("logo_size", "logo must be at most 2 MB")),
                );
            }
            let mime_ok = matches!(self.logo_mime.as_deref(), Some("image/png" | "image/jpeg"));
            if !mime_ok {
                c.check(
                    "logo_mime",
                    Err(Msg::new("logo_type", "logo must be a PNG or JPEG image")),
                );
            }
        }
        c.finish(Self::FIELDS)
    }
}

impl AcademicYear {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        c.check("end_date", date_order(self.start_date, self.end_date));
        c.finish(Self::FIELDS)
    }
}

impl Term {
    pub fn validate(&self, year: &AcademicYear) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        c.check("end_date", date_order(self.start_date, self.end_date));
        if self.start_date < year.start_date || self.end_date > year.end_date {
            c.check(
                "start_date",
                Err(Msg::new(
                    "semester_in_year",
                    format!(
                        "semester dates must lie within the academic year {} ({} to {})",
                        year.name, year.start_date, year.end_date
                    ),
                )
                .with("year", &year.name)
                .with("start", year.start_date)
                .with("end", year.end_date)),
            );
        }
        c.finish(Self::FIELDS)
    }
}

impl User {
    /// Checks the fields a user record holds; the password itself is checked
    /// by [`password`] before it is hashed.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        c.finish(Self::FIELDS)
    }
}

impl Student {
    pub fn validate(&self, today: chrono::NaiveDate) -> Result<(), Invalid> {
        self.validate_change(today, None)
    }

    /// As [`Student::validate`], for a change to a stored student: a birth
    /// date left as it was is not judged again (a rule made stricter later
    /// must not stop the office from correcting an address).
    pub fn validate_change(
        &self,
        today: chrono::NaiveDate,
        stored_birth_date: Option<chrono::NaiveDate>,
    ) -> Result<(), Invalid> {
        let mut c = Checks::default();
        self.check_fields(&mut c);
        if stored_birth_date != Some(self.birth_date) {
            c.check("birth_date", student_birth_date(self.birth_date, today));
        }
        c.finish(Self::FIELDS)
    }
}

/// Records whose every check is declared on a field: their `validate`
/// runs those checks. Used by every module that declares such records.
macro_rules! field_checks_only {
    ($($record:ty),*) => {$(
        impl $record {
            pub fn validate(&self) -> Result<(), $crate::validate::Invalid> {
                let mut c = $crate::validate::Checks::default();
                self.check_fields(&mut c);
                c.finish(Self::FIELDS)
            }
        }
    )*};
}
pub(crate) use field_checks_only;

field_checks_only!(
    Teacher,
    Guardian,
    Class,
    Subject,
    Room,
    TeachingAssignment,
    AssessmentScheme,
    SchemeComponent,
    Assessment,
    ScoreEntry,
    GradeSignoff
);

/// One of a fixed set of codes (a rounding mode, a component kind).
pub fn one_of(value: &str, allowed: &[&str]) -> Result<(), Msg> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Msg::new(
            "not_one_of",
            format!("{value:?} is not one of {}", allowed.join(", ")),
        )
        .with("value", value)
        .with("allowed", allowed.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers() {
        type Check = fn(&str) -> Result<(), Msg>;
        let cases: &[(&str, Check, bool)] = &[
            ("0012345678", nisn, true),
            ("001234567", nisn, false),
            ("00123456789", nisn, false),
            ("00123A5678", nisn, false),
            ("196501011990031001", nip, true),
            ("19650101199003100", nip, false),
            ("1234567890123456", nuptk, true),
            ("123456789012345", nuptk, false),
            ("20212345", npsn, true),
            ("P9999999", npsn, true),
            ("2021234", npsn, false),
            ("1234", nis, true),
            ("12.34/X-1", nis, true),
            ("", nis, false),
            ("12 34", nis, false),
        ];
        for (value, check, ok) in cases {
            assert_eq!(check(value).is_ok(), *ok, "{value:?}");
        }
    }

    #[test]
    fn text_is_the_same_on_every_backend() {
        // NUL is stored by SQLite and refused by PostgreSQL: refused here first.
        for bad in [
            "Siti\0Aminah",
            "Siti\u{202E}animA",
            "Siti\u{200B}Aminah",
            "Siti\u{FEFF}",
            "Siti\u{7}",
            "Siti\u{9F}",
        ] {
            let err = name(bad, 100).unwrap_err();
            assert_eq!(err.code, "control_char", "{bad:?}");
            assert!(err.text.contains("character 5"), "{bad:?}: {}", err.text);
            assert!(lines(bad).is_err(), "{bad:?}");
        }
        for broken in ["Siti\nAminah", "Siti\r\nAminah", "Siti\u{2028}Aminah"] {
            assert_eq!(name(broken, 100).unwrap_err().code, "line_break");
        }
        assert!(lines("Jl. Mawar 3\nRT 02 / RW 05").is_ok());
        assert!(lines("Jl. Mawar 3\r\nRT 02").is_ok());
        assert!(lines("Jl. Mawar\u{2028}3").is_err());
        assert!(name("Ni Luh Putu Ayu Ṣāliḥah Ñ", 100).is_ok());
        assert!(line("+62 812-3456-7890").is_ok());

        let mut s = student();
        s.address = "Jl. Mawar\0".into();
        s.birth_place = "Band\nung".into();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let fields: Vec<&str> = s
            .validate(today)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["birth_place", "address"]);
        let guardian = Guardian {
            full_name: "Budi".into(),
            relation: "Ayah".into(),
            phone: Some("0812\u{202E}".into()),
            occupation: Some("Petani\nNelayan".into()),
            address: Some("Desa\nKecamatan".into()),
            user_id: None,
        };
        let fields: Vec<&str> = guardian
            .validate()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["phone", "occupation"]);
    }

    #[test]
    fn logins_and_passwords() {
        assert!(login("kurikulum").is_ok());
        assert!(login("bu.sari_2").is_ok());
        assert!(login("ab").is_err());
        assert!(login("Admin").is_err());
        assert!(login("a b c").is_err());
        assert!(password("short").is_err());
        assert!(password("panjang sekali").is_ok());
    }

    fn student() -> Student {
        Student {
            nis: "2301".into(),
            nisn: "0012345678".into(),
            full_name: "Siti Aminah".into(),
            gender: Gender::Female,
            birth_place: "Bandung".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(2010, 5, 1).unwrap(),
            religion: "Islam".into(),
            address: "Jl. Merdeka 1".into(),
            status: StudentStatus::Active,
            user_id: None,
        }
    }

    #[test]
    fn student_errors_name_every_field() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert!(student().validate(today).is_ok());
        let mut bad = student();
        bad.nisn = "123".into();
        bad.full_name = " ".into();
        bad.religion = "Jedi".into();
        bad.birth_date = today;
        let err = bad.validate(today).unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["nisn", "full_name", "birth_date", "religion"]);
        assert!(err.to_string().contains("NISN must be exactly 10 digits"));

        // Excel's day 0 and a typed year 0201 are refused in forms too.
        for (y, m, d, code) in [
            (1899, 12, 31, "birth_implausible"),
            (201, 5, 1, "birth_implausible"),
            (2025, 6, 1, "birth_implausible"),
            // Younger than 3: not yet a pupil (2013 typed as "13" is
            // year 0013, far too old).
            (2023, 6, 1, "birth_implausible"),
            (13, 5, 17, "birth_implausible"),
            (2027, 1, 1, "birth_past"),
        ] {
            let mut s = student();
            s.birth_date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(s.validate(today).unwrap_err().0[0].msg.code, code);
        }
    }

    #[test]
    fn academic_year_and_terms() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let year = AcademicYear {
            name: "2025/2026".into(),
            start_date: d(2025, 7, 14),
            end_date: d(2026, 6, 30),
            is_current: true,
        };
        assert!(year.validate().is_ok());
        let mut bad = year.clone();
        bad.name = "2025/2027".into();
        assert_eq!(bad.validate().unwrap_err().0[0].field, "name");
        let term = Term {
            academic_year_id: crate::new_id(),
            number: 1,
            name: "Semester 1".into(),
            start_date: d(2025, 7, 14),
            end_date: d(2025, 12, 20),
        };
        assert!(term.validate(&year).is_ok());
        let outside = Term {
            end_date: d(2026, 8, 1),
            ..term.clone()
        };
        assert_eq!(
            outside.validate(&year).unwrap_err().0[0].field,
            "start_date"
        );
        let third = Term { number: 3, ..term };
        assert_eq!(third.validate(&year).unwrap_err().0[0].field, "number");
    }

    #[test]
    fn school_logo_must_be_an_image() {
        let school = School {
            name: "SMA Negeri 1 Contoh".into(),
            npsn: "20212345".into(),
            address: "Jl. Pendidikan 1".into(),
            principal_name: "Drs. Budi".into(),
            principal_nip: Some("196501011990031001".into()),
            logo: Some(vec![1, 2, 3]),
            logo_mime: Some("image/gif".into()),
        };
        assert_eq!(school.validate().unwrap_err().0[0].field, "logo_mime");
    }

    #[test]
    fn a_number_typed_as_printed_is_compacted() {
        assert_eq!(
            compact_digits("19870315 201001 1 002"),
            "198703152010011002"
        );
        assert!(nip(&compact_digits("19870315 201001 1 002")).is_ok());
        assert_eq!(compact_digits(" 0012345678 "), "0012345678");
        assert_eq!(
            compact_digits("1987 03x"),
            "1987 03x",
            "left for the check to name"
        );
        assert_eq!(compact_digits(""), "");
    }
}
