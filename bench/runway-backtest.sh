#!/usr/bin/env bash
# Runway backtest on the demo history (issue 14): the model run 30 days earlier, on what was known then, against the
# balance each project really reached; also ending on each of the 30 days before. Under a minute (seeds the demo once).
# Usage: bash bench/runway-backtest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test CrowdSite.Tests --filter "FullyQualifiedName~RunwayDemoTests.Backtest" >/dev/null
cat TestResults/runway-backtest.txt
