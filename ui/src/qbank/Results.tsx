// A marked paper's results and item analysis (issue 13 item 7 on screen).
// The teacher saves the class's results file (XLSX: a row per student with
// NIS and name; the variant and each question's answer to fill in), reads
// it back for a preview — every student's score, or every bad row and cell
// named, nothing stored — and stores it on confirmation; the item analysis
// then shows each question's difficulty index p (mudah / sedang / sukar),
// discrimination D with its band, point-biserial and distractor table, and
// the paper's KR-20 and Cronbach's alpha.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { commands, QbAnalysis, QbResults, UiRowProblem } from "../bindings";
import { Button, ErrorBanner, FilePicker, Spinner, useToast } from "../components/ui";
import { errorText, Key, problemText, useI18n } from "../i18n";
import { readUpload } from "../platform";

const analysisKey = (paperId: string) => ["qbank", "papers", "analysis", paperId];

const fixed = (x: number | null, digits = 2) => (x === null || Number.isNaN(x) ? "–" : x.toFixed(digits));

export function PaperResults({ paperId }: { paperId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const client = useQueryClient();
  const analysis = useQuery({ queryKey: analysisKey(paperId), queryFn: () => commands.qbank_analysis(paperId), retry: false });
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [negative, setNegative] = useState(false);
  const [preview, setPreview] = useState<QbResults | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    setFailure(null);
    try {
      await f();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };
  const read = (chosen: { name: string; bytes: Uint8Array }, negativeMarking: boolean) =>
    run("read", async () => {
      setPreview(null);
      setPreview(await commands.qbank_results_import(chosen.bytes, paperId, chosen.name, negativeMarking, true));
    });
  const choose = async (f: File | undefined) => {
    if (!f) return;
    const chosen = { name: f.name, bytes: await readUpload(f) };
    setFile(chosen);
    await read(chosen, negative);
  };
  const confirm = () =>
    run("store", async () => {
      if (!file) return;
      const stored = await commands.qbank_results_import(file.bytes, paperId, file.name, negative, false);
      toast(t("qr_stored", { count: stored.students.length }));
      setPreview(null);
      setFile(null);
      await client.invalidateQueries({ queryKey: analysisKey(paperId) });
    });
  const template = () =>
    run("template", async () => {
      const path = await commands.qbank_results_template(paperId, i18n.lang);
      toast(t("qr_template_saved", { path }));
    });
  const rows = ((failure as { rows?: UiRowProblem[] } | null)?.rows ?? []).filter(Boolean);

  return (
    <fieldset className="qb-meta" data-testid="qr-results">
      <legend>{t("qr_title")}</legend>
      <p className="hint">{t("qr_intro")}</p>
      <div className="qb-row">
        <Button onClick={() => void template()} busy={busy === "template"} data-testid="qr-template">
          {t("qr_template")}
        </Button>
        <FilePicker label={t("qr_file")} accept=".csv,.xlsx" fileName={file?.name} onChoose={(f) => void choose(f)} testId="qr-file" />
        <label>
          <input
            type="checkbox"
            checked={negative}
            onChange={(e) => {
              setNegative(e.target.checked);
              if (file) void read(file, e.target.checked);
            }}
            data-testid="qr-negative"
          />{" "}
          {t("qr_negative")}
        </label>
      </div>
      {busy === "read" ? <Spinner /> : null}
      {failure ? (
        <div className="banner banner-error" role="alert" data-testid="qr-problems">
          <div>
            <strong>{errorText(i18n, failure)}</strong>
            {rows.length ? (
              <ul>
                {rows.map((r, i) => (
                  <li key={i} data-testid="qr-problem">
                    {t("qr_place", { row: r.row, column: r.column || "–" })}: {problemText(i18n, r)}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}
      {preview ? (
        <div data-testid="qr-preview">
          <p>{t("qr_preview_summary", { count: preview.students.length, max: preview.max_score })}</p>
          <table className="qb-list">
            <thead>
              <tr>
                <th>{t("qr_row")}</th>
                <th>NIS</th>
                <th>{t("qr_name")}</th>
                <th>{t("qr_variant")}</th>
                <th>{t("qr_score")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.students.map((s) => (
                <tr key={s.row} data-testid="qr-student">
                  <td>{s.row}</td>
                  <td>{s.nis}</td>
                  <td>{s.name}</td>
                  <td>{s.variant}</td>
                  <td>
                    {s.score} / {preview.max_score}
                    {s.replaces ? <span className="hint"> · {t("qr_replaces")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="qb-row qb-actions">
            <Button variant="primary" onClick={() => void confirm()} busy={busy === "store"} disabled={!preview.students.length} data-testid="qr-confirm">
              {t("qr_confirm", { count: preview.students.length })}
            </Button>
          </div>
        </div>
      ) : null}
      <AnalysisTable analysis={analysis.data ?? null} error={analysis.error} />
    </fieldset>
  );
}

function AnalysisTable({ analysis, error }: { analysis: QbAnalysis | null; error: unknown }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (error) {
    const none = (error as { fields?: { code?: string }[] }).fields?.some((f) => f.code === "results_none");
    return none ? <p className="hint" data-testid="qr-no-results">{t("qr_none")}</p> : <ErrorBanner text={errorText(i18n, error)} />;
  }
  if (!analysis) return <Spinner />;
  return (
    <div data-testid="qr-analysis">
      <h3>{t("qr_analysis")}</h3>
      <p data-testid="qr-summary">
        {t("qr_analysis_summary", { students: analysis.students, group: analysis.group_size, mean: fixed(analysis.mean_score), max: analysis.max_score, kr20: fixed(analysis.kr20), alpha: fixed(analysis.alpha) })}
      </p>
      <table className="qb-list">
        <thead>
          <tr>
            <th>#</th>
            <th>{t("qr_name")}</th>
            <th title={t("qr_p_hint")}>p</th>
            <th>{t("qr_difficulty")}</th>
            <th title={t("qr_d_hint")}>D</th>
            <th>{t("qr_discrimination")}</th>
            <th>r<sub>pbis</sub></th>
            <th>{t("qr_distractors")}</th>
          </tr>
        </thead>
        <tbody>
          {analysis.questions.map((q) => (
            <tr key={q.position} data-testid="qr-item">
              <td>{q.position}</td>
              <td>{q.name}</td>
              <td>{fixed(q.p)}</td>
              <td>{t(`qr_band_${q.difficulty}` as Key)}</td>
              <td>{fixed(q.d)}</td>
              <td>{t(`qr_band_${q.discrimination}` as Key)}</td>
              <td>{fixed(q.point_biserial)}</td>
              <td className="qr-options">
                {q.options.map((o) => (
                  <span key={o.letter} className={o.right ? "qr-right" : o.works === false ? "qr-idle" : undefined} title={t("qr_option_hint", { upper: o.upper, lower: o.lower })}>
                    {o.letter}
                    {o.right ? "*" : ""} {o.chosen}
                  </span>
                ))}
                {q.blank !== null && q.blank > 0 ? <span className="hint">{t("qr_blank", { count: q.blank })}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("qr_legend")}</p>
    </div>
  );
}
