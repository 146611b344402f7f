#!/usr/bin/env bash
# Times the built hwcmp on a generated catalogue of N chips and N systems
# (issue 17's scale target: under 2 s and under 1 KB of memory per row
# beyond the input at N = 100,000), against the built-in data alone.
#
#   scripts/scale.sh [N] [RUNS]      # defaults: 100000 3
#
# It prints, per command and run, wall and CPU time (user + sys) and peak
# RSS, then the memory beyond the built-in run and the input, per sheet row
# and per chip or system row. It needs GNU time (/usr/bin/time). Runs of
# the commands are interleaved, so that a change in the machine's load
# touches all of them alike; the load average is printed with them.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/hwcmp" ./cmd/hwcmp
mkdir "$work/data"
HWCMP_SCALE_DIR="$work/data" HWCMP_SCALE_N="$n" go test ./cmd/hwcmp -run '^TestWriteScaleData$' -count=1 >/dev/null
input=$(du -sb "$work/data" | cut -f1)
rows=$(( $(cat "$work"/data/*.csv | wc -l) - $(ls "$work"/data/*.csv | wc -l) ))
echo "N=$n: $rows sheet rows, $input bytes of CSV; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
commands=(
  "rank --metric throughput-per-watt --precision fp8"
  "rank --metric throughput-per-dollar-hour --precision fp8 --basis system"
)
measure() { # label, then the arguments; prints label wall cpu rss_kb
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$work/hwcmp" "$@" >/dev/null
  awk -v l="$label" '{ printf "%s %s %.2f %s\n", l, $1, $2 + $3, $4 }' "$work/time"
}
for r in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    read -ra args <<<"${commands[$i]}"
    measure "builtin-$i" "${args[@]}"
    measure "scale-$i" "${args[@]}" --data "$work/data"
  done
done >"$work/results"
for i in "${!commands[@]}"; do
  echo
  echo "hwcmp ${commands[$i]}"
  awk -v i="$i" -v input="$input" -v rows="$rows" -v n="$n" '
    $1 == "builtin-" i { base = (base == "" || $4 < base) ? $4 : base }
    $1 == "scale-" i   { print "  wall " $2 " s, CPU " $3 " s, peak RSS " int($4/1024) " MB"; rss[++k] = $4 }
    END {
      min = rss[1]; max = rss[1]
      for (j in rss) { if (rss[j] < min) min = rss[j]; if (rss[j] > max) max = rss[j] }
      lo = (min - base) * 1024 - input; hi = (max - base) * 1024 - input
      printf "  beyond the built-in run (%d MB) and the input: %.0f–%.0f bytes per sheet row, %.0f–%.0f per chip or system row\n",
        base/1024, lo/rows, hi/rows, lo/(2*n), hi/(2*n)
    }' "$work/results"
done
