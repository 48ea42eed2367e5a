#!/usr/bin/env bash
# The project's main job for now: builds ipc4j (no tests) and runs the ping-pong example, which starts a
# second JVM, exchanges messages with it over POSIX message queues and prints the round-trip latency.
# Arguments go to the example: [round trips] [message bytes]. With --write-once [jobs] it runs the portable
# example instead (README "Writing it once"): the same program on Linux, macOS and Windows.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; *) os=windows ;; esac
case "$(uname -m)" in x86_64|amd64) arch=x86_64 ;; aarch64|arm64) arch=aarch_64 ;; *) arch=$(uname -m) ;; esac
native=java/target/ipc4j-$version-$os-$arch.jar
flags=()
[ "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -ge 22 ] \
  && flags+=(--enable-native-access=ALL-UNNAMED)
main=io.github.ipc4j.examples.MqPingPong
if [ "${1:-}" = --write-once ]; then
  main=io.github.ipc4j.examples.WriteOnce
  shift
fi
exec java "${flags[@]}" -cp "java/target/ipc4j-$version.jar:$native:examples/target/classes" "$main" "$@"
