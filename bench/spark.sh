#!/usr/bin/env bash
# The Spark job (spark/) in local[1] and local[2] against Score Stack on the same folder of 32x32 8-bit TIFFs, in one
# run, each in its own JVM: seconds for the whole scoring (model, listing, scoring, table written), samples per
# second and peak Java heap (in local mode the executor is the driver's JVM). The images (default 100,000) and a
# default-size model (1 epoch) are generated once into bench/data/spark/.
#   bench/spark.sh [IMAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${1:-100000}
data=bench/data/spark/images-$IMAGES
model=bench/data/spark/model-32.ganomaly
out=$(realpath -m "${OUT:-bench/out/spark-$(date +%Y%m%d-%H%M%S)}")
mkdir -p "$out" bench/data/spark
mvn -B -q ${MVN_FLAGS:-} -pl spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="spark/target/test-classes:spark/target/classes:$(cat spark/target/bench.classpath)"
# What spark-submit adds by itself on Java 17 (Spark's JavaModuleOptions), for a plain java command.
opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
java_bench() {
  # shellcheck disable=SC2086
  java -Xmx4g $opens -Djava.awt.headless=true -Dai.djl.offline=true -cp "$cp" org.ganomaly.fiji.spark.SparkBench "$@" \
    2>>"$out/bench.log"
}
bench() {
  java_bench "$@" >"$out/run.out"
  grep '^{' "$out/run.out"
}
if [ ! -f "$model" ] || [ "$(ls "$data" 2>/dev/null | wc -l)" -ne "$IMAGES" ]; then
  echo "$(date +%T) generating $IMAGES images and the model" >&2
  rm -rf "$data"
  java_bench data --folder "$data" --images "$IMAGES" --model "$model" >/dev/null
fi
{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "# load before: $(cat /proc/loadavg)"
  bench score-stack --folder "$data" --model "$model" --out "$out"
  bench spark --master 'local[1]' --folder "$data" --model "$model" --out "$out"
  bench spark --master 'local[2]' --folder "$data" --model "$model" --out "$out"
  echo "# load after: $(cat /proc/loadavg)"
} | tee "$out/results.jsonl"
python3 bench/spark_table.py "$out/results.jsonl"
