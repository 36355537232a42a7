// The list every screen uses: search, sort by any column, filters, column
// choices (remembered in the UI-local store), keyboard navigation, and
// virtualized rows so 3,000+ students scroll smoothly.
import { useVirtualizer } from "@tanstack/react-virtual";
import { ReactNode, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { useI18n } from "../i18n";
import { local } from "../local";
import { EmptyState, SelectMenu } from "./ui";

export interface Column<T> {
  key: string;
  label: string;
  /** The value used to search and sort. */
  value: (row: T) => string | number | null;
  /** Sorts by this instead, when the order is not the text's (a class
   * name sorts by grade first: VII, VIII, IX). */
  sortValue?: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  /** The text a cell shows, when it is not `value` (a date written out):
   * shown, measured for `fit`, and the cell's title. */
  display?: (row: T) => string;
  width?: string;
  /** Sized to its widest value and never cut: identity numbers (NIS, NISN,
   * NIP, NUPTK), dates, codes, class names (issue 16, item 3). The header
   * may wrap between words instead. */
  fit?: boolean;
}

/** What a screen can ask of its table: put the keyboard back on a row (a
 * closed side panel gives focus back to the row it was opened from). */
export interface TableHandle {
  focusRow: (key: string) => void;
}

export interface Filter<T> {
  key: string;
  label: string;
  options: { value: string; label: string }[];
  test: (row: T, value: string) => boolean;
}

interface Props<T> {
  id: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  onOpen?: (row: T) => void;
  filters?: Filter<T>[];
  toolbar?: ReactNode;
  empty?: ReactNode;
  /** When set, searching is done by the caller (e.g. on the server). */
  onSearch?: (text: string) => void;
  selectedKey?: string | null;
  label: string;
  /** Escape on the list (closes a side panel). */
  onEscape?: () => void;
  handle?: Ref<TableHandle>;
}

const ROW_HEIGHT = 36;
/** A cell's padding, left and right, and a little room for rounding. */
const CELL_PAD = 22;

let measureContext: CanvasRenderingContext2D | null | undefined;

/** How wide `texts` are in the table's font, in pixels. Without a canvas
 * (component tests) an estimate from their length. */
export function textWidth(texts: string[], font: { weight: string; size: string }): number {
  if (measureContext === undefined) {
    try {
      measureContext = document.createElement("canvas").getContext("2d");
    } catch {
      measureContext = null;
    }
  }
  const ctx = measureContext;
  if (!ctx || typeof ctx.measureText !== "function") {
    return Math.max(0, ...texts.map((t) => t.length)) * (parseFloat(font.size) || 14) * 0.62;
  }
  ctx.font = `${font.weight} ${font.size} ${getComputedStyle(document.body).fontFamily || "sans-serif"}`;
  let widest = 0;
  for (const t of texts) widest = Math.max(widest, ctx.measureText(t).width);
  return widest;
}

/** The text a column shows for a row. */
function shownText<T>(c: Column<T>, row: T): string {
  return c.display ? c.display(row) : String(c.value(row) ?? "");
}

/** A column's grid track. Flexible columns (names) keep room to be read
 * when the table is narrow (a side panel open, a small screen); fixed ones
 * give way first. */
export function track(width?: string): string {
  const w = width ?? "1fr";
  return w.endsWith("fr") ? `minmax(140px, ${w})` : `minmax(48px, ${w})`;
}

export function DataTable<T>({ id, rows, columns, rowKey, onOpen, filters = [], toolbar, empty, onSearch, selectedKey, label, onEscape, handle }: Props<T>) {
  const { t, number } = useI18n();
  const [text, setText] = useState("");
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const [filterValues, setFilterValues] = useState<Record<string, string>>({});
  const [hidden, setHidden] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const [showColumns, setShowColumns] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  // The one header button in the Tab order; arrow keys move between them
  // (issue 16, item 9: seven sort buttons were seven Tabs in the way).
  const [headFocus, setHeadFocus] = useState(0);

  useEffect(() => {
    local().then((s) => s.getPref<string[]>(`columns:${id}`)).then((h) => h && setHidden(h));
  }, [id]);

  const toggleColumn = (key: string) => {
    const next = hidden.includes(key) ? hidden.filter((k) => k !== key) : [...hidden, key];
    setHidden(next);
    local().then((s) => s.putPref(`columns:${id}`, next));
  };

  const visibleColumns = columns.filter((c) => !hidden.includes(c.key));

  const shown = useMemo(() => {
    let list = rows;
    // Every word must appear, in any column and any order ("salsa putri"
    // finds Putri Salsabila; "putri 7a" her in class 7A).
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && !onSearch) {
      list = list.filter((row) => {
        const cells = columns.map((c) => String(c.value(row) ?? "").toLowerCase());
        return words.every((w) => cells.some((cell) => cell.includes(w)));
      });
    }
    for (const f of filters) {
      const v = filterValues[f.key];
      if (v) list = list.filter((row) => f.test(row, v));
    }
    if (sort) {
      const col = columns.find((c) => c.key === sort.key);
      if (col) {
        const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
        list = [...list].sort((a, b) => {
          const key = col.sortValue ?? col.value;
          const x = key(a) ?? "";
          const y = key(b) ?? "";
          const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
          return c * sort.dir;
        });
      }
    }
    return list;
  }, [rows, text, sort, filterValues, columns, filters, onSearch]);

  // TanStack Virtual hands back functions React's compiler cannot memoize
  // safely; the app is not compiled by it, so only this note applies.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  let items = virtualizer.getVirtualItems();
  // Without layout (component tests) the virtualizer sees no height; show the
  // first rows so what is on screen can still be checked.
  if (!items.length && shown.length) {
    items = shown.slice(0, 30).map((_, index) => ({ index, start: index * ROW_HEIGHT, size: ROW_HEIGHT, end: (index + 1) * ROW_HEIGHT, key: index, lane: 0 }));
  }

  useEffect(() => {
    if (active >= shown.length) setActive(Math.max(0, shown.length - 1));
  }, [shown.length, active]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === "/" && !["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) && !document.querySelector(".overlay")) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const onGridKey = (e: React.KeyboardEvent) => {
    const move = (to: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(shown.length - 1, to));
      setActive(next);
      virtualizer.scrollToIndex(next);
    };
    if (e.key === "ArrowDown") move(active + 1);
    else if (e.key === "ArrowUp") move(active - 1);
    else if (e.key === "PageDown") move(active + 15);
    else if (e.key === "PageUp") move(active - 15);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(shown.length - 1);
    else if (e.key === "Enter" && shown[active] && onOpen) {
      e.preventDefault();
      onOpen(shown[active]);
    } else if (e.key === "Escape" && onEscape) {
      e.preventDefault();
      onEscape();
    }
  };

  const headerSort = (key: string) =>
    setSort((s) => (s?.key === key ? (s.dir === 1 ? { key, dir: -1 } : null) : { key, dir: 1 }));

  // Fitted columns are as wide as their widest value in the whole list (not
  // only the rows on screen, so widths do not jump while scrolling), or the
  // header's longest word.
  const fitWidths = useMemo(() => {
    const widths: Record<string, number> = {};
    for (const c of visibleColumns) {
      if (!c.fit) continue;
      const cells = textWidth(rows.map((r) => shownText(c, r)), { weight: "400", size: "14px" });
      // (A sort arrow may go to the header's next line.)
      const head = textWidth(c.label.split(/\s+/), { weight: "600", size: "13px" });
      widths[c.key] = Math.ceil(Math.max(cells, head) + CELL_PAD);
    }
    return widths;
  }, [rows, visibleColumns]);
  const template = visibleColumns.map((c) => (c.fit ? `${fitWidths[c.key]}px` : track(c.width))).join(" ");
  // Narrower than this, the list scrolls sideways instead of cutting numbers.
  const minWidth = visibleColumns.reduce((sum, c) => sum + (c.fit ? fitWidths[c.key] : (c.width ?? "1fr").endsWith("fr") ? 140 : 48), 0);

  const focusRow = (index: number) => {
    setActive(index);
    virtualizer.scrollToIndex(index);
    scrollRef.current?.focus();
  };
  useImperativeHandle(handle, () => ({
    focusRow: (key: string) => {
      const index = shown.findIndex((r) => rowKey(r) === key);
      if (index >= 0) focusRow(index);
      else scrollRef.current?.focus();
    },
  }));

  const onHeadKey = (e: React.KeyboardEvent, index: number) => {
    const last = visibleColumns.length - 1;
    const to = e.key === "ArrowRight" ? Math.min(last, index + 1) : e.key === "ArrowLeft" ? Math.max(0, index - 1) : e.key === "Home" ? 0 : e.key === "End" ? last : null;
    if (to === null) return;
    e.preventDefault();
    setHeadFocus(to);
    headRef.current?.querySelectorAll<HTMLButtonElement>("button.sort")[to]?.focus();
  };
  const anyFilter = text.trim() !== "" || Object.values(filterValues).some(Boolean);

  return (
    <div className="table-wrap" data-testid={`table-${id}`}>
      <div className="toolbar">
        <input
          ref={searchRef}
          type="search"
          className="search"
          placeholder={t("search_hint")}
          aria-label={t("search")}
          value={text}
          data-testid={`search-${id}`}
          onChange={(e) => {
            setText(e.target.value);
            onSearch?.(e.target.value);
          }}
          // The results are one key away (issue 16, item 9).
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && shown.length) {
              e.preventDefault();
              focusRow(0);
            }
          }}
          aria-keyshortcuts="ArrowDown"
        />
        {/* The app's own list, not the native select: WebKitGTK's popup
            trapped Tab and ran off a 700 px window (issue 16, item 9). */}
        {filters.map((f) => (
          <SelectMenu
            key={f.key}
            label={f.label}
            value={filterValues[f.key] ?? ""}
            options={[{ value: "", label: t("filter_all") }, ...f.options]}
            onChange={(value) => setFilterValues((v) => ({ ...v, [f.key]: value }))}
            testId={`filter-${id}-${f.key}`}
          />
        ))}
        <div className="columns-menu">
          <button type="button" className="btn btn-ghost" aria-expanded={showColumns} onClick={() => setShowColumns((s) => !s)}>
            ☰
            <span className="sr-only">{t("table_columns")}</span>
          </button>
          {showColumns ? (
            <div className="menu" role="group">
              {columns.map((c) => (
                <label key={c.key}>
                  <input type="checkbox" checked={!hidden.includes(c.key)} onChange={() => toggleColumn(c.key)} /> {c.label}
                </label>
              ))}
            </div>
          ) : null}
        </div>
        <span className="count">{t("rows_count", { count: number(shown.length) })}</span>
        <div className="toolbar-actions">{toolbar}</div>
      </div>
      {shown.length === 0 ? (
        anyFilter ? <EmptyState title={t("empty_filtered")} /> : (empty ?? <EmptyState title={t("empty_title")} />)
      ) : (
        <div className="grid" role="grid" aria-label={label} aria-rowcount={shown.length + 1}>
          <div className="grid-head" role="row" ref={headRef} style={{ gridTemplateColumns: template, minWidth }}>
            {visibleColumns.map((c, index) => (
              <div
                key={c.key}
                role="columnheader"
                aria-sort={sort?.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
              >
                <button
                  type="button"
                  className="sort"
                  tabIndex={index === Math.min(headFocus, visibleColumns.length - 1) ? 0 : -1}
                  onFocus={() => setHeadFocus(index)}
                  onKeyDown={(e) => onHeadKey(e, index)}
                  onClick={() => headerSort(c.key)}
                >
                  {c.label}
                  <span aria-hidden>{sort?.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}</span>
                </button>
              </div>
            ))}
          </div>
          <div
            className="grid-body"
            ref={scrollRef}
            tabIndex={0}
            onKeyDown={onGridKey}
            aria-activedescendant={shown[active] ? `${id}-row-${active}` : undefined}
            style={{ minWidth }}
            data-testid={`rows-${id}`}
          >
            <div style={{ height: virtualizer.getTotalSize() || shown.length * ROW_HEIGHT, position: "relative" }}>
              {items.map((item) => {
                const row = shown[item.index];
                if (!row) return null;
                const key = rowKey(row);
                return (
                  <div
                    key={key}
                    id={`${id}-row-${item.index}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={selectedKey === key || undefined}
                    className={`grid-row ${item.index === active ? "active" : ""} ${selectedKey === key ? "selected" : ""}`}
                    style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template, minHeight: ROW_HEIGHT }}
                    onClick={() => {
                      setActive(item.index);
                      onOpen?.(row);
                    }}
                    data-testid={`row-${id}`}
                  >
                    {visibleColumns.map((c) => {
                      const text = shownText(c, row);
                      // A cell that may be cut (names wrap to two lines, then
                      // end in "…") carries its whole text as a title for the
                      // mouse; the keyboard's row shows it whole (styles.css)
                      // and a screen reader reads the row's full text.
                      return (
                        <div key={c.key} role="gridcell" className={c.fit ? "cell cell-fit" : "cell cell-clip"} title={c.fit || !text ? undefined : text}>
                          {c.render ? c.render(row) : text}
                        </div>
                      );
                    })}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
