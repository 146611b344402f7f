#!/usr/bin/env bash
# Regenerates the charts and the report screenshot the README shows, from
# the built-in data. Charts are drawn at the deck size (1600×900); the
# claims chart grows taller to fit its rows.
set -euo pipefail
cd "$(dirname "$0")/../.."
go build -o /tmp/hwcmp-regenerate ./cmd/hwcmp
h=/tmp/hwcmp-regenerate
$h plot rank --metric throughput-per-watt --precision fp8 --lifecycle shipping -o docs/img/rank-fp8-per-watt.png
$h plot scatter --x throughput --y memory-bandwidth --logx --logy -o docs/img/scatter-fp8-bandwidth.png
$h plot claims -o docs/img/claims.png
$h plot gw -o docs/img/gw.png
$h plot timeline -o docs/img/timeline.png
$h plot roofline -o docs/img/roofline.png
$h plot tornado -o docs/img/tornado.png
$h plot tokens --model llama-3.1-70b --chips h100,h200,gb300,mi300x,trn2,trn3,tpu-v7 -o docs/img/tokens-llama-3.1-70b.png
$h plot token-cost --model llama-3.1-70b -o docs/img/token-cost-llama-3.1-70b.png
# The report's screenshot, taken by its browser test in headless Chromium.
if command -v chromium >/dev/null 2>&1; then
  HWCMP_SCREENSHOT="$PWD/docs/img/report.png" go test ./cmd/hwcmp -run TestReportInBrowser -count=1
else
  echo "no chromium: docs/img/report.png not regenerated (apt-get install chromium)"
fi
