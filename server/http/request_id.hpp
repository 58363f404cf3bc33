#pragma once
// Request ids: one per request, echoed as X-Request-Id and written to the
// access log, so that a client's complaint can be matched to a log line.

#include <string>
#include <string_view>

namespace yardstick::server::http {

/// A client's X-Request-Id is honoured when it is 1–128 characters of
/// [A-Za-z0-9._:-]; anything else could smuggle text into the logs.
bool is_acceptable_request_id(std::string_view id) noexcept;

/// 128 random bits as 32 lower-case hex characters.
std::string generate_request_id();

}  // namespace yardstick::server::http
