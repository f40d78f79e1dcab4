#!/usr/bin/env bash
# The scaled mode on one machine, to try it: PostgreSQL (deploy/postgres.sh), two app instances on one database,
# and nginx in front, sticky per client address (a Blazor circuit and a live stream stay on the instance that
# opened them). Prints the URLs; Ctrl+C stops everything it started.
#   bash deploy/cluster.sh            # http://127.0.0.1:8080/
# Settings: CLUSTER_PORT (8080), CLUSTER_ENVIRONMENT (Development: the offline demo with its development sign-in),
# PGPORT (55432), CLUSTER_DIR (.cluster: the published app, nginx's files and the logs).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${CLUSTER_PORT:-8080}"
environment="${CLUSTER_ENVIRONMENT:-Development}"
dir="$(realpath -m "${CLUSTER_DIR:-.cluster}")"
instances=(5201 5202)
mkdir -p "$dir/nginx" "$dir/logs"

pids=()
stop() {
  echo "Stopping..."
  [ -f "$dir/nginx/nginx.pid" ] && kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash deploy/postgres.sh stop
}
trap stop EXIT INT TERM

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx (Debian's package)..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

server=$(bash deploy/postgres.sh start)
pg_host="host=127.0.0.1 port=${PGPORT:-55432} user=postgres"
psql "$pg_host dbname=postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'crowdsite'" | grep -q 1 \
  || psql "$pg_host dbname=postgres" -qc "CREATE DATABASE crowdsite"
connection="${server%Database=postgres};Database=crowdsite"

echo "Publishing the app (Release)..."
dotnet publish CrowdSite -c Release -o "$dir/app" --nologo -v quiet >/dev/null

start_instance() {
  local http_port=$1
  ASPNETCORE_ENVIRONMENT="$environment" ASPNETCORE_URLS="http://127.0.0.1:$http_port" \
  Database__Provider=Postgres ConnectionStrings__CrowdSite="$connection" Platform__PublicUrl="http://127.0.0.1:$port/" \
    dotnet "$dir/app/CrowdSite.dll" --contentRoot "$dir/app" >"$dir/logs/instance-$http_port.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "Instance on port $http_port did not come up; see $dir/logs/instance-$http_port.log" >&2
  exit 1
}

# One after the other: the first migrates and seeds the demo, the second finds it done.
for p in "${instances[@]}"; do start_instance "$p"; done

cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/logs/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log $dir/logs/nginx-access.log;
  client_body_temp_path $dir/nginx/body; proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi; uwsgi_temp_path $dir/nginx/uwsgi; scgi_temp_path $dir/nginx/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream crowdsite {
    hash \$remote_addr consistent;   # sticky: a circuit's WebSocket and a live stream stay on one instance
$(for p in "${instances[@]}"; do echo "    server 127.0.0.1:$p;"; done)
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://crowdsite;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_buffering off;        # live streams flush through at once
      proxy_read_timeout 1h;      # and stay open
    }
  }
}
CONF
"$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf"

echo
echo "CrowdSite, two instances on PostgreSQL behind nginx: http://127.0.0.1:$port/"
echo "  instances: $(for p in "${instances[@]}"; do printf 'http://127.0.0.1:%s/ ' "$p"; done)(a change on one shows live on the other)"
echo "  logs: $dir/logs   Ctrl+C stops everything."
wait "${pids[0]}"
