#!/usr/bin/env bash
# Builds the task's binary for this machine (the end-to-end tests run it through task/run.js), then
# runs every test in AkvTask.sln. Extra arguments go to `dotnet test`, e.g. --filter Name~Proxy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# This machine's runtime id. On Linux the C library is whichever one grep itself was loaded with.
host_rid() {
  local arch
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "test.sh: no build for CPU $(uname -m)" >&2; return 1 ;;
  esac
  case "$(uname -s)" in
    Linux)
      if grep -qE '/ld-musl-|/libc\.musl-' /proc/self/maps 2>/dev/null; then echo "linux-musl-$arch"; else echo "linux-$arch"; fi ;;
    Darwin) echo "osx-$arch" ;;
    MINGW*|MSYS*|CYGWIN*) echo "win-$arch" ;;
    *) echo "test.sh: no build for $(uname -s)" >&2; return 1 ;;
  esac
}

rid=$(host_rid)
build/build.sh --rid "$rid" --no-pack
dotnet test AkvTask.sln "$@"
