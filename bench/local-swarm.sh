#!/usr/bin/env bash
# The swarm logic alone with PEERS peers on an in-memory network and a virtual clock: figures that do
# not depend on the machine's load, for comparing versions. Usage: bench/local-swarm.sh [PEERS] [SECONDS] [LATENCY_MS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.swarmtv.swarm.LocalSwarmBenchmark "${1:-100}" "${2:-60}" "${3:-2}" "${4:-7}"
