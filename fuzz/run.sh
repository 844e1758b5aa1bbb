#!/usr/bin/env bash
# Runs one fuzz target for a number of executions or seconds, whichever comes first, starting
# from the test fixtures (the corpus folder is the fuzzer's, not committed):
#   fuzz/run.sh workbook|tables|form [RUNS] [SECONDS]
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
esac
cargo +nightly fuzz run "$target" "corpus/$target" -- \
  -runs="$runs" -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1
