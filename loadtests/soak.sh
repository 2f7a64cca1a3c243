#!/usr/bin/env bash
# The "memory stays flat" check: one long load run on a throwaway local topology, then the load
# generator's own memory after warm-up, from the figures every run records (results.json
# cells[].memory, series.jsonl process.* samples). A figures script, not a test: throughput on a
# shared machine says little, memory growth is what it checks.
#
#   loadtests/soak.sh [--duration 10m] [--warmup 30s] [--scenario read-heavy | --mix OP=PCT,...]
#                     [--vus 16] [--replicas 2] [--policy round-robin] [--limit-mb 50] [--out DIR]
#
# Prints the working set and managed heap once a minute and ends with
#   memory growth after warm-up: X MB at most, Y MB at the end (limit 50 MB): PASS|FAIL
# where X is the highest working set minus the first one after the warm-up (the stricter figure).
# Exit 0 PASS, 1 FAIL, 2 bad input; the load command's own exit code when it fails.
# Needs dotnet, jq and PostgreSQL server binaries (as for 'replicabench topology up').
set -euo pipefail

duration=10m warmup=30s scenario=read-heavy mix="" vus=16 replicas=2 policy=round-robin limit=50 out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --scenario) scenario="$2"; shift 2 ;;
    --mix) mix="$2"; shift 2 ;;
    --vus) vus="$2"; shift 2 ;;
    --replicas) replicas="$2"; shift 2 ;;
    --policy) policy="$2"; shift 2 ;;
    --limit-mb) limit="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "soak: unknown option '$1'; use --duration, --warmup, --scenario, --mix, --vus, --replicas, --policy, --limit-mb or --out." >&2; exit 2 ;;
  esac
done
[[ "$limit" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "soak: --limit-mb '$limit' is not a number of megabytes; e.g. --limit-mb 50." >&2; exit 2; }
for tool in jq dotnet; do
  command -v "$tool" >/dev/null || { echo "soak: '$tool' is not on PATH; install it." >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${out:-$root/reports/soak-$(date -u +%Y%m%d-%H%M%S)}"
cli=(dotnet "$root/tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll")
workload=(--scenario "$scenario")
[[ -n "$mix" ]] && workload=(--mix "$mix")
args=(load "${workload[@]}" --replicas "$replicas" --policy "$policy" --vus "$vus" --duration "$duration" --warmup "$warmup" --out "$out" --force)

dotnet build "$root/tools/ReplicaBench.Cli" -c Release -v quiet -nologo >/dev/null
echo "machine: $(nproc) cores, $(uname -sr)"
echo "command: replicabench ${args[*]}"
code=0
"${cli[@]}" "${args[@]}" || code=$?
# 1 = a threshold breached: the figures are complete all the same.
if [[ $code -ne 0 && $code -ne 1 ]]; then
  echo "soak: the load run failed (exit $code); nothing to judge." >&2
  exit "$code"
fi

for cell in $(jq -r '.cells[].id' "$out/results.json"); do
  series="$out/cells/$cell/series.jsonl"
  echo "$cell, once a minute after warm-up (working set / managed heap after the last GC):"
  jq -rs '
    (.[0].warmUpS) as $w
    | [.[] | select(.record == "interval") | .samples[]] as $s
    | ($s | map(select(.series == "process.workingSetMB" and .atS >= $w))) as $ws
    | ($s | map(select(.series == "process.managedHeapMB" and .atS >= $w))) as $heap
    | range(0; $ws | length; 60) as $i
    | "  +\(($ws[$i].atS - $w) / 60 | floor) min: \($ws[$i].value * 10 | round / 10) MB / \($heap[$i].value * 10 | round / 10) MB"' "$series"
  jq -r --arg id "$cell" '.cells[] | select(.id == $id)
    | "  throughput \(.throughput) ops/s (not a benchmark on a shared machine), errors \(.errors)",
      (.memory // error("no memory figures in results.json")
       | "  working set: baseline \(.workingSetMB.baseline) MB, max \(.workingSetMB.max) MB, end \(.workingSetMB.end) MB",
         "  managed heap: baseline \(.managedHeapMB.baseline) MB, max \(.managedHeapMB.max) MB, end \(.managedHeapMB.end) MB (\(.samples) samples)")' "$out/results.json"
done

verdict=$(jq -r --argjson limit "$limit" '
  [.cells[].memory.workingSetMB] | (map(.maxGrowth) | max) as $max | (map(.growth) | max) as $last
  | "memory growth after warm-up: \($max) MB at most, \($last) MB at the end (limit \($limit) MB): \(if $max <= $limit then "PASS" else "FAIL" end)"' "$out/results.json")
echo "$verdict"
echo "results: $out/results.json"
[[ "$verdict" == *": PASS" ]]
