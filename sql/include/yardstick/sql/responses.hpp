#pragma once
// Responses and their versions, and the idempotency records of submissions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
    std::string answers_json;                    ///< the answers that are not personal
    std::optional<std::string> personal_sealed;  ///< the personal ones, sealed with the respondent's key
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

/// Writes each submission of the batch — the next version of its
/// invitation's response (the first creates the response), the invitation
/// marked submitted with the answers as its draft (what reopening the link
/// shows), the Idempotency-Key remembered, the event response.submitted or
/// response.amended — or refuses it, writing nothing for it. One statement
/// (the SQL function submit_responses): run it outside a transaction block
/// and it commits before it returns. Results are in the batch's order. Each
/// invitation may appear once per batch (std::invalid_argument otherwise).
std::vector<SubmissionResult> submit_responses(pqxx::transaction_base& tx, const std::vector<SubmissionWrite>& batch);

struct LatestAnswers {
    std::string answers_json;                    ///< the answers that are not personal
    std::optional<std::string> personal_sealed;  ///< the personal ones, sealed
};

/// The latest version's answers of a response.
std::optional<LatestAnswers> latest_answers(pqxx::transaction_base& tx, std::int64_t response_id);

}  // namespace yardstick::sql
