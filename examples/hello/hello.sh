#!/bin/sh
echo "$GREETING"
echo "running as $(id -un) in $(pwd)"
echo "artifact built on $(cat built-on.txt) with: $(cat tools.txt)"
