// Importing a FET file into a semester (issue 14, item 8; helper "ttio"):
// pick the .fet file, read the app's preview — which teachers, subjects,
// classes and rooms match the records and which would be created, the
// lessons and rules, what cannot be taken (by line) — and only then
// confirm. Nothing is written before the confirm; the confirm names the
// preview it writes, so records changed meanwhile are refused whole.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { FetImportedView, FetNameView, FetPreviewView, FetRuleView } from "../bindings";
import { commands } from "../bindings";
import { Button, Dialog, ErrorBanner, FilePicker, useToast } from "../components/ui";
import { en, errorText, I18n, Key, useI18n } from "../i18n";
import { readUpload } from "../platform";

function NameList({ title, names, testId }: { title: string; names: FetNameView[]; testId: string }) {
  const { t } = useI18n();
  if (!names.length) return null;
  const created = names.filter((n) => !n.existing);
  return (
    <div className="tti-names" data-testid={testId}>
      <h4>
        {title}: {t("tti_matched_created", { matched: names.length - created.length, created: created.length })}
      </h4>
      <ul className="tti-list">
        {names.map((n) => (
          <li key={n.name} data-testid={`${testId}-item`}>
            <span>{n.name}</span> <span className={`badge ${n.existing ? "" : "badge-warn"}`}>{n.existing ? t("tti_matched") : t("tti_new")}</span>
            {n.note ? <span className="muted"> {noteText(t, n.note)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The app's note on a created record, in the UI's words. */
function noteText(t: I18n["t"], note: string): string {
  if (note.startsWith("gender")) return t("tti_note_gender", { gender: note.includes(": P") ? "P" : "L" });
  if (note.startsWith("grade")) return t("tti_note_grade");
  return note;
}

function cellsText(t: I18n["t"], slots: string): string {
  return slots
    .split(" ")
    .filter(Boolean)
    .map((c) => {
      const [d, p] = c.split(":");
      return `${t(`tt_day_${d}` as Key)} ${p}`;
    })
    .join(", ");
}

function ruleText(t: I18n["t"], r: FetRuleView): string {
  const parts = [t(`tt_rule_${r.kind}` as Key), r.who.join("; ")];
  if (r.number !== null) parts.push(String(r.number));
  if (r.slots) parts.push(cellsText(t, r.slots));
  parts.push(r.weight >= 100 ? t("tt_hard") : t("tt_weight", { w: r.weight }));
  return parts.filter(Boolean).join(" · ");
}

export function TimetableImport({ termId, onDone }: { termId: string; onDone: (done: FetImportedView) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [preview, setPreview] = useState<FetPreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | undefined) => {
    if (!f) return;
    setPreview(null);
    setError(null);
    setBusy(true);
    try {
      const bytes = await readUpload(f);
      setFile({ name: f.name, bytes });
      setPreview(await commands.timetable_import_preview(bytes, termId));
    } catch (e) {
      setError(errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await commands.timetable_import_confirm(file.bytes, termId, preview.token));
    } catch (e) {
      setError(errorText(i18n, e));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tti" data-testid="tti">
      <p className="muted">{t("tti_intro")}</p>
      <FilePicker label={t("tti_file")} accept=".fet" fileName={file?.name} onChoose={choose} testId="tti-file" />
      {error ? <ErrorBanner text={error} /> : null}
      {preview ? (
        <div className="tti-preview" data-testid="tti-preview">
          <p data-testid="tti-week">
            {preview.new_week ? t("tti_week_new") : t("tti_week_existing")}{" "}
            {preview.days.map((d) => `${d.name} → ${t(`tt_day_${d.weekday}` as Key)}`).join(", ")}
          </p>
          <NameList title={t("nav_teachers")} names={preview.teachers} testId="tti-teachers" />
          <NameList title={t("nav_subjects")} names={preview.subjects} testId="tti-subjects" />
          <NameList title={t("tti_classes")} names={preview.classes} testId="tti-classes" />
          <NameList title={t("nav_rooms")} names={preview.rooms} testId="tti-rooms" />
          {preview.groups.length ? (
            <p data-testid="tti-groups">
              {t("tti_groups")}: {preview.groups.join(", ")}
            </p>
          ) : null}
          <h4>{t("tti_lessons", { count: preview.lessons.length })}</h4>
          <table className="table" data-testid="tti-lessons">
            <thead>
              <tr>
                <th>{t("tti_line")}</th>
                <th>{t("tti_subject")}</th>
                <th>{t("tti_classes")}</th>
                <th>{t("nav_teachers")}</th>
                <th>{t("f_split")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {preview.lessons.map((l, k) => (
                <tr key={k}>
                  <td>{l.line}</td>
                  <td>{l.subject}</td>
                  <td>{l.classes.join(", ")}</td>
                  <td>{l.teachers.join(", ")}</td>
                  <td>{l.split}</td>
                  <td>{l.stored ? t("tti_stored") : t("tti_new")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t("tti_rules", { count: preview.rules.length })}</h4>
          <ul className="tti-list" data-testid="tti-rules">
            {preview.rules.map((r, k) => (
              <li key={k}>
                {t("tti_at_line", { line: r.line })}: {ruleText(t, r)} {r.stored ? <span className="badge">{t("tti_stored")}</span> : null}
              </li>
            ))}
          </ul>
          {preview.not_taken.length ? (
            <>
              <h4>{t("tti_not_taken", { count: preview.not_taken.length })}</h4>
              <ul className="tti-list" data-testid="tti-not-taken">
                {preview.not_taken.map((n, k) => (
                  <li key={k}>
                    {t("tti_at_line", { line: n.line })}: <code>{n.what}</code> — {`tti_nt_${n.code}` in en ? t(`tti_nt_${n.code}` as Key) : n.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="dialog-actions">
            <Button variant="primary" busy={busy} disabled={preview.additions === 0} onClick={confirm} data-testid="tti-confirm">
              {preview.additions === 0 ? t("tti_nothing_new") : t("tti_confirm", { count: preview.additions })}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The button the timetable screen shows the office: it opens the import. */
export function TimetableImportButton({ termId }: { termId: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="tti-open">
        {t("tti_open")}
      </Button>
      {open ? (
        <Dialog title={t("tti_title")} onClose={() => setOpen(false)} wide testId="tti-dialog">
          <TimetableImport
            termId={termId}
            onDone={(done) => {
              setOpen(false);
              toast(t("tti_done", { lessons: done.lessons, rules: done.rules }));
              void client.invalidateQueries();
            }}
          />
        </Dialog>
      ) : null}
    </>
  );
}
