#pragma once
// Instants of the scheduler's clock as RFC 3339 text, and back (the CLI's
// `--at`).

#include <optional>
#include <string>
#include <string_view>

#include "yardstick/domain/lifecycle.hpp"

namespace yardstick::server::lifecycle {

/// "2027-04-02T09:00:00Z".
std::string rfc3339(domain::Instant instant);

/// "YYYY-MM-DDTHH:MM:SS[.fraction]Z" or with an offset "+HH:MM"/"-HH:MM"
/// (the fraction is dropped), or a bare
/// date "YYYY-MM-DD" (midnight UTC); nullopt for anything else.
std::optional<domain::Instant> parse_instant(std::string_view text);

/// The system clock, to the second.
domain::Instant system_now();

}  // namespace yardstick::server::lifecycle
