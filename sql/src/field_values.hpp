#pragma once
// Reading results: nullable columns (libpqxx 6.4 has no
// field::as<std::optional<T>>) and whole results mapped row by row.

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pqxx/array>
#include <pqxx/binarystring>
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

/// A nullable bytea column as raw bytes.
inline std::optional<std::string> optional_bytes(const pqxx::field& field) {
    if (field.is_null()) {
        return std::nullopt;
    }
    return pqxx::binarystring(field).str();
}

/// Raw bytes as hex text for a nullable bytea parameter (libpqxx 6.4 binds
/// binarystring but not an optional one): bind it as `decode($n, 'hex')`.
inline std::optional<std::string> hex_or_null(const std::optional<std::string>& bytes) {
    if (!bytes) {
        return std::nullopt;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes->size() * 2);
    for (const unsigned char b : *bytes) {
        hex += kHex[b >> 4];
        hex += kHex[b & 0xF];
    }
    return hex;
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

/// A text[] literal of values that need no quoting (no braces, commas,
/// quotes, backslashes or spaces: scopes, event types), to bind as `$n::text[]`.
inline std::string simple_text_array(const std::vector<std::string>& values) {
    std::string literal = "{";
    for (const auto& value : values) {
        literal += (literal.size() > 1 ? "," : "") + value;
    }
    return literal + "}";
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
