# Shared by the bench scripts (sourced, not run). Needs $work (a scratch folder) and $runs.
#
# measure NAME COMMAND...: runs COMMAND $runs times, each after removing $work/out and $work/lo
# (and, when $before is set, after running it untimed: a rebuild's previous packet), and adds a
# row "| NAME | wall | CPU | MiB |" to rows: the best wall time in seconds, that run's CPU time
# (user + system) and the largest peak resident memory, from /usr/bin/time -v. A command that
# exits non-zero is measured all the same (`check` exits 1 on findings). Sets last_wall,
# last_cpu and last_mib.
rows=()
before=""
measure() {
  local name=$1; shift
  local best="" cpu="" rss=0
  for _ in $(seq "$runs"); do
    rm -rf "$work/out" "$work/lo"
    [ -z "$before" ] || $before >/dev/null
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
    local wall kb user sys
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then
      best=$wall
      cpu=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
    fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  rows+=("| $name | $best | $cpu | $((rss / 1024)) |")
  echo "$name: ${best}s wall, ${cpu}s CPU, $((rss / 1024)) MiB" >&2
  last_wall=$best
  last_cpu=$cpu
  last_mib=$((rss / 1024))
}

# ratio A B: A / B with two decimals.
ratio() {
  awk "BEGIN{printf \"%.2f\", $1 / $2}"
}
