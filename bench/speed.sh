#!/usr/bin/env bash
# Side-by-side speed benchmark: the plugin's Java/DJL engine against the project's PyTorch re-statement of
# the reference (bench/reference/speed_ref.py, with OpenBLAS), interleaved round by round on the same machine
# with the same thread count, so both see the same conditions. Prints a table of medians and Java/PyTorch ratios
# and writes everything to bench/out/speed-<time>/.
#   bench/speed.sh                      # 3 rounds, 32x1 and 64x3
#   ROUNDS=5 ITERS=10 bench/speed.sh
#   JAVA_KERNELS="auto onednn-unchecked" bench/speed.sh   # Java also with oneDNN forced on (unchecked)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
ITERS=${ITERS:-5}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-2}
CONFIGS=${CONFIGS:-"32x1 64x3"}
INFER_BATCHES=${INFER_BATCHES:-64,512}
INFER_IMAGES=${INFER_IMAGES:-2048}
# Values of -Dganomaly.convolutions for the Java side, each run in every round: auto is what users get.
JAVA_KERNELS=${JAVA_KERNELS:-auto}
PY=/usr/bin/python3

if ! $PY -c 'import torch' 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null
fi
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
out="bench/out/speed-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
{ lscpu | grep -E '^(Model name|CPU family|Model):'; date -u; } > "$out/machine.txt"
echo "results in $out" >&2
for round in $(seq "$ROUNDS"); do
  for cfg in $CONFIGS; do
    for kernels in $JAVA_KERNELS; do
      echo "round $round, $cfg: java ($kernels)" >&2
      java -Xmx8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dganomaly.convolutions="$kernels" \
        -cp "$CP" org.ganomaly.fiji.bench.SpeedBench --config "$cfg" --repeats 1 --iters "$ITERS" \
        --warmup "$WARMUP" --infer-batches "$INFER_BATCHES" --infer-images "$INFER_IMAGES" 2>/dev/null \
        | grep '^{' >> "$out/java.jsonl"
    done
    echo "round $round, $cfg: pytorch" >&2
    bench/reference/openblas-env.sh $PY bench/reference/speed_ref.py --threads "$THREADS" --configs "$cfg" \
      --repeats 1 --iters "$ITERS" --warmup "$WARMUP" --infer-batches "$INFER_BATCHES" \
      --infer-images "$INFER_IMAGES" --out "$out/ref-$round-$cfg.json" 2>/dev/null
  done
done
$PY bench/speed_table.py "$out"
