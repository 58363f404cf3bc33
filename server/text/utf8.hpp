#pragma once
// UTF-8 checks for text that arrives from outside (CSV files, form posts)
// before it reaches PostgreSQL, which refuses malformed UTF-8 anyway, but
// with an error no user can act on.

#include <string_view>

namespace yardstick::server::text {

/// Well-formed UTF-8 as the Unicode Standard defines it (chapter 3, table
/// 3-7): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s) noexcept;

}  // namespace yardstick::server::text
