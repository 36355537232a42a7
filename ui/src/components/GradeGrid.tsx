// The gradebook's grid (issue 12, item 3): students down, a class's
// assessments across under their scheme components, then the final grade
// and the predicate. It works like a spreadsheet: arrows, Tab, Enter,
// Home/End, typing over a cell, F2 or a double click to edit, Escape,
// Delete, a block pasted from Excel or LibreOffice, Ctrl+D to fill down.
//
// What is typed is checked here with the same rules as the server
// (grading.ts); a bad value stays in its cell, marked with the reason, and
// is never sent. Each typed cell is saved at once (one gradebook_save per
// cell, one per pasted block or fill); a cell shows saving / saved /
// failed, and a failed one keeps its text for "save again". The final
// grade is previewed with grading.ts as the teacher types; the server's
// answer replaces it when it comes.
//
// Smoothness: rows are memoised and keep their identity unless one of
// their cells changes, so a keystroke re-renders one row; column widths
// are fixed (table-layout: fixed), the header and the name columns stick.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { bandsFromKkm, checkBands, finalGrade, formatHundredths, parseScore, parseWeight, type Rounding, type RoundingMode, type Scheme, type ScoreError } from "../grading";
import type { UiRowProblem } from "../bindings";
import { errorText, problemText, useI18n, type Key } from "../i18n";
import { local } from "../local";
import type { CellInput, Gradebook, GradebookColumn, GradebookFinal, GradebookStudent, SchemeView } from "../screens/gradebookWire";

type Status = "saved" | "saving" | "failed" | "invalid";

export interface CellState {
  /** What the cell shows: as typed (invalid, failed) or as saved. */
  text: string;
  /** The value the server holds ("" for none). */
  saved: string;
  status: Status;
  /** Why it is invalid (a ScoreError) or why saving failed (a message). */
  reason?: string;
  /** Bumped on every change, so an older answer does not overwrite it. */
  seq: number;
}

interface RowState {
  cells: Record<string, CellState>;
  /** The server's final for this student, when it has one. */
  final: GradebookFinal | null;
}

type Rows = Record<string, RowState>;

interface Pos {
  r: number;
  c: number;
}

interface Editing extends Pos {
  text: string;
  /** Typed over (arrows leave the cell) or F2 / double click (arrows move the caret). */
  over: boolean;
}

const EMPTY_CELL: CellState = { text: "", saved: "", status: "saved", seq: 0 };
const REASON_KEYS: Record<ScoreError, Key> = {
  not_a_number: "gb_err_not_a_number",
  too_precise: "gb_err_too_precise",
  out_of_range: "gb_err_out_of_range",
};

function initialRows(gb: Gradebook, previous?: Rows): Rows {
  const rows: Rows = {};
  for (const s of gb.students) rows[s.student_id] = { cells: {}, final: gb.finals.find((f) => f.student_id === s.student_id) ?? null };
  for (const sc of gb.scores) {
    const row = rows[sc.student_id];
    if (row) row.cells[sc.assessment_id] = { text: sc.score, saved: sc.score, status: "saved", seq: 0 };
  }
  // What is typed and not saved (bad, failed or on its way) survives a reload.
  if (previous) {
    for (const [student, row] of Object.entries(previous)) {
      for (const [assessment, cell] of Object.entries(row.cells)) {
        if (cell.status !== "saved" && rows[student]) rows[student].cells[assessment] = cell;
      }
    }
  }
  return rows;
}

/** The scheme as grading.ts takes it, or null when it cannot grade. */
export function schemeOf(view: SchemeView | null): Scheme | null {
  if (!view) return null;
  const kkm = parseScore(view.kkm);
  if (!kkm.ok) return null;
  const components = [];
  for (const c of view.components) {
    const w = parseWeight(c.weight);
    if (!w.ok) return null;
    components.push({ name: c.name, weight: w.hundredths });
  }
  const bands = [];
  for (const b of view.bands) {
    const min = parseScore(b.min);
    if (!min.ok) return null;
    bands.push({ min: min.hundredths, label: b.label });
  }
  const rounding: Rounding = { places: view.rounding_places, mode: view.rounding_mode as RoundingMode };
  return { components, kkm: kkm.hundredths, bands: checkBands(bands) ?? bandsFromKkm(kkm.hundredths), rounding };
}

/** The columns in the scheme's component order, then by position. */
export function orderedColumns(gb: Gradebook): GradebookColumn[] {
  const order = new Map((gb.scheme?.components ?? []).map((c, i) => [c.id, i]));
  const rank = (c: GradebookColumn) => order.get(c.component_id) ?? Number.MAX_SAFE_INTEGER;
  return [...gb.columns].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

/** Rows and columns of a block copied from a spreadsheet: tab-separated,
 * CRLF or LF, one trailing line end dropped. */
export function parseBlock(text: string): string[][] {
  const body = text.replace(/(\r\n|\n|\r)$/, "");
  return body.split(/\r\n|\n|\r/).map((line) => line.split("\t"));
}

/** A cell not known to be saved, as kept in the local draft. */
interface DraftCell {
  student_id: string;
  assessment_id: string;
  text: string;
}

interface Props {
  gb: Gradebook;
  /** Where what is typed and not saved is kept on this computer (a local
   * draft), so a crash or a closed window loses nothing; with its title. */
  draft?: { key: string; title: string };
  /** Saves cells in one call; resolves with the finals of the students touched. */
  save: (cells: CellInput[]) => Promise<GradebookFinal[]>;
  /** Column header actions (rename, remove), when the book is editable. */
  onColumn?: (column: GradebookColumn) => void;
}

export function GradeGrid({ gb, save, onColumn, draft }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const columns = useMemo(() => orderedColumns(gb), [gb]);
  const students = gb.students;
  const scheme = useMemo(() => schemeOf(gb.scheme), [gb.scheme]);
  const componentIndex = useMemo(() => {
    const index = new Map((gb.scheme?.components ?? []).map((c, i) => [c.id, i]));
    return columns.map((c) => index.get(c.component_id) ?? -1);
  }, [columns, gb.scheme]);
  const [rows, setRows] = useState<Rows>(() => initialRows(gb));
  const [seen, setSeen] = useState(gb);
  if (seen !== gb) {
    // A new answer from the server (a column added, the scheme changed).
    setSeen(gb);
    setRows(initialRows(gb, rows));
  }
  const [anchor, setAnchor] = useState<Pos>({ r: 0, c: 0 });
  const [cursor, setCursor] = useState<Pos>({ r: 0, c: 0 });
  const [editing, setEditingState] = useState<Editing | null>(null);
  // The editor's state as handlers see it at once (a blur during a commit
  // must not commit twice).
  const editRef = useRef<Editing | null>(null);
  const setEditing = useCallback((e: Editing | null) => {
    editRef.current = e;
    setEditingState(e);
  }, []);
  const [message, setMessage] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const seqRef = useRef(0);
  const R = students.length;
  const C = columns.length;

  // What is not saved (bad, failed, on its way) is kept in a local draft
  // until it is; opening the same book again brings it back, to save again.
  const rowsHave = (d: DraftCell) => students.some((s) => s.student_id === d.student_id) && columns.some((c) => c.id === d.assessment_id);
  const [restored, setRestored] = useState(!draft);
  const draftKey = draft?.key;
  useEffect(() => {
    if (!draftKey) return;
    let live = true;
    local()
      .then((store) => store.getDraft(draftKey))
      .then((found) => {
        if (!live) return;
        const kept = ((found?.data as DraftCell[] | undefined) ?? []).filter((d) => rowsHave(d));
        if (kept.length) {
          const reason = t("gb_restored");
          setRows((prev) => {
            const next = { ...prev };
            for (const d of kept) {
              const row = { ...next[d.student_id], cells: { ...next[d.student_id].cells } };
              const old = row.cells[d.assessment_id] ?? EMPTY_CELL;
              row.cells[d.assessment_id] = { text: d.text, saved: old.saved, status: "failed", reason, seq: ++seqRef.current };
              next[d.student_id] = row;
            }
            return next;
          });
          setMessage(t("gb_restored_n", { count: kept.length }));
        }
        setRestored(true);
      });
    return () => {
      live = false;
    };
    // Once per book: the draft is read when the grid opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey]);
  const unsaved = useMemo(() => {
    const list: DraftCell[] = [];
    for (const [student_id, row] of Object.entries(rows)) for (const [assessment_id, cell] of Object.entries(row.cells)) if (cell.status !== "saved") list.push({ student_id, assessment_id, text: cell.text });
    return JSON.stringify(list);
  }, [rows]);
  const draftTitle = draft?.title ?? "";
  // One write after the other, so an older state never lands last.
  const draftWrites = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    if (!draftKey || !restored) return;
    const cells = JSON.parse(unsaved) as DraftCell[];
    draftWrites.current = draftWrites.current
      .then(() => local())
      .then((store) => (cells.length ? store.putDraft({ key: draftKey, title: draftTitle, data: cells, saved_at: new Date().toISOString() }) : store.dropDraft(draftKey)));
  }, [draftKey, draftTitle, restored, unsaved]);

  const focusGrid = () => gridRef.current?.focus();

  const moveTo = (p: Pos, extend = false) => {
    const next = { r: Math.max(0, Math.min(R - 1, p.r)), c: Math.max(0, Math.min(C - 1, p.c)) };
    setCursor(next);
    if (!extend) setAnchor(next);
    // Keep the cell in view (the grid scrolls, the page does not).
    requestAnimationFrame(() => document.getElementById(`gb-cell-${next.r}-${next.c}`)?.scrollIntoView?.({ block: "nearest", inline: "nearest" }));
  };

  /** Checks and saves cells: bad ones are marked and not sent; the good
   * ones go in one call. */
  const commit = (changes: { r: number; c: number; text: string }[]) => {
    const sent: { student: string; assessment: string; seq: number; text: string }[] = [];
    const updates: { student: string; assessment: string; cell: CellState }[] = [];
    for (const { r, c, text } of changes) {
      const student = students[r]?.student_id;
      const assessment = columns[c]?.id;
      if (!student || !assessment) continue;
      const old = rows[student]?.cells[assessment] ?? EMPTY_CELL;
      const trimmed = text.trim();
      let normal = "";
      if (trimmed !== "") {
        const p = parseScore(trimmed);
        if (!p.ok) {
          updates.push({ student, assessment, cell: { ...old, text, status: "invalid", reason: p.error, seq: ++seqRef.current } });
          continue;
        }
        normal = formatHundredths(p.hundredths);
      }
      if (normal === old.saved && old.status !== "saving") {
        // Nothing to send: the server already holds this.
        updates.push({ student, assessment, cell: { text: normal, saved: old.saved, status: "saved", seq: ++seqRef.current } });
        continue;
      }
      const seq = ++seqRef.current;
      updates.push({ student, assessment, cell: { text: normal, saved: old.saved, status: "saving", seq } });
      sent.push({ student, assessment, seq, text: normal });
    }
    if (!updates.length) return;
    setRows((prev) => {
      const next = { ...prev };
      for (const u of updates) {
        const row = next[u.student] === prev[u.student] ? { ...prev[u.student], cells: { ...prev[u.student].cells } } : next[u.student];
        row.cells[u.assessment] = u.cell;
        next[u.student] = row;
      }
      return next;
    });
    const invalid = updates.filter((u) => u.cell.status === "invalid").length;
    setMessage(invalid ? t("gb_invalid_kept", { count: invalid }) : null);
    if (!sent.length) return;
    save(sent.map((s) => ({ assessment_id: s.assessment, student_id: s.student, text: s.text }))).then(
      (finals) =>
        setRows((prev) => {
          const next = { ...prev };
          const touch = (student: string) => {
            if (next[student] === prev[student]) next[student] = { ...prev[student], cells: { ...prev[student].cells } };
            return next[student];
          };
          for (const s of sent) {
            const cell = prev[s.student]?.cells[s.assessment];
            const row = touch(s.student);
            // A newer edit of the cell is on its way: it decides the text.
            if (cell && cell.seq === s.seq) row.cells[s.assessment] = { text: s.text, saved: s.text, status: "saved", seq: s.seq };
            else if (cell) row.cells[s.assessment] = { ...cell, saved: s.text };
          }
          for (const f of finals) if (next[f.student_id]) touch(f.student_id).final = f;
          return next;
        }),
      (error) => {
        const reason = errorText(i18n, error);
        // The server names each cell it refused by its place in the call
        // (from 1); the others failed with the call.
        const named = new Map<number, string>();
        for (const p of (error as { rows?: UiRowProblem[] })?.rows ?? []) if (p.row >= 1 && p.row <= sent.length) named.set(p.row - 1, problemText(i18n, p));
        setMessage(t("gb_save_failed", { reason }));
        setRows((prev) => {
          const next = { ...prev };
          sent.forEach((s, i) => {
            const cell = prev[s.student]?.cells[s.assessment];
            if (!cell || cell.seq !== s.seq) return;
            if (next[s.student] === prev[s.student]) next[s.student] = { ...prev[s.student], cells: { ...prev[s.student].cells } };
            next[s.student].cells[s.assessment] = { ...cell, status: "failed", reason: named.get(i) ?? reason };
          });
          return next;
        });
      },
    );
  };

  const cellAt = (r: number, c: number): CellState => rows[students[r]?.student_id]?.cells[columns[c]?.id] ?? EMPTY_CELL;

  const retryFailed = () => {
    const failed: { r: number; c: number; text: string }[] = [];
    students.forEach((s, r) =>
      columns.forEach((col, c) => {
        const cell = rows[s.student_id]?.cells[col.id];
        if (cell?.status === "failed") failed.push({ r, c, text: cell.text });
      }),
    );
    commit(failed);
  };
  const failedCount = useMemo(() => Object.values(rows).reduce((n, row) => n + Object.values(row.cells).filter((c) => c.status === "failed").length, 0), [rows]);

  const readOnly = () => {
    setMessage(t(gb.status === "approved" ? "gb_locked" : "gb_read_only"));
  };

  const startEdit = (p: Pos, text: string, over: boolean) => {
    if (!gb.editable) return readOnly();
    setEditing({ ...p, text, over });
  };

  const finishEdit = (then?: Pos) => {
    const done = editRef.current;
    setEditing(null);
    if (done) commit([{ r: done.r, c: done.c, text: done.text }]);
    if (then) moveTo(then);
    focusGrid();
  };

  const range = {
    r1: Math.min(anchor.r, cursor.r),
    r2: Math.max(anchor.r, cursor.r),
    c1: Math.min(anchor.c, cursor.c),
    c2: Math.max(anchor.c, cursor.c),
  };

  const fillDown = () => {
    if (!gb.editable) return readOnly();
    const { r1, r2, c1, c2 } = range;
    const changes: { r: number; c: number; text: string }[] = [];
    // One row chosen: copy from the row above it (as spreadsheets do).
    const from = r1 === r2 ? r1 - 1 : r1;
    if (from < 0) return;
    for (let c = c1; c <= c2; c++) {
      const source = cellAt(from, c).text;
      for (let r = from + 1; r <= r2; r++) changes.push({ r, c, text: source });
    }
    commit(changes);
  };

  const clearRange = () => {
    if (!gb.editable) return readOnly();
    const changes: { r: number; c: number; text: string }[] = [];
    for (let r = range.r1; r <= range.r2; r++) for (let c = range.c1; c <= range.c2; c++) if (cellAt(r, c).text !== "" || cellAt(r, c).saved !== "") changes.push({ r, c, text: "" });
    commit(changes);
  };

  const onPaste = (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData("text/plain");
    // Inside a cell being edited, a plain value pastes into the text.
    if (editing && !/[\t\r\n]/.test(text.replace(/(\r\n|\n|\r)$/, ""))) return;
    e.preventDefault();
    if (!gb.editable) return readOnly();
    if (editing) setEditing(null);
    const block = parseBlock(text);
    const width = Math.max(...block.map((line) => line.length));
    const at = editing ?? { r: range.r1, c: range.c1 };
    if (!editing && block.length === 1 && width === 1 && (range.r2 > range.r1 || range.c2 > range.c1)) {
      // One value into a selection fills it (as spreadsheets do).
      const changes = [];
      for (let r = range.r1; r <= range.r2; r++) for (let c = range.c1; c <= range.c2; c++) changes.push({ r, c, text: block[0][0] });
      commit(changes);
      focusGrid();
      return;
    }
    if (at.r + block.length > R || at.c + width > C) {
      setMessage(t("gb_paste_too_large", { rows: block.length, cols: width, free_rows: R - at.r, free_cols: C - at.c }));
      focusGrid();
      return;
    }
    const changes = block.flatMap((line, dr) => line.map((value, dc) => ({ r: at.r + dr, c: at.c + dc, text: value })));
    commit(changes);
    setAnchor({ r: at.r, c: at.c });
    setCursor({ r: at.r + block.length - 1, c: at.c + width - 1 });
    focusGrid();
  };

  const onCopy = (e: React.ClipboardEvent) => {
    if (editing) return;
    e.preventDefault();
    const lines = [];
    for (let r = range.r1; r <= range.r2; r++) {
      const line = [];
      for (let c = range.c1; c <= range.c2; c++) line.push(cellAt(r, c).text);
      lines.push(line.join("\t"));
    }
    e.clipboardData.setData("text/plain", lines.join("\r\n") + "\r\n");
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    // Keys of a column header's button are that button's.
    if (!R || !C || (!editing && e.target !== e.currentTarget)) return;
    const { r, c } = cursor;
    if (editing) {
      const leave = (to: Pos) => {
        e.preventDefault();
        finishEdit(to);
      };
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setEditing(null);
        focusGrid();
      } else if (e.key === "Enter") leave({ r: r + (e.shiftKey ? -1 : 1), c });
      else if (e.key === "Tab") leave(nextByTab(cursor, e.shiftKey));
      else if (editing.over && e.key === "ArrowDown") leave({ r: r + 1, c });
      else if (editing.over && e.key === "ArrowUp") leave({ r: r - 1, c });
      else if (editing.over && e.key === "ArrowLeft") leave({ r, c: c - 1 });
      else if (editing.over && e.key === "ArrowRight") leave({ r, c: c + 1 });
      return;
    }
    const ctrl = e.ctrlKey || e.metaKey;
    const go = (p: Pos, extend = false) => {
      e.preventDefault();
      moveTo(p, extend);
    };
    switch (e.key) {
      case "ArrowDown":
        return go({ r: r + 1, c }, e.shiftKey);
      case "ArrowUp":
        return go({ r: r - 1, c }, e.shiftKey);
      case "ArrowLeft":
        return go({ r, c: c - 1 }, e.shiftKey);
      case "ArrowRight":
        return go({ r, c: c + 1 }, e.shiftKey);
      case "PageDown":
        return go({ r: r + 10, c }, e.shiftKey);
      case "PageUp":
        return go({ r: r - 10, c }, e.shiftKey);
      case "Home":
        return go(ctrl ? { r: 0, c: 0 } : { r, c: 0 }, e.shiftKey);
      case "End":
        return go(ctrl ? { r: R - 1, c: C - 1 } : { r, c: C - 1 }, e.shiftKey);
      case "Tab":
        // Past the last cell (or before the first) Tab leaves the grid: no trap.
        if (e.shiftKey ? r === 0 && c === 0 : r === R - 1 && c === C - 1) return;
        return go(nextByTab(cursor, e.shiftKey));
      case "Enter":
        return go({ r: r + (e.shiftKey ? -1 : 1), c });
      case "F2":
        e.preventDefault();
        return startEdit(cursor, cellAt(r, c).text, false);
      case "Delete":
        e.preventDefault();
        return clearRange();
      case "Backspace":
        e.preventDefault();
        return startEdit(cursor, "", true);
      case "Escape":
        setMessage(null);
        return;
    }
    if (ctrl && e.key.toLowerCase() === "d") {
      e.preventDefault();
      return fillDown();
    }
    if (e.key.length === 1 && !ctrl && !e.altKey) {
      // Type-through: the key replaces what the cell holds.
      e.preventDefault();
      startEdit(cursor, e.key, true);
    }
  };

  const nextByTab = (p: Pos, back: boolean): Pos => {
    const flat = p.r * C + p.c + (back ? -1 : 1);
    const bounded = Math.max(0, Math.min(R * C - 1, flat));
    return { r: Math.floor(bounded / C), c: bounded % C };
  };

  const onCellDown = useCallback((r: number, c: number, shift: boolean) => {
    setCursor({ r, c });
    if (!shift) setAnchor({ r, c });
  }, []);
  const onCellDouble = useCallback(
    (r: number, c: number, text: string) => {
      if (gb.editable) setEditing({ r, c, text, over: false });
    },
    [gb.editable, setEditing],
  );
  const onEditText = useCallback(
    (text: string) => {
      if (editRef.current) setEditing({ ...editRef.current, text });
    },
    [setEditing],
  );
  const onEditBlur = () => {
    // Clicking elsewhere keeps what was typed (saved, like a spreadsheet).
    if (editRef.current) finishEdit();
  };

  // Header: one cell per component over its columns, then the columns.
  const groups = useMemo(() => {
    const out: { id: string; name: string; weight: string; span: number }[] = [];
    columns.forEach((col) => {
      const comp = gb.scheme?.components.find((x) => x.id === col.component_id);
      const last = out[out.length - 1];
      if (last && last.id === col.component_id) last.span++;
      else out.push({ id: col.component_id, name: comp?.name ?? "?", weight: comp?.weight ?? "", span: 1 });
    });
    return out;
  }, [columns, gb.scheme]);

  return (
    <div className="gradebook">
      {message || failedCount ? (
        <div className="banner banner-warn gb-message" role="alert" data-testid="grid-message">
          <span>{message ?? t("gb_failed_n", { count: failedCount })}</span>
          {failedCount ? (
            <button type="button" className="btn btn-primary" onClick={retryFailed} data-testid="retry-failed">
              {t("gb_retry", { count: failedCount })}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="gb-scroll">
        <table
          className="gb-table"
          style={{ width: 220 + 90 + C * 80 + 100 + 80 }}
          ref={gridRef}
          tabIndex={0}
          role="grid"
          aria-label={t("nav_gradebook")}
          aria-rowcount={R + 2}
          aria-colcount={C + 4}
          aria-readonly={!gb.editable || undefined}
          aria-activedescendant={editing ? undefined : `gb-cell-${cursor.r}-${cursor.c}`}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onCopy={onCopy}
          data-testid="grade-grid"
        >
          <colgroup>
            <col style={{ width: 220 }} />
            <col style={{ width: 90 }} />
            {columns.map((col) => (
              <col key={col.id} style={{ width: 80 }} />
            ))}
            <col style={{ width: 100 }} />
            <col style={{ width: 80 }} />
          </colgroup>
          <thead>
            <tr role="row">
              <th className="gb-sticky gb-name" rowSpan={2} role="columnheader">
                {t("f_full_name")}
              </th>
              <th className="gb-sticky gb-nis" rowSpan={2} role="columnheader">
                NIS
              </th>
              {groups.map((g) => (
                <th key={g.id} colSpan={g.span} className="gb-group" role="columnheader" title={g.weight ? `${g.name} ${g.weight} %` : g.name} data-testid={`group-${g.id}`}>
                  {g.name} <span className="muted">{g.weight ? `${g.weight}%` : ""}</span>
                </th>
              ))}
              <th rowSpan={2} className="gb-final" role="columnheader">
                {t("gb_final")}
              </th>
              <th rowSpan={2} className="gb-final" role="columnheader">
                {t("gb_predicate")}
              </th>
            </tr>
            <tr role="row">
              {columns.map((col) => (
                <th key={col.id} className="gb-col" role="columnheader" title={col.name}>
                  {onColumn && gb.editable ? (
                    <button type="button" className="link" onClick={() => onColumn(col)} data-testid={`column-${col.id}`}>
                      {col.name}
                    </button>
                  ) : (
                    col.name
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {students.map((s, r) => {
              const inRange = r >= range.r1 && r <= range.r2;
              const edit = editing && editing.r === r ? editing : null;
              return (
                <GradeRow
                  key={s.student_id}
                  r={r}
                  student={s}
                  row={rows[s.student_id]}
                  columns={columns}
                  componentIndex={componentIndex}
                  scheme={scheme}
                  selFrom={inRange ? range.c1 : -1}
                  selTo={inRange ? range.c2 : -1}
                  cursorCol={cursor.r === r ? cursor.c : -1}
                  editCol={edit ? edit.c : -1}
                  editText={edit ? edit.text : ""}
                  onCellDown={onCellDown}
                  onCellDouble={onCellDouble}
                  onEditText={onEditText}
                  onEditBlur={edit ? onEditBlur : undefined}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface RowProps {
  r: number;
  student: GradebookStudent;
  row: RowState | undefined;
  columns: GradebookColumn[];
  componentIndex: number[];
  scheme: Scheme | null;
  selFrom: number;
  selTo: number;
  cursorCol: number;
  editCol: number;
  editText: string;
  onCellDown: (r: number, c: number, shift: boolean) => void;
  onCellDouble: (r: number, c: number, text: string) => void;
  onEditText: (text: string) => void;
  /** Only the row being edited gets it (the others keep their props). */
  onEditBlur?: () => void;
}

const GradeRow = memo(function GradeRow({ r, student, row, columns, componentIndex, scheme, selFrom, selTo, cursorCol, editCol, editText, onCellDown, onCellDouble, onEditText, onEditBlur }: RowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const cells = row?.cells;
  const serverFinal = row?.final ?? null;
  // The final: the server's, unless something in the row is not saved yet
  // (then the preview from grading.ts, with what is being typed).
  const shown = useMemo(() => {
    const pending = editCol >= 0 || Object.values(cells ?? {}).some((c) => c.status !== "saved");
    if (!pending && serverFinal) return { preview: false, grade: serverFinal.grade, predicate: serverFinal.predicate, passed: serverFinal.passed, missing: serverFinal.missing };
    if (!scheme) return { preview: true, grade: null, predicate: null, passed: null, missing: [] as string[] };
    const lists: number[][] = scheme.components.map(() => []);
    columns.forEach((col, c) => {
      const k = componentIndex[c];
      if (k < 0) return;
      const cell = cells?.[col.id];
      const text = c === editCol ? editText : cell?.status === "invalid" ? "" : (cell?.text ?? "");
      const p = text.trim() === "" ? null : parseScore(text);
      if (p?.ok) lists[k].push(p.hundredths);
    });
    const f = finalGrade(scheme, lists);
    return f.kind === "graded"
      ? { preview: true, grade: formatHundredths(f.grade), predicate: f.predicate, passed: f.passed, missing: [] }
      : { preview: true, grade: null, predicate: null, passed: null, missing: f.missing };
  }, [cells, serverFinal, scheme, columns, componentIndex, editCol, editText]);

  return (
    <tr role="row" data-testid={`row-${r}`}>
      <th className="gb-sticky gb-name" scope="row" role="rowheader">
        {student.full_name}
      </th>
      <td className="gb-sticky gb-nis muted">{student.nis}</td>
      {columns.map((col, c) => {
        const cell = cells?.[col.id] ?? EMPTY_CELL;
        const selected = c >= selFrom && c <= selTo;
        const classes = ["gb-cell", `gb-${cell.status}`, selected ? "gb-selected" : "", c === cursorCol ? "gb-cursor" : ""].join(" ");
        const reason = cell.status === "invalid" ? t(REASON_KEYS[cell.reason as ScoreError] ?? "gb_err_not_a_number") : cell.status === "failed" ? cell.reason : undefined;
        return (
          <td
            key={col.id}
            id={`gb-cell-${r}-${c}`}
            role="gridcell"
            className={classes}
            aria-selected={selected}
            aria-invalid={cell.status === "invalid" || undefined}
            aria-busy={cell.status === "saving" || undefined}
            title={reason}
            data-testid={`cell-${r}-${c}`}
            data-status={cell.status}
            onMouseDown={(e) => {
              // Focus goes to the grid by itself (an open editor blurs and saves).
              if (c !== editCol) onCellDown(r, c, e.shiftKey);
            }}
            onDoubleClick={() => onCellDouble(r, c, cell.text)}
          >
            {c === editCol ? (
              <input
                className="gb-input"
                autoFocus
                value={editText}
                onChange={(e) => onEditText(e.target.value)}
                onBlur={onEditBlur}
                aria-label={`${student.full_name}, ${col.name}`}
                data-testid="cell-editor"
              />
            ) : (
              <>
                <span className="gb-text">{cell.text}</span>
                {cell.status === "saving" ? <span className="gb-mark" aria-label={t("saving")}>…</span> : null}
                {cell.status === "failed" ? <span className="gb-mark" aria-label={t("gb_failed")}>!</span> : null}
                {cell.status === "invalid" ? <span className="gb-reason">{reason}</span> : null}
              </>
            )}
          </td>
        );
      })}
      <td className={`gb-final ${shown.passed === false ? "gb-fail" : ""} ${shown.preview ? "gb-preview" : ""}`} data-testid={`final-${r}`} title={shown.missing.length ? t("gb_missing", { names: shown.missing.join(", ") }) : shown.preview ? t("gb_preview") : undefined}>
        {shown.grade ?? t("none")}
      </td>
      <td className="gb-final" data-testid={`predicate-${r}`}>
        {shown.predicate ?? ""}
      </td>
    </tr>
  );
});
