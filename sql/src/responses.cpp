#include "yardstick/sql/responses.hpp"

#include <pqxx/pqxx>

namespace yardstick::sql {

SubmittedVersion insert_response_version(pqxx::transaction_base& tx, std::int64_t programme_id,
                                         std::int64_t invitation_id, std::int64_t instrument_id,
                                         const std::string& answers_json, int consent_version) {
    // One round trip for the whole write (a submission's latency is mostly
    // round trips). The caller holds the invitation's row lock, so no other
    // version of this response is being written concurrently. Reopening the
    // link shows what now counts: the draft becomes the submitted answers.
    const auto row = tx.exec_params1(
        "WITH response AS ("
        "    INSERT INTO responses (invitation_id, programme_id) VALUES ($1, $2) "
        "    ON CONFLICT (invitation_id) DO UPDATE SET latest_version = responses.latest_version + 1 "
        "    RETURNING id, latest_version), "
        "version AS ("
        "    INSERT INTO response_versions (response_id, version, instrument_id, answers, consent_version) "
        "    SELECT id, latest_version, $3, $4::jsonb, $5 FROM response "
        "    RETURNING response_id, version, submitted_at), "
        "invitation AS ("
        "    UPDATE invitations SET status = 'submitted', draft_answers = $4::jsonb, draft_saved_at = now(), "
        "        opened_at = coalesce(opened_at, now()) "
        "    WHERE id = $1) "
        "SELECT response_id, version, rfc3339(submitted_at) FROM version",
        invitation_id, programme_id, instrument_id, answers_json, consent_version);
    return {row[0].as<std::int64_t>(), row[1].as<int>(), row[2].as<std::string>()};
}

std::optional<IdempotencyRecord> find_idempotency_record(pqxx::transaction_base& tx, std::int64_t invitation_id,
                                                         const std::string& key) {
    const auto rows = tx.exec_params(
        "SELECT request_digest, response_id, version, rfc3339(submitted_at) FROM idempotency_keys "
        "WHERE invitation_id = $1 AND key = $2",
        invitation_id, key);
    if (rows.empty()) {
        return std::nullopt;
    }
    IdempotencyRecord record;
    record.request_digest = rows[0][0].as<std::string>();
    record.answer.response_id = rows[0][1].as<std::int64_t>();
    record.answer.version = rows[0][2].as<int>();
    record.answer.submitted_at = rows[0][3].as<std::string>();
    return record;
}

void insert_idempotency_record(pqxx::transaction_base& tx, std::int64_t invitation_id, const std::string& key,
                               const IdempotencyRecord& record) {
    tx.exec_params(
        "INSERT INTO idempotency_keys (invitation_id, key, request_digest, response_id, version, submitted_at) "
        "VALUES ($1, $2, $3, $4, $5, $6::timestamptz)",
        invitation_id, key, record.request_digest, record.answer.response_id, record.answer.version,
        record.answer.submitted_at);
}

std::optional<std::string> latest_answers(pqxx::transaction_base& tx, std::int64_t response_id) {
    const auto rows = tx.exec_params(
        "SELECT v.answers::text FROM responses r "
        "JOIN response_versions v ON v.response_id = r.id AND v.version = r.latest_version WHERE r.id = $1",
        response_id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0][0].as<std::string>();
}

}  // namespace yardstick::sql
