// The report-card printing screen (issue 12, item 8): whose cards (a class,
// a grade, the whole school, one student), how they look (rapor or the
// international layout, language, paper, blank top for letterhead paper),
// where they go (one combined PDF, one per student, or both, in a folder),
// a preview of one student's card in the system's PDF viewer, and the job
// itself with a progress bar, cancel and "open the folder" when done. The
// cards' content and the layout are the shell's (crates/app, crates/print).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { CardCheck, commands, PrintJob, PrintScope, PrintSettings } from "../bindings";
import { termToShow, useCurrentTermId } from "../currentTerm";
import { Button, ErrorBanner, Field, SelectMenu, TextField } from "../components/ui";
import { errorText, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { chooseFolder } from "../platform";
import { listClasses } from "../queries";
import { useAbilities } from "../session";

type ScopeKind = PrintScope["kind"];

/** The folder a file is in. */
const folderOf = (file: string) => file.replace(/[\\/][^\\/]*$/, "");

/** How often a running job is asked how far it is. */
const POLL_MS = 300;

export function PrintScreen() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const can = useAbilities();
  const terms = useQuery({ queryKey: queryKeys.terms, queryFn: commands.terms_list });
  const years = useQuery({ queryKey: queryKeys.years, queryFn: commands.years_list });
  const classes = useQuery({ queryKey: queryKeys.classes, queryFn: listClasses });
  const folderDefault = useQuery({ queryKey: ["print-folder"], queryFn: commands.print_folder_default, staleTime: Infinity });

  const current = years.data?.find((y) => y.data.is_current);
  const termChoices = useMemo(
    () => (terms.data ?? []).filter((x) => !current || x.data.academic_year_id === current.id).sort((a, b) => a.data.number - b.data.number),
    [terms.data, current],
  );
  // A homeroom teacher prints their own classes; an administrator any.
  const classChoices = useMemo(
    () => (classes.data ?? []).filter((c) => (!current || c.data.academic_year_id === current.id) && (can.manage_directory || can.edit_classes.includes(c.id))),
    [classes.data, current, can],
  );
  const grades = useMemo(() => [...new Set(classChoices.map((c) => c.data.grade_level))].sort((a, b) => a - b), [classChoices]);

  // What the user chose; until then the first of each list.
  const [chosenTerm, setTermId] = useState("");
  const currentTerm = useCurrentTermId();
  const [kind, setKind] = useState<ScopeKind>("class");
  const [chosenClass, setClassId] = useState("");
  const [chosenGrade, setGrade] = useState("");
  const [chosenStudent, setStudentId] = useState("");
  const [settings, setSettings] = useState<PrintSettings>({
    language: lang,
    layout: "rapor",
    paper: "A4",
    letterhead_mm: null,
    place: "",
    allow_incomplete: false,
  });
  const [chosenFolder, setFolder] = useState<string | null>(null);
  const [combined, setCombined] = useState(true);
  const [perStudent, setPerStudent] = useState(false);
  const [job, setJob] = useState<PrintJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [previewing, setPreviewing] = useState(false);
  const timer = useRef<number | null>(null);

  const termId = termToShow(termChoices.map((x) => x.id), chosenTerm, currentTerm) ?? "";
  const classId = classChoices.some((c) => c.id === chosenClass) ? chosenClass : (classChoices[0]?.id ?? "");
  const grade = grades.map(String).includes(chosenGrade) ? chosenGrade : grades.length ? String(grades[0]) : "";
  const folder = chosenFolder ?? folderDefault.data ?? "";

  useEffect(
    () => () => {
      if (timer.current) window.clearTimeout(timer.current);
    },
    [],
  );

  const roster = useQuery({
    queryKey: [...queryKeys.rosters, classId],
    queryFn: () => commands.class_roster(classId),
    enabled: !!classId && (kind === "student" || kind === "class"),
  });
  const students = roster.data ?? [];
  const studentId = students.some((x) => x.id === chosenStudent) ? chosenStudent : (students[0]?.id ?? "");

  const scope = (): PrintScope | null => {
    switch (kind) {
      case "class":
        return classId ? { kind, class_id: classId } : null;
      case "grade":
        return grade ? { kind, grade_level: Number(grade) } : null;
      case "all":
        return { kind };
      case "student":
        return studentId ? { kind, student_id: studentId } : null;
    }
  };

  const poll = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const next = await commands.print_job(id);
        setJob(next);
        if (!next.finished) poll(id);
      } catch (e) {
        setError(e);
      }
    }, POLL_MS);
  };

  const start = async () => {
    const s = scope();
    if (!s || !termId) return;
    setError(null);
    setJob(null);
    try {
      const id = await commands.print_start(termId, s, settings, { folder, combined, per_student: perStudent });
      setJob({ id, done: 0, total: 0, finished: false, cancelled: false, error: null, files: [], drafts: 0, template_problems: [] });
      poll(id);
    } catch (e) {
      setError(e);
    }
  };

  const preview = async () => {
    if (!studentId || !termId) return;
    setError(null);
    setPreviewing(true);
    try {
      await commands.print_preview(termId, studentId, settings);
    } catch (e) {
      setError(e);
    } finally {
      setPreviewing(false);
    }
  };

  const chooseOtherFolder = async () => {
    const chosen = await chooseFolder(folder);
    if (chosen) setFolder(chosen);
  };

  const running = !!job && !job.finished;
  const failed = terms.error ?? classes.error ?? years.error;
  const percent = job && job.total ? Math.round((100 * job.done) / job.total) : 0;
  const set = <K extends keyof PrintSettings>(key: K, value: PrintSettings[K]) => setSettings((s) => ({ ...s, [key]: value }));

  return (
    <section className="card print-screen" data-testid="print-screen">
      <h1>{t("print_title")}</h1>
      <p className="muted">{t("print_intro")}</p>
      {failed ? <ErrorBanner text={errorText(i18n, failed)} /> : null}
      <div className="form-grid">
        <SelectMenu label={t("print_term")}
            testId="print-term"
            value={termId}
            onChange={setTermId}
            options={termChoices.map((x) => ({ value: x.id, label: x.data.name }))}
          />
        <SelectMenu label={t("print_whose")}
            testId="print-scope"
            value={kind}
            onChange={(v) => setKind(v as ScopeKind)}
            options={[
              { value: "class", label: t("print_scope_class") },
              { value: "student", label: t("print_scope_student") },
              ...(can.manage_directory
                ? [
                    { value: "grade", label: t("print_scope_grade") },
                    { value: "all", label: t("print_scope_all") },
                  ]
                : []),
            ]}
          />
        {kind === "class" || kind === "student" ? (
          <SelectMenu label={t("print_class")} testId="print-class" value={classId} onChange={setClassId} options={classChoices.map((c) => ({ value: c.id, label: c.data.name }))} />
        ) : null}
        {kind === "grade" ? (
          <SelectMenu label={t("print_grade")} testId="print-grade" value={grade} onChange={setGrade} options={grades.map((g) => ({ value: String(g), label: String(g) }))} />
        ) : null}
        {kind === "student" || kind === "class" ? (
          <SelectMenu label={kind === "student" ? t("print_student") : t("print_preview_student")}
              testId="print-student"
              value={studentId}
              onChange={setStudentId}
              options={(roster.data ?? []).map((s) => ({ value: s.id, label: `${s.data.full_name} (${s.data.nis})` }))}
            />
        ) : null}
        <SelectMenu label={t("print_layout")}
            testId="print-layout"
            value={settings.layout}
            onChange={(v) => set("layout", v)}
            options={[
              { value: "rapor", label: t("print_layout_rapor") },
              { value: "report", label: t("print_layout_report") },
            ]}
          />
        <SelectMenu label={t("print_language")}
            testId="print-language"
            value={settings.language}
            onChange={(v) => set("language", v)}
            options={[
              { value: "id", label: "Bahasa Indonesia" },
              { value: "en", label: "English" },
            ]}
          />
        <SelectMenu label={t("print_paper")}
            testId="print-paper"
            value={settings.paper}
            onChange={(v) => set("paper", v)}
            options={[
              { value: "A4", label: "A4" },
              { value: "F4", label: t("print_paper_f4") },
              { value: "Letter", label: "Letter" },
            ]}
          />
        <Field label={t("print_place")} hint={t("print_place_hint")}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} data-testid="print-place" value={settings.place} onChange={(e) => set("place", e.target.value)} />}
        </Field>
        <Field label={t("print_letterhead")} hint={t("print_letterhead_hint")}>
          {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            data-testid="print-letterhead"
            type="number"
            min={0}
            max={150}
            placeholder={t("print_letterhead_none")}
            value={settings.letterhead_mm ?? ""}
            onChange={(e) => set("letterhead_mm", e.target.value === "" ? null : Math.round(Number(e.target.value)))}
          />
          )}
        </Field>
        <label className="check">
          <input type="checkbox" data-testid="print-incomplete" checked={settings.allow_incomplete} onChange={(e) => set("allow_incomplete", e.target.checked)} />
          {t("print_allow_incomplete")}
        </label>
      </div>

      <h2>{t("print_where")}</h2>
      <div className="form-grid">
        <Field label={t("print_folder")}>
          {(id) => (
            <div className="row">
              <input id={id} data-testid="print-folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
              <Button onClick={chooseOtherFolder}>{t("print_choose_folder")}</Button>
            </div>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" data-testid="print-combined" checked={combined} onChange={(e) => setCombined(e.target.checked)} />
          {t("print_combined")}
        </label>
        <label className="check">
          <input type="checkbox" data-testid="print-per-student" checked={perStudent} onChange={(e) => setPerStudent(e.target.checked)} />
          {t("print_per_student")}
        </label>
      </div>

      <div className="actions">
        <Button onClick={preview} busy={previewing} disabled={running || !studentId || !(kind === "student" || kind === "class")} data-testid="print-preview">
          {t("print_preview")}
        </Button>
        <Button variant="primary" onClick={start} disabled={running || !termId || !scope() || !folder.trim() || !(combined || perStudent)} data-testid="print-start">
          {t("print_start")}
        </Button>
      </div>

      {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}

      {job ? (
        <div className="print-job" data-testid="print-job" aria-live="polite">
          {!job.finished ? (
            <>
              <progress max={100} value={percent} aria-label={t("print_progress")} />
              <span>{t("print_progress_n", { done: job.done, total: job.total })}</span>
              <Button onClick={() => commands.print_cancel(job.id)} data-testid="print-cancel">
                {t("cancel")}
              </Button>
            </>
          ) : job.error ? (
            <ErrorBanner text={errorText(i18n, job.error)} />
          ) : job.cancelled ? (
            <p data-testid="print-cancelled">{t("print_cancelled", { count: job.files.length })}</p>
          ) : (
            <div data-testid="print-done">
              <p>{t("print_done", { count: job.files.length })}</p>
              {job.drafts > 0 ? <p className="warn">{t("print_drafts", { count: job.drafts })}</p> : null}
              {job.template_problems.length ? <p className="warn">{t("print_template_problems", { problems: job.template_problems.join("; ") })}</p> : null}
              <ul className="files">
                {job.files.slice(0, 5).map((f) => (
                  <li key={f} data-testid="print-file">
                    {f}
                  </li>
                ))}
                {job.files.length > 5 ? <li>{t("print_more_files", { count: job.files.length - 5 })}</li> : null}
              </ul>
              <Button onClick={() => commands.print_open(folderOf(job.files[0] ?? folder)).catch(setError)} data-testid="print-open-folder">
                {t("print_open_folder")}
              </Button>
            </div>
          )}
        </div>
      ) : null}
      <CardCheckPanel />
    </section>
  );
}

/** Checks a printed card's QR text against the records (the server's
 * `verify_card`): whose card, and whether its grades are still the school's. */
function CardCheckPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const [code, setCode] = useState("");
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<CardCheck | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const check = async () => {
    setChecking(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await commands.card_verify(code));
    } catch (e) {
      setFailure(e);
    } finally {
      setChecking(false);
    }
  };
  return (
    <form
      className="print-check"
      data-testid="card-check"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) void check();
      }}
    >
      <h2>{t("pc_title")}</h2>
      <TextField label={t("pc_code")} hint={t("pc_hint")} value={code} onChange={setCode} testId="card-check-code" />
      <Button type="submit" busy={checking} disabled={!code.trim()} data-testid="card-check-run">
        {t("pc_check")}
      </Button>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {result ? (
        <div role="status" data-testid="card-check-result" className={result.matches ? "" : "warn"}>
          <p>{t(result.matches ? "pc_matches" : "pc_differs", { student: result.student, nisn: result.nisn, class: result.class, term: result.term, year: result.year })}</p>
          {result.approved ? null : <p className="muted">{t("pc_draft")}</p>}
        </div>
      ) : null}
    </form>
  );
}
