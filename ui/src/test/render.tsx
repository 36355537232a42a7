// Renders a piece of the UI as the app does: a fresh query cache (nothing
// carried between tests), the language, the toasts, and the signed-in user
// (an administrator unless a test says otherwise).
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { ReactNode } from "react";
import type { Abilities, SessionInfo } from "../bindings";
import { ToastProvider } from "../components/ui";
import { I18nContext, Lang, makeI18n } from "../i18n";
import { makeQueryClient } from "../queries";
import { SessionContext } from "../session";

const everything: Abilities = {
  read_directory: true,
  manage_directory: true,
  manage_enrollment: true,
  manage_users: true,
  read_audit: true,
  import_export: true,
  read_every_roster: true,
  classes: [],
  edit_classes: [],
  must_change_password: false,
};

export const ADMIN: SessionInfo = { user_id: "u-admin", login: "kurikulum", display_name: "Bu Sari", roles: ["admin"], abilities: everything };

/** A teacher of the given classes, who may change nothing. */
export function teacherSession(classes: string[]): SessionInfo {
  return {
    user_id: "u-teacher",
    login: "siti.rahayu",
    display_name: "Siti Rahayu",
    roles: ["teacher"],
    abilities: { ...everything, manage_directory: false, manage_enrollment: false, manage_users: false, read_audit: false, import_export: false, read_every_roster: false, classes, edit_classes: [] },
  };
}

export function wrap(node: ReactNode, lang: Lang = "en", session: SessionInfo = ADMIN) {
  return render(
    <QueryClientProvider client={makeQueryClient()}>
      <I18nContext.Provider value={makeI18n(lang, () => {})}>
        <SessionContext.Provider value={session}>
          <ToastProvider>{node}</ToastProvider>
        </SessionContext.Provider>
      </I18nContext.Provider>
    </QueryClientProvider>,
  );
}
