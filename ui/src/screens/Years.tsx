// The academic years screen: years and, beside the chosen one, its two
// semesters with their dates. A new year's dates and its semesters' split
// come from `crates/app` (the `domain_rules` command), not from here.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AcademicYear, commands, Rec, Term } from "../bindings";
import { RecordForm } from "../components/RecordForm";
import { RecordScreen, type RestoreProps } from "../components/RecordScreen";
import { Button, EmptyState, useToast } from "../components/ui";
import { useI18n } from "../i18n";
import { queryKeys, recordKey } from "../keys";
import { useRules, useWrite } from "../queries";
import { useAbilities } from "../session";

export function YearsScreen(props: RestoreProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const can = useAbilities();
  const rules = useRules();
  const terms = useQuery({ queryKey: queryKeys.terms, queryFn: commands.terms_list });
  const writeTerm = useWrite([queryKeys.terms]);
  const [editing, setEditing] = useState<Rec<Term> | null>(null);
  // Read in the body: a query's result re-renders only for what render read.
  const termList = terms.data ?? [];
  const proposed = rules.data?.proposed_year;
  const termName = (x: Term) => x.name || t("years_term_n", { n: x.number });
  const failed = terms.error ? { error: terms.error, retry: () => terms.refetch() } : rules.error ? { error: rules.error, retry: () => rules.refetch() } : null;
  return (
    <>
      <RecordScreen<AcademicYear>
        {...props}
        id="years"
        sheet="years"
        title={t("nav_years")}
        newTitle={t("years_new")}
        queryKey={queryKeys.years}
        list={commands.years_list}
        // A year made current changes which class each student is shown in;
        // a new year changes what the next new-year form offers.
        invalidates={[queryKeys.terms, queryKeys.rules, queryKeys.students, queryKeys.rosters, queryKeys.classes]}
        lookupError={failed}
        create={can.manage_directory ? commands.year_create : undefined}
        update={can.manage_directory ? commands.year_update : undefined}
        describe={(d) => d.name}
        blank={() => {
          return { name: proposed?.name ?? "", start_date: proposed?.start_date ?? "", end_date: proposed?.end_date ?? "", is_current: false };
        }}
        fields={[
          { name: "name", label: "f_name", required: true, hint: "2026/2027" },
          { name: "start_date", label: "f_start_date", type: "date", required: true },
          { name: "end_date", label: "f_end_date", type: "date", required: true },
          { name: "is_current", label: "f_is_current", type: "checkbox" },
        ]}
        columns={[
          { key: "name", label: t("f_name"), value: (r) => r.data.name },
          { key: "start", label: t("f_start_date"), value: (r) => r.data.start_date, render: (r) => i18n.date(r.data.start_date) },
          { key: "end", label: t("f_end_date"), value: (r) => r.data.end_date, render: (r) => i18n.date(r.data.end_date) },
          { key: "current", label: t("f_is_current"), value: (r) => (r.data.is_current ? t("yes") : "") },
        ]}
        aside={(selected) =>
          selected ? (
            <div className="panel">
              <h2>{t("years_terms")}</h2>
              <ul className="history">
                {termList
                  .filter((x) => x.data.academic_year_id === selected.id)
                  .map((x) => (
                    <li key={x.id} className="term-row">
                      <span>
                        <strong>{termName(x.data)}</strong> {i18n.date(x.data.start_date)} – {i18n.date(x.data.end_date)}
                      </span>
                      {can.manage_directory ? <Button variant="ghost" onClick={() => setEditing(x)} data-testid={`term-edit-${x.data.number}`} aria-label={`${t("edit")}: ${termName(x.data)}`}>
                        {t("edit")}
                      </Button> : null}
                    </li>
                  ))}
              </ul>
            </div>
          ) : (
            <EmptyState title={t("years_terms")} />
          )
        }
      />
      {editing ? (
        <RecordForm<Term>
          title={`${t("years_term_edit")}: ${termName(editing.data)}`}
          draftKey={recordKey("term", editing.id)}
          initial={editing.data}
          version={editing.version}
          testId="term-form"
          fields={[
            { name: "name", label: "f_name", required: true },
            { name: "start_date", label: "f_start_date", type: "date", required: true },
            { name: "end_date", label: "f_end_date", type: "date", required: true },
          ]}
          onSubmit={async (values, version) => {
            await writeTerm(() => commands.term_update(editing.id, version ?? editing.version, values));
            setEditing(null);
            toast(t("saved"));
          }}
          reload={async () => {
            const latest = (await terms.refetch()).data?.find((x) => x.id === editing.id);
            if (!latest) throw new Error(t("record_gone"));
            return { values: latest.data, version: latest.version };
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
