#!/usr/bin/env bash
# Cross builds and checks the two macOS libraries (see check-native.sh for what is checked).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$here/target/macos}
export IPC4J_VERSION=${IPC4J_VERSION:-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$here/pom.xml" | head -1)}
export IPC4J_JNI_HEADERS=${IPC4J_JNI_HEADERS:-$work/jni-headers}
[ -d "$IPC4J_JNI_HEADERS" ] || bash "$here/ci/jni-headers.sh" "$IPC4J_JNI_HEADERS"
for classifier in osx-x86_64 osx-aarch_64; do
  bash "$here/ci/build-native.sh" "$classifier" "$work/stage" "$work/build-$classifier"
done
