// The classes screen: the list and form, and beside it the chosen class's
// roster (add a student, move one to another class, take one out).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Class, commands, Rec, Student } from "../bindings";
import { DateField } from "../components/DateField";
import { RecordScreen, type RestoreProps } from "../components/RecordScreen";
import { Button, Dialog, EmptyState, ErrorBanner, Field, Spinner, useToast } from "../components/ui";
import { errorText, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { listClasses, useLookups, useWrite } from "../queries";
import { useAbilities } from "../session";
import { ClassLogins } from "../components/Logins";
import { ClassArrears } from "./ClassArrears";

export function ClassesScreen(props: RestoreProps) {
  const { t } = useI18n();
  const look = useLookups();
  // A teacher sees the classes they teach or lead, not the school's
  // (issue 16, item 2); changes are the curriculum office's.
  const can = useAbilities();
  const mine = can.classes.join(",");
  return (
    <RecordScreen<Class>
      {...props}
      id="classes"
      title={t("nav_classes")}
      newTitle={t("classes_new")}
      queryKey={can.read_every_roster ? queryKeys.classes : [...queryKeys.classes, "mine", mine]}
      list={can.read_every_roster ? listClasses : async () => (await listClasses()).filter((c) => can.classes.includes(c.id))}
      lookupError={look.error ? look : null}
      create={can.manage_directory ? commands.class_create : undefined}
      update={can.manage_directory ? commands.class_update : undefined}
      remove={can.manage_directory ? commands.class_delete : undefined}
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
        { key: "name", label: t("f_name"), value: (r) => r.data.name, sortValue: (r) => `${String(r.data.grade_level).padStart(2, "0")} ${r.data.name}`, fit: true },
        { key: "grade", label: t("f_grade_level"), value: (r) => r.data.grade_level, fit: true },
        { key: "year", label: t("f_year"), value: (r) => look.yearName(r.data.academic_year_id), fit: true },
        { key: "homeroom", label: t("f_homeroom"), value: (r) => look.teacherName(r.data.homeroom_teacher_id), width: "2fr" },
      ]}
      aside={(selected) => <Roster key={selected.id} cls={selected} classes={look.classes} />}
    />
  );
}

/** Moving students changes rosters, the students list (its class column)
 * and each student's history. */
const ROSTER_CHANGES = [queryKeys.rosters, queryKeys.students, ["student"]];

function Roster({ cls, classes }: { cls: Rec<Class>; classes: Rec<Class>[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const query = useQuery({ queryKey: queryKeys.roster(cls.id), queryFn: () => commands.class_roster(cls.id) });
  const write = useWrite(ROSTER_CHANGES);
  const [picking, setPicking] = useState(false);
  const [moving, setMoving] = useState<Rec<Student> | null>(null);
  // Taking a student out of the class is confirmed first (issue 16, item 5).
  const [removing, setRemoving] = useState<Rec<Student> | null>(null);
  // The day the move takes effect: the old class's enrollment ends and the
  // new one starts that day, so the student's history keeps both.
  const [moveOn, setMoveOn] = useState<string | null>(localToday);
  const act = async (what: () => Promise<unknown>) => {
    try {
      await write(what);
      toast(t("saved"));
    } catch (e) {
      toast(errorText(i18n, e), "error");
    }
  };
  const students = query.data;
  const can = useAbilities();
  return (
    <div className="panel" data-testid="roster">
      <header className="panel-head">
        <div>
          <h2>{t("classes_roster", { name: cls.data.name })}</h2>
          {students ? (
            <p className="muted small roster-count" data-testid="roster-count">
              {t("classes_count", { count: i18n.number(students.length) })}
            </p>
          ) : null}
        </div>
        {can.manage_enrollment ? (
          <Button variant="primary" onClick={() => setPicking(true)} data-testid="roster-add">
            {t("classes_add_student")}
          </Button>
        ) : null}
      </header>
      {can.manage_users ? <ClassLogins classId={cls.id} className={cls.data.name} /> : null}
      {/* fees (issue 17): a homeroom teacher sees whether their class is in arrears, when the school allows it. */}
      {!can.read_every_roster && can.edit_classes.includes(cls.id) ? <ClassArrears classId={cls.id} /> : null}
      {query.error ? (
        <ErrorBanner text={errorText(i18n, query.error)} onRetry={() => query.refetch()} />
      ) : !students ? (
        <Spinner />
      ) : students.length === 0 ? (
        <EmptyState title={t("empty_title")} />
      ) : (
        // One line a student, the whole class in the panel's height (issue
        // 16, item 3: 5 of 33 showed).
        <ol className="roster" aria-label={t("classes_roster", { name: cls.data.name })}>
          {students.map((s) => (
            <li key={s.id} data-testid="roster-student">
              <span className="roster-name" title={`${s.data.full_name} · NIS ${s.data.nis}`}>
                {s.data.full_name} <span className="muted">{s.data.nis}</span>
              </span>
              {can.manage_enrollment ? (
                <span className="roster-actions">
                  <Button
                    variant="ghost"
                    onClick={() => {
                      setMoveOn(localToday());
                      setMoving(s);
                    }}
                    data-testid="roster-move"
                    // Short words leave the line to the name; the full action
                    // with the student's name is what a screen reader says.
                    aria-label={t("classes_move_named", { name: s.data.full_name })}
                  >
                    {t("classes_move")}
                  </Button>
                  <Button variant="ghost" onClick={() => setRemoving(s)} data-testid="roster-remove" aria-label={t("classes_remove_named", { name: s.data.full_name, class: cls.data.name })}>
                    {t("classes_remove_short")}
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {picking ? (
        <StudentPicker
          className={(id) => classes.find((c) => c.id === id)?.data.name ?? ""}
          onClose={() => setPicking(false)}
          onPick={(s) => {
            setPicking(false);
            act(() => commands.enroll(s.id, cls.id, null));
          }}
        />
      ) : null}
      {removing ? (
        <Dialog
          title={t("classes_remove_ask", { name: removing.data.full_name, class: cls.data.name })}
          onClose={() => setRemoving(null)}
          testId="remove-ask"
          footer={
            <>
              <Button onClick={() => setRemoving(null)}>{t("cancel")}</Button>
              <Button
                variant="danger"
                onClick={() => {
                  const s = removing;
                  setRemoving(null);
                  act(() => commands.enrollment_end(s.id, cls.id, null, "removed"));
                }}
                data-testid="remove-confirm"
              >
                {t("classes_remove")}
              </Button>
            </>
          }
        >
          <p>{t("classes_remove_hint")}</p>
        </Dialog>
      ) : null}
      {moving ? (
        <Dialog title={t("classes_move_to", { name: moving.data.full_name })} onClose={() => setMoving(null)}>
          <Field label={t("classes_move_on")} hint={t("classes_move_on_hint")}>
            {(id, describedBy) => (
              <DateField id={id} label={t("classes_move_on")} required describedBy={describedBy} value={moveOn} onChange={setMoveOn} testId="move-on" />
            )}
          </Field>
          <ul className="choices">
            {classes
              .filter((c) => c.id !== cls.id && c.data.academic_year_id === cls.data.academic_year_id)
              .map((c) => (
                <li key={c.id}>
                  <Button
                    // The move needs its date (issue 16, item 5): none
                    // typed, or an unfinished one, moves nobody.
                    disabled={!moveOn}
                    onClick={() => {
                      const s = moving;
                      if (!moveOn) return;
                      setMoving(null);
                      act(() => commands.enrollment_move(s.id, c.id, moveOn));
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

/** Today on this computer's calendar, as a date input holds it. */
function localToday(): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Waits this long after the last key before searching. */
const SEARCH_PAUSE_MS = 150;

export function StudentPicker({ onPick, onClose, className }: { onPick: (s: Rec<Student>) => void; onClose: () => void; className: (id: string | null) => string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [timer, setTimer] = useState<ReturnType<typeof setTimeout> | undefined>(undefined);
  const query = useQuery({
    queryKey: queryKeys.studentSearch(search),
    queryFn: () => commands.students_list(search, 50),
  });
  const type = (next: string) => {
    setText(next);
    clearTimeout(timer);
    setTimer(setTimeout(() => setSearch(next), SEARCH_PAUSE_MS));
  };
  return (
    <Dialog title={t("classes_pick_student")} onClose={onClose} testId="student-picker">
      <input type="search" className="search" aria-label={t("search")} value={text} onChange={(e) => type(e.target.value)} data-testid="picker-search" />
      {query.error ? <ErrorBanner text={errorText(i18n, query.error)} onRetry={() => query.refetch()} /> : null}
      <ul className="choices">
        {(query.data ?? []).map(({ student: s, class_id }) => (
          <li key={s.id}>
            <Button variant="ghost" onClick={() => onPick(s)} data-testid="picker-student">
              {s.data.full_name} <span className="muted">{s.data.nis}</span>{" "}
              {/* Which class they are in now, so two of one name are told apart. */}
              <span className="muted">{class_id ? className(class_id) : t("students_no_class")}</span>
            </Button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
