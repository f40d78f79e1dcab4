#!/usr/bin/env bash
# Metering ingest benchmark: charges/s through POST /api/v1/usage against a raw insert loop of the same rows.
# Usage: bash bench/ingest.sh              # SQLite: the app against a raw prepared-statement loop
#        bash bench/ingest.sh --postgres   # PostgreSQL (deploy/postgres.sh): one and two instances against binary COPY
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--postgres" ]; then
  server=$(bash deploy/postgres.sh start)
  dotnet run -c Release --project bench/Bench -- ingest --postgres "$server"
else
  dotnet run -c Release --project bench/Bench -- ingest
fi
