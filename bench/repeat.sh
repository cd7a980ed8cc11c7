#!/usr/bin/env bash
# Is seeded training repeatable bit for bit across JVMs? Trains each network RUNS times in fresh JVMs at each
# thread count and kernel setting, prints one JSON line per run and a table of distinct loss/weight digests.
#   bench/repeat.sh                                   # nf 8, 12, 16 at 16x16 and nf 64 at 32x32; 1 and 2 threads
#   RUNS=5 KERNELS="auto onednn-unchecked" bench/repeat.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
KERNELS=${KERNELS:-auto}
THREAD_COUNTS=${THREAD_COUNTS:-"1 2"}
NETWORKS=${NETWORKS:-"16:16:8 16:16:12 16:16:16 32:100:64"}   # size:nz:nf
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
out="bench/out/repeat-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
{ lscpu | grep -E '^(Model name|CPU family|Model):'; date -u; } > "$out/machine.txt"
for net in $NETWORKS; do
  IFS=: read -r size nz nf <<< "$net"
  for kernels in $KERNELS; do
    for threads in $THREAD_COUNTS; do
      for run in $(seq "$RUNS"); do
        java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dganomaly.convolutions="$kernels" \
          -cp "$CP" org.ganomaly.fiji.bench.TrainingRepeatability --size "$size" --nz "$nz" --nf "$nf" \
          --batch 8 --images 64 --epochs 2 2>"$out/last-stderr.txt" | grep '^{' | tee -a "$out/runs.jsonl" \
          || { echo "run failed (nf $nf, $kernels, $threads threads):" >&2; tail -5 "$out/last-stderr.txt" >&2; }
      done
    done
  done
done
python3 - "$out/runs.jsonl" <<'PY' | tee "$out/summary.md"
import json, sys
groups = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    groups.setdefault((r['nf'], r['size'], r['nz'], r['kernels'], r['threads']), []).append(r)
print('| network | kernels | threads | runs | all finite | diverged | distinct loss digests | distinct weight digests |')
print('|---|---|---|---|---|---|---|---|')
for (nf, size, nz, kernels, threads), rs in groups.items():
    print(f"| nf {nf}, nz {nz}, {size}x{size} | {kernels} | {threads} | {len(rs)} | "
          f"{all(r['finite'] for r in rs)} | {sum(r.get('diverged', False) for r in rs)} | "
          f"{len({r['losses_sha256'] for r in rs})} | "
          f"{len({r['weights_sha256'] for r in rs})} |")
PY
