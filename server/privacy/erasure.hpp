#pragma once
// The right to erasure (GDPR Art. 17) by crypto-shredding: the participant's
// own key is destroyed, so their name, e-mail address, kept link tokens and
// personal answers become unreadable everywhere they were sealed — tables,
// dumps, backups — while the append-only event log, its chain and `verify`
// stay as they were. Their links stop working, their drafts go.
//
// With `withdraw_answers` their responses also stop counting: each gets
// withdrawn_at and an event response.withdrawn, from which the report tallies
// take the response out; exports leave it out from then on. Without it, the
// answers stay as pseudonymous data (see the README on the legal basis).
//
// Withdrawing consent (POST /f/{token}/withdraw) is an erasure with withdrawal;
// retention erases those who never answered (privacy/retention.hpp).

#include <cstdint>
#include <string>

#include <pqxx/transaction_base>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::privacy {

enum class ErasureReason {
    request,            ///< the person asked staff (or staff acted on their request)
    consent_withdrawn,  ///< the person withdrew consent through their own link
    retention,          ///< the programme's retention period passed without an answer
};

struct ErasureRequest {
    std::int64_t programme_id = 0;
    std::int64_t participant_id = 0;
    bool withdraw_answers = false;
    ErasureReason reason = ErasureReason::request;
};

struct ErasureOutcome {
    std::string erased_at;              ///< RFC 3339: when the key was destroyed
    std::int64_t invitations_closed = 0;
    std::int64_t responses_withdrawn = 0;
    std::string transaction_id;  ///< the erasing transaction's (pg_current_xact_id), for compact_after_erasure
};

/// Erases the participant in `tx` and appends participant.erased (and one
/// response.withdrawn per withdrawn response); the caller commits. not_found
/// for a participant of another programme; conflict when they were erased
/// already and there is nothing left to withdraw.
Result<ErasureOutcome> erase_participant(pqxx::transaction_base& tx, const ErasureRequest& request,
                                         const std::string& actor);

/// After the commit, outside any transaction: rewrites the table that held
/// the destroyed key (VACUUM FULL person_keys), so that its old row version
/// leaves the data files now rather than whenever its space is reused. A row
/// version that an open snapshot may still see is copied, not dropped, so it
/// first waits (up to 10 s) until no other session of the database holds a
/// snapshot older than `transaction_id`, the erasure's. Best effort: a
/// failure is logged, the erasure stands (the key is destroyed either way).
void compact_after_erasure(pqxx::connection_base& connection, const std::string& transaction_id);

}  // namespace yardstick::server::privacy
