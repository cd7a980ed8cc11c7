#!/usr/bin/env bash
# What Score Stack's region columns cost: scores only vs scores with maps and region labelling, same samples, in
# alternating rounds in one process (see RegionCostBench).
#   bench/region-cost.sh [--images 20000] [--size 32] [--rounds 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
lscpu | grep 'Model name'
date -u
cat /proc/loadavg
java -Xmx2g -Dai.djl.offline=true \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.ganomaly.fiji.bench.RegionCostBench "$@" 2>/dev/null | grep '^{'
cat /proc/loadavg
