#pragma once
// canonical_json() for a value already parsed (the seals build the event's
// object in memory rather than writing and re-reading it).

#include <string>

#include <nlohmann/json.hpp>

namespace yardstick::sql::internal {

/// Appends the RFC 8785 form of `value` to `out`.
void write_canonical_json(std::string& out, const nlohmann::json& value);

}  // namespace yardstick::sql::internal
