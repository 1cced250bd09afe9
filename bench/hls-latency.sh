#!/usr/bin/env bash
# The gateway's HLS figures on loopback: part delay (a part's last chunk arriving -> the part
# listed) and zap time (cold join of a running channel -> playable HLS, first TS bytes).
# Usage: bench/hls-latency.sh [seconds of part-delay sampling] [zap runs], e.g. bench/hls-latency.sh 30 5
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.swarmtv.web.HlsLatencyBenchmark "$@"
