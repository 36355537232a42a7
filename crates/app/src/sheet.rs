//! Import and export of school records as CSV and XLSX.
//!
//! An import is planned in full before anything is written: every row is
//! read and checked, and every problem is reported with its row, column and
//! reason. If any row is bad, nothing is written — unless the caller asks to
//! skip invalid rows. Records are matched to what is stored (students by NISN,
//! then NIS; teachers by NIP, NUPTK, then name; classes by year and name;
//! subjects by code), so importing the same file twice changes nothing.
//!
//! Exports write the same columns the import reads, and are safe from
//! formula injection: a CSV cell that a spreadsheet would run as a formula is
//! prefixed with `'`; XLSX cells are always written as text.

use crate::auth::require;
use crate::error::RowProblem;
use crate::{App, AppError, AppResult};
use chrono::NaiveDate;
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::*;
use schooldesk_store::{ChangeSet, Filter, Query};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn from_path(path: &Path) -> AppResult<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("csv") => Ok(Format::Csv),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(AppError::Setup(format!(
                "{}: give a .csv or .xlsx file",
                path.display()
            ))),
        }
    }
}

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Students,
    Teachers,
    Classes,
    Subjects,
    Enrollments,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Students,
        Kind::Teachers,
        Kind::Classes,
        Kind::Subjects,
        Kind::Enrollments,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Students => "students",
            Kind::Teachers => "teachers",
            Kind::Classes => "classes",
            Kind::Subjects => "subjects",
            Kind::Enrollments => "enrollments",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The columns, in export order: (key, required, other names accepted
    /// on import — Indonesian headers from Dapodik-style sheets among them).
    fn columns(self) -> &'static [(&'static str, bool, &'static [&'static str])] {
        match self {
            Kind::Students => &[
                ("nis", true, &["no_induk", "nomor_induk"]),
                ("nisn", true, &[]),
                (
                    "full_name",
                    true,
                    &["name", "nama", "nama_lengkap", "nama_siswa"],
                ),
                ("gender", true, &["jk", "l/p", "jenis_kelamin", "sex"]),
                ("birth_place", true, &["tempat_lahir"]),
                (
                    "birth_date",
                    true,
                    &["tanggal_lahir", "tgl_lahir", "date_of_birth"],
                ),
                ("religion", true, &["agama"]),
                ("address", false, &["alamat"]),
                ("status", false, &[]),
                ("class", false, &["kelas", "rombel"]),
            ],
            Kind::Teachers => &[
                (
                    "full_name",
                    true,
                    &["name", "nama", "nama_lengkap", "nama_guru"],
                ),
                ("nip", false, &[]),
                ("nuptk", false, &[]),
                ("gender", true, &["jk", "l/p", "jenis_kelamin", "sex"]),
                ("phone", false, &["hp", "telepon", "no_hp"]),
                ("email", false, &["e-mail", "surel"]),
            ],
            Kind::Classes => &[
                ("name", true, &["class", "kelas", "rombel", "nama_rombel"]),
                (
                    "grade_level",
                    true,
                    &["grade", "tingkat", "tingkat_pendidikan"],
                ),
                ("year", false, &["academic_year", "tahun_ajaran"]),
                ("homeroom", false, &["homeroom_teacher", "wali_kelas"]),
            ],
            Kind::Subjects => &[
                ("code", true, &["kode"]),
                ("name", true, &["nama", "mata_pelajaran", "mapel"]),
                ("group", false, &["group_name", "kelompok"]),
                ("religion_specific", false, &["agama"]),
            ],
            Kind::Enrollments => &[
                ("nisn", true, &[]),
                ("class", true, &["kelas", "rombel"]),
                ("year", false, &["academic_year", "tahun_ajaran"]),
                ("start_date", false, &["tanggal_masuk"]),
            ],
        }
    }
}

/// One cell as read: its text, and whether the spreadsheet held a number
/// there (so a NISN that lost its leading zeros can be explained).
#[derive(Debug, Clone, Default)]
struct Cell {
    text: String,
    numeric: bool,
}

impl Cell {
    fn text(text: &str) -> Cell {
        Cell {
            text: unguard(text.trim()).to_string(),
            numeric: false,
        }
    }
    fn number(text: String) -> Cell {
        Cell {
            text,
            numeric: true,
        }
    }
}

/// A sheet as read: header texts, then data rows (row 2 onwards).
#[derive(Debug, Clone, Default)]
struct Sheet {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The first row is the header, even where later rows are empty.
    fn from_rows(rows: impl IntoIterator<Item = Vec<Cell>>) -> Sheet {
        let mut rows = rows.into_iter();
        Sheet {
            headers: rows
                .next()
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.text)
                .collect(),
            rows: rows.collect(),
        }
    }
}

/// Undoes the export's formula guard.
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

fn read_csv(bytes: &[u8]) -> AppResult<Sheet> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Spreadsheets set to Indonesian write `;` between fields.
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let delimiter = if first_line.iter().filter(|b| **b == b';').count()
        > first_line.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            AppError::ImportRejected(vec![RowProblem::new(
                i + 1,
                "-",
                Msg::new("csv_unreadable", format!("not readable as CSV: {e}")).with("detail", e),
            )])
        })?;
        rows.push(record.iter().map(Cell::text).collect());
    }
    Ok(Sheet::from_rows(rows))
}

fn excel_date(value: &calamine::ExcelDateTime) -> String {
    let (y, m, d, ..) = value.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{d:02}")
}

fn read_xlsx(bytes: &[u8]) -> AppResult<Sheet> {
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| AppError::Setup(format!("not a readable XLSX workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| AppError::Setup("the workbook has no worksheet".into()))?
        .map_err(|e| AppError::Setup(format!("cannot read the first worksheet: {e}")))?;
    let rows = range.rows().map(|row| {
        row.iter()
            .map(|data| match data {
                Data::Empty => Cell::default(),
                Data::String(s) => Cell::text(s),
                Data::Int(n) => Cell::number(n.to_string()),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                    Cell::number(format!("{}", *f as i64))
                }
                Data::Float(f) => Cell::number(f.to_string()),
                Data::Bool(b) => Cell::text(&b.to_string()),
                Data::DateTime(dt) => Cell::text(&excel_date(dt)),
                Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    Cell::text(&s.chars().take(10).collect::<String>())
                }
                Data::Error(e) => Cell::text(&format!("#ERROR {e:?}")),
            })
            .collect()
    });
    Ok(Sheet::from_rows(rows))
}

fn read_sheet(format: Format, bytes: &[u8]) -> AppResult<Sheet> {
    let mut sheet = match format {
        Format::Csv => read_csv(bytes)?,
        Format::Xlsx => read_xlsx(bytes)?,
    };
    // Trailing blank rows are not rows anyone meant to import.
    while sheet
        .rows
        .last()
        .is_some_and(|r| r.iter().all(|c| c.text.is_empty()))
    {
        sheet.rows.pop();
    }
    Ok(sheet)
}

fn normalize_header(h: &str) -> String {
    h.trim().to_lowercase().replace([' ', '-'], "_")
}

/// A CSV cell a spreadsheet would run as a formula gets a leading `'`.
pub fn guard_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Writes a sheet: a header row, then the rows.
pub fn write_sheet(format: Format, headers: &[&str], rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let fail = |e: csv::Error| AppError::Setup(format!("cannot write CSV: {e}"));
            writer.write_record(headers).map_err(fail)?;
            for row in rows {
                writer
                    .write_record(row.iter().map(|c| guard_formula(c)))
                    .map_err(fail)?;
            }
            writer
                .into_inner()
                .map_err(|e| AppError::Setup(format!("cannot write CSV: {e}")))
        }
        Format::Xlsx => {
            let fail =
                |e: rust_xlsxwriter::XlsxError| AppError::Setup(format!("cannot write XLSX: {e}"));
            let mut book = rust_xlsxwriter::Workbook::new();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let sheet = book.add_worksheet();
            for (c, h) in headers.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(fail)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    // Always a text cell: never a formula, and NISNs keep their zeros.
                    sheet
                        .write_string(r as u32 + 1, c as u16, value)
                        .map_err(fail)?;
                }
            }
            sheet.set_freeze_panes(1, 0).map_err(fail)?;
            book.save_to_buffer().map_err(fail)
        }
    }
}

/// Reads one row's cells by column key, collecting problems.
struct RowReader<'a> {
    sheet: &'a Sheet,
    columns: &'a HashMap<&'static str, usize>,
    cells: &'a [Cell],
    row: usize,
    problems: Vec<RowProblem>,
}

impl<'a> RowReader<'a> {
    fn column_name(&self, key: &str) -> String {
        self.columns
            .get(key)
            .and_then(|i| self.sheet.headers.get(*i))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn problem(&mut self, key: &str, reason: impl Into<Msg>) {
        self.problems
            .push(RowProblem::new(self.row, self.column_name(key), reason));
    }

    /// A cell whose value the column does not take: `"value" <what>`.
    fn bad_value(&mut self, key: &str, code: &'static str, value: &str, what: &str) {
        self.problem(
            key,
            Msg::new(code, format!("{value:?} {what}")).with("value", value),
        );
    }

    fn cell(&self, key: &str) -> Option<&'a Cell> {
        self.columns.get(key).and_then(|i| self.cells.get(*i))
    }

    fn text(&self, key: &str) -> String {
        self.cell(key).map(|c| c.text.clone()).unwrap_or_default()
    }

    fn optional(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|t| !t.is_empty())
    }

    fn required(&mut self, key: &str) -> String {
        let text = self.text(key);
        if text.is_empty() {
            self.problem(key, Msg::new("empty", "is empty"));
        }
        text
    }

    fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let text = self.text(key);
        if text.is_empty() {
            if required {
                self.problem(key, Msg::new("empty", "is empty"));
            }
            return None;
        }
        match parse_date(&text, self.cell(key).is_some_and(|c| c.numeric)) {
            Some(d) => Some(d),
            None => {
                self.bad_value(
                    key,
                    "not_date",
                    &text,
                    "is not a date; write it as YYYY-MM-DD or DD/MM/YYYY",
                );
                None
            }
        }
    }

    fn int(&mut self, key: &str) -> Option<i64> {
        let text = self.required(key);
        if text.is_empty() {
            return None;
        }
        match text.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.bad_value(key, "not_number", &text, "is not a whole number");
                None
            }
        }
    }

    fn flag(&mut self, key: &str) -> bool {
        match self.text(key).to_lowercase().as_str() {
            "" | "no" | "n" | "tidak" | "false" | "0" => false,
            "yes" | "y" | "ya" | "true" | "1" => true,
            other => {
                let other = other.to_string();
                self.bad_value(key, "not_yes_no", &other, "is not yes or no");
                false
            }
        }
    }

    fn gender(&mut self, key: &str) -> Option<Gender> {
        let text = self.required(key);
        if text.is_empty() {
            return None;
        }
        let g = Gender::from_code(&text);
        if g.is_none() {
            self.bad_value(key, "not_gender", &text, "is not a gender; write L or P");
        }
        g
    }

    /// Turns a record's field errors into problems on this row.
    fn invalid(&mut self, err: Invalid) {
        for e in err.0 {
            let column = self.column_name(e.field);
            if self.problems.iter().any(|p| p.column == column) {
                continue; // already said, in the import's own words
            }
            let mut reason = e.msg;
            if self.cell(e.field).is_some_and(|c| c.numeric) {
                reason.text.push_str(" (the spreadsheet stored it as a number and dropped its leading zeros; format the column as Text)");
                reason.params.push(("as_number", "yes".into()));
            }
            self.problem(e.field, reason);
        }
    }
}

/// Dates as offices write them: 2010-05-01, 01/05/2010, 01-05-2010,
/// 1.5.2010, or an Excel serial number.
fn parse_date(text: &str, numeric: bool) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Some(d);
        }
    }
    if numeric {
        let serial: i64 = text.parse().ok()?;
        if (1..=2_958_465).contains(&serial) {
            return NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_days(chrono::Days::new(serial as u64));
        }
    }
    None
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Students put into a class, or moved to another.
    pub enrolled: usize,
    /// Rows left out (only with skip-invalid; otherwise nothing is written).
    pub rejected: Vec<RowProblem>,
    /// Headers the import does not use.
    pub ignored_columns: Vec<String>,
    /// False for a preview.
    pub written: bool,
}

/// The rows that passed, turned into writes.
struct Plan {
    changes: ChangeSet,
    report: ImportReport,
}

impl App {
    /// Checks a file and reports what importing it would do, writing nothing.
    pub async fn preview_import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<ImportReport> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "import records",
        )?;
        let plan = self.plan_import(actor, kind, format, bytes).await?;
        Ok(plan.report)
    }

    /// Imports a file. With any bad row nothing is written and every problem
    /// is returned, unless `skip_invalid`, which writes the good rows.
    pub async fn import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
        skip_invalid: bool,
    ) -> AppResult<ImportReport> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "import records",
        )?;
        let plan = self.plan_import(actor, kind, format, bytes).await?;
        if !plan.report.rejected.is_empty() && !skip_invalid {
            return Err(AppError::ImportRejected(plan.report.rejected));
        }
        let mut report = plan.report;
        self.store.commit(plan.changes).await?;
        report.written = true;
        tracing::info!(
            kind = kind.name(),
            created = report.created,
            updated = report.updated,
            "import written"
        );
        Ok(report)
    }

    async fn plan_import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<Plan> {
        let sheet = read_sheet(format, bytes)?;
        let mut columns: HashMap<&'static str, usize> = HashMap::new();
        let mut ignored = Vec::new();
        let mut header_problems = Vec::new();
        for (i, header) in sheet.headers.iter().enumerate() {
            let norm = normalize_header(header);
            let found = kind
                .columns()
                .iter()
                .find(|(key, _, aliases)| *key == norm || aliases.contains(&norm.as_str()));
            match found {
                Some((key, ..)) if columns.contains_key(key) => {
                    header_problems.push(RowProblem::new(
                        1,
                        header.clone(),
                        Msg::new("second_column", format!("a second column for {key}"))
                            .with("key", key),
                    ))
                }
                Some((key, ..)) => {
                    columns.insert(key, i);
                }
                None if header.trim().is_empty() => {}
                None => ignored.push(header.clone()),
            }
        }
        for (key, required, _) in kind.columns() {
            if *required && !columns.contains_key(key) {
                header_problems.push(RowProblem::new(
                    1,
                    *key,
                    Msg::new(
                        "missing_column",
                        format!("the column {key} is missing from the header row"),
                    )
                    .with("key", key),
                ));
            }
        }
        if !header_problems.is_empty() {
            return Err(AppError::ImportRejected(header_problems));
        }
        let mut plan = Plan {
            changes: self.changes(actor),
            report: ImportReport {
                rows: sheet.rows.len(),
                ignored_columns: ignored,
                ..ImportReport::default()
            },
        };
        let ctx = Lookups::load(self, kind).await?;
        let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
        for (i, cells) in sheet.rows.iter().enumerate() {
            let mut row = RowReader {
                sheet: &sheet,
                columns: &columns,
                cells,
                row: i + 2,
                problems: Vec::new(),
            };
            if cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            let staged = match kind {
                Kind::Students => self.plan_student(&mut row, &ctx),
                Kind::Teachers => plan_teacher(&mut row, &ctx),
                Kind::Classes => plan_class(&mut row, &ctx),
                Kind::Subjects => plan_subject(&mut row, &ctx),
                Kind::Enrollments => self.plan_enrollment(&mut row, &ctx),
            };
            // The same key twice in one file is a mistake, not an update.
            for (key, value) in staged.keys.iter() {
                if let Some(first) = seen.insert((key, value.clone()), row.row) {
                    row.problem(
                        key,
                        Msg::new("repeated", format!("{value} is also on row {first}"))
                            .with("value", value)
                            .with("row", first),
                    );
                }
            }
            if row.problems.is_empty() {
                staged.apply(&mut plan);
            } else {
                plan.report.rejected.extend(row.problems);
            }
        }
        Ok(plan)
    }

    fn plan_student(&self, row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
        let nis = row.required("nis");
        let nisn = row.required("nisn");
        let full_name = row.required("full_name");
        let gender = row.gender("gender");
        let birth_place = row.required("birth_place");
        let birth_date = row.date("birth_date", true);
        let religion = row.required("religion");
        let status = match StudentStatus::parse(&row.text("status")) {
            Some(s) => s,
            None => {
                let text = row.text("status");
                row.bad_value(
                    "status",
                    "not_status",
                    &text,
                    "is not a status; write active, graduated or moved_out",
                );
                StudentStatus::Active
            }
        };
        let class = row.optional("class").and_then(|name| {
            let found = ctx.class_by_name(&name);
            if found.is_none() {
                let year = ctx.year_name();
                row.problem(
                    "class",
                    Msg::new("no_class", format!("there is no class {name:?} in {year}"))
                        .with("value", name)
                        .with("year", year),
                );
            }
            found
        });
        let mut staged = Staged::new(vec![("nisn", nisn.clone()), ("nis", nis.clone())]);
        let (Some(gender), Some(birth_date)) = (gender, birth_date) else {
            return staged;
        };
        let religion = validate::RELIGIONS
            .iter()
            .find(|r| r.eq_ignore_ascii_case(&religion))
            .map_or(religion, |r| r.to_string());
        let existing = ctx
            .students_by_nisn
            .get(&nisn)
            .or_else(|| ctx.students_by_nis.get(&nis));
        let student = Student {
            nis: nis.clone(),
            nisn: nisn.clone(),
            full_name,
            gender,
            birth_place,
            birth_date,
            religion,
            address: row.text("address"),
            status,
            user_id: existing.and_then(|s| s.data.user_id),
        };
        if let Err(e) = student.validate(self.today()) {
            row.invalid(e);
            return staged;
        }
        if let Some(existing) = existing {
            if let Some(other) = ctx
                .students_by_nis
                .get(&nis)
                .filter(|o| o.id() != existing.id())
            {
                row.problem(
                    "nis",
                    Msg::new(
                        "nis_taken",
                        format!(
                            "NIS {nis} already belongs to {} (NISN {})",
                            other.data.full_name, other.data.nisn
                        ),
                    )
                    .with("value", &nis)
                    .with("name", &other.data.full_name)
                    .with("nisn", &other.data.nisn),
                );
                return staged;
            }
        }
        let student_id = existing.map(|s| s.id());
        staged.write = Some(upsert(existing, student));
        if let Some(class) = class {
            staged.enroll = Some((student_id, class.clone(), self.today()));
        }
        staged.enroll_ctx = ctx.open_enrollments_for(student_id);
        staged
    }

    fn plan_enrollment(&self, row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
        let nisn = row.required("nisn");
        let class_name = row.required("class");
        let start = row
            .date("start_date", false)
            .unwrap_or_else(|| self.today());
        let mut staged = Staged::new(vec![("nisn", nisn.clone())]);
        let student = ctx.students_by_nisn.get(&nisn);
        if student.is_none() && !nisn.is_empty() {
            row.problem(
                "nisn",
                Msg::new(
                    "no_student_nisn",
                    format!("no student has NISN {nisn}; import the student first"),
                )
                .with("value", &nisn),
            );
        }
        let year = row.optional("year");
        let class = if class_name.is_empty() {
            None
        } else {
            let found = ctx.class_in_year(&class_name, year.as_deref());
            if found.is_none() {
                let in_year = year.clone().unwrap_or_else(|| ctx.year_name());
                row.problem(
                    "class",
                    Msg::new(
                        "no_class",
                        format!("there is no class {class_name:?} in {in_year}"),
                    )
                    .with("value", &class_name)
                    .with("year", in_year),
                );
            }
            found
        };
        if let (Some(student), Some(class)) = (student, class) {
            staged.write = Some(Write::Unchanged);
            staged.enroll = Some((Some(student.id()), class.clone(), start));
            staged.enroll_ctx = ctx.open_enrollments_for(Some(student.id()));
        }
        staged
    }
}

fn plan_teacher(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let full_name = row.required("full_name");
    let gender = row.gender("gender");
    let nip = row.optional("nip");
    let nuptk = row.optional("nuptk");
    let mut keys = vec![];
    keys.extend(nip.clone().map(|v| ("nip", v)));
    keys.extend(nuptk.clone().map(|v| ("nuptk", v)));
    if nip.is_none() && nuptk.is_none() {
        keys.push(("full_name", full_name.to_lowercase()));
    }
    let mut staged = Staged::new(keys);
    let Some(gender) = gender else { return staged };
    let existing = nip
        .as_ref()
        .and_then(|n| ctx.teachers.iter().find(|t| t.data.nip.as_ref() == Some(n)))
        .or_else(|| {
            nuptk.as_ref().and_then(|n| {
                ctx.teachers
                    .iter()
                    .find(|t| t.data.nuptk.as_ref() == Some(n))
            })
        })
        .or_else(|| {
            ctx.teachers
                .iter()
                .find(|t| t.data.full_name.eq_ignore_ascii_case(&full_name))
        });
    let teacher = Teacher {
        full_name,
        nip,
        nuptk,
        gender,
        phone: row.optional("phone"),
        email: row.optional("email"),
        user_id: existing.and_then(|t| t.data.user_id),
        active: existing.is_none_or(|t| t.data.active),
    };
    if let Err(e) = teacher.validate() {
        row.invalid(e);
        return staged;
    }
    staged.write = Some(upsert(existing, teacher));
    staged
}

fn plan_class(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let name = row.required("name");
    let grade_level = row.int("grade_level");
    let year_name = row.optional("year");
    let mut staged = Staged::new(vec![(
        "name",
        format!("{}/{name}", year_name.clone().unwrap_or_default()),
    )]);
    let year = match &year_name {
        Some(y) => ctx.years.iter().find(|s| &s.data.name == y),
        None => ctx.year.as_ref(),
    };
    let Some(year) = year else {
        let msg = match year_name {
            Some(which) => Msg::new("no_year", format!("there is no academic year {which}"))
                .with("value", which),
            None => Msg::new(
                "no_current_year",
                "no year is given and no current academic year is set",
            ),
        };
        row.problem("year", msg);
        return staged;
    };
    let homeroom_teacher_id = match row.optional("homeroom") {
        None => None,
        Some(who) => {
            let found = ctx.teachers.iter().find(|t| {
                t.data.nip.as_deref() == Some(&who) || t.data.full_name.eq_ignore_ascii_case(&who)
            });
            if found.is_none() {
                row.problem(
                    "homeroom",
                    Msg::new(
                        "no_teacher",
                        format!("no teacher has the NIP or name {who:?}"),
                    )
                    .with("value", &who),
                );
            }
            found.map(|t| t.id())
        }
    };
    let Some(grade_level) = grade_level else {
        return staged;
    };
    let class = Class {
        name: name.clone(),
        grade_level,
        academic_year_id: year.id(),
        homeroom_teacher_id,
    };
    if let Err(e) = class.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx
        .classes
        .iter()
        .find(|c| c.data.academic_year_id == year.id() && c.data.name == name);
    staged.write = Some(upsert(existing, class));
    staged
}

fn plan_subject(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let code = row.required("code");
    let name = row.required("name");
    let group_name = row.optional("group").unwrap_or_else(|| "A".into());
    let religion_specific = row.flag("religion_specific");
    let mut staged = Staged::new(vec![("code", code.clone())]);
    let subject = Subject {
        code: code.clone(),
        name,
        group_name,
        religion_specific,
    };
    if let Err(e) = subject.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx.subjects.iter().find(|s| s.data.code == code);
    staged.write = Some(upsert(existing, subject));
    staged
}

fn upsert<R: schooldesk_store::tables::Record + PartialEq>(
    existing: Option<&Stored<R>>,
    data: R,
) -> Write {
    match existing {
        Some(e) if e.data == data => Write::Unchanged,
        Some(e) => {
            let (id, version) = (e.id(), e.version());
            Write::Update(Box::new(move |cs| cs.update(id, version, &data)))
        }
        None => Write::Create(Box::new(move |cs| cs.insert(&data))),
    }
}

type Deferred<T> = Box<dyn FnOnce(&mut ChangeSet) -> T + Send>;

enum Write {
    Unchanged,
    Update(Deferred<()>),
    Create(Deferred<Id>),
}

/// One row's outcome, applied to the plan only if the row had no problems.
struct Staged {
    keys: Vec<(&'static str, String)>,
    write: Option<Write>,
    /// (student, if already stored; class; from) to enroll or move.
    enroll: Option<(Option<Id>, Stored<Class>, NaiveDate)>,
    enroll_ctx: Vec<Stored<Enrollment>>,
}

impl Staged {
    fn new(keys: Vec<(&'static str, String)>) -> Self {
        Staged {
            keys: keys.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
            write: None,
            enroll: None,
            enroll_ctx: Vec::new(),
        }
    }

    fn apply(self, plan: &mut Plan) {
        let cs = &mut plan.changes;
        let report = &mut plan.report;
        let created = match self.write {
            None => return,
            Some(Write::Unchanged) => {
                report.unchanged += 1;
                None
            }
            Some(Write::Update(f)) => {
                f(cs);
                report.updated += 1;
                None
            }
            Some(Write::Create(f)) => {
                report.created += 1;
                Some(f(cs))
            }
        };
        let Some((student_id, class, from)) = self.enroll else {
            return;
        };
        let Some(student_id) = student_id.or(created) else {
            return;
        };
        let open = self
            .enroll_ctx
            .iter()
            .find(|e| e.data.academic_year_id == class.data.academic_year_id);
        if crate::records::place_in_class(cs, student_id, &class, open, from) {
            report.enrolled += 1;
        }
    }
}

/// What is stored already, loaded once per import.
#[derive(Default)]
struct Lookups {
    year: Option<Stored<AcademicYear>>,
    years: Vec<Stored<AcademicYear>>,
    classes: Vec<Stored<Class>>,
    teachers: Vec<Stored<Teacher>>,
    subjects: Vec<Stored<Subject>>,
    students_by_nisn: HashMap<String, Stored<Student>>,
    students_by_nis: HashMap<String, Stored<Student>>,
    open_enrollments: HashMap<Id, Vec<Stored<Enrollment>>>,
}

impl Lookups {
    async fn load(app: &App, kind: Kind) -> AppResult<Lookups> {
        let store = app.store();
        let mut ctx = Lookups {
            years: store.list(&Query::all()).await?,
            ..Lookups::default()
        };
        ctx.year = ctx.years.iter().find(|y| y.data.is_current).cloned();
        match kind {
            Kind::Students | Kind::Enrollments => {
                ctx.classes = store.list(&Query::all()).await?;
                for s in store.list::<Student>(&Query::all()).await? {
                    ctx.students_by_nis.insert(s.data.nis.clone(), s.clone());
                    ctx.students_by_nisn.insert(s.data.nisn.clone(), s);
                }
                for e in store
                    .list::<Enrollment>(&Query::all().filter(Filter::IsNull("end_date")))
                    .await?
                {
                    ctx.open_enrollments
                        .entry(e.data.student_id)
                        .or_default()
                        .push(e);
                }
            }
            Kind::Teachers => ctx.teachers = store.list(&Query::all()).await?,
            Kind::Classes => {
                ctx.classes = store.list(&Query::all()).await?;
                ctx.teachers = store.list(&Query::all()).await?;
            }
            Kind::Subjects => ctx.subjects = store.list(&Query::all()).await?,
        }
        Ok(ctx)
    }

    fn year_name(&self) -> String {
        self.year.as_ref().map_or_else(
            || "the current year (none is set)".into(),
            |y| y.data.name.clone(),
        )
    }

    fn class_in_year(&self, name: &str, year: Option<&str>) -> Option<&Stored<Class>> {
        let year_id = match year {
            Some(y) => self.years.iter().find(|s| s.data.name == y)?.id(),
            None => self.year.as_ref()?.id(),
        };
        self.classes.iter().find(|c| {
            c.data.academic_year_id == year_id && c.data.name.eq_ignore_ascii_case(name.trim())
        })
    }

    fn class_by_name(&self, name: &str) -> Option<&Stored<Class>> {
        self.class_in_year(name, None)
    }

    fn open_enrollments_for(&self, student: Option<Id>) -> Vec<Stored<Enrollment>> {
        student
            .and_then(|id| self.open_enrollments.get(&id))
            .cloned()
            .unwrap_or_default()
    }
}

impl App {
    /// Writes records in the columns the import reads.
    pub async fn export(&self, actor: &Actor, kind: Kind, format: Format) -> AppResult<Vec<u8>> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "export records",
        )?;
        let headers: Vec<&str> = kind.columns().iter().map(|(k, ..)| *k).collect();
        let store = self.store();
        let years: HashMap<Id, String> = store
            .list::<AcademicYear>(&Query::all())
            .await?
            .into_iter()
            .map(|y| (y.id(), y.data.name))
            .collect();
        let classes: HashMap<Id, Stored<Class>> = store
            .list::<Class>(&Query::all())
            .await?
            .into_iter()
            .map(|c| (c.id(), c))
            .collect();
        let class_name = |id: &Id| {
            classes
                .get(id)
                .map(|c| c.data.name.clone())
                .unwrap_or_default()
        };
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<Vec<String>> = match kind {
            Kind::Students => {
                let current = self.find_current_year().await?.map(|y| y.id());
                let open = store
                    .list::<Enrollment>(&Query::all().filter(Filter::IsNull("end_date")))
                    .await?;
                let class_of: HashMap<Id, Id> = open
                    .into_iter()
                    .filter(|e| Some(e.data.academic_year_id) == current)
                    .map(|e| (e.data.student_id, e.data.class_id))
                    .collect();
                store
                    .list::<Student>(&Query::all().order("full_name"))
                    .await?
                    .into_iter()
                    .map(|s| {
                        let d = &s.data;
                        vec![
                            d.nis.clone(),
                            d.nisn.clone(),
                            d.full_name.clone(),
                            d.gender.code().into(),
                            d.birth_place.clone(),
                            d.birth_date.to_string(),
                            d.religion.clone(),
                            d.address.clone(),
                            d.status.as_str().into(),
                            class_of.get(&s.id()).map(&class_name).unwrap_or_default(),
                        ]
                    })
                    .collect()
            }
            Kind::Teachers => store
                .list::<Teacher>(&Query::all().order("full_name"))
                .await?
                .into_iter()
                .map(|t| {
                    let d = t.data;
                    vec![
                        d.full_name,
                        opt(&d.nip),
                        opt(&d.nuptk),
                        d.gender.code().into(),
                        opt(&d.phone),
                        opt(&d.email),
                    ]
                })
                .collect(),
            Kind::Classes => {
                let teachers: HashMap<Id, Teacher> = store
                    .list::<Teacher>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|t| (t.id(), t.data))
                    .collect();
                let mut list: Vec<&Stored<Class>> = classes.values().collect();
                list.sort_by(|a, b| {
                    (a.data.grade_level, &a.data.name).cmp(&(b.data.grade_level, &b.data.name))
                });
                list.into_iter()
                    .map(|c| {
                        let homeroom = c
                            .data
                            .homeroom_teacher_id
                            .and_then(|id| teachers.get(&id))
                            .map(|t| t.nip.clone().unwrap_or_else(|| t.full_name.clone()))
                            .unwrap_or_default();
                        vec![
                            c.data.name.clone(),
                            c.data.grade_level.to_string(),
                            years
                                .get(&c.data.academic_year_id)
                                .cloned()
                                .unwrap_or_default(),
                            homeroom,
                        ]
                    })
                    .collect()
            }
            Kind::Subjects => store
                .list::<Subject>(&Query::all().order("code"))
                .await?
                .into_iter()
                .map(|s| {
                    let d = s.data;
                    vec![
                        d.code,
                        d.name,
                        d.group_name,
                        if d.religion_specific { "yes" } else { "no" }.into(),
                    ]
                })
                .collect(),
            Kind::Enrollments => {
                let nisn: HashMap<Id, String> = store
                    .list::<Student>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|s| (s.id(), s.data.nisn))
                    .collect();
                store
                    .list::<Enrollment>(
                        &Query::all()
                            .filter(Filter::IsNull("end_date"))
                            .order("start_date"),
                    )
                    .await?
                    .into_iter()
                    .map(|e| {
                        let d = e.data;
                        vec![
                            nisn.get(&d.student_id).cloned().unwrap_or_default(),
                            class_name(&d.class_id),
                            years.get(&d.academic_year_id).cloned().unwrap_or_default(),
                            d.start_date.to_string(),
                        ]
                    })
                    .collect()
            }
        };
        write_sheet(format, &headers, &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_offices_write_them() {
        let d = NaiveDate::from_ymd_opt(2010, 5, 1).unwrap();
        assert_eq!(parse_date("2010-05-01", false), Some(d));
        assert_eq!(parse_date("01/05/2010", false), Some(d));
        assert_eq!(parse_date("01-05-2010", false), Some(d));
        assert_eq!(parse_date("1.5.2010", false), Some(d));
        assert_eq!(parse_date("40299", true), Some(d));
        assert_eq!(parse_date("40299", false), None);
        assert_eq!(parse_date("31/02/2010", false), None);
        assert_eq!(parse_date("kemarin", false), None);
    }

    #[test]
    fn formula_guard_round_trips() {
        for dangerous in ["=1+1", "+62812", "-5", "@SUM(A1)", "\tx"] {
            let guarded = guard_formula(dangerous);
            assert!(guarded.starts_with('\''), "{dangerous:?}");
        }
        assert_eq!(guard_formula("Siti"), "Siti");
        assert_eq!(unguard("'=1+1"), "=1+1");
        assert_eq!(unguard("'quoted"), "'quoted");
    }

    #[test]
    fn csv_with_semicolons_and_bom() {
        let sheet = read_csv("\u{feff}nama;nisn\nSiti;0012345678\n".as_bytes()).unwrap();
        assert_eq!(sheet.headers, ["nama", "nisn"]);
        assert_eq!(sheet.rows[0][1].text, "0012345678");
    }

    #[test]
    fn xlsx_export_is_text_and_reads_back() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\")".to_string(),
            "0012345678".to_string(),
        ]];
        let bytes = write_sheet(Format::Xlsx, &["full_name", "nisn"], &rows).unwrap();
        let sheet = read_xlsx(&bytes).unwrap();
        assert_eq!(sheet.headers, ["full_name", "nisn"]);
        assert_eq!(sheet.rows[0][0].text, "=HYPERLINK(\"http://x\")");
        assert!(!sheet.rows[0][0].numeric);
        assert_eq!(sheet.rows[0][1].text, "0012345678");
        // And the workbook holds it as a string cell, not a formula.
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
        let formulas = book.worksheet_formula("Sheet1").unwrap();
        assert!(
            formulas.used_cells().next().is_none(),
            "no cell may hold a formula"
        );
    }
}
