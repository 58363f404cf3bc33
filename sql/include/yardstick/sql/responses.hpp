#pragma once
// Responses and their versions, and the idempotency records of submissions,
// inside the caller's transaction (which holds the invitation's row lock).

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

namespace yardstick::sql {

/// What a submission answered.
struct SubmittedVersion {
    std::int64_t response_id = 0;
    int version = 1;
    std::string submitted_at;  ///< RFC 3339, UTC
};

/// Writes the next version of the invitation's response (the first creates
/// the response), marks the invitation submitted and makes the submitted
/// answers its draft (what reopening the link shows).
SubmittedVersion insert_response_version(pqxx::transaction_base& tx, std::int64_t programme_id,
                                         std::int64_t invitation_id, std::int64_t instrument_id,
                                         const std::string& answers_json, int consent_version);

/// A submission remembered under an Idempotency-Key.
struct IdempotencyRecord {
    std::string request_digest;  ///< SHA-256 of the request body, hex
    SubmittedVersion answer;
};

std::optional<IdempotencyRecord> find_idempotency_record(pqxx::transaction_base& tx, std::int64_t invitation_id,
                                                         const std::string& key);

void insert_idempotency_record(pqxx::transaction_base& tx, std::int64_t invitation_id, const std::string& key,
                               const IdempotencyRecord& record);

/// The latest version's answers (JSON text) of a response.
std::optional<std::string> latest_answers(pqxx::transaction_base& tx, std::int64_t response_id);

}  // namespace yardstick::sql
