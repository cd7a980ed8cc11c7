#!/usr/bin/env bash
# Where the time goes, per operation, on both sides (issue 24): the plugin's training iterations and scoring
# batches under libtorch's profiler (ProfileBench, through DJL), and the reference's under torch.profiler on the
# current pip torch of bench/speed.sh (bench/out/torch-venv; run speed.sh once first) and, with DEBIAN=1, on
# Debian's torch 1.13. Traces and per-op tables go to bench/out/profile-<time>/.
# Caution: read the Java side for which operations run and how often, not for their times. Under DJL's profiler the
# Java process kept growing (about 37 MB per 64-image batch) and page-faulted far more than without it, which
# inflates every operation that writes fresh memory; bench/layers.sh times layers without a profiler.
#   bench/profile.sh                       # 32x1 and 64x3, train and infer, batch 64
#   CONFIGS=32x1 TASKS=infer BATCH=512 bench/profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGS=${CONFIGS:-"32x1 64x3"}
TASKS=${TASKS:-"train infer"}
BATCH=${BATCH:-64}
ITERS=${ITERS:-5}
THREADS=${THREADS:-2}
. bench/lib.sh
venv=$(pip_torch_venv)
CP=$(bench_classpath)
out=${OUT:-bench/out/profile-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
machine_info "$out/machine.txt"
for cfg in $CONFIGS; do
  for task in $TASKS; do
    tag="$cfg-$task-b$BATCH"
    java -Xmx8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP" \
      org.ganomaly.fiji.bench.ProfileBench --config "$cfg" --task "$task" --batch "$BATCH" --iters "$ITERS" \
      --trace "$out/java-$tag.json" 2>"$out/java-$tag.log"
    python3 bench/profile_table.py "$out/java-$tag.json" --per "$ITERS" > "$out/java-$tag.md"
    "$venv/bin/python" bench/reference/profile_ref.py --config "$cfg" --task "$task" --batch "$BATCH" \
      --iters "$ITERS" --threads "$THREADS" --trace "$out/pip-$tag.json" 2>"$out/pip-$tag.log"
    python3 bench/profile_table.py "$out/pip-$tag.json" --per "$ITERS" > "$out/pip-$tag.md"
    if [ "${DEBIAN:-0}" = 1 ]; then
      bench/reference/openblas-env.sh /usr/bin/python3 bench/reference/profile_ref.py --config "$cfg" --task "$task" \
        --batch "$BATCH" --iters "$ITERS" --threads "$THREADS" --trace "$out/debian-$tag.json" 2>"$out/debian-$tag.log"
      python3 bench/profile_table.py "$out/debian-$tag.json" --per "$ITERS" > "$out/debian-$tag.md"
    fi
    echo "$tag: $(head -1 "$out/java-$tag.md") | reference: $(head -1 "$out/pip-$tag.md")"
  done
done
echo "tables in $out" >&2
