// The assessment scheme of a subject and term (issue 12, items 2 and 3):
// components with kind, name and weight, the KKM, the rounding rule and
// the predicate bands. Weights are typed as text (a decimal comma too);
// their sum shows as it changes, and saving waits until it is 100 %. The
// bands follow the KKM (grading.ts `bandsFromKkm`) until changed by hand.
import { useState } from "react";
import { bandsFromKkm, checkBands, formatHundredths, parseScore, parseWeight } from "../grading";
import { errorText, useI18n, type Key } from "../i18n";
import type { BandView, SchemeInput, SchemeView } from "../screens/gradebookWire";
import { Button, Dialog, SelectMenu } from "./ui";

const KINDS = ["formative", "assignment", "mid_term", "end_of_term", "other"] as const;
const MODES = ["half_up", "half_even", "down"] as const;

interface ComponentRow {
  id: string | null;
  name: string;
  kind: string;
  weight: string;
}

const DEFAULT_COMPONENTS: ComponentRow[] = [
  { id: null, name: "Formatif", kind: "formative", weight: "40" },
  { id: null, name: "PTS", kind: "mid_term", weight: "30" },
  { id: null, name: "PAS", kind: "end_of_term", weight: "30" },
];

const kkmBands = (kkm: string): BandView[] => {
  const p = parseScore(kkm);
  return p.ok ? bandsFromKkm(p.hundredths).map((b) => ({ label: b.label, min: formatHundredths(b.min) })) : [];
};

export function SchemeEditor({ scheme, onSave, onClose }: { scheme: SchemeView | null; onSave: (input: SchemeInput) => Promise<unknown>; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [components, setComponents] = useState<ComponentRow[]>(() => scheme?.components.map((c) => ({ ...c })) ?? DEFAULT_COMPONENTS);
  const [kkm, setKkm] = useState(scheme?.kkm ?? "75");
  const [places, setPlaces] = useState(scheme?.rounding_places ?? 0);
  const [mode, setMode] = useState(scheme?.rounding_mode ?? "half_up");
  // Bands chosen by hand stay; otherwise they follow the KKM.
  const [customBands, setCustomBands] = useState<BandView[] | null>(() => {
    if (!scheme) return null;
    const same = JSON.stringify(scheme.bands) === JSON.stringify(kkmBands(scheme.kkm));
    return same ? null : scheme.bands;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const bands = customBands ?? kkmBands(kkm);
  const weights = components.map((c) => parseWeight(c.weight));
  const sum = weights.reduce((s, w) => s + (w.ok ? w.hundredths : 0), 0);
  const kkmOk = parseScore(kkm).ok;
  const names = components.map((c) => c.name.trim());
  const duplicate = names.find((n, i) => n && names.indexOf(n) !== i);
  const parsedBands = bands.map((b) => ({ label: b.label.trim(), min: parseScore(b.min) }));
  const bandsOk = parsedBands.every((b) => b.label && b.min.ok) && !!checkBands(parsedBands.map((b) => ({ label: b.label, min: b.min.ok ? b.min.hundredths : -1 })));
  const problems: string[] = [];
  if (!components.length) problems.push(t("gb_scheme_no_components"));
  if (weights.some((w) => !w.ok)) problems.push(t("gb_scheme_bad_weight"));
  else if (sum !== 100_00) problems.push(t("gb_scheme_sum_not_100", { sum: formatHundredths(sum) }));
  if (names.some((n) => !n)) problems.push(t("gb_scheme_no_name"));
  if (duplicate) problems.push(t("gb_scheme_duplicate", { name: duplicate }));
  if (!kkmOk) problems.push(t("gb_scheme_bad_kkm"));
  if (!bandsOk) problems.push(t("gb_scheme_bad_bands"));

  const change = (i: number, patch: Partial<ComponentRow>) => setComponents((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const save = async () => {
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      await onSave({
        kkm: formatHundredths((parseScore(kkm) as { hundredths: number }).hundredths),
        rounding_places: places,
        rounding_mode: mode,
        bands: parsedBands.map((b) => ({ label: b.label, min: formatHundredths(b.min.ok ? b.min.hundredths : 0) })),
        components: components.map((c, i) => ({ id: c.id, name: c.name.trim(), kind: c.kind, weight: formatHundredths((weights[i] as { hundredths: number }).hundredths) })),
      });
      onClose();
    } catch (e) {
      setError(errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("gb_scheme")}
      onClose={onClose}
      wide
      testId="scheme-editor"
      footer={
        <>
          <Button onClick={onClose}>{t("cancel")}</Button>
          <Button variant="primary" onClick={save} busy={busy} disabled={problems.length > 0} data-testid="scheme-save">
            {t("save")}
          </Button>
        </>
      }
    >
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
      <table className="scheme-table">
        <thead>
          <tr>
            <th>{t("gb_component_kind")}</th>
            <th>{t("gb_component_name")}</th>
            <th>{t("gb_component_weight")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {components.map((c, i) => (
            <tr key={i} data-testid={`component-${i}`}>
              <td>
                <SelectMenu label={t("gb_component_kind")} value={c.kind} options={KINDS.map((k) => ({ value: k, label: t(`gb_kind_${k}` as Key) }))} onChange={(kind) => change(i, { kind })} />
              </td>
              <td>
                <input aria-label={t("gb_component_name")} value={c.name} onChange={(e) => change(i, { name: e.target.value })} data-testid={`component-name-${i}`} />
              </td>
              <td>
                <input
                  aria-label={t("gb_component_weight")}
                  className={weights[i].ok ? "" : "input-invalid"}
                  aria-invalid={!weights[i].ok || undefined}
                  inputMode="decimal"
                  value={c.weight}
                  onChange={(e) => change(i, { weight: e.target.value })}
                  data-testid={`component-weight-${i}`}
                />{" "}
                %
              </td>
              <td>
                <Button variant="ghost" onClick={() => setComponents((list) => list.filter((_, j) => j !== i))} aria-label={t("delete")}>
                  ×
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>
              <Button onClick={() => setComponents((list) => [...list, { id: null, name: "", kind: "other", weight: "" }])} data-testid="component-add">
                {t("gb_component_add")}
              </Button>
            </td>
            <td className="right">{t("gb_weights_sum")}</td>
            <td className={sum === 100_00 ? "ok" : "field-error"} data-testid="weights-sum">
              {formatHundredths(sum)} %
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <div className="form-grid">
        <label className="field">
          <span>{t("gb_kkm")}</span>
          <input value={kkm} inputMode="decimal" onChange={(e) => setKkm(e.target.value)} aria-invalid={!kkmOk || undefined} data-testid="scheme-kkm" />
        </label>
        <SelectMenu label={t("gb_rounding_places")} value={String(places)} options={[0, 1, 2].map((n) => ({ value: String(n), label: String(n) }))} onChange={(v) => setPlaces(Number(v))} testId="scheme-places" />
        <SelectMenu label={t("gb_rounding_mode")} value={mode} options={MODES.map((m) => ({ value: m, label: t(`gb_mode_${m}` as Key) }))} onChange={setMode} testId="scheme-mode" />
      </div>
      <h3>{t("gb_bands")}</h3>
      <p className="muted small">{customBands ? t("gb_bands_custom") : t("gb_bands_from_kkm")}</p>
      <table className="scheme-table" data-testid="bands">
        <tbody>
          {bands.map((b, i) => (
            <tr key={i}>
              <td>
                <input aria-label={t("gb_band_label")} value={b.label} onChange={(e) => setCustomBands(bands.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
              </td>
              <td>
                ≥ <input aria-label={t("gb_band_min")} inputMode="decimal" value={b.min} onChange={(e) => setCustomBands(bands.map((x, j) => (j === i ? { ...x, min: e.target.value } : x)))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {customBands ? (
        <Button variant="ghost" onClick={() => setCustomBands(null)}>
          {t("gb_bands_reset")}
        </Button>
      ) : null}
      {problems.length ? (
        <ul className="field-error" data-testid="scheme-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}
