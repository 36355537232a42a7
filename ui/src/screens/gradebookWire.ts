// The gradebook's wire types and calls, from the generated bindings (the
// screens import them from here, one place).
import { commands } from "../bindings";

export type {
  BandView,
  CellInput,
  ComponentInput,
  ComponentView,
  Gradebook,
  GradebookChoice,
  GradebookColumn,
  GradebookFinal,
  GradebookScore,
  GradebookStudent,
  SchemeInput,
  SchemeView,
  SignoffStatus,
} from "../bindings";

/** The gradebook's commands; each rejects with a `UiError`. */
export const gradebookApi = {
  gradebook_choices: commands.gradebook_choices,
  gradebook_open: commands.gradebook_open,
  gradebook_save: commands.gradebook_save,
  scheme_save: commands.scheme_save,
  assessment_add: commands.assessment_add,
  assessment_rename: commands.assessment_rename,
  assessment_remove: commands.assessment_remove,
  signoff_set: commands.signoff_set,
  signoff_unlock: commands.signoff_unlock,
};
