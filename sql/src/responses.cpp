#include "yardstick/sql/responses.hpp"

#include <stdexcept>

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

SubmissionStatus status_named(const std::string& name) {
    if (name == "written") {
        return SubmissionStatus::written;
    }
    if (name == "replayed") {
        return SubmissionStatus::replayed;
    }
    if (name == "key_conflict") {
        return SubmissionStatus::key_conflict;
    }
    if (name == "wave_closed") {
        return SubmissionStatus::wave_closed;
    }
    if (name == "expired") {
        return SubmissionStatus::expired;
    }
    if (name == "not_found") {
        return SubmissionStatus::not_found;
    }
    throw std::logic_error("submit_response() answered an unknown outcome: " + name);
}

}  // namespace

SubmissionResult submit_response(pqxx::transaction_base& tx, const SubmissionWrite& submission) {
    // Prepared once per connection (libpqxx prepares on first use): the
    // function's own statements are planned once per session by PL/pgSQL.
    tx.conn().prepare("ys_submit_response", "SELECT * FROM submit_response($1, $2::jsonb, $3, $4, $5, $6::jsonb)");
    const auto row = tx.exec_prepared1("ys_submit_response", submission.invitation_id, submission.answers_json,
                                       submission.consent_version, submission.idempotency_key,
                                       submission.request_digest, submission.event_data_json);
    SubmissionResult result;
    result.status = status_named(row[0].as<std::string>());
    if (const auto response_id = optional_field<std::int64_t>(row[1])) {
        result.version.response_id = *response_id;
        result.version.version = row[2].as<int>();
        result.version.submitted_at = row[3].as<std::string>();
    }
    result.expires_at = optional_field<std::string>(row[4]).value_or("");
    return result;
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
