#!/usr/bin/env bash
# Live fan-out benchmark: N viewers (default 5,000) of one project page's live stream, charges at 10/s for 30 s.
# Prints delivery latency, ingest p95 with and without viewers, server memory per viewer, a burst and stalled viewers.
# Usage: bash bench/live-fanout.sh [VIEWERS] [SECONDS] [simulated|stripe]   (the last: run only that mode)
#        bash bench/live-fanout.sh [VIEWERS] [SECONDS] two-instances       (PostgreSQL via deploy/postgres.sh: two
#                                                                          instances, viewers on B, charges to A)
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # one socket per viewer on each side
dotnet build -c Release CrowdSite >/dev/null
postgres=""
[ "${3:-}" = "two-instances" ] && postgres=$(bash deploy/postgres.sh start)
dotnet run -c Release --project bench/Bench -- live CrowdSite/bin/Release/net10.0/CrowdSite.dll "${1:-5000}" "${2:-30}" ${3:+"$3"} ${postgres:+"$postgres"}
