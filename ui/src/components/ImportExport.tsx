// Import from XLSX/CSV with a preview of every row problem before anything
// is written; export to XLSX/CSV through a save dialog. The file's bytes
// cross to the shell once, as the raw body of the preview; writing sends
// only the preview's token, and the shell writes the plan it previewed.
import type { QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { commands, ImportPreview, ImportSummary, SheetFormat, SheetKind, UiError } from "../bindings";
import { errorText, Key, problemText, useI18n } from "../i18n";
import { chooseSavePath, readUpload } from "../platform";
import { useWrite } from "../queries";
import { asUiError } from "./RecordForm";
import { Button, Dialog, FilePicker, useToast } from "./ui";

function formatOf(name: string): SheetFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv")) return "csv";
  return null;
}

/** An import may add years, teachers, classes, students and enrollments:
 * everything cached is asked again. */
const EVERYTHING: QueryKey[] = [[]];

/** A problem as the preview lists it. */
type Problem = ImportSummary["rejected"][number];

/** Rows as "2–4, 7, 9–12", at most `most` stretches, then "…". */
export function rowsText(rows: number[], most = 4): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.length > most ? `${parts.slice(0, most).join(", ")}, …` : parts.join(", ");
}

/** Values as "VII A, VII B, …", at most `most` of them. */
function valuesText(values: string[], most = 10): string {
  return values.length > most ? `${values.slice(0, most).join(", ")}, …` : values.join(", ");
}

/** Problems with the same code on the same column, in the order first met. */
export interface ProblemGroup {
  code: string;
  column: string;
  problems: Problem[];
  /** The distinct values the rows name, in the order first met. */
  values: string[];
}

export function groupProblems(problems: Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    // A problem without a code stands alone: its sentence is all there is.
    const key = p.code ? `${p.code}\u0000${p.column}` : `\u0001${groups.size}`;
    let g = groups.get(key);
    if (!g) {
      g = { code: p.code, column: p.column, problems: [], values: [] };
      groups.set(key, g);
    }
    g.problems.push(p);
    const value = p.params.value;
    if (value !== undefined && !g.values.includes(value)) g.values.push(value);
  }
  return [...groups.values()];
}

/** A problem naming a column by its key (`full_name`) names it by its
 * label in the UI's language too: "Nama lengkap (full_name)" — the key is
 * what the file's header should say. */
function labelled(i18n: ReturnType<typeof useI18n>, p: Problem): Problem {
  const key = p.params.key;
  if (!key || !p.code.startsWith("missing_column")) return p;
  const label = i18n.t(("f_" + key) as Key);
  return label === "f_" + key ? p : { ...p, params: { ...p.params, key: `${label} (${key})` } };
}

/** One group as a sentence: the classes that do not exist by name, other
 * repeated problems as the first one's sentence with how many rows. */
function groupText(i18n: ReturnType<typeof useI18n>, g: ProblemGroup): string {
  const { t, number } = i18n;
  const first = g.problems[0];
  if (g.code === "no_class" && g.problems.length > 1) {
    return t(g.values.length === 1 ? "import_group_no_class_one" : "import_group_no_class", {
      count: number(g.values.length),
      values: valuesText(g.values),
      year: first.params.year ?? "",
    });
  }
  const text = problemText(i18n, labelled(i18n, first));
  if (g.problems.length === 1) return text;
  if (g.values.length > 1) return `${text} — ${t("import_group_values", { count: number(g.problems.length), values: valuesText(g.values) })}`;
  return `${text} — ${t("import_group_rows", { count: number(g.problems.length) })}`;
}

export function ImportDialog({ kind, onClose, onDone }: { kind: SheetKind; onClose: () => void; onDone?: () => void }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const toast = useToast();
  const write = useWrite(EVERYTHING);
  const [file, setFile] = useState<{ file: File; format: SheetFormat } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const summary = preview?.summary ?? null;
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The good rows were written; the rejected ones may still be saved. */
  const [written, setWritten] = useState<ImportSummary | null>(null);

  const check = async (f: File, format: SheetFormat, createClasses: boolean) => {
    setPreview(null);
    setError(null);
    setBusy(true);
    try {
      setPreview(await commands.import_preview(await readUpload(f), kind, format, createClasses));
    } catch (e) {
      setError(asUiError(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (f: File | undefined) => {
    setPreview(null);
    setError(null);
    setWritten(null);
    if (!f) return;
    const format = formatOf(f.name);
    if (!format) {
      setError({ kind: "invalid", message: `${f.name}: ${t("import_choose")}`, fields: [], rows: [], conflict: null });
      return;
    }
    setFile({ file: f, format });
    await check(f, format, false);
  };

  const problems = error?.rows.length ? error.rows : (summary?.rejected ?? []);
  const badRows = new Set(summary?.rejected.map((p) => p.row) ?? []).size;
  const goodRows = summary ? summary.rows - badRows : 0;
  const groups = groupProblems(problems);

  /** Writes the plan: every row, or (`goodOnly`, the user's choice) the
   * rows without problems, leaving the others out. */
  const run = async (goodOnly: boolean) => {
    if (!preview) return;
    setBusy(true);
    try {
      const token = preview.token;
      const done = await write(() => commands.import_write(token, goodOnly));
      toast(t("import_done", { created: number(done.created), updated: number(done.updated) }));
      onDone?.();
      if (goodOnly && badRows) setWritten(done);
      else onClose();
    } catch (e) {
      setError(asUiError(e));
    } finally {
      setBusy(false);
    }
  };

  /** Saves the rejected rows as XLSX, with a column saying what is wrong
   * in the UI's language, to fix and import again. */
  const saveRejected = async () => {
    if (!preview || !summary) return;
    try {
      const base = file?.file.name.replace(/\.(xlsx|csv)$/i, "") ?? kind;
      const path = await chooseSavePath(`${base}-${t("import_rejected_file")}.xlsx`, [{ name: "Excel", extensions: ["xlsx"] }]);
      if (!path) return;
      const texts = summary.rejected.map((p) => problemText(i18n, p));
      await commands.import_rejected_save(preview.token, "xlsx", path, t("import_problem_column"), t("import_row_word"), texts);
      toast(t("import_rejected_saved", { path }));
    } catch (e) {
      toast(errorText(i18n, e), "error");
    }
  };

  // The classes a students file names that the year lacks: those whose
  // name shows the grade can be created in this import.
  const missingClasses = groups.find((g) => g.code === "no_class" && !error);
  const creatable = [
    ...new Set(missingClasses?.problems.filter((p) => p.params.grade !== undefined && p.params.value).map((p) => p.params.value as string) ?? []),
  ];
  const canWrite = !!summary && problems.length === 0 && !error;
  const canWriteGood = !!summary && !error && problems.length > 0 && goodRows > 0;
  const canSave = !!summary && summary.rejected.length > 0 && !error;
  return (
    <Dialog
      wide
      title={t("import_title", { kind: t(("kind_" + kind) as Key) })}
      onClose={onClose}
      testId="import-dialog"
      footer={
        written ? (
          <>
            <Button onClick={saveRejected} data-testid="import-save-rejected">
              {t("import_save_rejected", { rows: number(badRows) })}
            </Button>
            <Button variant="primary" onClick={onClose}>
              {t("close")}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>{t("cancel")}</Button>
            {canSave ? (
              <Button onClick={saveRejected} data-testid="import-save-rejected">
                {t("import_save_rejected", { rows: number(badRows) })}
              </Button>
            ) : null}
            {canWriteGood ? (
              <Button variant="primary" busy={busy} onClick={() => run(true)} data-testid="import-run-good">
                {t("import_write_good", { rows: number(goodRows), bad: number(badRows) })}
              </Button>
            ) : (
              <Button variant="primary" disabled={!canWrite} busy={busy} onClick={() => run(false)} data-testid="import-run">
                {t("import_write", { rows: number(summary?.rows ?? 0) })}
              </Button>
            )}
          </>
        )
      }
    >
      <FilePicker label={t("import_choose")} accept=".xlsx,.csv" fileName={file?.file.name ?? null} onChoose={choose} testId="import-file" />
      {written ? (
        <div className="banner banner-ok" role="status" data-testid="import-written">
          {t("import_written_good", { created: number(written.created), updated: number(written.updated), bad: number(badRows) })}
        </div>
      ) : null}
      {summary?.created_classes.length ? (
        <div className="banner banner-info" data-testid="import-created-classes">
          {t("import_classes_created", { count: number(summary.created_classes.length), values: valuesText(summary.created_classes, 12) })}
        </div>
      ) : null}
      {summary && !problems.length ? (
        <div className="banner banner-info" data-testid="import-summary">
          {t("import_rows", {
            rows: number(summary.rows),
            created: number(summary.created),
            updated: number(summary.updated),
            unchanged: number(summary.unchanged),
          })}
          {" · "}
          {t("import_no_problems")}
        </div>
      ) : null}
      {summary?.ignored_columns.length ? <p className="muted">{t("import_ignored", { columns: summary.ignored_columns.join(", ") })}</p> : null}
      {error && !error.rows.length ? (
        <div className="banner banner-error" role="alert">
          {errorText(i18n, error)}
        </div>
      ) : null}
      {problems.length && !written ? (
        <>
          <div className="banner banner-error" role="alert" data-testid="import-problems">
            {canWriteGood
              ? t("import_problems_some", { bad: number(badRows), rows: number(summary?.rows ?? 0), good: number(goodRows) })
              : t("import_problems", { count: number(problems.length) })}
          </div>
          {missingClasses && file ? (
            <div className="banner banner-warn" data-testid="import-missing-classes">
              <p>{groupText(i18n, missingClasses)}</p>
              {creatable.length ? (
                <Button busy={busy} onClick={() => check(file.file, file.format, true)} data-testid="import-create-classes">
                  {t("import_create_classes", { count: number(creatable.length) })}
                </Button>
              ) : null}
              {creatable.length < missingClasses.values.length ? <p>{t("import_classes_screen")}</p> : null}
            </div>
          ) : null}
          <div className="problems">
            <table>
              <thead>
                <tr>
                  <th>{t("import_row")}</th>
                  <th>{t("import_column")}</th>
                  <th>{t("import_reason")}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g, n) => (
                  <tr key={n} data-testid="import-problem">
                    <td>{rowsText(g.problems.map((p) => p.row))}</td>
                    <td>{g.column}</td>
                    <td>{groupText(i18n, g)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}

export function ExportButton({ kind }: { kind: SheetKind }) {
  const i18n = useI18n();
  const toast = useToast();
  const exportTo = async () => {
    try {
      const path = await chooseSavePath(`${kind}.xlsx`, [
        { name: "Excel", extensions: ["xlsx"] },
        { name: "CSV", extensions: ["csv"] },
      ]);
      if (!path) return;
      const format: SheetFormat = path.toLowerCase().endsWith(".csv") ? "csv" : "xlsx";
      await commands.export_to_file(kind, format, path);
      toast(i18n.t("export_done", { path }));
    } catch (e) {
      toast(errorText(i18n, e), "error");
    }
  };
  return <Button onClick={exportTo}>{i18n.t("export")}</Button>;
}
