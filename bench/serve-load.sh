#!/usr/bin/env bash
# Load on `jixiao serve` (issue 16): 20 clients uploading the seed and 5 a 200-table workbook,
# all at once, each through upload → findings → build → zip. Prints the latencies and the
# server's peak memory (VmHWM). Usage: bench/serve-load.sh [RENDERS]  (default: the cores)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins --examples -q
work=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/examples/synth 200 "$work/synth-200.xlsx" >/dev/null
mkdir "$work/tmp"
args=(serve --port 0)
[ -n "${1:-}" ] && args+=(--renders "$1")
(cd "$work" && TMPDIR="$work/tmp" exec "$OLDPWD/target/release/jixiao" "${args[@]}" >"$work/serve.log") &
pid=$!
for _ in $(seq 50); do grep -q http "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.log" | sed 's:/$::')
echo "server: $url (pid $pid), renders: ${1:-cores}, $(nproc) cores"
node bench/serve-load.mjs "$url" tests/fixtures/seed-2021.xlsx:20 "$work/synth-200.xlsx:5"
echo "peak memory (VmHWM): $(grep VmHWM /proc/$pid/status | awk '{printf "%.0f MiB", $2/1024}')"
kill -INT $pid; wait $pid || true
echo "left in the server's temporary folder after Ctrl-C: $(find "$work/tmp" -mindepth 1 | wc -l) entries"
