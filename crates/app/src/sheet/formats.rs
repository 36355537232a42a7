//! The file formats: CSV and XLSX read into rows of cells (within
//! [`MAX_ROWS`], [`MAX_COLUMNS`] and [`MAX_CELLS`], never as one grid sized by
//! what the file declares), the header row found, each CSV row checked for
//! its shape; and a sheet written as CSV (formula-guarded) or XLSX (text
//! cells only).

use super::{Format, Kind};
use crate::error::RowProblem;
use crate::{AppError, AppResult};
use schooldesk_core::Msg;
use std::io::Cursor;

/// One cell as read: its text, and whether the spreadsheet held a number
/// there (so a NISN that lost its leading zeros can be explained).
#[derive(Debug, Clone, Default)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) numeric: bool,
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
pub(super) struct Row {
    pub(super) number: usize,
    pub(super) cells: Vec<Cell>,
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
pub(super) struct Sheet {
    pub(super) header_row: usize,
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<Row>,
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
    /// Finds the header: the first row naming enough of the kind's columns
    /// (two; a title such as "Nama Sekolah: …" names at most one) — titles,
    /// the school's name and an export date may stand above it, as in a
    /// Dapodik export — else the row naming the most, else the first row
    /// that is not blank. A second header row right below it (the labels
    /// under a merged "Data Ayah") holds nothing under the matched columns
    /// and is left out. Then checks that each CSV row holds one value per
    /// column.
    fn new(kind: Kind, rows: Vec<Row>) -> AppResult<Sheet> {
        let mut rows: Vec<Row> = rows.into_iter().filter(|r| !r.is_blank()).collect();
        let named = |row: &Row| -> Vec<usize> {
            row.cells
                .iter()
                .enumerate()
                .filter(|(_, c)| kind.column_for(&normalize_header(&c.text)).is_some())
                .map(|(i, _)| i)
                .collect()
        };
        let counts: Vec<usize> = rows
            .iter()
            .take(TITLE_ROWS)
            .map(|r| named(r).len())
            .collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        let header_at = counts
            .iter()
            .position(|n| *n >= 2.min(most).max(1))
            .unwrap_or(0);
        if rows.is_empty() {
            return Err(AppError::ImportRejected(vec![RowProblem::new(
                1,
                "-",
                Msg::new("empty_file", "the file is empty"),
            )]));
        }
        let header = rows.drain(..=header_at).next_back().expect("a header row");
        let matched = named(&header);
        // A second header row under merged cells ("Data Ayah" over "Nama",
        // "Tahun Lahir"): nothing under the columns read, and words (not
        // numbers) under others. A row with a number there (a data row
        // whose read cells are empty) is kept, to be reported as it is.
        let sub_header = |row: &Row| {
            !matched.is_empty()
                && matched
                    .iter()
                    .all(|i| row.cells.get(*i).is_none_or(|c| c.text.is_empty()))
                && row.cells.iter().enumerate().any(|(i, c)| {
                    let text = c.text.trim();
                    !matched.contains(&i) && !text.is_empty() && text.parse::<f64>().is_err()
                })
                && row
                    .cells
                    .iter()
                    .enumerate()
                    .all(|(i, c)| matched.contains(&i) || c.text.trim().parse::<f64>().is_err())
        };
        if rows.first().is_some_and(sub_header) {
            rows.remove(0);
        }
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
    AppError::setup(
        "xlsx_unreadable",
        "the file is not an XLSX workbook that can be read: it may be damaged or cut short, or be another kind of file named .xlsx; open it in a spreadsheet program and save it as .xlsx again",
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
        .ok_or_else(|| AppError::setup("no_worksheet", "the workbook has no worksheet"))?;
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

/// Every row of a CSV or XLSX file as plain text cells, numbered as the
/// spreadsheet shows them, within the same bounds as an import: for files
/// whose layout is not a Schooldesk sheet (a bank's statement).
pub fn read_rows(format: Format, bytes: &[u8]) -> AppResult<Vec<(usize, Vec<String>)>> {
    let rows = match format {
        Format::Csv => read_csv(bytes)?,
        Format::Xlsx => read_xlsx(bytes)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| (r.number, r.cells.into_iter().map(|c| c.text).collect()))
        .collect())
}

pub(super) fn read_sheet(kind: Kind, format: Format, bytes: &[u8]) -> AppResult<Sheet> {
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

pub(super) fn normalize_header(h: &str) -> String {
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
            let fail =
                |e: csv::Error| AppError::setup("internal", format!("cannot write CSV: {e}"));
            writer.write_record(headers).map_err(fail)?;
            for row in rows {
                writer
                    .write_record(row.iter().map(|c| guard_formula(c)))
                    .map_err(fail)?;
            }
            writer
                .into_inner()
                .map_err(|e| AppError::setup("internal", format!("cannot write CSV: {e}")))
        }
        Format::Xlsx => {
            let fail = |e: rust_xlsxwriter::XlsxError| {
                AppError::setup("internal", format!("cannot write XLSX: {e}"))
            };
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn only_a_second_header_row_is_skipped_never_a_data_row() {
        // Under the header, words under unread columns only: a second
        // header row ("Data Ayah" over "Nama", "Tahun Lahir"), skipped.
        let csv = "No,Nama,NISN,Data Ayah,\n,,,Nama,Tahun Lahir\n1,Siti,0012345678,Budi,1980\n";
        let sheet = Sheet::new(Kind::Students, read_csv(csv.as_bytes()).unwrap()).unwrap();
        assert_eq!(sheet.rows.len(), 1);
        assert_eq!(sheet.rows[0].cells[1].text, "Siti");
        // A data row whose read cells are empty (a number under "No") stays,
        // to be reported as it is, not dropped without a word.
        let csv = "No,Nama,NISN,Keterangan\n1,,,pindahan\n2,Siti,0012345678,\n";
        let sheet = Sheet::new(Kind::Students, read_csv(csv.as_bytes()).unwrap()).unwrap();
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].cells[0].text, "1");
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
