#!/usr/bin/env bash
# This CPU's attainable float32 peak (GFLOP/s), for the fractions of peak in bench/RESULTS.md: bench/peak/fma_peak.c
# (independent FMA chains in registers, 512- and 256-bit, best of 5 rounds) built with the system's gcc and run on
# 1 thread and on THREADS (default: every core). Needs a quiet machine, as every speed figure does.
#   bench/peak.sh                 # -> bench/out/peak/peak.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/peak
mkdir -p "$out"
gcc -O2 -fopenmp -o "$out/fma_peak" bench/peak/fma_peak.c
lscpu | grep 'Model name'
date -u
for threads in 1 "${THREADS:-$(nproc)}"; do "$out/fma_peak" "$threads"; done | tee "$out/peak.jsonl"
