#pragma once
// Responses and their versions, and the idempotency records of submissions.

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

/// A validated submission, ready to be written.
struct SubmissionWrite {
    std::int64_t invitation_id = 0;
    std::string answers_json;
    int consent_version = 1;
    std::optional<std::string> idempotency_key;
    std::string request_digest;   ///< SHA-256 of the canonical request body, hex
    std::string event_data_json;  ///< the event's data but for response_id and version
};

enum class SubmissionStatus {
    written,       ///< a new version (the first creates the response)
    replayed,      ///< the Idempotency-Key and body were seen before: nothing written
    key_conflict,  ///< the Idempotency-Key was seen with another body
    wave_closed,
    expired,
    not_found,
};

struct SubmissionResult {
    SubmissionStatus status = SubmissionStatus::not_found;
    SubmittedVersion version;  ///< written and replayed: what counts; key_conflict: the earlier one
    std::string expires_at;    ///< the link's expiry (every outcome but not_found)
};

/// Writes the next version of the invitation's response, marks the
/// invitation submitted, makes the answers its draft (what reopening the link
/// shows), remembers the Idempotency-Key and appends the event
/// response.submitted or response.amended — or refuses, writing nothing.
/// One statement (the SQL function submit_response): run it outside a
/// transaction block and it commits before it returns.
SubmissionResult submit_response(pqxx::transaction_base& tx, const SubmissionWrite& submission);

/// The latest version's answers (JSON text) of a response.
std::optional<std::string> latest_answers(pqxx::transaction_base& tx, std::int64_t response_id);

}  // namespace yardstick::sql
