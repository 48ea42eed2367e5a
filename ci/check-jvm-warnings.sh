#!/usr/bin/env bash
# Fails when a test JVM printed a -Xcheck:jni warning or a JDK native-access warning. Surefire and
# failsafe keep what a forked JVM wrote itself in *-output.txt and *.dumpstream files.
set -euo pipefail
target=${1:?usage: check-jvm-warnings.sh <maven target dir>}
patterns='WARNING in native method|WARNING: JNI local refs|WARNING: A restricted method|WARNING: Use --enable-native-access|WARNING: .*System::load'
found=0
for dir in "$target/surefire-reports" "$target/failsafe-reports"; do
  [ -d "$dir" ] || continue
  if grep -rEn "$patterns" "$dir" --include='*-output.txt' --include='*.dumpstream' --include='*.txt' >/tmp/ipc4j-jvm-warnings.$$ 2>/dev/null; then
    found=1
    cat /tmp/ipc4j-jvm-warnings.$$
  fi
  rm -f /tmp/ipc4j-jvm-warnings.$$
done
if [ "$found" = 1 ]; then
  echo "check-jvm-warnings: the test JVMs printed the warnings above (-Xcheck:jni or native access)" >&2
  exit 1
fi
echo "check-jvm-warnings: no -Xcheck:jni or native-access warnings"
