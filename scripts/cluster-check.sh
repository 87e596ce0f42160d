#!/usr/bin/env bash
# The network's deployment, exercised on one machine (docs/deploy.md, "The network on PostgreSQL
# with several instances"): a fresh PostgreSQL database, two instances of `infitah serve`, nginx
# in front with deploy/nginx-cluster.conf's upstream rules; then a citizen's journey through the
# balancer, and GET load while one instance is killed (-9), then while one is stopped (SIGTERM).
# Starts everything it needs in a temporary directory and stops it on exit; changes nothing else.
#   scripts/cluster-check.sh            (needs nginx, PostgreSQL at 127.0.0.1:5432 as postgres)
# Environment: CLUSTER_PG (default postgres://postgres@127.0.0.1:5432), CLUSTER_PORT (balancer,
# default 18080; the instances take the next two), CLUSTER_LOAD_SECONDS (default 6),
# CLUSTER_CONNECTIONS (default 16).
set -euo pipefail
cd "$(dirname "$0")/.."

pg=${CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}
port=${CLUSTER_PORT:-18080}
ports=($((port + 1)) $((port + 2)))
seconds=${CLUSTER_LOAD_SECONDS:-6}
connections=${CLUSTER_CONNECTIONS:-16}
db="infitah_cluster_$$"
started=$(date +%s)
say() { echo "cluster-check: $* (at $(( $(date +%s) - started )) s)"; }

command -v nginx >/dev/null || { echo "cluster-check: nginx is not installed (Debian: apt-get install nginx)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/infitah-cluster.XXXXXX)
chmod 755 "$tmp" # nginx's workers (another user when started as root) create their temp files in it
pids=(0 0)
load=
nginx_started=
cleanup() {
  local status=$?
  for i in 0 1; do
    if [ "${pids[$i]}" != 0 ] && kill -0 "${pids[$i]}" 2>/dev/null; then kill -9 "${pids[$i]}" 2>/dev/null || true; fi
  done
  if [ -n "$load" ]; then kill "$load" 2>/dev/null || true; fi
  if [ -n "$nginx_started" ] && [ -f "$tmp/nginx.pid" ]; then kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  dropdb --if-exists --force --maintenance-db="$pg/postgres" "$db" 2>/dev/null || true
  if [ $status -ne 0 ]; then
    echo "cluster-check: FAILED; the instances' last log lines:" >&2
    tail -n 5 "$tmp"/instance-*.log >&2 2>/dev/null || true
    tail -n 5 "$tmp/error.log" >&2 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT
trap 'exit 143' TERM INT # a timeout or Ctrl-C still stops what was started

createdb --maintenance-db="$pg/postgres" "$db"
url="$pg/$db"
say "database $db created"

# production runs the compiled JavaScript (ADR 009)
node scripts/build.js --if-stale

export DATABASE_URL=$url SESSION_SECRET="cluster-check-$$-$RANDOM$RANDOM" BASE_URL="http://127.0.0.1:$port" \
  TRUST_PROXY=127.0.0.1 HOST=127.0.0.1 LOG_LEVEL=warn SHUTDOWN_TIMEOUT_MS=5000
unset SMTP_URL METRICS_TOKEN

start_instance() { # index, extra arguments
  local i=$1; shift
  PORT=${ports[$i]} node --max-semi-space-size=32 bin/infitah.js serve "$@" >>"$tmp/instance-$i.log" 2>&1 &
  pids[$i]=$!
}
wait_healthy() { # index; then the load's pages, as a running instance would have them cached
  node scripts/cluster-drive.js ready "http://127.0.0.1:${ports[$1]}" "${pids[$1]}"
}

# started together: the first migrates and loads the demo under the start-up lock, the second waits
start_instance 0
start_instance 1 --no-demo
wait_healthy 0
wait_healthy 1
say "two instances on ports ${ports[*]}"

# the upstream rules of deploy/nginx-cluster.conf, on a non-privileged port, everything in $tmp
mkdir -p "$tmp/logs"
cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/client_body;
  proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi;
  scgi_temp_path $tmp/scgi;
  upstream infitah {
    server 127.0.0.1:${ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${ports[1]} max_fails=1 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$port;
    gzip off;
    client_max_body_size 64m;
    location / {
      proxy_pass http://infitah;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
nginx -t -q -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx.conf"
nginx -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx.conf"
nginx_started=1
node scripts/cluster-drive.js ready "http://127.0.0.1:$port"
say "nginx on port $port in front of both"

base="http://127.0.0.1:$port"
node scripts/cluster-drive.js journey "$base" "$url"
say "journey done"

# kill -9 in the middle of the load: nginx retries the GETs the dead instance dropped on the
# other one, so at most the requests in flight on it could fail (expected: none)
node scripts/cluster-drive.js load "$base" "$seconds" "$connections" "$connections" >"$tmp/load.out" 2>&1 &
load=$!
sleep "$(( seconds / 3 ))"
kill -9 "${pids[1]}"
say "instance 1 killed (-9) during the load"
wait "$load" && ok=0 || ok=$?
cat "$tmp/load.out"
[ "$ok" = 0 ] || exit 1

# graceful: instance 1 comes back, instance 0 is stopped with SIGTERM mid-load: nothing may fail
start_instance 1 --no-demo
wait_healthy 1
say "instance 1 started again"
node scripts/cluster-drive.js load "$base" "$seconds" "$connections" 0 >"$tmp/load.out" 2>&1 &
load=$!
sleep "$(( seconds / 3 ))"
kill -TERM "${pids[0]}"
say "instance 0 stopped (SIGTERM) during the load"
wait "$load" && ok=0 || ok=$?
cat "$tmp/load.out"
[ "$ok" = 0 ] || exit 1
wait "${pids[0]}" && stopped=0 || stopped=$?
[ "$stopped" = 0 ] || { echo "cluster-check: instance 0 exited $stopped after SIGTERM (expected 0)" >&2; exit 1; }
pids[0]=0
say "instance 0 exited 0 after draining"

say "OK"
