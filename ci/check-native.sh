#!/usr/bin/env bash
# Checks one built library: check-native.sh <classifier> <dir with the library> <cmake build dir>
#  - linux: exports JNI_OnLoad; needs no glibc symbol newer than 2.17; no libgcc_s
#  - osx: linked with every symbol resolved (NOUNDEFS), exports JNI_OnLoad, only ipc4j_ names
#    (Zig 0.11's Mach-O linker exports hidden symbols too; Apple's linker exports JNI_OnLoad alone);
#    CMake's feature checks found nothing macOS lacks
#  - windows: the DLL exports JNI_OnLoad and imports only DLLs that Windows ships
set -euo pipefail
classifier=$1
dir=$2
build=$3
lib=$(ls "$dir"/*ipc4j-* | head -1)
fail() { echo "check-native $classifier: $*" >&2; exit 1; }
# llvm-objdump reads every target's objects (binutils' objdump only the host's)
[[ $classifier == windows-* ]] || command -v llvm-objdump >/dev/null \
  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q llvm; }
case "$classifier" in
  linux-*)
    symbols=$(llvm-objdump -T "$lib")
    grep -q ' \.text.* JNI_OnLoad$' <<<"$symbols" || fail "$lib does not export JNI_OnLoad"
    newest=$(grep -o 'GLIBC_[0-9.]*[0-9]' <<<"$symbols" | sed 's/GLIBC_//' | sort -V | tail -1)
    [ "$(printf '%s\n2.17\n' "$newest" | sort -V | tail -1)" = 2.17 ] || fail "needs GLIBC_$newest (> 2.17)"
    ! llvm-objdump -p "$lib" | grep -q 'NEEDED.*libgcc_s' || fail "links libgcc_s dynamically"
    echo "$classifier: $(basename "$lib") exports JNI_OnLoad, newest glibc symbol GLIBC_$newest"
    ;;
  osx-*)
    llvm-objdump --macho --private-header "$lib" | grep -q NOUNDEFS || fail "undefined symbols remain"
    exports=$(llvm-objdump --macho --exports-trie "$lib" | awk '/^0x/ {print $2}')
    grep -qx _JNI_OnLoad <<<"$exports" || fail "does not export JNI_OnLoad"
    stray=$(grep -vxE '_JNI_OnLoad|_ipc4j_[a-z0-9_]+' <<<"$exports" || true)
    [ -z "$stray" ] || fail "exports symbols outside the ipc4j_ prefix: $stray"
    for absent in POSIX_MQ SEM_TIMEDWAIT SEMTIMEDOP ROBUST_MUTEX EVENTFD THREAD_TIMER MEMFD; do
      ! grep -q "^IPC4J_HAVE_$absent:INTERNAL=1" "$build/CMakeCache.txt" \
        || fail "CMake found $absent, which macOS lacks: the feature check is wrong"
    done
    echo "$classifier: $(basename "$lib") links (NOUNDEFS), exports JNI_OnLoad; POSIX mq, sem_timedwait, semtimedop, robust mutexes, eventfd, memfd found absent, as on macOS"
    ;;
  windows-*)
    headers=$(x86_64-w64-mingw32-objdump -p "$lib")
    grep -Eq '^[[:space:]]*\[ *[0-9]+\] JNI_OnLoad$' <<<"$headers" || fail "$lib does not export JNI_OnLoad"
    # static libgcc, win32 threads: nothing to ship beside the DLL
    imports=$(sed -n 's/^[[:space:]]*DLL Name: //p' <<<"$headers" | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
    for import in $imports; do
      case $import in
        kernel32.dll|advapi32.dll|msvcrt.dll|api-ms-win-*) ;;
        *) fail "$lib needs $import, which Windows does not ship" ;;
      esac
    done
    echo "$classifier: $(basename "$lib") exports JNI_OnLoad, imports only $imports"
    ;;
esac
