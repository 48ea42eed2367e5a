#!/usr/bin/env bash
# Builds the JNI library of one platform from this Linux host and checks it:
#   build-native.sh <classifier> <stage-root> [<work-dir>]
# writes <stage-root>/META-INF/native/<classifier>/<library>. Toolchains: Zig for linux-* (glibc
# 2.17) and osx-*, mingw-w64 for windows-x86_64. Needs the JNI headers in $IPC4J_JNI_HEADERS
# (ci/jni-headers.sh makes them) and $IPC4J_VERSION.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
classifier=${1:?classifier}
stage_root=${2:?stage root}
work=${3:-$here/target/native-$classifier}
: "${IPC4J_JNI_HEADERS:?set IPC4J_JNI_HEADERS}" "${IPC4J_VERSION:?set IPC4J_VERSION}"
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}

case "$classifier" in
  linux-x86_64|linux-aarch_64) toolchain=toolchain-$classifier-glibc2.17 ;;
  osx-x86_64|osx-aarch_64) toolchain=toolchain-$classifier ;;
  windows-x86_64) toolchain=toolchain-windows-x86_64 ;;
  *) echo "build-native.sh: unknown classifier $classifier" >&2; exit 2 ;;
esac
case "$classifier" in
  windows-*) command -v x86_64-w64-mingw32-gcc >/dev/null || {
      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc-mingw-w64-x86-64; } ;;
  *) source "$here/ci/zig.sh" ;;
esac

stage="$stage_root/META-INF/native/$classifier"
mkdir -p "$work"
cmake -S "$here/native" -B "$work" -DCMAKE_TOOLCHAIN_FILE="$here/cmake/$toolchain.cmake" \
  -DIPC4J_VERSION="$IPC4J_VERSION" -DIPC4J_JNI_HEADERS="$IPC4J_JNI_HEADERS" -DIPC4J_STAGE_DIR="$stage" \
  -DIPC4J_SKIP_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$work/ipc4j-configure.log" 2>&1 \
  || { cat "$work/ipc4j-configure.log"; exit 1; }
cmake --build "$work" --parallel > "$work/ipc4j-build.log" 2>&1 || { cat "$work/ipc4j-build.log"; exit 1; }
bash "$here/ci/check-native.sh" "$classifier" "$stage" "$work"
