#!/usr/bin/env bash
# What read replicas buy on emulated nodes: read-only point reads on a primary alone vs two replicas,
# balanced per connection (session-round-robin) and read by read (round-robin), every server held to
# the same CPU quota (--node-cpus), the load generator outside those quotas. A figures script, not a
# test: it alternates the three runs round by round (the order reversed every other round, so a
# drift of the shared machine's speed falls on both sides), and prints each round's ratios and their
# medians, with the CPU figures that say whether the nodes (and not the generator) were the limit.
#
#   loadtests/emulated-scaling.sh [--node-cpus 0.3] [--vus 16] [--duration 10s] [--warmup 3s] [--rounds 3]
#
# Needs root (a cgroup per server), jq, and the PostgreSQL server binaries. Linear scaling would be
# 2.0x; the target is 1.8x or more for balancing per connection.
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

run() { # $1 = topology (r0|r2), $2 = policy, $3 = round; prints "ops/s generator-cores generator-us/op nodes-summary"
  local out="$work/$1-$2-round$3"
  "${cli[@]}" load --scenario point-read --policy "$2" --vus "$vus" --duration "$duration" --warmup "$warmup" \
    --seed-rows 100000 --visibility-probe off --state-dir "$work/$1" --out "$out" --force >/dev/null
  jq -r '.cells[0] | "\(.throughput) \(.generator.coresUsed) \(.generator.cpuMicrosPerOperation) \([.nodes[] | select(.quotaUsed != null and (.reads + .writes) > 0) | "\(.name) \(.quotaUsed * 100 | round)% \(.cpuMicrosPerOperation | round)us/op"] | join(", "))"' "$out/results.json"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "machine: $(nproc) cores, $(uname -sr); every node ${node_cpus} CPU; point-read, ${vus} virtual users, ${duration} after ${warmup} of warm-up, ${rounds} alternating round(s)"
runs=("r0 primary-only" "r2 session-round-robin" "r2 round-robin")
session_ratios=() read_ratios=()
for ((r = 1; r <= rounds; r++)); do
  order=(0 1 2); ((r % 2 == 0)) && order=(2 1 0)
  declare -A line=()
  for i in "${order[@]}"; do
    read -r topology policy <<<"${runs[$i]}"
    line[$i]="$(run "$topology" "$policy" "$r")"
  done
  read -r one one_gen one_us one_nodes <<<"${line[0]}"
  read -r ses ses_gen ses_us ses_nodes <<<"${line[1]}"
  read -r rr rr_gen rr_us rr_nodes <<<"${line[2]}"
  session_ratio=$(jq -n "$ses / $one") read_ratio=$(jq -n "$rr / $one")
  session_ratios+=("$session_ratio") read_ratios+=("$read_ratio")
  printf '  round %d: primary alone %6.0f ops/s (generator %.2f cores, %.1f us/op; %s)\n' "$r" "$one" "$one_gen" "$one_us" "$one_nodes"
  printf '           2 replicas, session-round-robin %6.0f ops/s (generator %.2f cores, %.1f us/op; %s)  ratio %.2f\n' "$ses" "$ses_gen" "$ses_us" "$ses_nodes" "$session_ratio"
  printf '           2 replicas, round-robin         %6.0f ops/s (generator %.2f cores, %.1f us/op; %s)  ratio %.2f\n' "$rr" "$rr_gen" "$rr_us" "$rr_nodes" "$read_ratio"
  unset line
done
printf 'median ratio to the primary alone, 2 replicas balanced per connection (session-round-robin): %.2f (linear: 2.00; target >= 1.80)\n' \
  "$(printf '%s\n' "${session_ratios[@]}" | median)"
printf 'median ratio to the primary alone, 2 replicas balanced per read (round-robin): %.2f\n' "$(printf '%s\n' "${read_ratios[@]}" | median)"
