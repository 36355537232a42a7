// The students screen: the list (with the class each is in now), the
// student form, and the panel beside the list with a student's guardians
// and class history.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { commands, Guardian, Rec, Student } from "../bindings";
import { RecordForm } from "../components/RecordForm";
import { RecordScreen, type RestoreProps } from "../components/RecordScreen";
import { Button, ErrorBanner, Spinner, useToast } from "../components/ui";
import { endReasonText, errorText, Key, useI18n } from "../i18n";
import { queryKeys, recordKey } from "../keys";
import { useLookups, useRules, useWrite } from "../queries";
import { useAbilities } from "../session";
import { PersonLogin } from "../components/Logins";

type StudentForm = Student & { class_id: string | null };

function stripClass({ class_id: _ignored, ...student }: StudentForm): Student {
  return student;
}

const STATUSES = ["active", "graduated", "moved_out"];

/** A student's changes show in rosters, class lists and their panel too. */
const STUDENT_CHANGES = [queryKeys.rosters, ["student"]];

async function allStudents(): Promise<Rec<StudentForm>[]> {
  // All students at once (3,000 rows load in milliseconds); the table
  // searches, sorts and filters them in memory.
  const rows = await commands.students_list("", 100000);
  return rows.map((r) => ({ ...r.student, data: { ...r.student.data, class_id: r.class_id } }));
}

export function StudentsScreen(props: RestoreProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const look = useLookups();
  const rules = useRules();
  const genders = rules.data?.genders ?? [];
  const statusLabel = (s: string) => t(("status_" + s) as Key);
  // Offered only to those who may (issue 16, item 2): a teacher reads their
  // classes' students; a homeroom teacher also edits them.
  const can = useAbilities();
  const mayEdit = can.manage_enrollment || can.edit_classes.length > 0;
  // Names more than one student has (three "Aditya Hidayat"s): their rows
  // say which is which beside the name (issue 16, item 3).
  const list = useQuery({ queryKey: queryKeys.students, queryFn: allStudents });
  const shared = useMemo(() => {
    const seen = new Map<string, number>();
    for (const r of list.data ?? []) {
      const name = r.data.full_name.trim().toLowerCase();
      seen.set(name, (seen.get(name) ?? 0) + 1);
    }
    return seen;
  }, [list.data]);
  const which = (r: Rec<StudentForm>) =>
    (shared.get(r.data.full_name.trim().toLowerCase()) ?? 0) > 1 ? [look.className(r.data.class_id) || t("students_no_class"), `NIS ${r.data.nis}`].join(" · ") : "";
  return (
    <RecordScreen<StudentForm>
      {...props}
      id="students"
      title={t("nav_students")}
      newTitle={t("students_new")}
      queryKey={queryKeys.students}
      list={allStudents}
      invalidates={STUDENT_CHANGES}
      lookupError={look.error ? look : rules.error ? { error: rules.error, retry: () => rules.refetch() } : null}
      create={can.manage_enrollment ? (d) => commands.student_create(stripClass(d), d.class_id) : undefined}
      update={mayEdit ? (id, version, d) => commands.student_update(id, version, stripClass(d)) : undefined}
      // A homeroom teacher edits the students of their own class only.
      mayEdit={(r) => can.manage_enrollment || (!!r.data.class_id && can.edit_classes.includes(r.data.class_id))}
      remove={can.manage_enrollment ? commands.student_delete : undefined}
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
        { name: "gender", label: "f_gender", type: "select", required: true, options: genders.map((g) => ({ value: g.value, label: t(g.label as Key) })) },
        { name: "birth_place", label: "f_birth_place", required: true },
        { name: "birth_date", label: "f_birth_date", type: "date", required: true, birth: true },
        { name: "religion", label: "f_religion", required: true },
        { name: "address", label: "f_address", type: "textarea" },
        { name: "status", label: "f_status", type: "select", required: true, options: STATUSES.map((s) => ({ value: s, label: statusLabel(s) })) },
        // A class change needs a date and keeps the history: it is made in
        // the class's roster, not here.
        { name: "class_id", label: "f_class", type: "select", nullable: true, options: look.classes.map((c) => ({ value: c.id, label: c.data.name })), onlyWhenNew: t("students_class_moved_in_roster") },
      ]}
      columns={[
        // Identity numbers, dates and classes are never cut; the name takes
        // the rest and wraps (issue 16, item 3).
        { key: "nis", label: t("f_nis"), value: (r) => r.data.nis, fit: true },
        { key: "nisn", label: t("f_nisn"), value: (r) => r.data.nisn, fit: true },
        {
          key: "name",
          label: t("f_full_name"),
          value: (r) => r.data.full_name,
          display: (r) => (which(r) ? `${r.data.full_name} (${which(r)})` : r.data.full_name),
          render: (r) =>
            which(r) ? (
              <>
                {r.data.full_name} <span className="muted small" data-testid="name-which">({which(r)})</span>
              </>
            ) : (
              r.data.full_name
            ),
          width: "2fr",
        },
        { key: "gender", label: t("f_gender"), value: (r) => genders.find((g) => g.value === r.data.gender)?.code ?? "", fit: true },
        { key: "birth", label: t("f_birth_date"), value: (r) => r.data.birth_date, display: (r) => i18n.date(r.data.birth_date), fit: true },
        { key: "class", label: t("f_class"), value: (r) => look.className(r.data.class_id), sortValue: (r) => look.classes.findIndex((c) => c.id === r.data.class_id), fit: true },
        { key: "status", label: t("f_status"), value: (r) => statusLabel(r.data.status), fit: true },
      ]}
      filters={[
        { key: "class", label: t("f_class"), options: look.classes.map((c) => ({ value: c.id, label: c.data.name })), test: (r, v) => r.data.class_id === v },
        { key: "status", label: t("f_status"), options: STATUSES.map((s) => ({ value: s, label: statusLabel(s) })), test: (r, v) => r.data.status === v },
      ]}
      aside={(selected) => <StudentPanel key={selected.id} id={selected.id} className={look.className} />}
    />
  );
}

function StudentPanel({ id, className }: { id: string; className: (id: string | null) => string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const query = useQuery({ queryKey: queryKeys.student(id), queryFn: () => commands.student_get(id) });
  const write = useWrite([queryKeys.student(id)]);
  const [adding, setAdding] = useState<Rec<Guardian> | "new" | null>(null);
  const close = useCallback(() => setAdding(null), []);
  const can = useAbilities();
  if (query.error) return <ErrorBanner text={errorText(i18n, query.error)} onRetry={() => query.refetch()} />;
  const detail = query.data;
  if (!detail) return <Spinner />;
  // What the server allows: an administrator, or the homeroom teacher of
  // the class the student is in now.
  const mayEditHere = can.manage_enrollment || detail.enrollments.some((e) => !e.data.end_date && can.edit_classes.includes(e.data.class_id));
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
              ? `${i18n.date(e.data.start_date)} – ${t("students_ended", { date: i18n.date(e.data.end_date), reason: endReasonText(i18n, e.data.end_reason) })}`
              : t("students_since", { date: i18n.date(e.data.start_date) })}
          </li>
        ))}
      </ul>
      {can.manage_users ? <PersonLogin person={{ kind: "student", id }} userId={detail.student.data.user_id} name={detail.student.data.full_name} /> : null}
      <h3>{t("students_guardians")}</h3>
      <ul className="history">
        {detail.guardians.map((g) => (
          <li key={g.id}>
            {mayEditHere ? (
              <button type="button" className="link" onClick={() => setAdding(g)}>
                {g.data.full_name}
              </button>
            ) : (
              <strong>{g.data.full_name}</strong>
            )}{" "}
            ({g.data.relation}) {g.data.phone ?? ""}
            {can.manage_users ? <PersonLogin person={{ kind: "guardian", id: g.id }} userId={g.data.user_id} name={g.data.full_name} /> : null}
          </li>
        ))}
      </ul>
      {mayEditHere ? (
        <Button onClick={() => setAdding("new")} data-testid="guardian-add">
          {t("students_add_guardian")}
        </Button>
      ) : null}
      {adding ? (
        <RecordForm<Guardian>
          title={adding === "new" ? t("students_add_guardian") : adding.data.full_name}
          draftKey={recordKey("guardian", adding === "new" ? "new-" + id : adding.id)}
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
            if (adding === "new") await write(() => commands.guardian_add(id, g));
            else await write(() => commands.guardian_update(id, adding.id, version ?? adding.version, g));
            setAdding(null);
            // Said, as every other save says it (issue 16, item 10).
            toast(t("saved"));
          }}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
