// The attendance screen (issue 12, item 4): choose a class and a month; a
// students × days grid where a click (or Space) moves a cell to the next
// status and a letter sets one (Delete clears); the note of the chosen
// cell; "everyone present" for today, which keeps the marks already made;
// and each student's totals for a semester. The server checks who may mark
// and which days are in a semester; the grid offers only days in one.
import { useQuery } from "@tanstack/react-query";
import { KeyboardEvent, useState } from "react";
import { AttendanceCell, AttendanceStatus, commands } from "../bindings";
import { useCurrentTermId } from "../currentTerm";
import { Button, EmptyState, ErrorBanner, SelectMenu, Spinner, TextField, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { useWrite } from "../queries";

export const STATUSES: AttendanceStatus[] = ["present", "sick", "excused", "unexcused", "late"];

/** The status after `status` when a cell is clicked; after the last, none. */
export function nextStatus(status: AttendanceStatus | null): AttendanceStatus | null {
  if (status === null) return "present";
  const at = STATUSES.indexOf(status);
  return at + 1 < STATUSES.length ? STATUSES[at + 1] : null;
}

const statusKey = (s: AttendanceStatus): Key => `att_status_${s}` as Key;
const codeKey = (s: AttendanceStatus): Key => `att_code_${s}` as Key;

function monthOf(iso: string): { year: number; month: number } {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

function shift({ year, month }: { year: number; month: number }, by: number) {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function AttendanceScreen({ today = new Date().toISOString().slice(0, 10) }: { today?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const classes = useQuery({ queryKey: queryKeys.attendanceClasses, queryFn: commands.attendance_classes });
  const terms = useQuery({ queryKey: queryKeys.terms, queryFn: commands.terms_list });
  const [classId, setClassId] = useState("");
  const [shown, setShown] = useState(() => monthOf(today));
  // null until the user picks ("" is their "—"): then the semester today falls in.
  const [pickedTerm, setTermId] = useState<string | null>(null);
  const currentTerm = useCurrentTermId();
  const [chosen, setChosen] = useState<{ student_id: string; date: string } | null>(null);
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const list = classes.data ?? [];
  const current = classId || list[0]?.id || "";
  const classYear = list.find((c) => c.id === current)?.data.academic_year_id;
  const yearTerms = (terms.data ?? []).filter((x) => x.data.academic_year_id === classYear);
  const termId = pickedTerm ?? (yearTerms.some((x) => x.id === currentTerm) ? currentTerm! : "");
  const month = useQuery({
    queryKey: queryKeys.attendanceMonth(current, shown.year, shown.month),
    queryFn: () => commands.attendance_month(current, shown.year, shown.month),
    enabled: !!current,
  });
  const totals = useQuery({
    queryKey: queryKeys.attendanceTotals(current, termId),
    queryFn: () => commands.attendance_totals(current, termId),
    enabled: !!current && !!termId,
  });
  const write = useWrite([queryKeys.attendance]);

  if (classes.error) return <ErrorBanner text={errorText(i18n, classes.error)} onRetry={() => classes.refetch()} />;
  if (!classes.data) return <Spinner />;
  if (!list.length)
    return (
      <section className="screen" data-testid="attendance">
        <EmptyState title={t("nav_attendance")} hint={t("att_no_classes")} />
      </section>
    );

  const view = month.data;
  const cell = (student_id: string, date: string): AttendanceCell | undefined => view?.marks.find((m) => m.student_id === student_id && m.date === date);
  const save = async (student_id: string, date: string, status: AttendanceStatus | null, text: string | null) => {
    setFailure(null);
    try {
      await write(() => commands.attendance_mark(current, date, [{ student_id, status, note: text }]));
    } catch (e) {
      setFailure(e);
    }
  };
  const choose = (student_id: string, date: string) => {
    setChosen({ student_id, date });
    setNote(cell(student_id, date)?.note ?? "");
  };
  const onKey = (e: KeyboardEvent, student_id: string, date: string) => {
    const existing = cell(student_id, date);
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      void save(student_id, date, null, null);
      return;
    }
    const at = t("att_keys").indexOf(e.key.toLowerCase());
    if (e.key.length === 1 && at >= 0) {
      e.preventDefault();
      void save(student_id, date, STATUSES[at], existing?.note ?? null);
    }
  };
  const todayDay = view?.days.find((d) => d.date === view.today);
  const everyonePresent = async () => {
    setFailure(null);
    try {
      const n = await write(() => commands.attendance_everyone_present(current, view!.today));
      toast(t("att_everyone_present_done", { n }));
    } catch (e) {
      setFailure(e);
    }
  };
  const monthLabel = new Intl.DateTimeFormat(i18n.lang === "id" ? "id-ID" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(shown.year, shown.month - 1, 1)),
  );
  const chosenStudent = chosen ? view?.students.find((s) => s.student_id === chosen.student_id) : undefined;

  return (
    <section className="screen" data-testid="attendance">
      <header className="screen-head">
        <h1>{t("nav_attendance")}</h1>
      </header>
      <div className="toolbar">
        <SelectMenu
          label={t("att_class")}
          value={current}
          options={list.map((c) => ({ value: c.id, label: c.data.name }))}
          onChange={(v) => {
            setClassId(v);
            setChosen(null);
          }}
          testId="att-class"
        />
        <Button variant="ghost" onClick={() => setShown(shift(shown, -1))} aria-label={t("att_prev_month")} data-testid="att-prev">
          ‹
        </Button>
        <strong data-testid="att-month">{monthLabel}</strong>
        <Button variant="ghost" onClick={() => setShown(shift(shown, 1))} aria-label={t("att_next_month")} data-testid="att-next">
          ›
        </Button>
        {view ? (
          todayDay?.term_id ? (
            <Button onClick={everyonePresent} data-testid="att-everyone">
              {t("att_everyone_present")}
            </Button>
          ) : (
            <span className="muted">{t("att_today_closed")}</span>
          )
        ) : null}
      </div>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {month.error ? <ErrorBanner text={errorText(i18n, month.error)} onRetry={() => month.refetch()} /> : null}
      {!view ? (
        month.error ? null : <Spinner />
      ) : !view.students.length ? (
        <EmptyState title={monthLabel} hint={t("att_no_students")} />
      ) : (
        <>
          <p className="muted">{t("att_cell_hint")}</p>
          <div className="attendance-grid-wrap">
            <table className="attendance-grid" data-testid="att-grid">
              <thead>
                <tr>
                  <th scope="col">{t("att_student")}</th>
                  {view.days.map((d) => (
                    <th key={d.date} scope="col" className={d.term_id ? "" : "muted"}>
                      {Number(d.date.slice(8, 10))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.students.map((s) => (
                  <tr key={s.student_id}>
                    <th scope="row">{s.full_name}</th>
                    {view.days.map((d) => {
                      const mark = cell(s.student_id, d.date);
                      const label = `${s.full_name}, ${i18n.date(d.date)}: ${t(mark ? statusKey(mark.status) : "att_status_none")}${mark?.note ? ` (${mark.note})` : ""}`;
                      return (
                        <td key={d.date} className={mark ? `att-${mark.status}` : ""}>
                          {d.term_id ? (
                            <button
                              type="button"
                              className="att-cell"
                              aria-label={label}
                              title={label}
                              data-testid={`att-cell-${s.student_id}-${d.date}`}
                              onClick={() => {
                                choose(s.student_id, d.date);
                                void save(s.student_id, d.date, nextStatus(mark?.status ?? null), mark?.note ?? null);
                              }}
                              onFocus={() => choose(s.student_id, d.date)}
                              onKeyDown={(e) => onKey(e, s.student_id, d.date)}
                            >
                              {mark ? t(codeKey(mark.status)) : "·"}
                              {mark?.note ? "*" : ""}
                            </button>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {chosen && chosenStudent && cell(chosen.student_id, chosen.date) ? (
            <div className="row-actions" data-testid="att-note">
              <TextField
                label={t("att_note_for", { student: chosenStudent.full_name, date: i18n.date(chosen.date) })}
                value={note}
                onChange={setNote}
                testId="att-note-text"
              />
              <Button
                onClick={() => save(chosen.student_id, chosen.date, cell(chosen.student_id, chosen.date)!.status, note.trim() || null)}
                data-testid="att-note-save"
              >
                {t("att_save_note")}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <div className="panel" data-testid="att-totals">
        <div className="panel-head">
          <h2>{t("att_totals")}</h2>
          <SelectMenu
            label={t("f_term_id")}
            value={termId}
            options={[{ value: "", label: "—" }, ...yearTerms.map((x) => ({ value: x.id, label: x.data.name }))]}
            onChange={setTermId}
            testId="att-term"
          />
        </div>
        {!termId ? (
          <p className="muted">{t("att_totals_none")}</p>
        ) : totals.error ? (
          <ErrorBanner text={errorText(i18n, totals.error)} onRetry={() => totals.refetch()} />
        ) : !totals.data ? (
          <Spinner />
        ) : (
          <table className="totals" data-testid="att-totals-table">
            <thead>
              <tr>
                <th scope="col">{t("att_student")}</th>
                {STATUSES.map((s) => (
                  <th key={s} scope="col">
                    {t(statusKey(s))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {totals.data.map((row) => (
                <tr key={row.student_id}>
                  <th scope="row">{row.full_name}</th>
                  {STATUSES.map((s) => (
                    <td key={s}>{i18n.number(row[s])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
