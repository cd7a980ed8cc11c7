#!/usr/bin/env bash
# Scoring's time layer by layer, both sides (issue 24): LayerTimeBench (the plugin's layers as it runs them) and
# bench/reference/layer_time_ref.py (the reference's modules) on the current pip torch of bench/speed.sh
# (bench/out/torch-venv), one after the other, same batch and threads; prints a side-by-side table and writes it to
# bench/out/layers-<time>/.
#   bench/layers.sh                    # 32x1 and 64x3, batch 64
#   CONFIGS=64x3 BATCH=16 bench/layers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGS=${CONFIGS:-"32x1 64x3"}
BATCH=${BATCH:-64}
REPS=${REPS:-20}
THREADS=${THREADS:-2}
. bench/lib.sh
venv=$(pip_torch_venv)
CP=$(bench_classpath)
out=${OUT:-bench/out/layers-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
machine_info "$out/machine.txt"
for cfg in $CONFIGS; do
  java -Xmx8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP" \
    org.ganomaly.fiji.bench.LayerTimeBench --config "$cfg" --batch "$BATCH" --reps "$REPS" 2>"$out/java-$cfg.log" \
    > "$out/java-$cfg.jsonl"
  "$venv/bin/python" bench/reference/layer_time_ref.py --config "$cfg" --batch "$BATCH" --reps "$REPS" \
    --threads "$THREADS" > "$out/pip-$cfg.jsonl"
  python3 - "$out/java-$cfg.jsonl" "$out/pip-$cfg.jsonl" <<'PY' | tee "$out/table-$cfg.md"
import json, sys
java = [json.loads(l) for l in open(sys.argv[1])]
ref = [json.loads(l) for l in open(sys.argv[2])]
print('| part | # | plugin layer | output | plugin ms | reference module | reference ms |')
print('|---|---|---|---|---|---|---|')
for j, r in zip(java, ref):
    print('| %s | %d | %s | %s | %.2f | %s | %.2f |' % (j['part'], j['index'], j['layer'], j['output'], j['ms_median'],
                                                     r['layer'], r['ms_median']))
tj, tr = sum(j['ms_median'] for j in java), sum(r['ms_median'] for r in ref)
print('| all | | | | %.2f | %s | %.2f |' % (tj, ref[0]['side'], tr))
PY
done
