#!/usr/bin/env bash
# Runs the JMH benchmarks under src/test/java/io/swarmtv/bench and prints their figures.
# Usage: bench/jmh.sh [JMH options and benchmark regex], e.g. bench/jmh.sh -f 1 -wi 2 -i 3 Chunker
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"
