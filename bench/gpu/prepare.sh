#!/usr/bin/env bash
# Builds bench/gpu/kit/ (git-ignored, at most 60 MB): everything bench/gpu/run.sh needs on a Linux x86-64 GPU
# machine that has a CUDA PyTorch in its Python, CMake and a C++ compiler, but no Java, no Maven and no network:
#   java/         a Java 17 runtime made by jlink, with only the modules the core and the benches need (jdeps)
#   classes/      the plugin's classes; bench-classes/ the benchmarks' (org.ganomaly.fiji.bench)
#   lib/          the plugin's runtime jars, less pytorch-native-cpu (the target's libtorch is its Python's)
#   djl/          DJL v0.36.0's PyTorch JNI sources (engines/pytorch/pytorch-native, the JNI's Java classes,
#                 api/src/main/native) with its JNI header made here by javac -h, and JDK 17's JNI headers
#   reference/    bench/reference's speed_ref.py and ganomaly_ref.py; run.sh and report.py
# Usage:  DJL_GIT=/path/to/djl/.git bench/gpu/prepare.sh
#   DJL_GIT   the git directory of a clone of https://github.com/deepjavalibrary/djl that has the tag v0.36.0
#   JDK       a JDK 17 (default /usr/lib/jvm/java-17-openjdk-amd64)
#   MVN_FLAGS e.g. -o to build offline from the local Maven repository
# Then copy the kit to the GPU machine and run kit/run.sh there (see bench/gpu/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
DJL_GIT=${DJL_GIT:?set DJL_GIT to the git directory of a DJL clone with the tag v0.36.0}
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
kit=bench/gpu/kit
rm -rf "$kit"
mkdir -p "$kit/lib" "$kit/djl" "$kit/reference" "$kit/bench-classes/org/ganomaly/fiji"

mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/gpu-kit.classpath
cp -r target/classes "$kit/classes"
cp -r target/test-classes/org/ganomaly/fiji/bench "$kit/bench-classes/org/ganomaly/fiji/"
tr ':' '\n' <target/gpu-kit.classpath | grep -v -e pytorch-native -e /onnxruntime/ -e /junit/ -e /hamcrest -e '^$' |
  while read -r jar; do cp "$jar" "$kit/lib/"; done

# The modules the core and the benches need, as jdeps finds them through the jars they use (ImageJ's and SciJava's
# left out: the ImageJ commands do not run here). java.desktop (DJL's BufferedImage support) and java.compiler
# (SciJava's annotation processor) come with jars whose those classes the run never loads: leaving them out keeps
# the kit under 60 MB. jdk.unsupported: sun.misc.Unsafe for Gson and JNA.
jars=$(ls "$kit"/lib/*.jar | grep -v -e /ij- -e /scijava- | paste -sd:)
modules=$("$JDK/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$jars" \
  "$kit/classes/org/ganomaly/fiji/core" "$kit/bench-classes" | tr ',' '\n' | grep -v -x -e java.desktop -e java.compiler |
  paste -sd,)
echo "jlink modules: $modules,jdk.unsupported" >&2
"$JDK/bin/jlink" --add-modules "$modules,jdk.unsupported" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$kit/java"

# DJL's JNI at v0.36.0, and its header generated from the JNI's Java class (as DJL's build.sh does).
git --git-dir="$DJL_GIT" archive v0.36.0 engines/pytorch/pytorch-native engines/pytorch/pytorch-engine/src/main/java \
  api/src/main/native | tar -x -C "$kit/djl"
native="$kit/djl/engines/pytorch/pytorch-native"
mkdir -p "$native/build/include" /tmp/gpu-kit-javac.$$
"$JDK/bin/javac" -cp "$(ls "$kit"/lib/api-*.jar)" -sourcepath "$kit/djl/engines/pytorch/pytorch-engine/src/main/java" \
  "$kit/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
  -h "$native/build/include" -d /tmp/gpu-kit-javac.$$
rm -rf /tmp/gpu-kit-javac.$$
# Only the JNI's Java sources are needed (for the header, made above): drop the rest of the engine's sources.
rm -rf "$kit/djl/engines/pytorch/pytorch-engine"
mkdir -p "$kit/jdk-include/linux"
cp "$JDK/include/jni.h" "$kit/jdk-include/"
cp "$JDK/include/linux/jni_md.h" "$kit/jdk-include/linux/"

cp bench/reference/speed_ref.py bench/reference/ganomaly_ref.py "$kit/reference/"
cp bench/gpu/run.sh bench/gpu/report.py "$kit/"
du -sh "$kit"
size=$(du -sm "$kit" | cut -f1)
if [ "$size" -gt 60 ]; then echo "The kit is $size MB, more than 60 MB." >&2; exit 1; fi
