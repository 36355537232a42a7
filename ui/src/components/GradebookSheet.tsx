// The gradebook as an Excel file (issue 12, item 3): "Export to Excel"
// writes the open book to the path chosen in the save dialog; "Import from
// Excel" sends a filled-in file back. The server checks the whole file: on
// any problem nothing is saved and every problem (sheet and column, row,
// reason) is shown in a dialog; otherwise the grid reloads.
import { useId, useState } from "react";
import { commands, type UiError, type UiRowProblem } from "../bindings";
import { errorText, problemText, useI18n } from "../i18n";
import { chooseSavePath, readUpload } from "../platform";
import { Button, Dialog, useToast } from "./ui";

type Book = { class_id: string; subject_id: string; term_id: string; class_name: string; subject_name: string; term_name: string };

const fileName = (b: Book) => `${b.class_name} ${b.subject_name} ${b.term_name}`.replace(/[\\/:*?"<>|]+/g, "-") + ".xlsx";

export function GradebookSheetButtons({ book, editable, onImported }: { book: Book; editable: boolean; onImported: () => void }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<UiRowProblem[] | null>(null);
  const inputId = useId();

  const exportTo = async () => {
    try {
      const path = await chooseSavePath(fileName(book), [{ name: t("gs_file_filter"), extensions: ["xlsx"] }]);
      if (!path) return;
      setBusy(true);
      await commands.gradebook_export_file(book.class_id, book.subject_id, book.term_id, path);
      toast(t("gs_exported", { path }));
    } catch (e) {
      toast(errorText(i18n, e), "error");
    } finally {
      setBusy(false);
    }
  };

  const importFrom = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await commands.gradebook_import_file(await readUpload(file), book.class_id, book.subject_id, book.term_id);
      toast(done.cells_changed || done.cells_cleared ? t("gs_imported", { changed: number(done.cells_changed), cleared: number(done.cells_cleared) }) : t("gs_imported_nothing"));
      onImported();
    } catch (e) {
      const rows = (e as UiError | null)?.rows;
      if (rows?.length) setProblems(rows);
      else toast(errorText(i18n, e), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={exportTo} busy={busy} data-testid="gradebook-export">
        {t("gs_export")}
      </Button>
      {editable ? (
        <>
          <input
            id={inputId}
            type="file"
            className="sr-only"
            accept=".xlsx"
            disabled={busy}
            data-testid="gradebook-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ""; // the same file may be chosen again after fixing it
              void importFrom(file);
            }}
          />
          <label htmlFor={inputId} className="btn" data-testid="gradebook-import-button">
            {t("gs_import")}
          </label>
        </>
      ) : null}
      {problems ? <ImportProblems problems={problems} onClose={() => setProblems(null)} /> : null}
    </>
  );
}

/** Every problem of a refused file, one line each: row, column (with its
 * sheet, as the server names it: "Nilai!D (Formatif: UH 1)"), reason. */
export function ImportProblems({ problems, onClose }: { problems: UiRowProblem[]; onClose: () => void }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  return (
    <Dialog title={t("gs_problems_title")} onClose={onClose} wide testId="gradebook-import-problems" footer={<Button onClick={onClose}>{t("gs_close")}</Button>}>
      <p role="alert" data-testid="gradebook-import-intro">
        {t("gs_problems_intro", { count: number(problems.length) })}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{t("gs_row")}</th>
            <th>{t("gs_column")}</th>
            <th>{t("gs_reason")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} data-testid="gradebook-import-problem">
              <td>{number(p.row)}</td>
              <td>{p.column}</td>
              <td>{problemText(i18n, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
