#!/usr/bin/env bash
# Runs one fuzz target for a number of executions or seconds, whichever comes first, starting
# from the test fixtures (the corpus folder is the fuzzer's, not committed):
#   [FUZZ_WORKERS=N] fuzz/run.sh workbook|tables|form|accounting [RUNS] [SECONDS]
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). A crash is written to
# fuzz/artifacts/TARGET/; minimize it (`cargo +nightly fuzz tmin TARGET FILE`) and make it a
# regression test under tests/.
set -euo pipefail
cd "$(dirname "$0")"
target=$1 runs=${2:-1000000} secs=${3:-3600}
mkdir -p "corpus/$target"
case $target in
  workbook) cp ../tests/fixtures/seed-2021.{xlsx,xls,ods} ../tests/invalid/*.{xlsx,xls,ods} "corpus/$target/"
            rm -f "corpus/$target/zip-bomb.xlsx" ;;  # 64 MiB to inflate at every mutation
  form) cp ../src/form/builtin/*.toml "corpus/$target/" ;;
  # Edit lists long enough to edit something: 32 random inputs of 0.5 to 4 KB.
  tables) for i in $(seq 32); do head -c $((512 + RANDOM % 3584)) /dev/urandom > "corpus/$target/seed-$i"; done ;;
  # Edit lists: a form, then up to eleven edits of a few bytes each.
  accounting) for i in $(seq 32); do head -c $((8 + RANDOM % 88)) /dev/urandom > "corpus/$target/seed-$i"; done ;;
esac
# `tables` lays out and writes a whole PDF each run: AddressSanitizer made that about one run a
# second, and libFuzzer then kept its inputs at 4 bytes (no edits at all) for the half hour it ran. It
# runs without a sanitizer (safe Rust; panics, timeouts and memory are still caught), in a target
# folder of its own, with inputs up to 4 KB from the first run.
build=() extra=()
if [ "$target" = tables ]; then build=(-s none --target-dir target-plain) extra=(-max_len=4096 -len_control=0); fi
# `accounting` reads a sheet a run (about 0.1 ms): it runs without a sanitizer too, to reach 10⁶
# runs in minutes.
if [ "$target" = accounting ]; then build=(-s none --target-dir target-plain) extra=(-max_len=128); fi
# FUZZ_WORKERS=N runs N processes on one corpus (libFuzzer -jobs/-workers; logs in fuzz/fuzz-*.log).
[ "${FUZZ_WORKERS:-1}" -gt 1 ] && extra+=(-jobs="$FUZZ_WORKERS" -workers="$FUZZ_WORKERS")
cargo +nightly fuzz run "${build[@]}" "$target" "corpus/$target" -- "${extra[@]}" \
  -runs="$runs" -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1
