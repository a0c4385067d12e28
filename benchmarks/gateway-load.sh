#!/usr/bin/env bash
# Load run of `warden serve` behind real gateways, all on 127.0.0.1. One run measures, in turn:
#   (a) NGINX proxying to a backend that answers at once (no auth);
#   (b) NGINX auth_request to a no-op auth upstream that answers 204, then the backend;
#   (c) NGINX auth_request to `warden serve` (examples/gateway/nginx.conf), then the backend;
#   (d) Caddy forward_auth to `warden serve --forward-auth caddy` (examples/gateway/Caddyfile),
#       when caddy is installed.
# Every NGINX runs worker_processes = the number of cores (a master and its workers) with upstream
# keepalive to the auth upstream and the backend, as docs/gateways.md recommends. The backend and
# the no-op are server blocks of one more NGINX (`return 200`, `return 204`). The load comes from
# dev.warden.benchmarks.GatewayLoad (benchmarks module): N persistent HTTP/1.1 connections, a
# closed loop, views, sends and deletes over 1,000 channels with one access key.
#
# Prints a Markdown table: requests/s, p50, p99 for each, (c) and (d) as a ratio of (b), and the auth
# upstream's CPU time per request (the no-op NGINX, or warden serve).
# With WRITE_DOCS=1 it also writes the table into the `gateway-load` block of docs/benchmarks.md,
# whose block `gateway-load-run` above it describes the run.
# Needs nginx (apt-get install -y nginx); caddy is optional (apt-get install -y caddy).
# Usage: benchmarks/gateway-load.sh [DURATION_SECONDS] [CONNECTIONS]   (defaults: 10 s, 32 connections)
# Environment: WARMUP=SECONDS (default 30: a JVM gateway needs its JIT to have compiled the path; 3 s measures the compiler, not the steady state) before each measured run; SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-32}"
WARMUP="${WARMUP:-30}"
CORES="$(nproc)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
CADDY="$(command -v caddy || true)"
[ -x "$NGINX" ] || { echo "nginx is not installed (apt-get install -y nginx)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl policy-cli,benchmarks -am package -DskipTests
WARDEN_JAR=policy-cli/target/warden.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
for j in "$WARDEN_JAR" "$BENCH_JAR"; do [ -f "$j" ] || { echo "$j is missing: build without SKIP_BUILD" >&2; exit 2; }; done

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # URL [what]: until anything answers
  for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "${2:-$1} does not answer" >&2; return 1
}

BACKEND_PORT="$(free_port)"; NOOP_PORT="$(free_port)"; WARDEN_PORT="$(free_port)"
PLAIN_PORT="$(free_port)"; NOOP_GW_PORT="$(free_port)"; WARDEN_GW_PORT="$(free_port)"; CADDY_PORT="$(free_port)"

# the example policies, and one key with the role and workspace they use
KEY=wk_load_0123456789abcdef
HASH="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
cat > "$work/keys.json" <<JSON
{"keys": [{"id": "ak_load", "hash": "sha256:$HASH", "roles": ["channel-sender"], "attributes": {"workspace": "w1"}}]}
JSON

# An NGINX of its own for each gateway: a master and one worker per core, in the foreground.
# nginx_conf NAME HTTP_BODY writes $work/NAME/nginx.conf around the body of its http block.
nginx_conf() {
  local dir="$work/$1"
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes $CORES;
worker_rlimit_nofile 8192;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
$2
}
CONF
}
# example_conf NAME AUTH_PORT PORT: examples/gateway/nginx.conf as it is, but with a master and
# one worker per core (the example runs one process for the tests)
example_conf() {
  local dir="$work/$1"
  mkdir -p "$dir"
  sed -e "s|@PREFIX@|$dir|g" -e "s|@PORT@|$3|g" -e "s|@WARDEN_PORT@|$2|g" -e "s|@BACKEND@|127.0.0.1:$BACKEND_PORT|g" \
      -e 's|^master_process off;|master_process on;|' -e "s|^worker_processes auto;|worker_processes $CORES;|" \
      examples/gateway/nginx.conf > "$dir/nginx.conf"
  grep -q "^worker_processes $CORES;" "$dir/nginx.conf" && grep -q '^master_process on;' "$dir/nginx.conf" \
      || { echo "examples/gateway/nginx.conf: cannot set worker_processes and master_process" >&2; exit 1; }
}
start_nginx() { # NAME; sets nginx_pid
  "$NGINX" -p "$work/$1" -e "$work/$1/error.log" -c "$work/$1/nginx.conf" > "$work/$1/stdout.log" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
}

# the backend (answers 200 at once) and the no-op auth upstream (answers 204 at once)
nginx_conf upstreams "    server { listen 127.0.0.1:$BACKEND_PORT; location / { return 200 \"ok\\n\"; } }"
# the no-op is an NGINX of its own, so that its CPU time can be told from the backend's
nginx_conf noopauth "    server { listen 127.0.0.1:$NOOP_PORT; location / { return 204; } }"
# (a): a plain proxy to the backend, with the example's keepalive
nginx_conf plain "    upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 32; }
    server {
        listen 127.0.0.1:$PLAIN_PORT;
        location / {
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_pass http://backend;
        }
    }"
example_conf noop "$NOOP_PORT" "$NOOP_GW_PORT"       # (b)
example_conf warden "$WARDEN_PORT" "$WARDEN_GW_PORT" # (c)
for n in upstreams plain noop warden; do start_nginx "$n"; done
start_nginx noopauth
noop_pid=$nginx_pid

start_warden() { # MODE: `warden serve --forward-auth MODE` on WARDEN_PORT; sets warden_pid
  java -Xmx512m -jar "$WARDEN_JAR" serve --policies examples/policies --keys "$work/keys.json" \
      --bind 127.0.0.1 --port "$WARDEN_PORT" --forward-auth "$1" > "$work/warden-$1.log" 2>&1 &
  warden_pid=$!
  pids+=("$warden_pid")
  wait_http "http://127.0.0.1:$WARDEN_PORT/healthz" "warden serve" || { cat "$work/warden-$1.log" >&2; exit 1; }
}
stop_warden() {
  kill "$warden_pid" 2>/dev/null || true
  wait "$warden_pid" 2>/dev/null || true
}

# answers GATEWAY_PORT: the status of a view, a delete and a view without a key, through a gateway
answers() {
  local u="http://127.0.0.1:$1/workspaces/w1/channels/c1/messages"
  echo "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: AccessKey $KEY" "$u")/$(curl -s -o /dev/null \
      -w '%{http_code}' -X DELETE -H "Authorization: AccessKey $KEY" "$u")/$(curl -s -o /dev/null -w '%{http_code}' "$u")"
}
check() { # NAME GATEWAY_PORT EXPECTED
  local got
  got="$(answers "$2")"
  [ "$got" = "$3" ] || { echo "$1: view/delete/no key answered $got, not $3" >&2; tail -n 20 "$work"/*/error.log "$work"/*.log >&2; exit 1; }
}
# cpu_ticks PID: the CPU time (user + system, in clock ticks) of a process and its children so far
cpu_ticks() {
  local t=0 q
  for q in "$1" $(pgrep -P "$1" || true); do
    [ -r "/proc/$q/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$q/stat")))
  done
  echo "$t"
}
# measure NAME GATEWAY_PORT [AUTH_PID]: one warm-up and one measured run; the result line goes to
# $work/NAME.tsv. With AUTH_PID, the auth upstream's CPU time per answered request, over the
# measured run less its first and last half second, goes to $work/NAME.cpu (microseconds)
measure() {
  java -cp "$BENCH_JAR" dev.warden.benchmarks.GatewayLoad --url "http://127.0.0.1:$2" --connections "$CONNECTIONS" \
      --duration "$DURATION" --warmup "$WARMUP" --key "$KEY" > "$work/$1.tsv" &
  local load=$! t0 t1
  if [ -n "${3:-}" ]; then
    sleep "$WARMUP.5"
    t0="$(cpu_ticks "$3")"
    sleep "$((DURATION - 1))"
    t1="$(cpu_ticks "$3")"
  fi
  wait "$load"
  if [ -n "${3:-}" ]; then
    awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v rps="$(cut -f1 "$work/$1.tsv")" -v s="$((DURATION - 1))" \
        'BEGIN { if (rps > 0) printf "%.0f", t / hz * 1e6 / (rps * s); else print "-" }' > "$work/$1.cpu"
  fi
}

start_warden nginx
for p in "$PLAIN_PORT" "$NOOP_GW_PORT" "$WARDEN_GW_PORT"; do wait_http "http://127.0.0.1:$p/" "nginx on $p"; done
check "(a) plain proxy" "$PLAIN_PORT" 200/200/200
check "(b) auth_request to the no-op" "$NOOP_GW_PORT" 200/200/200
check "(c) auth_request to warden" "$WARDEN_GW_PORT" 200/403/401

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
measure a "$PLAIN_PORT"
measure b "$NOOP_GW_PORT" "$noop_pid"
measure c "$WARDEN_GW_PORT" "$warden_pid"
stop_warden

caddy_version=""
if [ -n "$CADDY" ]; then
  mkdir -p "$work/caddy"
  sed -e "s|@PREFIX@|$work/caddy|g" -e "s|@PORT@|$CADDY_PORT|g" -e "s|@WARDEN_PORT@|$WARDEN_PORT|g" \
      -e "s|@BACKEND@|127.0.0.1:$BACKEND_PORT|g" examples/gateway/Caddyfile > "$work/caddy/Caddyfile"
  start_warden caddy
  "$CADDY" run --config "$work/caddy/Caddyfile" --adapter caddyfile > "$work/caddy.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$CADDY_PORT/" caddy || { cat "$work/caddy.log" >&2; exit 1; }
  check "(d) caddy forward_auth to warden" "$CADDY_PORT" 200/403/401
  measure d "$CADDY_PORT" "$warden_pid"
  stop_warden
  caddy_version="$("$CADDY" version 2>/dev/null | cut -d' ' -f1)"
fi
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# a GatewayLoad line: requests/s, p50 ms, p99 ms, non-2xx, connections opened, failed requests
field() { cut -f"$2" "$work/$1.tsv"; }
ratio() { awk -v x="$(field "$1" 1)" -v y="$(field b 1)" 'BEGIN { if (y > 0) printf "%.2fx", x / y; else print "-" }'; }
cpu() { if [ -f "$work/$1.cpu" ]; then echo "$(cat "$work/$1.cpu") µs"; fi; }
row() { # LETTER DESCRIPTION RATIO
  echo "| ($1) $2 | $(printf "%'.0f" "$(field "$1" 1)") | $(field "$1" 2) ms | $(field "$1" 3) ms | $(field "$1" 4) | $(field "$1" 5) | $(field "$1" 6) | $3 | $(cpu "$1") |"
}
{
  echo "### The last run"
  echo
  echo "\`benchmarks/gateway-load.sh $DURATION $CONNECTIONS\`: $CONNECTIONS connections, ${DURATION} s measured after a ${WARMUP} s warm-up"
  echo "per run; $CORES NGINX worker processes."
  echo
  echo "| run | requests/s | p50 | p99 | non-2xx | connections opened | failed | vs (b) | auth CPU per request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  row a "NGINX proxy → backend, no auth" ""
  row b "NGINX auth_request → no-op (204) → backend" "1.00x"
  row c "NGINX auth_request → warden serve → backend" "$(ratio c)"
  if [ -n "$CADDY" ]; then
    row d "Caddy forward_auth → warden serve → backend" "$(ratio d)"
  else
    echo "| (d) Caddy forward_auth → warden serve → backend | not run: caddy is not installed | | | | | | | |"
  fi
  echo
  echo "\"vs (b)\" is requests/s over those of (b), the same gateway with an auth upstream that does nothing;"
  echo "\"non-2xx\" counts the denied deletes (403); \"connections opened\" are the load generator's own (one per"
  echo "connection, and one more each time a gateway closes one: NGINX does after 1,000 requests, \`keepalive_requests\`);"
  echo "\"failed\" are requests without an answer; \"auth CPU per request\" is the CPU time (user and system) of the auth"
  echo "upstream's processes (the no-op NGINX, or \`warden serve\`) over the measured run, less its first and last half"
  echo "second, per request answered: what deciding one request costs the machine, whatever else runs beside it."
  echo
  echo "Machine: $CORES CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1),"
  echo "$("$NGINX" -v 2>&1)${caddy_version:+, Caddy $caddy_version}; measured $(date -u +%Y-%m-%d); load average (1, 5, 15 min)"
  echo "$load_start at start, $load_end at end."
} > "$work/block.md"
if [ -n "${WRITE_DOCS:-}" ]; then
  java -cp "$BENCH_JAR" dev.warden.benchmarks.Sections docs/benchmarks.md gateway-load < "$work/block.md"
fi
cat "$work/block.md"
