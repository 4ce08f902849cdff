#!/usr/bin/env bash
# Benchmark (not a test): pushing a new ~500 MB image to a fresh loopback registry with jbuild and
# with `skopeo copy` of the same image, side by side, 5 runs alternating, medians; then the cost
# of re-pushing an image whose blobs the registry already has, counted in the registry's access
# log (expected: one HEAD per blob plus the manifest PUT).
#
#   bench/registry-push.sh [RUNS]        (default 5; needs cli/target/jbuild.jar: mvn -pl cli -am package)
#
# The image: 4 layers of 125 MB each, made here: three of random bytes (incompressible) and one of
# numbers (compressible about 4:1). jbuild builds it once and pushes it to a source registry;
# skopeo copies it from there into an OCI layout. Each measured run then pushes it to a new,
# empty registry: jbuild by building `FROM source-registry/image` (all blobs already in its
# cache, so the run is the push plus one manifest GET and JVM start), skopeo by copying the OCI
# layout. Both read the same compressed blobs from local disk and send them over loopback.
set -euo pipefail

RUNS=${1:-5}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${JBUILD_JAR:-$ROOT/cli/target/jbuild.jar}
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -o -pl cli -am package -DskipTests" >&2; exit 2; }
command -v docker-registry >/dev/null || { echo "needs docker-registry (testdata/bin/testbed.sh install)" >&2; exit 2; }
command -v skopeo >/dev/null || { echo "needs skopeo (testdata/bin/testbed.sh install)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/jbuild-bench-push-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=0  # the same config bytes every build, so a re-push finds every blob

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_registry NAME: starts docker-registry with its own storage and access log; sets PORT.
start_registry() {
  local dir=$WORK/registry-$1
  mkdir -p "$dir/storage"
  PORT=$(free_port)
  cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/storage
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$PORT
YML
  docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
  PIDS+=($!)
  REGISTRY_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/v2/" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "registry $1 did not start: $(cat "$dir/log")" >&2
  exit 1
}

stop_registry() { kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; rm -rf "$WORK/registry-$1/storage"; }

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "making the image's files (4 x 125 MB) in $WORK" >&2
mkdir -p "$WORK/context" "$WORK/from"
for i in 1 2 3; do head -c 125M /dev/urandom > "$WORK/context/random-$i.bin"; done
seq 1 16000000 > "$WORK/context/numbers.txt" && truncate -s 125M "$WORK/context/numbers.txt"
cat > "$WORK/context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY random-1.bin /data/
COPY random-2.bin /data/
COPY random-3.bin /data/
COPY numbers.txt /data/
DOCKERFILE

start_registry source
SOURCE=127.0.0.1:$PORT
CACHE=$WORK/cache
echo "building it with jbuild and pushing it to the source registry $SOURCE" >&2
java -jar "$JAR" build -q --cache-dir "$CACHE" -t "$SOURCE/bench/push:1" --push "$WORK/context" >/dev/null
skopeo copy -q --src-tls-verify=false "docker://$SOURCE/bench/push:1" "oci:$WORK/layout:push" >/dev/null
SIZE=$(du -sm "$WORK/layout/blobs" | cut -f1)
echo "FROM $SOURCE/bench/push:1" > "$WORK/from/Dockerfile"

jbuild_push() {  # jbuild_push TARGET: the image (blobs cached) pushed to TARGET
  java -jar "$JAR" build -q --cache-dir "$CACHE" -t "$1" --push "$WORK/from" >/dev/null
}
skopeo_push() {  # skopeo_push TARGET: the OCI layout copied to TARGET
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout:push" "docker://$1" >/dev/null
}

echo "warm-up (unmeasured): jbuild pulls the blobs into its cache once" >&2
start_registry warmup
jbuild_push "127.0.0.1:$PORT/bench/push:warm"
skopeo_push "127.0.0.1:$PORT/bench/push:warm-skopeo"
stop_registry warmup

: > "$WORK/jbuild.times"
: > "$WORK/skopeo.times"
for run in $(seq 1 "$RUNS"); do
  for tool in jbuild skopeo; do
    # Alternate which goes first, so neither always meets a warmer page cache.
    if [ $((run % 2)) -eq 0 ]; then [ "$tool" = jbuild ] && tool=skopeo || tool=jbuild; fi
    start_registry "run-$run-$tool"
    start=$(now)
    "${tool}_push" "127.0.0.1:$PORT/bench/push:1"
    end=$(now)
    stop_registry "run-$run-$tool"
    elapsed=$(echo "$end - $start" | bc)
    echo "$elapsed" >> "$WORK/$tool.times"
    printf 'run %d %-6s %6.2f s\n' "$run" "$tool" "$elapsed" >&2
  done
done

echo "re-push of an image whose blobs the registry has (requests counted in its access log)" >&2
start_registry repush
jbuild_push "127.0.0.1:$PORT/bench/push:1"
before=$(grep -c '"[A-Z]* /v2/' "$WORK/registry-repush/log" || true)
start=$(now)
jbuild_push "127.0.0.1:$PORT/bench/push:1"
end=$(now)
REPUSH_TIME=$(echo "$end - $start" | bc)
tail -n +1 "$WORK/registry-repush/log" | grep -o '"[A-Z]* /v2/[^ ]* HTTP/1.1" [0-9]*' | tail -n +$((before + 1)) > "$WORK/repush.requests"
HEADS=$(grep -c '^"HEAD /v2/bench/push/blobs/' "$WORK/repush.requests" || true)
PUTS=$(grep -c '^"PUT /v2/bench/push/manifests/' "$WORK/repush.requests" || true)
ALL=$(wc -l < "$WORK/repush.requests")
stop_registry repush

echo
echo "image: 4 layers of 125 MB (3 random, 1 numbers) + config; $SIZE MB of compressed blobs; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-40s %s\n' "median of $RUNS, jbuild push (build FROM, cached):" "$(median < "$WORK/jbuild.times") s"
printf '%-40s %s\n' "median of $RUNS, skopeo copy oci: -> docker:" "$(median < "$WORK/skopeo.times") s"
printf '%-40s %s\n' "jbuild runs:" "$(tr '\n' ' ' < "$WORK/jbuild.times")"
printf '%-40s %s\n' "skopeo runs:" "$(tr '\n' ' ' < "$WORK/skopeo.times")"
echo "re-push of the same image to a registry holding its blobs: $REPUSH_TIME s, $ALL requests to it:"
echo "  $HEADS HEAD blob, $PUTS PUT manifest, $((ALL - HEADS - PUTS)) other"
sed 's/^/    /' "$WORK/repush.requests"
