#pragma once
// Indicators as JSON: the templates' indicators.json and the API's
// GET /programmes/{slug}/indicators. Reading is strict, like instruments':
// unknown and missing members are errors, every problem is reported with
// its path (`[3].reads[0].question`), then domain::check_indicators() has
// its say.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yardstick/domain/indicator.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::json {

/// Reads an array of indicators and checks them against the template's
/// instruments and languages.
Result<std::vector<domain::Indicator>> indicators_from_json(const nlohmann::json& document,
                                                            const std::vector<domain::Instrument>& instruments,
                                                            const std::vector<std::string>& languages);

/// One indicator as indicators_from_json() reads it (kind-specific members
/// only when the kind uses them).
nlohmann::json indicator_to_json(const domain::Indicator& indicator);

}  // namespace yardstick::server::json
