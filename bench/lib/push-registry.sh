# Sourced by bench/run.sh and bench/profile.sh: a cold registry for one push measurement, i.e.
# Debian's docker-registry on a free loopback port with empty storage. Loopback registries are
# plain HTTP for all three builders (docker treats 127.0.0.0/8 as insecure by default).
#
#   start_push_registry DIR    sets PUSH_PORT; DIR is emptied and holds storage, config and log
#   stop_push_registry

PUSH_REGISTRY_PID=
PUSH_PORT=

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_push_registry() {
  stop_push_registry
  local directory=$1
  PUSH_PORT=$(free_port)
  rm -rf "$directory" && mkdir -p "$directory/storage"
  cat > "$directory/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $directory/storage
http:
  addr: 127.0.0.1:$PUSH_PORT
YML
  setsid docker-registry serve "$directory/config.yml" >"$directory/registry.log" 2>&1 < /dev/null &
  PUSH_REGISTRY_PID=$!
  local _
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PUSH_PORT/v2/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the push registry did not come up; see $directory/registry.log" >&2
  return 1
}

stop_push_registry() {
  if [ -n "$PUSH_REGISTRY_PID" ]; then
    kill "$PUSH_REGISTRY_PID" 2>/dev/null || true
    wait "$PUSH_REGISTRY_PID" 2>/dev/null || true
    PUSH_REGISTRY_PID=
  fi
}
