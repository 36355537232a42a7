// Students (with guardians and class history), classes with their
// enrollment, users and roles, academic years, the audit trail, the profile.
import { useCallback, useEffect, useState } from "react";
import {
  AcademicYear,
  AuditEvent,
  Class,
  commands,
  Guardian,
  Rec,
  Role,
  School,
  Student,
  StudentDetail,
  Term,
  User,
} from "../bindings";
import { DataTable } from "../components/DataTable";
import { isUiError, RecordForm } from "../components/RecordForm";
import { RecordScreen } from "../components/RecordScreen";
import { Button, Dialog, EmptyState, ErrorBanner, Field, FilePicker, Spinner, useToast } from "../components/ui";
import { errorText, Key, problemText, useI18n } from "../i18n";
import { RestoreProps, useLookups } from "./Directory";

type StudentForm = Student & { class_id: string | null };

function stripClass({ class_id: _ignored, ...student }: StudentForm): Student {
  return student;
}

export function StudentsScreen(props: RestoreProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const look = useLookups();
  // All students at once (3,000 rows load in milliseconds); the table
  // searches, sorts and filters them in memory.
  const list = useCallback(async (): Promise<Rec<StudentForm>[]> => {
    const rows = await commands.students_list("", 100000);
    return rows.map((r) => ({ ...r.student, data: { ...r.student.data, class_id: r.class_id } }));
  }, []);
  const statusLabel = (s: string) => t(("status_" + s) as Key);
  return (
    <RecordScreen<StudentForm>
      {...props}
      id="students"
      title={t("nav_students")}
      newTitle={t("students_new")}
      list={list}
      create={(d) => commands.student_create(stripClass(d), d.class_id)}
      update={async (id, version, d) => {
        await commands.student_update(id, version, stripClass(d));
      }}
      remove={commands.student_delete}
      sheet="students"
      describe={(d) => d.full_name}
      blank={() => ({
        nis: "",
        nisn: "",
        full_name: "",
        gender: "female",
        birth_place: "",
        birth_date: "",
        religion: "Islam",
        address: "",
        status: "active",
        user_id: null,
        class_id: look.classes[0]?.id ?? null,
      })}
      fields={[
        { name: "full_name", label: "f_full_name", required: true },
        { name: "nis", label: "f_nis", required: true },
        { name: "nisn", label: "f_nisn", required: true },
        { name: "gender", label: "f_gender", type: "select", required: true, options: [{ value: "male", label: t("gender_male") }, { value: "female", label: t("gender_female") }] },
        { name: "birth_place", label: "f_birth_place", required: true },
        { name: "birth_date", label: "f_birth_date", type: "date", required: true },
        { name: "religion", label: "f_religion", required: true },
        { name: "address", label: "f_address", type: "textarea" },
        { name: "status", label: "f_status", type: "select", required: true, options: ["active", "graduated", "moved_out"].map((s) => ({ value: s, label: statusLabel(s) })) },
        { name: "class_id", label: "f_class", type: "select", nullable: true, options: look.classes.map((c) => ({ value: c.id, label: c.data.name })) },
      ]}
      columns={[
        { key: "nis", label: t("f_nis"), value: (r) => r.data.nis, width: "90px" },
        { key: "nisn", label: t("f_nisn"), value: (r) => r.data.nisn, width: "120px" },
        { key: "name", label: t("f_full_name"), value: (r) => r.data.full_name, width: "2fr" },
        { key: "gender", label: t("f_gender"), value: (r) => (r.data.gender === "male" ? "L" : "P"), width: "70px" },
        { key: "birth", label: t("f_birth_date"), value: (r) => r.data.birth_date, render: (r) => i18n.date(r.data.birth_date), width: "150px" },
        { key: "class", label: t("f_class"), value: (r) => look.className(r.data.class_id), width: "80px" },
        { key: "status", label: t("f_status"), value: (r) => statusLabel(r.data.status), width: "110px" },
      ]}
      filters={[
        { key: "class", label: t("f_class"), options: look.classes.map((c) => ({ value: c.id, label: c.data.name })), test: (r, v) => r.data.class_id === v },
        { key: "status", label: t("f_status"), options: ["active", "graduated", "moved_out"].map((s) => ({ value: s, label: statusLabel(s) })), test: (r, v) => r.data.status === v },
      ]}
      aside={(selected) => (selected ? <StudentPanel id={selected.id} className={look.className} /> : <EmptyState title={t("students_choose")} />)}
    />
  );
}

function StudentPanel({ id, className }: { id: string; className: (id: string | null) => string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [detail, setDetail] = useState<StudentDetail | null>(null);
  const [adding, setAdding] = useState<Rec<Guardian> | "new" | null>(null);
  const load = useCallback(() => commands.student_get(id).then(setDetail), [id]);
  useEffect(() => {
    load();
  }, [load]);
  if (!detail) return <Spinner />;
  return (
    <div className="panel" data-testid="student-panel">
      <h2>{detail.student.data.full_name}</h2>
      <p className="muted">
        NIS {detail.student.data.nis} · NISN {detail.student.data.nisn}
      </p>
      <h3>{t("students_history")}</h3>
      {detail.enrollments.length === 0 ? <p className="muted">{t("students_no_class")}</p> : null}
      <ul className="history">
        {detail.enrollments.map((e) => (
          <li key={e.id}>
            <strong>{className(e.data.class_id)}</strong>{" "}
            {e.data.end_date
              ? `${i18n.date(e.data.start_date)} – ${t("students_ended", { date: i18n.date(e.data.end_date), reason: e.data.end_reason ?? "" })}`
              : t("students_since", { date: i18n.date(e.data.start_date) })}
          </li>
        ))}
      </ul>
      <h3>{t("students_guardians")}</h3>
      <ul className="history">
        {detail.guardians.map((g) => (
          <li key={g.id}>
            <button type="button" className="link" onClick={() => setAdding(g)}>
              {g.data.full_name}
            </button>{" "}
            ({g.data.relation}) {g.data.phone ?? ""}
          </li>
        ))}
      </ul>
      <Button onClick={() => setAdding("new")}>{t("students_add_guardian")}</Button>
      {adding ? (
        <RecordForm<Guardian>
          title={adding === "new" ? t("students_add_guardian") : adding.data.full_name}
          draftKey={`guardian:${adding === "new" ? "new-" + id : adding.id}`}
          initial={adding === "new" ? { full_name: "", relation: "ibu", phone: null, occupation: null, address: null, user_id: null } : adding.data}
          version={adding === "new" ? undefined : adding.version}
          fields={[
            { name: "full_name", label: "f_full_name", required: true },
            { name: "relation", label: "f_relation", required: true, hint: "ayah / ibu / wali" },
            { name: "phone", label: "f_phone", nullable: true },
            { name: "occupation", label: "f_occupation", nullable: true },
            { name: "address", label: "f_address", nullable: true },
          ]}
          onSubmit={async (g, version) => {
            if (adding === "new") await commands.guardian_add(id, g);
            else await commands.guardian_update(id, adding.id, version ?? adding.version, g);
            setAdding(null);
            await load();
          }}
          onClose={() => setAdding(null)}
        />
      ) : null}
    </div>
  );
}

export function ClassesScreen(props: RestoreProps) {
  const { t } = useI18n();
  const look = useLookups();
  return (
    <RecordScreen<Class>
      {...props}
      id="classes"
      title={t("nav_classes")}
      newTitle={t("classes_new")}
      list={commands.classes_list}
      create={commands.class_create}
      update={commands.class_update}
      remove={commands.class_delete}
      sheet="classes"
      describe={(d) => d.name}
      blank={() => ({
        name: "",
        grade_level: 7,
        academic_year_id: look.years.find((y) => y.data.is_current)?.id ?? look.years[0]?.id ?? "",
        homeroom_teacher_id: null,
      })}
      fields={[
        { name: "name", label: "f_name", required: true },
        { name: "grade_level", label: "f_grade_level", type: "number", required: true },
        { name: "academic_year_id", label: "f_year", type: "select", required: true, options: look.years.map((y) => ({ value: y.id, label: y.data.name })) },
        { name: "homeroom_teacher_id", label: "f_homeroom", type: "select", nullable: true, options: look.teachers.map((r) => ({ value: r.id, label: r.data.full_name })) },
      ]}
      columns={[
        { key: "name", label: t("f_name"), value: (r) => r.data.name },
        { key: "grade", label: t("f_grade_level"), value: (r) => r.data.grade_level, width: "80px" },
        { key: "year", label: t("f_year"), value: (r) => look.yearName(r.data.academic_year_id) },
        { key: "homeroom", label: t("f_homeroom"), value: (r) => look.teacherName(r.data.homeroom_teacher_id), width: "2fr" },
      ]}
      aside={(selected) =>
        selected ? (
          <Roster key={selected.id} cls={selected} classes={look.classes} onChanged={look.refresh} />
        ) : (
          <EmptyState title={t("classes_choose")} />
        )
      }
    />
  );
}

function Roster({ cls, classes, onChanged }: { cls: Rec<Class>; classes: Rec<Class>[]; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [students, setStudents] = useState<Rec<Student>[] | null>(null);
  const [picking, setPicking] = useState(false);
  const [moving, setMoving] = useState<Rec<Student> | null>(null);
  const load = useCallback(() => commands.class_roster(cls.id).then(setStudents), [cls.id]);
  useEffect(() => {
    load();
  }, [load]);
  const act = async (what: () => Promise<unknown>) => {
    try {
      await what();
      toast(t("saved"));
      await load();
      onChanged();
    } catch (e) {
      toast(errorText(i18n, e), "error");
    }
  };
  return (
    <div className="panel" data-testid="roster">
      <header className="panel-head">
        <h2>{t("classes_roster", { name: cls.data.name })}</h2>
        <Button variant="primary" onClick={() => setPicking(true)} data-testid="roster-add">
          {t("classes_add_student")}
        </Button>
      </header>
      {students === null ? (
        <Spinner />
      ) : students.length === 0 ? (
        <EmptyState title={t("empty_title")} />
      ) : (
        <ul className="roster">
          {students.map((s) => (
            <li key={s.id} data-testid="roster-student">
              <span>
                {s.data.full_name} <span className="muted">{s.data.nis}</span>
              </span>
              <span className="row-actions">
                <Button variant="ghost" onClick={() => setMoving(s)}>
                  {t("classes_move")}
                </Button>
                <Button variant="ghost" onClick={() => act(() => commands.enrollment_end(s.id, cls.id, null, "removed"))}>
                  {t("classes_remove")}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {picking ? (
        <StudentPicker
          onClose={() => setPicking(false)}
          onPick={(s) => {
            setPicking(false);
            act(() => commands.enroll(s.id, cls.id, null));
          }}
        />
      ) : null}
      {moving ? (
        <Dialog title={t("classes_move_to", { name: moving.data.full_name })} onClose={() => setMoving(null)}>
          <ul className="choices">
            {classes
              .filter((c) => c.id !== cls.id && c.data.academic_year_id === cls.data.academic_year_id)
              .map((c) => (
                <li key={c.id}>
                  <Button
                    onClick={() => {
                      const s = moving;
                      setMoving(null);
                      act(() => commands.enrollment_move(s.id, c.id, null));
                    }}
                  >
                    {c.data.name}
                  </Button>
                </li>
              ))}
          </ul>
        </Dialog>
      ) : null}
    </div>
  );
}

function StudentPicker({ onPick, onClose }: { onPick: (s: Rec<Student>) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [found, setFound] = useState<Rec<Student>[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => commands.students_list(text, 50).then((rows) => setFound(rows.map((r) => r.student))), 150);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <Dialog title={t("classes_pick_student")} onClose={onClose} testId="student-picker">
      <input type="search" className="search" aria-label={t("search")} value={text} onChange={(e) => setText(e.target.value)} data-testid="picker-search" />
      <ul className="choices">
        {found.map((s) => (
          <li key={s.id}>
            <Button variant="ghost" onClick={() => onPick(s)} data-testid="picker-student">
              {s.data.full_name} <span className="muted">{s.data.nis}</span>
            </Button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

type UserForm = { login: string; display_name: string; password: string; roles: Role[]; active: boolean };

export function UsersScreen(props: RestoreProps & { me: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [resetting, setResetting] = useState<Rec<User> | null>(null);
  const [password, setPassword] = useState("");
  const roleOptions = (["admin", "teacher", "homeroom", "student", "parent", "bursar"] as Role[]).map((r) => ({ value: r, label: t(("role_" + r) as Key) }));
  const list = useCallback(async (): Promise<Rec<UserForm>[]> => {
    const users = await commands.users_list();
    return users.map((u) => ({ ...u, data: { ...u.data, password: "" } }));
  }, []);
  return (
    <>
      <RecordScreen<UserForm>
        restore={props.restore}
        onRestored={props.onRestored}
        id="users"
        title={t("nav_users")}
        newTitle={t("users_new")}
        list={list}
        create={(d) => commands.user_create({ login: d.login, display_name: d.display_name, password: d.password, roles: d.roles })}
        update={(id, version, d) => commands.user_update(id, version, d.display_name, d.roles, d.active)}
        describe={(d) => d.display_name}
        blank={() => ({ login: "", display_name: "", password: "", roles: ["teacher"], active: true })}
        fields={[
          { name: "login", label: "f_login", required: true },
          { name: "display_name", label: "f_display_name", required: true },
          { name: "password", label: "f_password", type: "password", hint: "≥ 8" },
          { name: "roles", label: "f_roles", type: "roles", options: roleOptions },
          { name: "active", label: "f_active", type: "checkbox" },
        ]}
        columns={[
          { key: "login", label: t("f_login"), value: (r) => r.data.login },
          { key: "name", label: t("f_display_name"), value: (r) => r.data.display_name, width: "2fr" },
          { key: "roles", label: t("f_roles"), value: (r) => r.data.roles.map((x) => t(("role_" + x) as Key)).join(", "), width: "2fr" },
          { key: "active", label: t("f_active"), value: (r) => (r.data.active ? t("yes") : t("no")) },
        ]}
        aside={(selected) =>
          selected ? (
            <div className="panel">
              <h2>{selected.data.display_name}</h2>
              <Button onClick={() => setResetting({ ...selected, data: { ...selected.data } })}>{t("users_reset")}</Button>
            </div>
          ) : (
            <EmptyState title={t("nav_users")} />
          )
        }
      />
      {resetting ? (
        <Dialog
          title={`${t("users_reset")}: ${resetting.data.login}`}
          onClose={() => setResetting(null)}
          footer={
            <Button
              variant="primary"
              onClick={async () => {
                try {
                  await commands.user_reset_password(resetting.id, password);
                  toast(t("saved"));
                  setResetting(null);
                  setPassword("");
                } catch (e) {
                  toast(errorText(i18n, e), "error");
                }
              }}
            >
              {t("save")}
            </Button>
          }
        >
          <Field label={t("users_new_password")}>{(id) => <input id={id} type="password" value={password} onChange={(e) => setPassword(e.target.value)} />}</Field>
        </Dialog>
      ) : null}
    </>
  );
}

/** Semester dates for a new year: ganjil to 31 December, genap from 1 January. */
export function splitYear(start: string, end: string): { start_date: string; end_date: string }[] {
  const startYear = Number(start.slice(0, 4));
  const decEnd = `${startYear}-12-31`;
  const janStart = `${startYear + 1}-01-01`;
  if (start <= decEnd && janStart <= end) {
    return [
      { start_date: start, end_date: decEnd },
      { start_date: janStart, end_date: end },
    ];
  }
  return [];
}

export function YearsScreen(props: RestoreProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [terms, setTerms] = useState<Rec<Term>[]>([]);
  const [editing, setEditing] = useState<Rec<Term> | null>(null);
  useEffect(() => {
    commands.terms_list().then(setTerms).catch(() => {});
  }, []);
  const termName = (x: Term) => x.name || t("years_term_n", { n: x.number });
  return (
    <>
    <RecordScreen<AcademicYear>
      {...props}
      id="years"
      sheet="years"
      title={t("nav_years")}
      newTitle={t("years_new")}
      list={commands.years_list}
      create={async (y) => {
        await commands.year_create(y, splitYear(y.start_date, y.end_date));
        setTerms(await commands.terms_list());
      }}
      update={commands.year_update}
      describe={(d) => d.name}
      blank={() => {
        const now = new Date().getFullYear();
        return { name: `${now}/${now + 1}`, start_date: `${now}-07-14`, end_date: `${now + 1}-06-27`, is_current: false };
      }}
      fields={[
        { name: "name", label: "f_name", required: true, hint: "2026/2027" },
        { name: "start_date", label: "f_start_date", type: "date", required: true },
        { name: "end_date", label: "f_end_date", type: "date", required: true },
        { name: "is_current", label: "f_is_current", type: "checkbox" },
      ]}
      columns={[
        { key: "name", label: t("f_name"), value: (r) => r.data.name },
        { key: "start", label: t("f_start_date"), value: (r) => r.data.start_date, render: (r) => i18n.date(r.data.start_date) },
        { key: "end", label: t("f_end_date"), value: (r) => r.data.end_date, render: (r) => i18n.date(r.data.end_date) },
        { key: "current", label: t("f_is_current"), value: (r) => (r.data.is_current ? t("yes") : "") },
      ]}
      aside={(selected) =>
        selected ? (
          <div className="panel">
            <h2>{t("years_terms")}</h2>
            <ul className="history">
              {terms
                .filter((x) => x.data.academic_year_id === selected.id)
                .map((x) => (
                  <li key={x.id} className="term-row">
                    <span>
                      <strong>{termName(x.data)}</strong> {i18n.date(x.data.start_date)} – {i18n.date(x.data.end_date)}
                    </span>
                    <Button variant="ghost" onClick={() => setEditing(x)} data-testid={`term-edit-${x.data.number}`} aria-label={`${t("edit")}: ${termName(x.data)}`}>
                      {t("edit")}
                    </Button>
                  </li>
                ))}
            </ul>
          </div>
        ) : (
          <EmptyState title={t("years_terms")} />
        )
      }
    />
    {editing ? (
      <RecordForm<Term>
        title={`${t("years_term_edit")}: ${termName(editing.data)}`}
        draftKey={`term:${editing.id}`}
        initial={editing.data}
        version={editing.version}
        testId="term-form"
        fields={[
          { name: "name", label: "f_name", required: true },
          { name: "start_date", label: "f_start_date", type: "date", required: true },
          { name: "end_date", label: "f_end_date", type: "date", required: true },
        ]}
        onSubmit={async (values, version) => {
          await commands.term_update(editing.id, version ?? editing.version, values);
          setTerms(await commands.terms_list());
          setEditing(null);
          toast(t("saved"));
        }}
        reload={async () => {
          const latest = (await commands.terms_list()).find((x) => x.id === editing.id);
          if (!latest) throw new Error(t("record_gone"));
          return { values: latest.data, version: latest.version };
        }}
        onClose={() => setEditing(null)}
      />
    ) : null}
    </>
  );
}

export function AuditScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const load = useCallback(() => {
    commands
      .audit_list(null, null, 5000)
      .then(setEvents)
      .catch((e) => setError(errorText(i18n, e)));
  }, [i18n]);
  useEffect(load, [load]);
  const tables = [...new Set((events ?? []).map((e) => e.table_name))];
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>{t("nav_audit")}</h1>
      </header>
      {error ? <ErrorBanner text={error} onRetry={load} /> : null}
      {events === null && !error ? (
        <Spinner />
      ) : (
        <DataTable<AuditEvent>
          id="audit"
          label={t("nav_audit")}
          rows={events ?? []}
          rowKey={(e) => e.id}
          onOpen={setOpen}
          columns={[
            { key: "at", label: t("audit_at"), value: (e) => e.at, render: (e) => i18n.dateTime(e.at) },
            { key: "who", label: t("audit_who"), value: (e) => e.actor_login },
            { key: "action", label: t("audit_action"), value: (e) => e.action },
            { key: "table", label: t("audit_table"), value: (e) => e.table_name },
          ]}
          filters={[{ key: "table", label: t("audit_table"), options: tables.map((x) => ({ value: x, label: x })), test: (e, v) => e.table_name === v }]}
        />
      )}
      {open ? (
        <Dialog wide title={`${open.action} · ${open.table_name}`} onClose={() => setOpen(null)}>
          <p>
            {i18n.dateTime(open.at)} · {open.actor_login}
          </p>
          <div className="two-col">
            <div>
              <h3>{t("audit_before")}</h3>
              <pre>{pretty(open.before)}</pre>
            </div>
            <div>
              <h3>{t("audit_after")}</h3>
              <pre>{pretty(open.after)}</pre>
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function pretty(json: string | null): string {
  if (!json) return "—";
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export function ProfileScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [school, setSchool] = useState<Rec<School> | null>(null);
  const [logo, setLogo] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setSchool(await commands.school_get());
    setLogo(await commands.school_logo());
  }, []);
  useEffect(() => {
    load().catch((e) => setError(errorText(i18n, e)));
  }, [load, i18n]);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      await commands.school_logo_set(Array.from(new Uint8Array(await file.arrayBuffer())), file.type);
      toast(t("saved"));
      await load();
    } catch (e) {
      toast(isUiError(e) && e.fields.length ? e.fields.map((f) => problemText(i18n, f)).join("; ") : errorText(i18n, e), "error");
    }
  };
  if (error) return <ErrorBanner text={error} />;
  if (!school) return <Spinner />;
  const d = school.data;
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>{t("nav_profile")}</h1>
        <Button variant="primary" onClick={() => setEditing(true)}>
          {t("edit")}
        </Button>
      </header>
      <div className="profile">
        <div className="logo-box">
          {logo ? <img src={logo} alt={t("f_logo")} /> : <div className="logo-empty">{t("f_logo")}</div>}
          <FilePicker label={t("f_logo_upload")} accept="image/png,image/jpeg" onChoose={upload} testId="logo-file" />
          {logo ? (
            <Button variant="ghost" onClick={() => commands.school_logo_set([], "").then(load)}>
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
          draftKey={`profile:${school.id}`}
          initial={d}
          version={school.version}
          fields={[
            { name: "name", label: "f_name", required: true },
            { name: "npsn", label: "f_npsn", required: true },
            { name: "address", label: "f_address", type: "textarea" },
            { name: "principal_name", label: "f_principal_name", required: true },
            { name: "principal_nip", label: "f_principal_nip", nullable: true },
          ]}
          onSubmit={async (data, version) => {
            await commands.school_update(school.id, version ?? school.version, data);
            toast(t("saved"));
            setEditing(false);
            await load();
          }}
          reload={async () => {
            const fresh = await commands.school_get();
            return { values: fresh!.data, version: fresh!.version };
          }}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </section>
  );
}
