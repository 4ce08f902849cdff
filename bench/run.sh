#!/usr/bin/env bash
# jbuild against BuildKit (Debian's docker.io engine) and buildah, side by side (issue 7).
#
#   bench/run.sh                      everything, RUNS runs per cell, writes bench/RESULTS.md
#   RUNS=1 bench/run.sh               a quick pass
#   WORKLOADS="service" SCENARIOS="cold one-file" BUILDERS="jbuild buildkit" bench/run.sh
#
# As root on Debian 12. Installs what it needs (apt), builds jbuild from this checkout, starts the
# shared test bed (testdata/bin/testbed.sh: the registry on 127.0.0.1:5000 seeded with busybox and
# debian:bookworm-slim built by jbuild, and dockerd on the test bed's socket with the registry as
# mirror), then measures every workload and scenario, taking turns: jbuild, BuildKit, buildah,
# jbuild, ... Raw numbers go to bench/results.tsv, the table to bench/RESULTS.md, logs to
# $BENCH_DIR/logs. A builder failing a cell is recorded as a failure; the run goes on.
#
# Environment:
#   RUNS        runs per cell (default 5, as issue 7 asks: the default run took 22 minutes on
#               this 2-core machine at load 2; see bench/README.md)
#   BUILDAH_RUNS  runs per cell for buildah, the slowest builder (default 2, at most RUNS); buildah
#               takes part in the first BUILDAH_RUNS rounds only (each of its rounds adds 3-4 min)
#   WORKLOADS   subset of: service many-steps big-layer large-rootfs parallel-stages
#   SCENARIOS   subset of: cold no-change one-file push (parallel-stages is measured cold only)
#   BUILDERS    subset of: jbuild buildkit buildah
#   BENCH_DIR   work directory (default /var/tmp/jbuild-bench-run; base images are kept there
#               between runs, everything else is replaced)
#   RESULTS     the Markdown output (default bench/RESULTS.md)
#   BENCH_TIMEOUT  seconds before one measured command is killed (default 900)
#
# The shared dockerd's build cache is pruned (docker builder prune -af) before every cold BuildKit
# measurement; images other than the benchmark's own are never removed. buildah uses a private
# storage and registries.conf under BENCH_DIR; the machine's container configuration is untouched.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-2}
BUILDAH_RUNS=${BUILDAH_RUNS:-1}
WORKLOADS=${WORKLOADS:-service many-steps big-layer large-rootfs parallel-stages}
SCENARIOS=${SCENARIOS:-cold no-change one-file push}
BUILDERS=${BUILDERS:-jbuild buildkit buildah}
WORK=${BENCH_DIR:-/var/tmp/jbuild-bench-run}
# Per run (wiped at start): contexts, jbuild's build cache, logs, the push registries. Kept between
# runs: buildah's storage and jbuild's primed caches holding the base images (deleting 100,000
# files is slow on this machine's root file system, mounted with "discard").
RUNDIR=$WORK/run
OUT=${RESULTS:-$HERE/RESULTS.md}
RAW=$HERE/results.tsv
TIMEOUT=${BENCH_TIMEOUT:-900}
TESTBED=$ROOT/testdata/bin/testbed.sh
TESTBED_DIR=${JBUILD_TESTBED_DIR:-/tmp/jbuild-testbed}
REGISTRY=127.0.0.1:5000
ROOTFS_BASE=$REGISTRY/jbuild-bench/rootfs-base:100k
OUTPUT_REPO=jbuild-bench-out
PYTHON=/usr/bin/python3
DOCKER=(/usr/bin/docker -H "unix://$TESTBED_DIR/docker.sock")
POLICY=$WORK/buildah/policy.json
JBUILD_FLAGS=(--progress=plain --network none --registry-mirror "docker.io=$REGISTRY")
BUILDKIT_FLAGS=(--progress=plain --network none)
BUILDAH_FLAGS=(--runtime runc --layers --network none --pull=false)

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Set-up

install_packages() {
  "$TESTBED" install buildah runc time python3 procps
}

build_jbuild() {
  log "building jbuild"
  "$ROOT/jbuild" version >/dev/null
}

start_testbed() {
  "$TESTBED" start
  "$TESTBED" seed "$ROOT/jbuild"
  "$TESTBED" docker
}

registry_has() { # REPOSITORY TAG on the test bed registry
  curl -fsS -o /dev/null -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    -H "Accept: application/vnd.docker.distribution.manifest.v2+json" "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null
}

# large-rootfs's base (Debian plus 100,000 files) is built once and kept in the test bed registry.
ensure_rootfs_base() {
  if registry_has jbuild-bench/rootfs-base 100k; then
    return 0
  fi
  log "building $ROOTFS_BASE (100,000 files) with jbuild"
  local context=$RUNDIR/rootfs-base
  "$PYTHON" "$HERE/lib/workloads.py" base "$context"
  if ! "$ROOT/jbuild" build "${JBUILD_FLAGS[@]}" --cache-dir "$RUNDIR/rootfs-base-cache" -t "$ROOTFS_BASE" --push \
      "$context" >"$RUNDIR/logs/rootfs-base.log" 2>&1; then
    log "jbuild could not build $ROOTFS_BASE (see $RUNDIR/logs/rootfs-base.log); building it with BuildKit instead"
    DOCKER_BUILDKIT=1 "${DOCKER[@]}" build "${BUILDKIT_FLAGS[@]}" -t "$ROOTFS_BASE" "$context" >>"$RUNDIR/logs/rootfs-base.log" 2>&1
    "${DOCKER[@]}" push "$ROOTFS_BASE" >>"$RUNDIR/logs/rootfs-base.log" 2>&1
  fi
  rm -rf "$RUNDIR/rootfs-base-cache"
}

base_of() { # WORKLOAD -> the image its Dockerfile starts from
  case $1 in
    many-steps) echo busybox ;;
    large-rootfs) echo "$ROOTFS_BASE" ;;
    *) echo debian:bookworm-slim ;;
  esac
}

setup_buildah() {
  mkdir -p "$WORK/buildah"
  cat > "$WORK/buildah/storage.conf" <<CONF
[storage]
driver = "overlay"
runroot = "$WORK/buildah/run"
graphroot = "$WORK/buildah/storage"
CONF
  # Short names resolve on docker.io, which is mirrored by the test bed registry (plain HTTP).
  cat > "$WORK/buildah/registries.conf" <<CONF
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"

[[registry]]
prefix = "docker.io"
location = "docker.io"

[[registry.mirror]]
location = "$REGISTRY"
insecure = true

[[registry]]
location = "$REGISTRY"
insecure = true
CONF
  cat > "$POLICY" <<CONF
{"default": [{"type": "insecureAcceptAnything"}]}
CONF
  export CONTAINERS_STORAGE_CONF=$WORK/buildah/storage.conf
  export CONTAINERS_REGISTRIES_CONF=$WORK/buildah/registries.conf
}

# Base images present locally for all three, before anything is timed.
pull_bases() {
  local workload base bases=()
  for workload in $WORKLOADS; do
    base=$(base_of "$workload")
    [[ " ${bases[*]-} " == *" $base "* ]] || bases+=("$base")
  done
  for base in "${bases[@]}"; do
    if wants buildkit; then
      log "docker pull $base"
      "${DOCKER[@]}" pull -q "$base" >/dev/null
    fi
    if wants buildah; then
      log "buildah pull $base"
      buildah pull -q --signature-policy "$POLICY" "$base" >/dev/null
    fi
  done
  if wants buildah; then
    # Whatever else is in buildah's storage (a previous run's images) is removed by reset_buildah.
    for base in "${bases[@]}"; do buildah images -q --no-trunc "$base"; done | sort -u > "$WORK/buildah/base-ids"
  fi
  if wants jbuild; then
    for base in "${bases[@]}"; do
      log "priming a jbuild cache with $base"
      local context=$RUNDIR/prime/$(primed_name "$base")
      mkdir -p "$context"
      printf 'FROM %s\n' "$base" > "$context/Dockerfile"
      # --pull: a primed cache kept from an earlier run follows the registry's current base.
      "$ROOT/jbuild" build "${JBUILD_FLAGS[@]}" --pull --cache-dir "$WORK/primed/$(primed_name "$base")" "$context" \
        >"$RUNDIR/logs/prime-$(primed_name "$base").log" 2>&1 \
        || { log "jbuild could not pull $base; see $RUNDIR/logs/prime-$(primed_name "$base").log"; return 1; }
      primed_fingerprint "$base" > "$WORK/primed/$(primed_name "$base").fingerprint"
    done
  fi
}

wants() { [[ " $BUILDERS " == *" $1 "* ]]; }

generate_contexts() {
  local workload builder
  for workload in $WORKLOADS; do
    "$PYTHON" "$HERE/lib/workloads.py" generate "$workload" "$RUNDIR/context/template/$workload" "$ROOTFS_BASE"
    for builder in $BUILDERS; do
      rm -rf "$RUNDIR/context/$builder/$workload"
      mkdir -p "$RUNDIR/context/$builder"
      cp -a "$RUNDIR/context/template/$workload" "$RUNDIR/context/$builder/$workload"
    done
  done
}

# ---------------------------------------------------------------------------------------------
# Cold registries for the push scenario: a fresh docker-registry on a free port per measurement.

# shellcheck source=lib/push-registry.sh
. "$HERE/lib/push-registry.sh"
PRIMED_WARNINGS=

# ---------------------------------------------------------------------------------------------
# Resetting each builder to "cold": empty build cache, bases still local.

# A hard-linked copy: fast, and deleting it frees no blocks (this machine's root file system is
# mounted with "discard", which makes deleting many files slow). jbuild never writes a cache file
# in place (temp name, then rename), so the primed copy stays intact; check_primed verifies it.
# The one exception is by design: meta/used/* are empty markers whose mtime records when a blob
# was last used (for `cache prune`), so their times are left out of the fingerprint.
reset_jbuild() { # WORKLOAD
  rm -rf "$RUNDIR/cache/jbuild"
  mkdir -p "$RUNDIR/cache"
  cp -al "$WORK/primed/$(primed_name "$(base_of "$1")")" "$RUNDIR/cache/jbuild"
}

primed_name() { echo "$1" | tr '/:' '__'; } # BASE -> the directory of its primed cache

primed_fingerprint() { # BASE
  find "$WORK/primed/$(primed_name "$1")" -type f ! -path '*/meta/used/*' -printf '%P %s %T@\n' | sort | md5sum | cut -d' ' -f1
}

check_primed() { # WORKLOAD
  local base fingerprint
  base=$(base_of "$1")
  fingerprint=$WORK/primed/$(primed_name "$base").fingerprint
  if [ -f "$fingerprint" ] && [ "$(primed_fingerprint "$base")" != "$(cat "$fingerprint")" ]; then
    log "WARNING: jbuild changed a file of its primed cache of $base in place; later cold jbuild numbers are suspect"
    PRIMED_WARNINGS+="jbuild modified its primed cache of $base in place (after $1); "
  fi
}

reset_buildkit() {
  local images
  images=$("${DOCKER[@]}" images --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$OUTPUT_REPO/" || true)
  if [ -n "$images" ]; then
    # shellcheck disable=SC2086
    "${DOCKER[@]}" rmi -f $images >/dev/null 2>&1 || true
  fi
  "${DOCKER[@]}" builder prune -af >/dev/null
}

buildah_extra_images() { buildah images -a -q --no-trunc | sort -u | comm -23 - "$WORK/buildah/base-ids"; }

reset_buildah() {
  buildah rm --all >/dev/null 2>&1 || true
  local pass extra
  # Intermediate images of --layers are children of others; a few passes remove them all.
  for pass in 1 2 3; do
    extra=$(buildah_extra_images)
    [ -n "$extra" ] || return 0
    # shellcheck disable=SC2086
    buildah rmi -f $extra >/dev/null 2>&1 || true
  done
}

# ---------------------------------------------------------------------------------------------
# Measuring

load1() { cut -d' ' -f1 /proc/loadavg; }

# timed WHAT COMMAND...: runs an untimed chore, logging how long it took when that was noticeable
# (deleting many files is slow on file systems mounted with "discard").
timed() {
  local what=$1 start=$SECONDS
  shift
  "$@"
  [ $((SECONDS - start)) -lt 3 ] || log "$what took $((SECONDS - start)) s"
}

# measure WORKLOAD SCENARIO BUILDER RUN COMMAND...: runs COMMAND under /usr/bin/time, appends a row.
measure() {
  local workload=$1 scenario=$2 builder=$3 run=$4
  shift 4
  local logfile=$RUNDIR/logs/$workload-$scenario-$builder-r$run.log
  local timing=$RUNDIR/timing
  local load status seconds memory daemon_peak="" note="" sampler=
  load=$(load1)
  rm -f "$timing" "$RUNDIR/rss" "$RUNDIR/rss.ready"
  if [ "$builder" = buildkit ]; then
    local daemon containerd
    daemon=$(cat "$TESTBED_DIR/docker.pid")
    containerd=$(pgrep -P "$daemon" containerd | head -1 || true)
    "$PYTHON" "$HERE/lib/rss.py" "$RUNDIR/rss" "$daemon" ${containerd:+"$containerd"} &
    sampler=$!
    while [ ! -f "$RUNDIR/rss.ready" ]; do sleep 0.01; done
  fi
  set +e
  timeout --kill-after=10 "$TIMEOUT" /usr/bin/time -f '%e %M' -o "$timing" "$@" >"$logfile" 2>&1
  status=$?
  set -e
  if [ -n "$sampler" ]; then
    kill -TERM "$sampler" && wait "$sampler" || true
  fi
  seconds=$(awk 'END { print $1 }' "$timing" 2>/dev/null || true)
  memory=$(awk 'END { print $2 }' "$timing" 2>/dev/null || true)
  if [ "$builder" = buildkit ] && [ -f "$RUNDIR/rss" ]; then
    memory=$(awk '{ print ($2 > $1) ? $2 - $1 : 0 }' "$RUNDIR/rss")
    daemon_peak=$(awk '{ print $2 }' "$RUNDIR/rss")
  fi
  if [ "$status" -eq 0 ]; then
    printf '%s\t%s\t%s\t%s\tok\t%s\t%s\t%s\t\t%s\n' "$workload" "$scenario" "$builder" "$run" "$seconds" "$memory" "$load" "$daemon_peak" >> "$RAW"
    log "$workload $scenario $builder run $run: ${seconds}s, $(( ${memory:-0} / 1024 )) MB (load $load)"
  else
    [ "$status" -eq 124 ] && note="timed out after ${TIMEOUT}s; "
    note+=$( { grep -v '^Command exited with non-zero status' "$logfile" | grep -iE 'error|fail|exception' || true; } \
      | tail -1 | cut -c1-200 | tr '\t' ' ')
    [ -n "$note" ] || note=$( { grep -v '^Command exited' "$logfile" || true; } | tail -1 | cut -c1-200 | tr '\t' ' ')
    printf '%s\t%s\t%s\t%s\texit %s\t\t\t%s\t%s\t\n' "$workload" "$scenario" "$builder" "$run" "$status" "$load" "$note" >> "$RAW"
    log "$workload $scenario $builder run $run: FAILED (exit $status), see $logfile"
  fi
}

# The command of one measurement, as words for /usr/bin/time; a build followed by a push is one
# bash -c so that both are timed together.
command_of() { # BUILDER SCENARIO CONTEXT TAG WORKLOAD
  local builder=$1 scenario=$2 context=$3 tag=$4 workload=$5
  local build push
  case $builder in
    jbuild)
      COMMAND=("$ROOT/jbuild" build "${JBUILD_FLAGS[@]}" --cache-dir "$RUNDIR/cache/jbuild" -t "$tag")
      [ "$scenario" != push ] || COMMAND+=(--push)
      COMMAND+=("$context")
      ;;
    buildkit)
      COMMAND=(env DOCKER_BUILDKIT=1 "${DOCKER[@]}" build "${BUILDKIT_FLAGS[@]}" -t "$tag" "$context")
      if [ "$scenario" = push ]; then
        build=$(printf '%q ' "${COMMAND[@]}")
        push=$(printf '%q ' "${DOCKER[@]}" push "$tag")
        COMMAND=(bash -c "$build && $push")
      fi
      ;;
    buildah)
      if [ "$scenario" = push ]; then
        local local_tag=$OUTPUT_REPO/$workload:buildah
        build=$(printf '%q ' buildah bud "${BUILDAH_FLAGS[@]}" --signature-policy "$POLICY" -t "$local_tag" "$context")
        push=$(printf '%q ' buildah push --tls-verify=false --signature-policy "$POLICY" "$local_tag" "docker://$tag")
        COMMAND=(bash -c "$build && $push")
      else
        COMMAND=(buildah bud "${BUILDAH_FLAGS[@]}" --signature-policy "$POLICY" -t "$tag" "$context")
      fi
      ;;
  esac
}

run_cell() { # WORKLOAD SCENARIO BUILDER RUN
  local workload=$1 scenario=$2 builder=$3 run=$4
  local context=$RUNDIR/context/$builder/$workload
  local tag=$OUTPUT_REPO/$workload:$builder
  case $scenario in
    cold) timed "reset $builder" "reset_$builder" "$workload" ;;
    one-file) "$PYTHON" "$HERE/lib/workloads.py" change "$workload" "$context" "run$run-$builder" ;;
    push) start_push_registry "$RUNDIR/push-registry"; tag=127.0.0.1:$PUSH_PORT/$OUTPUT_REPO/$workload:r$run ;;
  esac
  command_of "$builder" "$scenario" "$context" "$tag" "$workload"
  measure "$workload" "$scenario" "$builder" "$run" "${COMMAND[@]}"
  [ "$scenario" != push ] || stop_push_registry
}

scenarios_of() { # WORKLOAD
  if [ "$1" = parallel-stages ]; then
    [[ " $SCENARIOS " == *" cold "* ]] && echo cold
  else
    echo "$SCENARIOS"
  fi
}

clean_workload() { # WORKLOAD: free the disk the workload's results take
  rm -rf "$RUNDIR/cache/jbuild"
  if wants buildkit; then reset_buildkit; fi
  if wants buildah; then reset_buildah; fi
}

write_meta() { # START_SECONDS
  local elapsed=$(( $(date +%s) - $1 ))
  {
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "duration=$((elapsed / 60)) min $((elapsed % 60)) s"
    echo "cores=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
    echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel=$(uname -r)"
    echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "filesystem=$(findmnt -n -o FSTYPE,OPTIONS --target "$WORK" 2>/dev/null | awk '{ print $1 " (" $2 ")" }')"
    echo "java=$(java -version 2>&1 | head -1)"
    echo "jbuild_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (with local changes)')"
    echo "docker=docker.io $("${DOCKER[@]}" version --format '{{.Server.Version}}' 2>/dev/null || echo ?)"
    echo "buildah=$(buildah --version 2>/dev/null | cut -d' ' -f1-3)"
    echo "runs=$RUNS$([ "$BUILDAH_RUNS" = "$RUNS" ] || echo " ($BUILDAH_RUNS for buildah)")"
    echo "load_note=Other work shared the machine during the run, so the numbers are noisy."
    echo "notes=${PRIMED_WARNINGS}"
    echo "jbuild_command=jbuild build ${JBUILD_FLAGS[*]} --cache-dir DIR -t TAG [--push] CONTEXT"
    echo "buildkit_command=DOCKER_BUILDKIT=1 /usr/bin/docker build ${BUILDKIT_FLAGS[*]} -t TAG CONTEXT"
    echo "buildah_command=buildah bud ${BUILDAH_FLAGS[*]} -t TAG CONTEXT (private storage.conf and registries.conf)"
  } > "$RUNDIR/meta"
}

main() {
  [ "$(id -u)" -eq 0 ] || { echo "bench/run.sh needs root (namespaces, overlayfs, dockerd, buildah)" >&2; exit 2; }
  local start
  start=$(date +%s)
  case $WORK in /|/tmp|/var/tmp|"$HOME"|"") echo "refusing BENCH_DIR=$WORK" >&2; exit 2 ;; esac
  # A previous run interrupted mid-build may have left buildah's overlay mounts behind.
  findmnt -rn -o TARGET | grep "^$WORK/" | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf "$RUNDIR"
  mkdir -p "$RUNDIR/logs" "$WORK/primed"
  install_packages
  build_jbuild
  start_testbed
  setup_buildah
  ensure_rootfs_base
  pull_bases
  generate_contexts
  printf 'workload\tscenario\tbuilder\trun\tstatus\tseconds\tmemory_kb\tload1\tnote\tdaemon_peak_kb\n' > "$RAW"
  log "measuring: RUNS=$RUNS WORKLOADS=\"$WORKLOADS\" SCENARIOS=\"$SCENARIOS\" BUILDERS=\"$BUILDERS\""
  local workload scenario builder run
  for workload in $WORKLOADS; do
    for run in $(seq 1 "$RUNS"); do
      for scenario in $(scenarios_of "$workload"); do
        for builder in $BUILDERS; do
          [ "$builder" != buildah ] || [ "$run" -le "$BUILDAH_RUNS" ] || continue
          run_cell "$workload" "$scenario" "$builder" "$run"
        done
      done
    done
    if wants jbuild; then check_primed "$workload"; fi
    timed "cleaning up after $workload" clean_workload
    write_meta "$start"
    "$PYTHON" "$HERE/lib/report.py" "$RAW" "$RUNDIR/meta" "$OUT"
  done
  write_meta "$start"
  "$PYTHON" "$HERE/lib/report.py" "$RAW" "$RUNDIR/meta" "$OUT"
  log "done in $(( ($(date +%s) - start) / 60 )) min; results in $OUT"
}

trap stop_push_registry EXIT
main "$@"
