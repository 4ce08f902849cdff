#!/usr/bin/env bash
# Runs jbuild's whole test suite on Debian 12 as root: installs the test bed's packages, then
# mvn verify (unit tests, kernel and registry tests, and end-to-end tests of the packaged CLI).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
testdata/bin/testbed.sh install
mvn -B -ntp verify "$@"
