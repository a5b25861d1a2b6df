#!/usr/bin/env bash
# Publishes the task's program (src/AkvTask) as a self-contained, trimmed binary (Native AOT for linux-x64 and
# linux-arm64, linked by the zig pinned in build/zig; single-file elsewhere) into task/bin/<rid>/ for every
# platform the task runs on (or the ones asked for), then packs the extension into
# out/<publisher>.<extension-id>-<version>.vsix with the pinned tfx-cli (build/pack-extension.js).
# build/build.ps1 does the same on Windows.
set -euo pipefail

ALL_RIDS=(win-x64 linux-x64 linux-arm64 linux-musl-x64 osx-x64 osx-arm64)

usage() {
  cat <<EOF
Usage: build/build.sh [--rid RID]... [--no-pack] [--publisher ID]

Publishes src/AkvTask as a self-contained, trimmed binary (Native AOT for linux-x64 and
linux-arm64, single-file elsewhere) into task/bin/<RID>/ for each of: ${ALL_RIDS[*]}
then packs out/<publisher>.keyvault-secrets-<version>.vsix with exactly those platforms.
The version is <Version> in Directory.Build.props; it is stamped into the packaged
task.json and vss-extension.json.

  --rid RID        publish (and pack) RID only; repeat for several
  --no-pack        publish only, no .vsix
  --publisher ID   Marketplace publisher id to pack for (default: the "publisher" in
                   vss-extension.json, a placeholder)
  -h, --help       show this text
EOF
}

rids=()
pack=true
publisher=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rid)
      [[ $# -ge 2 ]] || { echo "build.sh: --rid needs a value" >&2; usage >&2; exit 2; }
      [[ " ${ALL_RIDS[*]} " == *" $2 "* ]] || { echo "build.sh: unknown runtime id '$2' (one of: ${ALL_RIDS[*]})" >&2; exit 2; }
      [[ " ${rids[*]-} " == *" $2 "* ]] || rids+=("$2")
      shift 2 ;;
    --no-pack) pack=false; shift ;;
    --publisher)
      [[ $# -ge 2 && -n $2 ]] || { echo "build.sh: --publisher needs a value" >&2; usage >&2; exit 2; }
      publisher=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ ${#rids[@]} -gt 0 ]] || rids=("${ALL_RIDS[@]}")

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v dotnet >/dev/null || { echo "build.sh: dotnet is not on PATH (the .NET 10 SDK is needed)" >&2; exit 1; }
if $pack; then
  command -v node >/dev/null || { echo "build.sh: node is not on PATH (tfx-cli, which packs the .vsix, needs Node.js 20 or later)" >&2; exit 1; }
fi

# Each runtime id restores and compiles in its own intermediate folder (obj/build/<rid>, ignored by git)
# instead of src/AkvTask/obj, so one platform's restore never rewrites another's assets file, and a
# `dotnet build` or `dotnet test` running in the source tree at the same time is not disturbed.
# The publish goes to a fresh staging folder; its files then replace those in task/bin/<rid> one by one
# with rename(2), so a test running the binary meanwhile never finds it missing, and files the new
# publish no longer has are removed. A compile error leaves the previous binary in place.
sizes=()
for rid in "${rids[@]}"; do
  out="task/bin/$rid"
  staging="obj/build/$rid/out"
  echo "==> Publishing $rid into $out/"
  rm -rf "$staging"
  # Native AOT for glibc Linux, linked by the pinned zig (build/zig); the other platforms are single-file.
  [[ $rid != linux-x64 && $rid != linux-arm64 ]] || build/zig/install.sh
  dotnet publish src/AkvTask/AkvTask.csproj -c Release -r "$rid" -o "$staging" \
    --artifacts-path "obj/build/$rid" --nologo
  mkdir -p "$out"
  published=()
  for file in "$staging"/*; do
    [[ -f $file ]] || { echo "build.sh: unexpected folder $file in the publish output" >&2; exit 1; }
    published+=("$(basename "$file")")
    mv -f "$file" "$out/"
  done
  for file in "$out"/*; do
    [[ " ${published[*]} " == *" $(basename "$file") "* ]] || rm -rf "$file"
  done
  rm -rf "$staging"
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

if $pack; then
  echo
  args=()
  for rid in "${rids[@]}"; do args+=(--rid "$rid"); done
  [[ -z $publisher ]] || args+=(--publisher "$publisher")
  node build/pack-extension.js "${args[@]}"
fi
