// The signed-in user, as the shell describes them: who they are and what
// they may do (`abilities`, computed by the Rust policy). Screens offer
// only what will not be refused (issue 16, item 2).
import { createContext, useContext } from "react";
import type { Abilities, SessionInfo } from "./bindings";

export const SessionContext = createContext<SessionInfo | null>(null);

const NOTHING: Abilities = {
  read_directory: false,
  manage_directory: false,
  manage_enrollment: false,
  manage_users: false,
  read_audit: false,
  import_export: false,
  read_every_roster: false,
  classes: [],
  edit_classes: [],
  must_change_password: false,
};

/** The signed-in user (null outside a session). */
export function useSession(): SessionInfo | null {
  return useContext(SessionContext);
}

/** Roles that keep a gradebook (issue 12, item 3): the server says which
 * classes and subjects (gradebook_choices); an administrator sees all. */
export function mayGrade(roles: readonly string[]): boolean {
  return roles.some((r) => r === "admin" || r === "teacher" || r === "homeroom");
}

/** What the signed-in user may do (nothing outside a session). */
export function useAbilities(): Abilities {
  return useContext(SessionContext)?.abilities ?? NOTHING;
}
