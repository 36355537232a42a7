// The app: the query cache, the language, and the first screen picked from
// what the shell says at start; then the sidebar layout with one screen at
// a time, and the dashboard.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { commands, SessionInfo, Startup } from "./bindings";
import { Button, ErrorBanner, Spinner, ToastProvider } from "./components/ui";
import { errorText, I18nContext, Key, Lang, makeI18n, useI18n } from "./i18n";
import { parseRecordKey, queryKeys, recordKey, type Screen } from "./keys";
import { Draft, local, recentItems, setLocalUser } from "./local";
import { makeQueryClient, useRules } from "./queries";
import { AuditScreen } from "./screens/Audit";
import { ClassesScreen } from "./screens/Classes";
import { AssignmentsScreen, RoomsScreen, SubjectsScreen, TeachersScreen } from "./screens/Directory";
import { ProfileScreen } from "./screens/Profile";
import { ConnectionWizard, CreateSchool, LanguageSwitch, Login } from "./screens/Start";
import { StudentsScreen } from "./screens/Students";
import { UsersScreen } from "./screens/Users";
import { YearsScreen } from "./screens/Years";

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

export function App({ client }: { client?: QueryClient }) {
  const [queries] = useState(() => client ?? makeQueryClient());
  const [lang, setLangState] = useState<Lang>("en");
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    commands.language_set(next).catch((e) => console.warn("the language was not remembered", e));
  }, []);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return (
    <QueryClientProvider client={queries}>
      <I18nContext.Provider value={i18n}>
        <ToastProvider>
          <Root onLanguage={(l) => { setLangState(l); document.documentElement.lang = l; }} />
        </ToastProvider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}

/** Drops every cached answer of the school database (not what the shell
 * says about itself): on signing in or out and on switching databases, so
 * one user never sees what was fetched for another. */
function forgetSchoolData(client: QueryClient) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.startup[0] && q.queryKey[0] !== queryKeys.session[0] });
}

function Root({ onLanguage }: { onLanguage: (l: Lang) => void }) {
  const i18n = useI18n();
  const client = useQueryClient();
  const startup = useQuery({
    queryKey: queryKeys.startup,
    queryFn: async () => {
      const s = await commands.startup();
      if (s.language === "en" || s.language === "id") onLanguage(s.language);
      return s;
    },
    staleTime: Infinity,
  });
  const session = useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      const s = await commands.session_current();
      setLocalUser(s?.login ?? "");
      return s;
    },
    enabled: !!startup.data,
    staleTime: Infinity,
  });
  const setStartup = (s: Startup) => {
    forgetSchoolData(client);
    client.setQueryData(queryKeys.startup, s);
  };
  const setSession = (s: SessionInfo | null) => {
    forgetSchoolData(client);
    setLocalUser(s?.login ?? "");
    client.setQueryData(queryKeys.session, s);
  };

  const failed = startup.error ?? session.error;
  if (failed)
    return (
      <ErrorBanner
        text={errorText(i18n, failed)}
        onRetry={() => {
          startup.refetch();
          session.refetch();
        }}
      />
    );
  if (!startup.data || session.data === undefined) return <Spinner />;
  const start = startup.data;
  if (!start.configured || (start.error && !start.database)) {
    return <ConnectionWizard startup={start} onConnected={setStartup} />;
  }
  if (start.needs_setup) {
    return (
      <CreateSchool
        onDone={(s) => {
          client.setQueryData(queryKeys.startup, { ...start, needs_setup: false });
          setSession(s);
        }}
      />
    );
  }
  if (!session.data) {
    return <Login startup={start} onLogin={setSession} onChangeDatabase={setStartup} />;
  }
  return (
    <Main
      session={session.data}
      onLogout={async () => {
        await commands.session_logout().catch((e) => console.warn("signing out in the shell failed", e));
        setSession(null);
      }}
    />
  );
}

function Main({ session, onLogout }: { session: SessionInfo; onLogout: () => void }) {
  const { t } = useI18n();
  const [screen, setScreen] = useState<Screen>("dashboard");
  const [restore, setRestore] = useState<Draft | null>(null);
  // Asked once per sign-in, before a form needs them (a new year's dates).
  useRules();
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
    const { kind } = parseRecordKey(draft.key);
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
        {screen === "users" ? <UsersScreen {...restoreProps} /> : null}
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

/** The label of the screen a record key belongs to. */
function screenLabel(key: string): Key {
  const { kind } = parseRecordKey(key);
  const item = NAV.flatMap((g) => g.items).find((i) => i.screen === kind);
  return item ? item.label : "nav_dashboard";
}

export function DashboardScreen({ go, onRestore }: { go: (s: Screen) => void; onRestore: (d: Draft) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: commands.dashboard });
  // Local state answers quietly (local.ts): a failure there is logged, not shown.
  const drafts = useQuery({ queryKey: queryKeys.drafts, queryFn: async () => (await local()).drafts(), staleTime: 0 }).data ?? [];
  const recent = useQuery({ queryKey: queryKeys.recent, queryFn: () => recentItems(), staleTime: 0 }).data ?? [];
  const discard = async (key: string) => {
    await (await local()).dropDraft(key);
    await client.invalidateQueries({ queryKey: queryKeys.drafts });
  };
  if (dashboard.error) return <ErrorBanner text={errorText(i18n, dashboard.error)} onRetry={() => dashboard.refetch()} />;
  const data = dashboard.data;
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
                  <Button variant="ghost" onClick={() => discard(d.key)}>
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
        {/* Opens the form it names, not just the list (issue 16, item 10). */}
        <Button variant="primary" onClick={() => onRestore({ key: recordKey("students", "new"), title: t("dash_add_student"), data: undefined, saved_at: "" })} data-testid="dash-add-student">
          {t("dash_add_student")}
        </Button>
        <Button onClick={() => go("students")}>{t("dash_import")}</Button>
      </div>
    </section>
  );
}
