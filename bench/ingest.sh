#!/usr/bin/env bash
# Metering ingest benchmark: charges/s through POST /api/v1/usage against a raw SQLite insert loop of the same rows.
# Usage: bash bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Bench -- ingest
