// Logins that belong to people (issue 16, item 2): a person's login in
// their side panel (create one, link an existing one, unlink), logins for a
// whole class at once, the printable slips with initial passwords, and the
// change-password form every user has (and must use first when someone
// else chose their password).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { commands, type InitialLogin, type Person, type SessionInfo } from "../bindings";
import { errorText, I18n, Key, problemText, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { useWrite } from "../queries";
import { isUiError } from "./RecordForm";
import { Button, Dialog, ErrorBanner, Field, TextField, useToast } from "./ui";

/** The server's message for one field of a failed command, if it named
 * it, in the UI's language. */
function fieldError(i18n: I18n, e: unknown, field: string): string | undefined {
  const found = isUiError(e) ? e.fields.find((f) => f.field === field) : undefined;
  return found ? problemText(i18n, found) : undefined;
}

/** A failed command in the UI's language: each field's problem with its
 * own words (not the server's English with a field's internal name). */
export function failureText(i18n: I18n, e: unknown): string {
  return isUiError(e) && e.fields.length ? e.fields.map((f) => problemText(i18n, f)).join("; ") : errorText(i18n, e);
}

/** Changing one's own password: the current one, the new one twice. */
export function ChangePasswordForm({ forced, onDone, onCancel }: { forced?: boolean; onDone: (s: SessionInfo) => void; onCancel?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [old, setOld] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = again !== "" && next !== again;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (next !== again) {
      setError(null);
      return;
    }
    setBusy(true);
    try {
      onDone(await commands.password_change(old, next));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const general = error && !fieldError(i18n, error, "old_password") && !fieldError(i18n, error, "new_password") ? errorText(i18n, error) : null;
  return (
    <form onSubmit={submit} data-testid="password-form" noValidate>
      {forced ? <p className="banner banner-warn">{t("password_forced")}</p> : null}
      <TextField label={t("password_current")} type="password" value={old} onChange={setOld} required error={fieldError(i18n, error, "old_password")} testId="password-old" />
      <TextField label={t("password_new")} type="password" value={next} onChange={setNext} required hint={t("password_rule")} error={fieldError(i18n, error, "new_password")} testId="password-new" />
      <TextField label={t("password_again")} type="password" value={again} onChange={setAgain} required error={mismatch ? t("password_mismatch") : undefined} testId="password-again" />
      {general ? <ErrorBanner text={general} /> : null}
      <div className="row-actions">
        <Button variant="primary" type="submit" busy={busy} disabled={!old || !next || next !== again} data-testid="password-save">
          {t("password_change")}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t("cancel")}</Button> : null}
      </div>
    </form>
  );
}

/** Initial passwords to hand over: a list on screen, and slips to cut
 * when printed (only the slips print). */
export function LoginSlips({ logins, already, onClose }: { logins: InitialLogin[]; already?: number; onClose: () => void }) {
  const { t } = useI18n();
  const kind = (p: Person) => t(("person_" + p.kind) as Key);
  return (
    <Dialog title={t("slips_title")} onClose={onClose} wide testId="login-slips"
      footer={
        <>
          {logins.length ? (
            <Button variant="primary" onClick={() => window.print()} data-testid="slips-print">
              {t("slips_print")}
            </Button>
          ) : null}
          <Button onClick={onClose}>{t("close")}</Button>
        </>
      }
    >
      <p>{logins.length ? t("slips_once") : t("slips_none")}</p>
      {already ? <p className="muted">{t("slips_already", { count: String(already) })}</p> : null}
      <div className="print-slips">
        {logins.map((l) => (
          <div className="slip" key={l.login} data-testid="slip">
            <div className="slip-name">
              <strong>{l.name}</strong> <span className="muted">· {kind(l.person)}{l.class_name ? ` · ${l.class_name}` : ""}</span>
            </div>
            <div>
              {t("f_login")}: <code data-testid="slip-login">{l.login}</code>
            </div>
            <div>
              {t("slips_password")}: <code data-testid="slip-password">{l.password}</code>
            </div>
            <div className="small muted">{t("slips_change")}</div>
          </div>
        ))}
      </div>
    </Dialog>
  );
}

/** A person's login, in their side panel: shown with "unlink" when there
 * is one; otherwise "create a login" and "link an existing login". */
export function PersonLogin({ person, userId, name }: { person: Person; userId: string | null; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: commands.users_list });
  const links = useQuery({ queryKey: queryKeys.loginLinks, queryFn: commands.login_links });
  // Every student panel: a guardian's login shows in their child's panel.
  const invalidated = [queryKeys.users, queryKeys.loginLinks, queryKeys.teachers, queryKeys.students, ["student"]];
  const write = useWrite(invalidated);
  const [slips, setSlips] = useState<InitialLogin[] | null>(null);
  const [linking, setLinking] = useState(false);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [linkError, setLinkError] = useState<unknown>(null);
  const login = users.data?.find((u) => u.id === userId);
  // Logins free for this kind of person: a login may be one teacher and
  // one student at most (and a parent of any number).
  const taken = new Set((links.data ?? []).filter((l) => l.person.kind === person.kind && person.kind !== "guardian").map((l) => l.user_id));
  const free = (users.data ?? []).filter((u) => !taken.has(u.id));
  const act = async (what: () => Promise<unknown>) => {
    setError(null);
    try {
      await write(what);
      toast(t("saved"));
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  return (
    <section className="person-login" data-testid="person-login">
      <h3>{t("login_heading")}</h3>
      {users.error ? <ErrorBanner text={errorText(i18n, users.error)} onRetry={() => users.refetch()} /> : null}
      {userId ? (
        <p>
          <code data-testid="person-login-name">{login?.data.login ?? "…"}</code>{" "}
          <Button
            variant="ghost"
            onClick={() => {
              // Asked first (issue 16, item 5): nothing destructive in one click.
              if (window.confirm(t("login_unlink_ask", { name, login: login?.data.login ?? "" }))) act(() => commands.login_link(person, null));
            }}
            data-testid="login-unlink"
          >
            {t("login_unlink")}
          </Button>
        </p>
      ) : (
        <>
          <p className="muted">{t("login_none", { name })}</p>
          <div className="row-actions">
            <Button
              variant="primary"
              data-testid="login-create"
              onClick={async () => {
                setError(null);
                try {
                  const made = await write(() => commands.login_create_for(person, null));
                  setSlips([made]);
                } catch (e) {
                  setError(e);
                }
              }}
            >
              {t("login_create")}
            </Button>
            <Button onClick={() => setLinking(true)} data-testid="login-link">
              {t("login_link")}
            </Button>
          </div>
        </>
      )}
      {error ? <ErrorBanner text={failureText(i18n, error)} /> : null}
      {linking ? (
        <Dialog
          title={`${t("login_link")}: ${name}`}
          onClose={() => setLinking(false)}
          footer={
            <Button
              variant="primary"
              disabled={!chosen}
              onClick={async () => {
                setLinkError(null);
                try {
                  await write(() => commands.login_link(person, chosen));
                  toast(t("saved"));
                  setLinking(false);
                } catch (e) {
                  setLinkError(e);
                }
              }}
              data-testid="login-link-save"
            >
              {t("save")}
            </Button>
          }
        >
          <Field label={t("f_login")} hint={t("login_link_hint")}>
            {(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="login-link-choice">
                <option value="">—</option>
                {free.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.data.login} · {u.data.display_name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {linkError ? <ErrorBanner text={failureText(i18n, linkError)} /> : null}
        </Dialog>
      ) : null}
      {slips ? <LoginSlips logins={slips} onClose={() => setSlips(null)} /> : null}
    </section>
  );
}

/** Logins for a class's students and guardians who have none, in one go. */
export function ClassLogins({ classId, className }: { classId: string; className: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const write = useWrite([queryKeys.users, queryKeys.loginLinks, queryKeys.students, queryKeys.rosters, ["student"]]);
  const [asking, setAsking] = useState(false);
  const [students, setStudents] = useState(true);
  const [guardians, setGuardians] = useState(true);
  const [done, setDone] = useState<{ created: InitialLogin[]; already: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button onClick={() => setAsking(true)} data-testid="class-logins">
        {t("class_logins")}
      </Button>
      {asking ? (
        <Dialog
          title={`${t("class_logins")}: ${className}`}
          onClose={() => setAsking(false)}
          footer={
            <Button
              variant="primary"
              busy={busy}
              disabled={!students && !guardians}
              data-testid="class-logins-make"
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  const made = await write(() => commands.logins_create_for_class(classId, students, guardians));
                  setDone({ created: made.created, already: made.already });
                  setAsking(false);
                } catch (e) {
                  setError(e);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t("class_logins_make")}
            </Button>
          }
        >
          <p>{t("class_logins_hint")}</p>
          <label className="check">
            <input type="checkbox" checked={students} onChange={(e) => setStudents(e.target.checked)} /> {t("class_logins_students")}
          </label>
          <label className="check">
            <input type="checkbox" checked={guardians} onChange={(e) => setGuardians(e.target.checked)} /> {t("class_logins_guardians")}
          </label>
          {error ? <ErrorBanner text={failureText(i18n, error)} /> : null}
        </Dialog>
      ) : null}
      {done ? <LoginSlips logins={done.created} already={done.already} onClose={() => setDone(null)} /> : null}
    </>
  );
}
