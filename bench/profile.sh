#!/usr/bin/env bash
# Where jbuild's time goes on the service workload of bench/run.sh, measured from outside (no
# change to jbuild): every --progress=plain line stamped on arrival (lib/timeline.py, split into
# phases by lib/phases.py), the fixed costs of a JVM start, and a JDK Flight Recording of one
# build (lib/jfrsummary.py).
#
#   bench/profile.sh          RUNS cold builds of service plus push (default 3), then one under JFR
#
# Writes the Markdown to $PROFILE_DIR/profile.md and standard output; bench/PROFILE.md quotes it
# with its reading. Needs root and the test bed (started and seeded here if needed).
# Environment: RUNS, PROFILE_DIR (default /var/tmp/jbuild-profile; base images kept between runs).
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}
WORK=${PROFILE_DIR:-/var/tmp/jbuild-profile}
RUNDIR=$WORK/run
PYTHON=/usr/bin/python3
JAR=$ROOT/cli/target/jbuild.jar
# The launcher's JVM flags (see ./jbuild), for the runs that bypass it to vary them.
JAVA=(java -XX:+UseSerialGC -Xshare:auto)
FLAGS=(--progress=plain --network none --registry-mirror docker.io=127.0.0.1:5000)
# shellcheck source=lib/push-registry.sh
. "$HERE/lib/push-registry.sh"
trap stop_push_registry EXIT

log() { printf '%s profile: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

median_of() { # COMMAND... : runs it 5 times, prints the median wall seconds
  local _ start
  for _ in 1 2 3 4 5; do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    awk -v start="$start" -v end="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", end - start }'
  done | sort -n | sed -n 3p
}

[ "$(id -u)" -eq 0 ] || { echo "bench/profile.sh needs root" >&2; exit 2; }
"$ROOT/jbuild" version >/dev/null
"$ROOT/testdata/bin/testbed.sh" start
"$ROOT/testdata/bin/testbed.sh" seed "$ROOT/jbuild"
findmnt -rn -o TARGET | grep "^$RUNDIR/" | sort -r | xargs -r umount -l 2>/dev/null || true
rm -rf "$RUNDIR"
mkdir -p "$RUNDIR/timelines" "$WORK"
"$PYTHON" "$HERE/lib/workloads.py" generate service "$RUNDIR/service"
mkdir -p "$RUNDIR/from-only"
printf 'FROM debian:bookworm-slim\n' > "$RUNDIR/from-only/Dockerfile"

log "pull and unpack of debian:bookworm-slim into an empty cache"
rm -rf "$WORK/primed"
"$PYTHON" "$HERE/lib/timeline.py" "$RUNDIR/timelines/pull" \
  "$ROOT/jbuild" build "${FLAGS[@]}" --cache-dir "$WORK/primed" "$RUNDIR/from-only" >/dev/null
pull_seconds=$(tail -1 "$RUNDIR/timelines/pull" | cut -f1)

log "fixed costs: JVM start, parse, an empty build"
version_seconds=$(median_of "${JAVA[@]}" -jar "$JAR" version)
parse_seconds=$(median_of "${JAVA[@]}" -jar "$JAR" parse -f "$RUNDIR/service/Dockerfile")
rm -rf "$RUNDIR/noop-cache" && cp -al "$WORK/primed" "$RUNDIR/noop-cache"
noop_seconds=$(median_of "${JAVA[@]}" -jar "$JAR" build "${FLAGS[@]}" --cache-dir "$RUNDIR/noop-cache" "$RUNDIR/from-only")
# Application class-data sharing, which jbuild does not use yet: dump the classes an empty build
# loads, then start from the archive.
"${JAVA[@]}" -XX:ArchiveClassesAtExit="$RUNDIR/app.jsa" -jar "$JAR" build "${FLAGS[@]}" \
  --cache-dir "$RUNDIR/noop-cache" "$RUNDIR/from-only" >/dev/null 2>&1 || true
if [ -f "$RUNDIR/app.jsa" ]; then
  appcds_version=$(median_of java -XX:+UseSerialGC -XX:SharedArchiveFile="$RUNDIR/app.jsa" -jar "$JAR" version)
  appcds_noop=$(median_of java -XX:+UseSerialGC -XX:SharedArchiveFile="$RUNDIR/app.jsa" -jar "$JAR" build "${FLAGS[@]}" \
    --cache-dir "$RUNDIR/noop-cache" "$RUNDIR/from-only")
else
  appcds_version="-" appcds_noop="-"
fi
classes=$("${JAVA[@]}" -Xlog:class+load:file="$RUNDIR/classes.log" -jar "$JAR" build "${FLAGS[@]}" \
  --cache-dir "$RUNDIR/noop-cache" "$RUNDIR/from-only" >/dev/null 2>&1; wc -l < "$RUNDIR/classes.log")

timelines=()
for run in $(seq 1 "$RUNS"); do
  log "cold service build and push, run $run of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))"
  rm -rf "$RUNDIR/cache" && cp -al "$WORK/primed" "$RUNDIR/cache"
  start_push_registry "$RUNDIR/push-registry"
  "$PYTHON" "$HERE/lib/timeline.py" "$RUNDIR/timelines/service-$run" \
    "$ROOT/jbuild" build "${FLAGS[@]}" --cache-dir "$RUNDIR/cache" \
    -t "127.0.0.1:$PUSH_PORT/profile/service:$run" --push "$RUNDIR/service" >/dev/null \
    || log "run $run failed; see $RUNDIR/timelines/service-$run"
  stop_push_registry
  timelines+=("$RUNDIR/timelines/service-$run")
done

log "one more under JDK Flight Recorder"
rm -rf "$RUNDIR/cache" && cp -al "$WORK/primed" "$RUNDIR/cache"
start_push_registry "$RUNDIR/push-registry"
JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$RUNDIR/service.jfr,settings=profile" \
  "$PYTHON" "$HERE/lib/timeline.py" "$RUNDIR/timelines/service-jfr" \
  "$ROOT/jbuild" build "${FLAGS[@]}" --cache-dir "$RUNDIR/cache" \
  -t "127.0.0.1:$PUSH_PORT/profile/service:jfr" --push "$RUNDIR/service" >/dev/null
stop_push_registry
jfr_wall=$(tail -1 "$RUNDIR/timelines/service-jfr" | cut -f1)

{
  echo "# jbuild profile, service workload"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), jbuild $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  echo "## Cold build plus push to an empty registry ($RUNS runs)"
  echo
  "$PYTHON" "$HERE/lib/phases.py" "${timelines[@]}"
  echo
  echo "## Fixed costs (median of 5)"
  echo
  echo "| what | seconds |"
  echo "|---|---:|"
  echo "| \`java -jar jbuild.jar version\` (JVM start, CLI) | $version_seconds |"
  echo "| \`jbuild parse -f service/Dockerfile\` | $parse_seconds |"
  echo "| a build of \`FROM debian:bookworm-slim\` with the base in the cache (the floor of any build) | $noop_seconds |"
  echo "| \`version\` with an application CDS archive of an empty build (\`-XX:SharedArchiveFile\`) | $appcds_version |"
  echo "| the empty build with that archive | $appcds_noop |"
  echo "| pull and unpack debian:bookworm-slim into an empty cache (whole build, once) | $pull_seconds |"
  echo
  echo "An empty build loads $classes classes."
  echo
  echo "## JDK Flight Recorder (one build, $jfr_wall s with the recorder on)"
  echo
  "$PYTHON" "$HERE/lib/jfrsummary.py" "$RUNDIR/service.jfr"
} | tee "$WORK/profile.md"
log "written to $WORK/profile.md"
