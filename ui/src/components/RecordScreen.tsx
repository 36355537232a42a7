// A list-and-form screen for one kind of record: the table, the new/edit
// form, delete, import/export, and restoring a draft left by a crash.
import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { Rec, SheetKind } from "../bindings";
import { errorText, useI18n } from "../i18n";
import { parseRecordKey, recordKey, type Screen } from "../keys";
import { noteRecent, type Draft } from "../local";
import { useWrite } from "../queries";
import { useAbilities } from "../session";
import { Column, DataTable, Filter, type TableHandle } from "./DataTable";
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
  /** The panel for a chosen row (e.g. a class roster): over or beside the
   * list, and only while a row is chosen. */
  aside?: (selected: Rec<T>) => ReactNode;
  /** Whether this user may edit this record (default: whenever `update`
   * is given); a record they may not edit offers no Edit button. */
  mayEdit?: (rec: Rec<T>) => boolean;
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
  const table = useRef<TableHandle>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Arriving from the sidebar (or the dashboard), the keyboard starts at the
  // screen's heading, so the primary action is the next Tab instead of 16
  // Tabs away (issue 16, item 9). Not when focus is already somewhere else
  // (a dialog a restore opened).
  useEffect(() => {
    const at = document.activeElement;
    if (!at || at === document.body || at.closest(".sidebar")) heading.current?.focus();
  }, []);

  // Closing the panel gives the keyboard back to the row it was opened from.
  const closePanel = useCallback(() => {
    const key = selected?.id;
    setSelected(null);
    if (key) table.current?.focusRow(key);
  }, [selected]);

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

  // The chosen row as the list has it now: a write elsewhere (a login made
  // in the panel) refreshes the list, and the panel must show it.
  const current = selected ? (rows?.find((r) => r.id === selected.id) ?? selected) : null;

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
        <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {/* The primary action first: one Tab from the heading. */}
        <div className="row-actions">
          {create ? (
            <Button variant="primary" onClick={() => setEditing({ rec: null })} data-testid={`new-${id}`} aria-keyshortcuts="Alt+N">
              {newTitle}
            </Button>
          ) : null}
          {sheet ? (
            <>
              <Button onClick={() => setImporting(true)} data-testid={`import-${id}`}>
                {t("import")}
              </Button>
              <ExportButton kind={sheet} />
            </>
          ) : null}
        </div>
      </header>
      {error ? <ErrorBanner text={error} onRetry={() => query.refetch()} /> : null}
      {lookupError ? <ErrorBanner text={errorText(i18n, lookupError.error)} onRetry={lookupError.retry} /> : null}
      <div className={aside && selected ? "split split-open" : "split"}>
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
            handle={table}
            onEscape={selected ? closePanel : undefined}
            onOpen={(r) => (aside ? choose(r) : update && (props.mayEdit?.(r) ?? true) ? edit(r) : undefined)}
            empty={
              <EmptyState
                title={t("empty_title")}
                action={create ? <Button variant="primary" onClick={() => setEditing({ rec: null })}>{newTitle}</Button> : undefined}
              />
            }
          />
        ) : null}
        {aside && current ? (
          <aside
            className="aside"
            aria-label={describe(current.data)}
            data-testid={`aside-${id}`}
            onKeyDown={(e) => {
              // Dialogs inside the panel stop their own Escape.
              if (e.key === "Escape" && !e.defaultPrevented) {
                e.preventDefault();
                closePanel();
              }
            }}
          >
            {/* The chosen record's actions are on its panel, not under it. */}
            <div className="aside-bar">
              {update && (props.mayEdit?.(current) ?? true) ? (
                <Button onClick={() => edit(current)} data-testid={`aside-edit-${id}`}>
                  {t("edit")}
                </Button>
              ) : null}
              <Button variant="ghost" className="push-right" onClick={closePanel} data-testid={`aside-close-${id}`} aria-keyshortcuts="Escape">
                {t("close")} ×
              </Button>
            </div>
            {aside(current)}
          </aside>
        ) : null}
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
