#!/usr/bin/env bash
# One command for every platform: builds the five libraries from this Linux x86_64 host (Zig for
# Linux glibc 2.17 and macOS, mingw-w64 for Windows; it installs what is missing), checks each, and
# packages java/target/ipc4j-<v>-<classifier>.jar for all five plus ipc4j-<v>-all-platforms.jar, and the
# command-line tool cli/target/ipc4j-cli-<v>.jar with all five libraries inside (runs on each).
# Tests are not run here: `mvn -B verify` and ci/test-*.sh do that.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mvn -B -q -Pall-platforms -DskipTests package
ls -l java/target/*.jar cli/target/ipc4j-cli-*.jar
