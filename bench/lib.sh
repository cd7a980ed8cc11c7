# Shared by the bench scripts that source it (after cd to the repository root).

# bench_classpath: compiles the plugin and the benches, and prints the classpath to run a bench class with.
bench_classpath() {
  mvn -B -q ${MVN_FLAGS:-} -f plugin.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
  echo "target/test-classes:target/classes:$(cat target/bench.classpath)"
}

# pip_torch_venv: prints the current pip torch venv that bench/speed.sh makes (VENV overrides), or stops the script.
pip_torch_venv() {
  local venv
  venv=$(realpath -m "${VENV:-bench/out/torch-venv}")
  [ -x "$venv/bin/python" ] || { echo "No torch venv at $venv: run bench/speed.sh first (it makes one)." >&2; exit 2; }
  echo "$venv"
}

# machine_info FILE: the CPU model, family and model number, and the time, for a run's folder.
machine_info() {
  { lscpu | grep -E '^(Model name|CPU family|Model):'; date -u; } > "$1"
}
