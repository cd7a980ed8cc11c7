#!/usr/bin/env bash
# MNIST quality benchmark, the reference protocol: the plugin's Java/DJL engine and the PyTorch re-statement of
# the reference (bench/reference/quality_ref.py, with OpenBLAS) train and test on the same split files, one after
# the other, with the same epochs and threads. For each digit in DIGITS (the abnormal class) and seed in SEEDS:
#   1. protocol.py writes the split (SUBSET / TEST_CAP shrink it for short runs),
#   2. MnistQualityBench trains on the split's training images minus its own validation part, selects an epoch
#      from validation normals only and reports the honest test AUC (plus per-epoch test AUCs as diagnostics),
#   3. quality_ref.py trains on all the split's training images and reports per-epoch test AUCs (its "best" is
#      chosen with test labels, as the reference reports it).
# Then bench/mnist_table.py prints the table and writes summary.json. Everything goes to bench/out/mnist-<time>/.
#   bench/mnist.sh
#   DIGITS=2 SEEDS=0 SUBSET=640 TEST_CAP=500 EPOCHS=2 bench/mnist.sh        # smoke test
# Other knobs: THREADS (2), VALIDATION_FRACTION (0.1), SELECTION (best|proxy|last), PRECISE_BN (200),
# AVERAGE_HALF_LIFE (the plugin's default; 0 turns weight averaging off),
# FP16 (true: also scores the selected model in float16 and records the AUC difference to float32),
# CHECK_IMAGES (300; 0 skips the preprocessing check), MVN_FLAGS (e.g. -o), OUT (result folder).
set -euo pipefail
cd "$(dirname "$0")/.."
DIGITS=${DIGITS:-"0 1 2 3 4 5 6 7 8 9"}
SEEDS=${SEEDS:-"0 1 2"}
EPOCHS=${EPOCHS:-15}
SUBSET=${SUBSET:-}
TEST_CAP=${TEST_CAP:-}
THREADS=${THREADS:-2}
VALIDATION_FRACTION=${VALIDATION_FRACTION:-0.1}
SELECTION=${SELECTION:-best}
PRECISE_BN=${PRECISE_BN:-200}
AVERAGE_HALF_LIFE=${AVERAGE_HALF_LIFE:-}
FP16=${FP16:-true}
CHECK_IMAGES=${CHECK_IMAGES:-300}
PY=/usr/bin/python3
IDX=bench/data/mnist
out=${OUT:-bench/out/mnist-$(date +%Y%m%d-%H%M%S)}

if ! $PY -c 'import torch' 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null
fi
bench/fetch-mnist.sh >/dev/null
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
JAVA=(java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP")
REF=(bench/reference/openblas-env.sh "$PY")
export OPENBLAS_NUM_THREADS="$THREADS"
mkdir -p "$out/logs"
echo "results in $out" >&2

split_opts=()
[ -n "$SUBSET" ] && split_opts+=(--subset "$SUBSET")
[ -n "$TEST_CAP" ] && split_opts+=(--test-cap "$TEST_CAP")
cat > "$out/run.json" <<EOF
{"started": "$(date -Iseconds)", "host_cpus": $(nproc), "digits": "$DIGITS", "seeds": "$SEEDS",
 "epochs": $EPOCHS, "subset": "${SUBSET:-none}", "test_cap": "${TEST_CAP:-none}", "threads": $THREADS,
 "validation_fraction": $VALIDATION_FRACTION, "selection": "$SELECTION", "precise_bn_batches": $PRECISE_BN,
 "average_half_life": "${AVERAGE_HALF_LIFE:-default}",
 "reference_blas": "OpenBLAS (bench/reference/openblas-env.sh)", "git": "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- bench || echo -dirty)",
 "command": "DIGITS='$DIGITS' SEEDS='$SEEDS' EPOCHS=$EPOCHS SUBSET=$SUBSET TEST_CAP=$TEST_CAP THREADS=$THREADS bench/mnist.sh"}
EOF

checked=0
t_all=$(date +%s)
for digit in $DIGITS; do
  for seed in $SEEDS; do
    tag="abn$digit-seed$seed"
    split=$($PY bench/reference/protocol.py --idx-dir "$IDX" --abnormal "$digit" --seed "$seed" "${split_opts[@]}" \
      | sed -n 's/^\(.*\.split\): .*/\1/p')
    [ -s "$split" ] || { echo "no split file for $tag" >&2; exit 1; }
    if [ "$checked" = 0 ] && [ "$CHECK_IMAGES" -gt 0 ]; then
      # Java preprocessing must give the very same tensors as protocol.py's (bit for bit).
      "${REF[@]}" bench/reference/dump_preprocessed.py --split "$split" --idx-dir "$IDX" --n "$CHECK_IMAGES" \
        --out "$out/preprocessed-$tag.f32" 2>/dev/null
      "${JAVA[@]}" org.ganomaly.fiji.bench.PreprocessingCheck --idx-dir "$IDX" --split "$split" \
        --dump "$out/preprocessed-$tag.f32" --n "$CHECK_IMAGES" 2>/dev/null | tee "$out/preprocessing-check.txt"
      rm -f "$out/preprocessed-$tag.f32"
      checked=1
    fi
    t0=$(date +%s)
    echo "$(date +%T) $tag: java" >&2
    "${JAVA[@]}" org.ganomaly.fiji.bench.MnistQualityBench --idx-dir "$IDX" --split "$split" --epochs "$EPOCHS" \
      --seed "$seed" --validation-fraction "$VALIDATION_FRACTION" --selection "$SELECTION" \
      --precise-bn-batches "$PRECISE_BN" ${AVERAGE_HALF_LIFE:+--average-half-life "$AVERAGE_HALF_LIFE"} \
      --fp16 "$FP16" --out "$out/java-$tag.json" >"$out/logs/java-$tag.log" 2>&1 \
      || echo "java run $tag failed (see $out/logs/java-$tag.log)" >&2
    t1=$(date +%s)
    echo "$(date +%T) $tag: pytorch (java took $((t1 - t0)) s)" >&2
    "${REF[@]}" bench/reference/quality_ref.py --idx-dir "$IDX" --split "$split" --epochs "$EPOCHS" --seed "$seed" \
      --threads "$THREADS" --out "$out/ref-$tag.json" >"$out/logs/ref-$tag.log" 2>&1 \
      || echo "reference run $tag failed (see $out/logs/ref-$tag.log)" >&2
    echo "$(date +%T) $tag: done (pytorch took $(( $(date +%s) - t1 )) s)" >&2
  done
done
echo "all runs took $(( $(date +%s) - t_all )) s" >&2
$PY bench/mnist_table.py "$out" | tee "$out/table.md"
