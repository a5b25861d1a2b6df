#!/usr/bin/env bash
# Builds the task's binary for this machine (the end-to-end tests run it through task/run.js), then
# runs every test in AkvTask.sln. Extra arguments go to `dotnet test`, e.g. --filter Name~Proxy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source build/host-rid.sh

rid=$(host_rid)
build/build.sh --rid "$rid" --no-pack
dotnet test AkvTask.sln "$@"
