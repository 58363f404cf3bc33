#pragma once
// The forms' one stylesheet, served by the server itself (no external
// resources), under an address that changes with its content so that it can
// be cached for a year.

#include <string>
#include <string_view>

namespace yardstick::server::forms {

/// The CSS text.
std::string_view stylesheet();

/// "/assets/form.css?v=<first 12 hex digits of its SHA-256>".
const std::string& stylesheet_url();

}  // namespace yardstick::server::forms
