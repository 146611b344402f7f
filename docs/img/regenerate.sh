#!/usr/bin/env bash
# Regenerates the charts the README shows, from the built-in data.
set -euo pipefail
cd "$(dirname "$0")/../.."
go run ./cmd/hwcmp plot rank --metric throughput-per-watt --precision fp8 --lifecycle shipping -o docs/img/rank-fp8-per-watt.png --width 1200 --height 700 --dpi 120
go run ./cmd/hwcmp plot scatter --x throughput --y memory-bandwidth --logx --logy -o docs/img/scatter-fp8-bandwidth.png --width 1200 --height 700 --dpi 120
go run ./cmd/hwcmp plot claims -o docs/img/claims.png --width 1200 --height 1000 --dpi 110
go run ./cmd/hwcmp plot gw -o docs/img/gw.png --width 1200 --height 600 --dpi 110
