#!/usr/bin/env bash
# Side-by-side speed benchmark: the plugin's Java/DJL engine against the project's PyTorch re-statement of
# the reference (bench/reference/speed_ref.py) on two PyTorch builds: a current torch from pip (the baseline a
# user installing the authors' code or anomalib gets today; installed into a virtual environment this script
# makes, bench/out/torch-venv) and Debian's python3-torch 1.13 with OpenBLAS (kept as history). All sides run
# interleaved round by round on the same machine with the same thread count, so they see the same conditions.
# Prints a table of medians and Java/PyTorch ratios and writes everything to bench/out/speed-<time>/.
#   bench/speed.sh                      # 3 rounds, 32x1 and 64x3
#   ROUNDS=5 ITERS=10 bench/speed.sh
#   JAVA_KERNELS="auto onednn-unchecked" bench/speed.sh   # Java also with oneDNN forced on (unchecked)
#   REFERENCES=pip bench/speed.sh        # only the current torch (pip), or only debian
# pip installs TORCH_SPEC (default: the newest torch) from PIP_INDEX_URL, else from the first index of pip's
# configuration (a local mirror here); VENV overrides where the environment lives.
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
REFERENCES=${REFERENCES:-"pip debian"}
PY=/usr/bin/python3
venv=$(realpath -m "${VENV:-bench/out/torch-venv}")

for side in $REFERENCES; do
  case $side in
    debian)
      if ! $PY -c 'import torch' 2>/dev/null; then
        apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null
      fi ;;
    pip)
      if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import torch' 2>/dev/null; then
        index=${PIP_INDEX_URL:-$(pip config get global.index-url 2>/dev/null || pip config get global.extra-index-url | awk '{print $1}')}
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --index-url "$index" "${TORCH_SPEC:-torch}" >"$venv.pip.log" 2>&1 \
          || { cat "$venv.pip.log"; exit 1; }
      fi ;;
    *) echo "REFERENCES: unknown side '$side' (pip or debian)" >&2; exit 2 ;;
  esac
done
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
    for side in $REFERENCES; do
      echo "round $round, $cfg: pytorch ($side)" >&2
      # Debian's torch links the system BLAS: OpenBLAS is its fair setting. The pip wheel brings its own.
      if [ "$side" = debian ]; then run=(bench/reference/openblas-env.sh $PY); else run=("$venv/bin/python"); fi
      "${run[@]}" bench/reference/speed_ref.py --threads "$THREADS" --configs "$cfg" \
        --repeats 1 --iters "$ITERS" --warmup "$WARMUP" --infer-batches "$INFER_BATCHES" \
        --infer-images "$INFER_IMAGES" --out "$out/ref-$side-$round-$cfg.json" 2>/dev/null
    done
  done
done
$PY bench/speed_table.py "$out"
