#!/usr/bin/env bash
# Prints the load engine's throughput next to pgbench's on the same server in the same run, and the
# open model's achieved vs target rate. A figures script, not a test: the machine's other load shows
# in the numbers, so it alternates runs and prints ratios.
#
#   loadtests/compare-pgbench.sh [--duration 10s] [--rounds 2] [--clients "4 16"] [--rates "2000 10000"]
#
# Closed model: 'replicabench load --scenario point-read --policy primary-only --vus N' vs
# 'pgbench -S -M prepared -c N -j 2' (pgbench on its own tables, 'pgbench -i -s 1' = 100,000 rows in a
# separate database, replicabench seeded with the same 100,000 rows), both over TCP to the same
# primary of a throwaway 0-replica local topology. Needs pgbench, psql and jq on PATH.
set -euo pipefail

duration=10s rounds=2 clients="4 16" rates="2000 10000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --rates) rates="$2"; shift 2 ;;
    *) echo "compare-pgbench: unknown option '$1'; use --duration, --rounds, --clients or --rates." >&2; exit 2 ;;
  esac
done
for tool in pgbench psql jq dotnet; do
  command -v "$tool" >/dev/null || { echo "compare-pgbench: '$tool' is not on PATH; install it (pgbench/psql: postgresql-client)." >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/rb-compare-XXXXXX)"
state="$work/state"
seconds="${duration%s}"
cli=(dotnet "$root/tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll")

cleanup() {
  "${cli[@]}" topology down --state-dir "$state" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/tools/ReplicaBench.Cli" -c Release -v quiet -nologo >/dev/null
"${cli[@]}" topology up --replicas 0 --state-dir "$state" >/dev/null

# Connection details from topology.json; the password goes to pgbench/psql through the environment only.
host=$(jq -r '.nodes[0].host' "$state/topology.json")
port=$(jq -r '.nodes[0].port' "$state/topology.json")
PGPASSWORD=$(jq -r '.nodes[0].connectionString' "$state/topology.json" | tr ';' '\n' | sed -n 's/^[Pp]assword=//p')
export PGPASSWORD PGUSER=replicabench PGHOST="$host" PGPORT="$port"
psql -q -d replicabench -c "CREATE DATABASE replicabench_pgbench" >/dev/null
pgbench -q -i -s 1 replicabench_pgbench >/dev/null 2>&1

warmup=3 # seconds; both tools open fresh backends per run and need about 3 s to reach their steady rate here

engine_closed() { # $1 = virtual users; prints "ops/s warm-up-seconds" for the measured part
  local out="$work/closed-$1"
  "${cli[@]}" load --scenario point-read --policy primary-only --vus "$1" --duration "$duration" --warmup "${warmup}s" \
    --seed-rows 100000 --state-dir "$state" --out "$out" --force >/dev/null
  # The warm-up the engine actually ran: a process's first cell warms up longer (JIT), see loadtests/README.md.
  jq -r '.cells[0] | "\(.throughput) \(.warmUpSeconds)"' "$out/results.json"
}

pgbench_tps() { # $1 = clients, $2 = warm-up seconds; prints transactions (= point reads) per second after the warm-up
  # pgbench has no warm-up of its own: run warm-up + duration with one-second progress lines and
  # average the lines after the warm-up, so both tools are measured on the same part of a run.
  pgbench -S -M prepared -c "$1" -j 2 -T "$((seconds + $2))" -P 1 -n replicabench_pgbench 2>&1 \
    | awk -v skip="$2" '/^progress: / { t = $2 + 0; if (t > skip) { sum += $4; n++ } } END { if (n) printf "%.1f\n", sum / n }'
}

echo "machine: $(nproc) cores, $(uname -sr); PostgreSQL $(psql -tAq -d replicabench -c 'SHOW server_version')"
echo "closed model, point-read, primary only, ${duration} per run, ${rounds} alternating round(s):"
for n in $clients; do
  engine_sum=0 pg_sum=0
  for ((r = 1; r <= rounds; r++)); do
    read -r e engine_warmup < <(engine_closed "$n"); p=$(pgbench_tps "$n" "$engine_warmup")
    printf '  %2d clients round %d: replicabench %8.0f ops/s   pgbench %8.0f tps   ratio %.3f   (both after %ss of warm-up)\n' \
      "$n" "$r" "$e" "$p" "$(jq -n "$e / $p")" "$engine_warmup"
    engine_sum=$(jq -n "$engine_sum + $e"); pg_sum=$(jq -n "$pg_sum + $p")
  done
  printf '  %2d clients overall: ratio %.3f (target >= 0.9)\n' "$n" "$(jq -n "$engine_sum / $pg_sum")"
done

echo "open model, point-read, primary only, Poisson arrivals, ${duration}:"
for rate in $rates; do
  out="$work/open-$rate"
  # A figures script reports drops rather than stopping on them (dropped arrivals exit 1 otherwise).
  "${cli[@]}" load --scenario point-read --policy primary-only --rate "$rate" --duration "$duration" --warmup "${warmup}s" \
    --threshold 'dropped<=100%' --seed-rows 100000 --state-dir "$state" --out "$out" --force >/dev/null
  jq -r --arg rate "$rate" '.cells[0] | "  target \($rate)/s: achieved \(.achievedRate)/s (\((.achievedRate / ($rate | tonumber) * 100 * 100 | round) / 100)% of target; \((.achievedRate * .durationSeconds / .scheduled * 100 * 100 | round) / 100)% of the \(.scheduled) arrivals drawn), late \(.late), dropped \(.dropped), p99 \(.latencyMs.p99) ms"' "$out/results.json"
done
