#!/usr/bin/env bash
# Builds the Windows x86_64 library (ipc4j-<version>.dll) and the C tests with Debian's mingw-w64
# cross compiler, runs the C tests under Wine through ctest, and checks the DLL (ci/check-native.sh:
# it exports JNI_OnLoad and needs no DLL beyond Windows' own). The classifier jar is packed by
# ci/build-all-platforms.sh.
# Installs mingw-w64 and Wine when missing (Debian packages; needs root or sudo).
#   IPC4J_WINDOWS_BUILD_DIR  build directory (default target/windows-build in this checkout: a
#                            build directory belongs to one source tree)
#   WINEPREFIX               Wine's prefix (default a private one under /tmp, made on first use)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${IPC4J_WINDOWS_BUILD_DIR:-$root/target/windows-build}
export WINEPREFIX=${WINEPREFIX:-/tmp/ipc4j-wine-$(id -u)}
export WINEDEBUG=-all
# no Mono or Gecko install prompts while the prefix is made
export WINEDLLOVERRIDES="mscoree,mshtml="
start=$(date +%s)

missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || missing+=(wine)
command -v cmake >/dev/null || missing+=(cmake)
if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    echo "test-windows: installing ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
[[ -n $version ]] || { echo "test-windows: no <version> in $root/pom.xml" >&2; exit 1; }

export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
bash "$root/ci/jni-headers.sh" "$build/jni-headers"

if [[ ! -f $WINEPREFIX/system.reg ]]; then
    echo "test-windows: making the Wine prefix $WINEPREFIX"
    wineboot -i >/dev/null 2>&1
fi
# one wineserver for the whole run, instead of one started (and lingering) per test program;
# a server still running (wineboot's, another run's) must end first
wineserver -w
wineserver -p
trap 'wineserver -k 2>/dev/null || true' EXIT
# start Wine's services now, away from ctest's output pipes, which they would otherwise hold open
wineboot >/dev/null 2>&1

classifier=windows-x86_64
rm -rf "$build/stage"
cmake -S "$root/native" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-windows-x86_64.cmake" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPC4J_VERSION="$version" -DIPC4J_JNI_HEADERS="$build/jni-headers" \
    -DIPC4J_STAGE_DIR="$build/stage" >/dev/null
cmake --build "$build" --parallel 2
ctest --test-dir "$build" --output-on-failure

bash "$root/ci/check-native.sh" $classifier "$build/stage" "$build"

# no JVM runs the DLL here: check its RegisterNatives tables against the Java natives instead
mkdir -p "$build/preprocessed"
for glue in "$root"/native/src/jni/common/*.c "$root"/native/src/jni/windows/*.c; do
    x86_64-w64-mingw32-gcc -E -DIPC4J_VERSION='"x"' -I"$root/native/src/jni/common" -I"$root/native/src/core/common" \
        -I"$root/native/src/core/windows" -I"$build/jni-headers" -I"$JAVA_HOME/include" -I"$root/cmake/jni/win32" \
        "$glue" -o "$build/preprocessed/$(basename "$glue").i"
done
"$JAVA_HOME/bin/java" "$root/ci/JniSignatures.java" "$build/jni-headers" "$build"/preprocessed/*.i
echo "test-windows: done in $(( $(date +%s) - start )) s"
