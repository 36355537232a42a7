// A student's or a parent's "Report card" screen (issue 12, results for
// families, a gap the last session left): the results of each semester
// of the school year, shown once the class's grades are approved, and the
// student's own card opened as a PDF to print (the server prints a
// family's card only once it is published).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { commands, MyResults } from "../bindings";
import { Button, EmptyState, ErrorBanner, Spinner, useToast } from "../components/ui";
import { errorText, useI18n } from "../i18n";
import { queryKeys } from "../keys";

export function MyResultsScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const results = useQuery({ queryKey: queryKeys.myResults, queryFn: commands.my_results });
  const [opening, setOpening] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  if (results.error) return <ErrorBanner text={errorText(i18n, results.error)} onRetry={() => results.refetch()} />;
  if (!results.data) return <Spinner />;

  const openCard = async (termId: string, studentId: string) => {
    setOpening(`${termId}|${studentId}`);
    setFailure(null);
    try {
      await commands.print_preview(termId, studentId, { language: i18n.lang, layout: "rapor", paper: "A4", letterhead_mm: null, place: "", allow_incomplete: false });
      toast(t("mr_opened"));
    } catch (e) {
      setFailure(e);
    } finally {
      setOpening(null);
    }
  };

  const student = (termId: string, s: MyResults) => (
    <div key={s.student_id} className="my-results-student" data-testid="mr-student">
      <h3>
        {s.full_name}
        {s.class_name ? ` · ${s.class_name}` : ""}
      </h3>
      {!s.class_name ? (
        <p className="muted">{t("mr_no_class")}</p>
      ) : !s.published ? (
        <p className="muted" data-testid="mr-not-published">
          {t("mr_not_published", { class: s.class_name })}
        </p>
      ) : (
        <>
          <table className="totals" data-testid="mr-grades">
            <thead>
              <tr>
                <th>{t("mr_subject")}</th>
                <th>{t("mr_grade")}</th>
                <th>{t("mr_predicate")}</th>
              </tr>
            </thead>
            <tbody>
              {s.subjects.map((r) => (
                <tr key={r.subject_id}>
                  <td>{r.subject_name}</td>
                  <td>{r.grade ?? t("mr_incomplete")}</td>
                  <td>{r.predicate ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button onClick={() => openCard(termId, s.student_id)} busy={opening === `${termId}|${s.student_id}`} data-testid="mr-open-card">
            {t("mr_open_card")}
          </Button>
        </>
      )}
    </div>
  );

  return (
    <section className="screen" data-testid="my-results">
      <header className="screen-head">
        <h1>{t("mr_title")}</h1>
      </header>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {!results.data.length ? (
        <EmptyState title={t("mr_none")} hint={t("mr_none_hint")} />
      ) : (
        results.data.map(({ term, students }) => (
          <div className="panel" key={term.id} data-testid={`mr-term-${term.data.number}`}>
            <div className="panel-head">
              <h2>{term.data.name}</h2>
            </div>
            {students.map((s) => student(term.id, s))}
          </div>
        ))
      )}
    </section>
  );
}
