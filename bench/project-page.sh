#!/usr/bin/env bash
# Project page benchmark: server time with 1 month vs 10 years of history, and throughput vs a static file.
# Usage: bash bench/project-page.sh              # SQLite (takes a few minutes: seeding 10 years of hourly charges comes first)
#        bash bench/project-page.sh --postgres   # the same on PostgreSQL (deploy/postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--postgres" ]; then
  server=$(bash deploy/postgres.sh start)
  dotnet run -c Release --project bench/Bench -- page --postgres "$server"
else
  dotnet run -c Release --project bench/Bench -- page
fi
