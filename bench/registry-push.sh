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
# A third line times jbuild's registry client alone (the push a `jbuild push` would do: JVM
# start, HEAD per blob, uploads, manifest), from a small Java program compiled here against the
# jar, reading the blobs from jbuild's cache; the whole `jbuild build` line adds the build's own
# fixed cost (JVM start, planning, base image lookup), which the re-push line shows.
set -euo pipefail

RUNS=${1:-5}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${JBUILD_JAR:-$ROOT/cli/target/jbuild.jar}
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -o -pl cli -am package -DskipTests" >&2; exit 2; }
command -v docker-registry >/dev/null || { echo "needs docker-registry (testdata/bin/testbed.sh install)" >&2; exit 2; }
command -v skopeo >/dev/null || { echo "needs skopeo (testdata/bin/testbed.sh install)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

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
DIGEST=$(java -jar "$JAR" build -q --cache-dir "$CACHE" -t "$SOURCE/bench/push:1" --push "$WORK/context")
skopeo copy -q --src-tls-verify=false "docker://$SOURCE/bench/push:1" "oci:$WORK/layout:push" >/dev/null
SIZE=$(du -sm "$WORK/layout/blobs" | cut -f1)
echo "FROM $SOURCE/bench/push:1" > "$WORK/from/Dockerfile"

jbuild_push() {  # jbuild_push TARGET: the image (blobs cached) pushed to TARGET
  java -jar "$JAR" build -q --cache-dir "$CACHE" -t "$1" --push "$WORK/from" >/dev/null
}
skopeo_push() {  # skopeo_push TARGET: the OCI layout copied to TARGET
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/layout:push" "docker://$1" >/dev/null
}
client_push() {  # client_push TARGET: jbuild's registry client pushing the cached blobs to TARGET
  java -cp "$JAR:$WORK/probe" RegistryClientPush "$1" "$CACHE/blobs/sha256" "$DIGEST"
}

mkdir -p "$WORK/probe"
cat > "$WORK/probe/RegistryClientPush.java" <<'JAVA'
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Manifest;
import dev.jbuild.registry.BlobUpload;
import dev.jbuild.registry.JibRegistryClient;
import dev.jbuild.registry.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Pushes an image from jbuild's blob store with jbuild's registry client: TARGET BLOBS DIGEST. */
public class RegistryClientPush {
  public static void main(String[] args) throws Exception {
    Path blobs = Path.of(args[1]);
    byte[] manifestJson = Files.readAllBytes(blobs.resolve(args[2].substring("sha256:".length())));
    Manifest manifest = ImageJson.read(manifestJson, Manifest.class);
    List<BlobUpload> uploads = new ArrayList<>();
    for (Descriptor layer : manifest.layers()) {
      uploads.add(new BlobUpload(layer, blobs.resolve(layer.digest().hex())));
    }
    uploads.add(new BlobUpload(manifest.config(), blobs.resolve(manifest.config().digest().hex())));
    try (JibRegistryClient client = new JibRegistryClient(RegistrySettings.defaults(), line -> {})) {
      client.push(List.of(ImageReference.parse(args[0])), uploads, manifestJson, manifest.mediaType());
    }
  }
}
JAVA
javac -d "$WORK/probe" -cp "$JAR" "$WORK/probe/RegistryClientPush.java"

echo "warm-up (unmeasured): jbuild pulls the blobs into its cache once" >&2
start_registry warmup
jbuild_push "127.0.0.1:$PORT/bench/push:warm"
skopeo_push "127.0.0.1:$PORT/bench/push:warm-skopeo"
client_push "127.0.0.1:$PORT/bench/push:warm-client"
stop_registry warmup

export JAR CACHE WORK DIGEST  # for the timed child shells
: > "$WORK/jbuild.times"
: > "$WORK/skopeo.times"
: > "$WORK/client.times"
: > "$WORK/jbuild.cpu" "$WORK/skopeo.cpu" "$WORK/client.cpu"
for run in $(seq 1 "$RUNS"); do
  # Rotate which goes first, so none always meets a warmer page cache.
  case $((run % 3)) in
    1) order="jbuild skopeo client" ;;
    2) order="skopeo client jbuild" ;;
    0) order="client jbuild skopeo" ;;
  esac
  for tool in $order; do
    start_registry "run-$run-$tool"
    # The pusher's own CPU time (user + system, children included) next to wall time: on a
    # shared machine wall time follows the load, CPU time much less.
    TOOL=$tool TARGET="127.0.0.1:$PORT/bench/push:1" /usr/bin/time -f '%e %U %S' -o "$WORK/time" \
      bash -c "$(declare -f jbuild_push skopeo_push client_push); \"\${TOOL}_push\" \"\$TARGET\""
    stop_registry "run-$run-$tool"
    read -r elapsed user system < <(tail -1 "$WORK/time")
    cpu=$(echo "$user + $system" | bc)
    echo "$elapsed" >> "$WORK/$tool.times"
    echo "$cpu" >> "$WORK/$tool.cpu"
    printf 'run %d %-6s %6.2f s wall %6.2f s cpu\n' "$run" "$tool" "$elapsed" "$cpu" >&2
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
printf '%-44s %8s %8s\n' "median of $RUNS runs" "wall s" "cpu s"
for tool in jbuild skopeo client; do
  case $tool in
    jbuild) label="jbuild build FROM (cached) --push" ;;
    skopeo) label="skopeo copy oci: docker:" ;;
    client) label="jbuild registry client push" ;;
  esac
  printf '%-44s %8.2f %8.2f   (wall: %s)\n' "$label" "$(median < "$WORK/$tool.times")" "$(median < "$WORK/$tool.cpu")" \
    "$(tr '\n' ' ' < "$WORK/$tool.times")"
done
echo "re-push of the same image to a registry holding its blobs: $REPUSH_TIME s, $ALL requests to it:"
echo "  $HEADS HEAD blob, $PUTS PUT manifest, $((ALL - HEADS - PUTS)) other"
sed 's/^/    /' "$WORK/repush.requests"
