#pragma once
// Base64 (RFC 4648) decoding for tests that read e-mail bodies; characters
// outside the alphabet (line breaks, padding) are skipped.

#include <string>

namespace yardstick::testing {

inline std::string decode_base64(const std::string& text) {
    std::string out;
    int bits = 0;
    unsigned value = 0;
    for (const char c : text) {
        int digit = -1;
        if (c >= 'A' && c <= 'Z') {
            digit = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            digit = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            digit = c - '0' + 52;
        } else if (c == '+') {
            digit = 62;
        } else if (c == '/') {
            digit = 63;
        }
        if (digit < 0) {
            continue;
        }
        value = (value << 6) | static_cast<unsigned>(digit);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> bits) & 0xFFu);
        }
    }
    return out;
}

}  // namespace yardstick::testing
