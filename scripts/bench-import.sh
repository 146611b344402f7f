#!/usr/bin/env bash
# Measures `hwcmp import aws` on a generated AWS EC2 price list of SIZE MiB
# (default 1024) against a Python csv.DictReader filter of the kind gpuhunt
# uses and a Miller (mlr) filter, side by side, on this machine. Records
# time, throughput and peak RSS. Needs python3; installs Debian's miller if
# it is missing. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1024}
WORK=${WORK:-/tmp/hwcmp-bench-import}
mkdir -p "$WORK"
FILE="$WORK/aws-ec2-${SIZE}m.csv"
[ -f "$FILE" ] || go run ./importer/awsgen/gen -size "$SIZE" -o "$FILE"
command -v mlr >/dev/null || (apt-get install -y miller >/dev/null 2>&1 || sudo apt-get install -y miller >/dev/null)
go build -o "$WORK/hwcmp" ./cmd/hwcmp
BYTES=$(stat -c %s "$FILE")

cat > "$WORK/gpuhunt_filter.py" <<'PY'
# The filter dstackai/gpuhunt applies to the AWS bulk CSV (providers/aws.py):
# skip 5 metadata lines, DictReader, keep rows matching every filter.
import csv, sys
filters = {
    "TermType": ["OnDemand"], "Tenancy": ["Shared"], "Operating System": ["Linux"],
    "CapacityStatus": ["Used"], "Unit": ["Hrs"], "Currency": ["USD"],
    "Pre Installed S/W": ["", "NA"], "MarketOption": ["OnDemand"],
}
kept = 0
with open(sys.argv[1], newline="") as f:
    for _ in range(5):
        f.readline()
    for row in csv.DictReader(f):
        if all(row[k] in v for k, v in filters.items()):
            kept += 1
print(kept)
PY

run() { # name, command...
  local name=$1; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/rss" "$@" > "$WORK/$name.out"
  t1=$(date +%s.%N)
  rss=$(cat "$WORK/rss")
  python3 -c "import sys; s=$t1-$t0; print(f'$name: {s:.2f} s, {$BYTES/s/1e6:.0f} MB/s, peak RSS {$rss/1024:.0f} MB')"
  echo "$t1 - $t0" | bc -l > "$WORK/$name.secs"
}

echo "file: $FILE ($((BYTES/1000000)) MB), $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
run hwcmp "$WORK/hwcmp" import aws "$FILE" -o "$WORK/out" --quiet
run python python3 "$WORK/gpuhunt_filter.py" "$FILE"
cat > "$WORK/filter.mlr" <<'MLR'
$TermType == "OnDemand" && $Tenancy == "Shared" && ${Operating System} == "Linux" &&
$CapacityStatus == "Used" && $Unit == "Hrs" && $Currency == "USD" &&
(${Pre Installed S/W} == "" || ${Pre Installed S/W} == "NA") && $MarketOption == "OnDemand"
MLR
run mlr sh -c "tail -n +6 '$FILE' | mlr --icsv --ocsv filter -f '$WORK/filter.mlr' | tail -n +2 | wc -l"
python3 - "$WORK" <<'PY'
import sys
w=sys.argv[1]
h,p,m=(float(open(f"{w}/{n}.secs").read()) for n in ("hwcmp","python","mlr"))
print(f"hwcmp is {p/h:.1f}x faster than the Python DictReader filter and {m/h:.1f}x faster than mlr")
PY
