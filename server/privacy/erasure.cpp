#include "server/privacy/erasure.hpp"

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/app/log.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/person_keys.hpp"

namespace yardstick::server::privacy {
namespace {

std::string_view name_of(ErasureReason reason) {
    switch (reason) {
        case ErasureReason::consent_withdrawn:
            return "consent_withdrawn";
        case ErasureReason::retention:
            return "retention";
        case ErasureReason::request:
            break;
    }
    return "request";
}

void append(pqxx::transaction_base& tx, std::int64_t programme_id, std::string type, const std::string& actor,
            const nlohmann::json& data) {
    sql::append_event(tx, {programme_id, std::move(type), actor, data.dump()});
}

// Marks the participant's counted responses withdrawn, each with its event.
std::int64_t withdraw_responses(pqxx::transaction_base& tx, const ErasureRequest& request, const std::string& actor) {
    const auto rows = tx.exec_params(
        R"(UPDATE responses r SET withdrawn_at = now()
           FROM invitations i, response_versions v, instruments ins
           WHERE i.id = r.invitation_id AND i.participant_id = $1 AND r.withdrawn_at IS NULL
             AND v.response_id = r.id AND v.version = r.latest_version AND ins.id = v.instrument_id
           RETURNING r.id, i.id, i.engagement_id, i.respondent, i.wave, ins.key)",
        request.participant_id);
    for (const auto& row : rows) {
        append(tx, request.programme_id, "response.withdrawn", actor,
               {{"response_id", row[0].as<std::int64_t>()},
                {"invitation_id", row[1].as<std::int64_t>()},
                {"engagement_id", row[2].as<std::int64_t>()},
                {"participant_id", request.participant_id},
                {"respondent", row[3].as<std::string>()},
                {"wave", row[4].as<std::string>()},
                {"instrument_key", row[5].as<std::string>()}});
    }
    return static_cast<std::int64_t>(rows.size());
}

}  // namespace

Result<ErasureOutcome> erase_participant(pqxx::transaction_base& tx, const ErasureRequest& request,
                                         const std::string& actor) {
    // The row lock orders concurrent erasures of one person.
    const auto found = tx.exec_params(
        "SELECT p.id FROM participants p WHERE p.programme_id = $1 AND p.id = $2 FOR UPDATE", request.programme_id,
        request.participant_id);
    if (found.empty()) {
        return Error{ErrorCode::not_found, "There is no such participant in this programme.", {}};
    }
    const bool destroyed = sql::destroy_person_key(tx, request.participant_id);
    ErasureOutcome outcome;
    if (destroyed) {
        tx.exec_params("UPDATE participants SET name_sealed = NULL, email_sealed = NULL WHERE id = $1",
                       request.participant_id);
        // Links end now (the digest stays: it reveals nothing and tells the
        // person their link no longer works rather than that it never did).
        outcome.invitations_closed =
            static_cast<std::int64_t>(tx.exec_params(
                                            R"(UPDATE invitations
                                               SET token_sealed = NULL, draft_answers = '{}'::jsonb,
                                                   draft_personal_sealed = NULL,
                                                   expires_at = greatest(issued_at + interval '1 microsecond',
                                                                         least(expires_at, now()))
                                               WHERE participant_id = $1)",
                                            request.participant_id)
                                          .affected_rows());
        // E-mails not yet sent could no longer be rendered: cancelled now
        // rather than when the dispatcher meets them.
        tx.exec_params(
            "UPDATE outbox_messages SET status = 'cancelled', cancelled_reason = 'participant erased' "
            "WHERE participant_id = $1 AND status = 'pending'",
            request.participant_id);
    }
    if (request.withdraw_answers) {
        outcome.responses_withdrawn = withdraw_responses(tx, request, actor);
    }
    if (!destroyed && outcome.responses_withdrawn == 0) {
        return Error{ErrorCode::conflict,
                     "Participant " + std::to_string(request.participant_id) +
                         " was erased already, and no answers of theirs count any more.",
                     {}};
    }
    const auto row = tx.exec_params1(
        "SELECT rfc3339(erased_at), pg_current_xact_id()::text FROM person_keys WHERE participant_id = $1",
        request.participant_id);
    outcome.erased_at = row[0].c_str();
    outcome.transaction_id = row[1].c_str();
    append(tx, request.programme_id, "participant.erased", actor,
           {{"participant_id", request.participant_id},
            {"reason", name_of(request.reason)},
            {"withdraw_answers", request.withdraw_answers},
            {"key_destroyed", destroyed},
            {"invitations_closed", outcome.invitations_closed},
            {"responses_withdrawn", outcome.responses_withdrawn}});
    return outcome;
}

void compact_after_erasure(pqxx::connection_base& connection, const std::string& transaction_id) {
    try {
        pqxx::nontransaction tx(connection);
        // VACUUM keeps a dead row version that a transaction older than its
        // deletion may still see (its snapshot's xmin, or its own xid, is not
        // newer than the erasure's): wait for those transactions to end. In
        // every database of the cluster: a snapshot taken here while an older
        // transaction runs elsewhere gets that transaction's xmin too.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (tx.exec_params1(
                     "WITH erasure AS (SELECT age((($1::xid8)::text::numeric % 4294967296)::text::xid) AS age) "
                     "SELECT count(*) FROM pg_stat_activity, erasure WHERE pid <> pg_backend_pid() "
                     "AND (age(backend_xmin) >= erasure.age OR age(backend_xid) >= erasure.age)",
                     transaction_id)[0]
                       .as<std::int64_t>() > 0 &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            log_warning("erasure.compaction_waited", {{"reason", "a transaction older than the erasure is still open"}});
        }
        // Only the small table of keys: the sealed name left in participants'
        // old row versions is noise once the key is gone, and rewriting
        // participants would hold every form's lookup for as long.
        tx.exec("VACUUM FULL person_keys");
    } catch (const std::exception& e) {
        log_warning("erasure.compaction_failed", {{"reason", e.what()}});
    }
}

}  // namespace yardstick::server::privacy
