#!/usr/bin/env bash
# Scores a 100,000-image 32x32 8-bit stack end to end from an ImagePlus (conversion included) and reports the
# time, peak Java heap and peak resident memory, after a 10,000-image run in the same process: with streaming
# scoring the peaks differ by the stack's own pixels (~92 MB), not by anything scoring keeps.
#   bench/stack.sh [IMAGES] [BATCH]
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${1:-100000}
BATCH=${2:-512}
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="${THREADS:-2}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.ganomaly.fiji.bench.StackScoringBench --images "$IMAGES" --small $((IMAGES / 10)) --batch "$BATCH" 2>/dev/null \
  | grep '^{'
