#!/usr/bin/env bash
# Benchmarks `jixiao review` on planted synthetic batches (examples/synth --batch, 4 tables a
# unit) and writes bench/review.md (which bench/run.sh appends to BENCHMARKS.md) and that section
# of BENCHMARKS.md:
#   - 1,000 / 5,000 / 10,000 workbooks, the default outputs (review.xlsx, .html, .json, 反馈/);
#   - 5,000 workbooks whose every unit copies the first unit's indicators and goals (the
#     findings across units must grow with the tables, not with their pairs);
#   - `jixiao check` of the same 1,000 workbooks as one packet (the per-workbook cost of reading
#     and checking, against the review's).
# Wall and CPU time and peak memory from /usr/bin/time -v; best wall of RUNS runs (default 2).
# Usage: bench/review.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
cargo build --release --bins --examples -q
bin=$PWD/target/release/jixiao
work=${BENCH_WORK:-$(mktemp -d)}
[ -n "${BENCH_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
[ -f "$work/b10000/planted.json" ] || target/release/examples/synth --batch 10000 "$work/b10000" >&2
[ -f "$work/copies/planted.json" ] || target/release/examples/synth --batch 5000 "$work/copies" --copies >&2
for n in 1000 5000; do
  if [ ! -d "$work/b$n" ]; then
    mkdir -p "$work/b$n"
    all=("$work"/b10000/*.xlsx)
    for f in "${all[@]:0:$n}"; do ln -s "$f" "$work/b$n/"; done
  fi
done

source bench/lib.sh

measure "review 1,000 workbooks (4,000 tables)" "$bin" review "$work/b1000" -o "$work/out" -q
w1=$last_wall
measure "review 5,000 workbooks (20,000 tables)" "$bin" review "$work/b5000" -o "$work/out" -q
w5=$last_wall
measure "review 10,000 workbooks (40,000 tables)" "$bin" review "$work/b10000" -o "$work/out" -q
w10=$last_wall
measure "review 5,000 workbooks, every unit a copy of the first" "$bin" review "$work/copies" -o "$work/out" -q
measure "review 5,000 workbooks, with a 10% sample" "$bin" review "$work/b5000" -o "$work/out" -q --sample 10%
measure "review 1,000 workbooks, no 反馈/" "$bin" review "$work/b1000" -o "$work/out" -q --no-feedback
# `check` takes one workbook: 200 of the same workbooks, a process each (exit 1 on findings is fine).
measure "check 200 of the same workbooks, one run each" bash -c 'for f in "$@"; do "'"$bin"'" check "$f" -q >/dev/null 2>&1 || true; done' _ $(ls "$work"/b1000/*.xlsx | head -n 200)
wc=$last_wall

{
  echo
  echo "<!-- review: written by bench/review.sh -->"
  echo "## \`jixiao review\`"
  echo
  echo "Written by \`bench/review.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores. Planted synthetic batches"
  echo "(\`examples/synth --batch N DIR\`: 4 tables a unit, 7 indicators a table), the default outputs"
  echo "(review.xlsx, review.html, review.json and a feedback workbook per unit). Best wall time of $runs runs,"
  echo "its CPU time (user + system), and the largest peak resident memory."
  echo
  echo "| case | wall (s) | CPU (s) | peak memory (MiB) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Targets: 5,000 workbooks under 40 s and 1 GiB, growing linearly."
  echo
  echo "- 5,000 / 1,000 workbooks: $(ratio "$w5" "$w1") × (linear: 5 ×)"
  echo "- 10,000 / 5,000 workbooks: $(ratio "$w10" "$w5") × (linear: 2 ×)"
  echo "- per workbook: review $(awk "BEGIN{printf \"%.1f\", $w5/5}") ms (of 5,000, wall, with every report written), check $(awk "BEGIN{printf \"%.1f\", $wc*1000/200}") ms (a run each, start-up included)"
  echo "<!-- end of review -->"
} > bench/review.md
# That section of BENCHMARKS.md, replaced (or added at the end).
if grep -q '<!-- review: written by bench/review.sh -->' BENCHMARKS.md 2>/dev/null; then
  awk 'BEGIN{skip=0} /<!-- review: written by bench\/review.sh -->/{skip=1} !skip{print} /<!-- end of review -->/{skip=0}' BENCHMARKS.md > "$work/b.md"
  # Drop the blank line the section leaves behind.
  sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$work/b.md" > BENCHMARKS.md
fi
cat bench/review.md >> BENCHMARKS.md
cat bench/review.md
