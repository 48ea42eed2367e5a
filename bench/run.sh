#!/usr/bin/env bash
# The project's main job: the benchmark suite. Builds ipc4j and the suite (no tests), then measures every
# mechanism this OS has from plain C, ipc4j, JNA and FFM, and the socket baselines, showing progress, and
# writes bench/target/report/ (report.md, index.html with charts, jmh-results.json, c-results.json).
#
#   ./bench/run.sh                    short mode: a few minutes for everything
#   ./bench/run.sh --full             full mode: more forks and iterations, round trips at every size
#   ./bench/run.sh --only=posix-mq    some mechanisms only (comma-separated)
#   ./bench/run.sh --rounds=5         rounds per measurement (default: short 3, full 5; see README)
#   ./bench/run.sh --cpus=spread      the two processes on CPUs 0 and 1 (default: same; none: the scheduler's)
#
# On a fresh Debian machine it installs what it lacks (JDK 17, Maven, gcc, make, cmake). FFM is measured
# on a JDK 22+: FFM_JDK (default /usr/lib/jvm/temurin-25-jdk-amd64). When that JDK is present, every Java
# row runs on it, so ipc4j, JNA and FFM are compared on one JVM (ipc4j's JNI against FFM on another JDK
# would also compare two JITs); BENCH_JAVA=/path/to/bin/java picks another JVM for all rows but FFM.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v gcc >/dev/null || need+=(gcc)
command -v make >/dev/null || need+=(make)
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q "${need[@]}"
fi

ffm_jdk=${FFM_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
echo "== building ipc4j and the benchmarks (mvn -DskipTests package)"
ffm_skip=true
[ -x "$ffm_jdk/bin/javac" ] && ffm_skip=false
mvn -B -q -DskipTests -Dffm.jdk="$ffm_jdk" -Dffm.skip=$ffm_skip package -pl java,bench

bench_java=${BENCH_JAVA:-java}
[ -z "${BENCH_JAVA:-}" ] && [ -x "$ffm_jdk/bin/java" ] && bench_java="$ffm_jdk/bin/java"
cp="bench/target/classes:bench/target/classes-ffm:$(cat bench/target/classpath.txt)"
flags=()
[ "$("$bench_java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -ge 22 ] \
  && flags+=(--enable-native-access=ALL-UNNAMED)
echo "== measuring (progress below; JMH's own output goes to bench/target/report/logs/)"
exec "$bench_java" "${flags[@]}" -cp "$cp" \
  -Dipc4j.bench.classpath="$cp" \
  -Dipc4j.bench.cbench=bench/target/native-build/ipc4j-cbench \
  -Dipc4j.bench.ffmJava="$ffm_jdk/bin/java" \
  io.github.ipc4j.bench.BenchMain --out=bench/target/report "$@"
