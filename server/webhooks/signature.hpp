#pragma once
// The signature of a webhook delivery: the header
//   Yardstick-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">
// keyed with the subscription's secret exactly as it was shown ("whsec_…").
// A receiver recomputes it over the raw body and refuses an old `t` (replays).

#include <cstdint>
#include <string>
#include <string_view>

namespace yardstick::server::webhooks {

std::string signature_header(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

/// A new secret: "whsec_" and 256 random bits in base64url.
std::string new_secret();

}  // namespace yardstick::server::webhooks
