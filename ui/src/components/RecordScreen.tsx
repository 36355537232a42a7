// A list-and-form screen for one kind of record: the table, the new/edit
// form, delete, import/export, and restoring a draft left by a crash.
import { ReactNode, useCallback, useEffect, useState } from "react";
import type { Rec, SheetKind } from "../bindings";
import { errorText, useI18n } from "../i18n";
import { noteRecent, type Draft } from "../local";
import { Column, DataTable, Filter } from "./DataTable";
import { ExportButton, ImportDialog } from "./ImportExport";
import { FieldSpec, RecordForm } from "./RecordForm";
import { Button, EmptyState, ErrorBanner, Spinner, useToast } from "./ui";

export interface RecordScreenProps<T extends Record<string, unknown>> {
  id: string;
  title: string;
  newTitle: string;
  list: () => Promise<Rec<T>[]>;
  create?: (data: T) => Promise<unknown>;
  update?: (id: string, version: number, data: T) => Promise<unknown>;
  remove?: (id: string, version: number) => Promise<unknown>;
  blank: () => T;
  fields: FieldSpec<T>[];
  columns: Column<Rec<T>>[];
  filters?: Filter<Rec<T>>[];
  describe: (data: T) => string;
  sheet?: SheetKind;
  restore?: Draft | null;
  onRestored?: () => void;
  /** Shown beside the table (e.g. a class roster). */
  aside?: (selected: Rec<T> | null) => ReactNode;
}

export function RecordScreen<T extends Record<string, unknown>>(props: RecordScreenProps<T>) {
  const { id, title, newTitle, list, create, update, remove, blank, fields, columns, filters, describe, sheet, restore, onRestored, aside } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [rows, setRows] = useState<Rec<T>[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ rec: Rec<T> | null; restore?: T } | null>(null);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<Rec<T> | null>(null);

  const load = useCallback(async () => {
    try {
      setError(null);
      setRows(await list());
    } catch (e) {
      setError(errorText(i18n, e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list]);

  useEffect(() => {
    load();
  }, [load]);

  // Opening a record for editing puts it in the user's recent items.
  const edit = useCallback(
    (rec: Rec<T> | null, draft?: T) => {
      if (rec) noteRecent(`${id}:${rec.id}`, describe(rec.data));
      setEditing({ rec, restore: draft });
    },
    [id, describe],
  );

  // On screens with a panel beside the list, choosing a row opens it.
  const choose = useCallback(
    (rec: Rec<T>) => {
      noteRecent(`${id}:${rec.id}`, describe(rec.data));
      setSelected(rec);
    },
    [id, describe],
  );

  useEffect(() => {
    if (!restore || !rows) return;
    const [, recId] = restore.key.split(":");
    const rec = recId === "new" ? null : (rows.find((r) => r.id === recId) ?? null);
    if (recId !== "new" && !rec) toast(t("record_gone"), "error");
    else if (restore.data === undefined && rec && aside) choose(rec);
    else edit(rec, restore.data === undefined ? undefined : (restore.data as T));
    onRestored?.();
    // `aside` is a render function, new on every render; only its presence matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restore, rows, onRestored, edit, choose, toast, t]);

  const submit = async (data: T, version: number | undefined) => {
    if (editing?.rec && update) await update(editing.rec.id, version ?? editing.rec.version, data);
    else if (create) await create(data);
    toast(t("saved"));
    setEditing(null);
    await load();
  };

  const reload = async () => {
    const fresh = await list();
    setRows(fresh);
    const rec = fresh.find((r) => r.id === editing?.rec?.id);
    if (!rec) throw new Error("gone");
    return { values: rec.data, version: rec.version };
  };

  const del = async () => {
    const rec = editing?.rec;
    if (!rec || !remove) return;
    if (!window.confirm(t("confirm_delete", { name: describe(rec.data) }))) return;
    try {
      await remove(rec.id, rec.version);
      toast(t("deleted"));
      setEditing(null);
      await load();
    } catch (e) {
      toast(errorText(i18n, e), "error");
    }
  };

  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <header className="screen-head">
        <h1 id={`${id}-title`}>{title}</h1>
        <div className="row-actions">
          {sheet ? (
            <>
              <Button onClick={() => setImporting(true)} data-testid={`import-${id}`}>
                {t("import")}
              </Button>
              <ExportButton kind={sheet} />
            </>
          ) : null}
          {create ? (
            <Button variant="primary" onClick={() => setEditing({ rec: null })} data-testid={`new-${id}`} aria-keyshortcuts="Alt+N">
              {newTitle}
            </Button>
          ) : null}
        </div>
      </header>
      {error ? <ErrorBanner text={error} onRetry={load} /> : null}
      <div className={aside ? "split" : ""}>
        {rows === null && !error ? (
          <Spinner />
        ) : rows ? (
          <DataTable
            id={id}
            label={title}
            rows={rows}
            columns={columns}
            filters={filters}
            rowKey={(r) => r.id}
            selectedKey={selected?.id}
            onOpen={(r) => (aside ? choose(r) : update ? edit(r) : undefined)}
            toolbar={aside && selected && update ? <Button onClick={() => edit(selected)}>{t("edit")}</Button> : null}
            empty={
              <EmptyState
                title={t("empty_title")}
                action={create ? <Button variant="primary" onClick={() => setEditing({ rec: null })}>{newTitle}</Button> : undefined}
              />
            }
          />
        ) : null}
        {aside ? <div className="aside">{aside(selected)}</div> : null}
      </div>
      {editing ? (
        <RecordForm<T>
          title={editing.rec ? describe(editing.rec.data) : newTitle}
          draftKey={`${id}:${editing.rec?.id ?? "new"}`}
          initial={editing.rec?.data ?? blank()}
          version={editing.rec?.version}
          restore={editing.restore}
          fields={fields}
          onSubmit={submit}
          reload={editing.rec ? reload : undefined}
          onClose={() => setEditing(null)}
          onDelete={editing.rec && remove ? del : undefined}
          testId={`form-${id}`}
        />
      ) : null}
      {importing && sheet ? <ImportDialog kind={sheet} onClose={() => setImporting(false)} onDone={load} /> : null}
    </section>
  );
}
