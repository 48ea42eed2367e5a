#!/usr/bin/env bash
# Writes the JNI headers (javac -h) of the Java sources into $1, for cross builds run outside Maven.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: jni-headers.sh <dir>}
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
mkdir -p "$out"
find "$here/java/src/main/java" -name '*.java' > "$classes/sources"
javac --release 17 -h "$out" -d "$classes" "@$classes/sources"
