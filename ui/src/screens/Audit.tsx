// The audit trail screen (administrators only): every change, newest
// first, in the UI's language: what was done, to which kind of record and
// to whom, and what changed field by field (label: before → after; secrets
// never). A name typed in the search finds that record's changes and those
// of the records that refer to it, searched on the server (issue 16, item 6).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { AuditEvent, commands } from "../bindings";
import { DataTable } from "../components/DataTable";
import { Dialog, ErrorBanner, Spinner } from "../components/ui";
import { actionWord, en, endReasonText, errorText, fieldLabel, I18n, Key, recordWord, useI18n } from "../i18n";
import { queryKeys } from "../keys";

/** How many events the screen shows. */
const AUDIT_SHOWN = 5000;
/** How long typing must pause before the server is asked. */
const SEARCH_PAUSE_MS = 250;

type Values = Record<string, unknown>;

/** A before/after image as an object, or null (none, or not JSON: a
 * login's note). */
function parse(json: string | null): Values | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Values) : null;
  } catch {
    return null;
  }
}

/** Fields never shown, whatever an image holds. */
const SECRET = /password|hash|token|secret/i;
/** Fields that name a record, in the order they are tried. */
const NAME_FIELDS = ["full_name", "display_name", "name", "login", "code"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each record's name, as the events in view last recorded it. */
function namesOf(events: AuditEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  // Oldest first, so the newest name wins.
  for (const e of [...events].reverse()) {
    if (!e.record_id) continue;
    const v = parse(e.after) ?? parse(e.before);
    const field = v && NAME_FIELDS.find((f) => typeof v[f] === "string" && v[f]);
    if (field && v) names.set(e.record_id, String(v[field]));
  }
  return names;
}

/** What an event is about: the record's own name, else the names of the
 * records it refers to (a class membership: the student and the class). */
function recordName(e: AuditEvent, names: Map<string, string>): string {
  if (e.record_id && names.has(e.record_id)) return names.get(e.record_id)!;
  const v = parse(e.after) ?? parse(e.before);
  if (!v) return "";
  const refs = Object.entries(v)
    .filter(([k, x]) => k.endsWith("_id") && k !== "academic_year_id" && typeof x === "string" && names.has(x))
    .map(([, x]) => names.get(x as string)!);
  return refs.join(" · ");
}

/** A value as a person reads it. */
function shown(i18n: I18n, field: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === "") return i18n.t("none");
  if (typeof value === "boolean") return i18n.t(value ? "yes" : "no");
  if (Array.isArray(value)) return value.map((x) => shown(i18n, field, x, names)).join(", ");
  const text = String(value);
  if (field === "end_reason") return endReasonText(i18n, text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return i18n.date(text);
  // An id whose record is not in view: its random end (the start of a
  // UUID v7 is its time, alike for records made together).
  if (field.endsWith("_id") || UUID.test(text)) return names.get(text) ?? (UUID.test(text) ? `#${text.slice(-8)}` : text);
  // Coded values (roles, gender, status) in words, where the UI has them.
  for (const prefix of ["role_", "gender_", "status_"]) {
    if ((prefix + text) in en) return i18n.t((prefix + text) as Key);
  }
  return text;
}

export interface Change {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** What an event changed, field by field: for a change only the fields
 * that differ, for an addition or deletion every recorded field. */
export function changesOf(i18n: I18n, e: AuditEvent, names: Map<string, string>): Change[] {
  const before = parse(e.before);
  const after = parse(e.after);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => !SECRET.test(f));
  const list: Change[] = [];
  for (const field of fields) {
    const b = before ? JSON.stringify(before[field] ?? null) : null;
    const a = after ? JSON.stringify(after[field] ?? null) : null;
    if (before && after && a === b) continue;
    if (!before && (after?.[field] === null || after?.[field] === "")) continue;
    list.push({
      field,
      label: fieldLabel(i18n, field),
      before: before ? shown(i18n, field, before[field], names) : null,
      after: after ? shown(i18n, field, after[field], names) : null,
    });
  }
  return list;
}

/** A note that is not a record image (a failed login's count), in words. */
function noteOf(i18n: I18n, e: AuditEvent): string | null {
  const note = [e.after, e.before].find((x) => x && !parse(x));
  if (!note) return null;
  const failed = /^failed login (\d+) in a row$/.exec(note);
  return failed ? i18n.t("audit_failed_n", { n: failed[1] }) : note;
}

const capital = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

export function AuditScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const [typed, setTyped] = useState("");
  const [text, setText] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setText(typed.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  // The trail grows with every write anywhere: always fetched afresh.
  const query = useQuery({
    queryKey: [...queryKeys.audit, text],
    queryFn: () => commands.audit_list(null, null, text || null, AUDIT_SHOWN),
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
  // The directory's names, for references to records whose own events are
  // not in view (a class membership's class and year).
  const years = useQuery({ queryKey: queryKeys.years, queryFn: () => commands.years_list() });
  const classes = useQuery({ queryKey: queryKeys.classes, queryFn: () => commands.classes_list() });
  const teachers = useQuery({ queryKey: queryKeys.teachers, queryFn: () => commands.teachers_list() });
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const events = query.data;
  const names = useMemo(() => {
    const known = namesOf(events ?? []);
    for (const r of [...(years.data ?? []), ...(classes.data ?? [])]) known.set(r.id, r.data.name);
    for (const r of teachers.data ?? []) known.set(r.id, r.data.full_name);
    return known;
  }, [events, years.data, classes.data, teachers.data]);
  const tables = [...new Set((events ?? []).map((e) => e.table_name))];
  const table = (name: string) => capital(recordWord(i18n, name));
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>{t("nav_audit")}</h1>
      </header>
      <p className="muted" id="audit-search-hint">
        {t("audit_search_hint")}
      </p>
      {query.error ? <ErrorBanner text={errorText(i18n, query.error)} onRetry={() => query.refetch()} /> : null}
      {!events && !query.error ? (
        <Spinner />
      ) : (
        <DataTable<AuditEvent>
          id="audit"
          label={t("nav_audit")}
          rows={events ?? []}
          rowKey={(e) => e.id}
          onOpen={setOpen}
          onSearch={setTyped}
          columns={[
            { key: "at", label: t("audit_at"), value: (e) => e.at, render: (e) => i18n.dateTime(e.at) },
            { key: "who", label: t("audit_who"), value: (e) => e.actor_login },
            { key: "action", label: t("audit_action"), value: (e) => actionWord(i18n, e.action) },
            { key: "table", label: t("audit_table"), value: (e) => table(e.table_name) },
            { key: "record", label: t("audit_record"), value: (e) => recordName(e, names) },
          ]}
          filters={[{ key: "table", label: t("audit_table"), options: tables.map((x) => ({ value: x, label: table(x) })), test: (e, v) => e.table_name === v }]}
        />
      )}
      {open ? <AuditDetails event={open} names={names} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function AuditDetails({ event, names, onClose }: { event: AuditEvent; names: Map<string, string>; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const changes = changesOf(i18n, event, names);
  const note = noteOf(i18n, event);
  const both = Boolean(parse(event.before) && parse(event.after));
  const name = recordName(event, names);
  return (
    <Dialog wide title={`${actionWord(i18n, event.action)} · ${capital(recordWord(i18n, event.table_name))}${name ? ` · ${name}` : ""}`} onClose={onClose}>
      <p>
        {i18n.dateTime(event.at)} · {event.actor_login}
      </p>
      {note ? <p data-testid="audit-note">{note}</p> : null}
      {changes.length ? (
        <>
          <h3>{both ? t("audit_changes") : t("audit_values")}</h3>
          <table className="compare" data-testid="audit-changes">
            <thead>
              <tr>
                <th scope="col">{t("conflict_field")}</th>
                {parse(event.before) ? <th scope="col">{t("audit_before")}</th> : null}
                {parse(event.after) ? <th scope="col">{t("audit_after")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.field}>
                  <th scope="row">{c.label}</th>
                  {c.before !== null ? <td>{c.before}</td> : null}
                  {c.after !== null ? <td>{both ? `→ ${c.after}` : c.after}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{both ? t("audit_no_change") : note ? null : t("audit_no_details")}</p>
      )}
    </Dialog>
  );
}
