#!/bin/sh
# What the CPU libtorch that Install PyTorch Engine downloads weighs (issue 28), measured without the internet:
# the files of the pytorch-native-cpu 2.7.1 jar in the local Maven repository (the same libtorch 2.7.1 CPU build
# DJL publishes), gzipped at gzip's default level as DJL's publishing task does ("find | xargs gzip"), and unpacked.
# Usage: bench/libtorch-size.sh [path/to/pytorch-native-cpu-2.7.1-linux-x86_64.jar]
set -eu
JAR=${1:-$HOME/.m2/repository/ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
unzip -q "$JAR" 'pytorch/cpu/linux-x86_64/*'
cd pytorch/cpu/linux-x86_64
printf '%-28s %14s %14s\n' file unpacked gzipped
total=0; totalgz=0
for f in *; do
	size=$(stat -c %s "$f")
	gz=$(gzip -c "$f" | wc -c)
	printf '%-28s %14d %14d\n' "$f" "$size" "$gz"
	total=$((total + size)); totalgz=$((totalgz + gz))
done
printf '%-28s %14d %14d\n' total "$total" "$totalgz"
echo "jar: $(stat -c %s "$JAR") bytes; $(date -u '+%Y-%m-%d %H:%M UTC'); $(grep -m1 'model name' /proc/cpuinfo)"
