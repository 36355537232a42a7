// Import from XLSX/CSV with a preview of every row problem before anything
// is written; export to XLSX/CSV through a save dialog. The file's bytes
// cross to the shell once, as the raw body of the preview; writing sends
// only the preview's token, and the shell writes the plan it previewed.
import type { QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { commands, ImportPreview, SheetFormat, SheetKind, UiError } from "../bindings";
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

export function ImportDialog({ kind, onClose, onDone }: { kind: SheetKind; onClose: () => void; onDone?: () => void }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const toast = useToast();
  const write = useWrite(EVERYTHING);
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const summary = preview?.summary ?? null;
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | undefined) => {
    setPreview(null);
    setError(null);
    if (!f) return;
    const format = formatOf(f.name);
    if (!format) {
      setError({ kind: "invalid", message: `${f.name}: ${t("import_choose")}`, fields: [], rows: [], conflict: null });
      return;
    }
    setFileName(f.name);
    setBusy(true);
    try {
      setPreview(await commands.import_preview(await readUpload(f), kind, format, false));
    } catch (e) {
      setError(asUiError(e));
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const token = preview.token;
      const done = await write(() => commands.import_write(token, false));
      toast(t("import_done", { created: number(done.created), updated: number(done.updated) }));
      onDone?.();
      onClose();
    } catch (e) {
      setError(asUiError(e));
    } finally {
      setBusy(false);
    }
  };

  const problems = error?.rows.length ? error.rows : (summary?.rejected ?? []);
  const canWrite = !!summary && problems.length === 0 && !error;
  return (
    <Dialog
      wide
      title={t("import_title", { kind: t(("kind_" + kind) as Key) })}
      onClose={onClose}
      testId="import-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t("cancel")}</Button>
          <Button variant="primary" disabled={!canWrite} busy={busy} onClick={run} data-testid="import-run">
            {t("import_write", { rows: number(summary?.rows ?? 0) })}
          </Button>
        </>
      }
    >
      <FilePicker label={t("import_choose")} accept=".xlsx,.csv" fileName={fileName} onChoose={choose} testId="import-file" />
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
      {problems.length ? (
        <>
          <div className="banner banner-error" role="alert" data-testid="import-problems">
            {t("import_problems", { count: number(problems.length) })}
          </div>
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
                {problems.map((p, n) => (
                  <tr key={n} data-testid="import-problem">
                    <td>{p.row}</td>
                    <td>{p.column}</td>
                    <td>{problemText(i18n, p)}</td>
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
