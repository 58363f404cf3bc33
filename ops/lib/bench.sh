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
work="$(mktemp -d)"
"$bin/server/yardstick" serve --database-url "$url" --migrate --port "$ys_port" --io-threads "$threads" \
    --db-pool-size 4 --rate-limit off --master-key-file "$work/master-key" >/dev/null &
ys_pid=$!
trap 'kill $bare_pid $ys_pid 2>/dev/null || true; rm -rf "$work"' EXIT
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

# Validated submissions through the HTTP API (parse, validate against the
# instrument, one transaction writing the response version and its event,
# commit, answer) against pgbench's durable single-row INSERT of a similar
# jsonb row. Target: ratio >= 0.5 at 16 clients with p99 < 25 ms.
"$bin/server/yardstick" demo load --database-url "$url" --master-key-file "$work/master-key" \
    --public-url "http://127.0.0.1:$ys_port" --links-file "$work/links.txt" >/dev/null
forms=$(python3 "$YS_ROOT/ops/lib/bench_submissions.py" "$work/links.txt" "http://127.0.0.1:$ys_port" \
    mobilisesme-pilot "$work/submit.lua")
psql "$url" -qc 'CREATE TABLE bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invitation_id bigint NOT NULL, answers jsonb NOT NULL, submitted_at timestamptz NOT NULL DEFAULT now())'
cat >"$work/insert.sql" <<'SQL'
\set invitation random(1, 324)
INSERT INTO bench_rows (invitation_id, answers) VALUES (:invitation, '{"matched_needs": 4, "crossborder_business": 4, "new_products_services": 4, "skills_benefit_company": 4, "would_participate_again": true, "recommend": 1, "exchange_goals": ["new_markets"]}'::jsonb);
SQL
echo "submissions: $forms forms of mobilisesme-pilot, each request a validated amendment"
for c in 1 4 16; do
    pg_threads=$((c < 2 ? 1 : 2))
    read -r pg_tps pg_p99 < <(pgbench -n -r -f "$work/insert.sql" -c "$c" -j "$pg_threads" -T "$duration" \
        -P "$duration" --log --log-prefix="$work/pgbench" "$url" 2>/dev/null |
        awk '/^tps/ { printf "%.0f ", $3 }' && python3 - "$work" <<'PY'
import glob, sys
latencies = sorted(int(line.split()[2]) for f in glob.glob(sys.argv[1] + "/pgbench.*") for line in open(f))
print("%.2f" % (latencies[int(0.99 * (len(latencies) - 1))] / 1000.0) if latencies else "-")
PY
    )
    rm -f "$work"/pgbench.*
    wrk_threads=$((c < 2 ? 1 : 2))
    read -r ys_rps ys_p99 < <(wrk -t"$wrk_threads" -c"$c" -d"${duration}s" --latency -s "$work/submit.lua" \
        "http://127.0.0.1:$ys_port" 2>/dev/null | awk '
        /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { bad = $NF }
        /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
        END { if (bad > 0) { printf "0 %s\n", "refused" } else printf "%.0f %.2f\n", rps, p99 }')
    printf '%-44s %12s %10s %12s\n' "pgbench jsonb INSERT, $c clients" "$pg_tps" "$pg_p99" "baseline"
    printf '%-44s %12s %10s %12s\n' "yardstick POST submission, $c clients" "$ys_rps" "$ys_p99" "$(ratio "$ys_rps" "$pg_tps")"
done

# YS_BENCH_PARTS=http stops here: the report and export parts load a
# million responses and take a quarter of an hour.
if [[ "${YS_BENCH_PARTS:-all}" == all ]]; then
    source "$YS_ROOT/ops/lib/bench_reports.sh"
    source "$YS_ROOT/ops/lib/bench_exports.sh"
fi
