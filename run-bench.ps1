#!/usr/bin/env pwsh
<#
.SYNOPSIS
    ReplicaBench's one entry point: bring up a PostgreSQL primary with streaming replicas, measure, tear down.

.DESCRIPTION
    Builds the tools (Release), brings up one throwaway local topology (a primary and -Replicas
    asynchronous streaming replicas from this machine's PostgreSQL binaries, on loopback) or uses
    the one already up in -StateDir, prints each node's replication status and lag, runs the chosen
    suite against it, and takes the topology down again - also when a step fails or on Ctrl+C.
    Results land in -Out (default reports/<yyyyMMdd-HHmmss>).

    Needs only the .NET SDK and PostgreSQL server binaries (PG_BIN, PATH, or /usr/lib/postgresql/*/bin).
    Run from the repository root:  dotnet tool restore && dotnet pwsh ./run-bench.ps1

.PARAMETER Suite
    What to run: 'all' (default: every suite below), 'micro' (BenchmarkDotNet microbenchmarks:
    pooled vs unpooled connections, routing cost), 'topology' (bring up, show status, take down).

.PARAMETER Quick
    Short BenchmarkDotNet job (1 launch, 3 warm-up, 5 measured iterations): the micro suite in
    under 5 minutes on 2 cores.

.PARAMETER Filter
    BenchmarkDotNet glob filter for the micro suite, e.g. '*Connection*'. One that matches nothing
    is an error.

.PARAMETER Out
    Run folder for results. Default: reports/<yyyyMMdd-HHmmss> under the repository.

.PARAMETER Replicas
    Number of streaming replicas, 0 to 8. Default 2.

.PARAMETER ApplyDelay
    Optional recovery_min_apply_delay to emulate a lagging replica: '100ms' for every replica,
    'replica2=100ms' for one.

.PARAMETER StateDir
    Folder for topology.json. If a topology is already up there it is used and left running.
    Default: a fresh temporary folder, removed at the end.

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Suite micro -Quick

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Suite micro -Filter '*Connection*' -Out reports/conn-check
#>
[CmdletBinding()]
param(
    [ValidateSet('all', 'micro', 'topology')]
    [string] $Suite = 'all',
    [switch] $Quick,
    [string] $Filter,
    [string] $Out,
    [ValidateRange(0, 8)]
    [int] $Replicas = 2,
    [string] $ApplyDelay,
    [string] $StateDir
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location -LiteralPath $PSScriptRoot

function Build-Project([string] $Project) {
    & dotnet build $Project -c Release --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "build of $Project failed" }
}

$cli = Join-Path $PSScriptRoot 'tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll'
$bench = Join-Path $PSScriptRoot 'bench/ReplicaBench.Benchmarks/bin/Release/net10.0/ReplicaBench.Benchmarks.dll'
if (-not $Out) { $Out = Join-Path $PSScriptRoot ('reports/' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss')) }
$Out = [System.IO.Path]::GetFullPath($Out)

Write-Host '==> Building (Release)'
Build-Project 'tools/ReplicaBench.Cli/ReplicaBench.Cli.csproj'
if ($Suite -in 'all', 'micro') { Build-Project 'bench/ReplicaBench.Benchmarks/ReplicaBench.Benchmarks.csproj' }

$ownStateDir = -not $StateDir
if ($ownStateDir) {
    $StateDir = Join-Path ([System.IO.Path]::GetTempPath()) ('replicabench-run-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
}
$StateDir = [System.IO.Path]::GetFullPath($StateDir)
$reuse = Test-Path -LiteralPath (Join-Path $StateDir 'topology.json')

$weStarted = $false
$exitCode = 0
try {
    if ($reuse) {
        Write-Host "==> Using the topology already up in $StateDir"
    }
    else {
        Write-Host "==> Bringing up a local topology: primary + $Replicas replica(s)"
        $upArgs = @('topology', 'up', '--replicas', $Replicas, '--state-dir', $StateDir)
        if ($ApplyDelay) { $upArgs += @('--apply-delay', $ApplyDelay) }
        & dotnet $cli @upArgs
        if ($LASTEXITCODE -ne 0) { $exitCode = $LASTEXITCODE; return }
        $weStarted = $true
    }

    Write-Host '==> Replication status'
    & dotnet $cli topology status --state-dir $StateDir
    if ($LASTEXITCODE -ne 0) { $exitCode = $LASTEXITCODE; return }

    if ($Suite -in 'all', 'micro') {
        Write-Host "==> Microbenchmarks -> $Out/micro"
        $benchArgs = @('--out', $Out)
        if ($Quick) { $benchArgs += '--quick' }
        if ($Filter) { $benchArgs += @('--filter', $Filter) }
        # The benchmark processes find the topology through this variable.
        $env:REPLICABENCH_STATE_DIR = $StateDir
        & dotnet $bench @benchArgs
        if ($LASTEXITCODE -ne 0) { $exitCode = $LASTEXITCODE; return }
    }

    if ($Suite -ne 'topology') { Write-Host "==> Results: $Out" }
}
catch {
    Write-Host "run-bench: $($_.Exception.Message)" -ForegroundColor Red
    $exitCode = 1
}
finally {
    if ($weStarted) {
        Write-Host '==> Taking the topology down'
        & dotnet $cli topology down --state-dir $StateDir
    }
    if ($ownStateDir -and (Test-Path -LiteralPath $StateDir)) {
        Remove-Item -LiteralPath $StateDir -Recurse -Force
    }
}
exit $exitCode
