#!/usr/bin/env bash
# Installs Debian packages the tests need when any of them is missing: `apt-get update` runs only then, so a
# machine that has them all pays one dpkg-query. Packages named PACKAGE:ARCH get their architecture added first.
# Usage: build/apt-install.sh PACKAGE...
set -euo pipefail

missing=()
for package in "$@"; do
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) == installed ]] || missing+=("$package")
done
[[ ${#missing[@]} -gt 0 ]] || exit 0

command -v apt-get >/dev/null || { echo "apt-install.sh: ${missing[*]} missing and no apt-get here (Debian or Ubuntu needed)" >&2; exit 1; }
sudo=()
[[ $(id -u) == 0 ]] || sudo=(sudo)

for package in "${missing[@]}"; do
  if [[ $package == *:* ]]; then
    arch=${package#*:}
    [[ $arch == "$(dpkg --print-architecture)" ]] || dpkg --print-foreign-architectures | grep -qx "$arch" \
      || "${sudo[@]}" dpkg --add-architecture "$arch"
  fi
done

echo "==> Installing from Debian: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
