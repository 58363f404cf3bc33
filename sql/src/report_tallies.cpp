#include "yardstick/sql/report_tallies.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "field_values.hpp"
#include "stored_event_row.hpp"

namespace yardstick::sql {

namespace {

// pg_try_advisory_xact_lock key of the tally consumer ("tallies" in ASCII).
constexpr long long kTallyTurnKey = 0x74616C6C696573LL;

// The event types that change tallies (reports/tally_consumer.cpp counts
// them); every other type only moves the checkpoint.
constexpr const char* kTalliedTypes =
    "('invitation.issued', 'response.submitted', 'response.amended', 'response.withdrawn', 'organisation.registered', "
    "'participant.added', 'engagement.created', 'engagement.status_changed')";

}  // namespace

bool try_take_tally_turn(pqxx::transaction_base& tx) {
    return tx.exec_params1("SELECT pg_try_advisory_xact_lock($1)", kTallyTurnKey)[0].as<bool>();
}

std::int64_t tally_checkpoint(pqxx::transaction_base& tx) {
    return tx.exec1("SELECT last_seq FROM report_checkpoint")[0].as<std::int64_t>();
}

void set_tally_checkpoint(pqxx::transaction_base& tx, std::int64_t last_seq) {
    tx.exec_params0("UPDATE report_checkpoint SET last_seq = $1, updated_at = now()", last_seq);
}

std::vector<StoredEvent> tally_events(pqxx::transaction_base& tx, std::int64_t after, std::int64_t through) {
    const auto rows = tx.exec_params(std::string("SELECT ") + internal::kStoredEventColumns +
                                         R"( FROM event_order o JOIN events e ON e.id = o.event_id
               WHERE o.seq > $1 AND o.seq <= $2 AND e.type IN )" + kTalliedTypes + R"(
               ORDER BY o.seq)",
                                     after, through);
    return map_rows(rows, internal::stored_event_of);
}

bool tallies_cover_programme(pqxx::transaction_base& tx, std::int64_t programme_id) {
    // Not yet sequenced: after the last sequenced (txid, id), the sequencer's
    // own order (index events_txid_id). Not yet counted: sequenced after the
    // tallies' checkpoint. Both ranges are short on a live system.
    const auto row = tx.exec_params1(
        std::string(R"(WITH last AS (
               SELECT coalesce((SELECT txid FROM event_order ORDER BY seq DESC LIMIT 1), '0'::xid8) AS txid,
                      coalesce((SELECT event_id FROM event_order ORDER BY seq DESC LIMIT 1), 0) AS event_id)
           SELECT NOT EXISTS (SELECT 1 FROM events e, last
                              WHERE (e.txid, e.id) > (last.txid, last.event_id)
                                AND e.programme_id = $1 AND e.type IN )") +
            kTalliedTypes + R"()
              AND NOT EXISTS (SELECT 1 FROM event_order o JOIN events e ON e.id = o.event_id
                              WHERE o.seq > (SELECT last_seq FROM report_checkpoint)
                                AND e.programme_id = $1 AND e.type IN )" +
            kTalliedTypes + ")",
        programme_id);
    return row[0].as<bool>();
}

std::int64_t last_sequenced(pqxx::transaction_base& tx) {
    return tx.exec1("SELECT coalesce(max(seq), 0) FROM event_order")[0].as<std::int64_t>();
}

std::vector<StoredEvent> response_history_of_batch(pqxx::transaction_base& tx, std::int64_t after,
                                                   std::int64_t through) {
    // The predicates repeat the partial index's (migration 0007) so that the
    // planner uses it.
    const auto rows = tx.exec_params(std::string(R"(WITH batch AS (
                           SELECT DISTINCT (e.data ->> 'engagement_id')::bigint AS engagement_id
                           FROM event_order o JOIN events e ON e.id = o.event_id
                           WHERE o.seq > $1 AND o.seq <= $2
                             AND e.type IN ('response.submitted', 'response.amended', 'response.withdrawn'))
                       SELECT )") + internal::kStoredEventColumns +
                                         R"( FROM events e JOIN event_order o ON o.event_id = e.id
               WHERE e.type IN ('response.submitted', 'response.amended', 'response.withdrawn')
                 AND (e.data ->> 'engagement_id')::bigint IN (SELECT engagement_id FROM batch)
                 AND o.seq <= $2
               ORDER BY o.seq)",
                                     after, through);
    return map_rows(rows, internal::stored_event_of);
}

void add_tallies(pqxx::transaction_base& tx, std::int64_t programme_id, const std::vector<TallyRow>& deltas) {
    if (deltas.empty()) {
        return;
    }
    // One statement for the whole batch: the deltas travel as one JSON array.
    auto rows = nlohmann::json::array();
    for (const auto& delta : deltas) {
        rows.push_back({{"indicator", delta.indicator},
                        {"group_by", delta.group_by},
                        {"group_key", delta.group_key},
                        {"cell", delta.cell},
                        {"count", delta.count},
                        {"sum", delta.sum},
                        {"sum_of_squares", delta.sum_of_squares}});
    }
    const auto payload = rows.dump();
    tx.exec_params0(
        R"(INSERT INTO report_tallies AS t
               (programme_id, indicator, group_by, group_key, cell, count, sum, sum_of_squares)
           SELECT $1, d.indicator, d.group_by, d.group_key, d.cell, d.count, d.sum, d.sum_of_squares
           FROM jsonb_to_recordset($2::jsonb)
                AS d(indicator text, group_by text, group_key text, cell text, count bigint, sum bigint,
                     sum_of_squares bigint)
           ON CONFLICT (programme_id, indicator, group_by, group_key, cell) DO UPDATE
           SET count = t.count + excluded.count,
               sum = t.sum + excluded.sum,
               sum_of_squares = t.sum_of_squares + excluded.sum_of_squares)",
        programme_id, payload);
    tx.exec_params0(
        R"(DELETE FROM report_tallies t
           USING jsonb_to_recordset($2::jsonb) AS d(indicator text, group_by text, group_key text, cell text)
           WHERE t.programme_id = $1 AND t.indicator = d.indicator AND t.group_by = d.group_by
             AND t.group_key = d.group_key AND t.cell = d.cell
             AND t.count = 0 AND t.sum = 0 AND t.sum_of_squares = 0)",
        programme_id, payload);
}

std::vector<std::pair<std::int64_t, std::int64_t>> data_versions(pqxx::transaction_base& tx) {
    std::vector<std::pair<std::int64_t, std::int64_t>> versions;
    for (const auto& row : tx.exec("SELECT programme_id, data_version FROM report_data_versions")) {
        versions.emplace_back(row[0].as<std::int64_t>(), row[1].as<std::int64_t>());
    }
    return versions;
}

void set_data_version(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t seq) {
    tx.exec_params0(
        R"(INSERT INTO report_data_versions (programme_id, data_version) VALUES ($1, $2)
           ON CONFLICT (programme_id) DO UPDATE SET data_version = excluded.data_version)",
        programme_id, seq);
}

TallySnapshot read_tallies(pqxx::transaction_base& tx, std::int64_t programme_id) {
    TallySnapshot snapshot;
    const auto version =
        tx.exec_params("SELECT data_version FROM report_data_versions WHERE programme_id = $1", programme_id);
    if (!version.empty()) {
        snapshot.data_version = version[0][0].as<std::int64_t>();
    }
    const auto rows = tx.exec_params(
        R"(SELECT indicator, group_by, group_key, cell, count, sum, sum_of_squares
           FROM report_tallies WHERE programme_id = $1 AND count <> 0
           ORDER BY indicator, group_by, group_key, cell)",
        programme_id);
    snapshot.rows = map_rows(rows, [](const pqxx::row& row) {
        return TallyRow{row[0].as<std::string>(), row[1].as<std::string>(),  row[2].as<std::string>(),
                        row[3].as<std::string>(), row[4].as<std::int64_t>(), row[5].as<std::int64_t>(),
                        row[6].as<std::int64_t>()};
    });
    return snapshot;
}

void clear_tallies(pqxx::transaction_base& tx) {
    // Waits for a running consumer's batch rather than racing it.
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kTallyTurnKey);
    tx.exec0("DELETE FROM report_tallies");
    tx.exec0("DELETE FROM report_data_versions");
    set_tally_checkpoint(tx, 0);
}

std::int64_t count_tally_rows(pqxx::transaction_base& tx) {
    return tx.exec1("SELECT count(*) FROM report_tallies")[0].as<std::int64_t>();
}

std::vector<OrganisationTakingPart> organisations_taking_part(pqxx::transaction_base& tx,
                                                              const std::vector<std::int64_t>& engagement_ids) {
    const auto rows = tx.exec_params(
        R"(WITH chosen AS (SELECT * FROM engagements WHERE id = ANY($1::bigint[])),
           taking_part AS (
               SELECT id AS engagement_id, sending_organisation_id AS organisation_id FROM chosen
               UNION SELECT id, hosting_organisation_id FROM chosen
               UNION SELECT id, volunteer_organisation_id FROM chosen
               UNION SELECT id, sme_organisation_id FROM chosen
               UNION SELECT c.id, p.organisation_id FROM chosen c JOIN participants p ON p.id = c.respondent_participant_id)
           SELECT t.engagement_id, o.sector, o.country
           FROM taking_part t JOIN organisations o ON o.id = t.organisation_id
           ORDER BY t.engagement_id, o.id)",
        "{" + pqxx::separated_list(",", engagement_ids.begin(), engagement_ids.end()) + "}");
    std::vector<OrganisationTakingPart> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()});
    }
    return out;
}

}  // namespace yardstick::sql
