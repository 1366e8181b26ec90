#!/usr/bin/env bash
# Lineage query latency on a store with a long history (SQLite and a real PostgreSQL).
# Usage: benchmarks/lineage-queries/run.sh [--runs 2000] [--reps 50] [--stores sqlite,postgresql]
# Builds the lineage module's test classes through the reactor (no install), then runs
# dev.modelops.lineage.bench.LineageBenchmark and prints a Markdown table (see BENCHMARKS.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -pl modelops-lineage -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
CP="modelops-lineage/target/test-classes:modelops-lineage/target/classes:$(cat modelops-lineage/target/bench.classpath)"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.modelops.lineage.bench.LineageBenchmark "$@"
