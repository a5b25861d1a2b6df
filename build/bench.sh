#!/usr/bin/env bash
# Benchmarks the built task: runs node task/run.js, as the agent does, against the fake Azure of the end-to-end
# tests, scenario by scenario, and prints each figure's median and range with the latency model's lower bound.
# Builds this machine's binary first when it is missing or older than the sources. The README's Performance
# section says what the figures mean.
set -euo pipefail

usage() {
  cat <<'TEXT'
Usage: build/bench.sh [--quick] [--rebuild] [benchmark options]

  --quick            the five scenarios of issue 6 with fewer runs (about a minute)
  --rebuild          build the task's binary even when it looks up to date
  --runs N           this many runs of every scenario
  --only TEXT        only the scenarios whose name contains TEXT (e.g. --only 'req/s')
  --scenario SPEC    run a scenario of your own instead (repeatable), e.g.
                     --scenario name=big,secrets=2000,latency-ms=30,quota=300,retry-after=1,runs=3
                     keys: name, secrets, by-name, value-bytes, latency-ms, quota, retry-after, runs
  --concurrency N    the task's concurrency assumed by the lower bound (default: the task's FetchOptions)
  --markdown FILE    also write the results table to FILE
  --timeline FILE    write every request of each scenario's last run to FILE (CSV, ms from the step's start)
  --task-folder DIR  measure another build's task folder (run.js, launcher.js, bin/<rid>/); twice or more to
                     compare builds, their runs taking turns
  --wrap "CMD ARGS"  start node under CMD, for profiling (e.g. "strace -f -tt -o /tmp/trace")
  -h, --help         this text

The full run takes about two and a half minutes. The fake Azure and the task share this machine's cores: run it on an
otherwise idle machine, or the figures show the other work too (the load average is printed).
TEXT
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."

rebuild=false
args=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    -h|--help) usage; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

command -v dotnet >/dev/null || { echo "bench.sh: dotnet is not on PATH (the .NET 10 SDK is needed)" >&2; exit 1; }
command -v node >/dev/null || { echo "bench.sh: node is not on PATH (the task's launcher runs on it)" >&2; exit 1; }

source build/host-rid.sh

rid=$(host_rid)
binary="task/bin/$rid/AkvTask"
if $rebuild || [[ ! -f $binary ]] \
  || [[ -n $(find src/AkvTask Directory.Build.props -newer "$binary" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit) ]]; then
  build/build.sh --rid "$rid" --no-pack
fi

echo "==> Building the benchmark"
dotnet build tests/AkvTask.Benchmarks/AkvTask.Benchmarks.csproj -c Release --nologo -v quiet -clp:NoSummary
exec dotnet tests/AkvTask.Benchmarks/bin/Release/net10.0/AkvTask.Benchmarks.dll "${args[@]}"
