// The design system: buttons, fields, dialogs, toasts, empty and loading
// states. Plain React and CSS (styles.css); every control is a native
// element, so the keyboard works everywhere without extra code.
import { createContext, ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n";

type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "danger" | "ghost";
  busy?: boolean;
};

export function Button({ variant = "secondary", busy, children, className, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      className={`btn btn-${variant} ${className ?? ""}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner spinner-small" aria-hidden /> : null}
      {children}
    </button>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      <span>{label ?? t("loading")}</span>
    </div>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty-art" aria-hidden>
        ☐
      </div>
      <h3>{title}</h3>
      {hint ? <p>{hint}</p> : null}
      {action}
    </div>
  );
}

export function ErrorBanner({ text, onRetry }: { text: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-error" role="alert">
      <span>{text}</span>
      {onRetry ? <Button variant="ghost" onClick={onRetry}>{t("retry")}</Button> : null}
    </div>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A labelled control with its hint and its error (the server's message). */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? id + "-hint" : undefined;
  const errorId = error ? id + "-error" : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${error ? "field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden> *</span> : null}
      </label>
      {children(id, describedBy)}
      {hint ? <div className="hint" id={hintId}>{hint}</div> : null}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** A one-line text (or password) input in a `Field`. */
export function TextField({
  label,
  value,
  onChange,
  type = "text",
  error,
  hint,
  required,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "password";
  error?: string;
  hint?: string;
  required?: boolean;
  testId?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(id, describedBy) => <input id={id} type={type} aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />}
    </Field>
  );
}

/** A file chooser in the UI's language: the browser's own button (whose
 * label WebKit writes in the system's language) is kept for the keyboard and
 * screen readers but hidden; a button-like label and the chosen name show. */
export function FilePicker({ label, accept, fileName, onChoose, testId }: { label: string; accept: string; fileName?: string | null; onChoose: (f: File | undefined) => void; testId?: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="file-pick">
      <span>{label}</span>
      <div className="file-pick-row">
        <input id={id} type="file" className="sr-only" accept={accept} data-testid={testId} onChange={(e) => onChoose(e.target.files?.[0])} />
        <label htmlFor={id} className="btn">
          {t("file_browse")}
        </label>
        <span className="muted">{fileName ?? t("file_none")}</span>
      </div>
    </div>
  );
}

/** The elements Tab can reach inside `root`, in order. */
function tabbable(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>("input, select, textarea, button, a[href], [tabindex]")].filter(
    (el) => !el.hasAttribute("disabled") && el.tabIndex >= 0 && !el.closest("[hidden]"),
  );
}

/** A modal dialog: focus moves in, stays in (Tab and Shift+Tab wrap, and
 * focus that lands outside, e.g. from a shortcut, is brought back), Escape
 * closes it, and focus goes back to where it was when it closes. */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>("input, select, textarea, button:not(.dialog-x)");
    (first ?? ref.current)?.focus();
    // Only the top dialog (the last one opened) holds focus.
    const onFocusIn = (e: FocusEvent) => {
      const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
      const top = dialogs[dialogs.length - 1];
      if (ref.current && top === ref.current && e.target instanceof Node && !ref.current.contains(e.target)) ref.current.focus();
    };
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
    } else if (e.key === "Tab" && ref.current) {
      const items = tabbable(ref.current);
      if (!items.length) {
        e.preventDefault();
        return;
      }
      const first = items[0];
      const last = items[items.length - 1];
      const at = items.indexOf(document.activeElement as HTMLElement);
      // From the dialog itself (or anything not in the Tab order) Tab goes
      // to the first control and Shift+Tab to the last, never out.
      if (e.shiftKey && at <= 0) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === -1 || at === items.length - 1)) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`dialog ${wide ? "dialog-wide" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header>
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-x" aria-label={t("close")} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer>{footer}</footer> : null}
      </div>
    </div>
  );
}

export interface MenuOption {
  value: string;
  label: string;
}

/** A choice from a list the app draws itself, instead of a native select
 * (issue 16, item 9: WebKitGTK's popup for a select trapped Tab and ran off
 * a 700 px window). A button names the choice; Enter, Space or ArrowDown
 * open a listbox that fits the window (above the button when there is more
 * room there) and scrolls; arrows, Home/End and typed letters move; Enter
 * or Space choose; Escape closes; Tab closes it and moves on. */
export function SelectMenu({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  options: MenuOption[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<{ up: boolean; maxHeight: number }>({ up: false, maxHeight: 320 });
  const typed = useRef({ text: "", at: 0 });
  const chosen = Math.max(0, options.findIndex((o) => o.value === value));
  const current = options[chosen];

  const show = () => {
    // Fit the window: below the button, or above when there is more room.
    const rect = buttonRef.current?.getBoundingClientRect();
    const height = window.innerHeight || 700;
    const below = rect ? height - rect.bottom - 12 : 320;
    const above = rect ? rect.top - 12 : 0;
    const up = below < 200 && above > below;
    setPlace({ up, maxHeight: Math.max(120, Math.min(360, up ? above : below)) });
    setActive(chosen);
    setOpen(true);
  };
  useEffect(() => {
    if (open) listRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (open) document.getElementById(`${id}-${active}`)?.scrollIntoView?.({ block: "nearest" });
  }, [open, active, id]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };
  const choose = (index: number) => {
    const o = options[index];
    if (o && o.value !== value) onChange(o.value);
    close(true);
  };
  const onListKey = (e: React.KeyboardEvent) => {
    const last = options.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(last, to)));
    };
    if (e.key === "ArrowDown") move(active + 1);
    else if (e.key === "ArrowUp") move(active - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(last);
    else if (e.key === "PageDown") move(active + 10);
    else if (e.key === "PageUp") move(active - 10);
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      // Closes the list only, not a dialog or panel around it.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "Tab") {
      // Never a trap: the list closes and Tab goes on from the button.
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const now = e.timeStamp;
      typed.current = { text: (now - typed.current.at < 800 ? typed.current.text : "") + e.key.toLowerCase(), at: now };
      const found = options.findIndex((o) => o.label.toLowerCase().startsWith(typed.current.text));
      if (found >= 0) move(found);
    }
  };

  return (
    <div className="select-menu">
      <button
        ref={buttonRef}
        type="button"
        className="btn select-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        aria-label={`${label}: ${current?.label ?? ""}`}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(e) => {
          if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !open) {
            e.preventDefault();
            show();
          }
        }}
        data-testid={testId}
      >
        <span className="select-label">{label}:</span> {current?.label ?? ""}
        <span aria-hidden className="select-caret">
          ▾
        </span>
      </button>
      {open ? (
        <ul
          ref={listRef}
          id={`${id}-list`}
          role="listbox"
          aria-label={label}
          tabIndex={-1}
          className={`listbox ${place.up ? "listbox-up" : ""}`}
          style={{ maxHeight: place.maxHeight }}
          aria-activedescendant={`${id}-${active}`}
          onKeyDown={onListKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== buttonRef.current) setOpen(false);
          }}
          data-testid={testId ? `${testId}-list` : undefined}
        >
          {options.map((o, index) => (
            <li
              key={o.value}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === chosen}
              className={index === active ? "active" : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(index)}
            >
              {o.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Toast = { id: number; text: string; tone: "ok" | "error" };
const ToastContext = createContext<(text: string, tone?: Toast["tone"]) => void>(() => {});
export const useToast = () => useContext(ToastContext);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const push = useCallback((text: string, tone: Toast["tone"] = "ok") => {
    const id = next.current++;
    setToasts((list) => [...list, { id, text, tone }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), tone === "error" ? 8000 : 4000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === "error" ? "alert" : "status"}>
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
