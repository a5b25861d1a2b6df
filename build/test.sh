#!/usr/bin/env bash
# Installs the Debian packages the tests need when missing, builds the task's binary for this machine (the
# end-to-end tests run it through task/run.js), then runs every test in AkvTask.sln. Extra arguments go to
# `dotnet test`, e.g. --filter Name~Proxy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source build/host-rid.sh

rid=$(host_rid)
if [[ $rid == linux-x64 ]]; then
  # The win-x64 package test runs that binary under Wine, the linux-arm64 one under qemu-user with Debian's arm64
  # C library and OpenSSL; the glibc floor tests read the Linux binaries' version needs with readelf.
  build/apt-install.sh wine wine64 binutils qemu-user libc6:arm64 libssl3:arm64
fi
# PowerShell, for the test that runs build/build.ps1: the .NET tool pinned in .config/dotnet-tools.json, checked
# against the SHA-512 of its package as published.
dotnet tool restore >/dev/null
pwsh_package="${NUGET_PACKAGES:-$HOME/.nuget/packages}/powershell/7.6.9/powershell.7.6.9.nupkg.sha512"
[[ $(cat "$pwsh_package") == SQMYQqUseEab3UWv+X03OSfG3oXisatt1E7PtHTbKoKzkKFk0eDnEEmt+1QXuXcjC0Ly9xSS7Zfo6CAyY5Tzcg== ]] \
  || { echo "test.sh: the PowerShell tool package does not have the pinned SHA-512 ($pwsh_package)" >&2; exit 1; }
build/build.sh --rid "$rid" --no-pack
dotnet test AkvTask.sln "$@"
