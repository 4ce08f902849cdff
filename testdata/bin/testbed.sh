#!/usr/bin/env bash
# The jbuild test bed: a real registry (Debian's docker-registry) on 127.0.0.1:5000 seeded with
# base images that jbuild builds itself, and optionally Debian's docker engine to run results.
# Every command is idempotent.
#
#   testbed.sh install [PACKAGE...]    apt-get the packages the test bed and the tests need (and more)
#   testbed.sh start                   start the registry on 127.0.0.1:5000 (storage in a temp dir)
#   testbed.sh seed JBUILD [ARGS...]   build and push busybox and debian:bookworm-slim with JBUILD
#   testbed.sh docker                  start dockerd (no iptables, no bridge, mirror to the registry)
#   testbed.sh stop                    stop what start/docker started
#
# Environment: JBUILD_TESTBED_DIR (default /tmp/jbuild-testbed) holds state and logs;
# JBUILD_TESTBED_CACHE (default /var/cache/jbuild-testbed) keeps the slow-to-make Debian rootfs.
set -euo pipefail

REGISTRY=127.0.0.1:5000
STATE=${JBUILD_TESTBED_DIR:-/tmp/jbuild-testbed}
CACHE=${JBUILD_TESTBED_CACHE:-/var/cache/jbuild-testbed}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IMAGES=$HERE/../images
PACKAGES="docker-registry skopeo busybox-static mmdebstrap umoci docker.io runc curl gcc libc6-dev util-linux iproute2 zstd xz-utils bzip2 apache2-utils tmux openssh-client"

log() { echo "testbed: $*" >&2; }

install() { # [EXTRA-PACKAGE...]
  local missing=() package
  for package in $PACKAGES "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d keeps the packages' own services (registry on :5000, dockerd) from starting.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    rm -f /usr/sbin/policy-rc.d
  fi
}

registry_up() { curl -fsS -o /dev/null "http://$REGISTRY/v2/" 2>/dev/null; }

start() {
  if registry_up; then
    return 0
  fi
  command -v docker-registry >/dev/null || install
  mkdir -p "$STATE/registry"
  cat > "$STATE/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
YML
  log "starting docker-registry on $REGISTRY (storage $STATE/registry)"
  setsid docker-registry serve "$STATE/registry.yml" >"$STATE/registry.log" 2>&1 < /dev/null &
  echo $! > "$STATE/registry.pid"
  for _ in $(seq 1 100); do
    registry_up && return 0
    sleep 0.1
  done
  log "the registry did not come up; see $STATE/registry.log"
  cat "$STATE/registry.log" >&2
  return 1
}

has_image() {
  curl -fsS -o /dev/null -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    -H "Accept: application/vnd.docker.distribution.manifest.v2+json" \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null
}

busybox_rootfs() {
  local root=$1/rootfs
  mkdir -p "$root"/{bin,etc,root,tmp,home,usr/sbin,var/spool/mail,var/www,dev,proc,sys}
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  cp "$(command -v busybox)" "$root/bin/busybox"
  local applet
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -f "$root/bin/busybox" "$root/bin/$applet"
  done
  cp "$IMAGES/busybox/passwd" "$root/etc/passwd"
  cp "$IMAGES/busybox/group" "$root/etc/group"
  tar --numeric-owner --owner=0 --group=0 -cf "$1/rootfs.tar" -C "$root" .
  cp "$IMAGES/busybox/Dockerfile" "$1/Dockerfile"
}

debian_rootfs() {
  mkdir -p "$CACHE"
  local tarball=$CACHE/debian-bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    log "making the Debian bookworm minbase root filesystem with mmdebstrap (about 15 s)"
    # mmdebstrap picks its output format from the name, so the partial file must end in .tar too.
    rm -rf "$CACHE/partial.tar"
    mmdebstrap --quiet --variant=minbase --skip=output/dev --skip=output/mknod bookworm "$CACHE/partial.tar"
    mv "$CACHE/partial.tar" "$tarball"
  fi
  cp "$tarball" "$1/rootfs.tar"
  cp "$IMAGES/debian/Dockerfile" "$1/Dockerfile"
}

seed() {
  [ $# -gt 0 ] || { echo "usage: testbed.sh seed JBUILD-COMMAND [ARGS...]" >&2; exit 2; }
  start
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  if ! has_image library/busybox latest || ! has_image busybox latest; then
    log "seeding busybox (built by jbuild)"
    mkdir -p "$work/busybox"
    busybox_rootfs "$work/busybox"
    "$@" build --progress=quiet -t "$REGISTRY/library/busybox:latest" -t "$REGISTRY/busybox:latest" --push "$work/busybox" >/dev/null
  fi
  if ! has_image library/debian bookworm-slim; then
    log "seeding debian:bookworm-slim (built by jbuild)"
    mkdir -p "$work/debian"
    debian_rootfs "$work/debian"
    "$@" build --progress=quiet -t "$REGISTRY/library/debian:bookworm-slim" --push "$work/debian" >/dev/null
  fi
}

# The Debian client speaks to the engine without plugins; prefer it over any other docker on PATH.
docker_client() { if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else command -v docker; fi; }

docker_up() { "$(docker_client)" -H "unix://$STATE/docker.sock" version >/dev/null 2>&1; }

docker_start() {
  start
  if docker_up; then
    return 0
  fi
  command -v dockerd >/dev/null || install
  mkdir -p "$STATE/docker-data" "$STATE/docker-exec"
  log "starting dockerd (socket $STATE/docker.sock)"
  setsid dockerd --iptables=false --ip6tables=false --bridge=none \
    --insecure-registry "$REGISTRY" --registry-mirror "http://$REGISTRY" \
    --data-root "$STATE/docker-data" --exec-root "$STATE/docker-exec" \
    --pidfile "$STATE/docker.pid" -H "unix://$STATE/docker.sock" \
    >"$STATE/docker.log" 2>&1 < /dev/null &
  for _ in $(seq 1 300); do
    docker_up && return 0
    sleep 0.1
  done
  log "dockerd did not come up; see $STATE/docker.log"
  tail -20 "$STATE/docker.log" >&2
  return 1
}

stop() {
  local pidfile
  for pidfile in "$STATE/docker.pid" "$STATE/registry.pid"; do
    if [ -f "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
}

case "${1:-}" in
  install) shift; install "$@" ;;
  start) start ;;
  seed) shift; seed "$@" ;;
  docker) docker_start ;;
  stop) stop ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
