// The descriptions screen (issue 12, item 5): choose a class × subject and
// a semester; keep the subject's learning objectives (add, edit, reorder);
// per student tick the objectives mastered best and those that need work
// and read the sentence the server writes from them (each tick answers the
// student's new sentence), or write one's own, with the comment bank at
// hand. A homeroom teacher also writes, per student, the note, the
// parent's response, the extracurricular results and (even semester) the
// promotion decision.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { commands, DescriptionRow, LearningObjective, PromotionKind, Rec, TermReportRow, TickKind } from "../bindings";
import { termToShow, useCurrentTermId } from "../currentTerm";
import { Button, EmptyState, ErrorBanner, SelectMenu, Spinner, TextField, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { useWrite } from "../queries";

const PROMOTIONS: PromotionKind[] = ["promoted", "retained", "graduated"];

export function DescriptionsScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const choices = useQuery({ queryKey: queryKeys.descriptionChoices, queryFn: commands.description_choices });
  const homeroomClasses = useQuery({ queryKey: queryKeys.termReportClasses, queryFn: commands.term_report_classes });
  const terms = useQuery({ queryKey: queryKeys.terms, queryFn: commands.terms_list });
  const [lesson, setLesson] = useState("");
  const [termId, setTermId] = useState("");
  const currentTerm = useCurrentTermId();
  const [homeroomClass, setHomeroomClass] = useState("");

  const failed = choices.error ?? homeroomClasses.error ?? terms.error;
  if (failed) return <ErrorBanner text={errorText(i18n, failed)} />;
  if (!choices.data || !homeroomClasses.data || !terms.data) return <Spinner />;
  const list = choices.data;
  const key = (c: { class_id: string; subject_id: string }) => `${c.class_id}/${c.subject_id}`;
  const chosen = list.find((c) => key(c) === lesson) ?? list[0];
  const led = homeroomClasses.data;
  const ledClass = led.find((c) => c.id === homeroomClass) ?? led[0];
  const year = chosen?.academic_year_id ?? ledClass?.data.academic_year_id;
  const yearTerms = terms.data.filter((x) => x.data.academic_year_id === year);
  const term = yearTerms.find((x) => x.id === termToShow(yearTerms.map((y) => y.id), termId, currentTerm));

  return (
    <section className="screen" data-testid="descriptions">
      <header className="screen-head">
        <h1>{t("nav_descriptions")}</h1>
      </header>
      <div className="toolbar">
        {list.length ? (
          <SelectMenu
            label={t("desc_choose")}
            value={chosen ? key(chosen) : ""}
            options={list.map((c) => ({ value: key(c), label: `${c.class_name} · ${c.subject_name}` }))}
            onChange={setLesson}
            testId="desc-lesson"
          />
        ) : null}
        {yearTerms.length ? (
          <SelectMenu
            label={t("f_term_id")}
            value={term?.id ?? ""}
            options={yearTerms.map((x) => ({ value: x.id, label: x.data.name }))}
            onChange={setTermId}
            testId="desc-term"
          />
        ) : null}
      </div>
      {!list.length && !led.length ? <EmptyState title={t("nav_descriptions")} hint={t("desc_no_choices")} /> : null}
      {chosen && term ? <LessonDescriptions classId={chosen.class_id} subjectId={chosen.subject_id} termId={term.id} /> : null}
      {ledClass && term ? (
        <div className="panel" data-testid="desc-homeroom">
          <div className="panel-head">
            <h2>
              {t("desc_homeroom")} · {ledClass.data.name}
            </h2>
            {led.length > 1 ? (
              <SelectMenu
                label={t("att_class")}
                value={ledClass.id}
                options={led.map((c) => ({ value: c.id, label: c.data.name }))}
                onChange={setHomeroomClass}
                testId="desc-homeroom-class"
              />
            ) : null}
          </div>
          <TermReports classId={ledClass.id} termId={term.id} />
        </div>
      ) : null}
    </section>
  );
}

function LessonDescriptions({ classId, subjectId, termId }: { classId: string; subjectId: string; termId: string }) {
  const i18n = useI18n();
  const sheetKey = queryKeys.descriptionSheet(classId, subjectId, termId);
  const sheet = useQuery({ queryKey: sheetKey, queryFn: () => commands.description_open(classId, subjectId, termId) });
  const comments = useQuery({ queryKey: queryKeys.comments(subjectId), queryFn: () => commands.description_comments(subjectId) });
  const write = useWrite([["descriptions"]]);
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write(action);
    } catch (e) {
      setFailure(e);
    }
  };
  if (sheet.error) return <ErrorBanner text={errorText(i18n, sheet.error)} onRetry={() => sheet.refetch()} />;
  if (!sheet.data) return <Spinner />;
  const objectives = sheet.data.objectives;
  return (
    <>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      <Objectives objectives={objectives} subjectId={subjectId} termId={termId} run={run} />
      <div className="panel" data-testid="desc-students">
        {sheet.data.students.map((row) => (
          <StudentDescription
            key={row.student.student_id}
            row={row}
            objectives={objectives}
            comments={(comments.data ?? []).map((c) => c.data.text)}
            run={run}
            classId={classId}
            subjectId={subjectId}
            termId={termId}
          />
        ))}
      </div>
      <CommentAdd subjectId={subjectId} run={run} />
    </>
  );
}

type Run = (action: () => Promise<unknown>) => Promise<void>;

function Objectives({ objectives, subjectId, termId, run }: { objectives: Rec<LearningObjective>[]; subjectId: string; termId: string; run: Run }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Rec<LearningObjective> | null>(null);
  const [code, setCode] = useState("");
  const [textId, setTextId] = useState("");
  const [textEn, setTextEn] = useState("");
  const clear = () => {
    setEditing(null);
    setCode("");
    setTextId("");
    setTextEn("");
  };
  const submit = () => {
    const form = { code, text_id: textId, text_en: textEn.trim() || null };
    return run(async () => {
      if (editing) await commands.objectives_edit(editing.id, editing.version, form);
      else await commands.objectives_add(subjectId, termId, form);
      clear();
    });
  };
  const move = (from: number, to: number) => {
    const ids = objectives.map((o) => o.id);
    [ids[from], ids[to]] = [ids[to], ids[from]];
    return run(() => commands.objectives_reorder(subjectId, termId, ids));
  };
  return (
    <div className="panel" data-testid="desc-objectives">
      <h2>{t("desc_objectives")}</h2>
      {!objectives.length ? <p className="muted">{t("desc_no_objectives")}</p> : null}
      <ol className="objectives">
        {objectives.map((o, i) => (
          <li key={o.id} data-testid={`objective-${o.data.code}`}>
            <strong>{o.data.code}</strong> {o.data.text_id}
            {o.data.text_en ? <span className="muted"> · {o.data.text_en}</span> : null}{" "}
            <span className="row-actions">
              <Button variant="ghost" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`${t("desc_move_up")}: ${o.data.code}`}>
                ↑
              </Button>
              <Button variant="ghost" disabled={i === objectives.length - 1} onClick={() => move(i, i + 1)} aria-label={`${t("desc_move_down")}: ${o.data.code}`}>
                ↓
              </Button>
              <Button
                variant="ghost"
                onClick={() => {
                  setEditing(o);
                  setCode(o.data.code);
                  setTextId(o.data.text_id);
                  setTextEn(o.data.text_en ?? "");
                }}
                aria-label={`${t("edit")}: ${o.data.code}`}
              >
                {t("edit")}
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <div className="row-actions" data-testid="objective-form">
        <TextField label={t("f_code")} value={code} onChange={setCode} testId="objective-code" />
        <TextField label={t("f_text_id")} value={textId} onChange={setTextId} testId="objective-text-id" />
        <TextField label={t("f_text_en")} value={textEn} onChange={setTextEn} testId="objective-text-en" />
        <Button onClick={submit} data-testid="objective-save">
          {editing ? t("desc_edit_objective") : t("desc_add_objective")}
        </Button>
        {editing ? (
          <Button variant="ghost" onClick={clear}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function StudentDescription({
  row,
  objectives,
  comments,
  run,
  classId,
  subjectId,
  termId,
}: {
  row: DescriptionRow;
  objectives: Rec<LearningObjective>[];
  comments: string[];
  run: Run;
  classId: string;
  subjectId: string;
  termId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<string | null>(null);
  const id = row.student.student_id;
  const tickOf = (objectiveId: string) => row.ticks.find((x) => x.objective_id === objectiveId)?.tick ?? null;
  const generated = i18n.lang === "id" ? row.generated_id : row.generated_en;
  const toggle = (objectiveId: string, tick: TickKind) =>
    run(() => commands.description_tick(classId, id, objectiveId, tickOf(objectiveId) === tick ? null : tick));
  const setText = (text: string | null) =>
    run(async () => {
      await commands.description_set(classId, subjectId, termId, id, text);
      setDraft(null);
    });
  return (
    <div className="student-description" data-testid={`desc-${id}`}>
      <h3>{row.student.full_name}</h3>
      {(["mastered", "needs_work"] as TickKind[]).map((tick) => (
        <div key={tick} className="row-actions" role="group" aria-label={t(tick === "mastered" ? "desc_mastered" : "desc_needs_work")}>
          <span className="muted">{t(tick === "mastered" ? "desc_mastered" : "desc_needs_work")}:</span>
          {objectives.map((o) => (
            <label key={o.id} className="tick">
              <input type="checkbox" checked={tickOf(o.id) === tick} onChange={() => toggle(o.id, tick)} data-testid={`tick-${id}-${o.data.code}-${tick}`} />
              {o.data.code}
            </label>
          ))}
        </div>
      ))}
      {draft === null ? (
        <>
          <p data-testid={`desc-text-${id}`}>
            {row.custom ? <span className="muted">{t("desc_own_text")}: </span> : <span className="muted">{t("desc_generated")}: </span>}
            {row.custom ?? (generated || <em className="muted">{t("desc_nothing_ticked")}</em>)}
          </p>
          <div className="row-actions">
            <Button variant="ghost" onClick={() => setDraft(row.custom ?? generated)} data-testid={`desc-edit-${id}`}>
              {t("desc_edit")}
            </Button>
            {row.custom ? (
              <Button variant="ghost" onClick={() => setText(null)} data-testid={`desc-reset-${id}`}>
                {t("desc_reset")}
              </Button>
            ) : null}
          </div>
        </>
      ) : (
        <div className="row-actions">
          <label className="field">
            <span>{t("desc_own_text")}</span>
            <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} data-testid={`desc-draft-${id}`} />
          </label>
          {comments.length ? (
            <SelectMenu
              label={t("desc_insert_comment")}
              value=""
              options={[{ value: "", label: t("desc_insert_comment") }, ...comments.map((c) => ({ value: c, label: c }))]}
              onChange={(c) => c && setDraft(`${draft}${draft.trim() ? " " : ""}${c}`)}
              testId={`desc-comment-${id}`}
            />
          ) : null}
          <Button onClick={() => setText(draft)} data-testid={`desc-save-${id}`}>
            {t("save")}
          </Button>
          <Button variant="ghost" onClick={() => setDraft(null)}>
            {t("cancel")}
          </Button>
        </div>
      )}
    </div>
  );
}

function CommentAdd({ subjectId, run }: { subjectId: string; run: Run }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  return (
    <div className="row-actions" data-testid="comment-add">
      <TextField label={t("desc_comment_new")} value={text} onChange={setText} testId="comment-text" />
      <Button
        variant="ghost"
        onClick={() =>
          run(async () => {
            await commands.description_comment_add(subjectId, text);
            setText("");
          })
        }
        data-testid="comment-save"
      >
        {t("desc_comment_add")}
      </Button>
    </div>
  );
}

function TermReports({ classId, termId }: { classId: string; termId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const report = useQuery({ queryKey: queryKeys.termReport(classId, termId), queryFn: () => commands.term_report_open(classId, termId) });
  const write = useWrite([["term_reports"]]);
  const toast = useToast();
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write(action);
      toast(t("saved"));
    } catch (e) {
      setFailure(e);
    }
  };
  if (report.error) return <ErrorBanner text={errorText(i18n, report.error)} onRetry={() => report.refetch()} />;
  if (!report.data) return <Spinner />;
  const view = report.data;
  return (
    <>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {!view.promotion_allowed ? <p className="muted">{t("desc_promotion_even_only")}</p> : null}
      {!view.extracurriculars.length ? <p className="muted">{t("desc_no_extracurriculars")}</p> : null}
      {view.students.map((row) => (
        <StudentReport
          key={`${row.student.student_id}-${JSON.stringify(row.report)}`}
          row={row}
          promotionAllowed={view.promotion_allowed}
          activities={view.extracurriculars.map((a) => ({ id: a.id, name: a.data.name }))}
          results={view.results.filter((r) => r.data.student_id === row.student.student_id).map((r) => r.data)}
          save={(form) => run(() => commands.term_report_save(classId, termId, row.student.student_id, form))}
          saveResult={(activity, grade) => run(() => commands.extracurricular_result_set(classId, termId, row.student.student_id, activity, grade.trim() || null, null))}
        />
      ))}
    </>
  );
}

function StudentReport({
  row,
  promotionAllowed,
  activities,
  results,
  save,
  saveResult,
}: {
  row: TermReportRow;
  promotionAllowed: boolean;
  activities: { id: string; name: string }[];
  results: { extracurricular_id: string; grade: string }[];
  save: (form: TermReportRow["report"]) => Promise<void>;
  saveResult: (activity: string, grade: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const id = row.student.student_id;
  const [note, setNote] = useState(row.report.homeroom_note ?? "");
  const [response, setResponse] = useState(row.report.parent_response ?? "");
  const [promotion, setPromotion] = useState<string>(row.report.promotion ?? "");
  const [grades, setGrades] = useState<Record<string, string>>(() => Object.fromEntries(results.map((r) => [r.extracurricular_id, r.grade])));
  return (
    <div className="student-report" data-testid={`report-${id}`}>
      <h3>{row.student.full_name}</h3>
      <TextField label={t("f_homeroom_note")} value={note} onChange={setNote} testId={`report-note-${id}`} />
      <TextField label={t("f_parent_response")} value={response} onChange={setResponse} testId={`report-response-${id}`} />
      {promotionAllowed ? (
        <SelectMenu
          label={t("f_promotion")}
          value={promotion}
          options={[{ value: "", label: t("desc_promotion_none") }, ...PROMOTIONS.map((p) => ({ value: p, label: t(`desc_promotion_${p}` as Key) }))]}
          onChange={setPromotion}
          testId={`report-promotion-${id}`}
        />
      ) : null}
      <Button
        onClick={() => save({ homeroom_note: note.trim() || null, parent_response: response.trim() || null, promotion: (promotion || null) as PromotionKind | null })}
        data-testid={`report-save-${id}`}
      >
        {t("desc_save_report")}
      </Button>
      {activities.length ? (
        <div className="row-actions" aria-label={t("desc_extracurriculars")}>
          {activities.map((a) => (
            <span key={a.id} className="row-actions">
              <TextField label={`${a.name} · ${t("f_grade")}`} value={grades[a.id] ?? ""} onChange={(v) => setGrades({ ...grades, [a.id]: v })} testId={`report-grade-${id}-${a.name}`} />
              <Button variant="ghost" onClick={() => saveResult(a.id, grades[a.id] ?? "")} data-testid={`report-grade-save-${id}-${a.name}`}>
                {t("save")}
              </Button>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
