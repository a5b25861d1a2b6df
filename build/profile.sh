#!/usr/bin/env bash
# Regenerates the ReadyToRun profile build/ReadyToRunProfile/AkvTask.mibc: publishes this machine's binary with no
# ahead-of-time code at all (every method is JIT-compiled), runs it as the agent does against the fake Azure of the
# end-to-end tests (through the benchmark, a few scenarios: by name, listing with paging, throttling) with an
# EventPipe trace of what the JIT compiles, and writes every compiled method into the profile
# (build/ReadyToRunProfile, a small tool of this repository). build/build.sh then compiles exactly those methods
# ahead of time for the platforms that use ReadyToRun. Run it after changes that move the task's start-up path;
# a stale profile only costs start-up time (what it misses is JIT-compiled).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "profile.sh: dotnet is not on PATH (the .NET 10 SDK is needed)" >&2; exit 1; }
command -v node >/dev/null || { echo "profile.sh: node is not on PATH (the task's launcher runs on it)" >&2; exit 1; }
source build/host-rid.sh
rid=$(host_rid)
[[ $rid == linux-* ]] || { echo "profile.sh: traces are taken on Linux (this is $rid)" >&2; exit 1; }

work="$PWD/obj/profile"
rm -rf "$work"
mkdir -p "$work/traces"

echo "==> Publishing $rid with JIT only (the traced build)"
dotnet publish src/AkvTask/AkvTask.csproj -c Release -r "$rid" -o "$work/task/bin/$rid" \
  --artifacts-path "$work/build" --nologo -v quiet -p:PublishAot=false -p:PublishReadyToRun=false
for file in task/*; do
  [[ -f $file ]] && cp "$file" "$work/task/"
done
linked="$work/build/obj/AkvTask/release_$rid/linked"
[[ -d $linked ]] || { echo "profile.sh: the trimmed assemblies were not found in $linked" >&2; exit 1; }

echo "==> Building the profile writer and the benchmark"
dotnet build build/ReadyToRunProfile/ProfileWriter.csproj -c Release --nologo -v quiet -clp:NoSummary
dotnet build tests/AkvTask.Benchmarks/AkvTask.Benchmarks.csproj -c Release --nologo -v quiet -clp:NoSummary
writer=(dotnet build/ReadyToRunProfile/bin/Release/net10.0/ProfileWriter.dll)
config=$("${writer[@]}" --print-config)

echo "==> Tracing the task against the fake Azure"
dotnet tests/AkvTask.Benchmarks/bin/Release/net10.0/AkvTask.Benchmarks.dll --quick --task-folder "$work/task" \
  --scenario name=by-name,secrets=8,by-name=3,runs=1 \
  --scenario name=list,secrets=60,latency-ms=5,runs=1 \
  --scenario name=throttled,secrets=60,quota=25,retry-after=1,runs=1 \
  --wrap "env DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=$work/traces/trace-{pid}.nettrace DOTNET_EventPipeConfig=$config DOTNET_ReadyToRun=0" \
  >"$work/bench.log" || { cat "$work/bench.log"; echo "profile.sh: the traced runs failed" >&2; exit 1; }

echo "==> Writing the profile"
"${writer[@]}" --assemblies "$linked" --out build/ReadyToRunProfile/AkvTask.mibc "$work"/traces/*.nettrace
