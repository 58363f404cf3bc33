#include "server/webhooks/signature.hpp"

#include "server/security/tokens.hpp"

namespace yardstick::server::webhooks {

std::string signature_header(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
    const auto t = std::to_string(unix_seconds);
    std::string signed_text;
    signed_text.reserve(t.size() + 1 + body.size());
    signed_text.append(t).append(".").append(body);
    const auto mac = security::hmac_sha256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                                           signed_text);
    return "t=" + t + ",v1=" + security::lower_hex(mac.data(), mac.size());
}

std::string new_secret() {
    return "whsec_" + security::generate_token();
}

}  // namespace yardstick::server::webhooks
