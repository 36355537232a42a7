// Exam papers from blueprints (issue 13, items 4–6 on screen, helper
// "qbui"): a blueprint's rows (CP/TP, topic, indicator, cognitive level,
// type, count, points) saved for a subject and grade; a paper of a class
// made from one, filled from the bank's approved questions with the rows
// it could not fill shown in words; a question swapped by hand for
// another approved one; the paper made final and released by the
// curriculum office; and printed as one PDF (packages, answer sheets,
// keys, kisi-kisi) through the app's print job. A marked paper's scores
// are sent to the gradebook as one column (helper "qb2").
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { commands, QbBlueprintRow, QbPaper, QbPrintForm, QbRow, QbScope, QbSent, QbShortage } from "../bindings";
import { DateField } from "../components/DateField";
import { PanelForm, useSave } from "../components/PanelForm";
import { Button, EmptyState, ErrorBanner, Spinner, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { COGNITIVE, KINDS } from "./model";
import { PaperResults } from "./Results";

const paperKeys = {
  all: ["qbank", "papers"],
  blueprints: ["qbank", "papers", "blueprints"],
  list: ["qbank", "papers", "list"],
  classes: ["qbank", "papers", "classes"],
};

const newRow = (): QbBlueprintRow => ({ outcome: "", topic: "", indicator: "", cognitive: null, kind: "single_choice", count: 5, points: "1" });

/** What each paper status may move to, and the button's words. */
const PAPER_NEXT: Record<string, { to: string; label: Key }[]> = {
  draft: [{ to: "final", label: "qp_make_final" }],
  final: [
    { to: "released", label: "qp_release" },
    { to: "draft", label: "qp_back_to_draft" },
  ],
  released: [],
};

export function PapersPanel({ scope }: { scope: QbScope }) {
  const i18n = useI18n();
  const { t } = i18n;
  const papers = useQuery({ queryKey: paperKeys.list, queryFn: commands.qbank_papers });
  const [open, setOpen] = useState<string | null>(null);
  const [making, setMaking] = useState<"paper" | "blueprint" | null>(null);
  const subjectName = (id: string) => scope.subjects.find((s) => s.id === id)?.data.name ?? "";

  if (open) return <PaperDetail id={open} scope={scope} onBack={() => setOpen(null)} />;
  if (making === "blueprint") return <BlueprintForm scope={scope} onDone={() => setMaking(null)} />;
  if (making === "paper") return <PaperForm scope={scope} onDone={(id) => (setMaking(null), id && setOpen(id))} />;
  return (
    <div className="panel" data-testid="qp-papers">
      <div className="qb-row">
        <Button variant="primary" onClick={() => setMaking("paper")} disabled={!scope.writable.length} data-testid="qp-new-paper">
          {t("qp_new_paper")}
        </Button>
        <Button onClick={() => setMaking("blueprint")} disabled={!scope.writable.length} data-testid="qp-new-blueprint">
          {t("qp_new_blueprint")}
        </Button>
      </div>
      {papers.error ? <ErrorBanner text={errorText(i18n, papers.error)} onRetry={() => papers.refetch()} /> : null}
      {!papers.data && !papers.error ? <Spinner /> : null}
      {papers.data && !papers.data.length ? <EmptyState title={t("qp_none")} hint={t("qp_none_hint")} /> : null}
      {papers.data?.length ? (
        <table className="qb-list" data-testid="qp-list">
          <thead>
            <tr>
              <th>{t("qp_exam_name")}</th>
              <th>{t("qb_subject")}</th>
              <th>{t("qp_date")}</th>
              <th>{t("qb_status")}</th>
            </tr>
          </thead>
          <tbody>
            {papers.data.map((p) => (
              <tr key={p.id} data-testid="qp-row">
                <td>
                  <button type="button" className="link" onClick={() => setOpen(p.id)} data-testid="qp-open">
                    {p.data.exam_name}
                  </button>
                </td>
                <td>{subjectName(p.data.subject_id)}</td>
                <td>{i18n.date(p.data.exam_date)}</td>
                <td>
                  <span className={`qb-status qp-status-${p.data.status}`}>{t(`qp_status_${p.data.status}` as Key)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function BlueprintForm({ scope, onDone }: { scope: QbScope; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const writable = scope.subjects.filter((s) => scope.writable.includes(s.id));
  const [subjectId, setSubjectId] = useState(writable[0]?.id ?? "");
  const [grade, setGrade] = useState(7);
  const [name, setName] = useState("");
  const [rows, setRows] = useState<QbBlueprintRow[]>([newRow()]);
  const { save: write, saving, error } = useSave([paperKeys.all]);
  const put = (i: number, change: Partial<QbBlueprintRow>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...change } : x)));
  const save = async () => {
    if (!(await write(() => commands.qbank_blueprint_create(subjectId, grade, name, rows)))) return;
    toast(t("saved"));
    onDone();
  };
  const cell = (i: number, field: "outcome" | "topic" | "indicator" | "points", label: string) => (
    <td>
      <input aria-label={`${label} ${i + 1}`} value={rows[i][field]} onChange={(e) => put(i, { [field]: e.target.value })} />
    </td>
  );
  return (
    <PanelForm className="qb-form" error={error} onSubmit={save} testId="qp-blueprint-form">
      <h2>{t("qp_new_blueprint")}</h2>
      <div className="qb-row">
        <label className="qb-inline-field">
          <span>{t("qb_subject")}</span>
          <select value={subjectId} onChange={(e) => setSubjectId(e.target.value)}>
            {writable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.data.name}
              </option>
            ))}
          </select>
        </label>
        <label className="qb-inline-field">
          <span>{t("qb_grade")}</span>
          <select value={grade} onChange={(e) => setGrade(Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
        <label className="qb-inline-field qb-wide">
          <span>{t("qb_name")}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="qp-blueprint-name" />
        </label>
      </div>
      <table className="qb-list qp-rows">
        <thead>
          <tr>
            <th>#</th>
            <th>{t("qp_outcome")}</th>
            <th>{t("qb_topic")}</th>
            <th>{t("qp_indicator")}</th>
            <th>{t("qb_cognitive")}</th>
            <th>{t("qb_type")}</th>
            <th>{t("qp_count")}</th>
            <th>{t("qb_points")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="qp-blueprint-row">
              <td>{i + 1}</td>
              {cell(i, "outcome", t("qp_outcome"))}
              {cell(i, "topic", t("qb_topic"))}
              {cell(i, "indicator", t("qp_indicator"))}
              <td>
                <select aria-label={`${t("qb_cognitive")} ${i + 1}`} value={r.cognitive ?? ""} onChange={(e) => put(i, { cognitive: e.target.value || null })}>
                  <option value="">{t("none")}</option>
                  {COGNITIVE.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={`${t("qb_type")} ${i + 1}`} value={r.kind} onChange={(e) => put(i, { kind: e.target.value })}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`qb_kind_${k}` as Key)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label={`${t("qp_count")} ${i + 1}`} type="number" min={1} max={200} value={r.count} onChange={(e) => put(i, { count: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} className="qp-count" />
              </td>
              {cell(i, "points", t("qb_points"))}
              <td>
                <Button variant="ghost" aria-label={t("qb_remove")} disabled={rows.length <= 1} onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
                  ×
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="qb-row qb-actions">
        <Button onClick={() => setRows((x) => [...x, newRow()])} data-testid="qp-blueprint-add-row">
          {t("qp_add_row")}
        </Button>
        <Button variant="primary" type="submit" busy={saving} data-testid="qp-blueprint-save">
          {t("save")}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </PanelForm>
  );
}

function PaperForm({ scope, onDone }: { scope: QbScope; onDone: (id: string | null) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const writable = scope.subjects.filter((s) => scope.writable.includes(s.id));
  const blueprints = useQuery({ queryKey: paperKeys.blueprints, queryFn: commands.qbank_blueprints });
  const classes = useQuery({ queryKey: paperKeys.classes, queryFn: commands.classes_list });
  const [subjectId, setSubjectId] = useState(writable[0]?.id ?? "");
  const [classId, setClassId] = useState("");
  const [blueprintId, setBlueprintId] = useState("");
  const [examName, setExamName] = useState("");
  const [date, setDate] = useState<string | null>("");
  const [duration, setDuration] = useState(90);
  const [instructions, setInstructions] = useState("");
  const [sections, setSections] = useState(t("qp_default_sections"));
  const { save: write, saving, error } = useSave([paperKeys.all]);
  const ofSubject = (blueprints.data ?? []).filter((b) => b.subject_id === subjectId);
  const save = async () => {
    const made = await write(() =>
      commands.qbank_paper_create({
        subject_id: subjectId,
        class_id: classId || classes.data?.[0]?.id || "",
        blueprint_id: blueprintId || ofSubject[0]?.id || null,
        exam_name: examName,
        exam_date: date ?? "",
        duration_minutes: duration,
        instructions,
        sections: sections
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((title) => ({ title, instructions: "" })),
      }),
    );
    if (made) onDone(made.value.paper.id);
  };
  if (blueprints.error || classes.error) return <ErrorBanner text={errorText(i18n, blueprints.error ?? classes.error)} />;
  if (!blueprints.data || !classes.data) return <Spinner />;
  return (
    <PanelForm className="qb-form" error={error} onSubmit={save} testId="qp-paper-form">
      <h2>{t("qp_new_paper")}</h2>
      <div className="qb-row">
        <label className="qb-inline-field">
          <span>{t("qb_subject")}</span>
          <select value={subjectId} onChange={(e) => setSubjectId(e.target.value)}>
            {writable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.data.name}
              </option>
            ))}
          </select>
        </label>
        <label className="qb-inline-field">
          <span>{t("qp_class")}</span>
          <select value={classId || classes.data[0]?.id || ""} onChange={(e) => setClassId(e.target.value)} data-testid="qp-class">
            {classes.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.data.name}
              </option>
            ))}
          </select>
        </label>
        <label className="qb-inline-field">
          <span>{t("qp_blueprint")}</span>
          <select value={blueprintId || ofSubject[0]?.id || ""} onChange={(e) => setBlueprintId(e.target.value)} data-testid="qp-blueprint">
            {ofSubject.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({t("qb_grade")} {b.grade_level})
              </option>
            ))}
            <option value="">{t("none")}</option>
          </select>
        </label>
      </div>
      <div className="qb-row">
        <label className="qb-inline-field qb-wide">
          <span>{t("qp_exam_name")}</span>
          <input value={examName} onChange={(e) => setExamName(e.target.value)} data-testid="qp-exam-name" />
        </label>
        <div className="qb-inline-field">
          <span>{t("qp_date")}</span>
          <DateField id="qp-date" label={t("qp_date")} value={date} onChange={setDate} testId="qp-date" />
        </div>
        <label className="qb-inline-field qb-narrow">
          <span>{t("qp_duration")}</span>
          <input type="number" min={5} max={600} value={duration} onChange={(e) => setDuration(Math.floor(Number(e.target.value) || 0))} />
        </label>
      </div>
      <label className="qb-inline-field qb-wide">
        <span>{t("qp_instructions")}</span>
        <textarea rows={2} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
      </label>
      <label className="qb-inline-field qb-wide">
        <span>{t("qp_sections")}</span>
        <textarea rows={3} value={sections} onChange={(e) => setSections(e.target.value)} />
      </label>
      <div className="qb-row qb-actions">
        <Button variant="primary" type="submit" busy={saving} data-testid="qp-paper-save">
          {t("save")}
        </Button>
        <Button variant="ghost" onClick={() => onDone(null)}>
          {t("cancel")}
        </Button>
      </div>
    </PanelForm>
  );
}

function shortageText(t: ReturnType<typeof useI18n>["t"], s: QbShortage): string {
  return t("qp_shortage", { row: s.row, wanted: s.wanted, found: s.found, recent: s.used_recently, unapproved: s.not_approved, missing: s.missing });
}

function PaperDetail({ id, scope, onBack }: { id: string; scope: QbScope; onBack: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const loaded = useQuery({ queryKey: ["qbank", "papers", "one", id], queryFn: () => commands.qbank_paper(id) });
  const [paper, setPaper] = useState<QbPaper | null>(null);
  const [shortages, setShortages] = useState<QbShortage[] | null>(null);
  const [recent, setRecent] = useState(3);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [swapAt, setSwapAt] = useState<number | null>(null);
  const [print, setPrint] = useState<QbPrintForm>({ variants: 2, answer_sheets: 1, key: true, blueprint: true, columns: 1, language: i18n.lang, paper_size: "A4" });
  const [printed, setPrinted] = useState<string | null>(null);
  const shown = paper ?? loaded.data ?? null;

  const act = async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    setFailure(null);
    try {
      await f();
      void client.invalidateQueries({ queryKey: paperKeys.list });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };
  if (loaded.error) return <ErrorBanner text={errorText(i18n, loaded.error)} onRetry={onBack} />;
  if (!shown) return <Spinner />;
  const p = shown.paper;
  const draft = p.data.status === "draft";
  const fill = () =>
    act("fill", async () => {
      const filled = await commands.qbank_paper_fill(p.id, p.version, recent);
      setPaper(filled.paper);
      setShortages(filled.shortages);
    });
  const move = (to: string) =>
    act(to, async () => {
      const row = await commands.qbank_paper_status(p.id, p.version, to);
      setPaper({ ...shown, paper: row });
      toast(t("qp_status_now", { status: t(`qp_status_${row.data.status}` as Key) }));
    });
  const doPrint = () =>
    act("print", async () => {
      const done = await commands.qbank_paper_print(p.id, print);
      setPrinted(done.path);
      toast(t("qp_printed", { pages: done.pages }));
    });
  return (
    <div className="panel qb-form" data-testid="qp-paper">
      <div className="qb-row">
        <h2 className="qp-title">
          {p.data.exam_name} · {i18n.date(p.data.exam_date)} · {t("qp_minutes", { minutes: p.data.duration_minutes })}
        </h2>
        <span className={`qb-status qp-status-${p.data.status}`} data-testid="qp-status">
          {t(`qp_status_${p.data.status}` as Key)}
        </span>
        <Button variant="ghost" onClick={onBack} data-testid="qp-back">
          {t("qp_back")}
        </Button>
      </div>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {draft && p.data.blueprint_id ? (
        <div className="qb-row">
          <label className="qb-inline-field qb-narrow">
            <span>{t("qp_recent")}</span>
            <input type="number" min={0} max={50} value={recent} onChange={(e) => setRecent(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
          </label>
          <Button variant="primary" onClick={() => void fill()} busy={busy === "fill"} data-testid="qp-fill">
            {t("qp_fill")}
          </Button>
        </div>
      ) : null}
      {shortages ? (
        shortages.length ? (
          <div className="banner banner-warn" role="alert" data-testid="qp-shortages">
            <div>
              <strong>{t("qp_shortages")}</strong>
              <ul>
                {shortages.map((s) => (
                  <li key={s.row}>{shortageText(t, s)}</li>
                ))}
              </ul>
            </div>
          </div>
        ) : (
          <div className="banner banner-ok" data-testid="qp-filled">
            {t("qp_filled", { count: shown.items.length })}
          </div>
        )
      ) : null}
      {shown.items.length ? (
        <table className="qb-list" data-testid="qp-items">
          <thead>
            <tr>
              <th>#</th>
              <th>{t("qp_section")}</th>
              <th>{t("qb_name")}</th>
              <th>{t("qb_type")}</th>
              <th>{t("qb_points")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.items.map((item) => (
              <tr key={item.position} data-testid="qp-item">
                <td>{item.position}</td>
                <td>{shown.sections[item.section - 1]?.title ?? item.section}</td>
                <td>
                  {item.name} <span className="muted">v{item.question_version}</span>
                </td>
                <td>{t(`qb_kind_${item.kind}` as Key)}</td>
                <td>{item.points}</td>
                <td>
                  {draft ? (
                    <Button variant="ghost" onClick={() => setSwapAt(item.position)} data-testid="qp-swap">
                      {t("qp_swap")}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("qp_empty")}</p>
      )}
      {swapAt !== null ? (
        <SwapPicker
          subjectId={p.data.subject_id}
          onto={shown.items.map((i) => i.question_id)}
          onCancel={() => setSwapAt(null)}
          onPick={(q) =>
            void act("swap", async () => {
              setPaper(await commands.qbank_paper_swap(p.id, p.version, swapAt, q.id));
              setSwapAt(null);
            })
          }
        />
      ) : null}
      {scope.review ? (
        <div className="qb-row qb-actions">
          {PAPER_NEXT[p.data.status]?.map((n) => (
            <Button key={n.to} onClick={() => void move(n.to)} busy={busy === n.to} data-testid={`qp-to-${n.to}`}>
              {t(n.label)}
            </Button>
          ))}
        </div>
      ) : null}
      {p.data.status !== "draft" ? (
        <fieldset className="qb-meta" data-testid="qp-print">
          <legend>{t("qp_print")}</legend>
          <div className="qb-row">
            <label className="qb-inline-field qb-narrow">
              <span>{t("qp_variants")}</span>
              <input type="number" min={1} max={200} value={print.variants} onChange={(e) => setPrint({ ...print, variants: Math.max(1, Math.floor(Number(e.target.value) || 1)) })} />
            </label>
            <label className="qb-inline-field qb-narrow">
              <span>{t("qp_answer_sheets")}</span>
              <input type="number" min={0} max={50} value={print.answer_sheets} onChange={(e) => setPrint({ ...print, answer_sheets: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
            </label>
            <label>
              <input type="checkbox" checked={print.key} onChange={(e) => setPrint({ ...print, key: e.target.checked })} /> {t("qp_key")}
            </label>
            <label>
              <input type="checkbox" checked={print.blueprint} onChange={(e) => setPrint({ ...print, blueprint: e.target.checked })} /> {t("qp_kisi")}
            </label>
            <label className="qb-inline-field">
              <span>{t("qp_columns")}</span>
              <select value={print.columns} onChange={(e) => setPrint({ ...print, columns: Number(e.target.value) })}>
                <option value={1}>1</option>
                <option value={2}>2</option>
              </select>
            </label>
            <label className="qb-inline-field">
              <span>{t("qp_paper_size")}</span>
              <select value={print.paper_size} onChange={(e) => setPrint({ ...print, paper_size: e.target.value })}>
                <option value="A4">A4</option>
                <option value="F4">F4</option>
              </select>
            </label>
            <label className="qb-inline-field">
              <span>{t("language")}</span>
              <select value={print.language} onChange={(e) => setPrint({ ...print, language: e.target.value })}>
                <option value="id">{t("lang_id")}</option>
                <option value="en">{t("lang_en")}</option>
              </select>
            </label>
            <Button variant="primary" onClick={() => void doPrint()} busy={busy === "print"} data-testid="qp-print-go">
              {t("qp_print_go")}
            </Button>
            {printed ? (
              <Button onClick={() => void commands.print_open(printed).catch((e) => setFailure(e))} data-testid="qp-print-open">
                {t("qp_open_pdf")}
              </Button>
            ) : null}
          </div>
          {printed ? (
            <p className="muted" data-testid="qp-printed">
              {printed}
            </p>
          ) : null}
        </fieldset>
      ) : (
        <p className="hint">{t("qp_print_after_final")}</p>
      )}
      {p.data.status !== "draft" && scope.writable.includes(p.data.subject_id) ? <PaperResults paperId={p.id} /> : null}
      {p.data.status !== "draft" && scope.writable.includes(p.data.subject_id) ? <SendToGradebook paperId={p.id} examName={p.data.exam_name} /> : null}
    </div>
  );
}

/** A marked paper's scores sent to the gradebook: a component of the
 * subject's scheme (per semester), the column's name, and whether to
 * overwrite scores the column has. The app scales and refuses. */
function SendToGradebook({ paperId, examName }: { paperId: string; examName: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const slots = useQuery({ queryKey: ["qbank", "papers", "gradebook-slots", paperId], queryFn: () => commands.qbank_paper_gradebook_slots(paperId), retry: false });
  const [componentId, setComponentId] = useState("");
  const [column, setColumn] = useState(examName.slice(0, 50));
  const [replace, setReplace] = useState(false);
  const [sent, setSent] = useState<QbSent | null>(null);
  const { save, saving, error } = useSave([["gradebook"]]);
  // A user who may not enter this class's grades sees nothing of it.
  if (slots.error || !slots.data) return null;
  const chosen = componentId || slots.data[0]?.component_id || "";
  const submit = async () => {
    const done = await save(() => commands.qbank_paper_send_scores(paperId, chosen, column, replace));
    if (!done) return;
    setSent(done.value);
    setReplace(false);
    toast(t("qp_sent", { count: done.value.students.length, column: done.value.column }));
  };
  return (
    <PanelForm className="qb-meta" title={t("qp_send_title")} error={error} onSubmit={submit} testId="qp-send">
      {slots.data.length ? (
        <div className="qb-row">
          <label className="qb-inline-field">
            <span>{t("qp_send_component")}</span>
            <select value={chosen} onChange={(e) => setComponentId(e.target.value)} data-testid="qp-send-component">
              {slots.data.map((s) => (
                <option key={s.component_id} value={s.component_id}>
                  {s.component} · {s.term}
                </option>
              ))}
            </select>
          </label>
          <label className="qb-inline-field qb-wide">
            <span>{t("qp_send_column")}</span>
            <input value={column} maxLength={50} onChange={(e) => setColumn(e.target.value)} data-testid="qp-send-column" />
          </label>
          <label>
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="qp-send-replace" /> {t("qp_send_replace")}
          </label>
          <Button variant="primary" type="submit" busy={saving} data-testid="qp-send-go">
            {t("qp_send_go")}
          </Button>
        </div>
      ) : (
        <p className="hint">{t("qp_send_no_scheme")}</p>
      )}
      <p className="hint">{t("qp_send_hint")}</p>
      {sent ? (
        <table className="qb-list" data-testid="qp-sent">
          <thead>
            <tr>
              <th>{t("qp_send_student")}</th>
              <th>{t("qp_send_exam_score")}</th>
              <th>{t("qp_send_grade")}</th>
            </tr>
          </thead>
          <tbody>
            {sent.students.map((s) => (
              <tr key={s.student_id}>
                <td>{s.name}</td>
                <td>
                  {s.exam_score} / {sent.max_score}
                </td>
                <td>{s.grade}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </PanelForm>
  );
}

/** The subject's approved questions not on the paper, found by words. */
function SwapPicker({ subjectId, onto, onPick, onCancel }: { subjectId: string; onto: string[]; onPick: (q: QbRow) => void; onCancel: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState("");
  const search = { text, subject_id: subjectId, grade_level: null, kind: null, difficulty: null, tags: [], status: "approved", limit: 30 };
  const found = useQuery({ queryKey: ["qbank", "search", search], queryFn: () => commands.qbank_search(search) });
  return (
    <div className="qb-math" data-testid="qp-swap-picker">
      <div className="qb-row">
        <input type="search" autoFocus placeholder={t("qp_swap_hint")} value={text} onChange={(e) => setText(e.target.value)} data-testid="qp-swap-search" />
        <Button variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
      {found.error ? <ErrorBanner text={errorText(i18n, found.error)} /> : null}
      <ul className="qp-swap-list">
        {(found.data ?? [])
          .filter((q) => !onto.includes(q.id))
          .map((q) => (
            <li key={q.id}>
              <button type="button" className="link" onClick={() => onPick(q)} data-testid="qp-swap-pick">
                {q.name}
              </button>{" "}
              <span className="muted">{t(`qb_kind_${q.kind}` as Key)}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
