#pragma once
// How registry rows look in API answers.

#include <nlohmann/json.hpp>

#include "yardstick/sql/engagements.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/organisations.hpp"
#include "yardstick/sql/programmes.hpp"

namespace yardstick::server::routes {

nlohmann::json programme_json(const sql::StoredProgramme& programme);
nlohmann::json organisation_json(const sql::StoredOrganisation& organisation);
nlohmann::json participant_json(const sql::StoredParticipant& participant);
nlohmann::json engagement_json(const sql::StoredEngagement& engagement);

}  // namespace yardstick::server::routes
