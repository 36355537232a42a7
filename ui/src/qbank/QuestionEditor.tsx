// Writing and editing one question (issue 13, item 2): its type (every one
// of the model), the stem and choice options in the rich editor, options
// added, removed, moved, marked right and pinned; the answers of the other
// types; the metadata; review (draft → reviewed → approved) for the
// curriculum office; and a warning, before saving, of the subject's
// questions with the same or a near stem (the user may still save).
import { useEffect, useRef, useState } from "react";
import { commands, QbBody, QbDuplicate, QbNumericAnswer, QbOpened, QbQuestion, QbRichText, QbScope } from "../bindings";
import { Button, Dialog, ErrorBanner, Spinner, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { bodyOf, COGNITIVE, DIFFICULTIES, emptyOption, isRight, KINDS, LEVELS, markRight, moved, newQuestion, parseTags, QuestionKind, questionImageKeys } from "./model";
import { PastedImage, RichEditor } from "./RichEditor";
import { StimulusField } from "./Stimulus";
import { plainText, toPlain } from "./richText";

let nextUid = 1;
const uid = () => nextUid++;

/** Where a review step goes from each status. */
const NEXT: Record<string, { to: string; label: Key }[]> = {
  draft: [{ to: "reviewed", label: "qb_mark_reviewed" }],
  reviewed: [
    { to: "approved", label: "qb_approve" },
    { to: "draft", label: "qb_back_to_draft" },
  ],
  approved: [{ to: "draft", label: "qb_back_to_draft" }],
};

function listLength(b: QbBody): number {
  switch (b.type) {
    case "single_choice":
    case "multiple_response":
      return b.options.length;
    case "matching":
      return b.pairs.length;
    case "short_answer":
    case "numeric":
      return b.answers.length;
    case "essay":
      return b.rubric.length;
    case "true_false":
      return 0;
  }
}

export function QuestionEditor({ scope, questionId, onClose }: { scope: QbScope; questionId: string | null; onClose: (changed: boolean) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [opened, setOpened] = useState<QbOpened | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [images, setImages] = useState<Record<string, string> | null>(questionId ? null : {});
  const [question, setQuestion] = useState<QbQuestion>(() => newQuestion());
  const [subjectId, setSubjectId] = useState<string>(scope.writable[0] ?? "");
  const [uids, setUids] = useState<number[]>(() => question.body.type === "single_choice" ? [uid(), uid(), uid(), uid()] : []);
  // The editors start from these; bumped when the whole question is replaced.
  const [generation, setGeneration] = useState(0);
  const pasted = useRef<Record<string, PastedImage>>({});
  const [tagsText, setTagsText] = useState("");
  const [duplicates, setDuplicates] = useState<QbDuplicate[] | null>(null);
  const [saving, setSaving] = useState(false);
  // The preview as printed: the pages (SVG), and how they are laid out.
  const [preview, setPreview] = useState<{ pages: string[] | null; failure: unknown; columns: number; paper: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [changed, setChanged] = useState(false);

  const load = (o: QbOpened, urls: Record<string, string>) => {
    setOpened(o);
    setQuestion(o.question);
    setSubjectId(o.row.subject_id);
    setTagsText(o.question.meta.tags.join(", "));
    setUids(Array.from({ length: listLength(o.question.body) }, uid));
    setImages(urls);
    setGeneration((g) => g + 1);
  };

  useEffect(() => {
    if (!questionId) return;
    let live = true;
    (async () => {
      try {
        const o = await commands.qbank_open(questionId);
        const urls: Record<string, string> = {};
        for (const key of questionImageKeys(o.question)) urls[key] = await commands.qbank_image(key);
        if (live) load(o, urls);
      } catch (e) {
        if (live) setLoadError(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [questionId]);

  if (loadError) return <ErrorBanner text={errorText(i18n, loadError)} onRetry={() => onClose(false)} />;
  if (!images) return <Spinner />;

  const writable = scope.writable.includes(subjectId) || (!opened && scope.writable.length > 0);
  const b = question.body;
  const set = (change: Partial<QbQuestion>) => setQuestion((q) => ({ ...q, ...change }));
  const setBody = (body: QbBody) => setQuestion((q) => ({ ...q, body }));
  const setMeta = (change: Partial<QbQuestion["meta"]>) => setQuestion((q) => ({ ...q, meta: { ...q.meta, ...change } }));
  const onImage = (image: PastedImage) => {
    pasted.current[image.key] = image;
    setImages((m) => ({ ...(m ?? {}), [image.key]: image.src }));
  };
  const editor = (label: string, value: QbRichText, onChange: (v: QbRichText) => void, key: string, compact = true, testId?: string) => (
    <RichEditor key={`${generation}-${key}`} label={label} value={value} onChange={onChange} images={images} onImage={onImage} compact={compact} testId={testId} />
  );
  const opt = (v: string | null) => (v && v.trim() ? v : null);

  const changeKind = (kind: QuestionKind) => {
    const body = bodyOf(kind, b);
    setBody(body);
    const n = listLength(body);
    setUids((u) => (u.length === n ? u : Array.from({ length: n }, uid)));
    setGeneration((g) => g + 1);
  };

  // An option's text, by its place when the editor last drew it.
  const setOptionText = (i: number, text: QbRichText) =>
    setQuestion((q) => {
      const body = q.body;
      if (body.type !== "single_choice" && body.type !== "multiple_response") return q;
      return { ...q, body: { ...body, options: body.options.map((x, j) => (j === i ? { ...x, text } : x)) } };
    });

  const built = (): QbQuestion => {
    const name = question.name.trim() || toPlain(question.stem).replace(/\s+/gu, " ").slice(0, 60).trim();
    return { ...question, name, meta: { ...question.meta, tags: parseTags(tagsText) } };
  };

  const save = async (anyway: boolean) => {
    setSaving(true);
    setFailure(null);
    try {
      const q = built();
      if (!anyway) {
        const found = await commands.qbank_duplicates(subjectId, q, opened?.row.id ?? null);
        if (found.length) {
          setDuplicates(found);
          return;
        }
      }
      setDuplicates(null);
      const wanted = questionImageKeys(q);
      const newImages = wanted.filter((k) => pasted.current[k]).map((k) => ({ name: pasted.current[k].name, base64: pasted.current[k].base64 }));
      const saved = await commands.qbank_save(opened?.row.id ?? null, opened?.row.version ?? null, subjectId, q, newImages);
      pasted.current = {};
      setOpened(saved.opened);
      setQuestion(saved.opened.question);
      setChanged(true);
      toast(saved.new_version ? t("qb_saved_version", { version: saved.opened.row.current_version }) : t("saved"));
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const showPreview = async (columns: number, paper: string) => {
    setPreview({ pages: null, failure: null, columns, paper });
    try {
      const q = built();
      const wanted = questionImageKeys(q);
      const newImages = wanted.filter((k) => pasted.current[k]).map((k) => ({ name: pasted.current[k].name, base64: pasted.current[k].base64 }));
      const pages = await commands.qbank_print_preview(subjectId, opened?.row.id ?? null, q, newImages, { language: i18n.lang, columns, paper_size: paper });
      setPreview((p) => (p && p.columns === columns && p.paper === paper ? { ...p, pages } : p));
    } catch (e) {
      setPreview((p) => (p && p.columns === columns && p.paper === paper ? { ...p, failure: e } : p));
    }
  };

  const review = async (to: string) => {
    if (!opened) return;
    setFailure(null);
    try {
      const row = await commands.qbank_set_status(opened.row.id, opened.row.version, to);
      setOpened({ ...opened, row });
      setMeta({ status: row.status });
      setChanged(true);
      toast(t("qb_status_now", { status: t(`qb_status_${row.status}` as Key) }));
    } catch (e) {
      setFailure(e);
    }
  };

  const choiceOptions = () => {
    if (b.type !== "single_choice" && b.type !== "multiple_response") return null;
    const single = b.type === "single_choice";
    const right = b.options.map((o) => isRight(o.weight));
    const setOptions = (options: typeof b.options) => setBody({ ...b, options });
    return (
      <fieldset className="qb-options" data-testid="qb-options">
        <legend>{t("qb_options")}</legend>
        {b.options.map((o, i) => (
          <div className={`qb-option ${right[i] ? "qb-option-right" : ""}`} key={uids[i] ?? i} data-testid="qb-option">
            <span className="qb-option-letter">{String.fromCharCode(65 + i)}</span>
            {editor(t("qb_option_n", { letter: String.fromCharCode(65 + i) }), o.text, (text) => setOptionText(i, text), `opt-${uids[i] ?? i}`)}
            <div className="qb-option-tools">
              <label>
                <input
                  type={single ? "radio" : "checkbox"}
                  name={`right-${generation}`}
                  checked={right[i]}
                  onChange={(e) => setOptions(markRight(b.options, single ? b.options.map((_, j) => j === i) : right.map((r, j) => (j === i ? e.target.checked : r)), single))}
                  data-testid="qb-option-right"
                />{" "}
                {t("qb_right")}
              </label>
              <label title={t("qb_pin_hint")}>
                <input type="checkbox" checked={o.pinned} onChange={(e) => setOptions(b.options.map((x, j) => (j === i ? { ...x, pinned: e.target.checked } : x)))} data-testid="qb-option-pin" /> {t("qb_pin")}
              </label>
              <Button variant="ghost" aria-label={t("qb_move_up")} disabled={i === 0} onClick={() => {
                  // The option keeps its own editor (its uid) as it moves.
                  setUids((u) => moved(u, i, i - 1));
                  setOptions(moved(b.options, i, i - 1));
                }} data-testid="qb-option-up">
                ↑
              </Button>
              <Button variant="ghost" aria-label={t("qb_move_down")} disabled={i === b.options.length - 1} onClick={() => {
                  setUids((u) => moved(u, i, i + 1));
                  setOptions(moved(b.options, i, i + 1));
                }} data-testid="qb-option-down">
                ↓
              </Button>
              <Button
                variant="ghost"
                aria-label={t("qb_remove")}
                disabled={b.options.length <= 2}
                onClick={() => {
                  setUids((u) => u.filter((_, j) => j !== i));
                  setOptions(b.options.filter((_, j) => j !== i));
                }}
                data-testid="qb-option-remove"
              >
                ×
              </Button>
            </div>
          </div>
        ))}
        <div className="qb-row">
          <Button
            onClick={() => {
              setUids((u) => [...u, uid()]);
              setOptions([...b.options, emptyOption()]);
            }}
            data-testid="qb-option-add"
          >
            {t("qb_add_option")}
          </Button>
          <label>
            <input type="checkbox" checked={b.shuffle} onChange={(e) => setBody({ ...b, shuffle: e.target.checked })} /> {t("qb_shuffle")}
          </label>
        </div>
      </fieldset>
    );
  };

  const rows = <T,>(list: T[], render: (item: T, i: number) => React.ReactNode, add: () => T, setList: (l: T[]) => void, addLabel: Key, min = 1) => (
    <>
      {list.map((item, i) => (
        <div className="qb-answer" key={uids[i] ?? i} data-testid="qb-answer">
          {render(item, i)}
          <Button
            variant="ghost"
            aria-label={t("qb_remove")}
            disabled={list.length <= min}
            onClick={() => {
              setUids((u) => u.filter((_, j) => j !== i));
              setList(list.filter((_, j) => j !== i));
            }}
          >
            ×
          </Button>
        </div>
      ))}
      <Button
        onClick={() => {
          setUids((u) => [...u, uid()]);
          setList([...list, add()]);
        }}
        data-testid="qb-answer-add"
      >
        {t(addLabel)}
      </Button>
    </>
  );

  const input = (label: string, value: string, onChange: (v: string) => void, testId?: string, width = "") => (
    <label className={`qb-inline-field ${width}`}>
      <span>{label}</span>
      <input value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );

  const answers = () => {
    switch (b.type) {
      case "single_choice":
      case "multiple_response":
        return choiceOptions();
      case "true_false":
        return (
          <fieldset className="qb-options">
            <legend>{t("qb_true_false_answer")}</legend>
            <label>
              <input type="radio" name={`tf-${generation}`} checked={b.correct} onChange={() => setBody({ ...b, correct: true })} data-testid="qb-tf-true" /> {t("qb_true")}
            </label>
            <label>
              <input type="radio" name={`tf-${generation}`} checked={!b.correct} onChange={() => setBody({ ...b, correct: false })} data-testid="qb-tf-false" /> {t("qb_false")}
            </label>
          </fieldset>
        );
      case "matching":
        return (
          <fieldset className="qb-options">
            <legend>{t("qb_pairs")}</legend>
            <p className="hint">{t("qb_pairs_hint")}</p>
            {rows(
              b.pairs,
              (p, i) => (
                <>
                  {input(t("qb_prompt"), toPlain(p.prompt), (v) => setBody({ ...b, pairs: b.pairs.map((x, j) => (j === i ? { ...x, prompt: plainText(v) } : x)) }))}
                  {input(t("qb_match"), p.answer, (v) => setBody({ ...b, pairs: b.pairs.map((x, j) => (j === i ? { ...x, answer: v } : x)) }))}
                </>
              ),
              () => ({ prompt: [], answer: "" }),
              (pairs) => setBody({ ...b, pairs }),
              "qb_add_pair",
              2,
            )}
            <label>
              <input type="checkbox" checked={b.shuffle} onChange={(e) => setBody({ ...b, shuffle: e.target.checked })} /> {t("qb_shuffle")}
            </label>
          </fieldset>
        );
      case "short_answer":
        return (
          <fieldset className="qb-options">
            <legend>{t("qb_accepted_answers")}</legend>
            {rows(
              b.answers,
              (a, i) => (
                <>
                  {input(t("qb_answer"), a.text, (v) => setBody({ ...b, answers: b.answers.map((x, j) => (j === i ? { ...x, text: v } : x)) }))}
                  {input(t("qb_weight"), a.weight, (v) => setBody({ ...b, answers: b.answers.map((x, j) => (j === i ? { ...x, weight: v } : x)) }), undefined, "qb-narrow")}
                </>
              ),
              () => ({ text: "", weight: "100", feedback: [] }),
              (answers) => setBody({ ...b, answers }),
              "qb_add_answer",
            )}
            <label>
              <input type="checkbox" checked={b.case_sensitive} onChange={(e) => setBody({ ...b, case_sensitive: e.target.checked })} /> {t("qb_case_sensitive")}
            </label>
          </fieldset>
        );
      case "numeric":
        return (
          <fieldset className="qb-options">
            <legend>{t("qb_accepted_numbers")}</legend>
            {rows(
              b.answers,
              (a, i) => {
                const put = (accept: typeof a.accept) => setBody({ ...b, answers: b.answers.map((x, j) => (j === i ? { ...x, accept } : x)) });
                return (
                  <>
                    <label className="qb-inline-field">
                      <span>{t("qb_numeric_mode")}</span>
                      <select value={a.accept.kind} onChange={(e) => put(e.target.value === "range" ? { kind: "range", min: "0", max: "0" } : { kind: "tolerance", value: "0", tolerance: "0" })}>
                        <option value="tolerance">{t("qb_tolerance_mode")}</option>
                        <option value="range">{t("qb_range_mode")}</option>
                      </select>
                    </label>
                    {a.accept.kind === "tolerance" ? (
                      <>
                        {input(t("qb_value"), a.accept.value, (v) => a.accept.kind === "tolerance" && put({ ...a.accept, value: v }), undefined, "qb-narrow")}
                        {input(t("qb_tolerance"), a.accept.tolerance, (v) => a.accept.kind === "tolerance" && put({ ...a.accept, tolerance: v }), undefined, "qb-narrow")}
                      </>
                    ) : (
                      <>
                        {input(t("qb_min"), a.accept.min, (v) => a.accept.kind === "range" && put({ ...a.accept, min: v }), undefined, "qb-narrow")}
                        {input(t("qb_max"), a.accept.max, (v) => a.accept.kind === "range" && put({ ...a.accept, max: v }), undefined, "qb-narrow")}
                      </>
                    )}
                    {input(t("qb_weight"), a.weight, (v) => setBody({ ...b, answers: b.answers.map((x, j) => (j === i ? { ...x, weight: v } : x)) }), undefined, "qb-narrow")}
                  </>
                );
              },
              (): QbNumericAnswer => ({ accept: { kind: "tolerance", value: "0", tolerance: "0" }, weight: "100", feedback: [] }),
              (answers) => setBody({ ...b, answers }),
              "qb_add_answer",
            )}
          </fieldset>
        );
      case "essay":
        return (
          <fieldset className="qb-options">
            <legend>{t("qb_rubric")}</legend>
            <p className="hint">{t("qb_rubric_hint", { points: question.meta.points })}</p>
            {rows(
              b.rubric,
              (c, i) => (
                <>
                  {input(t("qb_criterion"), c.description, (v) => setBody({ ...b, rubric: b.rubric.map((x, j) => (j === i ? { ...x, description: v } : x)) }))}
                  {input(t("qb_points"), c.points, (v) => setBody({ ...b, rubric: b.rubric.map((x, j) => (j === i ? { ...x, points: v } : x)) }), undefined, "qb-narrow")}
                </>
              ),
              () => ({ description: "", points: "1" }),
              (rubric) => setBody({ ...b, rubric }),
              "qb_add_criterion",
              0,
            )}
            <label className="qb-inline-field qb-wide">
              <span>{t("qb_response_template")}</span>
              <textarea rows={2} value={b.response_template} onChange={(e) => setBody({ ...b, response_template: e.target.value })} />
            </label>
          </fieldset>
        );
    }
  };

  const m = question.meta;
  const select = (label: string, value: string | null, choices: readonly string[], word: (c: string) => string, onChange: (v: string | null) => void, testId?: string) => (
    <label className="qb-inline-field">
      <span>{label}</span>
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        <option value="">{t("none")}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {word(c)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="screen qb-edit" data-testid="qb-editor">
      <header className="screen-head">
        <h1 tabIndex={-1}>{opened ? t("qb_edit_title", { name: opened.row.name }) : t("qb_new_title")}</h1>
        <div className="qb-row">
          {opened ? (
            <span className={`qb-status qb-status-${opened.row.status}`} data-testid="qb-status">
              {t(`qb_status_${opened.row.status}` as Key)} · {t("qb_version_n", { version: opened.row.current_version })}
            </span>
          ) : null}
          <Button variant="ghost" onClick={() => onClose(changed)} data-testid="qb-back">
            {t("qb_back_to_bank")}
          </Button>
        </div>
      </header>
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
      <div className="panel qb-form">
        <div className="qb-row">
          <label className="qb-inline-field">
            <span>{t("qb_subject")}</span>
            <select value={subjectId} disabled={!!opened} onChange={(e) => setSubjectId(e.target.value)} data-testid="qb-subject">
              {scope.subjects
                .filter((s) => scope.writable.includes(s.id) || s.id === subjectId)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.data.name}
                  </option>
                ))}
            </select>
          </label>
          <label className="qb-inline-field">
            <span>{t("qb_type")}</span>
            <select value={b.type} onChange={(e) => changeKind(e.target.value as QuestionKind)} data-testid="qb-kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`qb_kind_${k}` as Key)}
                </option>
              ))}
            </select>
          </label>
          {input(t("qb_name"), question.name, (name) => set({ name }), "qb-name", "qb-wide")}
        </div>
        <StimulusField subjectId={subjectId} value={question.stimulus} onChange={(stimulus) => set({ stimulus })} writable={writable} />
        {editor(t("qb_stem"), question.stem, (stem) => set({ stem }), "stem", false, "qb-stem")}
        {answers()}
        <fieldset className="qb-meta">
          <legend>{t("qb_metadata")}</legend>
          <div className="qb-row">
            {select(t("qb_grade"), m.grade_level === null ? null : String(m.grade_level), Array.from({ length: 12 }, (_, i) => String(i + 1)), (c) => c, (v) => setMeta({ grade_level: v === null ? null : Number(v) }), "qb-grade")}
            {select(t("qb_difficulty"), m.difficulty, DIFFICULTIES, (c) => t(`qb_difficulty_${c}` as Key), (difficulty) => setMeta({ difficulty }), "qb-difficulty")}
            {select(t("qb_cognitive"), m.cognitive, COGNITIVE, (c) => c, (cognitive) => setMeta({ cognitive }))}
            {select(t("qb_level"), m.level, LEVELS, (c) => c, (level) => setMeta({ level }))}
            {input(t("qb_points"), m.points, (points) => setMeta({ points }), "qb-points", "qb-narrow")}
          </div>
          <div className="qb-row">
            {input(t("qb_outcome"), m.learning_outcome ?? "", (v) => setMeta({ learning_outcome: opt(v) }), undefined, "qb-wide")}
            {input(t("qb_objective"), m.objective ?? "", (v) => setMeta({ objective: opt(v) }), undefined, "qb-wide")}
          </div>
          <div className="qb-row">
            {input(t("qb_topic"), m.topic ?? "", (v) => setMeta({ topic: opt(v) }))}
            {input(t("qb_tags"), tagsText, setTagsText, "qb-tags", "qb-wide")}
            {input(t("qb_author"), m.author ?? "", (v) => setMeta({ author: opt(v) }))}
            {input(t("qb_source"), m.source ?? "", (v) => setMeta({ source: opt(v) }))}
          </div>
        </fieldset>
        {duplicates ? (
          <div className="banner banner-warn" role="alert" data-testid="qb-duplicates">
            <div>
              <strong>{t("qb_duplicates_title")}</strong>
              <ul>
                {duplicates.map((d, i) => (
                  <li key={d.id ?? i}>{d.likeness >= 100 ? t("qb_duplicate_same", { name: d.name ?? "" }) : t("qb_duplicate_near", { name: d.name ?? "", likeness: d.likeness })}</li>
                ))}
              </ul>
            </div>
            <Button onClick={() => void save(true)} busy={saving} data-testid="qb-save-anyway">
              {t("qb_save_anyway")}
            </Button>
          </div>
        ) : null}
        <div className="qb-row qb-actions">
          <Button variant="primary" onClick={() => void save(false)} busy={saving} disabled={!writable || !subjectId} data-testid="qb-save">
            {t("save")}
          </Button>
          {opened && scope.review
            ? NEXT[opened.row.status]?.map((n) => (
                <Button key={n.to} onClick={() => void review(n.to)} data-testid={`qb-to-${n.to}`}>
                  {t(n.label)}
                </Button>
              ))
            : null}
          <Button onClick={() => void showPreview(preview?.columns ?? 2, preview?.paper ?? "A4")} disabled={!subjectId} data-testid="qb-preview">
            {t("qb_preview_print")}
          </Button>
          {opened && opened.row.status === "approved" ? <span className="hint">{t("qb_edit_makes_version")}</span> : null}
        </div>
        {preview ? (
          <Dialog title={t("qb_preview_title")} onClose={() => setPreview(null)} wide testId="qb-preview-dialog">
            <div className="qb-row">
              <label>
                <span>{t("qb_preview_columns")}</span>
                <select value={preview.columns} onChange={(e) => void showPreview(Number(e.target.value), preview.paper)} data-testid="qb-preview-columns">
                  <option value={1}>1</option>
                  <option value={2}>2</option>
                </select>
              </label>
              <label>
                <span>{t("qb_preview_paper")}</span>
                <select value={preview.paper} onChange={(e) => void showPreview(preview.columns, e.target.value)} data-testid="qb-preview-paper">
                  <option value="A4">A4</option>
                  <option value="F4">F4</option>
                </select>
              </label>
            </div>
            <p className="hint">{t("qb_preview_hint")}</p>
            {preview.failure ? <ErrorBanner text={errorText(i18n, preview.failure)} /> : null}
            {!preview.pages && !preview.failure ? <Spinner /> : null}
            <div className="qb-preview-pages">
              {preview.pages?.map((svg, i) => (
                <img key={i} className="qb-preview-page" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t("qb_preview_page", { page: i + 1, pages: preview.pages?.length ?? 0 })} data-testid="qb-preview-page" />
              ))}
            </div>
          </Dialog>
        ) : null}
      </div>
    </section>
  );
}
