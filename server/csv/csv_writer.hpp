#pragma once
// Writing CSV as RFC 4180 says (fields quoted when they must be, CRLF line
// ends): the report's CSV and the auditors' exports write it the same way.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yardstick::server::csv {

/// The field as written: quoted when it holds a comma, a quote or a line
/// break, with its quotes doubled (§2.6–2.7).
std::string csv_field(std::string_view text);

/// Appends one record: the fields, separated by commas, then CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

/// The shortest text that reads back as the same double, whatever the
/// locale ("0.1", "1e+21"); empty for nothing or a value that is not finite.
std::string shortest_decimal(const std::optional<double>& value);

}  // namespace yardstick::server::csv
