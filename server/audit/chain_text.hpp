#pragma once
// How the event log's chain is written for people and tools: a head as
// "SEQ:HEX" (what reports and manifests print and `--expect-head` reads
// back), and a verification's verdict as JSON.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "yardstick/sql/event_seals.hpp"

namespace yardstick::server::audit {

/// "1234:9f86d081…" (64 lowercase hex digits).
std::string head_text(const sql::ChainHead& head);

/// The head "SEQ:HEX" names; nothing when it is not of that form (a
/// sequence number, 64 hex digits in either case). "0:000…0" is the empty
/// chain's head, which a report of a programme without data carries.
std::optional<sql::ChainHead> parse_head(std::string_view text);

/// {"ok": true, "events": n, "head": "<hex>", "head_seq": n} or
/// {"ok": false, "first_bad_seq": n, "reason": "…"}.
nlohmann::json verdict_json(const sql::ChainVerdict& verdict);

}  // namespace yardstick::server::audit
