#!/usr/bin/env bash
# Publishes the task's program (src/AkvTask) as a self-contained, trimmed, single-file binary into
# task/bin/<rid>/ for every platform the task runs on, or for one of them.
set -euo pipefail

ALL_RIDS=(win-x64 linux-x64 linux-arm64 linux-musl-x64 osx-x64 osx-arm64)

usage() {
  cat <<EOF
Usage: build/build.sh [--rid RID] [--no-pack]

Publishes src/AkvTask as a self-contained, trimmed, single-file binary into task/bin/<RID>/
for each of: ${ALL_RIDS[*]}
and prints each binary's size.

  --rid RID   publish for RID only
  --no-pack   do not pack the .vsix (accepted; this script does not pack the .vsix yet, so
              for now it never does)
  -h, --help  show this text
EOF
}

rids=("${ALL_RIDS[@]}")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rid)
      [[ $# -ge 2 ]] || { echo "build.sh: --rid needs a value" >&2; usage >&2; exit 2; }
      [[ " ${ALL_RIDS[*]} " == *" $2 "* ]] || { echo "build.sh: unknown runtime id '$2' (one of: ${ALL_RIDS[*]})" >&2; exit 2; }
      rids=("$2"); shift 2 ;;
    --no-pack) shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v dotnet >/dev/null || { echo "build.sh: dotnet is not on PATH (the .NET 10 SDK is needed)" >&2; exit 1; }

# Each runtime id restores and compiles in its own intermediate folder (obj/build/<rid>, ignored by git)
# instead of src/AkvTask/obj, so one platform's restore never rewrites another's assets file, and a
# `dotnet build` or `dotnet test` running in the source tree at the same time is not disturbed.
# The publish goes to a fresh staging folder that replaces task/bin/<rid> only when it succeeds: no stale
# files survive, and a compile error leaves the previous binary in place.
sizes=()
for rid in "${rids[@]}"; do
  out="task/bin/$rid"
  staging="obj/build/$rid/out"
  echo "==> Publishing $rid into $out/"
  rm -rf "$staging"
  dotnet publish src/AkvTask/AkvTask.csproj -c Release -r "$rid" -o "$staging" \
    --artifacts-path "obj/build/$rid" --nologo
  rm -rf "$out"
  mkdir -p task/bin
  mv "$staging" "$out"
  binary="$out/AkvTask"
  [[ $rid == win-* ]] && binary="$binary.exe"
  [[ -f $binary ]] || { echo "build.sh: $binary was not produced" >&2; exit 1; }
  bytes=$(wc -c <"$binary" | tr -d ' ')
  line=$(awk -v rid="$rid" -v b="$bytes" -v f="$binary" 'BEGIN { printf "%-15s %10d bytes %6.1f MiB  %s", rid, b, b / 1048576, f }')
  echo "    $line"
  sizes+=("$line")
done

echo
echo "Binaries:"
printf '  %s\n' "${sizes[@]}"
