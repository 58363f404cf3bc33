#include "yardstick/sql/canonical_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "canonical_json_value.hpp"

namespace yardstick::sql {

namespace {

using nlohmann::json;

/// The UTF-16 code units of a UTF-8 string (nlohmann has validated it).
std::u16string utf16_of(const std::string& text) {
    std::u16string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::uint32_t code = 0;
        std::size_t length = 1;
        if (lead < 0x80) {
            code = lead;
        } else if ((lead >> 5) == 0x6) {
            code = lead & 0x1F;
            length = 2;
        } else if ((lead >> 4) == 0xE) {
            code = lead & 0x0F;
            length = 3;
        } else {
            code = lead & 0x07;
            length = 4;
        }
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        i += length;
        if (code >= 0x10000) {
            code -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (code >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(code));
        }
    }
    return out;
}

void write_string(std::string& out, const std::string& text) {
    static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                  '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out.push_back('"');
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
                    out.push_back(kHex[static_cast<unsigned char>(c) & 0xF]);
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

/// ECMAScript's Number::toString (ECMA-262 §6.1.6.1.20) from the shortest
/// digits that read back as the same double, which std::to_chars gives.
void write_double(std::string& out, double value) {
    if (!std::isfinite(value)) {
        throw std::invalid_argument("JSON numbers must be finite");
    }
    if (value == 0) {
        out.push_back('0');  // and −0 too
        return;
    }
    if (value < 0) {
        out.push_back('-');
        value = -value;
    }
    std::array<char, 64> buffer{};
    const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                       std::chars_format::scientific);
    const std::string scientific(buffer.data(), written.ptr);  // d[.ddd]e±XX
    const auto e = scientific.find('e');
    std::string digits = scientific.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int k = static_cast<int>(digits.size());
    const int n = std::stoi(scientific.substr(e + 1)) + 1;  // value = 0.digits × 10^n
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n));
        out.push_back('.');
        out += digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out.push_back(digits[0]);
        if (k > 1) {
            out.push_back('.');
            out += digits.substr(1);
        }
        out.push_back('e');
        out.push_back(n - 1 < 0 ? '-' : '+');
        out += std::to_string(std::abs(n - 1));
    }
}

void write(std::string& out, const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            out += "null";
            break;
        case json::value_t::boolean:
            out += value.get<bool>() ? "true" : "false";
            break;
        case json::value_t::number_integer:
            // Up to ±2^53 exactly what a double prints; beyond, see the header.
            out += std::to_string(value.get<std::int64_t>());
            break;
        case json::value_t::number_unsigned:
            out += std::to_string(value.get<std::uint64_t>());
            break;
        case json::value_t::number_float:
            write_double(out, value.get<double>());
            break;
        case json::value_t::string:
            write_string(out, value.get_ref<const std::string&>());
            break;
        case json::value_t::array: {
            out.push_back('[');
            bool first = true;
            for (const auto& element : value) {
                if (!first) {
                    out.push_back(',');
                }
                first = false;
                write(out, element);
            }
            out.push_back(']');
            break;
        }
        case json::value_t::object: {
            std::vector<std::pair<std::u16string, const json::object_t::value_type*>> members;
            for (const auto& member : value.get_ref<const json::object_t&>()) {
                members.emplace_back(utf16_of(member.first), &member);
            }
            std::sort(members.begin(), members.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            out.push_back('{');
            bool first = true;
            for (const auto& [name, member] : members) {
                if (!first) {
                    out.push_back(',');
                }
                first = false;
                write_string(out, member->first);
                out.push_back(':');
                write(out, member->second);
            }
            out.push_back('}');
            break;
        }
        default:
            throw std::invalid_argument("not a JSON value");
    }
}

}  // namespace

void internal::write_canonical_json(std::string& out, const nlohmann::json& value) {
    write(out, value);
}

std::string canonical_json(std::string_view json_text) {
    json value;
    try {
        value = json::parse(json_text);
    } catch (const json::parse_error& e) {
        throw std::invalid_argument(std::string("not JSON: ") + e.what());
    }
    std::string out;
    write(out, value);
    return out;
}

}  // namespace yardstick::sql
