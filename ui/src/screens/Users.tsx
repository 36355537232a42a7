// The users screen (administrators only): accounts, their roles, who each
// belongs to (a teacher, a student, a guardian), resetting a password, and
// linking an account to a teacher from this side.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { commands, Rec, Role, type UiError } from "../bindings";
import { RecordScreen, type RestoreProps } from "../components/RecordScreen";
import { Button, Dialog, EmptyState, ErrorBanner, Field, TextField, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { useLookups, useWrite } from "../queries";
import { StudentPicker } from "./Classes";
import { failureText } from "../components/Logins";

type UserForm = { login: string; display_name: string; password: string; password_again: string; roles: Role[]; active: boolean; must_change_password: boolean };

const ROLES: Role[] = ["admin", "teacher", "homeroom", "student", "parent", "bursar"];

async function allUsers(): Promise<Rec<UserForm>[]> {
  const users = await commands.users_list();
  return users.map((u) => ({ ...u, data: { ...u.data, password: "", password_again: "" } }));
}

/** The two typed passwords differ: refused here, under the second field,
 * before anything is sent. */
function mismatch(): UiError {
  return {
    kind: "invalid",
    message: "the two passwords differ",
    fields: [{ field: "password_again", message: "the two passwords differ", code: "password_mismatch", params: {} }],
    rows: [],
    conflict: null,
  } as UiError;
}

export function UsersScreen(props: RestoreProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [resetting, setResetting] = useState<Rec<UserForm> | null>(null);
  const [linking, setLinking] = useState<Rec<UserForm> | null>(null);
  const [linkingStudent, setLinkingStudent] = useState<Rec<UserForm> | null>(null);
  const linkStudent = useWrite([queryKeys.loginLinks, queryKeys.users, queryKeys.students, ["student"]]);
  const look = useLookups();
  const links = useQuery({ queryKey: queryKeys.loginLinks, queryFn: commands.login_links });
  // Read here, in this render: TanStack Query re-renders a component only
  // for the fields it read, and the columns read it later, in the table.
  const linked = links.data ?? [];
  const belongsTo = (userId: string) =>
    linked
      .filter((l) => l.user_id === userId)
      .map((l) => `${l.name} (${t(("person_" + l.person.kind) as Key)})`)
      .join(", ");
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(("role_" + r) as Key) }));
  return (
    <>
      <RecordScreen<UserForm>
        restore={props.restore}
        onRestored={props.onRestored}
        id="users"
        title={t("nav_users")}
        newTitle={t("users_new")}
        queryKey={queryKeys.users}
        invalidates={[queryKeys.loginLinks]}
        list={allUsers}
        create={async (d) => {
          if (d.password !== d.password_again) throw mismatch();
          return commands.user_create({ login: d.login, display_name: d.display_name, password: d.password, roles: d.roles, must_change_password: d.must_change_password });
        }}
        update={(id, version, d) => commands.user_update(id, version, d.display_name, d.roles, d.active)}
        describe={(d) => d.display_name}
        blank={() => ({ login: "", display_name: "", password: "", password_again: "", roles: ["teacher"], active: true, must_change_password: true })}
        fields={[
          { name: "login", label: "f_login", required: true, onlyWhenNew: t("users_login_fixed") },
          { name: "display_name", label: "f_display_name", required: true },
          { name: "password", label: "f_password", type: "password", hint: t("password_rule"), onlyWhenNew: t("users_password_elsewhere") },
          { name: "password_again", label: "password_again", type: "password", onlyWhenNew: t("users_password_elsewhere") },
          { name: "must_change_password", label: "login_must_change", type: "checkbox", onlyWhenNew: t("users_password_elsewhere") },
          { name: "roles", label: "f_roles", type: "roles", options: roleOptions },
          { name: "active", label: "f_active", type: "checkbox" },
        ]}
        columns={[
          { key: "login", label: t("f_login"), value: (r) => r.data.login },
          { key: "name", label: t("f_display_name"), value: (r) => r.data.display_name, width: "2fr" },
          { key: "belongs", label: t("login_belongs"), value: (r) => belongsTo(r.id), width: "2fr" },
          { key: "roles", label: t("f_roles"), value: (r) => r.data.roles.map((x) => t(("role_" + x) as Key)).join(", "), width: "2fr" },
          { key: "active", label: t("f_active"), value: (r) => (r.data.active ? t("yes") : t("no")) },
        ]}
        aside={(selected) =>
          selected ? (
            <div className="panel">
              <h2>{selected.data.display_name}</h2>
              <p className="muted">
                {t("login_belongs")}: {belongsTo(selected.id) || t("none")}
              </p>
              <div className="row-actions">
                <Button onClick={() => setResetting(selected)} data-testid="user-reset">
                  {t("users_reset")}
                </Button>
                {linked.some((l) => l.user_id === selected.id && l.person.kind === "teacher") ? null : (
                  <Button onClick={() => setLinking(selected)} data-testid="user-link-teacher">
                    {t("users_link_teacher")}
                  </Button>
                )}
                {linked.some((l) => l.user_id === selected.id && l.person.kind === "student") ? null : (
                  <Button onClick={() => setLinkingStudent(selected)} data-testid="user-link-student">
                    {t("users_link_student")}
                  </Button>
                )}
              </div>
            </div>
          ) : (
            <EmptyState title={t("nav_users")} />
          )
        }
      />
      {resetting ? <ResetPassword user={resetting} onClose={() => setResetting(null)} onDone={() => toast(t("saved"))} /> : null}
      {linking ? <LinkTeacher user={linking} onClose={() => setLinking(null)} /> : null}
      {linkingStudent ? (
        <StudentPicker
          className={look.className}
          onClose={() => setLinkingStudent(null)}
          onPick={async (s) => {
            const user = linkingStudent;
            setLinkingStudent(null);
            try {
              await linkStudent(() => commands.login_link({ kind: "student", id: s.id }, user.id));
              toast(t("saved"));
            } catch (e) {
              toast(failureText(i18n, e), "error");
            }
          }}
        />
      ) : null}
      {links.error ? <ErrorBanner text={errorText(i18n, links.error)} onRetry={() => links.refetch()} /> : null}
    </>
  );
}

/** An administrator sets a password (typed twice); the user must choose
 * their own at the next sign-in. */
function ResetPassword({ user, onClose, onDone }: { user: Rec<UserForm>; onClose: () => void; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog
      title={`${t("users_reset")}: ${user.data.login}`}
      onClose={onClose}
      footer={
        <Button
          variant="primary"
          disabled={!password || password !== again}
          data-testid="reset-save"
          onClick={async () => {
            try {
              await commands.user_reset_password(user.id, password);
              onDone();
              onClose();
            } catch (e) {
              setError(e);
            }
          }}
        >
          {t("save")}
        </Button>
      }
    >
      <p className="muted">{t("users_reset_hint")}</p>
      <TextField label={t("users_new_password")} type="password" value={password} onChange={setPassword} hint={t("password_rule")} testId="reset-password" />
      <TextField label={t("password_again")} type="password" value={again} onChange={setAgain} error={again && password !== again ? t("password_mismatch") : undefined} testId="reset-again" />
      {error ? <ErrorBanner text={failureText(i18n, error)} /> : null}
    </Dialog>
  );
}

/** Links this login to a teacher who has none ("from either side"). */
function LinkTeacher({ user, onClose }: { user: Rec<UserForm>; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const teachers = useQuery({ queryKey: queryKeys.teachers, queryFn: commands.teachers_list });
  const write = useWrite([queryKeys.teachers, queryKeys.loginLinks, queryKeys.users]);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<unknown>(null);
  const free = (teachers.data ?? []).filter((x) => !x.data.user_id);
  return (
    <Dialog
      title={`${t("users_link_teacher")}: ${user.data.login}`}
      onClose={onClose}
      footer={
        <Button
          variant="primary"
          disabled={!chosen}
          data-testid="user-link-save"
          onClick={async () => {
            try {
              await write(() => commands.login_link({ kind: "teacher", id: chosen }, user.id));
              toast(t("saved"));
              onClose();
            } catch (e) {
              setError(e);
            }
          }}
        >
          {t("save")}
        </Button>
      }
    >
      <Field label={t("person_teacher")} hint={t("login_link_hint")}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="user-link-choice">
            <option value="">—</option>
            {free.map((x) => (
              <option key={x.id} value={x.id}>
                {x.data.full_name}
                {x.data.nip ? ` · ${x.data.nip}` : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      {error ? <ErrorBanner text={failureText(i18n, error)} /> : null}
    </Dialog>
  );
}
