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

/// Sets the status and the time it was reached (matched_at, started_at, …).
void update_engagement_status(pqxx::transaction_base& tx, std::int64_t id, domain::EngagementStatus status);

/// What cancelling an engagement stopped.
struct CancelledLinks {
    std::vector<std::int64_t> invitation_ids;  ///< unanswered links, now ended
    std::size_t messages = 0;                  ///< e-mails not yet sent, now cancelled
};

/// Ends the engagement's unanswered links (cancelled_at; expires_at capped
/// at now) and cancels its e-mails still waiting in the outbox. Answered
/// links keep their responses.
CancelledLinks cancel_engagement_links(pqxx::transaction_base& tx, std::int64_t engagement_id);

std::vector<StoredEngagement> list_engagements(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t after_id, std::int64_t limit);

}  // namespace yardstick::sql
