#!/usr/bin/env bash
# The Java tests on an arm64 JVM: Debian's openjdk-17 for arm64, run by qemu-aarch64 through binfmt_misc
# (the tests start child JVMs, and each of those must run under qemu too), with the linux-aarch_64
# classifier jar as the only native library. Needs root (binfmt_misc), the aarch64 cross libc from
# ci/test-aarch64.sh and the jars of ci/build-all-platforms.sh. Skips, saying why, where binfmt_misc
# cannot be used.
#
# qemu-user lacks some kernel features, so the tests that need them (tagged kernel-*) are left out here;
# they run natively:
# - kernel-mq-notify: mq_notify is ENOSYS
# - kernel-robust-list: set_robust_list is ENOSYS, so no dead holder of a robust lock is ever reported and
#   the owner-died tests would wait forever
# - kernel-msg-pids: its msgctl(IPC_STAT) gives 0 for a queue's last sender and receiver pids
# - kernel-spawn-errors: a posix_spawn whose exec fails is reported in the child (exit 127), not to the parent
# - kernel-signal-from-outside: a SIGSTKFLT sent by another process (kill) ends the emulated JVM although it
#   has a handler for it (exit 144, measured 2026-12-01); signals a thread of the JVM sends are delivered.
#   The tests that stop and continue the JVM from a shell carry the tag too (not tried under qemu-user)
# The channel's two-JVM tests run with smaller counts (ipc4j.channel.messages, ipc4j.channel.kills).
# And the tests tagged "heavy" (hundreds of thousands of operations, a thousand threads, dozens of child
# JVMs) are left out too: emulated, they would take longer than CI has. They test what the
# architecture does not change (the blocking core's races, hostile peers), and run natively.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$here/target/aarch64-jvm}

jar=$(ls "$here"/java/target/ipc4j-*-linux-aarch_64.jar 2>/dev/null | head -1 || true)
[ -n "$jar" ] || { echo "test-aarch64-jvm: no linux-aarch_64 jar: run ci/build-all-platforms.sh first" >&2; exit 1; }
[ -d /usr/aarch64-linux-gnu/lib ] || { echo "test-aarch64-jvm: no aarch64 libc: run ci/test-aarch64.sh first" >&2; exit 1; }

binfmt=/proc/sys/fs/binfmt_misc
[ -e $binfmt/register ] || mount -t binfmt_misc binfmt_misc $binfmt 2>/dev/null || true
if [ ! -e $binfmt/qemu-aarch64 ]; then
  [ -e /usr/lib/binfmt.d/qemu-aarch64.conf ] && [ -w $binfmt/register ] \
    && cat /usr/lib/binfmt.d/qemu-aarch64.conf > $binfmt/register 2>/dev/null || true
fi
if [ ! -e $binfmt/qemu-aarch64 ]; then
  echo "test-aarch64-jvm: SKIPPED: binfmt_misc cannot run aarch64 programs here (needs root and the kernel's binfmt_misc)"
  exit 0
fi

# the arm64 JRE and zlib, unpacked (not installed: the host's amd64 JDK stays the system's)
mkdir -p "$work/debs" "$work/root" "$work/sysroot/lib"
if [ ! -x "$work/root/usr/lib/jvm/java-17-openjdk-arm64/bin/java" ]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64; apt-get update -q; }
  (cd "$work/debs" && apt-get download -q openjdk-17-jre-headless:arm64 zlib1g:arm64 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$work/root"; done
fi
cp -a /usr/aarch64-linux-gnu/lib/. "$work/sysroot/lib/"
cp -a "$work"/root/lib/aarch64-linux-gnu/libz.so* "$work/sysroot/lib/"
# where Debian's qemu-aarch64 looks for the guest's libraries when binfmt_misc starts it
mkdir -p /etc/qemu-binfmt
ln -sfn "$work/sysroot" /etc/qemu-binfmt/aarch64
java_arm64="$work/root/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
"$java_arm64" -version 2>&1 | sed 's/^/test-aarch64-jvm: /'

launcher=$(ls "$work"/junit-platform-console-standalone-*.jar 2>/dev/null | head -1 || true)
if [ -z "$launcher" ]; then
  junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$here/pom.xml")
  platform=1.${junit#5.}
  mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform" \
    -DoutputDirectory="$work"
  launcher=$(ls "$work"/junit-platform-console-standalone-*.jar | head -1)
fi

cd "$here/java"
cp="target/test-classes:target/classes:$jar:$launcher"
log="$work/tests.log"
status=0
"$java_arm64" -Xcheck:jni -Dipc4j.test.jvmFlags=-Xcheck:jni -Dipc4j.test.nativeBuildDir="$here/java/target/native-build" \
  -Dipc4j.channel.messages=20000 -Dipc4j.channel.kills=3 \
  -cp "$cp" org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
  --disable-ansi-colors --select-package io.github.ipc4j --exclude-tag kernel-mq-notify \
  --exclude-tag kernel-robust-list --exclude-tag kernel-msg-pids --exclude-tag kernel-spawn-errors \
  --exclude-tag kernel-signal-from-outside --exclude-tag heavy \
  --exclude-classname '.*Windows.*' > "$log" 2>&1 || status=$?
sed -n '/^Failures/,$p; /tests successful/p; /tests failed/p' "$log" | head -80
if grep -En 'WARNING in native method|WARNING: JNI local refs' "$log"; then
  echo "test-aarch64-jvm: -Xcheck:jni warnings above" >&2
  exit 1
fi
[ "$status" = 0 ] || { echo "test-aarch64-jvm: tests failed on the arm64 JVM (log: $log)" >&2; exit "$status"; }
echo "test-aarch64-jvm: the Java tests pass on an arm64 JVM under qemu (but those named at the top of this script)"
