#!/usr/bin/env bash
# Pixel-level benchmark of the anomaly maps on generated 64x64 textures with synthetic defects of known masks
# (scratches, spots, missing pieces): pixel AUROC, AUPRO at 30 % FPR, calibrated pixel threshold, map-based image
# scores and region counts, per map smoothing sigma. See DefectMapBench's javadoc. Progress: bench/out/defects.log.
#   bench/defects.sh [extra DefectMapBench options, e.g. --epochs 10 --sigmas 0,1,2,4]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
lscpu | grep 'Model name'
date -u
java -Xmx4g -Dai.djl.offline=true \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.ganomaly.fiji.bench.DefectMapBench --out bench/out/defects.md "$@" 2>bench/out/defects.log
