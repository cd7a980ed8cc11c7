#!/usr/bin/env bash
# The trainer before and after a change that must not change its results, in minutes instead of same-results.sh's
# hour: bench/train-ab/TrainAB.java (two small seeded trainings, every figure hashed bit for bit) compiled against
# an earlier revision BEFORE and a later one AFTER (default HEAD), each built in a temporary git worktree; the two
# outputs must be identical. It uses only API both revisions have (TrainingConfig.toBuilder, GanomalyTrainer.train).
#   BEFORE=bfdd207 bench/train-ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${BEFORE:?set BEFORE to the earlier git revision}
AFTER=${AFTER:-HEAD}
out=$(realpath -m "${OUT:-bench/out/train-ab-$(date +%Y%m%d-%H%M%S)}")
mkdir -p "$out"
trees=$(mktemp -d)
git worktree add -q --detach "$trees/before" "$BEFORE"
git worktree add -q --detach "$trees/after" "$AFTER"
trap 'git worktree remove --force "$trees/before"; git worktree remove --force "$trees/after"' EXIT
for side in before after; do
  (cd "$trees/$side"
   pom=pom.xml
   [ -f plugin.xml ] && pom=plugin.xml
   mvn -B -q ${MVN_FLAGS:-} -f "$pom" compile dependency:build-classpath -Dmdep.outputFile=target/ab.classpath >/dev/null
   cp=target/classes:$(cat target/ab.classpath)
   javac -nowarn -d target/ab -cp "$cp" "$OLDPWD/bench/train-ab/TrainAB.java" 2>/dev/null
   java -Xmx2g -Dai.djl.offline=true -cp "target/ab:$cp" TrainAB >"$out/$side.txt" 2>"$out/$side.log")
done
if cmp -s "$out/before.txt" "$out/after.txt"; then
  echo "identical: $(wc -l <"$out/after.txt") trainings ($out)"
else
  diff "$out/before.txt" "$out/after.txt" || true
  echo "DIFFERENT ($out)"
  exit 1
fi
