// A question's shared passage (stimulus): one reading text or figure that
// several questions of a subject share and a paper prints once above them.
// The editor picks one of the subject's passages or writes a new one (title
// and rich text with images and math). A passage is never rewritten once
// written — a printed paper shows the passage its questions had — so a
// changed passage is written as a new one.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { commands, QbRichText, QbStimulus } from "../bindings";
import { Button, Dialog, ErrorBanner } from "../components/ui";
import { errorText, useI18n } from "../i18n";
import { PastedImage, RichEditor } from "./RichEditor";
import { imageKeys, toPlain } from "./richText";

const stimuliKey = (subjectId: string) => ["qbank", "stimuli", subjectId];

export function StimulusField({
  subjectId,
  value,
  onChange,
  writable,
}: {
  subjectId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  writable: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const list = useQuery({ queryKey: stimuliKey(subjectId), queryFn: () => commands.qbank_stimuli(subjectId), enabled: !!subjectId });
  const [making, setMaking] = useState<QbStimulus | "new" | null>(null);
  const chosen = list.data?.find((s) => s.id === value) ?? null;
  return (
    <fieldset className="qb-meta qb-stimulus" data-testid="qb-stimulus">
      <legend>{t("qb_stimulus")}</legend>
      <div className="qb-row">
        <label className="qb-inline-field">
          <span>{t("qb_stimulus_choose")}</span>
          <select value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} disabled={!writable} data-testid="qb-stimulus-select">
            <option value="">{t("none")}</option>
            {list.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
            {value && !chosen && !list.isLoading ? <option value={value}>{t("qb_stimulus_unknown")}</option> : null}
          </select>
        </label>
        <Button onClick={() => setMaking("new")} disabled={!writable || !subjectId} data-testid="qb-stimulus-new">
          {t("qb_stimulus_new")}
        </Button>
        {chosen ? (
          <Button onClick={() => setMaking(chosen)} disabled={!writable} data-testid="qb-stimulus-copy">
            {t("qb_stimulus_change")}
          </Button>
        ) : null}
      </div>
      {list.error ? <ErrorBanner text={errorText(i18n, list.error)} /> : null}
      {chosen ? (
        <blockquote className="qb-stimulus-text" data-testid="qb-stimulus-text">
          {toPlain(chosen.content)}
        </blockquote>
      ) : null}
      <p className="hint">{t("qb_stimulus_hint")}</p>
      {making ? (
        <NewStimulus
          subjectId={subjectId}
          from={making === "new" ? null : making}
          onClose={() => setMaking(null)}
          onMade={(s) => {
            setMaking(null);
            client.setQueryData<QbStimulus[]>(stimuliKey(subjectId), (old) => [...(old ?? []), s]);
            void client.invalidateQueries({ queryKey: stimuliKey(subjectId) });
            onChange(s.id);
          }}
        />
      ) : null}
    </fieldset>
  );
}

/** Writes a new passage; `from`: the passage it starts as a changed copy of. */
function NewStimulus({ subjectId, from, onClose, onMade }: { subjectId: string; from: QbStimulus | null; onClose: () => void; onMade: (s: QbStimulus) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [title, setTitle] = useState(from ? from.title : "");
  const [content, setContent] = useState<QbRichText>(from ? from.content : []);
  const [images, setImages] = useState<Record<string, string> | null>(from && imageKeys(from.content).length ? null : {});
  const pasted = useRef<Record<string, PastedImage>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  // A copy shows the stored images it starts with.
  useEffect(() => {
    if (!from || !imageKeys(from.content).length) return;
    let live = true;
    (async () => {
      const urls: Record<string, string> = {};
      try {
        for (const key of imageKeys(from.content)) urls[key] = await commands.qbank_image(key);
      } catch (e) {
        if (live) setFailure(e);
      }
      if (live) setImages(urls);
    })();
    return () => {
      live = false;
    };
  }, [from]);

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const wanted = imageKeys(content);
      const fresh = wanted.filter((k) => pasted.current[k]).map((k) => ({ name: pasted.current[k].name, base64: pasted.current[k].base64 }));
      onMade(await commands.qbank_stimulus_create(subjectId, title, content, fresh));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={from ? t("qb_stimulus_change_title", { title: from.title }) : t("qb_stimulus_new_title")}
      onClose={onClose}
      wide
      testId="qb-stimulus-dialog"
      footer={
        <Button variant="primary" onClick={() => void save()} busy={busy} data-testid="qb-stimulus-save">
          {t("save")}
        </Button>
      }
    >
      {from ? <p className="hint">{t("qb_stimulus_copy_hint")}</p> : null}
      <label className="qb-inline-field">
        <span>{t("qb_stimulus_title")}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="qb-stimulus-title" />
      </label>
      {images ? (
        <RichEditor
          label={t("qb_stimulus_content")}
          value={content}
          onChange={setContent}
          images={images}
          onImage={(image) => {
            pasted.current[image.key] = image;
            setImages((m) => ({ ...(m ?? {}), [image.key]: image.src }));
          }}
          testId="qb-stimulus-content"
        />
      ) : null}
      {failure ? <ErrorBanner text={errorText(i18n, failure)} /> : null}
    </Dialog>
  );
}
