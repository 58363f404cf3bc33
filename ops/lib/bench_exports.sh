# Sourced by ops/lib/bench.sh after bench_reports.sh (server $ys_port running,
# $report_token an admin token with the export scope, the synthetic exchanges
# in place): the auditors' export of about a million responses, streamed
# through the server, against psql's \copy of the same rows from the same
# joins, and the server's memory while it streams.
# shellcheck shell=bash

started=$SECONDS
psql "$url" -q -f "$YS_ROOT/ops/lib/bench_export_data.sql"
rows=$(psql "$url" -Atc "SELECT count(*) FROM responses r JOIN programmes p ON p.id = r.programme_id
    WHERE p.slug = 'mobilisesme-pilot'")
echo "exports: responses.csv of mobilisesme-pilot, $rows responses (written in $((SECONDS - started)) s)"
printf '%-44s %12s %10s %12s\n' "measurement" "rows/s" "MB" "ratio"

now() { date +%s.%N; }
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$ys_pid/status"; }

# The baseline: the same rows, columns and joins, straight out of PostgreSQL.
t0=$(now)
psql "$url" -qc "\\copy (SELECT r.id, i.key, i.version, inv.wave, inv.respondent, inv.participant_id,
        p.organisation_id, o.country, o.sector, o.size, inv.engagement_id, v.submitted_at, v.answers
    FROM responses r
    JOIN response_versions v ON v.response_id = r.id AND v.version = r.latest_version
    JOIN instruments i ON i.id = v.instrument_id
    JOIN invitations inv ON inv.id = r.invitation_id
    JOIN participants p ON p.id = inv.participant_id
    JOIN organisations o ON o.id = p.organisation_id
    JOIN programmes g ON g.id = r.programme_id
    WHERE g.slug = 'mobilisesme-pilot' ORDER BY r.id) TO '$work/copy.csv' WITH (FORMAT csv, HEADER)"
t1=$(now)
copy_rps=$(awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
copy_mb=$(awk -v s="$(stat -c %s "$work/copy.csv")" 'BEGIN { printf "%.0f", s / 1e6 }')
rm -f "$work/copy.csv"
printf '%-44s %12s %10s %12s\n' "psql \\copy of the same rows" "$copy_rps" "$copy_mb" "baseline"

rss_before=$(rss_kib)
peak_file="$work/rss-peak"
(
    peak=0
    while kill -0 "$ys_pid" 2>/dev/null && [[ ! -e "$work/export-done" ]]; do
        r=$(rss_kib)
        ((r > peak)) && peak=$r
        echo "$peak" >"$peak_file"
        sleep 0.1
    done
) &
sampler=$!
t0=$(now)
bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $report_token" \
    "http://127.0.0.1:$ys_port/api/v1/programmes/mobilisesme-pilot/exports/responses.csv")
t1=$(now)
touch "$work/export-done"
wait "$sampler" 2>/dev/null || true
export_rps=$(awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
export_mb=$(awk -v s="$bytes" 'BEGIN { printf "%.0f", s / 1e6 }')
printf '%-44s %12s %10s %12s\n' "GET …/exports/responses.csv" "$export_rps" "$export_mb" \
    "$(ratio "$export_rps" "$copy_rps")"
echo "  server memory (RSS): $((rss_before / 1024)) MiB before the export, at most $(($(cat "$peak_file") / 1024)) MiB while it streamed $export_mb MB"
