#!/usr/bin/env bash
# What a transaction pooler costs and saves: the same closed-model cell through PgBouncer and straight
# to the server, on one local topology, alternating rounds (the machine's other load shows in both),
# printing per run throughput, p50, p99, errors, peak client connections and peak server backends.
# A figures script, not a test.
#
#   loadtests/pooler-cost.sh [--duration 5s] [--rounds 3] [--vus "16 100"] [--pooled-only-vus 300] [--cli DLL]
#
# The topology is 'topology up --replicas 0 --pooler pgbouncer' (default_pool_size 40, servers'
# max_connections 200). The direct runs use a copy of its topology.json whose node is the server's
# own port (recorded under pooler.nodes.primary), so both modes hit the same server and data; the
# copy is never taken down. --pooled-only-vus runs only through the pooler: more virtual users than
# the engine's direct pool (100 per node) or the server (200) would take. Scenario: point-read,
# primary-only, 100,000 rows, 3 s warm-up.
#
# Client connections: established TCP connections accepted on the port the load targets (/proc/net/tcp).
# Server backends: client backends of the suite's user in pg_stat_activity (psql over the direct
# port, not counting itself). Both sampled every 50 ms during the run; 'before' is the count just
# before the run (PgBouncer keeps its idle server connections between runs, and they show up in a
# direct run's count too). Needs psql and jq.
set -euo pipefail

duration=5s rounds=3 vus="16 100" pooled_only="300" cli_dll=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --vus) vus="$2"; shift 2 ;;
    --pooled-only-vus) pooled_only="$2"; shift 2 ;;
    --cli) cli_dll="$2"; shift 2 ;;
    *) echo "pooler-cost: unknown option '$1'; use --duration, --rounds, --vus, --pooled-only-vus or --cli." >&2; exit 2 ;;
  esac
done
for tool in psql jq dotnet; do
  command -v "$tool" >/dev/null || { echo "pooler-cost: '$tool' is not on PATH; install it (psql: postgresql-client)." >&2; exit 2; }
done
[[ -x /usr/sbin/pgbouncer ]] || command -v pgbouncer >/dev/null || { echo "pooler-cost: pgbouncer is not installed; apt-get install pgbouncer." >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/rb-pooler-cost-XXXXXX)"
pooled="$work/pooled" direct="$work/direct"
cli=(dotnet "${cli_dll:-$root/tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll}")

cleanup() {
  "${cli[@]}" topology down --state-dir "$pooled" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[[ -n $cli_dll ]] || dotnet build "$root/tools/ReplicaBench.Cli" -c Release -v quiet -nologo >/dev/null
"${cli[@]}" topology up --replicas 0 --pooler pgbouncer --state-dir "$pooled" >/dev/null

mkdir -p "$direct"
(umask 077; jq '.pooler.nodes.primary as $p | del(.pooler) | .nodes[0].port = $p.serverPort | .nodes[0].connectionString = $p.serverConnectionString' \
  "$pooled/topology.json" >"$direct/topology.json")
pooler_port=$(jq -r '.pooler.nodes.primary.poolerPort' "$pooled/topology.json")
server_port=$(jq -r '.pooler.nodes.primary.serverPort' "$pooled/topology.json")
PGPASSWORD=$(jq -r '.pooler.nodes.primary.serverConnectionString' "$pooled/topology.json" | tr ';' '\n' | sed -n 's/^[Pp]assword=//p')
export PGPASSWORD PGUSER=replicabench PGHOST=127.0.0.1 PGPORT="$server_port" PGDATABASE=replicabench

established_on() { # $1 = port; established IPv4 connections whose local port is $1
  local hex
  hex=$(printf ':%04X' "$1")
  awk -v p="$hex" 'NR > 1 && substr($2, length($2) - 4) == p && $4 == "01" { n++ } END { print n + 0 }' /proc/net/tcp
}
backends() {
  psql -XAtq -c "SELECT count(*) FROM pg_stat_activity WHERE usename = current_user AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
}

run() { # $1 = pooled|direct, $2 = virtual users, $3 = round; prints one line
  local state port out="$work/$1-$2-$3" clients=0 servers=0 c s before_c before_s pid
  if [[ $1 == pooled ]]; then state=$pooled port=$pooler_port; else state=$direct port=$server_port; fi
  before_c=$(established_on "$port") before_s=$(backends)
  "${cli[@]}" load --scenario point-read --policy primary-only --vus "$2" --duration "$duration" --warmup 3s \
    --seed-rows 100000 --state-dir "$state" --out "$out" --force >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    c=$(established_on "$port"); s=$(backends)
    ((c > clients)) && clients=$c
    ((s > servers)) && servers=$s
    sleep 0.05
  done
  wait "$pid" || true
  jq -r --arg mode "$1" --arg vus "$2" --arg round "$3" --arg c "$clients" --arg bc "$before_c" --arg s "$servers" --arg bs "$before_s" \
    '.cells[0] | [$mode, $vus, $round, (.throughput | floor), .latencyMs.p50, .latencyMs.p99, .errors, "\($c) (before \($bc))", "\($s) (before \($bs))"] | @tsv' \
    "$out/results.json"
}

printf 'mode\tvus\tround\tops/s\tp50 ms\tp99 ms\terrors\tclient conns peak\tserver backends peak\n'
for round in $(seq 1 "$rounds"); do
  for n in $vus; do
    # Alternate which mode goes first, so neither always runs on a warmer machine.
    if ((round % 2)); then run pooled "$n" "$round"; run direct "$n" "$round"; else run direct "$n" "$round"; run pooled "$n" "$round"; fi
  done
  for n in $pooled_only; do run pooled "$n" "$round"; done
done
