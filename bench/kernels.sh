#!/usr/bin/env bash
# Numerics check of every operation the networks use (bench/java/.../KernelCheck.java), run with oneDNN's
# convolutions as they come (unchecked), with what the plugin chooses (auto: checked, padded or replaced if
# needed) and with ATen's own kernels, side by side on this machine: errors against double-precision references
# at 1 and 2 threads, and whether each result repeats. Writes the TSVs and a summary to bench/out/kernels-<time>/.
#   bench/kernels.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
out="bench/out/kernels-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
{ lscpu | grep -E '^(Model name|CPU family|Model|Flags)' | cut -c1-200; date -u; } > "$out/machine.txt"
for kernels in onednn-unchecked auto aten; do
  echo "kernels: $kernels" >&2
  java -Dai.djl.offline=true -Dganomaly.convolutions="$kernels" -cp "$CP" \
    org.ganomaly.fiji.bench.KernelCheck 2>/dev/null > "$out/$kernels.tsv"
done
python3 bench/kernels_table.py "$out/onednn-unchecked.tsv" "$out/auto.tsv" "$out/aten.tsv" | tee "$out/summary.md"
