#!/usr/bin/env bash
# Prints the load engine's throughput and CPU per operation next to pgbench's on the same server in
# the same run, and the open model's achieved vs target rate. A figures script, not a test: the machine's other load shows
# in the numbers, so it alternates runs and prints ratios.
#
#   loadtests/compare-pgbench.sh [--duration 10s] [--rounds 2] [--clients "4 16"] [--rates "2000 10000"] [--cli DLL]
#
# --rates "" skips the open model; --cli runs that replicabench.dll instead of building this tree's.
#
# Each closed-model round also runs pgbench's own select-only script through 'load --script ...
# --no-seed' (the script ratio, goal >= 0.8 of pgbench -S -M prepared), and the driver's floor (loadtests/ReplicaBench.DriverFloor): the
# engine's own prepared point read in a bare closed loop over Npgsql, nothing routed or recorded, on
# the same server with the same clients. Engine minus floor is what the engine adds; floor minus
# pgbench is what Npgsql and .NET's sockets cost over libpq.
#
# Closed model: 'replicabench load --scenario point-read --policy primary-only --vus N' vs
# 'pgbench -S -M prepared -c N -j 2' (pgbench on its own tables, 'pgbench -i -s 1' = 100,000 rows in a
# separate database, replicabench seeded with the same 100,000 rows), both over TCP to the same
# primary of a throwaway 0-replica local topology. Needs pgbench, psql, jq and
# tail (GNU, for --pid) on PATH, and Linux's /proc for the CPU figures.
set -euo pipefail

duration=10s rounds=2 clients="4 16" rates="2000 10000" cli_dll=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --rates) rates="$2"; shift 2 ;;
    --cli) cli_dll="$2"; shift 2 ;;
    *) echo "compare-pgbench: unknown option '$1'; use --duration, --rounds, --clients, --rates or --cli." >&2; exit 2 ;;
  esac
done
for tool in pgbench psql jq dotnet; do
  command -v "$tool" >/dev/null || { echo "compare-pgbench: '$tool' is not on PATH; install it (pgbench/psql: postgresql-client)." >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/rb-compare-XXXXXX)"
state="$work/state"
seconds="${duration%s}"
cli=(dotnet "${cli_dll:-$root/tools/ReplicaBench.Cli/bin/Release/net10.0/replicabench.dll}")
floor=(dotnet "$root/loadtests/ReplicaBench.DriverFloor/bin/Release/net10.0/driver-floor.dll")

cleanup() {
  "${cli[@]}" topology down --state-dir "$state" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --cli names another build's replicabench.dll (e.g. a copy of the previous one, to compare two builds).
[[ -n $cli_dll ]] || dotnet build "$root/tools/ReplicaBench.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/loadtests/ReplicaBench.DriverFloor" -c Release -v quiet -nologo >/dev/null
"${cli[@]}" topology up --replicas 0 --state-dir "$state" >/dev/null

# Connection details from topology.json; the password goes to pgbench/psql through the environment only.
host=$(jq -r '.nodes[0].host' "$state/topology.json")
port=$(jq -r '.nodes[0].port' "$state/topology.json")
PGPASSWORD=$(jq -r '.nodes[0].connectionString' "$state/topology.json" | tr ';' '\n' | sed -n 's/^[Pp]assword=//p')
export PGPASSWORD PGUSER=replicabench PGHOST="$host" PGPORT="$port"
psql -q -d replicabench -c "CREATE DATABASE replicabench_pgbench" >/dev/null
pgbench -q -i -s 1 replicabench_pgbench >/dev/null 2>&1
# The script run replays pgbench's own select-only script, unchanged, on a pgbench schema in the
# topology's database (where the engine connects), with --no-seed: the same 100,000 accounts.
pgbench -q -i -s 1 replicabench >/dev/null 2>&1
pgbench --show-script=select-only 2>"$work/select-only.sql" # pgbench prints the script on standard error

warmup=3 # seconds; both tools open fresh backends per run and need about 3 s to reach their steady rate here

ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { # $1 = pid; prints "user+system user" CPU of the whole process (every thread) so far, in clock ticks
  local stat
  stat=$(<"/proc/$1/stat") || return 1
  stat=${stat##*) } # fields after the command name; utime and stime are fields 14 and 15 of the line
  read -r -a fields <<<"$stat"
  echo "$((fields[11] + fields[12])) ${fields[11]}"
}

# CPU per operation is taken over the measured window only, the same way for both tools: the
# process's user+system CPU is sampled each time it reports a one-second interval (the engine's
# series.jsonl line, pgbench's -P 1 line), and the CPU between the end of the warm-up and the last
# interval is divided by the operations those intervals report. Start-up, JIT, connection set-up
# and seeding stay out of it, and so does pgbench's own first seconds. The user-mode part is printed
# beside it: both tools make about the same system calls per operation, so the kernel's share is
# alike and a gap between them is mostly user-mode work (loadtests/README.md).

engine_closed() { # $1 = virtual users, $2 = round; prints "ops/s warm-up-seconds cpu-µs-per-op user-µs-per-op proc-cpu-µs-per-op" for the measured part
  local out="$work/closed-$1-$2" samples="$work/closed-$1-$2.cpu" pid ticks
  "${cli[@]}" load --scenario point-read --policy primary-only --vus "$1" --duration "$duration" --warmup "${warmup}s" \
    --seed-rows 100000 --state-dir "$state" --out "$out" --force >/dev/null &
  pid=$!
  tail -F -s 0.05 --pid="$pid" -n +1 "$out/cells/r0-primary-only/series.jsonl" 2>/dev/null | while IFS= read -r line; do
    [[ $line =~ \"phase\":\"([a-z]+)\".*\"completed\":([0-9]+) ]] || continue
    # A line read after the process has exited has no CPU sample: the window ends at the one before.
    ticks=$(cpu_ticks "$pid" 2>/dev/null) || continue
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} $ticks"
  done >"$samples" || true # tail reports the file it could not open yet; the samples say what it saw
  wait "$pid"
  local measured
  measured=$(awk -v tps="$ticks_per_second" '
    $1 == "warmup" { start = $3; user_start = $4 }
    $1 == "measurement" { ops += $2; end = $3; user_end = $4 }
    END { if (ops && start != "") printf "%.2f %.2f", (end - start) * 1e6 / tps / ops, (user_end - user_start) * 1e6 / tps / ops; else printf "null n/a" }' "$samples")
  # The warm-up the engine actually ran: a process's first cell warms up longer (JIT), see
  # loadtests/README.md. results.json carries the engine's own CPU figure (cells[].generator, read by
  # the process itself at both ends of the window, drain included): it is the figure; the /proc one
  # (to the last interval line) is printed beside it as a check, and is the figure for older builds.
  jq -r --arg cpu "${measured% *}" --arg user "${measured#* }" \
    '.cells[0] | "\(.throughput) \(.warmUpSeconds) \(.generator.cpuMicrosPerOperation // ($cpu | tonumber? // "n/a") | if type == "number" then (. * 100 | round / 100) else . end) \($user) \($cpu)"' "$out/results.json"
}

engine_script() { # $1 = virtual users, $2 = warm-up seconds, $3 = round; prints the ops/s of the select-only script run
  local out="$work/script-$1-$3"
  "${cli[@]}" load --script "$work/select-only.sql" --no-seed --policy primary-only --vus "$1" --duration "$duration" --warmup "${2}s" \
    --visibility-probe off --state-dir "$state" --out "$out" --force >/dev/null
  jq -r '.cells[0].throughput' "$out/results.json"
}

pgbench_closed() { # $1 = clients, $2 = warm-up seconds, $3 = round; prints "tps cpu-µs-per-transaction user-µs-per-transaction" after the warm-up
  # pgbench has no warm-up of its own: run warm-up + duration with one-second progress lines and
  # take the lines after the warm-up, so both tools are measured on the same part of a run.
  local log="$work/pgbench-$1-$3.log" samples="$work/pgbench-$1-$3.cpu" pid ticks
  pgbench -S -M prepared -c "$1" -j 2 -T "$((seconds + $2))" -P 1 -n replicabench_pgbench >"$log" 2>&1 &
  pid=$!
  tail -F --pid="$pid" -n +1 "$log" 2>/dev/null | while IFS= read -r line; do
    [[ $line =~ ^progress:\ ([0-9.]+)\ s,\ ([0-9.]+)\ tps ]] || continue
    # A line read after the process has exited has no CPU sample: the window ends at the one before.
    ticks=$(cpu_ticks "$pid" 2>/dev/null) || continue
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} $ticks"
  done >"$samples" || true # tail reports the file it could not open yet; the samples say what it saw
  wait "$pid"
  awk -v skip="$2" -v tps="$ticks_per_second" '
    { t = $1 + 0 }
    t <= skip { start = $3; user_start = $4 }
    t > skip { sum += $2; n++; end = $3; user_end = $4 }
    END { if (n) printf "%.1f %s\n", sum / n, (start != "" ? sprintf("%.2f %.2f", (end - start) * 1e6 / tps / sum, (user_end - user_start) * 1e6 / tps / sum) : "n/a n/a") }' "$samples"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(uname -sr); PostgreSQL $(psql -tAq -d replicabench -c 'SHOW server_version')"
echo "closed model, point-read, primary only, ${duration} per run, ${rounds} alternating round(s);"
echo "CPU = user+system of each tool's own process over the measured window, per operation (engine, floor) / transaction (pgbench);"
echo "floor = the engine's prepared point read in a bare loop over Npgsql (loadtests/ReplicaBench.DriverFloor):"
for n in $clients; do
  ratios=() engine_cpus=() pg_cpus=() engine_users=() pg_users=() floor_cpus=() floor_users=() script_ratios=()
  for ((r = 1; r <= rounds; r++)); do
    read -r e engine_warmup engine_cpu engine_user engine_proc < <(engine_closed "$n" "$r")
    read -r f floor_cpu floor_user < <("${floor[@]}" "$state" "$n" "${engine_warmup%.*}" "$seconds")
    script_ops=$(engine_script "$n" "${engine_warmup%.*}" "$r")
    read -r p pg_cpu pg_user < <(pgbench_closed "$n" "$engine_warmup" "$r")
    ratio=$(jq -n "$e / $p")
    script_ratio=$(jq -n "$script_ops / $p")
    script_ratios+=("$script_ratio")
    printf '  %2d clients round %d: select-only script via load --script %8.0f ops/s   script ratio %.3f\n' "$n" "$r" "$script_ops" "$script_ratio"
    printf '  %2d clients round %d: replicabench %8.0f ops/s %6s µs/op (/proc %s, user %s)   floor %8.0f ops/s %6s µs/op (user %s)   pgbench %8.0f tps %6s µs/txn (user %s)   ratio %.3f   (all after %ss of warm-up)\n' \
      "$n" "$r" "$e" "$engine_cpu" "$engine_proc" "$engine_user" "$f" "$floor_cpu" "$floor_user" "$p" "$pg_cpu" "$pg_user" "$ratio" "$engine_warmup"
    ratios+=("$ratio") engine_cpus+=("$engine_cpu") pg_cpus+=("$pg_cpu") engine_users+=("$engine_user") pg_users+=("$pg_user") floor_cpus+=("$floor_cpu") floor_users+=("$floor_user")
  done
  # Medians, not sums: one round disturbed by the machine's other load moves a sum, not a median.
  printf '  %2d clients median of %d: select-only script ratio %.3f (target >= 0.8)\n' "$n" "$rounds" "$(printf '%s\n' "${script_ratios[@]}" | median)"
  printf '  %2d clients median of %d: ratio %.3f (target >= 0.9)   CPU replicabench %s µs/op, floor %s, pgbench %s µs/txn (target: engine <= pgbench); user mode %s, %s, %s\n' \
    "$n" "$rounds" "$(printf '%s\n' "${ratios[@]}" | median)" \
    "$(printf '%s\n' "${engine_cpus[@]}" | grep -v n/a | median)" "$(printf '%s\n' "${floor_cpus[@]}" | median)" "$(printf '%s\n' "${pg_cpus[@]}" | grep -v n/a | median)" \
    "$(printf '%s\n' "${engine_users[@]}" | grep -v n/a | median)" "$(printf '%s\n' "${floor_users[@]}" | median)" "$(printf '%s\n' "${pg_users[@]}" | grep -v n/a | median)"
done

echo "open model, point-read, primary only, Poisson arrivals, ${duration}:"
for rate in $rates; do
  out="$work/open-$rate"
  # A figures script reports drops rather than stopping on them (dropped arrivals exit 1 otherwise).
  "${cli[@]}" load --scenario point-read --policy primary-only --rate "$rate" --duration "$duration" --warmup "${warmup}s" \
    --threshold 'dropped<=100%' --seed-rows 100000 --state-dir "$state" --out "$out" --force >/dev/null
  jq -r --arg rate "$rate" '.cells[0] | "  target \($rate)/s: achieved \(.achievedRate)/s (\((.achievedRate / ($rate | tonumber) * 100 * 100 | round) / 100)% of target; \((.achievedRate * .durationSeconds / .scheduled * 100 * 100 | round) / 100)% of the \(.scheduled) arrivals drawn), late \(.late), dropped \(.dropped), p99 \(.latencyMs.p99) ms"' "$out/results.json"
done
