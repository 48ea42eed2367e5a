#!/usr/bin/env bash
# Builds the C layer for linux-aarch_64 with Debian's cross gcc and runs its C tests under
# qemu-aarch64 (user-mode emulation). Installs what it needs (root, Debian).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/target/aarch64-build}

need=()
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
command -v cmake >/dev/null || need+=(cmake)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

cmake -S "$here/native" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$here/cmake/toolchain-linux-aarch_64.cmake" \
  -DIPC4J_SKIP_JNI=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --parallel
ctest --test-dir "$build" --output-on-failure
