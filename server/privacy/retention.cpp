#include "server/privacy/retention.hpp"

#include <map>

#include <pqxx/pqxx>

#include "server/privacy/erasure.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::server::privacy {
namespace {

constexpr const char* kActor = "retention";

// The cut-off of each programme with a retention period. A macro, joined to
// each query as a literal: GCC 12 warns falsely (-Warray-bounds, at -O2) on
// std::string concatenation here.
#define YS_RETENTION_PROGRAMMES                                                          \
    "WITH programme AS ("                                                                \
    "    SELECT id, slug, (settings ->> 'retention_days')::int AS days,"                 \
    "           now() - make_interval(days => (settings ->> 'retention_days')::int) AS cutoff" \
    "    FROM programmes WHERE coalesce((settings ->> 'retention_days')::int, 0) > 0) "

}  // namespace

std::vector<RetentionDue> retention_due(pqxx::transaction_base& tx) {
    std::map<std::int64_t, RetentionDue> due;
    for (const auto& row : tx.exec(YS_RETENTION_PROGRAMMES "SELECT id, slug, days FROM programme ORDER BY id")) {
        auto& programme = due[row[0].as<std::int64_t>()];
        programme.programme_id = row[0].as<std::int64_t>();
        programme.slug = row[1].as<std::string>();
        programme.retention_days = row[2].as<int>();
    }
    if (due.empty()) {
        return {};
    }
    for (const auto& row : tx.exec(YS_RETENTION_PROGRAMMES R"(
            SELECT i.programme_id, i.id FROM invitations i JOIN programme p ON p.id = i.programme_id
            WHERE i.status <> 'submitted' AND i.issued_at < p.cutoff
              AND (i.token_sealed IS NOT NULL OR i.draft_answers <> '{}'::jsonb
                   OR i.draft_personal_sealed IS NOT NULL OR i.expires_at > now())
            ORDER BY i.id)")) {
        due[row[0].as<std::int64_t>()].invitations.push_back(row[1].as<std::int64_t>());
    }
    for (const auto& row : tx.exec(YS_RETENTION_PROGRAMMES R"(
            SELECT pa.programme_id, pa.id FROM participants pa JOIN programme p ON p.id = pa.programme_id
            JOIN person_keys k ON k.participant_id = pa.id AND k.wrapped_key IS NOT NULL
            WHERE EXISTS (SELECT 1 FROM invitations i WHERE i.participant_id = pa.id)
              AND NOT EXISTS (SELECT 1 FROM invitations i
                              WHERE i.participant_id = pa.id AND (i.status = 'submitted' OR i.issued_at >= p.cutoff))
            ORDER BY pa.id)")) {
        due[row[0].as<std::int64_t>()].participants.push_back(row[1].as<std::int64_t>());
    }
    std::vector<RetentionDue> out;
    for (auto& [id, programme] : due) {
        out.push_back(std::move(programme));
    }
    return out;
}

std::vector<RetentionDue> apply_retention(pqxx::transaction_base& tx) {
    auto due = retention_due(tx);
    for (const auto& programme : due) {
        for (const auto invitation : programme.invitations) {
            const auto row = tx.exec_params1(
                R"(UPDATE invitations
                   SET token_sealed = NULL, draft_answers = '{}'::jsonb, draft_personal_sealed = NULL,
                       expires_at = greatest(issued_at + interval '1 microsecond', least(expires_at, now()))
                   WHERE id = $1 RETURNING participant_id)",
                invitation);
            sql::append_event(tx, {programme.programme_id, "invitation.purged", kActor,
                                   nlohmann::json{{"invitation_id", invitation},
                                                  {"participant_id", row[0].as<std::int64_t>()},
                                                  {"reason", "retention"},
                                                  {"retention_days", programme.retention_days}}
                                       .dump()});
        }
        for (const auto participant : programme.participants) {
            const ErasureRequest request{programme.programme_id, participant, false, ErasureReason::retention};
            if (auto erased = erase_participant(tx, request, kActor); !erased.ok()) {
                throw std::runtime_error("retention: " + erased.error().message);
            }
        }
    }
    return due;
}

nlohmann::json retention_json(const std::vector<RetentionDue>& due) {
    auto programmes = nlohmann::json::array();
    std::size_t invitations = 0;
    std::size_t participants = 0;
    for (const auto& programme : due) {
        invitations += programme.invitations.size();
        participants += programme.participants.size();
        programmes.push_back({{"slug", programme.slug},
                              {"retention_days", programme.retention_days},
                              {"invitations", programme.invitations},
                              {"participants", programme.participants}});
    }
    return {{"programmes", std::move(programmes)}, {"invitations", invitations}, {"participants", participants}};
}

#undef YS_RETENTION_PROGRAMMES

}  // namespace yardstick::server::privacy
