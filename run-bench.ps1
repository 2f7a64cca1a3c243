#!/usr/bin/env pwsh

<#
.SYNOPSIS
    ReplicaBench's one entry point: microbenchmarks, a load matrix across replica topologies and
    routing policies, and a plotted report - on throwaway local PostgreSQL topologies.

.DESCRIPTION
    With no arguments: builds the tools (Release), runs the microbenchmarks (quick job) against a
    local primary with -Replicas streaming replicas, runs the default load matrix (scenario
    read-heavy on 0..-Replicas replicas x primary-only, round-robin, read-your-writes), renders the
    report and prints the path of its index.html. Every topology it starts is taken down again,
    also when a step fails or on Ctrl+C. With -Baseline it then compares this run with an earlier
    one and exits 1 on a regression (the nightly check).

    Needs only the .NET SDK and PostgreSQL server binaries (PG_BIN, PATH, or /usr/lib/postgresql/*/bin).
    Run from the repository root:  dotnet tool restore && dotnet pwsh ./run-bench.ps1

    Exit codes: 0 done, 1 a step failed or a regression/threshold breach, 2 bad input. The load
    step's arguments are checked ('replicabench load --check') before anything is measured.

.PARAMETER Suite
    'all' (default: micro + load + report), 'micro' (BenchmarkDotNet: pooled vs unpooled
    connections, routing cost; then the routing-overhead step, CPU per routed read vs a plain data
    source, into micro/routing-overhead.json, selected by -Filter like a benchmark named
    ReplicaBench.Benchmarks.Routing.RoutingOverhead), 'load' (the load matrix), 'topology' (bring a topology up, show its
    replication status, take it down), 'faults' (the fault scenarios, see below; not part of 'all').

    'faults' runs three load runs on local -Replicas-replica topologies it provisions itself, each
    with its own report under -Out: replica-kill (replica1 killed a third into each cell, restarted
    at two thirds), replay-pause (replay on replica1 paused a third in, resumed at two thirds) and
    failover (replica1 promoted a third in; every cell gets a fresh topology). Policies:
    round-robin,bounded-staleness:100ms unless -Policy is given. Each cell's results.json has a
    'faults' array (error window, recovery, redirected reads, write unavailability); the reports
    mark the faults on the timelines and list them in a table. Local only: it kills and promotes
    servers, so -Topology containers|external and -StateDir are refused.

.PARAMETER Quick
    Short everything: a short BenchmarkDotNet job and 5 s load cells on 0 and -Replicas replicas.
    The whole run takes about 5 minutes on 2 cores. With -Suite faults: 12 s cells (faults at 4 s
    and 8 s), about 3 minutes.

.PARAMETER Filter
    BenchmarkDotNet glob filter for the micro suite, e.g. '*Connection*'. One that matches nothing is an error.

.PARAMETER Out
    Run folder for results and the report. Default: reports/<yyyyMMdd-HHmmss> under the repository.

.PARAMETER Replicas
    Most replicas in the load matrix (the matrix runs 0..Replicas; -Quick runs 0 and Replicas), and
    the replicas of the microbenchmark topology. 0 to 8, default 2.

.PARAMETER Duration
    Measured time per load cell, e.g. 30s (default 30s; 5s with -Quick; whole seconds, at least 3s,
    with -Suite faults).

.PARAMETER Scenario
    Load scenario: point-read, read-heavy (default), balanced, write-heavy.

.PARAMETER Mix
    Your own operation mix instead of -Scenario: whole percentages per operation (point-read,
    range-read, insert, update; left out = 0) that add up to 100, e.g. 'point-read=90,update=10'.
    The run is recorded as scenario 'custom' with its mix (compare refuses runs of different mixes).
    Cannot be combined with -Scenario. A bad mix (not adding up to 100, an unknown operation, ...)
    ends the run with exit 2 when the load step starts, before it starts any server.

.PARAMETER Policy
    Comma-separated routing policies for the load matrix. Default: primary-only,round-robin,read-your-writes.

.PARAMETER ApplyDelay
    recovery_min_apply_delay to emulate a lagging replica: '100ms' for every replica, 'replica2=100ms' for one.

.PARAMETER NodeCpus
    Emulated node size: each server's CPU quota, '0.3' for every node or 'primary=0.6,replicas=0.2'
    (replicabench --node-cpus), for the load, faults and topology suites' topologies (not the
    microbenchmarks'). Local servers need root and a writable cgroup; refused for external.
    Default on the local provider for the load and faults suites: 'auto', the machine's cores less one
    for the load generator shared equally by the largest topology's nodes (0.3 CPU each on 2 cores
    with primary + 2 replicas), so that adding replicas adds capacity as separate hosts would; where
    this machine cannot emulate (not root, no writable cgroup) the run says so and goes on without.
    'none' runs without emulation.

.PARAMETER RunFile
    A JSON run file for the load step (replicabench load --run-file): every load setting, with the
    keys and value shapes of results.json's run.settings, so a run's own run.settings repeats it.
    Only the parameters given on this command line (-Scenario, -Mix, -Policy, -Duration, -Replicas,
    -StateDir, -ApplyDelay, -NodeCpus) override the file; the others' defaults do not apply.

.PARAMETER Baseline
    A previous run folder: compare this run with it (replicabench compare) and exit 1 on a regression.

.PARAMETER Topology
    Where the servers come from: 'local' (default; $env:REPLICABENCH_PROVIDER overrides),
    'containers' (Docker, one primary + -Replicas replicas) or 'external' (existing endpoints such as
    AWS RDS, configured by REPLICABENCH_* variables - see docs/external.md). For containers and
    external the script brings one topology up with 'replicabench topology up --provider ...', runs
    every suite on it (the load matrix then varies the policies only) and takes it down (for
    external: forgets it) at the end.

    Against external endpoints without writes allowed (no --allow-writes, REPLICABENCH_ALLOW_WRITES
    unset: the nightly default, for a read-only role with pg_read_all_data and pg_monitor), the run
    writes nothing: it reads the table 'replicabench external prepare --allow-writes' made once,
    defaults to -Scenario point-read and -Policy primary-only,round-robin, runs only the connection
    microbenchmarks, measures the servers' replay lag, and prints what it skipped.

.PARAMETER StateDir
    Use the topology already up in this state dir instead of starting one.

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Quick

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Suite load -Scenario balanced -Policy round-robin,bounded-staleness:50ms -Duration 60s

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Suite load -Mix 'point-read=90,update=10' -Policy round-robin -Quick

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Baseline reports/last-night -Out reports/tonight

.EXAMPLE
    dotnet pwsh ./run-bench.ps1 -Suite faults -Quick
#>
[CmdletBinding()]
param(
    [ValidateSet('all', 'micro', 'load', 'topology', 'faults')]
    [string] $Suite = 'all',
    [switch] $Quick,
    [string] $Filter,
    [string] $Out,
    [ValidateRange(0, 8)]
    [int] $Replicas = 2,
    [string] $Duration,
    [ValidateSet('point-read', 'read-heavy', 'balanced', 'write-heavy')]
    [string] $Scenario = 'read-heavy',
    [string] $Mix,
    [string] $Policy = 'primary-only,round-robin,read-your-writes',
    [string] $ApplyDelay,
    [string] $Baseline,
    [ValidateSet('local', 'containers', 'external')]
    [string] $Topology = $(if ($env:REPLICABENCH_PROVIDER) { $env:REPLICABENCH_PROVIDER } else { 'local' }),
    [string] $StateDir,
    # Last, so the positions of the parameters before it stay as they were.
    [string] $NodeCpus,
    [string] $RunFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Emulated nodes by default on the local provider (see -NodeCpus); 'none' opts out.
if (-not $PSBoundParameters.ContainsKey('NodeCpus') -and $Topology -eq 'local' -and -not $StateDir -and -not ($RunFile -and $Suite -in 'all', 'load') -and $Suite -in 'all', 'load', 'faults') { $NodeCpus = 'auto' }
if ($NodeCpus -eq 'none') { $NodeCpus = '' }
Set-Location -LiteralPath $PSScriptRoot

$cli = Join-Path $PSScriptRoot 'tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll'
$bench = Join-Path $PSScriptRoot 'bench/ReplicaBench.Benchmarks/bin/Release/net10.0/ReplicaBench.Benchmarks.dll'
if (-not $Out) { $Out = Join-Path $PSScriptRoot ('reports/' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss')) }
$Out = [System.IO.Path]::GetFullPath($Out)
if ($StateDir) { $StateDir = [System.IO.Path]::GetFullPath($StateDir) }
if ($Mix -and $PSBoundParameters.ContainsKey('Scenario')) {
    Write-Host "run-bench: -Scenario $Scenario and -Mix both set the operation mix; drop -Scenario (a -Mix run is recorded as scenario 'custom'), or drop -Mix." -ForegroundColor Red
    exit 2
}
if ($PSBoundParameters.ContainsKey('Mix') -and -not $Mix) {
    Write-Host "run-bench: -Mix is empty; give percentages that add up to 100, e.g. -Mix 'point-read=90,update=10'." -ForegroundColor Red
    exit 2
}
if ($Baseline -and -not (Test-Path -LiteralPath $Baseline)) {
    Write-Host "run-bench: -Baseline $Baseline does not exist; pass the folder of an earlier run." -ForegroundColor Red
    exit 2
}

if ($Suite -eq 'faults') {
    $faultProblem = if ($Topology -ne 'local' -or $StateDir) { '-Suite faults kills and promotes servers, so it runs only on local topologies it provisions itself; drop -Topology and -StateDir.' }
        elseif ($Replicas -lt 1) { '-Suite faults needs at least one replica; give -Replicas 1 or more (default 2).' }
        elseif ($Duration -and $Duration -notmatch '^\d+s$') { "-Duration ${Duration}: -Suite faults needs whole seconds, e.g. -Duration 30s." }
        elseif ($Duration -and [int]$Duration.TrimEnd('s') -lt 3) { "-Duration $Duration is too short for -Suite faults; give 3s or more." }
    if ($faultProblem) {
        Write-Host "run-bench: $faultProblem" -ForegroundColor Red
        exit 2
    }
}

function Invoke-Step([string] $Title, [scriptblock] $Body) {
    Write-Host "==> $Title"
    & $Body
    if ($LASTEXITCODE -ne 0) { throw [System.Management.Automation.RuntimeException]::new("$Title failed (exit $LASTEXITCODE)") }
}

$exitCode = 0
$stepExit = 0
$sharedStarted = $false
try {
    Invoke-Step 'Building (Release)' {
        & dotnet build tools/ReplicaBench.Cli/ReplicaBench.Cli.csproj -c Release --nologo -v quiet | Out-Host
        if ($LASTEXITCODE -eq 0 -and $Suite -in 'all', 'micro') {
            & dotnet build bench/ReplicaBench.Benchmarks/ReplicaBench.Benchmarks.csproj -c Release --nologo -v quiet | Out-Host
        }
    }

    if ($Topology -ne 'local' -and -not $StateDir -and $Suite -ne 'topology') {
        # One containers/external topology for every suite of the run.
        $StateDir = Join-Path ([System.IO.Path]::GetTempPath()) ('replicabench-run-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $upArgs = @('topology', 'up', '--provider', $Topology, '--replicas', $Replicas, '--state-dir', $StateDir)
        if ($ApplyDelay -and $Topology -eq 'containers') { $upArgs += @('--apply-delay', $ApplyDelay) }
        if ($NodeCpus) { $upArgs += @('--node-cpus', $NodeCpus) }
        Invoke-Step "Bringing up the $Topology topology" { & dotnet $cli @upArgs }
        $sharedStarted = $true
        Invoke-Step 'Replication status' { & dotnet $cli topology status --state-dir $StateDir }
    }

    # An external topology brought up without --allow-writes (the nightly default, with a read-only
    # role) gets a run that writes nothing: reads of the table 'replicabench external prepare' left.
    $readOnly = $false
    if ($Topology -eq 'external' -and $StateDir -and $Suite -ne 'topology') {
        $readOnly = -not (Get-Content -Raw -LiteralPath (Join-Path $StateDir 'topology.json') | ConvertFrom-Json).writesAllowed
    }
    if ($readOnly) {
        $skipped = @('seeding (the run reads replicabench.items as ''replicabench external prepare --allow-writes'' left it)',
            'the visibility probe and client-observed staleness (they need writes; the servers'' own replay lag is measured)')
        if (-not $Mix -and -not $RunFile -and -not $PSBoundParameters.ContainsKey('Scenario')) {
            $Scenario = 'point-read'
            $skipped += 'writes in the mix (scenario point-read)'
        }
        if (-not $PSBoundParameters.ContainsKey('Policy')) {
            $Policy = 'primary-only,round-robin'
            $skipped += 'the read-your-writes policy (without writes it routes as round-robin does)'
        }
        if ($Suite -in 'all', 'micro' -and -not $Filter) {
            $Filter = '*Connection*'
            $skipped += 'the routing microbenchmarks and the routing-overhead step (they seed a table of their own)'
        }
        Write-Host "==> Read-only run: the external topology allows no writes (no --allow-writes). Skipped: $($skipped -join '; ')."
    }

    if ($Suite -eq 'topology') {
        $state = if ($StateDir) { $StateDir } else { Join-Path ([System.IO.Path]::GetTempPath()) ('replicabench-run-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
        $started = $false
        try {
            if (-not $StateDir) {
                $upArgs = @('topology', 'up', '--provider', $Topology, '--replicas', $Replicas, '--state-dir', $state)
                if ($ApplyDelay) { $upArgs += @('--apply-delay', $ApplyDelay) }
                if ($NodeCpus) { $upArgs += @('--node-cpus', $NodeCpus) }
                Invoke-Step "Bringing up a $Topology topology: primary + $Replicas replica(s)" { & dotnet $cli @upArgs }
                $started = $true
            }
            Invoke-Step 'Replication status' { & dotnet $cli topology status --state-dir $state }
        }
        finally {
            if ($started) { Write-Host '==> Taking the topology down'; & dotnet $cli topology down --state-dir $state }
            if (-not $StateDir -and (Test-Path -LiteralPath $state)) { Remove-Item -LiteralPath $state -Recurse -Force }
        }
        exit 0
    }

    if ($Suite -eq 'faults') {
        $seconds = if ($Duration) { [int]$Duration.TrimEnd('s') } elseif ($Quick) { 12 } else { 30 }
        $first = [int][Math]::Floor($seconds / 3)
        $second = [int][Math]::Floor(2 * $seconds / 3)
        $warmup = if ($Quick) { '2s' } else { '5s' }
        $faultPolicies = if ($PSBoundParameters.ContainsKey('Policy')) { $Policy } else { 'round-robin,bounded-staleness:100ms' }
        $scenarios = [ordered]@{
            'replica-kill' = "replica-kill@${first}s,replica-restart@${second}s"
            'replay-pause' = "replay-pause@${first}s,replay-resume@${second}s"
            'failover'     = "failover@${first}s"
        }
        $reports = @()
        foreach ($name in $scenarios.Keys) {
            $runDir = Join-Path $Out $name
            $workload = if ($Mix) { @('--mix', $Mix) } else { @('--scenario', $Scenario) }
            $loadArgs = @('load') + $workload + @('--replicas', $Replicas, '--policy', $faultPolicies, '--duration', "${seconds}s",
                '--warmup', $warmup, '--fault', $scenarios[$name], '--out', $runDir, '--force')
            if ($ApplyDelay) { $loadArgs += @('--apply-delay', $ApplyDelay) }
            if ($NodeCpus) { $loadArgs += @('--node-cpus', $NodeCpus) }
            Write-Host "==> Fault scenario ${name}: --fault $($scenarios[$name]) on $Replicas replica(s) x $faultPolicies, ${seconds}s per cell"
            & dotnet $cli @loadArgs
            if ($LASTEXITCODE -eq 1) { $stepExit = 1 }
            elseif ($LASTEXITCODE -ne 0) { throw "fault scenario $name failed (exit $LASTEXITCODE)" }
            Invoke-Step "Rendering the $name report" { & dotnet $cli report $runDir }
            $reports += Join-Path $runDir 'report/index.html'
        }
        foreach ($report in $reports) { Write-Host "Report: $report" }
        exit $stepExit
    }

    if ($Suite -in 'all', 'load') {
        $cellDuration = if ($Duration) { $Duration } elseif ($Quick) { '5s' } else { '30s' }
        # Every cell opens fresh connections, so fresh server backends: on this 2-core machine both
        # the engine and pgbench take about 3 s to reach their steady rate (pgbench -S -c 16 -P 1:
        # 3.6k, 16k, 23k, 27k, 29k tps), so the warm-up must cover that, or the first seconds of
        # every cell drag its throughput down.
        $warmup = if ($Quick) { '3s' } else { '5s' }
        $matrix = if ($Quick) { (@(0, $Replicas) | Select-Object -Unique) -join ',' } else { (0..$Replicas) -join ',' }
        if ($RunFile) {
            # The run file says what to run; only the parameters given on this command line override it.
            $loadArgs = @('load', '--run-file', $RunFile, '--out', $Out, '--force')
            if ($PSBoundParameters.ContainsKey('Scenario')) { $loadArgs += @('--scenario', $Scenario) }
            if ($Mix) { $loadArgs += @('--mix', $Mix) }
            if ($PSBoundParameters.ContainsKey('Policy')) { $loadArgs += @('--policy', $Policy) }
            if ($PSBoundParameters.ContainsKey('Duration')) { $loadArgs += @('--duration', $cellDuration) }
            if ($PSBoundParameters.ContainsKey('Replicas')) { $loadArgs += @('--replicas', $matrix) }
            if ($StateDir) { $loadArgs += @('--state-dir', $StateDir) }
            if ($ApplyDelay) { $loadArgs += @('--apply-delay', $ApplyDelay) }
            if ($PSBoundParameters.ContainsKey('NodeCpus') -and $NodeCpus -and -not $StateDir) { $loadArgs += @('--node-cpus', $NodeCpus) }
        }
        else {
            $workload = if ($Mix) { @('--mix', $Mix) } else { @('--scenario', $Scenario) }
            $loadArgs = @('load') + $workload + @('--policy', $Policy, '--duration', $cellDuration, '--warmup', $warmup, '--out', $Out, '--force')
            if ($StateDir) { $loadArgs += @('--state-dir', $StateDir) } else { $loadArgs += @('--replicas', $matrix) }
            if ($ApplyDelay) { $loadArgs += @('--apply-delay', $ApplyDelay) }
            # The shared containers/external topology already has its budget from 'topology up'.
            if ($NodeCpus -and -not $StateDir) { $loadArgs += @('--node-cpus', $NodeCpus) }
        }
        # Bad -Mix, -Policy, -ApplyDelay or -NodeCpus is refused now (one line, exit 2), not after the microbenchmarks ran.
        & dotnet $cli @loadArgs --check | Out-Null
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }

    if ($Suite -in 'all', 'micro') {
        $benchArgs = @('--out', $Out)
        if ($Quick -or $Suite -eq 'all') { $benchArgs += '--quick' }
        if ($Filter) { $benchArgs += @('--filter', $Filter) }
        # The bench program uses the topology in this state dir, or brings a local one up for the run.
        if ($StateDir) { $env:REPLICABENCH_STATE_DIR = $StateDir }
        else { $env:REPLICABENCH_STATE_DIR = Join-Path ([System.IO.Path]::GetTempPath()) ('replicabench-none-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
        Invoke-Step "Microbenchmarks -> $Out/micro" { & dotnet $bench @benchArgs }
    }

    if ($Suite -in 'all', 'load') {
        $where = if ($StateDir) { "the topology in $StateDir" } else { "replicas $matrix" }
        Write-Host "==> Load matrix: $(if ($RunFile) { "as run file $RunFile says" } elseif ($Mix) { "mix $Mix on $where x $Policy, $cellDuration per cell" } else { "$Scenario on $where x $Policy, $cellDuration per cell" })"
        & dotnet $cli @loadArgs
        # 1 = a threshold was breached: the results are complete, so the report still renders.
        if ($LASTEXITCODE -eq 1) { $stepExit = 1 }
        elseif ($LASTEXITCODE -ne 0) { throw "load matrix failed (exit $LASTEXITCODE)" }
    }

    Invoke-Step 'Rendering the report' { & dotnet $cli report $Out }
    Write-Host "Report: $(Join-Path $Out 'report/index.html')"

    if ($Baseline) {
        Write-Host "==> Comparing with the baseline $Baseline"
        & dotnet $cli compare $Baseline $Out --min-change 5% --out (Join-Path $Out 'report/compare.md')
        if ($LASTEXITCODE -ne 0) { $stepExit = $LASTEXITCODE }
    }
    $exitCode = $stepExit
}
catch {
    Write-Host "run-bench: $($_.Exception.Message)" -ForegroundColor Red
    $exitCode = if ($LASTEXITCODE -eq 2) { 2 } else { 1 }
}
finally {
    if ($sharedStarted) {
        Write-Host "==> Taking the $Topology topology down"
        & dotnet $cli topology down --state-dir $StateDir
        Remove-Item -LiteralPath $StateDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}
exit $exitCode
