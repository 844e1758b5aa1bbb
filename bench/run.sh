#!/usr/bin/env bash
# Benchmarks jixiao on this machine and writes BENCHMARKS.md:
#   - the 4-table seed packet and synthetic packets of 1,000 and 2,000 tables, all three formats;
#   - PDF only for the seed and 1,000 tables (tagged, the default, and untagged);
#   - rebuilding the 1,000-table packet with nothing changed, and with one table changed;
#   - LibreOffice converting the seed workbook to PDF, where it is installed, and the size of
#     its PDFs of 200 and 1,000 tables beside jixiao's packet.pdf of the same tables;
#   - with BEFORE=/path/to/an/earlier/jixiao, the full build, the rebuilds, the sizes and 2,000
#     tables of that binary and this one side by side, one after the other;
#   - 200 and 1,000 tables in all formats against LibreOffice converting the same workbook to
#     PDF, in the same run, with the ratios; with SIDE="name=/path/to/jixiao ...", those earlier
#     binaries too, one after the other (issue 26: the build before the forms, the issue's start).
#     LibreOffice's 1,000 tables take minutes: LO_RUNS (default 1) runs of that case.
# Wall and CPU time and peak memory come from /usr/bin/time -v (Debian package `time`). Each case
# runs three times; the best wall time, its CPU time and the largest peak memory are reported.
# Usage: [SIDE="a=/bin/a b=/bin/b"] [BEFORE=/bin/old] bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
cargo build --release --bins --examples -q
bin=$PWD/target/release/jixiao
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp data/2021-项目支出绩效自评表.xlsx "$work/seed.xlsx"
target/release/examples/synth 1000 "$work/synth-1000.xlsx" >/dev/null
target/release/examples/synth 2000 "$work/synth-2000.xlsx" >/dev/null
target/release/examples/synth 1000 "$work/synth-1000-changed.xlsx" 7 --one-changed >/dev/null
target/release/examples/synth 200 "$work/synth-200.xlsx" >/dev/null

source bench/lib.sh

measure "seed, 4 tables, pdf+html+xlsx" "$bin" build "$work/seed.xlsx" -o "$work/out" -q
seed_all=$last_wall
measure "seed, 4 tables, pdf" "$bin" build "$work/seed.xlsx" -o "$work/out" -q --formats pdf
measure "1,000 tables, pdf (tagged)" "$bin" build "$work/synth-1000.xlsx" -o "$work/out" -q --formats pdf
measure "1,000 tables, pdf (untagged)" "$bin" build "$work/synth-1000.xlsx" -o "$work/out" -q --formats pdf --no-tagged
# Where the PDF time goes: the same pages with the grid's strings as plain paragraphs, and the
# cheapest grid Typst can draw (no cell padding, every row 20 pt: text may overflow). Both
# templates are derived from the built-in one, so they follow it.
mkdir -p "$work/no-grid" "$work/bare-grid"
# The no-grid template drops everything from `let grid = (` to the end of the second table and
# sets the cells' texts as lines.
awk '/^  let grid = \($/ {skip = 1}
     skip && /cells\(t\.grid\.header\), \.\.cells\(t\.grid\.body\)\)$/ {last = 1}
     !skip {print}
     skip && last && /^  }$/ {
       skip = 0; last = 0
       print "  for row in t.grid.body [#row.map(c => c.text).join(\" \") \\ ]"
       print "  for row in t.grid.top [#row.map(c => c.text).join(\" \") \\ ]"
     }' templates/table.typ > "$work/no-grid/table.typ"
sed -e 's/inset: (x: g.inset_x_pt \* 1pt, y: g.inset_y_pt \* 1pt),/inset: 0pt,/' \
  -e 's/heights.map(h => if h == none { auto } else { h \* 1pt })/heights.map(h => 20pt)/' templates/table.typ > "$work/bare-grid/table.typ"
grep -q 'inset: 0pt' "$work/bare-grid/table.typ" && grep -q 'h => 20pt' "$work/bare-grid/table.typ" &&
  ! grep -q '^ *table(' "$work/no-grid/table.typ" ||
  { echo "bench/run.sh: templates/table.typ no longer has the lines the variants replace"; exit 2; }
measure "1,000 tables, pdf, pages without the grid" "$bin" build "$work/synth-1000.xlsx" -o "$work/out" -q --formats pdf --templates "$work/no-grid"
measure "1,000 tables, pdf, cheapest grid (no padding, fixed rows)" "$bin" build "$work/synth-1000.xlsx" -o "$work/out" -q --formats pdf --templates "$work/bare-grid"
# side BINARY: the cases issue 15 set targets for (the full build, the rebuilds, 2,000 tables,
# the sizes), as rows of the table and as "wall s, MiB" cells in side_cells.
side() {
  local b=$1
  side_cells=()
  measure "1,000 tables, pdf+html+xlsx" "$b" build "$work/synth-1000.xlsx" -o "$work/out" -q
  side_cells+=("$last_wall s, $last_mib MiB")
  side_t1000=$last_wall
  side_pdf=$(stat -c %s "$work/out/packet.pdf")
  local tables
  tables=$(du -cb "$work"/out/tables/*.pdf | tail -1 | cut -f1)
  before="$b build $work/synth-1000.xlsx -o $work/out -q"
  measure "1,000 tables, rebuild, nothing changed" "$b" build "$work/synth-1000.xlsx" -o "$work/out" -q
  side_cells+=("$last_wall s, $last_mib MiB")
  measure "1,000 tables, rebuild, one project name changed" "$b" build "$work/synth-1000-changed.xlsx" -o "$work/out" -q
  side_cells+=("$last_wall s, $last_mib MiB")
  before=""
  measure "2,000 tables, pdf+html+xlsx" "$b" build "$work/synth-2000.xlsx" -o "$work/out" -q
  side_cells+=("$last_wall s, $last_mib MiB")
  side_t2000=$last_wall
  side_cells+=("$(ratio "$side_pdf" 1048576) MiB")
  side_cells+=("$(awk "BEGIN{printf \"%.1f KiB\", $tables/1000/1024}")")
}
side "$bin"
after_cells=("${side_cells[@]}")
t1000=$side_t1000
t2000=$side_t2000
pdf1000=$side_pdf
# Issue 26: 200 and 1,000 tables, all formats (tagged PDF), this build and the SIDE binaries,
# and LibreOffice converting the same workbooks to PDF, all in this run.
speed=()
speed_case() {
  local label=$1 b=$2
  measure "$label: 200 tables, pdf+html+xlsx" "$b" build "$work/synth-200.xlsx" -o "$work/out" -q
  local w200=$last_wall c200=$last_cpu m200=$last_mib
  measure "$label: 1,000 tables, pdf+html+xlsx" "$b" build "$work/synth-1000.xlsx" -o "$work/out" -q
  speed+=("$label|$w200|$c200|$m200|$last_wall|$last_cpu|$last_mib")
}
saved_rows=("${rows[@]}")
for entry in ${SIDE:-}; do speed_case "${entry%%=*}" "${entry#*=}"; done
speed_case "this build" "$bin"
rows=("${saved_rows[@]}")
"$bin" build "$work/synth-200.xlsx" -o "$work/out200" -q --formats pdf
pdf200=$(stat -c %s "$work/out200/packet.pdf")

lo="not installed"
if command -v soffice >/dev/null; then
  lo_convert=(soffice "-env:UserInstallation=file://$work/lo-profile" --headless --convert-to pdf --outdir "$work/lo")
  # The first conversion also creates LibreOffice's profile: untimed.
  "${lo_convert[@]}" "$work/seed.xlsx" >/dev/null 2>&1
  measure "LibreOffice: seed workbook → PDF" "${lo_convert[@]}" "$work/seed.xlsx"
  lo=$last_wall
  measure "LibreOffice: 200 tables → PDF" "${lo_convert[@]}" "$work/synth-200.xlsx"
  lo200_wall=$last_wall lo200_cpu=$last_cpu
  lo200=$(stat -c %s "$work/lo/synth-200.pdf")
  runs_saved=$runs runs=${LO_RUNS:-1}
  measure "LibreOffice: 1,000 tables → PDF" "${lo_convert[@]}" "$work/synth-1000.xlsx"
  runs=$runs_saved
  lo1000_wall=$last_wall lo1000_cpu=$last_cpu
  lo1000=$(stat -c %s "$work/lo/synth-1000.pdf")
fi

if [ -n "${BEFORE:-}" ]; then
  # The earlier binary's figures go only into the side-by-side table.
  saved_rows=("${rows[@]}")
  side "$BEFORE"
  before_cells=("${side_cells[@]}")
  rows=("${saved_rows[@]}")
fi

{
  echo "# Benchmarks"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM,"
  echo "jixiao $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2), release build. Best wall time of $runs runs, its CPU time (user + system); peak resident memory."
  echo "Synthetic tables: 7 indicators each (\`cargo run --release --example synth -- N OUT.xlsx\`)."
  echo
  echo "| case | wall (s) | CPU (s) | peak memory (MiB) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Targets: 1,000 tables in all formats under 10 s and 1 GiB; 2,000 tables at most 2.2 × the"
  echo "1,000-table time; the seed packet at least 20 × faster than LibreOffice's conversion."
  echo
  echo "- 2,000 / 1,000 tables: $(ratio "$t2000" "$t1000") ×"
  echo "- packet.pdf of 1,000 tables (tagged): $(awk "BEGIN{printf \"%.1f\", $pdf1000/1048576}") MiB"
  if [ "$lo" != "not installed" ]; then
    echo "- LibreOffice / jixiao on the seed: $(awk "BEGIN{printf \"%.1f\", $lo/$seed_all}") × (jixiao writes PDF, HTML and Excel; LibreOffice one PDF)"
    echo "- 200 tables to PDF: jixiao's packet.pdf (tagged) $(ratio "$pdf200" 1048576) MiB, LibreOffice's (untagged) $(ratio "$lo200" 1048576) MiB: $(ratio "$pdf200" "$lo200") ×"
    echo "- 1,000 tables to PDF: jixiao's packet.pdf (tagged) $(ratio "$pdf1000" 1048576) MiB, LibreOffice's (untagged) $(ratio "$lo1000" 1048576) MiB: $(ratio "$pdf1000" "$lo1000") ×"
  fi
  echo
  echo "### Against LibreOffice, side by side in this run (issue 26)"
  echo
  echo "All formats (tagged PDF, HTML, Excel), the output folder removed before each run; best wall"
  echo "time of $runs runs, that run's CPU time (user + system), peak memory. LibreOffice converts the"
  echo "same workbook to one untagged PDF ($runs runs at 200 tables, ${LO_RUNS:-1} at 1,000)."
  echo
  echo "| build | 200 tables: wall / CPU / memory | × LibreOffice | 1,000 tables: wall / CPU / memory | × LibreOffice |"
  echo "|---|---|---|---|---|"
  for line in "${speed[@]}"; do
    IFS='|' read -r label w2 c2 m2 w10 c10 m10 <<<"$line"
    x2="–" x10="–"
    if [ "$lo" != "not installed" ]; then x2="$(ratio "$lo200_wall" "$w2") ×"; x10="$(ratio "$lo1000_wall" "$w10") ×"; fi
    echo "| $label | $w2 s / $c2 s / $m2 MiB | $x2 | $w10 s / $c10 s / $m10 MiB | $x10 |"
  done
  if [ "$lo" != "not installed" ]; then
    echo "| LibreOffice, PDF only | $lo200_wall s / $lo200_cpu s | 1 × | $lo1000_wall s / $lo1000_cpu s | 1 × |"
  fi
  echo
  echo "Targets: at least 5 × LibreOffice at 200 tables and 15 × at 1,000, under 1 GiB."
  if [ -n "${BEFORE:-}" ]; then
    labels=("1,000 tables, all formats, full build" "rebuild, nothing changed" "rebuild, one project name changed"
      "2,000 tables, all formats" "packet.pdf of 1,000 tables (tagged)" "a table's own PDF (mean)")
    echo
    echo "### Side by side in this run (issue 15): \`$BEFORE\` and this build"
    echo
    echo "Best wall time of $runs runs and peak memory, as above."
    echo
    echo "| case | before | after |"
    echo "|---|---|---|"
    for i in "${!labels[@]}"; do echo "| ${labels[$i]} | ${before_cells[$i]} | ${after_cells[$i]} |"; done
  fi
  # The analysis that goes with the figures, kept by hand.
  [ -f bench/notes.md ] && cat bench/notes.md
  # The review's figures, from the last bench/review.sh.
  if [ -f bench/review.md ]; then cat bench/review.md; fi
} > BENCHMARKS.md
cat BENCHMARKS.md
