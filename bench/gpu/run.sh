#!/usr/bin/env bash
# The GPU run, from the kit bench/gpu/prepare.sh made, on a machine with a (CUDA) PyTorch in its Python, CMake and a
# C++ compiler; no Java, Maven or network needed.   kit/run.sh [OUT]     (OUT: default ./gpu-run-<time>)
#   PYTHON  the Python whose torch to build against and to compare with (default python3)
#   DEVICE  the plugin's device: gpu (default), gpu:N, auto, or cpu for the CPU rehearsal
#   JOBS    parallel compile jobs (default: all cores);  THREADS  PyTorch CPU threads (default: all cores)
#   Shorter runs, for a CPU rehearsal: ITERS (10 timed training iterations per repeat), REPEATS (3),
#   INFER_IMAGES (8192 scored per repeat, at least one batch), BATCHES (64,512,4096), PRECISIONS (float32,float16)
# Steps: build DJL 0.36's JNI (libdjl_torch.so) against that torch's libtorch; point DJL at it; the engine and the
# convolution check on the device; a seeded demo-size training there; GPU against CPU scores of its model;
# training ms/iteration at 32x32x1 and 64x64x3, batch 64; scoring images/s at 32x32 for batches 64, 512 and 4096 in
# float32 and float16; the same figures from the PyTorch reference on the same device. Results: OUT/results.json
# and OUT/results.md, every step's log beside them.
set -euo pipefail
kit=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-python3}
DEVICE=${DEVICE:-gpu}
JOBS=${JOBS:-$(nproc)}
THREADS=${THREADS:-$(nproc)}
ITERS=${ITERS:-10} REPEATS=${REPEATS:-3} INFER_IMAGES=${INFER_IMAGES:-8192}
BATCHES=${BATCHES:-64,512,4096} PRECISIONS=${PRECISIONS:-float32,float16}
out=$(realpath -m "${1:-gpu-run-$(date +%Y%m%d-%H%M%S)}")
mkdir -p "$out"
start=$(date +%s)
step() { echo "$(date +%T) [$(($(date +%s) - start)) s] $*" | tee -a "$out/steps.log" >&2; }

read -r torch_dir torch_version cuda < <("$PYTHON" -c \
  'import os, torch; print(os.path.dirname(torch.__file__), torch.__version__.split("+")[0], torch.version.cuda or "none")')
flavor=cpu
[ "$cuda" != none ] && flavor="cu$(echo "$cuda" | tr -d .)"
step "torch $torch_version, CUDA $cuda, in $torch_dir; device $DEVICE"

# 1. DJL's JNI against that libtorch (DJL's build.sh does the same against a downloaded libtorch).
build="$out/jni"
rm -rf "$build"
cp -r "$kit/djl" "$build"
native="$build/engines/pytorch/pytorch-native"
(cd "$native/build" &&
  cmake -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$torch_dir;$torch_dir/share/cmake" \
    -DJAVA_HOME="$kit/java" -DJAVA_INCLUDE_PATH="$kit/jdk-include" -DJAVA_INCLUDE_PATH2="$kit/jdk-include/linux" \
    -DJAVA_JVM_LIBRARY="$kit/java/lib/server/libjvm.so" .. &&
  if [ "$flavor" != cpu ]; then
    # As DJL's build.sh: link the CUDA runtime that libtorch loads, not the system toolkit's.
    cmake --build . -j "$JOBS"
    sed -i -r 's#[^ ]*/lib(cudart|nvrtc)\.so[^ ]*##g' CMakeFiles/djl_torch.dir/link.txt
    rm -f libdjl_torch.so
    . CMakeFiles/djl_torch.dir/link.txt
  else
    cmake --build . -j "$JOBS"
  fi) >"$out/jni-build.log" 2>&1 || { tail -30 "$out/jni-build.log" >&2; step "JNI build failed: $out/jni-build.log"; exit 1; }
step "built $(ls "$native/build/libdjl_torch.so")"

# 2. DJL on that libtorch: its libraries from the torch package, the JNI from DJL's cache folder for that version.
export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$flavor"
export ENGINE_CACHE_DIR="$out/djl-cache"
jni_dir="$ENGINE_CACHE_DIR/pytorch/$torch_version-$flavor-linux-x86_64"
mkdir -p "$jni_dir"
cp "$native/build/libdjl_torch.so" "$jni_dir/0.36.0-libdjl_torch.so"
java=("$kit/java/bin/java" -Xmx8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS"
  -cp "$kit/bench-classes:$kit/classes:$kit/lib/*")

# 3. Engine, check, seeded training and GPU-vs-CPU scores.
step "engine, convolution check, training and scores on $DEVICE"
"${java[@]}" org.ganomaly.fiji.bench.GpuRun --device "$DEVICE" --out "$out" >"$out/gpu-run.jsonl" 2>"$out/gpu-run.log" ||
  { tail -30 "$out/gpu-run.log" >&2; exit 1; }
cat "$out/gpu-run.jsonl" >&2

# 4. Speed: the plugin, then the PyTorch reference, on the same device.
for config in 32x1 64x3; do
  step "plugin speed $config"
  batches=64 precisions=float32
  [ "$config" = 32x1 ] && batches=$BATCHES precisions=$PRECISIONS
  "${java[@]}" org.ganomaly.fiji.bench.SpeedBench --config "$config" --batch 64 --iters "$ITERS" --repeats "$REPEATS" \
    --warmup 3 --infer-batches "$batches" --infer-images "$INFER_IMAGES" --precisions "$precisions" --device "$DEVICE" \
    >>"$out/speed-java.jsonl" 2>>"$out/speed-java.log"
done
ref_device=cpu
[ "$DEVICE" != cpu ] && ref_device=cuda:$(echo "$DEVICE" | sed -n 's/^gpu:\([0-9]*\)$/\1/p' | grep . || echo 0)
step "PyTorch reference speed on $ref_device"
"$PYTHON" "$kit/reference/speed_ref.py" --device "$ref_device" --threads "$THREADS" --configs 32x1 --batch 64 \
  --iters "$ITERS" --repeats "$REPEATS" --warmup 3 --infer-batches "$BATCHES" --infer-images "$INFER_IMAGES" \
  --precisions "$PRECISIONS" \
  --tf32 off --out "$out/speed-ref-32x1.json" 2>>"$out/speed-ref.log"
"$PYTHON" "$kit/reference/speed_ref.py" --device "$ref_device" --threads "$THREADS" --configs 64x3 --batch 64 \
  --iters "$ITERS" --repeats "$REPEATS" --warmup 3 --infer-batches 64 --infer-images "$INFER_IMAGES" \
  --precisions float32 \
  --tf32 off --out "$out/speed-ref-64x3.json" 2>>"$out/speed-ref.log"

"$PYTHON" "$kit/report.py" "$out" "$torch_version" "$cuda" "$DEVICE" "$(($(date +%s) - start))"
step "done: $out/results.md, $out/results.json"
