#!/usr/bin/env bash
# A broadcaster and PEERS peers on loopback sockets in one process; prints delay, continuity,
# source upload ratio and control overhead. Usage: bench/loopback-swarm.sh [PEERS] [SECONDS] [SPEED] [CHUNK_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.swarmtv.swarm.net.LoopbackSwarmBenchmark "${1:-100}" "${2:-120}" "${3:-1}" "${4:-7520}"
