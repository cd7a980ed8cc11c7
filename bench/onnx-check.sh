#!/usr/bin/env bash
# The ONNX export checked in Python's runtimes (issue 27): for the demo's model (32x32 grey, resized) and a tiled
# RGB model (64x64x3 tiles, stride 24), OnnxCheckBench trains or takes the model, writes a folder of image files,
# scores it with Score Stack (source=folder, csv=) and exports the model; then bench/onnx_check.py, in a virtual
# environment with onnx and onnxruntime from pip, runs onnx.checker, scores the folder following the export's JSON
# (tiles, intensity range, calibration) and compares with Score Stack's CSV.
#   bench/onnx-check.sh            # both cases
#   CASES=tiled bench/onnx-check.sh
# pip installs from the index named by PIP_INDEX_URL, else from the first index of pip's configuration (a local
# mirror here). Output and logs go to bench/out/onnx-check-<time>/ (OUT overrides); the venv is kept in
# bench/out/onnx-venv (VENV overrides) for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${OUT:-bench/out/onnx-check-$(date +%Y%m%d-%H%M%S)}")
venv=$(realpath -m "${VENV:-bench/out/onnx-venv}")
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ]; then
  index=${PIP_INDEX_URL:-$(pip config get global.index-url 2>/dev/null || pip config get global.extra-index-url | awk '{print $1}')}
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --index-url "$index" onnx onnxruntime numpy pillow >"$out/pip.log" 2>&1 \
    || { cat "$out/pip.log"; exit 1; }
fi
"$venv/bin/python" -c 'import onnx, onnxruntime, numpy, PIL; print("onnx", onnx.__version__, "onnxruntime", onnxruntime.__version__, "numpy", numpy.__version__, "pillow", PIL.__version__)' | tee "$out/versions.txt"

mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
status=0
for case in ${CASES:-demo tiled}; do
  echo "== $case" | tee -a "$out/summary.txt"
  java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.ganomaly.fiji.bench.OnnxCheckBench "$case" "$out/$case" >"$out/$case.log" 2>&1 \
    || { tail -20 "$out/$case.log"; exit 1; }
  "$venv/bin/python" bench/onnx_check.py "$out/$case/export/model.onnx.json" "$out/$case/images" \
    "$out/$case/scores.csv" | tee -a "$out/summary.txt" || status=1
done
echo "results in $out"
exit $status
