#pragma once
// A programme's `settings.schedule` as JSON: in programme.json templates, in
// PATCH /api/v1/programmes/{slug} and in what the API shows.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yardstick/domain/registry.hpp"

namespace yardstick::server::json {

nlohmann::json schedule_to_json(const domain::ScheduleSettings& schedule);

/// Reads the members given in `object` over `schedule` (members left out keep
/// their value). Wrong types and unknown members are reported as
/// `<prefix><member>`; ranges are domain::validate_schedule()'s to check.
void read_schedule(const nlohmann::json& object, domain::ScheduleSettings& schedule, const std::string& prefix,
                   std::vector<FieldError>& errors);

}  // namespace yardstick::server::json
