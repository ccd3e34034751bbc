#!/usr/bin/env bash
# P9: time from the README run command to /health/ready 200, then the server JVM's RSS after a
# warm-up of 200 completions. Run from the repository root on a warm build, with no server running.
# Prints: "ready after <s> s", the RSS, and Liberty's own start lines (CWWKZ0001I, CWWKF0011I).
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
start=$(date +%s.%N)
mvn -DskipTests liberty:run > "$log" 2>&1 &
for _ in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:9080/health/ready)" = "200" ] && break
  sleep 0.1
done
echo "ready after $(echo "$(date +%s.%N) - $start" | bc) s"
for i in $(seq 1 200); do
  curl -s -o /dev/null http://localhost:9080/api/v1/completions -H 'Authorization: Bearer dev-user-key' \
    -H 'Content-Type: application/json' -H 'Accept: application/json' \
    -d "{\"input\":\"warm $i [[emulator ttftMs=1 tokens=3 tokensPerSecond=1000]]\"}"
done
sleep 5
for p in $(pgrep -f ws-server.jar); do
  case "$(readlink /proc/$p/cwd)" in *ear/target/liberty*) echo "server pid $p $(grep VmRSS /proc/$p/status)";; esac
done
grep -h "CWWKZ0001I\|CWWKF0011I" ear/target/liberty/wlp/usr/servers/voice-gateway/logs/messages.log | tail -3
pkill -f "liberty:run"
echo "(server stopped; the run's Maven output is in $log)"
