#!/usr/bin/env bash
# Same seed, same results across a change that must not change them: the demo (train, score) and one small MNIST
# split of MnistQualityBench (2 epochs) run with an earlier revision BEFORE and a later one AFTER (default HEAD),
# each built in a temporary git worktree, one after the other on this machine, and their scores are compared bit
# for bit. BEFORE_SELECTION names the default epoch rule as BEFORE's bench spells it (min-validation until the
# rules had one word each).
#   BEFORE=7a86360 bench/same-results.sh
#   CHANGING="Anomalous,Combined score" BEFORE=... bench/same-results.sh   # a change meant to alter the verdict
# Results and logs go to bench/out/same-results-<time>/ (OUT overrides); the last line says whether all matched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
BEFORE=${BEFORE:?set BEFORE to the earlier git revision}
out=$(realpath -m "${OUT:-bench/out/same-results-$(date +%Y%m%d-%H%M%S)}")
mkdir -p "$out"
AFTER=${AFTER:-HEAD}
trees=$(mktemp -d)
git worktree add -q --detach "$trees/before" "$BEFORE"
git worktree add -q --detach "$trees/after" "$AFTER"
trap 'git worktree remove --force "$trees/before"; git worktree remove --force "$trees/after"' EXIT

bench/fetch-mnist.sh >/dev/null
split=$(python3 bench/reference/protocol.py --idx-dir bench/data/mnist --abnormal 2 --seed 0 --subset 640 \
  --test-cap 500 --out "$out/abn2-seed0.split" | sed -n 's/^\(.*\.split\): .*/\1/p')

# run DIR LABEL SELECTION-WORD: the demo's scores and the MNIST run's JSON of the tree in DIR.
run() {
  (cd "$1"
   # The plugin's own POM: plugin.xml since the Spark module, pom.xml before.
   pom=pom.xml
   [ -f plugin.xml ] && pom=plugin.xml
   mvn -B -q ${MVN_FLAGS:-} -f "$pom" compile exec:java >"$out/demo-$2.log" 2>&1
   cp demo-output/scores.csv "$out/demo-scores-$2.csv"
   mvn -B -q ${MVN_FLAGS:-} -f "$pom" test-compile dependency:build-classpath -Dmdep.includeScope=test \
     -Dmdep.outputFile=target/bench.classpath >/dev/null
   java -Xmx3g -Dai.djl.offline=true -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
     org.ganomaly.fiji.bench.MnistQualityBench --idx-dir "$root/bench/data/mnist" --split "$split" --epochs 2 \
     --seed 0 --selection "$3" --fp16 false --batchstat false --out "$out/mnist-$2.json" >"$out/mnist-$2.log" 2>&1)
}
echo "$(date +%T) before ($BEFORE)" >&2
run "$trees/before" before "${BEFORE_SELECTION:-min-validation}"
echo "$(date +%T) after ($AFTER)" >&2
run "$trees/after" after best
python3 bench/same_results.py "$out" | tee "$out/summary.txt"
