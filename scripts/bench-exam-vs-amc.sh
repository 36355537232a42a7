#!/usr/bin/env bash
# Issue 13, item 10: our exam printing side by side with Auto Multiple Choice.
#
# A benchmark, not a test (AMC needs TeX Live, about 2 GB, so it stays out of
# scripts/test.sh). It writes an AMC project equivalent to `schooldesk exam
# bench`: COPIES (100) individually shuffled copies of a 40-question,
# five-option paper, 14 questions with LaTeX math (fractions, roots, sums,
# an integral, a matrix, a limit), one image, two columns on A4, each copy
# followed by its answer sheet (10-digit student number grid and the answer
# boxes), all in one PDF. It times `auto-multiple-choice prepare --mode s`
# and then our release binary's `exam print` of the same paper (on a school
# that `exam bench --prepare` made beforehand), both under GNU time (wall,
# CPU = user + system of the process and the children it waited for, peak
# RSS of the largest single process), checks both PDFs (pages, copies
# found by pdftotext, question orders) and prints one table.
#
#   sudo apt-get install --no-install-recommends auto-multiple-choice poppler-utils time python3
#   scripts/bench-exam-vs-amc.sh [OUT_DIR]
#
# Environment: SCHOOLDESK_BIN (default target/release/schooldesk: build it
# with `cargo build --release --locked -p schooldesk-cli` first), COPIES (default 100),
# AMC_MODE (default s: subject with its layout file, plus AMC's solution and
# catalog documents; `s[]` makes only the subject and layout), AMC_ENGINE
# (default pdflatex, the engine AMC's own GUI uses).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SCHOOLDESK_BIN=${SCHOOLDESK_BIN:-target/release/schooldesk}
COPIES=${COPIES:-100}
AMC_MODE=${AMC_MODE:-s}
AMC_ENGINE=${AMC_ENGINE:-pdflatex}
OUT=${1:-$(mktemp -d "${TMPDIR:-/tmp}/bench-exam-vs-amc.XXXXXX")}

missing=()
for cmd in auto-multiple-choice "$AMC_ENGINE" pdfinfo pdftotext python3; do
  command -v "$cmd" >/dev/null || missing+=("$cmd")
done
[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 || missing+=("GNU time (/usr/bin/time)")
if ((${#missing[@]})); then
  echo "missing: ${missing[*]}" >&2
  echo "install: sudo apt-get install --no-install-recommends auto-multiple-choice poppler-utils time python3" >&2
  exit 1
fi
if [[ ! -x $SCHOOLDESK_BIN ]]; then
  echo "no schooldesk binary at $SCHOOLDESK_BIN: build it with 'cargo build --release --locked -p schooldesk-cli' or set SCHOOLDESK_BIN" >&2
  exit 1
fi
SCHOOLDESK_BIN=$(realpath "$SCHOOLDESK_BIN")
[[ $COPIES =~ ^[1-9][0-9]*$ ]] || { echo "COPIES must be a positive number, not '$COPIES'" >&2; exit 1; }

mkdir -p "$OUT"
OUT=$(realpath "$OUT")
AMC_DIR=$OUT/amc
OURS_DIR=$OUT/ours
rm -rf "$AMC_DIR" "$OURS_DIR"
mkdir -p "$AMC_DIR/data" "$OURS_DIR"

# --- The AMC project: the figure and the LaTeX source ------------------------
python3 - "$AMC_DIR" "$COPIES" <<'PY'
import struct, sys, zlib

out, copies = sys.argv[1], int(sys.argv[2])

# The figure: the outline of a triangle, 300 x 160 px, 8-bit grey PNG (our bench
# has the same triangle as an SVG).
w, h = 300, 160
a, b, c = (10, 150), (290, 150), (150, 10)
def near_edge(x, y, p, q, width=1.6):
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    px, py = x1 + t * dx, y1 + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= width * width
rows = bytearray()
for y in range(h):
    rows.append(0)  # filter: none
    for x in range(w):
        dark = near_edge(x, y, a, b) or near_edge(x, y, b, c) or near_edge(x, y, c, a)
        rows.append(0 if dark else 255)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
with open(f"{out}/segitiga.png", "wb") as f:
    f.write(png)

# The paper: the same 40 questions as `schooldesk exam bench` (crates/cli/src/exam.rs).
formulas = [
    r"\frac{3}{4} + \frac{5}{6}",
    r"\sqrt{144} - \sqrt[3]{27}",
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"\int_0^1 x^2\,dx",
    r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
    r"\lim_{x \to 0} \frac{\sin x}{x}",
    r"x^2 - 5x + 6 = 0",
]
tex = [
    r"\documentclass[a4paper,10pt]{article}",
    r"\usepackage[utf8]{inputenc}",
    r"\usepackage{amsmath,amssymb}",
    r"\usepackage{graphicx}",
    r"\usepackage{multicol}",
    r"\usepackage[box,completemulti,separateanswersheet]{automultiplechoice}",
    # our side margins (20 and 15 mm) instead of AMC's 3 cm; AMC's own top and bottom
    r"\geometry{left=2cm,right=1.5cm}",
    r"\begin{document}",
    r"\AMCrandomseed{20261130}",
    "",
]
math_questions = 0
for n in range(40):
    stem = f"Soal nomor {n + 1}: tentukan hasil dari "
    if n % 3 == 0:
        stem += f"${formulas[n % len(formulas)]}$"
        math_questions += 1
    else:
        stem += "dua ratus tiga puluh empat ditambah lima ratus enam puluh tujuh"
    tex.append(r"\element{bench}{")
    tex.append(rf"  \begin{{question}}{{q{n + 1:02d}}}")
    tex.append(f"    {stem}")
    if n == 7:
        tex.append(r"    \par\begin{center}\includegraphics[width=0.6\linewidth]{segitiga.png}\end{center}")
    tex.append(r"    \begin{choices}")
    for o in range(5):
        kind = "correctchoice" if o == 0 else "wrongchoice"
        tex.append(rf"      \{kind}{{jawaban {o + 1} untuk soal {n + 1}}}")
    tex.append(r"    \end{choices}")
    tex.append(r"  \end{question}")
    tex.append("}")
assert math_questions == 14
tex += [
    "",
    rf"\onecopy{{{copies}}}{{",
    r"  \begin{center}",
    r"    {\large\bfseries SMP NEGERI 4 SUKAMAJU (CONTOH)}\\",
    r"    {\small Jl. Pendidikan No. 4, Sukamaju, Kabupaten Bandung, Jawa Barat 40375}\\[1ex]",
    r"    {\bfseries BENCH}",
    r"  \end{center}",
    r"  \noindent\begin{tabular}{@{}ll}Mata pelajaran & : Matematika\\ Kelas & : VII A\\ Tahun pelajaran & : 2026/2027\end{tabular}\hfill",
    r"  \begin{tabular}{ll@{}}Hari/tanggal & : 1 Juli 2026\\ Waktu & : 90 menit\end{tabular}",
    r"  \begin{multicols}{2}",
    r"    \shufflegroup{bench}",
    r"    \insertgroup{bench}",
    r"  \end{multicols}",
    r"  \clearpage",
    r"  \AMCformBegin",
    r"  \begin{center}{\large\bfseries LEMBAR JAWABAN --- Bench}\\",
    r"    SMP Negeri 4 Sukamaju (contoh) $\cdot$ Matematika $\cdot$ VII A\\",
    r"    Hitamkan kotak dengan pensil 2B. Jangan melipat lembar ini.\end{center}",
    r"  \noindent\begin{minipage}{.5\linewidth}Nomor peserta\\ \AMCcodeGridInt{etu}{10}\end{minipage}\hfill",
    r"  \begin{minipage}{.45\linewidth}\namefield{\fbox{\begin{minipage}{.95\linewidth}Nama:\vspace{3ex}\\ Kelas:\vspace{3ex}\end{minipage}}}\end{minipage}",
    r"  \begin{multicols}{3}\AMCform\end{multicols}",
    r"  \clearpage",
    "}",
    r"\end{document}",
    "",
]
with open(f"{out}/source.tex", "w") as f:
    f.write("\n".join(tex))
PY

# GNU time -v's report -> "wall cpu peak_mb"
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ {
      n = split($NF, p, ":"); wall = 0
      for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
    }
    /User time \(seconds\)/ { cpu += $NF }
    /System time \(seconds\)/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    /Exit status/ { status = $NF }
    END { printf "%.1f %.1f %.0f %s\n", wall, cpu, rss, status }
  ' "$1"
}

# pages, answer sheets (= copies), paper pages per copy, distinct question orders
check_pdf() {
  local pdf=$1 pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  pdftotext "$pdf" "$pdf.txt"
  python3 - "$pdf.txt" "$pages" <<'PY'
import collections, re, sys
pages = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\f")[: int(sys.argv[2])]
copies, paper, orders, current = 0, collections.Counter(), set(), []
count = 0
for text in pages:
    if "LEMBAR JAWABAN" in text:
        copies += 1
        paper[count] += 1
        orders.add(tuple(current))
        count, current = 0, []
    else:
        count += 1
        current += re.findall(r"Soal nomor (\d+):", text)
per_copy = ", ".join(f"{n} pages x{k}" for n, k in sorted(paper.items()))
print(f"{sys.argv[2]} {copies} {len(orders)} {per_copy or '-'}")
PY
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "Issue 13 item 10: $COPIES copies, 40 five-option questions (14 with math, one image), each with its answer sheet"
echo "machine: $(nproc) cores, load average $(load) before the runs; files in $OUT"

# --- AMC ---------------------------------------------------------------------
echo "running: auto-multiple-choice prepare --mode $AMC_MODE --with $AMC_ENGINE ... (load $(load))"
amc_rc=0
(cd "$AMC_DIR" && /usr/bin/time -v -o "$AMC_DIR/time.txt" \
  auto-multiple-choice prepare --mode "$AMC_MODE" --with "$AMC_ENGINE" --prefix "$AMC_DIR/" \
  --out-sujet "$AMC_DIR/sujet.pdf" --data "$AMC_DIR/data" "$AMC_DIR/source.tex" \
  >"$AMC_DIR/prepare.log" 2>&1) || amc_rc=$?
if ((amc_rc)) || [[ ! -s $AMC_DIR/sujet.pdf ]]; then
  echo "AMC failed (exit $amc_rc); its output:" >&2
  tail -n 40 "$AMC_DIR/prepare.log" >&2
  exit 1
fi
read -r amc_wall amc_cpu amc_mb _ < <(measure "$AMC_DIR/time.txt")
read -r amc_pages amc_copies amc_orders amc_layout < <(check_pdf "$AMC_DIR/sujet.pdf")

# --- ours --------------------------------------------------------------------
# The school, its 40 questions and the paper are made first, untimed (as AMC's
# source.tex is written before it runs); then the command an office runs to
# print the paper is timed as a whole process: start, sign in, read the paper
# and its questions from the database, shuffle, lay out and write the PDF.
"$SCHOOLDESK_BIN" exam bench --prepare "$OURS_DIR/bench.db" >"$OURS_DIR/prepare.txt"
paper_id=$(awk '$1 == "paper" { print $2; exit }' "$OURS_DIR/prepare.txt")
ours_cmd=("$SCHOOLDESK_BIN" --database-url "sqlite:$OURS_DIR/bench.db" exam print "$paper_id" --variants "$COPIES" --answer-sheets
  --columns 2 --paper-size A4 --language id --out "$OURS_DIR/exam-bench.pdf")
echo "running: ${ours_cmd[*]} (load $(load))"
ours_rc=0
(cd "$OURS_DIR" && SCHOOLDESK_LOGIN=$(awk '$1 == "login" { print $2 }' prepare.txt) \
  SCHOOLDESK_PASSWORD=$(awk '$1 == "password" { print $2 }' prepare.txt) \
  /usr/bin/time -v -o "$OURS_DIR/time.txt" "${ours_cmd[@]}" >"$OURS_DIR/bench.log" 2>&1) || ours_rc=$?
if ((ours_rc)) || [[ ! -s $OURS_DIR/exam-bench.pdf ]]; then
  echo "schooldesk exam print failed (exit $ours_rc); its output:" >&2
  tail -n 40 "$OURS_DIR/bench.log" >&2
  exit 1
fi
read -r ours_wall ours_cpu ours_mb _ < <(measure "$OURS_DIR/time.txt")
read -r ours_pages ours_copies ours_orders ours_layout < <(check_pdf "$OURS_DIR/exam-bench.pdf")
echo "load average after the runs: $(load)"

# --- the table -----------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }
echo
printf '%-34s %8s %8s %8s %6s %7s\n' tool "wall s" "CPU s" "peak MB" pages copies
printf '%-34s %8s %8s %8s %6s %7s\n' "AMC $(dpkg-query -W -f='${Version}' auto-multiple-choice 2>/dev/null || echo '?') prepare --mode $AMC_MODE" \
  "$amc_wall" "$amc_cpu" "$amc_mb" "$amc_pages" "$amc_copies"
printf '%-34s %8s %8s %8s %6s %7s\n' "schooldesk exam print (whole)" "$ours_wall" "$ours_cpu" "$ours_mb" "$ours_pages" "$ours_copies"
printf '%-34s %8s %8s %8s\n' "AMC / ours" "$(ratio "$amc_wall" "$ours_wall")" "$(ratio "$amc_cpu" "$ours_cpu")" "$(ratio "$amc_mb" "$ours_mb")"
echo
echo "question pages per copy (before its answer sheet): AMC $amc_layout; ours $ours_layout"
echo "distinct question orders among the copies: AMC $amc_orders, ours $ours_orders"
echo "ours: the command a user runs, timed from start to exit on a school made beforehand ($OURS_DIR/bench.db; not timed, like AMC's source.tex)"
extra=()
for f in corrige.pdf catalog.pdf calage.xy; do
  [[ -s $AMC_DIR/$f ]] || continue
  if [[ $f == *.pdf ]]; then extra+=("$f ($(pdfinfo "$AMC_DIR/$f" | awk '/^Pages:/ { print $2 }') pages)"); else extra+=("$f"); fi
done
((${#extra[@]})) && echo "AMC also wrote, inside the time: ${extra[*]}"
status=0
for who in "AMC:$amc_copies" "ours:$ours_copies"; do
  if [[ ${who#*:} != "$COPIES" ]]; then
    echo "WARNING: ${who%%:*} has ${who#*:} answer sheets, not $COPIES: the comparison is not fair" >&2
    status=1
  fi
done
exit $status
