#include "yardstick/sql/responses.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

SubmissionStatus status_named(const std::string& name) {
    static const std::unordered_map<std::string, SubmissionStatus> statuses = {
        {"written", SubmissionStatus::written},           {"replayed", SubmissionStatus::replayed},
        {"key_conflict", SubmissionStatus::key_conflict}, {"wave_closed", SubmissionStatus::wave_closed},
        {"expired", SubmissionStatus::expired},           {"not_found", SubmissionStatus::not_found},
    };
    if (const auto it = statuses.find(name); it != statuses.end()) {
        return it->second;
    }
    throw std::logic_error("submit_responses() answered an unknown outcome: " + name);
}

// The batch as the function's JSON array. Answers and event data are JSON
// already: embedded as they are, not parsed again.
std::string items_json(const std::vector<SubmissionWrite>& batch) {
    std::string json = "[";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& submission = batch[i];
        const nlohmann::json scalars = {
            {"item", i},
            {"invitation_id", submission.invitation_id},
            {"consent_version", submission.consent_version},
            {"idempotency_key", submission.idempotency_key ? nlohmann::json(*submission.idempotency_key) : nullptr},
            {"request_digest", submission.request_digest},
            {"personal_sealed", submission.personal_sealed ? nlohmann::json(*hex_or_null(submission.personal_sealed))
                                                           : nlohmann::json(nullptr)},
        };
        auto object = scalars.dump();
        object.pop_back();  // the closing brace
        json += (i == 0 ? "" : ",") + object + ",\"answers\":" + submission.answers_json +
                ",\"event_data\":" + submission.event_data_json + "}";
    }
    return json + "]";
}

}  // namespace

std::vector<SubmissionResult> submit_responses(pqxx::transaction_base& tx, const std::vector<SubmissionWrite>& batch) {
    if (batch.empty()) {
        return {};
    }
    std::unordered_set<std::int64_t> invitations;
    for (const auto& submission : batch) {
        if (!invitations.insert(submission.invitation_id).second) {
            throw std::invalid_argument("a batch of submissions names invitation " +
                                        std::to_string(submission.invitation_id) + " twice");
        }
    }
    // Prepared once per connection (libpqxx prepares on first use); PL/pgSQL
    // plans the function's statements once per session.
    tx.conn().prepare("ys_submit_responses", "SELECT * FROM submit_responses($1::jsonb)");
    const auto rows = tx.exec_prepared("ys_submit_responses", items_json(batch));
    if (rows.size() != batch.size()) {
        throw std::logic_error("submit_responses() answered " + std::to_string(rows.size()) + " rows for " +
                               std::to_string(batch.size()) + " submissions");
    }
    return map_rows(rows, [](const pqxx::row& row) {
        SubmissionResult result;
        result.status = status_named(row[1].as<std::string>());
        if (const auto response_id = optional_field<std::int64_t>(row[2])) {
            result.version.response_id = *response_id;
            result.version.version = row[3].as<int>();
            result.version.submitted_at = row[4].as<std::string>();
        }
        result.expires_at = optional_field<std::string>(row[5]).value_or("");
        return result;
    });
}

std::optional<LatestAnswers> latest_answers(pqxx::transaction_base& tx, std::int64_t response_id) {
    const auto rows = tx.exec_params(
        "SELECT v.answers::text, v.personal_sealed FROM responses r "
        "JOIN response_versions v ON v.response_id = r.id AND v.version = r.latest_version WHERE r.id = $1",
        response_id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return LatestAnswers{rows[0][0].as<std::string>(), optional_bytes(rows[0][1])};
}

}  // namespace yardstick::sql
