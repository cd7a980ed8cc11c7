#!/usr/bin/env bash
# Run one command with OpenBLAS instead of the system's libblas.so.3, without
# installing anything system-wide: Debian's libopenblas0-pthread .deb is unpacked
# into bench/data/openblas/ (git-ignored) and put first on LD_LIBRARY_PATH.
# Debian's python3-torch 1.13 has no MKL; it links libblas.so.3, which on a stock
# machine is the netlib reference BLAS, and transposed convolutions go through it.
#   bench/reference/openblas-env.sh /usr/bin/python3 bench/reference/speed_ref.py --threads 2
# OPENBLAS_NUM_THREADS defaults to 2 (the machine's cores); set it to match --threads.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/data/openblas"
lib="$dest/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ ! -e "$lib/libblas.so.3" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  chmod 777 "$tmp"   # apt-get download drops privileges to _apt
  (cd "$tmp" && apt-get download -q libopenblas0-pthread >/dev/null) \
    || { echo "apt-get download failed (run apt-get update first?)" >&2; exit 1; }
  mkdir -p "$dest"
  dpkg -x "$tmp"/libopenblas0-pthread_*.deb "$dest"
fi
[ $# -gt 0 ] || { echo "LD_LIBRARY_PATH=$lib"; exit 0; }
export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-2}"
exec "$@"
