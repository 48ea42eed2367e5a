#!/usr/bin/env bash
# Builds the Windows x86_64 library (ipc4j-<version>.dll) and the C tests with Debian's mingw-w64
# cross compiler, runs the C tests under Wine through ctest, checks that the DLL exports JNI_OnLoad
# and needs no DLL beyond Windows' own, and packs the windows-x86_64 classifier jar.
# Installs mingw-w64 and Wine when missing (Debian packages; needs root or sudo).
#   IPC4J_WINDOWS_BUILD_DIR  build directory (default /tmp/ipc4j-windows-build)
#   WINEPREFIX               Wine's prefix (default a private one under /tmp, made on first use)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${IPC4J_WINDOWS_BUILD_DIR:-/tmp/ipc4j-windows-build}
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

# the JDK that compiles the Java side gives jni.h (cmake/jni/win32/jni_md.h completes it for Windows)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
# the constants the C glue shares with Java, as javac -h writes them
rm -rf "$build/jni-headers" "$build/classes"
"$java_home/bin/javac" --release 17 -h "$build/jni-headers" -d "$build/classes" -sourcepath "$root/java/src/main/java" \
    "$root"/java/src/main/java/io/github/ipc4j/internal/Native*.java

if [[ ! -f $WINEPREFIX/system.reg ]]; then
    echo "test-windows: making the Wine prefix $WINEPREFIX"
    wineboot -i >/dev/null 2>&1
fi
# one wineserver for the whole run, instead of one started (and lingering) per test program
wineserver -p
trap 'wineserver -k 2>/dev/null || true' EXIT
# start Wine's services now, away from ctest's output pipes, which they would otherwise hold open
wineboot >/dev/null 2>&1

classifier=windows-x86_64
cmake -S "$root/native" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-windows-x86_64.cmake" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPC4J_VERSION="$version" -DIPC4J_JNI_HEADERS="$build/jni-headers" \
    -DIPC4J_STAGE_DIR="$build/jar/META-INF/native/$classifier" -DIPC4J_JAVA_HOME="$java_home" >/dev/null
cmake --build "$build" --parallel 2
ctest --test-dir "$build" --output-on-failure

dll="$build/jar/META-INF/native/$classifier/ipc4j-$version.dll"
exports=$(x86_64-w64-mingw32-objdump -p "$dll")
if ! grep -Eq '^[[:space:]]*\[ *[0-9]+\] JNI_OnLoad$' <<<"$exports"; then
    echo "test-windows: $dll does not export JNI_OnLoad" >&2
    exit 1
fi
imports=$(sed -n 's/^[[:space:]]*DLL Name: //p' <<<"$exports" | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
for import in $imports; do
    case $import in
        kernel32.dll|advapi32.dll|msvcrt.dll|api-ms-win-*) ;;
        *) echo "test-windows: $dll needs $import, which Windows does not ship" >&2; exit 1 ;;
    esac
done
jar cf "$build/ipc4j-$version-$classifier.jar" -C "$build/jar" .
echo "test-windows: $dll exports JNI_OnLoad, imports: $imports"
echo "test-windows: packed $build/ipc4j-$version-$classifier.jar"
echo "test-windows: done in $(( $(date +%s) - start )) s"
