#!/usr/bin/env bash
# The Quick start's first command: on a fresh Debian 12 machine as root, builds jbuild, starts a
# local registry seeded with base images (built by jbuild), builds the two-stage example in
# examples/hello, pushes it, and runs the pushed image with Debian's docker engine.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
REGISTRY=127.0.0.1:5000
IMAGE=$REGISTRY/demo/hello:1

testdata/bin/testbed.sh install
./jbuild version
testdata/bin/testbed.sh seed ./jbuild
./jbuild build -f examples/hello/Dockerfile -t "$IMAGE" --push \
  --registry-mirror "docker.io=$REGISTRY" examples/hello
testdata/bin/testbed.sh docker
DOCKER=$( [ -x /usr/bin/docker ] && echo /usr/bin/docker || echo docker )
echo "--- docker run $IMAGE"
"$DOCKER" -H "unix://${JBUILD_TESTBED_DIR:-/tmp/jbuild-testbed}/docker.sock" run --rm --pull always --network none "$IMAGE"
