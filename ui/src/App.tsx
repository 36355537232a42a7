// The app: the query cache, the language, and the first screen picked from
// what the shell says at start; then the sidebar layout with one screen at
// a time, and the dashboard.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { Abilities, commands, Dashboard, Role, SessionInfo, Startup } from "./bindings";
import { ChangePasswordForm } from "./components/Logins";
import { Button, Dialog, ErrorBanner, Spinner, ToastProvider, useToast } from "./components/ui";
import { errorText, I18nContext, Key, Lang, makeI18n, useI18n } from "./i18n";
import { parseRecordKey, queryKeys, recordKey, type Screen } from "./keys";
import { Draft, local, recentItems, setLocalUser } from "./local";
import { makeQueryClient, useRules } from "./queries";
import { mayGrade, SessionContext, useAbilities } from "./session";
import { AttendanceScreen } from "./screens/Attendance";
import { AuditScreen } from "./screens/Audit";
import { ClassesScreen } from "./screens/Classes";
import { DescriptionsScreen } from "./screens/Descriptions";
import { FeesScreen, MyFeesScreen } from "./screens/Fees";
import { GradebookScreen } from "./screens/Gradebook";
import { AssignmentsScreen, RoomsScreen, SubjectsScreen, TeachersScreen } from "./screens/Directory";
import { MyResultsScreen } from "./screens/MyResults";
import { PrintScreen } from "./screens/Print";
import { ProfileScreen } from "./screens/Profile";
import { ConnectionWizard, CreateSchool, LanguageSwitch, Login } from "./screens/Start";
import { StudentsScreen } from "./screens/Students";
import { MyTimetableScreen, TimetableScreen } from "./screens/Timetable";
import { UsersScreen } from "./screens/Users";
import { YearsScreen } from "./screens/Years";

// The question bank brings its editor (TipTap, KaTeX and its fonts): loaded
// when the screen is first opened, so the app starts as fast as before.
const QuestionBankScreen = lazy(() => import("./screens/QuestionBank").then((m) => ({ default: m.QuestionBankScreen })));

/** The sidebar; each screen shown only to those it would not refuse. */
const NAV: { group: Key; items: { screen: Screen; label: Key; may: (a: Abilities, roles: Role[]) => boolean }[] }[] = [
  { group: "nav_records", items: [
    { screen: "dashboard", label: "nav_dashboard", may: () => true },
    { screen: "students", label: "nav_students", may: (a) => a.read_every_roster || a.classes.length > 0 },
    { screen: "classes", label: "nav_classes", may: (a) => a.read_directory },
    { screen: "teachers", label: "nav_teachers", may: (a) => a.read_directory },
    { screen: "subjects", label: "nav_subjects", may: (a) => a.read_directory },
    { screen: "rooms", label: "nav_rooms", may: (a) => a.read_directory },
    { screen: "assignments", label: "nav_assignments", may: (a) => a.read_directory },
  ] },
  { group: "nav_admin", items: [
    { screen: "profile", label: "nav_profile", may: (a) => a.read_directory },
    { screen: "years", label: "nav_years", may: (a) => a.read_directory },
    { screen: "users", label: "nav_users", may: (a) => a.manage_users },
    { screen: "audit", label: "nav_audit", may: (a) => a.read_audit },
  ] },
  // issue 12: grades, attendance, descriptions, printing (last, so Alt+N of the screens above stay)
  { group: "nav_grades", items: [
    { screen: "gradebook", label: "nav_gradebook", may: (_a, roles) => mayGrade(roles) },
    // A class's teachers and the office; the server scopes each class.
    { screen: "attendance", label: "nav_attendance", may: (a) => a.manage_directory || a.classes.length > 0 },
    { screen: "descriptions", label: "nav_descriptions", may: (a) => a.manage_directory || a.classes.length > 0 },
    // An administrator prints any class; a homeroom teacher their own.
    { screen: "print", label: "nav_print", may: (a) => a.manage_directory || a.edit_classes.length > 0 },
    // A student's or a parent's own results and card.
    { screen: "results", label: "nav_my_results", may: (_a, roles) => roles.includes("student") || roles.includes("parent") },
  ] },
  // ttui (issue 14): the office builds the timetable, teachers read every one; everyone sees their own.
  { group: "nav_timetables", items: [
    { screen: "timetable", label: "nav_timetable", may: (_a, roles) => roles.some((r) => r === "admin" || r === "teacher" || r === "homeroom") },
    { screen: "my_timetable", label: "nav_my_timetable", may: (_a, roles) => roles.some((r) => r === "teacher" || r === "homeroom" || r === "student" || r === "parent") },
  ] },
  // feesui (issue 17): the bursar's desk and the administrator (policy.rs: TakePayments, ReadFees); families their own statement.
  { group: "nav_fees_group", items: [
    { screen: "fees", label: "nav_fees", may: (_a, roles) => roles.some((r) => r === "admin" || r === "bursar") },
    { screen: "my_fees", label: "nav_my_fees", may: (_a, roles) => roles.some((r) => r === "student" || r === "parent") },
  ] },
  // qbui (issue 13): the question bank; teachers see their subjects', the office the whole bank (policy.rs: ReadQuestions).
  { group: "nav_qbank_group", items: [
    { screen: "qbank", label: "nav_qbank", may: (_a, roles) => roles.some((r) => r === "admin" || r === "teacher") },
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
  const logout = async () => {
    await commands.session_logout().catch((e) => console.warn("signing out in the shell failed", e));
    setSession(null);
  };
  if (session.data.abilities.must_change_password) {
    return <FirstPassword session={session.data} onChanged={setSession} onLogout={logout} />;
  }
  return (
    <SessionContext.Provider value={session.data}>
      <Main session={session.data} onLogout={logout} onSession={(s) => client.setQueryData(queryKeys.session, s)} />
    </SessionContext.Provider>
  );
}

/** Someone else chose this user's password (an initial password, a
 * reset): they choose their own before anything else. */
function FirstPassword({ session, onChanged, onLogout }: { session: SessionInfo; onChanged: (s: SessionInfo) => void; onLogout: () => void }) {
  const { t } = useI18n();
  return (
    <div className="center-page">
      <section className="card" data-testid="first-password">
        <h1>{t("password_change")}</h1>
        <p className="muted">
          {session.display_name} · {session.login}
        </p>
        <ChangePasswordForm forced onDone={onChanged} />
        <Button variant="ghost" onClick={onLogout}>
          {t("logout")}
        </Button>
      </section>
    </div>
  );
}

function Main({ session, onLogout, onSession }: { session: SessionInfo; onLogout: () => void; onSession: (s: SessionInfo) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [screen, setScreen] = useState<Screen>("dashboard");
  const [restore, setRestore] = useState<Draft | null>(null);
  const [changing, setChanging] = useState(false);
  // Asked once per sign-in, before a form needs them (a new year's dates).
  useRules();
  const abilities = session.abilities;
  const roles = session.roles;
  const items = useMemo(() => NAV.flatMap((g) => g.items).filter((i) => i.may(abilities, roles)), [abilities, roles]);

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
        {NAV.filter((g) => g.items.some((i) => i.may(abilities, roles))).map((g) => (
          <div key={g.group} className="nav-group">
            <div className="nav-title">{t(g.group)}</div>
            {g.items
              .filter((i) => i.may(abilities, roles))
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
          <Button variant="ghost" onClick={() => setChanging(true)} data-testid="password-change">
            {t("password_change")}
          </Button>
          <Button variant="ghost" onClick={onLogout} data-testid="logout">
            {t("logout")}
          </Button>
        </div>
      </nav>
      {changing ? (
        <Dialog title={t("password_change")} onClose={() => setChanging(false)}>
          <ChangePasswordForm
            onCancel={() => setChanging(false)}
            onDone={(s) => {
              setChanging(false);
              toast(t("password_changed"));
              onSession(s);
            }}
          />
        </Dialog>
      ) : null}
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
        {screen === "print" ? <PrintScreen /> : null}
        {screen === "gradebook" ? <GradebookScreen {...restoreProps} /> : null}
        {screen === "attendance" ? <AttendanceScreen /> : null}
        {screen === "descriptions" ? <DescriptionsScreen /> : null}
        {screen === "results" ? <MyResultsScreen /> : null}
        {screen === "timetable" ? <TimetableScreen /> : null}
        {screen === "my_timetable" ? <MyTimetableScreen /> : null}
        {screen === "fees" ? <FeesScreen /> : null}
        {screen === "my_fees" ? <MyFeesScreen /> : null}
        {screen === "qbank" ? (
          <Suspense fallback={<Spinner />}>
            <QuestionBankScreen />
          </Suspense>
        ) : null}
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
  const can = useAbilities();
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
  const teaching = can.read_directory && !can.read_every_roster;
  const family = !can.read_directory;
  return (
    <section className="screen" data-testid="dashboard">
      <header className="screen-head">
        <h1>{data.school_name || t("nav_dashboard")}</h1>
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
      {can.manage_directory ? <FirstSteps data={data} go={go} /> : null}
      {data.classes.length || teaching ? <MyClasses data={data} go={go} /> : null}
      {family ? <MyStudents data={data} /> : null}
      {can.read_directory ? (
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
      ) : null}
      {counted.length && !teaching ? (
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
      {can.manage_enrollment || can.import_export ? (
        <>
          <h2>{t("dash_shortcuts")}</h2>
          <div className="row-actions">
            {/* Each opens the form or dialog it names, not just the list (issue 16, item 10). */}
            {can.manage_enrollment ? (
              <Button variant="primary" onClick={() => onRestore({ key: recordKey("students", "new"), title: t("dash_add_student"), data: undefined, saved_at: "" })} data-testid="dash-add-student">
                {t("dash_add_student")}
              </Button>
            ) : null}
            {can.import_export ? (
              <Button onClick={() => onRestore({ key: recordKey("students", "import"), title: t("dash_import"), data: undefined, saved_at: "" })} data-testid="dash-import">
                {t("dash_import")}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

/** The order a new school is set up in, while any step is still empty
 * (issue 16, item 7: nothing said to add teachers and classes first). */
function FirstSteps({ data, go }: { data: Dashboard; go: (s: Screen) => void }) {
  const { t } = useI18n();
  const count = (table: string) => data.counts.find((c) => c.table === table)?.count ?? 0;
  const steps: { label: Key; screen: Screen; done: boolean }[] = [
    { label: "dash_step_teachers", screen: "teachers", done: count("teachers") > 0 },
    { label: "dash_step_subjects", screen: "subjects", done: count("subjects") > 0 },
    { label: "dash_step_classes", screen: "classes", done: count("classes") > 0 },
    { label: "dash_step_students", screen: "students", done: count("students") > 0 },
    { label: "dash_step_assignments", screen: "assignments", done: count("teaching_assignments") > 0 },
    { label: "dash_step_logins", screen: "teachers", done: count("users") > 1 },
  ];
  if (steps.every((s) => s.done)) return null;
  return (
    <section className="panel first-steps" data-testid="first-steps">
      <h2>{t("dash_first_steps")}</h2>
      <p className="muted">{t("dash_first_steps_hint")}</p>
      <ol>
        {steps.map((s) => (
          <li key={s.label} className={s.done ? "done" : ""}>
            {s.done ? <span aria-hidden>✓ </span> : null}
            <button type="button" className="link" onClick={() => go(s.screen)} data-testid={`step-${s.label}`}>
              {t(s.label)}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A teacher's classes: what they teach in each, whether they lead it,
 * and how many students it has. */
function MyClasses({ data, go }: { data: Dashboard; go: (s: Screen) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section data-testid="my-classes">
      <h2>{t("dash_my_classes")}</h2>
      {data.classes.length ? (
        <div className="tiles">
          {data.classes.map((c) => (
            <button key={c.class.id} type="button" className="tile tile-link" onClick={() => go("classes")} data-testid="my-class">
              <div className="tile-value">{c.class.data.name}</div>
              <div className="tile-label">
                {t("dash_students_in", { count: i18n.number(c.students) })}
                {c.homeroom ? <span className="badge"> · {t("dash_homeroom")}</span> : null}
              </div>
              <ul className="small plain">
                {c.subjects.map((s) => (
                  <li key={s.name}>
                    {s.name} · {t("dash_periods", { count: s.periods_per_week })}
                  </li>
                ))}
              </ul>
            </button>
          ))}
        </div>
      ) : (
        <p className="muted" data-testid="no-classes">{t("dash_no_classes")}</p>
      )}
    </section>
  );
}

/** A student's own record, or a parent's children. */
function MyStudents({ data }: { data: Dashboard }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section data-testid="my-students">
      <h2>{t("dash_my_students")}</h2>
      {data.students.length ? (
        <div className="tiles">
          {data.students.map((s) => (
            <div key={s.student.id} className="tile" data-testid="my-student">
              <div className="tile-value">{s.student.data.full_name}</div>
              <div className="tile-label">
                NIS {s.student.data.nis} · NISN {s.student.data.nisn}
              </div>
              <div className="muted small">
                {s.class_name ?? t("none")} · {i18n.date(s.student.data.birth_date)}
              </div>
            </div>
          ))}
        </div>
      ) : (
        <p className="muted">{t("dash_no_students")}</p>
      )}
    </section>
  );
}
