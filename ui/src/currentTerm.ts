// The semester a term picker starts on (issue 12 gap): the one the user
// picked, else the one today falls in by the school's clock (the
// dashboard's `term`, from the app's clock, not this PC's), else the first.
import { useQuery } from "@tanstack/react-query";
import { commands } from "./bindings";
import { queryKeys } from "./keys";

/** The id of the semester today falls in, once the dashboard has said. */
export function useCurrentTermId(): string | undefined {
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: commands.dashboard });
  return dashboard.data?.term?.id ?? undefined;
}

/** Of `ids` (in picker order): the picked one, else the current one, else the first. */
export function termToShow(ids: string[], picked: string | null | undefined, current: string | undefined): string | undefined {
  if (picked && ids.includes(picked)) return picked;
  if (current && ids.includes(current)) return current;
  return ids[0];
}
