#include "yardstick/sql/engagements.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

// The variant's order is the order of domain::ProgrammeKind.
static_assert(static_cast<int>(domain::ProgrammeKind::exchange) == 0);
static_assert(static_cast<int>(domain::ProgrammeKind::mentoring) == 1);
static_assert(static_cast<int>(domain::ProgrammeKind::skills_monitor) == 2);

constexpr const char* kSelectEngagement =
    "SELECT id, reference, kind, status, sending_organisation_id, hosting_organisation_id, participant_id, "
    "       starts_on::text, ends_on::text, duration_days, volunteer_organisation_id, mentor_participant_id, "
    "       sme_organisation_id, respondent_participant_id, round, rfc3339(created_at) "
    "FROM engagements ";

StoredEngagement engagement_from_row(const pqxx::row& row) {
    StoredEngagement stored;
    stored.id = row[0].as<std::int64_t>();
    stored.reference = optional_field<std::string>(row[1]);
    const auto kind = domain::parse_programme_kind(row[2].as<std::string>()).value();
    stored.status = domain::parse_engagement_status(row[3].as<std::string>()).value();
    switch (kind) {
        case domain::ProgrammeKind::exchange: {
            domain::Exchange exchange;
            exchange.sending_organisation_id = row[4].as<std::int64_t>();
            exchange.hosting_organisation_id = row[5].as<std::int64_t>();
            exchange.participant_id = row[6].as<std::int64_t>();
            exchange.starts_on = domain::parse_date(row[7].as<std::string>()).value();
            exchange.ends_on = domain::parse_date(row[8].as<std::string>()).value();
            exchange.duration_days = row[9].as<int>();
            exchange.status = stored.status;
            stored.details = exchange;
            break;
        }
        case domain::ProgrammeKind::mentoring: {
            domain::Mentoring mentoring;
            mentoring.volunteer_organisation_id = row[10].as<std::int64_t>();
            mentoring.mentor_participant_id = row[11].as<std::int64_t>();
            mentoring.sme_organisation_id = row[12].as<std::int64_t>();
            mentoring.status = stored.status;
            stored.details = mentoring;
            break;
        }
        case domain::ProgrammeKind::skills_monitor: {
            domain::SkillsRound round;
            round.respondent_participant_id = row[13].as<std::int64_t>();
            round.round = row[14].as<std::string>();
            round.status = stored.status;
            stored.details = round;
            break;
        }
    }
    stored.created_at = row[15].as<std::string>();
    return stored;
}

}  // namespace

std::int64_t insert_engagement(pqxx::transaction_base& tx, std::int64_t programme_id,
                               const std::variant<domain::Exchange, domain::Mentoring, domain::SkillsRound>& details,
                               const std::optional<std::string>& reference) {
    if (const auto* exchange = std::get_if<domain::Exchange>(&details)) {
        return tx
            .exec_params1(
                "INSERT INTO engagements (programme_id, reference, kind, status, sending_organisation_id, "
                "    hosting_organisation_id, participant_id, starts_on, ends_on, duration_days) "
                "VALUES ($1, $2, 'exchange', $3, $4, $5, $6, $7::date, $8::date, $9) RETURNING id",
                programme_id, reference, std::string(domain::to_string(exchange->status)),
                exchange->sending_organisation_id, exchange->hosting_organisation_id, exchange->participant_id,
                domain::to_string(exchange->starts_on), domain::to_string(exchange->ends_on),
                exchange->duration_days)[0]
            .as<std::int64_t>();
    }
    if (const auto* mentoring = std::get_if<domain::Mentoring>(&details)) {
        return tx
            .exec_params1(
                "INSERT INTO engagements (programme_id, reference, kind, status, volunteer_organisation_id, "
                "    mentor_participant_id, sme_organisation_id) "
                "VALUES ($1, $2, 'mentoring', $3, $4, $5, $6) RETURNING id",
                programme_id, reference, std::string(domain::to_string(mentoring->status)),
                mentoring->volunteer_organisation_id, mentoring->mentor_participant_id,
                mentoring->sme_organisation_id)[0]
            .as<std::int64_t>();
    }
    const auto& round = std::get<domain::SkillsRound>(details);
    return tx
        .exec_params1(
            "INSERT INTO engagements (programme_id, reference, kind, status, respondent_participant_id, round) "
            "VALUES ($1, $2, 'skills-monitor', $3, $4, $5) RETURNING id",
            programme_id, reference, std::string(domain::to_string(round.status)), round.respondent_participant_id,
            round.round)[0]
        .as<std::int64_t>();
}

std::optional<StoredEngagement> find_engagement(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                std::int64_t id) {
    const auto rows =
        tx.exec_params(std::string(kSelectEngagement) + "WHERE programme_id = $1 AND id = $2", programme_id, id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return engagement_from_row(rows[0]);
}

std::optional<std::int64_t> find_engagement_id_by_reference(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                            const std::string& reference) {
    const auto rows = tx.exec_params("SELECT id FROM engagements WHERE programme_id = $1 AND reference = $2",
                                     programme_id, reference);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0][0].as<std::int64_t>();
}

std::optional<domain::EngagementStatus> lock_engagement_status(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                               std::int64_t id) {
    const auto rows = tx.exec_params("SELECT status FROM engagements WHERE programme_id = $1 AND id = $2 FOR UPDATE",
                                     programme_id, id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return domain::parse_engagement_status(rows[0][0].as<std::string>()).value();
}

void update_engagement_status(pqxx::transaction_base& tx, std::int64_t id, domain::EngagementStatus status) {
    // Each status but planned has the column <status>_at, written when it is reached.
    tx.exec_params(
        "UPDATE engagements SET status = $2, "
        "    matched_at   = CASE WHEN $2 = 'matched'   THEN now() ELSE matched_at END, "
        "    started_at   = CASE WHEN $2 = 'started'   THEN now() ELSE started_at END, "
        "    completed_at = CASE WHEN $2 = 'completed' THEN now() ELSE completed_at END, "
        "    cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END "
        "WHERE id = $1",
        id, std::string(domain::to_string(status)));
}

CancelledLinks cancel_engagement_links(pqxx::transaction_base& tx, std::int64_t engagement_id) {
    CancelledLinks cancelled;
    // As for an erasure, the link's validity is capped rather than its row
    // changed otherwise: the page of a cancelled link still explains itself.
    const auto invitations = tx.exec_params(
        "UPDATE invitations SET cancelled_at = now(), "
        "    expires_at = greatest(issued_at + interval '1 microsecond', least(expires_at, now())) "
        "WHERE engagement_id = $1 AND status <> 'submitted' AND cancelled_at IS NULL "
        "RETURNING id",
        engagement_id);
    for (const auto& row : invitations) {
        cancelled.invitation_ids.push_back(row[0].as<std::int64_t>());
    }
    cancelled.messages = tx.exec_params(
                               "UPDATE outbox_messages m SET status = 'cancelled', "
                               "    cancelled_reason = 'engagement cancelled' "
                               "FROM invitations i "
                               "WHERE i.id = m.invitation_id AND i.engagement_id = $1 AND m.status = 'pending'",
                               engagement_id)
                             .affected_rows();
    return cancelled;
}

std::vector<StoredEngagement> list_engagements(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t after_id, std::int64_t limit) {
    const auto rows =
        tx.exec_params(std::string(kSelectEngagement) + "WHERE programme_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                       programme_id, after_id, limit);
    return map_rows(rows, engagement_from_row);
}

}  // namespace yardstick::sql
