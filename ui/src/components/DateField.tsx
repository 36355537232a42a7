// A date typed and shown day-month-year ("17-05-2013") with a calendar in
// the UI's language. WebKitGTK's own <input type="date"> follows the
// computer's locale, not the app's: in the Indonesian UI it was month-first
// with an English calendar, and "17052013" was saved as 17 December 13
// (issue 16, item 4). What is typed is read here; the parent only ever gets
// an ISO date ("2013-05-17"), "" for an empty field, or null while the text
// is not a date it may save.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Key, useI18n } from "../i18n";

/** What is wrong with a typed date (a key `date_<problem>` in i18n). */
export type DateProblem = "incomplete" | "not_a_date" | "year_short" | "too_early" | "birth_future" | "birth_too_young" | "birth_too_old";

/** The dates a field takes: any (from 1900), or a student's birth date
 * (the server's rule, core's `validate::student_birth_date`: before today,
 * at least 3 years ago, not before 1 January a hundred years back). */
export type DateKind = "any" | "birth";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoOf = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today on this computer's calendar, as an ISO date. */
export function todayIso(now = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** "2013-05-17" as the field shows it: "17-05-2013". */
export function showDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** Reads what was typed: day-month-year with -, /, . or spaces between
 * ("17-05-2013", "17/5/2013"), eight digits as DDMMYYYY ("17052013"), or an
 * ISO date pasted from elsewhere ("2013-05-17"). A year is written in full:
 * "17-05-13" is not guessed. */
export function parseDate(text: string, kind: DateKind = "any", today = todayIso()): { iso: string } | { problem: DateProblem } {
  const s = text.trim();
  if (s === "") return { iso: "" };
  let d: number, m: number, y: number;
  let parts: RegExpExecArray | null;
  if ((parts = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [d, m, y] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else if ((parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else if ((parts = /^(\d{1,2})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d+)$/.exec(s))) {
    if (parts[3].length !== 4) return { problem: "year_short" };
    [d, m, y] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else if (/^\d{6}$/.test(s)) {
    return { problem: "year_short" };
  } else if (/^[\d\s\-./]+$/.test(s)) {
    return { problem: "incomplete" };
  } else {
    return { problem: "not_a_date" };
  }
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return { problem: "not_a_date" };
  if (y < 1900) return { problem: "too_early" };
  if (y > 2100) return { problem: "not_a_date" };
  const iso = isoOf(y, m, d);
  if (kind === "birth") {
    const [ty, tm, td] = today.split("-").map(Number);
    if (iso >= today) return { problem: "birth_future" };
    // Three years before today (29 February falls back to the 28th).
    const latest = isoOf(ty - 3, tm, Math.min(td, daysIn(ty - 3, tm)));
    if (iso > latest) return { problem: "birth_too_young" };
    if (y < ty - 100) return { problem: "birth_too_old" };
  }
  return { iso };
}

/** The sentence for a problem, naming the field. */
export function dateProblemText(t: (k: Key, vars?: Record<string, string | number>) => string, problem: DateProblem, field: string, typed: string, today = todayIso()): string {
  return t(`date_${problem}` as Key, { field, value: typed.trim(), year: Number(today.slice(0, 4)) - 100 });
}

interface Props {
  id: string;
  name?: string;
  /** The field's label, for messages and the calendar's name. */
  label: string;
  /** An ISO date, or "" (or null: the parent keeps what it was told). */
  value: string | null;
  onChange: (value: string | null) => void;
  kind?: DateKind;
  describedBy?: string;
  disabled?: boolean;
  required?: boolean;
  testId?: string;
  /** Show a problem even before the field was left (the form was sent). */
  showProblem?: boolean;
}

export function DateField({ id, name, label, value, onChange, kind = "any", describedBy, disabled, required, testId, showProblem }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState(value ? showDate(value) : "");
  const [left, setLeft] = useState(false);
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  // A value set from outside (a restored draft, a reloaded record, a day
  // picked in the calendar) replaces the text unless the text already says
  // it (adjusted while rendering, as React advises, not in an effect).
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    const read = parseDate(text, "any");
    if (value !== null && (!("iso" in read) || read.iso !== value)) setText(value ? showDate(value) : "");
  }

  // The calendar is placed once, under the field: when the page or the
  // dialog scrolls, or the window changes size, it closes rather than float
  // away from its field.
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e.target instanceof Node && wrap.current?.contains(e.target)) return;
      setOpen(false);
    };
    document.addEventListener("scroll", close, true);
    window.addEventListener("resize", close);
    return () => {
      document.removeEventListener("scroll", close, true);
      window.removeEventListener("resize", close);
    };
  }, [open]);

  const read = parseDate(text, kind);
  const problem = "problem" in read ? read.problem : null;
  const shown = problem && (left || showProblem) ? dateProblemText(t, problem, label, text) : null;
  const problemId = `${id}-date-problem`;

  const type = (next: string) => {
    setText(next);
    const r = parseDate(next, kind);
    onChange("iso" in r ? r.iso : null);
  };
  const pick = (iso: string) => {
    setText(showDate(iso));
    setLeft(true);
    onChange("iso" in parseDate(iso, kind) ? iso : null);
    setOpen(false);
    input.current?.focus();
  };

  return (
    <div
      className="datefield"
      ref={wrap}
      onBlur={() => {
        // Where focus went is known once the blur is over (a day button the
        // calendar replaced on turning the month loses focus too).
        setTimeout(() => {
          if (wrap.current && !wrap.current.contains(document.activeElement)) setOpen(false);
        });
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          // Closes the calendar only, not the form around it.
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          input.current?.focus();
        }
      }}
    >
      <div className="datefield-row">
        <input
          id={id}
          name={name}
          ref={input}
          value={text}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t("date_placeholder")}
          aria-describedby={[describedBy, shown ? problemId : undefined].filter(Boolean).join(" ") || undefined}
          aria-invalid={shown ? true : undefined}
          aria-required={required || undefined}
          disabled={disabled}
          className={shown ? "invalid" : undefined}
          onChange={(e) => type(e.target.value)}
          onBlur={() => {
            setLeft(true);
            // "17052013" reads back as "17-05-2013" once the field is left.
            const r = parseDate(text, kind);
            if ("iso" in r && r.iso) setText(showDate(r.iso));
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && e.altKey) {
              e.preventDefault();
              setOpen(true);
            }
          }}
          data-testid={testId}
        />
        <button
          type="button"
          className="btn datefield-open"
          aria-label={t("date_pick", { field: label })}
          aria-expanded={open}
          title={t("date_pick", { field: label })}
          disabled={disabled}
          onClick={() => setOpen((o) => !o)}
          data-testid={testId ? `${testId}-open` : undefined}
        >
          <CalendarIcon />
        </button>
      </div>
      {shown ? (
        <div className="field-error" id={problemId} role="alert" data-testid={testId ? `${testId}-problem` : undefined}>
          {shown}
        </div>
      ) : null}
      {open ? (
        <Calendar
          label={label}
          anchor={input}
          selected={"iso" in read && read.iso ? read.iso : null}
          onPick={pick}
          testId={testId ? `${testId}-calendar` : undefined}
          lang={i18n.lang}
        />
      ) : null}
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
      <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" fill="none" />
    </svg>
  );
}

const locales = { en: "en-GB", id: "id-ID" } as const;

/** Adds days to an ISO date. */
/** The calendar moves within the years a date field accepts: holding
 * Shift+Page Up must not walk past year 0 (where `toISOString` throws). */
function clampYears(iso: string): string {
  if (iso < "1900-01-01") return "1900-01-01";
  if (iso > "2100-12-31") return "2100-12-31";
  return iso;
}

function addDays(iso: string, n: number): string {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  const y = d.getUTCFullYear();
  if (y < 1900) return "1900-01-01";
  if (y > 2100) return "2100-12-31";
  return d.toISOString().slice(0, 10);
}

/** Moves an ISO date by months, keeping the day where the month has it. */
function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  if (ny < 1900) return "1900-01-01";
  if (ny > 2100) return "2100-12-31";
  return clampYears(isoOf(ny, nm, Math.min(d, daysIn(ny, nm))));
}

/** A month's days, Monday first, as Indonesian and British calendars print them. */
function Calendar({
  label,
  anchor,
  selected,
  onPick,
  testId,
  lang,
}: {
  label: string;
  anchor: React.RefObject<HTMLInputElement | null>;
  selected: string | null;
  onPick: (iso: string) => void;
  testId?: string;
  lang: "en" | "id";
}) {
  const { t } = useI18n();
  const today = todayIso();
  const [focus, setFocus] = useState(selected ?? today);
  const grid = useRef<HTMLTableElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);

  // Below the field, or above it when the window has no room below; kept
  // inside the window (a dialog's body scrolls and would cut it off).
  useLayoutEffect(() => {
    const a = anchor.current?.getBoundingClientRect();
    const b = box.current?.getBoundingClientRect();
    if (!a || !b) return;
    const below = a.bottom + 4;
    const top = below + b.height > window.innerHeight - 8 ? Math.max(8, a.top - 4 - b.height) : below;
    const left = Math.max(8, Math.min(a.left, window.innerWidth - b.width - 8));
    setPlace({ top, left });
  }, [anchor]);

  useLayoutEffect(() => {
    grid.current?.querySelector<HTMLElement>(`[data-day="${focus}"]`)?.focus();
  }, [focus]);

  const [y, m] = focus.split("-").map(Number);
  const first = isoOf(y, m, 1);
  const lead = (new Date(first + "T00:00:00Z").getUTCDay() + 6) % 7;
  const start = addDays(first, -lead);
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) weeks.push(Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d)));
  const locale = locales[lang];
  const monthTitle = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(first + "T00:00:00Z"));
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  const dayName = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));

  const onKeyDown = (e: React.KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focus, e.shiftKey ? 12 : 1),
    };
    if (e.key in moves) {
      e.preventDefault();
      setFocus(moves[e.key]());
    }
  };

  const nav = (n: number, key: Key) => (
    <button type="button" className="btn btn-ghost datefield-nav" aria-label={t(key)} title={t(key)} onClick={() => setFocus(addMonths(focus, n))} data-testid={testId ? `${testId}-${key}` : undefined}>
      {Math.abs(n) === 12 ? (n < 0 ? "«" : "»") : n < 0 ? "‹" : "›"}
    </button>
  );

  return (
    <div
      className="datefield-calendar"
      role="dialog"
      aria-label={t("date_pick", { field: label })}
      ref={box}
      style={place ? { top: place.top, left: place.left } : { visibility: "hidden" }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div className="datefield-head">
        {nav(-12, "date_prev_year")}
        {nav(-1, "date_prev_month")}
        <strong aria-live="polite" data-testid={testId ? `${testId}-month` : undefined}>
          {monthTitle}
        </strong>
        {nav(1, "date_next_month")}
        {nav(12, "date_next_year")}
      </div>
      <table role="grid" ref={grid}>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d.toISOString()} scope="col" abbr={weekdayLong.format(d)}>
                {weekday.format(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const inMonth = Number(day.slice(5, 7)) === m;
                const classes = ["datefield-day", inMonth ? "" : "other-month", day === selected ? "selected" : "", day === today ? "today" : ""].filter(Boolean).join(" ");
                return (
                  <td key={day} role="gridcell" aria-selected={day === selected}>
                    <button
                      type="button"
                      className={classes}
                      tabIndex={day === focus ? 0 : -1}
                      aria-label={dayName.format(new Date(day + "T00:00:00Z"))}
                      aria-current={day === today ? "date" : undefined}
                      data-day={day}
                      onClick={() => onPick(day)}
                    >
                      {Number(day.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="datefield-foot">
        <button type="button" className="btn btn-ghost" onClick={() => onPick(today)} data-testid={testId ? `${testId}-today` : undefined}>
          {t("date_today")}
        </button>
      </div>
    </div>
  );
}
