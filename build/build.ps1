<#
.SYNOPSIS
Publishes the task's program and packs the extension: build/build.sh for Windows (and any PowerShell).

.DESCRIPTION
Publishes src/AkvTask as a self-contained, trimmed binary (Native AOT for linux-x64 and linux-arm64, which only
a Linux x64 machine can link; single-file elsewhere) into task/bin/<rid>/ for each of
win-x64 linux-x64 linux-arm64 linux-musl-x64 osx-x64 osx-arm64 (or the ones given with -Rid), then packs
out/<publisher>.keyvault-secrets-<version>.vsix with exactly those platforms, using the tfx-cli pinned in
build/package-lock.json (build/pack-extension.js installs it with npm ci). The version is <Version> in
Directory.Build.props; it is stamped into the packaged task.json and vss-extension.json.

.PARAMETER Rid
Publish (and pack) these runtime ids only.

.PARAMETER NoPack
Publish only, no .vsix.

.PARAMETER Publisher
Marketplace publisher id to pack for (default: the "publisher" in vss-extension.json, a placeholder).

.EXAMPLE
build/build.ps1 -Publisher contoso
.EXAMPLE
build/build.ps1 -Rid win-x64 -NoPack
#>
[CmdletBinding()]
param(
    [string[]] $Rid,
    [switch] $NoPack,
    [string] $Publisher
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$AllRids = @('win-x64', 'linux-x64', 'linux-arm64', 'linux-musl-x64', 'osx-x64', 'osx-arm64')

$rids = @()
foreach ($r in @($Rid | Where-Object { $_ })) {
    if ($AllRids -notcontains $r) {
        Write-Error "build.ps1: unknown runtime id '$r' (one of: $($AllRids -join ' '))"
    }
    if ($rids -notcontains $r) { $rids += $r }
}
if ($rids.Count -eq 0) { $rids = $AllRids }
if ($PSBoundParameters.ContainsKey('Publisher') -and -not $Publisher) {
    Write-Error 'build.ps1: -Publisher needs a value'
}

Set-Location (Split-Path -Parent $PSScriptRoot)
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'build.ps1: dotnet is not on PATH (the .NET 10 SDK is needed)'
}
if (-not $NoPack -and -not (Get-Command node -ErrorAction SilentlyContinue)) {
    Write-Error 'build.ps1: node is not on PATH (tfx-cli, which packs the .vsix, needs Node.js 20 or later)'
}

# As in build.sh: each runtime id restores and compiles in obj/build/<rid>; the publish goes to a staging
# folder whose files then replace those in task/bin/<rid> one by one, and files it no longer has are removed.
$sizes = @()
foreach ($r in $rids) {
    $out = Join-Path 'task/bin' $r
    $staging = "obj/build/$r/out"
    Write-Host "==> Publishing $r into $out/"
    if (Test-Path $staging) { Remove-Item -Recurse -Force $staging }
    # Native AOT for glibc Linux, linked by the pinned zig (build/zig), which runs on Linux x64 only.
    if ($r -in @('linux-x64', 'linux-arm64')) {
        if (-not ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64')) {
            throw "build.ps1: $r is Native AOT, linked by zig on a Linux x64 machine: build it there (build/build.sh or build.ps1 under pwsh)"
        }
        & bash build/zig/install.sh
        if ($LASTEXITCODE -ne 0) { throw "build.ps1: installing zig failed (exit $LASTEXITCODE)" }
    }
    & dotnet publish src/AkvTask/AkvTask.csproj -c Release -r $r -o $staging --artifacts-path "obj/build/$r" --nologo
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: dotnet publish failed for $r (exit $LASTEXITCODE)" }

    New-Item -ItemType Directory -Force -Path $out | Out-Null
    $published = @()
    foreach ($file in Get-ChildItem -Force $staging) {
        if ($file.PSIsContainer) { throw "build.ps1: unexpected folder $($file.FullName) in the publish output" }
        $published += $file.Name
        Move-Item -Force -LiteralPath $file.FullName -Destination (Join-Path $out $file.Name)
    }
    foreach ($file in Get-ChildItem -Force $out) {
        if ($published -notcontains $file.Name) { Remove-Item -Recurse -Force -LiteralPath $file.FullName }
    }
    Remove-Item -Recurse -Force $staging

    $binary = Join-Path $out $(if ($r -like 'win-*') { 'AkvTask.exe' } else { 'AkvTask' })
    if (-not (Test-Path -PathType Leaf $binary)) { throw "build.ps1: $binary was not produced" }
    $bytes = (Get-Item $binary).Length
    $line = [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0,-15} {1,10} bytes {2,6:0.0} MiB  {3}', $r, $bytes, ($bytes / 1MB), $binary)
    Write-Host "    $line"
    $sizes += $line
}

Write-Host ''
Write-Host 'Binaries:'
foreach ($line in $sizes) { Write-Host "  $line" }

if (-not $NoPack) {
    Write-Host ''
    $packArgs = @()
    foreach ($r in $rids) { $packArgs += @('--rid', $r) }
    if ($Publisher) { $packArgs += @('--publisher', $Publisher) }
    & node build/pack-extension.js @packArgs
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: packing failed (exit $LASTEXITCODE)" }
}
