#!/usr/bin/env pwsh
<#
.SYNOPSIS
    ReplicaBench's one entry point: bring up a PostgreSQL primary with streaming replicas, measure, tear down.

.DESCRIPTION
    Builds the replicabench CLI (Release), brings up a throwaway local topology (a primary and
    -Replicas asynchronous streaming replicas from this machine's PostgreSQL binaries, on loopback),
    prints each node's replication status and lag, and takes the topology down again - also when
    the run fails or is interrupted with Ctrl+C.

    Needs only the .NET SDK and PostgreSQL server binaries (PG_BIN, PATH, or /usr/lib/postgresql/*/bin).
    Run from the repository root:  dotnet tool restore && dotnet pwsh ./run-bench.ps1

.PARAMETER Replicas
    Number of streaming replicas, 0 to 8. Default 2.

.PARAMETER ApplyDelay
    Optional recovery_min_apply_delay to emulate a lagging replica: '100ms' for every replica,
    'replica2=100ms' for one.

.PARAMETER StateDir
    Folder for topology.json. Default: a fresh temporary folder, removed at the end.

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Replicas 2 -ApplyDelay replica2=200ms
#>
[CmdletBinding()]
param(
    [ValidateRange(0, 8)]
    [int] $Replicas = 2,
    [string] $ApplyDelay,
    [string] $StateDir
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location -LiteralPath $PSScriptRoot

function Invoke-ReplicaBench {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet $script:Cli @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "replicabench $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

Write-Host '==> Building the replicabench CLI (Release)'
& dotnet build tools/ReplicaBench.Cli/ReplicaBench.Cli.csproj -c Release --nologo -v quiet
if ($LASTEXITCODE -ne 0) { exit 2 }
$script:Cli = Join-Path $PSScriptRoot 'tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll'

$ownStateDir = -not $StateDir
if ($ownStateDir) {
    $StateDir = Join-Path ([System.IO.Path]::GetTempPath()) ("replicabench-run-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
}

$upArgs = @('topology', 'up', '--replicas', $Replicas, '--state-dir', $StateDir)
if ($ApplyDelay) { $upArgs += @('--apply-delay', $ApplyDelay) }

$isUp = $false
$exitCode = 0
try {
    Write-Host "==> Bringing up a local topology: primary + $Replicas replica(s)"
    & dotnet $script:Cli @upArgs
    if ($LASTEXITCODE -ne 0) { $exitCode = $LASTEXITCODE; return }
    $isUp = $true

    Write-Host '==> Replication status'
    Invoke-ReplicaBench topology status --state-dir $StateDir
}
catch {
    Write-Host "run-bench: $($_.Exception.Message)" -ForegroundColor Red
    $exitCode = 1
}
finally {
    if ($isUp) {
        Write-Host '==> Taking the topology down'
        & dotnet $script:Cli topology down --state-dir $StateDir
    }
    if ($ownStateDir -and (Test-Path -LiteralPath $StateDir)) {
        Remove-Item -LiteralPath $StateDir -Recurse -Force
    }
}
exit $exitCode
