#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite, then renders docs/benchmarks.md and its chart
# from the JMH JSON. Usage: benchmarks/run.sh [--quick]
#   --quick   scales 10, 1,000 and 100,000 and fewer iterations: under 10 minutes on 2 cores
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.Suite \
    --out benchmarks/target/results --docs docs --command "benchmarks/run.sh" "$@"
