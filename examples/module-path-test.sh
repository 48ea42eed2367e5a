#!/usr/bin/env bash
# The module-path test (issue 11): compiles the consumer module in src/modular against the ipc4j classes jar
# on the module path and runs it there, the native jar on the class path, with the JDK that runs the build;
# then, when a JDK 24 or later is present (IPC4J_JDK24, else the newest under /usr/lib/jvm), runs it again
# there with --enable-native-access=io.github.ipc4j --illegal-native-access=deny, and checks that without
# that option the load is refused (so the option is what makes it work, not luck).
# Usage: module-path-test.sh <ipc4j classes jar> <ipc4j native jar> <work directory>
set -euo pipefail
classes_jar=$1 native_jar=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
rm -rf "$work" && mkdir -p "$work/mods"
"$java_home/bin/javac" --release 17 -Xlint:all -Werror --module-path "$classes_jar" -d "$work/mods/io.github.ipc4j.modular" \
  $(find "$here/src/modular" -name '*.java')

run() { # <java home> <options...>: runs the consumer, prints its output, returns its status
  local home=$1; shift
  "$home/bin/java" "$@" --module-path "$classes_jar:$work/mods" --class-path "$native_jar" \
    --module io.github.ipc4j.modular/io.github.ipc4j.modular.ModularCheck 2>&1
}
feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }

flags=()
[ "$(feature "$java_home")" -ge 22 ] && flags+=(--enable-native-access=io.github.ipc4j)
out=$(run "$java_home" "${flags[@]}") || { echo "$out"; echo "module-path test FAILED on $java_home"; exit 1; }
echo "$out"
grep -q '^module path: ok' <<<"$out" || { echo "module-path test FAILED: no ok line"; exit 1; }

jdk24=${IPC4J_JDK24:-}
if [ -z "$jdk24" ]; then
  for home in /usr/lib/jvm/*/; do
    [ -x "$home/bin/java" ] && [ "$(feature "$home")" -ge 24 ] && jdk24=${home%/}
  done
fi
if [ -z "$jdk24" ]; then
  echo "module-path test on JDK 24+: SKIPPED (no JDK 24 or later under /usr/lib/jvm; set IPC4J_JDK24)"
  exit 0
fi
out=$(run "$jdk24" --enable-native-access=io.github.ipc4j --illegal-native-access=deny) \
  || { echo "$out"; echo "module-path test FAILED on $jdk24 with --enable-native-access=io.github.ipc4j"; exit 1; }
echo "$out"
if grep -q WARNING <<<"$out" || ! grep -q '^module path: ok' <<<"$out"; then
  echo "module-path test FAILED on $jdk24: a warning or no ok line"; exit 1
fi
if out=$(run "$jdk24" --illegal-native-access=deny); then
  echo "$out"; echo "module-path test FAILED: without --enable-native-access the load was not refused on $jdk24"; exit 1
fi
grep -q 'denies native access' <<<"$out" \
  || { echo "$out"; echo "module-path test FAILED: the refusal does not say native access is denied"; exit 1; }
echo "module-path test on $jdk24: ok with --enable-native-access=io.github.ipc4j, refused without it"
