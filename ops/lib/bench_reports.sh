# Sourced by ops/lib/bench.sh (server $ys_port running on $url, demo loaded):
# the impact report's latency at 10 thousand and at 1 million responses, and
# how long the tallies take to count the log and to rebuild from it.
#
# The responses beyond the demo's are synthetic: exchanges between the
# demo's companies and, for each, the events the API writes (the exchange's
# creation; employee before and after, sending and hosting company after),
# inserted with SQL because a million submissions through HTTP would take the
# bench half an hour. The report reads only the tallies (kept from those
# events), so this is what it sees after a million real ones.
# shellcheck shell=bash

report_token=$("$bin/server/yardstick" token create --database-url "$url" --user bench@localhost --role admin |
    tail -n 1)
report_url="http://127.0.0.1:$ys_port/api/v1/programmes/mobilisesme-pilot/report"

# Adds synthetic exchanges (4 responses each) until the programme has $1
# responses, in statements of at most 100,000 events. Responses, not response
# events: the submission bench above amends the demo's responses tens of
# thousands of times, and an amendment is a new version of a response, not
# another one.
grow_responses() {
    local target="$1" have step
    while :; do
        have=$(psql "$url" -Atc "SELECT count(*) FROM events e JOIN programmes p ON p.id = e.programme_id
            WHERE p.slug = 'mobilisesme-pilot' AND e.type = 'response.submitted'")
        ((have >= target)) && break
        step=$(((target - have + 3) / 4))
        ((step > 25000)) && step=25000
        psql "$url" -q -v step="$step" -f "$YS_ROOT/ops/lib/bench_report_data.sql"
    done
}

# Waits until the tallies have counted every event; prints the seconds.
wait_for_tallies() {
    local started=$SECONDS
    while :; do
        local pending
        pending=$(psql "$url" -Atc "SELECT (SELECT count(*) FROM events)
            - coalesce((SELECT last_seq FROM report_checkpoint), 0)")
        ((pending == 0)) && break
        sleep 0.2
    done
    echo $((SECONDS - started))
}

# wrk on the report with one connection → "requests/s mean_ms p99_ms".
measure_report() {
    wrk -t1 -c1 -d"${duration}s" --latency -H "Authorization: Bearer $report_token" "$report_url" 2>/dev/null | awk '
        function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v }
                         if (v ~ /s$/) { sub(/s/, "", v); return v * 1000 } return v }
        /Requests\/sec/ { rps = $2 }
        /^ +Latency +[0-9]/ { mean = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        END { printf "%.0f %.2f %.2f\n", rps, mean, p99 }'
}

echo "reports: GET /api/v1/programmes/mobilisesme-pilot/report, 1 connection"
printf '%-44s %12s %10s %12s\n' "measurement" "req/s" "p99 ms" "ratio"
grow_responses 10000
wait_for_tallies >/dev/null
read -r small_rps small_mean small_p99 < <(measure_report)
rows_10k=$(psql "$url" -Atc "SELECT count(*) FROM report_tallies")
printf '%-44s %12s %10s %12s\n' "report at 10k responses (mean ${small_mean} ms)" "$small_rps" "$small_p99" "baseline"

started=$SECONDS
grow_responses 1000000
insert_seconds=$((SECONDS - started))
catch_up_1m=$(wait_for_tallies)
read -r large_rps large_mean large_p99 < <(measure_report)
rows_1m=$(psql "$url" -Atc "SELECT count(*) FROM report_tallies")
printf '%-44s %12s %10s %12s\n' "report at 1M responses (mean ${large_mean} ms)" "$large_rps" "$large_p99" \
    "$(ratio "$large_mean" "$small_mean")x time"
echo "  target: the report's mean time at 1M within 2x its time at 10k"
echo "  tally rows: $rows_10k at 10k, $rows_1m at 1M responses"
echo "  inserting 990k synthetic responses and their exchanges: ${insert_seconds} s; the running server's tallies caught up ${catch_up_1m} s after"

started=$SECONDS
"$bin/server/yardstick" tallies rebuild --database-url "$url"
echo "  rebuilding the tallies from the whole log ($(psql "$url" -Atc "SELECT count(*) FROM event_order") events): $((SECONDS - started)) s"

# The tamper-evident chain: the sequencer sealed every event above as it
# ordered it (its cost is inside the submission and catch-up figures);
# verifying recomputes the whole chain.
started=$SECONDS
verdict=$("$bin/server/yardstick" verify --database-url "$url")
echo "  yardstick verify over the whole log: $verdict in $((SECONDS - started)) s"
