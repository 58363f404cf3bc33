#pragma once
// How the JSON readers (instruments, answers) name a value that is not what
// they expected, so that every message reads the same way.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace yardstick::server::json {

// "null", "a number", "an array", … for messages.
inline std::string describe(const nlohmann::json& value) {
    if (value.is_null()) {
        return "null";
    }
    const std::string name = value.type_name();
    return (value.is_array() || value.is_object() ? "an " : "a ") + name;
}

inline std::string wrong_type(std::string_view expected, const nlohmann::json& value) {
    return "must be " + std::string(expected) + ", not " + describe(value);
}

}  // namespace yardstick::server::json
