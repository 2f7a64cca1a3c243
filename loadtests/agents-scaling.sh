#!/usr/bin/env bash
# What a second load-generator process adds: the same closed-model cell run as 1 agent and as 2
# agents (load --agents N, local processes merged into one run), on one emulated topology, in
# alternating rounds (the machine's other load shows in both), printing per run the merged
# throughput, p99 and the generator's CPU (µs per operation, and cores used: the agents' sum),
# then the median of each. A figures script, not a test.
#
#   loadtests/agents-scaling.sh [--duration 10s] [--rounds 3] [--vus 16] [--node-cpus 0.4] [--cli DLL]
#
# The topology is 'topology up --replicas 2 --node-cpus C' (each server under a CPU quota of C, so
# the servers cannot take the whole machine); scenario point-read, round-robin, 100,000 rows,
# 2 s warm-up. Needs jq.
set -euo pipefail

duration=10s rounds=3 vus=16 node_cpus=0.4 cli_dll=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --vus) vus="$2"; shift 2 ;;
    --node-cpus) node_cpus="$2"; shift 2 ;;
    --cli) cli_dll="$2"; shift 2 ;;
    *) echo "agents-scaling: unknown option '$1'; use --duration, --rounds, --vus, --node-cpus or --cli." >&2; exit 2 ;;
  esac
done
for tool in jq dotnet; do
  command -v "$tool" >/dev/null || { echo "agents-scaling: '$tool' is not on PATH; install it." >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/rb-agents-scaling-XXXXXX)"
cli=(dotnet "${cli_dll:-$root/tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll}")

cleanup() {
  "${cli[@]}" topology down --state-dir "$work/topology" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[[ -n $cli_dll ]] || dotnet build "$root/tools/ReplicaBench.Cli" -c Release -v quiet -nologo >/dev/null
"${cli[@]}" topology up --replicas 2 --node-cpus "$node_cpus" --state-dir "$work/topology" >/dev/null

run() { # $1 = agents, $2 = round; prints one line: agents round ops/s p99 µs/op cores
  local out="$work/agents$1-round$2"
  "${cli[@]}" load --scenario point-read --policy round-robin --replicas 2 --vus "$vus" --duration "$duration" --warmup 2s \
    --seed-rows 100000 --state-dir "$work/topology" --agents "$1" --out "$out" >/dev/null
  jq -r --arg a "$1" --arg r "$2" '.cells[0] | [$a, $r, (.throughput | floor), .latencyMs.p99, (.generator.cpuMicrosPerOperation * 10 | round / 10), (.generator.coresUsed * 100 | round / 100)] | @tsv' "$out/results.json"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf 'agents\tround\tops/s\tp99 ms\tgen µs/op\tgen cores\n'
: >"$work/rows"
for ((round = 1; round <= rounds; round++)); do
  for agents in 1 2; do
    run "$agents" "$round" | tee -a "$work/rows"
  done
done
echo "medians of $rounds rounds (node CPU quota $node_cpus each, $vus VUs, $duration):"
for agents in 1 2; do
  printf '%s agent(s): %s ops/s, p99 %s ms, generator %s µs/op, %s cores\n' "$agents" \
    "$(awk -v a="$agents" '$1 == a { print $3 }' "$work/rows" | median)" \
    "$(awk -v a="$agents" '$1 == a { print $4 }' "$work/rows" | median)" \
    "$(awk -v a="$agents" '$1 == a { print $5 }' "$work/rows" | median)" \
    "$(awk -v a="$agents" '$1 == a { print $6 }' "$work/rows" | median)"
done
