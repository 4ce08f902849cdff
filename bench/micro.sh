#!/usr/bin/env bash
# jbuild's micro-benchmarks, from the repository's test sources:
#
#   bench/micro.sh            both
#   bench/micro.sh parse      ParseBenchmark: a 10,000-instruction Dockerfile, warm (target < 100 ms)
#   bench/micro.sh sandbox    SandboxBenchmark (root): RUN overhead, one-file snapshot on a
#                             100,000-file root, layer writing throughput at gzip levels 1 and 6
#
# Compiles the test classes with Maven (offline first), never installs anything into ~/.m2.
# Environment: MICRO_DIR, the scratch directory of the sandbox benchmark (default
# /var/tmp/jbuild-micro; it needs a file system overlayfs accepts as upper dir, so not tmpfs-on-tmpfs).
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WHAT=${1:-all}
SCRATCH=${MICRO_DIR:-/var/tmp/jbuild-micro}
CLASSPATH_FILE=target/bench-classpath.txt

case $WHAT in
  all) modules=grammar,executor ;;
  parse) modules=grammar ;;
  sandbox) modules=executor ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac

compile() {
  local goals=(-q -pl "$modules" -am test-compile dependency:build-classpath "-Dmdep.outputFile=$CLASSPATH_FILE")
  echo "micro: compiling the benchmarks (mvn test-compile)" >&2
  (cd "$ROOT" && { mvn -o "${goals[@]}" 2>/dev/null || mvn "${goals[@]}"; }) >&2
}

classpath() { # MODULE
  echo "$ROOT/$1/target/test-classes:$ROOT/$1/target/classes:$(cat "$ROOT/$1/$CLASSPATH_FILE")"
}

parse() {
  echo "== ParseBenchmark (grammar)"
  java -cp "$(classpath grammar)" dev.jbuild.grammar.ParseBenchmark
}

sandbox() {
  [ "$(id -u)" -eq 0 ] || { echo "the sandbox benchmark needs root (namespaces, overlayfs)" >&2; exit 2; }
  echo "== SandboxBenchmark (executor), scratch in $SCRATCH"
  mkdir -p "$SCRATCH"
  java -cp "$(classpath executor)" dev.jbuild.executor.sandbox.SandboxBenchmark "$SCRATCH"
}

compile
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
case $WHAT in
  all) parse; sandbox ;;
  parse) parse ;;
  sandbox) sandbox ;;
esac
