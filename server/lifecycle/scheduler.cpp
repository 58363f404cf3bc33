#include "server/lifecycle/scheduler.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "server/lifecycle/instant_text.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/instruments.hpp"
#include "yardstick/sql/outbox.hpp"
#include "yardstick/sql/programmes.hpp"
#include "yardstick/sql/schedule.hpp"

namespace yardstick::server::lifecycle {
namespace {

constexpr const char* kActor = "scheduler";
constexpr std::array<std::string_view, 2> kScheduledWaves = {"pre", "post"};

domain::Instant instant(std::int64_t unix_seconds) {
    return domain::Instant{std::chrono::seconds{unix_seconds}};
}

void append(pqxx::transaction_base& tx, std::int64_t programme_id, std::string type, const nlohmann::json& data) {
    sql::append_event(tx, {programme_id, std::move(type), kActor, data.dump()});
}

// Who answers each engagement's questionnaires, by programme kind.
std::vector<std::string> respondents_of(domain::ProgrammeKind kind) {
    if (kind == domain::ProgrammeKind::exchange) {
        return {"sending", "hosting", "employee"};
    }
    if (kind == domain::ProgrammeKind::mentoring) {
        return {"sme", "mentor"};
    }
    return {};
}

// Queues the e-mail for an invitation or a reminder, with its event.
void queue_mail(pqxx::transaction_base& tx, std::int64_t programme_id, std::int64_t invitation_id,
                std::int64_t participant_id, const std::string& kind, std::optional<int> reminder,
                const std::string& at) {
    const auto message_id =
        sql::queue_message(tx, {programme_id, invitation_id, participant_id, kind, reminder, at});
    nlohmann::json data = {{"message_id", message_id},
                           {"invitation_id", invitation_id},
                           {"participant_id", participant_id},
                           {"kind", kind}};
    if (reminder) {
        data["reminder"] = *reminder;
    }
    append(tx, programme_id, "message.queued", data);
}

class Pass {
public:
    Pass(pqxx::dbtransaction& tx, const collection::LinkSettings& links, collection::InstrumentCache& instruments,
         domain::Instant now)
        : tx_(tx), links_(links), instruments_(instruments), now_(now), at_(rfc3339(now)) {}

    void run(const sql::StoredProgramme& programme, nlohmann::json& actions) {
        const auto& schedule = programme.programme.settings.schedule;
        for (const auto& engagement : sql::engagements_to_invite(tx_, programme.id)) {
            const domain::EngagementTimeline timeline{
                engagement.status, engagement.starts_on, engagement.ends_on,
                engagement.completed_at ? std::optional(instant(*engagement.completed_at)) : std::nullopt};
            if (domain::pre_wave_due(schedule, timeline, now_)) {
                invite(programme, engagement, "pre", actions);
            }
            if (domain::post_wave_due(schedule, timeline, now_)) {
                invite(programme, engagement, "post", actions);
            }
        }
        remind(programme, actions);
        for (const auto wave : kScheduledWaves) {
            close_if_due(programme, std::string(wave), actions);
        }
    }

private:
    void invite(const sql::StoredProgramme& programme, const sql::EngagementToInvite& engagement,
                const std::string& wave, nlohmann::json& actions) {
        for (const auto& respondent : respondents_of(programme.programme.kind)) {
            const auto invited = wave + ":" + respondent;
            if (std::find(engagement.invited.begin(), engagement.invited.end(), invited) != engagement.invited.end() ||
                !sql::find_instrument_for(tx_, programme.id, respondent, wave)) {
                continue;
            }
            collection::InvitationRequest request;
            request.engagement_id = engagement.id;
            request.respondent = respondent;
            request.wave = wave;
            request.valid_days = programme.programme.settings.schedule.invitation_valid_days;
            request.issued_at = at_;
            // A savepoint per link: one that cannot be issued (an erased
            // person, a company without a contact) leaves the others.
            pqxx::subtransaction link(tx_, "invite");
            auto issued = collection::issue_invitation(link, programme, request, links_, instruments_, kActor);
            nlohmann::json action = {{"action", "invite"},
                                     {"programme", programme.programme.slug},
                                     {"engagement_id", engagement.id},
                                     {"respondent", respondent},
                                     {"wave", wave}};
            if (!issued.ok()) {
                link.abort();
                action["skipped"] = issued.error().message;
                actions.push_back(std::move(action));
                continue;
            }
            const auto participant_id = link.exec_params1("SELECT participant_id FROM invitations WHERE id = $1",
                                                          issued->id)[0]
                                            .as<std::int64_t>();
            queue_mail(link, programme.id, issued->id, participant_id, "invitation", std::nullopt, at_);
            link.commit();
            action["invitation_id"] = issued->id;
            actions.push_back(std::move(action));
        }
    }

    void remind(const sql::StoredProgramme& programme, nlohmann::json& actions) {
        const auto& schedule = programme.programme.settings.schedule;
        for (const auto& invitation : sql::unanswered_invitations(tx_, programme.id, schedule.reminder_max)) {
            const domain::InvitationProgress progress{
                instant(invitation.issued_at), instant(invitation.expires_at), false, false,
                invitation.reminders_sent,
                invitation.last_reminded_at ? std::optional(instant(*invitation.last_reminded_at)) : std::nullopt};
            const auto number = domain::reminder_due(schedule, progress, now_);
            if (!number) {
                continue;
            }
            sql::record_reminder(tx_, invitation.id, *number, at_);
            append(tx_, programme.id, "invitation.reminded",
                   {{"invitation_id", invitation.id},
                    {"participant_id", invitation.participant_id},
                    {"wave", invitation.wave},
                    {"reminder", *number},
                    {"at", at_}});
            queue_mail(tx_, programme.id, invitation.id, invitation.participant_id, "reminder", *number, at_);
            actions.push_back({{"action", "remind"},
                               {"programme", programme.programme.slug},
                               {"invitation_id", invitation.id},
                               {"reminder", *number}});
        }
    }

    void close_if_due(const sql::StoredProgramme& programme, const std::string& wave, nlohmann::json& actions) {
        const auto progress = sql::wave_progress(tx_, programme.id, wave);
        if (progress.closed || !progress.last_issued_at) {
            return;
        }
        const bool may_join = std::any_of(progress.uninvited_statuses.begin(), progress.uninvited_statuses.end(),
                                          [&](auto status) { return domain::may_still_join(wave, status); });
        if (!domain::wave_close_due(programme.programme.settings.schedule, instant(*progress.last_issued_at), may_join,
                                    now_)) {
            return;
        }
        if (collection::close_wave(tx_, programme, wave, kActor, at_).ok()) {
            actions.push_back({{"action", "close_wave"}, {"programme", programme.programme.slug}, {"wave", wave}});
        }
    }

    pqxx::dbtransaction& tx_;
    const collection::LinkSettings& links_;
    collection::InstrumentCache& instruments_;
    domain::Instant now_;
    std::string at_;
};

}  // namespace

SchedulePass run_schedule_pass(pqxx::connection& connection, const collection::LinkSettings& links,
                               collection::InstrumentCache& instruments, domain::Instant now, bool dry_run) {
    SchedulePass result;
    pqxx::work tx(connection);
    // Transaction-scoped: released by commit, rollback or a dead connection.
    if (!tx.exec1("SELECT pg_try_advisory_xact_lock(hashtext('yardstick.scheduler'))")[0].as<bool>()) {
        result.had_turn = false;
        return result;
    }
    Pass pass(tx, links, instruments, now);
    for (const auto id : sql::scheduled_programme_ids(tx)) {
        pass.run(sql::find_programme_by_id(tx, id).value(), result.actions);
    }
    if (!dry_run) {
        tx.commit();
    }
    return result;
}

}  // namespace yardstick::server::lifecycle
