#pragma once
// Small text rules shared by the registry's validators (private to domain/).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yardstick/domain/result.hpp"

namespace yardstick::domain::registry_text {

/// Names may hold at most this many characters (Unicode code points).
inline constexpr std::size_t kMaxNameLength = 200;

inline bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// `text` without leading and trailing ASCII whitespace.
inline std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

/// Code points in UTF-8 `text` (bytes that are not continuation bytes), so
/// that "Müller" counts 6, not 7.
inline std::size_t code_points(std::string_view text) noexcept {
    std::size_t n = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++n;
        }
    }
    return n;
}

/// Empty when `trimmed` is a valid name, else why not.
inline std::string name_problem(std::string_view trimmed) {
    if (trimmed.empty()) {
        return "must not be empty";
    }
    if (code_points(trimmed) > kMaxNameLength) {
        return "must be at most 200 characters";
    }
    return {};
}

/// Collects every broken field of one request, then becomes one Error.
class FieldErrors {
public:
    void add(std::string field, std::string message) { fields_.push_back({std::move(field), std::move(message)}); }
    bool empty() const noexcept { return fields_.empty(); }

    /// invalid_argument whose message lists the fields, e.g. "invalid name, country".
    Error to_error() && {
        std::string message = "invalid ";
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            message += (i == 0 ? "" : ", ") + fields_[i].field;
        }
        return Error{ErrorCode::invalid_argument, std::move(message), std::move(fields_)};
    }

private:
    std::vector<FieldError> fields_;
};

}  // namespace yardstick::domain::registry_text
