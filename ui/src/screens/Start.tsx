// The screens before the app proper: the first-run wizard (where the
// database is; then the school and its first administrator) and login.
import { useEffect, useState } from "react";
import { commands, Connection, ConnectionCheck, SampleLogin, School, ServerTls, SessionInfo, Startup, UiError } from "../bindings";
import { asUiError } from "../components/RecordForm";
import { Button, Field, TextField } from "../components/ui";
import { errorText, Key, problemText, useI18n } from "../i18n";

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      <span className="sr-only">{t("language")}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as "en" | "id")} data-testid="language" aria-label={t("language")}>
        <option value="en">{t("lang_en")}</option>
        <option value="id">{t("lang_id")}</option>
      </select>
    </label>
  );
}

export function ConnectionWizard({ startup, onConnected }: { startup: Startup; onConnected: (s: Startup) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [mode, setMode] = useState<"this_computer" | "school_server">("this_computer");
  const [customPath, setCustomPath] = useState<string | null>(null);
  const [server, setServer] = useState({ host: "", port: "5432", database: "schooldesk", user: "", password: "", ca_file: "" });
  const [tls, setTls] = useState<ServerTls>("prefer");
  const [busy, setBusy] = useState<"test" | "save" | null>(null);
  const [error, setError] = useState<UiError | null>(startup.error);
  // What "Test" found; testing creates nothing, so a new school's file
  // shows as "no database yet" until "Use this database" creates it.
  const [ok, setOk] = useState<ConnectionCheck | null>(null);

  const connection = (): Connection =>
    mode === "this_computer"
      ? { type: "this_computer", path: customPath }
      : {
          type: "school_server",
          host: server.host,
          port: Number(server.port) || 5432,
          database: server.database,
          user: server.user,
          password: server.password,
          tls,
          ca_file: tls === "verify_full" && server.ca_file.trim() ? server.ca_file.trim() : null,
        };

  const run = async (what: "test" | "save") => {
    setBusy(what);
    setError(null);
    setOk(null);
    try {
      if (what === "test") {
        setOk(await commands.connection_test(connection()));
      } else {
        onConnected(await commands.connection_save(connection()));
      }
    } catch (e) {
      setError(asUiError(e));
    } finally {
      setBusy(null);
    }
  };
  const fieldError = (name: string) => {
    const f = error?.fields.find((x) => x.field === name);
    return f ? problemText(i18n, f) : undefined;
  };

  return (
    <div className="center-page">
      <div className="card card-wide" data-testid="wizard">
        <header className="card-head">
          <h1>{t("wizard_title")}</h1>
          <LanguageSwitch />
        </header>
        <p>{t("wizard_intro")}</p>
        <div className="choice-cards" role="radiogroup">
          {(["this_computer", "school_server"] as const).map((m) => (
            <label key={m} className={`choice-card ${mode === m ? "chosen" : ""}`}>
              <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} data-testid={`mode-${m}`} />
              <strong>{t(m === "this_computer" ? "wizard_this_computer" : "wizard_server")}</strong>
              <span>{t(m === "this_computer" ? "wizard_this_computer_hint" : "wizard_server_hint")}</span>
            </label>
          ))}
        </div>
        {mode === "this_computer" ? (
          <div className="form-grid single">
            <Field label={t("wizard_file_path")} hint={customPath === null ? `${t("wizard_default_place")}: ${startup.default_sqlite_path}` : undefined}>
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  value={customPath ?? startup.default_sqlite_path}
                  onChange={(e) => setCustomPath(e.target.value === startup.default_sqlite_path ? null : e.target.value)}
                  data-testid="sqlite-path"
                />
              )}
            </Field>
          </div>
        ) : (
          <div className="form-grid">
            {(
              [
                ["host", "wizard_host", "text"],
                ["port", "wizard_port", "text"],
                ["database", "wizard_database", "text"],
                ["user", "wizard_user", "text"],
                ["password", "wizard_password", "password"],
              ] as const
            ).map(([name, label, type]) => (
              <TextField
                key={name}
                label={t(label as Key)}
                type={type}
                error={fieldError(name)}
                hint={name === "password" ? t("wizard_password_hint") : undefined}
                value={server[name]}
                onChange={(v) => setServer((s) => ({ ...s, [name]: v }))}
                testId={`server-${name}`}
              />
            ))}
            <Field label={t("wizard_tls")} hint={t(`wizard_tls_${tls}_hint` as Key)}>
              {(id, describedBy) => (
                <select id={id} aria-describedby={describedBy} value={tls} onChange={(e) => setTls(e.target.value as ServerTls)} data-testid="server-tls">
                  {(["prefer", "require", "verify_full"] as const).map((choice) => (
                    <option key={choice} value={choice}>
                      {t(`wizard_tls_${choice}` as Key)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {tls === "verify_full" ? (
              <TextField
                label={t("wizard_ca_file")}
                hint={t("wizard_ca_file_hint")}
                value={server.ca_file}
                onChange={(v) => setServer((s) => ({ ...s, ca_file: v }))}
                testId="server-ca_file"
              />
            ) : null}
          </div>
        )}
        {error ? (
          <div className="banner banner-error" role="alert" data-testid="wizard-error">
            {errorText(i18n, error)}
          </div>
        ) : null}
        {ok ? (
          <div className="banner banner-ok" role="status" data-testid="wizard-test-result">
            {t(`wizard_test_${ok}` as Key)}
          </div>
        ) : null}
        <footer className="card-foot">
          <Button onClick={() => run("test")} busy={busy === "test"} data-testid="wizard-test">
            {t("wizard_test")}
          </Button>
          <Button variant="primary" onClick={() => run("save")} busy={busy === "save"} data-testid="wizard-connect">
            {t("wizard_connect")}
          </Button>
        </footer>
      </div>
    </div>
  );
}

// "Try a sample school": fills the empty database with the sample school
// (app::sample), shows its logins with their passwords once, to print or
// write down, and signs in as the administrator when asked.
function SampleSchool({ onDone, onCreated }: { onDone: (s: SessionInfo) => void; onCreated: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [logins, setLogins] = useState<SampleLogin[] | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setLogins(await commands.sample_school_create());
      onCreated();
    } catch (err) {
      setError(asUiError(err));
    } finally {
      setBusy(false);
    }
  };
  const signIn = async (who: SampleLogin) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await commands.session_login(who.login, who.password));
    } catch (err) {
      setError(asUiError(err));
      setBusy(false);
    }
  };
  const admin = logins?.find((l) => l.roles.includes("admin"));
  return (
    <section className="sample-school" data-testid="sample-school">
      <h2>{t("sample_title")}</h2>
      <p>{t(logins ? "sample_done" : "sample_intro")}</p>
      {logins ? (
        <table className="compare" data-testid="sample-logins">
          <thead>
            <tr>
              <th>{t("f_login")}</th>
              <th>{t("f_display_name")}</th>
              <th>{t("f_roles")}</th>
              <th>{t("f_password")}</th>
            </tr>
          </thead>
          <tbody>
            {logins.map((l) => (
              <tr key={l.login}>
                <td>{l.login}</td>
                <td>{l.display_name}</td>
                <td>{l.roles.map((r) => t(`role_${r}` as Key)).join(", ")}</td>
                <td>
                  <code>{l.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error ? (
        <div className="banner banner-error" role="alert" data-testid="sample-error">
          {errorText(i18n, error)}
        </div>
      ) : null}
      <footer className="card-foot">
        {logins && admin ? (
          <>
            <Button onClick={() => window.print()} data-testid="sample-print">
              {t("sample_print")}
            </Button>
            <Button variant="primary" busy={busy} onClick={() => signIn(admin)} data-testid="sample-sign-in">
              {t("sample_sign_in", { login: admin.login })}
            </Button>
          </>
        ) : (
          <Button busy={busy} onClick={create} data-testid="sample-create">
            {t("sample_create")}
          </Button>
        )}
      </footer>
    </section>
  );
}

export function CreateSchool({ onDone }: { onDone: (s: SessionInfo) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [school, setSchool] = useState<School>({ name: "", npsn: "", address: "", principal_name: "", principal_nip: null });
  const [admin, setAdmin] = useState({ login: "admin", display_name: "", password: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await commands.setup_school({ ...school, principal_nip: school.principal_nip || null }, { ...admin, roles: ["admin"], must_change_password: false }));
    } catch (err) {
      setError(asUiError(err));
    } finally {
      setBusy(false);
    }
  };
  const fe = (name: string) => {
    const f = error?.fields.find((x) => x.field === name);
    return f ? problemText(i18n, f) : undefined;
  };
  const text = (name: keyof School, label: Key, required = true) => (
    <TextField
      label={t(label)}
      error={fe(name)}
      required={required}
      value={(school[name] as string | null) ?? ""}
      onChange={(v) => setSchool((s) => ({ ...s, [name]: v }))}
      testId={`school-${name}`}
    />
  );
  // Once the sample school fills the database, only its logins are left to show.
  const [sampleMade, setSampleMade] = useState(false);
  return (
    <div className="center-page">
      <form className="card card-wide" onSubmit={submit} data-testid="create-school" hidden={sampleMade}>
        <header className="card-head">
          <h1>{t("wizard_create_school")}</h1>
          <LanguageSwitch />
        </header>
        <p>{t("wizard_create_school_intro")}</p>
        <div className="form-grid">
          {text("name", "f_name")}
          {text("npsn", "f_npsn")}
          {text("address", "f_address")}
          {text("principal_name", "f_principal_name")}
          {text("principal_nip", "f_principal_nip", false)}
        </div>
        <h2>{t("wizard_admin")}</h2>
        <div className="form-grid">
          {(
            [
              ["login", "f_login", "text"],
              ["display_name", "f_display_name", "text"],
              ["password", "f_password", "password"],
            ] as const
          ).map(([name, label, type]) => (
            <TextField
              key={name}
              label={t(label)}
              type={type}
              error={fe(name)}
              required
              value={admin[name]}
              onChange={(v) => setAdmin((a) => ({ ...a, [name]: v }))}
              testId={`admin-${name}`}
            />
          ))}
        </div>
        {error ? (
          <div className="banner banner-error" role="alert" data-testid="setup-error">
            {errorText(i18n, error)}
          </div>
        ) : null}
        <footer className="card-foot">
          <Button type="submit" variant="primary" busy={busy} data-testid="create-submit">
            {t("wizard_create")}
          </Button>
        </footer>
      </form>
      <div className="card card-wide">
        <SampleSchool onDone={onDone} onCreated={() => setSampleMade(true)} />
      </div>
    </div>
  );
}

export function Login({ startup, onLogin, onChangeDatabase }: { startup: Startup; onLogin: (s: SessionInfo) => void; onChangeDatabase: (s: Startup) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  useEffect(() => {
    // For the launch-time measurement (scripts/measure-desktop.sh).
    commands
      .ui_ready("login")
      .then((ms) => ((window as unknown as { __schooldeskReadyMs?: number }).__schooldeskReadyMs = ms))
      .catch((e) => console.warn("the launch time was not measured", e));
  }, []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await commands.session_login(login, password));
    } catch (err) {
      setError(asUiError(err));
    } finally {
      setBusy(false);
    }
  };
  // Only a signed-in administrator may point this computer at another
  // database (the shell checks): sign in with what is typed, forget the
  // database, and sign out again if the shell refuses.
  const changeDatabase = async () => {
    setBusy(true);
    setError(null);
    try {
      await commands.session_login(login, password);
      try {
        onChangeDatabase(await commands.connection_forget());
      } catch (err) {
        await commands.session_logout().catch((e) => console.warn("signing out again failed", e));
        throw err;
      }
    } catch (err) {
      setError(asUiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="center-page">
      <form className="card" onSubmit={submit} data-testid="login">
        <header className="card-head">
          <h1>{t("login_title")}</h1>
          <LanguageSwitch />
        </header>
        <Field label={t("login_login")}>
          {(id) => <input id={id} autoFocus autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} data-testid="login-login" />}
        </Field>
        <Field label={t("login_password")}>
          {(id) => <input id={id} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />}
        </Field>
        {error ? (
          <div className="banner banner-error" role="alert" data-testid="login-error">
            {errorText(i18n, error)}
          </div>
        ) : null}
        <Button type="submit" variant="primary" busy={busy} className="wide" data-testid="login-submit">
          {t("login_submit")}
        </Button>
        <p className="muted small">{t("login_database", { database: startup.database ?? "" })}</p>
        <button type="button" className="link small" onClick={changeDatabase} disabled={busy} title={t("login_change_db_hint")} data-testid="login-change-db">
          {t("login_change_db")}
        </button>
        <p className="muted small">{t("login_change_db_hint")}</p>
      </form>
    </div>
  );
}
