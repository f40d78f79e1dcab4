#!/usr/bin/env bash
# A PostgreSQL 15 of the project's own, on a loopback port with its own data folder (nothing system-wide is
# touched; Debian's `postgresql` package is installed when no server binaries are found).
#   deploy/postgres.sh start   # initializes on first use, starts, prints the connection string
#   deploy/postgres.sh stop
# Settings: PGPORT (default 55432), CROWDSITE_PGDATA (default $TMPDIR/crowdsite-postgres-$PGPORT),
# CROWDSITE_PG_FAST=1 (tests: no fsync).
set -euo pipefail

port="${PGPORT:-55432}"
data="${CROWDSITE_PGDATA:-${TMPDIR:-/tmp}/crowdsite-postgres-$port}"

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "Installing PostgreSQL (Debian's postgresql package)..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1
}

# The server refuses to run as root: run it as the postgres user then (Debian's package creates it).
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

bin=$(bin_dir)
case "${1:-start}" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres: "$data"
      as_owner "$bin/initdb" -D "$data" -A trust -U postgres --no-instructions -E UTF8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      options="-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300"
      # Tests only (CROWDSITE_PG_FAST=1): no waiting for the disk; a crash of the machine may lose the data folder.
      [ "${CROWDSITE_PG_FAST:-}" = 1 ] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start -o "$options" >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2
    ;;
esac
