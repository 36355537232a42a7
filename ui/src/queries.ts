// The data layer: every command answer the screens read goes through
// TanStack Query under a typed key (keys.ts), so a lookup is cached
// instead of fetched again on every mount, a failure is an error the
// screen shows (never swallowed), and a write invalidates what it changed.
import { QueryClient, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback } from "react";
import { commands, type Class, type Rec } from "./bindings";
import { queryKeys } from "./keys";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A command's failure is the answer (a UiError), not a flaky network:
      // show it at once. Data changes through this window's own writes,
      // which invalidate what they touch; a minute covers other desktops.
      queries: { retry: false, staleTime: 60_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** Runs a write and then invalidates `changed` (and the dashboard's
 * counts); rejects as the command did, for the form to show. */
export function useWrite(changed: readonly QueryKey[]) {
  const client = useQueryClient();
  const { mutateAsync } = useMutation({
    mutationFn: (write: () => Promise<unknown>) => write(),
    onSuccess: () => Promise.all([...changed, queryKeys.dashboard].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
  return useCallback(<R,>(write: () => Promise<R>) => mutateAsync(write) as Promise<R>, [mutateAsync]);
}

/** The rules `crates/app` decides and the UI shows (asked once). */
export function useRules() {
  return useQuery({ queryKey: queryKeys.rules, queryFn: commands.domain_rules, staleTime: Infinity });
}

/** Names of teachers, subjects, classes and years, for pickers and columns
 * (the same cache entries as their list screens). */
/** Classes as a school counts them: by grade (VII, VIII, IX — not the
 * alphabet's IX, VII, VIII), then by name (A, B, C; 2 before 10). */
export function inSchoolOrder(classes: Rec<Class>[]): Rec<Class>[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  return [...classes].sort((a, b) => a.data.grade_level - b.data.grade_level || collator.compare(a.data.name, b.data.name));
}

/** The classes list and lookup (one cache entry), in school order. */
export async function listClasses(): Promise<Rec<Class>[]> {
  return inSchoolOrder(await commands.classes_list());
}

export function useLookups() {
  const teachers = useQuery({ queryKey: queryKeys.teachers, queryFn: commands.teachers_list });
  const subjects = useQuery({ queryKey: queryKeys.subjects, queryFn: commands.subjects_list });
  const classes = useQuery({ queryKey: queryKeys.classes, queryFn: listClasses });
  const years = useQuery({ queryKey: queryKeys.years, queryFn: commands.years_list });
  const all = [teachers, subjects, classes, years];
  const failed = all.find((q) => q.error);
  const name = <T,>(list: Rec<T>[] | undefined, id: string | null, label: (d: T) => string) => {
    const found = list?.find((r) => r.id === id);
    return found ? label(found.data) : "";
  };
  return {
    teachers: teachers.data ?? [],
    subjects: subjects.data ?? [],
    classes: classes.data ?? [],
    years: years.data ?? [],
    /** The first lookup that failed, and how to ask again. */
    error: failed?.error ?? null,
    retry: () => all.filter((q) => q.error).forEach((q) => q.refetch()),
    teacherName: (id: string | null) => name(teachers.data, id, (d) => d.full_name),
    subjectName: (id: string | null) => name(subjects.data, id, (d) => `${d.code} ${d.name}`),
    className: (id: string | null) => name(classes.data, id, (d) => d.name),
    yearName: (id: string | null) => name(years.data, id, (d) => d.name),
  };
}
