#!/usr/bin/env bash
# Issue 16, P1: the gateway's two streaming surfaces (/api/v1/completions and the /gemini pass-through)
# and nginx as a plain reverse proxy, side by side against ONE Gemini emulator running in its own
# Liberty server, at the same concurrency levels, interleaved, for short and voice-like replies.
#
# Setup, once per machine: Java 17+, Maven, and nginx (Debian/Ubuntu: sudo apt-get install -y nginx-light).
# Run from anywhere, no server running on the ports below:
#   perf-plans/side-by-side.sh                         # levels 1,50,200,500; 5 s warm-up + 20 s per phase
#   perf-plans/side-by-side.sh --levels 1,50 --measure-s 10
# Extra arguments go to TtftOverheadBenchmark (see perf-plans/README.md). Ports: EMU_PORT (9280),
# NGINX_PORT (9380), GW_PORT (9180) in the environment. Everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
EMU_PORT=${EMU_PORT:-9280}
NGINX_PORT=${NGINX_PORT:-9380}
GW_PORT=${GW_PORT:-9180}
SHORT_REPLY=${SHORT_REPLY:-"ttftMs=200 tokens=20 tokensPerSecond=50"}
VOICE_REPLY=${VOICE_REPLY:-"ttftMs=200 tokens=60 tokensPerSecond=20"}
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
if [ -z "$NGINX" ]; then
  echo "nginx not found. Install it first, e.g.: sudo apt-get install -y nginx-light" >&2
  exit 2
fi
for port in "$EMU_PORT" "$NGINX_PORT" "$GW_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use; stop what listens there or set EMU_PORT/NGINX_PORT/GW_PORT" >&2
    exit 2
  fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/side-by-side.XXXXXX")
WLP=$root/ear/target/liberty/wlp
gateway_log=$work/gateway.log

cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "${gateway_mvn:-}" ] && kill "$gateway_mvn" 2>/dev/null || true
  [ -x "$WLP/bin/server" ] && "$WLP/bin/server" stop voice-gateway >/dev/null 2>&1 || true
  [ -x "$WLP/bin/server" ] && "$WLP/bin/server" stop bench-emulator >/dev/null 2>&1 || true
  echo "(servers stopped; logs in $work)" >&2
}
trap cleanup EXIT

wait_ready() { # url seconds
  for _ in $(seq 1 "$(( $2 * 10 ))"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "200" ] && return 0
    sleep 0.1
  done
  echo "not ready after $2 s: $1 (see $work)" >&2
  return 1
}

# 1. The gateway, built and started by the README's run command, its upstream the emulator server of step 2
#    (its own development Redis and Hazelcast member on ports of their own; the emulator it deploys beside itself is not used).
echo "[side-by-side] building and starting the gateway on $GW_PORT ..." >&2
GATEWAY_GEMINI_BASE_URL=http://127.0.0.1:$EMU_PORT/gemini-emulator \
  mvn -DskipTests liberty:run -Dliberty.var.http.port="$GW_PORT" -Dliberty.var.https.port=$((GW_PORT + 363)) \
    -Dliberty.env.GATEWAY_GEMINI_BASE_URL="http://127.0.0.1:$EMU_PORT/gemini-emulator" \
    -Dliberty.env.REDIS_EMBEDDED_PORT=6391 -Dliberty.env.REDIS_URL=redis://127.0.0.1:6391 \
    -Dliberty.env.REDIS_EMBEDDED_DIR="$work/redis" \
    -Dliberty.env.GATEWAY_HAZELCAST_PORT=5791 -Dliberty.env.GATEWAY_HAZELCAST_CLUSTER_NAME=side-by-side \
    > "$gateway_log" 2>&1 &
gateway_mvn=$!

# 2. The emulator alone, in a server of its own made from the same Liberty installation.
for _ in $(seq 1 600); do [ -x "$WLP/bin/server" ] && [ -f "$root/src/emulator/target/gemini-emulator.war" ] && break; sleep 0.5; done
emu_dir=$WLP/usr/servers/bench-emulator
[ -d "$emu_dir" ] || "$WLP/bin/server" create bench-emulator >/dev/null
cat > "$emu_dir/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<server description="Gemini emulator alone, for perf-plans/side-by-side.sh">
    <featureManager>
        <feature>servlet-6.0</feature>
        <feature>cdi-4.0</feature>
        <feature>websocket-2.1</feature>
        <feature>jsonp-2.1</feature>
        <feature>mpConfig-3.1</feature>
        <feature>concurrent-3.0</feature>
    </featureManager>
    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$EMU_PORT" httpsPort="-1">
        <httpOptions readTimeout="120s" writeTimeout="60s" persistTimeout="60s" maxKeepAliveRequests="-1"/>
    </httpEndpoint>
    <webApplication id="gemini-emulator" name="gemini-emulator" contextRoot="/gemini-emulator"
                    location="$root/src/emulator/target/gemini-emulator.war"/>
</server>
XML
cp "$root/liberty-config/jvm.options" "$emu_dir/jvm.options"
echo "[side-by-side] starting the emulator server on $EMU_PORT ..." >&2
"$WLP/bin/server" start bench-emulator >/dev/null
for _ in $(seq 1 1800); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'x-goog-api-key: bench' -H 'Content-Type: application/json' \
      -d '{"contents":[{"parts":[{"text":"ping [[emulator ttftMs=1 tokens=1]]"}]}]}' \
      "http://127.0.0.1:$EMU_PORT/gemini-emulator/v1beta/models/gemini-2.5-flash:generateContent")" = "200" ] && break
  sleep 0.1
done

# 3. nginx: a plain reverse proxy to the emulator, keep-alive upstream, no buffering.
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    upstream emulator { server 127.0.0.1:$EMU_PORT; keepalive 512; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://emulator;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
            proxy_read_timeout 120s;
        }
    }
}
CONF
"$NGINX" -p "$work/nginx" -c "$work/nginx.conf"
echo "[side-by-side] nginx on $NGINX_PORT; waiting for the gateway ..." >&2
wait_ready "http://127.0.0.1:$GW_PORT/health/ready" 300

# the JVMs of the two servers: Liberty's launcher for that server name from this installation
server_pid() {
  local p
  for p in $(pgrep -f "ws-server.jar" || true); do
    if tr '\0' ' ' < "/proc/$p/cmdline" | grep -q -- "$WLP/bin/tools/ws-server.jar.* $1\( \|$\)"; then echo "$p"; return 0; fi
  done
  return 0
}
gw_pid=$(server_pid voice-gateway)
emu_pid=$(server_pid bench-emulator)
nginx_master=$(cat "$work/nginx.pid")
nginx_pids=$(echo "$nginx_master" $(pgrep -P "$nginx_master" || true) | tr ' ' ',')
if [ -z "$gw_pid" ] || [ -z "$emu_pid" ]; then
  echo "could not find the server processes (gateway '$gw_pid', emulator '$emu_pid')" >&2
  exit 1
fi
echo "[side-by-side] gateway pid $gw_pid, emulator pid $emu_pid, nginx pids $nginx_pids" >&2

run() { # reply, extra args
  local reply=$1; shift
  mvn -q -f "$root/perf-plans/pom.xml" compile exec:java -Dperf.main=com.voicegateway.perf.TtftOverheadBenchmark \
    -Dexec.args="--base http://127.0.0.1:$GW_PORT --direct-base http://127.0.0.1:$EMU_PORT --nginx-base http://127.0.0.1:$NGINX_PORT --gateway-pid $gw_pid --emulator-pid $emu_pid --nginx-pids $nginx_pids --reply '$reply' $*"
}
echo "== short replies: $SHORT_REPLY"
run "$SHORT_REPLY" "$@"
echo
echo "== voice-like replies: $VOICE_REPLY"
run "$VOICE_REPLY" "$@"
