#pragma once
// The fields of an HTML form as browsers post them
// (application/x-www-form-urlencoded): the participants' pages, /login, and
// the CSRF token of every staff form.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/domain/result.hpp"

namespace yardstick::server::http {

/// The fields of a form, each name with its values in the order posted.
using FormFields = std::map<std::string, std::vector<std::string>>;

/// Reads an application/x-www-form-urlencoded body ('+' is a space).
/// invalid_argument when it is not one, or a value is not UTF-8.
Result<FormFields> parse_form_body(std::string_view body);

/// The first value of `name`, or empty.
std::string first_value(const FormFields& fields, const std::string& name);

}  // namespace yardstick::server::http
