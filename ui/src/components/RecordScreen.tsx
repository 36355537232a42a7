// A list-and-form screen for one kind of record: the table, the new/edit
// form, delete, import/export, and restoring a draft left by a crash.
import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { ReactNode, useCallback, useEffect, useState } from "react";
import type { Rec, SheetKind } from "../bindings";
import { errorText, useI18n } from "../i18n";
import { parseRecordKey, recordKey, type Screen } from "../keys";
import { noteRecent, type Draft } from "../local";
import { useWrite } from "../queries";
import { useAbilities } from "../session";
import { Column, DataTable, Filter } from "./DataTable";
import { ExportButton, ImportDialog } from "./ImportExport";
import { FieldSpec, RecordForm } from "./RecordForm";
import { Button, EmptyState, ErrorBanner, Spinner, useToast } from "./ui";

/** What a screen gets when the dashboard asks it to open a draft or a
 * recent record. */
export interface RestoreProps {
  restore?: Draft | null;
  onRestored?: () => void;
}

export interface RecordScreenProps<T extends Record<string, unknown>> {
  id: Screen;
  title: string;
  newTitle: string;
  /** The list's cache key and how to fetch it. */
  queryKey: QueryKey;
  list: () => Promise<Rec<T>[]>;
  /** Other cached answers a write here changes (the list's own is implied). */
  invalidates?: QueryKey[];
  /** A lookup the screen needs (names in columns, choices in the form)
   * that failed, shown above the table. */
  lookupError?: { error: unknown; retry: () => void } | null;
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
  const { id, title, newTitle, queryKey, list, invalidates, lookupError, create, update, remove, blank, fields, columns, filters, describe, restore, onRestored, aside } = props;
  // Import and export only for those who may (no button that is refused).
  const sheet = useAbilities().import_export ? props.sheet : undefined;
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const query = useQuery({ queryKey, queryFn: list });
  const rows = query.data ?? null;
  const error = query.error ? errorText(i18n, query.error) : null;
  const write = useWrite([queryKey, ...(invalidates ?? [])]);
  const [editing, setEditing] = useState<{ rec: Rec<T> | null; restore?: T } | null>(null);
  const [importing, setImporting] = useState(false);

  // Alt+N, shown on the "new" button, opens the new-record form (issue 16,
  // item 9: it was shown and did nothing). Not while a form or the import
  // dialog is open.
  const canCreate = !!create;
  const busy = editing !== null || importing;
  useEffect(() => {
    if (!canCreate || busy) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
        e.preventDefault();
        setEditing({ rec: null });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canCreate, busy]);
  const [selected, setSelected] = useState<Rec<T> | null>(null);

  // Opening a record for editing puts it in the user's recent items.
  const edit = useCallback(
    (rec: Rec<T> | null, draft?: T) => {
      if (rec) noteRecent(recordKey(id, rec.id), describe(rec.data));
      setEditing({ rec, restore: draft });
    },
    [id, describe],
  );

  // On screens with a panel beside the list, choosing a row opens it.
  const choose = useCallback(
    (rec: Rec<T>) => {
      noteRecent(recordKey(id, rec.id), describe(rec.data));
      setSelected(rec);
    },
    [id, describe],
  );

  const hasAside = !!aside;
  // A draft or recent item the dashboard asked to open, once the rows are
  // here: the restore request is an event that arrives as a prop.
  useEffect(() => {
    if (!restore || !rows) return;
    const { id: recId } = parseRecordKey(restore.key);
    // The dashboard's "Import…" opens the import dialog it names.
    if (recId === "import") {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the request is an event that arrives as a prop; handled once
      if (sheet) setImporting(true);
      onRestored?.();
      return;
    }
    const rec = recId === "new" ? null : (rows.find((r) => r.id === recId) ?? null);
    if (recId !== "new" && !rec) toast(t("record_gone"), "error");
    else if (restore.data === undefined && rec && hasAside) choose(rec);
    else edit(rec, restore.data === undefined ? undefined : (restore.data as T));
    onRestored?.();
  }, [restore, rows, onRestored, edit, choose, toast, t, hasAside, sheet]);

  const submit = async (data: T, version: number | undefined) => {
    const rec = editing?.rec;
    if (rec && update) await write(() => update(rec.id, version ?? rec.version, data));
    else if (create) await write(() => create(data));
    toast(t("saved"));
    setEditing(null);
  };

  const reload = async () => {
    const fresh = await client.fetchQuery({ queryKey, queryFn: list, staleTime: 0 });
    const rec = fresh.find((r) => r.id === editing?.rec?.id);
    if (!rec) throw new Error("gone");
    return { values: rec.data, version: rec.version };
  };

  const del = async () => {
    const rec = editing?.rec;
    if (!rec || !remove) return;
    if (!window.confirm(t("confirm_delete", { name: describe(rec.data) }))) return;
    try {
      await write(() => remove(rec.id, rec.version));
      toast(t("deleted"));
      setEditing(null);
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
      {error ? <ErrorBanner text={error} onRetry={() => query.refetch()} /> : null}
      {lookupError ? <ErrorBanner text={errorText(i18n, lookupError.error)} onRetry={lookupError.retry} /> : null}
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
          draftKey={recordKey(id, editing.rec?.id ?? "new")}
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
      {importing && sheet ? <ImportDialog kind={sheet} onClose={() => setImporting(false)} /> : null}
    </section>
  );
}
