#!/usr/bin/env bash
# Load run of `warden serve` with wrk: /v1/authz directly, and NGINX auth_request in front of a
# backend (NGINX's own `return 200`), all on 127.0.0.1. Writes the `gateway-load` block of
# docs/benchmarks.md. Needs nginx and wrk (Debian packages: apt-get install -y nginx wrk).
# Usage: benchmarks/gateway-load.sh [DURATION_SECONDS] [CONNECTIONS]   (SKIP_BUILD=1: use the jars already built)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
CONNECTIONS="${2:-32}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
[ -x "$NGINX" ] || { echo "nginx is not installed (apt-get install -y nginx)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q package -DskipTests

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
WARDEN_PORT="$(free_port)"; NGINX_PORT="$(free_port)"; BACKEND_PORT="$(free_port)"

# the example policies, and one key per role with the workspace attribute they use
KEY=wk_load_0123456789abcdef
HASH="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
cat > "$work/keys.json" <<JSON
{"keys": [{"id": "ak_load", "hash": "sha256:$HASH", "roles": ["channel-sender"], "attributes": {"workspace": "w1"}}]}
JSON

java -Xmx512m -jar policy-cli/target/warden.jar serve --policies examples/policies --keys "$work/keys.json" \
    --bind 127.0.0.1 --port "$WARDEN_PORT" > "$work/warden.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$WARDEN_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$WARDEN_PORT/healthz" >/dev/null || { cat "$work/warden.log"; exit 1; }

mkdir -p "$work/nginx"
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@WARDEN_PORT@|$WARDEN_PORT|g" \
    -e "s|@BACKEND@|127.0.0.1:$BACKEND_PORT|g" examples/gateway/nginx.conf > "$work/nginx/nginx.conf"
# the backend: a server block of the same NGINX that answers 200 at once
sed -i "s|^http {|http {\n    server { listen 127.0.0.1:$BACKEND_PORT; location / { return 200 \"ok\\\\n\"; } }|" "$work/nginx/nginx.conf"
"$NGINX" -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=($!)
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.1; done

# requests over 1,000 channels of the key's workspace: views, sends, and denied deletes
cat > "$work/direct.lua" <<'LUA'
local i = 0
local methods = {"GET", "GET", "GET", "POST", "DELETE"}
request = function()
  i = i + 1
  local m = methods[(i % 5) + 1]
  local path = "/workspaces/w1/channels/c" .. (i % 1000) .. "/messages"
  return wrk.format("GET", "/v1/authz", {["X-Original-Method"] = m, ["X-Original-URI"] = path,
      ["Authorization"] = "AccessKey KEY"})
end
LUA
sed -i "s|KEY|$KEY|" "$work/direct.lua"
cat > "$work/nginx.lua" <<'LUA'
local i = 0
local methods = {"GET", "GET", "GET", "POST", "DELETE"}
request = function()
  i = i + 1
  return wrk.format(methods[(i % 5) + 1], "/workspaces/w1/channels/c" .. (i % 1000) .. "/messages",
      {["Authorization"] = "AccessKey KEY"})
end
LUA
sed -i "s|KEY|$KEY|" "$work/nginx.lua"

# sanity: the three kinds of answer, through NGINX
ok=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: AccessKey $KEY" "http://127.0.0.1:$NGINX_PORT/workspaces/w1/channels/c1/messages")
no=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: AccessKey $KEY" "http://127.0.0.1:$NGINX_PORT/workspaces/w1/channels/c1/messages")
anon=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/workspaces/w1/channels/c1/messages")
[ "$ok/$no/$anon" = "200/403/401" ] || { echo "unexpected answers $ok/$no/$anon"; cat "$work/warden.log" "$work/nginx/error.log"; exit 1; }

# warm-up, then the measured runs
wrk -t2 -c"$CONNECTIONS" -d5s -s "$work/direct.lua" "http://127.0.0.1:$WARDEN_PORT" > /dev/null
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/direct.lua" "http://127.0.0.1:$WARDEN_PORT" > "$work/direct.txt"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$work/nginx.lua" "http://127.0.0.1:$NGINX_PORT" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/nginx.lua" "http://127.0.0.1:$NGINX_PORT" > "$work/nginx.txt"
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

row() { # name file
  local rps p50 p99 non2xx
  rps="$(awk '/^Requests\/sec/ {print $2}' "$2")"
  p50="$(awk '$1=="50%" {print $2}' "$2")"
  p99="$(awk '$1=="99%" {print $2}' "$2")"
  non2xx="$(awk '/Non-2xx or 3xx responses/ {print $5}' "$2")"
  echo "| $1 | $(printf "%'.0f" "$rps") | $p50 | $p99 | ${non2xx:-0} |"
}
{
  echo "## Gateway: \`warden serve\` under load"
  echo
  echo "wrk (2 threads, $CONNECTIONS connections, ${DURATION} s after a 5 s warm-up) against \`warden serve\` with the example"
  echo "policies and one access key: views (allowed), sends (allowed) and deletes (denied, 403) over 1,000 channels."
  echo "\"Direct\" asks \`/v1/authz\` as a forward-auth gateway would; \"through NGINX\" sends the requests to NGINX,"
  echo "which asks Warden with \`auth_request\` (examples/gateway/nginx.conf, keep-alive to Warden) and proxies the allowed"
  echo "ones to a backend that answers at once. wrk, NGINX and Warden share the machine's cores."
  echo
  echo '```sh'
  echo "benchmarks/gateway-load.sh $DURATION $CONNECTIONS"
  echo '```'
  echo
  echo "| run | requests/s | p50 | p99 | non-2xx (denied) |"
  echo "|---|---|---|---|---|"
  row "direct: wrk → warden serve /v1/authz" "$work/direct.txt"
  row "through NGINX: wrk → nginx auth_request → warden serve, backend" "$work/nginx.txt"
  echo
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1),"
  echo "$("$NGINX" -v 2>&1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); measured $(date -u +%Y-%m-%d); load average (1, 5, 15 min)"
  echo "$load_start at start, $load_end at end (the machine is shared with other builds)."
} > "$work/block.md"
java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.Sections docs/benchmarks.md gateway-load < "$work/block.md"
cat "$work/block.md"
