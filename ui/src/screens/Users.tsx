// The users screen (administrators only): accounts, their roles, and
// resetting a password.
import { useState } from "react";
import { commands, Rec, Role, User } from "../bindings";
import { RecordScreen, type RestoreProps } from "../components/RecordScreen";
import { Button, Dialog, EmptyState, Field, useToast } from "../components/ui";
import { errorText, Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";

type UserForm = { login: string; display_name: string; password: string; roles: Role[]; active: boolean };

const ROLES: Role[] = ["admin", "teacher", "homeroom", "student", "parent", "bursar"];

async function allUsers(): Promise<Rec<UserForm>[]> {
  const users = await commands.users_list();
  return users.map((u) => ({ ...u, data: { ...u.data, password: "" } }));
}

export function UsersScreen(props: RestoreProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [resetting, setResetting] = useState<Rec<User> | null>(null);
  const [password, setPassword] = useState("");
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
        list={allUsers}
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
