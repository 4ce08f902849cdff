#!/usr/bin/env bash
# Benchmark (not a test) for issue 4's "peak heap stays under 256 MB while writing a 2 GB layer":
# a real `jbuild build` of one RUN that writes 2 GiB (1 GiB of random bytes, 1 GiB of repetitive
# text) on busybox, with the JVM capped at -Xmx256m, the GC logged. Prints the wall time, the
# process's peak resident set, and the largest heap occupancy the GC log shows (the heap just
# before a collection, which is its peak between two collections).
#
#   bench/layer-heap.sh          (root; starts the test bed's registry for busybox)
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "needs root (namespaces, overlayfs)" >&2; exit 2; }
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
"$ROOT/testdata/bin/testbed.sh" start >&2

WORK=$(mktemp -d /var/tmp/jbuild-layer-heap-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/context"
cat > "$WORK/context/Dockerfile" <<'EOF'
FROM busybox
RUN mkdir /data && head -c 1073741824 /dev/urandom > /data/random.bin && yes "2024-05-01 INFO request id=42 path=/api/v1/items status=200" | head -c 1073741824 > /data/text.log
EOF

JAVA_TOOL_OPTIONS="-Xmx256m -Xlog:gc:file=$WORK/gc.log" /usr/bin/time -f "%e %M" -o "$WORK/time" \
  "$ROOT/jbuild" build --progress=plain --network none --registry-mirror docker.io=127.0.0.1:5000 \
  --cache-dir "$WORK/cache" -t layer-heap:2g "$WORK/context" >&2
read -r seconds rss_kb < "$WORK/time"
peak=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$WORK/gc.log" | awk -F'M->' '{ if ($1 + 0 > max) max = $1 + 0 } END { print max + 0 }')
collections=$(grep -c 'Pause' "$WORK/gc.log" || true)
layer_mb=$(find "$WORK/cache/blobs" -type f -size +100M -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1e6 }')
echo "2 GiB layer with -Xmx256m: ${seconds} s wall (RUN included), peak heap ${peak} MB (${collections} collections)," \
  "peak RSS $((rss_kb / 1024)) MB, compressed layer ${layer_mb} MB"
