#!/usr/bin/env bash
# What read replicas buy on emulated nodes: read-only point reads on a primary alone vs round-robin
# over two replicas, every server held to the same CPU quota (--node-cpus), the load generator
# outside those quotas. A figures script, not a test: it alternates the two topologies round by
# round and prints each round's ratio and the median, with the CPU figures that say whether the
# nodes (and not the generator) were the limit.
#
#   loadtests/emulated-scaling.sh [--node-cpus 0.3] [--vus 16] [--duration 10s] [--warmup 3s] [--rounds 3]
#
# Needs root (a cgroup per server), jq, and the PostgreSQL server binaries. Linear scaling would be
# 2.0x; the target is 1.8x or more.
set -euo pipefail

node_cpus=0.3 vus=16 duration=10s warmup=3s rounds=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --node-cpus) node_cpus="$2"; shift 2 ;;
    --vus) vus="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "emulated-scaling: unknown option '$1'; use --node-cpus, --vus, --duration, --warmup or --rounds." >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "emulated-scaling: 'jq' is not on PATH; install it (apt-get install jq)." >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/rb-scaling-XXXXXX)"
cli=(dotnet "$root/tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll")
cleanup() {
  for t in r0 r2; do "${cli[@]}" topology down --state-dir "$work/$t" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/tools/ReplicaBench.Cli" -c Release -v quiet -nologo >/dev/null
# Both topologies stay up for the whole script (an idle server costs next to nothing), so every
# round measures the same servers and only the load moves between them.
"${cli[@]}" topology up --replicas 0 --node-cpus "$node_cpus" --state-dir "$work/r0" >/dev/null
"${cli[@]}" topology up --replicas 2 --node-cpus "$node_cpus" --state-dir "$work/r2" >/dev/null

run() { # $1 = topology (r0|r2), $2 = policy, $3 = round; prints "ops/s generator-cores nodes-summary"
  local out="$work/$1-round$3"
  "${cli[@]}" load --scenario point-read --policy "$2" --vus "$vus" --duration "$duration" --warmup "$warmup" \
    --seed-rows 100000 --visibility-probe off --state-dir "$work/$1" --out "$out" --force >/dev/null
  jq -r '.cells[0] | "\(.throughput) \(.generator.coresUsed) \(.generator.cpuMicrosPerOperation) \([.nodes[] | select(.quotaUsed != null and (.reads + .writes) > 0) | "\(.name) \(.quotaUsed * 100 | round)% \(.cpuMicrosPerOperation | round)us/op"] | join(", "))"' "$out/results.json"
}

echo "machine: $(nproc) cores, $(uname -sr); every node ${node_cpus} CPU; point-read, ${vus} virtual users, ${duration} after ${warmup} of warm-up, ${rounds} alternating round(s)"
ratios=()
for ((r = 1; r <= rounds; r++)); do
  read -r one one_gen one_us one_nodes < <(run r0 primary-only "$r")
  read -r two two_gen two_us two_nodes < <(run r2 round-robin "$r")
  ratio=$(jq -n "$two / $one")
  ratios+=("$ratio")
  printf '  round %d: primary alone %7.0f ops/s (generator %.2f cores, %.1f us/op; nodes: %s)   2 replicas %7.0f ops/s (generator %.2f cores, %.1f us/op; nodes: %s)   ratio %.2f\n' \
    "$r" "$one" "$one_gen" "$one_us" "$one_nodes" "$two" "$two_gen" "$two_us" "$two_nodes" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
printf 'median ratio, 2 replicas (round-robin) / primary alone: %.2f (linear: 2.00; target >= 1.80)\n' "$median"
