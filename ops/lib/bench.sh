# Runs inside pg_virtualenv (PG* variables point at a throwaway cluster).
# shellcheck shell=bash
set -euo pipefail
bin="$YS_ROOT/build/release"
duration="$YS_BENCH_DURATION"
threads=2
url="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

# wrk → "requests/s p99_ms"
measure() {
    local target="$1" connections="$2"
    local wrk_threads=$((connections < 2 ? 1 : 2))  # wrk needs connections >= threads
    wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "$target" 2>/dev/null | awk '
        /Requests\/sec/ { rps = $2 }
        /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
        END { printf "%.0f %.2f\n", rps, p99 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

bare_port=$(free_port)
"$bin/tests/bare_beast_server" "$bare_port" "$threads" &
bare_pid=$!
ys_port=$(free_port)
"$bin/server/yardstick" serve --database-url "$url" --migrate --port "$ys_port" --io-threads "$threads" \
    --db-pool-size 4 >/dev/null &
ys_pid=$!
trap 'kill $bare_pid $ys_pid 2>/dev/null || true' EXIT
wait_port "$bare_port"
wait_port "$ys_port"

echo "ops/bench: $duration s per measurement, $threads I/O threads, $(nproc) cores"
printf '%-44s %12s %10s %12s\n' "measurement" "req/s" "p99 ms" "ratio"
for c in 1 16; do
    read -r base_rps base_p99 < <(measure "http://127.0.0.1:$bare_port/healthz" "$c")
    read -r ys_rps ys_p99 < <(measure "http://127.0.0.1:$ys_port/healthz" "$c")
    printf '%-44s %12s %10s %12s\n' "bare Beast server, $c connections" "$base_rps" "$base_p99" "baseline"
    printf '%-44s %12s %10s %12s\n' "yardstick GET /healthz, $c connections" "$ys_rps" "$ys_p99" "$(ratio "$ys_rps" "$base_rps")"
done

# /readyz does one database round trip through the pool; pgbench's SELECT
# over as many client connections is the database's own ceiling.
echo 'SELECT count(*) FROM schema_migrations;' >/tmp/ys_bench_select.sql
psql "$url" -qc 'SELECT 1' >/dev/null
for c in 16; do
    pg_rps=$(pgbench -n -f /tmp/ys_bench_select.sql -c 4 -j 2 -T "$duration" "$url" 2>/dev/null |
        awk '/^tps/ { printf "%.0f", $3 }')
    read -r ys_rps ys_p99 < <(measure "http://127.0.0.1:$ys_port/readyz" "$c")
    printf '%-44s %12s %10s %12s\n' "pgbench same SELECT, 4 connections" "$pg_rps" "-" "baseline"
    printf '%-44s %12s %10s %12s\n' "yardstick GET /readyz, $c conn, pool 4" "$ys_rps" "$ys_p99" "$(ratio "$ys_rps" "$pg_rps")"
done
