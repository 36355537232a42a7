// The audit trail screen (administrators only): every change, newest
// first, with the record before and after.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AuditEvent, commands } from "../bindings";
import { DataTable } from "../components/DataTable";
import { Dialog, ErrorBanner, Spinner } from "../components/ui";
import { errorText, useI18n } from "../i18n";
import { queryKeys } from "../keys";

/** How many events the screen shows. */
const AUDIT_SHOWN = 5000;

export function AuditScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  // The trail grows with every write anywhere: always fetched afresh.
  const query = useQuery({ queryKey: queryKeys.audit, queryFn: () => commands.audit_list(null, null, AUDIT_SHOWN), staleTime: 0 });
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const events = query.data;
  const tables = [...new Set((events ?? []).map((e) => e.table_name))];
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>{t("nav_audit")}</h1>
      </header>
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
          columns={[
            { key: "at", label: t("audit_at"), value: (e) => e.at, render: (e) => i18n.dateTime(e.at) },
            { key: "who", label: t("audit_who"), value: (e) => e.actor_login },
            { key: "action", label: t("audit_action"), value: (e) => e.action },
            { key: "table", label: t("audit_table"), value: (e) => e.table_name },
          ]}
          filters={[{ key: "table", label: t("audit_table"), options: tables.map((x) => ({ value: x, label: x })), test: (e, v) => e.table_name === v }]}
        />
      )}
      {open ? (
        <Dialog wide title={`${open.action} · ${open.table_name}`} onClose={() => setOpen(null)}>
          <p>
            {i18n.dateTime(open.at)} · {open.actor_login}
          </p>
          <div className="two-col">
            <div>
              <h3>{t("audit_before")}</h3>
              <pre>{pretty(open.before)}</pre>
            </div>
            <div>
              <h3>{t("audit_after")}</h3>
              <pre>{pretty(open.after)}</pre>
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function pretty(json: string | null): string {
  if (!json) return "—";
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
