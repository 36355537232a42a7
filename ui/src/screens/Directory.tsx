// The directory screens: teachers, subjects, rooms and teaching
// assignments. (Students are in Students.tsx, classes in Classes.tsx.)
import { commands, Room, Subject, Teacher, TeachingAssignment } from "../bindings";
import { PersonLogin } from "../components/Logins";
import { RecordScreen, type RestoreProps } from "../components/RecordScreen";
import { Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { useLookups, useRules } from "../queries";
import { useAbilities } from "../session";

export function TeachersScreen(props: RestoreProps) {
  const { t } = useI18n();
  const can = useAbilities();
  const rules = useRules();
  const genders = (rules.data?.genders ?? []).map((g) => ({ value: g.value, label: t(g.label as Key) }));
  const gender = (g: string) => genders.find((x) => x.value === g)?.label ?? g;
  return (
    <RecordScreen<Teacher>
      {...props}
      id="teachers"
      title={t("nav_teachers")}
      newTitle={t("teachers_new")}
      queryKey={queryKeys.teachers}
      list={commands.teachers_list}
      lookupError={rules.error ? { error: rules.error, retry: () => rules.refetch() } : null}
      create={can.manage_directory ? commands.teacher_create : undefined}
      update={can.manage_directory ? commands.teacher_update : undefined}
      remove={can.manage_directory ? commands.teacher_delete : undefined}
      sheet="teachers"
      aside={
        can.manage_users
          ? (selected) =>
              selected ? (
                <div className="panel">
                  <h2>{selected.data.full_name}</h2>
                  <PersonLogin person={{ kind: "teacher", id: selected.id }} userId={selected.data.user_id} name={selected.data.full_name} />
                </div>
              ) : null
          : undefined
      }
      describe={(d) => d.full_name}
      blank={() => ({ full_name: "", nip: null, nuptk: null, gender: "female", phone: null, email: null, user_id: null, active: true })}
      fields={[
        { name: "full_name", label: "f_full_name", required: true },
        { name: "nip", label: "f_nip", nullable: true },
        { name: "nuptk", label: "f_nuptk", nullable: true },
        { name: "gender", label: "f_gender", type: "select", required: true, options: genders },
        { name: "phone", label: "f_phone", nullable: true },
        { name: "email", label: "f_email", nullable: true },
        { name: "active", label: "f_active", type: "checkbox" },
      ]}
      columns={[
        { key: "name", label: t("f_full_name"), value: (r) => r.data.full_name, width: "2fr" },
        // Identity numbers are never cut (issue 16, item 3).
        { key: "nip", label: t("f_nip"), value: (r) => r.data.nip, fit: true },
        { key: "nuptk", label: t("f_nuptk"), value: (r) => r.data.nuptk, fit: true },
        { key: "gender", label: t("f_gender"), value: (r) => gender(r.data.gender), width: "110px" },
        { key: "phone", label: t("f_phone"), value: (r) => r.data.phone, fit: true },
        { key: "active", label: t("f_active"), value: (r) => (r.data.active ? t("yes") : t("no")), width: "80px" },
      ]}
      filters={[
        {
          key: "active",
          label: t("f_active"),
          options: [{ value: "yes", label: t("yes") }, { value: "no", label: t("no") }],
          test: (r, v) => r.data.active === (v === "yes"),
        },
      ]}
    />
  );
}

export function SubjectsScreen(props: RestoreProps) {
  const { t } = useI18n();
  const can = useAbilities();
  return (
    <RecordScreen<Subject>
      {...props}
      id="subjects"
      title={t("nav_subjects")}
      newTitle={t("subjects_new")}
      queryKey={queryKeys.subjects}
      list={commands.subjects_list}
      create={can.manage_directory ? commands.subject_create : undefined}
      update={can.manage_directory ? commands.subject_update : undefined}
      remove={can.manage_directory ? commands.subject_delete : undefined}
      sheet="subjects"
      describe={(d) => `${d.code} ${d.name}`}
      blank={() => ({ code: "", name: "", group_name: "A", religion_specific: false })}
      fields={[
        { name: "code", label: "f_code", required: true },
        { name: "name", label: "f_name", required: true },
        { name: "group_name", label: "f_group_name", required: true },
        { name: "religion_specific", label: "f_religion_specific", type: "checkbox" },
      ]}
      columns={[
        { key: "code", label: t("f_code"), value: (r) => r.data.code, width: "120px" },
        { key: "name", label: t("f_name"), value: (r) => r.data.name, width: "2fr" },
        { key: "group", label: t("f_group_name"), value: (r) => r.data.group_name },
        { key: "religion", label: t("f_religion_specific"), value: (r) => (r.data.religion_specific ? t("yes") : t("no")) },
      ]}
    />
  );
}

export function RoomsScreen(props: RestoreProps) {
  const { t } = useI18n();
  const can = useAbilities();
  return (
    <RecordScreen<Room>
      {...props}
      id="rooms"
      sheet="rooms"
      title={t("nav_rooms")}
      newTitle={t("rooms_new")}
      queryKey={queryKeys.rooms}
      list={commands.rooms_list}
      create={can.manage_directory ? commands.room_create : undefined}
      update={can.manage_directory ? commands.room_update : undefined}
      remove={can.manage_directory ? commands.room_delete : undefined}
      describe={(d) => d.name}
      blank={() => ({ name: "", capacity: 32, kind: "classroom" })}
      fields={[
        { name: "name", label: "f_name", required: true },
        { name: "capacity", label: "f_capacity", type: "number", required: true },
        { name: "kind", label: "f_kind", required: true },
      ]}
      columns={[
        { key: "name", label: t("f_name"), value: (r) => r.data.name, width: "2fr" },
        { key: "capacity", label: t("f_capacity"), value: (r) => r.data.capacity },
        { key: "kind", label: t("f_kind"), value: (r) => r.data.kind },
      ]}
    />
  );
}

export function AssignmentsScreen(props: RestoreProps) {
  const { t } = useI18n();
  const can = useAbilities();
  const look = useLookups();
  return (
    <RecordScreen<TeachingAssignment>
      {...props}
      id="assignments"
      sheet="assignments"
      title={t("nav_assignments")}
      newTitle={t("assignments_new")}
      queryKey={queryKeys.assignments}
      list={commands.assignments_list}
      lookupError={look.error ? look : null}
      create={can.manage_directory ? commands.assignment_create : undefined}
      update={can.manage_directory ? commands.assignment_update : undefined}
      remove={can.manage_directory ? commands.assignment_delete : undefined}
      describe={(d) => `${look.teacherName(d.teacher_id)} · ${look.subjectName(d.subject_id)} · ${look.className(d.class_id)}`}
      blank={() => ({ teacher_id: look.teachers[0]?.id ?? "", subject_id: look.subjects[0]?.id ?? "", class_id: look.classes[0]?.id ?? "", periods_per_week: 2 })}
      fields={[
        { name: "teacher_id", label: "f_teacher", type: "select", required: true, options: look.teachers.map((r) => ({ value: r.id, label: r.data.full_name })) },
        { name: "subject_id", label: "f_subject", type: "select", required: true, options: look.subjects.map((r) => ({ value: r.id, label: `${r.data.code} ${r.data.name}` })) },
        { name: "class_id", label: "f_class", type: "select", required: true, options: look.classes.map((r) => ({ value: r.id, label: r.data.name })) },
        { name: "periods_per_week", label: "f_periods_per_week", type: "number", required: true },
      ]}
      columns={[
        { key: "teacher", label: t("f_teacher"), value: (r) => look.teacherName(r.data.teacher_id), width: "2fr" },
        { key: "subject", label: t("f_subject"), value: (r) => look.subjectName(r.data.subject_id), width: "2fr" },
        { key: "class", label: t("f_class"), value: (r) => look.className(r.data.class_id) },
        { key: "periods", label: t("f_periods_per_week"), value: (r) => r.data.periods_per_week },
      ]}
      filters={[
        {
          key: "class",
          label: t("f_class"),
          options: look.classes.map((c) => ({ value: c.id, label: c.data.name })),
          test: (r, v) => r.data.class_id === v,
        },
      ]}
    />
  );
}
