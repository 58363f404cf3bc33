#pragma once
// Engagements (exchanges, mentoring, skills-monitor rounds), inside the
// caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/domain/registry.hpp"

namespace yardstick::sql {

/// One engagement of any kind; `details` holds the kind's own values.
struct StoredEngagement {
    std::int64_t id = 0;
    std::optional<std::string> reference;
    domain::EngagementStatus status = domain::EngagementStatus::planned;
    std::variant<domain::Exchange, domain::Mentoring, domain::SkillsRound> details;
    std::string created_at;

    domain::ProgrammeKind kind() const noexcept { return static_cast<domain::ProgrammeKind>(details.index()); }
};

/// Inserts an engagement of any kind; returns its id.
std::int64_t insert_engagement(pqxx::transaction_base& tx, std::int64_t programme_id,
                               const std::variant<domain::Exchange, domain::Mentoring, domain::SkillsRound>& details,
                               const std::optional<std::string>& reference);

std::optional<StoredEngagement> find_engagement(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t id);

/// The id of the programme's engagement with this reference, or nothing.
std::optional<std::int64_t> find_engagement_id_by_reference(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                            const std::string& reference);

/// The engagement's status, its row locked until the transaction ends (so
/// that status changes take turns), or nullopt when there is no such row.
std::optional<domain::EngagementStatus> lock_engagement_status(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                               std::int64_t id);

void update_engagement_status(pqxx::transaction_base& tx, std::int64_t id, domain::EngagementStatus status);

std::vector<StoredEngagement> list_engagements(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t after_id, std::int64_t limit);

}  // namespace yardstick::sql
