// The gradebook screen (issue 12, item 3): the teacher picks a term, a
// class and a subject among what they may grade (gradebook_choices), and
// gets the grid (components/GradeGrid.tsx), the scheme editor, the
// columns (add, rename, remove) and the sign-off of the class's term.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { GradebookSheetButtons } from "../components/GradebookSheet";
import { GradeGrid } from "../components/GradeGrid";
import { SchemeEditor } from "../components/SchemeEditor";
import { Button, Dialog, EmptyState, ErrorBanner, SelectMenu, Spinner, useToast } from "../components/ui";
import { errorText, useI18n, type Key } from "../i18n";
import { parseRecordKey, queryKeys, recordKey } from "../keys";
import type { Draft } from "../local";
import { termToShow, useCurrentTermId } from "../currentTerm";
import { useSession } from "../session";
import { gradebookApi, type CellInput, type Gradebook, type GradebookChoice, type GradebookColumn, type SchemeInput, type SignoffStatus } from "./gradebookWire";

/** The local draft of a book's unsaved cells. */
export const gradebookDraftKey = (c: { class_id: string; subject_id: string; term_id: string }) => recordKey("gradebook", `${c.class_id}|${c.subject_id}|${c.term_id}`);

const unique = <T,>(list: T[], key: (x: T) => string) => list.filter((x, i) => list.findIndex((y) => key(y) === key(x)) === i);

/** `restore`: a draft of unsaved cells chosen on the dashboard opens its book. */
export function GradebookScreen({ restore, onRestored }: { restore?: Draft | null; onRestored?: () => void } = {}) {
  const i18n = useI18n();
  const { t } = i18n;
  const choices = useQuery({ queryKey: queryKeys.gradebookChoices, queryFn: gradebookApi.gradebook_choices });
  const currentTerm = useCurrentTermId();
  const [picked, setPicked] = useState<{ term: string; class: string; subject: string } | null>(() => {
    const key = restore ? parseRecordKey(restore.key) : null;
    if (key?.kind !== "gradebook") return null;
    const [cls, subject, term] = key.id.split("|");
    return { term, class: cls, subject };
  });
  useEffect(() => {
    // The draft's book is picked above; the grid reads the draft itself.
    if (restore) onRestored?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (choices.error) return <ErrorBanner text={errorText(i18n, choices.error)} onRetry={() => choices.refetch()} />;
  if (!choices.data) return <Spinner />;
  const list = choices.data;
  if (!list.length) {
    return (
      <section className="screen" data-testid="gradebook">
        <header className="screen-head">
          <h1>{t("nav_gradebook")}</h1>
        </header>
        <EmptyState title={t("gb_no_choices")} hint={t("gb_no_choices_hint")} />
      </section>
    );
  }
  // Each pick narrows the next; a pick that no longer fits falls back to
  // the first (the semester: to the one today falls in).
  const terms = unique(list, (c) => c.term_id);
  const term = termToShow(terms.map((c) => c.term_id), picked?.term, currentTerm) ?? terms[0].term_id;
  const classes = unique(
    list.filter((c) => c.term_id === term),
    (c) => c.class_id,
  );
  const cls = classes.find((c) => c.class_id === picked?.class)?.class_id ?? classes[0].class_id;
  const subjects = list.filter((c) => c.term_id === term && c.class_id === cls);
  const choice: GradebookChoice = subjects.find((c) => c.subject_id === picked?.subject) ?? subjects[0];
  const pick = (patch: Partial<{ term: string; class: string; subject: string }>) => setPicked({ term, class: cls, subject: choice.subject_id, ...patch });

  return (
    <section className="screen screen-wide" data-testid="gradebook">
      <header className="screen-head">
        <h1>{t("nav_gradebook")}</h1>
      </header>
      <div className="toolbar gb-pickers">
        <SelectMenu label={t("dash_term")} value={term} options={terms.map((c) => ({ value: c.term_id, label: c.term_name }))} onChange={(v) => pick({ term: v })} testId="pick-term" />
        <SelectMenu label={t("f_class")} value={cls} options={classes.map((c) => ({ value: c.class_id, label: c.class_name }))} onChange={(v) => pick({ class: v })} testId="pick-class" />
        <SelectMenu label={t("f_subject")} value={choice.subject_id} options={subjects.map((c) => ({ value: c.subject_id, label: c.subject_name }))} onChange={(v) => pick({ subject: v })} testId="pick-subject" />
      </div>
      <Book key={`${choice.class_id}|${choice.subject_id}|${choice.term_id}`} choice={choice} />
    </section>
  );
}

function Book({ choice }: { choice: GradebookChoice }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const session = useSession();
  const key = queryKeys.gradebook(choice.class_id, choice.subject_id, choice.term_id);
  const book = useQuery({ queryKey: key, queryFn: () => gradebookApi.gradebook_open(choice.class_id, choice.subject_id, choice.term_id), staleTime: 0 });
  const [editingScheme, setEditingScheme] = useState(false);
  const [column, setColumn] = useState<GradebookColumn | "new" | null>(null);
  const [newFor, setNewFor] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const reload = () => client.invalidateQueries({ queryKey: key });
  // Saved cells stay in the grid's own state; the cached answer is not
  // refetched per cell (a refetch would re-render the whole grid).
  const save = useMemo(() => (cells: CellInput[]) => gradebookApi.gradebook_save(choice.class_id, choice.subject_id, choice.term_id, cells), [choice]);

  if (book.error) return <ErrorBanner text={errorText(i18n, book.error)} onRetry={() => book.refetch()} />;
  if (!book.data) return <Spinner />;
  const gb: Gradebook = book.data;
  const admin = session?.roles.includes("admin") ?? false;
  // A class's grades are submitted (or taken back) by its homeroom teacher.
  const homeroom = admin || (session?.abilities.edit_classes.includes(choice.class_id) ?? false);

  const act = async (what: () => Promise<unknown>, done: Key) => {
    setBusy(true);
    try {
      await what();
      toast(t(done));
      await reload();
    } catch (e) {
      toast(errorText(i18n, e), "error");
    } finally {
      setBusy(false);
    }
  };
  const saveScheme = async (input: SchemeInput) => {
    await gradebookApi.scheme_save(choice.subject_id, choice.term_id, input);
    await reload();
  };

  return (
    <>
      <div className="toolbar gb-toolbar">
        <span className={`badge badge-${gb.status}`} data-testid="signoff-status">
          {t(`gb_status_${gb.status}` as Key)}
        </span>
        {gb.editable ? (
          <>
            <Button onClick={() => setEditingScheme(true)} data-testid="scheme-edit">
              {gb.scheme ? t("gb_scheme_edit") : t("gb_scheme_create")}
            </Button>
            {gb.scheme ? (
              <Button
                onClick={() => {
                  setNewFor(gb.scheme?.components[0]?.id ?? "");
                  setColumn("new");
                }}
                data-testid="column-add"
              >
                {t("gb_column_add")}
              </Button>
            ) : null}
          </>
        ) : null}
        <Button variant="ghost" onClick={() => reload()} data-testid="gradebook-reload" title={t("gb_reload_hint")}>
          {t("gb_reload")}
        </Button>
        {gb.scheme ? <GradebookSheetButtons book={choice} editable={gb.editable} onImported={() => void reload()} /> : null}
        <SignoffButtons status={gb.status} admin={admin} homeroom={homeroom} busy={busy} onSet={(s) => act(() => gradebookApi.signoff_set(choice.class_id, choice.term_id, s), s === "submitted" ? "gb_submitted" : s === "draft" ? "gb_taken_back" : "gb_approved")} onUnlock={() => act(() => gradebookApi.signoff_unlock(choice.class_id, choice.term_id), "gb_unlocked")} />
      </div>
      {!gb.editable ? (
        <div className="banner banner-info" role="status" data-testid="read-only">
          {t(gb.status === "approved" ? "gb_locked" : gb.status === "submitted" ? "gb_submitted_read_only" : "gb_read_only")}
        </div>
      ) : null}
      {!gb.scheme ? (
        <EmptyState title={t("gb_no_scheme")} hint={gb.editable ? t("gb_no_scheme_hint") : undefined} />
      ) : !gb.students.length ? (
        <EmptyState title={t("gb_no_students")} />
      ) : !gb.columns.length ? (
        <EmptyState title={t("gb_no_columns")} hint={gb.editable ? t("gb_no_columns_hint") : undefined} />
      ) : (
        <GradeGrid gb={gb} save={save} onColumn={gb.editable ? (c) => setColumn(c) : undefined} draft={{ key: gradebookDraftKey(choice), title: `${t("nav_gradebook")}: ${choice.class_name} · ${choice.subject_name} · ${choice.term_name}` }} />
      )}
      {editingScheme ? <SchemeEditor scheme={gb.scheme} onSave={saveScheme} onClose={() => setEditingScheme(false)} /> : null}
      {column ? (
        <ColumnDialog
          gb={gb}
          column={column === "new" ? null : column}
          componentId={newFor}
          onComponent={setNewFor}
          onClose={() => setColumn(null)}
          onAdd={(componentId, name) => gradebookApi.assessment_add(choice.class_id, componentId, name).then(reload)}
          onRename={(id, name) => gradebookApi.assessment_rename(id, name).then(reload)}
          onRemove={(id, withScores) => gradebookApi.assessment_remove(id, withScores).then(reload)}
        />
      ) : null}
    </>
  );
}

/** Submit or take back (the class's homeroom teacher), approve and unlock
 * (an administrator): only what the policy would not refuse. */
function SignoffButtons({ status, admin, homeroom, busy, onSet, onUnlock }: { status: SignoffStatus; admin: boolean; homeroom: boolean; busy: boolean; onSet: (s: SignoffStatus) => void; onUnlock: () => void }) {
  const { t } = useI18n();
  return (
    <span className="row-actions">
      {status === "draft" && homeroom ? (
        <Button onClick={() => onSet("submitted")} busy={busy} data-testid="signoff-submit">
          {t("gb_submit")}
        </Button>
      ) : null}
      {status === "submitted" && homeroom ? (
        <Button onClick={() => onSet("draft")} busy={busy} data-testid="signoff-take-back">
          {t("gb_take_back")}
        </Button>
      ) : null}
      {/* Only submitted grades can be approved (the server refuses a draft). */}
      {admin && status === "submitted" ? (
        <Button variant="primary" onClick={() => onSet("approved")} busy={busy} data-testid="signoff-approve">
          {t("gb_approve")}
        </Button>
      ) : null}
      {admin && status === "approved" ? (
        <Button variant="danger" onClick={onUnlock} busy={busy} data-testid="signoff-unlock">
          {t("gb_unlock")}
        </Button>
      ) : null}
    </span>
  );
}

/** Adds a column to a component, or renames or removes one (removing asks first). */
function ColumnDialog({
  gb,
  column,
  componentId,
  onComponent,
  onClose,
  onAdd,
  onRename,
  onRemove,
}: {
  gb: Gradebook;
  column: GradebookColumn | null;
  componentId: string;
  onComponent: (id: string) => void;
  onClose: () => void;
  onAdd: (componentId: string, name: string) => Promise<unknown>;
  onRename: (id: string, name: string) => Promise<unknown>;
  onRemove: (id: string, withScores: boolean) => Promise<unknown>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState(column?.name ?? "");
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scores = column ? gb.scores.filter((s) => s.assessment_id === column.id).length : 0;
  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      onClose();
    } catch (e) {
      setError(errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };
  const ok = name.trim() !== "" && (column !== null || componentId !== "");
  return (
    <Dialog
      title={column ? t("gb_column_edit") : t("gb_column_add")}
      onClose={onClose}
      testId="column-dialog"
      footer={
        asking && column ? (
          <>
            <Button onClick={() => setAsking(false)}>{t("cancel")}</Button>
            <Button variant="danger" busy={busy} onClick={() => run(() => onRemove(column.id, scores > 0))} data-testid="column-remove-confirm">
              {t("delete")}
            </Button>
          </>
        ) : (
          <>
            {column ? (
              <Button variant="danger" onClick={() => setAsking(true)} data-testid="column-remove">
                {t("delete")}
              </Button>
            ) : null}
            <Button onClick={onClose}>{t("cancel")}</Button>
            <Button variant="primary" disabled={!ok} busy={busy} onClick={() => run(() => (column ? onRename(column.id, name.trim()) : onAdd(componentId, name.trim())))} data-testid="column-save">
              {t("save")}
            </Button>
          </>
        )
      }
    >
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
      {asking && column ? (
        <p data-testid="column-remove-ask">{scores ? t("gb_column_remove_scores", { name: column.name, count: scores }) : t("confirm_delete", { name: column.name })}</p>
      ) : (
        <>
          {!column ? <SelectMenu label={t("gb_component")} value={componentId} options={(gb.scheme?.components ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.weight} %)` }))} onChange={onComponent} testId="column-component" /> : null}
          <label className="field">
            <span>{t("gb_column_name")}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="column-name" />
          </label>
        </>
      )}
    </Dialog>
  );
}
