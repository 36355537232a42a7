// TEMPORARY (issue 12, item 3): the gradebook commands' wire types and
// calls, written by hand from the spec in notes/COMMON12.md while the
// server side is built in another branch. At merge, the generated
// bindings.ts has these types and `commands.*`; this module is then
// replaced by re-exports from "../bindings" (the screens import only
// `gradebookApi` and the types from here, so that swap is one file).
import { invoke } from "../platform";

export type SignoffStatus = "draft" | "submitted" | "approved";

export type GradebookChoice = { class_id: string, class_name: string, subject_id: string, subject_name: string, term_id: string, term_name: string, };

export type BandView = { min: string, label: string, };

export type ComponentView = { id: string, name: string, kind: string, weight: string, };

export type SchemeView = { id: string, kkm: string, rounding_places: number, rounding_mode: string, bands: Array<BandView>, components: Array<ComponentView>, };

export type GradebookColumn = { id: string, component_id: string, name: string, position: number, };

export type GradebookStudent = { student_id: string, full_name: string, nis: string, };

export type GradebookScore = { assessment_id: string, student_id: string, score: string, };

export type GradebookFinal = { student_id: string, grade: string | null, predicate: string | null, passed: boolean | null, missing: Array<string>, };

export type Gradebook = { scheme: SchemeView | null, columns: Array<GradebookColumn>, students: Array<GradebookStudent>, scores: Array<GradebookScore>, finals: Array<GradebookFinal>, status: SignoffStatus, editable: boolean, };

export type CellInput = { assessment_id: string, student_id: string, text: string, };

export type ComponentInput = { id: string | null, name: string, kind: string, weight: string, };

export type SchemeInput = { kkm: string, rounding_places: number, rounding_mode: string, bands: Array<BandView>, components: Array<ComponentInput>, };

/** The gradebook's commands; each rejects with a `UiError`. */
export const gradebookApi = {
  gradebook_choices: (): Promise<Array<GradebookChoice>> => invoke("gradebook_choices"),
  gradebook_open: (class_id: string, subject_id: string, term_id: string): Promise<Gradebook> => invoke("gradebook_open", { class_id, subject_id, term_id }),
  gradebook_save: (class_id: string, subject_id: string, term_id: string, cells: Array<CellInput>): Promise<Array<GradebookFinal>> => invoke("gradebook_save", { class_id, subject_id, term_id, cells }),
  scheme_save: (subject_id: string, term_id: string, scheme: SchemeInput): Promise<SchemeView> => invoke("scheme_save", { subject_id, term_id, scheme }),
  assessment_add: (class_id: string, component_id: string, name: string): Promise<GradebookColumn> => invoke("assessment_add", { class_id, component_id, name }),
  assessment_rename: (id: string, name: string): Promise<GradebookColumn> => invoke("assessment_rename", { id, name }),
  assessment_remove: (id: string, with_scores: boolean): Promise<null> => invoke("assessment_remove", { id, with_scores }),
  signoff_set: (class_id: string, term_id: string, status: SignoffStatus): Promise<null> => invoke("signoff_set", { class_id, term_id, status }),
  signoff_unlock: (class_id: string, term_id: string): Promise<null> => invoke("signoff_unlock", { class_id, term_id }),
};
