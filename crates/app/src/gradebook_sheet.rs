//! The gradebook as a spreadsheet (issue 12, item 3): a class's grid in a
//! subject and semester exported to an XLSX template, filled in a
//! spreadsheet program, and imported back.
//!
//! **The file.** Sheet `Nilai`: a title block (class, subject, semester,
//! and a line saying the last two columns are read-only), then a header row
//! `No | NIS | Nama | <Component>: <Assessment> … | Nilai Akhir | Predikat`,
//! then one row per student in the grid's order, scores as numbers. A hidden
//! sheet `info` says exactly which gradebook the file is (class, subject and
//! semester ids and names) and which assessment each column is (by id).
//!
//! **The import** checks the whole file before anything is written: a file
//! of another class, subject or semester is refused by name; a file that is
//! not a gradebook is refused; then every problem is collected — a student
//! whose NIS is not in the class, a column added or missing, a cell that is
//! not a score (not a number, outside 0–100, more than two decimals, read
//! with [`Score::parse`]) — each with its sheet, row and column. If there
//! is any, nothing is written ([`AppError::ImportRejected`]). Otherwise the
//! cells that differ from what is stored go through
//! [`App::gradebook_save`]: one transaction, audited, with its checks of
//! who may grade and of the sign-off lock. Nilai Akhir and Predikat are
//! never read.

use crate::auth::require;
use crate::error::RowProblem;
use crate::gradebook::{score_problem, CellInput, Gradebook, StudentFinal};
use crate::{App, AppError, AppResult};
use schooldesk_core::grading::{Final, Score};
use schooldesk_core::*;
use schooldesk_store::Query;
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

/// The grid's sheet.
pub const GRADES_SHEET: &str = "Nilai";
/// The hidden sheet naming the gradebook and its columns.
pub const INFO_SHEET: &str = "info";
/// The first cell of the info sheet: what kind of file this is.
const MARKER: &str = "schooldesk-gradebook";
const FORMAT_VERSION: &str = "1";

const H_NO: &str = "No";
const H_NIS: &str = "NIS";
const H_NAME: &str = "Nama";
const H_FINAL: &str = "Nilai Akhir";
const H_PREDICATE: &str = "Predikat";

/// The header row's place in `Nilai` (0-based): below the title block.
const HEADER_ROW: u32 = 6;
/// Rows and columns an import reads at most (a class is never this big; a
/// far-away cell in a crafted file must not size anything).
const MAX_ROWS: usize = 2_000;
const MAX_COLUMNS: usize = 200;

/// What an import changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedGrades {
    /// Cells given a new or another score.
    pub cells_changed: usize,
    /// Cells whose score was removed (left empty in the file).
    pub cells_cleared: usize,
    /// The finals of the students whose cells changed.
    pub finals: Vec<StudentFinal>,
}

/// The names a gradebook is known by.
struct Names {
    class: String,
    subject: String,
    term: String,
}

impl Names {
    fn said(&self) -> String {
        format!("{}, {}, {}", self.class, self.subject, self.term)
    }
}

/// A column's header: "Formatif: UH 1".
fn header_of(book: &Gradebook, column: &crate::gradebook::GradebookColumn) -> String {
    let component = book
        .scheme
        .as_ref()
        .and_then(|s| s.components.iter().find(|c| c.id == column.component_id))
        .map(|c| c.name.as_str())
        .unwrap_or("?");
    format!("{component}: {}", column.name)
}

/// A score as the number a spreadsheet holds (hundredths are exact in
/// an f64's shortest form: 84.49 reads back as "84.49").
fn number(score: Score) -> f64 {
    score.hundredths() as f64 / 100.0
}

fn xlsx_failed(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::setup("internal", format!("cannot write XLSX: {e}"))
}

/// The name a spreadsheet shows for a 0-based column: A, B, … Z, AA, …
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A cell's column as a problem names it: the sheet, the column letter and
/// the header, "Nilai!D (Formatif: UH 1)".
fn place(sheet: &str, col: usize, header: &str) -> String {
    if header.is_empty() {
        format!("{sheet}!{}", column_letters(col))
    } else {
        format!("{sheet}!{} ({header})", column_letters(col))
    }
}

fn not_a_gradebook(detail: &str) -> AppError {
    tracing::debug!(detail, "not a gradebook file");
    AppError::setup(
        "not_a_gradebook",
        "this file is not a gradebook exported by Schooldesk (it has no \"info\" sheet naming its class, subject and semester); export the gradebook first and fill in that file",
    )
}

/// One worksheet read cell by cell (never as one grid sized by what the
/// file declares): text per (row, column), numbers as their shortest
/// decimal text.
type Cells = HashMap<(usize, usize), String>;

fn read_cells(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> AppResult<Option<(Cells, usize)>> {
    use calamine::{DataRef, Reader};
    if !book.sheet_names().iter().any(|n| n == sheet) {
        return Ok(None);
    }
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| not_a_gradebook(&e.to_string()))?;
    let mut cells = Cells::new();
    let mut last_row = 0;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| not_a_gradebook(&e.to_string()))?
    {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => s.trim().to_string(),
            DataRef::SharedString(s) => s.trim().to_string(),
            DataRef::Int(n) => n.to_string(),
            DataRef::Float(f) => f.to_string(),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => d.as_f64().to_string(),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.to_string(),
            DataRef::Error(e) => format!("#{e}"),
        };
        if text.is_empty() {
            continue;
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(AppError::ImportRejected(vec![RowProblem::new(
                row + 1,
                place(sheet, col, ""),
                Msg::new(
                    "gradebook_sheet_too_large",
                    format!(
                        "this cell holds a value, but a gradebook file is read only up to row {MAX_ROWS} and column {}; delete what lies beyond",
                        column_letters(MAX_COLUMNS - 1)
                    ),
                )
                .with("sheet", sheet),
            )]));
        }
        last_row = last_row.max(row);
        cells.insert((row, col), text);
    }
    Ok(Some((cells, last_row)))
}

/// What the info sheet says the file is.
struct Info {
    class_id: String,
    subject_id: String,
    term_id: String,
    names: Names,
    /// Each grade column: its assessment id and its header.
    columns: Vec<(String, String)>,
}

fn read_info(cells: &Cells) -> AppResult<Info> {
    let at = |r: usize, c: usize| cells.get(&(r, c)).cloned().unwrap_or_default();
    if at(0, 0) != MARKER {
        return Err(not_a_gradebook("no marker in info!A1"));
    }
    let mut values: HashMap<String, (String, String)> = HashMap::new();
    let mut columns = Vec::new();
    let last = cells.keys().map(|(r, _)| *r).max().unwrap_or(0);
    for r in 1..=last {
        let key = at(r, 0);
        if key == "column" {
            columns.push((at(r, 1), at(r, 2)));
        } else if !key.is_empty() {
            values.insert(key, (at(r, 1), at(r, 2)));
        }
    }
    let mut get = |key: &str| {
        values
            .remove(key)
            .ok_or_else(|| not_a_gradebook(&format!("no {key} in info")))
    };
    let (class_id, class) = get("class")?;
    let (subject_id, subject) = get("subject")?;
    let (term_id, term) = get("term")?;
    Ok(Info {
        class_id,
        subject_id,
        term_id,
        names: Names {
            class,
            subject,
            term,
        },
        columns,
    })
}

impl App {
    async fn gradebook_names(&self, class_id: Id, subject_id: Id, term_id: Id) -> AppResult<Names> {
        Ok(Names {
            class: self.store().get::<Class>(class_id).await?.data.name,
            subject: self.store().get::<Subject>(subject_id).await?.data.name,
            term: self.store().get::<Term>(term_id).await?.data.name,
        })
    }

    /// A class's gradebook in a subject and semester as an XLSX file
    /// (see the module's documentation). Whoever may open the gradebook
    /// may export it.
    pub async fn gradebook_export(
        &self,
        actor: &Actor,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
    ) -> AppResult<Vec<u8>> {
        let book = self
            .gradebook_open(actor, class_id, subject_id, term_id)
            .await?;
        let names = self.gradebook_names(class_id, subject_id, term_id).await?;
        let headers: Vec<String> = book.columns.iter().map(|c| header_of(&book, c)).collect();
        let scores: HashMap<(Id, Id), Score> = book
            .scores
            .iter()
            .map(|s| ((s.assessment_id, s.student_id), s.score))
            .collect();
        let finals: HashMap<Id, &Final> = book
            .finals
            .iter()
            .map(|f| (f.student_id, &f.result))
            .collect();

        let bold = rust_xlsxwriter::Format::new().set_bold();
        let title = rust_xlsxwriter::Format::new().set_bold().set_font_size(14);
        let header = rust_xlsxwriter::Format::new()
            .set_bold()
            .set_border(rust_xlsxwriter::FormatBorder::Thin)
            .set_background_color(rust_xlsxwriter::Color::RGB(0xDDEBF7));
        let read_only = rust_xlsxwriter::Format::new()
            .set_italic()
            .set_background_color(rust_xlsxwriter::Color::RGB(0xEEEEEE));
        let text = rust_xlsxwriter::Format::new().set_num_format("@");

        let mut grid = rust_xlsxwriter::Worksheet::new();
        grid.set_name(GRADES_SHEET).map_err(xlsx_failed)?;
        grid.write_string_with_format(0, 0, "Daftar Nilai", &title)
            .map_err(xlsx_failed)?;
        for (r, (label, value)) in [
            ("Kelas", &names.class),
            ("Mata pelajaran", &names.subject),
            ("Semester", &names.term),
        ]
        .into_iter()
        .enumerate()
        {
            grid.write_string_with_format(r as u32 + 1, 0, label, &bold)
                .map_err(xlsx_failed)?;
            grid.write_string(r as u32 + 1, 2, value)
                .map_err(xlsx_failed)?;
        }
        grid.write_string(
            4,
            0,
            "Isi nilai 0–100 (paling banyak dua angka desimal); sel kosong menghapus nilai. Kolom Nilai Akhir dan Predikat hanya dibaca (read-only): dihitung oleh Schooldesk dan tidak diimpor. Jangan menambah, menghapus atau mengganti nama kolom.",
        )
        .map_err(xlsx_failed)?;

        let fixed = [H_NO, H_NIS, H_NAME];
        let mut col = 0u16;
        for h in fixed {
            grid.write_string_with_format(HEADER_ROW, col, h, &header)
                .map_err(xlsx_failed)?;
            col += 1;
        }
        for h in &headers {
            grid.write_string_with_format(HEADER_ROW, col, h, &header)
                .map_err(xlsx_failed)?;
            col += 1;
        }
        let final_col = col;
        grid.write_string_with_format(HEADER_ROW, final_col, H_FINAL, &header)
            .map_err(xlsx_failed)?;
        grid.write_string_with_format(HEADER_ROW, final_col + 1, H_PREDICATE, &header)
            .map_err(xlsx_failed)?;

        for (i, student) in book.students.iter().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            grid.write_number(row, 0, (i + 1) as f64)
                .map_err(xlsx_failed)?;
            // Text: a NIS keeps its leading zeros.
            grid.write_string_with_format(row, 1, &student.nis, &text)
                .map_err(xlsx_failed)?;
            grid.write_string(row, 2, &student.full_name)
                .map_err(xlsx_failed)?;
            for (c, column) in book.columns.iter().enumerate() {
                if let Some(score) = scores.get(&(column.id, student.student_id)) {
                    grid.write_number(row, 3 + c as u16, number(*score))
                        .map_err(xlsx_failed)?;
                }
            }
            match finals.get(&student.student_id) {
                Some(Final::Graded {
                    grade, predicate, ..
                }) => {
                    grid.write_number_with_format(row, final_col, number(*grade), &read_only)
                        .map_err(xlsx_failed)?;
                    grid.write_string_with_format(row, final_col + 1, predicate, &read_only)
                        .map_err(xlsx_failed)?;
                }
                _ => {
                    grid.write_string_with_format(row, final_col, "belum lengkap", &read_only)
                        .map_err(xlsx_failed)?;
                    grid.write_blank(row, final_col + 1, &read_only)
                        .map_err(xlsx_failed)?;
                }
            }
        }
        grid.set_column_width(0, 5).map_err(xlsx_failed)?;
        grid.set_column_width(1, 14).map_err(xlsx_failed)?;
        grid.set_column_width(2, 30).map_err(xlsx_failed)?;
        for c in 3..=final_col + 1 {
            grid.set_column_width(c, 14).map_err(xlsx_failed)?;
        }
        grid.set_freeze_panes(HEADER_ROW + 1, 3)
            .map_err(xlsx_failed)?;

        let mut info = rust_xlsxwriter::Worksheet::new();
        info.set_name(INFO_SHEET).map_err(xlsx_failed)?;
        info.write_string(0, 0, MARKER).map_err(xlsx_failed)?;
        info.write_string(0, 1, FORMAT_VERSION)
            .map_err(xlsx_failed)?;
        let rows = [
            ("class", class_id.to_string(), names.class.clone()),
            ("subject", subject_id.to_string(), names.subject.clone()),
            ("term", term_id.to_string(), names.term.clone()),
        ];
        let mut r = 1u32;
        for (key, id, name) in rows {
            info.write_string(r, 0, key).map_err(xlsx_failed)?;
            info.write_string(r, 1, &id).map_err(xlsx_failed)?;
            info.write_string(r, 2, &name).map_err(xlsx_failed)?;
            r += 1;
        }
        for (column, h) in book.columns.iter().zip(&headers) {
            info.write_string(r, 0, "column").map_err(xlsx_failed)?;
            info.write_string(r, 1, column.id.to_string())
                .map_err(xlsx_failed)?;
            info.write_string(r, 2, h).map_err(xlsx_failed)?;
            r += 1;
        }
        info.set_hidden(true);

        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook.push_worksheet(grid);
        workbook.push_worksheet(info);
        workbook.save_to_buffer().map_err(xlsx_failed)
    }

    /// Reads back a file made by [`App::gradebook_export`] (see the
    /// module's documentation): all or nothing.
    pub async fn gradebook_import(
        &self,
        actor: &Actor,
        class_id: Id,
        subject_id: Id,
        term_id: Id,
        bytes: &[u8],
    ) -> AppResult<ImportedGrades> {
        // Who may see this gradebook at all (the save checks who may grade).
        let book = self
            .gradebook_open(actor, class_id, subject_id, term_id)
            .await?;
        let names = self.gradebook_names(class_id, subject_id, term_id).await?;

        let mut workbook: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map_err(|e| {
                tracing::debug!(error = %e, "gradebook file not readable as XLSX");
                AppError::setup(
                    "xlsx_unreadable",
                    "the file is not an XLSX workbook that can be read: it may be damaged or cut short, or be another kind of file named .xlsx; open it in a spreadsheet program and save it as .xlsx again",
                )
            })?;
        let Some((info_cells, _)) = read_cells(&mut workbook, INFO_SHEET)? else {
            return Err(not_a_gradebook("no info sheet"));
        };
        let info = read_info(&info_cells)?;
        if info.class_id != class_id.to_string()
            || info.subject_id != subject_id.to_string()
            || info.term_id != term_id.to_string()
        {
            return Err(AppError::Setup(
                Msg::new(
                    "gradebook_of_another",
                    format!(
                        "this file is the gradebook of {}; you opened {}",
                        info.names.said(),
                        names.said()
                    ),
                )
                .with("file_class", &info.names.class)
                .with("file_subject", &info.names.subject)
                .with("file_term", &info.names.term)
                .with("class", &names.class)
                .with("subject", &names.subject)
                .with("term", &names.term),
            ));
        }
        let Some((cells, last_row)) = read_cells(&mut workbook, GRADES_SHEET)? else {
            return Err(not_a_gradebook("no Nilai sheet"));
        };
        let at = |r: usize, c: usize| cells.get(&(r, c)).map(String::as_str).unwrap_or("");

        // The header row: the one naming NIS and Nama.
        let header_row = (0..=last_row.min(30))
            .find(|r| at(*r, 1) == H_NIS && at(*r, 2) == H_NAME)
            .ok_or_else(|| not_a_gradebook("no header row with NIS and Nama"))?;
        let width = cells
            .keys()
            .filter(|(r, _)| *r == header_row)
            .map(|(_, c)| c + 1)
            .max()
            .unwrap_or(0);

        let mut problems = Vec::new();
        let header_problem = |col: usize, header: &str, reason: Msg| {
            RowProblem::new(
                header_row + 1,
                place(GRADES_SHEET, col, header),
                reason.with("sheet", GRADES_SHEET),
            )
        };

        // Columns: by the ids the info sheet gives each header.
        let by_header: HashMap<&str, &str> = info
            .columns
            .iter()
            .map(|(id, h)| (h.as_str(), id.as_str()))
            .collect();
        let grid_ids: HashMap<String, Id> = book
            .columns
            .iter()
            .map(|c| (c.id.to_string(), c.id))
            .collect();
        let mut file_columns: Vec<(usize, Id, String)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for col in 3..width {
            let h = at(header_row, col);
            if h.is_empty() || h == H_FINAL || h == H_PREDICATE {
                continue;
            }
            match by_header.get(h) {
                None => problems.push(header_problem(
                    col,
                    h,
                    Msg::new(
                        "gradebook_column_added",
                        "this column is not one the file was exported with; add columns in Schooldesk, export again, and fill in the new file",
                    ),
                )),
                Some(id) if !seen.insert(id) => problems.push(header_problem(
                    col,
                    h,
                    Msg::new("gradebook_column_twice", "this column appears twice in the file"),
                )),
                Some(id) => match grid_ids.get(*id) {
                    Some(id) => file_columns.push((col, *id, h.to_string())),
                    None => problems.push(header_problem(
                        col,
                        h,
                        Msg::new(
                            "gradebook_column_gone",
                            "this column was removed from the gradebook after the file was exported; export it again",
                        ),
                    )),
                },
            }
        }
        for (id, h) in &info.columns {
            if !seen.contains(id.as_str()) {
                problems.push(header_problem(
                    width,
                    h,
                    Msg::new(
                        "gradebook_column_missing",
                        format!("the column {h:?} is missing from the file; put it back as it was exported"),
                    )
                    .with("column", h),
                ));
            }
        }
        for column in &book.columns {
            if !info
                .columns
                .iter()
                .any(|(id, _)| *id == column.id.to_string())
            {
                let h = header_of(&book, column);
                problems.push(header_problem(
                    width,
                    &h,
                    Msg::new(
                        "gradebook_column_new",
                        format!("the gradebook has a column {h:?} added after the file was exported; export it again"),
                    )
                    .with("column", &h),
                ));
            }
        }

        // Students by NIS; every cell read, every problem kept.
        let students: HashMap<&str, Id> = book
            .students
            .iter()
            .map(|s| (s.nis.as_str(), s.student_id))
            .collect();
        let stored: HashMap<(Id, Id), Score> = book
            .scores
            .iter()
            .map(|s| ((s.assessment_id, s.student_id), s.score))
            .collect();
        let mut seen_students: HashSet<Id> = HashSet::new();
        let mut changes: Vec<CellInput> = Vec::new();
        let (mut changed, mut cleared) = (0, 0);
        for row in header_row + 1..=last_row {
            let nis = at(row, 1);
            let filled = (0..width.max(3)).any(|c| !at(row, c).is_empty());
            if !filled {
                continue;
            }
            let row_problem = |col: usize, header: &str, reason: Msg| {
                RowProblem::new(
                    row + 1,
                    place(GRADES_SHEET, col, header),
                    reason.with("sheet", GRADES_SHEET),
                )
            };
            let Some(student_id) = students.get(nis).copied() else {
                problems.push(row_problem(
                    1,
                    H_NIS,
                    Msg::new(
                        "gradebook_student_unknown",
                        format!(
                            "no student with NIS {nis:?} is in class {} during {}",
                            names.class, names.term
                        ),
                    )
                    .with("value", nis)
                    .with("class", &names.class)
                    .with("term", &names.term),
                ));
                continue;
            };
            if !seen_students.insert(student_id) {
                problems.push(row_problem(
                    1,
                    H_NIS,
                    Msg::new(
                        "gradebook_student_twice",
                        format!("the student with NIS {nis:?} has more than one row"),
                    )
                    .with("value", nis),
                ));
                continue;
            }
            for (col, assessment_id, header) in &file_columns {
                let text = at(row, *col);
                let new = if text.is_empty() {
                    None
                } else {
                    match Score::parse(text) {
                        Ok(score) => Some(score),
                        Err(e) => {
                            problems.push(row_problem(*col, header, score_problem(text, &e)));
                            continue;
                        }
                    }
                };
                let old = stored.get(&(*assessment_id, student_id)).copied();
                if new == old {
                    continue;
                }
                if new.is_none() {
                    cleared += 1;
                } else {
                    changed += 1;
                }
                changes.push(CellInput {
                    assessment_id: *assessment_id,
                    student_id,
                    text: new.map(|s| s.to_string()).unwrap_or_default(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(AppError::ImportRejected(problems));
        }
        // Even with nothing to change: the save says whether this person
        // may grade here and whether the semester is locked.
        let finals = self
            .gradebook_save(actor, class_id, subject_id, term_id, &changes)
            .await?;
        tracing::info!(
            %class_id, %subject_id, %term_id, changed, cleared,
            "gradebook imported from a file"
        );
        Ok(ImportedGrades {
            cells_changed: changed,
            cells_cleared: cleared,
            finals,
        })
    }

    /// A semester by its name in the current academic year, a class by its
    /// name in that year, a subject by its code (the CLI's words).
    pub async fn gradebook_find(
        &self,
        actor: &Actor,
        term: &str,
        class: &str,
        subject_code: &str,
    ) -> AppResult<(Id, Id, Id)> {
        require(
            actor,
            Action::ReadDirectory,
            &Target::School,
            "find a gradebook by its names",
        )?;
        let not_found = |what: &str, name: &str| {
            AppError::Setup(
                Msg::new(
                    "gradebook_name_unknown",
                    format!("there is no {what} {name:?} in the current academic year"),
                )
                .with("what", what)
                .with("value", name),
            )
        };
        let year = self
            .find_current_year()
            .await?
            .ok_or_else(|| not_found("academic year", "(current)"))?;
        let term = self
            .store()
            .first::<Term>(
                Query::all()
                    .eq("academic_year_id", year.id())
                    .eq("name", term),
            )
            .await?
            .ok_or_else(|| not_found("semester", term))?;
        let class = self
            .store()
            .first::<Class>(
                Query::all()
                    .eq("academic_year_id", year.id())
                    .eq("name", class),
            )
            .await?
            .ok_or_else(|| not_found("class", class))?;
        let subject = self
            .store()
            .first::<Subject>(Query::all().eq("code", subject_code))
            .await?
            .ok_or_else(|| not_found("subject", subject_code))?;
        // Names only: the gradebook calls check who may do what.
        Ok((class.id(), subject.id(), term.id()))
    }
}
