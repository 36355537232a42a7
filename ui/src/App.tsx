// The app: picks the first screen from what the shell says at start, then
// the sidebar layout with one screen at a time.
import { useCallback, useEffect, useMemo, useState } from "react";
import { commands, Dashboard as DashboardData, SessionInfo, Startup } from "./bindings";
import { Button, ErrorBanner, Spinner, ToastProvider } from "./components/ui";
import { errorText, I18nContext, Key, Lang, makeI18n, useI18n } from "./i18n";
import { Draft, local, Recent, recentItems, setLocalUser } from "./local";
import { AssignmentsScreen, RoomsScreen, SubjectsScreen, TeachersScreen } from "./screens/Directory";
import { AuditScreen, ClassesScreen, ProfileScreen, StudentsScreen, UsersScreen, YearsScreen } from "./screens/People";
import { ConnectionWizard, CreateSchool, LanguageSwitch, Login } from "./screens/Start";

type Screen = "dashboard" | "profile" | "years" | "teachers" | "students" | "classes" | "subjects" | "rooms" | "assignments" | "users" | "audit";

const NAV: { group: Key; items: { screen: Screen; label: Key; admin?: boolean }[] }[] = [
  { group: "nav_records", items: [
    { screen: "dashboard", label: "nav_dashboard" },
    { screen: "students", label: "nav_students" },
    { screen: "classes", label: "nav_classes" },
    { screen: "teachers", label: "nav_teachers" },
    { screen: "subjects", label: "nav_subjects" },
    { screen: "rooms", label: "nav_rooms" },
    { screen: "assignments", label: "nav_assignments" },
  ] },
  { group: "nav_admin", items: [
    { screen: "profile", label: "nav_profile" },
    { screen: "years", label: "nav_years" },
    { screen: "users", label: "nav_users", admin: true },
    { screen: "audit", label: "nav_audit", admin: true },
  ] },
];

export function App() {
  const [lang, setLangState] = useState<Lang>("en");
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    commands.language_set(next).catch(() => {});
  }, []);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return (
    <I18nContext.Provider value={i18n}>
      <ToastProvider>
        <Root onLanguage={(l) => { setLangState(l); document.documentElement.lang = l; }} />
      </ToastProvider>
    </I18nContext.Provider>
  );
}

function Root({ onLanguage }: { onLanguage: (l: Lang) => void }) {
  const i18n = useI18n();
  const [startup, setStartup] = useState<Startup | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  const boot = useCallback(async () => {
    try {
      const s = await commands.startup();
      if (s.language === "en" || s.language === "id") onLanguage(s.language);
      setStartup(s);
      setSession(await commands.session_current());
    } catch (e) {
      setFatal(errorText(i18n, e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    boot();
  }, [boot]);

  if (fatal) return <ErrorBanner text={fatal} onRetry={boot} />;
  if (!startup) return <Spinner />;
  if (!startup.configured || (startup.error && !startup.database)) {
    return <ConnectionWizard startup={startup} onConnected={setStartup} />;
  }
  if (startup.needs_setup) {
    return (
      <CreateSchool
        onDone={(s) => {
          setStartup({ ...startup, needs_setup: false });
          setSession(s);
        }}
      />
    );
  }
  if (!session) {
    return (
      <Login
        startup={startup}
        onLogin={setSession}
        onChangeDatabase={setStartup}
      />
    );
  }
  return (
    <Main
      session={session}
      onLogout={async () => {
        await commands.session_logout().catch(() => {});
        setSession(null);
      }}
    />
  );
}

function Main({ session, onLogout }: { session: SessionInfo; onLogout: () => void }) {
  const { t } = useI18n();
  const [screen, setScreen] = useState<Screen>("dashboard");
  const [restore, setRestore] = useState<Draft | null>(null);
  setLocalUser(session.login);
  const isAdmin = session.roles.includes("admin");
  const items = NAV.flatMap((g) => g.items).filter((i) => !i.admin || isAdmin);

  useEffect(() => {
    // Alt+1 … Alt+9 jump between screens.
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && /^[1-9]$/.test(e.key)) {
        const item = items[Number(e.key) - 1];
        if (item) {
          e.preventDefault();
          setScreen(item.screen);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items]);

  const restoreProps = {
    restore,
    onRestored: () => setRestore(null),
  };
  const open = (draft: Draft) => {
    const [kind] = draft.key.split(":");
    if (items.some((i) => i.screen === kind)) {
      setRestore(draft);
      setScreen(kind as Screen);
    }
  };

  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Schooldesk">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            S
          </span>
          {t("app_name")}
        </div>
        {NAV.map((g) => (
          <div key={g.group} className="nav-group">
            <div className="nav-title">{t(g.group)}</div>
            {g.items
              .filter((i) => !i.admin || isAdmin)
              .map((i) => (
                <button
                  key={i.screen}
                  type="button"
                  className={`nav-item ${screen === i.screen ? "current" : ""}`}
                  aria-current={screen === i.screen ? "page" : undefined}
                  onClick={() => setScreen(i.screen)}
                  data-testid={`nav-${i.screen}`}
                >
                  {t(i.label)}
                </button>
              ))}
          </div>
        ))}
        <div className="sidebar-foot">
          <LanguageSwitch />
          <div className="who">
            <strong>{session.display_name}</strong>
            <span className="muted">{session.login}</span>
          </div>
          <Button variant="ghost" onClick={onLogout} data-testid="logout">
            {t("logout")}
          </Button>
        </div>
      </nav>
      <main className="content">
        {screen === "dashboard" ? <DashboardScreen go={setScreen} onRestore={open} /> : null}
        {screen === "students" ? <StudentsScreen {...restoreProps} /> : null}
        {screen === "classes" ? <ClassesScreen {...restoreProps} /> : null}
        {screen === "teachers" ? <TeachersScreen {...restoreProps} /> : null}
        {screen === "subjects" ? <SubjectsScreen {...restoreProps} /> : null}
        {screen === "rooms" ? <RoomsScreen {...restoreProps} /> : null}
        {screen === "assignments" ? <AssignmentsScreen {...restoreProps} /> : null}
        {screen === "profile" ? <ProfileScreen /> : null}
        {screen === "years" ? <YearsScreen {...restoreProps} /> : null}
        {screen === "users" ? <UsersScreen {...restoreProps} me={session.login} /> : null}
        {screen === "audit" ? <AuditScreen /> : null}
      </main>
    </div>
  );
}

const COUNTED: { table: string; label: Key; screen: Screen }[] = [
  { table: "students", label: "nav_students", screen: "students" },
  { table: "teachers", label: "nav_teachers", screen: "teachers" },
  { table: "classes", label: "nav_classes", screen: "classes" },
  { table: "subjects", label: "nav_subjects", screen: "subjects" },
  { table: "rooms", label: "nav_rooms", screen: "rooms" },
  { table: "users", label: "nav_users", screen: "users" },
];

/** The label of the screen a `<screen>:<id>` key belongs to. */
function screenLabel(key: string): Key {
  const screen = key.split(":")[0];
  const item = NAV.flatMap((g) => g.items).find((i) => i.screen === screen);
  return item ? item.label : "nav_dashboard";
}

export function DashboardScreen({ go, onRestore }: { go: (s: Screen) => void; onRestore: (d: Draft) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [recent, setRecent] = useState<Recent[]>([]);
  const load = useCallback(() => {
    commands.dashboard().then(setData).catch((e) => setError(errorText(i18n, e)));
    local().then((s) => s.drafts()).then(setDrafts);
    recentItems().then(setRecent);
  }, [i18n]);
  useEffect(load, [load]);
  if (error) return <ErrorBanner text={error} onRetry={load} />;
  if (!data) return <Spinner />;
  // Only the counts this user may see come (none for students and parents).
  const counted = COUNTED.flatMap((c) => {
    const found = data.counts.find((x) => x.table === c.table);
    return found ? [{ ...c, count: found.count }] : [];
  });
  return (
    <section className="screen" data-testid="dashboard">
      <header className="screen-head">
        <h1>{data.school_name}</h1>
        <span className="muted">{i18n.date(data.today)}</span>
      </header>
      {drafts.length ? (
        <div className="banner banner-warn" role="alert" data-testid="drafts">
          <div>
            <strong>{t("dash_drafts")}</strong>
            <p>{t("dash_drafts_hint")}</p>
            <ul>
              {drafts.map((d) => (
                <li key={d.key}>
                  {d.title} · {i18n.dateTime(d.saved_at)}{" "}
                  <Button variant="ghost" onClick={() => onRestore(d)} data-testid="draft-restore">
                    {t("restore")}
                  </Button>
                  <Button variant="ghost" onClick={() => local().then((s) => s.dropDraft(d.key)).then(load)}>
                    {t("discard")}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <div className="tiles">
        <div className="tile">
          <div className="tile-label">{t("dash_year")}</div>
          <div className="tile-value">{data.year?.data.name ?? t("dash_no_year")}</div>
        </div>
        <div className="tile">
          <div className="tile-label">{t("dash_term")}</div>
          <div className="tile-value">{data.term ? data.term.data.name : t("dash_no_term")}</div>
          {data.term ? (
            <div className="muted small">
              {i18n.date(data.term.data.start_date)} – {i18n.date(data.term.data.end_date)}
            </div>
          ) : null}
        </div>
      </div>
      {counted.length ? (
        <>
          <h2>{t("dash_counts")}</h2>
          <div className="tiles">
            {counted.map((c) => (
              <button key={c.table} type="button" className="tile tile-link" onClick={() => go(c.screen)} data-testid={`count-${c.table}`}>
                <div className="tile-label">{t(c.label)}</div>
                <div className="tile-value">{i18n.number(c.count)}</div>
              </button>
            ))}
          </div>
        </>
      ) : null}
      {recent.length ? (
        <>
          <h2>{t("dash_recent")}</h2>
          <ul className="recent" data-testid="recent">
            {recent.map((r) => (
              <li key={r.key}>
                <button
                  type="button"
                  className="link"
                  onClick={() => onRestore({ key: r.key, title: r.title, data: undefined, saved_at: r.opened_at })}
                >
                  {r.title}
                </button>{" "}
                <span className="muted small">
                  {t(screenLabel(r.key))} · {i18n.dateTime(r.opened_at)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("dash_shortcuts")}</h2>
      <div className="row-actions">
        <Button variant="primary" onClick={() => go("students")}>
          {t("dash_add_student")}
        </Button>
        <Button onClick={() => go("students")}>{t("dash_import")}</Button>
      </div>
    </section>
  );
}
