#pragma once
// The JSON Canonicalization Scheme (RFC 8785): one byte sequence for every
// JSON value, whatever order its keys came in and however its numbers were
// written. The event log's seals hash these bytes, because PostgreSQL's jsonb
// keeps neither the key order nor the spelling it was given.

#include <string>
#include <string_view>

namespace yardstick::sql {

/// The canonical form of the JSON text: object members sorted by their names'
/// UTF-16 code units, no whitespace, strings with only the escapes RFC 8785
/// requires, numbers as ECMAScript writes a double. Integers beyond ±2^53
/// (which a double cannot hold) are written in full rather than rounded:
/// the log never stores one, and rounding would hide a change.
/// Throws std::invalid_argument for text that is not JSON, or that holds a
/// number a double cannot represent (NaN, infinity).
std::string canonical_json(std::string_view json_text);

}  // namespace yardstick::sql
