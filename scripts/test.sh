#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks (GSL and pkg-config), then builds and runs the whole
# test suite with the scheduling core's invariant checks compiled in (TASKS_INTERNAL_CHECKS).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then
    missing+=(libgsl-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

swift test -Xswiftc -DTASKS_INTERNAL_CHECKS "$@"
