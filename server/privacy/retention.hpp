#pragma once
// Retention: a programme keeps what it does not need only for its
// `retention_days` (a setting; 0 keeps everything until someone acts). Once
// an invitation was issued longer ago than that and never answered, its kept
// link token and its draft are purged and its link ends (invitation.purged);
// a person whose every invitation is such, and who never answered any, is
// erased by the same crypto-shredding as a request (participant.erased,
// reason "retention"). Submitted answers are not touched: they are the
// programme's evidence, and erasing them is a person's own choice.
//
// `yardstick retention --dry-run` shows what would go; the server applies it
// every hour (and `yardstick retention` at once).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/transaction_base>

namespace yardstick::server::privacy {

/// What retention would purge now, by programme.
struct RetentionDue {
    std::int64_t programme_id = 0;
    std::string slug;
    int retention_days = 0;
    std::vector<std::int64_t> invitations;   ///< unanswered, issued before the cut-off, not yet purged
    std::vector<std::int64_t> participants;  ///< never answered, every invitation before the cut-off
};

/// What is due now (reads only).
std::vector<RetentionDue> retention_due(pqxx::transaction_base& tx);

/// Purges and erases what `retention_due` names, in `tx` (the caller
/// commits), with the events; returns what was done.
std::vector<RetentionDue> apply_retention(pqxx::transaction_base& tx);

/// The plan or the outcome as JSON: {"programmes": [{"slug", "retention_days",
/// "invitations": [ids], "participants": [ids]}], "invitations": n, "participants": n}.
nlohmann::json retention_json(const std::vector<RetentionDue>& due);

}  // namespace yardstick::server::privacy
