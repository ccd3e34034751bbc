#!/usr/bin/env bash
# Issue 19, item 8: the load matrix (normal, peak, stress, spike) at scaled-down durations, one plan
# after the other against one running gateway, each with its own budget verdict. The users per plan
# are the matrix's; only ramp-up, hold and ramp-down are shortened (HOLD_S, RAMP_S in the environment).
#   perf-plans/matrix-scaled.sh http://localhost:9080          # a gateway started with the README run command
# Prints each plan's BudgetCheck table and copies it, with JMeter's statistics.json, to OUT (default
# perf-plans/target/matrix-<time>/). Exit status: 0 when every plan kept its budgets, else 1.
set -uo pipefail
cd "$(dirname "$0")/.."
url=${1:?usage: $0 http://HOST:PORT}
HOLD_S=${HOLD_S:-120}
RAMP_S=${RAMP_S:-30}
OUT=${OUT:-perf-plans/target/matrix-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
verdict=0
for plan in normal peak stress spike; do
  extra=(-Dload.rampUp="$RAMP_S" -Dload.hold="$HOLD_S")
  # spike: 0 -> 100 -> 0, the ramps are the shape (the hold at 100 users is short)
  [ "$plan" = spike ] && extra=(-Dload.rampUp=$((RAMP_S * 2)) -Dload.hold=$((HOLD_S / 4)) -Dload.rampDown=$((RAMP_S * 2)))
  echo "== $plan: ${extra[*]}  ($(date -u +%H:%M:%S))"
  mvn -q --batch-mode -f perf-plans/pom.xml verify -Dplan="$plan" -Dgateway.url="$url" "${extra[@]}" > "$OUT/$plan.log" 2>&1
  rc=$?
  cat "perf-plans/target/jmeter/budget-$plan.txt" 2>/dev/null || tail -20 "$OUT/$plan.log"
  cp "perf-plans/target/jmeter/budget-$plan.txt" "$OUT/" 2>/dev/null
  cp perf-plans/target/jmeter/reports/voice-gateway/statistics.json "$OUT/statistics-$plan.json" 2>/dev/null
  echo "   exit $rc"
  [ $rc -ne 0 ] && verdict=1
done
echo "results in $OUT"
exit $verdict
