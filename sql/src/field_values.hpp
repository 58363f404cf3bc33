#pragma once
// Reading results: nullable columns (libpqxx 6.4 has no
// field::as<std::optional<T>>) and whole results mapped row by row.

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pqxx/array>
#include <pqxx/field>
#include <pqxx/result>

namespace yardstick::sql {

template <typename T>
std::optional<T> optional_field(const pqxx::field& field) {
    if (field.is_null()) {
        return std::nullopt;
    }
    return field.as<T>();
}

/// Every row of `rows` mapped by `from_row`, in order.
template <typename FromRow>
auto map_rows(const pqxx::result& rows, FromRow from_row) {
    std::vector<decltype(from_row(rows[0]))> values;
    values.reserve(rows.size());
    for (const auto& row : rows) {
        values.push_back(from_row(row));
    }
    return values;
}

/// A text[] as libpqxx 6.4 reads it: {a,b,c}.
inline std::vector<std::string> text_array(const pqxx::field& field) {
    std::vector<std::string> values;
    auto parser = field.as_array();
    for (auto [kind, value] = parser.get_next(); kind != pqxx::array_parser::done;
         std::tie(kind, value) = parser.get_next()) {
        if (kind == pqxx::array_parser::string_value) {
            values.push_back(value);
        }
    }
    return values;
}

}  // namespace yardstick::sql
