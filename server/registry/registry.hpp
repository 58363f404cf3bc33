#pragma once
// The registry's use cases: creating a programme from a bundled template,
// registering organisations, adding participants, planning engagements.
// Each runs inside the caller's transaction: domain validation, the row, and
// its event (ids and codes only — no names, e-mail addresses or free text).
// The HTTP API, CSV imports and the demo loader all come through here.

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "server/security/master_key.hpp"
#include "yardstick/domain/registry.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::registry {

/// Creates programme `slug` from bundled template `template_key` with its
/// instruments as version 1. Fields: slug (taken → already_exists), name,
/// template.
Result<sql::StoredProgramme> create_programme(pqxx::transaction_base& tx, const std::string& slug,
                                              const std::string& name, const std::string& template_key,
                                              const std::string& actor);

/// The settings a programme may change after it was created.
struct SettingsChange {
    std::optional<int> retention_days;                   ///< 0 to domain::kMaxRetentionDays
    std::optional<domain::ScheduleSettings> schedule;  ///< the whole schedule as it is to be
};

/// Applies the change (fields retention_days and schedule.<member>, as
/// domain::validate_programme() judges them) and appends
/// programme.settings_changed with each changed setting's old and new value.
/// Returns the programme as it now is.
Result<sql::StoredProgramme> change_settings(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                             const SettingsChange& change, const std::string& actor);

/// Registers an organisation (fields name, country, sector, size, reference).
Result<std::int64_t> register_organisation(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                           const domain::OrganisationDraft& draft,
                                           const std::optional<std::string>& reference, const std::string& actor);

/// Adds a participant to an organisation of the programme (fields
/// organisation_id, role, name, email, language, reference).
Result<std::int64_t> add_participant(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                     const domain::ParticipantDraft& draft, const std::optional<std::string>& reference,
                                     const std::string& actor, const security::MasterKey& master);

/// An engagement as submitted: `kind` and the ids of the kind's own fields.
struct EngagementRequest {
    std::string kind;  ///< exchange, mentoring, skills-monitor
    // exchange
    std::int64_t sending_organisation_id = 0;
    std::int64_t hosting_organisation_id = 0;
    std::int64_t participant_id = 0;
    std::string starts_on;
    std::string ends_on;
    // mentoring
    std::int64_t volunteer_organisation_id = 0;
    std::int64_t mentor_participant_id = 0;
    std::int64_t sme_organisation_id = 0;
    // skills-monitor
    std::int64_t respondent_participant_id = 0;
    std::string round;
};

/// The fields each kind takes, for request parsers.
const std::vector<std::string_view>& engagement_fields(std::string_view kind);

/// Plans an engagement of the programme's kind (field `kind` otherwise);
/// ids must name organisations and participants of this programme.
Result<std::int64_t> create_engagement(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                       const EngagementRequest& request, const std::optional<std::string>& reference,
                                       const std::string& actor);

/// Moves an engagement along its lifecycle (planned → matched → started →
/// completed, or any non-final status → cancelled): field `status` for an
/// unknown status, failed_precondition for a move the lifecycle forbids,
/// not_found for an unknown engagement. Event engagement.status_changed.
Result<domain::EngagementStatus> change_engagement_status(pqxx::transaction_base& tx,
                                                          const sql::StoredProgramme& programme, std::int64_t id,
                                                          const std::string& status, const std::string& actor);

/// The programme `slug`, or not_found.
Result<sql::StoredProgramme> require_programme(pqxx::transaction_base& tx, const std::string& slug);

}  // namespace yardstick::server::registry
