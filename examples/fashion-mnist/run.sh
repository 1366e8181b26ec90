#!/usr/bin/env bash
# ModelOps UC3 (visual recognition) end to end, from one command:
#   train -> harden -> evaluate -> compress to ONNX int8 -> deploy to staging (pipeline),
#   then serve the deployed version, send unchanged and shifted (brighter, rotated) images,
#   and read the server's live drift report.
# State goes to a fresh temporary folder unless MODELOPS_HOME is set; PORT overrides the port.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SPEC="$HERE/modelops.yaml"
STATE="${MODELOPS_HOME:-$(mktemp -d -t modelops-uc3-XXXXXX)}"
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
head -2 "$STATE/server.log"
echo "live profile: $STATE/deployments/fashion-classifier/staging/live-profile.json"
exit $STATUS
