//! Import and export of school records as CSV and XLSX.
//!
//! An import is planned in full before anything is written: every row is
//! read and checked, and every problem is reported with its row, column and
//! reason. If any row is bad, nothing is written — unless the caller asks to
//! skip invalid rows. Records are matched to what is stored (students by NISN;
//! teachers by NIP, NUPTK, then a name only one has; classes by year and
//! name; subjects by code; guardians by name among the child's), so importing
//! the same file twice changes nothing. A row that a weaker key matches but a
//! stronger key contradicts (a NIS held by a student with another NISN) is a
//! conflict, never an update: an import must not overwrite another person.
//!
//! Exports write the same columns the import reads, so a school's export
//! imports into an empty school as the same records; they are safe from
//! formula injection: a CSV cell that a spreadsheet would run as a formula is
//! prefixed with `'`; XLSX cells are always written as text. This module
//! must not read a sheet as one grid sized by what the file declares.

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
    /// Academic years, one row each with its two semesters.
    Years,
    Rooms,
    /// Teaching assignments: who teaches which subject to which class.
    Assignments,
    Students,
    Teachers,
    Classes,
    Subjects,
    Enrollments,
    Guardians,
}

impl Kind {
    /// In the order a school's export is imported into an empty school:
    /// each kind refers only to kinds before it.
    pub const ALL: [Kind; 9] = [
        Kind::Years,
        Kind::Teachers,
        Kind::Rooms,
        Kind::Subjects,
        Kind::Classes,
        Kind::Students,
        Kind::Enrollments,
        Kind::Guardians,
        Kind::Assignments,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Years => "years",
            Kind::Rooms => "rooms",
            Kind::Assignments => "assignments",
            Kind::Students => "students",
            Kind::Teachers => "teachers",
            Kind::Classes => "classes",
            Kind::Subjects => "subjects",
            Kind::Enrollments => "enrollments",
            Kind::Guardians => "guardians",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The column a (normalized) header names, if any.
    fn column_for(self, header: &str) -> Option<&'static str> {
        self.columns()
            .iter()
            .find(|(key, _, aliases)| *key == header || aliases.contains(&header))
            .map(|(key, ..)| *key)
    }

    /// The columns, in export order: (key, required, other names accepted
    /// on import — Indonesian headers from Dapodik-style sheets among them).
    fn columns(self) -> &'static [(&'static str, bool, &'static [&'static str])] {
        match self {
            Kind::Years => &[
                ("name", true, &["year", "academic_year", "tahun_ajaran"]),
                ("start_date", true, &["tanggal_mulai"]),
                ("end_date", true, &["tanggal_selesai"]),
                ("current", false, &["is_current", "berjalan", "aktif"]),
                (
                    "semester1_name",
                    false,
                    &["nama_semester1", "semester_ganjil"],
                ),
                ("semester1_start", false, &["mulai_semester1"]),
                ("semester1_end", false, &["selesai_semester1"]),
                (
                    "semester2_name",
                    false,
                    &["nama_semester2", "semester_genap"],
                ),
                ("semester2_start", false, &["mulai_semester2"]),
                ("semester2_end", false, &["selesai_semester2"]),
            ],
            Kind::Rooms => &[
                ("name", true, &["room", "nama", "ruang", "nama_ruang"]),
                ("capacity", true, &["kapasitas", "daya_tampung"]),
                ("kind", false, &["type", "jenis", "jenis_ruang"]),
            ],
            Kind::Assignments => &[
                ("teacher", true, &["guru", "nama_guru"]),
                ("subject", true, &["subject_code", "mapel", "kode_mapel"]),
                ("class", true, &["kelas", "rombel"]),
                ("year", false, &["academic_year", "tahun_ajaran"]),
                (
                    "periods_per_week",
                    true,
                    &["periods", "jp", "jjm", "jam_per_minggu"],
                ),
            ],
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
                ("active", false, &["aktif"]),
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
                ("end_date", false, &["tanggal_keluar"]),
                ("end_reason", false, &["alasan_keluar"]),
            ],
            Kind::Guardians => &[
                ("nisn", true, &[]),
                (
                    "full_name",
                    true,
                    &["name", "nama", "nama_wali", "nama_orang_tua"],
                ),
                ("relation", true, &["hubungan"]),
                ("phone", false, &["hp", "telepon", "no_hp"]),
                ("occupation", false, &["pekerjaan"]),
                ("address", false, &["alamat"]),
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
    /// What made the cell unreadable as one value, if anything.
    flaw: Option<Flaw>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flaw {
    /// A CSV value running over more than one line: a stray `"` or a line
    /// break typed into a cell.
    LineBreak,
    NotUtf8,
}

impl Cell {
    fn text(text: &str) -> Cell {
        Cell {
            text: unguard(text.trim()).to_string(),
            ..Cell::default()
        }
    }
    fn number(text: String) -> Cell {
        Cell {
            text,
            numeric: true,
            flaw: None,
        }
    }
}

/// One row as read, numbered as the spreadsheet shows it (for CSV, the line
/// of the file where the row starts).
#[derive(Debug, Clone, Default)]
struct Row {
    number: usize,
    cells: Vec<Cell>,
    /// CSV only: the line the row ends on, and how many values it had.
    last_line: usize,
    csv_width: Option<usize>,
}

impl Row {
    fn is_blank(&self) -> bool {
        self.cells
            .iter()
            .all(|c| c.text.is_empty() && c.flaw.is_none())
    }
}

/// A sheet as read: the header row, then the data rows below it, blank
/// rows left out.
#[derive(Debug, Clone, Default)]
struct Sheet {
    header_row: usize,
    headers: Vec<String>,
    rows: Vec<Row>,
}

/// An import reads at most this many rows, columns and filled cells: a
/// workbook declares no honest size of its own, and a 5 KB file can place
/// one cell at XFD1048576.
pub const MAX_ROWS: usize = 100_000;
pub const MAX_COLUMNS: usize = 200;
pub const MAX_CELLS: usize = 2_000_000;

/// The sheet holds a value at (`row`, `col`), counted from 0, beyond what an
/// import reads: refused before it is read, naming the cell.
fn sheet_too_large(row: usize, col: usize) -> AppError {
    let reference = format!("{}{}", column_letters(col), row + 1);
    AppError::ImportRejected(vec![RowProblem::new(
        row + 1,
        reference.clone(),
        Msg::new(
            "sheet_too_large",
            format!(
                "cell {reference} holds a value, but an import reads at most {} rows, {MAX_COLUMNS} columns (A to {}) and {MAX_CELLS} filled cells; delete what lies beyond, or copy the list to a new sheet",
                MAX_ROWS + TITLE_ROWS,
                column_letters(MAX_COLUMNS - 1)
            ),
        )
        .with("cell", &reference)
        .with("rows", MAX_ROWS + TITLE_ROWS)
        .with("columns", MAX_COLUMNS)
        .with("cells", MAX_CELLS),
    )])
}

/// How many rows above the header a sheet may hold (a title, the school's
/// name): the header is the first of these rows that names a column.
const TITLE_ROWS: usize = 20;

impl Sheet {
    /// Finds the header: the first row naming one of the kind's columns (a
    /// title may stand above it), or else the first row that is not blank.
    /// Then checks that each CSV row holds one value per column.
    fn new(kind: Kind, rows: Vec<Row>) -> AppResult<Sheet> {
        let mut rows: Vec<Row> = rows.into_iter().filter(|r| !r.is_blank()).collect();
        let names_a_column = |row: &Row| {
            row.cells
                .iter()
                .any(|c| kind.column_for(&normalize_header(&c.text)).is_some())
        };
        let header_at = rows
            .iter()
            .take(TITLE_ROWS)
            .position(names_a_column)
            .unwrap_or(0);
        if rows.is_empty() {
            return Err(AppError::ImportRejected(vec![RowProblem::new(
                1,
                "-",
                Msg::new("empty_file", "the file is empty"),
            )]));
        }
        let header = rows.drain(..=header_at).next_back().expect("a header row");
        let sheet = Sheet {
            header_row: header.number,
            headers: header.cells.into_iter().map(|c| c.text).collect(),
            rows,
        };
        let mut problems = Vec::new();
        for row in &sheet.rows {
            problems.extend(sheet.flaws(row));
        }
        if !problems.is_empty() {
            // The file's shape is wrong: which row holds what is unknown,
            // so no row of it is imported, even with skip-invalid.
            return Err(AppError::ImportRejected(problems));
        }
        Ok(sheet)
    }

    fn column_label(&self, index: usize) -> String {
        self.headers
            .get(index)
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| "-".into())
    }

    /// A CSV row whose values run over lines, are not UTF-8, or do not line
    /// up with the header.
    fn flaws(&self, row: &Row) -> Vec<RowProblem> {
        let mut problems = Vec::new();
        for (i, cell) in row.cells.iter().enumerate() {
            let msg = match cell.flaw {
                None => continue,
                Some(Flaw::LineBreak) => Msg::new(
                    "multiline_value",
                    format!(
                        "this value runs over lines {} to {} of the file: a \" opens a quoted value that is not closed, or the cell holds a line break; write each value on one line",
                        row.number, row.last_line
                    ),
                )
                .with("from", row.number)
                .with("to", row.last_line),
                Some(Flaw::NotUtf8) => Msg::new(
                    "not_utf8",
                    "is not readable text; save the file as “CSV UTF-8”",
                ),
            };
            problems.push(RowProblem::new(row.number, self.column_label(i), msg));
        }
        if !problems.is_empty() {
            return problems;
        }
        if let Some(width) = row.csv_width {
            let expected = self.headers.len();
            // Empty values past the last column are harmless.
            let filled = row
                .cells
                .iter()
                .rposition(|c| !c.text.is_empty())
                .map_or(0, |i| i + 1);
            if width < expected || filled > expected {
                problems.push(RowProblem::new(
                    row.number,
                    "-",
                    Msg::new(
                        "field_count",
                        format!(
                            "the row has {width} values but the header has {expected}; look for a stray separator or quote"
                        ),
                    )
                    .with("found", width)
                    .with("expected", expected),
                ));
            }
        }
        problems
    }
}

/// Undoes the export's formula guard.
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

fn too_many_rows() -> AppError {
    AppError::ImportRejected(vec![RowProblem::new(
        MAX_ROWS + 1,
        "-",
        Msg::new(
            "too_many_rows",
            format!("an import reads at most {MAX_ROWS} rows; split the file"),
        )
        .with("max", MAX_ROWS),
    )])
}

fn read_csv(bytes: &[u8]) -> AppResult<Vec<Row>> {
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
    let mut n_cells = 0usize;
    let mut record = csv::ByteRecord::new();
    // The reader's own line count skips blank lines; count them from the
    // bytes so a row is numbered by the line an editor shows.
    let mut counted = (0usize, 1usize); // (byte offset, its line)
    let mut line_at = |offset: usize| {
        let (from, line) = counted;
        let line = line
            + bytes[from..offset.max(from)]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
        counted = (offset.max(from), line);
        line
    };
    loop {
        let line = line_at(reader.position().byte() as usize);
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // Reading from memory, only a malformed record can fail;
                // its parser text (byte offsets) is for the log.
                tracing::debug!(error = %e, "CSV record not readable");
                return Err(AppError::ImportRejected(vec![RowProblem::new(
                    line,
                    "-",
                    Msg::new(
                        "csv_unreadable",
                        "this row cannot be read as CSV; open the file in a spreadsheet and save it as CSV again",
                    ),
                )]));
            }
        }
        if rows.len() >= MAX_ROWS + TITLE_ROWS {
            return Err(too_many_rows());
        }
        // A record's position is where the reader stood, before any blank
        // lines it skipped.
        let number = record.position().map_or(line, |p| {
            let mut start = p.byte() as usize;
            while bytes.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                start += 1;
            }
            line_at(start)
        });
        // The same bounds as a workbook's: a line of a million commas
        // must not become a million cells.
        n_cells += record.len();
        if record.len() > MAX_COLUMNS || n_cells > MAX_CELLS {
            let col = record.len().min(MAX_COLUMNS);
            return Err(sheet_too_large(number - 1, col));
        }
        let mut last_line = number;
        let cells = record
            .iter()
            .map(|field| match std::str::from_utf8(field) {
                Ok(text) => {
                    let mut cell = Cell::text(text);
                    if text.contains(['\n', '\r']) {
                        cell.flaw = Some(Flaw::LineBreak);
                        last_line += text.trim_end().matches('\n').count();
                    }
                    cell
                }
                Err(_) => Cell {
                    flaw: Some(Flaw::NotUtf8),
                    ..Cell::default()
                },
            })
            .collect::<Vec<Cell>>();
        rows.push(Row {
            number,
            csv_width: Some(cells.len()),
            cells,
            last_line,
        });
    }
    Ok(rows)
}

fn excel_date(value: &calamine::ExcelDateTime) -> Cell {
    // Serial 0 shows as 00/01/1900 and negatives as ####: no date at all.
    if value.as_f64() < 1.0 || value.is_duration() {
        return Cell::number(value.as_f64().to_string());
    }
    let (y, m, d, ..) = value.to_ymd_hms_milli();
    Cell::text(&format!("{y:04}-{m:02}-{d:02}"))
}

/// The name a spreadsheet shows for a 0-based column: A, B, … Z, AA, …
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

fn unreadable_workbook(detail: impl std::fmt::Display) -> AppError {
    tracing::debug!(error = %detail, "XLSX workbook not readable");
    AppError::Setup(
        "the file is not an XLSX workbook that can be read: it may be damaged or cut short, or be another kind of file named .xlsx; open it in a spreadsheet program and save it as .xlsx again".into(),
    )
}

/// Reads the first worksheet cell by cell, never as one grid: the grid's
/// size is whatever the file claims, and a far-away cell would make it
/// billions of cells. Only cells that hold something are kept.
fn read_xlsx(bytes: &[u8]) -> AppResult<Vec<Row>> {
    use calamine::{DataRef, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable_workbook)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| AppError::Setup("the workbook has no worksheet".into()))?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(unreadable_workbook)?;
    let mut rows: std::collections::BTreeMap<usize, Vec<(usize, Cell)>> = Default::default();
    let mut n_cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(unreadable_workbook)? {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => Cell::text(s),
            DataRef::SharedString(s) => Cell::text(s),
            DataRef::Int(n) => Cell::number(n.to_string()),
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                Cell::number(format!("{}", *f as i64))
            }
            DataRef::Float(f) => Cell::number(f.to_string()),
            DataRef::Bool(b) => Cell::text(&b.to_string()),
            DataRef::DateTime(dt) => excel_date(dt),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Cell::text(&s.chars().take(10).collect::<String>())
            }
            DataRef::Error(e) => Cell::text(&e.to_string()),
        };
        if value.text.is_empty() {
            continue;
        }
        if row >= MAX_ROWS + TITLE_ROWS || col >= MAX_COLUMNS || n_cells >= MAX_CELLS {
            return Err(sheet_too_large(row, col));
        }
        n_cells += 1;
        rows.entry(row).or_default().push((col, value));
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut dense = vec![Cell::default(); width];
            for (col, cell) in cells {
                dense[col] = cell;
            }
            Row {
                number: row + 1,
                cells: dense,
                last_line: row + 1,
                csv_width: None,
            }
        })
        .collect())
}

fn read_sheet(kind: Kind, format: Format, bytes: &[u8]) -> AppResult<Sheet> {
    let rows = match format {
        Format::Csv => read_csv(bytes)?,
        Format::Xlsx => read_xlsx(bytes)?,
    };
    let sheet = Sheet::new(kind, rows)?;
    if sheet.rows.len() > MAX_ROWS {
        return Err(too_many_rows());
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

    /// A student's birth date must be one a pupil can have (the rule is
    /// [`schooldesk_core::validate::student_birth_date`], as in forms).
    fn plausible_birth_date(&mut self, date: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
        match schooldesk_core::validate::student_birth_date(date, today) {
            Ok(()) => Some(date),
            Err(m) => {
                self.problem("birth_date", m);
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
/// A date outside 1800–2200 is a typing error (year 201 for 2012), never
/// a school's date; narrower checks (birth dates) come on top.
fn parse_date(text: &str, numeric: bool) -> Option<NaiveDate> {
    use chrono::Datelike;
    parse_date_text(text, numeric).filter(|d| (1800..=2200).contains(&d.year()))
}

fn parse_date_text(text: &str, numeric: bool) -> Option<NaiveDate> {
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

impl ImportReport {
    /// How many rows were left out (a row can have several problems).
    pub fn rejected_rows(&self) -> usize {
        let rows: std::collections::BTreeSet<usize> = self.rejected.iter().map(|p| p.row).collect();
        rows.len()
    }
}

/// A checked file, ready to be written by [`App::write_import`] without
/// being read again; it belongs to the user who previewed it.
pub struct ImportPlan {
    kind: Kind,
    plan: Plan,
    user_id: Id,
}

impl ImportPlan {
    /// What writing the plan would do.
    pub fn report(&self) -> &ImportReport {
        &self.plan.report
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }
}

/// The rows that passed, turned into writes.
struct Plan {
    changes: ChangeSet,
    report: ImportReport,
    /// Guardians this file creates, so a sibling's row links the same one.
    guardians_made: HashMap<String, Id>,
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
        let plan = self.plan_rows(actor, kind, format, bytes).await?;
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
        let plan = self.plan_rows(actor, kind, format, bytes).await?;
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

    /// Reads and checks a file into a plan that [`App::write_import`]
    /// writes later without reading the file again (the desktop's preview,
    /// then "write").
    pub async fn plan_import(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<ImportPlan> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "import records",
        )?;
        let plan = self.plan_rows(actor, kind, format, bytes).await?;
        Ok(ImportPlan {
            kind,
            plan,
            user_id: actor.user_id,
        })
    }

    /// Writes a plan made by [`App::plan_import`] for the same user. With
    /// rejected rows nothing is written, unless `skip_invalid`.
    pub async fn write_import(
        &self,
        actor: &Actor,
        plan: ImportPlan,
        skip_invalid: bool,
    ) -> AppResult<ImportReport> {
        require(
            actor,
            Action::ImportExport,
            &Target::School,
            "import records",
        )?;
        if plan.user_id != actor.user_id {
            return Err(AppError::NotAllowed(
                "write an import another user previewed",
            ));
        }
        let kind = plan.kind;
        let plan = plan.plan;
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

    async fn plan_rows(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        bytes: &[u8],
    ) -> AppResult<Plan> {
        let sheet = read_sheet(kind, format, bytes)?;
        let mut columns: HashMap<&'static str, usize> = HashMap::new();
        let mut ignored = Vec::new();
        let mut header_problems = Vec::new();
        for (i, header) in sheet.headers.iter().enumerate() {
            match kind.column_for(&normalize_header(header)) {
                Some(key) if columns.contains_key(key) => header_problems.push(RowProblem::new(
                    sheet.header_row,
                    header.clone(),
                    Msg::new("second_column", format!("a second column for {key}"))
                        .with("key", key),
                )),
                Some(key) => {
                    columns.insert(key, i);
                }
                None if header.trim().is_empty() => {}
                None => ignored.push(header.clone()),
            }
        }
        for (key, required, _) in kind.columns() {
            if *required && !columns.contains_key(key) {
                header_problems.push(RowProblem::new(
                    sheet.header_row,
                    *key,
                    Msg::new(
                        "missing_column",
                        format!("the column {key} is missing from the header row"),
                    )
                    .with("key", key),
                ));
            }
        }
        if header_problems.is_empty() && sheet.rows.is_empty() {
            header_problems.push(RowProblem::new(
                sheet.header_row + 1,
                "-",
                Msg::new(
                    "no_rows",
                    "the file has a header row but no records below it; nothing to import",
                ),
            ));
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
            guardians_made: HashMap::new(),
        };
        let ctx = Lookups::load(self, kind).await?;
        let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
        // Years: the row that makes one current, and those written.
        let mut current_row: Option<(usize, String)> = None;
        let mut years_written: Vec<(String, bool)> = Vec::new();
        for sheet_row in &sheet.rows {
            let mut row = RowReader {
                sheet: &sheet,
                columns: &columns,
                cells: &sheet_row.cells,
                row: sheet_row.number,
                problems: Vec::new(),
            };
            let staged = match kind {
                Kind::Years => plan_year(&mut row, &ctx),
                Kind::Rooms => plan_room(&mut row, &ctx),
                Kind::Assignments => plan_assignment(&mut row, &ctx),
                Kind::Students => self.plan_student(&mut row, &ctx),
                Kind::Teachers => plan_teacher(&mut row, &ctx),
                Kind::Classes => plan_class(&mut row, &ctx),
                Kind::Subjects => plan_subject(&mut row, &ctx),
                Kind::Enrollments => self.plan_enrollment(&mut row, &ctx),
                Kind::Guardians => plan_guardian(&mut row, &ctx),
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
            if let Some((name, true)) = &staged.year {
                match &current_row {
                    Some((first, other)) => row.problem(
                        "current",
                        Msg::new(
                            "second_current",
                            format!("{other} on row {first} is marked current too; only one academic year can be current"),
                        )
                        .with("value", other)
                        .with("row", first),
                    ),
                    None => current_row = Some((row.row, name.clone())),
                }
            }
            if row.problems.is_empty() {
                years_written.extend(staged.year.clone());
                staged.apply(&mut plan);
            } else {
                plan.report.rejected.extend(row.problems);
            }
        }
        // A year made current ends the turn of a stored current year the
        // file does not mention (one it mentions is written as it says).
        if let Some((current, _)) = years_written.iter().find(|(_, c)| *c) {
            for other in ctx.years.iter().filter(|y| {
                y.data.is_current
                    && &y.data.name != current
                    && !years_written.iter().any(|(n, _)| *n == y.data.name)
            }) {
                let data = AcademicYear {
                    is_current: false,
                    ..other.data.clone()
                };
                plan.changes.update(other.id(), other.version(), &data);
                plan.report.updated += 1;
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
        let birth_date = row
            .date("birth_date", true)
            .and_then(|d| row.plausible_birth_date(d, self.today()));
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
        // NISN is the stronger key: a row is the student its NISN names, and
        // the NIS, name and birth date must not say it is someone else.
        let by_nisn = ctx.students_by_nisn.get(&nisn);
        let by_nis = ctx.students_by_nis.get(&nis);
        let existing = by_nisn;
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
        match (by_nisn, by_nis) {
            (Some(a), Some(other)) if a.id() != other.id() => {
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
            (None, Some(other)) => {
                row.problem(
                    "nisn",
                    Msg::new(
                        "nis_other_nisn",
                        format!(
                            "NIS {nis} belongs to {} (NISN {}), but this row has NISN {nisn}; if it is the same student, correct the NISN on the student's page first",
                            other.data.full_name, other.data.nisn
                        ),
                    )
                    .with("value", &nis)
                    .with("name", &other.data.full_name)
                    .with("nisn", &other.data.nisn)
                    .with("row_nisn", &nisn),
                );
                return staged;
            }
            (Some(a), _)
                if !same_name(&a.data.full_name, &student.full_name)
                    && a.data.birth_date != student.birth_date =>
            {
                row.problem(
                    "full_name",
                    Msg::new(
                        "nisn_other_person",
                        format!(
                            "NISN {nisn} belongs to {}, born {}, but this row names {}, born {}; check the NISN",
                            a.data.full_name, a.data.birth_date, student.full_name, student.birth_date
                        ),
                    )
                    .with("value", &nisn)
                    .with("name", &a.data.full_name)
                    .with("date", a.data.birth_date)
                    .with("row_name", &student.full_name)
                    .with("row_date", student.birth_date),
                );
                return staged;
            }
            _ => {}
        }
        let student_id = existing.map(|s| s.id());
        staged.write = Some(upsert(existing, student));
        if let Some(class) = class {
            staged.enroll = Some((student_id, class.clone(), self.today()));
        }
        staged.enroll_ctx = ctx.open_enrollments_for(student_id);
        staged
    }

    /// One enrollment, open or ended, with its own dates: an export of the
    /// history imports back to the same history. An open enrollment in
    /// another class of that year is ended as "moved" on the start date.
    fn plan_enrollment(&self, row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
        let nisn = row.required("nisn");
        let class_name = row.required("class");
        let given_start = row.date("start_date", false);
        let start = given_start.unwrap_or_else(|| self.today());
        let end = row.date("end_date", false);
        let end_reason = row.optional("end_reason");
        if let Some(Err(m)) = end_reason.as_deref().map(schooldesk_core::validate::line) {
            row.problem("end_reason", m);
        }
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
        let class = find_class(row, ctx, &class_name, year.as_deref());
        if end.is_some_and(|end| end < start) {
            row.problem(
                "end_date",
                Msg::new("date_order", "the end date must be after the start date"),
            );
        }
        if end.is_none() && end_reason.is_some() {
            row.problem(
                "end_date",
                Msg::new(
                    "end_reason_without_date",
                    "an enrollment with an end reason needs its end date",
                ),
            );
        }
        // One row per enrollment: the same enrollment twice, or two open
        // ones in a year, is a mistake.
        let year_name = class
            .and_then(|c| ctx.years.iter().find(|y| y.id() == c.data.academic_year_id))
            .map(|y| y.data.name.clone())
            .unwrap_or_default();
        let key = match end {
            Some(_) => format!("{nisn} ({class_name}, {year_name}, from {start})"),
            None => format!("{nisn} (in a class of {year_name})"),
        };
        let mut staged = Staged::new(vec![("nisn", key)]);
        staged.counts_as_enrollment = true;
        let (Some(student), Some(class)) = (student, class) else {
            return staged;
        };
        let history = ctx.enrollments_for(student.id());
        let same = |e: &&Stored<Enrollment>| e.data.class_id == class.id();
        match end {
            Some(end) => {
                let data = Enrollment {
                    student_id: student.id(),
                    class_id: class.id(),
                    academic_year_id: class.data.academic_year_id,
                    start_date: start,
                    end_date: Some(end),
                    end_reason,
                };
                let existing = history
                    .iter()
                    .filter(same)
                    .find(|e| e.data.start_date == start);
                staged.write = Some(upsert(existing, data));
            }
            None => {
                let open_here = history
                    .iter()
                    .filter(same)
                    .find(|e| e.data.end_date.is_none());
                match (open_here, given_start) {
                    (Some(open), Some(start)) if open.data.start_date != start => {
                        // The file says when the student started here.
                        let data = Enrollment {
                            start_date: start,
                            ..open.data.clone()
                        };
                        staged.write = Some(upsert(Some(open), data));
                    }
                    (Some(_), _) => staged.write = Some(Write::Unchanged),
                    (None, _) => {
                        let open = ctx.open_enrollments_for(Some(student.id()));
                        if let Some(other) = open
                            .iter()
                            .find(|e| e.data.academic_year_id == class.data.academic_year_id)
                        {
                            if start < other.data.start_date {
                                row.problem(
                                    "start_date",
                                    Msg::new(
                                        "move_before_start",
                                        format!(
                                            "the move date must be on or after {}",
                                            other.data.start_date
                                        ),
                                    )
                                    .with("date", other.data.start_date),
                                );
                                return staged;
                            }
                        }
                        staged.write = Some(Write::Unchanged);
                        staged.enroll = Some((Some(student.id()), class.clone(), start));
                        staged.enroll_ctx = open;
                    }
                }
            }
        }
        staged
    }
}

/// A guardian of a student, matched among that student's guardians by
/// name. A guardian already on file with exactly the same details (a
/// sibling's parent, in the school or earlier in the file) is linked, not
/// made twice.
fn plan_guardian(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let nisn = row.required("nisn");
    let full_name = row.required("full_name");
    let relation = row.required("relation");
    let mut staged = Staged::new(vec![("full_name", format!("{full_name} ({nisn})"))]);
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
    let linked: Vec<&Stored<Guardian>> = student
        .map(|s| {
            ctx.guardian_links
                .iter()
                .filter(|l| l.student_id == s.id())
                .filter_map(|l| ctx.guardians.get(&l.guardian_id))
                .collect()
        })
        .unwrap_or_default();
    let existing = linked
        .iter()
        .copied()
        .find(|g| same_name(&g.data.full_name, &full_name));
    let guardian = Guardian {
        full_name,
        relation,
        phone: row.optional("phone"),
        occupation: row.optional("occupation"),
        address: row.optional("address"),
        user_id: existing.and_then(|g| g.data.user_id),
    };
    if let Err(e) = guardian.validate() {
        row.invalid(e);
        return staged;
    }
    let Some(student) = student else {
        return staged;
    };
    if existing.is_some() {
        staged.write = Some(upsert(existing, guardian));
        return staged;
    }
    // Siblings share a guardian: one with exactly these details, a phone
    // number among them (a name and "Ibu" alone are too common to say it is
    // the same person), already stored or earlier in the file. Never one
    // with a login: giving an account another child is an administrator's
    // decision, not an import's.
    let shareable = guardian.phone.is_some();
    let on_file = ctx
        .guardians
        .values()
        .filter(|g| shareable && g.data.user_id.is_none())
        .find(|g| g.data == guardian)
        .map(|g| g.id());
    let student_id = student.id();
    staged.write = Some(Write::Guardian(Box::new(move |plan: &mut Plan| {
        let key = guardian_key(&guardian);
        let made = shareable
            .then(|| plan.guardians_made.get(&key).copied())
            .flatten();
        let guardian_id = match on_file.or(made) {
            Some(id) => id,
            None => {
                let id = plan.changes.insert(&guardian);
                plan.guardians_made.insert(key, id);
                id
            }
        };
        plan.changes.insert(&StudentGuardian {
            student_id,
            guardian_id,
        });
    })));
    staged
}

/// Every `R` in the store by id, each kept as `keep` makes it.
async fn by_id<R: schooldesk_store::tables::Record, T>(
    store: &schooldesk_store::Store,
    keep: impl Fn(Stored<R>) -> T,
) -> AppResult<HashMap<Id, T>> {
    Ok(store
        .list::<R>(&Query::all())
        .await?
        .into_iter()
        .map(|r| (r.id(), keep(r)))
        .collect())
}

/// The class a row names in `year` (the current one when blank), or `None`
/// with the problem on the row: the year's column when there is no such
/// year, else the class's. A blank class is someone else's problem.
fn find_class<'a>(
    row: &mut RowReader<'_>,
    ctx: &'a Lookups,
    class_name: &str,
    year: Option<&str>,
) -> Option<&'a Stored<Class>> {
    if class_name.is_empty() {
        return None;
    }
    let class = ctx.class_in_year(class_name, year);
    if class.is_none() {
        match year {
            Some(y) if !ctx.years.iter().any(|s| s.data.name == y) => row.problem(
                "year",
                Msg::new("no_year", format!("there is no academic year {y}")).with("value", y),
            ),
            _ => {
                let in_year = year.map_or_else(|| ctx.year_name(), str::to_string);
                row.problem(
                    "class",
                    Msg::new(
                        "no_class",
                        format!("there is no class {class_name:?} in {in_year}"),
                    )
                    .with("value", class_name)
                    .with("year", in_year),
                )
            }
        }
    }
    class
}

fn guardian_key(g: &Guardian) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        g.full_name.to_lowercase(),
        g.relation,
        g.phone,
        g.occupation,
        g.address
    )
}

/// Names compared as people write them: case and spacing aside.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// The stored teacher a row is, `Some(None)` for a new one, or `None` (with
/// the problem on the row) when its keys point at different teachers. NIP
/// is stronger than NUPTK, and both than the name: the strongest key that
/// matches decides, and no other may contradict it.
fn match_teacher<'a>(
    row: &mut RowReader<'_>,
    ctx: &'a Lookups,
    full_name: &str,
    nip: Option<&str>,
    nuptk: Option<&str>,
) -> Option<Option<&'a Stored<Teacher>>> {
    let by_nip = nip.and_then(|n| {
        ctx.teachers
            .iter()
            .find(|t| t.data.nip.as_deref() == Some(n))
    });
    let by_nuptk = nuptk.and_then(|n| {
        ctx.teachers
            .iter()
            .find(|t| t.data.nuptk.as_deref() == Some(n))
    });
    let named: Vec<&Stored<Teacher>> = ctx
        .teachers
        .iter()
        .filter(|t| same_name(&t.data.full_name, full_name))
        .collect();
    let contradicts = |t: &Stored<Teacher>, key: &'static str| -> Option<(String, String)> {
        let (theirs, ours) = match key {
            "nip" => (t.data.nip.as_deref(), nip),
            _ => (t.data.nuptk.as_deref(), nuptk),
        };
        match (theirs, ours) {
            (Some(theirs), Some(ours)) if theirs != ours => Some((theirs.into(), ours.into())),
            _ => None,
        }
    };
    let conflict = |row: &mut RowReader<'_>, key: &'static str, msg: Msg| {
        row.problem(key, msg);
        None::<Option<&'a Stored<Teacher>>>
    };
    let has_other = |t: &Stored<Teacher>, key: &'static str, theirs: &str, ours: &str| {
        let label = key.to_uppercase();
        Msg::new(
            "teacher_other_number",
            format!(
                "{} has {label} {theirs}, but this row has {label} {ours}; if it is the same teacher, correct the {label} on the teacher's page first",
                t.data.full_name
            ),
        )
        .with("name", &t.data.full_name)
        .with("key", &label)
        .with("value", theirs)
        .with("row_value", ours)
    };
    if let (Some(a), Some(b)) = (by_nip, by_nuptk) {
        if a.id() != b.id() {
            return conflict(
                row,
                "nuptk",
                Msg::new(
                    "teacher_two_people",
                    format!(
                        "NUPTK {} belongs to {}, but NIP {} belongs to {}",
                        nuptk.unwrap_or_default(),
                        b.data.full_name,
                        nip.unwrap_or_default(),
                        a.data.full_name
                    ),
                )
                .with("value", nuptk.unwrap_or_default())
                .with("name", &b.data.full_name)
                .with("nip", nip.unwrap_or_default())
                .with("nip_name", &a.data.full_name),
            );
        }
    }
    if let Some(found) = by_nip.or(by_nuptk) {
        for key in ["nip", "nuptk"] {
            if let Some((theirs, ours)) = contradicts(found, key) {
                let msg = has_other(found, key, &theirs, &ours);
                return conflict(row, key, msg);
            }
        }
        if let Some(other) = named.iter().find(|t| t.id() != found.id()) {
            if !same_name(&found.data.full_name, full_name) {
                let (key, value) = match by_nip {
                    Some(_) => ("NIP", nip.unwrap_or_default()),
                    None => ("NUPTK", nuptk.unwrap_or_default()),
                };
                return conflict(
                    row,
                    "full_name",
                    Msg::new(
                        "teacher_name_taken",
                        format!(
                            "{key} {value} belongs to {}, but this row names another teacher, {}",
                            found.data.full_name, other.data.full_name
                        ),
                    )
                    .with("key", key)
                    .with("value", value)
                    .with("name", &found.data.full_name)
                    .with("other", &other.data.full_name),
                );
            }
        }
        return Some(Some(found));
    }
    // Only the name is left to match on; a teacher of that name whose NIP or
    // NUPTK differs from the row's is someone else.
    let fits: Vec<&Stored<Teacher>> = named
        .iter()
        .copied()
        .filter(|t| contradicts(t, "nip").is_none() && contradicts(t, "nuptk").is_none())
        .collect();
    match (named.first(), fits.len()) {
        (Some(first), 0) => {
            let key = if contradicts(first, "nip").is_some() {
                "nip"
            } else {
                "nuptk"
            };
            let (theirs, ours) = contradicts(first, key).expect("a contradicting number");
            let msg = has_other(first, key, &theirs, &ours);
            conflict(row, key, msg)
        }
        (_, 0) => Some(None),
        (_, 1) => Some(Some(fits[0])),
        (_, n) => conflict(
            row,
            "full_name",
            Msg::new(
                "teacher_name_ambiguous",
                format!("{n} teachers are named {full_name}; give the NIP or NUPTK to say which"),
            )
            .with("count", n)
            .with("value", full_name),
        ),
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
    let Some(existing) = match_teacher(row, ctx, &full_name, nip.as_deref(), nuptk.as_deref())
    else {
        return staged;
    };
    // A row with no number matched by its name alone must not update a
    // teacher who has one: it may be another person of the same name, and
    // its blank cells would erase her NIP and NUPTK.
    if let Some(t) = existing {
        if nip.is_none() && nuptk.is_none() && (t.data.nip.is_some() || t.data.nuptk.is_some()) {
            let number = t
                .data
                .nip
                .clone()
                .or(t.data.nuptk.clone())
                .unwrap_or_default();
            row.problem(
                "nip",
                Msg::new(
                    "teacher_name_only",
                    format!(
                        "the teacher {} stored with NIP/NUPTK {number} has the same name; give the NIP or NUPTK to update her or him, or a different one for another teacher",
                        t.data.full_name
                    ),
                )
                .with("name", &t.data.full_name)
                .with("number", number),
            );
            return staged;
        }
    }
    // A blank number never erases a stored one.
    let nip = nip.or_else(|| existing.and_then(|t| t.data.nip.clone()));
    let nuptk = nuptk.or_else(|| existing.and_then(|t| t.data.nuptk.clone()));
    let teacher = Teacher {
        full_name,
        nip,
        nuptk,
        gender,
        phone: row.optional("phone"),
        email: row.optional("email"),
        user_id: existing.and_then(|t| t.data.user_id),
        // Left blank, a teacher stays as stored (a new one is active).
        active: match row.optional("active") {
            Some(_) => row.flag("active"),
            None => existing.is_none_or(|t| t.data.active),
        },
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
        Some(who) => find_teacher(row, ctx, "homeroom", &who).map(|t| t.id()),
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

/// The teacher a cell names: by NIP, then NUPTK, then a name only one
/// teacher has (as exports write a teacher), with the problem on `key`.
fn find_teacher<'a>(
    row: &mut RowReader<'_>,
    ctx: &'a Lookups,
    key: &'static str,
    who: &str,
) -> Option<&'a Stored<Teacher>> {
    // NIP, then NUPTK, then a name only one teacher has.
    let by_number = ctx
        .teachers
        .iter()
        .find(|t| t.data.nip.as_deref() == Some(who) || t.data.nuptk.as_deref() == Some(who));
    let named: Vec<&Stored<Teacher>> = ctx
        .teachers
        .iter()
        .filter(|t| same_name(&t.data.full_name, who))
        .collect();
    let found = by_number.or(match named[..] {
        [one] => Some(one),
        _ => None,
    });
    if found.is_none() && named.len() > 1 {
        row.problem(
            key,
            Msg::new(
                "teacher_name_ambiguous",
                format!(
                    "{} teachers are named {who}; give the NIP or NUPTK to say which",
                    named.len()
                ),
            )
            .with("count", named.len())
            .with("value", who),
        );
    } else if found.is_none() {
        row.problem(
            key,
            Msg::new(
                "no_teacher",
                format!("no teacher has the NIP or name {who:?}"),
            )
            .with("value", who),
        );
    }
    found
}

/// A year row: the year, matched by its name (its only key), with its two
/// semesters in the same row, matched by their number. Semester cells left
/// blank leave a stored semester as it is.
fn plan_year(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let name = row.required("name");
    let start_date = row.date("start_date", true);
    let end_date = row.date("end_date", true);
    let is_current = row.flag("current");
    let mut staged = Staged::new(vec![("name", name.clone())]);
    let (Some(start_date), Some(end_date)) = (start_date, end_date) else {
        return staged;
    };
    let year = AcademicYear {
        name: name.clone(),
        start_date,
        end_date,
        is_current,
    };
    if let Err(e) = year.validate() {
        row.invalid(e);
        return staged;
    }
    let mut terms = Vec::new();
    for number in 1..=2i64 {
        let key = |part: &str| -> &'static str {
            match (number, part) {
                (1, "name") => "semester1_name",
                (1, "start") => "semester1_start",
                (1, _) => "semester1_end",
                (_, "name") => "semester2_name",
                (_, "start") => "semester2_start",
                _ => "semester2_end",
            }
        };
        let given = ["name", "start", "end"]
            .iter()
            .any(|part| !row.text(key(part)).is_empty());
        if !given {
            continue;
        }
        let term_name = row.required(key("name"));
        let start = row.date(key("start"), true);
        let end = row.date(key("end"), true);
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let term = Term {
            academic_year_id: Id::nil(),
            number,
            name: term_name,
            start_date: start,
            end_date: end,
        };
        if let Err(e) = term.validate(&year) {
            for e in e.0 {
                let column = match e.field {
                    "name" | "number" => key("name"),
                    "end_date" => key("end"),
                    _ => key("start"),
                };
                row.problem(column, e.msg);
            }
            continue;
        }
        terms.push(term);
    }
    staged.year = Some((name.clone(), is_current));
    if !row.problems.is_empty() {
        return staged;
    }
    let existing = ctx.years.iter().find(|y| y.data.name == name);
    staged.write = Some(match existing {
        None => Write::Create(Box::new(move |cs| {
            let id = new_id();
            cs.insert_with_id(id, &year);
            for term in terms {
                cs.insert(&Term {
                    academic_year_id: id,
                    ..term
                });
            }
            id
        })),
        Some(stored) => {
            let id = stored.id();
            let year_write = (stored.data != year).then(|| (stored.version(), year));
            let mut term_writes = Vec::new();
            for term in terms {
                let term = Term {
                    academic_year_id: id,
                    ..term
                };
                let old = ctx
                    .terms
                    .iter()
                    .find(|t| t.data.academic_year_id == id && t.data.number == term.number);
                match old {
                    Some(old) if old.data == term => {}
                    Some(old) => term_writes.push((Some((old.id(), old.version())), term)),
                    None => term_writes.push((None, term)),
                }
            }
            if year_write.is_none() && term_writes.is_empty() {
                Write::Unchanged
            } else {
                Write::Update(Box::new(move |cs| {
                    if let Some((version, year)) = year_write {
                        cs.update(id, version, &year);
                    }
                    for (old, term) in term_writes {
                        match old {
                            Some((tid, version)) => cs.update(tid, version, &term),
                            None => {
                                cs.insert(&term);
                            }
                        }
                    }
                }))
            }
        }
    });
    staged
}

/// A room, matched by its name.
fn plan_room(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let name = row.required("name");
    let capacity = row.int("capacity");
    let kind = row.optional("kind").unwrap_or_else(|| "classroom".into());
    let mut staged = Staged::new(vec![("name", name.to_lowercase())]);
    let Some(capacity) = capacity else {
        return staged;
    };
    let room = Room {
        name: name.clone(),
        capacity,
        kind,
    };
    if let Err(e) = room.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx.rooms.iter().find(|r| r.data.name == name);
    staged.write = Some(upsert(existing, room));
    staged
}

/// A teaching assignment: the teacher (NIP, NUPTK or a name only one
/// teacher has), the subject by its code, the class by year and name; one
/// of the same three is updated (its periods per week).
fn plan_assignment(row: &mut RowReader<'_>, ctx: &Lookups) -> Staged {
    let who = row.required("teacher");
    let code = row.required("subject");
    let class_name = row.required("class");
    let year_name = row.optional("year");
    let periods = row.int("periods_per_week");
    let mut staged = Staged::new(vec![]);
    let teacher = match who.is_empty() {
        true => None,
        false => find_teacher(row, ctx, "teacher", &who),
    };
    let subject = ctx.subjects.iter().find(|s| s.data.code == code);
    if subject.is_none() && !code.is_empty() {
        row.problem(
            "subject",
            Msg::new("no_subject", format!("no subject has the code {code:?}"))
                .with("value", &code),
        );
    }
    let class = find_class(row, ctx, &class_name, year_name.as_deref());
    let (Some(teacher), Some(subject), Some(class), Some(periods)) =
        (teacher, subject, class, periods)
    else {
        return staged;
    };
    staged.keys.push((
        "class",
        format!("{}/{}/{}", teacher.id(), subject.id(), class.id()),
    ));
    let assignment = TeachingAssignment {
        teacher_id: teacher.id(),
        subject_id: subject.id(),
        class_id: class.id(),
        periods_per_week: periods,
    };
    if let Err(e) = assignment.validate() {
        row.invalid(e);
        return staged;
    }
    let existing = ctx.assignments.iter().find(|a| {
        a.data.teacher_id == teacher.id()
            && a.data.subject_id == subject.id()
            && a.data.class_id == class.id()
    });
    staged.write = Some(upsert(existing, assignment));
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
    /// A guardian, made or found when the plan is built, and linked.
    Guardian(Box<dyn FnOnce(&mut Plan) + Send>),
}

/// One row's outcome, applied to the plan only if the row had no problems.
struct Staged {
    keys: Vec<(&'static str, String)>,
    write: Option<Write>,
    /// (student, if already stored; class; from) to enroll or move.
    enroll: Option<(Option<Id>, Stored<Class>, NaiveDate)>,
    enroll_ctx: Vec<Stored<Enrollment>>,
    /// The row is an enrollment: one made counts as enrolled.
    counts_as_enrollment: bool,
    /// A year row: its name and whether it is to be current.
    year: Option<(String, bool)>,
}

impl Staged {
    fn new(keys: Vec<(&'static str, String)>) -> Self {
        Staged {
            keys: keys.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
            write: None,
            enroll: None,
            enroll_ctx: Vec::new(),
            counts_as_enrollment: false,
            year: None,
        }
    }

    fn apply(self, plan: &mut Plan) {
        if let Some(Write::Guardian(f)) = self.write {
            f(plan);
            plan.report.created += 1;
            return;
        }
        let cs = &mut plan.changes;
        let report = &mut plan.report;
        let created = match self.write {
            None | Some(Write::Guardian(_)) => return,
            // Counted below: enrolled, or unchanged if already in place.
            Some(Write::Unchanged) if self.counts_as_enrollment && self.enroll.is_some() => None,
            Some(Write::Unchanged) => {
                report.unchanged += 1;
                None
            }
            Some(Write::Create(f)) if self.counts_as_enrollment => {
                f(cs);
                report.enrolled += 1;
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
        } else if self.counts_as_enrollment {
            report.unchanged += 1;
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
    /// Every enrollment, ended ones too (enrollment imports only).
    enrollments: HashMap<Id, Vec<Stored<Enrollment>>>,
    guardians: HashMap<Id, Stored<Guardian>>,
    guardian_links: Vec<StudentGuardian>,
    terms: Vec<Stored<Term>>,
    rooms: Vec<Stored<Room>>,
    assignments: Vec<Stored<TeachingAssignment>>,
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
                for e in store.list::<Enrollment>(&Query::all()).await? {
                    if e.data.end_date.is_none() {
                        ctx.open_enrollments
                            .entry(e.data.student_id)
                            .or_default()
                            .push(e.clone());
                    }
                    ctx.enrollments
                        .entry(e.data.student_id)
                        .or_default()
                        .push(e);
                }
            }
            Kind::Guardians => {
                for s in store.list::<Student>(&Query::all()).await? {
                    ctx.students_by_nisn.insert(s.data.nisn.clone(), s);
                }
                ctx.guardians = store
                    .list::<Guardian>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|g| (g.id(), g))
                    .collect();
                ctx.guardian_links = store
                    .list::<StudentGuardian>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|l| l.data)
                    .collect();
            }
            Kind::Teachers => ctx.teachers = store.list(&Query::all()).await?,
            Kind::Classes => {
                ctx.classes = store.list(&Query::all()).await?;
                ctx.teachers = store.list(&Query::all()).await?;
            }
            Kind::Subjects => ctx.subjects = store.list(&Query::all()).await?,
            Kind::Years => ctx.terms = store.list(&Query::all()).await?,
            Kind::Rooms => ctx.rooms = store.list(&Query::all()).await?,
            Kind::Assignments => {
                ctx.classes = store.list(&Query::all()).await?;
                ctx.teachers = store.list(&Query::all()).await?;
                ctx.subjects = store.list(&Query::all()).await?;
                ctx.assignments = store.list(&Query::all()).await?;
            }
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

    fn enrollments_for(&self, student: Id) -> Vec<Stored<Enrollment>> {
        self.enrollments.get(&student).cloned().unwrap_or_default()
    }

    fn open_enrollments_for(&self, student: Option<Id>) -> Vec<Stored<Enrollment>> {
        student
            .and_then(|id| self.open_enrollments.get(&id))
            .cloned()
            .unwrap_or_default()
    }
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file in
/// the same directory (readable by its owner only: exports hold pupils'
/// data), synced to disk, then given its name. On any failure (a full disk,
/// a pulled USB stick) the temporary file is removed, so no cut-short file
/// is left to be imported later as if complete. Without `replace` an
/// existing file is never overwritten.
pub fn write_file_whole(path: &Path, bytes: &[u8], replace: bool) -> AppResult<()> {
    use std::io::Write as _;
    let shown = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| AppError::Setup(format!("{shown} is not a file name")))?;
    let exists = || AppError::Setup(format!("{shown} exists already; choose another name"));
    if !replace && path.exists() {
        return Err(exists());
    }
    let temporary = dir.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        uuid::Uuid::now_v7().simple()
    ));
    let write = || -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    let result = write().and_then(|()| {
        if replace {
            return std::fs::rename(&temporary, path);
        }
        // A hard link never replaces a file that appeared meanwhile; file
        // systems without links (FAT on USB sticks) get a checked rename.
        match std::fs::hard_link(&temporary, path) {
            Ok(()) => std::fs::remove_file(&temporary),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            Err(_) if path.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
            Err(_) => std::fs::rename(&temporary, path),
        }
    });
    match result {
        Ok(()) => {
            // The new name is on disk only once the directory is.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            tracing::debug!(path = %shown, error = %e, "writing a file failed");
            Err(match e.kind() {
                std::io::ErrorKind::AlreadyExists => exists(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    AppError::Setup(format!(
                        "the disk is full: {shown} was not written (nothing was left behind); free some space or choose another disk"
                    ))
                }
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    AppError::Setup(format!(
                        "{shown} cannot be written here: no permission, or the disk is read-only"
                    ))
                }
                std::io::ErrorKind::NotFound => AppError::Setup(format!(
                    "{shown} cannot be written: the folder {} does not exist",
                    dir.display()
                )),
                _ => AppError::Setup(format!(
                    "{shown} could not be written ({e}); nothing was left behind"
                )),
            })
        }
    }
}

impl App {
    /// Exports to a file, whole or not at all (see [`write_file_whole`]).
    pub async fn export_to_file(
        &self,
        actor: &Actor,
        kind: Kind,
        format: Format,
        path: &Path,
        replace: bool,
    ) -> AppResult<()> {
        let bytes = self.export(actor, kind, format).await?;
        write_file_whole(path, &bytes, replace)
    }

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
        let years: HashMap<Id, String> =
            by_id(store, |y: Stored<AcademicYear>| y.data.name).await?;
        let classes: HashMap<Id, Stored<Class>> = by_id(store, |c: Stored<Class>| c).await?;
        let class_name = |id: &Id| {
            classes
                .get(id)
                .map(|c| c.data.name.clone())
                .unwrap_or_default()
        };
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<Vec<String>> = match kind {
            Kind::Years => {
                let terms = store.list::<Term>(&Query::all()).await?;
                let mut list = store.list::<AcademicYear>(&Query::all()).await?;
                list.sort_by(|a, b| {
                    (a.data.start_date, &a.data.name).cmp(&(b.data.start_date, &b.data.name))
                });
                list.into_iter()
                    .map(|y| {
                        let mut row = vec![
                            y.data.name.clone(),
                            y.data.start_date.to_string(),
                            y.data.end_date.to_string(),
                            if y.data.is_current { "yes" } else { "no" }.into(),
                        ];
                        for number in 1..=2 {
                            match terms.iter().find(|t| {
                                t.data.academic_year_id == y.id() && t.data.number == number
                            }) {
                                Some(t) => row.extend([
                                    t.data.name.clone(),
                                    t.data.start_date.to_string(),
                                    t.data.end_date.to_string(),
                                ]),
                                None => row.extend([String::new(), String::new(), String::new()]),
                            }
                        }
                        row
                    })
                    .collect()
            }
            Kind::Rooms => store
                .list::<Room>(&Query::all().order("name"))
                .await?
                .into_iter()
                .map(|r| vec![r.data.name, r.data.capacity.to_string(), r.data.kind])
                .collect(),
            Kind::Assignments => {
                let teachers: HashMap<Id, Teacher> =
                    by_id(store, |t: Stored<Teacher>| t.data).await?;
                let subjects: HashMap<Id, String> =
                    by_id(store, |s: Stored<Subject>| s.data.code).await?;
                let mut rows: Vec<Vec<String>> = store
                    .list::<TeachingAssignment>(&Query::all())
                    .await?
                    .into_iter()
                    .map(|a| {
                        let d = a.data;
                        let year = classes
                            .get(&d.class_id)
                            .and_then(|c| years.get(&c.data.academic_year_id))
                            .cloned()
                            .unwrap_or_default();
                        vec![
                            teachers
                                .get(&d.teacher_id)
                                .map(teacher_ref)
                                .unwrap_or_default(),
                            subjects.get(&d.subject_id).cloned().unwrap_or_default(),
                            class_name(&d.class_id),
                            year,
                            d.periods_per_week.to_string(),
                        ]
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    (&a[3], &a[2], &a[1], &a[0]).cmp(&(&b[3], &b[2], &b[1], &b[0]))
                });
                rows
            }
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
                        if d.active { "yes" } else { "no" }.into(),
                    ]
                })
                .collect(),
            Kind::Classes => {
                let teachers: HashMap<Id, Teacher> =
                    by_id(store, |t: Stored<Teacher>| t.data).await?;
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
                            .map(teacher_ref)
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
                let nisn: HashMap<Id, String> =
                    by_id(store, |s: Stored<Student>| s.data.nisn).await?;
                // The whole history, ended enrollments too, each with its
                // own dates: it imports back to the same records.
                let mut list = store.list::<Enrollment>(&Query::all()).await?;
                list.sort_by(|a, b| {
                    let key = |e: &Stored<Enrollment>| {
                        (
                            e.data.start_date,
                            e.data.end_date.is_none(),
                            nisn.get(&e.data.student_id).cloned(),
                        )
                    };
                    key(a).cmp(&key(b))
                });
                list.into_iter()
                    .map(|e| {
                        let d = e.data;
                        vec![
                            nisn.get(&d.student_id).cloned().unwrap_or_default(),
                            class_name(&d.class_id),
                            years.get(&d.academic_year_id).cloned().unwrap_or_default(),
                            d.start_date.to_string(),
                            d.end_date.map(|d| d.to_string()).unwrap_or_default(),
                            opt(&d.end_reason),
                        ]
                    })
                    .collect()
            }
            Kind::Guardians => {
                let students: HashMap<Id, Student> =
                    by_id(store, |s: Stored<Student>| s.data).await?;
                let guardians: HashMap<Id, Guardian> =
                    by_id(store, |g: Stored<Guardian>| g.data).await?;
                let mut rows: Vec<Vec<String>> = store
                    .list::<StudentGuardian>(&Query::all())
                    .await?
                    .into_iter()
                    .filter_map(|link| {
                        let s = students.get(&link.data.student_id)?;
                        let g = guardians.get(&link.data.guardian_id)?;
                        Some(vec![
                            s.nisn.clone(),
                            g.full_name.clone(),
                            g.relation.clone(),
                            opt(&g.phone),
                            opt(&g.occupation),
                            opt(&g.address),
                        ])
                    })
                    .collect();
                rows.sort();
                rows
            }
        };
        write_sheet(format, &headers, &rows)
    }
}

/// How an export names a teacher: NIP, else NUPTK, else the name (what
/// [`find_teacher`] reads back).
fn teacher_ref(t: &Teacher) -> String {
    t.nip
        .clone()
        .or_else(|| t.nuptk.clone())
        .unwrap_or_else(|| t.full_name.clone())
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
        let rows = read_csv("\u{feff}nama;nisn\nSiti;0012345678\n".as_bytes()).unwrap();
        let sheet = Sheet::new(Kind::Students, rows).unwrap();
        assert_eq!(sheet.headers, ["nama", "nisn"]);
        assert_eq!(sheet.rows[0].cells[1].text, "0012345678");
    }

    #[test]
    fn xlsx_export_is_text_and_reads_back() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\")".to_string(),
            "0012345678".to_string(),
        ]];
        let bytes = write_sheet(Format::Xlsx, &["full_name", "nisn"], &rows).unwrap();
        let sheet = Sheet::new(Kind::Students, read_xlsx(&bytes).unwrap()).unwrap();
        assert_eq!(sheet.headers, ["full_name", "nisn"]);
        assert_eq!(sheet.rows[0].cells[0].text, "=HYPERLINK(\"http://x\")");
        assert!(!sheet.rows[0].cells[0].numeric);
        assert_eq!(sheet.rows[0].cells[1].text, "0012345678");
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
