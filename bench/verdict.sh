#!/usr/bin/env bash
# The verdict benchmark (issue 26): image AUC, and at the model's threshold the share of normal test images flagged
# and the recall of defective ones, for the latent score (the old verdict), the map peak alone and the combined
# score (the verdict), on three kinds of data: the woven textures of bench/defects.sh, generated cells (CellImages),
# and MNIST by the reference protocol (one split per digit, seed 0 by default). See VerdictBench's javadoc.
# Rows go to $OUT/verdict.md, each data set's per-image scores to $OUT/*.csv, models to $OUT/*.ganomaly.
#   bench/verdict.sh                                  # all three
#   SETS="cells" bench/verdict.sh                     # one of: defects cells mnist
# Budgets: textures and cells 1,500 images (1,350 + 150 validation normals), 10 epochs (bench/defects.sh's); MNIST
# the standard grid's 5 epochs x 3,200 images (2,880 + 320 validation normals), test cap 1,000.
# Knobs: DIGITS ("0 1 2 3 4 5 6 7 8 9"), SEEDS (0; for every set), SUBSET (3200), TEST_CAP (1000), MNIST_EPOCHS (5), THREADS (1),
# MVN_FLAGS (e.g. -o), OUT (bench/out/verdict-<time>), MODELS (a folder of models an earlier run saved: score those
# instead of training, e.g. to measure a new verdict calibration on the same networks; the calibration is made afresh
# from the same validation normals when a model's is older than the plugin's).
set -euo pipefail
cd "$(dirname "$0")/.."
SETS=${SETS:-"defects cells mnist"}
DIGITS=${DIGITS:-"0 1 2 3 4 5 6 7 8 9"}
SEEDS=${SEEDS:-0}
SUBSET=${SUBSET:-3200}
TEST_CAP=${TEST_CAP:-1000}
MNIST_EPOCHS=${MNIST_EPOCHS:-5}
THREADS=${THREADS:-1}
out=${OUT:-bench/out/verdict-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
. bench/lib.sh
cp=$(bench_classpath)
JAVA=(java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -cp "$cp")
# model NAME: score the saved model MODELS/NAME.ganomaly, or train one and save it to OUT/NAME.ganomaly.
model() {
  if [ -n "${MODELS:-}" ]; then echo "--model $MODELS/$1.ganomaly"; else echo "--save-model $out/$1.ganomaly"; fi
}
lscpu | grep 'Model name'
date -u
for set in $SETS; do
  case $set in
    defects|cells)
      for seed in $SEEDS; do
        # seed 0 keeps the names of the first runs; the seed draws the images and seeds the training
        name=$set; [ "$seed" = 0 ] || name=$set-seed$seed
        "${JAVA[@]}" org.ganomaly.fiji.bench.VerdictBench --data "$set" --train 1500 --epochs 10 --seed "$seed" \
          $(model "$name") --csv "$out/$name.csv" --out "$out/verdict.md" --name "$set, seed $seed" \
          2>"$out/$name.log"
      done ;;
    mnist)
      bench/fetch-mnist.sh >/dev/null
      for digit in $DIGITS; do
        for seed in $SEEDS; do
          tag="abn$digit-seed$seed"
          split=$(/usr/bin/python3 bench/reference/protocol.py --idx-dir bench/data/mnist --abnormal "$digit" \
            --seed "$seed" --subset "$SUBSET" --test-cap "$TEST_CAP" | sed -n 's/^\(.*\.split\): .*/\1/p')
          # The reference protocol's training (MnistQualityBench, as bench/mnist.sh runs it), then its model scored.
          if [ -n "${MODELS:-}" ]; then
            [ "$MODELS/mnist-$tag.ganomaly" -ef "$out/mnist-$tag.ganomaly" ] || cp "$MODELS/mnist-$tag.ganomaly" "$out/"
          else
            "${JAVA[@]}" org.ganomaly.fiji.bench.MnistQualityBench --idx-dir bench/data/mnist --split "$split" \
              --epochs "$MNIST_EPOCHS" --seed "$seed" --batchstat false --fp16 false \
              --save-model "$out/mnist-$tag.ganomaly" --out "$out/mnist-$tag.json" >"$out/mnist-$tag.log" 2>&1
          fi
          "${JAVA[@]}" org.ganomaly.fiji.bench.VerdictBench --data mnist --split "$split" --seed "$seed" \
            --model "$out/mnist-$tag.ganomaly" --csv "$out/mnist-$tag.csv" --out "$out/verdict.md" \
            --name "MNIST $digit, seed $seed" 2>>"$out/mnist-$tag.log"
        done
      done ;;
    *) echo "unknown set $set (defects, cells or mnist)" >&2; exit 1 ;;
  esac
done
date -u
cat "$out/verdict.md"
