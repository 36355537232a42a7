// The shell every small form of a screen repeats (folded out of the fee
// screens, issue 17): a write with its busy flag and its refusal, and a
// panel form that submits without reloading and shows that refusal in the
// user's language. Any screen may use them.
import type { QueryKey } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useCallback, useState } from "react";
import { errorText, useI18n } from "../i18n";
import { useWrite } from "../queries";
import { ErrorBanner } from "./ui";

/** A write that refreshes `changed` when it succeeds, with `saving` while
 * it runs and the refusal in `error`. `save` answers `{ value }` when the
 * command succeeded and `null` when it was refused (the error is kept for
 * the form to show), so a caller never has to catch. */
export function useSave(changed: readonly QueryKey[]) {
  const write = useWrite(changed);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = useCallback(
    async <R,>(command: () => Promise<R>): Promise<{ value: R } | null> => {
      setSaving(true);
      setError(null);
      try {
        return { value: await write(command) };
      } catch (e) {
        setError(e);
        return null;
      } finally {
        setSaving(false);
      }
    },
    [write],
  );
  return { save, saving, error, setError };
}

/** A form in a panel: its title, the refusal (if any) above its fields,
 * and a submit that does not reload the page. */
export function PanelForm({ title, error, onSubmit, testId, className, children }: { title?: ReactNode; error?: unknown; onSubmit: () => unknown; testId?: string; className?: string; children: ReactNode }) {
  const i18n = useI18n();
  return (
    <form
      className={className ? `panel ${className}` : "panel"}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void onSubmit();
      }}
      data-testid={testId}
    >
      {title ? <h3>{title}</h3> : null}
      {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
      {children}
    </form>
  );
}
