// The school profile screen: name, NPSN, address, principal, and the logo
// (sent to the shell as raw bytes, not a JSON array of numbers).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { commands, School } from "../bindings";
import { isUiError, RecordForm } from "../components/RecordForm";
import { Button, ErrorBanner, FilePicker, Spinner, useToast } from "../components/ui";
import { errorText, problemText, useI18n } from "../i18n";
import { queryKeys, recordKey } from "../keys";
import { readUpload } from "../platform";
import { useWrite } from "../queries";
import { useAbilities } from "../session";

export function ProfileScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const can = useAbilities();
  const school = useQuery({ queryKey: queryKeys.school, queryFn: commands.school_get });
  const logo = useQuery({ queryKey: queryKeys.logo, queryFn: commands.school_logo });
  const write = useWrite([queryKeys.school]);
  const [editing, setEditing] = useState(false);
  const setLogo = async (file: File | null) => {
    try {
      const bytes = file ? await readUpload(file) : new Uint8Array();
      await write(() => commands.school_logo_set(bytes, file?.type ?? ""));
      toast(t("saved"));
    } catch (e) {
      toast(isUiError(e) && e.fields.length ? e.fields.map((f) => problemText(i18n, f)).join("; ") : errorText(i18n, e), "error");
    }
  };
  const upload = async (file: File | undefined) => {
    if (file) await setLogo(file);
  };
  const failed = school.error ?? logo.error;
  if (failed)
    return (
      <ErrorBanner
        text={errorText(i18n, failed)}
        onRetry={() => {
          school.refetch();
          logo.refetch();
        }}
      />
    );
  const rec = school.data;
  if (rec === undefined) return <Spinner />;
  if (rec === null) return <ErrorBanner text={t("record_gone")} />;
  const d = rec.data;
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>{t("nav_profile")}</h1>
        {can.manage_directory ? (
          <Button variant="primary" onClick={() => setEditing(true)}>
            {t("edit")}
          </Button>
        ) : null}
      </header>
      <div className="profile">
        <div className="logo-box">
          {logo.data ? <img src={logo.data} alt={t("f_logo")} /> : <div className="logo-empty">{t("f_logo")}</div>}
          {can.manage_directory ? <FilePicker label={t("f_logo_upload")} accept="image/png,image/jpeg" onChoose={upload} testId="logo-file" /> : null}
          {logo.data && can.manage_directory ? (
            <Button variant="ghost" onClick={() => setLogo(null)}>
              {t("f_logo_remove")}
            </Button>
          ) : null}
        </div>
        <dl className="facts">
          <dt>{t("f_name")}</dt>
          <dd>{d.name}</dd>
          <dt>{t("f_npsn")}</dt>
          <dd>{d.npsn}</dd>
          <dt>{t("f_address")}</dt>
          <dd>{d.address}</dd>
          <dt>{t("f_principal_name")}</dt>
          <dd>{d.principal_name}</dd>
          <dt>{t("f_principal_nip")}</dt>
          <dd>{d.principal_nip ?? t("none")}</dd>
        </dl>
      </div>
      {editing ? (
        <RecordForm<School>
          title={t("nav_profile")}
          draftKey={recordKey("profile", rec.id)}
          initial={d}
          version={rec.version}
          fields={[
            { name: "name", label: "f_name", required: true },
            { name: "npsn", label: "f_npsn", required: true },
            { name: "address", label: "f_address", type: "textarea" },
            { name: "principal_name", label: "f_principal_name", required: true },
            { name: "principal_nip", label: "f_principal_nip", nullable: true },
          ]}
          onSubmit={async (data, version) => {
            await write(() => commands.school_update(rec.id, version ?? rec.version, data));
            toast(t("saved"));
            setEditing(false);
          }}
          reload={async () => {
            const fresh = (await school.refetch()).data;
            if (!fresh) throw new Error(t("record_gone"));
            return { values: fresh.data, version: fresh.version };
          }}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </section>
  );
}
