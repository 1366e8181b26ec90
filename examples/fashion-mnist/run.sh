#!/usr/bin/env bash
# ModelOps UC3 (visual recognition) end to end, from one command:
#   train -> harden -> evaluate -> compress to ONNX int8 -> deploy to staging (pipeline),
#   with a drift monitor, then serve the deployed version, send unchanged and shifted (brighter,
#   rotated) images, read the server's live drift verdicts, and run what the scheduled Jenkins
#   job runs on the images the server wrote: `modelops drift check --monitor ...`, which finds
#   the drift and names the pipeline to start (exit 3).
# State goes to a fresh temporary folder unless MODELOPS_HOME is set; PORT overrides the port.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SPEC="$HERE/modelops.yaml"
STATE="${MODELOPS_HOME:-$(mktemp -d -t modelops-uc3-XXXXXX)}"
mkdir -p "$STATE"   # a MODELOPS_HOME that does not exist yet: tee writes the pipeline log into it
PORT="${PORT:-8087}"
TOKEN="uc3-$RANDOM$RANDOM"

echo "== pipeline (state in $STATE)"
"$ROOT/modelops" run "$SPEC" --home "$STATE" | tee "$STATE/pipeline.log"

echo
echo "== robustness before and after hardening"
grep -o 'hardened fashion-classifier@v.*' "$STATE/pipeline.log" | head -1
echo "== size and accuracy before and after compression"
grep -o 'fashion-classifier@v[0-9]*: ONNX float32.*' "$STATE/pipeline.log" | head -1

echo
echo "== serving the staging deployment on port $PORT"
MODELOPS_SERVE_TOKEN="$TOKEN" "$ROOT/modelops" serve-model "$SPEC" --env staging --model fashion-classifier \
  --home "$STATE" --port "$PORT" > "$STATE/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

STATUS=0
java "$HERE/SendShifted.java" "http://127.0.0.1:$PORT" "$TOKEN" "$HERE/data/fashion-mnist-14x14.csv" || STATUS=$?
head -3 "$STATE/server.log"

MONITOR="$STATE/monitors/fashion-classifier/staging/drift-monitor.json"
echo
echo "== the scheduled drift job: modelops drift check --monitor $MONITOR"
CHECK=0
"$ROOT/modelops" drift check --monitor "$MONITOR" --out "$STATE/drift-reports" > "$STATE/drift-check.log" 2>&1 || CHECK=$?
grep -E '^batch |^DRIFT in |^no drift in |^modelops:' "$STATE/drift-check.log" || true
echo "exit code $CHECK (0 no drift, 3 drift: retrain)"
if [ -f "$STATE/drift-reports/drift-trigger.json" ]; then
  echo "trigger: $(grep -o '"pipeline" : "[^"]*"' "$STATE/drift-reports/drift-trigger.json" | head -1)" \
       "in $STATE/drift-reports/drift-trigger.json"
fi
VERDICTS="$(grep -E '^batch ' "$STATE/drift-check.log" | sed 's/.*: //' | paste -sd' ' -)"
if [ "$CHECK" -ne 3 ] || [ "$VERDICTS" != "no drift DRIFT" ]; then
  echo "the scheduled check did NOT find drift in the shifted batch only (exit $CHECK, verdicts: $VERDICTS)"
  STATUS=1
fi
exit $STATUS
