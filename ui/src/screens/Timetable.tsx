// The timetable screens (issue 14, helper "ttui"). For the curriculum
// office: the school's week and bell schedule, the semester's lessons from
// the teaching assignments (the differences in words, then Apply), the
// rules (a clickable week grid for unavailable times, hard or weighted),
// generating a draft in the background (progress, Cancel, a time limit,
// what could not be placed in words), the drafts and Publish, and grids of
// a timetable per class, teacher and room and for the whole school, and
// editing a draft on those grids: pick a lesson up (drag it, or its Move
// button then a cell — the keyboard path), every cell showing the app's
// verdict (fine, a swap, or the hard rule it breaks, named), a swap asked
// first, locks, undo and redo (each an audited move the app refuses once
// the timetable changed meanwhile), and the score with its worst items and
// the lessons not placed. A published timetable is edited as a copy.
// Teachers read the grids; "My timetable" shows the signed-in teacher's,
// student's or parent's children's published week. Every rule and check is
// the app's; the page shows what it answers.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useState } from "react";
import type { BellPeriod, CellVerdictView, CoverDayView, CoverNeedView, EntryView, GenerationStatus, PlanLine, Rec, TermTimetable, TimetableRule, TrayBlockView, WeekView } from "../bindings";
import { commands } from "../bindings";
import { DateField } from "../components/DateField";
import { Button, Dialog, EmptyState, ErrorBanner, SelectMenu, Spinner, useToast } from "../components/ui";
import { termToShow, useCurrentTermId } from "../currentTerm";
import { errorText, I18n, Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { inSchoolOrder } from "../queries";
import { useSession } from "../session";
import { TimetableImportButton } from "./TimetableImport";

/** Weekday 1–7 in the user's words. */
export function dayName(t: I18n["t"], weekday: number): string {
  return t(`tt_day_${weekday}` as Key);
}

/** "07:40" for 460 minutes after midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function minutesOf(text: string): number {
  const [h, m] = text.split(":").map(Number);
  return (h || 0) * 60 + (m || 0);
}

/** A day's lesson periods in order. */
export function lessonPeriods(week: WeekView, weekday: number): BellPeriod[] {
  return week.periods.filter((p) => p.weekday === weekday && p.kind === "lesson").sort((a, b) => a.start_minute - b.start_minute || a.position - b.position);
}

/** The class of "VII-A (Kristen)": "VII-A". */
export function classOf(label: string): string {
  const at = label.indexOf(" (");
  return at < 0 ? label : label.slice(0, at);
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
function romanValue(word: string): number | null {
  if (!/^[IVXL]+$/.test(word)) return null;
  let total = 0;
  for (let i = 0; i < word.length; i++) {
    const v = ROMAN[word[i]];
    total += i + 1 < word.length && v < ROMAN[word[i + 1]] ? -v : v;
  }
  return total;
}

/** Classes as a school counts them: VII A, VIII A, IX A (a grade in Roman
 * or Arabic numerals first), then by name. */
export function compareClasses(a: string, b: string): number {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const grade = (s: string) => {
    const first = s.split(/[\s-]/)[0];
    return romanValue(first) ?? (/^\d+$/.test(first) ? Number(first) : Number.MAX_SAFE_INTEGER);
  };
  return grade(a) - grade(b) || collator.compare(a, b);
}

type Tab = "week" | "lessons" | "rules" | "generate" | "view" | "covers";

export function TimetableScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const manage = !!session?.roles.includes("admin");
  const terms = useQuery({ queryKey: queryKeys.terms, queryFn: commands.terms_list });
  const currentTerm = useCurrentTermId();
  const [picked, setPicked] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>(manage ? "week" : "view");
  const [shown, setShown] = useState<string | null>(null);
  const termId = termToShow((terms.data ?? []).map((x) => x.id), picked, currentTerm);
  const tabs: Tab[] = manage ? ["week", "lessons", "rules", "generate", "view", "covers"] : ["view"];

  if (terms.error) return <ErrorBanner text={errorText(i18n, terms.error)} onRetry={() => terms.refetch()} />;
  if (!terms.data) return <Spinner />;
  return (
    <section className="screen" data-testid="timetable">
      <header className="screen-head">
        <h1>{t("nav_timetable")}</h1>
      </header>
      <div className="toolbar">
        <SelectMenu label={t("f_term_id")} value={termId ?? ""} options={terms.data.map((x) => ({ value: x.id, label: x.data.name }))} onChange={setPicked} testId="tt-term" />
        <div className="tt-tabs" role="tablist">
          {tabs.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className={`btn btn-${tab === k ? "primary" : "ghost"}`} onClick={() => setTab(k)} data-testid={`tt-tab-${k}`}>
              {t(`tt_tab_${k}` as Key)}
            </button>
          ))}
        </div>
        {manage && termId ? <TimetableImportButton termId={termId} /> : null}
      </div>
      {!termId ? (
        <EmptyState title={t("tt_no_term")} />
      ) : tab === "week" ? (
        <WeekEditor />
      ) : tab === "lessons" ? (
        <LessonsPanel termId={termId} />
      ) : tab === "rules" ? (
        <RulesPanel termId={termId} />
      ) : tab === "generate" ? (
        <GeneratePanel
          termId={termId}
          onView={(id) => {
            setShown(id);
            setTab("view");
          }}
        />
      ) : tab === "covers" ? (
        <CoversPanel />
      ) : (
        <ViewPanel termId={termId} shown={shown} setShown={setShown} />
      )}
    </section>
  );
}

// ---------------------------------------------------------------- the week

function WeekEditor() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const week = useQuery({ queryKey: queryKeys.ttWeek, queryFn: commands.timetable_week });
  // The user's changes; until the first, the stored week.
  const [edited, setDraft] = useState<WeekView | null>(null);
  const [day, setDay] = useState(1);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const draft = edited ?? week.data ?? null;
  if (week.error) return <ErrorBanner text={errorText(i18n, week.error)} onRetry={() => week.refetch()} />;
  if (!draft) return <Spinner />;

  const ofDay = draft.periods.filter((p) => p.weekday === day).sort((a, b) => a.position - b.position);
  const setDayPeriods = (weekday: number, list: BellPeriod[]) =>
    setDraft({ ...draft, periods: [...draft.periods.filter((p) => p.weekday !== weekday), ...list.map((p, i) => ({ ...p, weekday, position: i + 1 }))] });
  const change = (i: number, patch: Partial<BellPeriod>) => setDayPeriods(day, ofDay.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const toggleDay = (d: number) => {
    const works = draft.days.includes(d);
    setDraft({
      days: works ? draft.days.filter((x) => x !== d) : [...draft.days, d].sort(),
      periods: works ? draft.periods.filter((p) => p.weekday !== d) : draft.periods,
    });
  };
  const addPeriod = () => {
    const last = ofDay[ofDay.length - 1];
    const start = last ? last.end_minute : 7 * 60;
    const lessons = ofDay.filter((p) => p.kind === "lesson").length;
    setDayPeriods(day, [...ofDay, { weekday: day, position: ofDay.length + 1, kind: "lesson", label: String(lessons + 1), start_minute: start, end_minute: Math.min(start + 40, 24 * 60) }]);
  };
  const copyToAll = () => {
    const periods = draft.periods.filter((p) => p.weekday === day);
    setDraft({ ...draft, periods: [...periods, ...draft.days.filter((d) => d !== day).flatMap((d) => periods.map((p) => ({ ...p, weekday: d })))] });
  };
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const saved = await commands.timetable_week_save(draft);
      client.setQueryData(queryKeys.ttWeek, saved);
      setDraft(saved);
      toast(t("tt_week_saved"));
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="panel" data-testid="tt-week">
      <div className="panel-head">
        <h2>{t("tt_week_title")}</h2>
      </div>
      <fieldset className="tt-days">
        <legend>{t("tt_working_days")}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <label key={d} className="check">
            <input type="checkbox" checked={draft.days.includes(d)} onChange={() => toggleDay(d)} data-testid={`tt-workday-${d}`} />
            {dayName(t, d)}
          </label>
        ))}
      </fieldset>
      <div className="tt-tabs" role="tablist" aria-label={t("tt_bell_schedule")}>
        {draft.days.map((d) => (
          <button key={d} type="button" role="tab" aria-selected={day === d} className={`btn btn-${day === d ? "primary" : "ghost"}`} onClick={() => setDay(d)} data-testid={`tt-day-${d}`}>
            {dayName(t, d)} ({lessonPeriods(draft, d).length})
          </button>
        ))}
      </div>
      {draft.days.includes(day) ? (
        <>
          <table className="totals tt-bells" data-testid="tt-bells">
            <thead>
              <tr>
                <th>{t("tt_kind")}</th>
                <th>{t("f_label")}</th>
                <th>{t("f_start_minute")}</th>
                <th>{t("f_end_minute")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ofDay.map((p, i) => (
                <tr key={i} data-testid="tt-bell-row">
                  <td>
                    <select value={p.kind} onChange={(e) => change(i, { kind: e.target.value })} aria-label={t("tt_kind")} data-testid="tt-bell-kind">
                      {["lesson", "break", "prayer"].map((k) => (
                        <option key={k} value={k}>
                          {t(`tt_kind_${k}` as Key)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input value={p.label} onChange={(e) => change(i, { label: e.target.value })} aria-label={t("f_label")} data-testid="tt-bell-label" />
                  </td>
                  <td>
                    <input type="time" value={clock(p.start_minute)} onChange={(e) => change(i, { start_minute: minutesOf(e.target.value) })} aria-label={t("f_start_minute")} data-testid="tt-bell-start" />
                  </td>
                  <td>
                    <input type="time" value={clock(p.end_minute)} onChange={(e) => change(i, { end_minute: minutesOf(e.target.value) })} aria-label={t("f_end_minute")} data-testid="tt-bell-end" />
                  </td>
                  <td>
                    <Button variant="ghost" onClick={() => setDayPeriods(day, ofDay.filter((_, k) => k !== i))} aria-label={t("tt_remove_period")} data-testid="tt-bell-remove">
                      ×
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row-actions">
            <Button onClick={addPeriod} data-testid="tt-add-period">
              {t("tt_add_period")}
            </Button>
            <Button variant="ghost" onClick={copyToAll} data-testid="tt-copy-day">
              {t("tt_copy_day", { day: dayName(t, day) })}
            </Button>
          </div>
        </>
      ) : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      <div className="row-actions">
        <Button variant="primary" onClick={save} busy={saving} data-testid="tt-week-save">
          {t("save")}
        </Button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- lessons

function LessonsPanel({ termId }: { termId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const lessons = useQuery({ queryKey: queryKeys.ttLessons(termId), queryFn: () => commands.timetable_lessons(termId) });
  const [plan, setPlan] = useState<PlanLine[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const compare = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setPlan(await commands.timetable_lesson_plan(termId));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    setFailure(null);
    try {
      const n = await commands.timetable_lesson_plan_apply(termId, plan.map((p) => p.description));
      toast(t("tt_plan_applied", { count: n }));
      setPlan(null);
      await client.invalidateQueries({ queryKey: ["timetable"] });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" data-testid="tt-lessons">
      <div className="panel-head">
        <h2>{t("tt_lessons_title")}</h2>
        <Button onClick={compare} busy={busy && !plan} data-testid="tt-plan">
          {t("tt_plan")}
        </Button>
      </div>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {plan ? (
        <div className="tt-plan" data-testid="tt-plan-list">
          {!plan.length ? (
            <p className="muted" data-testid="tt-plan-none">
              {t("tt_plan_none")}
            </p>
          ) : (
            <>
              <p>{t("tt_plan_intro", { count: plan.length })}</p>
              <ul>
                {plan.map((p, i) => (
                  <li key={i} data-testid="tt-plan-line">
                    <span className={`tt-badge tt-${p.kind}`}>{t(`tt_change_${p.kind}` as Key)}</span> {p.description}
                    {p.timetables.length ? <span className="muted"> — {t("tt_plan_placed_in", { names: p.timetables.join(", ") })}</span> : null}
                  </li>
                ))}
              </ul>
              <div className="row-actions">
                <Button variant="primary" onClick={apply} busy={busy} data-testid="tt-plan-apply">
                  {t("tt_plan_apply")}
                </Button>
                <Button variant="ghost" onClick={() => setPlan(null)}>
                  {t("cancel")}
                </Button>
              </div>
            </>
          )}
        </div>
      ) : null}
      {lessons.error ? <ErrorBanner text={errorText(i18n, lessons.error)} onRetry={() => lessons.refetch()} /> : null}
      {!lessons.data ? (
        lessons.error ? null : <Spinner />
      ) : !lessons.data.length ? (
        <EmptyState title={t("tt_no_lessons")} hint={t("tt_no_lessons_hint")} />
      ) : (
        <table className="totals" data-testid="tt-lesson-table">
          <thead>
            <tr>
              <th>{t("f_class")}</th>
              <th>{t("f_subject")}</th>
              <th>{t("f_teacher")}</th>
              <th>{t("tt_periods_week")}</th>
              <th>{t("f_split")}</th>
              <th>{t("f_room_id")}</th>
            </tr>
          </thead>
          <tbody>
            {lessons.data.map((l) => (
              <tr key={l.id} data-testid="tt-lesson-row">
                <td>{l.classes.join(", ")}</td>
                <td>{l.subject}</td>
                <td>{l.teachers.join(", ")}</td>
                <td>{l.periods_per_week}</td>
                <td>{l.split}</td>
                <td>{l.room ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- rules

const ADDABLE = ["teacher_unavailable", "class_unavailable", "max_lessons_per_day", "max_days_per_week", "max_gaps_per_week"] as const;
type Addable = (typeof ADDABLE)[number];
const WITH_CELLS: readonly string[] = ["teacher_unavailable", "class_unavailable", "room_unavailable", "preferred_times", "fixed_time"];

function useNames() {
  const teachers = useQuery({ queryKey: queryKeys.teachers, queryFn: commands.teachers_list });
  const classes = useQuery({ queryKey: queryKeys.classes, queryFn: async () => inSchoolOrder(await commands.classes_list()) });
  const rooms = useQuery({ queryKey: queryKeys.rooms, queryFn: commands.rooms_list });
  const subjects = useQuery({ queryKey: queryKeys.subjects, queryFn: commands.subjects_list });
  return { teachers: teachers.data ?? [], classes: classes.data ?? [], rooms: rooms.data ?? [], subjects: subjects.data ?? [] };
}

/** A rule in words: "Teacher unavailable · Pak Budi · Monday 1, 2 · hard". */
export function ruleText(i18n: I18n, rule: TimetableRule, names: ReturnType<typeof useNames>): string {
  const { t } = i18n;
  const parts = [t(`tt_rule_${rule.kind}` as Key)];
  const teacher = names.teachers.find((x) => x.id === rule.teacher_id)?.data.full_name;
  const klass = names.classes.find((x) => x.id === rule.class_id)?.data.name;
  const room = names.rooms.find((x) => x.id === rule.room_id)?.data.name;
  const subject = names.subjects.find((x) => x.id === rule.subject_id)?.data.name;
  for (const n of [teacher, klass, room, subject]) if (n) parts.push(n);
  if (rule.number !== null) parts.push(t("tt_rule_number", { n: rule.number }));
  if (rule.slots.trim()) {
    const byDay = new Map<number, string[]>();
    for (const cell of rule.slots.trim().split(/\s+/)) {
      const [d, p] = cell.split(":").map(Number);
      byDay.set(d, [...(byDay.get(d) ?? []), String(p)]);
    }
    parts.push([...byDay.entries()].map(([d, ps]) => `${dayName(t, d)} ${ps.join(", ")}`).join("; "));
  }
  parts.push(rule.weight >= 100 ? t("tt_hard") : t("tt_weight", { w: rule.weight }));
  return parts.join(" · ");
}

function RulesPanel({ termId }: { termId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const rules = useQuery({ queryKey: queryKeys.ttRules(termId), queryFn: () => commands.timetable_rules(termId) });
  const week = useQuery({ queryKey: queryKeys.ttWeek, queryFn: commands.timetable_week });
  const names = useNames();
  const [kind, setKind] = useState<Addable>("teacher_unavailable");
  const [target, setTarget] = useState("");
  const [number, setNumber] = useState("6");
  const [cells, setCells] = useState<string[]>([]);
  const [hard, setHard] = useState(true);
  const [weight, setWeight] = useState("80");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const forClass = kind === "class_unavailable" || ((kind === "max_lessons_per_day" || kind === "max_gaps_per_week") && target.startsWith("c:"));
  const targets =
    kind === "teacher_unavailable" || kind === "max_days_per_week"
      ? names.teachers.map((x) => ({ value: `t:${x.id}`, label: x.data.full_name }))
      : kind === "class_unavailable"
        ? names.classes.map((x) => ({ value: `c:${x.id}`, label: x.data.name }))
        : [...names.teachers.map((x) => ({ value: `t:${x.id}`, label: x.data.full_name })), ...names.classes.map((x) => ({ value: `c:${x.id}`, label: `${t("f_class")} ${x.data.name}` }))];
  const chosen = targets.some((o) => o.value === target) ? target : (targets[0]?.value ?? "");
  const reload = () => client.invalidateQueries({ queryKey: queryKeys.ttRules(termId) });

  const add = async () => {
    setBusy(true);
    setFailure(null);
    const id = chosen.slice(2);
    const rule: TimetableRule = {
      term_id: termId,
      kind,
      weight: hard ? 100 : Number(weight),
      teacher_id: chosen.startsWith("t:") ? id : null,
      class_id: chosen.startsWith("c:") || forClass ? id || null : null,
      room_id: null,
      subject_id: null,
      lesson_id: null,
      other_lesson_id: null,
      number: WITH_CELLS.includes(kind) ? null : Number(number),
      slots: WITH_CELLS.includes(kind) ? cells.join(" ") : "",
    };
    if (!hard && !(rule.weight >= 1 && rule.weight <= 99)) {
      setFailure({ kind: "invalid", message: t("tt_weight_range"), fields: [], rows: [], conflict: null });
      setBusy(false);
      return;
    }
    try {
      await commands.timetable_rule_save(null, null, rule);
      setCells([]);
      await reload();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (r: Rec<TimetableRule>) => {
    setFailure(null);
    try {
      await commands.timetable_rule_delete(r.id, r.version);
      await reload();
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <div className="panel" data-testid="tt-rules">
      <div className="panel-head">
        <h2>{t("tt_rules_title")}</h2>
      </div>
      {rules.error ? <ErrorBanner text={errorText(i18n, rules.error)} onRetry={() => rules.refetch()} /> : null}
      {!rules.data ? (
        rules.error ? null : <Spinner />
      ) : !rules.data.length ? (
        <p className="muted">{t("tt_no_rules")}</p>
      ) : (
        <ul className="tt-rule-list">
          {rules.data.map((r) => (
            <li key={r.id} data-testid="tt-rule">
              <span>{ruleText(i18n, r.data, names)}</span>
              <Button variant="ghost" onClick={() => remove(r)} data-testid="tt-rule-remove">
                {t("tt_remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("tt_rule_add")}</h3>
      <div className="toolbar">
        <SelectMenu label={t("tt_rule_kind")} value={kind} options={ADDABLE.map((k) => ({ value: k, label: t(`tt_rule_${k}` as Key) }))} onChange={(v) => setKind(v as Addable)} testId="tt-rule-kind" />
        <SelectMenu label={t("tt_rule_for")} value={chosen} options={targets} onChange={setTarget} testId="tt-rule-target" />
        {!WITH_CELLS.includes(kind) ? (
          <label>
            {t("tt_rule_number_label")}{" "}
            <input type="number" min={0} max={100} value={number} onChange={(e) => setNumber(e.target.value)} data-testid="tt-rule-number" />
          </label>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={hard} onChange={(e) => setHard(e.target.checked)} data-testid="tt-rule-hard" />
          {t("tt_hard")}
        </label>
        {!hard ? (
          <label>
            {t("tt_weight_label")}{" "}
            <input type="number" min={1} max={99} value={weight} onChange={(e) => setWeight(e.target.value)} data-testid="tt-rule-weight" />
          </label>
        ) : null}
      </div>
      {WITH_CELLS.includes(kind) && week.data ? (
        <>
          <p className="muted">{t("tt_cells_hint")}</p>
          <CellPicker week={week.data} cells={cells} setCells={setCells} />
        </>
      ) : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      <div className="row-actions">
        <Button variant="primary" onClick={add} busy={busy} disabled={!chosen} data-testid="tt-rule-save">
          {t("tt_rule_add")}
        </Button>
      </div>
    </div>
  );
}

/** The week as clickable cells ("day:period"); a click marks or unmarks. */
function CellPicker({ week, cells, setCells }: { week: WeekView; cells: string[]; setCells: (c: string[]) => void }) {
  const { t } = useI18n();
  const rows = Math.max(0, ...week.days.map((d) => lessonPeriods(week, d).length));
  const toggle = (cell: string) => setCells(cells.includes(cell) ? cells.filter((c) => c !== cell) : [...cells, cell]);
  return (
    <table className="tt-grid tt-picker" data-testid="tt-cell-picker">
      <thead>
        <tr>
          <th />
          {week.days.map((d) => (
            <th key={d}>{dayName(t, d)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => i + 1).map((p) => (
          <tr key={p}>
            <th>{p}</th>
            {week.days.map((d) => {
              const exists = p <= lessonPeriods(week, d).length;
              const cell = `${d}:${p}`;
              const on = cells.includes(cell);
              return (
                <td key={d} className={exists ? "" : "tt-closed"}>
                  {exists ? (
                    <button type="button" className={`tt-cell-toggle ${on ? "on" : ""}`} aria-pressed={on} aria-label={`${dayName(t, d)} ${p}`} onClick={() => toggle(cell)} data-testid={`tt-cell-${d}-${p}`}>
                      {on ? "✕" : ""}
                    </button>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- generate

function GeneratePanel({ termId, onView }: { termId: string; onView: (id: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.ttTimetables(termId), queryFn: () => commands.timetables_list(termId) });
  const [name, setName] = useState("");
  const [limit, setLimit] = useState("60");
  const [job, setJob] = useState<number | null>(null);
  const [status, setStatus] = useState<GenerationStatus | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [publishing, setPublishing] = useState<string | null>(null);
  const defaultName = t("tt_draft_name", { n: (list.data?.length ?? 0) + 1 });

  useEffect(() => {
    if (job === null) return;
    let stop = false;
    const poll = async () => {
      try {
        const s = await commands.timetable_generate_status(job);
        if (stop) return;
        setStatus(s);
        if (s.running) setTimeout(poll, 250);
        else {
          setJob(null);
          if (s.result) await client.invalidateQueries({ queryKey: queryKeys.ttTimetables(termId) });
        }
      } catch (e) {
        if (!stop) {
          setFailure(e);
          setJob(null);
        }
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [job, client, termId]);

  const start = async () => {
    setFailure(null);
    setStatus(null);
    try {
      setJob(await commands.timetable_generate_start(termId, name.trim() || defaultName, Math.max(1, Math.min(600, Number(limit) || 60))));
    } catch (e) {
      setFailure(e);
    }
  };
  const cancel = async () => {
    if (job !== null) await commands.timetable_generate_cancel(job).catch(setFailure);
  };
  const publish = async (id: string, version: number) => {
    setPublishing(id);
    setFailure(null);
    try {
      await commands.timetable_publish(id, version);
      await client.invalidateQueries({ queryKey: queryKeys.ttTimetables(termId) });
    } catch (e) {
      setFailure(e);
    } finally {
      setPublishing(null);
    }
  };
  const running = job !== null;
  const pct = status && status.total ? Math.round((100 * status.placed) / status.total) : 0;

  return (
    <div className="panel" data-testid="tt-generate">
      <div className="panel-head">
        <h2>{t("tt_generate_title")}</h2>
      </div>
      <div className="toolbar">
        <label>
          {t("tt_draft_label")} <input value={name} placeholder={defaultName} onChange={(e) => setName(e.target.value)} data-testid="tt-gen-name" />
        </label>
        <label>
          {t("tt_time_limit")} <input type="number" min={1} max={600} value={limit} onChange={(e) => setLimit(e.target.value)} data-testid="tt-gen-limit" /> {t("tt_seconds")}
        </label>
        <Button variant="primary" onClick={start} disabled={running} busy={running} data-testid="tt-generate-start">
          {t("tt_generate")}
        </Button>
        {running ? (
          <Button variant="danger" onClick={cancel} data-testid="tt-generate-cancel">
            {t("cancel")}
          </Button>
        ) : null}
      </div>
      {status ? (
        <div className="tt-progress" data-testid="tt-progress" aria-live="polite">
          <progress max={status.total || 1} value={status.placed} aria-label={t("tt_progress")} />
          <span data-testid="tt-progress-text">
            {status.total
              ? t("tt_progress_text", { placed: status.placed, total: status.total, pct, hard: status.best_hard, soft: (status.best_soft / 100).toFixed(2), s: (status.elapsed_ms / 1000).toFixed(1), limit: Math.round(status.time_limit_ms / 1000) })
              : t("tt_progress_starting")}
          </span>
        </div>
      ) : null}
      {status && !status.running ? (
        status.cancelled ? (
          <p data-testid="tt-gen-cancelled">{t("tt_gen_cancelled")}</p>
        ) : status.error ? (
          <ErrorBanner text={errorText(i18n, status.error)} />
        ) : status.result ? (
          <div data-testid="tt-gen-result">
            <p>{t("tt_gen_done", { name: status.result.timetable.data.name, placed: status.result.timetable.data.placed, total: status.result.timetable.data.total })}</p>
            {status.result.unplaced.length ? (
              <>
                <p>{t("tt_gen_unplaced", { count: status.result.unplaced.length })}</p>
                <ul data-testid="tt-unplaced">
                  {status.result.unplaced.map((u, i) => (
                    <li key={i}>{u}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null
      ) : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      <h3>{t("tt_drafts")}</h3>
      {list.error ? <ErrorBanner text={errorText(i18n, list.error)} onRetry={() => list.refetch()} /> : null}
      {!list.data ? (
        list.error ? null : <Spinner />
      ) : !list.data.length ? (
        <p className="muted">{t("tt_no_timetables")}</p>
      ) : (
        <table className="totals" data-testid="tt-drafts">
          <thead>
            <tr>
              <th>{t("f_name")}</th>
              <th>{t("f_status")}</th>
              <th>{t("f_made_by")}</th>
              <th>{t("tt_when")}</th>
              <th>{t("f_placed")}</th>
              <th>{t("f_hard_violations")}</th>
              <th>{t("f_soft_cost")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map(({ timetable: x, made_by, created_at }) => (
              <tr key={x.id} data-testid="tt-draft-row">
                <td>
                  {x.data.name}
                  {x.data.attention ? (
                    <div className="muted" data-testid="tt-draft-attention">
                      {t("f_attention")}: {x.data.attention}
                    </div>
                  ) : null}
                </td>
                <td>{x.data.status === "published" ? <strong>{t("tt_published")}</strong> : t("tt_draft")}</td>
                <td>{made_by ?? ""}</td>
                <td>{i18n.dateTime(created_at)}</td>
                <td>
                  {x.data.placed} / {x.data.total}
                </td>
                <td>{x.data.hard_violations}</td>
                <td>{(x.data.soft_cost / 100).toFixed(2)}</td>
                <td className="row-actions">
                  <Button variant="ghost" onClick={() => onView(x.id)} data-testid="tt-draft-view">
                    {t("tt_view")}
                  </Button>
                  {x.data.status !== "published" ? (
                    <Button onClick={() => publish(x.id, x.version)} busy={publishing === x.id} data-testid="tt-draft-publish">
                      {t("tt_publish")}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- grids

type Mode = "class" | "teacher" | "room" | "school";

function ViewPanel({ termId, shown, setShown }: { termId: string; shown: string | null; setShown: (id: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const manage = !!session?.roles.includes("admin");
  const list = useQuery({ queryKey: queryKeys.ttTimetables(termId), queryFn: () => commands.timetables_list(termId) });
  const week = useQuery({ queryKey: queryKeys.ttWeek, queryFn: commands.timetable_week });
  const all = list.data ?? [];
  const id = all.some((x) => x.timetable.id === shown) ? shown! : (all[0]?.timetable.id ?? "");
  const entries = useQuery({ queryKey: queryKeys.ttEntries(id), queryFn: () => commands.timetable_entries(id), enabled: !!id });
  const [mode, setMode] = useState<Mode>("class");
  const [item, setItem] = useState("");
  const items = useMemo(() => {
    const e = entries.data ?? [];
    const names = new Set<string>();
    for (const x of e) {
      if (mode === "class") x.classes.forEach((c) => names.add(classOf(c)));
      if (mode === "teacher") x.teachers.forEach((c) => names.add(c));
      if (mode === "room" && x.room) names.add(x.room);
    }
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    return [...names].sort(mode === "class" ? compareClasses : collator.compare);
  }, [entries.data, mode]);
  const current = items.includes(item) ? item : (items[0] ?? "");

  const error = list.error ?? week.error ?? entries.error;
  if (error) return <ErrorBanner text={errorText(i18n, error)} />;
  if (!list.data || !week.data) return <Spinner />;
  if (!all.length) return <EmptyState title={t("tt_no_timetables")} hint={t("tt_no_timetables_hint")} />;
  const picked = all.find((x) => x.timetable.id === id)!.timetable;
  const filter = (e: EntryView) =>
    mode === "class" ? e.classes.some((c) => classOf(c) === current) : mode === "teacher" ? e.teachers.includes(current) : e.room === current;
  return (
    <div className="panel" data-testid="tt-view">
      <div className="toolbar">
        <SelectMenu
          label={t("tt_timetable")}
          value={id}
          options={all.map(({ timetable: x }) => ({ value: x.id, label: `${x.data.name} (${x.data.status === "published" ? t("tt_published") : t("tt_draft")})` }))}
          onChange={setShown}
          testId="tt-view-timetable"
        />
        <SelectMenu label={t("tt_view_by")} value={mode} options={(["class", "teacher", "room", "school"] as Mode[]).map((m) => ({ value: m, label: t(`tt_mode_${m}` as Key) }))} onChange={(v) => setMode(v as Mode)} testId="tt-view-mode" />
        {mode !== "school" ? <SelectMenu label={t(`tt_mode_${mode}` as Key)} value={current} options={items.map((n) => ({ value: n, label: n }))} onChange={setItem} testId="tt-view-item" /> : null}
      </div>
      <p className="muted" data-testid="tt-view-summary">
        {t("tt_view_summary", { name: picked.data.name, placed: picked.data.placed, total: picked.data.total, unplaced: picked.data.total - picked.data.placed, hard: picked.data.hard_violations, soft: (picked.data.soft_cost / 100).toFixed(2) })}
      </p>
      <ExportBar key={`export-${picked.id}`} timetableId={picked.id} />
      {!entries.data ? (
        <Spinner />
      ) : manage ? (
        <EditableTimetable key={picked.id} termId={termId} timetable={picked} week={week.data} entries={entries.data} mode={mode} filter={filter} title={current} onCopied={setShown} />
      ) : (
        <>
          <ScorePanel timetableId={picked.id} />
          {mode === "school" ? <SchoolGrid week={week.data} entries={entries.data} /> : <WeekGrid week={week.data} entries={entries.data.filter(filter)} show={mode} title={current} />}
        </>
      )}
    </div>
  );
}

const EXPORTS = ["xlsx", "html", "fet"] as const;

/** Exports the timetable shown (item 10): an XLSX workbook, a static web
 * site (a folder of pages) or a .fet file, saved by the app into the
 * documents folder like the receipts; says where, and opens it. */
function ExportBar({ timetableId }: { timetableId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (format: (typeof EXPORTS)[number]) => {
    setBusy(format);
    setFailure(null);
    try {
      const path = await commands.timetable_export(timetableId, format, i18n.lang);
      setSaved(path);
      toast(t("tt_export_saved", { path }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div data-testid="tt-export">
      <div className="toolbar">
        {EXPORTS.map((f) => (
          <Button key={f} onClick={() => void run(f)} busy={busy === f} disabled={!!busy} data-testid={`tt-export-${f}`}>
            {t(`tt_export_${f}` as Key)}
          </Button>
        ))}
      </div>
      {saved ? (
        <p className="muted" data-testid="tt-export-saved">
          {t("tt_export_saved", { path: saved })}{" "}
          <Button onClick={() => void commands.print_open(saved).catch(setFailure)} data-testid="tt-export-open">
            {t("tt_export_open")}
          </Button>
        </p>
      ) : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
    </div>
  );
}

/** What the tray needs to be a source and a target of drags: the block
 * picked from it, and what to do. */
type TrayEdit = {
  picked: TrayBlockView | null;
  /** A grid block picked up (not locked): the tray takes it out. */
  holding: EntryView | null;
  onPick: (b: TrayBlockView) => void;
  onDropOut: () => void;
};

const trayKey = (b: { lesson_id: string; part: number }) => `${b.lesson_id}:${b.part}`;

/** The score by the engine's checker, always beside the grid: hard rules
 * broken, the weighted cost and its worst items, and a tray of the lessons
 * not placed — on a draft, each dragged (or picked with its Place button)
 * into the grid, and a grid lesson dropped on the tray is taken out. */
function ScorePanel({ timetableId, tray }: { timetableId: string; tray?: TrayEdit }) {
  const i18n = useI18n();
  const { t } = i18n;
  const score = useQuery({ queryKey: queryKeys.ttScore(timetableId), queryFn: () => commands.timetable_score(timetableId) });
  if (score.error) return <ErrorBanner text={errorText(i18n, score.error)} />;
  if (!score.data) return null;
  const s = score.data;
  const out = tray?.holding ?? null;
  const target = out
    ? {
        role: "button",
        tabIndex: 0,
        "aria-label": t("tt_tray_drop", { subject: out.subject }),
        onClick: () => tray!.onDropOut(),
        onKeyDown: (ev: React.KeyboardEvent) => {
          if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            tray!.onDropOut();
          }
        },
        onDragOver: (ev: React.DragEvent) => ev.preventDefault(),
        onDrop: (ev: React.DragEvent) => {
          ev.preventDefault();
          tray!.onDropOut();
        },
      }
    : {};
  return (
    <aside className="tt-score" data-testid="tt-score" aria-label={t("tt_score_title")}>
      <strong data-testid="tt-score-line">{t("tt_score_line", { placed: s.placed, total: s.total, unplaced: s.unplaced.length, hard: s.hard.length, soft: (s.soft_cost / 100).toFixed(2) })}</strong>
      {s.hard.length ? (
        <ul className="tt-score-hard" data-testid="tt-score-hard">
          {s.hard.map((h, k) => (
            <li key={k}>{h}</li>
          ))}
        </ul>
      ) : null}
      {s.worst.length ? (
        <details open data-testid="tt-score-worst">
          <summary>{t("tt_score_worst")}</summary>
          <ol>
            {s.worst.map((w, k) => (
              <li key={k}>
                {w.words} <span className="muted">({(w.cost / 100).toFixed(2)})</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <div className={`tt-tray ${out ? "tt-target tt-ok" : ""}`} data-testid="tt-tray" {...target}>
        <span>{t("tt_tray_title", { count: s.unplaced.length })}</span>
        {out ? <span className="muted">{t("tt_tray_drop", { subject: out.subject })}</span> : null}
        {s.unplaced.map((u) => {
          const movable = !!tray && !out;
          return (
            <span
              key={trayKey(u)}
              className={`tt-tray-item ${tray?.picked && trayKey(tray.picked) === trayKey(u) ? "tt-picked" : ""}`}
              data-testid="tt-tray-item"
              draggable={movable}
              onDragStart={
                movable
                  ? (ev) => {
                      ev.dataTransfer.setData("text/plain", trayKey(u));
                      ev.dataTransfer.effectAllowed = "move";
                      tray!.onPick(u);
                    }
                  : undefined
              }
            >
              <span data-testid="tt-tray-name">{u.name}</span>
              {movable && !tray!.picked ? (
                <button type="button" className="tt-tool" onClick={() => tray!.onPick(u)} data-testid="tt-tray-pick" aria-label={t("tt_tray_pick_label", { name: u.name })}>
                  {t("tt_tray_pick")}
                </button>
              ) : null}
            </span>
          );
        })}
      </div>
    </aside>
  );
}

/** One change done, with what its undo and redo name: a move (back to
 * `from`, on to `to`), or a block placed from the tray or taken out to it
 * (`placement` is the block's row while it is placed: placing it again
 * makes a new one, which every step naming it then follows). */
type Step =
  | { kind: "move"; placement: string; subject: string; from: [number, number]; to: [number, number] }
  | { kind: "place" | "unplace"; placement: string; lesson_id: string; part: number; subject: string; at: [number, number] };

/** The office's grid: a draft is edited in place; a published timetable
 * shows an "Edit a copy" button instead (never changed under the families'
 * eyes). Every verdict and refusal is the app's. Keyed by the timetable, so
 * another timetable starts with no steps to undo. */
function EditableTimetable({
  termId,
  timetable,
  week,
  entries,
  mode,
  filter,
  title,
  onCopied,
}: {
  termId: string;
  timetable: Rec<TermTimetable>;
  week: WeekView;
  entries: EntryView[];
  mode: Mode;
  filter: (e: EntryView) => boolean;
  title: string;
  onCopied: (id: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const [picked, setPicked] = useState<EntryView | null>(null);
  const [fromTray, setFromTray] = useState<TrayBlockView | null>(null);
  const [verdicts, setVerdicts] = useState<Map<string, CellVerdictView> | null>(null);
  const [ask, setAsk] = useState<{ d: number; p: number; partner: EntryView | undefined } | null>(null);
  const [undo, setUndo] = useState<Step[]>([]);
  const [redo, setRedo] = useState<Step[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The version this page's own last change left (the list may lag behind).
  const [known, setKnown] = useState<{ id: string; version: number } | null>(null);
  // Each placement's version as this screen's own last change left it: an
  // older step's undo goes at these and at the timetable's latest version,
  // so any change by someone else (which bumps the timetable) still refuses.
  const [placementVersions, setPlacementVersions] = useState<Record<string, number>>({});
  const version = known && known.id === timetable.id && known.version > timetable.version ? known.version : timetable.version;
  const refresh = () => client.invalidateQueries({ queryKey: ["timetable"] });
  const published = timetable.data.status === "published";
  // The newest of what this screen's own changes left and what the list says.
  const versionOf = (id: string) => Math.max(placementVersions[id] ?? 0, entries.find((x) => x.placement_id === id)?.placement_version ?? 0);

  const cancel = () => {
    setPicked(null);
    setFromTray(null);
    setVerdicts(null);
  };
  const pick = async (e: EntryView) => {
    setFailure(null);
    setFromTray(null);
    setPicked(e);
    setVerdicts(null);
    try {
      const cells = await commands.timetable_move_options(timetable.id, e.placement_id);
      setVerdicts(new Map(cells.map((c) => [`${c.weekday}-${c.period}`, c])));
    } catch (err) {
      setFailure(err);
      cancel();
    }
  };
  const pickTray = async (b: TrayBlockView) => {
    setFailure(null);
    setPicked(null);
    setFromTray(b);
    setVerdicts(null);
    try {
      const cells = await commands.timetable_place_options(timetable.id, b.lesson_id, b.part);
      setVerdicts(new Map(cells.map((c) => [`${c.weekday}-${c.period}`, c])));
    } catch (err) {
      setFailure(err);
      cancel();
    }
  };
  /** Runs one change; `after` gets the timetable's new version. */
  const run = async (work: () => Promise<number>, done: () => void) => {
    setBusy(true);
    setFailure(null);
    try {
      const v = await work();
      setKnown({ id: timetable.id, version: v });
      done();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
      cancel();
      await refresh();
    }
  };
  const record = (s: Step) => {
    setUndo((u) => [...u, s]);
    setRedo([]);
  };
  const move = (e: EntryView, d: number, p: number) =>
    run(
      async () => {
        const r = await commands.timetable_move(timetable.id, version, e.placement_id, versionOf(e.placement_id), d, p);
        setPlacementVersions((m) => ({ ...m, [e.placement_id]: r.placement_version }));
        return r.timetable_version;
      },
      () => {
        record({ kind: "move", placement: e.placement_id, subject: e.subject, from: [e.weekday, e.period], to: [d, p] });
        toast(t("tt_moved", { subject: e.subject, day: dayName(t, d), period: p }));
      },
    );
  /** Places a tray block; answers its new row and the timetable's version. */
  const placeIn = async (lesson: string, part: number, d: number, p: number) => {
    const r = await commands.timetable_place(timetable.id, version, lesson, part, d, p);
    setPlacementVersions((m) => ({ ...m, [r.placement_id]: r.placement_version }));
    return r;
  };
  const placeFromTray = (b: TrayBlockView, d: number, p: number) => {
    let placement = "";
    return run(
      async () => {
        const r = await placeIn(b.lesson_id, b.part, d, p);
        placement = r.placement_id;
        return r.timetable_version;
      },
      () => {
        record({ kind: "place", placement, lesson_id: b.lesson_id, part: b.part, subject: b.name, at: [d, p] });
        toast(t("tt_placed", { subject: b.name, day: dayName(t, d), period: p }));
      },
    );
  };
  const takeOut = (e: EntryView) =>
    run(
      () => commands.timetable_unplace(timetable.id, version, e.placement_id, versionOf(e.placement_id)),
      () => {
        // The block's part is the app's: the tray lists it again.
        record({ kind: "unplace", placement: e.placement_id, lesson_id: e.lesson_id, part: e.part, subject: e.subject, at: [e.weekday, e.period] });
        toast(t("tt_taken_out", { subject: e.subject }));
      },
    );
  const place = (d: number, p: number) => {
    // Not before the app's verdicts are in: a swap is always asked first.
    if (busy || !verdicts) return;
    if (fromTray) return void placeFromTray(fromTray, d, p);
    if (!picked) return;
    if (d === picked.weekday && p === picked.period) return cancel();
    const v = verdicts?.get(`${d}-${p}`);
    if (v?.swap_with && !v.broken.length) {
      setAsk({ d, p, partner: entries.find((x) => x.placement_id === v.swap_with) });
      return;
    }
    void move(picked, d, p);
  };
  /** Every step naming `from` names `to` now (a block placed again). */
  const follow = (from: string, to: string) => {
    const swap = (list: Step[]) => list.map((s) => (s.placement === from ? { ...s, placement: to } : s));
    setUndo(swap);
    setRedo(swap);
  };
  /** Undo or redo: the step the other way (or again), at the versions this
   * screen's last change left. */
  const step = async (back: boolean) => {
    const list = back ? undo : redo;
    const s = list[list.length - 1];
    if (!s) return;
    setBusy(true);
    setFailure(null);
    let next: Step = s;
    try {
      let v: number;
      if (s.kind === "move") {
        const [d, p] = back ? s.from : s.to;
        const r = await commands.timetable_move(timetable.id, version, s.placement, versionOf(s.placement), d, p);
        setPlacementVersions((m) => ({ ...m, [s.placement]: r.placement_version }));
        v = r.timetable_version;
      } else if ((s.kind === "place") === back) {
        // Out to the tray again.
        v = await commands.timetable_unplace(timetable.id, version, s.placement, versionOf(s.placement));
      } else {
        const r = await placeIn(s.lesson_id, s.part, s.at[0], s.at[1]);
        v = r.timetable_version;
        next = { ...s, placement: r.placement_id };
        follow(s.placement, r.placement_id);
      }
      setKnown({ id: timetable.id, version: v });
      if (back) {
        setUndo((u) => u.slice(0, -1));
        setRedo((x) => [...x, next]);
      } else {
        setRedo((r) => r.slice(0, -1));
        setUndo((x) => [...x, next]);
      }
      toast(t(back ? "tt_undone" : "tt_redone", { subject: s.subject }));
    } catch (err) {
      const kind = (err as { kind?: string } | null)?.kind;
      if (kind === "conflict") {
        // Someone (or something) changed the timetable since: the steps
        // no longer apply and are forgotten.
        setFailure({ kind: "conflict", message: t("tt_undo_stale"), fields: [], rows: [], conflict: null });
        setUndo([]);
        setRedo([]);
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
      await refresh();
    }
  };
  const lock = async (e: EntryView) => {
    setFailure(null);
    try {
      await commands.timetable_lock(e.placement_id, versionOf(e.placement_id), !e.locked);
      toast(t(e.locked ? "tt_unlocked" : "tt_locked", { subject: e.subject }));
    } catch (err) {
      setFailure(err);
    } finally {
      await refresh();
    }
  };
  const copy = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const c = await commands.timetable_copy(timetable.id, t("tt_copy_name", { name: timetable.data.name }));
      await client.invalidateQueries({ queryKey: queryKeys.ttTimetables(termId) });
      onCopied(c.id);
      toast(t("tt_copied", { name: c.data.name }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const edit: GridEdit | undefined = published
    ? undefined
    : {
        picked,
        tray: fromTray,
        verdicts,
        entries,
        onPick: (e) => void pick(e),
        onPlace: place,
        onLock: (e) => void lock(e),
        onUnplace: (e) => void takeOut(e),
        onCancel: cancel,
      };
  const tray: TrayEdit | undefined = published
    ? undefined
    : {
        picked: fromTray,
        holding: picked && !picked.locked ? picked : null,
        onPick: (b) => void pickTray(b),
        onDropOut: () => {
          if (picked && !busy) void takeOut(picked);
        },
      };
  const holding = picked?.subject ?? fromTray?.name;
  return (
    <>
      <ScorePanel timetableId={timetable.id} tray={tray} />
      <div className="toolbar" data-testid="tt-edit-bar">
        {published ? (
          <>
            <span className="muted" data-testid="tt-published-note">
              {t("tt_published_readonly")}
            </span>
            <Button onClick={copy} busy={busy} data-testid="tt-copy">
              {t("tt_copy")}
            </Button>
          </>
        ) : (
          <>
            <Button variant="ghost" onClick={() => void step(true)} disabled={!undo.length || busy} data-testid="tt-undo" title={undo.length ? t("tt_undo_what", { subject: undo[undo.length - 1].subject }) : undefined}>
              {t("tt_undo")}
            </Button>
            <Button variant="ghost" onClick={() => void step(false)} disabled={!redo.length || busy} data-testid="tt-redo" title={redo.length ? t("tt_redo_what", { subject: redo[redo.length - 1].subject }) : undefined}>
              {t("tt_redo")}
            </Button>
            <span className="muted" data-testid="tt-edit-hint">
              {holding ? t("tt_pick_hint", { subject: holding }) : t("tt_edit_hint")}
            </span>
            {holding ? (
              <Button variant="ghost" onClick={cancel} data-testid="tt-pick-cancel">
                {t("cancel")}
              </Button>
            ) : null}
          </>
        )}
      </div>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {mode === "school" ? <SchoolGrid week={week} entries={entries} edit={edit} /> : <WeekGrid week={week} entries={entries.filter(filter)} show={mode} title={title} edit={edit} />}
      {ask && picked ? (
        <Dialog
          title={t("tt_swap_title")}
          onClose={() => setAsk(null)}
          testId="tt-swap"
          footer={
            <>
              <Button
                variant="primary"
                onClick={() => {
                  const { d, p } = ask;
                  setAsk(null);
                  void move(picked, d, p);
                }}
                data-testid="tt-swap-yes"
              >
                {t("tt_swap")}
              </Button>
              <Button onClick={() => setAsk(null)}>{t("cancel")}</Button>
            </>
          }
        >
          <p>{t("tt_swap_text", { subject: picked.subject, other: ask.partner ? `${ask.partner.subject} (${ask.partner.classes.join(", ")})` : "?", day: dayName(t, ask.d), period: ask.p })}</p>
        </Dialog>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------- substitutions

/** A day's substitutions (issue 14, item 7): mark a teacher away on a
 * date, then for each of their lessons that day pick a substitute from the
 * app's ranking (teaches the subject, then the class, then fewest covers
 * this month — the history counted), or mark it supervised or cancelled.
 * Whether a teacher is free is the app's to say: it refuses a teacher
 * already booked at that period, even by another desk at the same moment. */
function CoversPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  // Today where the office is (not in UTC: 06:30 in Jakarta is yesterday there).
  const [date, setDate] = useState<string | null>(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  });
  const [teacherId, setTeacherId] = useState("");
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The lesson periods away; none: the whole day.
  const [periods, setPeriods] = useState<number[]>([]);
  const [printed, setPrinted] = useState<string | null>(null);
  const teachers = useQuery({ queryKey: queryKeys.teachers, queryFn: commands.teachers_list });
  const week = useQuery({ queryKey: queryKeys.ttWeek, queryFn: commands.timetable_week });
  const day = useQuery({ queryKey: queryKeys.ttCovers(date ?? ""), queryFn: () => commands.timetable_absences(date!), enabled: !!date });
  const reload = () => client.invalidateQueries({ queryKey: ["timetable"] });
  // Monday 1 … Sunday 7 of the date picked, for its lesson periods.
  const weekday = date ? ((new Date(`${date}T12:00:00`).getDay() + 6) % 7) + 1 : 0;
  const bells = week.data && weekday ? lessonPeriods(week.data, weekday) : [];
  const record = async () => {
    if (!date || !teacherId) return;
    setBusy(true);
    setFailure(null);
    try {
      await commands.timetable_absence_record(teacherId, date, reason.trim(), periods);
      setReason("");
      setPeriods([]);
      await reload();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const printSheet = async () => {
    if (!date) return;
    setBusy(true);
    setFailure(null);
    try {
      const path = await commands.timetable_cover_sheet(date, i18n.lang);
      setPrinted(path);
      toast(t("tt_cover_printed", { path }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const cover = async (absence: string, need: CoverNeedView, kind: string, substitute: string | null) => {
    setFailure(null);
    try {
      await commands.timetable_cover_record(absence, need.entry.placement_id, kind, substitute);
      toast(t("tt_cover_saved", { subject: need.entry.subject }));
    } catch (err) {
      setFailure(err);
    } finally {
      await reload();
    }
  };
  return (
    <div className="panel" data-testid="tt-covers">
      <div className="panel-head">
        <h2>{t("tt_covers_title")}</h2>
      </div>
      <div className="toolbar">
        <DateField id="tt-cover-date" label={t("f_date")} value={date} onChange={setDate} testId="tt-cover-date" />
        <SelectMenu
          label={t("tt_cover_teacher")}
          value={teacherId}
          options={(teachers.data ?? []).filter((x) => x.data.active).map((x) => ({ value: x.id, label: x.data.full_name }))}
          onChange={setTeacherId}
          testId="tt-cover-teacher"
        />
        <label>
          {t("tt_cover_reason")} <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="tt-cover-reason" />
        </label>
        <Button variant="primary" onClick={record} busy={busy} disabled={!date || !teacherId} data-testid="tt-cover-away">
          {t("tt_cover_away")}
        </Button>
        <Button onClick={() => void printSheet()} busy={busy} disabled={!date} data-testid="tt-cover-print">
          {t("tt_cover_print")}
        </Button>
      </div>
      {bells.length ? (
        <fieldset className="tt-days" data-testid="tt-cover-periods">
          <legend>{periods.length ? t("tt_cover_periods") : t("tt_cover_periods_all")}</legend>
          {bells.map((b, i) => (
            <label key={i} className="check" title={`${clock(b.start_minute)}–${clock(b.end_minute)}`}>
              <input
                type="checkbox"
                checked={periods.includes(i + 1)}
                onChange={() => setPeriods((ps) => (ps.includes(i + 1) ? ps.filter((x) => x !== i + 1) : [...ps, i + 1].sort((a, b) => a - b)))}
                data-testid={`tt-cover-period-${i + 1}`}
              />
              {i + 1}
            </label>
          ))}
        </fieldset>
      ) : null}
      {printed ? (
        <p className="muted" data-testid="tt-cover-printed">
          {t("tt_cover_printed", { path: printed })}
        </p>
      ) : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {day.error ? <ErrorBanner text={errorText(i18n, day.error)} /> : null}
      {!date ? null : !day.data ? (
        day.error ? null : <Spinner />
      ) : !day.data.length ? (
        <p className="muted" data-testid="tt-cover-none">
          {t("tt_cover_none")}
        </p>
      ) : (
        day.data.map((d) => <AbsenceCard key={d.absence_id} day={d} onCover={cover} />)
      )}
      {date ? <CoverHistory date={date} /> : null}
    </div>
  );
}

/** Who covered how many lessons in the month and the semester of a date
 * (the count the ranking uses), each with the list. */
function CoverHistory({ date }: { date: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const history = useQuery({ queryKey: queryKeys.ttCoverHistory(date), queryFn: () => commands.timetable_cover_history(date) });
  if (history.error) return <ErrorBanner text={errorText(i18n, history.error)} onRetry={() => history.refetch()} />;
  if (!history.data) return <Spinner />;
  return (
    <section className="tt-absence" data-testid="tt-cover-history">
      <h3>{t("tt_cover_history")}</h3>
      {!history.data.length ? (
        <p className="muted">{t("tt_cover_history_none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t("tt_cover_history_teacher")}</th>
              <th>{t("tt_cover_history_month")}</th>
              <th>{t("tt_cover_history_term")}</th>
              <th>{t("tt_cover_history_list")}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.teacher_id} data-testid="tt-cover-history-row">
                <td>{h.name}</td>
                <td>{h.this_month}</td>
                <td>{h.this_term}</td>
                <td>
                  <details>
                    <summary>{t("tt_cover_history_show", { n: h.items.length })}</summary>
                    <ul>
                      {h.items.map((x, k) => (
                        <li key={k}>{`${x.date} · ${t("f_period")} ${x.period} · ${x.lesson || "?"}${x.kind === "supervised" ? ` · ${t("tt_cover_supervised")}` : ""}`}</li>
                      ))}
                    </ul>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AbsenceCard({ day, onCover }: { day: CoverDayView; onCover: (absence: string, need: CoverNeedView, kind: string, substitute: string | null) => Promise<void> }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const name = (id: string | null, need: CoverNeedView) => need.candidates.find((c) => c.teacher_id === id)?.name ?? "";
  return (
    <section className="tt-absence" data-testid="tt-absence">
      <h3>
        {day.teacher}
        {day.periods.length ? <span data-testid="tt-absence-periods"> · {t("tt_cover_away_periods", { periods: day.periods.join(", ") })}</span> : null}
        {day.reason ? <span className="muted"> — {day.reason}</span> : null}
      </h3>
      {!day.timetable ? (
        <p className="muted">{t("tt_cover_unpublished")}</p>
      ) : !day.lessons.length ? (
        <p className="muted">{t("tt_cover_no_lessons")}</p>
      ) : (
        <table className="table" data-testid="tt-cover-table">
          <thead>
            <tr>
              <th>{t("f_period")}</th>
              <th>{t("f_subject")}</th>
              <th>{t("f_class")}</th>
              <th>{t("tt_cover_now")}</th>
              <th>{t("tt_cover_pick")}</th>
            </tr>
          </thead>
          <tbody>
            {day.lessons.map((n) => {
              const pick = chosen[n.entry.placement_id] ?? n.cover?.substitute_id ?? n.candidates[0]?.teacher_id ?? "";
              const now = !n.cover
                ? t("tt_cover_open")
                : n.cover.kind === "substitute"
                  ? t("tt_cover_by", { name: name(n.cover.substitute_id, n) || "?" })
                  : t(`tt_cover_${n.cover.kind}` as Key);
              return (
                <tr key={n.entry.placement_id} data-testid="tt-cover-row">
                  <td>{n.entry.length > 1 ? `${n.entry.period}–${n.entry.period + n.entry.length - 1}` : n.entry.period}</td>
                  <td>{n.entry.subject}</td>
                  <td>{n.entry.classes.join(", ")}</td>
                  <td data-testid="tt-cover-now">{now}</td>
                  <td>
                    <div className="toolbar">
                      {n.candidates.length ? (
                        <SelectMenu
                          label={t("tt_cover_substitute")}
                          value={pick}
                          options={n.candidates.map((c) => ({
                            value: c.teacher_id,
                            label: `${c.name} · ${c.teaches_subject ? t("tt_cover_teaches_subject") : c.teaches_class ? t("tt_cover_teaches_class") : t("tt_cover_free")} · ${t("tt_cover_month", { n: c.covers_this_month })}`,
                          }))}
                          onChange={(v) => setChosen({ ...chosen, [n.entry.placement_id]: v })}
                          testId="tt-cover-candidate"
                        />
                      ) : (
                        <span className="muted">{t("tt_cover_nobody")}</span>
                      )}
                      <Button onClick={() => void onCover(day.absence_id, n, "substitute", pick)} disabled={!pick} data-testid="tt-cover-substitute">
                        {t("tt_cover_assign")}
                      </Button>
                      <Button variant="ghost" onClick={() => void onCover(day.absence_id, n, "supervised", null)} data-testid="tt-cover-supervised">
                        {t("tt_cover_supervised")}
                      </Button>
                      <Button variant="ghost" onClick={() => void onCover(day.absence_id, n, "cancelled", null)} data-testid="tt-cover-cancelled">
                        {t("tt_cover_cancelled")}
                      </Button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What a grid needs to be edited: the block picked up, the app's verdict
 * per cell ("day-period"), and what to do. */
export type GridEdit = {
  picked: EntryView | null;
  /** A block picked from the tray of lessons not placed. */
  tray: TrayBlockView | null;
  verdicts: Map<string, CellVerdictView> | null;
  entries: EntryView[];
  onPick: (e: EntryView) => void;
  onPlace: (weekday: number, period: number) => void;
  onLock: (e: EntryView) => void;
  /** Takes a block out to the tray. */
  onUnplace: (e: EntryView) => void;
  onCancel: () => void;
};

/** The classes of what is picked up ("VII-A"), for the overview's rows. */
function pickedClasses(edit: GridEdit): string[] {
  return (edit.picked?.classes ?? edit.tray?.classes ?? []).map(classOf);
}

/** A cell's verdict in words and as a class name. */
function verdictOf(t: I18n["t"], edit: GridEdit, d: number, p: number): { cls: string; text: string } | null {
  if (!edit.picked && !edit.tray) return null;
  if (edit.picked && edit.picked.weekday === d && edit.picked.period === p) return { cls: "tt-here", text: t("tt_cell_here") };
  const v = edit.verdicts?.get(`${d}-${p}`);
  if (!v) return { cls: "tt-wait", text: t("tt_cell_checking") };
  if (v.broken.length) return { cls: "tt-bad", text: v.broken.join("; ") };
  if (v.swap_with) {
    const other = edit.entries.find((x) => x.placement_id === v.swap_with);
    return { cls: "tt-swap", text: t("tt_cell_swap", { other: other ? `${other.subject} (${other.classes.join(", ")})` : "?" }) };
  }
  return { cls: "tt-ok", text: t("tt_cell_ok") };
}

/** A cell that takes the lesson picked up: its verdict as a colour, in
 * its name and title; a click, Enter or a drop places it there. */
function targetProps(edit: GridEdit, verdict: { cls: string; text: string }, time: string, d: number, p: number) {
  return {
    className: `tt-target ${verdict.cls}`,
    "data-verdict": verdict.cls.slice(3),
    tabIndex: 0,
    role: "button",
    "aria-label": `${time} — ${verdict.text}`,
    onClick: () => edit.onPlace(d, p),
    onKeyDown: (ev: React.KeyboardEvent) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        edit.onPlace(d, p);
      } else if (ev.key === "Escape") edit.onCancel();
    },
    onDragOver: (ev: React.DragEvent) => ev.preventDefault(),
    onDrop: (ev: React.DragEvent) => {
      ev.preventDefault();
      edit.onPlace(d, p);
    },
  };
}

/** Days across, lesson periods down, each with its time from the bell
 * schedule (a day whose times differ from the first day's shows its own in
 * the cell, as on a short Friday); a day with fewer periods is closed below. */
export function WeekGrid({ week, entries, show, title, edit }: { week: WeekView; entries: EntryView[]; show: Mode | "own"; title: string; edit?: GridEdit }) {
  const { t } = useI18n();
  const rows = Math.max(0, ...week.days.map((d) => lessonPeriods(week, d).length));
  const first = lessonPeriods(week, week.days[0] ?? 1);
  // The first day's breaks and prayer times after each lesson period.
  const firstAll = week.periods.filter((x) => x.weekday === (week.days[0] ?? 1)).sort((a, b) => a.start_minute - b.start_minute);
  const pausesAfter = (p: number) => {
    const here = first[p - 1];
    const next = first[p];
    return here && next ? firstAll.filter((x) => x.kind !== "lesson" && x.start_minute >= here.end_minute && x.end_minute <= next.start_minute) : [];
  };
  const at = (d: number, p: number) => entries.filter((e) => e.weekday === d && e.period <= p && p < e.period + e.length);
  const detail = (e: EntryView) => {
    const classes = e.classes.join(", ");
    const teachers = e.teachers.join(", ");
    const parts = show === "class" ? [teachers, e.room] : show === "teacher" ? [classes, e.room] : show === "room" ? [classes, teachers] : [classes, teachers, e.room];
    return parts.filter(Boolean).join(" · ");
  };
  return (
    <table className="tt-grid" data-testid="tt-grid" aria-label={title}>
      <thead>
        <tr>
          <th />
          {week.days.map((d) => (
            <th key={d}>{dayName(t, d)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => i + 1).map((p) => {
          const head = first[p - 1];
          return (
            <Fragment key={p}>
            <tr>
              <th scope="row" className="tt-period">
                <span>{p}</span>
                {head ? <small>{`${clock(head.start_minute)}–${clock(head.end_minute)}`}</small> : null}
              </th>
              {week.days.map((d) => {
                const bell = lessonPeriods(week, d)[p - 1];
                if (!bell) return <td key={d} className="tt-closed" data-testid={`tt-slot-${d}-${p}`} />;
                const own = !head || bell.start_minute !== head.start_minute || bell.end_minute !== head.end_minute;
                const here = at(d, p);
                const time = `${dayName(t, d)} ${p}: ${clock(bell.start_minute)}–${clock(bell.end_minute)}`;
                const verdict = edit ? verdictOf(t, edit, d, p) : null;
                const target = verdict ? targetProps(edit!, verdict, time, d, p) : {};
                return (
                  <td key={d} data-testid={`tt-slot-${d}-${p}`} title={verdict ? `${time}\n${verdict.text}` : time} {...target}>
                    {own ? <small className="tt-own-time">{`${clock(bell.start_minute)}–${clock(bell.end_minute)}`}</small> : null}
                    {here.map((e, k) => {
                      const first = e.period === p;
                      const movable = !!edit && first && !e.locked;
                      return (
                        <div
                          key={k}
                          className={`tt-lesson ${e.period < p ? "tt-cont" : ""} ${e.locked ? "tt-locked" : ""} ${edit?.picked?.placement_id === e.placement_id ? "tt-picked" : ""}`}
                          data-testid="tt-lesson"
                          data-placement={e.placement_id}
                          draggable={movable}
                          onDragStart={
                            movable
                              ? (ev) => {
                                  ev.dataTransfer.setData("text/plain", e.placement_id);
                                  ev.dataTransfer.effectAllowed = "move";
                                  edit!.onPick(e);
                                }
                              : undefined
                          }
                        >
                          <strong>
                            {e.locked ? <span aria-label={t("tt_locked_mark")} title={t("tt_locked_mark")}>🔒 </span> : null}
                            {e.subject}
                          </strong>
                          <span>{detail(e)}</span>
                          {edit && first && !edit.picked && !edit.tray ? (
                            <span className="tt-lesson-tools">
                              {!e.locked ? (
                                <button type="button" className="tt-tool" onClick={(ev) => (ev.stopPropagation(), edit.onPick(e))} data-testid="tt-pick" aria-label={t("tt_pick_label", { subject: e.subject })}>
                                  {t("tt_pick")}
                                </button>
                              ) : null}
                              {!e.locked ? (
                                <button type="button" className="tt-tool" onClick={(ev) => (ev.stopPropagation(), edit.onUnplace(e))} data-testid="tt-unplace" aria-label={t("tt_unplace_label", { subject: e.subject })}>
                                  {t("tt_unplace")}
                                </button>
                              ) : null}
                              <button type="button" className="tt-tool" onClick={(ev) => (ev.stopPropagation(), edit.onLock(e))} data-testid="tt-lock" aria-pressed={e.locked} aria-label={t(e.locked ? "tt_unlock_label" : "tt_lock_label", { subject: e.subject })}>
                                {t(e.locked ? "tt_unlock" : "tt_lock")}
                              </button>
                            </span>
                          ) : null}
                        </div>
                      );
                    })}
                  </td>
                );
              })}
            </tr>
            {pausesAfter(p).map((x) => (
              <tr key={`pause-${x.position}`} className="tt-pause" data-testid="tt-pause">
                <td colSpan={week.days.length + 1}>{`${x.label} · ${clock(x.start_minute)}–${clock(x.end_minute)}`}</td>
              </tr>
            ))}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** The whole school: classes down, days × periods across. On a draft its
 * lessons are picked up (dragged, or clicked) like the class grid's, and
 * the rows of the picked lesson's classes show the app's verdict per cell. */
function SchoolGrid({ week, entries, edit }: { week: WeekView; entries: EntryView[]; edit?: GridEdit }) {
  const { t } = useI18n();
  const per = week.days.map((d) => ({ d, n: lessonPeriods(week, d).length }));
  const classes = [...new Set([...entries.flatMap((e) => e.classes.map(classOf)), ...(edit ? pickedClasses(edit) : [])])].sort(compareClasses);
  const rowsPicked = edit ? pickedClasses(edit) : [];
  const holding = !!edit && (!!edit.picked || !!edit.tray);
  return (
    <div className="tt-school-wrap">
      <table className="tt-grid tt-school" data-testid="tt-school">
        <thead>
          <tr>
            <th rowSpan={2}>{t("f_class")}</th>
            {per.map(({ d, n }) => (
              <th key={d} colSpan={n} className="tt-day-start">
                {dayName(t, d)}
              </th>
            ))}
          </tr>
          <tr>
            {per.map(({ d, n }) => (
              <Fragment key={d}>
                {Array.from({ length: n }, (_, i) => (
                  <th key={i} className={i === 0 ? "tt-day-start" : ""}>
                    {i + 1}
                  </th>
                ))}
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c} data-testid="tt-school-row" data-class={c}>
              <th scope="row">{c}</th>
              {per.map(({ d, n }) => (
                <Fragment key={d}>
                  {Array.from({ length: n }, (_, i) => {
                    const p = i + 1;
                    const here = entries.filter((e) => e.weekday === d && e.period <= p && p < e.period + e.length && e.classes.some((k) => classOf(k) === c));
                    const time = `${c} · ${dayName(t, d)} ${p}`;
                    const verdict = edit && rowsPicked.includes(c) ? verdictOf(t, edit, d, p) : null;
                    const target = verdict ? targetProps(edit!, verdict, time, d, p) : {};
                    const names = here.map((e) => `${e.subject} (${e.teachers.join(", ")})`).join("; ");
                    return (
                      <td
                        key={i}
                        data-testid={`tt-school-${c}-${d}-${p}`}
                        title={verdict ? `${time}\n${verdict.text}` : names}
                        {...target}
                        className={`${i === 0 ? "tt-day-start" : ""} ${"className" in target ? target.className : ""}`}
                      >
                        {here.map((e, k) => {
                          const label = `${k ? "/" : ""}${e.subject_code ?? abbreviate(e.subject)}`;
                          const movable = !!edit && !holding && !e.locked && e.period === p;
                          return movable ? (
                            <button
                              key={e.placement_id}
                              type="button"
                              className="tt-school-lesson"
                              data-testid="tt-school-lesson"
                              draggable
                              onDragStart={(ev) => {
                                ev.dataTransfer.setData("text/plain", e.placement_id);
                                ev.dataTransfer.effectAllowed = "move";
                                edit!.onPick(e);
                              }}
                              onClick={() => edit!.onPick(e)}
                              aria-label={t("tt_pick_label", { subject: `${e.subject} ${c}` })}
                            >
                              {label}
                            </button>
                          ) : (
                            <span key={e.placement_id} className={`tt-school-lesson ${edit?.picked?.placement_id === e.placement_id ? "tt-picked" : ""}`} data-testid="tt-school-lesson">
                              {label}
                            </span>
                          );
                        })}
                      </td>
                    );
                  })}
                </Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Bahasa Indonesia" → "BI", "Matematika" → "Mat". */
export function abbreviate(subject: string): string {
  const words = subject.split(/\s+/).filter(Boolean);
  if (words.length > 1) return words.map((w) => w[0].toUpperCase()).join("").slice(0, 4);
  return subject.slice(0, 3);
}

// ---------------------------------------------------------------- my timetable

export function MyTimetableScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  // The current semester's: students and parents may not list the semesters.
  const own = useQuery({ queryKey: queryKeys.myTimetable, queryFn: commands.my_timetable });
  return (
    <section className="screen" data-testid="my-timetable">
      <header className="screen-head">
        <h1>
          {t("nav_my_timetable")}
          {own.data?.term ? ` · ${own.data.term.data.name}` : ""}
        </h1>
      </header>
      {own.error ? <ErrorBanner text={errorText(i18n, own.error)} onRetry={() => own.refetch()} /> : null}
      {!own.data ? (
        own.error ? null : <Spinner />
      ) : !own.data.people.length ? (
        <EmptyState title={t("tt_my_none")} />
      ) : (
        own.data.people.map((o) => (
          <div className="panel" key={o.who} data-testid="my-tt">
            <div className="panel-head">
              <h2>{o.who}</h2>
            </div>
            {!o.entries ? (
              <p className="muted" data-testid="my-tt-unpublished">
                {t("tt_my_unpublished")}
              </p>
            ) : (
              <WeekGrid week={own.data!.week} entries={o.entries} show="own" title={o.who} />
            )}
          </div>
        ))
      )}
    </section>
  );
}
