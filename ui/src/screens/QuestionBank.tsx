// The question bank (*bank soal*, issue 13, helper "qbui"): teachers see
// their own subjects' questions, the curriculum office the whole bank.
// Full-text search with filters (subject, grade, type, difficulty, tags,
// status) by the app's search; a list to pick from; the review status of
// many questions moved at once (the office); a question opened in the
// editor; the import of GIFT, Moodle XML, QTI and Aiken files with a
// preview that writes nothing until it is confirmed; and exam papers from
// blueprints (qbank/Papers.tsx).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { commands, QbImportPreview, QbRow, QbScope, QbSearch } from "../bindings";
import { PanelForm, useSave } from "../components/PanelForm";
import { Button, EmptyState, ErrorBanner, FilePicker, Spinner, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { readUpload } from "../platform";
import { DIFFICULTIES, KINDS, parseTags, STATUSES } from "../qbank/model";
import { PapersPanel } from "../qbank/Papers";
import { QuestionEditor } from "../qbank/QuestionEditor";
import "../qbank/qbank.css";

export const qbKeys = {
  all: ["qbank"],
  scope: ["qbank", "scope"],
  search: (s: QbSearch) => ["qbank", "search", s],
};

type Tab = "questions" | "import" | "papers";

/** The file formats by their own names (the same in every language). */
const FORMAT_NAMES: Record<string, string> = { gift: "GIFT", moodle_xml: "Moodle XML", qti: "QTI 2.1", aiken: "Aiken" };

export function QuestionBankScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const scope = useQuery({ queryKey: qbKeys.scope, queryFn: commands.qbank_scope });
  const [tab, setTab] = useState<Tab>("questions");
  // null: the list; "": a new question; an id: that question.
  const [editing, setEditing] = useState<string | null>(null);

  if (scope.error) return <ErrorBanner text={errorText(i18n, scope.error)} onRetry={() => scope.refetch()} />;
  if (!scope.data) return <Spinner />;
  if (editing !== null)
    return (
      <QuestionEditor
        scope={scope.data}
        questionId={editing || null}
        onClose={(changed) => {
          if (changed) void client.invalidateQueries({ queryKey: qbKeys.all });
          setEditing(null);
        }}
      />
    );
  return (
    <section className="screen qb-screen" data-testid="qbank">
      <header className="screen-head">
        <h1 tabIndex={-1}>{t("qb_title")}</h1>
        <div className="qb-row">
          <div className="qb-tabs" role="tablist">
            {(["questions", "import", "papers"] as Tab[]).map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className={`qb-tab ${tab === k ? "qb-tab-on" : ""}`} onClick={() => setTab(k)} data-testid={`qb-tab-${k}`}>
                {t(`qb_tab_${k}` as Key)}
              </button>
            ))}
          </div>
          {scope.data.writable.length ? (
            <Button variant="primary" onClick={() => setEditing("")} data-testid="qb-new">
              {t("qb_new")}
            </Button>
          ) : null}
        </div>
      </header>
      {tab === "questions" ? <QuestionList scope={scope.data} onOpen={setEditing} /> : null}
      {tab === "import" ? <QuestionImport scope={scope.data} onDone={() => void client.invalidateQueries({ queryKey: qbKeys.all })} /> : null}
      {tab === "papers" ? <PapersPanel scope={scope.data} /> : null}
    </section>
  );
}

const emptySearch: QbSearch = { text: "", subject_id: null, grade_level: null, kind: null, difficulty: null, tags: [], status: null, limit: 200 };

function QuestionList({ scope, onOpen }: { scope: QbScope; onOpen: (id: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const [search, setSearch] = useState<QbSearch>(emptySearch);
  const [tagsText, setTagsText] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState("reviewed");
  const [bulkBusy, setBulkBusy] = useState(false);
  const [bulkProblems, setBulkProblems] = useState<string[]>([]);
  const [bulkTag, setBulkTag] = useState("");
  const [moveTo, setMoveTo] = useState("");
  const { save: write, saving: moving, error: moveError } = useSave([qbKeys.all]);
  const selecting = scope.review || scope.writable.length > 0;
  const asked = { ...search, tags: parseTags(tagsText) };
  const found = useQuery({ queryKey: qbKeys.search(asked), queryFn: () => commands.qbank_search(asked), placeholderData: (previous) => previous });
  const subjectName = (id: string) => scope.subjects.find((s) => s.id === id)?.data.name ?? "";
  const put = (change: Partial<QbSearch>) => setSearch((s) => ({ ...s, ...change }));
  const filter = (label: string, value: string | null, choices: { value: string; label: string }[], onChange: (v: string | null) => void, testId: string) => (
    <label className="qb-inline-field">
      <span>{label}</span>
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        <option value="">{t("filter_all")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
  const rows = found.data ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const moveStatus = async () => {
    setBulkBusy(true);
    setBulkProblems([]);
    const problems: string[] = [];
    let moved = 0;
    for (const row of rows.filter((r) => selected.has(r.id))) {
      if (row.status === bulkStatus) continue;
      try {
        await commands.qbank_set_status(row.id, row.version, bulkStatus);
        moved++;
      } catch (e) {
        problems.push(`${row.name}: ${errorText(i18n, e)}`);
      }
    }
    setBulkProblems(problems);
    setBulkBusy(false);
    setSelected(new Set());
    toast(t("qb_bulk_moved", { count: moved }));
    void client.invalidateQueries({ queryKey: qbKeys.all });
  };

  // Tags are part of the question: each is added by an edit, which puts
  // it back to draft (and gives an approved one its next version).
  const addTags = async () => {
    const tags = parseTags(bulkTag);
    if (!tags.length) return;
    setBulkBusy(true);
    setBulkProblems([]);
    const problems: string[] = [];
    let tagged = 0;
    for (const row of rows.filter((r) => selected.has(r.id))) {
      try {
        const opened = await commands.qbank_open(row.id);
        const q = opened.question;
        const merged = [...new Set([...q.meta.tags, ...tags])];
        if (merged.length === q.meta.tags.length) continue;
        await commands.qbank_save(row.id, opened.row.version, row.subject_id, { ...q, meta: { ...q.meta, tags: merged } }, []);
        tagged++;
      } catch (e) {
        problems.push(`${row.name}: ${errorText(i18n, e)}`);
      }
    }
    setBulkProblems(problems);
    setBulkBusy(false);
    setBulkTag("");
    toast(t("qb_bulk_tagged", { count: tagged }));
    void client.invalidateQueries({ queryKey: qbKeys.all });
  };

  // Moved all or nothing by the app (both subjects must be the user's;
  // a passage moves with all its questions).
  const moveSubject = moveTo || scope.writable[0] || "";
  const moveQuestions = async () => {
    const items = rows.filter((r) => selected.has(r.id) && r.subject_id !== moveSubject).map((r) => ({ id: r.id, version: r.version }));
    if (!items.length || !moveSubject) return;
    const done = await write(() => commands.qbank_move(items, moveSubject));
    if (!done) return;
    setSelected(new Set());
    toast(t("qb_bulk_moved_subject", { count: done.value.length }));
  };

  return (
    <div className="panel qb-list-panel">
      <div className="toolbar qb-filters">
        <input className="search" type="search" placeholder={t("qb_search_hint")} aria-label={t("search")} value={search.text} onChange={(e) => put({ text: e.target.value })} data-testid="qb-search" />
        {filter(t("qb_subject"), search.subject_id, scope.subjects.map((s) => ({ value: s.id, label: s.data.name })), (subject_id) => put({ subject_id }), "qb-filter-subject")}
        {filter(t("qb_grade"), search.grade_level === null ? null : String(search.grade_level), Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })), (v) => put({ grade_level: v === null ? null : Number(v) }), "qb-filter-grade")}
        {filter(t("qb_type"), search.kind, KINDS.map((k) => ({ value: k, label: t(`qb_kind_${k}` as Key) })), (kind) => put({ kind }), "qb-filter-kind")}
        {filter(t("qb_difficulty"), search.difficulty, DIFFICULTIES.map((d) => ({ value: d, label: t(`qb_difficulty_${d}` as Key) })), (difficulty) => put({ difficulty }), "qb-filter-difficulty")}
        {filter(t("qb_status"), search.status, STATUSES.map((s) => ({ value: s, label: t(`qb_status_${s}` as Key) })), (status) => put({ status }), "qb-filter-status")}
        <label className="qb-inline-field">
          <span>{t("qb_tags")}</span>
          <input value={tagsText} onChange={(e) => setTagsText(e.target.value)} placeholder={t("qb_tags_hint")} data-testid="qb-filter-tags" />
        </label>
        <span className="count" data-testid="qb-count">
          {t("rows_count", { count: rows.length })}
        </span>
      </div>
      {selecting && selected.size ? (
        <div className="toolbar qb-bulk" data-testid="qb-bulk">
          <span>{t("qb_selected", { count: selected.size })}</span>
          {scope.review ? (
            <>
              <label className="qb-inline-field">
                <span>{t("qb_bulk_status")}</span>
                <select value={bulkStatus} onChange={(e) => setBulkStatus(e.target.value)} data-testid="qb-bulk-status">
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`qb_status_${s}` as Key)}
                    </option>
                  ))}
                </select>
              </label>
              <Button onClick={() => void moveStatus()} busy={bulkBusy} data-testid="qb-bulk-apply">
                {t("qb_bulk_apply")}
              </Button>
            </>
          ) : null}
          <label className="qb-inline-field" title={t("qb_bulk_tag_hint")}>
            <span>{t("qb_bulk_tag")}</span>
            <input value={bulkTag} onChange={(e) => setBulkTag(e.target.value)} placeholder={t("qb_tags_hint")} data-testid="qb-bulk-tag" />
          </label>
          <Button onClick={() => void addTags()} busy={bulkBusy} disabled={!parseTags(bulkTag).length} data-testid="qb-bulk-tag-apply">
            {t("qb_bulk_tag_apply")}
          </Button>
          <span className="hint">{t("qb_bulk_tag_hint")}</span>
          {scope.writable.length ? (
            <>
              <label className="qb-inline-field" title={t("qb_bulk_move_hint")}>
                <span>{t("qb_bulk_move")}</span>
                <select value={moveSubject} onChange={(e) => setMoveTo(e.target.value)} data-testid="qb-bulk-move-subject">
                  {scope.subjects
                    .filter((s) => scope.writable.includes(s.id))
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.data.name}
                      </option>
                    ))}
                </select>
              </label>
              <Button onClick={() => void moveQuestions()} busy={moving} disabled={bulkBusy} data-testid="qb-bulk-move-apply">
                {t("qb_bulk_move_apply")}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {moveError ? <ErrorBanner text={errorText(i18n, moveError)} /> : null}
      {bulkProblems.length ? (
        <div className="banner banner-error" role="alert" data-testid="qb-bulk-problems">
          <ul>
            {bulkProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {found.error ? <ErrorBanner text={errorText(i18n, found.error)} onRetry={() => found.refetch()} /> : null}
      {!found.data && !found.error ? <Spinner /> : null}
      {found.data && rows.length === 0 ? <EmptyState title={t("qb_none_found")} hint={t("qb_none_found_hint")} /> : null}
      {rows.length ? (
        <table className="qb-list" data-testid="qb-list">
          <thead>
            <tr>
              {selecting ? (
                <th>
                  <input
                    type="checkbox"
                    aria-label={t("qb_select_all")}
                    checked={selected.size > 0 && rows.every((r) => selected.has(r.id))}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  />
                </th>
              ) : null}
              <th>{t("qb_name")}</th>
              <th>{t("qb_subject")}</th>
              <th>{t("qb_type")}</th>
              <th>{t("qb_grade")}</th>
              <th>{t("qb_difficulty")}</th>
              <th>{t("qb_tags")}</th>
              <th>{t("qb_status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r: QbRow) => (
              <tr key={r.id} data-testid="qb-row">
                {selecting ? (
                  <td>
                    <input type="checkbox" aria-label={t("qb_select", { name: r.name })} checked={selected.has(r.id)} onChange={() => toggle(r.id)} data-testid="qb-row-select" />
                  </td>
                ) : null}
                <td>
                  <button type="button" className="link" onClick={() => onOpen(r.id)} data-testid="qb-row-open">
                    {r.name || t("qb_unnamed")}
                  </button>
                </td>
                <td>{subjectName(r.subject_id)}</td>
                <td>{t(`qb_kind_${r.kind}` as Key)}</td>
                <td>{r.grade_level ?? ""}</td>
                <td>{r.difficulty ? t(`qb_difficulty_${r.difficulty}` as Key) : ""}</td>
                <td>{r.tags.join(", ")}</td>
                <td>
                  <span className={`qb-status qb-status-${r.status}`}>{t(`qb_status_${r.status}` as Key)}</span> <span className="muted">v{r.current_version}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** Where a problem of an import file is, in words. */
function placeText(t: ReturnType<typeof useI18n>["t"], p: QbImportPreview["problems"][number]): string {
  if (p.element && p.line !== null) return t("qb_place_element", { element: p.element, line: p.line });
  if (p.line !== null) return t("qb_place_line", { line: p.line });
  if (p.field) return p.field;
  return t("qb_place_file");
}

function QuestionImport({ scope, onDone }: { scope: QbScope; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const writable = scope.subjects.filter((s) => scope.writable.includes(s.id));
  const [subjectId, setSubjectId] = useState(writable[0]?.id ?? "");
  const [grade, setGrade] = useState<number | null>(null);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [preview, setPreview] = useState<QbImportPreview | null>(null);
  const [skip, setSkip] = useState(true);
  // The preview writes nothing (nothing to refresh); the confirm refreshes the bank.
  const reading = useSave([]);
  const confirming = useSave([qbKeys.all]);
  const busy = reading.saving || confirming.saving;
  const failure = confirming.error ?? reading.error;

  const read = async (chosen: { name: string; bytes: Uint8Array }, subject = subjectId, level = grade) => {
    setPreview(null);
    confirming.setError(null);
    const done = await reading.save(() => commands.qbank_import_preview(chosen.bytes, subject, level));
    if (done) setPreview(done.value);
  };
  const choose = async (f: File | undefined) => {
    if (!f) return;
    const chosen = await reading.save(async () => ({ name: f.name, bytes: await readUpload(f) }));
    if (!chosen) return;
    setFile(chosen.value);
    await read(chosen.value);
  };
  const confirm = async () => {
    if (!file) return;
    const done = await confirming.save(() => commands.qbank_import_confirm(file.bytes, subjectId, grade, skip));
    if (!done) return;
    toast(t("qb_import_done", { added: done.value.added, skipped: done.value.skipped }));
    setPreview(null);
    setFile(null);
    onDone();
  };
  const duplicates = preview?.questions.filter((q) => q.duplicate).length ?? 0;
  // The XLSX template for bulk entry, written to the documents folder.
  const saveTemplate = async () => {
    const done = await reading.save(() => commands.qbank_template_save(i18n.lang));
    if (done) toast(t("qb_import_template_saved", { path: done.value }));
  };

  if (!writable.length) return <EmptyState title={t("qb_import_none")} />;
  return (
    <PanelForm className="qb-import" onSubmit={confirm} testId="qb-import">
      <p className="hint">{t("qb_import_intro")}</p>
      <div className="qb-row">
        <label className="qb-inline-field">
          <span>{t("qb_subject")}</span>
          <select
            value={subjectId}
            onChange={(e) => {
              setSubjectId(e.target.value);
              if (file) void read(file, e.target.value, grade);
            }}
            data-testid="qb-import-subject"
          >
            {writable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.data.name}
              </option>
            ))}
          </select>
        </label>
        <label className="qb-inline-field">
          <span>{t("qb_import_grade")}</span>
          <select
            value={grade ?? ""}
            onChange={(e) => {
              const g = e.target.value ? Number(e.target.value) : null;
              setGrade(g);
              if (file) void read(file, subjectId, g);
            }}
          >
            <option value="">{t("none")}</option>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
        <FilePicker label={t("qb_import_file")} accept=".gift,.txt,.xml,.zip,.xlsx" fileName={file?.name} onChoose={(f) => void choose(f)} testId="qb-import-file" />
        <Button onClick={() => void saveTemplate()} data-testid="qb-import-template">
          {t("qb_import_template")}
        </Button>
      </div>
      {busy ? <Spinner /> : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      {preview ? (
        <div data-testid="qb-import-preview">
          <p>
            {t("qb_import_summary", { format: FORMAT_NAMES[preview.format] ?? preview.format, count: preview.questions.length, problems: preview.problems.length, images: preview.new_images, stimuli: preview.stimuli })}
          </p>
          {preview.problems.length ? (
            <div className="banner banner-warn" data-testid="qb-import-problems">
              <div>
                <strong>{t("qb_import_problems")}</strong>
                <ul>
                  {preview.problems.map((p, i) => (
                    <li key={i} data-testid="qb-import-problem">
                      <strong>{placeText(t, p)}</strong>: {p.message}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          {preview.questions.length ? (
            <table className="qb-list">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t("qb_type")}</th>
                  <th>{t("qb_name")}</th>
                  <th>{t("qb_stem")}</th>
                  <th>{t("qb_duplicate")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.questions.map((q) => (
                  <tr key={q.position} data-testid="qb-import-question">
                    <td>{q.position}</td>
                    <td>{t(`qb_kind_${q.kind}` as Key)}</td>
                    <td>{q.name}</td>
                    <td className="qb-stem-cell">{q.stem}</td>
                    <td>
                      {q.duplicate
                        ? q.duplicate.position !== null
                          ? t("qb_duplicate_in_file", { position: q.duplicate.position, likeness: q.duplicate.likeness })
                          : t("qb_duplicate_near", { name: q.duplicate.name ?? "", likeness: q.duplicate.likeness })
                        : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="qb-row qb-actions">
            {duplicates ? (
              <label>
                <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="qb-import-skip" /> {t("qb_import_skip", { count: duplicates })}
              </label>
            ) : null}
            <Button variant="primary" type="submit" busy={busy} disabled={!preview.questions.length} data-testid="qb-import-confirm">
              {t("qb_import_confirm", { count: preview.questions.length - (skip ? duplicates : 0) })}
            </Button>
          </div>
        </div>
      ) : null}
    </PanelForm>
  );
}
