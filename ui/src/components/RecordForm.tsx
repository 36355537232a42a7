// One form for every record: fields from a spec, the server's message under
// each field, a draft saved as the user types (so a crash or power cut loses
// nothing), and the "someone else saved this" dialog with reload / compare.
import { useEffect, useRef, useState } from "react";
import type { UiError } from "../bindings";
import { errorText, Key, problemText, useI18n } from "../i18n";
import { local } from "../local";
import { DateField } from "./DateField";
import { Button, Dialog, Field } from "./ui";

export interface FieldSpec<F> {
  name: keyof F & string;
  label: Key;
  type?: "text" | "number" | "date" | "select" | "checkbox" | "password" | "textarea" | "roles";
  options?: { value: string; label: string }[];
  required?: boolean;
  /** An empty text becomes null (optional numbers such as NIP). */
  nullable?: boolean;
  hint?: string;
  /** Set only when the record is created; on an existing record the field
   * is shown read-only with this hint, which says where it is changed
   * (a form never reports "saved" for a change it did not make). */
  onlyWhenNew?: string;
  /** A date field holding a student's birth date: refused unless the
   * student is at least 3 years old and born after 1 January a hundred
   * years back, as the server refuses it. */
  birth?: boolean;
}

interface Props<F> {
  title: string;
  /** Where the draft is kept, e.g. "student:new" or "teacher:<id>". */
  draftKey: string;
  initial: F;
  version?: number;
  fields: FieldSpec<F>[];
  onSubmit: (values: F, version: number | undefined) => Promise<void>;
  /** The record as saved now, for a conflict. */
  reload?: () => Promise<{ values: F; version: number }>;
  onClose: () => void;
  /** Open with this draft already applied (restoring after a restart). */
  restore?: F;
  onDelete?: () => void;
  testId?: string;
}

export function isUiError(e: unknown): e is UiError {
  return !!e && typeof e === "object" && "kind" in e && "message" in e;
}

/** Whatever a command threw, as a `UiError` (unknown throws keep their text). */
export function asUiError(e: unknown): UiError {
  return isUiError(e) ? e : { kind: "unknown", message: String(e), fields: [], rows: [], conflict: null };
}

export function RecordForm<F extends Record<string, unknown>>(props: Props<F>) {
  const { title, draftKey, initial, fields, onSubmit, reload, onClose, restore, onDelete, testId } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [values, setValues] = useState<F>(restore ?? initial);
  const [version, setVersion] = useState(props.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [draft, setDraft] = useState<{ data: F; saved_at: string } | null>(null);
  const [compare, setCompare] = useState<F | null>(null);
  const dirty = useRef(false);
  // Date fields whose text is not a date yet (issue 16, item 4): the form
  // is not sent while any is, and after a try each shows its problem.
  const [badDates, setBadDates] = useState<string[]>([]);
  const [triedDates, setTriedDates] = useState(false);

  useEffect(() => {
    if (restore) return;
    local()
      .then((s) => s.getDraft(draftKey))
      .then((d) => {
        if (d && JSON.stringify(d.data) !== JSON.stringify(initial)) setDraft({ data: d.data as F, saved_at: d.saved_at });
      });
    // A form looks for its draft once, when it opens: `initial` and
    // `restore` are what it opened with, new objects on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [draftKey]);

  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(() => {
      local().then((s) => s.putDraft({ key: draftKey, title, data: values, saved_at: new Date().toISOString() }));
    }, 300);
    return () => clearTimeout(timer);
  }, [values, draftKey, title]);

  const set = (name: string, value: unknown) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [name]: value }));
  };

  // Closing throws away what was typed (and its draft): ask first when
  // anything differs from what the form opened with (issue 16, item 5:
  // Escape discarded a half-filled form at once).
  const [askingToDiscard, setAskingToDiscard] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const keepEditing = () => {
    setAskingToDiscard(false);
    formRef.current?.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea")?.focus();
  };
  const discard = () => {
    dirty.current = false;
    local().then((s) => s.dropDraft(draftKey));
    onClose();
  };
  const close = () => {
    if (badDates.length || JSON.stringify(values) !== JSON.stringify(restore ?? initial)) setAskingToDiscard(true);
    else discard();
  };

  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (badDates.length) {
      setTriedDates(true);
      formRef.current?.querySelector<HTMLElement>(`[name="${badDates[0]}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const clean = { ...values } as Record<string, unknown>;
    for (const f of fields) {
      if (f.nullable && (clean[f.name] === "" || clean[f.name] === undefined)) clean[f.name] = null;
      if (f.type === "number" && typeof clean[f.name] === "string") {
        const text = (clean[f.name] as string).trim();
        clean[f.name] = text === "" ? (f.nullable ? null : 0) : Number(text);
      }
    }
    try {
      await onSubmit(clean as F, version);
      dirty.current = false;
      await local().then((s) => s.dropDraft(draftKey));
    } catch (err) {
      setError(asUiError(err));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: string) => {
    const f = error?.fields.find((x) => x.field === name);
    return f ? problemText(i18n, f) : undefined;
  };
  const conflict = error?.kind === "conflict" ? error.conflict : null;

  const doReload = async () => {
    if (!reload) return;
    const latest = await reload();
    setValues(latest.values);
    setVersion(latest.version);
    setError(null);
    setCompare(null);
  };
  const doCompare = async () => {
    if (!reload) return;
    const latest = await reload();
    setCompare(latest.values);
  };

  return (
    <Dialog
      title={title}
      onClose={close}
      testId={testId}
      footer={
        <>
          {onDelete ? (
            <Button variant="danger" className="push-left" onClick={onDelete}>
              {t("delete")}
            </Button>
          ) : null}
          <Button onClick={close}>{t("cancel")}</Button>
          <Button variant="primary" busy={busy} onClick={() => submit()} data-testid="form-save">
            {busy ? t("saving") : t("save")}
          </Button>
        </>
      }
    >
      {askingToDiscard ? (
        <div className="banner banner-warn" role="alert" data-testid="discard-ask">
          <span>{t("form_discard_ask")}</span>
          <Button variant="primary" onClick={keepEditing} data-testid="discard-keep">
            {t("form_keep_editing")}
          </Button>
          <Button variant="danger" onClick={discard} data-testid="discard-confirm">
            {t("form_discard")}
          </Button>
        </div>
      ) : null}
      {draft ? (
        <div className="banner banner-info" role="status" data-testid="draft-banner">
          <span>{t("draft_found", { at: i18n.dateTime(draft.saved_at) })}</span>
          <Button
            variant="ghost"
            onClick={() => {
              dirty.current = true;
              setValues(draft.data);
              setDraft(null);
            }}
          >
            {t("restore")}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              local().then((s) => s.dropDraft(draftKey));
              setDraft(null);
            }}
          >
            {t("discard")}
          </Button>
        </div>
      ) : null}
      {triedDates && badDates.length ? (
        <div className="banner banner-error" role="alert" data-testid="form-date-error">
          {t("date_check_marked", {
            fields: fields
              .filter((f) => badDates.includes(f.name))
              .map((f) => t(f.label))
              .join(", "),
          })}
        </div>
      ) : null}
      {error && !conflict ? (
        <div className="banner banner-error" role="alert" data-testid="form-error">
          {errorText(i18n, error)}
        </div>
      ) : null}
      {conflict ? (
        <div className="banner banner-warn" role="alert" data-testid="conflict">
          <strong>{t("conflict_title")}</strong>
          <p>{t("conflict_body", { who: conflict.updated_by ?? t("conflict_someone"), at: i18n.dateTime(conflict.updated_at) })}</p>
          <div className="row-actions">
            <Button onClick={doReload}>{t("conflict_reload")}</Button>
            <Button onClick={doCompare}>{t("conflict_compare")}</Button>
            <Button variant="ghost" onClick={() => setError(null)}>
              {t("conflict_keep")}
            </Button>
          </div>
          {compare ? (
            <table className="compare" data-testid="compare">
              <thead>
                <tr>
                  <th>{t("conflict_field")}</th>
                  <th>{t("conflict_yours")}</th>
                  <th>{t("conflict_theirs")}</th>
                </tr>
              </thead>
              <tbody>
                {fields
                  .filter((f) => JSON.stringify(values[f.name]) !== JSON.stringify(compare[f.name]))
                  .map((f) => (
                    <tr key={f.name}>
                      <td>{t(f.label)}</td>
                      <td>{String(values[f.name] ?? "")}</td>
                      <td>{String(compare[f.name] ?? "")}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
      <form className="form-grid" onSubmit={submit} ref={formRef}>
        {fields.map((f) => {
          const locked = f.onlyWhenNew !== undefined && version !== undefined;
          return (
            <Field key={f.name} label={t(f.label)} error={fieldError(f.name)} hint={locked ? f.onlyWhenNew : f.hint} required={f.required && !locked}>
              {(id, describedBy) =>
                f.type === "date" ? (
                  <DateField
                    id={id}
                    name={f.name}
                    label={t(f.label)}
                    kind={f.birth ? "birth" : "any"}
                    value={(values[f.name] as string | null) ?? ""}
                    onChange={(v) => {
                      setBadDates((bad) => (v === null ? (bad.includes(f.name) ? bad : [...bad, f.name]) : bad.filter((n) => n !== f.name)));
                      if (v !== null) set(f.name, f.nullable && v === "" ? null : v);
                    }}
                    describedBy={describedBy}
                    disabled={locked}
                    required={f.required}
                    showProblem={triedDates}
                    testId={`field-${f.name}`}
                  />
                ) : (
                  renderControl(f, values[f.name], (v) => set(f.name, v), id, describedBy, t, locked)
                )
              }
            </Field>
          );
        })}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

function renderControl<F>(
  f: FieldSpec<F>,
  value: unknown,
  onChange: (v: unknown) => void,
  id: string,
  describedBy: string | undefined,
  t: (k: Key) => string,
  locked = false,
) {
  const common = { id, name: f.name, "aria-describedby": describedBy, "data-testid": `field-${f.name}`, disabled: locked };
  switch (f.type) {
    case "checkbox":
      return <input type="checkbox" {...common} checked={!!value} onChange={(e) => onChange(e.target.checked)} />;
    case "select":
      return (
        <select {...common} value={(value as string | null) ?? ""} onChange={(e) => onChange(e.target.value === "" && f.nullable ? null : e.target.value)}>
          {f.nullable || !f.required ? <option value="">{t("none")}</option> : null}
          {f.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case "roles": {
      const roles = (value as string[]) ?? [];
      return (
        <div className="checks" id={id} aria-describedby={describedBy}>
          {f.options?.map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                checked={roles.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...roles, o.value] : roles.filter((r) => r !== o.value))}
              />{" "}
              {o.label}
            </label>
          ))}
        </div>
      );
    }
    case "textarea":
      return <textarea {...common} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} rows={3} />;
    default:
      return (
        <input
          {...common}
          type={f.type === "number" ? "text" : (f.type ?? "text")}
          inputMode={f.type === "number" ? "numeric" : undefined}
          value={value === null || value === undefined ? "" : String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
