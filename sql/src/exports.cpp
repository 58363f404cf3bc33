#include "yardstick/sql/exports.hpp"

#include <pqxx/pqxx>

namespace yardstick::sql {

namespace {

constexpr const char* kUtcMicroseconds = R"('YYYY-MM-DD"T"HH24:MI:SS.US"Z"')";

}  // namespace

std::vector<StoredInstrument> list_instrument_versions(pqxx::transaction_base& tx, std::int64_t programme_id) {
    const auto rows = tx.exec_params(
        std::string(R"(SELECT id, key, version, wave, respondent, consent_version, definition::text,
                  to_char(created_at AT TIME ZONE 'UTC', )") +
            kUtcMicroseconds + R"()
           FROM instruments WHERE programme_id = $1 ORDER BY id)",
        programme_id);
    std::vector<StoredInstrument> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<int>(), row[3].as<std::string>(),
                       row[4].as<std::string>(), row[5].as<int>(), row[6].as<std::string>(),
                       row[7].as<std::string>()});
    }
    return out;
}

ExportBatch read_exported_responses(pqxx::transaction_base& tx, std::int64_t programme_id,
                                   const ExportFilter& filter, std::int64_t after_id, std::int64_t limit) {
    // The batch is cut from responses alone (an index range of its primary
    // key), then joined row by row and filtered: cutting it after the joins
    // let the planner merge-join response_versions from its start in every
    // batch, which made a large export quadratic.
    const auto rows = tx.exec_params(
        std::string(R"(WITH batch AS (
               SELECT id, invitation_id, latest_version, withdrawn_at FROM responses
               WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $7)
           SELECT r.id, i.key, i.version, i.id, inv.wave, inv.respondent, inv.participant_id,
                  p.organisation_id, o.country, o.sector, o.size, inv.engagement_id, v.version,
                  to_char(v.submitted_at AT TIME ZONE 'UTC', )") +
            kUtcMicroseconds + R"(), v.answers::text,
                  r.withdrawn_at IS NULL  -- withdrawn: counts nowhere, exported nowhere
                  AND ($3 = '' OR i.key = $3)
                  AND ($4 = '' OR inv.wave = $4)
                  AND ($5 = '' OR v.submitted_at >= $5::timestamptz)
                  AND ($6 = '' OR v.submitted_at < $6::timestamptz)
           FROM batch r
           JOIN response_versions v ON v.response_id = r.id AND v.version = r.latest_version
           JOIN instruments i ON i.id = v.instrument_id
           JOIN invitations inv ON inv.id = r.invitation_id
           JOIN participants p ON p.id = inv.participant_id
           JOIN organisations o ON o.id = p.organisation_id
           ORDER BY r.id)",
        programme_id, after_id, filter.instrument, filter.wave, filter.from, filter.to, limit);
    ExportBatch batch;
    batch.scanned = static_cast<std::int64_t>(rows.size());
    for (const auto& row : rows) {
        batch.last_id = row[0].as<std::int64_t>();
        if (!row[15].as<bool>()) {
            continue;
        }
        ExportedResponse response;
        response.response_id = row[0].as<std::int64_t>();
        response.instrument = row[1].as<std::string>();
        response.instrument_version = row[2].as<int>();
        response.instrument_id = row[3].as<std::int64_t>();
        response.wave = row[4].as<std::string>();
        response.respondent = row[5].as<std::string>();
        response.participant_id = row[6].as<std::int64_t>();
        response.organisation_id = row[7].as<std::int64_t>();
        response.country = row[8].as<std::string>();
        response.sector = row[9].as<std::string>();
        response.size = row[10].as<std::string>();
        response.engagement_id = row[11].as<std::int64_t>();
        response.version = row[12].as<int>();
        response.submitted_at = row[13].as<std::string>();
        response.answers_json = row[14].as<std::string>();
        batch.responses.push_back(std::move(response));
    }
    return batch;
}

std::vector<ExportedVersion> read_response_versions(pqxx::transaction_base& tx,
                                                    const std::vector<std::int64_t>& response_ids) {
    const auto rows = tx.exec_params(
        std::string(R"(SELECT v.response_id, v.version, i.version,
                  to_char(v.submitted_at AT TIME ZONE 'UTC', )") +
            kUtcMicroseconds + R"(), v.answers::text
           FROM response_versions v JOIN instruments i ON i.id = v.instrument_id
           WHERE v.response_id = ANY($1::bigint[])
           ORDER BY v.response_id, v.version)",
        "{" + pqxx::separated_list(",", response_ids.begin(), response_ids.end()) + "}");
    std::vector<ExportedVersion> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        out.push_back({row[0].as<std::int64_t>(), row[1].as<int>(), row[2].as<int>(), row[3].as<std::string>(),
                       row[4].as<std::string>()});
    }
    return out;
}

}  // namespace yardstick::sql
