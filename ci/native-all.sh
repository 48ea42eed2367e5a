#!/usr/bin/env bash
# Builds and checks the library of every platform into <out>/<classifier>/META-INF/native/<classifier>/,
# and gathers them all under <out>/all/ for the all-platforms jar:
#   native-all.sh <out> <version> [<jni-headers dir>]
# Runs on a linux-x86_64 host (the cross tools are x86_64 Linux programs).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?out dir}
export IPC4J_VERSION=${2:?version}
export IPC4J_JNI_HEADERS=${3:-$out/jni-headers}
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "native-all.sh runs on Linux x86_64 hosts only" >&2; exit 2; }
[ -d "$IPC4J_JNI_HEADERS" ] || bash "$here/ci/jni-headers.sh" "$IPC4J_JNI_HEADERS"
mkdir -p "$out"
rm -rf "$out/all"
for classifier in linux-x86_64 linux-aarch_64 osx-x86_64 osx-aarch_64 windows-x86_64; do
  echo "== $classifier"
  rm -rf "$out/$classifier"
  bash "$here/ci/build-native.sh" "$classifier" "$out/$classifier" "$out/build-$classifier"
  mkdir -p "$out/all"
  cp -r "$out/$classifier/META-INF" "$out/all/"
done
