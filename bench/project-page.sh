#!/usr/bin/env bash
# Project page benchmark: server time with 1 month vs 10 years of history, and throughput vs a static file.
# Usage: bash bench/project-page.sh   (takes a few minutes: seeding 10 years of hourly charges comes first)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Bench -- page
